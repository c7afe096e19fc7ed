/* vitrine-sample-scene.c: the previews' sample photos, drawn (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-sample-scene.h"

void
vitrine_sample_scene_draw (cairo_t            *cr,
                           double              width,
                           double              height,
                           VitrineSampleScene  scene)
{
  gboolean day = scene == VITRINE_SAMPLE_SCENE_DAY;
  cairo_pattern_t *sky = cairo_pattern_create_linear (0, 0, 0, height);

  if (day)
    {
      cairo_pattern_add_color_stop_rgb (sky, 0, 0.25, 0.45, 0.80);
      cairo_pattern_add_color_stop_rgb (sky, 1, 0.95, 0.75, 0.55);
    }
  else
    {
      cairo_pattern_add_color_stop_rgb (sky, 0, 0.05, 0.06, 0.20);
      cairo_pattern_add_color_stop_rgb (sky, 1, 0.45, 0.22, 0.40);
    }
  cairo_set_source (cr, sky);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_pattern_destroy (sky);

  if (day)
    cairo_set_source_rgb (cr, 1.0, 0.92, 0.6);
  else
    cairo_set_source_rgb (cr, 0.92, 0.92, 0.85);
  cairo_arc (cr, width * (day ? 0.65 : 0.28), height * 0.32, MIN (width, height) * 0.12, 0, 2 * G_PI);
  cairo_fill (cr);

  if (day)
    cairo_set_source_rgb (cr, 0.2, 0.42, 0.3);
  else
    cairo_set_source_rgb (cr, 0.08, 0.1, 0.14);
  cairo_move_to (cr, 0, height);
  cairo_line_to (cr, 0, height * 0.7);
  cairo_curve_to (cr, width * 0.3, height * 0.55, width * 0.6, height * 0.8, width, height * 0.62);
  cairo_line_to (cr, width, height);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* The scene as premultiplied RGBA rows of width × 4 bytes, as the image worker hands
 * photos over (cairo's ARGB32 is premultiplied BGRA in native order). g_free() it. */
guint8 *
vitrine_sample_scene_rgba (VitrineSampleScene scene,
                           guint              width,
                           guint              height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  cairo_t *cr = cairo_create (surface);
  guint8 *rgba = g_malloc ((gsize) width * height * 4);
  const guint8 *data;
  int stride;

  vitrine_sample_scene_draw (cr, width, height, scene);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + (gsize) y * stride + x * 4);
        guint8 *out = rgba + ((gsize) y * width + x) * 4;

        out[0] = (pixel >> 16) & 0xff;
        out[1] = (pixel >> 8) & 0xff;
        out[2] = pixel & 0xff;
        out[3] = pixel >> 24;
      }
  cairo_surface_destroy (surface);
  return rgba;
}
