/* test-supervisor-replies.c: how the supervisor reads a real worker's error replies. An
 * error reply is the worker's own answer, whatever its code says: "cancelled" or "closed"
 * from the worker is neither the display's cancellation nor a dead connection, on Process
 * as on Hello (docs/ARCHITECTURE.md §2, §3). And an image error is the file's fault only
 * when the worker says so: running out of descriptors is not (§5). What a reply hands over
 * must agree with its request: no file descriptor more than its kind has, no index past
 * its list, no pixels of another size than asked (§2).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "vitrine-supervisor.h"
#include "vitrine-test-supervisor.h"
#include "vitrine-test-util.h"

/* The error domain a worker's "this file is bad" travels in, as GDBus rebuilds it here. */
#define IMAGE_ERROR_DOMAIN "vitrine-image-error-quark"

/* A 4 × 4 PNG of one colour, so that this test needs no image library of its own. */
static const guint8 small_png[] =
  "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x04\x00\x00"
  "\x00\x04\x08\x02\x00\x00\x00\x26\x93\x09\x29\x00\x00\x00\x10\x49\x44\x41\x54\x78\x9c\x63"
  "\x50\x58\xe0\x00\x47\x0c\xc4\x71\x00\x9e\x43\x10\x01\x0a\xd6\x4b\x46\x00\x00\x00\x00\x49"
  "\x45\x4e\x44\xae\x42\x60\x82";

typedef struct
{
  char              *state_dir;
  GSettings         *settings;
  VitrineSupervisor *supervisor;
} Fixture;


static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  /* Workers keep their poison lists here; each test starts with none. */
  fixture->state_dir = g_dir_make_tmp ("vitrine-state-XXXXXX", NULL);
  g_setenv ("XDG_STATE_HOME", fixture->state_dir, TRUE);
  fixture->settings = g_settings_new (APP_ID ".Workers");
  g_settings_set_double (fixture->settings, "restart-backoff-initial", 0.1);
  fixture->supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), fixture->settings);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->supervisor != NULL)
    vitrine_supervisor_shutdown (fixture->supervisor);
  g_clear_object (&fixture->supervisor);
  g_settings_reset (fixture->settings, "restart-backoff-initial");
  g_clear_object (&fixture->settings);
  vt_remove_tree (fixture->state_dir);
  g_clear_pointer (&fixture->state_dir, g_free);
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
role_running (Fixture       *fixture,
              gconstpointer  data)
{
  return vitrine_supervisor_get_state (fixture->supervisor, GPOINTER_TO_UINT (data)) ==
         VITRINE_WORKER_STATE_RUNNING;
}

static gboolean
role_restarted (Fixture       *fixture,
                gconstpointer  data)
{
  return vitrine_supervisor_get_restarts (fixture->supervisor, GPOINTER_TO_UINT (data)) >= 1;
}

static gboolean
call_done (Fixture       *fixture,
           gconstpointer  data)
{
  return ((const VtCall *) data)->done;
}

static JsonObject *
role_status (Fixture    *fixture,
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

static JsonObject *
image_status (Fixture *fixture)
{
  return role_status (fixture, "image");
}

static void
start_image (Fixture    *fixture,
             const char *fault)
{
  vitrine_supervisor_set_fault (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE, fault);
  vitrine_supervisor_start (fixture->supervisor);
  g_assert_true (wait_for (fixture, role_running, GUINT_TO_POINTER (VITRINE_WORKER_ROLE_IMAGE), 10000));
}

static void
request (Fixture  *fixture,
         GVariant *body,
         VtCall     *call)
{
  vitrine_supervisor_request_async (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE, body, NULL,
                                    vt_call_cb, call);
  if (!wait_for (fixture, call_done, call, 15000))
    g_error ("the request never completed");
}

/*
 * Every request of a worker that always answers with @code completes with that error (the
 * worker's own, passed on), frees its in-flight slot, and the worker stays: more requests
 * than the role's in-flight limit, so that a leaked slot would hold the rest in the queue.
 */
static void
assert_error_replies_complete (Fixture    *fixture,
                               const char *fault,
                               int         code)
{
  VtCall calls[5] = { 0 };
  g_auto(VtCall) more = { 0 };
  g_autoptr(JsonObject) status = NULL;
  GPid pid;

  start_image (fixture, fault);
  pid = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE);

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    vitrine_supervisor_request_async (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE,
                                      g_variant_new_parsed ("{'kind': <'echo'>}"), NULL,
                                      vt_call_cb, &calls[i]);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    if (!wait_for (fixture, call_done, &calls[i], 10000))
      g_error ("request %u of a worker answering “%s” never completed", i + 1, fault);

  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    {
      g_assert_error (calls[i].error, G_IO_ERROR, code);
      g_assert_nonnull (strstr (calls[i].error->message, "injected fault"));
      vt_call_clear (&calls[i]);
    }

  status = image_status (fixture);
  g_assert_cmpint (json_object_get_int_member (status, "in_flight"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (status, "restarts"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (status, "rejects"), ==, 0);
  g_assert_cmpint (vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE), ==, pid);

  /* The same process answers the next one as well. */
  request (fixture, g_variant_new_parsed ("{'kind': <'echo'>}"), &more);
  g_assert_error (more.error, G_IO_ERROR, code);
  g_assert_cmpint (vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE), ==, pid);
  g_assert_true (role_running (fixture, GUINT_TO_POINTER (VITRINE_WORKER_ROLE_IMAGE)));
}

