/* vitrine-feed-politeness.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-feed-politeness.h"

VitrineFetchOutcome
vitrine_fetch_outcome_from_status (guint    status,
                                   gboolean ok)
{
  if (status == 429)
    return VITRINE_FETCH_OUTCOME_RATE_LIMITED;
  if (status == 401 || status == 403)
    return VITRINE_FETCH_OUTCOME_DENIED;
  if (status >= 500 && status <= 599)
    return VITRINE_FETCH_OUTCOME_SERVER_ERROR;
  return ok ? VITRINE_FETCH_OUTCOME_OK : VITRINE_FETCH_OUTCOME_FAILED;
}

const char *
vitrine_fetch_outcome_to_string (VitrineFetchOutcome outcome)
{
  static const char *const names[] = { "ok", "rate-limited", "denied", "server-error", "failed" };

  return (guint) outcome < G_N_ELEMENTS (names) ? names[outcome] : "failed";
}

void
vitrine_host_state_init (VitrineHostState *host)
{
  *host = (VitrineHostState) { -INFINITY, 0 };
}

/* The earliest time, no earlier than @now, a request may go to the host. */
double
vitrine_host_state_ready_at (const VitrineHostState *host,
                             double                  now)
{
  return MAX (now, host->not_before);
}

void
vitrine_host_state_note_request (VitrineHostState *host,
                                 double            now)
{
  host->not_before = MAX (host->not_before, now + VITRINE_POLITE_HOST_SPACING_S);
}

static void
hold_until (VitrineHostState *host,
            double            until)
{
  host->not_before = MAX (host->not_before, until);
}

/* @retry_after_s: the answer's Retry-After in seconds, < 0 without one. */
void
vitrine_host_state_note_outcome (VitrineHostState    *host,
                                 VitrineFetchOutcome  outcome,
                                 double               retry_after_s,
                                 double               now)
{
  switch (outcome)
    {
    case VITRINE_FETCH_OUTCOME_RATE_LIMITED:
      hold_until (host, now + (retry_after_s >= 0 ? retry_after_s : VITRINE_POLITE_429_DEFAULT_S));
      host->errors_5xx = 0;
      break;
    case VITRINE_FETCH_OUTCOME_DENIED:
      hold_until (host, now + MAX (retry_after_s, VITRINE_POLITE_DENIED_MIN_S));
      host->errors_5xx = 0;
      break;
    case VITRINE_FETCH_OUTCOME_SERVER_ERROR:
      host->errors_5xx++;
      hold_until (host, now + MAX (retry_after_s,
                                   MIN (VITRINE_POLITE_BACKOFF_MAX_S,
                                        ldexp (VITRINE_POLITE_5XX_INITIAL_S, (int) MIN (host->errors_5xx - 1, 20)))));
      break;
    case VITRINE_FETCH_OUTCOME_OK:
      host->errors_5xx = 0;
      break;
    case VITRINE_FETCH_OUTCOME_FAILED:
    default:
      break;
    }
}

void
vitrine_feed_health_init (VitrineFeedHealth *health)
{
  *health = (VitrineFeedHealth) { 0, FALSE, 0, -INFINITY, -1 };
}

/* A day without a failure and the count starts over. */
static void
forget_if_healthy (VitrineFeedHealth *health,
                   double             now)
{
  if (health->failures > 0 && health->last_failure >= 0 &&
      now - health->last_failure >= VITRINE_POLITE_HEALTHY_RESET_S)
    health->failures = 0;
}

void
vitrine_feed_health_note_outcome (VitrineFeedHealth   *health,
                                  VitrineFetchOutcome  outcome,
                                  double               now)
{
  forget_if_healthy (health, now);
  if (outcome == VITRINE_FETCH_OUTCOME_OK)
    {
      health->paused = FALSE;
      health->backoff_s = 0;
      health->not_before = -INFINITY;
      return;
    }

  health->failures++;
  health->last_failure = now;
  if (health->failures < VITRINE_POLITE_PAUSE_AFTER)
    return;
  health->paused = TRUE;
  health->backoff_s = MIN (VITRINE_POLITE_BACKOFF_MAX_S,
                           ldexp (VITRINE_POLITE_BACKOFF_BASE_S, (int) MIN (health->failures - 1, 20)));
  health->not_before = now + health->backoff_s;
}

gboolean
vitrine_feed_health_due (const VitrineFeedHealth *health,
                         double                   now)
{
  return now >= health->not_before;
}
