/* vitrine-locale-units.h: the weather units a locale reads, for the "locale" choice of
 * widgets/weather-units. Pure: the caller passes the locale's names and glibc's measurement
 * system; nothing here reads the environment or calls setlocale().
 *
 * The rule: the locale is the one LC_MEASUREMENT is in effect for, by name; when that is
 * "C" or "POSIX" (not set, or the locale asked for is not installed), the name asked for
 * in the environment, in POSIX order (LC_ALL, LC_MEASUREMENT, LANG). Imperial (°F) when
 * glibc says that locale measures in US customary units (only counted for a locale in
 * effect, as C's answer says nothing), or when its territory reads the weather in °F: the
 * United States and its territories (US, AS, GU, MP, PR, UM, VI), Liberia (LR) and
 * Myanmar (MM), the other countries of CLDR's US measurement system, and the Bahamas (BS),
 * Belize (BZ), the Cayman Islands (KY), Palau (PW), Micronesia (FM) and the Marshall
 * Islands (MH). Metric everywhere else, and when nothing names a locale.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-enums.h"

G_BEGIN_DECLS

/* glibc's _NL_MEASUREMENT_MEASUREMENT, the first byte of nl_langinfo's answer. */
typedef enum
{
  VITRINE_MEASUREMENT_UNKNOWN = 0,   /* not glibc, or not asked */
  VITRINE_MEASUREMENT_METRIC = 1,
  VITRINE_MEASUREMENT_US = 2,
} VitrineMeasurement;

typedef struct
{
  const char         *effective;       /* setlocale (LC_MEASUREMENT, NULL); NULL: unknown */
  VitrineMeasurement  measurement;     /* of the effective locale */
  const char         *lc_all;          /* the environment's; each may be NULL */
  const char         *lc_measurement;
  const char         *lang;
} VitrineLocaleMeasurement;

gboolean            vitrine_locale_territory     (const char                     *locale,
                                                  char                            territory[3]);
gboolean            vitrine_territory_fahrenheit (const char                     *territory);
VitrineWeatherUnits vitrine_locale_weather_units (const VitrineLocaleMeasurement *locale);

G_END_DECLS
