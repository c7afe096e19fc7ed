/* vitrine-overlay-layer-timers.c: what changes the layer in time: the one timer for every
 * clock of the display (aligned to the next second, or minute when no card needs seconds;
 * between ticks nothing here wakes and the frame clock idles), the fades, the pixel shift
 * and the dimming with its night schedule.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-clock-text.h"
#include "vitrine-overlay-layer-private.h"
#include "vitrine-overlay-stack.h"

/* A shift due during a transition waits, and looks again this often. */
#define SHIFT_RETRY_MS 250

/* --- the clocks' timer ------------------------------------------------------------ */

static gboolean
wants_seconds (VitrineOverlayLayer *self)
{
  for (guint i = 0; i < self->cards->len; i++)
    {
      VitrineOverlayCard *card = g_ptr_array_index (self->cards, i);

      if (gtk_widget_get_child_visible (GTK_WIDGET (card)) && vitrine_overlay_card_wants_seconds (card))
        return TRUE;
    }
  return FALSE;
}

static gboolean clock_cb (gpointer user_data);

static void
schedule_clock (VitrineOverlayLayer *self)
{
  gint64 delay_us;

  self->timer_seconds = wants_seconds (self);
  delay_us = vitrine_clock_next_tick_us (g_get_real_time (), self->timer_seconds);
  g_clear_handle_id (&self->clock_timer_id, g_source_remove);
  /* A few ms late, so the tick lands after the boundary, never just before it. */
  self->clock_timer_id = g_timeout_add ((guint) (delay_us / 1000) + 3, clock_cb, self);
}

static void
tick_cards (VitrineOverlayLayer *self)
{
  g_autoptr(GDateTime) now = vitrine_overlay_now ();

  self->last_tick_us = g_get_real_time ();
  for (guint i = 0; i < self->cards->len; i++)
    vitrine_overlay_card_tick (g_ptr_array_index (self->cards, i), now);
  _vitrine_overlay_layer_update_dim (self);
}

static gboolean
clock_cb (gpointer user_data)
{
  VitrineOverlayLayer *self = user_data;

  self->clock_timer_id = 0;
  tick_cards (self);
  schedule_clock (self);
  return G_SOURCE_REMOVE;
}

/* A card's content changed (a player started): the timer follows its need for seconds. */
void
_vitrine_overlay_layer_check_clock (VitrineOverlayLayer *self)
{
  if (self->clock_timer_id == 0 || self->timer_seconds != wants_seconds (self))
    schedule_clock (self);
}

/* The cards changed (a clock added, seconds switched on): tick now, then on the boundary. */
void
_vitrine_overlay_layer_restart_clock (VitrineOverlayLayer *self)
{
  tick_cards (self);
  schedule_clock (self);
}

/* --- fades ------------------------------------------------------------------------- */

/*
 * Two stages of fade-duration each: a card's opacity rises first, and once it is whole its
 * shadow comes in. Cards that start together (the first photo, or shown at once) stay
 * together, since they all move by the same step on the same frame. Going out, both fall
 * at once; a card fully out leaves the layout.
 */
static gboolean
fade_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  VitrineOverlayLayer *self = VITRINE_OVERLAY_LAYER (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double duration = vitrine_overlay_style_get (self->style)->fade_duration;
  double step = self->fade_last_us > 0 && duration > 0 ? (now - self->fade_last_us) / (duration * G_USEC_PER_SEC)
                                                       : duration > 0 ? 0 : 1;
  gboolean moving = FALSE, relayout = FALSE;

  self->fade_last_us = now;
  for (guint i = 0; i < self->cards->len; i++)
    {
      VitrineOverlayCard *card = g_ptr_array_index (self->cards, i);
      double opacity = vitrine_overlay_card_get_opacity (card), shadow = vitrine_overlay_card_get_shadow (card);

      if (_vitrine_overlay_layer_card_shows (self, card))
        {
          if (opacity < 1)
            opacity = MIN (opacity + step, 1);
          else
            shadow = MIN (shadow + step, 1);
        }
      else
        {
          opacity = MAX (opacity - step, 0);
          shadow = MAX (shadow - step, 0);
          if (opacity <= 0 && gtk_widget_get_child_visible (GTK_WIDGET (card)))
            {
              gtk_widget_set_child_visible (GTK_WIDGET (card), FALSE);
              relayout = TRUE;
            }
        }
      vitrine_overlay_card_set_fade (card, opacity, shadow);
      moving |= _vitrine_overlay_layer_card_shows (self, card) ? shadow < 1 : opacity > 0;
    }
  if (relayout)
    gtk_widget_queue_allocate (widget);
  if (moving)
    return G_SOURCE_CONTINUE;
  self->fade_tick_id = 0;
  self->fade_last_us = 0;
  return G_SOURCE_REMOVE;
}

/* Something about which cards show changed: cards coming in join the layout at once (at
 * opacity 0), and the fade runs on the frame clock until every card is where it belongs. */
