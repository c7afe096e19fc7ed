/* test-feeds-schedule.c: VitrineFeeds, the display process's side, with a real supervisor
 * and feed worker against a loopback server: a headline feed's titles arrive newest first
 * with ::headlines-changed, the weather with ::weather-changed, an image feed's mirrored
 * images with ::images-changed, and a feed answered with 429 is not asked again while its
 * host's Retry-After runs, with its failure and error in the per-feed state; and
 * VitrineNowPlaying sending a player's http(s) album art to the feed worker, whose file
 * the image worker decodes, and a 404 kept as art_error.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "vitrine-feeds.h"
#include "vitrine-cache-intent.h"
#include "vitrine-mpris.h"
#include "vitrine-now-playing.h"
#include "vitrine-test-http.h"
#include "vitrine-test-util.h"

static VtHttp *http;

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* Runs the main loop until @done says so, at most @seconds. */
static gboolean
iterate_until (gboolean (*done) (gpointer),
               gpointer  data,
               guint     seconds)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  return TRUE;
}

static gboolean
positive (gpointer data)
{
  return *(guint *) data > 0;
}

/* The feeds' one intent asks the mirror for the two images the server has: the HTML
 * page and the missing image left out once the worker refused them. */
static gboolean
intents_settled (gpointer data)
{
  g_autoptr(GPtrArray) intents = vitrine_feeds_dup_intents (data);
  const VitrineCacheIntent *intent = intents->len == 1 ? intents->pdata[0] : NULL;
  g_autofree char *red = vt_http_url (http, "/img/red.png");
  g_autofree char *blue = vt_http_url (http, "/img/blue.png");
  const char *wanted[] = { blue, red, NULL };

  return intent != NULL && g_strv_equal ((const char * const *) intent->descriptors, wanted);
}

static void
put_png (const char *path)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  gchar *buffer = NULL;
  gsize size = 0;
  g_autoptr(GBytes) bytes = NULL;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", NULL, NULL));
  bytes = g_bytes_new_take (buffer, size);
  vt_http_put (http, path, "image/png", bytes);
}

