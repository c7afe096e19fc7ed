/* vitrine-request-queue.h: a role's request queue (docs/ARCHITECTURE.md §4): a cap on pending
 * requests with drop-oldest (latest-state semantics) and a limit on requests in flight.
 * Holds opaque pointers; the caller owns what they point to.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint   cap;
  guint   max_in_flight;
  GQueue  pending;
  guint   in_flight;
  guint64 drops;
} VitrineRequestQueue;

void     vitrine_request_queue_init      (VitrineRequestQueue *queue,
                                          guint                cap,
                                          guint                max_in_flight);
gpointer vitrine_request_queue_push      (VitrineRequestQueue *queue,
                                          gpointer             request);
gpointer vitrine_request_queue_pop_ready (VitrineRequestQueue *queue);
void     vitrine_request_queue_done      (VitrineRequestQueue *queue);
void     vitrine_request_queue_clear     (VitrineRequestQueue *queue,
                                          GDestroyNotify       free_func);
guint    vitrine_request_queue_length    (const VitrineRequestQueue *queue);

G_END_DECLS
