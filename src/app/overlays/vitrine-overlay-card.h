/* vitrine-overlay-card.h: one card of the overlay layer (docs/ARCHITECTURE.md §8). The base
 * draws the shared frame (VitrineOverlayStyle) with GSK nodes behind its one child and
 * carries what the layer and --status need: kind, anchor, monitor, whether its content
 * wants to show, the exact text it shows and when that last changed. Kinds (clock, now
 * playing, weather, headlines) subclass it and fill the child.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "vitrine-overlay-style.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_OVERLAY_CARD (vitrine_overlay_card_get_type ())

G_DECLARE_DERIVABLE_TYPE (VitrineOverlayCard, vitrine_overlay_card, VITRINE, OVERLAY_CARD, GtkWidget)

struct _VitrineOverlayCardClass
{
  GtkWidgetClass parent_class;

  /* Called by the layer's one timer, at the second or minute boundary. */
  void     (*tick)         (VitrineOverlayCard *self,
                            GDateTime          *now);
  /* Whether the next tick must come at the next second rather than the next minute. */
  gboolean (*wants_seconds) (VitrineOverlayCard *self);
  /* Members of its own for --status (after the common ones). */
  void     (*add_status)   (VitrineOverlayCard *self,
                            JsonBuilder        *builder,
                            int                 dx,
                            int                 dy);
};

const char *vitrine_overlay_card_get_kind    (VitrineOverlayCard  *self);
guint       vitrine_overlay_card_get_anchor  (VitrineOverlayCard  *self);
void        vitrine_overlay_card_set_anchor  (VitrineOverlayCard  *self,
                                              guint                anchor);
int         vitrine_overlay_card_get_monitor (VitrineOverlayCard  *self);
void        vitrine_overlay_card_set_monitor (VitrineOverlayCard  *self,
                                              int                  monitor);
gboolean    vitrine_overlay_card_get_wanted  (VitrineOverlayCard  *self);
void        vitrine_overlay_card_set_wanted  (VitrineOverlayCard  *self,
                                              gboolean             wanted);
const char *vitrine_overlay_card_get_text    (VitrineOverlayCard  *self);
void        vitrine_overlay_card_set_text    (VitrineOverlayCard  *self,
                                              const char          *text);
void        vitrine_overlay_card_set_child   (VitrineOverlayCard  *self,
                                              GtkWidget           *child);
void        vitrine_overlay_card_set_style   (VitrineOverlayCard  *self,
                                              VitrineOverlayStyle *style);
void        vitrine_overlay_card_set_fade    (VitrineOverlayCard  *self,
                                              double               opacity,
                                              double               shadow);
double      vitrine_overlay_card_get_opacity (VitrineOverlayCard  *self);
double      vitrine_overlay_card_get_shadow  (VitrineOverlayCard  *self);
void        vitrine_overlay_card_tick        (VitrineOverlayCard  *self,
                                              GDateTime           *now);
gboolean    vitrine_overlay_card_wants_seconds (VitrineOverlayCard *self);
void        vitrine_overlay_card_add_status  (VitrineOverlayCard  *self,
                                              JsonBuilder         *builder,
                                              int                  dx,
                                              int                  dy);
void        vitrine_overlay_add_bounds       (JsonBuilder         *builder,
                                              const char          *name,
                                              GtkWidget           *widget,
                                              int                  dx,
                                              int                  dy);

GDateTime  *vitrine_overlay_now              (void);

G_END_DECLS
