/* vitrine-feed-parse.c: see the header.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "vitrine-feed-parse.h"

G_DEFINE_QUARK (vitrine-feed-error-quark, vitrine_feed_error)

const char *
vitrine_feed_kind_to_string (VitrineFeedKind kind)
{
  switch (kind)
    {
    case VITRINE_FEED_KIND_RSS: return "rss";
    case VITRINE_FEED_KIND_ATOM: return "atom";
    case VITRINE_FEED_KIND_JSON: return "json";
    default: return "unknown";
    }
}

void
vitrine_feed_item_free (VitrineFeedItem *item)
{
  if (item == NULL)
    return;
  g_free (item->title);
  g_free (item->link);
  g_free (item->image_url);
  g_free (item->guid);
  g_free (item);
}

void
vitrine_feed_document_free (VitrineFeedDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->title);
  g_free (document->link);
  g_clear_pointer (&document->items, g_ptr_array_unref);
  g_free (document);
}

VitrineFeedDocument *
vitrine_feed_parse (const guint8                  *data,
                    gsize                          length,
                    const VitrineFeedParseOptions *options,
                    GError                       **error)
{
  (void) data; (void) length; (void) options;
  g_set_error_literal (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_UNSUPPORTED,
                       "feed parsing is not implemented yet");
  return NULL;
}

gint64
vitrine_feed_ttl_from_cache_control (const char *header)
{
  (void) header;
  return -1;
}

gboolean
vitrine_feed_parse_date (const char *text,
                         gint64     *unix_out)
{
  (void) text; (void) unix_out;
  return FALSE;
}

char *
vitrine_feed_resolve_url (const char *base,
                          const char *reference)
{
  (void) base; (void) reference;
  return NULL;
}
