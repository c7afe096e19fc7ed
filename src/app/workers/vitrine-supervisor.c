/* vitrine-supervisor.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vitrine-latency.h"
#include "vitrine-memfd.h"
#include "vitrine-request-queue.h"
#include "vitrine-restart-policy.h"
#include "vitrine-supervisor.h"

/* Seconds a new worker has to answer Hello. */
#define HANDSHAKE_TIMEOUT_MS 5000
/* How long a worker that closed its connection may take to exit on its own. */
#define CLOSE_GRACE_MS 500
/* The same error is logged at most once per this many seconds, with a count of the rest. */
#define LOG_THROTTLE_US (5 * G_USEC_PER_SEC)

typedef struct _Role Role;

/*
 * What the size filter needs, in its own reference-counted box: GDBus runs filters in its
 * thread and may still run one just after it was removed, when the role has moved on.
 */
typedef struct
{
  gsize cap;
  gint  oversize;     /* bytes of the last message dropped for its size, 0: none */
} SizeFilter;

struct _Role
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
  SizeFilter          *filter;       /* shared with GDBus's thread */
  guint                filter_id;
  guint                heartbeat_id;
  gboolean             ping_pending;
  gboolean             heartbeat_tick;
  gint64               last_heartbeat_us;
  char               **quarantined;

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
};

struct _VitrineSupervisor
{
  GObject    parent_instance;

  char      *worker_path;
  GSettings *settings;
  gboolean   started;
  gboolean   shutting_down;
  Role       roles[VITRINE_WORKER_N_ROLES];
};

G_DEFINE_FINAL_TYPE (VitrineSupervisor, vitrine_supervisor, G_TYPE_OBJECT)

G_DEFINE_QUARK (vitrine-supervisor-error-quark, vitrine_supervisor_error)

enum {
  STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  Role     *role;
  guint64   seq_no;
  guint64   generation;
  gint64    sent_us;
  GVariant *request;
} Request;

typedef struct
{
  GVariant    *reply;
  GUnixFDList *fds;
} Reply;

static void role_start (Role *role);
static void role_kill (Role *role, const char *reason);

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_pointer (&request->request, g_variant_unref);
  g_free (request);
}

static void
reply_free (gpointer data)
{
  Reply *reply = data;

  g_clear_pointer (&reply->reply, g_variant_unref);
  g_clear_object (&reply->fds);
  g_free (reply);
}

const char *
vitrine_worker_state_to_string (VitrineWorkerState state)
{
  switch (state)
    {
    case VITRINE_WORKER_STATE_STOPPED: return "stopped";
    case VITRINE_WORKER_STATE_STARTING: return "starting";
    case VITRINE_WORKER_STATE_RUNNING: return "running";
    case VITRINE_WORKER_STATE_BACKOFF: return "backoff";
    case VITRINE_WORKER_STATE_FAILED: return "failed";
    case VITRINE_WORKER_STATE_DISABLED: return "disabled";
    default: return "unknown";
    }
}

static const char *
role_name (Role *role)
{
  return vitrine_worker_role_to_string (role->id);
}

/* Structured log line with the worker fields; repeats of an error are throttled. */
static void
role_log (Role           *role,
          GLogLevelFlags  level,
          guint64         seq_no,
          const char     *format,
          ...) G_GNUC_PRINTF (4, 5);

