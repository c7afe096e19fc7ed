/* test-overlay-stack.c: overlay card placement at the nine anchors, stacking without overlap,
 * a hanging card; the pixel shift's walk; dimming with the night schedule.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-enums.h"
#include "vitrine-overlay-stack.h"
#include "vitrine-weather-code.h"

#define W 1920
#define H 1080
#define MARGIN 32
#define SPACING 12

static gboolean
overlap (const VitrineStackPlace *a,
         const VitrineStackPlace *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
test_anchors (void)
{
  VitrineStackItem items[9];
  VitrineStackPlace places[9];

  for (guint a = 0; a < 9; a++)
    items[a] = (VitrineStackItem) { 200, 100, a, -1, TRUE };
  vitrine_overlay_stack_place (items, 9, W, H, MARGIN, SPACING, places);

  g_assert_cmpint (places[VITRINE_ANCHOR_TOP_LEFT].x, ==, MARGIN);
  g_assert_cmpint (places[VITRINE_ANCHOR_TOP_LEFT].y, ==, MARGIN);
  g_assert_cmpint (places[VITRINE_ANCHOR_TOP].x, ==, (W - 200) / 2);
  g_assert_cmpint (places[VITRINE_ANCHOR_TOP_RIGHT].x, ==, W - MARGIN - 200);
  g_assert_cmpint (places[VITRINE_ANCHOR_LEFT].y, ==, (H - 100) / 2);
  g_assert_cmpint (places[VITRINE_ANCHOR_CENTER].x, ==, (W - 200) / 2);
  g_assert_cmpint (places[VITRINE_ANCHOR_CENTER].y, ==, (H - 100) / 2);
  g_assert_cmpint (places[VITRINE_ANCHOR_RIGHT].x, ==, W - MARGIN - 200);
  g_assert_cmpint (places[VITRINE_ANCHOR_BOTTOM_LEFT].y, ==, H - MARGIN - 100);
  g_assert_cmpint (places[VITRINE_ANCHOR_BOTTOM].y, ==, H - MARGIN - 100);
  g_assert_cmpint (places[VITRINE_ANCHOR_BOTTOM_RIGHT].x, ==, W - MARGIN - 200);
  g_assert_cmpint (places[VITRINE_ANCHOR_BOTTOM_RIGHT].y, ==, H - MARGIN - 100);
  for (guint a = 0; a < 9; a++)
    {
      g_assert_cmpint (places[a].width, ==, 200);
      g_assert_cmpint (places[a].height, ==, 100);
    }
}

/* Three cards at each of three anchors, of different sizes: none overlaps another, the
 * gaps are the spacing, and the first card is nearest its edge. */
static void
test_stacking (void)
{
  const guint anchors[] = { VITRINE_ANCHOR_TOP_RIGHT, VITRINE_ANCHOR_RIGHT, VITRINE_ANCHOR_BOTTOM_RIGHT };
  VitrineStackItem items[9];
  VitrineStackPlace places[9];

  for (guint i = 0; i < 9; i++)
    items[i] = (VitrineStackItem) { 150 + 30 * (int) i, 60 + 20 * (int) (i % 3), anchors[i / 3], -1, TRUE };
  vitrine_overlay_stack_place (items, 9, W, H, MARGIN, SPACING, places);

  for (guint i = 0; i < 9; i++)
    {
      g_assert_cmpint (places[i].x + places[i].width, ==, W - MARGIN);
      for (guint j = i + 1; j < 9; j++)
        g_assert_false (overlap (&places[i], &places[j]));
    }
  /* Top: down from the edge. */
  g_assert_cmpint (places[0].y, ==, MARGIN);
  g_assert_cmpint (places[1].y, ==, places[0].y + places[0].height + SPACING);
  g_assert_cmpint (places[2].y, ==, places[1].y + places[1].height + SPACING);
  /* Middle: centred as a whole. */
  g_assert_cmpint (places[3].y, ==, (H - (60 + 80 + 100 + 2 * SPACING)) / 2);
  g_assert_cmpint (places[5].y + places[5].height - places[3].y, ==, 60 + 80 + 100 + 2 * SPACING);
  /* Bottom: up from the edge, the first card lowest. */
  g_assert_cmpint (places[6].y + places[6].height, ==, H - MARGIN);
  g_assert_cmpint (places[7].y + places[7].height + SPACING, ==, places[6].y);
  g_assert_cmpint (places[8].y + places[8].height + SPACING, ==, places[7].y);
}

