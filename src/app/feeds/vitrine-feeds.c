/* vitrine-feeds.c: the object, the feeds the settings name, and the schedule.
 *
 * Once a second the schedule looks for the next thing to ask the feed worker, and asks
 * only when nothing is on its way (the role has one request in flight, and a full queue
 * would drop requests): first the mirror's list, once, so the newest mirrored images show
 * before the network is asked; then the weather, when due; then a feed that is due and
 * not paused; then the image downloads, highest domain priority first, skipping hosts
 * that asked to be left alone. The worker spaces requests to one host 3 s apart.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-feeds-private.h"

static guint signals[VITRINE_FEEDS_N_SIGNALS];

G_DEFINE_FINAL_TYPE (VitrineFeeds, vitrine_feeds, G_TYPE_OBJECT)

double
_vitrine_feeds_now (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

void
_vitrine_feed_image_free (gpointer data)
{
  VitrineFeedImage *image = data;

  g_free (image->path);
  g_free (image->url);
  g_free (image->feed);
  g_free (image);
}

void
_vitrine_headline_free (gpointer data)
{
  VitrineHeadline *headline = data;

  g_free (headline->title);
  g_free (headline->link);
  g_free (headline->source);
  g_free (headline);
}

void
vitrine_feed_info_free (VitrineFeedInfo *info)
{
  g_free (info->url);
  g_free (info->state);
  g_free (info->title);
  g_free (info->last_error);
  g_free (info);
}

static void
feed_entry_free (gpointer data)
{
  VitrineFeedEntry *feed = data;

  g_free (feed->url);
  g_free (feed->json_path);
  g_free (feed->title);
  g_free (feed->etag);
  g_free (feed->last_modified);
  g_free (feed->last_error);
  g_ptr_array_unref (feed->headlines);
  g_ptr_array_unref (feed->fresh);
  g_clear_pointer (&feed->wanted, g_ptr_array_unref);
  g_free (feed);
}

/* "URL" or "URL JSONPATH", as the feeds key keeps them. */
static VitrineFeedEntry *
feed_entry_new (const char *spec,
                gboolean    images)
{
  VitrineFeedEntry *feed = g_new0 (VitrineFeedEntry, 1);
  g_autofree char *stripped = g_strstrip (g_strdup (spec));
  g_auto(GStrv) parts = g_strsplit (stripped, " ", 2);

  feed->url = g_strdup (parts[0] != NULL ? parts[0] : "");
  feed->json_path = parts[0] != NULL && parts[1] != NULL ? g_strstrip (g_strdup (parts[1])) : NULL;
  feed->images = images;
  feed->ttl_s = -1;
  feed->next_fetch = -G_MAXDOUBLE;
  vitrine_feed_health_init (&feed->health);
  feed->headlines = g_ptr_array_new_with_free_func (_vitrine_headline_free);
  feed->fresh = g_ptr_array_new_with_free_func (_vitrine_feed_image_free);
  return feed;
}

/* The feeds the settings name now; what was known of one that stays is kept. */
static void
load_feeds (VitrineFeeds *self)
{
  g_auto(GStrv) images = g_settings_get_strv (self->sources, "feeds");
  g_auto(GStrv) headlines = g_settings_get_strv (self->widgets, "headlines-feeds");
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->feeds);
  GStrv lists[] = { images, headlines };

  self->feeds = g_ptr_array_new_with_free_func (feed_entry_free);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l][i] != NULL; i++)
      {
        VitrineFeedEntry *feed = feed_entry_new (lists[l][i], l == 0);

        if (*feed->url == '\0')
          {
            feed_entry_free (feed);
            continue;
          }
        feed->id = ++self->last_feed_id;
        for (guint j = 0; old != NULL && j < old->len; j++)
          {
            VitrineFeedEntry *known = old->pdata[j];

            if (g_str_equal (known->url, feed->url) && known->images == feed->images &&
                g_strcmp0 (known->json_path, feed->json_path) == 0)
              {
                feed_entry_free (feed);
                feed = g_ptr_array_steal_index (old, j);
                break;
              }
          }
        g_ptr_array_add (self->feeds, feed);
      }
  /* Images of feeds that went away leave the slideshow (their files stay mirrored). */
  if (self->images != NULL)
    {
      guint before = self->images->len;

      for (guint i = self->images->len; i > 0; i--)
        {
          VitrineFeedImage *image = self->images->pdata[i - 1];
          gboolean kept = FALSE;

          for (guint f = 0; f < self->feeds->len && !kept; f++)
            kept = ((VitrineFeedEntry *) self->feeds->pdata[f])->images &&
                   g_str_equal (((VitrineFeedEntry *) self->feeds->pdata[f])->url, image->feed);
          if (!kept)
            g_ptr_array_remove_index (self->images, i - 1);
        }
      if (self->images->len != before)
        g_signal_emit (self, signals[VITRINE_FEEDS_IMAGES_CHANGED], 0);
    }
  /* So do their headlines. */
  if (self->headlines != NULL && self->headlines->len > 0)
    _vitrine_feeds_merge_headlines (self);
  /* Downloads for feeds that went away are dropped. */
  for (guint i = self->mirror_jobs->len; i > 0; i--)
    {
      VitrineMirrorJob *job = self->mirror_jobs->pdata[i - 1];

      if (!g_ptr_array_find (self->feeds, job->feed, NULL))
        g_ptr_array_remove_index (self->mirror_jobs, i - 1);
    }
  g_signal_emit (self, signals[VITRINE_FEEDS_FEEDS_CHANGED], 0);
  g_signal_emit (self, signals[VITRINE_FEEDS_INTENTS_CHANGED], 0);
}

