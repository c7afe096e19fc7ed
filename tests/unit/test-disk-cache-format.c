/* test-disk-cache-format.c: the disk cache's file header against truncated, corrupt and
 * other-version bytes, and the profile revision against each of its parameters.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-disk-cache-format.h"

#define KEY "/photos/a b/ü.jpg|scaled:640x360"

/* A whole file: the header of a 640 × 360 entry and its pixels (a pattern). */
static GByteArray *
make_file (VitrineDiskCacheEntry *entry)
{
  GByteArray *file;
  gsize offset;

  *entry = (VitrineDiskCacheEntry) {
    .key = (char *) KEY, .revision = (char *) "0123456789ab",
    .source_size = 123456, .source_mtime_ns = G_GINT64_CONSTANT (1764590000123456789),
    .width = 640, .height = 360, .stride = 640 * 4, .source_width = 4000, .source_height = 2250,
    .created_unix_us = 1000, .used_unix_us = 2000,
  };
  file = vitrine_disk_cache_encode (entry);
  g_assert_nonnull (file);
  offset = file->len;
  g_byte_array_set_size (file, offset + entry->pixels_size);
  for (gsize i = 0; i < entry->pixels_size; i++)
    file->data[offset + i] = (guint8) (i * 7);
  return file;
}

static VitrineDiskCacheCheck
parse (const guint8 *data,
       gsize         length)
{
  g_auto(VitrineDiskCacheEntry) parsed = { 0 };

  return vitrine_disk_cache_parse (data, length, length, &parsed);
}

static void
test_round_trip (void)
{
  VitrineDiskCacheEntry entry;
  g_autoptr(GByteArray) file = make_file (&entry);
  g_auto(VitrineDiskCacheEntry) parsed = { 0 };

  g_assert_cmpuint (entry.pixels_offset % VITRINE_DISK_CACHE_PAGE, ==, 0);
  g_assert_cmpuint (entry.pixels_offset, ==, VITRINE_DISK_CACHE_PAGE);
  g_assert_cmpuint (file->len, ==, entry.pixels_offset + 640 * 4 * 360);
  /* Only a page of the file is needed to read its header. */
  g_assert_cmpint (vitrine_disk_cache_parse (file->data, VITRINE_DISK_CACHE_PAGE, file->len, &parsed),
                   ==, VITRINE_DISK_CACHE_OK);
  g_assert_cmpstr (parsed.key, ==, KEY);
  g_assert_cmpstr (parsed.revision, ==, "0123456789ab");
  g_assert_cmpuint (parsed.source_size, ==, 123456);
  g_assert_cmpint (parsed.source_mtime_ns, ==, G_GINT64_CONSTANT (1764590000123456789));
  g_assert_cmpuint (parsed.width, ==, 640);
  g_assert_cmpuint (parsed.height, ==, 360);
  g_assert_cmpuint (parsed.stride, ==, 2560);
  g_assert_cmpuint (parsed.source_width, ==, 4000);
  g_assert_cmpuint (parsed.source_height, ==, 2250);
  g_assert_cmpint (parsed.created_unix_us, ==, 1000);
  g_assert_cmpint (parsed.used_unix_us, ==, 2000);
  g_assert_cmpuint (parsed.pixels_offset, ==, entry.pixels_offset);

  /* The last-used time is where the header says, so a hit can rewrite just it. */
  {
    gint64 used;

    memcpy (&used, file->data + VITRINE_DISK_CACHE_USED_OFFSET, sizeof used);
    g_assert_cmpint (used, ==, 2000);
  }
}

