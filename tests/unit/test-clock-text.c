/* test-clock-text.c: clock text, zone abbreviations and hands across time zones and a
 * daylight-saving change, at fixed moments; the tick alignment.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "vitrine-clock-text.h"

static GDateTime *
at (const char *iso,
    const char *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (iso, NULL);
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

  g_assert_nonnull (utc);
  g_assert_nonnull (tz);
  return g_date_time_to_timezone (utc, tz);
}

static char *
text_at (const char                   *iso,
         const char                   *zone,
         const VitrineClockTextParams *params)
{
  g_autoptr(GDateTime) local = at (iso, zone);
  VitrineClockText text = { NULL, };
  char *joined;

  vitrine_clock_text_format (local, params, &text);
  joined = vitrine_clock_text_join (&text, NULL);
  vitrine_clock_text_clear (&text);
  return joined;
}

static void
assert_text (const char                   *iso,
             const char                   *zone,
             const VitrineClockTextParams *params,
             const char                   *expected)
{
  g_autofree char *text = text_at (iso, zone, params);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_zones (void)
{
  const VitrineClockTextParams h24 = { FALSE, FALSE, FALSE, TRUE, NULL };
  const VitrineClockTextParams h12s = { TRUE, TRUE, FALSE, TRUE, NULL };
  const char *moment = "2026-12-01T14:05:09Z";

  assert_text (moment, "UTC", &h24, "14:05 UTC");
  assert_text (moment, "Europe/Paris", &h24, "15:05 CET");
  assert_text (moment, "Asia/Tokyo", &h24, "23:05 JST");
  assert_text (moment, "America/New_York", &h24, "09:05 EST");
  assert_text (moment, "Asia/Kolkata", &h24, "19:35 IST");
  assert_text (moment, "Asia/Kathmandu", &h24, "19:50 +0545");
  assert_text (moment, "America/New_York", &h12s, "9:05:09 AM EST");
  assert_text (moment, "Asia/Tokyo", &h12s, "11:05:09 PM JST");
  /* Midnight and noon in 12 hours. */
  assert_text ("2026-12-01T00:00:00Z", "UTC", &h12s, "12:00:00 AM UTC");
  assert_text ("2026-12-01T12:30:00Z", "UTC", &h12s, "12:30:00 PM UTC");
}

/* Europe/Berlin leaves summer time on 2026-10-25 at 01:00 UTC: 02:59:59 CEST, then 02:00 CET. */
static void
test_dst (void)
{
  const VitrineClockTextParams params = { FALSE, TRUE, TRUE, TRUE, NULL };

  assert_text ("2026-10-25T00:59:59Z", "Europe/Berlin", &params, "02:59:59 CEST · Sunday 25 October");
  assert_text ("2026-10-25T01:00:00Z", "Europe/Berlin", &params, "02:00:00 CET · Sunday 25 October");
  /* And into summer time on 2026-03-29 at 01:00 UTC: 01:59:59 CET, then 03:00 CEST. */
  assert_text ("2026-03-29T00:59:59Z", "Europe/Berlin", &params, "01:59:59 CET · Sunday 29 March");
  assert_text ("2026-03-29T01:00:00Z", "Europe/Berlin", &params, "03:00:00 CEST · Sunday 29 March");
  /* New York the same year: 2026-11-01 06:00 UTC, 01:59 EDT then 01:00 EST. */
  assert_text ("2026-11-01T05:59:00Z", "America/New_York", &params, "01:59:00 EDT · Sunday 1 November");
  assert_text ("2026-11-01T06:00:00Z", "America/New_York", &params, "01:00:00 EST · Sunday 1 November");
  /* The date changes with the zone, not with UTC. */
  assert_text ("2026-12-31T20:00:00Z", "Asia/Tokyo", &params, "05:00:00 JST · Friday 1 January");
}

static void
test_label_and_date_format (void)
{
  g_autoptr(GDateTime) local = at ("2026-12-01T14:05:09Z", "Asia/Tokyo");
  const VitrineClockTextParams params = { FALSE, FALSE, TRUE, FALSE, "%d.%m.%Y" };
  VitrineClockText text = { NULL, };
  g_autofree char *joined = NULL;

  vitrine_clock_text_format (local, &params, &text);
  g_assert_null (text.zone);
  joined = vitrine_clock_text_join (&text, "Tokyo");
  g_assert_cmpstr (joined, ==, "Tokyo · 23:05 · 01.12.2026");
  vitrine_clock_text_clear (&text);
}

static void
test_hands (void)
{
  g_autoptr(GDateTime) local = at ("2026-12-01T03:30:15Z", "UTC");
  const VitrineClockTextParams params = { FALSE, TRUE, FALSE, FALSE, NULL };
  const VitrineClockTextParams no_seconds = { FALSE, FALSE, FALSE, FALSE, NULL };
  VitrineClockText text = { NULL, };

  vitrine_clock_text_format (local, &params, &text);
  g_assert_cmpfloat_with_epsilon (text.hour_angle, 3.5 / 12 * 2 * G_PI, 1e-9);
  g_assert_cmpfloat_with_epsilon (text.minute_angle, 30.25 / 60 * 2 * G_PI, 1e-9);
  g_assert_cmpfloat_with_epsilon (text.second_angle, 15.0 / 60 * 2 * G_PI, 1e-9);
  vitrine_clock_text_clear (&text);
  /* Without seconds the minute hand jumps a whole minute at a time. */
  vitrine_clock_text_format (local, &no_seconds, &text);
  g_assert_cmpfloat_with_epsilon (text.minute_angle, 30.0 / 60 * 2 * G_PI, 1e-9);
  vitrine_clock_text_clear (&text);
}

static void
test_next_tick (void)
{
  gint64 s = G_USEC_PER_SEC;

  g_assert_cmpint (vitrine_clock_next_tick_us (100 * s + 250000, TRUE), ==, 750000);
  g_assert_cmpint (vitrine_clock_next_tick_us (100 * s, TRUE), ==, s);
  g_assert_cmpint (vitrine_clock_next_tick_us (120 * s + 1, FALSE), ==, 60 * s - 1);
  g_assert_cmpint (vitrine_clock_next_tick_us (179 * s, FALSE), ==, s);
  /* Before 1970 too. */
  g_assert_cmpint (vitrine_clock_next_tick_us (-s / 4, TRUE), ==, s / 4);
}

int
main (int   argc,
      char *argv[])
{
  /* The AM/PM marker and weekday names are the C locale's. */
  setlocale (LC_ALL, "C");
  g_setenv ("LC_ALL", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Overlays/ClockText/zones", test_zones);
  g_test_add_func ("/Overlays/ClockText/dst", test_dst);
  g_test_add_func ("/Overlays/ClockText/label-and-date-format", test_label_and_date_format);
  g_test_add_func ("/Overlays/ClockText/hands", test_hands);
  g_test_add_func ("/Overlays/ClockText/next-tick", test_next_tick);

  return g_test_run ();
}
