/* test-worker-options.c: the vitrine-worker command line.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-worker-env.h"
#include "vitrine-worker-options.h"

static gboolean
parse (const char            *line,
       VitrineWorkerOptions  *options,
       GError               **error)
{
  g_auto(GStrv) argv = NULL;
  g_autofree char **shallow = NULL;
  int argc;

  g_assert_true (g_shell_parse_argv (line, &argc, &argv, NULL));
  /* GOption drops parsed arguments from the array without freeing them: parse a shallow
   * copy and free the strings through the original. */
  shallow = g_memdup2 (argv, sizeof (char *) * (argc + 1));

  return vitrine_worker_options_parse (options, &argc, &shallow, error);
}

static void
test_roles (void)
{
  VitrineWorkerRoleId role;

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      const char *name = vitrine_worker_role_to_string (i);

      g_assert_nonnull (name);
      g_assert_true (vitrine_worker_role_from_string (name, &role));
      g_assert_cmpint (role, ==, i);
    }
  g_assert_cmpstr (vitrine_worker_role_to_string (VITRINE_WORKER_ROLE_AUDIO), ==, "audio");
  g_assert_false (vitrine_worker_role_from_string ("Image", &role));
  g_assert_false (vitrine_worker_role_from_string ("", &role));
  g_assert_false (vitrine_worker_role_from_string (NULL, &role));
}

static void
test_parse (void)
{
  VitrineWorkerOptions options = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (parse ("vitrine-worker --role=feed", &options, &error));
  g_assert_no_error (error);
  g_assert_cmpint (options.role, ==, VITRINE_WORKER_ROLE_FEED);
  g_assert_cmpint (options.socket_fd, ==, 3);

  g_assert_true (parse ("vitrine-worker --role transition --socket-fd=7", &options, &error));
  g_assert_cmpint (options.role, ==, VITRINE_WORKER_ROLE_TRANSITION);
  g_assert_cmpint (options.socket_fd, ==, 7);
  g_assert_null (options.analyze);
  g_assert_cmpuint (options.bars, ==, 15);
  g_assert_cmpuint (options.hop, ==, 1024);
  g_assert_cmpuint (options.frame, ==, 2048);

  g_assert_true (parse ("vitrine-worker --role=audio --analyze /tmp/x.wav --bars 64 --hop 1 --frame 64",
                        &options, &error));
  g_assert_cmpstr (options.analyze, ==, "/tmp/x.wav");
  g_assert_cmpuint (options.bars, ==, 64);
  g_assert_cmpuint (options.hop, ==, 1);
  g_assert_cmpuint (options.frame, ==, 64);
  g_assert_null (options.beats);
  g_assert_null (options.export_path);
  vitrine_worker_options_clear (&options);

  g_assert_true (parse ("vitrine-worker --role=audio --export /tmp/x.wav --grid seconds --interp spline "
                        "--descriptors rms --subdivision 4", &options, &error));
  g_assert_cmpstr (options.export_path, ==, "/tmp/x.wav");
  g_assert_cmpstr (options.grid, ==, "seconds");
  g_assert_cmpstr (options.interp, ==, "spline");
  g_assert_cmpstr (options.descriptors, ==, "rms");
  g_assert_cmpuint (options.subdivision, ==, 4);
  vitrine_worker_options_clear (&options);
  g_assert_true (parse ("vitrine-worker --role=audio --export /tmp/x.wav", &options, &error));
  g_assert_cmpstr (options.grid, ==, "beats");
  g_assert_cmpstr (options.interp, ==, "linear");
  g_assert_cmpstr (options.descriptors, ==, "rms,onset,beat");
  vitrine_worker_options_clear (&options);
}