/* A hidden card takes no room: the next one moves to the edge. */
static void
test_hidden (void)
{
  VitrineStackItem items[] = {
    { 200, 100, VITRINE_ANCHOR_TOP_LEFT, -1, FALSE },
    { 200, 80, VITRINE_ANCHOR_TOP_LEFT, -1, TRUE },
  };
  VitrineStackPlace places[2];

  vitrine_overlay_stack_place (items, 2, W, H, MARGIN, SPACING, places);
  g_assert_cmpint (places[1].y, ==, MARGIN);
  g_assert_cmpint (places[0].width, ==, 0);
}

/* The visualizer hangs on the now playing card: directly above it, as wide, and the stack
 * makes room for both, at a bottom anchor and at a top one. */
static void
test_hanging (void)
{
  for (guint anchor = VITRINE_ANCHOR_TOP_LEFT; anchor <= VITRINE_ANCHOR_BOTTOM_LEFT; anchor += 6)
    {
      VitrineStackItem items[] = {
        { 400, 120, anchor, -1, TRUE },                   /* now playing */
        { 220, 150, VITRINE_ANCHOR_CENTER, 0, TRUE },     /* visualizer, hanging on it */
        { 300, 90, anchor, -1, TRUE },                    /* a clock at the same anchor */
      };
      VitrineStackPlace places[3];

      vitrine_overlay_stack_place (items, 3, W, H, MARGIN, SPACING, places);
      g_assert_cmpint (places[1].x, ==, places[0].x);
      g_assert_cmpint (places[1].width, ==, 400);
      g_assert_cmpint (places[1].y + places[1].height + SPACING, ==, places[0].y);
      for (guint i = 0; i < 3; i++)
        for (guint j = i + 1; j < 3; j++)
          g_assert_false (overlap (&places[i], &places[j]));
      if (anchor == VITRINE_ANCHOR_TOP_LEFT)
        {
          g_assert_cmpint (places[1].y, ==, MARGIN);
          g_assert_cmpint (places[2].y, ==, places[0].y + places[0].height + SPACING);
        }
      else
        {
          g_assert_cmpint (places[0].y + places[0].height, ==, H - MARGIN);
          g_assert_cmpint (places[2].y + places[2].height + SPACING, ==, places[1].y);
        }
    }

  /* With its parent hidden, a hanging card is hidden too. */
  {
    VitrineStackItem items[] = {
      { 400, 120, VITRINE_ANCHOR_BOTTOM_LEFT, -1, FALSE },
      { 220, 150, VITRINE_ANCHOR_CENTER, 0, TRUE },
    };
    VitrineStackPlace places[2];

    vitrine_overlay_stack_place (items, 2, W, H, MARGIN, SPACING, places);
    g_assert_cmpint (places[1].width, ==, 0);
  }
}

static void
test_pixel_shift (void)
{
  int last_x = 0, last_y = 0, dx, dy;
  gboolean seen_corner[4] = { FALSE, };
  gboolean seen_half = FALSE;

  vitrine_pixel_shift_offset (0, 24, &dx, &dy);
  g_assert_cmpint (dx, ==, 0);
  g_assert_cmpint (dy, ==, 0);
  for (guint step = 1; step < 100; step++)
    {
      vitrine_pixel_shift_offset (step, 24, &dx, &dy);
      g_assert_cmpint (ABS (dx), <=, 24);
      g_assert_cmpint (ABS (dy), <=, 24);
      g_assert_true (dx != last_x || dy != last_y);
      if (ABS (dx) == 24 && ABS (dy) == 24)
        seen_corner[(dx > 0) * 2 + (dy > 0)] = TRUE;
      seen_half |= ABS (dx) == 12 || ABS (dy) == 12;
      last_x = dx;
      last_y = dy;
    }
  for (guint i = 0; i < 4; i++)
    g_assert_true (seen_corner[i]);
  g_assert_true (seen_half);

  vitrine_pixel_shift_offset (5, 1, &dx, &dy);
  g_assert_cmpint (ABS (dx), <=, 1);
  g_assert_cmpint (ABS (dy), <=, 1);
}

