/* vitrine-cache-source-images.h: the image worker's disk cache of prescaled images as a
 * cache source (vitrine-cache-source.h, docs/ARCHITECTURE.md §10). Name "images", role
 * image, one profile "display" ("the current display profile") whose revision is the
 * worker's for the current display settings (scale mode, sharpen, Ken Burns zoom). Entries
 * are grouped by the source root their photo is under; an intent's "scaled:WxH" asks for
 * that size of every photo of its root the cache holds. Listing pages "cache-list",
 * regeneration sends "store-only" prescales one at a time, dismissal "cache-dismiss".
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-cache-source.h"
#include "vitrine-supervisor.h"

G_BEGIN_DECLS

#define VITRINE_CACHE_SOURCE_IMAGES_PROFILE "display"

#define VITRINE_TYPE_CACHE_SOURCE_IMAGES (vitrine_cache_source_images_get_type ())

G_DECLARE_FINAL_TYPE (VitrineCacheSourceImages, vitrine_cache_source_images, VITRINE, CACHE_SOURCE_IMAGES, GObject)

/* @settings: the root settings (its display and workers children are read). The roots
 * start as `sources/folders`; the slideshow's own (a --folder, the Pictures folder, the
 * demo set) are given with vitrine_cache_source_images_set_roots(). */
VitrineCacheSourceImages *vitrine_cache_source_images_new       (VitrineSupervisor        *supervisor,
                                                                 GSettings                *settings);
/* The image roots records are grouped by (a record's track_ref is the longest root its
 * photo is under, else the photo's folder). Emits "changed" when they differ. */
void                      vitrine_cache_source_images_set_roots (VitrineCacheSourceImages *self,
                                                                 const char * const       *roots);

/* "PATH|scaled:WxH" into its parts; FALSE when @descriptor is not one. */
gboolean                  vitrine_cache_source_images_parse_key (const char               *descriptor,
                                                                 char                    **path,
                                                                 guint                    *width,
                                                                 guint                    *height);

G_END_DECLS
