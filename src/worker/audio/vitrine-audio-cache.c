/* vitrine-audio-cache.c: the real-time master cache. Each captured block goes through the
 * feature calculator (and, when "beat" is asked for, the beat tracker: the same
 * vitrine_beat_tracker_feed() as the offline --beats), and each feature frame is published
 * at its absolute index (hops since capture first started) into the feature ring, a
 * sealed memfd the display maps read-only. With "spectrum.barsN" asked for, the bars
 * (vitrine-bar-frames.c) go into the ring's multi-channel section, one frame every 1024
 * samples. A new track (its id differs) resets the tracker and the statistics. With
 * nothing asked for, nothing is computed.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-audio-cache.h"
#include "vitrine-bar-frames.h"
#include "vitrine-beat-tracker.h"
#include "vitrine-cache-revisions.h"
#include "vitrine-feature-ring.h"
#include "vitrine-memfd.h"
#include "vitrine-track-summary.h"

/* Beats in the fit that steadies the published period and downbeat. */
#define FIT_BEATS 16

/* The hop features: what needs the feature calculator. */
#define HOP_MASK (VITRINE_FEATURE_BIT (VITRINE_FEATURE_RMS) | VITRINE_FEATURE_BIT (VITRINE_FEATURE_ONSET) | \
                  VITRINE_FEATURE_BIT (VITRINE_FEATURE_BEAT))

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
  VitrineSpectrumSettings bar_settings;  /* bands: the N of "spectrum.barsN" */
  VitrineBarFrames    bars;
  gboolean            bars_ready;
  gboolean            bars_fresh;    /* its frame numbers start at the next block */
  guint               bars_skip;     /* samples to the first whole hop */
  guint               ring_bars;     /* the ring's bar channels, 0 for none */
  gsize               ring_size;
  float              *bar_values;    /* per block */
  guint               rate;          /* of the samples it takes (capture: 48 kHz) */
  guint64             samples;       /* since capture first started: the stream clock */
  guint64             index;         /* the next frame's absolute index */
  VitrineFeatureState state;
  double              bpm_seed;
  gint64              position_base; /* the graph's frame of stream frame 0 */
  gboolean            have_position;
  guint64             lost_frames;

  /* The current track's summary (vitrine-track-summary.c). */
  char               *cache_dir;
  char               *track_url;       /* its xesam:url, or NULL */
  guint64             track_samples;   /* the stream clock when the track began */
  guint64             onset_events;
  float               onsets[2];       /* the two frames before: peaks are found one late */
  VitrineTrackSummaryResult summary_result;

  /* The latest beats of a steady run, for the published period (update_beat_state()). */
  double              run[FIT_BEATS];
  guint               run_len;
};

VitrineAudioCache *
vitrine_audio_cache_new (void)
{
  VitrineAudioCache *self = g_new0 (VitrineAudioCache, 1);

  self->frames = g_array_new (FALSE, FALSE, sizeof (VitrineFeatureFrame));
  self->beats = g_array_new (FALSE, FALSE, sizeof (VitrineBeat));
  self->rate = VITRINE_AUDIO_CACHE_RATE;
  self->cache_dir = g_strdup (g_get_user_cache_dir ());
  self->summary_result = VITRINE_TRACK_SUMMARY_MISSING;
  vitrine_spectrum_settings_init (&self->bar_settings);
  return self;
}

void
vitrine_audio_cache_free (VitrineAudioCache *self)
{
  if (self == NULL)
    return;
  vitrine_audio_cache_flush (self);
  g_free (self->cache_dir);
  g_free (self->track_url);
  if (self->features_ready)
    vitrine_features_clear (&self->features);
  if (self->bars_ready)
    vitrine_bar_frames_clear (&self->bars);
  g_free (self->bar_values);
  g_clear_pointer (&self->tracker, vitrine_beat_tracker_free);
  g_clear_pointer (&self->memfd, vitrine_memfd_writer_free);
  g_array_unref (self->frames);
  g_array_unref (self->beats);
  g_free (self);
}

/* A ring for @history_s seconds, with @bars channels of bars (0: none). The stream clock
 * and the frame numbers go on across a new ring: the tracker's times stay valid. */
