/* vitrine-track-summary.c: per-track summaries on disk (see the header).
 *
 * Schema 2 (written):
 *   {"schema": 2, "track_id": s, "duration_s": d, "loudness_dbfs": d, "onset_density": d,
 *    "bpm": d, "tempo_map": [{"start_s", "end_s", "start_bpm", "end_bpm", "kind"}…],
 *    and, optional (files written before them lack them, older builds ignore them):
 *    "revision": s, "descriptors": [s…], "url": s, "analysed_unix": i}
 * Schema 1 (read and migrated; the first format, before the tempo map):
 *   {"version": 1, "track": s, "bpm": d, "loudness": d (linear RMS), "seconds": d}
 *   → loudness in dBFS, onset density unknown (-1), the tempo map one constant segment
 *   over the seconds heard when there was a tempo.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "vitrine-track-summary.h"

void
vitrine_track_summary_init (VitrineTrackSummary *summary)
{
  *summary = (VitrineTrackSummary) { .onset_density = -1, .loudness_dbfs = -120 };
  summary->tempo_map = g_array_new (FALSE, FALSE, sizeof (VitrineTempoSegment));
}

void
vitrine_track_summary_clear (VitrineTrackSummary *summary)
{
  g_clear_pointer (&summary->track_id, g_free);
  g_clear_pointer (&summary->tempo_map, g_array_unref);
  g_clear_pointer (&summary->revision, g_free);
  g_clear_pointer (&summary->descriptors, g_strfreev);
  g_clear_pointer (&summary->url, g_free);
}

const char *
vitrine_track_summary_result_to_string (VitrineTrackSummaryResult result)
{
  static const char *const names[] = { "loaded", "migrated", "missing", "unknown", "corrupt" };

  return result < G_N_ELEMENTS (names) ? names[result] : "corrupt";
}

/* <cache_dir>/vitrine/tracks/<sha256 (track id)>.json: no track id reaches a file name. */
char *
vitrine_track_summary_path (const char *cache_dir,
                            const char *track_id)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, track_id, -1);
  g_autofree char *name = g_strconcat (digest, ".json", NULL);

  return g_build_filename (cache_dir, "vitrine", "tracks", name, NULL);
}

/* A finite number member within [min, max], else FALSE. */
static gboolean
number (JsonObject *object,
        const char *name,
        double      min,
        double      max,
        double     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;
  *value = json_node_get_double (node);
  return isfinite (*value) && *value >= min && *value <= max;
}

static gboolean
string (JsonObject  *object,
        const char  *name,
        const char **value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;
  *value = json_node_get_string (node);
  return TRUE;
}

/* A tempo-map segment's tempo bounds, in files of either schema. */
#define SEGMENT_MIN_BPM 1.0
#define SEGMENT_MAX_BPM 1000.0

static gboolean
read_segment (JsonNode            *node,
              VitrineTempoSegment *segment)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *kind = NULL;

  if (object == NULL || !string (object, "kind", &kind) ||
      !number (object, "start_s", 0, 1e7, &segment->start_s) ||
      !number (object, "end_s", segment->start_s, 1e7, &segment->end_s) ||
      !number (object, "start_bpm", SEGMENT_MIN_BPM, SEGMENT_MAX_BPM, &segment->start_bpm) ||
      !number (object, "end_bpm", SEGMENT_MIN_BPM, SEGMENT_MAX_BPM, &segment->end_bpm))
    return FALSE;
  if (g_str_equal (kind, "constant"))
    segment->kind = VITRINE_TEMPO_CONSTANT;
  else if (g_str_equal (kind, "ramp"))
    segment->kind = VITRINE_TEMPO_RAMP;
  else
    return FALSE;
  segment->beats = 0;
  return TRUE;
}

