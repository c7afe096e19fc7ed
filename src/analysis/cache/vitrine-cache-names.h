/* vitrine-cache-names.h: how the settings' Caches page names, orders and filters cache
 * entries (docs/caches.md): an image's "PATH|scaled:WxH" as "beach.jpg · 1920×1080", a
 * feed image's URL by its last part, a group's image root by its folder's name. Pure.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-cache-diff.h"
#include "vitrine-enums.h"

G_BEGIN_DECLS

/* One row of a group as the page lists it. */
typedef struct
{
  const char         *descriptor;
  const char         *label;          /* vitrine_cache_short_descriptor() */
  const char         *sort_key;       /* vitrine_cache_sort_key() of the label, or NULL */
  VitrineCacheStatus  status;
  gint64              analysed_unix;  /* 0: never made, or unknown */
} VitrineCacheEntryView;

/* Newly allocated, never NULL, valid UTF-8 (bytes that are not are replaced). */
char     *vitrine_cache_short_descriptor (const char                  *descriptor);
char     *vitrine_cache_short_track_ref  (const char                  *track_ref);
/* The label's key for the order by name: numbers by value ("IMG_2" before "IMG_10"), the
 * locale's collation; computed once per entry, compared with strcmp(). */
char     *vitrine_cache_sort_key         (const char                  *label);
gboolean  vitrine_cache_filter_accepts   (VitrineCachesFilter          filter,
                                          VitrineCacheStatus           status);
/* By name (the sort keys when both have one, else the labels collated); by status (missing, stale, extraneous, current), then name; by the time last
 * made, newest first and never-made last, then name. */
int       vitrine_cache_entry_compare    (const VitrineCacheEntryView *a,
                                          const VitrineCacheEntryView *b,
                                          VitrineCachesSort            sort);

G_END_DECLS
