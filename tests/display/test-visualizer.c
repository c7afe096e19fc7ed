/* test-visualizer.c: the visualizer of the real application on a real PipeWire graph,
 * gated by a real MPRIS player: mpv (with its MPRIS plugin) plays a tone into a null sink;
 * the card shows while it plays, fades out when playerctl pauses it (and capture stops),
 * and comes back on play. Checked on screenshots: the photo is black, so every lit pixel
 * in the card's corner is the card.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#include "vitrine-test-app.h"
#include "vitrine-test-util.h"

typedef struct
{
  char        *dirs;
  GSubprocess *bus;
  VtPipeWire   pipewire;
  GSubprocess *app;
  GSubprocess *player;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *runtime = NULL;

  fixture->dirs = vt_isolate_dirs ();
  runtime = g_build_filename (fixture->dirs, "runtime", NULL);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  fixture->bus = vt_bus_up ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->player != NULL)
    {
      g_subprocess_force_exit (fixture->player);
      vt_wait_for_exit (fixture->player, 3000);
      g_clear_object (&fixture->player);
    }
  vt_app_stop (&fixture->app);
  vt_pipewire_down (&fixture->pipewire);
  vt_bus_down (fixture->bus);
  g_clear_object (&fixture->bus);
  vt_remove_tree (fixture->dirs);
  g_clear_pointer (&fixture->dirs, g_free);
}

static JsonObject *
visualizer (JsonObject *status)
{
  return json_object_get_object_member (status, "visualizer");
}

typedef gboolean (*Check) (JsonObject *visualizer);

static void
wait_for (Check check)
{
  g_autoptr(JsonObject) status = NULL;

  for (guint attempt = 0; attempt < 150; attempt++)
    {
      g_clear_pointer (&status, json_object_unref);
      status = vt_app_status ();
      if (!json_node_is_null (json_object_get_member (status, "visualizer")) && check (visualizer (status)))
        return;
      vt_sleep (100);
    }
  {
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), json_object_get_object_member (status, "visualizer"));
    g_autofree char *text = NULL;

    json_generator_set_root (generator, node);
    text = json_generator_to_data (generator, NULL);
    g_error ("the visualizer never reached the state this test waits for; last: %s", text);
  }
}

static gboolean
playing_with_sound (JsonObject *v)
{
  return json_object_get_boolean_member (v, "playing") && json_object_get_boolean_member (v, "sound") &&
         json_object_get_boolean_member (v, "capturing_wanted");
}

static gboolean
paused_and_idle (JsonObject *v)
{
  return !json_object_get_boolean_member (v, "playing") && !json_object_get_boolean_member (v, "capturing_wanted") &&
         g_strcmp0 (json_object_get_string_member (v, "capture"), "off") == 0;
}

/* Lit pixels in the card's corner (the anchor is bottom left). */
static guint
card_pixels (void)
{
  g_autoptr(GdkPixbuf) shot = vt_screenshot ();
  int height = gdk_pixbuf_get_height (shot), rowstride = gdk_pixbuf_get_rowstride (shot);
  int channels = gdk_pixbuf_get_n_channels (shot);
  const guint8 *pixels = gdk_pixbuf_read_pixels (shot);
  guint lit = 0;

  for (int y = height - 240; y < height; y++)
    for (int x = 0; x < 320; x++)
      {
        const guint8 *p = pixels + y * rowstride + x * channels;

        lit += p[0] > 120 && p[1] > 120 && p[2] > 120;
      }
  return lit;
}

/* The app, with the now playing card off: this test looks at the visualizer card alone, in
 * its own corner (with now playing on, the bars hang on that card instead). */
static GSubprocess *
start_app (const char *arg)
{
  g_autofree char *saved_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  g_autofree char *dir = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (dir, "keyfile", NULL);
  GSubprocess *app;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile, "[io/github/vitrine/Vitrine/widgets]\n"
                                      "now-playing-enabled=false\n", -1, NULL));
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  app = vt_app_start (arg, NULL);
  g_setenv ("GSETTINGS_BACKEND", saved_backend != NULL ? saved_backend : "memory", TRUE);
  return app;
}

