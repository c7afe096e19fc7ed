/* vitrine-spectrum.c: docs/spectrum-bars.md, step by step. Sections and step numbers in
 * the comments ("Step 5 of §2", "§3") are that page's; each helper names the steps it
 * does. Arrays are single precision and scalars double, and every expression keeps the
 * page's order and precision: the bars are reproduced to the last bit, not approximately.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <kiss_fftr.h>
#include <math.h>
#include <string.h>

#include "vitrine-spectrum.h"

#define MIN_FLOOR 0.12
#define MAX_FLOOR 4.0
#define SILENCE_PEAK 1e-3
#define GAP_RESET_S 2.0

static const float shape_template[VITRINE_SPECTRUM_SHAPE_POINTS] = {
  0.10f, 0.15f, 0.25f, 0.50f, 1.0f, 0.45f, 0.25f, 0.08f,
  0.25f, 0.45f, 1.0f, 0.50f, 0.25f, 0.15f, 0.10f,
};

void
vitrine_spectrum_settings_init (VitrineSpectrumSettings *settings)
{
  *settings = (VitrineSpectrumSettings) {
    .bands = 15,
    .recommended = TRUE,
    .sensitivity = 1.0,
    .dynamic_floor = TRUE,
    .manual_floor = 2.1,
    .energy_boost = 0.85,
    .tau = 0.12,
  };
}

void
vitrine_spectrum_init (VitrineSpectrum               *self,
                       const VitrineSpectrumSettings *settings)
{
  memset (self, 0, sizeof *self);
  self->settings = *settings;
  self->settings.bands = CLAMP (settings->bands, 1, VITRINE_SPECTRUM_MAX_BARS);
  self->floor_avg = 2.1;
  self->floor_applied = 2.1;
  self->peak_norm = 1.0;
}

void
vitrine_spectrum_clear (VitrineSpectrum *self)
{
  g_clear_pointer (&self->fft, kiss_fftr_free);
  self->fft_size = 0;
}

/* Step 5 of §2: bands + 1 edges spaced logarithmically from 1 to n, through float. */
void
vitrine_spectrum_band_edges (guint  n,
                             guint  bands,
                             int   *edges)
{
  double top = log10 ((double) n);

  for (guint i = 0; i <= bands; i++)
    edges[i] = (int) (float) pow (10.0, i * top / bands);
}

/* Step 12 of §2: the 15-point profile, linearly resampled to @bands. */
void
vitrine_spectrum_shape (guint  bands,
                        float *shape)
{
  if (bands == VITRINE_SPECTRUM_SHAPE_POINTS)
    {
      memcpy (shape, shape_template, sizeof shape_template);
      return;
    }

  for (guint i = 0; i < bands; i++)
    {
      double position = bands == 1 ? 0.0 : (double) i / (bands - 1);
      double x = position * (VITRINE_SPECTRUM_SHAPE_POINTS - 1);
      guint j = MIN ((guint) x, VITRINE_SPECTRUM_SHAPE_POINTS - 2);
      double fraction = x - j;

      shape[i] = (float) (shape_template[j] + (shape_template[j + 1] - shape_template[j]) * fraction);
    }
}

/* §3: how far one step of dt moves the smoothed bars up (fast) and down (slow). */
void
vitrine_spectrum_smoothing_alphas (double  dt,
                                   double  tau,
                                   double *rise,
                                   double *decay)
{
  tau = MAX (tau, 0.05);
  *rise = CLAMP (1.0 - exp (-dt / (tau * 0.35)), 0.0, 1.0);
  *decay = CLAMP (1.0 - exp (-dt / (tau * 3.0)), 0.0, 1.0);
}

static double
mean_of (const float *values,
         guint        from,
         guint        to)
{
  double sum = 0;

  for (guint i = from; i < to; i++)
    sum += values[i];
  return to > from ? sum / (to - from) : 0;
}

static int
offset_of (guint i,
           guint center)
{
  return ABS ((int) i - (int) center);
}

/* The left and right neighbours @o bars away from the centre, clamped to the bars. */
static guint
left_of (guint center,
         guint o)
{
  return center >= o ? center - o : 0;
}

