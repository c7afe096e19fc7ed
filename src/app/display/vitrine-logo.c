/* vitrine-logo.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-logo.h"

/* The application icon, drawn with cairo.
 *
 * The UI process must never decode an image file (docs/ARCHITECTURE.md §1), not even
 * the icon, so the display window draws the logo from code. The geometry
 * below is the one of
 * data/icons/hicolor/scalable/apps/io.github.vitrine.Vitrine.svg, in the
 * same 128×128 units; a change to one must be made to the other.
 */

#define LOGO_UNITS         128.0
#define LOGO_NATURAL_SIZE  256
#define LOGO_MINIMUM_SIZE  64

struct _VitrineLogo
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (VitrineLogo, vitrine_logo, GTK_TYPE_WIDGET)

typedef struct
{
  double offset;
  guint32 rgb;
} LogoStop;

typedef struct
{
  double x;
  double y;
} LogoPoint;

typedef struct
{
  double x;
  double y;
  double height;
} LogoBar;

static const LogoStop sky_stops[] = {
  { 0.0,  0x1a5fb4 },
  { 0.55, 0xc061cb },
  { 1.0,  0xffa348 },
};

static const LogoStop sun_stops[] = {
  { 0.0, 0xf9f06b },
  { 1.0, 0xffbe6f },
};

static const LogoStop back_stops[] = {
  { 0.0, 0x9141ac },
  { 1.0, 0x613583 },
};

static const LogoStop front_stops[] = {
  { 0.0, 0x3d2a5c },
  { 1.0, 0x241f31 },
};

/* Ridge lines from the left edge of the photo to its right edge; mountain()
 * closes them along the photo's rounded bottom.
 */
static const LogoPoint back_ridge[] = {
  { 16, 76 }, { 36, 56 }, { 52, 68 }, { 72, 48 }, { 96, 70 }, { 112, 60 },
};

static const LogoPoint front_ridge[] = {
  { 16, 84 }, { 34, 72 }, { 50, 80 }, { 72, 66 }, { 92, 78 }, { 112, 70 },
};

/* Spectrum bars standing on a common baseline at y = 88. */
static const LogoBar bars[] = {
  { 27, 84,  4 }, { 35, 80,  8 }, { 43, 76, 12 }, { 51, 79,  9 },
  { 59, 73, 15 }, { 67, 77, 11 }, { 75, 81,  7 }, { 83, 78, 10 },
  { 91, 83,  5 },
};

#define BAR_WIDTH    5.0
#define BAR_OPACITY  0.9

static void
set_source_rgb24 (cairo_t *cr,
                  guint32  rgb)
{
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* A vertical linear gradient from y0 to y1, like the SVG's
 * gradientUnits="userSpaceOnUse" gradients with x1 = x2.
 */
static void
set_source_vertical_gradient (cairo_t        *cr,
                              double          y0,
                              double          y1,
                              const LogoStop *stops,
                              gsize           n_stops)
{
  cairo_pattern_t *pattern;
  gsize i;

  pattern = cairo_pattern_create_linear (0, y0, 0, y1);
  for (i = 0; i < n_stops; i++)
    cairo_pattern_add_color_stop_rgb (pattern,
                                      stops[i].offset,
                                      ((stops[i].rgb >> 16) & 0xff) / 255.0,
                                      ((stops[i].rgb >> 8) & 0xff) / 255.0,
                                      (stops[i].rgb & 0xff) / 255.0);
  cairo_set_source (cr, pattern);
  cairo_pattern_destroy (pattern);
}

static void
rounded_rectangle (cairo_t *cr,
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

/* A ridge line closed along the bottom of the photo (16..112 × 28..92,
 * corner radius 4), so the mountains keep the photo's rounded corners.
 */
static void
mountain (cairo_t         *cr,
          const LogoPoint *ridge,
          gsize            n_points)
{
  gsize i;

  cairo_move_to (cr, ridge[0].x, ridge[0].y);
  for (i = 1; i < n_points; i++)
    cairo_line_to (cr, ridge[i].x, ridge[i].y);
  cairo_line_to (cr, 112, 88);
  cairo_arc (cr, 108, 88, 4, 0, G_PI / 2);
  cairo_arc (cr, 20, 88, 4, G_PI / 2, G_PI);
  cairo_close_path (cr);
}

/* Draws the logo in 128×128 units with the origin at the top left. */
static void
draw_logo (cairo_t *cr)
{
  gsize i;

  /* Frame: the darker base shelf first, then the face above it. */
  rounded_rectangle (cr, 8, 20, 112, 92, 12);
  set_source_rgb24 (cr, 0x241f31);
  cairo_fill (cr);

  rounded_rectangle (cr, 8, 20, 112, 88, 12);
  set_source_rgb24 (cr, 0x3d3846);
  cairo_fill (cr);

  /* The photo: a dusk sky, the sun and two mountain ridges. */
  rounded_rectangle (cr, 16, 28, 96, 64, 4);
  set_source_vertical_gradient (cr, 28, 92, sky_stops, G_N_ELEMENTS (sky_stops));
  cairo_fill (cr);

  cairo_arc (cr, 88, 54, 12, 0, 2 * G_PI);
  set_source_vertical_gradient (cr, 42, 66, sun_stops, G_N_ELEMENTS (sun_stops));
  cairo_fill (cr);

  mountain (cr, back_ridge, G_N_ELEMENTS (back_ridge));
  set_source_vertical_gradient (cr, 50, 92, back_stops, G_N_ELEMENTS (back_stops));
  cairo_fill (cr);

  mountain (cr, front_ridge, G_N_ELEMENTS (front_ridge));
  set_source_vertical_gradient (cr, 68, 92, front_stops, G_N_ELEMENTS (front_stops));
  cairo_fill (cr);

  /* The visualizer hint along the bottom edge of the photo. */
  for (i = 0; i < G_N_ELEMENTS (bars); i++)
    cairo_rectangle (cr, bars[i].x, bars[i].y, BAR_WIDTH, bars[i].height);
  cairo_set_source_rgba (cr, 1, 1, 1, BAR_OPACITY);
  cairo_fill (cr);
}

static void
vitrine_logo_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double size;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  /* Square design: fit the shorter side and centre on the longer one. */
  size = MIN (width, height);

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, (width - size) / 2.0, (height - size) / 2.0);
  cairo_scale (cr, size / LOGO_UNITS, size / LOGO_UNITS);
  draw_logo (cr);
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
  *minimum = LOGO_MINIMUM_SIZE;
  *natural = LOGO_NATURAL_SIZE;
}

static void
vitrine_logo_class_init (VitrineLogoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = vitrine_logo_snapshot;
  widget_class->measure = vitrine_logo_measure;

  gtk_widget_class_set_css_name (widget_class, "vitrinelogo");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
vitrine_logo_init (VitrineLogo *self)
{
  /* The product name, not a translatable string. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Vitrine",
                                  -1);
}

GtkWidget *
vitrine_logo_new (void)
{
  return g_object_new (VITRINE_TYPE_LOGO, NULL);
}
