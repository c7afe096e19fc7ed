/* vitrine-image-disk-cache.h: the on-disk prescale cache of the image role
 * (docs/ARCHITECTURE.md §10), in $XDG_CACHE_HOME/vitrine/images: one mapped file per key
 * "PATH|scaled:WxH" (vitrine-disk-cache-format.h), checked whole on every read, written
 * through a temporary file and a rename, evicted least recently used first within a byte
 * budget, never the entry just written. Only the image worker reads and writes it; every
 * function may block and is safe to call from several worker threads.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sys/stat.h>

#include "vitrine-image-prescale.h"

G_BEGIN_DECLS

typedef struct _VitrineImageDiskCache VitrineImageDiskCache;

/* What a prescale's source was when it was read: its size and mtime (ns). */
typedef struct
{
  guint64 size;
  gint64  mtime_ns;
} VitrineDiskSource;

/* $XDG_CACHE_HOME/vitrine/images */
char                  *vitrine_image_disk_cache_default_dir (void);
VitrineImageDiskCache *vitrine_image_disk_cache_new     (const char                  *dir);
void                   vitrine_image_disk_cache_free    (VitrineImageDiskCache       *self);
/* The source file's size and mtime; FALSE when it cannot be read. */
gboolean               vitrine_disk_source_stat         (const char                  *path,
                                                         VitrineDiskSource           *source);
/*
 * The entry of @key made with @revision from @source at width × height: on a hit, TRUE
 * and @out filled as vitrine_image_prescale() would (the pixels in a sealed memfd, the
 * source's size), and its last-used time now. A missing, corrupt, other-version or
 * mismatching entry is a miss (FALSE); a corrupt one is removed.
 */
gboolean               vitrine_image_disk_cache_lookup  (VitrineImageDiskCache       *self,
                                                         const char                  *key,
                                                         const char                  *revision,
                                                         const VitrineDiskSource     *source,
                                                         guint                        width,
                                                         guint                        height,
                                                         VitrinePrescaled            *out);
/* Writes @prescaled (width × height, sealed) as @key's entry, then evicts down to
 * @budget bytes (never this entry). */
gboolean               vitrine_image_disk_cache_store   (VitrineImageDiskCache       *self,
                                                         const char                  *key,
                                                         const char                  *revision,
                                                         const VitrineDiskSource     *source,
                                                         const VitrinePrescaled      *prescaled,
                                                         guint                        width,
                                                         guint                        height,
                                                         guint64                      budget,
                                                         GError                     **error);
/* "cache-list": the entries under @root ("" all), sorted by key, from @offset, at most
 * @limit and within @max_bytes of reply: {total u, bytes t, entries aa{sv}}. */
GVariant              *vitrine_image_disk_cache_list    (VitrineImageDiskCache       *self,
                                                         const char                  *root,
                                                         guint                        offset,
                                                         guint                        limit,
                                                         gsize                        max_bytes);
/* "cache-dismiss": removes the entries of @keys; how many there were. */
guint                  vitrine_image_disk_cache_dismiss (VitrineImageDiskCache       *self,
                                                         const char * const          *keys);
guint                  vitrine_image_disk_cache_get_n_entries (VitrineImageDiskCache *self);
guint64                vitrine_image_disk_cache_get_bytes     (VitrineImageDiskCache *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineImageDiskCache, vitrine_image_disk_cache_free)

G_END_DECLS