static guint
right_of (guint center,
          guint o,
          guint bands)
{
  return MIN (bands - 1, center + o);
}

/* One frame's levels, handed from step to step of §2. */
typedef struct
{
  double   boost;             /* step 2 */
  gboolean low_res;
  double   raw_bass;          /* step 7 */
  double   raw_mid;
  double   raw_treble;
  double   bass_drop_ratio;
  double   base_floor;        /* steps 8 and 9 */
  double   expansion;
  double   floor;             /* step 10 */
  double   bass;              /* step 11 */
  double   mid;
  double   treble;
} FrameLevels;

/* Steps 1, 3 and 4 of §2: drop DC, compress (log1p, then ^1.2), blur across bins. */
static void
compress_magnitudes (const float *magnitudes,
                     guint        n,
                     float       *mag)
{
  for (guint j = 0; j < n; j++)
    mag[j] = magnitudes[j + 1];

  for (guint j = 0; j < n; j++)
    mag[j] = powf (log1pf (mag[j]), 1.2f);

  /* [0.25, 0.5, 0.25], same length, zero padded; every output from the unblurred input */
  if (n > 4)
    {
      g_autofree float *conv = g_new (float, n);

      for (guint j = 0; j < n; j++)
        conv[j] = 0.25f * (j > 0 ? mag[j - 1] : 0.0f) + 0.5f * mag[j] + 0.25f * (j + 1 < n ? mag[j + 1] : 0.0f);
      memcpy (mag, conv, n * sizeof (float));
    }
}

/* Steps 5 and 6 of §2: the RMS of each band's slice of bins; 0 past the last bin. */
static void
band_levels (const float *mag,
             guint        n,
             guint        bands,
             float       *f)
{
  int edges[VITRINE_SPECTRUM_MAX_BARS + 1];

  vitrine_spectrum_band_edges (n, bands, edges);
  for (guint b = 0; b < bands; b++)
    {
      int start = edges[b], end = edges[b + 1];
      double sum = 0;

      if (end <= start)
        end = start + 1;
      if (start < (int) n && end <= (int) n)
        {
          for (int j = start; j < end; j++)
            sum += (double) mag[j] * mag[j];
          f[b] = (float) sqrt (sum / (end - start));
        }
      else
        f[b] = 0;
    }
}

/*
 * Step 7 of §2: bass, mid and treble from the band levels, and how far the bass fell since
 * the previous frame (low resolution only). prev_raw_bass is stored by the caller, after
 * step 14 has used it too.
 */
static void
split_ranges (const VitrineSpectrum *self,
              const float           *f,
              guint                  bands,
              FrameLevels           *levels)
{
  levels->raw_bass = bands >= 4 ? mean_of (f, 0, 4) : f[0];
  levels->raw_mid = bands >= 10 ? mean_of (f, 4, 10) : levels->raw_bass * 0.5;
  levels->raw_treble = bands > 10 ? mean_of (f, 10, bands) : levels->raw_bass * 0.2;
  levels->bass_drop_ratio = 0;
  if (levels->low_res && self->prev_raw_bass > 1e-3)
    levels->bass_drop_ratio = MAX (0.0, (self->prev_raw_bass - levels->raw_bass) /
                                        self->prev_raw_bass);
}

/* Steps 8 and 9 of §2: the base floor and the expansion, from the sensitivity. */
static void
apply_sensitivity (const VitrineSpectrumSettings *settings,
                   FrameLevels                   *levels)
{
  double boost = levels->boost;
  double floor_base = MAX (0.8, 1.5 / pow (boost, 0.35));
  double expansion_base = 3.6 * pow (boost, 0.4);

  if (settings->recommended)
    {
      double m = CLAMP (0.285, 0.25, 2.5);

      if (boost > 1)
        m = MAX (0.25, m * (1 - MIN (0.4, (boost - 1) * 0.55)));
      else
        m = MIN (2.5, m * (1 + MIN (0.25, (1 - boost) * 0.4)));
      levels->base_floor = CLAMP (floor_base / m, MIN_FLOOR, MAX_FLOOR);
      levels->expansion = expansion_base * MAX (0.55, pow (m, 0.35));
    }
  else
    {
      double sensitivity = CLAMP (settings->sensitivity, 0.25, 2.5);

      levels->base_floor = CLAMP (floor_base / sensitivity, MIN_FLOOR, MAX_FLOOR);
      levels->expansion = expansion_base * pow (sensitivity, 0.35);
    }
}

