/* test-tempo-export.c: the export's CSV table (docs/tempo-map.md §9) against tables
 * written out by hand, against the tempo view it is made from, and refused input.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-tempo-export.h"

/* 0, 1, … 8 every quarter second (0 to 2 s), and two bands over 1.5 s from 0.5 s. */
static const float ramp[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8 };
static const float bands[] = { 1, -1, 2, -2, 3, -3, 4, -4 };

static VitrineTempoMap *
map_120 (void)
{
  const VitrineTempoSegmentBeats segment = { 0, 64, 120, 120, VITRINE_TEMPO_SEGMENT_CONSTANT };
  VitrineTempoMap *map = vitrine_tempo_map_new_from_beats (&segment, 1, 0.0, NULL);

  vitrine_tempo_map_set_meter (map, 3, 0.0);
  return map;
}

static void
descriptors_init (VitrineExportDescriptor *d)
{
  d[0] = (VitrineExportDescriptor) { "rms", { ramp, G_N_ELEMENTS (ramp), 1, 0, 0.25, 0.0 } };
  d[1] = (VitrineExportDescriptor) { "spectrum.bars2", { bands, 4, 2, 0, 0.5, 0.5 } };
}

static void
test_beats (void)
{
  g_autoptr(VitrineTempoMap) map = map_120 ();
  VitrineExportDescriptor d[2];
  VitrineExportOptions options;
  g_autofree char *csv = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;

  descriptors_init (d);
  vitrine_export_options_init (&options);
  options.subdivision = 2;
  csv = vitrine_tempo_export_csv (map, d, 2, &options, &error);
  g_assert_no_error (error);
  /* Half beats (a quarter second at 120 BPM) over 0 to 2 s, bars of 3; the bands begin
   * at beat 1 and end at beat 4 (2.0 s), linear between their half-second frames. */
  g_assert_cmpstr (csv, ==,
                   "beat,time_s,bar,beat_in_bar,rms,spectrum.bars2[0],spectrum.bars2[1]\n"
                   "0,0,0,0,0,,\n"
                   "0.5,0.25,0,0.5,1,,\n"
                   "1,0.5,0,1,2,1,-1\n"
                   "1.5,0.75,0,1.5,3,1.5,-1.5\n"
                   "2,1,0,2,4,2,-2\n"
                   "2.5,1.25,0,2.5,5,2.5,-2.5\n"
                   "3,1.5,1,0,6,3,-3\n"
                   "3.5,1.75,1,0.5,7,3.5,-3.5\n"
                   "4,2,1,1,8,4,-4\n");

  again = vitrine_tempo_export_csv (map, d, 2, &options, NULL);
  g_assert_cmpstr (again, ==, csv);
}

static void
test_seconds (void)
{
  g_autoptr(VitrineTempoMap) map = map_120 ();
  VitrineExportDescriptor d[2];
  VitrineExportOptions options;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;

  descriptors_init (d);
  vitrine_export_options_init (&options);
  options.grid = VITRINE_EXPORT_GRID_SECONDS;
  options.interp = VITRINE_INTERP_HOLD;
  options.step_s = 0.4;
  csv = vitrine_tempo_export_csv (map, d, 2, &options, &error);
  g_assert_no_error (error);
  /* Rows at 0, 0.4, … 2.0 s; hold takes the last frame at or before each. */
  g_assert_cmpstr (csv, ==,
                   "beat,time_s,bar,beat_in_bar,rms,spectrum.bars2[0],spectrum.bars2[1]\n"
                   "0,0,0,0,0,,\n"
                   "0.8,0.4,0,0.8,1,,\n"
                   "1.6,0.8,0,1.6,3,1,-1\n"
                   "2.4,1.2,0,2.4,4,2,-2\n"
                   "3.2,1.6,1,0.2,6,3,-3\n"
                   "4,2,1,1,8,4,-4\n");
}

