/* vitrine-visualizer-model.c: the visualizer card's state from frame to frame (see the
 * header).
 *
 * Gating: with show-when "playing", the card is wanted while an MPRIS player plays and the
 * audio is not quiet (docs/spectrum-bars.md §4: no sound for 0.4 s); "audio" drops the
 * player condition; "always" wants it regardless. While sound arrives, the bars are the worker's smoothed
 * bars. Otherwise they decay to zero on the clock, at the smoothing's decay rate (never
 * frozen on a stale frame), the ghost peaks fall at their own rate, and once nothing is
 * left above zero an unwanted card fades out.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-spectrum.h"
#include "vitrine-visualizer-model.h"

void
vitrine_visualizer_model_init (VitrineVisualizerModel *model,
                               guint                   bar_count)
{
  memset (model, 0, sizeof *model);
  model->bar_count = CLAMP (bar_count, 1, VITRINE_AUDIO_MAX_BARS);
}

static gboolean
usable (const VitrineVisualizerParams *params,
        const VitrineAudioFrame       *frame)
{
  return frame != NULL && frame->generation == params->generation && frame->bar_count > 0;
}

static gboolean
sounding (const VitrineVisualizerParams *params,
          const VitrineAudioFrame       *frame,
          double                         now)
{
  return usable (params, frame) && !vitrine_audio_frame_is_quiet (frame, now);
}

/* Whether the card should be up now (before fading). */
gboolean
vitrine_visualizer_model_wants (const VitrineVisualizerModel  *model,
                                const VitrineVisualizerParams *params,
                                const VitrineAudioFrame       *frame,
                                gboolean                       playing,
                                double                         now)
{
  switch (params->show_when)
    {
    case VITRINE_VISUALIZER_SHOW_WHEN_ALWAYS:
      return TRUE;
    case VITRINE_VISUALIZER_SHOW_WHEN_AUDIO:
      return sounding (params, frame, now);
    case VITRINE_VISUALIZER_SHOW_WHEN_PLAYING:
    default:
      return playing && sounding (params, frame, now);
    }
}

void
vitrine_visualizer_model_update (VitrineVisualizerModel        *model,
                                 const VitrineVisualizerParams *params,
                                 const VitrineAudioFrame       *frame,
                                 gboolean                       playing,
                                 double                         now)
{
  double dt = model->last_t > 0 ? CLAMP (now - model->last_t, 0.0, 1.0) : 0.0;
  gboolean live = (params->show_when != VITRINE_VISUALIZER_SHOW_WHEN_PLAYING || playing) &&
                  sounding (params, frame, now);
  gboolean any = FALSE, wanted;
  double rise, decay, step;

  model->last_t = now;

  if (live)
    {
      model->bar_count = MIN (frame->bar_count, VITRINE_AUDIO_MAX_BARS);
      memcpy (model->bars, frame->smoothed, sizeof (float) * model->bar_count);
      memcpy (model->peaks, frame->peaks, sizeof (float) * model->bar_count);
      model->last_frame = frame->frame;
    }
  else
    {
      /* Down to zero on the clock, as the smoothing would fall on silence. */
      vitrine_spectrum_smoothing_alphas (dt, params->tau, &rise, &decay);
      for (guint i = 0; i < model->bar_count; i++)
        {
          double next = model->bars[i] * (1.0 - decay);

          model->bars[i] = fabs (next) < 1e-3 ? 0.0f : (float) next;
        }
      vitrine_spectrum_ghost (model->peaks, model->bars, model->bar_count, dt, params->ghost_decay);
    }

  for (guint i = 0; i < model->bar_count; i++)
    any |= model->bars[i] > 0 || model->peaks[i] > 0;

  /* The card stays while anything is left to fall; then it fades. */
  wanted = vitrine_visualizer_model_wants (model, params, frame, playing, now) ||
           (any && model->opacity > 0);
  step = dt / VITRINE_VISUALIZER_FADE;
  model->opacity = CLAMP (model->opacity + (wanted ? step : -step), 0.0, 1.0);
}

/* Segments lit for a bar of @value (0 to 1): at least one, the idle floor. */
guint
vitrine_visualizer_lit_segments (float value)
{
  long lit = lround (CLAMP (value, 0.0f, 1.0f) * VITRINE_VISUALIZER_SEGMENTS);

  return (guint) CLAMP (lit, 1, VITRINE_VISUALIZER_SEGMENTS);
}
