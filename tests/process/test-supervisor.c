/* test-supervisor.c: real worker processes, real sockets, real memfds, real signals, and a
 * probe in this (the display's) main loop that records every stall while they misbehave.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vitrine-cpu-time.h"
#include "vitrine-memfd.h"
#include "vitrine-supervisor.h"
#include "vitrine-test-supervisor.h"
#include "vitrine-test-util.h"

/*
 * The longest the main loop may be kept busy while workers misbehave: CPU time the main
 * thread spends between two 1 ms probe ticks. Wall-clock lateness also counts this
 * machine's scheduling noise (a VM on two cores shows several ms at random), so it gets a
 * looser bound that still catches any blocking wait on a worker. Under AddressSanitizer
 * every instruction is several times slower and first uses (shadow memory, lazily loaded
 * modules) cost tens of ms at random, so that build logs the figures and the plain build's
 * pass asserts them.
 */
#define MAX_STALL_MS 5.0
#define MAX_LATENESS_MS 50.0

typedef struct
{
  char              *state_dir;
  GSettings         *settings;
  VitrineSupervisor *supervisor;
  guint              probe_id;
  gint64             probe_expected_us;
  gint64             probe_cpu_ns;
  double             max_stall_ms;
  double             max_lateness_ms;
} Fixture;

static gboolean
probe_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = vitrine_thread_cpu_ns ();

  if (fixture->probe_expected_us != 0)
    {
      fixture->max_lateness_ms = MAX (fixture->max_lateness_ms, (now - fixture->probe_expected_us) / 1000.0);
      fixture->max_stall_ms = MAX (fixture->max_stall_ms, (cpu - fixture->probe_cpu_ns) / 1e6);
    }
  fixture->probe_expected_us = now + 1000;
  fixture->probe_cpu_ns = cpu;
  return G_SOURCE_CONTINUE;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  /* Workers keep their poison lists here; each test starts with none. */
  fixture->state_dir = g_dir_make_tmp ("vitrine-state-XXXXXX", NULL);
  g_setenv ("XDG_STATE_HOME", fixture->state_dir, TRUE);
  fixture->settings = g_settings_new (APP_ID ".Workers");
  fixture->supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), fixture->settings);
  fixture->probe_id = g_timeout_add (1, probe_cb, fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_handle_id (&fixture->probe_id, g_source_remove);
  if (fixture->supervisor != NULL)
    vitrine_supervisor_shutdown (fixture->supervisor);
  g_clear_object (&fixture->supervisor);
  g_settings_reset (fixture->settings, "restart-backoff-initial");
  g_settings_reset (fixture->settings, "feed-enabled");
  g_clear_object (&fixture->settings);
  vt_remove_tree (fixture->state_dir);
  g_clear_pointer (&fixture->state_dir, g_free);
}

/* The probe covers what happened in the test, not its own setup. */
static void
assert_no_stall (Fixture *fixture)
{
  g_test_message ("main loop: longest busy stretch %.2f ms, latest tick %.2f ms late",
                  fixture->max_stall_ms, fixture->max_lateness_ms);
#ifndef __SANITIZE_ADDRESS__
  g_assert_cmpfloat (fixture->max_stall_ms, <, MAX_STALL_MS);
  g_assert_cmpfloat (fixture->max_lateness_ms, <, MAX_LATENESS_MS);
#endif
}

static void
reset_probe (Fixture *fixture)
{
  fixture->probe_expected_us = 0;
  fixture->max_stall_ms = 0;
  fixture->max_lateness_ms = 0;
}

typedef gboolean (*Condition) (Fixture *fixture, gconstpointer data);

static gboolean
wait_for (Fixture       *fixture,
          Condition      condition,
          gconstpointer  data,
          guint          timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (fixture, data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (200);
    }
  return TRUE;
}

static gboolean
never (Fixture       *fixture,
       gconstpointer  data)
{
  return FALSE;
}

static gboolean
role_running (Fixture       *fixture,
              gconstpointer  data)
{
  return vitrine_supervisor_get_state (fixture->supervisor, GPOINTER_TO_UINT (data)) ==
         VITRINE_WORKER_STATE_RUNNING;
}

static gboolean
all_running (Fixture       *fixture,
             gconstpointer  data)
{
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    if (!role_running (fixture, GUINT_TO_POINTER (i)))
      return FALSE;
  return TRUE;
}

static void
start_all (Fixture *fixture)
{
  vitrine_supervisor_start (fixture->supervisor);
  g_assert_true (wait_for (fixture, all_running, NULL, 10000));
  reset_probe (fixture);
}


