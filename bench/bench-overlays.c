/* bench-overlays.c: what the overlay cards cost the display (build-aux/dev bench overlays),
 * on the real application fullscreen at 1920×1080 under Xvfb (llvmpipe):
 *
 *   1. the paint time of the frames of a Crossfade (the window's frame clock from
 *      before-paint to after-paint, as the layer's --status records it, on the wall
 *      clock and in the process's CPU time) with no cards and with every card on (three
 *      clocks with seconds, analog among them, now playing from mpv, the visualizer at
 *      rest; dimming is not a card and stays off), alternating A B A B A B in the same
 *      run: the ratio of the p50s, goal < 1.10;
 *   2. the frames the window paints over 60 s between photos with one seconds clock,
 *      goal 60 ± 2.
 *
 * Needs a display server and a session bus (build-aux/dev runs it under both) and mpv
 * with mpv-mpris for the now playing card.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-photo.h"

#define MEASURE_S 16      /* per run of part 1: interval 3 s, Crossfade of 2 s */
#define IDLE_S    60
#define ROUNDS    3

static char *workdir;

static const char *no_cards =
  "[io/github/vitrine/Vitrine/widgets]\nclock-enabled=false\nnow-playing-enabled=false\npixel-shift=false\n"
  "[io/github/vitrine/Vitrine/visualizer]\nenabled=false\n"
  "[io/github/vitrine/Vitrine/transitions]\ntype='crossfade'\nrandom=false\nduration=2.0\n";

static const char *all_cards =
  "[io/github/vitrine/Vitrine/widgets]\nclocks=['a', 'b', 'c']\npixel-shift=false\n"
  "[io/github/vitrine/Vitrine/widgets/clocks/a]\nshow-seconds=true\n"
  "[io/github/vitrine/Vitrine/widgets/clocks/b]\nstyle='analog'\nshow-seconds=true\ntimezone='Asia/Tokyo'\n"
  "label='Tokyo'\nanchor='top-left'\n"
  "[io/github/vitrine/Vitrine/widgets/clocks/c]\nformat='12h'\ntimezone='America/New_York'\nlabel='New York'\n"
  "show-zone=true\nanchor='bottom-right'\n"
  "[io/github/vitrine/Vitrine/transitions]\ntype='crossfade'\nrandom=false\nduration=2.0\n";

static const char *seconds_clock =
  "[io/github/vitrine/Vitrine/widgets]\nclocks=['a']\nnow-playing-enabled=false\npixel-shift=false\n"
  "[io/github/vitrine/Vitrine/widgets/clocks/a]\nshow-seconds=true\n"
  "[io/github/vitrine/Vitrine/visualizer]\nenabled=false\n";

static JsonObject *
status_object (JsonParser *parser)
{
  const char *argv[] = { VITRINE_APP_PATH, "--status", NULL };
  g_autofree char *out = NULL;
  int wait_status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                     NULL, &wait_status, NULL) ||
      !g_spawn_check_wait_status (wait_status, NULL) ||
      !json_parser_load_from_data (parser, out, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

/* The first display's "frames" in --status, or NULL. */
static JsonObject *
frames (JsonParser *parser)
{
  JsonObject *status = status_object (parser);
  JsonArray *overlays;

  if (status == NULL || (overlays = json_object_get_array_member (status, "overlays")) == NULL ||
      json_array_get_length (overlays) == 0)
    return NULL;
  return json_object_get_object_member (json_array_get_object_element (overlays, 0), "frames");
}

static void
wait_for_name (gboolean owned)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  for (guint i = 0; bus != NULL && i < 200; i++)
    {
      g_autoptr(GVariant) owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "NameHasOwner",
                                                               g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                                               G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      gboolean has = FALSE;

      if (owner != NULL)
        g_variant_get (owner, "(b)", &has);
      if (has == owned)
        return;
      g_usleep (100 * 1000);
    }
  g_error ("vitrine did not %s", owned ? "start" : "stop");
}

