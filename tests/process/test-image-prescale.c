/* test-image-prescale.c: the image role's prescale path on files the test writes itself:
 * every installed format, EXIF orientations 1–8, the three modes checked on real pixels,
 * tiny, panorama and huge images, and broken inputs. Through the real executable
 * (`vitrine-worker --role=image --prescale`) and through the library it runs.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vitrine-image-prescale.h"
#include "vitrine-memfd.h"
#include "vitrine-test-util.h"

static char *tmpdir;

typedef struct { guint8 r, g, b; } Rgb;

static const Rgb RED = { 255, 0, 0 }, GREEN = { 0, 255, 0 }, BLUE = { 0, 0, 255 },
                 WHITE = { 255, 255, 255 }, BLACK = { 0, 0, 0 };

/* Quadrants: red top left, green top right, blue bottom left, white bottom right. */
static Rgb
quadrant_colour (guint x,
                 guint y,
                 guint w,
                 guint h)
{
  gboolean right = x >= w / 2, bottom = y >= h / 2;

  return bottom ? (right ? WHITE : BLUE) : (right ? GREEN : RED);
}

static GdkPixbuf *
quadrants (guint w,
           guint h)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        Rgb c = quadrant_colour (x, y, w, h);
        guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3;

        p[0] = c.r, p[1] = c.g, p[2] = c.b;
      }
  return pixbuf;
}

/* Vertical stripes: red left of @a, green from @a to @b, blue from @b. */
static GdkPixbuf *
stripes (guint w,
         guint h,
         guint a,
         guint b)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);

  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        Rgb c = x < a ? RED : x < b ? GREEN : BLUE;
        guint8 *p = gdk_pixbuf_get_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3;

        p[0] = c.r, p[1] = c.g, p[2] = c.b;
      }
  return pixbuf;
}

static char *
save (GdkPixbuf  *pixbuf,
      const char *name,
      const char *type)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  if (g_str_equal (type, "jpeg"))
    gdk_pixbuf_save (pixbuf, path, type, &error, "quality", "95", NULL);
  else
    gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);
  return path;
}

static char *
write_bytes (const char *name,
             const void *data,
             gsize       size)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);

  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
  return path;
}

/* Prescaled pixels, mapped read-only through the same checks as the display's. */
typedef struct
{
  VitrinePrescaled  result;
  GBytes           *bytes;
  guint             width;
} Prescaled;

