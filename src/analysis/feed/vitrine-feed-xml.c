/* vitrine-feed-xml.c: RSS 0.9x/1.0/2.0, Atom 1.0 and Media RSS through libxml2.
 *
 * The parser never touches the network or the disk: XML_PARSE_NONET, no DTD loading, no
 * entity substitution, a resolver that refuses every external entity, and an entityDecl
 * handler that stops the parse at the first entity declaration, so XXE and billion laughs
 * end as VITRINE_FEED_ERROR_HOSTILE before anything is expanded. libxml2's own limits
 * (depth 256, no XML_PARSE_HUGE) stay in force. Items are read as they end and dropped
 * from the tree (vitrine-feed-xml-item.c reads one); the channel is read last.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "vitrine-feed-xml-private.h"
#include "vitrine-json-util.h"

/* What the parser's callbacks share (ctxt->_private). */
typedef struct {
  gboolean  hostile;
  Walk     *walk;
} Guard;

Ns
_vitrine_feed_xml_ns (xmlNode *node)
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
gboolean
_vitrine_feed_xml_is_rss (xmlNode    *node,
                          const char *name)
{
  Ns ns;

  if (strcmp ((const char *) node->name, name) != 0)
    return FALSE;
  ns = _vitrine_feed_xml_ns (node);
  return ns == NS_NONE || ns == NS_OTHER;
}

char *
_vitrine_feed_xml_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *copy = g_strdup ((const char *) content);

  xmlFree (content);
  return copy;
}

char *
_vitrine_feed_xml_prop (xmlNode    *node,
                        const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* A URL from the document made absolute, honouring xml:base on the way up. */
char *
_vitrine_feed_xml_resolve (Walk       *walk,
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
  Ns ns = _vitrine_feed_xml_ns (node);

  if (ns == NS_IS_ATOM && strcmp (name, "entry") == 0)
    return _vitrine_feed_xml_parse_item (walk, node);
  if (ns == NS_IS_ATOM && strcmp (name, "title") == 0 && document->title == NULL)
    document->title = _vitrine_feed_xml_atom_text (node);
  else if (ns == NS_IS_ATOM && strcmp (name, "link") == 0)
    g_free (_vitrine_feed_xml_atom_link (walk, node, &document->link));
  else if (ns == NS_IS_SY && strcmp (name, "updatePeriod") == 0 && ttl->period == NULL)
    ttl->period = g_strstrip (_vitrine_feed_xml_text (node));
  else if (ns == NS_IS_SY && strcmp (name, "updateFrequency") == 0 && ttl->frequency == NULL)
    ttl->frequency = g_strstrip (_vitrine_feed_xml_text (node));
  else if (_vitrine_feed_xml_is_rss (node, "item"))
    return _vitrine_feed_xml_parse_item (walk, node);
  else if (_vitrine_feed_xml_is_rss (node, "channel") && node->parent->type == XML_ELEMENT_NODE &&
           strcmp ((const char *) node->parent->name, "RDF") == 0)
    {
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE && !container_child (walk, ttl, child))
          return FALSE;
    }
  else if (_vitrine_feed_xml_is_rss (node, "title") && document->title == NULL)
    {
      g_autofree char *text = _vitrine_feed_xml_text (node);

      document->title = _vitrine_feed_clean_text (text, VITRINE_FEED_TEXT_ENTITIES);
    }
  else if (_vitrine_feed_xml_is_rss (node, "link") && document->link == NULL)
    {
      g_autofree char *text = _vitrine_feed_xml_text (node);

      document->link = _vitrine_feed_xml_resolve (walk, node, text);
    }
  else if (_vitrine_feed_xml_is_rss (node, "ttl") && ttl->ttl_s < 0)
    {
      g_autofree char *text = g_strstrip (_vitrine_feed_xml_text (node));
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
    if (child->type == XML_ELEMENT_NODE && _vitrine_feed_xml_is_rss (child, name))
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
  else if (strcmp (name, "feed") == 0 && _vitrine_feed_xml_ns (root) == NS_IS_ATOM)
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

/* An <item> of a channel or of RSS 1.0's root, or an <entry> of Atom's root <feed>. */
static gboolean
is_feed_item (xmlNode *node)
{
  xmlNode *parent = node->parent;
  const char *parent_name;

  if (node->type != XML_ELEMENT_NODE || parent == NULL || parent->type != XML_ELEMENT_NODE)
    return FALSE;
  parent_name = (const char *) parent->name;
  if (_vitrine_feed_xml_is_rss (node, "item"))
    return strcmp (parent_name, "channel") == 0 || strcmp (parent_name, "RDF") == 0;
  return strcmp ((const char *) node->name, "entry") == 0 && _vitrine_feed_xml_ns (node) == NS_IS_ATOM &&
         strcmp (parent_name, "feed") == 0 && _vitrine_feed_xml_ns (parent) == NS_IS_ATOM &&
         parent->parent != NULL && parent->parent->type == XML_DOCUMENT_NODE;
}

/*
 * Each item is read as soon as its end tag is parsed, then dropped from the tree, so the
 * tree never holds more than the channel and one item: memory stays flat however long
 * the feed, and freeing a few small subtrees as we go is cheaper than one big tree.
 */
static void
stream_end_element (void          *ctx,
                    const xmlChar *localname,
                    const xmlChar *prefix,
                    const xmlChar *uri)
{
  xmlParserCtxt *ctxt = ctx;
  Guard *guard = ctxt->_private;
  xmlNode *node = ctxt->node;
  xmlNode *prev;

  xmlSAX2EndElementNs (ctx, localname, prefix, uri);
  if (node == NULL || guard->hostile || ctxt->myDoc == NULL || !is_feed_item (node))
    return;
  guard->walk->doc = ctxt->myDoc;
  if (!_vitrine_feed_is_full (guard->walk->parse))
    _vitrine_feed_xml_parse_item (guard->walk, node);

  /* The text before the item goes too. libxml2 appends the next characters to the
   * parent's last node in place when that is text, using lengths it kept for the last
   * text it wrote (which was inside the item): it must not find a text node there. */
  prev = node->prev;
  xmlUnlinkNode (node);
  xmlFreeNode (node);
  if (prev != NULL && prev->type == XML_TEXT_NODE)
    {
      xmlUnlinkNode (prev);
      xmlFreeNode (prev);
    }
}

static xmlDoc *
read_guarded (Walk          *walk,
              const guint8  *data,
              gsize          length,
              GError       **error)
{
  Guard guard = { FALSE, walk };
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
  ctxt->sax->endElementNs = stream_end_element;

  doc = xmlCtxtReadMemory (ctxt, (const char *) data, (int) length, walk->parse->base, NULL,
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

/* libxml2's global initialization; it must happen on the main thread before any other
 * thread parses. Repeated calls are cheap. */
void
vitrine_feed_parse_init (void)
{
  xmlInitParser ();
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
  walk.doc = read_guarded (&walk, data, length, error);
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
