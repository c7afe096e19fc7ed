/* vitrine-cache-revisions.c: the revisions (see the header).
 *
 * The "beats" revision hashes everything that changes a summary's content: the hop and
 * the capture rate it is taken at, the onset bands, the tracker's tempo range, delay,
 * confidence floor and version constant. A new constant here, or a new value of one,
 * makes every summary stale, as it must.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-audio-features.h"
#include "vitrine-beat-tracker.h"
#include "vitrine-cache-revisions.h"

#define REVISION_CHARS 12

static const char *const beats_descriptors[] = { "loudness", "onset_density", "tempo_map", NULL };

char *
vitrine_cache_audio_revision (const char *profile_id)
{
  char hop[G_ASCII_DTOSTR_BUF_SIZE], low[G_ASCII_DTOSTR_BUF_SIZE], high[G_ASCII_DTOSTR_BUF_SIZE];
  char delay[G_ASCII_DTOSTR_BUF_SIZE], floor[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *text = NULL, *hash = NULL;

  if (g_strcmp0 (profile_id, VITRINE_CACHE_BEATS_PROFILE) != 0)
    return NULL;
  text = g_strdup_printf ("beats;hop_s=%s;rate=48000;onset_bands=%d;low_bands=%d;bpm=%s..%s;delay_s=%s;"
                          "min_confidence=%s;tracker=%d",
                          g_ascii_dtostr (hop, sizeof hop, VITRINE_FEATURE_HOP_S),
                          VITRINE_FEATURE_ONSET_BANDS, VITRINE_FEATURE_LOW_BANDS,
                          g_ascii_dtostr (low, sizeof low, VITRINE_BEAT_MIN_BPM),
                          g_ascii_dtostr (high, sizeof high, VITRINE_BEAT_MAX_BPM),
                          g_ascii_dtostr (delay, sizeof delay, VITRINE_BEAT_DELAY_S),
                          g_ascii_dtostr (floor, sizeof floor, VITRINE_BEAT_MIN_CONFIDENCE),
                          VITRINE_BEAT_TRACKER_VERSION);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  return g_strndup (hash, REVISION_CHARS);
}

const char * const *
vitrine_cache_audio_descriptors (const char *profile_id)
{
  if (g_strcmp0 (profile_id, VITRINE_CACHE_BEATS_PROFILE) != 0)
    return NULL;
  return beats_descriptors;
}
