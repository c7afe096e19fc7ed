/* test-demo.c: the demo photo set the build renders, decoded for real with GdkPixbuf.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads the directory named by VITRINE_DEMO_DIR.  tests/meson.build runs this
 * with VITRINE_DEMO_DIR=<demo_build_dir> (from data/demo/meson.build) and a
 * dependency on the demo_images target, so the set is rendered first.  By hand:
 *   vitrine-demo-gen /tmp/demo && VITRINE_DEMO_DIR=/tmp/demo ./test-demo
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <string.h>

#define GRID       64  /* samples per side of the measuring grid */
#define SIGNATURE  8   /* cells per side of the thumbnail signature */

typedef struct
{
  char   *name;
  char   *path;
  char   *format;         /* GdkPixbuf's format name from the file header */
  int     width;
  int     height;
  double  mean[3];
  double  spread[3];      /* per-channel standard deviation over the grid */
  double  luma_spread;
  guint   n_colours;      /* distinct colours on the grid, 5 bits a channel */
  double  top_share;      /* share of the grid taken by the commonest colour */
  double  signature[SIGNATURE][SIGNATURE][3];
} DemoImage;

static GPtrArray *demo_set;

static void
demo_image_free (gpointer data)
{
  DemoImage *image = data;

  g_free (image->name);
  g_free (image->path);
  g_free (image->format);
  g_free (image);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  /* g_ptr_array_sort hands over pointers to the elements. */
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Samples a GRID×GRID lattice of pixel centres: mean, spread, colour variety,
 * and an 8×8 thumbnail made of the averages of 8×8 blocks of samples. */
static void
measure (DemoImage *image,
         GdkPixbuf *pixbuf)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  const guchar *pixels = gdk_pixbuf_read_pixels (pixbuf);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  double sum[3] = { 0 };
  double sum_sq[3] = { 0 };
  double luma_sum = 0;
  double luma_sq = 0;
  guint top = 0;
  const guint n = GRID * GRID;
  const double cell = GRID / SIGNATURE;

  memset (image->signature, 0, sizeof image->signature);

  for (int gy = 0; gy < GRID; gy++)
    for (int gx = 0; gx < GRID; gx++)
      {
        int x = (int) ((gx + 0.5) * width / GRID);
        int y = (int) ((gy + 0.5) * height / GRID);
        const guchar *p = pixels + (gsize) y * stride + (gsize) x * channels;
        double luma = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
        /* Quantised to 5 bits a channel, so JPEG noise does not count as variety. */
        gpointer key = GUINT_TO_POINTER (1 + (((guint) p[0] >> 3) << 10 | ((guint) p[1] >> 3) << 5
                                              | ((guint) p[2] >> 3)));
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (colours, key)) + 1;

        g_hash_table_insert (colours, key, GUINT_TO_POINTER (count));
        top = MAX (top, count);
        for (int c = 0; c < 3; c++)
          {
            sum[c] += p[c];
            sum_sq[c] += (double) p[c] * p[c];
            image->signature[(int) (gy / cell)][(int) (gx / cell)][c] += p[c] / (cell * cell);
          }
        luma_sum += luma;
        luma_sq += luma * luma;
      }

  for (int c = 0; c < 3; c++)
    {
      image->mean[c] = sum[c] / n;
      image->spread[c] = sqrt (MAX (0.0, sum_sq[c] / n - image->mean[c] * image->mean[c]));
    }
  image->luma_spread = sqrt (MAX (0.0, luma_sq / n - (luma_sum / n) * (luma_sum / n)));
  image->n_colours = g_hash_table_size (colours);
  image->top_share = (double) top / n;
}

/* Mean absolute difference of two thumbnail signatures, in 8-bit levels. */
static double
signature_distance (const DemoImage *a,
                    const DemoImage *b)
{
  double total = 0;

  for (int y = 0; y < SIGNATURE; y++)
    for (int x = 0; x < SIGNATURE; x++)
      for (int c = 0; c < 3; c++)
        total += fabs (a->signature[y][x][c] - b->signature[y][x][c]);

  return total / (SIGNATURE * SIGNATURE * 3);
}

/* Loads the set once, in name order; every test shares it. */
static GPtrArray *
get_demo_set (void)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *dir_path = g_getenv ("VITRINE_DEMO_DIR");
  const char *name;

  if (demo_set != NULL)
    return demo_set;

  if (dir_path == NULL)
    g_error ("VITRINE_DEMO_DIR is not set: run this test through `meson test`");

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".jpg") || g_str_has_suffix (name, ".png"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  demo_set = g_ptr_array_new_with_free_func (demo_image_free);
  for (guint i = 0; i < names->len; i++)
    {
      DemoImage *image = g_new0 (DemoImage, 1);
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      GdkPixbufFormat *format;

      image->name = g_strdup (g_ptr_array_index (names, i));
      image->path = g_build_filename (dir_path, image->name, NULL);
      g_ptr_array_add (demo_set, image);

      format = gdk_pixbuf_get_file_info (image->path, &image->width, &image->height);
      if (format == NULL)
        g_error ("%s: GdkPixbuf does not recognise the file", image->path);
      image->format = gdk_pixbuf_format_get_name (format);

      pixbuf = gdk_pixbuf_new_from_file (image->path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, image->width);
      g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, image->height);
      g_assert_cmpint (gdk_pixbuf_get_bits_per_sample (pixbuf), ==, 8);
      g_assert_cmpint (gdk_pixbuf_get_n_channels (pixbuf), >=, 3);

      measure (image, pixbuf);
      g_test_message ("%s: %s %dx%d, mean %.0f/%.0f/%.0f, spread %.0f/%.0f/%.0f, luma spread %.0f, "
                      "%u colours, commonest %.0f%%",
                      image->name, image->format, image->width, image->height,
                      image->mean[0], image->mean[1], image->mean[2],
                      image->spread[0], image->spread[1], image->spread[2],
                      image->luma_spread, image->n_colours, 100 * image->top_share);
    }

  return demo_set;
}

