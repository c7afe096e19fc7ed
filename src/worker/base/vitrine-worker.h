/* vitrine-worker.h: the base of every worker process (docs/ARCHITECTURE.md §1–§3).
 *
 * It owns the connection to the display (peer-to-peer D-Bus on the inherited socket),
 * answers the handshake and heartbeats from the main loop, runs each request's role work
 * on a thread, keeps the poison list, and applies injected faults for tests. A role is a
 * subclass that implements process().
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gio/gunixfdlist.h>

#include "vitrine-message.h"
#include "vitrine-poison-policy.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_WORKER (vitrine_worker_get_type ())

G_DECLARE_DERIVABLE_TYPE (VitrineWorker, vitrine_worker, VITRINE, WORKER, GObject)

struct _VitrineWorkerClass
{
  GObjectClass parent_class;

  VitrineWorkerRoleId role;

  /*
   * Runs on a worker thread. Returns the reply (a{sv}, may be floating) for a request of
   * @kind, appending any file descriptors to @fds and naming their indices in the reply.
   * Subclasses chain up for kinds they do not know.
   */
  GVariant *(*process) (VitrineWorker  *self,
                        const char     *kind,
                        GVariant       *request,
                        GUnixFDList    *fds,
                        GCancellable   *cancellable,
                        GError        **error);

  gpointer padding[8];
};

#define VITRINE_WORKER_ERROR (vitrine_worker_error_quark ())

typedef enum
{
  VITRINE_WORKER_ERROR_BAD_REQUEST,
  VITRINE_WORKER_ERROR_UNKNOWN_KIND,
  VITRINE_WORKER_ERROR_QUARANTINED,
  VITRINE_WORKER_ERROR_FAILED,
} VitrineWorkerError;

GQuark              vitrine_worker_error_quark  (void);
VitrineWorker      *vitrine_worker_new_for_role (VitrineWorkerRoleId   role);
VitrineWorkerRoleId vitrine_worker_get_role     (VitrineWorker        *self);
void                vitrine_worker_set_poison_context (VitrineWorker  *self,
                                                 const char           *instance,
                                                 VitrinePredecessor    predecessor);
void                vitrine_worker_set_sandbox  (VitrineWorker        *self,
                                                 GVariant             *sandbox);
int                 vitrine_worker_run          (VitrineWorker        *self,
                                                 int                   socket_fd,
                                                 GError              **error);

G_END_DECLS
