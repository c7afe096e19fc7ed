/* vitrine-overlay-feeds.h: the weather and headlines cards of a display's overlay layer fed
 * from VitrineFeeds (docs/ARCHITECTURE.md §8): the feed worker's weather reply and the
 * merged headlines turned into what the cards show, now and on every change.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-enums.h"
#include "vitrine-feeds.h"
#include "vitrine-overlay-layer.h"
#include "vitrine-weather-card.h"

G_BEGIN_DECLS

void     vitrine_overlay_layer_follow_feeds (VitrineOverlayLayer *layer,
                                             VitrineFeeds        *feeds,
                                             GSettings           *widgets);
gboolean vitrine_card_weather_from_reply    (GVariant            *reply,
                                             gboolean             imperial,
                                             VitrineCardWeather  *weather,
                                             char               **place);
VitrineWeatherUnits
         vitrine_weather_units_resolve      (VitrineWeatherUnits  units);

G_END_DECLS
