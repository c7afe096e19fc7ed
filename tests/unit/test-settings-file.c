/* test-settings-file.c: settings export and import: a round trip through the file, merging,
 * and files refused whole (malformed, a value out of range, a wrong type, an unknown key or
 * group) with nothing changed; files and stored settings of older versions (the dimming
 * before its switch, the weather units before "locale") read as they meant. GSettings'
 * memory backend (and a keyfile one for stored settings), the real schema.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gio.h>
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "vitrine-enums.h"
#include "vitrine-settings-file.h"

static GSettings *
area (GSettings  *root,
      const char *name)
{
  return g_settings_get_child (root, name);
}

static GSettings *
clock_settings (const char *id)
{
  g_autofree char *path = g_strdup_printf ("/io/github/vitrine/Vitrine/widgets/clocks/%s/", id);

  return g_settings_new_with_path (APP_ID ".Clock", path);
}

/* Everything back to the defaults between tests (the memory backend lives on). */
static void
reset_all (GSettings *root)
{
  vitrine_settings_file_reset (root);
}

static void
test_round_trip (void)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) display = area (root, "display");
  g_autoptr(GSettings) sources = area (root, "sources");
  g_autoptr(GSettings) transitions = area (root, "transitions");
  g_autoptr(GSettings) widgets = area (root, "widgets");
  g_autoptr(GSettings) paris = clock_settings ("paris");
  const char *folders[] = { "/srv/photos", "~/Holiday “2026”", NULL };
  const char *clocks[] = { "main", "paris", NULL };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) got = NULL;
  g_autofree char *zone = NULL;

  reset_all (root);
  g_settings_set_uint (display, "interval", 75);
  g_settings_set_boolean (display, "keep-awake", FALSE);
  g_settings_set_strv (sources, "folders", folders);
  g_settings_set_enum (transitions, "easing", 3);
  g_settings_set_value (transitions, "durations", g_variant_new_parsed ("{'wipe': 3.5}"));
  g_settings_set_strv (widgets, "clocks", clocks);
  g_settings_set_string (paris, "timezone", "Europe/Paris");
  g_settings_set_int (root, "settings-window-width", 700);
  /* Set to its default: not exported. */
  g_settings_set_double (display, "dim", 0.3);

  first = vitrine_settings_file_export (root);
  g_test_message ("%s", first);
  g_assert_nonnull (strstr (first, "[display]\n"));
  g_assert_nonnull (strstr (first, "interval=uint32 75\n"));
  g_assert_nonnull (strstr (first, "[/]\nsettings-window-width=700\n"));
  g_assert_nonnull (strstr (first, "[widgets/clocks/paris]\ntimezone='Europe/Paris'\n"));
  g_assert_null (strstr (first, "dim="));
  g_assert_null (strstr (first, "[accessibility]"));

  reset_all (root);
  g_assert_cmpuint (g_settings_get_uint (display, "interval"), ==, 30);
  g_assert_true (vitrine_settings_file_import (root, first, strlen (first), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_settings_get_uint (display, "interval"), ==, 75);
  g_assert_false (g_settings_get_boolean (display, "keep-awake"));
  got = g_settings_get_strv (sources, "folders");
  g_assert_cmpstrv (got, folders);
  zone = g_settings_get_string (paris, "timezone");
  g_assert_cmpstr (zone, ==, "Europe/Paris");
  g_assert_cmpint (g_settings_get_int (root, "settings-window-width"), ==, 700);

  second = vitrine_settings_file_export (root);
  g_assert_cmpstr (first, ==, second);
  reset_all (root);
}

/* Keys the file does not name keep their values. */
static void
test_merge (void)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) display = area (root, "display");
  g_autoptr(GSettings) visualizer = area (root, "visualizer");
  const char *file = "[visualizer]\nbar-count=uint32 20\n";
  g_autoptr(GError) error = NULL;

  reset_all (root);
  g_settings_set_uint (display, "interval", 120);
  g_assert_true (vitrine_settings_file_import (root, file, strlen (file), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_settings_get_uint (visualizer, "bar-count"), ==, 20);
  g_assert_cmpuint (g_settings_get_uint (display, "interval"), ==, 120);
  reset_all (root);
}

/* Refused whole: the message names the key, and the good keys before it are not applied. */
static void
assert_refused (const char *file,
                const char *message)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) display = area (root, "display");
  g_autoptr(GSettings) sources = area (root, "sources");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  reset_all (root);
  g_settings_set_uint (display, "interval", 45);
  before = vitrine_settings_file_export (root);

  g_assert_false (vitrine_settings_file_import (root, file, strlen (file), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, message));
  g_assert_false (g_settings_get_boolean (sources, "shuffle") == FALSE);
  g_assert_cmpuint (g_settings_get_uint (display, "interval"), ==, 45);
  after = vitrine_settings_file_export (root);
  g_assert_cmpstr (before, ==, after);
  reset_all (root);
}

