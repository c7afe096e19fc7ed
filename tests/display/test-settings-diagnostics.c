/* test-settings-diagnostics.c: the Diagnostics page follows the renderer session and the
 * supervisor without polling; its plots sample the --status JSON; quarantine and the
 * Advanced group of the workers' settings.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <fcntl.h>
#include <gio/gunixfdlist.h>
#include <math.h>

#include "vitrine-beat-plot.h"
#include "vitrine-diagnostics-page.h"
#include "vitrine-memfd.h"
#include "vitrine-plot.h"
#include "vitrine-renderer-session.h"
#include "vitrine-test-util.h"
#include "vitrine-visualizer-private.h"

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Diagnostics shows where the session's renderer is and why, and each worker. */
static void
test_diagnostics (void)
{
  g_autoptr(GSettings) workers = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = vitrine_supervisor_new ("/nonexistent/vitrine-worker", workers);
  g_autoptr(VitrineRendererSession) session = vitrine_renderer_session_new (VITRINE_RENDERER_AUTO);
  g_autoptr(GtkWidget) page = NULL;
  VitrineDiagnosticsPage *diagnostics;
  GtkWidget *workers_label;

  page = g_object_ref_sink (vitrine_diagnostics_page_new (supervisor, session, NULL));
  diagnostics = VITRINE_DIAGNOSTICS_PAGE (page);
  g_assert_nonnull (strstr (vitrine_diagnostics_page_get_renderer (diagnostics), "group A"));

  vitrine_renderer_session_start (session, VITRINE_RENDERER_SOFTWARE);
  vitrine_diagnostics_page_refresh (diagnostics);
  g_assert_nonnull (strstr (vitrine_diagnostics_page_get_renderer (diagnostics), "group C"));
  g_assert_nonnull (find_label_containing (page, "“software” requested"));

  vitrine_renderer_session_start (session, VITRINE_RENDERER_GL);
  vitrine_diagnostics_page_refresh (diagnostics);
  g_assert_nonnull (strstr (vitrine_diagnostics_page_get_renderer (diagnostics), "group B"));

  /* A row per worker role. */
  workers_label = find_named (page, "worker-transition");
  g_assert_true (ADW_IS_ACTION_ROW (workers_label));
  g_assert_nonnull (find_named (page, "worker-image"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (workers_label)), ==, "stopped, 0 restarts");
}

static void
count_notifications (guint *count)
{
  (*count)++;
}

/*
 * A demotion reaches the page at once, through the session's notify signals: no refresh,
 * no timer, not even a main loop iteration. It never moves the session up, and says once
 * what failed.
 */
static void
test_diagnostics_follows_session (void)
{
  g_autoptr(VitrineRendererSession) session = vitrine_renderer_session_new (VITRINE_RENDERER_AUTO);
  g_autoptr(GtkWidget) page = g_object_ref_sink (vitrine_diagnostics_page_new (NULL, session, NULL));
  VitrineDiagnosticsPage *diagnostics = VITRINE_DIAGNOSTICS_PAGE (page);
  GtkWidget *reason;
  guint notified = 0;

  g_signal_connect_swapped (session, "notify::group", G_CALLBACK (count_notifications), &notified);
  g_assert_nonnull (strstr (vitrine_diagnostics_page_get_renderer (diagnostics), "group A"));
  g_assert_null (find_label_containing (page, "Fell back"));

  g_test_expect_message ("Vitrine", G_LOG_LEVEL_WARNING, "*only Crossfade, Slide and Wipe*shader broke*");
  g_assert_true (vitrine_renderer_session_demote (session, VITRINE_RENDERER_GROUP_B, "shader broke"));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (notified, ==, 1);
  g_assert_nonnull (strstr (vitrine_diagnostics_page_get_renderer (diagnostics), "group B"));
  reason = find_label_containing (page, "Fell back for this session: shader broke");
  g_assert_nonnull (reason);
  g_assert_true (gtk_widget_get_visible (reason));

  /* Not up, and not to where it already is: no notification, no second log line. */
  g_assert_false (vitrine_renderer_session_demote (session, VITRINE_RENDERER_GROUP_A, "up"));
  g_assert_false (vitrine_renderer_session_demote (session, VITRINE_RENDERER_GROUP_B, "again"));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_nonnull (find_label_containing (page, "shader broke"));

  g_test_expect_message ("Vitrine", G_LOG_LEVEL_WARNING, "*software drawing without GL*context was lost*");
  g_assert_true (vitrine_renderer_session_demote (session, VITRINE_RENDERER_GROUP_C, "the GL context was lost"));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (notified, ==, 2);
  g_assert_nonnull (strstr (vitrine_diagnostics_page_get_renderer (diagnostics), "group C"));
  g_assert_nonnull (find_label_containing (page, "Fell back for this session: the GL context was lost"));
  g_assert_cmpint (vitrine_renderer_session_get_group (session), ==, VITRINE_RENDERER_GROUP_C);
  g_assert_true (vitrine_renderer_session_get_demoted (session));
}