static GSubprocess *
app_start (const char *settings,
           guint       interval)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *config = g_build_filename (workdir, "config", NULL);
  g_autofree char *dir = g_build_filename (config, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *photos = g_build_filename (workdir, "photos", NULL);
  g_autofree char *folder_arg = g_strconcat ("--folder=", photos, NULL);
  g_autofree char *interval_arg = g_strdup_printf ("--interval=%u", interval);
  g_autoptr(GError) error = NULL;
  GSubprocess *app;

  g_autofree char *contents = NULL;

  /* BENCH_OVERLAYS_EXTRA: more keyfile lines for every run, to measure a variant (say
   * "[io/github/vitrine/Vitrine/widgets]\ncard-shadow='none'"). */
  contents = g_strconcat (settings, "\n", g_getenv ("BENCH_OVERLAYS_EXTRA") != NULL ? g_getenv ("BENCH_OVERLAYS_EXTRA") : "",
                          "\n", NULL);
  g_mkdir_with_parents (dir, 0700);
  if (!g_file_set_contents (keyfile, contents, -1, &error))
    g_error ("%s", error->message);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, VITRINE_APP_PATH, folder_arg, interval_arg, NULL);
  if (app == NULL)
    g_error ("%s", error->message);
  wait_for_name (TRUE);
  return app;
}

static void
app_stop (GSubprocess *app)
{
  const char *argv[] = { VITRINE_APP_PATH, "--quit", NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, NULL, NULL);
  g_subprocess_wait (app, NULL, NULL);
  wait_for_name (FALSE);
}

/* Part 1, one run: the p50 and p95 of the Crossfade's paint times, and how many frames. */
static void
crossfade_run (const char *settings,
               double     *p50,
               double     *p95,
               double     *cpu50,
               gint64     *samples)
{
  g_autoptr(GSubprocess) app = app_start (settings, 3);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *f, *paint;

  g_usleep (MEASURE_S * G_USEC_PER_SEC);
  if ((f = frames (parser)) == NULL)
    g_error ("no overlays in --status");
  paint = json_object_get_object_member (f, "transition_paint_ms");
  *p50 = json_object_get_double_member (paint, "p50");
  *p95 = json_object_get_double_member (paint, "p95");
  *samples = json_object_get_int_member (paint, "samples");
  *cpu50 = json_object_get_double_member (json_object_get_object_member (f, "transition_paint_cpu_ms"), "p50");
  app_stop (app);
}

/* 60 s of silence, 8 kHz mono: enough for the card (it shows what the player says), and
 * the visualizer rests. */
static void
write_silence (const char *path)
{
  const guint32 rate = 8000, bytes = rate * 2 * 60;
  g_autofree guint8 *wav = g_malloc0 (44 + bytes);
  guint32 u32;
  guint16 u16;

  memcpy (wav, "RIFF", 4);
  u32 = GUINT32_TO_LE (36 + bytes); memcpy (wav + 4, &u32, 4);
  memcpy (wav + 8, "WAVEfmt ", 8);
  u32 = GUINT32_TO_LE (16); memcpy (wav + 16, &u32, 4);
  u16 = GUINT16_TO_LE (1); memcpy (wav + 20, &u16, 2);            /* PCM */
  u16 = GUINT16_TO_LE (1); memcpy (wav + 22, &u16, 2);            /* mono */
  u32 = GUINT32_TO_LE (rate); memcpy (wav + 24, &u32, 4);
  u32 = GUINT32_TO_LE (rate * 2); memcpy (wav + 28, &u32, 4);
  u16 = GUINT16_TO_LE (2); memcpy (wav + 32, &u16, 2);
  u16 = GUINT16_TO_LE (16); memcpy (wav + 34, &u16, 2);
  memcpy (wav + 36, "data", 4);
  u32 = GUINT32_TO_LE (bytes); memcpy (wav + 40, &u32, 4);
  if (!g_file_set_contents (path, (const char *) wav, 44 + bytes, NULL))
    g_error ("cannot write %s", path);
}

