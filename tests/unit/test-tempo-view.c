/* test-tempo-view.c: descriptor series sampled at beats (docs/tempo-map.md §5) against
 * values worked out by hand, multi-channel and strided frames, locality (what live and
 * offline agree on), and refused input.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-tempo-view.h"

/* i² at frames 0 to 7, half a second apart: one frame a beat at 120 BPM. */
static const float squares[] = { 0, 1, 4, 9, 16, 25, 36, 49 };
static const float cubes[] = { 0, 1, 8, 27, 64, 125 };

static VitrineSeries
series_of (const float *data,
           gsize        n)
{
  return (VitrineSeries) { .data = data, .n_frames = n, .channels = 1, .hop_s = 0.5 };
}

static VitrineTempoMap *
map_120 (void)
{
  const VitrineTempoSegmentBeats segment = { 0, 64, 120, 120, VITRINE_TEMPO_SEGMENT_CONSTANT };

  return vitrine_tempo_map_new_from_beats (&segment, 1, 0.0, NULL);
}

static void
test_hold_linear (void)
{
  VitrineSeries s = series_of (squares, G_N_ELEMENTS (squares));

  /* t = 1.25 s is frame 2.5: hold gives frame 2, linear halfway from 4 to 9. */
  g_assert_cmpfloat (vitrine_series_sample (&s, 1.25, VITRINE_INTERP_HOLD, 0), ==, 4.0);
  g_assert_cmpfloat (vitrine_series_sample (&s, 1.25, VITRINE_INTERP_LINEAR, 0), ==, 6.5);
  g_assert_cmpfloat (vitrine_series_sample (&s, 1.4, VITRINE_INTERP_HOLD, 0), ==, 4.0);
  g_assert_cmpfloat_with_epsilon (vitrine_series_sample (&s, 1.4, VITRINE_INTERP_LINEAR, 0),
                                  4.0 + 0.8 * 5.0, 1e-12);
  /* On a frame every kind gives the frame. */
  for (VitrineInterp k = VITRINE_INTERP_HOLD; k <= VITRINE_INTERP_CATMULL_ROM; k++)
    {
      g_assert_cmpfloat (vitrine_series_sample (&s, 1.5, k, 0), ==, 9.0);
      g_assert_cmpfloat (vitrine_series_sample (&s, 0.0, k, 0), ==, 0.0);
      g_assert_cmpfloat (vitrine_series_sample (&s, 3.5, k, 0), ==, 49.0);
      /* Outside the frames there is nothing to say. */
      g_assert_true (isnan (vitrine_series_sample (&s, -0.01, k, 0)));
      g_assert_true (isnan (vitrine_series_sample (&s, 3.51, k, 0)));
      g_assert_true (isnan (vitrine_series_sample (&s, NAN, k, 0)));
    }
  /* A rounding short of the first frame still samples it. */
  g_assert_cmpfloat (vitrine_series_sample (&s, -1e-12, VITRINE_INTERP_LINEAR, 0), ==, 0.0);
}

static void
test_catmull_rom (void)
{
  VitrineSeries sq = series_of (squares, G_N_ELEMENTS (squares));
  VitrineSeries cu = series_of (cubes, G_N_ELEMENTS (cubes));
  const float line[] = { 3, 5, 7, 9 };
  VitrineSeries li = series_of (line, G_N_ELEMENTS (line));

  /* Central differences are exact for a quadratic, so inside the series Catmull-Rom
   * reproduces i² exactly: 6.25 at frame 2.5, 4.41 at frame 2.1. */
  g_assert_cmpfloat (vitrine_series_sample (&sq, 1.25, VITRINE_INTERP_CATMULL_ROM, 0), ==, 6.25);
  g_assert_cmpfloat_with_epsilon (vitrine_series_sample (&sq, 1.05, VITRINE_INTERP_CATMULL_ROM, 0),
                                  4.41, 1e-12);
  g_assert_cmpfloat_with_epsilon (vitrine_series_sample (&sq, 2.75, VITRINE_INTERP_CATMULL_ROM, 0),
                                  30.25, 1e-12);
  /* At the first step the missing frame is reflected (p0 = 2·0 − 1 = −1):
   * 0.5·0.5·(2 + 0.5·(−2 + 0.5·2)) = 0.375, not 0.25. */
  g_assert_cmpfloat (vitrine_series_sample (&sq, 0.25, VITRINE_INTERP_CATMULL_ROM, 0), ==, 0.375);
  /* On i³ between 8 and 27 with neighbours 1 and 64: at 2.25,
   * 8 + 0.125·(26 + 0.25·(6 + 0.25·6)) = 11.484375 (the cube is 11.390625). */
  g_assert_cmpfloat (vitrine_series_sample (&cu, 1.125, VITRINE_INTERP_CATMULL_ROM, 0), ==,
                     11.484375);
  /* A straight line stays one, ends included. */
  for (double t = 0.0; t <= 1.5; t += 0.125)
    g_assert_cmpfloat_with_epsilon (vitrine_series_sample (&li, t, VITRINE_INTERP_CATMULL_ROM, 0),
                                    3.0 + 4.0 * t, 1e-12);
}

