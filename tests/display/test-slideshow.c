/* test-slideshow.c: the slideshow of the real application under Xvfb: the first image on
 * screen, next/previous/pause and the interval, broken files skipped with their reasons,
 * a 10,000-file folder, files added and removed while running, and workers that die or
 * crash on a file.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "vitrine-test-app.h"
#include "vitrine-test-util.h"

typedef struct
{
  GSubprocess *bus;
  GSubprocess *app;
  char        *dirs;
  char        *photos;
} Fixture;

/* The overlay cards (a clock by default) would cover pixels these tests look at: every
 * run here has them off, through a keyfile store in the test's own XDG_CONFIG_HOME. */
#define CARDS_OFF "[io/github/vitrine/Vitrine/widgets]\nclock-enabled=false\nnow-playing-enabled=false\n"

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *keyfile_dir = NULL;
  g_autofree char *keyfile = NULL;

  fixture->dirs = vt_isolate_dirs ();
  fixture->bus = vt_bus_up ();
  fixture->photos = g_build_filename (fixture->dirs, "photos", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->photos, 0700), ==, 0);
  keyfile_dir = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "glib-2.0", "settings", NULL);
  keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, CARDS_OFF, -1, NULL));
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vt_app_stop (&fixture->app);
  vt_bus_down (fixture->bus);
  g_clear_object (&fixture->bus);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  vt_remove_tree (fixture->dirs);
  g_clear_pointer (&fixture->dirs, g_free);
  g_clear_pointer (&fixture->photos, g_free);
}

typedef struct { guint8 r, g, b; } Rgb;

/* A 640 × 360 image of four coloured quadrants. */
static char *
write_quadrants (const char *dir,
                 const char *name,
                 Rgb         colours[4])
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 360);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  for (int y = 0; y < 360; y++)
    for (int x = 0; x < 640; x++)
      {
        Rgb c = colours[(y >= 180) * 2 + (x >= 320)];
        guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3;

        p[0] = c.r, p[1] = c.g, p[2] = c.b;
      }
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
  return path;
}

static char *
write_solid (const char *dir,
             const char *name,
             Rgb         colour)
{
  Rgb colours[4] = { colour, colour, colour, colour };

  return write_quadrants (dir, name, colours);
}

static JsonObject *
slideshow (JsonObject *status)
{
  return json_object_get_object_member (status, "slideshow");
}

static JsonObject *
display0 (JsonObject *status)
{
  return json_array_get_object_element (json_object_get_array_member (slideshow (status), "displays"), 0);
}

static const char *
current (JsonObject *status)
{
  JsonObject *display = display0 (status);

  return display != NULL && !json_node_is_null (json_object_get_member (display, "current"))
           ? json_object_get_string_member (display, "current") : NULL;
}

static gboolean
settled (JsonObject *status)
{
  JsonObject *display = display0 (status);

  return display != NULL &&
         !json_object_get_boolean_member (json_object_get_object_member (display, "compositor"), "busy");
}

typedef gboolean (*StatusCheck) (JsonObject *status, gconstpointer data);

/* Polls --status until @check holds (up to @timeout_ms); returns that status. */
static JsonObject *
wait_for (StatusCheck   check,
          gconstpointer data,
          guint         timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  for (;;)
    {
      g_autoptr(JsonObject) status = vt_app_status ();

      if (json_object_has_member (status, "slideshow") &&
          !json_node_is_null (json_object_get_member (status, "slideshow")) &&
          check (status, data))
        return g_steal_pointer (&status);
      if (g_get_monotonic_time () > end)
        {
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), status);
          g_autofree char *text = NULL;

          json_generator_set_root (generator, node);
          json_generator_set_pretty (generator, TRUE);
          text = json_generator_to_data (generator, NULL);
          g_error ("status never matched; last:\n%s", text);
        }
      vt_sleep (100);
    }
}

/* `vitrine --next`, a remote command to the running display. */
static void
next_photo (void)
{
  g_auto(VtResult) result = { 0 };

  vt_run (&result, "--next", NULL);
  g_assert_cmpint (result.status, ==, 0);
}

static gboolean
shows (JsonObject    *status,
       gconstpointer  path)
{
  return g_strcmp0 (current (status), path) == 0 && settled (status);
}

static gboolean
shows_any (JsonObject    *status,
           gconstpointer  data)
{
  return current (status) != NULL && settled (status);
}

static gboolean
shows_other_than (JsonObject    *status,
                  gconstpointer  path)
{
  return current (status) != NULL && g_strcmp0 (current (status), path) != 0 && settled (status);
}

static void
assert_colour_near (GdkPixbuf *shot,
                    int        x,
                    int        y,
                    Rgb        want)
{
  const guint8 *p = gdk_pixbuf_read_pixels (shot) + y * gdk_pixbuf_get_rowstride (shot) +
                    x * gdk_pixbuf_get_n_channels (shot);

  if (ABS (p[0] - want.r) > 3 || ABS (p[1] - want.g) > 3 || ABS (p[2] - want.b) > 3)
    g_error ("screen (%d, %d) is %u,%u,%u; expected %u,%u,%u", x, y, p[0], p[1], p[2],
             want.r, want.g, want.b);
}

