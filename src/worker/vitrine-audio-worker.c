/* vitrine-audio-worker.c: the audio role. Its own request kinds
 * (PipeWire capture, spectrum bars and the audio ring (the visualizer issue)) are added to process(); until then it
 * answers the probes every worker knows, through the base class.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-audio-worker.h"

struct _VitrineAudioWorker
{
  VitrineWorker parent_instance;
};

G_DEFINE_FINAL_TYPE (VitrineAudioWorker, vitrine_audio_worker, VITRINE_TYPE_WORKER)

static void
vitrine_audio_worker_class_init (VitrineAudioWorkerClass *klass)
{
  VITRINE_WORKER_CLASS (klass)->role = VITRINE_WORKER_ROLE_AUDIO;
}

static void
vitrine_audio_worker_init (VitrineAudioWorker *self)
{
}
