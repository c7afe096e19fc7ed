/* vitrine-display-page.c: monitors, pacing, scaling with its preview (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vitrine-display-page.h"
#include "vitrine-enum-types.h"
#include "vitrine-image-geometry.h"
#include "vitrine-sample-scene.h"
#include "vitrine-settings-rows.h"
#include "vitrine-status.h"

struct _VitrineDisplayPage
{
  AdwPreferencesPage  parent_instance;

  AdwComboRow        *monitor;
  GtkFlowBox         *previews;

  GSettings          *display;
  GListModel         *monitors;     /* the display's GdkMonitors */
  GtkWidget          *preview_buttons[3];
  gboolean            syncing;
  gboolean            choosing;     /* the row itself is writing monitor-index */
  guint               relist_id;
};

G_DEFINE_FINAL_TYPE (VitrineDisplayPage, vitrine_display_page, ADW_TYPE_PREFERENCES_PAGE)

static const VitrineSettingsBinding bindings[] = {
  { "monitor_mode", "monitor-mode" },
  { "same_image", "same-image" },
  { "interval", "interval" },
  { "scale_mode", "scale-mode" },
  { "ken_burns", "ken-burns" },
  { "keep_awake", "keep-awake" },
  { "renderer", "renderer" },
  { "dim_enabled", "dim-enabled" },
  { "dim_night", "dim-night" },
};

static const char * const by_hand[] = { "monitor-index", "dim", "dim-night-level", NULL };

static gboolean
fraction_to_percent (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_double (value, round (g_variant_get_double (variant) * 100.0));
  return TRUE;
}

static GVariant *
percent_to_fraction (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return g_variant_new_double (g_value_get_double (value) / 100.0);
}

/* A spin button of percent (10–90, from the .ui) ↔ a fraction key (0.1–0.9). */
static void
bind_percent (VitrineDisplayPage *self,
              const char         *id,
              const char         *key)
{
  GtkWidget *spin = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), VITRINE_TYPE_DISPLAY_PAGE, id));

  gtk_widget_set_name (spin, key);
  g_settings_bind_with_mapping (self->display, key, spin, "value", G_SETTINGS_BIND_DEFAULT,
                                fraction_to_percent, percent_to_fraction, NULL, NULL);
}

/* "1 · DELL U2720Q (DP-1)": the number GDK gives it, its model and its connector. */
char *
vitrine_display_page_monitor_name (GdkMonitor *monitor,
                                   guint       index)
{
  const char *model = gdk_monitor_get_model (monitor);
  const char *maker = gdk_monitor_get_manufacturer (monitor);
  const char *connector = gdk_monitor_get_connector (monitor);
  g_autofree char *name = NULL;

  if (model != NULL && maker != NULL && !g_str_has_prefix (model, maker))
    name = g_strdup_printf ("%s %s", maker, model);
  else if (model != NULL)
    name = g_strdup (model);
  else
    /* Translators: a monitor that does not say its model */
    name = g_strdup (_("Monitor"));
  if (connector != NULL && !g_str_equal (connector, name))
    return g_strdup_printf ("%u · %s (%s)", index + 1, name, connector);
  return g_strdup_printf ("%u · %s", index + 1, name);
}

static gboolean
same_names (GListModel *old,
            GListModel *names)
{
  guint n = g_list_model_get_n_items (names);

  if (old == NULL || g_list_model_get_n_items (old) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (old), i),
                   gtk_string_list_get_string (GTK_STRING_LIST (names), i)) != 0)
      return FALSE;
  return TRUE;
}

static gboolean relist_cb (gpointer user_data);

/* The monitors by name; the chosen number stays listed when it is not connected. */
static void
update_monitors (VitrineDisplayPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint n = g_list_model_get_n_items (self->monitors);
  int index = g_settings_get_int (self->display, "monitor-index");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (self->monitors, i);
      g_autofree char *name = vitrine_display_page_monitor_name (monitor, i);

      gtk_string_list_append (names, name);
    }
  for (guint i = n; i <= (guint) index; i++)
    {
      /* Translators: a monitor number from the settings with no monitor connected */
      g_autofree char *name = g_strdup_printf (_("%u · not connected"), i + 1);

      gtk_string_list_append (names, name);
    }
  /* A new model only when the names change, and never under the row's own selection
   * signal (a choice made in the row): that would pull the list from under it. */
  if (self->choosing)
    {
      if (self->relist_id == 0)
        self->relist_id = g_idle_add (relist_cb, self);   /* removed in dispose */
      return;
    }
  self->syncing = TRUE;
  if (!same_names (adw_combo_row_get_model (self->monitor), G_LIST_MODEL (names)))
    adw_combo_row_set_model (self->monitor, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->monitor, (guint) index);
  self->syncing = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->monitor),
                            g_settings_get_enum (self->display, "monitor-mode") == VITRINE_MONITOR_MODE_SINGLE);
}

static gboolean
relist_cb (gpointer user_data)
{
  VitrineDisplayPage *self = user_data;

  self->relist_id = 0;
  if (self->display != NULL)
    update_monitors (self);
  return G_SOURCE_REMOVE;
}

static void
monitor_selected_cb (VitrineDisplayPage *self)
{
  guint selected = adw_combo_row_get_selected (self->monitor);

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;
  self->choosing = TRUE;
  g_settings_set_int (self->display, "monitor-index", (int) MIN (selected, 15));
  self->choosing = FALSE;
}

