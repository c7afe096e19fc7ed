/* vitrine-status.h: small helpers for the JSON of `vitrine --status`.
 *
 * Each module builds its own part in its own -status.c; these keep a member to one line:
 * the name and the value together, NULL strings as null, enums by their nick, latency
 * summaries in one shape everywhere. A NULL @name adds the value to an array.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "vitrine-latency.h"

G_BEGIN_DECLS

void vitrine_status_begin_object (JsonBuilder                 *builder,
                                  const char                  *name);
void vitrine_status_begin_array  (JsonBuilder                 *builder,
                                  const char                  *name);
void vitrine_status_end_object   (JsonBuilder                 *builder);
void vitrine_status_end_array    (JsonBuilder                 *builder);
void vitrine_status_string       (JsonBuilder                 *builder,
                                  const char                  *name,
                                  const char                  *value);
void vitrine_status_int          (JsonBuilder                 *builder,
                                  const char                  *name,
                                  gint64                       value);
void vitrine_status_double       (JsonBuilder                 *builder,
                                  const char                  *name,
                                  double                       value);
void vitrine_status_boolean      (JsonBuilder                 *builder,
                                  const char                  *name,
                                  gboolean                     value);
void vitrine_status_null         (JsonBuilder                 *builder,
                                  const char                  *name);
void vitrine_status_enum         (JsonBuilder                 *builder,
                                  const char                  *name,
                                  GType                        type,
                                  int                          value);
void vitrine_status_strv         (JsonBuilder                 *builder,
                                  const char                  *name,
                                  const char * const          *values);
void vitrine_status_latency      (JsonBuilder                 *builder,
                                  const char                  *name,
                                  guint                        samples,
                                  const VitrineLatencySummary *summary);
void vitrine_status_summary      (JsonBuilder                 *builder,
                                  const char                  *name,
                                  const VitrineLatencySummary *summary);
void vitrine_status_percentiles  (JsonBuilder                 *builder,
                                  const char                  *name,
                                  GArray                      *samples);

const char *vitrine_status_enum_nick (GType type,
                                      int   value);

G_END_DECLS
