/* vitrine-audio-cache.c: the real-time master cache. Each captured block goes through the
 * feature calculator (and, when "beat" is asked for, the beat tracker: the same
 * vitrine_beat_tracker_feed() as the offline --beats), and each feature frame is published
 * at its absolute index (hops since capture first started) into the feature ring, a
 * sealed memfd the display maps read-only. A new track (its id differs) resets the tracker
 * and the statistics. With nothing asked for, nothing is computed.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-audio-cache.h"
#include "vitrine-beat-tracker.h"
#include "vitrine-feature-ring.h"
#include "vitrine-memfd.h"

struct _VitrineAudioCache
{
  VitrineFeatureMask  mask;
  guint               history_s;
  VitrineMemfdWriter *memfd;
  VitrineFeatureRing *ring;
  VitrineFeatures     features;
  gboolean            features_ready;
  VitrineBeatTracker *tracker;
  GArray             *frames;        /* of VitrineFeatureFrame, per block */
  GArray             *beats;         /* of VitrineBeat, per block */
  guint64             samples;       /* since capture first started: the stream clock */
  guint64             index;         /* the next frame's absolute index */
  VitrineFeatureState state;
  double              bpm_seed;
};

VitrineAudioCache *
vitrine_audio_cache_new (void)
{
  VitrineAudioCache *self = g_new0 (VitrineAudioCache, 1);

  self->frames = g_array_new (FALSE, FALSE, sizeof (VitrineFeatureFrame));
  self->beats = g_array_new (FALSE, FALSE, sizeof (VitrineBeat));
  return self;
}

void
vitrine_audio_cache_free (VitrineAudioCache *self)
{
  if (self == NULL)
    return;
  if (self->features_ready)
    vitrine_features_clear (&self->features);
  g_clear_pointer (&self->tracker, vitrine_beat_tracker_free);
  g_clear_pointer (&self->memfd, vitrine_memfd_writer_free);
  g_array_unref (self->frames);
  g_array_unref (self->beats);
  g_free (self);
}

static gboolean
ensure_ring (VitrineAudioCache  *self,
             guint               history_s,
             GError            **error)
{
  double frame_s = vitrine_feature_hop_samples (VITRINE_AUDIO_CACHE_RATE) / (double) VITRINE_AUDIO_CACHE_RATE;
  guint32 capacity = (guint32) MIN (history_s / frame_s + 1, VITRINE_FEATURE_RING_MAX_FRAMES);
  gsize size = vitrine_feature_ring_size (capacity);

  if (self->ring != NULL && self->history_s == history_s)
    return TRUE;
  g_clear_pointer (&self->memfd, vitrine_memfd_writer_free);
  self->ring = NULL;
  /* Sealed against resizing only: this process keeps writing into it. */
  self->memfd = vitrine_memfd_writer_new ("vitrine-feature-ring", size, error);
  if (self->memfd == NULL ||
      !vitrine_memfd_writer_seal (self->memfd, F_SEAL_SHRINK | F_SEAL_GROW, error))
    {
      g_clear_pointer (&self->memfd, vitrine_memfd_writer_free);
      return FALSE;
    }
  self->ring = (VitrineFeatureRing *) (void *) vitrine_memfd_writer_data (self->memfd);
  vitrine_feature_ring_init (self->ring, capacity, frame_s, VITRINE_AUDIO_CACHE_RATE);
  self->history_s = history_s;
  self->index = 0;
  self->samples = 0;
  self->state.mask = self->mask;
  vitrine_feature_ring_set_state (self->ring, &self->state);
  return TRUE;
}

/*
 * What the consumers asked for (@mask) over the last @history_s seconds. No mask: the
 * ring stays as it is (the display may still read the past), and nothing is computed.
 */
gboolean
vitrine_audio_cache_configure (VitrineAudioCache   *self,
                               VitrineFeatureMask   mask,
                               guint                history_s,
                               GError             **error)
{
  history_s = CLAMP (history_s, 30, 3600);
  /* The spectrum bars have their own ring; this one holds the hop features. */
  mask &= ~VITRINE_FEATURE_BIT (VITRINE_FEATURE_BARS);
  if (mask != 0 && !ensure_ring (self, history_s, error))
    return FALSE;
  if ((mask & VITRINE_FEATURE_BIT (VITRINE_FEATURE_BEAT)) && self->tracker == NULL)
    {
      self->tracker = vitrine_beat_tracker_new (vitrine_feature_hop_samples (VITRINE_AUDIO_CACHE_RATE) /
                                                (double) VITRINE_AUDIO_CACHE_RATE);
      vitrine_beat_tracker_seed_bpm (self->tracker, self->bpm_seed);
    }
  else if (!(mask & VITRINE_FEATURE_BIT (VITRINE_FEATURE_BEAT)))
    g_clear_pointer (&self->tracker, vitrine_beat_tracker_free);
  self->mask = mask;
  self->state.mask = mask;
  if (self->ring != NULL)
    vitrine_feature_ring_set_state (self->ring, &self->state);
  return TRUE;
}

