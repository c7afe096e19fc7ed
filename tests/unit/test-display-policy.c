/* test-display-policy.c: which monitors get a window; when motion ends a screensaver.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-display-policy.h"

static void
assert_chosen (GArray      *chosen,
               const guint *expected,
               guint        n_expected)
{
  g_assert_nonnull (chosen);
  g_assert_cmpuint (chosen->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpuint (g_array_index (chosen, guint, i), ==, expected[i]);
}

static void
test_all_monitors (void)
{
  g_autoptr(GArray) three = NULL;
  g_autoptr(GArray) one = NULL;
  const guint all3[] = { 0, 1, 2 };
  const guint first[] = { 0 };

  three = vitrine_display_policy_choose_monitors (3, VITRINE_MONITOR_MODE_ALL, 0, -1, FALSE, NULL);
  assert_chosen (three, all3, 3);
  one = vitrine_display_policy_choose_monitors (1, VITRINE_MONITOR_MODE_ALL, 2, -1, FALSE, NULL);
  assert_chosen (one, first, 1);
}

static void
test_single_monitor (void)
{
  g_autoptr(GArray) chosen = NULL;
  g_autoptr(GArray) unplugged = NULL;
  const guint second[] = { 1 };
  const guint first[] = { 0 };

  chosen = vitrine_display_policy_choose_monitors (3, VITRINE_MONITOR_MODE_SINGLE, 1, -1, FALSE, NULL);
  assert_chosen (chosen, second, 1);

  /* The stored monitor was unplugged: fall back to the first rather than go dark. */
  unplugged = vitrine_display_policy_choose_monitors (2, VITRINE_MONITOR_MODE_SINGLE, 5, -1, FALSE, NULL);
  assert_chosen (unplugged, first, 1);
}

static void
test_forced_monitor (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) none_error = NULL;
  g_autoptr(GArray) chosen = NULL;
  g_autoptr(GArray) missing = NULL;
  g_autoptr(GArray) no_monitors = NULL;
  const guint third[] = { 2 };

  /* --monitor wins over the settings, whatever their mode. */
  chosen = vitrine_display_policy_choose_monitors (3, VITRINE_MONITOR_MODE_ALL, 0, 2, FALSE, NULL);
  assert_chosen (chosen, third, 1);

  missing = vitrine_display_policy_choose_monitors (2, VITRINE_MONITOR_MODE_ALL, 0, 2, FALSE, &error);
  g_assert_null (missing);
  g_assert_error (error, VITRINE_DISPLAY_POLICY_ERROR, VITRINE_DISPLAY_POLICY_ERROR_NO_SUCH_MONITOR);
  g_assert_nonnull (strstr (error->message, "0 to 1"));

  no_monitors = vitrine_display_policy_choose_monitors (0, VITRINE_MONITOR_MODE_ALL, 0, 0, FALSE,
                                                        &none_error);
  g_assert_null (no_monitors);
  g_assert_error (none_error, VITRINE_DISPLAY_POLICY_ERROR, VITRINE_DISPLAY_POLICY_ERROR_NO_SUCH_MONITOR);
}

static void
test_windowed (void)
{
  g_autoptr(GArray) chosen = NULL;
  g_autoptr(GArray) single = NULL;
  const guint first[] = { 0 };
  const guint second[] = { 1 };

  chosen = vitrine_display_policy_choose_monitors (3, VITRINE_MONITOR_MODE_ALL, 0, -1, TRUE, NULL);
  assert_chosen (chosen, first, 1);
  single = vitrine_display_policy_choose_monitors (3, VITRINE_MONITOR_MODE_SINGLE, 1, -1, TRUE, NULL);
  assert_chosen (single, second, 1);
}

static void
test_no_monitors (void)
{
  g_autoptr(GArray) chosen = NULL;

  chosen = vitrine_display_policy_choose_monitors (0, VITRINE_MONITOR_MODE_ALL, 0, -1, FALSE, NULL);
  g_assert_nonnull (chosen);
  g_assert_cmpuint (chosen->len, ==, 0);
}

static void
test_motion_threshold (void)
{
  /* Jitter within 10 px keeps a screensaver up; 10 px is still jitter. */
  g_assert_false (vitrine_display_policy_motion_exits (100, 100, 100, 100));
  g_assert_false (vitrine_display_policy_motion_exits (100, 100, 106, 108));
  g_assert_false (vitrine_display_policy_motion_exits (100, 100, 110, 100));
  g_assert_true (vitrine_display_policy_motion_exits (100, 100, 110.5, 100));
  g_assert_true (vitrine_display_policy_motion_exits (100, 100, 92, 92));
  g_assert_true (vitrine_display_policy_motion_exits (0, 0, -30, 400));
}

