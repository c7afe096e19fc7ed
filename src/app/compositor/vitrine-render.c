/* vitrine-render.c: offscreen rendering of one transition frame (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "vitrine-compositor.h"
#include "vitrine-programs.h"
#include "vitrine-render.h"
#include "vitrine-supervisor.h"
#include "vitrine-transition.h"

/* @path prescaled by the image worker to fill @width × @height. */
static GBytes *
prescale (VitrineSupervisor  *supervisor,
          const char         *path,
          guint               width,
          guint               height,
          guint              *stride,
          GError            **error)
{
  g_autoptr(GVariant) request = g_variant_ref_sink (g_variant_new_parsed (
    "{'kind': <'prescale'>, 'input': <%s>, 'width': <%u>, 'height': <%u>, 'mode': <@u 0>}",
    path, (guint32) width, (guint32) height));
  g_auto(VitrinePixelHeader) header = { 0 };
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL;
  GBytes *pixels;

  reply = vitrine_supervisor_request_sync (supervisor, VITRINE_WORKER_ROLE_IMAGE, request, &fds, error);
  if (reply == NULL)
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }
  pixels = vitrine_supervisor_map_pixels (supervisor, VITRINE_WORKER_ROLE_IMAGE, reply, fds, &header, error);
  *stride = header.stride;
  return pixels;
}

/* The transition worker's payload for the frame, on the grid the compositor would use
 * with the current transition settings. */
static GBytes *
fetch_payload (VitrineSupervisor           *supervisor,
               const VitrineRenderRequest  *request,
               VitrinePixelHeader          *header,
               GError                     **error)
{
  g_autoptr(GSettings) transitions = g_settings_new (APP_ID ".Transitions");
  g_autoptr(GVariant) variant = vitrine_compositor_payload_request (transitions, request->type, request->width,
                                                                    request->height, request->seed,
                                                                    request->direction, request->variant);
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL;

  reply = vitrine_supervisor_request_sync (supervisor, VITRINE_WORKER_ROLE_TRANSITION, variant, &fds, error);
  if (reply == NULL)
    {
      g_prefix_error (error, "payload: ");
      return NULL;
    }
  return vitrine_supervisor_map_pixels (supervisor, VITRINE_WORKER_ROLE_TRANSITION, reply, fds, header, error);
}

static GLuint
texture_from (GBytes *pixels,
              guint   width,
              guint   height,
              guint   stride)
{
  return vitrine_programs_image_texture (g_bytes_get_data (pixels, NULL), width, height, stride);
}

/* What a frame is drawn from: both images and, for a type that needs one, the payload. */
typedef struct
{
  GBytes             *from;
  GBytes             *to;
  guint               from_stride;
  guint               to_stride;
  GBytes             *payload;
  VitrinePixelHeader  payload_header;
} RenderInputs;

static void
render_inputs_clear (RenderInputs *inputs)
{
  g_clear_pointer (&inputs->from, g_bytes_unref);
  g_clear_pointer (&inputs->to, g_bytes_unref);
  g_clear_pointer (&inputs->payload, g_bytes_unref);
  vitrine_pixel_header_clear (&inputs->payload_header);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RenderInputs, render_inputs_clear)

/* Decoding happens where it always does, in the image worker, and the payload comes from
 * the transition worker: both of a supervisor of this process's own, stopped after. */
static gboolean
fetch_inputs (const VitrineRenderRequest  *request,
              RenderInputs                *inputs,
              GError                     **error)
{
  g_autoptr(GSettings) workers = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  guint w = request->width, h = request->height;
  gboolean needs_payload = vitrine_transition_needs_payload (request->type);
  const char *files[] = { request->from, request->to, NULL };

  supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH") != NULL ? g_getenv ("VITRINE_WORKER_PATH")
                                                                             : LIBEXECDIR "/vitrine-worker",
                                       workers);
  /* Its own poison lists: a render beside a running display must not strike its inputs. */
  vitrine_supervisor_set_instance (supervisor, "render");
  /* The image worker's sandbox lets it read these two files and nothing else of the user's. */
  vitrine_supervisor_set_read_only (supervisor, VITRINE_WORKER_ROLE_IMAGE, files);
  vitrine_supervisor_start (supervisor);
  inputs->from = prescale (supervisor, request->from, w, h, &inputs->from_stride, error);
  if (inputs->from != NULL)
    inputs->to = prescale (supervisor, request->to, w, h, &inputs->to_stride, error);
  if (inputs->to != NULL && needs_payload)
    inputs->payload = fetch_payload (supervisor, request, &inputs->payload_header, error);
  vitrine_supervisor_shutdown (supervisor);
  return inputs->to != NULL && (!needs_payload || inputs->payload != NULL);
}

