/* vitrine-compositor-private.h: the compositor's instance struct and the functions its
 * files share: vitrine-compositor.c (images, the transition's course, GL drawing),
 * vitrine-compositor-software.c (group C, GSK nodes), vitrine-compositor-payload.c (the
 * next transition, and its payload from the transition worker),
 * vitrine-compositor-programs.c (its programs, compiled in two steps) and
 * vitrine-compositor-status.c (its part of --status).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <epoxy/gl.h>

#include "vitrine-compositor.h"
#include "vitrine-ken-burns.h"
#include "vitrine-latency.h"
#include "vitrine-programs.h"
#include "vitrine-renderer-session.h"

G_BEGIN_DECLS

typedef struct
{
  char   *id;
  GBytes *pixels;
  guint   width;
  guint   height;
  guint   stride;
  double  duration;
  gint64  start_at;      /* its transition starts no earlier (monotonic µs; 0: when ready) */

  /* Ken Burns: planned when it goes on screen, at shown_at, for motion_seconds. */
  double  motion_seconds;
  gint64  shown_at;
  VitrineKenBurns motion;

  GdkTexture *texture;   /* for drawing without GL, made when first needed */
} VitrineCompositorImage;

#define VITRINE_FRAME_LOG_SIZE 1024

typedef struct
{
  gint64  time[VITRINE_FRAME_LOG_SIZE];       /* the frame clock's frame time, µs */
  float   interval[VITRINE_FRAME_LOG_SIZE];   /* ms since the frame before */
  guint64 total;
} VitrineFrameLog;

struct _VitrineCompositor
{
  GtkGLArea  parent_instance;

  VitrinePrograms programs;
  VitrineRendererSession *session;   /* the group this display follows */

  /* The running transition, chosen from the settings as it starts. */
  GSettings *settings;
  GRand     *rand;
  int        last_type;
  int        next_type;            /* once, for the settings' preview; -1: from the settings */
  VitrineDirection last_direction;
  VitrineTransitionType type;
  VitrineEasing easing;
  VitrineDirection direction;
  int        variant;              /* the type's own parameter (Diffuse: its shape) */
  float      seed;
  gboolean   software;             /* group C: snapshot() draws, no GL */
  GLuint     textures[2];          /* [front, back] after each swap */
  guint      texture_size[2][2];
  guint      max_texture_size;     /* GL_MAX_TEXTURE_SIZE of the context; 0: none yet */
  guint      oversize_images;      /* images refused as too large for it */
  gboolean   has_front;

  VitrineCompositorImage *waiting;    /* handed in, not yet uploading */
  VitrineCompositorImage *uploading;  /* rows going up into the back texture */
  guint      next_row;
  VitrineCompositorImage *front;      /* on screen (the target of a running transition) */
  VitrineCompositorImage *previous;   /* the one before it, kept for its motion while fading */

  gboolean   transitioning;
  gint64     transition_start;
  double     transition_duration;
  gboolean   fade_from_black;
  guint      redraw;               /* ticks still to draw though nothing moves */

  guint      tick_id;
  guint      compile_id;           /* the idle compile of the pending programs */
  VitrineTransitionSet warmed;     /* drawn once offscreen in this context (vitrine-programs-warm.c) */
  guint      watchdog_id;
  guint      watchdog_finishes;

  /* Payloads of the transitions that need one, from the transition worker. */
  VitrineSupervisor *supervisor;
  GCancellable *payload_cancellable;
  GLuint     payload_texture;
  guint      payload_size[2];
  gboolean   payload_pending;
  guint      payload_failures;
  char      *gl_error;
  char      *renderer;

  /* The device size last announced by ::device-size-changed. */
  guint      allocated_width;
  guint      allocated_height;
  /* The device size it will have, until GTK allocates one (vitrine_compositor_set_size_hint). */
  guint      hint_width;
  guint      hint_height;

  /* Figures for --status. */
  gint64     realized_us;          /* when it was first realized (monotonic µs), 0 before */
  guint64    frames;
  guint64    transitions;
  gint64     upload_us_max;        /* the most one frame spent uploading strips */
  gint64     upload_us_total;
  VitrineLatency frame_intervals;  /* ms between frames while animating */
  gint64     last_tick;
  /* Benchmark hook (VITRINE_FRAME_LOG): the last frames' times and intervals, so that
   * `bench frames` can take percentiles over a window of its own. NULL without it. */
  VitrineFrameLog *frame_log;
};

void                 _vitrine_compositor_image_free          (VitrineCompositorImage       *image);
gint64               _vitrine_compositor_frame_time          (VitrineCompositor            *self);
gboolean             _vitrine_compositor_can_draw            (VitrineCompositor            *self);
VitrineTransitionSet _vitrine_compositor_available           (VitrineCompositor            *self);
void                 _vitrine_compositor_ensure_ticking      (VitrineCompositor            *self);
double               _vitrine_compositor_transition_progress (VitrineCompositor            *self);
gboolean             _vitrine_compositor_image_moving        (const VitrineCompositorImage *image);
void                 _vitrine_compositor_image_window        (const VitrineCompositorImage *image,
                                                              gint64                        now,
                                                              float                         window[4]);

/* vitrine-compositor-texture.c */
void                 _vitrine_compositor_read_texture_limit  (VitrineCompositor            *self);
gboolean             _vitrine_compositor_image_fits          (VitrineCompositor            *self,
                                                              VitrineCompositorImage       *image);
gboolean             _vitrine_compositor_upload_step         (VitrineCompositor            *self);

/* vitrine-compositor-software.c */
void                 _vitrine_compositor_snapshot_software   (VitrineCompositor            *self,
                                                              GtkSnapshot                  *snapshot);

/* vitrine-compositor-programs.c */
gboolean             _vitrine_compositor_build_programs      (VitrineCompositor            *self,
                                                              gboolean                      es,
                                                              GError                      **error);
void                 _vitrine_compositor_prepare_transition  (VitrineCompositor            *self);
void                 _vitrine_compositor_compile_later       (VitrineCompositor            *self);
void                 _vitrine_compositor_stop_compiling      (VitrineCompositor            *self);

/* vitrine-compositor-payload.c */
void                 _vitrine_compositor_choose_transition   (VitrineCompositor            *self);

G_END_DECLS
