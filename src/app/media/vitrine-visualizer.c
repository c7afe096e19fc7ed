/* vitrine-visualizer.c: MPRIS gating, the audio worker's switch and settings, the ring
 * (see the header).
 *
 * Players come from VitrineMpris, which the now playing cards share. The worker
 * captures only while the card could show (enabled, and a player plays unless
 * show-when says otherwise), so with nothing playing the analysis costs nothing. A change
 * of the analysis settings is a new generation: the worker resets its state, and frames of
 * older generations are never drawn.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include "vitrine-memfd.h"
#include "vitrine-cache-intent.h"
#include "vitrine-visualizer-private.h"

G_DEFINE_FINAL_TYPE (VitrineVisualizer, vitrine_visualizer, G_TYPE_OBJECT)

enum {
  CHANGED,
  INTENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

gboolean
vitrine_visualizer_get_playing (VitrineVisualizer *self)
{
  return vitrine_mpris_get_playing (self->mpris);
}

/* The players, watched once for the whole process. */
VitrineMpris *
vitrine_visualizer_get_mpris (VitrineVisualizer *self)
{
  return self->mpris;
}

gboolean
vitrine_visualizer_get_enabled (VitrineVisualizer *self)
{
  return self->enabled;
}

GSettings *
vitrine_visualizer_get_settings (VitrineVisualizer *self)
{
  return self->settings;
}

void
vitrine_visualizer_get_params (VitrineVisualizer       *self,
                               VitrineVisualizerParams *params)
{
  *params = self->params;
  params->generation = self->generation;
}

/* The newest frame in the ring; FALSE when there is no ring or no frame yet. */
gboolean
vitrine_visualizer_read (VitrineVisualizer *self,
                         VitrineAudioFrame *frame)
{
  if (self->ring == NULL)
    return FALSE;
  return vitrine_audio_ring_read_latest (g_bytes_get_data (self->ring, NULL), frame);
}

/*
 * The ring the worker's reply names, mapped: its index must be one of the reply's fds, the
 * fd a sealed memfd of shared memory (not hugetlbfs, which could raise SIGBUS in here) of
 * the ring's size, and its header ours. A ring that fails is refused and any older one
 * dropped with it, so the cards hide; --status says why.
 */
static void
map_ring (VitrineVisualizer *self,
          GVariant          *reply,
          GUnixFDList       *fds)
{
  g_autoptr(GBytes) ring = NULL;
  g_autoptr(GError) error = NULL;
  int index = -1, fd;

  if (!g_variant_lookup (reply, "ring", "i", &index))
    return;
  if (fds == NULL || index < 0 || index >= g_unix_fd_list_get_length (fds))
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                 "the reply names file descriptor %d, of %d", index,
                 fds != NULL ? g_unix_fd_list_get_length (fds) : 0);
  else if ((fd = g_unix_fd_list_get (fds, index, &error)) >= 0)
    {
      ring = vitrine_memfd_map_sealed (fd, F_SEAL_SHRINK | F_SEAL_GROW, sizeof (VitrineAudioRing),
                                       sizeof (VitrineAudioRing), &error);
      close (fd);
      if (ring != NULL &&
          !vitrine_audio_ring_check (g_bytes_get_data (ring, NULL), g_bytes_get_size (ring), &error))
        g_clear_pointer (&ring, g_bytes_unref);
    }

  g_clear_pointer (&self->ring, g_bytes_unref);
  g_clear_pointer (&self->ring_error, g_free);
  if (ring == NULL)
    {
      self->ring_error = g_strdup (error != NULL ? error->message : "unknown");
      g_warning ("visualizer: the audio ring was refused: %s", self->ring_error);
      return;
    }
  self->ring = g_steal_pointer (&ring);
}

static void
audio_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VitrineVisualizer) self = user_data;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, &fds, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (reply == NULL)
    {
      g_free (self->capture_state);
      self->capture_state = g_strdup ("no-worker");
      g_free (self->capture_error);
      self->capture_error = g_strdup (error->message);
      return;
    }

  g_free (self->capture_state);
  g_free (self->capture_error);
  self->capture_state = NULL;
  self->capture_error = NULL;
  g_variant_lookup (reply, "state", "s", &self->capture_state);
  g_variant_lookup (reply, "error", "s", &self->capture_error);
  g_variant_lookup (reply, "frames", "t", &self->frames);

  map_ring (self, reply, fds);
  _vitrine_visualizer_map_features (self, reply, fds);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Whether @frame, read from the ring, is of this generation and not quiet. */
gboolean
_vitrine_visualizer_frame_has_sound (VitrineVisualizer       *self,
                                     const VitrineAudioFrame *frame)
{
  return frame->generation == self->generation &&
         !vitrine_audio_frame_is_quiet (frame, g_get_monotonic_time () / (double) G_USEC_PER_SEC);
}

/*
 * While the worker captures, a light 10 Hz look at the ring: when sound starts, the cards
 * (which rest without it, so that silence costs no frames) are woken.
 */