/* The first image fills the screen exactly as prescaled: quadrant by quadrant. */
static void
test_first_image (Fixture       *fixture,
                  gconstpointer  data)
{
  Rgb colours[4] = { { 200, 30, 40 }, { 30, 180, 60 }, { 40, 60, 210 }, { 230, 220, 40 } };
  g_autofree char *path = write_quadrants (fixture->photos, "quadrants.png", colours);
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(GdkPixbuf) shot = NULL;
  JsonObject *compositor;
  int w, h;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start (folder, NULL);
  status = wait_for (shows, path, 20000);
  compositor = json_object_get_object_member (display0 (status), "compositor");
  g_assert_null (json_object_get_string_member (compositor, "gl_error"));
  g_assert_cmpint (json_object_get_int_member (compositor, "transitions"), >=, 1);
  g_assert_cmpint (json_object_get_int_member (slideshow (status), "files"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (slideshow (status), "source"), ==, "folders");

  shot = vt_screenshot ();
  w = gdk_pixbuf_get_width (shot);
  h = gdk_pixbuf_get_height (shot);
  g_assert_cmpint (json_object_get_int_member (display0 (status), "width"), ==, w);
  /* Sampled away from the seams, where scaling blends neighbours. */
  for (int qy = 0; qy < 2; qy++)
    for (int qx = 0; qx < 2; qx++)
      for (int sy = 1; sy <= 3; sy++)
        for (int sx = 1; sx <= 3; sx++)
          assert_colour_near (shot, qx * w / 2 + sx * w / 8 - w / 16 + 8, qy * h / 2 + sy * h / 8 - h / 16 + 8,
                              colours[qy * 2 + qx]);

  /* A still photo (no Ken Burns, no transition) draws no more frames: the frame clock idles. */
  {
    g_autoptr(JsonObject) later = NULL;
    gint64 frames = json_object_get_int_member (compositor, "frames");

    vt_sleep (2000);
    later = vt_app_status ();
    g_test_message ("%" G_GINT64_FORMAT " frames drawn in 2 s of a still photo",
                    json_object_get_int_member (json_object_get_object_member (display0 (later), "compositor"),
                                                "frames") - frames);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (display0 (later), "compositor"),
                                                 "frames"), <=, frames + 2);
  }
}

static gboolean
shows_and_paused (JsonObject    *status,
                  gconstpointer  paused)
{
  return shows_any (status, NULL) &&
         json_object_get_boolean_member (slideshow (status), "paused") == GPOINTER_TO_INT (paused);
}

/* Next and previous step through the history; the interval moves on by itself, except
 * while paused. */
static void
test_navigation (Fixture       *fixture,
                 gconstpointer  data)
{
  static const Rgb colours[] = { { 255, 0, 0 }, { 0, 255, 0 }, { 0, 0, 255 }, { 255, 255, 0 } };
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autoptr(JsonObject) status = NULL;
  g_autofree char *first = NULL, *second = NULL, *third = NULL;
  g_auto(VtResult) result = { 0 };

  if (vt_app_skip_without_display ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.png", i);

      g_free (write_solid (fixture->photos, name, colours[i]));
    }

  fixture->app = vt_app_start (folder, "--interval=3", NULL);
  status = wait_for (shows_any, NULL, 20000);

  /* Paused with Space before the commands, so that the interval cannot move on between a
   * command and the check of what it showed, which a slow build (ASan) makes likely at 3 s;
   * next and previous work while paused. */
  g_assert_true (vt_xdotool ("key", "space", NULL));
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows_and_paused, GINT_TO_POINTER (TRUE), 5000);
  first = g_strdup (current (status));

  vt_run (&result, "--next", NULL);
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows_other_than, first, 10000);
  second = g_strdup (current (status));

  vt_result_clear (&result);
  vt_run (&result, "--previous", NULL);
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows, first, 10000);

  vt_result_clear (&result);
  vt_run (&result, "--next", NULL);
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows, second, 10000);

  /* Still paused after the commands: nothing changes for longer than the interval. */
  vt_sleep (4500);
  g_clear_pointer (&status, json_object_unref);
  status = vt_app_status ();
  g_assert_cmpstr (current (status), ==, second);

  /* Running again: the interval moves on within its 3 seconds (and some slack). */
  g_assert_true (vt_xdotool ("key", "space", NULL));
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows_other_than, second, 8000);
  third = g_strdup (current (status));
  g_assert_false (json_object_get_boolean_member (slideshow (status), "paused"));
}

static gboolean
skipped_count (JsonObject    *status,
               gconstpointer  count)
{
  return json_array_get_length (json_object_get_array_member (slideshow (status), "skipped")) ==
           GPOINTER_TO_UINT (count) && shows_any (status, NULL);
}

static const char *
skipped_reason (JsonObject *status,
                const char *path)
{
  JsonArray *skipped = json_object_get_array_member (slideshow (status), "skipped");

  for (guint i = 0; i < json_array_get_length (skipped); i++)
    {
      JsonObject *entry = json_array_get_object_element (skipped, i);

      if (g_str_equal (json_object_get_string_member (entry, "path"), path))
        return json_object_get_string_member (entry, "reason");
    }
  return NULL;
}

/* Broken files are skipped at once with their reasons; the good one stays on screen. */
static void
test_broken_files (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *good = write_solid (fixture->photos, "good.png", (Rgb) { 10, 200, 90 });
  g_autofree char *empty = g_build_filename (fixture->photos, "empty.jpg", NULL);
  g_autofree char *noise = g_build_filename (fixture->photos, "noise.png", NULL);
  g_autofree char *truncated = g_build_filename (fixture->photos, "truncated.png", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonObject) status = NULL;
  gsize length;

  if (vt_app_skip_without_display ())
    return;

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, NULL));
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (noise, "this is not an image at all, just words", -1, NULL));

  fixture->app = vt_app_start (folder, "--interval=2", NULL);
  /* Each broken file is tried once as the interval and --next go round. */
  for (guint i = 0; i < 6; i++)
    {
      next_photo ();
      vt_sleep (300);
    }
  status = wait_for (skipped_count, GUINT_TO_POINTER (3), 20000);
  g_assert_cmpstr (current (status), ==, good);
  g_assert_cmpint (json_object_get_int_member (slideshow (status), "files"), ==, 1);
  g_assert_nonnull (strstr (skipped_reason (status, empty), "empty file"));
  g_assert_nonnull (strstr (skipped_reason (status, noise), "not an image"));
  g_assert_nonnull (strstr (skipped_reason (status, truncated), "truncated"));
}

