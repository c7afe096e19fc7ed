/* test-poison.c: the poison list against real worker processes (docs/ARCHITECTURE.md §3):
 * only a death the supervisor did not cause strikes (a SIGKILL from outside once), a
 * success clears strikes, paths with newlines, the display's and `--render-transition`'s
 * lists kept apart, a long list that still gives a working handshake, and an unwritable
 * state directory.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "vitrine-supervisor.h"
#include "vitrine-test-supervisor.h"
#include "vitrine-test-util.h"

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
  g_settings_reset (fixture->settings, "image-deadline");
  g_settings_reset (fixture->settings, "image-enabled");
  g_clear_object (&fixture->settings);
  vt_remove_tree (fixture->state_dir);
  g_clear_pointer (&fixture->state_dir, g_free);
}

typedef gboolean (*Condition) (VitrineSupervisor *supervisor, gconstpointer data);

static gboolean
wait_for (VitrineSupervisor *supervisor,
          Condition          condition,
          gconstpointer      data,
          guint              timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (supervisor, data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (200);
    }
  return TRUE;
}

static gboolean
never (VitrineSupervisor *supervisor,
       gconstpointer      data)
{
  return FALSE;
}

/* Lets the main loop run for @ms: requests go out, replies come in. */
static void
spin (guint ms)
{
  wait_for (NULL, never, NULL, ms);
}

static gboolean
image_running (VitrineSupervisor *supervisor,
               gconstpointer      data)
{
  return vitrine_supervisor_get_state (supervisor, VITRINE_WORKER_ROLE_IMAGE) == VITRINE_WORKER_STATE_RUNNING;
}

static gboolean
image_replaced (VitrineSupervisor *supervisor,
                gconstpointer      data)
{
  const GPid *old = data;

  return vitrine_supervisor_get_pid (supervisor, VITRINE_WORKER_ROLE_IMAGE) != *old &&
         image_running (supervisor, NULL);
}

static void
start_image (VitrineSupervisor *supervisor)
{
  vitrine_supervisor_start (supervisor);
  g_assert_true (wait_for (supervisor, image_running, NULL, 10000));
}


static gboolean
call_done (VitrineSupervisor *supervisor,
           gconstpointer      data)
{
  return ((const VtCall *) data)->done;
}

static void
send_echo (VitrineSupervisor *supervisor,
           const char        *input,
           VtCall              *call)
{
  vitrine_supervisor_request_async (supervisor, VITRINE_WORKER_ROLE_IMAGE,
                                    g_variant_new_parsed ("{'kind': <'echo'>, 'input': <%s>}", input),
                                    NULL, vt_call_cb, call);
}

static void
echo (VitrineSupervisor *supervisor,
      const char        *input,
      VtCall              *call)
{
  send_echo (supervisor, input, call);
  g_assert_true (wait_for (supervisor, call_done, call, 15000));
}

static JsonObject *
image_status (VitrineSupervisor *supervisor)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonArray *workers;

  json_builder_begin_object (builder);
  vitrine_supervisor_add_status (supervisor, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  workers = json_object_get_array_member (json_node_get_object (root), "workers");
  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *worker = json_array_get_object_element (workers, i);

      if (g_str_equal (json_object_get_string_member (worker, "role"), "image"))
        return json_object_ref (worker);
    }
  g_assert_not_reached ();
}

/* The image worker's quarantine as `--status` shows it, joined with "|". */
static char *
quarantined (VitrineSupervisor *supervisor)
{
  g_autoptr(JsonObject) status = image_status (supervisor);
  JsonArray *list = json_object_get_array_member (status, "quarantined");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    g_strv_builder_add (builder, json_array_get_string_element (list, i));
  strv = g_strv_builder_end (builder);
  return g_strjoinv ("|", strv);
}

/* Quitting in the middle of a request blames nobody: the next start serves the input. */
static void
test_shutdown_mid_request (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(VtCall) slow = { 0 };
  g_auto(VtCall) again = { 0 };
  g_autofree char *list = NULL;

  vitrine_supervisor_set_fault (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE, "slow:5000=/photos/slow.jpg");
  start_image (fixture->supervisor);
  send_echo (fixture->supervisor, "/photos/slow.jpg", &slow);
  spin (300);
  vitrine_supervisor_shutdown (fixture->supervisor);
  g_assert_true (wait_for (fixture->supervisor, call_done, &slow, 5000));
  g_clear_object (&fixture->supervisor);

  fixture->supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), fixture->settings);
  start_image (fixture->supervisor);
  list = quarantined (fixture->supervisor);
  g_assert_cmpstr (list, ==, "");
  echo (fixture->supervisor, "/photos/slow.jpg", &again);
  g_assert_no_error (again.error);
}

