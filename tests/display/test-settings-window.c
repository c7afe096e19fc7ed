/* test-settings-window.c: the settings pages edit their keys live, both ways (set in the
 * editor: the key changes; the key changes: the editor follows), every key has an editor,
 * the folder and feed lists, the monitors by name, the scaling previews, import and reset
 * from the About page.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "vitrine-about-page.h"
#include "vitrine-anchor-picker.h"
#include "vitrine-clock-list.h"
#include "vitrine-display-page.h"
#include "vitrine-list-editor.h"
#include "vitrine-settings-editors.h"
#include "vitrine-settings-file.h"
#include "vitrine-settings-page.h"
#include "vitrine-slideshow.h"
#include "vitrine-sources-page.h"
#include "vitrine-test-util.h"
#include "vitrine-transition-stills.h"
#include "vitrine-transitions-page.h"
#include "vitrine-zone-button.h"

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A label under @root saying @text. */
static GtkWidget *
find_named_label (GtkWidget  *root,
                  const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GSettings *
area_settings (const char *area)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);

  return g_settings_get_child (root, area);
}

/* The page that edits @area, over fresh settings that start from the defaults. */
static GtkWidget *
page_for (const char *area,
          GSettings **settings_out)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) settings = g_settings_get_child (root, area);
  g_autoptr(GSettings) widgets = g_settings_get_child (root, "widgets");
  GtkWidget *page;

  vitrine_settings_file_reset (root);
  if (g_str_equal (area, "sources"))
    page = vitrine_sources_page_new (settings, widgets, NULL);
  else if (g_str_equal (area, "display"))
    page = vitrine_display_page_new (settings);
  else if (g_str_equal (area, "transitions"))
    page = vitrine_transitions_page_new (settings, NULL);
  else
    page = vitrine_settings_page_new (area, settings);
  g_object_ref_sink (page);
  *settings_out = g_steal_pointer (&settings);
  return page;
}

/* Every key of every area a page edits has an editor named after it: a hand-made row or
 * one of the Advanced group. */
static void
test_every_key_has_an_editor (void)
{
  static const char * const areas[] = { "sources", "display", "transitions", "widgets", "visualizer", "accessibility" };
  g_autoptr(GSettings) sources_settings = NULL;
  g_autoptr(GtkWidget) sources = page_for ("sources", &sources_settings);

  for (guint a = 0; a < G_N_ELEMENTS (areas); a++)
    {
      g_autoptr(GSettings) settings = NULL;
      g_autoptr(GtkWidget) page = page_for (areas[a], &settings);
      g_autoptr(GSettingsSchema) schema = NULL;
      g_auto(GStrv) keys = NULL;

      g_object_get (settings, "settings-schema", &schema, NULL);
      keys = g_settings_schema_list_keys (schema);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          /* The headline feeds are listed on Sources, with the image feeds. */
          GtkWidget *home = g_str_equal (keys[i], "headlines-feeds") ? sources : page;

          if (find_named (home, keys[i]) == NULL)
            g_error ("%s/%s has no editor", areas[a], keys[i]);
        }
    }

  /* The root's own keys are on About (Caches' in test-settings-caches, the workers' on
   * Diagnostics, test-settings-diagnostics), but for state the program keeps, which has
   * none: the displays' last photos. */
  {
    static const char * const state_keys[] = { "last-photos", NULL };
    g_autoptr(GSettings) root = g_settings_new (APP_ID);
    g_autoptr(GtkWidget) about = g_object_ref_sink (vitrine_about_page_new (root));
    g_autoptr(GSettingsSchema) schema = NULL;
    g_auto(GStrv) keys = NULL;

    g_object_get (root, "settings-schema", &schema, NULL);
    keys = g_settings_schema_list_keys (schema);
    for (guint i = 0; keys[i] != NULL; i++)
      if (g_strv_contains (state_keys, keys[i]))
        g_assert_null (find_named (about, keys[i]));
      else if (!g_str_has_prefix (keys[i], "caches-") && find_named (about, keys[i]) == NULL)
        g_error ("%s has no editor", keys[i]);
  }
}

