/* vitrine-beat-sync.h: when the next photo starts with `display/beat-sync` on
 * (docs/ARCHITECTURE.md §6, "Consumers"): the interval rounded to whole bars of the
 * current tempo (kept only within ±50 % of the interval), the change on the downbeat
 * nearest to that, and the transition's duration snapped to whole beats. Pure: the
 * tracker's state and the times (monotonic seconds) are passed in.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_BEAT_SYNC_BEATS_PER_BAR 4

typedef struct
{
  double bpm;            /* 0: no tempo */
  double confidence;     /* 0 … 1 */
  double last_downbeat;  /* monotonic seconds, 0: none yet */
} VitrineBeatSyncState;

gboolean vitrine_beat_sync_next_change   (const VitrineBeatSyncState *state,
                                          double                      min_confidence,
                                          double                      slide_start,
                                          double                      interval,
                                          double                      now,
                                          double                     *change_at);
double   vitrine_beat_sync_snap_duration (double                      duration,
                                          double                      bpm);

G_END_DECLS
