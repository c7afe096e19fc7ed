/* vitrine-feed-mirror-index.c: the feed mirror as a cache (docs/caches.md). A feed folder's
 * name is a hash of its feed's URL and a file's a hash of its image's URL, so neither can
 * be read back: each folder keeps an index.ini, a key file with the feed's URL ([feed]
 * url) and each file's image URL ([files] NAME=URL), rewritten atomically when a file is
 * mirrored or forgotten. Folders mirrored before the index have none until their feed
 * mirrors again; their files are listed without URLs.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine-cache-revisions.h"
#include "vitrine-feed-mirror.h"

#define INDEX_NAME "index.ini"
#define FOLDER_CHARS 16
/* An index larger than this is not read: a feed keeps far fewer files. */
#define INDEX_MAX_BYTES (4 * 1024 * 1024)

/* Request threads may mirror at once: one index write at a time. */
static GMutex index_lock;

static GKeyFile *
load_index (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, INDEX_NAME, NULL);
  GKeyFile *index = g_key_file_new ();
  GStatBuf st;

  if (g_stat (path, &st) == 0 && st.st_size <= INDEX_MAX_BYTES)
    g_key_file_load_from_file (index, path, G_KEY_FILE_NONE, NULL);
  return index;
}

static void
save_index (const char *dir,
            GKeyFile   *index)
{
  g_autofree char *path = g_build_filename (dir, INDEX_NAME, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_key_file_save_to_file (index, path, &error))
    g_message ("feeds: cannot write %s: %s", path, error->message);
}

/* Drops the entries of files that are gone (pruned). */
static void
drop_gone (const char *dir,
           GKeyFile   *index)
{
  g_auto(GStrv) names = g_key_file_get_keys (index, "files", NULL, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (!vitrine_feed_mirror_is_file_name (names[i]) || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_key_file_remove_key (index, "files", names[i], NULL);
    }
}

/* @name in @dir (a feed folder) holds @image_url of @feed_url. */
void
vitrine_feed_mirror_index_note (const char *dir,
                                const char *feed_url,
                                const char *name,
                                const char *image_url)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&index_lock);
  g_autoptr(GKeyFile) index = load_index (dir);
  g_autofree char *known_feed = g_key_file_get_string (index, "feed", "url", NULL);
  g_autofree char *known = g_key_file_get_string (index, "files", name, NULL);

  if (g_strcmp0 (known_feed, feed_url) == 0 && g_strcmp0 (known, image_url) == 0)
    return;
  g_key_file_set_string (index, "feed", "url", feed_url);
  g_key_file_set_string (index, "files", name, image_url);
  drop_gone (dir, index);
  save_index (dir, index);
}

void
vitrine_mirror_entry_free (VitrineMirrorEntry *entry)
{
  g_free (entry->folder);
  g_free (entry->feed_url);
  g_free (entry->image_url);
  g_free (entry->path);
  g_free (entry->revision);
  g_free (entry);
}

static gboolean
is_folder_name (const char *name)
{
  if (strlen (name) != FOLDER_CHARS)
    return FALSE;
  for (const char *c = name; *c != '\0'; c++)
    if (!g_ascii_isxdigit (*c) || g_ascii_isupper (*c))
      return FALSE;
  return TRUE;
}

static void
list_folder (GPtrArray  *entries,
             const char *root,
             const char *folder)
{
  g_autofree char *dir_path = g_build_filename (root, folder, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GKeyFile) index = NULL;
  g_autofree char *feed_url = NULL;
  const char *name;

  if (dir == NULL)
    return;
  index = load_index (dir_path);
  feed_url = g_key_file_get_string (index, "feed", "url", NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      const char *ext;
      VitrineMirrorEntry *entry;
      GStatBuf st;

      if (!vitrine_feed_mirror_is_file_name (name))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_lstat (path, &st) < 0 || !S_ISREG (st.st_mode))
        continue;
      ext = vitrine_feed_mirror_probe (path);
      entry = g_new0 (VitrineMirrorEntry, 1);
      entry->folder = g_strdup (folder);
      entry->feed_url = g_strdup (feed_url);
      entry->image_url = g_key_file_get_string (index, "files", name, NULL);
      entry->path = g_steal_pointer (&path);
      entry->mtime = st.st_mtime;
      entry->size = (guint64) st.st_size;
      /* The name says what the probe let in; a file it refuses now is stale. */
      entry->revision = g_strdup (ext != NULL && g_str_equal (strchr (name, '.') + 1, ext)
                                    ? VITRINE_CACHE_MIRROR_REVISION : "unreadable");
      g_ptr_array_add (entries, entry);
    }
}

static int
by_path (gconstpointer a,
         gconstpointer b)
{
  return strcmp ((*(VitrineMirrorEntry * const *) a)->path, (*(VitrineMirrorEntry * const *) b)->path);
}

/* Every file of every feed folder under @root (not the album art), sorted by path
 * (VitrineMirrorEntry); configured feeds or not. */
GPtrArray *
vitrine_feed_mirror_list_all (const char *root)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_mirror_entry_free);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (is_folder_name (name))
      list_folder (entries, root, name);
  g_ptr_array_sort (entries, by_path);
  return entries;
}

/* @path names a mirrored file (or one gone) in a feed folder right under @real_root. */
static gboolean
is_mirror_file (const char *real_root,
                const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *real_dir = realpath (dir, NULL);
  g_autofree char *folder = real_dir != NULL ? g_path_get_basename (real_dir) : NULL;
  g_autofree char *parent = real_dir != NULL ? g_path_get_dirname (real_dir) : NULL;
  GStatBuf st;

  if (!g_path_is_absolute (path) || real_dir == NULL || !g_str_equal (parent, real_root) ||
      !is_folder_name (folder) || !vitrine_feed_mirror_is_file_name (name))
    return FALSE;
  /* Gone already (pruned, forgotten by another request): nothing to refuse. */
  if (g_lstat (path, &st) < 0)
    return errno == ENOENT;
  return S_ISREG (st.st_mode);
}

/*
 * Removes @paths, each a mirrored file of a feed folder, and their index entries. Any
 * other path (outside the mirror, the art, an index, a folder, a link) refuses the whole
 * request: nothing is removed. A file already gone counts as removed by someone else.
 */
gboolean
vitrine_feed_mirror_forget (const char         *root,
                            const char * const *paths,
                            guint              *removed,
                            GError            **error)
{
  g_autofree char *real_root = realpath (root, NULL);

  *removed = 0;
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      if (real_root == NULL || !is_mirror_file (real_root, paths[i]))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED, "%s is not a file of the feed mirror",
                       paths[i]);
          return FALSE;
        }
    }
  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&index_lock);
      g_autofree char *dir = g_path_get_dirname (paths[i]);
      g_autoptr(GKeyFile) index = NULL;

      if (g_unlink (paths[i]) == 0)
        (*removed)++;
      index = load_index (dir);
      drop_gone (dir, index);
      if (g_key_file_has_group (index, "feed"))
        save_index (dir, index);
    }
  return TRUE;
}
