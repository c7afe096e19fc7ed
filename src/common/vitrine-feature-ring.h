/* vitrine-feature-ring.h: the real-time master cache of audio features in shared memory
 * (docs/ARCHITECTURE.md §2 and §6), beside the audio ring and locked the same way.
 *
 * One writer (the audio worker), one reader (the display). Frames are indexed by absolute
 * time: frame n is n hops after capture started, at time n · frame_s (the window's
 * centre) on the stream's clock, and lives in slot n mod capacity, under its own sequence
 * lock, with its index inside so a reader never mistakes an overwritten slot for the one
 * it wanted. The header's state block (track, statistics, the tracker's tempo and beat
 * prediction, the stream clock's offset to the monotonic clock) has a sequence lock of its
 * own. Readers never wait: a slot or state being written is skipped or retried a few
 * times, then the caller keeps what it had. Everything read is checked and clamped.
 *
 * A multi-channel descriptor (the spectrum bars, "spectrum.barsN") has a section of its
 * own after the hop slots: bars_capacity slots of bars_channels floats, one frame every
 * bars_frame_s, frame n at time (n + 1) · bars_frame_s, with the same locking. The
 * header names where it is; the reader checks every field of it against the mapping once
 * and keeps what it checked.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_FEATURE_RING_MAGIC   0x31524656u  /* "VFR1" */
#define VITRINE_FEATURE_RING_VERSION 2
#define VITRINE_FEATURE_RING_MAX_FRAMES (3600u * 100u)
#define VITRINE_FEATURE_TRACK_ID     128
#define VITRINE_FEATURE_RING_MAX_CHANNELS 64u

/* The values a frame carries, in this order; a statistic per value. */
enum
{
  VITRINE_FEATURE_VALUE_RMS,
  VITRINE_FEATURE_VALUE_ONSET,
  VITRINE_FEATURE_VALUE_BEAT,
  VITRINE_FEATURE_N_VALUES
};

/* Frame flags. */
#define VITRINE_FEATURE_FRAME_BEAT     (1u << 0)  /* a beat was emitted with this frame */
#define VITRINE_FEATURE_FRAME_DOWNBEAT (1u << 1)

typedef struct
{
  guint64 index;        /* absolute frame number */
  double  time;         /* seconds since capture start: the window's centre */
  float   values[VITRINE_FEATURE_N_VALUES];
  guint32 flags;
  guint32 track;        /* the track counter when it was computed */
  double  beat_time;    /* with VITRINE_FEATURE_FRAME_BEAT: the beat's own time */
  float   beat_confidence;
  float   bpm;
} VitrineFeatureRingFrame;

typedef struct
{
  guint32 sequence;     /* even: stable; odd: being written */
  guint32 padding;
  VitrineFeatureRingFrame frame;
} VitrineFeatureRingSlot;

/* A frame of the multi-channel section: values[channels] follow (bars_slot_size in all). */
typedef struct
{
  guint32 sequence;     /* even: stable; odd: being written */
  guint32 track;        /* the track counter when it was computed */
  guint64 index;        /* absolute frame number of the section */
  double  time;         /* seconds since capture start: the window's centre */
  float   values[];
} VitrineFeatureBarsSlot;

typedef struct
{
  double  min, max, mean, variance;
  guint64 count;
} VitrineFeatureStats;

typedef struct
{
  guint32 mask;                 /* VitrineFeatureMask: what is computed */
  guint32 track;                /* counter, one more for each new track */
  char    track_id[VITRINE_FEATURE_TRACK_ID];  /* mpris:trackid, else xesam:url, else "" */
  double  track_start;          /* stream seconds */
  double  clock_offset;         /* monotonic seconds − stream seconds, at the newest block */
  double  bpm;                  /* the tracker's tempo, 0 without one */
  double  confidence;
  double  next_beat;            /* stream seconds of the predicted next beat, 0 without one */
  double  last_beat;
  double  last_downbeat;
  double  beat_period;          /* seconds */
  VitrineFeatureStats stats[VITRINE_FEATURE_N_VALUES];  /* over the current track */
} VitrineFeatureState;

