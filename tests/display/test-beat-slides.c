/* test-beat-slides.c: beat-synced slides in the real application. The test plays a
 * generated 120 BPM drum pattern into a private PipeWire graph's null sink through a stream
 * of its own, which records when each buffer reaches the sink (pw_stream_get_time_n(),
 * tests/lib/vitrine-test-player.c); a real MPRIS player (mpv with its MPRIS plugin, to no
 * device) is what the display follows. With display/beat-sync on and a 4 s interval,
 * photo changes start on downbeats: each transition's start (the compositor's clock)
 * within 50 ms of a downbeat of the generated pattern as the sink played it, and within
 * 50 ms of one the tracker reports. The messages also give how far the audio worker's
 * time for the first sound is from the first hit (the capture clock's mapping, within a
 * hop of 10.7 ms).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "vitrine-test-app.h"
#include "vitrine-test-beats.h"
#include "vitrine-test-player.h"
#include "vitrine-test-util.h"
#include "vitrine-wav.h"

#define BAR_S 2.0

typedef struct
{
  char        *dirs;
  GSubprocess *bus;
  VtPipeWire   pipewire;
  GSubprocess *app;
  GSubprocess *player;
  VtPlayer    *stream;
  VtBeatsSignal drums;
  char        *saved_backend;
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
  fixture->saved_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  /* A file-backed store both processes see, in this test's own XDG_CONFIG_HOME. */
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
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
  g_clear_pointer (&fixture->stream, vt_player_free);
  if (fixture->drums.samples != NULL)
    vt_beats_signal_clear (&fixture->drums);
  vt_pipewire_down (&fixture->pipewire);
  vt_bus_down (fixture->bus);
  g_clear_object (&fixture->bus);
  g_setenv ("GSETTINGS_BACKEND", fixture->saved_backend != NULL ? fixture->saved_backend : "memory", TRUE);
  g_clear_pointer (&fixture->saved_backend, g_free);
  vt_remove_tree (fixture->dirs);
  g_clear_pointer (&fixture->dirs, g_free);
}

static void
gsettings_set (const char *schema,
               const char *key,
               const char *value)
{
  const char *argv[] = { "gsettings", "set", schema, key, value, NULL };

  g_assert_true (vt_run_quietly (argv));
}

/* Three photos of different colours, so every change is a real transition. */
static void
write_photos (const char *folder)
{
  static const guint32 colours[] = { 0x402020ff, 0x204020ff, 0x202040ff };

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 36);
      g_autofree char *name = g_strdup_printf ("%u.png", i);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      gdk_pixbuf_fill (pixbuf, colours[i]);
      g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
    }
}

/* 60 s of a 120 BPM drum pattern into @signal, and its first 2 s as a WAV file for the
 * MPRIS player, which plays it silently (the test's own stream is what is heard). */
static char *
write_drums (const char    *dir,
             VtBeatsSignal *signal)
{
  g_autofree gint16 *pcm = NULL;
  g_autoptr(GBytes) wav = NULL;
  char *path = g_build_filename (dir, "drums.wav", NULL);
  VtBeatsSpec spec;
  gsize n = 2 * 48000;

  vt_beats_spec_init (&spec);
  spec.bpm = 120;
  spec.seconds = 60;
  vt_beats_generate (&spec, signal);
  pcm = g_new (gint16, n * 2);
  for (gsize i = 0; i < n; i++)
    pcm[2 * i] = pcm[2 * i + 1] = (gint16) lrintf (signal->samples[i] * 32767.0f);
  wav = vitrine_wav_encode (pcm, n, 2, spec.sample_rate);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (wav, NULL), (gssize) g_bytes_get_size (wav), NULL));
  return path;
}

/* The generated downbeat nearest to @t (monotonic seconds), as the test's stream played it. */
static double
nearest_downbeat (Fixture *fixture,
                  double   t)
{
  double best = INFINITY;

  for (guint i = 0; i < fixture->drums.downbeats->len; i++)
    {
      double at = g_array_index (fixture->drums.downbeats, double, i), heard;

      if (vt_player_sample_time (fixture->stream, (gsize) llround (at * 48000), &heard) &&
          fabs (heard - t) < fabs (best - t))
        best = heard;
    }
  return best;
}

static JsonObject *
member (JsonObject *object,
        const char *name)
{
  return json_object_get_object_member (object, name);
}

