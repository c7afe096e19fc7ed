/* vitrine-compositor.c: images on screen and the transitions between them, drawn with GL
 * (see the header).
 *
 * Two textures: "front" is on screen, "back" receives the next image. An image handed to
 * show() waits until any running transition ends; then its transition is chosen (and its
 * payload asked for, if it needs one: vitrine-compositor-payload.c) and its rows go up in
 * strips within a per-frame time budget. When the last strip is up and the payload is
 * there, the transition starts at that frame's time and ends exactly on the new image,
 * which then becomes the front. Only the newest waiting image is kept. Until the first
 * image is up nothing is drawn but black, and the first image fades in from black. The
 * programs are vitrine-programs.c's.
 *
 * The renderer group is the session's (VitrineRendererSession), shared by every display
 * (docs/ARCHITECTURE.md §7): A all programs, B only Crossfade, Slide and Wipe, C no GL at
 * all, the same three drawn with GSK nodes in snapshot() (vitrine-compositor-software.c).
 * A failed program, a GL error or a lost context demotes the session, and every display
 * follows its notify::group at once; a running transition then ends on the new image.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-compositor-private.h"
#include "vitrine-supervisor.h"
#include "vitrine-transition.h"

/* How late a timed transition may begin and still run on its start time's clock. */
#define START_AT_SLACK_US (100 * 1000)

G_DEFINE_FINAL_TYPE (VitrineCompositor, vitrine_compositor, GTK_TYPE_GL_AREA)

enum {
  PROP_0,
  PROP_CURRENT,
  PROP_HAS_IMAGE,
  PROP_RENDERER_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DEVICE_SIZE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_vitrine_compositor_image_free (VitrineCompositorImage *image)
{
  if (image == NULL)
    return;
  g_free (image->id);
  g_bytes_unref (image->pixels);
  g_clear_object (&image->texture);
  g_free (image);
}

GtkWidget *
vitrine_compositor_new (void)
{
  return g_object_new (VITRINE_TYPE_COMPOSITOR, NULL);
}

gboolean
_vitrine_compositor_image_moving (const VitrineCompositorImage *image)
{
  return image != NULL && vitrine_ken_burns_moving (&image->motion);
}

/* Where the session is: every display draws in its group. */
static VitrineRendererGroup
session_group (VitrineCompositor *self)
{
  return vitrine_renderer_session_get_group (self->session);
}

static gboolean
gl_ready (VitrineCompositor *self)
{
  return !self->software && vitrine_programs_ready (&self->programs);
}

/* Whether images can go on screen: GL is ready, or the display draws without it. */
gboolean
_vitrine_compositor_can_draw (VitrineCompositor *self)
{
  return self->software || gl_ready (self);
}

/* The transitions this display can draw now. */
VitrineTransitionSet
_vitrine_compositor_available (VitrineCompositor *self)
{
  return self->software ? VITRINE_PROGRAMS_SIMPLE_SET : vitrine_programs_available (&self->programs);
}

static void start_transition (VitrineCompositor *self);

/* The interval since the frame before, while frames follow each other; @now 0: this tick
 * draws nothing, and the next drawn frame starts a new run. */
static void
count_frame (VitrineCompositor *self,
             gint64             now)
{
  if (now != 0 && self->last_tick != 0)
    {
      vitrine_latency_add (&self->frame_intervals, (now - self->last_tick) / 1000.0);
      if (self->frame_log != NULL)
        {
          guint i = self->frame_log->total++ % VITRINE_FRAME_LOG_SIZE;

          self->frame_log->time[i] = now;
          self->frame_log->interval[i] = (now - self->last_tick) / 1000.0f;
        }
    }
  self->last_tick = now;
}

/*
 * Each frame, before painting: the next strips of a waiting image go up (so the upload is
 * part of the frame's update, not of its drawing), then the frame is drawn when the
 * picture changes.
 */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  gboolean draw;

