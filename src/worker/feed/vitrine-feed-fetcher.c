/* vitrine-feed-fetcher.c
 *
 * One SoupSession for the role, made and configured on the thread that creates the
 * fetcher and then used from worker threads (allowed since libsoup 3.2). Redirects are
 * followed here, not by libsoup, so that every hop is checked for its scheme and counted.
 * The body is read from libsoup's decoding stream, so the cap counts decompressed bytes
 * and a gzip bomb stops at the cap. A watchdog thread cancels a response that takes
 * longer than its whole-response limit (a server trickling a byte a second never trips
 * the per-read socket timeout).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <stdlib.h>

#include "vitrine-feed-fetcher.h"
#include "vitrine-version.h"

#define READ_CHUNK (64 * 1024)
#define HTTP_CACHE_SIZE (32 * 1024 * 1024)

struct _VitrineFeedFetcher
{
  GObject      parent_instance;

  SoupSession *session;
  SoupCache   *cache;
  guint        response_timeout_s;
  /* One fetch at a time: the disk cache's index is not safe across threads. */
  GMutex       lock;
};

G_DEFINE_FINAL_TYPE (VitrineFeedFetcher, vitrine_feed_fetcher, G_TYPE_OBJECT)

G_DEFINE_QUARK (vitrine-fetch-error-quark, vitrine_fetch_error)

/* The whole-response limit: cancels @cancellable unless done first. */
typedef struct
{
  GMutex        lock;
  GCond         cond;
  gboolean      done;
  gboolean      fired;
  gint64        deadline;
  GCancellable *cancellable;
} Watchdog;

static gpointer
watchdog_thread (gpointer data)
{
  Watchdog *dog = data;

  g_mutex_lock (&dog->lock);
  while (!dog->done)
    if (!g_cond_wait_until (&dog->cond, &dog->lock, dog->deadline) && !dog->done)
      {
        dog->fired = TRUE;
        g_cancellable_cancel (dog->cancellable);
        break;
      }
  g_mutex_unlock (&dog->lock);
  return NULL;
}

gboolean
vitrine_feed_fetch_url_allowed (const char  *url,
                                GError     **error)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;

  if (uri == NULL || scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_SCHEME,
                   "“%s” is not an http or https URL", url != NULL ? url : "");
      return FALSE;
    }
  return TRUE;
}

void
vitrine_fetch_result_clear (VitrineFetchResult *result)
{
  g_clear_pointer (&result->url, g_free);
  g_clear_pointer (&result->body, g_bytes_unref);
  g_clear_pointer (&result->etag, g_free);
  g_clear_pointer (&result->last_modified, g_free);
  g_clear_pointer (&result->cache_control, g_free);
  g_clear_pointer (&result->content_type, g_free);
}

/* Retry-After as seconds from now: a number, or an HTTP date; -1 when absent or neither. */
static gint64
parse_retry_after (const char *value)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end = NULL;
  gint64 seconds;

  if (value == NULL)
    return -1;
  seconds = g_ascii_strtoll (value, &end, 10);
  if (end != value && *end == '\0')
    return seconds >= 0 ? seconds : -1;
  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (0, g_date_time_difference (when, now) / G_TIME_SPAN_SECOND);
}

static void
take_headers (VitrineFetchResult *result,
              SoupMessage        *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);

  result->status = soup_message_get_status (message);
  g_free (result->etag);
  result->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  g_free (result->last_modified);
  result->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  g_free (result->cache_control);
  result->cache_control = g_strdup (soup_message_headers_get_list (headers, "Cache-Control"));
  g_free (result->content_type);
  result->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  result->retry_after_s = parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"));
}

/* Reads @stream to its end into @request's sink or @result's body, never past the cap. */
static gboolean
read_body (GInputStream              *stream,
           const VitrineFetchRequest *request,
           gsize                      cap,
           GCancellable              *cancellable,
           VitrineFetchResult        *result,
           GError                   **error)
{
  g_autoptr(GByteArray) body = request->sink == NULL ? g_byte_array_new () : NULL;
  g_autofree guint8 *buffer = g_malloc (READ_CHUNK);

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, READ_CHUNK, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (result->length + (gsize) n > cap)
        {
          g_set_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_TOO_LARGE,
                       "the body of %s passes %" G_GSIZE_FORMAT " bytes", result->url, cap);
          return FALSE;
        }
      result->length += (gsize) n;
      if (body != NULL)
        g_byte_array_append (body, buffer, (guint) n);
      else if (!g_output_stream_write_all (request->sink, buffer, (gsize) n, NULL, cancellable, error))
        {
          g_prefix_error (error, "cannot store %s: ", result->url);
          if ((*error)->domain != G_IO_ERROR || (*error)->code != G_IO_ERROR_CANCELLED)
            (*error)->domain = VITRINE_FETCH_ERROR, (*error)->code = VITRINE_FETCH_ERROR_WRITE;
          return FALSE;
        }
    }
  if (body != NULL)
    result->body = g_byte_array_free_to_bytes (g_steal_pointer (&body));
  return TRUE;
}

