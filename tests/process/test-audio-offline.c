/* test-audio-offline.c: `vitrine-worker --role=audio --analyze` on WAV files this test
 * writes, and the WAV reader on broken ones.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "vitrine-audio-worker.h"
#include "vitrine-test-util.h"
#include "vitrine-wav.h"

#define RATE 48000

static char *tmp_dir;

static void
put16 (GByteArray *out,
       guint16     value)
{
  guint8 bytes[2] = { value & 0xff, value >> 8 };

  g_byte_array_append (out, bytes, 2);
}

static void
put32 (GByteArray *out,
       guint32     value)
{
  put16 (out, value & 0xffff);
  put16 (out, value >> 16);
}

/* A 16-bit PCM WAV of @seconds of a sine (frequency 0: silence) on @channels channels. */
static GByteArray *
make_wav (double frequency,
          double amplitude,
          guint  channels,
          double seconds)
{
  GByteArray *out = g_byte_array_new ();
  guint frames = (guint) (seconds * RATE);

  g_byte_array_append (out, (const guint8 *) "RIFF", 4);
  put32 (out, 36 + frames * channels * 2);
  g_byte_array_append (out, (const guint8 *) "WAVEfmt ", 8);
  put32 (out, 16);
  put16 (out, 1);
  put16 (out, channels);
  put32 (out, RATE);
  put32 (out, RATE * channels * 2);
  put16 (out, channels * 2);
  put16 (out, 16);
  g_byte_array_append (out, (const guint8 *) "data", 4);
  put32 (out, frames * channels * 2);
  for (guint i = 0; i < frames; i++)
    for (guint c = 0; c < channels; c++)
      put16 (out, (guint16) (gint16) lrint (amplitude * 32767 * sin (2 * G_PI * frequency * i / RATE)));

  return out;
}

static char *
write_wav (const char *name,
           GByteArray *wav)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_file_set_contents (path, (const char *) wav->data, wav->len, &error);
  g_assert_no_error (error);
  g_byte_array_unref (wav);
  return path;
}

static char *
analyze (const char *path,
         const char *extra,
         int        *status,
         char      **err)
{
  g_autofree char *command = g_strdup_printf ("%s --role=audio --analyze %s %s",
                                              g_getenv ("VITRINE_WORKER_PATH"), path,
                                              extra != NULL ? extra : "");
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int wait_status;

  g_assert_true (g_spawn_command_line_sync (command, &out, err, &wait_status, &error));
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return out;
}

/* The raw bars of the last line. */
static void
last_raw_bars (const char *output,
               guint       bars,
               double     *values)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  guint n = g_strv_length (lines);
  g_auto(GStrv) fields = NULL;

  g_assert_cmpuint (n, >=, 2);
  fields = g_strsplit (lines[n - 2], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 1 + 2 * bars);
  for (guint i = 0; i < bars; i++)
    values[i] = g_ascii_strtod (fields[1 + i], NULL);
}

static void
test_frames_and_timestamps (void)
{
  g_autofree char *path = write_wav ("a440.wav", make_wav (440, 0.3, 1, 1.0));
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  out = analyze (path, "--bars=8 --hop=4000 --frame=2000", &status, &err);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\n", -1);

  /* Windows of 2000 starting at 0, 4000, … that fit in 48000 samples: 12 of them. */
  g_assert_cmpuint (g_strv_length (lines), ==, 12 + 1);
  for (guint i = 0; i < 12; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);
      g_autofree char *expected = g_strdup_printf ("%.6f", (i * 4000 + 2000) / (double) RATE);

      g_assert_cmpuint (g_strv_length (fields), ==, 1 + 16);
      g_assert_cmpstr (fields[0], ==, expected);
      /* Six decimals, every value. */
      for (guint f = 1; f < 17; f++)
        g_assert_cmpuint (strlen (strchr (fields[f], '.') + 1), ==, 6);
    }
}

static void
test_tones_and_silence (void)
{
  g_autofree char *bass_path = write_wav ("bass.wav", make_wav (60, 0.05, 2, 1.0));
  g_autofree char *high_path = write_wav ("high.wav", make_wav (5000, 0.05, 2, 1.0));
  g_autofree char *quiet_path = write_wav ("quiet.wav", make_wav (0, 0, 2, 1.0));
  g_autofree char *bass_out = NULL, *high_out = NULL, *quiet_out = NULL;
  g_autofree char *err1 = NULL, *err2 = NULL, *err3 = NULL;
  double bass[15], high[15], quiet[15];
  int status;

  bass_out = analyze (bass_path, NULL, &status, &err1);
  g_assert_cmpint (status, ==, 0);
  high_out = analyze (high_path, NULL, &status, &err2);
  quiet_out = analyze (quiet_path, NULL, &status, &err3);
  last_raw_bars (bass_out, 15, bass);
  last_raw_bars (high_out, 15, high);
  last_raw_bars (quiet_out, 15, quiet);

  for (guint i = 0; i < 15; i++)
    {
      if (i != 4 && i != 10)
        g_assert_cmpfloat (bass[i], <, MIN (bass[4], bass[10]));
      if (i != 0 && i != 14)
        g_assert_cmpfloat (high[i], <, MIN (high[0], high[14]));
      g_assert_cmpfloat (quiet[i], ==, 0.0);
    }
}

