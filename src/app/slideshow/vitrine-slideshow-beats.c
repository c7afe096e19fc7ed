/* vitrine-slideshow-beats.c: beat-synced slide changes (`display/beat-sync`,
 * docs/ARCHITECTURE.md §6). While the beat tracker is confident, the next photo starts on
 * a downbeat: the interval rounded to whole bars (vitrine_beat_sync_next_change()), the
 * transition snapped to whole beats. The timer wakes LEAD_S before the change, reads the
 * tracker's newest state from the feature ring, and hands the downbeat to the compositors
 * as the transition's start time, so the main loop's lateness does not move it. Without a
 * confident beat, the plain interval.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-beat-sync.h"
#include "vitrine-beat-tracker.h"
#include "vitrine-slideshow-private.h"

/* Seconds between waking up and the change: time to read the state and start the show. */
#define LEAD_S 0.4

static double
now_s (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

gboolean
_vitrine_slideshow_beat_sync_on (VitrineSlideshow *self)
{
  return self->visualizer != NULL && g_settings_get_boolean (self->display_settings, "beat-sync");
}

/* The transition's duration: whole beats while the next change is on a downbeat. */
double
_vitrine_slideshow_transition_duration (VitrineSlideshow *self)
{
  double duration = g_settings_get_double (self->transitions, "duration");

  return self->beat_duration > 0 ? self->beat_duration : duration;
}

static gboolean beat_timer_cb (gpointer user_data);

static void
schedule (VitrineSlideshow *self,
          double            at)
{
  double wait = MAX (at - now_s (), 0.0);

  g_clear_handle_id (&self->beat_timer_id, g_source_remove);
  self->beat_timer_id = g_timeout_add ((guint) (wait * 1000), beat_timer_cb, self);
}

/* The next change's time, and whether it is on a downbeat (@bpm its tempo). */
static gboolean
plan (VitrineSlideshow *self,
      double            now,
      double           *change_at,
      double           *bpm)
{
  VitrineFeatureState state;
  VitrineBeatSyncState sync;

  *change_at = self->slide_start + _vitrine_slideshow_interval (self);
  *bpm = 0;
  if (!vitrine_visualizer_read_beats (self->visualizer, &state))
    return FALSE;
  sync = (VitrineBeatSyncState) { state.bpm, state.confidence, state.last_downbeat };
  if (!vitrine_beat_sync_next_change (&sync, VITRINE_BEAT_MIN_CONFIDENCE, self->slide_start,
                                      _vitrine_slideshow_interval (self), now, change_at))
    return FALSE;
  *bpm = state.bpm;
  return TRUE;
}

static gboolean
beat_timer_cb (gpointer user_data)
{
  VitrineSlideshow *self = user_data;
  double now = now_s (), change_at, bpm;
  gboolean synced;

  self->beat_timer_id = 0;
  synced = plan (self, now, &change_at, &bpm);
  /* Woken early (the plan moved later): sleep until just before the change. */
  if (change_at - now > LEAD_S + 0.05)
    {
      schedule (self, change_at - LEAD_S);
      return G_SOURCE_REMOVE;
    }
  if (!self->paused)
    {
      self->beat_start_at = synced ? (gint64) (change_at * G_USEC_PER_SEC) : 0;
      self->beat_duration = synced ? vitrine_beat_sync_snap_duration (g_settings_get_double (self->transitions,
                                                                                            "duration"), bpm)
                                   : 0;
      _vitrine_slideshow_advance (self, TRUE);
      self->beat_start_at = 0;
      if (synced)
        {
          self->beat_changes++;
          self->last_beat_change = change_at;
        }
    }
  self->slide_start = synced ? change_at : MAX (change_at, now);
  schedule (self, self->slide_start + _vitrine_slideshow_interval (self) - LEAD_S);
  return G_SOURCE_REMOVE;
}

/* A new slide started now (start, next, previous, interval changed): time the next one. */
void
_vitrine_slideshow_beat_timer_start (VitrineSlideshow *self)
{
  self->slide_start = now_s ();
  schedule (self, self->slide_start + _vitrine_slideshow_interval (self) - LEAD_S);
}

/* The slideshow needs the tracker while beat-sync is on, and nothing of it otherwise. */
void
_vitrine_slideshow_beat_sync_changed (VitrineSlideshow *self)
{
  if (self->visualizer == NULL)
    return;
  vitrine_visualizer_declare (self->visualizer, "display/beat-sync",
                              g_settings_get_boolean (self->display_settings, "beat-sync") ? "beat" : NULL);
  if (!g_settings_get_boolean (self->display_settings, "beat-sync"))
    self->beat_duration = 0;
}

/* Where the beats come from; the slideshow's timer follows them from now on. */
void
vitrine_slideshow_set_visualizer (VitrineSlideshow  *self,
                                  VitrineVisualizer *visualizer)
{
  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  g_set_object (&self->visualizer, visualizer);
  _vitrine_slideshow_beat_sync_changed (self);
  if (self->timer_id != 0 || self->beat_timer_id != 0)
    _vitrine_slideshow_restart_timer (self);
}
