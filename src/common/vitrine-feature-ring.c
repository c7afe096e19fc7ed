/* vitrine-feature-ring.c: the feature cache's shared memory (see the header). The
 * orderings are those of vitrine-audio-ring.c: odd sequence, release fence, copy, even
 * sequence with release; the reader's acquire load, copy, acquire fence, relaxed reload.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include "vitrine-feature-ring.h"

#define READ_ATTEMPTS 4

G_DEFINE_QUARK (vitrine-feature-ring-error-quark, vitrine_feature_ring_error)

static guint32
load_acquire (const guint32 *value)
{
  return __atomic_load_n (value, __ATOMIC_ACQUIRE);
}

static guint32
load_relaxed (const guint32 *value)
{
  return __atomic_load_n (value, __ATOMIC_RELAXED);
}

gsize
vitrine_feature_ring_size (guint32 capacity)
{
  return sizeof (VitrineFeatureRing) + (gsize) capacity * sizeof (VitrineFeatureRingSlot);
}

/* A multi-channel slot of @channels floats, a multiple of 8 bytes so the next one's
 * index and time stay aligned. */
gsize
vitrine_feature_ring_bars_slot_size (guint32 channels)
{
  return (sizeof (VitrineFeatureBarsSlot) + (gsize) channels * sizeof (float) + 7) & ~(gsize) 7;
}

/* The whole ring with a multi-channel section (0 channels: none). */
gsize
vitrine_feature_ring_size_with_bars (guint32 capacity,
                                     guint32 bars_capacity,
                                     guint32 bars_channels)
{
  gsize size = vitrine_feature_ring_size (capacity);

  if (bars_channels == 0)
    return size;
  return size + (gsize) bars_capacity * vitrine_feature_ring_bars_slot_size (bars_channels);
}

/* The most a reader maps. */
gsize
vitrine_feature_ring_max_size (void)
{
  return vitrine_feature_ring_size_with_bars (VITRINE_FEATURE_RING_MAX_FRAMES, VITRINE_FEATURE_RING_MAX_FRAMES,
                                              VITRINE_FEATURE_RING_MAX_CHANNELS);
}

/* Writer side, on fresh zeroed memory of vitrine_feature_ring_size (@capacity) bytes. */
void
vitrine_feature_ring_init (VitrineFeatureRing *ring,
                           guint32             capacity,
                           double              frame_s,
                           guint32             sample_rate)
{
  memset (ring, 0, vitrine_feature_ring_size (capacity));
  ring->magic = VITRINE_FEATURE_RING_MAGIC;
  ring->version = VITRINE_FEATURE_RING_VERSION;
  ring->capacity = capacity;
  ring->slot_size = sizeof (VitrineFeatureRingSlot);
  ring->frame_s = frame_s;
  ring->sample_rate = sample_rate;
}

/* Writer side, after init, on memory of vitrine_feature_ring_size_with_bars () bytes. */
void
vitrine_feature_ring_init_bars (VitrineFeatureRing *ring,
                                guint32             bars_capacity,
                                guint32             bars_channels,
                                double              bars_frame_s)
{
  gsize offset = vitrine_feature_ring_size (ring->capacity);

  g_return_if_fail (bars_channels > 0 && bars_channels <= VITRINE_FEATURE_RING_MAX_CHANNELS);
  g_return_if_fail (bars_capacity > 0);

  memset ((guint8 *) ring + offset, 0, (gsize) bars_capacity * vitrine_feature_ring_bars_slot_size (bars_channels));
  ring->bars_channels = bars_channels;
  ring->bars_capacity = bars_capacity;
  ring->bars_slot_size = (guint32) vitrine_feature_ring_bars_slot_size (bars_channels);
  ring->bars_offset = offset;
  ring->bars_frame_s = bars_frame_s;
  ring->bars_written = 0;
}

void
vitrine_feature_ring_publish (VitrineFeatureRing            *ring,
                              const VitrineFeatureRingFrame *frame)
{
  guint64 written = __atomic_load_n (&ring->written, __ATOMIC_RELAXED);
  VitrineFeatureRingSlot *slot = &ring->slots[frame->index % ring->capacity];
  guint32 sequence = load_relaxed (&slot->sequence);

  __atomic_store_n (&slot->sequence, sequence + 1, __ATOMIC_RELAXED);
  atomic_thread_fence (memory_order_release);
  memcpy (&slot->frame, frame, sizeof *frame);
  __atomic_store_n (&slot->sequence, sequence + 2, __ATOMIC_RELEASE);
  __atomic_store_n (&ring->written, MAX (written, frame->index + 1), __ATOMIC_RELEASE);
}

