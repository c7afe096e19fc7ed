/* vitrine-feed-parse-private.h: what the XML and JSON halves of the feed parser share.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-feed-parse.h"

G_BEGIN_DECLS

/* How much a text needs: whitespace collapsed always; entities a title escaped twice
 * decoded; markup dropped. */
typedef enum {
  VITRINE_FEED_TEXT_PLAIN,
  VITRINE_FEED_TEXT_ENTITIES,
  VITRINE_FEED_TEXT_HTML,
} VitrineFeedText;

typedef struct {
  const char          *base;      /* base_url, else url; may be NULL */
  const char          *json_path;
  guint                max_items;
  VitrineFeedDocument *document;
} VitrineFeedParse;

VitrineFeedItem *_vitrine_feed_item_new        (void);
gboolean         _vitrine_feed_take_item       (VitrineFeedParse *parse,
                                                VitrineFeedItem  *item);
gboolean         _vitrine_feed_is_full         (VitrineFeedParse *parse);
char            *_vitrine_feed_clean_text      (const char       *text,
                                                VitrineFeedText   mode);
char            *_vitrine_feed_html_find_image (const char       *html,
                                                const char       *base,
                                                int              *width,
                                                int              *height);

void             _vitrine_feed_xml_quiet       (gboolean          quiet);
gboolean         _vitrine_feed_parse_xml       (VitrineFeedParse *parse,
                                                const guint8     *data,
                                                gsize             length,
                                                GError          **error);
gboolean         _vitrine_feed_parse_json      (VitrineFeedParse *parse,
                                                const guint8     *data,
                                                gsize             length,
                                                GError          **error);

G_END_DECLS
