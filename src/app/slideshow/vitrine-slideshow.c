/* vitrine-slideshow.c: the slideshow object, its controls, the interval timer and the
 * settings it follows (see the header).
 *
 * The work is split by concern: sources and scans in vitrine-slideshow-sources.c, what each
 * display shows with the cache and prefetching in vitrine-slideshow-display.c, the part of
 * --status in vitrine-slideshow-status.c; vitrine-slideshow-private.h holds what they share.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-slideshow-private.h"

G_DEFINE_FINAL_TYPE (VitrineSlideshow, vitrine_slideshow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SOURCES_CHANGED,
  INTENTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
_vitrine_slideshow_emit_sources_changed (VitrineSlideshow *self)
{
  g_signal_emit (self, signals[SOURCES_CHANGED], 0);
}

void
_vitrine_slideshow_emit_intents_changed (VitrineSlideshow *self)
{
  g_signal_emit (self, signals[INTENTS_CHANGED], 0);
}

/*
 * Whether @folder (as configured: “~/” means the home folder) is among the sources now,
 * and if so whether its first scan is done and how many photos it holds so far.
 */
VitrineSlideshowFolderState
vitrine_slideshow_get_folder_state (VitrineSlideshow *self,
                                    const char       *folder,
                                    guint            *n_photos)
{
  g_autofree char *expanded = NULL;

  g_return_val_if_fail (VITRINE_IS_SLIDESHOW (self), VITRINE_SLIDESHOW_FOLDER_UNUSED);
  g_return_val_if_fail (folder != NULL, VITRINE_SLIDESHOW_FOLDER_UNUSED);

  expanded = _vitrine_slideshow_expand_home (folder);
  if (n_photos != NULL)
    *n_photos = GPOINTER_TO_UINT (g_hash_table_lookup (self->folder_counts, expanded));
  if (self->roots == NULL || !g_strv_contains ((const char * const *) self->roots, expanded))
    return VITRINE_SLIDESHOW_FOLDER_UNUSED;
  return self->scan_done ? VITRINE_SLIDESHOW_FOLDER_SCANNED : VITRINE_SLIDESHOW_FOLDER_SCANNING;
}

/* Takes @notice. */
void
_vitrine_slideshow_set_notice (VitrineSlideshow *self,
                               char             *notice)
{
  g_autofree char *owned = notice;

  if (g_strcmp0 (self->notice, notice) == 0)
    return;
  g_free (self->notice);
  self->notice = g_steal_pointer (&owned);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

/* --- timing and controls ---------------------------------------------------------- */

guint
_vitrine_slideshow_interval (VitrineSlideshow *self)
{
  return self->interval_override > 0 ? self->interval_override
                                     : g_settings_get_uint (self->display_settings, "interval");
}

static gboolean
timer_cb (gpointer user_data)
{
  VitrineSlideshow *self = user_data;

  if (!self->paused)
    _vitrine_slideshow_advance (self, TRUE);
  return G_SOURCE_CONTINUE;
}

void
_vitrine_slideshow_restart_timer (VitrineSlideshow *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->beat_timer_id, g_source_remove);
  if (_vitrine_slideshow_beat_sync_on (self))
    _vitrine_slideshow_beat_timer_start (self);
  else
    self->timer_id = g_timeout_add_seconds (_vitrine_slideshow_interval (self), timer_cb, self);
}

void
vitrine_slideshow_next (VitrineSlideshow *self)
{
  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  _vitrine_slideshow_advance (self, TRUE);
  _vitrine_slideshow_restart_timer (self);
}

void
vitrine_slideshow_previous (VitrineSlideshow *self)
{
  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  _vitrine_slideshow_advance (self, FALSE);
  _vitrine_slideshow_restart_timer (self);
}

void
vitrine_slideshow_set_paused (VitrineSlideshow *self,
                              gboolean          paused)
{
  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  self->paused = paused;
  if (!paused)
    _vitrine_slideshow_restart_timer (self);
}

