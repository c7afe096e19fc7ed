/* vitrine-feeds-replies.c: the feed worker's replies (request kinds in
 * src/worker/feed/vitrine-feed-jobs.c), and what they change: offered images, headlines,
 * weather, each feed's backoff and hosts that asked to be left alone.
 *
 * A feed's images stay offered until a refresh of it has mirrored their replacements; a
 * feed that fails or comes back empty keeps what it had.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-feed-mix.h"
#include "vitrine-feeds-private.h"

/* What to wait after a failure before the feed's own backoff starts (3 in a row). */
#define RETRY_FAILED_S 60
/* What to wait when the worker was not there to ask (restarting, switched off). */
#define RETRY_UNAVAILABLE_S 10
#define WEATHER_RETRY_S 300
#define HEADLINES_KEPT 20

typedef struct
{
  VitrineFeeds     *self;
  guint64           feed_id;
  VitrineMirrorJob *job;
} Call;

static Call *
call_new (VitrineFeeds     *self,
          VitrineFeedEntry *feed,
          VitrineMirrorJob *job)
{
  Call *call = g_new0 (Call, 1);

  call->self = g_object_ref (self);
  call->feed_id = feed != NULL ? feed->id : 0;
  call->job = job;
  return call;
}

static void
call_free (Call *call)
{
  g_clear_pointer (&call->job, _vitrine_mirror_job_free);
  g_object_unref (call->self);
  g_free (call);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Call, call_free)

void
_vitrine_mirror_job_free (gpointer data)
{
  VitrineMirrorJob *job = data;

  g_free (job->url);
  g_free (job);
}

/*
 * The reply, or NULL when the request failed. *@input_at_fault when that failure is the
 * input's: the worker ran past its deadline on it, or it is quarantined (it crashed the
 * worker before). Anything else (the worker restarting, switched off) is worth a retry.
 */
static GVariant *
finish (Call          *call,
        GAsyncResult  *result,
        gboolean      *input_at_fault,
        GError       **error)
{
  g_autoptr(GUnixFDList) fds = NULL;
  GVariant *reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (call->self->supervisor), result,
                                                       &fds, error);

  call->self->in_flight = FALSE;
  *input_at_fault = reply == NULL &&
                    (g_error_matches (*error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_TIMED_OUT) ||
                     vitrine_message_error_blames_input (*error));
  return reply;
}

static char **
image_feed_urls (VitrineFeeds *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->feeds->len; i++)
    if (((VitrineFeedEntry *) self->feeds->pdata[i])->images)
      g_strv_builder_add (builder, ((VitrineFeedEntry *) self->feeds->pdata[i])->url);
  return g_strv_builder_end (builder);
}

static VitrineFeedEntry *
image_feed_by_url (VitrineFeeds *self,
                   const char   *url)
{
  for (guint i = 0; i < self->feeds->len; i++)
    {
      VitrineFeedEntry *feed = self->feeds->pdata[i];

      if (feed->images && g_str_equal (feed->url, url))
        return feed;
    }
  return NULL;
}

static gboolean
offered (VitrineFeeds *self,
         const char   *path)
{
  for (guint i = 0; i < self->images->len; i++)
    if (g_str_equal (((VitrineFeedImage *) self->images->pdata[i])->path, path))
      return TRUE;
  return FALSE;
}

static void
offer (VitrineFeeds *self,
       const char   *path,
       const char   *url,
       const char   *feed)
{
  VitrineFeedImage *image;

  if (offered (self, path))
    return;
  image = g_new0 (VitrineFeedImage, 1);
  image->path = g_strdup (path);
  image->url = g_strdup (url != NULL ? url : path);
  image->feed = g_strdup (feed);
  g_ptr_array_add (self->images, image);
}

