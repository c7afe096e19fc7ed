/* vitrine-list-editor.c: a group of rows over a string-list key (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-list-editor.h"

struct _VitrineListEditor
{
  AdwPreferencesGroup     parent_instance;

  GSettings              *settings;
  char                   *key;
  VitrineListEditorCheck  check;
  GPtrArray              *rows;        /* AdwActionRow, one per entry, in the key's order */
  GHashTable             *subtitles;   /* entry → what its row says under it */
  char                   *entry_title;
  char                   *placeholder;
  GtkWidget              *empty;       /* the row saying the list is empty, or NULL */
  GtkWidget              *entry;       /* AdwEntryRow, or NULL when entries come from elsewhere */
};

enum {
  PROP_0,
  PROP_ENTRY_TITLE,
  PROP_PLACEHOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (VitrineListEditor, vitrine_list_editor, ADW_TYPE_PREFERENCES_GROUP)

/* An http or https URL with a host, as the feed keys want; for a JSON API a path may
 * follow after one space. */
char *
vitrine_list_editor_check_url (const char *item)
{
  g_auto(GStrv) parts = g_strsplit (item, " ", 2);
  g_autoptr(GUri) uri = g_uri_parse (parts[0], G_URI_FLAGS_NONE, NULL);
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    /* Translators: %s is what was typed */
    return g_strdup_printf (_("“%s” is not an http or https address"), parts[0]);
  return NULL;
}

static void
remove_clicked_cb (GtkButton         *button,
                   VitrineListEditor *self)
{
  vitrine_list_editor_remove (self, g_object_get_data (G_OBJECT (button), "item"));
}

static GtkWidget *
make_row (VitrineListEditor *self,
          const char        *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("edit-delete-symbolic");
  const char *subtitle = g_hash_table_lookup (self->subtitles, item);
  /* Translators: the tooltip of the button that removes a folder or feed */
  g_autofree char *label = g_strdup_printf (_("Remove %s"), item);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_name (row, item);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (remove), "item", g_strdup (item), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

/* The rows again from the key. */
static void
rebuild (VitrineListEditor *self)
{
  g_auto(GStrv) items = g_settings_get_strv (self->settings, self->key);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  if (self->entry != NULL && gtk_widget_get_parent (self->entry) != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->entry);
  for (guint i = 0; items[i] != NULL; i++)
    {
      GtkWidget *row = make_row (self, items[i]);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }
  if (self->empty != NULL)
    gtk_widget_set_visible (self->empty, items[0] == NULL);
  if (self->entry != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->entry);
}

static void
entry_apply_cb (AdwEntryRow       *entry,
                VitrineListEditor *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;

  if (*text == '\0')
    return;
  if (vitrine_list_editor_add (self, text, &error))
    {
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), error->message);
    }
}

static void
entry_changed_cb (AdwEntryRow       *entry,
                  VitrineListEditor *self)
{
  if (!gtk_widget_has_css_class (GTK_WIDGET (entry), "error"))
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), self->entry_title);
}

/*
 * A group over @key of @settings (a string list). With @entry_title, an entry row of that
 * title adds entries, each first checked by @check (if any); without, entries are added
 * with vitrine_list_editor_add() (a file chooser, a menu).
 */
GtkWidget *
vitrine_list_editor_new (GSettings              *settings,
                         const char             *key,
                         const char             *entry_title,
                         VitrineListEditorCheck  check)
{
  VitrineListEditor *self = g_object_new (VITRINE_TYPE_LIST_EDITOR, "entry-title", entry_title, NULL);

  vitrine_list_editor_set_key (self, settings, key, check);
  return GTK_WIDGET (self);
}

/* What the group edits, once (for a group from a template). */
void
vitrine_list_editor_set_key (VitrineListEditor      *self,
                             GSettings              *settings,
                             const char             *key,
                             VitrineListEditorCheck  check)
{
  g_autofree char *signal = g_strdup_printf ("changed::%s", key);

  g_return_if_fail (VITRINE_IS_LIST_EDITOR (self));
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  self->key = g_strdup (key);
  self->check = check;
  gtk_widget_set_name (GTK_WIDGET (self), key);
  if (self->placeholder != NULL)
    {
      self->empty = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty), self->placeholder);
      gtk_widget_add_css_class (self->empty, "dim-label");
      gtk_widget_set_name (self->empty, "empty");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->empty);
    }
  if (self->entry_title != NULL)
    {
      self->entry = g_object_ref_sink (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->entry), self->entry_title);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->entry), TRUE);
      g_signal_connect (self->entry, "apply", G_CALLBACK (entry_apply_cb), self);
      g_signal_connect (self->entry, "entry-activated", G_CALLBACK (entry_apply_cb), self);
      g_signal_connect (self->entry, "changed", G_CALLBACK (entry_changed_cb), self);
    }
  g_signal_connect_object (settings, signal, G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

/* Appends @item to the key, unless it is there already or the check refuses it. */
gboolean
vitrine_list_editor_add (VitrineListEditor  *self,
                         const char         *item,
                         GError            **error)
{
  g_auto(GStrv) items = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  g_autofree char *refused = NULL;

  g_return_val_if_fail (VITRINE_IS_LIST_EDITOR (self), FALSE);

  refused = self->check != NULL ? self->check (item) : NULL;
  if (refused != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, refused);
      return FALSE;
    }
  items = g_settings_get_strv (self->settings, self->key);
  if (g_strv_contains ((const char * const *) items, item))
    return TRUE;
  g_strv_builder_addv (builder, (const char **) items);
  g_strv_builder_add (builder, item);
  updated = g_strv_builder_end (builder);
  return g_settings_set_strv (self->settings, self->key, (const char * const *) updated);
}

