/* bench-caches.c: start-up time to the first photo with the cache manager (intents, diffs,
 * a full history of 1,000 entries read at start-up) against VITRINE_CACHES=off, in the same
 * run, alternating. Prints p50/p95 of each and the ratio (goal: under 1.05). Then, in this
 * process, what the manager costs the main loop: a new manager with a full history, and the
 * groups rebuilt and diffed for 10,000 image records.
 *   bench-caches [ROUNDS]
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "bench-photo.h"
#include "test-caches-source.h"
#include "vitrine-caches-private.h"

#define TIMEOUT_S 60

static gboolean
first_photo_shown (void)
{
  const char *argv[] = { VITRINE_APP_PATH, "--status", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  JsonObject *root, *display;
  JsonNode *slideshow;
  JsonArray *displays;
  int wait_status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                     &wait_status, NULL) ||
      !g_spawn_check_wait_status (wait_status, NULL) || !json_parser_load_from_data (parser, out, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  slideshow = json_object_get_member (root, "slideshow");
  if (slideshow == NULL || !JSON_NODE_HOLDS_OBJECT (slideshow))
    return FALSE;
  displays = json_object_get_array_member (json_node_get_object (slideshow), "displays");
  if (displays == NULL || json_array_get_length (displays) == 0)
    return FALSE;
  display = json_array_get_object_element (displays, 0);
  return !json_node_is_null (json_object_get_member (display, "current"));
}

static gboolean
name_owned (GDBusConnection *bus)
{
  g_autoptr(GVariant) owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                           "org.freedesktop.DBus", "NameHasOwner",
                                                           g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  gboolean has = FALSE;

  if (owner != NULL)
    g_variant_get (owner, "(b)", &has);
  return has;
}

/* Milliseconds from the spawn to the first photo on screen; the app quits after. */
static double
one_start (GDBusConnection *bus,
           const char      *folder,
           const char      *state,
           gboolean         caches)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autofree char *folder_arg = g_strdup_printf ("--folder=%s", folder);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  g_subprocess_launcher_setenv (launcher, "XDG_STATE_HOME", state, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  if (!caches)
    g_subprocess_launcher_setenv (launcher, "VITRINE_CACHES", "off", TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, VITRINE_APP_PATH, "--window", "--interval=600",
                                     folder_arg, NULL);
  if (app == NULL)
    g_error ("%s", error->message);
  /* A --status before the name is owned would become the primary instance itself. */
  while (!name_owned (bus) || !first_photo_shown ())
    {
      if (g_get_monotonic_time () - start > TIMEOUT_S * G_USEC_PER_SEC)
        g_error ("no photo on screen after %d s", TIMEOUT_S);
      g_usleep (2000);
    }
  ms = (g_get_monotonic_time () - start) / 1000.0;
  {
    const char *quit[] = { VITRINE_APP_PATH, "--quit", NULL };

    g_spawn_sync (NULL, (char **) quit, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_subprocess_wait (app, NULL, NULL);
  while (name_owned (bus))
    g_usleep (10000);
  return ms;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *samples,
            double  p)
{
  g_array_sort (samples, compare_doubles);
  return g_array_index (samples, double, MIN (samples->len - 1, (guint) (p * (samples->len - 1) + 0.5)));
}

/* A history file at its limit, as a long-used display has. */
static void
write_full_history (const char *state)
{
  g_autofree char *dir = g_build_filename (state, "vitrine", NULL);
  g_autofree char *path = g_build_filename (dir, "cache-history.jsonl", NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_history_entry_free);
  g_autofree char *text = NULL;

  for (guint i = 0; i < VITRINE_CACHE_HISTORY_KEEP; i++)
    {
      g_autofree char *descriptor = g_strdup_printf ("/photos/%04u.jpg|scaled:1920x1080", i);
      const char *descriptors[] = { descriptor, NULL };

      g_ptr_array_add (entries, vitrine_history_entry_new ("settings", VITRINE_HISTORY_MANUAL_REGENERATE,
                                                           descriptors, TRUE, 40, g_get_real_time ()));
    }
  text = vitrine_history_append (NULL, 0, entries, VITRINE_CACHE_HISTORY_KEEP);
  g_mkdir_with_parents (dir, 0700);
  if (!g_file_set_contents (path, text, -1, NULL))
    g_error ("cannot write %s", path);
}

static void
changed_cb (VitrineCaches *caches,
            gboolean      *changed)
{
  *changed = TRUE;
}

/* Main-thread time of one idle round that ends with "changed". */
static double
until_changed (gboolean *changed)
{
  double busy = 0;

  *changed = FALSE;
  while (!*changed)
    {
      gint64 start = g_get_monotonic_time ();
      gboolean dispatched = g_main_context_iteration (NULL, FALSE);

      if (dispatched)
        busy += (g_get_monotonic_time () - start) / 1000.0;
      else
        g_usleep (100);
    }
  return busy;
}

static void
bench_manager (const char *state)
{
  g_autofree char *history = g_build_filename (state, "vitrine", "cache-history.jsonl", NULL);
  g_autoptr(TestSource) source = test_source_new ("images", VITRINE_WORKER_ROLE_IMAGE);
  g_autoptr(GArray) rebuilds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) listings = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VitrineCaches) caches = NULL;
  gboolean changed = FALSE;
  gint64 start;
  double created_ms, loaded_ms;

  g_hash_table_insert (source->revisions, g_strdup ("display"), g_strdup ("r2"));
  for (guint i = 0; i < 10000; i++)
    {
      g_ptr_array_add (names, g_strdup_printf ("/photos/%05u.jpg|scaled:1920x1080", i));
      /* Straight in: test_source_record() looks for a record to replace first. */
      g_ptr_array_add (source->records, vitrine_cache_record_new ("/photos", "display", names->pdata[i],
                                                                  i % 4 == 0 ? "r1" : "r2", 0, 500000));
    }
  g_ptr_array_add (names, NULL);

  start = g_get_monotonic_time ();
  caches = vitrine_caches_new (NULL, history);
  created_ms = (g_get_monotonic_time () - start) / 1000.0;
  while (caches->history_busy)
    g_main_context_iteration (NULL, TRUE);
  loaded_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_signal_connect (caches, "changed", G_CALLBACK (changed_cb), &changed);
  vitrine_caches_add_source (caches, VITRINE_CACHE_SOURCE (source));
  until_changed (&changed);

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(VitrineCacheIntent) intent =
        vitrine_cache_intent_new ("display-0", "images", "/photos", "display",
                                  (const char * const *) names->pdata + (round % 2), g_get_real_time ());
      double ms;

      vitrine_intent_bus_emit (vitrine_caches_get_bus (caches), intent);
      ms = until_changed (&changed);
      g_array_append_val (rebuilds, ms);
      vitrine_caches_refresh (caches);
      ms = until_changed (&changed);
      g_array_append_val (listings, ms);
    }
  g_print ("\nThe manager in the main loop (this process):\n");
  g_print ("  new manager           %.3f ms; a full history (%u entries) read in a thread in %.1f ms, %u kept\n",
           created_ms, VITRINE_CACHE_HISTORY_KEEP, loaded_ms, vitrine_caches_get_history (caches)->len);
  g_print ("  intent → groups + diff, 10,000 records   p50 %.1f ms  p95 %.1f ms (main thread)\n",
           percentile (rebuilds, 0.5), percentile (rebuilds, 0.95));
  g_print ("  listing → groups + diff, 10,000 records  p50 %.1f ms  p95 %.1f ms (main thread, in-memory source)\n",
           percentile (listings, 0.5), percentile (listings, 0.95));
  g_print ("  pending after the rebuilds: %u stale of 10,000\n", vitrine_caches_count_pending (caches, "images"));
}

