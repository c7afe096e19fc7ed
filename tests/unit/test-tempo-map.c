/* test-tempo-map.c: the tempo map of docs/tempo-map.md against values derived by hand,
 * round trips, batch against scalar, the work a lookup does, and maps it must refuse.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-tempo-map.h"

#define EXACT 1e-9

static VitrineTempoMap *
map_from_beats (const VitrineTempoSegmentBeats *segments,
                gsize                           n)
{
  g_autoptr(GError) error = NULL;
  VitrineTempoMap *map = vitrine_tempo_map_new_from_beats (segments, n, 0.0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (map);
  return map;
}

static void
test_constant (void)
{
  const VitrineTempoSegmentBeats segments[] = {
    { 0, 32, 120, 120, VITRINE_TEMPO_SEGMENT_CONSTANT },
  };
  g_autoptr(VitrineTempoMap) map = map_from_beats (segments, 1);

  /* 120 BPM is 0.5 s a beat: beat 8 at 4.0 s, exactly. */
  g_assert_cmpfloat (vitrine_tempo_map_time_at_beat (map, 8), ==, 4.0);
  g_assert_cmpfloat (vitrine_tempo_map_beat_at_time (map, 4.0), ==, 8.0);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 3.25), 1.625, EXACT);
  g_assert_cmpfloat (vitrine_tempo_map_bpm_at_beat (map, 10), ==, 120.0);
  g_assert_cmpfloat (vitrine_tempo_map_get_end_s (map), ==, 16.0);
}

static void
test_step (void)
{
  const VitrineTempoSegmentBeats segments[] = {
    { 0, 16, 120, 120, VITRINE_TEMPO_SEGMENT_CONSTANT },
    { 16, 32, 90, 90, VITRINE_TEMPO_SEGMENT_CONSTANT },
  };
  g_autoptr(VitrineTempoMap) map = map_from_beats (segments, 2);

  /* 16 beats at 0.5 s, then 2/3 s a beat: beat 20 at 8 + 4·(2/3), beat 32 at 8 + 32/3. */
  g_assert_cmpfloat (vitrine_tempo_map_time_at_beat (map, 16), ==, 8.0);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 15.5), 7.75, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 20), 8.0 + 8.0 / 3.0,
                                  EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 32), 8.0 + 32.0 / 3.0,
                                  EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_beat_at_time (map, 9.0), 17.5, EXACT);
  g_assert_cmpfloat (vitrine_tempo_map_bpm_at_beat (map, 15.999), ==, 120.0);
  g_assert_cmpfloat (vitrine_tempo_map_bpm_at_beat (map, 16), ==, 90.0);
  g_assert_cmpfloat (vitrine_tempo_map_bpm_at_time (map, 8.0), ==, 90.0);
}

static void
test_ramp (void)
{
  const VitrineTempoSegmentBeats segments[] = {
    { 0, 16, 140, 120, VITRINE_TEMPO_SEGMENT_RAMP },
  };
  g_autoptr(VitrineTempoMap) map = map_from_beats (segments, 1);
  g_autoptr(VitrineTempoMap) from_seconds = NULL;
  g_autoptr(GError) error = NULL;
  /* Tempo linear in beats, T(x) = 140 − 1.25·x; t(x) = ∫ 60/T = −48·ln(T(x)/140):
   * beat 8 (130 BPM) at 48·ln(14/13), beat 16 (120 BPM) at 48·ln(7/6). */
  double t8 = 48.0 * log (14.0 / 13.0), t16 = 48.0 * log (7.0 / 6.0);
  VitrineTempoSegmentSeconds seconds = { 1.0, 1.0 + t16, 140, 120, VITRINE_TEMPO_SEGMENT_RAMP };

  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 8), t8, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 16), t16, EXACT);
  g_assert_cmpfloat_with_epsilon (t16, 7.399233, 1e-6);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_beat_at_time (map, t8), 8.0, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_bpm_at_beat (map, 8), 130.0, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_bpm_at_time (map, t8), 130.0, EXACT);
  /* After the ramp the tempo stays at 120: beat 18 one second later. */
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 18), t16 + 1.0, EXACT);

  /* The same ramp as the tracker gives it (seconds, starting at 1 s) is 16 beats long. */
  from_seconds = vitrine_tempo_map_new_from_seconds (&seconds, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_beat_at_time (from_seconds, 1.0 + t16),
                                  16.0, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (from_seconds, 8),
                                  1.0 + t8, EXACT);
}

