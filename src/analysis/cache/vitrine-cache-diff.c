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

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const VitrineCacheEntryMeta *x = *(const VitrineCacheEntryMeta * const *) a;
  const VitrineCacheEntryMeta *y = *(const VitrineCacheEntryMeta * const *) b;

  return strcmp (x->descriptor, y->descriptor);
}

static gboolean
entry_is_current (const VitrineCacheEntryMeta *entry,
                  const char                  *wanted_revision)
{
  /* An entry of unknown revision, or a profile with no revision, is never current. */
  return entry->revision != NULL && wanted_revision != NULL
         && strcmp (entry->revision, wanted_revision) == 0;
}

static void
take (GPtrArray  *list,
      const char *descriptor)
{
  g_ptr_array_add (list, g_strdup (descriptor));
}

static GStrv
finish (GPtrArray *list)
{
  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_free (list, FALSE);
}

/*
 * Both sides sorted, then merged in one pass: a photo library's thousands of entries cost
 * two sorts and no hashing, and every list comes out sorted.
 */
VitrineCacheDiff *
vitrine_cache_diff_compute (const char * const          *requested,
                            const VitrineCacheEntryMeta *entries,
                            guint                        n_entries,
                            const char                  *wanted_revision)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GPtrArray) held = g_ptr_array_sized_new (n_entries);
  GPtrArray *out_requested = g_ptr_array_new ();
  GPtrArray *out_cached = g_ptr_array_new ();
  GPtrArray *current = g_ptr_array_new ();
  GPtrArray *missing = g_ptr_array_new ();
  GPtrArray *stale = g_ptr_array_new ();
  GPtrArray *extraneous = g_ptr_array_new ();
  VitrineCacheDiff *diff = g_new0 (VitrineCacheDiff, 1);
  guint i = 0, j = 0;

  for (guint k = 0; requested != NULL && requested[k] != NULL; k++)
    g_ptr_array_add (wanted, (gpointer) requested[k]);
  g_ptr_array_sort (wanted, compare_strings);
  for (guint k = 0; k < n_entries; k++)
    if (entries[k].descriptor != NULL)
      g_ptr_array_add (held, (gpointer) &entries[k]);
  g_ptr_array_sort (held, compare_entries);

  while (i < wanted->len || j < held->len)
    {
      const char *want = i < wanted->len ? wanted->pdata[i] : NULL;
      const char *have = j < held->len ? ((const VitrineCacheEntryMeta *) held->pdata[j])->descriptor : NULL;
      int order = want == NULL ? 1 : have == NULL ? -1 : strcmp (want, have);
      gboolean fresh = FALSE;
      const char *descriptor = order <= 0 ? want : have;

      /* Every copy of the descriptor on either side; cached twice, any current copy counts. */
      while (i < wanted->len && order <= 0 && strcmp (wanted->pdata[i], descriptor) == 0)
        i++;
      while (order >= 0 && j < held->len
             && strcmp (((const VitrineCacheEntryMeta *) held->pdata[j])->descriptor, descriptor) == 0)
        fresh |= entry_is_current (held->pdata[j++], wanted_revision);

      if (order <= 0)
        take (out_requested, descriptor);
      if (order >= 0)
        take (out_cached, descriptor);
      if (order < 0)
        take (missing, descriptor);
      else if (order > 0)
        take (extraneous, descriptor);
      else
        take (fresh ? current : stale, descriptor);
    }
  diff->requested = finish (out_requested);
  diff->cached = finish (out_cached);
  diff->current = finish (current);
  diff->missing = finish (missing);
  diff->stale = finish (stale);
  diff->extraneous = finish (extraneous);
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
