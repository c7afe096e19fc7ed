/* test-feature-ring.c: the feature ring's multi-channel section (the spectrum bars) from
 * both sides: frames written and read back whole, the series of the last seconds with a
 * gap as NaN and another track's frames left out, laps that overwrite slots, a tempo view
 * over the series sampling each channel, and every header field of the section checked
 * against the mapping (a lying writer is refused, never read past).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-feature-ring.h"
#include "vitrine-tempo-view.h"

#define CAPACITY      16
#define BARS_CAPACITY 10
#define CHANNELS      3
#define BARS_S        (1024.0 / 48000)

static VitrineFeatureRing *
new_ring (gsize *size)
{
  VitrineFeatureRing *ring;

  *size = vitrine_feature_ring_size_with_bars (CAPACITY, BARS_CAPACITY, CHANNELS);
  ring = g_malloc0 (*size);
  vitrine_feature_ring_init (ring, CAPACITY, 512.0 / 48000, 48000);
  vitrine_feature_ring_init_bars (ring, BARS_CAPACITY, CHANNELS, BARS_S);
  return ring;
}

/* Frame i's channel c: 100 i + c. */
static void
publish (VitrineFeatureRing *ring,
         guint64             index,
         guint32             track)
{
  float values[CHANNELS];

  for (guint c = 0; c < CHANNELS; c++)
    values[c] = (float) (100 * index + c);
  vitrine_feature_ring_publish_bars (ring, index, (index + 1) * BARS_S, track, values);
}

