/* vitrine-mpris.c: MPRIS players on the session bus (see the header).
 *
 * Players are the bus names under org.mpris.MediaPlayer2.; each one's Player properties are
 * read with GetAll when it appears and again whenever any player's properties change or it
 * seeks (signals come from unique names, and there are only ever a few players, so every
 * player is asked again rather than keeping a map of owners). Position is not signalled by
 * players: what GetAll returns is extrapolated by VitrineMediaPosition.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-mpris.h"

#define MPRIS_NAMESPACE "org.mpris.MediaPlayer2"
#define MPRIS_PREFIX MPRIS_NAMESPACE "."
#define MPRIS_PATH "/org/mpris/MediaPlayer2"
#define MPRIS_PLAYER "org.mpris.MediaPlayer2.Player"
/* Longer strings from a player are cut: they only ever end up in a label. */
#define MAX_TEXT 512

struct _VitrineMpris
{
  GObject          parent_instance;

  GCancellable    *cancellable;
  GDBusConnection *bus;
  guint            name_watch_id;
  guint            properties_watch_id;
  guint            seeked_watch_id;
  GHashTable      *players;   /* bus name → VitrineMprisPlayer */
};

G_DEFINE_FINAL_TYPE (VitrineMpris, vitrine_mpris, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
player_free (gpointer data)
{
  VitrineMprisPlayer *player = data;

  g_free (player->name);
  g_free (player->short_name);
  g_free (player->status);
  g_free (player->title);
  g_free (player->artists);
  g_free (player->album);
  g_free (player->art_url);
  g_free (player->track_id);
  g_free (player->url);
  g_free (player);
}

static VitrineMprisPlayer *
player_new (const char *name)
{
  VitrineMprisPlayer *player = g_new0 (VitrineMprisPlayer, 1);

  player->name = g_strdup (name);
  player->short_name = g_strdup (name + strlen (MPRIS_PREFIX));
  player->status = g_strdup ("Stopped");
  player->title = g_strdup ("");
  player->artists = g_strdup ("");
  player->album = g_strdup ("");
  player->art_url = g_strdup ("");
  player->track_id = g_strdup ("");
  player->url = g_strdup ("");
  player->position.rate = 1.0;
  return player;
}

gboolean
vitrine_mpris_get_playing (VitrineMpris *self)
{
  GHashTableIter iter;
  VitrineMprisPlayer *player;

  g_return_val_if_fail (VITRINE_IS_MPRIS (self), FALSE);

  g_hash_table_iter_init (&iter, self->players);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &player))
    if (g_str_equal (player->status, "Playing"))
      return TRUE;
  return FALSE;
}

guint
vitrine_mpris_get_n_players (VitrineMpris *self)
{
  g_return_val_if_fail (VITRINE_IS_MPRIS (self), 0);

  return g_hash_table_size (self->players);
}

/* The first player that plays, by bus name so that the choice is stable, or NULL: whose
 * track the audio worker's feature cache follows. */
const VitrineMprisPlayer *
vitrine_mpris_first_playing (VitrineMpris *self)
{
  const VitrineMprisPlayer *first = NULL;
  GHashTableIter iter;
  VitrineMprisPlayer *player;

  g_return_val_if_fail (VITRINE_IS_MPRIS (self), NULL);

  g_hash_table_iter_init (&iter, self->players);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &player))
    if (g_str_equal (player->status, "Playing") && (first == NULL || strcmp (player->name, first->name) < 0))
      first = player;
  return first;
}

/* The player a now playing card follows (vitrine_media_choose_player()), or NULL. */
const VitrineMprisPlayer *
vitrine_mpris_choose (VitrineMpris *self,
                      const char   *pinned)
{
  g_autoptr(GArray) choices = g_array_new (FALSE, FALSE, sizeof (VitrineMediaPlayer));
  g_autoptr(GPtrArray) players = g_ptr_array_new ();
  GHashTableIter iter;
  VitrineMprisPlayer *player;
  int chosen;

  g_return_val_if_fail (VITRINE_IS_MPRIS (self), NULL);

  g_hash_table_iter_init (&iter, self->players);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &player))
    {
      VitrineMediaPlayer choice = { player->short_name, g_str_equal (player->status, "Playing"),
                                    g_str_equal (player->status, "Paused"), player->changed_us };

      if (!player->known)
        continue;
      g_array_append_val (choices, choice);
      g_ptr_array_add (players, player);
    }
  chosen = vitrine_media_choose_player ((VitrineMediaPlayer *) (gpointer) choices->data, choices->len, pinned);
  return chosen >= 0 ? g_ptr_array_index (players, chosen) : NULL;
}

static void
call_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);

  if (reply == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("now playing: the player refused: %s", error->message);
}

