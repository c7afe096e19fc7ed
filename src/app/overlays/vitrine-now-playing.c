/* vitrine-now-playing.c: the chosen player and its art (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-enums.h"
#include "vitrine-now-playing.h"
#include "vitrine-pixel-header.h"

struct _VitrineNowPlaying
{
  GObject            parent_instance;

  VitrineMpris      *mpris;
  VitrineSupervisor *supervisor;
  GSettings         *widgets;
  GCancellable      *cancellable;   /* the art request in flight */

  char              *art_url;       /* the URL the art is (being) made for */
  GdkTexture        *art;
  char              *art_error;
};

G_DEFINE_FINAL_TYPE (VitrineNowPlaying, vitrine_now_playing, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The player the cards show, or NULL: none, or the card is switched off. */
const VitrineMprisPlayer *
vitrine_now_playing_get_player (VitrineNowPlaying *self)
{
  g_autofree char *pinned = NULL;

  g_return_val_if_fail (VITRINE_IS_NOW_PLAYING (self), NULL);

  if (!g_settings_get_boolean (self->widgets, "now-playing-enabled"))
    return NULL;
  pinned = g_settings_get_string (self->widgets, "now-playing-player");
  return vitrine_mpris_choose (self->mpris, pinned);
}

GdkTexture *
vitrine_now_playing_get_art (VitrineNowPlaying *self)
{
  g_return_val_if_fail (VITRINE_IS_NOW_PLAYING (self), NULL);

  return self->art;
}

const char *
vitrine_now_playing_get_art_error (VitrineNowPlaying *self)
{
  g_return_val_if_fail (VITRINE_IS_NOW_PLAYING (self), NULL);

  return self->art_error;
}

gboolean
vitrine_now_playing_get_enabled (VitrineNowPlaying *self)
{
  g_return_val_if_fail (VITRINE_IS_NOW_PLAYING (self), FALSE);

  return g_settings_get_boolean (self->widgets, "now-playing-enabled");
}

GSettings *
vitrine_now_playing_get_settings (VitrineNowPlaying *self)
{
  g_return_val_if_fail (VITRINE_IS_NOW_PLAYING (self), NULL);

  return self->widgets;
}

/* Previous, PlayPause or Next on the player the cards show. */
void
vitrine_now_playing_command (VitrineNowPlaying *self,
                             const char        *method)
{
  const VitrineMprisPlayer *player;

  g_return_if_fail (VITRINE_IS_NOW_PLAYING (self));

  player = vitrine_now_playing_get_player (self);
  if (player != NULL)
    vitrine_mpris_call (self->mpris, player->name, method);
}

static void
set_art (VitrineNowPlaying *self,
         GdkTexture        *art,
         const char        *error)
{
  g_set_object (&self->art, art);
  g_free (self->art_error);
  self->art_error = g_strdup (error);
  if (error != NULL)
    g_message ("now playing: no album art: %s", error);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
art_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VitrineNowPlaying) self = user_data;
  g_auto(VitrinePixelHeader) header = { 0 };
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, &fds, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply != NULL)
    pixels = vitrine_supervisor_map_pixels (self->supervisor, VITRINE_WORKER_ROLE_IMAGE, reply, fds,
                                            &header, &error);
  if (pixels == NULL)
    {
      set_art (self, NULL, error->message);
      return;
    }
  /* The mapping stays alive as long as the texture (the GBytes holds it). */
  texture = gdk_memory_texture_new ((int) header.width, (int) header.height, GDK_MEMORY_R8G8B8A8_PREMULTIPLIED,
                                    pixels, header.stride);
  set_art (self, texture, NULL);
}

/* Has the image role prescale @path (a local file, or art the feed role downloaded). */
static void
request_prescale (VitrineNowPlaying *self,
                  const char        *path)
{
  g_autofree char *key = g_strdup_printf ("art|%s", path);
  g_autoptr(GVariant) request = NULL;

  request = g_variant_ref_sink (g_variant_new_parsed (
    "{'kind': <'prescale'>, 'input': <%s>, 'width': <%u>, 'height': <%u>, 'mode': <%u>, "
    "'sharpen': <false>, 'max-pixels': <%t>, 'cache-key': <%s>}",
    path, (guint32) VITRINE_NOW_PLAYING_ART_SIZE, (guint32) VITRINE_NOW_PLAYING_ART_SIZE,
    (guint32) VITRINE_SCALE_MODE_FILL, (guint64) 100 * 1000000, key));
  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_IMAGE, request,
                                    self->cancellable, art_done_cb, g_object_ref (self));
}