static gboolean
shows_and_knows (JsonObject    *status,
                 gconstpointer  files)
{
  return shows_any (status, NULL) &&
         json_object_get_int_member (slideshow (status), "files") == GPOINTER_TO_INT (files) &&
         json_object_get_boolean_member (json_object_get_object_member (slideshow (status), "scan"), "done");
}

/* 10,000 files: the first image is asked for before the scan is done. */
static void
test_large_folder (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *original = write_solid (fixture->dirs, "one.png", (Rgb) { 90, 90, 200 });
  g_autoptr(JsonObject) status = NULL;
  JsonObject *scan;

  if (vt_app_skip_without_display ())
    return;

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/%02u", fixture->photos, i % 40);
      g_autofree char *path = g_strdup_printf ("%s/%05u.png", dir, i);

      g_mkdir_with_parents (dir, 0700);
      g_assert_cmpint (link (original, path), ==, 0);
    }

  fixture->app = vt_app_start (folder, NULL);
  status = wait_for (shows_and_knows, GINT_TO_POINTER (10000), 60000);
  scan = json_object_get_object_member (slideshow (status), "scan");
  g_assert_false (json_object_get_boolean_member (scan, "first_request_scan_done"));
  g_assert_cmpint (json_object_get_int_member (scan, "first_request_files"), <, 10000);
  g_assert_cmpint (json_object_get_int_member (scan, "batches"), >, 1);
}

/* Files added to and removed from the folder while running are picked up. */
static gboolean
knows_files (JsonObject    *status,
             gconstpointer  files)
{
  return json_object_get_int_member (slideshow (status), "files") == GPOINTER_TO_INT (files);
}

/* The first display window's notice, NULL when it says nothing. */
static const char *
notice (JsonObject *status)
{
  JsonObject *window = json_array_get_object_element (json_object_get_array_member (status, "displays"), 0);

  return window != NULL && json_object_has_member (window, "notice") ? json_object_get_string_member (window, "notice")
                                                                      : NULL;
}

static gboolean
says (JsonObject    *status,
      gconstpointer  text)
{
  return notice (status) != NULL && strstr (notice (status), text) != NULL;
}

static gboolean
shows_quietly (JsonObject    *status,
               gconstpointer  path)
{
  return shows (status, path) && notice (status) == NULL;
}

/*
 * A folder without photos: the display says so, naming the folder, instead of showing
 * the logo without a word; a photo added later goes on screen and the notice goes.
 */
static void
test_empty_folder (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *expected = g_strdup_printf ("No photos found in %s", fixture->photos);
  g_autoptr(JsonObject) status = NULL;
  g_autofree char *a = NULL;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start (folder, NULL);
  status = wait_for (says, expected, 20000);
  g_assert_cmpint (json_object_get_int_member (slideshow (status), "files"), ==, 0);
  g_assert_null (current (status));

  a = write_solid (fixture->photos, "a.png", (Rgb) { 200, 0, 0 });
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows_quietly, a, 20000);
}

static void
test_folder_changes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *a = write_solid (fixture->photos, "a.png", (Rgb) { 200, 0, 0 });
  g_autofree char *b = NULL;
  g_autoptr(JsonObject) status = NULL;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start (folder, NULL);
  status = wait_for (shows, a, 20000);
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows_and_knows, GINT_TO_POINTER (1), 10000);

  b = write_solid (fixture->photos, "b.png", (Rgb) { 0, 0, 200 });
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (knows_files, GINT_TO_POINTER (2), 15000);

  g_assert_cmpint (g_unlink (a), ==, 0);
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (knows_files, GINT_TO_POINTER (1), 15000);

  /* The one left is what the next step shows. */
  next_photo ();
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows, b, 10000);
}

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

static gboolean
quarantined_and_skipped (JsonObject    *status,
                         gconstpointer  path)
{
  JsonNode *list = json_object_get_member (image_worker (status), "quarantined");
  gboolean quarantined = FALSE;

  for (guint i = 0; list != NULL && JSON_NODE_HOLDS_ARRAY (list) &&
                    i < json_array_get_length (json_node_get_array (list)); i++)
    quarantined |= g_str_equal (json_array_get_string_element (json_node_get_array (list), i), path);
  return quarantined && skipped_reason (status, path) != NULL && shows_any (status, NULL);
}

/* A file that crashes the image worker is quarantined and skipped; the slideshow goes on. */
static void
test_crashing_file (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *good = write_solid (fixture->photos, "good.png", (Rgb) { 10, 200, 90 });
  g_autofree char *bomb = write_solid (fixture->photos, "crashes-the-decoder.png", (Rgb) { 1, 2, 3 });
  g_autofree char *fault = g_strconcat ("crash=", bomb, NULL);
  g_autoptr(JsonObject) status = NULL;

  if (vt_app_skip_without_display ())
    return;

  g_setenv ("VITRINE_TEST_WORKER_FAULT_IMAGE", fault, TRUE);
  fixture->app = vt_app_start (folder, "--interval=2", NULL);
  g_unsetenv ("VITRINE_TEST_WORKER_FAULT_IMAGE");

  status = wait_for (quarantined_and_skipped, bomb, 30000);
  g_assert_nonnull (strstr (skipped_reason (status, bomb), "quarantined"));
  g_assert_cmpint (json_object_get_int_member (image_worker (status), "restarts"), >=, 1);
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows, good, 10000);
}

/*
 * A failure that is not the file's fault (@data: a fault on the image worker's second
 * request, the first prescale after the scan) never skips the file: the one photo there
 * is comes up once it is asked for again.
 */
