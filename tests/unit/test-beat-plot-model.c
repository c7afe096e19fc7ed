/* test-beat-plot-model.c: the Diagnostics beat plot's rows (vitrine-beat-plot-model.h)
 * against values worked out by hand: the tempo map fitted to generated beats, the last
 * four bars at quarter beats ending with the bar "now" is in, bars on the downbeats, each
 * channel sampled at its row's time, the feature ring's frames read into it (the current
 * track only, a missing frame a gap), and no plot without a steady beat.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-beat-plot-model.h"

#define HOP_S   0.01
#define START_S 8.0

/* Frames from START_S to @end_s: onset = t, RMS = 2t + 1, so a row's values give back
 * the time it was sampled at, and swapped channels show. */
static float *
ramp_series (double         end_s,
             VitrineSeries *series)
{
  gsize n = (gsize) llround ((end_s - START_S) / HOP_S) + 1;
  float *data = g_new (float, n * 2);

  for (gsize i = 0; i < n; i++)
    {
      double t = START_S + i * HOP_S;

      data[2 * i + VITRINE_BEAT_PLOT_ONSET] = (float) t;
      data[2 * i + VITRINE_BEAT_PLOT_RMS] = (float) (2 * t + 1);
    }
  *series = (VitrineSeries) { .data = data, .n_frames = n, .channels = 2, .hop_s = HOP_S, .start_s = START_S };
  return data;
}

