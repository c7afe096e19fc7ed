/* test-spectrum.c: the spectrum bars of docs/spectrum-bars.md, against values
 * derived by hand from that page, and on generated signals.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-spectrum.h"

#define RATE 48000.0

static void
sine (float  *out,
      gsize   n,
      double  frequency,
      double  amplitude,
      gsize   offset)
{
  for (gsize i = 0; i < n; i++)
    out[i] = (float) (amplitude * sin (2 * G_PI * frequency * (double) (offset + i) / RATE));
}

static void
test_band_edges (void)
{
  /* 1024^(i/15) = 2^(2i/3): 4, 16, 64, 256 and 1024 land exactly on whole numbers, which
   * only survive truncation because step 5 of §2 rounds through single precision first. */
  const int expected[] = { 1, 1, 2, 4, 6, 10, 16, 25, 40, 64, 101, 161, 256, 406, 645, 1024 };
  int edges[16];

  vitrine_spectrum_band_edges (1024, 15, edges);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (edges[i], ==, expected[i]);
}

static void
test_shape (void)
{
  float shape[64];

  /* 32 bars: bar i sits at i·14/31 on the template; bar 16 at 7.2258, between 0.08 and 0.25. */
  vitrine_spectrum_shape (32, shape);
  g_assert_cmpfloat_with_epsilon (shape[0], 0.10, 1e-6);
  g_assert_cmpfloat_with_epsilon (shape[1], 0.10 + 0.05 * (14.0 / 31.0), 1e-6);
  g_assert_cmpfloat_with_epsilon (shape[16], 0.08 + 0.17 * (16 * 14.0 / 31.0 - 7), 1e-6);
  g_assert_cmpfloat_with_epsilon (shape[31], 0.10, 1e-6);

  vitrine_spectrum_shape (15, shape);
  g_assert_cmpfloat (shape[4], ==, 1.0f);
  g_assert_cmpfloat (shape[7], ==, 0.08f);

  vitrine_spectrum_shape (1, shape);
  g_assert_cmpfloat_with_epsilon (shape[0], 0.10, 1e-6);
}

static void
test_smoothing_alphas (void)
{
  double rise, decay;

  /* dt 20 ms, tau 0.12 s: 1 - e^(-0.02/0.042) and 1 - e^(-0.02/0.36). */
  vitrine_spectrum_smoothing_alphas (0.02, 0.12, &rise, &decay);
  g_assert_cmpfloat_with_epsilon (rise, 0.378855, 1e-6);
  g_assert_cmpfloat_with_epsilon (decay, 0.054041, 1e-6);

  /* tau below 0.05 counts as 0.05. */
  vitrine_spectrum_smoothing_alphas (0.02, 0.01, &rise, &decay);
  g_assert_cmpfloat_with_epsilon (rise, 1 - exp (-0.02 / 0.0175), 1e-9);
}

static void
test_smoothing (void)
{
  VitrineSpectrumSettings settings;
  VitrineSpectrum spectrum;
  float raw[2] = { 0.8f, 0.0005f }, out[2], down[2] = { 0.0f, 0.0f };
  double rise, decay;

  vitrine_spectrum_settings_init (&settings);
  settings.bands = 2;
  vitrine_spectrum_init (&spectrum, &settings);

  /* First frame: no previous time, so the smoothed bars are the raw ones. */
  vitrine_spectrum_smooth (&spectrum, raw, 10.0, out);
  g_assert_cmpfloat (out[0], ==, 0.8f);

  /* Falling: the slow alpha; a value under 1e-3 snaps to zero. */
  vitrine_spectrum_smoothing_alphas (0.02, 0.12, &rise, &decay);
  vitrine_spectrum_smooth (&spectrum, down, 10.02, out);
  g_assert_cmpfloat_with_epsilon (out[0], 0.8 - 0.8 * decay, 1e-6);
  g_assert_cmpfloat (out[1], ==, 0.0f);

  /* A gap over 2 s, or time going back: start again from the raw bars. */
  vitrine_spectrum_smooth (&spectrum, raw, 12.5, out);
  g_assert_cmpfloat (out[0], ==, 0.8f);
  vitrine_spectrum_smooth (&spectrum, down, 12.4, out);
  g_assert_cmpfloat (out[0], ==, 0.0f);
}

static void
test_silence_changes_nothing (void)
{
  VitrineSpectrumSettings settings;
  VitrineSpectrum spectrum, before;
  float block[2048] = { 0 }, raw[15];

  vitrine_spectrum_settings_init (&settings);
  vitrine_spectrum_init (&spectrum, &settings);
  block[100] = 0.0009f;   /* below the 1e-3 silence peak */
  before = spectrum;

  g_assert_false (vitrine_spectrum_compute (&spectrum, block, 2048, 1, 1.0, raw));
  for (guint i = 0; i < 15; i++)
    g_assert_cmpfloat (raw[i], ==, 0.0f);
  g_assert_true (memcmp (&spectrum, &before, sizeof spectrum) == 0);
}

