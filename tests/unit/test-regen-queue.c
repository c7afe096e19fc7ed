/* test-regen-queue.c: the regeneration queue's rules with explicit time: batching per
 * group, one running job per group, the limit across groups, deduplication by descriptor,
 * pause, hold, retry, progress and pruning.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-regen-queue.h"

static const char *
descriptors_of (const VitrineRegenJob *job,
                char                 **joined)
{
  g_autoptr(GPtrArray) copy = g_ptr_array_new ();

  for (guint i = 0; i < job->descriptors->len; i++)
    g_ptr_array_add (copy, job->descriptors->pdata[i]);
  g_ptr_array_add (copy, NULL);
  g_free (*joined);
  *joined = g_strjoinv (" ", (GStrv) copy->pdata);
  return *joined;
}

static gboolean
has_watcher (const VitrineRegenJob *job,
             const char            *element)
{
  for (guint i = 0; i < job->elements->len; i++)
    if (g_strcmp0 (job->elements->pdata[i], element) == 0)
      return TRUE;
  return FALSE;
}

static guint
take (VitrineRegenQueue *queue,
      gint64             now)
{
  g_autoptr(GPtrArray) runnable = vitrine_regen_queue_take_runnable (queue, now);

  return runnable->len;
}

/* Adds to one group batch into the queued job with the same reason. */
static void
test_batching (void)
{
  g_autoptr(VitrineRegenQueue) queue = vitrine_regen_queue_new (2);
  const char *first[] = { "c", "a", NULL };
  const char *second[] = { "b", NULL };
  const char *stale[] = { "d", NULL };
  g_autofree char *joined = NULL;
  const VitrineRegenJob *job;
  guint id, other;

  g_assert_cmpuint (vitrine_regen_queue_add (queue, "images", "/p", "display", NULL,
                                             VITRINE_REGEN_REASON_MISSING, "e", 0), ==, 0);
  id = vitrine_regen_queue_add (queue, "images", "/p", "display", first,
                                VITRINE_REGEN_REASON_MISSING, "display-0", 10);
  g_assert_cmpuint (id, ==, 1);
  g_assert_cmpuint (vitrine_regen_queue_add (queue, "images", "/p", "display", second,
                                             VITRINE_REGEN_REASON_MISSING, "display-0", 20), ==, id);
  job = vitrine_regen_queue_lookup (queue, id);
  g_assert_cmpstr (descriptors_of (job, &joined), ==, "a b c");
  g_assert_cmpuint (job->total, ==, 3);
  g_assert_cmpuint (job->queued_us, ==, 10);
  g_assert_cmpint (job->state, ==, VITRINE_REGEN_QUEUED);
  g_assert_cmpuint (job->elements->len, ==, 1);
  /* Another reason, another group: other jobs. */
  other = vitrine_regen_queue_add (queue, "images", "/p", "display", stale,
                                   VITRINE_REGEN_REASON_STALE, "display-0", 30);
  g_assert_cmpuint (other, !=, id);
  g_assert_cmpint (vitrine_regen_queue_lookup (queue, other)->reason, ==, VITRINE_REGEN_REASON_STALE);
  g_assert_cmpuint (vitrine_regen_queue_add (queue, "images", "/q", "display", second,
                                             VITRINE_REGEN_REASON_MISSING, "display-0", 30), ==, 3);
  g_assert_cmpuint (vitrine_regen_queue_add (queue, "feeds", "/p", "display", second,
                                             VITRINE_REGEN_REASON_MISSING, "display-0", 30), ==, 4);
  g_assert_cmpuint (vitrine_regen_queue_add (queue, "images", "/p", "fit", second,
                                             VITRINE_REGEN_REASON_MISSING, "display-0", 30), ==, 5);
}