static gboolean
poll_cb (gpointer user_data)
{
  VitrineVisualizer *self = user_data;
  VitrineAudioFrame frame;
  gboolean sound = vitrine_visualizer_read (self, &frame) && _vitrine_visualizer_frame_has_sound (self, &frame);

  if (sound && !self->sound)
    g_signal_emit (self, signals[CHANGED], 0);
  self->sound = sound;
  return G_SOURCE_CONTINUE;
}

/*
 * Tells the worker whether to capture, with the analysis settings and the descriptors
 * consumers declared, and the playing track; @reconfigure starts a new generation. The
 * card needs capture while it could show; the other consumers while something plays.
 */
gboolean
_vitrine_visualizer_card_shown (VitrineVisualizer *self)
{
  return self->enabled && (self->params.show_when != VITRINE_VISUALIZER_SHOW_WHEN_PLAYING ||
                           vitrine_visualizer_get_playing (self));
}

/* "intents-changed" when what vitrine_visualizer_dup_intents() says changed. */
void
_vitrine_visualizer_check_intents (VitrineVisualizer *self)
{
  g_autoptr(GPtrArray) intents = vitrine_visualizer_dup_intents (self);
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; i < intents->len; i++)
    {
      const VitrineCacheIntent *intent = intents->pdata[i];
      g_autofree char *hash = vitrine_cache_intent_hash (intent);

      g_string_append_printf (key, "%s=%s;", intent->element_id, hash);
    }
  if (g_strcmp0 (key->str, self->intents_key) == 0)
    return;
  g_free (self->intents_key);
  self->intents_key = g_strdup (key->str);
  g_signal_emit (self, signals[INTENTS_CHANGED], 0);
}

void
_vitrine_visualizer_send (VitrineVisualizer *self,
                          gboolean           reconfigure)
{
  g_autoptr(GVariant) request = NULL;
  gboolean card = _vitrine_visualizer_card_shown (self);
  gboolean others = g_hash_table_size (self->declared) > 0 && vitrine_visualizer_get_playing (self);
  gboolean active = card || others;
  g_autofree char *descriptors = _vitrine_visualizer_descriptors (self, card);
  g_auto(GStrv) ids = g_strsplit (descriptors, ",", -1);
  double bpm;
  const char *track = _vitrine_visualizer_track (self, &bpm);
  const VitrineMprisPlayer *player = vitrine_mpris_first_playing (self->mpris);

  _vitrine_visualizer_check_intents (self);
  if (*descriptors == '\0')
    g_clear_pointer (&ids, g_strfreev);
  if (self->sent_once && !reconfigure && active == self->active &&
      g_strcmp0 (descriptors, self->sent_descriptors) == 0 && g_strcmp0 (track, self->sent_track) == 0)
    return;
  g_free (self->sent_descriptors);
  self->sent_descriptors = g_strdup (descriptors);
  g_free (self->sent_track);
  self->sent_track = g_strdup (track);
  if (reconfigure || !self->sent_once)
    self->generation++;
  self->active = active;
  self->sent_once = TRUE;
  if (active && self->poll_id == 0)
    self->poll_id = g_timeout_add (100, poll_cb, self);
  else if (!active)
    {
      g_clear_handle_id (&self->poll_id, g_source_remove);
      self->sound = FALSE;
    }

  request = g_variant_ref_sink (g_variant_new_parsed (
    "{'kind': <'audio'>, 'active': <%b>, 'generation': <%t>, 'bars': <%u>, 'frame': <%u>, "
    "'recommended': <%b>, 'sensitivity': <%d>, 'dynamic-floor': <%b>, 'manual-floor': <%d>, "
    "'energy-boost': <%d>, 'tau': <%d>, 'ghost-decay': <%d>, 'descriptors': <%^as>, "
    "'history': <%u>, 'track': <%s>, 'url': <%s>, 'bpm': <%d>}",
    active, self->generation,
    g_settings_get_uint (self->settings, "bar-count"),
    (guint32) g_settings_get_enum (self->settings, "analysis-frame"),
    g_settings_get_boolean (self->settings, "sensitivity-recommended"),
    g_settings_get_double (self->settings, "sensitivity"),
    g_settings_get_boolean (self->settings, "dynamic-floor"),
    g_settings_get_double (self->settings, "manual-floor"),
    g_settings_get_double (self->settings, "energy-boost"),
    g_settings_get_double (self->settings, "smoothing-tau"),
    g_settings_get_double (self->settings, "ghost-decay"),
    ids != NULL ? (const char * const *) ids : (const char * const []) { NULL },
    self->history, track, player != NULL && player->url != NULL ? player->url : "", bpm));
  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_AUDIO, request,
                                    self->cancellable, audio_done_cb, g_object_ref (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
players_changed_cb (VitrineMpris      *mpris,
                    VitrineVisualizer *self)
{
  _vitrine_visualizer_send (self, FALSE);
}

static void
load_settings (VitrineVisualizer *self)
{
  self->enabled = g_settings_get_boolean (self->settings, "enabled");
  self->params.show_when = g_settings_get_enum (self->settings, "show-when");
  self->params.tau = g_settings_get_double (self->settings, "smoothing-tau");
  self->params.ghost_decay = g_settings_get_double (self->settings, "ghost-decay");
  /* The card's beat pulse needs the tracker; reduce-motion turns it off in the view. */
  if (g_settings_get_boolean (self->settings, "beat-pulse") && self->enabled)
    g_hash_table_insert (self->declared, g_strdup ("visualizer/beat-pulse"), g_strdup ("beat"));
  else
    g_hash_table_remove (self->declared, "visualizer/beat-pulse");
}

static void
workers_changed_cb (GSettings         *settings,
                    const char        *key,
                    VitrineVisualizer *self)
{
  if (g_strcmp0 (key, "audio-feature-history") != 0)
    return;
  self->history = g_settings_get_uint (settings, key);
  _vitrine_visualizer_send (self, FALSE);
}

static void
settings_changed_cb (GSettings         *settings,
                     const char        *key,
                     VitrineVisualizer *self)
{
  static const char *const analysis[] = { "bar-count", "analysis-frame", "sensitivity-recommended",
                                          "sensitivity", "dynamic-floor", "manual-floor",
                                          "energy-boost", "smoothing-tau", "ghost-decay", NULL };

  load_settings (self);
  _vitrine_visualizer_send (self, g_strv_contains (analysis, key));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
worker_state_cb (VitrineSupervisor *supervisor,
                 guint              role,
                 guint              state,
                 VitrineVisualizer *self)
{
  /* A new audio process knows nothing: tell it again. */
  if (role == VITRINE_WORKER_ROLE_AUDIO && state == VITRINE_WORKER_STATE_RUNNING && self->sent_once)
    {
      self->sent_once = FALSE;
      _vitrine_visualizer_send (self, TRUE);
    }
}

void
vitrine_visualizer_start (VitrineVisualizer *self)
{
  g_return_if_fail (VITRINE_IS_VISUALIZER (self));

  /* Not sent_once: a consumer may declare features (and so send) before the start. */
  if (self->started)
    return;
  self->started = TRUE;
  g_signal_connect (self->mpris, "changed", G_CALLBACK (players_changed_cb), self);
  vitrine_mpris_start (self->mpris);
  _vitrine_visualizer_send (self, TRUE);
}

static void
vitrine_visualizer_dispose (GObject *object)
{
  VitrineVisualizer *self = VITRINE_VISUALIZER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->mpris != NULL)
    g_signal_handlers_disconnect_by_data (self->mpris, self);
  g_clear_object (&self->mpris);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->workers_settings != NULL)
    g_signal_handlers_disconnect_by_data (self->workers_settings, self);
  g_clear_object (&self->workers_settings);
  g_clear_object (&self->accessibility);
  if (self->supervisor != NULL)
    g_signal_handlers_disconnect_by_data (self->supervisor, self);
  g_clear_object (&self->supervisor);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vitrine_visualizer_parent_class)->dispose (object);
}

