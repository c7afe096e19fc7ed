/* vitrine-cache-history.c: the regeneration history's JSON lines and its summary manifest.
 * A line is checked member by member; one that does not parse, is too long or holds
 * something of the wrong type is dropped, so a damaged file loses only its damaged lines.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "vitrine-cache-history.h"
#include "vitrine-json-util.h"

/* A job of a whole photo library names every photo: generous, still bounded. */
#define MAX_LINE_BYTES (4 * 1024 * 1024)
#define MAX_DEPTH 4
/* The manifest lists this many of the newest failures. */
#define SUMMARY_FAILURES 10

static const char * const action_names[] = {
  [VITRINE_HISTORY_AUTO_REGENERATE] = "auto_regenerate",
  [VITRINE_HISTORY_MANUAL_REGENERATE] = "manual_regenerate",
  [VITRINE_HISTORY_DISMISSED] = "dismissed",
};

const char *
vitrine_history_action_to_string (VitrineHistoryAction action)
{
  g_return_val_if_fail (action <= VITRINE_HISTORY_DISMISSED, NULL);
  return action_names[action];
}

static gboolean
action_from_string (const char           *name,
                    VitrineHistoryAction *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    if (g_strcmp0 (name, action_names[i]) == 0)
      {
        *action = (VitrineHistoryAction) i;
        return TRUE;
      }
  return FALSE;
}

static char *
format_timestamp (gint64 unix_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_us / G_USEC_PER_SEC);
  g_autofree char *seconds = NULL;

  if (time == NULL)
    return g_strdup ("1970-01-01T00:00:00.000Z");
  seconds = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, (int) ((unix_us / 1000) % 1000 + 1000) % 1000);
}

VitrineHistoryEntry *
vitrine_history_entry_new (const char           *element_id,
                           VitrineHistoryAction  action,
                           const char * const   *descriptor_ids,
                           gboolean              success,
                           gint64                duration_ms,
                           gint64                now_unix_us)
{
  VitrineHistoryEntry *entry = g_new0 (VitrineHistoryEntry, 1);

  entry->id = g_uuid_string_random ();
  entry->timestamp = format_timestamp (now_unix_us);
  entry->element_id = g_strdup (element_id != NULL ? element_id : "");
  entry->action = action;
  entry->descriptor_ids = descriptor_ids != NULL ? g_strdupv ((GStrv) descriptor_ids)
                                                 : g_new0 (char *, 1);
  entry->success = success;
  entry->duration_ms = MAX (duration_ms, 0);
  return entry;
}

void
vitrine_history_entry_free (VitrineHistoryEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->id);
  g_free (entry->timestamp);
  g_free (entry->element_id);
  g_strfreev (entry->descriptor_ids);
  g_free (entry);
}

