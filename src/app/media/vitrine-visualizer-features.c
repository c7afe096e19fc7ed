/* vitrine-visualizer-features.c: the feature cache seen from the display
 * (docs/ARCHITECTURE.md §6). Consumers declare the descriptors they need
 * (vitrine_visualizer_declare()): the card its bars, the slideshow's beat sync and the
 * card's beat pulse "beat", the Diagnostics page while it is shown "rms,onset,beat"; the
 * union goes to the worker, which computes that and nothing else. The playing player's
 * track (mpris:trackid, else xesam:url) and xesam:audioBPM go with it, so a new track
 * resets the tracker. The feature ring from the reply is mapped read-only and read
 * without blocking; its stream times are turned into the monotonic clock here. The
 * card's "spectrum.barsN" also gives the bars' history in the ring's multi-channel
 * section (vitrine_visualizer_read_bars ()).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <unistd.h>

#include "vitrine-audio-features.h"
#include "vitrine-cache-intent.h"
#include "vitrine-cache-revisions.h"
#include "vitrine-memfd.h"
#include "vitrine-visualizer-private.h"

/* Seconds for the beat pulse to fall to 1/e. */
#define PULSE_S 0.12

/*
 * @consumer (a name of the caller's choosing) needs @descriptors ("rms,onset,beat"), or
 * nothing any more (NULL or ""). Unknown ids are refused with a warning.
 */
