/* vitrine-demo-gen.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Renders Vitrine's built-in demo set at build time: eight procedural pictures
 * drawn with cairo alone, so the project ships no binary artwork and every byte
 * of the set can be rebuilt from this file.  Each picture has its own fixed
 * seed and its own pseudo-random generator, so the output is identical on every
 * build and one picture can change without disturbing the others.
 *
 * Usage: vitrine-demo-gen OUTDIR
 */

#include <cairo.h>
#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* cairo has no autoptr support of its own; GTK would add it, but this program
 * deliberately links only cairo and gdk-pixbuf. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_t, cairo_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (cairo_pattern_t, cairo_pattern_destroy)

/* ------------------------------------------------------------------------ */
/* Deterministic randomness                                                  */
/* ------------------------------------------------------------------------ */

typedef struct
{
  guint64 state;
} Rng;

static void
rng_init (Rng     *rng,
          guint64  seed)
{
  /* One splitmix64 step spreads small seeds over all bits and can never leave
   * xorshift with its forbidden all-zero state. */
  guint64 z = seed + G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  z ^= z >> 31;
  rng->state = z != 0 ? z : G_GUINT64_CONSTANT (0x2545F4914F6CDD1D);
}

static guint64
rng_next (Rng *rng)
{
  guint64 x = rng->state;

  /* xorshift64* */
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  rng->state = x;

  return x * G_GUINT64_CONSTANT (0x2545F4914F6CDD1D);
}