void
vitrine_slideshow_start (VitrineSlideshow *self)
{
  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  if (self->roots != NULL || self->problems->len > 0)
    return;
  _vitrine_slideshow_restart_timer (self);
  _vitrine_slideshow_hold_scan (self);
  _vitrine_slideshow_sources_start (self);
}

/* --- settings --------------------------------------------------------------------- */

static void
sources_changed_cb (GSettings        *settings,
                    const char       *key,
                    VitrineSlideshow *self)
{
  if (g_str_equal (key, "shuffle"))
    {
      _vitrine_slideshow_set_shuffle (self, g_settings_get_boolean (settings, key));
      return;
    }
  if (g_str_equal (key, "history-size"))
    return;
  /* The feed keys belong to VitrineFeeds; only the share matters here. */
  if (g_str_equal (key, "feed-ratio"))
    {
      _vitrine_slideshow_feed_share_changed (self);
      return;
    }
  if (g_str_has_prefix (key, "feed"))
    return;

  _vitrine_slideshow_reset_selections (self);
  _vitrine_slideshow_sources_changed (self);
  _vitrine_slideshow_emit_intents_changed (self);
}

static void
display_changed_cb (GSettings        *settings,
                    const char       *key,
                    VitrineSlideshow *self)
{
  if (g_str_equal (key, "interval"))
    _vitrine_slideshow_restart_timer (self);
  else if (g_str_equal (key, "beat-sync"))
    {
      _vitrine_slideshow_beat_sync_changed (self);
      _vitrine_slideshow_restart_timer (self);
    }
  else if (g_str_equal (key, "scale-mode") || g_str_equal (key, "sharpen"))
    _vitrine_slideshow_ensure_all (self);
  else if (g_str_equal (key, "ken-burns") || g_str_equal (key, "ken-burns-zoom"))
    {
      _vitrine_slideshow_ensure_all (self);
      _vitrine_slideshow_emit_intents_changed (self);
    }
  else if (g_str_equal (key, "same-image"))
    _vitrine_slideshow_same_image_changed (self);
}

static void
workers_changed_cb (GSettings        *settings,
                    const char       *key,
                    VitrineSlideshow *self)
{
  if (g_str_equal (key, "image-cache-size"))
    vitrine_image_cache_set_budget (self->cache, (gsize) g_settings_get_uint (settings, key) << 20);
}

/* --- object ----------------------------------------------------------------------- */

static void
vitrine_slideshow_dispose (GObject *object)
{
  VitrineSlideshow *self = VITRINE_SLIDESHOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->beat_timer_id, g_source_remove);
  g_clear_handle_id (&self->changes_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->scan_hold_id, g_source_remove);
  if (self->sources != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sources, self);
      g_signal_handlers_disconnect_by_data (self->display_settings, self);
      g_signal_handlers_disconnect_by_data (self->workers, self);
    }
  g_clear_pointer (&self->displays, g_ptr_array_unref);
  if (self->feeds != NULL)
    g_signal_handlers_disconnect_by_data (self->feeds, self);
  g_clear_object (&self->feeds);
  if (self->visualizer != NULL)
    vitrine_visualizer_declare (self->visualizer, "display/beat-sync", NULL);
  g_clear_object (&self->visualizer);
  g_clear_object (&self->supervisor);

  G_OBJECT_CLASS (vitrine_slideshow_parent_class)->dispose (object);
}

