/* vitrine-zone-button.c: the searchable time zone list (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-zone-button.h"

#define ZONE_TAB "/usr/share/zoneinfo/zone1970.tab"
/* A zone table is some 30 KiB; anything far larger is not one. */
#define MAX_TAB_SIZE (1 << 20)

struct _VitrineZoneButton
{
  GtkWidget           parent_instance;

  GtkWidget          *menu_button;
  GtkWidget          *search;
  GtkStringList      *zones;      /* the empty string (local time) first, then A to Z */
  GtkFilterListModel *matches;
  GtkStringFilter    *filter;
  GtkSingleSelection *selection;
  GSettings          *settings;
  char               *key;
  GCancellable       *cancellable;
  gboolean            loaded;
};

G_DEFINE_FINAL_TYPE (VitrineZoneButton, vitrine_zone_button, GTK_TYPE_WIDGET)

static int
compare_zones (const void *a,
               const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The zones of a zone1970.tab text (the third column of each line that is not a
 * comment), sorted; lines that are not like that are left out. */
char **
vitrine_zone_button_parse_tab (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GPtrArray) zones = g_ptr_array_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) columns = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      columns = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (columns) >= 3 && g_utf8_validate (columns[2], -1, NULL) && strchr (columns[2], '/') != NULL)
        g_ptr_array_add (zones, g_strdup (columns[2]));
    }
  g_ptr_array_sort (zones, compare_zones);
  g_ptr_array_add (zones, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&zones), FALSE);
}

static const char *
zone_label (const char *zone)
{
  return zone == NULL || *zone == '\0' ? _("Local time") : zone;
}

static void
sync_from_key (VitrineZoneButton *self)
{
  g_autofree char *zone = g_settings_get_string (self->settings, self->key);

  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->menu_button), zone_label (zone));
}

static void
take_zones (VitrineZoneButton  *self,
            char              **zones)
{
  g_auto(GStrv) owned = zones;

  gtk_string_list_splice (self->zones, 1, g_list_model_get_n_items (G_LIST_MODEL (self->zones)) - 1,
                          (const char * const *) zones);
  self->loaded = TRUE;
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VitrineZoneButton) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (object), result, &text, &length, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("time zones: %s", error->message);
      return;
    }
  if (length > MAX_TAB_SIZE || !g_utf8_validate (text, length, NULL))
    return;
  take_zones (self, vitrine_zone_button_parse_tab (text));
}

/* Reads the zones of @path (a zone1970.tab) in the background; once. */
void
vitrine_zone_button_load (VitrineZoneButton *self,
                          const char        *path)
{
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (VITRINE_IS_ZONE_BUTTON (self));

  if (self->loaded)
    return;
  self->loaded = TRUE;
  file = g_file_new_for_path (path);
  g_file_load_contents_async (file, self->cancellable, loaded_cb, g_object_ref (self));
}

static void
popover_shown_cb (VitrineZoneButton *self)
{
  vitrine_zone_button_load (self, ZONE_TAB);
  gtk_editable_set_text (GTK_EDITABLE (self->search), "");
  gtk_widget_grab_focus (self->search);
}

static void
search_changed_cb (VitrineZoneButton *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (self->search)));
}

/* The zones that match the search so far. */
GListModel *
vitrine_zone_button_get_matches (VitrineZoneButton *self)
{
  g_return_val_if_fail (VITRINE_IS_ZONE_BUTTON (self), NULL);

  return G_LIST_MODEL (self->matches);
}

void
vitrine_zone_button_set_search (VitrineZoneButton *self,
                                const char        *text)
{
  g_return_if_fail (VITRINE_IS_ZONE_BUTTON (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search), text);
  /* At once, not after the entry's typing delay. */
  search_changed_cb (self);
}

/* Chooses the match at @position, as a click or Enter on it does. */
void
vitrine_zone_button_choose (VitrineZoneButton *self,
                            guint              position)
{
  g_autoptr(GtkStringObject) item = NULL;

  g_return_if_fail (VITRINE_IS_ZONE_BUTTON (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->matches), position);
  if (item == NULL || self->settings == NULL)
    return;
  g_settings_set_string (self->settings, self->key, gtk_string_object_get_string (item));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->menu_button));
}

static void
activate_cb (GtkListView       *view,
             guint              position,
             VitrineZoneButton *self)
{
  vitrine_zone_button_choose (self, position);
}

/* Enter in the search chooses the first match. */
static void
search_activate_cb (VitrineZoneButton *self)
{
  vitrine_zone_button_choose (self, 0);
}

void
vitrine_zone_button_bind (VitrineZoneButton *self,
                          GSettings         *settings,
                          const char        *key)
{
  g_autofree char *signal = g_strdup_printf ("changed::%s", key);

  g_return_if_fail (VITRINE_IS_ZONE_BUTTON (self));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  self->key = g_strdup (key);
  g_signal_connect_object (settings, signal, G_CALLBACK (sync_from_key), self, G_CONNECT_SWAPPED);
  sync_from_key (self);
}

GtkWidget *
vitrine_zone_button_new (void)
{
  return g_object_new (VITRINE_TYPE_ZONE_BUTTON, NULL);
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkStringObject *zone = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       zone_label (gtk_string_object_get_string (zone)));
}

static GtkWidget *
make_popover (VitrineZoneButton *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *view;

  self->search = gtk_search_entry_new ();
  g_object_set (self->search, "placeholder-text", _("Search time zones"), NULL);
  g_signal_connect_swapped (self->search, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search, "activate", G_CALLBACK (search_activate_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (view), TRUE);
  g_signal_connect (view, "activate", G_CALLBACK (activate_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 240);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 220);
  gtk_box_append (GTK_BOX (box), self->search);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (popover_shown_cb), self);
  return popover;
}

static void
vitrine_zone_button_dispose (GObject *object)
{
  VitrineZoneButton *self = VITRINE_ZONE_BUTTON (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->menu_button, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->matches);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (vitrine_zone_button_parent_class)->dispose (object);
}

static void
vitrine_zone_button_finalize (GObject *object)
{
  g_clear_object (&VITRINE_ZONE_BUTTON (object)->cancellable);

  G_OBJECT_CLASS (vitrine_zone_button_parent_class)->finalize (object);
}

static void
vitrine_zone_button_class_init (VitrineZoneButtonClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vitrine_zone_button_dispose;
  G_OBJECT_CLASS (klass)->finalize = vitrine_zone_button_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vitrine_zone_button_init (VitrineZoneButton *self)
{
  const char *local[] = { "", NULL };

  self->cancellable = g_cancellable_new ();
  self->zones = gtk_string_list_new (local);
  self->filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->matches = gtk_filter_list_model_new (G_LIST_MODEL (self->zones), GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->matches)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), make_popover (self));
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}
