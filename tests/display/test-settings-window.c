/* test-settings-window.c: settings pages edit their keys live, both ways.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "vitrine-diagnostics-page.h"
#include "vitrine-renderer-session.h"
#include "vitrine-settings-page.h"
#include "vitrine-test-util.h"

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

static GtkWidget *
page_for (const char *area,
          GSettings **settings_out)
{
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *id = g_strdup_printf ("%s.%s", APP_ID, area);
  GtkWidget *page;

  id[strlen (APP_ID) + 1] = g_ascii_toupper (id[strlen (APP_ID) + 1]);
  settings = g_settings_new (id);
  page = vitrine_settings_page_new (settings);
  g_object_ref_sink (page);
  *settings_out = g_steal_pointer (&settings);

  return page;
}

static void
test_rows_for_every_key (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GtkWidget) page = page_for ("display", &settings);
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);

  /* Every display key is of a type the page can edit. */
  g_assert_cmpuint (vitrine_settings_page_get_n_rows (VITRINE_SETTINGS_PAGE (page)), ==,
                    g_strv_length (keys));
  for (guint i = 0; keys[i] != NULL; i++)
    g_assert_nonnull (find_named (page, keys[i]));
}

static void
test_switch_both_ways (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("display", &settings);
  GtkWidget *toggle = find_named (page, "keep-awake");

  g_assert_true (GTK_IS_SWITCH (toggle));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));

  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "keep-awake"));

  g_settings_set_boolean (settings, "keep-awake", TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
}

static void
test_number_range (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("display", &settings);
  GtkWidget *spin = find_named (page, "interval");
  double min_value, max_value;

  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  gtk_spin_button_get_range (GTK_SPIN_BUTTON (spin), &min_value, &max_value);
  g_assert_cmpfloat (min_value, ==, 2);
  g_assert_cmpfloat (max_value, ==, 86400);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 75);
  g_assert_cmpuint (g_settings_get_uint (settings, "interval"), ==, 75);

  /* Out-of-range input is clamped by the editor, never written. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "interval"), ==, 2);
}

static void
test_enum_dropdown (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("display", &settings);
  GtkWidget *dropdown = find_named (page, "renderer");
  GListModel *model;
  g_autofree char *current = NULL;

  g_assert_true (GTK_IS_DROP_DOWN (dropdown));
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 2), ==, "Software");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 0);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 2);
  current = g_settings_get_string (settings, "renderer");
  g_assert_cmpstr (current, ==, "software");

  g_settings_set_string (settings, "renderer", "gl");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, 1);
}

static void
test_flags_menu (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("transitions", &settings);
  GtkWidget *button = find_named (page, "pool");
  const char *three[] = { "crossfade", "slide", "wipe", NULL };
  g_auto(GStrv) pool = NULL;

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "12 of 12");

  g_settings_set_strv (settings, "pool", three);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "3 of 12");
  pool = g_settings_get_strv (settings, "pool");
  g_assert_cmpuint (g_strv_length (pool), ==, 3);
}

static void
test_string_list (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("sources", &settings);
  GtkWidget *entry = find_named (page, "folders");
  g_auto(GStrv) folders = NULL;

  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "/srv/photos ;  ; ~/Holiday 2026");
  folders = g_settings_get_strv (settings, "folders");
  g_assert_cmpuint (g_strv_length (folders), ==, 2);
  g_assert_cmpstr (folders[0], ==, "/srv/photos");
  g_assert_cmpstr (folders[1], ==, "~/Holiday 2026");
}

/*
 * The duration per transition: a check and a value per transition type, both ways; an
 * entry the editor does not know (set by hand) survives its edits.
 */
