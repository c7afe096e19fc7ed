/* vitrine-beat-plot-model.c: the Diagnostics beat plot's rows (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-beat-plot-model.h"

/* The beat map's segments as a tempo map, numbered from the first beat, with the
 * downbeat's place in the bar so that bar lines fall on the tracker's downbeats (as the
 * CSV export numbers them, vitrine-audio-export.c). */
static VitrineTempoMap *
map_from_segments (GArray *segments,
                   double  downbeat_s)
{
  g_autoptr(GArray) seconds = g_array_new (FALSE, FALSE, sizeof (VitrineTempoSegmentSeconds));
  g_autoptr(GError) error = NULL;
  VitrineTempoMap *map;

  for (guint i = 0; i < segments->len; i++)
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
    return NULL;
  map = vitrine_tempo_map_new_from_seconds ((const VitrineTempoSegmentSeconds *) (void *) seconds->data,
                                            seconds->len, &error);
  if (map == NULL)
    {
      g_debug ("beat plot: no tempo map: %s", error->message);
      return NULL;
    }
  vitrine_tempo_map_set_origin (map, g_array_index (seconds, VitrineTempoSegmentSeconds, 0).start_s, 0);
  if (downbeat_s > 0)
    vitrine_tempo_map_set_meter (map, 4, fmod (round (vitrine_tempo_map_beat_at_time (map, downbeat_s)), 4));
  return map;
}

VitrineBeatPlotData *
vitrine_beat_plot_data_new (const double        *beat_times,
                            guint                n_beats,
                            double               downbeat_s,
                            const VitrineSeries *series,
                            double               now_s)
{
  g_autoptr(VitrineBeatPlotData) data = g_new0 (VitrineBeatPlotData, 1);
  g_autoptr(GError) error = NULL;
  VitrineTempoViewSpec spec;
  VitrineBeatMap fit;
  double last = -INFINITY;

  g_return_val_if_fail (beat_times != NULL || n_beats == 0, NULL);
  g_return_val_if_fail (series != NULL && series->channels == VITRINE_BEAT_PLOT_N_CHANNELS, NULL);

  /* Only finite beats after the last one taken: the tracker's map never goes back. */
  vitrine_beat_map_init (&fit);
  for (guint i = 0; i < n_beats; i++)
    if (isfinite (beat_times[i]) && beat_times[i] > last)
      {
        vitrine_beat_map_add (&fit, beat_times[i]);
        last = beat_times[i];
      }
  data->segments = vitrine_beat_map_segments (&fit);
  vitrine_beat_map_clear (&fit);

  data->map = map_from_segments (data->segments, downbeat_s);
  if (data->map == NULL || !isfinite (now_s))
    return NULL;
  vitrine_tempo_view_spec_last_bars (data->map, now_s, VITRINE_BEAT_PLOT_BARS, VITRINE_BEAT_PLOT_SUBDIVISION,
                                     VITRINE_INTERP_LINEAR, &spec);
  data->view = vitrine_tempo_view_new (data->map, series, &spec, &error);
  if (data->view == NULL)
    {
      g_debug ("beat plot: no view: %s", error->message);
      return NULL;
    }
  return g_steal_pointer (&data);
}

/* The series of @frames (oldest first), frames missing from the ring and those of another
 * track as NaN, so that nothing is sampled or drawn through them. */
static float *
series_of (const VitrineFeatureRingFrame *frames,
           guint                          n,
           guint32                        track,
           VitrineSeries                 *series)
{
  guint64 span = frames[n - 1].index - frames[0].index + 1;
  float *values = g_new (float, span * VITRINE_BEAT_PLOT_N_CHANNELS);

  for (guint64 i = 0; i < span * VITRINE_BEAT_PLOT_N_CHANNELS; i++)
    values[i] = NAN;
  for (guint i = 0; i < n; i++)
    if (frames[i].track == track)
      {
        float *out = values + (frames[i].index - frames[0].index) * VITRINE_BEAT_PLOT_N_CHANNELS;

        out[VITRINE_BEAT_PLOT_ONSET] = frames[i].values[VITRINE_FEATURE_VALUE_ONSET];
        out[VITRINE_BEAT_PLOT_RMS] = frames[i].values[VITRINE_FEATURE_VALUE_RMS];
      }
  *series = (VitrineSeries) {
    .data = values, .n_frames = span, .channels = VITRINE_BEAT_PLOT_N_CHANNELS,
    .hop_s = (frames[n - 1].time - frames[0].time) / (double) (span - 1), .start_s = frames[0].time,
  };
  return values;
}

VitrineBeatPlotData *
vitrine_beat_plot_data_new_from_frames (const VitrineFeatureRingFrame *frames,
                                        guint                          n,
                                        guint32                        track,
                                        double                         downbeat_s)
{
  g_autofree double *beats = NULL;
  g_autofree float *values = NULL;
  VitrineSeries series;
  guint n_beats = 0;

  g_return_val_if_fail (frames != NULL || n == 0, NULL);

  /* Frames come in ascending index order; a span that large would be a lying ring. */
  if (n < 2 || frames[n - 1].index <= frames[0].index ||
      frames[n - 1].index - frames[0].index >= VITRINE_FEATURE_RING_MAX_FRAMES ||
      !(frames[n - 1].time > frames[0].time))
    return NULL;
  beats = g_new (double, n);
  for (guint i = 0; i < n; i++)
    if ((frames[i].flags & VITRINE_FEATURE_FRAME_BEAT) != 0 && frames[i].track == track)
      beats[n_beats++] = frames[i].beat_time;
  values = series_of (frames, n, track, &series);
  return vitrine_beat_plot_data_new (beats, n_beats, downbeat_s, &series, frames[n - 1].time);
}

void
vitrine_beat_plot_data_free (VitrineBeatPlotData *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->segments, g_array_unref);
  g_clear_pointer (&data->map, vitrine_tempo_map_unref);
  g_clear_pointer (&data->view, vitrine_tempo_view_free);
  g_free (data);
}
