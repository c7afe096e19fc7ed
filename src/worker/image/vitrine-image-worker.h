/* vitrine-image-worker.h: the image role.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-image-prescale.h"
#include "vitrine-worker.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_IMAGE_WORKER (vitrine_image_worker_get_type ())

G_DECLARE_FINAL_TYPE (VitrineImageWorker, vitrine_image_worker, VITRINE, IMAGE_WORKER, VitrineWorker)

gboolean vitrine_image_worker_prescale_file (const char                   *path,
                                             const VitrinePrescaleParams  *params,
                                             const char                   *output,
                                             GString                      *json,
                                             GError                      **error);

G_END_DECLS
