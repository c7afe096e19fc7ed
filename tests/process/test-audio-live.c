/* test-audio-live.c: the audio worker on a real PipeWire graph. A private PipeWire and
 * WirePlumber on a private bus, a null sink, `pw-play` of a tone the test writes: the bars
 * rise within 500 ms of playback and count as zero within 1 s after it stops. Without
 * PipeWire the worker reports "no-capture", does not spin, and captures once PipeWire is
 * there (it retries every 5 s). A 120 BPM pattern from the test's own stream gives beats in
 * the feature ring 0.5 s apart.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vitrine-audio-ring.h"
#include "vitrine-feature-ring.h"
#include "vitrine-memfd.h"
#include "vitrine-supervisor.h"
#include "vitrine-test-beats.h"
#include "vitrine-test-player.h"
#include "vitrine-test-util.h"
#include "vitrine-wav.h"

typedef struct
{
  char              *dir;
  GSubprocess       *bus;
  VtPipeWire         pipewire;
  GSettings         *settings;
  VitrineSupervisor *supervisor;
  GBytes            *ring;
  GBytes            *features;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *state = NULL;

  fixture->dir = g_dir_make_tmp ("vitrine-audio-XXXXXX", NULL);
  g_assert_cmpint (g_chmod (fixture->dir, 0700), ==, 0);
  state = g_build_filename (fixture->dir, "state", NULL);
  g_setenv ("XDG_RUNTIME_DIR", fixture->dir, TRUE);
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  g_setenv ("PIPEWIRE_RUNTIME_DIR", fixture->dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", fixture->dir, TRUE);
  fixture->bus = vt_bus_up ();
  fixture->settings = g_settings_new (APP_ID ".Workers");
  fixture->supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), fixture->settings);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vitrine_supervisor_shutdown (fixture->supervisor);
  g_clear_object (&fixture->supervisor);
  g_clear_object (&fixture->settings);
  g_clear_pointer (&fixture->ring, g_bytes_unref);
  g_clear_pointer (&fixture->features, g_bytes_unref);
  vt_pipewire_down (&fixture->pipewire);
  vt_bus_down (fixture->bus);
  g_clear_object (&fixture->bus);
  vt_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

/* Sends "audio" with @active, @bars and @generation; maps the ring from the reply;
 * returns the capture state. */
static char *
audio (Fixture  *fixture,
       gboolean  active,
       guint32   bars,
       guint64   generation)
{
  g_autoptr(GVariant) request = g_variant_ref_sink (g_variant_new_parsed (
    "{'kind': <'audio'>, 'active': <%b>, 'bars': <%u>, 'frame': <@u 2048>, 'generation': <%t>}",
    active, bars, generation));
  g_autoptr(GError) error = NULL;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL;
  char *state = NULL;
  int index = -1, fd;

  reply = vitrine_supervisor_request_sync (fixture->supervisor, VITRINE_WORKER_ROLE_AUDIO, request, &fds, &error);
  g_assert_no_error (error);

  g_assert_true (g_variant_lookup (reply, "state", "s", &state));
  g_assert_true (g_variant_lookup (reply, "ring", "i", &index));
  fd = g_unix_fd_list_get (fds, index, &error);
  g_assert_no_error (error);
  g_clear_pointer (&fixture->ring, g_bytes_unref);
  fixture->ring = vitrine_memfd_map_sealed (fd, F_SEAL_SHRINK | F_SEAL_GROW, sizeof (VitrineAudioRing),
                                            sizeof (VitrineAudioRing), &error);
  close (fd);
  g_assert_no_error (error);
  g_assert_true (vitrine_audio_ring_check (g_bytes_get_data (fixture->ring, NULL),
                                           g_bytes_get_size (fixture->ring), &error));
  g_assert_no_error (error);
  return state;
}

