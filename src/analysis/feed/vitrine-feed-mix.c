/* vitrine-feed-mix.c: domain priorities and the local/feed mix (see the header).
 *
 * The windows are short queues of what was shown last, newest at the tail. A candidate in
 * its window is passed over while another is available; when every candidate is in it,
 * the one shown longest ago goes, so a small pool still cycles.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-feed-mix.h"

struct _VitrineFeedMix
{
  GRand  *rand;
  double  share;
  guint   local_window;
  guint   feed_window;
  GQueue  recent_local;  /* owned paths, newest last */
  GQueue  recent_feed;   /* owned URLs, newest last */
  char   *last_domain;
};

static const struct {
  const char *domain;
  int         priority;
} priorities[] = {
  { "bing.com", 95 },
  { "unsplash.com", 90 },
  { "wikimedia.org", 85 },
  { "nasa.gov", 75 },
  { "reddit.com", 10 },
  /* Reddit's image hosts count as Reddit. */
  { "redd.it", 10 },
};

#define DEFAULT_PRIORITY 50

/* The URL's host in lower case, without a trailing dot; NULL when it has none. */
char *
vitrine_feed_url_host (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;
  char *lower;
  gsize len;

  if (url == NULL || (uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL)) == NULL)
    return NULL;
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0')
    return NULL;
  lower = g_ascii_strdown (host, -1);
  len = strlen (lower);
  if (len > 1 && lower[len - 1] == '.')
    lower[len - 1] = '\0';
  return lower;
}

static gboolean
host_in_domain (const char *host,
                const char *domain)
{
  gsize host_len = strlen (host), domain_len = strlen (domain);

  if (host_len == domain_len)
    return strcmp (host, domain) == 0;
  return host_len > domain_len && host[host_len - domain_len - 1] == '.' &&
         strcmp (host + host_len - domain_len, domain) == 0;
}

/* 95 for bing.com and its subdomains, and so on; 50 for everything else. */
int
vitrine_feed_domain_priority (const char *url)
{
  g_autofree char *host = vitrine_feed_url_host (url);

  for (gsize i = 0; host != NULL && i < G_N_ELEMENTS (priorities); i++)
    if (host_in_domain (host, priorities[i].domain))
      return priorities[i].priority;
  return DEFAULT_PRIORITY;
}

/* For sorting feeds or items highest priority first (a GCompareFunc over URLs). */
int
vitrine_feed_priority_compare (const char *url_a,
                               const char *url_b)
{
  return vitrine_feed_domain_priority (url_b) - vitrine_feed_domain_priority (url_a);
}

/*
 * The registrable part of the host, by a rule of thumb rather than the public suffix list:
 * the last two labels ("i.redd.it" → "redd.it"), or three when the last two look like a
 * country's second level ("www.bbc.co.uk" → "bbc.co.uk"). Addresses stay whole.
 */
char *
vitrine_feed_url_domain (const char *url)
{
  g_autofree char *host = vitrine_feed_url_host (url);
  const char *labels[3] = { NULL, NULL, NULL };
  guint found = 0;

  if (host == NULL)
    return NULL;
  if (strchr (host, ':') != NULL || g_ascii_isdigit (host[strlen (host) - 1]))
    return g_steal_pointer (&host);

  for (const char *p = host + strlen (host); p > host && found < 3; p--)
    if (p[-1] == '.')
      labels[found++] = p;
  if (found < 1)
    return g_steal_pointer (&host);
  if (found >= 2 && strlen (labels[0]) == 2 && labels[0] - labels[1] - 1 <= 3)
    return g_strdup (found >= 3 ? labels[2] : host);
  return g_strdup (found >= 2 ? labels[1] : host);
}

/*
 * The feed share the pick uses: the key's value, but with a small feed pool at most
 * 10 % (fewer than 5 images) or 20 % (fewer than 10), as the seed program did, so a
 * handful of feed images does not repeat every other pick.
 */
