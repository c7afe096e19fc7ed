/* vitrine-beat-plot.h: the Diagnostics page's beat-aligned plot, drawn in code: the onset
 * strength and RMS of the last bars sampled at beat subdivisions through the tempo map
 * (vitrine-beat-plot-model.h), over the beat grid with the bars marked; an empty state
 * without a confident beat. Also the tempo map as text, and the reading of both from the
 * visualizer's feature ring.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vitrine-beat-plot-model.h"
#include "vitrine-visualizer.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_BEAT_PLOT (vitrine_beat_plot_get_type ())

G_DECLARE_FINAL_TYPE (VitrineBeatPlot, vitrine_beat_plot, VITRINE, BEAT_PLOT, GtkWidget)

GtkWidget                 *vitrine_beat_plot_new      (void);
void                       vitrine_beat_plot_set_data (VitrineBeatPlot     *self,
                                                       VitrineBeatPlotData *data);
const VitrineBeatPlotData *vitrine_beat_plot_get_data (VitrineBeatPlot     *self);

VitrineBeatPlotData       *vitrine_beat_plot_read     (VitrineVisualizer   *visualizer,
                                                       double              *track_start_s);
char                      *vitrine_beat_plot_describe_map (const VitrineBeatPlotData *data,
                                                           double                     track_start_s);

G_END_DECLS
