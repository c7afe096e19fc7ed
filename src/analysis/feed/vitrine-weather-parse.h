/* vitrine-weather-parse.h: Open-Meteo answers to a plain struct (issue 11 item 5). The
 * geocoding answer (https://geocoding-api.open-meteo.com/v1/search) gives the first
 * match, or up to five as suggestions for the settings' place row, each written back as a
 * labelled coordinate pair ("Berlin, Land Berlin, Germany (52.5244, 13.4105)") that the
 * weather then uses without geocoding again; the forecast answer (https://api.open-meteo.com/v1/forecast with current,
 * daily and timezone=auto) gives current conditions and three days. The query builders
 * make the strings the fetcher appends to the base URLs, so live requests and tests ask
 * for the same fields. Pure: json-glib over bytes, with the same size and depth limits as
 * the feed parser; the cache (weather.json) is the last good raw forecast answer, parsed
 * again with vitrine_weather_parse_forecast.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_WEATHER_DAYS      3
#define VITRINE_WEATHER_MAX_BYTES (1024 * 1024)
#define VITRINE_WEATHER_MAX_DEPTH 16
#define VITRINE_WEATHER_MAX_SUGGESTIONS 5

/* The production base URLs; the query strings below go after a "?". */
#define VITRINE_WEATHER_FORECAST_URL  "https://api.open-meteo.com/v1/forecast"
#define VITRINE_WEATHER_GEOCODING_URL "https://geocoding-api.open-meteo.com/v1/search"

#define VITRINE_WEATHER_ERROR (vitrine_weather_error_quark ())

typedef enum {
  VITRINE_WEATHER_ERROR_MALFORMED,   /* not JSON, too deep, too large, fields of the wrong type */
  VITRINE_WEATHER_ERROR_API,         /* {"error": true, "reason": ...} from Open-Meteo */
  VITRINE_WEATHER_ERROR_NOT_FOUND,   /* geocoding without results */
  VITRINE_WEATHER_ERROR_INCOMPLETE,  /* a required field (current temperature, code) missing */
} VitrineWeatherError;

typedef struct {
  char   *name;
  char   *country;       /* may be NULL */
  char   *country_code;  /* ISO 3166-1 alpha-2, may be NULL */
  char   *admin1;        /* state or region, may be NULL */
  char   *timezone;      /* may be NULL */
  double  latitude;
  double  longitude;
} VitrineWeatherPlace;

typedef struct {
  char   *date;          /* "YYYY-MM-DD" in the place's time zone */
  int     weather_code;  /* WMO code, -1 unknown */
  double  temperature_max;  /* NAN unknown */
  double  temperature_min;  /* NAN unknown */
} VitrineWeatherDay;

typedef struct {
  double             latitude;
  double             longitude;
  char              *timezone;              /* "Europe/Berlin" */
  char              *timezone_abbreviation; /* "CET" */
  int                utc_offset_seconds;
  /* current */
  char              *time;                  /* "2026-12-01T12:00", local (iso8601) */
  gint64             time_unix;             /* time as UTC seconds, G_MININT64 unknown */
  double             temperature;           /* required */
  int                weather_code;          /* required, 0..99 */
  gboolean           is_day;
  double             wind_speed;            /* NAN when absent */
  double             relative_humidity;     /* NAN when absent */
  char              *temperature_unit;      /* "°C" */
  char              *wind_speed_unit;       /* "km/h" */
  /* daily */
  guint              n_days;                /* 0..VITRINE_WEATHER_DAYS */
  VitrineWeatherDay  days[VITRINE_WEATHER_DAYS];
} VitrineWeather;

GQuark               vitrine_weather_error_quark          (void);

char                *vitrine_weather_forecast_query       (double               latitude,
                                                           double               longitude);
char                *vitrine_weather_geocoding_query      (const char          *place);
char                *vitrine_weather_suggestions_query    (const char          *place,
                                                           guint                count);
gboolean             vitrine_weather_parse_coordinates    (const char          *text,
                                                           double              *latitude,
                                                           double              *longitude);
gboolean             vitrine_weather_parse_labelled       (const char          *text,
                                                           char               **label,
                                                           double              *latitude,
                                                           double              *longitude);

VitrineWeatherPlace *vitrine_weather_parse_geocoding      (const guint8        *data,
                                                           gsize                length,
                                                           GError             **error);
GPtrArray           *vitrine_weather_parse_suggestions    (const guint8        *data,
                                                           gsize                length,
                                                           guint                max,
                                                           GError             **error);
char                *vitrine_weather_place_label          (const VitrineWeatherPlace *place);
VitrineWeather      *vitrine_weather_parse_forecast       (const guint8        *data,
                                                           gsize                length,
                                                           GError             **error);
const char          *vitrine_weather_code_category        (int                  code);

void                 vitrine_weather_place_free           (VitrineWeatherPlace *place);
void                 vitrine_weather_free                 (VitrineWeather      *weather);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineWeatherPlace, vitrine_weather_place_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineWeather, vitrine_weather_free)

G_END_DECLS
