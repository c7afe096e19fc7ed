/* vitrine-audio-summaries.h: the audio role's track summaries as a cache (docs/caches.md,
 * docs/ARCHITECTURE.md §2): listed page by page, made again offline from a track's WAV
 * file, forgotten. Blocking: request threads only.
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

GVariant *vitrine_audio_summaries_list       (const char          *cache_dir,
                                              GVariant            *request,
                                              GError             **error);
GVariant *vitrine_audio_summaries_regenerate (const char          *cache_dir,
                                              const char * const  *readable,
                                              GVariant            *request,
                                              GError             **error);
GVariant *vitrine_audio_summaries_forget     (const char          *cache_dir,
                                              GVariant            *request,
                                              GError             **error);

G_END_DECLS