/* The player's current track: a different id is a new track. */
void
vitrine_audio_cache_set_track (VitrineAudioCache *self,
                               const char        *track_id,
                               double             bpm_seed)
{
  track_id = track_id != NULL ? track_id : "";
  self->bpm_seed = bpm_seed;
  if (strncmp (self->state.track_id, track_id, VITRINE_FEATURE_TRACK_ID - 1) == 0 && self->state.track > 0)
    return;
  g_strlcpy (self->state.track_id, track_id, sizeof self->state.track_id);
  self->state.track++;
  self->state.track_start = (double) self->samples / VITRINE_AUDIO_CACHE_RATE;
  self->state.bpm = self->state.confidence = self->state.next_beat = 0;
  self->state.last_beat = self->state.last_downbeat = self->state.beat_period = 0;
  memset (self->state.stats, 0, sizeof self->state.stats);
  if (self->tracker != NULL)
    {
      vitrine_beat_tracker_reset (self->tracker);
      vitrine_beat_tracker_seed_bpm (self->tracker, bpm_seed);
    }
  if (self->ring != NULL)
    vitrine_feature_ring_set_state (self->ring, &self->state);
}

/* Welford's running mean and variance, with the extremes. */
static void
add_stat (VitrineFeatureStats *stats,
          double               value)
{
  double delta;

  if (stats->count == 0)
    stats->min = stats->max = value;
  stats->min = MIN (stats->min, value);
  stats->max = MAX (stats->max, value);
  stats->count++;
  delta = value - stats->mean;
  stats->mean += delta / stats->count;
  stats->variance += (delta * (value - stats->mean) - stats->variance) / stats->count;
}

static void
publish (VitrineAudioCache         *self,
         const VitrineFeatureFrame *features,
         const VitrineBeat         *beat)
{
  VitrineFeatureRingFrame frame = { 0 };

  frame.index = self->index++;
  frame.time = features->time;
  frame.track = self->state.track;
  if (self->mask & VITRINE_FEATURE_BIT (VITRINE_FEATURE_RMS))
    frame.values[VITRINE_FEATURE_VALUE_RMS] = features->rms;
  if (self->mask & VITRINE_FEATURE_BIT (VITRINE_FEATURE_ONSET))
    frame.values[VITRINE_FEATURE_VALUE_ONSET] = features->onset;
  if (self->tracker != NULL)
    {
      frame.values[VITRINE_FEATURE_VALUE_BEAT] = (float) vitrine_beat_tracker_activation (self->tracker);
      frame.bpm = (float) vitrine_beat_tracker_bpm (self->tracker);
    }
  if (beat != NULL)
    {
      frame.flags = VITRINE_FEATURE_FRAME_BEAT | (beat->downbeat ? VITRINE_FEATURE_FRAME_DOWNBEAT : 0);
      frame.beat_time = beat->time;
      frame.beat_confidence = (float) beat->confidence;
      frame.bpm = (float) beat->bpm;
    }
  for (guint i = 0; i < VITRINE_FEATURE_N_VALUES; i++)
    add_stat (&self->state.stats[i], frame.values[i]);
  vitrine_feature_ring_publish (self->ring, &frame);
}

static void
update_beat_state (VitrineAudioCache *self)
{
  VitrineFeatureState *state = &self->state;

  state->confidence = vitrine_beat_tracker_confidence (self->tracker);
  state->bpm = state->confidence >= VITRINE_BEAT_MIN_CONFIDENCE ? vitrine_beat_tracker_bpm (self->tracker) : 0;
  state->beat_period = state->bpm > 0 ? 60.0 / state->bpm : 0;
  state->next_beat = state->bpm > 0 ? vitrine_beat_tracker_next_beat (self->tracker) : 0;
}

/* Capture thread, under the worker's lock: one block in, its feature frames out. */
void
vitrine_audio_cache_block (VitrineAudioCache *self,
                           const float       *samples,
                           guint              n_frames,
                           guint              channels,
                           guint              rate,
                           double             monotonic_now)
{
  double start = (double) self->samples / VITRINE_AUDIO_CACHE_RATE;
  guint next_beat = 0;

  if (self->mask == 0 || self->ring == NULL || rate != VITRINE_AUDIO_CACHE_RATE)
    return;
  if (!self->features_ready)
    {
      vitrine_features_init (&self->features, rate);
      self->features_ready = TRUE;
    }
  g_array_set_size (self->frames, 0);
  g_array_set_size (self->beats, 0);
  vitrine_beat_tracker_feed (self->tracker, &self->features, samples, n_frames, channels, start,
                             self->frames, self->beats);
  self->samples += n_frames;

  /* Each beat goes with the first frame published after it was emitted. */
  for (guint i = 0; i < self->frames->len; i++)
    {
      const VitrineBeat *beat = next_beat < self->beats->len ?
        &g_array_index (self->beats, VitrineBeat, next_beat) : NULL;

      publish (self, &g_array_index (self->frames, VitrineFeatureFrame, i), beat);
      if (beat != NULL)
        {
          self->state.last_beat = beat->time;
          if (beat->downbeat)
            self->state.last_downbeat = beat->time;
          next_beat++;
        }
    }
  if (self->tracker != NULL)
    update_beat_state (self);
  self->state.clock_offset = monotonic_now - (double) self->samples / VITRINE_AUDIO_CACHE_RATE;
  vitrine_feature_ring_set_state (self->ring, &self->state);
}

VitrineFeatureMask
vitrine_audio_cache_get_mask (VitrineAudioCache *self)
{
  return self->mask;
}

int
vitrine_audio_cache_get_fd (VitrineAudioCache *self)
{
  return self->memfd != NULL ? vitrine_memfd_writer_get_fd (self->memfd) : -1;
}

guint64
vitrine_audio_cache_get_frames (VitrineAudioCache *self)
{
  return self->index;
}

/* The current track's tempo map so far (for its summary), or NULL without a tracker. */
GArray *
vitrine_audio_cache_dup_tempo_map (VitrineAudioCache *self)
{
  return self->tracker != NULL ? vitrine_beat_map_segments (vitrine_beat_tracker_map (self->tracker)) : NULL;
}