static void
test_deterministic_and_same_as_live_code (void)
{
  g_autofree char *path = write_wav ("mix.wav", make_wav (150, 0.4, 2, 1.5));
  g_autofree char *first = NULL, *second = NULL, *err1 = NULL, *err2 = NULL;
  g_autoptr(GString) in_process = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  int status;

  first = analyze (path, "--bars=32 --frame=512 --hop=256", &status, &err1);
  second = analyze (path, "--bars=32 --frame=512 --hop=256", &status, &err2);
  g_assert_cmpstr (first, ==, second);

  /* The executable adds nothing of its own: the library function gives the same bytes. */
  g_assert_true (vitrine_audio_worker_analyze_file (path, 32, 256, 512, in_process, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (in_process->str, ==, first);
}

static void
test_bad_input (void)
{
  g_autoptr(GByteArray) eight_bit = make_wav (440, 0.3, 1, 0.1);
  g_autofree char *text_path = g_build_filename (tmp_dir, "notes.wav", NULL);
  g_autofree char *out = NULL, *err = NULL;
  int status;

  g_file_set_contents (text_path, "hello, not audio", -1, NULL);
  out = analyze (text_path, NULL, &status, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "not a RIFF/WAVE file"));
  g_assert_cmpstr (out, ==, "");

  /* Reader: 8-bit samples, no data chunk, truncated data, extensible PCM. */
  {
    VitrineWav wav;
    g_autoptr(GError) error = NULL;

    eight_bit->data[34] = 8;
    g_assert_false (vitrine_wav_parse (eight_bit->data, eight_bit->len, &wav, &error));
    g_assert_nonnull (strstr (error->message, "16-bit PCM"));
  }
  {
    g_autoptr(GByteArray) wav_bytes = make_wav (440, 0.3, 1, 0.1);
    VitrineWav wav;
    g_autoptr(GError) error = NULL;

    g_assert_false (vitrine_wav_parse (wav_bytes->data, 36, &wav, &error));
    g_assert_nonnull (strstr (error->message, "no data chunk"));
  }
  {
    g_autoptr(GByteArray) wav_bytes = make_wav (440, 0.3, 2, 0.1);
    VitrineWav wav;

    /* Cut mid-sample: whole frames only, and no read past the end. */
    g_assert_true (vitrine_wav_parse (wav_bytes->data, wav_bytes->len - 3, &wav, NULL));
    g_assert_cmpuint (wav.n_frames, ==, 4800 - 1);
    g_assert_cmpuint (wav.channels, ==, 2);
    g_assert_cmpuint (wav.sample_rate, ==, RATE);
  }
}

/* The encoder the test helpers and benchmarks write WAVs with: byte for byte what the
 * hand-written make_wav() above gives, and read back the same by the parser. */
static void
test_wav_encode (void)
{
  g_autoptr(GByteArray) expected = make_wav (440, 0.3, 2, 0.1);
  guint frames = (guint) (0.1 * RATE);
  g_autofree gint16 *samples = g_new (gint16, frames * 2);
  g_autoptr(GBytes) encoded = NULL;
  g_autofree float *read = g_new (float, 2);
  VitrineWav wav;

  for (guint i = 0; i < frames; i++)
    samples[2 * i] = samples[2 * i + 1] = (gint16) lrint (0.3 * 32767 * sin (2 * G_PI * 440 * i / RATE));
  encoded = vitrine_wav_encode (samples, frames, 2, RATE);
  g_assert_cmpmem (g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded), expected->data, expected->len);

  g_assert_true (vitrine_wav_parse (g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded), &wav, NULL));
  g_assert_cmpuint (wav.n_frames, ==, frames);
  g_assert_cmpuint (wav.channels, ==, 2);
  g_assert_cmpuint (wav.sample_rate, ==, RATE);
  vitrine_wav_read_float (&wav, 7, 1, read);
  g_assert_cmpfloat_with_epsilon (read[0], samples[14] / 32768.0, 1e-6);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Offline audio analysis through the real worker executable");
  tmp_dir = g_dir_make_tmp ("vitrine-wav-XXXXXX", NULL);

  g_test_add_func ("/AudioOffline/frames-and-timestamps", test_frames_and_timestamps);
  g_test_add_func ("/AudioOffline/tones-and-silence", test_tones_and_silence);
  g_test_add_func ("/AudioOffline/deterministic-and-same-as-live-code", test_deterministic_and_same_as_live_code);
  g_test_add_func ("/AudioOffline/bad-input", test_bad_input);
  g_test_add_func ("/AudioOffline/wav-encode", test_wav_encode);

  status = g_test_run ();
  vt_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
