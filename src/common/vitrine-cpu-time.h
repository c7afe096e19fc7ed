/* vitrine-cpu-time.h: the calling thread's CPU time, for the stall probes (the display's
 * VITRINE_STALL_PROBE, bench frames' peer, the supervisor test's main-loop probe).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <time.h>

/* CPU time the calling thread has used, in ns (CLOCK_THREAD_CPUTIME_ID). */
static inline gint64
vitrine_thread_cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}
