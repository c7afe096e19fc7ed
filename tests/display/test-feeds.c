/* test-feeds.c: image feeds in the real application under Xvfb, against a loopback
 * SoupServer: a feed-only slideshow shows a mirrored image (while the feed also serves an
 * HTML "image" and a 60 MB one), --status says what each feed did; after the server stops,
 * a restart still shows feed photos from the mirror.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "vitrine-test-app.h"
#include "vitrine-test-http.h"
#include "vitrine-test-util.h"

typedef struct
{
  GSubprocess *bus;
  GSubprocess *app;
  VtHttp      *http;
  char        *dirs;
  char        *saved_backend;
  char        *feed;          /* the feed's URL */
} Fixture;

static void
put_png (VtHttp     *http,
         const char *path,
         guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 640, 360);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gchar *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  bytes = g_bytes_new_take (buffer, size);
  vt_http_put (http, path, "image/png", bytes);
}

/* The settings of a feed-only slideshow, in a key file the application reads (and reads
 * again when it changes), with the weather of @place. */
static void
write_settings (const char *feed,
                const char *place)
{
  g_autofree char *dir = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *text = g_strdup_printf ("[io/github/vitrine/Vitrine/sources]\n"
                                           "feeds=['%s']\n"
                                           "use-pictures-folder=false\n"
                                           "use-demo-set=false\n"
                                           "feed-ratio=1.0\n"
                                           "[io/github/vitrine/Vitrine/widgets]\n"
                                           "headlines-enabled=true\n"
                                           "headlines-feeds=['%s']\n"
                                           "weather-enabled=true\n"
                                           "weather-location='%s'\n", feed, feed, place);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *rss = g_test_build_filename (G_TEST_DIST, "..", "process", "feeds", "loopback.xml", NULL);
  g_autofree char *forecast = g_test_build_filename (G_TEST_DIST, "..", "data", "feeds", "weather-forecast.json", NULL);
  g_autofree char *geocoding = g_test_build_filename (G_TEST_DIST, "..", "data", "feeds", "weather-geocoding.json", NULL);
  g_autofree char *forecast_url = NULL, *geocoding_url = NULL;
  g_autofree char *feed = NULL;

  fixture->dirs = vt_isolate_dirs ();
  fixture->bus = vt_bus_up ();
  fixture->http = vt_http_start ();
  vt_http_put_template (fixture->http, "/loopback.xml", "application/rss+xml", rss);
  put_png (fixture->http, "/img/red.png", 0xe01010ff);
  put_png (fixture->http, "/img/red-small.png", 0xe01010ff);
  put_png (fixture->http, "/img/blue.png", 0x1010e0ff);
  vt_http_put_file (fixture->http, "/forecast", "application/json", forecast);
  vt_http_put_file (fixture->http, "/search", "application/json", geocoding);
  forecast_url = vt_http_url (fixture->http, "/forecast");
  geocoding_url = vt_http_url (fixture->http, "/search");
  g_setenv ("VITRINE_OPEN_METEO_URL", forecast_url, TRUE);
  g_setenv ("VITRINE_GEOCODING_URL", geocoding_url, TRUE);
  feed = vt_http_url (fixture->http, "/loopback.xml");
  fixture->feed = g_strdup (feed);
  write_settings (feed, "Berlin");
  fixture->saved_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vt_app_stop (&fixture->app);
  g_clear_pointer (&fixture->http, vt_http_stop);
  g_unsetenv ("VITRINE_OPEN_METEO_URL");
  g_unsetenv ("VITRINE_GEOCODING_URL");
  g_setenv ("GSETTINGS_BACKEND", fixture->saved_backend != NULL ? fixture->saved_backend : "memory", TRUE);
  g_clear_pointer (&fixture->saved_backend, g_free);
  g_clear_pointer (&fixture->feed, g_free);
  vt_bus_down (fixture->bus);
  g_clear_object (&fixture->bus);
  vt_remove_tree (fixture->dirs);
  g_clear_pointer (&fixture->dirs, g_free);
}

static JsonObject *
display0 (JsonObject *status)
{
  JsonObject *slideshow = json_object_get_object_member (status, "slideshow");
  JsonArray *displays = slideshow != NULL ? json_object_get_array_member (slideshow, "displays") : NULL;

  return displays != NULL && json_array_get_length (displays) > 0 ? json_array_get_object_element (displays, 0)
                                                                  : NULL;
}