static gboolean
call_done (Fixture       *fixture,
           gconstpointer  data)
{
  return ((const VtCall *) data)->done;
}

static void
request (Fixture             *fixture,
         VitrineWorkerRoleId  role,
         GVariant            *body,
         VtCall                *call)
{
  vitrine_supervisor_request_async (fixture->supervisor, role, body, NULL, vt_call_cb, call);
  g_assert_true (wait_for (fixture, call_done, call, 15000));
}

static gboolean
pid_changed (Fixture       *fixture,
             gconstpointer  data)
{
  const GPid *old = data;

  return vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE) != *old &&
         role_running (fixture, GUINT_TO_POINTER (VITRINE_WORKER_ROLE_IMAGE));
}

static JsonObject *
worker_status (Fixture    *fixture,
               const char *role)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonArray *workers;

  json_builder_begin_object (builder);
  vitrine_supervisor_add_status (fixture->supervisor, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  workers = json_object_get_array_member (json_node_get_object (root), "workers");

  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *worker = json_array_get_object_element (workers, i);

      if (g_str_equal (json_object_get_string_member (worker, "role"), role))
        return json_object_ref (worker);
    }
  g_assert_not_reached ();
}

static void
test_start_and_echo (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *members[] = {
    "role", "pid", "state", "restarts", "last_restart_reason", "heartbeat_age_ms", "queue",
    "in_flight", "drops", "rejects", "stale", "latency_ms",
  };

  start_all (fixture);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      g_auto(VtCall) call = { 0 };
      g_autoptr(GVariant) echo = NULL;
      g_autoptr(JsonObject) status = NULL;
      GPid pid = vitrine_supervisor_get_pid (fixture->supervisor, i);
      const char *said = NULL;

      g_assert_cmpint (pid, >, 0);
      g_assert_cmpint (kill (pid, 0), ==, 0);
      g_assert_cmpint (pid, !=, getpid ());

      request (fixture, i, g_variant_new_parsed ("{'kind': <'echo'>, 'word': <'hello'>}"), &call);
      g_assert_no_error (call.error);
      echo = g_variant_lookup_value (call.reply, "echo", G_VARIANT_TYPE_VARDICT);
      g_assert_nonnull (echo);
      g_assert_true (g_variant_lookup (echo, "word", "&s", &said));
      g_assert_cmpstr (said, ==, "hello");

      status = worker_status (fixture, vitrine_worker_role_to_string (i));
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        g_assert_true (json_object_has_member (status, members[m]));
      g_assert_cmpstr (json_object_get_string_member (status, "state"), ==, "running");
      g_assert_cmpint (json_object_get_int_member (status, "pid"), ==, pid);
      g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (status, "latency_ms"),
                                                        "max"), >, 0);
    }
  assert_no_stall (fixture);
}

static void
test_pixels_handoff (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(VtCall) call = { 0 };
  g_auto(VitrinePixelHeader) header = { 0 };
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *p;
  gsize size;

  start_all (fixture);
  request (fixture, VITRINE_WORKER_ROLE_IMAGE,
           g_variant_new_parsed ("{'kind': <'pixels'>, 'width': <uint32 64>, 'height': <uint32 32>}"),
           &call);
  g_assert_no_error (call.error);

  pixels = vitrine_supervisor_map_pixels (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE,
                                          call.reply, call.fds, &header, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (header.width, ==, 64);
  g_assert_cmpint (header.producer_pid, ==, vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE));
  p = g_bytes_get_data (pixels, &size);
  g_assert_cmpuint (size, ==, 64 * 4 * 32);
  p += 7 * header.stride + 5 * 4;
  g_assert_cmpuint (p[0], ==, 5);
  g_assert_cmpuint (p[1], ==, 7);
  g_assert_cmpuint (p[2], ==, 12);
  g_assert_cmpuint (p[3], ==, 255);
  assert_no_stall (fixture);
}

static void
test_kill_restarts (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  g_auto(VtCall) call = { 0 };
  GPid old;
  gint64 killed_at;

  start_all (fixture);
  old = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE);
  g_assert_cmpint (kill (old, SIGKILL), ==, 0);
  killed_at = g_get_monotonic_time ();

  g_assert_true (wait_for (fixture, pid_changed, &old, 10000));
  /* Not before the first backoff step. */
  g_assert_cmpint (g_get_monotonic_time () - killed_at, >=, 450 * 1000);
  g_assert_cmpuint (vitrine_supervisor_get_restarts (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE), ==, 1);

  status = worker_status (fixture, "image");
  g_assert_cmpint (json_object_get_int_member (status, "restarts"), ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (status, "last_restart_reason"), "signal 9"));

  /* And it works. */
  request (fixture, VITRINE_WORKER_ROLE_IMAGE, g_variant_new_parsed ("{'kind': <'echo'>}"), &call);
  g_assert_no_error (call.error);
  assert_no_stall (fixture);
}

