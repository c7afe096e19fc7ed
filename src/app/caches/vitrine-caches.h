/* vitrine-caches.h: the cache manager of the display process (docs/caches.md). It owns
 * the intent bus, lists each source's metadata, diffs it against the intents, runs the
 * regeneration queue (the work is the workers'), keeps the history and answers the
 * settings window, --regenerate, --export-history and `caches` in --status.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vitrine-cache-diff.h"
#include "vitrine-cache-history.h"
#include "vitrine-cache-source.h"
#include "vitrine-intent-bus.h"
#include "vitrine-regen-queue.h"
#include "vitrine-supervisor.h"

G_BEGIN_DECLS

/* One {cache, track_ref, profile_id} group as the Caches page shows it. */
typedef struct
{
  char            *cache;          /* "images", "feeds", "audio" */
  char            *track_ref;
  char            *profile_id;
  char            *profile_label;  /* for sentences, see vitrine_cache_source_dup_profile_label() */
  gboolean         profile_exists; /* FALSE: ask for a replacement before regenerating */
  VitrineCacheDiff *diff;
  GPtrArray       *records;        /* of VitrineCacheRecord, this group's entries */
} VitrineCacheGroup;

/* The element ids of the user's requests: their jobs are manual_regenerate in the
 * history; any other element's are auto_regenerate (docs/caches.md). */
#define VITRINE_CACHES_ELEMENT_SETTINGS     "settings"
#define VITRINE_CACHES_ELEMENT_COMMAND_LINE "command-line"

#define VITRINE_TYPE_CACHES (vitrine_caches_get_type ())

G_DECLARE_FINAL_TYPE (VitrineCaches, vitrine_caches, VITRINE, CACHES, GObject)

/* @history_path: usually $XDG_STATE_HOME/vitrine/cache-history.jsonl; @supervisor NULL:
 * never paused. */
VitrineCaches    *vitrine_caches_new               (VitrineSupervisor  *supervisor,
                                                    const char         *history_path);
void              vitrine_caches_add_source        (VitrineCaches      *self,
                                                    VitrineCacheSource *source);
gboolean          vitrine_caches_has_source        (VitrineCaches      *self,
                                                    const char         *name);
VitrineIntentBus *vitrine_caches_get_bus           (VitrineCaches      *self);
/* Lists every source again and diffs (coalesced; "changed" when done). */
void              vitrine_caches_refresh           (VitrineCaches      *self);

/* Of VitrineCacheGroup, sorted by cache, track_ref, profile; owned by the manager and
 * valid until the next "changed". */
GPtrArray        *vitrine_caches_get_groups        (VitrineCaches      *self);
/* missing + stale over every group of @cache (NULL: all caches). */
guint             vitrine_caches_count_pending     (VitrineCaches      *self,
                                                    const char         *cache);
/* The banner's sentences, one per cache with something pending ("12 cached images need
 * regeneration to match the current display profile"); NULL when the diff is empty. */
GStrv             vitrine_caches_dup_banner_lines  (VitrineCaches      *self);

/* Queues the missing and stale entries (or @descriptors, NULL for all pending) of the
 * matching groups (NULL matches any). With @descriptors NULL and @reason missing or
 * stale, each entry goes with its own reason. Groups whose profile is gone are left out.
 * Returns the number of jobs queued or joined. */
guint             vitrine_caches_regenerate        (VitrineCaches      *self,
                                                    const char         *cache,
                                                    const char         *track_ref,
                                                    const char         *profile_id,
                                                    const char * const *descriptors,
                                                    VitrineRegenReason  reason,
                                                    const char         *element_id);
gboolean          vitrine_caches_retry             (VitrineCaches      *self,
                                                    guint               job_id);
void              vitrine_caches_dismiss           (VitrineCaches      *self,
                                                    const char         *cache,
                                                    const char         *track_ref,
                                                    const char         *profile_id,
                                                    const char * const *descriptors);
/* Regenerates a group whose profile no longer exists with @replacement's revision. */
guint             vitrine_caches_regenerate_with   (VitrineCaches      *self,
                                                    const VitrineCacheGroup *group,
                                                    const char         *replacement_profile_id);

/* Of VitrineRegenJob (vitrine-regen-queue.h), queued, running and finished; owned by
 * the manager and valid until the next "job-changed" or "changed". */
GPtrArray        *vitrine_caches_get_jobs          (VitrineCaches      *self);
/* The job that holds @descriptor of the group now, or NULL. */
const VitrineRegenJob *vitrine_caches_find_job     (VitrineCaches      *self,
                                                    const char         *cache,
                                                    const char         *track_ref,
                                                    const char         *profile_id,
                                                    const char         *descriptor);
/* TRUE while @cache's worker is not ready ("Regeneration paused"). */
gboolean          vitrine_caches_is_paused         (VitrineCaches      *self,
                                                    const char         *cache);
/* A reason while an export holds the queue ("Queued after export"), else NULL. */
const char       *vitrine_caches_get_hold_reason   (VitrineCaches      *self);

/* Of VitrineHistoryEntry, newest first; owned by the manager, valid until "changed". */
GPtrArray        *vitrine_caches_get_history       (VitrineCaches      *self);
void              vitrine_caches_export_history_async  (VitrineCaches       *self,
                                                        const char          *path,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean          vitrine_caches_export_history_finish (VitrineCaches       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

void              vitrine_caches_add_status        (VitrineCaches      *self,
                                                    JsonBuilder        *builder);

/* Signals: "changed" (groups, diffs, jobs, history or pause state changed; coalesced),
 * "job-changed" (guint job id: queued, progress, finished). */

G_END_DECLS
