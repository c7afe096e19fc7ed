/* vitrine-feed-jobs.c
 *
 * Request kinds (docs/ARCHITECTURE.md §2, the feed role):
 *   "feed" {url s, json_path s?, base_url s?, etag s?, last_modified s?, max_items u?}
 *     → {ok b, status u, not_modified b, etag s, last_modified s, title s, kind s,
 *        ttl_s x, items aa{sv} (title, link, image_url, published x, priority i, guid),
 *        truncated b}
 *   "mirror" {feed s, url s, max_megabytes u, max_age_days u, feeds as}
 *     → {ok b, path s, bytes t, reused b} or {ok false, skipped s, …}
 *   "mirror-list" {feeds as} → {files a(sstt): feed, path, mtime, size}
 *   "mirror-list" {all true, offset u, limit u} → {ok b, revision s, total u, entries aa{sv}
 *     (folder s, feed s, url s, path s, mtime x, bytes t, revision s)}: every feed folder's
 *     files, configured feeds or not, sorted by path, paged (at most 500 and under the
 *     reply budget: the next page starts after the last entry); feed and url "" when the
 *     folder's index does not say
 *   "mirror-forget" {paths as} → {ok b, removed u}: only mirrored files of feed folders;
 *     any other path fails the request and nothing is removed
 *   "art" {url s} → {ok b, path s, bytes t, reused b}: album art into the mirror's art/
 *     folder, the newest 50 kept
 * A failure is {ok false, error s, outcome s, status u, retry_after d}.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vitrine-cache-revisions.h"
#include "vitrine-feed-jobs.h"
#include "vitrine-feed-mirror.h"
#include "vitrine-feed-mix.h"
#include "vitrine-feed-parse.h"
#include "vitrine-worker.h"

#define MAX_TEXT 1024
#define MAX_URL 4096

struct _VitrineFeedJobs
{
  VitrineFeedFetcher *fetcher;
  char               *cache_dir;
  char               *mirror_root;
  char               *save_folder;
  GMutex              lock;
  GHashTable         *hosts;    /* host → VitrineHostState */
};

static double
now_s (void)
{
  return (double) g_get_monotonic_time () / G_USEC_PER_SEC;
}

/*
 * @cache_dir: $XDG_CACHE_HOME/vitrine (libsoup's cache goes to its "http" folder);
 * @mirror_root: where feed images are mirrored; @save_folder: where a copy of each goes,
 * or NULL.
 */
VitrineFeedJobs *
vitrine_feed_jobs_new (const char *cache_dir,
                       const char *mirror_root,
                       const char *save_folder)
{
  VitrineFeedJobs *jobs = g_new0 (VitrineFeedJobs, 1);
  g_autofree char *http = cache_dir != NULL ? g_build_filename (cache_dir, "http", NULL) : NULL;

  jobs->fetcher = vitrine_feed_fetcher_new (http, VITRINE_FEED_FETCH_CONNECT_S, VITRINE_FEED_FETCH_RESPONSE_S);
  jobs->cache_dir = g_strdup (cache_dir);
  jobs->mirror_root = g_strdup (mirror_root);
  jobs->save_folder = save_folder != NULL && *save_folder != '\0' ? g_strdup (save_folder) : NULL;
  g_mutex_init (&jobs->lock);
  jobs->hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return jobs;
}

void
vitrine_feed_jobs_free (VitrineFeedJobs *jobs)
{
  if (jobs == NULL)
    return;
  g_clear_object (&jobs->fetcher);
  g_free (jobs->cache_dir);
  g_free (jobs->mirror_root);
  g_free (jobs->save_folder);
  g_hash_table_unref (jobs->hosts);
  g_mutex_clear (&jobs->lock);
  g_free (jobs);
}

VitrineFeedFetcher *
vitrine_feed_jobs_get_fetcher (VitrineFeedJobs *jobs)
{
  return jobs->fetcher;
}

const char *
vitrine_feed_jobs_get_cache_dir (VitrineFeedJobs *jobs)
{
  return jobs->cache_dir;
}

static char *
host_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL ? g_ascii_strdown (g_uri_get_host (uri), -1) : g_strdup ("");
}

static VitrineHostState *
host_state (VitrineFeedJobs *jobs,
            const char      *host)
{
  VitrineHostState *state = g_hash_table_lookup (jobs->hosts, host);

  if (state == NULL)
    {
      state = g_new (VitrineHostState, 1);
      vitrine_host_state_init (state);
      g_hash_table_insert (jobs->hosts, g_strdup (host), state);
    }
  return state;
}

