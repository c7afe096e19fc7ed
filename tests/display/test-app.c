/* test-app.c: the real vitrine binary, its options, remote commands and display windows,
 * under Xvfb with a private D-Bus session per test and real input through xdotool.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <json-glib/json-glib.h>

#include "vitrine-test-app.h"
#include "vitrine-test-util.h"

#define START_TIMEOUT_MS 15000

typedef struct
{
  GSubprocess *bus;
  GSubprocess *app;
  char        *dirs;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dirs = vt_isolate_dirs ();
  fixture->bus = vt_bus_up ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vt_app_stop (&fixture->app);

  vt_bus_down (fixture->bus);
  g_clear_object (&fixture->bus);
  vt_remove_tree (fixture->dirs);
  g_clear_pointer (&fixture->dirs, g_free);
}

static void
assert_exits (Fixture *fixture,
              int      expected_status)
{
  g_assert_true (vt_wait_for_exit (fixture->app, 5000));
  g_assert_true (g_subprocess_get_if_exited (fixture->app));
  g_assert_cmpint (g_subprocess_get_exit_status (fixture->app), ==, expected_status);
  g_clear_object (&fixture->app);
}

static gboolean
still_running (Fixture *fixture)
{
  return g_subprocess_get_identifier (fixture->app) != NULL;
}

static void
test_version (void)
{
  g_auto(VtResult) result = { 0 };
  g_autofree char *expected = g_strdup_printf ("vitrine %s (build ", PACKAGE_VERSION);

  vt_run (&result, "--version", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, expected));
  g_assert_cmpstr (result.err, ==, "");
}

static void
test_help (void)
{
  g_auto(VtResult) result = { 0 };
  const char *options[] = {
    "--fullscreen", "--window", "--screensaver", "--settings", "--monitor=N", "--folder=PATH",
    "--interval=SECONDS", "--renderer=NAME", "--next", "--previous", "--quit", "--status",
    "--version", "--regenerate=CACHE", "--export-history=FILE",
  };

  vt_run (&result, "--help", NULL);
  g_assert_cmpint (result.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    if (strstr (result.out, options[i]) == NULL)
      g_error ("--help does not mention %s:\n%s", options[i], result.out);
}

/* The German translation is complete; --help shows it when German is asked for. */
static void
test_translated_help (void)
{
  g_auto(VtResult) result = { 0 };

  g_setenv ("LANGUAGE", "de", TRUE);
  vt_run (&result, "--help", NULL);
  g_unsetenv ("LANGUAGE");

  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "--window"));
  if (strstr (result.out, "Die Anzeige in einem normalen Fenster darstellen") == NULL)
    g_error ("--help is not in German:\n%s", result.out);
}

/*
 * Without the settings schema (here: every place GSettings looks for it is an empty
 * directory, so an installed copy does not count either), --version and --help still
 * work; anything else stops at once with the message that says what is missing.
 */
static void
test_without_schema (void)
{
  g_autofree char *empty = g_dir_make_tmp ("vitrine-no-schema-XXXXXX", NULL);
  const char *variables[] = { "GSETTINGS_SCHEMA_DIR", "XDG_DATA_DIRS", "XDG_DATA_HOME" };
  char *saved[G_N_ELEMENTS (variables)];
  g_autofree char *expected_version = g_strdup_printf ("vitrine %s (build ", PACKAGE_VERSION);
  g_autofree char *expected_error = g_strdup_printf ("vitrine: the settings schema %s is not installed",
                                                     APP_ID);
  g_auto(VtResult) version = { 0 };
  g_auto(VtResult) help = { 0 };
  g_auto(VtResult) start = { 0 };
  g_auto(VtResult) status = { 0 };

  g_assert_nonnull (empty);
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      saved[i] = g_strdup (g_getenv (variables[i]));
      g_setenv (variables[i], empty, TRUE);
    }

  vt_run (&version, "--version", NULL);
  vt_run (&help, "--help", NULL);
  vt_run (&start, NULL, NULL);
  vt_run (&status, "--status", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    {
      if (saved[i] != NULL)
        g_setenv (variables[i], saved[i], TRUE);
      else
        g_unsetenv (variables[i]);
      g_free (saved[i]);
    }
  g_rmdir (empty);

  g_test_message ("--version → %d: %s%s", version.status, version.out, version.err);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_true (g_str_has_prefix (version.out, expected_version));
  g_assert_cmpstr (version.err, ==, "");

  g_test_message ("--help → %d: %s", help.status, help.err);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_true (g_str_has_prefix (help.out, "Usage:"));
  g_assert_nonnull (strstr (help.out, "--version"));
  g_assert_cmpstr (help.err, ==, "");

  for (guint i = 0; i < 2; i++)
    {
      VtResult *result = i == 0 ? &start : &status;

      g_test_message ("%s → %d: %s", i == 0 ? "no options" : "--status", result->status, result->err);
      g_assert_cmpint (result->status, ==, 1);
      g_assert_true (g_str_has_prefix (result->err, expected_error));
      g_assert_nonnull (strstr (result->err, "meson devenv"));
      g_assert_cmpstr (result->out, ==, "");
    }
}