/* Step 10 of §2: the noise floor's target, dynamic or manual, approached by 0.12 a frame. */
static void
update_noise_floor (VitrineSpectrum *self,
                    FrameLevels     *levels)
{
  const VitrineSpectrumSettings *settings = &self->settings;
  double target;

  if (settings->dynamic_floor)
    {
      double w = 0.18, s, a, ratio = 0.462, cand, bt;

      if (levels->low_res)
        w = MIN (0.65, w + 0.12 * (levels->boost - 1));
      s = levels->raw_bass * (1 - w) + levels->raw_mid * w;
      if (s < 0.05)
        s = levels->raw_bass;
      a = s >= self->floor_avg ? 0.15 : 0.4;
      self->floor_avg = (1 - a) * self->floor_avg + a * s;
      if (levels->low_res)
        ratio = MIN (0.75, ratio * (1 + 0.35 * (levels->boost - 1)));
      cand = CLAMP (self->floor_avg * ratio, MIN_FLOOR, MAX_FLOOR);
      bt = MAX (MIN_FLOOR, MIN (levels->base_floor, cand));
      target = MAX (MIN_FLOOR, MIN (levels->base_floor, s * (1 - 0.18) + bt * 0.18));
      if (levels->low_res && self->last_drop > 0.05)
        target = MAX (MIN_FLOOR, target * (1 - self->last_drop * 0.45));
    }
  else
    target = CLAMP (settings->manual_floor, MIN_FLOOR, MAX_FLOOR);
  self->floor_applied = self->floor_applied + (target - self->floor_applied) * CLAMP (0.12, 0.05, 1.0);
  levels->floor = self->floor_applied;
}

/* Steps 12 and 13 of §2: the shape scaled by the overall energy, each offset its own mix. */
static void
target_bars (const FrameLevels *levels,
             guint              bands,
             guint              center,
             float             *raw)
{
  float shape[VITRINE_SPECTRUM_MAX_BARS];
  double bass = levels->bass, mid = levels->mid, treble = levels->treble;
  double overall;

  vitrine_spectrum_shape (bands, shape);
  overall = CLAMP (bass * 0.9 + mid * 0.6 + treble * 0.35, 0.0, 1.8);
  for (guint i = 0; i < bands; i++)
    {
      int off = offset_of (i, center);
      double v = shape[i] * overall;

      if (off == 3)
        v = v * 1.15 + bass * 0.35;
      else if (off == 4)
        v = v * 0.82;
      if (off == 0)
        v = mid * 4.0 * 0.90 + v * 0.10;
      if (off == 1)
        v = v * 0.52 + mid * 0.22;
      if (off == 2)
        v = v * 0.58 + bass * 0.12;
      if (off >= 5)
        v = v * 0.65 + treble * 0.4 * (off - 4);
      raw[i] = (float) v;
    }
}

/* Step 14a of §2: lift the ridge three bars either side of the centre, lower the centre. */
static void
boost_ridge (float *bars,
             guint  bands,
             guint  center)
{
  for (guint i = 0; i < bands; i++)
    {
      int off = offset_of (i, center);
      double factor = off == 3 ? 1.35 : (off == 2 || off == 4) ? 1.2 : off == 1 ? 1.05 : off == 0 ? 0.78 : 1.0;

      bars[i] = (float) (bars[i] * factor);
    }
}

/*
 * Step 14b of §2: the valley (a fall of the bass, or bass below the floor) feeds the drop
 * accumulator, which decays; returns @d raised to it.
 */
