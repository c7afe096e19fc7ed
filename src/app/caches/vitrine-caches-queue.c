/* vitrine-caches-queue.c: the regeneration queue run against the sources. Nothing starts
 * by itself: the settings window or --regenerate asks, and every element whose intent
 * wants an entry of a job watches it. A job ends in the history; its cache is listed again.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-caches-private.h"

typedef struct
{
  VitrineCaches *self;        /* a reference */
  guint          job_id;
} RunData;

static void
run_data_free (RunData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunData, run_data_free)

void
_vitrine_caches_queue_init (VitrineCaches *self)
{
  self->queue = vitrine_regen_queue_new (VITRINE_CACHES_MAX_RUNNING);
  self->jobs = vitrine_regen_queue_jobs (self->queue);
}

void
_vitrine_caches_queue_finalize (VitrineCaches *self)
{
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  g_clear_pointer (&self->queue, vitrine_regen_queue_free);
}

void
_vitrine_caches_update_paused (VitrineCaches       *self,
                               VitrineCachesSource *source)
{
  gboolean paused = self->supervisor != NULL
                    && vitrine_supervisor_get_state (self->supervisor, source->role)
                       != VITRINE_WORKER_STATE_RUNNING;

  if (paused == vitrine_regen_queue_is_paused (self->queue, source->name))
    return;
  vitrine_regen_queue_set_paused (self->queue, source->name, paused);
  _vitrine_caches_queue_changed (self);
  if (!paused)
    _vitrine_caches_schedule (self);
}

/* Who asked decides the history's action: the settings window and the command line are
 * the user (manual_regenerate); any other element is the application itself. */
static VitrineHistoryAction
job_action (const VitrineRegenJob *job)
{
  const char *requester = job->elements->len > 0 ? job->elements->pdata[0] : NULL;

  if (g_strcmp0 (requester, VITRINE_CACHES_ELEMENT_SETTINGS) == 0
      || g_strcmp0 (requester, VITRINE_CACHES_ELEMENT_COMMAND_LINE) == 0)
    return VITRINE_HISTORY_MANUAL_REGENERATE;
  return VITRINE_HISTORY_AUTO_REGENERATE;
}

static GStrv
job_descriptors (const VitrineRegenJob *job)
{
  GStrv strv = g_new0 (char *, job->descriptors->len + 1);

  for (guint i = 0; i < job->descriptors->len; i++)
    strv[i] = g_strdup (job->descriptors->pdata[i]);
  return strv;
}

static void
job_finished (VitrineCaches *self,
              guint          job_id,
              gboolean       success,
              const char    *error)
{
  const VitrineRegenJob *job;
  g_auto(GStrv) descriptors = NULL;
  gint64 now = g_get_monotonic_time ();

  vitrine_regen_queue_finish (self->queue, job_id, success, error, now);
  job = vitrine_regen_queue_lookup (self->queue, job_id);
  if (job == NULL)
    return;
  if (!success)
    g_message ("Regenerating %u entries of the %s cache failed: %s", job->descriptors->len,
               job->cache, error);
  descriptors = job_descriptors (job);
  _vitrine_caches_history_append (self,
                                  vitrine_history_entry_new (job->elements->len > 0 ? job->elements->pdata[0] : "",
                                                             job_action (job),
                                                             (const char * const *) descriptors, success,
                                                             (job->finished_us - job->started_us) / 1000,
                                                             g_get_real_time ()));
  /* Watchers hear of the end before the job may be pruned. */
  _vitrine_caches_jobs_changed (self, job_id);
  vitrine_regen_queue_prune (self->queue, VITRINE_CACHES_KEEP_FINISHED);
  _vitrine_caches_jobs_changed (self, 0);
  _vitrine_caches_request_list (self);
  _vitrine_caches_schedule (self);
}

