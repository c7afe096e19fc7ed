/* fuzz-feed.c: the feed parser over arbitrary bytes, as RSS, Atom or JSON with and
 * without a JSON path, plus the date and Cache-Control readers over the same bytes. A
 * document it accepts keeps the contract the feed worker relies on: at least one item,
 * no more than max_items, every URL absolute http(s) with a host, text valid UTF-8.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-feed-parse.h"
#include "vitrine-fuzz.h"

#define MAX_ITEMS 50

static void
check_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return;
  g_assert_true (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://"));
  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  g_assert_nonnull (uri);
  g_assert_nonnull (g_uri_get_host (uri));
  g_assert_cmpstr (g_uri_get_host (uri), !=, "");
}

static void
check_text (const char *text)
{
  if (text != NULL)
    g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
parse_as (const uint8_t *data,
          size_t         size,
          const char    *json_path)
{
  VitrineFeedParseOptions options = {
    .url = "https://feeds.example.org/a/feed.xml", .json_path = json_path, .max_items = MAX_ITEMS,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineFeedDocument) document = vitrine_feed_parse (data, size, &options, &error);

  if (document == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == VITRINE_FEED_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (document->items->len, >=, 1);
  g_assert_cmpuint (document->items->len, <=, MAX_ITEMS);
  g_assert_cmpint (document->ttl_s, >=, -1);
  g_assert_cmpstr (vitrine_feed_kind_to_string (document->kind), !=, "unknown");
  check_text (document->title);
  check_url (document->link);
  for (guint i = 0; i < document->items->len; i++)
    {
      VitrineFeedItem *item = document->items->pdata[i];

      g_assert_true (item->title != NULL || item->link != NULL || item->image_url != NULL);
      check_text (item->title);
      check_text (item->guid);
      check_url (item->link);
      check_url (item->image_url);
      g_assert_cmpint (item->image_width, >=, 0);
      g_assert_cmpint (item->image_height, >=, 0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  gint64 when;

  vitrine_fuzz_init ();

  parse_as (data, size, NULL);
  parse_as (data, size, "images[*].url");
  parse_as (data, size, "*.*[0]");

  /* The same bytes as a header value and as a date, up to the first NUL. */
  text = g_strndup ((const char *) data, MIN (size, 4096));
  g_assert_cmpint (vitrine_feed_ttl_from_cache_control (text), >=, -1);
  if (vitrine_feed_parse_date (text, &when))
    g_assert_cmpint (when, >, (gint64) -62135596800 - 86400);  /* no earlier than year 1 */
  return 0;
}