static void
test_changes_on_downbeats (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *photos = g_build_filename (fixture->dirs, "photos", NULL);
  g_autofree char *folder = g_strconcat ("--folder=", photos, NULL);
  g_autofree char *mpv = g_find_program_in_path ("mpv");
  g_autofree char *drums = NULL;
  gint64 seen_start = 0;
  guint checked = 0;

  if (vt_app_skip_without_display () || !vt_have_pipewire ())
    return;
  if (mpv == NULL)
    {
      g_test_skip ("mpv is not installed (build-aux/dev test installs it)");
      return;
    }

  vt_pipewire_up (&fixture->pipewire);
  write_photos (photos);
  drums = write_drums (fixture->dirs, &fixture->drums);
  gsettings_set (APP_ID ".Display", "beat-sync", "true");
  gsettings_set (APP_ID ".Transitions", "type", "'crossfade'");
  /* The worker listens from the start, so the ring holds the pattern's first hit. */
  gsettings_set (APP_ID ".Visualizer", "show-when", "'always'");

  fixture->app = vt_app_start (folder, "--interval=4", "--window", NULL);
  vt_app_wait_until_mapped ();
  /* The player the display follows over MPRIS plays to no device; the music comes from
   * this test's own stream, which knows when each sample reaches the sink. */
  fixture->player = vt_spawn_quietly (mpv, "--no-video", "--really-quiet", "--ao=null", "--loop=inf", drums,
                                      NULL);
  fixture->stream = vt_player_new ("test-sink", fixture->drums.samples, fixture->drums.n_samples, 48000);

  /* Up to 50 s of music: the tracker locks, then each change is checked. */
  for (guint attempt = 0; attempt < 500 && checked < 3; attempt++)
    {
      g_autoptr(JsonObject) status = vt_app_status ();
      JsonObject *features = member (member (status, "visualizer"), "features");
      JsonObject *sync = member (member (status, "slideshow"), "beat_sync");
      JsonArray *displays = json_object_get_array_member (member (status, "slideshow"), "displays");
      JsonObject *compositor;
      gint64 start;
      double first, since, off, down, bar_s, tracked, pattern, first_hit = 0;

      vt_sleep (100);
      if (attempt % 50 == 0)
        {
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), member (status, "visualizer"));
          g_autofree char *text = NULL;

          json_generator_set_root (generator, node);
          text = json_generator_to_data (generator, NULL);
          g_test_message ("visualizer: %s; beat sync: %" G_GINT64_FORMAT " changes", text,
                          json_object_get_int_member (sync, "changes"));
        }
      if (json_array_get_length (displays) == 0 || json_object_get_int_member (sync, "changes") < 1)
        continue;
      compositor = member (json_array_get_object_element (displays, 0), "compositor");
      start = json_object_get_int_member (compositor, "transition_start_us");
      first = json_object_get_double_member (features, "first_sound");
      /* A transition that began after the latest change on a downbeat was planned. */
      if (start == seen_start || first <= 0 ||
          start / 1e6 < json_object_get_double_member (sync, "last_change") - 0.5)
        continue;
      seen_start = start;
      since = start / 1e6 - first;
      off = since - BAR_S * round (since / BAR_S);
      down = json_object_get_double_member (features, "last_downbeat");
      bar_s = 4 * 60.0 / MAX (json_object_get_double_member (features, "bpm"), 1.0);
      tracked = start / 1e6 - down - bar_s * round ((start / 1e6 - down) / bar_s);
      pattern = start / 1e6 - nearest_downbeat (fixture, start / 1e6);
      vt_player_sample_time (fixture->stream, (gsize) llround (g_array_index (fixture->drums.beats, double, 0) * 48000),
                             &first_hit);
      g_test_message ("change at %.3f s after the first hit: %+.1f ms from the generated downbeat "
                      "(%+.1f ms from the first sound's bars, %+.1f ms from the tracker's, %.2f BPM, %.2f sure; "
                      "first sound %+.1f ms from the first hit; %.0f ms of the pattern skipped by the test's stream)",
                      since, pattern * 1000, off * 1000, tracked * 1000, json_object_get_double_member (features, "bpm"),
                      json_object_get_double_member (features, "confidence"), (first - first_hit) * 1000,
                      vt_player_skipped (fixture->stream) / 48.0);
      g_assert_cmpfloat (json_object_get_double_member (features, "bpm"), >, 117);
      g_assert_cmpfloat (json_object_get_double_member (features, "bpm"), <, 123);
      g_assert_cmpfloat (fabs (tracked), <=, 0.05);
      g_assert_cmpfloat (fabs (pattern), <=, 0.05);
      checked++;
    }
  g_assert_cmpuint (checked, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/BeatSync/changes-on-downbeats", Fixture, NULL, fixture_setup, test_changes_on_downbeats,
              fixture_teardown);
  return g_test_run ();
}
