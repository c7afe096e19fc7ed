/* vitrine-image-disk-cache.c: the image role's disk cache of prescaled images.
 *
 * The in-memory index (file name → the entry's header fields) is built from the folder
 * at first use, dropping files that fail their checks and temporary files a crash left
 * behind, and kept in step by every store, hit, eviction and dismissal. Files are only
 * ever replaced by a rename and removed by unlink, never truncated or rewritten in place
 * (but for the last-used time, at its fixed offset), so a mapping of one can neither tear
 * nor fault.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vitrine-disk-cache-format.h"
#include "vitrine-image-disk-cache.h"
#include "vitrine-pixel-header.h"

/* Enough for the largest header (its key and revision). */
#define HEADER_READ (3 * VITRINE_DISK_CACHE_PAGE)
/* A temporary file this old is a crash's (a live writer renames within seconds). */
#define STALE_TEMP_US (10 * G_TIME_SPAN_MINUTE)
#define TEMP_PREFIX ".tmp-"

typedef struct
{
  char    *name;
  char    *key;
  char    *revision;
  guint64  bytes;          /* the file's length */
  guint    width;
  guint    height;
  guint64  source_size;
  gint64   source_mtime_ns;
  gint64   created_unix_us;
  gint64   used_unix_us;
} Indexed;

struct _VitrineImageDiskCache
{
  char       *dir;
  GMutex      lock;
  GHashTable *index;       /* file name → Indexed; NULL until first use */
  guint64     bytes;
};

static void
indexed_free (gpointer data)
{
  Indexed *indexed = data;

  g_free (indexed->name);
  g_free (indexed->key);
  g_free (indexed->revision);
  g_free (indexed);
}

static Indexed *
indexed_new (const char                  *name,
             const VitrineDiskCacheEntry *entry,
             guint64                      bytes)
{
  Indexed *indexed = g_new0 (Indexed, 1);

  indexed->name = g_strdup (name);
  indexed->key = g_strdup (entry->key);
  indexed->revision = g_strdup (entry->revision);
  indexed->bytes = bytes;
  indexed->width = entry->width;
  indexed->height = entry->height;
  indexed->source_size = entry->source_size;
  indexed->source_mtime_ns = entry->source_mtime_ns;
  indexed->created_unix_us = entry->created_unix_us;
  indexed->used_unix_us = entry->used_unix_us;
  return indexed;
}

char *
vitrine_image_disk_cache_default_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "vitrine", "images", NULL);
}

VitrineImageDiskCache *
vitrine_image_disk_cache_new (const char *dir)
{
  VitrineImageDiskCache *self = g_new0 (VitrineImageDiskCache, 1);

  self->dir = g_strdup (dir);
  g_mutex_init (&self->lock);
  return self;
}

void
vitrine_image_disk_cache_free (VitrineImageDiskCache *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  g_free (self->dir);
  g_free (self);
}

