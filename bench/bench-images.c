/* bench-images.c: the image path's figures (build-aux/dev bench images).
 *
 *   bench-images prescale   a 24-megapixel JPEG to 1920×1080 fill, whole process, against
 *                           `vips thumbnail` (libvips) on the same file in the same run
 *   bench-images stalls     the display's main-loop stalls while the image worker prescales
 *                           one 24-megapixel JPEG after another, texture uploads included
 *                           (run under a 1920×1080 X screen), against bench-frames-peer (a
 *                           bare GtkGLArea crossfading the same programs) with the same probe,
 *                           in the same run: once drawing only, once also uploading a whole
 *                           image in one call every 400 ms as the display's photos change
 *   bench-images memory     the display's resident memory over 200 images at 3840×2160
 *                           (run under a 3840×2160 X screen)
 *
 * Every source image is generated here. Percentiles are nearest-rank.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "bench-photo.h"
#include "vitrine-latency.h"

static char *workdir;

/* A photo-like 24-megapixel JPEG: smooth gradients, ripples and fine grain. */
static char *
generate_photo (const char *name,
                guint       width,
                guint       height,
                guint       seed)
{
  char *path = g_build_filename (workdir, name, NULL);

  bench_photo_write (path, "jpeg", width, height, seed);
  return path;
}

static double
run_timed (const char * const *argv,
           char              **out)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", argv[0], error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
print_row (const char *name,
           GArray     *samples)
{
  VitrineLatencySummary s;
  guint n = samples->len;

  vitrine_latency_summarize_array ((double *) (void *) samples->data, n, &s);
  printf ("%-38s p50 %9.3f ms   p95 %9.3f ms   max %9.3f ms   (n=%u)\n", name, s.p50, s.p95, s.max, n);
}

static double
p50_of (GArray *samples)
{
  VitrineLatencySummary s;

  vitrine_latency_summarize_array ((double *) (void *) samples->data, samples->len, &s);
  return s.p50;
}

static double
json_double (const char *json,
             const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, json, -1, NULL))
    g_error ("not JSON: %s", json);
  return json_object_get_double_member (json_node_get_object (json_parser_get_root (parser)), member);
}

static int
bench_prescale (guint rounds)
{
  g_autofree char *photo = generate_photo ("photo-24mp.jpg", 6000, 4000, 1);
  g_autofree char *vips_out = g_build_filename (workdir, "out.v", NULL);
  const char *worker = g_getenv ("VITRINE_WORKER_PATH");
  const char *ours[] = { worker, "--role=image", "--prescale", photo, "--size", "1920x1080",
                         "--mode", "fill", NULL };
  const char *peer[] = { "vips", "thumbnail", photo, vips_out, "1920", "--height", "1080",
                         "--crop", "centre", NULL };
  g_autoptr(GArray) ours_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) inner_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) peer_ms = g_array_new (FALSE, FALSE, sizeof (double));
  double ratio;

  /* Warm the page cache and both programs' libraries. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *out = NULL;

      run_timed (ours, &out);
      run_timed (peer, NULL);
    }

  /* Interleaved, so both see the same machine. */
  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *out = NULL;
      double t = run_timed (ours, &out);
      double inner = json_double (out, "decode_ms") + json_double (out, "scale_ms");

      g_array_append_val (ours_ms, t);
      g_array_append_val (inner_ms, inner);
      t = run_timed (peer, NULL);
      g_array_append_val (peer_ms, t);
    }

  printf ("prescale 6000x4000 JPEG -> 1920x1080 fill, %u rounds\n", rounds);
  print_row ("vitrine-worker --prescale (process)", ours_ms);
  print_row ("  of which decode + scale (in process)", inner_ms);
  print_row ("vips thumbnail --crop centre (peer)", peer_ms);
  ratio = p50_of (ours_ms) / p50_of (peer_ms);
  printf ("\nvitrine / vips (p50, whole process):  %.2f   (goal <= 1.3)\n", ratio);
  return 0;
}

