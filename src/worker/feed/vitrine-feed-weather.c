/* vitrine-feed-weather.c
 *
 * "weather" {place s} → {ok b, place s, name s, country s, latitude d, longitude d,
 *   fetched_at x (Unix s), age_s x, from_cache b, error s (why the network was not used),
 *   weather a{sv}: time s, temperature d, weather_code i, is_day b, wind_speed d,
 *   relative_humidity d, temperature_unit s, wind_speed_unit s, timezone s,
 *   days a(sidd): date, code, max, min}
 * "geocode" {place s} → {ok b, places a(sssdds): name, admin1, country, latitude,
 *   longitude, label (the place string to keep: "Name, Region, Country (lat, lon)")};
 *   no match is ok with no places.
 * weather.json holds the place as asked, what geocoding made of it, when, and the raw
 * forecast answer, which is parsed again when served from the cache.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "vitrine-feed-weather.h"
#include "vitrine-weather-parse.h"

typedef struct
{
  char   *place;      /* as asked */
  char   *name;
  char   *country;
  double  latitude;
  double  longitude;
  gint64  fetched_at;
  GBytes *forecast;   /* the raw answer */
} Cached;

static void
cached_clear (Cached *cached)
{
  g_clear_pointer (&cached->place, g_free);
  g_clear_pointer (&cached->name, g_free);
  g_clear_pointer (&cached->country, g_free);
  g_clear_pointer (&cached->forecast, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Cached, cached_clear)

static char *
cache_path (VitrineFeedJobs *jobs)
{
  const char *dir = vitrine_feed_jobs_get_cache_dir (jobs);

  return dir != NULL ? g_build_filename (dir, "weather.json", NULL) : NULL;
}

static gboolean
load_cache (VitrineFeedJobs *jobs,
            Cached          *cached)
{
  g_autofree char *path = cache_path (jobs);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (path == NULL || !json_parser_load_from_file (parser, path, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (object, "place") || !json_object_has_member (object, "forecast"))
    return FALSE;
  cached->place = g_strdup (json_object_get_string_member_with_default (object, "place", ""));
  cached->name = g_strdup (json_object_get_string_member_with_default (object, "name", ""));
  cached->country = g_strdup (json_object_get_string_member_with_default (object, "country", ""));
  cached->latitude = json_object_get_double_member_with_default (object, "latitude", NAN);
  cached->longitude = json_object_get_double_member_with_default (object, "longitude", NAN);
  cached->fetched_at = json_object_get_int_member_with_default (object, "fetched_at", 0);
  cached->forecast = g_bytes_new (json_object_get_string_member_with_default (object, "forecast", ""),
                                  strlen (json_object_get_string_member_with_default (object, "forecast", "")));
  return TRUE;
}

static void
save_cache (VitrineFeedJobs *jobs,
            const Cached    *cached)
{
  g_autofree char *path = cache_path (jobs);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *forecast = g_strndup (g_bytes_get_data (cached->forecast, NULL), g_bytes_get_size (cached->forecast));
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "place");
  json_builder_add_string_value (builder, cached->place);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, cached->name != NULL ? cached->name : "");
  json_builder_set_member_name (builder, "country");
  json_builder_add_string_value (builder, cached->country != NULL ? cached->country : "");
  json_builder_set_member_name (builder, "latitude");
  json_builder_add_double_value (builder, cached->latitude);
  json_builder_set_member_name (builder, "longitude");
  json_builder_add_double_value (builder, cached->longitude);
  json_builder_set_member_name (builder, "fetched_at");
  json_builder_add_int_value (builder, cached->fetched_at);
  json_builder_set_member_name (builder, "forecast");
  json_builder_add_string_value (builder, forecast);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  /* Atomic: a crash mid-write leaves the previous good answer. */
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_message ("weather: cannot keep the answer: %s", error->message);
}

static char *
build_url (const char *env,
           const char *fallback,
           const char *query)
{
  const char *base = g_getenv (env);

  if (base == NULL || *base == '\0')
    base = fallback;
  if (query == NULL)
    return NULL;
  return g_strconcat (base, query[0] == '?' ? "" : "?", query, NULL);
}

/* One polite GET of @url into *@body. */
static gboolean
get (VitrineFeedJobs  *jobs,
     const char       *url,
     GCancellable     *cancellable,
     GBytes          **body,
     GError          **error)
{
  g_auto(VitrineFetchResult) result = { 0 };
  VitrineFetchRequest request = { .url = url, .cap = VITRINE_WEATHER_MAX_BYTES };
  double held = 0, retry_after = 0;
  gboolean ok;

  if (url == NULL)
    {
      g_set_error_literal (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_SCHEME, "no URL for the weather");
      return FALSE;
    }
  if (!vitrine_feed_jobs_polite_begin (jobs, url, cancellable, &held))
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_HTTP,
                     "the weather service asked to be left alone for %.0f s", held);
      return FALSE;
    }
  ok = vitrine_feed_fetcher_get (vitrine_feed_jobs_get_fetcher (jobs), &request, cancellable, &result, error);
  vitrine_feed_jobs_polite_end (jobs, url, &result, ok, &retry_after);
  if (ok && result.body == NULL)
    {
      g_set_error_literal (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_HTTP, "an empty weather answer");
      return FALSE;
    }
  if (ok)
    *body = g_bytes_ref (result.body);
  return ok;
}

