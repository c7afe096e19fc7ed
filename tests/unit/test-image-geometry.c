/* test-image-geometry.c: prescale placement, pixel operations and the image probes,
 * with expectations worked out by hand.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-image-geometry.h"
#include "vitrine-image-probe.h"

typedef struct
{
  guint sw, sh, tw, th;
  VitrineScaleMode mode;
  guint w, h;
  int x, y;
} PlaceCase;

static void
test_place (void)
{
  static const PlaceCase cases[] = {
    /* Fill: 6000×4000 → 1920×1080 scales by 0.32 to 1920×1280, cropping 100 rows off each end. */
    { 6000, 4000, 1920, 1080, VITRINE_SCALE_MODE_FILL, 1920, 1280, 0, -100 },
    /* Fill with a portrait source: width decides, 1080/1920 → 1920×2880, crop 900 each end. */
    { 1080, 1620, 1920, 1080, VITRINE_SCALE_MODE_FILL, 1920, 2880, 0, -900 },
    /* Fill upscales a small image: 100×50 → 200×100 on 100×100 crops 50 columns each side. */
    { 100, 50, 100, 100, VITRINE_SCALE_MODE_FILL, 200, 100, -50, 0 },
    /* Fit: 6000×4000 → 1620×1080, letterboxed 150 columns each side. */
    { 6000, 4000, 1920, 1080, VITRINE_SCALE_MODE_FIT, 1620, 1080, 150, 0 },
    /* Fit with a panorama: 8000×1000 → 1920×240, 420 rows above and below. */
    { 8000, 1000, 1920, 1080, VITRINE_SCALE_MODE_FIT, 1920, 240, 0, 420 },
    /* Fit upscales; shrink does not. */
    { 20, 10, 100, 100, VITRINE_SCALE_MODE_FIT, 100, 50, 0, 25 },
    { 20, 10, 100, 100, VITRINE_SCALE_MODE_SHRINK, 20, 10, 40, 45 },
    /* Shrink reduces like fit when the image is larger. */
    { 6000, 4000, 1920, 1080, VITRINE_SCALE_MODE_SHRINK, 1620, 1080, 150, 0 },
    /* Odd remainders go to the right and bottom: 3 columns of letterbox → 1 left, 2 right. */
    { 7, 10, 10, 10, VITRINE_SCALE_MODE_SHRINK, 7, 10, 1, 0 },
    /* Rounding never leaves fill short of the target, or fit beyond it. */
    { 1, 1, 1920, 1080, VITRINE_SCALE_MODE_FILL, 1920, 1920, 0, -420 },
    { 3, 1, 1000, 1000, VITRINE_SCALE_MODE_FIT, 1000, 333, 0, 333 },
    /* A tall sliver keeps at least one column. */
    { 1, 100000, 100, 100, VITRINE_SCALE_MODE_FIT, 1, 100, 49, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const PlaceCase *c = &cases[i];
      VitrineImagePlacement p;

      g_test_message ("case %u: %u×%u → %u×%u mode %d", i, c->sw, c->sh, c->tw, c->th, c->mode);
      vitrine_image_place (c->sw, c->sh, c->tw, c->th, c->mode, &p);
      g_assert_cmpuint (p.scaled_width, ==, c->w);
      g_assert_cmpuint (p.scaled_height, ==, c->h);
      g_assert_cmpint (p.offset_x, ==, c->x);
      g_assert_cmpint (p.offset_y, ==, c->y);
    }
}

/*
 * Slivers at the ends of what the pixel cap allows (1 × 100,000,000), and targets as
 * extreme: the overflowing side of fill is held at 2^24 pixels (or the target's side, when
 * that is longer), so that every length and offset, and their sums, stay well within int.
 */
