/* vitrine-test-http.h: a loopback HTTP server (libsoup's SoupServer on 127.0.0.1, on a
 * thread of its own) for the feed tests: files the test puts there, and hostile answers.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Fixed routes, besides what vt_http_put() adds:
 *   /big         50 MB of text/plain, chunked (no Content-Length)
 *   /gzip-bomb   64 MiB of zeros gzip-compressed to ~64 KB, Content-Encoding: gzip
 *   /loop        a redirect to itself
 *   /redirect/N  N redirects, then "arrived"
 *   /to-file     a redirect to file:///etc/passwd
 *   /trickle     one byte a second, forever
 *   /429         429 with Retry-After: 120
 *   /500         500
 *   /html-image  an HTML page with Content-Type image/jpeg
 *   /huge-image  a 60 MB "image/png" (a PNG signature, then zeros), chunked
 *   /etag        "etag body" with ETag "v1"; 304 to If-None-Match "v1"
 */
typedef struct _VtHttp VtHttp;

VtHttp     *vt_http_start       (void);
void        vt_http_stop        (VtHttp      *http);
const char *vt_http_base        (VtHttp      *http);
char       *vt_http_url         (VtHttp      *http,
                                 const char  *path);
void        vt_http_put         (VtHttp      *http,
                                 const char  *path,
                                 const char  *content_type,
                                 GBytes      *body);
void        vt_http_put_file    (VtHttp      *http,
                                 const char  *path,
                                 const char  *content_type,
                                 const char  *file);
void        vt_http_put_template (VtHttp    *http,
                                 const char  *path,
                                 const char  *content_type,
                                 const char  *file);
void        vt_http_remove      (VtHttp      *http,
                                 const char  *path);
guint       vt_http_hits        (VtHttp      *http,
                                 const char  *path);
char       *vt_http_user_agent  (VtHttp      *http);

G_END_DECLS