/* The worker rows follow the supervisor's ::state-changed: no refresh call, no timer
 * (the page is never mapped here). A worker that cannot be spawned waits to restart. */
static gboolean
label_says (GtkWidget  *row,
            const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), text) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static void
test_diagnostics_workers_live (void)
{
  g_autoptr(GSettings) workers = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = vitrine_supervisor_new ("/nonexistent/vitrine-worker", workers);
  g_autoptr(VitrineRendererSession) session = vitrine_renderer_session_new (VITRINE_RENDERER_AUTO);
  g_autoptr(GtkWidget) page = g_object_ref_sink (vitrine_diagnostics_page_new (supervisor, session, NULL));
  GtkWidget *label = find_named (page, "worker-image");

  g_assert_nonnull (label);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (label)), ==, "stopped, 0 restarts");

  vitrine_supervisor_start (supervisor);
  g_assert_true (label_says (label, "backoff, 1 restart"));

  vitrine_supervisor_shutdown (supervisor);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (label)), ==, "stopped, 1 restart");
}

/* A running worker's row names the layers of its sandbox, as its Hello reported them. */
static void
test_diagnostics_workers_sandbox (void)
{
  g_autoptr(GSettings) workers = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), workers);
  g_autoptr(VitrineRendererSession) session = vitrine_renderer_session_new (VITRINE_RENDERER_AUTO);
  g_autoptr(GtkWidget) page = g_object_ref_sink (vitrine_diagnostics_page_new (supervisor, session, NULL));
  GtkWidget *label = find_named (page, "worker-image");
  /* Workers keep their poison lists under XDG_STATE_HOME: somewhere writable. */
  g_autofree char *state = g_dir_make_tmp ("vitrine-state-XXXXXX", NULL);
  g_autofree char *old_state = g_strdup (g_getenv ("XDG_STATE_HOME"));

  g_assert_nonnull (label);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  vitrine_supervisor_start (supervisor);
  if (old_state != NULL)
    g_setenv ("XDG_STATE_HOME", old_state, TRUE);
  else
    g_unsetenv ("XDG_STATE_HOME");
  g_assert_true (label_says (label, "running, 0 restarts; sandbox: seccomp"));
  g_test_message ("%s", adw_action_row_get_subtitle (ADW_ACTION_ROW (label)));

  vitrine_supervisor_shutdown (supervisor);
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (label)), "sandbox"));
  vt_remove_tree (state);
}

/* The plots take one sample per call from the --status JSON; missing figures are 0. */
static char *
canned_status (gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
  return g_strdup_printf ("{\"slideshow\": {\"displays\": [{\"compositor\": {\"frame_interval_ms\": "
                          "{\"p50\": 16.7, \"p99\": %u.5}}}]}, \"workers\": ["
                          "{\"role\": \"image\", \"restarts\": 2, \"queue\": 3, \"in_flight\": 1,"
                          " \"latency_ms\": {\"p99\": 12.25}},"
                          "{\"role\": \"audio\", \"restarts\": 1}]}", 20 + *calls);
}

