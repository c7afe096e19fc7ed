/* vitrine-supervisor-status.c: the `workers` part of `vitrine --status`, one object per
 * role: its process, state, restarts, heartbeat, queue, counters, latency and the inputs
 * its worker has quarantined (the first page, the total), whether it has a poison list,
 * and the sandbox its process reported.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-enum-types.h"
#include "vitrine-status.h"
#include "vitrine-supervisor-private.h"

/* The state's nick, as `--status` shows it; "unknown" for a value out of range. */
const char *
vitrine_worker_state_to_string (VitrineWorkerState state)
{
  return vitrine_status_enum_nick (VITRINE_TYPE_WORKER_STATE, state);
}

static void
add_role (VitrineSupervisorRole *role,
          JsonBuilder           *builder)
{
  VitrineLatencySummary latency;

  vitrine_latency_summarize (&role->latency, &latency);

  vitrine_status_begin_object (builder, NULL);
  vitrine_status_string (builder, "role", _vitrine_supervisor_role_name (role));
  vitrine_status_int (builder, "pid", role->pid);
  vitrine_status_enum (builder, "state", VITRINE_TYPE_WORKER_STATE, role->state);
  /* When its first process was spawned (monotonic µs), 0 before: the start-up order. */
  vitrine_status_int (builder, "started_us", role->started_us);
  vitrine_status_int (builder, "restarts", role->restarts);
  vitrine_status_string (builder, "last_restart_reason", role->last_restart_reason);
  if (role->state == VITRINE_WORKER_STATE_RUNNING)
    vitrine_status_int (builder, "heartbeat_age_ms",
                        (g_get_monotonic_time () - role->last_heartbeat_us) / 1000);
  else
    vitrine_status_null (builder, "heartbeat_age_ms");
  vitrine_status_int (builder, "queue", vitrine_request_queue_length (&role->queue));
  vitrine_status_int (builder, "in_flight", role->queue.in_flight);
  vitrine_status_int (builder, "drops", (gint64) role->queue.drops);
  vitrine_status_int (builder, "rejects", (gint64) role->rejects);
  vitrine_status_int (builder, "stale", (gint64) role->stale);

  vitrine_status_summary (builder, "latency_ms", &latency);

  vitrine_status_strv (builder, "quarantined", (const char * const *) role->quarantined);
  vitrine_status_int (builder, "quarantined_total", role->quarantined_total);
  vitrine_status_string (builder, "poison_list", role->poison_list);
  _vitrine_supervisor_role_add_sandbox_status (role, builder);
  vitrine_status_end_object (builder);
}

void
vitrine_supervisor_add_status (VitrineSupervisor *self,
                               JsonBuilder       *builder)
{
  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));

  vitrine_status_begin_array (builder, "workers");
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    add_role (&self->roles[i], builder);
  vitrine_status_end_array (builder);
}
