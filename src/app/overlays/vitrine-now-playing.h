/* vitrine-now-playing.h: what the now playing cards of every display show (docs/ARCHITECTURE.md
 * §8): the player chosen among VitrineMpris's (playing, else the most recently paused; the
 * widgets/now-playing-player key pins one), its track and position, and its album art. A
 * file:// art URL is decoded by the image worker through the supervisor, like a photo
 * (never in this process); http(s):// art is first downloaded by the feed worker (its
 * "art" request) and that file then decoded the same way. A drawn placeholder shows
 * meanwhile and when there is none, with the reason in art_error. One per process; the
 * cards only read it.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vitrine-mpris.h"
#include "vitrine-supervisor.h"

G_BEGIN_DECLS

/* The art's size in pixels (the card shows it at half that, sharp on HiDPI). */
#define VITRINE_NOW_PLAYING_ART_SIZE 192

#define VITRINE_TYPE_NOW_PLAYING (vitrine_now_playing_get_type ())

G_DECLARE_FINAL_TYPE (VitrineNowPlaying, vitrine_now_playing, VITRINE, NOW_PLAYING, GObject)

VitrineNowPlaying        *vitrine_now_playing_new          (VitrineMpris      *mpris,
                                                            VitrineSupervisor *supervisor,
                                                            GSettings         *settings);
const VitrineMprisPlayer *vitrine_now_playing_get_player   (VitrineNowPlaying *self);
GdkTexture               *vitrine_now_playing_get_art      (VitrineNowPlaying *self);
const char               *vitrine_now_playing_get_art_error (VitrineNowPlaying *self);
gboolean                  vitrine_now_playing_get_enabled  (VitrineNowPlaying *self);
GSettings                *vitrine_now_playing_get_settings (VitrineNowPlaying *self);
void                      vitrine_now_playing_command      (VitrineNowPlaying *self,
                                                            const char        *method);

G_END_DECLS
