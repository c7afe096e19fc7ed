/* test-disk-cache.c: the image role's disk cache through the real supervisor and sandbox:
 * a cold prescale stores, the next is a hit with the same bytes as a decode, another scale
 * mode is a miss that replaces the entry (cache-list reports the old one stale first), a
 * touched source and a corrupt file are misses and replaced, eviction keeps the budget by
 * last use and never drops the newest, store-only hands over nothing, cache-dismiss
 * removes only what it names.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "vitrine-cache-source-images.h"
#include "vitrine-disk-cache-format.h"
#include "vitrine-pixel-header.h"
#include "vitrine-supervisor.h"
#include "vitrine-test-util.h"

#define W 320
#define H 200
#define ENTRY_BYTES (VITRINE_DISK_CACHE_PAGE + (guint64) W * 4 * H)

typedef struct
{
  char              *dir;
  char              *photos;
  char              *images;
  GSettings         *settings;
  VitrineSupervisor *supervisor;
} Fixture;

/* A photo with a gradient, so that scaling has something to do. */
static char *
write_photo (const char *dir,
             const char *name,
             guint       seed)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 900, 600);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < 600; y++)
    for (int x = 0; x < 900; x++)
      {
        guint8 *p = pixels + y * stride + x * 3;

        p[0] = (guint8) (x + seed * 40);
        p[1] = (guint8) (y * 2 + seed);
        p[2] = (guint8) ((x ^ y) + seed * 13);
      }
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL));
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *roots[2] = { NULL, NULL };

  f->dir = g_dir_make_tmp ("vitrine-disk-cache-XXXXXX", NULL);
  f->photos = g_build_filename (f->dir, "photos", NULL);
  f->images = g_build_filename (f->dir, "vitrine", "images", NULL);
  g_mkdir_with_parents (f->photos, 0700);
  g_setenv ("XDG_CACHE_HOME", f->dir, TRUE);
  g_setenv ("XDG_STATE_HOME", f->dir, TRUE);
  f->settings = g_settings_new (APP_ID ".Workers");
  g_settings_set_boolean (f->settings, "feed-enabled", FALSE);
  g_settings_set_boolean (f->settings, "audio-enabled", FALSE);
  g_settings_set_boolean (f->settings, "transition-enabled", FALSE);
  g_settings_set_double (f->settings, "restart-backoff-initial", 0.1);
  f->supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), f->settings);
  if (data != NULL)
    vitrine_supervisor_set_fault (f->supervisor, VITRINE_WORKER_ROLE_IMAGE, data);
  roots[0] = f->photos;
  vitrine_supervisor_set_read_only (f->supervisor, VITRINE_WORKER_ROLE_IMAGE, roots);
  vitrine_supervisor_start (f->supervisor);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  vitrine_supervisor_shutdown (f->supervisor);
  g_clear_object (&f->supervisor);
  g_settings_reset (f->settings, "feed-enabled");
  g_settings_reset (f->settings, "audio-enabled");
  g_settings_reset (f->settings, "transition-enabled");
  g_settings_reset (f->settings, "restart-backoff-initial");
  g_clear_object (&f->settings);
  g_unsetenv ("XDG_CACHE_HOME");
  g_unsetenv ("XDG_STATE_HOME");
  vt_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->photos);
  g_free (f->images);
}

static GVariant *
request (Fixture      *f,
         GVariant     *variant,
         GUnixFDList **fds)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (variant);
  g_autoptr(GError) error = NULL;
  GVariant *reply = vitrine_supervisor_request_sync (f->supervisor, VITRINE_WORKER_ROLE_IMAGE, owned, fds, &error);

  g_assert_no_error (error);
  return reply;
}

