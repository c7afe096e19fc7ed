/* vitrine-wav.h: 16-bit PCM WAV in memory, for the audio worker's offline analysis.
 * Parses bytes only; reading the file is the caller's business.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_WAV_ERROR (vitrine_wav_error_quark ())

typedef struct
{
  guint         sample_rate;
  guint         channels;
  gsize         n_frames;
  const guint8 *data;        /* interleaved little-endian int16, inside the parsed bytes */
} VitrineWav;

GQuark   vitrine_wav_error_quark (void);
gboolean vitrine_wav_parse       (const guint8  *bytes,
                                  gsize          size,
                                  VitrineWav    *wav,
                                  GError       **error);
void     vitrine_wav_read_float  (const VitrineWav *wav,
                                  gsize             first_frame,
                                  gsize             n_frames,
                                  float            *out);
GBytes  *vitrine_wav_encode      (const gint16     *samples,
                                  gsize             n_frames,
                                  guint             channels,
                                  guint             sample_rate);

G_END_DECLS
