/* test-folder-scan.c: the image worker's folder scanning and watching, on trees the test
 * builds: hidden entries, symlink loops, a folder reached twice, special files, 10,000
 * files in batches, and files added, renamed and removed while watched.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vitrine-folder-scan.h"
#include "vitrine-test-util.h"

static const VitrineScanBudget everything = { G_MAXUINT, G_MAXSIZE, G_MAXINT64 };

static void
touch (const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
}

static char *
make_dir (const char *parent,
          const char *name)
{
  char *path = g_build_filename (parent, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Base names of @files, sorted, joined by spaces. */
static char *
names (GPtrArray *files)
{
  g_autoptr(GPtrArray) base = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (base, g_path_get_basename (files->pdata[i]));
  g_ptr_array_sort (base, compare_strings);
  g_ptr_array_add (base, NULL);
  return g_strjoinv (" ", (char **) base->pdata);
}

static void
test_tree (void)
{
  g_autofree char *root = g_dir_make_tmp ("vitrine-scan-XXXXXX", NULL);
  g_autofree char *sub = make_dir (root, "sub");
  g_autofree char *hidden = make_dir (root, ".hidden-folder");
  g_autofree char *deep = make_dir (sub, "deeper");
  g_autofree char *loop = g_build_filename (sub, "loop", NULL);
  g_autofree char *twice = g_build_filename (root, "sub-again", NULL);
  g_autofree char *fifo = g_build_filename (root, "pipe.jpg", NULL);
  g_autofree char *dangling = g_build_filename (root, "gone.jpg", NULL);
  g_autofree char *missing = g_build_filename (root, "no-such-folder", NULL);
  g_autofree char *file_root = g_build_filename (root, "a.jpg", NULL);

  touch (root, "a.jpg");
  touch (root, "B.PNG");
  touch (root, ".secret.jpg");
  touch (root, "notes.txt");
  touch (root, "icon.ico");
  touch (root, "noextension");
  touch (hidden, "inside-hidden.jpg");
  touch (sub, "c.gif");
  touch (deep, "d.webp");
  g_assert_cmpint (symlink (root, loop), ==, 0);
  g_assert_cmpint (symlink (sub, twice), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_cmpint (symlink ("nowhere.jpg", dangling), ==, 0);

  {
    const char *roots[] = { root, missing, file_root, NULL };
    g_autoptr(VitrineFolderScan) scan = vitrine_folder_scan_new (roots, TRUE);
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) problems = NULL;
    g_autofree char *found = NULL;

    g_assert_true (vitrine_folder_scan_next (scan, &everything, files, NULL));
    found = names (files);
    /* The loop back to the root and the second way into sub add nothing twice. */
    g_assert_cmpstr (found, ==, "B.PNG a.jpg c.gif d.webp");
    g_assert_cmpuint (vitrine_folder_scan_get_n_dirs (scan), ==, 3);

    problems = vitrine_folder_scan_take_problems (scan);
    g_assert_cmpuint (problems->len, ==, 2);
    g_assert_true (g_str_has_prefix (problems->pdata[0], missing));
    g_assert_true (g_str_has_suffix (problems->pdata[1], "a.jpg: not a folder"));
  }
  {
    const char *roots[] = { root, NULL };
    g_autoptr(VitrineFolderScan) scan = vitrine_folder_scan_new (roots, FALSE);
    g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *found = NULL;

    g_assert_true (vitrine_folder_scan_next (scan, &everything, files, NULL));
    found = names (files);
    g_assert_cmpstr (found, ==, "B.PNG a.jpg");
  }

  vt_remove_tree (root);
}

