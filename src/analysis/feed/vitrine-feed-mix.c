/* vitrine-feed-mix.c: see the header.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "vitrine-feed-mix.h"

struct _VitrineFeedMix
{
  GRand  *rand;
  double  share;
};

int
vitrine_feed_domain_priority (const char *url)
{
  (void) url;
  return 50;
}

char *
vitrine_feed_url_host (const char *url)
{
  (void) url;
  return NULL;
}

double
vitrine_feed_mix_effective_share (double feed_share,
                                  guint  n_feed)
{
  (void) n_feed;
  return feed_share;
}

VitrineFeedMix *
vitrine_feed_mix_new (guint32 seed)
{
  VitrineFeedMix *self = g_new0 (VitrineFeedMix, 1);

  self->rand = g_rand_new_with_seed (seed);
  return self;
}

void
vitrine_feed_mix_free (VitrineFeedMix *self)
{
  if (self == NULL)
    return;
  g_rand_free (self->rand);
  g_free (self);
}

void vitrine_feed_mix_set_share (VitrineFeedMix *self, double feed_share) { self->share = feed_share; }
double vitrine_feed_mix_get_share (VitrineFeedMix *self) { return self->share; }

VitrineFeedMixPick
vitrine_feed_mix_choose_source (VitrineFeedMix *self, guint n_local, guint n_feed)
{
  (void) self;
  return n_local > 0 ? VITRINE_FEED_MIX_PICK_LOCAL
       : n_feed > 0 ? VITRINE_FEED_MIX_PICK_FEED : VITRINE_FEED_MIX_PICK_NONE;
}

int vitrine_feed_mix_choose_feed (VitrineFeedMix *self, const char * const *urls, guint n_urls)
{ (void) self; (void) urls; return n_urls > 0 ? 0 : -1; }
int vitrine_feed_mix_choose_local (VitrineFeedMix *self, const char * const *paths, guint n_paths)
{ (void) self; (void) paths; return n_paths > 0 ? 0 : -1; }
void vitrine_feed_mix_note_feed (VitrineFeedMix *self, const char *url) { (void) self; (void) url; }
void vitrine_feed_mix_note_local (VitrineFeedMix *self, const char *path) { (void) self; (void) path; }
gboolean vitrine_feed_mix_feed_is_recent (VitrineFeedMix *self, const char *url) { (void) self; (void) url; return FALSE; }
gboolean vitrine_feed_mix_local_is_recent (VitrineFeedMix *self, const char *path) { (void) self; (void) path; return FALSE; }
const char *vitrine_feed_mix_get_last_domain (VitrineFeedMix *self) { (void) self; return NULL; }
