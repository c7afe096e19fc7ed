/* vitrine-image-geometry.c: prescale geometry and pixel operations (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-image-geometry.h"

/* @length scaled by @scale, rounded, at least 1 and at most @limit. In double, so that
 * no product of the pixel cap's extremes wraps before it is clamped. */
static guint
scale_length (guint  length,
              double scale,
              guint  limit)
{
  double scaled = round ((double) length * scale);

  return (guint) CLAMP (scaled, 1.0, (double) limit);
}

/* Where @scaled starts for its middle to sit on @target's: the letterbox on one side, or
 * (negative) the crop. In 64 bits, since both may be up to 2^28. */
static int
centred_offset (guint scaled,
        guint target)
{
  gint64 offset = ((gint64) target - (gint64) scaled) / 2;

  return (int) offset;
}

/*
 * Fill covers the target: the axis that decides the scale matches the target exactly, the
 * other overflows and is cropped evenly around the centre. Fit contains the image and
 * letterboxes the rest; shrink is fit that never enlarges.
 *
 * The overflowing side of fill is held at VITRINE_IMAGE_MAX_SCALED_SIDE (or the target's
 * side, when that is longer): a 1 × 100,000,000 sliver filling a display would otherwise
 * be 1.9 × 10^11 pixels long. Held there it is stretched less along that side, which only
 * changes how much of its middle shows; every length, offset and their sums stay in int.
 */
void
vitrine_image_place (guint                  source_width,
                     guint                  source_height,
                     guint                  target_width,
                     guint                  target_height,
                     VitrineScaleMode       mode,
                     VitrineImagePlacement *placement)
{
  guint limit_w = MAX (target_width, VITRINE_IMAGE_MAX_SCALED_SIDE);
  guint limit_h = MAX (target_height, VITRINE_IMAGE_MAX_SCALED_SIDE);
  double sx, sy, scale;
  guint w, h;

  g_return_if_fail (source_width > 0 && source_height > 0);
  g_return_if_fail (target_width > 0 && target_height > 0);
  g_return_if_fail (target_width <= VITRINE_IMAGE_MAX_TARGET_SIDE &&
                    target_height <= VITRINE_IMAGE_MAX_TARGET_SIDE);

  sx = (double) target_width / source_width;
  sy = (double) target_height / source_height;

  if (mode == VITRINE_SCALE_MODE_FILL)
    {
      scale = MAX (sx, sy);
      w = sx >= sy ? target_width : MAX (target_width, scale_length (source_width, scale, limit_w));
      h = sy >= sx ? target_height : MAX (target_height, scale_length (source_height, scale, limit_h));
    }
  else
    {
      scale = MIN (sx, sy);
      if (mode == VITRINE_SCALE_MODE_SHRINK)
        scale = MIN (scale, 1.0);
      w = sx <= sy && scale == sx ? target_width
                                  : MIN (target_width, scale_length (source_width, scale, target_width));
      h = sy <= sx && scale == sy ? target_height
                                  : MIN (target_height, scale_length (source_height, scale, target_height));
    }

  placement->scale = scale;
  placement->scaled_width = w;
  placement->scaled_height = h;
  /* Centred; an odd remainder goes to the right and bottom. */
  placement->offset_x = centred_offset (w, target_width);
  placement->offset_y = centred_offset (h, target_height);
}

/* EXIF orientations 5 to 8 swap width and height. */
gboolean
vitrine_image_orientation_transposes (int orientation)
{
  return orientation >= 5 && orientation <= 8;
}

/* @width pixels of straight RGB or RGBA to premultiplied RGBA, each channel rounded. */
void
vitrine_image_premultiply_row (const guint8 *src,
                               guint         n_channels,
                               guint8       *dest,
                               guint         width)
{
  g_return_if_fail (n_channels == 3 || n_channels == 4);

  for (guint x = 0; x < width; x++, src += n_channels, dest += 4)
    {
      guint a = n_channels == 4 ? src[3] : 255;

      if (a == 255)
        {
          dest[0] = src[0];
          dest[1] = src[1];
          dest[2] = src[2];
        }
      else
        {
          dest[0] = (src[0] * a + 127) / 255;
          dest[1] = (src[1] * a + 127) / 255;
          dest[2] = (src[2] * a + 127) / 255;
        }
      dest[3] = a;
    }
}

static inline const guint8 *
pixel_at (const guint8 *copy,
          guint         w,
          guint         h,
          int           x,
          int           y)
{
  x = CLAMP (x, 0, (int) w - 1);
  y = CLAMP (y, 0, (int) h - 1);
  return copy + ((gsize) y * w + (gsize) x) * 4;
}

/*
 * A light unsharp mask over the image area (@x, @y, @w, @h) of premultiplied RGBA: each
 * colour channel moves half its distance from a 3×3 binomial blur (edges repeat), and stays
 * within 0 and the pixel's alpha. The letterbox around the area is left alone.
 */
void
vitrine_image_sharpen (guint8 *data,
                       guint   width,
                       guint   height,
                       gsize   stride,
                       guint   x,
                       guint   y,
                       guint   w,
                       guint   h)
{
  static const int weights[3][3] = { { 1, 2, 1 }, { 2, 4, 2 }, { 1, 2, 1 } };
  g_autofree guint8 *copy = NULL;

  g_return_if_fail (x + w <= width && y + h <= height);
  if (w == 0 || h == 0)
    return;

  copy = g_malloc ((gsize) w * h * 4);
  for (guint row = 0; row < h; row++)
    memcpy (copy + (gsize) row * w * 4, data + (gsize) (y + row) * stride + (gsize) x * 4, (gsize) w * 4);

  for (guint row = 0; row < h; row++)
    {
      guint8 *out = data + (gsize) (y + row) * stride + (gsize) x * 4;

      for (guint col = 0; col < w; col++, out += 4)
        {
          const guint8 *centre = pixel_at (copy, w, h, col, row);

          for (guint c = 0; c < 3; c++)
            {
              int blur = 0, value;

              for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                  blur += weights[dy + 1][dx + 1] * pixel_at (copy, w, h, (int) col + dx, (int) row + dy)[c];
              value = centre[c] + (16 * centre[c] - blur) / 32;
              out[c] = CLAMP (value, 0, centre[3]);
            }
        }
    }
}