static void
test_switch_both_ways (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("display", &settings);
  GtkWidget *toggle = find_named (page, "keep-awake");

  g_assert_true (GTK_IS_SWITCH (toggle));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));

  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "keep-awake"));

  g_settings_set_boolean (settings, "keep-awake", TRUE);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
}

static void
test_number_range (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("display", &settings);
  GtkWidget *spin = find_named (page, "interval");
  double min_value, max_value;

  g_assert_true (GTK_IS_SPIN_BUTTON (spin));
  gtk_spin_button_get_range (GTK_SPIN_BUTTON (spin), &min_value, &max_value);
  g_assert_cmpfloat (min_value, ==, 2);
  g_assert_cmpfloat (max_value, ==, 86400);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 75);
  g_assert_cmpuint (g_settings_get_uint (settings, "interval"), ==, 75);

  /* Out-of-range input is clamped by the editor, never written. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "interval"), ==, 2);

  g_settings_set_uint (settings, "interval", 600);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 600);
}

static void
test_combo_row (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("display", &settings);
  GtkWidget *row = find_named (page, "renderer");
  GListModel *model;
  g_autofree char *current = NULL;

  g_assert_true (ADW_IS_COMBO_ROW (row));
  model = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), ==, "Automatic");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 2), ==, "Software");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  current = g_settings_get_string (settings, "renderer");
  g_assert_cmpstr (current, ==, "software");

  g_settings_set_string (settings, "renderer", "gl");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
}

/* A card's expander switches it on and off; its rows edit the card's keys. */
static void
test_expander_and_entry_row (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("widgets", &settings);
  GtkWidget *weather = find_named (page, "weather-enabled");
  GtkWidget *place = find_named (page, "weather-location");
  GtkWidget *anchor = find_named (page, "weather-anchor");
  g_autofree char *location = NULL;

  g_assert_true (ADW_IS_EXPANDER_ROW (weather));
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (weather)));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (weather), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "weather-enabled"));
  g_settings_set_boolean (settings, "weather-enabled", FALSE);
  g_assert_false (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (weather)));

  g_assert_true (ADW_IS_ENTRY_ROW (place));
  gtk_editable_set_text (GTK_EDITABLE (place), "Lyon");
  location = g_settings_get_string (settings, "weather-location");
  g_assert_cmpstr (location, ==, "Lyon");
  g_settings_set_string (settings, "weather-location", "Oslo");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (place)), ==, "Oslo");

  /* The place on the 3 × 3 picker, both ways. */
  g_assert_true (VITRINE_IS_ANCHOR_PICKER (anchor));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (vitrine_anchor_picker_get_button (VITRINE_ANCHOR_PICKER (anchor), 6)),
                                TRUE);
  location = g_settings_get_string (settings, "weather-anchor");
  g_assert_cmpstr (location, ==, "bottom-left");
  g_assert_nonnull (find_named_label (anchor, "Bottom left"));
  g_settings_set_string (settings, "weather-anchor", "center");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (vitrine_anchor_picker_get_button (VITRINE_ANCHOR_PICKER (anchor), 4))));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (vitrine_anchor_picker_get_button (VITRINE_ANCHOR_PICKER (anchor), 6))));
}

/* The clocks: a row per clock; Add gives a new one, its time zone is chosen by searching,
 * its style is digital or analog, Remove takes it off the list. */
