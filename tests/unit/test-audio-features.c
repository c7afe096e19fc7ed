/* test-audio-features.c: the feature descriptors and calculators against hand values:
 * a sine's RMS, no onset in a steady tone, the onset at a click, hop and frame times.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-audio-features.h"

static void
test_descriptors (void)
{
  VitrineFeatureDescriptor d;
  VitrineFeatureMask mask;
  guint bars = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (vitrine_feature_descriptor_lookup ("rms", 48000, &d));
  g_assert_cmpint (d.kind, ==, VITRINE_FEATURE_RMS);
  g_assert_cmpfloat (d.frame_s, ==, 512.0 / 48000.0);
  g_assert_cmpuint (d.channels, ==, 1);
  g_assert_cmpuint (d.sample_rate, ==, 48000);
  g_assert_true (vitrine_feature_descriptor_lookup ("onset", 44100, &d));
  g_assert_cmpfloat (d.frame_s, ==, 470.0 / 44100.0);
  g_assert_true (vitrine_feature_descriptor_lookup ("spectrum.bars15", 48000, &d));
  g_assert_cmpint (d.kind, ==, VITRINE_FEATURE_BARS);
  g_assert_cmpuint (d.channels, ==, 15);
  g_assert_cmpfloat (d.frame_s, ==, 1024.0 / 48000.0);
  g_assert_true (vitrine_feature_descriptor_lookup ("beat", 48000, &d));
  for (guint i = 0; i < 6; i++)
    {
      const char *bad[] = { "spectrum.bars0", "spectrum.bars65", "spectrum.bars", "spectrum.bars015",
                            "RMS", "spectrum.bars15x" };

      g_assert_false (vitrine_feature_descriptor_lookup (bad[i], 48000, &d));
    }
  g_assert_false (vitrine_feature_descriptor_lookup ("rms", 0, &d));

  g_assert_true (vitrine_feature_mask_parse ("rms, onset,spectrum.bars32", &mask, &bars, &error));
  g_assert_cmpuint (mask, ==, VITRINE_FEATURE_BIT (VITRINE_FEATURE_RMS) |
                              VITRINE_FEATURE_BIT (VITRINE_FEATURE_ONSET) |
                              VITRINE_FEATURE_BIT (VITRINE_FEATURE_BARS));
  g_assert_cmpuint (bars, ==, 32);
  g_assert_false (vitrine_feature_mask_parse ("rms,loudness", &mask, &bars, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
}

/* A 0.5 amplitude sine of ten periods per hop, in stereo: RMS 0.5/√2 each hop, and no onset once steady. */
static void
test_sine (void)
{
  VitrineFeatures features;
  VitrineFeatureFrame out[64];
  g_autofree float *samples = g_new (float, 48000 * 2);
  guint n;

  for (guint i = 0; i < 48000; i++)
    samples[2 * i] = samples[2 * i + 1] = (float) (0.5 * sin (2 * G_PI * 937.5 * i / 48000));
  vitrine_features_init (&features, 48000);
  n = vitrine_features_push (&features, samples, 48000 / 2, 2, 0.0, out, 64);
  /* 24000 samples: a frame per 512 once the first 1024 are in. */
  g_assert_cmpuint (n, ==, 24000 / 512 - 1);
  g_assert_cmpfloat_with_epsilon (out[0].time, 1024.0 / 48000 - 512.0 / 48000, 1e-12);
  g_assert_cmpfloat_with_epsilon (out[1].time - out[0].time, 512.0 / 48000, 1e-12);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (out[i].rms, 0.5 / G_SQRT2, 1e-3);
  for (guint i = 2; i < n; i++)
    g_assert_cmpfloat (out[i].onset, <, 0.05);
  vitrine_features_clear (&features);
}

/* A click at 0.5 s after silence: the onset peaks within a hop of it, low band too for a thump. */
static void
test_click (void)
{
  VitrineFeatures features;
  VitrineFeatureFrame out[128];
  g_autofree float *samples = g_new0 (float, 48000);
  guint n, peak = 0;

  for (guint i = 0; i < 2400; i++)
    samples[24000 + i] = (float) (0.8 * sin (2 * G_PI * 60.0 * i / 48000) * exp (-(double) i / 1200.0));
  vitrine_features_init (&features, 48000);
  n = vitrine_features_push (&features, samples, 48000, 1, 0.0, out, 128);
  for (guint i = 0; i < n; i++)
    if (out[i].onset > out[peak].onset)
      peak = i;
  g_assert_cmpfloat (fabs (out[peak].time - 0.5), <=, 512.0 / 48000);
  g_assert_cmpfloat (out[peak].onset_low, >, 0);
  g_assert_cmpfloat (out[peak].onset_low, <=, out[peak].onset);
  for (guint i = 0; i < n; i++)
    if (fabs (out[i].time - 0.5) > 0.06)
      g_assert_cmpfloat (out[i].onset, ==, 0);
  vitrine_features_clear (&features);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/audio-features/descriptors", test_descriptors);
  g_test_add_func ("/audio-features/sine", test_sine);
  g_test_add_func ("/audio-features/click", test_click);
  return g_test_run ();
}
