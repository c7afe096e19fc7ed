/* bench-audio.c: the visualizer's costs (build-aux/dev bench audio).
 *
 *   bench-audio analysis   per-frame analysis time (bars and smoothing) at 15 and 64 bars
 *                          on 20 s of a generated music-like signal, 1024-sample hops
 *   bench-audio capture    CPU time of the audio worker capturing 30 s of playback on a
 *                          private PipeWire graph, against cava capturing the same sink at
 *                          the same bar count and 60 frames a second, in the same run
 *                          (run inside a private D-Bus session)
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "vitrine-latency.h"
#include "vitrine-spectrum.h"
#include "vitrine-supervisor.h"
#include "vitrine-wav.h"

#define RATE 48000

static char *workdir;

/* A chord over a pulsing bass with a little noise, stereo interleaved. */
static float *
music (guint seconds)
{
  gsize frames = (gsize) RATE * seconds;
  float *samples = g_new (float, frames * 2);
  guint32 state = 1;

  for (gsize i = 0; i < frames; i++)
    {
      double t = (double) i / RATE, env = 0.6 + 0.4 * sin (2 * G_PI * 2 * t);
      double v;

      state = state * 1664525u + 1013904223u;
      v = env * (0.25 * sin (2 * G_PI * 55 * t) + 0.2 * sin (2 * G_PI * 440 * t) +
                 0.15 * sin (2 * G_PI * 1760 * t) + 0.1 * sin (2 * G_PI * 5000 * t)) +
          0.05 * ((state >> 8) / 16777216.0 - 0.5);
      samples[2 * i] = samples[2 * i + 1] = (float) v;
    }
  return samples;
}

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int
bench_analysis (void)
{
  const guint seconds = 20, frame = 2048, hop = 1024;
  g_autofree float *samples = music (seconds);
  static const guint bar_counts[] = { 15, 64 };

  printf ("analysis of %u s at 48 kHz, frame %u, hop %u (bars + smoothing per frame)\n", seconds, frame, hop);
  for (guint b = 0; b < G_N_ELEMENTS (bar_counts); b++)
    {
      g_autoptr(GArray) us = g_array_new (FALSE, FALSE, sizeof (double));
      VitrineSpectrumSettings settings;
      VitrineSpectrum spectrum;
      float raw[VITRINE_SPECTRUM_MAX_BARS], smoothed[VITRINE_SPECTRUM_MAX_BARS];
      VitrineLatencySummary s;

      vitrine_spectrum_settings_init (&settings);
      settings.bands = bar_counts[b];
      vitrine_spectrum_init (&spectrum, &settings);
      for (gsize start = 0; start + frame <= (gsize) RATE * seconds; start += hop)
        {
          double t = (double) (start + frame) / RATE;
          gint64 t0 = now_ns ();
          double elapsed;

          vitrine_spectrum_compute (&spectrum, samples + start * 2, frame, 2, t, raw);
          vitrine_spectrum_smooth (&spectrum, raw, t, smoothed);
          elapsed = (now_ns () - t0) / 1000.0;
          g_array_append_val (us, elapsed);
        }
      vitrine_spectrum_clear (&spectrum);
      vitrine_latency_summarize_array ((double *) (void *) us->data, us->len, &s);
      printf ("%2u bars    p50 %7.1f us   p95 %7.1f us   p99 %7.1f us   max %7.1f us   (n=%u)\n",
              bar_counts[b], s.p50, s.p95, s.p99, s.max, us->len);
    }
  printf ("\ngoal: p99 under 200 us per frame\n");
  return 0;
}

/* --- capture against cava ---------------------------------------------------------- */

static gint64
cpu_ms (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    g_error ("cannot read %s", path);
  fields = g_strsplit (strrchr (contents, ')') + 2, " ", -1);
  return (g_ascii_strtoll (fields[11], NULL, 10) + g_ascii_strtoll (fields[12], NULL, 10)) *
         1000 / sysconf (_SC_CLK_TCK);
}

static GSubprocess *
spawn (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  GSubprocess *process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                  G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);

  if (process == NULL)
    g_error ("%s: %s", argv[0], error->message);
  return process;
}

static void
run (const char *const *argv)
{
  g_autoptr(GSubprocess) process = spawn (argv);

  g_subprocess_wait (process, NULL, NULL);
}

static void
stop (GSubprocess *process)
{
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait (process, NULL, NULL);
}

static void
write_wav (const char  *path,
           const float *samples,
           guint        seconds)
{
  gsize frames = (gsize) RATE * seconds;
  g_autofree gint16 *pcm = g_new (gint16, frames * 2);
  g_autoptr(GBytes) wav = NULL;

  for (gsize i = 0; i < frames * 2; i++)
    pcm[i] = (gint16) CLAMP (samples[i] * 32000, -32767, 32767);
  wav = vitrine_wav_encode (pcm, frames, 2, RATE);
  if (!g_file_set_contents (path, g_bytes_get_data (wav, NULL), (gssize) g_bytes_get_size (wav), NULL))
    g_error ("cannot write %s", path);
}

