/* vitrine-application-status.c: the JSON that `vitrine --status` prints.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "vitrine-application-private.h"
#include "vitrine-latency.h"
#include "vitrine-display-window.h"
#include "vitrine-enum-types.h"
#include "vitrine-version.h"

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  return enum_value != NULL ? enum_value->value_nick : "unknown";
}

static void
add_application (VitrineApplication *self,
                 JsonBuilder        *builder)
{
  GSettings *display = self->display_settings;
  VitrineRenderer renderer;

  json_builder_set_member_name (builder, "application");
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, APP_ID);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, vitrine_version ());
  json_builder_set_member_name (builder, "build");
  json_builder_add_string_value (builder, vitrine_build_identifier ());
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, getpid ());
  json_builder_set_member_name (builder, "uptime_ms");
  json_builder_add_int_value (builder, (g_get_monotonic_time () - self->started_at_us) / 1000);

  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, self->run.screensaver ? "screensaver" : "ambient");
  json_builder_set_member_name (builder, "windowed");
  json_builder_add_boolean_value (builder, self->run.windowed);
  json_builder_set_member_name (builder, "paused");
  json_builder_add_boolean_value (builder, self->paused);

  json_builder_set_member_name (builder, "interval_s");
  json_builder_add_int_value (builder, self->run.interval != 0
                                       ? self->run.interval
                                       : g_settings_get_uint (display, "interval"));
  json_builder_set_member_name (builder, "interval_from");
  json_builder_add_string_value (builder, self->run.interval != 0 ? "command-line" : "settings");

  renderer = _vitrine_application_requested_renderer (self);
  json_builder_set_member_name (builder, "renderer_requested");
  json_builder_add_string_value (builder, enum_nick (VITRINE_TYPE_RENDERER, renderer));
  json_builder_set_member_name (builder, "renderer_group");
  json_builder_add_string_value (builder, vitrine_compositor_get_session_group ());
  json_builder_set_member_name (builder, "renderer_reason");
  json_builder_add_string_value (builder, vitrine_compositor_get_session_reason ());
  json_builder_set_member_name (builder, "renderer_demoted");
  json_builder_add_boolean_value (builder, vitrine_compositor_get_session_demoted ());

  json_builder_set_member_name (builder, "folders");
  json_builder_begin_array (builder);
  for (guint i = 0; self->run.folders != NULL && self->run.folders[i] != NULL; i++)
    {
      g_autofree char *utf8 = g_filename_display_name (self->run.folders[i]);

      json_builder_add_string_value (builder, utf8);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "folders_from");
  json_builder_add_string_value (builder, self->run.folders != NULL ? "command-line" : "settings");

  json_builder_set_member_name (builder, "idle_inhibit");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "wanted");
  json_builder_add_boolean_value (builder, self->display_windows->len > 0 &&
                                           g_settings_get_boolean (display, "keep-awake"));
  json_builder_set_member_name (builder, "active");
  json_builder_add_boolean_value (builder, self->inhibit_cookie != 0);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "commands");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "next");
  json_builder_add_int_value (builder, self->n_next);
  json_builder_set_member_name (builder, "previous");
  json_builder_add_int_value (builder, self->n_previous);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "settings_window");
  json_builder_add_boolean_value (builder, self->settings_window != NULL &&
                                           gtk_widget_get_visible (GTK_WIDGET (self->settings_window)));

  json_builder_end_object (builder);
}

static int
monitor_position (GdkMonitor *monitor)
{
  GListModel *monitors;

  if (monitor == NULL)
    return -1;

  monitors = gdk_display_get_monitors (gdk_monitor_get_display (monitor));
  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) item = g_list_model_get_item (monitors, i);

      if (item == monitor)
        return (int) i;
    }

  return -1;
}

static void
add_displays (VitrineApplication *self,
              JsonBuilder        *builder)
{
  json_builder_set_member_name (builder, "displays");
  json_builder_begin_array (builder);

  for (guint i = 0; i < self->display_windows->len; i++)
    {
      VitrineDisplayWindow *window = g_ptr_array_index (self->display_windows, i);
      GdkMonitor *monitor = vitrine_display_window_get_monitor (window);
      GtkWidget *widget = GTK_WIDGET (window);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "monitor");
      json_builder_add_int_value (builder, monitor_position (monitor));
      json_builder_set_member_name (builder, "connector");
      if (monitor != NULL && gdk_monitor_get_connector (monitor) != NULL)
        json_builder_add_string_value (builder, gdk_monitor_get_connector (monitor));
      else
        json_builder_add_null_value (builder);

      if (monitor != NULL)
        {
          GdkRectangle geometry;

          gdk_monitor_get_geometry (monitor, &geometry);
          json_builder_set_member_name (builder, "monitor_geometry");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "x");
          json_builder_add_int_value (builder, geometry.x);
          json_builder_set_member_name (builder, "y");
          json_builder_add_int_value (builder, geometry.y);
          json_builder_set_member_name (builder, "width");
          json_builder_add_int_value (builder, geometry.width);
          json_builder_set_member_name (builder, "height");
          json_builder_add_int_value (builder, geometry.height);
          json_builder_end_object (builder);
        }

      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, gtk_widget_get_width (widget));
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, gtk_widget_get_height (widget));
      json_builder_set_member_name (builder, "scale_factor");
      json_builder_add_int_value (builder, gtk_widget_get_scale_factor (widget));
      json_builder_set_member_name (builder, "fullscreen");
      json_builder_add_boolean_value (builder, gtk_window_is_fullscreen (GTK_WINDOW (window)));
      json_builder_set_member_name (builder, "mapped");
      json_builder_add_boolean_value (builder, gtk_widget_get_mapped (widget));
      json_builder_set_member_name (builder, "cursor_hidden");
      json_builder_add_boolean_value (builder, vitrine_display_window_get_cursor_hidden (window));
      json_builder_set_member_name (builder, "notice");
      if (vitrine_display_window_get_notice (window) != NULL)
        json_builder_add_string_value (builder, vitrine_display_window_get_notice (window));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
}

static void
add_settings (VitrineApplication *self,
              JsonBuilder        *builder)
{
  g_autoptr(GSettingsBackend) backend = NULL;

  json_builder_set_member_name (builder, "settings");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_string_value (builder, APP_ID);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, (gint64) self->settings_revision);
  json_builder_set_member_name (builder, "backend");
  g_object_get (self->settings, "backend", &backend, NULL);
  json_builder_add_string_value (builder, backend != NULL ? G_OBJECT_TYPE_NAME (backend) : "unknown");
  json_builder_end_object (builder);
}

static void
add_summary (JsonBuilder *builder,
             const char  *name,
             GArray      *samples)
{
  g_autoptr(GArray) copy = g_array_copy (samples);
  VitrineLatencySummary summary;

  vitrine_latency_summarize_array ((double *) (void *) copy->data, copy->len, &summary);
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "samples");
  json_builder_add_int_value (builder, copy->len);
  json_builder_set_member_name (builder, "p50");
  json_builder_add_double_value (builder, summary.p50);
  json_builder_set_member_name (builder, "p95");
  json_builder_add_double_value (builder, summary.p95);
  json_builder_set_member_name (builder, "p99");
  json_builder_add_double_value (builder, summary.p99);
  json_builder_set_member_name (builder, "max");
  json_builder_add_double_value (builder, summary.max);
  json_builder_end_object (builder);
}

/* The stall probe's figures since startup (VITRINE_STALL_PROBE), else null: lateness of
 * its ticks, and main-thread CPU time between them. */
static void
add_stalls (VitrineApplication *self,
            JsonBuilder        *builder)
{
  json_builder_set_member_name (builder, "main_loop_stalls_ms");
  if (self->stalls == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  add_summary (builder, "late", self->stalls);
  add_summary (builder, "cpu", self->stalls_cpu);
  json_builder_end_object (builder);
}

char *
vitrine_application_dup_status_json (VitrineApplication *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (VITRINE_IS_APPLICATION (self), NULL);

  json_builder_begin_object (builder);
  add_application (self, builder);
  add_displays (self, builder);
  vitrine_supervisor_add_status (self->supervisor, builder);
  add_stalls (self, builder);
  json_builder_set_member_name (builder, "slideshow");
  if (self->slideshow != NULL)
    vitrine_slideshow_add_status (self->slideshow, builder);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "visualizer");
  if (self->visualizer != NULL)
    vitrine_visualizer_add_status (self->visualizer, builder);
  else
    json_builder_add_null_value (builder);
  add_settings (self, builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}
