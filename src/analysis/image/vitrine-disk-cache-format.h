/* vitrine-disk-cache-format.h: the on-disk prescale cache's file format and the image
 * profile revision (docs/ARCHITECTURE.md §10), pure: bytes in, checks and fields out.
 *
 * One file per entry, named by a hash of its key "PATH|scaled:WxH". The file is a fixed
 * header in native byte order (magic, format version, header size, the lengths of the key
 * and the revision, the pixels' offset and size, the source's size and mtime, the pixel
 * header fields, the source's displayed size, created and last-used times), then the key
 * and the revision, zeros up to the next page, then the pixels (premultiplied RGBA,
 * stride × height) page-aligned to the end of the file. The last-used time sits at a fixed
 * offset, so a hit updates it in place without touching the pixels.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-enums.h"

G_BEGIN_DECLS

#define VITRINE_DISK_CACHE_MAGIC        "VTRNDC\r\n"
#define VITRINE_DISK_CACHE_VERSION      1
#define VITRINE_DISK_CACHE_PAGE         4096
#define VITRINE_DISK_CACHE_MAX_KEY      8192
#define VITRINE_DISK_CACHE_MAX_REVISION 64
/* The only pixel format: premultiplied RGBA, 8 bits a channel (VITRINE_PIXEL_FORMAT_…). */
#define VITRINE_DISK_CACHE_FORMAT_RGBA8_PREMULTIPLIED 1
/* Bump when the prescale code's output changes (it enters every revision). */
#define VITRINE_PRESCALE_OUTPUT_VERSION 1

/* The fixed part of the header, at offset 0. */
typedef struct
{
  char    magic[8];
  guint32 version;
  guint32 header_size;      /* this struct, the key and the revision */
  guint32 key_length;
  guint32 revision_length;
  guint64 pixels_offset;    /* a multiple of VITRINE_DISK_CACHE_PAGE */
  guint64 pixels_size;      /* stride × height; the file ends there */
  guint64 source_size;
  gint64  source_mtime_ns;
  guint32 width;
  guint32 height;
  guint32 stride;
  guint32 format;
  guint32 source_width;     /* as displayed, after EXIF orientation */
  guint32 source_height;
  gint64  created_unix_us;
  gint64  used_unix_us;
} VitrineDiskCacheFixed;

#define VITRINE_DISK_CACHE_USED_OFFSET G_STRUCT_OFFSET (VitrineDiskCacheFixed, used_unix_us)

typedef struct
{
  char    *key;
  char    *revision;
  guint64  source_size;
  gint64   source_mtime_ns;
  guint    width;
  guint    height;
  guint    stride;
  guint    source_width;
  guint    source_height;
  gint64   created_unix_us;
  gint64   used_unix_us;
  guint64  pixels_offset;
  guint64  pixels_size;
} VitrineDiskCacheEntry;

typedef enum
{
  VITRINE_DISK_CACHE_OK,
  VITRINE_DISK_CACHE_SHORT,          /* shorter than its header or than it says */
  VITRINE_DISK_CACHE_BAD_MAGIC,
  VITRINE_DISK_CACHE_OTHER_VERSION,  /* another format version (or byte order) */
  VITRINE_DISK_CACHE_CORRUPT,        /* fields that contradict each other or the length */
} VitrineDiskCacheCheck;

/* The key of an entry: "PATH|scaled:WxH". */
char                 *vitrine_disk_cache_key          (const char                  *path,
                                                       guint                        width,
                                                       guint                        height);
/* The file name of @key's entry (a hash, hex, with the ".vdc" suffix). */
char                 *vitrine_disk_cache_file_name    (const char                  *key);
/* The header of @entry up to its pixels (zeros to the page), in a new array;
 * fills @entry->pixels_offset and pixels_size. NULL when the key or revision is too long
 * or the sizes are out of range. */
GByteArray           *vitrine_disk_cache_encode       (VitrineDiskCacheEntry       *entry);
/* Checks the first @n_data bytes of a file of @file_length bytes and fills @entry
 * (clear it with vitrine_disk_cache_entry_clear()). @n_data may be less than the file:
 * the header must be within it. */
VitrineDiskCacheCheck vitrine_disk_cache_parse        (const guint8                *data,
                                                       gsize                        n_data,
                                                       guint64                      file_length,
                                                       VitrineDiskCacheEntry       *entry);
/* "ok", "short", "bad magic", "other version", "corrupt" */
const char           *vitrine_disk_cache_check_to_string (VitrineDiskCacheCheck     check);
void                  vitrine_disk_cache_entry_clear  (VitrineDiskCacheEntry       *entry);

/*
 * The image profile revision: a short hex hash of what decides a prescaled image's pixels
 * besides its source and size: the scale mode, sharpening, the Ken Burns zoom (1.0 when
 * Ken Burns is off; rounded to 1/1000) and the decoder's version (@decoder: GdkPixbuf's
 * version; VITRINE_PRESCALE_OUTPUT_VERSION is added here).
 */
char                 *vitrine_image_profile_revision  (VitrineScaleMode             mode,
                                                       gboolean                     sharpen,
                                                       double                       zoom,
                                                       const char                  *decoder);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VitrineDiskCacheEntry, vitrine_disk_cache_entry_clear)

G_END_DECLS