static void
test_append_mixed (void)
{
  g_autoptr(VitrineTempoMap) map = vitrine_tempo_map_new (2.0);
  g_autoptr(GError) error = NULL;

  g_assert_true (vitrine_tempo_map_append_beats (map, VITRINE_TEMPO_SEGMENT_CONSTANT,
                                                 4, 60, 0, &error));
  g_assert_true (vitrine_tempo_map_append_seconds (map, VITRINE_TEMPO_SEGMENT_CONSTANT,
                                                   3.0, 120, 0, &error));
  g_assert_true (vitrine_tempo_map_append_seconds (map, VITRINE_TEMPO_SEGMENT_CONSTANT,
                                                   2.0, 0, 0, &error));
  g_assert_true (vitrine_tempo_map_append_beats (map, VITRINE_TEMPO_SEGMENT_RAMP,
                                                 8, 120, 120, &error));
  g_assert_no_error (error);

  /* 4 beats at 1 s from 2 s; 6 beats at 0.5 s to 9 s; a 2 s pause at beat 10; then
   * 120 BPM again (a flat ramp is a constant segment). */
  g_assert_cmpuint (vitrine_tempo_map_get_n_segments (map), ==, 4);
  g_assert_cmpfloat (vitrine_tempo_map_time_at_beat (map, 4), ==, 6.0);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 7), 7.5, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_beat_at_time (map, 9.0), 10.0, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_beat_at_time (map, 10.0), 10.0, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_beat_at_time (map, 11.5), 11.0, EXACT);
  /* At a pause, forward gives the pause's end: the time the next beats count from. */
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 10), 11.0, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 9.5), 8.75, EXACT);
  g_assert_cmpfloat (vitrine_tempo_map_bpm_at_time (map, 10.0), ==, 0.0);
}

static void
test_edges (void)
{
  const VitrineTempoSegmentSeconds segments[] = {
    { 10.0, 12.0, 120, 120, VITRINE_TEMPO_SEGMENT_CONSTANT },
    { 12.0, 12.0, 200, 200, VITRINE_TEMPO_SEGMENT_CONSTANT },    /* zero length: dropped */
    { 12.0, 14.0, 60, 60, VITRINE_TEMPO_SEGMENT_CONSTANT },
    { 16.0, 17.0, 90, 90, VITRINE_TEMPO_SEGMENT_CONSTANT },      /* after a 2 s gap */
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineTempoMap) map = vitrine_tempo_map_new_from_seconds (segments, 4, &error);

  g_assert_no_error (error);
  /* Dropped zero-length segment, a gap filled at the tempo before it (60 BPM). */
  g_assert_cmpuint (vitrine_tempo_map_get_n_segments (map), ==, 4);
  g_assert_cmpfloat (vitrine_tempo_map_get_start_s (map), ==, 10.0);
  g_assert_cmpfloat (vitrine_tempo_map_get_end_s (map), ==, 17.0);

  /* Before the first beat, the first tempo goes on backwards. */
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, -2), 9.0, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_beat_at_time (map, 0.0), -20.0, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 4), 12.0, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 7), 15.0, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_beat_at_time (map, 16.0), 8.0, EXACT);
  /* After the last segment, its tempo goes on: 90 BPM from beat 9.5 at 17 s. */
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_beat_at_time (map, 17.0), 9.5, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 12.5), 19.0, EXACT);
  g_assert_cmpfloat (vitrine_tempo_map_bpm_at_time (map, 100.0), ==, 90.0);
  g_assert_true (isnan (vitrine_tempo_map_time_at_beat (map, NAN)));
}