static void
role_log (Role           *role,
          GLogLevelFlags  level,
          guint64         seq_no,
          const char     *format,
          ...)
{
  g_autofree char *message = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) role->pid);
  g_autofree char *seq = g_strdup_printf ("%" G_GUINT64_FORMAT, seq_no);
  g_autofree char *generation = g_strdup_printf ("%" G_GUINT64_FORMAT, role->generation);
  gint64 now = g_get_monotonic_time ();
  va_list args;

  if (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
    {
      if (now - role->last_log_us < LOG_THROTTLE_US)
        {
          role->suppressed_logs++;
          return;
        }
      role->last_log_us = now;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (role->suppressed_logs > 0)
    {
      g_autofree char *with_count = g_strdup_printf ("%s (and %u similar messages)", message,
                                                     role->suppressed_logs);

      g_free (message);
      message = g_steal_pointer (&with_count);
      role->suppressed_logs = 0;
    }

  g_log_structured (G_LOG_DOMAIN, level,
                    "MESSAGE", "%s worker: %s", role_name (role), message,
                    "WORKER_TYPE", role_name (role),
                    "PID", pid,
                    "SEQ_NO", seq,
                    "GENERATION", generation);
}

static void
role_set_state (Role               *role,
                VitrineWorkerState  state)
{
  if (role->state == state)
    return;

  role->state = state;
  g_signal_emit (role->self, signals[STATE_CHANGED], 0, role->id, state);
}

static double
setting_double (VitrineSupervisor *self,
                const char        *key,
                double             fallback)
{
  return self->settings != NULL ? g_settings_get_double (self->settings, key) : fallback;
}

static guint
setting_uint (VitrineSupervisor *self,
              const char        *key,
              guint              fallback)
{
  return self->settings != NULL ? g_settings_get_uint (self->settings, key) : fallback;
}

static gboolean
role_enabled (Role *role)
{
  g_autofree char *key = g_strdup_printf ("%s-enabled", role_name (role));

  return role->self->settings == NULL || g_settings_get_boolean (role->self->settings, key);
}

/* How long a request may take before the worker counts as hung (docs/ARCHITECTURE.md §3). */
static int
role_deadline_ms (Role *role)
{
  switch (role->id)
    {
    case VITRINE_WORKER_ROLE_IMAGE:
      return (int) (setting_double (role->self, "image-deadline", 10) * 1000);
    case VITRINE_WORKER_ROLE_FEED:
      return (int) (setting_double (role->self, "feed-deadline", 30) * 1000);
    case VITRINE_WORKER_ROLE_TRANSITION:
      return (int) (setting_double (role->self, "transition-deadline", 2) * 1000);
    case VITRINE_WORKER_ROLE_AUDIO:
    case VITRINE_WORKER_N_ROLES:
    default:
      return 5000;
    }
}

static void
role_init_queue (Role *role)
{
  VitrineSupervisor *self = role->self;

  switch (role->id)
    {
    case VITRINE_WORKER_ROLE_IMAGE:
      vitrine_request_queue_init (&role->queue, setting_uint (self, "image-queue-size", 8),
                                  setting_uint (self, "image-in-flight", 2));
      break;
    case VITRINE_WORKER_ROLE_FEED:
      vitrine_request_queue_init (&role->queue, setting_uint (self, "feed-queue-size", 4), 1);
      break;
    case VITRINE_WORKER_ROLE_TRANSITION:
      vitrine_request_queue_init (&role->queue, setting_uint (self, "transition-queue-size", 4), 1);
      break;
    case VITRINE_WORKER_ROLE_AUDIO:
    case VITRINE_WORKER_N_ROLES:
    default:
      /* Latest value only: a new configuration replaces one not yet sent. */
      vitrine_request_queue_init (&role->queue, 1, 1);
      break;
    }
}

static void
fail_task (GTask      *task,
           int         code,
           const char *message)
{
  g_task_return_new_error (task, VITRINE_SUPERVISOR_ERROR, code, "%s", message);
}

static void
role_fail_pending (Role       *role,
                   int         code,
                   const char *message)
{
  GTask *task;

  while ((task = g_queue_pop_head (&role->queue.pending)) != NULL)
    {
      fail_task (task, code, message);
      g_object_unref (task);
    }
}

/* Everything of the current process goes; the role's history stays. */
static void
role_forget_process (Role       *role,
                     const char *reason)
{
  g_autofree char *message = g_strdup_printf ("the %s worker ended: %s", role_name (role), reason);

  g_clear_handle_id (&role->heartbeat_id, g_source_remove);
  g_cancellable_cancel (role->cancellable);
  g_clear_object (&role->cancellable);
  if (role->connection != NULL)
    {
      /* "closed" is emitted from an idle later on; the role must not hear it then. */
      g_signal_handlers_disconnect_by_data (role->connection, role);
      g_dbus_connection_remove_filter (role->connection, role->filter_id);
      g_dbus_connection_close (role->connection, NULL, NULL, NULL);
    }
  role->filter_id = 0;
  g_clear_object (&role->connection);
  g_clear_pointer (&role->filter, g_atomic_rc_box_release);
  g_clear_object (&role->process);
  role->pid = 0;
  role->ping_pending = FALSE;
  role->incarnation++;

  /* Requests in flight die with their process. */
  while (role->in_flight->len > 0)
    {
      GTask *task = g_ptr_array_steal_index (role->in_flight, 0);

      vitrine_request_queue_done (&role->queue);
      fail_task (task, VITRINE_SUPERVISOR_ERROR_WORKER_DIED, message);
      g_object_unref (task);
    }
}

static gboolean
restart_cb (gpointer user_data)
{
  Role *role = user_data;

  role->restart_id = 0;
  role_start (role);
  return G_SOURCE_REMOVE;
}

static void
role_process_ended (Role       *role,
                    const char *reason)
{
  VitrineSupervisor *self = role->self;
  VitrineRestartPolicy policy;
  double delay = 0;

  role_forget_process (role, reason);

  if (self->shutting_down || role->state == VITRINE_WORKER_STATE_DISABLED ||
      role->state == VITRINE_WORKER_STATE_STOPPED)
    return;

  g_free (role->last_restart_reason);
  role->last_restart_reason = g_strdup (reason);

  policy.backoff_initial = setting_double (self, "restart-backoff-initial", 0.5);
  policy.backoff_max = MAX (policy.backoff_initial, setting_double (self, "restart-backoff-max", 30));
  policy.backoff_reset = setting_double (self, "restart-backoff-reset", 60);
  policy.limit = setting_uint (self, "restart-limit", 5);
  policy.window = setting_double (self, "restart-window", 300);

  if (vitrine_restart_policy_on_exit (&policy, &role->restart,
                                      g_get_monotonic_time () / (double) G_USEC_PER_SEC,
                                      &delay) == VITRINE_RESTART_GIVE_UP)
    {
      role_log (role, G_LOG_LEVEL_WARNING, 0,
                "gave up after %u restarts in %.0f s; last: %s", policy.limit, policy.window, reason);
      role_set_state (role, VITRINE_WORKER_STATE_FAILED);
      role_fail_pending (role, VITRINE_SUPERVISOR_ERROR_UNAVAILABLE,
                         "the worker failed too often and was given up");
      return;
    }

  role->restarts++;
  role_log (role, G_LOG_LEVEL_MESSAGE, 0, "%s; restarting in %.1f s", reason, delay);
  role_set_state (role, VITRINE_WORKER_STATE_BACKOFF);
  role->restart_id = g_timeout_add ((guint) (delay * 1000), restart_cb, role);
}

/* Callbacks carry the incarnation they were made for; a later process ignores them. */
typedef struct
{
  Role  *role;
  guint  incarnation;
} Ticket;

static Ticket *
ticket_new (Role *role)
{
  Ticket *ticket = g_new (Ticket, 1);

  ticket->role = role;
  ticket->incarnation = role->incarnation;
  return ticket;
}

static gboolean
ticket_valid (Ticket *ticket,
              GError *error)
{
  return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
         ticket->incarnation == ticket->role->incarnation;
}

static char *
describe_exit (GSubprocess *process)
{
  if (g_subprocess_get_if_signaled (process))
    return g_strdup_printf ("killed by signal %d (%s)", g_subprocess_get_term_sig (process),
                            g_strsignal (g_subprocess_get_term_sig (process)));
  return g_strdup_printf ("exited with status %d", g_subprocess_get_exit_status (process));
}

static void
process_exited_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autofree Ticket *ticket = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *how = NULL;
  g_autofree char *reason = NULL;
  Role *role = ticket->role;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, &error);
  if (!ticket_valid (ticket, error))
    return;

  how = describe_exit (G_SUBPROCESS (object));
  reason = g_strdup (role->kill_reason != NULL ? role->kill_reason : how);
  g_clear_pointer (&role->kill_reason, g_free);
  role_process_ended (role, reason);
}