/* Sends @request to the audio worker; returns the frames it has published so far. */
static guint64
audio_request (VitrineSupervisor *supervisor,
               GVariant          *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = vitrine_supervisor_request_sync (supervisor, VITRINE_WORKER_ROLE_AUDIO, request,
                                                               &fds, &error);
  guint64 frames = 0;

  if (reply == NULL)
    g_error ("audio request: %s", error->message);
  g_variant_lookup (reply, "frames", "t", &frames);
  return frames;
}

static void
pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

static int
bench_capture (guint seconds)
{
  g_autofree float *samples = music (seconds);
  g_autofree char *wav = g_build_filename (workdir, "music.wav", NULL);
  g_autofree char *conf = g_build_filename (workdir, "cava.conf", NULL);
  g_autoptr(GSubprocess) pipewire = NULL, wireplumber = NULL, pulse = NULL, cava = NULL, player = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  g_autoptr(GVariant) request = NULL;
  const char *sink[] = { "pw-cli", "create-node", "adapter",
                         "{ factory.name=support.null-audio-sink node.name=test-sink "
                         "media.class=Audio/Sink object.linger=true audio.position=[FL FR] }", NULL };
  guint64 frames;
  gint64 ours0, ours1, peer0, peer1;
  GPid worker;

  g_setenv ("XDG_RUNTIME_DIR", workdir, TRUE);
  write_wav (wav, samples, seconds);
  g_file_set_contents (conf, "[general]\nbars = 15\nframerate = 60\n[input]\nmethod = pulse\n"
                             "source = test-sink.monitor\n[output]\nmethod = raw\n"
                             "raw_target = /dev/null\ndata_format = ascii\n", -1, NULL);

  pipewire = spawn ((const char *[]) { "pipewire", NULL });
  g_usleep (500 * 1000);
  wireplumber = spawn ((const char *[]) { "wireplumber", NULL });
  pulse = spawn ((const char *[]) { "pipewire-pulse", NULL });
  g_usleep (1500 * 1000);
  run (sink);
  g_usleep (500 * 1000);

  supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), settings);
  vitrine_supervisor_start (supervisor);
  while (vitrine_supervisor_get_state (supervisor, VITRINE_WORKER_ROLE_AUDIO) != VITRINE_WORKER_STATE_RUNNING)
    pump (50);
  request = g_variant_ref_sink (g_variant_new_parsed ("{'kind': <'audio'>, 'active': <true>, 'bars': <@u 15>}"));
  audio_request (supervisor, request);
  cava = spawn ((const char *[]) { "cava", "-p", conf, NULL });
  pump (1000);

  worker = vitrine_supervisor_get_pid (supervisor, VITRINE_WORKER_ROLE_AUDIO);
  ours0 = cpu_ms (worker);
  peer0 = cpu_ms (atoi (g_subprocess_get_identifier (cava)));
  player = spawn ((const char *[]) { "pw-play", "--target", "test-sink", wav, NULL });
  while (g_subprocess_get_identifier (player) != NULL)
    pump (100);
  ours1 = cpu_ms (worker);
  peer1 = cpu_ms (atoi (g_subprocess_get_identifier (cava)));

  /* How many frames the worker published: it really was capturing. */
  frames = audio_request (supervisor, request);

  printf ("CPU time while %u s of music play into a null sink (both capture its monitor, 15 bars)\n", seconds);
  printf ("vitrine audio worker   %6lld ms   (%.1f%% of one core), %" G_GUINT64_FORMAT " frames published\n",
          (long long) (ours1 - ours0), (ours1 - ours0) / (seconds * 10.0), frames);
  printf ("cava 60 fps (peer)     %6lld ms   (%.1f%% of one core)\n", (long long) (peer1 - peer0),
          (peer1 - peer0) / (seconds * 10.0));
  printf ("\nvitrine / cava: %.2f   (goal <= 1.0)\n", (double) (ours1 - ours0) / MAX (1, peer1 - peer0));

  stop (cava);
  vitrine_supervisor_shutdown (supervisor);
  stop (pulse);
  stop (wireplumber);
  stop (pipewire);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *what = argc > 1 ? argv[1] : "";
  int status;

  workdir = g_dir_make_tmp ("vitrine-bench-XXXXXX", NULL);
  g_chmod (workdir, 0700);
  if (g_str_equal (what, "analysis"))
    status = bench_analysis ();
  else if (g_str_equal (what, "capture"))
    status = bench_capture (argc > 2 ? atoi (argv[2]) : 30);
  else
    {
      fprintf (stderr, "usage: bench-audio analysis | capture [SECONDS]\n");
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