static void
test_constant (void)
{
  double beats[40];
  g_autofree float *data = NULL;
  g_autoptr(VitrineBeatPlotData) plot = NULL;
  const VitrineTempoSegment *s;
  VitrineSeries series;
  guint finite = 0;

  /* 120 BPM from 10 s: beat i at 10 + i/2 s, the last at 29.5 s. */
  for (guint i = 0; i < G_N_ELEMENTS (beats); i++)
    beats[i] = 10.0 + 0.5 * i;
  data = ramp_series (29.7, &series);
  /* The downbeat at 11 s is beat 2: downbeats at beats 2, 6, 10, … */
  plot = vitrine_beat_plot_data_new (beats, G_N_ELEMENTS (beats), 11.0, &series, 29.7);
  g_assert_nonnull (plot);

  g_assert_cmpuint (plot->segments->len, ==, 1);
  s = &g_array_index (plot->segments, VitrineTempoSegment, 0);
  g_assert_cmpint (s->kind, ==, VITRINE_TEMPO_CONSTANT);
  g_assert_cmpfloat_with_epsilon (s->start_bpm, 120.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (s->start_s, 10.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (s->end_s, 29.5, 1e-9);

  /* 29.7 s is beat 39.4, in bar ⌊(39.4 − 2)/4⌋ = 9; the last four bars are bars 6 to 9,
   * from beat 26 (23 s) on, 4 bars × 4 beats × 4 rows. */
  g_assert_cmpuint (plot->view->channels, ==, 2);
  g_assert_cmpuint (plot->view->spec.n_rows, ==, 64);
  g_assert_cmpuint (plot->view->spec.subdivision, ==, 4);
  g_assert_cmpfloat_with_epsilon (plot->view->spec.first_beat, 26.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (plot->view->first_time_s, 23.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (plot->view->phase, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (plot->view->bar, 6.0, 1e-9);
  g_assert_cmpuint (plot->view->beats_per_bar, ==, 4);
  for (guint k = 0; k < 64; k++)
    {
      double t = 23.0 + k * 0.125;
      const double *v = plot->view->values + k * 2;

      g_assert_cmpfloat_with_epsilon (plot->view->beats[k], 26.0 + k / 4.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (plot->view->times_s[k], t, 1e-9);
      if (t <= 29.7 + 1e-9)
        {
          /* Linear between frames of t and 2t + 1: the row's time again (float frames). */
          g_assert_cmpfloat_with_epsilon (v[VITRINE_BEAT_PLOT_ONSET], t, 1e-5);
          g_assert_cmpfloat_with_epsilon (v[VITRINE_BEAT_PLOT_RMS], 2 * t + 1, 1e-5);
          finite++;
        }
      else
        {
          /* The rest of the current bar has not been heard yet. */
          g_assert_true (isnan (v[VITRINE_BEAT_PLOT_ONSET]));
          g_assert_true (isnan (v[VITRINE_BEAT_PLOT_RMS]));
        }
    }
  /* Rows 0 to 53 (23 + 53/8 = 29.625 s) are heard. */
  g_assert_cmpuint (finite, ==, 54);
}

static void
test_step (void)
{
  g_autoptr(GArray) beats = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree float *data = NULL;
  g_autoptr(VitrineBeatPlotData) plot = NULL;
  const VitrineTempoSegment *first, *last;
  VitrineSeries series;
  double t = 10.0, now;

  /* 32 beats at 120 BPM from 10 s (to 25.5 s), then 40 at 90 BPM. */
  for (guint i = 0; i < 32; i++, t += 0.5)
    g_array_append_val (beats, t);
  t -= 0.5;
  for (guint i = 0; i < 40; i++)
    {
      t += 60.0 / 90.0;
      g_array_append_val (beats, t);
    }
  now = t + 0.1;
  data = ramp_series (now, &series);
  /* No downbeat known: bar 0 starts on the first beat. */
  plot = vitrine_beat_plot_data_new ((const double *) (void *) beats->data, beats->len, 0, &series, now);
  g_assert_nonnull (plot);

  g_assert_cmpuint (plot->segments->len, ==, 2);
  first = &g_array_index (plot->segments, VitrineTempoSegment, 0);
  last = &g_array_index (plot->segments, VitrineTempoSegment, 1);
  g_assert_cmpint (first->kind, ==, VITRINE_TEMPO_CONSTANT);
  g_assert_cmpint (last->kind, ==, VITRINE_TEMPO_CONSTANT);
  g_assert_cmpfloat_with_epsilon (first->start_bpm, 120.0, 0.01);
  g_assert_cmpfloat_with_epsilon (last->start_bpm, 90.0, 0.01);
  g_assert_cmpfloat_with_epsilon (last->end_s, t, 1e-6);

  /* The last four bars are all at 90 BPM: a row every 60/90/4 s, on whole bars. */
  g_assert_cmpuint (plot->view->spec.n_rows, ==, 64);
  g_assert_cmpfloat_with_epsilon (fmod (plot->view->spec.first_beat, 4.0), 0.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (plot->view->phase, 0.0, 1e-6);
  for (guint k = 1; k < 64; k++)
    g_assert_cmpfloat_with_epsilon (plot->view->times_s[k] - plot->view->times_s[k - 1], 60.0 / 90.0 / 4, 1e-4);
  for (guint k = 0; k < 64; k++)
    if (plot->view->times_s[k] <= now)
      g_assert_cmpfloat_with_epsilon (plot->view->values[2 * k + VITRINE_BEAT_PLOT_ONSET],
                                      plot->view->times_s[k], 1e-4);
}

/* The ring's frames: 10 ms hops, frame n at n/100 s, from 8 s to 29.7 s. Track 6 until
 * 12 s, then track 7; a beat flagged every half second from 10 s (track 6's too), the
 * frame at 25 s missing (being written when it was read). */
static void
test_frames (void)
{
  g_autoptr(GArray) frames = g_array_new (FALSE, TRUE, sizeof (VitrineFeatureRingFrame));
  g_autoptr(VitrineBeatPlotData) plot = NULL;
  const VitrineTempoSegment *s;

  for (guint64 index = 800; index <= 2970; index++)
    {
      VitrineFeatureRingFrame frame = { .index = index, .time = index / 100.0 };

      if (index == 2500)
        continue;
      frame.track = index < 1200 ? 6 : 7;
      frame.values[VITRINE_FEATURE_VALUE_ONSET] = (float) frame.time;
      frame.values[VITRINE_FEATURE_VALUE_RMS] = (float) (2 * frame.time + 1);
      frame.values[VITRINE_FEATURE_VALUE_BEAT] = -1;
      if (index >= 1000 && index % 50 == 0)
        {
          frame.flags = VITRINE_FEATURE_FRAME_BEAT;
          frame.beat_time = frame.time;
        }
      g_array_append_val (frames, frame);
    }
  plot = vitrine_beat_plot_data_new_from_frames ((const VitrineFeatureRingFrame *) (void *) frames->data,
                                                 frames->len, 7, 13.0);
  g_assert_nonnull (plot);

  /* Track 7's beats only: beat 0 at 12 s, so 13 s is beat 2 and 29.7 s beat 35.4, in bar 8;
   * bars 5 to 8 from beat 22, 23 s. Track 6's beats would have made it beat 26. */
  g_assert_cmpuint (plot->segments->len, ==, 1);
  s = &g_array_index (plot->segments, VitrineTempoSegment, 0);
  g_assert_cmpfloat_with_epsilon (s->start_s, 12.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (s->start_bpm, 120.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (plot->view->spec.first_beat, 22.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (plot->view->first_time_s, 23.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (plot->view->phase, 0.0, 1e-9);
  for (guint k = 0; k < plot->view->spec.n_rows; k++)
    {
      double t = 23.0 + k * 0.125;
      const double *v = plot->view->values + k * 2;

      g_assert_cmpfloat_with_epsilon (plot->view->times_s[k], t, 1e-9);
      if (fabs (t - 25.0) < 1e-9 || t > 29.7 + 1e-9)
        {
          /* The missing frame and the rest of the bar: nothing, not a neighbour's value. */
          g_assert_true (isnan (v[VITRINE_BEAT_PLOT_ONSET]));
          g_assert_true (isnan (v[VITRINE_BEAT_PLOT_RMS]));
        }
      else
        {
          /* Each frame in its own slot: a shifted frame would be 10 ms off. */
          g_assert_cmpfloat_with_epsilon (v[VITRINE_BEAT_PLOT_ONSET], t, 1e-4);
          g_assert_cmpfloat_with_epsilon (v[VITRINE_BEAT_PLOT_RMS], 2 * t + 1, 2e-4);
        }
    }

  /* Another track's frames are nothing to plot; one frame is no series. */
  g_assert_null (vitrine_beat_plot_data_new_from_frames ((const VitrineFeatureRingFrame *) (void *) frames->data,
                                                         frames->len, 8, 0));
  g_assert_null (vitrine_beat_plot_data_new_from_frames ((const VitrineFeatureRingFrame *) (void *) frames->data,
                                                         1, 7, 0));
}

static void
test_no_beat (void)
{
  double few[] = { 10.0, 10.5 };
  double broken[] = { NAN, 10.0, 9.0, INFINITY };
  g_autofree float *data = NULL;
  VitrineSeries series;

  data = ramp_series (20.0, &series);
  /* Nothing to fit, or too little: no plot, not a made-up one. */
  g_assert_null (vitrine_beat_plot_data_new (NULL, 0, 0, &series, 20.0));
  g_assert_null (vitrine_beat_plot_data_new (few, 1, 0, &series, 20.0));
  g_assert_null (vitrine_beat_plot_data_new (broken, G_N_ELEMENTS (broken), 0, &series, 20.0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/BeatPlot/constant", test_constant);
  g_test_add_func ("/BeatPlot/step", test_step);
  g_test_add_func ("/BeatPlot/frames", test_frames);
  g_test_add_func ("/BeatPlot/no-beat", test_no_beat);

  return g_test_run ();
}
