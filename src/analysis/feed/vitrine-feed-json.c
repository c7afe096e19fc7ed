/* vitrine-feed-json.c: JSON listings. With a path (options.json_path, for example
 * "images[*].url"), whatever the path selects: a string is the image URL and its object
 * gives title, link and date; an object is an item. Without a path, Reddit-style
 * listings (data.children[].data) and JSON Feed (jsonfeed.org) are recognised.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-feed-parse-private.h"
#include "vitrine-json-util.h"

#define PATH_MAX_SEGMENTS 32

typedef enum {
  SEGMENT_KEY,   /* "name": a member (over every element when applied to an array) */
  SEGMENT_ALL,   /* "[*]", "[]", "*": every element or member */
  SEGMENT_INDEX, /* "[3]" */
} SegmentKind;

typedef struct {
  SegmentKind  kind;
  char        *key;
  guint        index;
} Segment;

typedef struct {
  Segment segments[PATH_MAX_SEGMENTS];
  guint   n_segments;
} Path;

static void
path_clear (Path *path)
{
  for (guint i = 0; i < path->n_segments; i++)
    g_free (path->segments[i].key);
  path->n_segments = 0;
}

static gboolean
path_add (Path        *path,
          SegmentKind  kind,
          const char  *key,
          gsize        key_len,
          guint        index)
{
  Segment *segment;

  if (path->n_segments == PATH_MAX_SEGMENTS)
    return FALSE;
  segment = &path->segments[path->n_segments++];
  segment->kind = kind;
  segment->key = key != NULL ? g_strndup (key, key_len) : NULL;
  segment->index = index;
  return TRUE;
}

/* "a.b[*].c", "[0].url", "items[].image"; a leading "$" or "$." is allowed. */
static gboolean
path_parse (const char *text,
            Path       *path)
{
  const char *p = text;

  path->n_segments = 0;
  if (*p == '$')
    p++;
  while (*p != '\0')
    {
      if (*p == '.')
        p++;
      else if (*p == '[')
        {
          const char *end = strchr (p, ']');
          g_autofree char *inner = end != NULL ? g_strstrip (g_strndup (p + 1, (gsize) (end - p - 1))) : NULL;
          guint64 index;

          if (inner == NULL)
            return FALSE;
          if (*inner == '\0' || strcmp (inner, "*") == 0)
            {
              if (!path_add (path, SEGMENT_ALL, NULL, 0, 0))
                return FALSE;
            }
          else if (g_ascii_string_to_unsigned (inner, 10, 0, G_MAXUINT, &index, NULL))
            {
              if (!path_add (path, SEGMENT_INDEX, NULL, 0, (guint) index))
                return FALSE;
            }
          else
            return FALSE;
          p = end + 1;
        }
      else
        {
          gsize len = strcspn (p, ".[");

          if (!path_add (path, len == 1 && *p == '*' ? SEGMENT_ALL : SEGMENT_KEY, p, len, 0))
            return FALSE;
          p += len;
        }
    }
  return TRUE;
}

static gboolean take_result (VitrineFeedParse *parse, JsonNode *value, JsonObject *owner);

/* Walks @path from segment @i at @node; FALSE once the document is full. */
static gboolean
path_eval (VitrineFeedParse *parse,
           const Path       *path,
           guint             i,
           JsonNode         *node,
           JsonObject       *owner)
{
  const Segment *segment;
  JsonObject *object = vitrine_json_object (node);
  JsonArray *array = vitrine_json_array (node);

  if (i == path->n_segments)
    return take_result (parse, node, owner);

  segment = &path->segments[i];
  if (array != NULL && segment->kind == SEGMENT_KEY)
    {
      /* "images.url" reads as "images[*].url". */
      for (guint k = 0; k < json_array_get_length (array); k++)
        if (!path_eval (parse, path, i, json_array_get_element (array, k), NULL))
          return FALSE;
      return TRUE;
    }
  if (segment->kind == SEGMENT_KEY)
    {
      JsonNode *member = vitrine_json_member (object, segment->key);

      return member == NULL || path_eval (parse, path, i + 1, member, object);
    }
  if (segment->kind == SEGMENT_INDEX)
    return array == NULL || segment->index >= json_array_get_length (array) ||
           path_eval (parse, path, i + 1, json_array_get_element (array, segment->index), NULL);

  if (array != NULL)
    {
      for (guint k = 0; k < json_array_get_length (array); k++)
        if (!path_eval (parse, path, i + 1, json_array_get_element (array, k), NULL))
          return FALSE;
    }
  else if (object != NULL)
    {
      g_autoptr(GList) members = json_object_get_values (object);

      for (GList *l = members; l != NULL; l = l->next)
        if (!path_eval (parse, path, i + 1, l->data, object))
          return FALSE;
    }
  return TRUE;
}