static void
regenerate_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(RunData) data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean success = vitrine_cache_source_regenerate_finish (VITRINE_CACHE_SOURCE (object), result, &error);

  if (g_cancellable_is_cancelled (data->self->cancellable))
    return;
  job_finished (data->self, data->job_id, success,
                success ? NULL : error != NULL ? error->message : _("The worker gave no answer"));
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  RunData *data = user_data;

  if (g_cancellable_is_cancelled (data->self->cancellable))
    return;
  vitrine_regen_queue_progress (data->self->queue, data->job_id, done, total);
  _vitrine_caches_jobs_changed (data->self, data->job_id);
}

static void
start_job (VitrineCaches         *self,
           const VitrineRegenJob *job)
{
  VitrineCachesSource *source = _vitrine_caches_find_source (self, job->cache);
  g_auto(GStrv) descriptors = NULL;
  RunData *data;

  if (source == NULL)
    {
      job_finished (self, job->id, FALSE, _("No such cache"));
      return;
    }
  data = g_new0 (RunData, 1);
  data->self = g_object_ref (self);
  data->job_id = job->id;
  descriptors = job_descriptors (job);
  _vitrine_caches_jobs_changed (self, job->id);
  vitrine_cache_source_regenerate_async (source->source, job->track_ref, job->profile_id,
                                         (const char * const *) descriptors, progress_cb, data,
                                         self->cancellable, regenerate_cb, data);
}

void
_vitrine_caches_schedule (VitrineCaches *self)
{
  g_autoptr(GPtrArray) runnable = vitrine_regen_queue_take_runnable (self->queue, g_get_monotonic_time ());
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));

  /* By id: starting one may finish it at once (a missing source) and prune the others. */
  for (guint i = 0; i < runnable->len; i++)
    g_array_append_val (ids, ((const VitrineRegenJob *) runnable->pdata[i])->id);
  for (guint i = 0; i < ids->len; i++)
    {
      const VitrineRegenJob *job = vitrine_regen_queue_lookup (self->queue, g_array_index (ids, guint, i));

      if (job != NULL && job->state == VITRINE_REGEN_RUNNING)
        start_job (self, job);
    }
}

static gboolean
group_matches (const VitrineCacheGroup *group,
               const char              *cache,
               const char              *track_ref,
               const char              *profile_id)
{
  return (cache == NULL || g_strcmp0 (group->cache, cache) == 0)
         && (track_ref == NULL || g_strcmp0 (group->track_ref, track_ref) == 0)
         && (profile_id == NULL || g_strcmp0 (group->profile_id, profile_id) == 0);
}

/* Queues @descriptors of @group for @element_id, then lets every element whose intent
 * wants one of them watch the job that holds it. The ids of those jobs go to @ids. */
static void
queue_descriptors (VitrineCaches            *self,
                   const VitrineCachesGroup *group,
                   const char               *profile_id,
                   const char * const       *descriptors,
                   VitrineRegenReason        reason,
                   const char               *element_id,
                   GHashTable               *ids)
{
  const VitrineCacheGroup *g = &group->group;
  g_autoptr(GHashTable) queued = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;
  gint64 now = g_get_monotonic_time ();

  if (descriptors == NULL || descriptors[0] == NULL)
    return;
  vitrine_regen_queue_add (self->queue, g->cache, g->track_ref, profile_id, descriptors, reason,
                           element_id, now);
  for (guint i = 0; descriptors[i] != NULL; i++)
    {
      const VitrineRegenJob *job = vitrine_regen_queue_find (self->queue, g->cache, g->track_ref,
                                                             profile_id, descriptors[i]);

      g_hash_table_add (queued, (gpointer) descriptors[i]);
      if (job != NULL)
        g_hash_table_add (ids, GUINT_TO_POINTER (job->id));
    }
  /* Watchers: only when the job is for the group's own profile (not a replacement). */
  if (g_strcmp0 (profile_id, g->profile_id) != 0)
    return;
  g_hash_table_iter_init (&iter, group->wants);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GPtrArray) mine = g_ptr_array_new ();

      for (GStrv wanted = value; *wanted != NULL; wanted++)
        if (g_hash_table_contains (queued, *wanted))
          g_ptr_array_add (mine, *wanted);
      g_ptr_array_add (mine, NULL);
      /* Every one of them is queued or running now: this only joins. */
      vitrine_regen_queue_add (self->queue, g->cache, g->track_ref, profile_id,
                               (const char * const *) mine->pdata, reason, key, now);
    }
}