static gboolean
image_not_running (Fixture       *fixture,
                   gconstpointer  data)
{
  return !role_running (fixture, GUINT_TO_POINTER (VITRINE_WORKER_ROLE_IMAGE));
}

static void
test_stopped_worker_is_hung (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  GPid old;
  gint64 stopped_at;

  start_all (fixture);
  old = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE);
  g_assert_cmpint (kill (old, SIGSTOP), ==, 0);
  stopped_at = g_get_monotonic_time ();

  g_assert_true (wait_for (fixture, image_not_running, NULL, 6000));
  g_test_message ("declared hung after %.2f s", (g_get_monotonic_time () - stopped_at) / 1e6);
  g_assert_cmpint (g_get_monotonic_time () - stopped_at, <, 4 * G_USEC_PER_SEC);

  g_assert_true (wait_for (fixture, pid_changed, &old, 10000));
  status = worker_status (fixture, "image");
  g_assert_nonnull (strstr (json_object_get_string_member (status, "last_restart_reason"),
                            "missed heartbeats"));
  /* The stopped process was killed and reaped, not left behind. */
  g_assert_cmpint (kill (old, 0), ==, -1);
  assert_no_stall (fixture);
}

static gboolean
pid_gone (Fixture       *fixture,
          gconstpointer  data)
{
  const GPid *pid = data;

  return kill (*pid, 0) == -1 && errno == ESRCH;
}

static gboolean
image_restarted (Fixture       *fixture,
                 gconstpointer  data)
{
  return vitrine_supervisor_get_restarts (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE) > 0;
}

/*
 * A worker that never speaks D-Bus (hung before its connection, say in its set-up) is
 * killed once the handshake's time is up, as one that does not answer Hello is: the role
 * does not stay starting for ever with its requests queued behind it.
 */
static void
test_silent_start (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrine-silent-XXXXXX", NULL);
  g_autofree char *script = g_build_filename (dir, "silent-worker", NULL);
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(GError) error = NULL;
  GPid silent;

  g_file_set_contents (script, "#!/bin/sh\nexec sleep 60\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
  g_clear_object (&fixture->supervisor);
  fixture->supervisor = vitrine_supervisor_new (script, fixture->settings);
  vitrine_supervisor_start (fixture->supervisor);
  silent = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE);
  g_assert_cmpint (silent, >, 0);
  g_assert_cmpint (vitrine_supervisor_get_state (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE), ==,
                   VITRINE_WORKER_STATE_STARTING);

  g_assert_true (wait_for (fixture, image_restarted, NULL, 10000));
  status = worker_status (fixture, "image");
  g_assert_nonnull (strstr (json_object_get_string_member (status, "last_restart_reason"), "no handshake"));
  /* Killed and reaped: no zombie answers to its pid. */
  g_assert_true (wait_for (fixture, pid_gone, &silent, 5000));

  vitrine_supervisor_shutdown (fixture->supervisor);
  g_clear_object (&fixture->supervisor);
  vt_remove_tree (dir);
}

/* The crashed process is gone: a new one runs, or the role was given up. */
static gboolean
transition_replaced (Fixture       *fixture,
                     gconstpointer  data)
{
  const GPid *old = data;
  VitrineWorkerState state = vitrine_supervisor_get_state (fixture->supervisor, VITRINE_WORKER_ROLE_TRANSITION);

  return state == VITRINE_WORKER_STATE_FAILED ||
         (state == VITRINE_WORKER_STATE_RUNNING &&
          vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_TRANSITION) != *old);
}

