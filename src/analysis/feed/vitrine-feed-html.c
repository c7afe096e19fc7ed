/* vitrine-feed-html.c: the last resort for an item's image, the first <img src> of the
 * HTML a description or content carries as text. libxml2's HTML parser reads it (it
 * copes with tag soup, decodes entities in attributes, and loads nothing: no network,
 * no DTD); the first src that resolves to http(s) wins.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>

#include "vitrine-feed-parse-private.h"

/* An item's HTML beyond this is cut: an image worth showing comes early. */
#define HTML_MAX_BYTES (256 * 1024)

static int
dimension (xmlNode    *node,
           const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  gint64 n = 0;

  if (value == NULL || !g_ascii_string_to_signed ((const char *) value, 10, 1, 1000000, &n, NULL))
    n = 0;
  xmlFree (value);
  return (int) n;
}

/* Depth-first, iteratively: tag soup can nest deeper than a stack should. */
static char *
first_img (xmlNode    *root,
           const char *base,
           int        *width,
           int        *height)
{
  xmlNode *node = root;

  while (node != NULL)
    {
      if (node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, "img") == 0)
        {
          xmlChar *src = xmlGetProp (node, (const xmlChar *) "src");
          char *url = vitrine_feed_resolve_url (base, (const char *) src);

          xmlFree (src);
          if (url != NULL)
            {
              *width = dimension (node, "width");
              *height = dimension (node, "height");
              return url;
            }
        }

      if (node->children != NULL && node->type == XML_ELEMENT_NODE)
        node = node->children;
      else
        {
          while (node != NULL && node->next == NULL && node != root)
            node = node->parent;
          if (node == NULL || node == root)
            break;
          node = node->next;
        }
    }
  return NULL;
}

char *
_vitrine_feed_html_find_image (const char *html,
                               const char *base,
                               int        *width,
                               int        *height)
{
  gsize length = strlen (html);
  htmlDocPtr doc;
  char *url = NULL;

  *width = *height = 0;
  xmlInitParser ();
  _vitrine_feed_xml_quiet (TRUE);
  doc = htmlReadMemory (html, (int) MIN (length, HTML_MAX_BYTES), NULL, "UTF-8",
                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NOBLANKS | HTML_PARSE_COMPACT);
  if (doc != NULL && xmlDocGetRootElement (doc) != NULL)
    url = first_img (xmlDocGetRootElement (doc), base, width, height);
  g_clear_pointer (&doc, xmlFreeDoc);
  _vitrine_feed_xml_quiet (FALSE);
  return url;
}
