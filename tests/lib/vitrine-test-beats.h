/* vitrine-test-beats.h: generated music with known beats, for the tracker's tests and
 * the beats benchmark: clicks or a drum kit (kick, snare, swung hi-hats) at a constant,
 * stepped or ramped tempo, with silent gaps and noise. Deterministic for a seed.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VT_BEATS_CLICKS,
  VT_BEATS_DRUMS,
} VtBeatsSound;

typedef struct
{
  VtBeatsSound sound;
  guint        sample_rate;
  double       seconds;
  double       bpm;           /* the tempo at the start */
  double       step_at;       /* seconds: the tempo becomes step_bpm at the next beat (0: never) */
  double       step_bpm;
  double       ramp_from;     /* seconds: a ramp to ramp_bpm over ramp_beats beats (0: none) */
  double       ramp_bpm;
  guint        ramp_beats;
  double       swing;         /* the off-beat eighth at 0.5 (straight) … 0.75 of the beat */
  double       gap_from;      /* seconds: silence from here … (gap_to > gap_from) */
  double       gap_to;
  double       noise;         /* white noise amplitude (the kick peaks at 0.8) */
  guint32      seed;
} VtBeatsSpec;

typedef struct
{
  float  *samples;            /* mono */
  gsize   n_samples;
  GArray *beats;              /* of double: every beat that sounds */
  GArray *downbeats;
  double  end_bpm;            /* the tempo at the end */
} VtBeatsSignal;

void   vt_beats_spec_init      (VtBeatsSpec          *spec);
void   vt_beats_generate       (const VtBeatsSpec    *spec,
                                VtBeatsSignal        *signal);
void   vt_beats_signal_clear   (VtBeatsSignal        *signal);
double vt_beats_f_measure      (const double         *reference,
                                guint                 n_reference,
                                const double         *estimated,
                                guint                 n_estimated,
                                double                tolerance,
                                double                skip_s);

G_END_DECLS
