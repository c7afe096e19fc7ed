/* vitrine-about-page.c: version, export, import and reset (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-about-page.h"
#include "vitrine-settings-file.h"
#include "vitrine-settings-rows.h"
#include "vitrine-version.h"

struct _VitrineAboutPage
{
  AdwPreferencesPage    parent_instance;

  GtkLabel             *version;
  GtkLabel             *build;
  GtkLabel             *message;

  GSettings            *root;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (VitrineAboutPage, vitrine_about_page, ADW_TYPE_PREFERENCES_PAGE)

/* What the last export, import or reset did, under the buttons; NULL hides it. */
static void
say (VitrineAboutPage *self,
     const char       *text,
     gboolean          failed)
{
  gtk_label_set_label (self->message, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
}

/* Imports @path, saying on the page what happened; for the file chooser and tests. */
gboolean
vitrine_about_page_import_path (VitrineAboutPage *self,
                                const char       *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (VITRINE_IS_ABOUT_PAGE (self), FALSE);

  if (!vitrine_settings_file_import_path (self->root, path, &error))
    {
      /* Translators: %s says why, naming the setting, e.g. "display/interval: 1 is out of range" */
      text = g_strdup_printf (_("Nothing was imported: %s"), error->message);
      say (self, text, TRUE);
      return FALSE;
    }
  say (self, _("Settings imported"), FALSE);
  return TRUE;
}

const char *
vitrine_about_page_get_message (VitrineAboutPage *self)
{
  g_return_val_if_fail (VITRINE_IS_ABOUT_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message)) ? gtk_label_get_label (self->message) : NULL;
}

static void
chooser_response_cb (GtkNativeDialog  *dialog,
                     int               response,
                     VitrineAboutPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean saving = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file != NULL ? g_file_get_path (file) : NULL;
  g_clear_object (&self->chooser);
  if (path == NULL)
    return;
  if (!saving)
    vitrine_about_page_import_path (self, path);
  else if (vitrine_settings_file_export_path (self->root, path, &error))
    say (self, _("Settings exported"), FALSE);
  else
    {
      /* Translators: %s says why the file could not be written */
      g_autofree char *text = g_strdup_printf (_("Could not export: %s"), error->message);

      say (self, text, TRUE);
    }
}

static void
open_chooser (VitrineAboutPage     *self,
              GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean saving = action == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (saving ? _("Export Settings") : _("Import Settings"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, action,
                                               saving ? _("_Export") : _("_Import"), _("_Cancel"));
  if (saving)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "vitrine-settings.ini");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (VITRINE_ABOUT_PAGE (widget), GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_chooser (VITRINE_ABOUT_PAGE (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
reset_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   VitrineAboutPage *self)
{
  if (!g_str_equal (response, "reset"))
    return;
  vitrine_settings_file_reset (self->root);
  say (self, _("Every setting is back to its default"), FALSE);
}

static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VitrineAboutPage *self = VITRINE_ABOUT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Reset Every Setting?"),
                                              _("Folders, feeds, cards and every other setting go back "
                                                "to how Vitrine was installed. Export them first to keep "
                                                "a copy."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reset", _("_Reset"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_widget_set_name (dialog, "reset-dialog");
  g_signal_connect_object (dialog, "response", G_CALLBACK (reset_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* @root is the root settings: export, import and reset cover every area below it. */
GtkWidget *
vitrine_about_page_new (GSettings *root)
{
  static const char * const elsewhere[] = { "caches-sort", "caches-filter", "last-photos", NULL };
  VitrineAboutPage *self;

  g_return_val_if_fail (G_IS_SETTINGS (root), NULL);

  self = g_object_new (VITRINE_TYPE_ABOUT_PAGE, NULL);
  self->root = g_object_ref (root);
  gtk_label_set_label (self->version, vitrine_version ());
  gtk_label_set_label (self->build, vitrine_build_identifier ());
  /* The root's own keys: the window's size (kept by resizing it) and the first-run hint;
   * the Caches page's order and filter are edited there, and the displays' last photos
   * are state the slideshow keeps, not a setting. */
  vitrine_settings_page_add_advanced (ADW_PREFERENCES_PAGE (self), root, NULL, 0, elsewhere);
  return GTK_WIDGET (self);
}

static void
vitrine_about_page_dispose (GObject *object)
{
  VitrineAboutPage *self = VITRINE_ABOUT_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->root);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITRINE_TYPE_ABOUT_PAGE);

  G_OBJECT_CLASS (vitrine_about_page_parent_class)->dispose (object);
}

static void
vitrine_about_page_class_init (VitrineAboutPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_about_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/vitrine-about-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitrineAboutPage, version);
  gtk_widget_class_bind_template_child (widget_class, VitrineAboutPage, build);
  gtk_widget_class_bind_template_child (widget_class, VitrineAboutPage, message);
  gtk_widget_class_install_action (widget_class, "about.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "about.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "about.reset", NULL, reset_action);
}

static void
vitrine_about_page_init (VitrineAboutPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