/* SIGKILL with a reason; the exit callback does the rest. Idempotent. */
static void
role_kill (Role       *role,
           const char *reason)
{
  if (role->process == NULL || role->kill_reason != NULL)
    return;

  role_log (role, G_LOG_LEVEL_WARNING, role->seq_no, "killing: %s", reason);
  role->kill_reason = g_strdup (reason);
  g_subprocess_force_exit (role->process);
}

static void role_pump (Role *role);

static void
ping_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autofree Ticket *ticket = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (!ticket_valid (ticket, error))
    return;

  ticket->role->ping_pending = FALSE;
  if (reply != NULL)
    ticket->role->last_heartbeat_us = g_get_monotonic_time ();
}

/*
 * Ticks twice per heartbeat interval: every other tick sends a Ping, every tick checks how
 * long the last answer is ago. No answer for heartbeat-misses intervals means hung, found
 * within half an interval of that: 3 to 3.5 s at the defaults.
 */
static gboolean
heartbeat_cb (gpointer user_data)
{
  Role *role = user_data;
  guint limit = setting_uint (role->self, "heartbeat-misses", 3);
  double interval = setting_double (role->self, "heartbeat-interval", 1.0);
  gint64 silent_us = g_get_monotonic_time () - role->last_heartbeat_us;

  if (silent_us > (gint64) (limit * interval * G_USEC_PER_SEC))
    {
      g_autofree char *reason = g_strdup_printf ("hung: %u missed heartbeats (silent for %.1f s)",
                                                 limit, silent_us / (double) G_USEC_PER_SEC);

      role_kill (role, reason);
      return G_SOURCE_CONTINUE;
    }

  role->heartbeat_tick = !role->heartbeat_tick;
  if (!role->heartbeat_tick || role->ping_pending)
    return G_SOURCE_CONTINUE;

  role->ping_pending = TRUE;
  g_dbus_connection_call (role->connection, NULL, VITRINE_WORKER_OBJECT_PATH,
                          VITRINE_WORKER_INTERFACE, "Ping",
                          g_variant_new ("(@a{sv})",
                                         vitrine_message_header_request (role->id, 0, role->generation, 0)),
                          G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NONE,
                          (int) (limit * interval * 1000), role->cancellable, ping_cb,
                          ticket_new (role));
  return G_SOURCE_CONTINUE;
}

/*
 * Runs in GDBus's worker thread for every incoming message: one over the role's cap is
 * dropped before anyone looks at it, and the worker is restarted from the main loop.
 */
static GDBusMessage *
size_filter (GDBusConnection *connection,
             GDBusMessage    *message,
             gboolean         incoming,
             gpointer         user_data)
{
  SizeFilter *filter = user_data;
  GVariant *body;

  if (!incoming)
    return message;

  body = g_dbus_message_get_body (message);
  if (body != NULL && g_variant_get_size (body) > filter->cap)
    {
      g_atomic_int_set (&filter->oversize, (gint) MIN (g_variant_get_size (body), G_MAXINT));
      g_object_unref (message);
      /* Thread-safe: pending calls fail at once instead of waiting for their deadline. */
      g_dbus_connection_close (connection, NULL, NULL, NULL);
      return NULL;
    }

  return message;
}

/* The size filter dropped a message: reject it, once, and replace the worker. */
static gboolean
reject_oversize (Role *role)
{
  gint oversize = role->filter != NULL ? g_atomic_int_get (&role->filter->oversize) : 0;
  g_autofree char *reason = NULL;

  if (oversize == 0)
    return FALSE;
  if (role->kill_reason == NULL)
    {
      reason = g_strdup_printf ("sent a %d-byte message, over the %" G_GSIZE_FORMAT "-byte cap",
                                oversize, role->filter->cap);
      role->rejects++;
      role_kill (role, reason);
    }
  return TRUE;
}