static JsonNode *
entry_to_node (const VitrineHistoryEntry *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, entry->id);
  json_builder_set_member_name (builder, "timestamp");
  json_builder_add_string_value (builder, entry->timestamp);
  json_builder_set_member_name (builder, "element_id");
  json_builder_add_string_value (builder, entry->element_id);
  json_builder_set_member_name (builder, "action");
  json_builder_add_string_value (builder, vitrine_history_action_to_string (entry->action));
  json_builder_set_member_name (builder, "descriptor_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; entry->descriptor_ids[i] != NULL; i++)
    json_builder_add_string_value (builder, entry->descriptor_ids[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, entry->success ? "success" : "failure");
  json_builder_set_member_name (builder, "duration_ms");
  json_builder_add_int_value (builder, entry->duration_ms);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
vitrine_history_entry_to_json (const VitrineHistoryEntry *entry)
{
  g_autoptr(JsonNode) node = entry_to_node (entry);

  /* Not pretty-printed: one entry is one line. */
  return json_to_string (node, FALSE);
}

static gboolean
fail (GError    **error,
      const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not a history entry: %s", what);
  return FALSE;
}

static gboolean
read_descriptors (JsonArray  *array,
                  GStrv      *out,
                  GError    **error)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (array == NULL)
    return fail (error, "no descriptor_ids");
  for (guint i = 0; i < n; i++)
    {
      const char *descriptor = vitrine_json_string (json_array_get_element (array, i));

      if (descriptor == NULL)
        return fail (error, "a descriptor id that is not a string");
      g_strv_builder_add (builder, descriptor);
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_entry (JsonObject          *object,
            VitrineHistoryEntry *entry,
            GError             **error)
{
  const char *id = vitrine_json_get_string (object, "id");
  const char *timestamp = vitrine_json_get_string (object, "timestamp");
  const char *element_id = vitrine_json_get_string (object, "element_id");
  const char *status = vitrine_json_get_string (object, "status");
  g_autoptr(GDateTime) time = NULL;
  double duration;

  if (id == NULL || !g_uuid_string_is_valid (id))
    return fail (error, "no UUID");
  if (timestamp != NULL)
    time = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (time == NULL)
    return fail (error, "no ISO 8601 timestamp");
  if (element_id == NULL)
    return fail (error, "no element_id");
  if (!action_from_string (vitrine_json_get_string (object, "action"), &entry->action))
    return fail (error, "an unknown action");
  if (g_strcmp0 (status, "success") != 0 && g_strcmp0 (status, "failure") != 0)
    return fail (error, "an unknown status");
  if (!vitrine_json_get_number (object, "duration_ms", &duration) || duration < 0
      || duration > (double) G_MAXINT32 * 1000.0)
    return fail (error, "no duration");
  if (!read_descriptors (vitrine_json_get_array (object, "descriptor_ids"),
                         &entry->descriptor_ids, error))
    return FALSE;
  entry->id = g_strdup (id);
  entry->timestamp = g_strdup (timestamp);
  entry->element_id = g_strdup (element_id);
  entry->success = g_strcmp0 (status, "success") == 0;
  entry->duration_ms = (gint64) duration;
  return TRUE;
}

static VitrineHistoryEntry *
entry_from_bytes (const char  *line,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(VitrineHistoryEntry) entry = g_new0 (VitrineHistoryEntry, 1);
  g_autofree char *message = NULL;
  JsonObject *object;

  if (length > MAX_LINE_BYTES)
    {
      fail (error, "a line too long");
      return NULL;
    }
  if (vitrine_json_load (parser, (const guint8 *) line, length, MAX_DEPTH, &message)
      != VITRINE_JSON_OK)
    {
      fail (error, message);
      return NULL;
    }
  object = vitrine_json_object (json_parser_get_root (parser));
  if (object == NULL)
    {
      fail (error, "not an object");
      return NULL;
    }
  if (!read_entry (object, entry, error))
    return NULL;
  return g_steal_pointer (&entry);
}

VitrineHistoryEntry *
vitrine_history_entry_from_json (const char  *line,
                                 GError     **error)
{
  g_return_val_if_fail (line != NULL, NULL);
  return entry_from_bytes (line, strlen (line), error);
}

GPtrArray *
vitrine_history_parse (const char *contents,
                       gsize       length)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_history_entry_free);
  gsize start = 0;

  while (contents != NULL && start < length)
    {
      const char *newline = memchr (contents + start, '\n', length - start);
      gsize end = newline != NULL ? (gsize) (newline - contents) : length;
      VitrineHistoryEntry *entry = NULL;

      if (end > start)
        entry = entry_from_bytes (contents + start, end - start, NULL);
      if (entry != NULL)
        g_ptr_array_add (entries, entry);
      start = end + 1;
    }
  return entries;
}

char *
vitrine_history_append (const char *contents,
                        gsize       length,
                        GPtrArray  *entries,
                        guint       keep)
{
  g_autoptr(GPtrArray) all = vitrine_history_parse (contents, length);
  GString *text = g_string_new (NULL);
  guint first;

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      g_autofree char *line = vitrine_history_entry_to_json (entries->pdata[i]);
      /* Through the parser, so what is written is what a reader keeps. */
      VitrineHistoryEntry *copy = entry_from_bytes (line, strlen (line), NULL);

      if (copy != NULL)
        g_ptr_array_add (all, copy);
    }
  first = all->len > keep ? all->len - keep : 0;
  for (guint i = first; i < all->len; i++)
    {
      g_autofree char *line = vitrine_history_entry_to_json (all->pdata[i]);

      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static void
count_member (JsonBuilder *builder,
              const char  *name,
              guint        count)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, count);
}

