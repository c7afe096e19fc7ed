/* vitrine-feeds-status.c: the "feeds" and "weather" members of --status.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-feeds-private.h"
#include "vitrine-status.h"

const char *
_vitrine_feed_entry_state (VitrineFeedEntry *feed,
                           double            now)
{
  if (feed->fetching || feed->pending > 0)
    return "fetching";
  if (feed->health.paused && !vitrine_feed_health_due (&feed->health, now))
    return "paused";
  if (feed->last_error != NULL)
    return "failing";
  if (feed->last_fetch_unix == 0)
    return "waiting";
  return "ok";
}

static void
add_feed (JsonBuilder      *builder,
          VitrineFeedEntry *feed,
          double            now)
{
  gint64 unix_now = g_get_real_time () / G_USEC_PER_SEC;

  json_builder_begin_object (builder);
  vitrine_status_string (builder, "url", feed->url);
  vitrine_status_string (builder, "kind", feed->images ? "images" : "headlines");
  vitrine_status_string (builder, "state", _vitrine_feed_entry_state (feed, now));
  vitrine_status_string (builder, "title", feed->title);
  if (feed->last_fetch_unix > 0)
    vitrine_status_int (builder, "last_fetch", feed->last_fetch_unix);
  else
    vitrine_status_null (builder, "last_fetch");
  if (isfinite (feed->next_fetch) && feed->next_fetch > -G_MAXDOUBLE)
    vitrine_status_int (builder, "next_fetch",
                        unix_now + (gint64) MAX (0, MAX (feed->next_fetch, feed->health.not_before) - now));
  else
    vitrine_status_int (builder, "next_fetch", unix_now);
  vitrine_status_int (builder, "items", feed->n_items);
  vitrine_status_int (builder, "mirrored", feed->n_mirrored);
  vitrine_status_int (builder, "mirrored_bytes", (gint64) feed->mirrored_bytes);
  vitrine_status_int (builder, "pending_images", feed->pending);
  vitrine_status_int (builder, "failures", feed->health.failures);
  vitrine_status_double (builder, "backoff_s", feed->health.backoff_s);
  vitrine_status_string (builder, "last_error", feed->last_error);
  json_builder_end_object (builder);
}

static void
add_weather (VitrineFeeds *self,
             JsonBuilder  *builder)
{
  const char *name = NULL, *country = NULL;
  gint64 fetched_at = 0;
  gboolean from_cache = FALSE;

  if (self->weather == NULL)
    {
      if (self->weather_place == NULL)
        {
          vitrine_status_null (builder, "weather");
          return;
        }
      vitrine_status_begin_object (builder, "weather");
      vitrine_status_string (builder, "place", self->weather_place);
      vitrine_status_null (builder, "fetched_at");
      vitrine_status_string (builder, "error", self->weather_error);
      vitrine_status_end_object (builder);
      return;
    }
  g_variant_lookup (self->weather, "name", "&s", &name);
  g_variant_lookup (self->weather, "country", "&s", &country);
  g_variant_lookup (self->weather, "fetched_at", "x", &fetched_at);
  g_variant_lookup (self->weather, "from_cache", "b", &from_cache);
  vitrine_status_begin_object (builder, "weather");
  vitrine_status_string (builder, "place", self->weather_place);
  vitrine_status_string (builder, "name", name);
  vitrine_status_string (builder, "country", country);
  vitrine_status_int (builder, "fetched_at", fetched_at);
  vitrine_status_int (builder, "age_s", MAX (0, g_get_real_time () / G_USEC_PER_SEC - fetched_at));
  vitrine_status_string (builder, "from", from_cache ? "cache" : "network");
  vitrine_status_string (builder, "error", self->weather_error);
  vitrine_status_end_object (builder);
}

/* --status: "feeds" (each feed's state) and "weather". */
void
vitrine_feeds_add_status (VitrineFeeds *self,
                          JsonBuilder  *builder)
{
  double now = _vitrine_feeds_now ();

  g_return_if_fail (VITRINE_IS_FEEDS (self));

  vitrine_status_begin_array (builder, "feeds");
  for (guint i = 0; i < self->feeds->len; i++)
    add_feed (builder, self->feeds->pdata[i], now);
  vitrine_status_end_array (builder);
  add_weather (self, builder);
}
