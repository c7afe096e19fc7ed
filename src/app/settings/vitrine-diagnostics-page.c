/* vitrine-diagnostics-page.c: what the session runs on (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "vitrine-beat-plot.h"
#include "vitrine-diagnostics-page.h"
#include "vitrine-plot.h"
#include "vitrine-settings-rows.h"

/* The roles whose latency and queue are plotted, in the series' order. */
static const VitrineWorkerRoleId plotted_roles[] = {
  VITRINE_WORKER_ROLE_IMAGE, VITRINE_WORKER_ROLE_TRANSITION, VITRINE_WORKER_ROLE_FEED,
};

enum {
  PLOT_FRAMES,
  PLOT_LATENCY,
  PLOT_QUEUES,
  PLOT_RESTARTS,
  N_PLOTS
};

struct _VitrineDiagnosticsPage
{
  AdwPreferencesPage  parent_instance;

  GtkLabel           *renderer;
  GtkLabel           *renderer_reason;
  GtkLabel           *tempo;
  AdwPreferencesGroup *music_group;
  GtkLabel           *tempo_map;
  VitrineBeatPlot    *beat_plot;
  AdwPreferencesGroup *workers_group;
  AdwPreferencesGroup *plots_group;
  AdwPreferencesGroup *quarantine_group;

  GtkWidget          *worker_rows[VITRINE_WORKER_N_ROLES];
  GPtrArray          *quarantine_rows;
  GtkLabel           *plot_values[N_PLOTS];
  VitrinePlot        *plots[N_PLOTS];

  VitrineSupervisor  *supervisor;
  gulong              state_changed_id;
  VitrineRendererSession *session;   /* the renderer rows follow its notify signals */
  GCancellable       *cancellable;

  VitrineStatusFunc   status_func;
  gpointer            status_data;
  guint               sample_id;

  VitrineVisualizer *visualizer;     /* the music row, while the page is shown */
  guint              tempo_id;
};

/* Twice a second while shown, the only row that looks: beats live in shared memory. */
#define TEMPO_PERIOD_MS 500

G_DEFINE_FINAL_TYPE (VitrineDiagnosticsPage, vitrine_diagnostics_page, ADW_TYPE_PREFERENCES_PAGE)

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

static const char *
role_title (VitrineWorkerRoleId role)
{
  switch (role)
    {
    case VITRINE_WORKER_ROLE_IMAGE:
      return _("Images");
    case VITRINE_WORKER_ROLE_AUDIO:
      return _("Audio");
    case VITRINE_WORKER_ROLE_FEED:
      return _("Feeds");
    case VITRINE_WORKER_ROLE_TRANSITION:
    case VITRINE_WORKER_N_ROLES:
    default:
      return _("Transitions");
    }
}

/* A row per worker role: its state, restarts and, once running, its sandbox. */
static void
update_workers (VitrineDiagnosticsPage *self)
{
  for (guint i = 0; self->supervisor != NULL && i < VITRINE_WORKER_N_ROLES; i++)
    {
      guint restarts = vitrine_supervisor_get_restarts (self->supervisor, i);
      g_autofree char *summary = sandbox_summary (self->supervisor, i);
      g_autoptr(GString) line = g_string_new (NULL);

      /* Translators: a worker's state (e.g. "ready", "failed") and how often it was restarted */
      g_string_append_printf (line, ngettext ("%s, %u restart", "%s, %u restarts", restarts),
                              vitrine_worker_state_to_string (vitrine_supervisor_get_state (self->supervisor, i)),
                              restarts);
      if (summary != NULL)
        /* Translators: the layers of a worker's sandbox, e.g. "seccomp, Landlock 7" */
        g_string_append_printf (line, _("; sandbox: %s"), summary);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->worker_rows[i]), line->str);
    }
}

static void update_quarantine (VitrineDiagnosticsPage *self);

static void
forget_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VitrineDiagnosticsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  vitrine_supervisor_forget_quarantined_finish (VITRINE_SUPERVISOR (object), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not forget a quarantined input: %s", error->message);
  if (!g_cancellable_is_cancelled (self->cancellable))
    update_quarantine (self);
}