static void
test_diagnostics_plots (void)
{
  g_autoptr(VitrineRendererSession) session = vitrine_renderer_session_new (VITRINE_RENDERER_AUTO);
  g_autoptr(GtkWidget) page = g_object_ref_sink (vitrine_diagnostics_page_new (NULL, session, NULL));
  VitrineDiagnosticsPage *diagnostics = VITRINE_DIAGNOSTICS_PAGE (page);
  VitrinePlot *frames = VITRINE_PLOT (vitrine_diagnostics_page_get_plot (diagnostics, "frames"));
  VitrinePlot *latency = VITRINE_PLOT (vitrine_diagnostics_page_get_plot (diagnostics, "latency"));
  VitrinePlot *queues = VITRINE_PLOT (vitrine_diagnostics_page_get_plot (diagnostics, "queues"));
  VitrinePlot *restarts = VITRINE_PLOT (vitrine_diagnostics_page_get_plot (diagnostics, "restarts"));
  guint calls = 0;

  /* Without a source of figures: nothing sampled, nothing to copy. */
  vitrine_diagnostics_page_sample (diagnostics);
  g_assert_cmpuint (vitrine_plot_get_n_samples (frames, 0), ==, 0);
  gtk_widget_activate_action (page, "diagnostics.copy-report", NULL);
  g_assert_null (gdk_clipboard_get_content (gtk_widget_get_clipboard (page)));

  vitrine_diagnostics_page_set_status_func (diagnostics, canned_status, &calls);
  for (guint i = 0; i < 3; i++)
    vitrine_diagnostics_page_sample (diagnostics);
  g_assert_cmpuint (calls, ==, 3);
  g_assert_cmpuint (vitrine_plot_get_n_samples (frames, 1), ==, 3);
  g_assert_cmpfloat (vitrine_plot_get_last (frames, 0), ==, 16.7);
  g_assert_cmpfloat (vitrine_plot_get_last (frames, 1), ==, 23.5);
  g_assert_cmpfloat (vitrine_plot_get_last (latency, 0), ==, 12.25);
  g_assert_cmpfloat (vitrine_plot_get_last (latency, 2), ==, 0);
  g_assert_cmpfloat (vitrine_plot_get_last (queues, 0), ==, 4);
  g_assert_cmpfloat (vitrine_plot_get_last (restarts, 0), ==, 3);
  g_assert_nonnull (find_label_containing (page, "p50 16.7 ms · p99 23.5 ms"));

  /* A minute of samples at most. */
  for (guint i = 0; i < VITRINE_PLOT_SAMPLES + 5; i++)
    vitrine_plot_push (restarts, 0, i);
  g_assert_cmpuint (vitrine_plot_get_n_samples (restarts, 0), ==, VITRINE_PLOT_SAMPLES);
  g_assert_cmpfloat (vitrine_plot_get_last (restarts, 0), ==, VITRINE_PLOT_SAMPLES + 4);
}

/* Copy Report puts the --status JSON on the clipboard. */
static void
test_diagnostics_copy_report (void)
{
  g_autoptr(VitrineRendererSession) session = vitrine_renderer_session_new (VITRINE_RENDERER_AUTO);
  g_autoptr(GtkWidget) page = g_object_ref_sink (vitrine_diagnostics_page_new (NULL, session, NULL));
  GdkClipboard *clipboard = gtk_widget_get_clipboard (page);
  GValue text = G_VALUE_INIT;
  guint calls = 0;

  vitrine_diagnostics_page_set_status_func (VITRINE_DIAGNOSTICS_PAGE (page), canned_status, &calls);
  g_assert_true (gtk_widget_activate_action (page, "diagnostics.copy-report", NULL));
  g_assert_true (gdk_clipboard_is_local (clipboard));
  g_value_init (&text, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (gdk_clipboard_get_content (clipboard), &text, NULL));
  g_assert_nonnull (strstr (g_value_get_string (&text), "\"frame_interval_ms\""));
  g_value_unset (&text);
}

static void
ignore_reply_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GVariant) reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, NULL, NULL);
}

static gboolean
wait_for_row (GtkWidget  *page,
              const char *name,
              gboolean    present)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while ((find_named (page, name) != NULL) != present)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/* An input that crashed the real image worker is listed with Forget; Forget clears it. */