static void
test_not_the_files_fault (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *good = write_solid (fixture->photos, "good.png", (Rgb) { 10, 200, 90 });
  g_autoptr(JsonObject) status = NULL;

  if (vt_app_skip_without_display ())
    return;

  g_setenv ("VITRINE_TEST_WORKER_FAULT_IMAGE", data, TRUE);
  fixture->app = vt_app_start (folder, "--interval=600", NULL);
  g_unsetenv ("VITRINE_TEST_WORKER_FAULT_IMAGE");

  status = wait_for (shows, good, 15000);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (slideshow (status), "skipped")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (slideshow (status), "files"), ==, 1);
}

static gboolean
wants_something (JsonObject    *status,
                 gconstpointer  data)
{
  JsonObject *display = display0 (status);

  return display != NULL && !json_node_is_null (json_object_get_member (display, "wanted"));
}

static const char *
wanted (JsonObject *status)
{
  return json_object_get_string_member (display0 (status), "wanted");
}

static gboolean
wants (JsonObject    *status,
       gconstpointer  path)
{
  return wants_something (status, NULL) && g_strcmp0 (wanted (status), path) == 0;
}

static gboolean
image_worker_restarted (JsonObject    *status,
                        gconstpointer  data)
{
  return json_object_get_int_member (image_worker (status), "restarts") >= 1;
}

/*
 * The image worker killed in the middle of a decode that would never end: the display
 * moves on to the other image. Two files (shuffle never repeats one back to back) and no
 * prefetch, so the slow decode starts exactly when the display asks for that file.
 */
static void
test_worker_killed_mid_decode (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *saved_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *first = write_solid (fixture->photos, "a-first.png", (Rgb) { 200, 0, 0 });
  g_autofree char *slow = write_solid (fixture->photos, "b-slow.png", (Rgb) { 0, 200, 0 });
  /* Never done in time: this test kills the worker first, or the 10 s deadline does. */
  g_autofree char *fault = g_strconcat ("slow:60000=", slow, NULL);
  g_autofree char *keyfile_dir = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  g_autoptr(JsonObject) status = NULL;
  gint64 pid;

  if (vt_app_skip_without_display ())
    return;

  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, CARDS_OFF "[io/github/vitrine/Vitrine/workers]\nprefetch-count=0\n", -1, NULL));
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("VITRINE_TEST_WORKER_FAULT_IMAGE", fault, TRUE);
  fixture->app = vt_app_start (folder, "--interval=600", NULL);
  g_unsetenv ("VITRINE_TEST_WORKER_FAULT_IMAGE");
  g_setenv ("GSETTINGS_BACKEND", saved_backend != NULL ? saved_backend : "memory", TRUE);

  status = wait_for (wants_something, NULL, 20000);
  if (!g_str_equal (wanted (status), slow))
    {
      /* The good one first: once it is up, the next step can only be the slow one. */
      g_clear_pointer (&status, json_object_unref);
      status = wait_for (shows, first, 20000);
      next_photo ();
      g_clear_pointer (&status, json_object_unref);
      status = wait_for (wants, slow, 10000);
    }
  g_assert_cmpstr (current (status), !=, slow);

  pid = json_object_get_int_member (image_worker (status), "pid");
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (kill ((pid_t) pid, SIGKILL), ==, 0);

  /* The display moves on to the other image (at once, it is cached), and the worker comes
   * back after its restart backoff. */
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows, first, 15000);
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (image_worker_restarted, NULL, 15000);
  g_assert_cmpint (json_object_get_int_member (image_worker (status), "restarts"), >=, 1);
  g_assert_cmpstr (current (status), ==, first);
}

/*
 * A decode past the image deadline: the worker is killed for it (which strikes nothing in
 * its poison list), so the display skips the file for the rest of the run with the reason
 * instead of asking again and costing a restart each time. A 1 s deadline keeps it short.
 */
static void
test_decode_past_deadline (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *saved_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *first = write_solid (fixture->photos, "a-first.png", (Rgb) { 200, 0, 0 });
  g_autofree char *slow = write_solid (fixture->photos, "b-slow.png", (Rgb) { 0, 200, 0 });
  g_autofree char *fault = g_strconcat ("slow:60000=", slow, NULL);
  g_autofree char *keyfile_dir = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  g_autoptr(JsonObject) status = NULL;

  if (vt_app_skip_without_display ())
    return;

  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, CARDS_OFF "[io/github/vitrine/Vitrine/workers]\n"
                                               "prefetch-count=0\nimage-deadline=1.0\n", -1, NULL));
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("VITRINE_TEST_WORKER_FAULT_IMAGE", fault, TRUE);
  fixture->app = vt_app_start (folder, "--interval=600", NULL);
  g_unsetenv ("VITRINE_TEST_WORKER_FAULT_IMAGE");
  g_setenv ("GSETTINGS_BACKEND", saved_backend != NULL ? saved_backend : "memory", TRUE);

  status = wait_for (wants_something, NULL, 20000);
  if (!g_str_equal (wanted (status), slow))
    {
      g_clear_pointer (&status, json_object_unref);
      status = wait_for (shows, first, 20000);
      next_photo ();
    }

  g_clear_pointer (&status, json_object_unref);
  status = wait_for (skipped_count, GUINT_TO_POINTER (1), 20000);
  g_assert_nonnull (strstr (skipped_reason (status, slow), "deadline"));
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows, first, 15000);

  /* Asked to move on again, the display stays on the good one: the slow file is not
   * decoded again, so the worker is not killed again. */
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (image_worker_restarted, NULL, 15000);
  next_photo ();
  g_usleep (2 * G_USEC_PER_SEC);
  g_clear_pointer (&status, json_object_unref);
  status = vt_app_status ();
  g_assert_cmpstr (current (status), ==, first);
  g_assert_cmpint (json_object_get_int_member (image_worker (status), "restarts"), ==, 1);
}

/*
 * Quitting while a photo is being decoded blames nobody (docs/ARCHITECTURE.md §3): the
 * next start shows the photo. One photo and a slow decode, so the quit lands mid-decode.
 */
