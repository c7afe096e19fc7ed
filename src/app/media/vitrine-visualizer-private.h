/* vitrine-visualizer-private.h: the instance struct, shared by the files that split the
 * visualizer by concern: players, the worker and the ring (vitrine-visualizer.c), and its
 * part of --status (vitrine-visualizer-status.c).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-feature-ring.h"
#include "vitrine-visualizer.h"

G_BEGIN_DECLS

struct _VitrineVisualizer
{
  GObject            parent_instance;

  VitrineSupervisor *supervisor;
  GSettings         *settings;
  GCancellable      *cancellable;
  VitrineMpris      *mpris;         /* the players, shared with the now playing cards */

  gboolean           started;       /* vitrine_visualizer_start() ran */
  gboolean           active;        /* what was last asked of the worker */
  gboolean           sent_once;
  guint64            generation;
  GBytes            *ring;
  char              *capture_state;
  char              *capture_error;
  char              *ring_error;    /* why the last ring was refused, or NULL */
  guint64            frames;
  guint              poll_id;       /* while capturing: is there sound for resting cards? */
  gboolean           sound;

  /* The features consumers declared (vitrine-visualizer-features.c). */
  GHashTable        *declared;      /* consumer → its descriptors, "a,b,c" */
  char              *sent_descriptors;
  char              *sent_track;
  char              *intents_key;   /* what its last intents said, for "intents-changed" */
  GBytes            *features;
  VitrineFeatureRingView features_view;
  char              *features_error;
  GSettings         *workers_settings;
  GSettings         *accessibility;
  guint              history;       /* workers/audio-feature-history, seconds */

  /* What the cards read every frame, kept up to date from the settings. */
  gboolean           enabled;
  VitrineVisualizerParams params;
};


gboolean _vitrine_visualizer_frame_has_sound (VitrineVisualizer       *self,
                                              const VitrineAudioFrame *frame);
char    *_vitrine_visualizer_descriptors     (VitrineVisualizer       *self,
                                              gboolean                 card);
const char *_vitrine_visualizer_track        (VitrineVisualizer       *self,
                                              double                  *bpm);
void     _vitrine_visualizer_map_features    (VitrineVisualizer       *self,
                                              GVariant                *reply,
                                              GUnixFDList             *fds);
gboolean _vitrine_visualizer_card_shown      (VitrineVisualizer       *self);
void     _vitrine_visualizer_check_intents   (VitrineVisualizer       *self);
void     _vitrine_visualizer_send            (VitrineVisualizer       *self,
                                              gboolean                 reconfigure);

G_END_DECLS
