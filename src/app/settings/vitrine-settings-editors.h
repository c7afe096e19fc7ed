/* vitrine-settings-editors.h: an editor for any settings key, chosen by the key's type and
 * range and bound live both ways: a switch, a spin button within the range, a drop-down of
 * an enum's choices, a menu of checks for flags, a check and a value per choice for a
 * dictionary keyed by another key's choices, an entry for strings and string lists. The
 * Advanced groups of the settings pages are made of these; the hand-made rows share the
 * binding helpers.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkWidget  *vitrine_settings_editor_new    (GSettings          *settings,
                                            GSettingsSchemaKey *key);
char       *vitrine_settings_nick_to_label (const char         *nick);
const char *vitrine_settings_choice_label  (const char         *nick);
GListModel *vitrine_settings_enum_labels   (GSettings          *settings,
                                            const char         *key);
void        vitrine_settings_bind_enum     (GSettings          *settings,
                                            const char         *key,
                                            gpointer            object,
                                            const char         *property);
void        vitrine_settings_spin_set_range (GtkSpinButton     *spin,
                                            GSettings          *settings,
                                            const char         *key);

G_END_DECLS