  if (self->software)
    {
      /* Without GL there is nothing to upload: the image goes on screen at once. */
      if (self->waiting != NULL && !self->transitioning && now >= self->waiting->start_at)
        {
          self->uploading = g_steal_pointer (&self->waiting);
          _vitrine_compositor_choose_transition (self);
          start_transition (self);
        }
    }
  else if (gl_ready (self))
    {
      /* A waiting image starts uploading once the screen is still, with the programs
       * its transition may be chosen from compiled. */
      if (self->uploading == NULL && self->waiting != NULL && !self->transitioning)
        _vitrine_compositor_prepare_transition (self);
      if (self->uploading == NULL && self->waiting != NULL && !self->transitioning &&
          _vitrine_compositor_image_fits (self, self->waiting))
        {
          self->uploading = g_steal_pointer (&self->waiting);
          self->next_row = 0;
          _vitrine_compositor_choose_transition (self);
        }
      /* The switch waits for a payload still on its way; the current image stays. It
       * starts in a tick after the last strip, so that no frame both uploads and draws;
       * but the first image, which goes up whole onto a black screen with nothing to
       * keep smooth (vitrine-compositor-texture.c), fades in from this very frame. */
      if (self->uploading != NULL && self->next_row < self->uploading->height)
        {
          gtk_gl_area_make_current (GTK_GL_AREA (self));
          if (_vitrine_compositor_upload_step (self) && !self->has_front && !self->payload_pending &&
              now >= self->uploading->start_at)
            start_transition (self);
        }
      else if (self->uploading != NULL && !self->payload_pending && now >= self->uploading->start_at)
        start_transition (self);
    }

  /* Only a frame that changes the picture is drawn: a transition's or Ken Burns'. Strips
   * going up into the back texture change nothing on screen (docs/PERFORMANCE.md,
   * "Frames"). */
  draw = self->transitioning || _vitrine_compositor_image_moving (self->front) || self->redraw > 0;
  if (self->redraw > 0)
    self->redraw--;
  if (draw)
    gtk_gl_area_queue_render (GTK_GL_AREA (self));
  count_frame (self, draw ? now : 0);
  if (!self->software)
    _vitrine_compositor_compile_later (self);
  if (self->waiting == NULL && self->uploading == NULL && !self->transitioning && self->redraw == 0 &&
      !_vitrine_compositor_image_moving (self->front))
    {
      self->tick_id = 0;
      self->last_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

void
_vitrine_compositor_ensure_ticking (VitrineCompositor *self)
{
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

/*
 * Puts @pixels (premultiplied RGBA, @width × @height at @stride) on screen next, with a
 * transition of @duration seconds; with @motion_seconds, it pans and zooms (Ken Burns) over
 * that time, the texture being larger than the screen by the zoom's margin. Its
 * transition starts no earlier than @start_at (monotonic µs; 0: as soon as it is up), so
 * that displays switching together can be staggered. Replaces any image still waiting
 * for its turn.
 */
void
vitrine_compositor_show (VitrineCompositor *self,
                         const char        *id,
                         GBytes            *pixels,
                         guint              width,
                         guint              height,
                         guint              stride,
                         double             duration,
                         double             motion_seconds,
                         gint64             start_at)
{
  VitrineCompositorImage *image;

  g_return_if_fail (VITRINE_IS_COMPOSITOR (self));
  g_return_if_fail (g_bytes_get_size (pixels) >= (gsize) stride * height && stride >= width * 4);

  image = g_new0 (VitrineCompositorImage, 1);
  image->id = g_strdup (id);
  image->pixels = g_bytes_ref (pixels);
  image->width = width;
  image->height = height;
  image->stride = stride;
  image->duration = duration;
  image->motion_seconds = motion_seconds;
  image->start_at = start_at;

  g_clear_pointer (&self->waiting, _vitrine_compositor_image_free);
  self->waiting = image;
  _vitrine_compositor_ensure_ticking (self);
}

const char *
vitrine_compositor_get_current (VitrineCompositor *self)
{
  g_return_val_if_fail (VITRINE_IS_COMPOSITOR (self), NULL);

  return self->front != NULL ? self->front->id : NULL;
}

gboolean
vitrine_compositor_get_has_image (VitrineCompositor *self)
{
  g_return_val_if_fail (VITRINE_IS_COMPOSITOR (self), FALSE);

  return self->front != NULL;
}

/* Whether an image is waiting, uploading or fading in. */
gboolean
vitrine_compositor_get_busy (VitrineCompositor *self)
{
  g_return_val_if_fail (VITRINE_IS_COMPOSITOR (self), FALSE);

  return self->waiting != NULL || self->uploading != NULL || self->transitioning;
}

/* The size images are made for: the widget's size in device pixels (HiDPI aware), and
 * before GTK has allocated one, the size it was told it will have. */
void
vitrine_compositor_get_device_size (VitrineCompositor *self,
                                    guint             *width,
                                    guint             *height)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  *width = (guint) MAX (0, gtk_widget_get_width (GTK_WIDGET (self)) * scale);
  *height = (guint) MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) * scale);
  if (*width == 0 || *height == 0)
    {
      *width = self->hint_width;
      *height = self->hint_height;
    }
}

