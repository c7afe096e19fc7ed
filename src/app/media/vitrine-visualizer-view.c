/* vitrine-visualizer-view.c: drawing the visualizer card (see the header).
 *
 * Each bar is a column of 18 segments (1 px apart; bars 2 px apart), lit from the bottom
 * to the bar's height with at least one lit as an idle floor, each segment filled and
 * outlined in the settings' colours. Above a bar, the segments up to its ghost peak are
 * drawn in the fill colour fading from the ghost alpha at the bar top to nothing at the
 * peak. The card is drawn with GSK nodes, which GTK batches into one GL pass; it ticks on
 * the frame clock only while it shows or might show.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-visualizer-view.h"

#define PADDING 12
#define BAR_WIDTH 10
#define BAR_GAP 2
#define SEGMENT_HEIGHT 6
#define SEGMENT_GAP 1
#define MARGIN 24

struct _VitrineVisualizerView
{
  GtkWidget               parent_instance;

  VitrineVisualizer      *visualizer;
  VitrineVisualizerModel  model;
  guint                   tick_id;
  GdkRGBA                 fill;
  GdkRGBA                 border;
  GdkRGBA                 background;
  GdkRGBA                 frame;
  float                   frame_width;
  float                   radius;
  gboolean                ghosting;
  double                  ghost_alpha;
};

G_DEFINE_FINAL_TYPE (VitrineVisualizerView, vitrine_visualizer_view, GTK_TYPE_WIDGET)

double
vitrine_visualizer_view_get_opacity (VitrineVisualizerView *self)
{
  return self->model.opacity;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  VitrineVisualizerView *self = VITRINE_VISUALIZER_VIEW (widget);
  VitrineVisualizerParams params;
  VitrineAudioFrame frame;
  gboolean have = vitrine_visualizer_read (self->visualizer, &frame);
  gboolean playing = vitrine_visualizer_get_playing (self->visualizer);
  guint bars = self->model.bar_count;
  double now = gdk_frame_clock_get_frame_time (clock) / (double) G_USEC_PER_SEC;

  vitrine_visualizer_get_params (self->visualizer, &params);
  vitrine_visualizer_model_update (&self->model, &params, have ? &frame : NULL, playing, now);
  if (bars != self->model.bar_count)
    gtk_widget_queue_resize (widget);
  gtk_widget_queue_draw (widget);

  /* At rest: hidden, and nothing asks for the card. The controller's "changed" wakes it. */
  if (self->model.opacity <= 0 &&
      (!vitrine_visualizer_get_enabled (self->visualizer) ||
       !vitrine_visualizer_model_wants (&self->model, &params, have ? &frame : NULL, playing, now)))
    {
      self->model.last_t = 0;
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
wake (VitrineVisualizerView *self)
{
  if (self->tick_id == 0 && gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      vitrine_visualizer_get_enabled (self->visualizer))
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
}

static void
load_style (VitrineVisualizerView *self)
{
  GSettings *settings = vitrine_visualizer_get_settings (self->visualizer);
  g_autofree char *fill = g_settings_get_string (settings, "fill-color");
  g_autofree char *border = g_settings_get_string (settings, "border-color");

  self->ghosting = g_settings_get_boolean (settings, "ghosting");
  self->ghost_alpha = g_settings_get_double (settings, "ghost-alpha");
  if (!gdk_rgba_parse (&self->fill, fill))
    gdk_rgba_parse (&self->fill, "rgba(255,255,255,0.85)");
  if (!gdk_rgba_parse (&self->border, border))
    gdk_rgba_parse (&self->border, "rgba(255,255,255,0.35)");
  if (self->model.bar_count != g_settings_get_uint (settings, "bar-count"))
    {
      vitrine_visualizer_model_init (&self->model, g_settings_get_uint (settings, "bar-count"));
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

static void
changed_cb (VitrineVisualizer     *visualizer,
            VitrineVisualizerView *self)
{
  load_style (self);
  wake (self);
}

static void
vitrine_visualizer_view_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  VitrineVisualizerView *self = VITRINE_VISUALIZER_VIEW (widget);
  int n = (int) self->model.bar_count;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 2 * PADDING + n * BAR_WIDTH + (n - 1) * BAR_GAP;
  else
    *minimum = *natural = 2 * PADDING + VITRINE_VISUALIZER_SEGMENTS * SEGMENT_HEIGHT +
                          (VITRINE_VISUALIZER_SEGMENTS - 1) * SEGMENT_GAP;
}

static void
vitrine_visualizer_view_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  VitrineVisualizerView *self = VITRINE_VISUALIZER_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  float border_widths[4] = { 1, 1, 1, 1 };
  GdkRGBA borders[4] = { self->border, self->border, self->border, self->border };
  GskRoundedRect card;
  guint n = self->model.bar_count;
  /* Wider than it asked for (hanging on the now playing card, as wide as it): the bars
   * share the width. */
  float bar_width = n > 0 ? MAX (BAR_WIDTH, (width - 2.0f * PADDING - (n - 1) * BAR_GAP) / n) : BAR_WIDTH;
  double pulse;

  if (self->model.opacity <= 0)
    return;
  /* The beat pulse (visualizer/beat-pulse): the card lightens on each beat. Beats are
   * emitted 60 ms late, so the flash is anchored to the beat's own time. */
  pulse = vitrine_visualizer_beat_pulse (self->visualizer, g_get_monotonic_time () / (double) G_USEC_PER_SEC);

  gtk_snapshot_push_opacity (snapshot, self->model.opacity);
  gsk_rounded_rect_init_from_rect (&card, &GRAPHENE_RECT_INIT (0, 0, width, height), self->radius);
  gtk_snapshot_push_rounded_clip (snapshot, &card);
  gtk_snapshot_append_color (snapshot, &self->background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (pulse > 0.01)
    gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, (float) (0.22 * pulse) },
                               &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_pop (snapshot);
  if (self->frame_width > 0)
    {
      float w = self->frame_width;

      gtk_snapshot_append_border (snapshot, &card, (float[4]) { w, w, w, w },
                                  (GdkRGBA[4]) { self->frame, self->frame, self->frame, self->frame });
    }

  for (guint b = 0; b < self->model.bar_count; b++)
    {
      guint lit = vitrine_visualizer_lit_segments (self->model.bars[b]);
      guint ghost = self->ghosting ? vitrine_visualizer_lit_segments (self->model.peaks[b]) : 0;
      float x = PADDING + b * (bar_width + BAR_GAP);

      for (guint s = 0; s < MAX (lit, ghost); s++)
        {
          float y = height - PADDING - (s + 1) * SEGMENT_HEIGHT - s * SEGMENT_GAP;
          graphene_rect_t rect = GRAPHENE_RECT_INIT (x, y, bar_width, SEGMENT_HEIGHT);
          GskRoundedRect outline;

          if (s < lit)
            {
              gtk_snapshot_append_color (snapshot, &self->fill, &rect);
              gsk_rounded_rect_init_from_rect (&outline, &rect, 0);
              gtk_snapshot_append_border (snapshot, &outline, border_widths, borders);
            }
          else
            {
              /* The trail: strongest just above the bar, gone at the peak. */
              GdkRGBA trail = self->fill;
              double fade = 1.0 - (double) (s - lit + 1) / (ghost - lit + 1);

              trail.alpha = (float) (self->fill.alpha * self->ghost_alpha * fade);
              gtk_snapshot_append_color (snapshot, &trail, &rect);
            }
        }
    }
  gtk_snapshot_pop (snapshot);
}

/* The overlay cards' frame (their background, border and corner radius), so the card
 * matches the others. */
void
vitrine_visualizer_view_set_frame (VitrineVisualizerView *self,
                                   const GdkRGBA         *background,
                                   const GdkRGBA         *border,
                                   float                  border_width,
                                   float                  radius)
{
  g_return_if_fail (VITRINE_IS_VISUALIZER_VIEW (self));

  self->background = *background;
  self->frame = *border;
  self->frame_width = border_width;
  self->radius = radius;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
vitrine_visualizer_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vitrine_visualizer_view_parent_class)->map (widget);
  wake (VITRINE_VISUALIZER_VIEW (widget));
}

