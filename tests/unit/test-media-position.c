/* test-media-position.c: the now playing card's position between MPRIS reports (rate,
 * pause, Seeked, the track's end, lying players) and the choice of player.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-media-position.h"

#define S ((gint64) G_USEC_PER_SEC)

static void
test_extrapolation (void)
{
  VitrineMediaPosition p = { 0, };

  p.length_us = 200 * S;
  vitrine_media_position_report (&p, 10 * S, 1.0, TRUE, 1000 * S);
  g_assert_cmpint (vitrine_media_position_at (&p, 1000 * S), ==, 10 * S);
  g_assert_cmpint (vitrine_media_position_at (&p, 1005 * S), ==, 15 * S);
  g_assert_cmpfloat_with_epsilon (vitrine_media_position_fraction (&p, 1010 * S), 0.1, 1e-12);
  /* A clock that went backwards does not rewind. */
  g_assert_cmpint (vitrine_media_position_at (&p, 990 * S), ==, 10 * S);
  /* Never past the end. */
  g_assert_cmpint (vitrine_media_position_at (&p, 5000 * S), ==, 200 * S);

  /* Double speed. */
  vitrine_media_position_report (&p, 20 * S, 2.0, TRUE, 2000 * S);
  g_assert_cmpint (vitrine_media_position_at (&p, 2003 * S), ==, 26 * S);

  /* Paused: it stands. */
  vitrine_media_position_report (&p, 30 * S, 1.0, FALSE, 3000 * S);
  g_assert_cmpint (vitrine_media_position_at (&p, 3100 * S), ==, 30 * S);

  /* Seeked back to 5 s while playing: from there on. */
  vitrine_media_position_report (&p, 5 * S, 1.0, TRUE, 4000 * S);
  g_assert_cmpint (vitrine_media_position_at (&p, 4002 * S), ==, 7 * S);
}

static void
test_unknown_and_lying (void)
{
  VitrineMediaPosition p = { 0, };

  vitrine_media_position_report (&p, 10 * S, 1.0, TRUE, 0);
  /* Unknown length: no end, no fraction. */
  g_assert_cmpint (vitrine_media_position_at (&p, 1000 * S), ==, 1010 * S);
  g_assert_cmpfloat (vitrine_media_position_fraction (&p, 1000 * S), ==, 0);

  /* Negative positions and rates, NaN: standing at 0. */
  vitrine_media_position_report (&p, -5 * S, -1.0, TRUE, 0);
  g_assert_cmpint (vitrine_media_position_at (&p, 10 * S), ==, 0);
  vitrine_media_position_report (&p, 3 * S, NAN, TRUE, 0);
  g_assert_cmpint (vitrine_media_position_at (&p, 10 * S), ==, 3 * S);
  vitrine_media_position_report (&p, 3 * S, 1e9, TRUE, 0);
  g_assert_cmpint (vitrine_media_position_at (&p, 10 * S), ==, 3 * S);
}

static void
test_choose (void)
{
  VitrineMediaPlayer players[] = {
    { "mpv", FALSE, TRUE, 100 },
    { "spotify", FALSE, TRUE, 300 },
    { "vlc", FALSE, FALSE, 500 },
  };

  /* Nothing plays: the most recently paused. */
  g_assert_cmpint (vitrine_media_choose_player (players, 3, NULL), ==, 1);
  g_assert_cmpint (vitrine_media_choose_player (players, 3, ""), ==, 1);
  /* One plays: that one, even if paused ones changed later. */
  players[0].playing = TRUE;
  players[0].paused = FALSE;
  players[1].changed_us = 900;
  g_assert_cmpint (vitrine_media_choose_player (players, 3, NULL), ==, 0);
  /* Two play: the most recently started. */
  players[2].playing = TRUE;
  g_assert_cmpint (vitrine_media_choose_player (players, 3, NULL), ==, 2);
  /* Pinned wins, playing or not; a pin that is not there changes nothing. */
  g_assert_cmpint (vitrine_media_choose_player (players, 3, "spotify"), ==, 1);
  g_assert_cmpint (vitrine_media_choose_player (players, 3, "rhythmbox"), ==, 2);
  /* Only stopped players: none. */
  players[0].playing = players[1].paused = players[2].playing = FALSE;
  g_assert_cmpint (vitrine_media_choose_player (players, 3, NULL), ==, -1);
  g_assert_cmpint (vitrine_media_choose_player (NULL, 0, NULL), ==, -1);
}

static void
test_shows (void)
{
  const gint64 t = 1000 * S;

  g_assert_true (vitrine_media_player_shows (TRUE, FALSE, t - 3600 * S, t));
  g_assert_true (vitrine_media_player_shows (FALSE, TRUE, t, t));
  g_assert_true (vitrine_media_player_shows (FALSE, TRUE, t - VITRINE_MEDIA_PAUSED_SHOWN_US + 1, t));
  g_assert_false (vitrine_media_player_shows (FALSE, TRUE, t - VITRINE_MEDIA_PAUSED_SHOWN_US, t));
  g_assert_false (vitrine_media_player_shows (FALSE, FALSE, t, t));
}

static void
test_format_time (void)
{
  g_autofree char *a = vitrine_media_format_time (187 * S + 999999);
  g_autofree char *b = vitrine_media_format_time (3723 * S);
  g_autofree char *c = vitrine_media_format_time (-4);

  g_assert_cmpstr (a, ==, "3:07");
  g_assert_cmpstr (b, ==, "1:02:03");
  g_assert_cmpstr (c, ==, "0:00");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Overlays/MediaPosition/extrapolation", test_extrapolation);
  g_test_add_func ("/Overlays/MediaPosition/unknown-and-lying", test_unknown_and_lying);
  g_test_add_func ("/Overlays/MediaPosition/choose", test_choose);
  g_test_add_func ("/Overlays/MediaPosition/shows", test_shows);
  g_test_add_func ("/Overlays/MediaPosition/format-time", test_format_time);

  return g_test_run ();
}