static void
prescaled_clear (Prescaled *p)
{
  vitrine_prescaled_clear (&p->result);
  g_clear_pointer (&p->bytes, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Prescaled, prescaled_clear)

static void
prescale (const char       *path,
          guint             w,
          guint             h,
          VitrineScaleMode  mode,
          Prescaled        *out)
{
  g_autoptr(GError) error = NULL;
  VitrinePrescaleParams params;
  gsize size = (gsize) w * h * 4;

  vitrine_prescale_params_init (&params, w, h, mode);
  g_assert_true (vitrine_image_prescale (path, &params, &out->result, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (out->result.stride, ==, w * 4);
  out->bytes = vitrine_memfd_map_sealed (vitrine_memfd_writer_get_fd (out->result.pixels),
                                         VITRINE_MEMFD_REQUIRED_SEALS, size, size, &error);
  g_assert_no_error (error);
  out->width = w;
}

static void
assert_pixel (Prescaled *p,
              guint      x,
              guint      y,
              Rgb        want,
              guint      tolerance)
{
  const guint8 *px = (const guint8 *) g_bytes_get_data (p->bytes, NULL) + ((gsize) y * p->width + x) * 4;

  if (ABS ((int) px[0] - want.r) > (int) tolerance || ABS ((int) px[1] - want.g) > (int) tolerance ||
      ABS ((int) px[2] - want.b) > (int) tolerance || px[3] != 255)
    g_error ("pixel (%u, %u) is %u,%u,%u,%u; expected %u,%u,%u,255 ± %u", x, y,
             px[0], px[1], px[2], px[3], want.r, want.g, want.b, tolerance);
}

/* The quadrant image fitted exactly: each quadrant's centre keeps its colour. */
static void
assert_quadrants (Prescaled *p,
                  guint      w,
                  guint      h,
                  guint      tolerance)
{
  assert_pixel (p, w / 4, h / 4, RED, tolerance);
  assert_pixel (p, 3 * w / 4, h / 4, GREEN, tolerance);
  assert_pixel (p, w / 4, 3 * h / 4, BLUE, tolerance);
  assert_pixel (p, 3 * w / 4, 3 * h / 4, WHITE, tolerance);
}

static gboolean
have_loader (const char *mime)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_auto(GStrv) types = gdk_pixbuf_format_get_mime_types (l->data);

      if (g_strv_contains ((const char * const *) types, mime))
        return TRUE;
    }
  return FALSE;
}

/* Formats GdkPixbuf cannot write are converted by ImageMagick from a PNG the test wrote. */
static char *
convert_to (const char *png,
            const char *name)
{
  g_autofree char *out = g_build_filename (tmpdir, name, NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "convert", png, out, NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_steal_pointer (&out);
}

static void
test_formats (void)
{
  static const struct { const char *mime, *ext, *saver; guint tolerance; } formats[] = {
    { "image/png", "png", "png", 0 },
    { "image/jpeg", "jpg", "jpeg", 24 },
    { "image/tiff", "tif", "tiff", 0 },
    { "image/bmp", "bmp", "bmp", 0 },
    { "image/gif", "gif", NULL, 0 },
    { "image/webp", "webp", NULL, 40 },
    { "image/avif", "avif", NULL, 40 },
    { "image/heif", "heic", NULL, 40 },
  };
  g_autoptr(GdkPixbuf) source = quadrants (96, 64);
  g_autofree char *png = save (source, "source.png", "png");
  g_autoptr(GString) untested = g_string_new (NULL);
  guint tested = 0;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_auto(Prescaled) p = { 0 };
      g_autofree char *name = g_strconcat ("format.", formats[i].ext, NULL);
      g_autofree char *path = NULL;

      if (!have_loader (formats[i].mime))
        {
          g_string_append_printf (untested, "%s%s (no GdkPixbuf loader)",
                                  untested->len > 0 ? ", " : "", formats[i].mime);
          continue;
        }
      path = formats[i].saver != NULL ? save (source, name, formats[i].saver)
                                      : convert_to (png, name);
      if (path == NULL)
        {
          g_string_append_printf (untested, "%s%s (ImageMagick cannot write it)",
                                  untested->len > 0 ? ", " : "", formats[i].mime);
          continue;
        }

      g_test_message ("%s", formats[i].mime);
      prescale (path, 48, 32, VITRINE_SCALE_MODE_FIT, &p);
      g_assert_cmpstr (p.result.format, ==, formats[i].mime);
      g_assert_cmpuint (p.result.source_width, ==, 96);
      g_assert_cmpuint (p.result.source_height, ==, 64);
      assert_quadrants (&p, 48, 32, formats[i].tolerance);
      tested++;
    }
  /* The formats GdkPixbuf always has, at least. */
  g_assert_cmpuint (tested, >=, 5);
  /* What could not be tried here makes this a skip, naming the half that did not run. */
  if (untested->len > 0)
    {
      g_autofree char *message = g_strdup_printf ("tested %u formats; not tested here: %s",
                                                  tested, untested->str);

      g_test_skip (message);
    }
}

/* A JPEG of @pixbuf with an EXIF APP1 segment carrying @orientation, right after SOI. */
static char *
save_oriented_jpeg (GdkPixbuf *pixbuf,
                    int        orientation,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *jpeg = NULL;
  gsize len;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const guint8 app1[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0, '*', 0, 0, 0, 8,        /* big-endian TIFF, IFD at 8 */
    0, 1,                                /* one entry */
    0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (guint8) orientation, 0, 0,
    0, 0, 0, 0,                          /* no next IFD */
  };

  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &len, "jpeg", &error, "quality", "95", NULL));
  g_assert_no_error (error);
  g_byte_array_append (out, (const guint8 *) jpeg, 2);
  g_byte_array_append (out, app1, sizeof app1);
  g_byte_array_append (out, (const guint8 *) jpeg + 2, len - 2);
  return write_bytes (name, out->data, out->len);
}