static void
test_bad_values (void)
{
  const struct {
    const char *args[3];
    int status;
    const char *message;
  } cases[] = {
    { { "--interval=1" }, 2, "--interval=1 is out of range: use 2 to 86400 seconds" },
    { { "--interval=90000" }, 2, "out of range" },
    { { "--interval=-5" }, 2, "out of range" },
    { { "--interval=soon" }, 1, "Cannot parse integer value “soon” for --interval" },
    { { "--renderer=vulkan" }, 2, "--renderer=vulkan is unknown: use auto, gl or software" },
    { { "--monitor=-1" }, 2, "--monitor=-1 is not a monitor" },
    { { "--fullscreen", "--window" }, 2, "--fullscreen and --window cannot be used together" },
    { { "--folder=/nonexistent/photos" }, 2, "--folder=/nonexistent/photos is not a folder" },
    { { "--bogus" }, 1, "Unknown option --bogus" },
    { { "--regenerate=bogus" }, 2, "--regenerate=bogus is unknown: use all, images, feeds or audio" },
    { { "--export-history=/nonexistent/h.json" }, 2, "--export-history: there is no folder /nonexistent" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(VtResult) result = { 0 };

      vt_run (&result, cases[i].args[0], cases[i].args[1], NULL);
      g_test_message ("%s → %d: %s", cases[i].args[0], result.status, result.err);
      g_assert_cmpint (result.status, ==, cases[i].status);
      g_assert_nonnull (strstr (result.err, cases[i].message));
      g_assert_cmpstr (result.out, ==, "");
    }
}

static void
test_not_running (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *commands[] = { "--status", "--next", "--quit", "--regenerate=all" };

  if (vt_app_skip_without_display ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(VtResult) result = { 0 };

      vt_run (&result, commands[i], NULL);
      g_assert_cmpint (result.status, ==, 1);
      g_assert_nonnull (strstr (result.err, "Vitrine is not running"));
    }
}

static void
test_window_status (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *folder_arg = NULL;
  g_auto(VtResult) next = { 0 };
  g_auto(VtResult) quit = { 0 };
  JsonObject *application, *display, *commands, *settings, *caches;
  JsonArray *folders;

  if (vt_app_skip_without_display ())
    return;

  folder = g_dir_make_tmp ("vitrine-photos-XXXXXX", NULL);
  folder_arg = g_strdup_printf ("--folder=%s", folder);
  g_setenv ("VITRINE_TRIM_INTERVAL_S", "1", TRUE);
  fixture->app = vt_app_start ("--window", "--interval=45", folder_arg, NULL);
  g_unsetenv ("VITRINE_TRIM_INTERVAL_S");
  status = vt_app_wait_until_mapped ();

  application = json_object_get_object_member (status, "application");
  g_assert_cmpstr (json_object_get_string_member (application, "id"), ==, APP_ID);
  g_assert_cmpstr (json_object_get_string_member (application, "version"), ==, PACKAGE_VERSION);
  g_assert_cmpint (json_object_get_int_member (application, "pid"), >, 0);
  g_assert_cmpstr (json_object_get_string_member (application, "mode"), ==, "ambient");
  g_assert_true (json_object_get_boolean_member (application, "windowed"));
  g_assert_cmpint (json_object_get_int_member (application, "interval_s"), ==, 45);
  g_assert_cmpstr (json_object_get_string_member (application, "interval_from"), ==, "command-line");
  g_assert_cmpstr (json_object_get_string_member (application, "renderer_requested"), ==, "auto");
  folders = json_object_get_array_member (application, "folders");
  g_assert_cmpuint (json_array_get_length (folders), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (folders, 0), ==, folder);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (status, "displays")), ==, 1);
  display = vt_app_first_display (status);
  g_assert_false (json_object_get_boolean_member (display, "fullscreen"));
  g_assert_cmpint (json_object_get_int_member (display, "width"), >, 0);

  /* The memory split is the kernel's: its three kinds add up to the resident size. */
  {
    JsonObject *memory = json_object_get_object_member (status, "memory");
    gint64 rss = json_object_get_int_member (memory, "rss_bytes");

    g_assert_cmpint (rss, >, 16 * 1024 * 1024);
    g_assert_cmpint (json_object_get_int_member (memory, "rss_anon_bytes") +
                     json_object_get_int_member (memory, "rss_file_bytes") +
                     json_object_get_int_member (memory, "rss_shmem_bytes"), ==, rss);
    /* glibc's heap figures, absent under a sanitizer's allocator. */
#if defined (__GLIBC__) && !defined (__SANITIZE_ADDRESS__)
    g_assert_cmpint (json_object_get_int_member (memory, "heap_in_use_bytes"), >, 0);
    g_assert_cmpint (json_object_get_int_member (memory, "heap_in_use_bytes"), <, rss * 2);
#else
    g_assert_false (json_object_has_member (memory, "heap_in_use_bytes") &&
                    json_object_get_int_member (memory, "heap_in_use_bytes") == 0);
#endif
  }

  settings = json_object_get_object_member (status, "settings");
  g_assert_cmpint (json_object_get_int_member (settings, "revision"), ==, 0);
  caches = json_object_get_object_member (status, "caches");
  g_assert_nonnull (json_object_get_object_member (caches, "sources"));
  g_assert_cmpint (json_object_get_int_member (caches, "history_entries"), ==, 0);
  g_assert_true (json_object_get_null_member (caches, "hold"));

  /* The cache commands reach the running instance, which writes the export. */
  {
    g_autofree char *export = g_build_filename (fixture->dirs, "history.json", NULL);
    g_autofree char *export_arg = g_strdup_printf ("--export-history=%s", export);
    g_autofree char *manifest = NULL;
    g_auto(VtResult) regenerate = { 0 };
    g_auto(VtResult) exported = { 0 };

    vt_run (&regenerate, "--regenerate=all", NULL);
    g_assert_cmpint (regenerate.status, ==, 0);
    g_assert_nonnull (strstr (regenerate.out, "Nothing to regenerate"));
    vt_run (&exported, export_arg, NULL);
    g_assert_cmpint (exported.status, ==, 0);
    g_assert_true (g_file_get_contents (export, &manifest, NULL, NULL));
    g_assert_nonnull (strstr (manifest, "\"format\" : \"vitrine-cache-history-summary\""));
  }

  /* Remote commands reach the running instance. */
  vt_run (&next, "--next", NULL);
  g_assert_cmpint (next.status, ==, 0);
  vt_result_clear (&next);
  vt_run (&next, "--next", NULL);
  vt_result_clear (&next);
  vt_run (&next, "--previous", NULL);
  after = vt_app_status ();
  commands = json_object_get_object_member (json_object_get_object_member (after, "application"),
                                            "commands");
  g_assert_cmpint (json_object_get_int_member (commands, "next"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (commands, "previous"), ==, 1);

#ifdef __GLIBC__
  /* Free heap goes back to the system from a thread while no display is in a transition
   * (VITRINE_TRIM_INTERVAL_S=1 here, once a minute by default). */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(JsonObject) now = vt_app_status ();
      JsonObject *memory = json_object_get_object_member (now, "memory");

      if (json_object_get_int_member (memory, "trims") > 0)
        break;
      g_assert_cmpuint (i, <, 49);
      g_usleep (200 * 1000);
    }
