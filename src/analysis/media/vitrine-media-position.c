/* vitrine-media-position.c: position extrapolation and the player choice (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "vitrine-media-position.h"

/* A new report (Position read, or Seeked): it replaces the extrapolation from here on. */
void
vitrine_media_position_report (VitrineMediaPosition *position,
                               gint64                position_us,
                               double                rate,
                               gboolean              playing,
                               gint64                now_us)
{
  g_return_if_fail (position != NULL);

  position->position_us = MAX (position_us, 0);
  /* A lying or broken player: a negative, absurd or NaN rate counts as standing still. */
  position->rate = rate >= 0 && rate <= 64 ? rate : 0;
  position->playing = playing;
  position->at_us = now_us;
}

/* The position at @now_us: standing still unless playing, never below 0 nor past the end. */
gint64
vitrine_media_position_at (const VitrineMediaPosition *position,
                           gint64                      now_us)
{
  gint64 at;

  g_return_val_if_fail (position != NULL, 0);

  at = position->position_us;
  if (position->playing && now_us > position->at_us)
    at += (gint64) ((double) (now_us - position->at_us) * position->rate);
  if (position->length_us > 0)
    at = MIN (at, position->length_us);
  return MAX (at, 0);
}

/* How far through the track, 0–1; 0 when the length is unknown. */
double
vitrine_media_position_fraction (const VitrineMediaPosition *position,
                                 gint64                      now_us)
{
  g_return_val_if_fail (position != NULL, 0);

  if (position->length_us <= 0)
    return 0;
  return (double) vitrine_media_position_at (position, now_us) / (double) position->length_us;
}

/*
 * The player to follow: the pinned one while it exists; else one that plays (the most
 * recently started); else the most recently paused; else none (-1). Stopped players are
 * never followed, unless pinned.
 */
int
vitrine_media_choose_player (const VitrineMediaPlayer *players,
                             guint                     n_players,
                             const char               *pinned)
{
  int best = -1;

  if (pinned != NULL && *pinned != '\0')
    for (guint i = 0; i < n_players; i++)
      if (g_strcmp0 (players[i].name, pinned) == 0)
        return (int) i;

  for (guint i = 0; i < n_players; i++)
    if (players[i].playing && (best < 0 || players[i].changed_us > players[best].changed_us))
      best = (int) i;
  if (best >= 0)
    return best;
  for (guint i = 0; i < n_players; i++)
    if (players[i].paused && (best < 0 || players[i].changed_us > players[best].changed_us))
      best = (int) i;
  return best;
}

/* Whether the now playing card shows this player: while it plays, and for
 * VITRINE_MEDIA_PAUSED_SHOWN_US after it paused (with the play button); never stopped. */
gboolean
vitrine_media_player_shows (gboolean playing,
                            gboolean paused,
                            gint64   changed_us,
                            gint64   now_us)
{
  if (playing)
    return TRUE;
  return paused && now_us - changed_us < VITRINE_MEDIA_PAUSED_SHOWN_US;
}

/* "3:07", or "1:02:03" past an hour. */
char *
vitrine_media_format_time (gint64 us)
{
  gint64 s = MAX (us, 0) / G_USEC_PER_SEC;

  if (s >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (s / 3600), (int) (s / 60 % 60), (int) (s % 60));
  return g_strdup_printf ("%d:%02d", (int) (s / 60), (int) (s % 60));
}
