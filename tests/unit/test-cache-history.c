/* test-cache-history.c: the history's JSON lines round trip, bad lines are dropped, the
 * newest 1,000 are kept, and the summary manifest counts what it holds.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "vitrine-cache-history.h"

/* 2026-03-01T12:00:00Z */
#define T0 (G_GINT64_CONSTANT (1772366400) * G_USEC_PER_SEC)

static void
test_round_trip (void)
{
  const char *descriptors[] = { "/p/a.jpg|scaled:1280x720", "quote \" and \\ and é", NULL };
  g_autoptr(VitrineHistoryEntry) entry =
    vitrine_history_entry_new ("display-0", VITRINE_HISTORY_MANUAL_REGENERATE, descriptors, TRUE, 1234,
                               T0 + 567000);
  g_autoptr(VitrineHistoryEntry) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = vitrine_history_entry_to_json (entry);
  g_autofree char *again = NULL;

  g_assert_true (g_uuid_string_is_valid (entry->id));
  g_assert_cmpstr (entry->timestamp, ==, "2026-03-01T12:00:00.567Z");
  g_assert_null (strchr (line, '\n'));
  back = vitrine_history_entry_from_json (line, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->id, ==, entry->id);
  g_assert_cmpstr (back->timestamp, ==, entry->timestamp);
  g_assert_cmpstr (back->element_id, ==, "display-0");
  g_assert_cmpint (back->action, ==, VITRINE_HISTORY_MANUAL_REGENERATE);
  g_assert_cmpstrv (back->descriptor_ids, descriptors);
  g_assert_true (back->success);
  g_assert_cmpint (back->duration_ms, ==, 1234);
  again = vitrine_history_entry_to_json (back);
  g_assert_cmpstr (again, ==, line);
  /* The documented member names and values. */
  g_assert_nonnull (strstr (line, "\"action\":\"manual_regenerate\""));
  g_assert_nonnull (strstr (line, "\"status\":\"success\""));
  g_assert_nonnull (strstr (line, "\"duration_ms\":1234"));

  {
    g_autoptr(VitrineHistoryEntry) failed =
      vitrine_history_entry_new (NULL, VITRINE_HISTORY_DISMISSED, NULL, FALSE, -5, T0);
    g_autofree char *failed_line = vitrine_history_entry_to_json (failed);
    g_autoptr(VitrineHistoryEntry) failed_back = vitrine_history_entry_from_json (failed_line, NULL);

    g_assert_nonnull (failed_back);
    g_assert_cmpstr (failed_back->element_id, ==, "");
    g_assert_null (failed_back->descriptor_ids[0]);
    g_assert_false (failed_back->success);
    g_assert_cmpint (failed_back->duration_ms, ==, 0);
    g_assert_cmpint (failed_back->action, ==, VITRINE_HISTORY_DISMISSED);
    g_assert_nonnull (strstr (failed_line, "\"status\":\"failure\""));
  }
  /* Two entries get two ids. */
  {
    g_autoptr(VitrineHistoryEntry) other =
      vitrine_history_entry_new ("display-0", VITRINE_HISTORY_MANUAL_REGENERATE, descriptors, TRUE, 1234,
                                 T0 + 567000);

    g_assert_cmpstr (other->id, !=, entry->id);
  }
}

#define GOOD "{\"id\":\"0b6ae2c0-5c2a-4d6e-9c35-3f2a1e0b7a11\",\"timestamp\":\"2026-03-01T12:00:00Z\"," \
             "\"element_id\":\"feeds\",\"action\":\"auto_regenerate\",\"descriptor_ids\":[\"x\"]," \
             "\"status\":\"success\",\"duration_ms\":5}"

