/* vitrine-bar-frames.c: the spectrum bars on a fixed hop (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-bar-frames.h"

void
vitrine_bar_frames_init (VitrineBarFrames              *self,
                         const VitrineSpectrumSettings *settings,
                         guint                          rate)
{
  memset (self, 0, sizeof *self);
  vitrine_spectrum_init (&self->spectrum, settings);
  self->rate = MAX (rate, 1);
}

void
vitrine_bar_frames_clear (VitrineBarFrames *self)
{
  vitrine_spectrum_clear (&self->spectrum);
  g_clear_pointer (&self->window, g_free);
}

guint
vitrine_bar_frames_bands (const VitrineBarFrames *self)
{
  return self->spectrum.settings.bands;
}

double
vitrine_bar_frames_frame_s (guint rate)
{
  return VITRINE_BAR_FRAMES_HOP / (double) MAX (rate, 1);
}

/* Frame @index's time: the centre of its window, in seconds after the first sample. */
double
vitrine_bar_frames_time (guint64 index,
                         guint   rate)
{
  return (double) (index * VITRINE_BAR_FRAMES_HOP + VITRINE_BAR_FRAMES_WINDOW / 2) / MAX (rate, 1);
}

/*
 * Feeds @n_frames interleaved frames of @channels; each completed bars frame (bands
 * floats) goes to @out, at most @max_out of them (n_frames / hop + 1 is always enough).
 * Returns how many completed; the first is frame self->produced before the call, computed
 * at its time. A change of channel count starts the window again.
 */
guint
vitrine_bar_frames_push (VitrineBarFrames *self,
                         const float      *samples,
                         gsize             n_frames,
                         guint             channels,
                         float            *out,
                         guint             max_out)
{
  guint bands = vitrine_bar_frames_bands (self), produced = 0;

  g_return_val_if_fail (channels > 0, 0);

  if (self->channels != channels)
    {
      g_free (self->window);
      self->window = g_new0 (float, (gsize) VITRINE_BAR_FRAMES_WINDOW * channels);
      self->channels = channels;
      self->filled = 0;
    }
  while (n_frames > 0)
    {
      gsize take = MIN (n_frames, (gsize) (VITRINE_BAR_FRAMES_WINDOW - self->filled));

      memcpy (self->window + (gsize) self->filled * channels, samples, sizeof (float) * take * channels);
      self->filled += (guint) take;
      samples += take * channels;
      n_frames -= take;
      if (self->filled < VITRINE_BAR_FRAMES_WINDOW)
        break;
      if (produced < max_out)
        vitrine_spectrum_compute (&self->spectrum, self->window, VITRINE_BAR_FRAMES_WINDOW, channels,
                                  vitrine_bar_frames_time (self->produced, self->rate),
                                  out + (gsize) produced++ * bands);
      self->produced++;
      /* The next window starts a hop later. */
      memmove (self->window, self->window + (gsize) VITRINE_BAR_FRAMES_HOP * channels,
               sizeof (float) * (VITRINE_BAR_FRAMES_WINDOW - VITRINE_BAR_FRAMES_HOP) * channels);
      self->filled = VITRINE_BAR_FRAMES_WINDOW - VITRINE_BAR_FRAMES_HOP;
    }
  return produced;
}
