/* vitrine-feed-worker.c: the feed role. Its own request kinds (fetching and parsing
 * feeds, weather and headlines) are not built yet; until they are added to process(), it
 * answers the probes every worker knows, through the base class.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-feed-worker.h"

struct _VitrineFeedWorker
{
  VitrineWorker parent_instance;
};

G_DEFINE_FINAL_TYPE (VitrineFeedWorker, vitrine_feed_worker, VITRINE_TYPE_WORKER)

static void
vitrine_feed_worker_class_init (VitrineFeedWorkerClass *klass)
{
  VITRINE_WORKER_CLASS (klass)->role = VITRINE_WORKER_ROLE_FEED;
}

static void
vitrine_feed_worker_init (VitrineFeedWorker *self)
{
}