#endif

  vt_run (&quit, "--quit", NULL);
  g_assert_cmpint (quit.status, ==, 0);
  assert_exits (fixture, 0);
  g_rmdir (folder);
}

static void
test_fullscreen (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  JsonObject *display, *geometry, *inhibit;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start (NULL, NULL);
  status = vt_app_wait_until_mapped ();
  display = vt_app_first_display (status);
  g_assert_cmpint (json_object_get_int_member (display, "monitor"), ==, 0);

  /* Fullscreen means covering the monitor exactly; give the window manager-less X server a
   * moment to apply the size. */
  for (guint attempt = 0; attempt < 50; attempt++)
    {
      g_clear_pointer (&status, json_object_unref);
      status = vt_app_status ();
      display = vt_app_first_display (status);
      geometry = json_object_get_object_member (display, "monitor_geometry");
      if (json_object_get_boolean_member (display, "fullscreen") &&
          json_object_get_int_member (display, "width") == json_object_get_int_member (geometry, "width"))
        break;
      vt_sleep (100);
    }
  geometry = json_object_get_object_member (display, "monitor_geometry");
  g_assert_true (json_object_get_boolean_member (display, "fullscreen"));
  g_assert_cmpint (json_object_get_int_member (display, "width"), ==,
                   json_object_get_int_member (geometry, "width"));
  g_assert_cmpint (json_object_get_int_member (display, "height"), ==,
                   json_object_get_int_member (geometry, "height"));

  inhibit = json_object_get_object_member (json_object_get_object_member (status, "application"),
                                           "idle_inhibit");
  g_assert_true (json_object_get_boolean_member (inhibit, "wanted"));
}

