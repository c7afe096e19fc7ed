/* vitrine-image-cache.c: a byte-budgeted LRU of prescaled images (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-image-cache.h"

typedef struct
{
  VitrineCachedImage  image;
  char               *key;
  GList               link;   /* in lru, newest first; data is the entry */
} Entry;

struct _VitrineImageCache
{
  GHashTable *entries;        /* key → Entry */
  GQueue      lru;
  gsize       bytes;
  gsize       budget;
  guint       evictions;
};

/*
 * "path|scaled:WxH" (the seed's format) and "|p" with a hash of the scaling profile, so a
 * change of mode or sharpening never serves pixels made for the old one.
 */
char *
vitrine_image_cache_key (const char       *path,
                         guint             width,
                         guint             height,
                         VitrineScaleMode  mode,
                         gboolean          sharpen)
{
  g_autofree char *profile = g_strdup_printf ("v1;mode=%d;sharpen=%d", mode, !!sharpen);

  return g_strdup_printf ("%s|scaled:%ux%u|p%08x", path, width, height, g_str_hash (profile));
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_bytes_unref (entry->image.pixels);
  g_free (entry->key);
  g_free (entry);
}

VitrineImageCache *
vitrine_image_cache_new (gsize budget)
{
  VitrineImageCache *self = g_new0 (VitrineImageCache, 1);

  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  g_queue_init (&self->lru);
  self->budget = budget;
  return self;
}

void
vitrine_image_cache_free (VitrineImageCache *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->entries);
  g_free (self);
}

static void
remove_entry (VitrineImageCache *self,
              Entry             *entry)
{
  g_queue_unlink (&self->lru, &entry->link);
  self->bytes -= g_bytes_get_size (entry->image.pixels);
  g_hash_table_remove (self->entries, entry->key);
}

static void
evict (VitrineImageCache *self)
{
  while (self->bytes > self->budget && self->lru.tail != NULL)
    {
      remove_entry (self, self->lru.tail->data);
      self->evictions++;
    }
}

void
vitrine_image_cache_set_budget (VitrineImageCache *self,
                                gsize              budget)
{
  self->budget = budget;
  evict (self);
}

/*
 * Adds or replaces @key, newest first, then evicts from the oldest end until the budget
 * holds. An image larger than the whole budget is not kept; returns whether it was.
 */
gboolean
vitrine_image_cache_insert (VitrineImageCache *self,
                            const char        *key,
                            GBytes            *pixels,
                            guint              width,
                            guint              height,
                            guint              stride)
{
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry != NULL)
    remove_entry (self, entry);
  if (g_bytes_get_size (pixels) > self->budget)
    return FALSE;

  entry = g_new0 (Entry, 1);
  entry->key = g_strdup (key);
  entry->image = (VitrineCachedImage) { g_bytes_ref (pixels), width, height, stride };
  entry->link.data = entry;
  g_hash_table_insert (self->entries, entry->key, entry);
  g_queue_push_head_link (&self->lru, &entry->link);
  self->bytes += g_bytes_get_size (pixels);
  evict (self);
  return TRUE;
}

/* The entry for @key, now the most recently used; NULL when absent. */
const VitrineCachedImage *
vitrine_image_cache_lookup (VitrineImageCache *self,
                            const char        *key)
{
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry == NULL)
    return NULL;
  g_queue_unlink (&self->lru, &entry->link);
  g_queue_push_head_link (&self->lru, &entry->link);
  return &entry->image;
}

/* Whether @key is cached, without touching its age. */
gboolean
vitrine_image_cache_contains (VitrineImageCache *self,
                              const char        *key)
{
  return g_hash_table_contains (self->entries, key);
}

guint
vitrine_image_cache_get_n_entries (VitrineImageCache *self)
{
  return g_hash_table_size (self->entries);
}

gsize
vitrine_image_cache_get_bytes (VitrineImageCache *self)
{
  return self->bytes;
}

gsize
vitrine_image_cache_get_budget (VitrineImageCache *self)
{
  return self->budget;
}

guint
vitrine_image_cache_get_evictions (VitrineImageCache *self)
{
  return self->evictions;
}