static void
forget_clicked_cb (GtkButton              *button,
                   VitrineDiagnosticsPage *self)
{
  const char *input = g_object_get_data (G_OBJECT (button), "input");
  const char *inputs[] = { input, NULL };
  guint role = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "role"));

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  vitrine_supervisor_forget_quarantined_async (self->supervisor, role, input != NULL ? inputs : NULL,
                                               self->cancellable, forget_done_cb, g_object_ref (self));
}

static GtkWidget *
quarantine_row (VitrineDiagnosticsPage *self,
                guint                   role,
                const char             *input,
                const char             *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *forget = gtk_button_new_with_mnemonic (_("_Forget"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), role_title (role));
  gtk_widget_set_valign (forget, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (forget, _("Try it again"));
  g_object_set_data_full (G_OBJECT (forget), "input", g_strdup (input), g_free);
  g_object_set_data (G_OBJECT (forget), "role", GUINT_TO_POINTER (role));
  g_signal_connect (forget, "clicked", G_CALLBACK (forget_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), forget);
  gtk_widget_set_name (row, input != NULL ? input : "forget-all");
  return row;
}

/* A row per quarantined input with Forget; one "and N more" row per role past its page. */
static void
update_quarantine (VitrineDiagnosticsPage *self)
{
  for (guint i = 0; i < self->quarantine_rows->len; i++)
    adw_preferences_group_remove (self->quarantine_group, self->quarantine_rows->pdata[i]);
  g_ptr_array_set_size (self->quarantine_rows, 0);

  for (guint role = 0; self->supervisor != NULL && role < VITRINE_WORKER_N_ROLES; role++)
    {
      guint total = 0;
      const char * const *inputs = vitrine_supervisor_get_quarantined (self->supervisor, role, &total);
      guint shown = inputs != NULL ? g_strv_length ((char **) inputs) : 0;

      for (guint i = 0; i < shown; i++)
        g_ptr_array_add (self->quarantine_rows, quarantine_row (self, role, inputs[i], inputs[i]));
      if (total > shown)
        {
          /* Translators: more quarantined inputs than listed; the button forgets them all */
          g_autofree char *more = g_strdup_printf (ngettext ("%u more", "%u more", total - shown), total - shown);

          g_ptr_array_add (self->quarantine_rows, quarantine_row (self, role, NULL, more));
        }
    }
  if (self->quarantine_rows->len == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none), _("None"));
      gtk_widget_set_name (none, "quarantine-none");
      g_ptr_array_add (self->quarantine_rows, none);
    }
  for (guint i = 0; i < self->quarantine_rows->len; i++)
    adw_preferences_group_add (self->quarantine_group, self->quarantine_rows->pdata[i]);
}

/* The rows show nothing that changes without a state change (restarts change together
 * with one, a Hello brings the quarantine), so the signal alone keeps them current,
 * shown or not: no polling. */
static void
worker_state_changed_cb (VitrineDiagnosticsPage *self,
                         guint                   role,
                         VitrineWorkerState      state,
                         VitrineSupervisor      *supervisor)
{
  update_workers (self);
  update_quarantine (self);
}

/* A number at @path ("slideshow.displays.0.compositor.frame_interval_ms.p50") of @node; 0 when
 * missing or not a number. */
static double
json_number (JsonNode   *node,
             const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; node != NULL && parts[i] != NULL; i++)
    {
      guint64 index;

      if (JSON_NODE_HOLDS_OBJECT (node))
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      else if (JSON_NODE_HOLDS_ARRAY (node) && g_ascii_string_to_unsigned (parts[i], 10, 0, G_MAXUINT, &index, NULL) &&
               index < json_array_get_length (json_node_get_array (node)))
        node = json_array_get_element (json_node_get_array (node), (guint) index);
      else
        node = NULL;
    }
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return (double) json_node_get_int (node);
    case G_TYPE_DOUBLE:
      return json_node_get_double (node);
    default:
      return 0;
    }
}

