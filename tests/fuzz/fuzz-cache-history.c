/* fuzz-cache-history.c: the cache history's file over arbitrary bytes. Every entry kept has
 * a UUID, an ISO 8601 timestamp, UTF-8 text, a known action and a duration of at least 0;
 * a rewrite keeps exactly those entries (the newest 1,000), and reading it back gives them
 * again, line for line.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-cache-history.h"
#include "vitrine-fuzz.h"

static void
check (const VitrineHistoryEntry *entry)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (entry->timestamp, NULL);

  g_assert_true (g_uuid_string_is_valid (entry->id));
  g_assert_nonnull (time);
  g_assert_true (g_utf8_validate (entry->element_id, -1, NULL));
  g_assert_cmpint (entry->action, <=, VITRINE_HISTORY_DISMISSED);
  g_assert_cmpint (entry->duration_ms, >=, 0);
  for (guint i = 0; entry->descriptor_ids[i] != NULL; i++)
    g_assert_true (g_utf8_validate (entry->descriptor_ids[i], -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *rewritten = NULL;
  g_autofree char *summary = NULL;
  guint first;

  vitrine_fuzz_init ();
  entries = vitrine_history_parse ((const char *) data, size);
  for (guint i = 0; i < entries->len; i++)
    check (entries->pdata[i]);

  rewritten = vitrine_history_append ((const char *) data, size, none, VITRINE_CACHE_HISTORY_KEEP);
  again = vitrine_history_parse (rewritten, strlen (rewritten));
  first = entries->len > VITRINE_CACHE_HISTORY_KEEP ? entries->len - VITRINE_CACHE_HISTORY_KEEP : 0;
  g_assert_cmpuint (again->len, ==, entries->len - first);
  for (guint i = 0; i < again->len; i++)
    {
      const VitrineHistoryEntry *a = again->pdata[i];
      const VitrineHistoryEntry *b = entries->pdata[first + i];

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->element_id, ==, b->element_id);
      g_assert_cmpint (a->success, ==, b->success);
      g_assert_cmpint (a->duration_ms, ==, b->duration_ms);
      g_assert_cmpuint (g_strv_length (a->descriptor_ids), ==, g_strv_length (b->descriptor_ids));
    }
  summary = vitrine_history_summary_json (entries);
  g_assert_true (g_utf8_validate (summary, -1, NULL));
  return 0;
}