static SoupMessage *
new_message (const VitrineFetchRequest *request,
             const char                *url,
             gboolean                   first)
{
  SoupMessage *message = soup_message_new (SOUP_METHOD_GET, url);
  SoupMessageHeaders *headers;

  if (message == NULL)
    return NULL;
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  /* libsoup 3.2's cache hangs a sync send that carries validators of its own while it
   * holds the response: a caller with validators revalidates by itself. */
  if (request->no_cache || (request->etag != NULL && *request->etag != '\0') ||
      (request->last_modified != NULL && *request->last_modified != '\0'))
    soup_message_disable_feature (message, SOUP_TYPE_CACHE);
  headers = soup_message_get_request_headers (message);
  /* The validators belong to the URL the caller knows, not to where it redirects. */
  if (first && request->etag != NULL && *request->etag != '\0')
    soup_message_headers_replace (headers, "If-None-Match", request->etag);
  if (first && request->last_modified != NULL && *request->last_modified != '\0')
    soup_message_headers_replace (headers, "If-Modified-Since", request->last_modified);
  return message;
}

/* Where a redirect of @message goes, checked; NULL (with @error) when it goes nowhere good. */
static char *
redirect_target (SoupMessage  *message,
                 const char   *url,
                 GError      **error)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message), "Location");
  g_autoptr(GUri) base = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) target = location != NULL && base != NULL ? g_uri_parse_relative (base, location, G_URI_FLAGS_NONE, NULL)
                                                            : NULL;
  g_autofree char *next = target != NULL ? g_uri_to_string (target) : NULL;

  if (next == NULL)
    {
      g_set_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_REDIRECTS,
                   "%s redirects without a usable Location", url);
      return NULL;
    }
  if (!vitrine_feed_fetch_url_allowed (next, error))
    {
      g_prefix_error (error, "%s redirects: ", url);
      return NULL;
    }
  return g_steal_pointer (&next);
}

/* One hop: TRUE with *@next set for a redirect, TRUE with *@next NULL when done. */
static gboolean
fetch_hop (VitrineFeedFetcher        *self,
           const VitrineFetchRequest *request,
           GCancellable              *cancellable,
           VitrineFetchResult        *result,
           char                     **next,
           GError                   **error)
{
  g_autoptr(SoupMessage) message = new_message (request, result->url, result->redirects == 0);
  g_autoptr(GInputStream) stream = NULL;
  gsize cap = request->cap != 0 ? request->cap : VITRINE_FEED_FETCH_FEED_CAP;
  SoupMessageHeaders *headers;
  gboolean ok;

  *next = NULL;
  if (message == NULL)
    return vitrine_feed_fetch_url_allowed (NULL, error);
  stream = soup_session_send (self->session, message, cancellable, error);
  if (stream == NULL)
    return FALSE;
  take_headers (result, message);
  headers = soup_message_get_response_headers (message);

  if (SOUP_STATUS_IS_REDIRECTION (result->status) && result->status != SOUP_STATUS_NOT_MODIFIED)
    {
      *next = redirect_target (message, result->url, error);
      g_input_stream_close (stream, NULL, NULL);
      return *next != NULL;
    }
  if (result->status == SOUP_STATUS_NOT_MODIFIED)
    {
      result->not_modified = TRUE;
      g_input_stream_close (stream, NULL, NULL);
      return TRUE;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (result->status))
    {
      g_set_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_HTTP, "%s answers HTTP %u %s",
                   result->url, result->status, soup_message_get_reason_phrase (message));
      g_input_stream_close (stream, NULL, NULL);
      return FALSE;
    }
  /* Refused before reading when an uncompressed body says it is too large. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL &&
      (guint64) soup_message_headers_get_content_length (headers) > cap)
    {
      g_set_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_TOO_LARGE,
                   "the body of %s is %" G_GINT64_FORMAT " bytes, more than %" G_GSIZE_FORMAT,
                   result->url, soup_message_headers_get_content_length (headers), cap);
      return FALSE;
    }
  ok = read_body (stream, request, cap, cancellable, result, error);
  g_input_stream_close (stream, NULL, NULL);
  return ok;
}

/* What went wrong, said in this file's terms: a time limit, the caller's cancel, the net. */
static void
classify_error (GError   **error,
                gboolean   fired,
                GCancellable *outer,
                const char *url,
                guint       response_timeout_s)
{
  if (*error == NULL || (*error)->domain == VITRINE_FETCH_ERROR)
    return;
  if (fired && !g_cancellable_is_cancelled (outer))
    {
      g_clear_error (error);
      g_set_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_TIMED_OUT,
                   "%s took longer than %u s", url, response_timeout_s);
    }
  else if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_autofree char *message = g_strdup ((*error)->message);

      g_clear_error (error);
      g_set_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_TIMED_OUT, "%s: %s", url, message);
    }
  else if (!g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup ((*error)->message);

      g_clear_error (error);
      g_set_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_NETWORK, "%s: %s", url, message);
    }
}

