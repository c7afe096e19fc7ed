/* vitrine-ken-burns.c: pan and zoom of a shown image (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-ken-burns.h"
#include "vitrine-transition.h"

/* The zoom's margin of an image made for a view @view_width wide; 1 without a view. */
double
vitrine_ken_burns_zoom (guint image_width,
                        guint view_width)
{
  return view_width > 0 ? (double) image_width / view_width : 1.0;
}

/*
 * A random motion over @seconds for an image @zoom times the view: zooming in (from all
 * of the texture to 1 / @zoom of it) or out, at random, between two random places that
 * keep the view inside the texture. FALSE, and no motion, when @seconds is not positive
 * or the margin is below VITRINE_KEN_BURNS_MIN_ZOOM. The same @rand state gives the same
 * motion.
 */
gboolean
vitrine_ken_burns_plan (VitrineKenBurns *self,
                        double           seconds,
                        double           zoom,
                        GRand           *rand)
{
  g_return_val_if_fail (self != NULL, FALSE);

  self->seconds = seconds;
  if (seconds <= 0 || zoom < VITRINE_KEN_BURNS_MIN_ZOOM)
    {
      self->scale[0] = self->scale[1] = 0;
      return FALSE;
    }
  self->scale[0] = g_rand_boolean (rand) ? 1.0 : 1.0 / zoom;
  self->scale[1] = self->scale[0] == 1.0 ? 1.0 / zoom : 1.0;
  /* The upper bound is exclusive in GRand; the margin lets a centre reach it. */
  for (guint k = 0; k < 2; k++)
    for (guint axis = 0; axis < 2; axis++)
      self->centre[k][axis] = g_rand_double_range (rand, self->scale[k] / 2, 1 - self->scale[k] / 2 + 1e-9);
  return TRUE;
}

gboolean
vitrine_ken_burns_moving (const VitrineKenBurns *self)
{
  return self != NULL && self->seconds > 0 && self->scale[0] > 0;
}

/*
 * The part of the texture on screen @elapsed_us after the motion began, as x, y, width,
 * height in fractions of the texture: all of it without motion, the start before it
 * begins and the end after it ends, and always inside the texture.
 */
void
vitrine_ken_burns_window (const VitrineKenBurns *self,
                          gint64                 elapsed_us,
                          float                  window[4])
{
  double e, scale, x, y;

  if (!vitrine_ken_burns_moving (self))
    {
      window[0] = window[1] = 0;
      window[2] = window[3] = 1;
      return;
    }
  e = CLAMP (elapsed_us / (self->seconds * G_USEC_PER_SEC), 0.0, 1.0);
  e = vitrine_easing_apply (VITRINE_EASING_SINE_IN_OUT, e);
  scale = self->scale[0] + (self->scale[1] - self->scale[0]) * e;
  x = self->centre[0][0] + (self->centre[1][0] - self->centre[0][0]) * e;
  y = self->centre[0][1] + (self->centre[1][1] - self->centre[0][1]) * e;
  window[0] = (float) CLAMP (x - scale / 2, 0.0, 1.0 - scale);
  window[1] = (float) CLAMP (y - scale / 2, 0.0, 1.0 - scale);
  window[2] = window[3] = (float) scale;
}
