/* vitrine-overlay-layer-private.h: the layer's instance struct, shared by the files that
 * split it by concern: layout and drawing (vitrine-overlay-layer.c), timers (the clocks'
 * tick, fades, pixel shift, dimming: vitrine-overlay-layer-timers.c) and interaction mode
 * (vitrine-overlay-layer-input.c).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-overlay-layer.h"

G_BEGIN_DECLS

struct _VitrineOverlayLayer
{
  GtkWidget            parent_instance;

  GSettings           *widgets;
  GSettings           *display;
  VitrineOverlayStyle *style;
  VitrineCompositor   *compositor;
  GListModel          *monitors;       /* the display's monitors; NULL: a window of its own */
  GObject             *monitor_object; /* this window's, among them; NULL: --window */
  int                  monitor;        /* its number among them now; -1: not there */
  gboolean             screensaver;

  GPtrArray           *cards;          /* VitrineOverlayCard, in stacking order */
  GPtrArray           *clocks;         /* the clock cards among them */
  VitrineVisualizer   *visualizer;
  GtkWidget           *visualizer_view;
  gboolean             visualizer_hangs;

  /* Fades: nothing shows before the first photo; then the cards, then their shadows. */
  gboolean             shown;
  guint                fade_tick_id;
  gint64               fade_last_us;

  guint                clock_timer_id;
  gboolean             timer_seconds;   /* the timer is on seconds, not minutes */
  gint64               last_tick_us;

  guint                shift_timer_id;
  guint                shift_retry_id;
  guint                shift_step;
  int                  shift_dx;
  int                  shift_dy;

  double               dim;

  /* What the window's frame clock paints: every frame, and the paint time of frames
   * during a transition (the figures of build-aux/dev bench overlays). */
  GdkFrameClock       *frame_clock;
  guint64              painted;
  gint64               paint_start_us;
  gint64               paint_start_cpu_ns;
  GArray              *transition_paint_ms;   /* double, the newest 4096 */
  GArray              *transition_paint_cpu_ms;  /* the process's CPU time, all threads */

  /* Interaction mode. */
  gboolean             control_held;
  gboolean             interactive;
  gboolean             pointer_inside;
  double               pointer_x;
  double               pointer_y;
  GtkEventController  *key_controller;  /* on the window while rooted */
  GtkWidget           *menu;
};

void _vitrine_overlay_layer_timers_init   (VitrineOverlayLayer *self);
void _vitrine_overlay_layer_timers_stop   (VitrineOverlayLayer *self);
void _vitrine_overlay_layer_restart_clock (VitrineOverlayLayer *self);
void _vitrine_overlay_layer_restart_shift (VitrineOverlayLayer *self);
void _vitrine_overlay_layer_update_dim    (VitrineOverlayLayer *self);
void _vitrine_overlay_layer_check_clock   (VitrineOverlayLayer *self);
void _vitrine_overlay_layer_fade          (VitrineOverlayLayer *self);
gboolean _vitrine_overlay_layer_card_shows (VitrineOverlayLayer *self,
                                            VitrineOverlayCard  *card);
void _vitrine_overlay_layer_input_init    (VitrineOverlayLayer *self);
void _vitrine_overlay_layer_input_root    (VitrineOverlayLayer *self);
void _vitrine_overlay_layer_input_unroot  (VitrineOverlayLayer *self);
void _vitrine_overlay_layer_input_dispose (VitrineOverlayLayer *self);
void _vitrine_overlay_layer_update_interactive (VitrineOverlayLayer *self);

G_END_DECLS
