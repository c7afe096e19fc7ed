/* vitrine-cache-diff.h: the requested descriptors of one {track_ref, profile_id} against
 * the cache's metadata (docs/caches.md): requested, cached, current, missing, stale,
 * extraneous. Stale means made with another profile revision.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *descriptor;
  const char *revision;    /* NULL: unknown, which counts as stale */
} VitrineCacheEntryMeta;

typedef enum
{
  VITRINE_CACHE_STATUS_CURRENT,
  VITRINE_CACHE_STATUS_MISSING,
  VITRINE_CACHE_STATUS_STALE,
  VITRINE_CACHE_STATUS_EXTRANEOUS,
} VitrineCacheStatus;

/* Every list sorted, without repeats. */
typedef struct
{
  GStrv requested;    /* what the intents ask for */
  GStrv cached;       /* what the cache holds, any revision */
  GStrv current;      /* requested and cached with the wanted revision */
  GStrv missing;      /* requested, not cached */
  GStrv stale;        /* requested, cached with another revision */
  GStrv extraneous;   /* cached, not requested */
} VitrineCacheDiff;

VitrineCacheDiff  *vitrine_cache_diff_compute (const char * const          *requested,
                                               const VitrineCacheEntryMeta *entries,
                                               guint                        n_entries,
                                               const char                  *wanted_revision);
void               vitrine_cache_diff_free    (VitrineCacheDiff            *diff);
/* missing + stale */
guint              vitrine_cache_diff_pending (const VitrineCacheDiff      *diff);
gboolean           vitrine_cache_diff_is_empty (const VitrineCacheDiff     *diff);
VitrineCacheStatus vitrine_cache_diff_status  (const VitrineCacheDiff      *diff,
                                               const char                  *descriptor);
/* "current", "missing", "stale", "extraneous" */
const char        *vitrine_cache_status_to_string (VitrineCacheStatus       status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineCacheDiff, vitrine_cache_diff_free)

G_END_DECLS