/* The feed of @id, or NULL when the settings dropped it meanwhile. */
VitrineFeedEntry *
_vitrine_feeds_lookup (VitrineFeeds *self,
                       guint64       id)
{
  for (guint i = 0; self->feeds != NULL && i < self->feeds->len; i++)
    if (((VitrineFeedEntry *) self->feeds->pdata[i])->id == id)
      return self->feeds->pdata[i];
  return NULL;
}

void
_vitrine_feeds_send (VitrineFeeds        *self,
                     GVariant            *request,
                     GAsyncReadyCallback  callback,
                     gpointer             data)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (request);

  self->in_flight = TRUE;
  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_FEED, owned,
                                    self->cancellable, callback, data);
}

static gboolean
host_held (VitrineFeeds *self,
           const char   *url,
           double        now)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  gpointer until;

  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      !g_hash_table_lookup_extended (self->held_hosts, g_uri_get_host (uri), NULL, &until))
    return FALSE;
  return now < *(double *) until;
}

static gboolean
weather_due (VitrineFeeds *self,
             double        now)
{
  g_autofree char *place = g_settings_get_string (self->widgets, "weather-location");

  return g_settings_get_boolean (self->widgets, "weather-enabled") && *g_strstrip (place) != '\0' &&
         (now >= self->weather_next || g_strcmp0 (place, self->weather_place) != 0);
}

static gboolean
tick_cb (gpointer data)
{
  VitrineFeeds *self = data;
  double now = _vitrine_feeds_now ();

  if (self->in_flight)
    return G_SOURCE_CONTINUE;
  if (!self->listed)
    {
      /* Nothing else before the list: the mirror's photos come first. */
      if (now >= self->list_retry)
        _vitrine_feeds_list_mirror (self);
      return G_SOURCE_CONTINUE;
    }
  if (weather_due (self, now))
    {
      _vitrine_feeds_fetch_weather (self);
      return G_SOURCE_CONTINUE;
    }
  for (guint i = 0; i < self->feeds->len; i++)
    {
      VitrineFeedEntry *feed = self->feeds->pdata[i];

      if (!feed->images && !g_settings_get_boolean (self->widgets, "headlines-enabled"))
        continue;
      if (now >= feed->next_fetch && vitrine_feed_health_due (&feed->health, now) &&
          !host_held (self, feed->url, now))
        {
          _vitrine_feeds_fetch_feed (self, feed);
          return G_SOURCE_CONTINUE;
        }
    }
  for (guint i = 0; i < self->mirror_jobs->len; i++)
    {
      VitrineMirrorJob *job = self->mirror_jobs->pdata[i];

      if (!host_held (self, job->url, now))
        {
          _vitrine_feeds_mirror_next (self, g_ptr_array_steal_index (self->mirror_jobs, i));
          return G_SOURCE_CONTINUE;
        }
    }
  return G_SOURCE_CONTINUE;
}

/* The save folder is the feed role's one writable folder beyond its own: its sandbox is
 * set at spawn, so the supervisor names it on the command line (and restarts the role
 * when it changes). */
