/* vitrine-regen-queue.c: the regeneration queue's rules. A job is batched into the queued
 * job of its group with the same reason; a group runs one job at a time; a descriptor
 * queued or running in its group joins that job instead of queueing again.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-regen-queue.h"

struct _VitrineRegenQueue
{
  guint       max_running;
  guint       next_id;
  GPtrArray  *jobs;     /* of VitrineRegenJob, id order */
  GHashTable *paused;   /* cache names */
  char       *hold;
  /* The active (queued or running) jobs by group key, then descriptor: a photo library's
   * job holds thousands of descriptors, and every lookup must stay O(1). */
  GHashTable *active;   /* group key → (descriptor → VitrineRegenJob) */
};

static void
regen_job_free (VitrineRegenJob *job)
{
  g_free (job->cache);
  g_free (job->track_ref);
  g_free (job->profile_id);
  g_ptr_array_unref (job->descriptors);
  g_ptr_array_unref (job->elements);
  g_free (job->error);
  g_free (job);
}

VitrineRegenQueue *
vitrine_regen_queue_new (guint max_running)
{
  VitrineRegenQueue *queue = g_new0 (VitrineRegenQueue, 1);

  queue->max_running = MAX (max_running, 1);
  queue->next_id = 1;
  queue->jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) regen_job_free);
  queue->paused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  queue->active = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_hash_table_unref);
  return queue;
}

void
vitrine_regen_queue_free (VitrineRegenQueue *queue)
{
  if (queue == NULL)
    return;
  g_ptr_array_unref (queue->jobs);
  g_hash_table_unref (queue->paused);
  g_hash_table_unref (queue->active);
  g_free (queue->hold);
  g_free (queue);
}

static gboolean
job_in_group (const VitrineRegenJob *job,
              const char            *cache,
              const char            *track_ref,
              const char            *profile_id)
{
  return g_strcmp0 (job->cache, cache) == 0 && g_strcmp0 (job->track_ref, track_ref) == 0
         && g_strcmp0 (job->profile_id, profile_id) == 0;
}

static gboolean
strings_contain (GPtrArray  *strings,
                 const char *needle)
{
  for (guint i = 0; i < strings->len; i++)
    if (strcmp (strings->pdata[i], needle) == 0)
      return TRUE;
  return FALSE;
}

