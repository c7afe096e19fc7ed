/* test-caches.c: the cache manager against an in-memory source (the real sources have
 * tests of their own) and, for pausing, a real supervisor with a real worker: intents to
 * groups and diffs, regeneration through the queue, failure and retry, pause and resume,
 * dismissal, the export hold, the history on disk and a write killed halfway.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "test-caches-source.h"
#include "vitrine-caches-private.h"
#include "vitrine-test-util.h"

#define WAIT_MS 20000

static const char *self_path;

typedef struct
{
  char          *dirs;
  char          *history;
  TestSource    *source;
  VitrineCaches *caches;
} Fixture;

typedef gboolean (*Condition) (Fixture *fixture);

static gboolean
wait_for (Fixture   *fixture,
          Condition  condition)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  while (!condition (fixture))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (500);
    }
  return TRUE;
}

static gboolean
quiet (Fixture *fixture)
{
  VitrineCaches *caches = fixture->caches;

  return caches == NULL
         || (caches->rebuilding == 0 && caches->listing == 0 && caches->list_idle_id == 0
             && caches->rebuild_idle_id == 0 && caches->changed_idle_id == 0);
}

/* Every idle callback run and every rebuild's thread done: listings, diffs, "changed". */
static void
settle (Fixture *fixture)
{
  for (guint i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
  g_assert_true (wait_for (fixture, quiet));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
emit (VitrineCaches *caches,
      const char    *element,
      const char    *track,
      const char    *profile,
      const char    *first,
      ...)
{
  g_autoptr(GPtrArray) descriptors = g_ptr_array_new ();
  g_autoptr(VitrineCacheIntent) intent = NULL;
  va_list args;

  va_start (args, first);
  for (const char *d = first; d != NULL; d = va_arg (args, const char *))
    g_ptr_array_add (descriptors, (gpointer) d);
  va_end (args);
  g_ptr_array_add (descriptors, NULL);
  intent = vitrine_cache_intent_new (element, "audio", track, profile,
                                     (const char * const *) descriptors->pdata, g_get_real_time ());
  vitrine_intent_bus_emit (vitrine_caches_get_bus (caches), intent);
}

/*
 * t1/detailed: tempo_map current, spectrum stale, old_thing extraneous, beats missing;
 * t2/gone: a profile without a revision; t3/detailed: cached, asked for by nobody.
 */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dirs = vt_isolate_dirs ();
  /* Not g_get_user_state_dir (): GLib reads it once per process. */
  fixture->history = g_build_filename (fixture->dirs, "XDG_STATE_HOME", "vitrine", "cache-history.jsonl", NULL);
  fixture->source = test_source_new ("audio", VITRINE_WORKER_ROLE_AUDIO);
  g_hash_table_insert (fixture->source->revisions, g_strdup ("detailed"), g_strdup ("r2"));
  test_source_record (fixture->source, "t1", "detailed", "tempo_map", "r2");
  test_source_record (fixture->source, "t1", "detailed", "spectrum", "r1");
  test_source_record (fixture->source, "t1", "detailed", "old_thing", "r2");
  test_source_record (fixture->source, "t2", "gone", "tempo_map", "r1");
  test_source_record (fixture->source, "t3", "detailed", "x", "r2");
  if (data == NULL)
    {
      fixture->caches = vitrine_caches_new (NULL, fixture->history);
      vitrine_caches_add_source (fixture->caches, VITRINE_CACHE_SOURCE (fixture->source));
      emit (fixture->caches, "visualizer", "t1", "detailed", "spectrum", "tempo_map", "beats", NULL);
      emit (fixture->caches, "beat-sync", "t1", "detailed", "tempo_map", "beats", NULL);
      emit (fixture->caches, "visualizer-2", "t2", "gone", "tempo_map", NULL);
      settle (fixture);
    }
}

static gboolean
history_idle (Fixture *fixture)
{
  return !fixture->caches->history_busy;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  /* Listings and writes under way hold the manager: they end here, not in the next test. */
  settle (fixture);
  g_assert_true (fixture->caches == NULL || wait_for (fixture, history_idle));
  g_clear_object (&fixture->caches);
  settle (fixture);
  g_clear_object (&fixture->source);
  vt_remove_tree (fixture->dirs);
  g_clear_pointer (&fixture->dirs, g_free);
  g_clear_pointer (&fixture->history, g_free);
}

static const VitrineCacheGroup *
group (Fixture    *fixture,
       const char *track,
       const char *profile)
{
  GPtrArray *groups = vitrine_caches_get_groups (fixture->caches);

  for (guint i = 0; i < groups->len; i++)
    {
      const VitrineCacheGroup *g = groups->pdata[i];

      if (g_str_equal (g->track_ref, track) && g_str_equal (g->profile_id, profile))
        return g;
    }
  return NULL;
}

static void
assert_strv (GStrv       strv,
             const char *expected)
{
  g_autofree char *joined = g_strjoinv (" ", strv);

  g_assert_cmpstr (joined, ==, expected);
}

static gboolean
has_element (const VitrineRegenJob *job,
             const char            *element)
{
  for (guint i = 0; i < job->elements->len; i++)
    if (g_str_equal (job->elements->pdata[i], element))
      return TRUE;
  return FALSE;
}

/* Intents become groups, diffed against the wanted revisions; the banner says so. */
static void
test_groups (Fixture       *fixture,
             gconstpointer  data)
{
  const VitrineCacheGroup *t1 = group (fixture, "t1", "detailed");
  const VitrineCacheGroup *t2 = group (fixture, "t2", "gone");
  const VitrineCacheGroup *t3 = group (fixture, "t3", "detailed");
  g_auto(GStrv) banner = vitrine_caches_dup_banner_lines (fixture->caches);
  g_autoptr(VitrineCacheIntent) again = NULL;
  const char *same[] = { "tempo_map", "beats", NULL };

  g_assert_cmpuint (vitrine_caches_get_groups (fixture->caches)->len, ==, 3);
  g_assert_nonnull (t1);
  assert_strv (t1->diff->requested, "beats spectrum tempo_map");
  assert_strv (t1->diff->current, "tempo_map");
  assert_strv (t1->diff->missing, "beats");
  assert_strv (t1->diff->stale, "spectrum");
  assert_strv (t1->diff->extraneous, "old_thing");
  g_assert_true (t1->profile_exists);
  g_assert_cmpstr (t1->profile_label, ==, "the 'detailed' profile");
  g_assert_cmpuint (t1->records->len, ==, 3);
  g_assert_false (t2->profile_exists);
  assert_strv (t2->diff->stale, "tempo_map");
  assert_strv (t3->diff->requested, "");
  assert_strv (t3->diff->extraneous, "x");
  g_assert_cmpuint (vitrine_caches_count_pending (fixture->caches, NULL), ==, 3);
  g_assert_cmpuint (vitrine_caches_count_pending (fixture->caches, "images"), ==, 0);
  g_assert_cmpuint (g_strv_length (banner), ==, 2);
  g_assert_cmpstr (banner[0], ==, "2 descriptors require regeneration to match the 'detailed' profile");
  g_assert_cmpstr (banner[1], ==, "1 descriptor requires regeneration to match the 'gone' profile");

  /* The same intent again is not emitted; the groups stay. */
  again = vitrine_cache_intent_new ("beat-sync", "audio", "t1", "detailed", same, g_get_real_time () + 5);
  g_assert_false (vitrine_intent_bus_emit (vitrine_caches_get_bus (fixture->caches), again));
  /* Gone elements: t1 is asked for by nobody, so all of it is extraneous. */
  vitrine_intent_bus_withdraw (vitrine_caches_get_bus (fixture->caches), "beat-sync");
  vitrine_intent_bus_withdraw (vitrine_caches_get_bus (fixture->caches), "visualizer");
  settle (fixture);
  t1 = group (fixture, "t1", "detailed");
  assert_strv (t1->diff->requested, "");
  assert_strv (t1->diff->extraneous, "old_thing spectrum tempo_map");
  g_assert_cmpuint (vitrine_caches_count_pending (fixture->caches, NULL), ==, 1);
}

static gboolean
history_has_two (Fixture *fixture)
{
  return vitrine_caches_get_history (fixture->caches)->len == 2 && !fixture->caches->history_busy;
}

static gboolean
diff_is_empty (Fixture *fixture)
{
  const VitrineCacheGroup *t1 = group (fixture, "t1", "detailed");

  return t1 != NULL && vitrine_cache_diff_is_empty (t1->diff);
}

/* Regenerate: a job per reason, one group at a time, watched by every element that asked;
 * each finishes, is listed again, and the diff is empty. */
static void
test_regenerate (Fixture       *fixture,
                 gconstpointer  data)
{
  const VitrineRegenJob *missing, *stale;
  guint missing_id, stale_id, lists;
  GPtrArray *history;

  fixture->source->hold = TRUE;
  lists = fixture->source->lists;
  g_assert_cmpuint (vitrine_caches_regenerate (fixture->caches, "audio", NULL, NULL, NULL,
                                               VITRINE_REGEN_REASON_MISSING,
                                               VITRINE_CACHES_ELEMENT_COMMAND_LINE), ==, 2);
  missing = vitrine_caches_find_job (fixture->caches, "audio", "t1", "detailed", "beats");
  stale = vitrine_caches_find_job (fixture->caches, "audio", "t1", "detailed", "spectrum");
  g_assert_nonnull (missing);
  g_assert_nonnull (stale);
  missing_id = missing->id;
  stale_id = stale->id;
  g_assert_cmpint (missing->reason, ==, VITRINE_REGEN_REASON_MISSING);
  g_assert_cmpint (stale->reason, ==, VITRINE_REGEN_REASON_STALE);
  /* The gone profile's group waits for a replacement. */
  g_assert_null (vitrine_caches_find_job (fixture->caches, "audio", "t2", "gone", "tempo_map"));
  /* One group, one job at a time. */
  g_assert_cmpint (missing->state, ==, VITRINE_REGEN_RUNNING);
  g_assert_cmpint (stale->state, ==, VITRINE_REGEN_QUEUED);
  g_assert_cmpuint (missing->total, ==, 1);
  /* Both elements that want "beats" watch it; only the visualizer wants "spectrum". */
  g_assert_cmpstr (missing->elements->pdata[0], ==, VITRINE_CACHES_ELEMENT_COMMAND_LINE);
  g_assert_true (has_element (missing, "visualizer"));
  g_assert_true (has_element (missing, "beat-sync"));
  g_assert_true (has_element (stale, "visualizer"));
  g_assert_false (has_element (stale, "beat-sync"));
  /* Asking again joins the jobs. */
  g_assert_cmpuint (vitrine_caches_regenerate (fixture->caches, NULL, "t1", NULL, NULL,
                                               VITRINE_REGEN_REASON_MISSING, "visualizer"), ==, 2);
  g_assert_cmpuint (vitrine_caches_get_jobs (fixture->caches)->len, ==, 2);

  g_assert_true (test_source_release (fixture->source));
  settle (fixture);
  g_assert_cmpint (vitrine_regen_queue_lookup (fixture->caches->queue, missing_id)->state, ==,
                   VITRINE_REGEN_SUCCEEDED);
  g_assert_cmpint (vitrine_regen_queue_lookup (fixture->caches->queue, stale_id)->state, ==,
                   VITRINE_REGEN_RUNNING);
  g_assert_true (test_source_release (fixture->source));
  g_assert_true (wait_for (fixture, diff_is_empty));
  g_assert_cmpuint (fixture->source->lists, >, lists);
  g_assert_cmpuint (fixture->source->regenerations, ==, 2);
  g_assert_cmpstr (test_source_lookup (fixture->source, "t1", "detailed", "spectrum")->revision, ==, "r2");
  /* Only what was asked for changed. */
  g_assert_cmpstr (test_source_lookup (fixture->source, "t2", "gone", "tempo_map")->revision, ==, "r1");

  g_assert_true (wait_for (fixture, history_has_two));
  history = vitrine_caches_get_history (fixture->caches);
  for (guint i = 0; i < history->len; i++)
    {
      const VitrineHistoryEntry *entry = history->pdata[i];

      g_assert_cmpint (entry->action, ==, VITRINE_HISTORY_MANUAL_REGENERATE);
      g_assert_cmpstr (entry->element_id, ==, VITRINE_CACHES_ELEMENT_COMMAND_LINE);
      g_assert_true (entry->success);
    }
  /* Newest first. */
  g_assert_cmpstr (((const VitrineHistoryEntry *) history->pdata[0])->descriptor_ids[0], ==, "spectrum");
  g_assert_cmpstr (((const VitrineHistoryEntry *) history->pdata[1])->descriptor_ids[0], ==, "beats");
}

static gboolean
job_failed (Fixture *fixture)
{
  const VitrineRegenJob *job = vitrine_caches_find_job (fixture->caches, "audio", "t1", "detailed", "beats");

  return job != NULL && job->state == VITRINE_REGEN_FAILED;
}

static gboolean
history_written (Fixture *fixture)
{
  return !fixture->caches->history_busy && fixture->caches->history_pending->len == 0
         && g_file_test (fixture->history, G_FILE_TEST_EXISTS);
}

static gboolean
beats_made (Fixture *fixture)
{
  const VitrineCacheGroup *t1 = group (fixture, "t1", "detailed");

  return t1 != NULL && t1->diff->missing[0] == NULL && history_written (fixture)
         && vitrine_caches_get_history (fixture->caches)->len == 2;
}

/* An injected failure: a failed job with its error and a history entry saying failure;
 * a retry succeeds and the failure is made good. */
static void
test_failure_and_retry (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *beats[] = { "beats", NULL };
  const VitrineRegenJob *job;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) on_disk = NULL;
  guint id, failed;

  fixture->source->fail_next = g_strdup ("injected worker failure");
  g_assert_cmpuint (vitrine_caches_regenerate (fixture->caches, "audio", "t1", "detailed", beats,
                                               VITRINE_REGEN_REASON_MANUAL, VITRINE_CACHES_ELEMENT_SETTINGS), ==, 1);
  g_assert_true (wait_for (fixture, job_failed));
  job = vitrine_caches_find_job (fixture->caches, "audio", "t1", "detailed", "beats");
  id = job->id;
  g_assert_cmpstr (job->error, ==, "injected worker failure");
  vitrine_regen_queue_count (fixture->caches->queue, NULL, NULL, &failed);
  g_assert_cmpuint (failed, ==, 1);
  g_assert_true (wait_for (fixture, history_written));
  g_assert_true (g_file_get_contents (fixture->history, &contents, NULL, NULL));
  on_disk = vitrine_history_parse (contents, strlen (contents));
  g_assert_cmpuint (on_disk->len, ==, 1);
  g_assert_false (((const VitrineHistoryEntry *) on_disk->pdata[0])->success);
  g_assert_cmpint (((const VitrineHistoryEntry *) on_disk->pdata[0])->action, ==, VITRINE_HISTORY_MANUAL_REGENERATE);
  g_assert_nonnull (strstr (contents, "\"status\":\"failure\""));
  g_assert_cmpstr (test_source_lookup (fixture->source, "t1", "detailed", "spectrum")->revision, ==, "r1");

  g_assert_false (vitrine_caches_retry (fixture->caches, id + 100));
  g_assert_true (vitrine_caches_retry (fixture->caches, id));
  g_assert_true (wait_for (fixture, beats_made));
  g_assert_nonnull (test_source_lookup (fixture->source, "t1", "detailed", "beats"));
  g_assert_cmpint (vitrine_regen_queue_lookup (fixture->caches->queue, id)->state, ==, VITRINE_REGEN_SUCCEEDED);
  g_assert_cmpuint (vitrine_regen_queue_lookup (fixture->caches->queue, id)->attempts, ==, 2);
  vitrine_regen_queue_count (fixture->caches->queue, NULL, NULL, &failed);
  g_assert_cmpuint (failed, ==, 0);
  g_assert_true (wait_for (fixture, history_written));
  g_assert_true (((const VitrineHistoryEntry *) vitrine_caches_get_history (fixture->caches)->pdata[0])->success);
}

