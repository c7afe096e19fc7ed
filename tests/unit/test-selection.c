/* test-selection.c: shuffle cycles without repeats, history, look-ahead, and files that
 * come and go while the slideshow runs.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-selection.h"

static VitrineSelection *
with_files (guint    n,
            guint32  seed)
{
  VitrineSelection *s = vitrine_selection_new (seed);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/photos/%03u.jpg", i);

      g_assert_true (vitrine_selection_add (s, path));
    }
  return s;
}

static void
test_cycles (void)
{
  g_autoptr(VitrineSelection) s = with_files (25, 7);
  g_autofree char *previous = NULL;
  g_autofree char *first_order = NULL;
  g_autoptr(GString) order = g_string_new (NULL);

  g_assert_false (vitrine_selection_add (s, "/photos/003.jpg"));
  for (guint cycle = 0; cycle < 4; cycle++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      g_string_truncate (order, 0);
      for (guint i = 0; i < 25; i++)
        {
          const char *path = vitrine_selection_next (s);

          /* Each file once per cycle, and never the same twice in a row across cycles. */
          g_assert_true (g_hash_table_add (seen, g_strdup (path)));
          g_assert_cmpstr (path, !=, previous);
          g_free (previous);
          previous = g_strdup (path);
          g_string_append (order, path);
        }
      g_assert_cmpuint (g_hash_table_size (seen), ==, 25);
      if (cycle == 0)
        first_order = g_strdup (order->str);
    }
  /* Shuffled: the cycles do not all come in the same order. */
  g_assert_cmpstr (order->str, !=, first_order);
}

static void
test_seeded (void)
{
  g_autoptr(VitrineSelection) a = with_files (50, 42);
  g_autoptr(VitrineSelection) b = with_files (50, 42);
  g_autoptr(VitrineSelection) c = with_files (50, 43);
  guint same_as_c = 0;

  for (guint i = 0; i < 120; i++)
    {
      const char *pa = vitrine_selection_next (a);

      g_assert_cmpstr (pa, ==, vitrine_selection_next (b));
      same_as_c += g_str_equal (pa, vitrine_selection_next (c));
    }
  g_assert_cmpuint (same_as_c, <, 60);
}

static void
test_in_order (void)
{
  g_autoptr(VitrineSelection) s = with_files (3, 1);

  vitrine_selection_set_shuffle (s, FALSE);
  g_assert_cmpstr (vitrine_selection_next (s), ==, "/photos/000.jpg");
  g_assert_cmpstr (vitrine_selection_next (s), ==, "/photos/001.jpg");
  g_assert_cmpstr (vitrine_selection_next (s), ==, "/photos/002.jpg");
  g_assert_cmpstr (vitrine_selection_next (s), ==, "/photos/000.jpg");
}

static void
test_history (void)
{
  g_autoptr(VitrineSelection) s = with_files (10, 3);
  const char *shown[5];

  g_assert_null (vitrine_selection_get_current (s));
  g_assert_null (vitrine_selection_previous (s));
  for (guint i = 0; i < 5; i++)
    shown[i] = vitrine_selection_next (s);

  /* Back three, forward two: the same files, in the same order. */
  g_assert_cmpstr (vitrine_selection_previous (s), ==, shown[3]);
  g_assert_cmpstr (vitrine_selection_previous (s), ==, shown[2]);
  g_assert_cmpstr (vitrine_selection_previous (s), ==, shown[1]);
  g_assert_cmpstr (vitrine_selection_get_current (s), ==, shown[1]);
  g_assert_cmpstr (vitrine_selection_peek (s, 0), ==, shown[2]);
  g_assert_cmpstr (vitrine_selection_next (s), ==, shown[2]);
  g_assert_cmpstr (vitrine_selection_next (s), ==, shown[3]);
  g_assert_cmpstr (vitrine_selection_previous (s), ==, shown[2]);
  g_assert_cmpstr (vitrine_selection_previous (s), ==, shown[1]);
  g_assert_cmpstr (vitrine_selection_previous (s), ==, shown[0]);
  g_assert_null (vitrine_selection_previous (s));
  g_assert_cmpstr (vitrine_selection_get_current (s), ==, shown[0]);
}

