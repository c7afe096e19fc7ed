/* vitrine-test-http.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "vitrine-test-http.h"

#define MIB (1024 * 1024)

typedef struct
{
  char   *content_type;
  GBytes *body;
} Entry;

struct _VtHttp
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base;
  GMutex        lock;
  GCond         ready;
  GHashTable   *entries;   /* path → Entry */
  GHashTable   *hits;      /* path → count */
  char         *user_agent;
  GBytes       *bomb;
};

static guint8 zeros[MIB];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_free (entry->content_type);
  g_bytes_unref (entry->body);
  g_free (entry);
}

/* 64 MiB of zeros through gzip: about 64 KB. */
static GBytes *
make_bomb (void)
{
  g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 buffer[64 * 1024];

  for (guint i = 0; i <= 64; i++)
    {
      gsize read = 0, written = 0;
      GConverterResult res;
      gsize offset = 0;

      do
        {
          res = g_converter_convert (G_CONVERTER (gzip), zeros + offset, i < 64 ? MIB - offset : 0,
                                     buffer, sizeof buffer,
                                     i < 64 ? G_CONVERTER_NO_FLAGS : G_CONVERTER_INPUT_AT_END,
                                     &read, &written, NULL);
          g_assert_cmpint (res, !=, G_CONVERTER_ERROR);
          offset += read;
          g_byte_array_append (out, buffer, (guint) written);
        }
      while ((i < 64 && offset < MIB) || (i == 64 && res != G_CONVERTER_FINISHED));
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

typedef struct
{
  SoupServerMessage *message;
  guint              left;   /* chunks (or bytes, trickling) still to send */
  gsize              chunk;
} Stream;

static gboolean
trickle_cb (gpointer data)
{
  Stream *stream = data;

  soup_message_body_append (soup_server_message_get_response_body (stream->message), SOUP_MEMORY_STATIC, "x", 1);
  soup_server_message_unpause (stream->message);
  return G_SOURCE_CONTINUE;
}

static void
stream_wrote_cb (SoupServerMessage *message,
                 gpointer           data)
{
  Stream *stream = data;
  SoupMessageBody *body = soup_server_message_get_response_body (message);

  if (stream->left == 0)
    return;
  if (--stream->left == 0)
    soup_message_body_complete (body);
  else
    soup_message_body_append (body, SOUP_MEMORY_STATIC, zeros, stream->chunk);
}

static void
stream_finished_cb (gpointer  data,
                    GClosure *closure)
{
  g_free (data);
}

/* @n_mib MiB of @type, starting with @first (the rest zeros), chunked. */
static void
stream_body (SoupServerMessage *message,
             const char        *type,
             const char        *first,
             guint              n_mib)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_response_body (message);
  Stream *stream = g_new0 (Stream, 1);

  stream->message = message;
  stream->left = n_mib;
  stream->chunk = MIB;
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, type, NULL);
  soup_message_body_set_accumulate (body, FALSE);
  soup_server_message_set_status (message, 200, NULL);
  if (first != NULL)
    soup_message_body_append (body, SOUP_MEMORY_COPY, first, strlen (first));
  soup_message_body_append (body, SOUP_MEMORY_STATIC, zeros, MIB - (first != NULL ? strlen (first) : 0));
  g_signal_connect_data (message, "wrote-chunk", G_CALLBACK (stream_wrote_cb), stream,
                         stream_finished_cb, 0);
}

static void
trickle_done_cb (SoupServerMessage *message,
                 gpointer           data)
{
  g_source_destroy (data);
}

static void
trickle (SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  Stream *stream = g_new0 (Stream, 1);
  GSource *source = g_timeout_source_new (1000);

  stream->message = message;
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (headers, "application/rss+xml", NULL);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (message), FALSE);
  soup_server_message_set_status (message, 200, NULL);
  g_source_set_callback (source, trickle_cb, stream, g_free);
  g_source_attach (source, g_main_context_get_thread_default ());
  g_signal_connect_data (message, "finished", G_CALLBACK (trickle_done_cb), source,
                         (GClosureNotify) (void (*) (void)) g_source_unref, 0);
  g_signal_connect_data (message, "disconnected", G_CALLBACK (trickle_done_cb), g_source_ref (source),
                         (GClosureNotify) (void (*) (void)) g_source_unref, 0);
  soup_server_message_pause (message);
}

static void
redirect (SoupServerMessage *message,
          const char        *location)
{
  soup_server_message_set_status (message, 302, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (message), "Location", location);
}

