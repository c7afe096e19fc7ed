/* vitrine-ken-burns.h: the pan and zoom of an image while it is shown (Ken Burns), as
 * pure geometry: the part of its texture on screen at any time. Images are prepared
 * larger than the view by the zoom's margin, so the view only ever shrinks the texture
 * and never enlarges its pixels. Randomness comes from the caller's GRand.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Below this margin (image width over view width) an image stands still: a motion of
 * less than 1 % would only look like jitter. */
#define VITRINE_KEN_BURNS_MIN_ZOOM 1.01

/*
 * One image's motion: over @seconds, the visible part of the texture goes from scale[0]
 * at centre[0] to scale[1] at centre[1] (fractions of the texture, centre[k] = {x, y}),
 * eased sine in-out. A scale[0] of 0 means no motion.
 */
typedef struct
{
  double seconds;
  double scale[2];
  double centre[2][2];
} VitrineKenBurns;

double   vitrine_ken_burns_zoom   (guint                  image_width,
                                   guint                  view_width);
gboolean vitrine_ken_burns_plan   (VitrineKenBurns       *self,
                                   double                 seconds,
                                   double                 zoom,
                                   GRand                 *rand);
gboolean vitrine_ken_burns_moving (const VitrineKenBurns *self);
void     vitrine_ken_burns_window (const VitrineKenBurns *self,
                                   gint64                 elapsed_us,
                                   float                  window[4]);

G_END_DECLS
