/* vitrine-tempo-map.c: docs/tempo-map.md. Each segment keeps where it starts and ends in
 * beats and in seconds, so a lookup is "find the segment" (cursor or binary search) and
 * one closed form of §2; nothing is ever integrated numerically.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-tempo-map.h"

G_DEFINE_QUARK (vitrine-tempo-map-error-quark, vitrine_tempo_map_error)

typedef struct
{
  double b0, t0;     /* start, in beats and seconds */
  double b1, t1;     /* end (cached; the next segment starts exactly here) */
  double bpm0, bpm1;
  double k;          /* tempo slope in BPM per beat; 0 for constant tempo and pauses */
} Segment;

struct _VitrineTempoMap
{
  Segment *segments;
  gsize    n_segments;
  gsize    allocated;

  /* Where the next appended segment starts, and the tempo a gap is filled with. */
  double   end_beat;
  double   end_s;
  double   end_bpm;

  guint    beats_per_bar;
  double   downbeat_beat;
};

static VitrineTempoMap *
map_alloc (void)
{
  VitrineTempoMap *self = g_atomic_rc_box_new0 (VitrineTempoMap);

  self->beats_per_bar = 4;
  return self;
}

VitrineTempoMap *
vitrine_tempo_map_new (double start_s)
{
  VitrineTempoMap *self = map_alloc ();

  self->end_s = isfinite (start_s) ? start_s : 0.0;
  return self;
}

