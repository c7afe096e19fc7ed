/* vitrine-beat-tracker.c: the causal beat tracker. Per frame of onset strength:
 *
 * 1. Novelty: the onset minus its running mean, half-wave rectified, into a history of
 *    the last HISTORY_S seconds.
 * 2. Tempo: a leaky autocorrelation A(L) of the novelty (time constant ACF_TAU_S); the
 *    evidence for a period P is A(P) + ½·A(2P) (the beat and the half bar agree), weighed
 *    by a log-Gaussian prior around PRIOR_BPM (or a player's xesam:audioBPM). The octave
 *    is checked explicitly: the current period's family (P, 2P, P/2, 3P/2, 2P/3) only
 *    gives way to another period that wins by SWITCH_MARGIN for SWITCH_S seconds.
 * 3. Phase: a beat grid of period P·(1 + δ) is fitted to the novelty's peaks over the
 *    last seconds, recent ones weighing most, with a bonus for continuing the beats
 *    already emitted.
 * 4. Emission: the grid's newest beat at least VITRINE_BEAT_DELAY_S old is emitted once,
 *    when the grid stands out from the novelty around it and there is sound.
 * 5. Downbeats: the beat number modulo 4 whose beats carry the most (low-band) accent.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-beat-tracker.h"

#define HISTORY_S      8.0
#define MAX_LAG_S      2.1
#define ACF_TAU_S      2.0
#define MEAN_TAU_S     0.4
#define LEVEL_TAU_S    8.0
#define PRIOR_BPM      120.0
#define PRIOR_OCTAVES  0.9
#define SEED_OCTAVES   0.4
#define CANDIDATES     121
#define SWITCH_MARGIN  1.12
#define SWITCH_S       0.5
#define GRID_TAU_S     1.8
#define GRID_S         6.0
#define CONTINUE_BONUS 0.3
#define CONTINUE_S     0.04
#define ACTIVE_S       1.0
#define FINE_FRAMES    3
#define DOWNBEAT_MIN_BEATS 8
#define DOWNBEAT_MARGIN 1.1
#define CHALLENGE_EVERY 4
#define RIVAL_MARGIN   1.1

static const double period_scales[] = { -0.04, -0.025, -0.012, 0.0, 0.012, 0.025, 0.04 };

struct _VitrineBeatTracker
{
  double   frame_s;
  guint    history_len;
  float   *novelty;           /* a ring of history_len frames */
  float   *low;
  float   *peaks;             /* the novelty's largest value within a frame, one frame late */
  guint    head;              /* where the next frame goes */
  guint64  frames;
  double   now;               /* the newest frame's time */

  guint    max_lag;
  double  *acf;
  double   acf_decay;
  double   mean, mean_decay;
  double   level, level_decay;
  double   grid_mean, grid_decay;   /* the novelty's mean with the grid's weights */
  double   recent, recent_decay;    /* and over the last ACTIVE_S */

  double   cand_period[CANDIDATES];  /* seconds */
  double   prior[CANDIDATES];
  double   score[CANDIDATES];
  int      current;                  /* candidate index, or -1 */
  int      rival;
  int      challenger;               /* the best tempo outside the current one's ±4 %, or -1 */
  double   rival_s;

  double   grid_period;       /* seconds; 0 before any grid */
  double   grid_age;          /* frames from now back to the grid's newest beat */
  double   confidence;
  gboolean have_beat;
  double   last_beat;
  double   last_period;
  guint64  beat_number;
  double   bar_accent[4];

  double   seed_bpm;
  VitrineBeatMap map;
};

static void
set_prior (VitrineBeatTracker *self)
{
  double centre = 60.0 / (self->seed_bpm > 0 ? self->seed_bpm : PRIOR_BPM);
  double width = self->seed_bpm > 0 ? SEED_OCTAVES : PRIOR_OCTAVES;

  for (guint i = 0; i < CANDIDATES; i++)
    {
      double octaves = log2 (self->cand_period[i] / centre) / width;

      self->prior[i] = exp (-0.5 * octaves * octaves);
    }
}

