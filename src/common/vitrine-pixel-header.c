/* vitrine-pixel-header.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-pixel-header.h"

G_DEFINE_QUARK (vitrine-pixel-error-quark, vitrine_pixel_error)

void
vitrine_pixel_header_clear (VitrinePixelHeader *header)
{
  g_clear_pointer (&header->format, g_free);
  g_clear_pointer (&header->cache_key, g_free);
}

GVariant *
vitrine_pixel_header_to_variant (const VitrinePixelHeader *header)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "width", g_variant_new_uint32 (header->width));
  g_variant_builder_add (&builder, "{sv}", "height", g_variant_new_uint32 (header->height));
  g_variant_builder_add (&builder, "{sv}", "stride", g_variant_new_uint32 (header->stride));
  g_variant_builder_add (&builder, "{sv}", "format",
                         g_variant_new_string (header->format != NULL
                                               ? header->format
                                               : VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED));
  g_variant_builder_add (&builder, "{sv}", "producer_pid", g_variant_new_int32 (header->producer_pid));
  g_variant_builder_add (&builder, "{sv}", "generation", g_variant_new_uint64 (header->generation));
  g_variant_builder_add (&builder, "{sv}", "timestamp_us", g_variant_new_int64 (header->timestamp_us));
  g_variant_builder_add (&builder, "{sv}", "cache_key",
                         g_variant_new_string (header->cache_key != NULL ? header->cache_key : ""));

  return g_variant_builder_end (&builder);
}

static gboolean
lookup (GVariantDict        *dict,
        const char          *key,
        const GVariantType  *type,
        GVariant           **out,
        GError             **error)
{
  *out = g_variant_dict_lookup_value (dict, key, NULL);
  if (*out == NULL)
    {
      g_set_error (error, VITRINE_PIXEL_ERROR, VITRINE_PIXEL_ERROR_MALFORMED,
                   "pixel header has no “%s”", key);
      return FALSE;
    }
  if (!g_variant_is_of_type (*out, type))
    {
      g_set_error (error, VITRINE_PIXEL_ERROR, VITRINE_PIXEL_ERROR_MALFORMED,
                   "pixel header “%s” is of type %s, not %s", key,
                   g_variant_get_type_string (*out), (const char *) type);
      g_clear_pointer (out, g_variant_unref);
      return FALSE;
    }
  return TRUE;
}

/* Reads and type-checks a header; nothing about its numbers is trusted yet. */
gboolean
vitrine_pixel_header_from_variant (VitrinePixelHeader  *header,
                                   GVariant            *variant,
                                   GError             **error)
{
  g_autoptr(GVariantDict) dict = NULL;
  g_autoptr(GVariant) width = NULL, height = NULL, stride = NULL, format = NULL;
  g_autoptr(GVariant) pid = NULL, generation = NULL, timestamp = NULL, key = NULL;

  *header = (VitrinePixelHeader) { 0 };

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error (error, VITRINE_PIXEL_ERROR, VITRINE_PIXEL_ERROR_MALFORMED,
                   "pixel header is of type %s, not a{sv}", g_variant_get_type_string (variant));
      return FALSE;
    }
  dict = g_variant_dict_new (variant);

  if (!lookup (dict, "width", G_VARIANT_TYPE_UINT32, &width, error) ||
      !lookup (dict, "height", G_VARIANT_TYPE_UINT32, &height, error) ||
      !lookup (dict, "stride", G_VARIANT_TYPE_UINT32, &stride, error) ||
      !lookup (dict, "format", G_VARIANT_TYPE_STRING, &format, error) ||
      !lookup (dict, "producer_pid", G_VARIANT_TYPE_INT32, &pid, error) ||
      !lookup (dict, "generation", G_VARIANT_TYPE_UINT64, &generation, error) ||
      !lookup (dict, "timestamp_us", G_VARIANT_TYPE_INT64, &timestamp, error) ||
      !lookup (dict, "cache_key", G_VARIANT_TYPE_STRING, &key, error))
    return FALSE;

  header->width = g_variant_get_uint32 (width);
  header->height = g_variant_get_uint32 (height);
  header->stride = g_variant_get_uint32 (stride);
  header->format = g_variant_dup_string (format, NULL);
  header->producer_pid = g_variant_get_int32 (pid);
  header->generation = g_variant_get_uint64 (generation);
  header->timestamp_us = g_variant_get_int64 (timestamp);
  header->cache_key = g_variant_dup_string (key, NULL);

  return TRUE;
}

