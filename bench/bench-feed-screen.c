/* bench-feed-screen.c: the time from a new item appearing on a loopback feed server to its
 * photo on screen (issue 11), against its peer measured in the same run: the time from a
 * new photo appearing in a watched local folder to the screen. Both include the wait for
 * the slideshow's next pick (--interval=2); the feed's also the fetch of the feed (set off
 * by a settings change, as if its refresh were due), the host's 3 s spacing before the
 * download, the download into the mirror and the probe.
 *
 *   bench-feed-screen [SAMPLES]   (8; under Xvfb and a session bus, from build-aux/dev)
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "vitrine-latency.h"
#include "vitrine-test-http.h"

#define INTERVAL_S 2
#define TIMEOUT_S 60

static GBytes *
png (guint32 rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1280, 720);
  gchar *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL))
    g_error ("cannot encode a PNG");
  return g_bytes_new_take (buffer, size);
}

static guint32
colour (guint i)
{
  return (guint32) (0x20 + (i * 37) % 200) << 24 |
         (guint32) (0x20 + (i * 71) % 200) << 16 | (guint32) (0x20 + (i * 13) % 200) << 8 | 0xff;
}

/* The display's "current" from --status; NULL when it shows nothing settled. */
static char *
current (void)
{
  const char *argv[] = { VITRINE_APP_PATH, "--status", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  JsonObject *root, *slideshow, *display;
  JsonArray *displays;
  int wait_status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                     &wait_status, NULL) ||
      !g_spawn_check_wait_status (wait_status, NULL) || !json_parser_load_from_data (parser, out, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "slideshow") || json_node_is_null (json_object_get_member (root, "slideshow")))
    return NULL;
  slideshow = json_object_get_object_member (root, "slideshow");
  displays = json_object_get_array_member (slideshow, "displays");
  if (displays == NULL || json_array_get_length (displays) == 0)
    return NULL;
  display = json_array_get_object_element (displays, 0);
  if (json_node_is_null (json_object_get_member (display, "current")) ||
      json_object_get_boolean_member (json_object_get_object_member (display, "compositor"), "busy"))
    return NULL;
  return g_strdup (json_object_get_string_member (display, "current"));
}

/* Seconds until "current" ends with @suffix. */
static double
wait_for_suffix (const char *suffix,
                 gint64      start)
{
  for (;;)
    {
      g_autofree char *shown = current ();

      if (shown != NULL && g_str_has_suffix (shown, suffix))
        return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      if (g_get_monotonic_time () - start > TIMEOUT_S * G_USEC_PER_SEC)
        g_error ("%s never reached the screen", suffix);
      g_usleep (50000);
    }
}

static void
write_keyfile (const char *config,
               const char *body)
{
  g_autofree char *dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);

  g_mkdir_with_parents (dir, 0700);
  if (!g_file_set_contents (path, body, -1, NULL))
    g_error ("cannot write %s", path);
}

static GSubprocess *
start_app (const char *extra)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autofree char *interval = g_strdup_printf ("--interval=%d", INTERVAL_S);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  GSubprocess *app;

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  if (bus == NULL)
    g_error ("%s", error->message);
  app = g_subprocess_launcher_spawn (launcher, &error, VITRINE_APP_PATH, "--window", interval, extra, NULL);
  if (app == NULL)
    g_error ("%s", error->message);
  /* A --status before the name is owned would become the primary instance itself. */
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(GVariant) owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "NameHasOwner",
                                                               g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                                               G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      gboolean has = FALSE;

      if (owner != NULL)
        g_variant_get (owner, "(b)", &has);
      if (has)
        return app;
      g_usleep (50000);
    }
  g_error ("vitrine never took its bus name");
}

static void
stop_app (GSubprocess *app)
{
  const char *argv[] = { VITRINE_APP_PATH, "--quit", NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, NULL);
  /* Gone, bus name and all, before the next run starts its own. */
  g_subprocess_wait (app, NULL, NULL);
}

static char *
mirror_suffix (const char *image_url)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, image_url, -1);

  return g_strdup_printf ("/%.24s.png", hash);
}

static void
put_feed (VtHttp *http,
          guint   item)
{
  g_autofree char *image = g_strdup_printf ("%s/img/%u.png", vt_http_base (http), item);
  g_autofree char *rss = g_strdup_printf ("<rss version=\"2.0\"><channel><title>Bench</title>"
                                          "<item><title>Item %u</title><guid>%u</guid>"
                                          "<enclosure url=\"%s\" type=\"image/png\"/></item>"
                                          "</channel></rss>", item, item, image);
  g_autoptr(GBytes) body = g_bytes_new (rss, strlen (rss));
  g_autoptr(GBytes) pixels = png (colour (item));
  g_autofree char *path = g_strdup_printf ("/img/%u.png", item);

  vt_http_put (http, path, "image/png", pixels);
  vt_http_put (http, "/feed.xml", "application/rss+xml", body);
}

