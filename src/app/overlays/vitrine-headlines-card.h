/* vitrine-headlines-card.h: the headlines card (docs/ARCHITECTURE.md §8): the newest items of
 * the headline feeds (as many as widgets/headlines-count), with their source and age, long
 * titles ellipsized, four at a time and turning to the next four each minute when there
 * are more. It shows what it is handed (vitrine_headlines_card_set_items()); the feed
 * worker's data (VitrineFeeds, "headlines-changed") is wired to it by the application.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-overlay-card.h"

G_BEGIN_DECLS

/* How many headlines show at once. */
#define VITRINE_HEADLINES_PAGE 4

/* One item; strings are borrowed for the call. */
typedef struct
{
  const char *title;
  const char *source;     /* the feed's title */
  gint64      published;  /* real time, µs; 0: unknown */
} VitrineCardHeadline;

#define VITRINE_TYPE_HEADLINES_CARD (vitrine_headlines_card_get_type ())

G_DECLARE_FINAL_TYPE (VitrineHeadlinesCard, vitrine_headlines_card, VITRINE, HEADLINES_CARD, VitrineOverlayCard)

GtkWidget *vitrine_headlines_card_new       (VitrineOverlayStyle       *style,
                                             GSettings                 *settings);
void       vitrine_headlines_card_set_items (VitrineHeadlinesCard      *self,
                                             const VitrineCardHeadline *items,
                                             guint                      n_items,
                                             const char                *error);

G_END_DECLS
