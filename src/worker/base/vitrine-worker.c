/* vitrine-worker.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <string.h>
#include <unistd.h>

#include "vitrine-audio-worker.h"
#include "vitrine-feed-worker.h"
#include "vitrine-image-worker.h"
#include "vitrine-memfd.h"
#include "vitrine-pixel-header.h"
#include "vitrine-transition-worker.h"
#include "vitrine-worker-dbus.h"
#include "vitrine-worker-faults.h"
#include "vitrine-worker-poison.h"
#include "vitrine-worker-probes.h"
#include "vitrine-worker.h"

typedef struct
{
  GDBusConnection   *connection;
  VitrineDBusWorker1 *skeleton;
  GMainLoop         *loop;
  int                socket_fd;
  GPtrArray         *faults;
  VitrinePoisonList *poison;      /* NULL: unavailable, poison_status says why */
  char              *poison_status;
  char              *instance;
  VitrinePredecessor predecessor;
  guint              n_requests;
  int                status;
  GVariant          *sandbox;     /* a{sv}: what vitrine_sandbox_apply() put in force */
} VitrineWorkerPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (VitrineWorker, vitrine_worker, G_TYPE_OBJECT)

G_DEFINE_QUARK (vitrine-worker-error-quark, vitrine_worker_error)

/* How far an oversize reply passes its role's cap. */
#define OVERSIZE_MARGIN (64 * 1024)

typedef struct
{
  GDBusMethodInvocation *invocation;
  VitrineMessageHeader   header;
  char                  *kind;
  char                  *input;
  GVariant              *request;
  const VitrineFault    *fault;
  GUnixFDList           *fds;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->invocation);
  vitrine_message_header_clear (&job->header);
  g_free (job->kind);
  g_free (job->input);
  g_clear_pointer (&job->request, g_variant_unref);
  g_clear_object (&job->fds);
  g_free (job);
}

VitrineWorkerRoleId
vitrine_worker_get_role (VitrineWorker *self)
{
  g_return_val_if_fail (VITRINE_IS_WORKER (self), VITRINE_WORKER_N_ROLES);

  return VITRINE_WORKER_GET_CLASS (self)->role;
}

/*
 * The quarantine's own kinds, which every role answers: `quarantined` (the page from
 * `offset`, for a list too long for Hello) and `forget` (`inputs`, or everything when
 * absent), whose reply is the first page after forgetting and `forgotten` (u).
 */
static GVariant *
quarantine_request (VitrineWorker  *self,
                    const char     *kind,
                    GVariant       *request,
                    GError        **error)
{
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);
  GVariantBuilder reply;
  guint offset = 0;

  if (priv->poison == NULL)
    {
      g_set_error (error, VITRINE_WORKER_ERROR, VITRINE_WORKER_ERROR_FAILED,
                   "no poison list: %s", priv->poison_status);
      return NULL;
    }
  g_variant_builder_init (&reply, G_VARIANT_TYPE_VARDICT);
  if (g_str_equal (kind, "forget"))
    {
      g_autofree const char **inputs = NULL;
      guint forgotten;

      if (!g_variant_lookup (request, "inputs", "^a&s", &inputs))
        inputs = NULL;
      forgotten = vitrine_poison_list_forget (priv->poison, inputs);
      g_variant_builder_add (&reply, "{sv}", "forgotten", g_variant_new_uint32 (forgotten));
    }
  else
    g_variant_lookup (request, "offset", "u", &offset);
  vitrine_poison_list_add_page (priv->poison, &reply, offset);
  return g_variant_builder_end (&reply);
}

