/* vitrine-image-prescale.h: one image file to premultiplied RGBA at exactly a display's
 * size (docs/ARCHITECTURE.md §5). Used by the live image role and by the offline --prescale mode,
 * so both run the same code.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vitrine-enums.h"
#include "vitrine-memfd.h"

G_BEGIN_DECLS

#define VITRINE_IMAGE_ERROR (vitrine_image_error_quark ())

typedef enum
{
  VITRINE_IMAGE_ERROR_UNREADABLE,
  VITRINE_IMAGE_ERROR_EMPTY,
  VITRINE_IMAGE_ERROR_UNKNOWN_FORMAT,
  VITRINE_IMAGE_ERROR_TOO_LARGE,
  VITRINE_IMAGE_ERROR_CORRUPT,
} VitrineImageError;

#define VITRINE_IMAGE_DEFAULT_MAX_PIXELS (G_GUINT64_CONSTANT (100) * 1000 * 1000)

typedef struct
{
  guint             target_width;
  guint             target_height;
  VitrineScaleMode  mode;
  gboolean          sharpen;
  guint64           max_pixels;
} VitrinePrescaleParams;

typedef struct
{
  VitrineMemfdWriter *pixels;        /* target_width × target_height, sealed */
  guint               stride;
  guint               source_width;  /* as displayed, after EXIF orientation */
  guint               source_height;
  int                 orientation;
  const char         *format;        /* MIME type */
  gboolean            sharpened;
  double              decode_ms;
  double              scale_ms;
} VitrinePrescaled;

GQuark   vitrine_image_error_quark (void);
void     vitrine_prescale_params_init (VitrinePrescaleParams  *params,
                                       guint                   width,
                                       guint                   height,
                                       VitrineScaleMode        mode);
gboolean vitrine_image_prescale    (const char                   *path,
                                    const VitrinePrescaleParams  *params,
                                    VitrinePrescaled             *out,
                                    GCancellable                 *cancellable,
                                    GError                      **error);
void     vitrine_prescaled_clear   (VitrinePrescaled             *prescaled);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VitrinePrescaled, vitrine_prescaled_clear)

G_END_DECLS
