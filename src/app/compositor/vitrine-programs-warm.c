/* vitrine-programs-warm.c: a transition's programs drawn once, offscreen, before the
 * transition is needed.
 *
 * A driver may compile a program's machine code only when it is first drawn with: Mesa's
 * llvmpipe, the renderer of every machine without a GPU driver, JIT-compiles each fragment
 * shader variant on the first draw call that needs it, 5 to 8 ms on the main thread, so
 * the first frame of each transition type missed its deadline (`bench images`, perf). Drawing
 * each program once into a small framebuffer of the display's format, with textures of the
 * same format and sampling, makes that compilation happen while nothing is animating.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-programs.h"
#include "vitrine-transition.h"

/* Not a power of two in either direction, as photos are (llvmpipe keys its variants on that). */
#define WARM_SIZE 3

static GLuint
warm_texture (const guint8 *texels)
{
  return vitrine_programs_image_texture (texels, WARM_SIZE, WARM_SIZE, WARM_SIZE * 4);
}

/*
 * Draws @type's programs (and its instanced pass) once into a WARM_SIZE² RGBA8
 * framebuffer, then restores the framebuffer that was bound. Nothing on screen changes.
 * A type without a program does nothing. Needs the GL context current.
 */
void
vitrine_programs_warm (const VitrinePrograms *self,
                       VitrineTransitionType  type)
{
  static const guint8 texels[WARM_SIZE * WARM_SIZE * 4] = { 0 };
  VitrineFrame frame = {
    .type = type, .has_from = TRUE, .progress = 0.5, .width = WARM_SIZE, .height = WARM_SIZE,
    .seed = 0.5f, .direction = VITRINE_DIRECTION_LEFT,
  };
  GLint bound = 0;
  GLuint framebuffer, target;

  if (type >= VITRINE_TRANSITION_TYPE_COUNT || self->programs[type].program == 0)
    return;

  glGetIntegerv (GL_FRAMEBUFFER_BINDING, &bound);
  frame.from_texture = warm_texture (texels);
  frame.to_texture = warm_texture (texels);
  if (vitrine_transition_needs_payload (type))
    {
      frame.payload_texture = vitrine_programs_payload_texture (texels, WARM_SIZE, WARM_SIZE, WARM_SIZE * 4);
      frame.payload_width = frame.payload_height = WARM_SIZE;
    }
  target = warm_texture (NULL);
  glGenFramebuffers (1, &framebuffer);
  glBindFramebuffer (GL_FRAMEBUFFER, framebuffer);
  glFramebufferTexture2D (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target, 0);
  if (glCheckFramebufferStatus (GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE)
    vitrine_programs_draw (self, &frame);

  glBindFramebuffer (GL_FRAMEBUFFER, (GLuint) bound);
  glDeleteFramebuffers (1, &framebuffer);
  glDeleteTextures (1, &target);
  glDeleteTextures (1, &frame.from_texture);
  glDeleteTextures (1, &frame.to_texture);
  if (frame.payload_texture != 0)
    glDeleteTextures (1, &frame.payload_texture);
}