static char *
feed_settings (VtHttp *http,
               guint   version)
{
  return g_strdup_printf ("[io/github/vitrine/Vitrine/sources]\nfeeds=['%s/feed.xml?v=%u']\n"
                          "use-pictures-folder=false\nuse-demo-set=false\nfeed-ratio=1.0\n",
                          vt_http_base (http), version);
}

static GArray *
measure_feed (const char *config,
              guint       samples)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  VtHttp *http = vt_http_start ();
  g_autofree char *first = NULL;
  g_autofree char *suffix = NULL;
  g_autofree char *url = NULL;
  GSubprocess *app;

  put_feed (http, 0);
  first = feed_settings (http, 0);
  write_keyfile (config, first);
  app = start_app (NULL);
  url = g_strdup_printf ("%s/img/0.png", vt_http_base (http));
  suffix = mirror_suffix (url);
  wait_for_suffix (suffix, g_get_monotonic_time ());
  for (guint i = 1; i <= samples; i++)
    {
      g_autofree char *settings = feed_settings (http, i);
      g_autofree char *image = g_strdup_printf ("%s/img/%u.png", vt_http_base (http), i);
      g_autofree char *want = mirror_suffix (image);
      gint64 start;
      double t;

      g_usleep (3 * G_USEC_PER_SEC);   /* the host's spacing after the last download */
      start = g_get_monotonic_time ();
      put_feed (http, i);
      write_keyfile (config, settings);
      t = wait_for_suffix (want, start);
      g_array_append_val (times, t);
      g_print ("  feed item %u on screen after %.2f s\n", i, t);
    }
  stop_app (app);
  g_object_unref (app);
  vt_http_stop (http);
  return times;
}

static GArray *
measure_folder (const char *config,
                const char *photos,
                guint       samples)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *folder = g_strconcat ("--folder=", photos, NULL);
  g_autofree char *first = g_build_filename (photos, "0.png", NULL);
  g_autoptr(GBytes) pixels = png (colour (0));
  GSubprocess *app;

  write_keyfile (config, "[io/github/vitrine/Vitrine/sources]\nuse-pictures-folder=false\nuse-demo-set=false\n");
  g_file_set_contents (first, g_bytes_get_data (pixels, NULL), (gssize) g_bytes_get_size (pixels), NULL);
  app = start_app (folder);
  wait_for_suffix ("/0.png", g_get_monotonic_time ());
  for (guint i = 1; i <= samples; i++)
    {
      g_autofree char *name = g_strdup_printf ("/%u.png", i);
      g_autofree char *path = g_strconcat (photos, name, NULL);
      g_autoptr(GBytes) more = png (colour (i));
      g_autofree char *partial = g_strconcat (path, ".tmp", NULL);
      gint64 start;
      double t;

      /* Only the new photo and the one before stay, so the next pick is the new one. */
      g_file_set_contents (partial, g_bytes_get_data (more, NULL), (gssize) g_bytes_get_size (more), NULL);
      start = g_get_monotonic_time ();
      g_rename (partial, path);
      t = wait_for_suffix (name, start);
      g_array_append_val (times, t);
      g_print ("  folder photo %u on screen after %.2f s\n", i, t);
      {
        g_autofree char *old_name = g_strdup_printf ("/%u.png", i - 1);
        g_autofree char *old = g_strconcat (photos, old_name, NULL);

        g_unlink (old);
      }
    }
  stop_app (app);
  g_object_unref (app);
  return times;
}

static void
report (const char *what,
        GArray     *times,
        VitrineLatencySummary *summary)
{
  vitrine_latency_summarize_array ((double *) (void *) times->data, times->len, summary);
  g_print ("%-34s p50 %6.2f s   p95 %6.2f s   max %6.2f s   (n=%u)\n", what, summary->p50, summary->p95,
           summary->max, times->len);
}

int
main (int   argc,
      char *argv[])
{
  guint samples = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 8;
  g_autofree char *root = g_dir_make_tmp ("vitrine-bench-feeds-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (root, "config", NULL);
  g_autofree char *cache = g_build_filename (root, "cache", NULL);
  g_autofree char *state = g_build_filename (root, "state", NULL);
  g_autofree char *photos = g_build_filename (root, "photos", NULL);
  g_autoptr(GArray) feed = NULL;
  g_autoptr(GArray) folder = NULL;
  VitrineLatencySummary feed_summary, folder_summary;

  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_mkdir_with_parents (photos, 0700);

  g_print ("New item on the loopback server to its photo on screen (--interval=%d):\n", INTERVAL_S);
  feed = measure_feed (config, MAX (samples, 1));
  g_print ("Peer: new photo in a watched folder to the screen:\n");
  folder = measure_folder (config, photos, MAX (samples, 1));
  report ("feed item -> screen", feed, &feed_summary);
  report ("folder photo -> screen (peer)", folder, &folder_summary);
  g_print ("ratio feed/folder: p50 %.2fx, p95 %.2fx\n", feed_summary.p50 / folder_summary.p50,
           feed_summary.p95 / folder_summary.p95);
  return 0;
}