static void
test_schedule (void)
{
  g_autofree char *cache = g_dir_make_tmp ("vitrine-cache-XXXXXX", NULL);
  g_autofree char *feed = vt_http_url (http, "/loopback.xml");
  g_autofree char *forecast = vt_http_url (http, "/forecast");
  g_autofree char *geocoding = vt_http_url (http, "/search");
  g_autoptr(GSettings) root = NULL, sources = NULL, widgets = NULL, workers = NULL;
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  g_autoptr(VitrineFeeds) feeds = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  const char *image_feeds[] = { feed, NULL };
  const char *headline_feeds[] = { feed, NULL };
  guint images = 0, headlines = 0, weather = 0, intents_changed = 0;
  g_autoptr(GPtrArray) intents = NULL;
  const VitrineCacheIntent *intent;
  GPtrArray *list;
  const char *name = NULL;

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_STATE_HOME", cache, TRUE);
  g_setenv ("VITRINE_OPEN_METEO_URL", forecast, TRUE);
  g_setenv ("VITRINE_GEOCODING_URL", geocoding, TRUE);
  root = g_settings_new (APP_ID);
  sources = g_settings_get_child (root, "sources");
  widgets = g_settings_get_child (root, "widgets");
  workers = g_settings_get_child (root, "workers");
  g_settings_set_boolean (workers, "image-enabled", FALSE);
  g_settings_set_boolean (workers, "audio-enabled", FALSE);
  g_settings_set_boolean (workers, "transition-enabled", FALSE);
  g_settings_set_strv (sources, "feeds", image_feeds);
  g_settings_set_strv (widgets, "headlines-feeds", headline_feeds);
  g_settings_set_boolean (widgets, "headlines-enabled", TRUE);
  g_settings_set_boolean (widgets, "weather-enabled", TRUE);
  g_settings_set_string (widgets, "weather-location", "Berlin");

  supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), workers);
  vitrine_supervisor_start (supervisor);
  feeds = vitrine_feeds_new (supervisor, root);
  g_signal_connect (feeds, "images-changed", G_CALLBACK (count_cb), &images);
  g_signal_connect (feeds, "headlines-changed", G_CALLBACK (count_cb), &headlines);
  g_signal_connect (feeds, "weather-changed", G_CALLBACK (count_cb), &weather);
  g_signal_connect (feeds, "intents-changed", G_CALLBACK (count_cb), &intents_changed);
  vitrine_feeds_start (feeds);

  g_assert_true (iterate_until (positive, &weather, 30));
  g_assert_true (g_variant_lookup (vitrine_feeds_get_weather (feeds), "name", "&s", &name));
  g_assert_cmpstr (name, ==, "Berlin");

  g_assert_true (iterate_until (positive, &headlines, 30));
  list = vitrine_feeds_get_headlines (feeds);
  g_assert_cmpuint (list->len, ==, 5);
  /* Newest first: the two dated items lead, the 9:00 one before the 8:00 one. */
  g_assert_cmpstr (((VitrineHeadline *) list->pdata[0])->title, ==, "Red square");
  g_assert_cmpstr (((VitrineHeadline *) list->pdata[1])->title, ==, "Blue square");
  g_assert_cmpstr (((VitrineHeadline *) list->pdata[0])->source, ==, "Loopback Gallery");

  g_assert_true (iterate_until (positive, &images, 30));
  list = vitrine_feeds_get_images (feeds);
  g_assert_cmpuint (list->len, >=, 1);
  g_assert_true (g_str_has_prefix (((VitrineFeedImage *) list->pdata[0])->path, cache));
  g_assert_cmpstr (((VitrineFeedImage *) list->pdata[0])->feed, ==, feed);

  /* What the feeds ask of the mirror (docs/caches.md). */
  g_assert_true (iterate_until (intents_settled, feeds, 30));
  g_assert_cmpuint (intents_changed, >, 0);
  intents = vitrine_feeds_dup_intents (feeds);
  intent = intents->pdata[0];
  g_assert_cmpstr (intent->element_id, ==, "feeds");
  g_assert_cmpstr (intent->cache, ==, "feeds");
  g_assert_cmpstr (intent->track_ref, ==, feed);
  g_assert_cmpstr (intent->profile_id, ==, "mirror");

  infos = vitrine_feeds_dup_feed_info (feeds);
  g_assert_cmpuint (infos->len, ==, 2);
  g_assert_cmpuint (((VitrineFeedInfo *) infos->pdata[0])->n_items, ==, 5);
  g_assert_null (((VitrineFeedInfo *) infos->pdata[0])->last_error);
  /* What the settings show under each feed. */
  for (guint i = 0; i < infos->len; i++)
    {
      const VitrineFeedInfo *each = infos->pdata[i];
      g_autofree char *line = vitrine_feed_info_describe (each);

      g_assert_true (g_str_has_prefix (line, "Fetched at "));
      g_assert_nonnull (strstr (line, each->images ? "mirrored" : "5 headlines"));
    }

  g_object_run_dispose (G_OBJECT (feeds));
  vitrine_supervisor_shutdown (supervisor);
  g_settings_reset (workers, "image-enabled");
  g_settings_reset (workers, "audio-enabled");
  g_settings_reset (workers, "transition-enabled");
  g_settings_reset (sources, "feeds");
  g_settings_reset (widgets, "headlines-feeds");
  g_settings_reset (widgets, "headlines-enabled");
  g_settings_reset (widgets, "weather-enabled");
  g_settings_reset (widgets, "weather-location");
  g_unsetenv ("VITRINE_OPEN_METEO_URL");
  g_unsetenv ("VITRINE_GEOCODING_URL");
  vt_remove_tree (cache);
}

typedef struct
{
  VitrineFeeds *feeds;
} Failing;

static gboolean
has_failed (gpointer data)
{
  g_autoptr(GPtrArray) infos = vitrine_feeds_dup_feed_info (((Failing *) data)->feeds);

  return infos->len == 1 && ((VitrineFeedInfo *) infos->pdata[0])->failures > 0;
}