/* A kill the supervisor made (a request past its deadline) is no evidence against the input. */
static void
test_deadline_kill_no_strike (Fixture       *fixture,
                              gconstpointer  data)
{
  g_auto(VtCall) late = { 0 };
  g_auto(VtCall) again = { 0 };
  g_autofree char *list = NULL;
  GPid old;

  g_settings_set_double (fixture->settings, "image-deadline", 1.0);
  vitrine_supervisor_set_fault (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE, "slow:3000=/photos/slow.jpg");
  start_image (fixture->supervisor);
  old = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE);
  echo (fixture->supervisor, "/photos/slow.jpg", &late);
  g_assert_error (late.error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_TIMED_OUT);
  g_assert_true (wait_for (fixture->supervisor, image_replaced, &old, 10000));
  g_settings_reset (fixture->settings, "image-deadline");

  list = quarantined (fixture->supervisor);
  g_assert_cmpstr (list, ==, "");
  echo (fixture->supervisor, "/photos/slow.jpg", &again);
  g_assert_no_error (again.error);
}

/* A worker killed for lying about one request: the other one in flight is not to blame. */
static void
test_liar_kill_no_strike (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(VtCall) slow = { 0 };
  g_auto(VtCall) lie = { 0 };
  g_auto(VtCall) again = { 0 };
  g_autofree char *list = NULL;
  GPid old;

  vitrine_supervisor_set_fault (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE,
                                "slow:3000=/photos/slow.jpg,lie=/photos/liar.jpg");
  start_image (fixture->supervisor);
  old = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE);
  send_echo (fixture->supervisor, "/photos/slow.jpg", &slow);
  spin (300);
  echo (fixture->supervisor, "/photos/liar.jpg", &lie);
  g_assert_error (lie.error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_REJECTED);
  g_assert_true (wait_for (fixture->supervisor, call_done, &slow, 5000));
  g_assert_true (wait_for (fixture->supervisor, image_replaced, &old, 10000));

  list = quarantined (fixture->supervisor);
  g_assert_cmpstr (list, ==, "");
  echo (fixture->supervisor, "/photos/slow.jpg", &again);
  g_assert_no_error (again.error);
}

/* Switching the role off in the middle of a request blames nobody either. */
static void
test_disabled_no_strike (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(VtCall) slow = { 0 };
  g_auto(VtCall) again = { 0 };
  g_autofree char *list = NULL;

  vitrine_supervisor_set_fault (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE, "slow:3000=/photos/slow.jpg");
  start_image (fixture->supervisor);
  send_echo (fixture->supervisor, "/photos/slow.jpg", &slow);
  spin (300);
  g_settings_set_boolean (fixture->settings, "image-enabled", FALSE);
  g_assert_true (wait_for (fixture->supervisor, call_done, &slow, 5000));
  spin (300);
  g_settings_set_boolean (fixture->settings, "image-enabled", TRUE);
  g_assert_true (wait_for (fixture->supervisor, image_running, NULL, 10000));

  list = quarantined (fixture->supervisor);
  g_assert_cmpstr (list, ==, "");
  echo (fixture->supervisor, "/photos/slow.jpg", &again);
  g_assert_no_error (again.error);
}

/* @a slow and in flight while @b crashes the worker: one strike each. */
static void
crash_with_neighbour (VitrineSupervisor *supervisor)
{
  g_auto(VtCall) a = { 0 };
  g_auto(VtCall) b = { 0 };
  GPid old = vitrine_supervisor_get_pid (supervisor, VITRINE_WORKER_ROLE_IMAGE);

  send_echo (supervisor, "/photos/a.jpg", &a);
  spin (300);
  echo (supervisor, "/photos/b.jpg", &b);
  g_assert_error (b.error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_WORKER_DIED);
  g_assert_true (wait_for (supervisor, call_done, &a, 5000));
  g_assert_true (wait_for (supervisor, image_replaced, &old, 10000));
}