static void
test_manual_floor (void)
{
  VitrineSpectrumSettings settings;
  VitrineSpectrum spectrum;
  float block[2048], raw[15];
  double expected = 2.1;

  vitrine_spectrum_settings_init (&settings);
  settings.dynamic_floor = FALSE;
  settings.manual_floor = 1.0;
  vitrine_spectrum_init (&spectrum, &settings);

  /* The applied floor moves 12% of the way to the target each frame: 1.968, 1.85184, … */
  for (guint frame = 0; frame < 4; frame++)
    {
      sine (block, 2048, 440, 0.5, frame * 1024);
      g_assert_true (vitrine_spectrum_compute (&spectrum, block, 2048, 1, frame * 1024 / RATE, raw));
      expected += (1.0 - expected) * 0.12;
      g_assert_cmpfloat_with_epsilon (spectrum.floor_applied, expected, 1e-9);
    }
  g_assert_cmpfloat_with_epsilon (spectrum.floor_applied, 1.0 + 1.1 * pow (0.88, 4), 1e-9);
  vitrine_spectrum_clear (&spectrum);
}

static void
test_dynamic_floor (void)
{
  VitrineSpectrumSettings settings;
  VitrineSpectrum spectrum;
  float block[2048], raw[15];
  double level = 0, avg = 2.1, applied = 2.1;

  vitrine_spectrum_settings_init (&settings);
  vitrine_spectrum_init (&spectrum, &settings);

  /*
   * 468.75 Hz has exactly ten periods per 1024-sample hop, so every frame is the same and
   * so is its bass/mid level s. Below the running average, the average moves 40% of the
   * way to s each frame; s itself comes out of the first frame. With 2048-sample frames
   * boost is 1 and recommended sensitivity 0.285, so base_floor is clamp(1.5/0.285) = 4.0
   * and the floor target is s·0.82 + clamp(avg·0.462, 0.12, 4.0)·0.18.
   */
  for (guint frame = 0; frame < 5; frame++)
    {
      double candidate, target;

      sine (block, 2048, 468.75, 0.3, frame * 1024);
      g_assert_true (vitrine_spectrum_compute (&spectrum, block, 2048, 1, frame * 1024 / RATE, raw));
      if (frame == 0)
        {
          level = (spectrum.floor_avg - 0.6 * 2.1) / 0.4;
          g_assert_cmpfloat (level, <, 2.1);
        }
      avg = 0.6 * avg + 0.4 * level;
      g_assert_cmpfloat_with_epsilon (spectrum.floor_avg, avg, 1e-9);

      candidate = CLAMP (avg * 0.462, 0.12, 4.0);
      target = MAX (0.12, MIN (4.0, level * 0.82 + candidate * 0.18));
      applied += (target - applied) * 0.12;
      g_assert_cmpfloat_with_epsilon (spectrum.floor_applied, applied, 1e-9);
    }
  vitrine_spectrum_clear (&spectrum);
}

static void
run_tone (double  frequency,
          double  amplitude,
          guint   frame_size,
          float  *raw)
{
  VitrineSpectrumSettings settings;
  VitrineSpectrum spectrum;
  g_autofree float *block = g_new (float, frame_size);

  vitrine_spectrum_settings_init (&settings);
  vitrine_spectrum_init (&spectrum, &settings);
  for (guint frame = 0; frame < 40; frame++)
    {
      sine (block, frame_size, frequency, amplitude, frame * (frame_size / 2));
      vitrine_spectrum_compute (&spectrum, block, frame_size, 1, frame * (frame_size / 2) / RATE, raw);
    }
  vitrine_spectrum_clear (&spectrum);
}

static void
test_tones (void)
{
  float bass[15], high[15];

  /* A quiet 60 Hz tone: the bass ridge, three bars either side of the centre, stands
   * above every other bar; a 5 kHz tone lifts the two outermost bars above the rest. */
  run_tone (60, 0.05, 2048, bass);
  run_tone (5000, 0.05, 2048, high);
  for (guint i = 0; i < 15; i++)
    {
      g_assert_cmpfloat (bass[i], >=, 0.0f);
      g_assert_cmpfloat (high[i], <=, 1.0f);
      if (i != 4 && i != 10)
        g_assert_cmpfloat (bass[i], <, MIN (bass[4], bass[10]));
      if (i != 0 && i != 14)
        g_assert_cmpfloat (high[i], <, MIN (high[0], high[14]));
    }
  /* Symmetric about the centre: the shape is, and so is the low-res-free default path. */
  g_assert_cmpfloat (bass[4], ==, bass[10]);
  g_assert_cmpfloat (high[0], ==, high[14]);
}

