/* fuzz-track-summary.c: a track summary file (docs/ARCHITECTURE.md §10) of arbitrary
 * bytes. Loading must never crash: it is loaded, migrated, unknown, missing or corrupt;
 * what loads has bounded, finite values and segments that do not run backwards, and it
 * saves and loads again to the same values.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>

#include "vitrine-fuzz.h"
#include "vitrine-track-summary.h"

static char *dir;
static char *path;

static void
cleanup (void)
{
  g_unlink (path);
  g_rmdir (dir);
}

static void
setup (void)
{
  g_autoptr(GError) error = NULL;

  if (dir != NULL)
    return;
  dir = g_dir_make_tmp ("vitrine-fuzz-tracks-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "summary.json", NULL);
  atexit (cleanup);
}

static void
check (const VitrineTrackSummary *summary)
{
  g_assert_nonnull (summary->track_id);
  g_assert_true (isfinite (summary->duration_s) && summary->duration_s >= 0);
  g_assert_true (isfinite (summary->loudness_dbfs) && summary->loudness_dbfs <= 20);
  g_assert_true (summary->bpm >= 0 && summary->bpm <= 1000);
  g_assert_cmpuint (summary->tempo_map->len, <=, VITRINE_TRACK_SUMMARY_MAX_SEGMENTS);
  for (guint i = 0; i < summary->tempo_map->len; i++)
    {
      const VitrineTempoSegment *s = &g_array_index (summary->tempo_map, VitrineTempoSegment, i);

      g_assert_true (s->end_s >= s->start_s && s->start_bpm >= 1 && s->end_bpm <= 1000);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(VitrineTrackSummary) summary = { 0 };
  g_auto(VitrineTrackSummary) again = { 0 };
  g_autoptr(GError) error = NULL;
  VitrineTrackSummaryResult result;

  vitrine_fuzz_init ();
  setup ();
  g_assert_true (g_file_set_contents (path, (const char *) data, (gssize) size, NULL));

  vitrine_track_summary_init (&summary);
  result = vitrine_track_summary_load (path, &summary, &error);
  g_assert_cmpint (result, <=, VITRINE_TRACK_SUMMARY_CORRUPT);
  g_assert_cmpint (result, !=, VITRINE_TRACK_SUMMARY_MISSING);
  if (result != VITRINE_TRACK_SUMMARY_LOADED && result != VITRINE_TRACK_SUMMARY_MIGRATED)
    return 0;
  check (&summary);

  /* What loads saves, and loads back the same. */
  g_clear_error (&error);
  g_assert_true (vitrine_track_summary_save (path, &summary, &error));
  g_assert_no_error (error);
  vitrine_track_summary_init (&again);
  g_assert_cmpint (vitrine_track_summary_load (path, &again, NULL), ==, VITRINE_TRACK_SUMMARY_LOADED);
  g_assert_cmpstr (again.track_id, ==, summary.track_id);
  g_assert_cmpuint (again.tempo_map->len, ==, summary.tempo_map->len);
  g_assert_cmpfloat (again.bpm, ==, summary.bpm);
  return 0;
}
