/* vitrine-json-util.c: see the header.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-json-util.h"

/* The deepest nesting of @data, counted outside strings, stopping past @max_depth. */
static gboolean
depth_ok (const guint8 *data,
          gsize         length,
          guint         max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

VitrineJsonStatus
vitrine_json_load (JsonParser    *parser,
                   const guint8  *data,
                   gsize          length,
                   guint          max_depth,
                   char         **message)
{
  g_autoptr(GError) local_error = NULL;

  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      data += 3;
      length -= 3;
    }
  if (!depth_ok (data, length, max_depth))
    {
      *message = g_strdup_printf ("JSON nested deeper than %u levels", max_depth);
      return VITRINE_JSON_TOO_DEEP;
    }
  if (length > G_MAXSSIZE || memchr (data, '\0', length) != NULL ||
      !json_parser_load_from_data (parser, (const char *) data, (gssize) length, &local_error))
    {
      g_autofree char *detail = vitrine_safe_text (local_error != NULL ? local_error->message : "a NUL byte", 200);

      *message = g_strdup_printf ("Not well-formed JSON: %s", detail);
      return VITRINE_JSON_MALFORMED;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      *message = g_strdup ("Not well-formed JSON: no value");
      return VITRINE_JSON_MALFORMED;
    }
  return VITRINE_JSON_OK;
}

JsonObject *
vitrine_json_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
vitrine_json_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

const char *
vitrine_json_string (JsonNode *node)
{
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  text = json_node_get_string (node);
  /* json-glib passes some malformed escapes through as bytes that are not UTF-8 (found by
   * fuzz-weather): such a string is as good as missing. */
  return text != NULL && g_utf8_validate (text, -1, NULL) ? text : NULL;
}

gboolean
vitrine_json_number (JsonNode *node,
                     double   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*out);
}

JsonNode *
vitrine_json_member (JsonObject *object,
                     const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

JsonObject *
vitrine_json_get_object (JsonObject *object,
                         const char *name)
{
  return vitrine_json_object (vitrine_json_member (object, name));
}

JsonArray *
vitrine_json_get_array (JsonObject *object,
                        const char *name)
{
  return vitrine_json_array (vitrine_json_member (object, name));
}

const char *
vitrine_json_get_string (JsonObject *object,
                         const char *name)
{
  return vitrine_json_string (vitrine_json_member (object, name));
}

gboolean
vitrine_json_get_number (JsonObject *object,
                         const char *name,
                         double     *out)
{
  return vitrine_json_number (vitrine_json_member (object, name), out);
}

gboolean
vitrine_json_get_bool (JsonObject *object,
                       const char *name)
{
  JsonNode *node = vitrine_json_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

char *
vitrine_safe_text (const char *text,
                   glong       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  return g_utf8_substring (valid, 0, MIN (g_utf8_strlen (valid, -1), max_chars));
}