static void
queue_pending (VitrineCaches            *self,
               const VitrineCachesGroup *group,
               VitrineRegenReason        reason,
               const char               *element_id,
               GHashTable               *ids)
{
  const VitrineCacheGroup *g = &group->group;

  if (reason == VITRINE_REGEN_REASON_MANUAL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) pending = NULL;

      g_strv_builder_addv (builder, (const char **) g->diff->missing);
      g_strv_builder_addv (builder, (const char **) g->diff->stale);
      pending = g_strv_builder_end (builder);
      queue_descriptors (self, group, g->profile_id, (const char * const *) pending, reason, element_id, ids);
      return;
    }
  queue_descriptors (self, group, g->profile_id, (const char * const *) g->diff->missing,
                     VITRINE_REGEN_REASON_MISSING, element_id, ids);
  queue_descriptors (self, group, g->profile_id, (const char * const *) g->diff->stale,
                     VITRINE_REGEN_REASON_STALE, element_id, ids);
}

guint
vitrine_caches_regenerate (VitrineCaches      *self,
                           const char         *cache,
                           const char         *track_ref,
                           const char         *profile_id,
                           const char * const *descriptors,
                           VitrineRegenReason  reason,
                           const char         *element_id)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer id;

  g_return_val_if_fail (VITRINE_IS_CACHES (self), 0);

  for (guint i = 0; i < self->groups->len; i++)
    {
      const VitrineCachesGroup *group = self->groups->pdata[i];

      if (!group_matches (&group->group, cache, track_ref, profile_id))
        continue;
      /* A profile that is gone asks for a replacement first (vitrine_caches_regenerate_with). */
      if (!group->group.profile_exists)
        continue;
      if (descriptors != NULL)
        queue_descriptors (self, group, group->group.profile_id, descriptors, reason, element_id, ids);
      else
        queue_pending (self, group, reason, element_id, ids);
    }
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    _vitrine_caches_jobs_changed (self, GPOINTER_TO_UINT (id));
  _vitrine_caches_schedule (self);
  return g_hash_table_size (ids);
}

gboolean
vitrine_caches_retry (VitrineCaches *self,
                      guint          job_id)
{
  g_return_val_if_fail (VITRINE_IS_CACHES (self), FALSE);

  if (!vitrine_regen_queue_retry (self->queue, job_id, g_get_monotonic_time ()))
    return FALSE;
  _vitrine_caches_jobs_changed (self, job_id);
  _vitrine_caches_schedule (self);
  return TRUE;
}

guint
vitrine_caches_regenerate_with (VitrineCaches           *self,
                                const VitrineCacheGroup *group,
                                const char              *replacement_profile_id)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);
  const VitrineCachesGroup *ours = NULL;
  VitrineCachesSource *source;
  g_autofree char *revision = NULL;
  GStrv descriptors;

  g_return_val_if_fail (VITRINE_IS_CACHES (self), 0);
  g_return_val_if_fail (group != NULL && replacement_profile_id != NULL, 0);

  /* Ours, found by its key: the caller may hold a copy. */
  for (guint i = 0; i < self->groups->len && ours == NULL; i++)
    if (group_matches (self->groups->pdata[i], group->cache, group->track_ref, group->profile_id))
      ours = self->groups->pdata[i];
  if (ours == NULL)
    return 0;
  group = &ours->group;
  source = _vitrine_caches_find_source (self, group->cache);
  if (source != NULL)
    revision = vitrine_cache_source_dup_revision (source->source, replacement_profile_id);
  if (revision == NULL)
    return 0;
  /* What the elements asked for; with no intent left, what the cache held. */
  descriptors = group->diff->requested[0] != NULL ? group->diff->requested : group->diff->cached;
  queue_descriptors (self, ours, replacement_profile_id,
                     (const char * const *) descriptors, VITRINE_REGEN_REASON_MANUAL,
                     VITRINE_CACHES_ELEMENT_SETTINGS, ids);
  if (g_hash_table_size (ids) > 0)
    {
      _vitrine_caches_jobs_changed (self, 0);
      _vitrine_caches_schedule (self);
    }
  return g_hash_table_size (ids);
}

