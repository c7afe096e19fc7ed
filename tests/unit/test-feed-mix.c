/* test-feed-mix.c: domain priorities, the local/feed share with the small-pool rule, and
 * the anti-repeat windows, replayed exactly from seeds.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-feed-mix.h"

static void
test_priority (void)
{
  static const struct { const char *url; int priority; } cases[] = {
    { "https://www.bing.com/th?id=OHR.x.jpg", 95 },
    { "https://bing.com/x.jpg", 95 },
    { "https://images.unsplash.com/photo-1", 90 },
    { "https://upload.wikimedia.org/wikipedia/commons/a/ab/x.jpg", 85 },
    { "https://apod.nasa.gov/apod/image/x.jpg", 75 },
    { "https://www.reddit.com/r/EarthPorn/top.json", 10 },
    { "https://i.redd.it/abc.jpg", 10 },
    { "https://notbing.com/x.jpg", 50 },        /* a suffix, not a subdomain */
    { "https://bing.com.evil.example/x", 50 },
    { "https://WWW.BING.COM./x", 95 },
    { "https://example.org/", 50 },
    { "not a url", 50 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (vitrine_feed_domain_priority (cases[i].url), ==, cases[i].priority);
  g_assert_cmpint (vitrine_feed_domain_priority (NULL), ==, 50);
  g_assert_cmpint (vitrine_feed_priority_compare ("https://bing.com/", "https://reddit.com/"), <, 0);
  g_assert_cmpint (vitrine_feed_priority_compare ("https://reddit.com/", "https://nasa.gov/"), >, 0);
  g_assert_cmpint (vitrine_feed_priority_compare ("https://a.example/", "https://b.example/"), ==, 0);
}

