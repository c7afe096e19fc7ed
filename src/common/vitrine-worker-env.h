/* vitrine-worker-env.h: the environment a worker process keeps (docs/ARCHITECTURE.md §1).
 *
 * The supervisor spawns each worker with only these variables, and the worker drops any
 * other before it reads input, so a decoder that is taken over finds no session bus
 * address, agent socket or display to talk to.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-message.h"

G_BEGIN_DECLS

gboolean   vitrine_worker_env_keeps     (VitrineWorkerRoleId   role,
                                         const char           *name);
char     **vitrine_worker_env_trim      (VitrineWorkerRoleId   role,
                                         char                **envp);
guint      vitrine_worker_env_trim_self (VitrineWorkerRoleId   role);

G_END_DECLS