static gboolean
ensure_ring (VitrineAudioCache  *self,
             guint               history_s,
             guint               bars,
             GError            **error)
{
  double frame_s = vitrine_feature_hop_samples (self->rate) / (double) self->rate;
  double bars_frame_s = vitrine_bar_frames_frame_s (self->rate);
  guint32 capacity = (guint32) MIN (history_s / frame_s + 1, VITRINE_FEATURE_RING_MAX_FRAMES);
  guint32 bars_capacity = (guint32) MIN (history_s / bars_frame_s + 1, VITRINE_FEATURE_RING_MAX_FRAMES);
  gsize size = vitrine_feature_ring_size_with_bars (capacity, bars_capacity, bars);

  if (self->ring != NULL && self->history_s == history_s && self->ring_bars == bars)
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
  vitrine_feature_ring_init (self->ring, capacity, frame_s, self->rate);
  if (bars > 0)
    vitrine_feature_ring_init_bars (self->ring, bars_capacity, bars, bars_frame_s);
  self->history_s = history_s;
  self->ring_bars = bars;
  self->ring_size = size;
  self->state.mask = self->mask;
  vitrine_feature_ring_set_state (self->ring, &self->state);
  return TRUE;
}

/* The bars' analysis settings (docs/spectrum-bars.md; bands is ignored: the descriptor's
 * N is), for the next configure. */
void
vitrine_audio_cache_set_bar_settings (VitrineAudioCache             *self,
                                      const VitrineSpectrumSettings *settings)
{
  guint bands = self->bar_settings.bands;

  self->bar_settings = *settings;
  self->bar_settings.bands = bands;
}

/* The bars' calculator for @bars bands, started again when they or the settings change. */
static void
ensure_bars (VitrineAudioCache *self,
             guint              bars)
{
  VitrineSpectrumSettings settings = self->bar_settings;

  settings.bands = bars;
  if (self->bars_ready && memcmp (&self->bars.spectrum.settings, &settings, sizeof settings) == 0)
    return;
  if (self->bars_ready)
    vitrine_bar_frames_clear (&self->bars);
  vitrine_bar_frames_init (&self->bars, &settings, self->rate);
  self->bar_settings.bands = bars;
  self->bars_ready = TRUE;
  self->bars_fresh = TRUE;
}

/*
 * What the consumers asked for (@mask) over the last @history_s seconds, with @bars the N
 * of "spectrum.barsN" when the mask has the bars (1 to 64). No mask: the ring stays as it
 * is (the display may still read the past), and nothing is computed.
 */