static void
test_pause_at_edges (void)
{
  g_autoptr(VitrineTempoMap) map = vitrine_tempo_map_new (0.0);

  g_assert_true (vitrine_tempo_map_append_seconds (map, VITRINE_TEMPO_SEGMENT_CONSTANT,
                                                   1.0, 0, 0, NULL));
  g_assert_true (vitrine_tempo_map_append_seconds (map, VITRINE_TEMPO_SEGMENT_CONSTANT,
                                                   1.0, 60, 0, NULL));
  g_assert_true (vitrine_tempo_map_append_seconds (map, VITRINE_TEMPO_SEGMENT_CONSTANT,
                                                   1.0, 0, 0, NULL));
  /* A pause at either end lasts forever: beats beyond it are never reached. */
  g_assert_cmpfloat (vitrine_tempo_map_time_at_beat (map, -0.5), ==, -INFINITY);
  g_assert_cmpfloat (vitrine_tempo_map_time_at_beat (map, 0.0), ==, 1.0);
  g_assert_cmpfloat (vitrine_tempo_map_time_at_beat (map, 1.0), ==, 3.0);
  g_assert_cmpfloat (vitrine_tempo_map_time_at_beat (map, 1.5), ==, INFINITY);
  g_assert_cmpfloat (vitrine_tempo_map_beat_at_time (map, -5.0), ==, 0.0);
  g_assert_cmpfloat (vitrine_tempo_map_beat_at_time (map, 0.5), ==, 0.0);
  g_assert_cmpfloat (vitrine_tempo_map_beat_at_time (map, 1.25), ==, 0.25);
  g_assert_cmpfloat (vitrine_tempo_map_beat_at_time (map, 50.0), ==, 1.0);
}

typedef struct
{
  const char            *what;
  VitrineTempoSegmentSeconds segment[2];
  gsize                  n;
  VitrineTempoMapError   code;
  const char            *message;
} Refusal;

static void
test_refused (void)
{
  const Refusal refusals[] = {
    { "empty", { { 0 } }, 0, VITRINE_TEMPO_MAP_ERROR_EMPTY, "at least one segment" },
    { "only zero length", { { 1, 1, 120, 120, 0 } }, 1, VITRINE_TEMPO_MAP_ERROR_EMPTY,
      "positive length" },
    { "backwards", { { 2, 1, 120, 120, 0 } }, 1, VITRINE_TEMPO_MAP_ERROR_NOT_MONOTONIC,
      "ends (1) before it starts (2)" },
    { "overlap", { { 0, 2, 120, 120, 0 }, { 1, 3, 120, 120, 0 } }, 2,
      VITRINE_TEMPO_MAP_ERROR_NOT_MONOTONIC, "starts at 1 s, before the previous one ends" },
    { "NaN", { { 0, NAN, 120, 120, 0 } }, 1, VITRINE_TEMPO_MAP_ERROR_INVALID, "finite" },
    { "infinite tempo", { { 0, 1, INFINITY, 120, 0 } }, 1, VITRINE_TEMPO_MAP_ERROR_INVALID,
      "outside 0 to" },
    { "negative tempo", { { 0, 1, -120, 120, 0 } }, 1, VITRINE_TEMPO_MAP_ERROR_INVALID,
      "outside 0 to" },
    { "ramp to zero", { { 0, 1, 120, 0, VITRINE_TEMPO_SEGMENT_RAMP } }, 1,
      VITRINE_TEMPO_MAP_ERROR_ZERO_RAMP, "0 BPM" },
    { "unknown kind", { { 0, 1, 120, 120, 7 } }, 1, VITRINE_TEMPO_MAP_ERROR_INVALID,
      "unknown tempo segment kind 7" },
  };
  const VitrineTempoSegmentBeats beats_pause = { 0, 4, 0, 0, VITRINE_TEMPO_SEGMENT_CONSTANT };
  g_autoptr(VitrineTempoMap) map = vitrine_tempo_map_new (0.0);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GError) refusal = NULL;
      VitrineTempoMap *refused;

      g_test_message ("%s", refusals[i].what);
      refused = vitrine_tempo_map_new_from_seconds (refusals[i].segment, refusals[i].n,
                                                    &refusal);
      g_assert_null (refused);
      g_assert_error (refusal, VITRINE_TEMPO_MAP_ERROR, (int) refusals[i].code);
      g_assert_nonnull (strstr (refusal->message, refusals[i].message));
    }

  g_assert_null (vitrine_tempo_map_new_from_beats (&beats_pause, 1, 0.0, &error));
  g_assert_error (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_INVALID);
  g_clear_error (&error);

  /* A refused append leaves the map as it was; an empty map answers NaN. */
  g_assert_false (vitrine_tempo_map_append_beats (map, VITRINE_TEMPO_SEGMENT_CONSTANT,
                                                  -1, 120, 0, &error));
  g_assert_error (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_NOT_MONOTONIC);
  g_assert_cmpuint (vitrine_tempo_map_get_n_segments (map), ==, 0);
  g_assert_true (isnan (vitrine_tempo_map_time_at_beat (map, 1.0)));
  g_assert_true (isnan (vitrine_tempo_map_beat_at_time (map, 1.0)));
}

