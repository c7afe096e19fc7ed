/* test-audio-export.c: `vitrine-worker --role=audio --export` against the live path on the
 * same samples. The file's export and the live feature cache fed the same samples in
 * PipeWire-sized blocks of 480 frames (the export reads 1024 at a time), read back from
 * its ring, give the same CSV bytes, on both grids and with each interpolation, for the
 * hop features and for the spectrum bars (a multi-channel descriptor with a frame
 * duration of its own, a column per bar named by its place on the card); the table has the
 * documented header and a row per beat; bad options are refused. Blocks lost by the
 * capture are filled on the graph's clock (/AudioCache/lost-blocks).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "vitrine-audio-export.h"
#include "vitrine-test-beats.h"
#include "vitrine-test-util.h"
#include "vitrine-wav.h"

static char *tmp_dir;
static char *wav_path;
static float *stereo;
static gsize n_frames;

static int
run_export (const char  *grid,
            const char  *interp,
            const char  *descriptors,
            char       **out,
            char       **err)
{
  g_autofree char *grid_arg = g_strdup_printf ("--grid=%s", grid);
  g_autofree char *interp_arg = g_strdup_printf ("--interp=%s", interp);
  g_autofree char *descriptors_arg = g_strdup_printf ("--descriptors=%s", descriptors);
  const char *argv[] = { g_getenv ("VITRINE_WORKER_PATH"), "--role=audio", "--export", wav_path, grid_arg,
                         interp_arg, descriptors_arg, NULL };
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                               &wait_status, &error));
  g_assert_no_error (error);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* The live path: the worker's cache, fed as capture feeds it, read back from its ring. */
static char *
live_csv (const char *grid,
          const char *interp,
          const char *descriptors)
{
  g_autoptr(VitrineAudioCache) cache = vitrine_audio_cache_new ();
  g_autoptr(GError) error = NULL;
  VitrineExportOptions options;
  char *csv;

  vitrine_audio_cache_set_cache_dir (cache, NULL);
  g_assert_true (vitrine_audio_cache_configure (cache, VITRINE_FEATURE_BIT (VITRINE_FEATURE_RMS) |
                                                       VITRINE_FEATURE_BIT (VITRINE_FEATURE_ONSET) |
                                                       VITRINE_FEATURE_BIT (VITRINE_FEATURE_BEAT) |
                                                       VITRINE_FEATURE_BIT (VITRINE_FEATURE_BARS), 15, 60, &error));
  for (gsize at = 0; at < n_frames; at += 480)
    vitrine_audio_cache_block (cache, stereo + at * 2, (guint) MIN (480, n_frames - at), 2, 48000, NULL);
  vitrine_export_options_init (&options);
  g_assert_true (vitrine_export_grid_from_string (grid, &options.grid));
  g_assert_true (vitrine_interp_from_string (interp, &options.interp));
  csv = vitrine_audio_cache_export_csv (cache, descriptors, &options, &error);
  g_assert_no_error (error);
  return csv;
}

/* A bars table: 15 columns from @first, named by bar from the card's left, and the drums
 * moving every bar somewhere. */
static void
check_bars (char  **lines,
            guint   first)
{
  g_auto(GStrv) header = g_strsplit (lines[0], ",", -1);
  double sums[15] = { 0 };

  g_test_message ("%s", lines[0]);
  g_assert_cmpuint (g_strv_length (header), ==, 4 + 1 + 15);
  g_assert_cmpstr (header[first], ==, "spectrum.bars15.bar01");
  g_assert_cmpstr (header[first + 14], ==, "spectrum.bars15.bar15");
  for (guint c = 0; c < 15; c++)
    {
      g_autofree char *name = g_strdup_printf ("spectrum.bars15.bar%02u", c + 1);

      g_assert_cmpstr (header[first + c], ==, name);
    }
  for (guint l = 1; lines[l] != NULL && *lines[l] != '\0'; l++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[l], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 4 + 1 + 15);
      for (guint c = 0; c < 15; c++)
        sums[c] += *cells[first + c] != '\0' ? g_ascii_strtod (cells[first + c], NULL) : 0;
    }
  for (guint c = 0; c < 15; c++)
    g_assert_cmpfloat (sums[c], >, 0);
}

