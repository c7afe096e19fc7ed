/* vitrine-tempo-map.h: musical position (beats, bars) to time (seconds) and back, for
 * constant, stepped and ramped tempo, exactly as docs/tempo-map.md states it. Ramps are
 * tempo linear in beats (Ardour's model), so both directions are closed forms; each
 * segment caches where it starts in beats and in seconds, so a lookup is a binary search
 * (or a cursor hit) plus one closed form.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_TEMPO_MAP_ERROR (vitrine_tempo_map_error_quark ())

/* Tempo bounds a map accepts; the tracker's range (60 to 200 BPM) is well inside. */
#define VITRINE_TEMPO_MAP_MAX_BPM        10000.0
/* Seconds-segments that start within this of the previous end join it exactly. */
#define VITRINE_TEMPO_MAP_JOIN_TOLERANCE 1e-6
#define VITRINE_TEMPO_MAP_MAX_SEGMENTS   (1u << 24)

typedef enum
{
  VITRINE_TEMPO_MAP_ERROR_EMPTY,         /* no segment of positive length */
  VITRINE_TEMPO_MAP_ERROR_INVALID,       /* NaN, infinite, negative or out-of-range value */
  VITRINE_TEMPO_MAP_ERROR_NOT_MONOTONIC, /* a segment ends before it starts, or overlaps */
  VITRINE_TEMPO_MAP_ERROR_ZERO_RAMP,     /* a ramp from or to 0 BPM (takes forever) */
  VITRINE_TEMPO_MAP_ERROR_TOO_LARGE,
} VitrineTempoMapError;

typedef enum
{
  VITRINE_TEMPO_SEGMENT_CONSTANT,        /* start_bpm throughout; end_bpm is ignored */
  VITRINE_TEMPO_SEGMENT_RAMP,            /* start_bpm to end_bpm, linear in beats */
} VitrineTempoSegmentKind;

/* A segment as the beat tracker gives it (absolute seconds). A constant segment of 0 BPM
 * is a pause: time passes, beats do not. */
typedef struct
{
  double                  start_s;
  double                  end_s;
  double                  start_bpm;
  double                  end_bpm;
  VitrineTempoSegmentKind kind;
} VitrineTempoSegmentSeconds;

/* A segment in beats (absolute beat positions). Tempo must be positive. */
typedef struct
{
  double                  start_beat;
  double                  end_beat;
  double                  start_bpm;
  double                  end_bpm;
  VitrineTempoSegmentKind kind;
} VitrineTempoSegmentBeats;

/* A lookup hint: the segment the last lookup landed in. Sequential or nearby lookups
 * through a cursor cost one or two probes (a probe is one comparison against a segment
 * bound), whatever the map's size; @probes counts them so tests can check the work.
 * Start from VITRINE_TEMPO_CURSOR_INIT; a cursor is only ever a hint, never changes a
 * result. */
typedef struct
{
  gsize   segment;
  guint64 probes;
} VitrineTempoCursor;

#define VITRINE_TEMPO_CURSOR_INIT { 0, 0 }

typedef struct _VitrineTempoMap VitrineTempoMap;

GQuark           vitrine_tempo_map_error_quark        (void);

/* Building. A new map is empty; append segments, one after another, in beats or in
 * seconds (mixing is fine). Beat 0 is where the first segment starts unless
 * set_origin() renumbers. Appending is for the owner before it shares the map; lookups
 * never change it, so a shared map may be read from any thread (ref/unref are atomic). */
VitrineTempoMap *vitrine_tempo_map_new                (double                            start_s);
VitrineTempoMap *vitrine_tempo_map_new_from_seconds   (const VitrineTempoSegmentSeconds *segments,
                                                       gsize                             n_segments,
                                                       GError                          **error);
VitrineTempoMap *vitrine_tempo_map_new_from_beats     (const VitrineTempoSegmentBeats   *segments,
                                                       gsize                             n_segments,
                                                       double                            start_s,
                                                       GError                          **error);
VitrineTempoMap *vitrine_tempo_map_ref                (VitrineTempoMap                  *self);
void             vitrine_tempo_map_unref              (VitrineTempoMap                  *self);
VitrineTempoMap *vitrine_tempo_map_copy               (const VitrineTempoMap            *self);

gboolean         vitrine_tempo_map_append_beats       (VitrineTempoMap                  *self,
                                                       VitrineTempoSegmentKind           kind,
                                                       double                            n_beats,
                                                       double                            start_bpm,
                                                       double                            end_bpm,
                                                       GError                          **error);