int
main (int   argc,
      char *argv[])
{
  guint rounds = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 10;
  gboolean manager_only = argc > 2 && g_str_equal (argv[2], "manager");
  g_autofree char *root = g_dir_make_tmp ("vitrine-bench-caches-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (root, "photos", NULL);
  g_autofree char *state = g_build_filename (root, "state", NULL);
  g_autoptr(GArray) with = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) without = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  double ratio50, ratio95;

  g_mkdir_with_parents (folder, 0700);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("photo-%u.jpg", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      bench_photo_write (path, "jpeg", 1920, 1080, i);
    }
  write_full_history (state);
  if (manager_only)
    {
      bench_manager (state);
      return 0;
    }
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    g_error ("%s", error->message);
  /* One of each first: the page cache and the shader cache warm for both. */
  one_start (bus, folder, state, TRUE);
  one_start (bus, folder, state, FALSE);
  for (guint i = 0; i < rounds; i++)
    {
      double on = one_start (bus, folder, state, TRUE);
      double off = one_start (bus, folder, state, FALSE);

      g_array_append_val (with, on);
      g_array_append_val (without, off);
      g_print ("round %2u: with caches %7.1f ms, without %7.1f ms\n", i + 1, on, off);
    }
  ratio50 = percentile (with, 0.5) / percentile (without, 0.5);
  ratio95 = percentile (with, 0.95) / percentile (without, 0.95);
  g_print ("\nStart-up to the first photo, %u rounds each, a full history (1,000 entries):\n", rounds);
  g_print ("  with caches     p50 %7.1f ms  p95 %7.1f ms\n", percentile (with, 0.5), percentile (with, 0.95));
  g_print ("  VITRINE_CACHES=off p50 %7.1f ms  p95 %7.1f ms\n", percentile (without, 0.5),
           percentile (without, 0.95));
  g_print ("  ratio           p50 %.3f  p95 %.3f  (goal: under 1.05)\n", ratio50, ratio95);
  bench_manager (state);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", root);

    if (system (command) != 0)
      g_printerr ("could not remove %s\n", root);
  }
  return 0;
}