static void
test_start_delay (void)
{
  /* 100 ms apart, in the order of the displays; together with the same image. */
  g_assert_cmpuint (vitrine_display_policy_start_delay_ms (0, FALSE), ==, 0);
  g_assert_cmpuint (vitrine_display_policy_start_delay_ms (1, FALSE), ==, 100);
  g_assert_cmpuint (vitrine_display_policy_start_delay_ms (3, FALSE), ==, 300);
  g_assert_cmpuint (vitrine_display_policy_start_delay_ms (3, TRUE), ==, 0);
  /* A wall of monitors does not wait for seconds. */
  g_assert_cmpuint (vitrine_display_policy_start_delay_ms (40, FALSE), ==, 1600);
}

/*
 * Which display shows a card set to one monitor, as monitors come and go. The displays are
 * the windows on monitors A, B and C (by identity, as GDK's objects are compared); the
 * card's setting is a monitor's number in the list as it is now.
 */
static void
test_card_follows_monitors (void)
{
  static const char a[] = "DP-1", b[] = "HDMI-1", c[] = "DP-2", other[] = "DP-3";
  const struct {
    const char *monitors[4];  /* the list now, in order */
    int         card;         /* the card's monitor setting */
    const char *shown_on[3];  /* the displays that show it */
  } cases[] = {
    { { a, b, c }, 1, { b } },
    { { a, b, c }, 0, { a } },
    { { a, b, c }, -1, { a, b, c } },
    { { a, b, c }, 3, { NULL } },
    /* A unplugged: B is the first now, and C the second. */
    { { b, c }, 1, { c } },
    { { b, c }, 0, { b } },
    { { b, c }, 2, { NULL } },
    /* Another plugged in before all of them: each moves up one. */
    { { other, a, b, c }, 1, { a } },
    { { other, a, b, c }, 3, { c } },
    { { other, a, b, c }, 0, { NULL } },  /* the new monitor has no display yet */
    /* The order changes (a new primary monitor). */
    { { c, a, b }, 0, { c } },
    { { c, a, b }, -1, { a, b, c } },
  };
  const char * const displays[] = { a, b, c };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint n = 0;

      while (n < G_N_ELEMENTS (cases[i].monitors) && cases[i].monitors[n] != NULL)
        n++;
      for (guint d = 0; d < G_N_ELEMENTS (displays); d++)
        {
          int number = vitrine_display_policy_monitor_number ((const gconstpointer *) cases[i].monitors, n,
                                                              displays[d]);
          gboolean expected = FALSE;

          for (guint k = 0; k < G_N_ELEMENTS (cases[i].shown_on); k++)
            expected |= cases[i].shown_on[k] == displays[d];
          g_test_message ("case %u, display %s (number %d)", i, displays[d], number);
          g_assert_cmpint (vitrine_display_policy_card_shows (cases[i].card, number), ==, expected);
        }
    }
}

/* A display's number: its place in the list; not listed is -1; a window of its own is on
 * the first monitor. */
static void
test_monitor_number (void)
{
  static const char a[] = "a", b[] = "b", gone[] = "gone";
  const gconstpointer monitors[] = { a, b };

  g_assert_cmpint (vitrine_display_policy_monitor_number (monitors, 2, a), ==, 0);
  g_assert_cmpint (vitrine_display_policy_monitor_number (monitors, 2, b), ==, 1);
  g_assert_cmpint (vitrine_display_policy_monitor_number (monitors, 2, gone), ==, -1);
  g_assert_cmpint (vitrine_display_policy_monitor_number (monitors, 0, a), ==, -1);
  g_assert_cmpint (vitrine_display_policy_monitor_number (NULL, 0, NULL), ==, 0);
  g_assert_cmpint (vitrine_display_policy_monitor_number (monitors, 2, NULL), ==, 0);
  /* A display on no listed monitor shows only the cards for every display. */
  g_assert_true (vitrine_display_policy_card_shows (-1, -1));
  g_assert_false (vitrine_display_policy_card_shows (0, -1));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Monitor choice and screensaver input policy, on made-up monitor lists");

  g_test_add_func ("/DisplayPolicy/all-monitors", test_all_monitors);
  g_test_add_func ("/DisplayPolicy/single-monitor", test_single_monitor);
  g_test_add_func ("/DisplayPolicy/forced-monitor", test_forced_monitor);
  g_test_add_func ("/DisplayPolicy/windowed", test_windowed);
  g_test_add_func ("/DisplayPolicy/no-monitors", test_no_monitors);
  g_test_add_func ("/DisplayPolicy/motion-threshold", test_motion_threshold);
  g_test_add_func ("/DisplayPolicy/start-delay", test_start_delay);
  g_test_add_func ("/DisplayPolicy/monitor-number", test_monitor_number);
  g_test_add_func ("/DisplayPolicy/card-follows-monitors", test_card_follows_monitors);

  return g_test_run ();
}
