/* vitrine-worker-env.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-worker-env.h"

/*
 * What every role keeps: where its files are, its language, the test and fault switches,
 * GLib's debugging switches and the sanitizers' options (and PATH, where a sanitized
 * build finds its symbolizer). Nothing that names another process to talk to (the
 * session bus, an SSH or GPG agent, a display server).
 */
static const char *const kept_names[] = {
  "HOME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "PATH", "LD_LIBRARY_PATH",
  "G_DEBUG", "G_MESSAGES_DEBUG", "G_ENABLE_DIAGNOSTIC",
  "GIO_USE_VFS", "GDK_PIXBUF_MODULE_FILE", "GDK_PIXBUF_MODULEDIR",
};

static const char *const kept_prefixes[] = {
  "LC_", "VITRINE_", "ASAN_", "UBSAN_", "LSAN_", "MALLOC_",
};

/* The audio role also needs to find PipeWire's socket and plugins. */
static const char *const audio_names[] = { "XDG_RUNTIME_DIR" };
static const char *const audio_prefixes[] = { "PIPEWIRE_", "SPA_" };

static gboolean
in_list (const char         *name,
         const char * const *names,
         gsize               n_names,
         gboolean            prefix)
{
  for (gsize i = 0; i < n_names; i++)
    if (prefix ? g_str_has_prefix (name, names[i]) : g_str_equal (name, names[i]))
      return TRUE;
  return FALSE;
}

/* XDG_*_HOME and XDG_*_DIRS: where the user's and the system's data live. */
static gboolean
is_xdg_location (const char *name)
{
  return g_str_has_prefix (name, "XDG_") &&
         (g_str_has_suffix (name, "_HOME") || g_str_has_suffix (name, "_DIRS"));
}

/* Whether a worker of @role keeps the variable @name. */
gboolean
vitrine_worker_env_keeps (VitrineWorkerRoleId  role,
                          const char          *name)
{
  g_return_val_if_fail (name != NULL, FALSE);

  if (in_list (name, kept_names, G_N_ELEMENTS (kept_names), FALSE) ||
      in_list (name, kept_prefixes, G_N_ELEMENTS (kept_prefixes), TRUE) ||
      is_xdg_location (name))
    return TRUE;
  if (role == VITRINE_WORKER_ROLE_AUDIO)
    return in_list (name, audio_names, G_N_ELEMENTS (audio_names), FALSE) ||
           in_list (name, audio_prefixes, G_N_ELEMENTS (audio_prefixes), TRUE);
  return FALSE;
}

/* @envp (taken) without what a worker of @role does not keep. */
char **
vitrine_worker_env_trim (VitrineWorkerRoleId   role,
                         char                **envp)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; envp != NULL && envp[i] != NULL; i++)
    {
      const char *equals = strchr (envp[i], '=');
      g_autofree char *name = g_strndup (envp[i], equals != NULL ? (gsize) (equals - envp[i])
                                                                 : strlen (envp[i]));

      if (vitrine_worker_env_keeps (role, name))
        g_strv_builder_add (builder, envp[i]);
    }
  g_strfreev (envp);
  return g_strv_builder_end (builder);
}

/*
 * Drops from this process's own environment what a worker of @role does not keep, for a
 * worker started by something other than the supervisor. Not thread-safe: call it before
 * any thread exists. Returns how many variables went.
 */
guint
vitrine_worker_env_trim_self (VitrineWorkerRoleId role)
{
  g_auto(GStrv) names = g_listenv ();
  guint dropped = 0;

  for (guint i = 0; names[i] != NULL; i++)
    if (!vitrine_worker_env_keeps (role, names[i]))
      {
        g_unsetenv (names[i]);
        dropped++;
      }
  return dropped;
}