static void
push_role_series (VitrineDiagnosticsPage *self,
                  guint                   plot,
                  JsonNode               *root,
                  const char             *member)
{
  g_autoptr(GString) values = g_string_new (NULL);

  for (guint s = 0; s < G_N_ELEMENTS (plotted_roles); s++)
    {
      g_autofree char *path = g_strdup_printf ("workers.%u.%s", plotted_roles[s], member);
      double value = json_number (root, path);

      if (g_str_equal (member, "queue"))
        {
          g_autofree char *in_flight = g_strdup_printf ("workers.%u.in_flight", plotted_roles[s]);

          value += json_number (root, in_flight);
        }
      vitrine_plot_push (self->plots[plot], s, value);
      g_string_append_printf (values, "%s%s %.*f", s > 0 ? " · " : "", role_title (plotted_roles[s]),
                              plot == PLOT_LATENCY ? 1 : 0, value);
    }
  gtk_label_set_label (self->plot_values[plot], values->str);
}

/* One sample a second for each plot, from the --status JSON. */
void
vitrine_diagnostics_page_sample (VitrineDiagnosticsPage *self)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *frames = NULL;
  g_autofree char *restarts_text = NULL;
  double p50, p99, restarts = 0;

  g_return_if_fail (VITRINE_IS_DIAGNOSTICS_PAGE (self));

  if (self->status_func == NULL || (json = self->status_func (self->status_data)) == NULL)
    return;
  root = json_from_string (json, NULL);
  if (root == NULL)
    return;

  p50 = json_number (root, "slideshow.displays.0.compositor.frame_interval_ms.p50");
  p99 = json_number (root, "slideshow.displays.0.compositor.frame_interval_ms.p99");
  vitrine_plot_push (self->plots[PLOT_FRAMES], 0, p50);
  vitrine_plot_push (self->plots[PLOT_FRAMES], 1, p99);
  /* Translators: frame intervals in milliseconds: the median and the 99th percentile */
  frames = g_strdup_printf (_("p50 %.1f ms · p99 %.1f ms"), p50, p99);
  gtk_label_set_label (self->plot_values[PLOT_FRAMES], frames);

  push_role_series (self, PLOT_LATENCY, root, "latency_ms.p99");
  push_role_series (self, PLOT_QUEUES, root, "queue");

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      g_autofree char *path = g_strdup_printf ("workers.%u.restarts", i);

      restarts += json_number (root, path);
    }
  vitrine_plot_push (self->plots[PLOT_RESTARTS], 0, restarts);
  /* Translators: restarts of all workers since the display started */
  restarts_text = g_strdup_printf (ngettext ("%.0f in all", "%.0f in all", (gulong) restarts), restarts);
  gtk_label_set_label (self->plot_values[PLOT_RESTARTS], restarts_text);
}

static gboolean
sample_cb (gpointer user_data)
{
  vitrine_diagnostics_page_sample (user_data);
  return G_SOURCE_CONTINUE;
}


static void
add_plots (VitrineDiagnosticsPage *self)
{
  static const struct {
    const char *name;
    const char *title;
    guint       n_series;
    double      floor;
  } specs[N_PLOTS] = {
    { "frames", N_("Frame interval"), 2, 20 },
    { "latency", N_("Worker latency, p99 (ms)"), 3, 10 },
    { "queues", N_("Queued requests"), 3, 4 },
    { "restarts", N_("Worker restarts"), 1, 4 },
  };

  for (guint i = 0; i < N_PLOTS; i++)
    {
      GtkWidget *row = adw_preferences_row_new ();
      GtkWidget *plot = vitrine_plot_new (specs[i].n_series, specs[i].floor);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      GtkWidget *title = gtk_label_new (_(specs[i].title));
      GtkWidget *values = gtk_label_new ("—");

      /* A row of the group's list, not activatable: the title, the latest figures, the plot. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(specs[i].title));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 10);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_label_set_xalign (GTK_LABEL (values), 0);
      gtk_label_set_wrap (GTK_LABEL (values), TRUE);
      gtk_widget_add_css_class (values, "dim-label");
      gtk_widget_add_css_class (values, "caption");
      gtk_widget_set_name (plot, specs[i].name);
      gtk_widget_set_margin_top (plot, 4);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (plot), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, values, NULL, -1);
      gtk_box_append (GTK_BOX (box), title);
      gtk_box_append (GTK_BOX (box), values);
      gtk_box_append (GTK_BOX (box), plot);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      self->plot_values[i] = GTK_LABEL (values);
      self->plots[i] = VITRINE_PLOT (plot);
      adw_preferences_group_add (self->plots_group, row);
    }
}

/* A plot by name (frames, latency, queues, restarts), for tests. */
GtkWidget *
vitrine_diagnostics_page_get_plot (VitrineDiagnosticsPage *self,
                                   const char             *name)
{
  g_return_val_if_fail (VITRINE_IS_DIAGNOSTICS_PAGE (self), NULL);

  for (guint i = 0; i < N_PLOTS; i++)
    if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (self->plots[i])), name))
      return GTK_WIDGET (self->plots[i]);
  return NULL;
}