void
vitrine_visualizer_declare (VitrineVisualizer *self,
                            const char        *consumer,
                            const char        *descriptors)
{
  g_autoptr(GError) error = NULL;
  VitrineFeatureMask mask;

  g_return_if_fail (VITRINE_IS_VISUALIZER (self));
  g_return_if_fail (consumer != NULL);

  if (descriptors == NULL || *descriptors == '\0')
    {
      if (!g_hash_table_remove (self->declared, consumer))
        return;
    }
  else if (!vitrine_feature_mask_parse (descriptors, &mask, NULL, &error))
    {
      g_warning ("visualizer: %s: %s", consumer, error->message);
      return;
    }
  else
    {
      const char *old = g_hash_table_lookup (self->declared, consumer);

      if (g_strcmp0 (old, descriptors) == 0)
        return;
      g_hash_table_insert (self->declared, g_strdup (consumer), g_strdup (descriptors));
    }
  _vitrine_visualizer_send (self, FALSE);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The union of what is declared, sorted and without repeats; with the card's bars if @card. */
char *
_vitrine_visualizer_descriptors (VitrineVisualizer *self,
                                 gboolean           card)
{
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer value;

  if (card)
    g_ptr_array_add (ids, g_strdup_printf ("spectrum.bars%u", g_settings_get_uint (self->settings, "bar-count")));
  g_hash_table_iter_init (&iter, self->declared);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_auto(GStrv) parts = g_strsplit (value, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        g_ptr_array_add (ids, g_strdup (g_strstrip (parts[i])));
    }
  g_ptr_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    if (i == 0 || !g_str_equal (ids->pdata[i], ids->pdata[i - 1]))
      g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", (const char *) ids->pdata[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The track of the first playing player (mpris:trackid, else xesam:url), or "", and
 * its BPM if it says (else 0). */
const char *
_vitrine_visualizer_track (VitrineVisualizer *self,
                           double            *bpm)
{
  const VitrineMprisPlayer *player = vitrine_mpris_first_playing (self->mpris);

  *bpm = 0;
  if (player == NULL)
    return "";
  *bpm = player->bpm;
  /* "/org/mpris/MediaPlayer2/TrackList/NoTrack" names no track. */
  if (player->track_id[0] != '\0' && !g_str_has_suffix (player->track_id, "/NoTrack"))
    return player->track_id;
  return player->url;
}

/* The feature ring the reply names, if any, checked as the audio ring is (map_ring()). */
void
_vitrine_visualizer_map_features (VitrineVisualizer *self,
                                  GVariant          *reply,
                                  GUnixFDList       *fds)
{
  g_autoptr(GBytes) ring = NULL;
  g_autoptr(GError) error = NULL;
  VitrineFeatureRingView view;
  int index = -1, fd;

  if (!g_variant_lookup (reply, "features", "i", &index) || index < 0)
    return;
  if (fds == NULL || index >= g_unix_fd_list_get_length (fds))
    g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the reply names file descriptor %d, of %d",
                 index, fds != NULL ? g_unix_fd_list_get_length (fds) : 0);
  else if ((fd = g_unix_fd_list_get (fds, index, &error)) >= 0)
    {
      ring = vitrine_memfd_map_sealed (fd, F_SEAL_SHRINK | F_SEAL_GROW, sizeof (VitrineFeatureRing),
                                       vitrine_feature_ring_max_size (), &error);
      close (fd);
      if (ring != NULL &&
          !vitrine_feature_ring_check (g_bytes_get_data (ring, NULL), g_bytes_get_size (ring), &view, &error))
        g_clear_pointer (&ring, g_bytes_unref);
    }

  g_clear_pointer (&self->features, g_bytes_unref);
  g_clear_pointer (&self->features_error, g_free);
  if (ring == NULL)
    {
      self->features_error = g_strdup (error != NULL ? error->message : "unknown");
      g_warning ("visualizer: the feature ring was refused: %s", self->features_error);
      return;
    }
  self->features = g_steal_pointer (&ring);
  self->features_view = view;
  self->features_view.ring = g_bytes_get_data (self->features, NULL);
}

/*
 * The tracker's state now, its times on the monotonic clock (seconds, as
 * g_get_monotonic_time () / 1e6); FALSE without a ring or while the worker writes it.
 */
gboolean
vitrine_visualizer_read_beats (VitrineVisualizer   *self,
                               VitrineFeatureState *state)
{
  g_return_val_if_fail (VITRINE_IS_VISUALIZER (self), FALSE);

  if (self->features == NULL || !vitrine_feature_ring_read_state (&self->features_view, state))
    return FALSE;
  if (state->next_beat > 0)
    state->next_beat += state->clock_offset;
  if (state->last_beat > 0)
    state->last_beat += state->clock_offset;
  if (state->last_downbeat > 0)
    state->last_downbeat += state->clock_offset;
  state->track_start += state->clock_offset;
  return TRUE;
}

/* The frames of the last @seconds, oldest first (stream times), at most @max_frames. */
guint
vitrine_visualizer_read_features (VitrineVisualizer       *self,
                                  double                   seconds,
                                  VitrineFeatureRingFrame *frames,
                                  guint                    max_frames)
{
  g_return_val_if_fail (VITRINE_IS_VISUALIZER (self), 0);

  if (self->features == NULL)
    return 0;
  return vitrine_feature_ring_read_recent (&self->features_view, seconds, frames, max_frames);
}

/*
 * The spectrum bars of the last @seconds of the current track as one series (stream
 * times; see vitrine_feature_ring_read_bars_recent ()): @values holds @max_frames × the
 * ring's bar count (span->channels after the call; 0 without bars in the ring). A tempo
 * view samples it as any other descriptor (vitrine_tempo_view_new ()).
 */
guint
vitrine_visualizer_read_bars (VitrineVisualizer      *self,
                              double                  seconds,
                              float                  *values,
                              guint                   max_frames,
                              VitrineFeatureBarsSpan *span)
{
  VitrineFeatureState state;

  g_return_val_if_fail (VITRINE_IS_VISUALIZER (self), 0);

  *span = (VitrineFeatureBarsSpan) { 0 };
  if (self->features == NULL)
    return 0;
  if (!vitrine_feature_ring_read_state (&self->features_view, &state))
    state.track = 0;
  return vitrine_feature_ring_read_bars_recent (&self->features_view, seconds, state.track, values, max_frames,
                                                span);
}

/* The card's beat pulse at @now (monotonic seconds): 1 on a confident beat, decaying over
 * PULSE_S; 0 with visualizer/beat-pulse off or accessibility/reduce-motion on. */
double
vitrine_visualizer_beat_pulse (VitrineVisualizer *self,
                               double             now)
{
  VitrineFeatureState state;
  double since;

  g_return_val_if_fail (VITRINE_IS_VISUALIZER (self), 0);

  if (!g_settings_get_boolean (self->settings, "beat-pulse") ||
      g_settings_get_boolean (self->accessibility, "reduce-motion") ||
      !vitrine_visualizer_read_beats (self, &state) || state.bpm <= 0 || state.last_beat <= 0)
    return 0;
  since = now - state.last_beat;
  if (since < 0 || since > 4 * PULSE_S)
    return 0;
  return state.confidence * exp (-since / PULSE_S);
}

/*
 * What the visualizer's consumers ask of the track summaries (docs/caches.md), of
 * VitrineCacheIntent (free with the array), cache "audio", profile "beats", track_ref the
 * playing track's id as the worker keeps it: element "visualizer" while the card is shown
 * ("loudness", "onset_density", and "tempo_map" for the beat pulse), element "beat-sync"
 * while the slideshow's beat sync is on ("tempo_map"). Nothing while no track plays.
 */
GPtrArray *
vitrine_visualizer_dup_intents (VitrineVisualizer *self)
{
  GPtrArray *intents = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_cache_intent_free);
  gint64 now = g_get_real_time ();
  double bpm;
  const char *track;
  g_autofree char *track_ref = NULL;

  g_return_val_if_fail (VITRINE_IS_VISUALIZER (self), intents);

  track = _vitrine_visualizer_track (self, &bpm);
  if (track == NULL || *track == '\0')
    return intents;
  /* The worker keeps the id's first bytes only (the feature ring's field). */
  track_ref = g_strndup (track, VITRINE_FEATURE_TRACK_ID - 1);
  if (_vitrine_visualizer_card_shown (self))
    {
      const char *card[] = { "loudness", "onset_density", NULL, NULL };

      if (g_hash_table_contains (self->declared, "visualizer/beat-pulse"))
        card[2] = "tempo_map";
      g_ptr_array_add (intents, vitrine_cache_intent_new ("visualizer", "audio", track_ref,
                                                          VITRINE_CACHE_BEATS_PROFILE, card, now));
    }
  if (g_hash_table_contains (self->declared, "display/beat-sync"))
    {
      const char *sync[] = { "tempo_map", NULL };

      g_ptr_array_add (intents, vitrine_cache_intent_new ("beat-sync", "audio", track_ref,
                                                          VITRINE_CACHE_BEATS_PROFILE, sync, now));
    }
  return intents;
}

/* The playing track's xesam:url when @track_ref (an intent's) is that track, else NULL. */
char *
vitrine_visualizer_dup_track_url (VitrineVisualizer *self,
                                  const char        *track_ref)
{
  const VitrineMprisPlayer *player;
  g_autofree char *current = NULL;
  double bpm;

  g_return_val_if_fail (VITRINE_IS_VISUALIZER (self), NULL);

  player = vitrine_mpris_first_playing (self->mpris);
  current = g_strndup (_vitrine_visualizer_track (self, &bpm), VITRINE_FEATURE_TRACK_ID - 1);
  if (player == NULL || player->url == NULL || *player->url == '\0' || g_strcmp0 (current, track_ref) != 0)
    return NULL;
  return g_strdup (player->url);
}
