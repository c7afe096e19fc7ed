/* vitrine-audio-features.h: the audio feature descriptors and their calculators
 * (docs/ARCHITECTURE.md §6, "Features"). A descriptor names one feature as the cache
 * stores it: an id (`rms`, `onset`, `spectrum.bars15`, `beat`), the duration of one
 * frame, the sample rate it was computed at and its channel count. The calculator turns
 * blocks of interleaved float samples of any size into frames of RMS and spectral-flux
 * onset strength on a hop measured in seconds; pure, with every time passed in.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The default hop: 512 samples at 48 kHz. */
#define VITRINE_FEATURE_HOP_S (512.0 / 48000.0)
/* The onset strength's log-spaced bands, and how many of them count as "low". */
#define VITRINE_FEATURE_ONSET_BANDS 40
#define VITRINE_FEATURE_LOW_BANDS   8

typedef enum
{
  VITRINE_FEATURE_RMS,
  VITRINE_FEATURE_ONSET,
  VITRINE_FEATURE_BARS,
  VITRINE_FEATURE_BEAT,
  VITRINE_FEATURE_N_KINDS
} VitrineFeatureKind;

/* One bit per VitrineFeatureKind: what a consumer asks for. */
typedef guint VitrineFeatureMask;
#define VITRINE_FEATURE_BIT(kind) (1u << (kind))

typedef struct
{
  char               id[24];
  VitrineFeatureKind kind;
  double             frame_s;      /* seconds per frame */
  guint              sample_rate;  /* of the samples it was computed from */
  guint              channels;     /* values per frame */
} VitrineFeatureDescriptor;

gboolean vitrine_feature_descriptor_lookup (const char               *id,
                                            guint                     sample_rate,
                                            VitrineFeatureDescriptor *descriptor);
gboolean vitrine_feature_mask_parse        (const char               *list,
                                            VitrineFeatureMask       *mask,
                                            guint                    *bars,
                                            GError                  **error);
guint    vitrine_feature_hop_samples       (guint                     sample_rate);

/* One hop's features. */
typedef struct
{
  double time;        /* seconds: the centre of the analysed window */
  float  rms;         /* of the hop's mono mix */
  float  onset;       /* spectral flux: log-compressed, half-wave rectified, summed */
  float  onset_low;   /* the same over the low bands (kick drums) */
  float  beat;        /* the beat activation, when a tracker saw the frame (else 0) */
} VitrineFeatureFrame;

typedef struct
{
  guint    sample_rate;
  guint    hop;                 /* samples per frame */
  guint    window;              /* samples per analysed window: 2 × hop */
  float   *mono;                /* the latest window samples, a ring */
  guint    head;                /* where the next sample goes: the oldest one */
  guint    filled;              /* of mono, in samples */
  guint    pending;             /* samples since the last frame */
  guint64  consumed;            /* samples seen since the start */
  float   *hann;
  float   *fft_in;
  gpointer fft_out;
  gpointer fft;
  int      band_edges[VITRINE_FEATURE_ONSET_BANDS + 1];
  float    previous[VITRINE_FEATURE_ONSET_BANDS];
  gboolean have_previous;
  double   hop_sum_sq;
} VitrineFeatures;

void     vitrine_features_init   (VitrineFeatures      *self,
                                  guint                 sample_rate);
void     vitrine_features_clear  (VitrineFeatures      *self);
guint    vitrine_features_push   (VitrineFeatures      *self,
                                  const float          *samples,
                                  gsize                 n_frames,
                                  guint                 channels,
                                  double                start_time,
                                  VitrineFeatureFrame  *out,
                                  guint                 max_out);

G_END_DECLS
