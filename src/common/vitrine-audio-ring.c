/* vitrine-audio-ring.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include "vitrine-audio-ring.h"

/* The reader tries this many times before it keeps its previous frame. */
#define READ_ATTEMPTS 4

G_DEFINE_QUARK (vitrine-audio-ring-error-quark, vitrine_audio_ring_error)

/*
 * The sequence lock's orderings (docs/ARCHITECTURE.md §2), spelled out for weakly ordered
 * CPUs (aarch64) where plain copies move freely around atomics that do not fence them: a
 * release store publishes everything written before it, an acquire load sees it, and the
 * two fences keep the frame's bytes between the odd and the even sequence number on both
 * sides.
 */
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

static void
store_release (guint32 *value,
               guint32  new_value)
{
  __atomic_store_n (value, new_value, __ATOMIC_RELEASE);
}

static void
store_relaxed (guint32 *value,
               guint32  new_value)
{
  __atomic_store_n (value, new_value, __ATOMIC_RELAXED);
}

/* Writer side, on fresh zeroed memory, before the fd is handed over. */
void
vitrine_audio_ring_init (VitrineAudioRing *ring)
{
  memset (ring, 0, sizeof *ring);
  ring->magic = VITRINE_AUDIO_RING_MAGIC;
  ring->version = VITRINE_AUDIO_RING_VERSION;
  ring->slot_count = VITRINE_AUDIO_RING_SLOTS;
  ring->slot_size = sizeof (VitrineAudioSlot);
  store_release (&ring->latest, VITRINE_AUDIO_RING_NONE);
}

void
vitrine_audio_ring_publish (VitrineAudioRing        *ring,
                            const VitrineAudioFrame *frame)
{
  /* The one writer is the only one to store latest and the sequences: its own last
   * values need no ordering. */
  guint32 latest = load_relaxed (&ring->latest);
  guint32 index = latest == VITRINE_AUDIO_RING_NONE ? 0 : (latest + 1) % VITRINE_AUDIO_RING_SLOTS;
  VitrineAudioSlot *slot = &ring->slots[index];
  guint32 sequence = load_relaxed (&slot->sequence);

  /* Odd before any byte of the frame changes: the fence keeps the copy below it. */
  store_relaxed (&slot->sequence, sequence + 1);
  atomic_thread_fence (memory_order_release);
  memcpy (&slot->frame, frame, sizeof *frame);
  slot->frame.bar_count = MIN (frame->bar_count, VITRINE_AUDIO_MAX_BARS);
  /* Even after the whole frame, and latest only after that. */
  store_release (&slot->sequence, sequence + 2);
  store_release (&ring->latest, index);
}

static float
sanitize (float value)
{
  /* A bar is a level from 0 to 1; anything else is a lie or a bug upstream. */
  if (!isfinite (value))
    return 0;
  return CLAMP (value, 0.0f, 1.0f);
}

/*
 * Copies the newest stable frame into @frame without blocking. Returns FALSE when there is
 * none yet, or when the writer kept every slot busy for all attempts (the caller keeps
 * drawing what it has).
 */
gboolean
vitrine_audio_ring_read_latest (const VitrineAudioRing *ring,
                                VitrineAudioFrame      *frame)
{
  for (guint attempt = 0; attempt < READ_ATTEMPTS; attempt++)
    {
      guint32 index = load_acquire (&ring->latest);
      const VitrineAudioSlot *slot;
      guint32 before, after;

      if (index == VITRINE_AUDIO_RING_NONE)
        return FALSE;
      if (index >= VITRINE_AUDIO_RING_SLOTS)
        return FALSE;
      /* Mid-write on the newest: the previous slot is the newest stable one. */
      if (attempt > 0)
        index = (index + VITRINE_AUDIO_RING_SLOTS - 1) % VITRINE_AUDIO_RING_SLOTS;
      slot = &ring->slots[index];

      /* Acquire: the copy cannot start before this load; the fence: it is done before
       * the second one. */
      before = load_acquire (&slot->sequence);
      if (before & 1)
        continue;
      memcpy (frame, &slot->frame, sizeof *frame);
      atomic_thread_fence (memory_order_acquire);
      after = load_relaxed (&slot->sequence);
      if (before != after)
        continue;

      frame->bar_count = MIN (frame->bar_count, VITRINE_AUDIO_MAX_BARS);
      for (guint i = 0; i < frame->bar_count; i++)
        {
          frame->raw[i] = sanitize (frame->raw[i]);
          frame->smoothed[i] = sanitize (frame->smoothed[i]);
          frame->peaks[i] = sanitize (frame->peaks[i]);
        }
      if (!isfinite (frame->timestamp))
        frame->timestamp = 0;
      /* Never heard: a time that is no time cannot keep the bars from counting as quiet. */
      if (!isfinite (frame->last_sound))
        frame->last_sound = 0;
      return TRUE;
    }

  return FALSE;
}

/* Reader side, once, on the mapping it was handed: is this our ring at all? */
gboolean
vitrine_audio_ring_check (const void  *data,
                          gsize        size,
                          GError     **error)
{
  const VitrineAudioRing *ring = data;

  if (size < sizeof (VitrineAudioRing))
    {
      g_set_error (error, VITRINE_AUDIO_RING_ERROR, 0,
                   "audio ring of %" G_GSIZE_FORMAT " bytes, %" G_GSIZE_FORMAT " needed",
                   size, sizeof (VitrineAudioRing));
      return FALSE;
    }
  if (ring->magic != VITRINE_AUDIO_RING_MAGIC || ring->version != VITRINE_AUDIO_RING_VERSION ||
      ring->slot_count != VITRINE_AUDIO_RING_SLOTS || ring->slot_size != sizeof (VitrineAudioSlot))
    {
      g_set_error (error, VITRINE_AUDIO_RING_ERROR, 0,
                   "not a version %u audio ring (magic 0x%08x, version %u, %u slots of %u bytes)",
                   VITRINE_AUDIO_RING_VERSION, ring->magic, ring->version, ring->slot_count,
                   ring->slot_size);
      return FALSE;
    }

  return TRUE;
}
