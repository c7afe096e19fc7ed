/* test-settings-cli.c: `vitrine --export-settings` and `--import-settings` in the launching
 * process, with no display and no session bus: a file imported by one run is what the next
 * exports; a malformed file and one with a single value out of range are refused with the
 * key named and a non-zero status, and change nothing. GLib's keyfile settings backend
 * keeps the settings between the runs, in a folder of the test's own.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-test-util.h"

static char *
write_file (const char *dir,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static char *
export_text (void)
{
  VtResult result = { 0 };
  char *out;

  vt_run (&result, "--export-settings=-", NULL);
  g_assert_cmpint (result.status, ==, 0);
  out = g_steal_pointer (&result.out);
  vt_result_clear (&result);
  return out;
}

static void
test_round_trip_and_refusals (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrine-cli-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (dir, "config", NULL);
  g_autofree char *good = write_file (dir, "good.ini",
                                      "# provisioned\n[display]\ninterval=uint32 120\nscale-mode='fit'\n"
                                      "[sources]\nfolders=['/srv/photos']\n");
  g_autofree char *more = write_file (dir, "more.ini", "[accessibility]\nreduce-motion=true\n");
  g_autofree char *malformed = write_file (dir, "malformed.ini", "[display\ninterval=uint32 40\n");
  g_autofree char *out_of_range = write_file (dir, "range.ini",
                                              "[accessibility]\nhigh-contrast=true\n[display]\ninterval=uint32 1\n");
  g_autofree char *exported = g_build_filename (dir, "exported.ini", NULL);
  g_autofree char *arg = NULL;
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *from_file = NULL;
  VtResult result = { 0 };

  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  /* No display, no session bus: the commands must not need them. */
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);

  arg = g_strdup_printf ("--import-settings=%s", good);
  vt_run (&result, arg, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.err, ==, "");
  vt_result_clear (&result);
  first = export_text ();
  g_test_message ("%s", first);
  g_assert_nonnull (strstr (first, "[display]\n"));
  g_assert_nonnull (strstr (first, "interval=uint32 120\n"));
  g_assert_nonnull (strstr (first, "scale-mode='fit'\n"));
  g_assert_nonnull (strstr (first, "folders=['/srv/photos']\n"));

  /* Merging: what the second file lacks stays. */
  g_clear_pointer (&arg, g_free);
  arg = g_strdup_printf ("--import-settings=%s", more);
  vt_run (&result, arg, NULL);
  g_assert_cmpint (result.status, ==, 0);
  vt_result_clear (&result);
  again = export_text ();
  g_assert_nonnull (strstr (again, "interval=uint32 120\n"));
  g_assert_nonnull (strstr (again, "[accessibility]\nreduce-motion=true\n"));

  /* Refused whole, saying why, changing nothing. */
  g_clear_pointer (&arg, g_free);
  arg = g_strdup_printf ("--import-settings=%s", out_of_range);
  vt_run (&result, arg, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "nothing was imported: display/interval: uint32 1 is out of range"));
  vt_result_clear (&result);
  g_clear_pointer (&arg, g_free);
  arg = g_strdup_printf ("--import-settings=%s", malformed);
  vt_run (&result, arg, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, "not a settings file"));
  vt_result_clear (&result);
  g_clear_pointer (&arg, g_free);
  arg = g_strdup_printf ("--import-settings=%s/missing.ini", dir);
  vt_run (&result, arg, NULL);
  g_assert_cmpint (result.status, ==, 1);
  vt_result_clear (&result);
  g_clear_pointer (&first, g_free);
  first = export_text ();
  g_assert_cmpstr (first, ==, again);
  g_assert_null (strstr (first, "high-contrast"));

  /* To a file: the same text. */
  g_clear_pointer (&arg, g_free);
  arg = g_strdup_printf ("--export-settings=%s", exported);
  vt_run (&result, arg, NULL);
  g_assert_cmpint (result.status, ==, 0);
  vt_result_clear (&result);
  g_assert_true (g_file_get_contents (exported, &from_file, NULL, NULL));
  g_assert_cmpstr (from_file, ==, again);

  /* Both at once is a usage error. */
  g_clear_pointer (&arg, g_free);
  arg = g_strdup_printf ("--import-settings=%s", good);
  vt_run (&result, "--export-settings=-", arg, NULL);
  g_assert_cmpint (result.status, ==, 2);
  vt_result_clear (&result);
  vt_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("vitrine --export-settings and --import-settings without a display or a bus");

  g_test_add_func ("/SettingsCli/round-trip-and-refusals", test_round_trip_and_refusals);

  return g_test_run ();
}
