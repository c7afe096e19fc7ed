/* vitrine-weather-code.c: WMO codes to descriptions and icons (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "vitrine-weather-code.h"

/* Only marks strings for xgettext; the UI translates them. */
#define N_(text) text

typedef struct
{
  int         first;
  int         last;
  const char *description;
  const char *day;
  const char *night;
} Row;

/* WMO 4677 as Open-Meteo uses it (0–99, only these values occur). */
static const Row rows[] = {
  { 0, 0, N_("Clear sky"), "weather-clear-symbolic", "weather-clear-night-symbolic" },
  { 1, 1, N_("Mainly clear"), "weather-few-clouds-symbolic", "weather-few-clouds-night-symbolic" },
  { 2, 2, N_("Partly cloudy"), "weather-few-clouds-symbolic", "weather-few-clouds-night-symbolic" },
  { 3, 3, N_("Overcast"), "weather-overcast-symbolic", "weather-overcast-symbolic" },
  { 45, 48, N_("Fog"), "weather-fog-symbolic", "weather-fog-symbolic" },
  { 51, 55, N_("Drizzle"), "weather-showers-scattered-symbolic", "weather-showers-scattered-symbolic" },
  { 56, 57, N_("Freezing drizzle"), "weather-showers-scattered-symbolic", "weather-showers-scattered-symbolic" },
  { 61, 65, N_("Rain"), "weather-showers-symbolic", "weather-showers-symbolic" },
  { 66, 67, N_("Freezing rain"), "weather-showers-symbolic", "weather-showers-symbolic" },
  { 71, 75, N_("Snow"), "weather-snow-symbolic", "weather-snow-symbolic" },
  { 77, 77, N_("Snow grains"), "weather-snow-symbolic", "weather-snow-symbolic" },
  { 80, 82, N_("Rain showers"), "weather-showers-scattered-symbolic", "weather-showers-scattered-symbolic" },
  { 85, 86, N_("Snow showers"), "weather-snow-symbolic", "weather-snow-symbolic" },
  { 95, 95, N_("Thunderstorm"), "weather-storm-symbolic", "weather-storm-symbolic" },
  { 96, 99, N_("Thunderstorm with hail"), "weather-storm-symbolic", "weather-storm-symbolic" },
};

/* The row for @code; the ranges cover the codes in between that WMO leaves unused
 * (46, 52…) with their neighbours'. FALSE (and a "severe alert" icon, no description)
 * for a code outside every row: a feed that lies must not pick an arbitrary icon. */
gboolean
vitrine_weather_code_lookup (int                 code,
                             gboolean            is_day,
                             VitrineWeatherCode *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (code >= rows[i].first && code <= rows[i].last)
      {
        out->description = rows[i].description;
        out->icon = is_day ? rows[i].day : rows[i].night;
        return TRUE;
      }
  out->description = NULL;
  out->icon = "weather-severe-alert-symbolic";
  return FALSE;
}
