/* vitrine-transition-worker.c: the transition role. It precomputes the payloads of the
 * transitions that cost CPU (request kind "payload"), deterministic for a seed and cached,
 * and answers the probes every worker knows through the base class.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "vitrine-memfd.h"
#include "vitrine-pixel-header.h"
#include "vitrine-transition.h"
#include "vitrine-transition-worker.h"

#define CACHE_SIZE 8

struct _VitrineTransitionWorker
{
  VitrineWorker  parent_instance;

  GMutex         lock;
  GHashTable    *cache;   /* "type|columns|rows|seed" → GBytes of RGBA */
};

G_DEFINE_FINAL_TYPE (VitrineTransitionWorker, vitrine_transition_worker, VITRINE_TYPE_WORKER)

/* The payload's texels, from the cache or computed now. */
static GBytes *
compute (VitrineTransitionWorker *self,
         VitrineTransitionType    type,
         guint                    columns,
         guint                    rows,
         VitrineDirection         direction,
         guint32                  order,
         guint32                  seed)
{
  g_autofree char *key = g_strdup_printf ("%d|%u|%u|%d|%u|%u", type, columns, rows, direction, order, seed);
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  GBytes *bytes = g_hash_table_lookup (self->cache, key);
  guint8 *texels;

  if (bytes != NULL)
    return g_bytes_ref (bytes);

  texels = g_malloc ((gsize) columns * rows * 4);
  if (type == VITRINE_TRANSITION_TYPE_BLOCK_PUZZLE_FLIP)
    vitrine_transition_puzzle_schedule (columns, rows, direction, seed, texels);
  else if (type == VITRINE_TRANSITION_TYPE_CRUMBLE)
    vitrine_transition_crumble_shards (columns, rows, MIN (order, VITRINE_CRUMBLE_ORDER_CENTER_OUT), seed, texels);
  else if (type == VITRINE_TRANSITION_TYPE_PARTICLE)
    vitrine_transition_particle_schedule (columns, rows, MIN (order, VITRINE_PARTICLE_MODE_CONVERGE), direction,
                                          seed, texels);
  else
    vitrine_transition_diffuse_order (columns, rows, seed, texels);
  bytes = g_bytes_new_take (texels, (gsize) columns * rows * 4);
  if (g_hash_table_size (self->cache) >= CACHE_SIZE)
    g_hash_table_remove_all (self->cache);
  g_hash_table_insert (self->cache, g_steal_pointer (&key), g_bytes_ref (bytes));
  return bytes;
}

/*
 * "payload": {type: s, columns: u, rows: u, seed: u, direction: u, order: u} → a columns ×
 * rows RGBA texture in a sealed memfd with its pixel header: Diffuse's block order, Block
 * Puzzle Flip's schedule, Crumble's shards and fall order (order: VitrineCrumbleOrder), or
 * Particle's balls in launch order (order: VitrineParticleMode).
 */
static GVariant *
payload (VitrineTransitionWorker  *self,
         GVariant                 *request,
         GUnixFDList              *fds,
         GError                  **error)
{
  g_autoptr(VitrineMemfdWriter) writer = NULL;
  g_autoptr(GBytes) texels = NULL;
  VitrinePixelHeader header = { 0 };
  const char *name = NULL;
  guint32 columns = 0, rows = 0, seed = 0, direction = VITRINE_DIRECTION_LEFT, order = 0;
  VitrineTransitionType type;
  int fd, index;

  if (!g_variant_lookup (request, "type", "&s", &name) || !vitrine_transition_from_name (name, &type) ||
      !vitrine_transition_needs_payload (type) ||
      !g_variant_lookup (request, "columns", "u", &columns) || !g_variant_lookup (request, "rows", "u", &rows) ||
      columns == 0 || rows == 0 || (guint64) columns * rows > 65536)
    {
      g_set_error_literal (error, VITRINE_WORKER_ERROR, VITRINE_WORKER_ERROR_BAD_REQUEST,
                           "payload needs a transition with a payload, and columns × rows from 1 to 65536");
      return NULL;
    }
  g_variant_lookup (request, "seed", "u", &seed);
  g_variant_lookup (request, "direction", "u", &direction);
  g_variant_lookup (request, "order", "u", &order);

  texels = compute (self, type, columns, rows, MIN (direction, VITRINE_DIRECTION_DIAGONAL_DOWN_LEFT), order, seed);
  writer = vitrine_memfd_writer_new ("vitrine-payload", g_bytes_get_size (texels), error);
  if (writer == NULL)
    return NULL;
  memcpy (vitrine_memfd_writer_data (writer), g_bytes_get_data (texels, NULL), g_bytes_get_size (texels));
  if (!vitrine_memfd_writer_seal (writer, VITRINE_MEMFD_REQUIRED_SEALS, error))
    return NULL;

  header.width = columns;
  header.height = rows;
  header.stride = columns * 4;
  header.format = (char *) VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED;
  header.producer_pid = getpid ();
  header.timestamp_us = g_get_monotonic_time ();
  header.cache_key = (char *) name;

  fd = vitrine_memfd_writer_steal_fd (writer);
  index = g_unix_fd_list_append (fds, fd, error);
  close (fd);
  if (index < 0)
    return NULL;
  return g_variant_new_parsed ("{'pixels': %v, 'fd': <%i>}", vitrine_pixel_header_to_variant (&header), index);
}

static GVariant *
vitrine_transition_worker_process (VitrineWorker  *worker,
                                   const char     *kind,
                                   GVariant       *request,
                                   GUnixFDList    *fds,
                                   GCancellable   *cancellable,
                                   GError        **error)
{
  if (g_str_equal (kind, "payload"))
    return payload (VITRINE_TRANSITION_WORKER (worker), request, fds, error);

  return VITRINE_WORKER_CLASS (vitrine_transition_worker_parent_class)->process (worker, kind, request,
                                                                                fds, cancellable, error);
}

static void
vitrine_transition_worker_finalize (GObject *object)
{
  VitrineTransitionWorker *self = VITRINE_TRANSITION_WORKER (object);

  g_hash_table_unref (self->cache);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (vitrine_transition_worker_parent_class)->finalize (object);
}

static void
vitrine_transition_worker_class_init (VitrineTransitionWorkerClass *klass)
{
  VitrineWorkerClass *worker_class = VITRINE_WORKER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = vitrine_transition_worker_finalize;
  worker_class->role = VITRINE_WORKER_ROLE_TRANSITION;
  worker_class->process = vitrine_transition_worker_process;
}

static void
vitrine_transition_worker_init (VitrineTransitionWorker *self)
{
  g_mutex_init (&self->lock);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
}
