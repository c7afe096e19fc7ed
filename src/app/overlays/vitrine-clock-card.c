/* vitrine-clock-card.c: a clock card (see the header).
 *
 * Digital: an optional caption, the time with the zone's abbreviation beside it, and the
 * date. Analog: the dial, then the caption and the date. Labels are set only when their
 * text changes, so a minute clock rebuilds its nodes once a minute and a seconds clock
 * once a second.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vitrine-clock-card.h"
#include "vitrine-clock-face.h"
#include "vitrine-clock-text.h"
#include "vitrine-enums.h"

struct _VitrineClockCard
{
  VitrineOverlayCard   parent_instance;

  char                *id;
  GSettings           *settings;
  VitrineOverlayStyle *style;
  GTimeZone           *zone;
  char                *zone_error;
  VitrineClockTextParams params;
  gboolean             analog;
  char                *caption;

  GtkWidget           *box;
  GtkWidget           *time_row;
  GtkLabel            *caption_label;
  GtkLabel            *time_label;
  GtkLabel            *marker_label;
  GtkLabel            *zone_label;
  GtkLabel            *date_label;
  VitrineClockFace    *face;
};

G_DEFINE_FINAL_TYPE (VitrineClockCard, vitrine_clock_card, VITRINE_TYPE_OVERLAY_CARD)

const char *
vitrine_clock_card_get_id (VitrineClockCard *self)
{
  g_return_val_if_fail (VITRINE_IS_CLOCK_CARD (self), NULL);

  return self->id;
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  gboolean show = text != NULL && *text != '\0';

  if (show && g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), show);
}

static void
vitrine_clock_card_tick (VitrineOverlayCard *card,
                         GDateTime          *now)
{
  VitrineClockCard *self = VITRINE_CLOCK_CARD (card);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, self->zone);
  VitrineClockText text = { NULL, };
  g_autofree char *joined = NULL;

  if (local == NULL)
    return;
  vitrine_clock_text_format (local, &self->params, &text);
  set_label (self->caption_label, self->caption);
  /* 12 hours: the AM/PM marker small beside the digits, like the zone. */
  {
    const char *space = self->params.twelve_hour ? strrchr (text.time, ' ') : NULL;
    g_autofree char *digits = space != NULL ? g_strndup (text.time, space - text.time) : g_strdup (text.time);

    set_label (self->time_label, self->analog ? NULL : digits);
    set_label (self->marker_label, self->analog || space == NULL ? NULL : space + 1);
  }
  set_label (self->zone_label, text.zone);
  set_label (self->date_label, text.date);
  vitrine_clock_face_set_hands (self->face, text.hour_angle, text.minute_angle, text.second_angle,
                                self->params.seconds);
  joined = vitrine_clock_text_join (&text, self->caption);
  vitrine_overlay_card_set_text (card, joined);
  vitrine_clock_text_clear (&text);
}

static gboolean
vitrine_clock_card_wants_seconds (VitrineOverlayCard *card)
{
  return VITRINE_CLOCK_CARD (card)->params.seconds;
}

static void
load (VitrineClockCard *self)
{
  g_autofree char *zone = g_settings_get_string (self->settings, "timezone");
  GtkWidget *box = self->box;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->zone_error, g_free);
  if (*zone != '\0')
    {
      self->zone = g_time_zone_new_identifier (zone);
      if (self->zone == NULL)
        {
          self->zone_error = g_strdup_printf ("unknown time zone “%s”; showing local time", zone);
          g_message ("clock %s: %s", self->id, self->zone_error);
        }
    }
  if (self->zone == NULL)
    self->zone = g_time_zone_new_local ();

  self->params.twelve_hour = g_settings_get_enum (self->settings, "format") == VITRINE_CLOCK_FORMAT_12H;
  self->params.seconds = g_settings_get_boolean (self->settings, "show-seconds");
  self->params.date = g_settings_get_boolean (self->settings, "show-date");
  self->params.zone = g_settings_get_boolean (self->settings, "show-zone");
  /* TRANSLATORS: the date under a clock, a g_date_time_format() pattern ("Tuesday 1 December") */
  self->params.date_format = _("%A %-d %B");
  g_free (self->caption);
  self->caption = g_settings_get_string (self->settings, "label");
  self->analog = g_settings_get_enum (self->settings, "style") == VITRINE_CLOCK_STYLE_ANALOG;

  gtk_widget_set_visible (GTK_WIDGET (self->face), self->analog);
  gtk_widget_set_visible (self->time_row, TRUE);
  /* Analog: the caption sits under the dial; digital: above the time. */
  gtk_box_reorder_child_after (GTK_BOX (box), GTK_WIDGET (self->caption_label),
                               self->analog ? GTK_WIDGET (self->face) : NULL);
  gtk_widget_set_halign (box, self->analog ? GTK_ALIGN_CENTER : GTK_ALIGN_FILL);
  gtk_label_set_xalign (self->caption_label, self->analog ? 0.5f : 0.0f);
  gtk_label_set_xalign (self->date_label, self->analog ? 0.5f : 0.0f);
  vitrine_clock_face_set_look (self->face, g_settings_get_boolean (self->settings, "numerals"),
                               vitrine_overlay_style_get (self->style));
  vitrine_overlay_card_set_anchor (VITRINE_OVERLAY_CARD (self), g_settings_get_enum (self->settings, "anchor"));
  vitrine_overlay_card_set_monitor (VITRINE_OVERLAY_CARD (self), g_settings_get_int (self->settings, "monitor"));
}

