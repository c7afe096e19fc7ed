/* test-weather-parse.c: Open-Meteo's geocoding and forecast answers (fixtures in
 * tests/data/feeds) to exact values, the query strings, and bad answers.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-weather-parse.h"

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "feeds", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static VitrineWeather *
forecast (const char  *name,
          GError     **error)
{
  g_autoptr(GBytes) bytes = fixture (name);

  return vitrine_weather_parse_forecast (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

static VitrineWeatherPlace *
geocoding (const char  *name,
           GError     **error)
{
  g_autoptr(GBytes) bytes = fixture (name);

  return vitrine_weather_parse_geocoding (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}

static void
test_forecast (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineWeather) w = forecast ("weather-forecast.json", &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (w->latitude, ==, 52.52);
  g_assert_cmpfloat (w->longitude, ==, 13.419998);
  g_assert_cmpstr (w->timezone, ==, "Europe/Berlin");
  g_assert_cmpstr (w->timezone_abbreviation, ==, "GMT+1");
  g_assert_cmpint (w->utc_offset_seconds, ==, 3600);
  g_assert_cmpstr (w->time, ==, "2026-12-01T12:15");
  /* 12:15 in Berlin (UTC+1) is 11:15 UTC. */
  g_assert_cmpint (w->time_unix, ==, 1796123700);
  g_assert_cmpfloat (w->temperature, ==, 4.3);
  g_assert_cmpint (w->weather_code, ==, 3);
  g_assert_true (w->is_day);
  g_assert_cmpfloat (w->wind_speed, ==, 14.2);
  g_assert_cmpfloat (w->relative_humidity, ==, 81);
  g_assert_cmpstr (w->temperature_unit, ==, "°C");
  g_assert_cmpstr (w->wind_speed_unit, ==, "km/h");
  g_assert_cmpuint (w->n_days, ==, 3);
  g_assert_cmpstr (w->days[0].date, ==, "2026-12-01");
  g_assert_cmpint (w->days[0].weather_code, ==, 3);
  g_assert_cmpfloat (w->days[0].temperature_max, ==, 5.6);
  g_assert_cmpfloat (w->days[0].temperature_min, ==, 0.8);
  g_assert_cmpstr (w->days[1].date, ==, "2026-12-02");
  g_assert_cmpint (w->days[1].weather_code, ==, 61);
  g_assert_cmpstr (w->days[2].date, ==, "2026-12-03");
  g_assert_cmpint (w->days[2].weather_code, ==, 71);
  g_assert_cmpfloat (w->days[2].temperature_max, ==, 1.9);
  g_assert_cmpfloat (w->days[2].temperature_min, ==, -2.5);
  g_assert_cmpstr (vitrine_weather_code_category (w->weather_code), ==, "overcast");
  g_assert_cmpstr (vitrine_weather_code_category (w->days[1].weather_code), ==, "rain");
  g_assert_cmpstr (vitrine_weather_code_category (w->days[2].weather_code), ==, "snow");
}

static void
test_forecast_gaps (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineWeather) w = forecast ("weather-forecast-gaps.json", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (w->timezone, ==, "Africa/Johannesburg");
  /* 23:45 at UTC+2 is 21:45 UTC; night; Fahrenheit. */
  g_assert_cmpint (w->time_unix, ==, 1796161500);
  g_assert_false (w->is_day);
  g_assert_cmpint (w->weather_code, ==, 0);
  g_assert_cmpstr (w->temperature_unit, ==, "°F");
  /* Absent current fields and nulls in the daily arrays. */
  g_assert_true (isnan (w->wind_speed));
  g_assert_true (isnan (w->relative_humidity));
  g_assert_null (w->wind_speed_unit);
  g_assert_cmpuint (w->n_days, ==, 2);
  g_assert_cmpint (w->days[1].weather_code, ==, -1);
  g_assert_true (isnan (w->days[1].temperature_max));
  g_assert_cmpfloat (w->days[1].temperature_min, ==, 61.0);
  g_assert_null (w->days[2].date);
}

static void
test_geocoding (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineWeatherPlace) place = geocoding ("weather-geocoding.json", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (place->name, ==, "Berlin");
  g_assert_cmpstr (place->country, ==, "Germany");
  g_assert_cmpstr (place->country_code, ==, "DE");
  g_assert_cmpstr (place->admin1, ==, "Land Berlin");
  g_assert_cmpstr (place->timezone, ==, "Europe/Berlin");
  g_assert_cmpfloat (place->latitude, ==, 52.52437);
  g_assert_cmpfloat (place->longitude, ==, 13.41053);

  g_assert_null (geocoding ("weather-geocoding-none.json", &error));
  g_assert_error (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_NOT_FOUND);
}

