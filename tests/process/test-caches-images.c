/* test-caches-images.c: the cache manager with the real image cache source, a real
 * supervisor and the sandboxed image worker (issue 14's integration tests): the scale
 * mode switched from fill to fit makes the banner count the stale images; regenerating
 * one entry touches only it (the metadata before and after); Regenerate all makes every
 * entry current and the banner line goes by itself; a worker that cannot do the work
 * fails the job with a history entry saying failure, the queue pauses while the worker
 * restarts, and a retry succeeds.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "vitrine-cache-source-images.h"
#include "vitrine-caches-private.h"
#include "vitrine-disk-cache-format.h"
#include "vitrine-test-util.h"

#define W 320
#define H 200
#define WAIT_MS 30000

typedef struct
{
  char                     *dirs;
  char                     *photos;
  char                     *paths[3];
  GSettings                *root;
  GSettings                *display;
  GSettings                *workers;
  VitrineSupervisor        *supervisor;
  VitrineCacheSourceImages *images;
  VitrineCaches            *caches;
} Fixture;

typedef gboolean (*Condition) (Fixture *f);

static gboolean
wait_for (Fixture   *f,
          Condition  condition)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * 1000;

  while (!condition (f))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
quiet (Fixture *f)
{
  VitrineCaches *caches = f->caches;

  return caches->rebuilding == 0 && caches->listing == 0 && caches->list_idle_id == 0
         && caches->rebuild_idle_id == 0 && caches->changed_idle_id == 0 && !caches->history_busy
         && caches->history_pending->len == 0;
}

static void
settle (Fixture *f)
{
  for (guint i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
  g_assert_true (wait_for (f, quiet));
}

static char *
write_photo (const char *dir,
             const char *name,
             guint       seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 900, 600);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0x204060ff + seed * 0x30100000);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL));
  g_assert_no_error (error);
  return path;
}

/* What the slideshow asks: a prescale through the disk cache, with the display's mode. */
static void
store (Fixture    *f,
       const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *key = vitrine_disk_cache_key (path, W, H);
  const char *outcome = NULL;

  reply = vitrine_supervisor_request_sync (f->supervisor, VITRINE_WORKER_ROLE_IMAGE,
    g_variant_new_parsed ("{'kind': <'prescale'>, 'input': <%s>, 'width': <%u>, 'height': <%u>, 'mode': <%u>, "
                          "'sharpen': <false>, 'max-pixels': <%t>, 'cache-key': <%s>, 'disk': <true>, "
                          "'disk-budget': <%t>, 'zoom': <1.0>, 'store-only': <true>}",
                          path, W, H, (guint32) VITRINE_SCALE_MODE_FILL, (guint64) 100000000, key,
                          (guint64) 64 << 20), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (reply, "disk", "&s", &outcome));
  g_assert_cmpstr (outcome, ==, "stored");
}

static gboolean
worker_running (Fixture *f)
{
  return vitrine_supervisor_get_state (f->supervisor, VITRINE_WORKER_ROLE_IMAGE) == VITRINE_WORKER_STATE_RUNNING;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  const char *roots[2] = { NULL, NULL };
  const char *descriptors[] = { "scaled:320x200", NULL };
  g_autoptr(VitrineCacheIntent) intent = NULL;
  g_autofree char *element = NULL;
  g_autofree char *history = NULL;

  f->dirs = vt_isolate_dirs ();
  f->photos = g_build_filename (f->dirs, "photos", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->photos, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (f->paths); i++)
    {
      g_autofree char *name = g_strdup_printf ("photo-%u.jpg", i);

      f->paths[i] = write_photo (f->photos, name, i);
    }
  f->root = g_settings_new (APP_ID);
  f->display = g_settings_get_child (f->root, "display");
  f->workers = g_settings_new (APP_ID ".Workers");
  g_settings_set_boolean (f->workers, "feed-enabled", FALSE);
  g_settings_set_boolean (f->workers, "audio-enabled", FALSE);
  g_settings_set_boolean (f->workers, "transition-enabled", FALSE);
  g_settings_set_double (f->workers, "restart-backoff-initial", 0.1);
  f->supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), f->workers);
  roots[0] = f->photos;
  vitrine_supervisor_set_read_only (f->supervisor, VITRINE_WORKER_ROLE_IMAGE, roots);
  vitrine_supervisor_start (f->supervisor);
  g_assert_true (wait_for (f, worker_running));
  for (guint i = 0; i < G_N_ELEMENTS (f->paths); i++)
    store (f, f->paths[i]);

  history = g_build_filename (f->dirs, "XDG_STATE_HOME", "vitrine", "cache-history.jsonl", NULL);
  f->caches = vitrine_caches_new (f->supervisor, history);
  f->images = vitrine_cache_source_images_new (f->supervisor, f->root);
  vitrine_cache_source_images_set_roots (f->images, roots);
  vitrine_caches_add_source (f->caches, VITRINE_CACHE_SOURCE (f->images));
  element = g_strdup_printf ("display-0:%s", f->photos);
  intent = vitrine_cache_intent_new (element, "images", f->photos, "display", descriptors, g_get_real_time ());
  vitrine_intent_bus_emit (vitrine_caches_get_bus (f->caches), intent);
  settle (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  settle (f);
  g_clear_object (&f->caches);
  g_clear_object (&f->images);
  vitrine_supervisor_shutdown (f->supervisor);
  g_clear_object (&f->supervisor);
  g_settings_reset (f->display, "scale-mode");
  g_clear_object (&f->display);
  g_settings_reset (f->workers, "feed-enabled");
  g_settings_reset (f->workers, "audio-enabled");
  g_settings_reset (f->workers, "transition-enabled");
  g_settings_reset (f->workers, "restart-backoff-initial");
  g_clear_object (&f->workers);
  g_clear_object (&f->root);
  for (guint i = 0; i < G_N_ELEMENTS (f->paths); i++)
    g_clear_pointer (&f->paths[i], g_free);
  vt_remove_tree (f->dirs);
  g_clear_pointer (&f->dirs, g_free);
  g_clear_pointer (&f->photos, g_free);
}

