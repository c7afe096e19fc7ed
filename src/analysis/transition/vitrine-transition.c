/* vitrine-transition.c: transition names, easing and picking (see the header).
 *
 * The easing curves are the usual Penner equations (as on easings.net), each mapping 0 to
 * 0 and 1 to 1; the "back" curves leave [0, 1] on purpose.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "vitrine-transition.h"

/* The schema's nicks, and the names of --list-transitions. */
static const char *const names[VITRINE_TRANSITION_TYPE_COUNT] = {
  "crossfade", "slide", "wipe", "diffuse", "block-puzzle-flip", "blinds", "peel",
  "block-spin", "ripple", "warp-dissolve", "crumble", "particle",
};

const char *
vitrine_transition_name (VitrineTransitionType type)
{
  return (guint) type < VITRINE_TRANSITION_TYPE_COUNT ? names[type] : NULL;
}

gboolean
vitrine_transition_from_name (const char            *name,
                              VitrineTransitionType *type)
{
  for (guint i = 0; i < VITRINE_TRANSITION_TYPE_COUNT; i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *type = (VitrineTransitionType) i;
        return TRUE;
      }
  return FALSE;
}

/* Key C: the next type in the registry's order, wrapping around. */
VitrineTransitionType
vitrine_transition_next_type (VitrineTransitionType type)
{
  return (VitrineTransitionType) (((guint) type + 1) % VITRINE_TRANSITION_TYPE_COUNT);
}

double
vitrine_easing_apply (VitrineEasing easing,
                      double        t)
{
  const double c1 = 1.70158, c2 = c1 * 1.525, c3 = c1 + 1;

  t = CLAMP (t, 0.0, 1.0);
  switch (easing)
    {
    case VITRINE_EASING_QUAD_IN:
      return t * t;
    case VITRINE_EASING_QUAD_OUT:
      return 1 - (1 - t) * (1 - t);
    case VITRINE_EASING_QUAD_IN_OUT:
      return t < 0.5 ? 2 * t * t : 1 - pow (-2 * t + 2, 2) / 2;
    case VITRINE_EASING_CUBIC_IN:
      return t * t * t;
    case VITRINE_EASING_CUBIC_OUT:
      return 1 - pow (1 - t, 3);
    case VITRINE_EASING_CUBIC_IN_OUT:
      return t < 0.5 ? 4 * t * t * t : 1 - pow (-2 * t + 2, 3) / 2;
    case VITRINE_EASING_SINE_IN:
      return 1 - cos (t * G_PI / 2);
    case VITRINE_EASING_SINE_OUT:
      return sin (t * G_PI / 2);
    case VITRINE_EASING_SINE_IN_OUT:
      return -(cos (G_PI * t) - 1) / 2;
    case VITRINE_EASING_EXPO_IN:
      return t == 0 ? 0 : pow (2, 10 * t - 10);
    case VITRINE_EASING_EXPO_OUT:
      return t == 1 ? 1 : 1 - pow (2, -10 * t);
    case VITRINE_EASING_EXPO_IN_OUT:
      if (t == 0 || t == 1)
        return t;
      return t < 0.5 ? pow (2, 20 * t - 10) / 2 : (2 - pow (2, -20 * t + 10)) / 2;
    case VITRINE_EASING_BACK_IN:
      return c3 * t * t * t - c1 * t * t;
    case VITRINE_EASING_BACK_OUT:
      return 1 + c3 * pow (t - 1, 3) + c1 * pow (t - 1, 2);
    case VITRINE_EASING_BACK_IN_OUT:
      return t < 0.5 ? (pow (2 * t, 2) * ((c2 + 1) * 2 * t - c2)) / 2
                     : (pow (2 * t - 2, 2) * ((c2 + 1) * (t * 2 - 2) + c2) + 2) / 2;
    case VITRINE_EASING_LINEAR:
    default:
      return t;
    }
}

/*
 * A random type from @pool, never @previous (a type, or -1 for none) while the pool has
 * another; Crossfade when the pool is empty.
 */
VitrineTransitionType
vitrine_transition_pick (VitrineTransitionSet  pool,
                         int                   previous,
                         GRand                *rand)
{
  VitrineTransitionType candidates[VITRINE_TRANSITION_TYPE_COUNT];
  guint n = 0;

  for (guint i = 0; i < VITRINE_TRANSITION_TYPE_COUNT; i++)
    if (pool & VITRINE_TRANSITION_SET_FROM_TYPE (i))
      candidates[n++] = (VitrineTransitionType) i;
  if (n == 0)
    return VITRINE_TRANSITION_TYPE_CROSSFADE;
  if (n > 1 && previous >= 0)
    for (guint i = 0; i < n; i++)
      if ((int) candidates[i] == previous)
        {
          candidates[i] = candidates[--n];
          break;
        }
  return candidates[g_rand_int_range (rand, 0, (gint32) n)];
}

/*
 * The direction to use: the setting's, or for "random" any but @previous. A type without
 * diagonals takes a diagonal setting's horizontal part (vitrine-enums.h).
 */
