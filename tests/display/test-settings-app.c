/* test-settings-app.c: the settings as the real binary shows them, under Xvfb with a
 * private D-Bus session per test and real input through xdotool: on a first run the demo
 * photos and "Press S to choose your photos", gone after S (which opens the settings on
 * Sources) or a click; "Preview on the Display" running one transition once.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "vitrine-test-app.h"
#include "vitrine-test-util.h"

#define HINT "Press S to choose your photos"

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

/* The status once the first display window's notice says @hint (or, with @hint FALSE,
 * once it no longer does), or after 10 s. Other notices (no photos, when the demo set is
 * not built) may come before it. */
static JsonObject *
wait_for_hint (gboolean hint)
{
  JsonObject *status = NULL;

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      JsonNode *notice;

      g_clear_pointer (&status, json_object_unref);
      status = vt_app_status ();
      if (json_array_get_length (json_object_get_array_member (status, "displays")) == 0)
        {
          vt_sleep (100);
          continue;
        }
      notice = json_object_get_member (vt_app_first_display (status), "notice");
      if ((!json_node_is_null (notice) && strstr (json_node_get_string (notice), HINT) != NULL) == hint)
        break;
      vt_sleep (100);
    }
  return status;
}

static gboolean
shows_hint (JsonObject *status)
{
  JsonNode *notice = json_object_get_member (vt_app_first_display (status), "notice");

  return !json_node_is_null (notice) && strstr (json_node_get_string (notice), HINT) != NULL;
}

static gboolean
wait_for_page (const char *page)
{
  for (guint attempt = 0; attempt < 50; attempt++)
    {
      g_autoptr(JsonObject) status = vt_app_status ();
      JsonObject *application = json_object_get_object_member (status, "application");

      if (g_strcmp0 (json_object_get_string_member (application, "settings_page"), page) == 0)
        return TRUE;
      vt_sleep (100);
    }
  return FALSE;
}

/*
 * First run, nothing configured: the demo photos and "Press S to choose your photos";
 * S opens the settings on Sources, and that first visit ends the hint.
 */
static void
test_first_run_hint_s (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  JsonObject *application;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start ("--window", NULL);
  status = vt_app_wait_until_mapped ();
  g_clear_pointer (&status, json_object_unref);
  status = wait_for_hint (TRUE);
  g_assert_true (shows_hint (status));
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (status, "application"),
                                                 "first_run_hint"));

  /* No window manager under Xvfb: the keyboard follows the pointer into the window. */
  g_assert_true (vt_xdotool ("mousemove", "200", "200", NULL));
  vt_sleep (200);
  g_assert_true (vt_xdotool ("key", "s", NULL));
  g_clear_pointer (&status, json_object_unref);
  status = wait_for_hint (FALSE);
  application = json_object_get_object_member (status, "application");
  g_assert_false (shows_hint (status));
  g_assert_true (json_object_get_boolean_member (application, "settings_window"));
  g_assert_cmpstr (json_object_get_string_member (application, "settings_page"), ==, "sources");
  g_assert_false (json_object_get_boolean_member (application, "first_run_hint"));

  /* The pages from the keyboard: Ctrl+Page Down the next, Alt+9 the ninth. */
  g_assert_true (vt_xdotool ("key", "ctrl+Next", NULL));
  g_assert_true (wait_for_page ("display"));
  g_assert_true (vt_xdotool ("key", "alt+9", NULL));
  g_assert_true (wait_for_page ("about"));
  g_assert_true (vt_xdotool ("key", "ctrl+Prior", NULL));
  g_assert_true (wait_for_page ("caches"));
}