static void
apply_save_folder (VitrineFeeds *self)
{
  g_autofree char *folder = g_settings_get_string (self->sources, "feed-save-folder");
  g_autofree char *expanded = NULL;

  g_strstrip (folder);
  if (g_str_has_prefix (folder, "~/"))
    expanded = g_build_filename (g_get_home_dir (), folder + 2, NULL);
  else if (*folder != '\0' && g_path_is_absolute (folder))
    expanded = g_strdup (folder);
  vitrine_supervisor_set_writable (self->supervisor, VITRINE_WORKER_ROLE_FEED, expanded);
}

static void
settings_changed_cb (GSettings    *settings,
                     const char   *key,
                     VitrineFeeds *self)
{
  if (g_str_equal (key, "feed-save-folder"))
    apply_save_folder (self);
  else if (g_str_equal (key, "feeds") || g_str_equal (key, "headlines-feeds"))
    {
      load_feeds (self);
      self->listed = FALSE;
    }
  else if (g_str_has_prefix (key, "weather-"))
    self->weather_next = -G_MAXDOUBLE;
}

/* Starts the schedule; the first thing asked is the mirror's list. */
void
vitrine_feeds_start (VitrineFeeds *self)
{
  g_return_if_fail (VITRINE_IS_FEEDS (self));

  if (self->tick_id != 0)
    return;
  self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
  tick_cb (self);
}

/* The mirrored images offered now (VitrineFeedImage, owned by @self). */
GPtrArray *
vitrine_feeds_get_images (VitrineFeeds *self)
{
  g_return_val_if_fail (VITRINE_IS_FEEDS (self), NULL);

  return self->images;
}

/* Every headline feed's items, newest first (VitrineHeadline, owned by @self). */
GPtrArray *
vitrine_feeds_get_headlines (VitrineFeeds *self)
{
  g_return_val_if_fail (VITRINE_IS_FEEDS (self), NULL);

  return self->headlines;
}

/* The last weather (the feed worker's "weather" reply, a{sv}), or NULL. */
GVariant *
vitrine_feeds_get_weather (VitrineFeeds *self)
{
  g_return_val_if_fail (VITRINE_IS_FEEDS (self), NULL);

  return self->weather;
}

/* Why the last weather request brought no weather, or was answered from the cache; NULL
 * when the network answered. */
const char *
vitrine_feeds_get_weather_error (VitrineFeeds *self)
{
  g_return_val_if_fail (VITRINE_IS_FEEDS (self), NULL);

  return self->weather_error;
}

/* Each feed's state for the settings editor (VitrineFeedInfo, new). */
GPtrArray *
vitrine_feeds_dup_feed_info (VitrineFeeds *self)
{
  GPtrArray *infos = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_feed_info_free);
  double now = _vitrine_feeds_now ();

  g_return_val_if_fail (VITRINE_IS_FEEDS (self), infos);

  for (guint i = 0; i < self->feeds->len; i++)
    {
      VitrineFeedEntry *feed = self->feeds->pdata[i];
      VitrineFeedInfo *info = g_new0 (VitrineFeedInfo, 1);

      info->url = g_strdup (feed->url);
      info->images = feed->images;
      info->state = g_strdup (_vitrine_feed_entry_state (feed, now));
      info->title = g_strdup (feed->title);
      info->last_fetch_unix = feed->last_fetch_unix;
      info->n_items = feed->n_items;
      info->n_mirrored = feed->n_mirrored;
      info->mirrored_bytes = feed->mirrored_bytes;
      info->failures = feed->health.failures;
      info->last_error = g_strdup (feed->last_error);
      g_ptr_array_add (infos, info);
    }
  return infos;
}

static void
vitrine_feeds_dispose (GObject *object)
{
  VitrineFeeds *self = VITRINE_FEEDS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->sources != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sources, self);
      g_signal_handlers_disconnect_by_data (self->widgets, self);
    }
  g_clear_object (&self->supervisor);

  G_OBJECT_CLASS (vitrine_feeds_parent_class)->dispose (object);
}

static void
vitrine_feeds_finalize (GObject *object)
{
  VitrineFeeds *self = VITRINE_FEEDS (object);

  g_clear_object (&self->sources);
  g_clear_object (&self->widgets);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->mirror_jobs, g_ptr_array_unref);
  g_clear_pointer (&self->feeds, g_ptr_array_unref);
  g_clear_pointer (&self->held_hosts, g_hash_table_unref);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_clear_pointer (&self->headlines, g_ptr_array_unref);
  g_clear_pointer (&self->weather, g_variant_unref);
  g_free (self->weather_place);
  g_free (self->weather_error);

  G_OBJECT_CLASS (vitrine_feeds_parent_class)->finalize (object);
}

