/* vitrine-worker-options.h: the command line of vitrine-worker, which the supervisor
 * builds and the worker parses.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-message.h"

G_BEGIN_DECLS

typedef struct
{
  VitrineWorkerRoleId role;
  int                 socket_fd;
} VitrineWorkerOptions;

gboolean    vitrine_worker_options_parse    (VitrineWorkerOptions  *options,
                                             int                   *argc,
                                             char                ***argv,
                                             GError               **error);

G_END_DECLS
