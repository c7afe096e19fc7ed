/* vitrine-programs.c: compiling and drawing the transition programs (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk/gdk.h>

#include "vitrine-programs.h"
#include "vitrine-transition.h"

static char *
resource_text (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_strconcat ("/io/github/vitrine/Vitrine/shaders/", name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);

  return bytes != NULL ? g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) : NULL;
}

/*
 * The version line for the context, with @common_contract the shared contract, the file.
 * Test hook: @fault "compile" breaks the source, "link" leaves transition() undefined, so
 * the driver itself fails the program.
 */
static char *
load_shader_source (const char  *name,
                    gboolean     common_contract,
                    gboolean     es,
                    const char  *fault,
                    GError     **error)
{
  g_autofree char *common = common_contract ? resource_text ("common.glsl", error) : g_strdup ("");
  g_autofree char *body = common != NULL ? resource_text (name, error) : NULL;

  if (body == NULL)
    return NULL;
  if (g_strcmp0 (fault, "link") == 0)
    {
      g_free (body);
      body = g_strdup ("");
    }
  return g_strconcat (es ? "#version 300 es\nprecision highp float;\n" : "#version 330 core\n",
                      common, body,
                      g_strcmp0 (fault, "compile") == 0 ? "\nthis is not GLSL (VITRINE_GL_FAULT)\n" : "",
                      NULL);
}

static GLuint
compile (GLenum       type,
         const char  *name,
         gboolean     common_contract,
         gboolean     es,
         const char  *fault,
         GError     **error)
{
  g_autofree char *source = load_shader_source (name, common_contract, es, fault, error);
  GLuint shader;
  GLint ok = 0;

  if (source == NULL)
    return 0;
  shader = glCreateShader (type);
  glShaderSource (shader, 1, (const char * const *) &source, NULL);
  glCompileShader (shader);
  glGetShaderiv (shader, GL_COMPILE_STATUS, &ok);
  if (!ok)
    {
      char log[1024] = "";

      glGetShaderInfoLog (shader, sizeof log, NULL, log);
      g_set_error (error, GDK_GL_ERROR, GDK_GL_ERROR_COMPILATION_FAILED,
                   "shader %s does not compile: %s", name, log);
      glDeleteShader (shader);
      return 0;
    }
  return shader;
}

/* Whether the GResource has @type's shader ending in @suffix: the registry is the set of
 * files. */
static gboolean
have_shader (VitrineTransitionType  type,
             const char            *suffix)
{
  g_autofree char *path = g_strdup_printf ("/io/github/vitrine/Vitrine/shaders/%s%s",
                                           vitrine_transition_name (type), suffix);

  return g_resources_get_info (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL, NULL, NULL);
}

/*
 * The first pass of @type: quad.vert and the contract with <name>.frag; or with
 * @instanced, its pass per payload texel: <name>-instances.vert and .frag, on their own.
 */