static void
test_peek (void)
{
  g_autoptr(VitrineSelection) s = with_files (20, 9);
  g_autofree char *ahead0 = NULL, *ahead1 = NULL, *ahead2 = NULL;

  vitrine_selection_next (s);
  /* The look-ahead is exactly what comes next: prefetching is never wasted. */
  ahead2 = g_strdup (vitrine_selection_peek (s, 2));
  ahead0 = g_strdup (vitrine_selection_peek (s, 0));
  ahead1 = g_strdup (vitrine_selection_peek (s, 1));
  g_assert_cmpstr (vitrine_selection_next (s), ==, ahead0);
  g_assert_cmpstr (vitrine_selection_next (s), ==, ahead1);
  g_assert_cmpstr (vitrine_selection_next (s), ==, ahead2);

  /* Peeking into an empty selection gives nothing. */
  {
    g_autoptr(VitrineSelection) empty = vitrine_selection_new (1);

    g_assert_null (vitrine_selection_peek (empty, 0));
    g_assert_null (vitrine_selection_next (empty));
  }
}

static void
test_changes (void)
{
  g_autoptr(VitrineSelection) s = with_files (4, 5);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *first = vitrine_selection_next (s);
  g_autofree char *first_copy = g_strdup (first);

  /* A file that arrives mid-cycle is shown within that cycle. */
  vitrine_selection_add (s, "/photos/new/late.jpg");
  g_hash_table_add (seen, first_copy);
  for (guint i = 0; i < 4; i++)
    g_hash_table_add (seen, (gpointer) g_intern_string (vitrine_selection_next (s)));
  g_assert_true (g_hash_table_contains (seen, "/photos/new/late.jpg"));
  g_assert_cmpuint (g_hash_table_size (seen), ==, 5);

  /* Removing a folder removes everything under it, and nothing beside it. */
  vitrine_selection_add (s, "/photos/new/later.jpg");
  vitrine_selection_add (s, "/photos/newer.jpg");
  g_assert_cmpuint (vitrine_selection_remove (s, "/photos/new/"), ==, 2);
  g_assert_true (vitrine_selection_contains (s, "/photos/newer.jpg"));
  g_assert_cmpuint (vitrine_selection_get_size (s), ==, 5);

  /* Removed files are skipped in the history and never picked again. */
  g_assert_cmpuint (vitrine_selection_remove (s, first_copy), ==, 1);
  for (guint i = 0; i < 30; i++)
    {
      const char *path = vitrine_selection_next (s);

      g_assert_cmpstr (path, !=, first_copy);
      g_assert_false (g_str_has_prefix (path, "/photos/new/"));
    }
  while (vitrine_selection_previous (s) != NULL)
    g_assert_cmpstr (vitrine_selection_get_current (s), !=, first_copy);

  /* Down to one file: it repeats rather than leaving the display empty. */
  {
    g_autoptr(VitrineSelection) one = with_files (1, 1);

    g_assert_cmpstr (vitrine_selection_next (one), ==, "/photos/000.jpg");
    g_assert_cmpstr (vitrine_selection_next (one), ==, "/photos/000.jpg");
    vitrine_selection_remove (one, "/photos/000.jpg");
    g_assert_null (vitrine_selection_next (one));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Selection/cycles", test_cycles);
  g_test_add_func ("/Selection/seeded", test_seeded);
  g_test_add_func ("/Selection/in-order", test_in_order);
  g_test_add_func ("/Selection/history", test_history);
  g_test_add_func ("/Selection/peek", test_peek);
  g_test_add_func ("/Selection/changes", test_changes);

  return g_test_run ();
}