static void
test_crash_loop_fails (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) status = NULL;
  guint crashes = 0;

  g_settings_set_double (fixture->settings, "restart-backoff-initial", 0.1);
  vitrine_supervisor_set_fault (fixture->supervisor, VITRINE_WORKER_ROLE_TRANSITION, "crash");
  start_all (fixture);

  /* Every process crashes on its first request. */
  while (vitrine_supervisor_get_state (fixture->supervisor, VITRINE_WORKER_ROLE_TRANSITION) !=
         VITRINE_WORKER_STATE_FAILED)
    {
      g_auto(VtCall) call = { 0 };
      GPid old = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_TRANSITION);

      g_assert_cmpuint (crashes, <, 10);
      request (fixture, VITRINE_WORKER_ROLE_TRANSITION, g_variant_new_parsed ("{'kind': <'echo'>}"), &call);
      g_assert_error (call.error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_WORKER_DIED);
      crashes++;
      g_assert_true (wait_for (fixture, transition_replaced, &old, 10000));
    }

  g_assert_cmpuint (crashes, ==, 6);
  g_assert_cmpuint (vitrine_supervisor_get_restarts (fixture->supervisor, VITRINE_WORKER_ROLE_TRANSITION), ==, 5);
  g_assert_cmpint (vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_TRANSITION), ==, 0);

  /* Failed stays failed, and says so. */
  g_assert_false (wait_for (fixture, never, NULL, 500));
  g_assert_cmpint (vitrine_supervisor_get_state (fixture->supervisor, VITRINE_WORKER_ROLE_TRANSITION), ==,
                   VITRINE_WORKER_STATE_FAILED);
  status = worker_status (fixture, "transition");
  g_assert_cmpstr (json_object_get_string_member (status, "state"), ==, "failed");
  g_assert_nonnull (strstr (json_object_get_string_member (status, "last_restart_reason"), "signal 6"));

  /* The other roles never noticed. */
  g_assert_true (role_running (fixture, GUINT_TO_POINTER (VITRINE_WORKER_ROLE_IMAGE)));
  assert_no_stall (fixture);
}

/* A fault on the first request of the image role; returns the failed call's error code. */
static void
misbehave (Fixture    *fixture,
           const char *fault,
           GVariant   *body,
           VtCall       *call)
{
  vitrine_supervisor_set_fault (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE, fault);
  start_all (fixture);
  request (fixture, VITRINE_WORKER_ROLE_IMAGE, body, call);
}

static void
assert_rejected_and_replaced (Fixture    *fixture,
                              GPid        old,
                              const char *reason)
{
  g_autoptr(JsonObject) status = NULL;

  g_assert_true (wait_for (fixture, pid_changed, &old, 10000));
  status = worker_status (fixture, "image");
  g_assert_cmpint (json_object_get_int_member (status, "rejects"), >=, 1);
  if (strstr (json_object_get_string_member (status, "last_restart_reason"), reason) == NULL)
    g_error ("restart reason “%s” does not mention “%s”",
             json_object_get_string_member (status, "last_restart_reason"), reason);
}

static void
test_garbage (Fixture       *fixture,
              gconstpointer  data)
{
  g_auto(VtCall) call = { 0 };
  GPid old;

  misbehave (fixture, "garbage@1", g_variant_new_parsed ("{'kind': <'echo'>}"), &call);
  old = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE);
  g_assert_nonnull (call.error);
  assert_rejected_and_replaced (fixture, old, "protocol");
  assert_no_stall (fixture);
}

static void
test_oversize (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(VtCall) call = { 0 };

  misbehave (fixture, "oversize@1", g_variant_new_parsed ("{'kind': <'echo'>}"), &call);
  g_assert_error (call.error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_REJECTED);
  g_assert_nonnull (strstr (call.error->message, "over the 65536-byte cap"));
  assert_rejected_and_replaced (fixture, vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE),
                                "cap");
  assert_no_stall (fixture);
}

static void
test_lying_header (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(VtCall) call = { 0 };

  misbehave (fixture, "lie@1", g_variant_new_parsed ("{'kind': <'echo'>}"), &call);
  g_assert_error (call.error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_REJECTED);
  assert_rejected_and_replaced (fixture, vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE),
                                "bad reply header");
  assert_no_stall (fixture);
}

static void
test_hostile_memfds (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *faults[] = { "unsealed@1", "short@1" };
  const int codes[] = { VITRINE_MEMFD_ERROR_NOT_SEALED, VITRINE_MEMFD_ERROR_TOO_SMALL };

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_auto(VtCall) call = { 0 };
      g_auto(VitrinePixelHeader) header = { 0 };
      g_autoptr(GBytes) pixels = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) status = NULL;

      g_clear_object (&fixture->supervisor);
      fixture->supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), fixture->settings);
      misbehave (fixture, faults[i],
                 g_variant_new_parsed ("{'kind': <'pixels'>, 'width': <uint32 640>, 'height': <uint32 480>}"),
                 &call);
      g_assert_no_error (call.error);

      pixels = vitrine_supervisor_map_pixels (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE,
                                              call.reply, call.fds, &header, &error);
      g_assert_null (pixels);
      g_assert_error (error, VITRINE_MEMFD_ERROR, codes[i]);
      status = worker_status (fixture, "image");
      g_assert_cmpint (json_object_get_int_member (status, "rejects"), ==, 1);
      assert_no_stall (fixture);
    }
}