VitrineBeatTracker *
vitrine_beat_tracker_new (double frame_s)
{
  VitrineBeatTracker *self = g_new0 (VitrineBeatTracker, 1);
  double shortest = 60.0 / VITRINE_BEAT_MAX_BPM, longest = 60.0 / VITRINE_BEAT_MIN_BPM;

  self->frame_s = CLAMP (frame_s, 0.001, 0.05);
  self->history_len = (guint) ceil (HISTORY_S / self->frame_s);
  self->novelty = g_new0 (float, self->history_len);
  self->low = g_new0 (float, self->history_len);
  self->peaks = g_new0 (float, self->history_len);
  self->max_lag = (guint) ceil (MAX_LAG_S / self->frame_s);
  self->acf = g_new0 (double, self->max_lag + 2);
  self->acf_decay = exp (-self->frame_s / ACF_TAU_S);
  self->mean_decay = exp (-self->frame_s / MEAN_TAU_S);
  self->level_decay = exp (-self->frame_s / LEVEL_TAU_S);
  self->grid_decay = exp (-self->frame_s / GRID_TAU_S);
  self->recent_decay = exp (-self->frame_s / ACTIVE_S);
  for (guint i = 0; i < CANDIDATES; i++)
    self->cand_period[i] = shortest * pow (longest / shortest, (double) i / (CANDIDATES - 1));
  vitrine_beat_map_init (&self->map);
  vitrine_beat_tracker_reset (self);
  return self;
}

void
vitrine_beat_tracker_free (VitrineBeatTracker *self)
{
  if (self == NULL)
    return;
  vitrine_beat_map_clear (&self->map);
  g_free (self->novelty);
  g_free (self->low);
  g_free (self->peaks);
  g_free (self->acf);
  g_free (self);
}

/* A new track: everything heard is forgotten; a seed stays until the next seed. */
void
vitrine_beat_tracker_reset (VitrineBeatTracker *self)
{
  memset (self->novelty, 0, sizeof (float) * self->history_len);
  memset (self->low, 0, sizeof (float) * self->history_len);
  memset (self->peaks, 0, sizeof (float) * self->history_len);
  memset (self->acf, 0, sizeof (double) * (self->max_lag + 2));
  self->head = 0;
  self->frames = 0;
  self->mean = self->level = self->grid_mean = self->recent = 0;
  self->current = self->rival = self->challenger = -1;
  self->rival_s = 0;
  self->grid_period = self->grid_age = self->confidence = 0;
  self->have_beat = FALSE;
  self->last_beat = self->last_period = 0;
  self->beat_number = 0;
  memset (self->bar_accent, 0, sizeof self->bar_accent);
  vitrine_beat_map_clear (&self->map);
  vitrine_beat_map_init (&self->map);
  set_prior (self);
}

/* A player's xesam:audioBPM, or 0 for none: the prior narrows around it. */
void
vitrine_beat_tracker_seed_bpm (VitrineBeatTracker *self,
                               double              bpm)
{
  self->seed_bpm = bpm >= VITRINE_BEAT_MIN_BPM && bpm <= VITRINE_BEAT_MAX_BPM ? bpm : 0;
  set_prior (self);
}

/* The novelty @age frames ago (fractional, linear), 0 outside the history. */
static double
history_at (const VitrineBeatTracker *self,
            const float              *ring,
            double                    age)
{
  guint a0;
  double f, v0, v1;
  guint64 available = MIN (self->frames, self->history_len);

  if (age < 0 || age + 1 >= available)
    return 0;
  a0 = (guint) age;
  f = age - a0;
  v0 = ring[(self->head + self->history_len - 1 - a0) % self->history_len];
  v1 = ring[(self->head + self->history_len - 2 - a0) % self->history_len];
  return v0 + f * (v1 - v0);
}

/* The largest value within a frame of @age: beats land on a frame grid. */
static double
peak_at (const VitrineBeatTracker *self,
         const float              *ring,
         double                    age)
{
  double best = history_at (self, ring, age);

  best = MAX (best, history_at (self, ring, age - 1));
  return MAX (best, history_at (self, ring, age + 1));
}

