/* vitrine-audio-worker.h: the audio role.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-worker.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_AUDIO_WORKER (vitrine_audio_worker_get_type ())

G_DECLARE_FINAL_TYPE (VitrineAudioWorker, vitrine_audio_worker, VITRINE, AUDIO_WORKER, VitrineWorker)

void     vitrine_audio_worker_set_readable (VitrineAudioWorker *self,
                                            const char * const *folders);
gboolean vitrine_audio_worker_analyze_file (const char   *path,
                                            guint         bars,
                                            guint         hop,
                                            guint         frame,
                                            GString      *out,
                                            GError      **error);
gboolean vitrine_audio_worker_beats_file   (const char   *path,
                                            GString      *out,
                                            GError      **error);

G_END_DECLS