/* Kinds every role answers: probes of the machinery itself (tests, benchmarks). */
static GVariant *
vitrine_worker_real_process (VitrineWorker  *self,
                             const char     *kind,
                             GVariant       *request,
                             GUnixFDList    *fds,
                             GCancellable   *cancellable,
                             GError        **error)
{
  if (g_str_equal (kind, "echo"))
    return g_variant_new_parsed ("{'echo': %v}", request);
  if (g_str_equal (kind, "pixels"))
    return vitrine_worker_probe_pixels (request, fds, error);
  if (g_str_equal (kind, "pixels-inline"))
    return vitrine_worker_probe_inline_pixels (request, error);
  if (g_str_equal (kind, "quarantined") || g_str_equal (kind, "forget"))
    return quarantine_request (self, kind, request, error);

  g_set_error (error, VITRINE_WORKER_ERROR, VITRINE_WORKER_ERROR_UNKNOWN_KIND,
               "the %s worker does not know requests of kind “%s”",
               vitrine_worker_role_to_string (vitrine_worker_get_role (self)), kind);
  return NULL;
}

/*
 * The role's work with the soft descriptor limit at the lowest free descriptor, so that
 * every open() fails with EMFILE as in a process that ran out of them. The limit is the
 * process's, but only for this moment; the connection needs no new descriptor meanwhile.
 */
static GVariant *
process_without_fds (VitrineWorker  *self,
                     Job            *job,
                     GCancellable   *cancellable,
                     GError        **error)
{
  struct rlimit saved, limit;
  GVariant *reply;
  int lowest = open ("/dev/null", O_RDONLY | O_CLOEXEC);   /* the lowest free descriptor */

  if (lowest < 0 || getrlimit (RLIMIT_NOFILE, &saved) < 0)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "emfile fault: %s", g_strerror (errno));
      if (lowest >= 0)
        close (lowest);
      return NULL;
    }
  close (lowest);
  limit = saved;
  limit.rlim_cur = (rlim_t) lowest;
  setrlimit (RLIMIT_NOFILE, &limit);
  reply = VITRINE_WORKER_GET_CLASS (self)->process (self, job->kind, job->request, job->fds,
                                                    cancellable, error);
  setrlimit (RLIMIT_NOFILE, &saved);
  return reply;
}

static void
process_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  VitrineWorker *self = source_object;
  Job *job = task_data;
  GError *error = NULL;
  GVariant *reply;

  if (job->fault != NULL && job->fault->kind == VITRINE_FAULT_SLOW)
    g_usleep ((gulong) job->fault->arg * 1000);

  if (job->fault != NULL && job->fault->kind == VITRINE_FAULT_EMFILE)
    reply = process_without_fds (self, job, cancellable, &error);
  else
    reply = VITRINE_WORKER_GET_CLASS (self)->process (self, job->kind, job->request, job->fds,
                                                      cancellable, &error);
  if (reply == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_variant_ref_sink (reply), (GDestroyNotify) g_variant_unref);
}

/* Replaces the reply's fd with one that lies: unsealed, or shorter than its header. */
static void
apply_fd_fault (Job *job)
{
  g_autoptr(VitrineMemfdWriter) writer = NULL;
  g_autoptr(GUnixFDList) fds = g_unix_fd_list_new ();
  gboolean short_fd = job->fault->kind == VITRINE_FAULT_SHORT;
  int fd;

  writer = vitrine_memfd_writer_new ("vitrine-lie", short_fd ? 64 : 1 << 20, NULL);
  if (writer == NULL)
    return;
  if (short_fd)
    vitrine_memfd_writer_seal (writer, VITRINE_MEMFD_REQUIRED_SEALS, NULL);
  fd = vitrine_memfd_writer_steal_fd (writer);
  g_unix_fd_list_append (fds, fd, NULL);
  close (fd);
  g_set_object (&job->fds, fds);
}

