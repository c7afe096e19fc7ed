/* test-worker-policy.c: restart backoff and give-up, request queues, latency percentiles.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-latency.h"
#include "vitrine-request-queue.h"
#include "vitrine-restart-policy.h"

static void
test_backoff_doubles_to_cap (void)
{
  VitrineRestartPolicy policy;
  VitrineRestartState state;
  const double expected[] = { 0.5, 1, 2, 4, 8, 16, 30, 30, 30 };
  double now = 0, delay = -1;

  vitrine_restart_policy_init_default (&policy);
  policy.limit = 100;     /* only the delays here */
  vitrine_restart_state_init (&state);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      vitrine_restart_state_started (&state, now);
      now += 1;  /* dies a second after each start */
      g_assert_cmpint (vitrine_restart_policy_on_exit (&policy, &state, now, &delay), ==,
                       VITRINE_RESTART_AFTER_DELAY);
      g_assert_cmpfloat_with_epsilon (delay, expected[i], 1e-9);
      now += delay;
    }
}

static void
test_backoff_resets_after_healthy_run (void)
{
  VitrineRestartPolicy policy;
  VitrineRestartState state;
  double delay;

  vitrine_restart_policy_init_default (&policy);
  vitrine_restart_state_init (&state);

  vitrine_restart_state_started (&state, 0);
  vitrine_restart_policy_on_exit (&policy, &state, 1, &delay);
  vitrine_restart_state_started (&state, 1.5);
  vitrine_restart_policy_on_exit (&policy, &state, 2, &delay);
  g_assert_cmpfloat (delay, ==, 1.0);

  /* 59.9 s up is not yet healthy... */
  vitrine_restart_state_started (&state, 3);
  vitrine_restart_policy_on_exit (&policy, &state, 62.9, &delay);
  g_assert_cmpfloat (delay, ==, 2.0);

  /* ...60 s is: the next delay starts over. */
  vitrine_restart_state_started (&state, 65);
  vitrine_restart_policy_on_exit (&policy, &state, 125, &delay);
  g_assert_cmpfloat (delay, ==, 0.5);
}

static void
test_gives_up_after_five_in_window (void)
{
  VitrineRestartPolicy policy;
  VitrineRestartState state;
  double now = 10, delay;

  vitrine_restart_policy_init_default (&policy);
  vitrine_restart_state_init (&state);

  /* Six crashes in a row: five restarts, then the role is failed. */
  for (guint i = 0; i < 5; i++)
    {
      vitrine_restart_state_started (&state, now);
      now += 0.2;
      g_assert_cmpint (vitrine_restart_policy_on_exit (&policy, &state, now, &delay), ==,
                       VITRINE_RESTART_AFTER_DELAY);
      now += delay;
    }
  g_assert_cmpuint (vitrine_restart_state_count_recent (&state, policy.window, now), ==, 5);
  vitrine_restart_state_started (&state, now);
  g_assert_cmpint (vitrine_restart_policy_on_exit (&policy, &state, now + 0.2, &delay), ==,
                   VITRINE_RESTART_GIVE_UP);
}

static void
test_old_restarts_expire (void)
{
  VitrineRestartPolicy policy;
  VitrineRestartState state;
  double delay;

  vitrine_restart_policy_init_default (&policy);
  vitrine_restart_state_init (&state);

  for (guint i = 0; i < 5; i++)
    vitrine_restart_policy_on_exit (&policy, &state, i * 10.0, &delay);

  /* The first restart (t = 0) leaves the 300 s window at t = 300. */
  g_assert_cmpint (vitrine_restart_policy_on_exit (&policy, &state, 299.9, &delay), ==,
                   VITRINE_RESTART_GIVE_UP);
  g_assert_cmpint (vitrine_restart_policy_on_exit (&policy, &state, 300.0, &delay), ==,
                   VITRINE_RESTART_AFTER_DELAY);
}

static void
test_queue_drops_oldest_pending (void)
{
  VitrineRequestQueue queue;
  int requests[12];

  vitrine_request_queue_init (&queue, 8, 2);
  for (guint i = 0; i < 8; i++)
    g_assert_null (vitrine_request_queue_push (&queue, &requests[i]));

  /* Full: the oldest pending request makes room, and is counted. */
  g_assert_true (vitrine_request_queue_push (&queue, &requests[8]) == &requests[0]);
  g_assert_true (vitrine_request_queue_push (&queue, &requests[9]) == &requests[1]);
  g_assert_cmpuint (queue.drops, ==, 2);
  g_assert_cmpuint (vitrine_request_queue_length (&queue), ==, 8);

  /* Two in flight at most, in order. */
  g_assert_true (vitrine_request_queue_pop_ready (&queue) == &requests[2]);
  g_assert_true (vitrine_request_queue_pop_ready (&queue) == &requests[3]);
  g_assert_null (vitrine_request_queue_pop_ready (&queue));
  g_assert_cmpuint (queue.in_flight, ==, 2);

  /* In-flight requests are never dropped; only pending ones are. */
  g_assert_true (vitrine_request_queue_push (&queue, &requests[10]) == NULL);
  g_assert_true (vitrine_request_queue_push (&queue, &requests[11]) == NULL);
  g_assert_cmpuint (vitrine_request_queue_length (&queue), ==, 8);

  vitrine_request_queue_done (&queue);
  g_assert_true (vitrine_request_queue_pop_ready (&queue) == &requests[4]);

  vitrine_request_queue_clear (&queue, NULL);
  g_assert_cmpuint (vitrine_request_queue_length (&queue), ==, 0);
}