/* The mirrored path on screen, settled; NULL otherwise. */
static const char *
shown_mirror_path (JsonObject *status)
{
  JsonObject *display;
  g_autofree char *mirror = g_build_filename (g_getenv ("XDG_CACHE_HOME"), "vitrine", "feeds", NULL);
  const char *current;

  if (json_node_is_null (json_object_get_member (status, "slideshow")) || (display = display0 (status)) == NULL ||
      json_node_is_null (json_object_get_member (display, "current")) ||
      json_object_get_boolean_member (json_object_get_object_member (display, "compositor"), "busy"))
    return NULL;
  current = json_object_get_string_member (display, "current");
  return g_str_has_prefix (current, mirror) ? current : NULL;
}

static JsonObject *
wait_for_feed_photo (guint timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  for (;;)
    {
      g_autoptr(JsonObject) status = vt_app_status ();

      if (shown_mirror_path (status) != NULL)
        return g_steal_pointer (&status);
      if (g_get_monotonic_time () > end)
        {
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), status);
          g_autofree char *text = NULL;

          json_generator_set_root (generator, node);
          json_generator_set_pretty (generator, TRUE);
          text = json_generator_to_data (generator, NULL);
          g_error ("no feed photo on screen; last status:\n%s", text);
        }
      vt_sleep (200);
    }
}

/* The middle of the screen is the red or the blue photo. */
static void
assert_feed_colour (void)
{
  g_autoptr(GdkPixbuf) shot = vt_screenshot ();
  int w = gdk_pixbuf_get_width (shot), h = gdk_pixbuf_get_height (shot);
  const guint8 *p = gdk_pixbuf_read_pixels (shot) + (h / 2) * gdk_pixbuf_get_rowstride (shot) +
                    (w / 2) * gdk_pixbuf_get_n_channels (shot);
  gboolean red = p[0] > 200 && p[1] < 40 && p[2] < 40;
  gboolean blue = p[2] > 200 && p[0] < 40 && p[1] < 40;

  if (!red && !blue)
    g_error ("the middle of the screen is %u,%u,%u, neither feed photo", p[0], p[1], p[2]);
}

/* The feed of @kind ("images", "headlines") in --status. */
static JsonObject *
feed_of_kind (JsonObject *status,
              const char *kind)
{
  JsonArray *feeds = json_object_get_array_member (status, "feeds");

  g_assert_nonnull (feeds);
  g_assert_cmpuint (json_array_get_length (feeds), ==, 2);
  for (guint i = 0; i < json_array_get_length (feeds); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (feeds, i), "kind"), kind))
      return json_array_get_object_element (feeds, i);
  g_error ("no %s feed in --status", kind);
}

static gboolean
weather_from (JsonObject *status,
              const char *from)
{
  JsonNode *node = json_object_get_member (status, "weather");
  JsonObject *weather;

  if (node == NULL || json_node_is_null (node))
    return FALSE;
  weather = json_node_get_object (node);
  return json_object_has_member (weather, "from") && g_str_equal (json_object_get_string_member (weather, "from"), from);
}

/* Polls --status until the weather came from @from; returns that status. */
static JsonObject *
wait_for_weather (const char *from)
{
  for (guint attempt = 0; attempt < 300; attempt++)
    {
      g_autoptr(JsonObject) status = vt_app_status ();

      if (weather_from (status, from))
        return g_steal_pointer (&status);
      vt_sleep (100);
    }
  g_error ("the weather never came from the %s", from);
}

/* The text the first display's card of @kind shows, or NULL while it is hidden. */
static const char *
card_text (JsonObject *status,
           const char *kind)
{
  JsonArray *overlays = json_object_get_array_member (status, "overlays");
  JsonArray *cards;

  if (overlays == NULL || json_array_get_length (overlays) == 0)
    return NULL;
  cards = json_object_get_array_member (json_array_get_object_element (overlays, 0), "cards");
  for (guint i = 0; cards != NULL && i < json_array_get_length (cards); i++)
    {
      JsonObject *card = json_array_get_object_element (cards, i);

      if (g_str_equal (json_object_get_string_member (card, "kind"), kind) &&
          json_object_get_boolean_member (card, "visible") &&
          !json_node_is_null (json_object_get_member (card, "text")))
        return json_object_get_string_member (card, "text");
    }
  return NULL;
}

/* The first display's card of @kind, shown or not. */
static JsonObject *
card_of_kind (JsonObject *status,
              const char *kind)
{
  JsonArray *overlays = json_object_get_array_member (status, "overlays");
  JsonArray *cards = json_object_get_array_member (json_array_get_object_element (overlays, 0), "cards");

  for (guint i = 0; i < json_array_get_length (cards); i++)
    {
      JsonObject *card = json_array_get_object_element (cards, i);

      if (g_str_equal (json_object_get_string_member (card, "kind"), kind))
        return card;
    }
  g_error ("no %s card in --status", kind);
}

