/* vitrine-visualizer-private.h: the instance struct, shared by the files that split the
 * visualizer by concern: players, the worker and the ring (vitrine-visualizer.c), and its
 * part of --status (vitrine-visualizer-status.c).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-visualizer.h"

G_BEGIN_DECLS

struct _VitrineVisualizer
{
  GObject            parent_instance;

  VitrineSupervisor *supervisor;
  GSettings         *settings;
  GCancellable      *cancellable;
  VitrineMpris      *mpris;         /* the players, shared with the now playing cards */
  gboolean           started;

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

  /* What the cards read every frame, kept up to date from the settings. */
  gboolean           enabled;
  VitrineVisualizerParams params;
};


gboolean _vitrine_visualizer_frame_has_sound (VitrineVisualizer       *self,
                                              const VitrineAudioFrame *frame);

G_END_DECLS