static void
test_keyed_dictionary (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("transitions", &settings);
  GtkWidget *button = find_named (page, "durations");
  GtkPopover *popover;
  GtkWidget *wipe, *particle, *wipe_spin;
  g_autoptr(GVariant) dict = NULL;
  double value = 0;

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  wipe = find_named (gtk_popover_get_child (popover), "wipe");
  particle = find_named (gtk_popover_get_child (popover), "particle");
  g_assert_true (GTK_IS_CHECK_BUTTON (wipe));
  g_assert_true (GTK_IS_CHECK_BUTTON (particle));
  wipe_spin = gtk_widget_get_next_sibling (wipe);
  g_assert_true (GTK_IS_SPIN_BUTTON (wipe_spin));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (wipe)));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "0 of 12");

  /* Settings → editor. */
  g_settings_set_value (settings, "durations", g_variant_new_parsed ("{'wipe': 3.5, 'no-such-transition': 2.0}"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (wipe)));
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (wipe_spin)), 3.5, 1e-9);
  g_assert_true (gtk_widget_get_sensitive (wipe_spin));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "1 of 12");

  /* Editor → settings: a new entry starts at the global duration; the unknown one stays. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (particle), TRUE);
  dict = g_settings_get_value (settings, "durations");
  g_assert_true (g_variant_lookup (dict, "particle", "d", &value));
  g_assert_cmpfloat_with_epsilon (value, g_settings_get_double (settings, "duration"), 1e-9);
  g_assert_true (g_variant_lookup (dict, "wipe", "d", &value));
  g_assert_cmpfloat_with_epsilon (value, 3.5, 1e-9);
  g_assert_true (g_variant_lookup (dict, "no-such-transition", "d", &value));
  g_clear_pointer (&dict, g_variant_unref);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (wipe_spin), 0.1);   /* below the range: 0.2 */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (particle), FALSE);
  dict = g_settings_get_value (settings, "durations");
  g_assert_true (g_variant_lookup (dict, "wipe", "d", &value));
  g_assert_cmpfloat_with_epsilon (value, 0.2, 1e-9);
  g_assert_false (g_variant_lookup (dict, "particle", "d", &value));

  g_settings_reset (settings, "durations");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (wipe)));
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

  page = g_object_ref_sink (vitrine_diagnostics_page_new (supervisor, session));
  diagnostics = VITRINE_DIAGNOSTICS_PAGE (page);
  g_assert_nonnull (strstr (vitrine_diagnostics_page_get_renderer (diagnostics), "group A"));

  vitrine_renderer_session_start (session, VITRINE_RENDERER_SOFTWARE);
  vitrine_diagnostics_page_refresh (diagnostics);
  g_assert_nonnull (strstr (vitrine_diagnostics_page_get_renderer (diagnostics), "group C"));
  g_assert_nonnull (find_label_containing (page, "“software” requested"));

  vitrine_renderer_session_start (session, VITRINE_RENDERER_GL);
  vitrine_diagnostics_page_refresh (diagnostics);
  g_assert_nonnull (strstr (vitrine_diagnostics_page_get_renderer (diagnostics), "group B"));

  /* A line per worker role. */
  workers_label = find_label_containing (page, "transition: ");
  g_assert_nonnull (workers_label);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (workers_label)), "image: "));
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
  g_autoptr(GtkWidget) page = g_object_ref_sink (vitrine_diagnostics_page_new (NULL, session));
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
label_says (GtkWidget  *label,
            const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (strstr (gtk_label_get_label (GTK_LABEL (label)), text) == NULL)
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
  g_autoptr(GtkWidget) page = g_object_ref_sink (vitrine_diagnostics_page_new (supervisor, session));
  GtkWidget *label = find_label_containing (page, "image: ");

  g_assert_nonnull (label);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "image: stopped, 0 restarts"));

  vitrine_supervisor_start (supervisor);
  g_assert_true (label_says (label, "image: backoff, 1 restart"));

  vitrine_supervisor_shutdown (supervisor);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "image: stopped, 1 restart"));
}

/* A running worker's row names the layers of its sandbox, as its Hello reported them. */
static void
test_diagnostics_workers_sandbox (void)
{
  g_autoptr(GSettings) workers = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), workers);
  g_autoptr(VitrineRendererSession) session = vitrine_renderer_session_new (VITRINE_RENDERER_AUTO);
  g_autoptr(GtkWidget) page = g_object_ref_sink (vitrine_diagnostics_page_new (supervisor, session));
  GtkWidget *label = find_label_containing (page, "image: ");
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
  g_assert_true (label_says (label, "image: running, 0 restarts; sandbox: seccomp"));
  g_test_message ("%s", gtk_label_get_label (GTK_LABEL (label)));

  vitrine_supervisor_shutdown (supervisor);
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (label)), "sandbox"));
  vt_remove_tree (state);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Schema-driven settings pages: editors by key type, bound both ways");

  if (!vt_have_display ())
    {
      g_print ("1..0 # SKIP needs a display server (run under xvfb-run)\n");
      return 0;
    }
  gtk_init ();

  g_test_add_func ("/SettingsPage/rows-for-every-key", test_rows_for_every_key);
  g_test_add_func ("/SettingsPage/switch-both-ways", test_switch_both_ways);
  g_test_add_func ("/SettingsPage/number-range", test_number_range);
  g_test_add_func ("/SettingsPage/enum-dropdown", test_enum_dropdown);
  g_test_add_func ("/SettingsPage/flags-menu", test_flags_menu);
  g_test_add_func ("/SettingsPage/string-list", test_string_list);
  g_test_add_func ("/SettingsPage/keyed-dictionary", test_keyed_dictionary);
  g_test_add_func ("/SettingsPage/diagnostics", test_diagnostics);
  g_test_add_func ("/SettingsPage/diagnostics-follows-session", test_diagnostics_follows_session);
  g_test_add_func ("/SettingsPage/diagnostics-workers-live", test_diagnostics_workers_live);
  g_test_add_func ("/SettingsPage/diagnostics-workers-sandbox", test_diagnostics_workers_sandbox);

  return g_test_run ();
}