static gboolean
build_program (VitrineProgram         *program,
               VitrineTransitionType   type,
               gboolean                instanced,
               gboolean                es,
               const char             *fault,
               GError                **error)
{
  const char *base = vitrine_transition_name (type);
  g_autofree char *vertex_name = instanced ? g_strconcat (base, "-instances.vert", NULL) : g_strdup ("quad.vert");
  g_autofree char *name = g_strconcat (base, instanced ? "-instances.frag" : ".frag", NULL);
  GLuint vertex = compile (GL_VERTEX_SHADER, vertex_name, FALSE, es, NULL, error);
  GLuint fragment = vertex != 0 ? compile (GL_FRAGMENT_SHADER, name, !instanced, es, fault, error) : 0;
  GLint ok = 0;

  if (fragment == 0)
    {
      if (vertex != 0)
        glDeleteShader (vertex);
      return FALSE;
    }

  program->program = glCreateProgram ();
  glAttachShader (program->program, vertex);
  glAttachShader (program->program, fragment);
  glLinkProgram (program->program);
  glDeleteShader (vertex);
  glDeleteShader (fragment);
  glGetProgramiv (program->program, GL_LINK_STATUS, &ok);
  if (!ok)
    {
      char log[1024] = "";

      glGetProgramInfoLog (program->program, sizeof log, NULL, log);
      g_set_error (error, GDK_GL_ERROR, GDK_GL_ERROR_LINK_FAILED, "%s does not link: %s", name, log);
      glDeleteProgram (program->program);
      program->program = 0;
      return FALSE;
    }

  program->u_from = glGetUniformLocation (program->program, "from_image");
  program->u_to = glGetUniformLocation (program->program, "to_image");
  program->u_progress = glGetUniformLocation (program->program, "progress");
  program->u_has_from = glGetUniformLocation (program->program, "has_from");
  program->u_resolution = glGetUniformLocation (program->program, "resolution");
  program->u_seed = glGetUniformLocation (program->program, "seed");
  program->u_direction = glGetUniformLocation (program->program, "direction");
  program->u_from_aspect = glGetUniformLocation (program->program, "from_aspect");
  program->u_to_aspect = glGetUniformLocation (program->program, "to_aspect");
  program->u_payload = glGetUniformLocation (program->program, "payload");
  program->u_variant = glGetUniformLocation (program->program, "variant");
  program->u_from_window = glGetUniformLocation (program->program, "from_window");
  program->u_to_window = glGetUniformLocation (program->program, "to_window");
  return TRUE;
}

static gboolean
simple_type (VitrineTransitionType type)
{
  return (VITRINE_PROGRAMS_SIMPLE_SET & VITRINE_TRANSITION_SET_FROM_TYPE (type)) != 0;
}

static void
delete_programs (VitrinePrograms *self,
                 gboolean         all)
{
  for (guint i = 0; i < VITRINE_TRANSITION_TYPE_COUNT; i++)
    {
      if (self->programs[i].program != 0 && (all || !simple_type (i)))
        {
          glDeleteProgram (self->programs[i].program);
          self->programs[i].program = 0;
        }
      if (self->instanced[i].program != 0 && (all || !simple_type (i)))
        {
          glDeleteProgram (self->instanced[i].program);
          self->instanced[i].program = 0;
        }
    }
}

/*
 * Test hook: VITRINE_GL_FAULT=compile|link breaks the first transition beyond the simple
 * three (in type order), whenever it is compiled.
 */
static const char *
fault_for (VitrineTransitionType type)
{
  const char *fault = g_getenv ("VITRINE_GL_FAULT");

  if (fault == NULL || (!g_str_equal (fault, "compile") && !g_str_equal (fault, "link")))
    return NULL;
  for (guint i = 0; i < VITRINE_TRANSITION_TYPE_COUNT; i++)
    if (!simple_type (i) && have_shader (i, ".frag"))
      return i == type ? fault : NULL;
  return NULL;
}

/* @type's passes; a failure says why in @error. */
static gboolean
build_type (VitrinePrograms       *self,
            VitrineTransitionType  type,
            GError               **error)
{
  return build_program (&self->programs[type], type, FALSE, self->es, fault_for (type), error) &&
         (!have_shader (type, "-instances.frag") ||
          build_program (&self->instanced[type], type, TRUE, self->es, NULL, error));
}

/*
 * What the first photo needs before it draws: Crossfade (its fade-in from black), with
 * Slide and Wipe, group B's set; the other transitions with a shader are left pending
 * for vitrine_programs_build_pending(), unless a demotion is already set. FALSE when not
 * even the simple three work.
 */