static void
test_domain (void)
{
  static const struct { const char *url; const char *domain; } cases[] = {
    { "https://i.redd.it/x.jpg", "redd.it" },
    { "https://preview.redd.it/x.jpg", "redd.it" },
    { "https://www.bbc.co.uk/news", "bbc.co.uk" },
    { "https://bbc.co.uk/", "bbc.co.uk" },
    { "https://apod.nasa.gov/apod/", "nasa.gov" },
    { "https://example.org/", "example.org" },
    { "http://localhost:8080/feed", "localhost" },
    { "http://127.0.0.1:8080/x.jpg", "127.0.0.1" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *domain = vitrine_feed_url_domain (cases[i].url);

      g_assert_cmpstr (domain, ==, cases[i].domain);
    }
  g_assert_null (vitrine_feed_url_domain ("mailto:x"));
}

static void
test_effective_share (void)
{
  g_assert_cmpfloat (vitrine_feed_mix_effective_share (0.5, 0), ==, 0.0);
  /* Fewer than 5 feed images: local 90 %; fewer than 10: 80 %. */
  g_assert_cmpfloat (vitrine_feed_mix_effective_share (0.5, 1), ==, 0.10);
  g_assert_cmpfloat (vitrine_feed_mix_effective_share (1.0, 4), ==, 0.10);
  g_assert_cmpfloat (vitrine_feed_mix_effective_share (0.5, 5), ==, 0.20);
  g_assert_cmpfloat (vitrine_feed_mix_effective_share (0.5, 9), ==, 0.20);
  g_assert_cmpfloat (vitrine_feed_mix_effective_share (0.5, 10), ==, 0.5);
  /* The rule lowers the share, it never raises it. */
  g_assert_cmpfloat (vitrine_feed_mix_effective_share (0.05, 3), ==, 0.05);
  g_assert_cmpfloat (vitrine_feed_mix_effective_share (0.0, 100), ==, 0.0);
  g_assert_cmpfloat (vitrine_feed_mix_effective_share (7.0, 100), ==, 1.0);
}

static guint
count_feed (VitrineFeedMix *mix,
            guint           n_local,
            guint           n_feed,
            guint           picks)
{
  guint feed = 0;

  for (guint i = 0; i < picks; i++)
    {
      VitrineFeedMixPick pick = vitrine_feed_mix_choose_source (mix, n_local, n_feed);

      g_assert_cmpint (pick, !=, VITRINE_FEED_MIX_PICK_NONE);
      feed += pick == VITRINE_FEED_MIX_PICK_FEED;
    }
  return feed;
}

static void
test_source (void)
{
  g_autoptr(VitrineFeedMix) mix = vitrine_feed_mix_new (42);
  g_autoptr(VitrineFeedMix) again = vitrine_feed_mix_new (42);
  guint feed;

  g_assert_cmpfloat (vitrine_feed_mix_get_share (mix), ==, 0.5);
  g_assert_cmpint (vitrine_feed_mix_choose_source (mix, 0, 0), ==, VITRINE_FEED_MIX_PICK_NONE);
  g_assert_cmpint (vitrine_feed_mix_choose_source (mix, 0, 3), ==, VITRINE_FEED_MIX_PICK_FEED);
  g_assert_cmpint (vitrine_feed_mix_choose_source (mix, 3, 0), ==, VITRINE_FEED_MIX_PICK_LOCAL);

  /* 10,000 picks at share 0.3 with a big pool land within 3 % of 3,000. */
  vitrine_feed_mix_set_share (mix, 0.3);
  feed = count_feed (mix, 100, 50, 10000);
  g_assert_cmpuint (feed, >, 2910);
  g_assert_cmpuint (feed, <, 3090);
  /* A pool of 3 feed images: about 10 %. */
  vitrine_feed_mix_set_share (mix, 0.9);
  feed = count_feed (mix, 100, 3, 10000);
  g_assert_cmpuint (feed, >, 900);
  g_assert_cmpuint (feed, <, 1100);
  /* A pool of 7: about 20 %. */
  feed = count_feed (mix, 100, 7, 10000);
  g_assert_cmpuint (feed, >, 1850);
  g_assert_cmpuint (feed, <, 2150);
  /* Share 0 and 1 are absolute when both pools are big enough. */
  vitrine_feed_mix_set_share (mix, 0.0);
  g_assert_cmpuint (count_feed (mix, 10, 50, 500), ==, 0);
  vitrine_feed_mix_set_share (mix, 1.0);
  g_assert_cmpuint (count_feed (mix, 10, 50, 500), ==, 500);

  /* The same seed replays the same picks. */
  vitrine_feed_mix_set_share (again, 0.3);
  {
    g_autoptr(VitrineFeedMix) replay = vitrine_feed_mix_new (42);
    g_autoptr(GString) a = g_string_new (NULL);
    g_autoptr(GString) b = g_string_new (NULL);

    vitrine_feed_mix_set_share (replay, 0.3);
    for (guint i = 0; i < 200; i++)
      {
        g_string_append_c (a, '0' + vitrine_feed_mix_choose_source (again, 20, 20));
        g_string_append_c (b, '0' + vitrine_feed_mix_choose_source (replay, 20, 20));
      }
    g_assert_cmpstr (a->str, ==, b->str);
  }
}

static void
test_local_window (void)
{
  g_autoptr(VitrineFeedMix) mix = vitrine_feed_mix_new (1);
  const char *order[] = { "/p/a.jpg", "/p/b.jpg", "/p/c.jpg", "/p/d.jpg", "/p/e.jpg", "/p/f.jpg", "/p/g.jpg" };
  const char *reshuffled[] = { "/p/e.jpg", "/p/a.jpg", "/p/f.jpg" };
  const char *all_recent[] = { "/p/d.jpg", "/p/c.jpg", "/p/e.jpg" };

  g_assert_cmpint (vitrine_feed_mix_choose_local (mix, order, 0), ==, -1);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (vitrine_feed_mix_choose_local (mix, order + i, 1), ==, 0);
  /* a..e shown; e and a are within the window of 5, so f comes first. */
  g_assert_true (vitrine_feed_mix_local_is_recent (mix, "/p/a.jpg"));
  g_assert_cmpint (vitrine_feed_mix_choose_local (mix, reshuffled, 3), ==, 2);
  /* Now b..f are recent and a has left the window. */
  g_assert_false (vitrine_feed_mix_local_is_recent (mix, "/p/a.jpg"));
  g_assert_true (vitrine_feed_mix_local_is_recent (mix, "/p/b.jpg"));
  /* Every candidate recent: the one shown longest ago (c, before d and e). */
  g_assert_cmpint (vitrine_feed_mix_choose_local (mix, all_recent, 3), ==, 1);
  /* A window of 0 disables it. */
  vitrine_feed_mix_set_windows (mix, 0, 15);
  g_assert_false (vitrine_feed_mix_local_is_recent (mix, "/p/c.jpg"));
  g_assert_cmpint (vitrine_feed_mix_choose_local (mix, all_recent, 3), ==, 0);
}

static void
test_feed_window (void)
{
  g_autoptr(VitrineFeedMix) mix = vitrine_feed_mix_new (7);
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) last_seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *last_domain = NULL;

  /* 20 images from two domains: a window of 15 leaves 5 candidates each time. */
  for (guint i = 0; i < 10; i++)
    {
      g_ptr_array_add (urls, g_strdup_printf ("https://images.unsplash.com/%u.jpg", i));
      g_ptr_array_add (urls, g_strdup_printf ("https://upload.wikimedia.org/%u.jpg", i));
    }
  g_assert_cmpint (vitrine_feed_mix_choose_feed (mix, NULL, 0), ==, -1);
  g_assert_null (vitrine_feed_mix_get_last_domain (mix));
  for (guint pick = 0; pick < 400; pick++)
    {
      int index = vitrine_feed_mix_choose_feed (mix, (const char * const *) urls->pdata, urls->len);
      const char *url;
      gpointer seen;

      g_assert_cmpint (index, >=, 0);
      url = urls->pdata[index];
      /* Never again within 15 picks. */
      if (g_hash_table_lookup_extended (last_seen, url, NULL, &seen))
        g_assert_cmpuint (pick - GPOINTER_TO_UINT (seen), >, 15);
      g_hash_table_insert (last_seen, (gpointer) url, GUINT_TO_POINTER (pick));
      /* Both domains always have a fresh image, so the domain alternates every pick. */
      if (last_domain != NULL)
        g_assert_cmpstr (vitrine_feed_mix_get_last_domain (mix), !=, last_domain);
      g_free (last_domain);
      last_domain = g_strdup (vitrine_feed_mix_get_last_domain (mix));
      g_assert_true (vitrine_feed_mix_feed_is_recent (mix, url));
    }
  g_assert_cmpuint (g_hash_table_size (last_seen), ==, 20);
}

