/* vitrine-weather-parse.c: Open-Meteo's geocoding and forecast answers (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-feed-parse.h"
#include "vitrine-json-util.h"
#include "vitrine-weather-parse.h"

G_DEFINE_QUARK (vitrine-weather-error-quark, vitrine_weather_error)

#define FORECAST_FIELDS \
  "current=temperature_2m,relative_humidity_2m,is_day,weather_code,wind_speed_10m" \
  "&daily=weather_code,temperature_2m_max,temperature_2m_min" \
  "&timezone=auto&forecast_days=3"

static gboolean
valid_coordinates (double latitude,
                   double longitude)
{
  return isfinite (latitude) && isfinite (longitude) &&
         latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180;
}

/* "latitude=52.5200&longitude=13.4050&current=…"; NULL for coordinates off the globe. */
char *
vitrine_weather_forecast_query (double latitude,
                                double longitude)
{
  char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

  if (!valid_coordinates (latitude, longitude))
    return NULL;
  g_ascii_formatd (lat, sizeof lat, "%.4f", latitude);
  g_ascii_formatd (lon, sizeof lon, "%.4f", longitude);
  return g_strdup_printf ("latitude=%s&longitude=%s&" FORECAST_FIELDS, lat, lon);
}

/* "name=S%C3%A3o%20Paulo&count=1&language=en&format=json"; NULL for an empty name. */
char *
vitrine_weather_geocoding_query (const char *place)
{
  return vitrine_weather_suggestions_query (place, 1);
}

/* The same search asking for up to @count matches (1..VITRINE_WEATHER_MAX_SUGGESTIONS). */
char *
vitrine_weather_suggestions_query (const char *place,
                                   guint       count)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *escaped = NULL;

  if (place == NULL || !g_utf8_validate (place, -1, NULL))
    return NULL;
  trimmed = g_strstrip (g_strdup (place));
  if (*trimmed == '\0' || strlen (trimmed) > 200)
    return NULL;
  escaped = g_uri_escape_string (trimmed, NULL, FALSE);
  return g_strdup_printf ("name=%s&count=%u&language=en&format=json", escaped,
                          CLAMP (count, 1, VITRINE_WEATHER_MAX_SUGGESTIONS));
}

/* "52.52,13.405" or "-33.92, 18.42": TRUE with both set when @text is a coordinate pair. */
gboolean
vitrine_weather_parse_coordinates (const char *text,
                                   double     *latitude,
                                   double     *longitude)
{
  const char *p = text;
  char *end = NULL;
  double lat, lon;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (!(g_ascii_isdigit (*p) || *p == '-' || *p == '+' || *p == '.'))
    return FALSE;
  lat = g_ascii_strtod (p, &end);
  if (end == p)
    return FALSE;
  p = end;
  while (g_ascii_isspace (*p))
    p++;
  if (*p++ != ',')
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (!(g_ascii_isdigit (*p) || *p == '-' || *p == '+' || *p == '.'))
    return FALSE;
  lon = g_ascii_strtod (p, &end);
  if (end == p)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || !valid_coordinates (lat, lon))
    return FALSE;
  *latitude = lat;
  *longitude = lon;
  return TRUE;
}

/* "Berlin, Land Berlin, Germany (52.5244, 13.4105)": TRUE with all set when @text is a
 * label followed by a coordinate pair in parentheses (what choosing a suggestion in the
 * settings writes); *@label is the label trimmed, NULL when empty. */
gboolean
vitrine_weather_parse_labelled (const char  *text,
                                char       **label,
                                double      *latitude,
                                double      *longitude)
{
  g_autofree char *copy = NULL;
  char *open, *close;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  close = copy + strlen (copy);
  if (close == copy || close[-1] != ')' || (open = strrchr (copy, '(')) == NULL)
    return FALSE;
  close[-1] = '\0';
  if (!vitrine_weather_parse_coordinates (open + 1, latitude, longitude))
    return FALSE;
  *open = '\0';
  g_strstrip (copy);
  *label = *copy != '\0' ? g_strdup (copy) : NULL;
  return TRUE;
}

/* The root object of an answer, or an error: malformed, or Open-Meteo's own. */
static JsonObject *
load (JsonParser    *parser,
      const guint8  *data,
      gsize          length,
      GError       **error)
{
  g_autofree char *message = NULL;
  JsonObject *root;

  if (length > VITRINE_WEATHER_MAX_BYTES)
    {
      g_set_error (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_MALFORMED,
                   "The answer has %" G_GSIZE_FORMAT " bytes, more than the %d accepted",
                   length, VITRINE_WEATHER_MAX_BYTES);
      return NULL;
    }
  if (vitrine_json_load (parser, data, length, VITRINE_WEATHER_MAX_DEPTH, &message) != VITRINE_JSON_OK)
    {
      g_set_error_literal (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_MALFORMED, message);
      return NULL;
    }
  root = vitrine_json_object (json_parser_get_root (parser));
  if (root == NULL)
    {
      g_set_error_literal (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_MALFORMED,
                           "The answer is not a JSON object");
      return NULL;
    }
  if (vitrine_json_get_bool (root, "error"))
    {
      const char *reason = vitrine_json_get_string (root, "reason");
      g_autofree char *shown = vitrine_safe_text (reason != NULL ? reason : "no reason given", 200);

      g_set_error (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_API,
                   "Open-Meteo refused the request: %s", shown);
      return NULL;
    }
  return root;
}