static void
test_quit_mid_decode (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *only = write_solid (fixture->photos, "only.png", (Rgb) { 30, 60, 200 });
  g_autofree char *fault = g_strconcat ("slow:8000=", only, NULL);
  g_autoptr(JsonObject) status = NULL;
  JsonArray *quarantined;

  if (vt_app_skip_without_display ())
    return;

  g_setenv ("VITRINE_TEST_WORKER_FAULT_IMAGE", fault, TRUE);
  fixture->app = vt_app_start (folder, NULL);
  g_unsetenv ("VITRINE_TEST_WORKER_FAULT_IMAGE");
  status = wait_for (wants, only, 20000);
  /* Well inside the 8 s decode. */
  g_usleep (500 * 1000);
  vt_app_stop (&fixture->app);

  fixture->app = vt_app_start (folder, NULL);
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows, only, 20000);
  quarantined = json_object_get_array_member (image_worker (status), "quarantined");
  g_assert_cmpuint (json_array_get_length (quarantined), ==, 0);
}

/* Other folders in settings take effect live; the old image stays until a new one is up. */
static void
test_folders_setting (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *saved_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  g_autofree char *dir_b = g_build_filename (fixture->dirs, "other", NULL);
  g_autofree char *a = write_solid (fixture->photos, "a.png", (Rgb) { 200, 0, 0 });
  g_autofree char *b = NULL;
  g_autofree char *keyfile_dir = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  g_autofree char *contents = g_strdup_printf (CARDS_OFF "[io/github/vitrine/Vitrine/sources]\nfolders=['%s']\n", fixture->photos);
  g_autofree char *value = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status;

  if (vt_app_skip_without_display ())
    return;

  g_assert_cmpint (g_mkdir_with_parents (dir_b, 0700), ==, 0);
  b = write_solid (dir_b, "b.png", (Rgb) { 0, 0, 200 });
  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, contents, -1, NULL));

  /* A file-backed store both processes see, in this test's own XDG_CONFIG_HOME. */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  fixture->app = vt_app_start (NULL, NULL);
  status = wait_for (shows, a, 20000);

  value = g_strdup_printf ("['%s']", dir_b);
  {
    const char *argv[] = { "gsettings", "set", APP_ID ".Sources", "folders", value, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                 NULL, NULL, &wait_status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  }
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows, b, 20000);
  g_assert_cmpint (json_object_get_int_member (slideshow (status), "files"), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (slideshow (status), "roots"), 0),
                   ==, dir_b);

  g_setenv ("GSETTINGS_BACKEND", saved_backend != NULL ? saved_backend : "memory", TRUE);
}

static JsonObject *
compositor0 (JsonObject *status)
{
  return json_object_get_object_member (display0 (status), "compositor");
}

/* Key C: the next transition type, random off; the next change uses it. */
static void
test_cycle_transition (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autoptr(JsonObject) status = NULL;
  /* Diffuse needs the transition worker's payload before it can start. */
  static const char *const expected[] = { "slide", "wipe", "diffuse" };

  if (vt_app_skip_without_display ())
    return;

  g_free (write_solid (fixture->photos, "a.png", (Rgb) { 200, 0, 0 }));
  g_free (write_solid (fixture->photos, "b.png", (Rgb) { 0, 200, 0 }));
  fixture->app = vt_app_start (folder, "--interval=600", NULL);
  status = wait_for (shows_any, NULL, 20000);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *before = g_strdup (current (status));

      /* The type setting starts at crossfade: C makes it slide, then wipe, then diffuse. */
      g_assert_true (vt_xdotool ("key", "c", NULL));
      vt_sleep (300);
      next_photo ();
      g_clear_pointer (&status, json_object_unref);
      status = wait_for (shows_other_than, before, 10000);
      g_assert_cmpstr (json_object_get_string_member (compositor0 (status), "transition"), ==, expected[i]);
      g_assert_cmpint (json_object_get_int_member (compositor0 (status), "payload_failures"), ==, 0);
    }
}

/*
 * The transition worker answers the payload request with an error whose code says
 * "cancelled": that is its failure, not the display's cancellation, so the change goes
 * ahead with a transition that needs no payload instead of waiting for good.
 */
static void
test_payload_error_cancelled (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *before = NULL;
  g_autoptr(JsonObject) status = NULL;

  if (vt_app_skip_without_display ())
    return;

  g_free (write_solid (fixture->photos, "a.png", (Rgb) { 200, 0, 0 }));
  g_free (write_solid (fixture->photos, "b.png", (Rgb) { 0, 200, 0 }));
  g_setenv ("VITRINE_TEST_WORKER_FAULT_TRANSITION", "error-cancelled", TRUE);
  fixture->app = vt_app_start (folder, "--interval=600", NULL);
  g_unsetenv ("VITRINE_TEST_WORKER_FAULT_TRANSITION");
  status = wait_for (shows_any, NULL, 20000);
  before = g_strdup (current (status));

  /* Crossfade, then C three times: slide, wipe, diffuse, which needs a payload. */
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (vt_xdotool ("key", "c", NULL));
      vt_sleep (200);
    }
  next_photo ();
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows_other_than, before, 10000);
  g_assert_cmpint (json_object_get_int_member (compositor0 (status), "payload_failures"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (compositor0 (status), "transition"), !=, "diffuse");
}

static gboolean
simple_transition (const char *name)
{
  return g_str_equal (name, "crossfade") || g_str_equal (name, "slide") || g_str_equal (name, "wipe");
}

static gboolean
transitioning (JsonObject    *status,
               gconstpointer  before)
{
  return g_strcmp0 (current (status), before) != 0 &&
         json_object_get_boolean_member (compositor0 (status), "busy");
}

/*
 * Next pressed while a transition runs: the running one ends, the newest image follows,
 * and the screen ends on exactly that image, with nothing of the others blended in; in
 * every renderer group.
 */