/* --- the display process ------------------------------------------------------------ */

typedef struct
{
  GSubprocess     *app;
  GDBusConnection *bus;
} App;

static char *
status_json (void)
{
  const char *argv[] = { VITRINE_APP_PATH, "--status", NULL };
  char *out = NULL;

  run_timed (argv, &out);
  return out;
}

static JsonObject *
status_object (JsonParser *parser)
{
  g_autofree char *json = status_json ();

  if (!json_parser_load_from_data (parser, json, -1, NULL))
    g_error ("--status gave no JSON");
  return json_node_get_object (json_parser_get_root (parser));
}

static void
app_start (App        *app,
           const char *folder)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *folder_arg = g_strconcat ("--folder=", folder, NULL);
  g_autoptr(GError) error = NULL;

  /* Recording starts after startup (GL context, shaders, first texture). */
  g_subprocess_launcher_setenv (launcher, "VITRINE_STALL_PROBE", "4", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  app->app = g_subprocess_launcher_spawn (launcher, &error, VITRINE_APP_PATH, folder_arg,
                                          "--interval=600", NULL);
  if (app->app == NULL)
    g_error ("%s", error->message);
  app->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (app->bus == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; i < 150; i++)
    {
      g_autoptr(GVariant) owner = g_dbus_connection_call_sync (app->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "NameHasOwner",
                                                               g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                                               G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      gboolean has = FALSE;

      if (owner != NULL)
        g_variant_get (owner, "(b)", &has);
      if (has)
        return;
      g_usleep (100 * 1000);
    }
  g_error ("vitrine did not start");
}

static void
app_next (App *app)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_sync (app->bus, APP_ID, APP_OBJECT_PATH,
                                                           "org.freedesktop.Application", "ActivateAction",
                                                           g_variant_new ("(sava{sv})", "next", NULL, NULL),
                                                           NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
}

static void
app_stop (App *app)
{
  const char *argv[] = { VITRINE_APP_PATH, "--quit", NULL };

  run_timed (argv, NULL);
  g_subprocess_wait (app->app, NULL, NULL);
  g_clear_object (&app->app);
  g_clear_object (&app->bus);
}

/* @n distinct paths (hard links) to @sources: every one is prescaled anew. */
static char *
photo_folder (guint n,
              guint n_sources,
              guint width,
              guint height)
{
  char *folder = g_build_filename (workdir, "photos", NULL);

  g_mkdir_with_parents (folder, 0700);
  for (guint s = 0; s < n_sources; s++)
    {
      g_autofree char *name = g_strdup_printf ("source-%u.jpg", s);
      g_autofree char *source = generate_photo (name, width, height, s + 2);

      for (guint i = s; i < n; i += n_sources)
        {
          g_autofree char *link_path = g_strdup_printf ("%s/%04u.jpg", folder, i);

          if (link (source, link_path) != 0)
            g_error ("link %s: %s", link_path, g_strerror (errno));
        }
    }
  return folder;
}

static JsonObject *
member_object (JsonObject *object,
               const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);

  for (guint i = 0; parts[i] != NULL && object != NULL; i++)
    {
      JsonNode *node = json_object_get_member (object, parts[i]);

      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), 0);
      object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    }
  return object;
}

static void
print_summary (const char *name,
               JsonObject *summary,
               const char *unit)
{
  printf ("%-38s p50 %9.3f %s   p95 %9.3f %s   p99 %9.3f %s   max %9.3f %s\n", name,
          json_object_get_double_member (summary, "p50"), unit,
          json_object_get_double_member (summary, "p95"), unit,
          json_object_get_double_member (summary, "p99"), unit,
          json_object_get_double_member (summary, "max"), unit);
}

/* The peer's stall figures: main-thread CPU between ticks of the same 1 ms probe, while it
 * crossfades for @seconds after a 4 s warm-up; with @upload_ms, a whole image uploaded in
 * one call that often. */