static gboolean
t3_gone (Fixture *fixture)
{
  return group (fixture, "t3", "detailed") == NULL && history_written (fixture);
}

/* Dismissing an extraneous entry removes it and says so in the history. */
static void
test_dismiss (Fixture       *fixture,
              gconstpointer  data)
{
  const char *x[] = { "x", NULL };
  const VitrineHistoryEntry *entry;

  vitrine_caches_dismiss (fixture->caches, "audio", "t3", "detailed", x);
  g_assert_true (wait_for (fixture, t3_gone));
  g_assert_cmpuint (fixture->source->dismissals, ==, 1);
  entry = vitrine_caches_get_history (fixture->caches)->pdata[0];
  g_assert_cmpint (entry->action, ==, VITRINE_HISTORY_DISMISSED);
  g_assert_true (entry->success);
  g_assert_cmpstr (entry->descriptor_ids[0], ==, "x");
}

static gboolean
export_done (Fixture *fixture)
{
  return vitrine_caches_get_hold_reason (fixture->caches) == NULL;
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  gboolean *ok = user_data;
  g_autoptr(GError) error = NULL;

  *ok = vitrine_caches_export_history_finish (VITRINE_CACHES (object), result, &error);
  g_assert_no_error (error);
}

/* While an export runs, new requests wait ("Queued after export"), then run. */
static void
test_export_holds_queue (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dirs, "export.json", NULL);
  g_autofree char *contents = NULL;
  const VitrineRegenJob *job;
  gboolean ok = FALSE;

  vitrine_caches_export_history_async (fixture->caches, path, NULL, export_cb, &ok);
  g_assert_cmpstr (vitrine_caches_get_hold_reason (fixture->caches), ==, "Queued after export");
  g_assert_cmpuint (vitrine_caches_regenerate (fixture->caches, "audio", NULL, NULL, NULL,
                                               VITRINE_REGEN_REASON_MISSING, VITRINE_CACHES_ELEMENT_SETTINGS), ==, 2);
  job = vitrine_caches_find_job (fixture->caches, "audio", "t1", "detailed", "beats");
  g_assert_cmpint (job->state, ==, VITRINE_REGEN_QUEUED);
  g_assert_cmpuint (fixture->source->regenerations, ==, 0);
  g_assert_true (wait_for (fixture, export_done));
  g_assert_true (wait_for (fixture, diff_is_empty));
  g_assert_true (ok);
  g_assert_cmpuint (fixture->source->regenerations, ==, 2);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"format\" : \"vitrine-cache-history-summary\""));
}

