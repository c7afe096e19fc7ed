/* bench-beats.c: writes the beats benchmark's generated corpus (`build-aux/dev bench
 * beats`): for each case a 16-bit WAV and its reference beats, one time per line, so
 * bench-beats.py can run Vitrine's tracker and aubio on the same files and score both
 * with mir_eval.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-test-beats.h"
#include "vitrine-wav.h"

static gboolean
write_case (const char        *dir,
            const char        *name,
            const VtBeatsSpec *spec,
            GError           **error)
{
  g_autofree char *wav_path = g_strdup_printf ("%s/%s.wav", dir, name);
  g_autofree char *ref_path = g_strdup_printf ("%s/%s.beats", dir, name);
  g_autofree gint16 *pcm = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) ref = g_string_new (NULL);
  VtBeatsSignal signal;

  vt_beats_generate (spec, &signal);
  pcm = g_new (gint16, signal.n_samples);
  for (gsize i = 0; i < signal.n_samples; i++)
    pcm[i] = (gint16) lrintf (signal.samples[i] * 32767.0f);
  bytes = vitrine_wav_encode (pcm, signal.n_samples, 1, spec->sample_rate);
  for (guint i = 0; i < signal.beats->len; i++)
    g_string_append_printf (ref, "%.6f\n", g_array_index (signal.beats, double, i));
  vt_beats_signal_clear (&signal);
  return g_file_set_contents (wav_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error) &&
         g_file_set_contents (ref_path, ref->str, ref->len, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  struct { const char *name; VtBeatsSound sound; double bpm, step_at, step_bpm, ramp_from, ramp_bpm;
           guint ramp_beats; double swing, gap_from, gap_to, noise; } cases[] = {
    { "clicks-120", VT_BEATS_CLICKS, 120 },
    { "clicks-72", VT_BEATS_CLICKS, 72 },
    { "drums-70", VT_BEATS_DRUMS, 70 },
    { "drums-84", VT_BEATS_DRUMS, 84 },
    { "drums-96", VT_BEATS_DRUMS, 96 },
    { "drums-110-swing", VT_BEATS_DRUMS, 110, .swing = 0.67 },
    { "drums-128", VT_BEATS_DRUMS, 128 },
    { "drums-140-noise", VT_BEATS_DRUMS, 140, .noise = 0.12 },
    { "drums-165", VT_BEATS_DRUMS, 165 },
    { "drums-step-120-90", VT_BEATS_DRUMS, 120, 20, 90 },
    { "drums-step-85-125", VT_BEATS_DRUMS, 85, 20, 125 },
    { "drums-ramp-140-120", VT_BEATS_DRUMS, 140, .ramp_from = 15, .ramp_bpm = 120, .ramp_beats = 16 },
    { "drums-ramp-90-115", VT_BEATS_DRUMS, 90, .ramp_from = 15, .ramp_bpm = 115, .ramp_beats = 24 },
    { "drums-gap-100", VT_BEATS_DRUMS, 100, .gap_from = 18, .gap_to = 22 },
  };

  if (argc != 2)
    {
      g_printerr ("usage: bench-beats DIR\n");
      return 2;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VtBeatsSpec spec;

      vt_beats_spec_init (&spec);
      spec.seconds = 40;
      spec.seed = 100 + i;
      spec.sound = cases[i].sound;
      spec.bpm = cases[i].bpm;
      spec.step_at = cases[i].step_at;
      spec.step_bpm = cases[i].step_bpm;
      spec.ramp_from = cases[i].ramp_from;
      spec.ramp_bpm = cases[i].ramp_bpm;
      spec.ramp_beats = cases[i].ramp_beats;
      spec.swing = cases[i].swing > 0 ? cases[i].swing : 0.5;
      spec.gap_from = cases[i].gap_from;
      spec.gap_to = cases[i].gap_to;
      spec.noise = cases[i].noise;
      if (!write_case (argv[1], cases[i].name, &spec, &error))
        {
          g_printerr ("bench-beats: %s\n", error->message);
          return 1;
        }
    }
  return 0;
}