static void
add_watcher (VitrineRegenJob *job,
             const char      *element_id)
{
  if (element_id != NULL && !strings_contain (job->elements, element_id))
    g_ptr_array_add (job->elements, g_strdup (element_id));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Lengths first, so that no two groups share a key whatever their strings hold. */
static char *
group_key (const char *cache,
           const char *track_ref,
           const char *profile_id)
{
  return g_strdup_printf ("%zu:%s%zu:%s%zu:%s", strlen (cache), cache, strlen (track_ref), track_ref,
                          strlen (profile_id), profile_id);
}

/* The active job of the group holding @descriptor. */
static VitrineRegenJob *
find_active (VitrineRegenQueue *queue,
             const char        *cache,
             const char        *track_ref,
             const char        *profile_id,
             const char        *descriptor)
{
  g_autofree char *key = group_key (cache, track_ref, profile_id);
  GHashTable *descriptors = g_hash_table_lookup (queue->active, key);

  return descriptors != NULL ? g_hash_table_lookup (descriptors, descriptor) : NULL;
}

static void
index_add (VitrineRegenQueue *queue,
           VitrineRegenJob   *job,
           const char        *descriptor)
{
  g_autofree char *key = group_key (job->cache, job->track_ref, job->profile_id);
  GHashTable *descriptors = g_hash_table_lookup (queue->active, key);

  if (descriptors == NULL)
    {
      descriptors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (queue->active, g_steal_pointer (&key), descriptors);
    }
  g_hash_table_insert (descriptors, g_strdup (descriptor), job);
}

/* @job is no longer active: its descriptors may be queued again. */
static void
index_remove (VitrineRegenQueue *queue,
              VitrineRegenJob   *job)
{
  g_autofree char *key = group_key (job->cache, job->track_ref, job->profile_id);
  GHashTable *descriptors = g_hash_table_lookup (queue->active, key);

  if (descriptors == NULL)
    return;
  for (guint i = 0; i < job->descriptors->len; i++)
    if (g_hash_table_lookup (descriptors, job->descriptors->pdata[i]) == job)
      g_hash_table_remove (descriptors, job->descriptors->pdata[i]);
  if (g_hash_table_size (descriptors) == 0)
    g_hash_table_remove (queue->active, key);
}

/* The queued (not yet running) job of the group with @reason, the one new descriptors
 * are batched into. */
static VitrineRegenJob *
find_batch (VitrineRegenQueue  *queue,
            const char         *cache,
            const char         *track_ref,
            const char         *profile_id,
            VitrineRegenReason  reason)
{
  for (guint i = 0; i < queue->jobs->len; i++)
    {
      VitrineRegenJob *job = queue->jobs->pdata[i];

      if (job->state == VITRINE_REGEN_QUEUED && job->reason == reason
          && job_in_group (job, cache, track_ref, profile_id))
        return job;
    }
  return NULL;
}

static VitrineRegenJob *
job_new (VitrineRegenQueue  *queue,
         const char         *cache,
         const char         *track_ref,
         const char         *profile_id,
         VitrineRegenReason  reason,
         gint64              now_us)
{
  VitrineRegenJob *job = g_new0 (VitrineRegenJob, 1);

  job->id = queue->next_id++;
  job->cache = g_strdup (cache);
  job->track_ref = g_strdup (track_ref);
  job->profile_id = g_strdup (profile_id);
  job->descriptors = g_ptr_array_new_with_free_func (g_free);
  job->elements = g_ptr_array_new_with_free_func (g_free);
  job->reason = reason;
  job->state = VITRINE_REGEN_QUEUED;
  job->queued_us = now_us;
  g_ptr_array_add (queue->jobs, job);
  return job;
}

guint
vitrine_regen_queue_add (VitrineRegenQueue  *queue,
                         const char         *cache,
                         const char         *track_ref,
                         const char         *profile_id,
                         const char * const *descriptors,
                         VitrineRegenReason  reason,
                         const char         *element_id,
                         gint64              now_us)
{
  VitrineRegenJob *batch = NULL;
  guint first_id = 0;

  g_return_val_if_fail (queue != NULL, 0);
  g_return_val_if_fail (cache != NULL && track_ref != NULL && profile_id != NULL, 0);

  for (guint i = 0; descriptors != NULL && descriptors[i] != NULL; i++)
    {
      VitrineRegenJob *holder = find_active (queue, cache, track_ref, profile_id, descriptors[i]);

      if (holder == NULL)
        {
          if (batch == NULL)
            batch = find_batch (queue, cache, track_ref, profile_id, reason);
          if (batch == NULL)
            batch = job_new (queue, cache, track_ref, profile_id, reason, now_us);
          g_ptr_array_add (batch->descriptors, g_strdup (descriptors[i]));
          index_add (queue, batch, descriptors[i]);
          holder = batch;
        }
      add_watcher (holder, element_id);
      if (first_id == 0)
        first_id = holder->id;
    }
  if (batch != NULL)
    {
      g_ptr_array_sort (batch->descriptors, compare_strings);
      batch->total = batch->descriptors->len;
    }
  return first_id;
}

static gboolean
group_is_running (VitrineRegenQueue     *queue,
                  const VitrineRegenJob *like)
{
  for (guint i = 0; i < queue->jobs->len; i++)
    {
      VitrineRegenJob *job = queue->jobs->pdata[i];

      if (job->state == VITRINE_REGEN_RUNNING
          && job_in_group (job, like->cache, like->track_ref, like->profile_id))
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
vitrine_regen_queue_take_runnable (VitrineRegenQueue *queue,
                                   gint64             now_us)
{
  GPtrArray *runnable = g_ptr_array_new ();
  guint queued, running, failed;

  g_return_val_if_fail (queue != NULL, runnable);

  if (queue->hold != NULL)
    return runnable;
  vitrine_regen_queue_count (queue, &queued, &running, &failed);
  for (guint i = 0; i < queue->jobs->len && running < queue->max_running; i++)
    {
      VitrineRegenJob *job = queue->jobs->pdata[i];

      if (job->state != VITRINE_REGEN_QUEUED || g_hash_table_contains (queue->paused, job->cache)
          || group_is_running (queue, job))
        continue;
      job->state = VITRINE_REGEN_RUNNING;
      job->started_us = now_us;
      job->done = 0;
      job->total = job->descriptors->len;
      job->attempts++;
      running++;
      g_ptr_array_add (runnable, job);
    }
  return runnable;
}

static VitrineRegenJob *
lookup (VitrineRegenQueue *queue,
        guint              id)
{
  for (guint i = 0; i < queue->jobs->len; i++)
    {
      VitrineRegenJob *job = queue->jobs->pdata[i];

      if (job->id == id)
        return job;
    }
  return NULL;
}

void
vitrine_regen_queue_progress (VitrineRegenQueue *queue,
                              guint              id,
                              guint              done,
                              guint              total)
{
  VitrineRegenJob *job = lookup (queue, id);

  if (job == NULL || job->state != VITRINE_REGEN_RUNNING)
    return;
  job->total = total;
  job->done = MIN (done, total);
}

void
vitrine_regen_queue_finish (VitrineRegenQueue *queue,
                            guint              id,
                            gboolean           success,
                            const char        *error,
                            gint64             now_us)
{
  VitrineRegenJob *job = lookup (queue, id);

  if (job == NULL || job->state != VITRINE_REGEN_RUNNING)
    return;
  index_remove (queue, job);
  job->state = success ? VITRINE_REGEN_SUCCEEDED : VITRINE_REGEN_FAILED;
  job->finished_us = now_us;
  g_clear_pointer (&job->error, g_free);
  if (success)
    job->done = job->total;
  else
    job->error = g_strdup (error != NULL ? error : "failed");
}

gboolean
vitrine_regen_queue_retry (VitrineRegenQueue *queue,
                           guint              id,
                           gint64             now_us)
{
  VitrineRegenJob *job = lookup (queue, id);

  if (job == NULL || job->state != VITRINE_REGEN_FAILED)
    return FALSE;
  /* A descriptor queued again since the failure stays with the job that holds it. */
  for (guint i = job->descriptors->len; i > 0; i--)
    if (find_active (queue, job->cache, job->track_ref, job->profile_id,
                     job->descriptors->pdata[i - 1]) != NULL)
      g_ptr_array_remove_index (job->descriptors, i - 1);
  job->state = VITRINE_REGEN_QUEUED;
  job->queued_us = now_us;
  job->started_us = 0;
  job->finished_us = 0;
  job->done = 0;
  job->total = job->descriptors->len;
  g_clear_pointer (&job->error, g_free);
  /* Nothing left to do: the work it failed at is queued in other jobs. */
  if (job->descriptors->len == 0)
    g_ptr_array_remove (queue->jobs, job);
  else
    for (guint i = 0; i < job->descriptors->len; i++)
      index_add (queue, job, job->descriptors->pdata[i]);
  return TRUE;
}

void
vitrine_regen_queue_set_paused (VitrineRegenQueue *queue,
                                const char        *cache,
                                gboolean           paused)
{
  if (paused)
    g_hash_table_add (queue->paused, g_strdup (cache));
  else
    g_hash_table_remove (queue->paused, cache);
}

gboolean
vitrine_regen_queue_is_paused (VitrineRegenQueue *queue,
                               const char        *cache)
{
  return g_hash_table_contains (queue->paused, cache);
}

void
vitrine_regen_queue_hold (VitrineRegenQueue *queue,
                          const char        *reason)
{
  g_free (queue->hold);
  queue->hold = g_strdup (reason);
}

const char *
vitrine_regen_queue_get_hold (VitrineRegenQueue *queue)
{
  return queue->hold;
}

const VitrineRegenJob *
vitrine_regen_queue_lookup (VitrineRegenQueue *queue,
                            guint              id)
{
  return lookup (queue, id);
}

const VitrineRegenJob *
vitrine_regen_queue_find (VitrineRegenQueue *queue,
                          const char        *cache,
                          const char        *track_ref,
                          const char        *profile_id,
                          const char        *descriptor)
{
  const VitrineRegenJob *failed = NULL;
  const VitrineRegenJob *active = find_active (queue, cache, track_ref, profile_id, descriptor);

  if (active != NULL)
    return active;
  for (guint i = 0; i < queue->jobs->len; i++)
    {
      const VitrineRegenJob *job = queue->jobs->pdata[i];

      if (job->state == VITRINE_REGEN_FAILED && job_in_group (job, cache, track_ref, profile_id)
          && strings_contain (job->descriptors, descriptor))
        failed = job;
    }
  return failed;
}

GPtrArray *
vitrine_regen_queue_jobs (VitrineRegenQueue *queue)
{
  GPtrArray *jobs = g_ptr_array_new ();

  /* Kept in id order: jobs are appended and a retry keeps its id and place. */
  for (guint i = 0; i < queue->jobs->len; i++)
    g_ptr_array_add (jobs, queue->jobs->pdata[i]);
  return jobs;
}

void
vitrine_regen_queue_count (VitrineRegenQueue *queue,
                           guint             *queued,
                           guint             *running,
                           guint             *failed)
{
  guint counts[VITRINE_REGEN_FAILED + 1] = { 0 };

  for (guint i = 0; i < queue->jobs->len; i++)
    counts[((VitrineRegenJob *) queue->jobs->pdata[i])->state]++;
  if (queued != NULL)
    *queued = counts[VITRINE_REGEN_QUEUED];
  if (running != NULL)
    *running = counts[VITRINE_REGEN_RUNNING];
  if (failed != NULL)
    *failed = counts[VITRINE_REGEN_FAILED];
}

/* TRUE when a later job of @failed's group succeeded at every descriptor it failed at. */
static gboolean
is_superseded (VitrineRegenQueue     *queue,
               const VitrineRegenJob *failed)
{
  g_autoptr(GHashTable) made = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < queue->jobs->len; i++)
    {
      const VitrineRegenJob *job = queue->jobs->pdata[i];

      if (job->state != VITRINE_REGEN_SUCCEEDED || job->id < failed->id
          || !job_in_group (job, failed->cache, failed->track_ref, failed->profile_id))
        continue;
      for (guint d = 0; d < job->descriptors->len; d++)
        g_hash_table_add (made, job->descriptors->pdata[d]);
    }
  for (guint d = 0; d < failed->descriptors->len; d++)
    if (!g_hash_table_contains (made, failed->descriptors->pdata[d]))
      return FALSE;
  return TRUE;
}

void
vitrine_regen_queue_prune (VitrineRegenQueue *queue,
                           guint              keep)
{
  guint succeeded = 0;

  /* Failed jobs first, while the successes that supersede them are still there. */
  for (guint i = queue->jobs->len; i > 0; i--)
    {
      VitrineRegenJob *job = queue->jobs->pdata[i - 1];

      if (job->state == VITRINE_REGEN_FAILED && is_superseded (queue, job))
        g_ptr_array_remove_index (queue->jobs, i - 1);
    }
  for (guint i = queue->jobs->len; i > 0; i--)
    {
      VitrineRegenJob *job = queue->jobs->pdata[i - 1];

      if (job->state != VITRINE_REGEN_SUCCEEDED)
        continue;
      if (++succeeded > keep)
        g_ptr_array_remove_index (queue->jobs, i - 1);
    }
}

const char *
vitrine_regen_state_to_string (VitrineRegenState state)
{
  switch (state)
    {
    case VITRINE_REGEN_QUEUED:
      return "queued";
    case VITRINE_REGEN_RUNNING:
      return "running";
    case VITRINE_REGEN_SUCCEEDED:
      return "succeeded";
    case VITRINE_REGEN_FAILED:
      return "failed";
    default:
      g_assert_not_reached ();
    }
}

const char *
vitrine_regen_reason_to_string (VitrineRegenReason reason)
{
  switch (reason)
    {
    case VITRINE_REGEN_REASON_MISSING:
      return "missing";
    case VITRINE_REGEN_REASON_STALE:
      return "stale";
    case VITRINE_REGEN_REASON_MANUAL:
      return "manual";
    default:
      g_assert_not_reached ();
    }
}
