/* vitrine-supervisor-requests.c: the supervisor's requests and replies: per-role queues,
 * deadlines, the size cap on everything a worker sends, reply header checks, stale drops,
 * latency, and mapping the pixels a reply hands over (docs/ARCHITECTURE.md §2, §4). A
 * reply that breaks the protocol is rejected, counted, and its worker replaced.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "vitrine-memfd.h"
#include "vitrine-supervisor-private.h"

typedef struct
{
  VitrineSupervisorRole *role;
  guint64                seq_no;
  guint64                generation;
  gint64                 sent_us;
  GVariant              *request;
  /* The process it was sent to, and the cancellable of that call. */
  guint                  incarnation;
  GCancellable          *cancellable;
} Request;

typedef struct
{
  GVariant    *reply;
  GUnixFDList *fds;
} Reply;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_pointer (&request->request, g_variant_unref);
  g_clear_object (&request->cancellable);
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

/* How long a request may take before the worker counts as hung (docs/ARCHITECTURE.md §3). */
static int
role_deadline_ms (VitrineSupervisorRole *role)
{
  switch (role->id)
    {
    case VITRINE_WORKER_ROLE_IMAGE:
      return (int) (_vitrine_supervisor_setting_double (role->self, "image-deadline", 10) * 1000);
    case VITRINE_WORKER_ROLE_FEED:
      return (int) (_vitrine_supervisor_setting_double (role->self, "feed-deadline", 75) * 1000);
    case VITRINE_WORKER_ROLE_TRANSITION:
      return (int) (_vitrine_supervisor_setting_double (role->self, "transition-deadline", 2) * 1000);
    case VITRINE_WORKER_ROLE_AUDIO:
    case VITRINE_WORKER_N_ROLES:
    default:
      return 5000;
    }
}

