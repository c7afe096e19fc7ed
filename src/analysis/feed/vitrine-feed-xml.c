/* vitrine-feed-xml.c: RSS 0.9x/1.0/2.0, Atom 1.0 and Media RSS through libxml2.
 *
 * The parser never touches the network or the disk: XML_PARSE_NONET, no DTD loading, no
 * entity substitution, a resolver that refuses every external entity, and an entityDecl
 * handler that stops the parse at the first entity declaration, so XXE and billion laughs
 * end as VITRINE_FEED_ERROR_HOSTILE before anything is expanded. libxml2's own limits
 * (depth 256, no XML_PARSE_HUGE) stay in force.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "vitrine-feed-parse-private.h"
#include "vitrine-json-util.h"

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
  VitrineFeedParse *parse;
  xmlDoc           *doc;
} Walk;

typedef struct {
  VitrineFeedItem *item;
  Candidate        candidates[N_SOURCES];
  char            *html;       /* the first description or content that has an <img> */
  xmlNode         *html_node;
  char            *guid_link;  /* a permalink guid, the link when there is no <link> */
  gint64           fallback_date;
} ItemState;

typedef struct {
  gboolean hostile;
} Guard;

static Ns
node_ns (xmlNode *node)
{
  const char *href;

  if (node->ns == NULL || node->ns->href == NULL)
    return NS_NONE;
  href = (const char *) node->ns->href;
  if (strcmp (href, NS_ATOM) == 0)
    return NS_IS_ATOM;
  if (g_str_has_prefix (href, NS_MEDIA) && (href[strlen (NS_MEDIA)] == '\0' || strcmp (href + strlen (NS_MEDIA), "/") == 0))
    return NS_IS_MEDIA;
  if (strcmp (href, NS_SY) == 0)
    return NS_IS_SY;
  if (strcmp (href, NS_DC) == 0)
    return NS_IS_DC;
  if (strcmp (href, NS_CONTENT) == 0)
    return NS_IS_CONTENT;
  return NS_OTHER;
}

/* RSS elements have no namespace, except in RSS 1.0 where they have their own. */
static gboolean
is_rss (xmlNode    *node,
        const char *name)
{
  Ns ns;

  if (strcmp ((const char *) node->name, name) != 0)
    return FALSE;
  ns = node_ns (node);
  return ns == NS_NONE || ns == NS_OTHER;
}

