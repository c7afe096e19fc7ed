/* fuzz-image-probe.c: the format signature and the JPEG EXIF orientation probes over
 * arbitrary bytes, as the image role reads them from the start of any file. They must not
 * read past the bytes they are given and must answer one of the values they know.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-fuzz.h"
#include "vitrine-image-probe.h"

static const char * const formats[] = {
  "image/jpeg", "image/png", "image/gif", "image/webp", "image/tiff", "image/bmp",
  "image/avif", "image/heif", NULL,
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* No more than the image role reads, in a block of exactly that size. */
  gsize n = MIN (size, VITRINE_IMAGE_PROBE_BYTES);
  g_autofree guint8 *head = g_memdup2 (data, n);
  const char *format;
  int orientation;

  vitrine_fuzz_init ();

  format = vitrine_image_probe_format (head, n);
  if (format != NULL)
    g_assert_true (g_strv_contains (formats, format));

  orientation = vitrine_image_probe_jpeg_orientation (head, n);
  g_assert_cmpint (orientation, >=, 1);
  g_assert_cmpint (orientation, <=, 8);
  if (g_strcmp0 (format, "image/jpeg") != 0 && !(n >= 2 && head[0] == 0xff && head[1] == 0xd8))
    g_assert_cmpint (orientation, ==, 1);

  return 0;
}