static VitrineFeatureBarsSlot *
bars_slot (const void *ring,
           gsize       offset,
           gsize       slot_size,
           guint64     slot)
{
  return (VitrineFeatureBarsSlot *) (void *) ((guint8 *) ring + offset + (gsize) slot * slot_size);
}

/* Multi-channel frame @index: @values holds the ring's bars_channels floats. */
void
vitrine_feature_ring_publish_bars (VitrineFeatureRing *ring,
                                   guint64             index,
                                   double              time,
                                   guint32             track,
                                   const float        *values)
{
  guint64 written = __atomic_load_n (&ring->bars_written, __ATOMIC_RELAXED);
  VitrineFeatureBarsSlot *slot;
  guint32 sequence;

  g_return_if_fail (ring->bars_channels > 0);

  slot = bars_slot (ring, ring->bars_offset, ring->bars_slot_size, index % ring->bars_capacity);
  sequence = load_relaxed (&slot->sequence);
  __atomic_store_n (&slot->sequence, sequence + 1, __ATOMIC_RELAXED);
  atomic_thread_fence (memory_order_release);
  slot->track = track;
  slot->index = index;
  slot->time = time;
  memcpy (slot->values, values, sizeof (float) * ring->bars_channels);
  __atomic_store_n (&slot->sequence, sequence + 2, __ATOMIC_RELEASE);
  __atomic_store_n (&ring->bars_written, MAX (written, index + 1), __ATOMIC_RELEASE);
}

void
vitrine_feature_ring_set_state (VitrineFeatureRing        *ring,
                                const VitrineFeatureState *state)
{
  guint32 sequence = load_relaxed (&ring->state_sequence);

  __atomic_store_n (&ring->state_sequence, sequence + 1, __ATOMIC_RELAXED);
  atomic_thread_fence (memory_order_release);
  memcpy (&ring->state, state, sizeof *state);
  ring->state.track_id[VITRINE_FEATURE_TRACK_ID - 1] = '\0';
  __atomic_store_n (&ring->state_sequence, sequence + 2, __ATOMIC_RELEASE);
}

/* The multi-channel section's header fields, read once into @view and checked there. */
static gboolean
check_bars (const VitrineFeatureRing *ring,
            gsize                     size,
            VitrineFeatureRingView   *view,
            GError                  **error)
{
  guint32 channels = ring->bars_channels, capacity = ring->bars_capacity, slot_size = ring->bars_slot_size;
  guint64 offset = ring->bars_offset;
  double frame_s = ring->bars_frame_s;

  if (channels == 0)
    return TRUE;
  if (channels > VITRINE_FEATURE_RING_MAX_CHANNELS || capacity == 0 ||
      capacity > VITRINE_FEATURE_RING_MAX_FRAMES || slot_size != vitrine_feature_ring_bars_slot_size (channels) ||
      offset < vitrine_feature_ring_size (view->capacity) || offset % 8 != 0 || offset > size ||
      (size - offset) / slot_size < capacity || !isfinite (frame_s) || frame_s <= 0 || frame_s > 1)
    {
      g_set_error (error, VITRINE_FEATURE_RING_ERROR, 0,
                   "the feature ring's bars do not fit (%u channels, %u slots of %u bytes at %" G_GUINT64_FORMAT
                   " in %" G_GSIZE_FORMAT ", %g s a frame)", channels, capacity, slot_size, offset, size, frame_s);
      return FALSE;
    }
  view->bars_channels = channels;
  view->bars_capacity = capacity;
  view->bars_slot_size = slot_size;
  view->bars_offset = (gsize) offset;
  view->bars_frame_s = frame_s;
  return TRUE;
}

/* Reader side, once, on the mapping it was handed: is this our ring, and does it fit?
 * Each field is read once: a writer that rewrites the header meanwhile cannot slip a
 * value past the check. */