static char *
dup_string (JsonObject *object,
            const char *name)
{
  const char *value = vitrine_json_get_string (object, name);

  if (value == NULL || *value == '\0' || strlen (value) > 256 || !g_utf8_validate (value, -1, NULL))
    return NULL;
  return g_strdup (value);
}

/* One match, or NULL when it lacks a name or coordinates on the globe. */
static VitrineWeatherPlace *
place_from_object (JsonObject *match)
{
  g_autoptr(VitrineWeatherPlace) place = NULL;
  double lat, lon;

  if (match == NULL || !vitrine_json_get_number (match, "latitude", &lat) ||
      !vitrine_json_get_number (match, "longitude", &lon) || !valid_coordinates (lat, lon))
    return NULL;
  place = g_new0 (VitrineWeatherPlace, 1);
  place->name = dup_string (match, "name");
  place->country = dup_string (match, "country");
  place->country_code = dup_string (match, "country_code");
  place->admin1 = dup_string (match, "admin1");
  place->timezone = dup_string (match, "timezone");
  place->latitude = lat;
  place->longitude = lon;
  return place->name != NULL ? g_steal_pointer (&place) : NULL;
}

static JsonArray *
results_of (JsonObject  *root,
            GError     **error)
{
  JsonArray *results = vitrine_json_get_array (root, "results");

  if (results == NULL || json_array_get_length (results) == 0)
    {
      g_set_error_literal (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_NOT_FOUND,
                           "No place of that name");
      return NULL;
    }
  return results;
}

/* The first match of a geocoding search. */
VitrineWeatherPlace *
vitrine_weather_parse_geocoding (const guint8  *data,
                                 gsize          length,
                                 GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root = load (parser, data, length, error);
  JsonArray *results;
  VitrineWeatherPlace *place;

  if (root == NULL || (results = results_of (root, error)) == NULL)
    return NULL;
  place = place_from_object (vitrine_json_object (json_array_get_element (results, 0)));
  if (place == NULL)
    g_set_error_literal (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_INCOMPLETE,
                         "The first match has no name or coordinates");
  return place;
}

/* Up to @max matches (VitrineWeatherPlace, in the service's order), those without a name
 * or coordinates left out; NOT_FOUND when none is left. */
GPtrArray *
vitrine_weather_parse_suggestions (const guint8  *data,
                                   gsize          length,
                                   guint          max,
                                   GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_weather_place_free);
  JsonObject *root = load (parser, data, length, error);
  JsonArray *results;

  if (root == NULL || (results = results_of (root, error)) == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (results) && places->len < max; i++)
    {
      VitrineWeatherPlace *place = place_from_object (vitrine_json_object (json_array_get_element (results, i)));

      if (place != NULL)
        g_ptr_array_add (places, place);
    }
  if (places->len == 0)
    {
      g_set_error_literal (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_NOT_FOUND,
                           "No match has a name and coordinates");
      return NULL;
    }
  return g_steal_pointer (&places);
}

/* "Berlin, Land Berlin, Germany (52.5244, 13.4105)": the place in the form
 * vitrine_weather_parse_labelled reads, the region left out when it repeats the name. */
char *
vitrine_weather_place_label (const VitrineWeatherPlace *place)
{
  g_autoptr(GString) label = g_string_new (place->name);
  char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

  if (place->admin1 != NULL && g_strcmp0 (place->admin1, place->name) != 0)
    g_string_append_printf (label, ", %s", place->admin1);
  if (place->country != NULL)
    g_string_append_printf (label, ", %s", place->country);
  g_ascii_formatd (lat, sizeof lat, "%.4f", place->latitude);
  g_ascii_formatd (lon, sizeof lon, "%.4f", place->longitude);
  /* Parentheses in a name would be read as the coordinates' own. */
  g_strdelimit (label->str, "()", ' ');
  g_string_append_printf (label, " (%s, %s)", lat, lon);
  return g_string_free (g_steal_pointer (&label), FALSE);
}

static double
number_or_nan (JsonNode *node)
{
  double value;

  return vitrine_json_number (node, &value) ? value : NAN;
}

static int
wmo_code (JsonNode *node)
{
  double value;

  if (!vitrine_json_number (node, &value) || value < 0 || value > 99 || value != floor (value))
    return -1;
  return (int) value;
}

static JsonNode *
element (JsonArray *array,
         guint      index)
{
  return array != NULL && index < json_array_get_length (array) ? json_array_get_element (array, index) : NULL;
}

