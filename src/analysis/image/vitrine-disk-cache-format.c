/* vitrine-disk-cache-format.c: the disk cache's header, encoded and checked, and the
 * image profile revision. Every field of a file is untrusted: a check that fails makes
 * the entry a miss, never a crash.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-disk-cache-format.h"

#define MAX_SIDE 16384
#define MAX_PADDING 4096

char *
vitrine_disk_cache_key (const char *path,
                        guint       width,
                        guint       height)
{
  return g_strdup_printf ("%s|scaled:%ux%u", path, width, height);
}

char *
vitrine_disk_cache_file_name (const char *key)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  return g_strdup_printf ("%.32s.vdc", hash);
}

static guint64
round_to_page (guint64 size)
{
  return (size + VITRINE_DISK_CACHE_PAGE - 1) / VITRINE_DISK_CACHE_PAGE * VITRINE_DISK_CACHE_PAGE;
}

/* The pixel fields agree with each other: sides within the texture limit, a stride that
 * holds a row in whole pixels with at most 4 KiB of padding. */
static gboolean
pixels_valid (guint width,
              guint height,
              guint stride)
{
  return width >= 1 && width <= MAX_SIDE && height >= 1 && height <= MAX_SIDE &&
         stride % 4 == 0 && stride >= width * 4 && stride - width * 4 <= MAX_PADDING;
}

GByteArray *
vitrine_disk_cache_encode (VitrineDiskCacheEntry *entry)
{
  VitrineDiskCacheFixed fixed = { 0 };
  gsize key_length, revision_length;
  GByteArray *bytes;

  g_return_val_if_fail (entry != NULL && entry->key != NULL && entry->revision != NULL, NULL);
  key_length = strlen (entry->key);
  revision_length = strlen (entry->revision);
  if (key_length == 0 || key_length > VITRINE_DISK_CACHE_MAX_KEY ||
      revision_length > VITRINE_DISK_CACHE_MAX_REVISION ||
      !pixels_valid (entry->width, entry->height, entry->stride))
    return NULL;

  memcpy (fixed.magic, VITRINE_DISK_CACHE_MAGIC, sizeof fixed.magic);
  fixed.version = VITRINE_DISK_CACHE_VERSION;
  fixed.header_size = sizeof fixed + key_length + revision_length;
  fixed.key_length = key_length;
  fixed.revision_length = revision_length;
  fixed.pixels_offset = entry->pixels_offset = round_to_page (fixed.header_size);
  fixed.pixels_size = entry->pixels_size = (guint64) entry->stride * entry->height;
  fixed.source_size = entry->source_size;
  fixed.source_mtime_ns = entry->source_mtime_ns;
  fixed.width = entry->width;
  fixed.height = entry->height;
  fixed.stride = entry->stride;
  fixed.format = VITRINE_DISK_CACHE_FORMAT_RGBA8_PREMULTIPLIED;
  fixed.source_width = entry->source_width;
  fixed.source_height = entry->source_height;
  fixed.created_unix_us = entry->created_unix_us;
  fixed.used_unix_us = entry->used_unix_us;

  bytes = g_byte_array_sized_new (fixed.pixels_offset);
  g_byte_array_append (bytes, (const guint8 *) &fixed, sizeof fixed);
  g_byte_array_append (bytes, (const guint8 *) entry->key, key_length);
  g_byte_array_append (bytes, (const guint8 *) entry->revision, revision_length);
  g_byte_array_set_size (bytes, fixed.pixels_offset);
  memset (bytes->data + fixed.header_size, 0, fixed.pixels_offset - fixed.header_size);
  return bytes;
}

/* The fixed header's sizes against each other and the file's length. */
static VitrineDiskCacheCheck
check_sizes (const VitrineDiskCacheFixed *fixed,
             gsize                        n_data,
             guint64                      file_length)
{
  guint64 header_size = (guint64) sizeof *fixed + fixed->key_length + fixed->revision_length;

  if (fixed->key_length == 0 || fixed->key_length > VITRINE_DISK_CACHE_MAX_KEY ||
      fixed->revision_length > VITRINE_DISK_CACHE_MAX_REVISION || fixed->header_size != header_size ||
      fixed->pixels_offset != round_to_page (header_size) ||
      fixed->format != VITRINE_DISK_CACHE_FORMAT_RGBA8_PREMULTIPLIED ||
      !pixels_valid (fixed->width, fixed->height, fixed->stride) ||
      fixed->pixels_size != (guint64) fixed->stride * fixed->height)
    return VITRINE_DISK_CACHE_CORRUPT;
  if (header_size > n_data || fixed->pixels_offset + fixed->pixels_size > file_length)
    return VITRINE_DISK_CACHE_SHORT;
  if (fixed->pixels_offset + fixed->pixels_size != file_length)
    return VITRINE_DISK_CACHE_CORRUPT;
  return VITRINE_DISK_CACHE_OK;
}

