/* test-image-cache.c: keys, the byte budget and least-recently-used eviction.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-image-cache.h"

static GBytes *
pixels (gsize size)
{
  return g_bytes_new_take (g_malloc0 (size), size);
}

static void
insert (VitrineImageCache *cache,
        const char        *key,
        gsize              size)
{
  g_autoptr(GBytes) bytes = pixels (size);

  vitrine_image_cache_insert (cache, key, bytes, 1, size / 4, 4);
}

static void
test_key (void)
{
  g_autofree char *a = vitrine_image_cache_key ("/p/a.jpg", 1920, 1080, VITRINE_SCALE_MODE_FILL, FALSE);
  g_autofree char *fit = vitrine_image_cache_key ("/p/a.jpg", 1920, 1080, VITRINE_SCALE_MODE_FIT, FALSE);
  g_autofree char *sharp = vitrine_image_cache_key ("/p/a.jpg", 1920, 1080, VITRINE_SCALE_MODE_FILL, TRUE);
  g_autofree char *again = vitrine_image_cache_key ("/p/a.jpg", 1920, 1080, VITRINE_SCALE_MODE_FILL, FALSE);

  g_assert_true (g_str_has_prefix (a, "/p/a.jpg|scaled:1920x1080|p"));
  g_assert_cmpstr (a, ==, again);
  g_assert_cmpstr (a, !=, fit);
  g_assert_cmpstr (a, !=, sharp);
  g_assert_cmpstr (fit, !=, sharp);
}

static void
test_lru (void)
{
  g_autoptr(VitrineImageCache) cache = vitrine_image_cache_new (1000);

  insert (cache, "a", 400);
  insert (cache, "b", 400);
  g_assert_cmpuint (vitrine_image_cache_get_bytes (cache), ==, 800);
  /* Using "a" makes "b" the oldest: "c" pushes "b" out. */
  g_assert_nonnull (vitrine_image_cache_lookup (cache, "a"));
  insert (cache, "c", 400);
  g_assert_true (vitrine_image_cache_contains (cache, "a"));
  g_assert_false (vitrine_image_cache_contains (cache, "b"));
  g_assert_true (vitrine_image_cache_contains (cache, "c"));
  g_assert_cmpuint (vitrine_image_cache_get_bytes (cache), ==, 800);
  g_assert_cmpuint (vitrine_image_cache_get_evictions (cache), ==, 1);

  /* Replacing a key counts its bytes once. */
  insert (cache, "c", 200);
  g_assert_cmpuint (vitrine_image_cache_get_n_entries (cache), ==, 2);
  g_assert_cmpuint (vitrine_image_cache_get_bytes (cache), ==, 600);
  g_assert_cmpuint (vitrine_image_cache_lookup (cache, "c")->height, ==, 50);

  /* Larger than the whole budget: not kept, nothing else lost. */
  {
    g_autoptr(GBytes) huge = pixels (1001);

    g_assert_false (vitrine_image_cache_insert (cache, "huge", huge, 1, 1, 4));
  }
  g_assert_cmpuint (vitrine_image_cache_get_n_entries (cache), ==, 2);

  /* A smaller budget evicts the oldest at once. */
  vitrine_image_cache_set_budget (cache, 300);
  g_assert_false (vitrine_image_cache_contains (cache, "a"));
  g_assert_true (vitrine_image_cache_contains (cache, "c"));
  g_assert_cmpuint (vitrine_image_cache_get_bytes (cache), ==, 200);
}

static void
test_pixels_outlive_eviction (void)
{
  g_autoptr(VitrineImageCache) cache = vitrine_image_cache_new (100);
  g_autoptr(GBytes) shown = NULL;

  insert (cache, "on-screen", 100);
  shown = g_bytes_ref (vitrine_image_cache_lookup (cache, "on-screen")->pixels);
  insert (cache, "next", 100);
  g_assert_false (vitrine_image_cache_contains (cache, "on-screen"));
  /* The display's reference keeps the pixels valid (ASan would catch a use after free). */
  g_assert_cmpuint (((const guint8 *) g_bytes_get_data (shown, NULL))[99], ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ImageCache/key", test_key);
  g_test_add_func ("/ImageCache/lru", test_lru);
  g_test_add_func ("/ImageCache/pixels-outlive-eviction", test_pixels_outlive_eviction);

  return g_test_run ();
}
