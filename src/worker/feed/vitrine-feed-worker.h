/* vitrine-feed-worker.h: the feed role.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-worker.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_FEED_WORKER (vitrine_feed_worker_get_type ())

G_DECLARE_FINAL_TYPE (VitrineFeedWorker, vitrine_feed_worker, VITRINE, FEED_WORKER, VitrineWorker)

void vitrine_feed_worker_set_save_folder (VitrineFeedWorker *self,
                                          const char        *folder);

G_END_DECLS
