/* bench-cache.c: the time to the first photo on a restart with a warm disk cache of
 * prescaled images against a cold one, in the same run (build-aux/dev bench cache; issue
 * 14, goal: warm under 200 ms and under 0.3× cold).
 *
 *   bench-cache [ROUNDS]   (5; under a 1920×1080 X screen and a session bus)
 *
 * The real display with `workers/disk-cache` on (keyfile settings in a private
 * XDG_CONFIG_HOME) on a folder of 200 photos, one of them a 6000×4000 JPEG that the
 * displays last showed (`last-photos`), interval 600 s. Each round starts it twice: cold
 * (the disk cache's folder removed first) and warm (the entries the cold start wrote).
 * "First photo" is when the display's first transition (the fade-in from black) began
 * on its frame clock (`transition_start_us` in --status, the measure of bench frames),
 * counted from the launch and from the first prescale request (`first_request_us`), both
 * on the monotonic clock; the photo must be the remembered one. Then the worker alone,
 * through the supervisor as the display asks: the same prescale as a disk cache hit
 * against a decode, interleaved, to the display's checked mapping. Each round also starts
 * bench-cache-peer, a bare GTK program showing the photo already scaled (its first frame
 * from the launch): the floor that any program's warm start has here, and what is left of
 * either start above it is what a cache can change. Percentiles are nearest-rank.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <gio/gunixfdlist.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench-photo.h"
#include "vitrine-latency.h"
#include "vitrine-pixel-header.h"
#include "vitrine-supervisor.h"

#define PHOTOS 200
#define TIMEOUT_S 60

static char *workdir;

typedef struct
{
  gint64 launch_us;
  gint64 request_us;
  gint64 arrival_us;
  double upload_ms;
  gint64 shown_us;
  char  *resumed;
  char  *current;
  gint64 hits;
} Start;

static void
start_clear (Start *start)
{
  g_free (start->resumed);
  g_free (start->current);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Start, start_clear)

static char *
status_json (void)
{
  const char *argv[] = { VITRINE_APP_PATH, "--status", NULL };
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    g_clear_pointer (&out, g_free);
  return out;
}

static JsonObject *
object_at (JsonObject *object,
           const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The first photo's figures from --status, once its transition has begun. */
static gboolean
read_status (Start *start)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = status_json ();
  JsonObject *root, *slideshow, *display, *compositor, *disk;
  JsonArray *displays;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  slideshow = object_at (root, "slideshow");
  if (slideshow == NULL || !json_object_has_member (slideshow, "displays"))
    return FALSE;
  displays = json_object_get_array_member (slideshow, "displays");
  if (json_array_get_length (displays) == 0)
    return FALSE;
  display = json_array_get_object_element (displays, 0);
  compositor = object_at (display, "compositor");
  if (compositor == NULL || json_object_get_int_member (compositor, "transition_start_us") == 0)
    return FALSE;
  start->shown_us = json_object_get_int_member (compositor, "transition_start_us");
  start->request_us = json_object_get_int_member (object_at (slideshow, "scan"), "first_request_us");
  start->arrival_us = json_object_get_int_member (object_at (slideshow, "scan"), "first_arrival_us");
  start->upload_ms = json_object_get_double_member (compositor, "upload_ms_total");
  disk = object_at (slideshow, "disk_cache");
  start->hits = json_object_get_int_member (disk, "hits");
  start->resumed = g_strdup (json_object_get_string_member_with_default (disk, "resumed", NULL));
  start->current = g_strdup (json_object_get_string_member_with_default (display, "wanted", NULL));
  return TRUE;
}

static void
quit_app (GSubprocess *app)
{
  const char *argv[] = { VITRINE_APP_PATH, "--quit", NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, NULL);
  g_subprocess_wait (app, NULL, NULL);
}

/* A --status before the name is owned would become the primary instance itself. */
static void
wait_for_name (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);

  if (bus == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(GVariant) owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "NameHasOwner",
                                                               g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                                               G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      gboolean has = FALSE;

      if (owner != NULL)
        g_variant_get (owner, "(b)", &has);
      if (has)
        return;
      g_usleep (10 * 1000);
    }
  g_error ("vitrine never took its bus name");
}

