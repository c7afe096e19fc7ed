/* vitrine-overlay-stack.h: where the overlay cards of a display go (docs/ARCHITECTURE.md §8):
 * nine anchors, cards sharing an anchor stacked without overlap, a card hanging on another
 * (the visualizer on the now playing card); the pixel shift's walk against burn-in; how much
 * the photo is dimmed, with the night schedule. Pure functions over plain structs.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One card to place: its size, anchor (VitrineAnchor: row = anchor / 3, column = anchor % 3)
 * and, for a card that hangs on another, the index of that card (else -1). A hanging card
 * sits directly above its parent, as wide as it, and moves with it; its own anchor is not
 * used. Hidden cards take no room. */
/* display/dim when display/dim-enabled is on: 10–90 %, 30 % by default. */
#define VITRINE_DIM_MIN     0.1
#define VITRINE_DIM_MAX     0.9
#define VITRINE_DIM_DEFAULT 0.3

typedef struct
{
  int      width;
  int      height;
  guint    anchor;
  int      parent;
  gboolean visible;
} VitrineStackItem;

typedef struct
{
  int x;
  int y;
  int width;
  int height;
} VitrineStackPlace;

void     vitrine_overlay_stack_place   (const VitrineStackItem *items,
                                        guint                   n_items,
                                        int                     area_width,
                                        int                     area_height,
                                        int                     margin,
                                        int                     spacing,
                                        VitrineStackPlace      *places);
void     vitrine_pixel_shift_offset    (guint                   step,
                                        int                     distance,
                                        int                    *dx,
                                        int                    *dy);
gboolean vitrine_dim_in_night          (guint                   minute_of_day,
                                        guint                   start_minute,
                                        guint                   end_minute);
double   vitrine_dim_amount            (gboolean                enabled,
                                        double                  dim,
                                        gboolean                night_enabled,
                                        double                  night_dim,
                                        guint                   minute_of_day,
                                        guint                   start_minute,
                                        guint                   end_minute);
void     vitrine_dim_from_legacy       (double                  legacy,
                                        gboolean               *enabled,
                                        double                 *dim);

G_END_DECLS