/* One running job per group, at most max_running across groups. */
static void
test_serialization_and_limit (void)
{
  g_autoptr(VitrineRegenQueue) queue = vitrine_regen_queue_new (2);
  const char *a[] = { "a", NULL };
  const char *b[] = { "b", NULL };
  g_autoptr(GPtrArray) runnable = NULL;
  guint queued, running, failed;

  vitrine_regen_queue_add (queue, "images", "/1", "display", a, VITRINE_REGEN_REASON_MISSING, "e", 0);
  vitrine_regen_queue_add (queue, "images", "/1", "display", b, VITRINE_REGEN_REASON_STALE, "e", 0);
  vitrine_regen_queue_add (queue, "images", "/2", "display", a, VITRINE_REGEN_REASON_MISSING, "e", 0);
  vitrine_regen_queue_add (queue, "audio", "t3", "p", a, VITRINE_REGEN_REASON_MISSING, "e", 0);

  runnable = vitrine_regen_queue_take_runnable (queue, 100);
  g_assert_cmpuint (runnable->len, ==, 2);
  /* Job 2 is in job 1's group: the next runnable is job 3. */
  g_assert_cmpuint (((const VitrineRegenJob *) runnable->pdata[0])->id, ==, 1);
  g_assert_cmpuint (((const VitrineRegenJob *) runnable->pdata[1])->id, ==, 3);
  g_assert_cmpint (((const VitrineRegenJob *) runnable->pdata[0])->state, ==, VITRINE_REGEN_RUNNING);
  g_assert_cmpuint (((const VitrineRegenJob *) runnable->pdata[0])->started_us, ==, 100);
  g_assert_cmpuint (((const VitrineRegenJob *) runnable->pdata[0])->attempts, ==, 1);
  g_assert_cmpuint (take (queue, 100), ==, 0);
  vitrine_regen_queue_count (queue, &queued, &running, &failed);
  g_assert_cmpuint (queued, ==, 2);
  g_assert_cmpuint (running, ==, 2);
  g_assert_cmpuint (failed, ==, 0);

  /* Job 3 done: job 4 (another group) starts, job 2 still waits for job 1. */
  vitrine_regen_queue_finish (queue, 3, TRUE, NULL, 200);
  g_clear_pointer (&runnable, g_ptr_array_unref);
  runnable = vitrine_regen_queue_take_runnable (queue, 200);
  g_assert_cmpuint (runnable->len, ==, 1);
  g_assert_cmpuint (((const VitrineRegenJob *) runnable->pdata[0])->id, ==, 4);
  g_assert_cmpint (vitrine_regen_queue_lookup (queue, 2)->state, ==, VITRINE_REGEN_QUEUED);
  vitrine_regen_queue_finish (queue, 1, TRUE, NULL, 300);
  g_clear_pointer (&runnable, g_ptr_array_unref);
  runnable = vitrine_regen_queue_take_runnable (queue, 300);
  g_assert_cmpuint (runnable->len, ==, 1);
  g_assert_cmpuint (((const VitrineRegenJob *) runnable->pdata[0])->id, ==, 2);
  g_assert_cmpuint (vitrine_regen_queue_lookup (queue, 1)->finished_us, ==, 300);
}

/* Two elements asking for one descriptor share one job and both watch it; a descriptor
 * of a running job is not queued again. */
static void
test_dedup (void)
{
  g_autoptr(VitrineRegenQueue) queue = vitrine_regen_queue_new (2);
  const char *ab[] = { "a", "b", NULL };
  const char *bc[] = { "b", "c", NULL };
  const char *a[] = { "a", NULL };
  g_autofree char *joined = NULL;
  const VitrineRegenJob *job;
  guint id;

  id = vitrine_regen_queue_add (queue, "audio", "t", "p", ab, VITRINE_REGEN_REASON_MISSING, "visualizer", 0);
  g_assert_cmpuint (vitrine_regen_queue_add (queue, "audio", "t", "p", bc, VITRINE_REGEN_REASON_MISSING,
                                             "beat-sync", 0), ==, id);
  job = vitrine_regen_queue_lookup (queue, id);
  g_assert_cmpstr (descriptors_of (job, &joined), ==, "a b c");
  g_assert_true (has_watcher (job, "visualizer"));
  g_assert_true (has_watcher (job, "beat-sync"));
  g_assert_cmpuint (job->elements->len, ==, 2);
  /* Asking again adds no watcher twice. */
  vitrine_regen_queue_add (queue, "audio", "t", "p", a, VITRINE_REGEN_REASON_MISSING, "beat-sync", 0);
  g_assert_cmpuint (job->elements->len, ==, 2);

  g_assert_cmpuint (take (queue, 1), ==, 1);
  /* Running: "a" joins it (even with another reason), "d" gets a new job. */
  {
    const char *ad[] = { "a", "d", NULL };
    guint held = vitrine_regen_queue_add (queue, "audio", "t", "p", ad, VITRINE_REGEN_REASON_STALE,
                                          "feeds", 2);
    const VitrineRegenJob *next;

    g_assert_cmpuint (held, ==, id);
    g_assert_true (has_watcher (job, "feeds"));
    g_assert_cmpstr (descriptors_of (job, &joined), ==, "a b c");
    next = vitrine_regen_queue_find (queue, "audio", "t", "p", "d");
    g_assert_nonnull (next);
    g_assert_cmpuint (next->id, !=, id);
    g_assert_cmpstr (descriptors_of (next, &joined), ==, "d");
    g_assert_true (has_watcher (next, "feeds"));
    g_assert_false (has_watcher (next, "visualizer"));
  }
  g_assert_cmpuint (vitrine_regen_queue_find (queue, "audio", "t", "p", "b")->id, ==, id);
  g_assert_null (vitrine_regen_queue_find (queue, "audio", "t", "p", "z"));
  g_assert_null (vitrine_regen_queue_find (queue, "audio", "t", "other", "b"));
  /* Finished: "a" is no longer held and queues again. */
  vitrine_regen_queue_finish (queue, id, TRUE, NULL, 3);
  g_assert_cmpuint (vitrine_regen_queue_add (queue, "audio", "t", "p", a, VITRINE_REGEN_REASON_MANUAL,
                                             "feeds", 4), >, id);
}