/* A 429 with Retry-After: 120: one request, then the host is left alone. */
static void
test_rate_limited (void)
{
  g_autofree char *cache = g_dir_make_tmp ("vitrine-cache-XXXXXX", NULL);
  g_autofree char *feed = vt_http_url (http, "/429");
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) sources = g_settings_get_child (root, "sources");
  g_autoptr(GSettings) workers = g_settings_get_child (root, "workers");
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  const char *image_feeds[] = { feed, NULL };
  VitrineFeedInfo *info;
  Failing failing = { NULL };
  guint hits = vt_http_hits (http, "/429");

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_STATE_HOME", cache, TRUE);
  g_settings_set_boolean (workers, "image-enabled", FALSE);
  g_settings_set_boolean (workers, "audio-enabled", FALSE);
  g_settings_set_boolean (workers, "transition-enabled", FALSE);
  g_settings_set_strv (sources, "feeds", image_feeds);
  supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), workers);
  vitrine_supervisor_start (supervisor);
  failing.feeds = vitrine_feeds_new (supervisor, root);
  vitrine_feeds_start (failing.feeds);

  g_assert_true (iterate_until (has_failed, &failing, 30));
  infos = vitrine_feeds_dup_feed_info (failing.feeds);
  info = infos->pdata[0];
  g_assert_cmpstr (info->state, ==, "failing");
  g_assert_nonnull (strstr (info->last_error, "429"));
  g_assert_cmpuint (info->failures, ==, 1);
  {
    g_autofree char *line = vitrine_feed_info_describe (info);

    g_assert_true (g_str_has_prefix (line, "Failed"));
    g_assert_nonnull (strstr (line, "429"));
  }
  /* Five more seconds: the schedule runs, but the host's Retry-After holds it off. */
  {
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < end)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (5000);
      }
  }
  g_assert_cmpuint (vt_http_hits (http, "/429"), ==, hits + 1);

  g_object_run_dispose (G_OBJECT (failing.feeds));
  g_clear_object (&failing.feeds);
  vitrine_supervisor_shutdown (supervisor);
  g_settings_reset (workers, "image-enabled");
  g_settings_reset (workers, "audio-enabled");
  g_settings_reset (workers, "transition-enabled");
  g_settings_reset (sources, "feeds");
  vt_remove_tree (cache);
}

/* A player on the session bus, in this process: its Metadata's art URL is @art_url. */
static char *art_url;

static const char player_xml[] =
  "<node><interface name='org.mpris.MediaPlayer2.Player'>"
  "<property name='PlaybackStatus' type='s' access='read'/>"
  "<property name='Metadata' type='a{sv}' access='read'/>"
  "<property name='Position' type='x' access='read'/>"
  "<property name='Rate' type='d' access='read'/>"
  "</interface></node>";

static GVariant *
player_get (GDBusConnection *bus,
            const char      *sender,
            const char      *path,
            const char      *interface,
            const char      *property,
            GError         **error,
            gpointer         data)
{
  if (g_str_equal (property, "PlaybackStatus"))
    return g_variant_new_string ("Playing");
  if (g_str_equal (property, "Position"))
    return g_variant_new_int64 (0);
  if (g_str_equal (property, "Rate"))
    return g_variant_new_double (1.0);
  return g_variant_new_parsed ("{'xesam:title': <'Loopback song'>, 'mpris:artUrl': <%s>, "
                               "'mpris:trackid': <objectpath '/track/1'>}", art_url);
}

static void
player_set_art (GDBusConnection *bus,
                const char      *path)
{
  g_free (art_url);
  art_url = vt_http_url (http, path);
  g_dbus_connection_emit_signal (bus, NULL, "/org/mpris/MediaPlayer2", "org.freedesktop.DBus.Properties",
                                 "PropertiesChanged",
                                 g_variant_new_parsed ("('org.mpris.MediaPlayer2.Player', "
                                                       "{'Metadata': <{'mpris:artUrl': <%s>}>}, @as [])", art_url),
                                 NULL);
}

static gboolean
art_settled (gpointer data)
{
  return vitrine_now_playing_get_art (data) != NULL || vitrine_now_playing_get_art_error (data) != NULL;
}

static gboolean
art_failed (gpointer data)
{
  return vitrine_now_playing_get_art_error (data) != NULL;
}

/* http(s) album art (issue 12 item 4): VitrineNowPlaying asks the feed worker, the image
 * worker decodes the file it wrote (the PNG's colour in the texture), and a 404 leaves no
 * art with the feed worker's reason. */
