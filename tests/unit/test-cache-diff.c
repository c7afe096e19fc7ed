/* test-cache-diff.c: the intents' memo and the diff of requested descriptors against a
 * cache's metadata, as a table of permutations.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-cache-diff.h"
#include "vitrine-cache-intent.h"

/* The same intent twice emits once; the element and the time do not count. */
static void
test_memo_same (void)
{
  g_autoptr(VitrineCacheIntentMemo) memo = vitrine_cache_intent_memo_new ();
  const char *descriptors[] = { "b", "a", "a", NULL };
  const char *reordered[] = { "a", "b", NULL };
  g_autoptr(VitrineCacheIntent) first =
    vitrine_cache_intent_new ("display-0", "images", "/photos", "display", descriptors, 1000);
  g_autoptr(VitrineCacheIntent) again =
    vitrine_cache_intent_new ("display-0", "images", "/photos", "display", reordered, 99000000);
  g_autoptr(VitrineCacheIntent) other_element =
    vitrine_cache_intent_new ("display-1", "images", "/photos", "display", descriptors, 1000);
  g_autofree char *hash_first = vitrine_cache_intent_hash (first);
  g_autofree char *hash_other = vitrine_cache_intent_hash (other_element);

  g_assert_cmpstr (first->descriptors[0], ==, "a");
  g_assert_cmpstr (first->descriptors[1], ==, "b");
  g_assert_null (first->descriptors[2]);
  g_assert_cmpstr (first->requested_at, ==, "1970-01-01T00:00:00Z");
  g_assert_cmpstr (hash_first, ==, hash_other);

  g_assert_true (vitrine_cache_intent_memo_changed (memo, first));
  g_assert_false (vitrine_cache_intent_memo_changed (memo, first));
  g_assert_false (vitrine_cache_intent_memo_changed (memo, again));
  /* Another element with the same needs is its own first intent. */
  g_assert_true (vitrine_cache_intent_memo_changed (memo, other_element));
  g_assert_false (vitrine_cache_intent_memo_changed (memo, other_element));
  vitrine_cache_intent_memo_forget (memo, "display-0");
  g_assert_true (vitrine_cache_intent_memo_changed (memo, first));
}

/* A changed descriptor list, track or profile emits; changing back emits again. */
static void
test_memo_changed (void)
{
  g_autoptr(VitrineCacheIntentMemo) memo = vitrine_cache_intent_memo_new ();
  const char *one[] = { "scaled:1280x720", NULL };
  const char *two[] = { "scaled:1280x720", "scaled:1920x1080", NULL };
  const char *split_a[] = { "ab", NULL };
  const char *split_b[] = { "a", "b", NULL };
  g_autoptr(VitrineCacheIntent) a = vitrine_cache_intent_new ("d", "images", "/p", "display", one, 0);
  g_autoptr(VitrineCacheIntent) b = vitrine_cache_intent_new ("d", "images", "/p", "display", two, 0);
  g_autoptr(VitrineCacheIntent) c = vitrine_cache_intent_new ("d", "images", "/q", "display", two, 0);
  g_autoptr(VitrineCacheIntent) d = vitrine_cache_intent_new ("d", "images", "/q", "other", two, 0);
  g_autoptr(VitrineCacheIntent) e = vitrine_cache_intent_new ("d", "images", "/q", "other", NULL, 0);
  g_autoptr(VitrineCacheIntent) f = vitrine_cache_intent_new ("x", "images", "/q", "other", split_a, 0);
  g_autoptr(VitrineCacheIntent) g = vitrine_cache_intent_new ("x", "images", "/q", "other", split_b, 0);

  g_assert_true (vitrine_cache_intent_memo_changed (memo, a));
  g_assert_true (vitrine_cache_intent_memo_changed (memo, b));
  g_assert_true (vitrine_cache_intent_memo_changed (memo, c));
  g_assert_true (vitrine_cache_intent_memo_changed (memo, d));
  g_assert_true (vitrine_cache_intent_memo_changed (memo, e));
  g_assert_null (e->descriptors[0]);
  g_assert_false (vitrine_cache_intent_memo_changed (memo, e));
  g_assert_true (vitrine_cache_intent_memo_changed (memo, a));
  /* Concatenations do not collide: {"ab"} is not {"a", "b"}. */
  g_assert_true (vitrine_cache_intent_memo_changed (memo, f));
  g_assert_true (vitrine_cache_intent_memo_changed (memo, g));
}