static void
test_next_mid_transition (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *renderer = data;
  static const Rgb colours[] = { { 200, 0, 0 }, { 0, 200, 0 }, { 0, 0, 200 } };
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *renderer_arg = g_strconcat ("--renderer=", renderer, NULL);
  g_autofree char *paths[G_N_ELEMENTS (colours)] = { NULL };
  g_autoptr(JsonObject) status = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GdkPixbuf) shot = NULL;
  guint shown = G_N_ELEMENTS (colours);

  if (vt_app_skip_without_display ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    paths[i] = write_solid (fixture->photos, (const char *[]) { "a.png", "b.png", "c.png" }[i], colours[i]);
  fixture->app = vt_app_start (folder, "--interval=600", renderer_arg, NULL);
  status = wait_for (shows_any, NULL, 20000);
  first = g_strdup (current (status));

  next_photo ();
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (transitioning, first, 10000);
  next_photo ();
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (shows_other_than, first, 10000);
  while (g_strcmp0 (current (status), wanted (status)) != 0)
    {
      g_clear_pointer (&status, json_object_unref);
      status = wait_for (shows_other_than, first, 10000);
    }

  vt_sleep (200);
  shot = vt_screenshot ();
  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    if (g_str_equal (current (status), paths[i]))
      shown = i;
  g_assert_cmpuint (shown, <, G_N_ELEMENTS (colours));
  g_assert_cmpstr (current (status), !=, first);
  for (int y = 1; y < 4; y++)
    for (int x = 1; x < 4; x++)
      assert_colour_near (shot, gdk_pixbuf_get_width (shot) * x / 4, gdk_pixbuf_get_height (shot) * y / 4,
                          colours[shown]);
  g_assert_cmpint (json_object_get_int_member (compositor0 (status), "watchdog_finishes"), ==, 0);
}

typedef struct
{
  const char *fault;      /* VITRINE_GL_FAULT, or NULL */
  const char *renderer;   /* --renderer, or NULL */
  const char *group;      /* where the session ends */
  const char *reason;     /* part of renderer_reason */
  gboolean    demoted;    /* fell there, rather than was asked to start there */
} RendererCase;

static JsonObject *
application (JsonObject *status)
{
  return json_object_get_object_member (status, "application");
}

/* Every transition program of the display is compiled and drawn once offscreen (so that
 * no transition's first frame compiles llvmpipe's code), and the session in @group. */
static gboolean
programs_settled (JsonObject    *status,
                  gconstpointer  group)
{
  return shows_any (status, NULL) &&
         json_object_get_int_member (compositor0 (status), "programs_pending") == 0 &&
         json_object_get_int_member (compositor0 (status), "programs_warmed") ==
           json_object_get_int_member (compositor0 (status), "programs_available") &&
         g_strcmp0 (json_object_get_string_member (application (status), "renderer_group"), group) == 0;
}

/*
 * The session's renderer group: a shader that does not compile or link demotes it to
 * group B once it is compiled, after the first photo, with no next photo asked for, a GL error while drawing to B, a lost context to C (both strike in
 * the second transition, with an image on screen); --renderer starts it in B or C. Every
 * display follows, the transition running at the demotion ends on the new image, and the
 * slideshow goes on with Crossfade, Slide and Wipe alone, drawn for real (the screen
 * shows each image's colour).
 */
static void
test_renderer (Fixture       *fixture,
               gconstpointer  data)
{
  const RendererCase *c = data;
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *renderer = c->renderer != NULL ? g_strconcat ("--renderer=", c->renderer, NULL) : NULL;
  g_autofree char *red = write_solid (fixture->photos, "a.png", (Rgb) { 200, 0, 0 });
  g_autofree char *green = write_solid (fixture->photos, "b.png", (Rgb) { 0, 200, 0 });
  g_autoptr(JsonObject) status = NULL;

  if (vt_app_skip_without_display ())
    return;

  if (c->fault != NULL)
    g_setenv ("VITRINE_GL_FAULT", c->fault, TRUE);
  fixture->app = vt_app_start (folder, "--interval=600", renderer, NULL);
  g_unsetenv ("VITRINE_GL_FAULT");
  status = wait_for (shows_any, NULL, 20000);
  /* The programs beyond the first photo's follow it by themselves (a GL error or a lost
   * context strikes only in the second transition). */
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (programs_settled,
                     c->fault != NULL && !g_str_equal (c->fault, "compile") && !g_str_equal (c->fault, "link")
                       ? "A" : c->group,
                     20000);

  /* Random transitions (the default) through the fault and after it. */
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *before = g_strdup (current (status));
      g_autoptr(GdkPixbuf) shot = NULL;

      next_photo ();
      g_clear_pointer (&status, json_object_unref);
      status = wait_for (shows_other_than, before, 10000);
      g_assert_cmpstr (json_object_get_string_member (compositor0 (status), "renderer_group"), ==, c->group);
      /* The first change may be the one the fault struck, in any type. */
      if (i > 0 || c->fault == NULL || g_str_equal (c->fault, "compile") || g_str_equal (c->fault, "link"))
        g_assert_true (simple_transition (json_object_get_string_member (compositor0 (status), "transition")));

      vt_sleep (200);
      shot = vt_screenshot ();
      assert_colour_near (shot, gdk_pixbuf_get_width (shot) / 2, gdk_pixbuf_get_height (shot) / 2,
                          g_str_equal (current (status), red) ? (Rgb) { 200, 0, 0 } : (Rgb) { 0, 200, 0 });
    }

  g_assert_cmpstr (json_object_get_string_member (application (status), "renderer_group"), ==, c->group);
  g_assert_nonnull (strstr (json_object_get_string_member (application (status), "renderer_reason"), c->reason));
  g_assert_cmpint (json_object_get_boolean_member (application (status), "renderer_demoted"), ==, c->demoted);
  g_assert_cmpint (json_object_get_int_member (compositor0 (status), "watchdog_finishes"), ==, 0);
}

