/* test-demo.c: the demo photo set the build renders, decoded for real with GdkPixbuf.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>

typedef struct
{
  char   *path;
  char   *format;
  int     width;
  int     height;
  double  mean[3];
} DemoImage;

static void
demo_image_free (gpointer data)
{
  DemoImage *image = data;

  g_free (image->path);
  g_free (image->format);
  g_free (image);
}

static const char *
demo_dir (void)
{
  const char *dir = g_getenv ("VITRINE_DEMO_DIR");

  g_assert_nonnull (dir);
  return dir;
}

/* Samples a 64×64 grid: per-channel mean and spread, and the number of distinct colours. */
static void
measure (GdkPixbuf *pixbuf,
         double     mean[3],
         double     spread[3],
         guint     *n_colours)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  const guchar *pixels = gdk_pixbuf_read_pixels (pixbuf);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  double sum[3] = { 0 }, sum_sq[3] = { 0 };
  guint n = 0;

  for (int gy = 0; gy < 64; gy++)
    for (int gx = 0; gx < 64; gx++)
      {
        const guchar *p = pixels + (gy * (height - 1) / 63) * stride + (gx * (width - 1) / 63) * channels;

        for (int c = 0; c < 3; c++)
          {
            sum[c] += p[c];
            sum_sq[c] += (double) p[c] * p[c];
          }
        /* Quantised to 5 bits a channel, so JPEG noise does not count as variety. */
        g_hash_table_add (colours, GUINT_TO_POINTER (((p[0] >> 3) << 10) | ((p[1] >> 3) << 5) | (p[2] >> 3)));
        n++;
      }

  for (int c = 0; c < 3; c++)
    {
      mean[c] = sum[c] / n;
      spread[c] = sqrt (MAX (0.0, sum_sq[c] / n - mean[c] * mean[c]));
    }
  *n_colours = g_hash_table_size (colours);
}

static GPtrArray *
load_demo_set (void)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *images = g_ptr_array_new_with_free_func (demo_image_free);
  const char *name;

  dir = g_dir_open (demo_dir (), 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".jpg") || g_str_has_suffix (name, ".png"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      DemoImage *image = g_new0 (DemoImage, 1);
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      GdkPixbufFormat *format;
      double spread[3];
      guint n_colours;

      image->path = g_build_filename (demo_dir (), g_ptr_array_index (names, i), NULL);
      format = gdk_pixbuf_get_file_info (image->path, &image->width, &image->height);
      g_assert_nonnull (format);
      image->format = gdk_pixbuf_format_get_name (format);

      pixbuf = gdk_pixbuf_new_from_file (image->path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, image->width);
      g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, image->height);

      measure (pixbuf, image->mean, spread, &n_colours);
      g_test_message ("%s: %s %d×%d, mean %.0f/%.0f/%.0f, spread %.0f/%.0f/%.0f, %u colours",
                      (char *) g_ptr_array_index (names, i), image->format, image->width,
                      image->height, image->mean[0], image->mean[1], image->mean[2],
                      spread[0], spread[1], spread[2], n_colours);

      /* A picture, not a flat fill or a plain gradient. */
      g_assert_cmpfloat (MAX (spread[0], MAX (spread[1], spread[2])), >, 20.0);
      g_assert_cmpuint (n_colours, >, 60);

      g_ptr_array_add (images, image);
    }

  return images;
}

static void
test_formats_and_shapes (void)
{
  g_autoptr(GPtrArray) images = load_demo_set ();
  guint jpeg = 0, png = 0, landscape = 0, portrait = 0, panorama = 0, square = 0, largest = 0;

  g_assert_cmpuint (images->len, >=, 8);

  for (guint i = 0; i < images->len; i++)
    {
      DemoImage *image = g_ptr_array_index (images, i);
      double aspect = (double) image->width / image->height;

      jpeg += g_str_equal (image->format, "jpeg");
      png += g_str_equal (image->format, "png");
      landscape += aspect >= 1.2 && aspect <= 2.0;
      portrait += image->height > image->width;
      panorama += aspect >= 2.5;
      square += image->width == image->height;

      g_assert_cmpint (image->width, <=, 6000);
      g_assert_cmpint (image->height, <=, 6000);
      g_assert_cmpint ((gint64) image->width * image->height, <=, 6000 * 4000);
      largest += image->width == 6000 && image->height == 4000;
    }

  g_assert_cmpuint (jpeg, >=, 2);
  g_assert_cmpuint (png, >=, 2);
  g_assert_cmpuint (landscape, >=, 3);
  g_assert_cmpuint (portrait, >=, 2);
  g_assert_cmpuint (panorama, >=, 1);
  g_assert_cmpuint (square, >=, 1);
  g_assert_cmpuint (largest, ==, 1);
}

/* Eight copies of one picture would pass the checks above; they must differ. */
static void
test_all_different (void)
{
  g_autoptr(GPtrArray) images = load_demo_set ();

  for (guint i = 0; i < images->len; i++)
    for (guint j = i + 1; j < images->len; j++)
      {
        DemoImage *a = g_ptr_array_index (images, i);
        DemoImage *b = g_ptr_array_index (images, j);
        double distance = 0;

        for (int c = 0; c < 3; c++)
          distance += fabs (a->mean[c] - b->mean[c]);

        if (distance < 6.0 && a->width == b->width && a->height == b->height)
          g_error ("%s and %s look alike", a->path, b->path);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The generated demo set: formats, shapes, sizes, and real pictures");

  g_test_add_func ("/Demo/formats-and-shapes", test_formats_and_shapes);
  g_test_add_func ("/Demo/all-different", test_all_different);

  return g_test_run ();
}
