/* vitrine-spectrum.h: the visualizer's spectrum bars, exactly as docs/spectrum-bars.md
 * states them (§1 to §3, and the ghost envelopes of §4), as pure functions over explicit
 * state. No clock inside: every frame brings its own timestamp, so one audio file
 * gives the same bars on every machine.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_SPECTRUM_MAX_BARS    64
#define VITRINE_SPECTRUM_MAX_FRAME   2048
#define VITRINE_SPECTRUM_SHAPE_POINTS 15

typedef struct
{
  guint    bands;             /* 1 to VITRINE_SPECTRUM_MAX_BARS (15) */
  gboolean recommended;       /* recommended sensitivity (TRUE) */
  double   sensitivity;       /* manual sensitivity, 0.25 to 2.5 (1.0) */
  gboolean dynamic_floor;     /* (TRUE) */
  double   manual_floor;      /* 0.12 to 4.0 (2.1) */
  double   energy_boost;      /* 0.5 to 1.8 (0.85) */
  double   tau;               /* smoothing time constant, from 0.05 s (0.12) */
} VitrineSpectrumSettings;

/* Everything a frame leaves behind for the next; reset by vitrine_spectrum_init(). */
typedef struct
{
  VitrineSpectrumSettings settings;

  /* fft_to_bars (docs/spectrum-bars.md §2) */
  double   prev_raw_bass;
  double   floor_avg;
  double   floor_applied;
  double   last_drop;
  double   drop_acc;
  double   peak_norm;          /* rp */
  float    hist[VITRINE_SPECTRUM_MAX_BARS];
  int      hold[VITRINE_SPECTRUM_MAX_BARS];
  gboolean have_frame;
  double   last_frame_t;

  /* smoothing (docs/spectrum-bars.md §3) */
  float    smoothed[VITRINE_SPECTRUM_MAX_BARS];
  gboolean have_smoothed;
  double   last_smoothed_t;

  /* KissFFT plan for the current frame size */
  gpointer fft;
  guint    fft_size;
} VitrineSpectrum;

void     vitrine_spectrum_settings_init  (VitrineSpectrumSettings       *settings);
void     vitrine_spectrum_init           (VitrineSpectrum               *self,
                                          const VitrineSpectrumSettings *settings);
void     vitrine_spectrum_clear          (VitrineSpectrum               *self);
gboolean vitrine_spectrum_compute        (VitrineSpectrum               *self,
                                          const float                   *samples,
                                          gsize                          n_frames,
                                          guint                          channels,
                                          double                         t,
                                          float                         *raw);
void     vitrine_spectrum_smooth         (VitrineSpectrum               *self,
                                          const float                   *raw,
                                          double                         t,
                                          float                         *smoothed);

void     vitrine_spectrum_ghost          (float                         *peaks,
                                          const float                   *bars,
                                          guint                          bands,
                                          double                         dt,
                                          double                         decay);

/* The steps that tests check on their own. */
void     vitrine_spectrum_band_edges     (guint                          n,
                                          guint                          bands,
                                          int                           *edges);
void     vitrine_spectrum_shape          (guint                          bands,
                                          float                         *shape);
void     vitrine_spectrum_smoothing_alphas (double                       dt,
                                            double                       tau,
                                            double                      *rise,
                                            double                      *decay);
void     vitrine_spectrum_fft_to_bars    (VitrineSpectrum               *self,
                                          const float                   *magnitudes,
                                          guint                          n,
                                          double                         t,
                                          float                         *raw);

G_END_DECLS
