/* vitrine-feed-weather.h: the feed role's "weather" request kind (issue 11 item 5):
 * Open-Meteo's geocoding (first match) and forecast, the last good answer kept in
 * $XDG_CACHE_HOME/vitrine/weather.json and served with its age when the network fails.
 * The "geocode" kind gives up to five matches for a place typed in the settings.
 * The base URLs come from VITRINE_GEOCODING_URL and VITRINE_OPEN_METEO_URL when set.
 * Blocking: worker threads only.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vitrine-feed-jobs.h"

G_BEGIN_DECLS

#define VITRINE_OPEN_METEO_DEFAULT_URL "https://api.open-meteo.com/v1/forecast"
#define VITRINE_GEOCODING_DEFAULT_URL  "https://geocoding-api.open-meteo.com/v1/search"

GVariant *vitrine_feed_weather_job (VitrineFeedJobs  *jobs,
                                    GVariant         *request,
                                    GCancellable     *cancellable,
                                    GError          **error);
GVariant *vitrine_feed_geocode_job (VitrineFeedJobs  *jobs,
                                    GVariant         *request,
                                    GCancellable     *cancellable,
                                    GError          **error);

G_END_DECLS