/* A random map of constant, stepped and ramped segments (given in beats or seconds), a
 * pause now and then, starting anywhere in [-50, 50) s. */
static VitrineTempoMap *
random_map (GRand *rand,
            guint  n_segments)
{
  VitrineTempoMap *map = vitrine_tempo_map_new (g_rand_double_range (rand, -50, 50));
  double bpm = g_rand_double_range (rand, 60, 200);

  for (guint i = 0; i < n_segments; i++)
    {
      double next = g_rand_double_range (rand, 60, 200);
      guint what = g_rand_int_range (rand, 0, 10);
      gboolean ok;

      if (what == 0 && i > 0 && i + 1 < n_segments)
        ok = vitrine_tempo_map_append_seconds (map, VITRINE_TEMPO_SEGMENT_CONSTANT,
                                               g_rand_double_range (rand, 0.1, 3), 0, 0, NULL);
      else if (what < 4)
        ok = vitrine_tempo_map_append_beats (map, VITRINE_TEMPO_SEGMENT_CONSTANT,
                                             g_rand_double_range (rand, 0.5, 64), next, 0,
                                             NULL);
      else if (what < 7)
        ok = vitrine_tempo_map_append_beats (map, VITRINE_TEMPO_SEGMENT_RAMP,
                                             g_rand_double_range (rand, 0.5, 64), bpm, next,
                                             NULL);
      else
        ok = vitrine_tempo_map_append_seconds (map, VITRINE_TEMPO_SEGMENT_RAMP,
                                               g_rand_double_range (rand, 0.2, 30), bpm, next,
                                               NULL);
      g_assert_true (ok);
      bpm = next;
    }
  return map;
}

static void
test_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);

  for (guint m = 0; m < 40; m++)
    {
      g_autoptr(VitrineTempoMap) map = random_map (rand, 1 + m * 3);
      double start = vitrine_tempo_map_get_start_s (map);
      double end = vitrine_tempo_map_get_end_s (map);

      for (guint i = 0; i < 500; i++)
        {
          double t = g_rand_double_range (rand, start - 20, end + 20);
          double b = vitrine_tempo_map_beat_at_time (map, t);
          double back = vitrine_tempo_map_time_at_beat (map, b);

          /* Inside a pause every time maps to its beat, which maps to the pause's end. */
          if (vitrine_tempo_map_bpm_at_time (map, t) == 0.0)
            {
              g_assert_cmpfloat (back, >=, t - EXACT);
              g_assert_cmpfloat (vitrine_tempo_map_beat_at_time (map, back), ==, b);
              continue;
            }
          g_assert_cmpfloat_with_epsilon (back, t, EXACT);
          g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_beat_at_time (map, back), b, EXACT);
        }
    }
}

/* Time never runs backwards as beats go forwards, across every join. */
static void
test_monotonic (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(VitrineTempoMap) map = random_map (rand, 200);
  VitrineTempoSegmentBeats first, last;
  double previous = -INFINITY;

  vitrine_tempo_map_get_segment (map, 0, NULL, &first);
  vitrine_tempo_map_get_segment (map, vitrine_tempo_map_get_n_segments (map) - 1, NULL, &last);
  for (double b = first.start_beat - 4; b < last.end_beat + 4; b += 0.01)
    {
      double t = vitrine_tempo_map_time_at_beat (map, b);

      g_assert_cmpfloat (t, >=, previous);
      previous = t;
    }
}