void
_vitrine_supervisor_role_init_queue (VitrineSupervisorRole *role)
{
  VitrineSupervisor *self = role->self;

  switch (role->id)
    {
    case VITRINE_WORKER_ROLE_IMAGE:
      vitrine_request_queue_init (&role->queue,
                                  _vitrine_supervisor_setting_uint (self, "image-queue-size", 8),
                                  _vitrine_supervisor_setting_uint (self, "image-in-flight", 2));
      break;
    case VITRINE_WORKER_ROLE_FEED:
      vitrine_request_queue_init (&role->queue,
                                  _vitrine_supervisor_setting_uint (self, "feed-queue-size", 4), 1);
      break;
    case VITRINE_WORKER_ROLE_TRANSITION:
      vitrine_request_queue_init (&role->queue,
                                  _vitrine_supervisor_setting_uint (self, "transition-queue-size", 4), 1);
      break;
    case VITRINE_WORKER_ROLE_AUDIO:
    case VITRINE_WORKER_N_ROLES:
    default:
      /* Four: the track summaries' requests (docs/caches.md) share the role with the
       * visualizer's configurations, and with one a poll could replace a configuration
       * not yet sent. Requests go in order, so the last configuration sent is the latest. */
      vitrine_request_queue_init (&role->queue, 4, 1);
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

/* Every request still waiting in the queue fails with @code. */
void
_vitrine_supervisor_role_fail_pending (VitrineSupervisorRole *role,
                                       int                    code,
                                       const char            *message)
{
  GTask *task;

  while ((task = g_queue_pop_head (&role->queue.pending)) != NULL)
    {
      fail_task (task, code, message);
      g_object_unref (task);
    }
}

/* Requests in flight die with their process. */
void
_vitrine_supervisor_role_fail_in_flight (VitrineSupervisorRole  *role,
                                         VitrineSupervisorError  code,
                                         const char             *message)
{
  while (role->in_flight->len > 0)
    {
      GTask *task = g_ptr_array_steal_index (role->in_flight, 0);

      vitrine_request_queue_done (&role->queue);
      fail_task (task, code, message);
      g_object_unref (task);
    }
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
  VitrineSizeFilter *filter = user_data;
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

/* The role's cap on every message of its new connection, before it processes any. */
void
_vitrine_supervisor_role_add_size_filter (VitrineSupervisorRole *role)
{
  role->filter = g_atomic_rc_box_new0 (VitrineSizeFilter);
  role->filter->cap = vitrine_worker_role_message_cap (role->id);
  role->filter_id = g_dbus_connection_add_filter (role->connection, size_filter,
                                                  g_atomic_rc_box_acquire (role->filter),
                                                  (GDestroyNotify) g_atomic_rc_box_release);
}

/* The size filter dropped a message: reject it, once, and replace the worker. */
gboolean
_vitrine_supervisor_role_reject_oversize (VitrineSupervisorRole *role)
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
      _vitrine_supervisor_role_kill (role, reason);
    }
  return TRUE;
}

static void
request_done (VitrineSupervisorRole *role,
              GTask                 *task)
{
  if (g_ptr_array_remove_fast (role->in_flight, task))
    vitrine_request_queue_done (&role->queue);
}

/* The worker's own error (unknown kind, quarantined, bad input, out of resources): passed
 * on as it is, and the worker goes on with the queue. */
static void
worker_error (VitrineSupervisorRole  *role,
              GTask                  *task,
              GError                **error)
{
  g_dbus_error_strip_remote_error (*error);
  g_task_return_error (task, g_steal_pointer (error));
  _vitrine_supervisor_role_pump (role);
}

/* A call that brought no reply: the worker's own error is passed on, anything else
 * answers the task and, unless the process is already going, replaces the worker. */
static void
process_failed (VitrineSupervisorRole  *role,
                Request                *request,
                GTask                  *task,
                GError                **error)
{
  if (_vitrine_supervisor_role_reject_oversize (role))
    {
      fail_task (task, VITRINE_SUPERVISOR_ERROR_REJECTED, role->kill_reason);
      return;
    }
  /* An error reply is the worker's own answer, whatever its code: only errors of our
   * side of the call (its timeout, its type check, its connection) say more. */
  if (g_dbus_error_is_remote_error (*error))
    {
      worker_error (role, task, error);
      return;
    }
  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      g_autofree char *reason = g_strdup_printf ("hung: request %" G_GUINT64_FORMAT
                                                 " past its %d ms deadline",
                                                 request->seq_no, role_deadline_ms (role));

      fail_task (task, VITRINE_SUPERVISOR_ERROR_TIMED_OUT, reason);
      _vitrine_supervisor_role_kill (role, reason);
      return;
    }
  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
    {
      /* A reply of the wrong D-Bus type: the worker does not speak our protocol. */
      role->rejects++;
      fail_task (task, VITRINE_SUPERVISOR_ERROR_REJECTED, (*error)->message);
      _vitrine_supervisor_role_kill (role, "sent a reply of the wrong type");
      return;
    }
  if (g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    {
      /* The process is going; its exit restarts it. */
      fail_task (task, VITRINE_SUPERVISOR_ERROR_WORKER_DIED, (*error)->message);
      return;
    }

  worker_error (role, task, error);
}

/* One structured debug line per reply, with its latency. */
static void
log_reply (VitrineSupervisorRole      *role,
           const VitrineMessageHeader *header,
           double                      latency_ms)
{
  g_autofree char *pid = g_strdup_printf ("%d", (int) role->pid);
  g_autofree char *seq = g_strdup_printf ("%" G_GUINT64_FORMAT, header->seq_no);
  g_autofree char *generation = g_strdup_printf ("%" G_GUINT64_FORMAT, header->generation);
  g_autofree char *latency = g_strdup_printf ("%.3f", latency_ms);
  const char *name = _vitrine_supervisor_role_name (role);

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_DEBUG,
                    "MESSAGE", "%s worker: reply %s in %s ms", name, seq, latency,
                    "WORKER_TYPE", name, "PID", pid, "SEQ_NO", seq,
                    "GENERATION", generation, "LATENCY_MS", latency);
}