static void
test_channels_stride (void)
{
  /* Two channels read out of three-value frames; the third is another descriptor. */
  const float frames[] = {
    0, 10, -1,
    1, 20, -1,
    2, 40, -1,
  };
  VitrineSeries s = { .data = frames, .n_frames = 3, .channels = 2, .stride = 3,
                      .hop_s = 0.1, .start_s = 5.0 };
  double out[2];

  vitrine_series_sample_frame (&s, 5.15, VITRINE_INTERP_LINEAR, out);
  g_assert_cmpfloat_with_epsilon (out[0], 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (out[1], 30.0, 1e-9);
  vitrine_series_sample_frame (&s, 5.15, VITRINE_INTERP_HOLD, out);
  g_assert_cmpfloat (out[0], ==, 1.0);
  g_assert_cmpfloat (out[1], ==, 20.0);
  vitrine_series_sample_frame (&s, 4.0, VITRINE_INTERP_HOLD, out);
  g_assert_true (isnan (out[0]) && isnan (out[1]));
  g_assert_cmpfloat (vitrine_series_sample (&s, 5.2, VITRINE_INTERP_CATMULL_ROM, 1), ==, 40.0);
}

static void
test_view (void)
{
  g_autoptr(VitrineTempoMap) map = map_120 ();
  VitrineSeries s = series_of (squares, G_N_ELEMENTS (squares));
  VitrineTempoViewSpec spec = { .first_beat = 2.5, .subdivision = 2, .n_rows = 6,
                                .interp = VITRINE_INTERP_LINEAR };
  g_autoptr(VitrineTempoView) view = NULL;
  g_autoptr(VitrineTempoView) again = NULL;
  g_autoptr(GError) error = NULL;
  const double expected[] = { 6.5, 9, 12.5, 16, 20.5, 25 };

  vitrine_tempo_map_set_meter (map, 4, 1.0);
  view = vitrine_tempo_view_new (map, &s, &spec, &error);
  g_assert_no_error (error);

  /* Half beats from 2.5 at 0.5 s a beat are frames 2.5, 3, … 5. */
  g_assert_cmpuint (view->channels, ==, 1);
  g_assert_cmpfloat (view->first_time_s, ==, 1.25);
  for (guint k = 0; k < 6; k++)
    {
      g_assert_cmpfloat (view->beats[k], ==, 2.5 + 0.5 * k);
      g_assert_cmpfloat (view->times_s[k], ==, 1.25 + 0.25 * k);
      g_assert_cmpfloat (view->values[k], ==, expected[k]);
    }
  /* Downbeats at 1, 5, 9: beat 2.5 is 1.5 beats into bar 0. */
  g_assert_cmpfloat (view->phase, ==, 1.5);
  g_assert_cmpfloat (view->bar, ==, 0.0);
  g_assert_cmpuint (view->beats_per_bar, ==, 4);

  /* The same input gives the same bits. */
  again = vitrine_tempo_view_new (map, &s, &spec, NULL);
  g_assert_cmpmem (again->values, 6 * sizeof (double), view->values, 6 * sizeof (double));
  g_assert_cmpmem (again->times_s, 6 * sizeof (double), view->times_s, 6 * sizeof (double));
}

/* What live and offline agree on: a row's value depends only on the frames around it,
 * so a series that has grown since (a live ring) gives the same bits for earlier rows. */
static void
test_locality (void)
{
  g_autoptr(VitrineTempoMap) map = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GError) error = NULL;
  const VitrineTempoSegmentBeats segments[] = {
    { 0, 8, 97, 131, VITRINE_TEMPO_SEGMENT_RAMP },
    { 8, 40, 131, 131, VITRINE_TEMPO_SEGMENT_CONSTANT },
  };
  float data[400 * 2];
  VitrineSeries full = { .data = data, .n_frames = 400, .channels = 2, .hop_s = 512.0 / 48000,
                         .start_s = 0.3 };
  VitrineSeries part = full;
  VitrineTempoViewSpec spec = { .first_beat = 0.0, .subdivision = 4, .n_rows = 24,
                                .interp = VITRINE_INTERP_CATMULL_ROM };

  map = vitrine_tempo_map_new_from_beats (segments, 2, 0.5, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (data); i++)
    data[i] = (float) g_rand_double_range (rand, -1, 1);

  for (VitrineInterp k = VITRINE_INTERP_HOLD; k <= VITRINE_INTERP_CATMULL_ROM; k++)
    {
      g_autoptr(VitrineTempoView) whole = NULL;
      g_autoptr(VitrineTempoView) grown = NULL;
      double last_t;

      spec.interp = k;
      whole = vitrine_tempo_view_new (map, &full, &spec, NULL);
      last_t = whole->times_s[spec.n_rows - 1];
      /* Just enough frames for the last row: two past its frame. */
      part.n_frames = (gsize) ((last_t - full.start_s) / full.hop_s) + 3;
      g_assert_cmpuint (part.n_frames, <, full.n_frames);
      grown = vitrine_tempo_view_new (map, &part, &spec, NULL);
      g_assert_cmpmem (grown->values, spec.n_rows * 2 * sizeof (double),
                       whole->values, spec.n_rows * 2 * sizeof (double));
      for (gsize r = 0; r < spec.n_rows; r++)
        g_assert_false (isnan (whole->values[r * 2]));
    }
}

