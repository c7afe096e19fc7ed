/* test-transitions.c: every transition drawn offscreen by the real binary
 * (`vitrine --render-transition`, images prescaled by the image worker, drawn by the
 * compositor's programs), for a landscape and a portrait pair: progress 0 is the old
 * image and 1 the new one within 1/255 per channel, 0.5 differs from both and matches the
 * golden image in tests/display/golden/ (VITRINE_UPDATE_GOLDEN=1 rewrites them), and Crossfade at
 * 0.5 is the per-pixel average.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "vitrine-test-app.h"
#include "vitrine-test-util.h"

static char *tmpdir;

typedef struct
{
  const char *name;
  guint       width;
  guint       height;
} Shape;

static const Shape shapes[] = { { "landscape", 320, 180 }, { "portrait", 180, 320 } };

/* Two images that differ everywhere: diagonal bands, and rings. */
static char *
write_pattern (const char *name,
               guint       width,
               guint       height,
               gboolean    rings)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  char *path = g_build_filename (tmpdir, name, NULL);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3;
        double u = (double) x / width, v = (double) y / height;

        if (rings)
          {
            double r = hypot (u - 0.5, v - 0.5);

            p[0] = 40, p[1] = (guint8) (127 + 120 * sin (r * 60)), p[2] = (guint8) (200 * (1 - v) + 40);
          }
        else
          p[0] = (guint8) (230 * u + 20), p[1] = (guint8) (((x + y) / 16) % 2 ? 200 : 60), p[2] = 30;
      }
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
  return path;
}

/* Transitions tested once more with another value of their own parameter. */
typedef struct
{
  const char *name;
  const char *type;
  int         variant;
} Variant;

static const Variant variants[] = {
  { "diffuse-membrane", "diffuse", 1 },
  { "particle-swirl", "particle", 1 },
  { "particle-converge", "particle", 2 },
};

static const Variant *
find_variant (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    if (g_str_equal (name, variants[i].name))
      return &variants[i];
  return NULL;
}

static GdkPixbuf *
render (const char *name,
        double      progress,
        const char *from,
        const char *to,
        const Shape *shape,
        gboolean   *available)
{
  const Variant *variant = find_variant (name);
  g_autofree char *out = g_strdup_printf ("%s/%s-%s-%.2f.png", tmpdir, name, shape->name, progress);
  g_autofree char *transition = g_strconcat ("--render-transition=", variant != NULL ? variant->type : name, NULL);
  g_autofree char *variant_arg = g_strdup_printf ("--variant=%d", variant != NULL ? variant->variant : 0);
  g_autofree char *progress_arg = g_strdup_printf ("--progress=%.2f", progress);
  g_autofree char *from_arg = g_strconcat ("--from=", from, NULL);
  g_autofree char *to_arg = g_strconcat ("--to=", to, NULL);
  g_autofree char *size = g_strdup_printf ("--size=%ux%u", shape->width, shape->height);
  g_autofree char *output = g_strconcat ("--output=", out, NULL);
  g_auto(VtResult) result = { 0 };

  vt_run (&result, transition, progress_arg, from_arg, to_arg, size, "--seed=0.25",
          "--direction=left", output, variant_arg, NULL);
  *available = !(result.status == 1 && strstr (result.err, "no program") != NULL);
  if (!*available)
    return NULL;
  if (result.status != 0)
    g_error ("--render-transition=%s failed (%d): %s", name, result.status, result.err);
  return vt_load_png (out);
}

/* The image worker's prescale of @path, as the renderer sees it. */
static GdkPixbuf *
prescaled (const char  *path,
           const Shape *shape)
{
  g_autofree char *out = g_strdup_printf ("%s/prescaled-%s", tmpdir, strrchr (path, '/') + 1);
  g_autofree char *size = g_strdup_printf ("%ux%u", shape->width, shape->height);
  g_autofree char *output = g_strconcat ("--output=", out, NULL);
  const char *argv[] = { g_getenv ("VITRINE_WORKER_PATH"), "--role=image", "--prescale", path,
                         "--size", size, "--mode", "fill", output, NULL };

  g_assert_true (vt_run_quietly (argv));
  return vt_load_png (out);
}

typedef struct
{
  guint  max;
  double mean;
  guint  over;   /* channels that differ by more than the golden tolerance */
} Difference;

static Difference
compare (GdkPixbuf *a,
         GdkPixbuf *b)
{
  Difference d = { 0 };
  int w = gdk_pixbuf_get_width (a), h = gdk_pixbuf_get_height (a);
  int na = gdk_pixbuf_get_n_channels (a), nb = gdk_pixbuf_get_n_channels (b);
  guint64 sum = 0;

  g_assert_cmpint (gdk_pixbuf_get_width (b), ==, w);
  g_assert_cmpint (gdk_pixbuf_get_height (b), ==, h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < 3; c++)
        {
          const guint8 *pa = gdk_pixbuf_read_pixels (a) + y * gdk_pixbuf_get_rowstride (a) + x * na;
          const guint8 *pb = gdk_pixbuf_read_pixels (b) + y * gdk_pixbuf_get_rowstride (b) + x * nb;
          guint diff = ABS ((int) pa[c] - (int) pb[c]);

          d.max = MAX (d.max, diff);
          d.over += diff > 4;
          sum += diff;
        }
  d.mean = (double) sum / (w * h * 3);
  return d;
}

/*
 * Crumble's pieces tile the screen: before the first falls (progress 0.1), every pixel is
 * the old image's, or darkened to a fifth on a crack; none shows the new image through a
 * gap between pieces.
 */
