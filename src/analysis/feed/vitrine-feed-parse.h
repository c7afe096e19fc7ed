/* vitrine-feed-parse.h: a feed's bytes to a plain document (issue 11 item 2). RSS 2.0,
 * Atom 1.0 and Media RSS through libxml2 (no network, no DTD, no entity beyond the
 * predefined five: a document whose internal subset declares entities is refused as
 * HOSTILE), JSON listings through json-glib (a user-given path such as "images[*].url",
 * or Reddit-style "data.children[].data") with size and depth limits checked before
 * json-glib sees the bytes. Every URL handed out is absolute http(s): relative ones are
 * resolved against the base (or the feed's URL), anything else is dropped. Pure: no I/O,
 * so the fuzz targets and the unit tests drive it over bytes. Callable from any thread:
 * the only state it touches is libxml2's per-thread error handler, put back afterwards;
 * libxml2 wants vitrine_feed_parse_init() called once from the main thread before
 * threads parse (a process that parses on its main thread only need not).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest document parsed (the fetcher's body cap is 4 MiB; this is the backstop). */
#define VITRINE_FEED_MAX_BYTES        (8 * 1024 * 1024)
/* The deepest JSON nesting accepted (json-glib recurses per level). */
#define VITRINE_FEED_MAX_JSON_DEPTH   64
/* max_items == 0 means this many. */
#define VITRINE_FEED_DEFAULT_MAX_ITEMS 1000
/* Reddit-style listings: with preview widths, the largest must be at least this wide. */
#define VITRINE_FEED_REDDIT_MIN_WIDTH 2560

#define VITRINE_FEED_ERROR (vitrine_feed_error_quark ())

typedef enum {
  VITRINE_FEED_ERROR_MALFORMED,   /* not well-formed XML or JSON */
  VITRINE_FEED_ERROR_UNSUPPORTED, /* well-formed, but not RSS, Atom or a JSON listing */
  VITRINE_FEED_ERROR_HOSTILE,     /* a DTD declaring entities, external references */
  VITRINE_FEED_ERROR_TOO_LARGE,   /* over VITRINE_FEED_MAX_BYTES or nested too deep */
  VITRINE_FEED_ERROR_EMPTY,       /* no bytes, or a document without a single item */
} VitrineFeedError;

typedef enum {
  VITRINE_FEED_KIND_RSS,
  VITRINE_FEED_KIND_ATOM,
  VITRINE_FEED_KIND_JSON,
} VitrineFeedKind;

typedef struct {
  char   *title;          /* plain text, whitespace collapsed, or NULL */
  char   *link;           /* absolute http(s) or NULL */
  char   *image_url;      /* absolute http(s) or NULL (a headline) */
  gint64  published_unix; /* G_MININT64 when unknown */
  int     image_width;    /* 0 unknown */
  int     image_height;   /* 0 unknown */
  char   *guid;           /* <guid>, <id>, a JSON "id", or NULL */
} VitrineFeedItem;

typedef struct {
  VitrineFeedKind  kind;
  char            *title;
  char            *link;
  gint64           ttl_s;  /* from <ttl> or sy:updatePeriod/Frequency; -1 unknown */
  GPtrArray       *items;  /* VitrineFeedItem*, owned, in document order */
} VitrineFeedDocument;

typedef struct {
  const char *url;       /* the feed's own URL, base for relative URLs */
  const char *base_url;  /* optional base overriding url */
  const char *json_path; /* optional, e.g. "images[*].url" */
  guint       max_items; /* 0 = VITRINE_FEED_DEFAULT_MAX_ITEMS */
} VitrineFeedParseOptions;

GQuark               vitrine_feed_error_quark             (void);
void                 vitrine_feed_parse_init              (void);
const char          *vitrine_feed_kind_to_string          (VitrineFeedKind                kind);

VitrineFeedDocument *vitrine_feed_parse                   (const guint8                  *data,
                                                           gsize                          length,
                                                           const VitrineFeedParseOptions *options,
                                                           GError                       **error);
void                 vitrine_feed_document_free           (VitrineFeedDocument           *document);
void                 vitrine_feed_item_free               (VitrineFeedItem               *item);

gint64               vitrine_feed_ttl_from_cache_control  (const char                    *header);
gboolean             vitrine_feed_parse_date              (const char                    *text,
                                                           gint64                        *unix_out);
char                *vitrine_feed_resolve_url             (const char                    *base,
                                                           const char                    *reference);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineFeedDocument, vitrine_feed_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineFeedItem, vitrine_feed_item_free)

G_END_DECLS