gboolean
vitrine_audio_cache_configure (VitrineAudioCache   *self,
                               VitrineFeatureMask   mask,
                               guint                bars,
                               guint                history_s,
                               GError             **error)
{
  gboolean want_bars = (mask & VITRINE_FEATURE_BIT (VITRINE_FEATURE_BARS)) != 0;

  history_s = CLAMP (history_s, 30, 3600);
  bars = want_bars ? CLAMP (bars, 1, VITRINE_FEATURE_RING_MAX_CHANNELS) : 0;
  /* A ring without bars keeps those it had while nobody asks for them. */
  if (mask != 0 && !ensure_ring (self, history_s, want_bars ? bars : self->ring_bars, error))
    return FALSE;
  if (want_bars)
    ensure_bars (self, bars);
  if ((mask & VITRINE_FEATURE_BIT (VITRINE_FEATURE_BEAT)) && self->tracker == NULL)
    {
      self->tracker = vitrine_beat_tracker_new (vitrine_feature_hop_samples (self->rate) /
                                                (double) self->rate);
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

/* The main tempo of a map: that of its longest constant segment, else of its longest one. */
static double
main_bpm (GArray *segments)
{
  double best = 0, bpm = 0;

  for (int pass = 0; pass < 2 && bpm == 0; pass++)
    for (guint i = 0; i < segments->len; i++)
      {
        const VitrineTempoSegment *s = &g_array_index (segments, VitrineTempoSegment, i);

        if ((pass == 0 && s->kind != VITRINE_TEMPO_CONSTANT) || s->end_s - s->start_s <= best)
          continue;
        best = s->end_s - s->start_s;
        bpm = (s->start_bpm + s->end_bpm) / 2;
      }
  return bpm;
}

/*
 * The current track's summary to disk, when it has an id and was heard for at least
 * @min_s: the tempo map on the track's own clock (when the tracker ran), the loudness,
 * the onset density, with the "beats" profile's revision, what it holds, the track's URL
 * and the time. FALSE (no error) when there was nothing to write or a newer schema's
 * file is left alone.
 */
gboolean
vitrine_audio_cache_save_summary (VitrineAudioCache  *self,
                                  double              min_s,
                                  GError            **error)
{
  g_auto(VitrineTrackSummary) summary = { 0 };
  g_autoptr(GArray) segments = NULL;
  g_autoptr(GStrvBuilder) held = g_strv_builder_new ();
  g_autofree char *path = NULL;
  double start = (double) self->track_samples / self->rate;
  double rms = self->state.stats[VITRINE_FEATURE_VALUE_RMS].mean;
  gboolean saved;

  vitrine_track_summary_init (&summary);
  summary.duration_s = (double) (self->samples - self->track_samples) / self->rate;
  if (self->state.track_id[0] == '\0' || summary.duration_s < MAX (min_s, 1e-9) || self->cache_dir == NULL)
    return FALSE;
  summary.track_id = g_strdup (self->state.track_id);
  summary.loudness_dbfs = rms > 0 ? MAX (20 * log10 (rms), -200.0) : -200;
  summary.onset_density = self->onset_events / summary.duration_s;
  segments = vitrine_audio_cache_dup_tempo_map (self);
  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      VitrineTempoSegment segment = g_array_index (segments, VitrineTempoSegment, i);

      segment.start_s = MAX (segment.start_s - start, 0.0);
      segment.end_s = MAX (segment.end_s - start, segment.start_s);
      g_array_append_val (summary.tempo_map, segment);
    }
  summary.bpm = main_bpm (summary.tempo_map);
  g_strv_builder_add_many (held, "loudness", "onset_density", NULL);
  if (segments != NULL)
    g_strv_builder_add (held, "tempo_map");
  summary.descriptors = g_strv_builder_end (held);
  summary.revision = vitrine_cache_audio_revision (VITRINE_CACHE_BEATS_PROFILE);
  summary.url = g_strdup (self->track_url);
  summary.analysed_unix = g_get_real_time () / G_USEC_PER_SEC;
  path = vitrine_track_summary_path (self->cache_dir, summary.track_id);
  saved = vitrine_track_summary_save (path, &summary, error);
  /* Written once per track and stretch of listening. */
  self->track_samples = self->samples;
  self->onset_events = 0;
  return saved;
}

void
vitrine_audio_cache_flush (VitrineAudioCache *self)
{
  g_autoptr(GError) error = NULL;

  if (!vitrine_audio_cache_save_summary (self, 10, &error) && error != NULL)
    g_debug ("audio: the track summary was not saved: %s", error->message);
}

/* The new track's summary from an earlier run, if any: its tempo seeds the tracker. */
static double
load_summary (VitrineAudioCache *self,
              const char        *track_id)
{
  g_auto(VitrineTrackSummary) summary = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  self->summary_result = VITRINE_TRACK_SUMMARY_MISSING;
  if (*track_id == '\0' || self->cache_dir == NULL)
    return 0;
  vitrine_track_summary_init (&summary);
  path = vitrine_track_summary_path (self->cache_dir, track_id);
  self->summary_result = vitrine_track_summary_load (path, &summary, &error);
  if (error != NULL)
    g_debug ("audio: %s", error->message);
  if (self->summary_result != VITRINE_TRACK_SUMMARY_LOADED &&
      self->summary_result != VITRINE_TRACK_SUMMARY_MIGRATED)
    return 0;
  /* A migrated summary is written back in the current schema. */
  if (self->summary_result == VITRINE_TRACK_SUMMARY_MIGRATED &&
      !vitrine_track_summary_save (path, &summary, &error) && error != NULL)
    g_debug ("audio: the migrated track summary was not saved: %s", error->message);
  return g_str_equal (summary.track_id, track_id) ? summary.bpm : 0;
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
  vitrine_audio_cache_flush (self);
  g_clear_pointer (&self->track_url, g_free);
  if (bpm_seed <= 0)
    bpm_seed = self->bpm_seed = load_summary (self, track_id);
  else
    load_summary (self, track_id);
  self->track_samples = self->samples;
  self->onset_events = 0;
  g_strlcpy (self->state.track_id, track_id, sizeof self->state.track_id);
  self->state.track++;
  self->state.track_start = (double) self->samples / self->rate;
  self->state.bpm = self->state.confidence = self->state.next_beat = 0;
  self->state.last_beat = self->state.last_downbeat = self->state.beat_period = 0;
  memset (self->state.stats, 0, sizeof self->state.stats);
  self->run_len = 0;
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

/* An onset event: a local peak of the onset strength two deviations above the track's mean. */
static void
count_onset (VitrineAudioCache *self,
             float              onset)
{
  const VitrineFeatureStats *stats = &self->state.stats[VITRINE_FEATURE_VALUE_ONSET];
  double threshold = stats->mean + 2 * sqrt (stats->variance);

  if (stats->count > 2 && self->onsets[1] > self->onsets[0] && self->onsets[1] >= onset &&
      self->onsets[1] > threshold)
    self->onset_events++;
  self->onsets[0] = self->onsets[1];
  self->onsets[1] = onset;
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
  /* One pass of the calculator gives both, whichever was asked for: keeping the other
   * costs nothing. The tracker, the expensive part, runs only for "beat". */
  frame.values[VITRINE_FEATURE_VALUE_RMS] = features->rms;
  frame.values[VITRINE_FEATURE_VALUE_ONSET] = features->onset;
  if (self->tracker != NULL)
    {
      frame.values[VITRINE_FEATURE_VALUE_BEAT] = features->beat;
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
  count_onset (self, features->onset);
  vitrine_feature_ring_publish (self->ring, &frame);
}

/*
 * The bars of a block into the ring's multi-channel section. Bars frame n covers the
 * stream clock's samples [n · hop, n · hop + window): a calculator started mid-stream
 * skips to the next whole hop and starts counting there.
 */
static void
publish_bars (VitrineAudioCache *self,
              const float       *samples,
              guint              n_frames,
              guint              channels)
{
  guint bands = vitrine_bar_frames_bands (&self->bars);
  guint max_out = n_frames / VITRINE_BAR_FRAMES_HOP + 1, n, skip;
  guint64 first;

  if (!self->bars_ready || bands != self->ring_bars || channels == 0)
    return;
  if (self->bars_fresh)
    {
      self->bars.produced = (self->samples + VITRINE_BAR_FRAMES_HOP - 1) / VITRINE_BAR_FRAMES_HOP;
      self->bars_skip = (guint) (self->bars.produced * VITRINE_BAR_FRAMES_HOP - self->samples);
      self->bars_fresh = FALSE;
    }
  skip = MIN (self->bars_skip, n_frames);
  self->bars_skip -= skip;
  samples += (gsize) skip * channels;
  n_frames -= skip;
  self->bar_values = g_renew (float, self->bar_values, (gsize) max_out * bands);
  first = self->bars.produced;
  n = vitrine_bar_frames_push (&self->bars, samples, n_frames, channels, self->bar_values, max_out);
  for (guint i = 0; i < n; i++)
    vitrine_feature_ring_publish_bars (self->ring, first + i, vitrine_bar_frames_time (first + i, self->rate),
                                       self->state.track, self->bar_values + (gsize) i * bands);
}

/* How fast the clock offset follows blocks that come later than the best so far, per block. */
#define OFFSET_RISE 0.05
/* How fast it follows the graph's exact times, per block. */
#define OFFSET_FOLLOW 0.2
/* The longest loss filled with silence. */
#define MAX_GAP_S 2


/*
 * The tracker's state for consumers. Each beat's time carries a frame of jitter, and the
 * grid's period a step of its search; a line through the latest beats of a steady run
 * gives the period and the downbeat's place to a few milliseconds, which is what
 * scheduling a photo bars ahead needs.
 */
/* A beat into the steady run: one that does not follow its period within 10 % (a step, a
 * gap, a stray beat) starts a new run with the beat before it. */
static void
add_to_run (VitrineAudioCache *self,
            double             beat,
            double             period)
{
  if (self->run_len > 0)
    {
      double interval = beat - self->run[self->run_len - 1];

      if (period <= 0 || fabs (interval / period - 1) > 0.1)
        {
          self->run[0] = self->run[self->run_len - 1];
          self->run_len = 1;
        }
    }
  if (self->run_len == FIT_BEATS)
    {
      memmove (self->run, self->run + 1, sizeof (double) * (FIT_BEATS - 1));
      self->run_len--;
    }
  self->run[self->run_len++] = beat;
}

static void
update_beat_state (VitrineAudioCache *self)
{
  VitrineFeatureState *state = &self->state;
  guint m = self->run_len;
  double fit[3];

  state->confidence = vitrine_beat_tracker_confidence (self->tracker);
  state->bpm = state->confidence >= VITRINE_BEAT_MIN_CONFIDENCE ? vitrine_beat_tracker_bpm (self->tracker) : 0;
  state->beat_period = state->bpm > 0 ? 60.0 / state->bpm : 0;
  state->next_beat = state->bpm > 0 ? vitrine_beat_tracker_next_beat (self->tracker) : 0;
  if (state->bpm <= 0 || m < 4 ||
      !vitrine_beat_map_fit (self->run, m, FALSE, fit) ||
      fabs (fit[1] / state->beat_period - 1) > 0.05)
    return;
  {
    double last = fit[0] + fit[1] * (m - 1);

    state->beat_period = fit[1];
    state->bpm = 60.0 / fit[1];
    if (state->last_downbeat > 0)
      state->last_downbeat = last + fit[1] * round ((state->last_downbeat - last) / fit[1]);
    state->last_beat = last;
    state->next_beat = last + fit[1] * MAX (ceil ((state->next_beat - last) / fit[1] - 0.5), 1.0);
  }
}

/* One block through the calculators into the ring, on the stream clock. */
static void
feed (VitrineAudioCache *self,
      const float       *samples,
      guint              n_frames,
      guint              channels)
{
  double start = (double) self->samples / self->rate;
  guint next_beat = 0;

  if (self->mask & VITRINE_FEATURE_BIT (VITRINE_FEATURE_BARS))
    publish_bars (self, samples, n_frames, channels);
  if (!self->features_ready && (self->mask & HOP_MASK))
    {
      vitrine_features_init (&self->features, self->rate);
      self->features_ready = TRUE;
    }
  g_array_set_size (self->frames, 0);
  g_array_set_size (self->beats, 0);
  if (self->mask & HOP_MASK)
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
          add_to_run (self, beat->time, 60.0 / MAX (beat->bpm, 1.0));
          self->state.last_beat = beat->time;
          if (beat->downbeat)
            self->state.last_downbeat = beat->time;
          next_beat++;
        }
    }
  if (self->tracker != NULL)
    update_beat_state (self);
}

/*
 * The stream clock kept on the graph's: blocks the capture lost (its thread was late and
 * the stream ran out of buffers) come back as silence, so every time after them, and the
 * tracker's grid, stays where the music is. A jump back, or of more than MAX_GAP_S (the
 * graph restarted, capture was off), starts counting again from here.
 */
static void
follow_position (VitrineAudioCache *self,
                 gint64             position,
                 guint              channels)
{
  gint64 gap = position - (self->position_base + (gint64) self->samples);

  if (self->have_position && gap > 0 && gap <= (gint64) MAX_GAP_S * self->rate)
    {
      g_autofree float *silence = g_new0 (float, (gsize) VITRINE_BAR_FRAMES_HOP * channels);

      self->lost_frames += (guint64) gap;
      g_debug ("audio: %" G_GINT64_FORMAT " frames lost by the capture, filled with silence", gap);
      for (gint64 done = 0; done < gap; done += VITRINE_BAR_FRAMES_HOP)
        feed (self, silence, (guint) MIN (gap - done, VITRINE_BAR_FRAMES_HOP), channels);
    }
  self->position_base = position - (gint64) self->samples;
  self->have_position = TRUE;
}

/* How far an exact clock offset may move before it is taken as it is (a new graph). */
#define OFFSET_JUMP_S 0.002

/*
 * The clock offset (monotonic − stream seconds) from a block whose first sample began the
 * stream at @start_s. With the graph's time, exactly when it is heard: a small step is
 * smoothed (the cycle's own jitter), a larger one taken; a block without it in between
 * (more were waiting than the capture takes at once) leaves the offset as it is. Without
 * it at all (an older graph), from when the block arrived: blocks arrive late by a varying delay, so the least late one
 * says best where the stream is, and the offset may rise only slowly.
 */
static void
follow_clock (VitrineAudioCache        *self,
              const VitrineCaptureTime *time,
              double                    start_s,
              double                    end_s)
{
  double *current = &self->state.clock_offset;

  if (time->heard_s > 0)
    {
      double offset = time->heard_s - start_s;

      if (*current == 0 || fabs (offset - *current) > OFFSET_JUMP_S)
        *current = offset;
      else
        *current += OFFSET_FOLLOW * (offset - *current);
    }
  else if (time->arrived_s > 0 && !self->have_position)
    {
      double offset = time->arrived_s - end_s;

      if (*current == 0 || offset < *current)
        *current = offset;
      else
        *current += OFFSET_RISE * (offset - *current);
    }
}

/* Capture thread, under the worker's lock: one block in, its feature frames out. @time
 * says when it was heard (NULL offline). */
void
vitrine_audio_cache_block (VitrineAudioCache        *self,
                           const float              *samples,
                           guint                     n_frames,
                           guint                     channels,
                           guint                     rate,
                           const VitrineCaptureTime *time)
{
  double start_s;

  if (self->mask == 0 || self->ring == NULL || rate != self->rate || channels == 0)
    return;
  if (time != NULL && time->position >= 0)
    follow_position (self, time->position, channels);
  start_s = (double) self->samples / self->rate;
  feed (self, samples, n_frames, channels);
  if (time != NULL)
    follow_clock (self, time, start_s, (double) self->samples / self->rate);
  vitrine_feature_ring_set_state (self->ring, &self->state);
}

/* Frames the capture lost and the cache filled with silence, since it was made. */
guint64
vitrine_audio_cache_get_lost_frames (VitrineAudioCache *self)
{
  return self->lost_frames;
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

/* What became of the current track's summary from an earlier run (for the reply). */
const char *
vitrine_audio_cache_get_summary_result (VitrineAudioCache *self)
{
  return vitrine_track_summary_result_to_string (self->summary_result);
}

/* Where summaries go: the cache folder's vitrine/tracks (tests point it elsewhere). */
void
vitrine_audio_cache_set_cache_dir (VitrineAudioCache *self,
                                   const char        *cache_dir)
{
  g_free (self->cache_dir);
  self->cache_dir = g_strdup (cache_dir);
}

/* The current track's xesam:url (after vitrine_audio_cache_set_track()), or NULL. */
void
vitrine_audio_cache_set_track_url (VitrineAudioCache *self,
                                   const char        *url)
{
  g_free (self->track_url);
  self->track_url = url != NULL && *url != '\0' ? g_strdup (url) : NULL;
}

/* The sample rate of what comes (before the first configure; capture is 48 kHz). */
void
vitrine_audio_cache_set_rate (VitrineAudioCache *self,
                              guint              rate)
{
  g_return_if_fail (self->ring == NULL);

  self->rate = CLAMP (rate, 1000, 768000);
}

/* The feature ring as a reader sees it, or FALSE without one. */
gboolean
vitrine_audio_cache_get_view (VitrineAudioCache      *self,
                              VitrineFeatureRingView *view)
{
  if (self->ring == NULL)
    return FALSE;
  return vitrine_feature_ring_check (self->ring, self->ring_size, view, NULL);
}
