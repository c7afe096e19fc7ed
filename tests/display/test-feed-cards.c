/* test-feed-cards.c: the weather and headlines cards in-process, fed as the feed worker's
 * data will feed them (their setters), drawn by GTK's own renderer into a texture: the
 * exact text at a fixed "now", the condition icon drawn, hidden on an error with the
 * reason kept, headlines four at a time turning each minute, long titles ellipsized; the
 * weather in the locale's units.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <locale.h>
#include <string.h>

#include "vitrine-enums.h"
#include "vitrine-headlines-card.h"
#include "vitrine-overlay-feeds.h"
#include "vitrine-overlay-style.h"
#include "vitrine-test-util.h"
#include "vitrine-weather-card.h"

#define NOW "2026-12-01T14:05:00Z"

typedef struct
{
  GSettings           *settings;
  GSettings           *widgets;
  VitrineOverlayStyle *style;
  GtkWidget           *window;
  GtkWidget           *box;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->settings = g_settings_new (APP_ID);
  fixture->widgets = g_settings_get_child (fixture->settings, "widgets");
  fixture->style = vitrine_overlay_style_new (fixture->settings);
  fixture->window = gtk_window_new ();
  fixture->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (fixture->box, GTK_ALIGN_START);
  gtk_widget_set_valign (fixture->box, GTK_ALIGN_START);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->box);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->style);
  g_clear_object (&fixture->widgets);
  g_clear_object (&fixture->settings);
}

static void
settle (void)
{
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10 * 1000);
    }
}

/* The card as GTK draws it, into a texture of its own size. */
static GdkTexture *
render (GtkWidget *card)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (card);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (card));
  int width = gtk_widget_get_width (card), height = gtk_widget_get_height (card);

  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Pixels brighter than 200 in every channel (white text and icons on the dark card). */
static guint
bright_pixels (GdkTexture *texture,
               int         x0,
               int         y0,
               int         width,
               int         height)
{
  int stride = gdk_texture_get_width (texture) * 4;
  g_autofree guint8 *pixels = g_malloc ((gsize) stride * gdk_texture_get_height (texture));
  guint n = 0;

  gdk_texture_download (texture, pixels, stride);
  for (int y = y0; y < y0 + height; y++)
    for (int x = x0; x < x0 + width; x++)
      {
        const guint8 *p = pixels + y * stride + x * 4;   /* B G R A, premultiplied */

        n += p[0] > 200 && p[1] > 200 && p[2] > 200;
      }
  return n;
}

static void
show (Fixture   *fixture,
      GtkWidget *card)
{
  gtk_box_append (GTK_BOX (fixture->box), card);
  /* The layer fades cards in; here they are simply whole. */
  vitrine_overlay_card_set_fade (VITRINE_OVERLAY_CARD (card), 1, 1);
  settle ();
}

static void
test_weather (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);
  GtkWidget *card;
  g_autoptr(GdkTexture) texture = NULL;
  VitrineCardWeather weather = {
    .place = "Lyon", .temperature = 11.6, .imperial = FALSE, .code = 2, .is_day = TRUE,
    .n_days = 3, .fetched_at = (g_date_time_to_unix (now) - 25 * 60) * G_USEC_PER_SEC, .from_cache = TRUE,
  };
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "feed-cards-weather.png", NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (2026, 12, 2 + (int) i, 0, 0, 0);

      weather.days[i] = (VitrineCardWeatherDay) { 3, 14 + i, 6 - (int) i, g_date_time_to_unix (day) };
    }
  g_settings_set_boolean (fixture->widgets, "weather-enabled", TRUE);
  card = vitrine_weather_card_new (fixture->style, fixture->widgets);
  show (fixture, card);
  /* No data yet: hidden. */
  g_assert_false (vitrine_overlay_card_get_wanted (VITRINE_OVERLAY_CARD (card)));

  vitrine_weather_card_set_weather (VITRINE_WEATHER_CARD (card), &weather);
  settle ();
  g_assert_true (vitrine_overlay_card_get_wanted (VITRINE_OVERLAY_CARD (card)));
  g_assert_cmpstr (vitrine_overlay_card_get_text (VITRINE_OVERLAY_CARD (card)), ==,
                   "Lyon · 12°C · Partly cloudy · Wed 14° / 6°   Thu 15° / 5°   Fri 16° / 4° · updated 25 min ago");
  texture = render (card);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("the weather card, %dx%d: %s", gdk_texture_get_width (texture), gdk_texture_get_height (texture), path);
  /* The icon sits left of the temperature, under the place: something white is drawn. */
  g_assert_cmpuint (bright_pixels (texture, 20, 30, 60, 70), >, 80);

  /* Negative zero reads "0°"; at night a clear sky has the moon. */
  weather.temperature = -0.3;
  weather.code = 0;
  weather.is_day = FALSE;
  weather.from_cache = FALSE;
  weather.n_days = 0;
  vitrine_weather_card_set_weather (VITRINE_WEATHER_CARD (card), &weather);
  g_assert_cmpstr (vitrine_overlay_card_get_text (VITRINE_OVERLAY_CARD (card)), ==, "Lyon · 0°C · Clear sky ·  · ");

  /* An error hides the card. */
  vitrine_weather_card_set_error (VITRINE_WEATHER_CARD (card), "the fetch failed and nothing is cached");
  g_assert_false (vitrine_overlay_card_get_wanted (VITRINE_OVERLAY_CARD (card)));
  g_assert_null (vitrine_overlay_card_get_text (VITRINE_OVERLAY_CARD (card)));
  /* And switching the card off too, whatever the data. */
  vitrine_weather_card_set_weather (VITRINE_WEATHER_CARD (card), &weather);
  g_settings_set_boolean (fixture->widgets, "weather-enabled", FALSE);
  g_assert_false (vitrine_overlay_card_get_wanted (VITRINE_OVERLAY_CARD (card)));
}