/*
 * Before a request to @url's host: waits out the rest of the 3 s spacing, or, when the host
 * asked to be left alone longer (429, 401/403, 5xx), returns FALSE with *@held_s the time
 * left. Also FALSE when @cancellable is cancelled while waiting.
 */
gboolean
vitrine_feed_jobs_polite_begin (VitrineFeedJobs *jobs,
                                const char      *url,
                                GCancellable    *cancellable,
                                double          *held_s)
{
  g_autofree char *host = host_of (url);
  double wait;

  *held_s = 0;
  for (;;)
    {
      g_mutex_lock (&jobs->lock);
      wait = vitrine_host_state_ready_at (host_state (jobs, host), now_s ()) - now_s ();
      if (wait <= 0)
        vitrine_host_state_note_request (host_state (jobs, host), now_s ());
      g_mutex_unlock (&jobs->lock);
      if (wait <= 0)
        return TRUE;
      if (wait > VITRINE_POLITE_HOST_SPACING_S)
        {
          *held_s = wait;
          return FALSE;
        }
      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      g_usleep ((gulong) (MIN (wait, 0.25) * G_USEC_PER_SEC) + 1000);
    }
}

/* After the request: what the answer means for the host; *@retry_after_s, how long it
 * now wants to be left alone (0: the usual spacing). */
void
vitrine_feed_jobs_polite_end (VitrineFeedJobs          *jobs,
                              const char               *url,
                              const VitrineFetchResult *result,
                              gboolean                  ok,
                              double                   *retry_after_s)
{
  g_autofree char *host = host_of (url);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&jobs->lock);
  VitrineHostState *state = host_state (jobs, host);
  VitrineFetchOutcome outcome = vitrine_fetch_outcome_from_status (result->status, ok);
  double now = now_s ();

  vitrine_host_state_note_outcome (state, outcome, (double) result->retry_after_s, now);
  *retry_after_s = MAX (0, vitrine_host_state_ready_at (state, now) - now - VITRINE_POLITE_HOST_SPACING_S);
}

GVariant *
vitrine_feed_jobs_failure (const char          *message,
                           guint                status,
                           VitrineFetchOutcome  outcome,
                           double               retry_after_s)
{
  return g_variant_new_parsed ("{'ok': <false>, 'error': <%s>, 'outcome': <%s>, 'status': <%u>, "
                               "'retry_after': <%d>}",
                               message, vitrine_fetch_outcome_to_string (outcome), status, retry_after_s);
}

static void
add_text (GVariantBuilder *builder,
          const char      *key,
          const char      *value,
          gsize            max,
          gsize           *size)
{
  g_autofree char *copy = NULL;

  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    return;
  copy = g_utf8_make_valid (value, (gssize) MIN (strlen (value), max));
  *size += strlen (copy) + 16;
  g_variant_builder_add (builder, "{sv}", key, g_variant_new_string (copy));
}

static GVariant *
item_to_variant (const VitrineFeedItem *item,
                 gsize                 *size)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  add_text (&builder, "title", item->title, MAX_TEXT, size);
  add_text (&builder, "link", item->link, MAX_URL, size);
  add_text (&builder, "guid", item->guid, MAX_TEXT, size);
  if (item->image_url != NULL && strlen (item->image_url) <= MAX_URL)
    {
      add_text (&builder, "image_url", item->image_url, MAX_URL, size);
      g_variant_builder_add (&builder, "{sv}", "priority",
                             g_variant_new_int32 (vitrine_feed_domain_priority (item->image_url)));
    }
  else
    g_variant_builder_add (&builder, "{sv}", "priority",
                           g_variant_new_int32 (vitrine_feed_domain_priority (item->link)));
  if (item->published_unix != G_MININT64)
    g_variant_builder_add (&builder, "{sv}", "published", g_variant_new_int64 (item->published_unix));
  if (item->image_width > 0 && item->image_height > 0)
    {
      g_variant_builder_add (&builder, "{sv}", "width", g_variant_new_int32 (item->image_width));
      g_variant_builder_add (&builder, "{sv}", "height", g_variant_new_int32 (item->image_height));
    }
  *size += 64;
  return g_variant_builder_end (&builder);
}