static double
accumulate_bass_drop (VitrineSpectrum *self,
                      double           raw_bass,
                      double           floor,
                      double           d)
{
  double valley = 0;
  double ref = MAX (floor * 1.05, 1e-3);

  if (self->prev_raw_bass > 1e-3)
    valley = MAX (valley, MAX (0.0, (self->prev_raw_bass - raw_bass) / self->prev_raw_bass));
  if (raw_bass < ref)
    valley = MAX (valley, MIN (0.9, (ref - raw_bass) / ref));
  self->drop_acc = self->drop_acc * 0.88 + valley * 0.55;
  if (valley < 0.02)
    self->drop_acc *= 0.92;
  self->drop_acc = CLAMP (self->drop_acc, 0.0, 1.0);
  return MAX (d, self->drop_acc);
}

/* Step 14c of §2: a bass drop cuts every bar, the edges less than the centre. */
static void
cut_on_bass_drop (float  *bars,
                  guint   bands,
                  guint   center,
                  double  d)
{
  if (d > 0.05)
    {
      double strength = MIN (0.92, 0.22 + d * 1.45);
      double span = MAX (1, center);

      for (guint i = 0; i < bands; i++)
        {
          int off = offset_of (i, center);

          bars[i] = (float) (bars[i] * MAX (0.0, 1.0 - strength * MAX (0.25, 1.0 - (off / span) * 1.35)));
        }
    }
}

/* Step 14d of §2: the centre and its two neighbours either side capped below the ridge. */
static void
cap_centre (float  *bars,
            guint   bands,
            guint   center,
            double  d)
{
  double peak = MAX (MAX (bars[left_of (center, 3)], bars[right_of (center, 3, bands)]), 1e-3);
  double soft = MAX (0.0, 0.6 - d);
  double ccr = CLAMP (0.97 + soft * 0.18, 0.95, 1.1);
  double cap1 = peak * MAX (0.6, ccr - 0.06);
  double cap2 = peak * MAX (0.52, ccr - 0.12);
  guint l1 = left_of (center, 1), r1 = right_of (center, 1, bands);
  guint l2 = left_of (center, 2), r2 = right_of (center, 2, bands);

  bars[center] = (float) MIN (bars[center], peak * ccr);
  bars[l1] = (float) MIN (bars[l1], cap1);
  bars[r1] = (float) MIN (bars[r1], cap1);
  bars[l2] = (float) MIN (bars[l2], cap2);
  bars[r2] = (float) MIN (bars[r2], cap2);
}

/* Step 14e of §2: damp the centre and its neighbours while the bass drops. */
static void
damp_centre (float  *bars,
             guint   bands,
             guint   center,
             double  d)
{
  if (d > 0.02)
    {
      double damp = MIN (0.38, 0.06 + d * 0.4);

      bars[center] = (float) (bars[center] * MAX (0.45, 1.0 - damp));
      for (guint o = 1; o <= 2; o++)
        {
          double factor = MAX (0.55, 1.0 - damp * (o == 1 ? 0.36 : 0.22));
          guint left = left_of (center, o);
          guint right = right_of (center, o, bands);

          /* Two multiplications even when both are the same bar. */
          bars[left] = (float) (bars[left] * factor);
          bars[right] = (float) (bars[right] * factor);
        }
    }
}

/*
 * Step 14f of §2: the centre between a floor and a ceiling from the ridge. Returns the
 * ridge, taken before the centre moves, for step 14g.
 */
static double
bound_centre (float  *bars,
              guint   bands,
              guint   center,
              double  d)
{
  double ridge = 0.5 * (bars[left_of (center, 3)] + bars[right_of (center, 3, bands)]);
  double cf = ridge * (0.08 + d * 0.05) + 0.025;
  double cs = ridge * (0.28 + d * 0.1) + 0.05;

  bars[center] = (float) MIN (MAX ((double) bars[center], cf), MAX (cs, cf));
  return ridge;
}

