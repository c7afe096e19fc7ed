/* vitrine-settings-rows.c: binding hand-made rows, and the Advanced group (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-anchor-picker.h"
#include "vitrine-clock-list.h"
#include "vitrine-settings-editors.h"
#include "vitrine-zone-button.h"
#include "vitrine-settings-rows.h"

/*
 * Binds @editor to @key both ways by what it is: a place picker, a time zone button or
 * the clock list their own way, a switch or check its "active", an
 * expander row its enable switch, a spin button its "value" (within the key's range), a
 * combo row or drop-down its "selected" (the enum's choices), an entry row or entry its
 * "text". The editor is named after the key, so tests and the window find it.
 */
void
vitrine_settings_bind (GSettings  *settings,
                       const char *key,
                       GtkWidget  *editor)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (GTK_IS_WIDGET (editor));

  gtk_widget_set_name (editor, key);
  if (VITRINE_IS_ANCHOR_PICKER (editor))
    vitrine_anchor_picker_bind (VITRINE_ANCHOR_PICKER (editor), settings, key);
  else if (VITRINE_IS_ZONE_BUTTON (editor))
    vitrine_zone_button_bind (VITRINE_ZONE_BUTTON (editor), settings, key);
  else if (VITRINE_IS_CLOCK_LIST (editor))
    vitrine_clock_list_bind (VITRINE_CLOCK_LIST (editor), settings, key);
  else if (GTK_IS_SWITCH (editor) || GTK_IS_CHECK_BUTTON (editor) || GTK_IS_TOGGLE_BUTTON (editor))
    g_settings_bind (settings, key, editor, "active", G_SETTINGS_BIND_DEFAULT);
  else if (ADW_IS_EXPANDER_ROW (editor))
    g_settings_bind (settings, key, editor, "enable-expansion", G_SETTINGS_BIND_DEFAULT);
  else if (GTK_IS_SPIN_BUTTON (editor))
    {
      vitrine_settings_spin_set_range (GTK_SPIN_BUTTON (editor), settings, key);
      g_settings_bind (settings, key, editor, "value", G_SETTINGS_BIND_DEFAULT);
    }
  else if (ADW_IS_COMBO_ROW (editor))
    {
      g_autoptr(GListModel) labels = vitrine_settings_enum_labels (settings, key);

      adw_combo_row_set_model (ADW_COMBO_ROW (editor), labels);
      vitrine_settings_bind_enum (settings, key, editor, "selected");
    }
  else if (GTK_IS_DROP_DOWN (editor))
    {
      g_autoptr(GListModel) labels = vitrine_settings_enum_labels (settings, key);

      gtk_drop_down_set_model (GTK_DROP_DOWN (editor), labels);
      vitrine_settings_bind_enum (settings, key, editor, "selected");
    }
  else if (GTK_IS_EDITABLE (editor))
    g_settings_bind (settings, key, editor, "text", G_SETTINGS_BIND_DEFAULT);
  else
    g_critical ("No way to bind a %s to “%s”", G_OBJECT_TYPE_NAME (editor), key);
}

/* Each binding's template child of @page bound to its key. */
void
vitrine_settings_bind_template (GtkWidget                    *page,
                                GType                         page_type,
                                GSettings                    *settings,
                                const VitrineSettingsBinding *bindings,
                                gsize                         n_bindings)
{
  for (gsize i = 0; i < n_bindings; i++)
    {
      GObject *editor = gtk_widget_get_template_child (page, page_type, bindings[i].id);

      g_return_if_fail (GTK_IS_WIDGET (editor));
      vitrine_settings_bind (settings, bindings[i].key, GTK_WIDGET (editor));
    }
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static GtkWidget *
advanced_row (GSettings          *settings,
              GSettingsSchemaKey *key)
{
  GtkWidget *editor = vitrine_settings_editor_new (settings, key);
  const char *summary = g_settings_schema_key_get_summary (key);
  const char *description = g_settings_schema_key_get_description (key);
  GtkWidget *row;

  if (editor == NULL)
    return NULL;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 summary != NULL ? summary : g_settings_schema_key_get_name (key));
  if (description != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
  if (GTK_IS_ENTRY (editor))
    gtk_editable_set_width_chars (GTK_EDITABLE (editor), 12);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), editor);
  if (GTK_IS_SWITCH (editor) || GTK_IS_MENU_BUTTON (editor))
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), editor);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  return row;
}

/*
 * The "Advanced" group: a row for each key of @settings' schema not in @skip, by name so
 * that related keys (feed-…, restart-…) stand together. NULL when no key is left.
 */
GtkWidget *
vitrine_settings_advanced_group_new (GSettings          *settings,
                                     const char * const *skip)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  GtkWidget *group = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  qsort (keys, g_strv_length (keys), sizeof (char *), compare_names);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GSettingsSchemaKey) key = NULL;
      GtkWidget *row;

      if (skip != NULL && g_strv_contains (skip, keys[i]))
        continue;
      key = g_settings_schema_get_key (schema, keys[i]);
      row = advanced_row (settings, key);
      if (row == NULL)
        continue;
      if (group == NULL)
        {
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Advanced"));
          gtk_widget_add_css_class (group, "vitrine-advanced");
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  return group;
}

/* Adds the Advanced group of the keys that neither @bindings nor @elsewhere edit. */
void
vitrine_settings_page_add_advanced (AdwPreferencesPage           *page,
                                    GSettings                    *settings,
                                    const VitrineSettingsBinding *bindings,
                                    gsize                         n_bindings,
                                    const char * const           *elsewhere)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) skip = NULL;
  GtkWidget *group;

  for (gsize i = 0; i < n_bindings; i++)
    g_strv_builder_add (builder, bindings[i].key);
  if (elsewhere != NULL)
    g_strv_builder_addv (builder, (const char **) elsewhere);
  skip = g_strv_builder_end (builder);
  group = vitrine_settings_advanced_group_new (settings, (const char * const *) skip);
  if (group != NULL)
    adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
}
