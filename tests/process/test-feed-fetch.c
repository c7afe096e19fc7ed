/* test-feed-fetch.c: the feed role's HTTP client against a loopback SoupServer: the user
 * agent, conditional requests and the disk cache, refused schemes, and every hostile
 * answer it must survive within its caps: a 50 MB body, a gzip bomb, a redirect loop, a
 * server trickling a byte a second, 429 with Retry-After, 500, a 60 MB image, a port
 * nobody listens on.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "vitrine-feed-fetcher.h"
#include "vitrine-test-http.h"
#include "vitrine-test-util.h"
#include "vitrine-version.h"

static VtHttp *http;

/* The process's peak resident memory so far, in KiB. */
static guint64
peak_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "VmHWM:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10);
}

static gboolean
fetch (VitrineFeedFetcher  *fetcher,
       const char          *path,
       gsize                cap,
       VitrineFetchResult  *result,
       GError             **error)
{
  g_autofree char *url = g_str_has_prefix (path, "/") ? vt_http_url (http, path) : g_strdup (path);
  VitrineFetchRequest request = { .url = url, .cap = cap };

  return vitrine_feed_fetcher_get (fetcher, &request, NULL, result, error);
}

static void
test_plain (void)
{
  g_autofree char *cache = g_dir_make_tmp ("vitrine-http-XXXXXX", NULL);
  g_autoptr(VitrineFeedFetcher) fetcher = vitrine_feed_fetcher_new (cache, 10, 30);
  g_autoptr(GBytes) body = g_bytes_new_static ("<rss/>", 6);
  g_auto(VitrineFetchResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *expected_agent = g_strdup_printf ("Vitrine/%s", vitrine_version ());

  vt_http_put (http, "/plain.xml", "application/rss+xml", body);
  g_assert_true (fetch (fetcher, "/plain.xml", 0, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (result.body, NULL), g_bytes_get_size (result.body), "<rss/>", 6);
  g_assert_cmpstr (result.content_type, ==, "application/rss+xml");
  agent = vt_http_user_agent (http);
  g_assert_cmpstr (agent, ==, expected_agent);
  vt_remove_tree (cache);
}

/* A 304 to the caller's validator says "not modified"; without one the body comes. */
static void
test_conditional (void)
{
  g_autofree char *cache = g_dir_make_tmp ("vitrine-http-XXXXXX", NULL);
  g_autoptr(VitrineFeedFetcher) fetcher = vitrine_feed_fetcher_new (cache, 10, 30);
  g_auto(VitrineFetchResult) first = { 0 };
  g_auto(VitrineFetchResult) second = { 0 };
  g_auto(VitrineFetchResult) third = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *url = vt_http_url (http, "/etag");
  VitrineFetchRequest request = { .url = url };
  guint hits = vt_http_hits (http, "/etag");

  g_assert_true (vitrine_feed_fetcher_get (fetcher, &request, NULL, &first, &error));
  g_assert_no_error (error);
  g_assert_false (first.not_modified);
  g_assert_cmpstr (first.etag, ==, "\"v1\"");
  g_assert_cmpuint (first.length, ==, 9);

  request.etag = first.etag;
  g_assert_true (vitrine_feed_fetcher_get (fetcher, &request, NULL, &second, &error));
  g_assert_no_error (error);
  g_assert_true (second.not_modified);
  g_assert_null (second.body);
  /* Both went to the server: the second asked and was told nothing changed. */
  g_assert_cmpuint (vt_http_hits (http, "/etag"), ==, hits + 2);

  /* Without validators (a fresh start), libsoup's disk cache revalidates what it kept
   * and answers with the body it has. */
  request.etag = NULL;
  g_assert_true (vitrine_feed_fetcher_get (fetcher, &request, NULL, &third, &error));
  g_assert_no_error (error);
  g_assert_false (third.not_modified);
  g_assert_cmpmem (g_bytes_get_data (third.body, NULL), g_bytes_get_size (third.body), "etag body", 9);
  g_assert_cmpuint (vt_http_hits (http, "/etag"), ==, hits + 3);
  g_object_unref (g_steal_pointer (&fetcher));
  /* libsoup's disk cache kept its index. */
  {
    g_autofree char *index = g_build_filename (cache, "soup.cache2", NULL);

    g_assert_true (g_file_test (index, G_FILE_TEST_EXISTS));
  }
  vt_remove_tree (cache);
}

static void
test_schemes (void)
{
  g_autoptr(VitrineFeedFetcher) fetcher = vitrine_feed_fetcher_new (NULL, 10, 30);
  const char *refused[] = { "file:///etc/passwd", "data:text/plain,hello", "ftp://127.0.0.1/feed.xml",
                            "relative/feed.xml", "http://", "" };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto(VitrineFetchResult) result = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (fetch (fetcher, refused[i], 0, &result, &error));
      g_assert_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_SCHEME);
      g_assert_cmpuint (result.status, ==, 0);
    }

  /* A redirect to a local file is refused too, and nothing of the file is read. */
  {
    g_auto(VitrineFetchResult) result = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_false (fetch (fetcher, "/to-file", 0, &result, &error));
    g_assert_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_SCHEME);
    g_assert_null (result.body);
  }
}

