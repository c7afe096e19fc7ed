/* vitrine-weather-card.c: the weather card (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vitrine-status.h"
#include "vitrine-weather-card.h"
#include "vitrine-weather-code.h"

struct _VitrineWeatherCard
{
  VitrineOverlayCard  parent_instance;

  GSettings          *settings;     /* widgets */
  gboolean            have;
  char               *place;
  double              temperature;
  gboolean            imperial;
  int                 code;
  gboolean            is_day;
  guint               n_days;
  VitrineCardWeatherDay   days[VITRINE_CARD_WEATHER_DAYS];
  gint64              fetched_at;
  gboolean            from_cache;
  char               *error;

  GtkImage           *icon;
  GtkLabel           *temperature_label;
  GtkLabel           *place_label;
  GtkLabel           *condition_label;
  GtkLabel           *days_label;
  GtkLabel           *age_label;
};

G_DEFINE_FINAL_TYPE (VitrineWeatherCard, vitrine_weather_card, VITRINE_TYPE_OVERLAY_CARD)

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static char *
degrees (double value)
{
  /* "-0°" reads wrong: round first, then print. */
  double rounded = round (value);

  return g_strdup_printf ("%.0f°", rounded == 0 ? 0.0 : rounded);
}

static char *
days_line (VitrineWeatherCard *self)
{
  GString *line = g_string_new (NULL);

  for (guint i = 0; i < self->n_days; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_from_unix_local (self->days[i].date);
      g_autofree char *weekday = day != NULL ? g_date_time_format (day, "%a") : g_strdup ("?");
      g_autofree char *high = degrees (self->days[i].high);
      g_autofree char *low = degrees (self->days[i].low);

      g_string_append_printf (line, "%s%s %s / %s", i > 0 ? "   " : "", weekday, high, low);
    }
  return g_string_free (line, FALSE);
}

/* "updated 12 min ago", from the cache only: fresh data needs no age. */
static char *
age_text (VitrineWeatherCard *self,
          GDateTime          *now)
{
  gint64 minutes;

  if (!self->from_cache || self->fetched_at <= 0)
    return NULL;
  minutes = MAX (g_date_time_to_unix (now) - self->fetched_at / G_USEC_PER_SEC, 0) / 60;
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "updated %d min ago", "updated %d min ago", minutes),
                            (int) minutes);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "updated %d hour ago", "updated %d hours ago", minutes / 60),
                          (int) (minutes / 60));
}

static void
update (VitrineWeatherCard *self,
        GDateTime          *now)
{
  VitrineWeatherCode code;
  g_autofree char *temperature = NULL;
  g_autofree char *days = NULL;
  g_autofree char *age = NULL;
  g_autofree char *text = NULL;
  const char *condition;
  gboolean enabled = g_settings_get_boolean (self->settings, "weather-enabled");

  vitrine_overlay_card_set_anchor (VITRINE_OVERLAY_CARD (self), g_settings_get_enum (self->settings, "weather-anchor"));
  vitrine_overlay_card_set_monitor (VITRINE_OVERLAY_CARD (self), g_settings_get_int (self->settings, "weather-monitor"));
  if (!enabled || !self->have || self->error != NULL)
    {
      vitrine_overlay_card_set_wanted (VITRINE_OVERLAY_CARD (self), FALSE);
      vitrine_overlay_card_set_text (VITRINE_OVERLAY_CARD (self), NULL);
      return;
    }

  vitrine_weather_code_lookup (self->code, self->is_day, &code);
  condition = code.description != NULL ? _(code.description) : NULL;
  gtk_image_set_from_icon_name (self->icon, code.icon);
  temperature = g_strdup_printf ("%s%s", degrees (self->temperature), self->imperial ? "F" : "C");
  set_label (self->temperature_label, temperature);
  set_label (self->place_label, self->place);
  set_label (self->condition_label, condition);
  days = days_line (self);
  set_label (self->days_label, days);
  age = age_text (self, now);
  set_label (self->age_label, age);

  text = g_strjoin (" · ", self->place != NULL ? self->place : "", temperature, condition != NULL ? condition : "",
                    days, age != NULL ? age : "", NULL);
  vitrine_overlay_card_set_text (VITRINE_OVERLAY_CARD (self), text);
  vitrine_overlay_card_set_wanted (VITRINE_OVERLAY_CARD (self), TRUE);
}