/* The frame the programs draw for @request, from the textures of @inputs. */
static void
fill_frame (VitrineFrame               *frame,
            const VitrineRenderRequest *request,
            const RenderInputs         *inputs,
            GLuint                      from_texture,
            GLuint                      to_texture)
{
  frame->type = request->type;
  frame->from_texture = from_texture;
  frame->to_texture = to_texture;
  if (inputs->payload != NULL)
    {
      frame->payload_texture = vitrine_programs_payload_texture (g_bytes_get_data (inputs->payload, NULL),
                                                                 inputs->payload_header.width,
                                                                 inputs->payload_header.height,
                                                                 inputs->payload_header.stride);
      frame->payload_width = inputs->payload_header.width;
      frame->payload_height = inputs->payload_header.height;
    }
  frame->has_from = TRUE;
  frame->progress = request->progress;
  frame->width = (int) request->width;
  frame->height = (int) request->height;
  frame->seed = (float) request->seed;
  frame->direction = request->direction;
  frame->variant = request->variant;
}

/*
 * One frame drawn by @programs into a framebuffer of its own, read back as a pixbuf. The
 * GL context is current.
 */
static GdkPixbuf *
draw_offscreen (const VitrinePrograms       *programs,
                const VitrineRenderRequest  *request,
                const RenderInputs          *inputs,
                GError                     **error)
{
  VitrineFrame frame = { 0 };
  GdkPixbuf *pixbuf = NULL;
  GLuint textures[3], framebuffer;
  guint w = request->width, h = request->height;
  GLint max_side = 0;

  glGetIntegerv (GL_MAX_TEXTURE_SIZE, &max_side);
  if (!vitrine_pixel_fits_texture (w, h, max_side, error) ||
      (inputs->payload != NULL && !vitrine_pixel_fits_texture (inputs->payload_header.width,
                                                               inputs->payload_header.height, max_side, error)))
    return NULL;

  textures[0] = texture_from (inputs->from, w, h, inputs->from_stride);
  textures[1] = texture_from (inputs->to, w, h, inputs->to_stride);
  glGenTextures (1, &textures[2]);
  glBindTexture (GL_TEXTURE_2D, textures[2]);
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
  glGenFramebuffers (1, &framebuffer);
  glBindFramebuffer (GL_FRAMEBUFFER, framebuffer);
  glFramebufferTexture2D (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, textures[2], 0);
  if (glCheckFramebufferStatus (GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no offscreen framebuffer");
      goto out;
    }

  fill_frame (&frame, request, inputs, textures[0], textures[1]);
  glClearColor (0, 0, 0, 1);
  glClear (GL_COLOR_BUFFER_BIT);
  vitrine_programs_draw (programs, &frame);

  /* GL's rows run bottom up; the PNG's top down. */
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, w, h);
  glPixelStorei (GL_PACK_ALIGNMENT, 4);
  for (guint y = 0; y < h; y++)
    glReadPixels (0, (GLint) (h - 1 - y), w, 1, GL_RGBA, GL_UNSIGNED_BYTE,
                  gdk_pixbuf_get_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf));

out:
  glBindFramebuffer (GL_FRAMEBUFFER, 0);
  glDeleteFramebuffers (1, &framebuffer);
  glDeleteTextures (3, textures);
  if (frame.payload_texture != 0)
    glDeleteTextures (1, &frame.payload_texture);
  return pixbuf;
}

gboolean
vitrine_render_transition (const VitrineRenderRequest  *request,
                           GError                     **error)
{
  g_auto(RenderInputs) inputs = { 0 };
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  VitrinePrograms programs = { 0 };
  GdkDisplay *display;

  gtk_init ();
  display = gdk_display_get_default ();
  if (display == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "no display to render with");
      return FALSE;
    }
  if (!fetch_inputs (request, &inputs, error))
    return FALSE;

  context = gdk_display_create_gl_context (display, error);
  if (context == NULL || !gdk_gl_context_realize (context, error))
    return FALSE;
  gdk_gl_context_make_current (context);
  if (!vitrine_programs_build (&programs, gdk_gl_context_get_use_es (context), error))
    return FALSE;
  if (!(vitrine_programs_available (&programs) & VITRINE_TRANSITION_SET_FROM_TYPE (request->type)))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "this transition has no program in this build or session");
  else
    pixbuf = draw_offscreen (&programs, request, &inputs, error);

  vitrine_programs_clear (&programs);
  g_free (programs.demotion);
  gdk_gl_context_clear_current ();
  return pixbuf != NULL && gdk_pixbuf_save (pixbuf, request->output, "png", error, NULL);
}
