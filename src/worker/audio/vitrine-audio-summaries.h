/* vitrine-audio-summaries.h: the audio role's track summaries as a cache (docs/caches.md,
 * docs/ARCHITECTURE.md §2): listed page by page, made again offline from a track's WAV
 * file on a thread of its own (a long track takes longer than the role's deadline), asked
 * about until done, forgotten. Blocking: request threads only.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Entries per page at most, whatever the request asks: far under the role's reply cap. */
#define VITRINE_SUMMARY_LIST_MAX 200
/* Regenerations known at once (queued, running, or finished and not yet asked about). */
#define VITRINE_SUMMARY_JOBS_MAX 32

typedef struct _VitrineAudioSummaries VitrineAudioSummaries;

VitrineAudioSummaries *vitrine_audio_summaries_new          (const char            *cache_dir);
void                   vitrine_audio_summaries_free         (VitrineAudioSummaries *self);
void                   vitrine_audio_summaries_set_readable (VitrineAudioSummaries *self,
                                                             const char * const    *folders);
GVariant              *vitrine_audio_summaries_list         (VitrineAudioSummaries *self,
                                                             GVariant              *request,
                                                             GError               **error);
GVariant              *vitrine_audio_summaries_regenerate   (VitrineAudioSummaries *self,
                                                             GVariant              *request,
                                                             GError               **error);
GVariant              *vitrine_audio_summaries_status       (VitrineAudioSummaries *self,
                                                             GVariant              *request,
                                                             GError               **error);
GVariant              *vitrine_audio_summaries_forget       (VitrineAudioSummaries *self,
                                                             GVariant              *request,
                                                             GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineAudioSummaries, vitrine_audio_summaries_free)

G_END_DECLS