static void
test_stale_reply (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(VtCall) call = { 0 };
  g_auto(VtCall) fresh = { 0 };
  g_autoptr(JsonObject) status = NULL;

  vitrine_supervisor_set_generation (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE, 5);
  misbehave (fixture, "stale@1", g_variant_new_parsed ("{'kind': <'echo'>}"), &call);
  g_assert_error (call.error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_STALE);

  request (fixture, VITRINE_WORKER_ROLE_IMAGE, g_variant_new_parsed ("{'kind': <'echo'>}"), &fresh);
  g_assert_no_error (fresh.error);
  status = worker_status (fixture, "image");
  g_assert_cmpint (json_object_get_int_member (status, "stale"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (status, "restarts"), ==, 0);
  assert_no_stall (fixture);
}

static void
test_deadline (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(VtCall) call = { 0 };
  GPid old;

  g_settings_set_double (fixture->settings, "image-deadline", 1.0);
  misbehave (fixture, "slow:3000@1", g_variant_new_parsed ("{'kind': <'echo'>}"), &call);
  old = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE);
  g_settings_reset (fixture->settings, "image-deadline");
  g_assert_error (call.error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_TIMED_OUT);
  g_assert_true (wait_for (fixture, pid_changed, &old, 10000));
  g_assert_cmpuint (vitrine_supervisor_get_restarts (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE), ==, 1);
  assert_no_stall (fixture);
}

typedef struct
{
  guint done;
  guint dropped;
} Batch;

static void
batch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, NULL, &error);
  if (g_error_matches (error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_DROPPED))
    batch->dropped++;
  else
    g_assert_no_error (error);
  batch->done++;
}

static gboolean
batch_done (Fixture       *fixture,
            gconstpointer  data)
{
  return ((const Batch *) data)->done == 12;
}

static void
test_queue_backpressure (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) busy = NULL;
  g_autoptr(JsonObject) status = NULL;
  Batch batch = { 0 };

  vitrine_supervisor_set_fault (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE, "slow:200");
  start_all (fixture);

  for (guint i = 0; i < 12; i++)
    vitrine_supervisor_request_async (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE,
                                      g_variant_new_parsed ("{'kind': <'echo'>}"), NULL, batch_cb, &batch);
  while (g_main_context_iteration (NULL, FALSE));

  /* Two in flight, eight waiting, the two oldest waiting ones dropped. */
  busy = worker_status (fixture, "image");
  g_assert_cmpint (json_object_get_int_member (busy, "in_flight"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (busy, "queue"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (busy, "drops"), ==, 2);

  g_assert_true (wait_for (fixture, batch_done, &batch, 15000));
  g_assert_cmpuint (batch.dropped, ==, 2);
  status = worker_status (fixture, "image");
  g_assert_cmpint (json_object_get_int_member (status, "queue"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (status, "in_flight"), ==, 0);
  assert_no_stall (fixture);
}

static void
test_poison_input (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(VtCall) crash = { 0 };
  g_auto(VtCall) again = { 0 };
  g_auto(VtCall) other = { 0 };
  g_autoptr(JsonObject) status = NULL;
  JsonArray *quarantined;
  GPid old;

  misbehave (fixture, "crash=/photos/bad.jpg",
             g_variant_new_parsed ("{'kind': <'echo'>, 'input': <'/photos/bad.jpg'>}"), &crash);
  old = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE);
  g_assert_error (crash.error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_WORKER_DIED);
  g_assert_true (wait_for (fixture, pid_changed, &old, 10000));

  status = worker_status (fixture, "image");
  quarantined = json_object_get_array_member (status, "quarantined");
  g_assert_cmpuint (json_array_get_length (quarantined), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (quarantined, 0), ==, "/photos/bad.jpg");

  /* The bad file is skipped from now on; the worker survives and serves the rest. */
  request (fixture, VITRINE_WORKER_ROLE_IMAGE,
           g_variant_new_parsed ("{'kind': <'echo'>, 'input': <'/photos/bad.jpg'>}"), &again);
  g_assert_nonnull (again.error);
  g_assert_nonnull (strstr (again.error->message, "quarantined"));
  request (fixture, VITRINE_WORKER_ROLE_IMAGE,
           g_variant_new_parsed ("{'kind': <'echo'>, 'input': <'/photos/good.jpg'>}"), &other);
  g_assert_no_error (other.error);
  g_assert_cmpuint (vitrine_supervisor_get_restarts (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE), ==, 1);
}

/*
 * Open fds of the kinds a worker costs: its socket, its pidfd, memfds. GLib's own
 * eventfds come and go with its thread pools and are not the supervisor's to close.
 */
static guint
count_worker_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target != NULL &&
          (g_str_has_prefix (target, "socket:") || g_str_has_prefix (target, "/memfd:") ||
           g_str_equal (target, "anon_inode:[pidfd]")))
        n++;
    }
  return n;
}

