/* vitrine-settings-page.h: a settings page of hand-made groups from a GtkBuilder file in
 * the resource (ui/vitrine-NAME-page.ui), their editors bound by id (an editor whose id
 * is a key's name with “_” for “-” edits that key), then the Advanced group of the keys
 * left. The pages with code of their own (Sources, Display, Diagnostics, About) are
 * classes of their own.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vitrine-supervisor.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_SETTINGS_PAGE (vitrine_settings_page_get_type ())

G_DECLARE_FINAL_TYPE (VitrineSettingsPage, vitrine_settings_page, VITRINE, SETTINGS_PAGE, AdwPreferencesPage)

GtkWidget *vitrine_settings_page_new       (const char          *name,
                                            GSettings           *settings);
void       vitrine_settings_page_set_supervisor (VitrineSettingsPage *self,
                                               VitrineSupervisor   *supervisor);
guint      vitrine_settings_page_get_n_bound (VitrineSettingsPage *self);

G_END_DECLS
