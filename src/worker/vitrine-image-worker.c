/* vitrine-image-worker.c: the image role. Its own request kinds
 * (decoding, orienting and prescaling images, and scanning folders (the slideshow issue)) are added to process(); until then it
 * answers the probes every worker knows, through the base class.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-image-worker.h"

struct _VitrineImageWorker
{
  VitrineWorker parent_instance;
};

G_DEFINE_FINAL_TYPE (VitrineImageWorker, vitrine_image_worker, VITRINE_TYPE_WORKER)

static void
vitrine_image_worker_class_init (VitrineImageWorkerClass *klass)
{
  VITRINE_WORKER_CLASS (klass)->role = VITRINE_WORKER_ROLE_IMAGE;
}

static void
vitrine_image_worker_init (VitrineImageWorker *self)
{
}