/* Every prefix of the file is short, none is accepted. */
static void
test_truncated (void)
{
  VitrineDiskCacheEntry entry;
  g_autoptr(GByteArray) file = make_file (&entry);
  static const gsize cuts[] = { 0, 1, 7, 8, 11, 12, 40, 95, 96, 100, 4095, 4096, 4097 };

  for (gsize i = 0; i < G_N_ELEMENTS (cuts); i++)
    g_assert_cmpint (parse (file->data, cuts[i]), ==, VITRINE_DISK_CACHE_SHORT);
  g_assert_cmpint (parse (file->data, file->len - 1), ==, VITRINE_DISK_CACHE_SHORT);
  /* A byte too many contradicts the header. */
  g_byte_array_append (file, (const guint8 *) "x", 1);
  g_assert_cmpint (parse (file->data, file->len), ==, VITRINE_DISK_CACHE_CORRUPT);
}

static void
set_u32 (GByteArray *file,
         gsize       offset,
         guint32     value)
{
  memcpy (file->data + offset, &value, sizeof value);
}

static void
set_u64 (GByteArray *file,
         gsize       offset,
         guint64     value)
{
  memcpy (file->data + offset, &value, sizeof value);
}

/* One lying field at a time. */
static void
test_corrupt (void)
{
  static const struct { gsize offset; guint64 value; gboolean wide; } lies[] = {
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, header_size), 97, FALSE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, key_length), 0, FALSE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, key_length), 1u << 30, FALSE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, revision_length), 65, FALSE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, pixels_offset), 100, TRUE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, pixels_offset), 8192, TRUE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, pixels_size), 4, TRUE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, pixels_size), G_MAXUINT64, TRUE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, width), 0, FALSE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, width), 641, FALSE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, width), 70000, FALSE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, height), 361, FALSE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, stride), 2561, FALSE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, stride), 2556, FALSE },
    { G_STRUCT_OFFSET (VitrineDiskCacheFixed, format), 2, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (lies); i++)
    {
      VitrineDiskCacheEntry entry;
      g_autoptr(GByteArray) file = make_file (&entry);

      if (lies[i].wide)
        set_u64 (file, lies[i].offset, lies[i].value);
      else
        set_u32 (file, lies[i].offset, (guint32) lies[i].value);
      g_assert_cmpint (parse (file->data, file->len), !=, VITRINE_DISK_CACHE_OK);
    }

  /* A NUL inside the key, a revision that is not hex, another magic. */
  {
    VitrineDiskCacheEntry entry;
    g_autoptr(GByteArray) file = make_file (&entry);

    file->data[sizeof (VitrineDiskCacheFixed) + 3] = '\0';
    g_assert_cmpint (parse (file->data, file->len), ==, VITRINE_DISK_CACHE_CORRUPT);
  }
  {
    VitrineDiskCacheEntry entry;
    g_autoptr(GByteArray) file = make_file (&entry);

    file->data[sizeof (VitrineDiskCacheFixed) + strlen (KEY)] = 'z';
    g_assert_cmpint (parse (file->data, file->len), ==, VITRINE_DISK_CACHE_CORRUPT);
  }
  {
    VitrineDiskCacheEntry entry;
    g_autoptr(GByteArray) file = make_file (&entry);

    file->data[0] = 'X';
    g_assert_cmpint (parse (file->data, file->len), ==, VITRINE_DISK_CACHE_BAD_MAGIC);
  }
}

static void
test_other_version (void)
{
  VitrineDiskCacheEntry entry;
  g_autoptr(GByteArray) file = make_file (&entry);

  set_u32 (file, G_STRUCT_OFFSET (VitrineDiskCacheFixed, version), VITRINE_DISK_CACHE_VERSION + 1);
  g_assert_cmpint (parse (file->data, file->len), ==, VITRINE_DISK_CACHE_OTHER_VERSION);
  /* Another byte order reads as another version too. */
  set_u32 (file, G_STRUCT_OFFSET (VitrineDiskCacheFixed, version), GUINT32_SWAP_LE_BE (VITRINE_DISK_CACHE_VERSION));
  g_assert_cmpint (parse (file->data, file->len), ==, VITRINE_DISK_CACHE_OTHER_VERSION);
  /* Only 12 bytes are needed to tell. */
  g_assert_cmpint (parse (file->data, 12), ==, VITRINE_DISK_CACHE_OTHER_VERSION);
}

