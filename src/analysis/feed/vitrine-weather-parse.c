/* vitrine-weather-parse.c: see the header.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "vitrine-weather-parse.h"

G_DEFINE_QUARK (vitrine-weather-error-quark, vitrine_weather_error)

char *vitrine_weather_forecast_query (double latitude, double longitude) { (void) latitude; (void) longitude; return NULL; }
char *vitrine_weather_geocoding_query (const char *place) { (void) place; return NULL; }
gboolean vitrine_weather_parse_coordinates (const char *text, double *latitude, double *longitude)
{ (void) text; (void) latitude; (void) longitude; return FALSE; }

VitrineWeatherPlace *
vitrine_weather_parse_geocoding (const guint8 *data, gsize length, GError **error)
{
  (void) data; (void) length;
  g_set_error_literal (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_MALFORMED, "not implemented yet");
  return NULL;
}

VitrineWeather *
vitrine_weather_parse_forecast (const guint8 *data, gsize length, GError **error)
{
  (void) data; (void) length;
  g_set_error_literal (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_MALFORMED, "not implemented yet");
  return NULL;
}

const char *vitrine_weather_code_category (int code) { (void) code; return "unknown"; }

void
vitrine_weather_place_free (VitrineWeatherPlace *place)
{
  if (place == NULL)
    return;
  g_free (place->name);
  g_free (place->country);
  g_free (place->country_code);
  g_free (place->admin1);
  g_free (place->timezone);
  g_free (place);
}

void
vitrine_weather_free (VitrineWeather *weather)
{
  if (weather == NULL)
    return;
  g_free (weather->timezone);
  g_free (weather->timezone_abbreviation);
  g_free (weather->time);
  g_free (weather->temperature_unit);
  g_free (weather->wind_speed_unit);
  for (guint i = 0; i < VITRINE_WEATHER_DAYS; i++)
    g_free (weather->days[i].date);
  g_free (weather);
}