/* One start of the display until its first photo is up; then it quits. */
static void
measure_start (Start *start)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  start->launch_us = g_get_monotonic_time ();
  app = g_subprocess_launcher_spawn (launcher, &error, VITRINE_APP_PATH, "--interval=600", NULL);
  if (app == NULL)
    g_error ("%s", error->message);
  wait_for_name ();
  while (!read_status (start))
    {
      if (g_get_monotonic_time () - start->launch_us > TIMEOUT_S * G_USEC_PER_SEC)
        {
          g_autofree char *json = status_json ();

          g_error ("no photo on screen after %d s; --status: %s", TIMEOUT_S, json);
        }
      g_usleep (50 * 1000);
    }
  quit_app (app);
}

/* @last scaled to the display's size as raw RGBA rows, what the peer shows. */
static char *
write_peer_pixels (const char *last)
{
  g_autofree char *path = g_build_filename (workdir, "peer.rgba", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) scaled = gdk_pixbuf_new_from_file_at_scale (last, 1920, 1080, FALSE, &error);
  g_autoptr(GdkPixbuf) rgba = NULL;
  g_autoptr(GByteArray) rows = g_byte_array_new ();
  const guint8 *pixels;
  int stride;

  if (scaled == NULL)
    g_error ("%s", error->message);
  rgba = gdk_pixbuf_add_alpha (scaled, FALSE, 0, 0, 0);
  pixels = gdk_pixbuf_read_pixels (rgba);
  stride = gdk_pixbuf_get_rowstride (rgba);
  for (int y = 0; y < gdk_pixbuf_get_height (rgba); y++)
    g_byte_array_append (rows, pixels + (gsize) y * stride, (guint) gdk_pixbuf_get_width (rgba) * 4);
  if (!g_file_set_contents (path, (const char *) rows->data, rows->len, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&path);
}

/* One start of the peer: launch to its first frame, in ms. */
static double
measure_peer (const char *pixels)
{
  g_autoptr(GSubprocess) peer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 launch_us = g_get_monotonic_time (), shown_us;

  peer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                           BENCH_CACHE_PEER_PATH, pixels, "1920", "1080", NULL);
  if (peer == NULL || !g_subprocess_communicate_utf8 (peer, NULL, NULL, &out, NULL, &error))
    g_error ("bench-cache-peer: %s", error->message);
  if (!g_subprocess_get_successful (peer) || (shown_us = g_ascii_strtoll (out, NULL, 10)) <= launch_us)
    g_error ("bench-cache-peer failed (%s)", out);
  return (shown_us - launch_us) / 1000.0;
}

static void
write_settings (const char *photos,
                const char *last)
{
  g_autofree char *dir = g_build_filename (workdir, "config", "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *body = g_strdup_printf ("[io/github/vitrine/Vitrine]\nlast-photos=['%s']\n\n"
                                           "[io/github/vitrine/Vitrine/sources]\nfolders=['%s']\n\n"
                                           "[io/github/vitrine/Vitrine/workers]\ndisk-cache=true\n",
                                           last, photos);

  g_mkdir_with_parents (dir, 0700);
  if (!g_file_set_contents (path, body, -1, NULL))
    g_error ("cannot write %s", path);
}

/* PHOTOS paths in a folder: the big last photo and hard links to a small one. */
static char *
make_photos (char **last)
{
  char *photos = g_build_filename (workdir, "photos", NULL);
  g_autofree char *small = g_build_filename (workdir, "small.jpg", NULL);

  g_mkdir_with_parents (photos, 0700);
  *last = g_build_filename (photos, "0000-last.jpg", NULL);
  bench_photo_write (*last, "jpeg", 6000, 4000, 1);
  bench_photo_write (small, "jpeg", 1600, 1200, 2);
  for (guint i = 1; i < PHOTOS; i++)
    {
      g_autofree char *link_path = g_strdup_printf ("%s/%04u.jpg", photos, i);

      if (link (small, link_path) != 0)
        g_error ("cannot link %s", link_path);
    }
  return photos;
}

static void
print_row (const char *name,
           GArray     *samples,
           double     *p50)
{
  VitrineLatencySummary s;

  vitrine_latency_summarize_array ((double *) (void *) samples->data, samples->len, &s);
  printf ("%-40s p50 %9.1f ms   p95 %9.1f ms   max %9.1f ms   (n=%u)\n", name, s.p50, s.p95, s.max, samples->len);
  *p50 = s.p50;
}

