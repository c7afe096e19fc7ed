/* vitrine-caches-private.h: the cache manager's instance struct, shared by the files that
 * split it by concern (groups and listing, the queue, the history, --status).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-caches.h"

G_BEGIN_DECLS

/* Finished jobs kept for the Caches page (failed ones stay until made good or retried). */
#define VITRINE_CACHES_KEEP_FINISHED 32
/* Jobs running at once, across groups (Spec.md). */
#define VITRINE_CACHES_MAX_RUNNING 2

typedef struct
{
  VitrineCaches       *self;       /* not a reference: a source lives as long as its manager */
  VitrineCacheSource  *source;
  char                *name;
  VitrineWorkerRoleId  role;
  GPtrArray           *records;    /* of VitrineCacheRecord, as of the last listing; NULL: none yet */
  GPtrArray           *listed;     /* a listing that arrived, swapped in when every source answered */
  gboolean             list_failed;
} VitrineCachesSource;

/* A group and, per element that asked, the entries its intent expanded to (the job
 * watchers). The public part comes first: a pointer to this is a VitrineCacheGroup. */
typedef struct
{
  VitrineCacheGroup  group;
  GHashTable        *wants;        /* element id → GStrv */
  GPtrArray         *owner;        /* the listing group.records borrows from (a reference) */
  char              *revision;     /* wanted now; NULL: the profile is gone */
} VitrineCachesGroup;

struct _VitrineCaches
{
  GObject            parent_instance;

  VitrineSupervisor *supervisor;   /* may be NULL: never paused */
  VitrineIntentBus  *bus;
  GPtrArray         *sources;      /* of VitrineCachesSource */
  GCancellable      *cancellable;

  /* Listing and groups. */
  guint              list_idle_id;
  guint              rebuild_idle_id;
  guint              listing;      /* sources whose listing is outstanding */
  gboolean           list_wanted;  /* asked for while a listing ran */
  gboolean           listed_once;
  GPtrArray         *groups;       /* of VitrineCachesGroup, sorted */
  GPtrArray         *retired_groups; /* replaced, freed once "changed" has been emitted */
  guint              rebuild_generation;
  guint              rebuilding;   /* diffs being computed in a thread */

  /* The queue. */
  VitrineRegenQueue *queue;
  GPtrArray         *jobs;         /* the queue's jobs, a view refreshed on every change */
  guint              exports;      /* exports in flight, holding the queue */

  /* The history: what the file held at the last read or write, what is being written,
   * what waits for the next write. */
  char              *history_path;
  GPtrArray         *history_file;     /* of VitrineHistoryEntry, oldest first */
  GPtrArray         *history_writing;
  GPtrArray         *history_pending;
  GPtrArray         *history_view;     /* newest first, borrowed; NULL: to be rebuilt */
  gboolean           history_busy;

  guint              changed_idle_id;
};

void                 _vitrine_caches_queue_changed  (VitrineCaches *self);
void                 _vitrine_caches_request_list   (VitrineCaches *self);
VitrineCachesSource *_vitrine_caches_find_source    (VitrineCaches *self,
                                                     const char    *name);

/* vitrine-caches-queue.c */
void                 _vitrine_caches_queue_init     (VitrineCaches *self);
void                 _vitrine_caches_queue_finalize (VitrineCaches *self);
void                 _vitrine_caches_schedule       (VitrineCaches *self);
void                 _vitrine_caches_jobs_changed   (VitrineCaches *self,
                                                     guint          job_id);
void                 _vitrine_caches_update_paused  (VitrineCaches       *self,
                                                     VitrineCachesSource *source);

/* vitrine-caches-history.c */
void                 _vitrine_caches_history_init     (VitrineCaches       *self);
void                 _vitrine_caches_history_finalize (VitrineCaches       *self);
void                 _vitrine_caches_history_append   (VitrineCaches       *self,
                                                       VitrineHistoryEntry *entry);
/* Every entry, oldest first (borrowed). */
GPtrArray           *_vitrine_caches_history_entries  (VitrineCaches       *self);

G_END_DECLS
