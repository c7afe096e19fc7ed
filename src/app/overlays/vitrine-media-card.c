/* vitrine-media-card.c: the now playing card (see the header).
 *
 * The progress moves once a second on the layer's timer while the player plays (one frame
 * a second, like a seconds clock) and stands still otherwise. Labels and the art change
 * only when the track does.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-enums.h"
#include "vitrine-media-card.h"
#include "vitrine-status.h"

#define ART_SHOWN (VITRINE_NOW_PLAYING_ART_SIZE / 2)

struct _VitrineMediaCard
{
  VitrineOverlayCard  parent_instance;

  VitrineNowPlaying  *now_playing;
  gboolean            playing;

  GtkWidget          *art_frame;
  GtkPicture         *art;
  GtkWidget          *placeholder;
  GtkLabel           *title;
  GtkLabel           *artists;
  GtkLabel           *album;
  GtkProgressBar     *progress;
  GtkLabel           *elapsed;
  GtkWidget          *controls;
  GtkButton          *play_pause;
  GtkImage           *play_pause_icon;
};

G_DEFINE_FINAL_TYPE (VitrineMediaCard, vitrine_media_card, VITRINE_TYPE_OVERLAY_CARD)

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

/* The progress and time, from the extrapolated position; then the text for --status. */
static void
update_progress (VitrineMediaCard         *self,
                 const VitrineMprisPlayer *player)
{
  gint64 now = g_get_monotonic_time ();
  gint64 at = vitrine_media_position_at (&player->position, now);
  g_autofree char *elapsed = vitrine_media_format_time (at);
  g_autofree char *length = player->position.length_us > 0 ? vitrine_media_format_time (player->position.length_us)
                                                           : NULL;
  g_autofree char *time = length != NULL ? g_strdup_printf ("%s / %s", elapsed, length) : g_strdup (elapsed);
  g_autoptr(GString) text = g_string_new (player->title);
  double fraction = vitrine_media_position_fraction (&player->position, now);

  if (gtk_progress_bar_get_fraction (self->progress) != fraction)
    gtk_progress_bar_set_fraction (self->progress, fraction);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), length != NULL);
  set_label (self->elapsed, time);
  /* What the card shows, and which action the middle button offers. */
  if (*player->artists != '\0')
    g_string_append_printf (text, " · %s", player->artists);
  if (*player->album != '\0')
    g_string_append_printf (text, " · %s", player->album);
  g_string_append_printf (text, " · %s · [%s]", time, self->playing ? "pause" : "play");
  vitrine_overlay_card_set_text (VITRINE_OVERLAY_CARD (self), text->str);
}

static void
update_art (VitrineMediaCard *self)
{
  GdkTexture *art = vitrine_now_playing_get_art (self->now_playing);

  if (GDK_PAINTABLE (art) != gtk_picture_get_paintable (self->art))
    gtk_picture_set_paintable (self->art, GDK_PAINTABLE (art));
  gtk_widget_set_visible (GTK_WIDGET (self->art), art != NULL);
  gtk_widget_set_visible (self->placeholder, art == NULL);
  gtk_widget_set_visible (self->art_frame,
                          g_settings_get_boolean (vitrine_now_playing_get_settings (self->now_playing),
                                                  "now-playing-show-art"));
}

static void
changed_cb (VitrineMediaCard *self)
{
  const VitrineMprisPlayer *player = vitrine_now_playing_get_player (self->now_playing);
  GSettings *settings = vitrine_now_playing_get_settings (self->now_playing);
  gboolean shows = player != NULL &&
                   vitrine_media_player_shows (g_str_equal (player->status, "Playing"),
                                               g_str_equal (player->status, "Paused"), player->changed_us,
                                               g_get_monotonic_time ());

  vitrine_overlay_card_set_anchor (VITRINE_OVERLAY_CARD (self), g_settings_get_enum (settings, "now-playing-anchor"));
  vitrine_overlay_card_set_monitor (VITRINE_OVERLAY_CARD (self), g_settings_get_int (settings, "now-playing-monitor"));
  gtk_widget_set_visible (self->controls, g_settings_get_boolean (settings, "now-playing-show-controls"));
  if (shows)
    {
      self->playing = g_str_equal (player->status, "Playing");
      set_label (self->title, *player->title != '\0' ? player->title : _("Unknown title"));
      set_label (self->artists, player->artists);
      set_label (self->album, player->album);
      gtk_image_set_from_icon_name (self->play_pause_icon, self->playing ? "media-playback-pause-symbolic"
                                                                        : "media-playback-start-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_pause), self->playing ? _("Pause") : _("Play"));
      update_art (self);
      update_progress (self, player);
    }
  else
    {
      self->playing = FALSE;
      vitrine_overlay_card_set_text (VITRINE_OVERLAY_CARD (self), NULL);
    }
  vitrine_overlay_card_set_wanted (VITRINE_OVERLAY_CARD (self), shows);
}

static void
vitrine_media_card_tick (VitrineOverlayCard *card,
                         GDateTime          *now)
{
  VitrineMediaCard *self = VITRINE_MEDIA_CARD (card);
  const VitrineMprisPlayer *player = vitrine_now_playing_get_player (self->now_playing);

  /* A pause that has lasted: the card goes (changed_cb decides). */
  if (player != NULL && vitrine_overlay_card_get_wanted (card) && !self->playing)
    changed_cb (self);
  else if (player != NULL && vitrine_overlay_card_get_wanted (card))
    update_progress (self, player);
}

static gboolean
vitrine_media_card_wants_seconds (VitrineOverlayCard *card)
{
  return VITRINE_MEDIA_CARD (card)->playing;
}

static void
vitrine_media_card_add_status (VitrineOverlayCard *card,
                               JsonBuilder        *builder,
                               int                 dx,
                               int                 dy)
{
  VitrineMediaCard *self = VITRINE_MEDIA_CARD (card);
  const VitrineMprisPlayer *player = vitrine_now_playing_get_player (self->now_playing);

  vitrine_status_string (builder, "player", player != NULL ? player->short_name : NULL);
  vitrine_status_boolean (builder, "art", vitrine_now_playing_get_art (self->now_playing) != NULL);
  vitrine_status_string (builder, "art_error", vitrine_now_playing_get_art_error (self->now_playing));
  vitrine_overlay_add_bounds (builder, "art_bounds", self->art_frame, dx, dy);
  vitrine_overlay_add_bounds (builder, "play_pause_bounds", GTK_WIDGET (self->play_pause), dx, dy);
}

static void
previous_cb (VitrineMediaCard *self)
{
  vitrine_now_playing_command (self->now_playing, "Previous");
}

static void
play_pause_cb (VitrineMediaCard *self)
{
  vitrine_now_playing_command (self->now_playing, "PlayPause");
}

static void
next_cb (VitrineMediaCard *self)
{
  vitrine_now_playing_command (self->now_playing, "Next");
}

static GtkButton *
control (VitrineMediaCard *self,
         const char       *icon,
         const char       *tooltip,
         GCallback         callback,
         GtkImage        **image_out)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon);
  GtkWidget *button = gtk_button_new ();

  gtk_image_set_pixel_size (GTK_IMAGE (image), 18);
  gtk_button_set_child (GTK_BUTTON (button), image);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_focusable (button, FALSE);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (self->controls), button);
  if (image_out != NULL)
    *image_out = GTK_IMAGE (image);
  return GTK_BUTTON (button);
}