static GVariant *
document_reply (const VitrineFeedDocument *document,
                const VitrineFetchResult  *result)
{
  GVariantBuilder builder, items;
  gint64 ttl = document->ttl_s >= 0 ? document->ttl_s : vitrine_feed_ttl_from_cache_control (result->cache_control);
  gboolean truncated = FALSE;
  gsize size = 0;

  g_variant_builder_init (&items, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < document->items->len; i++)
    {
      if (size > VITRINE_FEED_REPLY_BUDGET)
        {
          truncated = TRUE;
          break;
        }
      g_variant_builder_add_value (&items, item_to_variant (document->items->pdata[i], &size));
    }
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "ok", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&builder, "{sv}", "status", g_variant_new_uint32 (result->status));
  g_variant_builder_add (&builder, "{sv}", "not_modified", g_variant_new_boolean (FALSE));
  g_variant_builder_add (&builder, "{sv}", "kind", g_variant_new_string (vitrine_feed_kind_to_string (document->kind)));
  size = 0;
  add_text (&builder, "title", document->title, MAX_TEXT, &size);
  add_text (&builder, "link", document->link, MAX_URL, &size);
  add_text (&builder, "etag", result->etag, MAX_TEXT, &size);
  add_text (&builder, "last_modified", result->last_modified, MAX_TEXT, &size);
  g_variant_builder_add (&builder, "{sv}", "ttl_s", g_variant_new_int64 (ttl));
  g_variant_builder_add (&builder, "{sv}", "truncated", g_variant_new_boolean (truncated));
  g_variant_builder_add (&builder, "{sv}", "items", g_variant_builder_end (&items));
  return g_variant_builder_end (&builder);
}

static GVariant *
not_modified_reply (const VitrineFetchResult *result)
{
  gsize size = 0;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "ok", g_variant_new_boolean (TRUE));
  g_variant_builder_add (&builder, "{sv}", "status", g_variant_new_uint32 (result->status));
  g_variant_builder_add (&builder, "{sv}", "not_modified", g_variant_new_boolean (TRUE));
  add_text (&builder, "etag", result->etag, MAX_TEXT, &size);
  add_text (&builder, "last_modified", result->last_modified, MAX_TEXT, &size);
  g_variant_builder_add (&builder, "{sv}", "ttl_s",
                         g_variant_new_int64 (vitrine_feed_ttl_from_cache_control (result->cache_control)));
  return g_variant_builder_end (&builder);
}

static const char *
lookup_string (GVariant   *request,
               const char *key)
{
  const char *value = NULL;

  g_variant_lookup (request, key, "&s", &value);
  return value != NULL && *value != '\0' ? value : NULL;
}

GVariant *
vitrine_feed_jobs_feed (VitrineFeedJobs  *jobs,
                        GVariant         *request,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_auto(VitrineFetchResult) result = { 0 };
  g_autoptr(VitrineFeedDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  VitrineFetchRequest fetch = { .cap = VITRINE_FEED_FETCH_FEED_CAP };
  VitrineFeedParseOptions options = { 0 };
  double held = 0, retry_after = 0;
  gboolean ok;

  fetch.url = options.url = lookup_string (request, "url");
  fetch.etag = lookup_string (request, "etag");
  fetch.last_modified = lookup_string (request, "last_modified");
  options.json_path = lookup_string (request, "json_path");
  options.base_url = lookup_string (request, "base_url");
  g_variant_lookup (request, "max_items", "u", &options.max_items);
  if (!vitrine_feed_fetch_url_allowed (fetch.url, &local_error))
    return vitrine_feed_jobs_failure (local_error->message, 0, VITRINE_FETCH_OUTCOME_FAILED, 0);

  if (!vitrine_feed_jobs_polite_begin (jobs, fetch.url, cancellable, &held))
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      return vitrine_feed_jobs_failure ("the host asked to be left alone for now", 0,
                                        VITRINE_FETCH_OUTCOME_RATE_LIMITED, held);
    }
  ok = vitrine_feed_fetcher_get (jobs->fetcher, &fetch, cancellable, &result, &local_error);
  vitrine_feed_jobs_polite_end (jobs, fetch.url, &result, ok, &retry_after);
  if (!ok && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!ok)
    return vitrine_feed_jobs_failure (local_error->message, result.status,
                                      vitrine_fetch_outcome_from_status (result.status, FALSE), retry_after);
  if (result.not_modified)
    return not_modified_reply (&result);

  document = vitrine_feed_parse (g_bytes_get_data (result.body, NULL), g_bytes_get_size (result.body),
                                 &options, &local_error);
  if (document == NULL)
    return vitrine_feed_jobs_failure (local_error->message, result.status, VITRINE_FETCH_OUTCOME_FAILED, 0);
  return document_reply (document, &result);
}