static void
test_no_such_monitor (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(VtResult) result = { 0 };

  if (vt_app_skip_without_display ())
    return;

  vt_run (&result, "--monitor=7", NULL);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_nonnull (strstr (result.err, "monitor 7 does not exist: valid monitors are 0 to 0"));
}

static void
test_screensaver_motion (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;

  if (vt_app_skip_without_display ())
    return;

  g_assert_true (vt_xdotool ("mousemove", "640", "360", NULL));
  fixture->app = vt_app_start ("--screensaver", NULL);
  status = vt_app_wait_until_mapped ();
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (status, "application"),
                                                  "mode"), ==, "screensaver");
  g_assert_true (json_object_get_boolean_member (vt_app_first_display (status), "cursor_hidden"));

  /* A nudge within 10 px is not a person wanting the desktop back... */
  g_assert_true (vt_xdotool ("mousemove", "643", "362", NULL));
  vt_sleep (200);
  g_assert_true (vt_xdotool ("mousemove", "646", "364", NULL));
  vt_sleep (500);
  g_assert_true (still_running (fixture));

  /* ...a real move is. */
  g_assert_true (vt_xdotool ("mousemove", "700", "420", NULL));
  assert_exits (fixture, 0);
}

static void
test_screensaver_key (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start ("--screensaver", NULL);
  status = vt_app_wait_until_mapped ();
  g_assert_true (vt_xdotool ("key", "a", NULL));
  assert_exits (fixture, 0);
}

static void
test_screensaver_click (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start ("--screensaver", NULL);
  status = vt_app_wait_until_mapped ();
  g_assert_true (vt_xdotool ("click", "3", NULL));
  assert_exits (fixture, 0);
}

static void
test_ambient_input (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonObject) after = NULL;
  JsonObject *application, *commands;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start (NULL, NULL);
  status = vt_app_wait_until_mapped ();

  /* Motion and single clicks never end an ambient display. */
  g_assert_true (vt_xdotool ("mousemove", "100", "100", NULL));
  g_assert_true (vt_xdotool ("mousemove", "900", "600", NULL));
  g_assert_true (vt_xdotool ("click", "1", NULL));
  vt_sleep (600);
  g_assert_true (vt_xdotool ("click", "3", NULL));
  vt_sleep (600);
  g_assert_true (still_running (fixture));

  /* Double-click and X mean next, Z previous, Space pauses. */
  g_assert_true (vt_xdotool ("click", "--repeat", "2", "--delay", "80", "1", NULL));
  g_assert_true (vt_xdotool ("key", "x", NULL));
  g_assert_true (vt_xdotool ("key", "z", NULL));
  g_assert_true (vt_xdotool ("key", "space", NULL));
  vt_sleep (300);
  after = vt_app_status ();
  application = json_object_get_object_member (after, "application");
  commands = json_object_get_object_member (application, "commands");
  g_assert_cmpint (json_object_get_int_member (commands, "next"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (commands, "previous"), ==, 1);
  g_assert_true (json_object_get_boolean_member (application, "paused"));

  g_assert_true (vt_xdotool ("key", "Escape", NULL));
  assert_exits (fixture, 0);
}

static void
test_quit_with_q (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start ("--window", NULL);
  status = vt_app_wait_until_mapped ();
  /* No window manager under Xvfb: the keyboard follows the pointer into the window. */
  g_assert_true (vt_xdotool ("mousemove", "200", "200", NULL));
  vt_sleep (200);
  g_assert_true (vt_xdotool ("key", "q", NULL));
  assert_exits (fixture, 0);
}

static gboolean
cursor_hidden (void)
{
  g_autoptr(JsonObject) status = vt_app_status ();

  return json_object_get_boolean_member (vt_app_first_display (status), "cursor_hidden");
}

static void
test_cursor_hides (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  gint64 moved_at;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start (NULL, NULL);
  status = vt_app_wait_until_mapped ();

  g_assert_true (vt_xdotool ("mousemove", "300", "300", NULL));
  moved_at = g_get_monotonic_time ();
  vt_sleep (300);
  g_assert_false (cursor_hidden ());

  /* Default delay is 2 s; the timer restarted at the move. */
  while (!cursor_hidden ())
    {
      g_assert_cmpint (g_get_monotonic_time () - moved_at, <, 6 * G_USEC_PER_SEC);
      vt_sleep (100);
    }
  g_assert_cmpint (g_get_monotonic_time () - moved_at, >=, 1900 * 1000);

  g_assert_true (vt_xdotool ("mousemove", "340", "320", NULL));
  vt_sleep (300);
  g_assert_false (cursor_hidden ());
}

