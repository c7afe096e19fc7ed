/* vitrine-locale-units.c: the weather units of a locale (see the header for the rule).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "vitrine-locale-units.h"

#include <string.h>

/* Where the weather is read in °F: US customary countries (CLDR's measurementSystem "US")
 * with the US territories, and the countries that are metric but for the temperature. */
static const char fahrenheit[][3] = {
  "US", "AS", "GU", "MP", "PR", "UM", "VI",
  "LR", "MM",
  "BS", "BZ", "KY", "PW", "FM", "MH",
};

/* A name that says nothing about a country: unset, "C", "POSIX", "C.UTF-8". */
static gboolean
names_no_locale (const char *name)
{
  size_t language;

  if (name == NULL || *name == '\0')
    return TRUE;
  language = strcspn (name, "_.@");
  return (language == 1 && name[0] == 'C') || (language == 5 && strncmp (name, "POSIX", 5) == 0);
}

/*
 * The territory of @locale ("language[_TERRITORY][.codeset][@modifier]", as "en_US.UTF-8")
 * in upper case into @territory; FALSE when it names none of two letters.
 */
gboolean
vitrine_locale_territory (const char *locale,
                          char        territory[3])
{
  const char *start;
  size_t length;

  territory[0] = '\0';
  if (locale == NULL)
    return FALSE;
  start = locale + strcspn (locale, "_.@");
  if (*start != '_')
    return FALSE;
  start++;
  length = strcspn (start, ".@");
  if (length != 2 || !g_ascii_isalpha (start[0]) || !g_ascii_isalpha (start[1]))
    return FALSE;
  territory[0] = g_ascii_toupper (start[0]);
  territory[1] = g_ascii_toupper (start[1]);
  territory[2] = '\0';
  return TRUE;
}

/* Whether the weather is read in °F in @territory (two upper-case letters). */
gboolean
vitrine_territory_fahrenheit (const char *territory)
{
  for (guint i = 0; territory != NULL && i < G_N_ELEMENTS (fahrenheit); i++)
    if (strcmp (territory, fahrenheit[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Metric or imperial for @locale, never VITRINE_WEATHER_UNITS_LOCALE. */
VitrineWeatherUnits
vitrine_locale_weather_units (const VitrineLocaleMeasurement *locale)
{
  const char *asked[] = { locale->lc_all, locale->lc_measurement, locale->lang };
  const char *name = NULL;
  char territory[3];

  if (!names_no_locale (locale->effective))
    {
      if (locale->measurement == VITRINE_MEASUREMENT_US)
        return VITRINE_WEATHER_UNITS_IMPERIAL;
      name = locale->effective;
    }
  else
    {
      /* The first one set decides, even when it is "C": that is the locale asked for. */
      for (guint i = 0; i < G_N_ELEMENTS (asked) && name == NULL; i++)
        if (asked[i] != NULL && *asked[i] != '\0')
          name = asked[i];
    }
  if (!names_no_locale (name) && vitrine_locale_territory (name, territory) &&
      vitrine_territory_fahrenheit (territory))
    return VITRINE_WEATHER_UNITS_IMPERIAL;
  return VITRINE_WEATHER_UNITS_METRIC;
}
