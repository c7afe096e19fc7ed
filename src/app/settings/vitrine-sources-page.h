/* vitrine-sources-page.h: the Sources page: the folders with Add (a file chooser, through
 * the portal where there is one) and Remove, each with its photo count and scan state
 * from the slideshow; how photos are chosen; the image feeds and headline feeds as lists
 * with "Popular" free feeds; the Advanced group of the other sources keys.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vitrine-slideshow.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_SOURCES_PAGE (vitrine_sources_page_get_type ())

G_DECLARE_FINAL_TYPE (VitrineSourcesPage, vitrine_sources_page, VITRINE, SOURCES_PAGE, AdwPreferencesPage)

GtkWidget *vitrine_sources_page_new               (GSettings          *sources,
                                                   GSettings          *widgets,
                                                   VitrineSlideshow   *slideshow);
void       vitrine_sources_page_set_slideshow     (VitrineSourcesPage *self,
                                                   VitrineSlideshow   *slideshow);
void       vitrine_sources_page_set_feed_status   (VitrineSourcesPage *self,
                                                   const char         *feed,
                                                   const char         *status);
void       vitrine_sources_page_add_folder        (VitrineSourcesPage *self,
                                                   const char         *folder);

G_END_DECLS
