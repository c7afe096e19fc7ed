/* bench-photo.c: the photo-like test images the benchmarks write (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "bench-photo.h"

/* A photo-like image at @path, "png" or "jpeg" by @type: smooth gradients, ripples and
 * fine grain, the same for a seed. */
void
bench_photo_write (const char *path,
                   const char *type,
                   guint       width,
                   guint       height,
                   guint       seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  guint32 state = 2463534242u + seed;

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        double u = (double) x / width, v = (double) y / height;
        double ripple = sin ((u * 40 + seed) + 8 * sin (v * 9)) * 0.5 + 0.5;
        guint8 *p = pixels + (gsize) y * rowstride + x * 3;

        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        p[0] = (guint8) CLAMP (255 * (0.6 * u + 0.3 * ripple) + (state & 15), 0, 255);
        p[1] = (guint8) CLAMP (255 * (0.5 * v + 0.2 * ripple) + ((state >> 4) & 15), 0, 255);
        p[2] = (guint8) CLAMP (255 * (0.8 - 0.5 * v + 0.1 * ripple) + ((state >> 8) & 15), 0, 255);
      }
  if (g_str_equal (type, "png"))
    gdk_pixbuf_save (pixbuf, path, "png", &error, "compression", "1", NULL);
  else
    gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL);
  if (error != NULL)
    g_error ("%s", error->message);
}