static void
test_now_playing_art (void)
{
  g_autofree char *cache = g_dir_make_tmp ("vitrine-cache-XXXXXX", NULL);
  g_autoptr(GSettings) root = NULL, workers = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (player_xml, NULL);
  GDBusInterfaceVTable vtable = { .get_property = player_get };
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  g_autoptr(VitrineMpris) mpris = NULL;
  g_autoptr(VitrineNowPlaying) now_playing = NULL;
  g_autofree guint8 *pixel = NULL;
  guint object_id, name_id;
  GdkTexture *art;

  g_assert_nonnull (bus);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_STATE_HOME", cache, TRUE);
  root = g_settings_new (APP_ID);
  workers = g_settings_get_child (root, "workers");
  g_settings_set_boolean (workers, "audio-enabled", FALSE);
  g_settings_set_boolean (workers, "transition-enabled", FALSE);
  art_url = vt_http_url (http, "/img/red.png");
  object_id = g_dbus_connection_register_object (bus, "/org/mpris/MediaPlayer2", node->interfaces[0], &vtable,
                                                 NULL, NULL, NULL);
  g_assert_cmpuint (object_id, >, 0);
  name_id = g_bus_own_name_on_connection (bus, "org.mpris.MediaPlayer2.vitrinetest", G_BUS_NAME_OWNER_FLAGS_NONE,
                                          NULL, NULL, NULL, NULL);
  g_assert_true (vt_wait_for_name ("org.mpris.MediaPlayer2.vitrinetest", 5000));

  supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), workers);
  vitrine_supervisor_start (supervisor);
  mpris = vitrine_mpris_new ();
  now_playing = vitrine_now_playing_new (mpris, supervisor, root);
  vitrine_mpris_start (mpris);

  g_assert_true (iterate_until (art_settled, now_playing, 30));
  g_assert_cmpstr (vitrine_now_playing_get_art_error (now_playing), ==, NULL);
  art = vitrine_now_playing_get_art (now_playing);
  g_assert_cmpint (gdk_texture_get_width (art), ==, VITRINE_NOW_PLAYING_ART_SIZE);
  pixel = g_malloc0 (4 * VITRINE_NOW_PLAYING_ART_SIZE * VITRINE_NOW_PLAYING_ART_SIZE);
  g_assert_cmpint (gdk_texture_get_height (art), ==, VITRINE_NOW_PLAYING_ART_SIZE);
  gdk_texture_download (art, pixel, 4 * VITRINE_NOW_PLAYING_ART_SIZE);
  /* 0x336699 in Cairo's ARGB32 as bytes: B, G, R, A. */
  g_assert_cmpuint (pixel[0], ==, 0x99);
  g_assert_cmpuint (pixel[1], ==, 0x66);
  g_assert_cmpuint (pixel[2], ==, 0x33);

  player_set_art (bus, "/no-such-art.png");
  g_assert_true (iterate_until (art_failed, now_playing, 30));
  g_assert_null (vitrine_now_playing_get_art (now_playing));
  g_assert_nonnull (strstr (vitrine_now_playing_get_art_error (now_playing), "404"));

  g_object_run_dispose (G_OBJECT (now_playing));
  g_object_run_dispose (G_OBJECT (mpris));
  vitrine_supervisor_shutdown (supervisor);
  g_bus_unown_name (name_id);
  g_dbus_connection_unregister_object (bus, object_id);
  g_settings_reset (workers, "audio-enabled");
  g_settings_reset (workers, "transition-enabled");
  g_clear_pointer (&art_url, g_free);
  vt_remove_tree (cache);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *fixture = NULL, *forecast = NULL, *geocoding = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("VitrineFeeds with a real feed worker: headlines, weather, images, a host that says 429");

  http = vt_http_start ();
  fixture = g_test_build_filename (G_TEST_DIST, "feeds", "loopback.xml", NULL);
  forecast = g_test_build_filename (G_TEST_DIST, "..", "data", "feeds", "weather-forecast.json", NULL);
  geocoding = g_test_build_filename (G_TEST_DIST, "..", "data", "feeds", "weather-geocoding.json", NULL);
  vt_http_put_template (http, "/loopback.xml", "application/rss+xml", fixture);
  vt_http_put_file (http, "/forecast", "application/json", forecast);
  vt_http_put_file (http, "/search", "application/json", geocoding);
  put_png ("/img/red.png");
  put_png ("/img/blue.png");

  g_test_add_func ("/FeedsSchedule/headlines-weather-images", test_schedule);
  g_test_add_func ("/FeedsSchedule/rate-limited", test_rate_limited);
  g_test_add_func ("/FeedsSchedule/now-playing-art", test_now_playing_art);
  status = g_test_run ();
  vt_http_stop (http);
  return status;
}
