/* vitrine-compositor-programs.c: a display's transition programs, compiled in two steps
 * (docs/ARCHITECTURE.md §7). At realize only what the first photo needs before it draws:
 * Crossfade (its fade-in from black), with Slide and Wipe, group B's set. The others are
 * compiled once that photo is on screen, one per idle callback at low priority while no
 * image is on its way and nothing fades; and a transition about to be chosen whose
 * program is still pending is compiled right then, so that none starts half-ready and
 * the choice is made from the same set as when everything was compiled at realize. A
 * compile or link failure demotes the session to group B, whenever it happens.
 *
 * Then each program is drawn once offscreen (vitrine_programs_warm()), the same way, one
 * per idle: llvmpipe compiles a shader's machine code at its first draw, 5 to 8 ms each,
 * which would otherwise land in the first frame of each transition type.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-compositor-private.h"
#include "vitrine-transition.h"

/* At realize, with the context current: FALSE (and @error) when not even the simple
 * three work. */
gboolean
_vitrine_compositor_build_programs (VitrineCompositor  *self,
                                    gboolean            es,
                                    GError            **error)
{
  _vitrine_compositor_stop_compiling (self);
  self->warmed = VITRINE_TRANSITION_SET_NONE;
  return vitrine_programs_build_first (&self->programs, es, error);
}

/* A program that failed: the session goes to group B, with its reason, as at realize. */
static void
report (VitrineCompositor *self,
        gboolean           built)
{
  if (!built && self->programs.demotion != NULL)
    vitrine_renderer_session_demote (self->session, VITRINE_RENDERER_GROUP_B, self->programs.demotion);
}

/* Compiled but not drawn yet in this context. */
static VitrineTransitionSet
unwarmed (VitrineCompositor *self)
{
  return vitrine_programs_available (&self->programs) & ~self->warmed;
}

/* One of @set's programs drawn once offscreen, if it has any. */
static void
warm_one (VitrineCompositor    *self,
          VitrineTransitionSet  set)
{
  for (guint i = 0; i < VITRINE_TRANSITION_TYPE_COUNT; i++)
    if (set & VITRINE_TRANSITION_SET_FROM_TYPE (i))
      {
        vitrine_programs_warm (&self->programs, i);
        self->warmed |= VITRINE_TRANSITION_SET_FROM_TYPE (i);
        return;
      }
}

static gboolean
idle_work_left (VitrineCompositor *self)
{
  return self->programs.pending != VITRINE_TRANSITION_SET_NONE || unwarmed (self) != VITRINE_TRANSITION_SET_NONE;
}

/* What the next choice (vitrine-compositor-payload.c) may pick, after the first image. */
static VitrineTransitionSet
next_choices (VitrineCompositor *self)
{
  if (self->next_type >= 0)
    return VITRINE_TRANSITION_SET_FROM_TYPE (self->next_type);
  if (g_settings_get_boolean (self->settings, "random"))
    return g_settings_get_flags (self->settings, "pool");
  return VITRINE_TRANSITION_SET_FROM_TYPE (g_settings_get_enum (self->settings, "type"));
}

/*
 * Before the next image's transition is chosen (the screen still, nothing uploading): the
 * programs it may pick that are still pending are compiled now. The first image always
 * fades in with Crossfade, which is there from the start.
 */
void
_vitrine_compositor_prepare_transition (VitrineCompositor *self)
{
  VitrineTransitionSet wanted;

  if (self->software || !idle_work_left (self) || !self->has_front)
    return;
  wanted = next_choices (self);
  if ((wanted & (self->programs.pending | unwarmed (self))) == VITRINE_TRANSITION_SET_NONE)
    return;
  gtk_gl_area_make_current (GTK_GL_AREA (self));
  if (wanted & self->programs.pending)
    report (self, vitrine_programs_build_pending (&self->programs, wanted & self->programs.pending));
  /* One type chosen by the settings is drawn once now too; a pool is left to the idle. */
  if (!(wanted & (wanted - 1)))
    warm_one (self, wanted & unwarmed (self));
}

static gboolean
compile_cb (gpointer user_data)
{
  VitrineCompositor *self = user_data;

  /* Not while an image is on its way or fading: its frames come first. The next still
   * tick asks again. */
  if (self->software || !idle_work_left (self) ||
      vitrine_compositor_get_busy (self) || !gtk_widget_get_realized (GTK_WIDGET (self)))
    {
      self->compile_id = 0;
      return G_SOURCE_REMOVE;
    }
  gtk_gl_area_make_current (GTK_GL_AREA (self));
  if (self->programs.pending != VITRINE_TRANSITION_SET_NONE)
    report (self, vitrine_programs_build_next (&self->programs));
  else
    warm_one (self, unwarmed (self));
  if (idle_work_left (self))
    return G_SOURCE_CONTINUE;
  self->compile_id = 0;
  return G_SOURCE_REMOVE;
}

/* Each tick: once an image is on screen and still, the pending programs follow. */
void
_vitrine_compositor_compile_later (VitrineCompositor *self)
{
  if (self->compile_id != 0 || self->software || !self->has_front || !idle_work_left (self) ||
      vitrine_compositor_get_busy (self))
    return;
  self->compile_id = g_idle_add_full (G_PRIORITY_LOW, compile_cb, self, NULL);
}

void
_vitrine_compositor_stop_compiling (VitrineCompositor *self)
{
  g_clear_handle_id (&self->compile_id, g_source_remove);
}