static void
test_out_of_range (void)
{
  assert_refused ("[sources]\nshuffle=false\n[display]\nkeep-awake=false\ninterval=uint32 1\n",
                  "display/interval: uint32 1 is out of range");
}

static void
test_enum_nick_unknown (void)
{
  assert_refused ("[sources]\nshuffle=false\n[display]\nscale-mode='stretch'\n",
                  "display/scale-mode: 'stretch' is out of range");
}

static void
test_wrong_type (void)
{
  assert_refused ("[sources]\nshuffle=false\n[display]\ninterval='often'\n",
                  "display/interval: not a value of this setting’s type");
}

static void
test_malformed (void)
{
  assert_refused ("[sources]\nshuffle=false\n[display\ninterval=uint32 40\n", "not a settings file");
  assert_refused ("just words\n", "not a settings file");
  assert_refused ("[sources]\nshuffle=false\n\xff\xfe\n", "not UTF-8");
}

static void
test_unknown_names (void)
{
  assert_refused ("[sources]\nshuffle=false\n[display]\nno-such-key=true\n", "display/no-such-key: no such setting");
  assert_refused ("[sources]\nshuffle=false\n[nowhere]\nkey=true\n", "[nowhere]: no such settings group");
  assert_refused ("[sources]\nshuffle=false\n[widgets/clocks/Bad_Id]\nlabel='x'\n", "no such settings group");
  assert_refused ("[sources]\nshuffle=false\n[/]\nno-such-key=1\n", "no-such-key: no such setting");
}

/* Reset puts every area back, the listed clocks too. */
static void
test_reset (void)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) accessibility = area (root, "accessibility");
  g_autoptr(GSettings) main_clock = clock_settings ("main");
  g_autofree char *text = NULL;

  g_settings_set_boolean (accessibility, "reduce-motion", TRUE);
  g_settings_set_string (main_clock, "label", "Home");
  reset_all (root);
  g_assert_false (g_settings_get_boolean (accessibility, "reduce-motion"));
  text = g_settings_get_string (main_clock, "label");
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  text = vitrine_settings_file_export (root);
  g_assert_null (strchr (text, '['));
}

/* Imports @file over dimming on at 0.5 and says what the switch and amount are after. */
static void
import_dim (const char *file,
            gboolean   *enabled,
            double     *dim)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) display = area (root, "display");
  g_autoptr(GError) error = NULL;

  reset_all (root);
  g_settings_set_boolean (display, "dim-enabled", TRUE);
  g_settings_set_double (display, "dim", 0.5);
  g_assert_true (vitrine_settings_file_import (root, file, strlen (file), &error));
  g_assert_no_error (error);
  *enabled = g_settings_get_boolean (display, "dim-enabled");
  *dim = g_settings_get_double (display, "dim");
  reset_all (root);
}

/* A file from before dim-enabled: `dim` 0 was off, any other value on by that much. */
static void
test_legacy_dim (void)
{
  gboolean enabled;
  double dim;

  import_dim ("[display]\ndim=0.0\n", &enabled, &dim);
  g_assert_false (enabled);
  g_assert_cmpfloat (dim, ==, 0.5);  /* off; the amount is kept for when it is on again */
  import_dim ("[display]\ndim=0.45\ninterval=uint32 40\n", &enabled, &dim);
  g_assert_true (enabled);
  g_assert_cmpfloat (dim, ==, 0.45);
  /* The old range allowed less than 10 %. */
  import_dim ("[display]\ndim=0.05\n", &enabled, &dim);
  g_assert_true (enabled);
  g_assert_cmpfloat (dim, ==, 0.1);
  /* A file of this version says both, and means them. */
  import_dim ("[display]\ndim-enabled=false\ndim=0.6\n", &enabled, &dim);
  g_assert_false (enabled);
  g_assert_cmpfloat (dim, ==, 0.6);
  import_dim ("[display]\ndim-enabled=true\n", &enabled, &dim);
  g_assert_true (enabled);
  g_assert_cmpfloat (dim, ==, 0.5);
  /* Out of the old range too, or 0 next to the switch: refused as before. */
  assert_refused ("[sources]\nshuffle=false\n[display]\ndim=0.95\n", "display/dim: 0.95 is out of range");
  assert_refused ("[sources]\nshuffle=false\n[display]\ndim-enabled=false\ndim=0.0\n",
                  "display/dim: 0.0 is out of range");
  assert_refused ("[sources]\nshuffle=false\n[display]\ndim='dark'\n", "display/dim: not a value");
}

