/* vitrine-settings-window.c: the settings window and its pages (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-about-page.h"
#include "vitrine-application-private.h"
#include "vitrine-cache-banner.h"
#include "vitrine-caches-page.h"
#include "vitrine-diagnostics-page.h"
#include "vitrine-display-page.h"
#include "vitrine-settings-page.h"
#include "vitrine-settings-window.h"
#include "vitrine-sources-page.h"
#include "vitrine-transitions-page.h"

struct _VitrineSettingsWindow
{
  AdwPreferencesWindow  parent_instance;

  VitrineApplication   *application;
  VitrineFeeds         *feeds;     /* followed once it exists; outlives this window */
  VitrineCacheBanner   *banner;
  GPtrArray            *pages;
};

G_DEFINE_FINAL_TYPE (VitrineSettingsWindow, vitrine_settings_window, ADW_TYPE_PREFERENCES_WINDOW)

static char *
status_json (gpointer user_data)
{
  return vitrine_application_dup_status_json (user_data);
}

static void
add_page (VitrineSettingsWindow *self,
          GtkWidget             *page)
{
  g_ptr_array_add (self->pages, page);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
}

/* Each feed's state under its row. A row is the key's entry, "URL" or "URL JSONPATH";
 * the state is the URL's. */
static void
feeds_changed_cb (VitrineSettingsWindow *self)
{
  g_autoptr(GPtrArray) infos = vitrine_feeds_dup_feed_info (self->feeds);
  g_auto(GStrv) images = g_settings_get_strv (vitrine_application_get_settings (self->application, "sources"), "feeds");
  g_auto(GStrv) headlines = g_settings_get_strv (vitrine_application_get_settings (self->application, "widgets"),
                                                 "headlines-feeds");
  const char * const *lists[] = { (const char * const *) images, (const char * const *) headlines };

  for (guint i = 0; i < infos->len; i++)
    {
      const VitrineFeedInfo *info = infos->pdata[i];
      g_autofree char *line = vitrine_feed_info_describe (info);
      const char * const *entries = lists[info->images ? 0 : 1];

      for (guint e = 0; entries[e] != NULL; e++)
        {
          g_autofree char *entry = g_strstrip (g_strdup (entries[e]));
          g_auto(GStrv) words = g_strsplit (entry, " ", 2);

          if (words[0] != NULL && g_str_equal (words[0], info->url))
            vitrine_settings_window_set_feed_status (self, entries[e], line);
        }
    }
}

/* The slideshow, the feeds and the visualizer come with the first display window, maybe
 * after this window. */
static void
follow_slideshow (VitrineSettingsWindow *self)
{
  GtkWidget *sources = vitrine_settings_window_get_page (self, "sources");

  vitrine_sources_page_set_slideshow (VITRINE_SOURCES_PAGE (sources),
                                      vitrine_application_get_slideshow (self->application));
  vitrine_diagnostics_page_set_visualizer (VITRINE_DIAGNOSTICS_PAGE (vitrine_settings_window_get_page (self, "diagnostics")),
                                           vitrine_application_get_visualizer (self->application));
  if (self->feeds == NULL && vitrine_application_get_feeds (self->application) != NULL)
    {
      self->feeds = vitrine_application_get_feeds (self->application);
      g_signal_connect_object (self->feeds, "feeds-changed", G_CALLBACK (feeds_changed_cb), self,
                               G_CONNECT_SWAPPED);
      feeds_changed_cb (self);
    }
}

/* The first visit to Sources answers the first-run hint. */
static void
page_shown_cb (VitrineSettingsWindow *self)
{
  GSettings *root = vitrine_application_get_settings (self->application, NULL);

  if (g_strcmp0 (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (self)), "sources") == 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (self)) && g_settings_get_boolean (root, "first-run-hint"))
    g_settings_set_boolean (root, "first-run-hint", FALSE);
}

static void
vitrine_settings_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vitrine_settings_window_parent_class)->map (widget);
  page_shown_cb (VITRINE_SETTINGS_WINDOW (widget));
}

static void
open_caches_cb (VitrineSettingsWindow *self)
{
  vitrine_settings_window_show_page (self, "caches");
}

/* The cache banner under the header bar, above every page (and the search results), where
 * libadwaita 1.3's AdwBanner would be; the Caches page keeps it in step. */