static void
test_same_as_live (void)
{
  const char *cases[][3] = {
    { "beats", "linear", "rms,onset,beat" }, { "beats", "spline", "rms,onset,beat" },
    { "seconds", "hold", "rms,onset,beat" }, { "beats", "spline", "onset,spectrum.bars15" },
    { "seconds", "linear", "spectrum.bars15,rms" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL, *err = NULL, *live = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_cmpint (run_export (cases[i][0], cases[i][1], cases[i][2], &out, &err), ==, 0);
      live = live_csv (cases[i][0], cases[i][1], cases[i][2]);
      lines = g_strsplit (out, "\n", -1);
      g_test_message ("--grid=%s --interp=%s --descriptors=%s: %u lines", cases[i][0], cases[i][1], cases[i][2],
                      g_strv_length (lines));
      if (i < 3)
        g_assert_cmpstr (lines[0], ==, "beat,time_s,bar,beat_in_bar,rms,onset,beat");
      else
        check_bars (lines, strstr (cases[i][2], "spectrum") == cases[i][2] ? 4 : 5);
      /* 20 s at 120 BPM: about 38 beats after the tracker locks; far more rows in seconds. */
      if (g_str_equal (cases[i][0], "beats"))
        g_assert_cmpuint (g_strv_length (lines), >, 30);
      else
        g_assert_cmpuint (g_strv_length (lines), >, strstr (cases[i][2], "spectrum") == cases[i][2] ? 900 : 1000);
      g_assert_cmpstr (out, ==, live);
    }
}

/*
 * Blocks placed on the graph's clock: three the capture lost come back as silence, so the
 * frames after them stand where the music is (their index and time follow the graph's
 * position, not the count of samples received), the clock offset is exactly the graph's
 * (heard − stream time), and the bars go on at the right frame numbers.
 */
static void
test_lost_blocks (void)
{
  g_autoptr(VitrineAudioCache) cache = vitrine_audio_cache_new ();
  g_autoptr(GError) error = NULL;
  g_autofree VitrineFeatureRingFrame *frames = NULL;
  g_autofree float *bars = NULL;
  VitrineFeatureRingView view;
  VitrineFeatureState state;
  VitrineFeatureBarsSpan span;
  const double base_s = 1000.0;   /* the monotonic time of graph frame 0 */
  const gint64 first = 48000;     /* capture starts 1 s into the graph's clock */
  guint n;

  vitrine_audio_cache_set_cache_dir (cache, NULL);
  g_assert_true (vitrine_audio_cache_configure (cache, VITRINE_FEATURE_BIT (VITRINE_FEATURE_RMS) |
                                                       VITRINE_FEATURE_BIT (VITRINE_FEATURE_BARS), 4, 60, &error));
  for (guint block = 0; block < 100; block++)
    {
      gint64 position = first + (gint64) block * 1024;
      VitrineCaptureTime time = { position, base_s + position / 48000.0, base_s + position / 48000.0 + 0.03 };

      if (block >= 10 && block < 13)
        continue;
      vitrine_audio_cache_block (cache, stereo + (gsize) block * 1024 * 2, 1024, 2, 48000, &time);
    }
  g_assert_cmpuint (vitrine_audio_cache_get_lost_frames (cache), ==, 3 * 1024);
  g_assert_true (vitrine_audio_cache_get_view (cache, &view));
  g_assert_true (vitrine_feature_ring_read_state (&view, &state));
  /* Stream time 0 is graph frame 48000: heard at base + 1 s. */
  g_assert_cmpfloat (fabs (state.clock_offset - (base_s + 1.0)), <, 1e-9);

  /* 100 blocks of 1024 frames, lost ones included: 200 hops, the first (a window of
   * two hops) centred on hop 1; frame n at (n + 1) · hop on the stream clock. */
  frames = g_new (VitrineFeatureRingFrame, view.capacity);
  n = vitrine_feature_ring_read_recent (&view, 60, frames, view.capacity);
  g_assert_cmpuint (n, ==, 100 * 1024 / 512 - 1);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat (fabs (frames[i].time - (double) (frames[i].index + 1) * 512 / 48000), <, 1e-9);
  /* Silence where the blocks were lost, sound around it. */
  g_assert_cmpfloat (frames[12 * 2].values[VITRINE_FEATURE_VALUE_RMS], ==, 0);
  /* The bars: one frame every 1024 frames, 99 of them, numbered on the same clock. */
  bars = g_new (float, (gsize) view.bars_capacity * view.bars_channels);
  n = vitrine_feature_ring_read_bars_recent (&view, 60, 0, bars, view.bars_capacity, &span);
  g_assert_cmpuint (view.bars_channels, ==, 4);
  g_assert_cmpuint (n, ==, 99);
  g_assert_cmpuint (span.first_index, ==, 0);
  g_assert_cmpfloat (fabs (span.start_s - 1024.0 / 48000), <, 1e-12);

  /* The graph restarted (its clock went back): counting goes on from here, nothing filled. */
  {
    VitrineCaptureTime time = { 0, base_s + 10, base_s + 10 };

    vitrine_audio_cache_block (cache, stereo, 1024, 2, 48000, &time);
    g_assert_cmpuint (vitrine_audio_cache_get_lost_frames (cache), ==, 3 * 1024);
    g_assert_true (vitrine_feature_ring_read_state (&view, &state));
    g_assert_cmpfloat (fabs (state.clock_offset - (base_s + 10 - 100 * 1024 / 48000.0)), <, 1e-9);
  }
}

static void
test_bad_options (void)
{
  const char *argv[][6] = {
    { "--grid=bars", NULL }, { "--interp=cubic", NULL }, { "--descriptors=rms,loudness", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (argv); i++)
    {
      const char *command[] = { g_getenv ("VITRINE_WORKER_PATH"), "--role=audio", "--export", wav_path,
                                argv[i][0], NULL };
      g_autofree char *out = NULL, *err = NULL;
      int wait_status;

      g_assert_true (g_spawn_sync (NULL, (char **) command, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                                   &wait_status, NULL));
      g_test_message ("%s: %s", argv[i][0], err);
      g_assert_true (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) != 0);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, i < 2 ? argv[i][0] + 2 : "loudness"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree gint16 *pcm = NULL;
  g_autoptr(GBytes) bytes = NULL;
  VtBeatsSpec spec;
  VtBeatsSignal signal;
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("vitrine-export-XXXXXX", NULL);
  wav_path = g_build_filename (tmp_dir, "drums.wav", NULL);
  vt_beats_spec_init (&spec);
  spec.seconds = 20;
  vt_beats_generate (&spec, &signal);
  n_frames = signal.n_samples;
  pcm = g_new (gint16, n_frames * 2);
  for (gsize i = 0; i < n_frames; i++)
    pcm[2 * i] = pcm[2 * i + 1] = (gint16) lrintf (signal.samples[i] * 32767.0f);
  bytes = vitrine_wav_encode (pcm, n_frames, 2, 48000);
  g_assert_true (g_file_set_contents (wav_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  /* The live path sees exactly the file's samples, as floats the WAV reader makes. */
  {
    VitrineWav wav;

    g_assert_true (vitrine_wav_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &wav, NULL));
    stereo = g_new (float, n_frames * 2);
    vitrine_wav_read_float (&wav, 0, n_frames, stereo);
  }
  vt_beats_signal_clear (&signal);

  g_test_add_func ("/AudioExport/same-as-live", test_same_as_live);
  g_test_add_func ("/AudioExport/bad-options", test_bad_options);
  g_test_add_func ("/AudioCache/lost-blocks", test_lost_blocks);
  status = g_test_run ();
  vt_remove_tree (tmp_dir);
  g_free (stereo);
  g_free (wav_path);
  g_free (tmp_dir);
  return status;
}
