/* vitrine-request-queue.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-request-queue.h"

void
vitrine_request_queue_init (VitrineRequestQueue *queue,
                            guint                cap,
                            guint                max_in_flight)
{
  g_return_if_fail (cap > 0);
  g_return_if_fail (max_in_flight > 0);

  *queue = (VitrineRequestQueue) { .cap = cap, .max_in_flight = max_in_flight };
  g_queue_init (&queue->pending);
}

/*
 * Queues @request. When the queue is full, the oldest pending request makes room: what
 * the display wants now matters more than what it wanted before. Returns that dropped
 * request (counted in drops) for the caller to release, or NULL.
 */
gpointer
vitrine_request_queue_push (VitrineRequestQueue *queue,
                            gpointer             request)
{
  gpointer dropped = NULL;

  g_return_val_if_fail (request != NULL, NULL);

  if (queue->pending.length >= queue->cap)
    {
      dropped = g_queue_pop_head (&queue->pending);
      queue->drops++;
    }
  g_queue_push_tail (&queue->pending, request);

  return dropped;
}

/* The next request to send, now counted in flight; NULL when none may go yet. */
gpointer
vitrine_request_queue_pop_ready (VitrineRequestQueue *queue)
{
  if (queue->in_flight >= queue->max_in_flight || queue->pending.length == 0)
    return NULL;

  queue->in_flight++;
  return g_queue_pop_head (&queue->pending);
}

/* A request in flight got its reply, failed, or died with its worker. */
void
vitrine_request_queue_done (VitrineRequestQueue *queue)
{
  g_return_if_fail (queue->in_flight > 0);

  queue->in_flight--;
}

void
vitrine_request_queue_clear (VitrineRequestQueue *queue,
                             GDestroyNotify       free_func)
{
  gpointer request;

  while ((request = g_queue_pop_head (&queue->pending)) != NULL)
    if (free_func != NULL)
      free_func (request);
}

guint
vitrine_request_queue_length (const VitrineRequestQueue *queue)
{
  return queue->pending.length;
}