void
_vitrine_overlay_layer_fade (VitrineOverlayLayer *self)
{
  gboolean relayout = FALSE, seconds = wants_seconds (self);

  for (guint i = 0; i < self->cards->len; i++)
    {
      VitrineOverlayCard *card = g_ptr_array_index (self->cards, i);

      if (_vitrine_overlay_layer_card_shows (self, card) && !gtk_widget_get_child_visible (GTK_WIDGET (card)))
        {
          gtk_widget_set_child_visible (GTK_WIDGET (card), TRUE);
          relayout = TRUE;
        }
    }
  if (relayout)
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  /* A seconds clock that just came in needs the faster timer. */
  if (seconds != wants_seconds (self) || relayout)
    schedule_clock (self);
  if (self->fade_tick_id == 0)
    self->fade_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fade_tick_cb, NULL, NULL);
}

/* --- pixel shift ------------------------------------------------------------------- */

static gboolean shift_cb (gpointer user_data);

static gboolean
shift_retry_cb (gpointer user_data)
{
  VitrineOverlayLayer *self = user_data;

  self->shift_retry_id = 0;
  shift_cb (self);
  return G_SOURCE_REMOVE;
}

static gboolean
shift_cb (gpointer user_data)
{
  VitrineOverlayLayer *self = user_data;
  int distance = (int) g_settings_get_uint (self->widgets, "pixel-shift-distance");

  /* Never during a transition: the move would show against the moving photo. */
  if (self->compositor != NULL && vitrine_compositor_get_busy (self->compositor))
    {
      if (self->shift_retry_id == 0)
        self->shift_retry_id = g_timeout_add (SHIFT_RETRY_MS, shift_retry_cb, self);
      return G_SOURCE_CONTINUE;
    }
  self->shift_step++;
  vitrine_pixel_shift_offset (self->shift_step, distance, &self->shift_dx, &self->shift_dy);
  /* Only the layer's container node changes; the cards' nodes stay. */
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_CONTINUE;
}

void
_vitrine_overlay_layer_restart_shift (VitrineOverlayLayer *self)
{
  g_clear_handle_id (&self->shift_timer_id, g_source_remove);
  g_clear_handle_id (&self->shift_retry_id, g_source_remove);
  if (!g_settings_get_boolean (self->widgets, "pixel-shift"))
    {
      self->shift_step = 0;
      self->shift_dx = self->shift_dy = 0;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  self->shift_timer_id = g_timeout_add_seconds (g_settings_get_uint (self->widgets, "pixel-shift-interval"),
                                                shift_cb, self);
}

/* --- dimming ----------------------------------------------------------------------- */

static gboolean
parse_minute (const char *text,
              guint      *minute)
{
  guint h, m;
  char end;

  if (sscanf (text, "%u:%u%c", &h, &m, &end) != 2 || h > 23 || m > 59)
    return FALSE;
  *minute = h * 60 + m;
  return TRUE;
}

/* The dimming now: dim when dim-enabled, deeper at night; redrawn only when it changes. */
void
_vitrine_overlay_layer_update_dim (VitrineOverlayLayer *self)
{
  g_autofree char *start = g_settings_get_string (self->display, "dim-night-start");
  g_autofree char *end = g_settings_get_string (self->display, "dim-night-end");
  gboolean night = g_settings_get_boolean (self->display, "dim-night");
  g_autoptr(GDateTime) utc = vitrine_overlay_now ();
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  guint start_minute = 0, end_minute = 0;
  double dim;

  if (night && (!parse_minute (start, &start_minute) || !parse_minute (end, &end_minute)))
    night = FALSE;
  dim = vitrine_dim_amount (g_settings_get_boolean (self->display, "dim-enabled"),
                            g_settings_get_double (self->display, "dim"), night,
                            g_settings_get_double (self->display, "dim-night-level"),
                            g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local),
                            start_minute, end_minute);
  if (dim == self->dim)
    return;
  self->dim = dim;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
display_changed_cb (VitrineOverlayLayer *self,
                    const char          *key)
{
  if (g_str_has_prefix (key, "dim"))
    _vitrine_overlay_layer_update_dim (self);
}

/* --- set-up -------------------------------------------------------------------------- */

void
_vitrine_overlay_layer_timers_init (VitrineOverlayLayer *self)
{
  g_signal_connect_object (self->display, "changed", G_CALLBACK (display_changed_cb), self, G_CONNECT_SWAPPED);
  _vitrine_overlay_layer_update_dim (self);
  _vitrine_overlay_layer_restart_shift (self);
}

void
_vitrine_overlay_layer_timers_stop (VitrineOverlayLayer *self)
{
  g_clear_handle_id (&self->clock_timer_id, g_source_remove);
  g_clear_handle_id (&self->shift_timer_id, g_source_remove);
  g_clear_handle_id (&self->shift_retry_id, g_source_remove);
  if (self->fade_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fade_tick_id);
      self->fade_tick_id = 0;
    }
}
