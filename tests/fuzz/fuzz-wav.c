/* fuzz-wav.c: the WAV parser of the audio worker's offline analysis over arbitrary bytes.
 * Parsing must not read past them, and a WAV it accepts must have every frame it claims
 * inside them: reading all of them as floats stays within the input and within [-1, 1).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-fuzz.h"
#include "vitrine-wav.h"

/* Frames read at a time, as the analysis does it: in hops. */
#define BLOCK_FRAMES 256

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree guint8 *bytes = g_memdup2 (data, size);
  g_autoptr(GError) error = NULL;
  g_autofree float *block = NULL;
  VitrineWav wav;

  vitrine_fuzz_init ();

  if (!vitrine_wav_parse (bytes, size, &wav, &error))
    {
      g_assert_error (error, VITRINE_WAV_ERROR, 0);
      return 0;
    }

  g_assert_cmpuint (wav.channels, >=, 1);
  g_assert_cmpuint (wav.channels, <=, 32);
  g_assert_cmpuint (wav.sample_rate, >=, 1000);
  g_assert_cmpuint (wav.sample_rate, <=, 768000);
  g_assert_true (wav.data >= bytes && wav.data <= bytes + size);
  g_assert_cmpuint (wav.n_frames * wav.channels * 2, <=, (gsize) (bytes + size - wav.data));

  block = g_new (float, (gsize) BLOCK_FRAMES * wav.channels);
  for (gsize first = 0; first < wav.n_frames; first += BLOCK_FRAMES)
    {
      gsize n = MIN (BLOCK_FRAMES, wav.n_frames - first);

      vitrine_wav_read_float (&wav, first, n, block);
      for (gsize i = 0; i < n * wav.channels; i++)
        g_assert_true (block[i] >= -1.0f && block[i] < 1.0f);
    }

  return 0;
}