/* A paused cache and a hold start nothing; jobs wait and start on release. */
static void
test_pause_and_hold (void)
{
  g_autoptr(VitrineRegenQueue) queue = vitrine_regen_queue_new (2);
  const char *a[] = { "a", NULL };
  g_autoptr(GPtrArray) runnable = NULL;

  vitrine_regen_queue_add (queue, "images", "/p", "display", a, VITRINE_REGEN_REASON_MISSING, "e", 0);
  vitrine_regen_queue_add (queue, "audio", "t", "p", a, VITRINE_REGEN_REASON_MISSING, "e", 0);
  vitrine_regen_queue_set_paused (queue, "images", TRUE);
  g_assert_true (vitrine_regen_queue_is_paused (queue, "images"));
  g_assert_false (vitrine_regen_queue_is_paused (queue, "audio"));
  vitrine_regen_queue_hold (queue, "Queued after export");
  g_assert_cmpstr (vitrine_regen_queue_get_hold (queue), ==, "Queued after export");
  g_assert_cmpuint (take (queue, 1), ==, 0);
  vitrine_regen_queue_hold (queue, NULL);
  g_assert_null (vitrine_regen_queue_get_hold (queue));
  runnable = vitrine_regen_queue_take_runnable (queue, 2);
  g_assert_cmpuint (runnable->len, ==, 1);
  g_assert_cmpstr (((const VitrineRegenJob *) runnable->pdata[0])->cache, ==, "audio");
  g_assert_cmpint (vitrine_regen_queue_lookup (queue, 1)->state, ==, VITRINE_REGEN_QUEUED);
  vitrine_regen_queue_set_paused (queue, "images", FALSE);
  g_assert_false (vitrine_regen_queue_is_paused (queue, "images"));
  g_assert_cmpuint (take (queue, 3), ==, 1);
  g_assert_cmpint (vitrine_regen_queue_lookup (queue, 1)->state, ==, VITRINE_REGEN_RUNNING);
}

/* Progress while running; a failure keeps its error; a retry queues it again. */
static void
test_progress_failure_retry (void)
{
  g_autoptr(VitrineRegenQueue) queue = vitrine_regen_queue_new (1);
  const char *abc[] = { "a", "b", "c", NULL };
  const char *b[] = { "b", NULL };
  const VitrineRegenJob *job;
  guint queued, running, failed;
  guint id;

  id = vitrine_regen_queue_add (queue, "images", "/p", "display", abc, VITRINE_REGEN_REASON_STALE, "e", 0);
  job = vitrine_regen_queue_lookup (queue, id);
  g_assert_false (vitrine_regen_queue_retry (queue, id, 1));
  vitrine_regen_queue_progress (queue, id, 1, 3);
  g_assert_cmpuint (job->done, ==, 0);
  g_assert_cmpuint (take (queue, 1), ==, 1);
  vitrine_regen_queue_progress (queue, id, 2, 3);
  g_assert_cmpuint (job->done, ==, 2);
  g_assert_cmpuint (job->total, ==, 3);
  vitrine_regen_queue_progress (queue, id, 9, 3);
  g_assert_cmpuint (job->done, ==, 3);
  vitrine_regen_queue_finish (queue, id, FALSE, "The image worker crashed", 5);
  g_assert_cmpint (job->state, ==, VITRINE_REGEN_FAILED);
  g_assert_cmpstr (job->error, ==, "The image worker crashed");
  vitrine_regen_queue_count (queue, &queued, &running, &failed);
  g_assert_cmpuint (failed, ==, 1);
  /* A failed job is found for its descriptors, and is not "active": adding queues anew. */
  g_assert_cmpuint (vitrine_regen_queue_find (queue, "images", "/p", "display", "a")->id, ==, id);
  g_assert_false (vitrine_regen_queue_retry (queue, 999, 6));

  g_assert_true (vitrine_regen_queue_retry (queue, id, 6));
  g_assert_cmpint (job->state, ==, VITRINE_REGEN_QUEUED);
  g_assert_null (job->error);
  g_assert_cmpuint (job->done, ==, 0);
  g_assert_cmpuint (job->queued_us, ==, 6);
  g_assert_cmpuint (take (queue, 7), ==, 1);
  g_assert_cmpuint (job->attempts, ==, 2);
  vitrine_regen_queue_finish (queue, id, FALSE, NULL, 8);
  g_assert_cmpstr (job->error, ==, "failed");

  /* "b" queued again since: the retry keeps only "a" and "c". */
  {
    guint other = vitrine_regen_queue_add (queue, "images", "/p", "display", b,
                                           VITRINE_REGEN_REASON_MANUAL, "e", 9);
    g_autofree char *joined = NULL;

    g_assert_cmpuint (other, !=, id);
    g_assert_true (vitrine_regen_queue_retry (queue, id, 10));
    g_assert_cmpstr (descriptors_of (job, &joined), ==, "a c");
    g_assert_cmpuint (job->total, ==, 2);
  }
  /* Not "a" repeated either: a retried job is active and holds its descriptors. */
  g_assert_cmpuint (vitrine_regen_queue_find (queue, "images", "/p", "display", "a")->id, ==, id);
}

