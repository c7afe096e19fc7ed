/* vitrine-diagnostics-page.c: what the session runs on (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-compositor.h"
#include "vitrine-diagnostics-page.h"

struct _VitrineDiagnosticsPage
{
  GtkWidget          parent_instance;

  GtkWidget         *scroller;   /* bound so that dispose_template() unparents it */
  GtkLabel          *renderer;
  GtkLabel          *renderer_reason;
  GtkLabel          *workers;

  VitrineSupervisor *supervisor;
  gulong             state_changed_id;
  guint              refresh_id;
};

G_DEFINE_FINAL_TYPE (VitrineDiagnosticsPage, vitrine_diagnostics_page, GTK_TYPE_WIDGET)

/* A line per worker role: its state and restarts. */
static void
update_workers (VitrineDiagnosticsPage *self)
{
  g_autoptr(GString) workers = g_string_new (NULL);

  for (guint i = 0; self->supervisor != NULL && i < VITRINE_WORKER_N_ROLES; i++)
    {
      guint restarts = vitrine_supervisor_get_restarts (self->supervisor, i);

      if (workers->len > 0)
        g_string_append_c (workers, '\n');
      /* Translators: a worker's role (image, feed, audio, transition), its state
       * (e.g. "ready", "failed") and how often it was restarted */
      g_string_append_printf (workers, ngettext ("%s: %s, %u restart", "%s: %s, %u restarts", restarts),
                              vitrine_worker_role_to_string (i),
                              vitrine_worker_state_to_string (vitrine_supervisor_get_state (self->supervisor, i)),
                              restarts);
    }
  gtk_label_set_label (self->workers, workers->str);
}

/* The rows show nothing that changes without a state change (restarts change together
 * with one), so the signal alone keeps them current, shown or not: no polling. */
static void
worker_state_changed_cb (VitrineDiagnosticsPage *self,
                         guint                   role,
                         VitrineWorkerState      state,
                         VitrineSupervisor      *supervisor)
{
  update_workers (self);
}

GtkWidget *
vitrine_diagnostics_page_new (VitrineSupervisor *supervisor)
{
  VitrineDiagnosticsPage *self;

  g_return_val_if_fail (supervisor == NULL || VITRINE_IS_SUPERVISOR (supervisor), NULL);

  self = g_object_new (VITRINE_TYPE_DIAGNOSTICS_PAGE, NULL);
  g_set_object (&self->supervisor, supervisor);
  if (supervisor != NULL)
    self->state_changed_id = g_signal_connect_swapped (supervisor, "state-changed",
                                                       G_CALLBACK (worker_state_changed_cb), self);
  update_workers (self);
  vitrine_diagnostics_page_refresh (self);
  return GTK_WIDGET (self);
}

/* The renderer line as shown, for tests. */
const char *
vitrine_diagnostics_page_get_renderer (VitrineDiagnosticsPage *self)
{
  g_return_val_if_fail (VITRINE_IS_DIAGNOSTICS_PAGE (self), NULL);

  return gtk_label_get_label (self->renderer);
}

void
vitrine_diagnostics_page_refresh (VitrineDiagnosticsPage *self)
{
  const char *group = vitrine_compositor_get_session_group ();
  const char *reason = vitrine_compositor_get_session_reason ();

  g_return_if_fail (VITRINE_IS_DIAGNOSTICS_PAGE (self));

  if (g_str_equal (group, "A"))
    gtk_label_set_label (self->renderer, _("GL with every transition (group A)"));
  else if (g_str_equal (group, "B"))
    gtk_label_set_label (self->renderer, _("GL with Crossfade, Slide and Wipe only (group B)"));
  else
    gtk_label_set_label (self->renderer, _("Software drawing without GL, Crossfade, Slide and Wipe only (group C)"));

  if (reason == NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->renderer_reason), FALSE);
  else
    {
      g_autofree char *text = NULL;

      if (vitrine_compositor_get_session_demoted ())
        /* Translators: %s says what failed, e.g. "the GL context was lost" */
        text = g_strdup_printf (_("Fell back for this session: %s"), reason);
      else
        /* Translators: %s is e.g. "renderer “gl” requested" */
        text = g_strdup_printf (_("As asked: %s"), reason);
      gtk_label_set_label (self->renderer_reason, text);
      gtk_widget_set_visible (GTK_WIDGET (self->renderer_reason), TRUE);
    }
}

static gboolean
refresh_cb (gpointer user_data)
{
  vitrine_diagnostics_page_refresh (user_data);
  return G_SOURCE_CONTINUE;
}

/* The renderer rows fresh while on screen, once a second; the worker rows follow the
 * supervisor's ::state-changed instead. */
static void
vitrine_diagnostics_page_map (GtkWidget *widget)
{
  VitrineDiagnosticsPage *self = VITRINE_DIAGNOSTICS_PAGE (widget);

  GTK_WIDGET_CLASS (vitrine_diagnostics_page_parent_class)->map (widget);
  vitrine_diagnostics_page_refresh (self);
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add_seconds (1, refresh_cb, self);
}

static void
vitrine_diagnostics_page_unmap (GtkWidget *widget)
{
  VitrineDiagnosticsPage *self = VITRINE_DIAGNOSTICS_PAGE (widget);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  GTK_WIDGET_CLASS (vitrine_diagnostics_page_parent_class)->unmap (widget);
}

static void
vitrine_diagnostics_page_dispose (GObject *object)
{
  VitrineDiagnosticsPage *self = VITRINE_DIAGNOSTICS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->supervisor != NULL)
    g_clear_signal_handler (&self->state_changed_id, self->supervisor);
  g_clear_object (&self->supervisor);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITRINE_TYPE_DIAGNOSTICS_PAGE);

  G_OBJECT_CLASS (vitrine_diagnostics_page_parent_class)->dispose (object);
}

static void
vitrine_diagnostics_page_class_init (VitrineDiagnosticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_diagnostics_page_dispose;
  widget_class->map = vitrine_diagnostics_page_map;
  widget_class->unmap = vitrine_diagnostics_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/vitrine-diagnostics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitrineDiagnosticsPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, VitrineDiagnosticsPage, renderer);
  gtk_widget_class_bind_template_child (widget_class, VitrineDiagnosticsPage, renderer_reason);
  gtk_widget_class_bind_template_child (widget_class, VitrineDiagnosticsPage, workers);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vitrine_diagnostics_page_init (VitrineDiagnosticsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