/* A prescale of @path at W × H; its "disk" outcome in @outcome, its pixels returned. */
static GBytes *
prescale (Fixture    *f,
          const char *path,
          guint       mode,
          gboolean    disk,
          guint64     budget,
          char      **outcome)
{
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(VitrinePixelHeader) header = { 0 };
  GBytes *pixels;

  reply = request (f, g_variant_new_parsed ("{'kind': <'prescale'>, 'input': <%s>, 'width': <%u>, "
                                            "'height': <%u>, 'mode': <%u>, 'disk': <%b>, "
                                            "'disk-budget': <%t>, 'zoom': <1.0>}",
                                            path, W, H, mode, disk, budget), &fds);
  g_assert_true (g_variant_lookup (reply, "disk", "s", outcome));
  pixels = vitrine_supervisor_map_pixels (f->supervisor, VITRINE_WORKER_ROLE_IMAGE, reply, fds, &header, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (header.width, ==, W);
  g_assert_cmpuint (header.height, ==, H);
  return pixels;
}

static void
expect_outcome (Fixture    *f,
                const char *path,
                guint       mode,
                guint64     budget,
                const char *expected)
{
  g_autofree char *outcome = NULL;
  g_autoptr(GBytes) pixels = prescale (f, path, mode, TRUE, budget, &outcome);

  g_assert_cmpstr (outcome, ==, expected);
}

/* cache-list of everything for @mode: the wanted revision and the entries. */
static GVariant *
list (Fixture  *f,
      guint     mode,
      char    **wanted)
{
  GVariant *reply = request (f, g_variant_new_parsed ("{'kind': <'cache-list'>, 'root': <''>, 'mode': <%u>, "
                                                      "'sharpen': <false>, 'zoom': <1.0>, 'offset': <0>, "
                                                      "'limit': <256>}", mode), NULL);
  g_assert_true (g_variant_lookup (reply, "revision", "s", wanted));
  return reply;
}

static GVariant *
list_entries (GVariant *reply)
{
  GVariant *entries = g_variant_lookup_value (reply, "entries", G_VARIANT_TYPE ("aa{sv}"));

  g_assert_nonnull (entries);
  return entries;
}

/* The revision and source-ok of the only entry. */
static void
only_entry (Fixture   *f,
            guint      mode,
            char     **wanted,
            char     **revision,
            gboolean  *source_ok)
{
  g_autoptr(GVariant) reply = list (f, mode, wanted);
  g_autoptr(GVariant) entries = list_entries (reply);
  g_autoptr(GVariant) entry = NULL;
  guint32 total = 0;

  g_assert_true (g_variant_lookup (reply, "total", "u", &total));
  g_assert_cmpuint (total, ==, 1);
  g_assert_cmpuint (g_variant_n_children (entries), ==, 1);
  entry = g_variant_get_child_value (entries, 0);
  g_assert_true (g_variant_lookup (entry, "revision", "s", revision));
  g_assert_true (g_variant_lookup (entry, "source-ok", "b", source_ok));
}

static char *
entry_file (Fixture    *f,
            const char *path)
{
  g_autofree char *key = vitrine_disk_cache_key (path, W, H);
  g_autofree char *name = vitrine_disk_cache_file_name (key);

  return g_build_filename (f->images, name, NULL);
}

/* Store, hit with the decode's bytes, another mode stale then replaced. */
static void
test_hit_and_profile (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *photo = write_photo (f->photos, "a.jpg", 1);
  g_autofree char *first = NULL, *second = NULL, *plain = NULL;
  g_autofree char *wanted = NULL, *revision = NULL, *wanted_fit = NULL, *revision_fit = NULL;
  g_autofree char *wanted_after = NULL, *revision_after = NULL;
  g_autoptr(GBytes) stored = NULL, hit = NULL, decoded = NULL;
  gboolean source_ok = FALSE;

  stored = prescale (f, photo, VITRINE_SCALE_MODE_FILL, TRUE, G_MAXUINT64, &first);
  g_assert_cmpstr (first, ==, "stored");
  hit = prescale (f, photo, VITRINE_SCALE_MODE_FILL, TRUE, G_MAXUINT64, &second);
  g_assert_cmpstr (second, ==, "hit");
  decoded = prescale (f, photo, VITRINE_SCALE_MODE_FILL, FALSE, G_MAXUINT64, &plain);
  g_assert_cmpstr (plain, ==, "off");
  g_assert_true (g_bytes_equal (hit, decoded));
  g_assert_true (g_bytes_equal (stored, decoded));

  only_entry (f, VITRINE_SCALE_MODE_FILL, &wanted, &revision, &source_ok);
  g_assert_cmpstr (revision, ==, wanted);
  g_assert_true (source_ok);

  /* Fit wants another revision: the fill entry is stale for it, then replaced. */
  only_entry (f, VITRINE_SCALE_MODE_FIT, &wanted_fit, &revision_fit, &source_ok);
  g_assert_cmpstr (wanted_fit, !=, wanted);
  g_assert_cmpstr (revision_fit, ==, wanted);
  expect_outcome (f, photo, VITRINE_SCALE_MODE_FIT, G_MAXUINT64, "stored");
  expect_outcome (f, photo, VITRINE_SCALE_MODE_FIT, G_MAXUINT64, "hit");
  only_entry (f, VITRINE_SCALE_MODE_FIT, &wanted_after, &revision_after, &source_ok);
  g_assert_cmpstr (revision_after, ==, wanted_fit);
  expect_outcome (f, photo, VITRINE_SCALE_MODE_FILL, G_MAXUINT64, "stored");
}

/* A touched source is a miss (and not source-ok before); a corrupt file is a miss and
 * replaced whole. */
static void
test_source_and_corruption (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *photo = write_photo (f->photos, "b.jpg", 2);
  g_autofree char *file = entry_file (f, photo);
  g_autofree char *wanted = NULL, *revision = NULL, *outcome = NULL;
  g_autoptr(GBytes) before = NULL, after = NULL;
  struct utimbuf times = { 1700000000, 1700000000 };
  gboolean source_ok = TRUE;
  g_autofree char *contents = NULL;
  gsize length = 0;

  before = prescale (f, photo, VITRINE_SCALE_MODE_FILL, TRUE, G_MAXUINT64, &outcome);
  g_assert_cmpstr (outcome, ==, "stored");
  g_assert_cmpint (utime (photo, &times), ==, 0);
  only_entry (f, VITRINE_SCALE_MODE_FILL, &wanted, &revision, &source_ok);
  g_assert_false (source_ok);
  expect_outcome (f, photo, VITRINE_SCALE_MODE_FILL, G_MAXUINT64, "stored");
  expect_outcome (f, photo, VITRINE_SCALE_MODE_FILL, G_MAXUINT64, "hit");

  /* Cut the pixels short: a miss, and the entry written anew. */
  g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, ENTRY_BYTES);
  g_assert_true (g_file_set_contents (file, contents, length - 100, NULL));
  g_clear_pointer (&outcome, g_free);
  after = prescale (f, photo, VITRINE_SCALE_MODE_FILL, TRUE, G_MAXUINT64, &outcome);
  g_assert_cmpstr (outcome, ==, "stored");
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (file, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, ENTRY_BYTES);

  /* A flipped magic and another format version: misses too. */
  contents[0] = 'X';
  g_assert_true (g_file_set_contents (file, contents, length, NULL));
  expect_outcome (f, photo, VITRINE_SCALE_MODE_FILL, G_MAXUINT64, "stored");
  contents[0] = 'V';
  contents[8] = VITRINE_DISK_CACHE_VERSION + 1;
  g_assert_true (g_file_set_contents (file, contents, length, NULL));
  expect_outcome (f, photo, VITRINE_SCALE_MODE_FILL, G_MAXUINT64, "stored");
  expect_outcome (f, photo, VITRINE_SCALE_MODE_FILL, G_MAXUINT64, "hit");
}

