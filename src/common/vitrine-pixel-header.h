/* vitrine-pixel-header.h: what travels with a memfd of pixels (docs/ARCHITECTURE.md §2), and the
 * checks a consumer runs before it trusts the numbers.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_PIXEL_ERROR (vitrine_pixel_error_quark ())

typedef enum
{
  VITRINE_PIXEL_ERROR_MALFORMED,
  VITRINE_PIXEL_ERROR_UNSUPPORTED,
  VITRINE_PIXEL_ERROR_DIMENSIONS,
} VitrinePixelError;

/* Larger than any texture we would upload; anything beyond is a lie or an attack. */
#define VITRINE_PIXEL_MAX_SIDE 16384
#define VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED "rgba8-premultiplied"
#define VITRINE_PIXEL_BYTES_PER_PIXEL 4

typedef struct
{
  guint32  width;
  guint32  height;
  guint32  stride;
  char    *format;
  gint32   producer_pid;
  guint64  generation;
  gint64   timestamp_us;
  char    *cache_key;
} VitrinePixelHeader;

GQuark    vitrine_pixel_error_quark         (void);
void      vitrine_pixel_header_clear        (VitrinePixelHeader        *header);
GVariant *vitrine_pixel_header_to_variant   (const VitrinePixelHeader  *header);
gboolean  vitrine_pixel_header_from_variant (VitrinePixelHeader        *header,
                                             GVariant                  *variant,
                                             GError                   **error);
gboolean  vitrine_pixel_header_byte_size    (const VitrinePixelHeader  *header,
                                             gsize                     *size,
                                             GError                   **error);

gboolean  vitrine_pixel_fits_texture        (guint32                    width,
                                             guint32                    height,
                                             gint64                     max_side,
                                             GError                   **error);
void      vitrine_pixel_fit_within          (guint                     *width,
                                             guint                     *height,
                                             guint                      max_side);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VitrinePixelHeader, vitrine_pixel_header_clear)

G_END_DECLS