/*
 * The device size the display will have once it is shown (a fullscreen window's
 * monitor), so that its first photo can be asked for before the window is mapped and
 * arrive while GTK makes the window and its GL context (docs/PERFORMANCE.md, "The disk
 * cache"). The allocation, when it comes, is what counts: a different one asks again.
 */
void
vitrine_compositor_set_size_hint (VitrineCompositor *self,
                                  guint              width,
                                  guint              height)
{
  g_return_if_fail (VITRINE_IS_COMPOSITOR (self));

  self->hint_width = width;
  self->hint_height = height;
}

/*
 * GtkGLArea::resize comes only from a render with a GL context, so in group C (no
 * context) it never comes at all: a display that learnt its size from it would never
 * ask for an image when its first scan batch arrived before its first allocation.
 * Allocation happens in every group.
 */
static void
vitrine_compositor_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (widget);
  guint device_width, device_height;

  GTK_WIDGET_CLASS (vitrine_compositor_parent_class)->size_allocate (widget, width, height, baseline);
  vitrine_compositor_get_device_size (self, &device_width, &device_height);
  if (device_width == self->allocated_width && device_height == self->allocated_height)
    return;
  self->allocated_width = device_width;
  self->allocated_height = device_height;
  g_signal_emit (self, signals[DEVICE_SIZE_CHANGED], 0, device_width, device_height);
}

/* The GL objects go; the images stay, to go up again or to be drawn without GL. */
static void
release_gl (VitrineCompositor *self)
{
  if (gtk_widget_get_realized (GTK_WIDGET (self)) && gtk_gl_area_get_context (GTK_GL_AREA (self)) != NULL)
    {
      gtk_gl_area_make_current (GTK_GL_AREA (self));
      vitrine_programs_clear (&self->programs);
      _vitrine_compositor_stop_compiling (self);
      if (self->payload_texture != 0)
        glDeleteTextures (1, &self->payload_texture);
      if (self->textures[0] != 0)
        glDeleteTextures (2, self->textures);
    }
  self->textures[0] = self->textures[1] = 0;
  self->payload_texture = 0;
  self->payload_size[0] = self->payload_size[1] = 0;
  /* An upload in progress starts over. */
  if (self->uploading != NULL && self->waiting == NULL)
    self->waiting = g_steal_pointer (&self->uploading);
  g_clear_pointer (&self->uploading, _vitrine_compositor_image_free);
}

/*
 * This display follows the session's group. A running transition the group cannot draw
 * ends on the new image; an image on its way is chosen a transition again.
 */
