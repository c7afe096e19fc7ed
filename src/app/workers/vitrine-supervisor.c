/* vitrine-supervisor.c: the lifecycle and health of each worker role: spawn, handshake,
 * heartbeat, hung detection, restart with backoff, giving up, switching on and off, and
 * shutdown (docs/ARCHITECTURE.md §3). Requests and replies are in
 * vitrine-supervisor-requests.c, the `--status` part in vitrine-supervisor-status.c.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vitrine-enum-types.h"
#include "vitrine-supervisor-private.h"

/* Seconds a new worker has to answer Hello. */
#define HANDSHAKE_TIMEOUT_MS 5000
/* How long a worker that closed its connection may take to exit on its own. */
#define CLOSE_GRACE_MS 500
/* The same error is logged at most once per this many seconds, with a count of the rest. */
#define LOG_THROTTLE_US (5 * G_USEC_PER_SEC)

G_DEFINE_FINAL_TYPE (VitrineSupervisor, vitrine_supervisor, G_TYPE_OBJECT)

G_DEFINE_QUARK (vitrine-supervisor-error-quark, vitrine_supervisor_error)

enum {
  STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void role_start (VitrineSupervisorRole *role);

/* Structured log line with the worker fields; repeats of an error are throttled. */
void
_vitrine_supervisor_role_log (VitrineSupervisorRole *role,
                              GLogLevelFlags         level,
                              guint64                seq_no,
                              const char            *format,
                              ...)
{
  g_autofree char *message = NULL;
  g_autofree char *pid = g_strdup_printf ("%d", (int) role->pid);
  g_autofree char *seq = g_strdup_printf ("%" G_GUINT64_FORMAT, seq_no);
  g_autofree char *generation = g_strdup_printf ("%" G_GUINT64_FORMAT, role->generation);
  const char *name = _vitrine_supervisor_role_name (role);
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
                    "MESSAGE", "%s worker: %s", name, message,
                    "WORKER_TYPE", name,
                    "PID", pid,
                    "SEQ_NO", seq,
                    "GENERATION", generation);
}

/* The one place a role's state changes, so that ::state-changed misses none. */
void
_vitrine_supervisor_role_set_state (VitrineSupervisorRole *role,
                                    VitrineWorkerState     state)
{
  if (role->state == state)
    return;

  role->state = state;
  g_signal_emit (role->self, signals[STATE_CHANGED],
                 g_quark_from_static_string (_vitrine_supervisor_role_name (role)),
                 (guint) role->id, state);
}

double
_vitrine_supervisor_setting_double (VitrineSupervisor *self,
                                    const char        *key,
                                    double             fallback)
{
  return self->settings != NULL ? g_settings_get_double (self->settings, key) : fallback;
}

guint
_vitrine_supervisor_setting_uint (VitrineSupervisor *self,
                                  const char        *key,
                                  guint              fallback)
{
  return self->settings != NULL ? g_settings_get_uint (self->settings, key) : fallback;
}

static gboolean
role_enabled (VitrineSupervisorRole *role)
{
  g_autofree char *key = g_strdup_printf ("%s-enabled", _vitrine_supervisor_role_name (role));

  return role->self->settings == NULL || g_settings_get_boolean (role->self->settings, key);
}

/* Everything of the current process goes; the role's history stays. */
void
_vitrine_supervisor_role_forget_process (VitrineSupervisorRole *role,
                                         const char            *reason)
{
  g_autofree char *message = g_strdup_printf ("the %s worker ended: %s",
                                              _vitrine_supervisor_role_name (role), reason);
  /* A worker whose oversize message the filter dropped may exit (its connection closed)
   * before the call's own failure arrives: its requests are rejects all the same. */
  gboolean rejected = role->filter != NULL && g_atomic_int_get (&role->filter->oversize) != 0;

  g_clear_handle_id (&role->heartbeat_id, g_source_remove);
  g_clear_handle_id (&role->close_grace_id, g_source_remove);
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
  g_clear_pointer (&role->kill_reason, g_free);
  role->pid = 0;
  role->ping_pending = FALSE;
  role->incarnation++;

  _vitrine_supervisor_role_fail_in_flight (role, rejected ? VITRINE_SUPERVISOR_ERROR_REJECTED
                                                          : VITRINE_SUPERVISOR_ERROR_WORKER_DIED,
                                           message);
}

