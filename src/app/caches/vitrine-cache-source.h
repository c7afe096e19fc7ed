/* vitrine-cache-source.h: one of Vitrine's three caches as the cache manager sees it
 * (docs/caches.md): prescaled images, the feed mirror, the audio track summaries. A source
 * lists the cache's metadata, says which profile revision is wanted now, turns an intent's
 * descriptors into the entries it requests, and regenerates or dismisses entries. Every
 * file is read and written by the source's worker; the display process only asks.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vitrine-cache-intent.h"
#include "vitrine-message.h"

G_BEGIN_DECLS

/* One cached entry's metadata. */
typedef struct
{
  char    *track_ref;      /* image root, feed URL, audio track id */
  char    *profile_id;     /* "display", "mirror", an audio profile's id */
  char    *descriptor;     /* "PATH|scaled:WxH", an image URL, "tempo_map" … */
  char    *revision;       /* the profile revision it was made with */
  gint64   analysed_unix;  /* when it was made, Unix seconds; 0 unknown */
  guint64  bytes;
} VitrineCacheRecord;

VitrineCacheRecord *vitrine_cache_record_new  (const char               *track_ref,
                                               const char               *profile_id,
                                               const char               *descriptor,
                                               const char               *revision,
                                               gint64                    analysed_unix,
                                               guint64                   bytes);
void                vitrine_cache_record_free (VitrineCacheRecord       *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineCacheRecord, vitrine_cache_record_free)

/* Called on the main context while a regeneration runs. */
typedef void (*VitrineCacheProgress) (guint    done,
                                      guint    total,
                                      gpointer user_data);

#define VITRINE_TYPE_CACHE_SOURCE (vitrine_cache_source_get_type ())

G_DECLARE_INTERFACE (VitrineCacheSource, vitrine_cache_source, VITRINE, CACHE_SOURCE, GObject)

struct _VitrineCacheSourceInterface
{
  GTypeInterface parent_iface;

  /* "images", "feeds" or "audio" */
  const char          *(*get_name)          (VitrineCacheSource   *self);
  /* The worker that does its work; while it is not ready, regeneration is paused. */
  VitrineWorkerRoleId  (*get_role)          (VitrineCacheSource   *self);
  /* The revision wanted now for @profile_id, NULL for a profile that no longer exists. */
  char                *(*dup_revision)      (VitrineCacheSource   *self,
                                             const char           *profile_id);
  /* A name for sentences: "the current display profile", "the 'Detailed spectrum' profile". */
  char                *(*dup_profile_label) (VitrineCacheSource   *self,
                                             const char           *profile_id);
  /* The entries @intent requests given what the cache holds (an image intent asks for
   * "scaled:WxH" of every photo it has cached under its root; feeds and audio ask for
   * their descriptors as they are). Optional: NULL means the intent's descriptors. */
  GStrv                (*expand)            (VitrineCacheSource       *self,
                                             const VitrineCacheIntent *intent,
                                             GPtrArray                *records);
  /* Every entry the cache holds (of VitrineCacheRecord), paged from the worker. */
  void                 (*list_async)        (VitrineCacheSource   *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  GPtrArray           *(*list_finish)       (VitrineCacheSource   *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  /* Makes @descriptors of (@track_ref, @profile_id) again with the wanted revision. The
   * finish functions may be NULL: a GTask returning a boolean then. */
  void                 (*regenerate_async)  (VitrineCacheSource   *self,
                                             const char           *track_ref,
                                             const char           *profile_id,
                                             const char * const   *descriptors,
                                             VitrineCacheProgress  progress,
                                             gpointer              progress_data,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  gboolean             (*regenerate_finish) (VitrineCacheSource   *self,
                                             GAsyncResult         *result,
                                             GError              **error);
  /* Removes @descriptors (extraneous entries) from the cache. */
  void                 (*dismiss_async)     (VitrineCacheSource   *self,
                                             const char           *track_ref,
                                             const char           *profile_id,
                                             const char * const   *descriptors,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
  gboolean             (*dismiss_finish)    (VitrineCacheSource   *self,
                                             GAsyncResult         *result,
                                             GError              **error);
};

/* Signal "changed": the cache's content or its wanted revisions changed (a settings key,
 * an entry made by normal use); the manager lists and diffs again. */

const char          *vitrine_cache_source_get_name          (VitrineCacheSource       *self);
VitrineWorkerRoleId  vitrine_cache_source_get_role          (VitrineCacheSource       *self);
char                *vitrine_cache_source_dup_revision      (VitrineCacheSource       *self,
                                                             const char               *profile_id);
char                *vitrine_cache_source_dup_profile_label (VitrineCacheSource       *self,
                                                             const char               *profile_id);
GStrv                vitrine_cache_source_expand            (VitrineCacheSource       *self,
                                                             const VitrineCacheIntent *intent,
                                                             GPtrArray                *records);
void                 vitrine_cache_source_list_async        (VitrineCacheSource       *self,
                                                             GCancellable             *cancellable,
                                                             GAsyncReadyCallback       callback,
                                                             gpointer                  user_data);
GPtrArray           *vitrine_cache_source_list_finish       (VitrineCacheSource       *self,
                                                             GAsyncResult             *result,
                                                             GError                  **error);
void                 vitrine_cache_source_regenerate_async  (VitrineCacheSource       *self,
                                                             const char               *track_ref,
                                                             const char               *profile_id,
                                                             const char * const       *descriptors,
                                                             VitrineCacheProgress      progress,
                                                             gpointer                  progress_data,
                                                             GCancellable             *cancellable,
                                                             GAsyncReadyCallback       callback,
                                                             gpointer                  user_data);
gboolean             vitrine_cache_source_regenerate_finish (VitrineCacheSource       *self,
                                                             GAsyncResult             *result,
                                                             GError                  **error);
void                 vitrine_cache_source_dismiss_async     (VitrineCacheSource       *self,
                                                             const char               *track_ref,
                                                             const char               *profile_id,
                                                             const char * const       *descriptors,
                                                             GCancellable             *cancellable,
                                                             GAsyncReadyCallback       callback,
                                                             gpointer                  user_data);
gboolean             vitrine_cache_source_dismiss_finish    (VitrineCacheSource       *self,
                                                             GAsyncResult             *result,
                                                             GError                  **error);
void                 vitrine_cache_source_changed           (VitrineCacheSource       *self);
/* For sources: a supervisor request's callback with a GTask as its data. */
void                 vitrine_cache_source_request_done_cb   (GObject                  *object,
                                                             GAsyncResult             *result,
                                                             gpointer                  data);

G_END_DECLS