static void
apply_group (VitrineCompositor *self)
{
  VitrineTransitionSet can;

  if (session_group (self) >= VITRINE_RENDERER_GROUP_B && !self->software && gl_ready (self))
    {
      gtk_gl_area_make_current (GTK_GL_AREA (self));
      vitrine_programs_demote (&self->programs, vitrine_renderer_session_get_reason (self->session));
    }
  if (session_group (self) == VITRINE_RENDERER_GROUP_C && !self->software)
    {
      release_gl (self);
      self->software = TRUE;
      g_free (self->renderer);
      self->renderer = g_strdup ("software (GSK)");
    }
  can = _vitrine_compositor_available (self);
  if (self->uploading != NULL && !(can & VITRINE_TRANSITION_SET_FROM_TYPE (self->type)))
    {
      if (self->waiting == NULL)
        self->waiting = g_steal_pointer (&self->uploading);
      g_clear_pointer (&self->uploading, _vitrine_compositor_image_free);
      self->payload_pending = FALSE;
    }
  if (self->transitioning && !(can & VITRINE_TRANSITION_SET_FROM_TYPE (self->type)))
    {
      self->transitioning = FALSE;
      self->transitions++;
      g_clear_handle_id (&self->watchdog_id, g_source_remove);
    }
  /* Also when this comes from inside render() (a demotion there), where GtkGLArea ignores
   * a queued render: the next two ticks draw. One was not enough: with GTK 4.8 the first
   * frame after a draw queued during the area's own snapshot sometimes never reached the
   * screen (/Slideshow/renderer/gl-error failed about one run in five). */
  self->redraw = 2;
  if (self->front != NULL || self->waiting != NULL)
    _vitrine_compositor_ensure_ticking (self);
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

/* In group C no GL context is made at all. */
static GdkGLContext *
vitrine_compositor_create_context (GtkGLArea *area)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (area);

  if (session_group (self) == VITRINE_RENDERER_GROUP_C)
    {
      g_autoptr(GError) error = g_error_new_literal (GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE,
                                                     "software rendering: no GL");

      gtk_gl_area_set_error (area, error);
      return NULL;
    }
  return GTK_GL_AREA_CLASS (vitrine_compositor_parent_class)->create_context (area);
}

static void
vitrine_compositor_realize (GtkWidget *widget)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (widget);
  g_autoptr(GError) error = NULL;
  guint device_width, device_height;
  GdkGLContext *context;

  GTK_WIDGET_CLASS (vitrine_compositor_parent_class)->realize (widget);
  if (self->realized_us == 0)
    self->realized_us = g_get_monotonic_time ();

  if (session_group (self) == VITRINE_RENDERER_GROUP_C)
    {
      apply_group (self);
      return;
    }

  gtk_gl_area_make_current (GTK_GL_AREA (self));
  if (gtk_gl_area_get_error (GTK_GL_AREA (self)) != NULL)
    {
      self->gl_error = g_strdup (gtk_gl_area_get_error (GTK_GL_AREA (self))->message);
      vitrine_renderer_session_demote (self->session, VITRINE_RENDERER_GROUP_C, self->gl_error);
      return;
    }

  context = gtk_gl_area_get_context (GTK_GL_AREA (self));
  g_free (self->renderer);
  self->renderer = g_strdup ((const char *) glGetString (GL_RENDERER));

  if (session_group (self) == VITRINE_RENDERER_GROUP_B)
    vitrine_programs_demote (&self->programs, vitrine_renderer_session_get_reason (self->session));
  if (!_vitrine_compositor_build_programs (self, gdk_gl_context_get_use_es (context), &error))
    {
      self->gl_error = g_strdup (error->message);
      vitrine_renderer_session_demote (self->session, VITRINE_RENDERER_GROUP_C, self->gl_error);
      return;
    }
  if (self->programs.demotion != NULL)
    vitrine_renderer_session_demote (self->session, VITRINE_RENDERER_GROUP_B, self->programs.demotion);

  _vitrine_compositor_read_texture_limit (self);
  glGenTextures (2, self->textures);
  for (guint i = 0; i < 2; i++)
    {
      glBindTexture (GL_TEXTURE_2D, self->textures[i]);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
      self->texture_size[i][0] = self->texture_size[i][1] = 0;
    }
  self->has_front = FALSE;

  /* A new context has none of the old textures: show the current image again. */
  if (self->front != NULL && self->waiting == NULL && self->uploading == NULL)
    {
      self->waiting = g_steal_pointer (&self->front);
      self->waiting->duration = 0;
      _vitrine_compositor_ensure_ticking (self);
    }

  /* What was asked for before the GL context (at the size hint) may be larger than this
   * GPU takes: the display checks its wanted image again, now within the limit. */
  vitrine_compositor_get_device_size (self, &device_width, &device_height);
  if (device_width > 0 && device_height > 0)
    g_signal_emit (self, signals[DEVICE_SIZE_CHANGED], 0, device_width, device_height);
}

static void
vitrine_compositor_unrealize (GtkWidget *widget)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (widget);

  if (!self->software)
    release_gl (self);
  self->transitioning = FALSE;

  GTK_WIDGET_CLASS (vitrine_compositor_parent_class)->unrealize (widget);
}

gint64
_vitrine_compositor_frame_time (VitrineCompositor *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  return clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
}

