/* vitrine-tempo-view.h: any descriptor series (frames at a fixed hop) sampled at beat
 * positions or their subdivisions, through a tempo map, with hold, linear or
 * Catmull-Rom interpolation (docs/tempo-map.md §5). It works over a plain array, not a
 * ring, so the live cache and the offline export run the same code and agree bit for bit.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-tempo-map.h"

G_BEGIN_DECLS

#define VITRINE_TEMPO_VIEW_ERROR (vitrine_tempo_view_error_quark ())
#define VITRINE_TEMPO_VIEW_MAX_ROWS (1u << 24)
#define VITRINE_TEMPO_VIEW_MAX_CHANNELS 1024u

typedef enum
{
  VITRINE_TEMPO_VIEW_ERROR_INVALID,      /* a bad series, subdivision or row count */
  VITRINE_TEMPO_VIEW_ERROR_TOO_LARGE,
} VitrineTempoViewError;

typedef enum
{
  VITRINE_INTERP_HOLD,         /* the last frame at or before t */
  VITRINE_INTERP_LINEAR,       /* between the two frames around t */
  VITRINE_INTERP_CATMULL_ROM,  /* uniform Catmull-Rom cubic over the four frames around t */
} VitrineInterp;

/* A descriptor series as a plain array: frame i holds @channels values at data[i·stride]
 * and stands for time start_s + i·hop_s. @stride is in floats (0 means @channels), so one
 * descriptor can be read out of frames that hold several. */
typedef struct
{
  const float *data;
  gsize        n_frames;
  guint        channels;
  guint        stride;
  double       hop_s;
  double       start_s;
} VitrineSeries;

/* Rows at first_beat + k / subdivision for k in [0, n_rows). */
typedef struct
{
  double        first_beat;
  guint         subdivision;  /* rows per beat: 1, 2, 4, … (1 to 64) */
  gsize         n_rows;
  VitrineInterp interp;
} VitrineTempoViewSpec;

/* A sampled view. Row k is at beats[k] and times_s[k]; its channel c is
 * values[k·channels + c], NAN where the series has no frame on both sides of t (hold:
 * before its first frame or after its last). @phase is first_beat's place in its bar
 * (0 ≤ phase < beats_per_bar, 0 on a downbeat) and @bar its bar number, so a plot can
 * draw bar lines without the map. */
typedef struct
{
  VitrineTempoViewSpec spec;
  guint                channels;
  double               first_time_s;
  double               phase;
  double               bar;
  guint                beats_per_bar;
  double              *beats;
  double              *times_s;
  double              *values;
} VitrineTempoView;

GQuark            vitrine_tempo_view_error_quark  (void);

const char       *vitrine_interp_to_string        (VitrineInterp               interp);
gboolean          vitrine_interp_from_string      (const char                 *name,
                                                   VitrineInterp              *interp);

gboolean          vitrine_series_check            (const VitrineSeries        *series,
                                                   GError                    **error);
/* One channel at @time_s (NAN outside the series, see VitrineTempoView). */
double            vitrine_series_sample           (const VitrineSeries        *series,
                                                   double                      time_s,
                                                   VitrineInterp               interp,
                                                   guint                       channel);
/* Every channel at @time_s into out[0 .. channels). */
void              vitrine_series_sample_frame     (const VitrineSeries        *series,
                                                   double                      time_s,
                                                   VitrineInterp               interp,
                                                   double                     *out);

VitrineTempoView *vitrine_tempo_view_new          (const VitrineTempoMap      *map,
                                                   const VitrineSeries        *series,
                                                   const VitrineTempoViewSpec *spec,
                                                   GError                    **error);
void              vitrine_tempo_view_free         (VitrineTempoView           *view);
/* The spec for the last @n_bars whole bars up to @time_s (the bar @time_s is in ends the
 * view), for the Diagnostics plot. */
void              vitrine_tempo_view_spec_last_bars (const VitrineTempoMap    *map,
                                                     double                    time_s,
                                                     guint                     n_bars,
                                                     guint                     subdivision,
                                                     VitrineInterp             interp,
                                                     VitrineTempoViewSpec     *spec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineTempoView, vitrine_tempo_view_free)

G_END_DECLS