static void
test_settings_revision (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  g_autofree char *saved_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  const char *argv[] = { "gsettings", "set", APP_ID ".Display", "keep-awake", "false", NULL };
  g_autoptr(GError) error = NULL;
  int wait_status;
  JsonObject *inhibit;

  if (vt_app_skip_without_display ())
    return;

  /* A file-backed store both processes see, in this test's own XDG_CONFIG_HOME. */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  fixture->app = vt_app_start (NULL, NULL);
  status = vt_app_wait_until_mapped ();
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (status, "settings"),
                                               "revision"), ==, 0);
  g_clear_pointer (&status, json_object_unref);

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_clear_pointer (&status, json_object_unref);
      status = vt_app_status ();
      if (json_object_get_int_member (json_object_get_object_member (status, "settings"),
                                      "revision") > 0)
        break;
      vt_sleep (100);
    }
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (status, "settings"),
                                               "revision"), ==, 1);

  /* keep-awake off: the display no longer asks to keep the screen on. */
  inhibit = json_object_get_object_member (json_object_get_object_member (status, "application"),
                                           "idle_inhibit");
  g_assert_false (json_object_get_boolean_member (inhibit, "wanted"));
  g_assert_false (json_object_get_boolean_member (inhibit, "active"));

  g_setenv ("GSETTINGS_BACKEND", saved_backend != NULL ? saved_backend : "memory", TRUE);
}

static void
test_settings_option (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  JsonObject *application;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start ("--settings", NULL);
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_clear_pointer (&status, json_object_unref);
      status = vt_app_status ();
      application = json_object_get_object_member (status, "application");
      if (json_object_get_boolean_member (application, "settings_window"))
        break;
      vt_sleep (100);
    }
  application = json_object_get_object_member (status, "application");
  g_assert_true (json_object_get_boolean_member (application, "settings_window"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (status, "displays")), ==, 0);
}

/* What a person sees before there are images: a black screen with the logo and name in
 * the middle (here: a folder without images), and in the bottom right corner the notice
 * that says so. */
static void
test_screenshot (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(GdkPixbuf) shot = NULL;
  g_autofree char *empty = g_build_filename (fixture->dirs, "no-images", NULL);
  g_autofree char *folder_arg = g_strconcat ("--folder=", empty, NULL);
  int width, height, rowstride, n_channels;
  guint colourful = 0, lit_corners = 0;
  const guchar *pixels;

  if (vt_app_skip_without_display ())
    return;

  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  fixture->app = vt_app_start (folder_arg, NULL);
  status = vt_app_wait_until_mapped ();
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      JsonObject *window = vt_app_first_display (status);

      if (json_object_get_string_member (window, "notice") != NULL)
        break;
      vt_sleep (100);
      g_clear_pointer (&status, json_object_unref);
      status = vt_app_status ();
    }
  {
    g_autofree char *expected = g_strdup_printf ("No photos found in %s", empty);

    g_assert_cmpstr (json_object_get_string_member (vt_app_first_display (status), "notice"), ==, expected);
  }
  vt_sleep (1000);

  shot = vt_screenshot ();
  width = gdk_pixbuf_get_width (shot);
  height = gdk_pixbuf_get_height (shot);
  rowstride = gdk_pixbuf_get_rowstride (shot);
  n_channels = gdk_pixbuf_get_n_channels (shot);
  pixels = gdk_pixbuf_read_pixels (shot);

  for (int y = 0; y < height; y += 4)
    for (int x = 0; x < width; x += 4)
      {
        const guchar *p = pixels + y * rowstride + x * n_channels;
        /* The notice has the bottom right corner. */
        gboolean corner = (x < width / 8 || x > width * 7 / 8) && (y < height / 8 || y > height * 7 / 8) &&
                          !(x > width * 7 / 8 && y > height * 7 / 8);
        int spread = MAX (MAX (p[0], p[1]), p[2]) - MIN (MIN (p[0], p[1]), p[2]);

        if (corner && (p[0] > 8 || p[1] > 8 || p[2] > 8))
          lit_corners++;
        if (!corner && spread > 40)
          colourful++;
      }

  g_test_message ("screenshot %dx%d: %u colourful samples, %u lit corner samples",
                  width, height, colourful, lit_corners);
  g_assert_cmpuint (lit_corners, ==, 0);
  g_assert_cmpuint (colourful, >, 500);
}