static const VitrineCacheGroup *
photos_group (Fixture *f)
{
  GPtrArray *groups = vitrine_caches_get_groups (f->caches);

  for (guint i = 0; i < groups->len; i++)
    {
      const VitrineCacheGroup *g = groups->pdata[i];

      if (g_str_equal (g->cache, "images") && g_str_equal (g->track_ref, f->photos))
        return g;
    }
  return NULL;
}

static guint
n_stale (Fixture *f)
{
  const VitrineCacheGroup *g = photos_group (f);

  return g != NULL ? g_strv_length (g->diff->stale) : G_MAXUINT;
}

static gboolean
all_stale (Fixture *f)
{
  return n_stale (f) == G_N_ELEMENTS (f->paths);
}

static gboolean
one_fresh (Fixture *f)
{
  return n_stale (f) == G_N_ELEMENTS (f->paths) - 1;
}

static gboolean
none_stale (Fixture *f)
{
  const VitrineCacheGroup *g = photos_group (f);

  return n_stale (f) == 0 && g_strv_length (g->diff->current) == G_N_ELEMENTS (f->paths);
}

/* A copy of the group's records: descriptor → "revision analysed". */
static GHashTable *
metadata (Fixture *f)
{
  const VitrineCacheGroup *g = photos_group (f);
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_nonnull (g);
  for (guint i = 0; i < g->records->len; i++)
    {
      const VitrineCacheRecord *r = g->records->pdata[i];

      g_hash_table_insert (table, g_strdup (r->descriptor),
                           g_strdup_printf ("%s %" G_GINT64_FORMAT, r->revision, r->analysed_unix));
    }
  return table;
}

static void
switch_to_fit (Fixture *f)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpuint (n_stale (f), ==, 0);
  g_assert_null (vitrine_caches_dup_banner_lines (f->caches));
  g_settings_set_enum (f->display, "scale-mode", VITRINE_SCALE_MODE_FIT);
  g_assert_true (wait_for (f, all_stale));
  settle (f);
  lines = vitrine_caches_dup_banner_lines (f->caches);
  g_assert_nonnull (lines);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_assert_cmpstr (lines[0], ==, "3 cached images need regeneration to match the current display profile");
}