static void
test_diagnostics_forget (void)
{
  g_autoptr(GSettings) workers = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), workers);
  g_autoptr(VitrineRendererSession) session = vitrine_renderer_session_new (VITRINE_RENDERER_AUTO);
  g_autoptr(GtkWidget) page = g_object_ref_sink (vitrine_diagnostics_page_new (supervisor, session, NULL));
  g_autofree char *state = g_dir_make_tmp ("vitrine-state-XXXXXX", NULL);
  GtkWidget *row, *forget;

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  vitrine_supervisor_set_fault (supervisor, VITRINE_WORKER_ROLE_IMAGE, "crash=/photos/bad.jpg");
  vitrine_supervisor_start (supervisor);
  g_assert_true (wait_for_row (page, "quarantine-none", TRUE));
  vitrine_supervisor_request_async (supervisor, VITRINE_WORKER_ROLE_IMAGE,
                                    g_variant_new_parsed ("{'kind': <'echo'>, 'input': <'/photos/bad.jpg'>}"),
                                    NULL, ignore_reply_cb, NULL);
  g_assert_true (wait_for_row (page, "/photos/bad.jpg", TRUE));
  g_assert_null (find_named (page, "quarantine-none"));

  row = find_named (page, "/photos/bad.jpg");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Images");
  forget = find_button (row);
  g_assert_nonnull (forget);
  g_signal_emit_by_name (forget, "clicked");
  g_assert_true (wait_for_row (page, "/photos/bad.jpg", FALSE));
  g_assert_nonnull (find_named (page, "quarantine-none"));

  vitrine_supervisor_shutdown (supervisor);
  vt_remove_tree (state);
}

/* No quarantine: one "None" row; the workers' settings in the Advanced group. */
static void
test_diagnostics_quarantine_and_advanced (void)
{
  g_autoptr(GSettings) workers = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = vitrine_supervisor_new ("/nonexistent/vitrine-worker", workers);
  g_autoptr(VitrineRendererSession) session = vitrine_renderer_session_new (VITRINE_RENDERER_AUTO);
  g_autoptr(GtkWidget) page = g_object_ref_sink (vitrine_diagnostics_page_new (supervisor, session, workers));
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  GtkWidget *spin;

  g_assert_nonnull (find_named (page, "quarantine-none"));
  g_object_get (workers, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_nonnull (find_named (page, keys[i]));
  spin = find_named (page, "restart-limit");
  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 9);
  g_assert_cmpuint (g_settings_get_uint (workers, "restart-limit"), ==, 9);
  g_settings_reset (workers, "restart-limit");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 5);
}

/* Frame @index's onset strength: a hit on every beat (every 50 frames, the downbeats
 * stronger), a softer one between, decaying. */
static float
canned_onset (guint64 index)
{
  double since = (double) (index % 50), off = (double) ((index + 25) % 50);

  return (float) ((index % 200 == 100 ? 6.0 : 3.0) * exp (-since / 4) + 1.2 * exp (-off / 4) + 0.2);
}

/* Its RMS: a swell over eight seconds, a bump after each beat. */
static float
canned_rms (guint64 index)
{
  return (float) (0.2 + 0.05 * sin (2 * G_PI * index / 800.0) + 0.06 * exp (-(double) (index % 50) / 12));
}

/* The view's linear interpolation at @t, worked out here from the frames around it. */
static double
canned_at (float  (*value) (guint64),
           double t)
{
  double u = t * 100;
  guint64 i = (guint64) floor (u + 1e-9);
  double f = MAX (u - i, 0);

  return f < 1e-9 ? value (i) : value (i) + f * ((double) value (i + 1) - value (i));
}

/*
 * A feature ring as the audio worker shares it, handed to @visualizer as its reply would
 * be: 10 ms frames from 8 s to 29.7 s (stream time, 29.7 s being now), beats at 120 BPM
 * from 12 s, the latest downbeat at 29 s,
 * the track started at 2 s.
 */