/* A process switched off has been reaped: only now may the role have another. */
static void
exiting_exited_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  VitrineSupervisorRole *role = user_data;
  g_autoptr(GError) error = NULL;

  /* Cancelled by the shutdown, after which the role may be gone. */
  if (!g_subprocess_wait_finish (G_SUBPROCESS (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&role->exiting);
  g_clear_object (&role->exiting_cancellable);
  if (role->start_on_exit)
    {
      role->start_on_exit = FALSE;
      role_start (role);
    }
}

/*
 * Switching a role off kills its process, and everything of that incarnation goes at once:
 * its timers, its connection, its requests in flight, its callbacks (the incarnation
 * moves on). None of it can reach a later process. The role keeps the process only to
 * learn when it is reaped, and starts no other until then (role_start()); its exit is
 * not a restart.
 */
static void
role_retire_process (VitrineSupervisorRole *role,
                     const char            *reason)
{
  if (role->process == NULL)
    return;

  _vitrine_supervisor_role_kill (role, reason);
  /* Its death is ours: the next process strikes nothing it was on. */
  role->predecessor = VITRINE_PREDECESSOR_CAUSED;
  role->exiting = g_object_ref (role->process);
  role->exiting_cancellable = g_cancellable_new ();
  g_subprocess_wait_async (role->exiting, role->exiting_cancellable, exiting_exited_cb, role);
  _vitrine_supervisor_role_forget_process (role, reason);
}

static gboolean
restart_cb (gpointer user_data)
{
  VitrineSupervisorRole *role = user_data;

  role->restart_id = 0;
  role_start (role);
  return G_SOURCE_REMOVE;
}

static void
role_process_ended (VitrineSupervisorRole *role,
                    const char            *reason)
{
  VitrineSupervisor *self = role->self;
  VitrineRestartPolicy policy;
  double delay = 0;

  _vitrine_supervisor_role_forget_process (role, reason);

  if (self->shutting_down || role->state == VITRINE_WORKER_STATE_DISABLED ||
      role->state == VITRINE_WORKER_STATE_STOPPED)
    return;

  /* The counters change before the state: ::state-changed handlers read them. */
  g_free (role->last_restart_reason);
  role->last_restart_reason = g_strdup (reason);

  policy.backoff_initial = _vitrine_supervisor_setting_double (self, "restart-backoff-initial", 0.5);
  policy.backoff_max = MAX (policy.backoff_initial,
                            _vitrine_supervisor_setting_double (self, "restart-backoff-max", 30));
  policy.backoff_reset = _vitrine_supervisor_setting_double (self, "restart-backoff-reset", 60);
  policy.limit = _vitrine_supervisor_setting_uint (self, "restart-limit", 5);
  policy.window = _vitrine_supervisor_setting_double (self, "restart-window", 300);

  if (vitrine_restart_policy_on_exit (&policy, &role->restart,
                                      g_get_monotonic_time () / (double) G_USEC_PER_SEC,
                                      &delay) == VITRINE_RESTART_GIVE_UP)
    {
      _vitrine_supervisor_role_log (role, G_LOG_LEVEL_WARNING, 0,
                                    "gave up after %u restarts in %.0f s; last: %s",
                                    policy.limit, policy.window, reason);
      _vitrine_supervisor_role_set_state (role, VITRINE_WORKER_STATE_FAILED);
      _vitrine_supervisor_role_fail_pending (role, VITRINE_SUPERVISOR_ERROR_UNAVAILABLE,
                                             "the worker failed too often and was given up");
      return;
    }

  role->restarts++;
  _vitrine_supervisor_role_log (role, G_LOG_LEVEL_MESSAGE, 0, "%s; restarting in %.1f s",
                                reason, delay);
  _vitrine_supervisor_role_set_state (role, VITRINE_WORKER_STATE_BACKOFF);
  role->restart_id = g_timeout_add ((guint) (delay * 1000), restart_cb, role);
}

/* Callbacks carry the incarnation and the cancellable of their call; a later process
 * ignores them. Never the error's code: a worker may answer "cancelled" itself. */
typedef struct
{
  VitrineSupervisorRole *role;
  guint                  incarnation;
  GCancellable          *cancellable;
} Ticket;

static Ticket *
ticket_new (VitrineSupervisorRole *role)
{
  Ticket *ticket = g_new (Ticket, 1);

  ticket->role = role;
  ticket->incarnation = role->incarnation;
  ticket->cancellable = g_object_ref (role->cancellable);
  return ticket;
}

static void
ticket_free (Ticket *ticket)
{
  g_object_unref (ticket->cancellable);
  g_free (ticket);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ticket, ticket_free)

/* The cancellable is looked at first: once it is cancelled the role may be gone. */
static gboolean
ticket_valid (Ticket *ticket)
{
  return !g_cancellable_is_cancelled (ticket->cancellable) &&
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
  g_autoptr(Ticket) ticket = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *how = NULL;
  g_autofree char *reason = NULL;
  VitrineSupervisorRole *role = ticket->role;
  GSubprocess *process = G_SUBPROCESS (object);

  g_subprocess_wait_finish (process, result, &error);
  if (!ticket_valid (ticket))
    return;

  how = describe_exit (process);
  /* Its last message was dropped for its size: that, not the exit it caused, is why. */
  _vitrine_supervisor_role_reject_oversize (role);
  _vitrine_supervisor_role_note_exit (role, process);
  reason = g_strdup (role->kill_reason != NULL ? role->kill_reason : how);
  g_clear_pointer (&role->kill_reason, g_free);
  role_process_ended (role, reason);
}

/* SIGKILL with a reason; the exit callback does the rest. Idempotent. */
void
_vitrine_supervisor_role_kill (VitrineSupervisorRole *role,
                               const char            *reason)
{
  if (role->process == NULL || role->kill_reason != NULL)
    return;

  _vitrine_supervisor_role_log (role, G_LOG_LEVEL_WARNING, role->seq_no, "killing: %s", reason);
  role->kill_reason = g_strdup (reason);
  g_subprocess_force_exit (role->process);
}

static void
ping_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Ticket) ticket = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (!ticket_valid (ticket))
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
  VitrineSupervisorRole *role = user_data;
  guint limit = _vitrine_supervisor_setting_uint (role->self, "heartbeat-misses", 3);
  double interval = _vitrine_supervisor_setting_double (role->self, "heartbeat-interval", 1.0);
  gint64 silent_us = g_get_monotonic_time () - role->last_heartbeat_us;
  GVariant *header;

  if (silent_us > (gint64) (limit * interval * G_USEC_PER_SEC))
    {
      g_autofree char *reason = g_strdup_printf ("hung: %u missed heartbeats (silent for %.1f s)",
                                                 limit, silent_us / (double) G_USEC_PER_SEC);

      _vitrine_supervisor_role_kill (role, reason);
      return G_SOURCE_CONTINUE;
    }

  role->heartbeat_tick = !role->heartbeat_tick;
  if (!role->heartbeat_tick || role->ping_pending)
    return G_SOURCE_CONTINUE;

  role->ping_pending = TRUE;
  header = vitrine_message_header_request (role->id, 0, role->generation, 0);
  g_dbus_connection_call (role->connection, NULL, VITRINE_WORKER_OBJECT_PATH,
                          VITRINE_WORKER_INTERFACE, "Ping", g_variant_new ("(@a{sv})", header),
                          G_VARIANT_TYPE ("(a{sv})"), G_DBUS_CALL_FLAGS_NONE,
                          (int) (limit * interval * 1000), role->cancellable, ping_cb,
                          ticket_new (role));
  return G_SOURCE_CONTINUE;
}