typedef struct
{
  guint32 magic;
  guint32 version;
  guint32 capacity;             /* slots */
  guint32 slot_size;
  double  frame_s;
  guint32 sample_rate;
  guint32 state_sequence;
  guint64 written;              /* frames published: the newest is written − 1 */
  guint32 bars_channels;        /* values per multi-channel frame; 0: no such section */
  guint32 bars_capacity;        /* its slots */
  guint32 bars_slot_size;       /* bytes: vitrine_feature_ring_bars_slot_size (channels) */
  guint32 bars_padding;
  guint64 bars_offset;          /* bytes from the ring's start to its first slot */
  double  bars_frame_s;
  guint64 bars_written;
  VitrineFeatureState state;
  VitrineFeatureRingSlot slots[];
} VitrineFeatureRing;

/* What a reader checked once: the writer may rewrite the header, the reader keeps these. */
typedef struct
{
  const VitrineFeatureRing *ring;
  guint32                   capacity;
  double                    frame_s;
  guint32                   sample_rate;
  guint32                   bars_channels;   /* 0: the ring has no bars */
  guint32                   bars_capacity;
  guint32                   bars_slot_size;
  gsize                     bars_offset;
  double                    bars_frame_s;
} VitrineFeatureRingView;

/* What vitrine_feature_ring_read_bars_recent() filled in. */
typedef struct
{
  guint64 first_index;          /* of values[0] */
  guint   n_frames;             /* consecutive frames, missing ones as NaN */
  guint   channels;
  double  start_s;              /* time of values[0] */
  double  frame_s;
} VitrineFeatureBarsSpan;

#define VITRINE_FEATURE_RING_ERROR (vitrine_feature_ring_error_quark ())

GQuark   vitrine_feature_ring_error_quark (void);
gsize    vitrine_feature_ring_size         (guint32                        capacity);
gsize    vitrine_feature_ring_bars_slot_size (guint32                      channels);
gsize    vitrine_feature_ring_size_with_bars (guint32                      capacity,
                                              guint32                      bars_capacity,
                                              guint32                      bars_channels);
gsize    vitrine_feature_ring_max_size     (void);
void     vitrine_feature_ring_init         (VitrineFeatureRing            *ring,
                                            guint32                        capacity,
                                            double                         frame_s,
                                            guint32                        sample_rate);
void     vitrine_feature_ring_init_bars    (VitrineFeatureRing            *ring,
                                            guint32                        bars_capacity,
                                            guint32                        bars_channels,
                                            double                         bars_frame_s);
void     vitrine_feature_ring_publish      (VitrineFeatureRing            *ring,
                                            const VitrineFeatureRingFrame *frame);
void     vitrine_feature_ring_publish_bars (VitrineFeatureRing            *ring,
                                            guint64                        index,
                                            double                         time,
                                            guint32                        track,
                                            const float                   *values);
void     vitrine_feature_ring_set_state    (VitrineFeatureRing            *ring,
                                            const VitrineFeatureState     *state);
gboolean vitrine_feature_ring_check        (const void                    *data,
                                            gsize                          size,
                                            VitrineFeatureRingView        *view,
                                            GError                       **error);
gboolean vitrine_feature_ring_read_state   (const VitrineFeatureRingView  *view,
                                            VitrineFeatureState           *state);
guint64  vitrine_feature_ring_written      (const VitrineFeatureRingView  *view);
gboolean vitrine_feature_ring_read_frame   (const VitrineFeatureRingView  *view,
                                            guint64                        index,
                                            VitrineFeatureRingFrame       *frame);
guint    vitrine_feature_ring_read_recent  (const VitrineFeatureRingView  *view,
                                            double                         seconds,
                                            VitrineFeatureRingFrame       *frames,
                                            guint                          max_frames);
guint64  vitrine_feature_ring_bars_written (const VitrineFeatureRingView  *view);
gboolean vitrine_feature_ring_read_bars    (const VitrineFeatureRingView  *view,
                                            guint64                        index,
                                            double                        *time,
                                            guint32                       *track,
                                            float                         *values);
guint    vitrine_feature_ring_read_bars_recent (const VitrineFeatureRingView *view,
                                                double                      seconds,
                                                guint32                     track,
                                                float                      *values,
                                                guint                       max_frames,
                                                VitrineFeatureBarsSpan     *span);

G_END_DECLS