gboolean
vitrine_disk_source_stat (const char        *path,
                          VitrineDiskSource *source)
{
  struct stat st;

  if (stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  source->size = st.st_size;
  source->mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
  return TRUE;
}

/* The header of the open file @fd of @length bytes; FALSE (and the check) when it fails. */
static VitrineDiskCacheCheck
read_header (int                    fd,
             guint64                length,
             VitrineDiskCacheEntry *entry)
{
  g_autofree guint8 *buffer = g_malloc (HEADER_READ);
  gssize got = pread (fd, buffer, HEADER_READ, 0);

  if (got < 0)
    return VITRINE_DISK_CACHE_SHORT;
  return vitrine_disk_cache_parse (buffer, got, length, entry);
}

static void
index_insert (VitrineImageDiskCache *self,
              Indexed               *indexed)
{
  Indexed *old = g_hash_table_lookup (self->index, indexed->name);

  if (old != NULL)
    self->bytes -= old->bytes;
  self->bytes += indexed->bytes;
  g_hash_table_replace (self->index, indexed->name, indexed);
}

static void
index_remove (VitrineImageDiskCache *self,
              const char            *name)
{
  Indexed *old = g_hash_table_lookup (self->index, name);

  if (old == NULL)
    return;
  self->bytes -= old->bytes;
  g_hash_table_remove (self->index, name);
}

/* One file of the folder into the index, or away when it fails its checks. */
static void
index_file (VitrineImageDiskCache *self,
            const char            *name,
            gint64                 now_us)
{
  g_autofree char *path = g_build_filename (self->dir, name, NULL);
  g_auto(VitrineDiskCacheEntry) entry = { 0 };
  g_autofree char *expected = NULL;
  VitrineDiskCacheCheck check;
  struct stat st;
  int fd;

  if (g_str_has_prefix (name, TEMP_PREFIX))
    {
      if (lstat (path, &st) == 0 && now_us - (gint64) st.st_mtime * G_USEC_PER_SEC > STALE_TEMP_US)
        g_unlink (path);
      return;
    }
  if (!g_str_has_suffix (name, ".vdc"))
    return;
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    return;
  check = fstat (fd, &st) == 0 && S_ISREG (st.st_mode) ? read_header (fd, st.st_size, &entry)
                                                        : VITRINE_DISK_CACHE_CORRUPT;
  close (fd);
  if (check != VITRINE_DISK_CACHE_OK)
    {
      g_debug ("disk cache: %s: %s, removed", name, vitrine_disk_cache_check_to_string (check));
      g_unlink (path);
      return;
    }
  /* A file under another key's name would never be found by its own. */
  expected = vitrine_disk_cache_file_name (entry.key);
  if (!g_str_equal (name, expected))
    {
      g_unlink (path);
      return;
    }
  index_insert (self, indexed_new (name, &entry, st.st_size));
}

/* The index, built from the folder the first time. Called with the lock held. */
static void
ensure_index (VitrineImageDiskCache *self)
{
  g_autoptr(GDir) dir = NULL;
  gint64 now_us = g_get_real_time ();
  const char *name;

  if (self->index != NULL)
    return;
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, indexed_free);
  self->bytes = 0;
  g_mkdir_with_parents (self->dir, 0700);
  dir = g_dir_open (self->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    index_file (self, name, now_us);
}

/* The file's pixels into a new sealed memfd: read by the kernel straight into the memfd's
 * pages, which costs less than copying from the mapping (no faults on the file's side). */
static VitrineMemfdWriter *
copy_pixels (int                          fd,
             const VitrineDiskCacheEntry *entry)
{
  g_autoptr(VitrineMemfdWriter) writer = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *data;
  guint64 done = 0;

  writer = vitrine_memfd_writer_new ("vitrine-image", entry->pixels_size, &error);
  if (writer == NULL)
    return NULL;
  data = vitrine_memfd_writer_data (writer);
  while (done < entry->pixels_size)
    {
      gssize got = pread (fd, data + done, entry->pixels_size - done, entry->pixels_offset + done);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        return NULL;
      done += got;
    }
  if (!vitrine_memfd_writer_seal (writer, VITRINE_MEMFD_REQUIRED_SEALS, &error))
    return NULL;
  return g_steal_pointer (&writer);
}

/* The entry agrees with what is asked for: its key, revision, size and source. */
static gboolean
entry_matches (const VitrineDiskCacheEntry *entry,
               const char                  *key,
               const char                  *revision,
               const VitrineDiskSource     *source,
               guint                        width,
               guint                        height)
{
  return g_str_equal (entry->key, key) && g_str_equal (entry->revision, revision) &&
         entry->width == width && entry->height == height && entry->stride == width * 4 &&
         entry->source_size == source->size && entry->source_mtime_ns == source->mtime_ns;
}

/* Marks @name used now: in the index, and in the file at its fixed offset. */
static void
touch (VitrineImageDiskCache *self,
       int                    fd,
       const char            *name)
{
  gint64 now_us = g_get_real_time ();
  Indexed *indexed;

  if (pwrite (fd, &now_us, sizeof now_us, VITRINE_DISK_CACHE_USED_OFFSET) != sizeof now_us)
    g_debug ("disk cache: %s: cannot update its last use: %s", name, g_strerror (errno));
  g_mutex_lock (&self->lock);
  ensure_index (self);
  indexed = g_hash_table_lookup (self->index, name);
  if (indexed != NULL)
    indexed->used_unix_us = now_us;
  g_mutex_unlock (&self->lock);
}

/* Maps @fd (@length bytes), checks its header and copies its pixels when it holds what is
 * asked for. Only the header's page of the mapping is touched. */
static gboolean
read_mapped (int                      fd,
             guint64                  length,
             const char              *key,
             const char              *revision,
             const VitrineDiskSource *source,
             guint                    width,
             guint                    height,
             VitrinePrescaled        *out,
             gboolean                *corrupt)
{
  g_auto(VitrineDiskCacheEntry) entry = { 0 };
  VitrineDiskCacheCheck check;
  guint8 *map;

  map = mmap (NULL, length, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    return FALSE;
  check = vitrine_disk_cache_parse (map, length, length, &entry);
  *corrupt = check != VITRINE_DISK_CACHE_OK;
  if (check == VITRINE_DISK_CACHE_OK && entry_matches (&entry, key, revision, source, width, height))
    {
      out->pixels = copy_pixels (fd, &entry);
      out->stride = entry.stride;
      out->source_width = entry.source_width;
      out->source_height = entry.source_height;
      out->orientation = 1;
      out->format = NULL;
    }
  munmap (map, length);
  return out->pixels != NULL;
}

gboolean
vitrine_image_disk_cache_lookup (VitrineImageDiskCache   *self,
                                 const char              *key,
                                 const char              *revision,
                                 const VitrineDiskSource *source,
                                 guint                    width,
                                 guint                    height,
                                 VitrinePrescaled        *out)
{
  g_autofree char *name = vitrine_disk_cache_file_name (key);
  g_autofree char *path = g_build_filename (self->dir, name, NULL);
  gboolean corrupt = FALSE, hit = FALSE;
  struct stat st;
  int fd;

  memset (out, 0, sizeof *out);
  fd = open (path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size < (off_t) sizeof (VitrineDiskCacheFixed))
    corrupt = TRUE;
  else
    hit = read_mapped (fd, st.st_size, key, revision, source, width, height, out, &corrupt);
  if (hit)
    touch (self, fd, name);
  close (fd);

  if (corrupt)
    {
      g_debug ("disk cache: %s: corrupt, removed", name);
      g_mutex_lock (&self->lock);
      ensure_index (self);
      index_remove (self, name);
      g_unlink (path);
      g_mutex_unlock (&self->lock);
    }
  return hit;
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          size,
           GError       **error)
{
  while (size > 0)
    {
      gssize done = write (fd, data, size);

      if (done < 0 && errno == EINTR)
        continue;
      if (done <= 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "cannot write: %s", g_strerror (saved));
          return FALSE;
        }
      data += done;
      size -= done;
    }
  return TRUE;
}

/* Writes @header and @pixels to a temporary file and renames it to @name. */
static gboolean
write_file (VitrineImageDiskCache  *self,
            const char             *name,
            GByteArray             *header,
            GBytes                 *pixels,
            GError                **error)
{
  g_autofree char *temp = g_build_filename (self->dir, TEMP_PREFIX "XXXXXX", NULL);
  g_autofree char *path = g_build_filename (self->dir, name, NULL);
  gboolean written;
  int fd, saved;

  g_mkdir_with_parents (self->dir, 0700);
  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "cannot create a file in %s: %s",
                   self->dir, g_strerror (saved));
      return FALSE;
    }
  written = write_all (fd, header->data, header->len, error) &&
            write_all (fd, g_bytes_get_data (pixels, NULL), g_bytes_get_size (pixels), error);
  close (fd);
  if (written && g_rename (temp, path) != 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "cannot rename into %s: %s",
                   self->dir, g_strerror (saved));
      written = FALSE;
    }
  if (!written)
    g_unlink (temp);
  return written;
}