/* The export is the tempo view, formatted: every cell is the view's value in "%.9g". */
static void
test_same_as_view (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autoptr(VitrineTempoMap) map = vitrine_tempo_map_new (0.1);
  g_autofree float *data = g_new (float, 300 * 3);
  VitrineExportDescriptor d = { "onset", { data, 300, 3, 0, 512.0 / 48000, 0.05 } };
  VitrineExportOptions options;
  VitrineTempoViewSpec spec;
  g_autoptr(VitrineTempoView) view = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (vitrine_tempo_map_append_beats (map, VITRINE_TEMPO_SEGMENT_RAMP, 4, 100,
                                                 150, NULL));
  g_assert_true (vitrine_tempo_map_append_seconds (map, VITRINE_TEMPO_SEGMENT_CONSTANT, 5,
                                                   150, 0, NULL));
  for (guint i = 0; i < 300 * 3; i++)
    data[i] = (float) g_rand_double_range (rand, 0, 10);

  vitrine_export_options_init (&options);
  options.subdivision = 4;
  options.interp = VITRINE_INTERP_CATMULL_ROM;
  csv = vitrine_tempo_export_csv (map, &d, 1, &options, NULL);
  lines = g_strsplit (csv, "\n", -1);

  /* The rows start at the first quarter beat at or after the series' first frame. */
  spec = (VitrineTempoViewSpec) {
    .first_beat = ceil (vitrine_tempo_map_beat_at_time (map, 0.05) * 4) / 4,
    .subdivision = 4,
    .n_rows = g_strv_length (lines) - 2,
    .interp = VITRINE_INTERP_CATMULL_ROM,
  };
  g_assert_cmpuint (spec.n_rows, >, 20);
  view = vitrine_tempo_view_new (map, &d.series, &spec, NULL);
  for (gsize k = 0; k < spec.n_rows; k++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[k + 1], ",", -1);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      g_assert_cmpuint (g_strv_length (cells), ==, 7);
      g_assert_cmpstr (cells[0], ==, g_ascii_formatd (buffer, sizeof buffer, "%.9g",
                                                      view->beats[k]));
      g_assert_cmpstr (cells[1], ==, g_ascii_formatd (buffer, sizeof buffer, "%.9g",
                                                      view->times_s[k]));
      for (guint c = 0; c < 3; c++)
        g_assert_cmpstr (cells[4 + c], ==, g_ascii_formatd (buffer, sizeof buffer, "%.9g",
                                                            view->values[k * 3 + c]));
    }
  g_assert_cmpstr (lines[spec.n_rows + 1], ==, "");
}

static void
test_refused (void)
{
  g_autoptr(VitrineTempoMap) map = map_120 ();
  g_autoptr(VitrineTempoMap) empty = vitrine_tempo_map_new (0.0);
  VitrineExportDescriptor d[2];
  VitrineExportOptions options;
  VitrineExportGrid grid;
  g_autofree char *header = NULL;
  GError *error = NULL;

  descriptors_init (d);
  vitrine_export_options_init (&options);

  d[1].name = "a,b";
  g_assert_null (vitrine_tempo_export_csv (map, d, 2, &options, &error));
  g_assert_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "descriptor 1"));
  g_clear_error (&error);

  d[1].name = "bands";
  d[1].series.hop_s = -1;
  g_assert_null (vitrine_tempo_export_csv (map, d, 2, &options, &error));
  g_assert_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "descriptor “bands”: "));
  g_clear_error (&error);

  g_assert_null (vitrine_tempo_export_csv (map, d, 0, &options, &error));
  g_assert_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (vitrine_tempo_export_csv (empty, d, 1, &options, &error));
  g_assert_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID);
  g_clear_error (&error);

  options.grid = VITRINE_EXPORT_GRID_SECONDS;
  options.step_s = 1e-9;
  g_assert_null (vitrine_tempo_export_csv (map, d, 1, &options, &error));
  g_assert_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* No frames at all: the header alone. */
  d[0].series.n_frames = 0;
  header = vitrine_tempo_export_csv (map, d, 1, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (header, ==, "beat,time_s,bar,beat_in_bar,rms\n");

  g_assert_true (vitrine_export_grid_from_string ("seconds", &grid));
  g_assert_cmpint (grid, ==, VITRINE_EXPORT_GRID_SECONDS);
  g_assert_cmpstr (vitrine_export_grid_to_string (VITRINE_EXPORT_GRID_BEATS), ==, "beats");
  g_assert_false (vitrine_export_grid_from_string ("bars", &grid));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The export's CSV table: hand-written tables, equal to the tempo view, "
                  "refused input");

  g_test_add_func ("/TempoExport/beats", test_beats);
  g_test_add_func ("/TempoExport/seconds", test_seconds);
  g_test_add_func ("/TempoExport/same-as-view", test_same_as_view);
  g_test_add_func ("/TempoExport/refused", test_refused);

  return g_test_run ();
}
