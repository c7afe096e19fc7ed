/* vitrine-cache-banner.h: the banner at the top of the settings window while caches need
 * regeneration (docs/caches.md): one declarative line per cache ("12 cached images need
 * regeneration to match the current display profile"), a state line ("Regeneration
 * paused", "Queued after export", "Regenerating 3 of 12") and Regenerate All, Open
 * Diagnostics and Learn More. It never blocks the window: a GtkRevealer above the pages,
 * drawn like libadwaita's banner (libadwaita 1.2 has none). It knows nothing of the cache
 * manager: the settings window feeds it (vitrine-caches-page.c) and answers its signals.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VITRINE_TYPE_CACHE_BANNER (vitrine_cache_banner_get_type ())

G_DECLARE_FINAL_TYPE (VitrineCacheBanner, vitrine_cache_banner, VITRINE, CACHE_BANNER, GtkWidget)

GtkWidget  *vitrine_cache_banner_new              (void);
/* Puts the banner under @window's header bar, above its pages and search results, where
 * libadwaita 1.3's AdwBanner would be. FALSE (and a warning) when libadwaita's window
 * has no such place. */
gboolean    vitrine_cache_banner_attach           (VitrineCacheBanner   *self,
                                                   AdwPreferencesWindow *window);
/* @lines: the manager's banner lines, NULL or empty hides the banner. @state: a short
 * line under them ("Regeneration paused"), NULL for none. @fraction: the running jobs'
 * progress, below 0 for none. */
void        vitrine_cache_banner_update           (VitrineCacheBanner *self,
                                                   const char * const *lines,
                                                   const char         *state,
                                                   double              fraction);
gboolean    vitrine_cache_banner_get_shown        (VitrineCacheBanner *self);
/* The lines as shown, joined by newlines; NULL when hidden. */
const char *vitrine_cache_banner_get_text         (VitrineCacheBanner *self);
const char *vitrine_cache_banner_get_state        (VitrineCacheBanner *self);
/* The installed docs/caches.md (the source tree's in a development build that is not
 * installed) as a file:// URI; NULL when neither exists. */
char       *vitrine_cache_banner_dup_docs_uri     (void);

/* Signals: "regenerate-all", "open-diagnostics" (no arguments). Learn More opens
 * vitrine_cache_banner_dup_docs_uri() itself. */

G_END_DECLS