/* A success clears an input's strikes: an innocent neighbour twice is not quarantined. */
static void
test_success_clears_strikes (Fixture       *fixture,
                             gconstpointer  data)
{
  g_auto(VtCall) ok = { 0 };
  g_autofree char *list = NULL;

  vitrine_supervisor_set_fault (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE,
                                "slow:1500=/photos/a.jpg,crash=/photos/b.jpg");
  start_image (fixture->supervisor);
  crash_with_neighbour (fixture->supervisor);
  list = quarantined (fixture->supervisor);
  g_assert_cmpstr (list, ==, "");

  echo (fixture->supervisor, "/photos/a.jpg", &ok);
  g_assert_no_error (ok.error);

  crash_with_neighbour (fixture->supervisor);
  g_clear_pointer (&list, g_free);
  list = quarantined (fixture->supervisor);
  g_assert_cmpstr (list, ==, "/photos/b.jpg");
}

/* Kills @input's worker from outside (as the OOM killer would) while it is in flight alone. */
static void
kill_from_outside (VitrineSupervisor *supervisor,
                   const char        *input)
{
  g_auto(VtCall) call = { 0 };
  GPid old = vitrine_supervisor_get_pid (supervisor, VITRINE_WORKER_ROLE_IMAGE);

  send_echo (supervisor, input, &call);
  spin (300);
  g_assert_cmpint (kill (old, SIGKILL), ==, 0);
  g_assert_true (wait_for (supervisor, call_done, &call, 5000));
  g_assert_error (call.error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_WORKER_DIED);
  g_assert_true (wait_for (supervisor, image_replaced, &old, 10000));
}

/*
 * A SIGKILL nobody here sent (the OOM killer, which oom_score_adj points at workers) strikes
 * what was in flight once: alone in flight, a crash quarantines at once, such a kill only
 * the second time.
 */
static void
test_outside_kill_strikes_once (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *after_one = NULL;
  g_autofree char *after_two = NULL;

  vitrine_supervisor_set_fault (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE, "slow:5000=/photos/big.jpg");
  start_image (fixture->supervisor);
  kill_from_outside (fixture->supervisor, "/photos/big.jpg");
  after_one = quarantined (fixture->supervisor);
  g_assert_cmpstr (after_one, ==, "");

  kill_from_outside (fixture->supervisor, "/photos/big.jpg");
  after_two = quarantined (fixture->supervisor);
  g_assert_cmpstr (after_two, ==, "/photos/big.jpg");
}

/* A newline is part of a path like any other byte. */
static void
test_newline_input (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(VtCall) crash = { 0 };
  g_auto(VtCall) again = { 0 };
  g_autofree char *list = NULL;
  GPid old;

  vitrine_supervisor_set_fault (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE, "crash=/photos/new\nline.jpg");
  start_image (fixture->supervisor);
  old = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE);
  echo (fixture->supervisor, "/photos/new\nline.jpg", &crash);
  g_assert_error (crash.error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_WORKER_DIED);
  g_assert_true (wait_for (fixture->supervisor, image_replaced, &old, 10000));

  list = quarantined (fixture->supervisor);
  g_assert_cmpstr (list, ==, "/photos/new\nline.jpg");
  echo (fixture->supervisor, "/photos/new\nline.jpg", &again);
  g_assert_nonnull (again.error);
  g_assert_nonnull (strstr (again.error->message, "quarantined"));
}

/*
 * `vitrine --render-transition` runs a supervisor of its own beside the display's: a render
 * worker's note of what it is working on is none of the display's business.
 */
static void
test_render_separate (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(VitrineSupervisor) render = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), NULL);
  g_auto(VtCall) rendering = { 0 };
  g_autofree char *list = NULL;
  GPid old;

  vitrine_supervisor_set_instance (render, "render");
  vitrine_supervisor_set_fault (render, VITRINE_WORKER_ROLE_IMAGE, "slow:3000=/photos/r.jpg");
  start_image (render);
  start_image (fixture->supervisor);
  send_echo (render, "/photos/r.jpg", &rendering);
  spin (300);

  /* The display's worker dies (a signal nobody in the supervisor sent) while idle. */
  old = vitrine_supervisor_get_pid (fixture->supervisor, VITRINE_WORKER_ROLE_IMAGE);
  g_assert_cmpint (kill (old, SIGKILL), ==, 0);
  g_assert_true (wait_for (fixture->supervisor, image_replaced, &old, 10000));
  list = quarantined (fixture->supervisor);
  g_assert_cmpstr (list, ==, "");

  g_assert_true (wait_for (render, call_done, &rendering, 10000));
  g_assert_no_error (rendering.error);
  g_clear_pointer (&list, g_free);
  list = quarantined (render);
  g_assert_cmpstr (list, ==, "");
  vitrine_supervisor_shutdown (render);
}

