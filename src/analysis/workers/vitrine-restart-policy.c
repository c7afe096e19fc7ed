/* vitrine-restart-policy.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-restart-policy.h"

void
vitrine_restart_policy_init_default (VitrineRestartPolicy *policy)
{
  policy->backoff_initial = 0.5;
  policy->backoff_max = 30.0;
  policy->backoff_reset = 60.0;
  policy->limit = 5;
  policy->window = 300.0;
}

void
vitrine_restart_state_init (VitrineRestartState *state)
{
  *state = (VitrineRestartState) { .started_at = -1 };
}

void
vitrine_restart_state_started (VitrineRestartState *state,
                               double               now)
{
  state->started_at = now;
}

guint
vitrine_restart_state_count_recent (const VitrineRestartState *state,
                                    double                     window,
                                    double                     now)
{
  guint count = 0;

  for (guint i = 0; i < state->n_restarts; i++)
    if (now - state->restarts[i] < window)
      count++;

  return count;
}

/* Keeps only restarts that can still count against the limit. */
static void
forget_old_restarts (VitrineRestartState *state,
                     double               window,
                     double               now)
{
  guint kept = 0;

  for (guint i = 0; i < state->n_restarts; i++)
    if (now - state->restarts[i] < window)
      state->restarts[kept++] = state->restarts[i];
  state->n_restarts = kept;
}

/*
 * The worker's process ended at @now (crash, kill, hang). Returns whether to start it
 * again after *@delay seconds, or to give the role up: @limit restarts already happened
 * within @window. The delay doubles with each restart in a row and starts over once a
 * process stayed up for @backoff_reset.
 */
VitrineRestartDecision
vitrine_restart_policy_on_exit (const VitrineRestartPolicy *policy,
                                VitrineRestartState        *state,
                                double                      now,
                                double                     *delay)
{
  double next = policy->backoff_initial;
  guint limit = MIN (policy->limit, VITRINE_RESTART_HISTORY_MAX);

  if (state->started_at >= 0 && now - state->started_at >= policy->backoff_reset)
    state->consecutive = 0;

  forget_old_restarts (state, policy->window, now);
  if (state->n_restarts >= limit)
    {
      *delay = 0;
      return VITRINE_RESTART_GIVE_UP;
    }

  for (guint i = 0; i < state->consecutive && next < policy->backoff_max; i++)
    next *= 2;
  *delay = MIN (next, policy->backoff_max);

  state->consecutive++;
  state->restarts[state->n_restarts++] = now;
  state->started_at = -1;

  return VITRINE_RESTART_AFTER_DELAY;
}