/* Where the plots and "Copy Report" get the --status JSON; without, they stay empty. */
void
vitrine_diagnostics_page_set_status_func (VitrineDiagnosticsPage *self,
                                          VitrineStatusFunc       func,
                                          gpointer                user_data)
{
  g_return_if_fail (VITRINE_IS_DIAGNOSTICS_PAGE (self));

  self->status_func = func;
  self->status_data = user_data;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagnostics.copy-report", func != NULL);
}

static void
copy_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VitrineDiagnosticsPage *self = VITRINE_DIAGNOSTICS_PAGE (widget);
  g_autofree char *json = self->status_func != NULL ? self->status_func (self->status_data) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (json == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), json);
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (_("Report copied")));
}

/* @workers (nullable) gives the Advanced group of the workers' settings. */
/* The tempo map as text and the last bars on the beat grid, or the empty state. */
static void
update_beat_plot (VitrineDiagnosticsPage *self)
{
  VitrineBeatPlotData *data;
  g_autofree char *map = NULL;
  double track_start = 0;

  if (self->beat_plot == NULL)
    return;
  data = gtk_widget_get_mapped (GTK_WIDGET (self)) ? vitrine_beat_plot_read (self->visualizer, &track_start) : NULL;
  map = vitrine_beat_plot_describe_map (data, track_start);
  gtk_label_set_label (self->tempo_map, map);
  vitrine_beat_plot_set_data (self->beat_plot, data);
}

/* The Music group's second row: the tempo map's segments over the beat plot. */
static void
add_beat_row (VitrineDiagnosticsPage *self)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (_("Tempo map and the last 4 bars"));
  GtkWidget *map = gtk_label_new (NULL);
  GtkWidget *plot = vitrine_beat_plot_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Tempo map and the last 4 bars"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (map), 0);
  gtk_label_set_wrap (GTK_LABEL (map), TRUE);
  gtk_label_set_selectable (GTK_LABEL (map), TRUE);
  gtk_widget_add_css_class (map, "dim-label");
  gtk_widget_add_css_class (map, "caption");
  gtk_widget_set_name (plot, "beats");
  gtk_widget_set_margin_top (plot, 4);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (plot), GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, map, NULL, -1);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), map);
  gtk_box_append (GTK_BOX (box), plot);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  self->tempo_map = GTK_LABEL (map);
  self->beat_plot = VITRINE_BEAT_PLOT (plot);
  adw_preferences_group_add (self->music_group, row);
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
  update_beat_plot (self);
}

static gboolean
tempo_cb (gpointer user_data)
{
  update_tempo (user_data);
  return G_SOURCE_CONTINUE;
}

/* The plots and the music row look only while the page is on screen, and the worker
 * computes the page's features only then. */
static void
vitrine_diagnostics_page_map (GtkWidget *widget)
{
  VitrineDiagnosticsPage *self = VITRINE_DIAGNOSTICS_PAGE (widget);

  GTK_WIDGET_CLASS (vitrine_diagnostics_page_parent_class)->map (widget);
  if (self->sample_id == 0)
    {
      vitrine_diagnostics_page_sample (self);
      self->sample_id = g_timeout_add_seconds (1, sample_cb, self);
    }
  if (self->visualizer != NULL)
    vitrine_visualizer_declare (self->visualizer, "diagnostics", "rms,onset,beat");
  update_tempo (self);
  if (self->tempo_id == 0)
    self->tempo_id = g_timeout_add (TEMPO_PERIOD_MS, tempo_cb, self);
}