/* Where displayed pixel (x, y) comes from in the stored W × H image, per EXIF. */
static void
stored_position (int    orientation,
                 guint  x,
                 guint  y,
                 guint  w,
                 guint  h,
                 guint *sx,
                 guint *sy)
{
  switch (orientation)
    {
    case 2: *sx = w - 1 - x, *sy = y; break;
    case 3: *sx = w - 1 - x, *sy = h - 1 - y; break;
    case 4: *sx = x, *sy = h - 1 - y; break;
    case 5: *sx = y, *sy = x; break;
    case 6: *sx = y, *sy = h - 1 - x; break;
    case 7: *sx = w - 1 - y, *sy = h - 1 - x; break;
    case 8: *sx = w - 1 - y, *sy = x; break;
    default: *sx = x, *sy = y; break;
    }
}

static void
test_orientations (void)
{
  /* Stored 640 × 320, shown at an eighth of the displayed size: the DCT-scaled path. */
  const guint w = 640, h = 320;
  g_autoptr(GdkPixbuf) source = quadrants (w, h);

  for (int o = 1; o <= 8; o++)
    {
      g_auto(Prescaled) p = { 0 };
      g_autofree char *name = g_strdup_printf ("orientation-%d.jpg", o);
      g_autofree char *path = save_oriented_jpeg (source, o, name);
      gboolean transposed = o >= 5;
      guint dw = transposed ? h : w, dh = transposed ? w : h;
      guint tw = dw / 8, th = dh / 8;

      g_test_message ("orientation %d", o);
      prescale (path, tw, th, VITRINE_SCALE_MODE_FIT, &p);
      g_assert_cmpint (p.result.orientation, ==, o);
      g_assert_cmpuint (p.result.source_width, ==, dw);
      g_assert_cmpuint (p.result.source_height, ==, dh);

      for (guint qy = 0; qy < 2; qy++)
        for (guint qx = 0; qx < 2; qx++)
          {
            guint x = tw / 4 + qx * tw / 2, y = th / 4 + qy * th / 2, sx, sy;

            stored_position (o, x * 8, y * 8, w, h, &sx, &sy);
            assert_pixel (&p, x, y, quadrant_colour (sx, sy, w, h), 24);
          }
    }
}

static void
assert_rows_black (Prescaled *p,
                   guint      y0,
                   guint      y1,
                   guint      x0,
                   guint      x1)
{
  for (guint y = y0; y < y1; y++)
    for (guint x = x0; x < x1; x++)
      assert_pixel (p, x, y, BLACK, 0);
}

