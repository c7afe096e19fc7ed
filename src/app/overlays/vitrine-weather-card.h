/* vitrine-weather-card.h: the weather card (docs/ARCHITECTURE.md §8): place, temperature in
 * the unit setting, the condition's icon by WMO code (day and night), an optional three-day
 * line of highs and lows, and "updated N min ago" when the data came from the cache. It
 * shows what it is handed (vitrine_weather_card_set_weather()); the feed worker's data
 * (VitrineFeeds, "weather-changed") is wired to it by the application. On an error it hides,
 * and --status says why.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-overlay-card.h"

G_BEGIN_DECLS

#define VITRINE_CARD_WEATHER_DAYS 3

typedef struct
{
  int    code;        /* WMO */
  double high;
  double low;
  gint64 date;        /* the day, as Unix seconds of its local midnight */
} VitrineCardWeatherDay;

/* The weather, in the units it was fetched in; strings are borrowed for the call. */
typedef struct
{
  const char        *place;
  double             temperature;
  gboolean           imperial;      /* °F (else °C) */
  int                code;          /* WMO */
  gboolean           is_day;
  guint              n_days;        /* 0–3 */
  VitrineCardWeatherDay  days[VITRINE_CARD_WEATHER_DAYS];
  gint64             fetched_at;    /* real time, µs */
  gboolean           from_cache;
} VitrineCardWeather;

#define VITRINE_TYPE_WEATHER_CARD (vitrine_weather_card_get_type ())

G_DECLARE_FINAL_TYPE (VitrineWeatherCard, vitrine_weather_card, VITRINE, WEATHER_CARD, VitrineOverlayCard)

GtkWidget *vitrine_weather_card_new         (VitrineOverlayStyle      *style,
                                             GSettings                *settings);
void       vitrine_weather_card_set_weather (VitrineWeatherCard       *self,
                                             const VitrineCardWeather *weather);
void       vitrine_weather_card_set_error   (VitrineWeatherCard       *self,
                                             const char               *error);

G_END_DECLS