gboolean         vitrine_tempo_map_append_seconds     (VitrineTempoMap                  *self,
                                                       VitrineTempoSegmentKind           kind,
                                                       double                            duration_s,
                                                       double                            start_bpm,
                                                       double                            end_bpm,
                                                       GError                          **error);
/* Renumbers every beat so that @time_s falls on @beat (e.g. the first tracked beat on 0). */
void             vitrine_tempo_map_set_origin         (VitrineTempoMap                  *self,
                                                       double                            time_s,
                                                       double                            beat);
/* Bars: @beats_per_bar (1 to 64; 4 by default) and a beat position that is a downbeat
 * (0 by default); downbeats are @downbeat + k·@bpb (beats per bar) for every integer k. */
void             vitrine_tempo_map_set_meter          (VitrineTempoMap                  *self,
                                                       guint                             bpb,
                                                       double                            downbeat);

/* Inspection. */
gsize            vitrine_tempo_map_get_n_segments     (const VitrineTempoMap            *self);
void             vitrine_tempo_map_get_segment        (const VitrineTempoMap            *self,
                                                       gsize                             index,
                                                       VitrineTempoSegmentSeconds       *seconds,
                                                       VitrineTempoSegmentBeats         *beats);
guint            vitrine_tempo_map_get_beats_per_bar  (const VitrineTempoMap            *self);
double           vitrine_tempo_map_get_downbeat_beat  (const VitrineTempoMap            *self);
double           vitrine_tempo_map_get_start_s        (const VitrineTempoMap            *self);
double           vitrine_tempo_map_get_end_s          (const VitrineTempoMap            *self);

/* Mapping. Before the first segment and after the last, tempo stays at the boundary's
 * tempo. Forward at a pause gives the pause's end; a beat a pause at the map's edge never
 * reaches gives ±INFINITY. Inverse inside a pause gives the pause's beat. Exact to
 * docs/tempo-map.md's tolerance (forward ∘ inverse within 1e-9 s). */
double           vitrine_tempo_map_time_at_beat       (const VitrineTempoMap            *self,
                                                       double                            beat);
double           vitrine_tempo_map_beat_at_time       (const VitrineTempoMap            *self,
                                                       double                            time_s);
double           vitrine_tempo_map_time_at_beat_cursor (const VitrineTempoMap           *self,
                                                        double                           beat,
                                                        VitrineTempoCursor              *cursor);
double           vitrine_tempo_map_beat_at_time_cursor (const VitrineTempoMap           *self,
                                                        double                           time_s,
                                                        VitrineTempoCursor              *cursor);
/* Batch: out[i] is bit for bit what the scalar call gives for in[i]; in may alias out. */
void             vitrine_tempo_map_times_at_beats     (const VitrineTempoMap            *self,
                                                       const double                     *beats,
                                                       double                           *times_s,
                                                       gsize                             n);
void             vitrine_tempo_map_beats_at_times     (const VitrineTempoMap            *self,
                                                       const double                     *times_s,
                                                       double                           *beats,
                                                       gsize                             n);
double           vitrine_tempo_map_bpm_at_beat        (const VitrineTempoMap            *self,
                                                       double                            beat);
double           vitrine_tempo_map_bpm_at_time        (const VitrineTempoMap            *self,
                                                       double                            time_s);

/* Bars. A bar position is (beat - downbeat_beat) / beats_per_bar: whole numbers are
 * downbeats, floor() is the bar number. */
double           vitrine_tempo_map_bar_at_beat        (const VitrineTempoMap            *self,
                                                       double                            beat);
double           vitrine_tempo_map_beat_at_bar        (const VitrineTempoMap            *self,
                                                       double                            bar);
/* The first downbeat at or after @beat (the beat itself when it is a downbeat). */
double           vitrine_tempo_map_next_downbeat      (const VitrineTempoMap            *self,
                                                       double                            beat);
/* The time of the first downbeat at or after @time_s, and its beat in @beat if not NULL. */
double           vitrine_tempo_map_next_downbeat_time (const VitrineTempoMap            *self,
                                                       double                            time_s,
                                                       double                           *beat);
/* The time of the downbeat nearest to @time_s (in time; the later one on a tie), e.g.
 * to round a slide interval to whole bars; its beat in @beat if not NULL. */
double           vitrine_tempo_map_nearest_downbeat_time (const VitrineTempoMap         *self,
                                                          double                         time_s,
                                                          double                        *beat);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineTempoMap, vitrine_tempo_map_unref)

G_END_DECLS
