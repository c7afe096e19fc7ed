/* bench-ipc.c: what talking to a worker costs (build-aux/dev bench ipc).
 *
 * 1. Round trip of a small request through the supervisor (p50/p99).
 * 2. Pixel handoff through a sealed memfd, 1920×1080 and 3840×2160, from "worker done"
 *    (the worker's timestamp after sealing) to "the display holds a verified read-only
 *    mapping" (after every check of vitrine_supervisor_map_pixels()).
 * 3. The peer, in the same run: the same pixels inline in the D-Bus reply, over a
 *    connection without the size cap, from "worker done" to "the bytes are here".
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/socket.h>
#include <unistd.h>

#include "vitrine-latency.h"
#include "vitrine-supervisor.h"

#define ROUND_TRIPS 2000
#define HANDOFFS    40

/* One request to the image worker; any failure ends the benchmark. */
static GVariant *
call_run (VitrineSupervisor  *supervisor,
          GVariant           *request,
          GUnixFDList       **fds)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = vitrine_supervisor_request_sync (supervisor, VITRINE_WORKER_ROLE_IMAGE, request, fds, &error);

  if (reply == NULL)
    g_error ("request failed: %s", error->message);
  return reply;
}

static void
print_row (const char     *what,
           VitrineLatency *latency)
{
  VitrineLatencySummary summary;

  vitrine_latency_summarize (latency, &summary);
  g_print ("%-34s p50 %9.3f ms   p99 %9.3f ms   max %9.3f ms   (last %u of %" G_GUINT64_FORMAT ")\n",
           what, summary.p50, summary.p99, summary.max, latency->n, latency->total);
}

static double
p50 (VitrineLatency *latency)
{
  VitrineLatencySummary summary;

  vitrine_latency_summarize (latency, &summary);
  return summary.p50;
}

static void
bench_round_trip (VitrineSupervisor *supervisor,
                  VitrineLatency    *latency)
{
  for (guint i = 0; i < ROUND_TRIPS; i++)
    {
      g_autoptr(GUnixFDList) fds = NULL;
      g_autoptr(GVariant) reply = NULL;
      gint64 start = g_get_monotonic_time ();

      reply = call_run (supervisor, g_variant_new_parsed ("{'kind': <'echo'>, 'n': <%u>}", i), &fds);
      vitrine_latency_add (latency, (g_get_monotonic_time () - start) / 1000.0);
    }
}

static void
bench_memfd (VitrineSupervisor *supervisor,
             guint              width,
             guint              height,
             VitrineLatency    *latency)
{
  for (guint i = 0; i < HANDOFFS; i++)
    {
      g_auto(VitrinePixelHeader) header = { 0 };
      g_autoptr(GBytes) pixels = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GUnixFDList) fds = NULL;
      g_autoptr(GVariant) reply = NULL;
      gint64 mapped;

      reply = call_run (supervisor, g_variant_new_parsed ("{'kind': <'pixels'>, 'width': <%u>, 'height': <%u>}",
                                                          width, height), &fds);
      pixels = vitrine_supervisor_map_pixels (supervisor, VITRINE_WORKER_ROLE_IMAGE, reply, fds, &header, &error);
      mapped = g_get_monotonic_time ();
      if (pixels == NULL)
        g_error ("handoff failed: %s", error->message);
      vitrine_latency_add (latency, (mapped - header.timestamp_us) / 1000.0);
    }
}

/* A worker on a plain peer-to-peer connection: no supervisor, no size cap. */
static GDBusConnection *
connect_unfiltered_worker (const char   *worker_path,
                           GSubprocess **process)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketConnection) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *guid = g_dbus_generate_guid ();
  GDBusConnection *connection;
  int pair[2];

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) < 0)
    g_error ("socketpair failed");
  g_subprocess_launcher_take_fd (launcher, pair[1], 3);
  *process = g_subprocess_launcher_spawn (launcher, &error, worker_path, "--role=image",
                                          "--socket-fd=3", NULL);
  if (*process == NULL)
    g_error ("%s", error->message);

  socket = g_socket_new_from_fd (pair[0], &error);
  stream = g_socket_connection_factory_create_connection (socket);
  connection = g_dbus_connection_new_sync (G_IO_STREAM (stream), guid,
                                           G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_SERVER |
                                           G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_ALLOW_ANONYMOUS,
                                           NULL, NULL, &error);
  if (connection == NULL)
    g_error ("%s", error->message);

  return connection;
}

