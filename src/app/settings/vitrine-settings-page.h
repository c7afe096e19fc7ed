/* vitrine-settings-page.h: one settings area, a row per key of its schema, each bound
 * live to the key with an editor that fits the key's type and range.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VITRINE_TYPE_SETTINGS_PAGE (vitrine_settings_page_get_type ())

G_DECLARE_FINAL_TYPE (VitrineSettingsPage, vitrine_settings_page, VITRINE, SETTINGS_PAGE, GtkWidget)

GtkWidget *vitrine_settings_page_new          (GSettings           *settings);
GSettings *vitrine_settings_page_get_settings (VitrineSettingsPage *self);
guint      vitrine_settings_page_get_n_rows   (VitrineSettingsPage *self);

G_END_DECLS
