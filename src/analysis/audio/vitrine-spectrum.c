/* vitrine-spectrum.c: shared/specs/spectrum-bars.md, step by step. Step numbers in the
 * comments are the spec's. Arrays are single precision and scalars double, as in the
 * original, which keeps results within 1e-4 of it.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <kiss_fftr.h>
#include <math.h>
#include <string.h>

#include "vitrine-spectrum.h"

#define MIN_FLOOR 0.12
#define MAX_FLOOR 4.0
#define SILENCE_PEAK 1e-3
#define GAP_RESET_S 2.0

static const float shape_template[VITRINE_SPECTRUM_SHAPE_POINTS] = {
  0.10f, 0.15f, 0.25f, 0.50f, 1.0f, 0.45f, 0.25f, 0.08f,
  0.25f, 0.45f, 1.0f, 0.50f, 0.25f, 0.15f, 0.10f,
};

void
vitrine_spectrum_settings_init (VitrineSpectrumSettings *settings)
{
  *settings = (VitrineSpectrumSettings) {
    .bands = 15,
    .recommended = TRUE,
    .sensitivity = 1.0,
    .dynamic_floor = TRUE,
    .manual_floor = 2.1,
    .energy_boost = 0.85,
    .tau = 0.12,
  };
}

void
vitrine_spectrum_init (VitrineSpectrum               *self,
                       const VitrineSpectrumSettings *settings)
{
  memset (self, 0, sizeof *self);
  self->settings = *settings;
  self->settings.bands = CLAMP (settings->bands, 1, VITRINE_SPECTRUM_MAX_BARS);
  self->floor_avg = 2.1;
  self->floor_applied = 2.1;
  self->peak_norm = 1.0;
}

void
vitrine_spectrum_clear (VitrineSpectrum *self)
{
  g_clear_pointer (&self->fft, kiss_fftr_free);
  self->fft_size = 0;
}

/* Step 5 of §2: bands + 1 edges spaced logarithmically from 1 to n, through float. */
void
vitrine_spectrum_band_edges (guint  n,
                             guint  bands,
                             int   *edges)
{
  double top = log10 ((double) n);

  for (guint i = 0; i <= bands; i++)
    edges[i] = (int) (float) pow (10.0, i * top / bands);
}

/* Step 12 of §2: the 15-point profile, linearly resampled to @bands. */
void
vitrine_spectrum_shape (guint  bands,
                        float *shape)
{
  if (bands == VITRINE_SPECTRUM_SHAPE_POINTS)
    {
      memcpy (shape, shape_template, sizeof shape_template);
      return;
    }

  for (guint i = 0; i < bands; i++)
    {
      double position = bands == 1 ? 0.0 : (double) i / (bands - 1);
      double x = position * (VITRINE_SPECTRUM_SHAPE_POINTS - 1);
      guint j = MIN ((guint) x, VITRINE_SPECTRUM_SHAPE_POINTS - 2);
      double fraction = x - j;

      shape[i] = (float) (shape_template[j] + (shape_template[j + 1] - shape_template[j]) * fraction);
    }
}

/* §3: how far one step of dt moves the smoothed bars up (fast) and down (slow). */
void
vitrine_spectrum_smoothing_alphas (double  dt,
                                   double  tau,
                                   double *rise,
                                   double *decay)
{
  tau = MAX (tau, 0.05);
  *rise = CLAMP (1.0 - exp (-dt / (tau * 0.35)), 0.0, 1.0);
  *decay = CLAMP (1.0 - exp (-dt / (tau * 3.0)), 0.0, 1.0);
}

static double
mean_of (const float *values,
         guint        from,
         guint        to)
{
  double sum = 0;

  for (guint i = from; i < to; i++)
    sum += values[i];
  return to > from ? sum / (to - from) : 0;
}

static int
offset_of (guint i,
           guint center)
{
  return ABS ((int) i - (int) center);
}