static char *
text_of (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *copy = g_strdup ((const char *) content);

  xmlFree (content);
  return copy;
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static int
int_prop (xmlNode    *node,
          const char *name)
{
  g_autofree char *value = prop (node, name);
  gint64 n;

  if (value == NULL || !g_ascii_string_to_signed (g_strstrip (value), 10, 1, 1000000, &n, NULL))
    return 0;
  return (int) n;
}

/* A URL from the document made absolute, honouring xml:base on the way up. */
static char *
resolve (Walk       *walk,
         xmlNode    *node,
         const char *reference)
{
  g_autofree char *base = NULL;
  xmlChar *node_base;

  if (reference == NULL)
    return NULL;
  if (g_uri_peek_scheme (reference) != NULL)
    return vitrine_feed_resolve_url (NULL, reference);

  node_base = xmlNodeGetBase (walk->doc, node);
  base = g_strdup ((const char *) node_base);
  xmlFree (node_base);
  return vitrine_feed_resolve_url (base != NULL ? base : walk->parse->base, reference);
}

static void
offer (Walk      *walk,
       Candidate *candidate,
       xmlNode   *node,
       const char *attribute)
{
  g_autofree char *reference = prop (node, attribute);
  g_autofree char *url = resolve (walk, node, reference);
  int width = int_prop (node, "width");
  int height = int_prop (node, "height");
  gint64 area;

  if (url == NULL)
    return;
  /* Without a height, the width alone ranks it, as if square. */
  area = (gint64) (width > 0 ? width : height) * (height > 0 ? height : width);
  if (candidate->url != NULL && area <= candidate->area)
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
  g_autofree char *medium = prop (node, "medium");
  g_autofree char *type = prop (node, "type");

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
  html = text_of (node);
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
  g_autofree char *text = text_of (node);
  gint64 when;

  if (*slot == G_MININT64 && vitrine_feed_parse_date (text, &when))
    *slot = when;
}

static char *
atom_text (xmlNode *node)
{
  g_autofree char *type = prop (node, "type");
  g_autofree char *text = text_of (node);

  if (type != NULL && g_ascii_strcasecmp (type, "html") == 0)
    return _vitrine_feed_clean_text (text, VITRINE_FEED_TEXT_HTML);
  return _vitrine_feed_clean_text (text, VITRINE_FEED_TEXT_PLAIN);
}

/* <link href rel type>: the item's or feed's page, or for an item an image enclosure. */
static void
atom_link (Walk      *walk,
           xmlNode   *node,
           char     **link,
           Candidate *enclosure)
{
  g_autofree char *rel = prop (node, "rel");

  if (rel == NULL || g_ascii_strcasecmp (g_strstrip (rel), "alternate") == 0)
    {
      g_autofree char *href = NULL;

      if (*link != NULL)
        return;
      href = prop (node, "href");
      *link = resolve (walk, node, href);
    }
  else if (enclosure != NULL && g_ascii_strcasecmp (rel, "enclosure") == 0 && is_image_type (node, FALSE))
    offer (walk, enclosure, node, "href");
}

static void
media_group (Walk      *walk,
             ItemState *state,
             xmlNode   *group)
{
  for (xmlNode *node = group->children; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE || node_ns (node) != NS_IS_MEDIA)
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
  Ns ns = node_ns (node);

  if (ns == NS_IS_MEDIA)
    item_media (walk, state, node);
  else if (ns == NS_IS_ATOM && strcmp (name, "link") == 0)
    atom_link (walk, node, &item->link, &state->candidates[SOURCE_ATOM_ENCLOSURE]);
  else if (ns == NS_IS_ATOM && strcmp (name, "title") == 0 && item->title == NULL)
    item->title = atom_text (node);
  else if (ns == NS_IS_ATOM && strcmp (name, "id") == 0 && item->guid == NULL)
    {
      g_autofree char *text = text_of (node);

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
      g_autofree char *text = text_of (node);

      item->title = _vitrine_feed_clean_text (text, VITRINE_FEED_TEXT_ENTITIES);
    }
  else if (strcmp (name, "link") == 0 && item->link == NULL)
    {
      g_autofree char *text = text_of (node);

      item->link = resolve (walk, node, text);
    }
  else if (strcmp (name, "guid") == 0 && item->guid == NULL)
    {
      g_autofree char *text = text_of (node);
      g_autofree char *permalink = prop (node, "isPermaLink");

      item->guid = _vitrine_feed_clean_text (text, VITRINE_FEED_TEXT_PLAIN);
      if (permalink == NULL || g_ascii_strcasecmp (permalink, "false") != 0)
        state->guid_link = resolve (walk, node, item->guid);
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

/* FALSE once the document holds max_items. */
static gboolean
parse_item (Walk    *walk,
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

/* sy:updatePeriod and sy:updateFrequency: the period divided by the frequency. */
static gint64
syndication_ttl (const char *period,
                 const char *frequency)
{
  static const struct { const char *name; gint64 seconds; } periods[] = {
    { "hourly", 3600 }, { "daily", 86400 }, { "weekly", 7 * 86400 },
    { "monthly", 30 * 86400 }, { "yearly", 365 * 86400 },
  };
  gint64 times = 1;

  if (frequency != NULL && !g_ascii_string_to_signed (frequency, 10, 1, 1000000, &times, NULL))
    times = 1;
  for (gsize i = 0; period != NULL && i < G_N_ELEMENTS (periods); i++)
    if (g_ascii_strcasecmp (period, periods[i].name) == 0)
      return MAX (periods[i].seconds / times, 1);
  return -1;
}

typedef struct {
  gint64  ttl_s;     /* from <ttl> */
  char   *period;
  char   *frequency;
} Ttl;

/* One child of <channel>, Atom's <feed> or RSS 1.0's <rdf:RDF>; FALSE to stop. */
static gboolean
container_child (Walk    *walk,
                 Ttl     *ttl,
                 xmlNode *node)
{
  VitrineFeedDocument *document = walk->parse->document;
  const char *name = (const char *) node->name;
  Ns ns = node_ns (node);

  if (ns == NS_IS_ATOM && strcmp (name, "entry") == 0)
    return parse_item (walk, node);
  if (ns == NS_IS_ATOM && strcmp (name, "title") == 0 && document->title == NULL)
    document->title = atom_text (node);
  else if (ns == NS_IS_ATOM && strcmp (name, "link") == 0)
    atom_link (walk, node, &document->link, NULL);
  else if (ns == NS_IS_SY && strcmp (name, "updatePeriod") == 0 && ttl->period == NULL)
    ttl->period = g_strstrip (text_of (node));
  else if (ns == NS_IS_SY && strcmp (name, "updateFrequency") == 0 && ttl->frequency == NULL)
    ttl->frequency = g_strstrip (text_of (node));
  else if (is_rss (node, "item"))
    return parse_item (walk, node);
  else if (is_rss (node, "channel") && node->parent->type == XML_ELEMENT_NODE &&
           strcmp ((const char *) node->parent->name, "RDF") == 0)
    {
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE && !container_child (walk, ttl, child))
          return FALSE;
    }
  else if (is_rss (node, "title") && document->title == NULL)
    {
      g_autofree char *text = text_of (node);

      document->title = _vitrine_feed_clean_text (text, VITRINE_FEED_TEXT_ENTITIES);
    }
  else if (is_rss (node, "link") && document->link == NULL)
    {
      g_autofree char *text = text_of (node);

      document->link = resolve (walk, node, text);
    }
  else if (is_rss (node, "ttl") && ttl->ttl_s < 0)
    {
      g_autofree char *text = g_strstrip (text_of (node));
      gint64 minutes;

      if (g_ascii_string_to_signed (text, 10, 1, 60 * 24 * 365, &minutes, NULL))
        ttl->ttl_s = minutes * 60;
    }
  return TRUE;
}

static void
parse_container (Walk    *walk,
                 xmlNode *container)
{
  Ttl ttl = { -1, NULL, NULL };

  for (xmlNode *node = container->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE && !container_child (walk, &ttl, node))
      break;
  walk->parse->document->ttl_s = ttl.ttl_s >= 0 ? ttl.ttl_s : syndication_ttl (ttl.period, ttl.frequency);
  g_free (ttl.period);
  g_free (ttl.frequency);
}

static xmlNode *
first_child (xmlNode    *node,
             const char *name)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && is_rss (child, name))
      return child;
  return NULL;
}

static gboolean
parse_root (Walk     *walk,
            xmlNode  *root,
            GError  **error)
{
  const char *name = (const char *) root->name;
  xmlNode *channel;

  if (strcmp (name, "rss") == 0 && (channel = first_child (root, "channel")) != NULL)
    {
      walk->parse->document->kind = VITRINE_FEED_KIND_RSS;
      parse_container (walk, channel);
    }
  else if (strcmp (name, "RDF") == 0)
    {
      walk->parse->document->kind = VITRINE_FEED_KIND_RSS;
      parse_container (walk, root);
    }
  else if (strcmp (name, "feed") == 0 && node_ns (root) == NS_IS_ATOM)
    {
      walk->parse->document->kind = VITRINE_FEED_KIND_ATOM;
      parse_container (walk, root);
    }
  else if (g_ascii_strcasecmp (name, "html") == 0)
    {
      g_set_error_literal (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_UNSUPPORTED, "An HTML page, not a feed");
      return FALSE;
    }
  else
    {
      g_autofree char *shown = vitrine_safe_text (name, 64);

      g_set_error (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_UNSUPPORTED,
                   "Not RSS or Atom: the document is <%s>", shown);
      return FALSE;
    }
  return TRUE;
}

/* SAX hooks: the first entity declaration ends the parse, and nothing external loads. */
static void
refuse_entity_decl (void          *ctx,
                    const xmlChar *name,
                    int            type,
                    const xmlChar *public_id,
                    const xmlChar *system_id,
                    xmlChar       *content)
{
  xmlParserCtxt *ctxt = ctx;
  Guard *guard = ctxt->_private;

  (void) name; (void) type; (void) public_id; (void) system_id; (void) content;
  guard->hostile = TRUE;
  xmlStopParser (ctxt);
}

static void
refuse_unparsed_entity_decl (void          *ctx,
                             const xmlChar *name,
                             const xmlChar *public_id,
                             const xmlChar *system_id,
                             const xmlChar *notation)
{
  refuse_entity_decl (ctx, name, 0, public_id, system_id, (xmlChar *) notation);
}

static xmlParserInput *
refuse_resolve_entity (void          *ctx,
                       const xmlChar *public_id,
                       const xmlChar *system_id)
{
  (void) public_id; (void) system_id;
  ((Guard *) ((xmlParserCtxt *) ctx)->_private)->hostile = TRUE;
  xmlStopParser (ctx);
  return NULL;
}

static void
set_malformed (xmlParserCtxt  *ctxt,
               GError        **error)
{
  const xmlError *last = xmlCtxtGetLastError (ctxt);
  g_autofree char *message = vitrine_safe_text (last != NULL && last->message != NULL ? last->message : "unknown error", 200);

  g_set_error (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_MALFORMED,
               "Not well-formed XML (line %d): %s", last != NULL ? last->line : 0,
               g_strchomp (message));
}

static xmlDoc *
read_guarded (VitrineFeedParse  *parse,
              const guint8      *data,
              gsize              length,
              GError           **error)
{
  Guard guard = { FALSE };
  xmlParserCtxt *ctxt;
  xmlDoc *doc;

  if (length > G_MAXINT)
    return NULL;
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error_literal (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_TOO_LARGE, "Out of memory");
      return NULL;
    }
  ctxt->_private = &guard;
  ctxt->sax->entityDecl = refuse_entity_decl;
  ctxt->sax->unparsedEntityDecl = refuse_unparsed_entity_decl;
  ctxt->sax->resolveEntity = refuse_resolve_entity;

  doc = xmlCtxtReadMemory (ctxt, (const char *) data, (int) length, parse->base, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
                           XML_PARSE_NOWARNING | XML_PARSE_COMPACT);
  if (guard.hostile)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      g_set_error_literal (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_HOSTILE,
                           "The feed declares entities or refers to external ones; refused");
    }
  else if (doc == NULL || !ctxt->wellFormed)
    {
      g_clear_pointer (&doc, xmlFreeDoc);
      set_malformed (ctxt, error);
    }
  xmlFreeParserCtxt (ctxt);
  return doc;
}