/* The key is one line of text without NUL; the revision is hex. */
static gboolean
strings_valid (const char *key,
               gsize       key_length,
               const char *revision,
               gsize       revision_length)
{
  if (memchr (key, '\0', key_length) != NULL || !g_utf8_validate (key, key_length, NULL))
    return FALSE;
  for (gsize i = 0; i < revision_length; i++)
    if (!g_ascii_isxdigit (revision[i]))
      return FALSE;
  return TRUE;
}

VitrineDiskCacheCheck
vitrine_disk_cache_parse (const guint8          *data,
                          gsize                  n_data,
                          guint64                file_length,
                          VitrineDiskCacheEntry *entry)
{
  VitrineDiskCacheFixed fixed;
  VitrineDiskCacheCheck check;
  const char *key, *revision;

  memset (entry, 0, sizeof *entry);
  n_data = MIN (n_data, file_length);
  if (n_data < sizeof fixed.magic + sizeof fixed.version)
    return VITRINE_DISK_CACHE_SHORT;
  if (memcmp (data, VITRINE_DISK_CACHE_MAGIC, sizeof fixed.magic) != 0)
    return VITRINE_DISK_CACHE_BAD_MAGIC;
  memcpy (&fixed.version, data + G_STRUCT_OFFSET (VitrineDiskCacheFixed, version), sizeof fixed.version);
  if (fixed.version != VITRINE_DISK_CACHE_VERSION)
    return VITRINE_DISK_CACHE_OTHER_VERSION;
  if (n_data < sizeof fixed)
    return VITRINE_DISK_CACHE_SHORT;
  memcpy (&fixed, data, sizeof fixed);
  check = check_sizes (&fixed, n_data, file_length);
  if (check != VITRINE_DISK_CACHE_OK)
    return check;

  key = (const char *) data + sizeof fixed;
  revision = key + fixed.key_length;
  if (!strings_valid (key, fixed.key_length, revision, fixed.revision_length))
    return VITRINE_DISK_CACHE_CORRUPT;

  entry->key = g_strndup (key, fixed.key_length);
  entry->revision = g_strndup (revision, fixed.revision_length);
  entry->source_size = fixed.source_size;
  entry->source_mtime_ns = fixed.source_mtime_ns;
  entry->width = fixed.width;
  entry->height = fixed.height;
  entry->stride = fixed.stride;
  entry->source_width = fixed.source_width;
  entry->source_height = fixed.source_height;
  entry->created_unix_us = fixed.created_unix_us;
  entry->used_unix_us = fixed.used_unix_us;
  entry->pixels_offset = fixed.pixels_offset;
  entry->pixels_size = fixed.pixels_size;
  return VITRINE_DISK_CACHE_OK;
}

const char *
vitrine_disk_cache_check_to_string (VitrineDiskCacheCheck check)
{
  switch (check)
    {
    case VITRINE_DISK_CACHE_OK: return "ok";
    case VITRINE_DISK_CACHE_SHORT: return "short";
    case VITRINE_DISK_CACHE_BAD_MAGIC: return "bad magic";
    case VITRINE_DISK_CACHE_OTHER_VERSION: return "other version";
    case VITRINE_DISK_CACHE_CORRUPT: return "corrupt";
    default: return "corrupt";
    }
}

void
vitrine_disk_cache_entry_clear (VitrineDiskCacheEntry *entry)
{
  g_clear_pointer (&entry->key, g_free);
  g_clear_pointer (&entry->revision, g_free);
}

char *
vitrine_image_profile_revision (VitrineScaleMode  mode,
                                gboolean          sharpen,
                                double            zoom,
                                const char       *decoder)
{
  g_autofree char *profile = NULL;
  g_autofree char *hash = NULL;
  long milli = (long) (CLAMP (zoom, 1.0, 2.0) * 1000.0 + 0.5);

  profile = g_strdup_printf ("mode=%d;sharpen=%d;zoom=%ld;decoder=%s;prescale=%d",
                             mode, !!sharpen, milli, decoder != NULL ? decoder : "", VITRINE_PRESCALE_OUTPUT_VERSION);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, profile, -1);
  return g_strndup (hash, 12);
}
