/* vitrine-audio-features.c: the feature descriptors and the hop-by-hop calculator. The
 * onset strength is the spectral flux of a Hann-windowed window of two hops: each band's
 * mean magnitude log-compressed (log(1 + γ·m)), its rise since the previous frame
 * half-wave rectified, summed over the bands (docs/ARCHITECTURE.md §6).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <kiss_fftr.h>
#include <math.h>
#include <string.h>

#include "vitrine-audio-features.h"

#define ONSET_GAMMA   100.0
#define LOWEST_HZ     30.0
#define HIGHEST_HZ    16000.0

guint
vitrine_feature_hop_samples (guint sample_rate)
{
  guint hop = (guint) lround (VITRINE_FEATURE_HOP_S * sample_rate);

  return MAX (hop, 16);
}

/*
 * What each id means at @sample_rate: "rms", "onset" and "beat" have one value per hop;
 * "spectrum.barsN" (N from 1 to 64) is the visualizer's N bars, one frame per captured
 * block of 1024 samples.
 */
gboolean
vitrine_feature_descriptor_lookup (const char               *id,
                                   guint                     sample_rate,
                                   VitrineFeatureDescriptor *descriptor)
{
  double hop_s;
  guint64 bars = 0;
  char *end = NULL;

  if (id == NULL || sample_rate == 0 || strlen (id) >= sizeof descriptor->id)
    return FALSE;

  hop_s = vitrine_feature_hop_samples (sample_rate) / (double) sample_rate;
  memset (descriptor, 0, sizeof *descriptor);
  g_strlcpy (descriptor->id, id, sizeof descriptor->id);
  descriptor->sample_rate = sample_rate;
  descriptor->frame_s = hop_s;
  descriptor->channels = 1;

  if (g_str_equal (id, "rms"))
    descriptor->kind = VITRINE_FEATURE_RMS;
  else if (g_str_equal (id, "onset"))
    descriptor->kind = VITRINE_FEATURE_ONSET;
  else if (g_str_equal (id, "beat"))
    descriptor->kind = VITRINE_FEATURE_BEAT;
  else if (g_str_has_prefix (id, "spectrum.bars") && g_ascii_isdigit (id[13]) &&
           (bars = g_ascii_strtoull (id + 13, &end, 10)) >= 1 && bars <= 64 && *end == '\0' &&
           id[13] != '0')
    {
      descriptor->kind = VITRINE_FEATURE_BARS;
      descriptor->channels = (guint) bars;
      descriptor->frame_s = 1024.0 / sample_rate;
    }
  else
    return FALSE;
  return TRUE;
}

/* "rms,onset,spectrum.bars15" → bits; the bar count of a spectrum id goes to @bars. */
gboolean
vitrine_feature_mask_parse (const char          *list,
                            VitrineFeatureMask  *mask,
                            guint               *bars,
                            GError             **error)
{
  g_auto(GStrv) ids = g_strsplit (list != NULL ? list : "", ",", -1);

  *mask = 0;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      VitrineFeatureDescriptor descriptor;

      if (!vitrine_feature_descriptor_lookup (g_strstrip (ids[i]), 48000, &descriptor))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "“%s” is not a feature descriptor (rms, onset, beat, spectrum.barsN)",
                       ids[i]);
          return FALSE;
        }
      *mask |= VITRINE_FEATURE_BIT (descriptor.kind);
      if (descriptor.kind == VITRINE_FEATURE_BARS && bars != NULL)
        *bars = descriptor.channels;
    }
  return TRUE;
}

/* Log-spaced band edges in FFT bins from LOWEST_HZ to HIGHEST_HZ, strictly increasing. */
static void
init_bands (VitrineFeatures *self)
{
  guint bins = self->window / 2;
  double bin_hz = (double) self->sample_rate / self->window;
  double top = MIN (HIGHEST_HZ, self->sample_rate / 2.0 * 0.95);
  int previous = 0;

  for (guint b = 0; b <= VITRINE_FEATURE_ONSET_BANDS; b++)
    {
      double hz = LOWEST_HZ * pow (top / LOWEST_HZ, (double) b / VITRINE_FEATURE_ONSET_BANDS);
      int edge = (int) lround (hz / bin_hz);

      edge = MAX (edge, previous + 1);
      edge = MIN (edge, (int) bins);
      self->band_edges[b] = edge;
      previous = edge;
    }
}