static void
test_round_trip (void)
{
  gsize size;
  g_autofree VitrineFeatureRing *ring = new_ring (&size);
  g_autoptr(GError) error = NULL;
  VitrineFeatureRingView view;
  float values[CHANNELS];
  double time;
  guint32 track;

  g_assert_true (vitrine_feature_ring_check (ring, size, &view, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (view.bars_channels, ==, CHANNELS);
  g_assert_cmpuint (view.bars_capacity, ==, BARS_CAPACITY);
  g_assert_cmpfloat (view.bars_frame_s, ==, BARS_S);
  g_assert_cmpuint (vitrine_feature_ring_bars_written (&view), ==, 0);
  /* Never written: nothing to read. */
  g_assert_false (vitrine_feature_ring_read_bars (&view, 0, &time, &track, values));

  for (guint64 i = 0; i < 4; i++)
    publish (ring, i, 1);
  g_assert_cmpuint (vitrine_feature_ring_bars_written (&view), ==, 4);
  g_assert_true (vitrine_feature_ring_read_bars (&view, 2, &time, &track, values));
  g_assert_cmpfloat (time, ==, 3 * BARS_S);
  g_assert_cmpuint (track, ==, 1);
  for (guint c = 0; c < CHANNELS; c++)
    g_assert_cmpfloat (values[c], ==, 200 + c);

  /* A lap later, slot 2 holds frame 12: frame 2 is gone. */
  for (guint64 i = 4; i < 13; i++)
    publish (ring, i, 1);
  g_assert_false (vitrine_feature_ring_read_bars (&view, 2, &time, &track, values));
  g_assert_true (vitrine_feature_ring_read_bars (&view, 12, &time, &track, values));
  g_assert_cmpfloat (values[1], ==, 1201);
  /* The hop slots are untouched by the section. */
  g_assert_cmpuint (vitrine_feature_ring_written (&view), ==, 0);

  /* A slot mid-write is skipped, not waited for. */
  {
    VitrineFeatureBarsSlot *slot =
      (VitrineFeatureBarsSlot *) (void *) ((guint8 *) ring + ring->bars_offset + (11 % BARS_CAPACITY) * ring->bars_slot_size);

    slot->sequence++;
    g_assert_false (vitrine_feature_ring_read_bars (&view, 11, &time, &track, values));
    slot->sequence++;
    g_assert_true (vitrine_feature_ring_read_bars (&view, 11, &time, &track, values));
  }
}

static void
test_recent_series (void)
{
  gsize size;
  g_autofree VitrineFeatureRing *ring = new_ring (&size);
  VitrineFeatureRingView view;
  VitrineFeatureBarsSpan span;
  float values[BARS_CAPACITY * CHANNELS];
  VitrineTempoViewSpec spec = { .first_beat = 0, .subdivision = 1, .n_rows = 0, .interp = VITRINE_INTERP_LINEAR };
  g_autoptr(VitrineTempoMap) map = NULL;
  g_autoptr(VitrineTempoView) tempo = NULL;
  g_autoptr(GError) error = NULL;
  VitrineSeries series;
  guint n;

  g_assert_true (vitrine_feature_ring_check (ring, size, &view, NULL));
  for (guint64 i = 0; i < 20; i++)
    publish (ring, i, i < 12 ? 1 : 2);
  /* Frame 15 is being rewritten: a NaN gap. */
  ((VitrineFeatureBarsSlot *) (void *) ((guint8 *) ring + ring->bars_offset +
                                        (15 % BARS_CAPACITY) * ring->bars_slot_size))->sequence++;

  /* The capacity less one frame at most (the writer may be in the oldest slot). */
  n = vitrine_feature_ring_read_bars_recent (&view, 1e9, 0, values, BARS_CAPACITY, &span);
  g_assert_cmpuint (n, ==, BARS_CAPACITY - 1);
  g_assert_cmpuint (span.first_index, ==, 11);
  g_assert_cmpfloat (span.start_s, ==, 12 * BARS_S);
  g_assert_cmpuint (span.channels, ==, CHANNELS);
  g_assert_cmpfloat (values[0], ==, 1100);
  g_assert_cmpfloat (values[(19 - 11) * CHANNELS + 2], ==, 1902);
  for (guint c = 0; c < CHANNELS; c++)
    g_assert_true (isnan (values[(15 - 11) * CHANNELS + c]));

  /* The last 0.1 s of track 2 only: frames 16 to 19 (5 frames), 15 not readable. */
  n = vitrine_feature_ring_read_bars_recent (&view, 4 * BARS_S, 2, values, BARS_CAPACITY, &span);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (span.first_index, ==, 16);
  /* Of track 1 only: frame 11, then NaN for track 2's. */
  n = vitrine_feature_ring_read_bars_recent (&view, 1e9, 1, values, BARS_CAPACITY, &span);
  g_assert_cmpuint (span.first_index, ==, 11);
  g_assert_true (isnan (values[CHANNELS]));
  /* No more than the caller's buffer. */
  n = vitrine_feature_ring_read_bars_recent (&view, 1e9, 0, values, 3, &span);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (span.first_index, ==, 17);

  /* A tempo view samples every channel: at 120 BPM a beat is 0.5 s; rows inside the span
   * at linear interpolation between frames 17 and 18. */
  {
    const VitrineTempoSegmentBeats segment = { 0, 64, 120, 120, VITRINE_TEMPO_SEGMENT_CONSTANT };
    double t = 17.5 * BARS_S + BARS_S;

    map = vitrine_tempo_map_new_from_beats (&segment, 1, 0.0, NULL);
    series = (VitrineSeries) { values, span.n_frames, span.channels, 0, span.frame_s, span.start_s };
    spec.first_beat = t / 0.5;
    spec.n_rows = 1;
    tempo = vitrine_tempo_view_new (map, &series, &spec, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (tempo->channels, ==, CHANNELS);
    for (guint c = 0; c < CHANNELS; c++)
      g_assert_cmpfloat_with_epsilon (tempo->values[c], 1750 + c, 1e-3);
  }
}

static void
expect_refused (VitrineFeatureRing *ring,
                gsize               size,
                const char         *what)
{
  g_autoptr(GError) error = NULL;
  VitrineFeatureRingView view;

  g_test_message ("%s", what);
  g_assert_false (vitrine_feature_ring_check (ring, size, &view, &error));
  g_assert_error (error, VITRINE_FEATURE_RING_ERROR, 0);
}

static void
test_lying_header (void)
{
  gsize size;
  g_autofree VitrineFeatureRing *ring = new_ring (&size);
  VitrineFeatureRing saved;
  VitrineFeatureRingView view;

  memcpy (&saved, ring, sizeof saved);
  expect_refused (ring, size - 1, "a mapping one byte short of the last slot");
  ring->bars_channels = VITRINE_FEATURE_RING_MAX_CHANNELS + 1;
  expect_refused (ring, size, "more channels than there can be");
  ring->bars_channels = CHANNELS + 2;
  expect_refused (ring, size, "more channels than the slot holds");
  memcpy (ring, &saved, sizeof saved);
  ring->bars_offset -= 8;
  expect_refused (ring, size, "an offset into the hop slots");
  memcpy (ring, &saved, sizeof saved);
  ring->bars_offset += 4;
  expect_refused (ring, size, "an unaligned offset");
  memcpy (ring, &saved, sizeof saved);
  ring->bars_offset = G_MAXUINT64 - 8;
  expect_refused (ring, size, "an offset past the mapping");
  memcpy (ring, &saved, sizeof saved);
  ring->bars_capacity = BARS_CAPACITY + 1;
  expect_refused (ring, size, "a slot past the mapping");
  ring->bars_capacity = 0;
  expect_refused (ring, size, "no slots");
  memcpy (ring, &saved, sizeof saved);
  ring->bars_frame_s = NAN;
  expect_refused (ring, size, "a frame of no duration");
  memcpy (ring, &saved, sizeof saved);

  /* Without a section: no bars, nothing read. */
  ring->bars_channels = 0;
  g_assert_true (vitrine_feature_ring_check (ring, vitrine_feature_ring_size (CAPACITY), &view, NULL));
  g_assert_cmpuint (view.bars_channels, ==, 0);
  g_assert_cmpuint (vitrine_feature_ring_bars_written (&view), ==, 0);
  {
    float values[CHANNELS];
    VitrineFeatureBarsSpan span;
    double time;
    guint32 track;

    g_assert_false (vitrine_feature_ring_read_bars (&view, 0, &time, &track, values));
    g_assert_cmpuint (vitrine_feature_ring_read_bars_recent (&view, 1, 0, values, 1, &span), ==, 0);
  }

  /* Values and times that are not finite come out as 0 and bounded. */
  memcpy (ring, &saved, sizeof saved);
  g_assert_true (vitrine_feature_ring_check (ring, size, &view, NULL));
  {
    float values[CHANNELS] = { NAN, INFINITY, 1e30f };
    double time;
    guint32 track;

    vitrine_feature_ring_publish_bars (ring, 0, NAN, 1, values);
    g_assert_true (vitrine_feature_ring_read_bars (&view, 0, &time, &track, values));
    g_assert_cmpfloat (time, ==, 0);
    g_assert_cmpfloat (values[0], ==, 0);
    g_assert_cmpfloat (values[1], ==, 0);
    g_assert_cmpfloat (values[2], ==, 1e6f);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/FeatureRing/bars/round-trip", test_round_trip);
  g_test_add_func ("/FeatureRing/bars/recent-series", test_recent_series);
  g_test_add_func ("/FeatureRing/bars/lying-header", test_lying_header);
  return g_test_run ();
}
