/* vitrine-visualizer-status.c: the visualizer's part of `vitrine --status`: players, what
 * was asked of the audio worker and what it answered, and the newest frame in the ring.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-status.h"
#include "vitrine-visualizer-private.h"

/* Adds the member "visualizer" to the object @builder is in. */
void
vitrine_visualizer_add_status (VitrineVisualizer *self,
                               JsonBuilder       *builder)
{
  VitrineAudioFrame frame;
  gboolean have;

  g_return_if_fail (VITRINE_IS_VISUALIZER (self));

  have = vitrine_visualizer_read (self, &frame);
  vitrine_status_begin_object (builder, "visualizer");
  vitrine_status_boolean (builder, "enabled", vitrine_visualizer_get_enabled (self));
  vitrine_status_int (builder, "players", vitrine_mpris_get_n_players (self->mpris));
  vitrine_status_boolean (builder, "playing", vitrine_visualizer_get_playing (self));
  vitrine_status_boolean (builder, "capturing_wanted", self->active);
  vitrine_status_string (builder, "capture", self->capture_state);
  vitrine_status_string (builder, "capture_error", self->capture_error);
  vitrine_status_string (builder, "ring_error", self->ring_error);
  vitrine_status_int (builder, "generation", (gint64) self->generation);
  vitrine_status_int (builder, "latest_frame", have ? (gint64) frame.frame : -1);
  vitrine_status_boolean (builder, "sound", have && _vitrine_visualizer_frame_has_sound (self, &frame));
  vitrine_status_end_object (builder);
}
