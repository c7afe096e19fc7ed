/* vitrine-settings-window.c: the settings window, one page per settings area.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-diagnostics-page.h"
#include "vitrine-settings-page.h"
#include "vitrine-settings-window.h"

struct _VitrineSettingsWindow
{
  GtkWindow  parent_instance;

  GtkStack  *stack;
};

G_DEFINE_FINAL_TYPE (VitrineSettingsWindow, vitrine_settings_window, GTK_TYPE_WINDOW)

/* Page order and titles; each name is a child of the root schema. */
static const struct {
  const char *name;
  const char *title;
} pages[] = {
  { "sources", N_("Sources") },
  { "display", N_("Display") },
  { "transitions", N_("Transitions") },
  { "widgets", N_("Widgets") },
  { "visualizer", N_("Visualizer") },
  { "accessibility", N_("Accessibility") },
  { "workers", N_("Workers") },
};

GtkWidget *
vitrine_settings_window_new (VitrineApplication *application)
{
  GtkWidget *diagnostics;
  VitrineSettingsWindow *self;

  g_return_val_if_fail (VITRINE_IS_APPLICATION (application), NULL);

  self = g_object_new (VITRINE_TYPE_SETTINGS_WINDOW, "application", application, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GSettings *settings = vitrine_application_get_settings (application, pages[i].name);

      gtk_stack_add_titled (self->stack, vitrine_settings_page_new (settings),
                            pages[i].name, _(pages[i].title));
    }
  diagnostics = vitrine_diagnostics_page_new (vitrine_application_get_supervisor (application),
                                              vitrine_application_get_renderer_session (application));
  vitrine_diagnostics_page_set_visualizer (VITRINE_DIAGNOSTICS_PAGE (diagnostics),
                                           vitrine_application_get_visualizer (application));
  gtk_stack_add_titled (self->stack, diagnostics, "diagnostics", _("Diagnostics"));

  return GTK_WIDGET (self);
}

static void
vitrine_settings_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), VITRINE_TYPE_SETTINGS_WINDOW);

  G_OBJECT_CLASS (vitrine_settings_window_parent_class)->dispose (object);
}

static void
vitrine_settings_window_class_init (VitrineSettingsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_settings_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "ui/vitrine-settings-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VitrineSettingsWindow, stack);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
vitrine_settings_window_init (VitrineSettingsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