/* A click on the display ends the hint too. */
static void
test_first_run_hint_click (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start ("--window", NULL);
  status = vt_app_wait_until_mapped ();
  g_clear_pointer (&status, json_object_unref);
  status = wait_for_hint (TRUE);
  g_assert_true (shows_hint (status));

  g_assert_true (vt_xdotool ("mousemove", "200", "200", NULL));
  vt_sleep (200);
  g_assert_true (vt_xdotool ("click", "1", NULL));
  g_clear_pointer (&status, json_object_unref);
  status = wait_for_hint (FALSE);
  g_assert_false (shows_hint (status));
  g_assert_false (json_object_get_boolean_member (json_object_get_object_member (status, "application"),
                                                  "first_run_hint"));
}

static void
write_photo (const char *dir,
             const char *name,
             guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 180);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, rgba);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
}

static const char *
compositor_says (const char *member)
{
  static char value[64];
  g_autoptr(JsonObject) status = vt_app_status ();
  JsonObject *slideshow = json_object_get_object_member (status, "slideshow");
  JsonArray *displays;
  JsonNode *node;

  if (slideshow == NULL)
    return NULL;
  displays = json_object_get_array_member (slideshow, "displays");
  if (json_array_get_length (displays) == 0)
    return NULL;
  /* The compositor's transition; what it shows ("current") is the slideshow display's. */
  node = json_object_get_member (g_str_equal (member, "current") ? json_array_get_object_element (displays, 0)
                                 : json_object_get_object_member (json_array_get_object_element (displays, 0),
                                                                  "compositor"), member);
  if (node == NULL || json_node_is_null (node))
    return NULL;
  g_strlcpy (value, json_node_get_string (node), sizeof value);
  return value;
}

static gboolean
wait_for_transition (const char *name)
{
  for (guint attempt = 0; attempt < 150; attempt++)
    {
      if (g_strcmp0 (compositor_says ("transition"), name) == 0)
        return TRUE;
      vt_sleep (100);
    }
  return FALSE;
}

/* The settings' "Preview on the display": the next photo with that transition, once;
 * the change after it is the settings' own again (here: Crossfade, random off). */
static void
test_preview_transition (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *keyfile_dir = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  g_autofree char *saved_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  g_autofree char *photos = g_build_filename (fixture->dirs, "photos", NULL);
  g_autofree char *folder = g_strconcat ("--folder=", photos, NULL);
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(GError) error = NULL;

  if (vt_app_skip_without_display ())
    return;

  /* Photos of its own: the demo set is not built everywhere (not under ASan). */
  g_assert_cmpint (g_mkdir_with_parents (photos, 0700), ==, 0);
  write_photo (photos, "a.png", 0xcc3333ff);
  write_photo (photos, "b.png", 0x3333ccff);
  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_file_set_contents (keyfile, "[io/github/vitrine/Vitrine/transitions]\nrandom=false\nduration=0.2\n", -1, &error);
  g_assert_no_error (error);
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  fixture->app = vt_app_start ("--window", folder, NULL);
  g_setenv ("GSETTINGS_BACKEND", saved_backend != NULL ? saved_backend : "memory", TRUE);
  status = vt_app_wait_until_mapped ();
  for (guint attempt = 0; attempt < 150 && compositor_says ("current") == NULL; attempt++)
    vt_sleep (100);
  g_assert_nonnull (compositor_says ("current"));

  call_application ("ActivateAction", g_variant_new_parsed ("('preview-transition', [<'blinds'>], @a{sv} {})"));
  g_assert_true (wait_for_transition ("blinds"));
  vt_sleep (500);
  call_application ("ActivateAction", g_variant_new_parsed ("('next', @av [], @a{sv} {})"));
  g_assert_true (wait_for_transition ("crossfade"));
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
  g_test_summary ("The first-run hint and the settings' preview, with the real vitrine binary");

  add_app_test ("/SettingsApp/first-run/hint-and-s", test_first_run_hint_s);
  add_app_test ("/SettingsApp/first-run/hint-and-click", test_first_run_hint_click);
  add_app_test ("/SettingsApp/preview-transition", test_preview_transition);

  return g_test_run ();
}