/* The switch goes out with the amount, even off, so the file is not taken for an old one. */
static void
test_dim_export (void)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) display = area (root, "display");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  reset_all (root);
  /* Stored by an older version (an amount, the switch never set): on, as at startup. */
  g_settings_set_double (display, "dim", 0.6);
  text = vitrine_settings_file_export (root);
  g_assert_nonnull (strstr (text, "dim-enabled=true\n"));
  g_clear_pointer (&text, g_free);

  g_settings_set_boolean (display, "dim-enabled", FALSE);
  text = vitrine_settings_file_export (root);
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "dim-enabled=false\n"));
  g_assert_nonnull (strstr (text, "\ndim=0."));
  reset_all (root);
  g_settings_set_boolean (display, "dim-enabled", TRUE);
  g_assert_true (vitrine_settings_file_import (root, text, strlen (text), &error));
  g_assert_no_error (error);
  g_assert_false (g_settings_get_boolean (display, "dim-enabled"));
  g_assert_cmpfloat (g_settings_get_double (display, "dim"), ==, 0.6);
  reset_all (root);
}

/* A file naming the weather units as older versions wrote them still loads; "locale",
 * the default, is not written. */
static void
test_weather_units (void)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) widgets = area (root, "widgets");
  const char *metric = "[widgets]\nweather-units='metric'\n";
  const char *imperial = "[widgets]\nweather-units='imperial'\n";
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  reset_all (root);
  g_assert_cmpint (g_settings_get_enum (widgets, "weather-units"), ==, VITRINE_WEATHER_UNITS_LOCALE);
  text = vitrine_settings_file_export (root);
  g_assert_null (strstr (text, "weather-units"));
  g_assert_true (vitrine_settings_file_import (root, imperial, strlen (imperial), &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_settings_get_enum (widgets, "weather-units"), ==, VITRINE_WEATHER_UNITS_IMPERIAL);
  g_assert_true (vitrine_settings_file_import (root, metric, strlen (metric), &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_settings_get_enum (widgets, "weather-units"), ==, VITRINE_WEATHER_UNITS_METRIC);
  g_clear_pointer (&text, g_free);
  text = vitrine_settings_file_export (root);
  g_assert_nonnull (strstr (text, "weather-units='metric'\n"));
  reset_all (root);
}

/* What the keyfile @dir/keyfile holds for display/dim-enabled after migrating @stored. */
static char *
migrate_stored (const char *dir,
                const char *stored)
{
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autoptr(GSettingsBackend) backend = NULL;
  g_autoptr(GSettings) root = NULL;
  g_autoptr(GKeyFile) after = g_key_file_new ();

  g_assert_true (g_file_set_contents (path, stored, -1, NULL));
  backend = g_keyfile_settings_backend_new (path, "/", NULL);
  root = g_settings_new_full (g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                               APP_ID, TRUE),
                              backend, "/io/github/vitrine/Vitrine/");
  vitrine_settings_file_migrate (root);
  g_settings_sync ();
  g_assert_true (g_key_file_load_from_file (after, path, G_KEY_FILE_NONE, NULL));
  return g_key_file_get_value (after, "io/github/vitrine/Vitrine/display", "dim-enabled", NULL);
}

/* Stored settings of an older version, at startup: an amount turns the switch on, once; a
 * stored 0 (outside the key's range now) reads as off and writes nothing. */
static void
test_migrate (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrine-migrate-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *on = NULL;
  g_autofree char *zero = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *none = NULL;

  g_assert_nonnull (dir);
  on = migrate_stored (dir, "[io/github/vitrine/Vitrine/display]\ndim=0.5\n");
  g_assert_cmpstr (on, ==, "true");
  zero = migrate_stored (dir, "[io/github/vitrine/Vitrine/display]\ndim=0.0\n");
  g_assert_null (zero);
  /* Once the switch has a value of its own, it is the user's. */
  kept = migrate_stored (dir, "[io/github/vitrine/Vitrine/display]\ndim=0.5\ndim-enabled=false\n");
  g_assert_cmpstr (kept, ==, "false");
  none = migrate_stored (dir, "[io/github/vitrine/Vitrine/display]\ninterval=uint32 40\n");
  g_assert_null (none);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* The memory backend writes nothing: no folders to isolate (and GLib's isolation
   * leaks its paths, which the leak checks of the unit suite would report). */
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Settings files: every non-default key out, merged back in, bad files refused whole");

  g_test_add_func ("/SettingsFile/round-trip", test_round_trip);
  g_test_add_func ("/SettingsFile/merge", test_merge);
  g_test_add_func ("/SettingsFile/out-of-range", test_out_of_range);
  g_test_add_func ("/SettingsFile/enum-nick-unknown", test_enum_nick_unknown);
  g_test_add_func ("/SettingsFile/wrong-type", test_wrong_type);
  g_test_add_func ("/SettingsFile/malformed", test_malformed);
  g_test_add_func ("/SettingsFile/unknown-names", test_unknown_names);
  g_test_add_func ("/SettingsFile/reset", test_reset);
  g_test_add_func ("/SettingsFile/legacy-dim", test_legacy_dim);
  g_test_add_func ("/SettingsFile/dim-export", test_dim_export);
  g_test_add_func ("/SettingsFile/weather-units", test_weather_units);
  g_test_add_func ("/SettingsFile/migrate", test_migrate);

  return g_test_run ();
}