static void
hello_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Ticket) ticket = user_data;
  VitrineSupervisorRole *role = ticket->role;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) info = NULL;
  g_autoptr(GError) error = NULL;
  const char *reported_role = NULL;
  int interval_ms;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (!ticket_valid (ticket))
    return;

  if (reply == NULL)
    {
      g_autofree char *reason = NULL;

      g_dbus_error_strip_remote_error (error);   /* even the worker's own: the start failed */
      reason = g_strdup_printf ("no handshake: %s", error->message);

      _vitrine_supervisor_role_kill (role, reason);
      return;
    }
  g_variant_get (reply, "(@a{sv})", &info);
  if (!g_variant_lookup (info, "role", "&s", &reported_role) ||
      g_strcmp0 (reported_role, _vitrine_supervisor_role_name (role)) != 0)
    {
      _vitrine_supervisor_role_kill (role, "answered the handshake as another role");
      return;
    }
  _vitrine_supervisor_role_take_quarantine (role, info);
  _vitrine_supervisor_role_take_hello (role, info);

  vitrine_restart_state_started (&role->restart, g_get_monotonic_time () / (double) G_USEC_PER_SEC);
  role->last_heartbeat_us = g_get_monotonic_time ();
  interval_ms = (int) (_vitrine_supervisor_setting_double (role->self, "heartbeat-interval", 1.0) * 1000);
  role->heartbeat_id = g_timeout_add (interval_ms / 2, heartbeat_cb, role);
  _vitrine_supervisor_role_log (role, G_LOG_LEVEL_INFO, 0, "ready");
  _vitrine_supervisor_role_set_state (role, VITRINE_WORKER_STATE_RUNNING);
  _vitrine_supervisor_role_pump (role);
}

