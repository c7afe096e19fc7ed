/* vitrine-plot.h: a small line plot of the last minute, drawn in code: up to three series
 * of one sample a second each, scaled to the largest value shown (never below a floor, so
 * a quiet series stays flat at the bottom instead of filling the plot with noise).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VITRINE_PLOT_SAMPLES 60
#define VITRINE_PLOT_MAX_SERIES 3

#define VITRINE_TYPE_PLOT (vitrine_plot_get_type ())

G_DECLARE_FINAL_TYPE (VitrinePlot, vitrine_plot, VITRINE, PLOT, GtkWidget)

GtkWidget *vitrine_plot_new          (guint        n_series,
                                      double       floor);
void       vitrine_plot_push         (VitrinePlot *self,
                                      guint        series,
                                      double       value);
guint      vitrine_plot_get_n_samples (VitrinePlot *self,
                                      guint        series);
double     vitrine_plot_get_last     (VitrinePlot *self,
                                      guint        series);

G_END_DECLS