void
vitrine_features_init (VitrineFeatures *self,
                       guint            sample_rate)
{
  memset (self, 0, sizeof *self);
  self->sample_rate = MAX (sample_rate, 1);
  self->hop = vitrine_feature_hop_samples (self->sample_rate);
  self->window = 2 * self->hop;
  self->mono = g_new0 (float, self->window);
  self->hann = g_new (float, self->window);
  self->fft_in = g_new (float, self->window);
  self->fft_out = g_new (kiss_fft_cpx, self->window / 2 + 1);
  self->fft = kiss_fftr_alloc ((int) self->window, 0, NULL, NULL);
  for (guint i = 0; i < self->window; i++)
    self->hann[i] = (float) (0.5 - 0.5 * cos (2.0 * G_PI * i / self->window));
  init_bands (self);
}

void
vitrine_features_clear (VitrineFeatures *self)
{
  g_clear_pointer (&self->fft, kiss_fftr_free);
  g_clear_pointer (&self->mono, g_free);
  g_clear_pointer (&self->hann, g_free);
  g_clear_pointer (&self->fft_in, g_free);
  g_clear_pointer (&self->fft_out, g_free);
}

/* The flux of the current window, over all bands and over the low ones. */
static void
onset_strength (VitrineFeatures     *self,
                VitrineFeatureFrame *frame)
{
  const kiss_fft_cpx *bins = self->fft_out;
  double norm = 2.0 / self->window, flux = 0, low = 0;

  /* The ring's oldest sample is at head. */
  for (guint i = 0; i < self->window; i++)
    self->fft_in[i] = self->mono[(self->head + i) % self->window] * self->hann[i];
  kiss_fftr (self->fft, self->fft_in, self->fft_out);

  for (guint b = 0; b < VITRINE_FEATURE_ONSET_BANDS; b++)
    {
      double sum = 0, rise;
      float level;
      int from = self->band_edges[b], to = self->band_edges[b + 1];

      for (int k = from; k < to; k++)
        sum += hypot (bins[k].r, bins[k].i);
      level = (float) log1p (ONSET_GAMMA * norm * sum / MAX (to - from, 1));
      rise = self->have_previous ? MAX (level - self->previous[b], 0.0) : 0.0;
      flux += rise;
      if (b < VITRINE_FEATURE_LOW_BANDS)
        low += rise;
      self->previous[b] = level;
    }
  self->have_previous = TRUE;
  frame->onset = (float) flux;
  frame->onset_low = (float) low;
}

/*
 * Feeds @n_frames interleaved frames whose first one plays at @start_time (seconds) and
 * returns how many feature frames completed, at most @max_out (n_frames / hop + 1 is
 * always enough). A frame completes every hop samples once a whole window is in.
 */
guint
vitrine_features_push (VitrineFeatures     *self,
                       const float         *samples,
                       gsize                n_frames,
                       guint                channels,
                       double               start_time,
                       VitrineFeatureFrame *out,
                       guint                max_out)
{
  guint produced = 0;

  channels = MAX (channels, 1);
  for (gsize i = 0; i < n_frames; i++)
    {
      double sum = 0;
      float mono;

      for (guint c = 0; c < channels; c++)
        sum += samples[i * channels + c];
      mono = (float) (sum / channels);
      self->mono[self->head] = mono;
      self->head = (self->head + 1) % self->window;
      self->filled = MIN (self->filled + 1, self->window);
      self->hop_sum_sq += (double) mono * mono;
      self->consumed++;

      if (++self->pending < self->hop)
        continue;
      self->pending = 0;
      if (self->filled == self->window && produced < max_out)
        {
          VitrineFeatureFrame *frame = &out[produced++];

          frame->time = start_time + (double) (i + 1) / self->sample_rate -
                        self->window / 2.0 / self->sample_rate;
          frame->rms = (float) sqrt (self->hop_sum_sq / self->hop);
          onset_strength (self, frame);
        }
      self->hop_sum_sq = 0;
    }
  return produced;
}
