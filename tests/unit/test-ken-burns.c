/* test-ken-burns.c: the pan and zoom of a shown image: the view stays inside the texture
 * at every time, starts and ends where planned, zooms between all of the texture and the
 * zoom's margin, and is the same for the same random state.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-ken-burns.h"

#define SECONDS 6.0
#define ZOOM    1.25

/* float precision: the window is handed to GL as floats. */
#define EPSILON 1e-6

static void
plan_with_seed (VitrineKenBurns *motion,
                guint32          seed,
                double           seconds,
                double           zoom)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  g_assert_true (vitrine_ken_burns_plan (motion, seconds, zoom, rand));
}

static gint64
at (double seconds)
{
  return (gint64) (seconds * G_USEC_PER_SEC);
}

static void
assert_inside (const float window[4])
{
  g_assert_cmpfloat (window[2], ==, window[3]);
  g_assert_cmpfloat (window[2], >=, 1.0 / ZOOM - EPSILON);
  g_assert_cmpfloat (window[2], <=, 1.0);
  g_assert_cmpfloat (window[0], >=, 0.0);
  g_assert_cmpfloat (window[1], >=, 0.0);
  g_assert_cmpfloat (window[0] + window[2], <=, 1.0 + EPSILON);
  g_assert_cmpfloat (window[1] + window[3], <=, 1.0 + EPSILON);
}

static void
test_zoom_margin (void)
{
  g_assert_cmpfloat_with_epsilon (vitrine_ken_burns_zoom (2400, 1920), 1.25, 1e-12);
  g_assert_cmpfloat (vitrine_ken_burns_zoom (1920, 1920), ==, 1.0);
  /* Before the widget has a size there is no margin to move in. */
  g_assert_cmpfloat (vitrine_ken_burns_zoom (1920, 0), ==, 1.0);
}

/* No motion: too little margin, or no time to move in; the whole texture is shown. */
static void
test_still (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  VitrineKenBurns motion;
  float window[4];

  g_assert_false (vitrine_ken_burns_plan (&motion, SECONDS, 1.005, rand));
  g_assert_false (vitrine_ken_burns_moving (&motion));
  g_assert_false (vitrine_ken_burns_plan (&motion, 0, ZOOM, rand));
  g_assert_false (vitrine_ken_burns_moving (&motion));
  g_assert_false (vitrine_ken_burns_moving (NULL));

  vitrine_ken_burns_window (&motion, at (1), window);
  g_assert_cmpfloat (window[0], ==, 0);
  g_assert_cmpfloat (window[1], ==, 0);
  g_assert_cmpfloat (window[2], ==, 1);
  g_assert_cmpfloat (window[3], ==, 1);

  /* Exactly at the threshold it moves. */
  g_assert_true (vitrine_ken_burns_plan (&motion, SECONDS, VITRINE_KEN_BURNS_MIN_ZOOM, rand));
}

/* One end is the whole texture, the other the zoom's margin; both directions occur. */
static void
test_zoom_range (void)
{
  guint zoom_in = 0, zoom_out = 0;

  for (guint32 seed = 0; seed < 200; seed++)
    {
      VitrineKenBurns motion;

      plan_with_seed (&motion, seed, SECONDS, ZOOM);
      g_assert_true (vitrine_ken_burns_moving (&motion));
      if (motion.scale[0] == 1.0)
        {
          g_assert_cmpfloat_with_epsilon (motion.scale[1], 1.0 / ZOOM, 1e-12);
          zoom_in++;
        }
      else
        {
          g_assert_cmpfloat_with_epsilon (motion.scale[0], 1.0 / ZOOM, 1e-12);
          g_assert_cmpfloat (motion.scale[1], ==, 1.0);
          zoom_out++;
        }
    }
  g_assert_cmpuint (zoom_in, >, 50);
  g_assert_cmpuint (zoom_out, >, 50);
}

/* At every time, before the start and past the end included, the view is in the texture. */
static void
test_inside_always (void)
{
  for (guint32 seed = 0; seed < 200; seed++)
    {
      VitrineKenBurns motion;

      plan_with_seed (&motion, seed, SECONDS, ZOOM);
      for (double t = -1.0; t <= SECONDS + 1.0; t += 0.05)
        {
          float window[4];

          vitrine_ken_burns_window (&motion, at (t), window);
          assert_inside (window);
        }
    }
}