static void
playerctl (const char *command)
{
  const char *argv[] = { "playerctl", "--player=mpv", command, NULL };

  g_assert_true (vt_run_quietly (argv));
}

static void
test_mpris_gating (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *photos = g_build_filename (fixture->dirs, "photos", NULL);
  g_autofree char *black = g_build_filename (photos, "black.png", NULL);
  g_autofree char *folder = g_strconcat ("--folder=", photos, NULL);
  g_autofree char *tone = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 36);
  g_autofree char *mpv = g_find_program_in_path ("mpv");
  g_autofree char *pctl = g_find_program_in_path ("playerctl");
  guint lit_playing, lit_paused, lit_again;

  if (vt_app_skip_without_display () || !vt_have_pipewire ())
    return;
  if (mpv == NULL || pctl == NULL)
    {
      g_test_skip ("mpv or playerctl is not installed (build-aux/dev test installs them)");
      return;
    }

  vt_pipewire_up (&fixture->pipewire);
  g_assert_cmpint (g_mkdir_with_parents (photos, 0700), ==, 0);
  gdk_pixbuf_fill (pixbuf, 0x000000ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, black, "png", NULL, NULL));
  tone = vt_write_tone (fixture->dirs, 440, 4.0);

  fixture->app = start_app (folder);
  vt_app_wait_until_mapped ();

  /* Nothing plays: no card, and the worker does not capture. */
  wait_for (paused_and_idle);
  g_assert_cmpuint (card_pixels (), ==, 0);

  fixture->player = vt_spawn_quietly (mpv, "--no-video", "--really-quiet", "--ao=pipewire",
                                      "--loop=inf", tone, NULL);
  wait_for (playing_with_sound);
  vt_sleep (1000);
  lit_playing = card_pixels ();
  g_test_message ("playing: %u lit pixels in the card's corner", lit_playing);
  g_assert_cmpuint (lit_playing, >, 500);

  /* Paused: capture stops, the bars decay, the card fades out. */
  playerctl ("pause");
  wait_for (paused_and_idle);
  vt_sleep (4000);
  lit_paused = card_pixels ();
  g_test_message ("paused: %u lit pixels", lit_paused);
  g_assert_cmpuint (lit_paused, ==, 0);

  /* Playing again: back. */
  playerctl ("play");
  wait_for (playing_with_sound);
  vt_sleep (1000);
  lit_again = card_pixels ();
  g_test_message ("playing again: %u lit pixels", lit_again);
  g_assert_cmpuint (lit_again, >, 500);
}

static gboolean
ring_refused (JsonObject *v)
{
  JsonNode *reason = json_object_get_member (v, "ring_error");

  return reason != NULL && JSON_NODE_HOLDS_VALUE (reason) &&
         strstr (json_node_get_string (reason), "bytes") != NULL &&
         json_object_get_int_member (v, "latest_frame") == -1;
}

/*
 * An audio worker that hands over a ring that fails the display's checks (here a sealed
 * memfd of 64 bytes): the ring is refused, no frame is read from it, and --status says
 * why. The first audio request is sent at start, whether or not anything plays.
 */
static void
test_ring_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  if (vt_app_skip_without_display ())
    return;

  g_setenv ("VITRINE_TEST_WORKER_FAULT_AUDIO", "short", TRUE);
  fixture->app = start_app ("--window");
  g_unsetenv ("VITRINE_TEST_WORKER_FAULT_AUDIO");
  wait_for (ring_refused);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/Visualizer/mpris-gating", Fixture, NULL, fixture_setup, test_mpris_gating,
              fixture_teardown);
  g_test_add ("/Visualizer/ring-refused", Fixture, NULL, fixture_setup, test_ring_refused, fixture_teardown);

  return g_test_run ();
}