static void
test_place_extreme (void)
{
  static const PlaceCase cases[] = {
    /* Fill with a tall sliver: the width decides (× 1920), the height is held at 2^24. */
    { 1, 100000000, 1920, 1080, VITRINE_SCALE_MODE_FILL, 1920, 1 << 24, 0, -((1 << 24) - 1080) / 2 },
    { 100000000, 1, 1080, 1920, VITRINE_SCALE_MODE_FILL, 1 << 24, 1920, -((1 << 24) - 1080) / 2, 0 },
    /* A sliver on a sliver of a target, across: × 10^8 both ways. */
    { 1, 100000000, 100000000, 1, VITRINE_SCALE_MODE_FILL, 100000000, 1 << 24, 0, -((1 << 24) - 1) / 2 },
    { 100000000, 1, 1, 100000000, VITRINE_SCALE_MODE_FILL, 1 << 24, 100000000, -((1 << 24) - 1) / 2, 0 },
    /* Along: the target's long side is longer than 2^24 and is kept. */
    { 100000000, 1, 100000000, 1, VITRINE_SCALE_MODE_FILL, 100000000, 1, 0, 0 },
    /* Fit keeps one pixel of the sliver, centred in the long target. */
    { 1, 100000000, 100000000, 1, VITRINE_SCALE_MODE_FIT, 1, 1, 49999999, 0 },
    { 1, 100000000, 16384, 16384, VITRINE_SCALE_MODE_SHRINK, 1, 16384, 8191, 0 },
    /* A square target of the largest side a request may ask for. */
    { 1, 100000000, 16384, 16384, VITRINE_SCALE_MODE_FILL, 16384, 1 << 24, 0, -((1 << 24) - 16384) / 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const PlaceCase *c = &cases[i];
      VitrineImagePlacement p;

      g_test_message ("case %u: %u×%u → %u×%u mode %d", i, c->sw, c->sh, c->tw, c->th, c->mode);
      vitrine_image_place (c->sw, c->sh, c->tw, c->th, c->mode, &p);
      g_assert_cmpuint (p.scaled_width, ==, c->w);
      g_assert_cmpuint (p.scaled_height, ==, c->h);
      g_assert_cmpint (p.offset_x, ==, c->x);
      g_assert_cmpint (p.offset_y, ==, c->y);
    }
}

/* Every mode on a grid of sizes from 1 to the pixel cap covers, contains and centres as it
 * should, and nothing it returns wraps around. */
static void
test_place_invariants (void)
{
  static const guint sides[] = { 1, 2, 3, 7, 1080, 16384, 65536, 1000000, 100000000 };
  static const guint targets[] = { 1, 3, 1080, 1920, 16384, 100000000 };

  for (guint a = 0; a < G_N_ELEMENTS (sides); a++)
    for (guint b = 0; b < G_N_ELEMENTS (sides); b++)
      for (guint c = 0; c < G_N_ELEMENTS (targets); c++)
        for (guint d = 0; d < G_N_ELEMENTS (targets); d++)
          for (int mode = VITRINE_SCALE_MODE_FILL; mode <= VITRINE_SCALE_MODE_SHRINK; mode++)
            {
              guint sw = sides[a], sh = sides[b], tw = targets[c], th = targets[d];
              VitrineImagePlacement p;

              if ((guint64) sw * sh > 100000000)
                continue;   /* beyond the pixel cap: never decoded */
              vitrine_image_place (sw, sh, tw, th, mode, &p);
              if (p.scaled_width < 1 || p.scaled_height < 1 ||
                  p.scaled_width > MAX (tw, 1u << 24) || p.scaled_height > MAX (th, 1u << 24) ||
                  (gint64) p.offset_x + p.scaled_width > G_MAXINT / 2 ||
                  (gint64) p.offset_y + p.scaled_height > G_MAXINT / 2 ||
                  !(p.scale > 0) || isinf (p.scale))
                g_error ("%u×%u → %u×%u mode %d: %u×%u at %d,%d ×%g out of range",
                         sw, sh, tw, th, mode, p.scaled_width, p.scaled_height, p.offset_x, p.offset_y, p.scale);
              if (mode == VITRINE_SCALE_MODE_FILL)
                {
                  /* Covers the target, cropped evenly. */
                  g_assert_cmpuint (p.scaled_width, >=, tw);
                  g_assert_cmpuint (p.scaled_height, >=, th);
                  g_assert_cmpint (p.offset_x, ==, -(gint64) ((p.scaled_width - tw) / 2));
                  g_assert_cmpint (p.offset_y, ==, -(gint64) ((p.scaled_height - th) / 2));
                }
              else
                {
                  /* Inside the target, letterboxed evenly. */
                  g_assert_cmpuint (p.scaled_width, <=, tw);
                  g_assert_cmpuint (p.scaled_height, <=, th);
                  g_assert_cmpint (p.offset_x, ==, (tw - p.scaled_width) / 2);
                  g_assert_cmpint (p.offset_y, ==, (th - p.scaled_height) / 2);
                }
            }
}

static void
test_orientation_transposes (void)
{
  for (int o = 0; o <= 9; o++)
    g_assert_cmpint (vitrine_image_orientation_transposes (o), ==, o >= 5 && o <= 8);
}

static void
test_premultiply (void)
{
  const guint8 rgba[] = { 255, 128, 0, 128,   200, 100, 50, 255,   77, 66, 55, 0 };
  const guint8 rgb[] = { 1, 2, 3 };
  guint8 out[12];

  vitrine_image_premultiply_row (rgba, 4, out, 3);
  /* 255·128/255 = 128; 128·128/255 = 64.25 → 64; alpha 255 and 0 are exact. */
  g_assert_cmpmem (out, 12, ((guint8[]) { 128, 64, 0, 128, 200, 100, 50, 255, 0, 0, 0, 0 }), 12);

  vitrine_image_premultiply_row (rgb, 3, out, 1);
  g_assert_cmpmem (out, 4, ((guint8[]) { 1, 2, 3, 255 }), 4);
}

static guint8 *
pixel (guint8 *data,
       gsize   stride,
       guint   x,
       guint   y)
{
  return data + y * stride + x * 4;
}

static void
test_sharpen (void)
{
  const guint w = 8, h = 6;
  const gsize stride = w * 4;
  guint8 data[8 * 6 * 4];

  /* A flat grey area with a vertical edge at x = 4 (100 | 200) inside a letterbox column
   * at x = 0 that must stay black. */
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        guint8 v = x == 0 ? 0 : x < 4 ? 100 : 200;

        memcpy (pixel (data, stride, x, y), (guint8[]) { v, v, v, 255 }, 4);
      }

  vitrine_image_sharpen (data, w, h, stride, 1, 0, w - 1, h);

  /* Letterbox untouched; flat areas unchanged. */
  g_assert_cmpuint (pixel (data, stride, 0, 3)[0], ==, 0);
  g_assert_cmpuint (pixel (data, stride, 1, 3)[0], ==, 100);
  g_assert_cmpuint (pixel (data, stride, 7, 3)[0], ==, 200);
  /* Across the edge: blur at x = 3 is (4·100 + 4·100 + ... ) = (12·100 + 4·200) / 16 = 125,
   * so 100 + (1600 - 2000) / 32 = 87.5 → 88 (integer division toward zero of -400/32 = -12);
   * at x = 4 the blur is 175 and 200 + 400 / 32 = 212. */
  g_assert_cmpuint (pixel (data, stride, 3, 3)[0], ==, 88);
  g_assert_cmpuint (pixel (data, stride, 4, 3)[0], ==, 212);
  g_assert_cmpuint (pixel (data, stride, 4, 3)[3], ==, 255);
}

