/* vitrine-image-geometry.h: where a prescaled image lands on a display of a given size, and
 * the pixel operations of the prescale path (premultiplying, sharpening). Pure functions
 * over numbers and buffers, so every mode is checked exactly in unit tests.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-enums.h"

G_BEGIN_DECLS

/* Downscaling by more than this (scale below 1 / this) counts as "strong" for sharpening. */
#define VITRINE_IMAGE_SHARPEN_BELOW_SCALE 0.5

/* The longest the overflowing side of a fill may get (unless the target's side is longer),
 * and the longest target side: their sum and the offsets stay far inside int. */
#define VITRINE_IMAGE_MAX_SCALED_SIDE (1u << 24)
#define VITRINE_IMAGE_MAX_TARGET_SIDE (1u << 28)

/*
 * A source of source_width × source_height scaled to scaled_width × scaled_height and
 * drawn with its top left corner at (offset_x, offset_y) of the target. Negative offsets
 * crop (fill), positive ones letterbox (fit, shrink).
 */
typedef struct
{
  guint  scaled_width;
  guint  scaled_height;
  int    offset_x;
  int    offset_y;
  double scale;
} VitrineImagePlacement;

void     vitrine_image_place                (guint                   source_width,
                                             guint                   source_height,
                                             guint                   target_width,
                                             guint                   target_height,
                                             VitrineScaleMode        mode,
                                             VitrineImagePlacement  *placement);
gboolean vitrine_image_orientation_transposes (int                   orientation);
void     vitrine_image_premultiply_row      (const guint8           *src,
                                             guint                   n_channels,
                                             guint8                 *dest,
                                             guint                   width);
void     vitrine_image_sharpen              (guint8                 *data,
                                             guint                   width,
                                             guint                   height,
                                             gsize                   stride,
                                             guint                   x,
                                             guint                   y,
                                             guint                   w,
                                             guint                   h);

G_END_DECLS
