/* vitrine-cache-intent.h: what an element needs from a cache (docs/caches.md), and the
 * memo that lets an unchanged element emit nothing.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char  *element_id;     /* "display-0", "visualizer", "beat-sync", "feeds" */
  char  *cache;          /* "images", "feeds", "audio" */
  char  *track_ref;      /* an image root, a feed URL, an audio track id */
  char  *profile_id;
  GStrv  descriptors;    /* sorted, without repeats */
  char  *requested_at;   /* ISO 8601 in UTC */
} VitrineCacheIntent;

/* @descriptors in any order, repeats allowed; @requested_unix_us is the wall clock. */
VitrineCacheIntent *vitrine_cache_intent_new   (const char               *element_id,
                                                const char               *cache,
                                                const char               *track_ref,
                                                const char               *profile_id,
                                                const char * const       *descriptors,
                                                gint64                    requested_unix_us);
VitrineCacheIntent *vitrine_cache_intent_copy  (const VitrineCacheIntent *intent);
void                vitrine_cache_intent_free  (VitrineCacheIntent       *intent);
/* A hash of {track_ref, profile_id, descriptors} (not the element or the time), hex. */
char               *vitrine_cache_intent_hash  (const VitrineCacheIntent *intent);

/* Per element, the hash of its last intent. */
typedef struct _VitrineCacheIntentMemo VitrineCacheIntentMemo;

VitrineCacheIntentMemo *vitrine_cache_intent_memo_new     (void);
void                    vitrine_cache_intent_memo_free    (VitrineCacheIntentMemo   *memo);
/* TRUE (and remembered) when @intent differs from its element's last one. */
gboolean                vitrine_cache_intent_memo_changed (VitrineCacheIntentMemo   *memo,
                                                           const VitrineCacheIntent *intent);
void                    vitrine_cache_intent_memo_forget  (VitrineCacheIntentMemo   *memo,
                                                           const char               *element_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineCacheIntent, vitrine_cache_intent_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineCacheIntentMemo, vitrine_cache_intent_memo_free)

G_END_DECLS