void
vitrine_list_editor_remove (VitrineListEditor *self,
                            const char        *item)
{
  g_auto(GStrv) items = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  g_return_if_fail (VITRINE_IS_LIST_EDITOR (self));

  items = g_settings_get_strv (self->settings, self->key);
  for (guint i = 0; items[i] != NULL; i++)
    if (!g_str_equal (items[i], item))
      g_strv_builder_add (builder, items[i]);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, self->key, (const char * const *) updated);
}

/* What @item's row says under it (kept across rebuilds); NULL says nothing. */
void
vitrine_list_editor_set_item_subtitle (VitrineListEditor *self,
                                       const char        *item,
                                       const char        *subtitle)
{
  GtkWidget *row;

  g_return_if_fail (VITRINE_IS_LIST_EDITOR (self));

  if (subtitle != NULL)
    g_hash_table_replace (self->subtitles, g_strdup (item), g_strdup (subtitle));
  else
    g_hash_table_remove (self->subtitles, item);
  row = vitrine_list_editor_get_row (self, item);
  if (row != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
}

GtkWidget *
vitrine_list_editor_get_row (VitrineListEditor *self,
                             const char        *item)
{
  g_return_val_if_fail (VITRINE_IS_LIST_EDITOR (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_str_equal (gtk_widget_get_name (self->rows->pdata[i]), item))
      return self->rows->pdata[i];
  return NULL;
}

GtkWidget *
vitrine_list_editor_get_entry (VitrineListEditor *self)
{
  g_return_val_if_fail (VITRINE_IS_LIST_EDITOR (self), NULL);

  return self->entry;
}

guint
vitrine_list_editor_get_n_items (VitrineListEditor *self)
{
  g_return_val_if_fail (VITRINE_IS_LIST_EDITOR (self), 0);

  return self->rows->len;
}

static void
vitrine_list_editor_dispose (GObject *object)
{
  VitrineListEditor *self = VITRINE_LIST_EDITOR (object);

  g_clear_object (&self->entry);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vitrine_list_editor_parent_class)->dispose (object);
}

static void
vitrine_list_editor_finalize (GObject *object)
{
  VitrineListEditor *self = VITRINE_LIST_EDITOR (object);

  g_free (self->key);
  g_free (self->entry_title);
  g_free (self->placeholder);
  g_ptr_array_unref (self->rows);
  g_hash_table_unref (self->subtitles);

  G_OBJECT_CLASS (vitrine_list_editor_parent_class)->finalize (object);
}

static void
vitrine_list_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VitrineListEditor *self = VITRINE_LIST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ENTRY_TITLE:
      g_value_set_string (value, self->entry_title);
      break;
    case PROP_PLACEHOLDER:
      g_value_set_string (value, self->placeholder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vitrine_list_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VitrineListEditor *self = VITRINE_LIST_EDITOR (object);

  switch (prop_id)
    {
    case PROP_ENTRY_TITLE:
      g_free (self->entry_title);
      self->entry_title = g_value_dup_string (value);
      break;
    case PROP_PLACEHOLDER:
      g_free (self->placeholder);
      self->placeholder = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vitrine_list_editor_class_init (VitrineListEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vitrine_list_editor_dispose;
  object_class->finalize = vitrine_list_editor_finalize;
  object_class->get_property = vitrine_list_editor_get_property;
  object_class->set_property = vitrine_list_editor_set_property;

  /* The title of the row that adds an entry; without one, there is no such row. */
  properties[PROP_ENTRY_TITLE] =
    g_param_spec_string ("entry-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* What the group says while the list is empty; without one, it says nothing. */
  properties[PROP_PLACEHOLDER] =
    g_param_spec_string ("placeholder", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vitrine_list_editor_init (VitrineListEditor *self)
{
  self->rows = g_ptr_array_new ();
  self->subtitles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
