/* vitrine-folder-scan.c: batched folder scanning and watching (see the header).
 *
 * Directories are walked breadth first with one enumerator open at a time. Symbolic links
 * are followed, and a directory reached twice (same device and inode) is skipped, which
 * ends symlink loops. Hidden files and folders are skipped. A file counts as an image when
 * its extension belongs to an installed GdkPixbuf loader; the decoder checks the content's
 * signature before it trusts a byte.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "vitrine-folder-scan.h"

#define ATTRIBUTES G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE "," \
                   G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN "," G_FILE_ATTRIBUTE_UNIX_DEVICE "," \
                   G_FILE_ATTRIBUTE_UNIX_INODE

struct _VitrineFolderScan
{
  gboolean          recursive;
  GQueue            pending;       /* GFile: directories still to list */
  GFileEnumerator  *enumerator;
  GFile            *current;
  GHashTable       *visited;       /* "device:inode" of every directory seen */
  GPtrArray        *dirs;          /* GFile: directories listed */
  GPtrArray        *problems;      /* char*: folders that could not be read, and why */
  gboolean          transient;     /* one of them for a reason of the moment (EMFILE) */

  /* Shared with the monitors' callbacks on the main context. */
  GMutex            lock;
  gboolean          watching;
  GPtrArray        *monitors;
  GHashTable       *dir_paths;     /* paths of the folders listed */
  GPtrArray        *added;         /* char*: files that appeared */
  GPtrArray        *removed;       /* char*: files or folders that went away */
  GPtrArray        *new_dirs;      /* GFile: folders that appeared */
};

/* A folder that could not be read, and why. */
static void
add_problem (VitrineFolderScan *scan,
             const char        *path,
             const GError      *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES))
    scan->transient = TRUE;
  g_ptr_array_add (scan->problems, g_strdup_printf ("%s: %s", path, error->message));
}

/* Loaders for icons and bitmaps of the desktop, not photos. */
static const char *const skipped_formats[] = { "ico", "ani", "icns", "qtif", "xbm", "xpm", "svg", NULL };

static GHashTable *
image_extensions (void)
{
  static gsize extensions;

  if (g_once_init_enter (&extensions))
    {
      GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

      for (GSList *l = formats; l != NULL; l = l->next)
        {
          g_autofree char *name = gdk_pixbuf_format_get_name (l->data);
          g_auto(GStrv) exts = NULL;

          if (g_strv_contains (skipped_formats, name))
            continue;
          exts = gdk_pixbuf_format_get_extensions (l->data);
          for (guint i = 0; exts[i] != NULL; i++)
            g_hash_table_add (set, g_ascii_strdown (exts[i], -1));
        }
      g_once_init_leave (&extensions, (gsize) set);
    }
  return (GHashTable *) extensions;
}

gboolean
vitrine_folder_scan_is_image_name (const char *name)
{
  const char *dot = strrchr (name, '.');
  g_autofree char *ext = NULL;

  if (dot == NULL || dot == name || dot[1] == '\0')
    return FALSE;
  ext = g_ascii_strdown (dot + 1, -1);
  return g_hash_table_contains (image_extensions (), ext);
}

static char *
inode_key (GFileInfo *info)
{
  return g_strdup_printf ("%u:%" G_GUINT64_FORMAT,
                          g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_DEVICE),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE));
}

/* Queues @dir unless it was seen before (a loop, or the same folder listed twice). */
static void
visit (VitrineFolderScan *scan,
       GFile             *dir,
       GFileInfo         *info)
{
  char *key = inode_key (info);

  if (!g_hash_table_add (scan->visited, key))
    return;
  g_queue_push_tail (&scan->pending, g_object_ref (dir));
}