gboolean
vitrine_programs_build_first (VitrinePrograms  *self,
                              gboolean          es,
                              GError          **error)
{
  self->es = es;
  self->pending = VITRINE_TRANSITION_SET_NONE;
  for (guint i = 0; i < VITRINE_TRANSITION_TYPE_COUNT; i++)
    {
      if (!have_shader (i, ".frag"))
        continue;
      if (!simple_type (i))
        {
          if (self->demotion == NULL)
            self->pending |= VITRINE_TRANSITION_SET_FROM_TYPE (i);
          continue;
        }
      if (!build_type (self, i, error))
        {
          delete_programs (self, TRUE);
          self->pending = VITRINE_TRANSITION_SET_NONE;
          return FALSE;
        }
    }
  glGenVertexArrays (1, &self->vao);
  return TRUE;
}

/*
 * The pending programs among @wanted, compiled now in type order. A failure demotes to
 * group B (only Crossfade, Slide and Wipe) and sets the demotion, as at the start; FALSE
 * then. Needs the context vitrine_programs_build_first() ran in current.
 */
gboolean
vitrine_programs_build_pending (VitrinePrograms      *self,
                                VitrineTransitionSet  wanted)
{
  for (guint i = 0; i < VITRINE_TRANSITION_TYPE_COUNT; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!(self->pending & wanted & VITRINE_TRANSITION_SET_FROM_TYPE (i)))
        continue;
      self->pending &= ~VITRINE_TRANSITION_SET_FROM_TYPE (i);
      if (!build_type (self, i, &error))
        {
          vitrine_programs_demote (self, error->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* The first pending program, compiled now (see vitrine_programs_build_pending()). */
gboolean
vitrine_programs_build_next (VitrinePrograms *self)
{
  for (guint i = 0; i < VITRINE_TRANSITION_TYPE_COUNT; i++)
    if (self->pending & VITRINE_TRANSITION_SET_FROM_TYPE (i))
      return vitrine_programs_build_pending (self, VITRINE_TRANSITION_SET_FROM_TYPE (i));
  return TRUE;
}

/*
 * Every transition with a shader, compiled now (--render-transition, the settings'
 * stills); with a demotion already set, only the simple three. A failure demotes to
 * group B and sets the demotion; FALSE when not even the simple three work.
 */
gboolean
vitrine_programs_build (VitrinePrograms  *self,
                        gboolean          es,
                        GError          **error)
{
  if (!vitrine_programs_build_first (self, es, error))
    return FALSE;
  vitrine_programs_build_pending (self, VITRINE_TRANSITION_SET_ALL);
  return TRUE;
}

/* Group B from now on: only Crossfade, Slide and Wipe keep their programs. The caller logs. */
void
vitrine_programs_demote (VitrinePrograms *self,
                         const char      *reason)
{
  if (self->demotion == NULL)
    self->demotion = g_strdup (reason);
  self->pending = VITRINE_TRANSITION_SET_NONE;
  delete_programs (self, FALSE);
}

/* Deletes the GL objects; the demotion stays for the session. */
void
vitrine_programs_clear (VitrinePrograms *self)
{
  delete_programs (self, TRUE);
  self->pending = VITRINE_TRANSITION_SET_NONE;
  if (self->vao != 0)
    glDeleteVertexArrays (1, &self->vao);
  self->vao = 0;
}

gboolean
vitrine_programs_ready (const VitrinePrograms *self)
{
  return self->programs[VITRINE_TRANSITION_TYPE_CROSSFADE].program != 0;
}

/* The types this session can draw, as a set. */
VitrineTransitionSet
vitrine_programs_available (const VitrinePrograms *self)
{
  VitrineTransitionSet set = VITRINE_TRANSITION_SET_NONE;

  for (guint i = 0; i < VITRINE_TRANSITION_TYPE_COUNT; i++)
    if (self->programs[i].program != 0)
      set |= VITRINE_TRANSITION_SET_FROM_TYPE (i);
  return set;
}

/* An RGBA8 texture of @data (NULL: storage only), @stride in bytes. */
static GLuint
upload_texture (const guint8 *data,
                guint         width,
                guint         height,
                guint         stride,
                GLint         filter,
                GLint         wrap)
{
  GLuint texture;

  glGenTextures (1, &texture);
  glBindTexture (GL_TEXTURE_2D, texture);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, wrap);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, wrap);
  glPixelStorei (GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei (GL_UNPACK_ROW_LENGTH, stride / 4);
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, data);
  glPixelStorei (GL_UNPACK_ROW_LENGTH, 0);
  return texture;
}

/* An image as the compositor samples it: RGBA8, linear, clamped; @pixels may be NULL
 * (storage only), @stride in bytes. */
GLuint
vitrine_programs_image_texture (const guint8 *pixels,
                                guint         width,
                                guint         height,
                                guint         stride)
{
  return upload_texture (pixels, width, height, stride, GL_LINEAR, GL_CLAMP_TO_EDGE);
}

/* A payload from the transition worker as a texture, read texel by texel (GL's default
 * wrap, as it always had). */
GLuint
vitrine_programs_payload_texture (const guint8 *texels,
                                  guint         width,
                                  guint         height,
                                  guint         stride)
{
  return upload_texture (texels, width, height, stride, GL_NEAREST, GL_REPEAT);
}

static void
set_uniforms (const VitrineProgram *program,
              const VitrineFrame   *frame)
{
  static const float whole[4] = { 0, 0, 1, 1 };
  float w = MAX (frame->width, 1), h = MAX (frame->height, 1);

  glUseProgram (program->program);
  glUniform1i (program->u_from, 0);
  glUniform1i (program->u_to, 1);
  glUniform1i (program->u_payload, 2);
  glUniform1f (program->u_progress, (float) frame->progress);
  glUniform1i (program->u_has_from, frame->has_from);
  glUniform2f (program->u_resolution, w, h);
  glUniform1f (program->u_seed, frame->seed);
  glUniform1i (program->u_direction, (int) frame->direction);
  glUniform1i (program->u_variant, frame->variant);
  glUniform4fv (program->u_from_window, 1, frame->from_window[2] > 0 ? frame->from_window : whole);
  glUniform4fv (program->u_to_window, 1, frame->to_window[2] > 0 ? frame->to_window : whole);
  glUniform1f (program->u_from_aspect, w / h);
  glUniform1f (program->u_to_aspect, w / h);
}

/*
 * One frame into the current framebuffer. At progress 1 the simplest program draws the
 * new image alone; a type without a program is drawn as Crossfade. A type with an
 * instanced pass draws it over the first, once per payload texel, blended (premultiplied).
 * Uniforms a program does not use have location -1, which GL ignores.
 */
void
vitrine_programs_draw (const VitrinePrograms *self,
                       const VitrineFrame    *frame)
{
  VitrineTransitionType type = frame->type;
  guint instances = frame->payload_width * frame->payload_height;

  if (frame->progress >= 1.0 || self->programs[type].program == 0)
    type = VITRINE_TRANSITION_TYPE_CROSSFADE;

  glViewport (0, 0, MAX (frame->width, 1), MAX (frame->height, 1));
  glActiveTexture (GL_TEXTURE0);
  glBindTexture (GL_TEXTURE_2D, frame->from_texture);
  glActiveTexture (GL_TEXTURE1);
  glBindTexture (GL_TEXTURE_2D, frame->to_texture);
  glActiveTexture (GL_TEXTURE2);
  glBindTexture (GL_TEXTURE_2D, frame->payload_texture);
  glBindVertexArray (self->vao);

  set_uniforms (&self->programs[type], frame);
  glDrawArrays (GL_TRIANGLE_STRIP, 0, 4);

  if (self->instanced[type].program != 0 && frame->progress > 0 && frame->payload_texture != 0 && instances > 0)
    {
      set_uniforms (&self->instanced[type], frame);
      glEnable (GL_BLEND);
      glBlendFunc (GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
      glDrawArraysInstanced (GL_TRIANGLE_STRIP, 0, 4, (GLsizei) instances);
      glDisable (GL_BLEND);
    }

  glBindVertexArray (0);
  glUseProgram (0);
}