static void
add_span (JsonBuilder *builder,
          GPtrArray   *entries)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  const char *first_text = NULL;
  const char *last_text = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      const VitrineHistoryEntry *entry = entries->pdata[i];
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (entry->timestamp, NULL);

      if (time == NULL)
        continue;
      if (first == NULL || g_date_time_compare (time, first) < 0)
        {
          g_clear_pointer (&first, g_date_time_unref);
          first = g_date_time_ref (time);
          first_text = entry->timestamp;
        }
      if (last == NULL || g_date_time_compare (time, last) > 0)
        {
          g_clear_pointer (&last, g_date_time_unref);
          last = g_date_time_ref (time);
          last_text = entry->timestamp;
        }
    }
  json_builder_set_member_name (builder, "first");
  if (first_text != NULL)
    json_builder_add_string_value (builder, first_text);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "last");
  if (last_text != NULL)
    json_builder_add_string_value (builder, last_text);
  else
    json_builder_add_null_value (builder);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every descriptor a successful regeneration made, sorted, once each. */
static void
add_regenerated (JsonBuilder *builder,
                 GPtrArray   *entries)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; i < entries->len; i++)
    {
      const VitrineHistoryEntry *entry = entries->pdata[i];

      if (entry->action == VITRINE_HISTORY_DISMISSED || !entry->success)
        continue;
      for (guint d = 0; entry->descriptor_ids[d] != NULL; d++)
        if (g_hash_table_add (seen, entry->descriptor_ids[d]))
          g_ptr_array_add (sorted, entry->descriptor_ids[d]);
    }
  g_ptr_array_sort (sorted, compare_strings);
  json_builder_set_member_name (builder, "descriptors_regenerated");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sorted->len; i++)
    json_builder_add_string_value (builder, sorted->pdata[i]);
  json_builder_end_array (builder);
}

static void
add_failures (JsonBuilder *builder,
              GPtrArray   *entries)
{
  guint listed = 0;

  json_builder_set_member_name (builder, "last_failures");
  json_builder_begin_array (builder);
  for (guint i = entries->len; i > 0 && listed < SUMMARY_FAILURES; i--)
    {
      const VitrineHistoryEntry *entry = entries->pdata[i - 1];

      if (entry->success)
        continue;
      json_builder_add_value (builder, entry_to_node (entry));
      listed++;
    }
  json_builder_end_array (builder);
}

char *
vitrine_history_summary_json (GPtrArray *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint by_action[VITRINE_HISTORY_DISMISSED + 1] = { 0 };
  guint successes = 0;
  gint64 duration_ms = 0;

  for (guint i = 0; i < entries->len; i++)
    {
      const VitrineHistoryEntry *entry = entries->pdata[i];

      by_action[entry->action]++;
      successes += entry->success ? 1 : 0;
      duration_ms += entry->duration_ms;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "vitrine-cache-history-summary");
  count_member (builder, "version", 1);
  count_member (builder, "entries", entries->len);
  add_span (builder, entries);
  json_builder_set_member_name (builder, "by_action");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (by_action); i++)
    count_member (builder, action_names[i], by_action[i]);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "by_status");
  json_builder_begin_object (builder);
  count_member (builder, "success", successes);
  count_member (builder, "failure", entries->len - successes);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "duration_ms");
  json_builder_add_int_value (builder, duration_ms);
  add_regenerated (builder, entries);
  add_failures (builder, entries);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, TRUE);
}
