/* vitrine-logo.c: the application icon, drawn with cairo.
 *
 * The UI process never decodes an image file, not even its own icon, so the logo on the
 * display window is the icon's geometry in code. It must stay in step with
 * data/icons/hicolor/scalable/apps/io.github.vitrine.Vitrine.svg (a 128×128 design).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-logo.h"

#define DESIGN_SIZE 128.0

struct _VitrineLogo
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (VitrineLogo, vitrine_logo, GTK_TYPE_WIDGET)

typedef struct
{
  double offset;
  guint32 rgb;
} Stop;

static void
set_rgb (cairo_t *cr,
         guint32  rgb,
         double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

/* A vertical linear gradient from y0 to y1, as the SVG's userSpaceOnUse gradients. */
static void
fill_gradient (cairo_t     *cr,
               double       y0,
               double       y1,
               const Stop  *stops,
               guint        n_stops)
{
  cairo_pattern_t *pattern = cairo_pattern_create_linear (0, y0, 0, y1);

  for (guint i = 0; i < n_stops; i++)
    cairo_pattern_add_color_stop_rgb (pattern, stops[i].offset,
                                      ((stops[i].rgb >> 16) & 0xff) / 255.0,
                                      ((stops[i].rgb >> 8) & 0xff) / 255.0,
                                      (stops[i].rgb & 0xff) / 255.0);
  cairo_set_source (cr, pattern);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   width,
              double   height,
              double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
polygon (cairo_t      *cr,
         const double *points,
         guint         n_points)
{
  cairo_move_to (cr, points[0], points[1]);
  for (guint i = 1; i < n_points; i++)
    cairo_line_to (cr, points[2 * i], points[2 * i + 1]);
  cairo_close_path (cr);
}

static void
draw_icon (cairo_t *cr)
{
  static const Stop sky[] = { { 0, 0x1a5fb4 }, { 0.55, 0xc061cb }, { 1, 0xffa348 } };
  static const Stop sun[] = { { 0, 0xf9f06b }, { 1, 0xffbe6f } };
  static const Stop back[] = { { 0, 0x9141ac }, { 1, 0x613583 } };
  static const Stop front[] = { { 0, 0x3d2a5c }, { 1, 0x241f31 } };
  static const double back_ridge[] = { 16, 76, 36, 56, 52, 68, 72, 48, 96, 70, 112, 60, 112, 92, 16, 92 };
  static const double front_ridge[] = { 16, 84, 34, 72, 50, 80, 72, 66, 92, 78, 112, 70, 112, 92, 16, 92 };
  /* The spectrum bars: x, top y; all 5 wide and standing on y = 88. */
  static const double bars[][2] = {
    { 27, 84 }, { 35, 80 }, { 43, 76 }, { 51, 79 }, { 59, 73 }, { 67, 77 }, { 75, 81 }, { 83, 78 }, { 91, 83 },
  };

  /* Frame: a darker base under the face gives it a little depth. */
  rounded_rect (cr, 8, 20, 112, 92, 12);
  set_rgb (cr, 0x241f31, 1);
  cairo_fill (cr);
  rounded_rect (cr, 8, 20, 112, 88, 12);
  set_rgb (cr, 0x3d3846, 1);
  cairo_fill (cr);

  rounded_rect (cr, 16, 28, 96, 64, 4);
  fill_gradient (cr, 28, 92, sky, G_N_ELEMENTS (sky));

  cairo_arc (cr, 80, 62, 13, 0, 2 * G_PI);
  fill_gradient (cr, 48, 76, sun, G_N_ELEMENTS (sun));

  polygon (cr, back_ridge, G_N_ELEMENTS (back_ridge) / 2);
  fill_gradient (cr, 50, 92, back, G_N_ELEMENTS (back));
  polygon (cr, front_ridge, G_N_ELEMENTS (front_ridge) / 2);
  fill_gradient (cr, 68, 92, front, G_N_ELEMENTS (front));

  for (guint i = 0; i < G_N_ELEMENTS (bars); i++)
    cairo_rectangle (cr, bars[i][0], bars[i][1], 5, 88 - bars[i][1]);
  set_rgb (cr, 0xffffff, 0.9);
  cairo_fill (cr);
}

static void
vitrine_logo_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double size = MIN (width, height);
  cairo_t *cr;

  if (size <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, (width - size) / 2, (height - size) / 2);
  cairo_scale (cr, size / DESIGN_SIZE, size / DESIGN_SIZE);
  draw_icon (cr);
  cairo_destroy (cr);
}

static void
vitrine_logo_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = 64;
  *natural = 256;
}

GtkWidget *
vitrine_logo_new (void)
{
  return g_object_new (VITRINE_TYPE_LOGO, NULL);
}

static void
vitrine_logo_class_init (VitrineLogoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = vitrine_logo_snapshot;
  widget_class->measure = vitrine_logo_measure;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vitrine_logo_init (VitrineLogo *self)
{
}