/* --- mirror-list ------------------------------------------------------------------ */

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(Call) call = data;
  VitrineFeeds *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) files = NULL;
  gboolean at_fault, first = !self->listed;
  guint n_offered = 0;

  reply = finish (call, result, &at_fault, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (reply == NULL)
    {
      g_debug ("feeds: no mirror list: %s", error->message);
      self->list_retry = _vitrine_feeds_now () + RETRY_UNAVAILABLE_S;
      return;
    }
  self->listed = TRUE;
  files = g_variant_lookup_value (reply, "files", G_VARIANT_TYPE ("a(sstt)"));
  for (guint i = 0; i < self->feeds->len; i++)
    {
      ((VitrineFeedEntry *) self->feeds->pdata[i])->n_mirrored = 0;
      ((VitrineFeedEntry *) self->feeds->pdata[i])->mirrored_bytes = 0;
    }
  for (gsize i = 0; files != NULL && i < g_variant_n_children (files); i++)
    {
      const char *feed_url, *path;
      guint64 mtime, size;
      VitrineFeedEntry *feed;

      g_variant_get_child (files, i, "(&s&stt)", &feed_url, &path, &mtime, &size);
      if ((feed = image_feed_by_url (self, feed_url)) == NULL)
        continue;
      feed->n_mirrored++;
      feed->mirrored_bytes += size;
      /* At start, the newest mirrored images show before the network is asked. */
      if (first && n_offered < VITRINE_FEEDS_OFFER_AT_START)
        {
          offer (self, path, NULL, feed_url);
          n_offered++;
        }
    }
  if (n_offered > 0)
    _vitrine_feeds_emit (self, VITRINE_FEEDS_IMAGES_CHANGED);
  _vitrine_feeds_emit (self, VITRINE_FEEDS_FEEDS_CHANGED);
}

void
_vitrine_feeds_list_mirror (VitrineFeeds *self)
{
  g_auto(GStrv) feeds = image_feed_urls (self);

  _vitrine_feeds_send (self, g_variant_new_parsed ("{'kind': <'mirror-list'>, 'feeds': <%^as>}", feeds),
                       list_done_cb, call_new (self, NULL, NULL));
}

/* --- feed ------------------------------------------------------------------------- */

static void
hold_host (VitrineFeeds *self,
           const char   *url,
           double        seconds)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  double *until;

  if (seconds <= 0 || uri == NULL || g_uri_get_host (uri) == NULL)
    return;
  until = g_new (double, 1);
  *until = _vitrine_feeds_now () + seconds;
  g_hash_table_replace (self->held_hosts, g_strdup (g_uri_get_host (uri)), until);
}

static VitrineFetchOutcome
outcome_of (GVariant *reply)
{
  const char *name = "failed";

  g_variant_lookup (reply, "outcome", "&s", &name);
  if (g_str_equal (name, "rate-limited"))
    return VITRINE_FETCH_OUTCOME_RATE_LIMITED;
  if (g_str_equal (name, "denied"))
    return VITRINE_FETCH_OUTCOME_DENIED;
  if (g_str_equal (name, "server-error"))
    return VITRINE_FETCH_OUTCOME_SERVER_ERROR;
  return VITRINE_FETCH_OUTCOME_FAILED;
}

static double
refresh_interval (VitrineFeeds     *self,
                  VitrineFeedEntry *feed)
{
  if (feed->images)
    return MAX ((double) g_settings_get_uint (self->sources, "feed-refresh"), (double) feed->ttl_s);
  if (feed->ttl_s > 0)
    return CLAMP ((double) feed->ttl_s, 300, 86400);
  return g_settings_get_uint (self->widgets, "headlines-refresh");
}

static void
feed_failed (VitrineFeeds      *self,
             VitrineFeedEntry  *feed,
             VitrineFetchOutcome outcome,
             const char        *message)
{
  double now = _vitrine_feeds_now ();

  vitrine_feed_health_note_outcome (&feed->health, outcome, now);
  g_free (feed->last_error);
  feed->last_error = g_strdup (message);
  feed->next_fetch = MAX (now + RETRY_FAILED_S, feed->health.not_before);
  g_message ("feeds: %s: %s", feed->url, message);
}

static int
by_priority (gconstpointer a,
             gconstpointer b)
{
  const VitrineMirrorJob *x = *(VitrineMirrorJob * const *) a;
  const VitrineMirrorJob *y = *(VitrineMirrorJob * const *) b;

  return y->priority - x->priority;
}

static void
queue_images (VitrineFeeds     *self,
              VitrineFeedEntry *feed,
              GVariant         *items)
{
  guint max = g_settings_get_uint (self->sources, "feed-max-items");
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (feed->fresh, 0);
  feed->pending = 0;
  for (gsize i = 0; i < g_variant_n_children (items) && feed->pending < max; i++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (items, i);
      const char *url = NULL;
      gint32 priority = 50;
      VitrineMirrorJob *job;

      if (!g_variant_lookup (item, "image_url", "&s", &url))
        continue;
      g_variant_lookup (item, "priority", "i", &priority);
      job = g_new0 (VitrineMirrorJob, 1);
      job->feed = feed;
      job->url = g_strdup (url);
      job->priority = priority;
      g_ptr_array_add (self->mirror_jobs, job);
      g_ptr_array_add (wanted, g_strdup (url));
      feed->pending++;
    }
  _vitrine_feeds_set_wanted (self, feed, wanted);
  /* Highest priority first; a stable sort keeps each feed's own order. */
  g_ptr_array_sort (self->mirror_jobs, by_priority);
}