static void
bench_crossfade (void)
{
  g_autofree char *mpv = g_find_program_in_path ("mpv");
  g_autofree char *tone = g_build_filename (workdir, "tone.wav", NULL);
  g_autoptr(GSubprocess) player = NULL;
  double p50[2] = { 0 }, p95[2] = { 0 }, cpu[2] = { 0 }, a, b, c;
  gint64 n[2] = { 0 }, k;
  guint rounds;

  write_silence (tone);
  if (mpv != NULL)
    player = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL, mpv,
                               "--no-video", "--really-quiet", "--ao=null", "--loop=inf",
                               "--force-media-title=Benchmark", tone, NULL);
  else
    g_printerr ("no mpv: the now playing card stays off\n");

  printf ("Crossfade at 1920x1080, paint time per frame (ms), no cards vs every card, alternating\n");
  printf ("%-12s %8s %8s %12s %8s\n", "cards", "p50", "p95", "cpu p50", "frames");
  /* BENCH_OVERLAYS_ROUNDS: fewer rounds to try a variant quickly. */
  rounds = g_getenv ("BENCH_OVERLAYS_ROUNDS") != NULL ? CLAMP (atoi (g_getenv ("BENCH_OVERLAYS_ROUNDS")), 1, 10) : ROUNDS;
  for (guint round = 0; round < rounds; round++)
    for (guint cards = 0; cards < 2; cards++)
      {
        crossfade_run (cards ? all_cards : no_cards, &a, &b, &c, &k);
        printf ("%-12s %8.2f %8.2f %12.2f %8" G_GINT64_FORMAT "\n", cards ? "every card" : "none", a, b, c, k);
        p50[cards] += a / rounds;
        p95[cards] += b / rounds;
        cpu[cards] += c / rounds;
        n[cards] += k;
      }
  printf ("ratio (every card / none): wall p50 %.3f, p95 %.3f; process CPU p50 %.3f (goal < 1.10)\n",
          p50[1] / p50[0], p95[1] / p95[0], cpu[1] / cpu[0]);
  if (player != NULL)
    g_subprocess_force_exit (player);
}

static void
bench_idle (void)
{
  g_autoptr(GSubprocess) app = app_start (seconds_clock, 600);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *f;
  gint64 before, after;

  /* The first photo's fade-in and the cards' are over by then. */
  g_usleep (6 * G_USEC_PER_SEC);
  if ((f = frames (parser)) == NULL)
    g_error ("no overlays in --status");
  before = json_object_get_int_member (f, "painted");
  g_usleep (IDLE_S * G_USEC_PER_SEC);
  f = frames (parser);
  after = json_object_get_int_member (f, "painted");
  printf ("frames painted in %d s between photos with a seconds clock: %" G_GINT64_FORMAT " (goal 60 ± 2)\n",
          IDLE_S, after - before);
  app_stop (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *photos = NULL;

  setvbuf (stdout, NULL, _IOLBF, 0);
  workdir = g_dir_make_tmp ("vitrine-bench-overlays-XXXXXX", NULL);
  photos = g_build_filename (workdir, "photos", NULL);
  g_mkdir_with_parents (photos, 0700);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("photo-%u.jpg", i);
      g_autofree char *path = g_build_filename (photos, name, NULL);

      bench_photo_write (path, "jpeg", 1920, 1080, i + 1);
    }

  if (argc < 2 || g_str_equal (argv[1], "crossfade"))
    bench_crossfade ();
  if (argc < 2 || g_str_equal (argv[1], "idle"))
    bench_idle ();

  {
    const char *rm[] = { "rm", "-rf", workdir, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_free (workdir);
  return 0;
}
