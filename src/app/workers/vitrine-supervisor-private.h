/* vitrine-supervisor-private.h: what the supervisor's files share: the per-role state,
 * the instance struct, and the functions one of them calls in another.
 *
 * vitrine-supervisor.c has the lifecycle and health of each role (spawn, handshake,
 * heartbeat, hung detection, restart, backoff, give up, shutdown),
 * vitrine-supervisor-requests.c the requests and replies (queues, deadlines, header and
 * size checks, stale drops, pixel mapping), vitrine-supervisor-quarantine.c what it knows
 * of each worker's poison list (and how each process ended, for the next),
 * vitrine-supervisor-status.c the `workers` part of `vitrine --status`. Everything here
 * runs on the main loop except the size filter, which GDBus runs in its own thread.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-latency.h"
#include "vitrine-poison-policy.h"
#include "vitrine-request-queue.h"
#include "vitrine-restart-policy.h"
#include "vitrine-supervisor.h"

G_BEGIN_DECLS

/*
 * What the size filter needs, in its own reference-counted box: GDBus runs filters in its
 * thread and may still run one just after it was removed, when the role has moved on.
 */
typedef struct
{
  gsize cap;
  gint  oversize;     /* bytes of the last message dropped for its size, 0: none */
} VitrineSizeFilter;

typedef struct
{
  VitrineSupervisor   *self;
  VitrineWorkerRoleId  id;
  VitrineWorkerState   state;
  char                *fault;

  /* The current process; everything here belongs to one incarnation. */
  guint                incarnation;
  GSubprocess         *process;
  GPid                 pid;
  GDBusConnection     *connection;
  GCancellable        *cancellable;
  char                *kill_reason;
  VitrineSizeFilter   *filter;       /* shared with GDBus's thread */
  guint                filter_id;
  guint                heartbeat_id;
  guint                close_grace_id;
  gboolean             ping_pending;
  gboolean             heartbeat_tick;
  gint64               last_heartbeat_us;
  gint64               started_us;     /* its first process's spawn (monotonic µs), 0 before */

  /* The poison list as the role's latest Hello or forget reply said (docs/ARCHITECTURE.md §3). */
  char               **quarantined;    /* its first page */
  guint                quarantined_total;
  char                *poison_list;    /* "available" or "unavailable: why" */
  VitrinePredecessor   predecessor;    /* how the last process ended, for the next one */

  /* A process switched off and killed, detached from the role but not yet reaped; the
   * role starts no other until it has exited (docs/ARCHITECTURE.md §3). */
  GSubprocess         *exiting;
  GCancellable        *exiting_cancellable;
  gboolean             start_on_exit;   /* switched on again meanwhile */

  GVariant            *sandbox;        /* a{sv}, from Hello */
  char               **read_only;      /* --read-only folders of its next process */
  char                *writable;       /* its --writable folder (the feed role's save folder) */

  guint                restart_id;
  VitrineRestartState  restart;
  guint                restarts;
  char                *last_restart_reason;

  VitrineRequestQueue  queue;
  guint64              seq_no;
  guint64              generation;
  guint64              rejects;
  guint64              stale;
  VitrineLatency       latency;
  GPtrArray           *in_flight;    /* GTask */

  gint64               last_log_us;
  guint                suppressed_logs;
} VitrineSupervisorRole;

struct _VitrineSupervisor
{
  GObject                parent_instance;

  char                  *worker_path;
  char                  *instance;     /* "display" or "render": whose poison lists */
  GSettings             *settings;
  gboolean               started;
  gboolean               settings_connected;
  gboolean               shutting_down;
  gboolean               poison_warned;  /* said once that there is no poison list */
  VitrineSupervisorRole  roles[VITRINE_WORKER_N_ROLES];
};

static inline const char *
_vitrine_supervisor_role_name (VitrineSupervisorRole *role)
{
  return vitrine_worker_role_to_string (role->id);
}

/* vitrine-supervisor.c */
double   _vitrine_supervisor_setting_double        (VitrineSupervisor     *self,
                                                    const char            *key,
                                                    double                 fallback);
guint    _vitrine_supervisor_setting_uint          (VitrineSupervisor     *self,
                                                    const char            *key,
                                                    guint                  fallback);
void     _vitrine_supervisor_role_log              (VitrineSupervisorRole *role,
                                                    GLogLevelFlags         level,
                                                    guint64                seq_no,
                                                    const char            *format,
                                                    ...) G_GNUC_PRINTF (4, 5);
void     _vitrine_supervisor_role_kill             (VitrineSupervisorRole *role,
                                                    const char            *reason);
void     _vitrine_supervisor_role_set_state        (VitrineSupervisorRole *role,
                                                    VitrineWorkerState     state);
void     _vitrine_supervisor_role_forget_process   (VitrineSupervisorRole *role,
                                                    const char            *reason);

/* vitrine-supervisor-quarantine.c */
void     _vitrine_supervisor_role_take_quarantine  (VitrineSupervisorRole *role,
                                                    GVariant              *info);
void     _vitrine_supervisor_role_note_exit        (VitrineSupervisorRole *role,
                                                    GSubprocess           *process);

/* vitrine-supervisor-requests.c */
void     _vitrine_supervisor_role_init_queue       (VitrineSupervisorRole *role);
void     _vitrine_supervisor_role_pump             (VitrineSupervisorRole *role);
void     _vitrine_supervisor_role_fail_pending     (VitrineSupervisorRole *role,
                                                    int                    code,
                                                    const char            *message);
void     _vitrine_supervisor_role_fail_in_flight   (VitrineSupervisorRole *role,
                                                    VitrineSupervisorError code,
                                                    const char            *message);
void     _vitrine_supervisor_role_add_size_filter  (VitrineSupervisorRole *role);
gboolean _vitrine_supervisor_role_reject_oversize  (VitrineSupervisorRole *role);

/* vitrine-supervisor-sandbox.c */
char   **_vitrine_supervisor_role_prepare_spawn    (VitrineSupervisorRole *role,
                                                    GSubprocessLauncher   *launcher);
void     _vitrine_supervisor_role_take_hello       (VitrineSupervisorRole *role,
                                                    GVariant              *info);
void     _vitrine_supervisor_role_add_sandbox_status (VitrineSupervisorRole *role,
                                                      JsonBuilder           *builder);

G_END_DECLS
