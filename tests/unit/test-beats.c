/* test-beats.c: the audio features and the causal beat tracker on generated music with
 * known beats (tests/lib/vitrine-test-beats.c): clicks and drums at constant, stepped and
 * ramped tempo, with swing, silent gaps and noise. The tracker must reach an F-measure
 * of 0.9 at ±70 ms (mir_eval's, after its first 5 s), its tempo within 2 % and at the
 * right octave.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-audio-features.h"
#include "vitrine-beat-tracker.h"
#include "vitrine-test-beats.h"

typedef struct
{
  const char  *name;
  VtBeatsSpec  spec;
} BeatCase;

typedef struct
{
  double f;
  double f_downbeats;
  double end_bpm;
  GArray *segments;
} BeatOutcome;

static void
track (const VtBeatsSignal *signal,
       guint                rate,
       BeatOutcome         *outcome)
{
  g_autoptr(VitrineBeatTracker) tracker = NULL;
  g_autoptr(GArray) beats = g_array_new (FALSE, FALSE, sizeof (VitrineBeat));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) downbeats = g_array_new (FALSE, FALSE, sizeof (double));
  VitrineFeatures features;

  vitrine_features_init (&features, rate);
  tracker = vitrine_beat_tracker_new ((double) features.hop / rate);
  /* Blocks of 1024 samples, as capture delivers them. */
  for (gsize at = 0; at < signal->n_samples; at += 1024)
    vitrine_beat_tracker_feed (tracker, &features, signal->samples + at,
                               MIN (1024, signal->n_samples - at), 1, (double) at / rate,
                               NULL, beats);
  for (guint i = 0; i < beats->len; i++)
    {
      const VitrineBeat *beat = &g_array_index (beats, VitrineBeat, i);

      g_array_append_val (times, beat->time);
      if (beat->downbeat)
        g_array_append_val (downbeats, beat->time);
    }
  outcome->f = vt_beats_f_measure ((const double *) (void *) signal->beats->data, signal->beats->len,
                                   (const double *) (void *) times->data, times->len, 0.07, 5.0);
  outcome->f_downbeats = vt_beats_f_measure ((const double *) (void *) signal->downbeats->data,
                                             signal->downbeats->len,
                                             (const double *) (void *) downbeats->data,
                                             downbeats->len, 0.07, 5.0);
  outcome->end_bpm = vitrine_beat_tracker_bpm (tracker);
  outcome->segments = vitrine_beat_map_segments (vitrine_beat_tracker_map (tracker));
  vitrine_features_clear (&features);
}

static void
test_case (gconstpointer data)
{
  const BeatCase *c = data;
  VtBeatsSignal signal;
  BeatOutcome outcome;

  vt_beats_generate (&c->spec, &signal);
  track (&signal, c->spec.sample_rate, &outcome);
  g_test_message ("%s: F %.3f, downbeats F %.3f, tempo %.2f (true %.2f), %u segments",
                  c->name, outcome.f, outcome.f_downbeats, outcome.end_bpm, signal.end_bpm,
                  outcome.segments->len);
  for (guint i = 0; i < outcome.segments->len; i++)
    {
      const VitrineTempoSegment *s = &g_array_index (outcome.segments, VitrineTempoSegment, i);

      g_test_message ("  %.2f–%.2f s %.1f → %.1f BPM %s (%u beats)", s->start_s, s->end_s,
                      s->start_bpm, s->end_bpm, vitrine_tempo_kind_to_string (s->kind), s->beats);
    }
  g_assert_cmpfloat (outcome.f, >=, 0.9);
  g_assert_cmpfloat (fabs (outcome.end_bpm / signal.end_bpm - 1), <=, 0.02);
  g_array_unref (outcome.segments);
  vt_beats_signal_clear (&signal);
}

int
main (int   argc,
      char *argv[])
{
  static BeatCase cases[16];
  guint n = 0;

  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

#define ADD(NAME, ...) G_STMT_START { \
    vt_beats_spec_init (&cases[n].spec); \
    cases[n].name = NAME; \
    { VtBeatsSpec *s = &cases[n].spec; __VA_ARGS__; } \
    g_test_add_data_func ("/beats/" NAME, &cases[n++], test_case); \
  } G_STMT_END

  ADD ("clicks-120", s->sound = VT_BEATS_CLICKS);
  ADD ("clicks-72", s->sound = VT_BEATS_CLICKS; s->bpm = 72);
  ADD ("drums-95", s->bpm = 95);
  ADD ("drums-128-44k", s->bpm = 128; s->sample_rate = 44100);
  ADD ("drums-172", s->bpm = 172);
  ADD ("drums-70", s->bpm = 70);
  ADD ("drums-swing-110", s->bpm = 110; s->swing = 0.67);
  ADD ("drums-step-120-90", s->step_at = 14; s->step_bpm = 90);
  ADD ("drums-ramp-140-120", s->bpm = 140; s->ramp_from = 10; s->ramp_bpm = 120; s->ramp_beats = 16);
  ADD ("drums-gap-100", s->bpm = 100; s->gap_from = 12; s->gap_to = 15);
  ADD ("drums-noise-125", s->bpm = 125; s->noise = 0.1);
#undef ADD

  return g_test_run ();
}
