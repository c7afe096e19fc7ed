/* vitrine-feed-mirror.c
 *
 * A file's name is a hash of its image URL plus the extension its signature says, so the
 * same item is downloaded once, and its modification time is when it was mirrored.
 * Listing reads only the feed folders asked about, and only names this file wrote.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <utime.h>

#include "vitrine-feed-mirror.h"
#include "vitrine-image-probe.h"

#define HASH_CHARS 24
#define PROBE_BYTES 4096

G_DEFINE_QUARK (vitrine-mirror-error-quark, vitrine_mirror_error)

static const struct { const char *mime; const char *ext; } formats[] = {
  { "image/jpeg", "jpg" }, { "image/png", "png" }, { "image/gif", "gif" }, { "image/webp", "webp" },
  { "image/tiff", "tiff" }, { "image/bmp", "bmp" }, { "image/avif", "avif" }, { "image/heif", "heif" },
};

static char *
short_hash (const char *text,
            guint       chars)
{
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_strndup (hash, chars);
}

/* Where @feed_url's images live under @root. */
char *
vitrine_feed_mirror_dir (const char *root,
                         const char *feed_url)
{
  g_autofree char *hash = short_hash (feed_url, 16);

  return g_build_filename (root, hash, NULL);
}

/* A name this file writes: 24 hex characters of the URL's hash and an image extension. */
gboolean
vitrine_feed_mirror_is_file_name (const char *name)
{
  const char *dot = strchr (name, '.');

  if (dot == NULL || dot - name != HASH_CHARS)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (dot + 1, formats[i].ext))
      return TRUE;
  return FALSE;
}

/* A mirrored file of @image_url under @dir, whatever its format; NULL when none. */
static char *
find_existing (const char *dir,
               const char *hash)
{
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.%s", hash, formats[i].ext);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

/* The extension @path's signature says, or NULL when it is no image the image worker reads. */
const char *
vitrine_feed_mirror_probe (const char *path)
{
  guint8 head[PROBE_BYTES];
  ssize_t n;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  const char *mime;

  if (fd < 0)
    return NULL;
  n = read (fd, head, sizeof head);
  close (fd);
  mime = n > 0 ? vitrine_image_probe_format (head, (gsize) n) : NULL;
  for (gsize i = 0; mime != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (mime, formats[i].mime))
      return formats[i].ext;
  return NULL;
}

static gboolean
download (VitrineFeedFetcher  *fetcher,
          const char          *image_url,
          const char          *partial,
          VitrineFetchResult  *result,
          GCancellable        *cancellable,
          GError             **error)
{
  g_autoptr(GOutputStream) out = NULL;
  VitrineFetchRequest request = { .url = image_url, .cap = VITRINE_FEED_FETCH_IMAGE_CAP, .no_cache = TRUE };
  int fd = g_open (partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  gboolean ok;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, VITRINE_MIRROR_ERROR, VITRINE_MIRROR_ERROR_IO, "cannot write %s: %s",
                   partial, g_strerror (saved));
      return FALSE;
    }
  out = g_unix_output_stream_new (fd, TRUE);
  request.sink = out;
  ok = vitrine_feed_fetcher_get (fetcher, &request, cancellable, result, error);
  ok = g_output_stream_close (out, NULL, ok ? error : NULL) && ok;
  if (ok && result->not_modified)
    {
      g_set_error (error, VITRINE_FETCH_ERROR, VITRINE_FETCH_ERROR_HTTP, "%s answers 304 unasked", image_url);
      ok = FALSE;
    }
  return ok;
}

/* A copy in the save folder, named after the URL's last segment when it has one. */
static void
save_copy (const char *path,
           const char *image_url,
           const char *save_folder)
{
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *target_path = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (save_folder, 0700) < 0)
    {
      g_message ("feeds: cannot create the save folder %s: %s", save_folder, g_strerror (errno));
      return;
    }
  target_path = g_build_filename (save_folder, name, NULL);
  target = g_file_new_for_path (target_path);
  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_message ("feeds: cannot save %s to %s: %s", image_url, save_folder, error->message);
}

/*
 * Downloads @image_url into @dir and returns its path: a new download, probed to be an
 * image. A body that is no image, too large or broken off leaves nothing behind. With
 * @save_folder, a copy goes there too. @result says the last HTTP answer, for politeness.
 */
