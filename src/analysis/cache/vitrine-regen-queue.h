/* vitrine-regen-queue.h: the regeneration queue's rules with explicit time and no I/O
 * (docs/caches.md). Jobs are batched per {cache, track_ref, profile_id}, serialized per
 * group, concurrent across groups up to a limit, deduplicated by descriptor: a descriptor
 * already queued or running for its group is not queued again, its element joins that
 * job's watchers and sees it finish. Paused caches (worker not ready) and a hold (an
 * export in progress) start nothing; jobs keep waiting.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VITRINE_REGEN_QUEUED,
  VITRINE_REGEN_RUNNING,
  VITRINE_REGEN_SUCCEEDED,
  VITRINE_REGEN_FAILED,
} VitrineRegenState;

typedef enum
{
  VITRINE_REGEN_REASON_MISSING,
  VITRINE_REGEN_REASON_STALE,
  VITRINE_REGEN_REASON_MANUAL,
} VitrineRegenReason;

typedef struct
{
  guint              id;           /* from 1 */
  char              *cache;
  char              *track_ref;
  char              *profile_id;
  GPtrArray         *descriptors;  /* of char*, sorted */
  VitrineRegenReason reason;
  GPtrArray         *elements;     /* of char*: every element that asked (watchers) */
  VitrineRegenState  state;
  guint              done;         /* progress: done of total */
  guint              total;
  char              *error;        /* when failed */
  gint64             queued_us;    /* the caller's clock */
  gint64             started_us;
  gint64             finished_us;
  guint              attempts;
} VitrineRegenJob;

typedef struct _VitrineRegenQueue VitrineRegenQueue;

VitrineRegenQueue     *vitrine_regen_queue_new      (guint               max_running);
void                   vitrine_regen_queue_free     (VitrineRegenQueue  *queue);
/* Returns the id of the job that now holds the first of @descriptors (a new one or one
 * joined), 0 when @descriptors is empty. */
guint                  vitrine_regen_queue_add      (VitrineRegenQueue  *queue,
                                                     const char         *cache,
                                                     const char         *track_ref,
                                                     const char         *profile_id,
                                                     const char * const *descriptors,
                                                     VitrineRegenReason  reason,
                                                     const char         *element_id,
                                                     gint64              now_us);
/* Jobs that may start now, set running (of const VitrineRegenJob*, owned by the queue). */
GPtrArray             *vitrine_regen_queue_take_runnable (VitrineRegenQueue *queue,
                                                     gint64              now_us);
void                   vitrine_regen_queue_progress (VitrineRegenQueue  *queue,
                                                     guint               id,
                                                     guint               done,
                                                     guint               total);
void                   vitrine_regen_queue_finish   (VitrineRegenQueue  *queue,
                                                     guint               id,
                                                     gboolean            success,
                                                     const char         *error,
                                                     gint64              now_us);
/* A failed job queued again (FALSE for any other state). */
gboolean               vitrine_regen_queue_retry    (VitrineRegenQueue  *queue,
                                                     guint               id,
                                                     gint64              now_us);
void                   vitrine_regen_queue_set_paused (VitrineRegenQueue *queue,
                                                     const char         *cache,
                                                     gboolean            paused);
gboolean               vitrine_regen_queue_is_paused (VitrineRegenQueue *queue,
                                                     const char         *cache);
/* While held (an export runs), jobs queue and none starts; NULL releases. */
void                   vitrine_regen_queue_hold     (VitrineRegenQueue  *queue,
                                                     const char         *reason);
const char            *vitrine_regen_queue_get_hold (VitrineRegenQueue  *queue);
const VitrineRegenJob *vitrine_regen_queue_lookup   (VitrineRegenQueue  *queue,
                                                     guint               id);
/* The queued or running job of the group holding @descriptor, else its latest failed one. */
const VitrineRegenJob *vitrine_regen_queue_find     (VitrineRegenQueue  *queue,
                                                     const char         *cache,
                                                     const char         *track_ref,
                                                     const char         *profile_id,
                                                     const char         *descriptor);
/* Every job in id order (of const VitrineRegenJob*, owned by the queue). */
GPtrArray             *vitrine_regen_queue_jobs     (VitrineRegenQueue  *queue);
void                   vitrine_regen_queue_count    (VitrineRegenQueue  *queue,
                                                     guint              *queued,
                                                     guint              *running,
                                                     guint              *failed);
/* Drops finished jobs beyond the newest @keep (failed ones stay until retried or dropped). */
void                   vitrine_regen_queue_prune    (VitrineRegenQueue  *queue,
                                                     guint               keep);
const char            *vitrine_regen_state_to_string  (VitrineRegenState  state);
const char            *vitrine_regen_reason_to_string (VitrineRegenReason reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineRegenQueue, vitrine_regen_queue_free)

G_END_DECLS
