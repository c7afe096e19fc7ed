/* vitrine-transition-stills.c: transition previews drawn offscreen (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-compositor.h"
#include "vitrine-pixel-header.h"
#include "vitrine-programs.h"
#include "vitrine-sample-scene.h"
#include "vitrine-transition.h"
#include "vitrine-transition-stills.h"

#define W VITRINE_TRANSITION_STILLS_WIDTH
#define H VITRINE_TRANSITION_STILLS_HEIGHT
/* Any seed: the previews stay the same from one opening to the next. */
#define SEED 0.37

struct _VitrineTransitionStills
{
  GObject             parent_instance;

  VitrineSupervisor  *supervisor;
  GSettings          *settings;
  GdkDisplay         *display;
  GCancellable       *cancellable;
  gboolean            started;

  GBytes             *payloads[VITRINE_TRANSITION_TYPE_COUNT];
  VitrinePixelHeader  headers[VITRINE_TRANSITION_TYPE_COUNT];
  guint               pending;

  GdkGLContext       *context;
  VitrinePrograms     programs;
  GLuint              scenes[2];
  GLuint              target;
  GLuint              framebuffer;
  guint               next_type;
  guint               idle_id;
  char               *error;

  GdkTexture         *frames[VITRINE_TRANSITION_TYPE_COUNT][VITRINE_TRANSITION_STILLS_FRAMES];
};

G_DEFINE_FINAL_TYPE (VitrineTransitionStills, vitrine_transition_stills, G_TYPE_OBJECT)

