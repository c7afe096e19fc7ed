/* vitrine-supervisor.h: worker process lifecycles in the display process (docs/ARCHITECTURE.md §3,
 * §4): start, heartbeat, restart with backoff, give up, queues, metrics, shutdown. Nothing
 * here blocks the main loop, and nothing a worker sends can crash it. Each role's
 * #VitrineWorkerState (vitrine-enums.h) is announced by the ::state-changed signal.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gio/gunixfdlist.h>
#include <json-glib/json-glib.h>

#include "vitrine-enum-types.h"
#include "vitrine-enums.h"
#include "vitrine-message.h"
#include "vitrine-pixel-header.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_SUPERVISOR (vitrine_supervisor_get_type ())

G_DECLARE_FINAL_TYPE (VitrineSupervisor, vitrine_supervisor, VITRINE, SUPERVISOR, GObject)

#define VITRINE_SUPERVISOR_ERROR (vitrine_supervisor_error_quark ())

typedef enum
{
  VITRINE_SUPERVISOR_ERROR_DROPPED,      /* a newer request took its place in the queue */
  VITRINE_SUPERVISOR_ERROR_WORKER_DIED,  /* the process ended before answering */
  VITRINE_SUPERVISOR_ERROR_UNAVAILABLE,  /* role disabled, failed or shutting down */
  VITRINE_SUPERVISOR_ERROR_REJECTED,     /* the reply broke the protocol */
  VITRINE_SUPERVISOR_ERROR_STALE,        /* the reply is for an older generation */
  VITRINE_SUPERVISOR_ERROR_TIMED_OUT,    /* past the role's deadline; the worker was killed */
} VitrineSupervisorError;

GQuark              vitrine_supervisor_error_quark    (void);
const char         *vitrine_worker_state_to_string    (VitrineWorkerState     state);
VitrineSupervisor  *vitrine_supervisor_new            (const char            *worker_path,
                                                       GSettings             *settings);
void                vitrine_supervisor_set_instance   (VitrineSupervisor     *self,
                                                       const char            *instance);
void                vitrine_supervisor_set_fault      (VitrineSupervisor     *self,
                                                       VitrineWorkerRoleId    role,
                                                       const char            *fault);
void                vitrine_supervisor_set_read_only  (VitrineSupervisor     *self,
                                                       VitrineWorkerRoleId    role,
                                                       const char * const    *paths);
void                vitrine_supervisor_set_writable   (VitrineSupervisor     *self,
                                                       VitrineWorkerRoleId    role,
                                                       const char            *path);
GVariant           *vitrine_supervisor_dup_sandbox    (VitrineSupervisor     *self,
                                                       VitrineWorkerRoleId    role);
void                vitrine_supervisor_start          (VitrineSupervisor     *self);
void                vitrine_supervisor_start_first    (VitrineSupervisor     *self,
                                                       VitrineWorkerRoleId    role);
void                vitrine_supervisor_shutdown       (VitrineSupervisor     *self);
VitrineWorkerState  vitrine_supervisor_get_state      (VitrineSupervisor     *self,
                                                       VitrineWorkerRoleId    role);
GPid                vitrine_supervisor_get_pid        (VitrineSupervisor     *self,
                                                       VitrineWorkerRoleId    role);
guint               vitrine_supervisor_get_restarts   (VitrineSupervisor     *self,
                                                       VitrineWorkerRoleId    role);
void                vitrine_supervisor_set_generation (VitrineSupervisor     *self,
                                                       VitrineWorkerRoleId    role,
                                                       guint64                generation);
void                vitrine_supervisor_request_async  (VitrineSupervisor     *self,
                                                       VitrineWorkerRoleId    role,
                                                       GVariant              *request,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
GVariant           *vitrine_supervisor_request_finish (VitrineSupervisor     *self,
                                                       GAsyncResult          *result,
                                                       GUnixFDList          **fds,
                                                       GError               **error);
GVariant           *vitrine_supervisor_request_sync   (VitrineSupervisor     *self,
                                                       VitrineWorkerRoleId    role,
                                                       GVariant              *request,
                                                       GUnixFDList          **fds,
                                                       GError               **error);
GBytes             *vitrine_supervisor_map_pixels     (VitrineSupervisor     *self,
                                                       VitrineWorkerRoleId    role,
                                                       GVariant              *reply,
                                                       GUnixFDList           *fds,
                                                       VitrinePixelHeader    *header,
                                                       GError               **error);
void                vitrine_supervisor_forget_quarantined_async  (VitrineSupervisor   *self,
                                                       VitrineWorkerRoleId    role,
                                                       const char * const    *inputs,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
guint               vitrine_supervisor_forget_quarantined_finish (VitrineSupervisor   *self,
                                                       GAsyncResult          *result,
                                                       GError               **error);
const char * const *vitrine_supervisor_get_quarantined (VitrineSupervisor    *self,
                                                       VitrineWorkerRoleId    role,
                                                       guint                 *total);
void                vitrine_supervisor_add_status     (VitrineSupervisor     *self,
                                                       JsonBuilder           *builder);

G_END_DECLS
