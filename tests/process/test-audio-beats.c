/* test-audio-beats.c: `vitrine-worker --role=audio --beats FILE.wav` on a stepped drum
 * pattern this test writes: the JSON has the shape, its beats score like the
 * in-process tracker on the same samples (the same code), its tempo map has the step,
 * and a broken file is a clear error.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>

#include "vitrine-test-beats.h"
#include "vitrine-test-util.h"
#include "vitrine-wav.h"

static char *tmp_dir;

static char *
write_signal (const VtBeatsSpec *spec,
              VtBeatsSignal     *signal)
{
  g_autofree gint16 *pcm = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, "beats.wav", NULL);

  vt_beats_generate (spec, signal);
  pcm = g_new (gint16, signal->n_samples);
  for (gsize i = 0; i < signal->n_samples; i++)
    pcm[i] = (gint16) lrintf (signal->samples[i] * 32767.0f);
  bytes = vitrine_wav_encode (pcm, signal->n_samples, 1, spec->sample_rate);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  return path;
}

static int
run_beats (const char  *path,
           char       **out,
           char       **err)
{
  const char *argv[] = { g_getenv ("VITRINE_WORKER_PATH"), "--role=audio", "--beats", path, NULL };
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                               &wait_status, &error));
  g_assert_no_error (error);
  return WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

static GArray *
times_of (JsonObject *root,
          const char *member)
{
  JsonArray *array = json_object_get_array_member (root, member);
  GArray *times = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      double t = json_array_get_double_element (array, i);

      g_assert_cmpfloat (t, >=, times->len > 0 ? g_array_index (times, double, times->len - 1) : 0);
      g_array_append_val (times, t);
    }
  return times;
}

static void
test_stepped_drums (void)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) beats = NULL, downbeats = NULL;
  g_autofree char *path = NULL;
  VtBeatsSpec spec;
  VtBeatsSignal signal;
  JsonObject *root;
  JsonArray *map;
  double f, first_bpm, last_bpm;

  vt_beats_spec_init (&spec);
  spec.step_at = 14;
  spec.step_bpm = 90;
  path = write_signal (&spec, &signal);

  g_assert_cmpint (run_beats (path, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_object_get_size (root), ==, 3);

  beats = times_of (root, "beats");
  downbeats = times_of (root, "downbeats");
  f = vt_beats_f_measure ((const double *) (void *) signal.beats->data, signal.beats->len,
                          (const double *) (void *) beats->data, beats->len, 0.07, 5.0);
  g_test_message ("F %.3f over %u beats, %u downbeats", f, beats->len, downbeats->len);
  g_assert_cmpfloat (f, >=, 0.9);
  g_assert_cmpuint (downbeats->len, >, 0);
  g_assert_cmpuint (downbeats->len, <, beats->len);

  /* The tempo map: 120 BPM first, 90 BPM last, each member of the shape. */
  map = json_object_get_array_member (root, "tempo_map");
  g_assert_cmpuint (json_array_get_length (map), >=, 2);
  for (guint i = 0; i < json_array_get_length (map); i++)
    {
      JsonObject *segment = json_array_get_object_element (map, i);
      const char *kind = json_object_get_string_member (segment, "kind");

      g_assert_cmpuint (json_object_get_size (segment), ==, 5);
      g_assert_cmpfloat (json_object_get_double_member (segment, "end_s"), >,
                         json_object_get_double_member (segment, "start_s"));
      g_assert_true (g_str_equal (kind, "constant") || g_str_equal (kind, "ramp"));
    }
  first_bpm = json_object_get_double_member (json_array_get_object_element (map, 0), "start_bpm");
  last_bpm = json_object_get_double_member (json_array_get_object_element (map, json_array_get_length (map) - 1),
                                            "end_bpm");
  g_assert_cmpfloat (fabs (first_bpm / 120 - 1), <, 0.02);
  g_assert_cmpfloat (fabs (last_bpm / 90 - 1), <, 0.02);
  vt_beats_signal_clear (&signal);
  g_unlink (path);
}

static void
test_bad_input (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "broken.wav", NULL);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_true (g_file_set_contents (path, "RIFF\x10\0\0\0WAVEjunk", 16, NULL));
  g_assert_cmpint (run_beats (path, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "broken.wav"));
  g_assert_cmpstr (out, ==, "");
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("vitrine-beats-XXXXXX", NULL);
  g_test_add_func ("/AudioBeats/stepped-drums", test_stepped_drums);
  g_test_add_func ("/AudioBeats/bad-input", test_bad_input);
  status = g_test_run ();
  vt_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
