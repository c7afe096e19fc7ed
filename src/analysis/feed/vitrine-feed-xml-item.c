/* vitrine-feed-xml-item.c: one RSS <item> or Atom <entry> to a VitrineFeedItem: title,
 * link, guid, date, and the image by issue 11's ranking (the largest media:content of a
 * media:group, the largest media:content, an Atom enclosure link, an image <enclosure>,
 * media:thumbnail, last the first <img> of the description or content).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-feed-xml-private.h"

/* One kind of image source in an item: the largest seen so far. */
typedef struct {
  char   *url;
  int     width;
  int     height;
  gint64  area;
} Candidate;

/* An item's image sources, in the order issue 11 ranks them. */
typedef enum {
  SOURCE_MEDIA_GROUP,
  SOURCE_MEDIA_CONTENT,
  SOURCE_ATOM_ENCLOSURE,
  SOURCE_ENCLOSURE,
  SOURCE_MEDIA_THUMBNAIL,
  SOURCE_HTML_IMG,
  N_SOURCES,
} Source;

typedef struct {
  VitrineFeedItem *item;
  Candidate        candidates[N_SOURCES];
  char            *html;       /* the first description or content that has an <img> */
  xmlNode         *html_node;
  char            *guid_link;  /* a permalink guid, the link when there is no <link> */
  gint64           fallback_date;
} ItemState;

static int
int_prop (xmlNode    *node,
          const char *name)
{
  g_autofree char *value = _vitrine_feed_xml_prop (node, name);
  gint64 n;

  if (value == NULL || !g_ascii_string_to_signed (g_strstrip (value), 10, 1, 1000000, &n, NULL))
    return 0;
  return (int) n;
}

/* @node's URL in @attribute becomes @candidate when it is larger (and resolves). */
static void
offer (Walk       *walk,
       Candidate  *candidate,
       xmlNode    *node,
       const char *attribute)
{
  g_autofree char *reference = NULL;
  g_autofree char *url = NULL;
  int width = int_prop (node, "width");
  int height = int_prop (node, "height");
  /* Without a height, the width alone ranks it, as if square. */
  gint64 area = (gint64) (width > 0 ? width : height) * (height > 0 ? height : width);

  if (candidate->url != NULL && area <= candidate->area)
    return;
  reference = _vitrine_feed_xml_prop (node, attribute);
  url = _vitrine_feed_xml_resolve (walk, node, reference);
  if (url == NULL)
    return;
  g_free (candidate->url);
  candidate->url = g_steal_pointer (&url);
  candidate->width = width;
  candidate->height = height;
  candidate->area = area;
}

/* media:content, <enclosure> or <link rel="enclosure">: an image unless it says otherwise. */
static gboolean
is_image_type (xmlNode  *node,
               gboolean  type_required)
{
  g_autofree char *medium = _vitrine_feed_xml_prop (node, "medium");
  g_autofree char *type = _vitrine_feed_xml_prop (node, "type");

  if (medium != NULL && g_ascii_strcasecmp (g_strstrip (medium), "image") != 0)
    return FALSE;
  if (type == NULL)
    return !type_required;
  return g_ascii_strncasecmp (g_strstrip (type), "image/", 6) == 0;
}

/* The first <img> among XHTML content's elements. */
static xmlNode *
find_img_element (xmlNode *node,
                  int      depth)
{
  for (xmlNode *child = node->children; child != NULL && depth < 32; child = child->next)
    {
      xmlNode *found;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *) child->name, "img") == 0 && xmlHasProp (child, (const xmlChar *) "src"))
        return child;
      if ((found = find_img_element (child, depth + 1)) != NULL)
        return found;
    }
  return NULL;
}

/* A description, content:encoded, Atom content or summary: the last resort for an image. */
static void
keep_html (Walk      *walk,
           ItemState *state,
           xmlNode   *node)
{
  Candidate *html_img = &state->candidates[SOURCE_HTML_IMG];
  g_autofree char *html = NULL;
  xmlNode *img;

  if (html_img->url != NULL || state->html != NULL)
    return;
  if ((img = find_img_element (node, 0)) != NULL)
    {
      offer (walk, html_img, img, "src");
      return;
    }
  html = _vitrine_feed_xml_text (node);
  if (html != NULL && (strstr (html, "<img") != NULL || strstr (html, "<IMG") != NULL))
    {
      state->html = g_steal_pointer (&html);
      state->html_node = node;
    }
}