static double
acf_at (const VitrineBeatTracker *self,
        double                    lag)
{
  guint l0 = (guint) lag;
  double f = lag - l0;

  if (l0 + 1 > self->max_lag)
    return 0;
  return MAX (self->acf[l0], self->acf[l0 + 1]) * 0.5 + (self->acf[l0] + f * (self->acf[l0 + 1] - self->acf[l0])) * 0.5;
}

/* Step 1 and the autocorrelation of step 2. */
static void
add_frame (VitrineBeatTracker        *self,
           const VitrineFeatureFrame *frame)
{
  double onset = frame->onset, novelty;
  guint available;

  self->mean = self->mean * self->mean_decay + (1 - self->mean_decay) * onset;
  novelty = MAX (onset - self->mean, 0.0);
  self->level = self->level * self->level_decay + (1 - self->level_decay) * novelty;
  self->grid_mean = self->grid_mean * self->grid_decay + (1 - self->grid_decay) * novelty;
  self->recent = self->recent * self->recent_decay + (1 - self->recent_decay) * novelty;
  self->novelty[self->head] = (float) novelty;
  self->low[self->head] = frame->onset_low;
  self->peaks[self->head] = (float) novelty;
  self->head = (self->head + 1) % self->history_len;
  self->frames++;
  self->now = frame->time;
  /* The frame before this one is surrounded now: its peak is final. */
  if (self->frames >= 3)
    self->peaks[(self->head + self->history_len - 2) % self->history_len] = (float) peak_at (self, self->novelty, 1);

  available = (guint) MIN (self->frames, (guint64) self->max_lag + 1);
  for (guint lag = 0; lag < available; lag++)
    self->acf[lag] = self->acf[lag] * self->acf_decay + novelty * history_at (self, self->novelty, lag);
}

/* Whether candidate @j is in candidate @i's octave family (within 3 %). */
static gboolean
same_family (const VitrineBeatTracker *self,
             int                       i,
             int                       j)
{
  static const double ratios[] = { 1.0, 2.0, 0.5, 1.5, 2.0 / 3.0 };

  for (guint r = 0; r < G_N_ELEMENTS (ratios); r++)
    if (fabs (self->cand_period[j] / (self->cand_period[i] * ratios[r]) - 1) < 0.03)
      return TRUE;
  return FALSE;
}

/* Step 2: the tempo, with the octave checked against the current one. */
static void
update_tempo (VitrineBeatTracker *self)
{
  double fps = 1.0 / self->frame_s;
  int best = 0, local = -1;

  for (guint i = 0; i < CANDIDATES; i++)
    {
      double lag = self->cand_period[i] * fps;

      self->score[i] = self->prior[i] * (acf_at (self, lag) + 0.5 * acf_at (self, 2 * lag));
      if (self->score[i] > self->score[best])
        best = (int) i;
    }
  if (self->score[best] <= 0)
    return;
  if (self->current < 0)
    {
      self->current = best;
      return;
    }
  /* Follow the current tempo within ±4 % ... */
  for (int i = MAX (self->current - 4, 0); i <= MIN (self->current + 4, CANDIDATES - 1); i++)
    if (local < 0 || self->score[i] > self->score[local])
      local = i;
  /* The best tempo outside the current one's octave family, for the grid to try. */
  self->challenger = -1;
  for (int i = 0; i < CANDIDATES; i++)
    if (abs (i - local) > 4 && !same_family (self, local, i) &&
        (self->challenger < 0 || self->score[i] > self->score[self->challenger]))
      self->challenger = i;
  /* ... unless another one has won clearly for a while. */
  if (abs (best - local) > 4 && self->score[best] > SWITCH_MARGIN * self->score[local])
    {
      if (self->rival >= 0 && abs (self->rival - best) <= 2)
        self->rival_s += self->frame_s;
      else
        {
          self->rival = best;
          self->rival_s = 0;
        }
      /* Another octave of the same beat needs twice as long to take over. */
      if (self->rival_s >= SWITCH_S * (same_family (self, local, best) ? 2 : 1))
        {
          self->current = best;
          self->rival = -1;
          return;
        }
    }
  else
    self->rival = -1;
  self->current = local;
}