static VitrineMemfdWriter *
canned_ring (VitrineVisualizer *visualizer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUnixFDList) fds = g_unix_fd_list_new ();
  g_autoptr(GVariant) reply = NULL;
  VitrineMemfdWriter *writer = vitrine_memfd_writer_new ("features", vitrine_feature_ring_size (4096), &error);
  VitrineFeatureRing *ring;
  VitrineFeatureState state = {
    .mask = 0, .track = 7, .track_start = 2.0, .bpm = 120, .confidence = 0.9, .next_beat = 30.0,
    .last_beat = 29.5, .last_downbeat = 29.0, .beat_period = 0.5,
  };

  g_assert_no_error (error);
  ring = (VitrineFeatureRing *) (void *) vitrine_memfd_writer_data (writer);
  vitrine_feature_ring_init (ring, 4096, 0.01, 48000);
  for (guint64 index = 800; index <= 2970; index++)
    {
      VitrineFeatureRingFrame frame = { .index = index, .time = index / 100.0, .track = 7 };

      frame.values[VITRINE_FEATURE_VALUE_ONSET] = canned_onset (index);
      frame.values[VITRINE_FEATURE_VALUE_RMS] = canned_rms (index);
      if (index >= 1200 && index % 50 == 0)
        {
          frame.flags = VITRINE_FEATURE_FRAME_BEAT | (index % 200 == 100 ? VITRINE_FEATURE_FRAME_DOWNBEAT : 0);
          frame.beat_time = frame.time;
          frame.beat_confidence = 0.9f;
          frame.bpm = 120;
        }
      vitrine_feature_ring_publish (ring, &frame);
    }
  state.clock_offset = g_get_monotonic_time () / 1e6 - 29.7;
  state.stats[VITRINE_FEATURE_VALUE_RMS].mean = 0.25;
  state.stats[VITRINE_FEATURE_VALUE_ONSET].mean = 1.5;
  vitrine_feature_ring_set_state (ring, &state);
  g_assert_true (vitrine_memfd_writer_seal (writer, F_SEAL_SHRINK | F_SEAL_GROW, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_unix_fd_list_append (fds, vitrine_memfd_writer_get_fd (writer), &error), ==, 0);
  reply = g_variant_ref_sink (g_variant_new_parsed ("{'features': <%i>}", 0));
  _vitrine_visualizer_map_features (visualizer, reply, fds);
  return writer;
}

/* The page drawn offscreen into @path, to look at (VITRINE_TEST_SHOT). */
static void
save_shot (GtkWidget  *window,
           const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window), gtk_widget_get_height (window));
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* A step from 120 to 90 BPM as text: the earlier segment with its span, the current one
 * with its start, both in track time; more than four, the oldest counted. */
static void
test_diagnostics_tempo_map_text (void)
{
  g_autoptr(GArray) beats = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(VitrineBeatPlotData) data = NULL;
  g_autofree float *values = g_new0 (float, 2 * 100);
  g_autofree char *text = NULL;
  VitrineSeries series = { .data = values, .n_frames = 100, .channels = 2, .hop_s = 1, .start_s = 0 };
  VitrineTempoSegment ramp = { 70, 80, 140, 120, VITRINE_TEMPO_RAMP, 16 };
  double t = 10.0;

  for (guint i = 0; i < 32; i++, t += 0.5)
    g_array_append_val (beats, t);
  t -= 0.5;
  for (guint i = 0; i < 40; i++)
    {
      t += 60.0 / 90.0;
      g_array_append_val (beats, t);
    }
  data = vitrine_beat_plot_data_new ((const double *) (void *) beats->data, beats->len, 0, &series, t);
  g_assert_nonnull (data);
  text = vitrine_beat_plot_describe_map (data, 4.0);
  /* 10 s and 25.5 s are 0:06 and 0:21 into the track; the 90 BPM beats start at 26.17 s. */
  g_assert_cmpstr (text, ==, "0:06–0:21: 120.0 BPM constant\n90.0 BPM constant since 0:22");
  g_clear_pointer (&text, g_free);

  g_array_append_val (data->segments, ramp);
  g_array_append_val (data->segments, ((VitrineTempoSegment) { 80, 90, 120, 120, VITRINE_TEMPO_CONSTANT, 20 }));
  g_array_append_val (data->segments, ((VitrineTempoSegment) { 90, 100, 120, 100, VITRINE_TEMPO_RAMP, 18 }));
  text = vitrine_beat_plot_describe_map (data, 4.0);
  g_assert_cmpstr (text, ==,
                   "1 earlier segment\n"
                   "0:22–0:48: 90.0 BPM constant\n"
                   "1:06–1:16: ramp 140.0 → 120.0 BPM\n"
                   "1:16–1:26: 120.0 BPM constant\n"
                   "ramp 120.0 → 100.0 BPM since 1:26");
}

/*
 * The Music group from a feature ring: the tempo, the tempo map as text and the last four
 * bars at quarter beats, the channels in their places, while the page is shown; without
 * a ring, the empty state.
 */
