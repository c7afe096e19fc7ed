/* vitrine-feeds.h: feeds, headlines and weather in the display process (issue 11). It
 * asks the feed worker for everything through the supervisor, one request at a time, on a
 * schedule of its own (refresh intervals and TTLs, the per-feed backoff of
 * vitrine-feed-politeness.h, hosts that asked to be left alone); it opens no socket and
 * reads no mirrored file. Mirrored images reach it as paths, which the slideshow hands to
 * the image worker like local photos.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vitrine-supervisor.h"

G_BEGIN_DECLS

/* A mirrored feed image the slideshow may show. */
typedef struct
{
  char *path;       /* in the mirror; for the image worker only */
  char *url;        /* where it came from (domain alternation, priorities) */
  char *feed;       /* the feed's URL */
} VitrineFeedImage;

/* A headline for the headlines card. */
typedef struct
{
  char   *title;
  char   *link;             /* may be NULL */
  char   *source;           /* the feed's title, else its host */
  gint64  published_unix;   /* G_MININT64 unknown */
} VitrineHeadline;

/* What the settings editor shows per feed. */
typedef struct
{
  char     *url;
  gboolean  images;          /* an image feed (else a headline feed) */
  char     *state;           /* "waiting", "fetching", "ok", "failing", "paused" */
  char     *title;           /* the feed's own title, or NULL */
  gint64    last_fetch_unix; /* 0 never */
  guint     n_items;
  guint     n_mirrored;
  guint64   mirrored_bytes;
  guint     failures;
  char     *last_error;      /* NULL after a success */
} VitrineFeedInfo;

#define VITRINE_TYPE_FEEDS (vitrine_feeds_get_type ())

G_DECLARE_FINAL_TYPE (VitrineFeeds, vitrine_feeds, VITRINE, FEEDS, GObject)

VitrineFeeds *vitrine_feeds_new             (VitrineSupervisor *supervisor,
                                             GSettings         *settings);
void          vitrine_feeds_start           (VitrineFeeds      *self);
GPtrArray    *vitrine_feeds_get_images      (VitrineFeeds      *self);
GPtrArray    *vitrine_feeds_get_headlines   (VitrineFeeds      *self);
GPtrArray    *vitrine_feeds_dup_feed_info   (VitrineFeeds      *self);
GVariant     *vitrine_feeds_get_weather     (VitrineFeeds      *self);
const char   *vitrine_feeds_get_weather_error (VitrineFeeds    *self);
void          vitrine_feeds_add_status      (VitrineFeeds      *self,
                                             JsonBuilder       *builder);
GPtrArray    *vitrine_feeds_dup_intents     (VitrineFeeds      *self);
void          vitrine_feed_info_free        (VitrineFeedInfo   *info);
char         *vitrine_feed_info_describe    (const VitrineFeedInfo *info);

G_END_DECLS
