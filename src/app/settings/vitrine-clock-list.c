/* vitrine-clock-list.c: the clocks and their settings (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-anchor-picker.h"
#include "vitrine-clock-list.h"
#include "vitrine-settings-rows.h"
#include "vitrine-zone-button.h"

struct _VitrineClockList
{
  AdwPreferencesGroup  parent_instance;

  GSettings           *widgets;
  char                *key;
  GPtrArray           *rows;      /* AdwExpanderRow per clock, "clock" data its GSettings */
  GtkWidget           *add;
};

G_DEFINE_FINAL_TYPE (VitrineClockList, vitrine_clock_list, ADW_TYPE_PREFERENCES_GROUP)

static GSettings *
clock_settings (VitrineClockList *self,
                const char       *id)
{
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;

  g_object_get (self->widgets, "path", &base, NULL);
  path = g_strdup_printf ("%sclocks/%s/", base, id);
  return g_settings_new_with_path (APP_ID ".Clock", path);
}

/* The row's title: the clock's label, else its zone, else "Local time". */
static void
update_title (AdwExpanderRow *row)
{
  GSettings *clock = g_object_get_data (G_OBJECT (row), "clock");
  g_autofree char *label = g_settings_get_string (clock, "label");
  g_autofree char *zone = g_settings_get_string (clock, "timezone");
  g_autofree char *style = g_settings_get_string (clock, "style");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 *label != '\0' ? label : *zone != '\0' ? zone : _("Local time"));
  adw_expander_row_set_subtitle (row, g_str_equal (style, "analog") ? _("Analog") : _("Digital"));
}

static GtkWidget *
suffix_row (const char *title,
            GtkWidget  *suffix)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  if (GTK_IS_SWITCH (suffix))
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), suffix);
  return row;
}

static GtkWidget *
combo_row (GSettings  *clock,
           const char *key,
           const char *title)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  vitrine_settings_bind (clock, key, row);
  return row;
}

static void
remove_clicked_cb (GtkButton        *button,
                   VitrineClockList *self)
{
  vitrine_clock_list_remove (self, g_object_get_data (G_OBJECT (button), "id"));
}

static GtkWidget *
make_row (VitrineClockList *self,
          const char       *id)
{
  g_autoptr(GSettings) clock = clock_settings (self, id);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *zone = vitrine_zone_button_new ();
  GtkWidget *place = vitrine_anchor_picker_new ();
  GtkWidget *seconds = gtk_switch_new ();
  GtkWidget *date = gtk_switch_new ();
  GtkWidget *label = adw_entry_row_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove This Clock"));
  GtkWidget *remove_row = adw_action_row_new ();

  g_object_set_data_full (G_OBJECT (row), "clock", g_object_ref (clock), g_object_unref);
  gtk_widget_set_name (row, id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  vitrine_zone_button_bind (VITRINE_ZONE_BUTTON (zone), clock, "timezone");
  gtk_widget_set_name (zone, "timezone");
  vitrine_anchor_picker_bind (VITRINE_ANCHOR_PICKER (place), clock, "anchor");
  gtk_widget_set_name (place, "anchor");
  vitrine_settings_bind (clock, "show-seconds", seconds);
  vitrine_settings_bind (clock, "show-date", date);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (label), _("Label"));
  vitrine_settings_bind (clock, "label", label);

  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), suffix_row (_("Time zone"), zone));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), combo_row (clock, "style", _("Style")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), combo_row (clock, "format", _("Hours")));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), suffix_row (_("Seconds"), seconds));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), suffix_row (_("Date"), date));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), label);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), suffix_row (_("Position"), place));
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (remove), "id", g_strdup (id), g_free);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (remove_row), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), remove_row);

  g_signal_connect_object (clock, "changed", G_CALLBACK (update_title), row, G_CONNECT_SWAPPED);
  update_title (ADW_EXPANDER_ROW (row));
  return row;
}