static void
run_peer (guint                  seconds,
          guint                  upload_ms,
          guint                 *ticks,
          VitrineLatencySummary *s)
{
  g_autofree char *window = g_strdup_printf ("%u", seconds);
  g_autofree char *upload = g_strdup_printf ("%u", upload_ms);
  const char *argv[] = { BENCH_FRAMES_PEER_PATH, "crossfade", "4", window, NULL };
  g_auto(GStrv) envp = g_environ_setenv (g_get_environ (), "BENCH_FRAMES_STALL_PROBE", "1", TRUE);
  g_autofree char *line = NULL;
  g_autoptr(GError) error = NULL;
  const char *probe;
  int status;

  if (upload_ms > 0)
    envp = g_environ_setenv (envp, "BENCH_FRAMES_UPLOAD_MS", upload, TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &line, NULL, &status,
                     &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("bench-frames-peer: %s", error->message);
  memset (s, 0, sizeof *s);
  if ((probe = strstr (line, " stall_ticks=")) == NULL ||
      sscanf (probe, " stall_ticks=%u stall_p50=%lf stall_p95=%lf stall_p99=%lf stall_max=%lf", ticks, &s->p50,
              &s->p95, &s->p99, &s->max) != 5)
    g_error ("bench-frames-peer said: %s", line);
}

static void
print_peer_line (const char                  *label,
                 const VitrineLatencySummary *s)
{
  printf ("%-38s p50 %9.3f ms   p95 %9.3f ms   p99 %9.3f ms   max %9.3f ms\n", label, s->p50, s->p95, s->p99,
          s->max);
}

static int
bench_stalls (guint seconds)
{
  g_autofree char *folder = photo_folder (60, 3, 6000, 4000);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *status, *stalls, *compositor;
  App app = { 0 };
  gint64 end;
  guint steps = 0;

  app_start (&app, folder);
  g_usleep (5 * G_USEC_PER_SEC);
  /* A new image every 400 ms: the worker is never idle (each prescale plus the prefetch of
   * the next two), and the display uploads and crossfades all the while. */
  end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      app_next (&app);
      steps++;
      g_usleep (400 * 1000);
    }

  status = status_object (parser);
  stalls = json_object_get_object_member (status, "main_loop_stalls_ms");
  compositor = member_object (status, "slideshow.displays.compositor");
  printf ("display under continuous prescaling: %u steps in %u s, 6000x4000 JPEGs at %lldx%lld\n",
          steps, seconds,
          (long long) json_object_get_int_member (member_object (status, "slideshow.displays"), "width"),
          (long long) json_object_get_int_member (member_object (status, "slideshow.displays"), "height"));
  printf ("stall probe: %lld ticks of a 1 ms timer\n",
          (long long) json_object_get_int_member (json_object_get_object_member (stalls, "late"), "samples"));
  print_summary ("main thread busy between ticks (CPU)", json_object_get_object_member (stalls, "cpu"), "ms");
  print_summary ("tick lateness (wall clock)", json_object_get_object_member (stalls, "late"), "ms");
  print_summary ("frame interval (while animating)", json_object_get_object_member (compositor, "frame_interval_ms"), "ms");
  printf ("%-38s max %9.3f ms per frame, %lld transitions\n", "texture upload",
          json_object_get_double_member (compositor, "upload_ms_max_per_frame"),
          (long long) json_object_get_int_member (compositor, "transitions"));
  stalls = json_object_get_object_member (stalls, "cpu");
  app_stop (&app);

  {
    VitrineLatencySummary drawing, uploading;
    guint drawing_ticks, uploading_ticks;

    run_peer (seconds, 0, &drawing_ticks, &drawing);
    run_peer (seconds, 400, &uploading_ticks, &uploading);
    printf ("\nthe peer, a bare GtkGLArea crossfading the same programs, the same probe (%u and %u ticks)\n",
            drawing_ticks, uploading_ticks);
    print_peer_line ("peer: drawing only (CPU)", &drawing);
    print_peer_line ("peer: and a whole upload every 400 ms", &uploading);
    printf ("\nmain-loop stalls (CPU): p99 %.3f ms (goal < 2), max %.3f ms (goal < 6)\n",
            json_object_get_double_member (stalls, "p99"), json_object_get_double_member (stalls, "max"));
    printf ("against the peer drawing only: p99 %.2fx, max %.2fx; with its uploads: p99 %.2fx, max %.2fx\n",
            json_object_get_double_member (stalls, "p99") / drawing.p99,
            json_object_get_double_member (stalls, "max") / drawing.max,
            json_object_get_double_member (stalls, "p99") / uploading.p99,
            json_object_get_double_member (stalls, "max") / uploading.max);
  }
  return 0;
}

