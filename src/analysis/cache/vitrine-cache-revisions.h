/* vitrine-cache-revisions.h: the profile revisions of the feed mirror and of the audio
 * track summaries (docs/caches.md), known alike to the display, which wants them, and to
 * the workers, which write them into what they cache. A revision changes exactly when
 * what it makes would come out different; an entry made with another one is stale.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The feed mirror's one profile, and its format: a file's name, the folder's index and
 * the signature probe that let it in. */
#define VITRINE_CACHE_MIRROR_PROFILE   "mirror"
#define VITRINE_CACHE_MIRROR_REVISION  "mirror-1"

/* The track summaries' profile: the beat analysis of a whole track. */
#define VITRINE_CACHE_BEATS_PROFILE    "beats"

/* A revision of @profile_id's analysis, hex; NULL for a profile that does not exist. */
char               *vitrine_cache_audio_revision    (const char *profile_id);
/* The descriptors a summary of @profile_id holds ("loudness", "onset_density",
 * "tempo_map"), sorted; NULL for a profile that does not exist. */
const char * const *vitrine_cache_audio_descriptors (const char *profile_id);

G_END_DECLS