/* Calls @method (Previous, PlayPause, Next) on the player @name; fire and forget. */
void
vitrine_mpris_call (VitrineMpris *self,
                    const char   *name,
                    const char   *method)
{
  g_return_if_fail (VITRINE_IS_MPRIS (self));
  g_return_if_fail (name != NULL && method != NULL);

  if (self->bus == NULL || !g_hash_table_contains (self->players, name))
    return;
  g_dbus_connection_call (self->bus, name, MPRIS_PATH, MPRIS_PLAYER, method, NULL, NULL,
                          G_DBUS_CALL_FLAGS_NONE, 2000, self->cancellable, call_done_cb, NULL);
}

static char *
bounded (const char *text)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) <= MAX_TEXT)
    return g_strdup (text);
  return g_utf8_substring (text, 0, MAX_TEXT);
}

static void
read_metadata (VitrineMprisPlayer *player,
               GVariant           *metadata)
{
  const char *title = NULL, *album = NULL, *art = NULL, *track = NULL, *url = NULL;
  g_autofree const char **artists = NULL;
  g_autofree char *joined = NULL;
  gint64 length = 0, bpm64 = 0;
  guint64 ulength = 0;
  gint32 bpm = 0;

  g_variant_lookup (metadata, "xesam:title", "&s", &title);
  g_variant_lookup (metadata, "xesam:album", "&s", &album);
  g_variant_lookup (metadata, "mpris:artUrl", "&s", &art);
  if (!g_variant_lookup (metadata, "mpris:trackid", "&o", &track))
    g_variant_lookup (metadata, "mpris:trackid", "&s", &track);
  g_variant_lookup (metadata, "xesam:artist", "^a&s", &artists);
  g_variant_lookup (metadata, "xesam:url", "&s", &url);
  /* An int by the spec; some players send an int64. */
  if (!g_variant_lookup (metadata, "xesam:audioBPM", "i", &bpm) &&
      g_variant_lookup (metadata, "xesam:audioBPM", "x", &bpm64))
    bpm = (gint32) CLAMP (bpm64, 0, 1000);
  /* Length is an int64 by the spec; some players send a uint64. */
  if (!g_variant_lookup (metadata, "mpris:length", "x", &length) &&
      g_variant_lookup (metadata, "mpris:length", "t", &ulength))
    length = (gint64) MIN (ulength, (guint64) G_MAXINT64);
  joined = artists != NULL ? g_strjoinv (", ", (char **) artists) : NULL;

  g_free (player->title);
  player->title = bounded (title);
  g_free (player->album);
  player->album = bounded (album);
  g_free (player->artists);
  player->artists = bounded (joined);
  g_free (player->art_url);
  player->art_url = bounded (art);
  g_free (player->track_id);
  player->track_id = bounded (track);
  g_free (player->url);
  player->url = bounded (url);
  player->bpm = CLAMP (bpm, 0, 1000);
  player->position.length_us = MAX (length, 0);
}

typedef struct
{
  VitrineMpris *self;
  char         *name;
} Query;

static void
get_all_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Query *query = user_data;
  VitrineMpris *self = query->self;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, NULL);
  VitrineMprisPlayer *player;

  if (reply != NULL && !g_cancellable_is_cancelled (self->cancellable) &&
      (player = g_hash_table_lookup (self->players, query->name)) != NULL)
    {
      g_autoptr(GVariant) properties = g_variant_get_child_value (reply, 0);
      g_autoptr(GVariant) metadata = g_variant_lookup_value (properties, "Metadata", G_VARIANT_TYPE_VARDICT);
      const char *status = "Stopped";
      gint64 position = 0;
      double rate = 1.0;
      gint64 now = g_get_monotonic_time ();

      g_variant_lookup (properties, "PlaybackStatus", "&s", &status);
      g_variant_lookup (properties, "Position", "x", &position);
      g_variant_lookup (properties, "Rate", "d", &rate);
      if (!g_str_equal (status, player->status))
        {
          g_free (player->status);
          player->status = bounded (status);
          player->changed_us = now;
        }
      if (metadata != NULL)
        read_metadata (player, metadata);
      vitrine_media_position_report (&player->position, position, rate, g_str_equal (player->status, "Playing"),
                                     now);
      player->known = TRUE;
      g_signal_emit (self, signals[CHANGED], 0);
    }
  g_object_unref (query->self);
  g_free (query->name);
  g_free (query);
}

static void
query_player (VitrineMpris *self,
              const char   *name)
{
  Query *query = g_new0 (Query, 1);

  query->self = g_object_ref (self);
  query->name = g_strdup (name);
  g_dbus_connection_call (self->bus, name, MPRIS_PATH, "org.freedesktop.DBus.Properties", "GetAll",
                          g_variant_new ("(s)", MPRIS_PLAYER), G_VARIANT_TYPE ("(a{sv})"),
                          G_DBUS_CALL_FLAGS_NONE, 2000, self->cancellable, get_all_cb, query);
}