/* The feed role's answer to "art": a path to prescale, or why there is none. */
static void
art_fetched_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VitrineNowPlaying) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  const char *path = NULL, *reason = NULL;
  gboolean ok = FALSE;

  reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply == NULL)
    {
      set_art (self, NULL, error->message);
      return;
    }
  g_variant_lookup (reply, "ok", "b", &ok);
  if (!ok || !g_variant_lookup (reply, "path", "&s", &path) || *path != '/')
    {
      g_variant_lookup (reply, "error", "&s", &reason);
      set_art (self, NULL, reason != NULL ? reason : "the feed worker sent no art");
      return;
    }
  request_prescale (self, path);
}

/* The chosen player's art URL changed: ask for the new art, dropping any older request.
 * http(s) art is downloaded by the feed role first; nothing of it is read here. */
static void
update_art (VitrineNowPlaying        *self,
            const VitrineMprisPlayer *player)
{
  const char *url = player != NULL && g_settings_get_boolean (self->widgets, "now-playing-show-art")
                      ? player->art_url : "";
  g_autofree char *path = NULL;

  if (g_strcmp0 (url, self->art_url) == 0)
    return;
  g_free (self->art_url);
  self->art_url = g_strdup (url);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (*url == '\0')
    {
      set_art (self, NULL, NULL);
      return;
    }
  if (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://"))
    {
      g_autoptr(GVariant) fetch = g_variant_ref_sink (
        g_variant_new_parsed ("{'kind': <'art'>, 'input': <%s>, 'url': <%s>}", url, url));

      set_art (self, NULL, NULL);
      self->cancellable = g_cancellable_new ();
      vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_FEED, fetch,
                                        self->cancellable, art_fetched_cb, g_object_ref (self));
      return;
    }
  path = g_str_has_prefix (url, "file://") ? g_filename_from_uri (url, NULL, NULL) : NULL;
  if (path == NULL)
    {
      set_art (self, NULL, "the art URL is not a file:// or http(s):// URL");
      return;
    }

  set_art (self, NULL, NULL);
  self->cancellable = g_cancellable_new ();
  request_prescale (self, path);
}

static void
players_changed_cb (VitrineNowPlaying *self)
{
  update_art (self, vitrine_now_playing_get_player (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
settings_changed_cb (VitrineNowPlaying *self,
                     const char        *key)
{
  if (g_str_has_prefix (key, "now-playing"))
    players_changed_cb (self);
}

static void
vitrine_now_playing_dispose (GObject *object)
{
  VitrineNowPlaying *self = VITRINE_NOW_PLAYING (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->mpris != NULL)
    g_signal_handlers_disconnect_by_data (self->mpris, self);
  if (self->widgets != NULL)
    g_signal_handlers_disconnect_by_data (self->widgets, self);
  g_clear_object (&self->mpris);
  g_clear_object (&self->supervisor);
  g_clear_object (&self->widgets);
  g_clear_object (&self->art);

  G_OBJECT_CLASS (vitrine_now_playing_parent_class)->dispose (object);
}

static void
vitrine_now_playing_finalize (GObject *object)
{
  VitrineNowPlaying *self = VITRINE_NOW_PLAYING (object);

  g_free (self->art_url);
  g_free (self->art_error);

  G_OBJECT_CLASS (vitrine_now_playing_parent_class)->finalize (object);
}

static void
vitrine_now_playing_class_init (VitrineNowPlayingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vitrine_now_playing_dispose;
  object_class->finalize = vitrine_now_playing_finalize;

  /**
   * VitrineNowPlaying::changed:
   *
   * The chosen player, its track, status or position, or the art changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vitrine_now_playing_init (VitrineNowPlaying *self)
{
  self->art_url = g_strdup ("");
}

/* @settings: the application's root settings. */
VitrineNowPlaying *
vitrine_now_playing_new (VitrineMpris      *mpris,
                         VitrineSupervisor *supervisor,
                         GSettings         *settings)
{
  VitrineNowPlaying *self = g_object_new (VITRINE_TYPE_NOW_PLAYING, NULL);

  self->mpris = g_object_ref (mpris);
  self->supervisor = g_object_ref (supervisor);
  self->widgets = g_settings_get_child (settings, "widgets");
  g_signal_connect_swapped (mpris, "changed", G_CALLBACK (players_changed_cb), self);
  g_signal_connect_swapped (self->widgets, "changed", G_CALLBACK (settings_changed_cb), self);
  return self;
}