/* Where @place is: coordinates as given (bare or after a label), the cached geocoding of the same place, or a
 * geocoding request. */
static gboolean
locate (VitrineFeedJobs  *jobs,
        const char       *place,
        const Cached     *old,
        Cached           *fresh,
        GCancellable     *cancellable,
        GError          **error)
{
  g_autoptr(VitrineWeatherPlace) found = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *query = NULL;
  g_autofree char *url = NULL;

  fresh->place = g_strdup (place);
  if (vitrine_weather_parse_coordinates (place, &fresh->latitude, &fresh->longitude))
    {
      fresh->name = g_strdup (place);
      return TRUE;
    }
  /* A chosen suggestion: its label and coordinates, no geocoding needed. */
  if (vitrine_weather_parse_labelled (place, &fresh->name, &fresh->latitude, &fresh->longitude))
    {
      if (fresh->name == NULL)
        fresh->name = g_strdup (place);
      return TRUE;
    }
  if (old->place != NULL && g_str_equal (old->place, place) && isfinite (old->latitude))
    {
      fresh->name = g_strdup (old->name);
      fresh->country = g_strdup (old->country);
      fresh->latitude = old->latitude;
      fresh->longitude = old->longitude;
      return TRUE;
    }
  query = vitrine_weather_geocoding_query (place);
  url = build_url ("VITRINE_GEOCODING_URL", VITRINE_GEOCODING_DEFAULT_URL, query);
  if (!get (jobs, url, cancellable, &body, error))
    return FALSE;
  found = vitrine_weather_parse_geocoding (g_bytes_get_data (body, NULL), g_bytes_get_size (body), error);
  if (found == NULL)
    return FALSE;
  fresh->name = g_strdup (found->name);
  fresh->country = g_strdup (found->country);
  fresh->latitude = found->latitude;
  fresh->longitude = found->longitude;
  return TRUE;
}

static GVariant *
weather_to_variant (const VitrineWeather *weather)
{
  GVariantBuilder builder, days;

  g_variant_builder_init (&days, G_VARIANT_TYPE ("a(sidd)"));
  for (guint i = 0; i < weather->n_days && i < VITRINE_WEATHER_DAYS; i++)
    g_variant_builder_add (&days, "(sidd)", weather->days[i].date != NULL ? weather->days[i].date : "",
                           weather->days[i].weather_code, weather->days[i].temperature_max,
                           weather->days[i].temperature_min);
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "time", g_variant_new_string (weather->time != NULL ? weather->time : ""));
  g_variant_builder_add (&builder, "{sv}", "temperature", g_variant_new_double (weather->temperature));
  g_variant_builder_add (&builder, "{sv}", "weather_code", g_variant_new_int32 (weather->weather_code));
  g_variant_builder_add (&builder, "{sv}", "category",
                         g_variant_new_string (vitrine_weather_code_category (weather->weather_code)));
  g_variant_builder_add (&builder, "{sv}", "is_day", g_variant_new_boolean (weather->is_day));
  if (isfinite (weather->wind_speed))
    g_variant_builder_add (&builder, "{sv}", "wind_speed", g_variant_new_double (weather->wind_speed));
  if (isfinite (weather->relative_humidity))
    g_variant_builder_add (&builder, "{sv}", "relative_humidity", g_variant_new_double (weather->relative_humidity));
  g_variant_builder_add (&builder, "{sv}", "temperature_unit",
                         g_variant_new_string (weather->temperature_unit != NULL ? weather->temperature_unit : ""));
  g_variant_builder_add (&builder, "{sv}", "wind_speed_unit",
                         g_variant_new_string (weather->wind_speed_unit != NULL ? weather->wind_speed_unit : ""));
  g_variant_builder_add (&builder, "{sv}", "timezone",
                         g_variant_new_string (weather->timezone != NULL ? weather->timezone : ""));
  g_variant_builder_add (&builder, "{sv}", "days", g_variant_builder_end (&days));
  return g_variant_builder_end (&builder);
}

static GVariant *
reply (const Cached         *cached,
       const VitrineWeather *weather,
       gboolean              from_cache,
       const char           *problem)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "ok", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&builder, "{sv}", "place", g_variant_new_string (cached->place));
  g_variant_builder_add (&builder, "{sv}", "name", g_variant_new_string (cached->name != NULL ? cached->name : ""));
  g_variant_builder_add (&builder, "{sv}", "country",
                         g_variant_new_string (cached->country != NULL ? cached->country : ""));
  g_variant_builder_add (&builder, "{sv}", "latitude", g_variant_new_double (cached->latitude));
  g_variant_builder_add (&builder, "{sv}", "longitude", g_variant_new_double (cached->longitude));
  g_variant_builder_add (&builder, "{sv}", "fetched_at", g_variant_new_int64 (cached->fetched_at));
  g_variant_builder_add (&builder, "{sv}", "age_s", g_variant_new_int64 (MAX (0, now - cached->fetched_at)));
  g_variant_builder_add (&builder, "{sv}", "from_cache", g_variant_new_boolean (from_cache));
  if (problem != NULL)
    g_variant_builder_add (&builder, "{sv}", "error", g_variant_new_string (problem));
  g_variant_builder_add (&builder, "{sv}", "weather", weather_to_variant (weather));
  return g_variant_builder_end (&builder);
}

