/* vitrine-beat-sync.c: beat-synced slide changes (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-beat-sync.h"

/*
 * The time of the next change after a slide that started at @slide_start with @interval
 * seconds: TRUE with @change_at on a downbeat when the tempo is confident (at least
 * @min_confidence) and whole bars come within ±50 % of the interval; FALSE (the plain
 * interval) otherwise. Downbeats are @state's last one plus whole bars; the change is the
 * downbeat nearest to the rounded interval's end, and never before @now.
 */
gboolean
vitrine_beat_sync_next_change (const VitrineBeatSyncState *state,
                               double                      min_confidence,
                               double                      slide_start,
                               double                      interval,
                               double                      now,
                               double                     *change_at)
{
  double bar, bars, target, k;

  if (state->bpm <= 0 || !isfinite (state->bpm) || state->confidence < min_confidence ||
      state->last_downbeat <= 0 || interval <= 0)
    return FALSE;
  bar = VITRINE_BEAT_SYNC_BEATS_PER_BAR * 60.0 / state->bpm;
  bars = MAX (round (interval / bar), 1.0);
  if (fabs (bars * bar - interval) > 0.5 * interval)
    return FALSE;
  target = slide_start + bars * bar;
  k = round ((target - state->last_downbeat) / bar);
  *change_at = state->last_downbeat + k * bar;
  while (*change_at < now)
    *change_at += bar;
  return TRUE;
}

/* @duration rounded to whole beats of @bpm, at least one; @duration itself without a tempo. */
double
vitrine_beat_sync_snap_duration (double duration,
                                 double bpm)
{
  double beat;

  if (bpm <= 0 || !isfinite (bpm) || duration <= 0)
    return duration;
  beat = 60.0 / bpm;
  return MAX (round (duration / beat), 1.0) * beat;
}
