/* vitrine-audio-cache.h: the audio worker's real-time master cache of features
 * (docs/ARCHITECTURE.md §6): the descriptors consumers asked for, computed per captured
 * block and published frame by frame into the feature ring, with the current track, its
 * statistics and the beat tracker's state. Not thread-safe: the worker calls it under its
 * lock.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-audio-capture.h"
#include "vitrine-audio-features.h"
#include "vitrine-beat-map.h"
#include "vitrine-feature-ring.h"
#include "vitrine-spectrum.h"

G_BEGIN_DECLS

#define VITRINE_AUDIO_CACHE_RATE 48000

typedef struct _VitrineAudioCache VitrineAudioCache;

VitrineAudioCache *vitrine_audio_cache_new        (void);
void               vitrine_audio_cache_free       (VitrineAudioCache   *self);
gboolean           vitrine_audio_cache_configure  (VitrineAudioCache   *self,
                                                   VitrineFeatureMask   mask,
                                                   guint                bars,
                                                   guint                history_s,
                                                   GError             **error);
void               vitrine_audio_cache_set_track  (VitrineAudioCache   *self,
                                                   const char          *track_id,
                                                   double               bpm_seed);
void               vitrine_audio_cache_block      (VitrineAudioCache   *self,
                                                   const float         *samples,
                                                   guint                n_frames,
                                                   guint                channels,
                                                   guint                rate,
                                                   const VitrineCaptureTime *time);
guint64            vitrine_audio_cache_get_lost_frames (VitrineAudioCache *self);
VitrineFeatureMask vitrine_audio_cache_get_mask   (VitrineAudioCache   *self);
int                vitrine_audio_cache_get_fd     (VitrineAudioCache   *self);
guint64            vitrine_audio_cache_get_frames (VitrineAudioCache   *self);
GArray            *vitrine_audio_cache_dup_tempo_map (VitrineAudioCache *self);
void               vitrine_audio_cache_flush      (VitrineAudioCache   *self);
gboolean           vitrine_audio_cache_save_summary (VitrineAudioCache *self,
                                                   double               min_s,
                                                   GError             **error);
void               vitrine_audio_cache_set_track_url (VitrineAudioCache *self,
                                                   const char          *url);
const char        *vitrine_audio_cache_get_summary_result (VitrineAudioCache *self);
void               vitrine_audio_cache_set_rate   (VitrineAudioCache   *self,
                                                   guint                rate);
gboolean           vitrine_audio_cache_get_view   (VitrineAudioCache   *self,
                                                   VitrineFeatureRingView *view);
void               vitrine_audio_cache_set_bar_settings (VitrineAudioCache *self,
                                                   const VitrineSpectrumSettings *settings);
void               vitrine_audio_cache_set_cache_dir (VitrineAudioCache *self,
                                                   const char          *cache_dir);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineAudioCache, vitrine_audio_cache_free)

G_END_DECLS
