/* test-track-summary.c: per-track summaries against the fixture files in tracks/: the
 * current schema read exactly, the older one migrated (and written back in the current
 * one), an unknown one ignored and never overwritten, corrupt ones (truncated, wrong
 * types, out of range, not UTF-8) reported and replaced by the next save, a round trip
 * through save and load, and the file name a hash of the track id; the cache manager's
 * optional members (revision, descriptors, URL, time) read, kept through a save, and
 * absent in files from before them.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "vitrine-track-summary.h"
#include "vitrine-test-util.h"

static char *tmp_dir;

/* The fixture @name copied to a scratch file, so saves never touch the sources. */
static char *
scratch (const char *name)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "tracks", name, NULL);
  g_autofree char *contents = NULL;
  gsize length;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  return path;
}

static VitrineTrackSummaryResult
load (const char          *path,
      VitrineTrackSummary *summary)
{
  g_autoptr(GError) error = NULL;
  VitrineTrackSummaryResult result;

  vitrine_track_summary_init (summary);
  result = vitrine_track_summary_load (path, summary, &error);
  if (result == VITRINE_TRACK_SUMMARY_CORRUPT)
    g_assert_nonnull (error);
  else
    g_assert_no_error (error);
  return result;
}

static void
test_current (void)
{
  g_autofree char *path = scratch ("schema-2.json");
  g_auto(VitrineTrackSummary) summary = { 0 };
  const VitrineTempoSegment *ramp;

  g_assert_cmpint (load (path, &summary), ==, VITRINE_TRACK_SUMMARY_LOADED);
  g_assert_cmpstr (summary.track_id, ==, "/org/mpris/MediaPlayer2/Track/7");
  g_assert_cmpfloat (summary.duration_s, ==, 184.5);
  g_assert_cmpfloat (summary.loudness_dbfs, ==, -14.25);
  g_assert_cmpfloat (summary.onset_density, ==, 3.5);
  g_assert_cmpfloat (summary.bpm, ==, 120);
  g_assert_cmpuint (summary.tempo_map->len, ==, 3);
  ramp = &g_array_index (summary.tempo_map, VitrineTempoSegment, 1);
  g_assert_cmpint (ramp->kind, ==, VITRINE_TEMPO_RAMP);
  g_assert_cmpfloat (ramp->start_bpm, ==, 120);
  g_assert_cmpfloat (ramp->end_bpm, ==, 90);
}