/* @reply with @key set to @value (floating), every other member kept. */
static GVariant *
reply_with (GVariant   *reply,
            const char *key,
            GVariant   *value)
{
  GVariantBuilder builder;
  GVariantIter iter;
  const char *member;
  GVariant *member_value;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_iter_init (&iter, reply);
  while (g_variant_iter_next (&iter, "{&sv}", &member, &member_value))
    {
      if (!g_str_equal (member, key))
        g_variant_builder_add (&builder, "{sv}", member, member_value);
      g_variant_unref (member_value);
    }
  g_variant_builder_add (&builder, "{sv}", key, value);
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* Pixels of another size than asked, otherwise flawless: opaque black in a sealed memfd
 * that matches its own header, as the only fd of the reply. */
static GVariant *
apply_resize_fault (Job      *job,
                    GVariant *reply)
{
  g_autoptr(VitrineMemfdWriter) writer = NULL;
  g_autoptr(GUnixFDList) fds = g_unix_fd_list_new ();
  g_autoptr(GVariant) header_variant = g_variant_lookup_value (reply, "pixels", G_VARIANT_TYPE_VARDICT);
  g_autoptr(GVariant) with_header = NULL;
  g_auto(VitrinePixelHeader) header = { 0 };
  int fd;

  if (header_variant == NULL || !vitrine_pixel_header_from_variant (&header, header_variant, NULL))
    return g_variant_ref (reply);
  header.width = header.width < VITRINE_PIXEL_MAX_SIDE ? header.width + 1 : header.width - 1;
  header.stride = header.width * VITRINE_PIXEL_BYTES_PER_PIXEL;
  writer = vitrine_memfd_writer_new ("vitrine-resized", (gsize) header.stride * header.height, NULL);
  if (writer == NULL)
    return g_variant_ref (reply);
  for (gsize i = 3; i < (gsize) header.stride * header.height; i += 4)
    vitrine_memfd_writer_data (writer)[i] = 0xff;
  if (!vitrine_memfd_writer_seal (writer, VITRINE_MEMFD_REQUIRED_SEALS, NULL))
    return g_variant_ref (reply);
  fd = vitrine_memfd_writer_steal_fd (writer);
  g_unix_fd_list_append (fds, fd, NULL);
  close (fd);
  g_set_object (&job->fds, fds);

  with_header = reply_with (reply, "pixels", vitrine_pixel_header_to_variant (&header));
  return reply_with (with_header, "fd", g_variant_new_int32 (0));
}

/* The faults that make a reply's file descriptors disagree with what it says. */
static GVariant *
apply_fd_list_fault (Job              *job,
                     VitrineFaultKind  fault,
                     GVariant         *reply)
{
  int past_end = g_unix_fd_list_get_length (job->fds);

  if (fault == VITRINE_FAULT_RESIZE)
    return apply_resize_fault (job, reply);
  if (fault == VITRINE_FAULT_EXTRA_FDS)
    {
      g_autoptr(VitrineMemfdWriter) extra = vitrine_memfd_writer_new ("vitrine-extra", 4096, NULL);

      if (extra != NULL)
        g_unix_fd_list_append (job->fds, vitrine_memfd_writer_get_fd (extra), NULL);
      return g_variant_ref (reply);
    }
  if (fault == VITRINE_FAULT_FD_INDEX)
    {
      g_autoptr(GVariant) with_fd = NULL;
      int index;

      with_fd = g_variant_lookup (reply, "fd", "i", &index) ? reply_with (reply, "fd", g_variant_new_int32 (past_end))
                                                            : g_variant_ref (reply);
      if (g_variant_lookup (with_fd, "ring", "i", &index))
        return reply_with (with_fd, "ring", g_variant_new_int32 (past_end));
      return g_steal_pointer (&with_fd);
    }
  return g_variant_ref (reply);
}

static void
process_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VitrineWorker *self = VITRINE_WORKER (object);
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GVariant *reply_header;
  VitrineFaultKind fault = job->fault != NULL ? job->fault->kind : VITRINE_FAULT_NONE;

  reply = g_task_propagate_pointer (G_TASK (result), &error);
  if (job->input != NULL && priv->poison != NULL)
    vitrine_poison_list_end (priv->poison, job->input, reply != NULL);

  if (reply == NULL)
    {
      g_dbus_method_invocation_return_gerror (g_steal_pointer (&job->invocation), error);
      return;
    }

  if (fault == VITRINE_FAULT_RESIZE || fault == VITRINE_FAULT_EXTRA_FDS || fault == VITRINE_FAULT_FD_INDEX)
    {
      GVariant *changed = apply_fd_list_fault (job, fault, reply);

      g_variant_unref (reply);
      reply = changed;
    }
  if (fault == VITRINE_FAULT_STALE && job->header.generation > 0)
    job->header.generation--;
  reply_header = vitrine_message_header_reply (&job->header, g_variant_get_size (reply));
  if (fault == VITRINE_FAULT_LIE)
    reply_header = g_variant_new_parsed ("{'version': <'one'>, 'seq_no': <'x'>}");
  if (fault == VITRINE_FAULT_OVERSIZE)
    {
      gsize size = vitrine_worker_role_message_cap (vitrine_worker_get_role (self)) + OVERSIZE_MARGIN;
      g_autofree char *padding = g_malloc (size + 1);

      memset (padding, 'x', size);
      padding[size] = '\0';
      g_clear_pointer (&reply, g_variant_unref);
      reply = g_variant_ref_sink (g_variant_new_parsed ("{'padding': <%s>}", padding));
    }
  if (fault == VITRINE_FAULT_UNSEALED || fault == VITRINE_FAULT_SHORT)
    apply_fd_fault (job);

  vitrine_dbus_worker1_complete_process (priv->skeleton, g_steal_pointer (&job->invocation),
                                         job->fds, reply_header, reply);
}

