/* fuzz-feature-ring.c: the display's side of the feature ring (docs/ARCHITECTURE.md §2)
 * over arbitrary bytes. The check must refuse what is not a ring of the given size
 * without reading past it; once checked, the reader must return only stable frames with
 * the index asked for and finite, bounded values, and a sanitized state block, even when
 * the writer rewrites the header's capacity afterwards. The same for the multi-channel
 * section (the spectrum bars): its header fields checked against the mapping, its frames
 * read back as one series of finite values or NaN gaps within the caller's buffer, also
 * after the writer rewrites its channels, capacity and offset.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-feature-ring.h"
#include "vitrine-fuzz.h"

static void
check_state (const VitrineFeatureState *state)
{
  g_assert_cmpuint (strlen (state->track_id), <, VITRINE_FEATURE_TRACK_ID);
  g_assert_true (isfinite (state->clock_offset) && isfinite (state->track_start));
  g_assert_true (state->bpm >= 0 && state->bpm <= 1000);
  g_assert_true (state->confidence >= 0 && state->confidence <= 1);
  g_assert_true (isfinite (state->next_beat) && isfinite (state->last_beat) && isfinite (state->last_downbeat));
  g_assert_true (state->beat_period >= 0 && state->beat_period <= 10);
  for (guint i = 0; i < VITRINE_FEATURE_N_VALUES; i++)
    {
      g_assert_true (isfinite (state->stats[i].min) && isfinite (state->stats[i].max));
      g_assert_true (isfinite (state->stats[i].mean) && state->stats[i].variance >= 0);
    }
}

static void
check_frame (const VitrineFeatureRingFrame *frame)
{
  g_assert_true (isfinite (frame->time) && isfinite (frame->beat_time));
  g_assert_true (frame->beat_confidence >= 0 && frame->beat_confidence <= 1);
  g_assert_true (frame->bpm >= 0 && frame->bpm <= 1000);
  for (guint i = 0; i < VITRINE_FEATURE_N_VALUES; i++)
    g_assert_true (isfinite (frame->values[i]) && fabsf (frame->values[i]) <= 1e6f);
}

/* The multi-channel section: within the mapping, and what is read is bounded. */
static void
check_bars (guint8                       *bytes,
            gsize                         size,
            const VitrineFeatureRingView *view)
{
  g_autofree float *values = NULL;
  VitrineFeatureRing *ring = (VitrineFeatureRing *) (void *) bytes;
  VitrineFeatureBarsSpan span;
  guint max = MIN (view->bars_capacity, 4096u), n;
  guint64 written;

  if (view->bars_channels == 0)
    {
      g_assert_cmpuint (vitrine_feature_ring_bars_written (view), ==, 0);
      return;
    }
  g_assert_cmpuint (view->bars_channels, <=, VITRINE_FEATURE_RING_MAX_CHANNELS);
  g_assert_cmpuint (view->bars_offset, >=, vitrine_feature_ring_size (view->capacity));
  g_assert_cmpuint (view->bars_offset + (gsize) view->bars_capacity * view->bars_slot_size, <=, size);
  g_assert_true (isfinite (view->bars_frame_s) && view->bars_frame_s > 0);

  values = g_new (float, (gsize) max * view->bars_channels);
  n = vitrine_feature_ring_read_bars_recent (view, 1e9, 0, values, max, &span);
  g_assert_cmpuint (n, <=, max);
  g_assert_cmpuint (span.n_frames, ==, n);
  g_assert_cmpuint (span.channels, ==, view->bars_channels);
  g_assert_true (isfinite (span.start_s));
  for (gsize i = 0; i < (gsize) n * view->bars_channels; i++)
    g_assert_true (isnan (values[i]) || fabsf (values[i]) <= 1e6f);

  /* A writer that rewrites the section's header after the check. */
  ring->bars_channels = G_MAXUINT32;
  ring->bars_capacity = G_MAXUINT32;
  ring->bars_offset = G_MAXUINT64;
  ring->bars_slot_size = 1;
  written = vitrine_feature_ring_bars_written (view);
  for (guint64 index = written > 4 ? written - 4 : 0; index < written + 4; index++)
    {
      double time;
      guint32 track;

      if (vitrine_feature_ring_read_bars (view, index, &time, &track, values))
        {
          g_assert_true (isfinite (time));
          for (guint c = 0; c < view->bars_channels; c++)
            g_assert_true (isfinite (values[c]) && fabsf (values[c]) <= 1e6f);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree guint8 *bytes = g_memdup2 (data, size);
  g_autofree VitrineFeatureRingFrame *frames = NULL;
  g_autoptr(GError) error = NULL;
  VitrineFeatureRingView view;
  VitrineFeatureState state;
  guint64 written;
  guint n;

  vitrine_fuzz_init ();

  if (!vitrine_feature_ring_check (bytes, size, &view, &error))
    {
      g_assert_error (error, VITRINE_FEATURE_RING_ERROR, 0);
      return 0;
    }
  g_assert_cmpuint (vitrine_feature_ring_size (view.capacity), <=, size);

  if (vitrine_feature_ring_read_state (&view, &state))
    check_state (&state);
  frames = g_new (VitrineFeatureRingFrame, view.capacity);
  n = vitrine_feature_ring_read_recent (&view, 1e9, frames, view.capacity);
  g_assert_cmpuint (n, <=, view.capacity);
  for (guint i = 0; i < n; i++)
    {
      check_frame (&frames[i]);
      if (i > 0)
        g_assert_cmpuint (frames[i].index, >, frames[i - 1].index);
    }

  check_bars (bytes, size, &view);

  /* A writer that grows the capacity after the check: the reader keeps the one it saw. */
  ((VitrineFeatureRing *) (void *) bytes)->capacity = G_MAXUINT32;
  written = vitrine_feature_ring_written (&view);
  for (guint64 index = written > 8 ? written - 8 : 0; index < written + 8; index++)
    {
      VitrineFeatureRingFrame frame;

      if (vitrine_feature_ring_read_frame (&view, index, &frame))
        {
          g_assert_cmpuint (frame.index, ==, index);
          check_frame (&frame);
        }
    }
  return 0;
}
