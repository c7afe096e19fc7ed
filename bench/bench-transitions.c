/* bench-transitions.c: frame time of every transition at 1920×1080 (build-aux/dev bench
 * transitions), drawn offscreen with the compositor's programs, each as a ratio to
 * Crossfade's in the same run. Each frame is timed from its first GL call to glFinish(),
 * so the GPU's (here llvmpipe's) work is inside. Payloads are computed here on the grids
 * the default settings give. Needs a display server (Xvfb is fine).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>

#include "vitrine-latency.h"
#include "vitrine-programs.h"
#include "vitrine-transition.h"

#define WIDTH  1920
#define HEIGHT 1080
#define FRAMES 60

static GLuint
pattern_texture (gboolean rings)
{
  g_autofree guint8 *pixels = g_malloc ((gsize) WIDTH * HEIGHT * 4);

  for (guint y = 0; y < HEIGHT; y++)
    for (guint x = 0; x < WIDTH; x++)
      {
        guint8 *p = pixels + ((gsize) y * WIDTH + x) * 4;

        p[0] = rings ? 40 : (guint8) (x * 255 / WIDTH);
        p[1] = rings ? (guint8) ((x * x + y * y) / 97) : (guint8) (((x + y) / 32) % 2 ? 200 : 60);
        p[2] = (guint8) (y * 255 / HEIGHT);
        p[3] = 255;
      }
  return vitrine_programs_payload_texture (pixels, WIDTH, HEIGHT, WIDTH * 4);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  VitrinePrograms programs = { 0 };
  VitrineLatencySummary summaries[VITRINE_TRANSITION_TYPE_COUNT] = { 0 };
  GLuint from, to, payloads[VITRINE_TRANSITION_TYPE_COUNT] = { 0 }, target, framebuffer;
  guint8 order[60 * 34 * 4], schedule[10 * 6 * 4], shards[10 * 6 * 4], balls[60 * 34 * 4];
  guint payload_size[VITRINE_TRANSITION_TYPE_COUNT][2] = { { 0 } };

  gtk_init ();
  if (gdk_display_get_default () == NULL)
    g_error ("needs a display server (run under xvfb-run)");
  context = gdk_display_create_gl_context (gdk_display_get_default (), &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    g_error ("no GL: %s", error->message);
  gdk_gl_context_make_current (context);
  if (!vitrine_programs_build (&programs, gdk_gl_context_get_use_es (context), &error))
    g_error ("%s", error->message);

  from = pattern_texture (FALSE);
  to = pattern_texture (TRUE);
  /* Each payload on the grid the default settings give at this size. */
  vitrine_transition_diffuse_order (60, 34, 1, order);
  vitrine_transition_puzzle_schedule (10, 6, VITRINE_DIRECTION_LEFT, 1, schedule);
  vitrine_transition_crumble_shards (10, 6, VITRINE_CRUMBLE_ORDER_RANDOM, 1, shards);
  payloads[VITRINE_TRANSITION_TYPE_DIFFUSE] = vitrine_programs_payload_texture (order, 60, 34, 60 * 4);
  payloads[VITRINE_TRANSITION_TYPE_BLOCK_PUZZLE_FLIP] = vitrine_programs_payload_texture (schedule, 10, 6, 10 * 4);
  payloads[VITRINE_TRANSITION_TYPE_CRUMBLE] = vitrine_programs_payload_texture (shards, 10, 6, 10 * 4);
  vitrine_transition_particle_schedule (60, 34, VITRINE_PARTICLE_MODE_DIRECTIONAL, VITRINE_DIRECTION_LEFT, 1, balls);
  payloads[VITRINE_TRANSITION_TYPE_PARTICLE] = vitrine_programs_payload_texture (balls, 60, 34, 60 * 4);
  payload_size[VITRINE_TRANSITION_TYPE_DIFFUSE][0] = payload_size[VITRINE_TRANSITION_TYPE_PARTICLE][0] = 60;
  payload_size[VITRINE_TRANSITION_TYPE_DIFFUSE][1] = payload_size[VITRINE_TRANSITION_TYPE_PARTICLE][1] = 34;
  payload_size[VITRINE_TRANSITION_TYPE_BLOCK_PUZZLE_FLIP][0] = payload_size[VITRINE_TRANSITION_TYPE_CRUMBLE][0] = 10;
  payload_size[VITRINE_TRANSITION_TYPE_BLOCK_PUZZLE_FLIP][1] = payload_size[VITRINE_TRANSITION_TYPE_CRUMBLE][1] = 6;
  glGenTextures (1, &target);
  glBindTexture (GL_TEXTURE_2D, target);
  glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, WIDTH, HEIGHT, 0, GL_RGBA, GL_UNSIGNED_BYTE, NULL);
  glGenFramebuffers (1, &framebuffer);
  glBindFramebuffer (GL_FRAMEBUFFER, framebuffer);
  glFramebufferTexture2D (GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, target, 0);

  printf ("frame time at %dx%d, %d frames per transition over progress 0..1, renderer %s\n",
          WIDTH, HEIGHT, FRAMES, (const char *) glGetString (GL_RENDERER));
  for (guint t = 0; t < VITRINE_TRANSITION_TYPE_COUNT; t++)
    {
      VitrineFrame frame = {
        .type = t, .from_texture = from, .to_texture = to, .payload_texture = payloads[t],
        .payload_width = payload_size[t][0], .payload_height = payload_size[t][1], .has_from = TRUE,
        .progress = 0.5, .width = WIDTH, .height = HEIGHT, .seed = 0.3f, .direction = VITRINE_DIRECTION_LEFT,
      };
      double samples[FRAMES];

      if (!(vitrine_programs_available (&programs) & VITRINE_TRANSITION_SET_FROM_TYPE (t)))
        continue;
      /* One frame first: shader caches and texture residency. */
      vitrine_programs_draw (&programs, &frame);
      glFinish ();
      for (guint f = 0; f < FRAMES; f++)
        {
          gint64 start = g_get_monotonic_time ();

          frame.progress = (f + 0.5) / FRAMES;
          vitrine_programs_draw (&programs, &frame);
          glFinish ();
          samples[f] = (g_get_monotonic_time () - start) / 1000.0;
        }
      vitrine_latency_summarize_array (samples, FRAMES, &summaries[t]);
    }

  for (guint t = 0; t < VITRINE_TRANSITION_TYPE_COUNT; t++)
    {
      const VitrineLatencySummary *s = &summaries[t];

      if (s->max == 0)
        printf ("%-18s (no program yet)\n", vitrine_transition_name (t));
      else
        printf ("%-18s p50 %7.2f ms  p95 %7.2f ms  p99 %7.2f ms  max %7.2f ms   p50 %.2fx crossfade\n",
                vitrine_transition_name (t), s->p50, s->p95, s->p99, s->max,
                s->p50 / summaries[VITRINE_TRANSITION_TYPE_CROSSFADE].p50);
    }

  glBindFramebuffer (GL_FRAMEBUFFER, 0);
  glDeleteFramebuffers (1, &framebuffer);
  glDeleteTextures (1, &target);
  glDeleteTextures (1, &from);
  glDeleteTextures (1, &to);
  for (guint t = 0; t < VITRINE_TRANSITION_TYPE_COUNT; t++)
    if (payloads[t] != 0)
      glDeleteTextures (1, &payloads[t]);
  vitrine_programs_clear (&programs);
  g_free (programs.demotion);
  return 0;
}