VitrineFolderScan *
vitrine_folder_scan_new (const char * const *roots,
                         gboolean            recursive)
{
  VitrineFolderScan *scan = g_new0 (VitrineFolderScan, 1);

  scan->recursive = recursive;
  g_queue_init (&scan->pending);
  scan->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan->dirs = g_ptr_array_new_with_free_func (g_object_unref);
  scan->problems = g_ptr_array_new_with_free_func (g_free);
  g_mutex_init (&scan->lock);
  scan->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  scan->dir_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan->added = g_ptr_array_new_with_free_func (g_free);
  scan->removed = g_ptr_array_new_with_free_func (g_free);
  scan->new_dirs = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; roots != NULL && roots[i] != NULL; i++)
    {
      g_autoptr(GFile) root = g_file_new_for_path (roots[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GFileInfo) info = g_file_query_info (root, ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                                     NULL, &error);

      if (info == NULL)
        add_problem (scan, roots[i], error);
      else if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
        g_ptr_array_add (scan->problems, g_strdup_printf ("%s: not a folder", roots[i]));
      else
        visit (scan, root, info);
    }
  return scan;
}

void
vitrine_folder_scan_free (VitrineFolderScan *scan)
{
  if (scan == NULL)
    return;

  g_mutex_lock (&scan->lock);
  for (guint i = 0; i < scan->monitors->len; i++)
    {
      g_signal_handlers_disconnect_by_data (scan->monitors->pdata[i], scan);
      g_file_monitor_cancel (scan->monitors->pdata[i]);
    }
  g_mutex_unlock (&scan->lock);

  g_queue_clear_full (&scan->pending, g_object_unref);
  g_clear_object (&scan->enumerator);
  g_clear_object (&scan->current);
  g_hash_table_unref (scan->visited);
  g_ptr_array_unref (scan->dirs);
  g_ptr_array_unref (scan->problems);
  g_ptr_array_unref (scan->monitors);
  g_hash_table_unref (scan->dir_paths);
  g_ptr_array_unref (scan->added);
  g_ptr_array_unref (scan->removed);
  g_ptr_array_unref (scan->new_dirs);
  g_mutex_clear (&scan->lock);
  g_free (scan);
}

/* Called with the lock held: a path the display may know, as an image or a folder. */
static void
add_removed (VitrineFolderScan *scan,
             GFile             *file,
             const char        *name)
{
  char *path = g_file_get_path (file);

  if (vitrine_folder_scan_is_image_name (name) || g_hash_table_contains (scan->dir_paths, path))
    g_ptr_array_add (scan->removed, path);
  else
    g_free (path);
}

/* Runs on the main context, where the monitors were made to deliver. */
static void
monitor_changed_cb (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other,
                    GFileMonitorEvent  event,
                    VitrineFolderScan *scan)
{
  g_autofree char *name = g_file_get_basename (file);
  GFileType type;

  if (name == NULL || name[0] == '.')
    return;

  g_mutex_lock (&scan->lock);
  if (event == G_FILE_MONITOR_EVENT_CREATED || event == G_FILE_MONITOR_EVENT_MOVED_IN)
    {
      type = g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL);
      if (type == G_FILE_TYPE_DIRECTORY && scan->recursive)
        g_ptr_array_add (scan->new_dirs, g_object_ref (file));
      /* A new file counts once it is written (the hint below); a moved one is complete. */
      else if (type == G_FILE_TYPE_REGULAR && event == G_FILE_MONITOR_EVENT_MOVED_IN &&
               vitrine_folder_scan_is_image_name (name))
        g_ptr_array_add (scan->added, g_file_get_path (file));
    }
  else if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT)
    {
      if (vitrine_folder_scan_is_image_name (name) &&
          g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR)
        g_ptr_array_add (scan->added, g_file_get_path (file));
    }
  else if (event == G_FILE_MONITOR_EVENT_RENAMED)
    {
      add_removed (scan, file, name);
      if (other != NULL)
        {
          g_autofree char *other_name = g_file_get_basename (other);

          if (other_name[0] != '.' && vitrine_folder_scan_is_image_name (other_name))
            g_ptr_array_add (scan->added, g_file_get_path (other));
        }
    }
  else if (event == G_FILE_MONITOR_EVENT_DELETED || event == G_FILE_MONITOR_EVENT_MOVED_OUT)
    {
      add_removed (scan, file, name);
    }
  g_mutex_unlock (&scan->lock);
}

/* Called with the lock held. Monitors deliver to the global default main context: the
 * worker's main loop, whichever thread creates them. */
