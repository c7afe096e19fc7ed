/* vitrine-feeds-intents.c: what the feeds ask of the feed mirror (docs/caches.md): per
 * image feed whose items are known, the image URLs of its current items, those the
 * worker refused for good (no image, too large) left out.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-cache-intent.h"
#include "vitrine-cache-revisions.h"
#include "vitrine-feeds-private.h"

static gboolean
same_urls (GPtrArray *a,
           GPtrArray *b)
{
  if (a == NULL || b == NULL || a->len != b->len)
    return a == b;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (a->pdata[i], b->pdata[i]) != 0)
      return FALSE;
  return TRUE;
}

/* @feed's items name @urls (of char *) now. */
void
_vitrine_feeds_set_wanted (VitrineFeeds     *self,
                           VitrineFeedEntry *feed,
                           GPtrArray        *urls)
{
  if (same_urls (feed->wanted, urls))
    return;
  g_clear_pointer (&feed->wanted, g_ptr_array_unref);
  feed->wanted = g_ptr_array_ref (urls);
  _vitrine_feeds_emit (self, VITRINE_FEEDS_INTENTS_CHANGED);
}

/* The worker refused @url for good. */
void
_vitrine_feeds_unwant (VitrineFeeds     *self,
                       VitrineFeedEntry *feed,
                       const char       *url)
{
  guint index;

  if (feed->wanted == NULL || !g_ptr_array_find_with_equal_func (feed->wanted, url, g_str_equal, &index))
    return;
  g_ptr_array_remove_index (feed->wanted, index);
  _vitrine_feeds_emit (self, VITRINE_FEEDS_INTENTS_CHANGED);
}

/*
 * The feeds' intents (of VitrineCacheIntent, free with the array): element "feeds", cache
 * "feeds", track_ref the feed's URL, profile "mirror", one per image feed whose items are
 * known, with the image URLs the mirror should hold. A feed not fetched yet has none: its
 * mirrored files are neither wanted nor extraneous until it is.
 */
GPtrArray *
vitrine_feeds_dup_intents (VitrineFeeds *self)
{
  GPtrArray *intents = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_cache_intent_free);
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (VITRINE_IS_FEEDS (self), intents);

  for (guint i = 0; i < self->feeds->len; i++)
    {
      VitrineFeedEntry *feed = self->feeds->pdata[i];
      g_autoptr(GPtrArray) urls = NULL;

      if (!feed->images || feed->wanted == NULL)
        continue;
      /* Borrowed: g_ptr_array_copy() would take the free function along. */
      urls = g_ptr_array_sized_new (feed->wanted->len + 1);
      for (guint j = 0; j < feed->wanted->len; j++)
        g_ptr_array_add (urls, feed->wanted->pdata[j]);
      g_ptr_array_add (urls, NULL);
      g_ptr_array_add (intents, vitrine_cache_intent_new ("feeds", "feeds", feed->url, VITRINE_CACHE_MIRROR_PROFILE,
                                                          (const char * const *) urls->pdata, now));
    }
  return intents;
}
