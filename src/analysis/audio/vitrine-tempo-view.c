/* vitrine-tempo-view.c: docs/tempo-map.md §5. Sampling is a pure function of the
 * series' numbers and the time asked for, never of how much of the series exists beyond
 * the four frames it reads, which is why the spline is Catmull-Rom and not a natural
 * spline (whose every value depends on the whole series, so a live ring that grows would
 * change values already drawn and disagree with the export).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-tempo-view.h"

G_DEFINE_QUARK (vitrine-tempo-view-error-quark, vitrine_tempo_view_error)

/* Times within this many frames outside the series still sample its edge frame: a beat
 * time computed through the tempo map may miss the last frame's time by a rounding. */
#define EDGE_SLACK_FRAMES 1e-6

static const char *const interp_names[] = {
  [VITRINE_INTERP_HOLD] = "hold",
  [VITRINE_INTERP_LINEAR] = "linear",
  [VITRINE_INTERP_CATMULL_ROM] = "spline",
};

const char *
vitrine_interp_to_string (VitrineInterp interp)
{
  if ((guint) interp >= G_N_ELEMENTS (interp_names))
    return NULL;
  return interp_names[interp];
}

gboolean
vitrine_interp_from_string (const char    *name,
                            VitrineInterp *interp)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (interp_names); i++)
    if (g_strcmp0 (name, interp_names[i]) == 0)
      {
        *interp = (VitrineInterp) i;
        return TRUE;
      }
  return FALSE;
}

static guint
series_stride (const VitrineSeries *series)
{
  return series->stride != 0 ? series->stride : series->channels;
}

gboolean
vitrine_series_check (const VitrineSeries  *series,
                      GError              **error)
{
  guint stride = series_stride (series);

  if (series->channels == 0 || series->channels > VITRINE_TEMPO_VIEW_MAX_CHANNELS ||
      stride < series->channels)
    {
      g_set_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID,
                   "a descriptor series needs 1 to %u channels within its stride "
                   "(has %u channels, stride %u)", VITRINE_TEMPO_VIEW_MAX_CHANNELS,
                   series->channels, stride);
      return FALSE;
    }
  if (!isfinite (series->hop_s) || series->hop_s <= 0.0 || !isfinite (series->start_s))
    {
      g_set_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID,
                   "a descriptor series needs a positive hop and a finite start "
                   "(hop %g s, start %g s)", series->hop_s, series->start_s);
      return FALSE;
    }
  if (series->n_frames > 0 && series->data == NULL)
    {
      g_set_error_literal (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID,
                           "a descriptor series with frames has no data");
      return FALSE;
    }
  if (series->n_frames > G_MAXSIZE / sizeof (float) / stride)
    {
      g_set_error_literal (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_TOO_LARGE,
                           "a descriptor series is larger than memory");
      return FALSE;
    }
  return TRUE;
}

/* Where @time_s falls: frame *i and the fraction *f toward frame i + 1, or FALSE when the
 * series has no frame there. */
static gboolean
series_position (const VitrineSeries *series,
                 double               time_s,
                 gsize               *i,
                 double              *f)
{
  double last, u;

  if (series->n_frames == 0)
    return FALSE;
  last = (double) (series->n_frames - 1);
  u = (time_s - series->start_s) / series->hop_s;
  if (!(u >= -EDGE_SLACK_FRAMES && u <= last + EDGE_SLACK_FRAMES))
    return FALSE;
  u = CLAMP (u, 0.0, last);
  *i = (gsize) u;
  if (*i >= series->n_frames - 1)
    {
      *i = series->n_frames - 1;
      *f = 0.0;
    }
  else
    *f = u - (double) *i;
  return TRUE;
}

static inline double
frame_value (const VitrineSeries *series,
             gsize                i,
             guint                channel)
{
  return (double) series->data[i * series_stride (series) + channel];
}

/* §5: the uniform Catmull-Rom segment between p1 and p2, past the ends extended by
 * reflecting the neighbouring step (p0 = 2·p1 − p2), so a straight line stays one. */
static double
catmull_rom (const VitrineSeries *series,
             gsize                i,
             double               f,
             guint                channel)
{
  gsize n = series->n_frames;
  double p0, p1, p2, p3;

  if (n == 1 || f == 0.0)
    return frame_value (series, i, channel);

  p1 = frame_value (series, i, channel);
  p2 = frame_value (series, i + 1, channel);
  p0 = i > 0 ? frame_value (series, i - 1, channel) : 2.0 * p1 - p2;
  p3 = i + 2 < n ? frame_value (series, i + 2, channel) : 2.0 * p2 - p1;

  return p1 + 0.5 * f * ((p2 - p0) +
                         f * ((2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3) +
                              f * (3.0 * (p1 - p2) + p3 - p0)));
}

static double
sample_at (const VitrineSeries *series,
           gsize                i,
           double               f,
           VitrineInterp        interp,
           guint                channel)
{
  double a;

  switch (interp)
    {
    case VITRINE_INTERP_HOLD:
      return frame_value (series, i, channel);
    case VITRINE_INTERP_LINEAR:
      a = frame_value (series, i, channel);
      if (f == 0.0)
        return a;
      return a + f * (frame_value (series, i + 1, channel) - a);
    case VITRINE_INTERP_CATMULL_ROM:
      return catmull_rom (series, i, f, channel);
    default:
      return NAN;
    }
}

