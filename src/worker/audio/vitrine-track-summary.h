/* vitrine-track-summary.h: what the audio worker remembers about a track between runs
 * (docs/ARCHITECTURE.md §6 and §10): its tempo map, loudness and onset density, in
 * $XDG_CACHE_HOME/vitrine/tracks/<sha256 of the track id>.json with a schema version.
 * A known older version is migrated on read, an unknown (newer) one ignored and left as
 * it is, a corrupt one reported so the next save replaces it; nothing in a file can
 * crash the process.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-beat-map.h"

G_BEGIN_DECLS

#define VITRINE_TRACK_SUMMARY_SCHEMA 2
/* Files larger than this are corrupt by definition. */
#define VITRINE_TRACK_SUMMARY_MAX_BYTES (256 * 1024)
#define VITRINE_TRACK_SUMMARY_MAX_SEGMENTS 1024
#define VITRINE_TRACK_SUMMARY_MAX_DESCRIPTORS 16

typedef enum
{
  VITRINE_TRACK_SUMMARY_LOADED,
  VITRINE_TRACK_SUMMARY_MIGRATED,    /* an older schema, read and converted */
  VITRINE_TRACK_SUMMARY_MISSING,
  VITRINE_TRACK_SUMMARY_UNKNOWN,     /* a schema this build does not know: left alone */
  VITRINE_TRACK_SUMMARY_CORRUPT,     /* not JSON, wrong types, out of range: replaced on save */
} VitrineTrackSummaryResult;

typedef struct
{
  char   *track_id;
  double  duration_s;                /* seconds of the track heard */
  double  loudness_dbfs;             /* mean RMS in dBFS */
  double  onset_density;             /* onsets per second, or -1 unknown */
  double  bpm;                       /* the main tempo, 0 none */
  GArray *tempo_map;                 /* of VitrineTempoSegment */
  /* What the cache manager lists (docs/caches.md); optional members of schema 2, absent
   * (NULL, 0) in files written before them. */
  char   *revision;                  /* the profile revision it was made with */
  GStrv   descriptors;               /* what it holds: "loudness", "onset_density", "tempo_map" */
  char   *url;                       /* the track's xesam:url, when known */
  gint64  analysed_unix;             /* when it was made, Unix seconds; 0 unknown */
} VitrineTrackSummary;

void                      vitrine_track_summary_init    (VitrineTrackSummary       *summary);
void                      vitrine_track_summary_clear   (VitrineTrackSummary       *summary);
char                     *vitrine_track_summary_path    (const char                *cache_dir,
                                                         const char                *track_id);
VitrineTrackSummaryResult vitrine_track_summary_load    (const char                *path,
                                                         VitrineTrackSummary       *summary,
                                                         GError                   **error);
gboolean                  vitrine_track_summary_save    (const char                *path,
                                                         const VitrineTrackSummary *summary,
                                                         GError                   **error);
char                     *vitrine_track_summary_to_json (const VitrineTrackSummary *summary);
const char               *vitrine_track_summary_result_to_string (VitrineTrackSummaryResult result);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VitrineTrackSummary, vitrine_track_summary_clear)

G_END_DECLS
