/* vitrine-visualizer-view.h: the visualizer card on a display: segmented bars with ghost
 * trails, placed by the anchor setting, fading in and out with the music.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vitrine-visualizer.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_VISUALIZER_VIEW (vitrine_visualizer_view_get_type ())

G_DECLARE_FINAL_TYPE (VitrineVisualizerView, vitrine_visualizer_view, VITRINE, VISUALIZER_VIEW, GtkWidget)

GtkWidget *vitrine_visualizer_view_new         (VitrineVisualizer     *visualizer);
double     vitrine_visualizer_view_get_opacity (VitrineVisualizerView *self);
void       vitrine_visualizer_view_set_frame   (VitrineVisualizerView *self,
                                                const GdkRGBA         *background,
                                                const GdkRGBA         *border,
                                                float                  border_width,
                                                float                  radius);

G_END_DECLS