/*
 * The desktop file says DBusActivatable=true: the menu entry and its actions reach Vitrine
 * as D-Bus calls that start it. Install the built service file where this test's bus
 * looks, pointing at the build's binary, and call the actions as a desktop shell would.
 */
static void
install_service_file (void)
{
  g_autofree char *contents = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GString) patched = NULL;
  g_autoptr(GError) error = NULL;
  const char *exec_line;

  g_file_get_contents (g_getenv ("VITRINE_SERVICE_FILE"), &contents, NULL, &error);
  g_assert_no_error (error);
  exec_line = strstr (contents, "Exec=");
  g_assert_nonnull (exec_line);
  g_assert_nonnull (strstr (exec_line, "/vitrine --gapplication-service"));

  patched = g_string_new_len (contents, exec_line - contents);
  g_string_append_printf (patched, "Exec=%s --gapplication-service\n", g_getenv ("VITRINE_BINARY"));

  dir = g_build_filename (g_getenv ("XDG_DATA_HOME"), "dbus-1", "services", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  path = g_build_filename (dir, APP_ID ".service", NULL);
  g_file_set_contents (path, patched->str, -1, &error);
  g_assert_no_error (error);
}

static void
call_application (const char *method,
                  GVariant   *parameters)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (bus, APP_ID, APP_OBJECT_PATH,
                                       "org.freedesktop.Application", method, parameters,
                                       NULL, G_DBUS_CALL_FLAGS_NONE, 20000, NULL, &error);
  g_assert_no_error (error);
}

static void
test_dbus_activation (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonObject) shown = NULL;
  g_auto(VtResult) quit = { 0 };
  JsonObject *application;

  if (vt_app_skip_without_display ())
    return;

  /* The service file is read when the bus starts, so the bus of the fixture is replaced. */
  install_service_file ();
  vt_bus_down (fixture->bus);
  g_clear_object (&fixture->bus);
  fixture->bus = vt_bus_up ();

  /* "Settings" in the menu entry's actions. */
  call_application ("ActivateAction", g_variant_new ("(sava{sv})", "settings", NULL, NULL));
  g_assert_true (vt_wait_for_name (APP_ID, START_TIMEOUT_MS));
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_clear_pointer (&status, json_object_unref);
      status = vt_app_status ();
      if (json_object_get_boolean_member (json_object_get_object_member (status, "application"),
                                          "settings_window"))
        break;
      vt_sleep (100);
    }
  application = json_object_get_object_member (status, "application");
  g_assert_true (json_object_get_boolean_member (application, "settings_window"));

  /* The menu entry itself: activation shows the display, fullscreen. */
  call_application ("Activate", g_variant_new ("(a{sv})", NULL));
  shown = vt_app_wait_until_mapped ();
  g_assert_true (json_object_get_boolean_member (vt_app_first_display (shown), "fullscreen"));

  vt_run (&quit, "--quit", NULL);
  g_assert_cmpint (quit.status, ==, 0);
  g_assert_true (vt_wait_for_name_gone (APP_ID, 5000));
}

/* "Start fullscreen" while a windowed display runs turns it into a fullscreen one. */
static void
test_fullscreen_action (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) windowed = NULL;
  g_autoptr(JsonObject) status = NULL;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start ("--window", NULL);
  windowed = vt_app_wait_until_mapped ();
  g_assert_false (json_object_get_boolean_member (vt_app_first_display (windowed), "fullscreen"));

  call_application ("ActivateAction", g_variant_new ("(sava{sv})", "fullscreen", NULL, NULL));
  status = vt_app_wait_until_mapped ();
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (status, "displays")), ==, 1);
  g_assert_true (json_object_get_boolean_member (vt_app_first_display (status), "fullscreen"));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (status, "application"),
                                                  "windowed"));
  g_assert_true (still_running (fixture));
}

static JsonObject *
find_worker (JsonObject *status,
             const char *role)
{
  JsonArray *workers = json_object_get_array_member (status, "workers");

  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *worker = json_array_get_object_element (workers, i);

      if (g_str_equal (json_object_get_string_member (worker, "role"), role))
        return worker;
    }
  g_assert_not_reached ();
}

static gboolean
all_workers_running (JsonObject *status)
{
  JsonArray *workers = json_object_get_array_member (status, "workers");
  gboolean running = json_array_get_length (workers) == 4;

  for (guint i = 0; i < json_array_get_length (workers); i++)
    running &= g_str_equal (json_object_get_string_member (json_array_get_object_element (workers, i),
                                                           "state"), "running");
  return running;
}

