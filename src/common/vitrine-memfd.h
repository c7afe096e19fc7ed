/* vitrine-memfd.h: sealed shared memory between processes (docs/ARCHITECTURE.md §2).
 *
 * The producer fills a memfd, drops its writable mapping and seals the fd against
 * shrinking, growing and writing; the consumer maps only an fd whose seals and size it
 * has checked, read-only. A sealed fd cannot change under the reader, so reading it can
 * neither see torn pixels nor take a SIGBUS.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <fcntl.h>
#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_MEMFD_ERROR (vitrine_memfd_error_quark ())

typedef enum
{
  VITRINE_MEMFD_ERROR_FAILED,
  VITRINE_MEMFD_ERROR_NOT_SEALED,
  VITRINE_MEMFD_ERROR_TOO_SMALL,
  VITRINE_MEMFD_ERROR_TOO_LARGE,
  VITRINE_MEMFD_ERROR_NOT_SHMEM,
} VitrineMemfdError;

/* The seals a consumer insists on. */
#define VITRINE_MEMFD_REQUIRED_SEALS (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

typedef struct _VitrineMemfdWriter VitrineMemfdWriter;

GQuark              vitrine_memfd_error_quark  (void);
VitrineMemfdWriter *vitrine_memfd_writer_new   (const char          *name,
                                                gsize                size,
                                                GError             **error);
guint8             *vitrine_memfd_writer_data  (VitrineMemfdWriter  *writer);
gsize               vitrine_memfd_writer_size  (VitrineMemfdWriter  *writer);
gboolean            vitrine_memfd_writer_seal  (VitrineMemfdWriter  *writer,
                                                int                  seals,
                                                GError             **error);
int                 vitrine_memfd_writer_get_fd    (VitrineMemfdWriter *writer);
int                 vitrine_memfd_writer_steal_fd  (VitrineMemfdWriter *writer);
void                vitrine_memfd_writer_free  (VitrineMemfdWriter  *writer);
GBytes             *vitrine_memfd_map_sealed   (int                  fd,
                                                int                  required_seals,
                                                gsize                min_size,
                                                gsize                max_size,
                                                GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineMemfdWriter, vitrine_memfd_writer_free)

G_END_DECLS