static void
test_diagnostics_beat_plot (void)
{
  g_autoptr(GSettings) workers = g_settings_new (APP_ID ".Workers");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(VitrineSupervisor) supervisor = vitrine_supervisor_new ("/nonexistent/vitrine-worker", workers);
  g_autoptr(VitrineRendererSession) session = vitrine_renderer_session_new (VITRINE_RENDERER_AUTO);
  g_autoptr(VitrineVisualizer) visualizer = vitrine_visualizer_new (supervisor, settings);
  g_autoptr(VitrineMemfdWriter) ring = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = vitrine_diagnostics_page_new (supervisor, session, NULL);
  VitrineDiagnosticsPage *diagnostics = VITRINE_DIAGNOSTICS_PAGE (page);
  const VitrineBeatPlotData *data;
  VitrineBeatPlot *plot;

  gtk_window_set_default_size (GTK_WINDOW (window), 820, 720);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  plot = VITRINE_BEAT_PLOT (find_named (page, "beats"));
  g_assert_nonnull (plot);
  /* No visualizer: nothing heard, nothing drawn, and it says so. */
  g_assert_null (vitrine_beat_plot_get_data (plot));
  g_assert_cmpstr (vitrine_diagnostics_page_get_tempo_map (diagnostics), ==, "No tempo map: no confident beat yet");

  ring = canned_ring (visualizer);
  vitrine_diagnostics_page_set_visualizer (diagnostics, visualizer);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpstr (vitrine_diagnostics_page_get_tempo (diagnostics), ==,
                   "120.0 BPM, 90% sure; loudness 0.250, onsets 1.50");
  /* Beat 0 at 12 s, 10 s into the track. */
  g_assert_cmpstr (vitrine_diagnostics_page_get_tempo_map (diagnostics), ==, "120.0 BPM constant since 0:10");
  data = vitrine_beat_plot_get_data (plot);
  g_assert_nonnull (data);
  /* 29.7 s is beat 35.4; 29 s (beat 34) a downbeat: bars 5 to 8, from beat 22 (23 s). */
  g_assert_cmpuint (data->view->spec.n_rows, ==, 4 * 4 * 4);
  g_assert_cmpfloat_with_epsilon (data->view->spec.first_beat, 22.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (data->view->first_time_s, 23.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (data->view->phase, 0.0, 1e-6);
  for (guint k = 0; k < data->view->spec.n_rows; k++)
    {
      double t = 23.0 + k * 0.125;
      const double *v = data->view->values + k * VITRINE_BEAT_PLOT_N_CHANNELS;

      g_assert_cmpfloat_with_epsilon (data->view->times_s[k], t, 1e-6);
      if (t > 29.7 + 1e-6)
        g_assert_true (isnan (v[VITRINE_BEAT_PLOT_ONSET]));
      else
        {
          g_assert_cmpfloat_with_epsilon (v[VITRINE_BEAT_PLOT_ONSET], canned_at (canned_onset, t), 1e-5);
          g_assert_cmpfloat_with_epsilon (v[VITRINE_BEAT_PLOT_RMS], canned_at (canned_rms, t), 1e-6);
        }
    }
  if (g_getenv ("VITRINE_TEST_SHOT") != NULL)
    {
      gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

      /* Laid out and drawn once before the picture is taken. */
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      save_shot (window, g_getenv ("VITRINE_TEST_SHOT"));
    }

  /* Hidden: the page stops looking. */
  gtk_widget_set_visible (window, FALSE);
  vitrine_diagnostics_page_refresh (diagnostics);
  g_assert_null (vitrine_beat_plot_get_data (plot));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The Diagnostics page: renderer, workers, plots, quarantine, report");

  if (!vt_have_display ())
    {
      g_print ("1..0 # SKIP needs a display server (run under xvfb-run)\n");
      return 0;
    }
  gtk_init ();
  adw_init ();

  g_test_add_func ("/Diagnostics/renderer-and-workers", test_diagnostics);
  g_test_add_func ("/Diagnostics/follows-session", test_diagnostics_follows_session);
  g_test_add_func ("/Diagnostics/workers-live", test_diagnostics_workers_live);
  g_test_add_func ("/Diagnostics/workers-sandbox", test_diagnostics_workers_sandbox);
  g_test_add_func ("/Diagnostics/plots", test_diagnostics_plots);
  g_test_add_func ("/Diagnostics/beat-plot", test_diagnostics_beat_plot);
  g_test_add_func ("/Diagnostics/tempo-map-text", test_diagnostics_tempo_map_text);
  g_test_add_func ("/Diagnostics/copy-report", test_diagnostics_copy_report);
  g_test_add_func ("/Diagnostics/quarantine-and-advanced", test_diagnostics_quarantine_and_advanced);
  g_test_add_func ("/Diagnostics/forget", test_diagnostics_forget);

  return g_test_run ();
}