/* Random bytes straight onto the socket: the display must survive a corrupt stream. */
static void
write_garbage (int fd)
{
  guint8 junk[4096];

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guint8) g_random_int ();
  if (write (fd, junk, sizeof junk) < 0)
    g_warning ("garbage fault: %s", g_strerror (errno));
}

/*
 * The injected faults that strike before the work starts: a crash (noted as in flight
 * first, so the poison list sees it), a hang, or garbage on the socket. The others act on
 * the reply in process_done(), or (slow) in process_thread().
 */
static void
fault_before_work (VitrineWorker *self,
                   Job           *job)
{
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);

  g_debug ("fault %d on request %u", job->fault->kind, priv->n_requests);
  switch (job->fault->kind)
    {
    case VITRINE_FAULT_CRASH:
      if (job->input != NULL && priv->poison != NULL)
        vitrine_poison_list_begin (priv->poison, job->input);
      abort ();
    case VITRINE_FAULT_HANG:
      for (;;)
        g_usleep (G_USEC_PER_SEC);
    case VITRINE_FAULT_GARBAGE:
      write_garbage (priv->socket_fd);
      break;
    case VITRINE_FAULT_NONE:
    case VITRINE_FAULT_SLOW:
    case VITRINE_FAULT_OVERSIZE:
    case VITRINE_FAULT_UNSEALED:
    case VITRINE_FAULT_SHORT:
    case VITRINE_FAULT_LIE:
    case VITRINE_FAULT_STALE:
    case VITRINE_FAULT_ERROR_CANCELLED:
    case VITRINE_FAULT_ERROR_CLOSED:
    case VITRINE_FAULT_EMFILE:
    case VITRINE_FAULT_HELLO_CANCELLED:
    case VITRINE_FAULT_HELLO_CLOSED:
    case VITRINE_FAULT_RESIZE:
    case VITRINE_FAULT_EXTRA_FDS:
    case VITRINE_FAULT_FD_INDEX:
    default:
      break;
    }
}

/* The GIO error code an error-reply fault answers with, or -1 for the other kinds. */
static int
fault_error_code (const VitrineFault *fault)
{
  VitrineFaultKind kind = fault != NULL ? fault->kind : VITRINE_FAULT_NONE;

  if (kind == VITRINE_FAULT_ERROR_CANCELLED || kind == VITRINE_FAULT_HELLO_CANCELLED)
    return G_IO_ERROR_CANCELLED;
  if (kind == VITRINE_FAULT_ERROR_CLOSED || kind == VITRINE_FAULT_HELLO_CLOSED)
    return G_IO_ERROR_CLOSED;
  return -1;
}

/* Answers @invocation (taking it) with the error of @fault, if it is an error-reply fault;
 * otherwise leaves it alone. */
static gboolean
return_fault_error (GDBusMethodInvocation *invocation,
                    const VitrineFault    *fault)
{
  int code = fault_error_code (fault);

  if (code < 0)
    return FALSE;
  g_dbus_method_invocation_return_error (invocation, G_IO_ERROR, code,
                                         "injected fault: %s",
                                         code == G_IO_ERROR_CANCELLED ? "Operation was cancelled"
                                                                      : "Stream is already closed");
  return TRUE;
}