/* One prescale of @path at 1920 × 1080 through @supervisor to a checked mapping, in ms;
 * FALSE in @hit when it was not a disk cache hit. */
static double
worker_prescale (VitrineSupervisor *supervisor,
                 const char        *path,
                 gboolean           disk,
                 gboolean          *hit)
{
  g_autoptr(GVariant) request = g_variant_ref_sink (g_variant_new_parsed (
    "{'kind': <'prescale'>, 'input': <%s>, 'width': <%u>, 'height': <%u>, 'mode': <%u>, "
    "'disk': <%b>, 'zoom': <1.0>}", path, 1920, 1080, 0, disk));
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(VitrinePixelHeader) header = { 0 };
  gint64 start = g_get_monotonic_time ();
  const char *outcome = "";

  reply = vitrine_supervisor_request_sync (supervisor, VITRINE_WORKER_ROLE_IMAGE, request, &fds, &error);
  if (reply == NULL)
    g_error ("prescale: %s", error->message);
  pixels = vitrine_supervisor_map_pixels (supervisor, VITRINE_WORKER_ROLE_IMAGE, reply, fds, &header, &error);
  if (pixels == NULL)
    g_error ("pixels: %s", error->message);
  g_variant_lookup (reply, "disk", "&s", &outcome);
  *hit = g_str_equal (outcome, "hit");
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The worker's part: a disk cache hit against a decode of the same photo. */
static void
bench_worker (const char *photos,
              const char *last,
              guint       rounds)
{
  g_autoptr(VitrineSupervisor) supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), NULL);
  g_autoptr(GArray) decode = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (double));
  const char *roots[] = { photos, NULL };
  double decode_p50, hit_p50;
  gboolean hit;

  vitrine_supervisor_set_read_only (supervisor, VITRINE_WORKER_ROLE_IMAGE, roots);
  vitrine_supervisor_start (supervisor);
  while (vitrine_supervisor_get_state (supervisor, VITRINE_WORKER_ROLE_IMAGE) != VITRINE_WORKER_STATE_RUNNING)
    g_main_context_iteration (NULL, TRUE);
  worker_prescale (supervisor, last, TRUE, &hit);
  for (guint i = 0; i < rounds; i++)
    {
      double t = worker_prescale (supervisor, last, FALSE, &hit);

      g_array_append_val (decode, t);
      t = worker_prescale (supervisor, last, TRUE, &hit);
      if (!hit)
        g_error ("the disk cache missed");
      g_array_append_val (hits, t);
    }
  vitrine_supervisor_shutdown (supervisor);

  printf ("\nthe image worker through the supervisor: 6000x4000 JPEG to 1920x1080 fill, %u rounds\n", rounds);
  print_row ("decode (disk cache off)", decode, &decode_p50);
  print_row ("disk cache hit", hits, &hit_p50);
  printf ("\nhit / decode (p50):                   %.2f\n", hit_p50 / decode_p50);
}

static void
check_start (const Start *start,
             const char  *last,
             gboolean     warm)
{
  if (g_strcmp0 (start->resumed, last) != 0 || g_strcmp0 (start->current, last) != 0)
    g_error ("the display did not resume %s (resumed %s, showing %s)", last, start->resumed, start->current);
  if (warm != (start->hits > 0))
    g_error ("a %s start had %" G_GINT64_FORMAT " disk cache hits", warm ? "warm" : "cold", start->hits);
}

/* The figures of a start, cold and warm: launch and request to photo, request to pixels,
 * upload. */
enum { LAUNCH, REQUEST, ARRIVAL, UPLOAD, N_FIGURES };

static void
add_figures (GArray      **samples,
             const Start  *start)
{
  double figures[N_FIGURES] = {
    (start->shown_us - start->launch_us) / 1000.0,
    (start->shown_us - start->request_us) / 1000.0,
    (start->arrival_us - start->request_us) / 1000.0,
    start->upload_ms,
  };

  for (guint f = 0; f < N_FIGURES; f++)
    g_array_append_val (samples[f], figures[f]);
}