/* A retry whose every descriptor is queued elsewhere leaves nothing behind. */
static void
test_retry_emptied (void)
{
  g_autoptr(VitrineRegenQueue) queue = vitrine_regen_queue_new (1);
  const char *a[] = { "a", NULL };
  guint id, other;

  id = vitrine_regen_queue_add (queue, "images", "/p", "display", a, VITRINE_REGEN_REASON_STALE, "e", 0);
  g_assert_cmpuint (take (queue, 1), ==, 1);
  vitrine_regen_queue_finish (queue, id, FALSE, "x", 2);
  other = vitrine_regen_queue_add (queue, "images", "/p", "display", a, VITRINE_REGEN_REASON_STALE, "e", 3);
  g_assert_true (vitrine_regen_queue_retry (queue, id, 4));
  g_assert_null (vitrine_regen_queue_lookup (queue, id));
  g_assert_nonnull (vitrine_regen_queue_lookup (queue, other));
}

/* Prune keeps the newest successes and failures not yet made good. */
static void
test_prune (void)
{
  g_autoptr(VitrineRegenQueue) queue = vitrine_regen_queue_new (4);
  g_autoptr(GPtrArray) jobs = NULL;
  const char *a[] = { "a", NULL };
  const char *b[] = { "b", NULL };
  guint failed_a, failed_b;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *track = g_strdup_printf ("/t%u", i);
      guint id = vitrine_regen_queue_add (queue, "images", track, "display", a,
                                          VITRINE_REGEN_REASON_MISSING, "e", i);

      g_assert_cmpuint (take (queue, i), ==, 1);
      vitrine_regen_queue_finish (queue, id, TRUE, NULL, i);
    }
  failed_a = vitrine_regen_queue_add (queue, "images", "/f", "display", a, VITRINE_REGEN_REASON_MISSING, "e", 9);
  failed_b = vitrine_regen_queue_add (queue, "images", "/g", "display", b, VITRINE_REGEN_REASON_MISSING, "e", 9);
  g_assert_cmpuint (take (queue, 9), ==, 2);
  vitrine_regen_queue_finish (queue, failed_a, FALSE, "x", 10);
  vitrine_regen_queue_finish (queue, failed_b, FALSE, "x", 10);
  /* /f's "a" is made good by a later job; /g's "b" is not. */
  {
    guint fixed = vitrine_regen_queue_add (queue, "images", "/f", "display", a,
                                           VITRINE_REGEN_REASON_MANUAL, "e", 11);

    g_assert_cmpuint (take (queue, 11), ==, 1);
    vitrine_regen_queue_finish (queue, fixed, TRUE, NULL, 12);
  }
  vitrine_regen_queue_add (queue, "images", "/h", "display", a, VITRINE_REGEN_REASON_MISSING, "e", 13);

  vitrine_regen_queue_prune (queue, 2);
  jobs = vitrine_regen_queue_jobs (queue);
  /* Kept: job 5 (newest but one success), /g's failure, /f's fix, the queued /h. */
  g_assert_cmpuint (jobs->len, ==, 4);
  g_assert_cmpuint (((const VitrineRegenJob *) jobs->pdata[0])->id, ==, 5);
  g_assert_cmpuint (((const VitrineRegenJob *) jobs->pdata[1])->id, ==, failed_b);
  g_assert_cmpint (((const VitrineRegenJob *) jobs->pdata[1])->state, ==, VITRINE_REGEN_FAILED);
  g_assert_cmpint (((const VitrineRegenJob *) jobs->pdata[2])->state, ==, VITRINE_REGEN_SUCCEEDED);
  g_assert_cmpint (((const VitrineRegenJob *) jobs->pdata[3])->state, ==, VITRINE_REGEN_QUEUED);
  g_assert_null (vitrine_regen_queue_lookup (queue, failed_a));
  for (guint i = 1; i < jobs->len; i++)
    g_assert_cmpuint (((const VitrineRegenJob *) jobs->pdata[i - 1])->id, <,
                      ((const VitrineRegenJob *) jobs->pdata[i])->id);
}

