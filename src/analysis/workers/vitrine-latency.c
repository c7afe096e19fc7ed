/* vitrine-latency.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine-latency.h"

void
vitrine_latency_init (VitrineLatency *latency)
{
  *latency = (VitrineLatency) { 0 };
}

void
vitrine_latency_add (VitrineLatency *latency,
                     double          value)
{
  latency->samples[latency->next] = value;
  latency->next = (latency->next + 1) % VITRINE_LATENCY_WINDOW;
  latency->n = MIN (latency->n + 1, VITRINE_LATENCY_WINDOW);
  latency->total++;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest rank: the smallest sample with at least p% of the samples at or below it. */
static double
nearest_rank (const double *sorted,
              guint         n,
              double        p)
{
  guint rank = (guint) ceil (p / 100.0 * n);

  return sorted[CLAMP (rank, 1, n) - 1];
}

/* Percentiles of @n samples in any order (sorted in place). */
void
vitrine_latency_summarize_array (double                *samples,
                                 guint                  n,
                                 VitrineLatencySummary *summary)
{
  *summary = (VitrineLatencySummary) { 0 };
  if (n == 0)
    return;

  qsort (samples, n, sizeof (double), compare_doubles);
  summary->p50 = nearest_rank (samples, n, 50);
  summary->p95 = nearest_rank (samples, n, 95);
  summary->p99 = nearest_rank (samples, n, 99);
  summary->max = samples[n - 1];
}

void
vitrine_latency_summarize (const VitrineLatency  *latency,
                           VitrineLatencySummary *summary)
{
  double sorted[VITRINE_LATENCY_WINDOW];

  memcpy (sorted, latency->samples, latency->n * sizeof (double));
  vitrine_latency_summarize_array (sorted, latency->n, summary);
}

#define FINE_STEP_MS   0.001
#define COARSE_FROM_MS 10.0
#define COARSE_STEP_MS 0.1
#define N_BINS         (VITRINE_LATENCY_FINE_BINS + VITRINE_LATENCY_COARSE_BINS + 1)

void
vitrine_latency_histogram_add (VitrineLatencyHistogram *histogram,
                               double                   ms)
{
  guint bin;

  if (!(ms > 0))
    ms = 0;
  if (ms < COARSE_FROM_MS)
    bin = MIN ((guint) (ms / FINE_STEP_MS), VITRINE_LATENCY_FINE_BINS - 1);
  else
    bin = VITRINE_LATENCY_FINE_BINS + MIN ((guint) MIN ((ms - COARSE_FROM_MS) / COARSE_STEP_MS, G_MAXUINT),
                                            VITRINE_LATENCY_COARSE_BINS);
  if (histogram->bins[bin] < G_MAXUINT32)
    histogram->bins[bin]++;
  histogram->max = histogram->n == 0 ? ms : MAX (histogram->max, ms);
  histogram->n++;
}

/* The upper edge of @bin; the last one's is the maximum. */
static double
bin_upper (const VitrineLatencyHistogram *histogram,
           guint                          bin)
{
  double edge;

  if (bin >= N_BINS - 1)
    return histogram->max;
  edge = bin < VITRINE_LATENCY_FINE_BINS ? (bin + 1) * FINE_STEP_MS
                                         : COARSE_FROM_MS + (bin - VITRINE_LATENCY_FINE_BINS + 1) * COARSE_STEP_MS;
  return MIN (edge, histogram->max);
}

static double
histogram_rank (const VitrineLatencyHistogram *histogram,
                double                         p)
{
  guint64 rank = (guint64) ceil (p / 100.0 * histogram->n), seen = 0;

  rank = CLAMP (rank, 1, histogram->n);
  for (guint bin = 0; bin < N_BINS; bin++)
    {
      seen += histogram->bins[bin];
      if (seen >= rank)
        return bin_upper (histogram, bin);
    }
  return histogram->max;
}

void
vitrine_latency_histogram_summarize (const VitrineLatencyHistogram *histogram,
                                     VitrineLatencySummary         *summary)
{
  *summary = (VitrineLatencySummary) { 0 };
  if (histogram->n == 0)
    return;
  summary->p50 = histogram_rank (histogram, 50);
  summary->p95 = histogram_rank (histogram, 95);
  summary->p99 = histogram_rank (histogram, 99);
  summary->max = histogram->max;
}
