/* vitrine-test-util.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "vitrine-test-util.h"
#include "vitrine-wav.h"

/* Every wait here is bounded; a hung application fails the test, it does not hang it. */
#define VT_COMMAND_TIMEOUT_MS 15000

void
vt_result_clear (VtResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

static GPtrArray *
collect_argv (const char *program,
              const char *first_arg,
              va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *arg;

  g_ptr_array_add (argv, (gpointer) program);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  return argv;
}

static const char *
vitrine_binary (void)
{
  const char *path = g_getenv ("VITRINE_BINARY");

  g_assert_nonnull (path);
  return path;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* A test that aborts must not leave an application holding its output pipes open. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
spawn_argv (GPtrArray         *argv,
            GSubprocessFlags   flags)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

/* Runs vitrine with the given arguments to completion, collecting its output. */
void
vt_run (VtResult   *result,
        const char *first_arg,
        ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean timed_out = FALSE;
  guint timeout_id;
  va_list args;

  va_start (args, first_arg);
  argv = collect_argv (vitrine_binary (), first_arg, args);
  va_end (args);

  process = spawn_argv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  timeout_id = g_timeout_add (VT_COMMAND_TIMEOUT_MS, timeout_cb, &timed_out);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, &async_result);
  while (async_result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    {
      g_subprocess_force_exit (process);
      while (async_result == NULL)
        g_main_context_iteration (NULL, TRUE);
      result->status = -1;
    }
  else
    g_source_remove (timeout_id);

  g_subprocess_communicate_utf8_finish (process, async_result, &result->out, &result->err, &error);
  g_assert_no_error (error);
  if (!timed_out)
    result->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

/* Starts vitrine in the background; its output goes to the test log. */
GSubprocess *
vt_spawn_valist (const char *first_arg,
                 va_list     args)
{
  g_autoptr(GPtrArray) argv = collect_argv (vitrine_binary (), first_arg, args);

  return spawn_argv (argv, G_SUBPROCESS_FLAGS_NONE);
}

/* True once @name has an owner on the session bus: the instance is then the primary one. */
/*
 * A private session bus for one test, dying with the test process. (GTestDBus leaves its
 * daemon holding the test's output pipes when a test aborts, which stalls the runner.)
 */
GSubprocess *
vt_bus_up (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) input = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  GSubprocess *daemon;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  daemon = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", "--session", "--nofork",
                                        "--print-address=1", NULL);
  g_assert_no_error (error);

  input = g_data_input_stream_new (g_subprocess_get_stdout_pipe (daemon));
  address = g_data_input_stream_read_line_utf8 (input, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);

  return daemon;
}

void
vt_bus_down (GSubprocess *daemon)
{
  /* SIGTERM, so the daemon removes its socket file. */
  g_subprocess_send_signal (daemon, SIGTERM);
  g_subprocess_wait (daemon, NULL, NULL);
  g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
}

static gboolean
wait_for_owner (const char *name,
                gboolean    owned,
                guint       timeout_ms)
{
  g_autoptr(GDBusConnection) bus = NULL;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  /* Not the process-wide singleton: each test has a bus of its own. */
  bus = g_dbus_connection_new_for_address_sync (g_getenv ("DBUS_SESSION_BUS_ADDRESS"),
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, NULL);
  g_assert_nonnull (bus);
  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean has_owner = FALSE;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                           G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &has_owner);
      if (has_owner == owned)
        return TRUE;
      vt_sleep (50);
    }

  return FALSE;
}

gboolean
vt_wait_for_name (const char *name,
                  guint       timeout_ms)
{
  return wait_for_owner (name, TRUE, timeout_ms);
}

gboolean
vt_wait_for_name_gone (const char *name,
                       guint       timeout_ms)
{
  return wait_for_owner (name, FALSE, timeout_ms);
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
}

gboolean
vt_wait_for_exit (GSubprocess *process,
                  guint        timeout_ms)
{
  gboolean done = FALSE, timed_out = FALSE;
  guint timeout_id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  g_subprocess_wait_async (process, NULL, wait_cb, &done);
  while (!done && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!done)
    {
      g_subprocess_force_exit (process);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      return FALSE;
    }

  g_source_remove (timeout_id);
  return TRUE;
}

