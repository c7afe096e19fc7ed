/* vitrine-cache-source-audio.h: the audio track summaries as a cache source
 * (docs/caches.md): name "audio", the audio role. track_ref is the track id the audio
 * worker keeps summaries under, the profile "beats" (the 'Beat analysis' profile), the
 * descriptors "loudness", "onset_density", "tempo_map". A summary is one file made in one
 * analysis: an intent for a track asks for everything its summary holds, regenerating
 * any descriptor makes the whole summary again from the track's WAV file, and dismissing
 * any forgets the summary.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-cache-source.h"
#include "vitrine-supervisor.h"
#include "vitrine-visualizer.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_CACHE_SOURCE_AUDIO (vitrine_cache_source_audio_get_type ())

G_DECLARE_FINAL_TYPE (VitrineCacheSourceAudio, vitrine_cache_source_audio, VITRINE, CACHE_SOURCE_AUDIO, GObject)

/* @visualizer (may be NULL) says the playing track's URL, for a track not summarised
 * yet, and its "intents-changed" (a new track: the last one's summary was written) is
 * "changed". */
VitrineCacheSourceAudio *vitrine_cache_source_audio_new (VitrineSupervisor *supervisor,
                                                         VitrineVisualizer *visualizer);
/* The folders the audio worker may read the user's tracks in: the Music folder when
 * there is one and it is not the home folder (for vitrine_supervisor_set_read_only()),
 * NULL-terminated. */
GStrv                    vitrine_cache_source_audio_dup_readable (void);

G_END_DECLS
