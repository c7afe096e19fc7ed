/* vitrine-caches-page.h: the settings window's Caches page (docs/caches.md): every
 * cache's groups (per track_ref, then profile) with a row per entry — its name, status,
 * when last made, its job's progress or error — and Regenerate, Dismiss (after asking) or
 * Retry; a group whose profile is gone asks for another first. Order and filter are the
 * root's caches-sort and caches-filter keys. Below, the history (the newest 50) and
 * Export History. The page also keeps the window's banner (vitrine-cache-banner.h) in
 * step and answers its Regenerate All. It follows the manager's "changed" and
 * "job-changed" signals and never polls.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vitrine-cache-banner.h"
#include "vitrine-caches.h"

G_BEGIN_DECLS

#define VITRINE_CACHES_PAGE_HISTORY_SHOWN 50

#define VITRINE_TYPE_CACHES_PAGE (vitrine_caches_page_get_type ())

G_DECLARE_FINAL_TYPE (VitrineCachesPage, vitrine_caches_page, VITRINE, CACHES_PAGE, AdwPreferencesPage)

/* @root: the root settings (caches-sort, caches-filter). */
GtkWidget     *vitrine_caches_page_new         (GSettings          *root);
/* NULL: the page says there is nothing to show. */
void           vitrine_caches_page_set_caches  (VitrineCachesPage  *self,
                                                VitrineCaches      *caches);
VitrineCaches *vitrine_caches_page_get_caches  (VitrineCachesPage  *self);
void           vitrine_caches_page_set_banner  (VitrineCachesPage  *self,
                                                VitrineCacheBanner *banner);
/* The entry's row while it is shown, else NULL (for tests). */
GtkWidget     *vitrine_caches_page_get_row     (VitrineCachesPage  *self,
                                                const char         *cache,
                                                const char         *track_ref,
                                                const char         *profile_id,
                                                const char         *descriptor);
/* Writes the history's summary to @path, saying on the page how it went. */
void           vitrine_caches_page_export_history (VitrineCachesPage *self,
                                                   const char        *path);
/* The line under the history (export done or failed), NULL when none. */
const char    *vitrine_caches_page_get_message (VitrineCachesPage  *self);

G_END_DECLS