static const char *
first_string (JsonObject         *object,
              const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *value = vitrine_json_get_string (object, names[i]);

      if (value != NULL && *value != '\0')
        return value;
    }
  return NULL;
}

static int
dimension (JsonObject *object,
           const char *name)
{
  double value;

  if (!vitrine_json_get_number (object, name, &value) || value < 1 || value > 1000000)
    return 0;
  return (int) value;
}

/* A string date (RFC 3339, RFC 822, or Bing's "20261201"), or a number of seconds (or
 * milliseconds) since the epoch. */
static gint64
json_date (JsonObject *object)
{
  static const char * const names[] = {
    "date_published", "published", "pubDate", "date", "created_at", "created_utc",
    "created", "timestamp", "startdate", NULL,
  };

  for (guint i = 0; names[i] != NULL; i++)
    {
      JsonNode *node = vitrine_json_member (object, names[i]);
      const char *text = vitrine_json_string (node);
      double seconds;
      gint64 when;

      if (vitrine_json_number (node, &seconds) && seconds > 0 && seconds < 1e14)
        return (gint64) (seconds >= 1e11 ? seconds / 1000 : seconds);
      if (text != NULL && strlen (text) == 8 && strspn (text, "0123456789") == 8)
        {
          g_autofree char *dashed = g_strdup_printf ("%.4s-%.2s-%.2s", text, text + 4, text + 6);

          if (vitrine_feed_parse_date (dashed, &when))
            return when;
        }
      if (vitrine_feed_parse_date (text, &when))
        return when;
    }
  return G_MININT64;
}

static char *
json_id (JsonObject *object)
{
  JsonNode *node = vitrine_json_member (object, "id");
  const char *text = vitrine_json_string (node);
  double number;

  if (text == NULL)
    text = vitrine_json_get_string (object, "guid");
  if (text != NULL)
    return g_strdup (text);
  if (vitrine_json_number (node, &number) && fabs (number) < 1e15)
    return g_strdup_printf ("%.0f", number);
  return NULL;
}

/* Title, link, date and id from the object around an item. */
static void
item_metadata (VitrineFeedParse *parse,
               VitrineFeedItem  *item,
               JsonObject       *object)
{
  static const char * const titles[] = { "title", "name", "caption", "headline", "copyright", NULL };
  static const char * const links[] = {
    "link", "permalink", "page_url", "page", "html_url", "web_url", "copyrightlink", NULL,
  };

  if (object == NULL)
    return;
  item->title = _vitrine_feed_clean_text (first_string (object, titles), VITRINE_FEED_TEXT_ENTITIES);
  item->link = vitrine_feed_resolve_url (parse->base, first_string (object, links));
  item->published_unix = json_date (object);
  item->guid = json_id (object);
}

/* An item object's own image: a URL member, or an image object with a URL. */
static void
object_image (VitrineFeedParse *parse,
              VitrineFeedItem  *item,
              JsonObject       *object)
{
  static const char * const names[] = { "image_url", "hdurl", "url", "image", "src", "thumbnail", NULL };
  const char *media_type = vitrine_json_get_string (object, "media_type");

  if (media_type != NULL && g_ascii_strcasecmp (media_type, "image") != 0)
    return;  /* NASA APOD's videos */
  for (guint i = 0; names[i] != NULL && item->image_url == NULL; i++)
    {
      JsonObject *image = vitrine_json_get_object (object, names[i]);
      const char *url = vitrine_json_get_string (object, names[i]);

      if (image != NULL)
        {
          url = vitrine_json_get_string (image, "url");
          object = image;
        }
      item->image_url = vitrine_feed_resolve_url (parse->base, url);
    }
  if (item->image_url != NULL)
    {
      item->image_width = dimension (object, "width");
      item->image_height = dimension (object, "height");
    }
}

