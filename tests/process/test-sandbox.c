/* test-sandbox.c: every worker role runs sandboxed, as the kernel sees it in /proc and as
 * `--status` reports it; the image role reads only its folders and no role but feed opens
 * a TCP socket.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <linux/landlock.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "vitrine-supervisor.h"
#include "vitrine-test-util.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

typedef struct
{
  char              *state_dir;
  char              *inside;     /* the image role's one folder */
  char              *outside;    /* readable by this test, not by the worker */
  GSettings         *settings;
  VitrineSupervisor *supervisor;
} Fixture;

/* A 2 × 2 24-bit BMP: a format the probe knows, written without any image library. */
static char *
write_bmp (const char *dir)
{
  static const guint8 bmp[] = {
    'B', 'M', 70, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0,
    40, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 24, 0, 0, 0, 0, 0, 16, 0, 0, 0,
    0x13, 0x0b, 0, 0, 0x13, 0x0b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 255, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0, 0, 0,
  };
  char *path = g_build_filename (dir, "tiny.bmp", NULL);

  g_assert_true (g_file_set_contents (path, (const char *) bmp, sizeof bmp, NULL));
  return path;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *folders[2] = { NULL, NULL };

  fixture->state_dir = g_dir_make_tmp ("vitrine-state-XXXXXX", NULL);
  fixture->inside = g_dir_make_tmp ("vitrine-inside-XXXXXX", NULL);
  fixture->outside = g_dir_make_tmp ("vitrine-outside-XXXXXX", NULL);
  g_setenv ("XDG_STATE_HOME", fixture->state_dir, TRUE);
  /* What a session hands its programs and a worker must not keep. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
  g_setenv ("SSH_AUTH_SOCK", "/nonexistent/agent", TRUE);
  g_setenv ("DISPLAY", ":99", TRUE);
  g_setenv ("WAYLAND_DISPLAY", "wayland-99", TRUE);
  g_setenv ("XAUTHORITY", "/nonexistent/Xauthority", TRUE);
  if (g_getenv ("XDG_RUNTIME_DIR") == NULL)
    g_setenv ("XDG_RUNTIME_DIR", fixture->state_dir, TRUE);
  g_setenv ("VITRINE_TEST_SANDBOX_PROBE", "1", TRUE);

  fixture->settings = g_settings_new (APP_ID ".Workers");
  g_settings_set_boolean (fixture->settings, "feed-enabled", TRUE);
  fixture->supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), fixture->settings);
  folders[0] = fixture->inside;
  vitrine_supervisor_set_read_only (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE, folders);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vitrine_supervisor_shutdown (fixture->supervisor);
  g_clear_object (&fixture->supervisor);
  g_settings_reset (fixture->settings, "feed-enabled");
  g_clear_object (&fixture->settings);
  g_unsetenv ("VITRINE_TEST_SANDBOX_PROBE");
  vt_remove_tree (fixture->state_dir);
  vt_remove_tree (fixture->inside);
  vt_remove_tree (fixture->outside);
  g_free (fixture->state_dir);
  g_free (fixture->inside);
  g_free (fixture->outside);
}

static gboolean
all_running (Fixture *fixture)
{
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    if (vitrine_supervisor_get_state (fixture->supervisor, i) != VITRINE_WORKER_STATE_RUNNING)
      return FALSE;
  return TRUE;
}

static void
start_all (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  vitrine_supervisor_start (fixture->supervisor);
  while (!all_running (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static char *
proc_file (GPid        pid,
           const char *name,
           gsize      *length)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/%s", (int) pid, name);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* The value after "@label" on its line of @text, trimmed. */
static char *
field (const char *text,
       const char *label)
{
  const char *line = strstr (text, label);
  const char *end;

  g_assert_nonnull (line);
  line += strlen (label);
  end = strchr (line, '\n');
  return g_strstrip (g_strndup (line, end != NULL ? (gsize) (end - line) : strlen (line)));
}

static gboolean
environ_has (const char *environ,
             gsize       length,
             const char *name)
{
  g_autofree char *prefix = g_strdup_printf ("%s=", name);

  for (gsize at = 0; at < length; at += strlen (environ + at) + 1)
    if (g_str_has_prefix (environ + at, prefix))
      return TRUE;
  return FALSE;
}

static void
check_process (GPid                pid,
               VitrineWorkerRoleId role)
{
  g_autofree char *status = proc_file (pid, "status", NULL);
  g_autofree char *limits = proc_file (pid, "limits", NULL);
  g_autofree char *oom = proc_file (pid, "oom_score_adj", NULL);
  g_autofree char *no_new_privs = field (status, "NoNewPrivs:");
  g_autofree char *seccomp = field (status, "Seccomp:");
  g_autofree char *core = field (limits, "Max core file size");
  g_autofree char *as = field (limits, "Max address space");
  g_autofree char *environ = NULL;
  gsize length = 0;

  g_autofree char *peak = field (status, "VmPeak:");

  g_test_message ("%s worker %d: address space %s, peak %s", vitrine_worker_role_to_string (role),
                  (int) pid, as, peak);
  g_assert_cmpstr (no_new_privs, ==, "1");
  /* 2: a filter is in force (1 would be strict mode). */
  g_assert_cmpstr (seccomp, ==, "2");
  g_assert_cmpint (atoi (oom), ==, 1000);
  g_assert_true (g_str_has_prefix (core, "0 "));
  if (!SANITIZED)
    g_assert_true (g_str_has_prefix (as, role == VITRINE_WORKER_ROLE_IMAGE ? "2147483648 " : "536870912 "));

  environ = proc_file (pid, "environ", &length);
  g_assert_false (environ_has (environ, length, "DBUS_SESSION_BUS_ADDRESS"));
  g_assert_false (environ_has (environ, length, "SSH_AUTH_SOCK"));
  g_assert_false (environ_has (environ, length, "DISPLAY"));
  g_assert_false (environ_has (environ, length, "WAYLAND_DISPLAY"));
  g_assert_false (environ_has (environ, length, "XAUTHORITY"));
  /* Only PipeWire's client needs the runtime folder, where its socket is. */
  g_assert_true (environ_has (environ, length, "XDG_RUNTIME_DIR") == (role == VITRINE_WORKER_ROLE_AUDIO));
  g_assert_true (environ_has (environ, length, "XDG_STATE_HOME"));
}

/* Every role's process, as /proc shows it. */
static void
test_processes (Fixture       *fixture,
                gconstpointer  data)
{
  start_all (fixture);
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    check_process (vitrine_supervisor_get_pid (fixture->supervisor, i), i);
}

static JsonObject *
role_status (JsonNode            *root,
             VitrineWorkerRoleId  role)
{
  JsonArray *workers = json_object_get_array_member (json_node_get_object (root), "workers");

  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *worker = json_array_get_object_element (workers, i);

      if (g_str_equal (json_object_get_string_member (worker, "role"), vitrine_worker_role_to_string (role)))
        return worker;
    }
  g_assert_not_reached ();
}

