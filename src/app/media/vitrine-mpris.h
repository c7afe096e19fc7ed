/* vitrine-mpris.h: the MPRIS media players on the session bus (docs/ARCHITECTURE.md §6, §8),
 * watched once for the whole display process: which play, what they play, where they are
 * in it. The visualizer gates its capture on it and the now playing cards show it. Every
 * call is asynchronous; a player that lies or hangs only loses its own card.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vitrine-media-position.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_MPRIS (vitrine_mpris_get_type ())

G_DECLARE_FINAL_TYPE (VitrineMpris, vitrine_mpris, VITRINE, MPRIS, GObject)

/* What is known of one player; strings are never NULL once its properties arrived. */
typedef struct
{
  char                 *name;        /* org.mpris.MediaPlayer2.mpv */
  char                 *short_name;  /* mpv */
  char                 *status;      /* Playing, Paused, Stopped */
  char                 *title;
  char                 *artists;     /* joined with ", " */
  char                 *album;
  char                 *art_url;
  char                 *track_id;
  char                 *url;         /* xesam:url */
  int                   bpm;         /* xesam:audioBPM, 0 when it does not say */
  VitrineMediaPosition  position;
  gint64                changed_us;  /* monotonic: when its status last changed */
  gboolean              known;       /* its properties arrived at least once */
} VitrineMprisPlayer;

VitrineMpris             *vitrine_mpris_new         (void);
void                      vitrine_mpris_start       (VitrineMpris *self);
gboolean                  vitrine_mpris_get_playing (VitrineMpris *self);
guint                     vitrine_mpris_get_n_players (VitrineMpris *self);
const VitrineMprisPlayer *vitrine_mpris_choose      (VitrineMpris *self,
                                                     const char   *pinned);
const VitrineMprisPlayer *vitrine_mpris_first_playing (VitrineMpris *self);
void                      vitrine_mpris_call        (VitrineMpris *self,
                                                     const char   *name,
                                                     const char   *method);

G_END_DECLS