GVariant *
vitrine_feed_jobs_mirror (VitrineFeedJobs  *jobs,
                          GVariant         *request,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_auto(VitrineFetchResult) result = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autofree const char **feeds = NULL;
  g_autofree char *path = NULL;
  const char *feed = lookup_string (request, "feed");
  const char *url = lookup_string (request, "url");
  VitrineMirrorLimits limits = { 512, 14 };
  double held = 0, retry_after = 0;
  gboolean reused;
  GStatBuf st;

  g_variant_lookup (request, "max_megabytes", "u", &limits.max_megabytes);
  g_variant_lookup (request, "max_age_days", "u", &limits.max_age_days);
  g_variant_lookup (request, "feeds", "^a&s", &feeds);
  if (feed == NULL || jobs->mirror_root == NULL || !vitrine_feed_fetch_url_allowed (url, &local_error))
    return vitrine_feed_jobs_failure (local_error != NULL ? local_error->message : "mirror needs a feed and a URL",
                                      0, VITRINE_FETCH_OUTCOME_FAILED, 0);

  /* Already mirrored: no request at all. */
  path = vitrine_feed_mirror_find (jobs->mirror_root, feed, url);
  reused = path != NULL;
  if (path == NULL)
    {
      if (!vitrine_feed_jobs_polite_begin (jobs, url, cancellable, &held))
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          return vitrine_feed_jobs_failure ("the host asked to be left alone for now", 0,
                                            VITRINE_FETCH_OUTCOME_RATE_LIMITED, held);
        }
      path = vitrine_feed_mirror_store (jobs->fetcher, jobs->mirror_root, feed, url, jobs->save_folder,
                                        &result, cancellable, &local_error);
      vitrine_feed_jobs_polite_end (jobs, url, &result, path != NULL || result.status / 100 == 2,
                                    &retry_after);
    }
  if (path == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (path == NULL)
    return vitrine_feed_jobs_failure (local_error->message, result.status,
                                      vitrine_fetch_outcome_from_status (result.status, result.status / 100 == 2),
                                      retry_after);
  if (feeds != NULL)
    vitrine_feed_mirror_prune (jobs->mirror_root, feeds, &limits, g_get_real_time () / G_USEC_PER_SEC);
  if (g_stat (path, &st) < 0)
    return vitrine_feed_jobs_failure ("the mirrored file went away", 0, VITRINE_FETCH_OUTCOME_FAILED, 0);
  return g_variant_new_parsed ("{'ok': <true>, 'path': <%s>, 'bytes': <%t>, 'reused': <%b>}",
                               path, (guint64) st.st_size, reused);
}

#define MIRROR_LIST_MAX 500

static gboolean
valid_entry (const VitrineMirrorEntry *entry)
{
  return g_utf8_validate (entry->path, -1, NULL) &&
         (entry->feed_url == NULL || g_utf8_validate (entry->feed_url, -1, NULL)) &&
         (entry->image_url == NULL || g_utf8_validate (entry->image_url, -1, NULL));
}

/* The cache manager's listing: every feed folder, page by page. */
static GVariant *
mirror_list_all (VitrineFeedJobs *jobs,
                 GVariant        *request)
{
  g_autoptr(GPtrArray) entries = jobs->mirror_root != NULL ? vitrine_feed_mirror_list_all (jobs->mirror_root)
                                                           : g_ptr_array_new ();
  guint32 offset = 0, limit = MIRROR_LIST_MAX;
  GVariantBuilder builder;
  gsize size = 0;

  g_variant_lookup (request, "offset", "u", &offset);
  g_variant_lookup (request, "limit", "u", &limit);
  limit = CLAMP (limit, 1, MIRROR_LIST_MAX);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = offset; i < entries->len && i - offset < limit && size < VITRINE_FEED_REPLY_BUDGET; i++)
    {
      VitrineMirrorEntry *entry = entries->pdata[i];
      gboolean valid = valid_entry (entry);

      /* A name that is not UTF-8 is an entry with nothing to say, so the pages stay in step. */
      size += strlen (entry->path) + (entry->feed_url != NULL ? strlen (entry->feed_url) : 0) +
              (entry->image_url != NULL ? strlen (entry->image_url) : 0) + 160;
      g_variant_builder_add_parsed (&builder, "{'folder': <%s>, 'feed': <%s>, 'url': <%s>, 'path': <%s>, "
                                    "'mtime': <%x>, 'bytes': <%t>, 'revision': <%s>}",
                                    entry->folder, valid && entry->feed_url != NULL ? entry->feed_url : "",
                                    valid && entry->image_url != NULL ? entry->image_url : "",
                                    valid ? entry->path : "", entry->mtime, entry->size, entry->revision);
    }
  return g_variant_new_parsed ("{'ok': <true>, 'revision': <%s>, 'total': <%u>, 'entries': <%@aa{sv}>}",
                               VITRINE_CACHE_MIRROR_REVISION, entries->len, g_variant_builder_end (&builder));
}