static void
vitrine_slideshow_finalize (GObject *object)
{
  VitrineSlideshow *self = VITRINE_SLIDESHOW (object);

  g_clear_object (&self->root);
  g_clear_object (&self->sources);
  g_clear_object (&self->display_settings);
  g_clear_object (&self->transitions);
  g_clear_object (&self->workers);
  g_clear_object (&self->cancellable);
  g_strfreev (self->folders_override);
  g_strfreev (self->roots);
  g_free (self->notice);
  g_free (self->resumed);
  g_ptr_array_unref (self->problems);
  vitrine_selection_free (self->selection);
  vitrine_image_cache_free (self->cache);
  g_hash_table_unref (self->pending);
  g_ptr_array_unref (self->skipped);
  g_hash_table_unref (self->skipped_set);
  g_hash_table_unref (self->folder_counts);
  _vitrine_slideshow_feeds_clear (self);

  G_OBJECT_CLASS (vitrine_slideshow_parent_class)->finalize (object);
}

static void
vitrine_slideshow_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VitrineSlideshow *self = VITRINE_SLIDESHOW (object);

  switch (prop_id)
    {
    case PROP_NOTICE:
      g_value_set_string (value, self->notice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vitrine_slideshow_class_init (VitrineSlideshowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vitrine_slideshow_dispose;
  object_class->finalize = vitrine_slideshow_finalize;
  object_class->get_property = vitrine_slideshow_get_property;

  /**
   * VitrineSlideshow:notice:
   *
   * What the displays should say about the photos (none found, no source), translated;
   * %NULL while there is nothing to say.
   */
  properties[PROP_NOTICE] =
    g_param_spec_string ("notice", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VitrineSlideshow::sources-changed:
   *
   * The sources, a scan's progress or the photos they hold changed: what
   * vitrine_slideshow_get_folder_state() says may differ now.
   */
  signals[SOURCES_CHANGED] =
    g_signal_new ("sources-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * VitrineSlideshow::intents-changed:
   *
   * What vitrine_slideshow_dup_intents() says may differ: a display came, went or changed
   * size, Ken Burns changed its margin, or the sources changed.
   */
  signals[INTENTS_CHANGED] =
    g_signal_new ("intents-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/* What the displays should say about the photos, or %NULL. */
const char *
vitrine_slideshow_get_notice (VitrineSlideshow *self)
{
  g_return_val_if_fail (VITRINE_IS_SLIDESHOW (self), NULL);

  return self->notice;
}

static void
vitrine_slideshow_init (VitrineSlideshow *self)
{
  self->cancellable = g_cancellable_new ();
  self->problems = g_ptr_array_new_with_free_func (g_free);
  self->displays = g_ptr_array_new_with_free_func (_vitrine_slideshow_display_free);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->skipped = g_ptr_array_new_with_free_func (_vitrine_slideshow_skipped_free);
  self->skipped_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->folder_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  _vitrine_slideshow_feeds_init (self);
}

/*
 * @folders and @interval are this run's command line (NULL and 0: from settings).
 */
VitrineSlideshow *
vitrine_slideshow_new (VitrineSupervisor  *supervisor,
                       GSettings          *settings,
                       const char * const *folders,
                       guint               interval_override)
{
  VitrineSlideshow *self = g_object_new (VITRINE_TYPE_SLIDESHOW, NULL);

  self->supervisor = g_object_ref (supervisor);
  self->root = g_object_ref (settings);
  self->sources = g_settings_get_child (settings, "sources");
  self->display_settings = g_settings_get_child (settings, "display");
  self->transitions = g_settings_get_child (settings, "transitions");
  self->workers = g_settings_get_child (settings, "workers");
  self->folders_override = folders != NULL && folders[0] != NULL ? g_strdupv ((char **) folders) : NULL;
  self->interval_override = interval_override;
  self->selection = _vitrine_slideshow_new_selection (self);
  self->cache = vitrine_image_cache_new ((gsize) g_settings_get_uint (self->workers, "image-cache-size") << 20);

  g_signal_connect (self->sources, "changed", G_CALLBACK (sources_changed_cb), self);
  g_signal_connect (self->display_settings, "changed", G_CALLBACK (display_changed_cb), self);
  g_signal_connect (self->workers, "changed", G_CALLBACK (workers_changed_cb), self);
  return self;
}