VitrineDirection
vitrine_transition_pick_direction (VitrineDirection  setting,
                                   VitrineDirection  previous,
                                   gboolean          diagonals,
                                   GRand            *rand)
{
  VitrineDirection candidates[6];
  guint n = 0;
  guint last = diagonals ? VITRINE_DIRECTION_DIAGONAL_DOWN_LEFT : VITRINE_DIRECTION_DOWN;

  if (!diagonals && setting == VITRINE_DIRECTION_DIAGONAL_DOWN_RIGHT)
    return VITRINE_DIRECTION_RIGHT;
  if (!diagonals && setting == VITRINE_DIRECTION_DIAGONAL_DOWN_LEFT)
    return VITRINE_DIRECTION_LEFT;
  if (setting != VITRINE_DIRECTION_RANDOM)
    return setting;
  for (guint d = VITRINE_DIRECTION_LEFT; d <= last; d++)
    if (d != (guint) previous)
      candidates[n++] = (VitrineDirection) d;
  return candidates[g_rand_int_range (rand, 0, (gint32) n)];
}

/* Types whose shader reads a payload the transition worker computes. */
gboolean
vitrine_transition_needs_payload (VitrineTransitionType type)
{
  return type == VITRINE_TRANSITION_TYPE_DIFFUSE || type == VITRINE_TRANSITION_TYPE_BLOCK_PUZZLE_FLIP ||
         type == VITRINE_TRANSITION_TYPE_CRUMBLE || type == VITRINE_TRANSITION_TYPE_PARTICLE;
}

/*
 * Diffuse's payload: each of @columns × @rows blocks gets its place in a random order,
 * the same for the same @seed, as a 16-bit rank (R high byte, G low byte; B 0, A 255) in
 * an RGBA texel, so the shader reveals block k at progress k / (columns × rows).
 */
void
vitrine_transition_diffuse_order (guint    columns,
                                  guint    rows,
                                  guint32  seed,
                                  guint8  *rgba)
{
  guint n = columns * rows;
  g_autofree guint32 *order = g_new (guint32, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  g_return_if_fail (n > 0 && n <= 65536);

  for (guint i = 0; i < n; i++)
    order[i] = i;
  /* Fisher–Yates: every order equally likely. */
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = (guint) g_rand_int_range (rand, 0, (gint32) i + 1);
      guint32 t = order[i];

      order[i] = order[j];
      order[j] = t;
    }
  for (guint i = 0; i < n; i++)
    {
      guint rank = (guint) ((guint64) order[i] * 65535 / MAX (n - 1, 1));

      rgba[4 * i + 0] = rank >> 8;
      rgba[4 * i + 1] = rank & 0xff;
      rgba[4 * i + 2] = 0;
      rgba[4 * i + 3] = 255;
    }
}

/*
 * @start[0 … @n) scaled from 0 (the least) to 1 (the greatest), as 16-bit ranks in bytes
 * @offset (high) and @offset + 1 (low) of each RGBA texel of @rgba.
 */
static void
put_ranks (const double *start,
           guint         n,
           guint8       *rgba,
           guint         offset)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  for (guint i = 0; i < n; i++)
    {
      lo = MIN (lo, start[i]);
      hi = MAX (hi, start[i]);
    }
  for (guint i = 0; i < n; i++)
    {
      guint rank = (guint) lround ((hi > lo ? (start[i] - lo) / (hi - lo) : 0.0) * 65535);

      rgba[4 * i + offset] = rank >> 8;
      rgba[4 * i + offset + 1] = rank & 0xff;
    }
}

/*
 * Where (@u, @v) lies on a sweep in @direction: 0 at the leading edge (the side the
 * direction moves away from), 1 at the far side; @across (may be NULL) how far across it.
 */
static double
sweep_along (VitrineDirection  direction,
             double            u,
             double            v,
             double           *across)
{
  double along, side;

  switch (direction)
    {
    case VITRINE_DIRECTION_RIGHT: along = u; side = v; break;
    case VITRINE_DIRECTION_UP: along = 1 - v; side = u; break;
    case VITRINE_DIRECTION_DOWN: along = v; side = u; break;
    case VITRINE_DIRECTION_DIAGONAL_DOWN_RIGHT: along = (u + v) / 2; side = (u - v + 1) / 2; break;
    case VITRINE_DIRECTION_DIAGONAL_DOWN_LEFT: along = (1 - u + v) / 2; side = (u + v) / 2; break;
    case VITRINE_DIRECTION_LEFT:
    case VITRINE_DIRECTION_RANDOM:
    default: along = 1 - u; side = v; break;
    }
  if (across != NULL)
    *across = side;
  return along;
}

/*
 * Block Puzzle Flip's payload: when each block of the @columns × @rows grid starts to flip,
 * as a fraction of the time before the last one must start (16-bit, like Diffuse's). The
 * wave starts at the leading edge (the side the direction moves away from), blocks near
 * the middle line of the wave go a little earlier, and each gets a jitter from @seed.
 */