/* Step 14: the low-resolution shaping, run only for small analysis frames. */
static double
low_res_shaping (VitrineSpectrum *self,
                 float           *bars,
                 guint            bands,
                 guint            center,
                 double           raw_bass,
                 double           floor,
                 double           d)
{
  guint pl = center >= 3 ? center - 3 : 0;
  guint pr = MIN (bands - 1, center + 3);
  double valley = 0, peak, soft, ccr, ridge, cf, cs, anchor;
  guint pulls;

  /* a. ridge boost */
  for (guint i = 0; i < bands; i++)
    {
      int off = offset_of (i, center);
      double factor = off == 3 ? 1.35 : (off == 2 || off == 4) ? 1.2 : off == 1 ? 1.05 : off == 0 ? 0.78 : 1.0;

      bars[i] = (float) (bars[i] * factor);
    }

  /* b. valley */
  if (self->prev_raw_bass > 1e-3)
    valley = MAX (valley, MAX (0.0, (self->prev_raw_bass - raw_bass) / self->prev_raw_bass));
  {
    double ref = MAX (floor * 1.05, 1e-3);

    if (raw_bass < ref)
      valley = MAX (valley, MIN (0.9, (ref - raw_bass) / ref));
  }
  self->drop_acc = self->drop_acc * 0.88 + valley * 0.55;
  if (valley < 0.02)
    self->drop_acc *= 0.92;
  self->drop_acc = CLAMP (self->drop_acc, 0.0, 1.0);
  d = MAX (d, self->drop_acc);

  /* c. bass drop cuts everything, the edges less */
  if (d > 0.05)
    {
      double strength = MIN (0.92, 0.22 + d * 1.45);
      double span = MAX (1, center);

      for (guint i = 0; i < bands; i++)
        {
          int off = offset_of (i, center);

          bars[i] = (float) (bars[i] * MAX (0.0, 1.0 - strength * MAX (0.25, 1.0 - (off / span) * 1.35)));
        }
    }

  /* d. caps around the centre */
  peak = MAX (MAX (bars[pl], bars[pr]), 1e-3);
  soft = MAX (0.0, 0.6 - d);
  ccr = CLAMP (0.97 + soft * 0.18, 0.95, 1.1);
  bars[center] = (float) MIN (bars[center], peak * ccr);
  {
    double cap1 = peak * MAX (0.6, ccr - 0.06);
    double cap2 = peak * MAX (0.52, ccr - 0.12);
    guint l1 = center >= 1 ? center - 1 : 0, r1 = MIN (bands - 1, center + 1);
    guint l2 = center >= 2 ? center - 2 : 0, r2 = MIN (bands - 1, center + 2);

    bars[l1] = (float) MIN (bars[l1], cap1);
    bars[r1] = (float) MIN (bars[r1], cap1);
    bars[l2] = (float) MIN (bars[l2], cap2);
    bars[r2] = (float) MIN (bars[r2], cap2);
  }

  /* e. damping */
  if (d > 0.02)
    {
      double damp = MIN (0.38, 0.06 + d * 0.4);

      bars[center] = (float) (bars[center] * MAX (0.45, 1.0 - damp));
      for (guint o = 1; o <= 2; o++)
        {
          double factor = MAX (0.55, 1.0 - damp * (o == 1 ? 0.36 : 0.22));
          guint left = center >= o ? center - o : 0;
          guint right = MIN (bands - 1, center + o);

          bars[left] = (float) (bars[left] * factor);
          bars[right] = (float) (bars[right] * factor);
        }
    }

  /* f. the centre between a floor and a ceiling from the ridge */
  ridge = 0.5 * (bars[pl] + bars[pr]);
  cf = ridge * (0.08 + d * 0.05) + 0.025;
  cs = ridge * (0.28 + d * 0.1) + 0.05;
  bars[center] = (float) MIN (MAX ((double) bars[center], cf), MAX (cs, cf));

  /* g. pull toward the ridge profile */
  anchor = MAX (ridge, 1e-3);
  pulls = MIN (MIN (6, center + 1), bands - center);
  for (guint o = 0; o < pulls; o++)
    {
      double ratio;
      double want;

      switch (o)
        {
        case 0: ratio = 0.25 + d * 0.1; break;
        case 1: ratio = 0.53 + d * 0.07; break;
        case 2: ratio = 0.7; break;
        case 3: ratio = 1.08; break;
        case 4: ratio = 0.6; break;
        case 5: ratio = 0.36; break;
        default: ratio = MAX (0.15, 0.5 - o * 0.07); break;
        }
      want = anchor * ratio;
      if (center >= o)
        bars[center - o] = (float) (bars[center - o] * 0.55 + want * 0.45);
      if (center + o < bands)
        bars[center + o] = (float) (bars[center + o] * 0.55 + want * 0.45);
    }

  /* h. blur */
  if (bands > 2)
    {
      float copy[VITRINE_SPECTRUM_MAX_BARS];

      memcpy (copy, bars, bands * sizeof (float));
      for (guint i = 1; i + 1 < bands; i++)
        bars[i] = (float) (copy[i] * 0.46 + (copy[i - 1] + copy[i + 1]) * 0.27);
      bars[0] = (float) (copy[0] * 0.64 + copy[1] * 0.36);
      bars[bands - 1] = (float) (copy[bands - 1] * 0.64 + copy[bands - 2] * 0.36);
    }

  return d;
}

