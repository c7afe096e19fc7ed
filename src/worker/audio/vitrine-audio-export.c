/* vitrine-audio-export.c: the CSV export of the feature cache (see the header). The
 * tempo map is the tracker's, numbered from its first beat (beat 0) with the bar's
 * downbeat at the tracker's latest downbeat, four beats to the bar.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <math.h>

#include "vitrine-audio-export.h"
#include "vitrine-beat-tracker.h"
#include "vitrine-wav.h"

#define BLOCK 1024

static VitrineTempoMap *
tempo_map (VitrineAudioCache  *cache,
           double              downbeat_s,
           GError            **error)
{
  g_autoptr(GArray) segments = vitrine_audio_cache_dup_tempo_map (cache);
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (VitrineTempoSegmentSeconds));
  g_autoptr(VitrineTempoMap) map = NULL;

  for (guint i = 0; segments != NULL && i < segments->len; i++)
    {
      const VitrineTempoSegment *s = &g_array_index (segments, VitrineTempoSegment, i);
      VitrineTempoSegmentSeconds segment = {
        s->start_s, s->end_s, s->start_bpm, s->end_bpm,
        s->kind == VITRINE_TEMPO_RAMP ? VITRINE_TEMPO_SEGMENT_RAMP : VITRINE_TEMPO_SEGMENT_CONSTANT,
      };

      if (segment.end_s > segment.start_s)
        g_array_append_val (seconds, segment);
    }
  if (seconds->len == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "no steady beat was found");
      return NULL;
    }
  map = vitrine_tempo_map_new_from_seconds ((const VitrineTempoSegmentSeconds *) (void *) seconds->data,
                                            seconds->len, error);
  if (map == NULL)
    return NULL;
  vitrine_tempo_map_set_origin (map, g_array_index (seconds, VitrineTempoSegmentSeconds, 0).start_s, 0);
  /* The downbeat's place in the bar, so that bar 0 holds beat 0. */
  if (downbeat_s > 0)
    vitrine_tempo_map_set_meter (map, 4, fmod (round (vitrine_tempo_map_beat_at_time (map, downbeat_s)), 4));
  return g_steal_pointer (&map);
}

/*
 * The table of @descriptors ("rms,onset,beat") over what @cache holds now, read back from
 * its ring the way the display reads it.
 */
char *
vitrine_audio_cache_export_csv (VitrineAudioCache          *cache,
                                const char                 *descriptors,
                                const VitrineExportOptions *options,
                                GError                    **error)
{
  g_auto(GStrv) ids = g_strsplit (descriptors != NULL ? descriptors : "", ",", -1);
  g_autoptr(VitrineTempoMap) map = NULL;
  g_autofree VitrineFeatureRingFrame *frames = NULL;
  g_autofree VitrineExportDescriptor *columns = NULL;
  g_autofree float *values = NULL;
  VitrineFeatureRingView view;
  VitrineFeatureState state;
  guint n, n_ids = g_strv_length (ids);

  if (n_ids == 0 || !vitrine_audio_cache_get_view (cache, &view) ||
      !vitrine_feature_ring_read_state (&view, &state))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "no descriptors to export");
      return NULL;
    }
  frames = g_new (VitrineFeatureRingFrame, view.capacity);
  n = vitrine_feature_ring_read_recent (&view, view.capacity * view.frame_s, frames, view.capacity);
  columns = g_new0 (VitrineExportDescriptor, n_ids);
  values = g_new (float, (gsize) n * n_ids);
  for (guint d = 0; d < n_ids; d++)
    {
      VitrineFeatureDescriptor descriptor;
      guint value;

      if (!vitrine_feature_descriptor_lookup (ids[d], view.sample_rate, &descriptor) ||
          descriptor.kind == VITRINE_FEATURE_BARS)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "“%s” is not a descriptor the feature cache holds (rms, onset, beat)", ids[d]);
          return NULL;
        }
      value = descriptor.kind == VITRINE_FEATURE_RMS ? VITRINE_FEATURE_VALUE_RMS :
              descriptor.kind == VITRINE_FEATURE_ONSET ? VITRINE_FEATURE_VALUE_ONSET : VITRINE_FEATURE_VALUE_BEAT;
      for (guint i = 0; i < n; i++)
        values[(gsize) d * n + i] = frames[i].values[value];
      columns[d] = (VitrineExportDescriptor) {
        .name = ids[d],
        .series = { values + (gsize) d * n, n, 1, 1, view.frame_s, n > 0 ? frames[0].time : 0 },
      };
    }
  map = tempo_map (cache, state.last_downbeat, error);
  if (map == NULL)
    return NULL;
  return vitrine_tempo_export_csv (map, columns, n_ids, options, error);
}