typedef struct
{
  const char          *name;
  const char          *requested[6];
  VitrineCacheEntryMeta entries[6];
  guint                n_entries;
  const char          *wanted;
  /* Space-separated, sorted. */
  const char          *cached;
  const char          *current;
  const char          *missing;
  const char          *stale;
  const char          *extraneous;
} DiffCase;

static const DiffCase diff_cases[] = {
  { "both empty", { NULL }, { { 0 } }, 0, "r1", "", "", "", "", "" },
  { "nothing cached", { "b", "a", NULL }, { { 0 } }, 0, "r1", "", "", "a b", "", "" },
  { "nothing requested", { NULL }, { { "a", "r1" }, { "b", "r0" } }, 2, "r1", "a b", "", "", "", "a b" },
  { "all current", { "a", "b", NULL }, { { "b", "r1" }, { "a", "r1" } }, 2, "r1", "a b", "a b", "", "", "" },
  { "all stale", { "a", "b", NULL }, { { "a", "r0" }, { "b", "r2" } }, 2, "r1", "a b", "", "", "a b", "" },
  { "mixed", { "a", "b", "c", NULL }, { { "a", "r1" }, { "b", "r0" }, { "d", "r1" } }, 3, "r1",
    "a b d", "a", "c", "b", "d" },
  { "NULL revision is stale", { "a", "b", NULL }, { { "a", NULL }, { "b", "r1" } }, 2, "r1",
    "a b", "b", "", "a", "" },
  { "profile gone: nothing current", { "a", "b", NULL }, { { "a", "r1" } }, 1, NULL,
    "a", "", "b", "a", "" },
  { "repeats in requested", { "a", "a", "b", "a", NULL }, { { "a", "r1" } }, 1, "r1",
    "a", "a", "b", "", "" },
  { "a descriptor cached twice, one current", { "a", NULL }, { { "a", "r0" }, { "a", "r1" } }, 2, "r1",
    "a", "a", "", "", "" },
  { "a descriptor cached twice, both stale", { "a", NULL }, { { "a", "r0" }, { "a", NULL } }, 2, "r1",
    "a", "", "", "a", "" },
  { "extraneous repeats", { NULL }, { { "z", "r1" }, { "z", "r0" } }, 2, "r1", "z", "", "", "", "z" },
  { "entry without descriptor ignored", { "a", NULL }, { { NULL, "r1" }, { "a", "r1" } }, 2, "r1",
    "a", "a", "", "", "" },
  { "revision compared exactly", { "a", NULL }, { { "a", "R1" } }, 1, "r1", "a", "", "", "a", "" },
};

static char *
join (GStrv strv)
{
  return g_strjoinv (" ", strv);
}

static void
assert_list (const char *name,
             const char *what,
             GStrv       actual,
             const char *expected)
{
  g_autofree char *joined = join (actual);

  if (g_strcmp0 (joined, expected) != 0)
    g_error ("%s: %s is \"%s\", expected \"%s\"", name, what, joined, expected);
}