double
vitrine_feed_mix_effective_share (double feed_share,
                                  guint  n_feed)
{
  feed_share = CLAMP (feed_share, 0.0, 1.0);
  if (n_feed == 0)
    return 0.0;
  if (n_feed < VITRINE_FEED_MIX_TINY_POOL)
    return MIN (feed_share, 0.10);
  if (n_feed < VITRINE_FEED_MIX_SMALL_POOL)
    return MIN (feed_share, 0.20);
  return feed_share;
}

VitrineFeedMix *
vitrine_feed_mix_new (guint32 seed)
{
  VitrineFeedMix *self = g_new0 (VitrineFeedMix, 1);

  self->rand = g_rand_new_with_seed (seed);
  self->share = 0.5;
  self->local_window = VITRINE_FEED_MIX_LOCAL_WINDOW;
  self->feed_window = VITRINE_FEED_MIX_FEED_WINDOW;
  g_queue_init (&self->recent_local);
  g_queue_init (&self->recent_feed);
  return self;
}

void
vitrine_feed_mix_free (VitrineFeedMix *self)
{
  if (self == NULL)
    return;
  g_rand_free (self->rand);
  g_queue_clear_full (&self->recent_local, g_free);
  g_queue_clear_full (&self->recent_feed, g_free);
  g_free (self->last_domain);
  g_free (self);
}

void
vitrine_feed_mix_set_share (VitrineFeedMix *self,
                            double          feed_share)
{
  self->share = CLAMP (feed_share, 0.0, 1.0);
}

double
vitrine_feed_mix_get_share (VitrineFeedMix *self)
{
  return self->share;
}

static void
trim (GQueue *queue,
      guint   window)
{
  while (queue->length > window)
    g_free (g_queue_pop_head (queue));
}

void
vitrine_feed_mix_set_windows (VitrineFeedMix *self,
                              guint           local_window,
                              guint           feed_window)
{
  self->local_window = local_window;
  self->feed_window = feed_window;
  trim (&self->recent_local, local_window);
  trim (&self->recent_feed, feed_window);
}

/* Local or feed for the next pick; whichever pool is empty is never chosen. */
VitrineFeedMixPick
vitrine_feed_mix_choose_source (VitrineFeedMix *self,
                                guint           n_local,
                                guint           n_feed)
{
  double share;

  if (n_local == 0 && n_feed == 0)
    return VITRINE_FEED_MIX_PICK_NONE;
  if (n_feed == 0)
    return VITRINE_FEED_MIX_PICK_LOCAL;
  if (n_local == 0)
    return VITRINE_FEED_MIX_PICK_FEED;
  share = vitrine_feed_mix_effective_share (self->share, n_feed);
  return g_rand_double (self->rand) < share ? VITRINE_FEED_MIX_PICK_FEED : VITRINE_FEED_MIX_PICK_LOCAL;
}

/* How many picks ago @key was shown (0 = last), or -1 when not within the window. */
static int
age_in (GQueue     *queue,
        const char *key)
{
  int age = 0;

  for (GList *l = queue->tail; l != NULL; l = l->prev, age++)
    if (strcmp (l->data, key) == 0)
      return age;
  return -1;
}

static void
remember (GQueue     *queue,
          guint       window,
          const char *key)
{
  if (window == 0)
    return;
  g_queue_push_tail (queue, g_strdup (key));
  trim (queue, window);
}

void
vitrine_feed_mix_note_local (VitrineFeedMix *self,
                             const char     *path)
{
  g_return_if_fail (path != NULL);
  remember (&self->recent_local, self->local_window, path);
}

void
vitrine_feed_mix_note_feed (VitrineFeedMix *self,
                            const char     *url)
{
  g_return_if_fail (url != NULL);
  remember (&self->recent_feed, self->feed_window, url);
  g_free (self->last_domain);
  self->last_domain = vitrine_feed_url_domain (url);
}

