/* vitrine-settings-window.h: the settings window (libadwaita's preferences window, with
 * search): Sources, Display, Transitions, Widgets, Visualizer, Accessibility, Diagnostics,
 * Caches and About, everything applied live, and the cache banner above the pages. Its
 * size is kept in the root settings.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vitrine-application.h"
#include "vitrine-cache-banner.h"
#include "vitrine-caches.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_SETTINGS_WINDOW (vitrine_settings_window_get_type ())

G_DECLARE_FINAL_TYPE (VitrineSettingsWindow, vitrine_settings_window, VITRINE, SETTINGS_WINDOW, AdwPreferencesWindow)

GtkWidget *vitrine_settings_window_new       (VitrineApplication    *application);
void       vitrine_settings_window_show_page (VitrineSettingsWindow *self,
                                              const char            *name);
GtkWidget *vitrine_settings_window_get_page  (VitrineSettingsWindow *self,
                                              const char            *name);
void       vitrine_settings_window_set_caches (VitrineSettingsWindow *self,
                                               VitrineCaches         *caches);
VitrineCacheBanner *vitrine_settings_window_get_banner (VitrineSettingsWindow *self);
void       vitrine_settings_window_set_feed_status (VitrineSettingsWindow *self,
                                                    const char            *feed,
                                                    const char            *status);

G_END_DECLS