/* 2000 quarantined photos with long names, as a list an earlier version left and as this one. */
static void
write_long_list (const char *state_dir,
                 const char *photos,
                 guint       n)
{
  g_autofree char *old_dir = g_build_filename (state_dir, "vitrine", NULL);
  g_autofree char *new_dir = g_build_filename (state_dir, "vitrine", "display", NULL);
  g_autofree char *old_path = g_build_filename (old_dir, "image-worker.poison", NULL);
  g_autofree char *new_path = g_build_filename (new_dir, "image-worker.poison", NULL);
  g_autoptr(GString) old_list = g_string_new (NULL);
  g_autoptr(GString) new_list = g_string_new ("vitrine-poison 2\n");
  /* Two days ago, older than the grace a missing photo keeps its strikes for. */
  gint64 then = g_get_real_time () - 48 * G_TIME_SPAN_HOUR;

  g_assert_cmpint (g_mkdir_with_parents (new_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (photos, 0700), ==, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%04u-%s.jpg", i, "a-photo-with-a-rather-long-descriptive-name-"
                                               "as-cameras-and-phones-make-them-these-days");
      g_autofree char *path = g_build_filename (photos, name, NULL);
      g_autofree char *escaped = g_strescape (path, NULL);

      g_assert_true (g_file_set_contents (path, "", 0, NULL));
      g_string_append_printf (old_list, "2\t%s\n", path);
      /* The higher the number, the later the strike. */
      g_string_append_printf (new_list, "2\t%" G_GINT64_FORMAT "\t%s\n", then + (gint64) i * 1000, escaped);
    }
  g_assert_true (g_file_set_contents (old_path, old_list->str, old_list->len, NULL));
  g_assert_true (g_file_set_contents (new_path, new_list->str, new_list->len, NULL));
}

typedef struct
{
  gboolean  done;
  guint     forgotten;
  GError   *error;
} Forget;

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Forget *forget = user_data;

  forget->forgotten = vitrine_supervisor_forget_quarantined_finish (VITRINE_SUPERVISOR (object), result,
                                                                    &forget->error);
  forget->done = TRUE;
}

static gboolean
forget_done (VitrineSupervisor *supervisor,
             gconstpointer      data)
{
  return ((const Forget *) data)->done;
}

static guint
forget (VitrineSupervisor  *supervisor,
        const char        **inputs)
{
  Forget forget = { 0 };

  vitrine_supervisor_forget_quarantined_async (supervisor, VITRINE_WORKER_ROLE_IMAGE, inputs, NULL,
                                               forget_cb, &forget);
  g_assert_true (wait_for (supervisor, forget_done, &forget, 10000));
  g_assert_no_error (forget.error);
  return forget.forgotten;
}

/* Every page of the quarantine through the `quarantined` kind: each input once, newest first. */
static void
assert_pages (VitrineSupervisor *supervisor,
              guint              total,
              const char        *newest)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint offset = 0, pages = 0;

  while (offset < total)
    {
      g_auto(VtCall) page = { 0 };
      g_autofree const char **inputs = NULL;
      guint32 next = 0, reported = 0;

      vitrine_supervisor_request_async (supervisor, VITRINE_WORKER_ROLE_IMAGE,
                                        g_variant_new_parsed ("{'kind': <'quarantined'>, 'offset': <%u>}",
                                                              (guint32) offset),
                                        NULL, vt_call_cb, &page);
      g_assert_true (wait_for (supervisor, call_done, &page, 10000));
      g_assert_no_error (page.error);
      g_assert_true (g_variant_lookup (page.reply, "quarantined", "^a&s", &inputs));
      g_assert_true (g_variant_lookup (page.reply, "quarantined_next", "u", &next));
      g_assert_true (g_variant_lookup (page.reply, "quarantined_total", "u", &reported));
      g_assert_cmpuint (reported, ==, total);
      g_assert_cmpuint (next, ==, offset + g_strv_length ((char **) inputs));
      g_assert_cmpuint (next, >, offset);
      if (offset == 0)
        g_assert_cmpstr (inputs[0], ==, newest);
      for (guint i = 0; inputs[i] != NULL; i++)
        g_assert_true (g_hash_table_add (seen, g_strdup (inputs[i])));
      offset = next;
      pages++;
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, total);
  g_test_message ("%u inputs in %u pages", total, pages);
}

