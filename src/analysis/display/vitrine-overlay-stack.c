/* vitrine-overlay-stack.c: overlay card placement, pixel shift and dimming (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "vitrine-overlay-stack.h"

#define N_ANCHORS 9

/* The height a card takes in its stack: its own, plus any visible card hanging on it. */
static int
unit_height (const VitrineStackItem *items,
             guint                   n_items,
             guint                   index,
             int                     spacing)
{
  int height = items[index].height;

  for (guint j = 0; j < n_items; j++)
    if (items[j].visible && items[j].parent == (int) index)
      height += items[j].height + spacing;
  return height;
}

static int
column_x (guint column,
          int   width,
          int   area_width,
          int   margin)
{
  if (column == 0)
    return margin;
  if (column == 1)
    return (area_width - width) / 2;
  return area_width - margin - width;
}

/* Places the cards of one anchor: top rows grow down from the edge, bottom rows up from it
 * (the first card nearest the edge), the middle row is centred as a whole. */
static void
place_anchor (const VitrineStackItem *items,
              guint                   n_items,
              guint                   anchor,
              int                     area_width,
              int                     area_height,
              int                     margin,
              int                     spacing,
              VitrineStackPlace      *places)
{
  guint row = anchor / 3, column = anchor % 3;
  int total = 0, count = 0, cursor;

  for (guint i = 0; i < n_items; i++)
    if (items[i].visible && items[i].parent < 0 && items[i].anchor == anchor)
      {
        total += unit_height (items, n_items, i, spacing);
        count++;
      }
  if (count == 0)
    return;
  total += (count - 1) * spacing;

  cursor = row == 0 ? margin : row == 1 ? (area_height - total) / 2 : area_height - margin;
  for (guint i = 0; i < n_items; i++)
    {
      int unit;

      if (!items[i].visible || items[i].parent >= 0 || items[i].anchor != anchor)
        continue;
      unit = unit_height (items, n_items, i, spacing);
      places[i].width = items[i].width;
      places[i].height = items[i].height;
      places[i].x = column_x (column, items[i].width, area_width, margin);
      if (row == 2)
        {
          places[i].y = cursor - items[i].height;
          cursor -= unit + spacing;
        }
      else
        {
          /* The hanging cards take the top of the unit; the parent its bottom. */
          places[i].y = cursor + unit - items[i].height;
          cursor += unit + spacing;
        }
    }
}

/*
 * Fills @places for every item: hidden items get an empty place at 0,0. Hanging cards are
 * stacked upwards from their parent's top edge, taking its x and width. The result depends
 * only on the input, so cards never move unless something about them changed.
 */
void
vitrine_overlay_stack_place (const VitrineStackItem *items,
                             guint                   n_items,
                             int                     area_width,
                             int                     area_height,
                             int                     margin,
                             int                     spacing,
                             VitrineStackPlace      *places)
{
  g_return_if_fail (n_items == 0 || (items != NULL && places != NULL));

  for (guint i = 0; i < n_items; i++)
    places[i] = (VitrineStackPlace) { 0, 0, 0, 0 };
  for (guint anchor = 0; anchor < N_ANCHORS; anchor++)
    place_anchor (items, n_items, anchor, area_width, area_height, margin, spacing, places);

  for (guint i = 0; i < n_items; i++)
    {
      int parent = items[i].parent;
      int top;

      if (!items[i].visible || parent < 0 || (guint) parent >= n_items || !items[parent].visible ||
          items[parent].parent >= 0)
        continue;
      /* Above the parent and above any card that hangs on it earlier in the list. */
      top = places[parent].y;
      for (guint j = 0; j < i; j++)
        if (items[j].visible && items[j].parent == parent)
          top -= items[j].height + spacing;
      places[i].x = places[parent].x;
      places[i].width = places[parent].width;
      places[i].height = items[i].height;
      places[i].y = top - spacing - items[i].height;
    }
}

/*
 * The layer's offset at pixel-shift step @step: a walk over the square of half-width
 * @distance that visits every corner and edge region in turn and never stays put (steps 0
 * and 1 differ). Step 0 is the origin, so a display starts where the layout says.
 */
void
vitrine_pixel_shift_offset (guint  step,
                            int    distance,
                            int   *dx,
                            int   *dy)
{
  /* Eight directions, in an order that crosses the square rather than circling it. */
  static const int ring[8][2] = {
    { 1, 1 }, { -1, -1 }, { 1, -1 }, { -1, 1 }, { 0, 1 }, { 0, -1 }, { 1, 0 }, { -1, 0 },
  };
  guint lap, index;
  int reach;

  g_return_if_fail (dx != NULL && dy != NULL);

  if (step == 0 || distance <= 0)
    {
      *dx = *dy = 0;
      return;
    }
  index = (step - 1) % 8;
  lap = (step - 1) / 8;
  /* Laps alternate between the full distance and half of it, so the middle is used too. */
  reach = lap % 2 == 0 ? distance : MAX (distance / 2, 1);
  *dx = ring[index][0] * reach;
  *dy = ring[index][1] * reach;
}

/* Whether @minute_of_day (0–1439) falls in [start, end), which may wrap past midnight. */
gboolean
vitrine_dim_in_night (guint minute_of_day,
                      guint start_minute,
                      guint end_minute)
{
  if (start_minute == end_minute)
    return FALSE;
  if (start_minute < end_minute)
    return minute_of_day >= start_minute && minute_of_day < end_minute;
  return minute_of_day >= start_minute || minute_of_day < end_minute;
}

/*
 * The fraction of black laid over the photo: @dim (10–90 %) when @enabled, none when not;
 * at night (when @night_enabled) @night_dim, or @dim when that is more. The night schedule
 * works with @enabled off, for a display that only dims at night.
 */
double
vitrine_dim_amount (gboolean enabled,
                    double   dim,
                    gboolean night_enabled,
                    double   night_dim,
                    guint    minute_of_day,
                    guint    start_minute,
                    guint    end_minute)
{
  double amount = enabled ? CLAMP (dim, VITRINE_DIM_MIN, VITRINE_DIM_MAX) : 0.0;

  if (night_enabled && vitrine_dim_in_night (minute_of_day, start_minute, end_minute))
    amount = MAX (amount, CLAMP (night_dim, VITRINE_DIM_MIN, VITRINE_DIM_MAX));
  return amount;
}

/*
 * A `dim` value of the settings from before `dim-enabled` (0 = off, else the fraction, up
 * to 0.9) as the switch and the amount: 0 (or less, or not a number) is off with the
 * default amount; anything else is on, with the amount brought into 10–90 %.
 */
void
vitrine_dim_from_legacy (double    legacy,
                         gboolean *enabled,
                         double   *dim)
{
  if (!(legacy > 0.0))
    {
      *enabled = FALSE;
      *dim = VITRINE_DIM_DEFAULT;
      return;
    }
  *enabled = TRUE;
  *dim = CLAMP (legacy, VITRINE_DIM_MIN, VITRINE_DIM_MAX);
}