/* Fill to fit: three stale; one regenerated alone, then all; the banner goes by itself. */
static void
test_stale_then_regenerated (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autofree char *one_key = vitrine_disk_cache_key (f->paths[1], W, H);
  const char *one[] = { one_key, NULL };
  GHashTableIter iter;
  gpointer key, value;

  switch_to_fit (f);
  before = metadata (f);
  /* Entries record their time in seconds: a new one must be able to differ. */
  g_usleep (1100 * 1000);
  g_assert_cmpuint (vitrine_caches_regenerate (f->caches, "images", f->photos, "display", one,
                                               VITRINE_REGEN_REASON_MANUAL, VITRINE_CACHES_ELEMENT_SETTINGS), ==, 1);
  g_assert_true (wait_for (f, one_fresh));
  settle (f);
  after = metadata (f);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_str_equal (key, one_key))
        g_assert_cmpstr (g_hash_table_lookup (after, key), !=, value);
      else
        g_assert_cmpstr (g_hash_table_lookup (after, key), ==, value);
    }

  g_assert_cmpuint (vitrine_caches_regenerate (f->caches, NULL, NULL, NULL, NULL, VITRINE_REGEN_REASON_MANUAL,
                                               VITRINE_CACHES_ELEMENT_SETTINGS), >=, 1);
  g_assert_true (wait_for (f, none_stale));
  settle (f);
  g_assert_null (vitrine_caches_dup_banner_lines (f->caches));
  g_assert_cmpuint (vitrine_caches_count_pending (f->caches, NULL), ==, 0);
  g_assert_cmpuint (vitrine_caches_get_history (f->caches)->len, ==, 2);
}

static guint failed_id;

static gboolean
job_failed (Fixture *f)
{
  GPtrArray *jobs = vitrine_caches_get_jobs (f->caches);

  for (guint i = 0; i < jobs->len; i++)
    {
      const VitrineRegenJob *job = jobs->pdata[i];

      if (job->state == VITRINE_REGEN_FAILED)
        {
          failed_id = job->id;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
paused (Fixture *f)
{
  return vitrine_caches_is_paused (f->caches, "images");
}

static gboolean
resumed (Fixture *f)
{
  return worker_running (f) && !vitrine_caches_is_paused (f->caches, "images");
}

static void
restart_worker (Fixture    *f,
                const char *fault)
{
  vitrine_supervisor_set_fault (f->supervisor, VITRINE_WORKER_ROLE_IMAGE, fault);
  g_settings_set_boolean (f->workers, "image-enabled", FALSE);
  g_assert_true (wait_for (f, paused));
  g_settings_set_boolean (f->workers, "image-enabled", TRUE);
  g_assert_true (wait_for (f, resumed));
}

/* A worker out of file descriptors for one photo cannot regenerate it: the job fails with its reason and
 * a history entry saying failure; with the worker well again, a retry succeeds. */
static void
test_failure_and_retry (Fixture       *f,
                        gconstpointer  data)
{
  GPtrArray *history;
  const VitrineHistoryEntry *entry;
  const VitrineRegenJob *job;
  g_autofree char *fault = g_strconcat ("emfile=", f->paths[0], NULL);
  g_autofree char *key = vitrine_disk_cache_key (f->paths[0], W, H);

  switch_to_fit (f);
  /* Only the work on the first photo: listing still works. */
  restart_worker (f, fault);
  g_assert_cmpuint (vitrine_caches_regenerate (f->caches, "images", NULL, NULL, NULL, VITRINE_REGEN_REASON_MANUAL,
                                               VITRINE_CACHES_ELEMENT_SETTINGS), >=, 1);
  g_assert_true (wait_for (f, job_failed));
  settle (f);
  job = vitrine_caches_find_job (f->caches, "images", f->photos, "display", key);
  g_assert_nonnull (job);
  g_assert_cmpint (job->state, ==, VITRINE_REGEN_FAILED);
  g_assert_nonnull (job->error);
  history = vitrine_caches_get_history (f->caches);
  g_assert_cmpuint (history->len, >=, 1);
  entry = history->pdata[0];
  g_assert_false (entry->success);
  g_assert_cmpint (entry->action, ==, VITRINE_HISTORY_MANUAL_REGENERATE);
  /* The other two were made; the first photo is not current. */
  g_assert_false (g_strv_contains ((const char * const *) photos_group (f)->diff->current, key));
  g_assert_cmpuint (g_strv_length (photos_group (f)->diff->current), ==, G_N_ELEMENTS (f->paths) - 1);

  restart_worker (f, NULL);
  g_assert_true (vitrine_caches_retry (f->caches, failed_id));
  g_assert_true (wait_for (f, none_stale));
  settle (f);
  history = vitrine_caches_get_history (f->caches);
  g_assert_true (((const VitrineHistoryEntry *) history->pdata[0])->success);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The supervisor warns when it stops a role the test switches off. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add ("/CachesImages/stale-then-regenerated", Fixture, NULL, fixture_setup, test_stale_then_regenerated,
              fixture_teardown);
  g_test_add ("/CachesImages/failure-and-retry", Fixture, NULL, fixture_setup, test_failure_and_retry,
              fixture_teardown);
  return g_test_run ();
}
