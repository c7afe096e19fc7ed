/* vitrine-settings-page.c: the pages made of a GtkBuilder file and an Advanced group (see
 * the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-anchor-picker.h"
#include "vitrine-clock-list.h"
#include "vitrine-overlay-feeds.h"
#include "vitrine-place-suggest.h"
#include "vitrine-settings-page.h"
#include "vitrine-settings-rows.h"

struct _VitrineSettingsPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;
  VitrinePlaceSuggest *place;     /* owned by its row; NULL on pages without one */
  guint               n_bound;
};

G_DEFINE_FINAL_TYPE (VitrineSettingsPage, vitrine_settings_page, ADW_TYPE_PREFERENCES_PAGE)

/* The pages of this kind: their groups, in order, and keys edited on another page. */
static const struct {
  const char  *name;
  const char  *title;
  const char  *icon;
  const char  *groups[3];
  const char  *elsewhere[2];
} specs[] = {
  { "widgets", N_("Widgets"), "preferences-system-time-symbolic", { "cards", "clocks", "look" }, { "headlines-feeds" } },
  { "visualizer", N_("Visualizer"), "audio-x-generic-symbolic", { "visualizer" }, { NULL } },
  { "accessibility", N_("Accessibility"), "preferences-desktop-accessibility-symbolic", { "accessibility" }, { NULL } },
};

static void
populate (VitrineSettingsPage *self,
          guint                spec)
{
  g_autofree char *resource = g_strdup_printf (APP_PATH "ui/vitrine-%s-page.ui", specs[spec].name);
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GStrvBuilder) bound = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) skip = NULL;
  GtkWidget *advanced;

  g_type_ensure (VITRINE_TYPE_ANCHOR_PICKER);
  g_type_ensure (VITRINE_TYPE_CLOCK_LIST);
  builder = gtk_builder_new_from_resource (resource);
  for (guint i = 0; i < G_N_ELEMENTS (specs[spec].groups) && specs[spec].groups[i] != NULL; i++)
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                              ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder, specs[spec].groups[i])));

  g_object_get (self->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *id = g_strdelimit (g_strdup (keys[i]), "-", '_');
      GObject *editor = gtk_builder_get_object (builder, id);

      if (editor == NULL)
        continue;
      vitrine_settings_bind (self->settings, keys[i], GTK_WIDGET (editor));
      g_strv_builder_add (bound, keys[i]);
      self->n_bound++;
    }
  if (ADW_IS_COMBO_ROW (gtk_builder_get_object (builder, "weather_units")))
    {
      gboolean imperial = vitrine_weather_units_resolve (VITRINE_WEATHER_UNITS_LOCALE) == VITRINE_WEATHER_UNITS_IMPERIAL;

      /* Translators: what "Locale default" gives on this computer, °C or °F */
      g_autofree char *subtitle = g_strdup_printf (_("Locale default here: %s"), imperial ? "°F" : "°C");

      adw_action_row_set_subtitle (ADW_ACTION_ROW (gtk_builder_get_object (builder, "weather_units")), subtitle);
    }
  if (ADW_IS_ENTRY_ROW (gtk_builder_get_object (builder, "weather_location")))
    self->place = vitrine_place_suggest_attach (ADW_ENTRY_ROW (gtk_builder_get_object (builder, "weather_location")));
  for (guint i = 0; i < G_N_ELEMENTS (specs[spec].elsewhere) && specs[spec].elsewhere[i] != NULL; i++)
    g_strv_builder_add (bound, specs[spec].elsewhere[i]);
  skip = g_strv_builder_end (bound);
  advanced = vitrine_settings_advanced_group_new (self->settings, (const char * const *) skip);
  if (advanced != NULL)
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (advanced));
}

/* The page @name (widgets, visualizer, accessibility) over @settings, that
 * area's settings. */
GtkWidget *
vitrine_settings_page_new (const char *name,
                           GSettings  *settings)
{
  VitrineSettingsPage *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      if (!g_str_equal (name, specs[i].name))
        continue;
      self = g_object_new (VITRINE_TYPE_SETTINGS_PAGE,
                           "name", name, "title", _(specs[i].title), "icon-name", specs[i].icon,
                           NULL);
      self->settings = g_object_ref (settings);
      populate (self, i);
      return GTK_WIDGET (self);
    }
  g_return_val_if_reached (NULL);
}

/* Where the page's requests go (the weather place's suggestions); NULL asks nothing. */
void
vitrine_settings_page_set_supervisor (VitrineSettingsPage *self,
                                      VitrineSupervisor   *supervisor)
{
  g_return_if_fail (VITRINE_IS_SETTINGS_PAGE (self));

  if (self->place != NULL)
    vitrine_place_suggest_set_supervisor (self->place, supervisor);
}

/* How many hand-made editors are bound, for tests. */
guint
vitrine_settings_page_get_n_bound (VitrineSettingsPage *self)
{
  g_return_val_if_fail (VITRINE_IS_SETTINGS_PAGE (self), 0);

  return self->n_bound;
}

static void
vitrine_settings_page_dispose (GObject *object)
{
  VitrineSettingsPage *self = VITRINE_SETTINGS_PAGE (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vitrine_settings_page_parent_class)->dispose (object);
}

static void
vitrine_settings_page_class_init (VitrineSettingsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vitrine_settings_page_dispose;
}

static void
vitrine_settings_page_init (VitrineSettingsPage *self)
{
}