static void
start_audio_worker (Fixture *fixture)
{
  vitrine_supervisor_start (fixture->supervisor);
  for (guint i = 0; i < 500 && vitrine_supervisor_get_state (fixture->supervisor, VITRINE_WORKER_ROLE_AUDIO) !=
                                 VITRINE_WORKER_STATE_RUNNING; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_assert_cmpint (vitrine_supervisor_get_state (fixture->supervisor, VITRINE_WORKER_ROLE_AUDIO), ==,
                   VITRINE_WORKER_STATE_RUNNING);
}

static double
now_s (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

static gboolean
latest (Fixture           *fixture,
        VitrineAudioFrame *frame)
{
  return vitrine_audio_ring_read_latest (g_bytes_get_data (fixture->ring, NULL), frame);
}

static float
loudest (const VitrineAudioFrame *frame)
{
  float max = 0;

  for (guint i = 0; i < frame->bar_count; i++)
    max = MAX (max, frame->smoothed[i]);
  return max;
}

static void
pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5 * 1000);
    }
}

static void
test_bars_follow_playback (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *tone = NULL;
  g_autofree char *state = NULL;
  g_autoptr(GSubprocess) player = NULL;
  VitrineAudioFrame frame;
  double started, rose = 0, stopped, quiet = 0;

  if (!vt_have_pipewire ())
    return;

  vt_pipewire_up (&fixture->pipewire);
  start_audio_worker (fixture);
  state = audio (fixture, TRUE, 15, 1);
  g_test_message ("capture state after start: %s", state);
  g_assert_cmpstr (state, !=, "no-capture");

  /* Nothing plays yet: no sound in the ring. */
  pump (500);
  g_assert_true (!latest (fixture, &frame) || vitrine_audio_frame_is_quiet (&frame, now_s ()));

  tone = vt_write_tone (fixture->dir, 1000, 3.0);
  player = vt_spawn_quietly ("pw-play", "--target", "test-sink", tone, NULL);
  started = now_s ();
  while (now_s () - started < 3.0)
    {
      if (latest (fixture, &frame) && !vitrine_audio_frame_is_quiet (&frame, now_s ()) &&
          frame.bar_count == 15 && loudest (&frame) > 0.2)
        {
          rose = now_s ();
          break;
        }
      pump (5);
    }
  g_test_message ("bars rose %.0f ms after pw-play started", (rose - started) * 1000);
  g_assert_cmpfloat (rose, >, 0);
  g_assert_cmpfloat (rose - started, <, 0.5);
  /* A 1 kHz tone lights the middle of the spectrum, not the edges alone. */
  g_assert_cmpfloat (frame.peaks[7], >=, frame.smoothed[7]);
  g_assert_cmpuint (frame.generation, ==, 1);

  /* New settings while it plays: a new generation, and no frame ever mixes the two. */
  g_free (audio (fixture, TRUE, 32, 2));
  {
    double until = now_s () + 0.5;
    gboolean seen = FALSE;

    while (now_s () < until)
      {
        if (latest (fixture, &frame))
          {
            g_assert_true ((frame.generation == 1 && frame.bar_count == 15) ||
                           (frame.generation == 2 && frame.bar_count == 32));
            seen |= frame.generation == 2 && loudest (&frame) > 0;
          }
        pump (2);
      }
    g_assert_true (seen);
    /* Once the reply is in, the newest frame is always of the new generation. */
    g_assert_cmpuint (frame.generation, ==, 2);
  }

  g_assert_true (vt_wait_for_exit (player, 10000));
  stopped = now_s ();
  while (now_s () - stopped < 3.0)
    {
      if (!latest (fixture, &frame) || vitrine_audio_frame_is_quiet (&frame, now_s ()))
        {
          quiet = now_s ();
          break;
        }
      pump (5);
    }
  g_test_message ("bars at zero %.0f ms after playback stopped", (quiet - stopped) * 1000);
  g_assert_cmpfloat (quiet, >, 0);
  g_assert_cmpfloat (quiet - stopped, <, 1.0);

  /* Switched off: capture stops. */
  g_clear_pointer (&state, g_free);
  state = audio (fixture, FALSE, 15, 1);
  g_assert_cmpstr (state, ==, "off");
}

