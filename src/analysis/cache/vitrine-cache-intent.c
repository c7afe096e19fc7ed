/* vitrine-cache-intent.c: intents and their memo.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-cache-intent.h"

struct _VitrineCacheIntentMemo
{
  GHashTable *hashes;   /* element id → hash */
};

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Sorted, without repeats. */
static GStrv
normalize_descriptors (const char * const *descriptors)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GPtrArray *unique = g_ptr_array_new ();

  for (guint i = 0; descriptors != NULL && descriptors[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) descriptors[i]);
  g_ptr_array_sort (sorted, compare_strings);
  for (guint i = 0; i < sorted->len; i++)
    if (i == 0 || strcmp (sorted->pdata[i], sorted->pdata[i - 1]) != 0)
      g_ptr_array_add (unique, g_strdup (sorted->pdata[i]));
  g_ptr_array_add (unique, NULL);
  return (GStrv) g_ptr_array_free (unique, FALSE);
}

static char *
format_iso8601 (gint64 unix_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_us / G_USEC_PER_SEC);

  if (time == NULL)
    return g_strdup ("1970-01-01T00:00:00Z");
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

VitrineCacheIntent *
vitrine_cache_intent_new (const char         *element_id,
                          const char         *cache,
                          const char         *track_ref,
                          const char         *profile_id,
                          const char * const *descriptors,
                          gint64              requested_unix_us)
{
  VitrineCacheIntent *intent = g_new0 (VitrineCacheIntent, 1);

  intent->element_id = g_strdup (element_id);
  intent->cache = g_strdup (cache);
  intent->track_ref = g_strdup (track_ref);
  intent->profile_id = g_strdup (profile_id);
  intent->descriptors = normalize_descriptors (descriptors);
  intent->requested_at = format_iso8601 (requested_unix_us);
  return intent;
}

VitrineCacheIntent *
vitrine_cache_intent_copy (const VitrineCacheIntent *intent)
{
  VitrineCacheIntent *copy = g_new0 (VitrineCacheIntent, 1);

  copy->element_id = g_strdup (intent->element_id);
  copy->cache = g_strdup (intent->cache);
  copy->track_ref = g_strdup (intent->track_ref);
  copy->profile_id = g_strdup (intent->profile_id);
  copy->descriptors = g_strdupv (intent->descriptors);
  copy->requested_at = g_strdup (intent->requested_at);
  return copy;
}

void
vitrine_cache_intent_free (VitrineCacheIntent *intent)
{
  if (intent == NULL)
    return;
  g_free (intent->element_id);
  g_free (intent->cache);
  g_free (intent->track_ref);
  g_free (intent->profile_id);
  g_strfreev (intent->descriptors);
  g_free (intent->requested_at);
  g_free (intent);
}

/* Each field with its length first, so no two different tuples hash the same input. */
static void
checksum_field (GChecksum  *checksum,
                const char *field)
{
  guint32 length = field != NULL ? (guint32) strlen (field) : G_MAXUINT32;

  g_checksum_update (checksum, (const guchar *) &length, sizeof length);
  if (field != NULL)
    g_checksum_update (checksum, (const guchar *) field, length);
}

char *
vitrine_cache_intent_hash (const VitrineCacheIntent *intent)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  checksum_field (checksum, intent->cache);
  checksum_field (checksum, intent->track_ref);
  checksum_field (checksum, intent->profile_id);
  for (guint i = 0; intent->descriptors[i] != NULL; i++)
    checksum_field (checksum, intent->descriptors[i]);
  return g_strdup (g_checksum_get_string (checksum));
}

VitrineCacheIntentMemo *
vitrine_cache_intent_memo_new (void)
{
  VitrineCacheIntentMemo *memo = g_new0 (VitrineCacheIntentMemo, 1);

  memo->hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return memo;
}

void
vitrine_cache_intent_memo_free (VitrineCacheIntentMemo *memo)
{
  if (memo == NULL)
    return;
  g_hash_table_unref (memo->hashes);
  g_free (memo);
}

gboolean
vitrine_cache_intent_memo_changed (VitrineCacheIntentMemo   *memo,
                                   const VitrineCacheIntent *intent)
{
  g_autofree char *hash = vitrine_cache_intent_hash (intent);
  const char *last = g_hash_table_lookup (memo->hashes, intent->element_id);

  if (g_strcmp0 (last, hash) == 0)
    return FALSE;
  g_hash_table_replace (memo->hashes, g_strdup (intent->element_id), g_steal_pointer (&hash));
  return TRUE;
}

void
vitrine_cache_intent_memo_forget (VitrineCacheIntentMemo *memo,
                                  const char             *element_id)
{
  g_hash_table_remove (memo->hashes, element_id);
}