static int
newest_headline_first (gconstpointer a,
                       gconstpointer b)
{
  const VitrineHeadline *x = *(VitrineHeadline * const *) a;
  const VitrineHeadline *y = *(VitrineHeadline * const *) b;

  return x->published_unix == y->published_unix ? 0 : x->published_unix > y->published_unix ? -1 : 1;
}

static void
take_headlines (VitrineFeeds     *self,
                VitrineFeedEntry *feed,
                GVariant         *items)
{
  g_autoptr(GUri) uri = g_uri_parse (feed->url, G_URI_FLAGS_NONE, NULL);
  const char *source = feed->title != NULL ? feed->title : uri != NULL ? g_uri_get_host (uri) : feed->url;

  g_ptr_array_set_size (feed->headlines, 0);
  for (gsize i = 0; i < g_variant_n_children (items) && feed->headlines->len < HEADLINES_KEPT; i++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (items, i);
      VitrineHeadline *headline;
      const char *title = NULL, *link = NULL;

      if (!g_variant_lookup (item, "title", "&s", &title))
        continue;
      g_variant_lookup (item, "link", "&s", &link);
      headline = g_new0 (VitrineHeadline, 1);
      headline->title = g_strdup (title);
      headline->link = g_strdup (link);
      headline->source = g_strdup (source);
      if (!g_variant_lookup (item, "published", "x", &headline->published_unix))
        headline->published_unix = G_MININT64;
      g_ptr_array_add (feed->headlines, headline);
    }
  _vitrine_feeds_merge_headlines (self);
}

/* Every headline feed's items into one list, newest first; ::headlines-changed. */
void
_vitrine_feeds_merge_headlines (VitrineFeeds *self)
{
  g_ptr_array_set_size (self->headlines, 0);
  for (guint f = 0; f < self->feeds->len; f++)
    {
      VitrineFeedEntry *other = self->feeds->pdata[f];

      for (guint i = 0; i < other->headlines->len; i++)
        {
          VitrineHeadline *from = other->headlines->pdata[i];
          VitrineHeadline *copy = g_new0 (VitrineHeadline, 1);

          copy->title = g_strdup (from->title);
          copy->link = g_strdup (from->link);
          copy->source = g_strdup (from->source);
          copy->published_unix = from->published_unix;
          g_ptr_array_add (self->headlines, copy);
        }
    }
  g_ptr_array_sort (self->headlines, newest_headline_first);
  _vitrine_feeds_emit (self, VITRINE_FEEDS_HEADLINES_CHANGED);
}

static void
feed_succeeded (VitrineFeeds     *self,
                VitrineFeedEntry *feed,
                GVariant         *reply)
{
  g_autoptr(GVariant) items = NULL;
  const char *text = NULL;
  gboolean not_modified = FALSE;

  vitrine_feed_health_note_outcome (&feed->health, VITRINE_FETCH_OUTCOME_OK, _vitrine_feeds_now ());
  g_clear_pointer (&feed->last_error, g_free);
  feed->last_fetch_unix = g_get_real_time () / G_USEC_PER_SEC;
  g_variant_lookup (reply, "not_modified", "b", &not_modified);
  if (g_variant_lookup (reply, "etag", "&s", &text))
    g_free (feed->etag), feed->etag = g_strdup (text);
  if (g_variant_lookup (reply, "last_modified", "&s", &text))
    g_free (feed->last_modified), feed->last_modified = g_strdup (text);
  g_variant_lookup (reply, "ttl_s", "x", &feed->ttl_s);
  feed->next_fetch = _vitrine_feeds_now () + refresh_interval (self, feed);
  if (not_modified)
    return;
  if (g_variant_lookup (reply, "title", "&s", &text))
    g_free (feed->title), feed->title = g_strdup (text);
  items = g_variant_lookup_value (reply, "items", G_VARIANT_TYPE ("aa{sv}"));
  if (items == NULL)
    return;
  feed->n_items = (guint) g_variant_n_children (items);
  if (feed->images)
    queue_images (self, feed, items);
  else
    take_headlines (self, feed, items);
}