static gboolean
handle_process (VitrineWorker         *self,
                GDBusMethodInvocation *invocation,
                GUnixFDList           *fd_list,
                GVariant              *header,
                GVariant              *request,
                VitrineDBusWorker1    *skeleton)
{
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Job *job = g_new0 (Job, 1);
  const char *kind = NULL;
  const char *input = NULL;

  job->invocation = g_object_ref (invocation);
  job->request = g_variant_ref (request);
  job->fds = g_unix_fd_list_new ();

  if (!vitrine_message_header_parse (header, &job->header, &error) ||
      !g_variant_lookup (request, "kind", "&s", &kind))
    {
      if (error == NULL)
        g_set_error_literal (&error, VITRINE_WORKER_ERROR, VITRINE_WORKER_ERROR_BAD_REQUEST,
                             "request has no kind");
      g_dbus_method_invocation_return_gerror (g_steal_pointer (&job->invocation), error);
      job_free (job);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  g_variant_lookup (request, "input", "&s", &input);
  job->kind = g_strdup (kind);
  job->input = g_strdup (input);

  /* A quarantined input is never touched again, whatever it would do. */
  if (job->input != NULL && priv->poison != NULL &&
      vitrine_poison_list_is_quarantined (priv->poison, job->input))
    {
      g_dbus_method_invocation_return_error (g_steal_pointer (&job->invocation),
                                             VITRINE_WORKER_ERROR, VITRINE_WORKER_ERROR_QUARANTINED,
                                             "%s is quarantined: it crashed a worker before",
                                             job->input);
      job_free (job);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }
  priv->n_requests++;
  job->fault = vitrine_faults_match (priv->faults, priv->n_requests, input);
  if (job->fault != NULL)
    fault_before_work (self, job);
  if (fault_error_code (job->fault) >= 0)
    {
      return_fault_error (g_steal_pointer (&job->invocation), job->fault);
      job_free (job);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  if (job->input != NULL && priv->poison != NULL)
    vitrine_poison_list_begin (priv->poison, job->input);

  task = g_task_new (self, NULL, process_done, NULL);
  g_task_set_source_tag (task, handle_process);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, process_thread);

  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_hello (VitrineWorker         *self,
              GDBusMethodInvocation *invocation,
              VitrineDBusWorker1    *skeleton)
{
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);
  GVariantBuilder info;

  if (return_fault_error (invocation, vitrine_faults_match_hello (priv->faults)))
    return G_DBUS_METHOD_INVOCATION_HANDLED;

  g_variant_builder_init (&info, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&info, "{sv}", "role",
                         g_variant_new_string (vitrine_worker_role_to_string (vitrine_worker_get_role (self))));
  g_variant_builder_add (&info, "{sv}", "pid", g_variant_new_int32 (getpid ()));
  g_variant_builder_add (&info, "{sv}", "version", g_variant_new_string (PACKAGE_VERSION));
  g_variant_builder_add (&info, "{sv}", "protocol", g_variant_new_uint32 (VITRINE_PROTOCOL_VERSION));
  /* The first page only: a long list would make every handshake oversize. */
  vitrine_poison_list_add_page (priv->poison, &info, 0);
  g_variant_builder_add (&info, "{sv}", "poison_list", g_variant_new_string (priv->poison_status));
  if (priv->sandbox != NULL)
    g_variant_builder_add (&info, "{sv}", "sandbox", priv->sandbox);

  vitrine_dbus_worker1_complete_hello (skeleton, invocation, g_variant_builder_end (&info));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_ping (VitrineWorker         *self,
             GDBusMethodInvocation *invocation,
             GVariant              *header,
             VitrineDBusWorker1    *skeleton)
{
  g_auto(VitrineMessageHeader) parsed = { 0 };
  g_autoptr(GError) error = NULL;

  if (!vitrine_message_header_parse (header, &parsed, &error))
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return G_DBUS_METHOD_INVOCATION_HANDLED;
    }

  vitrine_dbus_worker1_complete_ping (skeleton, invocation,
                                      vitrine_message_header_reply (&parsed, 0));
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static gboolean
handle_shutdown (VitrineWorker         *self,
                 GDBusMethodInvocation *invocation,
                 VitrineDBusWorker1    *skeleton)
{
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);

  /* Told to go: whatever is in flight is not to blame (docs/ARCHITECTURE.md §3). */
  if (priv->poison != NULL)
    vitrine_poison_list_close_clean (priv->poison);
  vitrine_dbus_worker1_complete_shutdown (skeleton, invocation);
  g_dbus_connection_flush_sync (priv->connection, NULL, NULL);
  g_main_loop_quit (priv->loop);
  return G_DBUS_METHOD_INVOCATION_HANDLED;
}

static void
connection_closed_cb (VitrineWorker   *self,
                      gboolean         remote_peer_vanished,
                      GError          *error,
                      GDBusConnection *connection)
{
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);

  /* The display went away (or closed on us): a worker has no reason to live on. */
  g_debug ("connection closed%s%s", error ? ": " : "", error ? error->message : "");
  if (priv->poison != NULL)
    vitrine_poison_list_close_clean (priv->poison);
  g_main_loop_quit (priv->loop);
}

