/* vitrine-compositor-software.c: group C, the compositor drawing without GL
 * (docs/ARCHITECTURE.md §7). Crossfade, Slide and Wipe as GSK nodes in snapshot(): a
 * texture node per image with its Ken Burns window as the node's bounds, a cross-fade
 * node, translated textures, and clip rectangles for the wipe's edge. GTK's own renderer
 * composites them, with GL or cairo as it decides.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-compositor-private.h"
#include "vitrine-transition.h"

/* Strips a diagonal wipe is cut into when drawn without GL. */
#define WIPE_STRIPS 96

/* @image drawn over @width × @height, moved by (@dx, @dy), its window (Ken Burns)
 * filling the bounds; black without an image. */
static void
append_image (VitrineCompositor      *self,
              GtkSnapshot            *snapshot,
              VitrineCompositorImage *image,
              float                   width,
              float                   height,
              float                   dx,
              float                   dy)
{
  float window[4];

  if (image == NULL)
    {
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 1 },
                                 &GRAPHENE_RECT_INIT (dx, dy, width, height));
      return;
    }
  if (image->texture == NULL)
    image->texture = gdk_memory_texture_new ((int) image->width, (int) image->height,
                                             GDK_MEMORY_R8G8B8A8_PREMULTIPLIED, image->pixels, image->stride);
  _vitrine_compositor_image_window (image, _vitrine_compositor_frame_time (self), window);
  gtk_snapshot_append_texture (snapshot, image->texture,
                               &GRAPHENE_RECT_INIT (dx - window[0] / window[2] * width,
                                                    dy - window[1] / window[3] * height,
                                                    width / window[2], height / window[3]));
}

/*
 * The new image where a wipe at @progress has passed: the part of the bounds where
 * common.glsl's sweep_position() is below @progress, cut in vertical strips when the
 * edge is diagonal.
 */
static void
append_wiped (VitrineCompositor *self,
              GtkSnapshot       *snapshot,
              float              width,
              float              height,
              double             progress)
{
  double dx = -1, dy = 0, lo, hi, a, b, c;
  guint strips;

  if (self->direction == VITRINE_DIRECTION_RIGHT)
    dx = 1;
  else if (self->direction == VITRINE_DIRECTION_UP || self->direction == VITRINE_DIRECTION_DOWN)
    dx = 0, dy = self->direction == VITRINE_DIRECTION_UP ? -1 : 1;
  else if (self->direction == VITRINE_DIRECTION_DIAGONAL_DOWN_RIGHT)
    dx = G_SQRT2 / 2, dy = G_SQRT2 / 2;
  else if (self->direction == VITRINE_DIRECTION_DIAGONAL_DOWN_LEFT)
    dx = -G_SQRT2 / 2, dy = G_SQRT2 / 2;
  /* sweep(u, v) = a u + b v + c, from 0 where it starts to 1 where it ends. */
  lo = MIN (0, dx) + MIN (0, dy);
  hi = MAX (0, dx) + MAX (0, dy);
  a = dx / (hi - lo), b = dy / (hi - lo), c = -lo / (hi - lo);

  strips = dx != 0 && dy != 0 ? WIPE_STRIPS : 1;
  for (guint i = 0; i < strips; i++)
    {
      double u0 = (double) i / strips, u1 = (double) (i + 1) / strips, v0 = 0, v1 = 1;

      if (b == 0)
        {
          /* a u + c < progress */
          double edge = (progress - c) / a;

          if (a > 0)
            u1 = CLAMP (edge, 0, 1);
          else
            u0 = CLAMP (edge, 0, 1);
        }
      else
        {
          double edge = (progress - c - a * (u0 + u1) / 2) / b;

          if (b > 0)
            v1 = CLAMP (edge, 0, 1);
          else
            v0 = CLAMP (edge, 0, 1);
        }
      if (u1 <= u0 || v1 <= v0)
        continue;
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (u0 * width, v0 * height, (u1 - u0) * width,
                                                             (v1 - v0) * height));
      append_image (self, snapshot, self->front, width, height, 0, 0);
      gtk_snapshot_pop (snapshot);
    }
}

/* The old image moving out and the new one in, by the whole width or height at 1. */
static void
append_slide (VitrineCompositor      *self,
              GtkSnapshot            *snapshot,
              VitrineCompositorImage *from,
              float                   width,
              float                   height,
              double                  progress)
{
  float dx = 0, dy = 0;

  if (self->direction == VITRINE_DIRECTION_RIGHT || self->direction == VITRINE_DIRECTION_LEFT)
    dx = self->direction == VITRINE_DIRECTION_RIGHT ? width : -width;
  else
    dy = self->direction == VITRINE_DIRECTION_DOWN ? height : -height;
  append_image (self, snapshot, from, width, height, dx * progress, dy * progress);
  append_image (self, snapshot, self->front, width, height, dx * (progress - 1), dy * (progress - 1));
}

/* One frame of group C: black, then the image on screen or the running transition. */
void
_vitrine_compositor_snapshot_software (VitrineCompositor *self,
                                       GtkSnapshot       *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  float width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  VitrineCompositorImage *from;
  double progress;

  self->frames++;
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  append_image (self, snapshot, NULL, width, height, 0, 0);
  if (!self->has_front)
    {
      gtk_snapshot_pop (snapshot);
      return;
    }

  from = self->fade_from_black ? NULL : self->previous;
  progress = vitrine_easing_apply (self->easing, _vitrine_compositor_transition_progress (self));
  if (progress >= 1.0)
    append_image (self, snapshot, self->front, width, height, 0, 0);
  else if (self->type == VITRINE_TRANSITION_TYPE_SLIDE)
    append_slide (self, snapshot, from, width, height, progress);
  else if (self->type == VITRINE_TRANSITION_TYPE_WIPE)
    {
      append_image (self, snapshot, from, width, height, 0, 0);
      append_wiped (self, snapshot, width, height, progress);
    }
  else
    {
      gtk_snapshot_push_cross_fade (snapshot, progress);
      append_image (self, snapshot, from, width, height, 0, 0);
      gtk_snapshot_pop (snapshot);
      append_image (self, snapshot, self->front, width, height, 0, 0);
      gtk_snapshot_pop (snapshot);
    }
  gtk_snapshot_pop (snapshot);
}
