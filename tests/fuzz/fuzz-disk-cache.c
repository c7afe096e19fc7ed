/* fuzz-disk-cache.c: the disk cache's file header over arbitrary bytes, as the image role
 * reads an entry: the whole input as the file, and only its first page. An accepted header
 * must agree with itself and the file's length, and encode back to the same header.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-disk-cache-format.h"
#include "vitrine-fuzz.h"

static void
check (const guint8 *data,
       gsize         n_data,
       gsize         length)
{
  g_auto(VitrineDiskCacheEntry) entry = { 0 };
  g_autoptr(GByteArray) again = NULL;

  if (vitrine_disk_cache_parse (data, n_data, length, &entry) != VITRINE_DISK_CACHE_OK)
    {
      g_assert_null (entry.key);
      return;
    }
  g_assert_nonnull (entry.key);
  g_assert_true (g_utf8_validate (entry.key, -1, NULL));
  g_assert_cmpuint (strlen (entry.key), >=, 1);
  g_assert_cmpuint (strlen (entry.key), <=, VITRINE_DISK_CACHE_MAX_KEY);
  g_assert_cmpuint (strlen (entry.revision), <=, VITRINE_DISK_CACHE_MAX_REVISION);
  g_assert_cmpuint (entry.width, >=, 1);
  g_assert_cmpuint (entry.width, <=, 16384);
  g_assert_cmpuint (entry.height, >=, 1);
  g_assert_cmpuint (entry.height, <=, 16384);
  g_assert_cmpuint (entry.stride, >=, entry.width * 4);
  g_assert_cmpuint (entry.pixels_size, ==, (guint64) entry.stride * entry.height);
  g_assert_cmpuint (entry.pixels_offset % VITRINE_DISK_CACHE_PAGE, ==, 0);
  g_assert_cmpuint (entry.pixels_offset + entry.pixels_size, ==, length);

  again = vitrine_disk_cache_encode (&entry);
  g_assert_nonnull (again);
  g_assert_cmpuint (again->len, ==, entry.pixels_offset);
  g_assert_cmpmem (again->data, sizeof (VitrineDiskCacheFixed) + strlen (entry.key) + strlen (entry.revision),
                   data, sizeof (VitrineDiskCacheFixed) + strlen (entry.key) + strlen (entry.revision));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree guint8 *copy = g_memdup2 (data, size);

  vitrine_fuzz_init ();

  check (copy, size, size);
  /* The header from the first page only, of a file that claims to be longer. */
  check (copy, MIN (size, VITRINE_DISK_CACHE_PAGE), size);
  check (copy, size, (gsize) size + 4096);
  return 0;
}