static GtkLabel *
text_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_width_chars (GTK_LABEL (label), 22);
  return GTK_LABEL (label);
}

static void
build (VitrineMediaCard *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *bar_row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);

  gtk_widget_set_margin_start (row, 16);
  gtk_widget_set_margin_end (row, 20);
  gtk_widget_set_margin_top (row, 16);
  gtk_widget_set_margin_bottom (row, 16);

  /* The art, clipped to rounded corners; a drawn note until (or unless) it comes. */
  self->art_frame = gtk_overlay_new ();
  gtk_widget_add_css_class (self->art_frame, "art");
  gtk_widget_set_overflow (self->art_frame, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_size_request (self->art_frame, ART_SHOWN, ART_SHOWN);
  gtk_widget_set_valign (self->art_frame, GTK_ALIGN_CENTER);
  self->placeholder = gtk_image_new_from_icon_name ("audio-x-generic-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (self->placeholder), 40);
  gtk_widget_add_css_class (self->placeholder, "art-placeholder");
  gtk_widget_set_opacity (self->placeholder, 0.5);
  gtk_overlay_set_child (GTK_OVERLAY (self->art_frame), self->placeholder);
  self->art = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_can_shrink (self->art, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->art), FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->art_frame), GTK_WIDGET (self->art));
  gtk_box_append (GTK_BOX (row), self->art_frame);

  self->title = text_label ("title");
  self->artists = text_label ("subtitle");
  self->album = text_label ("detail");
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  self->elapsed = text_label ("detail");
  gtk_label_set_width_chars (self->elapsed, 0);
  gtk_box_append (GTK_BOX (bar_row), GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (bar_row), GTK_WIDGET (self->elapsed));
  gtk_widget_set_margin_top (bar_row, 8);

  self->controls = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (self->controls, 4);
  control (self, "media-skip-backward-symbolic", _("Previous"), G_CALLBACK (previous_cb), NULL);
  self->play_pause = control (self, "media-playback-start-symbolic", _("Play"), G_CALLBACK (play_pause_cb),
                              &self->play_pause_icon);
  control (self, "media-skip-forward-symbolic", _("Next"), G_CALLBACK (next_cb), NULL);
  gtk_widget_set_name (GTK_WIDGET (self->play_pause), "play-pause");

  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->artists));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->album));
  gtk_box_append (GTK_BOX (text), bar_row);
  gtk_box_append (GTK_BOX (text), self->controls);
  gtk_box_append (GTK_BOX (row), text);
  vitrine_overlay_card_set_child (VITRINE_OVERLAY_CARD (self), row);
}

static void
vitrine_media_card_dispose (GObject *object)
{
  VitrineMediaCard *self = VITRINE_MEDIA_CARD (object);

  if (self->now_playing != NULL)
    g_signal_handlers_disconnect_by_data (self->now_playing, self);
  g_clear_object (&self->now_playing);

  G_OBJECT_CLASS (vitrine_media_card_parent_class)->dispose (object);
}

static void
vitrine_media_card_class_init (VitrineMediaCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VitrineOverlayCardClass *card_class = VITRINE_OVERLAY_CARD_CLASS (klass);

  object_class->dispose = vitrine_media_card_dispose;
  card_class->tick = vitrine_media_card_tick;
  card_class->wants_seconds = vitrine_media_card_wants_seconds;
  card_class->add_status = vitrine_media_card_add_status;
}

static void
vitrine_media_card_init (VitrineMediaCard *self)
{
  gtk_widget_set_name (GTK_WIDGET (self), "now-playing");
  gtk_widget_add_css_class (GTK_WIDGET (self), "vitrine-now-playing");
  build (self);
}

GtkWidget *
vitrine_media_card_new (VitrineNowPlaying *now_playing)
{
  VitrineMediaCard *self = g_object_new (VITRINE_TYPE_MEDIA_CARD, NULL);

  self->now_playing = g_object_ref (now_playing);
  g_signal_connect_object (now_playing, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  changed_cb (self);
  return GTK_WIDGET (self);
}