/* A clock identifier as the clocks key allows: lower-case letters, digits and “-”. */
static gboolean
id_valid (const char *id)
{
  if (*id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *c = id; *c != '\0'; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
      return FALSE;
  return TRUE;
}

static void
rebuild (VitrineClockList *self)
{
  g_auto(GStrv) ids = g_settings_get_strv (self->widgets, self->key);
  guint shown = 0;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  /* The display shows the first three; so does the list. */
  for (guint i = 0; ids[i] != NULL && shown < VITRINE_CLOCK_LIST_MAX; i++)
    {
      GtkWidget *row;

      if (!id_valid (ids[i]))
        continue;
      row = make_row (self, ids[i]);
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      shown++;
    }
  gtk_widget_set_sensitive (self->add, shown < VITRINE_CLOCK_LIST_MAX);
}

/* A new clock at the end of the list (local time, its defaults); its id, or NULL when
 * there are three already. */
char *
vitrine_clock_list_add (VitrineClockList *self)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  g_autoptr(GSettings) clock = NULL;
  char *id = NULL;

  g_return_val_if_fail (VITRINE_IS_CLOCK_LIST (self), NULL);

  ids = g_settings_get_strv (self->widgets, self->key);
  if (g_strv_length (ids) >= VITRINE_CLOCK_LIST_MAX)
    return NULL;
  for (guint n = 2; id == NULL || g_strv_contains ((const char * const *) ids, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("clock-%u", n);
    }
  /* A fresh clock starts from the defaults, whatever an old one of that id had. */
  clock = clock_settings (self, id);
  g_settings_reset (clock, "timezone");
  g_settings_reset (clock, "label");
  g_strv_builder_addv (builder, (const char **) ids);
  g_strv_builder_add (builder, id);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->widgets, self->key, (const char * const *) updated);
  return id;
}

void
vitrine_clock_list_remove (VitrineClockList *self,
                           const char       *id)
{
  g_auto(GStrv) ids = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  g_return_if_fail (VITRINE_IS_CLOCK_LIST (self));

  ids = g_settings_get_strv (self->widgets, self->key);
  for (guint i = 0; ids[i] != NULL; i++)
    if (!g_str_equal (ids[i], id))
      g_strv_builder_add (builder, ids[i]);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->widgets, self->key, (const char * const *) updated);
}

GtkWidget *
vitrine_clock_list_get_row (VitrineClockList *self,
                            const char       *id)
{
  g_return_val_if_fail (VITRINE_IS_CLOCK_LIST (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_str_equal (gtk_widget_get_name (self->rows->pdata[i]), id))
      return self->rows->pdata[i];
  return NULL;
}

/* The settings of clock @id, as its row edits them. */
GSettings *
vitrine_clock_list_get_clock (VitrineClockList *self,
                              const char       *id)
{
  GtkWidget *row = vitrine_clock_list_get_row (self, id);

  return row != NULL ? g_object_get_data (G_OBJECT (row), "clock") : NULL;
}

static void
add_clicked_cb (VitrineClockList *self)
{
  g_autofree char *id = vitrine_clock_list_add (self);
  GtkWidget *row = id != NULL ? vitrine_clock_list_get_row (self, id) : NULL;

  if (row != NULL)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
}

/* Edits @key (the clocks' identifiers) of @widgets; once. */
void
vitrine_clock_list_bind (VitrineClockList *self,
                         GSettings        *widgets,
                         const char       *key)
{
  g_autofree char *signal = g_strdup_printf ("changed::%s", key);

  g_return_if_fail (VITRINE_IS_CLOCK_LIST (self));
  g_return_if_fail (self->widgets == NULL);

  self->widgets = g_object_ref (widgets);
  self->key = g_strdup (key);
  gtk_widget_set_name (GTK_WIDGET (self), key);
  g_signal_connect_object (widgets, signal, G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);
}

static void
vitrine_clock_list_dispose (GObject *object)
{
  VitrineClockList *self = VITRINE_CLOCK_LIST (object);

  g_clear_object (&self->widgets);

  G_OBJECT_CLASS (vitrine_clock_list_parent_class)->dispose (object);
}

static void
vitrine_clock_list_finalize (GObject *object)
{
  VitrineClockList *self = VITRINE_CLOCK_LIST (object);

  g_free (self->key);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (vitrine_clock_list_parent_class)->finalize (object);
}

static void
vitrine_clock_list_class_init (VitrineClockListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vitrine_clock_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = vitrine_clock_list_finalize;
}

static void
vitrine_clock_list_init (VitrineClockList *self)
{
  GtkWidget *content = adw_button_content_new ();

  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Clocks"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), _("Up to three, each in its own time zone"));
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  self->add = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->add), content);
  gtk_widget_add_css_class (self->add, "flat");
  gtk_widget_set_valign (self->add, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->add, _("Add a clock"));
  g_signal_connect_swapped (self->add, "clicked", G_CALLBACK (add_clicked_cb), self);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->add);
}