/* The start and end are the planned places and scales, and time outside the motion holds them. */
static void
test_start_and_end (void)
{
  for (guint32 seed = 0; seed < 50; seed++)
    {
      VitrineKenBurns motion;
      float start[4], before[4], end[4], after[4], middle[4], quarter[4];

      plan_with_seed (&motion, seed, SECONDS, ZOOM);
      vitrine_ken_burns_window (&motion, 0, start);
      vitrine_ken_burns_window (&motion, at (-2), before);
      vitrine_ken_burns_window (&motion, at (SECONDS), end);
      vitrine_ken_burns_window (&motion, at (SECONDS * 3), after);
      vitrine_ken_burns_window (&motion, at (SECONDS / 2), middle);
      vitrine_ken_burns_window (&motion, at (SECONDS / 4), quarter);

      g_assert_cmpfloat_with_epsilon (start[2], motion.scale[0], EPSILON);
      g_assert_cmpfloat_with_epsilon (start[0], motion.centre[0][0] - motion.scale[0] / 2, EPSILON);
      g_assert_cmpfloat_with_epsilon (start[1], motion.centre[0][1] - motion.scale[0] / 2, EPSILON);
      g_assert_cmpfloat_with_epsilon (end[2], motion.scale[1], EPSILON);
      g_assert_cmpfloat_with_epsilon (end[0], motion.centre[1][0] - motion.scale[1] / 2, EPSILON);
      g_assert_cmpfloat_with_epsilon (end[1], motion.centre[1][1] - motion.scale[1] / 2, EPSILON);
      for (guint i = 0; i < 4; i++)
        {
          g_assert_cmpfloat (before[i], ==, start[i]);
          g_assert_cmpfloat (after[i], ==, end[i]);
        }
      /* Sine in-out is symmetric: half the time is half the zoom; a quarter of the time is
       * (1 - cos (π / 4)) / 2 of it, a slow start. */
      g_assert_cmpfloat_with_epsilon (middle[2], (motion.scale[0] + motion.scale[1]) / 2, EPSILON);
      g_assert_cmpfloat_with_epsilon (quarter[2] - motion.scale[0],
                                      (motion.scale[1] - motion.scale[0]) * (1 - cos (G_PI / 4)) / 2, EPSILON);
    }
}

/* The zoom only ever goes one way: no pumping in and out within one image. */
static void
test_monotonic (void)
{
  for (guint32 seed = 0; seed < 50; seed++)
    {
      VitrineKenBurns motion;
      float previous[4];

      plan_with_seed (&motion, seed, SECONDS, ZOOM);
      vitrine_ken_burns_window (&motion, 0, previous);
      for (double t = 0.1; t <= SECONDS; t += 0.1)
        {
          float window[4];

          vitrine_ken_burns_window (&motion, at (t), window);
          if (motion.scale[1] > motion.scale[0])
            g_assert_cmpfloat (window[2], >=, previous[2]);
          else
            g_assert_cmpfloat (window[2], <=, previous[2]);
          memcpy (previous, window, sizeof previous);
        }
    }
}

/* The same random state plans the same motion; other states plan others. */
static void
test_deterministic (void)
{
  VitrineKenBurns a, b, c;

  plan_with_seed (&a, 42, SECONDS, ZOOM);
  plan_with_seed (&b, 42, SECONDS, ZOOM);
  plan_with_seed (&c, 43, SECONDS, ZOOM);
  g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
  g_assert_true (memcmp (&a, &c, sizeof a) != 0);
  g_assert_cmpfloat (a.seconds, ==, SECONDS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Ken Burns: the view pans and zooms inside the image, as planned");

  g_test_add_func ("/KenBurns/zoom-margin", test_zoom_margin);
  g_test_add_func ("/KenBurns/still", test_still);
  g_test_add_func ("/KenBurns/zoom-range", test_zoom_range);
  g_test_add_func ("/KenBurns/inside-always", test_inside_always);
  g_test_add_func ("/KenBurns/start-and-end", test_start_and_end);
  g_test_add_func ("/KenBurns/monotonic", test_monotonic);
  g_test_add_func ("/KenBurns/deterministic", test_deterministic);

  return g_test_run ();
}
