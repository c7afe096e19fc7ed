/* fuzz-weather.c: Open-Meteo's answers over arbitrary bytes, both as a geocoding and as a
 * forecast answer, and the coordinate reader over the same bytes. What is accepted has
 * its required fields, at most three days, codes within WMO's range, valid UTF-8.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-fuzz.h"
#include "vitrine-weather-parse.h"

static void
check_text (const char *text)
{
  if (text != NULL)
    g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
forecast (const uint8_t *data,
          size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineWeather) weather = vitrine_weather_parse_forecast (data, size, &error);

  if (weather == NULL)
    {
      g_assert_true (error != NULL && error->domain == VITRINE_WEATHER_ERROR);
      return;
    }
  g_assert_false (isnan (weather->temperature));
  g_assert_cmpint (weather->weather_code, >=, 0);
  g_assert_cmpint (weather->weather_code, <=, 99);
  g_assert_cmpuint (weather->n_days, <=, VITRINE_WEATHER_DAYS);
  check_text (weather->timezone);
  check_text (weather->timezone_abbreviation);
  check_text (weather->time);
  check_text (weather->temperature_unit);
  check_text (weather->wind_speed_unit);
  for (guint i = 0; i < VITRINE_WEATHER_DAYS; i++)
    {
      g_assert_true ((i < weather->n_days) == (weather->days[i].date != NULL));
      if (i < weather->n_days)
        {
          g_assert_cmpuint (strlen (weather->days[i].date), ==, 10);
          g_assert_cmpint (weather->days[i].weather_code, >=, -1);
          g_assert_cmpint (weather->days[i].weather_code, <=, 99);
        }
    }
  g_assert_cmpstr (vitrine_weather_code_category (weather->weather_code), !=, NULL);
}

static void
geocoding (const uint8_t *data,
           size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineWeatherPlace) place = vitrine_weather_parse_geocoding (data, size, &error);
  g_autofree char *query = NULL;

  if (place == NULL)
    {
      g_assert_true (error != NULL && error->domain == VITRINE_WEATHER_ERROR);
      return;
    }
  g_assert_nonnull (place->name);
  check_text (place->name);
  check_text (place->country);
  check_text (place->country_code);
  check_text (place->admin1);
  check_text (place->timezone);
  query = vitrine_weather_forecast_query (place->latitude, place->longitude);
  g_assert_nonnull (query);
}

/* Every suggestion has a name and coordinates, and its label reads back to them. */
static void
suggestions (const uint8_t *data,
             size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) places = vitrine_weather_parse_suggestions (data, size, VITRINE_WEATHER_MAX_SUGGESTIONS, &error);

  if (places == NULL)
    {
      g_assert_true (error != NULL && error->domain == VITRINE_WEATHER_ERROR);
      return;
    }
  g_assert_cmpuint (places->len, >=, 1);
  g_assert_cmpuint (places->len, <=, VITRINE_WEATHER_MAX_SUGGESTIONS);
  for (guint i = 0; i < places->len; i++)
    {
      const VitrineWeatherPlace *place = g_ptr_array_index (places, i);
      g_autofree char *label = vitrine_weather_place_label (place);
      g_autofree char *read = NULL;
      double latitude, longitude;

      check_text (label);
      g_assert_true (vitrine_weather_parse_labelled (label, &read, &latitude, &longitude));
      g_assert_cmpfloat (fabs (latitude - place->latitude), <=, 0.00006);
      g_assert_cmpfloat (fabs (longitude - place->longitude), <=, 0.00006);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *query = NULL;
  double latitude, longitude;

  vitrine_fuzz_init ();

  forecast (data, size);
  geocoding (data, size);
  suggestions (data, size);

  text = g_strndup ((const char *) data, MIN (size, 1024));
  if (vitrine_weather_parse_coordinates (text, &latitude, &longitude))
    {
      g_autofree char *coordinates = vitrine_weather_forecast_query (latitude, longitude);

      g_assert_nonnull (coordinates);
    }
  {
    g_autofree char *label = NULL;

    if (vitrine_weather_parse_labelled (text, &label, &latitude, &longitude))
      g_assert_true (label == NULL || g_utf8_validate (label, -1, NULL));
  }
  query = vitrine_weather_geocoding_query (text);
  if (query != NULL)
    g_assert_true (g_str_has_prefix (query, "name=") && strchr (query, ' ') == NULL);
  return 0;
}