static void
test_dim (void)
{
  /* 22:00 to 07:00 wraps past midnight. */
  g_assert_true (vitrine_dim_in_night (23 * 60, 22 * 60, 7 * 60));
  g_assert_true (vitrine_dim_in_night (3 * 60, 22 * 60, 7 * 60));
  g_assert_true (vitrine_dim_in_night (22 * 60, 22 * 60, 7 * 60));
  g_assert_false (vitrine_dim_in_night (7 * 60, 22 * 60, 7 * 60));
  g_assert_false (vitrine_dim_in_night (12 * 60, 22 * 60, 7 * 60));
  /* 13:00 to 14:00 does not. */
  g_assert_true (vitrine_dim_in_night (13 * 60 + 30, 13 * 60, 14 * 60));
  g_assert_false (vitrine_dim_in_night (14 * 60, 13 * 60, 14 * 60));
  /* An empty schedule is never night. */
  g_assert_false (vitrine_dim_in_night (600, 600, 600));

  g_assert_cmpfloat (vitrine_dim_amount (TRUE, 0.3, FALSE, 0.6, 23 * 60, 22 * 60, 7 * 60), ==, 0.3);
  g_assert_cmpfloat (vitrine_dim_amount (TRUE, 0.3, TRUE, 0.6, 23 * 60, 22 * 60, 7 * 60), ==, 0.6);
  g_assert_cmpfloat (vitrine_dim_amount (TRUE, 0.3, TRUE, 0.6, 12 * 60, 22 * 60, 7 * 60), ==, 0.3);
  /* Night never lightens. */
  g_assert_cmpfloat (vitrine_dim_amount (TRUE, 0.8, TRUE, 0.6, 23 * 60, 22 * 60, 7 * 60), ==, 0.8);
  /* The amount is 10–90 % whatever is stored. */
  g_assert_cmpfloat (vitrine_dim_amount (TRUE, 2.0, FALSE, 0, 0, 0, 0), ==, VITRINE_DIM_MAX);
  g_assert_cmpfloat (vitrine_dim_amount (TRUE, 0.0, FALSE, 0, 0, 0, 0), ==, VITRINE_DIM_MIN);
}

/* The switch: off is no dimming by day whatever the amount; the night schedule works on
 * its own, and with the switch off the amount does not deepen the night. */
static void
test_dim_switch (void)
{
  g_assert_cmpfloat (vitrine_dim_amount (FALSE, 0.3, FALSE, 0.6, 12 * 60, 22 * 60, 7 * 60), ==, 0.0);
  g_assert_cmpfloat (vitrine_dim_amount (FALSE, 0.9, FALSE, 0.6, 23 * 60, 22 * 60, 7 * 60), ==, 0.0);
  g_assert_cmpfloat (vitrine_dim_amount (FALSE, 0.3, TRUE, 0.6, 12 * 60, 22 * 60, 7 * 60), ==, 0.0);
  g_assert_cmpfloat (vitrine_dim_amount (FALSE, 0.3, TRUE, 0.6, 23 * 60, 22 * 60, 7 * 60), ==, 0.6);
  g_assert_cmpfloat (vitrine_dim_amount (FALSE, 0.8, TRUE, 0.6, 23 * 60, 22 * 60, 7 * 60), ==, 0.6);
  g_assert_cmpfloat (vitrine_dim_amount (TRUE, 0.8, TRUE, 0.6, 23 * 60, 22 * 60, 7 * 60), ==, 0.8);
  g_assert_cmpfloat (VITRINE_DIM_DEFAULT, ==, 0.3);
}

/* A `dim` of the settings before the switch: 0 was off, anything else the amount. */
static void
test_dim_legacy (void)
{
  const struct { double legacy; gboolean enabled; double dim; } cases[] = {
    { 0.0, FALSE, VITRINE_DIM_DEFAULT },
    { -0.0, FALSE, VITRINE_DIM_DEFAULT },
    { -0.5, FALSE, VITRINE_DIM_DEFAULT },
    { NAN, FALSE, VITRINE_DIM_DEFAULT },
    { 0.05, TRUE, VITRINE_DIM_MIN },
    { 0.1, TRUE, 0.1 },
    { 0.3, TRUE, 0.3 },
    { 0.45, TRUE, 0.45 },
    { 0.9, TRUE, 0.9 },
    { 1.5, TRUE, VITRINE_DIM_MAX },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean enabled = !cases[i].enabled;
      double dim = -1;

      vitrine_dim_from_legacy (cases[i].legacy, &enabled, &dim);
      g_test_message ("legacy %g", cases[i].legacy);
      g_assert_cmpint (enabled, ==, cases[i].enabled);
      g_assert_cmpfloat (dim, ==, cases[i].dim);
    }
}