static gboolean
fetch_locked (VitrineFeedFetcher        *self,
              const VitrineFetchRequest *request,
              GCancellable              *cancellable,
              VitrineFetchResult        *result,
              GError                   **error)
{
  for (;;)
    {
      g_autofree char *next = NULL;

      if (!fetch_hop (self, request, cancellable, result, &next, error))
        return FALSE;
      if (next == NULL)
        return TRUE;
      if (++result->redirects > VITRINE_FEED_FETCH_MAX_REDIRECTS)
        {
          g_set_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_REDIRECTS,
                       "%s: more than %d redirects", request->url, VITRINE_FEED_FETCH_MAX_REDIRECTS);
          return FALSE;
        }
      g_free (result->url);
      result->url = g_steal_pointer (&next);
    }
}

/*
 * GETs @request's URL. TRUE for a 2xx answer (its body read within the cap, into
 * @result->body or the sink) and for a 304 (@result->not_modified). FALSE with
 * VITRINE_FETCH_ERROR otherwise; @result still says the status and Retry-After of the
 * last answer, for the caller's politeness. G_IO_ERROR_CANCELLED when @cancellable was.
 */
gboolean
vitrine_feed_fetcher_get (VitrineFeedFetcher        *self,
                          const VitrineFetchRequest *request,
                          GCancellable              *cancellable,
                          VitrineFetchResult        *result,
                          GError                   **error)
{
  g_autoptr(GCancellable) limited = g_cancellable_new ();
  g_autoptr(GMutexLocker) locker = NULL;
  Watchdog dog = { 0 };
  GThread *thread;
  gulong handler = 0;
  gboolean ok;

  g_return_val_if_fail (VITRINE_IS_FEED_FETCHER (self), FALSE);
  g_return_val_if_fail (request != NULL && result != NULL, FALSE);

  *result = (VitrineFetchResult) { .retry_after_s = -1, .url = g_strdup (request->url) };
  if (!vitrine_feed_fetch_url_allowed (request->url, error))
    return FALSE;

  locker = g_mutex_locker_new (&self->lock);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel), limited, NULL);
  g_mutex_init (&dog.lock);
  g_cond_init (&dog.cond);
  dog.cancellable = limited;
  dog.deadline = g_get_monotonic_time () + (gint64) self->response_timeout_s * G_TIME_SPAN_SECOND;
  thread = g_thread_new ("vitrine-fetch-limit", watchdog_thread, &dog);

  ok = fetch_locked (self, request, limited, result, error);

  g_mutex_lock (&dog.lock);
  dog.done = TRUE;
  g_cond_signal (&dog.cond);
  g_mutex_unlock (&dog.lock);
  g_thread_join (thread);
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  if (!ok)
    classify_error (error, dog.fired, cancellable, request->url, self->response_timeout_s);
  g_mutex_clear (&dog.lock);
  g_cond_clear (&dog.cond);
  if (self->cache != NULL)
    soup_cache_dump (self->cache);
  return ok;
}

static void
vitrine_feed_fetcher_finalize (GObject *object)
{
  VitrineFeedFetcher *self = VITRINE_FEED_FETCHER (object);

  if (self->cache != NULL)
    soup_cache_dump (self->cache);
  g_clear_object (&self->cache);
  g_clear_object (&self->session);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (vitrine_feed_fetcher_parent_class)->finalize (object);
}

static void
vitrine_feed_fetcher_class_init (VitrineFeedFetcherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vitrine_feed_fetcher_finalize;
}

static void
vitrine_feed_fetcher_init (VitrineFeedFetcher *self)
{
  g_mutex_init (&self->lock);
}

/*
 * A fetcher with libsoup's disk cache in @cache_dir (NULL: none), a connect (and per-read)
 * timeout and a whole-response limit, in seconds.
 */
VitrineFeedFetcher *
vitrine_feed_fetcher_new (const char *cache_dir,
                          guint       connect_timeout_s,
                          guint       response_timeout_s)
{
  VitrineFeedFetcher *self = g_object_new (VITRINE_TYPE_FEED_FETCHER, NULL);
  g_autofree char *agent = g_strdup_printf ("Vitrine/%s", vitrine_version ());

  self->response_timeout_s = MAX (1, response_timeout_s);
  self->session = soup_session_new_with_options ("timeout", MAX (1, connect_timeout_s),
                                                 "user-agent", agent,
                                                 "max-conns-per-host", 1,
                                                 /* The desktop's proxy settings live behind
                                                  * GSettings and the session bus, which the
                                                  * sandbox takes away: connections go direct. */
                                                 "proxy-resolver", NULL,
                                                 NULL);
  if (cache_dir != NULL && g_mkdir_with_parents (cache_dir, 0700) == 0)
    {
      self->cache = soup_cache_new (cache_dir, SOUP_CACHE_SINGLE_USER);
      soup_cache_set_max_size (self->cache, HTTP_CACHE_SIZE);
      soup_cache_load (self->cache);
      soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (self->cache));
    }
  return self;
}
