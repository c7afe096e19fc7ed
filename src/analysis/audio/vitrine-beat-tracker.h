/* vitrine-beat-tracker.h: the causal beat tracker (docs/ARCHITECTURE.md §6, "Beats").
 * Fed one onset-strength frame at a time, it keeps a leaky autocorrelation of the last
 * seconds, picks a tempo from 60 to 200 BPM under a log-Gaussian prior with explicit
 * octave checks, fits a beat grid's phase and period to the recent onsets, and emits
 * each beat a fixed delay after it happened, with a confidence, a downbeat flag and the
 * tempo map so far. The same code runs live in the audio worker and offline (--beats).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-audio-features.h"
#include "vitrine-beat-map.h"

G_BEGIN_DECLS

#define VITRINE_BEAT_MIN_BPM 60.0
#define VITRINE_BEAT_MAX_BPM 200.0
/* Beats are emitted this long after they happened (seconds). */
#define VITRINE_BEAT_DELAY_S 0.06
/* Beats below this confidence are not emitted; consumers treat it as "no beat". */
#define VITRINE_BEAT_MIN_CONFIDENCE 0.3
/* Raised by every change that alters the beats or the tempo map it finds: it is part of
 * the track summaries' "beats" profile revision (vitrine-cache-revisions.h). */
#define VITRINE_BEAT_TRACKER_VERSION 1

typedef struct
{
  double   time;         /* seconds, on the feature frames' clock */
  double   confidence;   /* 0 … 1 */
  double   bpm;          /* the grid's tempo when it was emitted */
  gboolean downbeat;
} VitrineBeat;

typedef struct _VitrineBeatTracker VitrineBeatTracker;

VitrineBeatTracker *vitrine_beat_tracker_new        (double               frame_s);
void                vitrine_beat_tracker_free       (VitrineBeatTracker  *self);
void                vitrine_beat_tracker_reset      (VitrineBeatTracker  *self);
void                vitrine_beat_tracker_seed_bpm   (VitrineBeatTracker  *self,
                                                     double               bpm);
gboolean            vitrine_beat_tracker_push       (VitrineBeatTracker  *self,
                                                     const VitrineFeatureFrame *frame,
                                                     VitrineBeat         *beat);
double              vitrine_beat_tracker_activation (const VitrineBeatTracker *self);
double              vitrine_beat_tracker_bpm        (const VitrineBeatTracker *self);
double              vitrine_beat_tracker_confidence (const VitrineBeatTracker *self);
double              vitrine_beat_tracker_next_beat  (const VitrineBeatTracker *self);
const VitrineBeatMap *vitrine_beat_tracker_map      (const VitrineBeatTracker *self);
guint               vitrine_beat_tracker_feed       (VitrineBeatTracker  *self,
                                                     VitrineFeatures     *features,
                                                     const float         *samples,
                                                     gsize                n_frames,
                                                     guint                channels,
                                                     double               start_time,
                                                     GArray              *frames,
                                                     GArray              *beats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineBeatTracker, vitrine_beat_tracker_free)

G_END_DECLS