enum {
  READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static VitrineDirection
preview_direction (VitrineTransitionStills *self)
{
  VitrineDirection direction = g_settings_get_enum (self->settings, "direction");

  return direction == VITRINE_DIRECTION_RANDOM ? VITRINE_DIRECTION_LEFT : direction;
}

static GLuint
upload (const guint8 *rgba)
{
  return vitrine_programs_image_texture (rgba, W, H, W * 4);
}

/* The context, the programs, both scenes and a framebuffer; FALSE with the error kept. */
static gboolean
set_up_gl (VitrineTransitionStills *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *day = vitrine_sample_scene_rgba (VITRINE_SAMPLE_SCENE_DAY, W, H);
  g_autofree guint8 *night = vitrine_sample_scene_rgba (VITRINE_SAMPLE_SCENE_NIGHT, W, H);

  self->context = gdk_display_create_gl_context (self->display, &error);
  if (self->context == NULL || !gdk_gl_context_realize (self->context, &error))
    goto failed;
  gdk_gl_context_make_current (self->context);
  if (!vitrine_programs_build (&self->programs, gdk_gl_context_get_use_es (self->context), &error))
    goto failed;
  self->scenes[0] = upload (day);
  self->scenes[1] = upload (night);
  glGenTextures (1, &self->target);
  glBindTexture (GL_TEXTURE_2D, self->target);
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, W, H, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
  glGenFramebuffers (1, &self->framebuffer);
  glBindFramebuffer (GL_FRAMEBUFFER, self->framebuffer);
  glFramebufferTexture2D (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, self->target, 0);
  if (glCheckFramebufferStatus (GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE)
    return TRUE;
  g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "no offscreen framebuffer");

failed:
  /* Translators: %s says why GL failed */
  self->error = g_strdup_printf (_("No previews: %s"), error->message);
  g_message ("transition previews: %s", error->message);
  return FALSE;
}

static void
tear_down_gl (VitrineTransitionStills *self)
{
  if (self->context == NULL)
    return;
  gdk_gl_context_make_current (self->context);
  if (self->framebuffer != 0)
    {
      glBindFramebuffer (GL_FRAMEBUFFER, 0);
      glDeleteFramebuffers (1, &self->framebuffer);
      glDeleteTextures (1, &self->target);
      glDeleteTextures (2, self->scenes);
      self->framebuffer = 0;
    }
  vitrine_programs_clear (&self->programs);
  g_clear_pointer (&self->programs.demotion, g_free);
  gdk_gl_context_clear_current ();
  g_clear_object (&self->context);
}

/* The framebuffer read back top row first, as a texture GTK can draw. */
static GdkTexture *
read_frame (void)
{
  g_autofree guint8 *pixels = g_malloc ((gsize) W * H * 4);
  g_autoptr(GBytes) bytes = NULL;

  glPixelStorei (GL_PACK_ALIGNMENT, 4);
  for (guint y = 0; y < H; y++)
    glReadPixels (0, (GLint) (H - 1 - y), W, 1, GL_RGBA, GL_UNSIGNED_BYTE, pixels + (gsize) y * W * 4);
  bytes = g_bytes_new_take (g_steal_pointer (&pixels), (gsize) W * H * 4);
  return gdk_memory_texture_new (W, H, GDK_MEMORY_R8G8B8A8_PREMULTIPLIED, bytes, W * 4);
}

static void
draw_type (VitrineTransitionStills *self,
           VitrineTransitionType    type)
{
  VitrineEasing easing = g_settings_get_enum (self->settings, "easing");
  VitrineFrame frame = {
    .type = type, .from_texture = self->scenes[0], .to_texture = self->scenes[1], .has_from = TRUE,
    .width = W, .height = H, .seed = SEED, .direction = preview_direction (self),
    .variant = vitrine_compositor_variant (self->settings, type),
  };

  if (!(vitrine_programs_available (&self->programs) & VITRINE_TRANSITION_SET_FROM_TYPE (type)) ||
      (vitrine_transition_needs_payload (type) && self->payloads[type] == NULL))
    return;
  if (self->payloads[type] != NULL)
    {
      frame.payload_texture = vitrine_programs_payload_texture (g_bytes_get_data (self->payloads[type], NULL),
                                                                self->headers[type].width,
                                                                self->headers[type].height,
                                                                self->headers[type].stride);
      frame.payload_width = self->headers[type].width;
      frame.payload_height = self->headers[type].height;
    }
  glBindFramebuffer (GL_FRAMEBUFFER, self->framebuffer);
  glViewport (0, 0, W, H);
  for (guint i = 0; i < VITRINE_TRANSITION_STILLS_FRAMES; i++)
    {
      frame.progress = vitrine_easing_apply (easing, (double) i / (VITRINE_TRANSITION_STILLS_FRAMES - 1));
      glClearColor (0, 0, 0, 1);
      glClear (GL_COLOR_BUFFER_BIT);
      vitrine_programs_draw (&self->programs, &frame);
      g_set_object (&self->frames[type][i], read_frame ());
    }
  if (frame.payload_texture != 0)
    glDeleteTextures (1, &frame.payload_texture);
}

/* One transition per main loop turn, so the display windows keep their frames coming. */
static gboolean
draw_next_cb (gpointer user_data)
{
  VitrineTransitionStills *self = user_data;
  guint type = self->next_type++;

  if (type == 0 && !set_up_gl (self))
    {
      self->idle_id = 0;
      tear_down_gl (self);
      g_signal_emit (self, signals[READY], 0, VITRINE_TRANSITION_TYPE_COUNT);
      return G_SOURCE_REMOVE;
    }
  gdk_gl_context_make_current (self->context);
  draw_type (self, type);
  gdk_gl_context_clear_current ();
  g_signal_emit (self, signals[READY], 0, type);
  if (self->next_type < VITRINE_TRANSITION_TYPE_COUNT)
    return G_SOURCE_CONTINUE;
  self->idle_id = 0;
  tear_down_gl (self);
  g_signal_emit (self, signals[READY], 0, VITRINE_TRANSITION_TYPE_COUNT);
  return G_SOURCE_REMOVE;
}

static void
payload_arrived (VitrineTransitionStills *self)
{
  if (--self->pending == 0 && !g_cancellable_is_cancelled (self->cancellable))
    self->idle_id = g_idle_add (draw_next_cb, self);
}

typedef struct
{
  VitrineTransitionStills *self;
  VitrineTransitionType    type;
} PayloadData;

static void
payload_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PayloadData *data = user_data;
  g_autoptr(VitrineTransitionStills) self = data->self;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, &fds, &error);

  if (reply != NULL)
    self->payloads[data->type] = vitrine_supervisor_map_pixels (VITRINE_SUPERVISOR (object),
                                                                VITRINE_WORKER_ROLE_TRANSITION, reply, fds,
                                                                &self->headers[data->type], &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("transition previews: %s: %s", vitrine_transition_name (data->type), error->message);
  g_free (data);
  payload_arrived (self);
}