static char *
store_in (VitrineFeedFetcher  *fetcher,
          const char          *dir,
          const char          *feed_url,
          const char          *image_url,
          const char          *save_folder,
          VitrineFetchResult  *result,
          GCancellable        *cancellable,
          GError             **error)
{
  g_autofree char *hash = short_hash (image_url, HASH_CHARS);
  g_autofree char *partial_name = g_strdup_printf ("%s.partial", hash);
  g_autofree char *partial = g_build_filename (dir, partial_name, NULL);
  g_autofree char *final = NULL;
  g_autofree char *name = NULL;
  const char *ext;

  *result = (VitrineFetchResult) { .retry_after_s = -1 };
  if (g_mkdir_with_parents (dir, 0700) < 0)
    {
      int saved = errno;

      g_set_error (error, VITRINE_MIRROR_ERROR, VITRINE_MIRROR_ERROR_IO, "cannot create %s: %s",
                   dir, g_strerror (saved));
      return NULL;
    }
  if (!download (fetcher, image_url, partial, result, cancellable, error))
    {
      g_unlink (partial);
      return NULL;
    }
  ext = vitrine_feed_mirror_probe (partial);
  if (ext == NULL)
    {
      g_unlink (partial);
      g_set_error (error, VITRINE_MIRROR_ERROR, VITRINE_MIRROR_ERROR_NOT_AN_IMAGE,
                   "%s is not an image Vitrine reads (served as %s)", image_url,
                   result->content_type != NULL ? result->content_type : "no type");
      return NULL;
    }
  name = g_strdup_printf ("%s.%s", hash, ext);
  final = g_build_filename (dir, name, NULL);
  if (g_rename (partial, final) < 0)
    {
      int saved = errno;

      g_unlink (partial);
      g_set_error (error, VITRINE_MIRROR_ERROR, VITRINE_MIRROR_ERROR_IO, "cannot rename %s: %s",
                   partial, g_strerror (saved));
      return NULL;
    }
  if (feed_url != NULL)
    vitrine_feed_mirror_index_note (dir, feed_url, name, image_url);
  if (save_folder != NULL && *save_folder != '\0')
    save_copy (final, image_url, save_folder);
  return g_steal_pointer (&final);
}

/* store_in() for @image_url of @feed_url under @root (vitrine_feed_mirror_find() says
 * whether one is there already). */
char *
vitrine_feed_mirror_store (VitrineFeedFetcher  *fetcher,
                           const char          *root,
                           const char          *feed_url,
                           const char          *image_url,
                           const char          *save_folder,
                           VitrineFetchResult  *result,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_autofree char *dir = vitrine_feed_mirror_dir (root, feed_url);

  return store_in (fetcher, dir, feed_url, image_url, save_folder, result, cancellable, error);
}

/* The file @image_url of @feed_url was mirrored to, or NULL. */
char *
vitrine_feed_mirror_find (const char *root,
                          const char *feed_url,
                          const char *image_url)
{
  g_autofree char *dir = vitrine_feed_mirror_dir (root, feed_url);
  g_autofree char *hash = short_hash (image_url, HASH_CHARS);
  g_autofree char *path = find_existing (dir, hash);
  g_autofree char *name = path != NULL ? g_path_get_basename (path) : NULL;

  /* Files mirrored before the index get their entry when they are asked for again. */
  if (path != NULL)
    vitrine_feed_mirror_index_note (dir, feed_url, name, image_url);
  return g_steal_pointer (&path);
}

void
vitrine_mirror_file_free (VitrineMirrorFile *file)
{
  g_free (file->feed_url);
  g_free (file->path);
  g_free (file);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const VitrineMirrorFile *x = *(VitrineMirrorFile * const *) a;
  const VitrineMirrorFile *y = *(VitrineMirrorFile * const *) b;

  if (x->mtime != y->mtime)
    return x->mtime > y->mtime ? -1 : 1;
  return g_strcmp0 (x->path, y->path);
}

