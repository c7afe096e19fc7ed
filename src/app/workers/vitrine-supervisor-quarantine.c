/* vitrine-supervisor-quarantine.c: what the supervisor knows of each worker's poison list
 * (docs/ARCHITECTURE.md §3): the first page of its quarantine and the total, from Hello and
 * from each `forget` reply, whether the list is available at all (warned about once), and
 * forgetting inputs, for the Diagnostics page and `--status` consumers; whose lists
 * (the instance kind) and how each process ended, for the next one. The list itself
 * lives in the worker; the display reads none of its files.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-supervisor-private.h"

/*
 * Whose poison lists the workers keep: "display" (the default) or "render" (the
 * supervisor of `vitrine --render-transition`, which runs beside a display and must not
 * strike its inputs, nor have its own struck). Before vitrine_supervisor_start().
 */
void
vitrine_supervisor_set_instance (VitrineSupervisor *self,
                                 const char        *instance)
{
  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));
  g_return_if_fail (g_strcmp0 (instance, "display") == 0 || g_strcmp0 (instance, "render") == 0);
  g_return_if_fail (!self->started);

  g_free (self->instance);
  self->instance = g_strdup (instance);
}

/* How @process, the role's last, ended: the next process settles its note, and only a
 * death nobody here caused strikes. Before the kill reason is cleared. */
void
_vitrine_supervisor_role_note_exit (VitrineSupervisorRole *role,
                                    GSubprocess           *process)
{
  gboolean ours = role->kill_reason != NULL || role->self->shutting_down;

  gboolean signaled = g_subprocess_get_if_signaled (process);

  role->predecessor = vitrine_predecessor_from_exit (ours, signaled,
                                                     signaled ? g_subprocess_get_term_sig (process)
                                                     : g_subprocess_get_if_exited (process)
                                                     ? g_subprocess_get_exit_status (process) : 1);
}

/* The quarantine members of a Hello or a `forget` reply (a{sv}). */
void
_vitrine_supervisor_role_take_quarantine (VitrineSupervisorRole *role,
                                          GVariant              *info)
{
  const char *poison_list = NULL;
  guint32 total;

  g_clear_pointer (&role->quarantined, g_strfreev);
  if (!g_variant_lookup (info, "quarantined", "^as", &role->quarantined))
    role->quarantined = NULL;
  if (!g_variant_lookup (info, "quarantined_total", "u", &total))
    total = role->quarantined != NULL ? g_strv_length (role->quarantined) : 0;
  role->quarantined_total = total;

  if (!g_variant_lookup (info, "poison_list", "&s", &poison_list))
    return;
  g_free (role->poison_list);
  role->poison_list = g_strdup (poison_list);
  if (!g_str_equal (poison_list, "available") && !role->self->poison_warned)
    {
      /* Once per supervisor: a read-only home would say so for every role at every
       * restart otherwise; `--status` has it per worker. */
      role->self->poison_warned = TRUE;
      _vitrine_supervisor_role_log (role, G_LOG_LEVEL_WARNING, 0,
                                    "workers run without a poison list (%s); "
                                    "an input that crashes one is not quarantined",
                                    poison_list);
    }
}

typedef struct
{
  VitrineSupervisor   *self;
  VitrineWorkerRoleId  role;
} ForgetData;

static void
forget_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ForgetData *data = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 forgotten = 0;

  reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, NULL, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_variant_lookup (reply, "forgotten", "u", &forgotten);
  _vitrine_supervisor_role_take_quarantine (&data->self->roles[data->role], reply);
  g_task_return_int (task, forgotten);
}

/*
 * Asks @role's worker to forget @inputs (every input when NULL), quarantined or with a
 * strike: they are tried again. The role's quarantine in `--status` follows the reply.
 */
void
vitrine_supervisor_forget_quarantined_async (VitrineSupervisor   *self,
                                             VitrineWorkerRoleId  role,
                                             const char * const  *inputs,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ForgetData *data;
  GVariantBuilder request;

  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));
  g_return_if_fail (role < VITRINE_WORKER_N_ROLES);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vitrine_supervisor_forget_quarantined_async);
  data = g_new (ForgetData, 1);
  data->self = self;
  data->role = role;
  g_task_set_task_data (task, data, g_free);

  g_variant_builder_init (&request, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&request, "{sv}", "kind", g_variant_new_string ("forget"));
  if (inputs != NULL)
    g_variant_builder_add (&request, "{sv}", "inputs", g_variant_new_strv (inputs, -1));
  vitrine_supervisor_request_async (self, role, g_variant_builder_end (&request), cancellable,
                                    forget_done_cb, g_steal_pointer (&task));
}

/*
 * The first page of what @role's worker has quarantined (NULL: nothing known, or none),
 * as its last Hello or `forget` reply said; @total gets how many there are in all.
 */
const char * const *
vitrine_supervisor_get_quarantined (VitrineSupervisor   *self,
                                    VitrineWorkerRoleId  role,
                                    guint               *total)
{
  g_return_val_if_fail (VITRINE_IS_SUPERVISOR (self), NULL);
  g_return_val_if_fail (role < VITRINE_WORKER_N_ROLES, NULL);

  if (total != NULL)
    *total = self->roles[role].quarantined_total;
  return (const char * const *) self->roles[role].quarantined;
}

/* How many inputs the worker forgot; 0 with @error set when the request failed. */
guint
vitrine_supervisor_forget_quarantined_finish (VitrineSupervisor  *self,
                                              GAsyncResult       *result,
                                              GError            **error)
{
  gssize forgotten;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  forgotten = g_task_propagate_int (G_TASK (result), error);
  return forgotten > 0 ? (guint) forgotten : 0;
}