/* The optional members: absent is fine, present with a wrong type is not. */
static gboolean
read_cache_members (JsonObject          *root,
                    VitrineTrackSummary *summary)
{
  const char *revision = NULL, *url = NULL;
  JsonNode *list = json_object_get_member (root, "descriptors");
  double analysed = 0;

  if ((json_object_has_member (root, "revision") && !string (root, "revision", &revision)) ||
      (json_object_has_member (root, "url") && !string (root, "url", &url)) ||
      (json_object_has_member (root, "analysed_unix") && !number (root, "analysed_unix", 0, 1e11, &analysed)))
    return FALSE;
  if (list != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      JsonArray *array = JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL;

      if (array == NULL || json_array_get_length (array) > VITRINE_TRACK_SUMMARY_MAX_DESCRIPTORS)
        return FALSE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);

          if (JSON_NODE_TYPE (node) != JSON_NODE_VALUE || json_node_get_value_type (node) != G_TYPE_STRING)
            return FALSE;
          g_strv_builder_add (builder, json_node_get_string (node));
        }
      summary->descriptors = g_strv_builder_end (builder);
    }
  summary->revision = g_strdup (revision);
  summary->url = g_strdup (url);
  summary->analysed_unix = (gint64) analysed;
  return TRUE;
}

static gboolean
read_schema_2 (JsonObject          *root,
               VitrineTrackSummary *summary)
{
  const char *track_id = NULL;
  JsonNode *map = json_object_get_member (root, "tempo_map");
  JsonArray *segments;

  if (!string (root, "track_id", &track_id) ||
      !number (root, "duration_s", 0, 1e7, &summary->duration_s) ||
      !number (root, "loudness_dbfs", -200, 20, &summary->loudness_dbfs) ||
      !number (root, "onset_density", -1, 1000, &summary->onset_density) ||
      !number (root, "bpm", 0, 1000, &summary->bpm) ||
      map == NULL || !JSON_NODE_HOLDS_ARRAY (map) || !read_cache_members (root, summary))
    return FALSE;
  segments = json_node_get_array (map);
  if (json_array_get_length (segments) > VITRINE_TRACK_SUMMARY_MAX_SEGMENTS)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (segments); i++)
    {
      VitrineTempoSegment segment;

      if (!read_segment (json_array_get_element (segments, i), &segment))
        return FALSE;
      g_array_append_val (summary->tempo_map, segment);
    }
  summary->track_id = g_strdup (track_id);
  return TRUE;
}

/* Schema 1: what it had, converted; what it did not have, unknown. */
static gboolean
migrate_schema_1 (JsonObject          *root,
                  VitrineTrackSummary *summary)
{
  const char *track = NULL;
  double loudness, seconds = 0;

  if (!string (root, "track", &track) || !number (root, "bpm", 0, 1000, &summary->bpm) ||
      !number (root, "loudness", 0, 10, &loudness))
    return FALSE;
  if (json_object_has_member (root, "seconds") && !number (root, "seconds", 0, 1e7, &seconds))
    return FALSE;
  summary->track_id = g_strdup (track);
  summary->duration_s = seconds;
  summary->loudness_dbfs = loudness > 0 ? MAX (20 * log10 (loudness), -200.0) : -200;
  summary->onset_density = -1;
  /* A tempo too slow for a segment is a tempo the old tracker did not have. */
  if (summary->bpm >= SEGMENT_MIN_BPM && seconds > 0)
    {
      VitrineTempoSegment segment = {
        .start_s = 0, .end_s = seconds, .start_bpm = summary->bpm, .end_bpm = summary->bpm,
        .kind = VITRINE_TEMPO_CONSTANT,
      };

      g_array_append_val (summary->tempo_map, segment);
    }
  return TRUE;
}

/* @summary is filled (from vitrine_track_summary_init()) when LOADED or MIGRATED. */
VitrineTrackSummaryResult
vitrine_track_summary_load (const char           *path,
                            VitrineTrackSummary  *summary,
                            GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  JsonObject *root;
  double schema = 0;

  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return VITRINE_TRACK_SUMMARY_MISSING;
      g_propagate_error (error, g_steal_pointer (&local));
      return VITRINE_TRACK_SUMMARY_CORRUPT;
    }
  if (length > VITRINE_TRACK_SUMMARY_MAX_BYTES || !g_utf8_validate (contents, (gssize) length, NULL) ||
      !json_parser_load_from_data (parser, contents, (gssize) length, &local) ||
      json_parser_get_root (parser) == NULL ||  /* an empty file parses to nothing */
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: not a track summary%s%s", path,
                   local != NULL ? ": " : "", local != NULL ? local->message : "");
      return VITRINE_TRACK_SUMMARY_CORRUPT;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  if (number (root, "schema", 0, G_MAXINT32, &schema) && schema == VITRINE_TRACK_SUMMARY_SCHEMA)
    {
      if (read_schema_2 (root, summary))
        return VITRINE_TRACK_SUMMARY_LOADED;
    }
  else if (json_object_has_member (root, "schema"))
    return VITRINE_TRACK_SUMMARY_UNKNOWN;
  else if (number (root, "version", 0, G_MAXINT32, &schema) && schema == 1)
    {
      if (migrate_schema_1 (root, summary))
        return VITRINE_TRACK_SUMMARY_MIGRATED;
    }
  else if (json_object_has_member (root, "version"))
    return VITRINE_TRACK_SUMMARY_UNKNOWN;

  /* Whatever was read of a bad file is dropped. */
  g_clear_pointer (&summary->track_id, g_free);
  g_clear_pointer (&summary->revision, g_free);
  g_clear_pointer (&summary->descriptors, g_strfreev);
  g_clear_pointer (&summary->url, g_free);
  g_array_set_size (summary->tempo_map, 0);
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "%s: a track summary with missing or bad members", path);
  return VITRINE_TRACK_SUMMARY_CORRUPT;
}