/* A random pan and zoom for @image (vitrine-ken-burns.c), from this frame on. */
static void
plan_motion (VitrineCompositor      *self,
             VitrineCompositorImage *image)
{
  guint device_width, device_height;

  vitrine_compositor_get_device_size (self, &device_width, &device_height);
  vitrine_ken_burns_plan (&image->motion, image->motion_seconds,
                          vitrine_ken_burns_zoom (image->width, device_width), self->rand);
  image->shown_at = _vitrine_compositor_frame_time (self);
}

/* The part of @image's texture on screen at @now (x, y, width, height). */
void
_vitrine_compositor_image_window (const VitrineCompositorImage *image,
                                  gint64                        now,
                                  float                         window[4])
{
  if (image != NULL)
    vitrine_ken_burns_window (&image->motion, now - image->shown_at, window);
  else
    vitrine_ken_burns_window (NULL, 0, window);
}

/*
 * A transition still running 2 s past its duration (the frame clock stopped, say) is
 * finished on the new image, and logged.
 */
static gboolean
watchdog_cb (gpointer user_data)
{
  VitrineCompositor *self = user_data;

  self->watchdog_id = 0;
  if (self->transitioning)
    {
      g_message ("A %s transition ran 2 s past its %.1f s; finished on the new image",
                 vitrine_transition_name (self->type), self->transition_duration);
      self->transitioning = FALSE;
      self->transitions++;
      self->watchdog_finishes++;
      gtk_gl_area_queue_render (GTK_GL_AREA (self));
    }
  return G_SOURCE_REMOVE;
}

/* The back texture is complete: it becomes the front, and the transition starts now. */
static void
start_transition (VitrineCompositor *self)
{
  GLuint texture = self->textures[0];
  guint w = self->texture_size[0][0], h = self->texture_size[0][1];

  self->textures[0] = self->textures[1];
  self->textures[1] = texture;
  self->texture_size[0][0] = self->texture_size[1][0];
  self->texture_size[0][1] = self->texture_size[1][1];
  self->texture_size[1][0] = w;
  self->texture_size[1][1] = h;

  self->fade_from_black = !self->has_front;
  self->has_front = TRUE;
  _vitrine_compositor_image_free (self->previous);
  self->previous = g_steal_pointer (&self->front);
  self->front = g_steal_pointer (&self->uploading);
  plan_motion (self, self->front);
  self->transition_start = _vitrine_compositor_frame_time (self);
  /* A transition timed to a moment (a downbeat, a staggered start) runs on that moment's
   * clock: its first frame, at most a frame later, shows it as far along as it is by then. */
  if (self->front->start_at > 0 && self->transition_start >= self->front->start_at &&
      self->transition_start - self->front->start_at < START_AT_SLACK_US)
    self->transition_start = self->front->start_at;
  self->transitioning = self->transition_duration > 0;
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  if (self->transitioning)
    self->watchdog_id = g_timeout_add ((guint) ((self->transition_duration + 2.0) * 1000), watchdog_cb, self);

  /* Also when nothing fades: the new image is drawn once. */
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  if (self->fade_from_black)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_IMAGE]);
}

/*
 * How far the running transition is at this frame, 1 when none runs. Reaching 1 ends it,
 * exactly on the new image.
 */
double
_vitrine_compositor_transition_progress (VitrineCompositor *self)
{
  double progress;

  if (!self->transitioning)
    return 1.0;
  progress = (_vitrine_compositor_frame_time (self) - self->transition_start) /
             (self->transition_duration * G_USEC_PER_SEC);
  if (progress >= 1.0)
    {
      self->transitioning = FALSE;
      self->transitions++;
      g_clear_handle_id (&self->watchdog_id, g_source_remove);
      return 1.0;
    }
  return MAX (progress, 0.0);
}

/*
 * Test hook: VITRINE_GL_FAULT=context-lost or gl-error strikes once, in the first frame
 * of the second transition (so that an image is on screen), as a lost context or a real
 * GL error.
 */
static const char *gl_fault;   /* VITRINE_GL_FAULT, read once in class_init */