static void
add_banner (VitrineSettingsWindow *self,
            GtkWidget             *caches_page)
{
  GtkWidget *banner = vitrine_cache_banner_new ();

  if (!vitrine_cache_banner_attach (VITRINE_CACHE_BANNER (banner), ADW_PREFERENCES_WINDOW (self)))
    {
      g_object_unref (g_object_ref_sink (banner));
      return;
    }
  self->banner = VITRINE_CACHE_BANNER (banner);
  g_signal_connect_object (banner, "open-diagnostics", G_CALLBACK (open_caches_cb), self, G_CONNECT_SWAPPED);
  vitrine_caches_page_set_banner (VITRINE_CACHES_PAGE (caches_page), self->banner);
}

GtkWidget *
vitrine_settings_window_new (VitrineApplication *application)
{
  static const char * const generated[] = { "widgets", "visualizer", "accessibility" };
  VitrineSettingsWindow *self;
  GSettings *root;
  GtkWidget *diagnostics;
  GtkWidget *caches;

  g_return_val_if_fail (VITRINE_IS_APPLICATION (application), NULL);

  /* libadwaita is initialised by the first window that needs it, not at start-up, where it
   * cost a display 30-40 ms before its first photo (docs/PERFORMANCE.md, "The disk
   * cache"). Its style sheet then applies to every window, but the display windows set
   * their own colours and fonts (style.css), so they look the same; an AdwApplication
   * would add nothing the settings window needs. */
  adw_init ();
  self = g_object_new (VITRINE_TYPE_SETTINGS_WINDOW, "application", application, NULL);
  self->application = application;
  root = vitrine_application_get_settings (application, NULL);
  add_page (self, vitrine_sources_page_new (vitrine_application_get_settings (application, "sources"),
                                            vitrine_application_get_settings (application, "widgets"),
                                            vitrine_application_get_slideshow (application)));
  add_page (self, vitrine_display_page_new (vitrine_application_get_settings (application, "display")));
  add_page (self, vitrine_transitions_page_new (vitrine_application_get_settings (application, "transitions"),
                                                vitrine_application_get_supervisor (application)));
  for (guint i = 0; i < G_N_ELEMENTS (generated); i++)
    {
      GtkWidget *page = vitrine_settings_page_new (generated[i],
                                                   vitrine_application_get_settings (application, generated[i]));

      vitrine_settings_page_set_supervisor (VITRINE_SETTINGS_PAGE (page),
                                            vitrine_application_get_supervisor (application));
      add_page (self, page);
    }
  diagnostics = vitrine_diagnostics_page_new (vitrine_application_get_supervisor (application),
                                              vitrine_application_get_renderer_session (application),
                                              vitrine_application_get_settings (application, "workers"));
  vitrine_diagnostics_page_set_status_func (VITRINE_DIAGNOSTICS_PAGE (diagnostics), status_json, application);
  add_page (self, diagnostics);
  caches = vitrine_caches_page_new (root);
  add_page (self, caches);
  add_banner (self, caches);
  vitrine_caches_page_set_caches (VITRINE_CACHES_PAGE (caches), vitrine_application_get_caches (application));
  add_page (self, vitrine_about_page_new (root));

  /* The window's size is what the root's window keys edit: restored here, kept on close. */
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (root, "settings-window-width"),
                               g_settings_get_int (root, "settings-window-height"));
  if (g_settings_get_boolean (root, "settings-window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  follow_slideshow (self);
  g_signal_connect_object (application, "window-added", G_CALLBACK (follow_slideshow), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::visible-page-name", G_CALLBACK (page_shown_cb), NULL);
  return GTK_WIDGET (self);
}

/* The cache manager the Caches page and the banner follow; NULL for none. */
void
vitrine_settings_window_set_caches (VitrineSettingsWindow *self,
                                    VitrineCaches         *caches)
{
  g_return_if_fail (VITRINE_IS_SETTINGS_WINDOW (self));

  vitrine_caches_page_set_caches (VITRINE_CACHES_PAGE (vitrine_settings_window_get_page (self, "caches")), caches);
}

VitrineCacheBanner *
vitrine_settings_window_get_banner (VitrineSettingsWindow *self)
{
  g_return_val_if_fail (VITRINE_IS_SETTINGS_WINDOW (self), NULL);

  return self->banner;
}

/* Shows the page @name (sources, display, transitions, widgets, visualizer,
 * accessibility, diagnostics, caches, about). */
void
vitrine_settings_window_show_page (VitrineSettingsWindow *self,
                                   const char            *name)
{
  g_return_if_fail (VITRINE_IS_SETTINGS_WINDOW (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), name);
}

GtkWidget *
vitrine_settings_window_get_page (VitrineSettingsWindow *self,
                                  const char            *name)
{
  g_return_val_if_fail (VITRINE_IS_SETTINGS_WINDOW (self), NULL);

  for (guint i = 0; i < self->pages->len; i++)
    if (g_strcmp0 (adw_preferences_page_get_name (self->pages->pdata[i]), name) == 0)
      return self->pages->pdata[i];
  return NULL;
}

/* Ctrl+Page Down and Ctrl+Page Up go to the next and previous page, Alt+1 … Alt+9 to a
 * page by its place, as in other GNOME applications with pages. */
static void
page_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  VitrineSettingsWindow *self = VITRINE_SETTINGS_WINDOW (widget);
  const char *visible = adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (self));
  int step = g_variant_get_int32 (parameter);
  int n = (int) self->pages->len;
  int current = 0;

  for (int i = 0; i < n; i++)
    if (g_strcmp0 (adw_preferences_page_get_name (self->pages->pdata[i]), visible) == 0)
      current = i;
  vitrine_settings_window_show_page (self, adw_preferences_page_get_name (self->pages->pdata[((current + step) % n + n) % n]));
}

