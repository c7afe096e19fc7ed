/* vitrine-audio-ring.h: the audio worker's bars in shared memory (docs/ARCHITECTURE.md §2).
 *
 * One writer (the audio worker) and one reader (the display). The writer fills the slot
 * after the newest under a sequence lock and then points "latest" at it; the reader copies
 * the newest stable slot and never waits: when the writer is mid-write it takes the one
 * before, and when that fails too it keeps its last frame. The reader trusts nothing it
 * copies: counts are bounded and values clamped.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_AUDIO_RING_MAGIC   0x31524156u  /* "VAR1" */
#define VITRINE_AUDIO_RING_VERSION 1
#define VITRINE_AUDIO_RING_SLOTS   3
#define VITRINE_AUDIO_MAX_BARS     64
#define VITRINE_AUDIO_RING_NONE    G_MAXUINT32

/* Without a frame of sound for this long (seconds), the bars count as zero. */
#define VITRINE_AUDIO_SILENCE_TIMEOUT 0.4

typedef struct
{
  guint64 generation;   /* settings generation the bars were computed for */
  guint64 frame;        /* analysis frame counter */
  double  timestamp;    /* seconds, the audio frame's own time (monotonic clock) */
  double  last_sound;   /* timestamp of the latest frame that was not silence, or 0 */
  guint32 bar_count;
  guint32 silent;       /* nonzero: the block was silence (raw bars zero, no state changed) */
  float   raw[VITRINE_AUDIO_MAX_BARS];
  float   smoothed[VITRINE_AUDIO_MAX_BARS];
  float   peaks[VITRINE_AUDIO_MAX_BARS];
} VitrineAudioFrame;

typedef struct
{
  guint32           sequence;  /* even: stable; odd: being written */
  guint32           padding;
  VitrineAudioFrame frame;
} VitrineAudioSlot;

typedef struct
{
  guint32          magic;
  guint32          version;
  guint32          slot_count;
  guint32          slot_size;
  guint32          latest;      /* index of the newest stable slot, or VITRINE_AUDIO_RING_NONE */
  guint32          padding;
  VitrineAudioSlot slots[VITRINE_AUDIO_RING_SLOTS];
} VitrineAudioRing;

#define VITRINE_AUDIO_RING_ERROR (vitrine_audio_ring_error_quark ())

GQuark   vitrine_audio_ring_error_quark (void);
void     vitrine_audio_ring_init        (VitrineAudioRing        *ring);
void     vitrine_audio_ring_publish     (VitrineAudioRing        *ring,
                                         const VitrineAudioFrame *frame);
gboolean vitrine_audio_ring_read_latest (const VitrineAudioRing  *ring,
                                         VitrineAudioFrame       *frame);
gboolean vitrine_audio_ring_check       (const void              *data,
                                         gsize                    size,
                                         GError                 **error);

/* No frame of sound for VITRINE_AUDIO_SILENCE_TIMEOUT seconds before @now (the monotonic
 * clock, in seconds), whether silent frames keep coming or none do. Inline so the pure
 * analysis library can use it without linking this folder. */
static inline gboolean
vitrine_audio_frame_is_quiet (const VitrineAudioFrame *frame,
                              double                   now)
{
  return frame->last_sound <= 0 || now - frame->last_sound > VITRINE_AUDIO_SILENCE_TIMEOUT;
}

G_END_DECLS