/* A group whose profile is gone is regenerated with a replacement. */
static void
test_replacement (Fixture       *fixture,
                  gconstpointer  data)
{
  const VitrineCacheGroup *t2 = group (fixture, "t2", "gone");

  g_assert_cmpuint (vitrine_caches_regenerate_with (fixture->caches, t2, "nonexistent"), ==, 0);
  g_assert_cmpuint (vitrine_caches_regenerate_with (fixture->caches, t2, "detailed"), ==, 1);
  g_assert_true (wait_for (fixture, history_written));
  g_assert_cmpstr (test_source_lookup (fixture->source, "t2", "detailed", "tempo_map")->revision, ==, "r2");
}

/* `caches` in --status, per cache and overall. */
static void
test_status (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *caches, *audio, *jobs;

  fixture->source->hold = TRUE;
  vitrine_caches_regenerate (fixture->caches, NULL, NULL, NULL, NULL, VITRINE_REGEN_REASON_MISSING,
                             VITRINE_CACHES_ELEMENT_SETTINGS);
  json_builder_begin_object (builder);
  vitrine_caches_add_status (fixture->caches, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  caches = json_object_get_object_member (json_node_get_object (root), "caches");
  audio = json_object_get_object_member (json_object_get_object_member (caches, "sources"), "audio");
  g_assert_cmpint (json_object_get_int_member (audio, "entries"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (audio, "bytes"), ==, 5000);
  g_assert_cmpint (json_object_get_int_member (audio, "groups"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (audio, "current"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (audio, "missing"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (audio, "stale"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (audio, "extraneous"), ==, 2);
  g_assert_false (json_object_get_boolean_member (audio, "paused"));
  jobs = json_object_get_object_member (audio, "jobs");
  g_assert_cmpint (json_object_get_int_member (jobs, "running"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (jobs, "queued"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (jobs, "failed"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (caches, "pending"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (caches, "intents"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (caches, "history_entries"), ==, 0);
  g_assert_true (json_object_get_null_member (caches, "hold"));
  g_assert_cmpstr (json_object_get_string_member (caches, "history_path"), ==, fixture->history);
  while (test_source_release (fixture->source))
    settle (fixture);
  g_assert_true (wait_for (fixture, diff_is_empty));
}

static gboolean
worker_ready (Fixture *fixture)
{
  const VitrineRegenJob *job = vitrine_caches_find_job (fixture->caches, "audio", "t1", "detailed", "beats");

  return fixture->source->regenerations > 0 && (job == NULL || job->state != VITRINE_REGEN_QUEUED);
}

static gboolean
paused (Fixture *fixture)
{
  return vitrine_caches_is_paused (fixture->caches, "audio");
}

/* A real supervisor: while the worker is not running, regeneration is paused and jobs
 * wait; when it runs, they start. The feed worker stands in (it starts quickly). */
static void
test_paused_until_worker_ready (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), settings);
  g_autoptr(TestSource) source = test_source_new ("audio", VITRINE_WORKER_ROLE_FEED);

  g_set_object (&fixture->source, source);
  g_hash_table_insert (source->revisions, g_strdup ("detailed"), g_strdup ("r2"));
  test_source_record (source, "t1", "detailed", "tempo_map", "r2");
  fixture->caches = vitrine_caches_new (supervisor, fixture->history);
  vitrine_caches_add_source (fixture->caches, VITRINE_CACHE_SOURCE (source));
  emit (fixture->caches, "visualizer", "t1", "detailed", "tempo_map", "beats", NULL);
  settle (fixture);

  g_assert_true (vitrine_caches_is_paused (fixture->caches, "audio"));
  g_assert_cmpuint (vitrine_caches_regenerate (fixture->caches, NULL, NULL, NULL, NULL,
                                               VITRINE_REGEN_REASON_MISSING, VITRINE_CACHES_ELEMENT_SETTINGS), ==, 1);
  settle (fixture);
  g_assert_cmpint (vitrine_caches_find_job (fixture->caches, "audio", "t1", "detailed", "beats")->state, ==,
                   VITRINE_REGEN_QUEUED);
  g_assert_cmpuint (source->regenerations, ==, 0);

  vitrine_supervisor_start (supervisor);
  g_assert_true (wait_for (fixture, worker_ready));
  g_assert_false (vitrine_caches_is_paused (fixture->caches, "audio"));
  g_assert_true (wait_for (fixture, diff_is_empty));

  /* Switched off: paused again. */
  g_settings_set_boolean (settings, "feed-enabled", FALSE);
  g_assert_true (wait_for (fixture, paused));
  g_settings_reset (settings, "feed-enabled");
  vitrine_supervisor_shutdown (supervisor);
  g_clear_object (&fixture->caches);
}

/* History kept across runs: a new manager reads what the last one wrote. */
static void
test_history_persists (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *history;

  vitrine_caches_regenerate (fixture->caches, NULL, NULL, NULL, NULL, VITRINE_REGEN_REASON_MISSING,
                             VITRINE_CACHES_ELEMENT_SETTINGS);
  g_assert_true (wait_for (fixture, history_has_two));
  history = vitrine_caches_get_history (fixture->caches);
  for (guint i = 0; i < history->len; i++)
    g_ptr_array_add (ids, g_strdup (((const VitrineHistoryEntry *) history->pdata[i])->id));
  g_clear_object (&fixture->caches);

  fixture->caches = vitrine_caches_new (NULL, fixture->history);
  g_assert_true (wait_for (fixture, history_has_two));
  history = vitrine_caches_get_history (fixture->caches);
  for (guint i = 0; i < history->len; i++)
    g_assert_cmpstr (((const VitrineHistoryEntry *) history->pdata[i])->id, ==, ids->pdata[i]);
}

/* The child of test_history_interrupted: appends big entries as fast as it can. */
static int
history_writer (const char *path,
                const char *round)
{
  g_autoptr(VitrineCaches) caches = vitrine_caches_new (NULL, path);
  g_autoptr(GPtrArray) descriptors = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < 300; i++)
    g_ptr_array_add (descriptors, g_strdup_printf ("/photos/some/longer/folder/name/photo-%04u.jpg|scaled:1920x1080", i));
  g_ptr_array_add (descriptors, NULL);
  for (guint n = 0;; n++)
    {
      g_autofree char *element = g_strdup_printf ("round-%s-%u", round, n);

      _vitrine_caches_history_append (caches,
                                      vitrine_history_entry_new (element, VITRINE_HISTORY_MANUAL_REGENERATE,
                                                                 (const char * const *) descriptors->pdata,
                                                                 TRUE, n, g_get_real_time ()));
      for (guint i = 0; i < 20; i++)
        g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return 0;
}

/* Lines on disk, and the entries of @round, which must be 0, 1, 2 … in order. */
static guint
check_file (const char *path,
            guint       round,
            guint      *earlier)
{
  g_autofree char *contents = NULL;
  g_autofree char *prefix = g_strdup_printf ("round-%u-", round);
  g_autoptr(GPtrArray) entries = NULL;
  g_auto(GStrv) lines = NULL;
  guint mine = 0;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return 0;
  lines = g_strsplit (contents, "\n", -1);
  entries = vitrine_history_parse (contents, strlen (contents));
  /* Every line whole: a half-written file would have a line that does not parse. */
  g_assert_cmpuint (g_strv_length (lines), ==, entries->len + 1);
  g_assert_cmpstr (lines[entries->len], ==, "");
  *earlier = 0;
  for (guint i = 0; i < entries->len; i++)
    {
      const VitrineHistoryEntry *entry = entries->pdata[i];
      g_autofree char *expected = g_strdup_printf ("round-%u-%u", round, mine);

      if (!g_str_has_prefix (entry->element_id, prefix))
        {
          g_assert_cmpuint (mine, ==, 0);
          (*earlier)++;
          continue;
        }
      g_assert_cmpstr (entry->element_id, ==, expected);
      mine++;
    }
  return mine;
}

/* A writer killed at random moments: the file is always the old one or the new one, whole,
 * and nothing written before is lost. */
static void
test_history_interrupted (Fixture       *fixture,
                          gconstpointer  data)
{
  guint before = 0;

  for (guint round = 0; round < 4; round++)
    {
      g_autofree char *round_text = g_strdup_printf ("%u", round);
      g_autoptr(GSubprocess) writer = vt_spawn_quietly (self_path, "--history-writer", fixture->history,
                                                        round_text, NULL);
      gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;
      guint earlier = 0, mine;

      while (check_file (fixture->history, round, &earlier) < 2 + round)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_usleep (2000);
        }
      g_usleep (g_random_int_range (0, 30000));
      g_subprocess_send_signal (writer, SIGKILL);
      g_assert_true (vt_wait_for_exit (writer, 5000));
      mine = check_file (fixture->history, round, &earlier);
      g_test_message ("round %u: %u earlier entries, %u of its own", round, earlier, mine);
      g_assert_cmpuint (earlier, ==, before);
      g_assert_cmpuint (mine, >=, 2 + round);
      before = earlier + mine;
    }
}

static void
add (const char *path,
     void      (*func) (Fixture *, gconstpointer),
     gconstpointer data)
{
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--history-writer"))
    return history_writer (argv[2], argv[3]);

  self_path = argv[0];
  g_test_init (&argc, &argv, NULL);
  /* The supervisor warns as it stops a worker switched off (test_paused_until_worker_ready). */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_test_summary ("The cache manager: groups, diffs, the queue, pause, dismissal, history on disk.");
  add ("/Caches/groups", test_groups, NULL);
  add ("/Caches/regenerate", test_regenerate, NULL);
  add ("/Caches/failure-and-retry", test_failure_and_retry, NULL);
  add ("/Caches/dismiss", test_dismiss, NULL);
  add ("/Caches/export-holds-queue", test_export_holds_queue, NULL);
  add ("/Caches/replacement", test_replacement, NULL);
  add ("/Caches/status", test_status, NULL);
  add ("/Caches/paused-until-worker-ready", test_paused_until_worker_ready, "manual");
  add ("/Caches/history-persists", test_history_persists, NULL);
  add ("/Caches/history-interrupted", test_history_interrupted, "manual");
  return g_test_run ();
}