static double
grid_score (const VitrineBeatTracker *self,
            double                    age,
            double                    period_frames)
{
  double score = 0, weights = 0, limit = MIN (GRID_S / self->frame_s, self->frames);
  double w = exp (-age * self->frame_s / GRID_TAU_S);
  double step = exp (-period_frames * self->frame_s / GRID_TAU_S);

  for (double a = age; a < limit; a += period_frames, w *= step)
    {
      score += w * history_at (self, self->peaks, a);
      weights += w;
    }
  return score / MAX (weights, 1e-9);
}

static double
continuation (const VitrineBeatTracker *self,
              double                    age)
{
  double since = self->now - age * self->frame_s - self->last_beat;
  double off = since - self->last_period * round (since / self->last_period);

  return 1 + CONTINUE_BONUS * exp (-0.5 * (off / CONTINUE_S) * (off / CONTINUE_S));
}

/*
 * The best grid of period @tempo · (1 + δ): its score, and its newest beat's age. The
 * phase is searched frame by frame at δ = 0, then every δ near the best phase (the newest
 * beat hardly moves with the period; the older ones do).
 */
static double
search_grid (const VitrineBeatTracker *self,
             double                    tempo,
             gboolean                  continuing,
             double                   *best_age,
             double                   *best_period)
{
  double delay = VITRINE_BEAT_DELAY_S / self->frame_s, best = -1, coarse = delay;
  double period = tempo / self->frame_s, score;

  for (double age = delay; age < delay + period; age += 1)
    {
      score = grid_score (self, age, period) * (continuing ? continuation (self, age) : 1);
      if (score > best)
        {
          best = score;
          coarse = age;
        }
    }
  best = -1;
  for (guint s = 0; s < G_N_ELEMENTS (period_scales); s++)
    {
      double scaled = period * (1 + period_scales[s]);

      for (double age = MAX (coarse - FINE_FRAMES, delay); age <= coarse + FINE_FRAMES; age += 1)
        {
          score = grid_score (self, age, scaled) * (continuing ? continuation (self, age) : 1);
          if (score > best)
            {
              best = score;
              *best_age = age;
              *best_period = scaled * self->frame_s;
            }
        }
    }
  return best;
}

/*
 * Step 3: the grid's phase and period, and how much it stands out. A rival tempo outside
 * the current one's octave family (a step) takes over at once when its grid fits the
 * recent onsets clearly better; octave changes wait for the autocorrelation.
 */
static void
fit_grid (VitrineBeatTracker *self)
{
  double best, mean, age = 0, period = 0;

  best = search_grid (self, self->cand_period[self->current], self->have_beat,
                      &self->grid_age, &self->grid_period);
  if (self->challenger >= 0 && self->frames % CHALLENGE_EVERY == 0)
    {
      double rival = search_grid (self, self->cand_period[self->challenger], FALSE, &age, &period);

      if (rival > RIVAL_MARGIN * best)
        {
          self->current = self->challenger;
          self->rival = -1;
          self->grid_age = age;
          self->grid_period = period;
          best = rival * (1 + CONTINUE_BONUS);
        }
    }

  mean = self->grid_mean;
  if (self->recent < 0.15 * self->level || mean <= 1e-6)
    self->confidence = 0;
  else
    self->confidence = CLAMP ((best / (1 + CONTINUE_BONUS) / mean - 2.0) / 4.0, 0.0, 1.0);
}

/* Step 5: count the beat and tell whether it is the bar's first. */
static gboolean
count_beat (VitrineBeatTracker *self,
            double              age)
{
  guint slot, strongest = 0;
  double second = 0;
  double accent = peak_at (self, self->low, age) + 0.5 * history_at (self, self->peaks, age);

  if (self->have_beat && self->last_period > 0)
    self->beat_number += (guint64) MAX (round ((self->now - age * self->frame_s - self->last_beat) /
                                               self->last_period), 1.0);
  slot = self->beat_number % 4;
  self->bar_accent[slot] = 0.8 * self->bar_accent[slot] + 0.2 * accent;
  for (guint i = 1; i < 4; i++)
    if (self->bar_accent[i] > self->bar_accent[strongest])
      strongest = i;
  for (guint i = 0; i < 4; i++)
    if (i != strongest)
      second = MAX (second, self->bar_accent[i]);
  /* No downbeat before two bars were heard, nor while no beat of the bar stands out. */
  return slot == strongest && self->beat_number >= DOWNBEAT_MIN_BEATS &&
         self->bar_accent[strongest] > DOWNBEAT_MARGIN * second;
}