void
vt_sleep (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timeout_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
vt_have_display (void)
{
  return g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL;
}

/* Real input through the X server, as a person would give it. */
gboolean
vt_xdotool (const char *first_arg,
            ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list args;

  va_start (args, first_arg);
  argv = collect_argv ("xdotool", first_arg, args);
  va_end (args);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     NULL, NULL, &status, &error))
    {
      g_test_message ("xdotool: %s", error->message);
      return FALSE;
    }

  return g_spawn_check_wait_status (status, NULL);
}

/*
 * Fresh XDG directories for the processes a test starts, so settings, state and caches
 * never leak between tests or into the user's own. Returns the directory holding them.
 */
char *
vt_isolate_dirs (void)
{
  const char *vars[] = { "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME" };
  char *root = g_dir_make_tmp ("vitrine-test-XXXXXX", NULL);

  g_assert_nonnull (root);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      g_autofree char *dir = g_build_filename (root, vars[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_setenv (vars[i], dir, TRUE);
    }

  return root;
}

void
vt_remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          g_autofree char *child_path = g_file_get_path (child);

          vt_remove_tree (child_path);
        }
      else
        g_file_delete (child, NULL, NULL);
    }
  g_file_delete (file, NULL, NULL);
}

/* The first of PipeWire's programs the audio tests need that is not here, or NULL. */
const char *
vt_pipewire_missing (void)
{
  static const char *const tools[] = { "pipewire", "wireplumber", "pw-play", "pw-cli" };

  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      g_autofree char *path = g_find_program_in_path (tools[i]);

      if (path == NULL)
        return tools[i];
    }
  return NULL;
}

/* Whether PipeWire's programs are here; skips the test (with the reason) when not. */
gboolean
vt_have_pipewire (void)
{
  const char *missing = vt_pipewire_missing ();

  if (missing != NULL)
    {
      g_autofree char *message = g_strdup_printf ("%s is not installed (build-aux/dev test installs it)", missing);

      g_test_skip (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
vt_run_quietly (const char * const *argv)
{
  int status;

  return g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

GSubprocess *
vt_spawn_quietly (const char *first,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* Helpers (WirePlumber, mpv) find their own configuration in the system's data and
   * config directories, which tests otherwise isolate. */
  launcher = g_subprocess_launcher_new (g_getenv ("VT_VERBOSE") != NULL ? G_SUBPROCESS_FLAGS_NONE
                                        : G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", "/usr/local/share:/usr/share", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_DIRS", "/etc/xdg", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/*
 * PipeWire, WirePlumber and a null sink named test-sink (the default sink then), in the
 * XDG_RUNTIME_DIR and session bus of the caller's environment.
 */
void
vt_pipewire_up (VtPipeWire *pw)
{
  const char *info[] = { "pw-cli", "info", "0", NULL };
  const char *sink[] = { "pw-cli", "create-node", "adapter",
                         "{ factory.name=support.null-audio-sink node.name=test-sink "
                         "media.class=Audio/Sink object.linger=true audio.position=[FL FR] }", NULL };
  guint attempt;

  pw->pipewire = vt_spawn_quietly ("pipewire", NULL);
  for (attempt = 0; attempt < 100 && !vt_run_quietly (info); attempt++)
    vt_sleep (50);
  g_assert_cmpuint (attempt, <, 100);
  pw->wireplumber = vt_spawn_quietly ("wireplumber", NULL);
  vt_sleep (1500);
  g_assert_true (vt_run_quietly (sink));
  vt_sleep (500);
}

static void
stop_process (GSubprocess **process)
{
  if (*process != NULL)
    {
      g_subprocess_send_signal (*process, SIGTERM);
      vt_wait_for_exit (*process, 3000);
      g_clear_object (process);
    }
}

void
vt_pipewire_down (VtPipeWire *pw)
{
  stop_process (&pw->wireplumber);
  stop_process (&pw->pipewire);
}

/* @seconds of a 48 kHz stereo 16-bit tone at @hz. */
char *
vt_write_tone (const char *dir,
               double      hz,
               double      seconds)
{
  guint32 frames = (guint32) (48000 * seconds);
  g_autofree gint16 *samples = g_new (gint16, (gsize) frames * 2);
  g_autoptr(GBytes) wav = NULL;
  char *path = g_build_filename (dir, "tone.wav", NULL);

  for (guint32 i = 0; i < frames; i++)
    samples[2 * i] = samples[2 * i + 1] = (gint16) (0.5 * 32767 * sin (2 * G_PI * hz * i / 48000.0));
  wav = vitrine_wav_encode (samples, frames, 2, 48000);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (wav, NULL), (gssize) g_bytes_get_size (wav), NULL));
  return path;
}