static void
test_queue_latest_value (void)
{
  VitrineRequestQueue queue;
  int a, b, c;

  /* Audio: only the newest configuration matters. */
  vitrine_request_queue_init (&queue, 1, 1);
  vitrine_request_queue_push (&queue, &a);
  g_assert_true (vitrine_request_queue_push (&queue, &b) == &a);
  g_assert_true (vitrine_request_queue_push (&queue, &c) == &b);
  g_assert_true (vitrine_request_queue_pop_ready (&queue) == &c);
  g_assert_cmpuint (queue.drops, ==, 2);
}

static void
test_latency_percentiles (void)
{
  VitrineLatency latency;
  VitrineLatencySummary summary;

  vitrine_latency_init (&latency);
  vitrine_latency_summarize (&latency, &summary);
  g_assert_cmpfloat (summary.max, ==, 0);

  /* 1..100 in a scrambled order: nearest-rank percentiles are the ranks themselves. */
  for (guint i = 0; i < 100; i++)
    vitrine_latency_add (&latency, (i * 37) % 100 + 1);
  vitrine_latency_summarize (&latency, &summary);
  g_assert_cmpfloat (summary.p50, ==, 50);
  g_assert_cmpfloat (summary.p95, ==, 95);
  g_assert_cmpfloat (summary.p99, ==, 99);
  g_assert_cmpfloat (summary.max, ==, 100);

  /* The window forgets: after a window of 1 ms samples, the old spike is gone. */
  for (guint i = 0; i < VITRINE_LATENCY_WINDOW; i++)
    vitrine_latency_add (&latency, 1);
  vitrine_latency_summarize (&latency, &summary);
  g_assert_cmpfloat (summary.max, ==, 1);
  g_assert_cmpuint (latency.total, ==, 100 + VITRINE_LATENCY_WINDOW);
}

/* The constant-memory histogram against the exact nearest ranks: never below them, at
 * most one bin (1 µs under 10 ms, 0.1 ms above) over; the maximum exact. */
static void
test_latency_histogram (void)
{
  g_autofree VitrineLatencyHistogram *histogram = g_new0 (VitrineLatencyHistogram, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree double *samples = g_new (double, 20000);
  VitrineLatencySummary exact, binned;

  vitrine_latency_histogram_summarize (histogram, &binned);
  g_assert_cmpfloat (binned.max, ==, 0);

  for (guint i = 0; i < 20000; i++)
    {
      /* Mostly short ticks, some frames of a few ms, a few long stalls. */
      double r = g_rand_double (rand);
      double ms = r < 0.9 ? g_rand_double_range (rand, 0, 0.2)
                  : r < 0.995 ? g_rand_double_range (rand, 0.2, 8)
                  : g_rand_double_range (rand, 8, 2500);

      samples[i] = ms;
      vitrine_latency_histogram_add (histogram, ms);
    }
  vitrine_latency_histogram_add (histogram, NAN);   /* counted as 0, never a bin out of range */
  vitrine_latency_histogram_add (histogram, -1);
  g_assert_cmpuint (histogram->n, ==, 20002);

  {
    g_autofree double *all = g_new (double, 20002);

    memcpy (all, samples, 20000 * sizeof (double));
    all[20000] = 0;
    all[20001] = 0;
    vitrine_latency_summarize_array (all, 20002, &exact);
  }
  vitrine_latency_histogram_summarize (histogram, &binned);
  g_assert_cmpfloat (binned.max, ==, exact.max);
  g_assert_cmpfloat (binned.p50, >=, exact.p50);
  g_assert_cmpfloat (binned.p50, <=, exact.p50 + 0.001 + 1e-9);
  g_assert_cmpfloat (binned.p95, >=, exact.p95);
  g_assert_cmpfloat (binned.p95, <=, exact.p95 + 0.001 + 1e-9);
  g_assert_cmpfloat (binned.p99, >=, exact.p99);
  g_assert_cmpfloat (binned.p99, <=, exact.p99 + (exact.p99 < 10 ? 0.001 : 0.1) + 1e-9);

  /* One huge stall alone: every percentile is it, exactly. */
  memset (histogram, 0, sizeof *histogram);
  vitrine_latency_histogram_add (histogram, 123456.5);
  vitrine_latency_histogram_summarize (histogram, &binned);
  g_assert_cmpfloat (binned.p50, ==, 123456.5);
  g_assert_cmpfloat (binned.max, ==, 123456.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Supervisor policies as pure functions: backoff, give-up, queues, latency");

  g_test_add_func ("/WorkerPolicy/backoff-doubles-to-cap", test_backoff_doubles_to_cap);
  g_test_add_func ("/WorkerPolicy/backoff-resets-after-healthy-run", test_backoff_resets_after_healthy_run);
  g_test_add_func ("/WorkerPolicy/gives-up-after-five-in-window", test_gives_up_after_five_in_window);
  g_test_add_func ("/WorkerPolicy/old-restarts-expire", test_old_restarts_expire);
  g_test_add_func ("/WorkerPolicy/queue-drops-oldest-pending", test_queue_drops_oldest_pending);
  g_test_add_func ("/WorkerPolicy/queue-latest-value", test_queue_latest_value);
  g_test_add_func ("/WorkerPolicy/latency-percentiles", test_latency_percentiles);
  g_test_add_func ("/WorkerPolicy/latency-histogram", test_latency_histogram);

  return g_test_run ();
}
