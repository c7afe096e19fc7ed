/* test-visualizer-model.c: the visualizer card's gating, decay and fading, frame by frame
 * with the time passed in.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-visualizer-model.h"

static VitrineVisualizerParams
params (VitrineVisualizerShowWhen show_when)
{
  return (VitrineVisualizerParams) { show_when, 0.12, 0.4, 7 };
}

/* A frame of sound at @t with every smoothed bar at @level. */
static VitrineAudioFrame
sound (double t,
       float  level)
{
  VitrineAudioFrame frame = { .generation = 7, .frame = (guint64) (t * 100), .timestamp = t,
                              .last_sound = t, .bar_count = 4 };

  for (guint i = 0; i < 4; i++)
    frame.smoothed[i] = frame.peaks[i] = level;
  return frame;
}

static void
test_lit_segments (void)
{
  g_assert_cmpuint (vitrine_visualizer_lit_segments (0.0f), ==, 1);
  g_assert_cmpuint (vitrine_visualizer_lit_segments (-1.0f), ==, 1);
  g_assert_cmpuint (vitrine_visualizer_lit_segments (0.5f), ==, 9);
  g_assert_cmpuint (vitrine_visualizer_lit_segments (1.0f), ==, 18);
  g_assert_cmpuint (vitrine_visualizer_lit_segments (7.0f), ==, 18);
}

static void
test_playing_gate (void)
{
  VitrineVisualizerParams p = params (VITRINE_VISUALIZER_SHOW_WHEN_PLAYING);
  VitrineVisualizerModel model;
  double t = 100;

  vitrine_visualizer_model_init (&model, 4);

  /* Sound, but no player says Playing: nothing shows. */
  for (guint i = 0; i < 50; i++, t += 0.02)
    {
      VitrineAudioFrame frame = sound (t, 0.8f);

      vitrine_visualizer_model_update (&model, &p, &frame, FALSE, t);
    }
  g_assert_cmpfloat (model.opacity, ==, 0.0);
  g_assert_cmpfloat (model.bars[0], ==, 0.0f);

  /* Playing: the bars follow at once, the card fades in over 0.4 s. */
  for (guint i = 0; i < 10; i++, t += 0.02)
    {
      VitrineAudioFrame frame = sound (t, 0.8f);

      vitrine_visualizer_model_update (&model, &p, &frame, TRUE, t);
    }
  g_assert_cmpfloat (model.bars[2], ==, 0.8f);
  g_assert_cmpfloat (model.opacity, >, 0.3);
  g_assert_cmpfloat (model.opacity, <, 0.6);
  for (guint i = 0; i < 20; i++, t += 0.02)
    {
      VitrineAudioFrame frame = sound (t, 0.8f);

      vitrine_visualizer_model_update (&model, &p, &frame, TRUE, t);
    }
  g_assert_cmpfloat (model.opacity, ==, 1.0);
}

static void
test_decay_then_fade (void)
{
  VitrineVisualizerParams p = params (VITRINE_VISUALIZER_SHOW_WHEN_PLAYING);
  VitrineVisualizerModel model;
  VitrineAudioFrame last;
  double t = 50, previous = 1;
  guint frames_to_zero = 0;

  vitrine_visualizer_model_init (&model, 4);
  for (guint i = 0; i < 40; i++, t += 0.02)
    {
      last = sound (t, 1.0f);
      vitrine_visualizer_model_update (&model, &p, &last, TRUE, t);
    }
  g_assert_cmpfloat (model.opacity, ==, 1.0);

  /* The stream stops: the same last frame keeps being read, and goes quiet after 0.4 s.
   * The bars then fall every frame (never frozen) until they reach zero, and only then
   * does the card fade out. */
  for (guint i = 0; i < 19; i++, t += 0.02)
    vitrine_visualizer_model_update (&model, &p, &last, TRUE, t);
  g_assert_cmpfloat (model.bars[0], ==, 1.0f);
  for (; model.bars[0] > 0; t += 0.02, frames_to_zero++)
    {
      vitrine_visualizer_model_update (&model, &p, &last, TRUE, t);
      g_assert_cmpfloat (model.bars[0], <, previous);
      previous = model.bars[0];
      g_assert_cmpuint (frames_to_zero, <, 1000);
    }
  /* Decay alpha per 20 ms frame with tau 0.12: 1 - exp(-0.02 / 0.36) = 0.0540; from 1 to
   * below 1e-3 takes ceil(ln(1000) / -ln(1 - 0.0540)) = 125 frames. */
  g_assert_cmpuint (frames_to_zero, ==, 125);
  g_test_message ("bars at zero after %u frames", frames_to_zero);

  /* Ghost peaks fall at 0.4 per second: they may still be up; once they are down too, the
   * card fades over 0.4 s. */
  for (guint i = 0; i < 200; i++, t += 0.02)
    vitrine_visualizer_model_update (&model, &p, &last, TRUE, t);
  g_assert_cmpfloat (model.peaks[0], ==, 0.0f);
  g_assert_cmpfloat (model.opacity, ==, 0.0);
}

static void
test_pause_decays (void)
{
  VitrineVisualizerParams p = params (VITRINE_VISUALIZER_SHOW_WHEN_PLAYING);
  VitrineVisualizerModel model;
  double t = 10;

  vitrine_visualizer_model_init (&model, 4);
  for (guint i = 0; i < 30; i++, t += 0.02)
    {
      VitrineAudioFrame frame = sound (t, 0.6f);

      vitrine_visualizer_model_update (&model, &p, &frame, TRUE, t);
    }
  /* Paused, while frames of sound still arrive (the player's buffer): the bars fall. */
  {
    VitrineAudioFrame frame = sound (t, 0.6f);

    vitrine_visualizer_model_update (&model, &p, &frame, FALSE, t + 0.02);
    g_assert_cmpfloat (model.bars[0], <, 0.6f);
  }
}

static void
test_other_generation_ignored (void)
{
  VitrineVisualizerParams p = params (VITRINE_VISUALIZER_SHOW_WHEN_AUDIO);
  VitrineVisualizerModel model;
  VitrineAudioFrame frame = sound (5, 0.9f);

  vitrine_visualizer_model_init (&model, 4);
  frame.generation = 6;
  for (double t = 5; t < 6; t += 0.02)
    vitrine_visualizer_model_update (&model, &p, &frame, TRUE, t);
  g_assert_cmpfloat (model.bars[0], ==, 0.0f);
  g_assert_cmpfloat (model.opacity, ==, 0.0);
}

static void
test_always (void)
{
  VitrineVisualizerParams p = params (VITRINE_VISUALIZER_SHOW_WHEN_ALWAYS);
  VitrineVisualizerModel model;

  vitrine_visualizer_model_init (&model, 15);
  for (double t = 1; t < 2; t += 0.02)
    vitrine_visualizer_model_update (&model, &p, NULL, FALSE, t);
  g_assert_cmpfloat (model.opacity, ==, 1.0);
  g_assert_cmpuint (model.bar_count, ==, 15);
  g_assert_cmpfloat (model.bars[14], ==, 0.0f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/VisualizerModel/lit-segments", test_lit_segments);
  g_test_add_func ("/VisualizerModel/playing-gate", test_playing_gate);
  g_test_add_func ("/VisualizerModel/decay-then-fade", test_decay_then_fade);
  g_test_add_func ("/VisualizerModel/pause-decays", test_pause_decays);
  g_test_add_func ("/VisualizerModel/other-generation-ignored", test_other_generation_ignored);
  g_test_add_func ("/VisualizerModel/always", test_always);

  return g_test_run ();
}
