/* fuzz-audio-ring.c: the display's side of the audio ring (docs/ARCHITECTURE.md §2) over
 * arbitrary bytes. The check must refuse what is not a ring without reading past it, and
 * the reader, given any bytes of a ring's size, must return a frame it can draw: a bounded
 * bar count, every value from 0 to 1, finite times.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-audio-ring.h"
#include "vitrine-fuzz.h"

static void
check_frame (const VitrineAudioFrame *frame)
{
  g_assert_cmpuint (frame->bar_count, <=, VITRINE_AUDIO_MAX_BARS);
  for (guint i = 0; i < frame->bar_count; i++)
    {
      g_assert_true (frame->raw[i] >= 0 && frame->raw[i] <= 1);
      g_assert_true (frame->smoothed[i] >= 0 && frame->smoothed[i] <= 1);
      g_assert_true (frame->peaks[i] >= 0 && frame->peaks[i] <= 1);
    }
  g_assert_true (isfinite (frame->timestamp));
  g_assert_true (isfinite (frame->last_sound));

  /* A frame is quiet once its silence timeout has passed (on a clock of up to 30 years in
   * seconds, where adding the timeout still changes a double). */
  if (frame->last_sound < 1e9)
    g_assert_true (vitrine_audio_frame_is_quiet (frame, MAX (frame->last_sound, 0) + 2 * VITRINE_AUDIO_SILENCE_TIMEOUT));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree VitrineAudioRing *ring = g_new0 (VitrineAudioRing, 1);
  VitrineAudioFrame frame;
  g_autoptr(GError) error = NULL;

  vitrine_fuzz_init ();

  /* The check reads only what it is given: a short input must be refused, not overread. */
  {
    g_autofree guint8 *exact = g_memdup2 (data, size);

    if (vitrine_audio_ring_check (exact, size, &error))
      g_assert_cmpuint (size, >=, sizeof (VitrineAudioRing));
    else
      g_assert_error (error, VITRINE_AUDIO_RING_ERROR, 0);
  }

  /* The input laid over a ring (zeros after it), read whether or not the check passes:
   * the reader trusts nothing it copies either way. */
  memcpy (ring, data, MIN (size, sizeof *ring));
  g_clear_error (&error);
  vitrine_audio_ring_check (ring, sizeof *ring, &error);
  memset (&frame, 0xa5, sizeof frame);
  if (vitrine_audio_ring_read_latest (ring, &frame))
    check_frame (&frame);

  return 0;
}