static gboolean
closed_grace_cb (gpointer user_data)
{
  VitrineSupervisorRole *role = user_data;

  role->close_grace_id = 0;
  if (role->process != NULL)
    _vitrine_supervisor_role_kill (role, "closed its connection");
  return G_SOURCE_REMOVE;
}

/*
 * A process without a connection gets CLOSE_GRACE_MS to exit by itself. The timer goes
 * with the process (role_forget_process()): it must not outlive its role, or a
 * supervisor made later at the same address would see a kill meant for this one.
 */
static void
role_arm_close_grace (VitrineSupervisorRole *role)
{
  if (role->close_grace_id == 0)
    role->close_grace_id = g_timeout_add (CLOSE_GRACE_MS, closed_grace_cb, role);
}

static void
connection_closed_cb (GDBusConnection *connection,
                      gboolean         remote_peer_vanished,
                      GError          *error,
                      gpointer         user_data)
{
  VitrineSupervisorRole *role = user_data;

  if (role->connection != connection || role->self->shutting_down)
    return;
  if (_vitrine_supervisor_role_reject_oversize (role))
    return;

  /* A corrupt stream closes the connection; a live process behind it is killed so that
   * the exit path restarts it. A process that died on its own gets there anyway. */
  if (error != NULL && !remote_peer_vanished)
    {
      g_autofree char *reason = g_strdup_printf ("broke the protocol: %s", error->message);

      role->rejects++;
      _vitrine_supervisor_role_kill (role, reason);
    }
  else
    {
      /* Usually the process is exiting and says so in a moment, with its real cause; one
       * that closed its end and lives on is killed after a grace period. */
      role_arm_close_grace (role);
    }
}