GVariant *
vitrine_feed_jobs_mirror_forget (VitrineFeedJobs  *jobs,
                                 GVariant         *request,
                                 GError          **error)
{
  g_autofree const char **paths = NULL;
  guint removed = 0;

  if (!g_variant_lookup (request, "paths", "^a&s", &paths) || jobs->mirror_root == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "mirror-forget needs paths");
      return NULL;
    }
  if (!vitrine_feed_mirror_forget (jobs->mirror_root, paths, &removed, error))
    return NULL;
  return g_variant_new_parsed ("{'ok': <true>, 'removed': <%u>}", (guint32) removed);
}

GVariant *
vitrine_feed_jobs_mirror_list (VitrineFeedJobs  *jobs,
                               GVariant         *request,
                               GError          **error)
{
  g_autofree const char **feeds = NULL;
  g_autoptr(GPtrArray) files = NULL;
  GVariantBuilder builder;
  gboolean all = FALSE;
  gsize size = 0;

  if (g_variant_lookup (request, "all", "b", &all) && all)
    return mirror_list_all (jobs, request);
  g_variant_lookup (request, "feeds", "^a&s", &feeds);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sstt)"));
  files = jobs->mirror_root != NULL ? vitrine_feed_mirror_list (jobs->mirror_root, feeds) : NULL;
  for (guint i = 0; files != NULL && i < files->len && size < VITRINE_FEED_REPLY_BUDGET; i++)
    {
      VitrineMirrorFile *file = files->pdata[i];

      if (!g_utf8_validate (file->feed_url, -1, NULL) || !g_utf8_validate (file->path, -1, NULL))
        continue;
      size += strlen (file->feed_url) + strlen (file->path) + 32;
      g_variant_builder_add (&builder, "(sstt)", file->feed_url, file->path, (guint64) file->mtime, file->size);
    }
  return g_variant_new_parsed ("{'ok': <true>, 'files': <%@a(sstt)>}", g_variant_builder_end (&builder));
}

/* http(s) album art for the now playing card (issue 12 item 4): downloaded like a feed
 * image, for the image role to decode from its path. */
GVariant *
vitrine_feed_jobs_art (VitrineFeedJobs  *jobs,
                       GVariant         *request,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_auto(VitrineFetchResult) result = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  const char *url = lookup_string (request, "url");
  double held = 0, retry_after = 0;
  gboolean reused;
  GStatBuf st;

  if (jobs->mirror_root == NULL || !vitrine_feed_fetch_url_allowed (url, &local_error))
    return vitrine_feed_jobs_failure (local_error != NULL ? local_error->message : "no folder for album art",
                                      0, VITRINE_FETCH_OUTCOME_FAILED, 0);

  path = vitrine_feed_art_find (jobs->mirror_root, url);
  reused = path != NULL;
  if (path == NULL)
    {
      if (!vitrine_feed_jobs_polite_begin (jobs, url, cancellable, &held))
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;
          return vitrine_feed_jobs_failure ("the host asked to be left alone for now", 0,
                                            VITRINE_FETCH_OUTCOME_RATE_LIMITED, held);
        }
      path = vitrine_feed_art_store (jobs->fetcher, jobs->mirror_root, url, &result, cancellable, &local_error);
      vitrine_feed_jobs_polite_end (jobs, url, &result, path != NULL || result.status / 100 == 2, &retry_after);
    }
  if (path == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (path == NULL)
    return vitrine_feed_jobs_failure (local_error->message, result.status,
                                      vitrine_fetch_outcome_from_status (result.status, result.status / 100 == 2),
                                      retry_after);
  vitrine_feed_art_prune (jobs->mirror_root, VITRINE_FEED_ART_KEEP);
  if (g_stat (path, &st) < 0)
    return vitrine_feed_jobs_failure ("the downloaded art went away", 0, VITRINE_FETCH_OUTCOME_FAILED, 0);
  return g_variant_new_parsed ("{'ok': <true>, 'path': <%s>, 'bytes': <%t>, 'reused': <%b>}",
                               path, (guint64) st.st_size, reused);
}