static void
request_done (Role  *role,
              GTask *task)
{
  if (g_ptr_array_remove_fast (role->in_flight, task))
    vitrine_request_queue_done (&role->queue);
}

static void
process_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  Role *role = request->role;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) body = NULL;
  g_autoptr(GVariant) header_variant = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_auto(VitrineMessageHeader) header = { 0 };
  g_autoptr(GError) error = NULL;
  double latency_ms;
  Reply *out;

  body = g_dbus_connection_call_with_unix_fd_list_finish (G_DBUS_CONNECTION (object), &fds,
                                                          result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the process is gone; role_forget_process() answered the task */

  request_done (role, task);

  if (body == NULL && reject_oversize (role))
    {
      fail_task (task, VITRINE_SUPERVISOR_ERROR_REJECTED, role->kill_reason);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_autofree char *reason = g_strdup_printf ("hung: request %" G_GUINT64_FORMAT " past its %d ms deadline",
                                                 request->seq_no, role_deadline_ms (role));

      fail_task (task, VITRINE_SUPERVISOR_ERROR_TIMED_OUT, reason);
      role_kill (role, reason);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    {
      /* A reply of the wrong D-Bus type: the worker does not speak our protocol. */
      role->rejects++;
      fail_task (task, VITRINE_SUPERVISOR_ERROR_REJECTED, error->message);
      role_kill (role, "sent a reply of the wrong type");
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    {
      /* The process is going; its exit restarts it. */
      fail_task (task, VITRINE_SUPERVISOR_ERROR_WORKER_DIED, error->message);
      return;
    }
  if (body == NULL)
    {
      /* The worker's own error (unknown kind, quarantined, bad input): pass it on. */
      g_dbus_error_strip_remote_error (error);
      g_task_return_error (task, g_steal_pointer (&error));
      role_pump (role);
      return;
    }

  g_variant_get (body, "(@a{sv}@a{sv})", &header_variant, &reply);
  if (!vitrine_message_header_parse (header_variant, &header, &error) ||
      !vitrine_message_check_reply (&header, role->id, request->seq_no, &error))
    {
      g_autofree char *reason = g_strdup_printf ("sent a bad reply header: %s", error->message);

      role->rejects++;
      fail_task (task, VITRINE_SUPERVISOR_ERROR_REJECTED, reason);
      role_kill (role, reason);
      return;
    }

  latency_ms = (g_get_monotonic_time () - request->sent_us) / 1000.0;
  vitrine_latency_add (&role->latency, latency_ms);
  {
    g_autofree char *pid = g_strdup_printf ("%d", (int) role->pid);
    g_autofree char *seq = g_strdup_printf ("%" G_GUINT64_FORMAT, header.seq_no);
    g_autofree char *generation = g_strdup_printf ("%" G_GUINT64_FORMAT, header.generation);
    g_autofree char *latency = g_strdup_printf ("%.3f", latency_ms);

    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_DEBUG,
                      "MESSAGE", "%s worker: reply %s in %s ms", role_name (role), seq, latency,
                      "WORKER_TYPE", role_name (role), "PID", pid, "SEQ_NO", seq,
                      "GENERATION", generation, "LATENCY_MS", latency);
  }

  if (header.generation < role->generation)
    {
      role->stale++;
      role_log (role, G_LOG_LEVEL_DEBUG, header.seq_no, "dropped a reply for generation %"
                G_GUINT64_FORMAT, header.generation);
      fail_task (task, VITRINE_SUPERVISOR_ERROR_STALE, "the reply is for an older generation");
      role_pump (role);
      return;
    }

  out = g_new0 (Reply, 1);
  out->reply = g_steal_pointer (&reply);
  out->fds = g_steal_pointer (&fds);
  g_task_return_pointer (task, out, reply_free);
  role_pump (role);
}

/* Sends what the queue lets go: in order, within the role's in-flight limit. */
static void
role_pump (Role *role)
{
  GTask *task;

  /* Between a closed connection and the exit of its process the queue waits; the next
   * process's handshake pumps it. */
  if (role->state != VITRINE_WORKER_STATE_RUNNING || role->connection == NULL)
    return;

  while ((task = vitrine_request_queue_pop_ready (&role->queue)) != NULL)
    {
      Request *request = g_task_get_task_data (task);

      request->seq_no = ++role->seq_no;
      request->sent_us = g_get_monotonic_time ();
      g_ptr_array_add (role->in_flight, g_object_ref (task));
      g_dbus_connection_call_with_unix_fd_list (role->connection, NULL, VITRINE_WORKER_OBJECT_PATH,
                                                VITRINE_WORKER_INTERFACE, "Process",
                                                g_variant_new ("(@a{sv}@a{sv})",
                                                               vitrine_message_header_request (role->id,
                                                                                               request->seq_no,
                                                                                               request->generation,
                                                                                               g_variant_get_size (request->request)),
                                                               request->request),
                                                G_VARIANT_TYPE ("(a{sv}a{sv})"),
                                                G_DBUS_CALL_FLAGS_NONE, role_deadline_ms (role),
                                                NULL, role->cancellable, process_cb, task);
    }
}

static void
hello_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree Ticket *ticket = user_data;
  Role *role = ticket->role;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) info = NULL;
  g_autoptr(GError) error = NULL;
  const char *reported_role = NULL;
  int interval_ms;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (!ticket_valid (ticket, error))
    return;

  if (reply == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("no handshake: %s", error->message);

      role_kill (role, reason);
      return;
    }
  g_variant_get (reply, "(@a{sv})", &info);
  if (!g_variant_lookup (info, "role", "&s", &reported_role) ||
      g_strcmp0 (reported_role, role_name (role)) != 0)
    {
      role_kill (role, "answered the handshake as another role");
      return;
    }
  g_strfreev (role->quarantined);
  if (!g_variant_lookup (info, "quarantined", "^as", &role->quarantined))
    role->quarantined = NULL;

  vitrine_restart_state_started (&role->restart, g_get_monotonic_time () / (double) G_USEC_PER_SEC);
  role->last_heartbeat_us = g_get_monotonic_time ();
  interval_ms = (int) (setting_double (role->self, "heartbeat-interval", 1.0) * 1000);
  role->heartbeat_id = g_timeout_add (interval_ms / 2, heartbeat_cb, role);
  role_log (role, G_LOG_LEVEL_INFO, 0, "ready");
  role_set_state (role, VITRINE_WORKER_STATE_RUNNING);
  role_pump (role);
}

