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

void vitrine_latency_init      (VitrineLatency        *latency);
void vitrine_latency_add       (VitrineLatency        *latency,
                                double                 value);
void vitrine_latency_summarize (const VitrineLatency  *latency,
                                VitrineLatencySummary *summary);
void vitrine_latency_summarize_array (double                *samples,
                                      guint                  n,
                                      VitrineLatencySummary *summary);

G_END_DECLS