/* Step 14g of §2: pull up to six bars either side toward the ridge profile. */
static void
pull_to_ridge (float  *bars,
               guint   bands,
               guint   center,
               double  ridge,
               double  d)
{
  double anchor = MAX (ridge, 1e-3);
  guint pulls = MIN (MIN (6, center + 1), bands - center);

  for (guint o = 0; o < pulls; o++)
    {
      double ratio;
      double want;

      switch (o)
        {
        case 0: ratio = 0.25 + d * 0.1; break;
        case 1: ratio = 0.53 + d * 0.07; break;
        case 2: ratio = 0.7; break;
        case 3: ratio = 1.08; break;
        case 4: ratio = 0.6; break;
        case 5: ratio = 0.36; break;
        default: ratio = MAX (0.15, 0.5 - o * 0.07); break;
        }
      want = anchor * ratio;
      /* At o = 0 both lines pull the centre, one after the other. */
      if (center >= o)
        bars[center - o] = (float) (bars[center - o] * 0.55 + want * 0.45);
      if (center + o < bands)
        bars[center + o] = (float) (bars[center + o] * 0.55 + want * 0.45);
    }
}

/* Step 14h of §2: blur with the neighbours, every output from the unblurred bars. */
static void
blur_bars (float *bars,
           guint  bands)
{
  float copy[VITRINE_SPECTRUM_MAX_BARS];

  if (bands <= 2)
    return;

  memcpy (copy, bars, bands * sizeof (float));
  for (guint i = 1; i + 1 < bands; i++)
    bars[i] = (float) (copy[i] * 0.46 + (copy[i - 1] + copy[i + 1]) * 0.27);
  bars[0] = (float) (copy[0] * 0.64 + copy[1] * 0.36);
  bars[bands - 1] = (float) (copy[bands - 1] * 0.64 + copy[bands - 2] * 0.36);
}

/* Step 14 of §2 (a to h): the low-resolution shaping; returns the frame's drop d. */
static double
low_res_shaping (VitrineSpectrum   *self,
                 const FrameLevels *levels,
                 float             *bars,
                 guint              bands,
                 guint              center)
{
  double d = levels->bass_drop_ratio;
  double ridge;

  boost_ridge (bars, bands, center);
  d = accumulate_bass_drop (self, levels->raw_bass, levels->floor, d);
  cut_on_bass_drop (bars, bands, center, d);
  cap_centre (bars, bands, center, d);
  damp_centre (bars, bands, center, d);
  ridge = bound_centre (bars, bands, center, d);
  pull_to_ridge (bars, bands, center, ridge, d);
  blur_bars (bars, bands);
  return d;
}

/* Step 15 of §2: fast attack, slower decay with a short hold; reset after a gap. */
static void
attack_decay (VitrineSpectrum *self,
              float           *raw,
              guint            bands,
              double           t)
{
  if (self->have_frame && t - self->last_frame_t > GAP_RESET_S)
    {
      memset (self->hist, 0, sizeof self->hist);
      memset (self->hold, 0, sizeof self->hold);
    }
  self->have_frame = TRUE;
  self->last_frame_t = t;
  for (guint i = 0; i < bands; i++)
    {
      float hist = self->hist[i], want = raw[i], v;

      if (want > hist)
        {
          v = (float) (hist + (want - hist) * 0.85);
          self->hold[i] = 0;
        }
      else if (hist - want > 0.01)
        {
          self->hold[i] = 2;
          v = (float) (hist * 0.15 + want * 0.85);
        }
      else if (self->hold[i] > 0)
        {
          self->hold[i]--;
          v = (float) MAX (want, hist * 0.25);
        }
      else
        v = (float) MAX (want, hist * 0.35);
      self->hist[i] = v;
      raw[i] = v;
    }
}

/* Step 16 of §2: output scale times energy boost. */
static void
scale_output (const VitrineSpectrumSettings *settings,
              float                         *raw,
              guint                          bands)
{
  double scale = CLAMP (0.5 * CLAMP (settings->energy_boost, 0.5, 1.8), 0.1, 1.25);

  for (guint i = 0; i < bands; i++)
    raw[i] = (float) (raw[i] * scale);
}