static void
vitrine_diagnostics_page_unmap (GtkWidget *widget)
{
  VitrineDiagnosticsPage *self = VITRINE_DIAGNOSTICS_PAGE (widget);

  g_clear_handle_id (&self->sample_id, g_source_remove);
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

  if (g_set_object (&self->visualizer, visualizer) && visualizer != NULL &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    vitrine_visualizer_declare (visualizer, "diagnostics", "rms,onset,beat");
  update_tempo (self);
}

/* The music row as shown, for tests. */
const char *
vitrine_diagnostics_page_get_tempo (VitrineDiagnosticsPage *self)
{
  g_return_val_if_fail (VITRINE_IS_DIAGNOSTICS_PAGE (self), NULL);

  return gtk_label_get_label (self->tempo);
}

/* The tempo map as shown, for tests. */
const char *
vitrine_diagnostics_page_get_tempo_map (VitrineDiagnosticsPage *self)
{
  g_return_val_if_fail (VITRINE_IS_DIAGNOSTICS_PAGE (self), NULL);

  return gtk_label_get_label (self->tempo_map);
}

GtkWidget *
vitrine_diagnostics_page_new (VitrineSupervisor      *supervisor,
                              VitrineRendererSession *session,
                              GSettings              *workers)
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

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      g_autofree char *name = g_strdup_printf ("worker-%s", vitrine_worker_role_to_string (i));

      self->worker_rows[i] = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->worker_rows[i]), role_title (i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->worker_rows[i]), FALSE);
      gtk_widget_set_name (self->worker_rows[i], name);
      gtk_widget_set_visible (self->worker_rows[i], supervisor != NULL);
      adw_preferences_group_add (self->workers_group, self->worker_rows[i]);
    }
  if (supervisor != NULL)
    self->state_changed_id = g_signal_connect_swapped (supervisor, "state-changed",
                                                       G_CALLBACK (worker_state_changed_cb), self);
  update_workers (self);
  update_quarantine (self);
  add_plots (self);
  add_beat_row (self);
  if (workers != NULL)
    vitrine_settings_page_add_advanced (ADW_PREFERENCES_PAGE (self), workers, NULL, 0, NULL);
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
  update_quarantine (self);
  update_tempo (self);
}

static void
vitrine_diagnostics_page_dispose (GObject *object)
{
  VitrineDiagnosticsPage *self = VITRINE_DIAGNOSTICS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->sample_id, g_source_remove);
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
vitrine_diagnostics_page_finalize (GObject *object)
{
  VitrineDiagnosticsPage *self = VITRINE_DIAGNOSTICS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->quarantine_rows);

  G_OBJECT_CLASS (vitrine_diagnostics_page_parent_class)->finalize (object);
}

static void
vitrine_diagnostics_page_class_init (VitrineDiagnosticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_diagnostics_page_dispose;
  object_class->finalize = vitrine_diagnostics_page_finalize;
  widget_class->map = vitrine_diagnostics_page_map;
  widget_class->unmap = vitrine_diagnostics_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/vitrine-diagnostics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitrineDiagnosticsPage, renderer);
  gtk_widget_class_bind_template_child (widget_class, VitrineDiagnosticsPage, renderer_reason);
  gtk_widget_class_bind_template_child (widget_class, VitrineDiagnosticsPage, tempo);
  gtk_widget_class_bind_template_child (widget_class, VitrineDiagnosticsPage, music_group);
  gtk_widget_class_bind_template_child (widget_class, VitrineDiagnosticsPage, workers_group);
  gtk_widget_class_bind_template_child (widget_class, VitrineDiagnosticsPage, plots_group);
  gtk_widget_class_bind_template_child (widget_class, VitrineDiagnosticsPage, quarantine_group);
  gtk_widget_class_install_action (widget_class, "diagnostics.copy-report", NULL, copy_report_action);
}

static void
vitrine_diagnostics_page_init (VitrineDiagnosticsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->quarantine_rows = g_ptr_array_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "diagnostics.copy-report", FALSE);
}