static void
vitrine_visualizer_view_dispose (GObject *object)
{
  VitrineVisualizerView *self = VITRINE_VISUALIZER_VIEW (object);

  if (self->visualizer != NULL)
    g_signal_handlers_disconnect_by_data (self->visualizer, self);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_object (&self->visualizer);

  G_OBJECT_CLASS (vitrine_visualizer_view_parent_class)->dispose (object);
}

static void
vitrine_visualizer_view_class_init (VitrineVisualizerViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_visualizer_view_dispose;
  widget_class->measure = vitrine_visualizer_view_measure;
  widget_class->snapshot = vitrine_visualizer_view_snapshot;
  widget_class->map = vitrine_visualizer_view_map;
  gtk_widget_class_set_css_name (widget_class, "visualizer");
}

static void
vitrine_visualizer_view_init (VitrineVisualizerView *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
  gtk_widget_set_margin_start (GTK_WIDGET (self), MARGIN);
  gtk_widget_set_margin_end (GTK_WIDGET (self), MARGIN);
  gtk_widget_set_margin_top (GTK_WIDGET (self), MARGIN);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self), MARGIN);
  vitrine_visualizer_model_init (&self->model, 15);
  self->background = (GdkRGBA) { 0, 0, 0, 0.35f };
  self->radius = 10;
}

GtkWidget *
vitrine_visualizer_view_new (VitrineVisualizer *visualizer)
{
  VitrineVisualizerView *self = g_object_new (VITRINE_TYPE_VISUALIZER_VIEW, NULL);

  self->visualizer = g_object_ref (visualizer);
  g_signal_connect (visualizer, "changed", G_CALLBACK (changed_cb), self);
  load_style (self);
  return GTK_WIDGET (self);
}
