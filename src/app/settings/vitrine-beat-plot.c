/* vitrine-beat-plot.c: the last bars of onset strength and RMS on the beat grid (see the
 * header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vitrine-beat-plot.h"

/* The part of the current track the map is fitted over: at most the default
 * audio-feature-history, so a refresh copies a bounded part of the ring. */
#define MAP_HISTORY_S 300.0
/* Segments listed in the text; older ones are counted. */
#define MAP_LINES 4

struct _VitrineBeatPlot
{
  GtkWidget            parent_instance;

  VitrineBeatPlotData *data;
};

G_DEFINE_FINAL_TYPE (VitrineBeatPlot, vitrine_beat_plot, GTK_TYPE_WIDGET)

/* The channels' colours, as in VitrinePlot: accent blue (onset), orange (RMS). */
static const GdkRGBA colors[VITRINE_BEAT_PLOT_N_CHANNELS] = {
  { 0.21, 0.52, 0.89, 1 },
  { 0.90, 0.38, 0.0, 1 },
};

GtkWidget *
vitrine_beat_plot_new (void)
{
  return g_object_new (VITRINE_TYPE_BEAT_PLOT, NULL);
}

/* Shows @data (taken; NULL for the empty state). */
void
vitrine_beat_plot_set_data (VitrineBeatPlot     *self,
                            VitrineBeatPlotData *data)
{
  g_return_if_fail (VITRINE_IS_BEAT_PLOT (self));

  g_clear_pointer (&self->data, vitrine_beat_plot_data_free);
  self->data = data;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* What is drawn, for tests; NULL in the empty state. */
const VitrineBeatPlotData *
vitrine_beat_plot_get_data (VitrineBeatPlot *self)
{
  g_return_val_if_fail (VITRINE_IS_BEAT_PLOT (self), NULL);

  return self->data;
}

/*
 * The plot of what @visualizer's ring holds now, in stream seconds, and where the track
 * started (@track_start_s); NULL without a confident beat. The map is refitted to the
 * current track's beats in the ring with the tracker's own code, so it is the tracker's
 * map over that stretch.
 */
VitrineBeatPlotData *
vitrine_beat_plot_read (VitrineVisualizer *visualizer,
                        double            *track_start_s)
{
  g_autofree VitrineFeatureRingFrame *frames = NULL;
  VitrineFeatureState state;
  double seconds;
  guint n, max_frames;

  *track_start_s = 0;
  if (visualizer == NULL || !vitrine_visualizer_read_beats (visualizer, &state) || state.bpm <= 0)
    return NULL;
  /* read_beats() gives monotonic times; the frames are in stream times. */
  *track_start_s = state.track_start - state.clock_offset;
  seconds = MIN (MAP_HISTORY_S, MAX (state.beat_period * 4 * VITRINE_BEAT_PLOT_BARS,
                                     g_get_monotonic_time () / 1e6 - state.track_start + 1));
  if (!isfinite (seconds))
    return NULL;
  max_frames = (guint) MIN (seconds * 200, VITRINE_FEATURE_RING_MAX_FRAMES);
  frames = g_new (VitrineFeatureRingFrame, max_frames);
  n = vitrine_visualizer_read_features (visualizer, seconds, frames, max_frames);
  return vitrine_beat_plot_data_new_from_frames (frames, n, state.track,
                                                 state.last_downbeat > 0 ? state.last_downbeat - state.clock_offset : 0);
}

/* "m:ss" of @seconds into the track. */
static char *
track_time (double seconds)
{
  guint s = (guint) MIN (MAX (floor (seconds), 0), 359999);

  return g_strdup_printf ("%u:%02u", s / 60, s % 60);
}

static void
describe_segment (GString                   *out,
                  const VitrineTempoSegment *s,
                  double                     track_start_s,
                  gboolean                   current)
{
  g_autofree char *from = track_time (s->start_s - track_start_s);
  g_autofree char *to = track_time (s->end_s - track_start_s);

  if (out->len > 0)
    g_string_append_c (out, '\n');
  if (current && s->kind == VITRINE_TEMPO_RAMP)
    /* Translators: a tempo ramp (in BPM) since a time into the track, e.g. "ramp 140.0 → 120.0 BPM since 0:42" */
    g_string_append_printf (out, _("ramp %.1f → %.1f BPM since %s"), s->start_bpm, s->end_bpm, from);
  else if (current)
    /* Translators: a steady tempo since a time into the track, e.g. "120.0 BPM constant since 0:42" */
    g_string_append_printf (out, _("%.1f BPM constant since %s"), s->start_bpm, from);
  else if (s->kind == VITRINE_TEMPO_RAMP)
    /* Translators: a past tempo ramp between two times into the track */
    g_string_append_printf (out, _("%s–%s: ramp %.1f → %.1f BPM"), from, to, s->start_bpm, s->end_bpm);
  else
    /* Translators: a past steady tempo between two times into the track */
    g_string_append_printf (out, _("%s–%s: %.1f BPM constant"), from, to, s->start_bpm);
}

/* The map's segments, oldest first, the current one last; NULL-safe. */
char *
vitrine_beat_plot_describe_map (const VitrineBeatPlotData *data,
                                double                     track_start_s)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = data != NULL ? data->segments->len : 0, first = n > MAP_LINES ? n - MAP_LINES : 0;

  if (n == 0)
    return g_strdup (_("No tempo map: no confident beat yet"));
  if (first > 0)
    /* Translators: older segments of the tempo map that are not listed */
    g_string_append_printf (out, ngettext ("%u earlier segment", "%u earlier segments", first), first);
  for (guint i = first; i < n; i++)
    describe_segment (out, &g_array_index (data->segments, VitrineTempoSegment, i), track_start_s, i == n - 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The whole beats (bars stronger) under the curves. */
static void
draw_grid (const VitrineTempoView *view,
           cairo_t                *cr,
           double                  width,
           double                  height)
{
  double span = (double) view->spec.n_rows / view->spec.subdivision;

  cairo_set_line_width (cr, 1);
  for (guint j = 0; j <= (guint) span; j++)
    {
      double in_bar = fmod (view->phase + j, view->beats_per_bar);
      gboolean bar = fabs (in_bar) < 1e-6 || fabs (in_bar - view->beats_per_bar) < 1e-6;
      double x = floor (MIN (j / span * width, width - 1)) + 0.5;

      cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, bar ? 0.8 : 0.3);
      cairo_move_to (cr, x, 0);
      cairo_line_to (cr, x, height);
      cairo_stroke (cr);
    }
}

/* One channel scaled to its own largest value, broken where it is NaN. */
static void
draw_channel (const VitrineTempoView *view,
              cairo_t                *cr,
              guint                   channel,
              double                  width,
              double                  height)
{
  double span = (double) view->spec.n_rows / view->spec.subdivision, top = 1e-9;
  gboolean drawing = FALSE;

  for (gsize k = 0; k < view->spec.n_rows; k++)
    if (isfinite (view->values[k * view->channels + channel]))
      top = MAX (top, view->values[k * view->channels + channel]);
  for (gsize k = 0; k < view->spec.n_rows; k++)
    {
      double value = view->values[k * view->channels + channel];
      double x = (view->beats[k] - view->spec.first_beat) / span * width;
      double y = height - 2 - (height - 20) * MAX (value, 0) / top;

      if (!isfinite (value))
        drawing = FALSE;
      else if (!drawing)
        {
          cairo_move_to (cr, x, y);
          drawing = TRUE;
        }
      else
        cairo_line_to (cr, x, y);
    }
  gdk_cairo_set_source_rgba (cr, &colors[channel]);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

/* The legend (each name in its curve's colour), or the empty state. */
static void
draw_text (VitrineBeatPlot *self,
           GtkSnapshot     *snapshot,
           double           width,
           double           height)
{
  static const char *names[VITRINE_BEAT_PLOT_N_CHANNELS] = { N_("Onset strength"), N_("RMS") };
  double x = 6;

  if (self->data == NULL)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), _("No confident beat"));
      GdkRGBA dim = { 0.5, 0.5, 0.5, 1 };
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((width - w) / 2, (height - h) / 2));
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      gtk_snapshot_restore (snapshot);
      return;
    }
  for (guint c = 0; c < VITRINE_BEAT_PLOT_N_CHANNELS; c++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), _(names[c]));
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, 1));
      gtk_snapshot_append_layout (snapshot, layout, &colors[c]);
      gtk_snapshot_restore (snapshot);
      x += w + 12;
    }
}

static void
vitrine_beat_plot_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  VitrineBeatPlot *self = VITRINE_BEAT_PLOT (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 1 || height <= 1)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_stroke (cr);
  if (self->data != NULL && self->data->view->spec.n_rows > 0)
    {
      draw_grid (self->data->view, cr, width, height);
      for (guint c = 0; c < VITRINE_BEAT_PLOT_N_CHANNELS; c++)
        draw_channel (self->data->view, cr, c, width, height);
    }
  cairo_destroy (cr);
  draw_text (self, snapshot, width, height);
}

static void
vitrine_beat_plot_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 72;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 72;
}

static void
vitrine_beat_plot_finalize (GObject *object)
{
  VitrineBeatPlot *self = VITRINE_BEAT_PLOT (object);

  g_clear_pointer (&self->data, vitrine_beat_plot_data_free);

  G_OBJECT_CLASS (vitrine_beat_plot_parent_class)->finalize (object);
}

static void
vitrine_beat_plot_class_init (VitrineBeatPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = vitrine_beat_plot_finalize;
  widget_class->snapshot = vitrine_beat_plot_snapshot;
  widget_class->measure = vitrine_beat_plot_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vitrine_beat_plot_init (VitrineBeatPlot *self)
{
}