gboolean
vitrine_feed_mix_local_is_recent (VitrineFeedMix *self,
                                  const char     *path)
{
  return path != NULL && age_in (&self->recent_local, path) >= 0;
}

gboolean
vitrine_feed_mix_feed_is_recent (VitrineFeedMix *self,
                                 const char     *url)
{
  return url != NULL && age_in (&self->recent_feed, url) >= 0;
}

/* The domain of the last feed image, or NULL before the first one. */
const char *
vitrine_feed_mix_get_last_domain (VitrineFeedMix *self)
{
  return self->last_domain;
}

/* Among @keys, the index of the one shown longest ago (never shown counts as oldest). */
static int
oldest (GQueue             *queue,
        const char * const *keys,
        guint               n_keys)
{
  int best = -1, best_age = -1;

  for (guint i = 0; i < n_keys; i++)
    {
      int age;

      if (keys[i] == NULL)
        continue;
      age = age_in (queue, keys[i]);
      if (age < 0)
        return (int) i;
      if (age > best_age)
        {
          best = (int) i;
          best_age = age;
        }
    }
  return best;
}

/*
 * The first of @paths (the local selection's upcoming order) not shown within the local
 * window, else the one shown longest ago; recorded as shown. -1 when @n_paths is 0.
 */
int
vitrine_feed_mix_choose_local (VitrineFeedMix     *self,
                               const char * const *paths,
                               guint               n_paths)
{
  int index = -1;

  for (guint i = 0; i < n_paths && index < 0; i++)
    if (paths[i] != NULL && age_in (&self->recent_local, paths[i]) < 0)
      index = (int) i;
  if (index < 0)
    index = oldest (&self->recent_local, paths, n_paths);
  if (index >= 0)
    vitrine_feed_mix_note_local (self, paths[index]);
  return index;
}

/* A draw among @eligible weighted by domain priority. */
static int
draw_weighted (VitrineFeedMix     *self,
               const char * const *urls,
               GArray             *eligible)
{
  gint64 total = 0, target;

  for (guint i = 0; i < eligible->len; i++)
    total += vitrine_feed_domain_priority (urls[g_array_index (eligible, guint, i)]);
  target = (gint64) (g_rand_double (self->rand) * (double) total);
  for (guint i = 0; i < eligible->len; i++)
    {
      guint index = g_array_index (eligible, guint, i);

      target -= vitrine_feed_domain_priority (urls[index]);
      if (target < 0)
        return (int) index;
    }
  return (int) g_array_index (eligible, guint, eligible->len - 1);
}

/*
 * The next feed image among @urls: outside the feed window, from another domain than the
 * last feed image when one is available, weighted by domain priority. With every
 * candidate in the window, the one shown longest ago. Recorded as shown; -1 when
 * @n_urls is 0.
 */
int
vitrine_feed_mix_choose_feed (VitrineFeedMix     *self,
                              const char * const *urls,
                              guint               n_urls)
{
  g_autoptr(GArray) fresh = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) other_domain = g_array_new (FALSE, FALSE, sizeof (guint));
  int index;

  for (guint i = 0; i < n_urls; i++)
    {
      g_autofree char *domain = NULL;

      if (urls[i] == NULL || age_in (&self->recent_feed, urls[i]) >= 0)
        continue;
      g_array_append_val (fresh, i);
      domain = vitrine_feed_url_domain (urls[i]);
      if (self->last_domain == NULL || g_strcmp0 (domain, self->last_domain) != 0)
        g_array_append_val (other_domain, i);
    }

  if (other_domain->len > 0)
    index = draw_weighted (self, urls, other_domain);
  else if (fresh->len > 0)
    index = draw_weighted (self, urls, fresh);
  else
    index = oldest (&self->recent_feed, urls, n_urls);
  if (index >= 0)
    vitrine_feed_mix_note_feed (self, urls[index]);
  return index;
}