static void
changed_cb (VitrineClockCard *self)
{
  g_autoptr(GDateTime) now = vitrine_overlay_now ();

  load (self);
  vitrine_clock_card_tick (VITRINE_OVERLAY_CARD (self), now);
}

static GtkLabel *
label (const char *css_class)
{
  GtkWidget *widget = gtk_label_new (NULL);

  gtk_widget_add_css_class (widget, css_class);
  gtk_label_set_xalign (GTK_LABEL (widget), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (widget), TRUE);
  gtk_widget_set_visible (widget, FALSE);
  return GTK_LABEL (widget);
}

static void
build (VitrineClockCard *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_start (self->box, 24);
  gtk_widget_set_margin_end (self->box, 24);
  gtk_widget_set_margin_top (self->box, 14);
  gtk_widget_set_margin_bottom (self->box, 16);

  self->face = VITRINE_CLOCK_FACE (vitrine_clock_face_new ());
  gtk_widget_set_halign (GTK_WIDGET (self->face), GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (GTK_WIDGET (self->face), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->face), 8);
  self->caption_label = label ("caption");
  self->time_label = label ("time");
  self->marker_label = label ("zone");
  self->zone_label = label ("zone");
  self->date_label = label ("date");
  gtk_widget_set_valign (GTK_WIDGET (self->time_label), GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (GTK_WIDGET (self->zone_label), GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (GTK_WIDGET (self->marker_label), GTK_ALIGN_BASELINE);

  self->time_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_box_set_baseline_position (GTK_BOX (self->time_row), GTK_BASELINE_POSITION_CENTER);
  gtk_box_append (GTK_BOX (self->time_row), GTK_WIDGET (self->time_label));
  gtk_box_append (GTK_BOX (self->time_row), GTK_WIDGET (self->marker_label));
  gtk_box_append (GTK_BOX (self->time_row), GTK_WIDGET (self->zone_label));

  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->caption_label));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->face));
  gtk_box_append (GTK_BOX (self->box), self->time_row);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->date_label));
  vitrine_overlay_card_set_child (VITRINE_OVERLAY_CARD (self), self->box);
}

static void
vitrine_clock_card_dispose (GObject *object)
{
  VitrineClockCard *self = VITRINE_CLOCK_CARD (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  if (self->style != NULL)
    g_signal_handlers_disconnect_by_data (self->style, self);
  g_clear_object (&self->style);

  G_OBJECT_CLASS (vitrine_clock_card_parent_class)->dispose (object);
}

static void
vitrine_clock_card_finalize (GObject *object)
{
  VitrineClockCard *self = VITRINE_CLOCK_CARD (object);

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_free (self->zone_error);
  g_free (self->caption);
  g_free (self->id);

  G_OBJECT_CLASS (vitrine_clock_card_parent_class)->finalize (object);
}

static void
vitrine_clock_card_class_init (VitrineClockCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VitrineOverlayCardClass *card_class = VITRINE_OVERLAY_CARD_CLASS (klass);

  object_class->dispose = vitrine_clock_card_dispose;
  object_class->finalize = vitrine_clock_card_finalize;
  card_class->tick = vitrine_clock_card_tick;
  card_class->wants_seconds = vitrine_clock_card_wants_seconds;
}

static void
vitrine_clock_card_init (VitrineClockCard *self)
{
  gtk_widget_set_name (GTK_WIDGET (self), "clock");
  gtk_widget_add_css_class (GTK_WIDGET (self), "vitrine-clock");
  build (self);
}

/* @id names the clock's settings (lower-case letters, digits and "-"; checked by the layer). */
GtkWidget *
vitrine_clock_card_new (VitrineOverlayStyle *style,
                        const char          *id)
{
  VitrineClockCard *self = g_object_new (VITRINE_TYPE_CLOCK_CARD, NULL);
  g_autofree char *path = g_strdup_printf (APP_PATH "widgets/clocks/%s/", id);

  self->id = g_strdup (id);
  self->style = g_object_ref (style);
  self->settings = g_settings_new_with_path (APP_ID ".Clock", path);
  vitrine_overlay_card_set_style (VITRINE_OVERLAY_CARD (self), style);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  vitrine_overlay_card_set_wanted (VITRINE_OVERLAY_CARD (self), TRUE);
  changed_cb (self);
  return GTK_WIDGET (self);
}