static double
rss_mb (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (process));
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL) || (line = strstr (contents, "VmRSS:")) == NULL)
    g_error ("cannot read %s", path);
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

static int
bench_memory (guint images)
{
  g_autofree char *folder = photo_folder (images, 4, 4000, 3000);
  g_autoptr(GArray) rss = g_array_new (FALSE, FALSE, sizeof (double));
  App app = { 0 };
  double base_mb, start_mb, warm_max = 0, warm_min = G_MAXDOUBLE, budget_mb = 256;

  app_start (&app, folder);
  /* Up, but no image prepared yet: the process without its images. */
  base_mb = rss_mb (app.app);
  g_usleep (3 * G_USEC_PER_SEC);
  start_mb = rss_mb (app.app);
  printf ("display memory over %u images at the screen's size (4000x3000 JPEG sources)\n", images);
  printf ("as soon as it is up:         %.1f MB\n", base_mb);
  printf ("after start and first image: %.1f MB\n", start_mb);

  for (guint i = 1; i <= images; i++)
    {
      app_next (&app);
      g_usleep (450 * 1000);
      if (i % 20 == 0)
        {
          double mb = rss_mb (app.app);

          g_array_append_val (rss, mb);
          printf ("after %3u images: %7.1f MB\n", i, mb);
          if (i > 40)
            {
              warm_max = MAX (warm_max, mb);
              warm_min = MIN (warm_min, mb);
            }
        }
    }
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *cache = member_object (status_object (parser), "slideshow.cache");

    printf ("cache at the end: %lld entries, %.1f MB of %.1f MB budget, %lld evictions\n",
            (long long) json_object_get_int_member (cache, "entries"),
            json_object_get_int_member (cache, "bytes") / 1048576.0,
            json_object_get_int_member (cache, "budget") / 1048576.0,
            (long long) json_object_get_int_member (cache, "evictions"));
  }
  printf ("\nafter warm-up (images 41-%u): %.1f to %.1f MB, spread %.1f MB (goal: flat)\n", images,
          warm_min, warm_max, warm_max - warm_min);
  printf ("growth over the process without images: %.1f MB (goal <= cache budget %.0f MB + 64 MB)\n",
          warm_max - base_mb, budget_mb);
  app_stop (&app);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *what = argc > 1 ? argv[1] : "";
  int status;

  workdir = g_dir_make_tmp ("vitrine-bench-XXXXXX", NULL);
  if (g_str_equal (what, "prescale"))
    status = bench_prescale (argc > 2 ? atoi (argv[2]) : 15);
  else if (g_str_equal (what, "stalls"))
    status = bench_stalls (argc > 2 ? atoi (argv[2]) : 30);
  else if (g_str_equal (what, "memory"))
    status = bench_memory (argc > 2 ? atoi (argv[2]) : 200);
  else
    {
      fprintf (stderr, "usage: bench-images prescale [ROUNDS] | stalls [SECONDS] | memory [IMAGES]\n");
      status = 2;
    }

  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", workdir);

    if (system (rm) != 0)
      fprintf (stderr, "could not remove %s\n", workdir);
  }
  g_free (workdir);
  return status;
}