static void
test_shutdown_clean (Fixture       *fixture,
                     gconstpointer  data)
{
  GPid pids[VITRINE_WORKER_N_ROLES];
  guint fds_before;

  /* Let GLib open what it keeps for the process (wakeup fds, the child watch) first. */
  start_all (fixture);
  vitrine_supervisor_shutdown (fixture->supervisor);
  g_clear_object (&fixture->supervisor);
  fds_before = count_worker_fds ();

  fixture->supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), fixture->settings);
  start_all (fixture);
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    pids[i] = vitrine_supervisor_get_pid (fixture->supervisor, i);
  g_assert_cmpuint (count_worker_fds (), >, fds_before);

  vitrine_supervisor_shutdown (fixture->supervisor);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      /* Gone and reaped: no zombie answers to its pid. */
      g_assert_cmpint (kill (pids[i], 0), ==, -1);
      g_assert_cmpint (errno, ==, ESRCH);
      g_assert_cmpint (vitrine_supervisor_get_state (fixture->supervisor, i), ==,
                       VITRINE_WORKER_STATE_STOPPED);
    }
  g_clear_object (&fixture->supervisor);

  /* GDBus closes each connection's socket on its own worker thread; give it a moment. */
  for (guint i = 0; i < 200 && count_worker_fds () > fds_before; i++)
    {
      while (g_main_context_iteration (NULL, FALSE));
      g_usleep (10 * 1000);
    }
  g_assert_cmpuint (count_worker_fds (), <=, fds_before);
}

static gboolean
feed_disabled (Fixture       *fixture,
               gconstpointer  data)
{
  return vitrine_supervisor_get_state (fixture->supervisor, VITRINE_WORKER_ROLE_FEED) ==
         VITRINE_WORKER_STATE_DISABLED &&
         vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_FEED) == 0;
}

static void
test_enable_live (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(VtCall) call = { 0 };
  GPid old;

  start_all (fixture);
  old = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_FEED);

  g_settings_set_boolean (fixture->settings, "feed-enabled", FALSE);
  g_assert_true (wait_for (fixture, feed_disabled, NULL, 5000));
  g_assert_true (wait_for (fixture, image_not_running, NULL, 1) == FALSE);
  request (fixture, VITRINE_WORKER_ROLE_FEED, g_variant_new_parsed ("{'kind': <'echo'>}"), &call);
  g_assert_error (call.error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_UNAVAILABLE);

  g_settings_set_boolean (fixture->settings, "feed-enabled", TRUE);
  g_assert_true (wait_for (fixture, role_running, GUINT_TO_POINTER (VITRINE_WORKER_ROLE_FEED), 10000));
  g_assert_cmpint (vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_FEED), !=, old);
  /* Switching a role off is not a failure. */
  g_assert_cmpuint (vitrine_supervisor_get_restarts (fixture->supervisor, VITRINE_WORKER_ROLE_FEED), ==, 0);
}

/* Child processes of this test that are live workers of @role, as their pids. */
static GArray *
worker_children (const char *role)
{
  g_autofree char *wanted = g_strdup_printf ("--role=%s", role);
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  GArray *pids = g_array_new (FALSE, FALSE, sizeof (GPid));
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stat_path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *cmdline_path = g_build_filename ("/proc", name, "cmdline", NULL);
      g_autofree char *stat = NULL;
      g_autofree char *cmdline = NULL;
      const char *after_comm;
      char state;
      int ppid;
      gsize length;

      if (!g_ascii_isdigit (name[0]) || !g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) state ppid …"; comm may hold spaces and parentheses. */
      after_comm = strrchr (stat, ')');
      if (after_comm == NULL || sscanf (after_comm + 1, " %c %d", &state, &ppid) != 2 ||
          ppid != getpid () || state == 'Z')
        continue;
      if (!g_file_get_contents (cmdline_path, &cmdline, &length, NULL))
        continue;
      for (gsize i = 0; i < length; i += strlen (cmdline + i) + 1)
        if (g_str_equal (cmdline + i, wanted))
          {
            GPid pid = (GPid) g_ascii_strtoll (name, NULL, 10);

            g_array_append_val (pids, pid);
            break;
          }
    }
  return pids;
}

