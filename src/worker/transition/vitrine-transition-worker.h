/* vitrine-transition-worker.h: the transition role.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-worker.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_TRANSITION_WORKER (vitrine_transition_worker_get_type ())

G_DECLARE_FINAL_TYPE (VitrineTransitionWorker, vitrine_transition_worker, VITRINE, TRANSITION_WORKER, VitrineWorker)

G_END_DECLS