static void
test_batch (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(VitrineTempoMap) map = random_map (rand, 300);
  double start = vitrine_tempo_map_get_start_s (map), end = vitrine_tempo_map_get_end_s (map);
  gsize n = 4000;
  g_autofree double *times = g_new (double, n);
  g_autofree double *beats = g_new (double, n);
  g_autofree double *batch = g_new (double, n);

  /* Half sorted (the cursor walks), half random (it misses and searches). */
  for (gsize i = 0; i < n; i++)
    times[i] = i < n / 2 ? start - 5 + (end - start + 10) * i / (n / 2)
                         : g_rand_double_range (rand, start - 5, end + 5);

  vitrine_tempo_map_beats_at_times (map, times, beats, n);
  for (gsize i = 0; i < n; i++)
    {
      double scalar = vitrine_tempo_map_beat_at_time (map, times[i]);
      g_assert_cmpmem (&beats[i], sizeof (double), &scalar, sizeof (double));
    }

  vitrine_tempo_map_times_at_beats (map, beats, batch, n);
  for (gsize i = 0; i < n; i++)
    {
      double scalar = vitrine_tempo_map_time_at_beat (map, beats[i]);
      g_assert_cmpmem (&batch[i], sizeof (double), &scalar, sizeof (double));
    }

  /* In place. */
  memcpy (batch, beats, n * sizeof (double));
  vitrine_tempo_map_times_at_beats (map, batch, batch, n);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat (batch[i], ==, vitrine_tempo_map_time_at_beat (map, beats[i]));
}

/* Probes for 1000 lookups walking through one steady section of a map with @n segments. */
static guint64
steady_probes (guint n_segments)
{
  g_autoptr(VitrineTempoMap) map = vitrine_tempo_map_new (0.0);
  VitrineTempoCursor cursor = VITRINE_TEMPO_CURSOR_INIT;
  guint steady = n_segments / 2;
  VitrineTempoSegmentBeats segment;
  guint64 before;

  for (guint i = 0; i < n_segments; i++)
    g_assert_true (vitrine_tempo_map_append_beats (map, VITRINE_TEMPO_SEGMENT_RAMP,
                                                   i == steady ? 1000 : 2, 100 + i % 7,
                                                   100 + (i + 1) % 7, NULL));
  vitrine_tempo_map_get_segment (map, steady, NULL, &segment);
  /* The first lookup finds the section. */
  vitrine_tempo_map_time_at_beat_cursor (map, segment.start_beat, &cursor);
  g_assert_cmpuint (cursor.segment, ==, steady);
  before = cursor.probes;
  for (guint i = 0; i < 1000; i++)
    vitrine_tempo_map_time_at_beat_cursor (map, segment.start_beat + i * 0.999, &cursor);
  g_assert_cmpuint (cursor.segment, ==, steady);
  return cursor.probes - before;
}

static void
test_work (void)
{
  g_autoptr(VitrineTempoMap) map = vitrine_tempo_map_new (0.0);
  VitrineTempoCursor cursor = VITRINE_TEMPO_CURSOR_INIT;
  double end_s;

  /* Inside a steady section a lookup is two comparisons and one closed form, whatever
   * the map's size. */
  g_assert_cmpuint (steady_probes (10), ==, 2000);
  g_assert_cmpuint (steady_probes (10000), ==, 2000);

  /* Walking forward through every segment costs at most three probes a lookup; a cold
   * lookup is a binary search, 14 probes for 10,000 segments. */
  for (guint i = 0; i < 10000; i++)
    g_assert_true (vitrine_tempo_map_append_beats (map, VITRINE_TEMPO_SEGMENT_CONSTANT, 1,
                                                   100 + i % 50, 0, NULL));
  end_s = vitrine_tempo_map_get_end_s (map);
  for (guint i = 0; i < 20000; i++)
    vitrine_tempo_map_beat_at_time_cursor (map, end_s * i / 20000.0, &cursor);
  g_assert_cmpuint (cursor.probes, <=, 3 * 20000);

  for (guint i = 0; i < 100; i++)
    {
      VitrineTempoCursor cold = VITRINE_TEMPO_CURSOR_INIT;
      double t = end_s * (i * 37 % 100) / 100.0;
      double b = vitrine_tempo_map_beat_at_time_cursor (map, t, &cold);

      g_assert_cmpuint (cold.probes, <=, 2 + 14);
      g_assert_cmpfloat (b, ==, vitrine_tempo_map_beat_at_time (map, t));
    }
}

