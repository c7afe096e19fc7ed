/* vitrine-audio-beats.c: the audio role's offline beat tracking (`--beats FILE.wav`):
 * the file's samples go through vitrine_beat_tracker_feed() in blocks of 1024 frames, as
 * capture delivers them live, and the beats, downbeats and tempo map come out as JSON:
 *
 *   {"beats": [s…], "downbeats": [s…], "tempo_map": [{"start_s", "end_s", "start_bpm",
 *    "end_bpm", "kind": "constant"|"ramp"}…]}
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-audio-worker.h"
#include "vitrine-beat-tracker.h"
#include "vitrine-wav.h"

#define BLOCK 1024

static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.4f", value));
}

static void
append_times (GString     *out,
              const char  *name,
              GArray      *beats,
              gboolean     downbeats_only)
{
  gboolean first = TRUE;

  g_string_append_printf (out, "\"%s\": [", name);
  for (guint i = 0; i < beats->len; i++)
    {
      const VitrineBeat *beat = &g_array_index (beats, VitrineBeat, i);

      if (downbeats_only && !beat->downbeat)
        continue;
      if (!first)
        g_string_append (out, ", ");
      append_number (out, beat->time);
      first = FALSE;
    }
  g_string_append (out, "]");
}

static void
append_tempo_map (GString *out,
                  GArray  *segments)
{
  g_string_append (out, "\"tempo_map\": [");
  for (guint i = 0; i < segments->len; i++)
    {
      const VitrineTempoSegment *segment = &g_array_index (segments, VitrineTempoSegment, i);

      g_string_append (out, i > 0 ? ", {\"start_s\": " : "{\"start_s\": ");
      append_number (out, segment->start_s);
      g_string_append (out, ", \"end_s\": ");
      append_number (out, segment->end_s);
      g_string_append (out, ", \"start_bpm\": ");
      append_number (out, segment->start_bpm);
      g_string_append (out, ", \"end_bpm\": ");
      append_number (out, segment->end_bpm);
      g_string_append_printf (out, ", \"kind\": \"%s\"}", vitrine_tempo_kind_to_string (segment->kind));
    }
  g_string_append (out, "]");
}

gboolean
vitrine_audio_worker_beats_file (const char  *path,
                                 GString     *out,
                                 GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(VitrineBeatTracker) tracker = NULL;
  g_autoptr(GArray) beats = g_array_new (FALSE, FALSE, sizeof (VitrineBeat));
  g_autoptr(GArray) segments = NULL;
  g_autofree float *block = NULL;
  VitrineFeatures features;
  VitrineWav wav;

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return FALSE;
  if (!vitrine_wav_parse ((const guint8 *) g_mapped_file_get_contents (file),
                          g_mapped_file_get_length (file), &wav, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }

  vitrine_features_init (&features, wav.sample_rate);
  tracker = vitrine_beat_tracker_new ((double) features.hop / features.sample_rate);
  block = g_new (float, (gsize) BLOCK * wav.channels);
  for (gsize start = 0; start < wav.n_frames; start += BLOCK)
    {
      gsize n = MIN (BLOCK, wav.n_frames - start);

      vitrine_wav_read_float (&wav, start, n, block);
      vitrine_beat_tracker_feed (tracker, &features, block, n, wav.channels,
                                 (double) start / wav.sample_rate, NULL, beats);
    }
  vitrine_features_clear (&features);

  segments = vitrine_beat_map_segments (vitrine_beat_tracker_map (tracker));
  g_string_append (out, "{");
  append_times (out, "beats", beats, FALSE);
  g_string_append (out, ", ");
  append_times (out, "downbeats", beats, TRUE);
  g_string_append (out, ", ");
  append_tempo_map (out, segments);
  g_string_append (out, "}\n");
  return TRUE;
}