static void
test_modes (void)
{
  /* 400 × 100: red | green (150–249) | blue. Fill on 100 × 100 keeps exactly the green. */
  g_autoptr(GdkPixbuf) wide = stripes (400, 100, 150, 250);
  g_autofree char *wide_path = save (wide, "wide.png", "png");
  g_autoptr(GdkPixbuf) small = quadrants (20, 10);
  g_autofree char *small_path = save (small, "small.png", "png");

  {
    g_auto(Prescaled) p = { 0 };

    prescale (wide_path, 100, 100, VITRINE_SCALE_MODE_FILL, &p);
    for (guint y = 0; y < 100; y += 9)
      for (guint x = 0; x < 100; x++)
        assert_pixel (&p, x, y, GREEN, 0);
  }
  {
    /* Fit: 100 × 25 at y 37, black above and below. */
    g_auto(Prescaled) p = { 0 };

    prescale (wide_path, 100, 100, VITRINE_SCALE_MODE_FIT, &p);
    assert_rows_black (&p, 0, 37, 0, 100);
    assert_rows_black (&p, 62, 100, 0, 100);
    assert_pixel (&p, 10, 49, RED, 8);
    assert_pixel (&p, 50, 37, GREEN, 8);
    assert_pixel (&p, 90, 61, BLUE, 8);
  }
  {
    /* Fit enlarges a small image to the full width; shrink keeps it 20 × 10 in the middle. */
    g_auto(Prescaled) fit = { 0 };
    g_auto(Prescaled) shrink = { 0 };

    prescale (small_path, 100, 100, VITRINE_SCALE_MODE_FIT, &fit);
    assert_rows_black (&fit, 0, 25, 0, 100);
    assert_pixel (&fit, 0, 25, RED, 0);
    assert_pixel (&fit, 99, 74, WHITE, 0);
    assert_rows_black (&fit, 75, 100, 0, 100);

    prescale (small_path, 100, 100, VITRINE_SCALE_MODE_SHRINK, &shrink);
    assert_rows_black (&shrink, 0, 45, 0, 100);
    assert_rows_black (&shrink, 45, 55, 0, 40);
    assert_rows_black (&shrink, 45, 55, 60, 100);
    assert_rows_black (&shrink, 55, 100, 0, 100);
    /* Unscaled: every pixel is the source's. */
    for (guint y = 0; y < 10; y++)
      for (guint x = 0; x < 20; x++)
        assert_pixel (&shrink, 40 + x, 45 + y, quadrant_colour (x, y, 20, 10), 0);
  }
}

static void
test_extremes (void)
{
  g_autoptr(GdkPixbuf) dot = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, 1, 1);
  g_autoptr(GdkPixbuf) portrait = quadrants (90, 160);
  g_autoptr(GdkPixbuf) panorama = stripes (2000, 100, 20, 1980);
  g_autofree char *dot_path = NULL, *portrait_path = NULL, *panorama_path = NULL;

  /* 1 × 1, half-transparent blue: fill covers the display; stored premultiplied. */
  memcpy (gdk_pixbuf_get_pixels (dot), (guint8[]) { 0, 0, 200, 128 }, 4);
  dot_path = save (dot, "dot.png", "png");
  {
    g_auto(Prescaled) p = { 0 };
    const guint8 *px;

    prescale (dot_path, 64, 48, VITRINE_SCALE_MODE_FILL, &p);
    for (guint i = 0; i < 64 * 48; i += 97)
      {
        px = (const guint8 *) g_bytes_get_data (p.bytes, NULL) + i * 4;
        g_assert_cmpmem (px, 4, ((guint8[]) { 0, 0, 100, 128 }), 4);
      }
  }

  portrait_path = save (portrait, "portrait.png", "png");
  {
    /* 90 × 160 fitted to 160 × 90: 51 × 90 (rounded) in the middle, black at the sides. */
    g_auto(Prescaled) p = { 0 };

    prescale (portrait_path, 160, 90, VITRINE_SCALE_MODE_FIT, &p);
    assert_rows_black (&p, 0, 90, 0, 54);
    assert_rows_black (&p, 0, 90, 105, 160);
    assert_pixel (&p, 60, 10, RED, 8);
    assert_pixel (&p, 100, 80, WHITE, 8);
  }

  panorama_path = save (panorama, "panorama.png", "png");
  {
    /* 2000 × 100 filled into 160 × 90: only the green middle of the strip is left. */
    g_auto(Prescaled) p = { 0 };

    prescale (panorama_path, 160, 90, VITRINE_SCALE_MODE_FILL, &p);
    assert_pixel (&p, 0, 45, GREEN, 8);
    assert_pixel (&p, 159, 45, GREEN, 8);
  }
}