gboolean
vitrine_feature_ring_check (const void              *data,
                            gsize                    size,
                            VitrineFeatureRingView  *view,
                            GError                 **error)
{
  const VitrineFeatureRing *ring = data;
  guint32 magic, version, capacity, slot_size;
  double frame_s;

  if (size < sizeof (VitrineFeatureRing))
    {
      g_set_error (error, VITRINE_FEATURE_RING_ERROR, 0,
                   "feature ring of %" G_GSIZE_FORMAT " bytes, at least %" G_GSIZE_FORMAT " needed",
                   size, sizeof (VitrineFeatureRing));
      return FALSE;
    }
  magic = ring->magic;
  version = ring->version;
  capacity = ring->capacity;
  slot_size = ring->slot_size;
  frame_s = ring->frame_s;
  if (magic != VITRINE_FEATURE_RING_MAGIC || version != VITRINE_FEATURE_RING_VERSION ||
      slot_size != sizeof (VitrineFeatureRingSlot) || capacity == 0 ||
      capacity > VITRINE_FEATURE_RING_MAX_FRAMES ||
      vitrine_feature_ring_size (capacity) > size ||
      !isfinite (frame_s) || frame_s <= 0 || frame_s > 1)
    {
      g_set_error (error, VITRINE_FEATURE_RING_ERROR, 0,
                   "not a version %u feature ring of this size (magic 0x%08x, version %u, "
                   "%u slots of %u bytes in %" G_GSIZE_FORMAT ")",
                   VITRINE_FEATURE_RING_VERSION, magic, version, capacity, slot_size, size);
      return FALSE;
    }
  *view = (VitrineFeatureRingView) {
    .ring = ring, .capacity = capacity, .frame_s = frame_s,
    .sample_rate = ring->sample_rate,
  };
  return check_bars (ring, size, view, error);
}

static double
finite_or_zero (double value)
{
  return isfinite (value) ? value : 0;
}

static void
sanitize_state (VitrineFeatureState *state)
{
  state->track_id[VITRINE_FEATURE_TRACK_ID - 1] = '\0';
  state->track_start = finite_or_zero (state->track_start);
  state->clock_offset = finite_or_zero (state->clock_offset);
  state->bpm = CLAMP (finite_or_zero (state->bpm), 0, 1000);
  state->confidence = CLAMP (finite_or_zero (state->confidence), 0, 1);
  state->next_beat = finite_or_zero (state->next_beat);
  state->last_beat = finite_or_zero (state->last_beat);
  state->last_downbeat = finite_or_zero (state->last_downbeat);
  state->beat_period = CLAMP (finite_or_zero (state->beat_period), 0, 10);
  for (guint i = 0; i < VITRINE_FEATURE_N_VALUES; i++)
    {
      VitrineFeatureStats *s = &state->stats[i];

      s->min = finite_or_zero (s->min);
      s->max = finite_or_zero (s->max);
      s->mean = finite_or_zero (s->mean);
      s->variance = MAX (finite_or_zero (s->variance), 0);
    }
}

/* The state block, stable and checked; FALSE when the writer kept it busy (keep yours). */
gboolean
vitrine_feature_ring_read_state (const VitrineFeatureRingView *view,
                                 VitrineFeatureState          *state)
{
  const VitrineFeatureRing *ring = view->ring;

  for (guint attempt = 0; attempt < READ_ATTEMPTS; attempt++)
    {
      guint32 before = load_acquire (&ring->state_sequence), after;

      if (before & 1)
        continue;
      memcpy (state, &ring->state, sizeof *state);
      atomic_thread_fence (memory_order_acquire);
      after = load_relaxed (&ring->state_sequence);
      if (before != after)
        continue;
      sanitize_state (state);
      return TRUE;
    }
  return FALSE;
}

guint64
vitrine_feature_ring_written (const VitrineFeatureRingView *view)
{
  return __atomic_load_n (&view->ring->written, __ATOMIC_ACQUIRE);
}

/* Frame @index if the ring still holds it, stable and checked. */
gboolean
vitrine_feature_ring_read_frame (const VitrineFeatureRingView *view,
                                 guint64                       index,
                                 VitrineFeatureRingFrame      *frame)
{
  const VitrineFeatureRingSlot *slot = &view->ring->slots[index % view->capacity];

  for (guint attempt = 0; attempt < READ_ATTEMPTS; attempt++)
    {
      guint32 before = load_acquire (&slot->sequence), after;

      if (before & 1)
        continue;
      memcpy (frame, &slot->frame, sizeof *frame);
      atomic_thread_fence (memory_order_acquire);
      after = load_relaxed (&slot->sequence);
      if (before != after)
        continue;
      /* Overwritten by a later lap, or never written: not the frame asked for. */
      if (frame->index != index || before == 0)
        return FALSE;
      frame->time = finite_or_zero (frame->time);
      frame->beat_time = finite_or_zero (frame->beat_time);
      frame->beat_confidence = CLAMP (isfinite (frame->beat_confidence) ? frame->beat_confidence : 0, 0, 1);
      frame->bpm = CLAMP (isfinite (frame->bpm) ? frame->bpm : 0, 0, 1000);
      for (guint i = 0; i < VITRINE_FEATURE_N_VALUES; i++)
        frame->values[i] = isfinite (frame->values[i]) ? CLAMP (frame->values[i], -1e6f, 1e6f) : 0;
      return TRUE;
    }
  return FALSE;
}

