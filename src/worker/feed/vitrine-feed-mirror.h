/* vitrine-feed-mirror.h: feed images on disk (issue 11 item 3), under a root folder
 * ($XDG_CACHE_HOME/vitrine/feeds, or --mirror's), one subfolder per feed named by a hash
 * of its URL. A download goes to a .partial file, is probed by signature and renamed when
 * it is an image the image worker reads; pruning keeps the size and age limits, oldest
 * first, but never the newest 20 of a feed. Each feed folder's index.ini names its feed
 * and each file's image URL (vitrine-feed-mirror-index.c), for the cache manager. Album art from http(s) URLs goes to its own
 * "art" folder under the root the same way, the newest 50 kept. Blocking: worker threads
 * only.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vitrine-feed-fetcher.h"

G_BEGIN_DECLS

#define VITRINE_FEED_MIRROR_KEEP_NEWEST 20
#define VITRINE_FEED_MIRROR_OFFER       30
#define VITRINE_FEED_ART_KEEP           50

#define VITRINE_MIRROR_ERROR (vitrine_mirror_error_quark ())

typedef enum
{
  VITRINE_MIRROR_ERROR_NOT_AN_IMAGE,   /* the body's signature is no format the image worker reads */
  VITRINE_MIRROR_ERROR_IO,             /* the folder or file could not be written */
} VitrineMirrorError;

typedef struct
{
  char   *feed_url;
  char   *path;
  gint64  mtime;      /* seconds, UTC: when it was mirrored */
  guint64 size;
} VitrineMirrorFile;

typedef struct
{
  guint   max_megabytes;  /* 0: nothing kept beyond the newest 20 per feed */
  guint   max_age_days;
} VitrineMirrorLimits;

GQuark      vitrine_mirror_error_quark   (void);
char       *vitrine_feed_mirror_dir      (const char                *root,
                                          const char                *feed_url);
char       *vitrine_feed_mirror_store    (VitrineFeedFetcher        *fetcher,
                                          const char                *root,
                                          const char                *feed_url,
                                          const char                *image_url,
                                          const char                *save_folder,
                                          VitrineFetchResult        *result,
                                          GCancellable              *cancellable,
                                          GError                   **error);
char       *vitrine_feed_mirror_find     (const char                *root,
                                          const char                *feed_url,
                                          const char                *image_url);
GPtrArray  *vitrine_feed_mirror_list     (const char                *root,
                                          const char * const        *feed_urls);
void        vitrine_feed_mirror_prune    (const char                *root,
                                          const char * const        *feed_urls,
                                          const VitrineMirrorLimits *limits,
                                          gint64                     now_s);
void        vitrine_mirror_file_free     (VitrineMirrorFile         *file);
gboolean    vitrine_feed_mirror_is_file_name (const char            *name);
const char *vitrine_feed_mirror_probe    (const char                *path);
char       *vitrine_feed_art_dir         (const char                *root);
char       *vitrine_feed_art_find        (const char                *root,
                                          const char                *art_url);
char       *vitrine_feed_art_store       (VitrineFeedFetcher        *fetcher,
                                          const char                *root,
                                          const char                *art_url,
                                          VitrineFetchResult        *result,
                                          GCancellable              *cancellable,
                                          GError                   **error);
void        vitrine_feed_art_prune       (const char                *root,
                                          guint                      keep);

/* vitrine-feed-mirror-index.c: the mirror as a cache (docs/caches.md). */
typedef struct
{
  char   *folder;     /* the feed folder's name: 16 characters of the feed URL's hash */
  char   *feed_url;   /* from its index, or NULL when the folder has none */
  char   *image_url;  /* from its index, or NULL */
  char   *path;
  gint64  mtime;
  guint64 size;
  char   *revision;   /* VITRINE_CACHE_MIRROR_REVISION, or "unreadable" when the probe refuses it now */
} VitrineMirrorEntry;

void        vitrine_feed_mirror_index_note (const char          *dir,
                                          const char                *feed_url,
                                          const char                *name,
                                          const char                *image_url);
GPtrArray  *vitrine_feed_mirror_list_all (const char                *root);
gboolean    vitrine_feed_mirror_forget   (const char                *root,
                                          const char * const        *paths,
                                          guint                     *removed,
                                          GError                   **error);
void        vitrine_mirror_entry_free    (VitrineMirrorEntry        *entry);

G_END_DECLS
