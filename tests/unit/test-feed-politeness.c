/* test-feed-politeness.c: the feed role's politeness per host and backoff per feed, to the
 * second.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-feed-politeness.h"

static void
test_outcomes (void)
{
  g_assert_cmpint (vitrine_fetch_outcome_from_status (200, TRUE), ==, VITRINE_FETCH_OUTCOME_OK);
  g_assert_cmpint (vitrine_fetch_outcome_from_status (304, TRUE), ==, VITRINE_FETCH_OUTCOME_OK);
  g_assert_cmpint (vitrine_fetch_outcome_from_status (200, FALSE), ==, VITRINE_FETCH_OUTCOME_FAILED);
  g_assert_cmpint (vitrine_fetch_outcome_from_status (0, FALSE), ==, VITRINE_FETCH_OUTCOME_FAILED);
  g_assert_cmpint (vitrine_fetch_outcome_from_status (404, FALSE), ==, VITRINE_FETCH_OUTCOME_FAILED);
  g_assert_cmpint (vitrine_fetch_outcome_from_status (429, FALSE), ==, VITRINE_FETCH_OUTCOME_RATE_LIMITED);
  g_assert_cmpint (vitrine_fetch_outcome_from_status (401, FALSE), ==, VITRINE_FETCH_OUTCOME_DENIED);
  g_assert_cmpint (vitrine_fetch_outcome_from_status (403, FALSE), ==, VITRINE_FETCH_OUTCOME_DENIED);
  g_assert_cmpint (vitrine_fetch_outcome_from_status (500, FALSE), ==, VITRINE_FETCH_OUTCOME_SERVER_ERROR);
  g_assert_cmpint (vitrine_fetch_outcome_from_status (503, FALSE), ==, VITRINE_FETCH_OUTCOME_SERVER_ERROR);
  g_assert_cmpstr (vitrine_fetch_outcome_to_string (VITRINE_FETCH_OUTCOME_RATE_LIMITED), ==, "rate-limited");
}

/* One request every 3 s: the second waits for the rest of the spacing. */
static void
test_host_spacing (void)
{
  VitrineHostState host;

  vitrine_host_state_init (&host);
  g_assert_cmpfloat (vitrine_host_state_ready_at (&host, 100), ==, 100);
  vitrine_host_state_note_request (&host, 100);
  g_assert_cmpfloat (vitrine_host_state_ready_at (&host, 101), ==, 103);
  g_assert_cmpfloat (vitrine_host_state_ready_at (&host, 103), ==, 103);
  g_assert_cmpfloat (vitrine_host_state_ready_at (&host, 200), ==, 200);
  vitrine_host_state_note_outcome (&host, VITRINE_FETCH_OUTCOME_OK, -1, 101);
  g_assert_cmpfloat (vitrine_host_state_ready_at (&host, 101), ==, 103);
}

static void
test_host_holds (void)
{
  VitrineHostState host;

  /* 429 with Retry-After: that long; without: 15 minutes. */
  vitrine_host_state_init (&host);
  vitrine_host_state_note_request (&host, 0);
  vitrine_host_state_note_outcome (&host, VITRINE_FETCH_OUTCOME_RATE_LIMITED, 120, 1);
  g_assert_cmpfloat (vitrine_host_state_ready_at (&host, 1), ==, 121);
  vitrine_host_state_init (&host);
  vitrine_host_state_note_outcome (&host, VITRINE_FETCH_OUTCOME_RATE_LIMITED, -1, 10);
  g_assert_cmpfloat (vitrine_host_state_ready_at (&host, 10), ==, 910);

  /* 401/403: at least 30 minutes, longer when the server asks. */
  vitrine_host_state_init (&host);
  vitrine_host_state_note_outcome (&host, VITRINE_FETCH_OUTCOME_DENIED, 5, 0);
  g_assert_cmpfloat (vitrine_host_state_ready_at (&host, 0), ==, 1800);
  vitrine_host_state_init (&host);
  vitrine_host_state_note_outcome (&host, VITRINE_FETCH_OUTCOME_DENIED, 7200, 0);
  g_assert_cmpfloat (vitrine_host_state_ready_at (&host, 0), ==, 7200);

  /* 5xx: 60 s, doubling in a row; a success starts over. */
  vitrine_host_state_init (&host);
  {
    const double holds[] = { 60, 120, 240, 480 };
    double now = 0;

    for (guint i = 0; i < G_N_ELEMENTS (holds); i++)
      {
        vitrine_host_state_note_outcome (&host, VITRINE_FETCH_OUTCOME_SERVER_ERROR, -1, now);
        g_assert_cmpfloat (vitrine_host_state_ready_at (&host, now), ==, now + holds[i]);
        now += holds[i];
      }
    vitrine_host_state_note_outcome (&host, VITRINE_FETCH_OUTCOME_OK, -1, now);
    vitrine_host_state_note_outcome (&host, VITRINE_FETCH_OUTCOME_SERVER_ERROR, -1, now);
    g_assert_cmpfloat (vitrine_host_state_ready_at (&host, now), ==, now + 60);
  }
  /* Other failures (a refused connection) add no hold. */
  vitrine_host_state_init (&host);
  vitrine_host_state_note_outcome (&host, VITRINE_FETCH_OUTCOME_FAILED, -1, 50);
  g_assert_cmpfloat (vitrine_host_state_ready_at (&host, 50), ==, 50);
}