static void
add_pid (GArray *pids,
         GPid    pid)
{
  if (pid <= 0)
    return;
  for (guint i = 0; i < pids->len; i++)
    if (g_array_index (pids, GPid, i) == pid)
      return;
  g_array_append_val (pids, pid);
}

/*
 * Flipping a role off and on faster than its old process dies: a role has one process at a
 * time, so a re-enable waits for the old one's exit and then starts exactly one, and the
 * old incarnation's exit is not a restart (docs/ARCHITECTURE.md §3). Some flips give the
 * main loop a few ms, some none, so the old process is sometimes gone and sometimes not.
 */
static void
test_enable_flips (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (GPid));
  g_autoptr(GArray) children = NULL;
  g_auto(VtCall) call = { 0 };
  GPid current;

  start_all (fixture);
  add_pid (seen, vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_FEED));

  for (guint i = 0; i < 10; i++)
    {
      g_settings_set_boolean (fixture->settings, "feed-enabled", FALSE);
      wait_for (fixture, never, NULL, i % 3);
      add_pid (seen, vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_FEED));

      g_settings_set_boolean (fixture->settings, "feed-enabled", TRUE);
      wait_for (fixture, never, NULL, (i % 2) * 2);
      add_pid (seen, vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_FEED));
    }

  g_assert_true (wait_for (fixture, role_running, GUINT_TO_POINTER (VITRINE_WORKER_ROLE_FEED), 10000));
  /* Longer than the first backoff step: a restart counted for an old process shows here. */
  wait_for (fixture, never, NULL, 1500);

  g_assert_cmpint (vitrine_supervisor_get_state (fixture->supervisor, VITRINE_WORKER_ROLE_FEED), ==,
                   VITRINE_WORKER_STATE_RUNNING);
  g_assert_cmpuint (vitrine_supervisor_get_restarts (fixture->supervisor, VITRINE_WORKER_ROLE_FEED), ==, 0);

  current = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_FEED);
  g_assert_cmpint (current, >, 0);
  children = worker_children ("feed");
  g_assert_cmpuint (children->len, ==, 1);
  g_assert_cmpint (g_array_index (children, GPid, 0), ==, current);

  /* Every earlier process is gone and reaped: no zombie answers to its pid. */
  for (guint i = 0; i < seen->len; i++)
    {
      GPid pid = g_array_index (seen, GPid, i);

      if (pid == current)
        continue;
      g_assert_cmpint (kill (pid, 0), ==, -1);
      g_assert_cmpint (errno, ==, ESRCH);
    }

  request (fixture, VITRINE_WORKER_ROLE_FEED, g_variant_new_parsed ("{'kind': <'echo'>}"), &call);
  g_assert_no_error (call.error);
  g_assert_cmpuint (vitrine_supervisor_get_restarts (fixture->supervisor, VITRINE_WORKER_ROLE_FEED), ==, 0);
  assert_no_stall (fixture);
}

/* What a ::state-changed handler saw, with the getters' view at that moment. */
typedef struct
{
  guint              role;
  VitrineWorkerState state;
  guint              restarts;
} StateChange;

static void
record_state_cb (VitrineSupervisor  *supervisor,
                 guint               role,
                 VitrineWorkerState  state,
                 gpointer            user_data)
{
  GArray *changes = user_data;
  StateChange change = { role, state, vitrine_supervisor_get_restarts (supervisor, role) };

  /* The role is already in the state the signal announces. */
  g_assert_cmpuint (role, <, VITRINE_WORKER_N_ROLES);
  g_assert_cmpint (vitrine_supervisor_get_state (supervisor, role), ==, state);
  g_array_append_val (changes, change);
}

/* One role's states in the order they were announced, as "starting running …". */
static char *
announced_states (GArray *changes,
                  guint   role)
{
  GString *states = g_string_new (NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      StateChange *change = &g_array_index (changes, StateChange, i);

      if (change->role != role)
        continue;
      if (states->len > 0)
        g_string_append_c (states, ' ');
      g_string_append (states, vitrine_worker_state_to_string (change->state));
    }
  return g_string_free (states, FALSE);
}

/* The restart count a handler read when @role was announced in @state the first time. */
static guint
restarts_when (GArray             *changes,
               guint               role,
               VitrineWorkerState  state)
{
  for (guint i = 0; i < changes->len; i++)
    {
      StateChange *change = &g_array_index (changes, StateChange, i);

      if (change->role == role && change->state == state)
        return change->restarts;
    }
  g_assert_not_reached ();
}

