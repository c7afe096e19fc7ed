/* vitrine-feed-parse.c: the entry point (what kind of document, which base), the items'
 * common rules (empty ones dropped, the cap), URLs, text and Cache-Control. The XML
 * formats are in vitrine-feed-xml.c, the JSON ones in vitrine-feed-json.c.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libxml/HTMLparser.h>
#include <string.h>

#include "vitrine-feed-parse-private.h"

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

VitrineFeedItem *
_vitrine_feed_item_new (void)
{
  VitrineFeedItem *item = g_new0 (VitrineFeedItem, 1);

  item->published_unix = G_MININT64;
  return item;
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

gboolean
_vitrine_feed_is_full (VitrineFeedParse *parse)
{
  return parse->document->items->len >= parse->max_items;
}

/* Takes @item; one with nothing to show is dropped. FALSE once the cap is reached. */
gboolean
_vitrine_feed_take_item (VitrineFeedParse *parse,
                         VitrineFeedItem  *item)
{
  if (item->title == NULL && item->link == NULL && item->image_url == NULL)
    vitrine_feed_item_free (item);
  else if (!_vitrine_feed_is_full (parse))
    g_ptr_array_add (parse->document->items, item);
  else
    vitrine_feed_item_free (item);
  return !_vitrine_feed_is_full (parse);
}

#define URI_FLAGS (G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED)

static gboolean
is_http_uri (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);
  const char *path = g_uri_get_path (uri);

  /* A path not starting with "/" after a host is GLib 2.74's reading of a ";" in the
   * host ("https://a;b/"), and g_uri_to_string() would raise a critical on it. */
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         host != NULL && *host != '\0' && (path[0] == '\0' || path[0] == '/');
}

/*
 * @reference made absolute against @base (which may be NULL), or NULL unless the result is
 * an http(s) URL with a host: javascript:, data:, file: and relative references without a
 * usable base all go. Surrounding whitespace, common in feeds, is ignored.
 */
char *
vitrine_feed_resolve_url (const char *base,
                          const char *reference)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GUri) uri = NULL;

  if (reference == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (reference));
  if (*trimmed == '\0' || strlen (trimmed) > 8192)
    return NULL;

  if (g_uri_peek_scheme (trimmed) != NULL)
    uri = g_uri_parse (trimmed, URI_FLAGS, NULL);
  else if (base != NULL)
    {
      g_autoptr(GUri) base_uri = g_uri_parse (base, URI_FLAGS, NULL);

      /* Only an http(s) base with a host: besides being the only useful kind, GLib 2.74
       * raises a critical joining a host-less base ("http:") with "./"+"/a". The result
       * is checked before it is ever turned into a string (see is_http_uri()). */
      if (base_uri != NULL && is_http_uri (base_uri))
        uri = g_uri_parse_relative (base_uri, trimmed, URI_FLAGS, NULL);
    }
  if (uri == NULL || !is_http_uri (uri))
    return NULL;
  return g_uri_to_string (uri);
}

/*
 * The inline HTML elements that titles carry in practice ("<i>", "<em>", "<br/>"...), for
 * VITRINE_FEED_TEXT_ENTITIES: a title is plain text by RSS's rules, but many feeds put
 * markup in it (in CDATA or escaped once). Only these names count as tags there, so that
 * "a < b" or "x<y>" in a real title stays. Where the tag at @p ends (its '>'), or NULL.
 */
static const char *
inline_tag_end (const char *p)
{
  static const char *const names[] = {
    "a", "abbr", "b", "big", "br", "cite", "code", "del", "em", "font", "i", "ins", "mark",
    "q", "s", "small", "span", "strike", "strong", "sub", "sup", "tt", "u", "wbr",
  };
  const char *q = p + 1;
  gsize length = 0;

  if (*q == '/')
    q++;
  while (g_ascii_isalpha (q[length]))
    length++;
  if (length == 0 || (q[length] != '>' && q[length] != '/' && !g_ascii_isspace (q[length])))
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i]) == length && g_ascii_strncasecmp (q, names[i], length) == 0)
      {
        const char *close = strpbrk (q + length, "<>");

        return close != NULL && *close == '>' ? close : NULL;
      }
  return NULL;
}

/* The character of an entity at @p ("&...;"), 0 when it is none; @p moves past it. */
static gunichar
decode_entity (const char **p)
{
  static const struct { const char *name; gunichar c; } spaced[] = {
    { "nbsp;", ' ' }, { "apos;", '\'' },
  };
  const char *q = *p + 1;

  for (gsize i = 0; i < G_N_ELEMENTS (spaced); i++)
    if (strncmp (q, spaced[i].name, strlen (spaced[i].name)) == 0)
      {
        *p = q + strlen (spaced[i].name);
        return spaced[i].c;
      }
  if (*q == '#')
    {
      gboolean hex = q[1] == 'x' || q[1] == 'X';
      char *end = NULL;
      guint64 c = g_ascii_strtoull (q + 1 + hex, &end, hex ? 16 : 10);

      if (end == q + 1 + hex || *end != ';' || c == 0 || c > 0x10FFFF || !g_unichar_validate ((gunichar) c))
        return 0;
      *p = end + 1;
      return (gunichar) c;
    }
  /* The named ones, HTML 4's (&amp; &eacute; &rsquo; &hellip;...), from libxml2. */
  {
    char name[16];
    gsize length = 0;
    const htmlEntityDesc *entity;

    while (length < sizeof name - 1 && g_ascii_isalnum (q[length]))
      {
        name[length] = q[length];
        length++;
      }
    name[length] = '\0';
    if (length == 0 || q[length] != ';' || (entity = htmlEntityLookup ((const xmlChar *) name)) == NULL ||
        entity->value == 0 || !g_unichar_validate (entity->value))
      return 0;
    *p = q + length + 1;
    return entity->value;
  }
}