static void
test_bad_answers (void)
{
  static const struct { const char *json; int code; } cases[] = {
    { "", VITRINE_WEATHER_ERROR_MALFORMED },
    { "{\"current\":", VITRINE_WEATHER_ERROR_MALFORMED },
    { "[1,2,3]", VITRINE_WEATHER_ERROR_MALFORMED },
    { "{}", VITRINE_WEATHER_ERROR_INCOMPLETE },
    { "{\"current\":{\"temperature_2m\":\"warm\",\"weather_code\":1}}", VITRINE_WEATHER_ERROR_INCOMPLETE },
    { "{\"current\":{\"temperature_2m\":3.5,\"weather_code\":100}}", VITRINE_WEATHER_ERROR_INCOMPLETE },
    { "{\"current\":{\"temperature_2m\":null,\"weather_code\":1}}", VITRINE_WEATHER_ERROR_INCOMPLETE },
    { "{\"current\":[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]}", VITRINE_WEATHER_ERROR_MALFORMED },
  };
  static const char no_coordinates[] = "{\"results\":[{\"name\":\"X\"}]}";
  static const char required[] = "{\"current\":{\"temperature_2m\":-3,\"weather_code\":45}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineWeather) minimal = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_null (vitrine_weather_parse_forecast ((const guint8 *) cases[i].json, strlen (cases[i].json), &error));
      g_assert_error (error, VITRINE_WEATHER_ERROR, cases[i].code);
      g_clear_error (&error);
    }

  /* Open-Meteo's own error object, with its reason. */
  g_assert_null (forecast ("weather-error.json", &error));
  g_assert_error (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_API);
  g_assert_nonnull (strstr (error->message, "Latitude must be in range"));
  g_clear_error (&error);
  g_assert_null (geocoding ("weather-error.json", &error));
  g_assert_error (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_API);
  g_clear_error (&error);

  /* A first result without coordinates. */
  g_assert_null (vitrine_weather_parse_geocoding ((const guint8 *) no_coordinates, strlen (no_coordinates), &error));
  g_assert_error (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_INCOMPLETE);
  g_clear_error (&error);

  /* The two required fields are enough. */
  minimal = vitrine_weather_parse_forecast ((const guint8 *) required, strlen (required), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (minimal->temperature, ==, -3);
  g_assert_cmpint (minimal->time_unix, ==, G_MININT64);
  g_assert_cmpuint (minimal->n_days, ==, 0);
  g_assert_cmpstr (vitrine_weather_code_category (minimal->weather_code), ==, "fog");
}

/* Several matches: up to the cap, in order, one without coordinates left out; each written
 * back as a label with coordinates that reads again to the same place. */
