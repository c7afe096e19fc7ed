/* vitrine-restart-policy.h: when a dead worker is started again, and when it is given up
 * (docs/ARCHITECTURE.md §3). Pure: times are passed in, in seconds on a monotonic clock.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_RESTART_HISTORY_MAX 100

typedef struct
{
  double backoff_initial;   /* delay before the first restart (0.5 s) */
  double backoff_max;       /* the doubling stops here (30 s) */
  double backoff_reset;     /* this long healthy and the next delay is the initial one (60 s) */
  guint  limit;             /* at most this many restarts... (5) */
  double window;            /* ...in this many seconds, or the role is failed (300 s) */
} VitrineRestartPolicy;

typedef struct
{
  double started_at;        /* when the current process started; < 0 before the first */
  guint  consecutive;       /* restarts since the worker was last healthy long enough */
  guint  n_restarts;        /* entries in restarts[] */
  double restarts[VITRINE_RESTART_HISTORY_MAX];
} VitrineRestartState;

typedef enum
{
  VITRINE_RESTART_AFTER_DELAY,
  VITRINE_RESTART_GIVE_UP,
} VitrineRestartDecision;

void                   vitrine_restart_policy_init_default (VitrineRestartPolicy       *policy);
void                   vitrine_restart_state_init          (VitrineRestartState        *state);
void                   vitrine_restart_state_started       (VitrineRestartState        *state,
                                                            double                      now);
VitrineRestartDecision vitrine_restart_policy_on_exit      (const VitrineRestartPolicy *policy,
                                                            VitrineRestartState        *state,
                                                            double                      now,
                                                            double                     *delay);
guint                  vitrine_restart_state_count_recent  (const VitrineRestartState  *state,
                                                            double                      window,
                                                            double                      now);

G_END_DECLS