/* The shutdown's second step: as clean an exit as Shutdown itself. */
static gboolean
sigterm_cb (gpointer user_data)
{
  VitrineWorker *self = user_data;
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);

  if (priv->poison != NULL)
    vitrine_poison_list_close_clean (priv->poison);
  g_main_loop_quit (priv->loop);
  /* run() removes the source once the loop is done. */
  return G_SOURCE_CONTINUE;
}

/*
 * Which supervisor instance kind this process serves ("display", "render": each has its
 * own poison list) and how its predecessor ended, from the command line. Before run().
 */
void
vitrine_worker_set_poison_context (VitrineWorker      *self,
                                   const char         *instance,
                                   VitrinePredecessor  predecessor)
{
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);

  g_return_if_fail (VITRINE_IS_WORKER (self));
  g_return_if_fail (instance != NULL);

  g_free (priv->instance);
  priv->instance = g_strdup (instance);
  priv->predecessor = predecessor;
}

/* Without a writable state directory the worker runs without a list, and says so in Hello. */
static void
open_poison_list (VitrineWorker *self,
                  const char    *role)
{
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);
  g_autofree char *state_dir = g_build_filename (g_get_user_state_dir (), "vitrine", NULL);
  g_autoptr(GError) error = NULL;

  priv->poison = vitrine_poison_list_open (state_dir, priv->instance, role, priv->predecessor, &error);
  g_free (priv->poison_status);
  if (priv->poison != NULL)
    priv->poison_status = g_strdup ("available");
  else
    {
      g_debug ("running without a poison list: %s", error->message);
      priv->poison_status = g_strdup_printf ("unavailable: %s", error->message);
    }
}

/* What the process's sandbox is (a{sv}, may be floating), for Hello to report. */
void
vitrine_worker_set_sandbox (VitrineWorker *self,
                            GVariant      *sandbox)
{
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);

  g_return_if_fail (VITRINE_IS_WORKER (self));

  g_clear_pointer (&priv->sandbox, g_variant_unref);
  priv->sandbox = sandbox != NULL ? g_variant_ref_sink (sandbox) : NULL;
}

/*
 * Serves the display on @socket_fd until it says Shutdown or goes away. Returns the exit
 * status for main().
 */
