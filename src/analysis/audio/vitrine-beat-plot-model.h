/* vitrine-beat-plot-model.h: what the Diagnostics page's beat plot shows, as plain data
 * (docs/tempo-map.md §5): the tempo map fitted to the tracked beats of the current track
 * (the tracker's own fit, vitrine-beat-map.c) and the onset strength and RMS of the last
 * bars sampled through it at beat subdivisions (vitrine-tempo-view.c). The widget only
 * draws these rows; this part is tested exactly (tests/unit/test-beat-plot-model.c).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-beat-map.h"
#include "vitrine-feature-ring.h"
#include "vitrine-tempo-view.h"

G_BEGIN_DECLS

#define VITRINE_BEAT_PLOT_BARS        4   /* bars shown, the current one last */
#define VITRINE_BEAT_PLOT_SUBDIVISION 4   /* rows a beat */

/* The view's channels, in this order. */
enum
{
  VITRINE_BEAT_PLOT_ONSET,
  VITRINE_BEAT_PLOT_RMS,
  VITRINE_BEAT_PLOT_N_CHANNELS
};

typedef struct
{
  GArray           *segments;   /* of VitrineTempoSegment, oldest first, times as given */
  VitrineTempoMap  *map;        /* beat 0 on the first beat, four beats a bar */
  VitrineTempoView *view;       /* VITRINE_BEAT_PLOT_N_CHANNELS channels, linear */
} VitrineBeatPlotData;

/*
 * The plot for beats at @beat_times (ascending, seconds), the latest downbeat at
 * @downbeat_s (≤ 0: none known, bar 0 starts at the first beat), and @series (two
 * channels: onset strength, RMS) up to @now_s. NULL when the beats make no tempo map
 * (fewer than a handful, or no steady period): there is nothing honest to draw.
 */
VitrineBeatPlotData *vitrine_beat_plot_data_new  (const double        *beat_times,
                                                  guint                n_beats,
                                                  double               downbeat_s,
                                                  const VitrineSeries *series,
                                                  double               now_s);
/*
 * The same from the feature ring's frames (oldest first, as read_recent() gives them):
 * the beats flagged in frames of @track, the onset and RMS values of @track's frames (the
 * others and any missing frame are NaN), up to the newest frame.
 */
VitrineBeatPlotData *vitrine_beat_plot_data_new_from_frames (const VitrineFeatureRingFrame *frames,
                                                             guint                          n,
                                                             guint32                        track,
                                                             double                         downbeat_s);
void                 vitrine_beat_plot_data_free (VitrineBeatPlotData *data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineBeatPlotData, vitrine_beat_plot_data_free)

G_END_DECLS
