/* vitrine-json-util.h: type-checked reads from json-glib trees, and the limits applied
 * before json-glib sees untrusted bytes (it recurses once per nesting level). Shared by
 * the feed and weather parsers; every accessor returns NULL, FALSE or the default when a
 * member is missing or of another type, and never raises a critical.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum {
  VITRINE_JSON_OK,
  VITRINE_JSON_TOO_DEEP,
  VITRINE_JSON_MALFORMED,
} VitrineJsonStatus;

VitrineJsonStatus  vitrine_json_load       (JsonParser  *parser,
                                            const guint8 *data,
                                            gsize         length,
                                            guint         max_depth,
                                            char        **message);
JsonObject        *vitrine_json_object     (JsonNode    *node);
JsonArray         *vitrine_json_array      (JsonNode    *node);
const char        *vitrine_json_string     (JsonNode    *node);
gboolean           vitrine_json_number     (JsonNode    *node,
                                            double      *out);
JsonNode          *vitrine_json_member     (JsonObject  *object,
                                            const char  *name);
JsonObject        *vitrine_json_get_object (JsonObject  *object,
                                            const char  *name);
JsonArray         *vitrine_json_get_array  (JsonObject  *object,
                                            const char  *name);
const char        *vitrine_json_get_string (JsonObject  *object,
                                            const char  *name);
gboolean           vitrine_json_get_number (JsonObject  *object,
                                            const char  *name,
                                            double      *out);
gboolean           vitrine_json_get_bool   (JsonObject  *object,
                                            const char  *name);

/* Untrusted text fit for an error message: valid UTF-8, at most @max_chars characters. */
char              *vitrine_safe_text       (const char  *text,
                                            glong        max_chars);

G_END_DECLS