static void
take_date (gint64  *slot,
           xmlNode *node)
{
  g_autofree char *text = _vitrine_feed_xml_text (node);
  gint64 when;

  if (*slot == G_MININT64 && vitrine_feed_parse_date (text, &when))
    *slot = when;
}

char *
_vitrine_feed_xml_atom_text (xmlNode *node)
{
  g_autofree char *type = _vitrine_feed_xml_prop (node, "type");
  g_autofree char *text = _vitrine_feed_xml_text (node);

  if (type != NULL && g_ascii_strcasecmp (type, "html") == 0)
    return _vitrine_feed_clean_text (text, VITRINE_FEED_TEXT_HTML);
  return _vitrine_feed_clean_text (text, VITRINE_FEED_TEXT_PLAIN);
}

/*
 * <link href rel type>: a page link (rel absent or "alternate") goes into @link unless it
 * is set; for any other link its rel comes back (free it), for the caller to use.
 */
char *
_vitrine_feed_xml_atom_link (Walk     *walk,
                             xmlNode  *node,
                             char    **link)
{
  char *rel = _vitrine_feed_xml_prop (node, "rel");
  g_autofree char *href = NULL;

  if (rel != NULL && g_ascii_strcasecmp (g_strstrip (rel), "alternate") != 0)
    return rel;
  g_free (rel);
  if (*link == NULL)
    {
      href = _vitrine_feed_xml_prop (node, "href");
      *link = _vitrine_feed_xml_resolve (walk, node, href);
    }
  return NULL;
}

static void
media_group (Walk      *walk,
             ItemState *state,
             xmlNode   *group)
{
  for (xmlNode *node = group->children; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE || _vitrine_feed_xml_ns (node) != NS_IS_MEDIA)
        continue;
      if (strcmp ((const char *) node->name, "content") == 0 && is_image_type (node, FALSE))
        offer (walk, &state->candidates[SOURCE_MEDIA_GROUP], node, "url");
      else if (strcmp ((const char *) node->name, "thumbnail") == 0)
        offer (walk, &state->candidates[SOURCE_MEDIA_THUMBNAIL], node, "url");
    }
}

static void
item_media (Walk      *walk,
            ItemState *state,
            xmlNode   *node)
{
  const char *name = (const char *) node->name;

  if (strcmp (name, "group") == 0)
    media_group (walk, state, node);
  else if (strcmp (name, "content") == 0 && is_image_type (node, FALSE))
    offer (walk, &state->candidates[SOURCE_MEDIA_CONTENT], node, "url");
  else if (strcmp (name, "thumbnail") == 0)
    offer (walk, &state->candidates[SOURCE_MEDIA_THUMBNAIL], node, "url");
}

