/* vitrine-beat-map.h: a tempo map of constant and ramped segments, fitted causally to
 * the beats a tracker emits (docs/ARCHITECTURE.md §6, "Beats"). Each segment is a least
 * squares fit of beat time against beat number: a line is a constant tempo, a parabola
 * a ramp (the period linear in beats); a beat the segment cannot explain twice in a row,
 * or a gap, starts the next segment, so a step is two constant segments.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VITRINE_TEMPO_CONSTANT,
  VITRINE_TEMPO_RAMP,
} VitrineTempoKind;

typedef struct
{
  double           start_s;
  double           end_s;
  double           start_bpm;
  double           end_bpm;
  VitrineTempoKind kind;
  guint            beats;       /* how many beats the segment was fitted to */
} VitrineTempoSegment;

typedef struct
{
  GArray *closed;               /* of VitrineTempoSegment */
  GArray *open;                 /* of double: the beat times of the segment being fitted */
  guint   misses;               /* consecutive beats the open segment did not explain */
} VitrineBeatMap;

void     vitrine_beat_map_init     (VitrineBeatMap      *self);
void     vitrine_beat_map_clear    (VitrineBeatMap      *self);
void     vitrine_beat_map_add      (VitrineBeatMap      *self,
                                    double               beat_time);
GArray  *vitrine_beat_map_segments (const VitrineBeatMap *self);
gboolean vitrine_beat_map_fit      (const double        *times,
                                    guint                n,
                                    gboolean             ramp,
                                    double              *coefficients);
const char *vitrine_tempo_kind_to_string (VitrineTempoKind kind);

G_END_DECLS
