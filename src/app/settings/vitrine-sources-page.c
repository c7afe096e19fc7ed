/* vitrine-sources-page.c: folders, how photos are chosen, feeds (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-list-editor.h"
#include "vitrine-settings-rows.h"
#include "vitrine-sources-page.h"

struct _VitrineSourcesPage
{
  AdwPreferencesPage  parent_instance;

  VitrineListEditor  *folders;
  VitrineListEditor  *feeds;
  VitrineListEditor  *headline_feeds;

  GSettings          *sources;
  GSettings          *widgets;
  VitrineSlideshow   *slideshow;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (VitrineSourcesPage, vitrine_sources_page, ADW_TYPE_PREFERENCES_PAGE)

static const VitrineSettingsBinding bindings[] = {
  { "recursive", "recursive" },
  { "shuffle", "shuffle" },
  { "use_pictures_folder", "use-pictures-folder" },
  { "use_demo_set", "use-demo-set" },
  { "feed_ratio", "feed-ratio" },
};

/* Edited by the lists, not by a row of their own. */
static const char * const listed[] = { "folders", "feeds", NULL };

/* What a folder's row says: its photos so far and whether its scan is done. */
static char *
folder_status (VitrineSourcesPage *self,
               const char         *folder)
{
  guint n = 0;

  if (self->slideshow == NULL)
    return g_strdup (_("Counted while the display runs"));
  switch (vitrine_slideshow_get_folder_state (self->slideshow, folder, &n))
    {
    case VITRINE_SLIDESHOW_FOLDER_SCANNING:
      /* Translators: a folder is being scanned; %u photos were found so far */
      return g_strdup_printf (ngettext ("Scanning… %u photo so far", "Scanning… %u photos so far", n), n);
    case VITRINE_SLIDESHOW_FOLDER_SCANNED:
      if (n == 0)
        return g_strdup (_("No photos found"));
      /* Translators: a scanned folder holds %u photos */
      return g_strdup_printf (ngettext ("%u photo", "%u photos", n), n);
    case VITRINE_SLIDESHOW_FOLDER_UNUSED:
    default:
      return g_strdup (_("Not shown now"));
    }
}

static void
update_folders (VitrineSourcesPage *self)
{
  g_auto(GStrv) folders = g_settings_get_strv (self->sources, "folders");

  for (guint i = 0; folders[i] != NULL; i++)
    {
      g_autofree char *status = folder_status (self, folders[i]);

      vitrine_list_editor_set_item_subtitle (self->folders, folders[i], status);
    }
}

/* The slideshow whose scans the folder rows follow (%NULL: none, the display is off). */
void
vitrine_sources_page_set_slideshow (VitrineSourcesPage *self,
                                    VitrineSlideshow   *slideshow)
{
  g_return_if_fail (VITRINE_IS_SOURCES_PAGE (self));

  if (self->slideshow != NULL)
    g_signal_handlers_disconnect_by_func (self->slideshow, update_folders, self);
  g_set_object (&self->slideshow, slideshow);
  if (slideshow != NULL)
    g_signal_connect_object (slideshow, "sources-changed", G_CALLBACK (update_folders), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  update_folders (self);
}

/*
 * The hook for the feeds' state: @status is one short line under @feed's row in
 * whichever feed list holds it (for example “Fetched at 12:03 · 20 photos” or
 * “Failed at 12:03: HTTP 404”); %NULL clears it. Kept across edits of the list.
 */
void
vitrine_sources_page_set_feed_status (VitrineSourcesPage *self,
                                      const char         *feed,
                                      const char         *status)
{
  g_return_if_fail (VITRINE_IS_SOURCES_PAGE (self));
  g_return_if_fail (feed != NULL);

  vitrine_list_editor_set_item_subtitle (self->feeds, feed, status);
  vitrine_list_editor_set_item_subtitle (self->headline_feeds, feed, status);
}

/* Adds @folder (a path) to the folders, as the file chooser does. */
void
vitrine_sources_page_add_folder (VitrineSourcesPage *self,
                                 const char         *folder)
{
  g_return_if_fail (VITRINE_IS_SOURCES_PAGE (self));

  vitrine_list_editor_add (self->folders, folder, NULL);
}

static void
chooser_response_cb (GtkNativeDialog    *dialog,
                     int                 response,
                     VitrineSourcesPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        vitrine_sources_page_add_folder (self, path);
    }
  g_clear_object (&self->chooser);
}

static void
add_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VitrineSourcesPage *self = VITRINE_SOURCES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Add a Folder"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Add"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
add_feed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VitrineSourcesPage *self = VITRINE_SOURCES_PAGE (widget);

  vitrine_list_editor_add (self->feeds, g_variant_get_string (parameter, NULL), NULL);
}

/* @widgets holds the headline feeds; @slideshow may be %NULL. */
GtkWidget *
vitrine_sources_page_new (GSettings        *sources,
                          GSettings        *widgets,
                          VitrineSlideshow *slideshow)
{
  VitrineSourcesPage *self;

  g_return_val_if_fail (G_IS_SETTINGS (sources), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (widgets), NULL);

  self = g_object_new (VITRINE_TYPE_SOURCES_PAGE, NULL);
  self->sources = g_object_ref (sources);
  self->widgets = g_object_ref (widgets);
  vitrine_list_editor_set_key (self->folders, sources, "folders", NULL);
  vitrine_list_editor_set_key (self->feeds, sources, "feeds", vitrine_list_editor_check_url);
  vitrine_list_editor_set_key (self->headline_feeds, widgets, "headlines-feeds", vitrine_list_editor_check_url);
  vitrine_settings_bind_template (GTK_WIDGET (self), VITRINE_TYPE_SOURCES_PAGE, sources,
                                  bindings, G_N_ELEMENTS (bindings));
  vitrine_settings_page_add_advanced (ADW_PREFERENCES_PAGE (self), sources, bindings, G_N_ELEMENTS (bindings),
                                      listed);
  g_signal_connect_object (sources, "changed::folders", G_CALLBACK (update_folders), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  vitrine_sources_page_set_slideshow (self, slideshow);
  return GTK_WIDGET (self);
}

static void
vitrine_sources_page_dispose (GObject *object)
{
  VitrineSourcesPage *self = VITRINE_SOURCES_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->slideshow != NULL)
    g_signal_handlers_disconnect_by_func (self->slideshow, update_folders, self);
  g_clear_object (&self->slideshow);
  g_clear_object (&self->sources);
  g_clear_object (&self->widgets);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITRINE_TYPE_SOURCES_PAGE);

  G_OBJECT_CLASS (vitrine_sources_page_parent_class)->dispose (object);
}

static void
vitrine_sources_page_class_init (VitrineSourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_sources_page_dispose;

  g_type_ensure (VITRINE_TYPE_LIST_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/vitrine-sources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitrineSourcesPage, folders);
  gtk_widget_class_bind_template_child (widget_class, VitrineSourcesPage, feeds);
  gtk_widget_class_bind_template_child (widget_class, VitrineSourcesPage, headline_feeds);
  for (gsize i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_widget_class_bind_template_child_full (widget_class, bindings[i].id, FALSE, 0);
  gtk_widget_class_install_action (widget_class, "sources.add-folder", NULL, add_folder_action);
  gtk_widget_class_install_action (widget_class, "sources.add-feed", "s", add_feed_action);
}

static void
vitrine_sources_page_init (VitrineSourcesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