static double
rng_double (Rng *rng)
{
  return (double) (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static double
rng_range (Rng    *rng,
           double  lo,
           double  hi)
{
  return lo + (hi - lo) * rng_double (rng);
}

/* Roughly normal, mean 0, standard deviation about 0.5; bounded to ±1.5. */
static double
rng_gauss (Rng *rng)
{
  return rng_double (rng) + rng_double (rng) + rng_double (rng) - 1.5;
}

/* ------------------------------------------------------------------------ */
/* Smooth 1-D value noise, for ridge lines and curtains                      */
/* ------------------------------------------------------------------------ */

#define NOISE_SIZE 256

typedef struct
{
  double v[NOISE_SIZE];
} Noise;

static void
noise_init (Noise *noise,
            Rng   *rng)
{
  for (guint i = 0; i < NOISE_SIZE; i++)
    noise->v[i] = rng_range (rng, -1.0, 1.0);
}

static double
noise_at (const Noise *noise,
          double       x)
{
  double fl = floor (x);
  double t = x - fl;
  gint64 i = (gint64) fl;
  guint a = (guint) (((i % NOISE_SIZE) + NOISE_SIZE) % NOISE_SIZE);
  guint b = (a + 1) % NOISE_SIZE;

  t = t * t * (3.0 - 2.0 * t);

  return noise->v[a] + (noise->v[b] - noise->v[a]) * t;
}

/* Fractal sum in [-1, 1]. */
static double
noise_fbm (const Noise *noise,
           double       x,
           guint        octaves)
{
  double sum = 0.0;
  double amp = 1.0;
  double total = 0.0;
  double freq = 1.0;

  for (guint o = 0; o < octaves; o++)
    {
      sum += amp * noise_at (noise, x * freq + o * 17.31);
      total += amp;
      amp *= 0.5;
      freq *= 2.07;
    }

  return sum / total;
}

/* Fractal sum of folded noise in [0, 1]: sharp crests, like rock ridges. */
static double
noise_ridged (const Noise *noise,
              double       x,
              guint        octaves)
{
  double sum = 0.0;
  double amp = 1.0;
  double total = 0.0;
  double freq = 1.0;

  for (guint o = 0; o < octaves; o++)
    {
      double n = 1.0 - fabs (noise_at (noise, x * freq + o * 31.7));

      sum += amp * n * n;
      total += amp;
      amp *= 0.5;
      freq *= 2.03;
    }

  return sum / total;
}

/* ------------------------------------------------------------------------ */
/* Colour and painting helpers                                               */
/* ------------------------------------------------------------------------ */

typedef struct
{
  double r;
  double g;
  double b;
} Rgb;

typedef struct
{
  double  at;
  guint32 hex;
} Stop;

static Rgb
rgb (guint32 hex)
{
  Rgb c = {
    ((hex >> 16) & 0xff) / 255.0,
    ((hex >> 8) & 0xff) / 255.0,
    (hex & 0xff) / 255.0,
  };

  return c;
}

static Rgb
rgb_mix (Rgb    a,
         Rgb    b,
         double t)
{
  Rgb c = {
    a.r + (b.r - a.r) * t,
    a.g + (b.g - a.g) * t,
    a.b + (b.b - a.b) * t,
  };

  return c;
}

static void
set_rgba (cairo_t *cr,
          Rgb      c,
          double   alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

static void
add_stop (cairo_pattern_t *pattern,
          double           at,
          Rgb              c,
          double           alpha)
{
  cairo_pattern_add_color_stop_rgba (pattern, at, c.r, c.g, c.b, alpha);
}

/* Fills the whole target with a vertical gradient running from y_top to
 * y_bottom; outside that span the end colours continue. */
static void
paint_vertical (cairo_t    *cr,
                double      y_top,
                double      y_bottom,
                const Stop *stops,
                guint       n_stops)
{
  g_autoptr(cairo_pattern_t) pattern = NULL;

  pattern = cairo_pattern_create_linear (0, y_top, 0, y_bottom);
  for (guint i = 0; i < n_stops; i++)
    add_stop (pattern, stops[i].at, rgb (stops[i].hex), 1.0);
  cairo_set_source (cr, pattern);
  cairo_paint (cr);
}

/* A band that fades in from transparent at y_top to alpha at y_bottom and
 * stays there below: haze and mist settling into valleys. */
static void
fill_haze (cairo_t *cr,
           double   width,
           double   height,
           double   y_top,
           double   y_bottom,
           Rgb      c,
           double   alpha)
{
  g_autoptr(cairo_pattern_t) pattern = NULL;

  pattern = cairo_pattern_create_linear (0, y_top, 0, y_bottom);
  add_stop (pattern, 0.0, c, 0.0);
  add_stop (pattern, 0.6, c, alpha * 0.55);
  add_stop (pattern, 1.0, c, alpha);
  cairo_set_source (cr, pattern);
  cairo_rectangle (cr, 0, y_top, width, height - y_top);
  cairo_fill (cr);
}

/* An elliptical glow with a Gaussian-like falloff, so it has no visible rim. */
static void
soft_glow (cairo_t *cr,
           double   cx,
           double   cy,
           double   rx,
           double   ry,
           Rgb      c,
           double   alpha)
{
  g_autoptr(cairo_pattern_t) pattern = NULL;
  const double edge = exp (-4.0);

  if (rx <= 0.0 || ry <= 0.0)
    return;

  cairo_save (cr);
  cairo_translate (cr, cx, cy);
  cairo_scale (cr, rx, ry);
  pattern = cairo_pattern_create_radial (0, 0, 0, 0, 0, 1);
  for (guint i = 0; i <= 8; i++)
    {
      double t = i / 8.0;
      double a = (exp (-4.0 * t * t) - edge) / (1.0 - edge);

      add_stop (pattern, t, c, alpha * a);
    }
  cairo_set_source (cr, pattern);
  cairo_arc (cr, 0, 0, 1, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Stars thin out and fade towards y_bottom, where the sky gets brighter. */
static void
draw_stars (cairo_t *cr,
            Rng     *rng,
            guint    count,
            double   width,
            double   y_top,
            double   y_bottom,
            double   scale,
            double   fade)
{
  const Rgb cool = rgb (0xcfe0ff);
  const Rgb warm = rgb (0xfff0d8);

  for (guint i = 0; i < count; i++)
    {
      double x = rng_double (rng) * width;
      double f = pow (rng_double (rng), 1.4);
      double y = y_top + (y_bottom - y_top) * f;
      double r = scale * (0.7 + 2.2 * pow (rng_double (rng), 5.0));
      double a = (0.3 + 0.7 * rng_double (rng)) * pow (1.0 - f, fade);
      Rgb c = rgb_mix (cool, warm, rng_double (rng));

      set_rgba (cr, c, a);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_fill (cr);
      if (r > 2.0 * scale)
        soft_glow (cr, x, y, r * 5.0, r * 5.0, c, a * 0.35);
    }
}

/* Copies the current picture so that it can be painted back into itself
 * (a mirror image on water), which cairo does not allow directly. */
static cairo_surface_t *
snapshot (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_surface_t *copy;
  cairo_t *copy_cr;

  cairo_surface_flush (target);
  copy = cairo_surface_create_similar_image (target, CAIRO_FORMAT_RGB24,
                                             cairo_image_surface_get_width (target),
                                             cairo_image_surface_get_height (target));
  copy_cr = cairo_create (copy);
  cairo_set_source_surface (copy_cr, target, 0, 0);
  cairo_paint (copy_cr);
  cairo_destroy (copy_cr);

  return copy;
}

/* Mirrors everything above water_y into the water below it, stretched
 * downwards by stretch, slice by slice.  Slices sway sideways along a slow
 * wave and, as much as chop (0 to 1) says, fade in and out along a quicker
 * one, which breaks lights into the dashes seen on moving water; each slice
 * is laid three times a little apart to smear it sideways. */
static void
reflect_water (cairo_t *cr,
               Rng     *rng,
               double   width,
               double   height,
               double   water_y,
               double   scale,
               double   alpha,
               double   wobble,
               double   stretch,
               double   chop)
{
  static const double spread[] = { -1.0, 1.0, 0.0 };
  static const double weight[] = { 0.35, 0.5, 0.7 };
  g_autoptr(cairo_surface_t) mirror = snapshot (cr);
  double slice = MAX (2.0, 2.0 * scale);
  double p1 = rng_range (rng, 0, 2 * G_PI);
  double p2 = rng_range (rng, 0, 2 * G_PI);

  for (double y = water_y; y < height; y += slice)
    {
      double depth = (y - water_y) / (height - water_y);
      double u = (y - water_y) / scale;
      double amp = wobble * scale * (0.3 + depth);
      double dx = amp * (sin (u * 0.05 + p1) + 0.15 * rng_gauss (rng));
      double wave = 0.45 - 0.5 * sin (u * (0.5 - 0.3 * depth) + p2) - 0.3 * rng_gauss (rng);
      double dash = CLAMP (1.0 - chop * wave, 0.15, 1.0);

      for (guint pass = 0; pass < G_N_ELEMENTS (spread); pass++)
        {
          cairo_save (cr);
          cairo_rectangle (cr, 0, y, width, slice);
          cairo_clip (cr);
          cairo_translate (cr, dx + spread[pass] * amp * 0.8, water_y);
          cairo_scale (cr, 1.0, -stretch);
          cairo_translate (cr, 0, -water_y);
          cairo_set_source_surface (cr, mirror, 0, 0);
          cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
          cairo_paint_with_alpha (cr, weight[pass] * dash * alpha * (1.0 - 0.45 * depth));
          cairo_restore (cr);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* Horizon profiles                                                          */
/* ------------------------------------------------------------------------ */

#define PROFILE_SAMPLES 2048

typedef struct
{
  double width;
  double y[PROFILE_SAMPLES + 1];
} Profile;

static double
profile_at (const Profile *profile,
            double         x)
{
  double f = CLAMP (x / profile->width, 0.0, 1.0) * PROFILE_SAMPLES;
  guint i = MIN ((guint) f, PROFILE_SAMPLES - 1);
  double t = f - i;

  return profile->y[i] + (profile->y[i + 1] - profile->y[i]) * t;
}

static double
profile_top (const Profile *profile)
{
  double top = profile->y[0];

  for (guint i = 1; i <= PROFILE_SAMPLES; i++)
    top = MIN (top, profile->y[i]);

  return top;
}

/* Closed path of the area below the profile, down to bottom. */
static void
profile_path (cairo_t       *cr,
              const Profile *profile,
              double         bottom)
{
  cairo_move_to (cr, 0, bottom);
  for (guint i = 0; i <= PROFILE_SAMPLES; i++)
    cairo_line_to (cr, profile->width * i / PROFILE_SAMPLES, profile->y[i]);
  cairo_line_to (cr, profile->width, bottom);
  cairo_close_path (cr);
}

static void
profile_mountains (Profile *profile,
                   Rng     *rng,
                   double   width,
                   double   base,
                   double   amp,
                   double   cycles)
{
  Noise noise;
  double offset;

  noise_init (&noise, rng);
  offset = rng_range (rng, 0, 100);
  profile->width = width;
  for (guint i = 0; i <= PROFILE_SAMPLES; i++)
    {
      double u = offset + cycles * i / (double) PROFILE_SAMPLES;
      double ridge = noise_ridged (&noise, u, 7);
      double swell = 0.5 + 0.5 * noise_fbm (&noise, u * 0.35 + 50.0, 3);

      profile->y[i] = base - amp * (0.55 * ridge + 0.6 * swell);
    }
}

static void
profile_hills (Profile *profile,
               Rng     *rng,
               double   width,
               double   base,
               double   amp,
               double   cycles)
{
  Noise noise;
  double p1 = rng_range (rng, 0, 2 * G_PI);
  double p2 = rng_range (rng, 0, 2 * G_PI);
  double c2 = cycles * rng_range (rng, 1.7, 2.4);

  noise_init (&noise, rng);
  profile->width = width;
  for (guint i = 0; i <= PROFILE_SAMPLES; i++)
    {
      double u = i / (double) PROFILE_SAMPLES;
      double v = 0.55 * sin (2 * G_PI * cycles * u + p1)
               + 0.25 * sin (2 * G_PI * c2 * u + p2)
               + 0.35 * noise_fbm (&noise, u * cycles * 2.0, 3);

      profile->y[i] = base - amp * (0.5 + 0.5 * v);
    }
}

/* A fir: many drooping tiers that widen towards the ground, on a short trunk. */
static void
draw_fir (cairo_t *cr,
          Rng     *rng,
          double   x,
          double   ground,
          double   height,
          double   width)
{
  double tip_y[24];
  double right[24];
  double left[24];
  guint tiers = 13 + (guint) rng_range (rng, 0, 9);
  double top = ground - height;
  double trunk = width * 0.05;
  double tier_h = height * 0.93 / tiers;

  for (guint k = 0; k < tiers; k++)
    {
      double f = (k + 1) / (double) tiers;

      tip_y[k] = top + height * 0.93 * f + rng_gauss (rng) * tier_h * 0.3;
      right[k] = width * 0.5 * pow (f, 0.8) * rng_range (rng, 0.75, 1.15);
      left[k] = width * 0.5 * pow (f, 0.8) * rng_range (rng, 0.75, 1.15);
    }

  cairo_move_to (cr, x, top);
  for (guint k = 0; k < tiers; k++)
    {
      cairo_line_to (cr, x + right[k], tip_y[k]);
      if (k + 1 < tiers)
        cairo_line_to (cr, x + right[k] * 0.55, tip_y[k] - tier_h * 0.15);
    }
  cairo_line_to (cr, x + trunk, tip_y[tiers - 1]);
  cairo_line_to (cr, x + trunk, ground + height * 0.03);
  cairo_line_to (cr, x - trunk, ground + height * 0.03);
  cairo_line_to (cr, x - trunk, tip_y[tiers - 1]);
  for (guint k = tiers; k-- > 0;)
    {
      cairo_line_to (cr, x - left[k], tip_y[k]);
      if (k > 0)
        cairo_line_to (cr, x - left[k] * 0.55, tip_y[k] - tier_h * 0.15);
    }
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* ------------------------------------------------------------------------ */
/* The pictures                                                              */
/* ------------------------------------------------------------------------ */

/* Mountain ranges at dusk: a low sun behind six ridges fading into haze. */
static void
paint_dusk_ridges (cairo_t *cr,
                   double   w,
                   double   h,
                   Rng     *rng)
{
  static const Stop sky[] = {
    { 0.00, 0x11122e }, { 0.28, 0x2a2858 }, { 0.45, 0x5f3b77 },
    { 0.57, 0xb4577c }, { 0.65, 0xee8762 }, { 0.72, 0xffc88a },
  };
  const double s = MIN (w, h) / 2000.0;
  const guint n_layers = 6;
  const Rgb far = rgb (0xd98a8c);
  const Rgb near = rgb (0x140f27);
  const Rgb haze = rgb (0xf4a487);
  const double sun_x = w * 0.63;
  const double sun_y = h * 0.62;

  paint_vertical (cr, 0, h, sky, G_N_ELEMENTS (sky));
  draw_stars (cr, rng, 900, w, 0, h * 0.5, s, 2.0);

  soft_glow (cr, sun_x, sun_y, w * 0.6, h * 0.38, rgb (0xff9560), 0.55);
  soft_glow (cr, sun_x, sun_y, w * 0.16, h * 0.14, rgb (0xffdca2), 0.8);
  for (guint i = 0; i < 16; i++)
    soft_glow (cr, rng_range (rng, 0, w), rng_range (rng, h * 0.34, h * 0.56),
               rng_range (rng, w * 0.08, w * 0.26), rng_range (rng, h * 0.005, h * 0.016),
               rgb (0xffb4a0), rng_range (rng, 0.15, 0.4));
  set_rgba (cr, rgb (0xfff4da), 1.0);
  cairo_arc (cr, sun_x, sun_y, h * 0.045, 0, 2 * G_PI);
  cairo_fill (cr);

  for (guint i = 0; i < n_layers; i++)
    {
      Profile profile;
      double t = i / (double) (n_layers - 1);
      double base = h * (0.66 + 0.30 * pow (t, 1.1));
      double amp = h * (0.10 + 0.2 * t);
      g_autoptr(cairo_pattern_t) pattern = NULL;
      Rgb c = rgb_mix (far, near, pow (t, 0.75));
      double top;

      profile_mountains (&profile, rng, w, base, amp, 3.2 - 1.6 * t);
      top = profile_top (&profile);

      /* Lit a touch warmer along the crest, where the sunset catches it. */
      pattern = cairo_pattern_create_linear (0, top, 0, base);
      add_stop (pattern, 0.0, rgb_mix (c, haze, 0.18 * (1.0 - t)), 1.0);
      add_stop (pattern, 1.0, c, 1.0);
      profile_path (cr, &profile, h);
      cairo_set_source (cr, pattern);
      cairo_fill (cr);

      if (i + 1 < n_layers)
        fill_haze (cr, w, h, top + (base - top) * 0.3, base + h * 0.02, haze,
                   0.55 * (1.0 - 0.6 * t));
    }
}

/* A calm sea at golden hour with a glittering path under the sun. */
static void
paint_sea_glow (cairo_t *cr,
                double   w,
                double   h,
                Rng     *rng)
{
  static const Stop sky[] = {
    { 0.00, 0x223a63 }, { 0.40, 0x5f679b }, { 0.70, 0xd3929c },
    { 0.88, 0xf6bd8e }, { 1.00, 0xffdfa6 },
  };
  static const Stop sea[] = {
    { 0.00, 0xe3ad93 }, { 0.06, 0xac8196 }, { 0.35, 0x4a5786 }, { 1.00, 0x121d3d },
  };
  const double s = MIN (w, h) / 2000.0;
  const double horizon = h * 0.6;
  const double sun_x = w * 0.42;
  const double sun_y = horizon - h * 0.06;
  const Rgb glitter = rgb (0xffe4b2);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, w, horizon);
  cairo_clip (cr);
  paint_vertical (cr, 0, horizon, sky, G_N_ELEMENTS (sky));
  draw_stars (cr, rng, 120, w, 0, h * 0.25, s, 3.0);
  soft_glow (cr, sun_x, sun_y, w * 0.5, h * 0.4, rgb (0xffb37a), 0.5);
  soft_glow (cr, sun_x, sun_y, w * 0.1, h * 0.12, rgb (0xfff0c8), 0.9);
  for (guint i = 0; i < 42; i++)
    {
      double y = rng_range (rng, h * 0.1, horizon * 0.92);
      double f = y / horizon;
      Rgb c = rgb_mix (rgb (0x9488c0), rgb (0xf6a99c), f);

      soft_glow (cr, rng_range (rng, -0.1 * w, 1.1 * w), y,
                 rng_range (rng, w * 0.05, w * 0.22), rng_range (rng, h * 0.004, h * 0.014),
                 c, rng_range (rng, 0.25, 0.55));
    }
  set_rgba (cr, rgb (0xfff6de), 1.0);
  cairo_arc (cr, sun_x, sun_y, h * 0.04, 0, 2 * G_PI);
  cairo_fill (cr);

  /* A low island on the horizon, blue with distance. */
  cairo_move_to (cr, w * 0.04, horizon);
  for (guint i = 0; i <= 200; i++)
    {
      double u = i / 200.0;
      double envelope = pow (sin (G_PI * u), 0.7);
      double bump = 0.6 + 0.4 * sin (u * 13.0) * sin (u * 5.0 + 1.0);

      cairo_line_to (cr, w * (0.04 + 0.26 * u), horizon - h * 0.035 * envelope * bump);
    }
  cairo_close_path (cr);
  set_rgba (cr, rgb (0x6a5676), 1.0);
  cairo_fill (cr);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, horizon, w, h - horizon);
  cairo_clip (cr);
  paint_vertical (cr, horizon, h, sea, G_N_ELEMENTS (sea));
  soft_glow (cr, sun_x, horizon + h * 0.06, w * 0.2, h * 0.18, rgb (0xffc797), 0.45);

  /* Swell: short dark and light strokes, closer together near the horizon. */
  for (guint i = 0; i < 2600; i++)
    {
      double d = pow (rng_double (rng), 1.8);
      double y = horizon + d * (h - horizon);
      double len = w * (0.01 + 0.06 * d) * rng_range (rng, 0.4, 1.0);
      double x = rng_range (rng, -len, w);
      gboolean dark = rng_double (rng) < 0.6;

      set_rgba (cr, dark ? rgb (0x1a2446) : rgb (0xd8b8c8),
                (dark ? 0.28 : 0.12) * rng_range (rng, 0.4, 1.0));
      cairo_rectangle (cr, x, y, len, s * (1.0 + 5.0 * d));
      cairo_fill (cr);
    }

  /* The glitter path: bright dashes scattered around the sun's column. */
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < 1800; i++)
    {
      double d = pow (rng_double (rng), 1.5);
      double y = horizon + s * 2.0 + d * (h - horizon);
      double spread = w * (0.015 + 0.09 * d);
      double x = sun_x + rng_gauss (rng) * spread;
      double len = w * (0.003 + 0.025 * d) * rng_range (rng, 0.3, 1.0);
      double a = (1.0 - 0.55 * d) * rng_range (rng, 0.2, 0.95)
               * (1.0 - MIN (1.0, fabs (x - sun_x) / (spread * 1.6)));

      if (a <= 0.0)
        continue;
      cairo_set_line_width (cr, s * (1.5 + 5.0 * d));
      set_rgba (cr, glitter, a);
      cairo_move_to (cr, x - len / 2, y);
      cairo_line_to (cr, x + len / 2, y);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* Rays of light slanting down from the sun, invisible in the open sky and
 * strongest where they cross the mist. */
static void
draw_light_rays (cairo_t *cr,
                 Rng     *rng,
                 double   sun_x,
                 double   sun_y,
                 double   len,
                 guint    count)
{
  const Rgb light = rgb (0xfff4dc);

  cairo_set_operator (cr, CAIRO_OPERATOR_SCREEN);
  for (guint i = 0; i < count; i++)
    {
      double angle = rng_range (rng, G_PI * 0.58, G_PI * 0.8);
      double spread = rng_range (rng, 0.015, 0.045);
      double a = rng_range (rng, 0.08, 0.2);
      g_autoptr(cairo_pattern_t) pattern = NULL;

      pattern = cairo_pattern_create_linear (sun_x, sun_y,
                                             sun_x + len * cos (angle),
                                             sun_y + len * sin (angle));
      add_stop (pattern, 0.0, light, 0.0);
      add_stop (pattern, 0.25, light, a * 0.3);
      add_stop (pattern, 0.5, light, a);
      add_stop (pattern, 1.0, light, 0.0);
      cairo_move_to (cr, sun_x, sun_y);
      cairo_line_to (cr, sun_x + len * cos (angle - spread), sun_y + len * sin (angle - spread));
      cairo_line_to (cr, sun_x + len * cos (angle + spread), sun_y + len * sin (angle + spread));
      cairo_close_path (cr);
      cairo_set_source (cr, pattern);
      cairo_fill (cr);
    }
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
}

/* Rows of firs dissolving into morning mist, light falling through. */
static void
paint_misty_forest (cairo_t *cr,
                    double   w,
                    double   h,
                    Rng     *rng)
{
  static const Stop sky[] = {
    { 0.00, 0x86a2b6 }, { 0.30, 0xc6d3d8 }, { 0.52, 0xf2e6d2 }, { 1.00, 0xe4e8de },
  };
  const guint n_layers = 6;
  const Rgb far = rgb (0xaebdbb);
  const Rgb near = rgb (0x101d19);
  const Rgb mist = rgb (0xf0f1ea);
  const double sun_x = w * 0.72;
  const double sun_y = h * 0.2;

  paint_vertical (cr, 0, h, sky, G_N_ELEMENTS (sky));
  soft_glow (cr, sun_x, sun_y, w * 0.9, w * 0.9, rgb (0xfff1d6), 0.7);
  soft_glow (cr, sun_x, sun_y, w * 0.14, w * 0.14, rgb (0xffffff), 0.95);

  for (guint i = 0; i < n_layers; i++)
    {
      double t = i / (double) (n_layers - 1);
      double ground = h * (0.5 + 0.5 * pow (t, 1.2));
      double tree_h = h * (0.08 + 0.42 * pow (t, 1.7));
      double tree_w = tree_h * 0.34;
      double phase = rng_range (rng, 0, 2 * G_PI);
      double floor_y = ground - tree_h * 0.3;
      Rgb c = rgb_mix (far, near, pow (t, 0.8));
      double x;

      /* The forest floor reaches up under the lowest branches, so no gaps
       * open between the trunks. */
      set_rgba (cr, c, 1.0);
      cairo_move_to (cr, 0, h);
      for (guint k = 0; k <= 64; k++)
        cairo_line_to (cr, w * k / 64.0, floor_y - h * 0.01 * sin (phase + 5.0 * k / 64.0));
      cairo_line_to (cr, w, h);
      cairo_close_path (cr);
      cairo_fill (cr);

      x = rng_range (rng, -tree_w, 0);
      while (x < w + tree_w)
        {
          double y = ground - h * 0.01 * sin (phase + 5.0 * x / w);
          double th = tree_h * rng_range (rng, 0.5, 1.1);

          draw_fir (cr, rng, x, y, th, th * 0.34);
          x += tree_w * rng_range (rng, 0.25, 0.7);
        }

      if (i + 1 < n_layers)
        fill_haze (cr, w, h, ground - tree_h * 0.95, ground - tree_h * 0.1, mist,
                   0.85 - 0.3 * t);
      if (i == 2)
        draw_light_rays (cr, rng, sun_x, sun_y, h * 1.1, 8);
    }

  /* A last veil of ground mist in front, so the bottom is not a flat black. */
  fill_haze (cr, w, h, h * 0.8, h, mist, 0.35);
}

/* Northern lights over a mountain lake, mirrored in the water. */
static void
paint_aurora_lake (cairo_t *cr,
                   double   w,
                   double   h,
                   Rng     *rng)
{
  static const Stop sky[] = {
    { 0.00, 0x02040e }, { 0.45, 0x061530 }, { 0.80, 0x0a2339 }, { 1.00, 0x143a48 },
  };
  const double s = MIN (w, h) / 2000.0;
  const double water_y = h * 0.7;
  const double shore_y = h * 0.88;
  Noise noise;
  Profile profile;

  paint_vertical (cr, 0, water_y, sky, G_N_ELEMENTS (sky));
  draw_stars (cr, rng, 1800, w, 0, water_y, s, 1.2);

  /* A faint band of the Milky Way, under the aurora. */
  for (guint i = 0; i < 70; i++)
    {
      double u = rng_double (rng);

      soft_glow (cr, w * (1.1 - 1.2 * u) + rng_gauss (rng) * w * 0.1,
                 h * (0.05 + 0.4 * u) + rng_gauss (rng) * h * 0.03,
                 w * rng_range (rng, 0.05, 0.15), w * rng_range (rng, 0.05, 0.15),
                 rgb (0x9aaed6), rng_range (rng, 0.03, 0.08));
    }

  noise_init (&noise, rng);
  soft_glow (cr, w * 0.5, h * 0.4, w * 0.9, h * 0.16, rgb (0x1a9a78), 0.22);
  cairo_set_operator (cr, CAIRO_OPERATOR_ADD);
  for (guint curtain = 0; curtain < 2; curtain++)
    {
      double phase = rng_range (rng, 0, 2 * G_PI);
      double fold = rng_range (rng, 0, 2 * G_PI);
      /* The main curtain low over the mountains, a fainter one high above;
       * the sky under the lowest edge stays dark, as it does in photos. */
      double level = h * (curtain == 0 ? 0.5 : 0.26);
      double reach = h * (curtain == 0 ? 0.3 : 0.14);
      double step = 1.5 * s;
      double strength = curtain == 0 ? 1.0 : 0.45;

      for (double x = -0.05 * w; x < 1.05 * w; x += step)
        {
          double u = x / w;
          double rays = 0.5 + 0.5 * noise_fbm (&noise, u * 45.0 + curtain * 40.0, 2);
          double base = level + h * 0.07 * sin (2 * G_PI * 0.8 * u + phase)
                      + h * 0.02 * sin (2 * G_PI * 3.1 * u + fold)
                      + h * 0.04 * noise_fbm (&noise, u * 3.0 + curtain * 10.0, 3)
                      + h * 0.025 * (1.0 - rays);
          double height = reach * (0.55 + 0.45 * (0.5 + 0.5 * noise_fbm (&noise, u * 2.0 + curtain * 20.0, 2)))
                        * (0.7 + 0.45 * rays);
          double b = strength * (0.2 + 0.8 * rays * rays)
                   * (0.3 + 0.7 * (0.5 + 0.5 * noise_fbm (&noise, u * 4.0 + curtain * 30.0, 2)));
          g_autoptr(cairo_pattern_t) pattern = NULL;

          pattern = cairo_pattern_create_linear (0, base, 0, base - height);
          add_stop (pattern, 0.00, rgb (0x48ffa6), 0.0);
          add_stop (pattern, 0.10, rgb (0x48ffa6), 0.4 * b);
          add_stop (pattern, 0.35, rgb (0x27d69c), 0.2 * b);
          add_stop (pattern, 0.70, rgb (0x7a52ff), 0.08 * b);
          add_stop (pattern, 1.00, rgb (0xc04cff), 0.0);
          cairo_rectangle (cr, x, base - height, step, height);
          cairo_set_source (cr, pattern);
          cairo_fill (cr);
        }
    }
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

  /* Two ranges meeting the water, the far one catching the green light. */
  profile_mountains (&profile, rng, w, water_y, h * 0.1, 2.2);
  profile_path (cr, &profile, water_y + 1);
  set_rgba (cr, rgb (0x0c1c2c), 1.0);
  cairo_fill (cr);
  fill_haze (cr, w, water_y + 1, profile_top (&profile), water_y, rgb (0x1f5a5e), 0.3);
  profile_hills (&profile, rng, w, water_y, h * 0.035, 1.6);
  profile_path (cr, &profile, water_y + 1);
  set_rgba (cr, rgb (0x08121f), 1.0);
  cairo_fill (cr);

  set_rgba (cr, rgb (0x06121c), 1.0);
  cairo_rectangle (cr, 0, water_y, w, h - water_y);
  cairo_fill (cr);
  reflect_water (cr, rng, w, h, water_y, s, 0.7, 2.0, 1.0, 0.2);
  fill_haze (cr, w, h, water_y, h, rgb (0x02060e), 0.55);
  for (guint i = 0; i < 600; i++)
    {
      double d = pow (rng_double (rng), 1.6);
      double y = water_y + d * (shore_y - water_y);
      double len = w * rng_range (rng, 0.02, 0.12);

      set_rgba (cr, rgb (0x9fe8d0), rng_range (rng, 0.03, 0.09));
      cairo_rectangle (cr, rng_range (rng, -len, w), y, len, s * (1.0 + 2.0 * d));
      cairo_fill (cr);
    }

  /* The near shore with a few firs. */
  set_rgba (cr, rgb (0x010308), 1.0);
  profile_hills (&profile, rng, w, shore_y + h * 0.02, h * 0.05, 1.0);
  profile_path (cr, &profile, h);
  cairo_fill (cr);
  for (guint i = 0; i < 22; i++)
    {
      double x = i < 11 ? rng_range (rng, -0.05 * w, 0.3 * w) : rng_range (rng, 0.72 * w, 1.05 * w);
      double th = h * rng_range (rng, 0.08, 0.2);

      draw_fir (cr, rng, x, profile_at (&profile, x) + h * 0.01, th, th * 0.32);
    }
}

/* A sand sea in the afternoon: crested dunes with sharp shadowed slip faces. */
static void
paint_dune_panorama (cairo_t *cr,
                     double   w,
                     double   h,
                     Rng     *rng)
{
  static const Stop sky[] = {
    { 0.00, 0x2a66a3 }, { 0.50, 0x80b3d6 }, { 0.85, 0xead7c2 }, { 1.00, 0xf6e0c4 },
  };
  const double horizon = h * 0.46;
  const guint n_layers = 4;
  const Rgb lit_far = rgb (0xf0cfa5);
  const Rgb lit_near = rgb (0xe89a52);
  const Rgb shade_far = rgb (0xd2a894);
  const Rgb shade_near = rgb (0x8e4634);
  const Rgb haze = rgb (0xf6e0c6);

  paint_vertical (cr, 0, horizon, sky, G_N_ELEMENTS (sky));
  soft_glow (cr, w * 0.12, h * 0.16, w * 0.3, h * 0.6, rgb (0xfff4d6), 0.7);
  set_rgba (cr, rgb (0xfffcf2), 1.0);
  cairo_arc (cr, w * 0.12, h * 0.16, h * 0.045, 0, 2 * G_PI);
  cairo_fill (cr);
  for (guint i = 0; i < 10; i++)
    soft_glow (cr, rng_range (rng, 0.2 * w, w), rng_range (rng, h * 0.08, h * 0.3),
               rng_range (rng, w * 0.04, w * 0.12), rng_range (rng, h * 0.006, h * 0.02),
               rgb (0xffffff), rng_range (rng, 0.2, 0.45));

  /* Far mesas, flat-topped and washed out by the heat. */
  for (guint i = 0; i < 4; i++)
    {
      double cx = rng_range (rng, 0.3 * w, 0.95 * w);
      double half = w * rng_range (rng, 0.02, 0.06);
      double top = horizon - h * rng_range (rng, 0.03, 0.07);

      cairo_move_to (cr, cx - half * 1.6, horizon + h * 0.02);
      cairo_curve_to (cr, cx - half * 1.2, horizon, cx - half, top + h * 0.01, cx - half * 0.9, top);
      cairo_line_to (cr, cx + half * 0.9, top);
      cairo_curve_to (cr, cx + half, top + h * 0.01, cx + half * 1.2, horizon, cx + half * 1.6,
                      horizon + h * 0.02);
      cairo_close_path (cr);
      set_rgba (cr, rgb (0xd9b7a0), 1.0);
      cairo_fill (cr);
    }
  fill_haze (cr, w, h, horizon - h * 0.08, horizon + h * 0.02, haze, 0.6);

  for (guint i = 0; i < n_layers; i++)
    {
      double t = i / (double) (n_layers - 1);
      double base = h * (0.53 + 0.42 * pow (t, 1.05));
      double amp = h * (0.06 + 0.2 * t);
      double spacing = w * (0.1 + 0.16 * t);
      double bottom = base + h * 0.15;
      Rgb lit = rgb_mix (lit_far, lit_near, t);
      Rgb shade = rgb_mix (shade_far, shade_near, t);
      double x = -rng_range (rng, 0.0, 1.0) * spacing;

      while (x < w + spacing)
        {
          double size = 0.35 + 0.65 * pow (rng_double (rng), 0.7);
          double ax = x + spacing * size * 0.6;
          double ay = base - amp * size * rng_range (rng, 0.85, 1.1);
          double lx = ax - spacing * size * rng_range (rng, 0.8, 1.2);
          double rx = ax + spacing * size * rng_range (rng, 0.6, 1.0);
          double crest_x = ax + (rx - ax) * rng_range (rng, 0.05, 0.45);
          double rise = base - ay;
          g_autoptr(cairo_pattern_t) body = NULL;
          g_autoptr(cairo_pattern_t) slip = NULL;

          /* The dune: a long convex windward slope up to a sharp crest,
           * then a steeper fall on the far side. */
          cairo_move_to (cr, lx, bottom);
          cairo_line_to (cr, lx, base);
          cairo_curve_to (cr, lx + (ax - lx) * 0.5, base, ax - (ax - lx) * 0.2, ay + rise * 0.08, ax, ay);
          cairo_curve_to (cr, ax + (rx - ax) * 0.15, ay + rise * 0.15, rx - (rx - ax) * 0.45, base, rx, base);
          cairo_line_to (cr, rx, bottom);
          cairo_close_path (cr);
          body = cairo_pattern_create_linear (0, ay, 0, bottom);
          add_stop (body, 0.0, rgb_mix (lit, rgb (0xfff2dc), 0.3), 1.0);
          add_stop (body, 0.5, lit, 1.0);
          add_stop (body, 1.0, rgb_mix (lit, shade, 0.3), 1.0);
          cairo_set_source (cr, body);
          cairo_fill (cr);

          /* The sun is on the left: the far side lies in shadow, split from
           * the lit slope by the crest line sweeping down to the foot. */
          cairo_move_to (cr, ax, ay);
          cairo_curve_to (cr, ax + (rx - ax) * 0.15, ay + rise * 0.15, rx - (rx - ax) * 0.45, base, rx, base);
          cairo_line_to (cr, crest_x, base);
          cairo_curve_to (cr, crest_x - (crest_x - ax) * 0.6, base - rise * 0.15,
                          ax - (rx - ax) * 0.04, ay + rise * 0.45, ax, ay);
          cairo_close_path (cr);
          slip = cairo_pattern_create_linear (0, ay, 0, base);
          add_stop (slip, 0.0, shade, 0.95);
          add_stop (slip, 1.0, rgb_mix (shade, lit, 0.3), 0.9);
          cairo_set_source (cr, slip);
          cairo_fill (cr);

          x = ax + spacing * size * rng_range (rng, 0.3, 0.8);
        }

      if (i + 1 < n_layers)
        fill_haze (cr, w, h, base - amp * 0.5, base + h * 0.03, haze, 0.5 * (1.0 - 0.5 * t));
    }
}

/* Out-of-focus lights drifting across a deep colour field. */
static void
paint_bokeh_field (cairo_t *cr,
                   double   w,
                   double   h,
                   Rng     *rng)
{
  static const guint32 palette[] = {
    0xffb04a, 0xff6f91, 0x6fd3ff, 0xc39bff, 0xfff0b0, 0x7dffcf,
  };
  const double s = MIN (w, h) / 2000.0;
  g_autoptr(cairo_pattern_t) ground = NULL;

  ground = cairo_pattern_create_linear (0, 0, w, h);
  add_stop (ground, 0.0, rgb (0x0a1526), 1.0);
  add_stop (ground, 0.5, rgb (0x28153a), 1.0);
  add_stop (ground, 1.0, rgb (0x3e0f2a), 1.0);
  cairo_set_source (cr, ground);
  cairo_paint (cr);
  soft_glow (cr, w * 0.18, h * 0.3, w * 0.7, h * 0.6, rgb (0x1d6c8a), 0.55);
  soft_glow (cr, w * 0.85, h * 0.72, w * 0.65, h * 0.6, rgb (0xa5265a), 0.5);
  soft_glow (cr, w * 0.62, h * 0.15, w * 0.4, h * 0.3, rgb (0xc17a2c), 0.3);

  cairo_set_operator (cr, CAIRO_OPERATOR_SCREEN);
  for (guint i = 0; i < 240; i++)
    {
      double u = rng_double (rng);
      double x = w * (1.2 * u - 0.1);
      double y = h * (0.9 - 0.75 * u) + rng_gauss (rng) * h * 0.35;
      double size = pow (rng_double (rng), 2.4);
      double r = s * (18.0 + 300.0 * size);
      double a = (0.65 - 0.4 * size) * rng_range (rng, 0.35, 1.0);
      Rgb c = rgb_mix (rgb (palette[rng_next (rng) % G_N_ELEMENTS (palette)]),
                       rgb (0xffffff), rng_range (rng, 0.0, 0.25));
      g_autoptr(cairo_pattern_t) pattern = NULL;

      /* A lens disc: even, with a slightly brighter rim and a soft edge. */
      pattern = cairo_pattern_create_radial (x, y, 0, x, y, r);
      add_stop (pattern, 0.0, c, a * 0.5);
      add_stop (pattern, 0.75, c, a * 0.62);
      add_stop (pattern, 0.9, c, a * 0.85);
      add_stop (pattern, 0.96, c, a * 0.45);
      add_stop (pattern, 1.0, c, 0.0);
      cairo_set_source (cr, pattern);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  for (guint i = 0; i < 60; i++)
    {
      double u = rng_double (rng);
      double x = w * u;
      double y = h * (0.85 - 0.7 * u) + rng_gauss (rng) * h * 0.2;
      Rgb c = rgb (palette[rng_next (rng) % G_N_ELEMENTS (palette)]);

      soft_glow (cr, x, y, s * 40.0, s * 40.0, c, 0.5);
      set_rgba (cr, rgb_mix (c, rgb (0xffffff), 0.7), 0.9);
      cairo_arc (cr, x, y, s * rng_range (rng, 2.0, 5.0), 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
}

static void
draw_windows (cairo_t *cr,
              Rng     *rng,
              double   left,
              double   top,
              double   width,
              double   bottom,
              double   w,
              double   h,
              double   brightness)
{
  static const guint32 lights[] = { 0xffd27a, 0xffe7b0, 0xffc266, 0xfff3d6, 0xbfe3ff };
  double cell_w = w * 0.0062;
  double cell_h = h * 0.0125;
  guint cols = (guint) ((width - cell_w) / cell_w);
  guint rows = (guint) ((bottom - top - cell_h) / cell_h);
  double pad = (width - cols * cell_w) / 2.0;
  double lit_share = rng_range (rng, 0.12, 0.5);

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < cols; c++)
      {
        if (rng_double (rng) > lit_share)
          continue;
        set_rgba (cr, rgb (lights[rng_next (rng) % G_N_ELEMENTS (lights)]),
                  brightness * rng_range (rng, 0.45, 1.0));
        cairo_rectangle (cr, left + pad + c * cell_w + cell_w * 0.22, top + cell_h * 0.8 + r * cell_h,
                         cell_w * 0.56, cell_h * 0.55);
        cairo_fill (cr);
      }
}

/* A city skyline at night across a river, windows and moon on the water. */
static void
paint_city_night (cairo_t *cr,
                  double   w,
                  double   h,
                  Rng     *rng)
{
  static const Stop sky[] = {
    { 0.00, 0x040716 }, { 0.40, 0x11183c }, { 0.72, 0x36285a }, { 0.90, 0x7f4662 },
    { 1.00, 0xc4735e },
  };
  const double s = MIN (w, h) / 2000.0;
  const double water_y = h * 0.76;
  const double moon_x = w * 0.8;
  const double moon_y = h * 0.17;
  const double moon_r = h * 0.042;
  double x;

  paint_vertical (cr, 0, water_y, sky, G_N_ELEMENTS (sky));
  draw_stars (cr, rng, 260, w, 0, h * 0.5, s * 0.8, 2.5);

  soft_glow (cr, moon_x, moon_y, moon_r * 7.0, moon_r * 7.0, rgb (0x9fb2e0), 0.35);
  cairo_push_group (cr);
  set_rgba (cr, rgb (0xf6f0da), 1.0);
  cairo_arc (cr, moon_x, moon_y, moon_r, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_DEST_OUT);
  set_rgba (cr, rgb (0x000000), 1.0);
  cairo_arc (cr, moon_x - moon_r * 0.45, moon_y - moon_r * 0.2, moon_r * 0.92, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_pop_group_to_source (cr);
  cairo_paint (cr);

  /* Far towers, greyed by the city's own glow. */
  x = rng_range (rng, -w * 0.03, 0);
  while (x < w)
    {
      double bw = w * rng_range (rng, 0.014, 0.04);
      double top = water_y - h * rng_range (rng, 0.05, 0.24);

      set_rgba (cr, rgb (0x2c2652), 1.0);
      cairo_rectangle (cr, x, top, bw, water_y - top);
      cairo_fill (cr);
      draw_windows (cr, rng, x, top, bw, water_y, w, h, 0.35);
      x += bw * rng_range (rng, 0.7, 1.05);
    }
  fill_haze (cr, w, water_y, water_y - h * 0.26, water_y, rgb (0x8a4c66), 0.45);

  /* Near towers in silhouette with lit windows and varied crowns. */
  x = rng_range (rng, -w * 0.05, 0);
  while (x < w)
    {
      double bw = w * rng_range (rng, 0.03, 0.075);
      double top = water_y - h * (0.08 + 0.36 * pow (rng_double (rng), 1.5));
      guint crown = (guint) (rng_next (rng) % 4);
      Rgb body = rgb_mix (rgb (0x0b0d1f), rgb (0x1a1a33), rng_double (rng));

      set_rgba (cr, body, 1.0);
      cairo_rectangle (cr, x, top, bw, water_y - top + 1);
      cairo_fill (cr);
      switch (crown)
        {
        case 1:
          /* A stepped top. */
          cairo_rectangle (cr, x + bw * 0.2, top - h * 0.03, bw * 0.6, h * 0.03 + 1);
          cairo_fill (cr);
          cairo_rectangle (cr, x + bw * 0.4, top - h * 0.05, bw * 0.2, h * 0.02 + 1);
          cairo_fill (cr);
          break;
        case 2:
          /* A spire with a red warning light. */
          cairo_move_to (cr, x, top + 1);
          cairo_line_to (cr, x + bw * 0.5, top - h * 0.06);
          cairo_line_to (cr, x + bw, top + 1);
          cairo_close_path (cr);
          cairo_fill (cr);
          cairo_rectangle (cr, x + bw * 0.5 - s, top - h * 0.1, 2 * s, h * 0.045);
          cairo_fill (cr);
          soft_glow (cr, x + bw * 0.5, top - h * 0.1, s * 18, s * 18, rgb (0xff3b30), 0.8);
          set_rgba (cr, rgb (0xff6a55), 1.0);
          cairo_arc (cr, x + bw * 0.5, top - h * 0.1, s * 3.0, 0, 2 * G_PI);
          cairo_fill (cr);
          break;
        case 3:
          /* A slanted roof. */
          cairo_move_to (cr, x, top + 1);
          cairo_line_to (cr, x, top - h * 0.035);
          cairo_line_to (cr, x + bw, top + 1);
          cairo_close_path (cr);
          cairo_fill (cr);
          break;
        default:
          break;
        }
      draw_windows (cr, rng, x, top, bw, water_y - h * 0.01, w, h, 1.0);
      x += bw * rng_range (rng, 0.85, 1.25);
    }

  /* Street lights along the embankment. */
  soft_glow (cr, w * 0.5, water_y, w * 0.7, h * 0.03, rgb (0xffb067), 0.4);
  for (guint i = 0; i < 70; i++)
    {
      double lx = rng_range (rng, 0, w);

      soft_glow (cr, lx, water_y - h * 0.006, s * 14, s * 14, rgb (0xffc27a), 0.7);
    }

  /* Dark water first: the reflection is laid over it with gaps. */
  set_rgba (cr, rgb (0x0b0c22), 1.0);
  cairo_rectangle (cr, 0, water_y, w, h - water_y);
  cairo_fill (cr);
  reflect_water (cr, rng, w, h, water_y, s, 0.8, 4.0, 1.5, 1.0);
  fill_haze (cr, w, h, water_y, h, rgb (0x050918), 0.45);
  for (guint i = 0; i < 500; i++)
    {
      double d = pow (rng_double (rng), 1.5);
      double len = w * rng_range (rng, 0.01, 0.06);

      set_rgba (cr, rgb (0xb7a6d8), rng_range (rng, 0.03, 0.1));
      cairo_rectangle (cr, rng_range (rng, -len, w), water_y + d * (h - water_y), len,
                       s * (1.0 + 2.0 * d));
      cairo_fill (cr);
    }
}

static void
draw_round_tree (cairo_t *cr,
                 Rng     *rng,
                 double   x,
                 double   ground,
                 double   size,
                 Rgb      leaf,
                 Rgb      light)
{
  set_rgba (cr, rgb (0x3b2a1e), 1.0);
  cairo_rectangle (cr, x - size * 0.05, ground - size * 0.7, size * 0.1, size * 0.72);
  cairo_fill (cr);
  for (guint k = 0; k < 5; k++)
    {
      double cx = x + rng_gauss (rng) * size * 0.35;
      double cy = ground - size * (0.95 + 0.25 * rng_double (rng));
      double r = size * rng_range (rng, 0.3, 0.45);

      set_rgba (cr, leaf, 1.0);
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_fill (cr);
      /* The sun is to the right: light the upper right of each clump. */
      soft_glow (cr, cx + r * 0.35, cy - r * 0.35, r * 0.7, r * 0.7, light, 0.45);
    }
}

/* Green hills rolling away into a hazy sunrise. */
static void
paint_sunrise_hills (cairo_t *cr,
                     double   w,
                     double   h,
                     Rng     *rng)
{
  static const Stop sky[] = {
    { 0.00, 0x5e98cf }, { 0.30, 0x9fc0dc }, { 0.50, 0xf1d2b6 }, { 0.62, 0xffe3b4 },
  };
  const double s = MIN (w, h) / 2000.0;
  const guint n_layers = 6;
  const Rgb far_top = rgb (0xc2ccb8);
  const Rgb near_top = rgb (0x7fae45);
  const Rgb far_low = rgb (0xaebcac);
  const Rgb near_low = rgb (0x2c5222);
  const Rgb mist = rgb (0xfff0da);
  const double sun_x = w * 0.68;
  const double sun_y = h * 0.5;

  paint_vertical (cr, 0, h, sky, G_N_ELEMENTS (sky));
  soft_glow (cr, sun_x, sun_y, w * 0.65, h * 0.5, rgb (0xffc585), 0.6);
  soft_glow (cr, sun_x, sun_y, w * 0.1, w * 0.1, rgb (0xfff4d2), 0.95);
  set_rgba (cr, rgb (0xfffbea), 1.0);
  cairo_arc (cr, sun_x, sun_y, h * 0.04, 0, 2 * G_PI);
  cairo_fill (cr);

  /* Fair-weather clouds built from soft puffs. */
  for (guint i = 0; i < 7; i++)
    {
      double cx = rng_range (rng, 0.0, w);
      double cy = rng_range (rng, h * 0.08, h * 0.34);
      double cw = w * rng_range (rng, 0.06, 0.14);

      for (guint k = 0; k < 16; k++)
        {
          double r = cw * rng_range (rng, 0.25, 0.5);
          double px = cx + rng_gauss (rng) * cw;
          double py = cy - fabs (rng_gauss (rng)) * cw * 0.35;

          soft_glow (cr, px, py, r, r * 0.7, rgb (0xfff6f0), 0.45);
        }
    }

  for (guint i = 0; i < n_layers; i++)
    {
      Profile profile;
      double t = i / (double) (n_layers - 1);
      double base = h * (0.6 + 0.38 * pow (t, 1.1));
      double amp = h * (0.04 + 0.12 * t);
      g_autoptr(cairo_pattern_t) pattern = NULL;
      double top;

      profile_hills (&profile, rng, w, base, amp, 1.2 + rng_range (rng, 0.0, 1.2));
      top = profile_top (&profile);
      pattern = cairo_pattern_create_linear (0, top, 0, base + h * 0.06);
      add_stop (pattern, 0.0, rgb_mix (far_top, near_top, t), 1.0);
      add_stop (pattern, 1.0, rgb_mix (far_low, near_low, t), 1.0);
      profile_path (cr, &profile, h);
      cairo_set_source (cr, pattern);
      cairo_fill (cr);

      /* Furrows following the slope on the nearest fields. */
      if (t > 0.7)
        {
          cairo_set_line_width (cr, s * 4.0);
          for (guint k = 1; k < 14; k++)
            {
              double off = h * 0.018 * k * (1.0 + 0.1 * k);

              for (guint j = 0; j <= 128; j++)
                {
                  double fx = w * j / 128.0;

                  if (j == 0)
                    cairo_move_to (cr, fx, profile_at (&profile, fx) + off);
                  else
                    cairo_line_to (cr, fx, profile_at (&profile, fx) + off);
                }
              set_rgba (cr, rgb (0x1f3a17), 0.12);
              cairo_stroke (cr);
            }
        }

      /* Trees in small groves along the nearer crests. */
      if (t >= 0.55)
        {
          guint groves = 2 + (guint) (rng_next (rng) % 3);

          for (guint g = 0; g < groves; g++)
            {
              double gx = rng_range (rng, 0.05 * w, 0.95 * w);
              guint trees = 2 + (guint) (rng_next (rng) % 5);

              for (guint k = 0; k < trees; k++)
                {
                  double tx = gx + rng_gauss (rng) * w * 0.035 * (0.5 + t);
                  double size = h * (0.02 + 0.05 * t * t) * rng_range (rng, 0.7, 1.2);

                  draw_round_tree (cr, rng, tx, profile_at (&profile, tx) + size * 0.35, size,
                                   rgb_mix (rgb (0x567a38), rgb (0x1e3b18), t),
                                   rgb (0xd8e890));
                }
            }
        }

      if (i + 1 < n_layers)
        fill_haze (cr, w, h, top + (base - top) * 0.2, base + h * 0.02, mist,
                   0.6 * (1.0 - 0.5 * t));
    }
}

/* ------------------------------------------------------------------------ */
/* Output                                                                    */
/* ------------------------------------------------------------------------ */

typedef enum
{
  DEMO_FORMAT_JPEG,
  DEMO_FORMAT_PNG,
} DemoFormat;

typedef void (*DemoPaintFunc) (cairo_t *cr,
                               double   w,
                               double   h,
                               Rng     *rng);

typedef struct
{
  const char    *name;
  int            width;
  int            height;
  DemoFormat     format;
  guint64        seed;
  DemoPaintFunc  paint;
} DemoImage;

/* Keep in step with the output list in meson.build. */
static const DemoImage demo_images[] = {
  { "01-dusk-ridges.jpg",    6000, 4000, DEMO_FORMAT_JPEG, 1101, paint_dusk_ridges },
  { "02-sea-glow.png",       3840, 2160, DEMO_FORMAT_PNG,  2202, paint_sea_glow },
  { "03-misty-forest.png",   2000, 3000, DEMO_FORMAT_PNG,  3303, paint_misty_forest },
  { "04-aurora-lake.jpg",    2160, 3840, DEMO_FORMAT_JPEG, 4404, paint_aurora_lake },
  { "05-dune-panorama.jpg",  6000, 2000, DEMO_FORMAT_JPEG, 5505, paint_dune_panorama },
  { "06-bokeh-field.png",    2400, 2400, DEMO_FORMAT_PNG,  6606, paint_bokeh_field },
  { "07-city-night.png",     3600, 2400, DEMO_FORMAT_PNG,  7707, paint_city_night },
  { "08-sunrise-hills.jpg",  3200, 2000, DEMO_FORMAT_JPEG, 8808, paint_sunrise_hills },
};

/* cairo's RGB24 keeps each pixel as a native-endian 32-bit xRGB word;
 * GdkPixbuf wants packed R, G, B bytes. */
static GdkPixbuf *
pixbuf_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int src_stride = cairo_image_surface_get_stride (surface);
  const guchar *src;
  GdkPixbuf *pixbuf;
  guchar *dst;
  int dst_stride;

  cairo_surface_flush (surface);
  src = cairo_image_surface_get_data (surface);
  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  if (pixbuf == NULL || src == NULL)
    {
      g_clear_object (&pixbuf);
      return NULL;
    }
  dst = gdk_pixbuf_get_pixels (pixbuf);
  dst_stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    {
      const guchar *in = src + (gsize) y * src_stride;
      guchar *out = dst + (gsize) y * dst_stride;

      for (int x = 0; x < width; x++)
        {
          guint32 word;

          memcpy (&word, in + 4 * x, sizeof word);
          out[0] = (word >> 16) & 0xff;
          out[1] = (word >> 8) & 0xff;
          out[2] = word & 0xff;
          out += 3;
        }
    }

  return pixbuf;
}

static gboolean
write_image (const DemoImage  *image,
             cairo_surface_t  *surface,
             const char       *path,
             GError          **error)
{
  cairo_status_t status;

  switch (image->format)
    {
    case DEMO_FORMAT_PNG:
      status = cairo_surface_write_to_png (surface, path);
      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                       "Cannot write %s: %s", path, cairo_status_to_string (status));
          return FALSE;
        }
      return TRUE;

    case DEMO_FORMAT_JPEG:
      {
        g_autoptr(GdkPixbuf) pixbuf = pixbuf_from_surface (surface);

        if (pixbuf == NULL)
          {
            g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
                         "Cannot allocate a %d×%d pixbuf for %s",
                         image->width, image->height, image->name);
            return FALSE;
          }
        if (!gdk_pixbuf_save (pixbuf, path, "jpeg", error, "quality", "90", NULL))
          {
            g_prefix_error (error, "Cannot write %s: ", path);
            return FALSE;
          }
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

static gboolean
render_image (const DemoImage  *image,
              const char       *outdir,
              GError          **error)
{
  g_autofree char *path = g_build_filename (outdir, image->name, NULL);
  g_autofree char *tmp_path = g_strconcat (path, ".tmp", NULL);
  g_autoptr(cairo_surface_t) surface = NULL;
  g_autoptr(cairo_t) cr = NULL;
  cairo_status_t status;
  Rng rng;

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, image->width, image->height);
  status = cairo_surface_status (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOMEM,
                   "Cannot create a %d×%d surface for %s: %s",
                   image->width, image->height, image->name, cairo_status_to_string (status));
      return FALSE;
    }

  cr = cairo_create (surface);
  rng_init (&rng, image->seed);
  image->paint (cr, image->width, image->height, &rng);
  status = cairo_status (cr);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   "Drawing %s failed: %s", image->name, cairo_status_to_string (status));
      return FALSE;
    }
  g_clear_pointer (&cr, cairo_destroy);

  /* Write beside the target and rename, so an interrupted build never leaves
   * a truncated picture that looks finished. */
  if (!write_image (image, surface, tmp_path, error))
    {
      g_unlink (tmp_path);
      return FALSE;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot rename %s to %s: %s", tmp_path, path, g_strerror (saved_errno));
      g_unlink (tmp_path);
      return FALSE;
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  const char *outdir;

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTDIR\n"
                  "Renders Vitrine's demo pictures into OUTDIR.\n",
                  argc > 0 ? argv[0] : "vitrine-demo-gen");
      return 1;
    }
  outdir = argv[1];

  if (g_mkdir_with_parents (outdir, 0755) != 0)
    {
      int saved_errno = errno;

      g_printerr ("vitrine-demo-gen: cannot create %s: %s\n", outdir, g_strerror (saved_errno));
      return 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_images); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!render_image (&demo_images[i], outdir, &error))
        {
          g_printerr ("vitrine-demo-gen: %s\n", error->message);
          return 1;
        }
    }

  return 0;
}