static void
process_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  VitrineSupervisorRole *role = request->role;
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
  /* Decided by the call, not by the error's code: a worker may answer "cancelled" itself. */
  if (g_cancellable_is_cancelled (request->cancellable) || request->incarnation != role->incarnation)
    return;   /* the process is gone; role_forget_process() answered the task */

  request_done (role, task);

  if (body == NULL)
    {
      process_failed (role, request, task, &error);
      return;
    }

  g_variant_get (body, "(@a{sv}@a{sv})", &header_variant, &reply);
  if (!vitrine_message_header_parse (header_variant, &header, &error) ||
      !vitrine_message_check_reply (&header, role->id, request->seq_no, &error))
    {
      g_autofree char *reason = g_strdup_printf ("sent a bad reply header: %s", error->message);

      role->rejects++;
      fail_task (task, VITRINE_SUPERVISOR_ERROR_REJECTED, reason);
      _vitrine_supervisor_role_kill (role, reason);
      return;
    }

  latency_ms = (g_get_monotonic_time () - request->sent_us) / 1000.0;
  vitrine_latency_add (&role->latency, latency_ms);
  log_reply (role, &header, latency_ms);

  if (header.generation < role->generation)
    {
      role->stale++;
      _vitrine_supervisor_role_log (role, G_LOG_LEVEL_DEBUG, header.seq_no,
                                    "dropped a reply for generation %" G_GUINT64_FORMAT,
                                    header.generation);
      fail_task (task, VITRINE_SUPERVISOR_ERROR_STALE, "the reply is for an older generation");
      _vitrine_supervisor_role_pump (role);
      return;
    }

  if (!vitrine_message_check_handover (request->request, reply,
                                       fds != NULL ? (guint) g_unix_fd_list_get_length (fds) : 0, &error))
    {
      /* A lie about what it hands over: the request fails, and the fds close with the
       * list. Like a memfd that fails its checks, it does not cost the worker its life. */
      role->rejects++;
      _vitrine_supervisor_role_log (role, G_LOG_LEVEL_WARNING, header.seq_no, "rejected a reply: %s",
                                    error->message);
      fail_task (task, VITRINE_SUPERVISOR_ERROR_REJECTED, error->message);
      _vitrine_supervisor_role_pump (role);
      return;
    }

  out = g_new0 (Reply, 1);
  out->reply = g_steal_pointer (&reply);
  out->fds = g_steal_pointer (&fds);
  g_task_return_pointer (task, out, reply_free);
  _vitrine_supervisor_role_pump (role);
}

/* Sends what the queue lets go: in order, within the role's in-flight limit. */
void
_vitrine_supervisor_role_pump (VitrineSupervisorRole *role)
{
  GTask *task;

  /* Between a closed connection and the exit of its process the queue waits; the next
   * process's handshake pumps it. */
  if (role->state != VITRINE_WORKER_STATE_RUNNING || role->connection == NULL)
    return;

  while ((task = vitrine_request_queue_pop_ready (&role->queue)) != NULL)
    {
      Request *request = g_task_get_task_data (task);
      GVariant *header;

      request->seq_no = ++role->seq_no;
      request->sent_us = g_get_monotonic_time ();
      request->incarnation = role->incarnation;
      g_set_object (&request->cancellable, role->cancellable);
      g_ptr_array_add (role->in_flight, g_object_ref (task));
      header = vitrine_message_header_request (role->id, request->seq_no, request->generation,
                                               g_variant_get_size (request->request));
      g_dbus_connection_call_with_unix_fd_list (role->connection, NULL, VITRINE_WORKER_OBJECT_PATH,
                                                VITRINE_WORKER_INTERFACE, "Process",
                                                g_variant_new ("(@a{sv}@a{sv})", header, request->request),
                                                G_VARIANT_TYPE ("(a{sv}a{sv})"),
                                                G_DBUS_CALL_FLAGS_NONE, role_deadline_ms (role),
                                                NULL, role->cancellable, process_cb, task);
    }
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
  VitrineSupervisorRole *state;
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
      /* Consumed like a request that goes out: a floating one is not leaked. */
      g_variant_unref (g_variant_ref_sink (request));
      g_task_return_new_error (task, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_UNAVAILABLE,
                               "the %s worker is %s", _vitrine_supervisor_role_name (state),
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
  _vitrine_supervisor_role_pump (state);
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
      _vitrine_supervisor_role_log (&self->roles[role], G_LOG_LEVEL_WARNING, 0,
                                    "rejected pixels: %s",
                                    error != NULL && *error != NULL ? (*error)->message : "unknown");
    }

  return g_steal_pointer (&bytes);
}
