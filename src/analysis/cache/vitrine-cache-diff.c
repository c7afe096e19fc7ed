/* vitrine-cache-diff.c: requested descriptors against a cache's metadata.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-cache-diff.h"

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The keys of @set, sorted, as a GStrv. */
static GStrv
set_to_strv (GHashTable *set)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  GPtrArray *strv;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  strv = g_ptr_array_new_full (keys->len + 1, NULL);
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (strv, g_strdup (keys->pdata[i]));
  g_ptr_array_add (strv, NULL);
  return (GStrv) g_ptr_array_free (strv, FALSE);
}

static gboolean
entry_is_current (const VitrineCacheEntryMeta *entry,
                  const char                  *wanted_revision)
{
  /* An entry of unknown revision, or a profile with no revision, is never current. */
  return entry->revision != NULL && wanted_revision != NULL
         && strcmp (entry->revision, wanted_revision) == 0;
}

VitrineCacheDiff *
vitrine_cache_diff_compute (const char * const          *requested,
                            const VitrineCacheEntryMeta *entries,
                            guint                        n_entries,
                            const char                  *wanted_revision)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) cached = g_hash_table_new (g_str_hash, g_str_equal);
  /* A descriptor cached twice is current when any copy has the wanted revision. */
  g_autoptr(GHashTable) fresh = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) current = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) missing = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) stale = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) extraneous = g_hash_table_new (g_str_hash, g_str_equal);
  VitrineCacheDiff *diff = g_new0 (VitrineCacheDiff, 1);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; requested != NULL && requested[i] != NULL; i++)
    g_hash_table_add (wanted, (gpointer) requested[i]);
  for (guint i = 0; i < n_entries; i++)
    {
      if (entries[i].descriptor == NULL)
        continue;
      g_hash_table_add (cached, (gpointer) entries[i].descriptor);
      if (entry_is_current (&entries[i], wanted_revision))
        g_hash_table_add (fresh, (gpointer) entries[i].descriptor);
    }

  g_hash_table_iter_init (&iter, wanted);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_hash_table_contains (cached, key))
        g_hash_table_add (missing, key);
      else if (g_hash_table_contains (fresh, key))
        g_hash_table_add (current, key);
      else
        g_hash_table_add (stale, key);
    }
  g_hash_table_iter_init (&iter, cached);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (wanted, key))
      g_hash_table_add (extraneous, key);

  diff->requested = set_to_strv (wanted);
  diff->cached = set_to_strv (cached);
  diff->current = set_to_strv (current);
  diff->missing = set_to_strv (missing);
  diff->stale = set_to_strv (stale);
  diff->extraneous = set_to_strv (extraneous);
  return diff;
}

void
vitrine_cache_diff_free (VitrineCacheDiff *diff)
{
  if (diff == NULL)
    return;
  g_strfreev (diff->requested);
  g_strfreev (diff->cached);
  g_strfreev (diff->current);
  g_strfreev (diff->missing);
  g_strfreev (diff->stale);
  g_strfreev (diff->extraneous);
  g_free (diff);
}

guint
vitrine_cache_diff_pending (const VitrineCacheDiff *diff)
{
  return g_strv_length (diff->missing) + g_strv_length (diff->stale);
}

gboolean
vitrine_cache_diff_is_empty (const VitrineCacheDiff *diff)
{
  return vitrine_cache_diff_pending (diff) == 0;
}

/* Binary search in a sorted GStrv. */
static gboolean
sorted_contains (GStrv       strv,
                 const char *needle)
{
  guint low = 0;
  guint high = g_strv_length (strv);

  while (low < high)
    {
      guint middle = low + (high - low) / 2;
      int order = strcmp (strv[middle], needle);

      if (order == 0)
        return TRUE;
      if (order < 0)
        low = middle + 1;
      else
        high = middle;
    }
  return FALSE;
}

VitrineCacheStatus
vitrine_cache_diff_status (const VitrineCacheDiff *diff,
                           const char             *descriptor)
{
  if (sorted_contains (diff->current, descriptor))
    return VITRINE_CACHE_STATUS_CURRENT;
  if (sorted_contains (diff->stale, descriptor))
    return VITRINE_CACHE_STATUS_STALE;
  if (sorted_contains (diff->extraneous, descriptor))
    return VITRINE_CACHE_STATUS_EXTRANEOUS;
  /* Requested and not cached, or not known at all: nothing holds it. */
  return VITRINE_CACHE_STATUS_MISSING;
}

const char *
vitrine_cache_status_to_string (VitrineCacheStatus status)
{
  switch (status)
    {
    case VITRINE_CACHE_STATUS_CURRENT:
      return "current";
    case VITRINE_CACHE_STATUS_MISSING:
      return "missing";
    case VITRINE_CACHE_STATUS_STALE:
      return "stale";
    case VITRINE_CACHE_STATUS_EXTRANEOUS:
      return "extraneous";
    default:
      g_assert_not_reached ();
    }
}