GPtrArray *
vitrine_caches_get_jobs (VitrineCaches *self)
{
  g_return_val_if_fail (VITRINE_IS_CACHES (self), NULL);
  return self->jobs;
}

const VitrineRegenJob *
vitrine_caches_find_job (VitrineCaches *self,
                         const char    *cache,
                         const char    *track_ref,
                         const char    *profile_id,
                         const char    *descriptor)
{
  g_return_val_if_fail (VITRINE_IS_CACHES (self), NULL);
  return vitrine_regen_queue_find (self->queue, cache, track_ref, profile_id, descriptor);
}

gboolean
vitrine_caches_is_paused (VitrineCaches *self,
                          const char    *cache)
{
  g_return_val_if_fail (VITRINE_IS_CACHES (self), FALSE);
  return vitrine_regen_queue_is_paused (self->queue, cache);
}

const char *
vitrine_caches_get_hold_reason (VitrineCaches *self)
{
  g_return_val_if_fail (VITRINE_IS_CACHES (self), NULL);
  return vitrine_regen_queue_get_hold (self->queue);
}

/* Dismissing ----------------------------------------------------------------------------- */

typedef struct
{
  VitrineCaches *self;        /* a reference */
  GStrv          descriptors;
  gint64         started_us;
} DismissData;

static void
dismiss_data_free (DismissData *data)
{
  g_object_unref (data->self);
  g_strfreev (data->descriptors);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DismissData, dismiss_data_free)

static void
dismiss_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DismissData) data = user_data;
  g_autoptr(GError) error = NULL;
  gboolean success = vitrine_cache_source_dismiss_finish (VITRINE_CACHE_SOURCE (object), result, &error);
  VitrineCaches *self = data->self;

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (!success)
    g_message ("Dismissing %u entries of the %s cache failed: %s", g_strv_length (data->descriptors),
               vitrine_cache_source_get_name (VITRINE_CACHE_SOURCE (object)),
               error != NULL ? error->message : "no answer");
  _vitrine_caches_history_append (self,
                                  vitrine_history_entry_new (VITRINE_CACHES_ELEMENT_SETTINGS,
                                                             VITRINE_HISTORY_DISMISSED,
                                                             (const char * const *) data->descriptors,
                                                             success,
                                                             (g_get_monotonic_time () - data->started_us) / 1000,
                                                             g_get_real_time ()));
  _vitrine_caches_request_list (self);
}

void
vitrine_caches_dismiss (VitrineCaches      *self,
                        const char         *cache,
                        const char         *track_ref,
                        const char         *profile_id,
                        const char * const *descriptors)
{
  VitrineCachesSource *source;
  DismissData *data;

  g_return_if_fail (VITRINE_IS_CACHES (self));
  g_return_if_fail (cache != NULL && track_ref != NULL && profile_id != NULL);

  source = _vitrine_caches_find_source (self, cache);
  if (source == NULL || descriptors == NULL || descriptors[0] == NULL)
    return;
  data = g_new0 (DismissData, 1);
  data->self = g_object_ref (self);
  data->descriptors = g_strdupv ((GStrv) descriptors);
  data->started_us = g_get_monotonic_time ();
  vitrine_cache_source_dismiss_async (source->source, track_ref, profile_id, descriptors,
                                      self->cancellable, dismiss_cb, data);
}