static void
bench_inline (GDBusConnection *connection,
              guint            width,
              guint            height,
              VitrineLatency  *latency)
{
  for (guint i = 0; i < HANDOFFS; i++)
    {
      g_autoptr(GVariant) body = NULL;
      g_autoptr(GVariant) reply = NULL;
      g_autoptr(GVariant) data = NULL;
      g_autoptr(GError) error = NULL;
      gint64 done_us = 0, arrived;

      body = g_dbus_connection_call_sync (connection, NULL, VITRINE_WORKER_OBJECT_PATH,
                                          VITRINE_WORKER_INTERFACE, "Process",
                                          g_variant_new ("(@a{sv}@a{sv})",
                                                         vitrine_message_header_request (VITRINE_WORKER_ROLE_IMAGE,
                                                                                         i + 1, 0, 0),
                                                         g_variant_new_parsed ("{'kind': <'pixels-inline'>, 'width': <%u>, 'height': <%u>}",
                                                                               width, height)),
                                          G_VARIANT_TYPE ("(a{sv}a{sv})"), G_DBUS_CALL_FLAGS_NONE,
                                          60000, NULL, &error);
      arrived = g_get_monotonic_time ();
      if (body == NULL)
        g_error ("inline handoff failed: %s", error->message);
      g_variant_get_child (body, 1, "@a{sv}", &reply);
      data = g_variant_lookup_value (reply, "data", G_VARIANT_TYPE_BYTESTRING);
      g_variant_lookup (reply, "timestamp_us", "x", &done_us);
      if (data == NULL || g_variant_get_size (data) != (gsize) width * height * 4)
        g_error ("inline handoff returned %" G_GSIZE_FORMAT " bytes",
                 data != NULL ? g_variant_get_size (data) : 0);
      vitrine_latency_add (latency, (arrived - done_us) / 1000.0);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *worker_path = g_getenv ("VITRINE_WORKER_PATH");
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  g_autoptr(GSubprocess) inline_worker = NULL;
  g_autoptr(GDBusConnection) inline_connection = NULL;
  VitrineLatency round_trip, memfd_hd, memfd_4k, inline_hd, inline_4k;
  double ratio_sizes, ratio_inline;

  if (worker_path == NULL)
    g_error ("set VITRINE_WORKER_PATH to the vitrine-worker to measure");

  vitrine_latency_init (&round_trip);
  vitrine_latency_init (&memfd_hd);
  vitrine_latency_init (&memfd_4k);
  vitrine_latency_init (&inline_hd);
  vitrine_latency_init (&inline_4k);

  supervisor = vitrine_supervisor_new (worker_path, NULL);
  vitrine_supervisor_start (supervisor);
  while (vitrine_supervisor_get_state (supervisor, VITRINE_WORKER_ROLE_IMAGE) != VITRINE_WORKER_STATE_RUNNING)
    g_main_context_iteration (NULL, TRUE);

  bench_round_trip (supervisor, &round_trip);
  bench_memfd (supervisor, 1920, 1080, &memfd_hd);
  bench_memfd (supervisor, 3840, 2160, &memfd_4k);

  inline_connection = connect_unfiltered_worker (worker_path, &inline_worker);
  bench_inline (inline_connection, 1920, 1080, &inline_hd);
  bench_inline (inline_connection, 3840, 2160, &inline_4k);
  g_dbus_connection_call_sync (inline_connection, NULL, VITRINE_WORKER_OBJECT_PATH,
                               VITRINE_WORKER_INTERFACE, "Shutdown", NULL, NULL,
                               G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
  g_subprocess_wait (inline_worker, NULL, NULL);
  vitrine_supervisor_shutdown (supervisor);

  g_print ("\nVitrine IPC benchmark (%d round trips, %d handoffs per size)\n\n", ROUND_TRIPS, HANDOFFS);
  print_row ("small request round trip", &round_trip);
  print_row ("memfd handoff 1920x1080", &memfd_hd);
  print_row ("memfd handoff 3840x2160", &memfd_4k);
  print_row ("inline handoff 1920x1080 (peer)", &inline_hd);
  print_row ("inline handoff 3840x2160 (peer)", &inline_4k);

  ratio_sizes = p50 (&memfd_4k) / MAX (p50 (&memfd_hd), 1e-6);
  ratio_inline = p50 (&inline_4k) / MAX (p50 (&memfd_4k), 1e-6);
  g_print ("\nmemfd 4K / 1080p (p50):            %.2f   (goal < 1.5)\n", ratio_sizes);
  g_print ("inline 4K / memfd 4K (p50):        %.1fx  (goal >= 20)\n", ratio_inline);

  return 0;
}
