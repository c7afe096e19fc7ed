/* vitrine-media-card.h: the now playing card on a display (docs/ARCHITECTURE.md §8): album
 * art, title, artists and album, a progress bar extrapolated between the player's reports,
 * and previous, play/pause and next buttons that take clicks in interaction mode. It shows
 * what the process-wide VitrineNowPlaying says.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-now-playing.h"
#include "vitrine-overlay-card.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_MEDIA_CARD (vitrine_media_card_get_type ())

G_DECLARE_FINAL_TYPE (VitrineMediaCard, vitrine_media_card, VITRINE, MEDIA_CARD, VitrineOverlayCard)

GtkWidget *vitrine_media_card_new (VitrineNowPlaying *now_playing);

G_END_DECLS