static void
test_bars (void)
{
  const VitrineTempoSegmentBeats segments[] = {
    { 0, 64, 120, 120, VITRINE_TEMPO_SEGMENT_CONSTANT },
  };
  g_autoptr(VitrineTempoMap) map = map_from_beats (segments, 1);
  double beat;

  g_assert_cmpuint (vitrine_tempo_map_get_beats_per_bar (map), ==, 4);
  g_assert_cmpfloat (vitrine_tempo_map_next_downbeat (map, 0.5), ==, 4.0);

  /* 3/4 with a pickup: the first downbeat is beat 1. */
  vitrine_tempo_map_set_meter (map, 3, 1.0);
  g_assert_cmpfloat (vitrine_tempo_map_next_downbeat (map, 0.0), ==, 1.0);
  g_assert_cmpfloat (vitrine_tempo_map_next_downbeat (map, 1.0), ==, 1.0);
  g_assert_cmpfloat (vitrine_tempo_map_next_downbeat (map, 1.01), ==, 4.0);
  g_assert_cmpfloat (vitrine_tempo_map_next_downbeat (map, -2.5), ==, -2.0);
  g_assert_cmpfloat (vitrine_tempo_map_bar_at_beat (map, 7.0), ==, 2.0);
  g_assert_cmpfloat (vitrine_tempo_map_beat_at_bar (map, 5.0), ==, 16.0);
  /* At 2.1 s (beat 4.2) the next downbeat is beat 7, at 3.5 s. */
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_next_downbeat_time (map, 2.1, &beat), 3.5,
                                  EXACT);
  g_assert_cmpfloat (beat, ==, 7.0);
  /* Whole bars of 1.5 s from 0.5 s (beat 1): 4.3 s rounds to 5.0 s (beat 10), 3.6 s to
   * 3.5 s (beat 7); exactly between (4.25 s), the later one. */
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_nearest_downbeat_time (map, 4.3, &beat),
                                  5.0, EXACT);
  g_assert_cmpfloat (beat, ==, 10.0);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_nearest_downbeat_time (map, 3.6, NULL),
                                  3.5, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_nearest_downbeat_time (map, 4.25, NULL),
                                  5.0, EXACT);
  g_assert_cmpfloat (vitrine_tempo_map_nearest_downbeat_time (map, 3.5, &beat), ==, 3.5);
  g_assert_cmpfloat (beat, ==, 7.0);

  /* Renumbering: put beat 0 on the first tracked beat at 0.25 s. */
  vitrine_tempo_map_set_origin (map, 0.25, 0.0);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 0.0), 0.25, EXACT);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_time_at_beat (map, 8.0), 4.25, EXACT);
}

static void
test_copy_segments (void)
{
  const VitrineTempoSegmentSeconds segments[] = {
    { 0.5, 4.5, 120, 120, VITRINE_TEMPO_SEGMENT_CONSTANT },
    { 4.5, 10.0, 120, 150, VITRINE_TEMPO_SEGMENT_RAMP },
  };
  g_autoptr(VitrineTempoMap) map = vitrine_tempo_map_new_from_seconds (segments, 2, NULL);
  g_autoptr(VitrineTempoMap) copy = vitrine_tempo_map_copy (map);
  VitrineTempoSegmentSeconds out;
  VitrineTempoSegmentBeats beats;

  /* Segments read back as the tracker gave them, and in beats. */
  for (gsize i = 0; i < 2; i++)
    {
      vitrine_tempo_map_get_segment (copy, i, &out, &beats);
      g_assert_cmpfloat (out.start_s, ==, segments[i].start_s);
      g_assert_cmpfloat (out.end_s, ==, segments[i].end_s);
      g_assert_cmpfloat (out.start_bpm, ==, segments[i].start_bpm);
      g_assert_cmpfloat (out.end_bpm, ==, segments[i].end_bpm);
      g_assert_cmpint (out.kind, ==, segments[i].kind);
    }
  g_assert_cmpfloat (beats.start_beat, ==, 8.0);
  g_assert_true (vitrine_tempo_map_append_beats (copy, VITRINE_TEMPO_SEGMENT_CONSTANT, 4,
                                                 150, 0, NULL));
  g_assert_cmpuint (vitrine_tempo_map_get_n_segments (map), ==, 2);
  g_assert_cmpuint (vitrine_tempo_map_get_n_segments (copy), ==, 3);
  g_assert_cmpfloat_with_epsilon (vitrine_tempo_map_get_end_s (copy), 11.6, EXACT);
}

