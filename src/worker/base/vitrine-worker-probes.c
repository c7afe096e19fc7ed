/* vitrine-worker-probes.c: the probe kinds every role answers (`pixels`, `pixels-inline`),
 * which exercise the pixel handoff itself in tests and benchmarks.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "vitrine-memfd.h"
#include "vitrine-pixel-header.h"
#include "vitrine-worker-probes.h"
#include "vitrine-worker.h"

/* The probes' "width" and "height", from 1 to VITRINE_PIXEL_MAX_SIDE. */
static gboolean
lookup_size (GVariant  *request,
             guint32   *width,
             guint32   *height,
             GError   **error)
{
  if (!g_variant_lookup (request, "width", "u", width) ||
      !g_variant_lookup (request, "height", "u", height) ||
      *width == 0 || *height == 0 || *width > VITRINE_PIXEL_MAX_SIDE || *height > VITRINE_PIXEL_MAX_SIDE)
    {
      g_set_error_literal (error, VITRINE_WORKER_ERROR, VITRINE_WORKER_ERROR_BAD_REQUEST,
                           "pixels needs width and height from 1 to 16384");
      return FALSE;
    }
  return TRUE;
}

/* A pattern tests can check at any pixel: (x, y, x + y, opaque), each mod 256. */
static void
fill_pattern (guint8  *data,
              guint32  width,
              guint32  height,
              gsize    stride)
{
  for (guint32 y = 0; y < height; y++)
    {
      guint8 *row = data + (gsize) y * stride;

      for (guint32 x = 0; x < width; x++)
        {
          row[4 * x + 0] = x & 0xff;
          row[4 * x + 1] = y & 0xff;
          row[4 * x + 2] = (x + y) & 0xff;
          row[4 * x + 3] = 0xff;
        }
    }
}

/* The pattern of @width × @height RGBA in a sealed memfd: the handoff probe. */
GVariant *
vitrine_worker_probe_pixels (GVariant     *request,
                             GUnixFDList  *fds,
                             GError      **error)
{
  g_autoptr(VitrineMemfdWriter) writer = NULL;
  VitrinePixelHeader header = { 0 };
  guint32 width = 0, height = 0;
  int fd, index;

  if (!lookup_size (request, &width, &height, error))
    return NULL;

  header.width = width;
  header.height = height;
  header.stride = width * VITRINE_PIXEL_BYTES_PER_PIXEL;
  header.format = (char *) VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED;
  header.producer_pid = getpid ();
  header.cache_key = (char *) "probe";

  writer = vitrine_memfd_writer_new ("vitrine-pixels", (gsize) header.stride * height, error);
  if (writer == NULL)
    return NULL;
  fill_pattern (vitrine_memfd_writer_data (writer), width, height, header.stride);
  if (!vitrine_memfd_writer_seal (writer, VITRINE_MEMFD_REQUIRED_SEALS, error))
    return NULL;
  /* "Worker done": the handoff benchmark measures from here. */
  header.timestamp_us = g_get_monotonic_time ();

  fd = vitrine_memfd_writer_steal_fd (writer);
  index = g_unix_fd_list_append (fds, fd, error);
  close (fd);
  if (index < 0)
    return NULL;

  return g_variant_new_parsed ("{'pixels': %v, 'fd': <%i>}",
                               vitrine_pixel_header_to_variant (&header), index);
}

/*
 * The same pattern sent inline as bytes, the way a handoff without shared memory would
 * work: the peer of the handoff benchmark. Over every role's message cap, so only a
 * connection without the supervisor's size filter can receive it.
 */
GVariant *
vitrine_worker_probe_inline_pixels (GVariant  *request,
                                    GError   **error)
{
  guint32 width = 0, height = 0;
  gsize stride;
  guint8 *data;

  if (!lookup_size (request, &width, &height, error))
    return NULL;

  stride = (gsize) width * VITRINE_PIXEL_BYTES_PER_PIXEL;
  data = g_malloc (stride * height);
  fill_pattern (data, width, height, stride);

  return g_variant_new_parsed ("{'data': %v, 'timestamp_us': <%x>}",
                               g_variant_new_from_data (G_VARIANT_TYPE_BYTESTRING, data,
                                                        stride * height, TRUE, g_free, data),
                               g_get_monotonic_time ());
}