static void
test_clocks (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("widgets", &settings);
  GtkWidget *list = find_named (page, "clocks");
  g_autofree char *dir = g_dir_make_tmp ("vitrine-zones-XXXXXX", NULL);
  g_autofree char *tab = g_build_filename (dir, "zone1970.tab", NULL);
  g_autofree char *id = NULL;
  g_autofree char *zone = NULL;
  g_auto(GStrv) clocks = NULL;
  GtkWidget *row, *button, *style;
  g_autoptr(GSettings) clock = NULL;
  GListModel *matches;
  g_autoptr(GtkStringObject) first = NULL;

  g_assert_true (VITRINE_IS_CLOCK_LIST (list));
  g_assert_nonnull (vitrine_clock_list_get_row (VITRINE_CLOCK_LIST (list), "main"));
  id = vitrine_clock_list_add (VITRINE_CLOCK_LIST (list));
  g_assert_cmpstr (id, ==, "clock-2");
  clocks = g_settings_get_strv (settings, "clocks");
  g_assert_cmpstrv (clocks, ((const char *[]) { "main", "clock-2", NULL }));
  row = vitrine_clock_list_get_row (VITRINE_CLOCK_LIST (list), id);
  clock = g_object_ref (vitrine_clock_list_get_clock (VITRINE_CLOCK_LIST (list), id));
  g_assert_true (ADW_IS_EXPANDER_ROW (row));

  /* The zones of the system's table, searched as typed. */
  g_assert_true (g_file_set_contents (tab, "# comment\nFR\t+4852+00220\tEurope/Paris\n"
                                           "US\t+404251-0740023\tAmerica/New_York\tEastern (most areas)\n"
                                           "PY\t-2516-05740\tAmerica/Asuncion\n", -1, NULL));
  button = find_named (row, "timezone");
  g_assert_true (VITRINE_IS_ZONE_BUTTON (button));
  vitrine_zone_button_load (VITRINE_ZONE_BUTTON (button), tab);
  matches = vitrine_zone_button_get_matches (VITRINE_ZONE_BUTTON (button));
  while (g_list_model_get_n_items (matches) < 4)
    g_main_context_iteration (NULL, TRUE);
  vitrine_zone_button_set_search (VITRINE_ZONE_BUTTON (button), "paris");
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 1);
  first = g_list_model_get_item (matches, 0);
  g_assert_cmpstr (gtk_string_object_get_string (first), ==, "Europe/Paris");
  vitrine_zone_button_choose (VITRINE_ZONE_BUTTON (button), 0);
  zone = g_settings_get_string (clock, "timezone");
  g_assert_cmpstr (zone, ==, "Europe/Paris");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Europe/Paris");
  g_settings_set_string (clock, "timezone", "America/Asuncion");
  g_assert_nonnull (find_named_label (button, "America/Asuncion"));

  style = find_named (row, "style");
  g_assert_true (ADW_IS_COMBO_ROW (style));
  adw_combo_row_set_selected (ADW_COMBO_ROW (style), 1);
  g_assert_cmpint (g_settings_get_enum (clock, "style"), ==, 1);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "Analog");

  vitrine_clock_list_remove (VITRINE_CLOCK_LIST (list), id);
  g_assert_null (vitrine_clock_list_get_row (VITRINE_CLOCK_LIST (list), id));
  g_settings_reset (clock, "style");
  g_settings_reset (clock, "timezone");
  vt_remove_tree (dir);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The pool as a grid of the twelve, a check each, both ways. */
static void
test_pool_grid (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("transitions", &settings);
  GtkWidget *grid = find_named (page, "pool");
  GtkWidget *particle;
  const char *three[] = { "crossfade", "slide", "wipe", NULL };
  guint tiles = 0;

  g_assert_true (GTK_IS_FLOW_BOX (grid));
  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL; child = gtk_widget_get_next_sibling (child))
    tiles += GTK_IS_FLOW_BOX_CHILD (child);
  g_assert_cmpuint (tiles, ==, 12);
  particle = find_type (vitrine_transitions_page_get_tile (VITRINE_TRANSITIONS_PAGE (page), VITRINE_TRANSITION_TYPE_PARTICLE),
                        GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (particle);
  g_assert_cmpstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (particle)), ==, "Particle");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (particle)));

  g_settings_set_strv (settings, "pool", three);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (particle)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (particle), TRUE);
  g_assert_cmpuint (g_settings_get_flags (settings, "pool"), ==,
                    VITRINE_TRANSITION_SET_CROSSFADE | VITRINE_TRANSITION_SET_SLIDE | VITRINE_TRANSITION_SET_WIPE |
                    VITRINE_TRANSITION_SET_PARTICLE);
}