/*
 * ::state-changed is typed, names the role and its new state, comes for every change and
 * only for a change: each role starting and running, a killed image worker waiting to
 * restart and running again (with its restart already counted), and all stopped at the
 * end. The detail picks one role. The states' strings are those of --status.
 */
static void
test_state_signal (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *nicks[] = { "stopped", "starting", "running", "backoff", "failed", "disabled" };
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (StateChange));
  g_autoptr(GArray) image_changes = g_array_new (FALSE, FALSE, sizeof (StateChange));
  g_autofree char *image_states = NULL;
  GSignalQuery query;
  GPid old;

  for (guint i = 0; i < G_N_ELEMENTS (nicks); i++)
    g_assert_cmpstr (vitrine_worker_state_to_string (i), ==, nicks[i]);

  g_signal_query (g_signal_lookup ("state-changed", VITRINE_TYPE_SUPERVISOR), &query);
  g_assert_cmpuint (query.n_params, ==, 2);
  g_assert_true (query.param_types[0] == G_TYPE_UINT);
  g_assert_true ((query.param_types[1] & ~G_SIGNAL_TYPE_STATIC_SCOPE) == VITRINE_TYPE_WORKER_STATE);
  g_assert_true (query.signal_flags & G_SIGNAL_DETAILED);

  g_signal_connect (fixture->supervisor, "state-changed", G_CALLBACK (record_state_cb), changes);
  g_signal_connect (fixture->supervisor, "state-changed::image", G_CALLBACK (record_state_cb),
                    image_changes);

  start_all (fixture);
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      g_autofree char *states = announced_states (changes, i);

      g_assert_cmpstr (states, ==, "starting running");
    }

  old = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE);
  g_assert_cmpint (kill (old, SIGKILL), ==, 0);
  g_assert_true (wait_for (fixture, pid_changed, &old, 10000));
  image_states = announced_states (changes, VITRINE_WORKER_ROLE_IMAGE);
  g_assert_cmpstr (image_states, ==, "starting running backoff starting running");
  g_assert_cmpuint (restarts_when (changes, VITRINE_WORKER_ROLE_IMAGE, VITRINE_WORKER_STATE_BACKOFF), ==, 1);

  vitrine_supervisor_shutdown (fixture->supervisor);
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      g_autofree char *states = announced_states (changes, i);
      g_autoptr(JsonObject) status = worker_status (fixture, vitrine_worker_role_to_string (i));
      const char *reason = json_object_get_string_member (status, "last_restart_reason");

      g_test_message ("%s: %s (last restart: %s)", vitrine_worker_role_to_string (i), states,
                      reason != NULL ? reason : "none");
      g_assert_true (g_str_has_suffix (states, "running stopped"));
    }

  /* The detailed handler heard the image role, all of it, and nothing else. */
  g_clear_pointer (&image_states, g_free);
  image_states = announced_states (image_changes, VITRINE_WORKER_ROLE_IMAGE);
  g_assert_cmpstr (image_states, ==, "starting running backoff starting running stopped");
  g_assert_cmpuint (image_changes->len, ==, 6);

  g_signal_handlers_disconnect_by_data (fixture->supervisor, changes);
  g_signal_handlers_disconnect_by_data (fixture->supervisor, image_changes);
  assert_no_stall (fixture);
}

static void
add (const char *path,
     void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Misbehaving workers are logged as warnings; here they are the expected outcome. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_test_summary ("The supervisor against real, misbehaving worker processes");

  add ("/Supervisor/start-and-echo", test_start_and_echo);
  add ("/Supervisor/pixels-handoff", test_pixels_handoff);
  add ("/Supervisor/kill-restarts", test_kill_restarts);
  add ("/Supervisor/stopped-worker-is-hung", test_stopped_worker_is_hung);
  add ("/Supervisor/silent-start", test_silent_start);
  add ("/Supervisor/crash-loop-fails", test_crash_loop_fails);
  add ("/Supervisor/garbage", test_garbage);
  add ("/Supervisor/oversize", test_oversize);
  add ("/Supervisor/lying-header", test_lying_header);
  add ("/Supervisor/hostile-memfds", test_hostile_memfds);
  add ("/Supervisor/stale-reply", test_stale_reply);
  add ("/Supervisor/deadline", test_deadline);
  add ("/Supervisor/queue-backpressure", test_queue_backpressure);
  add ("/Supervisor/poison-input", test_poison_input);
  add ("/Supervisor/shutdown-clean", test_shutdown_clean);
  add ("/Supervisor/enable-live", test_enable_live);
  add ("/Supervisor/enable-flips", test_enable_flips);
  add ("/Supervisor/state-signal", test_state_signal);

  return g_test_run ();
}