static const char * const bad_lines[] = {
  "",
  "not json",
  "[1,2]",
  "{}",
  "{\"id\":\"nope\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"element_id\":\"e\",\"action\":\"dismissed\","
  "\"descriptor_ids\":[],\"status\":\"success\",\"duration_ms\":1}",
  "{\"id\":\"0b6ae2c0-5c2a-4d6e-9c35-3f2a1e0b7a11\",\"timestamp\":\"yesterday\",\"element_id\":\"e\","
  "\"action\":\"dismissed\",\"descriptor_ids\":[],\"status\":\"success\",\"duration_ms\":1}",
  "{\"id\":\"0b6ae2c0-5c2a-4d6e-9c35-3f2a1e0b7a11\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"element_id\":\"e\","
  "\"action\":\"explode\",\"descriptor_ids\":[],\"status\":\"success\",\"duration_ms\":1}",
  "{\"id\":\"0b6ae2c0-5c2a-4d6e-9c35-3f2a1e0b7a11\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"element_id\":\"e\","
  "\"action\":\"dismissed\",\"descriptor_ids\":[1],\"status\":\"success\",\"duration_ms\":1}",
  "{\"id\":\"0b6ae2c0-5c2a-4d6e-9c35-3f2a1e0b7a11\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"element_id\":\"e\","
  "\"action\":\"dismissed\",\"descriptor_ids\":[],\"status\":\"maybe\",\"duration_ms\":1}",
  "{\"id\":\"0b6ae2c0-5c2a-4d6e-9c35-3f2a1e0b7a11\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"element_id\":\"e\","
  "\"action\":\"dismissed\",\"descriptor_ids\":[],\"status\":\"success\",\"duration_ms\":-1}",
  "{\"id\":\"0b6ae2c0-5c2a-4d6e-9c35-3f2a1e0b7a11\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"element_id\":\"e\","
  "\"action\":\"dismissed\",\"descriptor_ids\":\"x\",\"status\":\"success\",\"duration_ms\":1}",
  "{\"id\":\"0b6ae2c0-5c2a-4d6e-9c35-3f2a1e0b7a11\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"element_id\":7,"
  "\"action\":\"dismissed\",\"descriptor_ids\":[],\"status\":\"success\",\"duration_ms\":1}",
  "{\"id\":\"0b6ae2c0-5c2a-4d6e-9c35-3f2a1e0b7a11\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"element_id\":\"e\","
  "\"action\":\"dismissed\",\"descriptor_ids\":[[[[[\"deep\"]]]]],\"status\":\"success\",\"duration_ms\":1}",
  GOOD " trailing",
  "{\"id\":\"0b6ae2c0-5c2a-4d6e-9c35-3f2a1e0b7a11\",\"timestamp\":\"2026-03-01T12:00:00Z\",\"elem",
};

/* Every bad line is dropped and the good lines around it are kept. */
static void
test_bad_lines (void)
{
  GString *contents = g_string_new (GOOD "\n");
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *rewritten = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) nothing = vitrine_history_parse (NULL, 0);
  gsize length;

  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    {
      g_autoptr(GError) error = NULL;

      if (bad_lines[i][0] != '\0')
        {
          g_assert_null (vitrine_history_entry_from_json (bad_lines[i], &error));
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
        }
      g_string_append (contents, bad_lines[i]);
      g_string_append_c (contents, '\n');
    }
  /* A NUL byte and bytes that are not UTF-8 on lines of their own. */
  g_string_append_len (contents, "{\"a\0\":1}\n", 9);
  g_string_append (contents, "\xff\xfe\n");
  g_string_append (contents, GOOD);   /* the last line without its newline */
  length = contents->len;
  text = g_string_free (contents, FALSE);
  entries = vitrine_history_parse (text, length);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (((VitrineHistoryEntry *) entries->pdata[0])->element_id, ==, "feeds");
  g_assert_cmpint (((VitrineHistoryEntry *) entries->pdata[1])->action, ==, VITRINE_HISTORY_AUTO_REGENERATE);
  /* A rewrite keeps only the good lines. */
  rewritten = vitrine_history_append (text, length, NULL, VITRINE_CACHE_HISTORY_KEEP);
  {
    g_auto(GStrv) lines = g_strsplit (rewritten, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 3);
    g_assert_cmpstr (lines[2], ==, "");
  }
  g_assert_cmpuint (nothing->len, ==, 0);
}

static GPtrArray *
make_entries (guint  first,
              guint  n,
              gint64 start_us)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_history_entry_free);

  for (guint i = first; i < first + n; i++)
    {
      g_autofree char *element = g_strdup_printf ("element-%u", i);
      g_autofree char *descriptor = g_strdup_printf ("d%u", i % 7);
      const char *descriptors[] = { descriptor, NULL };

      g_ptr_array_add (entries, vitrine_history_entry_new (element,
                                                           i % 3 == 0 ? VITRINE_HISTORY_DISMISSED
                                                           : VITRINE_HISTORY_MANUAL_REGENERATE,
                                                           descriptors, i % 5 != 0, i,
                                                           start_us + (gint64) i * G_USEC_PER_SEC));
    }
  return entries;
}

