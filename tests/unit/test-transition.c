/* test-transition.c: transition names, easing curves with hand-computed values, and the
 * random picks that never repeat.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-enum-types.h"
#include "vitrine-transition.h"

static void
test_names (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VITRINE_TYPE_TRANSITION_TYPE);
  VitrineTransitionType type;

  /* The names are the schema's nicks, for every type. */
  for (guint i = 0; i < VITRINE_TRANSITION_TYPE_COUNT; i++)
    {
      g_assert_cmpstr (vitrine_transition_name (i), ==, g_enum_get_value (klass, i)->value_nick);
      g_assert_true (vitrine_transition_from_name (vitrine_transition_name (i), &type));
      g_assert_cmpint (type, ==, i);
    }
  g_assert_cmpstr (vitrine_transition_name (VITRINE_TRANSITION_TYPE_BLOCK_PUZZLE_FLIP), ==, "block-puzzle-flip");
  g_assert_null (vitrine_transition_name (VITRINE_TRANSITION_TYPE_COUNT));
  g_assert_false (vitrine_transition_from_name ("fade", &type));
  g_assert_cmpint (vitrine_transition_next_type (VITRINE_TRANSITION_TYPE_PARTICLE), ==,
                   VITRINE_TRANSITION_TYPE_CROSSFADE);
  g_assert_cmpint (vitrine_transition_next_type (VITRINE_TRANSITION_TYPE_CROSSFADE), ==,
                   VITRINE_TRANSITION_TYPE_SLIDE);
}