static void
test_batches (void)
{
  g_autofree char *root = g_dir_make_tmp ("vitrine-scan-XXXXXX", NULL);
  const char *roots[] = { root, NULL };
  const VitrineScanBudget budget = { 512, G_MAXSIZE, G_MAXINT64 };
  const VitrineScanBudget small_bytes = { G_MAXUINT, 4096, G_MAXINT64 };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(VitrineFolderScan) scan = NULL;
  g_autoptr(VitrineFolderScan) scan2 = NULL;
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  guint batches = 0;
  gboolean done = FALSE;

  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/%02u", root, i % 50);
      g_autofree char *name = g_strdup_printf ("%05u.jpg", i);

      g_mkdir_with_parents (dir, 0700);
      touch (dir, name);
    }

  scan = vitrine_folder_scan_new (roots, TRUE);
  while (!done)
    {
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

      done = vitrine_folder_scan_next (scan, &budget, files, NULL);
      g_assert_cmpuint (files->len, <=, 512);
      /* Streamed: the first batch arrives long before the tree is done. */
      if (batches == 0)
        {
          g_assert_false (done);
          g_assert_cmpuint (files->len, ==, 512);
        }
      for (guint i = 0; i < files->len; i++)
        g_assert_true (g_hash_table_add (seen, g_steal_pointer (&files->pdata[i])));
      batches++;
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 10000);
  g_assert_cmpuint (batches, >=, 10000 / 512);

  /* The byte limit holds as well: a 4 KiB budget stops after one path past it. */
  scan2 = vitrine_folder_scan_new (roots, TRUE);
  g_assert_false (vitrine_folder_scan_next (scan2, &small_bytes, first, NULL));
  g_assert_cmpuint (first->len, >, 10);
  g_assert_cmpuint (first->len, <, 4096 / 20);

  vt_remove_tree (root);
}

typedef struct
{
  GPtrArray *added;
  GPtrArray *removed;
} Changes;

/* Collects changes until @want_added and @want_removed name them all, or 10 s pass. */
static void
collect (VitrineFolderScan *scan,
         Changes           *changes,
         const char        *want_added,
         const char        *want_removed)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_autofree char *added = NULL, *removed = NULL;

      while (g_main_context_iteration (NULL, FALSE));
      vitrine_folder_scan_take_changes (scan, &everything, changes->added, changes->removed);
      added = names (changes->added);
      removed = names (changes->removed);
      if (g_str_equal (added, want_added) && g_str_equal (removed, want_removed))
        return;
      g_usleep (20 * 1000);
    }
  g_error ("changes: added “%s”, removed “%s”; wanted “%s” and “%s”",
           names (changes->added), names (changes->removed), want_added, want_removed);
}

static void
test_watch (void)
{
  g_autofree char *root = g_dir_make_tmp ("vitrine-scan-XXXXXX", NULL);
  g_autofree char *sub = make_dir (root, "sub");
  g_autofree char *old_name = g_build_filename (sub, "old.jpg", NULL);
  g_autofree char *new_name = g_build_filename (sub, "renamed.jpg", NULL);
  g_autofree char *doomed = g_build_filename (root, "doomed.png", NULL);
  const char *roots[] = { root, NULL };
  g_autoptr(VitrineFolderScan) scan = vitrine_folder_scan_new (roots, TRUE);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  Changes changes = {
    g_ptr_array_new_with_free_func (g_free),
    g_ptr_array_new_with_free_func (g_free),
  };

  touch (sub, "old.jpg");
  touch (root, "doomed.png");
  g_assert_true (vitrine_folder_scan_next (scan, &everything, files, NULL));
  g_assert_cmpuint (files->len, ==, 2);
  vitrine_folder_scan_watch (scan);

  /* A new image, a new text file (ignored), a hidden file (ignored), a new folder with an
   * image that was there before the folder was watched, a rename and a removal. */
  touch (root, "new.jpg");
  touch (root, "readme.txt");
  touch (root, ".hidden.jpg");
  {
    g_autofree char *staged = g_dir_make_tmp ("vitrine-stage-XXXXXX", NULL);
    g_autofree char *dest = g_build_filename (root, "album", NULL);

    touch (staged, "inside.jpg");
    g_assert_cmpint (g_rename (staged, dest), ==, 0);
  }
  g_assert_cmpint (g_rename (old_name, new_name), ==, 0);
  g_assert_cmpint (g_unlink (doomed), ==, 0);

  collect (scan, &changes, "inside.jpg new.jpg renamed.jpg", "doomed.png old.jpg");

  /* And the new folder is watched in turn. */
  g_ptr_array_set_size (changes.added, 0);
  g_ptr_array_set_size (changes.removed, 0);
  {
    g_autofree char *album = g_build_filename (root, "album", NULL);

    touch (album, "later.jpg");
  }
  collect (scan, &changes, "later.jpg", "");

  /* A removed folder is reported itself, so the display drops everything under it. */
  g_ptr_array_set_size (changes.added, 0);
  g_ptr_array_set_size (changes.removed, 0);
  {
    g_autofree char *album = g_build_filename (root, "album", NULL);

    vt_remove_tree (album);
  }
  collect (scan, &changes, "", "album inside.jpg later.jpg");

  g_ptr_array_unref (changes.added);
  g_ptr_array_unref (changes.removed);
  vt_remove_tree (root);
}