static void
vitrine_feeds_class_init (VitrineFeedsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vitrine_feeds_dispose;
  object_class->finalize = vitrine_feeds_finalize;

  /**
   * VitrineFeeds::images-changed:
   *
   * The mirrored images offered to the slideshow changed (vitrine_feeds_get_images()).
   */
  signals[VITRINE_FEEDS_IMAGES_CHANGED] = g_signal_new ("images-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * VitrineFeeds::headlines-changed:
   *
   * A headline feed brought new items (vitrine_feeds_get_headlines()).
   */
  signals[VITRINE_FEEDS_HEADLINES_CHANGED] = g_signal_new ("headlines-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * VitrineFeeds::weather-changed:
   *
   * New weather, from the network or the worker's cache (vitrine_feeds_get_weather()), or
   * none to be had (vitrine_feeds_get_weather() %NULL, vitrine_feeds_get_weather_error()).
   */
  signals[VITRINE_FEEDS_WEATHER_CHANGED] = g_signal_new ("weather-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * VitrineFeeds::feeds-changed:
   *
   * A feed was added, removed, fetched or failed (vitrine_feeds_dup_feed_info()).
   */
  signals[VITRINE_FEEDS_FEEDS_CHANGED] = g_signal_new ("feeds-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * VitrineFeeds::intents-changed:
   *
   * The image feeds, or the images their items name, changed (vitrine_feeds_dup_intents()).
   */
  signals[VITRINE_FEEDS_INTENTS_CHANGED] = g_signal_new ("intents-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vitrine_feeds_init (VitrineFeeds *self)
{
  self->cancellable = g_cancellable_new ();
  self->mirror_jobs = g_ptr_array_new_with_free_func (_vitrine_mirror_job_free);
  self->held_hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->images = g_ptr_array_new_with_free_func (_vitrine_feed_image_free);
  self->headlines = g_ptr_array_new_with_free_func (_vitrine_headline_free);
  self->weather_next = -G_MAXDOUBLE;
}

/* @settings: the application's root settings. */
VitrineFeeds *
vitrine_feeds_new (VitrineSupervisor *supervisor,
                   GSettings         *settings)
{
  VitrineFeeds *self = g_object_new (VITRINE_TYPE_FEEDS, NULL);

  self->supervisor = g_object_ref (supervisor);
  self->sources = g_settings_get_child (settings, "sources");
  self->widgets = g_settings_get_child (settings, "widgets");
  g_signal_connect (self->sources, "changed", G_CALLBACK (settings_changed_cb), self);
  g_signal_connect (self->widgets, "changed", G_CALLBACK (settings_changed_cb), self);
  load_feeds (self);
  apply_save_folder (self);
  return self;
}

void
_vitrine_feeds_emit (VitrineFeeds       *self,
                     VitrineFeedsSignal  which)
{
  g_signal_emit (self, signals[which], 0);
}

/* @info as one short line for the settings (the row under the feed's URL): when it was
 * fetched and what it brought, or why it failed. */
char *
vitrine_feed_info_describe (const VitrineFeedInfo *info)
{
  g_autoptr(GDateTime) fetched = info->last_fetch_unix > 0 ? g_date_time_new_from_unix_local (info->last_fetch_unix)
                                                           : NULL;
  g_autofree char *at = fetched != NULL ? g_date_time_format (fetched, "%H:%M") : NULL;

  g_return_val_if_fail (info != NULL, NULL);

  if (info->last_error != NULL && g_strcmp0 (info->state, "paused") == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Paused after %u failure: %s",
                                         "Paused after %u failures: %s", info->failures),
                            info->failures, info->last_error);
  if (info->last_error != NULL)
    return at != NULL ? g_strdup_printf (_("Failed at %s: %s"), at, info->last_error)
                      : g_strdup_printf (_("Failed: %s"), info->last_error);
  if (at == NULL)
    return g_strdup (_("Not fetched yet"));
  if (info->images)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Fetched at %s · %u photo mirrored",
                                         "Fetched at %s · %u photos mirrored", info->n_mirrored),
                            at, info->n_mirrored);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Fetched at %s · %u headline",
                                       "Fetched at %s · %u headlines", info->n_items),
                          at, info->n_items);
}