/* 48 megapixels: decoded at a reduced DCT scale, and over a lower cap refused from the header. */
static void
test_huge (void)
{
  g_autoptr(GdkPixbuf) huge = quadrants (8000, 6000);
  g_autofree char *path = save (huge, "huge.jpg", "jpeg");
  g_auto(Prescaled) p = { 0 };
  g_auto(VitrinePrescaled) refused = { 0 };
  g_autoptr(GError) error = NULL;
  VitrinePrescaleParams params;

  g_clear_object (&huge);
  prescale (path, 1920, 1080, VITRINE_SCALE_MODE_FILL, &p);
  g_assert_cmpuint (p.result.source_width, ==, 8000);
  assert_pixel (&p, 100, 100, RED, 24);
  assert_pixel (&p, 1800, 1000, WHITE, 24);

  vitrine_prescale_params_init (&params, 1920, 1080, VITRINE_SCALE_MODE_FILL);
  params.max_pixels = 40 * 1000 * 1000;
  g_assert_false (vitrine_image_prescale (path, &params, &refused, NULL, &error));
  g_assert_error (error, VITRINE_IMAGE_ERROR, VITRINE_IMAGE_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "8000 × 6000 is 48 megapixels, over the limit of 40"));
  g_assert_null (refused.pixels);
}

/* --- the executable ---------------------------------------------------------------- */

typedef struct
{
  int   status;        /* exit status, or -1 for a signal */
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_prescale (Run        *run,
              const char *path,
              const char *size,
              const char *mode,
              const char *extra)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("VITRINE_WORKER_PATH"), "--role=image", "--prescale", path,
                         "--size", size, "--mode", mode, extra, NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli (void)
{
  g_autoptr(GdkPixbuf) source = quadrants (600, 400);
  g_autofree char *path = save (source, "cli.jpg", "jpeg");
  g_autofree char *output = g_build_filename (tmpdir, "cli-out.png", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GdkPixbuf) written = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) sharp = { 0 };
  g_auto(Prescaled) p = { 0 };
  g_autofree char *out_arg = g_strconcat ("--output=", output, NULL);
  JsonObject *o;

  run_prescale (&run, path, "150x100", "fit", out_arg);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
  g_assert_no_error (error);
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (o, "source_width"), ==, 600);
  g_assert_cmpint (json_object_get_int_member (o, "source_height"), ==, 400);
  g_assert_cmpint (json_object_get_int_member (o, "width"), ==, 150);
  g_assert_cmpint (json_object_get_int_member (o, "height"), ==, 100);
  g_assert_cmpint (json_object_get_int_member (o, "stride"), ==, 600);
  g_assert_cmpfloat (json_object_get_double_member (o, "decode_ms"), >=, 0);
  g_assert_cmpfloat (json_object_get_double_member (o, "scale_ms"), >=, 0);
  g_assert_false (json_object_get_boolean_member (o, "sharpened"));

  /* The PNG holds exactly what the library produces for the same request. */
  written = gdk_pixbuf_new_from_file (output, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (written), ==, 150);
  prescale (path, 150, 100, VITRINE_SCALE_MODE_FIT, &p);
  for (guint y = 0; y < 100; y++)
    g_assert_cmpmem (gdk_pixbuf_read_pixels (written) + y * gdk_pixbuf_get_rowstride (written), 600,
                     (const guint8 *) g_bytes_get_data (p.bytes, NULL) + y * 600, 600);

  /* A quarter of the size with --sharpen is strong enough downscaling to sharpen. */
  run_prescale (&sharp, path, "150x100", "fill", "--sharpen");
  g_assert_cmpint (sharp.status, ==, 0);
  g_assert_nonnull (strstr (sharp.out, "\"sharpened\":true"));
}

