/* vitrine-cache-names.c: names, order and filter of the Caches page (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "vitrine-cache-names.h"

/* The last non-empty '/' segment of @text (a URL's unescaped), without a URL's query or fragment;
 * a URL's host, or @text itself, when it has none. */
static char *
last_segment (const char *text)
{
  const char *scheme = strstr (text, "://");
  const char *start = scheme != NULL ? scheme + 3 : text;
  g_autofree char *path = g_strndup (start, strcspn (start, scheme != NULL ? "?#" : ""));
  gsize length = strlen (path);
  char *slash;

  while (length > 1 && path[length - 1] == '/')
    path[--length] = '\0';
  slash = strrchr (path, '/');
  if (slash != NULL && slash[1] != '\0')
    {
      char *unescaped = scheme != NULL ? g_uri_unescape_string (slash + 1, NULL) : NULL;

      return unescaped != NULL ? unescaped : g_strdup (slash + 1);
    }
  return g_steal_pointer (&path);
}

static char *
make_valid (char *text)
{
  char *valid = g_utf8_make_valid (text, -1);

  g_free (text);
  return valid;
}

char *
vitrine_cache_short_descriptor (const char *descriptor)
{
  const char *scaled;
  guint width = 0, height = 0;
  char tail = '\0';

  g_return_val_if_fail (descriptor != NULL, NULL);

  scaled = g_strrstr (descriptor, "|scaled:");
  if (scaled != NULL && sscanf (scaled + 8, "%ux%u%c", &width, &height, &tail) == 2)
    {
      g_autofree char *path = g_strndup (descriptor, scaled - descriptor);
      g_autofree char *name = last_segment (path);

      return make_valid (g_strdup_printf ("%s · %u×%u", name, width, height));
    }
  if (strstr (descriptor, "://") != NULL || descriptor[0] == '/')
    return make_valid (last_segment (descriptor));
  return make_valid (g_strdup (descriptor));
}

char *
vitrine_cache_short_track_ref (const char *track_ref)
{
  g_return_val_if_fail (track_ref != NULL, NULL);

  if (track_ref[0] == '/')
    return make_valid (last_segment (track_ref));
  return make_valid (g_strdup (track_ref));
}

char *
vitrine_cache_sort_key (const char *label)
{
  g_return_val_if_fail (label != NULL, NULL);

  return g_utf8_collate_key_for_filename (label, -1);
}

gboolean
vitrine_cache_filter_accepts (VitrineCachesFilter filter,
                              VitrineCacheStatus  status)
{
  switch (filter)
    {
    case VITRINE_CACHES_FILTER_PENDING:
      return status == VITRINE_CACHE_STATUS_MISSING || status == VITRINE_CACHE_STATUS_STALE;
    case VITRINE_CACHES_FILTER_EXTRANEOUS:
      return status == VITRINE_CACHE_STATUS_EXTRANEOUS;
    case VITRINE_CACHES_FILTER_ALL:
    default:
      return TRUE;
    }
}

static int
status_rank (VitrineCacheStatus status)
{
  switch (status)
    {
    case VITRINE_CACHE_STATUS_MISSING:
      return 0;
    case VITRINE_CACHE_STATUS_STALE:
      return 1;
    case VITRINE_CACHE_STATUS_EXTRANEOUS:
      return 2;
    case VITRINE_CACHE_STATUS_CURRENT:
    default:
      return 3;
    }
}

int
vitrine_cache_entry_compare (const VitrineCacheEntryView *a,
                             const VitrineCacheEntryView *b,
                             VitrineCachesSort            sort)
{
  int by_name = a->sort_key != NULL && b->sort_key != NULL ? strcmp (a->sort_key, b->sort_key)
                                                          : g_utf8_collate (a->label, b->label);

  if (by_name == 0)
    by_name = strcmp (a->descriptor, b->descriptor);
  switch (sort)
    {
    case VITRINE_CACHES_SORT_STATUS:
      if (status_rank (a->status) != status_rank (b->status))
        return status_rank (a->status) - status_rank (b->status);
      return by_name;
    case VITRINE_CACHES_SORT_ANALYSED:
      if (a->analysed_unix != b->analysed_unix)
        {
          if (a->analysed_unix == 0 || b->analysed_unix == 0)
            return a->analysed_unix == 0 ? 1 : -1;
          return a->analysed_unix > b->analysed_unix ? -1 : 1;
        }
      return by_name;
    case VITRINE_CACHES_SORT_NAME:
    default:
      return by_name;
    }
}