static void
list_dir (GPtrArray  *files,
          const char *dir_path,
          const char *feed_url)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;
      VitrineMirrorFile *file;

      if (!vitrine_feed_mirror_is_file_name (name))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      if (g_lstat (path, &st) < 0 || !S_ISREG (st.st_mode))
        continue;
      file = g_new0 (VitrineMirrorFile, 1);
      file->feed_url = g_strdup (feed_url);
      file->path = g_steal_pointer (&path);
      file->mtime = st.st_mtime;
      file->size = (guint64) st.st_size;
      g_ptr_array_add (files, file);
    }
}

/* Every mirrored image of @feed_urls, newest first (VitrineMirrorFile). */
GPtrArray *
vitrine_feed_mirror_list (const char         *root,
                          const char * const *feed_urls)
{
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_mirror_file_free);

  for (guint i = 0; feed_urls != NULL && feed_urls[i] != NULL; i++)
    {
      g_autofree char *dir = vitrine_feed_mirror_dir (root, feed_urls[i]);

      list_dir (files, dir, feed_urls[i]);
    }
  g_ptr_array_sort (files, newest_first);
  return files;
}

/*
 * Removes what @limits say must go, oldest first: files past the age limit, then files
 * until the total fits the size limit; the newest 20 of each feed stay whatever the
 * limits. Folders of feeds no longer listed are left alone (a settings change may bring
 * them back); they count for nothing here.
 */
void
vitrine_feed_mirror_prune (const char                *root,
                           const char * const        *feed_urls,
                           const VitrineMirrorLimits *limits,
                           gint64                     now_s)
{
  g_autoptr(GPtrArray) files = vitrine_feed_mirror_list (root, feed_urls);
  g_autoptr(GHashTable) per_feed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) removable = g_ptr_array_new ();
  guint64 total = 0, budget = (guint64) limits->max_megabytes << 20;
  gint64 oldest = now_s - (gint64) limits->max_age_days * 86400;

  for (guint i = 0; i < files->len; i++)
    {
      VitrineMirrorFile *file = files->pdata[i];
      guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (per_feed, file->feed_url));

      g_hash_table_insert (per_feed, file->feed_url, GUINT_TO_POINTER (seen + 1));
      total += file->size;
      if (seen >= VITRINE_FEED_MIRROR_KEEP_NEWEST)
        g_ptr_array_add (removable, file);
    }
  /* removable is newest first too: walk it from the oldest end. */
  for (guint i = removable->len; i > 0; i--)
    {
      VitrineMirrorFile *file = removable->pdata[i - 1];

      if (file->mtime >= oldest && total <= budget)
        continue;
      if (g_unlink (file->path) == 0)
        total -= file->size;
    }
}

/* Album art (issue 12 item 4): where http(s) art is downloaded, "art" under @root. Its
 * names are hashes of 24 characters, never those of a feed folder (16). */
char *
vitrine_feed_art_dir (const char *root)
{
  return g_build_filename (root, "art", NULL);
}

/* The file @art_url was downloaded to, or NULL; a hit counts as new for pruning. */
char *
vitrine_feed_art_find (const char *root,
                       const char *art_url)
{
  g_autofree char *dir = vitrine_feed_art_dir (root);
  g_autofree char *hash = short_hash (art_url, HASH_CHARS);
  g_autofree char *path = find_existing (dir, hash);

  if (path != NULL)
    g_utime (path, NULL);
  return g_steal_pointer (&path);
}

/* Downloads @art_url into the art folder like a feed image (the image cap, the signature
 * probe, a .partial renamed) and returns its path. */
char *
vitrine_feed_art_store (VitrineFeedFetcher  *fetcher,
                        const char          *root,
                        const char          *art_url,
                        VitrineFetchResult  *result,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autofree char *dir = vitrine_feed_art_dir (root);

  return store_in (fetcher, dir, NULL, art_url, NULL, result, cancellable, error);
}

/* Keeps the newest @keep files of the art folder. */
void
vitrine_feed_art_prune (const char *root,
                        guint       keep)
{
  g_autofree char *dir = vitrine_feed_art_dir (root);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_mirror_file_free);

  list_dir (files, dir, "");
  g_ptr_array_sort (files, newest_first);
  for (guint i = keep; i < files->len; i++)
    g_unlink (((VitrineMirrorFile *) files->pdata[i])->path);
}
