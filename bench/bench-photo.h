/* bench-photo.h: photo-like test images for the benchmarks: not flat, so decoders and
 * encoders work as hard as on real photos, and the same for a seed.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

void bench_photo_write (const char *path,
                        const char *type,
                        guint       width,
                        guint       height,
                        guint       seed);

G_END_DECLS