static void
watch_dir (VitrineFolderScan *scan,
           GFile             *dir)
{
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);

  if (monitor == NULL)
    {
      g_autofree char *path = g_file_get_path (dir);

      g_ptr_array_add (scan->problems, g_strdup_printf ("%s: not watched: %s", path, error->message));
      return;
    }
  g_signal_connect (monitor, "changed", G_CALLBACK (monitor_changed_cb), scan);
  g_ptr_array_add (scan->monitors, monitor);
}

/*
 * Adds the paths of the next images to @files until the tree is done or @budget is used
 * up; returns TRUE when nothing is left to list. Unreadable folders become problems.
 */
gboolean
vitrine_folder_scan_next (VitrineFolderScan       *scan,
                          const VitrineScanBudget *budget,
                          GPtrArray               *files,
                          GCancellable            *cancellable)
{
  gint64 start = g_get_monotonic_time ();
  gsize bytes = 0;

  while (files->len < budget->max_files && bytes < budget->max_bytes &&
         g_get_monotonic_time () - start < budget->budget_us &&
         !g_cancellable_is_cancelled (cancellable))
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) error = NULL;
      const char *name;
      GFileType type;

      if (scan->enumerator == NULL)
        {
          g_clear_object (&scan->current);
          scan->current = g_queue_pop_head (&scan->pending);
          if (scan->current == NULL)
            return TRUE;
          scan->enumerator = g_file_enumerate_children (scan->current, ATTRIBUTES,
                                                        G_FILE_QUERY_INFO_NONE, cancellable, &error);
          if (scan->enumerator == NULL)
            {
              g_autofree char *path = g_file_get_path (scan->current);

              add_problem (scan, path, error);
              continue;
            }
          g_ptr_array_add (scan->dirs, g_object_ref (scan->current));
          g_mutex_lock (&scan->lock);
          g_hash_table_add (scan->dir_paths, g_file_get_path (scan->current));
          if (scan->watching)
            watch_dir (scan, scan->current);
          g_mutex_unlock (&scan->lock);
        }

      info = g_file_enumerator_next_file (scan->enumerator, cancellable, &error);
      if (info == NULL)
        {
          if (error != NULL)
            {
              g_autofree char *path = g_file_get_path (scan->current);

              add_problem (scan, path, error);
            }
          g_clear_object (&scan->enumerator);
          continue;
        }

      name = g_file_info_get_name (info);
      if (name[0] == '.' || g_file_info_get_is_hidden (info))
        continue;

      type = g_file_info_get_file_type (info);
      if (type == G_FILE_TYPE_DIRECTORY && scan->recursive)
        {
          g_autoptr(GFile) child = g_file_get_child (scan->current, name);

          visit (scan, child, info);
        }
      else if (type == G_FILE_TYPE_REGULAR && vitrine_folder_scan_is_image_name (name))
        {
          char *path = g_build_filename (g_file_peek_path (scan->current), name, NULL);

          bytes += strlen (path) + 8;
          g_ptr_array_add (files, path);
        }
    }
  return FALSE;
}

/* Whether a folder could not be read for a reason of the moment, not its own: the
 * process was out of descriptors. Such a scan is worth starting over. */
gboolean
vitrine_folder_scan_met_transient (VitrineFolderScan *scan)
{
  return scan->transient;
}

/* The problems met so far, handed over once each. */
GPtrArray *
vitrine_folder_scan_take_problems (VitrineFolderScan *scan)
{
  GPtrArray *problems;

  g_mutex_lock (&scan->lock);
  problems = g_steal_pointer (&scan->problems);
  scan->problems = g_ptr_array_new_with_free_func (g_free);
  g_mutex_unlock (&scan->lock);
  return problems;
}

guint
vitrine_folder_scan_get_n_dirs (VitrineFolderScan *scan)
{
  return scan->dirs->len;
}

/* From now on, report files added to and removed from every folder listed. */
void
vitrine_folder_scan_watch (VitrineFolderScan *scan)
{
  g_mutex_lock (&scan->lock);
  if (!scan->watching)
    {
      scan->watching = TRUE;
      for (guint i = 0; i < scan->dirs->len; i++)
        watch_dir (scan, scan->dirs->pdata[i]);
    }
  g_mutex_unlock (&scan->lock);
}

