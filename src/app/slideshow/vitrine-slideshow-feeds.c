/* vitrine-slideshow-feeds.c: feed images in the slideshow (issue 11 item 4). Mirrored
 * images come from VitrineFeeds as paths, which the image worker decodes like local
 * photos. Each forward pick asks the mix (vitrine-feed-mix.h) whether it is a local or a
 * feed image, by the "feed-ratio" key and the small-pool rule; a feed pick avoids the
 * last 15 feed images and prefers another domain than the last one's, a local pick the
 * last 5. Going back walks the local history only.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-slideshow-private.h"

void
_vitrine_slideshow_feeds_init (VitrineSlideshow *self)
{
  self->mix = vitrine_feed_mix_new (g_random_int ());
  self->feed_paths = g_ptr_array_new_with_free_func (g_free);
  self->feed_urls = g_ptr_array_new_with_free_func (g_free);
}

void
_vitrine_slideshow_feeds_clear (VitrineSlideshow *self)
{
  if (self->feeds != NULL)
    g_signal_handlers_disconnect_by_data (self->feeds, self);
  g_clear_object (&self->feeds);
  g_clear_pointer (&self->mix, vitrine_feed_mix_free);
  g_clear_pointer (&self->feed_paths, g_ptr_array_unref);
  g_clear_pointer (&self->feed_urls, g_ptr_array_unref);
}

void
_vitrine_slideshow_feed_share_changed (VitrineSlideshow *self)
{
  vitrine_feed_mix_set_share (self->mix, g_settings_get_double (self->sources, "feed-ratio"));
}

/* The feed image to show next, among those not skipped; NULL when none is left. */
static const char *
next_feed (VitrineSlideshow *self)
{
  g_autoptr(GPtrArray) urls = g_ptr_array_new ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  int index;

  for (guint i = 0; i < self->feed_paths->len; i++)
    if (!g_hash_table_contains (self->skipped_set, self->feed_paths->pdata[i]))
      {
        g_ptr_array_add (paths, self->feed_paths->pdata[i]);
        g_ptr_array_add (urls, self->feed_urls->pdata[i]);
      }
  if (paths->len == 0)
    return NULL;
  index = vitrine_feed_mix_choose_feed (self->mix, (const char * const *) urls->pdata, urls->len);
  if (index < 0 || (guint) index >= paths->len)
    return NULL;
  vitrine_feed_mix_note_feed (self->mix, urls->pdata[index]);
  return paths->pdata[index];
}

/* The next path for a display showing from @local: a local or a feed image, as the mix
 * decides; NULL when there is none. */
const char *
_vitrine_slideshow_next_path (VitrineSlideshow *self,
                              VitrineSelection *local)
{
  guint n_local = vitrine_selection_get_size (local);
  guint n_feed = self->feed_paths != NULL ? self->feed_paths->len : 0;
  const char *path;

  if (n_feed == 0)
    return vitrine_selection_next (local);
  switch (vitrine_feed_mix_choose_source (self->mix, n_local, n_feed))
    {
    case VITRINE_FEED_MIX_PICK_FEED:
      path = next_feed (self);
      return path != NULL ? path : vitrine_selection_next (local);
    case VITRINE_FEED_MIX_PICK_LOCAL:
      path = vitrine_selection_next (local);
      if (path != NULL)
        vitrine_feed_mix_note_local (self->mix, path);
      return path != NULL ? path : next_feed (self);
    case VITRINE_FEED_MIX_PICK_NONE:
    default:
      return NULL;
    }
}

static void
images_changed_cb (VitrineFeeds     *feeds,
                   VitrineSlideshow *self)
{
  GPtrArray *images = vitrine_feeds_get_images (feeds);

  g_ptr_array_set_size (self->feed_paths, 0);
  g_ptr_array_set_size (self->feed_urls, 0);
  for (guint i = 0; i < images->len; i++)
    {
      const VitrineFeedImage *image = images->pdata[i];

      g_ptr_array_add (self->feed_paths, g_strdup (image->path));
      g_ptr_array_add (self->feed_urls, g_strdup (image->url));
    }
  if (self->feed_paths->len > 0)
    _vitrine_slideshow_set_notice (self, NULL);
  _vitrine_slideshow_start_idle_displays (self);
}

/* Feed images join the slideshow from @feeds from now on. */
void
vitrine_slideshow_set_feeds (VitrineSlideshow *self,
                             VitrineFeeds     *feeds)
{
  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));
  g_return_if_fail (VITRINE_IS_FEEDS (feeds));

  if (self->feeds != NULL)
    g_signal_handlers_disconnect_by_data (self->feeds, self);
  g_set_object (&self->feeds, feeds);
  g_signal_connect (feeds, "images-changed", G_CALLBACK (images_changed_cb), self);
  _vitrine_slideshow_feed_share_changed (self);
  images_changed_cb (feeds, self);
}