void
vitrine_transition_puzzle_schedule (guint             columns,
                                    guint             rows,
                                    VitrineDirection  direction,
                                    guint32           seed,
                                    guint8           *rgba)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree double *start = g_new (double, (gsize) columns * rows);

  g_return_if_fail (columns > 0 && rows > 0);

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < columns; c++)
      {
        double across, along = sweep_along (direction, (c + 0.5) / columns, (r + 0.5) / rows, &across);

        start[r * columns + c] = 0.8 * along + 0.12 * fabs (across - 0.5) * 2 +
                                 g_rand_double_range (rand, -0.06, 0.06);
      }

  put_ranks (start, columns * rows, rgba, 0);
  for (guint i = 0; i < columns * rows; i++)
    {
      rgba[4 * i + 2] = 0;
      rgba[4 * i + 3] = 255;
    }
}

/*
 * Crumble's payload: a jittered grid of @columns × @rows shard centres (one per cell: the
 * shards are the Voronoi cells around them) and when each shard falls. Per texel: R and G
 * the centre's place within its cell (0–255 over 20–80 % of the cell, so that the centre
 * nearest to any point is in the point's cell or a neighbour), B and A the 16-bit
 * fall start, ordered by @order with a little jitter, from 0 (first) to 1 (last).
 */
void
vitrine_transition_crumble_shards (guint                columns,
                                   guint                rows,
                                   VitrineCrumbleOrder  order,
                                   guint32              seed,
                                   guint8              *rgba)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree double *start = g_new (double, (gsize) columns * rows);

  g_return_if_fail (columns > 0 && rows > 0);

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < columns; c++)
      {
        guint i = r * columns + c;
        guint8 jx = (guint8) g_rand_int_range (rand, 0, 256);
        guint8 jy = (guint8) g_rand_int_range (rand, 0, 256);
        double u = (c + 0.2 + 0.6 * jx / 255.0) / columns;
        double v = (r + 0.2 + 0.6 * jy / 255.0) / rows;
        double jitter = g_rand_double_range (rand, -0.08, 0.08);

        rgba[4 * i + 0] = jx;
        rgba[4 * i + 1] = jy;
        switch (order)
          {
          case VITRINE_CRUMBLE_ORDER_BOTTOM_UP: start[i] = 1 - v + jitter; break;
          case VITRINE_CRUMBLE_ORDER_TOP_DOWN: start[i] = v + jitter; break;
          case VITRINE_CRUMBLE_ORDER_CENTER_OUT: start[i] = hypot (u - 0.5, v - 0.5) + jitter; break;
          case VITRINE_CRUMBLE_ORDER_RANDOM:
          default: start[i] = g_rand_double (rand); break;
          }
      }

  put_ranks (start, columns * rows, rgba, 2);
}

typedef struct
{
  double key;
  guint  cell;
} Launch;

static int
launch_compare (gconstpointer a,
                gconstpointer b)
{
  const Launch *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->cell < y->cell ? -1 : x->cell > y->cell;
}

/*
 * Particle's payload: one ball per cell of the @columns × @rows grid, listed in the order
 * they are launched (texel k is the k-th ball, so later balls are drawn over earlier
 * ones). Per texel: R and G the ball's cell as a 16-bit index (row × columns + column),
 * B a random byte that bends its path, A 255. The pile grows from where the balls end
 * up first: in @mode directional the far side of @direction's sweep, otherwise the
 * centre, with a little jitter from @seed.
 */
void
vitrine_transition_particle_schedule (guint                columns,
                                      guint                rows,
                                      VitrineParticleMode  mode,
                                      VitrineDirection     direction,
                                      guint32              seed,
                                      guint8              *rgba)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint n = columns * rows;
  g_autofree Launch *launches = g_new (Launch, n);
  g_autofree guint8 *wander = g_new (guint8, n);
  double aspect = (double) columns / MAX (rows, 1);

  g_return_if_fail (n > 0 && n <= 65536);

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < columns; c++)
      {
        guint i = r * columns + c;
        double u = (c + 0.5) / columns, v = (r + 0.5) / rows, key;

        /* Directional: the side the balls fly towards fills first. */
        if (mode == VITRINE_PARTICLE_MODE_DIRECTIONAL)
          key = 1 - sweep_along (direction, u, v, NULL);
        else
          key = hypot ((u - 0.5) * aspect, v - 0.5) / hypot (aspect / 2, 0.5);
        launches[i].key = key + g_rand_double_range (rand, -0.04, 0.04);
        launches[i].cell = i;
        wander[i] = (guint8) g_rand_int_range (rand, 0, 256);
      }
  qsort (launches, n, sizeof *launches, launch_compare);
  for (guint k = 0; k < n; k++)
    {
      rgba[4 * k + 0] = launches[k].cell >> 8;
      rgba[4 * k + 1] = launches[k].cell & 0xff;
      rgba[4 * k + 2] = wander[launches[k].cell];
      rgba[4 * k + 3] = 255;
    }
}