int
vitrine_worker_run (VitrineWorker  *self,
                    int             socket_fd,
                    GError        **error)
{
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);
  const char *role = vitrine_worker_role_to_string (vitrine_worker_get_role (self));
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketConnection) stream = NULL;
  guint sigterm_id;

  g_return_val_if_fail (VITRINE_IS_WORKER (self), EXIT_FAILURE);

  /* First thing: the supervisor spawns without a child-setup function (so GLib can use
   * posix_spawn), so nobody else sets this for us. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);

  priv->faults = vitrine_faults_parse (g_getenv ("VITRINE_WORKER_FAULT"), error);
  if (priv->faults == NULL)
    return EXIT_FAILURE;
  open_poison_list (self, role);

  socket = g_socket_new_from_fd (socket_fd, error);
  if (socket == NULL)
    return EXIT_FAILURE;
  priv->socket_fd = socket_fd;
  stream = g_socket_connection_factory_create_connection (socket);

  /* Export before any message is processed, so the handshake cannot arrive too early. */
  priv->connection = g_dbus_connection_new_sync (G_IO_STREAM (stream), NULL,
                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                 G_DBUS_CONNECTION_FLAGS_DELAY_MESSAGE_PROCESSING,
                                                 NULL, NULL, error);
  if (priv->connection == NULL)
    return EXIT_FAILURE;
  g_dbus_connection_set_exit_on_close (priv->connection, FALSE);

  priv->skeleton = vitrine_dbus_worker1_skeleton_new ();
  g_signal_connect_swapped (priv->skeleton, "handle-hello", G_CALLBACK (handle_hello), self);
  g_signal_connect_swapped (priv->skeleton, "handle-ping", G_CALLBACK (handle_ping), self);
  g_signal_connect_swapped (priv->skeleton, "handle-process", G_CALLBACK (handle_process), self);
  g_signal_connect_swapped (priv->skeleton, "handle-shutdown", G_CALLBACK (handle_shutdown), self);
  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (priv->skeleton),
                                         priv->connection, VITRINE_WORKER_OBJECT_PATH, error))
    return EXIT_FAILURE;
  g_signal_connect_swapped (priv->connection, "closed", G_CALLBACK (connection_closed_cb), self);

  priv->loop = g_main_loop_new (NULL, FALSE);
  sigterm_id = g_unix_signal_add (SIGTERM, sigterm_cb, self);
  g_dbus_connection_start_message_processing (priv->connection);
  g_main_loop_run (priv->loop);
  g_clear_handle_id (&sigterm_id, g_source_remove);

  g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (priv->skeleton));
  return priv->status;
}

static void
vitrine_worker_finalize (GObject *object)
{
  VitrineWorker *self = VITRINE_WORKER (object);
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);

  g_clear_object (&priv->skeleton);
  g_clear_object (&priv->connection);
  g_clear_pointer (&priv->loop, g_main_loop_unref);
  g_clear_pointer (&priv->faults, g_ptr_array_unref);
  g_clear_pointer (&priv->poison, vitrine_poison_list_free);
  g_free (priv->poison_status);
  g_free (priv->instance);
  g_clear_pointer (&priv->sandbox, g_variant_unref);

  G_OBJECT_CLASS (vitrine_worker_parent_class)->finalize (object);
}

static void
vitrine_worker_class_init (VitrineWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vitrine_worker_finalize;
  klass->role = VITRINE_WORKER_N_ROLES;
  klass->process = vitrine_worker_real_process;
}

static void
vitrine_worker_init (VitrineWorker *self)
{
  VitrineWorkerPrivate *priv = vitrine_worker_get_instance_private (self);

  priv->socket_fd = -1;
  priv->instance = g_strdup ("display");
  priv->predecessor = VITRINE_PREDECESSOR_NONE;
}

VitrineWorker *
vitrine_worker_new_for_role (VitrineWorkerRoleId role)
{
  GType types[VITRINE_WORKER_N_ROLES] = {
    [VITRINE_WORKER_ROLE_IMAGE] = VITRINE_TYPE_IMAGE_WORKER,
    [VITRINE_WORKER_ROLE_FEED] = VITRINE_TYPE_FEED_WORKER,
    [VITRINE_WORKER_ROLE_AUDIO] = VITRINE_TYPE_AUDIO_WORKER,
    [VITRINE_WORKER_ROLE_TRANSITION] = VITRINE_TYPE_TRANSITION_WORKER,
  };

  g_return_val_if_fail (role < VITRINE_WORKER_N_ROLES, NULL);

  return g_object_new (types[role], NULL);
}