static void
test_names (void)
{
  GPtrArray *set = get_demo_set ();
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (set->len, >=, 8);

  for (guint i = 0; i < set->len; i++)
    {
      DemoImage *image = g_ptr_array_index (set, i);
      const char *expected = g_str_has_suffix (image->name, ".jpg") ? "jpeg" : "png";
      g_autofree char *lower = g_ascii_strdown (image->name, -1);

      /* Lower case, numbered "NN-", numbers unique, and the suffix tells the truth. */
      g_assert_cmpstr (image->name, ==, lower);
      g_assert_true (g_ascii_isdigit (image->name[0]) && g_ascii_isdigit (image->name[1]));
      g_assert_cmpint (image->name[2], ==, '-');
      g_assert_true (g_hash_table_add (numbers, g_strndup (image->name, 2)));
      g_assert_cmpstr (image->format, ==, expected);

      if (i > 0)
        g_assert_cmpint (g_strcmp0 (((DemoImage *) g_ptr_array_index (set, i - 1))->name,
                                    image->name), <, 0);
    }
}

static void
test_formats (void)
{
  GPtrArray *set = get_demo_set ();
  guint jpeg = 0;
  guint png = 0;

  for (guint i = 0; i < set->len; i++)
    {
      DemoImage *image = g_ptr_array_index (set, i);

      jpeg += g_str_equal (image->format, "jpeg");
      png += g_str_equal (image->format, "png");
    }

  /* Both decoders get exercised, each by a fair share of the set. */
  g_assert_cmpuint (jpeg, >=, 2);
  g_assert_cmpuint (png, >=, 2);
  g_assert_cmpuint (jpeg + png, ==, set->len);
}

static void
test_shapes_and_sizes (void)
{
  GPtrArray *set = get_demo_set ();
  guint landscape = 0;
  guint portrait = 0;
  guint panorama = 0;
  guint square = 0;
  guint largest = 0;

  for (guint i = 0; i < set->len; i++)
    {
      DemoImage *image = g_ptr_array_index (set, i);
      double aspect = (double) image->width / image->height;

      landscape += aspect >= 1.2 && aspect <= 2.0;
      portrait += image->height > image->width;
      panorama += aspect >= 2.5;
      square += image->width == image->height;
      largest += image->width == 6000 && image->height == 4000;

      /* Nothing beyond 6000×4000 in either orientation. */
      g_assert_cmpint (MAX (image->width, image->height), <=, 6000);
      g_assert_cmpint (MIN (image->width, image->height), <=, 4000);
      g_assert_cmpint (MIN (image->width, image->height), >=, 1000);
    }

  g_assert_cmpuint (landscape, >=, 3);
  g_assert_cmpuint (portrait, >=, 2);
  g_assert_cmpuint (panorama, >=, 1);
  g_assert_cmpuint (square, >=, 1);
  g_assert_cmpuint (largest, >=, 1);
}

/* A picture, not a flat fill, a plain gradient, or a flat fill with a speck. */
static void
test_not_flat (void)
{
  GPtrArray *set = get_demo_set ();

  for (guint i = 0; i < set->len; i++)
    {
      DemoImage *image = g_ptr_array_index (set, i);

      g_test_message ("checking %s", image->name);
      g_assert_cmpfloat (MAX (image->spread[0], MAX (image->spread[1], image->spread[2])), >, 15.0);
      g_assert_cmpfloat (image->luma_spread, >, 10.0);
      g_assert_cmpuint (image->n_colours, >, 60);
      g_assert_cmpfloat (image->top_share, <, 0.5);
    }
}

/* Eight copies of one picture would pass the checks above; they must differ. */
static void
test_all_different (void)
{
  GPtrArray *set = get_demo_set ();
  double closest = G_MAXDOUBLE;
  const char *closest_a = NULL;
  const char *closest_b = NULL;

  for (guint i = 0; i < set->len; i++)
    for (guint j = i + 1; j < set->len; j++)
      {
        DemoImage *a = g_ptr_array_index (set, i);
        DemoImage *b = g_ptr_array_index (set, j);
        double distance = signature_distance (a, b);

        /* The same picture re-encoded or rescaled stays within about 3 levels. */
        if (distance < 8.0)
          g_error ("%s and %s look alike (thumbnails %.1f levels apart)",
                   a->name, b->name, distance);
        if (distance < closest)
          {
            closest = distance;
            closest_a = a->name;
            closest_b = b->name;
          }
      }
  g_test_message ("closest pair: %s and %s, thumbnails %.1f levels apart",
                  closest_a, closest_b, closest);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The generated demo set: names, formats, shapes, sizes, and real, distinct pictures");

  g_test_add_func ("/Demo/names", test_names);
  g_test_add_func ("/Demo/formats", test_formats);
  g_test_add_func ("/Demo/shapes-and-sizes", test_shapes_and_sizes);
  g_test_add_func ("/Demo/not-flat", test_not_flat);
  g_test_add_func ("/Demo/all-different", test_all_different);

  ret = g_test_run ();
  g_clear_pointer (&demo_set, g_ptr_array_unref);

  return ret;
}
