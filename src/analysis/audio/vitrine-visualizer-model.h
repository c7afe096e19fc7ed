/* vitrine-visualizer-model.h: what the visualizer card shows at each frame
 * (docs/ARCHITECTURE.md §6): the bars and ghost peaks to draw, how many segments are lit, and how visible the
 * card is, from the newest audio frame, the player state and the time. Pure, with the
 * time passed in, so the gating is tested exactly.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-audio-ring.h"
#include "vitrine-enums.h"

G_BEGIN_DECLS

#define VITRINE_VISUALIZER_SEGMENTS 18
/* Seconds for the card to fade fully in or out. */
#define VITRINE_VISUALIZER_FADE 0.4

typedef struct
{
  VitrineVisualizerShowWhen show_when;
  double                    tau;           /* smoothing time constant: the decay follows it */
  double                    ghost_decay;   /* bar heights per second */
  guint64                   generation;    /* frames of other generations are ignored */
} VitrineVisualizerParams;

typedef struct
{
  guint  bar_count;
  float  bars[VITRINE_AUDIO_MAX_BARS];
  float  peaks[VITRINE_AUDIO_MAX_BARS];
  double opacity;                          /* 0 hidden … 1 shown */
  double last_t;
  guint64 last_frame;                      /* the newest frame drawn */
} VitrineVisualizerModel;

void     vitrine_visualizer_model_init    (VitrineVisualizerModel         *model,
                                           guint                           bar_count);
void     vitrine_visualizer_model_update  (VitrineVisualizerModel         *model,
                                           const VitrineVisualizerParams  *params,
                                           const VitrineAudioFrame        *frame,
                                           gboolean                        playing,
                                           double                          now);
gboolean vitrine_visualizer_model_wants   (const VitrineVisualizerModel   *model,
                                           const VitrineVisualizerParams  *params,
                                           const VitrineAudioFrame        *frame,
                                           gboolean                        playing,
                                           double                          now);
guint    vitrine_visualizer_lit_segments  (float                           value);

G_END_DECLS
