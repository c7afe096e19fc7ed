/* vitrine-programs.h: the transitions' GL programs (docs/ARCHITECTURE.md §7), shared by the
 * compositor on screen and the offscreen renderer of --render-transition: one program per
 * transition with a shader in the GResource, on the uniform contract of
 * shaders/common.glsl, and the session's demotion to group B when one fails. A transition
 * may add a second pass, `<name>-instances.{vert,frag}`, drawn once per payload texel over
 * the first with blending (Particle's balls). The display compiles in two steps
 * (vitrine_programs_build_first() before its first photo, the pending rest after it);
 * the offscreen renderers compile everything at once (vitrine_programs_build()).
 * Everything here needs the GL context current.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <epoxy/gl.h>
#include <glib.h>

#include "vitrine-enums.h"

G_BEGIN_DECLS

/* The transitions of group B (and, drawn without GL, of group C). */
#define VITRINE_PROGRAMS_SIMPLE_SET \
  (VITRINE_TRANSITION_SET_CROSSFADE | VITRINE_TRANSITION_SET_SLIDE | VITRINE_TRANSITION_SET_WIPE)

typedef struct
{
  GLuint program;
  GLint  u_from, u_to, u_progress, u_has_from, u_resolution, u_seed, u_direction;
  GLint  u_from_aspect, u_to_aspect, u_payload, u_variant, u_from_window, u_to_window;
} VitrineProgram;

typedef struct
{
  VitrineProgram programs[VITRINE_TRANSITION_TYPE_COUNT];   /* 0: not available */
  VitrineProgram instanced[VITRINE_TRANSITION_TYPE_COUNT];  /* the optional pass per payload texel */
  GLuint         vao;
  char          *demotion;     /* why the session is in group B; NULL in group A */
  VitrineTransitionSet pending; /* types with a shader not compiled yet (build_first) */
  gboolean       es;           /* the context's flavour, for the pending ones */
} VitrinePrograms;

/* One frame of a transition: what vitrine_programs_draw() draws. */
typedef struct
{
  VitrineTransitionType type;
  GLuint           from_texture;
  GLuint           to_texture;
  GLuint           payload_texture;    /* 0 when the type needs none */
  guint            payload_width;      /* its texels */
  guint            payload_height;
  gboolean         has_from;           /* FALSE: from black */
  double           progress;           /* eased */
  int              width;              /* the framebuffer's, device pixels */
  int              height;
  float            seed;
  VitrineDirection direction;
  int              variant;            /* the type's own parameter (Diffuse: its shape) */
  float            from_window[4];     /* the part of each texture on screen (Ken Burns); */
  float            to_window[4];       /* all zero means all of it */
} VitrineFrame;

gboolean             vitrine_programs_build     (VitrinePrograms        *self,
                                                 gboolean                es,
                                                 GError                **error);
gboolean             vitrine_programs_build_first   (VitrinePrograms        *self,
                                                     gboolean                es,
                                                     GError                **error);
gboolean             vitrine_programs_build_pending (VitrinePrograms        *self,
                                                     VitrineTransitionSet    wanted);
gboolean             vitrine_programs_build_next    (VitrinePrograms        *self);
void                 vitrine_programs_demote    (VitrinePrograms        *self,
                                                 const char             *reason);
void                 vitrine_programs_clear     (VitrinePrograms        *self);
gboolean             vitrine_programs_ready     (const VitrinePrograms  *self);
VitrineTransitionSet vitrine_programs_available (const VitrinePrograms  *self);
void                 vitrine_programs_draw      (const VitrinePrograms  *self,
                                                 const VitrineFrame     *frame);
void                 vitrine_programs_warm      (const VitrinePrograms  *self,
                                                 VitrineTransitionType   type);

GLuint               vitrine_programs_image_texture   (const guint8     *pixels,
                                                       guint             width,
                                                       guint             height,
                                                       guint             stride);
GLuint               vitrine_programs_payload_texture (const guint8     *texels,
                                                       guint             width,
                                                       guint             height,
                                                       guint             stride);

G_END_DECLS