/*
 * The bytes the pixels occupy, stride × height, after checking that the numbers describe
 * a real image: a known format, sides from 1 to VITRINE_PIXEL_MAX_SIDE, a stride that holds
 * a row and is a whole number of pixels, and no overflow anywhere.
 */
gboolean
vitrine_pixel_header_byte_size (const VitrinePixelHeader  *header,
                                gsize                     *size,
                                GError                   **error)
{
  guint32 row_bytes;
  gsize total;

  if (g_strcmp0 (header->format, VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED) != 0)
    {
      g_set_error (error, VITRINE_PIXEL_ERROR, VITRINE_PIXEL_ERROR_UNSUPPORTED,
                   "pixel format “%s” is not supported", header->format);
      return FALSE;
    }
  if (header->width == 0 || header->height == 0 ||
      header->width > VITRINE_PIXEL_MAX_SIDE || header->height > VITRINE_PIXEL_MAX_SIDE)
    {
      g_set_error (error, VITRINE_PIXEL_ERROR, VITRINE_PIXEL_ERROR_DIMENSIONS,
                   "%u×%u is not a usable image size (1 to %u per side)",
                   header->width, header->height, VITRINE_PIXEL_MAX_SIDE);
      return FALSE;
    }
  if (!g_uint_checked_mul (&row_bytes, header->width, VITRINE_PIXEL_BYTES_PER_PIXEL) ||
      header->stride < row_bytes || header->stride % VITRINE_PIXEL_BYTES_PER_PIXEL != 0 ||
      header->stride - row_bytes > 4096)
    {
      g_set_error (error, VITRINE_PIXEL_ERROR, VITRINE_PIXEL_ERROR_DIMENSIONS,
                   "stride %u does not fit rows of %u pixels", header->stride, header->width);
      return FALSE;
    }
  if (!g_size_checked_mul (&total, header->stride, header->height))
    {
      g_set_error (error, VITRINE_PIXEL_ERROR, VITRINE_PIXEL_ERROR_DIMENSIONS,
                   "stride %u × height %u overflows", header->stride, header->height);
      return FALSE;
    }

  *size = total;
  return TRUE;
}

/*
 * Whether @width × @height can go up as one texture of a context whose GL_MAX_TEXTURE_SIZE
 * is @max_side (0: not known, which allows what a pixel header allows). Asked before
 * every upload, so that an image too large for the GPU is refused here instead of raising
 * a GL error that would demote the session.
 */
gboolean
vitrine_pixel_fits_texture (guint32   width,
                            guint32   height,
                            gint64    max_side,
                            GError  **error)
{
  gint64 limit = max_side > 0 ? MIN (max_side, VITRINE_PIXEL_MAX_SIDE) : VITRINE_PIXEL_MAX_SIDE;

  if (width == 0 || height == 0 || width > limit || height > limit)
    {
      g_set_error (error, VITRINE_PIXEL_ERROR, VITRINE_PIXEL_ERROR_DIMENSIONS,
                   "%u×%u does not fit a texture of at most %" G_GINT64_FORMAT " per side",
                   width, height, limit);
      return FALSE;
    }
  return TRUE;
}

/* Scales @width × @height down, keeping its aspect, until neither side passes @max_side
 * (0: no limit); sides stay at least 1. */
void
vitrine_pixel_fit_within (guint  *width,
                          guint  *height,
                          guint   max_side)
{
  guint longest = MAX (*width, *height);

  if (max_side == 0 || longest <= max_side)
    return;
  *width = (guint) MAX (1, (guint64) *width * max_side / longest);
  *height = (guint) MAX (1, (guint64) *height * max_side / longest);
}
