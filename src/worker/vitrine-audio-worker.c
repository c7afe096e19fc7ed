/* vitrine-audio-worker.c: the audio role. Its own request kinds
 * (PipeWire capture, spectrum bars and the audio ring (the visualizer issue)) are added to process(); until then it
 * answers the probes every worker knows, through the base class.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-audio-worker.h"
#include "vitrine-spectrum.h"
#include "vitrine-wav.h"

struct _VitrineAudioWorker
{
  VitrineWorker parent_instance;
};

G_DEFINE_FINAL_TYPE (VitrineAudioWorker, vitrine_audio_worker, VITRINE_TYPE_WORKER)

static void
append_bars (GString     *out,
             const float *bars,
             guint        n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "\t%.6f", bars[i]);
}

/*
 * The offline mode of shared/specs/spectrum-bars.md §5: frames of @frame samples starting
 * every @hop samples that fit in the file, each a line of its timestamp, raw bars and
 * smoothed bars. The bars come from the same functions as live capture; only the source
 * differs.
 */
gboolean
vitrine_audio_worker_analyze_file (const char  *path,
                                   guint        bars,
                                   guint        hop,
                                   guint        frame,
                                   GString     *out,
                                   GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autofree float *block = NULL;
  VitrineSpectrumSettings settings;
  VitrineSpectrum spectrum;
  float raw[VITRINE_SPECTRUM_MAX_BARS], smoothed[VITRINE_SPECTRUM_MAX_BARS];
  VitrineWav wav;

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return FALSE;
  if (!vitrine_wav_parse ((const guint8 *) g_mapped_file_get_contents (file),
                          g_mapped_file_get_length (file), &wav, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }

  vitrine_spectrum_settings_init (&settings);
  settings.bands = bars;
  vitrine_spectrum_init (&spectrum, &settings);
  block = g_new (float, (gsize) frame * wav.channels);

  for (gsize start = 0; start + frame <= wav.n_frames; start += hop)
    {
      double t = (double) (start + frame) / wav.sample_rate;

      vitrine_wav_read_float (&wav, start, frame, block);
      vitrine_spectrum_compute (&spectrum, block, frame, wav.channels, t, raw);
      vitrine_spectrum_smooth (&spectrum, raw, t, smoothed);

      g_string_append_printf (out, "%.6f", t);
      append_bars (out, raw, bars);
      append_bars (out, smoothed, bars);
      g_string_append_c (out, '\n');
    }

  vitrine_spectrum_clear (&spectrum);
  return TRUE;
}

static void
vitrine_audio_worker_class_init (VitrineAudioWorkerClass *klass)
{
  VITRINE_WORKER_CLASS (klass)->role = VITRINE_WORKER_ROLE_AUDIO;
}

static void
vitrine_audio_worker_init (VitrineAudioWorker *self)
{
}