static gboolean
closed_grace_cb (gpointer user_data)
{
  Ticket *ticket = user_data;

  if (ticket->incarnation == ticket->role->incarnation && ticket->role->process != NULL)
    role_kill (ticket->role, "closed its connection");
  return G_SOURCE_REMOVE;
}

static void
connection_closed_cb (GDBusConnection *connection,
                      gboolean         remote_peer_vanished,
                      GError          *error,
                      gpointer         user_data)
{
  Role *role = user_data;

  if (role->connection != connection || role->self->shutting_down)
    return;
  if (reject_oversize (role))
    return;

  /* A corrupt stream closes the connection; a live process behind it is killed so that
   * the exit path restarts it. A process that died on its own gets there anyway. */
  if (error != NULL && !remote_peer_vanished)
    {
      g_autofree char *reason = g_strdup_printf ("broke the protocol: %s", error->message);

      role->rejects++;
      role_kill (role, reason);
    }
  else
    {
      /* Usually the process is exiting and says so in a moment, with its real cause; one
       * that closed its end and lives on is killed after a grace period. */
      g_timeout_add_full (G_PRIORITY_DEFAULT, CLOSE_GRACE_MS, closed_grace_cb, ticket_new (role), g_free);
    }
}

static void
connection_ready_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autofree Ticket *ticket = user_data;
  Role *role = ticket->role;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_dbus_connection_new_finish (result, &error);
  if (!ticket_valid (ticket, error))
    return;
  if (connection == NULL)
    {
      /* Mostly a process that died at start: its exit says why. One that lives on without
       * a connection is killed after the grace period. */
      role_log (role, G_LOG_LEVEL_DEBUG, 0, "no connection: %s", error->message);
      g_timeout_add_full (G_PRIORITY_DEFAULT, CLOSE_GRACE_MS, closed_grace_cb, ticket_new (role), g_free);
      return;
    }

  role->connection = g_steal_pointer (&connection);
  g_dbus_connection_set_exit_on_close (role->connection, FALSE);
  role->filter = g_atomic_rc_box_new0 (SizeFilter);
  role->filter->cap = vitrine_worker_role_message_cap (role->id);
  role->filter_id = g_dbus_connection_add_filter (role->connection, size_filter,
                                                  g_atomic_rc_box_acquire (role->filter),
                                                  (GDestroyNotify) g_atomic_rc_box_release);
  g_signal_connect (role->connection, "closed", G_CALLBACK (connection_closed_cb), role);
  g_dbus_connection_start_message_processing (role->connection);

  g_dbus_connection_call (role->connection, NULL, VITRINE_WORKER_OBJECT_PATH,
                          VITRINE_WORKER_INTERFACE, "Hello", NULL, G_VARIANT_TYPE ("(a{sv})"),
                          G_DBUS_CALL_FLAGS_NONE, HANDSHAKE_TIMEOUT_MS, role->cancellable,
                          hello_cb, ticket_new (role));
}

