/* vitrine-latency.h: latency percentiles over the most recent samples, never averages
 * (docs/ARCHITECTURE.md §4).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_LATENCY_WINDOW 512

typedef struct
{
  double  samples[VITRINE_LATENCY_WINDOW];
  guint   n;        /* valid samples, at most the window */
  guint   next;     /* where the next sample goes */
  guint64 total;    /* samples ever added */
} VitrineLatency;

typedef struct
{
  double p50;
  double p95;
  double p99;
  double max;
} VitrineLatencySummary;

/*
 * Percentiles of any number of millisecond samples in constant memory, for probes that
 * run for hours (the stall probe ticks up to 1000 times a second): 1 µs bins up to 10 ms,
 * 100 µs bins up to 1 s, one bin above; the maximum is kept exactly. A percentile is the
 * upper edge of the bin its nearest rank falls in (never below the true value, at most
 * one bin above it; the maximum when that is lower).
 */
#define VITRINE_LATENCY_FINE_BINS   10000   /* 0–10 ms by 1 µs */
#define VITRINE_LATENCY_COARSE_BINS 9900    /* 10–1000 ms by 0.1 ms */

typedef struct
{
  guint32 bins[VITRINE_LATENCY_FINE_BINS + VITRINE_LATENCY_COARSE_BINS + 1];
  guint64 n;
  double  max;
} VitrineLatencyHistogram;

void vitrine_latency_histogram_add       (VitrineLatencyHistogram       *histogram,
                                          double                         ms);
void vitrine_latency_histogram_summarize (const VitrineLatencyHistogram *histogram,
                                          VitrineLatencySummary         *summary);

void vitrine_latency_init      (VitrineLatency        *latency);
void vitrine_latency_add       (VitrineLatency        *latency,
                                double                 value);
void vitrine_latency_summarize (const VitrineLatency  *latency,
                                VitrineLatencySummary *summary);
void vitrine_latency_summarize_array (double                *samples,
                                      guint                  n,
                                      VitrineLatencySummary *summary);

G_END_DECLS