/* Every transition gets its still sequence, drawn by the compositor's programs, the four
 * with a payload from the real transition worker. */
static void
test_transition_previews (void)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) settings = g_settings_get_child (root, "transitions");
  g_autoptr(GSettings) workers = g_settings_get_child (root, "workers");
  g_autoptr(VitrineSupervisor) supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), workers);
  g_autoptr(GtkWidget) window = g_object_ref_sink (gtk_window_new ());
  g_autofree char *state = g_dir_make_tmp ("vitrine-state-XXXXXX", NULL);
  GtkWidget *page;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint n;

  /* Without a transition worker running: the eight without a payload. */
  page = vitrine_transitions_page_new (settings, supervisor);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  while (!vitrine_transitions_page_get_previews_done (VITRINE_TRANSITIONS_PAGE (page)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (vitrine_transitions_page_get_n_previews (VITRINE_TRANSITIONS_PAGE (page)), ==, 8);
  gtk_window_set_child (GTK_WINDOW (window), NULL);

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  vitrine_supervisor_start (supervisor);
  for (guint attempt = 0; attempt < 5000 && vitrine_supervisor_get_state (supervisor, VITRINE_WORKER_ROLE_TRANSITION) !=
                                              VITRINE_WORKER_STATE_RUNNING; attempt++)
    g_main_context_iteration (NULL, TRUE);
  page = vitrine_transitions_page_new (settings, supervisor);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  while ((n = vitrine_transitions_page_get_n_previews (VITRINE_TRANSITIONS_PAGE (page))) < 12 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n, ==, 12);

  gtk_window_destroy (GTK_WINDOW (window));
  vitrine_supervisor_shutdown (supervisor);
  vt_remove_tree (state);
}

/*
 * The duration per transition: a check and a value per transition type, both ways; an
 * entry the editor does not know (set by hand) survives its edits.
 */
static void
test_keyed_dictionary (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("transitions", &settings);
  GtkWidget *button = find_named (page, "durations");
  GtkPopover *popover;
  GtkWidget *wipe, *particle, *wipe_spin;
  g_autoptr(GVariant) dict = NULL;
  double value = 0;

  g_assert_true (GTK_IS_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  wipe = find_named (gtk_popover_get_child (popover), "wipe");
  particle = find_named (gtk_popover_get_child (popover), "particle");
  g_assert_true (GTK_IS_CHECK_BUTTON (wipe));
  g_assert_true (GTK_IS_CHECK_BUTTON (particle));
  wipe_spin = gtk_widget_get_next_sibling (wipe);
  g_assert_true (GTK_IS_SPIN_BUTTON (wipe_spin));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (wipe)));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "0 of 12");

  /* Settings → editor. */
  g_settings_set_value (settings, "durations", g_variant_new_parsed ("{'wipe': 3.5, 'no-such-transition': 2.0}"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (wipe)));
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (wipe_spin)), 3.5, 1e-9);
  g_assert_true (gtk_widget_get_sensitive (wipe_spin));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (button)), ==, "1 of 12");

  /* Editor → settings: a new entry starts at the global duration; the unknown one stays. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (particle), TRUE);
  dict = g_settings_get_value (settings, "durations");
  g_assert_true (g_variant_lookup (dict, "particle", "d", &value));
  g_assert_cmpfloat_with_epsilon (value, g_settings_get_double (settings, "duration"), 1e-9);
  g_assert_true (g_variant_lookup (dict, "wipe", "d", &value));
  g_assert_cmpfloat_with_epsilon (value, 3.5, 1e-9);
  g_assert_true (g_variant_lookup (dict, "no-such-transition", "d", &value));
  g_clear_pointer (&dict, g_variant_unref);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (wipe_spin), 0.1);   /* below the range: 0.2 */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (particle), FALSE);
  dict = g_settings_get_value (settings, "durations");
  g_assert_true (g_variant_lookup (dict, "wipe", "d", &value));
  g_assert_cmpfloat_with_epsilon (value, 0.2, 1e-9);
  g_assert_false (g_variant_lookup (dict, "particle", "d", &value));

  g_settings_reset (settings, "durations");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (wipe)));
}