static void
test_headlines (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);
  g_autoptr(GDateTime) next_minute = g_date_time_add_minutes (now, 1);
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *long_title = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "feed-cards-headlines.png", NULL);
  GtkWidget *card;
  VitrineCardHeadline items[6];
  gint64 now_us = g_date_time_to_unix (now) * G_USEC_PER_SEC;
  const char *text;

  {
    GString *title = g_string_new ("A very long headline that goes on");

    for (guint i = 0; i < 20; i++)
      g_string_append (title, " and on");
    long_title = g_string_free (title, FALSE);
  }
  items[0] = (VitrineCardHeadline) { "Harbour reopens after the storm", "Lyon Daily", now_us - (gint64) 20 * 60 * G_USEC_PER_SEC };
  items[1] = (VitrineCardHeadline) { long_title, "The Long Read", now_us - (gint64) 3 * 3600 * G_USEC_PER_SEC };
  items[2] = (VitrineCardHeadline) { "Trams\ton time\nagain", "Transit", now_us - 30 * G_USEC_PER_SEC };
  items[3] = (VitrineCardHeadline) { "Markets calm", "", 0 };
  items[4] = (VitrineCardHeadline) { "Fifth item", "Wire", now_us - (gint64) 3 * 86400 * G_USEC_PER_SEC };
  items[5] = (VitrineCardHeadline) { "Sixth item", "Wire", now_us - (gint64) 90 * 60 * G_USEC_PER_SEC };

  g_settings_set_boolean (fixture->widgets, "headlines-enabled", TRUE);
  g_settings_set_uint (fixture->widgets, "headlines-count", 6);
  card = vitrine_headlines_card_new (fixture->style, fixture->widgets);
  show (fixture, card);
  vitrine_headlines_card_set_items (VITRINE_HEADLINES_CARD (card), items, G_N_ELEMENTS (items), NULL);
  settle ();

  text = vitrine_overlay_card_get_text (VITRINE_OVERLAY_CARD (card));
  g_assert_true (g_str_has_prefix (text, "Harbour reopens after the storm (Lyon Daily · 20 min ago) | A very long"));
  g_assert_nonnull (strstr (text, "| Trams on time again (Transit · just now) | Markets calm ()"));
  g_assert_null (strstr (text, "Fifth"));
  /* Ellipsized: the long title does not make the card wider than its 38 characters. */
  g_assert_cmpint (gtk_widget_get_width (card), <, 560);
  texture = render (card);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("the headlines card, %dx%d: %s", gdk_texture_get_width (texture), gdk_texture_get_height (texture), path);
  g_assert_cmpuint (bright_pixels (texture, 0, 0, gdk_texture_get_width (texture), gdk_texture_get_height (texture)), >, 400);

  /* The next minute: the second page, the last two. */
  vitrine_overlay_card_tick (VITRINE_OVERLAY_CARD (card), next_minute);
  g_assert_cmpstr (vitrine_overlay_card_get_text (VITRINE_OVERLAY_CARD (card)), ==,
                   "Fifth item (Wire · 3 days ago) | Sixth item (Wire · 1 hour ago)");
  /* And then the first again. */
  vitrine_overlay_card_tick (VITRINE_OVERLAY_CARD (card), next_minute);
  g_assert_true (g_str_has_prefix (vitrine_overlay_card_get_text (VITRINE_OVERLAY_CARD (card)), "Harbour reopens"));

  /* Fewer allowed than there are: the newest only, one page. */
  g_settings_set_uint (fixture->widgets, "headlines-count", 1);
  g_assert_cmpstr (vitrine_overlay_card_get_text (VITRINE_OVERLAY_CARD (card)), ==,
                   "Harbour reopens after the storm (Lyon Daily · 20 min ago)");

  /* An error hides it. */
  vitrine_headlines_card_set_items (VITRINE_HEADLINES_CARD (card), NULL, 0, "no feed could be read");
  g_assert_false (vitrine_overlay_card_get_wanted (VITRINE_OVERLAY_CARD (card)));
}