static gboolean
fixed_route (VtHttp            *http,
             SoupServerMessage *message,
             const char        *path)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  static const char html[] = "<!DOCTYPE html><html><body>not an image</body></html>";

  if (g_str_equal (path, "/big"))
    stream_body (message, "text/plain", NULL, 50);
  else if (g_str_equal (path, "/huge-image"))
    stream_body (message, "image/png", "\x89PNG\r\n\x1a\n", 60);
  else if (g_str_equal (path, "/gzip-bomb"))
    {
      soup_message_headers_replace (headers, "Content-Encoding", "gzip");
      soup_server_message_set_response (message, "application/rss+xml", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (http->bomb, NULL), g_bytes_get_size (http->bomb));
      soup_server_message_set_status (message, 200, NULL);
    }
  else if (g_str_equal (path, "/loop"))
    redirect (message, "/loop");
  else if (g_str_has_prefix (path, "/redirect/"))
    {
      guint n = (guint) g_ascii_strtoull (path + strlen ("/redirect/"), NULL, 10);
      g_autofree char *next = g_strdup_printf ("/redirect/%u", n - 1);

      if (n == 0)
        {
          soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "arrived", 7);
          soup_server_message_set_status (message, 200, NULL);
        }
      else
        redirect (message, next);
    }
  else if (g_str_equal (path, "/to-file"))
    redirect (message, "file:///etc/passwd");
  else if (g_str_equal (path, "/trickle"))
    trickle (message);
  else if (g_str_equal (path, "/429"))
    {
      soup_message_headers_replace (headers, "Retry-After", "120");
      soup_server_message_set_status (message, 429, NULL);
    }
  else if (g_str_equal (path, "/500"))
    soup_server_message_set_status (message, 500, NULL);
  else if (g_str_equal (path, "/html-image"))
    {
      soup_server_message_set_response (message, "image/jpeg", SOUP_MEMORY_STATIC, html, strlen (html));
      soup_server_message_set_status (message, 200, NULL);
    }
  else if (g_str_equal (path, "/etag"))
    {
      const char *match = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                        "If-None-Match");

      soup_message_headers_replace (headers, "ETag", "\"v1\"");
      if (g_strcmp0 (match, "\"v1\"") == 0)
        soup_server_message_set_status (message, 304, NULL);
      else
        {
          soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "etag body", 9);
          soup_server_message_set_status (message, 200, NULL);
        }
    }
  else
    return FALSE;
  return TRUE;
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  VtHttp *http = data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&http->lock);
  Entry *entry;

  g_hash_table_insert (http->hits, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (http->hits, path)) + 1));
  g_free (http->user_agent);
  http->user_agent = g_strdup (soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                             "User-Agent"));
  entry = g_hash_table_lookup (http->entries, path);
  if (entry != NULL)
    {
      soup_server_message_set_response (message, entry->content_type, SOUP_MEMORY_COPY,
                                        g_bytes_get_data (entry->body, NULL), g_bytes_get_size (entry->body));
      soup_server_message_set_status (message, 200, NULL);
      return;
    }
  if (!fixed_route (http, message, path))
    soup_server_message_set_status (message, 404, NULL);
}

static gpointer
server_thread (gpointer data)
{
  VtHttp *http = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (http->context);
  http->server = soup_server_new ("server-header", "vt-http", NULL);
  soup_server_add_handler (http->server, NULL, handler_cb, http, NULL);
  g_assert_true (soup_server_listen_local (http->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (http->server);
  g_mutex_lock (&http->lock);
  http->base = g_uri_to_string (uris->data);
  if (g_str_has_suffix (http->base, "/"))
    http->base[strlen (http->base) - 1] = '\0';
  g_cond_signal (&http->ready);
  g_mutex_unlock (&http->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (http->loop);
  soup_server_disconnect (http->server);
  g_clear_object (&http->server);
  g_main_context_pop_thread_default (http->context);
  return NULL;
}

VtHttp *
vt_http_start (void)
{
  VtHttp *http = g_new0 (VtHttp, 1);

  g_mutex_init (&http->lock);
  g_cond_init (&http->ready);
  http->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  http->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  http->bomb = make_bomb ();
  http->context = g_main_context_new ();
  http->loop = g_main_loop_new (http->context, FALSE);
  g_mutex_lock (&http->lock);
  http->thread = g_thread_new ("vt-http", server_thread, http);
  while (http->base == NULL)
    g_cond_wait (&http->ready, &http->lock);
  g_mutex_unlock (&http->lock);
  return http;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Stops listening and answering; what clients ask afterwards is refused. */
void
vt_http_stop (VtHttp *http)
{
  if (http == NULL)
    return;
  g_main_context_invoke (http->context, quit_cb, http->loop);
  g_thread_join (http->thread);
  g_main_loop_unref (http->loop);
  g_main_context_unref (http->context);
  g_hash_table_unref (http->entries);
  g_hash_table_unref (http->hits);
  g_bytes_unref (http->bomb);
  g_free (http->user_agent);
  g_free (http->base);
  g_mutex_clear (&http->lock);
  g_cond_clear (&http->ready);
  g_free (http);
}

/* "http://127.0.0.1:PORT", without a trailing slash. */
const char *
vt_http_base (VtHttp *http)
{
  return http->base;
}

char *
vt_http_url (VtHttp     *http,
             const char *path)
{
  return g_strconcat (http->base, path, NULL);
}

void
vt_http_put (VtHttp     *http,
             const char *path,
             const char *content_type,
             GBytes     *body)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&http->lock);
  Entry *entry = g_new0 (Entry, 1);

  entry->content_type = g_strdup (content_type);
  entry->body = g_bytes_ref (body);
  g_hash_table_insert (http->entries, g_strdup (path), entry);
}

void
vt_http_put_file (VtHttp     *http,
                  const char *path,
                  const char *content_type,
                  const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GBytes) bytes = NULL;

  g_file_get_contents (file, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  vt_http_put (http, path, content_type, bytes);
}

/* @file with every "@BASE@" replaced by the server's address. */
void
vt_http_put_template (VtHttp     *http,
                      const char *path,
                      const char *content_type,
                      const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_file_get_contents (file, &contents, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (contents);
  g_string_replace (text, "@BASE@", http->base, 0);
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  vt_http_put (http, path, content_type, bytes);
}

void
vt_http_remove (VtHttp     *http,
                const char *path)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&http->lock);

  g_hash_table_remove (http->entries, path);
}

guint
vt_http_hits (VtHttp     *http,
              const char *path)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&http->lock);

  return GPOINTER_TO_UINT (g_hash_table_lookup (http->hits, path));
}

char *
vt_http_user_agent (VtHttp *http)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&http->lock);

  return g_strdup (http->user_agent);
}