static void
test_gap_resets_attack (void)
{
  VitrineSpectrumSettings settings;
  VitrineSpectrum spectrum, fresh_hist;
  float block[2048], gap_raw[15], reference[15];

  vitrine_spectrum_settings_init (&settings);
  vitrine_spectrum_init (&spectrum, &settings);
  for (guint frame = 0; frame < 5; frame++)
    {
      sine (block, 2048, 200, 0.5, frame * 1024);
      vitrine_spectrum_compute (&spectrum, block, 2048, 1, frame * 1024 / RATE, gap_raw);
    }
  g_assert_cmpfloat (spectrum.hist[4], >, 0.0f);

  /* The same state with attack/decay history cleared by hand, fed at a normal step... */
  fresh_hist = spectrum;
  memset (fresh_hist.hist, 0, sizeof fresh_hist.hist);
  memset (fresh_hist.hold, 0, sizeof fresh_hist.hold);
  sine (block, 2048, 200, 0.5, 5 * 1024);
  vitrine_spectrum_compute (&fresh_hist, block, 2048, 1, 5 * 1024 / RATE, reference);

  /* ...gives what a frame after a 3 s gap gives: the gap cleared the history. */
  vitrine_spectrum_compute (&spectrum, block, 2048, 1, 5 * 1024 / RATE + 3.0, gap_raw);
  g_assert_true (memcmp (gap_raw, reference, sizeof reference) == 0);
  vitrine_spectrum_clear (&spectrum);
}

static void
test_deterministic (void)
{
  float first[64], second[64];

  for (guint round = 0; round < 2; round++)
    {
      VitrineSpectrumSettings settings;
      VitrineSpectrum spectrum;
      float block[512 * 2];
      float *out = round == 0 ? first : second;

      vitrine_spectrum_settings_init (&settings);
      settings.bands = 64;
      vitrine_spectrum_init (&spectrum, &settings);
      for (guint frame = 0; frame < 30; frame++)
        {
          /* Stereo, low-resolution frames: a beat that comes and goes. */
          for (guint i = 0; i < 512; i++)
            {
              double s = (frame % 4 == 0 ? 0.9 : 0.2) * sin (2 * G_PI * 80 * (frame * 256 + i) / RATE);

              block[2 * i] = (float) s;
              block[2 * i + 1] = (float) (0.5 * s);
            }
          vitrine_spectrum_compute (&spectrum, block, 512, 2, frame * 256 / RATE, out);
        }
      for (guint i = 0; i < 64; i++)
        {
          g_assert_true (isfinite (out[i]));
          g_assert_cmpfloat (out[i], >=, 0.0f);
          g_assert_cmpfloat (out[i], <=, 1.0f);
        }
      vitrine_spectrum_clear (&spectrum);
    }

  g_assert_true (memcmp (first, second, sizeof first) == 0);
}

/* Ghost peaks jump up with the bar and fall 0.4 per second, down to the bar. */
static void
test_ghost (void)
{
  float peaks[3] = { 0, 0, 0 };
  const float up[3] = { 0.8f, 0.5f, 0.0f };
  const float down[3] = { 0.1f, 0.45f, 0.0f };

  vitrine_spectrum_ghost (peaks, up, 3, 0.02, 0.4);
  g_assert_cmpfloat_with_epsilon (peaks[0], 0.8, 1e-6);
  g_assert_cmpfloat_with_epsilon (peaks[1], 0.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (peaks[2], 0.0, 1e-6);

  /* 0.25 s later: 0.8 - 0.1 = 0.7 above a bar of 0.1; 0.5 - 0.1 = 0.4 is below its bar
   * of 0.45, so it rests on the bar. */
  vitrine_spectrum_ghost (peaks, down, 3, 0.25, 0.4);
  g_assert_cmpfloat_with_epsilon (peaks[0], 0.7, 1e-6);
  g_assert_cmpfloat_with_epsilon (peaks[1], 0.45, 1e-6);

  /* Long after: all the way down to the bars, never below zero. */
  vitrine_spectrum_ghost (peaks, down, 3, 10.0, 0.4);
  g_assert_cmpfloat_with_epsilon (peaks[0], 0.1, 1e-6);
  g_assert_cmpfloat_with_epsilon (peaks[2], 0.0, 1e-6);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Spectrum bars as specified, derived by hand and on generated tones");

  g_test_add_func ("/Spectrum/band-edges", test_band_edges);
  g_test_add_func ("/Spectrum/shape", test_shape);
  g_test_add_func ("/Spectrum/smoothing-alphas", test_smoothing_alphas);
  g_test_add_func ("/Spectrum/smoothing", test_smoothing);
  g_test_add_func ("/Spectrum/silence-changes-nothing", test_silence_changes_nothing);
  g_test_add_func ("/Spectrum/manual-floor", test_manual_floor);
  g_test_add_func ("/Spectrum/dynamic-floor", test_dynamic_floor);
  g_test_add_func ("/Spectrum/tones", test_tones);
  g_test_add_func ("/Spectrum/gap-resets-attack", test_gap_resets_attack);
  g_test_add_func ("/Spectrum/deterministic", test_deterministic);
  g_test_add_func ("/Spectrum/ghost", test_ghost);

  return g_test_run ();
}