/* A string list as the generator edits one (every list has a hand-made editor today,
 * the generator stays ready for the next): an entry, "a; b". */
static void
test_advanced_string_list (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("widgets", &settings);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GtkWidget) entry = NULL;
  g_auto(GStrv) clocks = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  key = g_settings_schema_get_key (schema, "clocks");
  entry = g_object_ref_sink (vitrine_settings_editor_new (settings, key));

  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "main");
  gtk_editable_set_text (GTK_EDITABLE (entry), "main ;  ; paris");
  clocks = g_settings_get_strv (settings, "clocks");
  g_assert_cmpuint (g_strv_length (clocks), ==, 2);
  g_assert_cmpstr (clocks[1], ==, "paris");
}

static GtkWidget *
find_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_rows (GtkWidget *editor)
{
  return vitrine_list_editor_get_n_items (VITRINE_LIST_EDITOR (editor));
}

/* The image feeds: added from the entry row (a bad address is refused and said so),
 * from the Popular menu, removed with a row's button; the rows follow the key. */
static void
test_feed_list (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("sources", &settings);
  GtkWidget *editor = find_named (page, "feeds");
  GtkWidget *entry, *row, *remove;
  const char *two[] = { "https://a.example/feed.xml", "https://b.example/rss", NULL };
  g_auto(GStrv) feeds = NULL;

  g_assert_true (VITRINE_IS_LIST_EDITOR (editor));
  g_assert_cmpuint (count_rows (editor), ==, 0);
  entry = vitrine_list_editor_get_entry (VITRINE_LIST_EDITOR (editor));
  g_assert_true (ADW_IS_ENTRY_ROW (entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), "ftp://nope.example/x");
  g_signal_emit_by_name (entry, "apply");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  feeds = g_settings_get_strv (settings, "feeds");
  g_assert_cmpuint (g_strv_length (feeds), ==, 0);
  g_clear_pointer (&feeds, g_strfreev);

  gtk_editable_set_text (GTK_EDITABLE (entry), "  https://c.example/atom  ");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "apply");
  feeds = g_settings_get_strv (settings, "feeds");
  g_assert_cmpuint (g_strv_length (feeds), ==, 1);
  g_assert_cmpstr (feeds[0], ==, "https://c.example/atom");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (count_rows (editor), ==, 1);
  g_clear_pointer (&feeds, g_strfreev);

  /* Key → rows; the feed state set through the hook stays across rebuilds. */
  vitrine_sources_page_set_feed_status (VITRINE_SOURCES_PAGE (page), "https://b.example/rss", "Fetched at 12:03 · 20 photos");
  g_settings_set_strv (settings, "feeds", two);
  g_assert_cmpuint (count_rows (editor), ==, 2);
  row = vitrine_list_editor_get_row (VITRINE_LIST_EDITOR (editor), "https://b.example/rss");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Fetched at 12:03 · 20 photos");

  /* Remove, as a click on the row's button. */
  row = vitrine_list_editor_get_row (VITRINE_LIST_EDITOR (editor), "https://a.example/feed.xml");
  remove = find_button (row);
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  feeds = g_settings_get_strv (settings, "feeds");
  g_assert_cmpstrv (feeds, ((const char *[]) { "https://b.example/rss", NULL }));
  g_clear_pointer (&feeds, g_strfreev);

  /* Popular free feeds: a real address each, added once. */
  g_assert_true (gtk_widget_activate_action (page, "sources.add-feed", "s", "https://apod.nasa.gov/apod.rss"));
  g_assert_true (gtk_widget_activate_action (page, "sources.add-feed", "s", "https://apod.nasa.gov/apod.rss"));
  feeds = g_settings_get_strv (settings, "feeds");
  g_assert_cmpuint (g_strv_length (feeds), ==, 2);
  g_assert_cmpstr (feeds[1], ==, "https://apod.nasa.gov/apod.rss");
}