/* 1,000 kept, the newest, oldest first; appending to a full file drops the oldest. */
static void
test_truncation (void)
{
  g_autoptr(GPtrArray) first = make_entries (0, 990, T0);
  g_autoptr(GPtrArray) second = make_entries (990, 25, T0);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autofree char *one = vitrine_history_append (NULL, 0, first, VITRINE_CACHE_HISTORY_KEEP);
  g_autofree char *two = NULL;

  parsed = vitrine_history_parse (one, strlen (one));
  g_assert_cmpuint (parsed->len, ==, 990);
  g_clear_pointer (&parsed, g_ptr_array_unref);

  two = vitrine_history_append (one, strlen (one), second, VITRINE_CACHE_HISTORY_KEEP);
  parsed = vitrine_history_parse (two, strlen (two));
  g_assert_cmpuint (parsed->len, ==, 1000);
  g_assert_cmpstr (((VitrineHistoryEntry *) parsed->pdata[0])->element_id, ==, "element-15");
  g_assert_cmpstr (((VitrineHistoryEntry *) parsed->pdata[999])->element_id, ==, "element-1014");
  g_assert_cmpstr (((VitrineHistoryEntry *) parsed->pdata[999])->id, ==,
                   ((VitrineHistoryEntry *) second->pdata[24])->id);
  for (guint i = 0; i < parsed->len; i++)
    {
      g_autofree char *expected = g_strdup_printf ("element-%u", i + 15);

      g_assert_cmpstr (((VitrineHistoryEntry *) parsed->pdata[i])->element_id, ==, expected);
    }
  /* A smaller keep, and more entries than it at once. */
  {
    g_autofree char *three = vitrine_history_append (two, strlen (two), second, 10);
    g_autoptr(GPtrArray) kept = vitrine_history_parse (three, strlen (three));

    g_assert_cmpuint (kept->len, ==, 10);
    g_assert_cmpstr (((VitrineHistoryEntry *) kept->pdata[0])->element_id, ==, "element-1005");
  }
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_summary (void)
{
  g_autoptr(GPtrArray) entries = make_entries (0, 30, T0);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) empty_parser = json_parser_new ();
  g_autofree char *summary = vitrine_history_summary_json (entries);
  g_autofree char *empty = vitrine_history_summary_json (none);
  JsonObject *object = parse_object (parser, summary);
  JsonObject *by_action = json_object_get_object_member (object, "by_action");
  JsonObject *by_status = json_object_get_object_member (object, "by_status");
  JsonArray *regenerated = json_object_get_array_member (object, "descriptors_regenerated");
  JsonArray *failures = json_object_get_array_member (object, "last_failures");
  JsonObject *empty_object = parse_object (empty_parser, empty);
  gint64 total = 0;

  for (guint i = 0; i < 30; i++)
    total += i;
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "vitrine-cache-history-summary");
  g_assert_cmpint (json_object_get_int_member (object, "entries"), ==, 30);
  g_assert_cmpstr (json_object_get_string_member (object, "first"), ==, "2026-03-01T12:00:00.000Z");
  g_assert_cmpstr (json_object_get_string_member (object, "last"), ==, "2026-03-01T12:00:29.000Z");
  /* i % 3 == 0 dismissed: 10 of 30. */
  g_assert_cmpint (json_object_get_int_member (by_action, "dismissed"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (by_action, "manual_regenerate"), ==, 20);
  g_assert_cmpint (json_object_get_int_member (by_action, "auto_regenerate"), ==, 0);
  /* i % 5 == 0 failed: 6 of 30. */
  g_assert_cmpint (json_object_get_int_member (by_status, "failure"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (by_status, "success"), ==, 24);
  g_assert_cmpint (json_object_get_int_member (object, "duration_ms"), ==, total);
  /* Successful regenerations (not 3k, not 5k) cover every d0..d6. */
  g_assert_cmpuint (json_array_get_length (regenerated), ==, 7);
  g_assert_cmpstr (json_array_get_string_element (regenerated, 0), ==, "d0");
  g_assert_cmpstr (json_array_get_string_element (regenerated, 6), ==, "d6");
  /* The newest failure first. */
  g_assert_cmpuint (json_array_get_length (failures), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (failures, 0), "element_id"),
                   ==, "element-25");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (failures, 0), "status"),
                   ==, "failure");

  g_assert_cmpint (json_object_get_int_member (empty_object, "entries"), ==, 0);
  g_assert_true (json_object_get_null_member (empty_object, "first"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (empty_object, "last_failures")), ==, 0);
}

static void
test_action_names (void)
{
  g_assert_cmpstr (vitrine_history_action_to_string (VITRINE_HISTORY_AUTO_REGENERATE), ==, "auto_regenerate");
  g_assert_cmpstr (vitrine_history_action_to_string (VITRINE_HISTORY_MANUAL_REGENERATE), ==,
                   "manual_regenerate");
  g_assert_cmpstr (vitrine_history_action_to_string (VITRINE_HISTORY_DISMISSED), ==, "dismissed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("History lines round trip, bad lines are dropped, 1,000 of the newest are kept.");
  g_test_add_func ("/Cache/History/round-trip", test_round_trip);
  g_test_add_func ("/Cache/History/bad-lines", test_bad_lines);
  g_test_add_func ("/Cache/History/truncation", test_truncation);
  g_test_add_func ("/Cache/History/summary", test_summary);
  g_test_add_func ("/Cache/History/action-names", test_action_names);
  return g_test_run ();
}