/* Least recently used out within the budget; the newest stays even over it. */
static void
test_eviction (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = write_photo (f->photos, "a.jpg", 3);
  g_autofree char *b = write_photo (f->photos, "b.jpg", 4);
  g_autofree char *c = write_photo (f->photos, "c.jpg", 5);
  g_autofree char *d = write_photo (f->photos, "d.jpg", 6);
  g_autofree char *file_a = entry_file (f, a), *file_b = entry_file (f, b);
  g_autofree char *file_c = entry_file (f, c), *file_d = entry_file (f, d);
  guint64 budget = 2 * ENTRY_BYTES + ENTRY_BYTES / 2;

  expect_outcome (f, a, VITRINE_SCALE_MODE_FILL, budget, "stored");
  expect_outcome (f, b, VITRINE_SCALE_MODE_FILL, budget, "stored");
  expect_outcome (f, a, VITRINE_SCALE_MODE_FILL, budget, "hit");
  expect_outcome (f, c, VITRINE_SCALE_MODE_FILL, budget, "stored");
  /* b was the least recently used. */
  g_assert_true (g_file_test (file_a, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (file_b, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (file_c, G_FILE_TEST_EXISTS));

  /* A budget below one entry keeps only the one just written. */
  expect_outcome (f, d, VITRINE_SCALE_MODE_FILL, ENTRY_BYTES / 2, "stored");
  g_assert_false (g_file_test (file_a, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (file_c, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (file_d, G_FILE_TEST_EXISTS));
  expect_outcome (f, d, VITRINE_SCALE_MODE_FILL, ENTRY_BYTES / 2, "hit");
}

/* store-only hands over nothing; cache-dismiss removes exactly what it names. */
static void
test_store_only_and_dismiss (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *a = write_photo (f->photos, "a.jpg", 7);
  g_autofree char *b = write_photo (f->photos, "b.jpg", 8);
  g_autofree char *key_a = vitrine_disk_cache_key (a, W, H);
  g_autofree char *missing = vitrine_disk_cache_key (a, W + 1, H);
  g_autofree char *file_a = entry_file (f, a), *file_b = entry_file (f, b);
  g_autofree char *revision = NULL;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL, dismissed = NULL;
  const char *keys[] = { key_a, missing, NULL };
  const char *outcome = NULL;
  guint32 removed = 0;

  reply = request (f, g_variant_new_parsed ("{'kind': <'prescale'>, 'input': <%s>, 'width': <%u>, "
                                            "'height': <%u>, 'mode': <%u>, 'store-only': <true>}",
                                            a, W, H, VITRINE_SCALE_MODE_FILL), &fds);
  g_assert_true (fds == NULL || g_unix_fd_list_get_length (fds) == 0);
  g_assert_false (g_variant_lookup (reply, "fd", "i", NULL));
  g_assert_null (g_variant_lookup_value (reply, "pixels", NULL));
  g_assert_true (g_variant_lookup (reply, "disk", "&s", &outcome));
  g_assert_cmpstr (outcome, ==, "stored");
  g_assert_true (g_variant_lookup (reply, "revision", "s", &revision));
  g_assert_true (g_file_test (file_a, G_FILE_TEST_EXISTS));
  expect_outcome (f, a, VITRINE_SCALE_MODE_FILL, G_MAXUINT64, "hit");
  expect_outcome (f, b, VITRINE_SCALE_MODE_FILL, G_MAXUINT64, "stored");

  dismissed = request (f, g_variant_new_parsed ("{'kind': <'cache-dismiss'>, 'keys': <%^as>}", keys), NULL);
  g_assert_true (g_variant_lookup (dismissed, "removed", "u", &removed));
  g_assert_cmpuint (removed, ==, 1);
  g_assert_false (g_file_test (file_a, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (file_b, G_FILE_TEST_EXISTS));
  expect_outcome (f, b, VITRINE_SCALE_MODE_FILL, G_MAXUINT64, "hit");
}

/* A store-only decode is guarded like any prescale: the photo it crashed on (alone in
 * flight: two strikes) is quarantined, refused the next time, and nothing is written. */
static void
test_store_only_guarded (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *photo = write_photo (f->photos, "poison.jpg", 11);
  g_autofree char *file = entry_file (f, photo);
  g_autoptr(GVariant) request = g_variant_ref_sink (g_variant_new_parsed (
    "{'kind': <'prescale'>, 'input': <%s>, 'width': <%u>, 'height': <%u>, 'store-only': <true>}", photo, W, H));
  g_autoptr(GVariant) crashed = NULL, refused = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  GPid old;

  while (vitrine_supervisor_get_state (f->supervisor, VITRINE_WORKER_ROLE_IMAGE) != VITRINE_WORKER_STATE_RUNNING)
    g_main_context_iteration (NULL, TRUE);
  old = vitrine_supervisor_get_pid (f->supervisor, VITRINE_WORKER_ROLE_IMAGE);
  crashed = vitrine_supervisor_request_sync (f->supervisor, VITRINE_WORKER_ROLE_IMAGE, request, NULL, &error);
  g_assert_null (crashed);
  g_assert_error (error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_WORKER_DIED);
  g_clear_error (&error);

  /* The next process's first request would crash too, but a quarantined input is refused
   * before anything touches it. */
  while (vitrine_supervisor_get_pid (f->supervisor, VITRINE_WORKER_ROLE_IMAGE) == old ||
         vitrine_supervisor_get_state (f->supervisor, VITRINE_WORKER_ROLE_IMAGE) != VITRINE_WORKER_STATE_RUNNING)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  refused = vitrine_supervisor_request_sync (f->supervisor, VITRINE_WORKER_ROLE_IMAGE, request, NULL, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  g_assert_true (vitrine_message_error_blames_input (error));
  g_assert_nonnull (strstr (error->message, "quarantined"));
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

static void
async_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static GPtrArray *
source_list (VitrineCacheSource *source)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  vitrine_cache_source_list_async (source, NULL, async_cb, &result);
  records = vitrine_cache_source_list_finish (source, wait_for (&result), &error);
  g_assert_no_error (error);
  return records;
}

static void
count_cb (VitrineCacheSource *source,
          guint              *count)
{
  (*count)++;
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  guint *last = user_data;

  g_assert_cmpuint (done, ==, *last + 1);
  g_assert_cmpuint (total, ==, 2);
  *last = done;
}

/* The cache source: records by root, the revision from the worker, a settings change
 * makes them stale, regeneration makes them current, dismissal removes one. */
static void
test_source (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = write_photo (f->photos, "a.jpg", 9);
  g_autofree char *b = write_photo (f->photos, "b.jpg", 10);
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) display = g_settings_get_child (root, "display");
  g_autoptr(GSettings) sources = g_settings_get_child (root, "sources");
  const char *folders[] = { f->photos, NULL };
  g_autoptr(VitrineCacheSourceImages) images = NULL;
  VitrineCacheSource *source;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(VitrineCacheIntent) intent = NULL;
  g_autoptr(GAsyncResult) regenerated = NULL, dismissed = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) expanded = NULL;
  g_autofree char *fill = NULL, *fit = NULL, *key_a = NULL;
  const char *descriptors[] = { "scaled:320x200", NULL };
  const char *one[2] = { NULL, NULL };
  guint changes = 0, progress = 0;

  g_settings_set_strv (sources, "folders", folders);
  expect_outcome (f, a, VITRINE_SCALE_MODE_FILL, G_MAXUINT64, "stored");
  expect_outcome (f, b, VITRINE_SCALE_MODE_FILL, G_MAXUINT64, "stored");

  images = vitrine_cache_source_images_new (f->supervisor, root);
  source = VITRINE_CACHE_SOURCE (images);
  g_assert_cmpstr (vitrine_cache_source_get_name (source), ==, "images");
  g_assert_cmpint (vitrine_cache_source_get_role (source), ==, VITRINE_WORKER_ROLE_IMAGE);
  g_assert_null (vitrine_cache_source_dup_revision (source, "detailed"));
  g_signal_connect (source, "changed", G_CALLBACK (count_cb), &changes);

  records = source_list (source);
  fill = vitrine_cache_source_dup_revision (source, "display");
  g_assert_cmpuint (records->len, ==, 2);
  for (guint i = 0; i < records->len; i++)
    {
      VitrineCacheRecord *record = records->pdata[i];

      g_assert_cmpstr (record->track_ref, ==, f->photos);
      g_assert_cmpstr (record->profile_id, ==, "display");
      g_assert_cmpstr (record->revision, ==, fill);
      g_assert_cmpuint (record->bytes, ==, ENTRY_BYTES);
      g_assert_cmpint (record->analysed_unix, >, 0);
    }

  intent = vitrine_cache_intent_new ("display-0", "images", f->photos, "display", descriptors, 0);
  expanded = vitrine_cache_source_expand (source, intent, records);
  key_a = vitrine_disk_cache_key (a, W, H);
  g_assert_cmpuint (g_strv_length (expanded), ==, 2);
  g_assert_cmpstr (expanded[0], ==, key_a);

  g_settings_set_enum (display, "scale-mode", VITRINE_SCALE_MODE_FIT);
  g_assert_cmpuint (changes, ==, 1);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = source_list (source);
  fit = vitrine_cache_source_dup_revision (source, "display");
  g_assert_cmpstr (fit, !=, fill);
  g_assert_cmpstr (((VitrineCacheRecord *) records->pdata[0])->revision, ==, fill);

  vitrine_cache_source_regenerate_async (source, f->photos, "display", (const char * const *) expanded,
                                         progress_cb, &progress, NULL, async_cb, &regenerated);
  g_assert_true (vitrine_cache_source_regenerate_finish (source, wait_for (&regenerated), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress, ==, 2);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = source_list (source);
  g_assert_cmpuint (records->len, ==, 2);
  for (guint i = 0; i < records->len; i++)
    g_assert_cmpstr (((VitrineCacheRecord *) records->pdata[i])->revision, ==, fit);

  one[0] = key_a;
  vitrine_cache_source_dismiss_async (source, f->photos, "display", one, NULL, async_cb, &dismissed);
  g_assert_true (vitrine_cache_source_dismiss_finish (source, wait_for (&dismissed), &error));
  g_clear_pointer (&records, g_ptr_array_unref);
  records = source_list (source);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (((VitrineCacheRecord *) records->pdata[0])->descriptor, !=, key_a);

  g_settings_reset (display, "scale-mode");
  g_settings_reset (sources, "folders");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/disk-cache/hit-and-profile", Fixture, NULL, fixture_set_up, test_hit_and_profile, fixture_tear_down);
  g_test_add ("/disk-cache/source-and-corruption", Fixture, NULL, fixture_set_up, test_source_and_corruption,
              fixture_tear_down);
  g_test_add ("/disk-cache/eviction", Fixture, NULL, fixture_set_up, test_eviction, fixture_tear_down);
  g_test_add ("/disk-cache/store-only-and-dismiss", Fixture, NULL, fixture_set_up, test_store_only_and_dismiss,
              fixture_tear_down);

  g_test_add ("/disk-cache/source", Fixture, NULL, fixture_set_up, test_source, fixture_tear_down);
  g_test_add ("/disk-cache/store-only-guarded", Fixture, "crash@1", fixture_set_up, test_store_only_guarded,
              fixture_tear_down);

  return g_test_run ();
}