static JsonObject *
wait_for_workers_running (void)
{
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(JsonObject) status = vt_app_status ();

      if (all_workers_running (status))
        return g_steal_pointer (&status);
      vt_sleep (100);
    }
  g_assert_not_reached ();
}

/* The display starts its four workers, and a worker killed behind its back comes back. */
static void
test_workers (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_auto(VtResult) quit = { 0 };
  GPid pids[4];
  JsonObject *image;
  GPid image_pid;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start ("--window", NULL);
  status = wait_for_workers_running ();
  for (guint i = 0; i < 4; i++)
    {
      pids[i] = json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (status, "workers"), i),
                                            "pid");
      g_assert_cmpint (pids[i], >, 0);
      g_assert_cmpint (kill (pids[i], 0), ==, 0);
    }
  image_pid = json_object_get_int_member (find_worker (status, "image"), "pid");

  g_assert_cmpint (kill (image_pid, SIGKILL), ==, 0);
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_clear_pointer (&after, json_object_unref);
      after = vt_app_status ();
      image = find_worker (after, "image");
      if (json_object_get_int_member (image, "restarts") == 1 && all_workers_running (after))
        break;
      vt_sleep (100);
    }
  image = find_worker (after, "image");
  g_assert_cmpint (json_object_get_int_member (image, "restarts"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (image, "pid"), !=, image_pid);
  g_assert_nonnull (strstr (json_object_get_string_member (image, "last_restart_reason"), "signal 9"));
  /* One restart is no failure to tell about (a build without the demo set says it has no
   * photos, though). */
  {
    JsonNode *notice = json_object_get_member (vt_app_first_display (after), "notice");

    g_assert_true (json_node_is_null (notice) || strstr (json_node_get_string (notice), "worker") == NULL);
  }
  pids[0] = json_object_get_int_member (image, "pid");

  /* Quitting the display takes every worker with it. */
  vt_run (&quit, "--quit", NULL);
  assert_exits (fixture, 0);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (kill (pids[i], 0), ==, -1);
}

/* A display killed outright leaves no worker behind (parent-death signal, end of fd 3). */
static void
test_workers_die_with_display (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  JsonArray *workers;
  GPid pids[4];
  gint64 deadline;
  gboolean any_alive = TRUE;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start ("--window", NULL);
  status = wait_for_workers_running ();
  workers = json_object_get_array_member (status, "workers");
  for (guint i = 0; i < 4; i++)
    pids[i] = json_object_get_int_member (json_array_get_object_element (workers, i), "pid");

  g_subprocess_force_exit (fixture->app);
  g_assert_true (vt_wait_for_exit (fixture->app, 5000));
  g_clear_object (&fixture->app);

  deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (any_alive && g_get_monotonic_time () < deadline)
    {
      any_alive = FALSE;
      for (guint i = 0; i < 4; i++)
        {
          g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", pids[i]);
          g_autofree char *stat = NULL;

          /* Gone, or a zombie waiting for init to reap it: either way not running. */
          if (g_file_get_contents (stat_path, &stat, NULL, NULL) && strstr (stat, ") Z ") == NULL)
            any_alive = TRUE;
        }
      vt_sleep (50);
    }
  g_assert_false (any_alive);
}

/* A broken installation: workers that cannot run. The display stays up and says so. */
static void
test_failed_workers_notice (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  g_autofree char *saved_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  g_autofree char *saved_worker = g_strdup (g_getenv ("VITRINE_WORKER_PATH"));
  g_autofree char *keyfile_dir = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  g_autoptr(GError) error = NULL;
  JsonArray *workers;

  if (vt_app_skip_without_display ())
    return;

  /* Fast backoff, so five restarts take well under a second. */
  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_file_set_contents (keyfile, "[io/github/vitrine/Vitrine/workers]\n"
                                "restart-backoff-initial=0.1\n"
                                "restart-backoff-max=1.0\n", -1, &error);
  g_assert_no_error (error);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("VITRINE_WORKER_PATH", "/bin/false", TRUE);

  fixture->app = vt_app_start ("--window", NULL);
  g_setenv ("VITRINE_WORKER_PATH", saved_worker, TRUE);
  g_setenv ("GSETTINGS_BACKEND", saved_backend != NULL ? saved_backend : "memory", TRUE);

  for (guint attempt = 0; attempt < 150; attempt++)
    {
      g_clear_pointer (&status, json_object_unref);
      status = vt_app_status ();
      /* Not the first-run hint: the notice about the workers. */
      if (json_array_get_length (json_object_get_array_member (status, "displays")) > 0 &&
          !json_node_is_null (json_object_get_member (vt_app_first_display (status), "notice")) &&
          strstr (json_object_get_string_member (vt_app_first_display (status), "notice"), "worker") != NULL)
        break;
      vt_sleep (100);
    }

  workers = json_object_get_array_member (status, "workers");
  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *worker = json_array_get_object_element (workers, i);

      if (!g_str_equal (json_object_get_string_member (worker, "state"), "failed"))
        continue;
      g_assert_cmpint (json_object_get_int_member (worker, "restarts"), ==, 5);
      g_assert_nonnull (strstr (json_object_get_string_member (worker, "last_restart_reason"), "status 1"));
    }
  g_assert_nonnull (strstr (json_object_get_string_member (vt_app_first_display (status), "notice"),
                            "worker stopped after repeated failures"));

  /* A display window opened afterwards (here: "Start fullscreen" replacing the window)
   * carries the notice too. */
  call_application ("ActivateAction", g_variant_new ("(sava{sv})", "fullscreen", NULL, NULL));
  g_clear_pointer (&status, json_object_unref);
  status = vt_app_wait_until_mapped ();
  g_assert_true (json_object_get_boolean_member (vt_app_first_display (status), "fullscreen"));
  g_assert_nonnull (strstr (json_object_get_string_member (vt_app_first_display (status), "notice"),
                            "worker stopped after repeated failures"));
  g_assert_true (still_running (fixture));
}