/* A headline feed goes to the widgets' key. */
static void
test_headline_feeds (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("sources", &settings);
  g_autoptr(GSettings) widgets = area_settings ("widgets");
  GtkWidget *editor = find_named (page, "headlines-feeds");
  g_auto(GStrv) feeds = NULL;

  g_assert_true (VITRINE_IS_LIST_EDITOR (editor));
  g_assert_true (vitrine_list_editor_add (VITRINE_LIST_EDITOR (editor), "https://news.example/rss", NULL));
  feeds = g_settings_get_strv (widgets, "headlines-feeds");
  g_assert_cmpstrv (feeds, ((const char *[]) { "https://news.example/rss", NULL }));
}

static void
write_photo (const char *dir,
             const char *name)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x3366ccff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
}

static gboolean
subtitle_says (GtkWidget  *row,
               const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), text) != 0)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

/* A folder's row counts its photos as the real image worker scans them. */
static void
test_folders_count (void)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("sources", &settings);
  g_autoptr(GSettings) workers = g_settings_get_child (root, "workers");
  g_autoptr(VitrineSupervisor) supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), workers);
  g_autoptr(VitrineSlideshow) slideshow = NULL;
  g_autofree char *photos = g_dir_make_tmp ("vitrine-photos-XXXXXX", NULL);
  g_autofree char *state = g_dir_make_tmp ("vitrine-state-XXXXXX", NULL);
  GtkWidget *folders = find_named (page, "folders");
  GtkWidget *row;

  write_photo (photos, "a.png");
  write_photo (photos, "b.png");
  write_photo (photos, "c.png");
  vitrine_sources_page_add_folder (VITRINE_SOURCES_PAGE (page), photos);
  row = vitrine_list_editor_get_row (VITRINE_LIST_EDITOR (folders), photos);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Counted while the display runs");

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  slideshow = vitrine_slideshow_new (supervisor, root, NULL, 0);
  vitrine_sources_page_set_slideshow (VITRINE_SOURCES_PAGE (page), slideshow);
  /* The slideshow names the folders the worker may read before the worker starts. */
  vitrine_slideshow_start (slideshow);
  vitrine_supervisor_start (supervisor);
  g_assert_true (subtitle_says (row, "3 photos"));

  vitrine_sources_page_set_slideshow (VITRINE_SOURCES_PAGE (page), NULL);
  g_clear_object (&slideshow);
  vitrine_supervisor_shutdown (supervisor);
  vt_remove_tree (photos);
  vt_remove_tree (state);
}

/* Monitors by name; a number without a monitor stays listed; the row is off unless one
 * monitor is asked for. */
static void
test_monitors (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("display", &settings);
  GtkWidget *row = find_named (page, "monitor-index");
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  GListModel *names;
  guint n = g_list_model_get_n_items (monitors);

  g_assert_true (ADW_IS_COMBO_ROW (row));
  g_assert_cmpuint (n, >=, 1);
  names = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, n);
  g_test_message ("%s", gtk_string_list_get_string (GTK_STRING_LIST (names), 0));
  g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), "1 · "));
  g_assert_false (gtk_widget_get_sensitive (row));

  g_settings_set_string (settings, "monitor-mode", "single");
  g_assert_true (gtk_widget_get_sensitive (row));
  g_settings_set_int (settings, "monitor-index", (int) n + 1);
  names = adw_combo_row_get_model (ADW_COMBO_ROW (row));
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, n + 2);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, n + 1);
  g_assert_true (g_str_has_suffix (gtk_string_list_get_string (GTK_STRING_LIST (names), n + 1), "not connected"));

  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 0);
  g_assert_cmpint (g_settings_get_int (settings, "monitor-index"), ==, 0);
}