static void
query_all (VitrineMpris *self)
{
  g_autoptr(GList) names = g_hash_table_get_keys (self->players);

  for (GList *l = names; l != NULL; l = l->next)
    query_player (self, l->data);
}

static void
add_player (VitrineMpris *self,
            const char   *name)
{
  if (!g_hash_table_contains (self->players, name))
    g_hash_table_insert (self->players, g_strdup (name), player_new (name));
  query_player (self, name);
}

static void
name_owner_changed_cb (GDBusConnection *bus,
                       const char      *sender,
                       const char      *path,
                       const char      *interface,
                       const char      *signal,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  VitrineMpris *self = user_data;
  const char *name, *old_owner, *new_owner;

  g_variant_get (parameters, "(&s&s&s)", &name, &old_owner, &new_owner);
  if (!g_str_has_prefix (name, MPRIS_PREFIX))
    return;
  if (*new_owner == '\0')
    {
      g_hash_table_remove (self->players, name);
      g_signal_emit (self, signals[CHANGED], 0);
      return;
    }
  add_player (self, name);
}

/* PropertiesChanged or Seeked from some player: read them all again. */
static void
player_signal_cb (GDBusConnection *bus,
                  const char      *sender,
                  const char      *path,
                  const char      *interface,
                  const char      *signal,
                  GVariant        *parameters,
                  gpointer         user_data)
{
  query_all (user_data);
}

static void
list_names_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VitrineMpris) self = user_data;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, NULL);
  g_autofree const char **names = NULL;

  if (reply == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;
  g_variant_get (reply, "(^a&s)", &names);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], MPRIS_PREFIX))
      add_player (self, names[i]);
}

void
vitrine_mpris_start (VitrineMpris *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VITRINE_IS_MPRIS (self));

  if (self->bus != NULL)
    return;
  self->bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (self->bus == NULL)
    {
      g_message ("media: no session bus, so no players: %s", error->message);
      return;
    }
  self->name_watch_id = g_dbus_connection_signal_subscribe (self->bus, "org.freedesktop.DBus",
                                                            "org.freedesktop.DBus", "NameOwnerChanged",
                                                            "/org/freedesktop/DBus", MPRIS_NAMESPACE,
                                                            G_DBUS_SIGNAL_FLAGS_MATCH_ARG0_NAMESPACE,
                                                            name_owner_changed_cb, self, NULL);
  self->properties_watch_id = g_dbus_connection_signal_subscribe (self->bus, NULL,
                                                                  "org.freedesktop.DBus.Properties",
                                                                  "PropertiesChanged", MPRIS_PATH,
                                                                  MPRIS_PLAYER, G_DBUS_SIGNAL_FLAGS_NONE,
                                                                  player_signal_cb, self, NULL);
  self->seeked_watch_id = g_dbus_connection_signal_subscribe (self->bus, NULL, MPRIS_PLAYER, "Seeked",
                                                              MPRIS_PATH, NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                                              player_signal_cb, self, NULL);
  g_dbus_connection_call (self->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ListNames", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, list_names_cb,
                          g_object_ref (self));
}

static void
vitrine_mpris_dispose (GObject *object)
{
  VitrineMpris *self = VITRINE_MPRIS (object);

  g_cancellable_cancel (self->cancellable);
  if (self->bus != NULL)
    {
      g_dbus_connection_signal_unsubscribe (self->bus, self->name_watch_id);
      g_dbus_connection_signal_unsubscribe (self->bus, self->properties_watch_id);
      g_dbus_connection_signal_unsubscribe (self->bus, self->seeked_watch_id);
      g_clear_object (&self->bus);
    }

  G_OBJECT_CLASS (vitrine_mpris_parent_class)->dispose (object);
}

static void
vitrine_mpris_finalize (GObject *object)
{
  VitrineMpris *self = VITRINE_MPRIS (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->players);

  G_OBJECT_CLASS (vitrine_mpris_parent_class)->finalize (object);
}

static void
vitrine_mpris_class_init (VitrineMprisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vitrine_mpris_dispose;
  object_class->finalize = vitrine_mpris_finalize;

  /**
   * VitrineMpris::changed:
   *
   * A player appeared, went away, or its status, track or position changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vitrine_mpris_init (VitrineMpris *self)
{
  self->cancellable = g_cancellable_new ();
  self->players = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, player_free);
}

VitrineMpris *
vitrine_mpris_new (void)
{
  return g_object_new (VITRINE_TYPE_MPRIS, NULL);
}