/*
 * §2, steps 1 to 18: @magnitudes holds |X[k]| for k = 0 .. n (n = N/2); @raw receives the
 * bands' raw bars.
 */
void
vitrine_spectrum_fft_to_bars (VitrineSpectrum *self,
                              const float     *magnitudes,
                              guint            n,
                              double           t,
                              float           *raw)
{
  const VitrineSpectrumSettings *settings = &self->settings;
  guint bands = settings->bands;
  guint center = bands / 2;
  g_autofree float *mag = g_new (float, n);
  g_autofree float *conv = g_new (float, n);
  float f[VITRINE_SPECTRUM_MAX_BARS];
  float shape[VITRINE_SPECTRUM_MAX_BARS];
  int edges[VITRINE_SPECTRUM_MAX_BARS + 1];
  double boost, raw_bass, raw_mid, raw_treble, bass_drop_ratio = 0, floor_base, expansion_base;
  double base_floor, expansion, target, floor, bass, mid, treble, overall, d, scale, p;
  gboolean low_res;

  /* 1. no DC */
  for (guint j = 0; j < n; j++)
    mag[j] = magnitudes[j + 1];

  /* 2. */
  boost = CLAMP (1024.0 / MAX (256, n), 0.5, 3.0);
  low_res = boost > 1.05;

  /* 3. */
  for (guint j = 0; j < n; j++)
    mag[j] = powf (log1pf (mag[j]), 1.2f);

  /* 4. [0.25, 0.5, 0.25], same length, zero padded */
  if (n > 4)
    {
      for (guint j = 0; j < n; j++)
        conv[j] = 0.25f * (j > 0 ? mag[j - 1] : 0.0f) + 0.5f * mag[j] + 0.25f * (j + 1 < n ? mag[j + 1] : 0.0f);
      memcpy (mag, conv, n * sizeof (float));
    }

  /* 5., 6. */
  vitrine_spectrum_band_edges (n, bands, edges);
  for (guint b = 0; b < bands; b++)
    {
      int start = edges[b], end = edges[b + 1];
      double sum = 0;

      if (end <= start)
        end = start + 1;
      if (start < (int) n && end <= (int) n)
        {
          for (int j = start; j < end; j++)
            sum += (double) mag[j] * mag[j];
          f[b] = (float) sqrt (sum / (end - start));
        }
      else
        f[b] = 0;
    }

  /* 7. */
  raw_bass = bands >= 4 ? mean_of (f, 0, 4) : f[0];
  raw_mid = bands >= 10 ? mean_of (f, 4, 10) : raw_bass * 0.5;
  raw_treble = bands > 10 ? mean_of (f, 10, bands) : raw_bass * 0.2;
  if (low_res && self->prev_raw_bass > 1e-3)
    bass_drop_ratio = MAX (0.0, (self->prev_raw_bass - raw_bass) / self->prev_raw_bass);

  /* 8. */
  floor_base = MAX (0.8, 1.5 / pow (boost, 0.35));
  expansion_base = 3.6 * pow (boost, 0.4);

  /* 9. */
  if (settings->recommended)
    {
      double m = CLAMP (0.285, 0.25, 2.5);

      if (boost > 1)
        m = MAX (0.25, m * (1 - MIN (0.4, (boost - 1) * 0.55)));
      else
        m = MIN (2.5, m * (1 + MIN (0.25, (1 - boost) * 0.4)));
      base_floor = CLAMP (floor_base / m, MIN_FLOOR, MAX_FLOOR);
      expansion = expansion_base * MAX (0.55, pow (m, 0.35));
    }
  else
    {
      double sensitivity = CLAMP (settings->sensitivity, 0.25, 2.5);

      base_floor = CLAMP (floor_base / sensitivity, MIN_FLOOR, MAX_FLOOR);
      expansion = expansion_base * pow (sensitivity, 0.35);
    }

  /* 10. */
  if (settings->dynamic_floor)
    {
      double w = 0.18, s, a, ratio = 0.462, cand, bt;

      if (low_res)
        w = MIN (0.65, w + 0.12 * (boost - 1));
      s = raw_bass * (1 - w) + raw_mid * w;
      if (s < 0.05)
        s = raw_bass;
      a = s >= self->floor_avg ? 0.15 : 0.4;
      self->floor_avg = (1 - a) * self->floor_avg + a * s;
      if (low_res)
        ratio = MIN (0.75, ratio * (1 + 0.35 * (boost - 1)));
      cand = CLAMP (self->floor_avg * ratio, MIN_FLOOR, MAX_FLOOR);
      bt = MAX (MIN_FLOOR, MIN (base_floor, cand));
      target = MAX (MIN_FLOOR, MIN (base_floor, s * (1 - 0.18) + bt * 0.18));
      if (low_res && self->last_drop > 0.05)
        target = MAX (MIN_FLOOR, target * (1 - self->last_drop * 0.45));
    }
  else
    target = CLAMP (settings->manual_floor, MIN_FLOOR, MAX_FLOOR);
  self->floor_applied = self->floor_applied + (target - self->floor_applied) * CLAMP (0.12, 0.05, 1.0);
  floor = self->floor_applied;

  /* 11. */
  bass = MAX (0.0, (raw_bass - floor) * expansion);
  mid = MAX (0.0, (raw_mid - floor * 0.4) * expansion);
  treble = MAX (0.0, (raw_treble - floor * 0.2) * expansion);

  /* 12., 13. */
  vitrine_spectrum_shape (bands, shape);
  overall = CLAMP (bass * 0.9 + mid * 0.6 + treble * 0.35, 0.0, 1.8);
  for (guint i = 0; i < bands; i++)
    {
      int off = offset_of (i, center);
      double v = shape[i] * overall;

      if (off == 3)
        v = v * 1.15 + bass * 0.35;
      else if (off == 4)
        v = v * 0.82;
      if (off == 0)
        v = mid * 4.0 * 0.90 + v * 0.10;
      if (off == 1)
        v = v * 0.52 + mid * 0.22;
      if (off == 2)
        v = v * 0.58 + bass * 0.12;
      if (off >= 5)
        v = v * 0.65 + treble * 0.4 * (off - 4);
      raw[i] = (float) v;
    }

  /* 14. (the previous raw bass is stored after step 7's use and the valley's) */
  d = bass_drop_ratio;
  if (low_res)
    d = low_res_shaping (self, raw, bands, center, raw_bass, floor, d);
  self->prev_raw_bass = raw_bass;
  self->last_drop = d;

  /* 15. attack and decay, reset after a gap */
  if (self->have_frame && t - self->last_frame_t > GAP_RESET_S)
    {
      memset (self->hist, 0, sizeof self->hist);
      memset (self->hold, 0, sizeof self->hold);
    }
  self->have_frame = TRUE;
  self->last_frame_t = t;
  for (guint i = 0; i < bands; i++)
    {
      float hist = self->hist[i], want = raw[i], v;

      if (want > hist)
        {
          v = (float) (hist + (want - hist) * 0.85);
          self->hold[i] = 0;
        }
      else if (hist - want > 0.01)
        {
          self->hold[i] = 2;
          v = (float) (hist * 0.15 + want * 0.85);
        }
      else if (self->hold[i] > 0)
        {
          self->hold[i]--;
          v = (float) MAX (want, hist * 0.25);
        }
      else
        v = (float) MAX (want, hist * 0.35);
      self->hist[i] = v;
      raw[i] = v;
    }

  /* 16. */
  scale = CLAMP (0.5 * CLAMP (settings->energy_boost, 0.5, 1.8), 0.1, 1.25);
  for (guint i = 0; i < bands; i++)
    raw[i] = (float) (raw[i] * scale);

  /* 17. adaptive peak normalisation */
  p = 0;
  for (guint i = 0; i < bands; i++)
    p = MAX (p, (double) raw[i]);
  p = MIN (p, 1.35);
  if (p > self->peak_norm)
    self->peak_norm += (p - self->peak_norm) * 0.32;
  else
    {
      double k = p < self->peak_norm * 0.5 ? 0.9 : 0.965;

      self->peak_norm = self->peak_norm * k + p * (1 - k);
    }
  if (low_res && d > 0.35)
    self->peak_norm *= MAX (0.95, 1 - d * 0.08);
  self->peak_norm = CLAMP (self->peak_norm, 0.18, 1.35);
  if (self->peak_norm > 1.1 && p > 0)
    for (guint i = 0; i < bands; i++)
      raw[i] = (float) (raw[i] * (1.0 / self->peak_norm));

  /* 18. */
  for (guint i = 0; i < bands; i++)
    raw[i] = CLAMP (raw[i], 0.0f, 1.0f);
}