static void
test_easing (void)
{
  static const struct { VitrineEasing easing; double at_half; } cases[] = {
    { VITRINE_EASING_LINEAR, 0.5 },
    { VITRINE_EASING_QUAD_IN, 0.25 },
    { VITRINE_EASING_QUAD_OUT, 0.75 },
    { VITRINE_EASING_QUAD_IN_OUT, 0.5 },
    { VITRINE_EASING_CUBIC_IN, 0.125 },
    { VITRINE_EASING_CUBIC_OUT, 0.875 },
    { VITRINE_EASING_CUBIC_IN_OUT, 0.5 },
    { VITRINE_EASING_SINE_IN, 0.29289321881345 },     /* 1 - cos(pi/4) */
    { VITRINE_EASING_SINE_OUT, 0.70710678118655 },    /* sin(pi/4) */
    { VITRINE_EASING_SINE_IN_OUT, 0.5 },
    { VITRINE_EASING_EXPO_IN, 0.03125 },              /* 2^-5 */
    { VITRINE_EASING_EXPO_OUT, 0.96875 },
    { VITRINE_EASING_EXPO_IN_OUT, 0.5 },
    { VITRINE_EASING_BACK_IN, -0.0876975 },           /* 2.70158/8 - 1.70158/4 */
    { VITRINE_EASING_BACK_OUT, 1.0876975 },
    { VITRINE_EASING_BACK_IN_OUT, 0.5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("easing %d", cases[i].easing);
      g_assert_cmpfloat_with_epsilon (vitrine_easing_apply (cases[i].easing, 0.0), 0.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (vitrine_easing_apply (cases[i].easing, 1.0), 1.0, 1e-9);
      g_assert_cmpfloat_with_epsilon (vitrine_easing_apply (cases[i].easing, 0.5), cases[i].at_half, 1e-7);
      /* Outside [0, 1] the progress is clamped first. */
      g_assert_cmpfloat_with_epsilon (vitrine_easing_apply (cases[i].easing, 1.5), 1.0, 1e-9);
    }
  /* Quad in at 0.25 is 0.0625; cubic in-out at 0.25 is 4/64. */
  g_assert_cmpfloat_with_epsilon (vitrine_easing_apply (VITRINE_EASING_QUAD_IN, 0.25), 0.0625, 1e-12);
  g_assert_cmpfloat_with_epsilon (vitrine_easing_apply (VITRINE_EASING_CUBIC_IN_OUT, 0.25), 0.0625, 1e-12);
}

static void
test_pick (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  VitrineTransitionSet pool = VITRINE_TRANSITION_SET_SLIDE | VITRINE_TRANSITION_SET_WIPE |
                              VITRINE_TRANSITION_SET_RIPPLE;
  guint seen[VITRINE_TRANSITION_TYPE_COUNT] = { 0 };
  int previous = -1;

  for (guint i = 0; i < 3000; i++)
    {
      VitrineTransitionType type = vitrine_transition_pick (pool, previous, rand);

      g_assert_true (pool & VITRINE_TRANSITION_SET_FROM_TYPE (type));
      g_assert_cmpint ((int) type, !=, previous);
      seen[type]++;
      previous = type;
    }
  /* All three come up, about a third each. */
  g_assert_cmpuint (seen[VITRINE_TRANSITION_TYPE_SLIDE], >, 800);
  g_assert_cmpuint (seen[VITRINE_TRANSITION_TYPE_WIPE], >, 800);
  g_assert_cmpuint (seen[VITRINE_TRANSITION_TYPE_RIPPLE], >, 800);

  /* A pool of one repeats it; an empty pool falls back to Crossfade. */
  g_assert_cmpint (vitrine_transition_pick (VITRINE_TRANSITION_SET_BLINDS, VITRINE_TRANSITION_TYPE_BLINDS, rand),
                   ==, VITRINE_TRANSITION_TYPE_BLINDS);
  g_assert_cmpint (vitrine_transition_pick (VITRINE_TRANSITION_SET_NONE, -1, rand), ==,
                   VITRINE_TRANSITION_TYPE_CROSSFADE);
}

static void
test_direction (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  VitrineDirection previous = VITRINE_DIRECTION_RANDOM;
  gboolean diagonal_seen = FALSE;

  g_assert_cmpint (vitrine_transition_pick_direction (VITRINE_DIRECTION_UP, VITRINE_DIRECTION_UP, FALSE, rand),
                   ==, VITRINE_DIRECTION_UP);
  for (guint i = 0; i < 500; i++)
    {
      VitrineDirection d = vitrine_transition_pick_direction (VITRINE_DIRECTION_RANDOM, previous, TRUE, rand);

      /* "Random" remembers the last direction so that it changes. */
      g_assert_cmpint (d, !=, previous);
      g_assert_cmpint (d, !=, VITRINE_DIRECTION_RANDOM);
      diagonal_seen |= d >= VITRINE_DIRECTION_DIAGONAL_DOWN_RIGHT;
      previous = d;
    }
  g_assert_true (diagonal_seen);
  /* Without diagonals (slide), a diagonal setting gives its horizontal part. */
  g_assert_cmpint (vitrine_transition_pick_direction (VITRINE_DIRECTION_DIAGONAL_DOWN_LEFT,
                                                      VITRINE_DIRECTION_UP, FALSE, rand), ==,
                   VITRINE_DIRECTION_LEFT);
  g_assert_cmpint (vitrine_transition_pick_direction (VITRINE_DIRECTION_DIAGONAL_DOWN_RIGHT,
                                                      VITRINE_DIRECTION_UP, FALSE, rand), ==,
                   VITRINE_DIRECTION_RIGHT);
  g_assert_cmpint (vitrine_transition_pick_direction (VITRINE_DIRECTION_DIAGONAL_DOWN_RIGHT,
                                                      VITRINE_DIRECTION_UP, TRUE, rand), ==,
                   VITRINE_DIRECTION_DIAGONAL_DOWN_RIGHT);
}

static void
test_diffuse_order (void)
{
  guint8 a[60 * 34 * 4], b[60 * 34 * 4], c[60 * 34 * 4];
  g_autofree gboolean *seen = g_new0 (gboolean, 65536);

  vitrine_transition_diffuse_order (60, 34, 7, a);
  vitrine_transition_diffuse_order (60, 34, 7, b);
  vitrine_transition_diffuse_order (60, 34, 8, c);
  /* The same for a seed, another for another seed. */
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  g_assert_true (memcmp (a, c, sizeof a) != 0);

  /* A permutation: every block has its own rank, from 0 to 65535. */
  for (guint i = 0; i < 60 * 34; i++)
    {
      guint rank = a[4 * i] << 8 | a[4 * i + 1];

      g_assert_false (seen[rank]);
      seen[rank] = TRUE;
      g_assert_cmpuint (a[4 * i + 3], ==, 255);
    }
  g_assert_true (seen[0]);
  g_assert_true (seen[65535]);
  g_assert_true (vitrine_transition_needs_payload (VITRINE_TRANSITION_TYPE_DIFFUSE));
  g_assert_false (vitrine_transition_needs_payload (VITRINE_TRANSITION_TYPE_WIPE));
}

static double
puzzle_start (const guint8 *rgba,
              guint         i)
{
  return (rgba[4 * i] << 8 | rgba[4 * i + 1]) / 65535.0;
}

static void
test_puzzle_schedule (void)
{
  guint8 a[10 * 6 * 4], b[10 * 6 * 4], c[10 * 6 * 4], down[10 * 6 * 4];
  double first_column = 0, last_column = 0, lo = 1, hi = 0;

  vitrine_transition_puzzle_schedule (10, 6, VITRINE_DIRECTION_LEFT, 3, a);
  vitrine_transition_puzzle_schedule (10, 6, VITRINE_DIRECTION_LEFT, 3, b);
  vitrine_transition_puzzle_schedule (10, 6, VITRINE_DIRECTION_LEFT, 4, c);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  g_assert_true (memcmp (a, c, sizeof a) != 0);

  /* Moving left, the wave starts at the right edge: the right column goes first. */
  for (guint r = 0; r < 6; r++)
    {
      first_column += puzzle_start (a, r * 10 + 0);
      last_column += puzzle_start (a, r * 10 + 9);
    }
  g_assert_cmpfloat (last_column / 6, <, 0.2);
  g_assert_cmpfloat (first_column / 6, >, 0.8);

  /* The starts span the whole range: the first block at 0, the last at 1. */
  for (guint i = 0; i < 60; i++)
    {
      lo = MIN (lo, puzzle_start (a, i));
      hi = MAX (hi, puzzle_start (a, i));
    }
  g_assert_cmpfloat (lo, ==, 0.0);
  g_assert_cmpfloat (hi, ==, 1.0);

  /* Moving down, the top row goes first. */
  vitrine_transition_puzzle_schedule (10, 6, VITRINE_DIRECTION_DOWN, 3, down);
  g_assert_cmpfloat (puzzle_start (down, 4), <, puzzle_start (down, 5 * 10 + 4));
  g_assert_true (vitrine_transition_needs_payload (VITRINE_TRANSITION_TYPE_BLOCK_PUZZLE_FLIP));
}

static double
crumble_start (const guint8 *rgba,
               guint         i)
{
  return (rgba[4 * i + 2] << 8 | rgba[4 * i + 3]) / 65535.0;
}

static void
test_crumble_shards (void)
{
  guint8 a[12 * 7 * 4], b[12 * 7 * 4], c[12 * 7 * 4], top[12 * 7 * 4], bottom[12 * 7 * 4];
  double top_row = 0, bottom_row = 0, lo = 1, hi = 0;

  vitrine_transition_crumble_shards (12, 7, VITRINE_CRUMBLE_ORDER_RANDOM, 5, a);
  vitrine_transition_crumble_shards (12, 7, VITRINE_CRUMBLE_ORDER_RANDOM, 5, b);
  vitrine_transition_crumble_shards (12, 7, VITRINE_CRUMBLE_ORDER_RANDOM, 6, c);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  g_assert_true (memcmp (a, c, sizeof a) != 0);
  for (guint i = 0; i < 12 * 7; i++)
    {
      lo = MIN (lo, crumble_start (a, i));
      hi = MAX (hi, crumble_start (a, i));
    }
  g_assert_cmpfloat (lo, ==, 0.0);
  g_assert_cmpfloat (hi, ==, 1.0);

  /* Top-down: the top row falls first; bottom-up the other way round. */
  vitrine_transition_crumble_shards (12, 7, VITRINE_CRUMBLE_ORDER_TOP_DOWN, 5, top);
  vitrine_transition_crumble_shards (12, 7, VITRINE_CRUMBLE_ORDER_BOTTOM_UP, 5, bottom);
  for (guint x = 0; x < 12; x++)
    {
      top_row += crumble_start (top, x) - crumble_start (top, 6 * 12 + x);
      bottom_row += crumble_start (bottom, 6 * 12 + x) - crumble_start (bottom, x);
    }
  g_assert_cmpfloat (top_row / 12, <, -0.5);
  g_assert_cmpfloat (bottom_row / 12, <, -0.5);
  g_assert_true (vitrine_transition_needs_payload (VITRINE_TRANSITION_TYPE_CRUMBLE));
}

static guint
particle_cell (const guint8 *rgba,
               guint         k)
{
  return rgba[4 * k] << 8 | rgba[4 * k + 1];
}

/* Mean column (or row) of the first @count balls launched. */
static double
particle_mean (const guint8 *rgba,
               guint         count,
               gboolean      rows)
{
  double sum = 0;

  for (guint k = 0; k < count; k++)
    sum += rows ? particle_cell (rgba, k) / 16 : particle_cell (rgba, k) % 16;
  return sum / count;
}

static void
test_particle_schedule (void)
{
  guint8 a[16 * 9 * 4], b[16 * 9 * 4], c[16 * 9 * 4], other[16 * 9 * 4];
  gboolean seen[16 * 9] = { FALSE };
  guint centre = 0;

  vitrine_transition_particle_schedule (16, 9, VITRINE_PARTICLE_MODE_DIRECTIONAL, VITRINE_DIRECTION_LEFT, 7, a);
  vitrine_transition_particle_schedule (16, 9, VITRINE_PARTICLE_MODE_DIRECTIONAL, VITRINE_DIRECTION_LEFT, 7, b);
  vitrine_transition_particle_schedule (16, 9, VITRINE_PARTICLE_MODE_DIRECTIONAL, VITRINE_DIRECTION_LEFT, 8, c);
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  g_assert_true (memcmp (a, c, sizeof a) != 0);

  /* Every cell gets exactly one ball. */
  for (guint k = 0; k < 16 * 9; k++)
    {
      guint cell = particle_cell (a, k);

      g_assert_cmpuint (cell, <, 16 * 9);
      g_assert_false (seen[cell]);
      seen[cell] = TRUE;
      g_assert_cmpuint (a[4 * k + 3], ==, 255);
    }

  /* Flying left, the pile starts at the left edge: the first column of balls launched
   * lands in columns 0–1, the last in 14–15. Flying down, it starts at the bottom. */
  g_assert_cmpfloat (particle_mean (a, 9, FALSE), <, 1.5);
  g_assert_cmpfloat (particle_mean (a + 4 * (16 * 9 - 9), 9, FALSE), >, 13.5);
  vitrine_transition_particle_schedule (16, 9, VITRINE_PARTICLE_MODE_DIRECTIONAL, VITRINE_DIRECTION_RIGHT, 7, other);
  g_assert_cmpfloat (particle_mean (other, 9, FALSE), >, 13.5);
  vitrine_transition_particle_schedule (16, 9, VITRINE_PARTICLE_MODE_DIRECTIONAL, VITRINE_DIRECTION_DOWN, 7, other);
  g_assert_cmpfloat (particle_mean (other, 16, TRUE), >, 7.0);

  /* Swirl and converge pile up from the middle: the first 4 balls land in the 4 central
   * cells (columns 7–8, rows 3–5), give or take the jitter. */
  vitrine_transition_particle_schedule (16, 9, VITRINE_PARTICLE_MODE_SWIRL, VITRINE_DIRECTION_LEFT, 7, other);
  for (guint k = 0; k < 4; k++)
    {
      guint cell = particle_cell (other, k);

      centre += cell % 16 >= 6 && cell % 16 <= 9 && cell / 16 >= 3 && cell / 16 <= 5;
    }
  g_assert_cmpuint (centre, ==, 4);
  g_assert_true (vitrine_transition_needs_payload (VITRINE_TRANSITION_TYPE_PARTICLE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Transition/names", test_names);
  g_test_add_func ("/Transition/easing", test_easing);
  g_test_add_func ("/Transition/pick", test_pick);
  g_test_add_func ("/Transition/direction", test_direction);
  g_test_add_func ("/Transition/diffuse-order", test_diffuse_order);
  g_test_add_func ("/Transition/puzzle-schedule", test_puzzle_schedule);
  g_test_add_func ("/Transition/crumble-shards", test_crumble_shards);
  g_test_add_func ("/Transition/particle-schedule", test_particle_schedule);

  return g_test_run ();
}
