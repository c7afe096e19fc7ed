/* vitrine-feed-xml-private.h: what the feed document (vitrine-feed-xml.c) and its items
 * (vitrine-feed-xml-item.c) share: namespaces, the walk's state, small node readers.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/tree.h>

#include "vitrine-feed-parse-private.h"

G_BEGIN_DECLS

#define NS_ATOM    "http://www.w3.org/2005/Atom"
#define NS_MEDIA   "http://search.yahoo.com/mrss"  /* with or without the final slash */
#define NS_SY      "http://purl.org/rss/1.0/modules/syndication/"
#define NS_DC      "http://purl.org/dc/elements/1.1/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"

typedef enum {
  NS_NONE,
  NS_IS_ATOM,
  NS_IS_MEDIA,
  NS_IS_SY,
  NS_IS_DC,
  NS_IS_CONTENT,
  NS_OTHER,
} Ns;

typedef struct {
  VitrineFeedParse *parse;
  xmlDoc           *doc;
} Walk;

Ns        _vitrine_feed_xml_ns         (xmlNode    *node);
gboolean  _vitrine_feed_xml_is_rss     (xmlNode    *node,
                                        const char *name);
char     *_vitrine_feed_xml_text       (xmlNode    *node);
char     *_vitrine_feed_xml_prop       (xmlNode    *node,
                                        const char *name);
char     *_vitrine_feed_xml_resolve    (Walk       *walk,
                                        xmlNode    *node,
                                        const char *reference);
char     *_vitrine_feed_xml_atom_text  (xmlNode    *node);
char     *_vitrine_feed_xml_atom_link  (Walk       *walk,
                                        xmlNode    *node,
                                        char      **link);
gboolean  _vitrine_feed_xml_parse_item (Walk       *walk,
                                        xmlNode    *element);

G_END_DECLS