/* A list far over Hello's cap still gives a working handshake, bounded, paged, forgettable. */
static void
test_long_list (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *photos = g_build_filename (fixture->state_dir, "photos", NULL);
  g_autofree char *newest = NULL;
  g_autofree char *gone = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_auto(VtCall) refused = { 0 };
  g_auto(VtCall) served = { 0 };
  const char *one[2] = { NULL, NULL };
  guint listed;

  write_long_list (fixture->state_dir, photos, 2000);
  newest = g_build_filename (photos, "1999-a-photo-with-a-rather-long-descriptive-name-"
                             "as-cameras-and-phones-make-them-these-days.jpg", NULL);
  /* An input gone since long is forgotten. */
  gone = g_build_filename (photos, "1998-a-photo-with-a-rather-long-descriptive-name-"
                           "as-cameras-and-phones-make-them-these-days.jpg", NULL);
  g_assert_cmpint (g_unlink (gone), ==, 0);

  start_image (fixture->supervisor);
  status = image_status (fixture->supervisor);
  g_assert_cmpint (json_object_get_int_member (status, "quarantined_total"), ==, 256);
  listed = json_array_get_length (json_object_get_array_member (status, "quarantined"));
  g_assert_cmpuint (listed, >, 0);
  g_assert_cmpuint (listed, <=, 256);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (status, "quarantined"), 0),
                   ==, newest);

  assert_pages (fixture->supervisor, 256, newest);

  echo (fixture->supervisor, newest, &refused);
  g_assert_nonnull (refused.error);
  g_assert_nonnull (strstr (refused.error->message, "quarantined"));

  one[0] = newest;
  g_assert_cmpuint (forget (fixture->supervisor, one), ==, 1);
  echo (fixture->supervisor, newest, &served);
  g_assert_no_error (served.error);
  g_clear_pointer (&status, json_object_unref);
  status = image_status (fixture->supervisor);
  g_assert_cmpint (json_object_get_int_member (status, "quarantined_total"), ==, 255);

  g_assert_cmpuint (forget (fixture->supervisor, NULL), ==, 255);
  g_clear_pointer (&status, json_object_unref);
  status = image_status (fixture->supervisor);
  g_assert_cmpint (json_object_get_int_member (status, "quarantined_total"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (status, "quarantined")), ==, 0);
}

static guint no_list_warnings;

/* Counts the supervisor's warnings about a missing poison list, and logs as usual. */
static GLogWriterOutput
count_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        strstr (fields[i].value, "without a poison list") != NULL)
      no_list_warnings++;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

static gboolean
all_running (VitrineSupervisor *supervisor,
             gconstpointer      data)
{
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    if (vitrine_supervisor_get_state (supervisor, i) != VITRINE_WORKER_STATE_RUNNING)
      return FALSE;
  return TRUE;
}

/* A read-only home: the workers run without a poison list, and say so once. */
static void
test_unwritable_state (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *not_a_dir = g_build_filename (fixture->state_dir, "file", NULL);
  g_autoptr(JsonObject) status = NULL;
  g_auto(VtCall) call = { 0 };

  /* A file where the directory should be: mkdir fails even for root. */
  g_assert_true (g_file_set_contents (not_a_dir, "", 0, NULL));
  g_setenv ("XDG_STATE_HOME", not_a_dir, TRUE);

  no_list_warnings = 0;
  start_image (fixture->supervisor);
  g_assert_true (wait_for (fixture->supervisor, all_running, NULL, 10000));
  g_assert_cmpuint (no_list_warnings, ==, 1);
  status = image_status (fixture->supervisor);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (status, "poison_list"), "unavailable: "));
  echo (fixture->supervisor, "/photos/any.jpg", &call);
  g_assert_no_error (call.error);
  g_setenv ("XDG_STATE_HOME", fixture->state_dir, TRUE);
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
  /* Killed and crashing workers are logged as warnings; here they are expected. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_test_summary ("The poison list against real worker processes");
  g_log_set_writer_func (count_writer, NULL, NULL);

  add ("/Poison/shutdown-mid-request", test_shutdown_mid_request);
  add ("/Poison/deadline-kill-no-strike", test_deadline_kill_no_strike);
  add ("/Poison/liar-kill-no-strike", test_liar_kill_no_strike);
  add ("/Poison/disabled-no-strike", test_disabled_no_strike);
  add ("/Poison/success-clears-strikes", test_success_clears_strikes);
  add ("/Poison/outside-kill-strikes-once", test_outside_kill_strikes_once);
  add ("/Poison/newline-input", test_newline_input);
  add ("/Poison/render-separate", test_render_separate);
  add ("/Poison/long-list", test_long_list);
  add ("/Poison/unwritable-state", test_unwritable_state);

  return g_test_run ();
}