/* Polls --status until the card of @kind shows every one of @needles. */
static void
wait_for_card (const char         *kind,
               const char * const *needles)
{
  for (guint attempt = 0; attempt < 600; attempt++)
    {
      g_autoptr(JsonObject) status = vt_app_status ();
      const char *text = card_text (status, kind);
      gboolean all = text != NULL;

      for (guint i = 0; all && needles[i] != NULL; i++)
        all = strstr (text, needles[i]) != NULL;
      if (all)
        return;
      vt_sleep (100);
    }
  g_error ("the %s card never showed %s", kind, needles[0]);
}

static void
test_feed_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(JsonObject) later = NULL;
  g_autoptr(JsonObject) weather = NULL;
  g_autoptr(JsonObject) cached = NULL;
  JsonObject *feed;

  if (vt_app_skip_without_display ())
    return;

  fixture->app = vt_app_start ("--window", NULL);
  status = wait_for_feed_photo (60000);
  assert_feed_colour ();
  feed = feed_of_kind (status, "images");
  g_assert_cmpstr (json_object_get_string_member (feed, "title"), ==, "Loopback Gallery");
  g_assert_cmpint (json_object_get_int_member (feed, "items"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (feed, "mirrored"), >=, 1);
  g_assert_cmpint (json_object_get_int_member (feed, "failures"), ==, 0);
  weather = wait_for_weather ("network");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (weather, "weather"), "name"), ==,
                   "Berlin");
  /* The same document as a headline feed: its five titles reach the display process. */
  for (guint attempt = 0; attempt < 300; attempt++)
    {
      g_autoptr(JsonObject) now = vt_app_status ();
      JsonObject *headlines = feed_of_kind (now, "headlines");

      if (g_str_equal (json_object_get_string_member (headlines, "state"), "ok"))
        {
          g_assert_cmpint (json_object_get_int_member (headlines, "items"), ==, 5);
          g_assert_cmpint (json_object_get_int_member (headlines, "mirrored"), ==, 0);
          break;
        }
      g_assert_cmpuint (attempt, <, 299);
      vt_sleep (100);
    }

  /* Both reach their cards: the place and the fixture's 4.3 °C, the feed's titles. */
  wait_for_card ("weather", (const char *[]) { "Berlin", "4°C", NULL });
  /* Four of the five titles show at a time, turning each minute: any one of them. */
  wait_for_card ("headlines", (const char *[]) { "Loopback Gallery", NULL });
  {
    g_autoptr(JsonObject) now = vt_app_status ();
    const char *text = card_text (now, "headlines");
    static const char *const titles[] = { "Red square", "Blue square", "A page, not a photo",
                                          "Far too large", "Only a headline" };
    guint shown = 0;

    for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
      shown += text != NULL && strstr (text, titles[i]) != NULL;
    g_assert_cmpuint (shown, >=, 1);
  }

  /* The server stops; a restart shows the mirror before (and without) the network. */
  vt_app_stop (&fixture->app);
  g_clear_pointer (&fixture->http, vt_http_stop);
  fixture->app = vt_app_start ("--window", NULL);
  later = wait_for_feed_photo (30000);
  assert_feed_colour ();
  g_assert_cmpint (json_object_get_int_member (feed_of_kind (later, "images"), "mirrored"), >=, 1);
  /* The weather from the worker's cache, with its age. */
  cached = wait_for_weather ("cache");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (cached, "weather"), "age_s"), >=, 0);
  wait_for_card ("weather", (const char *[]) { "Berlin", "4°C", "updated", NULL });

  /* A place with no weather to be had (offline, never cached): the card hides, with the
   * reason in its --status, and never shows Berlin's weather for it. */
  write_settings (fixture->feed, "Atlantis");
  for (guint attempt = 0; attempt < 300; attempt++)
    {
      g_autoptr(JsonObject) now = vt_app_status ();
      JsonObject *card = card_of_kind (now, "weather");
      JsonNode *error = json_object_get_member (card, "error");

      /* Set at once; the card then fades out. */
      if (error != NULL && !json_node_is_null (error) && !json_object_get_boolean_member (card, "visible"))
        {
          g_test_message ("the weather card hides: %s", json_node_get_string (error));
          g_assert_true (json_node_is_null (json_object_get_member (card, "text")));
          break;
        }
      g_assert_cmpuint (attempt, <, 299);
      vt_sleep (100);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Image feeds on screen, online and after the server stopped");

  g_test_add ("/Feeds/feed-only", Fixture, NULL, fixture_setup, test_feed_only, fixture_teardown);
  return g_test_run ();
}
