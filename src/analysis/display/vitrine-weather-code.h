/* vitrine-weather-code.h: what a WMO weather interpretation code (the `weather_code` of
 * Open-Meteo) means for the weather card: a short description and a symbolic icon, with a
 * night variant where the sky shows (clear, few clouds). Pure: a table lookup.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *description;   /* English, marked for translation: the card shows _(it) */
  const char *icon;          /* a symbolic icon of the freedesktop/Adwaita set */
} VitrineWeatherCode;

gboolean vitrine_weather_code_lookup (int                 code,
                                      gboolean            is_day,
                                      VitrineWeatherCode *out);

G_END_DECLS