static gboolean
take_result (VitrineFeedParse *parse,
             JsonNode         *value,
             JsonObject       *owner)
{
  VitrineFeedItem *item = _vitrine_feed_item_new ();
  JsonObject *object = vitrine_json_object (value);
  const char *url = vitrine_json_string (value);

  if (url != NULL)
    {
      item_metadata (parse, item, owner);
      item->image_url = vitrine_feed_resolve_url (parse->base, url);
      if (item->image_url != NULL && owner != NULL)
        {
          item->image_width = dimension (owner, "width");
          item->image_height = dimension (owner, "height");
        }
      /* The path selected the image, so a "url" link member is that image, not a page. */
      if (g_strcmp0 (item->link, item->image_url) == 0)
        g_clear_pointer (&item->link, g_free);
    }
  else if (object != NULL)
    {
      item_metadata (parse, item, object);
      object_image (parse, item, object);
    }
  return _vitrine_feed_take_item (parse, item);
}

/* Reddit escapes its preview URLs for HTML: "&amp;" stands for "&". */
static char *
reddit_url (VitrineFeedParse *parse,
            const char       *escaped)
{
  g_autofree char *url = NULL;

  if (escaped == NULL)
    return NULL;
  url = _vitrine_feed_clean_text (escaped, VITRINE_FEED_TEXT_ENTITIES);
  return vitrine_feed_resolve_url (parse->base, url);
}

static gboolean
is_direct_image (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL) : NULL;
  const char *path;

  if (uri == NULL)
    return FALSE;
  path = g_uri_get_path (uri);
  return g_str_has_suffix (path, ".jpg") || g_str_has_suffix (path, ".jpeg") ||
         g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".webp") ||
         g_strcmp0 (g_uri_get_host (uri), "i.redd.it") == 0;
}

/*
 * A post's image: the linked file when it is one, else the preview's source. The seed's
 * rule: when the preview gives widths, the widest must be at least
 * VITRINE_FEED_REDDIT_MIN_WIDTH, or the post has no image worth a wall display.
 */
static void
reddit_image (VitrineFeedParse *parse,
              VitrineFeedItem  *item,
              JsonObject       *post)
{
  JsonArray *images = vitrine_json_get_array (vitrine_json_get_object (post, "preview"), "images");
  JsonObject *first = images != NULL && json_array_get_length (images) > 0
                      ? vitrine_json_object (json_array_get_element (images, 0)) : NULL;
  JsonObject *source = vitrine_json_get_object (first, "source");
  JsonArray *resolutions = vitrine_json_get_array (first, "resolutions");
  g_autofree char *linked = NULL;
  int widest = dimension (source, "width");

  if (vitrine_json_get_bool (post, "is_video"))
    return;
  for (guint i = 0; resolutions != NULL && i < json_array_get_length (resolutions); i++)
    widest = MAX (widest, dimension (vitrine_json_object (json_array_get_element (resolutions, i)), "width"));
  if (widest > 0 && widest < VITRINE_FEED_REDDIT_MIN_WIDTH)
    return;

  linked = reddit_url (parse, vitrine_json_get_string (post, "url"));
  if (is_direct_image (linked))
    item->image_url = g_steal_pointer (&linked);
  else if (source != NULL)
    item->image_url = reddit_url (parse, vitrine_json_get_string (source, "url"));
  if (item->image_url != NULL && source != NULL)
    {
      item->image_width = dimension (source, "width");
      item->image_height = dimension (source, "height");
    }
}