static const RendererCase renderer_cases[] = {
  { "compile", NULL, "B", "does not compile", TRUE },
  { "link", NULL, "B", "does not link", TRUE },
  { "gl-error", NULL, "B", "GL error", TRUE },
  { "context-lost", NULL, "C", "context was lost", TRUE },
  { NULL, "gl", "B", "requested", FALSE },
  { NULL, "software", "C", "requested", FALSE },
};

static gboolean
ken_burns_moving (JsonObject    *status,
                  gconstpointer  data)
{
  return shows_any (status, NULL) &&
         !json_node_is_null (json_object_get_member (compositor0 (status), "ken_burns"));
}

static double
window_x (JsonObject *status)
{
  return json_array_get_double_element (json_object_get_array_member (compositor0 (status), "ken_burns"), 0);
}

static double
window_scale (JsonObject *status)
{
  return json_array_get_double_element (json_object_get_array_member (compositor0 (status), "ken_burns"), 2);
}

/* Ken Burns: images are prepared with the zoom's margin, and the view pans and zooms. */
static void
test_ken_burns (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *saved_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *keyfile_dir = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) later = NULL;
  g_autoptr(GdkPixbuf) shot1 = NULL, shot2 = NULL;
  Rgb colours[4] = { { 250, 250, 250 }, { 10, 10, 10 }, { 10, 10, 10 }, { 250, 250, 250 } };
  guint changed = 0;

  if (vt_app_skip_without_display ())
    return;

  g_free (write_quadrants (fixture->photos, "checker.png", colours));
  g_assert_cmpint (g_mkdir_with_parents (keyfile_dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, CARDS_OFF "[io/github/vitrine/Vitrine/display]\nken-burns=true\n"
                                               "ken-burns-zoom=1.25\n", -1, NULL));
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  fixture->app = vt_app_start (folder, "--interval=6", NULL);
  g_setenv ("GSETTINGS_BACKEND", saved_backend != NULL ? saved_backend : "memory", TRUE);

  first = wait_for (ken_burns_moving, NULL, 20000);
  /* Prepared at 1.25 times the screen: zooming never enlarges pixels. */
  g_assert_cmpint (json_object_get_int_member (compositor0 (first), "image_width"), ==,
                   lround (json_object_get_int_member (display0 (first), "width") * 1.25));
  g_assert_cmpint (json_object_get_int_member (compositor0 (first), "image_height"), ==,
                   lround (json_object_get_int_member (display0 (first), "height") * 1.25));
  g_assert_cmpfloat (window_scale (first), >=, 0.8 - 1e-6);
  g_assert_cmpfloat (window_scale (first), <=, 1.0);

  shot1 = vt_screenshot ();
  vt_sleep (1500);
  shot2 = vt_screenshot ();
  later = vt_app_status ();

  /* The view has moved or zoomed. */
  g_assert_true (window_x (later) != window_x (first) || window_scale (later) != window_scale (first));
  for (int y = 0; y < gdk_pixbuf_get_height (shot1); y += 7)
    for (int x = 0; x < gdk_pixbuf_get_width (shot1); x += 7)
      changed += memcmp (gdk_pixbuf_read_pixels (shot1) + y * gdk_pixbuf_get_rowstride (shot1) + x * 3,
                         gdk_pixbuf_read_pixels (shot2) + y * gdk_pixbuf_get_rowstride (shot2) + x * 3, 3) != 0;
  g_test_message ("%u of the sampled pixels changed in 1.5 s", changed);
  g_assert_cmpuint (changed, >, 50);
}

static gboolean
knows_files_done (JsonObject    *status,
                  gconstpointer  files)
{
  return knows_files (status, files) &&
         json_object_get_boolean_member (json_object_get_object_member (slideshow (status), "scan"), "done");
}

/*
 * Hundreds of photos moved into the folder at once, more than one 64 KiB "changes" reply
 * can name: they come in pages, and the image worker is neither killed as a liar nor
 * restarted for it.
 */
static void
test_many_files_moved_in (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *a = write_solid (fixture->photos, "a.png", (Rgb) { 200, 0, 0 });
  g_autofree char *staged = g_build_filename (fixture->dirs, "staged", NULL);
  g_autoptr(JsonObject) status = NULL;
  const guint n = 800;

  if (vt_app_skip_without_display ())
    return;

  g_assert_cmpint (g_mkdir_with_parents (staged, 0700), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/holiday-%04u-a-rather-long-name-as-cameras-and-phones-"
                                               "make-them.png", staged, i);

      g_assert_cmpint (link (a, path), ==, 0);
    }

  fixture->app = vt_app_start (folder, NULL);
  status = wait_for (shows_and_knows, GINT_TO_POINTER (1), 20000);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *from = g_strdup_printf ("%s/holiday-%04u-a-rather-long-name-as-cameras-and-phones-"
                                               "make-them.png", staged, i);
      g_autofree char *to = g_strdup_printf ("%s/holiday-%04u-a-rather-long-name-as-cameras-and-phones-"
                                             "make-them.png", fixture->photos, i);

      g_assert_cmpint (g_rename (from, to), ==, 0);
    }
  g_clear_pointer (&status, json_object_unref);
  status = wait_for (knows_files_done, GINT_TO_POINTER (n + 1), 30000);
  g_assert_cmpint (json_object_get_int_member (image_worker (status), "restarts"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (image_worker (status), "rejects"), ==, 0);
}

static gboolean
shows_after_reject (JsonObject    *status,
                    gconstpointer  path)
{
  return shows (status, path) && json_object_get_int_member (image_worker (status), "rejects") >= 1;
}

