/* vitrine-beat-map.c: the tempo map fitted to a tracker's beats. Beat n of a segment is
 * at t(n) = c0 + c1·n + c2·n² (c2 = 0 for a constant tempo), so the period at beat n is
 * c1 + 2·c2·n and the tempo 60 / period.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-beat-map.h"

/* A beat further than this from the fit's prediction is a miss (seconds, or periods). */
#define MISS_S          0.035
#define MISS_PERIODS    0.08
/* A ramp needs this many beats and this much change of tempo over the segment. */
#define RAMP_MIN_BEATS  8
#define RAMP_MIN_CHANGE 0.03
/* Consecutive closed segments closer than this in tempo merge. */
#define MERGE_CHANGE    0.025

void
vitrine_beat_map_init (VitrineBeatMap *self)
{
  self->closed = g_array_new (FALSE, FALSE, sizeof (VitrineTempoSegment));
  self->open = g_array_new (FALSE, FALSE, sizeof (double));
  self->misses = 0;
}

void
vitrine_beat_map_clear (VitrineBeatMap *self)
{
  g_clear_pointer (&self->closed, g_array_unref);
  g_clear_pointer (&self->open, g_array_unref);
}

const char *
vitrine_tempo_kind_to_string (VitrineTempoKind kind)
{
  return kind == VITRINE_TEMPO_RAMP ? "ramp" : "constant";
}

/*
 * Least squares of times[n] against n = 0 … count - 1, a line or (@ramp) a parabola,
 * into coefficients[0..2]. Solved on a centred index for conditioning.
 */
gboolean
vitrine_beat_map_fit (const double *times,
                      guint         count,
                      gboolean      ramp,
                      double       *coefficients)
{
  double mid = (count - 1) / 2.0, s2 = 0, s4 = 0, sy = 0, sxy = 0, sx2y = 0;
  double a, b, c = 0, det;

  if (count < 2 || (ramp && count < 3))
    return FALSE;
  /* The centred indices are symmetric about zero: Σx = Σx³ = 0. */
  for (guint n = 0; n < count; n++)
    {
      double x = n - mid, y = times[n];

      s2 += x * x;
      s4 += x * x * x * x;
      sy += y;
      sxy += x * y;
      sx2y += x * x * y;
    }
  b = sxy / s2;
  a = sy / count;
  if (ramp)
    {
      det = count * s4 - s2 * s2;
      if (fabs (det) < 1e-12)
        return FALSE;
      a = (sy * s4 - s2 * sx2y) / det;
      c = (count * sx2y - s2 * sy) / det;
    }
  /* Back from the centred index x = n - mid to n. */
  coefficients[0] = a - b * mid + c * mid * mid;
  coefficients[1] = b - 2 * c * mid;
  coefficients[2] = c;
  return TRUE;
}

/* The open segment's beats as a segment: a ramp only when the parabola earns it. */
static gboolean
segment_from_beats (const double        *times,
                    guint                count,
                    VitrineTempoSegment *segment)
{
  double line[3], curve[3], last = count - 1.0, p0, p1;

  if (!vitrine_beat_map_fit (times, count, FALSE, line))
    return FALSE;
  *segment = (VitrineTempoSegment) {
    .start_s = times[0], .end_s = times[count - 1], .kind = VITRINE_TEMPO_CONSTANT,
    .start_bpm = 60.0 / line[1], .end_bpm = 60.0 / line[1], .beats = count,
  };
  if (count >= RAMP_MIN_BEATS && vitrine_beat_map_fit (times, count, TRUE, curve))
    {
      p0 = curve[1];
      p1 = curve[1] + 2 * curve[2] * last;
      if (p0 > 0 && p1 > 0 && fabs (p1 - p0) / line[1] > RAMP_MIN_CHANGE)
        {
          segment->kind = VITRINE_TEMPO_RAMP;
          segment->start_bpm = 60.0 / p0;
          segment->end_bpm = 60.0 / p1;
        }
    }
  return TRUE;
}

static gboolean
similar (const VitrineTempoSegment *a,
         const VitrineTempoSegment *b)
{
  return a->kind == VITRINE_TEMPO_CONSTANT && b->kind == VITRINE_TEMPO_CONSTANT &&
         fabs (a->end_bpm - b->start_bpm) / a->end_bpm < MERGE_CHANGE &&
         b->start_s - a->end_s < 2.5 * 60.0 / a->end_bpm;
}

/* Closes the open segment up to (not including) beat @keep_from, which starts the next. */
static void
close_open (VitrineBeatMap *self,
            guint           keep_from)
{
  VitrineTempoSegment segment;
  const double *times = (const double *) (void *) self->open->data;

  if (keep_from >= 2 && segment_from_beats (times, keep_from, &segment))
    {
      VitrineTempoSegment *previous = self->closed->len > 0 ?
        &g_array_index (self->closed, VitrineTempoSegment, self->closed->len - 1) : NULL;

      if (previous != NULL && similar (previous, &segment))
        {
          double beats = previous->beats + segment.beats;
          double bpm = (previous->start_bpm * previous->beats + segment.start_bpm * segment.beats) / beats;

          previous->end_s = segment.end_s;
          previous->start_bpm = previous->end_bpm = bpm;
          previous->beats += segment.beats;
        }
      else
        g_array_append_val (self->closed, segment);
    }
  g_array_remove_range (self->open, 0, MIN (keep_from, self->open->len));
  self->misses = 0;
}

void
vitrine_beat_map_add (VitrineBeatMap *self,
                      double          beat_time)
{
  guint n = self->open->len;
  const double *times = (const double *) (void *) self->open->data;
  double fit[3], period, predicted;

  if (n >= 2)
    {
      period = (times[n - 1] - times[0]) / (n - 1);
      /* A gap of more than two periods ends the segment at its last beat. */
      if (beat_time - times[n - 1] > 2.2 * period)
        close_open (self, n);
    }

  n = self->open->len;
  times = (const double *) (void *) self->open->data;
  if (n >= 4 && vitrine_beat_map_fit (times + MAX ((int) n - 8, 0), MIN (n, 8), n >= 6, fit))
    {
      double x = MIN (n, 8);

      predicted = fit[0] + fit[1] * x + fit[2] * x * x;
      period = fit[1] + 2 * fit[2] * x;
      if (fabs (beat_time - predicted) > MAX (MISS_S, MISS_PERIODS * period))
        self->misses++;
      else
        self->misses = 0;
      /* Two misses in a row: the segment ended at the beat before the first miss. */
      if (self->misses >= 2)
        close_open (self, n - 1);
    }
  g_array_append_val (self->open, beat_time);
}

/* The closed segments and the open one, as a new array the caller owns. */
GArray *
vitrine_beat_map_segments (const VitrineBeatMap *self)
{
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (VitrineTempoSegment));
  VitrineTempoSegment open;

  g_array_append_vals (segments, self->closed->data, self->closed->len);
  if (segment_from_beats ((const double *) (void *) self->open->data, self->open->len, &open))
    {
      VitrineTempoSegment *last = segments->len > 0 ?
        &g_array_index (segments, VitrineTempoSegment, segments->len - 1) : NULL;

      if (last != NULL && similar (last, &open))
        {
          last->end_s = open.end_s;
          last->beats += open.beats;
        }
      else
        g_array_append_val (segments, open);
    }
  return segments;
}