static void
test_cli_bad_arguments (void)
{
  static const char *const cases[][3] = {
    { "0x100", "fill", "--size=0x100 is not WIDTHxHEIGHT" },
    { "100", "fill", "--size=100 is not WIDTHxHEIGHT" },
    { "100x20000", "fill", "--size=100x20000 is not WIDTHxHEIGHT" },
    { "100x100", "stretch", "--mode=stretch is unknown: use fill, fit or shrink" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_prescale (&run, "/nonexistent.png", cases[i][0], cases[i][1], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_nonnull (strstr (run.err, cases[i][2]));
    }
}

/* The CRC-32 of PNG chunks (ISO 3309), bit by bit. */
static guint32
crc32_ieee (const guint8 *data,
            gsize         len)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return crc ^ 0xffffffff;
}

static void
test_broken_inputs (void)
{
  g_autoptr(GdkPixbuf) source = quadrants (300, 200);
  g_autofree char *jpeg = save (source, "whole.jpg", "jpeg");
  g_autofree char *png = save (source, "whole.png", "png");
  g_autofree char *jpeg_data = NULL, *png_data = NULL;
  gsize jpeg_len, png_len;
  guint8 noise[4096];
  struct { char *path; const char *reason; } cases[16];
  guint n = 0;
  /* A PNG header claiming 100000 × 100000 and the start of its data, with valid CRCs. */
  guint8 bomb[] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
    0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0, 8, 2, 0, 0, 0,
    0, 0, 0, 0,
    0, 0, 0, 2, 'I', 'D', 'A', 'T', 0x78, 0x9c,
    0, 0, 0, 0,
  };
  guint32 crc;

  g_assert_true (g_file_get_contents (jpeg, &jpeg_data, &jpeg_len, NULL));
  g_assert_true (g_file_get_contents (png, &png_data, &png_len, NULL));
  crc = crc32_ieee (bomb + 12, 17);
  bomb[29] = crc >> 24, bomb[30] = crc >> 16, bomb[31] = crc >> 8, bomb[32] = crc;
  crc = crc32_ieee (bomb + 37, 6);
  bomb[43] = crc >> 24, bomb[44] = crc >> 16, bomb[45] = crc >> 8, bomb[46] = crc;
  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_test_rand_int_range (0, 256);

#define CASE(p, r) (cases[n].path = (p), cases[n].reason = (r), n++)
  CASE (write_bytes ("truncated.jpg", jpeg_data, jpeg_len / 2), "corrupt or truncated image");
  CASE (write_bytes ("truncated.png", png_data, png_len / 2), "corrupt or truncated image");
  CASE (write_bytes ("header-only.png", png_data, 40), "corrupt or truncated image");
  CASE (write_bytes ("empty.jpg", "", 0), "empty file");
  CASE (write_bytes ("noise.jpg", noise, sizeof noise), "not an image Vitrine can read");
  CASE (write_bytes ("bomb.png", bomb, sizeof bomb), "too large: 100000 × 100000 is 10000 megapixels");
  CASE (g_build_filename (tmpdir, "missing.png", NULL), "cannot read");
  CASE (g_strdup (tmpdir), "not a regular file");
  CASE (g_build_filename (tmpdir, "fifo.png", NULL), "not a regular file");
  g_assert_cmpint (mkfifo (cases[n - 1].path, 0600), ==, 0);
  CASE (g_build_filename (tmpdir, "dangling.png", NULL), "cannot read");
  g_assert_cmpint (symlink ("nowhere.png", cases[n - 1].path), ==, 0);
  if (geteuid () != 0)
    {
      CASE (write_bytes ("unreadable.png", png_data, png_len), "cannot read");
      g_assert_cmpint (g_chmod (cases[n - 1].path, 0), ==, 0);
    }
#undef CASE

  for (guint i = 0; i < n; i++)
    {
      g_auto(Run) run = { 0 };

      g_test_message ("%s", cases[i].path);
      run_prescale (&run, cases[i].path, "64x48", "fill", NULL);
      /* A clear error and status 1: never a signal, never output. */
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "vitrine-worker: "));
      if (strstr (run.err, cases[i].reason) == NULL)
        g_error ("%s: expected “%s” in: %s", cases[i].path, cases[i].reason, run.err);
      g_free (cases[i].path);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("vitrine-prescale-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/ImagePrescale/formats", test_formats);
  g_test_add_func ("/ImagePrescale/orientations", test_orientations);
  g_test_add_func ("/ImagePrescale/modes", test_modes);
  g_test_add_func ("/ImagePrescale/extremes", test_extremes);
  g_test_add_func ("/ImagePrescale/huge", test_huge);
  g_test_add_func ("/ImagePrescale/cli", test_cli);
  g_test_add_func ("/ImagePrescale/cli-bad-arguments", test_cli_bad_arguments);
  g_test_add_func ("/ImagePrescale/broken-inputs", test_broken_inputs);

  status = g_test_run ();
  vt_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
