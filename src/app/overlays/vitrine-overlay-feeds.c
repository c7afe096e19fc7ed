/* vitrine-overlay-feeds.c: the weather and headlines cards fed from VitrineFeeds.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-overlay-feeds.h"

#include <langinfo.h>
#include <locale.h>

#include "vitrine-enums.h"
#include "vitrine-headlines-card.h"
#include "vitrine-locale-units.h"

#define FOLLOW_KEY "vitrine-overlay-feeds"

/* On the layer; the handlers are connected with it and go with it. */
typedef struct
{
  VitrineOverlayLayer *layer;
  VitrineFeeds        *feeds;   /* not owned: it outlives every display */
  GSettings           *widgets;
} Follow;

static void
follow_free (gpointer data)
{
  Follow *follow = data;

  g_clear_object (&follow->widgets);
  g_free (follow);
}

/* "YYYY-MM-DD" as Unix seconds of that day's local midnight, or 0. */
static gint64
day_to_unix (const char *date)
{
  g_autoptr(GDateTime) midnight = NULL;
  int year, month, day;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return 0;
  midnight = g_date_time_new_local (year, month, day, 0, 0, 0);
  return midnight != NULL ? g_date_time_to_unix (midnight) : 0;
}

static double
to_unit (double value,
         gboolean fahrenheit_source,
         gboolean imperial)
{
  if (imperial && !fahrenheit_source)
    return value * 9.0 / 5.0 + 32.0;
  if (!imperial && fahrenheit_source)
    return (value - 32.0) * 5.0 / 9.0;
  return value;
}

/*
 * The feed worker's weather reply (a{sv}: name, country, fetched_at in Unix seconds,
 * from_cache, weather: {temperature, temperature_unit, weather_code, is_day, days
 * a(sidd)}) as the card's VitrineCardWeather, temperatures in the unit the setting asks
 * for. @place (the name shown, "Name, Country") is the caller's to free. FALSE when the
 * reply holds no weather.
 */
gboolean
vitrine_card_weather_from_reply (GVariant            *reply,
                                 gboolean             imperial,
                                 VitrineCardWeather  *weather,
                                 char               **place)
{
  g_autoptr(GVariant) current = NULL;
  g_autoptr(GVariant) days = NULL;
  const char *name = NULL, *country = NULL, *unit = NULL;
  gboolean fahrenheit;
  gint64 fetched_at = 0;
  double temperature;
  gsize n_days;

  if (reply == NULL || !g_variant_is_of_type (reply, G_VARIANT_TYPE_VARDICT))
    return FALSE;
  current = g_variant_lookup_value (reply, "weather", G_VARIANT_TYPE_VARDICT);
  if (current == NULL || !g_variant_lookup (current, "temperature", "d", &temperature))
    return FALSE;

  memset (weather, 0, sizeof *weather);
  g_variant_lookup (reply, "name", "&s", &name);
  g_variant_lookup (reply, "country", "&s", &country);
  g_variant_lookup (reply, "fetched_at", "x", &fetched_at);
  g_variant_lookup (reply, "from_cache", "b", &weather->from_cache);
  g_variant_lookup (current, "temperature_unit", "&s", &unit);
  g_variant_lookup (current, "weather_code", "i", &weather->code);
  g_variant_lookup (current, "is_day", "b", &weather->is_day);
  fahrenheit = unit != NULL && strstr (unit, "F") != NULL;

  if (name != NULL && *name != '\0' && country != NULL && *country != '\0')
    *place = g_strdup_printf ("%s, %s", name, country);
  else
    *place = g_strdup (name != NULL && *name != '\0' ? name : NULL);
  weather->place = *place;
  weather->temperature = to_unit (temperature, fahrenheit, imperial);
  weather->imperial = imperial;
  weather->fetched_at = fetched_at * G_USEC_PER_SEC;

  days = g_variant_lookup_value (current, "days", G_VARIANT_TYPE ("a(sidd)"));
  n_days = days != NULL ? g_variant_n_children (days) : 0;
  for (gsize i = 0; i < n_days && weather->n_days < VITRINE_CARD_WEATHER_DAYS; i++)
    {
      VitrineCardWeatherDay *day = &weather->days[weather->n_days];
      const char *date;
      double high, low;

      g_variant_get_child (days, i, "(&sidd)", &date, &day->code, &high, &low);
      day->date = day_to_unix (date);
      if (day->date == 0)
        continue;
      day->high = to_unit (high, fahrenheit, imperial);
      day->low = to_unit (low, fahrenheit, imperial);
      weather->n_days++;
    }
  return TRUE;
}