/* Asks for the beat tracker's descriptors and maps the feature ring from the reply. */
static void
ask_for_beats (Fixture                *fixture,
               VitrineFeatureRingView *view)
{
  g_autoptr(GVariant) request = g_variant_ref_sink (g_variant_new_parsed (
    "{'kind': <'audio'>, 'active': <true>, 'bars': <@u 15>, 'generation': <@t 1>, "
    "'descriptors': <['rms', 'onset', 'beat']>, 'history': <@u 60>, 'track': <'/test/clicks'>}"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL;
  VitrineFeatureState state;
  int index = -1, fd;

  reply = vitrine_supervisor_request_sync (fixture->supervisor, VITRINE_WORKER_ROLE_AUDIO, request, &fds, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (reply, "features", "i", &index));
  g_assert_cmpint (index, >=, 0);
  fd = g_unix_fd_list_get (fds, index, &error);
  g_assert_no_error (error);
  fixture->features = vitrine_memfd_map_sealed (fd, F_SEAL_SHRINK | F_SEAL_GROW, sizeof (VitrineFeatureRing),
                                                vitrine_feature_ring_max_size (), &error);
  close (fd);
  g_assert_no_error (error);
  g_assert_true (vitrine_feature_ring_check (g_bytes_get_data (fixture->features, NULL),
                                             g_bytes_get_size (fixture->features), view, &error));
  g_assert_no_error (error);
  g_assert_true (vitrine_feature_ring_read_state (view, &state));
  g_assert_cmpstr (state.track_id, ==, "/test/clicks");
  /* The bits of VitrineFeatureKind: rms 0, onset 1, beat 3 (not the bars, 2). */
  g_assert_cmpuint (state.mask, ==, (1u << 0) | (1u << 1) | (1u << 3));
}

/* Tells the worker the player moved to @track; returns what became of its old summary. */
static char *
change_track (Fixture    *fixture,
              const char *track)
{
  g_autoptr(GVariant) request = g_variant_ref_sink (g_variant_new_parsed (
    "{'kind': <'audio'>, 'active': <true>, 'track': <%s>}", track));
  g_autoptr(GError) error = NULL;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL;
  char *summary = NULL;

  reply = vitrine_supervisor_request_sync (fixture->supervisor, VITRINE_WORKER_ROLE_AUDIO, request, &fds, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (reply, "summary", "s", &summary));
  return summary;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/*
 * A 120 BPM drum pattern played into the sink: beats appear in the feature ring, a
 * median 0.5 s apart, with the tracker's tempo in the state block, and the frames are
 * indexed by absolute time.
 */
static void
test_beats_in_the_ring (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *state = NULL;
  g_autofree VitrineFeatureRingFrame *frames = NULL;
  VtPlayer *player = NULL;
  VtBeatsSpec spec;
  VtBeatsSignal signal;
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (double));
  VitrineFeatureRingView view;
  VitrineFeatureState beat_state = { 0 };
  double previous = 0, median;
  guint n, beats = 0;

  if (!vt_have_pipewire ())
    return;

  vt_pipewire_up (&fixture->pipewire);
  start_audio_worker (fixture);
  state = audio (fixture, TRUE, 15, 1);
  g_assert_cmpstr (state, !=, "no-capture");
  ask_for_beats (fixture, &view);

  /* Played by the test's own stream, which keeps the pattern on the graph's clock even
   * when this process is late (pw-play would stretch it under load). */
  vt_beats_spec_init (&spec);
  spec.bpm = 120;
  spec.seconds = 12;
  vt_beats_generate (&spec, &signal);
  player = vt_player_new ("test-sink", signal.samples, signal.n_samples, spec.sample_rate);
  pump (12500);
  g_clear_pointer (&player, vt_player_free);
  vt_beats_signal_clear (&signal);
  pump (200);
  g_assert_true (vitrine_feature_ring_read_state (&view, &beat_state));

  frames = g_new (VitrineFeatureRingFrame, view.capacity);
  n = vitrine_feature_ring_read_recent (&view, 60, frames, view.capacity);
  g_assert_cmpuint (n, >, 1000);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        {
          g_assert_cmpuint (frames[i].index, ==, frames[i - 1].index + 1);
          g_assert_cmpfloat (fabs (frames[i].time - frames[i - 1].time - view.frame_s), <, 1e-9);
        }
      if (!(frames[i].flags & VITRINE_FEATURE_FRAME_BEAT))
        continue;
      beats++;
      if (previous > 0)
        {
          double interval = frames[i].beat_time - previous;

          g_array_append_val (intervals, interval);
        }
      previous = frames[i].beat_time;
    }
  g_assert_cmpuint (intervals->len, >=, 10);
  g_array_sort (intervals, compare_doubles);
  median = g_array_index (intervals, double, intervals->len / 2);
  g_test_message ("%u beats, median interval %.4f s, state %.1f BPM (confidence %.2f), rms max %.3f",
                  beats, median, beat_state.bpm, beat_state.confidence,
                  beat_state.stats[VITRINE_FEATURE_VALUE_RMS].max);
  g_assert_cmpfloat (fabs (median - 0.5), <, 0.01);
  g_assert_cmpfloat (beat_state.stats[VITRINE_FEATURE_VALUE_RMS].max, >, 0.01);
  g_assert_cmpfloat (beat_state.stats[VITRINE_FEATURE_VALUE_ONSET].count, >, 1000);

  /* Another track: the first one's summary is written, the new one has none; back to
   * the first, its summary is found. */
  {
    g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "/test/clicks", -1);
    g_autofree char *name = g_strconcat (digest, ".json", NULL);
    g_autofree char *path = g_build_filename (fixture->dir, "vitrine", "tracks", name, NULL);
    g_autofree char *other = change_track (fixture, "/test/other");
    g_autofree char *back = NULL;
    g_autofree char *contents = NULL;

    g_assert_cmpstr (other, ==, "missing");
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_test_message ("summary: %s", contents);
    g_assert_nonnull (strstr (contents, "\"schema\":2"));
    g_assert_nonnull (strstr (contents, "\"track_id\":\"/test/clicks\""));
    back = change_track (fixture, "/test/clicks");
    g_assert_cmpstr (back, ==, "loaded");
  }
}