/* Fuzz-style: random tracker output, good and bad (NaN, negative, backwards, overlapping,
 * zero-length, gaps, pauses, ramps to 0, huge). Either a clear error and no map, or a map
 * whose forward mapping never runs backwards and round-trips. */
static double
random_value (GRand  *rand,
              double  usual_low,
              double  usual_high)
{
  static const double odd[] = { NAN, INFINITY, -INFINITY, -1.0, 0.0, 1e300, 5e-324 };

  if (g_rand_int_range (rand, 0, 40) == 0)
    return odd[g_rand_int_range (rand, 0, G_N_ELEMENTS (odd))];
  return g_rand_double_range (rand, usual_low, usual_high);
}

static void
test_random_input (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1313);
  guint built = 0, refused = 0;

  for (guint m = 0; m < 2000; m++)
    {
      VitrineTempoSegmentSeconds segments[12];
      guint n = g_rand_int_range (rand, 0, G_N_ELEMENTS (segments) + 1);
      double t = random_value (rand, -10, 10);
      g_autoptr(VitrineTempoMap) map = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < n; i++)
        {
          double start = t + (g_rand_int_range (rand, 0, 4) == 0 ? random_value (rand, -1, 2) : 0);
          double end = start + random_value (rand, 0, 5);

          segments[i] = (VitrineTempoSegmentSeconds) {
            start, end, random_value (rand, 30, 250), random_value (rand, 30, 250),
            g_rand_int_range (rand, 0, 3) == 0 ? VITRINE_TEMPO_SEGMENT_CONSTANT
                                               : VITRINE_TEMPO_SEGMENT_RAMP,
          };
          if (g_rand_int_range (rand, 0, 10) == 0)
            segments[i].start_bpm = segments[i].end_bpm = 0.0;
          t = end;
        }

      map = vitrine_tempo_map_new_from_seconds (segments, n, &error);
      g_assert_true ((map == NULL) != (error == NULL));
      if (map == NULL)
        {
          g_assert_true (error->domain == VITRINE_TEMPO_MAP_ERROR);
          g_assert_cmpuint (strlen (error->message), >, 10);
          refused++;
          continue;
        }
      built++;
      {
        double start = vitrine_tempo_map_get_start_s (map), end = vitrine_tempo_map_get_end_s (map);
        double previous_beat = -INFINITY;

        for (guint i = 0; i <= 64; i++)
          {
            double time_s = start - 1 + (end - start + 2) * i / 64.0;
            double beat = vitrine_tempo_map_beat_at_time (map, time_s);

            g_assert_true (isfinite (beat));
            g_assert_cmpfloat (beat, >=, previous_beat);
            previous_beat = beat;
            if (vitrine_tempo_map_bpm_at_time (map, time_s) > 0.0)
              g_assert_cmpfloat (fabs (vitrine_tempo_map_time_at_beat (map, beat) - time_s),
                                 <=, 1e-9 * MAX (1.0, fabs (time_s)));
          }
      }
    }
  /* Both outcomes happen, or the generator is not testing much. */
  g_assert_cmpuint (built, >, 200);
  g_assert_cmpuint (refused, >, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The tempo map of docs/tempo-map.md: hand-derived values, round trips, "
                  "batch against scalar, counted work, refused maps");

  g_test_add_func ("/TempoMap/constant", test_constant);
  g_test_add_func ("/TempoMap/step", test_step);
  g_test_add_func ("/TempoMap/ramp", test_ramp);
  g_test_add_func ("/TempoMap/append-mixed", test_append_mixed);
  g_test_add_func ("/TempoMap/edges", test_edges);
  g_test_add_func ("/TempoMap/pause-at-edges", test_pause_at_edges);
  g_test_add_func ("/TempoMap/refused", test_refused);
  g_test_add_func ("/TempoMap/round-trip", test_round_trip);
  g_test_add_func ("/TempoMap/monotonic", test_monotonic);
  g_test_add_func ("/TempoMap/batch", test_batch);
  g_test_add_func ("/TempoMap/work", test_work);
  g_test_add_func ("/TempoMap/bars", test_bars);
  g_test_add_func ("/TempoMap/copy-segments", test_copy_segments);
  g_test_add_func ("/TempoMap/random-input", test_random_input);

  return g_test_run ();
}