/* 50 MB without a length, a gzip bomb: both stop at the cap, in bounded memory. */
static void
test_caps (void)
{
  g_autoptr(VitrineFeedFetcher) fetcher = vitrine_feed_fetcher_new (NULL, 10, 30);
  const char *paths[] = { "/big", "/gzip-bomb" };
  guint64 before = peak_kib ();

  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(VitrineFetchResult) result = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (fetch (fetcher, paths[i], 0, &result, &error));
      g_assert_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_TOO_LARGE);
      g_assert_cmpuint (result.length, <=, VITRINE_FEED_FETCH_FEED_CAP);
      g_assert_null (result.body);
    }
  /* The bomb inflates to 64 MiB and the big body is 50 MB: neither was held. */
  g_assert_cmpuint (peak_kib () - before, <, 40 * 1024);
}

/* A 60 MB image streamed to a file stops at the image cap; the file holds no more. */
static void
test_image_cap (void)
{
  g_autoptr(VitrineFeedFetcher) fetcher = vitrine_feed_fetcher_new (NULL, 10, 30);
  g_autofree char *dir = g_dir_make_tmp ("vitrine-fetch-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "image.partial", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, NULL);
  g_autofree char *url = vt_http_url (http, "/huge-image");
  VitrineFetchRequest request = { .url = url, .cap = VITRINE_FEED_FETCH_IMAGE_CAP,
                                  .sink = G_OUTPUT_STREAM (out), .no_cache = TRUE };
  g_auto(VitrineFetchResult) result = { 0 };
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_false (vitrine_feed_fetcher_get (fetcher, &request, NULL, &result, &error));
  g_assert_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_TOO_LARGE);
  g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, <=, (goffset) VITRINE_FEED_FETCH_IMAGE_CAP);
  g_assert_cmpint (st.st_size, >, 0);
  vt_remove_tree (dir);
}

static void
test_redirects (void)
{
  g_autoptr(VitrineFeedFetcher) fetcher = vitrine_feed_fetcher_new (NULL, 10, 30);
  g_auto(VitrineFetchResult) five = { 0 };
  g_auto(VitrineFetchResult) six = { 0 };
  g_auto(VitrineFetchResult) loop = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (fetch (fetcher, "/redirect/5", 0, &five, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (five.redirects, ==, 5);
  g_assert_true (g_str_has_suffix (five.url, "/redirect/0"));
  g_assert_cmpmem (g_bytes_get_data (five.body, NULL), g_bytes_get_size (five.body), "arrived", 7);

  g_assert_false (fetch (fetcher, "/redirect/6", 0, &six, &error));
  g_assert_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_REDIRECTS);
  g_clear_error (&error);

  g_assert_false (fetch (fetcher, "/loop", 0, &loop, &error));
  g_assert_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_REDIRECTS);
  g_assert_cmpuint (loop.redirects, ==, VITRINE_FEED_FETCH_MAX_REDIRECTS + 1);
}

/* One byte a second never trips a per-read timeout; the whole-response limit stops it. */
static void
test_trickle (void)
{
  g_autoptr(VitrineFeedFetcher) fetcher = vitrine_feed_fetcher_new (NULL, 10, 2);
  g_auto(VitrineFetchResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (fetch (fetcher, "/trickle", 0, &result, &error));
  g_assert_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_TIMED_OUT);
  g_assert_cmpuint (result.status, ==, 200);
  g_assert_cmpuint (result.length, <, 10);
}

static void
test_statuses (void)
{
  g_autoptr(VitrineFeedFetcher) fetcher = vitrine_feed_fetcher_new (NULL, 10, 30);
  g_auto(VitrineFetchResult) limited = { 0 };
  g_auto(VitrineFetchResult) broken = { 0 };
  g_auto(VitrineFetchResult) missing = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (fetch (fetcher, "/429", 0, &limited, &error));
  g_assert_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_HTTP);
  g_assert_cmpuint (limited.status, ==, 429);
  g_assert_cmpint (limited.retry_after_s, ==, 120);
  g_clear_error (&error);

  g_assert_false (fetch (fetcher, "/500", 0, &broken, &error));
  g_assert_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_HTTP);
  g_assert_cmpuint (broken.status, ==, 500);
  g_assert_cmpint (broken.retry_after_s, ==, -1);
  g_clear_error (&error);

  g_assert_false (fetch (fetcher, "/no-such-file", 0, &missing, &error));
  g_assert_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_HTTP);
  g_assert_cmpuint (missing.status, ==, 404);
}

/* Port 1 on the loopback: nobody listens; refused at once, a network error. */
static void
test_refused (void)
{
  g_autoptr(VitrineFeedFetcher) fetcher = vitrine_feed_fetcher_new (NULL, 10, 30);
  g_auto(VitrineFetchResult) result = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (fetch (fetcher, "http://127.0.0.1:1/feed.xml", 0, &result, &error));
  g_assert_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_NETWORK);
  g_assert_cmpuint (result.status, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The feed role's HTTP client against a loopback server with hostile answers");

  http = vt_http_start ();
  g_test_add_func ("/FeedFetch/plain", test_plain);
  g_test_add_func ("/FeedFetch/conditional", test_conditional);
  g_test_add_func ("/FeedFetch/schemes", test_schemes);
  g_test_add_func ("/FeedFetch/caps", test_caps);
  g_test_add_func ("/FeedFetch/image-cap", test_image_cap);
  g_test_add_func ("/FeedFetch/redirects", test_redirects);
  g_test_add_func ("/FeedFetch/trickle", test_trickle);
  g_test_add_func ("/FeedFetch/statuses", test_statuses);
  g_test_add_func ("/FeedFetch/refused", test_refused);
  status = g_test_run ();
  vt_http_stop (http);
  return status;
}