/*
 * The first display window waits for the image worker's handshake, so that its first
 * photo is asked for before GTK makes the window, but not for long: with a "worker" that
 * never answers, the window is shown while that worker is still starting (its handshake
 * times out only after 5 s).
 */
static void
test_window_without_handshake (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *saved_worker = g_strdup (g_getenv ("VITRINE_WORKER_PATH"));
  g_autofree char *script = g_build_filename (fixture->dirs, "silent-worker", NULL);
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *workers;
  gboolean seen = FALSE;

  if (vt_app_skip_without_display ())
    return;

  g_file_set_contents (script, "#!/bin/sh\nexec sleep 30\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  g_setenv ("VITRINE_WORKER_PATH", script, TRUE);
  fixture->app = vt_app_start (NULL, NULL);
  g_setenv ("VITRINE_WORKER_PATH", saved_worker, TRUE);

  status = vt_app_wait_until_mapped ();
  g_assert_true (json_object_get_boolean_member (vt_app_first_display (status), "fullscreen"));
  workers = json_object_get_array_member (status, "workers");
  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *worker = json_array_get_object_element (workers, i);

      if (!g_str_equal (json_object_get_string_member (worker, "role"), "image"))
        continue;
      /* Its first process, not one restarted after the handshake's timeout. */
      g_assert_cmpstr (json_object_get_string_member (worker, "state"), ==, "starting");
      g_assert_cmpint (json_object_get_int_member (worker, "restarts"), ==, 0);
      seen = TRUE;
    }
  g_assert_true (seen);
}

static void
add_app_test (const char *path,
              void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The vitrine executable end to end: options, remote commands, windows, input");

  g_test_add_func ("/App/cli/version", test_version);
  g_test_add_func ("/App/cli/help", test_help);
  g_test_add_func ("/App/cli/bad-values", test_bad_values);
  g_test_add_func ("/App/cli/without-schema", test_without_schema);
  g_test_add_func ("/App/cli/translated-help", test_translated_help);
  add_app_test ("/App/cli/not-running", test_not_running);
  add_app_test ("/App/cli/no-such-monitor", test_no_such_monitor);
  add_app_test ("/App/window/status-and-commands", test_window_status);
  add_app_test ("/App/window/fullscreen", test_fullscreen);
  add_app_test ("/App/window/without-handshake", test_window_without_handshake);
  add_app_test ("/App/window/cursor-hides", test_cursor_hides);
  add_app_test ("/App/window/screenshot", test_screenshot);
  add_app_test ("/App/input/ambient", test_ambient_input);
  add_app_test ("/App/input/quit-with-q", test_quit_with_q);
  add_app_test ("/App/input/screensaver-motion", test_screensaver_motion);
  add_app_test ("/App/input/screensaver-key", test_screensaver_key);
  add_app_test ("/App/input/screensaver-click", test_screensaver_click);
  add_app_test ("/App/settings/revision", test_settings_revision);
  add_app_test ("/App/settings/option", test_settings_option);
  add_app_test ("/App/desktop/dbus-activation", test_dbus_activation);
  add_app_test ("/App/desktop/fullscreen-action", test_fullscreen_action);
  add_app_test ("/App/workers/status-and-restart", test_workers);
  add_app_test ("/App/workers/failed-notice", test_failed_workers_notice);
  add_app_test ("/App/workers/die-with-display", test_workers_die_with_display);

  return g_test_run ();
}