static void
vitrine_visualizer_finalize (GObject *object)
{
  VitrineVisualizer *self = VITRINE_VISUALIZER (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->declared);
  g_clear_pointer (&self->features, g_bytes_unref);
  g_free (self->features_error);
  g_free (self->sent_descriptors);
  g_free (self->sent_track);
  g_free (self->intents_key);
  g_clear_pointer (&self->ring, g_bytes_unref);
  g_free (self->capture_state);
  g_free (self->capture_error);
  g_free (self->ring_error);

  G_OBJECT_CLASS (vitrine_visualizer_parent_class)->finalize (object);
}

static void
vitrine_visualizer_class_init (VitrineVisualizerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vitrine_visualizer_dispose;
  object_class->finalize = vitrine_visualizer_finalize;

  /**
   * VitrineVisualizer::changed:
   *
   * Something that decides what the cards show has changed (players, settings, the ring):
   * cards that rest should look again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * VitrineVisualizer::intents-changed:
   *
   * What the card and the beat sync ask of the track summaries changed (the track, the
   * card shown or not, beat sync on or off): see vitrine_visualizer_dup_intents().
   */
  signals[INTENTS_CHANGED] = g_signal_new ("intents-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vitrine_visualizer_init (VitrineVisualizer *self)
{
  self->cancellable = g_cancellable_new ();
  self->mpris = vitrine_mpris_new ();
  self->declared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->history = 300;
}

VitrineVisualizer *
vitrine_visualizer_new (VitrineSupervisor *supervisor,
                        GSettings         *settings)
{
  VitrineVisualizer *self = g_object_new (VITRINE_TYPE_VISUALIZER, NULL);

  self->supervisor = g_object_ref (supervisor);
  self->settings = g_settings_get_child (settings, "visualizer");
  self->workers_settings = g_settings_get_child (settings, "workers");
  self->accessibility = g_settings_get_child (settings, "accessibility");
  self->history = g_settings_get_uint (self->workers_settings, "audio-feature-history");
  g_signal_connect (self->workers_settings, "changed", G_CALLBACK (workers_changed_cb), self);
  load_settings (self);
  g_signal_connect (self->settings, "changed", G_CALLBACK (settings_changed_cb), self);
  g_signal_connect (self->supervisor, "state-changed", G_CALLBACK (worker_state_cb), self);
  return self;
}