static void
role_start (Role *role)
{
  VitrineSupervisor *self = role->self;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketConnection) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *role_arg = g_strdup_printf ("--role=%s", role_name (role));
  g_autofree char *guid = g_dbus_generate_guid ();
  const char *identifier;
  int pair[2];

  if (self->shutting_down)
    return;
  if (!role_enabled (role))
    {
      role_set_state (role, VITRINE_WORKER_STATE_DISABLED);
      return;
    }

  role_set_state (role, VITRINE_WORKER_STATE_STARTING);
  role->cancellable = g_cancellable_new ();

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0)
    {
      role_process_ended (role, "cannot create a socket pair");
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  /* No child setup function: that would force fork() over posix_spawn(), a stall of several
   * milliseconds in a large display process. The worker sets its parent-death signal
   * first thing, and a display that dies sooner closes fd 3, which ends the worker too. */
  g_subprocess_launcher_take_fd (launcher, pair[1], 3);
  if (role->fault != NULL)
    g_subprocess_launcher_setenv (launcher, "VITRINE_WORKER_FAULT", role->fault, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "VITRINE_WORKER_FAULT");

  role->process = g_subprocess_launcher_spawn (launcher, &error, self->worker_path, role_arg,
                                               "--socket-fd=3", NULL);
  if (role->process == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("cannot start %s: %s", self->worker_path, error->message);

      close (pair[0]);
      role_process_ended (role, reason);
      return;
    }
  /* No identifier: the process has already ended (and its exit callback will say how). */
  identifier = g_subprocess_get_identifier (role->process);
  role->pid = identifier != NULL ? (GPid) g_ascii_strtoll (identifier, NULL, 10) : 0;
  g_subprocess_wait_async (role->process, role->cancellable, process_exited_cb, ticket_new (role));

  socket = g_socket_new_from_fd (pair[0], &error);
  if (socket == NULL)
    {
      close (pair[0]);
      role_kill (role, "cannot use its socket");
      return;
    }
  stream = g_socket_connection_factory_create_connection (socket);
  g_dbus_connection_new (G_IO_STREAM (stream), guid,
                         G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_SERVER |
                         G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_ALLOW_ANONYMOUS |
                         G_DBUS_CONNECTION_FLAGS_DELAY_MESSAGE_PROCESSING,
                         NULL, role->cancellable, connection_ready_cb, ticket_new (role));
}

VitrineSupervisor *
vitrine_supervisor_new (const char *worker_path,
                        GSettings  *settings)
{
  VitrineSupervisor *self;

  g_return_val_if_fail (worker_path != NULL, NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (VITRINE_TYPE_SUPERVISOR, NULL);
  self->worker_path = g_strdup (worker_path);
  if (settings != NULL)
    self->settings = g_object_ref (settings);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    role_init_queue (&self->roles[i]);

  return self;
}

/* Test hook: VITRINE_WORKER_FAULT for the role's next processes; NULL clears it. */
void
vitrine_supervisor_set_fault (VitrineSupervisor   *self,
                              VitrineWorkerRoleId  role,
                              const char          *fault)
{
  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));
  g_return_if_fail (role < VITRINE_WORKER_N_ROLES);

  g_free (self->roles[role].fault);
  self->roles[role].fault = g_strdup (fault);
}

static void
settings_changed_cb (VitrineSupervisor *self,
                     const char        *key,
                     GSettings         *settings)
{
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      Role *role = &self->roles[i];
      g_autofree char *enable_key = g_strdup_printf ("%s-enabled", role_name (role));

      if (!g_str_equal (key, enable_key))
        continue;

      if (role_enabled (role) && (role->state == VITRINE_WORKER_STATE_DISABLED ||
                                  role->state == VITRINE_WORKER_STATE_FAILED))
        {
          /* Switching a failed role off and on again gives it a fresh start. */
          vitrine_restart_state_init (&role->restart);
          role_start (role);
        }
      else if (!role_enabled (role))
        {
          g_clear_handle_id (&role->restart_id, g_source_remove);
          role_set_state (role, VITRINE_WORKER_STATE_DISABLED);
          if (role->process != NULL)
            role_kill (role, "disabled in settings");
          role_fail_pending (role, VITRINE_SUPERVISOR_ERROR_UNAVAILABLE, "the worker is disabled");
        }
    }
}

/* Starts every enabled role at once; each comes up on its own time. */
void
vitrine_supervisor_start (VitrineSupervisor *self)
{
  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));

  if (self->started)
    return;
  self->started = TRUE;

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb),
                             self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    role_start (&self->roles[i]);
}

static gboolean
all_exited (VitrineSupervisor *self)
{
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    if (self->roles[i].process != NULL && g_subprocess_get_identifier (self->roles[i].process) != NULL)
      return FALSE;
  return TRUE;
}

static void
wait_for_exits (VitrineSupervisor *self,
                gint64             deadline_us)
{
  GMainContext *context = g_main_context_get_thread_default ();

  while (!all_exited (self) && g_get_monotonic_time () < deadline_us)
    {
      if (!g_main_context_iteration (context, FALSE))
        g_usleep (2000);
    }
}

/*
 * Stops every worker: Shutdown, then after the grace period SIGTERM, then SIGKILL, and
 * reaps them, so no zombie and no fd is left. Called when the display quits; it iterates
 * the main context for at most about three grace periods.
 */
void
vitrine_supervisor_shutdown (VitrineSupervisor *self)
{
  gint64 grace_us;

  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));

  if (self->shutting_down)
    return;
  self->shutting_down = TRUE;
  grace_us = (gint64) (setting_double (self, "shutdown-grace", 1.0) * G_USEC_PER_SEC);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      Role *role = &self->roles[i];

      g_clear_handle_id (&role->restart_id, g_source_remove);
      g_clear_handle_id (&role->heartbeat_id, g_source_remove);
      if (role->connection != NULL)
        g_dbus_connection_call (role->connection, NULL, VITRINE_WORKER_OBJECT_PATH,
                                VITRINE_WORKER_INTERFACE, "Shutdown", NULL, NULL,
                                G_DBUS_CALL_FLAGS_NONE, (int) (grace_us / 1000), NULL, NULL, NULL);
    }
  wait_for_exits (self, g_get_monotonic_time () + grace_us);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    if (self->roles[i].process != NULL)
      g_subprocess_send_signal (self->roles[i].process, SIGTERM);
  wait_for_exits (self, g_get_monotonic_time () + grace_us);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    if (self->roles[i].process != NULL)
      g_subprocess_force_exit (self->roles[i].process);
  wait_for_exits (self, g_get_monotonic_time () + grace_us);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      Role *role = &self->roles[i];

      role_forget_process (role, "the display is shutting down");
      role_fail_pending (role, VITRINE_SUPERVISOR_ERROR_UNAVAILABLE, "the display is shutting down");
      role_set_state (role, VITRINE_WORKER_STATE_STOPPED);
    }
}

