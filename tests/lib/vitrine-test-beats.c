/* vitrine-test-beats.c: generated music with known beats (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-test-beats.h"

void
vt_beats_spec_init (VtBeatsSpec *spec)
{
  *spec = (VtBeatsSpec) {
    .sound = VT_BEATS_DRUMS, .sample_rate = 48000, .seconds = 30, .bpm = 120,
    .swing = 0.5, .seed = 1,
  };
}

/* The period after the beat at @t, numbered @n. */
static double
period_at (const VtBeatsSpec *spec,
           double             t,
           guint              n,
           guint             *ramp_start,
           gboolean          *ramping,
           double            *bpm)
{
  if (spec->step_at > 0 && t >= spec->step_at)
    *bpm = spec->step_bpm;
  if (spec->ramp_from > 0 && t >= spec->ramp_from && spec->ramp_beats > 0)
    {
      if (!*ramping && *ramp_start == 0)
        {
          *ramp_start = n;
          *ramping = TRUE;
        }
      if (*ramping)
        {
          double done = (double) (n - *ramp_start) / spec->ramp_beats;

          if (done >= 1)
            {
              *ramping = FALSE;
              *bpm = spec->ramp_bpm;
            }
          else
            return 60.0 / (spec->bpm + (spec->ramp_bpm - spec->bpm) * done);
        }
      else
        *bpm = spec->ramp_bpm;
    }
  return 60.0 / *bpm;
}

static void
add_hit (float   *out,
         gsize    n,
         guint    rate,
         double   t,
         int      kind,
         double   gain,
         GRand   *rand)
{
  gsize start = (gsize) llround (t * rate);
  double phase = 0, lowpass = 0, previous = 0;
  gsize length = (gsize) (0.25 * rate);

  for (gsize i = 0; i < length && start + i < n; i++)
    {
      double s = (double) i / rate, v, white = g_rand_double_range (rand, -1, 1);

      switch (kind)
        {
        case 0: /* kick: a falling sine */
          phase += 2 * G_PI * (50 + 90 * exp (-s / 0.03)) / rate;
          v = sin (phase) * exp (-s / 0.12);
          break;
        case 1: /* snare: noise and a body */
          lowpass += 0.5 * (white - lowpass);
          v = (0.7 * lowpass + 0.3 * sin (2 * G_PI * 190 * s)) * exp (-s / 0.07);
          break;
        case 2: /* hi-hat: high-passed noise */
          v = (white - previous) * 0.5 * exp (-s / 0.025);
          previous = white;
          break;
        default: /* click: a short 1 kHz (accent 2 kHz) burst */
          v = sin (2 * G_PI * (gain > 0.9 ? 2000 : 1000) * s) * exp (-s / 0.01);
          break;
        }
      out[start + i] += (float) (gain * v);
    }
}

void
vt_beats_generate (const VtBeatsSpec *spec,
                   VtBeatsSignal     *signal)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (spec->seed);
  double t = 0.5, bpm = spec->bpm, period;
  guint n = 0, ramp_start = 0;
  gboolean ramping = FALSE;

  memset (signal, 0, sizeof *signal);
  signal->n_samples = (gsize) (spec->seconds * spec->sample_rate);
  signal->samples = g_new0 (float, signal->n_samples);
  signal->beats = g_array_new (FALSE, FALSE, sizeof (double));
  signal->downbeats = g_array_new (FALSE, FALSE, sizeof (double));

  for (; t < spec->seconds - 0.3; n++, t += period)
    {
      gboolean silent = spec->gap_to > spec->gap_from && t >= spec->gap_from && t < spec->gap_to;
      guint in_bar = n % 4;

      period = period_at (spec, t, n, &ramp_start, &ramping, &bpm);
      if (silent)
        continue;
      g_array_append_val (signal->beats, t);
      if (in_bar == 0)
        g_array_append_val (signal->downbeats, t);
      if (spec->sound == VT_BEATS_CLICKS)
        {
          add_hit (signal->samples, signal->n_samples, spec->sample_rate, t, 3,
                   in_bar == 0 ? 1.0 : 0.6, rand);
          continue;
        }
      if (in_bar == 0 || in_bar == 2)
        add_hit (signal->samples, signal->n_samples, spec->sample_rate, t, 0,
                 in_bar == 0 ? 0.8 : 0.6, rand);
      else
        add_hit (signal->samples, signal->n_samples, spec->sample_rate, t, 1, 0.5, rand);
      add_hit (signal->samples, signal->n_samples, spec->sample_rate, t, 2, 0.15, rand);
      add_hit (signal->samples, signal->n_samples, spec->sample_rate, t + spec->swing * period, 2,
               0.12, rand);
    }
  signal->end_bpm = bpm;

  for (gsize i = 0; i < signal->n_samples && spec->noise > 0; i++)
    signal->samples[i] += (float) (spec->noise * g_rand_double_range (rand, -1, 1));
  for (gsize i = 0; i < signal->n_samples; i++)
    signal->samples[i] = CLAMP (signal->samples[i], -1.0f, 1.0f);
}

void
vt_beats_signal_clear (VtBeatsSignal *signal)
{
  g_clear_pointer (&signal->samples, g_free);
  g_clear_pointer (&signal->beats, g_array_unref);
  g_clear_pointer (&signal->downbeats, g_array_unref);
}

/*
 * mir_eval's beat F-measure: beats before @skip_s dropped from both (trim_beats), then
 * each reference beat matched to at most one estimate within @tolerance, in order.
 */
double
vt_beats_f_measure (const double *reference,
                    guint         n_reference,
                    const double *estimated,
                    guint         n_estimated,
                    double        tolerance,
                    double        skip_s)
{
  guint r0 = 0, e0 = 0, matched = 0, i, j;
  double precision, recall;

  while (r0 < n_reference && reference[r0] < skip_s)
    r0++;
  while (e0 < n_estimated && estimated[e0] < skip_s)
    e0++;
  if (r0 == n_reference || e0 == n_estimated)
    return 0;
  for (i = r0, j = e0; i < n_reference && j < n_estimated;)
    {
      if (fabs (reference[i] - estimated[j]) <= tolerance)
        {
          matched++;
          i++;
          j++;
        }
      else if (estimated[j] < reference[i])
        j++;
      else
        i++;
    }
  precision = (double) matched / (n_estimated - e0);
  recall = (double) matched / (n_reference - r0);
  return matched > 0 ? 2 * precision * recall / (precision + recall) : 0;
}
