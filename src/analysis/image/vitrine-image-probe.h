/* vitrine-image-probe.h: what the first bytes of a file say about it: the image format
 * (by signature, never by file name) and a JPEG's EXIF orientation. Pure functions over
 * untrusted bytes: every read is bounds-checked.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Enough of a file's start for both probes: EXIF lives in the first 64 KiB of a JPEG. */
#define VITRINE_IMAGE_PROBE_BYTES (64 * 1024 + 64)

const char *vitrine_image_probe_format           (const guint8 *data,
                                                  gsize         size);
int         vitrine_image_probe_jpeg_orientation (const guint8 *data,
                                                  gsize         size);

G_END_DECLS