static void
test_diff_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (diff_cases); i++)
    {
      const DiffCase *c = &diff_cases[i];
      g_autoptr(VitrineCacheDiff) diff =
        vitrine_cache_diff_compute (c->requested, c->entries, c->n_entries, c->wanted);

      assert_list (c->name, "cached", diff->cached, c->cached);
      assert_list (c->name, "current", diff->current, c->current);
      assert_list (c->name, "missing", diff->missing, c->missing);
      assert_list (c->name, "stale", diff->stale, c->stale);
      assert_list (c->name, "extraneous", diff->extraneous, c->extraneous);
      /* requested is current + missing + stale, each once. */
      g_assert_cmpuint (g_strv_length (diff->requested), ==,
                        g_strv_length (diff->current) + g_strv_length (diff->missing)
                        + g_strv_length (diff->stale));
      g_assert_cmpuint (vitrine_cache_diff_pending (diff), ==,
                        g_strv_length (diff->missing) + g_strv_length (diff->stale));
      g_assert_true (vitrine_cache_diff_is_empty (diff) == (vitrine_cache_diff_pending (diff) == 0));
      for (guint d = 0; diff->current[d] != NULL; d++)
        g_assert_cmpint (vitrine_cache_diff_status (diff, diff->current[d]), ==, VITRINE_CACHE_STATUS_CURRENT);
      for (guint d = 0; diff->missing[d] != NULL; d++)
        g_assert_cmpint (vitrine_cache_diff_status (diff, diff->missing[d]), ==, VITRINE_CACHE_STATUS_MISSING);
      for (guint d = 0; diff->stale[d] != NULL; d++)
        g_assert_cmpint (vitrine_cache_diff_status (diff, diff->stale[d]), ==, VITRINE_CACHE_STATUS_STALE);
      for (guint d = 0; diff->extraneous[d] != NULL; d++)
        g_assert_cmpint (vitrine_cache_diff_status (diff, diff->extraneous[d]), ==,
                         VITRINE_CACHE_STATUS_EXTRANEOUS);
    }
}

/* Large lists sort and answer by binary search: every one of 500 descriptors. */
static void
test_diff_large (void)
{
  g_autoptr(GPtrArray) requested = g_ptr_array_new_with_free_func (g_free);
  g_autofree VitrineCacheEntryMeta *entries = g_new0 (VitrineCacheEntryMeta, 500);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VitrineCacheDiff) diff = NULL;

  for (guint i = 0; i < 500; i++)
    {
      g_ptr_array_add (names, g_strdup_printf ("/p/%03u.jpg|scaled:1280x720", 499 - i));
      entries[i].descriptor = names->pdata[i];
      entries[i].revision = i % 3 == 0 ? "old" : "new";
      if (i % 5 != 0)
        g_ptr_array_add (requested, g_strdup (names->pdata[i]));
    }
  g_ptr_array_add (requested, g_strdup ("/p/new.jpg|scaled:1280x720"));
  g_ptr_array_add (requested, NULL);
  diff = vitrine_cache_diff_compute ((const char * const *) requested->pdata, entries, 500, "new");
  g_assert_cmpuint (g_strv_length (diff->missing), ==, 1);
  g_assert_cmpuint (g_strv_length (diff->extraneous), ==, 100);
  /* i % 3 == 0 and i % 5 != 0 over 0..499: 167 - 34. */
  g_assert_cmpuint (g_strv_length (diff->stale), ==, 133);
  g_assert_cmpuint (g_strv_length (diff->current), ==, 400 - 133);
  for (guint i = 0; i < 500; i++)
    g_assert_cmpint (vitrine_cache_diff_status (diff, names->pdata[i]), ==,
                     i % 5 == 0 ? VITRINE_CACHE_STATUS_EXTRANEOUS
                     : i % 3 == 0 ? VITRINE_CACHE_STATUS_STALE : VITRINE_CACHE_STATUS_CURRENT);
  for (guint i = 1; diff->current[i] != NULL; i++)
    g_assert_cmpstr (diff->current[i - 1], <, diff->current[i]);
}

static void
test_status_names (void)
{
  g_assert_cmpstr (vitrine_cache_status_to_string (VITRINE_CACHE_STATUS_CURRENT), ==, "current");
  g_assert_cmpstr (vitrine_cache_status_to_string (VITRINE_CACHE_STATUS_MISSING), ==, "missing");
  g_assert_cmpstr (vitrine_cache_status_to_string (VITRINE_CACHE_STATUS_STALE), ==, "stale");
  g_assert_cmpstr (vitrine_cache_status_to_string (VITRINE_CACHE_STATUS_EXTRANEOUS), ==, "extraneous");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Intents emit once per change; diffs sort every descriptor into one status.");
  g_test_add_func ("/Cache/Intent/memo-same", test_memo_same);
  g_test_add_func ("/Cache/Intent/memo-changed", test_memo_changed);
  g_test_add_func ("/Cache/Diff/table", test_diff_table);
  g_test_add_func ("/Cache/Diff/large", test_diff_large);
  g_test_add_func ("/Cache/Diff/status-names", test_status_names);
  return g_test_run ();
}
