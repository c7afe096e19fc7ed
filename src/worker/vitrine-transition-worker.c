/* vitrine-transition-worker.c: the transition role. Its own request kinds
 * (precomputing transition payloads (the transitions issue)) are added to process(); until then it
 * answers the probes every worker knows, through the base class.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-transition-worker.h"

struct _VitrineTransitionWorker
{
  VitrineWorker parent_instance;
};

G_DEFINE_FINAL_TYPE (VitrineTransitionWorker, vitrine_transition_worker, VITRINE_TYPE_WORKER)

static void
vitrine_transition_worker_class_init (VitrineTransitionWorkerClass *klass)
{
  VITRINE_WORKER_CLASS (klass)->role = VITRINE_WORKER_ROLE_TRANSITION;
}

static void
vitrine_transition_worker_init (VitrineTransitionWorker *self)
{
}
