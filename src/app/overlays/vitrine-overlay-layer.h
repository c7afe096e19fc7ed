/* vitrine-overlay-layer.h: the overlay cards of one display (docs/ARCHITECTURE.md §8), a widget
 * over the compositor in the display window's overlay: the dimming of the photo, then the
 * cards at their anchors (stacked by vitrine-overlay-stack), the visualizer card hanging on
 * the now playing card, the pixel shift of the whole layer, the coordinated fade-in, one
 * timer for every clock, and interaction mode (Ctrl, or always for touch screens).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "vitrine-compositor.h"
#include "vitrine-overlay-card.h"
#include "vitrine-overlay-style.h"
#include "vitrine-visualizer.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_OVERLAY_LAYER (vitrine_overlay_layer_get_type ())

G_DECLARE_FINAL_TYPE (VitrineOverlayLayer, vitrine_overlay_layer, VITRINE, OVERLAY_LAYER, GtkWidget)

GtkWidget *vitrine_overlay_layer_new            (GSettings           *settings,
                                                 VitrineOverlayStyle *style,
                                                 VitrineCompositor   *compositor,
                                                 GListModel          *monitors,
                                                 gpointer             monitor,
                                                 gboolean             screensaver);
void       vitrine_overlay_layer_add_card       (VitrineOverlayLayer *self,
                                                 VitrineOverlayCard  *card);
VitrineOverlayCard *
           vitrine_overlay_layer_find_card      (VitrineOverlayLayer *self,
                                                 const char          *kind);
void       vitrine_overlay_layer_set_visualizer (VitrineOverlayLayer *self,
                                                 VitrineVisualizer   *visualizer,
                                                 GtkWidget           *view);
void       vitrine_overlay_layer_get_shift      (VitrineOverlayLayer *self,
                                                 int                 *dx,
                                                 int                 *dy);
double     vitrine_overlay_layer_get_dim        (VitrineOverlayLayer *self);
gboolean   vitrine_overlay_layer_get_interactive (VitrineOverlayLayer *self);
void       vitrine_overlay_layer_add_status     (VitrineOverlayLayer *self,
                                                 JsonBuilder         *builder);

G_END_DECLS
