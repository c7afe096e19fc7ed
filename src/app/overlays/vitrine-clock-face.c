/* vitrine-clock-face.c: the analog dial (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-clock-face.h"

#define FACE_SIZE 168

struct _VitrineClockFace
{
  GtkWidget parent_instance;

  double    hour;
  double    minute;
  double    second;
  gboolean  seconds;
  gboolean  numerals;
  float     shadow_alpha;
  float     shadow_blur;
  float     shadow_offset;
  double    scale;
};

G_DEFINE_FINAL_TYPE (VitrineClockFace, vitrine_clock_face, GTK_TYPE_WIDGET)

void
vitrine_clock_face_set_hands (VitrineClockFace *self,
                              double            hour_angle,
                              double            minute_angle,
                              double            second_angle,
                              gboolean          seconds)
{
  g_return_if_fail (VITRINE_IS_CLOCK_FACE (self));

  if (self->hour == hour_angle && self->minute == minute_angle && self->second == second_angle &&
      self->seconds == seconds)
    return;
  self->hour = hour_angle;
  self->minute = minute_angle;
  self->second = second_angle;
  self->seconds = seconds;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vitrine_clock_face_set_look (VitrineClockFace       *self,
                             gboolean                numerals,
                             const VitrineCardStyle *style)
{
  g_return_if_fail (VITRINE_IS_CLOCK_FACE (self));

  self->numerals = numerals;
  self->shadow_alpha = style->shadow_alpha;
  self->shadow_blur = style->shadow_blur / 2;
  self->shadow_offset = style->shadow_dx / 2;
  if (self->scale != style->text_scale)
    {
      self->scale = style->text_scale;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
vitrine_clock_face_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  VitrineClockFace *self = VITRINE_CLOCK_FACE (widget);

  *minimum = *natural = (int) (FACE_SIZE * CLAMP (self->scale, 0.5, 3.0));
}

static void
hand (cairo_t *cr,
      double   angle,
      double   length,
      double   tail,
      double   width)
{
  double x = sin (angle), y = -cos (angle);

  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, -x * tail, -y * tail);
  cairo_line_to (cr, x * length, y * length);
  cairo_stroke (cr);
}

static void
draw_marks (VitrineClockFace *self,
            cairo_t          *cr,
            double            r,
            const GdkRGBA    *ink)
{
  for (int i = 0; i < 60; i++)
    {
      double a = i * G_PI / 30, outer = r * 0.93, inner = r * (i % 5 == 0 ? 0.80 : 0.88);

      cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, ink->alpha * (i % 5 == 0 ? 0.9 : 0.35));
      cairo_set_line_width (cr, i % 5 == 0 ? r * 0.035 : r * 0.015);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_move_to (cr, sin (a) * inner, -cos (a) * inner);
      cairo_line_to (cr, sin (a) * outer, -cos (a) * outer);
      cairo_stroke (cr);
    }
  if (!self->numerals)
    return;

  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, r * 0.17);
  cairo_set_source_rgba (cr, ink->red, ink->green, ink->blue, ink->alpha * 0.85);
  for (int h = 1; h <= 12; h++)
    {
      char text[4];
      cairo_text_extents_t extents;
      double a = h * G_PI / 6, at = r * 0.64;

      g_snprintf (text, sizeof text, "%d", h);
      cairo_text_extents (cr, text, &extents);
      cairo_move_to (cr, sin (a) * at - extents.width / 2 - extents.x_bearing,
                     -cos (a) * at - extents.height / 2 - extents.y_bearing);
      cairo_show_text (cr, text);
    }
}

static void
vitrine_clock_face_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  VitrineClockFace *self = VITRINE_CLOCK_FACE (widget);
  float size = MIN (gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  double r = size / 2.0 - 2;
  GdkRGBA ink;
  GskRoundedRect disc;
  cairo_t *cr;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &ink);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* The face's shadow: a circle as a rounded rectangle, blurred by GSK (and cached). */
  gsk_rounded_rect_init_from_rect (&disc, &GRAPHENE_RECT_INIT (2, 2, size - 4, size - 4), size / 2 - 2);
  if (self->shadow_alpha > 0)
    gtk_snapshot_append_outset_shadow (snapshot, &disc, &(GdkRGBA) { 0, 0, 0, self->shadow_alpha * 0.8f },
                                       self->shadow_offset, self->shadow_offset, 0, self->shadow_blur);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, size, size));
  cairo_translate (cr, size / 2.0, size / 2.0);

  cairo_arc (cr, 0, 0, r, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.07);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, ink.alpha * 0.45);
  cairo_set_line_width (cr, r * 0.025);
  cairo_stroke (cr);

  draw_marks (self, cr, r, &ink);

  cairo_set_source_rgba (cr, ink.red, ink.green, ink.blue, ink.alpha);
  hand (cr, self->hour, r * 0.50, r * 0.08, r * 0.075);
  hand (cr, self->minute, r * 0.78, r * 0.08, r * 0.05);
  if (self->seconds)
    {
      /* A warm accent, the one colour on the card. */
      cairo_set_source_rgba (cr, 1.0, 0.42, 0.29, 1.0);
      hand (cr, self->second, r * 0.86, r * 0.18, r * 0.02);
    }
  cairo_arc (cr, 0, 0, r * 0.05, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
vitrine_clock_face_class_init (VitrineClockFaceClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->measure = vitrine_clock_face_measure;
  widget_class->snapshot = vitrine_clock_face_snapshot;
  gtk_widget_class_set_css_name (widget_class, "clockface");
}

static void
vitrine_clock_face_init (VitrineClockFace *self)
{
  self->scale = 1.0;
  self->numerals = TRUE;
}

GtkWidget *
vitrine_clock_face_new (void)
{
  return g_object_new (VITRINE_TYPE_CLOCK_FACE, NULL);
}