static void
test_encode_limits (void)
{
  g_autofree char *long_key = g_strnfill (VITRINE_DISK_CACHE_MAX_KEY + 1, 'k');
  VitrineDiskCacheEntry entry = {
    .key = long_key, .revision = (char *) "ab", .width = 4, .height = 4, .stride = 16,
  };

  g_assert_null (vitrine_disk_cache_encode (&entry));
  entry.key = (char *) "k";
  entry.stride = 12;
  g_assert_null (vitrine_disk_cache_encode (&entry));
  entry.stride = 16;
  entry.width = 0;
  g_assert_null (vitrine_disk_cache_encode (&entry));
}

static void
test_key_and_name (void)
{
  g_autofree char *key = vitrine_disk_cache_key ("/p/a.jpg", 1920, 1080);
  g_autofree char *name = vitrine_disk_cache_file_name (key);
  g_autofree char *again = vitrine_disk_cache_file_name ("/p/a.jpg|scaled:1920x1080");
  g_autofree char *other = vitrine_disk_cache_file_name ("/p/a.jpg|scaled:1920x1081");

  g_assert_cmpstr (key, ==, "/p/a.jpg|scaled:1920x1080");
  g_assert_cmpstr (name, ==, again);
  g_assert_cmpstr (name, !=, other);
  g_assert_true (g_str_has_suffix (name, ".vdc"));
  g_assert_cmpuint (strlen (name), ==, 36);
}

static void
test_revision (void)
{
  g_autofree char *base = vitrine_image_profile_revision (VITRINE_SCALE_MODE_FILL, FALSE, 1.0, "2.42.10");
  g_autofree char *again = vitrine_image_profile_revision (VITRINE_SCALE_MODE_FILL, FALSE, 1.0, "2.42.10");
  g_autofree char *near = vitrine_image_profile_revision (VITRINE_SCALE_MODE_FILL, FALSE, 1.0000001, "2.42.10");
  char *others[] = {
    vitrine_image_profile_revision (VITRINE_SCALE_MODE_FIT, FALSE, 1.0, "2.42.10"),
    vitrine_image_profile_revision (VITRINE_SCALE_MODE_SHRINK, FALSE, 1.0, "2.42.10"),
    vitrine_image_profile_revision (VITRINE_SCALE_MODE_FILL, TRUE, 1.0, "2.42.10"),
    vitrine_image_profile_revision (VITRINE_SCALE_MODE_FILL, FALSE, 1.1, "2.42.10"),
    vitrine_image_profile_revision (VITRINE_SCALE_MODE_FILL, FALSE, 1.0, "2.42.11"),
  };

  g_assert_cmpuint (strlen (base), ==, 12);
  for (const char *c = base; *c != '\0'; c++)
    g_assert_true (g_ascii_isxdigit (*c));
  g_assert_cmpstr (base, ==, again);
  g_assert_cmpstr (base, ==, near);
  for (gsize i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_assert_cmpstr (base, !=, others[i]);
      for (gsize j = 0; j < i; j++)
        g_assert_cmpstr (others[j], !=, others[i]);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (others); i++)
    g_free (others[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/disk-cache-format/round-trip", test_round_trip);
  g_test_add_func ("/disk-cache-format/truncated", test_truncated);
  g_test_add_func ("/disk-cache-format/corrupt", test_corrupt);
  g_test_add_func ("/disk-cache-format/other-version", test_other_version);
  g_test_add_func ("/disk-cache-format/encode-limits", test_encode_limits);
  g_test_add_func ("/disk-cache-format/key-and-name", test_key_and_name);
  g_test_add_func ("/disk-cache-format/revision", test_revision);

  return g_test_run ();
}