static void
assert_crumble_whole (const char  *from,
                      const char  *to,
                      const Shape *shape,
                      GdkPixbuf   *from_pixels)
{
  gboolean available;
  g_autoptr(GdkPixbuf) cracked = render ("crumble", 0.1, from, to, shape, &available);
  int n = gdk_pixbuf_get_n_channels (cracked), m = gdk_pixbuf_get_n_channels (from_pixels);
  guint on_cracks = 0;

  for (guint y = 0; y < shape->height; y++)
    for (guint x = 0; x < shape->width; x++)
      {
        const guint8 *p = gdk_pixbuf_read_pixels (cracked) + y * gdk_pixbuf_get_rowstride (cracked) + x * n;
        const guint8 *q = gdk_pixbuf_read_pixels (from_pixels) + y * gdk_pixbuf_get_rowstride (from_pixels) + x * m;
        gboolean whole = TRUE, crack = TRUE;

        for (int c = 0; c < 3; c++)
          {
            whole = whole && ABS ((int) p[c] - (int) q[c]) <= 1;
            crack = crack && ABS ((int) p[c] - (int) (q[c] * 0.2)) <= 2;
          }
        if (!whole && !crack)
          g_error ("crumble at 0.1, %s: pixel (%u, %u) is %u,%u,%u, neither the old image nor a crack",
                   shape->name, x, y, p[0], p[1], p[2]);
        on_cracks += crack && !whole;
      }
  /* The cracks are there, and thin. */
  g_assert_cmpuint (on_cracks, >, 0);
  g_assert_cmpuint (on_cracks, <, shape->width * shape->height / 10);
}

static void
test_transitions (void)
{
  g_auto(VtResult) list = { 0 };
  g_auto(GStrv) names = NULL;
  gboolean update = g_getenv ("VITRINE_UPDATE_GOLDEN") != NULL;
  guint rendered = 0;

  if (!vt_have_display ())
    {
      /* A skip, not a pass with nothing checked (docs/TESTING.md, "Skips"). */
      g_test_skip ("needs a display server to render with (run under xvfb-run)");
      return;
    }

  vt_run (&list, "--list-transitions", NULL);
  g_assert_cmpint (list.status, ==, 0);
  {
    g_autoptr(GString) all = g_string_new (g_strstrip (list.out));

    for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
      g_string_append_printf (all, "\n%s", variants[i].name);
    names = g_strsplit (all->str, "\n", -1);
  }
  g_assert_cmpuint (g_strv_length (names), ==, 12 + G_N_ELEMENTS (variants));

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      const Shape *shape = &shapes[s];
      g_autofree char *from_name = g_strdup_printf ("from-%s.png", shape->name);
      g_autofree char *to_name = g_strdup_printf ("to-%s.png", shape->name);
      g_autofree char *from = write_pattern (from_name, shape->width, shape->height, FALSE);
      g_autofree char *to = write_pattern (to_name, shape->width, shape->height, TRUE);
      g_autoptr(GdkPixbuf) from_pixels = prescaled (from, shape);
      g_autoptr(GdkPixbuf) to_pixels = prescaled (to, shape);

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autoptr(GdkPixbuf) start = NULL, middle = NULL, end = NULL, golden = NULL;
          g_autofree char *golden_name = g_strdup_printf ("%s-%s.png", names[i], shape->name);
          g_autofree char *golden_path = g_test_build_filename (G_TEST_DIST, "golden", golden_name, NULL);
          gboolean available;
          Difference d;

          start = render (names[i], 0.0, from, to, shape, &available);
          if (!available)
            {
              g_test_message ("%s: no program yet, not tested", names[i]);
              continue;
            }
          g_test_message ("%s, %s", names[i], shape->name);
          end = render (names[i], 1.0, from, to, shape, &available);
          middle = render (names[i], 0.5, from, to, shape, &available);

          g_assert_cmpuint (compare (start, from_pixels).max, <=, 1);
          g_assert_cmpuint (compare (end, to_pixels).max, <=, 1);
          g_assert_cmpfloat (compare (middle, from_pixels).mean, >, 2.0);
          g_assert_cmpfloat (compare (middle, to_pixels).mean, >, 2.0);

          if (g_str_equal (names[i], "crossfade"))
            {
              /* The per-pixel average of old and new. */
              g_autoptr(GdkPixbuf) average = gdk_pixbuf_copy (from_pixels);
              guint8 *p = gdk_pixbuf_get_pixels (average);
              const guint8 *q = gdk_pixbuf_read_pixels (to_pixels);

              for (gsize k = 0; k < gdk_pixbuf_get_byte_length (average); k++)
                p[k] = (guint8) ((p[k] + q[k] + 1) / 2);
              g_assert_cmpuint (compare (middle, average).max, <=, 1);
            }

          if (g_str_equal (names[i], "crumble"))
            assert_crumble_whole (from, to, shape, from_pixels);

          if (update)
            g_assert_true (gdk_pixbuf_save (middle, golden_path, "png", NULL, NULL));
          golden = vt_load_png (golden_path);
          d = compare (middle, golden);
          g_test_message ("  against %s: max %u, mean %.3f, %u channels over 4", golden_name, d.max, d.mean, d.over);
          /* Rasterization may move an edge by a pixel; the picture must be the same. */
          g_assert_cmpfloat (d.mean, <, 0.5);
          g_assert_cmpuint (d.over, <, shape->width * shape->height * 3 / 200);
          rendered++;
        }
    }
  g_assert_cmpuint (rendered, ==, 2 * (12 + G_N_ELEMENTS (variants)));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("vitrine-transitions-XXXXXX", NULL);

  g_test_add_func ("/Transitions/golden", test_transitions);

  status = g_test_run ();
  vt_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