/* Asks the transition worker for the payloads, then draws; once. */
void
vitrine_transition_stills_start (VitrineTransitionStills *self,
                                 GdkDisplay              *display)
{
  g_return_if_fail (VITRINE_IS_TRANSITION_STILLS (self));
  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (self->started)
    return;
  self->started = TRUE;
  self->display = g_object_ref (display);
  self->pending = 1;   /* until every request is on its way */
  /* Only a running worker answers; one that is off or not started (the settings window
   * without a display) would keep the requests waiting, and those four go without. */
  for (guint type = 0; self->supervisor != NULL &&
                       vitrine_supervisor_get_state (self->supervisor, VITRINE_WORKER_ROLE_TRANSITION) ==
                         VITRINE_WORKER_STATE_RUNNING &&
                       type < VITRINE_TRANSITION_TYPE_COUNT; type++)
    {
      PayloadData *data;

      if (!vitrine_transition_needs_payload (type))
        continue;
      data = g_new (PayloadData, 1);
      data->self = g_object_ref (self);
      data->type = type;
      self->pending++;
      vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_TRANSITION,
                                        vitrine_compositor_payload_request (self->settings, type, W, H, SEED,
                                                                            preview_direction (self),
                                                                            vitrine_compositor_variant (self->settings, type)),
                                        self->cancellable, payload_done_cb, data);
    }
  payload_arrived (self);
}

/* Frame @index of @type's sequence, or NULL while (or when) there is none. */
GdkTexture *
vitrine_transition_stills_get_frame (VitrineTransitionStills *self,
                                     VitrineTransitionType    type,
                                     guint                    index)
{
  g_return_val_if_fail (VITRINE_IS_TRANSITION_STILLS (self), NULL);
  g_return_val_if_fail (type < VITRINE_TRANSITION_TYPE_COUNT, NULL);
  g_return_val_if_fail (index < VITRINE_TRANSITION_STILLS_FRAMES, NULL);

  return self->frames[type][index];
}

/* Why there are no previews at all (no GL), translated; NULL when there are. */
const char *
vitrine_transition_stills_get_error (VitrineTransitionStills *self)
{
  g_return_val_if_fail (VITRINE_IS_TRANSITION_STILLS (self), NULL);

  return self->error;
}

/* @supervisor (nullable) computes the payloads; without one, the types that need one have
 * no previews. */
VitrineTransitionStills *
vitrine_transition_stills_new (VitrineSupervisor *supervisor,
                               GSettings         *transitions)
{
  VitrineTransitionStills *self = g_object_new (VITRINE_TYPE_TRANSITION_STILLS, NULL);

  g_set_object (&self->supervisor, supervisor);
  self->settings = g_object_ref (transitions);
  return self;
}

static void
vitrine_transition_stills_dispose (GObject *object)
{
  VitrineTransitionStills *self = VITRINE_TRANSITION_STILLS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  tear_down_gl (self);
  for (guint type = 0; type < VITRINE_TRANSITION_TYPE_COUNT; type++)
    {
      for (guint i = 0; i < VITRINE_TRANSITION_STILLS_FRAMES; i++)
        g_clear_object (&self->frames[type][i]);
      g_clear_pointer (&self->payloads[type], g_bytes_unref);
      vitrine_pixel_header_clear (&self->headers[type]);
    }
  g_clear_object (&self->supervisor);
  g_clear_object (&self->settings);
  g_clear_object (&self->display);

  G_OBJECT_CLASS (vitrine_transition_stills_parent_class)->dispose (object);
}

static void
vitrine_transition_stills_finalize (GObject *object)
{
  VitrineTransitionStills *self = VITRINE_TRANSITION_STILLS (object);

  g_clear_object (&self->cancellable);
  g_free (self->error);

  G_OBJECT_CLASS (vitrine_transition_stills_parent_class)->finalize (object);
}

static void
vitrine_transition_stills_class_init (VitrineTransitionStillsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vitrine_transition_stills_dispose;
  object_class->finalize = vitrine_transition_stills_finalize;

  /**
   * VitrineTransitionStills::ready:
   * @type: the transition whose frames are drawn (if it has any), or
   *   %VITRINE_TRANSITION_TYPE_COUNT once all are done
   */
  signals[READY] =
    g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
vitrine_transition_stills_init (VitrineTransitionStills *self)
{
  self->cancellable = g_cancellable_new ();
}