/* Step 17 of §2: the adaptive peak rp follows the frame's; above 1.1 it scales the bars down. */
static void
normalise_peak (VitrineSpectrum *self,
                float           *raw,
                guint            bands,
                gboolean         low_res,
                double           d)
{
  double p = 0;

  for (guint i = 0; i < bands; i++)
    p = MAX (p, (double) raw[i]);
  p = MIN (p, 1.35);
  if (p > self->peak_norm)
    self->peak_norm += (p - self->peak_norm) * 0.32;
  else
    {
      double k = p < self->peak_norm * 0.5 ? 0.9 : 0.965;

      self->peak_norm = self->peak_norm * k + p * (1 - k);
    }
  if (low_res && d > 0.35)
    self->peak_norm *= MAX (0.95, 1 - d * 0.08);
  self->peak_norm = CLAMP (self->peak_norm, 0.18, 1.35);
  if (self->peak_norm > 1.1 && p > 0)
    for (guint i = 0; i < bands; i++)
      raw[i] = (float) (raw[i] * (1.0 / self->peak_norm));
}

/*
 * §2, steps 1 to 18: @magnitudes holds |X[k]| for k = 0 .. n (n = N/2); @raw receives the
 * bands' raw bars.
 */
void
vitrine_spectrum_fft_to_bars (VitrineSpectrum *self,
                              const float     *magnitudes,
                              guint            n,
                              double           t,
                              float           *raw)
{
  guint bands = self->settings.bands;
  guint center = bands / 2;
  g_autofree float *mag = g_new (float, n);
  float f[VITRINE_SPECTRUM_MAX_BARS];
  FrameLevels levels = { 0 };
  double d;

  compress_magnitudes (magnitudes, n, mag);

  /* 2. how coarse the spectrum is: small frames take the low-resolution path */
  levels.boost = CLAMP (1024.0 / MAX (256, n), 0.5, 3.0);
  levels.low_res = levels.boost > 1.05;

  band_levels (mag, n, bands, f);
  split_ranges (self, f, bands, &levels);
  apply_sensitivity (&self->settings, &levels);
  update_noise_floor (self, &levels);

  /* 11. energies above the floor (the mids and trebles see less of it) */
  levels.bass = MAX (0.0, (levels.raw_bass - levels.floor) * levels.expansion);
  levels.mid = MAX (0.0, (levels.raw_mid - levels.floor * 0.4) * levels.expansion);
  levels.treble = MAX (0.0, (levels.raw_treble - levels.floor * 0.2) * levels.expansion);

  target_bars (&levels, bands, center, raw);

  /* 14. (the previous raw bass is stored after step 7's use and the valley's) */
  d = levels.bass_drop_ratio;
  if (levels.low_res)
    d = low_res_shaping (self, &levels, raw, bands, center);
  self->prev_raw_bass = levels.raw_bass;
  self->last_drop = d;

  attack_decay (self, raw, bands, t);
  scale_output (&self->settings, raw, bands);
  normalise_peak (self, raw, bands, levels.low_res, d);

  /* 18. clip */
  for (guint i = 0; i < bands; i++)
    raw[i] = CLAMP (raw[i], 0.0f, 1.0f);
}

/* Step 1 of §1, more than two channels: the two with the most energy (earlier on a tie). */
static void
loudest_pair (const float *samples,
              gsize        n_frames,
              guint        channels,
              guint       *left,
              guint       *right)
{
  double best = -1, second = -1;

  for (guint c = 0; c < channels; c++)
    {
      double energy = 0;

      for (gsize i = 0; i < n_frames; i++)
        energy += (double) samples[i * channels + c] * samples[i * channels + c];
      if (energy > best)
        {
          second = best;
          *right = *left;
          best = energy;
          *left = c;
        }
      else if (energy > second)
        {
          second = energy;
          *right = c;
        }
    }
}

/* Step 6 of §1: a real FFT, no window, through a KissFFT plan kept for the frame size. */
static void
magnitude_spectrum (VitrineSpectrum *self,
                    const float     *frame,
                    gsize            n,
                    float           *magnitudes)
{
  g_autofree kiss_fft_cpx *spectrum = g_new (kiss_fft_cpx, n / 2 + 1);

  if (self->fft == NULL || self->fft_size != n)
    {
      vitrine_spectrum_clear (self);
      self->fft = kiss_fftr_alloc ((int) n, 0, NULL, NULL);
      self->fft_size = (guint) n;
    }
  kiss_fftr (self->fft, frame, spectrum);
  for (gsize k = 0; k <= n / 2; k++)
    magnitudes[k] = hypotf (spectrum[k].r, spectrum[k].i);
}

