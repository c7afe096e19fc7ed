/* vitrine-feed-date.c: the dates feeds carry. RFC 822 (RSS's pubDate, with RFC 2822's
 * reading of the obsolete zones: the North American names, and military letters as
 * "unknown", that is UTC) and RFC 3339 (Atom, dc:date, JSON Feed), leniently: a missing
 * weekday or seconds, a four-digit or two-digit year, a space for the "T", a bare date.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-feed-parse.h"

typedef struct {
  int year, month, day, hour, minute, second;
  int offset_s;
} Stamp;

/* Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm). */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : days[month - 1];
}

static gboolean
stamp_to_unix (const Stamp *s,
               gint64      *unix_out)
{
  int second = MIN (s->second, 59);  /* a leap second reads as :59 */

  if (s->year < 1 || s->year > 9999 || s->month < 1 || s->month > 12 ||
      s->day < 1 || s->day > days_in_month (s->year, s->month) ||
      s->hour > 23 || s->minute > 59 || s->second > 60)
    return FALSE;
  *unix_out = days_from_civil (s->year, s->month, s->day) * 86400 +
              s->hour * 3600 + s->minute * 60 + second - s->offset_s;
  return TRUE;
}

/* Reads 1 to @max digits; FALSE when there is none. */
static gboolean
read_int (const char **p,
          int          min_digits,
          int          max_digits,
          int         *out)
{
  int n = 0, value = 0;

  while (n < max_digits && g_ascii_isdigit ((*p)[n]))
    value = value * 10 + ((*p)[n++] - '0');
  if (n < min_digits)
    return FALSE;
  *p += n;
  *out = value;
  return TRUE;
}

static void
skip_spaces (const char **p)
{
  while (**p == ' ' || **p == '\t' || **p == '\r' || **p == '\n')
    (*p)++;
}

/* "+0100", "-05:00", "Z", "GMT", "EST", a military letter; FALSE when unreadable. */
static gboolean
read_zone (const char **p,
           int         *offset_s)
{
  static const struct { const char *name; int hours; } zones[] = {
    { "UTC", 0 }, { "UT", 0 }, { "GMT", 0 }, { "Z", 0 },
    { "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
    { "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
  };
  const char *s = *p;
  int hours, minutes = 0;

  if (*s == '+' || *s == '-')
    {
      int sign = *s == '-' ? -1 : 1;

      s++;
      if (!read_int (&s, 2, 2, &hours))
        return FALSE;
      if (*s == ':')
        s++;
      if (!read_int (&s, 2, 2, &minutes) || hours > 23 || minutes > 59)
        return FALSE;
      *offset_s = sign * (hours * 3600 + minutes * 60);
      *p = s;
      return TRUE;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      gsize len = strlen (zones[i].name);

      if (g_ascii_strncasecmp (s, zones[i].name, len) == 0 && !g_ascii_isalpha (s[len]))
        {
          *offset_s = zones[i].hours * 3600;
          *p = s + len;
          return TRUE;
        }
    }

  /* RFC 822's military zones had their signs reversed; RFC 2822 says read them as -0000. */
  if (g_ascii_isalpha (s[0]) && !g_ascii_isalpha (s[1]) && g_ascii_toupper (s[0]) != 'J')
    {
      *offset_s = 0;
      *p = s + 1;
      return TRUE;
    }
  return FALSE;
}

static int
read_month (const char **p)
{
  static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";

  for (int m = 0; m < 12; m++)
    if (g_ascii_strncasecmp (*p, months + m * 3, 3) == 0)
      {
        *p += 3;
        while (g_ascii_isalpha (**p))  /* "June", "Sept." */
          (*p)++;
        if (**p == '.')
          (*p)++;
        return m + 1;
      }
  return 0;
}

/* [Day ","] DD Mon YY[YY] HH:MM[:SS] zone */
static gboolean
parse_rfc822 (const char *s,
              Stamp      *st)
{
  skip_spaces (&s);
  if (g_ascii_isalpha (*s))
    {
      while (g_ascii_isalpha (*s))
        s++;
      if (*s == ',')
        s++;
      skip_spaces (&s);
    }
  if (!read_int (&s, 1, 2, &st->day))
    return FALSE;
  skip_spaces (&s);
  if (*s == '-')  /* "01-Dec-2026" */
    s++;
  if ((st->month = read_month (&s)) == 0)
    return FALSE;
  skip_spaces (&s);
  if (*s == '-')
    s++;
  {
    const char *year_start = s;

    if (!read_int (&s, 2, 4, &st->year) || s - year_start == 3)
      return FALSE;
    if (s - year_start == 2)
      st->year += st->year < 50 ? 2000 : 1900;
  }
  skip_spaces (&s);
  if (!read_int (&s, 1, 2, &st->hour) || *s++ != ':' || !read_int (&s, 2, 2, &st->minute))
    return FALSE;
  if (*s == ':')
    {
      s++;
      if (!read_int (&s, 2, 2, &st->second))
        return FALSE;
    }
  skip_spaces (&s);
  if (*s == '\0')  /* no zone at all: read as UTC, as most readers do */
    return TRUE;
  if (!read_zone (&s, &st->offset_s))
    return FALSE;
  skip_spaces (&s);
  return *s == '\0' || *s == '(';  /* "+0000 (UTC)" */
}

/* YYYY-MM-DD[(T| )HH:MM[:SS[.frac]](Z|±HH:MM)] */
static gboolean
parse_rfc3339 (const char *s,
               Stamp      *st)
{
  skip_spaces (&s);
  if (!read_int (&s, 4, 4, &st->year) || *s++ != '-' ||
      !read_int (&s, 2, 2, &st->month) || *s++ != '-' ||
      !read_int (&s, 2, 2, &st->day))
    return FALSE;
  skip_spaces (&s);
  if (*s == '\0')
    return TRUE;
  if (*s == 'T' || *s == 't' || *s == ' ')
    s++;
  if (!read_int (&s, 2, 2, &st->hour) || *s++ != ':' || !read_int (&s, 2, 2, &st->minute))
    return FALSE;
  if (*s == ':')
    {
      s++;
      if (!read_int (&s, 2, 2, &st->second))
        return FALSE;
    }
  if (*s == '.' || *s == ',')
    {
      s++;
      if (!g_ascii_isdigit (*s))
        return FALSE;
      while (g_ascii_isdigit (*s))
        s++;
    }
  if (*s != '\0' && !read_zone (&s, &st->offset_s))
    return FALSE;
  skip_spaces (&s);
  return *s == '\0';
}

/*
 * Reads an RFC 822 or RFC 3339 date into seconds since the epoch. Returns FALSE (and
 * leaves @unix_out alone) for anything else, including impossible dates.
 */
gboolean
vitrine_feed_parse_date (const char *text,
                         gint64     *unix_out)
{
  Stamp st;

  g_return_val_if_fail (unix_out != NULL, FALSE);

  if (text == NULL || strlen (text) > 128)
    return FALSE;

  memset (&st, 0, sizeof st);
  if (parse_rfc3339 (text, &st) && stamp_to_unix (&st, unix_out))
    return TRUE;
  memset (&st, 0, sizeof st);
  return parse_rfc822 (text, &st) && stamp_to_unix (&st, unix_out);
}
