/* test-beat-sync.c: beat-synced slide changes against hand values: the interval rounded
 * to whole bars on the downbeat grid, the ±50 % limit, no confident tempo, never in the
 * past, and durations snapped to whole beats.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-beat-sync.h"

static void
test_next_change (void)
{
  /* 120 BPM: a bar is 2 s; downbeats at 100.3 + 2k. */
  VitrineBeatSyncState state = { .bpm = 120, .confidence = 0.8, .last_downbeat = 100.3 };
  double at = 0;

  /* A 30 s interval from 101.0: 15 bars → 131.0, the nearest downbeat is 130.3. */
  g_assert_true (vitrine_beat_sync_next_change (&state, 0.3, 101.0, 30, 101.0, &at));
  g_assert_cmpfloat_with_epsilon (at, 130.3, 1e-9);
  /* 7 s: 3.5 bars rounds to 4 (8 s, within 50 %) → 109.0, nearest downbeat 108.3. */
  g_assert_true (vitrine_beat_sync_next_change (&state, 0.3, 101.0, 7, 101.0, &at));
  g_assert_cmpfloat_with_epsilon (at, 108.3, 1e-9);
  /* At 60 BPM a bar is 4 s: an interval of 2 s would become 4 s, 100 % more: plain. */
  state.bpm = 60;
  g_assert_false (vitrine_beat_sync_next_change (&state, 0.3, 101.0, 2, 101.0, &at));
  /* 3 s → one bar of 4 s (33 % more): allowed. Downbeats at 100.3 + 4k: 104.3. */
  g_assert_true (vitrine_beat_sync_next_change (&state, 0.3, 101.0, 3, 101.0, &at));
  g_assert_cmpfloat_with_epsilon (at, 104.3, 1e-9);
  /* Late: never before now. */
  g_assert_true (vitrine_beat_sync_next_change (&state, 0.3, 101.0, 3, 105.0, &at));
  g_assert_cmpfloat_with_epsilon (at, 108.3, 1e-9);

  /* No confident tempo, no downbeat yet, no tempo: the plain interval. */
  state.confidence = 0.2;
  g_assert_false (vitrine_beat_sync_next_change (&state, 0.3, 101.0, 30, 101.0, &at));
  state.confidence = 0.9;
  state.last_downbeat = 0;
  g_assert_false (vitrine_beat_sync_next_change (&state, 0.3, 101.0, 30, 101.0, &at));
  state.last_downbeat = 100;
  state.bpm = 0;
  g_assert_false (vitrine_beat_sync_next_change (&state, 0.3, 101.0, 30, 101.0, &at));
}

static void
test_snap_duration (void)
{
  /* 120 BPM: beats of 0.5 s. 1.5 s stays, 1.3 s → 1.5, 0.1 s → one beat. */
  g_assert_cmpfloat_with_epsilon (vitrine_beat_sync_snap_duration (1.5, 120), 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (vitrine_beat_sync_snap_duration (1.3, 120), 1.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (vitrine_beat_sync_snap_duration (0.1, 120), 0.5, 1e-12);
  /* 90 BPM: 0.666… s beats; 1.5 s is 2.25 beats → 2 beats. */
  g_assert_cmpfloat_with_epsilon (vitrine_beat_sync_snap_duration (1.5, 90), 4.0 / 3.0, 1e-12);
  g_assert_cmpfloat (vitrine_beat_sync_snap_duration (1.5, 0), ==, 1.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/beat-sync/next-change", test_next_change);
  g_test_add_func ("/beat-sync/snap-duration", test_snap_duration);
  return g_test_run ();
}
