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
#include "vitrine-bar-frames.h"
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

/* The bars' column names: "spectrum.bars15.bar01" … "spectrum.bars15.bar15", from the
 * card's left. The bars are the card's layout, not frequency bands: the centre follows
 * the mids, the bars two and three from it the bass, the outer ones the treble
 * (docs/spectrum-bars.md §2, steps 12 and 13). */
static char **
bar_column_names (const char *id,
                  guint       bands)
{
  char **names = g_new0 (char *, bands + 1);

  for (guint b = 0; b < bands; b++)
    names[b] = g_strdup_printf ("%s.bar%02u", id, b + 1);
  return names;
}

/* A cached descriptor's series into @column, its values copied into @values (freed by
 * the caller): a hop feature out of @frames, or the bars out of the ring's own section. */
static gboolean
column_of (const VitrineFeatureRingView   *view,
           const char                     *id,
           const VitrineFeatureRingFrame  *frames,
           guint                           n,
           VitrineExportDescriptor        *column,
           float                         **values,
           char                         ***names,
           GError                        **error)
{
  VitrineFeatureDescriptor descriptor;
  guint value;

  if (vitrine_feature_descriptor_lookup (id, view->sample_rate, &descriptor) &&
      descriptor.kind == VITRINE_FEATURE_BARS && descriptor.channels != view->bars_channels)
    {
      if (view->bars_channels > 0)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     "“%s”: the feature cache holds one bar count at a time, here spectrum.bars%u", id,
                     view->bars_channels);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "“%s”: the feature cache holds no bars", id);
      return FALSE;
    }
  if (!vitrine_feature_descriptor_lookup (id, view->sample_rate, &descriptor))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "“%s” is not a descriptor the feature cache holds (rms, onset, beat, spectrum.barsN)", id);
      return FALSE;
    }
  if (descriptor.kind == VITRINE_FEATURE_BARS)
    {
      guint max = view->bars_capacity;
      VitrineFeatureBarsSpan bars;

      *values = g_new (float, (gsize) max * view->bars_channels);
      vitrine_feature_ring_read_bars_recent (view, max * view->bars_frame_s, 0, *values, max, &bars);
      *names = bar_column_names (id, bars.channels);
      *column = (VitrineExportDescriptor) {
        .name = id, .series = { *values, bars.n_frames, bars.channels, 0, bars.frame_s, bars.start_s },
        .channel_names = (const char *const *) *names,
      };
      return TRUE;
    }
  value = descriptor.kind == VITRINE_FEATURE_RMS ? VITRINE_FEATURE_VALUE_RMS :
          descriptor.kind == VITRINE_FEATURE_ONSET ? VITRINE_FEATURE_VALUE_ONSET : VITRINE_FEATURE_VALUE_BEAT;
  *values = g_new (float, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    (*values)[i] = frames[i].values[value];
  *column = (VitrineExportDescriptor) {
    .name = id, .series = { *values, n, 1, 1, view->frame_s, n > 0 ? frames[0].time : 0 },
  };
  return TRUE;
}

/*
 * The table of @descriptors ("rms,onset,beat,spectrum.bars15") over what @cache holds
 * now, read back from its ring the way the display reads it.
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
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) owned_names = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
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
  for (guint d = 0; d < n_ids; d++)
    {
      float *values = NULL;
      char **names = NULL;

      if (!column_of (&view, ids[d], frames, n, &columns[d], &values, &names, error))
        return NULL;
      g_ptr_array_add (owned, values);
      if (names != NULL)
        g_ptr_array_add (owned_names, names);
    }
  map = tempo_map (cache, state.last_downbeat, error);
  if (map == NULL)
    return NULL;
  return vitrine_tempo_export_csv (map, columns, n_ids, options, error);
}

/*
 * A feature cache fed the whole WAV file at @path in blocks of 1024 frames (the blocks of
 * --beats), every hop descriptor on, and the spectrum bars in @bars bands unless 0, with
 * the bars' default settings, the whole file kept, as the current track
 * @track_id when not NULL (no earlier summary seeds it). No summaries are written.
 * @progress (may be NULL) hears the frames done every 64 blocks; FALSE from it cancels.
 */
VitrineAudioCache *
vitrine_audio_cache_new_for_file (const char            *path,
                                  const char            *track_id,
                                  guint                  bars,
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
                                             VITRINE_FEATURE_BIT (VITRINE_FEATURE_BEAT) |
                                             (bars > 0 ? VITRINE_FEATURE_BIT (VITRINE_FEATURE_BARS) : 0),
                                      bars, (guint) ceil (seconds) + 1, error))
    return NULL;
  if (track_id != NULL)
    vitrine_audio_cache_set_track (cache, track_id, 0);
  block = g_new (float, (gsize) BLOCK * wav.channels);
  for (gsize start = 0; start < wav.n_frames; start += BLOCK)
    {
      gsize n = MIN (BLOCK, wav.n_frames - start);

      vitrine_wav_read_float (&wav, start, n, block);
      vitrine_audio_cache_block (cache, block, (guint) n, wav.channels, wav.sample_rate, NULL);
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
  g_autoptr(VitrineAudioCache) cache = NULL;
  g_autofree char *csv = NULL;
  VitrineFeatureMask mask;
  guint bars = 0;

  /* The bars cost an FFT a hop: only when asked for. */
  if (!vitrine_feature_mask_parse (descriptors, &mask, &bars, error))
    return FALSE;
  cache = vitrine_audio_cache_new_for_file (path, NULL, (mask & VITRINE_FEATURE_BIT (VITRINE_FEATURE_BARS)) ? bars : 0,
                                            NULL, NULL, error);
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
