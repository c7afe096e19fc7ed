/* vitrine-compositor-status.c: a display's compositor in `vitrine --status`: what it runs
 * on, the image and transition on screen, Ken Burns' window, and its figures.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-compositor-private.h"
#include "vitrine-status.h"
#include "vitrine-transition.h"

/* The group this display draws in, "none" while it cannot draw at all (not realized). A
 * display follows the session, but the session's state is under "application". */
static const char *
display_group (VitrineCompositor *self)
{
  VitrineRendererGroup group = VITRINE_RENDERER_GROUP_A;

  if (!_vitrine_compositor_can_draw (self))
    return "none";
  if (self->software)
    group = VITRINE_RENDERER_GROUP_C;
  else if (self->programs.demotion != NULL)
    group = VITRINE_RENDERER_GROUP_B;
  return vitrine_renderer_group_to_string (group);
}

/* The visible part of the texture now, or null when the image stands still. */
static void
add_ken_burns (VitrineCompositor *self,
               JsonBuilder       *builder)
{
  float window[4];

  if (!_vitrine_compositor_image_moving (self->front))
    {
      vitrine_status_null (builder, "ken_burns");
      return;
    }
  _vitrine_compositor_image_window (self->front, g_get_monotonic_time (), window);
  vitrine_status_begin_array (builder, "ken_burns");
  for (guint i = 0; i < 4; i++)
    vitrine_status_double (builder, NULL, window[i]);
  vitrine_status_end_array (builder);
}

/* VITRINE_FRAME_LOG only: [frame time in µs, ms since the frame before] for the last
 * frames while animating, oldest first. */
static void
add_frame_log (VitrineCompositor *self,
               JsonBuilder       *builder)
{
  const VitrineFrameLog *log = self->frame_log;
  guint64 first;

  if (log == NULL)
    return;
  first = log->total > VITRINE_FRAME_LOG_SIZE ? log->total - VITRINE_FRAME_LOG_SIZE : 0;
  vitrine_status_begin_array (builder, "frame_log");
  for (guint64 n = first; n < log->total; n++)
    {
      vitrine_status_begin_array (builder, NULL);
      vitrine_status_int (builder, NULL, log->time[n % VITRINE_FRAME_LOG_SIZE]);
      vitrine_status_double (builder, NULL, log->interval[n % VITRINE_FRAME_LOG_SIZE]);
      vitrine_status_end_array (builder);
    }
  vitrine_status_end_array (builder);
}

/* How many types @set has. */
static guint
count_types (VitrineTransitionSet set)
{
  guint count = 0;

  for (guint i = 0; i < VITRINE_TRANSITION_TYPE_COUNT; i++)
    if (set & VITRINE_TRANSITION_SET_FROM_TYPE (i))
      count++;
  return count;
}

/* The pixels the compositor holds (waiting, uploading, on screen, the one before): the
 * image cache may have let them go, so they count on top of its budget. */
static gint64
held_bytes (VitrineCompositor *self)
{
  VitrineCompositorImage *images[] = { self->waiting, self->uploading, self->front, self->previous };
  gint64 bytes = 0;

  for (guint i = 0; i < G_N_ELEMENTS (images); i++)
    if (images[i] != NULL)
      bytes += g_bytes_get_size (images[i]->pixels);
  return bytes;
}

void
vitrine_compositor_add_status (VitrineCompositor *self,
                               JsonBuilder       *builder)
{
  VitrineLatencySummary frames;

  g_return_if_fail (VITRINE_IS_COMPOSITOR (self));

  vitrine_status_begin_object (builder, "compositor");
  vitrine_status_string (builder, "renderer", self->renderer);
  vitrine_status_string (builder, "gl_error", self->gl_error);
  vitrine_status_string (builder, "current", vitrine_compositor_get_current (self));
  vitrine_status_string (builder, "transition", vitrine_transition_name (self->type));
  vitrine_status_string (builder, "renderer_group", display_group (self));
  vitrine_status_int (builder, "image_width", self->front != NULL ? self->front->width : 0);
  vitrine_status_int (builder, "image_height", self->front != NULL ? self->front->height : 0);
  add_ken_burns (self, builder);
  vitrine_status_int (builder, "payload_failures", self->payload_failures);
  /* Transition programs still to compile after the first photo (vitrine-compositor-programs.c). */
  vitrine_status_int (builder, "programs_pending", count_types (self->programs.pending));
  /* Of the compiled ones, how many there are and how many were drawn once offscreen. */
  vitrine_status_int (builder, "programs_available", count_types (vitrine_programs_available (&self->programs)));
  vitrine_status_int (builder, "programs_warmed", count_types (self->warmed & vitrine_programs_available (&self->programs)));
  vitrine_status_int (builder, "max_texture_size", self->max_texture_size);
  vitrine_status_int (builder, "oversize_images", self->oversize_images);
  vitrine_status_int (builder, "watchdog_finishes", self->watchdog_finishes);
  vitrine_status_boolean (builder, "busy", vitrine_compositor_get_busy (self));
  vitrine_status_int (builder, "frames", (gint64) self->frames);
  vitrine_status_int (builder, "transitions", (gint64) self->transitions);
  /* When the display was first realized (monotonic µs; its GL context is made then). */
  vitrine_status_int (builder, "realized_us", self->realized_us);
  /* When the latest transition began (the frame clock's monotonic µs), 0 before any. */
  vitrine_status_int (builder, "transition_start_us", self->has_front ? self->transition_start : 0);
  vitrine_status_double (builder, "upload_ms_max_per_frame", self->upload_us_max / 1000.0);
  vitrine_status_double (builder, "upload_ms_total", self->upload_us_total / 1000.0);
  vitrine_status_int (builder, "held_bytes", held_bytes (self));

  vitrine_latency_summarize (&self->frame_intervals, &frames);
  vitrine_status_summary (builder, "frame_interval_ms", &frames);
  add_frame_log (self, builder);
  vitrine_status_end_object (builder);
}