/* The frames of the last @seconds, oldest first, at most @max_frames; skips what is busy. */
guint
vitrine_feature_ring_read_recent (const VitrineFeatureRingView *view,
                                  double                        seconds,
                                  VitrineFeatureRingFrame      *frames,
                                  guint                         max_frames)
{
  guint64 written = vitrine_feature_ring_written (view), want, first;
  guint n = 0;

  want = (guint64) MIN (MAX (seconds, 0) / view->frame_s + 1, (double) view->capacity - 1);
  want = MIN (want, max_frames);
  first = written > want ? written - want : 0;
  for (guint64 index = first; index < written && n < max_frames; index++)
    if (vitrine_feature_ring_read_frame (view, index, &frames[n]))
      n++;
  return n;
}

guint64
vitrine_feature_ring_bars_written (const VitrineFeatureRingView *view)
{
  if (view->bars_channels == 0)
    return 0;
  return __atomic_load_n (&view->ring->bars_written, __ATOMIC_ACQUIRE);
}

/* Multi-channel frame @index if the ring still holds it, stable and checked: its time,
 * its track and view->bars_channels values. */
gboolean
vitrine_feature_ring_read_bars (const VitrineFeatureRingView *view,
                                guint64                       index,
                                double                       *time,
                                guint32                      *track,
                                float                        *values)
{
  const VitrineFeatureBarsSlot *slot;

  if (view->bars_channels == 0)
    return FALSE;
  slot = bars_slot (view->ring, view->bars_offset, view->bars_slot_size, index % view->bars_capacity);
  for (guint attempt = 0; attempt < READ_ATTEMPTS; attempt++)
    {
      guint32 before = load_acquire (&slot->sequence), after;
      guint64 slot_index;
      guint32 slot_track;
      double slot_time;

      if (before & 1)
        continue;
      slot_index = slot->index;
      slot_track = slot->track;
      slot_time = slot->time;
      memcpy (values, slot->values, sizeof (float) * view->bars_channels);
      atomic_thread_fence (memory_order_acquire);
      after = load_relaxed (&slot->sequence);
      if (before != after)
        continue;
      if (slot_index != index || before == 0)
        return FALSE;
      *time = finite_or_zero (slot_time);
      *track = slot_track;
      for (guint c = 0; c < view->bars_channels; c++)
        values[c] = isfinite (values[c]) ? CLAMP (values[c], -1e6f, 1e6f) : 0;
      return TRUE;
    }
  return FALSE;
}

/*
 * The multi-channel frames of the last @seconds (of @track, or any with 0) as one series:
 * @values gets span->n_frames × channels floats, oldest first, from the oldest frame that
 * could be read; frames missing since (busy, overwritten, another track) are NaN, so a
 * view neither samples nor draws through them. At most @max_frames frames; @values holds
 * max_frames × view->bars_channels floats. Returns span->n_frames.
 */
guint
vitrine_feature_ring_read_bars_recent (const VitrineFeatureRingView *view,
                                       double                        seconds,
                                       guint32                       track,
                                       float                        *values,
                                       guint                         max_frames,
                                       VitrineFeatureBarsSpan       *span)
{
  guint64 written = vitrine_feature_ring_bars_written (view), want, first;
  guint channels = view->bars_channels;

  *span = (VitrineFeatureBarsSpan) { .channels = channels, .frame_s = view->bars_frame_s };
  if (channels == 0)
    return 0;
  want = (guint64) MIN (MAX (seconds, 0) / view->bars_frame_s + 1, (double) view->bars_capacity - 1);
  want = MIN (want, max_frames);
  first = written > want ? written - want : 0;
  for (guint64 index = first; index < written; index++)
    {
      float *out = values + (gsize) span->n_frames * channels;
      double time;
      guint32 frame_track;
      gboolean ok = vitrine_feature_ring_read_bars (view, index, &time, &frame_track, out) &&
                    (track == 0 || frame_track == track);

      if (span->n_frames == 0 && !ok)
        continue;
      if (span->n_frames == 0)
        {
          span->first_index = index;
          span->start_s = time;
        }
      if (!ok)
        for (guint c = 0; c < channels; c++)
          out[c] = NAN;
      span->n_frames++;
    }
  return span->n_frames;
}