/* The display's part: cold and warm starts, interleaved. */
static void
bench_display (const char *images,
               const char *last,
               const char *peer_pixels,
               guint       rounds)
{
  GArray *cold[N_FIGURES], *warm[N_FIGURES];
  g_autoptr(GArray) peer = g_array_new (FALSE, FALSE, sizeof (double));
  double cold_p50, warm_p50, cold_req_p50, warm_req_p50, peer_p50, ignored;

  for (guint f = 0; f < N_FIGURES; f++)
    {
      cold[f] = g_array_new (FALSE, FALSE, sizeof (double));
      warm[f] = g_array_new (FALSE, FALSE, sizeof (double));
    }
  for (guint i = 0; i < rounds; i++)
    {
      g_auto(Start) cold_start = { 0 };
      g_auto(Start) warm_start = { 0 };
      g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", images);
      double floor_ms = measure_peer (peer_pixels);

      g_array_append_val (peer, floor_ms);
      if (system (rm) != 0)
        g_error ("cannot remove %s", images);
      measure_start (&cold_start);
      check_start (&cold_start, last, FALSE);
      measure_start (&warm_start);
      check_start (&warm_start, last, TRUE);
      add_figures (cold, &cold_start);
      add_figures (warm, &warm_start);
    }

  printf ("first photo on a restart: a 6000x4000 JPEG at 1920x1080 fill, %u photos, %u rounds\n", PHOTOS, rounds);
  print_row ("launch to first photo, cold disk cache", cold[LAUNCH], &cold_p50);
  print_row ("launch to first photo, warm disk cache", warm[LAUNCH], &warm_p50);
  print_row ("first request to photo, cold", cold[REQUEST], &cold_req_p50);
  print_row ("first request to photo, warm", warm[REQUEST], &warm_req_p50);
  print_row ("  of which request to pixels, cold", cold[ARRIVAL], &ignored);
  print_row ("  of which request to pixels, warm", warm[ARRIVAL], &ignored);
  print_row ("  texture upload (sum), cold", cold[UPLOAD], &ignored);
  print_row ("  texture upload (sum), warm", warm[UPLOAD], &ignored);
  print_row ("launch to first frame, bare GTK peer", peer, &peer_p50);
  printf ("\nwarm / cold (p50, launch to photo):   %.2f   (goal < 0.3)\n", warm_p50 / cold_p50);
  printf ("peer / cold (p50, launch to photo):   %.2f   (the lowest warm / cold a GTK program reaches here)\n",
          peer_p50 / cold_p50);
  printf ("warm / cold above the peer (p50):     %.2f   ((warm - peer) / (cold - peer))\n",
          (warm_p50 - peer_p50) / (cold_p50 - peer_p50));
  printf ("warm / cold (p50, request to photo):  %.2f\n", warm_req_p50 / cold_req_p50);
  printf ("warm launch to photo p50: %.1f ms, request to photo p50: %.1f ms   (goal < 200 ms)\n",
          warm_p50, warm_req_p50);
  for (guint f = 0; f < N_FIGURES; f++)
    {
      g_array_unref (cold[f]);
      g_array_unref (warm[f]);
    }
}

int
main (int   argc,
      char *argv[])
{
  guint rounds = argc > 1 ? (guint) atoi (argv[1]) : 5;
  g_autofree char *last = NULL;
  g_autofree char *photos = NULL;
  g_autofree char *images = NULL;
  g_autofree char *rm = NULL;
  g_autofree char *peer_pixels = NULL;

  workdir = g_dir_make_tmp ("vitrine-bench-cache-XXXXXX", NULL);
  {
    g_autofree char *config = g_build_filename (workdir, "config", NULL);
    g_autofree char *cache = g_build_filename (workdir, "cache", NULL);
    g_autofree char *state = g_build_filename (workdir, "state", NULL);

    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
    g_setenv ("XDG_STATE_HOME", state, TRUE);
    images = g_build_filename (cache, "vitrine", "images", NULL);
  }
  photos = make_photos (&last);
  write_settings (photos, last);
  peer_pixels = write_peer_pixels (last);

  /* One start to warm the page cache, the libraries and the shader cache. */
  {
    g_auto(Start) start = { 0 };

    measure_start (&start);
    measure_peer (peer_pixels);
  }
  bench_display (images, last, peer_pixels, rounds);
  bench_worker (photos, last, 4 * rounds);

  rm = g_strdup_printf ("rm -rf '%s'", workdir);
  if (system (rm) != 0)
    g_warning ("cannot remove %s", workdir);
  return 0;
}
