/* vitrine-feeds-private.h: the instance struct, shared by the object and its schedule
 * (vitrine-feeds.c), what it does with the worker's replies (vitrine-feeds-replies.c) and
 * its part of --status (vitrine-feeds-status.c).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-feed-politeness.h"
#include "vitrine-feeds.h"

G_BEGIN_DECLS

/* At start, this many of the newest mirrored images are offered before the network is asked. */
#define VITRINE_FEEDS_OFFER_AT_START 30

typedef enum
{
  VITRINE_FEEDS_IMAGES_CHANGED,
  VITRINE_FEEDS_HEADLINES_CHANGED,
  VITRINE_FEEDS_WEATHER_CHANGED,
  VITRINE_FEEDS_FEEDS_CHANGED,
  VITRINE_FEEDS_INTENTS_CHANGED,
  VITRINE_FEEDS_N_SIGNALS
} VitrineFeedsSignal;

/* One configured feed. */
typedef struct
{
  guint64            id;             /* never reused: replies find their feed by it */
  char              *url;
  char              *json_path;
  gboolean           images;
  char              *title;
  char              *etag;
  char              *last_modified;
  gint64             ttl_s;
  VitrineFeedHealth  health;
  double             next_fetch;     /* monotonic s */
  gint64             last_fetch_unix;
  guint              n_items;
  guint              n_mirrored;
  guint64            mirrored_bytes;
  char              *last_error;
  gboolean           fetching;
  GPtrArray         *headlines;      /* VitrineHeadline, headline feeds */
  GPtrArray         *fresh;          /* VitrineFeedImage mirrored since the last refresh */
  guint              pending;        /* its mirror jobs still queued */
  GPtrArray         *wanted;         /* image URLs of its current items the mirror should hold,
                                        NULL before its first items (vitrine-feeds-intents.c) */
} VitrineFeedEntry;

/* An image to mirror. */
typedef struct
{
  VitrineFeedEntry *feed;
  char             *url;
  int               priority;
} VitrineMirrorJob;

struct _VitrineFeeds
{
  GObject            parent_instance;

  VitrineSupervisor *supervisor;
  GSettings         *sources;
  GSettings         *widgets;
  GCancellable      *cancellable;
  guint              tick_id;
  gboolean           in_flight;
  gboolean           listed;         /* the mirror was listed once */
  double             list_retry;     /* monotonic s: the list is asked again no earlier */

  GPtrArray         *feeds;          /* VitrineFeedEntry */
  guint64            last_feed_id;
  GPtrArray         *mirror_jobs;    /* VitrineMirrorJob, highest priority first */
  GHashTable        *held_hosts;     /* host → double, monotonic s it is asked again */
  GPtrArray         *images;         /* VitrineFeedImage offered to the slideshow */
  GPtrArray         *headlines;      /* VitrineHeadline, newest first, all feeds */

  GVariant          *weather;        /* the worker's last weather reply */
  char              *weather_place;
  char              *weather_error;
  double             weather_next;
};

/* vitrine-feeds.c */
double            _vitrine_feeds_now               (void);
VitrineFeedEntry *_vitrine_feeds_lookup            (VitrineFeeds      *self,
                                                    guint64            id);
void              _vitrine_feeds_send              (VitrineFeeds      *self,
                                                    GVariant          *request,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           data);
void              _vitrine_feeds_emit              (VitrineFeeds      *self,
                                                    VitrineFeedsSignal which);
void              _vitrine_feed_image_free         (gpointer           data);
void              _vitrine_headline_free           (gpointer           data);

/* vitrine-feeds-replies.c */
void              _vitrine_feeds_list_mirror       (VitrineFeeds      *self);
void              _vitrine_feeds_fetch_feed        (VitrineFeeds      *self,
                                                    VitrineFeedEntry  *feed);
void              _vitrine_feeds_mirror_next       (VitrineFeeds      *self,
                                                    VitrineMirrorJob  *job);
void              _vitrine_feeds_fetch_weather     (VitrineFeeds      *self);
void              _vitrine_feeds_merge_headlines   (VitrineFeeds      *self);
void              _vitrine_mirror_job_free         (gpointer           data);

/* vitrine-feeds-intents.c */
void              _vitrine_feeds_set_wanted        (VitrineFeeds      *self,
                                                    VitrineFeedEntry  *feed,
                                                    GPtrArray         *urls);
void              _vitrine_feeds_unwant            (VitrineFeeds      *self,
                                                    VitrineFeedEntry  *feed,
                                                    const char        *url);

/* vitrine-feeds-status.c */
const char       *_vitrine_feed_entry_state        (VitrineFeedEntry  *feed,
                                                    double             now);

G_END_DECLS