/* One child of an <item> or <entry>. */
static void
item_child (Walk      *walk,
            ItemState *state,
            xmlNode   *node)
{
  VitrineFeedItem *item = state->item;
  const char *name = (const char *) node->name;
  Ns ns = _vitrine_feed_xml_ns (node);

  if (ns == NS_IS_MEDIA)
    item_media (walk, state, node);
  else if (ns == NS_IS_ATOM && strcmp (name, "link") == 0)
    {
      g_autofree char *rel = _vitrine_feed_xml_atom_link (walk, node, &item->link);

      if (rel != NULL && g_ascii_strcasecmp (rel, "enclosure") == 0 && is_image_type (node, FALSE))
        offer (walk, &state->candidates[SOURCE_ATOM_ENCLOSURE], node, "href");
    }
  else if (ns == NS_IS_ATOM && strcmp (name, "title") == 0 && item->title == NULL)
    item->title = _vitrine_feed_xml_atom_text (node);
  else if (ns == NS_IS_ATOM && strcmp (name, "id") == 0 && item->guid == NULL)
    {
      g_autofree char *text = _vitrine_feed_xml_text (node);

      item->guid = _vitrine_feed_clean_text (text, VITRINE_FEED_TEXT_PLAIN);
    }
  else if (ns == NS_IS_ATOM && strcmp (name, "published") == 0)
    take_date (&item->published_unix, node);
  else if (ns == NS_IS_ATOM && strcmp (name, "updated") == 0)
    take_date (&state->fallback_date, node);
  else if (ns == NS_IS_ATOM && (strcmp (name, "content") == 0 || strcmp (name, "summary") == 0))
    keep_html (walk, state, node);
  else if (ns == NS_IS_DC && strcmp (name, "date") == 0)
    take_date (&state->fallback_date, node);
  else if (ns == NS_IS_CONTENT && strcmp (name, "encoded") == 0)
    keep_html (walk, state, node);
  else if (ns != NS_NONE && ns != NS_OTHER)
    return;
  else if (strcmp (name, "title") == 0 && item->title == NULL)
    {
      g_autofree char *text = _vitrine_feed_xml_text (node);

      item->title = _vitrine_feed_clean_text (text, VITRINE_FEED_TEXT_ENTITIES);
    }
  else if (strcmp (name, "link") == 0 && item->link == NULL)
    {
      g_autofree char *text = _vitrine_feed_xml_text (node);

      item->link = _vitrine_feed_xml_resolve (walk, node, text);
    }
  else if (strcmp (name, "guid") == 0 && item->guid == NULL)
    {
      g_autofree char *text = _vitrine_feed_xml_text (node);
      g_autofree char *permalink = _vitrine_feed_xml_prop (node, "isPermaLink");

      item->guid = _vitrine_feed_clean_text (text, VITRINE_FEED_TEXT_PLAIN);
      if (permalink == NULL || g_ascii_strcasecmp (permalink, "false") != 0)
        state->guid_link = _vitrine_feed_xml_resolve (walk, node, item->guid);
    }
  else if (strcmp (name, "pubDate") == 0)
    take_date (&item->published_unix, node);
  else if (strcmp (name, "enclosure") == 0 && is_image_type (node, TRUE))
    offer (walk, &state->candidates[SOURCE_ENCLOSURE], node, "url");
  else if (strcmp (name, "description") == 0)
    keep_html (walk, state, node);
}

/* The best image source, dates and links that only fill gaps, then the item is done. */
static void
item_finish (Walk      *walk,
             ItemState *state)
{
  VitrineFeedItem *item = state->item;

  if (state->candidates[SOURCE_HTML_IMG].url == NULL && state->html != NULL)
    {
      g_autofree char *base = NULL;
      xmlChar *node_base = xmlNodeGetBase (walk->doc, state->html_node);
      Candidate *html_img = &state->candidates[SOURCE_HTML_IMG];

      base = g_strdup (node_base != NULL ? (const char *) node_base : walk->parse->base);
      xmlFree (node_base);
      html_img->url = _vitrine_feed_html_find_image (state->html, base, &html_img->width, &html_img->height);
    }

  for (guint i = 0; i < N_SOURCES; i++)
    if (state->candidates[i].url != NULL && item->image_url == NULL)
      {
        item->image_url = g_steal_pointer (&state->candidates[i].url);
        item->image_width = state->candidates[i].width;
        item->image_height = state->candidates[i].height;
      }
  if (item->published_unix == G_MININT64)
    item->published_unix = state->fallback_date;
  if (item->link == NULL)
    item->link = g_steal_pointer (&state->guid_link);
}

static void
item_state_clear (ItemState *state)
{
  for (guint i = 0; i < N_SOURCES; i++)
    g_free (state->candidates[i].url);
  g_free (state->html);
  g_free (state->guid_link);
  vitrine_feed_item_free (state->item);
}

/* Reads @element into the document; FALSE once the document holds max_items. */
gboolean
_vitrine_feed_xml_parse_item (Walk    *walk,
                              xmlNode *element)
{
  ItemState state = { 0 };
  gboolean more;

  state.item = _vitrine_feed_item_new ();
  state.fallback_date = G_MININT64;
  for (xmlNode *node = element->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      item_child (walk, &state, node);
  item_finish (walk, &state);
  more = _vitrine_feed_take_item (walk->parse, g_steal_pointer (&state.item));
  item_state_clear (&state);
  return more;
}

