/* vitrine-cache-banner.c: the regeneration banner of the settings window (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-cache-banner.h"

struct _VitrineCacheBanner
{
  GtkWidget       parent_instance;

  GtkRevealer    *revealer;
  GtkLabel       *title;
  GtkLabel       *state;
  GtkProgressBar *progress;

  char           *text;       /* NULL while hidden */
};

enum {
  SIGNAL_REGENERATE_ALL,
  SIGNAL_OPEN_DIAGNOSTICS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (VitrineCacheBanner, vitrine_cache_banner, GTK_TYPE_WIDGET)

/* libadwaita 1.3's banner, which 1.2 lacks: the accent mixed into the window's background. */
static const char banner_css[] =
  ".vitrine-banner {"
  "  background-color: mix(@accent_bg_color, @window_bg_color, 0.7);"
  "  color: @window_fg_color;"
  "  padding: 6px 12px;"
  "  min-height: 38px;"
  "}";

static void
install_css (void)
{
  static gboolean installed = FALSE;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (installed || display == NULL)
    return;
  installed = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, banner_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

GtkWidget *
vitrine_cache_banner_new (void)
{
  return g_object_new (VITRINE_TYPE_CACHE_BANNER, NULL);
}

/* The header bar of libadwaita's preferences window, in its box above the pages. */
static GtkWidget *
find_header_bar (GtkWidget *widget)
{
  if (ADW_IS_HEADER_BAR (widget) && GTK_IS_BOX (gtk_widget_get_parent (widget)))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_header_bar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

gboolean
vitrine_cache_banner_attach (VitrineCacheBanner   *self,
                             AdwPreferencesWindow *window)
{
  GtkWidget *header;

  g_return_val_if_fail (VITRINE_IS_CACHE_BANNER (self), FALSE);
  g_return_val_if_fail (ADW_IS_PREFERENCES_WINDOW (window), FALSE);

  header = find_header_bar (GTK_WIDGET (window));
  if (header == NULL)
    {
      g_warning ("The settings window has no header bar to put the cache banner under");
      return FALSE;
    }
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (header)), GTK_WIDGET (self), header);
  return TRUE;
}

void
vitrine_cache_banner_update (VitrineCacheBanner *self,
                             const char * const *lines,
                             const char         *state,
                             double              fraction)
{
  gboolean shown;

  g_return_if_fail (VITRINE_IS_CACHE_BANNER (self));

  shown = lines != NULL && lines[0] != NULL;
  g_clear_pointer (&self->text, g_free);
  if (shown)
    {
      self->text = g_strjoinv ("\n", (char **) lines);
      gtk_label_set_label (self->title, self->text);
    }
  gtk_label_set_label (self->state, state != NULL ? state : "");
  gtk_widget_set_visible (GTK_WIDGET (self->state), state != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), fraction >= 0);
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->progress, CLAMP (fraction, 0, 1));
  gtk_revealer_set_reveal_child (self->revealer, shown);
  /* Hidden, it takes no room and no focus; the revealer's slide is for showing. */
  if (shown)
    gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  else if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

gboolean
vitrine_cache_banner_get_shown (VitrineCacheBanner *self)
{
  g_return_val_if_fail (VITRINE_IS_CACHE_BANNER (self), FALSE);

  return self->text != NULL;
}

const char *
vitrine_cache_banner_get_text (VitrineCacheBanner *self)
{
  g_return_val_if_fail (VITRINE_IS_CACHE_BANNER (self), NULL);

  return self->text;
}

const char *
vitrine_cache_banner_get_state (VitrineCacheBanner *self)
{
  g_return_val_if_fail (VITRINE_IS_CACHE_BANNER (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->state)) ? gtk_label_get_label (self->state) : NULL;
}

char *
vitrine_cache_banner_dup_docs_uri (void)
{
  g_autofree char *installed = g_build_filename (DOCDIR, "caches.md", NULL);

  if (g_file_test (installed, G_FILE_TEST_IS_REGULAR))
    return g_filename_to_uri (installed, NULL, NULL);
#ifdef SOURCE_DOCDIR
  {
    g_autofree char *source = g_build_filename (SOURCE_DOCDIR, "caches.md", NULL);

    if (g_file_test (source, G_FILE_TEST_IS_REGULAR))
      return g_filename_to_uri (source, NULL, NULL);
  }
#endif
  return NULL;
}

/* The document opens at its top, where "Cache regeneration" is: a file:// URI with a
 * fragment names no file to most launchers. */
static void
learn_more_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_autofree char *uri = vitrine_cache_banner_dup_docs_uri ();
  GtkRoot *root = gtk_widget_get_root (widget);

  if (uri == NULL)
    {
      g_warning ("docs/caches.md is not installed in %s", DOCDIR);
      return;
    }
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
regenerate_all_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_REGENERATE_ALL], 0);
}

static void
open_diagnostics_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_OPEN_DIAGNOSTICS], 0);
}

/* Once the slide up is over, the hidden banner leaves the layout. */
static void
child_revealed_cb (VitrineCacheBanner *self)
{
  if (!gtk_revealer_get_child_revealed (self->revealer) && self->text == NULL)
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
vitrine_cache_banner_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VITRINE_TYPE_CACHE_BANNER);

  G_OBJECT_CLASS (vitrine_cache_banner_parent_class)->dispose (object);
}

static void
vitrine_cache_banner_finalize (GObject *object)
{
  g_free (VITRINE_CACHE_BANNER (object)->text);

  G_OBJECT_CLASS (vitrine_cache_banner_parent_class)->finalize (object);
}

static void
vitrine_cache_banner_class_init (VitrineCacheBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_cache_banner_dispose;
  object_class->finalize = vitrine_cache_banner_finalize;

  signals[SIGNAL_REGENERATE_ALL] =
    g_signal_new ("regenerate-all", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_OPEN_DIAGNOSTICS] =
    g_signal_new ("open-diagnostics", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/vitrine-cache-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, VitrineCacheBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, VitrineCacheBanner, title);
  gtk_widget_class_bind_template_child (widget_class, VitrineCacheBanner, state);
  gtk_widget_class_bind_template_child (widget_class, VitrineCacheBanner, progress);
  gtk_widget_class_bind_template_callback (widget_class, child_revealed_cb);
  gtk_widget_class_install_action (widget_class, "banner.regenerate-all", NULL, regenerate_all_action);
  gtk_widget_class_install_action (widget_class, "banner.open-diagnostics", NULL, open_diagnostics_action);
  gtk_widget_class_install_action (widget_class, "banner.learn-more", NULL, learn_more_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "vitrine-cache-banner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vitrine_cache_banner_init (VitrineCacheBanner *self)
{
  install_css ();
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
