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
