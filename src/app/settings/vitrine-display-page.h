/* vitrine-display-page.h: the Display page: which monitors (listed by name), the interval,
 * scaling with a drawn preview of fill, fit and shrink, Ken Burns, keeping the screen
 * awake, the renderer; the Advanced group of the other display keys.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VITRINE_TYPE_DISPLAY_PAGE (vitrine_display_page_get_type ())

G_DECLARE_FINAL_TYPE (VitrineDisplayPage, vitrine_display_page, VITRINE, DISPLAY_PAGE, AdwPreferencesPage)

GtkWidget *vitrine_display_page_new          (GSettings *display);
char      *vitrine_display_page_monitor_name (GdkMonitor *monitor,
                                              guint       index);

G_END_DECLS
