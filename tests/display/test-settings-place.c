/* test-settings-place.c: the weather place row's geocoding suggestions (issue 15 item 5)
 * with the real feed worker against a loopback geocoding service.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "vitrine-place-suggest.h"
#include "vitrine-settings-file.h"
#include "vitrine-settings-page.h"
#include "vitrine-supervisor.h"
#include "vitrine-test-http.h"
#include "vitrine-test-util.h"

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Widgets page over fresh settings that start from the defaults. */
static GtkWidget *
page_for (const char *area,
          GSettings **settings_out)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) settings = g_settings_get_child (root, area);
  GtkWidget *page;

  vitrine_settings_file_reset (root);
  page = g_object_ref_sink (vitrine_settings_page_new (area, settings));
  *settings_out = g_steal_pointer (&settings);
  return page;
}

/* The weather place: typing asks the real feed worker (against a loopback geocoding
 * service) once the typing stops; choosing a match writes it, with its coordinates, to
 * the key; coordinates typed by hand ask nothing. */
static void
test_place_suggestions (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("widgets", &settings);
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) workers = g_settings_get_child (root, "workers");
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  g_autofree char *state = g_dir_make_tmp ("vitrine-state-XXXXXX", NULL);
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "..", "data", "feeds",
                                                    "weather-geocoding-many.json", NULL);
  g_autofree char *url = NULL;
  g_autofree char *location = NULL;
  VtHttp *http = vt_http_start ();
  GtkWidget *place = find_named (page, "weather-location");
  VitrinePlaceSuggest *suggest = vitrine_place_suggest_get (ADW_ENTRY_ROW (place));
  GtkListBox *list = vitrine_place_suggest_get_list (suggest);
  GtkListBoxRow *maryland;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  vt_http_put_file (http, "/search", "application/json", fixture);
  url = vt_http_url (http, "/search");
  g_setenv ("VITRINE_GEOCODING_URL", url, TRUE);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_settings_set_boolean (workers, "image-enabled", FALSE);
  g_settings_set_boolean (workers, "audio-enabled", FALSE);
  g_settings_set_boolean (workers, "transition-enabled", FALSE);
  supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), workers);
  vitrine_supervisor_start (supervisor);
  vitrine_settings_page_set_supervisor (VITRINE_SETTINGS_PAGE (page), supervisor);

  /* Each key stroke restarts the wait: one request for the whole word. */
  gtk_editable_set_text (GTK_EDITABLE (place), "Ber");
  gtk_editable_set_text (GTK_EDITABLE (place), "Berlin");
  while (gtk_list_box_get_row_at_index (list, 0) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (vitrine_place_suggest_get_n_asked (suggest), ==, 1);
  g_assert_cmpuint (vt_http_hits (http, "/search"), ==, 1);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 4));
  g_assert_null (gtk_list_box_get_row_at_index (list, 5));
  maryland = gtk_list_box_get_row_at_index (list, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (maryland)), ==, "Maryland, United States");

  g_signal_emit_by_name (list, "row-activated", maryland);
  location = g_settings_get_string (settings, "weather-location");
  g_assert_cmpstr (location, ==, "Berlin, Maryland, United States (38.3226, -75.2177)");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (place)), ==, location);

  /* Coordinates need no suggestions. */
  gtk_editable_set_text (GTK_EDITABLE (place), "52.52, 13.40");
  for (gint64 until = g_get_monotonic_time () + 2 * VITRINE_PLACE_SUGGEST_DELAY_MS * 1000;
       g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (vitrine_place_suggest_get_n_asked (suggest), ==, 1);

  vitrine_supervisor_shutdown (supervisor);
  g_unsetenv ("VITRINE_GEOCODING_URL");
  g_settings_reset (workers, "image-enabled");
  g_settings_reset (workers, "audio-enabled");
  g_settings_reset (workers, "transition-enabled");
  vt_http_stop (http);
  vt_remove_tree (state);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The weather place's suggestions from the feed worker's geocoding");

  if (!vt_have_display ())
    {
      g_print ("1..0 # SKIP needs a display server (run under xvfb-run)\n");
      return 0;
    }
  gtk_init ();
  adw_init ();

  g_test_add_func ("/SettingsPlace/suggestions", test_place_suggestions);

  return g_test_run ();
}
