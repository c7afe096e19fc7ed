/* vitrine-diagnostics-page.c: what the session runs on (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-diagnostics-page.h"

struct _VitrineDiagnosticsPage
{
  GtkWidget          parent_instance;

  GtkWidget         *scroller;   /* bound so that dispose_template() unparents it */
  GtkLabel          *renderer;
  GtkLabel          *renderer_reason;
  GtkLabel          *workers;
  GtkLabel          *tempo;

  VitrineSupervisor *supervisor;
  gulong             state_changed_id;

  VitrineRendererSession *session;   /* the renderer rows follow its notify signals */

  VitrineVisualizer *visualizer;     /* the music row, while the page is shown */
  guint              tempo_id;
};

/* Twice a second while shown, the only row that looks: beats live in shared memory. */
#define TEMPO_PERIOD_MS 500

G_DEFINE_FINAL_TYPE (VitrineDiagnosticsPage, vitrine_diagnostics_page, GTK_TYPE_WIDGET)

/* The renderer line for @group: what the session draws with. */
static gboolean
group_to_label (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      user_data)
{
  switch ((VitrineRendererGroup) g_value_get_enum (from))
    {
    case VITRINE_RENDERER_GROUP_A:
      g_value_set_string (to, _("GL with every transition (group A)"));
      break;
    case VITRINE_RENDERER_GROUP_B:
      g_value_set_string (to, _("GL with Crossfade, Slide and Wipe only (group B)"));
      break;
    case VITRINE_RENDERER_GROUP_C:
    default:
      g_value_set_string (to, _("Software drawing without GL, Crossfade, Slide and Wipe only (group C)"));
      break;
    }
  return TRUE;
}

/* Why the session is where it is, hidden in group A. The session changes its properties
 * together, so reason and demoted agree here. */
static void
update_reason (VitrineDiagnosticsPage *self)
{
  const char *reason = vitrine_renderer_session_get_reason (self->session);
  g_autofree char *text = NULL;

  if (reason == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->renderer_reason), FALSE);
      return;
    }
  if (vitrine_renderer_session_get_demoted (self->session))
    /* Translators: %s says what failed, e.g. "the GL context was lost" */
    text = g_strdup_printf (_("Fell back for this session: %s"), reason);
  else
    /* Translators: %s is e.g. "renderer “gl” requested" */
    text = g_strdup_printf (_("As asked: %s"), reason);
  gtk_label_set_label (self->renderer_reason, text);
  gtk_widget_set_visible (GTK_WIDGET (self->renderer_reason), TRUE);
}

/* The layers of a running role's sandbox ("seccomp, Landlock 7"); NULL when unknown. */
static char *
sandbox_summary (VitrineSupervisor   *supervisor,
                 VitrineWorkerRoleId  role)
{
  g_autoptr(GVariant) sandbox = vitrine_supervisor_dup_sandbox (supervisor, role);
  g_autoptr(GPtrArray) layers = g_ptr_array_new_with_free_func (g_free);
  gboolean on = FALSE;
  int abi = 0;

  if (sandbox == NULL)
    return NULL;
  if (g_variant_lookup (sandbox, "seccomp", "b", &on) && on)
    g_ptr_array_add (layers, g_strdup ("seccomp"));
  if (g_variant_lookup (sandbox, "landlock", "b", &on) && on &&
      g_variant_lookup (sandbox, "landlock_abi", "i", &abi))
    g_ptr_array_add (layers, g_strdup_printf ("Landlock %d", abi));
  if (layers->len == 0)
    /* Translators: a worker runs without a sandbox layer (seccomp, Landlock) */
    return g_strdup (_("none"));
  g_ptr_array_add (layers, NULL);
  return g_strjoinv (", ", (char **) layers->pdata);
}

