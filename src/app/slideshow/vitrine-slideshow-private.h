/* vitrine-slideshow-private.h: the instance struct and the functions shared by the files
 * that split the slideshow by concern: the object, its controls and timer
 * (vitrine-slideshow.c), sources and scans (vitrine-slideshow-sources.c), what each
 * display shows with the cache and prefetching (vitrine-slideshow-display.c), the disk
 * cache, the last photos and the intents (vitrine-slideshow-disk.c), and its part of
 * --status (vitrine-slideshow-status.c).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-feed-mix.h"
#include "vitrine-feeds.h"
#include "vitrine-image-cache.h"
#include "vitrine-selection.h"
#include "vitrine-slideshow.h"
#include "vitrine-visualizer.h"

G_BEGIN_DECLS

/* Both the problems of the scans and the skipped files are kept up to this many, so that a
 * folder full of broken files cannot grow them without bound. */
#define VITRINE_SLIDESHOW_MAX_SKIPPED 200

/* Where the images come from, in the order they are tried. */
typedef enum
{
  VITRINE_SLIDESHOW_SOURCE_FOLDERS,
  VITRINE_SLIDESHOW_SOURCE_PICTURES,
  VITRINE_SLIDESHOW_SOURCE_DEMO,
} VitrineSlideshowSource;

/* One display's compositor and what it should show. */
typedef struct
{
  VitrineSlideshow  *self;
  VitrineCompositor *compositor;
  VitrineSelection  *selection;   /* its own, when each display shows its own images */
  char              *wanted;      /* the path this display should show */
  char              *shown_key;   /* the cache key handed to the compositor */
  gint64             start_at;    /* the next transition starts no earlier (monotonic µs) */
  gulong             resize_id;
  gulong             current_id;
} VitrineSlideshowDisplay;

/* A file that will not be asked for again in this run, and why. */
typedef struct
{
  char *path;
  char *reason;
} VitrineSlideshowSkipped;

struct _VitrineSlideshow
{
  GObject                 parent_instance;

  VitrineSupervisor      *supervisor;
  GSettings              *root;
  GSettings              *sources;
  GSettings              *display_settings;
  GSettings              *transitions;
  GSettings              *workers;
  char                  **folders_override;
  guint                   interval_override;
  GCancellable           *cancellable;

  /* Sources and scans (vitrine-slideshow-sources.c). */
  VitrineSlideshowSource  source;
  char                  **roots;
  guint64                 scan_id;
  gboolean                scan_done;
  gboolean                scan_in_flight;
  guint                   scan_serial;       /* bumped when the sources change */
  guint                   in_flight_serial;  /* of the scan request on its way */
  gboolean                changes_in_flight;
  guint                   scan_batches;
  GPtrArray              *problems;
  guint                   changes_id;
  guint                   retry_id;
  guint                   scan_hold_id;      /* the scan waits for a resumed photo (disk.c) */
  GPtrArray              *skipped;           /* VitrineSlideshowSkipped */
  GHashTable             *skipped_set;
  GHashTable             *folder_counts;     /* root → photos under it (GUINT_TO_POINTER) */

  /* Feed images (vitrine-slideshow-feeds.c): mirrored paths and the URLs they came from. */
  VitrineFeeds           *feeds;
  VitrineFeedMix         *mix;
  GPtrArray              *feed_paths;
  GPtrArray              *feed_urls;

  /* What the displays show (vitrine-slideshow-display.c). */
  VitrineSelection       *selection;    /* shared by all displays, when they show the same */
  GPtrArray              *displays;     /* VitrineSlideshowDisplay */
  VitrineImageCache      *cache;
  GHashTable             *pending;      /* cache key → path of a prescale in flight */

  gboolean                paused;
  guint                   timer_id;

  /* Beat-synced changes (vitrine-slideshow-beats.c). */
  VitrineVisualizer      *visualizer;
  guint                   beat_timer_id;
  double                  slide_start;      /* monotonic seconds: when the current slide began */
  gint64                  beat_start_at;    /* the next change's downbeat (monotonic µs), or 0 */
  double                  beat_duration;    /* its transition, snapped to whole beats, or 0 */
  guint                   beat_changes;     /* changes made on a downbeat */
  double                  last_beat_change; /* monotonic seconds of the latest */
  char                   *notice;       /* what the displays should say: no photos, no source */

  /* The disk cache (vitrine-slideshow-disk.c): what it did, and the photo resumed. */
  guint                   disk_hits;
  guint                   disk_stored;
  guint                   disk_failed;
  char                   *resumed;