static void
feed_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(Call) call = data;
  VitrineFeeds *self = call->self;
  VitrineFeedEntry *feed = _vitrine_feeds_lookup (call->self, call->feed_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean at_fault, ok = FALSE;
  const char *message = "failed";
  double retry_after = 0;

  reply = finish (call, result, &at_fault, &error);
  if (g_cancellable_is_cancelled (self->cancellable) || feed == NULL)
    return;
  feed->fetching = FALSE;
  if (reply == NULL && at_fault)
    feed_failed (self, feed, VITRINE_FETCH_OUTCOME_FAILED, error->message);
  else if (reply == NULL)
    feed->next_fetch = _vitrine_feeds_now () + RETRY_UNAVAILABLE_S;
  else if (g_variant_lookup (reply, "ok", "b", &ok) && ok)
    feed_succeeded (self, feed, reply);
  else
    {
      g_variant_lookup (reply, "error", "&s", &message);
      g_variant_lookup (reply, "retry_after", "d", &retry_after);
      hold_host (self, feed->url, retry_after);
      feed_failed (self, feed, outcome_of (reply), message);
    }
  _vitrine_feeds_emit (self, VITRINE_FEEDS_FEEDS_CHANGED);
}

void
_vitrine_feeds_fetch_feed (VitrineFeeds     *self,
                           VitrineFeedEntry *feed)
{
  feed->fetching = TRUE;
  _vitrine_feeds_send (self,
                       g_variant_new_parsed ("{'kind': <'feed'>, 'input': <%s>, 'url': <%s>, 'json_path': <%s>, "
                                             "'etag': <%s>, 'last_modified': <%s>, 'max_items': <%u>}",
                                             feed->url, feed->url, feed->json_path != NULL ? feed->json_path : "",
                                             feed->etag != NULL ? feed->etag : "",
                                             feed->last_modified != NULL ? feed->last_modified : "",
                                             feed->images ? g_settings_get_uint (self->sources, "feed-max-items")
                                                          : (guint32) HEADLINES_KEPT),
                       feed_done_cb, call_new (self, feed, NULL));
}

/* --- mirror ----------------------------------------------------------------------- */

/* Every download of a refresh is done: its images replace the ones offered before, when it
 * brought any. */
static void
refresh_done (VitrineFeeds     *self,
              VitrineFeedEntry *feed)
{
  if (feed->fresh->len == 0)
    return;
  for (guint i = self->images->len; i > 0; i--)
    {
      VitrineFeedImage *image = self->images->pdata[i - 1];

      if (g_str_equal (image->feed, feed->url))
        g_ptr_array_remove_index (self->images, i - 1);
    }
  for (guint i = 0; i < feed->fresh->len; i++)
    {
      VitrineFeedImage *image = feed->fresh->pdata[i];

      offer (self, image->path, image->url, image->feed);
    }
  g_ptr_array_set_size (feed->fresh, 0);
  _vitrine_feeds_emit (self, VITRINE_FEEDS_IMAGES_CHANGED);
}

static void
mirrored (VitrineFeeds     *self,
          VitrineFeedEntry *feed,
          const char       *url,
          GVariant         *reply)
{
  const char *path = NULL;
  gboolean reused = FALSE;
  guint64 bytes = 0;
  VitrineFeedImage *image;

  if (!g_variant_lookup (reply, "path", "&s", &path))
    return;
  g_variant_lookup (reply, "reused", "b", &reused);
  g_variant_lookup (reply, "bytes", "t", &bytes);
  if (!reused)
    {
      feed->n_mirrored++;
      feed->mirrored_bytes += bytes;
    }
  image = g_new0 (VitrineFeedImage, 1);
  image->path = g_strdup (path);
  image->url = g_strdup (url);
  image->feed = g_strdup (feed->url);
  g_ptr_array_add (feed->fresh, image);
  /* A new image shows as soon as it is there. */
  if (!offered (self, path))
    {
      offer (self, path, url, feed->url);
      _vitrine_feeds_emit (self, VITRINE_FEEDS_IMAGES_CHANGED);
    }
}

