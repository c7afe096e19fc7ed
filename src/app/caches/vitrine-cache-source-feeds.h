/* vitrine-cache-source-feeds.h: the feed mirror as a cache source (docs/caches.md): name
 * "feeds", the feed role. track_ref is a feed's URL (a folder whose feed the mirror does
 * not know: "unknown feed (FOLDER)"), the one profile "mirror", a descriptor an image URL
 * (a file whose URL is not known: "file NAME"). Listing pages mirror-list {all};
 * regenerating mirrors each URL again; dismissing sends mirror-forget for the files.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-cache-source.h"
#include "vitrine-feeds.h"
#include "vitrine-supervisor.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_CACHE_SOURCE_FEEDS (vitrine_cache_source_feeds_get_type ())

G_DECLARE_FINAL_TYPE (VitrineCacheSourceFeeds, vitrine_cache_source_feeds, VITRINE, CACHE_SOURCE_FEEDS, GObject)

/* @feeds (may be NULL): its "feeds-changed" (a file mirrored in normal use) is "changed". */
VitrineCacheSourceFeeds *vitrine_cache_source_feeds_new (VitrineSupervisor *supervisor,
                                                         VitrineFeeds      *feeds);

G_END_DECLS