static void
connection_ready_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Ticket) ticket = user_data;
  VitrineSupervisorRole *role = ticket->role;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_dbus_connection_new_finish (result, &error);
  if (!ticket_valid (ticket))
    return;
  if (connection == NULL)
    {
      /* Mostly a process that died at start: its exit says why. One that lives on without
       * a connection is killed after the grace period. */
      _vitrine_supervisor_role_log (role, G_LOG_LEVEL_DEBUG, 0, "no connection: %s", error->message);
      role_arm_close_grace (role);
      return;
    }

  role->connection = g_steal_pointer (&connection);
  g_dbus_connection_set_exit_on_close (role->connection, FALSE);
  _vitrine_supervisor_role_add_size_filter (role);
  g_signal_connect (role->connection, "closed", G_CALLBACK (connection_closed_cb), role);
  g_dbus_connection_start_message_processing (role->connection);

  g_dbus_connection_call (role->connection, NULL, VITRINE_WORKER_OBJECT_PATH,
                          VITRINE_WORKER_INTERFACE, "Hello", NULL, G_VARIANT_TYPE ("(a{sv})"),
                          G_DBUS_CALL_FLAGS_NONE, HANDSHAKE_TIMEOUT_MS, role->cancellable,
                          hello_cb, ticket_new (role));
}

/* The worker process with @worker_fd, its end of the socket pair, as its fd 3; NULL with
 * @error set if it cannot be spawned. Takes @worker_fd in either case. */
static GSubprocess *
spawn_worker (VitrineSupervisorRole  *role,
              int                     worker_fd,
              GError                **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_auto(GStrv) argv = NULL;

  /* No child setup function: that would force fork() over posix_spawn(), a stall of several
   * milliseconds in a large display process. The worker sets its parent-death signal
   * first thing, and a display that dies sooner closes fd 3, which ends the worker too. */
  g_subprocess_launcher_take_fd (launcher, worker_fd, 3);
  argv = _vitrine_supervisor_role_prepare_spawn (role, launcher);
  if (role->fault != NULL)
    g_subprocess_launcher_setenv (launcher, "VITRINE_WORKER_FAULT", role->fault, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "VITRINE_WORKER_FAULT");

  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv, error);
}

/*
 * A worker that has not answered its handshake HANDSHAKE_TIMEOUT_MS after its spawn is
 * hung: the D-Bus authentication before Hello has no deadline of its own, and a process
 * stuck before it (stopped, or hung in its set-up) would keep the role starting for ever.
 */
static gboolean
start_deadline_cb (gpointer user_data)
{
  Ticket *ticket = user_data;

  if (ticket_valid (ticket) && ticket->role->state == VITRINE_WORKER_STATE_STARTING)
    {
      g_autofree char *reason = g_strdup_printf ("no handshake %d s after its start",
                                                 HANDSHAKE_TIMEOUT_MS / 1000);

      _vitrine_supervisor_role_kill (ticket->role, reason);
    }
  return G_SOURCE_REMOVE;
}

static void
role_start (VitrineSupervisorRole *role)
{
  VitrineSupervisor *self = role->self;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketConnection) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *guid = g_dbus_generate_guid ();
  const char *identifier;
  int pair[2];

  if (self->shutting_down)
    return;
  if (!role_enabled (role))
    {
      _vitrine_supervisor_role_set_state (role, VITRINE_WORKER_STATE_DISABLED);
      return;
    }

  _vitrine_supervisor_role_set_state (role, VITRINE_WORKER_STATE_STARTING);
  if (role->exiting != NULL)
    {
      /* One process per role: the one switched off is still ending, and its exit starts
       * this one. */
      role->start_on_exit = TRUE;
      return;
    }
  role->cancellable = g_cancellable_new ();

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0)
    {
      role_process_ended (role, "cannot create a socket pair");
      return;
    }

  role->process = spawn_worker (role, pair[1], &error);
  if (role->started_us == 0)
    role->started_us = g_get_monotonic_time ();
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
  g_timeout_add_full (G_PRIORITY_DEFAULT, HANDSHAKE_TIMEOUT_MS, start_deadline_cb, ticket_new (role),
                      (GDestroyNotify) ticket_free);

  socket = g_socket_new_from_fd (pair[0], &error);
  if (socket == NULL)
    {
      close (pair[0]);
      _vitrine_supervisor_role_kill (role, "cannot use its socket");
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
  self->instance = g_strdup ("display");
  if (settings != NULL)
    self->settings = g_object_ref (settings);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    _vitrine_supervisor_role_init_queue (&self->roles[i]);

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
      VitrineSupervisorRole *role = &self->roles[i];
      g_autofree char *enable_key = g_strdup_printf ("%s-enabled", _vitrine_supervisor_role_name (role));

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
          role->start_on_exit = FALSE;
          _vitrine_supervisor_role_set_state (role, VITRINE_WORKER_STATE_DISABLED);
          role_retire_process (role, "disabled in settings");
          _vitrine_supervisor_role_fail_pending (role, VITRINE_SUPERVISOR_ERROR_UNAVAILABLE,
                                                 "the worker is disabled");
        }
    }
}