/* data.children[].data; posts marked over_18 are left out of an ambient display. */
static void
parse_reddit (VitrineFeedParse *parse,
              JsonArray        *children)
{
  for (guint i = 0; i < json_array_get_length (children); i++)
    {
      JsonObject *post = vitrine_json_get_object (vitrine_json_object (json_array_get_element (children, i)), "data");
      VitrineFeedItem *item;
      const char *permalink;
      double created;

      if (post == NULL || vitrine_json_get_bool (post, "over_18"))
        continue;
      item = _vitrine_feed_item_new ();
      item->title = _vitrine_feed_clean_text (vitrine_json_get_string (post, "title"), VITRINE_FEED_TEXT_ENTITIES);
      permalink = vitrine_json_get_string (post, "permalink");
      item->link = vitrine_feed_resolve_url (parse->base != NULL ? parse->base : "https://www.reddit.com/", permalink);
      item->guid = g_strdup (vitrine_json_get_string (post, "name"));
      if (vitrine_json_get_number (post, "created_utc", &created) && created > 0 && created < 1e12)
        item->published_unix = (gint64) created;
      reddit_image (parse, item, post);
      if (!_vitrine_feed_take_item (parse, item))
        return;
    }
}

/* JSON Feed 1.x: items[] with url, title, image or banner_image, date_published. */
static void
parse_json_feed (VitrineFeedParse *parse,
                 JsonObject       *feed)
{
  JsonArray *items = vitrine_json_get_array (feed, "items");
  VitrineFeedDocument *document = parse->document;

  document->title = _vitrine_feed_clean_text (vitrine_json_get_string (feed, "title"), VITRINE_FEED_TEXT_PLAIN);
  document->link = vitrine_feed_resolve_url (parse->base, vitrine_json_get_string (feed, "home_page_url"));
  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *entry = vitrine_json_object (json_array_get_element (items, i));
      VitrineFeedItem *item;
      const char *html;

      if (entry == NULL)
        continue;
      item = _vitrine_feed_item_new ();
      item->title = _vitrine_feed_clean_text (vitrine_json_get_string (entry, "title"), VITRINE_FEED_TEXT_PLAIN);
      item->link = vitrine_feed_resolve_url (parse->base, vitrine_json_get_string (entry, "url"));
      item->guid = json_id (entry);
      item->published_unix = json_date (entry);
      item->image_url = vitrine_feed_resolve_url (parse->base, vitrine_json_get_string (entry, "image"));
      if (item->image_url == NULL)
        item->image_url = vitrine_feed_resolve_url (parse->base, vitrine_json_get_string (entry, "banner_image"));
      html = vitrine_json_get_string (entry, "content_html");
      if (item->image_url == NULL && html != NULL)
        item->image_url = _vitrine_feed_html_find_image (html, parse->base, &item->image_width, &item->image_height);
      if (!_vitrine_feed_take_item (parse, item))
        return;
    }
}

gboolean
_vitrine_feed_parse_json (VitrineFeedParse  *parse,
                          const guint8      *data,
                          gsize              length,
                          GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *message = NULL;
  VitrineJsonStatus status;
  JsonNode *root;
  JsonObject *top;
  JsonArray *children;
  const char *version;

  status = vitrine_json_load (parser, data, length, VITRINE_FEED_MAX_JSON_DEPTH, &message);
  if (status != VITRINE_JSON_OK)
    {
      g_set_error_literal (error, VITRINE_FEED_ERROR,
                           status == VITRINE_JSON_TOO_DEEP ? VITRINE_FEED_ERROR_TOO_LARGE : VITRINE_FEED_ERROR_MALFORMED,
                           message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  top = vitrine_json_object (root);

  if (parse->json_path != NULL && *parse->json_path != '\0')
    {
      Path path;
      gboolean ok = path_parse (parse->json_path, &path);

      if (ok)
        path_eval (parse, &path, 0, root, NULL);
      path_clear (&path);
      if (!ok)
        {
          g_autofree char *shown = vitrine_safe_text (parse->json_path, 100);

          g_set_error (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_UNSUPPORTED,
                       "Cannot read the JSON path “%s”", shown);
          return FALSE;
        }
      return TRUE;
    }

  children = vitrine_json_get_array (vitrine_json_get_object (top, "data"), "children");
  version = vitrine_json_get_string (top, "version");
  if (children != NULL)
    parse_reddit (parse, children);
  else if (version != NULL && strstr (version, "jsonfeed.org") != NULL)
    parse_json_feed (parse, top);
  else
    {
      g_set_error_literal (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_UNSUPPORTED,
                           "A JSON document that is neither a Reddit listing nor a JSON Feed; "
                           "give a JSON path for it");
      return FALSE;
    }
  return TRUE;
}