static void
mirror_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  g_autoptr(Call) call = data;
  VitrineFeeds *self = call->self;
  VitrineFeedEntry *feed = _vitrine_feeds_lookup (call->self, call->feed_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean at_fault, ok = FALSE;
  double retry_after = 0;
  const char *message = "failed";

  reply = finish (call, result, &at_fault, &error);
  if (g_cancellable_is_cancelled (self->cancellable) || feed == NULL)
    return;
  if (reply != NULL && g_variant_lookup (reply, "ok", "b", &ok) && ok)
    mirrored (self, feed, call->job->url, reply);
  else if (reply != NULL)
    {
      g_variant_lookup (reply, "error", "&s", &message);
      g_variant_lookup (reply, "retry_after", "d", &retry_after);
      g_message ("feeds: skipped %s: %s", call->job->url, message);
      /* Refused for good (no image, too large): the mirror is not asked to hold it. */
      if (retry_after <= 0)
        _vitrine_feeds_unwant (self, feed, call->job->url);
      if (retry_after > 0)
        {
          /* The host is busy, not the image at fault: it is asked again later. */
          hold_host (self, call->job->url, retry_after);
          g_ptr_array_add (self->mirror_jobs, g_steal_pointer (&call->job));
          return;
        }
    }
  else if (!at_fault)
    {
      g_ptr_array_add (self->mirror_jobs, g_steal_pointer (&call->job));
      return;
    }
  if (feed->pending > 0 && --feed->pending == 0)
    refresh_done (self, feed);
  _vitrine_feeds_emit (self, VITRINE_FEEDS_FEEDS_CHANGED);
}

void
_vitrine_feeds_mirror_next (VitrineFeeds     *self,
                            VitrineMirrorJob *job)
{
  g_auto(GStrv) feeds = image_feed_urls (self);

  _vitrine_feeds_send (self,
                       g_variant_new_parsed ("{'kind': <'mirror'>, 'input': <%s>, 'feed': <%s>, 'url': <%s>, "
                                             "'feeds': <%^as>, 'max_megabytes': <%u>, 'max_age_days': <%u>}",
                                             job->url, job->feed->url, job->url, feeds,
                                             g_settings_get_uint (self->sources, "feed-mirror-size"),
                                             g_settings_get_uint (self->sources, "feed-mirror-max-age")),
                       mirror_done_cb, call_new (self, job->feed, job));
}

/* --- weather ---------------------------------------------------------------------- */

static void
weather_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(Call) call = data;
  VitrineFeeds *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean at_fault, ok = FALSE, from_cache = FALSE;
  const char *message = NULL;

  reply = finish (call, result, &at_fault, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  g_clear_pointer (&self->weather_error, g_free);
  if (reply == NULL)
    {
      self->weather_error = g_strdup (error->message);
      self->weather_next = _vitrine_feeds_now () + (at_fault ? WEATHER_RETRY_S : RETRY_UNAVAILABLE_S);
      return;
    }
  g_variant_lookup (reply, "error", "&s", &message);
  self->weather_error = g_strdup (message);
  if (!g_variant_lookup (reply, "ok", "b", &ok) || !ok)
    {
      /* No weather to be had for this place, not even cached (a place that is not found,
       * a new place while offline): the card hides with the reason, never showing the
       * weather of the place before. A worker that did not answer keeps what is shown. */
      self->weather_next = _vitrine_feeds_now () + WEATHER_RETRY_S;
      g_clear_pointer (&self->weather, g_variant_unref);
      _vitrine_feeds_emit (self, VITRINE_FEEDS_WEATHER_CHANGED);
      return;
    }
  g_variant_lookup (reply, "from_cache", "b", &from_cache);
  g_clear_pointer (&self->weather, g_variant_unref);
  self->weather = g_steal_pointer (&reply);
  /* Served from the cache: the network is tried again sooner than a full interval. */
  self->weather_next = _vitrine_feeds_now () +
                       (from_cache ? WEATHER_RETRY_S : g_settings_get_uint (self->widgets, "weather-refresh"));
  _vitrine_feeds_emit (self, VITRINE_FEEDS_WEATHER_CHANGED);
}

void
_vitrine_feeds_fetch_weather (VitrineFeeds *self)
{
  g_autofree char *place = g_settings_get_string (self->widgets, "weather-location");

  g_strstrip (place);
  g_free (self->weather_place);
  self->weather_place = g_strdup (place);
  _vitrine_feeds_send (self, g_variant_new_parsed ("{'kind': <'weather'>, 'input': <%s>, 'place': <%s>}",
                                                   place, place),
                       weather_done_cb, call_new (self, NULL, NULL));
}
