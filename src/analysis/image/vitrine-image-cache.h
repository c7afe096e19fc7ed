/* vitrine-image-cache.h: the display's cache of prescaled images (docs/ARCHITECTURE.md §5, §10).
 * Keyed "path|scaled:WxH" plus a hash of the scaling profile, bounded by a byte budget,
 * least recently used out first. Holds the mapped pixels only; what is on screen stays
 * alive through its own reference even when evicted. GLib only, no I/O.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-enums.h"

G_BEGIN_DECLS

typedef struct _VitrineImageCache VitrineImageCache;

typedef struct
{
  GBytes *pixels;       /* premultiplied RGBA */
  guint   width;
  guint   height;
  guint   stride;
} VitrineCachedImage;

char              *vitrine_image_cache_key        (const char          *path,
                                                   guint                width,
                                                   guint                height,
                                                   VitrineScaleMode     mode,
                                                   gboolean             sharpen);
VitrineImageCache *vitrine_image_cache_new        (gsize                budget);
void               vitrine_image_cache_free       (VitrineImageCache   *self);
void               vitrine_image_cache_set_budget (VitrineImageCache   *self,
                                                   gsize                budget);
gboolean           vitrine_image_cache_insert     (VitrineImageCache   *self,
                                                   const char          *key,
                                                   GBytes              *pixels,
                                                   guint                width,
                                                   guint                height,
                                                   guint                stride);
const VitrineCachedImage *vitrine_image_cache_lookup (VitrineImageCache *self,
                                                   const char          *key);
gboolean           vitrine_image_cache_contains   (VitrineImageCache   *self,
                                                   const char          *key);
guint              vitrine_image_cache_get_n_entries (VitrineImageCache *self);
gsize              vitrine_image_cache_get_bytes  (VitrineImageCache   *self);
gsize              vitrine_image_cache_get_budget (VitrineImageCache   *self);
guint              vitrine_image_cache_get_evictions (VitrineImageCache *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineImageCache, vitrine_image_cache_free)

G_END_DECLS
