/* vitrine-bar-frames.h: the spectrum bars as a descriptor of the feature cache
 * ("spectrum.barsN", docs/ARCHITECTURE.md §6): the visualizer's bars (docs/spectrum-bars.md
 * §1 and §2, before the display's smoothing) on a fixed hop of 1024 samples over a window
 * of 2048, whatever size the blocks come in, so live capture and a file give the same
 * frames. Frame n covers samples [n · hop, n · hop + window) and stands for the window's
 * centre, (n + 1) · hop after the start; its bars are computed at that time. Pure.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-spectrum.h"

G_BEGIN_DECLS

#define VITRINE_BAR_FRAMES_HOP    1024
#define VITRINE_BAR_FRAMES_WINDOW 2048

typedef struct
{
  VitrineSpectrum spectrum;
  guint           rate;
  guint           channels;     /* of the samples in window (0 before the first) */
  float          *window;       /* the latest samples, interleaved, oldest first */
  guint           filled;       /* frames in window */
  guint64         produced;     /* the next frame's index (from 0, or where a caller set it) */
} VitrineBarFrames;

void  vitrine_bar_frames_init      (VitrineBarFrames              *self,
                                    const VitrineSpectrumSettings *settings,
                                    guint                          rate);
void  vitrine_bar_frames_clear     (VitrineBarFrames              *self);
guint vitrine_bar_frames_bands     (const VitrineBarFrames        *self);
double vitrine_bar_frames_frame_s  (guint                          rate);
double vitrine_bar_frames_time     (guint64                        index,
                                    guint                          rate);
guint vitrine_bar_frames_push      (VitrineBarFrames              *self,
                                    const float                   *samples,
                                    gsize                          n_frames,
                                    guint                          channels,
                                    float                         *out,
                                    guint                          max_out);

G_END_DECLS