static void
test_process_cancelled (Fixture       *fixture,
                        gconstpointer  data)
{
  assert_error_replies_complete (fixture, "error-cancelled", G_IO_ERROR_CANCELLED);
}

static void
test_process_closed (Fixture       *fixture,
                     gconstpointer  data)
{
  assert_error_replies_complete (fixture, "error-closed", G_IO_ERROR_CLOSED);
}

/* A Hello answered with @fault's error fails the start like any failed handshake: the
 * role restarts, says why, and comes up once the worker answers properly. */
static void
assert_hello_error_fails_start (Fixture    *fixture,
                                const char *fault)
{
  VitrineWorkerRoleId role = VITRINE_WORKER_ROLE_TRANSITION;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  vitrine_supervisor_set_fault (fixture->supervisor, role, fault);
  vitrine_supervisor_start (fixture->supervisor);
  if (!wait_for (fixture, role_restarted, GUINT_TO_POINTER (role), 5000))
    g_error ("a Hello answered with “%s” left the role %s", fault,
             vitrine_worker_state_to_string (vitrine_supervisor_get_state (fixture->supervisor, role)));

  json_builder_begin_object (builder);
  vitrine_supervisor_add_status (fixture->supervisor, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_assert_nonnull (strstr (text, "no handshake"));

  vitrine_supervisor_set_fault (fixture->supervisor, role, NULL);
  g_assert_true (wait_for (fixture, role_running, GUINT_TO_POINTER (role), 10000));
}

static void
test_hello_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  assert_hello_error_fails_start (fixture, "hello-cancelled");
}

static void
test_hello_closed (Fixture       *fixture,
                   gconstpointer  data)
{
  assert_hello_error_fails_start (fixture, "hello-closed");
}

static GVariant *
prescale_request (const char *path)
{
  return g_variant_new_parsed ("{'kind': <'prescale'>, 'input': <%s>, 'width': <uint32 8>, "
                               "'height': <uint32 8>}", path);
}

/*
 * A worker out of file descriptors cannot open the photo, and says so without blaming the
 * photo: the error is not an image error, the worker stays, and the same file decodes
 * once descriptors are back. A file that is really broken still gets an image error.
 */
static void
test_out_of_descriptors (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrine-photos-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.png", NULL);
  g_autofree char *noise = g_build_filename (dir, "noise.png", NULL);
  g_auto(VtCall) starved = { 0 };
  g_auto(VtCall) again = { 0 };
  g_auto(VtCall) broken = { 0 };
  g_auto(VitrinePixelHeader) header = { 0 };
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (good, (const char *) small_png, sizeof small_png - 1, NULL));
  g_assert_true (g_file_set_contents (noise, "this is not an image at all, just words", -1, NULL));
  /* The worker's sandbox lets it read its folders only. */
  vitrine_supervisor_set_read_only (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE,
                                    (const char * const []) { dir, NULL });
  start_image (fixture, "emfile@1");

  request (fixture, prescale_request (good), &starved);
  g_assert_nonnull (starved.error);
  g_test_message ("out of descriptors: %s: %s", g_quark_to_string (starved.error->domain),
                  starved.error->message);
  g_assert_cmpstr (g_quark_to_string (starved.error->domain), !=, IMAGE_ERROR_DOMAIN);
  g_assert_error (starved.error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES);
  g_assert_cmpuint (vitrine_supervisor_get_restarts (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE), ==, 0);

  request (fixture, prescale_request (good), &again);
  g_assert_no_error (again.error);
  pixels = vitrine_supervisor_map_pixels (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE,
                                          again.reply, again.fds, &header, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (header.width, ==, 8);

  request (fixture, prescale_request (noise), &broken);
  g_assert_nonnull (broken.error);
  g_assert_cmpstr (g_quark_to_string (broken.error->domain), ==, IMAGE_ERROR_DOMAIN);

  vt_remove_tree (dir);
}