/*
 * An image worker that answers with pixels of another size than asked (well sealed, and
 * matching their own header) is caught in the display before anything reaches a texture:
 * the reply is rejected and counted, the worker is not restarted for it, the session stays
 * in group A, and the slideshow goes on with images of the display's size.
 */
static void
test_resized_reply (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *liar = write_solid (fixture->photos, "a.png", (Rgb) { 200, 0, 0 });
  g_autofree char *green = write_solid (fixture->photos, "b.png", (Rgb) { 0, 200, 0 });
  g_autofree char *fault = g_strconcat ("resize=", liar, NULL);
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(GdkPixbuf) shot = NULL;

  if (vt_app_skip_without_display ())
    return;

  g_setenv ("VITRINE_TEST_WORKER_FAULT_IMAGE", fault, TRUE);
  fixture->app = vt_app_start (folder, "--interval=600", NULL);
  g_unsetenv ("VITRINE_TEST_WORKER_FAULT_IMAGE");
  status = wait_for (shows_after_reject, green, 20000);

  g_assert_cmpint (json_object_get_int_member (image_worker (status), "restarts"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (application (status), "renderer_group"), ==, "A");
  /* On screen: the display's own size, not the lie's. */
  shot = vt_screenshot ();
  g_assert_cmpint (json_object_get_int_member (compositor0 (status), "image_width"), ==, gdk_pixbuf_get_width (shot));
  g_assert_cmpint (json_object_get_int_member (compositor0 (status), "image_height"), ==,
                   gdk_pixbuf_get_height (shot));
}

/*
 * A GPU whose textures are smaller than the display (VITRINE_GL_FAULT=max-texture:N
 * pretends so): images are asked for within its limit and stretched, nothing is refused
 * for being too large, and the session stays in group A.
 */
static void
test_max_texture (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *folder = g_strconcat ("--folder=", fixture->photos, NULL);
  g_autofree char *red = write_solid (fixture->photos, "a.png", (Rgb) { 200, 0, 0 });
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(GdkPixbuf) shot = NULL;

  if (vt_app_skip_without_display ())
    return;

  g_setenv ("VITRINE_GL_FAULT", "max-texture:512", TRUE);
  fixture->app = vt_app_start (folder, "--interval=600", NULL);
  g_unsetenv ("VITRINE_GL_FAULT");
  status = wait_for (shows, red, 20000);

  g_assert_cmpint (json_object_get_int_member (compositor0 (status), "max_texture_size"), ==, 512);
  g_assert_cmpint (json_object_get_int_member (compositor0 (status), "image_width"), <=, 512);
  g_assert_cmpint (json_object_get_int_member (compositor0 (status), "image_height"), <=, 512);
  g_assert_cmpint (json_object_get_int_member (compositor0 (status), "oversize_images"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (application (status), "renderer_group"), ==, "A");
  vt_sleep (200);
  shot = vt_screenshot ();
  assert_colour_near (shot, gdk_pixbuf_get_width (shot) / 2, gdk_pixbuf_get_height (shot) / 2, (Rgb) { 200, 0, 0 });
}

static void
add_test (const char *path,
          void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The slideshow of the real application: images on screen, navigation, failures");

  add_test ("/Slideshow/first-image", test_first_image);
  add_test ("/Slideshow/navigation", test_navigation);
  add_test ("/Slideshow/broken-files", test_broken_files);
  add_test ("/Slideshow/quit-mid-decode", test_quit_mid_decode);
  add_test ("/Slideshow/large-folder", test_large_folder);
  add_test ("/Slideshow/folder-changes", test_folder_changes);
  add_test ("/Slideshow/many-files-moved-in", test_many_files_moved_in);
  add_test ("/Slideshow/empty-folder", test_empty_folder);
  add_test ("/Slideshow/folders-setting", test_folders_setting);
  add_test ("/Slideshow/crashing-file", test_crashing_file);
  g_test_add ("/Slideshow/not-the-files-fault/unsealed", Fixture, "unsealed@2", fixture_setup,
              test_not_the_files_fault, fixture_teardown);
  g_test_add ("/Slideshow/not-the-files-fault/emfile", Fixture, "emfile@2", fixture_setup,
              test_not_the_files_fault, fixture_teardown);
  /* The first request is the folder's scan: out of descriptors there, it starts over. */
  g_test_add ("/Slideshow/not-the-files-fault/emfile-scan", Fixture, "emfile@1", fixture_setup,
              test_not_the_files_fault, fixture_teardown);
  g_test_add ("/Slideshow/not-the-files-fault/error-cancelled", Fixture, "error-cancelled@2",
              fixture_setup, test_not_the_files_fault, fixture_teardown);
  add_test ("/Slideshow/cycle-transition", test_cycle_transition);
  add_test ("/Slideshow/payload-error-cancelled", test_payload_error_cancelled);
  add_test ("/Slideshow/ken-burns", test_ken_burns);
  g_test_add ("/Slideshow/next-mid-transition/auto", Fixture, "auto", fixture_setup, test_next_mid_transition,
              fixture_teardown);
  g_test_add ("/Slideshow/next-mid-transition/software", Fixture, "software", fixture_setup,
              test_next_mid_transition, fixture_teardown);
  for (guint i = 0; i < G_N_ELEMENTS (renderer_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Slideshow/renderer/%s",
                                               renderer_cases[i].fault != NULL ? renderer_cases[i].fault
                                                                               : renderer_cases[i].renderer);

      g_test_add (path, Fixture, &renderer_cases[i], fixture_setup, test_renderer, fixture_teardown);
    }
  add_test ("/Slideshow/worker-killed-mid-decode", test_worker_killed_mid_decode);
  add_test ("/Slideshow/decode-past-deadline", test_decode_past_deadline);
  add_test ("/Slideshow/resized-reply", test_resized_reply);
  add_test ("/Slideshow/renderer/max-texture", test_max_texture);

  return g_test_run ();
}
