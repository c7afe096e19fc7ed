/* vitrine-media-position.h: the now playing card's pure parts (docs/ARCHITECTURE.md §8): the
 * playback position between reports (MPRIS players do not signal Position; the card
 * extrapolates from the last Position, Rate and PlaybackStatus, corrected on Seeked), and
 * which player the card follows.
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
  gint64   position_us;  /* as last reported */
  gint64   at_us;        /* monotonic time of that report */
  double   rate;         /* 1.0 normally; 0 when the player says so */
  gboolean playing;
  gint64   length_us;    /* 0: unknown */
} VitrineMediaPosition;

typedef struct
{
  const char *name;        /* the bus name's tail: "mpv" for org.mpris.MediaPlayer2.mpv */
  gboolean    playing;
  gboolean    paused;
  gint64      changed_us;  /* monotonic time its status last changed */
} VitrineMediaPlayer;

/* A paused player's card goes after this long: yesterday's pause is not news. */
#define VITRINE_MEDIA_PAUSED_SHOWN_US ((gint64) 10 * 60 * G_USEC_PER_SEC)

gboolean vitrine_media_player_shows    (gboolean                  playing,
                                        gboolean                  paused,
                                        gint64                    changed_us,
                                        gint64                    now_us);
void     vitrine_media_position_report (VitrineMediaPosition     *position,
                                        gint64                    position_us,
                                        double                    rate,
                                        gboolean                  playing,
                                        gint64                    now_us);
gint64   vitrine_media_position_at     (const VitrineMediaPosition *position,
                                        gint64                    now_us);
double   vitrine_media_position_fraction (const VitrineMediaPosition *position,
                                        gint64                    now_us);
int      vitrine_media_choose_player   (const VitrineMediaPlayer *players,
                                        guint                     n_players,
                                        const char               *pinned);
char    *vitrine_media_format_time     (gint64                    us);

G_END_DECLS