/* One mode on a 16:9 screen: the sample (600 × 800 on a 1600 × 900 screen) placed by the
 * display's own geometry. */
static void
draw_preview (GtkDrawingArea *area,
              cairo_t        *cr,
              int             width,
              int             height,
              gpointer        user_data)
{
  VitrineScaleMode mode = GPOINTER_TO_INT (user_data);
  VitrineImagePlacement placement;
  double scale = MIN (width / 1600.0, height / 900.0);
  double x0 = (width - 1600 * scale) / 2, y0 = (height - 900 * scale) / 2;

  vitrine_image_place (600, 800, 1600, 900, mode, &placement);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, x0, y0, 1600 * scale, 900 * scale);
  cairo_fill_preserve (cr);
  cairo_clip (cr);
  cairo_translate (cr, x0 + placement.offset_x * scale, y0 + placement.offset_y * scale);
  vitrine_sample_scene_draw (cr, placement.scaled_width * scale, placement.scaled_height * scale,
                             VITRINE_SAMPLE_SCENE_DAY);
}

static void
sync_previews (VitrineDisplayPage *self)
{
  int mode = g_settings_get_enum (self->display, "scale-mode");

  self->syncing = TRUE;
  for (int i = 0; i < 3; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->preview_buttons[i]), i == mode);
  self->syncing = FALSE;
}

static void
preview_toggled_cb (GtkToggleButton    *button,
                    VitrineDisplayPage *self)
{
  if (self->syncing || !gtk_toggle_button_get_active (button))
    return;
  g_settings_set_enum (self->display, "scale-mode",
                       GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "mode")));
}

static void
add_previews (VitrineDisplayPage *self)
{
  static const struct {
    VitrineScaleMode mode;
    const char      *label;
  } modes[] = {
    { VITRINE_SCALE_MODE_FILL, N_("Fill") },
    { VITRINE_SCALE_MODE_FIT, N_("Fit") },
    { VITRINE_SCALE_MODE_SHRINK, N_("Shrink only") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *area = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 96);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 54);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_preview, GINT_TO_POINTER (modes[i].mode), NULL);
      gtk_box_append (GTK_BOX (box), area);
      gtk_box_append (GTK_BOX (box), gtk_label_new (_(modes[i].label)));
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_name (button, vitrine_status_enum_nick (VITRINE_TYPE_SCALE_MODE, modes[i].mode));
      g_object_set_data (G_OBJECT (button), "mode", GINT_TO_POINTER (modes[i].mode));
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (self->preview_buttons[0]));
      g_signal_connect (button, "toggled", G_CALLBACK (preview_toggled_cb), self);
      self->preview_buttons[modes[i].mode] = button;
      /* A flow box, so that with large text the three wrap instead of widening the page. */
      gtk_flow_box_append (self->previews, button);
    }
  sync_previews (self);
}

GtkWidget *
vitrine_display_page_new (GSettings *display)
{
  VitrineDisplayPage *self;

  g_return_val_if_fail (G_IS_SETTINGS (display), NULL);

  self = g_object_new (VITRINE_TYPE_DISPLAY_PAGE, NULL);
  self->display = g_object_ref (display);
  vitrine_settings_bind_template (GTK_WIDGET (self), VITRINE_TYPE_DISPLAY_PAGE, display,
                                  bindings, G_N_ELEMENTS (bindings));
  vitrine_settings_page_add_advanced (ADW_PREFERENCES_PAGE (self), display, bindings, G_N_ELEMENTS (bindings),
                                      by_hand);

  bind_percent (self, "dim", "dim");
  bind_percent (self, "dim_night_level", "dim-night-level");

  gtk_widget_set_name (GTK_WIDGET (self->monitor), "monitor-index");
  self->monitors = g_object_ref (gdk_display_get_monitors (gdk_display_get_default ()));
  g_signal_connect_object (self->monitors, "items-changed", G_CALLBACK (update_monitors), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (display, "changed::monitor-index", G_CALLBACK (update_monitors), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (display, "changed::monitor-mode", G_CALLBACK (update_monitors), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->monitor, "notify::selected", G_CALLBACK (monitor_selected_cb), self);
  update_monitors (self);

  add_previews (self);
  g_signal_connect_object (display, "changed::scale-mode", G_CALLBACK (sync_previews), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

static void
vitrine_display_page_dispose (GObject *object)
{
  VitrineDisplayPage *self = VITRINE_DISPLAY_PAGE (object);

  g_clear_handle_id (&self->relist_id, g_source_remove);
  g_clear_object (&self->monitors);
  g_clear_object (&self->display);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITRINE_TYPE_DISPLAY_PAGE);

  G_OBJECT_CLASS (vitrine_display_page_parent_class)->dispose (object);
}

static void
vitrine_display_page_class_init (VitrineDisplayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_display_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/vitrine-display-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitrineDisplayPage, monitor);
  gtk_widget_class_bind_template_child (widget_class, VitrineDisplayPage, previews);
  for (gsize i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_widget_class_bind_template_child_full (widget_class, bindings[i].id, FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "dim", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "dim_night_level", FALSE, 0);
}

static void
vitrine_display_page_init (VitrineDisplayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
