/* test-cache-names.c: the Caches page's names of entries and groups, its filter and its
 * three orders (vitrine-cache-names.c).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-cache-names.h"

static void
test_short_names (void)
{
  static const struct { const char *descriptor, *expected; } cases[] = {
    { "/home/ann/Pictures/2024/beach.jpg|scaled:1920x1080", "beach.jpg · 1920×1080" },
    { "/p/with%20escape.png|scaled:800x600", "with%20escape.png · 800×600" },
    /* Not a size: the descriptor is shown as a path. */
    { "/p/odd.jpg|scaled:1920x", "odd.jpg|scaled:1920x" },
    { "https://example.org/photos/sunset%20sea.jpg?w=1200#top", "sunset sea.jpg" },
    { "https://example.org/", "example.org" },
    { "https://example.org/feeds/main/", "main" },
    { "tempo_map", "tempo_map" },
    { "/", "/" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = vitrine_cache_short_descriptor (cases[i].descriptor);

      g_assert_cmpstr (name, ==, cases[i].expected);
    }

  {
    g_autofree char *root = vitrine_cache_short_track_ref ("/home/ann/Pictures/");
    g_autofree char *feed = vitrine_cache_short_track_ref ("https://example.org/feed.xml");
    g_autofree char *bad = vitrine_cache_short_descriptor ("/p/\xff\xfe.jpg|scaled:10x10");

    g_assert_cmpstr (root, ==, "Pictures");
    /* A feed's group keeps its whole URL: the last part alone would say little. */
    g_assert_cmpstr (feed, ==, "https://example.org/feed.xml");
    g_assert_true (g_utf8_validate (bad, -1, NULL));
    g_assert_true (g_str_has_suffix (bad, " · 10×10"));
  }
}

static void
test_filter (void)
{
  g_assert_true (vitrine_cache_filter_accepts (VITRINE_CACHES_FILTER_ALL, VITRINE_CACHE_STATUS_CURRENT));
  g_assert_true (vitrine_cache_filter_accepts (VITRINE_CACHES_FILTER_PENDING, VITRINE_CACHE_STATUS_MISSING));
  g_assert_true (vitrine_cache_filter_accepts (VITRINE_CACHES_FILTER_PENDING, VITRINE_CACHE_STATUS_STALE));
  g_assert_false (vitrine_cache_filter_accepts (VITRINE_CACHES_FILTER_PENDING, VITRINE_CACHE_STATUS_CURRENT));
  g_assert_false (vitrine_cache_filter_accepts (VITRINE_CACHES_FILTER_PENDING, VITRINE_CACHE_STATUS_EXTRANEOUS));
  g_assert_true (vitrine_cache_filter_accepts (VITRINE_CACHES_FILTER_EXTRANEOUS, VITRINE_CACHE_STATUS_EXTRANEOUS));
  g_assert_false (vitrine_cache_filter_accepts (VITRINE_CACHES_FILTER_EXTRANEOUS, VITRINE_CACHE_STATUS_STALE));
}

static VitrineCachesSort current_sort;

static int
compare (gconstpointer a,
         gconstpointer b)
{
  return vitrine_cache_entry_compare (a, b, current_sort);
}

/* The three orders of one set, as the labels they put first to last. */
static void
test_orders (void)
{
  static const struct { VitrineCachesSort sort; const char *expected; } orders[] = {
    { VITRINE_CACHES_SORT_NAME, "a b c d e" },
    { VITRINE_CACHES_SORT_STATUS, "d b e c a" },
    { VITRINE_CACHES_SORT_ANALYSED, "c e a b d" },
  };

  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    {
      VitrineCacheEntryView entries[] = {
        { "5", "e", NULL, VITRINE_CACHE_STATUS_STALE, 200 },
        { "3", "c", NULL, VITRINE_CACHE_STATUS_EXTRANEOUS, 300 },
        { "1", "a", NULL, VITRINE_CACHE_STATUS_CURRENT, 100 },
        { "4", "d", NULL, VITRINE_CACHE_STATUS_MISSING, 0 },
        { "2", "b", NULL, VITRINE_CACHE_STATUS_STALE, 0 },
      };
      g_autoptr(GString) labels = g_string_new (NULL);

      current_sort = orders[o].sort;
      qsort (entries, G_N_ELEMENTS (entries), sizeof entries[0], compare);
      for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
        g_string_append_printf (labels, i == 0 ? "%s" : " %s", entries[i].label);
      g_assert_cmpstr (labels->str, ==, orders[o].expected);
    }
}

/* With sort keys, numbers in names go by value. */
static void
test_sort_keys (void)
{
  const char *labels[] = { "IMG_10.jpg · 800×600", "IMG_2.jpg · 800×600", "IMG_1.jpg · 800×600" };
  char *keys[3] = { NULL };
  VitrineCacheEntryView entries[3];

  for (guint i = 0; i < 3; i++)
    {
      keys[i] = vitrine_cache_sort_key (labels[i]);
      entries[i] = (VitrineCacheEntryView) { labels[i], labels[i], keys[i], VITRINE_CACHE_STATUS_CURRENT, 0 };
    }
  current_sort = VITRINE_CACHES_SORT_NAME;
  qsort (entries, 3, sizeof entries[0], compare);
  g_assert_cmpstr (entries[0].label, ==, labels[2]);
  g_assert_cmpstr (entries[1].label, ==, labels[1]);
  g_assert_cmpstr (entries[2].label, ==, labels[0]);
  for (guint i = 0; i < 3; i++)
    g_free (keys[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The Caches page names entries readably, filters and orders them as asked");

  g_test_add_func ("/CacheNames/short-names", test_short_names);
  g_test_add_func ("/CacheNames/filter", test_filter);
  g_test_add_func ("/CacheNames/orders", test_orders);
  g_test_add_func ("/CacheNames/sort-keys", test_sort_keys);

  return g_test_run ();
}
