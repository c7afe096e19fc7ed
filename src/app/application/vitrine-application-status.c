/* vitrine-application-status.c: the JSON that `vitrine --status` prints.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include <json-glib/json-glib.h>

#include "vitrine-application-private.h"
#include "vitrine-display-window.h"
#include "vitrine-overlay-layer.h"
#include "vitrine-enum-types.h"
#include "vitrine-status.h"
#include "vitrine-version.h"

static void
add_application (VitrineApplication *self,
                 JsonBuilder        *builder)
{
  GSettings *display = self->display_settings;
  VitrineRendererSession *session = self->renderer_session;
  VitrineRenderer renderer;

  vitrine_status_begin_object (builder, "application");

  vitrine_status_string (builder, "id", APP_ID);
  vitrine_status_string (builder, "version", vitrine_version ());
  vitrine_status_string (builder, "build", vitrine_build_identifier ());
  vitrine_status_int (builder, "pid", getpid ());
  vitrine_status_int (builder, "uptime_ms", (g_get_monotonic_time () - self->started_at_us) / 1000);

  vitrine_status_string (builder, "mode", self->run.screensaver ? "screensaver" : "ambient");
  vitrine_status_boolean (builder, "windowed", self->run.windowed);
  vitrine_status_boolean (builder, "paused", self->paused);

  vitrine_status_int (builder, "interval_s", self->run.interval != 0
                                             ? self->run.interval
                                             : g_settings_get_uint (display, "interval"));
  vitrine_status_string (builder, "interval_from", self->run.interval != 0 ? "command-line" : "settings");

  renderer = _vitrine_application_requested_renderer (self);
  vitrine_status_enum (builder, "renderer_requested", VITRINE_TYPE_RENDERER, renderer);
  vitrine_status_string (builder, "renderer_group",
                         vitrine_renderer_group_to_string (vitrine_renderer_session_get_group (session)));
  vitrine_status_string (builder, "renderer_reason", vitrine_renderer_session_get_reason (session));
  vitrine_status_boolean (builder, "renderer_demoted", vitrine_renderer_session_get_demoted (session));

  vitrine_status_begin_array (builder, "folders");
  for (guint i = 0; self->run.folders != NULL && self->run.folders[i] != NULL; i++)
    {
      g_autofree char *utf8 = g_filename_display_name (self->run.folders[i]);

      json_builder_add_string_value (builder, utf8);
    }
  vitrine_status_end_array (builder);
  vitrine_status_string (builder, "folders_from", self->run.folders != NULL ? "command-line" : "settings");

  vitrine_status_begin_object (builder, "idle_inhibit");
  vitrine_status_boolean (builder, "wanted", self->display_windows->len > 0 &&
                                             g_settings_get_boolean (display, "keep-awake"));
  vitrine_status_boolean (builder, "active", self->inhibit_cookie != 0);
  vitrine_status_end_object (builder);

  vitrine_status_begin_object (builder, "commands");
  vitrine_status_int (builder, "next", self->n_next);
  vitrine_status_int (builder, "previous", self->n_previous);
  vitrine_status_end_object (builder);

  vitrine_status_boolean (builder, "settings_window",
                          self->settings_window != NULL &&
                          gtk_widget_get_visible (GTK_WIDGET (self->settings_window)));
  vitrine_status_string (builder, "settings_page",
                         self->settings_window != NULL
                           ? adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (self->settings_window))
                           : NULL);
  vitrine_status_boolean (builder, "first_run_hint", _vitrine_application_hint_active (self));

  vitrine_status_end_object (builder);
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
  vitrine_status_begin_array (builder, "displays");

  for (guint i = 0; i < self->display_windows->len; i++)
    {
      VitrineDisplayWindow *window = g_ptr_array_index (self->display_windows, i);
      GdkMonitor *monitor = vitrine_display_window_get_monitor (window);
      GtkWidget *widget = GTK_WIDGET (window);

      json_builder_begin_object (builder);
      vitrine_status_int (builder, "monitor", monitor_position (monitor));
      vitrine_status_string (builder, "connector",
                             monitor != NULL ? gdk_monitor_get_connector (monitor) : NULL);

      if (monitor != NULL)
        {
          GdkRectangle geometry;

          gdk_monitor_get_geometry (monitor, &geometry);
          vitrine_status_begin_object (builder, "monitor_geometry");
          vitrine_status_int (builder, "x", geometry.x);
          vitrine_status_int (builder, "y", geometry.y);
          vitrine_status_int (builder, "width", geometry.width);
          vitrine_status_int (builder, "height", geometry.height);
          vitrine_status_end_object (builder);
        }

      vitrine_status_int (builder, "width", gtk_widget_get_width (widget));
      vitrine_status_int (builder, "height", gtk_widget_get_height (widget));
      vitrine_status_int (builder, "scale_factor", gtk_widget_get_scale_factor (widget));
      vitrine_status_boolean (builder, "fullscreen", gtk_window_is_fullscreen (GTK_WINDOW (window)));
      vitrine_status_boolean (builder, "mapped", gtk_widget_get_mapped (widget));
      vitrine_status_boolean (builder, "cursor_hidden", vitrine_display_window_get_cursor_hidden (window));
      vitrine_status_string (builder, "notice", vitrine_display_window_get_notice (window));
      vitrine_status_end_object (builder);
    }

  vitrine_status_end_array (builder);
}

static void
add_settings (VitrineApplication *self,
              JsonBuilder        *builder)
{
  g_autoptr(GSettingsBackend) backend = NULL;

  vitrine_status_begin_object (builder, "settings");
  vitrine_status_string (builder, "schema", APP_ID);
  vitrine_status_int (builder, "revision", (gint64) self->settings_revision);
  g_object_get (self->settings, "backend", &backend, NULL);
  vitrine_status_string (builder, "backend", backend != NULL ? G_OBJECT_TYPE_NAME (backend) : "unknown");
  vitrine_status_end_object (builder);
}

/* The stall probe's figures since startup (VITRINE_STALL_PROBE), else null: lateness of
 * its ticks, and main-thread CPU time between them. */