/* What the supervisor passes for the poison list, and the defaults without it. */
static void
test_poison_context (void)
{
  VitrineWorkerOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  const char *bad[] = {
    "vitrine-worker --role=image --instance=kiosk",
    "vitrine-worker --role=image --instance=",
    "vitrine-worker --role=image --predecessor=crashed",
  };

  g_assert_true (parse ("vitrine-worker --role=image", &options, &error));
  g_assert_cmpstr (options.instance, ==, "display");
  g_assert_cmpint (options.predecessor, ==, VITRINE_PREDECESSOR_NONE);

  g_assert_true (parse ("vitrine-worker --role=image --instance=render --predecessor=unexplained",
                        &options, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (options.instance, ==, "render");
  g_assert_cmpint (options.predecessor, ==, VITRINE_PREDECESSOR_UNEXPLAINED);

  g_assert_true (parse ("vitrine-worker --role=image --predecessor=caused", &options, &error));
  g_assert_cmpint (options.predecessor, ==, VITRINE_PREDECESSOR_CAUSED);
  vitrine_worker_options_clear (&options);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      VitrineWorkerOptions rejected = { 0 };

      g_clear_error (&error);
      g_assert_false (parse (bad[i], &rejected, &error));
      g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
      vitrine_worker_options_clear (&rejected);
    }
}

static void
test_parse_errors (void)
{
  const struct {
    const char *line;
    const char *message;
  } cases[] = {
    { "vitrine-worker", "--role is required" },
    { "vitrine-worker --role=decoder", "unknown role “decoder”" },
    { "vitrine-worker --role=image --socket-fd=1", "0 to 2 are standard streams" },
    { "vitrine-worker --role=image --socket-fd=x", "socket-fd" },
    { "vitrine-worker --role=image --analyze=a.wav", "--analyze needs --role=audio" },
    { "vitrine-worker --role=image --beats=a.wav", "--beats needs --role=audio" },
    { "vitrine-worker --role=image --export=a.wav", "--export needs --role=audio" },
    { "vitrine-worker --role=audio --export=a.wav --grid=bars", "--grid=bars is not" },
    { "vitrine-worker --role=audio --export=a.wav --interp=cubic", "--interp=cubic is not" },
    { "vitrine-worker --role=audio --export=a.wav --subdivision=65", "--subdivision=65 is out of range" },
    { "vitrine-worker --role=audio --beats=a.wav --analyze=b.wav", "--beats and --analyze are separate" },
    { "vitrine-worker --role=audio --analyze=a.wav --bars=65", "--bars=65 is out of range" },
    { "vitrine-worker --role=audio --analyze=a.wav --bars=0", "--bars=0 is out of range" },
    { "vitrine-worker --role=audio --analyze=a.wav --frame=1000000", "--frame=1000000 is not" },
    { "vitrine-worker --role=audio --analyze=a.wav --frame=255", "--frame=255 is not an even" },
    { "vitrine-worker --role=audio --analyze=a.wav --hop=0", "--hop=0 is not" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(VitrineWorkerOptions) options = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_false (parse (cases[i].line, &options, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

/* The folders the supervisor names for the sandbox: as many --read-only as it likes. */
static void
test_read_only (void)
{
  g_auto(VitrineWorkerOptions) options = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (parse ("vitrine-worker --role=image --read-only=/srv/photos --read-only '/home/a b'",
                        &options, &error));
  g_assert_no_error (error);
  g_assert_nonnull (options.read_only);
  g_assert_cmpuint (g_strv_length (options.read_only), ==, 2);
  g_assert_cmpstr (options.read_only[0], ==, "/srv/photos");
  g_assert_cmpstr (options.read_only[1], ==, "/home/a b");
}

/* What a worker's environment keeps: its files, language, switches; no peer to talk to. */
static void
test_environment (void)
{
  const char *kept[] = { "HOME", "LANG", "LC_ALL", "XDG_STATE_HOME", "XDG_CACHE_HOME",
                         "XDG_DATA_DIRS", "VITRINE_WORKER_FAULT", "G_MESSAGES_DEBUG",
                         "ASAN_OPTIONS", "UBSAN_OPTIONS" };
  const char *dropped[] = { "DBUS_SESSION_BUS_ADDRESS", "SSH_AUTH_SOCK", "DISPLAY",
                            "WAYLAND_DISPLAY", "XAUTHORITY", "GPG_AGENT_INFO", "PULSE_SERVER" };
  char **envp = g_new0 (char *, 4);
  g_auto(GStrv) trimmed = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (kept); i++)
    for (guint role = 0; role < VITRINE_WORKER_N_ROLES; role++)
      g_assert_true (vitrine_worker_env_keeps (role, kept[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (dropped); i++)
    for (guint role = 0; role < VITRINE_WORKER_N_ROLES; role++)
      g_assert_false (vitrine_worker_env_keeps (role, dropped[i]));

  /* PipeWire's client finds its socket through these; no other role needs them. */
  g_assert_true (vitrine_worker_env_keeps (VITRINE_WORKER_ROLE_AUDIO, "XDG_RUNTIME_DIR"));
  g_assert_true (vitrine_worker_env_keeps (VITRINE_WORKER_ROLE_AUDIO, "PIPEWIRE_REMOTE"));
  g_assert_false (vitrine_worker_env_keeps (VITRINE_WORKER_ROLE_IMAGE, "XDG_RUNTIME_DIR"));
  g_assert_false (vitrine_worker_env_keeps (VITRINE_WORKER_ROLE_FEED, "PIPEWIRE_REMOTE"));

  envp[0] = g_strdup ("HOME=/home/a");
  envp[1] = g_strdup ("DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/1000/bus");
  envp[2] = g_strdup ("LANG=C.UTF-8");
  trimmed = vitrine_worker_env_trim (VITRINE_WORKER_ROLE_IMAGE, envp);
  g_assert_cmpuint (g_strv_length (trimmed), ==, 2);
  g_assert_cmpstr (trimmed[0], ==, "HOME=/home/a");
  g_assert_cmpstr (trimmed[1], ==, "LANG=C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Parsing of the worker's command line");

  g_test_add_func ("/WorkerOptions/roles", test_roles);
  g_test_add_func ("/WorkerOptions/parse", test_parse);
  g_test_add_func ("/WorkerOptions/poison-context", test_poison_context);
  g_test_add_func ("/WorkerOptions/parse-errors", test_parse_errors);
  g_test_add_func ("/WorkerOptions/read-only", test_read_only);
  g_test_add_func ("/WorkerOptions/environment", test_environment);

  return g_test_run ();
}
