/* vitrine-status.c: helpers for the JSON of `vitrine --status` (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-status.h"

static void
member (JsonBuilder *builder,
        const char  *name)
{
  if (name != NULL)
    json_builder_set_member_name (builder, name);
}

void
vitrine_status_begin_object (JsonBuilder *builder,
                             const char  *name)
{
  member (builder, name);
  json_builder_begin_object (builder);
}

void
vitrine_status_begin_array (JsonBuilder *builder,
                            const char  *name)
{
  member (builder, name);
  json_builder_begin_array (builder);
}

void
vitrine_status_end_object (JsonBuilder *builder)
{
  json_builder_end_object (builder);
}

void
vitrine_status_end_array (JsonBuilder *builder)
{
  json_builder_end_array (builder);
}

void
vitrine_status_string (JsonBuilder *builder,
                       const char  *name,
                       const char  *value)
{
  member (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
vitrine_status_int (JsonBuilder *builder,
                    const char  *name,
                    gint64       value)
{
  member (builder, name);
  json_builder_add_int_value (builder, value);
}

void
vitrine_status_double (JsonBuilder *builder,
                       const char  *name,
                       double       value)
{
  member (builder, name);
  json_builder_add_double_value (builder, value);
}

void
vitrine_status_boolean (JsonBuilder *builder,
                        const char  *name,
                        gboolean     value)
{
  member (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
vitrine_status_null (JsonBuilder *builder,
                     const char  *name)
{
  member (builder, name);
  json_builder_add_null_value (builder);
}

const char *
vitrine_status_enum_nick (GType type,
                          int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  return enum_value != NULL ? enum_value->value_nick : "unknown";
}

void
vitrine_status_enum (JsonBuilder *builder,
                     const char  *name,
                     GType        type,
                     int          value)
{
  vitrine_status_string (builder, name, vitrine_status_enum_nick (type, value));
}

void
vitrine_status_strv (JsonBuilder        *builder,
                     const char         *name,
                     const char * const *values)
{
  vitrine_status_begin_array (builder, name);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_percentiles (JsonBuilder                 *builder,
                 const VitrineLatencySummary *summary)
{
  vitrine_status_double (builder, "p50", summary->p50);
  vitrine_status_double (builder, "p95", summary->p95);
  vitrine_status_double (builder, "p99", summary->p99);
  vitrine_status_double (builder, "max", summary->max);
}

/* {"samples": N, "p50": …, "p95": …, "p99": …, "max": …} */
void
vitrine_status_latency (JsonBuilder                 *builder,
                        const char                  *name,
                        guint                        samples,
                        const VitrineLatencySummary *summary)
{
  vitrine_status_begin_object (builder, name);
  vitrine_status_int (builder, "samples", samples);
  add_percentiles (builder, summary);
  json_builder_end_object (builder);
}

/* {"p50": …, "p95": …, "p99": …, "max": …}: the older shape of the workers' and the
 * compositors' figures, kept so that readers of --status see what they always saw. */
void
vitrine_status_summary (JsonBuilder                 *builder,
                        const char                  *name,
                        const VitrineLatencySummary *summary)
{
  vitrine_status_begin_object (builder, name);
  add_percentiles (builder, summary);
  json_builder_end_object (builder);
}

/* The same shape over every value in @samples (doubles), which is left as it was. */
void
vitrine_status_percentiles (JsonBuilder *builder,
                            const char  *name,
                            GArray      *samples)
{
  g_autoptr(GArray) copy = g_array_copy (samples);
  VitrineLatencySummary summary;

  vitrine_latency_summarize_array ((double *) (void *) copy->data, copy->len, &summary);
  vitrine_status_latency (builder, name, copy->len, &summary);
}