static void
discard_error (void       *ctx,
               const char *format,
               ...)
{
  (void) ctx; (void) format;
}

/*
 * libxml2's encoding layer reports some errors through the generic handler even with
 * XML_PARSE_NOERROR, on stderr by default: bytes from a feed must not reach the log. The
 * handler is per thread in libxml2; the previous one comes back after the parse.
 */
void
_vitrine_feed_xml_quiet (gboolean quiet)
{
  static _Thread_local xmlGenericErrorFunc saved;
  static _Thread_local void *saved_context;
  static _Thread_local guint depth;

  /* Nested (the HTML of an item inside a feed): only the outermost call saves and restores. */
  if (quiet && depth++ == 0)
    {
      saved = xmlGenericError;
      saved_context = xmlGenericErrorContext;
      xmlSetGenericErrorFunc (NULL, discard_error);
    }
  else if (!quiet && depth > 0 && --depth == 0)
    xmlSetGenericErrorFunc (saved_context, saved);
}

gboolean
_vitrine_feed_parse_xml (VitrineFeedParse  *parse,
                         const guint8      *data,
                         gsize              length,
                         GError           **error)
{
  Walk walk = { parse, NULL };
  xmlNode *root;
  gboolean ok;

  xmlInitParser ();
  _vitrine_feed_xml_quiet (TRUE);
  walk.doc = read_guarded (parse, data, length, error);
  if (walk.doc == NULL)
    {
      _vitrine_feed_xml_quiet (FALSE);
      return FALSE;
    }
  root = xmlDocGetRootElement (walk.doc);
  ok = root != NULL && parse_root (&walk, root, error);
  if (root == NULL)
    g_set_error_literal (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_MALFORMED, "The document has no element");
  xmlFreeDoc (walk.doc);
  _vitrine_feed_xml_quiet (FALSE);
  return ok;
}