/* One frame of features in; TRUE with @beat filled when a beat is emitted. */
gboolean
vitrine_beat_tracker_push (VitrineBeatTracker        *self,
                           const VitrineFeatureFrame *frame,
                           VitrineBeat               *beat)
{
  double time;

  add_frame (self, frame);
  update_tempo (self);
  if (self->current < 0 || self->frames < (guint64) (1.0 / self->frame_s))
    return FALSE;
  fit_grid (self);

  time = self->now - self->grid_age * self->frame_s;
  if (self->confidence < VITRINE_BEAT_MIN_CONFIDENCE ||
      (self->have_beat && time - self->last_beat < 0.5 * self->grid_period))
    return FALSE;

  beat->time = time;
  beat->confidence = self->confidence;
  beat->bpm = 60.0 / self->grid_period;
  beat->downbeat = count_beat (self, self->grid_age);
  self->have_beat = TRUE;
  self->last_beat = time;
  self->last_period = self->grid_period;
  vitrine_beat_map_add (&self->map, time);
  return TRUE;
}

/* How much the newest frame looks like a beat: the confidence under a Gaussian of the
 * distance to the nearest grid beat (the "beat" descriptor). */
double
vitrine_beat_tracker_activation (const VitrineBeatTracker *self)
{
  double since, off;

  if (self->grid_period <= 0)
    return 0;
  since = self->grid_age * self->frame_s;
  off = fmod (since, self->grid_period);
  off = MIN (off, self->grid_period - off);
  return self->confidence * exp (-0.5 * (off / 0.035) * (off / 0.035));
}

double
vitrine_beat_tracker_bpm (const VitrineBeatTracker *self)
{
  return self->grid_period > 0 ? 60.0 / self->grid_period : 0;
}

double
vitrine_beat_tracker_confidence (const VitrineBeatTracker *self)
{
  return self->confidence;
}

/* The predicted time of the next beat, or 0 without a grid. */
double
vitrine_beat_tracker_next_beat (const VitrineBeatTracker *self)
{
  double newest;

  if (self->grid_period <= 0)
    return 0;
  newest = self->now - self->grid_age * self->frame_s;
  while (newest <= self->now)
    newest += self->grid_period;
  return newest;
}

const VitrineBeatMap *
vitrine_beat_tracker_map (const VitrineBeatTracker *self)
{
  return &self->map;
}

/*
 * One block of samples through the features and the tracker, as live capture and the
 * offline modes both do it: the feature frames are appended to @frames (if not NULL),
 * the beats to @beats (of VitrineBeat). Without a tracker (@self NULL), only the features.
 * Returns the number of feature frames.
 */
guint
vitrine_beat_tracker_feed (VitrineBeatTracker *self,
                           VitrineFeatures    *features,
                           const float        *samples,
                           gsize               n_frames,
                           guint               channels,
                           double              start_time,
                           GArray             *frames,
                           GArray             *beats)
{
  VitrineFeatureFrame out[64];
  guint total = 0;

  /* In pieces small enough for @out: n / hop + 1 frames at most per piece. */
  for (gsize done = 0; done < n_frames;)
    {
      gsize piece = MIN (n_frames - done, (gsize) features->hop * 63);
      guint produced = vitrine_features_push (features, samples + done * channels, piece, channels,
                                              start_time + (double) done / features->sample_rate,
                                              out, G_N_ELEMENTS (out));

      for (guint i = 0; i < produced; i++)
        {
          VitrineBeat beat;

          out[i].beat = 0;
          if (self == NULL)
            continue;
          if (vitrine_beat_tracker_push (self, &out[i], &beat) && beats != NULL)
            g_array_append_val (beats, beat);
          out[i].beat = (float) vitrine_beat_tracker_activation (self);
        }
      if (frames != NULL)
        g_array_append_vals (frames, out, produced);
      total += produced;
      done += piece;
    }
  return total;
}