/* The image worker's budget for a reply (vitrine-image-worker.c). */
static const VitrineScanBudget reply_budget = { 512, 40 * 1024, 50 * 1000 };

/* Bytes a batch of paths costs in a reply, as the scan counts them. */
static gsize
batch_bytes (GPtrArray *paths,
             guint      from)
{
  gsize bytes = 0;

  for (guint i = from; i < paths->len; i++)
    bytes += strlen (paths->pdata[i]) + 8;
  return bytes;
}

/*
 * Hundreds of files arriving between two polls come back in pages within the reply
 * budget, like scan batches, and every one of them arrives: the worker's "changes" reply
 * must stay under the image role's 64 KiB cap.
 */
static void
test_changes_paged (void)
{
  g_autofree char *root = g_dir_make_tmp ("vitrine-scan-XXXXXX", NULL);
  const char *roots[] = { root, NULL };
  g_autoptr(VitrineFolderScan) scan = vitrine_folder_scan_new (roots, TRUE);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const guint n = 2000;
  guint pages = 0;
  gboolean more = TRUE;
  gint64 end;

  touch (root, "first.jpg");
  g_assert_true (vitrine_folder_scan_next (scan, &everything, files, NULL));
  vitrine_folder_scan_watch (scan);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("holiday-%04u-a-rather-long-name-as-cameras-and-phones-make.jpg", i);

      touch (root, name);
    }
  /* Let every event arrive before the first poll, as within the display's 2 s. */
  end = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE));
      g_usleep (10 * 1000);
    }

  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((more || g_hash_table_size (seen) < n) && g_get_monotonic_time () < end)
    {
      guint before = added->len;

      /* While pages are waiting they come without the main loop: only late events wait. */
      if (!more)
        {
          while (g_main_context_iteration (NULL, FALSE));
          g_usleep (10 * 1000);
        }
      more = vitrine_folder_scan_take_changes (scan, &reply_budget, added, removed);
      g_assert_cmpuint (added->len - before, <=, reply_budget.max_files);
      g_assert_cmpuint (batch_bytes (added, before), <=, reply_budget.max_bytes);
      for (guint i = before; i < added->len; i++)
        g_hash_table_add (seen, added->pdata[i]);
      pages += added->len > before;
    }
  g_assert_false (more);
  g_assert_cmpuint (g_hash_table_size (seen), ==, n);
  g_assert_cmpuint (removed->len, ==, 0);
  g_assert_cmpuint (pages, >=, 2);

  vt_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/FolderScan/tree", test_tree);
  g_test_add_func ("/FolderScan/batches", test_batches);
  g_test_add_func ("/FolderScan/watch", test_watch);
  g_test_add_func ("/FolderScan/changes-paged", test_changes_paged);

  return g_test_run ();
}