/* New weather: shown at once (the error, if any, is over). */
void
vitrine_weather_card_set_weather (VitrineWeatherCard       *self,
                                  const VitrineCardWeather *weather)
{
  g_autoptr(GDateTime) now = vitrine_overlay_now ();

  g_return_if_fail (VITRINE_IS_WEATHER_CARD (self));
  g_return_if_fail (weather != NULL);

  self->have = TRUE;
  g_free (self->place);
  self->place = g_strdup (weather->place);
  self->temperature = weather->temperature;
  self->imperial = weather->imperial;
  self->code = weather->code;
  self->is_day = weather->is_day;
  self->n_days = MIN (weather->n_days, VITRINE_CARD_WEATHER_DAYS);
  memcpy (self->days, weather->days, sizeof self->days);
  self->fetched_at = weather->fetched_at;
  self->from_cache = weather->from_cache;
  g_clear_pointer (&self->error, g_free);
  update (self, now);
}

/* The weather cannot be had (no location, the fetch failed and nothing is cached): the
 * card hides, and --status has @error. */
void
vitrine_weather_card_set_error (VitrineWeatherCard *self,
                                const char         *error)
{
  g_autoptr(GDateTime) now = vitrine_overlay_now ();

  g_return_if_fail (VITRINE_IS_WEATHER_CARD (self));

  g_free (self->error);
  self->error = g_strdup (error);
  update (self, now);
}

static void
vitrine_weather_card_tick (VitrineOverlayCard *card,
                           GDateTime          *now)
{
  update (VITRINE_WEATHER_CARD (card), now);
}

static void
vitrine_weather_card_add_status (VitrineOverlayCard *card,
                                 JsonBuilder        *builder,
                                 int                 dx,
                                 int                 dy)
{
  vitrine_status_string (builder, "error", VITRINE_WEATHER_CARD (card)->error);
}

static void
settings_changed_cb (VitrineWeatherCard *self,
                     const char         *key)
{
  if (g_str_has_prefix (key, "weather-"))
    {
      g_autoptr(GDateTime) now = vitrine_overlay_now ();

      update (self, now);
    }
}

static GtkLabel *
text_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  return GTK_LABEL (label);
}

static void
build (VitrineWeatherCard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 14);
  GtkWidget *now = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_margin_start (box, 22);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 14);
  gtk_widget_set_margin_bottom (box, 16);

  self->place_label = text_label ("caption");
  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_image_set_pixel_size (self->icon, 52);
  gtk_widget_set_valign (GTK_WIDGET (self->icon), GTK_ALIGN_CENTER);
  self->temperature_label = text_label ("time-small");
  self->condition_label = text_label ("subtitle");
  self->days_label = text_label ("detail");
  self->age_label = text_label ("detail");
  gtk_widget_set_margin_top (GTK_WIDGET (self->days_label), 6);

  gtk_widget_set_valign (now, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (now), GTK_WIDGET (self->temperature_label));
  gtk_box_append (GTK_BOX (now), GTK_WIDGET (self->condition_label));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (row), now);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->place_label));
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->days_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->age_label));
  vitrine_overlay_card_set_child (VITRINE_OVERLAY_CARD (self), box);
}

static void
vitrine_weather_card_dispose (GObject *object)
{
  VitrineWeatherCard *self = VITRINE_WEATHER_CARD (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vitrine_weather_card_parent_class)->dispose (object);
}

static void
vitrine_weather_card_finalize (GObject *object)
{
  VitrineWeatherCard *self = VITRINE_WEATHER_CARD (object);

  g_free (self->place);
  g_free (self->error);

  G_OBJECT_CLASS (vitrine_weather_card_parent_class)->finalize (object);
}

static void
vitrine_weather_card_class_init (VitrineWeatherCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VitrineOverlayCardClass *card_class = VITRINE_OVERLAY_CARD_CLASS (klass);

  object_class->dispose = vitrine_weather_card_dispose;
  object_class->finalize = vitrine_weather_card_finalize;
  card_class->tick = vitrine_weather_card_tick;
  card_class->add_status = vitrine_weather_card_add_status;
}

static void
vitrine_weather_card_init (VitrineWeatherCard *self)
{
  gtk_widget_set_name (GTK_WIDGET (self), "weather");
  gtk_widget_add_css_class (GTK_WIDGET (self), "vitrine-weather");
  build (self);
}

/* @settings: the widgets settings. */
GtkWidget *
vitrine_weather_card_new (VitrineOverlayStyle *style,
                          GSettings           *settings)
{
  VitrineWeatherCard *self = g_object_new (VITRINE_TYPE_WEATHER_CARD, NULL);
  g_autoptr(GDateTime) now = vitrine_overlay_now ();

  self->settings = g_object_ref (settings);
  vitrine_overlay_card_set_style (VITRINE_OVERLAY_CARD (self), style);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  update (self, now);
  return GTK_WIDGET (self);
}