static int
by_use (gconstpointer a,
        gconstpointer b)
{
  const Indexed *x = *(const Indexed * const *) a, *y = *(const Indexed * const *) b;

  if (x->used_unix_us != y->used_unix_us)
    return x->used_unix_us < y->used_unix_us ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

/* Least recently used out until the folder holds @budget bytes, never @keep. Locked. */
static void
evict (VitrineImageDiskCache *self,
       guint64                budget,
       const char            *keep)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  if (self->bytes <= budget)
    return;
  g_hash_table_iter_init (&iter, self->index);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, value);
  g_ptr_array_sort (all, by_use);
  for (guint i = 0; i < all->len && self->bytes > budget; i++)
    {
      Indexed *indexed = all->pdata[i];
      g_autofree char *path = NULL;

      if (g_str_equal (indexed->name, keep))
        continue;
      path = g_build_filename (self->dir, indexed->name, NULL);
      g_unlink (path);
      index_remove (self, indexed->name);
    }
}

gboolean
vitrine_image_disk_cache_store (VitrineImageDiskCache    *self,
                                const char               *key,
                                const char               *revision,
                                const VitrineDiskSource  *source,
                                const VitrinePrescaled   *prescaled,
                                guint                     width,
                                guint                     height,
                                guint64                   budget,
                                GError                  **error)
{
  g_autofree char *name = vitrine_disk_cache_file_name (key);
  g_autoptr(GByteArray) header = NULL;
  g_autoptr(GBytes) pixels = NULL;
  gsize size = (gsize) prescaled->stride * height;
  VitrineDiskCacheEntry entry = {
    .key = (char *) key,
    .revision = (char *) revision,
    .source_size = source->size,
    .source_mtime_ns = source->mtime_ns,
    .width = width,
    .height = height,
    .stride = prescaled->stride,
    .source_width = prescaled->source_width,
    .source_height = prescaled->source_height,
  };

  entry.created_unix_us = entry.used_unix_us = g_get_real_time ();
  header = vitrine_disk_cache_encode (&entry);
  if (header == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "the entry's key or size is out of range");
      return FALSE;
    }
  pixels = vitrine_memfd_map_sealed (vitrine_memfd_writer_get_fd (prescaled->pixels),
                                     VITRINE_MEMFD_REQUIRED_SEALS, size, size, error);
  if (pixels == NULL || !write_file (self, name, header, pixels, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  ensure_index (self);
  index_insert (self, indexed_new (name, &entry, header->len + size));
  evict (self, budget, name);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/* The path of a key "PATH|scaled:WxH". */
static char *
key_path (const char *key)
{
  const char *bar = g_strrstr (key, "|scaled:");

  return bar != NULL ? g_strndup (key, bar - key) : g_strdup (key);
}

static gboolean
under_root (const char *path,
            const char *root)
{
  gsize length = strlen (root);

  if (length == 0)
    return TRUE;
  return strncmp (path, root, length) == 0 && (path[length] == '/' || root[length - 1] == '/');
}

static int
by_key (gconstpointer a,
        gconstpointer b)
{
  return g_strcmp0 ((*(const Indexed * const *) a)->key, (*(const Indexed * const *) b)->key);
}

static GVariant *
entry_variant (const Indexed *indexed,
               const char    *path)
{
  VitrineDiskSource now = { 0 };
  gboolean source_ok = vitrine_disk_source_stat (path, &now) && now.size == indexed->source_size &&
                       now.mtime_ns == indexed->source_mtime_ns;

  return g_variant_new_parsed ("{'key': <%s>, 'path': <%s>, 'width': <%u>, 'height': <%u>, "
                               "'revision': <%s>, 'bytes': <%t>, 'created': <%x>, 'used': <%x>, "
                               "'source-ok': <%b>}",
                               indexed->key, path, (guint32) indexed->width, (guint32) indexed->height,
                               indexed->revision, indexed->bytes, indexed->created_unix_us / G_USEC_PER_SEC,
                               indexed->used_unix_us / G_USEC_PER_SEC, source_ok);
}

GVariant *
vitrine_image_disk_cache_list (VitrineImageDiskCache *self,
                               const char            *root,
                               guint                  offset,
                               guint                  limit,
                               gsize                  max_bytes)
{
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  GVariantBuilder entries;
  GHashTableIter iter;
  gpointer value;
  guint64 bytes = 0;
  gsize reply_bytes = 0;

  g_variant_builder_init (&entries, G_VARIANT_TYPE ("aa{sv}"));
  g_mutex_lock (&self->lock);
  ensure_index (self);
  g_hash_table_iter_init (&iter, self->index);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autofree char *path = key_path (((Indexed *) value)->key);

      if (under_root (path, root))
        {
          g_ptr_array_add (matching, value);
          bytes += ((Indexed *) value)->bytes;
        }
    }
  g_ptr_array_sort (matching, by_key);
  for (guint i = offset; i < matching->len && i - offset < limit; i++)
    {
      const Indexed *indexed = matching->pdata[i];
      g_autofree char *path = key_path (indexed->key);
      GVariant *entry = g_variant_ref_sink (entry_variant (indexed, path));

      reply_bytes += g_variant_get_size (entry) + 16;
      if (reply_bytes > max_bytes && i > offset)
        {
          g_variant_unref (entry);
          break;
        }
      g_variant_builder_add_value (&entries, entry);
      g_variant_unref (entry);
    }
  g_mutex_unlock (&self->lock);

  return g_variant_new_parsed ("{'total': <%u>, 'bytes': <%t>, 'entries': <%@aa{sv}>}",
                               (guint32) matching->len, bytes, g_variant_builder_end (&entries));
}

guint
vitrine_image_disk_cache_dismiss (VitrineImageDiskCache *self,
                                  const char * const    *keys)
{
  guint removed = 0;

  g_mutex_lock (&self->lock);
  ensure_index (self);
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *name = vitrine_disk_cache_file_name (keys[i]);
      Indexed *indexed = g_hash_table_lookup (self->index, name);
      g_autofree char *path = NULL;

      if (indexed == NULL || !g_str_equal (indexed->key, keys[i]))
        continue;
      path = g_build_filename (self->dir, name, NULL);
      if (g_unlink (path) == 0 || errno == ENOENT)
        removed++;
      index_remove (self, name);
    }
  g_mutex_unlock (&self->lock);
  return removed;
}

guint
vitrine_image_disk_cache_get_n_entries (VitrineImageDiskCache *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  ensure_index (self);
  n = g_hash_table_size (self->index);
  g_mutex_unlock (&self->lock);
  return n;
}

guint64
vitrine_image_disk_cache_get_bytes (VitrineImageDiskCache *self)
{
  guint64 bytes;

  g_mutex_lock (&self->lock);
  ensure_index (self);
  bytes = self->bytes;
  g_mutex_unlock (&self->lock);
  return bytes;
}