static GLenum
injected_fault (VitrineCompositor *self)
{
  static gboolean struck;

  if (gl_fault == NULL || struck || !self->transitioning || self->transitions < 1)
    return GL_NO_ERROR;
  struck = TRUE;
  if (g_str_equal (gl_fault, "context-lost"))
    return GL_CONTEXT_LOST;
  if (g_str_equal (gl_fault, "gl-error"))
    glEnable (0);   /* GL_INVALID_ENUM, through the driver */
  return GL_NO_ERROR;
}

static gboolean
vitrine_compositor_render (GtkGLArea    *area,
                           GdkGLContext *context)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (area);
  VitrineFrame frame = { 0 };
  guint width, height;
  GLenum error;

  /* Errors left from before this frame do not count against a transition, but a lost
   * context does (GL keeps a few errors at most). */
  for (guint i = 0; i < 8 && (error = glGetError ()) != GL_NO_ERROR; i++)
    if (error == GL_CONTEXT_LOST)
      {
        vitrine_renderer_session_demote (self->session, VITRINE_RENDERER_GROUP_C, "the GL context was lost");
        return TRUE;
      }

  self->frames++;
  glClearColor (0, 0, 0, 1);
  glClear (GL_COLOR_BUFFER_BIT);
  if (!gl_ready (self) || !self->has_front)
    return TRUE;

  frame.type = self->type;
  frame.from_texture = self->textures[1];
  frame.to_texture = self->textures[0];
  frame.payload_texture = self->payload_texture;
  frame.payload_width = self->payload_size[0];
  frame.payload_height = self->payload_size[1];
  frame.has_from = !self->fade_from_black;
  frame.progress = vitrine_easing_apply (self->easing, _vitrine_compositor_transition_progress (self));
  vitrine_compositor_get_device_size (self, &width, &height);
  frame.width = (int) width;
  frame.height = (int) height;
  frame.seed = self->seed;
  frame.direction = self->direction;
  frame.variant = self->variant;
  _vitrine_compositor_image_window (self->previous, _vitrine_compositor_frame_time (self), frame.from_window);
  _vitrine_compositor_image_window (self->front, _vitrine_compositor_frame_time (self), frame.to_window);
  vitrine_programs_draw (&self->programs, &frame);

  error = injected_fault (self);
  if (error == GL_NO_ERROR)
    error = glGetError ();
  if (error == GL_CONTEXT_LOST)
    vitrine_renderer_session_demote (self->session, VITRINE_RENDERER_GROUP_C, "the GL context was lost");
  else if (error != GL_NO_ERROR)
    {
      g_autofree char *reason = g_strdup_printf ("GL error 0x%04x while drawing %s", error,
                                                 vitrine_transition_name (self->type));

      vitrine_renderer_session_demote (self->session, MIN (session_group (self) + 1, VITRINE_RENDERER_GROUP_C),
                                       reason);
    }
  return TRUE;
}

/* Group C: Crossfade, Slide and Wipe with GSK nodes; in A and B, GtkGLArea's own. */
static void
vitrine_compositor_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (widget);

  if (self->software)
    _vitrine_compositor_snapshot_software (self, snapshot);
  else
    GTK_WIDGET_CLASS (vitrine_compositor_parent_class)->snapshot (widget, snapshot);
}

/* The session moved down: this display follows. */
static void
group_changed_cb (VitrineCompositor      *self,
                  GParamSpec             *pspec,
                  VitrineRendererSession *session)
{
  apply_group (self);
}

/*
 * The renderer group this display follows, the application's, shared by every display;
 * set before the compositor is realized. Until then it has a session of its own, in
 * group A.
 */
void
vitrine_compositor_set_renderer_session (VitrineCompositor      *self,
                                         VitrineRendererSession *session)
{
  g_return_if_fail (VITRINE_IS_COMPOSITOR (self));
  g_return_if_fail (VITRINE_IS_RENDERER_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, group_changed_cb, self);
  g_set_object (&self->session, session);
  g_signal_connect_object (session, "notify::group", G_CALLBACK (group_changed_cb), self, G_CONNECT_SWAPPED);
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    apply_group (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RENDERER_SESSION]);
}

/* Returns: (transfer none): the renderer group this display follows */
VitrineRendererSession *
vitrine_compositor_get_renderer_session (VitrineCompositor *self)
{
  g_return_val_if_fail (VITRINE_IS_COMPOSITOR (self), NULL);

  return self->session;
}