VitrineWorkerState
vitrine_supervisor_get_state (VitrineSupervisor   *self,
                              VitrineWorkerRoleId  role)
{
  g_return_val_if_fail (VITRINE_IS_SUPERVISOR (self), VITRINE_WORKER_STATE_STOPPED);
  g_return_val_if_fail (role < VITRINE_WORKER_N_ROLES, VITRINE_WORKER_STATE_STOPPED);

  return self->roles[role].state;
}

GPid
vitrine_supervisor_get_pid (VitrineSupervisor   *self,
                            VitrineWorkerRoleId  role)
{
  g_return_val_if_fail (VITRINE_IS_SUPERVISOR (self), 0);
  g_return_val_if_fail (role < VITRINE_WORKER_N_ROLES, 0);

  return self->roles[role].pid;
}

guint
vitrine_supervisor_get_restarts (VitrineSupervisor   *self,
                                 VitrineWorkerRoleId  role)
{
  g_return_val_if_fail (VITRINE_IS_SUPERVISOR (self), 0);
  g_return_val_if_fail (role < VITRINE_WORKER_N_ROLES, 0);

  return self->roles[role].restarts;
}

/* Replies made for a generation older than this are dropped and counted as stale. */
void
vitrine_supervisor_set_generation (VitrineSupervisor   *self,
                                   VitrineWorkerRoleId  role,
                                   guint64              generation)
{
  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));
  g_return_if_fail (role < VITRINE_WORKER_N_ROLES);

  self->roles[role].generation = generation;
}

void
vitrine_supervisor_request_async (VitrineSupervisor   *self,
                                  VitrineWorkerRoleId  role,
                                  GVariant            *request,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *data;
  Role *state;
  GTask *dropped;

  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));
  g_return_if_fail (role < VITRINE_WORKER_N_ROLES);
  g_return_if_fail (request != NULL);

  state = &self->roles[role];
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vitrine_supervisor_request_async);

  if (self->shutting_down || state->state == VITRINE_WORKER_STATE_FAILED ||
      state->state == VITRINE_WORKER_STATE_DISABLED)
    {
      g_task_return_new_error (task, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_UNAVAILABLE,
                               "the %s worker is %s", role_name (state),
                               vitrine_worker_state_to_string (state->state));
      return;
    }

  data = g_new0 (Request, 1);
  data->role = state;
  data->generation = state->generation;
  data->request = g_variant_ref_sink (request);
  g_task_set_task_data (task, data, request_free);

  dropped = vitrine_request_queue_push (&state->queue, g_steal_pointer (&task));
  if (dropped != NULL)
    {
      fail_task (dropped, VITRINE_SUPERVISOR_ERROR_DROPPED, "a newer request took its place");
      g_object_unref (dropped);
    }
  role_pump (state);
}

GVariant *
vitrine_supervisor_request_finish (VitrineSupervisor  *self,
                                   GAsyncResult       *result,
                                   GUnixFDList       **fds,
                                   GError            **error)
{
  Reply *reply;
  GVariant *value;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  reply = g_task_propagate_pointer (G_TASK (result), error);
  if (reply == NULL)
    return NULL;

  value = g_steal_pointer (&reply->reply);
  if (fds != NULL)
    *fds = g_steal_pointer (&reply->fds);
  reply_free (reply);

  return value;
}

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} SyncCall;

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncCall *call = user_data;

  call->result = g_object_ref (result);
  call->done = TRUE;
}

/*
 * vitrine_supervisor_request_async() waited for by iterating the default main context:
 * for the command line, tests and benchmarks. Never on the display's main loop, which
 * must not wait for a worker.
 */
GVariant *
vitrine_supervisor_request_sync (VitrineSupervisor    *self,
                                 VitrineWorkerRoleId   role,
                                 GVariant             *request,
                                 GUnixFDList         **fds,
                                 GError              **error)
{
  SyncCall call = { 0 };
  GVariant *reply;

  vitrine_supervisor_request_async (self, role, request, NULL, sync_done_cb, &call);
  while (!call.done)
    g_main_context_iteration (NULL, TRUE);
  reply = vitrine_supervisor_request_finish (self, call.result, fds, error);
  g_object_unref (call.result);
  return reply;
}

/*
 * The pixels a reply hands over: its "pixels" header and "fd" index, checked against each
 * other and against the memfd, mapped read-only. A lying reply is rejected and counted.
 */