/*
 * §1: one capture block of interleaved samples at time @t. Returns FALSE for silence:
 * @raw is all zero and no state changed.
 */
gboolean
vitrine_spectrum_compute (VitrineSpectrum *self,
                          const float     *samples,
                          gsize            n_frames,
                          guint            channels,
                          double           t,
                          float           *raw)
{
  guint bands = self->settings.bands;
  gsize first, n;
  guint left = 0, right = 1;
  g_autofree float *mono = NULL;
  g_autofree kiss_fft_cpx *spectrum = NULL;
  g_autofree float *magnitudes = NULL;
  double peak = 0;

  g_return_val_if_fail (channels > 0, FALSE);

  memset (raw, 0, bands * sizeof (float));
  if (n_frames < 2)
    return FALSE;

  /* 1. mono: as is, the average of two, or of the two loudest */
  if (channels > 2)
    {
      double best = -1, second = -1;

      for (guint c = 0; c < channels; c++)
        {
          double energy = 0;

          for (gsize i = 0; i < n_frames; i++)
            energy += (double) samples[i * channels + c] * samples[i * channels + c];
          if (energy > best)
            {
              second = best;
              right = left;
              best = energy;
              left = c;
            }
          else if (energy > second)
            {
              second = energy;
              right = c;
            }
        }
    }

  /* 4. (before the rest: only the last frame's worth is analysed; even for KissFFT) */
  n = MIN (n_frames, VITRINE_SPECTRUM_MAX_FRAME) & ~(gsize) 1;
  first = n_frames - n;
  mono = g_new (float, n_frames);
  for (gsize i = 0; i < n_frames; i++)
    mono[i] = channels == 1 ? samples[i]
                            : (samples[i * channels + left] + samples[i * channels + right]) * 0.5f;

  /* 2. over the whole block */
  for (gsize i = 0; i < n_frames; i++)
    peak = MAX (peak, fabs ((double) mono[i]));

  /* 5. */
  if (peak < SILENCE_PEAK)
    return FALSE;

  /* 3. */
  if (peak >= 0.05 && peak <= 5.0)
    {
      float gain = (float) CLAMP (1.6 / MAX (peak, 1e-6), 1.0, 2.8);

      for (gsize i = first; i < n_frames; i++)
        mono[i] *= gain;
    }

  /* 6. real FFT, no window */
  if (self->fft == NULL || self->fft_size != n)
    {
      vitrine_spectrum_clear (self);
      self->fft = kiss_fftr_alloc ((int) n, 0, NULL, NULL);
      self->fft_size = (guint) n;
    }
  spectrum = g_new (kiss_fft_cpx, n / 2 + 1);
  kiss_fftr (self->fft, mono + first, spectrum);
  magnitudes = g_new (float, n / 2 + 1);
  for (gsize k = 0; k <= n / 2; k++)
    magnitudes[k] = hypotf (spectrum[k].r, spectrum[k].i);

  vitrine_spectrum_fft_to_bars (self, magnitudes, (guint) (n / 2), t, raw);
  return TRUE;
}

