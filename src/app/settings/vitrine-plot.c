/* vitrine-plot.c: the last minute as lines (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-plot.h"

typedef struct
{
  double values[VITRINE_PLOT_SAMPLES];   /* a ring: the newest at (start + n - 1) % SAMPLES */
  guint  start;
  guint  n;
} Series;

struct _VitrinePlot
{
  GtkWidget parent_instance;

  Series    series[VITRINE_PLOT_MAX_SERIES];
  guint     n_series;
  double    floor;
};

G_DEFINE_FINAL_TYPE (VitrinePlot, vitrine_plot, GTK_TYPE_WIDGET)

/* The series' colours: accent blue, orange, green (readable on light and dark). */
static const double colors[VITRINE_PLOT_MAX_SERIES][3] = {
  { 0.21, 0.52, 0.89 },
  { 0.90, 0.38, 0.0 },
  { 0.18, 0.76, 0.49 },
};

GtkWidget *
vitrine_plot_new (guint  n_series,
                  double floor)
{
  VitrinePlot *self;

  g_return_val_if_fail (n_series >= 1 && n_series <= VITRINE_PLOT_MAX_SERIES, NULL);

  self = g_object_new (VITRINE_TYPE_PLOT, NULL);
  self->n_series = n_series;
  self->floor = floor > 0 ? floor : 1;
  return GTK_WIDGET (self);
}

/* Appends a sample to @series; the oldest goes after a minute. */
void
vitrine_plot_push (VitrinePlot *self,
                   guint        series,
                   double       value)
{
  Series *s;

  g_return_if_fail (VITRINE_IS_PLOT (self));
  g_return_if_fail (series < self->n_series);

  s = &self->series[series];
  if (!isfinite (value) || value < 0)
    value = 0;
  if (s->n < VITRINE_PLOT_SAMPLES)
    s->values[(s->start + s->n++) % VITRINE_PLOT_SAMPLES] = value;
  else
    {
      s->values[s->start] = value;
      s->start = (s->start + 1) % VITRINE_PLOT_SAMPLES;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
vitrine_plot_get_n_samples (VitrinePlot *self,
                            guint        series)
{
  g_return_val_if_fail (VITRINE_IS_PLOT (self), 0);
  g_return_val_if_fail (series < self->n_series, 0);

  return self->series[series].n;
}

double
vitrine_plot_get_last (VitrinePlot *self,
                       guint        series)
{
  Series *s;

  g_return_val_if_fail (VITRINE_IS_PLOT (self), 0);
  g_return_val_if_fail (series < self->n_series, 0);

  s = &self->series[series];
  return s->n > 0 ? s->values[(s->start + s->n - 1) % VITRINE_PLOT_SAMPLES] : 0;
}

static void
draw_series (VitrinePlot *self,
             cairo_t     *cr,
             guint        index,
             double       width,
             double       height,
             double       top)
{
  Series *s = &self->series[index];
  double step = width / (VITRINE_PLOT_SAMPLES - 1);

  if (s->n == 0)
    return;
  for (guint i = 0; i < s->n; i++)
    {
      double value = s->values[(s->start + i) % VITRINE_PLOT_SAMPLES];
      /* The newest sample at the right edge. */
      double x = width - (s->n - 1 - i) * step;
      double y = height - 1 - (height - 2) * value / top;

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_set_source_rgb (cr, colors[index][0], colors[index][1], colors[index][2]);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

static void
vitrine_plot_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  VitrinePlot *self = VITRINE_PLOT (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  double top = self->floor;
  cairo_t *cr;

  if (width <= 1 || height <= 1)
    return;
  for (guint s = 0; s < self->n_series; s++)
    for (guint i = 0; i < self->series[s].n; i++)
      top = MAX (top, self->series[s].values[i]);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  /* A faint frame and a half-way line, so the scale reads at a glance. */
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.5, 0.35);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, 0.5, 0.5, width - 1, height - 1);
  cairo_move_to (cr, 0, floor (height / 2) + 0.5);
  cairo_line_to (cr, width, floor (height / 2) + 0.5);
  cairo_stroke (cr);
  for (guint s = 0; s < self->n_series; s++)
    draw_series (self, cr, s, width, height, top * 1.1);
  cairo_destroy (cr);
}

static void
vitrine_plot_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 120 : 48;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 48;
}

static void
vitrine_plot_class_init (VitrinePlotClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = vitrine_plot_snapshot;
  widget_class->measure = vitrine_plot_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vitrine_plot_init (VitrinePlot *self)
{
}
