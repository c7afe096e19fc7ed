/* vitrine-audio-export.h: the audio role's offline export (`--export FILE.wav --grid
 * beats|seconds --interp linear|spline|hold --descriptors rms,onset,beat`): the file goes
 * through the live feature cache (VitrineAudioCache) in capture-sized blocks, and the
 * table comes from its ring through the tempo views (docs/tempo-map.md §9), exactly as a
 * consumer of the live ring would read it.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-audio-cache.h"
#include "vitrine-tempo-export.h"

G_BEGIN_DECLS

/* The longest file the export takes: the feature ring's longest history. */
#define VITRINE_AUDIO_EXPORT_MAX_S 3600

char     *vitrine_audio_cache_export_csv   (VitrineAudioCache          *cache,
                                            const char                 *descriptors,
                                            const VitrineExportOptions *options,
                                            GError                    **error);
/* Frames of the file done so far; FALSE cancels. Called on the feeding thread. */
typedef gboolean (*VitrineFileProgress) (guint64  done,
                                         guint64  total,
                                         gpointer user_data);

VitrineAudioCache *vitrine_audio_cache_new_for_file (const char            *path,
                                                     const char            *track_id,
                                                     guint                  bars,
                                                     VitrineFileProgress    progress,
                                                     gpointer               progress_data,
                                                     GError               **error);
gboolean  vitrine_audio_worker_export_file (const char                 *path,
                                            const char                 *descriptors,
                                            const VitrineExportOptions *options,
                                            GString                    *out,
                                            GError                    **error);

G_END_DECLS
