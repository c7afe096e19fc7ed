/* vitrine-visualizer.h: the visualizer's side in the display process (docs/ARCHITECTURE.md §6):
 * which players play (MPRIS on the session bus), whether the audio worker should capture,
 * the analysis settings and their generation, and the audio ring it maps read-only. The
 * cards on the displays (VitrineVisualizerView) read the ring through it every frame.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vitrine-mpris.h"
#include "vitrine-feature-ring.h"
#include "vitrine-supervisor.h"
#include "vitrine-visualizer-model.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_VISUALIZER (vitrine_visualizer_get_type ())

G_DECLARE_FINAL_TYPE (VitrineVisualizer, vitrine_visualizer, VITRINE, VISUALIZER, GObject)

VitrineVisualizer *vitrine_visualizer_new         (VitrineSupervisor       *supervisor,
                                                   GSettings               *settings);
void               vitrine_visualizer_start       (VitrineVisualizer       *self);
gboolean           vitrine_visualizer_read        (VitrineVisualizer       *self,
                                                   VitrineAudioFrame       *frame);
void               vitrine_visualizer_get_params  (VitrineVisualizer       *self,
                                                   VitrineVisualizerParams *params);
gboolean           vitrine_visualizer_get_playing (VitrineVisualizer       *self);
gboolean           vitrine_visualizer_get_enabled (VitrineVisualizer       *self);
GSettings         *vitrine_visualizer_get_settings (VitrineVisualizer      *self);
VitrineMpris      *vitrine_visualizer_get_mpris   (VitrineVisualizer       *self);
void               vitrine_visualizer_add_status  (VitrineVisualizer       *self,
                                                   JsonBuilder             *builder);
void               vitrine_visualizer_declare     (VitrineVisualizer       *self,
                                                   const char              *consumer,
                                                   const char              *descriptors);
gboolean           vitrine_visualizer_read_beats  (VitrineVisualizer       *self,
                                                   VitrineFeatureState     *state);
double             vitrine_visualizer_beat_pulse  (VitrineVisualizer       *self,
                                                   double                   now);
guint              vitrine_visualizer_read_features (VitrineVisualizer     *self,
                                                   double                   seconds,
                                                   VitrineFeatureRingFrame *frames,
                                                   guint                    max_frames);
guint              vitrine_visualizer_read_bars   (VitrineVisualizer       *self,
                                                   double                   seconds,
                                                   float                   *values,
                                                   guint                    max_frames,
                                                   VitrineFeatureBarsSpan  *span);

GPtrArray         *vitrine_visualizer_dup_intents (VitrineVisualizer      *self);
char              *vitrine_visualizer_dup_track_url (VitrineVisualizer    *self,
                                                   const char              *track_ref);

G_END_DECLS