/* Each case a fresh supervisor whose @role misbehaves as @fault says. */
static void
misbehave_afresh (Fixture             *fixture,
                  VitrineWorkerRoleId  role,
                  const char          *fault,
                  const char          *body,
                  VtCall                *call)
{
  if (fixture->supervisor != NULL)
    vitrine_supervisor_shutdown (fixture->supervisor);
  g_clear_object (&fixture->supervisor);
  fixture->supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), fixture->settings);
  vitrine_supervisor_set_fault (fixture->supervisor, role, fault);
  vitrine_supervisor_start (fixture->supervisor);
  g_assert_true (wait_for (fixture, role_running, GUINT_TO_POINTER (role), 10000));
  vitrine_supervisor_request_async (fixture->supervisor, role, g_variant_new_parsed (body), NULL, vt_call_cb, call);
  if (!wait_for (fixture, call_done, call, 15000))
    g_error ("the request never completed");
}

/* Memfds named @name open in this process: what a refused reply brought must be closed. */
static guint
open_memfds (const char *name)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  g_autofree char *prefix = g_strconcat ("/memfd:", name, NULL);
  const char *entry;
  guint count = 0;

  g_assert_nonnull (dir);
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/fd", entry, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      count += target != NULL && g_str_has_prefix (target, prefix);
    }
  return count;
}

static void
assert_rejected_once (Fixture    *fixture,
                      const char *role,
                      VtCall       *call,
                      const char *reason)
{
  g_autoptr(JsonObject) status = NULL;

  g_assert_error (call->error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_REJECTED);
  if (strstr (call->error->message, reason) == NULL)
    g_error ("“%s” does not mention “%s”", call->error->message, reason);
  g_assert_null (call->fds);
  g_assert_cmpuint (open_memfds ("vitrine-extra"), ==, 0);
  status = role_status (fixture, role);
  g_assert_cmpint (json_object_get_int_member (status, "rejects"), ==, 1);
  /* A lie about what it hands over does not cost the worker its life. */
  g_assert_cmpint (json_object_get_int_member (status, "restarts"), ==, 0);
}

/* A reply that hands over more file descriptors than its kind does is refused, and its
 * descriptors closed with it. */
static void
test_extra_fds (Fixture       *fixture,
                gconstpointer  data)
{
  const char *bodies[] = {
    "{'kind': <'echo'>}",
    "{'kind': <'pixels'>, 'width': <uint32 64>, 'height': <uint32 32>}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_auto(VtCall) call = { 0 };

      misbehave_afresh (fixture, VITRINE_WORKER_ROLE_IMAGE, "extra-fds@1", bodies[i], &call);
      assert_rejected_once (fixture, "image", &call, "file descriptor");
    }
}

/* An index past the fd list, for pixels or the audio ring, is refused before anyone asks
 * the list for it. */
static void
test_fd_index (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(VtCall) pixels = { 0 };
  g_auto(VtCall) ring = { 0 };

  misbehave_afresh (fixture, VITRINE_WORKER_ROLE_IMAGE, "fd-index@1",
                    "{'kind': <'pixels'>, 'width': <uint32 64>, 'height': <uint32 32>}", &pixels);
  assert_rejected_once (fixture, "image", &pixels, "index");
  misbehave_afresh (fixture, VITRINE_WORKER_ROLE_AUDIO, "fd-index@1",
                    "{'kind': <'audio'>, 'active': <false>, 'generation': <uint64 1>}", &ring);
  assert_rejected_once (fixture, "audio", &ring, "index");
}

/* Pixels of another size than asked (for a payload: than its grid) are refused, however
 * well they are sealed. */
static void
test_resized_pixels (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(VtCall) pixels = { 0 };
  g_auto(VtCall) payload = { 0 };

  misbehave_afresh (fixture, VITRINE_WORKER_ROLE_IMAGE, "resize@1",
                    "{'kind': <'pixels'>, 'width': <uint32 64>, 'height': <uint32 32>}", &pixels);
  assert_rejected_once (fixture, "image", &pixels, "65×32");
  misbehave_afresh (fixture, VITRINE_WORKER_ROLE_TRANSITION, "resize@1",
                    "{'kind': <'payload'>, 'type': <'diffuse'>, 'columns': <uint32 12>, 'rows': <uint32 7>}",
                    &payload);
  assert_rejected_once (fixture, "transition", &payload, "13×7");
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
  g_test_summary ("The supervisor reading real workers' error replies");

  add ("/SupervisorReplies/process-cancelled", test_process_cancelled);
  add ("/SupervisorReplies/process-closed", test_process_closed);
  add ("/SupervisorReplies/hello-cancelled", test_hello_cancelled);
  add ("/SupervisorReplies/hello-closed", test_hello_closed);
  add ("/SupervisorReplies/out-of-descriptors", test_out_of_descriptors);
  add ("/SupervisorReplies/extra-fds", test_extra_fds);
  add ("/SupervisorReplies/fd-index", test_fd_index);
  add ("/SupervisorReplies/resized-pixels", test_resized_pixels);

  return g_test_run ();
}
