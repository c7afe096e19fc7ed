/* vitrine-worker-options.h: the command line of vitrine-worker, which the supervisor
 * builds and the worker parses.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VITRINE_WORKER_ROLE_IMAGE,
  VITRINE_WORKER_ROLE_FEED,
  VITRINE_WORKER_ROLE_AUDIO,
  VITRINE_WORKER_ROLE_TRANSITION,
  VITRINE_WORKER_N_ROLES
} VitrineWorkerRoleId;

typedef struct
{
  VitrineWorkerRoleId role;
  int                 socket_fd;
} VitrineWorkerOptions;

const char *vitrine_worker_role_to_string   (VitrineWorkerRoleId    role);
gboolean    vitrine_worker_role_from_string (const char            *name,
                                             VitrineWorkerRoleId   *role);
gboolean    vitrine_worker_options_parse    (VitrineWorkerOptions  *options,
                                             int                   *argc,
                                             char                ***argv,
                                             GError               **error);

G_END_DECLS
