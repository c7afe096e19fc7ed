/* vitrine-settings-rows.h: what the hand-made settings pages share: binding a row's editor
 * to its key (by the editor's type), and the generated "Advanced" group of the keys a page
 * has no hand-made row for, one row per key with its summary, description and editor.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A template child (by its id in the .ui) and the key its editor edits. */
typedef struct
{
  const char *id;
  const char *key;
} VitrineSettingsBinding;

void       vitrine_settings_bind               (GSettings                    *settings,
                                                const char                   *key,
                                                GtkWidget                    *editor);
void       vitrine_settings_bind_template      (GtkWidget                    *page,
                                                GType                         page_type,
                                                GSettings                    *settings,
                                                const VitrineSettingsBinding *bindings,
                                                gsize                         n_bindings);
GtkWidget *vitrine_settings_advanced_group_new (GSettings                    *settings,
                                                const char * const           *skip);
void       vitrine_settings_page_add_advanced  (AdwPreferencesPage           *page,
                                                GSettings                    *settings,
                                                const VitrineSettingsBinding *bindings,
                                                gsize                         n_bindings,
                                                const char * const           *elsewhere);

G_END_DECLS
