/* vitrine-supervisor-sandbox.c: what the supervisor gives each worker at spawn for its
 * sandbox (docs/ARCHITECTURE.md §1, §3) and what it learns back: the trimmed environment,
 * the folders the role may read, and the sandbox the worker reports in Hello.
 *
 * The image role reads photo folders it learns from `scan` requests, but its sandbox is
 * in force before it reads any request, so the folders it will be asked about are given
 * on its command line (`--read-only=PATH`), and a change of them restarts the role.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-status.h"
#include "vitrine-supervisor-private.h"
#include "vitrine-worker-env.h"

/*
 * Sets @launcher's environment for the role's next process and returns its command line:
 * only the variables it keeps (no session bus, agent or display), GIO without GVfs
 * (which would want the session bus), its role, fd 3, and a --read-only per folder.
 */
char **
_vitrine_supervisor_role_prepare_spawn (VitrineSupervisorRole *role,
                                        GSubprocessLauncher   *launcher)
{
  g_auto(GStrv) envp = vitrine_worker_env_trim (role->id, g_get_environ ());
  g_autoptr(GStrvBuilder) argv = g_strv_builder_new ();
  g_autofree char *role_arg = g_strdup_printf ("--role=%s", _vitrine_supervisor_role_name (role));
  g_autofree char *instance_arg = g_strdup_printf ("--instance=%s", role->self->instance);
  g_autofree char *predecessor_arg = g_strdup_printf ("--predecessor=%s",
                                                      vitrine_predecessor_to_string (role->predecessor));

  g_subprocess_launcher_set_environ (launcher, envp);
  g_subprocess_launcher_setenv (launcher, "GIO_USE_VFS", "local", TRUE);

  g_strv_builder_add_many (argv, role->self->worker_path, role_arg, "--socket-fd=3",
                           instance_arg, predecessor_arg, NULL);
  for (guint i = 0; role->read_only != NULL && role->read_only[i] != NULL; i++)
    {
      g_autofree char *arg = g_strdup_printf ("--read-only=%s", role->read_only[i]);

      g_strv_builder_add (argv, arg);
    }
  if (role->writable != NULL)
    {
      g_autofree char *arg = g_strdup_printf ("--writable=%s", role->writable);

      g_strv_builder_add (argv, arg);
    }
  return g_strv_builder_end (argv);
}

/* Keeps Hello's "sandbox" member (a{sv}) for `--status`; a worker without one has none. */
void
_vitrine_supervisor_role_take_hello (VitrineSupervisorRole *role,
                                     GVariant              *info)
{
  g_clear_pointer (&role->sandbox, g_variant_unref);
  role->sandbox = g_variant_lookup_value (info, "sandbox", G_VARIANT_TYPE_VARDICT);
}

/*
 * The folders (and files) @role's processes may read besides the system's: for the image
 * role, every folder the slideshow may scan. A change restarts a running process, whose
 * sandbox cannot widen.
 */
void
vitrine_supervisor_set_read_only (VitrineSupervisor  *self,
                                  VitrineWorkerRoleId role,
                                  const char * const *paths)
{
  VitrineSupervisorRole *r;

  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));
  g_return_if_fail (role < VITRINE_WORKER_N_ROLES);

  r = &self->roles[role];
  if (r->read_only == NULL && (paths == NULL || paths[0] == NULL))
    return;
  if (r->read_only != NULL && paths != NULL && g_strv_equal ((const char * const *) r->read_only, paths))
    return;

  g_clear_pointer (&r->read_only, g_strfreev);
  r->read_only = paths != NULL && paths[0] != NULL ? g_strdupv ((char **) paths) : NULL;
  if (r->process != NULL)
    _vitrine_supervisor_role_kill (r, "the folders it may read changed");
}

/*
 * The one folder besides its own that @role's processes may write, or NULL: for the feed
 * role, the save folder of fetched images. A change restarts a running process.
 */
void
vitrine_supervisor_set_writable (VitrineSupervisor  *self,
                                 VitrineWorkerRoleId role,
                                 const char         *path)
{
  VitrineSupervisorRole *r;

  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));
  g_return_if_fail (role < VITRINE_WORKER_N_ROLES);

  r = &self->roles[role];
  if (path != NULL && *path == '\0')
    path = NULL;
  if (g_strcmp0 (r->writable, path) == 0)
    return;
  g_free (r->writable);
  r->writable = g_strdup (path);
  if (r->process != NULL)
    _vitrine_supervisor_role_kill (r, "the folder it may write changed");
}

/* The sandbox (a{sv}) the role's running process reported in Hello; NULL when it is not
 * running or reported none. */
GVariant *
vitrine_supervisor_dup_sandbox (VitrineSupervisor  *self,
                                VitrineWorkerRoleId role)
{
  VitrineSupervisorRole *r;

  g_return_val_if_fail (VITRINE_IS_SUPERVISOR (self), NULL);
  g_return_val_if_fail (role < VITRINE_WORKER_N_ROLES, NULL);

  r = &self->roles[role];
  if (r->sandbox == NULL || r->state != VITRINE_WORKER_STATE_RUNNING)
    return NULL;
  return g_variant_ref (r->sandbox);
}

/* The sandbox the role's current process reported: `--status`'s "sandbox" member. */
void
_vitrine_supervisor_role_add_sandbox_status (VitrineSupervisorRole *role,
                                             JsonBuilder           *builder)
{
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (role->sandbox == NULL || role->state != VITRINE_WORKER_STATE_RUNNING)
    {
      vitrine_status_null (builder, "sandbox");
      return;
    }

  vitrine_status_begin_object (builder, "sandbox");
  g_variant_iter_init (&iter, role->sandbox);
  while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
    {
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        vitrine_status_boolean (builder, key, g_variant_get_boolean (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
        vitrine_status_int (builder, key, g_variant_get_int32 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
        vitrine_status_int (builder, key, (gint64) MIN (g_variant_get_uint64 (value), G_MAXINT64));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        vitrine_status_string (builder, key, g_variant_get_string (value, NULL));
      g_variant_unref (value);
    }
  vitrine_status_end_object (builder);
}