static void
add_cache_members (JsonBuilder               *builder,
                   const VitrineTrackSummary *summary)
{
  if (summary->revision != NULL)
    {
      json_builder_set_member_name (builder, "revision");
      json_builder_add_string_value (builder, summary->revision);
    }
  if (summary->descriptors != NULL)
    {
      json_builder_set_member_name (builder, "descriptors");
      json_builder_begin_array (builder);
      for (guint i = 0; summary->descriptors[i] != NULL; i++)
        json_builder_add_string_value (builder, summary->descriptors[i]);
      json_builder_end_array (builder);
    }
  if (summary->url != NULL)
    {
      json_builder_set_member_name (builder, "url");
      json_builder_add_string_value (builder, summary->url);
    }
  if (summary->analysed_unix > 0)
    {
      json_builder_set_member_name (builder, "analysed_unix");
      json_builder_add_int_value (builder, summary->analysed_unix);
    }
}

char *
vitrine_track_summary_to_json (const VitrineTrackSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, VITRINE_TRACK_SUMMARY_SCHEMA);
  json_builder_set_member_name (builder, "track_id");
  json_builder_add_string_value (builder, summary->track_id != NULL ? summary->track_id : "");
  json_builder_set_member_name (builder, "duration_s");
  json_builder_add_double_value (builder, summary->duration_s);
  json_builder_set_member_name (builder, "loudness_dbfs");
  json_builder_add_double_value (builder, summary->loudness_dbfs);
  json_builder_set_member_name (builder, "onset_density");
  json_builder_add_double_value (builder, summary->onset_density);
  json_builder_set_member_name (builder, "bpm");
  json_builder_add_double_value (builder, summary->bpm);
  json_builder_set_member_name (builder, "tempo_map");
  json_builder_begin_array (builder);
  for (guint i = 0; i < summary->tempo_map->len; i++)
    {
      const VitrineTempoSegment *s = &g_array_index (summary->tempo_map, VitrineTempoSegment, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "start_s");
      json_builder_add_double_value (builder, s->start_s);
      json_builder_set_member_name (builder, "end_s");
      json_builder_add_double_value (builder, s->end_s);
      json_builder_set_member_name (builder, "start_bpm");
      json_builder_add_double_value (builder, s->start_bpm);
      json_builder_set_member_name (builder, "end_bpm");
      json_builder_add_double_value (builder, s->end_bpm);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, vitrine_tempo_kind_to_string (s->kind));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_cache_members (builder, summary);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/*
 * Writes @summary to @path atomically (the folder is made first), unless @path holds a
 * summary of a schema this build does not know, which is left alone (FALSE, no error).
 */
gboolean
vitrine_track_summary_save (const char                *path,
                            const VitrineTrackSummary *summary,
                            GError                   **error)
{
  g_auto(VitrineTrackSummary) existing = { 0 };
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *json = NULL;

  vitrine_track_summary_init (&existing);
  if (vitrine_track_summary_load (path, &existing, NULL) == VITRINE_TRACK_SUMMARY_UNKNOWN)
    return FALSE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", dir, g_strerror (errno));
      return FALSE;
    }
  json = vitrine_track_summary_to_json (summary);
  return g_file_set_contents_full (path, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