/* @text as one line of plain text (see VitrineFeedText); NULL when nothing is left. */
char *
_vitrine_feed_clean_text (const char      *text,
                          VitrineFeedText  mode)
{
  gboolean decode = mode != VITRINE_FEED_TEXT_PLAIN;
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0';)
    {
      const char *end = NULL;
      gunichar c;

      if (mode == VITRINE_FEED_TEXT_HTML && *p == '<')
        {
          end = strchr (p, '>');
          if (end == NULL)
            break;
        }
      else if (mode == VITRINE_FEED_TEXT_ENTITIES && *p == '<')
        end = inline_tag_end (p);
      if (end != NULL)
        {
          /* In HTML every tag may end a word; in a title "<b>New</b>s" is one word and
           * only "<br>" is a break. */
          if (mode == VITRINE_FEED_TEXT_HTML || g_ascii_strncasecmp (p + 1, "br", 2) == 0)
            space = TRUE;
          p = end + 1;
          continue;
        }
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        {
          space = TRUE;
          p++;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (decode && *p == '&' && (c = decode_entity (&p)) != 0)
        {
          if (c == ' ')
            space = TRUE;
          else
            g_string_append_unichar (out, c);
          continue;
        }
      g_string_append_c (out, *p++);
    }

  if (out->len == 0 || !g_utf8_validate (out->str, (gssize) out->len, NULL))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/*
 * The max-age of a Cache-Control header in seconds (s-maxage is for shared caches, and
 * this is a private client), or -1 when the header gives none.
 */
gint64
vitrine_feed_ttl_from_cache_control (const char *header)
{
  g_auto(GStrv) directives = NULL;
  gint64 ttl = -1;

  if (header == NULL)
    return -1;

  directives = g_strsplit (header, ",", 32);
  for (guint i = 0; directives[i] != NULL; i++)
    {
      char *d = g_strstrip (directives[i]);
      const char *value;
      char *end = NULL;
      guint64 n;

      if (g_ascii_strncasecmp (d, "max-age", 7) != 0)
        continue;
      value = d + 7;
      while (*value == ' ')
        value++;
      if (*value++ != '=')
        continue;
      while (*value == ' ')
        value++;
      if (*value == '"')
        value++;
      if (!g_ascii_isdigit (*value))
        continue;
      n = g_ascii_strtoull (value, &end, 10);
      if (*end != '\0' && *end != '"')
        continue;
      ttl = (gint64) MIN (n, (guint64) G_MAXINT32);
    }
  return ttl;
}

/* Where the content starts, past a UTF-8 byte order mark and whitespace. */
static gsize
content_start (const guint8 *data,
               gsize         length)
{
  gsize i = 0;

  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    i = 3;
  while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
    i++;
  return i;
}

static gboolean
starts_with_nocase (const guint8 *data,
                    gsize         length,
                    const char   *prefix)
{
  gsize n = strlen (prefix);

  return length >= n && g_ascii_strncasecmp ((const char *) data, prefix, n) == 0;
}

/*
 * Parses a feed from @data. RSS (0.9x, 1.0 and 2.0), Atom and JSON are told apart by
 * content, never by a Content-Type a server may get wrong. The result has at least one
 * item; a document without any is VITRINE_FEED_ERROR_EMPTY.
 */
VitrineFeedDocument *
vitrine_feed_parse (const guint8                  *data,
                    gsize                          length,
                    const VitrineFeedParseOptions *options,
                    GError                       **error)
{
  static const VitrineFeedParseOptions no_options = { 0 };
  g_autoptr(VitrineFeedDocument) document = g_new0 (VitrineFeedDocument, 1);
  VitrineFeedParse parse;
  gsize start;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &no_options;
  if (length == 0)
    {
      g_set_error_literal (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_EMPTY, "The feed is empty");
      return NULL;
    }
  if (length > VITRINE_FEED_MAX_BYTES)
    {
      g_set_error (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_TOO_LARGE,
                   "The feed has %" G_GSIZE_FORMAT " bytes, more than the %d accepted",
                   length, VITRINE_FEED_MAX_BYTES);
      return NULL;
    }

  document->ttl_s = -1;
  document->items = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_feed_item_free);
  parse.base = options->base_url != NULL ? options->base_url : options->url;
  parse.json_path = options->json_path;
  parse.max_items = options->max_items > 0 ? options->max_items : VITRINE_FEED_DEFAULT_MAX_ITEMS;
  parse.document = document;

  start = content_start (data, length);
  if (starts_with_nocase (data + start, length - start, "<!doctype html") ||
      starts_with_nocase (data + start, length - start, "<html"))
    {
      /* A login wall or an error page served with status 200. */
      g_set_error_literal (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_UNSUPPORTED,
                           "An HTML page, not a feed");
      return NULL;
    }
  if (start < length && (data[start] == '{' || data[start] == '['))
    {
      document->kind = VITRINE_FEED_KIND_JSON;
      ok = _vitrine_feed_parse_json (&parse, data, length, error);
    }
  else
    ok = _vitrine_feed_parse_xml (&parse, data, length, error);
  if (!ok)
    return NULL;

  if (document->items->len == 0)
    {
      g_set_error_literal (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_EMPTY,
                           "The feed has no items");
      return NULL;
    }
  return g_steal_pointer (&document);
}
