/* test-disk-resume.c: with the disk cache on, the real application remembers the photo on
 * screen, and after a restart shows that photo again first, from the disk cache, with the
 * image worker started before the display's window and the folder scan after that photo.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "vitrine-test-app.h"
#include "vitrine-test-util.h"

static char *
write_solid (const char *dir,
             const char *name,
             guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 360);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, rgba);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static JsonObject *
slideshow (JsonObject *status)
{
  JsonNode *node = json_object_get_member (status, "slideshow");

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The first display's settled photo, or NULL. */
static const char *
settled_photo (JsonObject *status)
{
  JsonObject *show = slideshow (status), *display;
  JsonArray *displays;

  if (show == NULL || (displays = json_object_get_array_member (show, "displays")) == NULL ||
      json_array_get_length (displays) == 0)
    return NULL;
  display = json_array_get_object_element (displays, 0);
  if (json_node_is_null (json_object_get_member (display, "current")) ||
      json_object_get_boolean_member (json_object_get_object_member (display, "compositor"), "busy"))
    return NULL;
  return json_object_get_string_member (display, "current");
}

static JsonObject *
object_at (JsonObject *object,
           const char *name)
{
  return json_object_get_object_member (object, name);
}

/* The image worker's entry in --status. */
static JsonObject *
image_worker (JsonObject *status)
{
  JsonArray *workers = json_object_get_array_member (status, "workers");

  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *worker = json_array_get_object_element (workers, i);

      if (g_str_equal (json_object_get_string_member (worker, "role"), "image"))
        return worker;
    }
  g_assert_not_reached ();
}

/* The scan's first batch is in: it went on after the resumed photo. */
static gboolean
scanned (JsonObject *status)
{
  return json_object_get_int_member (object_at (slideshow (status), "scan"), "first_batch_us") > 0;
}

/*
 * The start-up order of a restart (docs/PERFORMANCE.md, "The disk cache"): the image
 * worker was spawned and the remembered photo asked for before the display's GL context
 * was made, and the folder scan's first batch came in only after that photo's pixels,
 * and then went on.
 */
static void
assert_start_order (JsonObject *status)
{
  JsonObject *display = json_array_get_object_element (json_object_get_array_member (slideshow (status), "displays"), 0);
  JsonObject *scan = object_at (slideshow (status), "scan");
  gint64 spawned = json_object_get_int_member (image_worker (status), "started_us");
  gint64 realized = json_object_get_int_member (object_at (display, "compositor"), "realized_us");
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  g_autoptr(JsonObject) later = NULL;

  g_assert_cmpint (spawned, >, 0);
  g_assert_cmpint (realized, >, 0);
  g_assert_cmpint (spawned, <, realized);
  /* The photo was asked for at the window's size hint, before its GL context. */
  g_assert_cmpint (json_object_get_int_member (scan, "first_request_us"), >, 0);
  g_assert_cmpint (json_object_get_int_member (scan, "first_request_us"), <, realized);
  g_assert_cmpint (json_object_get_int_member (scan, "first_request_files"), ==, 0);
  while (!scanned (later = vt_app_status ()))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_clear_pointer (&later, json_object_unref);
      vt_sleep (100);
    }
  g_assert_cmpint (json_object_get_int_member (object_at (slideshow (later), "scan"), "first_batch_us"), >=,
                   json_object_get_int_member (object_at (slideshow (later), "scan"), "first_arrival_us"));
}

static JsonObject *
wait_for_photo (void)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(JsonObject) status = vt_app_status ();

      if (settled_photo (status) != NULL)
        return g_steal_pointer (&status);
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      vt_sleep (100);
    }
}

static void
test_resume (void)
{
  g_autofree char *dirs = NULL, *photos = NULL, *keyfile_dir = NULL, *keyfile = NULL;
  g_autofree char *settings = NULL, *saved = NULL, *first = NULL, *quoted = NULL;
  g_autoptr(GSubprocess) bus = NULL;
  GSubprocess *app = NULL;
  JsonObject *disk;

  if (vt_app_skip_without_display ())
    return;
  dirs = vt_isolate_dirs ();
  bus = vt_bus_up ();
  photos = g_build_filename (dirs, "photos", NULL);
  keyfile_dir = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "glib-2.0", "settings", NULL);
  keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);

  g_assert_cmpint (g_mkdir_with_parents (photos, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.png", i);
      g_autofree char *path = write_solid (photos, name, 0x204060ff + (i << 24));
    }
  settings = g_strdup_printf ("[io/github/vitrine/Vitrine/widgets]\nclock-enabled=false\nnow-playing-enabled=false\n\n"
                              "[io/github/vitrine/Vitrine/sources]\nfolders=['%s']\n\n"
                              "[io/github/vitrine/Vitrine/workers]\ndisk-cache=true\n", photos);
  g_assert_true (g_file_set_contents (keyfile, settings, -1, NULL));
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);

  /* The first run: a photo from the scan, written to the disk cache and remembered. */
  app = vt_app_start ("--interval=600", NULL);
  {
    g_autoptr(JsonObject) status = wait_for_photo ();

    first = g_strdup (settled_photo (status));
    disk = json_object_get_object_member (slideshow (status), "disk_cache");
    g_assert_true (json_object_get_boolean_member (disk, "enabled"));
    g_assert_cmpint (json_object_get_int_member (disk, "stored"), >=, 1);
    g_assert_true (json_node_is_null (json_object_get_member (disk, "resumed")));
  }
  vt_app_stop (&app);
  g_assert_true (g_file_get_contents (keyfile, &saved, NULL, NULL));
  quoted = g_strdup_printf ("last-photos=['%s']", first);
  g_assert_nonnull (strstr (saved, quoted));

  /* The restart: that photo again, asked for before the scan, and a hit. */
  app = vt_app_start ("--interval=600", NULL);
  {
    g_autoptr(JsonObject) status = wait_for_photo ();

    g_assert_cmpstr (settled_photo (status), ==, first);
    disk = json_object_get_object_member (slideshow (status), "disk_cache");
    g_assert_cmpstr (json_object_get_string_member (disk, "resumed"), ==, first);
    g_assert_cmpint (json_object_get_int_member (disk, "hits"), >=, 1);
    assert_start_order (status);
  }
  vt_app_stop (&app);

  vt_bus_down (bus);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  vt_remove_tree (dirs);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/disk-resume/restart", test_resume);

  return g_test_run ();
}