  /* How many files were known, and whether the scan was done, at the first request. */
  gboolean                first_requested;
  gint64                  first_request_us;   /* monotonic */
  gint64                  first_arrival_us;   /* the first pixels' arrival, monotonic */
  gint64                  first_batch_us;     /* the scan's first batch in (monotonic µs) */
  guint                   first_request_files;
  gboolean                first_request_scan_done;
};

/* vitrine-slideshow.c */
guint              _vitrine_slideshow_interval              (VitrineSlideshow   *self);
void               _vitrine_slideshow_restart_timer         (VitrineSlideshow   *self);

/* vitrine-slideshow-beats.c */
gboolean           _vitrine_slideshow_beat_sync_on          (VitrineSlideshow   *self);
void               _vitrine_slideshow_beat_timer_start      (VitrineSlideshow   *self);
void               _vitrine_slideshow_beat_sync_changed     (VitrineSlideshow   *self);
double             _vitrine_slideshow_transition_duration   (VitrineSlideshow   *self);
void               _vitrine_slideshow_set_notice            (VitrineSlideshow   *self,
                                                             char               *notice);

/* vitrine-slideshow-sources.c */
void               _vitrine_slideshow_sources_start         (VitrineSlideshow   *self);
void               _vitrine_slideshow_sources_changed       (VitrineSlideshow   *self);
const char        *_vitrine_slideshow_source_name           (VitrineSlideshow   *self);
void               _vitrine_slideshow_retry_later           (VitrineSlideshow   *self);
void               _vitrine_slideshow_skip                  (VitrineSlideshow   *self,
                                                             const char         *path,
                                                             const char         *reason);
void               _vitrine_slideshow_skipped_free          (gpointer            data);
char              *_vitrine_slideshow_expand_home           (const char         *folder);
void               _vitrine_slideshow_emit_sources_changed  (VitrineSlideshow   *self);

/* vitrine-slideshow-feeds.c */
const char        *_vitrine_slideshow_next_path             (VitrineSlideshow   *self,
                                                             VitrineSelection   *local);
void               _vitrine_slideshow_feeds_init            (VitrineSlideshow   *self);
void               _vitrine_slideshow_feeds_clear           (VitrineSlideshow   *self);
void               _vitrine_slideshow_feed_share_changed    (VitrineSlideshow   *self);

/* vitrine-slideshow-disk.c */
gboolean           _vitrine_slideshow_disk_on               (VitrineSlideshow   *self);
double             _vitrine_slideshow_zoom                  (VitrineSlideshow   *self);
void               _vitrine_slideshow_disk_fields           (VitrineSlideshow   *self,
                                                             GVariantDict       *request);
void               _vitrine_slideshow_disk_reply            (VitrineSlideshow   *self,
                                                             GVariant           *reply);
void               _vitrine_slideshow_remember              (VitrineSlideshowDisplay *display,
                                                             const char         *path);
gboolean           _vitrine_slideshow_resume                (VitrineSlideshowDisplay *display);
void               _vitrine_slideshow_hold_scan             (VitrineSlideshow   *self);
void               _vitrine_slideshow_release_scan          (VitrineSlideshow   *self);
void               _vitrine_slideshow_scan_more             (VitrineSlideshow   *self);
void               _vitrine_slideshow_add_disk_status       (VitrineSlideshow   *self,
                                                             JsonBuilder        *builder);

/* vitrine-slideshow.c */
void               _vitrine_slideshow_emit_intents_changed  (VitrineSlideshow   *self);

/* vitrine-slideshow-display.c */
void               _vitrine_slideshow_target_size           (VitrineSlideshowDisplay *display,
                                                             guint              *width,
                                                             guint              *height);
VitrineSelection  *_vitrine_slideshow_new_selection         (VitrineSlideshow   *self);
void               _vitrine_slideshow_add_path              (VitrineSlideshow   *self,
                                                             const char         *path);
void               _vitrine_slideshow_remove_path           (VitrineSlideshow   *self,
                                                             const char         *path);
void               _vitrine_slideshow_set_shuffle           (VitrineSlideshow   *self,
                                                             gboolean            shuffle);
void               _vitrine_slideshow_reset_selections      (VitrineSlideshow   *self);
void               _vitrine_slideshow_same_image_changed    (VitrineSlideshow   *self);
void               _vitrine_slideshow_advance               (VitrineSlideshow   *self,
                                                             gboolean            forward);
void               _vitrine_slideshow_start_idle_displays   (VitrineSlideshow   *self);
void               _vitrine_slideshow_ensure_all            (VitrineSlideshow   *self);
void               _vitrine_slideshow_display_free          (gpointer            data);

G_END_DECLS
