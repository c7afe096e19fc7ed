/* vitrine-list-editor.h: a preferences group over a string-list key: a row per entry with
 * a Remove button, an entry row to add one (checked by an optional function), and a
 * subtitle per entry set by whoever knows the entry's state (a folder's photo count and
 * scan, a feed's last fetch). Bound both ways: the key changing rebuilds the rows.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VITRINE_TYPE_LIST_EDITOR (vitrine_list_editor_get_type ())

G_DECLARE_FINAL_TYPE (VitrineListEditor, vitrine_list_editor, VITRINE, LIST_EDITOR, AdwPreferencesGroup)

/* Returns a message why @item cannot be added, or NULL when it can. */
typedef char *(*VitrineListEditorCheck) (const char *item);

GtkWidget *vitrine_list_editor_new               (GSettings              *settings,
                                                  const char             *key,
                                                  const char             *entry_title,
                                                  VitrineListEditorCheck  check);
void       vitrine_list_editor_set_key           (VitrineListEditor      *self,
                                                  GSettings              *settings,
                                                  const char             *key,
                                                  VitrineListEditorCheck  check);
gboolean   vitrine_list_editor_add               (VitrineListEditor      *self,
                                                  const char             *item,
                                                  GError                **error);
void       vitrine_list_editor_remove            (VitrineListEditor      *self,
                                                  const char             *item);
void       vitrine_list_editor_set_item_subtitle (VitrineListEditor      *self,
                                                  const char             *item,
                                                  const char             *subtitle);
GtkWidget *vitrine_list_editor_get_row           (VitrineListEditor      *self,
                                                  const char             *item);
GtkWidget *vitrine_list_editor_get_entry         (VitrineListEditor      *self);
guint      vitrine_list_editor_get_n_items       (VitrineListEditor      *self);

char      *vitrine_list_editor_check_url         (const char             *item);

G_END_DECLS