/* Two failures cost nothing; the third pauses 60·2^2 s, then 480, 960 … up to a day. */
static void
test_feed_backoff (void)
{
  VitrineFeedHealth health;
  const double pauses[] = { 240, 480, 960, 1920 };
  double now = 1000;

  vitrine_feed_health_init (&health);
  g_assert_true (vitrine_feed_health_due (&health, now));
  for (guint i = 0; i < 2; i++)
    {
      vitrine_feed_health_note_outcome (&health, VITRINE_FETCH_OUTCOME_FAILED, now);
      g_assert_false (health.paused);
      g_assert_true (vitrine_feed_health_due (&health, now));
    }
  for (guint i = 0; i < G_N_ELEMENTS (pauses); i++)
    {
      vitrine_feed_health_note_outcome (&health, VITRINE_FETCH_OUTCOME_SERVER_ERROR, now);
      g_assert_true (health.paused);
      g_assert_cmpuint (health.failures, ==, 3 + i);
      g_assert_cmpfloat (health.backoff_s, ==, pauses[i]);
      g_assert_false (vitrine_feed_health_due (&health, now + pauses[i] - 1));
      g_assert_true (vitrine_feed_health_due (&health, now + pauses[i]));
      now += pauses[i];
    }
  for (guint i = 0; i < 30; i++)
    vitrine_feed_health_note_outcome (&health, VITRINE_FETCH_OUTCOME_FAILED, now);
  g_assert_cmpfloat (health.backoff_s, ==, VITRINE_POLITE_BACKOFF_MAX_S);
}

/* A success ends the pause, but the count stays until a day passes without a failure. */
static void
test_feed_reset (void)
{
  VitrineFeedHealth health;
  double now = 0;

  vitrine_feed_health_init (&health);
  for (guint i = 0; i < 3; i++)
    vitrine_feed_health_note_outcome (&health, VITRINE_FETCH_OUTCOME_FAILED, now);
  g_assert_true (health.paused);
  now += 240;
  vitrine_feed_health_note_outcome (&health, VITRINE_FETCH_OUTCOME_OK, now);
  g_assert_false (health.paused);
  g_assert_cmpfloat (health.backoff_s, ==, 0);
  g_assert_true (vitrine_feed_health_due (&health, now));
  g_assert_cmpuint (health.failures, ==, 3);

  /* Failing again within the day: straight to the next pause. */
  now += 3600;
  vitrine_feed_health_note_outcome (&health, VITRINE_FETCH_OUTCOME_FAILED, now);
  g_assert_true (health.paused);
  g_assert_cmpfloat (health.backoff_s, ==, 480);

  /* A day after the last failure: forgotten, two failures are free again. */
  now += 480;
  vitrine_feed_health_note_outcome (&health, VITRINE_FETCH_OUTCOME_OK, now);
  now += VITRINE_POLITE_HEALTHY_RESET_S;
  vitrine_feed_health_note_outcome (&health, VITRINE_FETCH_OUTCOME_OK, now);
  g_assert_cmpuint (health.failures, ==, 0);
  vitrine_feed_health_note_outcome (&health, VITRINE_FETCH_OUTCOME_FAILED, now);
  g_assert_false (health.paused);
  g_assert_cmpuint (health.failures, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Politeness per host and backoff per feed, exactly");

  g_test_add_func ("/FeedPoliteness/outcomes", test_outcomes);
  g_test_add_func ("/FeedPoliteness/host-spacing", test_host_spacing);
  g_test_add_func ("/FeedPoliteness/host-holds", test_host_holds);
  g_test_add_func ("/FeedPoliteness/feed-backoff", test_feed_backoff);
  g_test_add_func ("/FeedPoliteness/feed-reset", test_feed_reset);
  return g_test_run ();
}