static void
test_feed_fallbacks (void)
{
  g_autoptr(VitrineFeedMix) mix = vitrine_feed_mix_new (3);
  const char *one_domain[] = { "https://a.example/1.jpg", "https://a.example/2.jpg", "https://a.example/3.jpg" };
  int first, second, third;

  /* One domain only: the preference yields, the window still holds. */
  first = vitrine_feed_mix_choose_feed (mix, one_domain, 3);
  second = vitrine_feed_mix_choose_feed (mix, one_domain, 3);
  third = vitrine_feed_mix_choose_feed (mix, one_domain, 3);
  g_assert_cmpint (first, !=, second);
  g_assert_cmpint (third, !=, first);
  g_assert_cmpint (third, !=, second);
  /* All three in the window: the oldest comes back, then the next oldest. */
  g_assert_cmpint (vitrine_feed_mix_choose_feed (mix, one_domain, 3), ==, first);
  g_assert_cmpint (vitrine_feed_mix_choose_feed (mix, one_domain, 3), ==, second);
  g_assert_cmpstr (vitrine_feed_mix_get_last_domain (mix), ==, "a.example");

  /* Noted from elsewhere (a history step): the same rules apply to it. */
  vitrine_feed_mix_note_feed (mix, "https://b.example/x.jpg");
  g_assert_cmpstr (vitrine_feed_mix_get_last_domain (mix), ==, "b.example");
  g_assert_true (vitrine_feed_mix_feed_is_recent (mix, "https://b.example/x.jpg"));
}

static void
test_priority_weight (void)
{
  g_autoptr(VitrineFeedMix) mix = vitrine_feed_mix_new (11);
  g_autoptr(GPtrArray) urls = g_ptr_array_new_with_free_func (g_free);
  guint bing = 0, reddit = 0;

  /* No window and a single "other" domain every time, so only the weights decide. */
  vitrine_feed_mix_set_windows (mix, 5, 0);
  g_ptr_array_add (urls, g_strdup ("https://www.bing.com/a.jpg"));
  g_ptr_array_add (urls, g_strdup ("https://i.redd.it/b.jpg"));
  for (guint i = 0; i < 2000; i++)
    {
      int index;

      vitrine_feed_mix_note_feed (mix, "https://elsewhere.example/x.jpg");
      index = vitrine_feed_mix_choose_feed (mix, (const char * const *) urls->pdata, urls->len);
      bing += index == 0;
      reddit += index == 1;
    }
  /* 95 : 10, that is about 1810 : 190. */
  g_assert_cmpuint (bing + reddit, ==, 2000);
  g_assert_cmpuint (bing, >, 1700);
  g_assert_cmpuint (reddit, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Domain priorities and the local/feed mix with its anti-repeat windows");

  g_test_add_func ("/Feed/Mix/priority", test_priority);
  g_test_add_func ("/Feed/Mix/domain", test_domain);
  g_test_add_func ("/Feed/Mix/effective-share", test_effective_share);
  g_test_add_func ("/Feed/Mix/source", test_source);
  g_test_add_func ("/Feed/Mix/local-window", test_local_window);
  g_test_add_func ("/Feed/Mix/feed-window", test_feed_window);
  g_test_add_func ("/Feed/Mix/feed-fallbacks", test_feed_fallbacks);
  g_test_add_func ("/Feed/Mix/priority-weight", test_priority_weight);
  return g_test_run ();
}