VitrineTempoMap *
vitrine_tempo_map_ref (VitrineTempoMap *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
map_clear (gpointer data)
{
  VitrineTempoMap *self = data;

  g_free (self->segments);
}

void
vitrine_tempo_map_unref (VitrineTempoMap *self)
{
  g_atomic_rc_box_release_full (self, map_clear);
}

VitrineTempoMap *
vitrine_tempo_map_copy (const VitrineTempoMap *self)
{
  VitrineTempoMap *copy = map_alloc ();
  Segment *segments = g_memdup2 (self->segments, self->n_segments * sizeof (Segment));

  *copy = *self;
  copy->segments = segments;
  copy->allocated = self->n_segments;
  return copy;
}

/* §2: seconds from the segment's start to @x beats into it. */
static inline double
segment_seconds (const Segment *s,
                 double         x)
{
  if (s->k == 0.0)
    return 60.0 * x / s->bpm0;
  return (60.0 / s->k) * log1p (s->k * x / s->bpm0);
}

/* §2: beats from the segment's start to @tau seconds into it. */
static inline double
segment_beats (const Segment *s,
               double         tau)
{
  if (s->k == 0.0)
    return tau * s->bpm0 / 60.0;
  return (s->bpm0 / s->k) * expm1 (s->k * tau / 60.0);
}

static gboolean
push_segment (VitrineTempoMap  *self,
              Segment          *s,
              GError          **error)
{
  if (self->n_segments >= VITRINE_TEMPO_MAP_MAX_SEGMENTS)
    {
      g_set_error (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_TOO_LARGE,
                   "a tempo map holds at most %u segments", VITRINE_TEMPO_MAP_MAX_SEGMENTS);
      return FALSE;
    }
  if (self->n_segments == self->allocated)
    {
      self->allocated = MAX (16, self->allocated * 2);
      self->segments = g_renew (Segment, self->segments, self->allocated);
    }

  self->segments[self->n_segments++] = *s;
  self->end_beat = s->b1;
  self->end_s = s->t1;
  self->end_bpm = s->bpm1;
  return TRUE;
}

static gboolean
check_tempo (double                    bpm,
             VitrineTempoSegmentKind   kind,
             gboolean                  allow_zero,
             GError                  **error)
{
  if (kind != VITRINE_TEMPO_SEGMENT_CONSTANT && kind != VITRINE_TEMPO_SEGMENT_RAMP)
    {
      g_set_error (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_INVALID,
                   "unknown tempo segment kind %d", (int) kind);
      return FALSE;
    }
  if (!isfinite (bpm) || bpm < 0.0 || bpm > VITRINE_TEMPO_MAP_MAX_BPM)
    {
      g_set_error (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_INVALID,
                   "tempo %g BPM is outside 0 to %g", bpm, VITRINE_TEMPO_MAP_MAX_BPM);
      return FALSE;
    }
  if (bpm == 0.0 && kind == VITRINE_TEMPO_SEGMENT_RAMP)
    {
      g_set_error_literal (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_ZERO_RAMP,
                           "a tempo ramp cannot start or end at 0 BPM: with tempo linear "
                           "in beats it would never get there");
      return FALSE;
    }
  if (bpm == 0.0 && !allow_zero)
    {
      g_set_error_literal (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_INVALID,
                           "a segment measured in beats needs a tempo above 0 BPM "
                           "(a pause is measured in seconds)");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_length (double       length,
              const char  *unit,
              GError     **error)
{
  if (!isfinite (length) || length < 0.0)
    {
      g_set_error (error, VITRINE_TEMPO_MAP_ERROR,
                   isfinite (length) ? VITRINE_TEMPO_MAP_ERROR_NOT_MONOTONIC
                                     : VITRINE_TEMPO_MAP_ERROR_INVALID,
                   "a tempo segment of %g %s: it must be finite and not negative",
                   length, unit);
      return FALSE;
    }
  return TRUE;
}

gboolean
vitrine_tempo_map_append_beats (VitrineTempoMap          *self,
                                VitrineTempoSegmentKind   kind,
                                double                    n_beats,
                                double                    start_bpm,
                                double                    end_bpm,
                                GError                  **error)
{
  Segment s = { 0 };

  if (kind == VITRINE_TEMPO_SEGMENT_CONSTANT)
    end_bpm = start_bpm;
  if (!check_length (n_beats, "beats", error) ||
      !check_tempo (start_bpm, kind, FALSE, error) ||
      !check_tempo (end_bpm, kind, FALSE, error))
    return FALSE;
  /* A zero-length segment holds nothing; a step at that point is the next one's tempo. */
  if (n_beats == 0.0)
    return TRUE;

  s.b0 = self->end_beat;
  s.t0 = self->end_s;
  s.bpm0 = start_bpm;
  s.bpm1 = end_bpm;
  s.k = end_bpm == start_bpm ? 0.0 : (end_bpm - start_bpm) / n_beats;
  s.b1 = s.b0 + n_beats;
  s.t1 = s.t0 + segment_seconds (&s, n_beats);
  if (!isfinite (s.t1) || s.t1 <= s.t0)
    {
      g_set_error (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_INVALID,
                   "a tempo segment of %g beats at %g to %g BPM has no representable "
                   "duration", n_beats, start_bpm, end_bpm);
      return FALSE;
    }
  return push_segment (self, &s, error);
}

gboolean
vitrine_tempo_map_append_seconds (VitrineTempoMap          *self,
                                  VitrineTempoSegmentKind   kind,
                                  double                    duration_s,
                                  double                    start_bpm,
                                  double                    end_bpm,
                                  GError                  **error)
{
  Segment s = { 0 };
  double n_beats;

  if (kind == VITRINE_TEMPO_SEGMENT_CONSTANT)
    end_bpm = start_bpm;
  if (!check_length (duration_s, "seconds", error) ||
      !check_tempo (start_bpm, kind, TRUE, error) ||
      !check_tempo (end_bpm, kind, TRUE, error))
    return FALSE;
  if (duration_s == 0.0)
    return TRUE;

  if (end_bpm == start_bpm)
    n_beats = duration_s * start_bpm / 60.0;
  else
    {
      /* §3: the length in beats of a ramp that lasts duration_s. */
      double u = (end_bpm - start_bpm) / start_bpm;

      n_beats = duration_s * start_bpm * u / (60.0 * log1p (u));
    }

  s.b0 = self->end_beat;
  s.t0 = self->end_s;
  s.bpm0 = start_bpm;
  s.bpm1 = end_bpm;
  s.k = end_bpm == start_bpm ? 0.0 : (end_bpm - start_bpm) / n_beats;
  s.b1 = s.b0 + n_beats;
  s.t1 = s.t0 + duration_s;
  if (!isfinite (s.b1) || !isfinite (s.t1) || s.t1 <= s.t0 ||
      (start_bpm > 0.0 && s.b1 <= s.b0))
    {
      g_set_error (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_INVALID,
                   "a tempo segment of %g s at %g to %g BPM has no representable length",
                   duration_s, start_bpm, end_bpm);
      return FALSE;
    }
  return push_segment (self, &s, error);
}

static gboolean
check_finite2 (double       a,
               double       b,
               gsize        index,
               GError     **error)
{
  if (!isfinite (a) || !isfinite (b))
    {
      g_set_error (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_INVALID,
                   "tempo segment %" G_GSIZE_FORMAT " has a bound that is not a finite "
                   "number", index);
      return FALSE;
    }
  if (b < a)
    {
      g_set_error (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_NOT_MONOTONIC,
                   "tempo segment %" G_GSIZE_FORMAT " ends (%g) before it starts (%g)",
                   index, b, a);
      return FALSE;
    }
  return TRUE;
}

/* §4: joins, gaps and overlaps between absolute segments. Returns the length of
 * segment @index from the map's current end, after filling a gap; -1 on an overlap. */
static double
join_segment (VitrineTempoMap  *self,
              double            map_end,
              double            start,
              double            end,
              gsize             index,
              gboolean          in_beats,
              GError          **error)
{
  const char *unit = in_beats ? "beat" : "s";

  if (start < map_end - VITRINE_TEMPO_MAP_JOIN_TOLERANCE)
    {
      g_set_error (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_NOT_MONOTONIC,
                   "tempo segment %" G_GSIZE_FORMAT " starts at %g %s, before the previous "
                   "one ends at %g %s", index, start, unit, map_end, unit);
      return -1.0;
    }
  if (start > map_end + VITRINE_TEMPO_MAP_JOIN_TOLERANCE)
    {
      /* A gap keeps the tempo the previous segment ended with. */
      gboolean ok = in_beats
        ? vitrine_tempo_map_append_beats (self, VITRINE_TEMPO_SEGMENT_CONSTANT,
                                          start - map_end, self->end_bpm, 0, error)
        : vitrine_tempo_map_append_seconds (self, VITRINE_TEMPO_SEGMENT_CONSTANT,
                                            start - map_end, self->end_bpm, 0, error);
      if (!ok)
        return -1.0;
      map_end = in_beats ? self->end_beat : self->end_s;
    }
  return MAX (0.0, end - map_end);
}

VitrineTempoMap *
vitrine_tempo_map_new_from_seconds (const VitrineTempoSegmentSeconds  *segments,
                                    gsize                              n_segments,
                                    GError                           **error)
{
  g_autoptr(VitrineTempoMap) self = NULL;

  if (n_segments > VITRINE_TEMPO_MAP_MAX_SEGMENTS)
    {
      g_set_error (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_TOO_LARGE,
                   "a tempo map holds at most %u segments", VITRINE_TEMPO_MAP_MAX_SEGMENTS);
      return NULL;
    }
  if (n_segments == 0 || !check_finite2 (segments[0].start_s, segments[0].end_s, 0, error))
    goto empty_or_fail;

  self = vitrine_tempo_map_new (segments[0].start_s);
  for (gsize i = 0; i < n_segments; i++)
    {
      const VitrineTempoSegmentSeconds *seg = &segments[i];
      double duration;

      if (!check_finite2 (seg->start_s, seg->end_s, i, error))
        return NULL;
      /* A tempo that would fill a gap before the first real one is the first one's. */
      if (self->n_segments == 0)
        self->end_bpm = seg->start_bpm;
      duration = join_segment (self, self->end_s, seg->start_s, seg->end_s, i, FALSE, error);
      if (duration < 0.0 ||
          !vitrine_tempo_map_append_seconds (self, seg->kind, duration, seg->start_bpm,
                                             seg->end_bpm, error))
        return NULL;
    }

empty_or_fail:
  if (error && *error)
    return NULL;
  if (self == NULL || self->n_segments == 0)
    {
      g_set_error_literal (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_EMPTY,
                           "a tempo map needs at least one segment of positive length");
      return NULL;
    }
  return g_steal_pointer (&self);
}

VitrineTempoMap *
vitrine_tempo_map_new_from_beats (const VitrineTempoSegmentBeats  *segments,
                                  gsize                            n_segments,
                                  double                           start_s,
                                  GError                         **error)
{
  g_autoptr(VitrineTempoMap) self = NULL;

  if (n_segments > VITRINE_TEMPO_MAP_MAX_SEGMENTS)
    {
      g_set_error (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_TOO_LARGE,
                   "a tempo map holds at most %u segments", VITRINE_TEMPO_MAP_MAX_SEGMENTS);
      return NULL;
    }
  if (!isfinite (start_s))
    {
      g_set_error_literal (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_INVALID,
                           "a tempo map's start time must be a finite number");
      return NULL;
    }
  if (n_segments == 0 || !check_finite2 (segments[0].start_beat, segments[0].end_beat, 0, error))
    goto empty_or_fail;

  self = vitrine_tempo_map_new (start_s);
  self->end_beat = segments[0].start_beat;
  for (gsize i = 0; i < n_segments; i++)
    {
      const VitrineTempoSegmentBeats *seg = &segments[i];
      double length;

      if (!check_finite2 (seg->start_beat, seg->end_beat, i, error))
        return NULL;
      if (self->n_segments == 0)
        self->end_bpm = seg->start_bpm;
      length = join_segment (self, self->end_beat, seg->start_beat, seg->end_beat, i, TRUE,
                             error);
      if (length < 0.0 ||
          !vitrine_tempo_map_append_beats (self, seg->kind, length, seg->start_bpm,
                                           seg->end_bpm, error))
        return NULL;
    }

empty_or_fail:
  if (error && *error)
    return NULL;
  if (self == NULL || self->n_segments == 0)
    {
      g_set_error_literal (error, VITRINE_TEMPO_MAP_ERROR, VITRINE_TEMPO_MAP_ERROR_EMPTY,
                           "a tempo map needs at least one segment of positive length");
      return NULL;
    }
  return g_steal_pointer (&self);
}

void
vitrine_tempo_map_set_origin (VitrineTempoMap *self,
                              double           time_s,
                              double           beat)
{
  double delta;

  g_return_if_fail (isfinite (time_s) && isfinite (beat));

  delta = beat - vitrine_tempo_map_beat_at_time (self, time_s);
  if (!isfinite (delta))
    return;
  for (gsize i = 0; i < self->n_segments; i++)
    {
      self->segments[i].b0 += delta;
      self->segments[i].b1 += delta;
    }
  self->end_beat += delta;
}

void
vitrine_tempo_map_set_meter (VitrineTempoMap *self,
                             guint            bpb,
                             double           downbeat)
{
  g_return_if_fail (bpb >= 1 && bpb <= 64);
  g_return_if_fail (isfinite (downbeat));

  self->beats_per_bar = bpb;
  self->downbeat_beat = downbeat;
}

gsize
vitrine_tempo_map_get_n_segments (const VitrineTempoMap *self)
{
  return self->n_segments;
}

void
vitrine_tempo_map_get_segment (const VitrineTempoMap      *self,
                               gsize                       index,
                               VitrineTempoSegmentSeconds *seconds,
                               VitrineTempoSegmentBeats   *beats)
{
  const Segment *s;
  VitrineTempoSegmentKind kind;

  g_return_if_fail (index < self->n_segments);

  s = &self->segments[index];
  kind = s->k == 0.0 ? VITRINE_TEMPO_SEGMENT_CONSTANT : VITRINE_TEMPO_SEGMENT_RAMP;
  if (seconds)
    *seconds = (VitrineTempoSegmentSeconds) { s->t0, s->t1, s->bpm0, s->bpm1, kind };
  if (beats)
    *beats = (VitrineTempoSegmentBeats) { s->b0, s->b1, s->bpm0, s->bpm1, kind };
}

guint
vitrine_tempo_map_get_beats_per_bar (const VitrineTempoMap *self)
{
  return self->beats_per_bar;
}

double
vitrine_tempo_map_get_downbeat_beat (const VitrineTempoMap *self)
{
  return self->downbeat_beat;
}

double
vitrine_tempo_map_get_start_s (const VitrineTempoMap *self)
{
  return self->n_segments > 0 ? self->segments[0].t0 : self->end_s;
}

double
vitrine_tempo_map_get_end_s (const VitrineTempoMap *self)
{
  return self->end_s;
}

/* Finding the segment. Segment i holds beats [b0_i, b0_{i+1}) (the first one extends to
 * -∞ and the last to +∞, for extrapolation), so a pause (b0 = b1) never holds a beat
 * unless it is last. Both searches give the same index: the last segment with
 * b0 ≤ beat, else 0. Every comparison against a segment bound is one probe. */
static inline double
segment_start (const VitrineTempoMap *self,
               gsize                  i,
               gboolean               by_time)
{
  return by_time ? self->segments[i].t0 : self->segments[i].b0;
}

static gsize
locate (const VitrineTempoMap *self,
        double                 x,
        gboolean               by_time,
        VitrineTempoCursor    *cursor)
{
  gsize n = self->n_segments, lo = 0, hi = n;
  guint64 probes = 0;

  if (cursor != NULL)
    {
      gsize s = MIN (cursor->segment, n - 1);

      /* The cursor's segment, then the one after it (lookups walking forward). */
      if (s == 0 || (probes++, segment_start (self, s, by_time) <= x))
        {
          if (s == n - 1 || (probes++, x < segment_start (self, s + 1, by_time)))
            lo = hi = s;
          else if (++s == n - 1 || (probes++, x < segment_start (self, s + 1, by_time)))
            lo = hi = s;
        }
    }

  /* Invariant: start (lo) <= x or lo == 0; x < start (hi) or hi == n. */
  while (hi - lo > 1)
    {
      gsize mid = lo + (hi - lo) / 2;

      probes++;
      if (segment_start (self, mid, by_time) <= x)
        lo = mid;
      else
        hi = mid;
    }

  if (cursor != NULL)
    {
      cursor->segment = lo;
      cursor->probes += probes;
    }
  return lo;
}

#define locate_beat(self, x, cursor) locate ((self), (x), FALSE, (cursor))
#define locate_time(self, x, cursor) locate ((self), (x), TRUE, (cursor))

/* §2 and §4 for segment @i, which locate_beat() picked for @beat. */
static inline double
time_in_segment (const VitrineTempoMap *self,
                 gsize                  i,
                 double                 beat)
{
  const Segment *s = &self->segments[i];

  if (i == 0 && beat < s->b0)
    return s->bpm0 > 0.0 ? s->t0 - 60.0 * (s->b0 - beat) / s->bpm0 : -INFINITY;
  if (i == self->n_segments - 1 && beat >= s->b1)
    {
      if (beat == s->b1)
        return s->t1;
      return s->bpm1 > 0.0 ? s->t1 + 60.0 * (beat - s->b1) / s->bpm1 : INFINITY;
    }
  if (s->bpm0 == 0.0)
    return s->t1;
  /* The closed form may overshoot the cached end by a rounding; time never runs back. */
  return MIN (s->t0 + segment_seconds (s, beat - s->b0), s->t1);
}

static inline double
beat_in_segment (const VitrineTempoMap *self,
                 gsize                  i,
                 double                 time_s)
{
  const Segment *s = &self->segments[i];

  if (i == 0 && time_s < s->t0)
    return s->b0 - (s->t0 - time_s) * s->bpm0 / 60.0;
  if (i == self->n_segments - 1 && time_s >= s->t1)
    return s->b1 + (time_s - s->t1) * s->bpm1 / 60.0;
  if (s->bpm0 == 0.0)
    return s->b0;
  return MIN (s->b0 + segment_beats (s, time_s - s->t0), s->b1);
}

double
vitrine_tempo_map_time_at_beat_cursor (const VitrineTempoMap *self,
                                       double                 beat,
                                       VitrineTempoCursor    *cursor)
{
  if (self->n_segments == 0 || isnan (beat))
    return NAN;
  return time_in_segment (self, locate_beat (self, beat, cursor), beat);
}

double
vitrine_tempo_map_beat_at_time_cursor (const VitrineTempoMap *self,
                                       double                 time_s,
                                       VitrineTempoCursor    *cursor)
{
  if (self->n_segments == 0 || isnan (time_s))
    return NAN;
  return beat_in_segment (self, locate_time (self, time_s, cursor), time_s);
}

double
vitrine_tempo_map_time_at_beat (const VitrineTempoMap *self,
                                double                 beat)
{
  return vitrine_tempo_map_time_at_beat_cursor (self, beat, NULL);
}

double
vitrine_tempo_map_beat_at_time (const VitrineTempoMap *self,
                                double                 time_s)
{
  return vitrine_tempo_map_beat_at_time_cursor (self, time_s, NULL);
}

void
vitrine_tempo_map_times_at_beats (const VitrineTempoMap *self,
                                  const double          *beats,
                                  double                *times_s,
                                  gsize                  n)
{
  VitrineTempoCursor cursor = VITRINE_TEMPO_CURSOR_INIT;

  for (gsize i = 0; i < n; i++)
    times_s[i] = vitrine_tempo_map_time_at_beat_cursor (self, beats[i], &cursor);
}

void
vitrine_tempo_map_beats_at_times (const VitrineTempoMap *self,
                                  const double          *times_s,
                                  double                *beats,
                                  gsize                  n)
{
  VitrineTempoCursor cursor = VITRINE_TEMPO_CURSOR_INIT;

  for (gsize i = 0; i < n; i++)
    beats[i] = vitrine_tempo_map_beat_at_time_cursor (self, times_s[i], &cursor);
}

double
vitrine_tempo_map_bpm_at_beat (const VitrineTempoMap *self,
                               double                 beat)
{
  const Segment *s;
  gsize i;

  if (self->n_segments == 0 || isnan (beat))
    return NAN;
  i = locate_beat (self, beat, NULL);
  s = &self->segments[i];
  if (i == 0 && beat < s->b0)
    return s->bpm0;
  if (beat >= s->b1)
    return s->bpm1;
  return s->bpm0 + s->k * (beat - s->b0);
}

double
vitrine_tempo_map_bpm_at_time (const VitrineTempoMap *self,
                               double                 time_s)
{
  const Segment *s;
  gsize i;

  if (self->n_segments == 0 || isnan (time_s))
    return NAN;
  i = locate_time (self, time_s, NULL);
  s = &self->segments[i];
  if (i == 0 && time_s < s->t0)
    return s->bpm0;
  if (time_s >= s->t1)
    return s->bpm1;
  /* Tempo at the beat reached: T0·exp(k·τ/60) for a ramp (§2). */
  if (s->k == 0.0)
    return s->bpm0;
  return s->bpm0 * exp (s->k * (time_s - s->t0) / 60.0);
}

double
vitrine_tempo_map_bar_at_beat (const VitrineTempoMap *self,
                               double                 beat)
{
  return (beat - self->downbeat_beat) / self->beats_per_bar;
}

double
vitrine_tempo_map_beat_at_bar (const VitrineTempoMap *self,
                               double                 bar)
{
  return self->downbeat_beat + bar * self->beats_per_bar;
}

double
vitrine_tempo_map_next_downbeat (const VitrineTempoMap *self,
                                 double                 beat)
{
  if (!isfinite (beat))
    return beat;
  return vitrine_tempo_map_beat_at_bar (self, ceil (vitrine_tempo_map_bar_at_beat (self, beat)));
}

double
vitrine_tempo_map_next_downbeat_time (const VitrineTempoMap *self,
                                      double                 time_s,
                                      double                *beat)
{
  double next = vitrine_tempo_map_next_downbeat (self,
                                                 vitrine_tempo_map_beat_at_time (self, time_s));

  if (beat != NULL)
    *beat = next;
  return vitrine_tempo_map_time_at_beat (self, next);
}

double
vitrine_tempo_map_nearest_downbeat_time (const VitrineTempoMap *self,
                                         double                 time_s,
                                         double                *beat)
{
  double bar = vitrine_tempo_map_bar_at_beat (self, vitrine_tempo_map_beat_at_time (self, time_s));
  double before_beat, after_beat, before, after;

  if (!isfinite (bar))
    {
      if (beat != NULL)
        *beat = NAN;
      return NAN;
    }
  before_beat = vitrine_tempo_map_beat_at_bar (self, floor (bar));
  after_beat = vitrine_tempo_map_beat_at_bar (self, ceil (bar));
  before = vitrine_tempo_map_time_at_beat (self, before_beat);
  after = vitrine_tempo_map_time_at_beat (self, after_beat);

  /* Nearest in time, not in beats: across a ramp the two differ. */
  if (time_s - before < after - time_s)
    {
      if (beat != NULL)
        *beat = before_beat;
      return before;
    }
  if (beat != NULL)
    *beat = after_beat;
  return after;
}
