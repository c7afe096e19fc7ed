/* vitrine-wav.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-wav.h"

G_DEFINE_QUARK (vitrine-wav-error-quark, vitrine_wav_error)

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static guint16
le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

/*
 * Finds the "fmt " and "data" chunks of a RIFF/WAVE file and checks that it is PCM
 * (or WAVE_FORMAT_EXTENSIBLE carrying PCM) with 16 bits per sample. A data chunk that
 * claims more than the file holds is cut to what is there, as players do.
 */
gboolean
vitrine_wav_parse (const guint8  *bytes,
                   gsize          size,
                   VitrineWav    *wav,
                   GError       **error)
{
  gsize offset = 12;
  gboolean have_format = FALSE;
  guint16 format = 0, bits = 0;

  *wav = (VitrineWav) { 0 };

  if (size < 12 || memcmp (bytes, "RIFF", 4) != 0 || memcmp (bytes + 8, "WAVE", 4) != 0)
    {
      g_set_error_literal (error, VITRINE_WAV_ERROR, 0, "not a RIFF/WAVE file");
      return FALSE;
    }

  while (offset + 8 <= size)
    {
      const guint8 *chunk = bytes + offset;
      guint32 length = le32 (chunk + 4);
      gsize available = size - offset - 8;

      if (memcmp (chunk, "fmt ", 4) == 0)
        {
          if (length < 16 || available < 16)
            break;
          format = le16 (chunk + 8);
          wav->channels = le16 (chunk + 10);
          wav->sample_rate = le32 (chunk + 12);
          bits = le16 (chunk + 22);
          if (format == 0xfffe && length >= 40 && available >= 40)
            format = le16 (chunk + 8 + 24);   /* the sub-format GUID starts with the tag */
          have_format = TRUE;
        }
      else if (memcmp (chunk, "data", 4) == 0)
        {
          if (!have_format)
            break;
          if (format != 1 || bits != 16)
            {
              g_set_error (error, VITRINE_WAV_ERROR, 0,
                           "only 16-bit PCM WAV is supported (format %u, %u bits)", format, bits);
              return FALSE;
            }
          if (wav->channels == 0 || wav->channels > 32 || wav->sample_rate < 1000 ||
              wav->sample_rate > 768000)
            {
              g_set_error (error, VITRINE_WAV_ERROR, 0, "implausible WAV: %u channels at %u Hz",
                           wav->channels, wav->sample_rate);
              return FALSE;
            }
          wav->data = chunk + 8;
          wav->n_frames = MIN ((gsize) length, available) / (2 * (gsize) wav->channels);
          return TRUE;
        }

      /* Chunks are padded to an even length. */
      if ((gsize) length + (length & 1) > available)
        break;
      offset += 8 + (gsize) length + (length & 1);
    }

  g_set_error_literal (error, VITRINE_WAV_ERROR, 0,
                       have_format ? "WAV file has no data chunk" : "WAV file has no format chunk");
  return FALSE;
}

/* @n_frames interleaved frames from @first_frame, as floats in [-1, 1). */
void
vitrine_wav_read_float (const VitrineWav *wav,
                        gsize             first_frame,
                        gsize             n_frames,
                        float            *out)
{
  const guint8 *p = wav->data + first_frame * 2 * wav->channels;

  for (gsize i = 0; i < n_frames * wav->channels; i++)
    out[i] = (gint16) le16 (p + 2 * i) / 32768.0f;
}

/*
 * The inverse of vitrine_wav_parse(): a 16-bit PCM RIFF/WAVE file of @n_frames frames of
 * @channels interleaved @samples at @sample_rate, as bytes to write out.
 */
GBytes *
vitrine_wav_encode (const gint16 *samples,
                    gsize         n_frames,
                    guint         channels,
                    guint         sample_rate)
{
  guint32 data_size = (guint32) (n_frames * channels * 2);
  guint8 *out = g_malloc (44 + (gsize) data_size);
  guint8 *p = out;

#define PUT(bytes, n) (memcpy (p, (bytes), (n)), p += (n))
#define PUT16(v) (p[0] = (guint8) ((v) & 0xff), p[1] = (guint8) (((v) >> 8) & 0xff), p += 2)
#define PUT32(v) (PUT16 ((v) & 0xffff), PUT16 (((guint32) (v)) >> 16))
  PUT ("RIFF", 4);
  PUT32 (36 + data_size);
  PUT ("WAVEfmt ", 8);
  PUT32 (16);
  PUT16 (1);                         /* PCM */
  PUT16 (channels);
  PUT32 (sample_rate);
  PUT32 (sample_rate * channels * 2);
  PUT16 (channels * 2);
  PUT16 (16);
  PUT ("data", 4);
  PUT32 (data_size);
  for (gsize i = 0; i < n_frames * channels; i++)
    PUT16 ((guint16) samples[i]);
#undef PUT32
#undef PUT16
#undef PUT

  return g_bytes_new_take (out, 44 + (gsize) data_size);
}