/*
 * A feature cache fed the whole WAV file at @path in blocks of 1024 frames (the blocks of
 * --beats), every descriptor on and the whole file kept, as the current track
 * @track_id when not NULL (no earlier summary seeds it). No summaries are written.
 * @progress (may be NULL) hears the frames done every 64 blocks; FALSE from it cancels.
 */
VitrineAudioCache *
vitrine_audio_cache_new_for_file (const char            *path,
                                  const char            *track_id,
                                  VitrineFileProgress    progress,
                                  gpointer               progress_data,
                                  GError               **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(VitrineAudioCache) cache = vitrine_audio_cache_new ();
  g_autofree float *block = NULL;
  VitrineWav wav;
  double seconds;

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  if (!vitrine_wav_parse ((const guint8 *) g_mapped_file_get_contents (file),
                          g_mapped_file_get_length (file), &wav, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  seconds = (double) wav.n_frames / wav.sample_rate;
  if (seconds > VITRINE_AUDIO_EXPORT_MAX_S)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %.0f s is longer than the %u s the export takes",
                   path, seconds, VITRINE_AUDIO_EXPORT_MAX_S);
      return NULL;
    }

  /* Offline: no summaries, every descriptor the cache has, the whole file kept. */
  vitrine_audio_cache_set_cache_dir (cache, NULL);
  vitrine_audio_cache_set_rate (cache, wav.sample_rate);
  if (!vitrine_audio_cache_configure (cache, VITRINE_FEATURE_BIT (VITRINE_FEATURE_RMS) |
                                             VITRINE_FEATURE_BIT (VITRINE_FEATURE_ONSET) |
                                             VITRINE_FEATURE_BIT (VITRINE_FEATURE_BEAT),
                                      (guint) ceil (seconds) + 1, error))
    return NULL;
  if (track_id != NULL)
    vitrine_audio_cache_set_track (cache, track_id, 0);
  block = g_new (float, (gsize) BLOCK * wav.channels);
  for (gsize start = 0; start < wav.n_frames; start += BLOCK)
    {
      gsize n = MIN (BLOCK, wav.n_frames - start);

      vitrine_wav_read_float (&wav, start, n, block);
      vitrine_audio_cache_block (cache, block, (guint) n, wav.channels, wav.sample_rate, 0);
      if (progress != NULL && (start / BLOCK) % 64 == 63 && !progress (start + n, wav.n_frames, progress_data))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
          return NULL;
        }
    }
  if (progress != NULL)
    progress (wav.n_frames, wav.n_frames, progress_data);
  return g_steal_pointer (&cache);
}

gboolean
vitrine_audio_worker_export_file (const char                 *path,
                                  const char                 *descriptors,
                                  const VitrineExportOptions *options,
                                  GString                    *out,
                                  GError                    **error)
{
  g_autoptr(VitrineAudioCache) cache = vitrine_audio_cache_new_for_file (path, NULL, NULL, NULL, error);
  g_autofree char *csv = NULL;

  if (cache == NULL)
    return FALSE;
  csv = vitrine_audio_cache_export_csv (cache, descriptors, options, error);
  if (csv == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  g_string_append (out, csv);
  return TRUE;
}
