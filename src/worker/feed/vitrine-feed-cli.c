/* vitrine-feed-cli.c
 *
 * --fetch prints {"feed": {"title", "kind", "ttl_s"}, "items": [{"title", "link",
 * "image_url", "published", "priority", "ttl_s", "mirror_path"}]}: image_url null for a
 * headline, published as RFC 3339 UTC or null, mirror_path only with --mirror (null when
 * that download failed, with "skipped" saying why).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "vitrine-feed-cli.h"
#include "vitrine-feed-jobs.h"
#include "vitrine-feed-parse.h"
#include "vitrine-feed-weather.h"

#define VITRINE_CLI_ERROR (g_quark_from_static_string ("vitrine-feed-cli-error"))

static VitrineFeedJobs *
new_jobs (const char *mirror)
{
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "vitrine", NULL);

  vitrine_feed_parse_init ();
  return vitrine_feed_jobs_new (cache, mirror, NULL);
}

static void
member_string (JsonBuilder *builder,
               const char  *name,
               GVariant    *dict,
               const char  *key)
{
  const char *value = NULL;

  json_builder_set_member_name (builder, name);
  if (g_variant_lookup (dict, key, "&s", &value))
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
member_published (JsonBuilder *builder,
                  GVariant    *item)
{
  gint64 published;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, "published");
  if (g_variant_lookup (item, "published", "x", &published) &&
      (when = g_date_time_new_from_unix_utc (published)) != NULL)
    {
      text = g_date_time_format_iso8601 (when);
      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
}

/* The item's image mirrored through the live "mirror" request kind. */
static void
member_mirror (JsonBuilder     *builder,
               VitrineFeedJobs *jobs,
               const char      *feed,
               GVariant        *item)
{
  const char *image_url = NULL;
  g_autoptr(GVariant) request = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = NULL, *problem = NULL;
  const char *feeds[] = { feed, NULL };

  if (!g_variant_lookup (item, "image_url", "&s", &image_url))
    {
      json_builder_set_member_name (builder, "mirror_path");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_string_value (builder, "no image");
      return;
    }
  request = g_variant_ref_sink (g_variant_new_parsed ("{'kind': <'mirror'>, 'feed': <%s>, 'url': <%s>, "
                                                      "'feeds': <%^as>, 'max_megabytes': <%u>}",
                                                      feed, image_url, feeds, (guint32) 65536));
  reply = vitrine_feed_jobs_mirror (jobs, request, NULL, &error);
  if (reply != NULL)
    g_variant_ref_sink (reply);
  if (reply == NULL || !g_variant_lookup (reply, "path", "&s", &path))
    {
      if (reply != NULL)
        g_variant_lookup (reply, "error", "&s", &problem);
      path = NULL;
    }
  json_builder_set_member_name (builder, "mirror_path");
  if (path != NULL)
    json_builder_add_string_value (builder, path);
  else
    {
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_string_value (builder, problem != NULL ? problem : error != NULL ? error->message : "failed");
    }
}

static void
add_item (JsonBuilder     *builder,
          GVariant        *item,
          gint64           ttl,
          VitrineFeedJobs *jobs,
          const char      *feed,
          gboolean         mirror)
{
  gint32 priority = 50;

  json_builder_begin_object (builder);
  member_string (builder, "title", item, "title");
  member_string (builder, "link", item, "link");
  member_string (builder, "image_url", item, "image_url");
  member_published (builder, item);
  g_variant_lookup (item, "priority", "i", &priority);
  json_builder_set_member_name (builder, "priority");
  json_builder_add_int_value (builder, priority);
  json_builder_set_member_name (builder, "ttl_s");
  if (ttl >= 0)
    json_builder_add_int_value (builder, ttl);
  else
    json_builder_add_null_value (builder);
  if (mirror)
    member_mirror (builder, jobs, feed, item);
  json_builder_end_object (builder);
}

static void
print_json (JsonBuilder *builder,
            GString     *out)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_string_append_printf (out, "%s\n", text);
}

static gboolean
reply_failed (GVariant  *reply,
              GError   **error)
{
  gboolean ok = FALSE;
  const char *problem = "failed";

  g_variant_lookup (reply, "ok", "b", &ok);
  if (ok)
    return FALSE;
  g_variant_lookup (reply, "error", "&s", &problem);
  g_set_error_literal (error, VITRINE_CLI_ERROR, 1, problem);
  return TRUE;
}

gboolean
vitrine_feed_cli_fetch (const char  *url,
                        const char  *json_path,
                        const char  *mirror,
                        GString     *out,
                        GError     **error)
{
  g_autoptr(VitrineFeedJobs) jobs = new_jobs (mirror);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GVariant) request = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) items = NULL;
  gint64 ttl = -1;

  request = g_variant_ref_sink (g_variant_new_parsed ("{'kind': <'feed'>, 'url': <%s>, 'json_path': <%s>}",
                                                      url, json_path != NULL ? json_path : ""));
  reply = vitrine_feed_jobs_feed (jobs, request, NULL, error);
  if (reply == NULL)
    return FALSE;
  g_variant_ref_sink (reply);
  if (reply_failed (reply, error))
    return FALSE;
  g_variant_lookup (reply, "ttl_s", "x", &ttl);
  items = g_variant_lookup_value (reply, "items", G_VARIANT_TYPE ("aa{sv}"));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "feed");
  json_builder_begin_object (builder);
  member_string (builder, "title", reply, "title");
  member_string (builder, "kind", reply, "kind");
  json_builder_set_member_name (builder, "ttl_s");
  if (ttl >= 0)
    json_builder_add_int_value (builder, ttl);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (gsize i = 0; items != NULL && i < g_variant_n_children (items); i++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (items, i);

      add_item (builder, item, ttl, jobs, url, mirror != NULL);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  print_json (builder, out);
  return TRUE;
}

gboolean
vitrine_feed_cli_weather (const char  *place,
                          GString     *out,
                          GError     **error)
{
  g_autoptr(VitrineFeedJobs) jobs = new_jobs (NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GVariant) request = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  request = g_variant_ref_sink (g_variant_new_parsed ("{'kind': <'weather'>, 'place': <%s>}", place));
  reply = vitrine_feed_weather_job (jobs, request, NULL, error);
  if (reply == NULL)
    return FALSE;
  g_variant_ref_sink (reply);
  if (reply_failed (reply, error))
    return FALSE;
  node = json_gvariant_serialize (reply);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_string_append_printf (out, "%s\n", text);
  return TRUE;
}