/*
 * The units the weather card shows for the setting @units: "locale" as this process's
 * locale reads the weather (vitrine-locale-units.h has the rule), else @units itself.
 */
VitrineWeatherUnits
vitrine_weather_units_resolve (VitrineWeatherUnits units)
{
  VitrineLocaleMeasurement locale = { 0 };

  if (units != VITRINE_WEATHER_UNITS_LOCALE)
    return units;
  locale.effective = setlocale (LC_MEASUREMENT, NULL);
#ifdef HAVE_NL_MEASUREMENT
  locale.measurement = (VitrineMeasurement) nl_langinfo (_NL_MEASUREMENT_MEASUREMENT)[0];
#endif
  locale.lc_all = g_getenv ("LC_ALL");
  locale.lc_measurement = g_getenv ("LC_MEASUREMENT");
  locale.lang = g_getenv ("LANG");
  return vitrine_locale_weather_units (&locale);
}

static void
weather_changed_cb (VitrineFeeds *feeds,
                    gpointer      user_data)
{
  Follow *follow = g_object_get_data (user_data, FOLLOW_KEY);
  VitrineOverlayCard *card = vitrine_overlay_layer_find_card (follow->layer, "weather");
  VitrineWeatherUnits units = g_settings_get_enum (follow->widgets, "weather-units");
  gboolean imperial = vitrine_weather_units_resolve (units) == VITRINE_WEATHER_UNITS_IMPERIAL;
  g_autofree char *place = NULL;
  VitrineCardWeather weather;

  if (card == NULL)
    return;
  if (vitrine_card_weather_from_reply (vitrine_feeds_get_weather (feeds), imperial, &weather, &place))
    vitrine_weather_card_set_weather (VITRINE_WEATHER_CARD (card), &weather);
  else if (vitrine_feeds_get_weather_error (feeds) != NULL)
    vitrine_weather_card_set_error (VITRINE_WEATHER_CARD (card), vitrine_feeds_get_weather_error (feeds));
}

static void
headlines_changed_cb (VitrineFeeds *feeds,
                      gpointer      user_data)
{
  Follow *follow = g_object_get_data (user_data, FOLLOW_KEY);
  VitrineOverlayCard *card = vitrine_overlay_layer_find_card (follow->layer, "headlines");
  GPtrArray *headlines = vitrine_feeds_get_headlines (feeds);
  g_autofree VitrineCardHeadline *items = NULL;
  guint n = headlines != NULL ? headlines->len : 0;

  if (card == NULL)
    return;
  items = g_new0 (VitrineCardHeadline, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const VitrineHeadline *headline = headlines->pdata[i];

      items[i].title = headline->title;
      items[i].source = headline->source;
      items[i].published = headline->published_unix == G_MININT64 ? 0 : headline->published_unix * G_USEC_PER_SEC;
    }
  vitrine_headlines_card_set_items (VITRINE_HEADLINES_CARD (card), items, n, NULL);
}

static void
units_changed_cb (GSettings  *settings,
                  const char *key,
                  gpointer    user_data)
{
  Follow *follow = g_object_get_data (user_data, FOLLOW_KEY);

  weather_changed_cb (follow->feeds, follow->layer);
}

/* Feeds @layer's weather and headlines cards from @feeds, now and on every change, for as
 * long as @layer lives. */
void
vitrine_overlay_layer_follow_feeds (VitrineOverlayLayer *layer,
                                    VitrineFeeds        *feeds,
                                    GSettings           *widgets)
{
  Follow *follow = g_new0 (Follow, 1);

  g_return_if_fail (VITRINE_IS_OVERLAY_LAYER (layer));
  g_return_if_fail (VITRINE_IS_FEEDS (feeds));

  follow->layer = layer;
  follow->feeds = feeds;
  follow->widgets = g_object_ref (widgets);
  g_object_set_data_full (G_OBJECT (layer), FOLLOW_KEY, follow, follow_free);
  g_signal_connect_object (feeds, "weather-changed", G_CALLBACK (weather_changed_cb), layer, 0);
  g_signal_connect_object (feeds, "headlines-changed", G_CALLBACK (headlines_changed_cb), layer, 0);
  g_signal_connect_object (widgets, "changed::weather-units", G_CALLBACK (units_changed_cb), layer, 0);
  weather_changed_cb (feeds, layer);
  headlines_changed_cb (feeds, layer);
}
