/* fuzz-pixel-header.c: a pixel header (docs/ARCHITECTURE.md §2) from arbitrary bytes read
 * as an untrusted a{sv}, in the form it came in and in normal form. Whatever the bytes,
 * parsing and the size checks must not crash, and a header they accept must describe
 * pixels that fit the limits.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-fuzz.h"
#include "vitrine-pixel-header.h"

static void
check_accepted (const VitrinePixelHeader *header,
                gsize                     size)
{
  g_autoptr(GVariant) again = NULL;
  g_auto(VitrinePixelHeader) copy = { 0 };
  guint width = header->width, height = header->height;

  g_assert_cmpstr (header->format, ==, VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED);
  g_assert_cmpuint (header->width, >=, 1);
  g_assert_cmpuint (header->width, <=, VITRINE_PIXEL_MAX_SIDE);
  g_assert_cmpuint (header->height, >=, 1);
  g_assert_cmpuint (header->height, <=, VITRINE_PIXEL_MAX_SIDE);
  g_assert_cmpuint (header->stride, >=, header->width * VITRINE_PIXEL_BYTES_PER_PIXEL);
  g_assert_cmpuint (header->stride - header->width * VITRINE_PIXEL_BYTES_PER_PIXEL, <=, 4096);
  g_assert_cmpuint (header->stride % VITRINE_PIXEL_BYTES_PER_PIXEL, ==, 0);
  g_assert_cmpuint (size, ==, (gsize) header->stride * header->height);
  g_assert_true (vitrine_pixel_fits_texture (header->width, header->height, 0, NULL));

  vitrine_pixel_fit_within (&width, &height, 4096);
  g_assert_cmpuint (width, >=, 1);
  g_assert_cmpuint (height, >=, 1);
  g_assert_cmpuint (MAX (width, height), <=, 4096);

  /* What is accepted survives the way back to a variant unchanged. */
  again = g_variant_ref_sink (vitrine_pixel_header_to_variant (header));
  g_assert_true (vitrine_pixel_header_from_variant (&copy, again, NULL));
  g_assert_cmpuint (copy.width, ==, header->width);
  g_assert_cmpuint (copy.height, ==, header->height);
  g_assert_cmpuint (copy.stride, ==, header->stride);
  g_assert_cmpstr (copy.cache_key, ==, header->cache_key);
}

static void
check (GVariant *variant)
{
  g_auto(VitrinePixelHeader) header = { 0 };
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  if (!vitrine_pixel_header_from_variant (&header, variant, &error))
    {
      g_assert_error (error, VITRINE_PIXEL_ERROR, VITRINE_PIXEL_ERROR_MALFORMED);
      return;
    }
  g_assert_nonnull (header.format);
  g_assert_nonnull (header.cache_key);
  g_assert_true (g_utf8_validate (header.format, -1, NULL));
  g_assert_true (g_utf8_validate (header.cache_key, -1, NULL));

  if (vitrine_pixel_header_byte_size (&header, &size, &error))
    check_accepted (&header, size);
  else
    g_assert_true (error->domain == VITRINE_PIXEL_ERROR);
  vitrine_pixel_fits_texture (header.width, header.height, header.stride, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) normal = NULL;

  vitrine_fuzz_init ();

  variant = vitrine_fuzz_variant (data, size, G_VARIANT_TYPE_VARDICT);
  check (variant);

  normal = g_variant_get_normal_form (variant);
  g_assert_true (g_variant_is_normal_form (normal));
  check (normal);

  return 0;
}
