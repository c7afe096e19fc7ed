/* test-settings-overlays.c: the settings rows of what is drawn over the photos: the
 * Display page's dimming (a switch, and its amount in percent, which can be changed only
 * while the switch is on) and the Widgets page's weather units with "Locale default".
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "vitrine-display-page.h"
#include "vitrine-enums.h"
#include "vitrine-settings-file.h"
#include "vitrine-settings-page.h"
#include "vitrine-test-util.h"

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
named (GtkWidget  *root,
       const char *name)
{
  GtkWidget *found = find_named (root, name);

  if (found == NULL)
    g_error ("no editor named %s", name);
  return found;
}

/* Off by default, the amount row greyed out; on, it edits 10–90 % as 0.1–0.9; off again
 * keeps the amount. The night level works the same way under its own switch. */
static void
test_dimming_rows (void)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) display = g_settings_get_child (root, "display");
  g_autoptr(GtkWidget) page = NULL;
  GtkWidget *toggle, *amount, *row, *night, *night_amount;
  double lower, upper;

  vitrine_settings_file_reset (root);
  page = g_object_ref_sink (vitrine_display_page_new (display));
  toggle = named (page, "dim-enabled");
  amount = named (page, "dim");
  row = gtk_widget_get_ancestor (amount, ADW_TYPE_ACTION_ROW);
  g_assert_true (GTK_IS_SWITCH (toggle));
  g_assert_true (GTK_IS_SPIN_BUTTON (amount));

  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (amount)), ==, 30);
  gtk_spin_button_get_range (GTK_SPIN_BUTTON (amount), &lower, &upper);
  g_assert_cmpfloat (lower, ==, 10);
  g_assert_cmpfloat (upper, ==, 90);

  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (g_settings_get_boolean (display, "dim-enabled"));
  g_assert_true (gtk_widget_get_sensitive (row));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (amount), 45);
  g_assert_cmpfloat (g_settings_get_double (display, "dim"), ==, 0.45);
  /* Out of range is clamped by the row, never written. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (amount), 5);
  g_assert_cmpfloat (g_settings_get_double (display, "dim"), ==, 0.1);
  g_settings_set_double (display, "dim", 0.7);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (amount)), ==, 70);

  g_settings_set_boolean (display, "dim-enabled", FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_false (gtk_widget_get_sensitive (row));
  g_assert_cmpfloat (g_settings_get_double (display, "dim"), ==, 0.7);

  night = named (page, "dim-night");
  night_amount = named (page, "dim-night-level");
  g_assert_false (gtk_widget_get_sensitive (gtk_widget_get_ancestor (night_amount, ADW_TYPE_ACTION_ROW)));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (night_amount)), ==, 60);
  gtk_switch_set_active (GTK_SWITCH (night), TRUE);
  g_assert_true (gtk_widget_get_sensitive (gtk_widget_get_ancestor (night_amount, ADW_TYPE_ACTION_ROW)));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (night_amount), 80);
  g_assert_cmpfloat (g_settings_get_double (display, "dim-night-level"), ==, 0.8);
  vitrine_settings_file_reset (root);
}

/* "Locale default" first and chosen by default; the other two as before. */
static void
test_weather_units_row (void)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) widgets = g_settings_get_child (root, "widgets");
  g_autoptr(GtkWidget) page = NULL;
  GtkWidget *row;
  GListModel *labels;

  vitrine_settings_file_reset (root);
  page = g_object_ref_sink (vitrine_settings_page_new ("widgets", widgets));
  row = named (page, "weather-units");
  g_assert_true (ADW_IS_COMBO_ROW (row));
  labels = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 0), ==, "Locale default");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 1), ==, "Metric");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 2), ==, "Imperial");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  /* The test runs in C.UTF-8. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Locale default here: °C");

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_assert_cmpint (g_settings_get_enum (widgets, "weather-units"), ==, VITRINE_WEATHER_UNITS_IMPERIAL);
  g_settings_set_enum (widgets, "weather-units", VITRINE_WEATHER_UNITS_METRIC);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  g_assert_cmpint (g_settings_get_enum (widgets, "weather-units"), ==, VITRINE_WEATHER_UNITS_LOCALE);
  vitrine_settings_file_reset (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The dimming and weather units rows of the settings window");

  if (!vt_have_display ())
    {
      g_print ("1..0 # SKIP needs a display server (run under xvfb-run)\n");
      return 0;
    }
  gtk_init ();
  adw_init ();

  g_test_add_func ("/SettingsOverlays/dimming-rows", test_dimming_rows);
  g_test_add_func ("/SettingsOverlays/weather-units-row", test_weather_units_row);

  return g_test_run ();
}