static void
move_all (GPtrArray *from,
          GPtrArray *to)
{
  gsize n = 0;
  gpointer *items = g_ptr_array_steal (from, &n);

  for (gsize i = 0; i < n; i++)
    g_ptr_array_add (to, items[i]);
  g_free (items);
}

/* What one page of changes has taken so far against its budget. */
typedef struct
{
  GHashTable *seen;    /* paths already on the page: a folder's own monitor and its
                        * parent's report the same one, as do repeated writes */
  guint       count;
  gsize       bytes;
} Page;

static gboolean
page_full (const Page              *page,
           const VitrineScanBudget *budget,
           gsize                    next_bytes)
{
  /* At least one path per page, however long, so that every call makes progress. */
  return page->count > 0 && (page->count >= budget->max_files || page->bytes + next_bytes > budget->max_bytes);
}

/* Moves the paths of @from onto @to while the page has room; the rest stay in @from, in
 * order, for the next page. Paths the page already has are dropped. */
static void
move_within (GPtrArray               *from,
             GPtrArray               *to,
             Page                    *page,
             const VitrineScanBudget *budget)
{
  guint i;

  for (i = 0; i < from->len; i++)
    {
      char *path = from->pdata[i];
      gsize bytes = strlen (path) + 8;

      if (g_hash_table_contains (page->seen, path))
        continue;   /* freed with the range below */
      if (page_full (page, budget, bytes))
        break;
      g_hash_table_add (page->seen, path);
      g_ptr_array_add (to, g_steal_pointer (&from->pdata[i]));
      page->count++;
      page->bytes += bytes;
    }
  g_ptr_array_remove_range (from, 0, i);
}

/* New folders' files listed within what is left of the page; TRUE when all are listed. */
static gboolean
list_new_dirs (VitrineFolderScan       *scan,
               const VitrineScanBudget *budget,
               const Page              *page,
               GPtrArray               *added)
{
  VitrineScanBudget rest = *budget;
  guint before = added->len;
  gboolean listed;

  if (page_full (page, budget, 1))
    return scan->enumerator == NULL && g_queue_is_empty (&scan->pending);
  /* vitrine_folder_scan_next() counts files in @added, bytes only of its own. */
  rest.max_files = (guint) MIN ((guint64) added->len + budget->max_files - page->count, G_MAXUINT);
  rest.max_bytes = budget->max_bytes - page->bytes;
  listed = vitrine_folder_scan_next (scan, &rest, added, NULL);
  /* Scanned paths that a monitor also reported are dropped. */
  for (guint i = before; i < added->len;)
    if (g_hash_table_contains (page->seen, added->pdata[i]))
      g_ptr_array_remove_index (added, i);
    else
      g_hash_table_add (page->seen, added->pdata[i++]);
  return listed;
}

/*
 * What changed since the last call, one page within @budget at a time, like scan batches:
 * files added (including the images inside folders that appeared) and paths removed (a
 * removed folder stands for everything under it). Returns TRUE when more is waiting, so
 * the caller asks again at once.
 */
gboolean
vitrine_folder_scan_take_changes (VitrineFolderScan       *scan,
                                  const VitrineScanBudget *budget,
                                  GPtrArray               *added,
                                  GPtrArray               *removed)
{
  g_autoptr(GPtrArray) new_dirs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  Page page = { seen, 0, 0 };
  gboolean listed, more;

  for (guint i = 0; i < added->len; i++)
    g_hash_table_add (seen, added->pdata[i]);
  for (guint i = 0; i < removed->len; i++)
    g_hash_table_add (seen, removed->pdata[i]);

  g_mutex_lock (&scan->lock);
  move_within (scan->removed, removed, &page, budget);
  move_within (scan->added, added, &page, budget);
  move_all (scan->new_dirs, new_dirs);
  g_mutex_unlock (&scan->lock);

  for (guint i = 0; i < new_dirs->len; i++)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (new_dirs->pdata[i], ATTRIBUTES,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);

      if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        visit (scan, new_dirs->pdata[i], info);
    }
  listed = list_new_dirs (scan, budget, &page, added);

  g_mutex_lock (&scan->lock);
  more = !listed || scan->added->len > 0 || scan->removed->len > 0 || scan->new_dirs->len > 0;
  g_mutex_unlock (&scan->lock);
  return more;
}
