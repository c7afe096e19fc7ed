/* vitrine-feed-fetcher.h: the feed role's HTTP client (libsoup 3): http and https only,
 * timeouts, body caps counted after decompression while streaming, at most 5 redirects,
 * conditional requests and libsoup's disk cache. Blocking: call it on worker threads.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VITRINE_FEED_FETCH_FEED_CAP       ((gsize) 4 << 20)
#define VITRINE_FEED_FETCH_IMAGE_CAP      ((gsize) 40 << 20)
#define VITRINE_FEED_FETCH_MAX_REDIRECTS  5
#define VITRINE_FEED_FETCH_CONNECT_S      10
#define VITRINE_FEED_FETCH_RESPONSE_S     30

#define VITRINE_FETCH_ERROR (vitrine_fetch_error_quark ())

typedef enum
{
  VITRINE_FETCH_ERROR_SCHEME,      /* not an absolute http or https URL */
  VITRINE_FETCH_ERROR_TOO_LARGE,   /* the body passed its cap */
  VITRINE_FETCH_ERROR_REDIRECTS,   /* more than 5 redirects, or one without a good Location */
  VITRINE_FETCH_ERROR_TIMED_OUT,   /* no connection in time, or the whole response too slow */
  VITRINE_FETCH_ERROR_HTTP,        /* an answer other than 2xx or 304 */
  VITRINE_FETCH_ERROR_NETWORK,     /* resolving, connecting, TLS, a broken transfer */
  VITRINE_FETCH_ERROR_WRITE,       /* the sink refused the body */
} VitrineFetchError;

typedef struct
{
  const char    *url;
  gsize          cap;            /* bytes after decompression; 0: the feed cap */
  const char    *etag;           /* If-None-Match, if any */
  const char    *last_modified;  /* If-Modified-Since, if any */
  GOutputStream *sink;           /* where the body goes; NULL: into the result's body */
  gboolean       no_cache;       /* past libsoup's disk cache (images go to the mirror) */
} VitrineFetchRequest;

typedef struct
{
  guint    status;          /* the last HTTP status; 0 without an answer */
  char    *url;             /* after redirects */
  GBytes  *body;            /* without a sink and unless not_modified */
  gsize    length;          /* body bytes, decompressed */
  gboolean not_modified;    /* 304: what the caller has is current */
  char    *etag;
  char    *last_modified;
  char    *cache_control;
  char    *content_type;
  gint64   retry_after_s;   /* from Retry-After (seconds or a date); -1 without one */
  guint    redirects;
} VitrineFetchResult;

#define VITRINE_TYPE_FEED_FETCHER (vitrine_feed_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (VitrineFeedFetcher, vitrine_feed_fetcher, VITRINE, FEED_FETCHER, GObject)

GQuark              vitrine_fetch_error_quark         (void);
gboolean            vitrine_feed_fetch_url_allowed    (const char                *url,
                                                       GError                   **error);
VitrineFeedFetcher *vitrine_feed_fetcher_new          (const char                *cache_dir,
                                                       guint                      connect_timeout_s,
                                                       guint                      response_timeout_s);
gboolean            vitrine_feed_fetcher_get          (VitrineFeedFetcher        *self,
                                                       const VitrineFetchRequest *request,
                                                       GCancellable              *cancellable,
                                                       VitrineFetchResult        *result,
                                                       GError                   **error);
void                vitrine_fetch_result_clear        (VitrineFetchResult        *result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VitrineFetchResult, vitrine_fetch_result_clear)

G_END_DECLS