/* The fresh answer, or NULL with @error. */
static GVariant *
fetch_fresh (VitrineFeedJobs  *jobs,
             const char       *place,
             const Cached     *old,
             GCancellable     *cancellable,
             GError          **error)
{
  g_auto(Cached) fresh = { 0 };
  g_autoptr(VitrineWeather) weather = NULL;
  g_autofree char *query = NULL;
  g_autofree char *url = NULL;

  if (!locate (jobs, place, old, &fresh, cancellable, error))
    return NULL;
  query = vitrine_weather_forecast_query (fresh.latitude, fresh.longitude);
  url = build_url ("VITRINE_OPEN_METEO_URL", VITRINE_OPEN_METEO_DEFAULT_URL, query);
  if (!get (jobs, url, cancellable, &fresh.forecast, error))
    return NULL;
  weather = vitrine_weather_parse_forecast (g_bytes_get_data (fresh.forecast, NULL),
                                            g_bytes_get_size (fresh.forecast), error);
  if (weather == NULL)
    return NULL;
  fresh.fetched_at = g_get_real_time () / G_USEC_PER_SEC;
  save_cache (jobs, &fresh);
  return reply (&fresh, weather, FALSE, NULL);
}

GVariant *
vitrine_feed_weather_job (VitrineFeedJobs  *jobs,
                          GVariant         *request,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_auto(Cached) old = { 0 };
  g_autoptr(VitrineWeather) weather = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *place = NULL;
  GVariant *fresh;

  if (!g_variant_lookup (request, "place", "&s", &place) || *place == '\0')
    return vitrine_feed_jobs_failure ("weather needs a place", 0, VITRINE_FETCH_OUTCOME_FAILED, 0);
  old.latitude = old.longitude = NAN;
  load_cache (jobs, &old);

  fresh = fetch_fresh (jobs, place, &old, cancellable, &local_error);
  if (fresh != NULL)
    return fresh;
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  /* Offline, or the service failed: the last good answer for this place, with its age. */
  if (old.place != NULL && g_str_equal (old.place, place) &&
      (weather = vitrine_weather_parse_forecast (g_bytes_get_data (old.forecast, NULL),
                                                 g_bytes_get_size (old.forecast), NULL)) != NULL)
    return reply (&old, weather, TRUE, local_error->message);
  return vitrine_feed_jobs_failure (local_error->message, 0, VITRINE_FETCH_OUTCOME_FAILED, 0);
}

/* Up to VITRINE_WEATHER_MAX_SUGGESTIONS matches for @place, as a(sssdds). */
static GVariant *
suggestions_to_variant (GPtrArray *places)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sssdds)"));
  for (guint i = 0; i < places->len; i++)
    {
      const VitrineWeatherPlace *place = g_ptr_array_index (places, i);
      g_autofree char *label = vitrine_weather_place_label (place);

      g_variant_builder_add (&builder, "(sssdds)", place->name,
                             place->admin1 != NULL ? place->admin1 : "",
                             place->country != NULL ? place->country : "",
                             place->latitude, place->longitude, label);
    }
  return g_variant_builder_end (&builder);
}

GVariant *
vitrine_feed_geocode_job (VitrineFeedJobs  *jobs,
                          GVariant         *request,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *query = NULL;
  g_autofree char *url = NULL;
  const char *place = NULL;
  GVariantBuilder builder;

  if (!g_variant_lookup (request, "place", "&s", &place) ||
      (query = vitrine_weather_suggestions_query (place, VITRINE_WEATHER_MAX_SUGGESTIONS)) == NULL)
    return vitrine_feed_jobs_failure ("geocode needs a place", 0, VITRINE_FETCH_OUTCOME_FAILED, 0);
  url = build_url ("VITRINE_GEOCODING_URL", VITRINE_GEOCODING_DEFAULT_URL, query);
  if (get (jobs, url, cancellable, &body, &local_error))
    places = vitrine_weather_parse_suggestions (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                                VITRINE_WEATHER_MAX_SUGGESTIONS, &local_error);
  if (places == NULL && g_error_matches (local_error, VITRINE_WEATHER_ERROR, VITRINE_WEATHER_ERROR_NOT_FOUND))
    places = g_ptr_array_new ();
  else if (places == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  else if (places == NULL)
    return vitrine_feed_jobs_failure (local_error->message, 0, VITRINE_FETCH_OUTCOME_FAILED, 0);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "ok", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&builder, "{sv}", "places", suggestions_to_variant (places));
  return g_variant_builder_end (&builder);
}
