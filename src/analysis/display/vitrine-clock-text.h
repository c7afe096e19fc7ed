/* vitrine-clock-text.h: what a clock card shows at a moment (docs/ARCHITECTURE.md §8): the
 * time in 12 or 24 hours with or without seconds, the date, the zone's abbreviation, the
 * analog hands' angles, and when the text next changes. Pure: the moment and its zone come
 * in as a GDateTime, so the tests pin zones and daylight-saving changes exactly.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gboolean    twelve_hour;
  gboolean    seconds;
  gboolean    date;
  gboolean    zone;
  const char *date_format;   /* g_date_time_format() pattern; NULL: "%A %-d %B" */
} VitrineClockTextParams;

typedef struct
{
  char   *time;      /* "14:05", "14:05:09", "2:05 PM" */
  char   *date;      /* NULL unless params.date */
  char   *zone;      /* the abbreviation ("CET", "JST"), NULL unless params.zone */
  double  hour_angle;     /* radians clockwise from 12 o'clock */
  double  minute_angle;
  double  second_angle;
} VitrineClockText;

void    vitrine_clock_text_format  (GDateTime                    *local,
                                    const VitrineClockTextParams *params,
                                    VitrineClockText             *text);
void    vitrine_clock_text_clear   (VitrineClockText             *text);
char   *vitrine_clock_text_join    (const VitrineClockText       *text,
                                    const char                   *label);
gint64  vitrine_clock_next_tick_us (gint64                        now_us,
                                    gboolean                      seconds);

G_END_DECLS