/* A line per worker role: its state, restarts and, once running, its sandbox. */
static void
update_workers (VitrineDiagnosticsPage *self)
{
  g_autoptr(GString) workers = g_string_new (NULL);

  for (guint i = 0; self->supervisor != NULL && i < VITRINE_WORKER_N_ROLES; i++)
    {
      guint restarts = vitrine_supervisor_get_restarts (self->supervisor, i);
      g_autofree char *summary = NULL;

      if (workers->len > 0)
        g_string_append_c (workers, '\n');
      /* Translators: a worker's role (image, feed, audio, transition), its state
       * (e.g. "ready", "failed") and how often it was restarted */
      g_string_append_printf (workers, ngettext ("%s: %s, %u restart", "%s: %s, %u restarts", restarts),
                              vitrine_worker_role_to_string (i),
                              vitrine_worker_state_to_string (vitrine_supervisor_get_state (self->supervisor, i)),
                              restarts);
      summary = sandbox_summary (self->supervisor, i);
      if (summary != NULL)
        /* Translators: the layers of a worker's sandbox, e.g. "seccomp, Landlock 7" */
        g_string_append_printf (workers, _("; sandbox: %s"), summary);
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

/* What the worker hears: the tracker's tempo and how sure it is, or why there is none. */
static void
update_tempo (VitrineDiagnosticsPage *self)
{
  VitrineFeatureState state;
  g_autofree char *text = NULL;

  if (self->visualizer == NULL || !vitrine_visualizer_read_beats (self->visualizer, &state))
    text = g_strdup (_("No beat: nothing plays, or the audio worker does not listen"));
  else if (state.bpm <= 0)
    text = g_strdup (_("No steady beat"));
  else
    {
      VitrineFeatureStats *rms = &state.stats[VITRINE_FEATURE_VALUE_RMS];
      VitrineFeatureStats *onset = &state.stats[VITRINE_FEATURE_VALUE_ONSET];

      /* Translators: the tempo in beats per minute, the tracker's confidence in percent,
       * the loudness (mean RMS) and the mean onset strength of the current track */
      text = g_strdup_printf (_("%.1f BPM, %.0f%% sure; loudness %.3f, onsets %.2f"), state.bpm,
                              100 * state.confidence, rms->mean, onset->mean);
    }
  gtk_label_set_label (self->tempo, text);
}

static gboolean
tempo_cb (gpointer user_data)
{
  update_tempo (user_data);
  return G_SOURCE_CONTINUE;
}

static void
vitrine_diagnostics_page_map (GtkWidget *widget)
{
  VitrineDiagnosticsPage *self = VITRINE_DIAGNOSTICS_PAGE (widget);

  GTK_WIDGET_CLASS (vitrine_diagnostics_page_parent_class)->map (widget);
  if (self->visualizer != NULL)
    vitrine_visualizer_declare (self->visualizer, "diagnostics", "rms,onset,beat");
  update_tempo (self);
  if (self->tempo_id == 0)
    self->tempo_id = g_timeout_add (TEMPO_PERIOD_MS, tempo_cb, self);
}

/* Hidden: the worker need not compute the page's features any more. */
static void
vitrine_diagnostics_page_unmap (GtkWidget *widget)
{
  VitrineDiagnosticsPage *self = VITRINE_DIAGNOSTICS_PAGE (widget);

  g_clear_handle_id (&self->tempo_id, g_source_remove);
  if (self->visualizer != NULL)
    vitrine_visualizer_declare (self->visualizer, "diagnostics", NULL);
  GTK_WIDGET_CLASS (vitrine_diagnostics_page_parent_class)->unmap (widget);
}

/* Where the music row reads the tracker; NULL for none. */
void
vitrine_diagnostics_page_set_visualizer (VitrineDiagnosticsPage *self,
                                         VitrineVisualizer      *visualizer)
{
  g_return_if_fail (VITRINE_IS_DIAGNOSTICS_PAGE (self));

  g_set_object (&self->visualizer, visualizer);
  update_tempo (self);
}

/* The music row as shown, for tests. */
const char *
vitrine_diagnostics_page_get_tempo (VitrineDiagnosticsPage *self)
{
  g_return_val_if_fail (VITRINE_IS_DIAGNOSTICS_PAGE (self), NULL);

  return gtk_label_get_label (self->tempo);
}

GtkWidget *
vitrine_diagnostics_page_new (VitrineSupervisor      *supervisor,
                              VitrineRendererSession *session)
{
  VitrineDiagnosticsPage *self;

  g_return_val_if_fail (supervisor == NULL || VITRINE_IS_SUPERVISOR (supervisor), NULL);
  g_return_val_if_fail (VITRINE_IS_RENDERER_SESSION (session), NULL);

  self = g_object_new (VITRINE_TYPE_DIAGNOSTICS_PAGE, NULL);
  g_set_object (&self->supervisor, supervisor);
  /* The renderer rows change when the session does, shown or not: no polling. */
  self->session = g_object_ref (session);
  g_object_bind_property_full (session, "group", self->renderer, "label", G_BINDING_SYNC_CREATE,
                               group_to_label, NULL, NULL, NULL);
  g_signal_connect_object (session, "notify::reason", G_CALLBACK (update_reason), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::demoted", G_CALLBACK (update_reason), self, G_CONNECT_SWAPPED);
  update_reason (self);
  if (supervisor != NULL)
    self->state_changed_id = g_signal_connect_swapped (supervisor, "state-changed",
                                                       G_CALLBACK (worker_state_changed_cb), self);
  update_workers (self);
  update_tempo (self);
  return GTK_WIDGET (self);
}

/* The renderer line as shown, for tests. */
const char *
vitrine_diagnostics_page_get_renderer (VitrineDiagnosticsPage *self)
{
  g_return_val_if_fail (VITRINE_IS_DIAGNOSTICS_PAGE (self), NULL);

  return gtk_label_get_label (self->renderer);
}

/* Every row again; the signals keep them current, so only tests need this. */
void
vitrine_diagnostics_page_refresh (VitrineDiagnosticsPage *self)
{
  g_return_if_fail (VITRINE_IS_DIAGNOSTICS_PAGE (self));

  update_reason (self);
  update_workers (self);
  update_tempo (self);
}

static void
vitrine_diagnostics_page_dispose (GObject *object)
{
  VitrineDiagnosticsPage *self = VITRINE_DIAGNOSTICS_PAGE (object);

  if (self->supervisor != NULL)
    g_clear_signal_handler (&self->state_changed_id, self->supervisor);
  g_clear_object (&self->supervisor);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, update_reason, self);
  g_clear_object (&self->session);
  g_clear_handle_id (&self->tempo_id, g_source_remove);
  if (self->visualizer != NULL)
    vitrine_visualizer_declare (self->visualizer, "diagnostics", NULL);
  g_clear_object (&self->visualizer);
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
  gtk_widget_class_bind_template_child (widget_class, VitrineDiagnosticsPage, tempo);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vitrine_diagnostics_page_init (VitrineDiagnosticsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
