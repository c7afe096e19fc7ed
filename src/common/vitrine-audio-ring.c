/* vitrine-audio-ring.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-audio-ring.h"

/* The reader tries this many times before it keeps its previous frame. */
#define READ_ATTEMPTS 4

G_DEFINE_QUARK (vitrine-audio-ring-error-quark, vitrine_audio_ring_error)

/* g_atomic_int_* are full barriers: they order the plain copies around them. */
static guint32
load (const guint32 *value)
{
  return (guint32) g_atomic_int_get ((const gint *) value);
}

static void
store (guint32 *value,
       guint32  new_value)
{
  g_atomic_int_set ((gint *) value, (gint) new_value);
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
  store (&ring->latest, VITRINE_AUDIO_RING_NONE);
}

void
vitrine_audio_ring_publish (VitrineAudioRing        *ring,
                            const VitrineAudioFrame *frame)
{
  guint32 latest = load (&ring->latest);
  guint32 index = latest == VITRINE_AUDIO_RING_NONE ? 0 : (latest + 1) % VITRINE_AUDIO_RING_SLOTS;
  VitrineAudioSlot *slot = &ring->slots[index];
  guint32 sequence = load (&slot->sequence);

  store (&slot->sequence, sequence + 1);
  memcpy (&slot->frame, frame, sizeof *frame);
  slot->frame.bar_count = MIN (frame->bar_count, VITRINE_AUDIO_MAX_BARS);
  store (&slot->sequence, sequence + 2);
  store (&ring->latest, index);
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
      guint32 index = load (&ring->latest);
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

      before = load (&slot->sequence);
      if (before & 1)
        continue;
      memcpy (frame, &slot->frame, sizeof *frame);
      after = load (&slot->sequence);
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
