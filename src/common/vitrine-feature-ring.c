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

/* Reader side, once, on the mapping it was handed: is this our ring, and does it fit? */
gboolean
vitrine_feature_ring_check (const void              *data,
                            gsize                    size,
                            VitrineFeatureRingView  *view,
                            GError                 **error)
{
  const VitrineFeatureRing *ring = data;

  if (size < sizeof (VitrineFeatureRing))
    {
      g_set_error (error, VITRINE_FEATURE_RING_ERROR, 0,
                   "feature ring of %" G_GSIZE_FORMAT " bytes, at least %" G_GSIZE_FORMAT " needed",
                   size, sizeof (VitrineFeatureRing));
      return FALSE;
    }
  if (ring->magic != VITRINE_FEATURE_RING_MAGIC || ring->version != VITRINE_FEATURE_RING_VERSION ||
      ring->slot_size != sizeof (VitrineFeatureRingSlot) || ring->capacity == 0 ||
      ring->capacity > VITRINE_FEATURE_RING_MAX_FRAMES ||
      vitrine_feature_ring_size (ring->capacity) > size ||
      !isfinite (ring->frame_s) || ring->frame_s <= 0 || ring->frame_s > 1)
    {
      g_set_error (error, VITRINE_FEATURE_RING_ERROR, 0,
                   "not a version %u feature ring of this size (magic 0x%08x, version %u, "
                   "%u slots of %u bytes in %" G_GSIZE_FORMAT ")",
                   VITRINE_FEATURE_RING_VERSION, ring->magic, ring->version, ring->capacity,
                   ring->slot_size, size);
      return FALSE;
    }
  *view = (VitrineFeatureRingView) {
    .ring = ring, .capacity = ring->capacity, .frame_s = ring->frame_s,
    .sample_rate = ring->sample_rate,
  };
  return TRUE;
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