/* The drawn previews of fill, fit and shrink choose the mode too. */
static void
test_scale_previews (void)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GtkWidget) page = page_for ("display", &settings);
  GtkWidget *fill = find_named (page, "fill");
  GtkWidget *fit = find_named (page, "fit");
  GtkWidget *shrink = find_named (page, "shrink");
  g_autofree char *mode = NULL;

  g_assert_true (GTK_IS_TOGGLE_BUTTON (fit));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (fill)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (fit), TRUE);
  mode = g_settings_get_string (settings, "scale-mode");
  g_assert_cmpstr (mode, ==, "fit");
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (fill)));

  g_settings_set_string (settings, "scale-mode", "shrink");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (shrink)));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (fit)));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_named (page, "scale-mode"))), ==, 2);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Import from the About page: a bad file says which key and changes nothing; a good one
 * merges. Reset asks first, and only "Reset" resets. */
static void
test_about_import_and_reset (void)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) display = g_settings_get_child (root, "display");
  g_autoptr(GSettings) sources = g_settings_get_child (root, "sources");
  g_autoptr(GtkWidget) window = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vitrine-import-XXXXXX", NULL);
  g_autofree char *bad = write_file (dir, "bad.ini", "[sources]\nshuffle=false\n[display]\ninterval=uint32 1\n");
  g_autofree char *good = write_file (dir, "good.ini", "[display]\ninterval=uint32 90\n");
  GtkWidget *page;
  AdwMessageDialog *dialog;

  vitrine_settings_file_reset (root);
  page = vitrine_about_page_new (root);
  window = g_object_ref_sink (gtk_window_new ());
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_settings_set_uint (display, "interval", 45);

  g_assert_false (vitrine_about_page_import_path (VITRINE_ABOUT_PAGE (page), bad));
  g_assert_cmpstr (vitrine_about_page_get_message (VITRINE_ABOUT_PAGE (page)), ==,
                   "Nothing was imported: display/interval: uint32 1 is out of range");
  g_assert_true (g_settings_get_boolean (sources, "shuffle"));
  g_assert_cmpuint (g_settings_get_uint (display, "interval"), ==, 45);

  g_assert_true (vitrine_about_page_import_path (VITRINE_ABOUT_PAGE (page), good));
  g_assert_cmpuint (g_settings_get_uint (display, "interval"), ==, 90);

  g_assert_true (gtk_widget_activate_action (page, "about.reset", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (g_settings_get_uint (display, "interval"), ==, 90);

  g_assert_true (gtk_widget_activate_action (page, "about.reset", NULL));
  dialog = find_dialog ();
  adw_message_dialog_response (dialog, "reset");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (g_settings_get_uint (display, "interval"), ==, 30);

  gtk_window_destroy (GTK_WINDOW (window));
  vt_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The settings pages: editors bound both ways, lists, previews, import and reset");

  if (!vt_have_display ())
    {
      g_print ("1..0 # SKIP needs a display server (run under xvfb-run)\n");
      return 0;
    }
  gtk_init ();
  adw_init ();

  g_test_add_func ("/SettingsPages/every-key-has-an-editor", test_every_key_has_an_editor);
  g_test_add_func ("/SettingsPages/switch-both-ways", test_switch_both_ways);
  g_test_add_func ("/SettingsPages/number-range", test_number_range);
  g_test_add_func ("/SettingsPages/combo-row", test_combo_row);
  g_test_add_func ("/SettingsPages/expander-and-entry-row", test_expander_and_entry_row);
  g_test_add_func ("/SettingsPages/clocks", test_clocks);
  g_test_add_func ("/SettingsPages/pool-grid", test_pool_grid);
  g_test_add_func ("/SettingsPages/transition-previews", test_transition_previews);
  g_test_add_func ("/SettingsPages/advanced-keyed-dictionary", test_keyed_dictionary);
  g_test_add_func ("/SettingsPages/advanced-string-list", test_advanced_string_list);
  g_test_add_func ("/SettingsPages/feed-list", test_feed_list);
  g_test_add_func ("/SettingsPages/headline-feeds", test_headline_feeds);
  g_test_add_func ("/SettingsPages/folders-count", test_folders_count);
  g_test_add_func ("/SettingsPages/monitors", test_monitors);
  g_test_add_func ("/SettingsPages/scale-previews", test_scale_previews);
  g_test_add_func ("/SettingsPages/about-import-and-reset", test_about_import_and_reset);

  return g_test_run ();
}
