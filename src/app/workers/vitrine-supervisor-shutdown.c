/* vitrine-supervisor-shutdown.c: stopping every worker when the display quits (see
 * vitrine-supervisor.h): Shutdown, SIGTERM, SIGKILL, each after a grace period, and every
 * process reaped, so no zombie, socket or memfd is left.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "vitrine-supervisor-private.h"

static gboolean
process_exited (GSubprocess *process)
{
  return process == NULL || g_subprocess_get_identifier (process) == NULL;
}

static gboolean
all_exited (VitrineSupervisor *self)
{
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    if (!process_exited (self->roles[i].process) || !process_exited (self->roles[i].exiting))
      return FALSE;
  return TRUE;
}

static void
wait_for_exits (VitrineSupervisor *self,
                gint64             deadline_us)
{
  GMainContext *context = g_main_context_get_thread_default ();

  while (!all_exited (self) && g_get_monotonic_time () < deadline_us)
    {
      if (!g_main_context_iteration (context, FALSE))
        g_usleep (2000);
    }
}

/*
 * Stops every worker: Shutdown, then after the grace period SIGTERM, then SIGKILL, and
 * reaps them, so no zombie and no fd is left. Called when the display quits; it iterates
 * the main context for at most about three grace periods.
 */
void
vitrine_supervisor_shutdown (VitrineSupervisor *self)
{
  gint64 grace_us;

  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));

  if (self->shutting_down)
    return;
  self->shutting_down = TRUE;
  grace_us = (gint64) (_vitrine_supervisor_setting_double (self, "shutdown-grace", 1.0) * G_USEC_PER_SEC);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      VitrineSupervisorRole *role = &self->roles[i];

      g_clear_handle_id (&role->restart_id, g_source_remove);
      g_clear_handle_id (&role->heartbeat_id, g_source_remove);
      if (role->connection != NULL)
        g_dbus_connection_call (role->connection, NULL, VITRINE_WORKER_OBJECT_PATH,
                                VITRINE_WORKER_INTERFACE, "Shutdown", NULL, NULL,
                                G_DBUS_CALL_FLAGS_NONE, (int) (grace_us / 1000), NULL, NULL, NULL);
    }
  wait_for_exits (self, g_get_monotonic_time () + grace_us);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    if (self->roles[i].process != NULL)
      g_subprocess_send_signal (self->roles[i].process, SIGTERM);
  wait_for_exits (self, g_get_monotonic_time () + grace_us);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      if (self->roles[i].process != NULL)
        g_subprocess_force_exit (self->roles[i].process);
      if (self->roles[i].exiting != NULL)
        g_subprocess_force_exit (self->roles[i].exiting);
    }
  wait_for_exits (self, g_get_monotonic_time () + grace_us);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      VitrineSupervisorRole *role = &self->roles[i];

      _vitrine_supervisor_role_forget_process (role, "the display is shutting down");
      role->start_on_exit = FALSE;
      g_cancellable_cancel (role->exiting_cancellable);
      g_clear_object (&role->exiting_cancellable);
      g_clear_object (&role->exiting);
      _vitrine_supervisor_role_fail_pending (role, VITRINE_SUPERVISOR_ERROR_UNAVAILABLE,
                                             "the display is shutting down");
      _vitrine_supervisor_role_set_state (role, VITRINE_WORKER_STATE_STOPPED);
    }
}
