/* vitrine-clock-text.c: clock text and hands (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "vitrine-clock-text.h"

/*
 * Fills @text for @local, a moment already in the clock's zone (g_date_time_to_timezone()).
 * The 12-hour form has no leading zero ("9:05 AM"); the 24-hour form has one ("09:05"). The
 * AM/PM marker and the date follow the process's locale, as g_date_time_format() does.
 */
void
vitrine_clock_text_format (GDateTime                    *local,
                           const VitrineClockTextParams *params,
                           VitrineClockText             *text)
{
  int hour, minute, second;
  double seconds_in_minute;

  g_return_if_fail (local != NULL && params != NULL && text != NULL);

  hour = g_date_time_get_hour (local);
  minute = g_date_time_get_minute (local);
  second = g_date_time_get_second (local);
  if (params->twelve_hour)
    {
      g_autofree char *marker = g_date_time_format (local, "%p");
      int h12 = hour % 12 == 0 ? 12 : hour % 12;

      text->time = params->seconds ? g_strdup_printf ("%d:%02d:%02d %s", h12, minute, second, marker)
                                   : g_strdup_printf ("%d:%02d %s", h12, minute, marker);
    }
  else
    text->time = params->seconds ? g_strdup_printf ("%02d:%02d:%02d", hour, minute, second)
                                 : g_strdup_printf ("%02d:%02d", hour, minute);

  text->date = params->date ? g_date_time_format (local, params->date_format != NULL ? params->date_format
                                                                                     : "%A %-d %B")
                            : NULL;
  text->zone = params->zone ? g_strdup (g_date_time_get_timezone_abbreviation (local)) : NULL;

  /* Whole seconds: the hands move once per tick, as the digits do. */
  seconds_in_minute = second;
  text->second_angle = seconds_in_minute / 60.0 * 2 * G_PI;
  text->minute_angle = (minute + (params->seconds ? seconds_in_minute / 60.0 : 0)) / 60.0 * 2 * G_PI;
  text->hour_angle = ((hour % 12) + minute / 60.0) / 12.0 * 2 * G_PI;
}

void
vitrine_clock_text_clear (VitrineClockText *text)
{
  g_clear_pointer (&text->time, g_free);
  g_clear_pointer (&text->date, g_free);
  g_clear_pointer (&text->zone, g_free);
}

/* The whole text on one line, as --status reports it: "Tokyo · 23:05 JST · Tuesday 1 December". */
char *
vitrine_clock_text_join (const VitrineClockText *text,
                         const char             *label)
{
  GString *joined = g_string_new (NULL);

  if (label != NULL && *label != '\0')
    g_string_append_printf (joined, "%s · ", label);
  g_string_append (joined, text->time != NULL ? text->time : "");
  if (text->zone != NULL)
    g_string_append_printf (joined, " %s", text->zone);
  if (text->date != NULL)
    g_string_append_printf (joined, " · %s", text->date);
  return g_string_free (joined, FALSE);
}

/*
 * Microseconds from @now_us (wall-clock time since the epoch) to the next whole second, or
 * the next whole minute without seconds; never 0, so a timer fired a hair early does not
 * spin. Zones differ from UTC by whole minutes (every zone in use today), so one boundary
 * serves every clock of a display.
 */
gint64
vitrine_clock_next_tick_us (gint64   now_us,
                            gboolean seconds)
{
  gint64 period = seconds ? G_USEC_PER_SEC : 60 * G_USEC_PER_SEC;
  gint64 into = now_us % period;

  if (into < 0)
    into += period;
  return period - into;
}
