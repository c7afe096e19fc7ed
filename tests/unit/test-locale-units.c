/* test-locale-units.c: the weather units of the "locale" choice, from the locale's names
 * and glibc's measurement system (the rule is in vitrine-locale-units.h).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-locale-units.h"

#define M VITRINE_WEATHER_UNITS_METRIC
#define I VITRINE_WEATHER_UNITS_IMPERIAL

static void
test_territory (void)
{
  const struct { const char *locale; const char *territory; } cases[] = {
    { "en_US.UTF-8", "US" },
    { "en_US", "US" },
    { "es_us.utf8", "US" },
    { "my_MM", "MM" },
    { "sr_RS@latin", "RS" },
    { "de_DE.UTF-8@euro", "DE" },
    { "ca_ES.UTF-8@valencia", "ES" },
    { "es_419.UTF-8", NULL },       /* a region of three digits: no country */
    { "en", NULL },
    { "en.UTF-8", NULL },
    { "C.UTF-8", NULL },
    { "_US", "US" },
    { "en_", NULL },
    { "en_USA", NULL },
    { "en_U1", NULL },
    { "", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char territory[3] = "xx";
      gboolean found = vitrine_locale_territory (cases[i].locale, territory);

      g_test_message ("%s", cases[i].locale != NULL ? cases[i].locale : "(null)");
      g_assert_cmpint (found, ==, cases[i].territory != NULL);
      g_assert_cmpstr (territory, ==, cases[i].territory != NULL ? cases[i].territory : "");
    }
}

/* The whole rule: the locale in effect (with glibc's answer), else the one asked for. */
static void
test_units (void)
{
  const struct {
    const char         *effective;
    VitrineMeasurement  measurement;
    const char         *lc_all, *lc_measurement, *lang;
    VitrineWeatherUnits units;
  } cases[] = {
    /* In effect: glibc says US customary. */
    { "en_US.UTF-8", VITRINE_MEASUREMENT_US, NULL, NULL, "en_US.UTF-8", I },
    { "es_US.UTF-8", VITRINE_MEASUREMENT_US, NULL, NULL, NULL, I },
    /* In effect and metric, but the country reads the weather in °F. */
    { "en_LR.UTF-8", VITRINE_MEASUREMENT_METRIC, NULL, NULL, NULL, I },
    { "my_MM.UTF-8", VITRINE_MEASUREMENT_METRIC, NULL, NULL, NULL, I },
    { "es_PR.UTF-8", VITRINE_MEASUREMENT_METRIC, NULL, NULL, NULL, I },
    { "en_BS", VITRINE_MEASUREMENT_UNKNOWN, NULL, NULL, NULL, I },
    { "en_VI.UTF-8", VITRINE_MEASUREMENT_UNKNOWN, NULL, NULL, NULL, I },
    /* Metric countries, whatever the language. */
    { "en_GB.UTF-8", VITRINE_MEASUREMENT_METRIC, NULL, NULL, NULL, M },
    { "en_CA.UTF-8", VITRINE_MEASUREMENT_METRIC, NULL, NULL, NULL, M },
    { "de_DE.UTF-8", VITRINE_MEASUREMENT_METRIC, NULL, NULL, "en_US.UTF-8", M },
    { "fr_FR@euro", VITRINE_MEASUREMENT_UNKNOWN, NULL, NULL, NULL, M },
    /* A US English desktop measuring in metric (LC_MEASUREMENT=en_DK), as many do. */
    { "en_DK.UTF-8", VITRINE_MEASUREMENT_METRIC, NULL, "en_DK.UTF-8", "en_US.UTF-8", M },
    /* Not in effect (not installed): the environment's name, in POSIX order, and
     * glibc's answer for "C" says nothing. */
    { "C", VITRINE_MEASUREMENT_METRIC, NULL, NULL, "en_US.UTF-8", I },
    { "C", VITRINE_MEASUREMENT_METRIC, NULL, "en_US.UTF-8", "de_DE.UTF-8", I },
    { "C", VITRINE_MEASUREMENT_METRIC, NULL, "de_DE.UTF-8", "en_US.UTF-8", M },
    { "C", VITRINE_MEASUREMENT_METRIC, "de_DE.UTF-8", "en_US.UTF-8", "en_US.UTF-8", M },
    { "C", VITRINE_MEASUREMENT_METRIC, "en_US.UTF-8", "de_DE.UTF-8", NULL, I },
    { "C", VITRINE_MEASUREMENT_METRIC, "", "", "en_LR.UTF-8", I },
    { NULL, VITRINE_MEASUREMENT_UNKNOWN, NULL, NULL, "en_US", I },
    { "POSIX", VITRINE_MEASUREMENT_METRIC, NULL, NULL, "es_PR.UTF-8", I },
    /* "C" asked for is C: metric, even with a LANG behind it. */
    { "C.UTF-8", VITRINE_MEASUREMENT_METRIC, "C.UTF-8", NULL, "en_US.UTF-8", M },
    { "C", VITRINE_MEASUREMENT_METRIC, "POSIX", NULL, "en_US.UTF-8", M },
    /* Nothing names a locale, or a language alone. */
    { "C", VITRINE_MEASUREMENT_METRIC, NULL, NULL, NULL, M },
    { NULL, VITRINE_MEASUREMENT_UNKNOWN, NULL, NULL, NULL, M },
    { "en", VITRINE_MEASUREMENT_UNKNOWN, NULL, NULL, NULL, M },
    { "C", VITRINE_MEASUREMENT_US, NULL, NULL, NULL, M },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VitrineLocaleMeasurement locale = {
        cases[i].effective, cases[i].measurement, cases[i].lc_all, cases[i].lc_measurement, cases[i].lang,
      };

      g_test_message ("case %u: %s", i, cases[i].effective != NULL ? cases[i].effective : "(null)");
      g_assert_cmpint (vitrine_locale_weather_units (&locale), ==, cases[i].units);
    }
}

static void
test_fahrenheit_territories (void)
{
  const char *fahrenheit[] = { "US", "AS", "GU", "MP", "PR", "UM", "VI", "LR", "MM", "BS", "BZ", "KY", "PW", "FM", "MH" };
  const char *celsius[] = { "GB", "CA", "DE", "MX", "AU", "IN", "JP", "us", "", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (fahrenheit); i++)
    g_assert_true (vitrine_territory_fahrenheit (fahrenheit[i]));
  for (guint i = 0; i < G_N_ELEMENTS (celsius); i++)
    g_assert_false (vitrine_territory_fahrenheit (celsius[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The weather units a locale reads");

  g_test_add_func ("/LocaleUnits/territory", test_territory);
  g_test_add_func ("/LocaleUnits/units", test_units);
  g_test_add_func ("/LocaleUnits/fahrenheit-territories", test_fahrenheit_territories);

  return g_test_run ();
}
