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

/* The monotonic time of the first frame with sound the ring still holds, or 0: where the
 * music began, as the audio worker heard it (tests play into a silent graph). */
static double
first_sound (VitrineVisualizer         *self,
             const VitrineFeatureState *state)
{
  g_autofree VitrineFeatureRingFrame *frames = g_new (VitrineFeatureRingFrame, self->features_view.capacity);
  guint n = vitrine_visualizer_read_features (self, self->features_view.capacity * self->features_view.frame_s,
                                              frames, self->features_view.capacity);

  for (guint i = 0; i < n; i++)
    if (frames[i].values[VITRINE_FEATURE_VALUE_RMS] > 0.01f)
      return frames[i].time + state->clock_offset;
  return 0;
}

/* What the consumers declared, and the tracker's state from the feature ring. */
static void
add_features (VitrineVisualizer *self,
              JsonBuilder       *builder)
{
  VitrineFeatureState state;
  gboolean have = vitrine_visualizer_read_beats (self, &state);

  vitrine_status_begin_object (builder, "features");
  vitrine_status_string (builder, "descriptors", self->sent_descriptors);
  vitrine_status_string (builder, "track", self->sent_track);
  vitrine_status_string (builder, "ring_error", self->features_error);
  vitrine_status_boolean (builder, "ring", self->features != NULL);
  vitrine_status_int (builder, "frames", self->features != NULL ?
                                         (gint64) vitrine_feature_ring_written (&self->features_view) : 0);
  vitrine_status_int (builder, "bar_channels", self->features != NULL ? self->features_view.bars_channels : 0);
  vitrine_status_int (builder, "bar_frames", self->features != NULL ?
                                             (gint64) vitrine_feature_ring_bars_written (&self->features_view) : 0);
  vitrine_status_double (builder, "bpm", have ? state.bpm : 0);
  vitrine_status_double (builder, "confidence", have ? state.confidence : 0);
  vitrine_status_double (builder, "last_beat", have ? state.last_beat : 0);
  vitrine_status_double (builder, "last_downbeat", have ? state.last_downbeat : 0);
  vitrine_status_double (builder, "first_sound", have ? first_sound (self, &state) : 0);
  vitrine_status_end_object (builder);
}

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
  add_features (self, builder);
  vitrine_status_end_object (builder);
}