static void
add_stalls (VitrineApplication *self,
            JsonBuilder        *builder)
{
  if (self->stalls == NULL)
    {
      vitrine_status_null (builder, "main_loop_stalls_ms");
      return;
    }

  vitrine_status_begin_object (builder, "main_loop_stalls_ms");
  {
    VitrineLatencySummary late, cpu;

    vitrine_latency_histogram_summarize (self->stalls, &late);
    vitrine_latency_histogram_summarize (self->stalls_cpu, &cpu);
    vitrine_status_latency (builder, "late", (guint) MIN (self->stalls->n, G_MAXUINT), &late);
    vitrine_status_latency (builder, "cpu", (guint) MIN (self->stalls_cpu->n, G_MAXUINT), &cpu);
  }
  /* When the longest one ended, on uptime_ms's clock: to line it up with what happened. */
  vitrine_status_int (builder, "cpu_max_at_uptime_ms", self->stall_cpu_max_at_ms);
  vitrine_status_end_object (builder);
}

/* "overlays": per display window, in the order of "displays", its layer and cards. */
static void
add_overlays (VitrineApplication *self,
              JsonBuilder        *builder)
{
  vitrine_status_begin_array (builder, "overlays");
  for (guint i = 0; i < self->display_windows->len; i++)
    {
      VitrineOverlayLayer *layer = g_object_get_data (g_ptr_array_index (self->display_windows, i),
                                                      VITRINE_APPLICATION_LAYER_KEY);

      if (layer != NULL)
        vitrine_overlay_layer_add_status (layer, builder);
    }
  vitrine_status_end_array (builder);
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
  _vitrine_application_memory_add_status (self, builder);
  if (self->slideshow != NULL)
    vitrine_slideshow_add_status (self->slideshow, builder);
  else
    vitrine_status_null (builder, "slideshow");
  if (self->feeds != NULL)
    vitrine_feeds_add_status (self->feeds, builder);
  else
    {
      vitrine_status_null (builder, "feeds");
      vitrine_status_null (builder, "weather");
    }
  if (self->visualizer != NULL)
    vitrine_visualizer_add_status (self->visualizer, builder);
  else
    vitrine_status_null (builder, "visualizer");
  add_overlays (self, builder);
  if (self->caches != NULL)
    vitrine_caches_add_status (self->caches, builder);
  else
    vitrine_status_null (builder, "caches");
  add_settings (self, builder);
  vitrine_status_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);

  return json_generator_to_data (generator, NULL);
}