static void
test_sharpen_stays_premultiplied (void)
{
  guint8 data[3 * 4] = { 0, 0, 0, 128,   128, 128, 128, 128,   0, 0, 0, 128 };

  vitrine_image_sharpen (data, 3, 1, sizeof data, 0, 0, 3, 1);
  /* The bright centre would overshoot its alpha: clamped to 128. */
  g_assert_cmpuint (data[4], ==, 128);
  g_assert_cmpuint (data[0], ==, 0);
}

static void
test_probe_format (void)
{
  static const struct { const char *bytes; gsize len; const char *mime; } cases[] = {
    { "\xff\xd8\xff\xe0", 4, "image/jpeg" },
    { "\x89PNG\r\n\x1a\n", 8, "image/png" },
    { "GIF89a", 6, "image/gif" },
    { "GIF87a", 6, "image/gif" },
    { "RIFF\x10\0\0\0WEBPVP8 ", 16, "image/webp" },
    { "II*\0", 4, "image/tiff" },
    { "MM\0*", 4, "image/tiff" },
    { "BM\x36\0", 4, "image/bmp" },
    { "\0\0\0\x1c" "ftypavif", 12, "image/avif" },
    { "\0\0\0\x1c" "ftypheic", 12, "image/heif" },
    { "\0\0\0\x1c" "ftypmp42", 12, NULL },
    { "RIFF\x10\0\0\0WAVE", 12, NULL },
    { "\x89PN", 3, NULL },
    { "", 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (vitrine_image_probe_format ((const guint8 *) cases[i].bytes, cases[i].len),
                     ==, cases[i].mime);
}

/* A JPEG start with an APP0, then an APP1 "Exif" whose first IFD holds @n_before other
 * entries, then the orientation entry, in @little or big endian. */
static GByteArray *
exif_jpeg (int      orientation,
           gboolean little,
           guint    n_before)
{
  GByteArray *b = g_byte_array_new ();
  guint8 tiff[256];
  gsize t = 0;
  guint n = n_before + 1;

#define PUT16(v) (little ? (tiff[t++] = (v) & 0xff, tiff[t++] = (v) >> 8) \
                         : (tiff[t++] = (v) >> 8, tiff[t++] = (v) & 0xff))
#define PUT32(v) (little ? (PUT16 ((v) & 0xffff), PUT16 ((v) >> 16)) \
                         : (PUT16 ((v) >> 16), PUT16 ((v) & 0xffff)))
  memcpy (tiff, little ? "II*\0" : "MM\0*", 4);
  t = 4;
  PUT32 (8u);
  PUT16 (n);
  for (guint i = 0; i < n_before; i++)
    {
      PUT16 (0x010f);       /* Make, ASCII, 4 bytes inline */
      PUT16 (2);
      PUT32 (4u);
      memcpy (tiff + t, "ACME", 4);
      t += 4;
    }
  PUT16 (0x0112);
  PUT16 (3);
  PUT32 (1u);
  PUT16 ((guint) orientation);
  PUT16 (0);
  PUT32 (0u);
#undef PUT16
#undef PUT32

  g_byte_array_append (b, (const guint8 *) "\xff\xd8", 2);
  g_byte_array_append (b, (const guint8 *) "\xff\xe0\x00\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 18);
  g_byte_array_append (b, (const guint8 *) "\xff\xe1", 2);
  g_byte_array_append (b, (guint8[]) { (t + 8) >> 8, (t + 8) & 0xff }, 2);
  g_byte_array_append (b, (const guint8 *) "Exif\0\0", 6);
  g_byte_array_append (b, tiff, t);
  g_byte_array_append (b, (const guint8 *) "\xff\xda\0\x02", 4);
  return b;
}

static void
test_probe_orientation (void)
{
  for (int o = 1; o <= 8; o++)
    for (int little = 0; little <= 1; little++)
      {
        g_autoptr(GByteArray) b = exif_jpeg (o, little, o % 3);

        g_assert_cmpint (vitrine_image_probe_jpeg_orientation (b->data, b->len), ==, o);
      }
}

static void
test_probe_orientation_hostile (void)
{
  g_autoptr(GByteArray) b = exif_jpeg (6, TRUE, 2);

  /* Out-of-range values and non-JPEG data mean "as stored". */
  {
    g_autoptr(GByteArray) bad = exif_jpeg (9, FALSE, 0);
    g_assert_cmpint (vitrine_image_probe_jpeg_orientation (bad->data, bad->len), ==, 1);
  }
  g_assert_cmpint (vitrine_image_probe_jpeg_orientation ((const guint8 *) "\x89PNG", 4), ==, 1);

  /* Every truncation of a valid header is read safely (ASan watches) and never invents
   * an orientation: either the entry was complete or the answer is 1. */
  for (guint len = 0; len < b->len; len++)
    {
      g_autofree guint8 *copy = g_memdup2 (b->data, len);
      int o = vitrine_image_probe_jpeg_orientation (copy, len);

      g_assert_true (o == 1 || o == 6);
    }

  /* A segment length shorter than its own length field, and an IFD offset past the end. */
  b->data[2 + 18 + 2] = 0;
  b->data[2 + 18 + 3] = 1;
  g_assert_cmpint (vitrine_image_probe_jpeg_orientation (b->data, b->len), ==, 1);
  {
    g_autoptr(GByteArray) c = exif_jpeg (6, TRUE, 0);

    c->data[2 + 18 + 4 + 6 + 4] = 0xf0;   /* IFD offset, low byte (little endian) */
    g_assert_cmpint (vitrine_image_probe_jpeg_orientation (c->data, c->len), ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ImageGeometry/place", test_place);
  g_test_add_func ("/ImageGeometry/place-extreme", test_place_extreme);
  g_test_add_func ("/ImageGeometry/place-invariants", test_place_invariants);
  g_test_add_func ("/ImageGeometry/orientation-transposes", test_orientation_transposes);
  g_test_add_func ("/ImageGeometry/premultiply", test_premultiply);
  g_test_add_func ("/ImageGeometry/sharpen", test_sharpen);
  g_test_add_func ("/ImageGeometry/sharpen-premultiplied", test_sharpen_stays_premultiplied);
  g_test_add_func ("/ImageProbe/format", test_probe_format);
  g_test_add_func ("/ImageProbe/jpeg-orientation", test_probe_orientation);
  g_test_add_func ("/ImageProbe/jpeg-orientation-hostile", test_probe_orientation_hostile);

  return g_test_run ();
}