static void
vitrine_compositor_dispose (GObject *object)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  _vitrine_compositor_stop_compiling (self);
  g_cancellable_cancel (self->payload_cancellable);
  g_clear_object (&self->supervisor);
  g_clear_pointer (&self->waiting, _vitrine_compositor_image_free);
  g_clear_pointer (&self->uploading, _vitrine_compositor_image_free);
  g_clear_pointer (&self->front, _vitrine_compositor_image_free);
  g_clear_pointer (&self->previous, _vitrine_compositor_image_free);
  /* A demotion after this must not reach a compositor on its way out. */
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, group_changed_cb, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (vitrine_compositor_parent_class)->dispose (object);
}

static void
vitrine_compositor_finalize (GObject *object)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (object);

  g_free (self->gl_error);
  g_free (self->renderer);
  g_free (self->frame_log);
  g_free (self->programs.demotion);
  g_clear_object (&self->settings);
  g_clear_object (&self->payload_cancellable);
  g_rand_free (self->rand);

  G_OBJECT_CLASS (vitrine_compositor_parent_class)->finalize (object);
}

static void
vitrine_compositor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_string (value, vitrine_compositor_get_current (self));
      break;
    case PROP_HAS_IMAGE:
      g_value_set_boolean (value, vitrine_compositor_get_has_image (self));
      break;
    case PROP_RENDERER_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vitrine_compositor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (object);

  switch (prop_id)
    {
    case PROP_RENDERER_SESSION:
      vitrine_compositor_set_renderer_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vitrine_compositor_class_init (VitrineCompositorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_compositor_dispose;
  object_class->finalize = vitrine_compositor_finalize;
  object_class->get_property = vitrine_compositor_get_property;
  object_class->set_property = vitrine_compositor_set_property;
  widget_class->realize = vitrine_compositor_realize;
  widget_class->unrealize = vitrine_compositor_unrealize;
  widget_class->snapshot = vitrine_compositor_snapshot;
  widget_class->size_allocate = vitrine_compositor_size_allocate;
  GTK_GL_AREA_CLASS (klass)->render = vitrine_compositor_render;
  GTK_GL_AREA_CLASS (klass)->create_context = vitrine_compositor_create_context;
  gl_fault = g_getenv ("VITRINE_GL_FAULT");

  /**
   * VitrineCompositor:current:
   *
   * The id of the image on screen (or fading in), NULL before the first.
   */
  properties[PROP_CURRENT] =
    g_param_spec_string ("current", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * VitrineCompositor:has-image:
   *
   * Whether an image has reached the screen.
   */
  properties[PROP_HAS_IMAGE] =
    g_param_spec_boolean ("has-image", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * VitrineCompositor:renderer-session:
   *
   * The session's renderer group, which this display follows (set before realize).
   */
  properties[PROP_RENDERER_SESSION] =
    g_param_spec_object ("renderer-session", NULL, NULL,
                         VITRINE_TYPE_RENDERER_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VitrineCompositor::device-size-changed:
   * @self: the compositor
   * @width: the new width in device pixels
   * @height: the new height in device pixels
   *
   * The size images are made for changed (vitrine_compositor_get_device_size()), in
   * every renderer group, with or without a GL context.
   */
  signals[DEVICE_SIZE_CHANGED] =
    g_signal_new ("device-size-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
vitrine_compositor_init (VitrineCompositor *self)
{
  g_autoptr(VitrineRendererSession) own_session = vitrine_renderer_session_new (VITRINE_RENDERER_AUTO);

  vitrine_latency_init (&self->frame_intervals);
  if (g_getenv ("VITRINE_FRAME_LOG") != NULL)
    self->frame_log = g_new0 (VitrineFrameLog, 1);
  self->settings = g_settings_new (APP_ID ".Transitions");
  self->payload_cancellable = g_cancellable_new ();
  self->rand = g_rand_new ();
  self->last_type = -1;
  self->next_type = -1;
  self->last_direction = VITRINE_DIRECTION_RANDOM;
  vitrine_compositor_set_renderer_session (self, own_session);
  gtk_gl_area_set_has_depth_buffer (GTK_GL_AREA (self), FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

