/* vitrine-memfd.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include <unistd.h>

#include "vitrine-memfd.h"

struct _VitrineMemfdWriter
{
  int     fd;
  guint8 *data;
  gsize   size;
};

G_DEFINE_QUARK (vitrine-memfd-error-quark, vitrine_memfd_error)

static gboolean
set_errno_error (GError     **error,
                 const char  *what)
{
  int saved = errno;

  g_set_error (error, VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_FAILED,
               "%s: %s", what, g_strerror (saved));
  return FALSE;
}

/* A writable memfd of @size bytes, mapped for the producer to fill. */
VitrineMemfdWriter *
vitrine_memfd_writer_new (const char  *name,
                          gsize        size,
                          GError     **error)
{
  g_autoptr(VitrineMemfdWriter) writer = g_new0 (VitrineMemfdWriter, 1);

  g_return_val_if_fail (size > 0, NULL);

  writer->fd = memfd_create (name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (writer->fd < 0)
    return set_errno_error (error, "memfd_create"), NULL;
  if (ftruncate (writer->fd, (off_t) size) < 0)
    return set_errno_error (error, "ftruncate"), NULL;

  writer->data = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, writer->fd, 0);
  if (writer->data == MAP_FAILED)
    {
      writer->data = NULL;
      return set_errno_error (error, "mmap"), NULL;
    }
  writer->size = size;

  return g_steal_pointer (&writer);
}

guint8 *
vitrine_memfd_writer_data (VitrineMemfdWriter *writer)
{
  return writer->data;
}

gsize
vitrine_memfd_writer_size (VitrineMemfdWriter *writer)
{
  return writer->size;
}

/*
 * Adds @seals and F_SEAL_SEAL. Sealing writes (VITRINE_MEMFD_REQUIRED_SEALS, for finished
 * pixels) ends writing: the writable mapping goes first, as the kernel refuses F_SEAL_WRITE
 * while one exists. Without F_SEAL_WRITE (the audio ring) the mapping stays for the
 * producer to keep writing.
 */
gboolean
vitrine_memfd_writer_seal (VitrineMemfdWriter  *writer,
                           int                  seals,
                           GError             **error)
{
  g_return_val_if_fail (writer->fd >= 0, FALSE);

  if ((seals & F_SEAL_WRITE) && writer->data != NULL)
    {
      munmap (writer->data, writer->size);
      writer->data = NULL;
    }
  if (fcntl (writer->fd, F_ADD_SEALS, seals | F_SEAL_SEAL) < 0)
    return set_errno_error (error, "sealing");

  return TRUE;
}

int
vitrine_memfd_writer_get_fd (VitrineMemfdWriter *writer)
{
  return writer->fd;
}

/* The fd, now owned by the caller (to send and close); the mapping, if any, stays. */
int
vitrine_memfd_writer_steal_fd (VitrineMemfdWriter *writer)
{
  int fd = writer->fd;

  writer->fd = -1;
  return fd;
}

void
vitrine_memfd_writer_free (VitrineMemfdWriter *writer)
{
  if (writer == NULL)
    return;

  if (writer->data != NULL)
    munmap (writer->data, writer->size);
  if (writer->fd >= 0)
    close (writer->fd);
  g_free (writer);
}

typedef struct
{
  void  *data;
  gsize  size;
} Mapping;

/* Smaller mappings go at once; unmapping a large one frees its pages with it (the fd is
 * long closed, so the mapping holds the last reference to the memfd), which takes
 * milliseconds for a 4K photo: a stall if the display's main loop did it. */
#define UNMAP_IN_THREAD_BYTES (1024 * 1024)

static void
unmap (gpointer data,
       gpointer user_data)
{
  Mapping *mapping = data;

  munmap (mapping->data, mapping->size);
  g_free (mapping);
}

static void
mapping_free (gpointer user_data)
{
  static gsize once;
  static GThreadPool *unmapper;
  Mapping *mapping = user_data;

  if (mapping->size < UNMAP_IN_THREAD_BYTES)
    {
      unmap (mapping, NULL);
      return;
    }
  if (g_once_init_enter (&once))
    {
      unmapper = g_thread_pool_new (unmap, NULL, 1, FALSE, NULL);
      g_once_init_leave (&once, 1);
    }
  g_thread_pool_push (unmapper, mapping, NULL);
}

/*
 * Only a regular file of shmem (what memfd_create makes without MFD_HUGETLB) is mapped:
 * hugetlbfs seals too, but takes its pages when they are touched, so reading it with the
 * pool empty raises SIGBUS in the reader.
 */
static gboolean
is_shmem (int                fd,
          const struct stat *st,
          GError           **error)
{
  struct statfs fs;

  if (fstatfs (fd, &fs) < 0)
    return set_errno_error (error, "fstatfs");
  if (!S_ISREG (st->st_mode) || fs.f_type != TMPFS_MAGIC)
    {
      g_set_error (error, VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_NOT_SHMEM,
                   "not a memfd of shared memory (file system 0x%lx, mode 0%o)",
                   (unsigned long) fs.f_type, (unsigned) st->st_mode);
      return FALSE;
    }
  return TRUE;
}

/*
 * Maps @fd read-only after checking it: carrying at least @required_seals (pixels:
 * VITRINE_MEMFD_REQUIRED_SEALS; the audio ring, which its writer keeps writing, only
 * shrink and grow), and between @min_size and @max_size bytes. The fd is not consumed; the mapping outlives it. Returns
 * the mapped bytes, or NULL with an error saying which check failed.
 */
GBytes *
vitrine_memfd_map_sealed (int      fd,
                          int      required_seals,
                          gsize    min_size,
                          gsize    max_size,
                          GError **error)
{
  struct stat st;
  int seals;
  Mapping *mapping;
  void *data;

  seals = fcntl (fd, F_GET_SEALS);
  if (seals < 0)
    {
      g_set_error (error, VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_NOT_SEALED,
                   "not a sealable memfd: %s", g_strerror (errno));
      return NULL;
    }
  if ((seals & required_seals) != required_seals)
    {
      g_set_error (error, VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_NOT_SEALED,
                   "memfd lacks seals (has 0x%x, needs 0x%x)", seals, required_seals);
      return NULL;
    }

  if (fstat (fd, &st) < 0)
    return set_errno_error (error, "fstat"), NULL;
  if (!is_shmem (fd, &st, error))
    return NULL;
  if (st.st_size < 0 || (guint64) st.st_size < min_size)
    {
      g_set_error (error, VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_TOO_SMALL,
                   "memfd holds %" G_GINT64_FORMAT " bytes, %" G_GSIZE_FORMAT " needed",
                   (gint64) st.st_size, min_size);
      return NULL;
    }
  if ((guint64) st.st_size > max_size)
    {
      g_set_error (error, VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_TOO_LARGE,
                   "memfd holds %" G_GINT64_FORMAT " bytes, more than %" G_GSIZE_FORMAT,
                   (gint64) st.st_size, max_size);
      return NULL;
    }
  if (st.st_size == 0)
    return g_bytes_new (NULL, 0);

  data = mmap (NULL, (gsize) st.st_size, PROT_READ, MAP_SHARED, fd, 0);
  if (data == MAP_FAILED)
    return set_errno_error (error, "mmap"), NULL;

  mapping = g_new (Mapping, 1);
  mapping->data = data;
  mapping->size = (gsize) st.st_size;

  return g_bytes_new_with_free_func (data, mapping->size, mapping_free, mapping);
}
