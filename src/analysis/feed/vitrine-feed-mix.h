/* vitrine-feed-mix.h: how feed images join the slideshow (issue 11 item 4). Domain
 * priorities; per pick, local or feed from the "share of feed images" key with the seed
 * program's small-pool rule; among feed candidates an anti-repeat window of 15 that
 * prefers a domain other than the last feed image's; among local candidates (the order
 * VitrineSelection would show them) an anti-repeat window of 5, which catches the repeat
 * a reshuffle can put at a cycle boundary. Feed candidates are drawn with a weight of
 * their domain's priority, so a bing.com image (95) comes up more often than a
 * reddit.com one (10) without starving it; fetching in priority order is the fetcher's,
 * with vitrine_feed_priority_compare. Pure: the random source is seeded by the caller,
 * so tests replay every pick exactly.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_FEED_MIX_LOCAL_WINDOW   5
#define VITRINE_FEED_MIX_FEED_WINDOW   15
/* Below these feed pool sizes the local share is forced up to 90 % and 80 %. */
#define VITRINE_FEED_MIX_TINY_POOL      5
#define VITRINE_FEED_MIX_SMALL_POOL    10

typedef enum {
  VITRINE_FEED_MIX_PICK_NONE,  /* both pools empty */
  VITRINE_FEED_MIX_PICK_LOCAL,
  VITRINE_FEED_MIX_PICK_FEED,
} VitrineFeedMixPick;

typedef struct _VitrineFeedMix VitrineFeedMix;

int                 vitrine_feed_domain_priority       (const char          *url);
int                 vitrine_feed_priority_compare      (const char          *url_a,
                                                        const char          *url_b);
char               *vitrine_feed_url_host              (const char          *url);
char               *vitrine_feed_url_domain            (const char          *url);
double              vitrine_feed_mix_effective_share   (double               feed_share,
                                                        guint                n_feed);

VitrineFeedMix     *vitrine_feed_mix_new               (guint32              seed);
void                vitrine_feed_mix_free              (VitrineFeedMix      *self);
void                vitrine_feed_mix_set_share         (VitrineFeedMix      *self,
                                                        double               feed_share);
void                vitrine_feed_mix_set_windows       (VitrineFeedMix      *self,
                                                        guint                local_window,
                                                        guint                feed_window);
double              vitrine_feed_mix_get_share         (VitrineFeedMix      *self);
VitrineFeedMixPick  vitrine_feed_mix_choose_source     (VitrineFeedMix      *self,
                                                        guint                n_local,
                                                        guint                n_feed);
int                 vitrine_feed_mix_choose_feed       (VitrineFeedMix      *self,
                                                        const char * const  *urls,
                                                        guint                n_urls);
int                 vitrine_feed_mix_choose_local      (VitrineFeedMix      *self,
                                                        const char * const  *paths,
                                                        guint                n_paths);
void                vitrine_feed_mix_note_feed         (VitrineFeedMix      *self,
                                                        const char          *url);
void                vitrine_feed_mix_note_local        (VitrineFeedMix      *self,
                                                        const char          *path);
gboolean            vitrine_feed_mix_feed_is_recent    (VitrineFeedMix      *self,
                                                        const char          *url);
gboolean            vitrine_feed_mix_local_is_recent   (VitrineFeedMix      *self,
                                                        const char          *path);
const char         *vitrine_feed_mix_get_last_domain   (VitrineFeedMix      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineFeedMix, vitrine_feed_mix_free)

G_END_DECLS