/* `--status` reports each process's sandbox; the TCP probe shows only feed may open one. */
static void
test_status (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  start_all (fixture);
  json_builder_begin_object (builder);
  vitrine_supervisor_add_status (fixture->supervisor, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      JsonObject *sandbox = json_object_get_object_member (role_status (root, i), "sandbox");
      const char *probe;

      g_assert_nonnull (sandbox);
      g_assert_true (json_object_get_boolean_member (sandbox, "no_new_privs"));
      g_assert_true (json_object_get_boolean_member (sandbox, "seccomp"));
      g_assert_true (json_object_has_member (sandbox, "landlock_abi"));
      g_assert_cmpint (json_object_get_int_member (sandbox, "rlimit_as"), ==,
                       SANITIZED ? 0 : i == VITRINE_WORKER_ROLE_IMAGE ? G_GINT64_CONSTANT (2147483648)
                                                                      : 536870912);
      probe = json_object_get_string_member (sandbox, "probe_tcp");
      g_test_message ("%s: TCP socket %s", vitrine_worker_role_to_string (i), probe);
      if (i == VITRINE_WORKER_ROLE_FEED)
        g_assert_cmpstr (probe, ==, "allowed");
      else
        g_assert_true (g_str_has_prefix (probe, "denied: "));
    }
}

static GVariant *
prescale (Fixture     *fixture,
          const char  *path,
          GError     **error)
{
  g_autoptr(GVariant) request = g_variant_ref_sink (
    g_variant_new_parsed ("{'kind': <'prescale'>, 'input': <%s>, 'width': <@u 4>, 'height': <@u 4>}", path));
  g_autoptr(GUnixFDList) fds = NULL;

  return vitrine_supervisor_request_sync (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE, request,
                                          &fds, error);
}

/* The image role decodes a readable image in its folder, and cannot open one outside. */
static void
test_image_folders (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *inside = write_bmp (fixture->inside);
  g_autofree char *outside = write_bmp (fixture->outside);
  g_autoptr(GVariant) good = NULL;
  g_autoptr(GVariant) bad = NULL;
  g_autoptr(GError) error = NULL;
  long abi = syscall (SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);

  start_all (fixture);
  good = prescale (fixture, inside, &error);
  g_assert_no_error (error);
  g_assert_nonnull (good);

  if (abi <= 0)
    {
      g_test_skip ("this kernel has no Landlock, so nothing keeps the image worker from other folders");
      return;
    }
  /* This process can read it; the worker's sandbox cannot. */
  g_assert_true (g_file_test (outside, G_FILE_TEST_IS_REGULAR));
  bad = prescale (fixture, outside, &error);
  g_assert_null (bad);
  g_assert_nonnull (error);
  g_test_message ("outside: %s", error->message);
  g_assert_nonnull (strstr (error->message, "Permission denied"));
  /* A refused file is the file's failure, not the worker's. */
  g_assert_cmpint (vitrine_supervisor_get_state (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE), ==,
                   VITRINE_WORKER_STATE_RUNNING);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Every worker process runs sandboxed");

  g_test_add ("/Sandbox/processes", Fixture, NULL, fixture_setup, test_processes, fixture_teardown);
  g_test_add ("/Sandbox/status", Fixture, NULL, fixture_setup, test_status, fixture_teardown);
  g_test_add ("/Sandbox/image-folders", Fixture, NULL, fixture_setup, test_image_folders, fixture_teardown);

  return g_test_run ();
}