GBytes *
vitrine_supervisor_map_pixels (VitrineSupervisor    *self,
                               VitrineWorkerRoleId   role,
                               GVariant             *reply,
                               GUnixFDList          *fds,
                               VitrinePixelHeader   *header,
                               GError              **error)
{
  g_autoptr(GVariant) header_variant = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = 0;
  int index = -1;
  int fd;

  g_return_val_if_fail (VITRINE_IS_SUPERVISOR (self), NULL);
  g_return_val_if_fail (role < VITRINE_WORKER_N_ROLES, NULL);

  header_variant = g_variant_lookup_value (reply, "pixels", G_VARIANT_TYPE_VARDICT);
  if (header_variant == NULL || !g_variant_lookup (reply, "fd", "i", &index) ||
      fds == NULL || index < 0 || index >= g_unix_fd_list_get_length (fds))
    {
      g_set_error_literal (error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_REJECTED,
                           "reply names no pixels or no file descriptor");
    }
  else if (vitrine_pixel_header_from_variant (header, header_variant, error) &&
           vitrine_pixel_header_byte_size (header, &size, error))
    {
      fd = g_unix_fd_list_get (fds, index, error);
      if (fd >= 0)
        {
          bytes = vitrine_memfd_map_sealed (fd, VITRINE_MEMFD_REQUIRED_SEALS, size,
                                            size + (gsize) header->stride, error);
          close (fd);
        }
    }

  if (bytes == NULL)
    {
      self->roles[role].rejects++;
      role_log (&self->roles[role], G_LOG_LEVEL_WARNING, 0, "rejected pixels: %s",
                error != NULL && *error != NULL ? (*error)->message : "unknown");
    }

  return g_steal_pointer (&bytes);
}

void
vitrine_supervisor_add_status (VitrineSupervisor *self,
                               JsonBuilder       *builder)
{
  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));

  json_builder_set_member_name (builder, "workers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      Role *role = &self->roles[i];
      VitrineLatencySummary latency;

      vitrine_latency_summarize (&role->latency, &latency);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "role");
      json_builder_add_string_value (builder, role_name (role));
      json_builder_set_member_name (builder, "pid");
      json_builder_add_int_value (builder, role->pid);
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, vitrine_worker_state_to_string (role->state));
      json_builder_set_member_name (builder, "restarts");
      json_builder_add_int_value (builder, role->restarts);
      json_builder_set_member_name (builder, "last_restart_reason");
      if (role->last_restart_reason != NULL)
        json_builder_add_string_value (builder, role->last_restart_reason);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "heartbeat_age_ms");
      if (role->state == VITRINE_WORKER_STATE_RUNNING)
        json_builder_add_int_value (builder, (g_get_monotonic_time () - role->last_heartbeat_us) / 1000);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "queue");
      json_builder_add_int_value (builder, vitrine_request_queue_length (&role->queue));
      json_builder_set_member_name (builder, "in_flight");
      json_builder_add_int_value (builder, role->queue.in_flight);
      json_builder_set_member_name (builder, "drops");
      json_builder_add_int_value (builder, (gint64) role->queue.drops);
      json_builder_set_member_name (builder, "rejects");
      json_builder_add_int_value (builder, (gint64) role->rejects);
      json_builder_set_member_name (builder, "stale");
      json_builder_add_int_value (builder, (gint64) role->stale);
      json_builder_set_member_name (builder, "latency_ms");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "p50");
      json_builder_add_double_value (builder, latency.p50);
      json_builder_set_member_name (builder, "p95");
      json_builder_add_double_value (builder, latency.p95);
      json_builder_set_member_name (builder, "p99");
      json_builder_add_double_value (builder, latency.p99);
      json_builder_set_member_name (builder, "max");
      json_builder_add_double_value (builder, latency.max);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "quarantined");
      json_builder_begin_array (builder);
      for (guint q = 0; role->quarantined != NULL && role->quarantined[q] != NULL; q++)
        json_builder_add_string_value (builder, role->quarantined[q]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
vitrine_supervisor_dispose (GObject *object)
{
  VitrineSupervisor *self = VITRINE_SUPERVISOR (object);

  vitrine_supervisor_shutdown (self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vitrine_supervisor_parent_class)->dispose (object);
}

static void
vitrine_supervisor_finalize (GObject *object)
{
  VitrineSupervisor *self = VITRINE_SUPERVISOR (object);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      Role *role = &self->roles[i];

      g_clear_pointer (&role->in_flight, g_ptr_array_unref);
      g_clear_pointer (&role->quarantined, g_strfreev);
      g_clear_pointer (&role->fault, g_free);
      g_clear_pointer (&role->kill_reason, g_free);
      g_clear_pointer (&role->last_restart_reason, g_free);
    }
  g_free (self->worker_path);

  G_OBJECT_CLASS (vitrine_supervisor_parent_class)->finalize (object);
}

static void
vitrine_supervisor_class_init (VitrineSupervisorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vitrine_supervisor_dispose;
  object_class->finalize = vitrine_supervisor_finalize;

  /**
   * VitrineSupervisor::state-changed:
   * @role: the #VitrineWorkerRoleId
   * @state: its new #VitrineWorkerState
   *
   * A role changed state: started, running, waiting to restart, failed, disabled.
   */
  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
vitrine_supervisor_init (VitrineSupervisor *self)
{
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      Role *role = &self->roles[i];

      role->self = self;
      role->id = (VitrineWorkerRoleId) i;
      role->in_flight = g_ptr_array_new_with_free_func (g_object_unref);
      vitrine_restart_state_init (&role->restart);
      vitrine_latency_init (&role->latency);
    }
}
