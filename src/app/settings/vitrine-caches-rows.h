/* vitrine-caches-rows.h: the rows of the settings' Caches page (vitrine-caches-page.c):
 * a group's AdwPreferencesGroup with a row per entry (its name, status, when last made,
 * its job's progress or error, and Regenerate, Dismiss or Retry), the "Show All" row,
 * and a history entry's row. The buttons activate the page's "caches." actions.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vitrine-caches.h"
#include "vitrine-enums.h"

G_BEGIN_DECLS

/* Rows shown per group until its "Show All" row is activated. */
#define VITRINE_CACHES_ROWS_SHOWN 20

typedef struct
{
  VitrineCaches       *caches;
  VitrineCachesSort    sort;
  VitrineCachesFilter  filter;
  gboolean             show_all;
} VitrineCachesView;

/* "cache\x1ftrack_ref\x1fprofile_id": a group's key in the page's tables and actions. */
char      *vitrine_caches_group_key        (const char              *cache,
                                            const char              *track_ref,
                                            const char              *profile_id);
/* The group's AdwPreferencesGroup, NULL when the filter leaves none of its entries; its
 * entry rows go into @rows by vitrine_caches_entry_key(). */
GtkWidget *vitrine_caches_group_new        (const VitrineCacheGroup *group,
                                            const VitrineCachesView *view,
                                            GHashTable              *rows);
char      *vitrine_caches_entry_key        (const char              *cache,
                                            const char              *track_ref,
                                            const char              *profile_id,
                                            const char              *descriptor);
/* The entry row's job (queued, running, failed) or its status again. */
void       vitrine_caches_entry_row_update (GtkWidget               *row,
                                            VitrineCaches           *caches);
GtkWidget *vitrine_caches_history_row_new  (const VitrineHistoryEntry *entry);
/* The group's profile for sentences; a source may have no name for a profile that is gone. */
const char *vitrine_caches_group_label     (const VitrineCacheGroup *group);
/* "1 Dec 2026, 12:03" in local time; "never" for 0. */
char      *vitrine_caches_format_time      (gint64                   unix_seconds);

G_END_DECLS