static void
test_last_bars (void)
{
  g_autoptr(VitrineTempoMap) map = map_120 ();
  VitrineTempoViewSpec spec;

  /* 5.2 s is beat 10.4, in bar 2 (beats 8 to 12): two bars are beats 4 to 12. */
  vitrine_tempo_view_spec_last_bars (map, 5.2, 2, 4, VITRINE_INTERP_LINEAR, &spec);
  g_assert_cmpfloat (spec.first_beat, ==, 4.0);
  g_assert_cmpuint (spec.n_rows, ==, 32);
  g_assert_cmpuint (spec.subdivision, ==, 4);
  g_assert_cmpint (spec.interp, ==, VITRINE_INTERP_LINEAR);
}

static void
test_refused (void)
{
  g_autoptr(VitrineTempoMap) map = map_120 ();
  g_autoptr(VitrineTempoMap) empty = vitrine_tempo_map_new (0.0);
  VitrineSeries good = series_of (squares, G_N_ELEMENTS (squares));
  const VitrineSeries bad[] = {
    { .data = squares, .n_frames = 8, .channels = 0, .hop_s = 0.5 },
    { .data = squares, .n_frames = 8, .channels = 2, .stride = 1, .hop_s = 0.5 },
    { .data = squares, .n_frames = 8, .channels = 1, .hop_s = 0.0 },
    { .data = squares, .n_frames = 8, .channels = 1, .hop_s = 0.5, .start_s = INFINITY },
    { .data = NULL, .n_frames = 8, .channels = 1, .hop_s = 0.5 },
  };
  const VitrineTempoViewSpec bad_specs[] = {
    { .first_beat = 0, .subdivision = 0, .n_rows = 4 },
    { .first_beat = NAN, .subdivision = 1, .n_rows = 4 },
    { .first_beat = 0, .subdivision = 1, .n_rows = 4, .interp = 9 },
  };
  const VitrineTempoViewSpec spec = { .subdivision = 1, .n_rows = 4 };
  const VitrineTempoViewSpec huge = { .subdivision = 1, .n_rows = G_MAXSIZE / 4 };
  VitrineInterp interp;
  GError *error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (vitrine_tempo_view_new (map, &bad[i], &spec, &error));
      g_assert_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID);
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_specs); i++)
    {
      g_assert_null (vitrine_tempo_view_new (map, &good, &bad_specs[i], &error));
      g_assert_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_null (vitrine_tempo_view_new (map, &good, &huge, &error));
  g_assert_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_null (vitrine_tempo_view_new (empty, &good, &spec, &error));
  g_assert_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (vitrine_interp_from_string ("spline", &interp));
  g_assert_cmpint (interp, ==, VITRINE_INTERP_CATMULL_ROM);
  g_assert_cmpstr (vitrine_interp_to_string (VITRINE_INTERP_HOLD), ==, "hold");
  g_assert_false (vitrine_interp_from_string ("cubic", &interp));
  g_assert_false (vitrine_interp_from_string (NULL, &interp));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Descriptor series sampled at beats: hold, linear and Catmull-Rom against "
                  "hand values, channels, locality, refused input");

  g_test_add_func ("/TempoView/hold-linear", test_hold_linear);
  g_test_add_func ("/TempoView/catmull-rom", test_catmull_rom);
  g_test_add_func ("/TempoView/channels-stride", test_channels_stride);
  g_test_add_func ("/TempoView/view", test_view);
  g_test_add_func ("/TempoView/locality", test_locality);
  g_test_add_func ("/TempoView/last-bars", test_last_bars);
  g_test_add_func ("/TempoView/refused", test_refused);

  return g_test_run ();
}