static void
parse_daily (VitrineWeather *weather,
             JsonObject     *daily)
{
  JsonArray *dates = vitrine_json_get_array (daily, "time");
  JsonArray *codes = vitrine_json_get_array (daily, "weather_code");
  JsonArray *maxima = vitrine_json_get_array (daily, "temperature_2m_max");
  JsonArray *minima = vitrine_json_get_array (daily, "temperature_2m_min");

  for (guint i = 0; i < VITRINE_WEATHER_DAYS; i++)
    {
      const char *date = vitrine_json_string (element (dates, i));
      VitrineWeatherDay *day = &weather->days[weather->n_days];
      gint64 unused;

      if (date == NULL || strlen (date) != 10 || !vitrine_feed_parse_date (date, &unused))
        break;
      day->date = g_strdup (date);
      day->weather_code = wmo_code (element (codes, i));
      day->temperature_max = number_or_nan (element (maxima, i));
      day->temperature_min = number_or_nan (element (minima, i));
      weather->n_days++;
    }
}

/* current.time is local wall-clock time ("2026-12-01T12:00"), or seconds with
 * timeformat=unixtime. */
static gint64
current_time_unix (JsonNode *node,
                   int       utc_offset_seconds)
{
  const char *text = vitrine_json_string (node);
  double seconds;
  gint64 when;

  if (vitrine_json_number (node, &seconds) && seconds > 0 && seconds < 1e11)
    return (gint64) seconds;
  if (text != NULL && strlen (text) <= 32 && strchr (text, 'Z') == NULL && strchr (text, '+') == NULL)
    {
      g_autofree char *utc = g_strconcat (text, "Z", NULL);

      if (vitrine_feed_parse_date (utc, &when))
        return when - utc_offset_seconds;
    }
  return G_MININT64;
}

static void
parse_current (VitrineWeather *weather,
               JsonObject     *current,
               JsonObject     *units)
{
  JsonNode *time = vitrine_json_member (current, "time");
  double is_day;

  if (vitrine_json_string (time) != NULL && strlen (vitrine_json_string (time)) <= 32)
    weather->time = g_strdup (vitrine_json_string (time));
  weather->time_unix = current_time_unix (time, weather->utc_offset_seconds);
  weather->is_day = !vitrine_json_get_number (current, "is_day", &is_day) || is_day != 0;
  weather->wind_speed = number_or_nan (vitrine_json_member (current, "wind_speed_10m"));
  weather->relative_humidity = number_or_nan (vitrine_json_member (current, "relative_humidity_2m"));
  weather->temperature_unit = dup_string (units, "temperature_2m");
  weather->wind_speed_unit = dup_string (units, "wind_speed_10m");
}

/* Current conditions and the days ahead; the current temperature and code are required. */
VitrineWeather *
vitrine_weather_parse_forecast (const guint8  *data,
                                gsize          length,
                                GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(VitrineWeather) weather = NULL;
  JsonObject *root = load (parser, data, length, error);
  JsonObject *current;
  double offset;

  if (root == NULL)
    return NULL;
  current = vitrine_json_get_object (root, "current");
  weather = g_new0 (VitrineWeather, 1);
  weather->temperature = number_or_nan (vitrine_json_member (current, "temperature_2m"));
  weather->weather_code = wmo_code (vitrine_json_member (current, "weather_code"));
  if (isnan (weather->temperature) || weather->weather_code < 0)
    {
      g_set_error_literal (error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_INCOMPLETE,
                           "The forecast has no current temperature or weather code");
      return NULL;
    }

  weather->latitude = number_or_nan (vitrine_json_member (root, "latitude"));
  weather->longitude = number_or_nan (vitrine_json_member (root, "longitude"));
  weather->timezone = dup_string (root, "timezone");
  weather->timezone_abbreviation = dup_string (root, "timezone_abbreviation");
  if (vitrine_json_get_number (root, "utc_offset_seconds", &offset) && fabs (offset) <= 18 * 3600)
    weather->utc_offset_seconds = (int) offset;
  parse_current (weather, current, vitrine_json_get_object (root, "current_units"));
  parse_daily (weather, vitrine_json_get_object (root, "daily"));
  return g_steal_pointer (&weather);
}

/* A stable name for a WMO weather code's kind, for icons and translated labels. */
const char *
vitrine_weather_code_category (int code)
{
  switch (code)
    {
    case 0: return "clear";
    case 1: case 2: return "partly-cloudy";
    case 3: return "overcast";
    case 45: case 48: return "fog";
    case 51: case 53: case 55: return "drizzle";
    case 56: case 57: return "freezing-drizzle";
    case 61: case 63: case 65: return "rain";
    case 66: case 67: return "freezing-rain";
    case 71: case 73: case 75: case 77: return "snow";
    case 80: case 81: case 82: return "rain-showers";
    case 85: case 86: return "snow-showers";
    case 95: return "thunderstorm";
    case 96: case 99: return "thunderstorm-hail";
    default: return "unknown";
    }
}

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