static void
test_suggestions (void)
{
  g_autoptr(GBytes) bytes = fixture ("weather-geocoding-many.json");
  g_autoptr(GBytes) one = fixture ("weather-geocoding.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GPtrArray) single = NULL;
  g_autofree char *label = NULL, *read_label = NULL, *bare = NULL;
  g_autofree char *query = vitrine_weather_suggestions_query (" Berlin ", VITRINE_WEATHER_MAX_SUGGESTIONS);
  const VitrineWeatherPlace *place;
  double lat = 0, lon = 0;

  places = vitrine_weather_parse_suggestions (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                              VITRINE_WEATHER_MAX_SUGGESTIONS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (places->len, ==, 5);
  place = g_ptr_array_index (places, 1);
  g_assert_cmpstr (place->admin1, ==, "Maryland");
  g_assert_cmpfloat_with_epsilon (place->longitude, -75.21769, 1e-9);
  place = g_ptr_array_index (places, 2);   /* the broken one is skipped */
  g_assert_cmpstr (place->admin1, ==, "New Hampshire");
  place = g_ptr_array_index (places, 4);
  g_assert_cmpstr (place->country_code, ==, "ZA");
  g_assert_null (place->country);
  bare = vitrine_weather_place_label (place);
  g_assert_cmpstr (bare, ==, "Berlin (-29.9500, 24.0000)");

  label = vitrine_weather_place_label (g_ptr_array_index (places, 0));
  g_assert_cmpstr (label, ==, "Berlin, Land Berlin, Germany (52.5244, 13.4105)");
  g_assert_true (vitrine_weather_parse_labelled (label, &read_label, &lat, &lon));
  g_assert_cmpstr (read_label, ==, "Berlin, Land Berlin, Germany");
  g_assert_cmpfloat_with_epsilon (lat, 52.5244, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 13.4105, 1e-9);
  g_clear_pointer (&read_label, g_free);
  g_assert_true (vitrine_weather_parse_labelled (" (1.5,2.5) ", &read_label, &lat, &lon));
  g_assert_null (read_label);
  g_assert_false (vitrine_weather_parse_labelled ("Berlin", &read_label, &lat, &lon));
  g_assert_false (vitrine_weather_parse_labelled ("Berlin (Germany)", &read_label, &lat, &lon));
  g_assert_false (vitrine_weather_parse_labelled ("Nowhere (95, 0)", &read_label, &lat, &lon));
  g_assert_false (vitrine_weather_parse_labelled ("52.52,13.4", &read_label, &lat, &lon));

  single = vitrine_weather_parse_suggestions (g_bytes_get_data (one, NULL), g_bytes_get_size (one), 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (single->len, ==, 1);
  g_assert_null (vitrine_weather_parse_suggestions ((const guint8 *) "{\"results\":[]}", 14, 5, &error));
  g_assert_error (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (vitrine_weather_parse_suggestions ((const guint8 *) "{\"results\":[{\"name\":1}]}", 24, 5, &error));
  g_assert_error (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (query, ==, "name=Berlin&count=5&language=en&format=json");
}

static void
test_queries (void)
{
  g_autofree char *berlin = vitrine_weather_forecast_query (52.52, 13.405);
  g_autofree char *south = vitrine_weather_forecast_query (-33.92, -18.42);
  g_autofree char *place = vitrine_weather_geocoding_query ("  São Paulo & Rio=1 ");
  double lat = 0, lon = 0;

  g_assert_cmpstr (berlin, ==,
                   "latitude=52.5200&longitude=13.4050"
                   "&current=temperature_2m,relative_humidity_2m,is_day,weather_code,wind_speed_10m"
                   "&daily=weather_code,temperature_2m_max,temperature_2m_min"
                   "&timezone=auto&forecast_days=3");
  g_assert_true (g_str_has_prefix (south, "latitude=-33.9200&longitude=-18.4200&"));
  g_assert_null (vitrine_weather_forecast_query (91, 0));
  g_assert_null (vitrine_weather_forecast_query (0, NAN));
  g_assert_cmpstr (place, ==, "name=S%C3%A3o%20Paulo%20%26%20Rio%3D1&count=1&language=en&format=json");
  g_assert_null (vitrine_weather_geocoding_query ("   "));
  g_assert_null (vitrine_weather_geocoding_query (NULL));

  g_assert_true (vitrine_weather_parse_coordinates ("52.52,13.405", &lat, &lon));
  g_assert_cmpfloat (lat, ==, 52.52);
  g_assert_cmpfloat (lon, ==, 13.405);
  g_assert_true (vitrine_weather_parse_coordinates (" -33.92 , 18.42 ", &lat, &lon));
  g_assert_cmpfloat (lat, ==, -33.92);
  g_assert_false (vitrine_weather_parse_coordinates ("Berlin", &lat, &lon));
  g_assert_false (vitrine_weather_parse_coordinates ("52.5", &lat, &lon));
  g_assert_false (vitrine_weather_parse_coordinates ("95,10", &lat, &lon));
  g_assert_false (vitrine_weather_parse_coordinates ("10,20,30", &lat, &lon));
  g_assert_false (vitrine_weather_parse_coordinates ("nan,1", &lat, &lon));
  g_assert_cmpfloat (lat, ==, -33.92);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Open-Meteo geocoding and forecast answers, and the queries that ask for them");

  g_test_add_func ("/Weather/Parse/forecast", test_forecast);
  g_test_add_func ("/Weather/Parse/forecast-gaps", test_forecast_gaps);
  g_test_add_func ("/Weather/Parse/geocoding", test_geocoding);
  g_test_add_func ("/Weather/Parse/bad-answers", test_bad_answers);
  g_test_add_func ("/Weather/Parse/queries", test_queries);
  g_test_add_func ("/Weather/Parse/suggestions", test_suggestions);
  return g_test_run ();
}