/* A photo library's worth of descriptors: one job, sorted; asking again joins it. */
static void
test_large (void)
{
  g_autoptr(VitrineRegenQueue) queue = vitrine_regen_queue_new (2);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const VitrineRegenJob *job;
  guint id;

  for (guint i = 0; i < 5000; i++)
    g_ptr_array_add (names, g_strdup_printf ("/p/%04u.jpg|scaled:1920x1080", 4999 - i));
  g_ptr_array_add (names, NULL);
  id = vitrine_regen_queue_add (queue, "images", "/p", "display", (const char * const *) names->pdata,
                                VITRINE_REGEN_REASON_STALE, "display-0", 0);
  g_assert_cmpuint (vitrine_regen_queue_add (queue, "images", "/p", "display",
                                             (const char * const *) names->pdata,
                                             VITRINE_REGEN_REASON_STALE, "display-1", 0), ==, id);
  job = vitrine_regen_queue_lookup (queue, id);
  g_assert_cmpuint (job->descriptors->len, ==, 5000);
  g_assert_cmpuint (job->total, ==, 5000);
  g_assert_cmpstr (job->descriptors->pdata[0], ==, "/p/0000.jpg|scaled:1920x1080");
  g_assert_cmpuint (job->elements->len, ==, 2);
  g_assert_cmpuint (vitrine_regen_queue_find (queue, "images", "/p", "display",
                                              "/p/2500.jpg|scaled:1920x1080")->id, ==, id);
  g_assert_cmpuint (take (queue, 0), ==, 1);
  vitrine_regen_queue_finish (queue, id, TRUE, NULL, 1);
  g_assert_null (vitrine_regen_queue_find (queue, "images", "/p", "display", "/p/2500.jpg|scaled:1920x1080"));
}

static void
test_names (void)
{
  g_assert_cmpstr (vitrine_regen_state_to_string (VITRINE_REGEN_QUEUED), ==, "queued");
  g_assert_cmpstr (vitrine_regen_state_to_string (VITRINE_REGEN_RUNNING), ==, "running");
  g_assert_cmpstr (vitrine_regen_state_to_string (VITRINE_REGEN_SUCCEEDED), ==, "succeeded");
  g_assert_cmpstr (vitrine_regen_state_to_string (VITRINE_REGEN_FAILED), ==, "failed");
  g_assert_cmpstr (vitrine_regen_reason_to_string (VITRINE_REGEN_REASON_MISSING), ==, "missing");
  g_assert_cmpstr (vitrine_regen_reason_to_string (VITRINE_REGEN_REASON_STALE), ==, "stale");
  g_assert_cmpstr (vitrine_regen_reason_to_string (VITRINE_REGEN_REASON_MANUAL), ==, "manual");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The regeneration queue batches, serializes, limits, deduplicates, pauses, "
                  "holds, retries and prunes as documented.");
  g_test_add_func ("/Cache/Queue/batching", test_batching);
  g_test_add_func ("/Cache/Queue/serialization-and-limit", test_serialization_and_limit);
  g_test_add_func ("/Cache/Queue/dedup", test_dedup);
  g_test_add_func ("/Cache/Queue/pause-and-hold", test_pause_and_hold);
  g_test_add_func ("/Cache/Queue/progress-failure-retry", test_progress_failure_retry);
  g_test_add_func ("/Cache/Queue/retry-emptied", test_retry_emptied);
  g_test_add_func ("/Cache/Queue/prune", test_prune);
  g_test_add_func ("/Cache/Queue/large", test_large);
  g_test_add_func ("/Cache/Queue/names", test_names);
  return g_test_run ();
}