/* Every code Open-Meteo sends, with its day and night icon; unknown codes refused. */
static void
test_weather_code (void)
{
  const struct { int code; const char *description, *day, *night; } cases[] = {
    { 0, "Clear sky", "weather-clear-symbolic", "weather-clear-night-symbolic" },
    { 1, "Mainly clear", "weather-few-clouds-symbolic", "weather-few-clouds-night-symbolic" },
    { 2, "Partly cloudy", "weather-few-clouds-symbolic", "weather-few-clouds-night-symbolic" },
    { 3, "Overcast", "weather-overcast-symbolic", "weather-overcast-symbolic" },
    { 45, "Fog", "weather-fog-symbolic", "weather-fog-symbolic" },
    { 48, "Fog", "weather-fog-symbolic", "weather-fog-symbolic" },
    { 51, "Drizzle", "weather-showers-scattered-symbolic", NULL },
    { 53, "Drizzle", "weather-showers-scattered-symbolic", NULL },
    { 55, "Drizzle", "weather-showers-scattered-symbolic", NULL },
    { 56, "Freezing drizzle", "weather-showers-scattered-symbolic", NULL },
    { 57, "Freezing drizzle", "weather-showers-scattered-symbolic", NULL },
    { 61, "Rain", "weather-showers-symbolic", NULL },
    { 63, "Rain", "weather-showers-symbolic", NULL },
    { 65, "Rain", "weather-showers-symbolic", NULL },
    { 66, "Freezing rain", "weather-showers-symbolic", NULL },
    { 67, "Freezing rain", "weather-showers-symbolic", NULL },
    { 71, "Snow", "weather-snow-symbolic", NULL },
    { 73, "Snow", "weather-snow-symbolic", NULL },
    { 75, "Snow", "weather-snow-symbolic", NULL },
    { 77, "Snow grains", "weather-snow-symbolic", NULL },
    { 80, "Rain showers", "weather-showers-scattered-symbolic", NULL },
    { 81, "Rain showers", "weather-showers-scattered-symbolic", NULL },
    { 82, "Rain showers", "weather-showers-scattered-symbolic", NULL },
    { 85, "Snow showers", "weather-snow-symbolic", NULL },
    { 86, "Snow showers", "weather-snow-symbolic", NULL },
    { 95, "Thunderstorm", "weather-storm-symbolic", NULL },
    { 96, "Thunderstorm with hail", "weather-storm-symbolic", NULL },
    { 99, "Thunderstorm with hail", "weather-storm-symbolic", NULL },
  };
  const int unknown[] = { -1, 4, 10, 44, 60, 78, 90, 100, G_MAXINT, G_MININT };
  VitrineWeatherCode code;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (vitrine_weather_code_lookup (cases[i].code, TRUE, &code));
      g_assert_cmpstr (code.description, ==, cases[i].description);
      g_assert_cmpstr (code.icon, ==, cases[i].day);
      g_assert_true (vitrine_weather_code_lookup (cases[i].code, FALSE, &code));
      g_assert_cmpstr (code.icon, ==, cases[i].night != NULL ? cases[i].night : cases[i].day);
    }
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_assert_false (vitrine_weather_code_lookup (unknown[i], TRUE, &code));
      g_assert_null (code.description);
      g_assert_cmpstr (code.icon, ==, "weather-severe-alert-symbolic");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Overlays/Stack/anchors", test_anchors);
  g_test_add_func ("/Overlays/Stack/stacking", test_stacking);
  g_test_add_func ("/Overlays/Stack/hidden", test_hidden);
  g_test_add_func ("/Overlays/Stack/hanging", test_hanging);
  g_test_add_func ("/Overlays/PixelShift/walk", test_pixel_shift);
  g_test_add_func ("/Overlays/Dim/night", test_dim);
  g_test_add_func ("/Overlays/Dim/switch", test_dim_switch);
  g_test_add_func ("/Overlays/Dim/legacy", test_dim_legacy);
  g_test_add_func ("/Overlays/WeatherCode/wmo", test_weather_code);

  return g_test_run ();
}
