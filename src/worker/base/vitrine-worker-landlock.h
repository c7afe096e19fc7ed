/* vitrine-worker-landlock.h: the Landlock layer of the worker sandbox.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-worker-sandbox.h"

G_BEGIN_DECLS

int      vitrine_landlock_abi   (void);
gboolean vitrine_landlock_apply (VitrineSandbox            *sandbox,
                                 VitrineWorkerRoleId        role,
                                 const VitrineSandboxPaths *paths);

G_END_DECLS