static void
connect_settings (VitrineSupervisor *self)
{
  if (self->settings == NULL || self->settings_connected)
    return;
  self->settings_connected = TRUE;
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/*
 * Starts @role ahead of the others, which start with vitrine_supervisor_start(): the
 * display's first photo needs only the image worker, and the others' start-up would take
 * the cores from it and from GTK (docs/PERFORMANCE.md, "The disk cache"). Requests to the
 * others wait in their queues meanwhile.
 */
void
vitrine_supervisor_start_first (VitrineSupervisor   *self,
                                VitrineWorkerRoleId  role)
{
  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));
  g_return_if_fail (role < VITRINE_WORKER_N_ROLES);

  if (self->started || self->roles[role].state != VITRINE_WORKER_STATE_STOPPED)
    return;
  connect_settings (self);
  role_start (&self->roles[role]);
}

/* Starts every enabled role not started yet at once; each comes up on its own time. */
void
vitrine_supervisor_start (VitrineSupervisor *self)
{
  g_return_if_fail (VITRINE_IS_SUPERVISOR (self));

  if (self->started)
    return;
  connect_settings (self);
  self->started = TRUE;

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    if (self->roles[i].state == VITRINE_WORKER_STATE_STOPPED)
      role_start (&self->roles[i]);
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
      VitrineSupervisorRole *role = &self->roles[i];

      g_clear_pointer (&role->in_flight, g_ptr_array_unref);
      g_clear_pointer (&role->quarantined, g_strfreev);
      g_clear_pointer (&role->poison_list, g_free);
      g_clear_pointer (&role->sandbox, g_variant_unref);
      g_clear_pointer (&role->read_only, g_strfreev);
      g_clear_pointer (&role->writable, g_free);
      g_clear_pointer (&role->fault, g_free);
      g_clear_pointer (&role->kill_reason, g_free);
      g_clear_pointer (&role->last_restart_reason, g_free);
    }
  g_free (self->worker_path);
  g_free (self->instance);

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
   * @supervisor: the #VitrineSupervisor
   * @role: the #VitrineWorkerRoleId that changed
   * @state: its new #VitrineWorkerState
   *
   * A role changed state: starting, running, waiting to restart, failed, disabled,
   * stopped. Emitted for every change and only for a change, on the main loop. The
   * detail is the role's name (`state-changed::audio`), for listeners that care about
   * one role. When it is emitted, the role's restart count and last restart reason are
   * already up to date: they change only together with a state.
   */
  signals[STATE_CHANGED] =
    g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, VITRINE_TYPE_WORKER_STATE);
}

static void
vitrine_supervisor_init (VitrineSupervisor *self)
{
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      VitrineSupervisorRole *role = &self->roles[i];

      role->self = self;
      role->id = (VitrineWorkerRoleId) i;
      role->in_flight = g_ptr_array_new_with_free_func (g_object_unref);
      vitrine_restart_state_init (&role->restart);
      vitrine_latency_init (&role->latency);
    }
}