static gint64
worker_cpu_ms (Fixture *fixture)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat",
                                           (int) vitrine_supervisor_get_pid (fixture->supervisor,
                                                                             VITRINE_WORKER_ROLE_AUDIO));
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  after = strrchr (contents, ')');
  fields = g_strsplit (after + 2, " ", -1);
  /* utime and stime: fields 14 and 15 of the whole line, 12 and 13 after the name. */
  return (g_ascii_strtoll (fields[11], NULL, 10) + g_ascii_strtoll (fields[12], NULL, 10)) *
         1000 / sysconf (_SC_CLK_TCK);
}

static void
test_no_pipewire (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *state = NULL;
  const char *missing;
  gint64 cpu_before;
  gboolean captured = FALSE;

  /* No PipeWire in this runtime directory; this half needs none installed. */
  start_audio_worker (fixture);
  state = audio (fixture, TRUE, 15, 1);
  g_assert_cmpstr (state, ==, "no-capture");

  /* No busy loop while it waits. */
  cpu_before = worker_cpu_ms (fixture);
  pump (2000);
  g_assert_cmpint (worker_cpu_ms (fixture) - cpu_before, <, 200);
  g_assert_cmpint (vitrine_supervisor_get_restarts (fixture->supervisor, VITRINE_WORKER_ROLE_AUDIO), ==, 0);

  /* PipeWire arrives: within the next retries, capture is up. */
  missing = vt_pipewire_missing ();
  if (missing != NULL)
    {
      g_autofree char *message = g_strdup_printf ("tested \"no-capture\" without PipeWire; not tested: "
                                                  "capture once PipeWire starts (%s is not installed)",
                                                  missing);

      g_test_skip (message);
      return;
    }
  vt_pipewire_up (&fixture->pipewire);
  for (guint i = 0; i < 30 && !captured; i++)
    {
      g_autoptr(GVariant) request = NULL;

      g_clear_pointer (&state, g_free);
      pump (500);
      state = audio (fixture, TRUE, 15, 1);
      captured = !g_str_equal (state, "no-capture");
    }
  g_test_message ("capture state once PipeWire runs: %s", state);
  g_assert_true (captured);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/AudioLive/bars-follow-playback", Fixture, NULL, fixture_setup,
              test_bars_follow_playback, fixture_teardown);
  g_test_add ("/AudioLive/beats-in-the-ring", Fixture, NULL, fixture_setup,
              test_beats_in_the_ring, fixture_teardown);
  g_test_add ("/AudioLive/no-pipewire", Fixture, NULL, fixture_setup, test_no_pipewire,
              fixture_teardown);

  return g_test_run ();
}