static void
page_number_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VitrineSettingsWindow *self = VITRINE_SETTINGS_WINDOW (widget);
  int index = g_variant_get_int32 (parameter);

  if (index >= 0 && index < (int) self->pages->len)
    vitrine_settings_window_show_page (self, adw_preferences_page_get_name (self->pages->pdata[index]));
}

/*
 * The hook for the feeds' state (see vitrine_sources_page_set_feed_status()): one short
 * line under @feed's row on Sources, in the image or the headline feeds, e.g. "Fetched at
 * 12:03 · 20 photos" or "Failed at 12:03: HTTP 404"; NULL clears it.
 */
void
vitrine_settings_window_set_feed_status (VitrineSettingsWindow *self,
                                         const char            *feed,
                                         const char            *status)
{
  g_return_if_fail (VITRINE_IS_SETTINGS_WINDOW (self));

  vitrine_sources_page_set_feed_status (VITRINE_SOURCES_PAGE (vitrine_settings_window_get_page (self, "sources")),
                                        feed, status);
}

static gboolean
vitrine_settings_window_close_request (GtkWindow *window)
{
  VitrineSettingsWindow *self = VITRINE_SETTINGS_WINDOW (window);
  GSettings *root = vitrine_application_get_settings (self->application, NULL);
  int width = 0, height = 0;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (root, "settings-window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width >= 360 && height >= 360)
    {
      g_settings_set_int (root, "settings-window-width", width);
      g_settings_set_int (root, "settings-window-height", height);
    }
  return GTK_WINDOW_CLASS (vitrine_settings_window_parent_class)->close_request (window);
}

static void
vitrine_settings_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VITRINE_TYPE_SETTINGS_WINDOW);

  G_OBJECT_CLASS (vitrine_settings_window_parent_class)->dispose (object);
}

static void
vitrine_settings_window_finalize (GObject *object)
{
  g_ptr_array_unref (VITRINE_SETTINGS_WINDOW (object)->pages);

  G_OBJECT_CLASS (vitrine_settings_window_parent_class)->finalize (object);
}

static void
vitrine_settings_window_class_init (VitrineSettingsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_settings_window_dispose;
  object_class->finalize = vitrine_settings_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = vitrine_settings_window_close_request;
  widget_class->map = vitrine_settings_window_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "ui/vitrine-settings-window.ui");
  /* Esc closes the window; a search entry with the focus takes its own Esc first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "settings.page-step", "i", page_step_action);
  gtk_widget_class_install_action (widget_class, "settings.page-number", "i", page_number_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "settings.page-step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "settings.page-step", "i", -1);
  for (int i = 0; i < 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "settings.page-number", "i", i);
}

static void
vitrine_settings_window_init (VitrineSettingsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pages = g_ptr_array_new ();
}
