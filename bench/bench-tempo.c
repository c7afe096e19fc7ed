/* bench-tempo.c: the tempo mapper's cost (build-aux/dev bench beats, first part).
 *
 *   bench-tempo mapper   lookups on a generated 10,000-segment map (constant and ramped
 *                        segments, 60 to 200 BPM): scalar forward and inverse (binary
 *                        search), a sorted batch (cursor), and per-lookup time of the
 *                        peer, a naive integration of 60/T(b) from the map's start per
 *                        query, in the same run; prints percentiles and the ratio
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vitrine-latency.h"
#include "vitrine-tempo-map.h"

#define N_SEGMENTS 10000
#define BATCH 1000           /* lookups per timed batch */
#define N_BATCHES 400
#define NAIVE_QUERIES 200
#define NAIVE_STEPS_PER_BEAT 16

typedef struct
{
  double beats;
  double bpm0, bpm1;
} PlainSegment;

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Half constant, half ramped segments of 1 to 16 beats, a step or ramp between each. */
static VitrineTempoMap *
generate_map (PlainSegment *plain,
              GRand        *rand)
{
  VitrineTempoMap *map = vitrine_tempo_map_new (0.0);
  double bpm = 120.0;

  for (guint i = 0; i < N_SEGMENTS; i++)
    {
      double next = g_rand_double_range (rand, 60, 200);
      double beats = g_rand_int_range (rand, 1, 17);
      gboolean ramp = g_rand_boolean (rand);

      plain[i] = (PlainSegment) { beats, ramp ? bpm : next, next };
      if (!vitrine_tempo_map_append_beats (map, ramp ? VITRINE_TEMPO_SEGMENT_RAMP
                                                     : VITRINE_TEMPO_SEGMENT_CONSTANT,
                                           beats, plain[i].bpm0, plain[i].bpm1, NULL))
        g_error ("generated segment %u refused", i);
      bpm = next;
    }
  return map;
}

/* The peer: what a mapper without cached integrals does, for every query, walk from the
 * start and integrate seconds per beat (midpoint rule, 16 steps a beat). */
static double
naive_time_at_beat (const PlainSegment *plain,
                    double              beat)
{
  double t = 0.0, b = 0.0;

  for (guint i = 0; i < N_SEGMENTS && b < beat; i++)
    {
      double len = MIN (plain[i].beats, beat - b);
      guint steps = MAX (1, (guint) ceil (len * NAIVE_STEPS_PER_BEAT));
      double h = len / steps, k = (plain[i].bpm1 - plain[i].bpm0) / plain[i].beats;

      for (guint s = 0; s < steps; s++)
        t += h * 60.0 / (plain[i].bpm0 + k * (s + 0.5) * h);
      b += len;
    }
  return t;
}

static void
print_row (const char *name,
           double     *ns,
           guint       n,
           double     *p50_out)
{
  VitrineLatencySummary s;

  vitrine_latency_summarize_array (ns, n, &s);
  printf ("%-34s p50 %10.1f ns   p99 %10.1f ns   max %10.1f ns   %12.0f lookups/s (p50)\n",
          name, s.p50, s.p99, s.max, 1e9 / s.p50);
  if (p50_out)
    *p50_out = s.p50;
}

/* Times N_BATCHES batches of BATCH lookups; each sample is the mean ns of one batch, since
 * a single lookup is shorter than the clock's resolution. */
typedef enum { FORWARD, INVERSE, FORWARD_BATCH } Kind;

static void
time_lookups (const VitrineTempoMap *map,
              const double          *queries,
              Kind                   kind,
              double                *ns,
              double                *sink)
{
  g_autofree double *out = g_new (double, BATCH);

  for (guint b = 0; b < N_BATCHES; b++)
    {
      const double *q = queries + (gsize) b * BATCH;
      gint64 t0 = now_ns ();

      if (kind == FORWARD_BATCH)
        vitrine_tempo_map_times_at_beats (map, q, out, BATCH);
      else
        for (guint i = 0; i < BATCH; i++)
          out[i] = kind == FORWARD ? vitrine_tempo_map_time_at_beat (map, q[i])
                                   : vitrine_tempo_map_beat_at_time (map, q[i]);
      ns[b] = (double) (now_ns () - t0) / BATCH;
      *sink += out[BATCH - 1];
    }
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static int
bench_mapper (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autofree PlainSegment *plain = g_new (PlainSegment, N_SEGMENTS);
  g_autoptr(VitrineTempoMap) map = generate_map (plain, rand);
  gsize n = (gsize) N_BATCHES * BATCH;
  g_autofree double *beats = g_new (double, n);
  g_autofree double *times = g_new (double, n);
  g_autofree double *sorted = g_new (double, n);
  double ns[MAX (N_BATCHES, NAIVE_QUERIES)];
  VitrineTempoSegmentBeats last;
  double sink = 0.0, fast_p50, naive_p50, max_error = 0.0;
  guint ramps = 0;

  vitrine_tempo_map_get_segment (map, N_SEGMENTS - 1, NULL, &last);
  for (guint i = 0; i < N_SEGMENTS; i++)
    ramps += plain[i].bpm0 != plain[i].bpm1;
  printf ("tempo map: %u segments (%u ramps), %.0f beats, %.0f s\n\n", N_SEGMENTS, ramps,
          last.end_beat, vitrine_tempo_map_get_end_s (map));

  for (gsize i = 0; i < n; i++)
    {
      beats[i] = g_rand_double_range (rand, 0, last.end_beat);
      times[i] = g_rand_double_range (rand, 0, vitrine_tempo_map_get_end_s (map));
    }
  memcpy (sorted, beats, n * sizeof (double));
  qsort (sorted, n, sizeof (double), compare_double);

  time_lookups (map, beats, FORWARD, ns, &sink);
  print_row ("beats -> seconds (binary search)", ns, N_BATCHES, &fast_p50);
  time_lookups (map, times, INVERSE, ns, &sink);
  print_row ("seconds -> beats (binary search)", ns, N_BATCHES, NULL);
  time_lookups (map, sorted, FORWARD_BATCH, ns, &sink);
  print_row ("beats -> seconds (sorted batch)", ns, N_BATCHES, NULL);

  for (guint q = 0; q < NAIVE_QUERIES; q++)
    {
      gint64 t0 = now_ns ();
      double t = naive_time_at_beat (plain, beats[q]);

      ns[q] = (double) (now_ns () - t0);
      max_error = MAX (max_error, fabs (t - vitrine_tempo_map_time_at_beat (map, beats[q])));
      sink += t;
    }
  print_row ("naive integration per query (peer)", ns, NAIVE_QUERIES, &naive_p50);

  printf ("\nnaive / tempo map (p50):           %.0fx   (goal >= 100x)\n",
          naive_p50 / fast_p50);
  printf ("naive integration's largest error: %.2e s (the map's closed forms: < 1e-9 s)\n",
          max_error);
  return sink == 42.0;  /* keeps the lookups from being optimised away */
}

int
main (int   argc,
      char *argv[])
{
  static const struct { const char *name; int (*run) (void); } modes[] = {
    { "mapper", bench_mapper },
  };

  for (guint i = 0; argc == 2 && i < G_N_ELEMENTS (modes); i++)
    if (g_str_equal (argv[1], modes[i].name))
      return modes[i].run ();

  fprintf (stderr, "usage: bench-tempo mapper\n");
  return 2;
}