/* §3: the bars the display draws, smoothed in time. */
void
vitrine_spectrum_smooth (VitrineSpectrum *self,
                         const float     *raw,
                         double           t,
                         float           *smoothed)
{
  guint bands = self->settings.bands;
  double dt = self->have_smoothed ? t - self->last_smoothed_t : 0;
  double rise, decay;

  self->last_smoothed_t = t;
  self->have_smoothed = TRUE;

  if (dt > GAP_RESET_S || dt <= 0)
    {
      memcpy (self->smoothed, raw, bands * sizeof (float));
      memcpy (smoothed, raw, bands * sizeof (float));
      return;
    }

  vitrine_spectrum_smoothing_alphas (dt, self->settings.tau, &rise, &decay);
  for (guint i = 0; i < bands; i++)
    {
      double current = self->smoothed[i];
      double a = raw[i] >= current ? rise : decay;
      double next = current + (raw[i] - current) * a;

      if (fabs (next) < 1e-3)
        next = 0;
      self->smoothed[i] = (float) next;
      smoothed[i] = (float) next;
    }
}

/*
 * Ghost envelopes (spec §4): each peak jumps up to its bar and otherwise falls by @decay
 * (bar heights per second) over @dt seconds, never below the bar or zero.
 */
void
vitrine_spectrum_ghost (float       *peaks,
                        const float *bars,
                        guint        bands,
                        double       dt,
                        double       decay)
{
  for (guint i = 0; i < bands; i++)
    {
      double fallen = peaks[i] - decay * MAX (dt, 0.0);

      peaks[i] = (float) MAX (MAX (fallen, (double) bars[i]), 0.0);
    }
}