/* A feed worker reply of @celsius now and one day at @high / @low, all in °C. */
static GVariant *
reply_in_celsius (double celsius,
                  double high,
                  double low)
{
  return g_variant_ref_sink (g_variant_new_parsed (
    "{'name': <'Chicago'>, 'country': <'United States'>, 'fetched_at': <int64 1796137500>, "
    "'from_cache': <false>, 'weather': <{'temperature': <%d>, 'temperature_unit': <'°C'>, "
    "'weather_code': <0>, 'is_day': <true>, 'days': <[('2026-12-02', 0, %d, %d)]>}>}",
    celsius, high, low));
}

/*
 * "Locale default": the card follows the locale's units. The test's locale is C.UTF-8,
 * metric; a US locale asked for in the environment (not installed, so not in effect,
 * which is the case the rule reads the environment for) gives °F, converted from the °C
 * the worker sends; a German one °C again. Metric and imperial set by hand win.
 */
static void
test_weather_locale_units (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GVariant) reply = reply_in_celsius (-5.0, 10.0, -10.0);
  g_autofree char *saved = g_strdup (g_getenv ("LC_ALL"));
  g_autofree char *place = NULL;
  VitrineCardWeather weather;
  GtkWidget *card;
  gboolean imperial;

  g_settings_set_boolean (fixture->widgets, "weather-enabled", TRUE);
  g_assert_cmpint (g_settings_get_enum (fixture->widgets, "weather-units"), ==, VITRINE_WEATHER_UNITS_LOCALE);
  g_assert_cmpint (vitrine_weather_units_resolve (VITRINE_WEATHER_UNITS_LOCALE), ==, VITRINE_WEATHER_UNITS_METRIC);
  card = vitrine_weather_card_new (fixture->style, fixture->widgets);
  show (fixture, card);

  g_setenv ("LC_ALL", "en_US.UTF-8", TRUE);
  imperial = vitrine_weather_units_resolve (VITRINE_WEATHER_UNITS_LOCALE) == VITRINE_WEATHER_UNITS_IMPERIAL;
  g_assert_true (imperial);
  g_assert_true (vitrine_card_weather_from_reply (reply, imperial, &weather, &place));
  vitrine_weather_card_set_weather (VITRINE_WEATHER_CARD (card), &weather);
  g_assert_cmpstr (vitrine_overlay_card_get_text (VITRINE_OVERLAY_CARD (card)), ==,
                   "Chicago, United States · 23°F · Clear sky · Wed 50° / 14° · ");
  g_assert_cmpint (vitrine_weather_units_resolve (VITRINE_WEATHER_UNITS_METRIC), ==, VITRINE_WEATHER_UNITS_METRIC);

  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_assert_cmpint (vitrine_weather_units_resolve (VITRINE_WEATHER_UNITS_LOCALE), ==, VITRINE_WEATHER_UNITS_METRIC);
  g_assert_cmpint (vitrine_weather_units_resolve (VITRINE_WEATHER_UNITS_IMPERIAL), ==, VITRINE_WEATHER_UNITS_IMPERIAL);
  g_clear_pointer (&place, g_free);
  g_assert_true (vitrine_card_weather_from_reply (reply, FALSE, &weather, &place));
  vitrine_weather_card_set_weather (VITRINE_WEATHER_CARD (card), &weather);
  g_assert_cmpstr (vitrine_overlay_card_get_text (VITRINE_OVERLAY_CARD (card)), ==,
                   "Chicago, United States · -5°C · Clear sky · Wed 10° / -10° · ");

  if (saved != NULL)
    g_setenv ("LC_ALL", saved, TRUE);
  else
    g_unsetenv ("LC_ALL");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_setenv ("LC_ALL", "C", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("VITRINE_TEST_NOW", NOW, TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  /* Not isolated: the icon theme lives in the system's data folders; the settings are in
   * memory. */
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The weather and headlines cards, fed through their setters");

  if (!vt_have_display ())
    {
      g_print ("1..0 # SKIP needs a display server (run under xvfb-run)\n");
      return 0;
    }
  gtk_init ();

  g_test_add ("/FeedCards/weather", Fixture, NULL, fixture_setup, test_weather, fixture_teardown);
  g_test_add ("/FeedCards/headlines", Fixture, NULL, fixture_setup, test_headlines, fixture_teardown);
  g_test_add ("/FeedCards/weather-locale-units", Fixture, NULL, fixture_setup, test_weather_locale_units,
              fixture_teardown);

  return g_test_run ();
}
