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
  GLuint texture;

  glGenTextures (1, &texture);
  glBindTexture (GL_TEXTURE_2D, texture);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei (GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei (GL_UNPACK_ROW_LENGTH, stride / 4);
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                g_bytes_get_data (pixels, NULL));
  glPixelStorei (GL_UNPACK_ROW_LENGTH, 0);
  return texture;
}

gboolean
vitrine_render_transition (const VitrineRenderRequest  *request,
                           GError                     **error)
{
  g_autoptr(GSettings) workers = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  g_autoptr(GBytes) from = NULL, to = NULL, payload = NULL;
  g_auto(VitrinePixelHeader) payload_header = { 0 };
  VitrineFrame frame = { 0 };
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  VitrinePrograms programs = { 0 };
  GLuint textures[3], framebuffer;
  guint from_stride = 0, to_stride = 0, w = request->width, h = request->height;
  gboolean ok = FALSE;
  GdkDisplay *display;

  gtk_init ();
  display = gdk_display_get_default ();
  if (display == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "no display to render with");
      return FALSE;
    }

  /* Decoding happens where it always does: in the image worker. */
  supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH") != NULL ? g_getenv ("VITRINE_WORKER_PATH")
                                                                             : LIBEXECDIR "/vitrine-worker",
                                       workers);
  vitrine_supervisor_start (supervisor);
  from = prescale (supervisor, request->from, w, h, &from_stride, error);
  to = from != NULL ? prescale (supervisor, request->to, w, h, &to_stride, error) : NULL;
  if (to != NULL && vitrine_transition_needs_payload (request->type))
    payload = fetch_payload (supervisor, request, &payload_header, error);
  vitrine_supervisor_shutdown (supervisor);
  if (to == NULL || (vitrine_transition_needs_payload (request->type) && payload == NULL))
    return FALSE;

  context = gdk_display_create_gl_context (display, error);
  if (context == NULL || !gdk_gl_context_realize (context, error))
    return FALSE;
  gdk_gl_context_make_current (context);
  if (!vitrine_programs_build (&programs, gdk_gl_context_get_use_es (context), error))
    return FALSE;
  if (!(vitrine_programs_available (&programs) & VITRINE_TRANSITION_SET_FROM_TYPE (request->type)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "this transition has no program in this build or session");
      goto out;
    }

  textures[0] = texture_from (from, w, h, from_stride);
  textures[1] = texture_from (to, w, h, to_stride);
  glGenTextures (1, &textures[2]);
  glBindTexture (GL_TEXTURE_2D, textures[2]);
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
  glGenFramebuffers (1, &framebuffer);
  glBindFramebuffer (GL_FRAMEBUFFER, framebuffer);
  glFramebufferTexture2D (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, textures[2], 0);
  if (glCheckFramebufferStatus (GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no offscreen framebuffer");
      goto out_gl;
    }

  frame.type = request->type;
  frame.from_texture = textures[0];
  frame.to_texture = textures[1];
  if (payload != NULL)
    {
      frame.payload_texture = vitrine_programs_payload_texture (g_bytes_get_data (payload, NULL),
                                                                payload_header.width, payload_header.height,
                                                                payload_header.stride);
      frame.payload_width = payload_header.width;
      frame.payload_height = payload_header.height;
    }
  frame.has_from = TRUE;
  frame.progress = request->progress;
  frame.width = (int) w;
  frame.height = (int) h;
  frame.seed = (float) request->seed;
  frame.direction = request->direction;
  frame.variant = request->variant;
  glClearColor (0, 0, 0, 1);
  glClear (GL_COLOR_BUFFER_BIT);
  vitrine_programs_draw (&programs, &frame);

  /* GL's rows run bottom up; the PNG's top down. */
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, w, h);
  glPixelStorei (GL_PACK_ALIGNMENT, 4);
  for (guint y = 0; y < h; y++)
    glReadPixels (0, (GLint) (h - 1 - y), w, 1, GL_RGBA, GL_UNSIGNED_BYTE,
                  gdk_pixbuf_get_pixels (pixbuf) + (gsize) y * gdk_pixbuf_get_rowstride (pixbuf));
  ok = gdk_pixbuf_save (pixbuf, request->output, "png", error, NULL);

out_gl:
  glBindFramebuffer (GL_FRAMEBUFFER, 0);
  glDeleteFramebuffers (1, &framebuffer);
  glDeleteTextures (3, textures);
  if (frame.payload_texture != 0)
    glDeleteTextures (1, &frame.payload_texture);
out:
  vitrine_programs_clear (&programs);
  g_free (programs.demotion);
  gdk_gl_context_clear_current ();
  return ok;
}