double
vitrine_series_sample (const VitrineSeries *series,
                       double               time_s,
                       VitrineInterp        interp,
                       guint                channel)
{
  gsize i;
  double f;

  g_return_val_if_fail (channel < series->channels, NAN);

  if (!series_position (series, time_s, &i, &f))
    return NAN;
  return sample_at (series, i, f, interp, channel);
}

void
vitrine_series_sample_frame (const VitrineSeries *series,
                             double               time_s,
                             VitrineInterp        interp,
                             double              *out)
{
  gsize i;
  double f;

  if (!series_position (series, time_s, &i, &f))
    {
      for (guint c = 0; c < series->channels; c++)
        out[c] = NAN;
      return;
    }
  for (guint c = 0; c < series->channels; c++)
    out[c] = sample_at (series, i, f, interp, c);
}

static gboolean
check_spec (const VitrineTempoViewSpec  *spec,
            guint                        channels,
            GError                     **error)
{
  if (spec->subdivision < 1 || spec->subdivision > 64 || !isfinite (spec->first_beat) ||
      vitrine_interp_to_string (spec->interp) == NULL)
    {
      g_set_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID,
                   "a tempo view needs a finite first beat, 1 to 64 rows a beat and a "
                   "known interpolation (first beat %g, subdivision %u, interpolation %d)",
                   spec->first_beat, spec->subdivision, (int) spec->interp);
      return FALSE;
    }
  if (spec->n_rows > VITRINE_TEMPO_VIEW_MAX_ROWS ||
      spec->n_rows > G_MAXSIZE / sizeof (double) / channels)
    {
      g_set_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_TOO_LARGE,
                   "a tempo view holds at most %u rows (asked for %" G_GSIZE_FORMAT ")",
                   VITRINE_TEMPO_VIEW_MAX_ROWS, spec->n_rows);
      return FALSE;
    }
  return TRUE;
}

VitrineTempoView *
vitrine_tempo_view_new (const VitrineTempoMap      *map,
                        const VitrineSeries        *series,
                        const VitrineTempoViewSpec *spec,
                        GError                    **error)
{
  g_autoptr(VitrineTempoView) view = NULL;
  gsize n = spec->n_rows;
  guint channels = series->channels;
  double bpb, phase;

  if (!vitrine_series_check (series, error) || !check_spec (spec, channels, error))
    return NULL;
  if (vitrine_tempo_map_get_n_segments (map) == 0)
    {
      g_set_error_literal (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID,
                           "a tempo view needs a tempo map with at least one segment");
      return NULL;
    }

  view = g_new0 (VitrineTempoView, 1);
  view->spec = *spec;
  view->channels = channels;
  view->beats = g_new (double, MAX (n, 1));
  view->times_s = g_new (double, MAX (n, 1));
  view->values = g_new (double, MAX (n * channels, 1));

  /* Row positions are first + k / subdivision, never a running sum, so a row's beat does
   * not depend on how many rows come before it in this view. */
  for (gsize k = 0; k < n; k++)
    view->beats[k] = spec->first_beat + (double) k / spec->subdivision;
  vitrine_tempo_map_times_at_beats (map, view->beats, view->times_s, n);
  for (gsize k = 0; k < n; k++)
    vitrine_series_sample_frame (series, view->times_s[k], spec->interp,
                                 view->values + k * channels);

  view->first_time_s = vitrine_tempo_map_time_at_beat (map, spec->first_beat);
  view->beats_per_bar = vitrine_tempo_map_get_beats_per_bar (map);
  view->bar = floor (vitrine_tempo_map_bar_at_beat (map, spec->first_beat));
  bpb = view->beats_per_bar;
  phase = spec->first_beat - vitrine_tempo_map_beat_at_bar (map, view->bar);
  view->phase = CLAMP (phase, 0.0, nextafter (bpb, 0.0));
  return g_steal_pointer (&view);
}

void
vitrine_tempo_view_free (VitrineTempoView *view)
{
  if (view == NULL)
    return;
  g_free (view->beats);
  g_free (view->times_s);
  g_free (view->values);
  g_free (view);
}

void
vitrine_tempo_view_spec_last_bars (const VitrineTempoMap *map,
                                   double                 time_s,
                                   guint                  n_bars,
                                   guint                  subdivision,
                                   VitrineInterp          interp,
                                   VitrineTempoViewSpec  *spec)
{
  guint bpb = vitrine_tempo_map_get_beats_per_bar (map);
  double beat = vitrine_tempo_map_beat_at_time (map, time_s);
  double bar = isfinite (beat) ? floor (vitrine_tempo_map_bar_at_beat (map, beat)) : 0.0;

  /* The bar @time_s is in is the last one shown, so the plot ends on the next downbeat. */
  *spec = (VitrineTempoViewSpec) {
    .first_beat = vitrine_tempo_map_beat_at_bar (map, bar + 1.0 - n_bars),
    .subdivision = CLAMP (subdivision, 1, 64),
    .n_rows = (gsize) n_bars * bpb * CLAMP (subdivision, 1, 64),
    .interp = interp,
  };
}
