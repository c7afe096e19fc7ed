/* vitrine-image-probe.c: image format signatures and the JPEG EXIF orientation.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-image-probe.h"

static gboolean
has_at (const guint8 *data,
        gsize         size,
        gsize         offset,
        const char   *magic,
        gsize         length)
{
  return size >= offset + length && memcmp (data + offset, magic, length) == 0;
}

/*
 * The MIME type of the image signature at the start of @data, or NULL when it is none we
 * know. Choosing the loader by it keeps decoding independent of the shared MIME database
 * and of what a file's name claims.
 */
const char *
vitrine_image_probe_format (const guint8 *data,
                            gsize         size)
{
  if (has_at (data, size, 0, "\xff\xd8\xff", 3))
    return "image/jpeg";
  if (has_at (data, size, 0, "\x89PNG\r\n\x1a\n", 8))
    return "image/png";
  if (has_at (data, size, 0, "GIF87a", 6) || has_at (data, size, 0, "GIF89a", 6))
    return "image/gif";
  if (has_at (data, size, 0, "RIFF", 4) && has_at (data, size, 8, "WEBP", 4))
    return "image/webp";
  if (has_at (data, size, 0, "II*\0", 4) || has_at (data, size, 0, "MM\0*", 4))
    return "image/tiff";
  if (has_at (data, size, 0, "BM", 2))
    return "image/bmp";
  if (has_at (data, size, 4, "ftyp", 4))
    {
      if (has_at (data, size, 8, "avif", 4) || has_at (data, size, 8, "avis", 4))
        return "image/avif";
      if (has_at (data, size, 8, "heic", 4) || has_at (data, size, 8, "heix", 4) ||
          has_at (data, size, 8, "mif1", 4) || has_at (data, size, 8, "msf1", 4))
        return "image/heif";
    }
  return NULL;
}

static guint
read16 (const guint8 *p,
        gboolean      little)
{
  return little ? (guint) p[0] | (guint) p[1] << 8 : (guint) p[0] << 8 | (guint) p[1];
}

static guint32
read32 (const guint8 *p,
        gboolean      little)
{
  return little ? (guint32) read16 (p, TRUE) | (guint32) read16 (p + 2, TRUE) << 16
                : (guint32) read16 (p, FALSE) << 16 | (guint32) read16 (p + 2, FALSE);
}

/* Tag 0x0112 of the first IFD of the TIFF structure in @tiff, or 1. */
static int
tiff_orientation (const guint8 *tiff,
                  gsize         size)
{
  gboolean little;
  guint32 ifd;
  guint n;

  if (size < 8)
    return 1;
  if (memcmp (tiff, "II*\0", 4) == 0)
    little = TRUE;
  else if (memcmp (tiff, "MM\0*", 4) == 0)
    little = FALSE;
  else
    return 1;

  ifd = read32 (tiff + 4, little);
  if (ifd > size - 2)
    return 1;
  n = read16 (tiff + ifd, little);
  for (guint i = 0; i < n; i++)
    {
      gsize entry = (gsize) ifd + 2 + (gsize) i * 12;
      guint value;

      if (entry + 12 > size)
        break;
      /* Tag 0x0112, type SHORT, count 1: the value sits in the entry itself. */
      if (read16 (tiff + entry, little) != 0x0112 || read16 (tiff + entry + 2, little) != 3)
        continue;
      value = read16 (tiff + entry + 8, little);
      return value >= 1 && value <= 8 ? (int) value : 1;
    }
  return 1;
}

/*
 * The EXIF orientation (1–8) of the JPEG starting @data, 1 when it has none or the data is
 * not a JPEG. Walks the marker segments before the image data, looking for APP1 "Exif".
 */
int
vitrine_image_probe_jpeg_orientation (const guint8 *data,
                                      gsize         size)
{
  gsize pos = 2;

  if (!has_at (data, size, 0, "\xff\xd8", 2))
    return 1;

  while (pos + 4 <= size)
    {
      guint marker, length;

      if (data[pos] != 0xff)
        return 1;
      marker = data[pos + 1];
      if (marker == 0xff)
        {
          pos++;           /* fill byte */
          continue;
        }
      /* Start of scan or end of image: no EXIF comes after. */
      if (marker == 0xda || marker == 0xd9)
        return 1;
      length = read16 (data + pos + 2, FALSE);
      if (length < 2)
        return 1;
      if (marker == 0xe1 && length >= 8 && has_at (data, size, pos + 4, "Exif\0\0", 6))
        {
          gsize start = pos + 10;
          gsize end = MIN (size, pos + 2 + length);

          return end > start ? tiff_orientation (data + start, end - start) : 1;
        }
      pos += 2 + (gsize) length;
    }
  return 1;
}