/*
 * §1: one capture block of interleaved samples at time @t. Returns FALSE for silence:
 * @raw is all zero and no state changed.
 */
gboolean
vitrine_spectrum_compute (VitrineSpectrum *self,
                          const float     *samples,
                          gsize            n_frames,
                          guint            channels,
                          double           t,
                          float           *raw)
{
  guint bands = self->settings.bands;
  gsize first, n;
  guint left = 0, right = 1;
  g_autofree float *mono = NULL;
  g_autofree float *magnitudes = NULL;
  double peak = 0;

  g_return_val_if_fail (channels > 0, FALSE);

  /* 5. (a block too short to transform is silence too) */
  memset (raw, 0, bands * sizeof (float));
  if (n_frames < 2)
    return FALSE;

  /* 1. mono: as is, the average of two, or of the two loudest */
  if (channels > 2)
    loudest_pair (samples, n_frames, channels, &left, &right);

  /* 4. (before the rest: only the last frame's worth is analysed; even for KissFFT) */
  n = MIN (n_frames, VITRINE_SPECTRUM_MAX_FRAME) & ~(gsize) 1;
  first = n_frames - n;
  mono = g_new (float, n_frames);
  for (gsize i = 0; i < n_frames; i++)
    mono[i] = channels == 1 ? samples[i]
                            : (samples[i * channels + left] + samples[i * channels + right]) * 0.5f;

  /* 2. over the whole block */
  for (gsize i = 0; i < n_frames; i++)
    peak = MAX (peak, fabs ((double) mono[i]));

  /* 5. */
  if (peak < SILENCE_PEAK)
    return FALSE;

  /* 3. (on the analysed samples only: the others are not used again) */
  if (peak >= 0.05 && peak <= 5.0)
    {
      float gain = (float) CLAMP (1.6 / MAX (peak, 1e-6), 1.0, 2.8);

      for (gsize i = first; i < n_frames; i++)
        mono[i] *= gain;
    }

  magnitudes = g_new (float, n / 2 + 1);
  magnitude_spectrum (self, mono + first, n, magnitudes);
  vitrine_spectrum_fft_to_bars (self, magnitudes, (guint) (n / 2), t, raw);
  return TRUE;
}

/* §3: the bars the display draws, smoothed in time. */
void
vitrine_spectrum_smooth (VitrineSpectrum *self,
                         const float     *raw,
                         double           t,
                         float           *smoothed)
{
  guint bands = self->settings.bands;
  double dt = self->have_smoothed ? t - self->last_smoothed_t : 0;
  double rise, decay;

  self->last_smoothed_t = t;
  self->have_smoothed = TRUE;

  if (dt > GAP_RESET_S || dt <= 0)
    {
      memcpy (self->smoothed, raw, bands * sizeof (float));
      memcpy (smoothed, raw, bands * sizeof (float));
      return;
    }

  vitrine_spectrum_smoothing_alphas (dt, self->settings.tau, &rise, &decay);
  for (guint i = 0; i < bands; i++)
    {
      double current = self->smoothed[i];
      double a = raw[i] >= current ? rise : decay;
      double next = current + (raw[i] - current) * a;

      if (fabs (next) < 1e-3)
        next = 0;
      self->smoothed[i] = (float) next;
      smoothed[i] = (float) next;
    }
}

/*
 * Ghost envelopes (docs/spectrum-bars.md §4): each peak jumps up to its bar and otherwise
 * falls by @decay (bar heights per second) over @dt seconds, never below the bar or zero.
 */
void
vitrine_spectrum_ghost (float       *peaks,
                        const float *bars,
                        guint        bands,
                        double       dt,
                        double       decay)
{
  for (guint i = 0; i < bands; i++)
    {
      double fallen = peaks[i] - decay * MAX (dt, 0.0);

      peaks[i] = (float) MAX (MAX (fallen, (double) bars[i]), 0.0);
    }
}