static void
test_cache_members (void)
{
  g_autofree char *path = scratch ("schema-2-cache.json");
  g_autofree char *old = scratch ("schema-2.json");
  g_autofree char *bad = scratch ("corrupt-cache-types.json");
  g_auto(VitrineTrackSummary) summary = { 0 };
  g_auto(VitrineTrackSummary) again = { 0 };
  g_auto(VitrineTrackSummary) before = { 0 };
  g_auto(VitrineTrackSummary) broken = { 0 };
  const char *held[] = { "loudness", "onset_density", "tempo_map", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (load (path, &summary), ==, VITRINE_TRACK_SUMMARY_LOADED);
  g_assert_cmpstr (summary.revision, ==, "0123456789ab");
  g_assert_true (g_strv_equal ((const char * const *) summary.descriptors, held));
  g_assert_cmpstr (summary.url, ==, "file:///music/eight.wav");
  g_assert_cmpint (summary.analysed_unix, ==, 1796112000);
  g_assert_true (vitrine_track_summary_save (path, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (load (path, &again), ==, VITRINE_TRACK_SUMMARY_LOADED);
  g_assert_cmpstr (again.revision, ==, summary.revision);
  g_assert_true (g_strv_equal ((const char * const *) again.descriptors, held));
  g_assert_cmpstr (again.url, ==, summary.url);
  g_assert_cmpint (again.analysed_unix, ==, summary.analysed_unix);

  /* A file from before them: none of them, still loaded. */
  g_assert_cmpint (load (old, &before), ==, VITRINE_TRACK_SUMMARY_LOADED);
  g_assert_null (before.revision);
  g_assert_null (before.descriptors);
  g_assert_null (before.url);
  g_assert_cmpint (before.analysed_unix, ==, 0);
  /* Present with a wrong type: corrupt, as any other member. */
  g_assert_cmpint (load (bad, &broken), ==, VITRINE_TRACK_SUMMARY_CORRUPT);
}

static void
test_migrated (void)
{
  g_autofree char *path = scratch ("schema-1.json");
  g_auto(VitrineTrackSummary) summary = { 0 };
  g_auto(VitrineTrackSummary) again = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (load (path, &summary), ==, VITRINE_TRACK_SUMMARY_MIGRATED);
  g_assert_cmpstr (summary.track_id, ==, "file:///music/old.flac");
  g_assert_cmpfloat (summary.bpm, ==, 96);
  /* 0.1 linear is -20 dBFS; schema 1 had no onsets; its tempo, one constant segment. */
  g_assert_cmpfloat_with_epsilon (summary.loudness_dbfs, -20.0, 1e-9);
  g_assert_cmpfloat (summary.onset_density, ==, -1);
  g_assert_cmpuint (summary.tempo_map->len, ==, 1);
  g_assert_cmpfloat (g_array_index (summary.tempo_map, VitrineTempoSegment, 0).end_s, ==, 200);

  /* Written back, it reads as the current schema with the same values. */
  g_assert_true (vitrine_track_summary_save (path, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (load (path, &again), ==, VITRINE_TRACK_SUMMARY_LOADED);
  g_assert_cmpstr (again.track_id, ==, summary.track_id);
  g_assert_cmpfloat (again.loudness_dbfs, ==, summary.loudness_dbfs);
  g_assert_cmpuint (again.tempo_map->len, ==, 1);
}

static void
test_unknown (void)
{
  g_autofree char *path = scratch ("schema-9.json");
  g_autofree char *before = NULL, *after = NULL;
  g_auto(VitrineTrackSummary) summary = { 0 };
  g_auto(VitrineTrackSummary) mine = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_cmpint (load (path, &summary), ==, VITRINE_TRACK_SUMMARY_UNKNOWN);
  g_assert_null (summary.track_id);
  /* A newer Vitrine's file is not ours to overwrite. */
  vitrine_track_summary_init (&mine);
  mine.track_id = g_strdup ("/org/mpris/MediaPlayer2/Track/7");
  g_assert_false (vitrine_track_summary_save (path, &mine, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
}

static void
test_corrupt (void)
{
  const char *names[] = { "corrupt-truncated.json", "corrupt-types.json", "corrupt-range.json",
                          "corrupt-binary.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = scratch (names[i]);
      g_auto(VitrineTrackSummary) summary = { 0 };
      g_auto(VitrineTrackSummary) replaced = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", names[i]);
      g_assert_cmpint (load (path, &summary), ==, VITRINE_TRACK_SUMMARY_CORRUPT);
      g_assert_null (summary.track_id);
      g_assert_cmpuint (summary.tempo_map->len, ==, 0);
      /* The next save replaces it. */
      g_free (summary.track_id);
      summary.track_id = g_strdup ("t");
      summary.bpm = 100;
      g_assert_true (vitrine_track_summary_save (path, &summary, &error));
      g_assert_no_error (error);
      g_assert_cmpint (load (path, &replaced), ==, VITRINE_TRACK_SUMMARY_LOADED);
      g_assert_cmpfloat (replaced.bpm, ==, 100);
    }
}

static void
test_missing_and_path (void)
{
  g_autofree char *path = vitrine_track_summary_path (tmp_dir, "../../etc/passwd");
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *expected_dir = g_build_filename (tmp_dir, "vitrine", "tracks", NULL);
  g_auto(VitrineTrackSummary) summary = { 0 };

  g_assert_cmpstr (dir, ==, expected_dir);
  g_assert_cmpuint (strlen (base), ==, 64 + 5);
  g_assert_true (g_str_has_suffix (base, ".json"));
  g_assert_cmpint (load (path, &summary), ==, VITRINE_TRACK_SUMMARY_MISSING);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("vitrine-tracks-XXXXXX", NULL);
  g_test_add_func ("/track-summary/current", test_current);
  g_test_add_func ("/track-summary/cache-members", test_cache_members);
  g_test_add_func ("/track-summary/migrated", test_migrated);
  g_test_add_func ("/track-summary/unknown", test_unknown);
  g_test_add_func ("/track-summary/corrupt", test_corrupt);
  g_test_add_func ("/track-summary/missing-and-path", test_missing_and_path);
  status = g_test_run ();
  vt_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
