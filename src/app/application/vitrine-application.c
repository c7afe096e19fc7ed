/* vitrine-application.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-application-private.h"
#include "vitrine-cache-source-audio.h"
#include "vitrine-cpu-time.h"
#include "vitrine-display-policy.h"
#include "vitrine-display-window.h"
#include "vitrine-settings-file.h"
#include "vitrine-settings-window.h"
#include "vitrine-transition.h"
#include "vitrine-headlines-card.h"
#include "vitrine-media-card.h"
#include "vitrine-overlay-feeds.h"
#include "vitrine-overlay-layer.h"
#include "vitrine-weather-card.h"
#include "vitrine-visualizer-view.h"

G_DEFINE_FINAL_TYPE (VitrineApplication, vitrine_application, GTK_TYPE_APPLICATION)

/* Every settings area; a change in any of them bumps the settings revision. */
static const char * const settings_children[] = {
  "sources", "display", "transitions", "widgets", "visualizer", "accessibility", "workers",
};

VitrineApplication *
vitrine_application_new (void)
{
  return g_object_new (VITRINE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", APP_PATH,
                       NULL);
}

/**
 * vitrine_application_get_settings:
 * @child: (nullable): a settings area such as "display", or %NULL for the root
 *
 * Returns: (transfer none): the application's #GSettings for @child
 */
GSettings *
vitrine_application_get_settings (VitrineApplication *self,
                                  const char         *child)
{
  g_return_val_if_fail (VITRINE_IS_APPLICATION (self), NULL);

  if (child == NULL)
    return self->settings;

  for (guint i = 0; i < G_N_ELEMENTS (settings_children); i++)
    if (g_str_equal (child, settings_children[i]))
      return g_ptr_array_index (self->watched_settings, i);

  g_return_val_if_reached (NULL);
}

/* Returns: (transfer none): the renderer group of the session, shared by every display */
VitrineRendererSession *
vitrine_application_get_renderer_session (VitrineApplication *self)
{
  g_return_val_if_fail (VITRINE_IS_APPLICATION (self), NULL);

  return self->renderer_session;
}

/* Returns: (transfer none) (nullable): the visualizer (MPRIS players, the audio rings),
 * once the displays run */
VitrineVisualizer *
vitrine_application_get_visualizer (VitrineApplication *self)
{
  g_return_val_if_fail (VITRINE_IS_APPLICATION (self), NULL);

  return self->visualizer;
}

/* Returns: (transfer none): the supervisor of the workers */
VitrineSupervisor *
vitrine_application_get_supervisor (VitrineApplication *self)
{
  g_return_val_if_fail (VITRINE_IS_APPLICATION (self), NULL);

  return self->supervisor;
}

guint64
vitrine_application_get_settings_revision (VitrineApplication *self)
{
  g_return_val_if_fail (VITRINE_IS_APPLICATION (self), 0);

  return self->settings_revision;
}

static void
vitrine_application_update_inhibit (VitrineApplication *self)
{
  gboolean want = FALSE;
  GtkWindow *window = NULL;

  if (self->display_windows->len > 0 &&
      g_settings_get_boolean (self->display_settings, "keep-awake"))
    {
      want = TRUE;
      window = g_ptr_array_index (self->display_windows, 0);
    }

  if (want && self->inhibit_cookie == 0)
    self->inhibit_cookie = gtk_application_inhibit (GTK_APPLICATION (self), window,
                                                    GTK_APPLICATION_INHIBIT_IDLE,
                                                    _("Showing a slideshow"));
  else if (!want && self->inhibit_cookie != 0)
    {
      gtk_application_uninhibit (GTK_APPLICATION (self), self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
}

/* A role given up: every display says so, small, until it runs again. */
/* Every display says what the workers and the slideshow have to say, if anything. */
/*
 * Whether the display should say how to choose photos: on a first run, nothing is
 * configured (no folder in the settings or on the command line, so the demo set or the
 * Pictures folder is shown) and the hint was neither followed nor clicked away. Not in
 * screensaver mode, where any key leaves.
 */
gboolean
_vitrine_application_hint_active (VitrineApplication *self)
{
  g_auto(GStrv) folders = NULL;

  if (self->settings == NULL || self->run.screensaver || self->run.folders != NULL ||
      !g_settings_get_boolean (self->settings, "first-run-hint"))
    return FALSE;
  folders = g_settings_get_strv (vitrine_application_get_settings (self, "sources"), "folders");
  return folders[0] == NULL;
}

static void
vitrine_application_update_notices (VitrineApplication *self)
{
  const char *photos = self->slideshow != NULL ? vitrine_slideshow_get_notice (self->slideshow) : NULL;
  g_autofree char *notice = NULL;

  if (self->worker_notice != NULL && photos != NULL)
    notice = g_strconcat (self->worker_notice, "\n", photos, NULL);
  else
    notice = g_strdup (self->worker_notice != NULL ? self->worker_notice : photos);
  /* The first-run hint, last (what is wrong comes first; with no photos found it is all
   * the more the thing to do). */
  if (_vitrine_application_hint_active (self))
    {
      char *with_hint = notice != NULL ? g_strconcat (notice, "\n", _("Press S to choose your photos"), NULL)
                                       : g_strdup (_("Press S to choose your photos"));

      g_free (notice);
      notice = with_hint;
    }
  for (guint i = 0; i < self->display_windows->len; i++)
    vitrine_display_window_set_notice (g_ptr_array_index (self->display_windows, i), notice);
}

/*
 * The longest the first display windows wait for the image worker's handshake before they
 * are shown (it takes 20-40 ms after the spawn on an idle machine).
 */
#define PRESENT_WAIT_MS 300

/* The other workers, one per idle: a spawn costs the main thread a few ms, three at once
 * a frame of the first photo's fade. */
static gboolean
vitrine_application_start_workers_cb (gpointer user_data)
{
  VitrineApplication *self = user_data;

  if (self->workers_next_role < VITRINE_WORKER_N_ROLES)
    {
      vitrine_supervisor_start_first (self->supervisor, self->workers_next_role++);
      return G_SOURCE_CONTINUE;
    }
  self->workers_idle_id = 0;
  vitrine_supervisor_start (self->supervisor);
  return G_SOURCE_REMOVE;
}

/* Shows the display windows held back at start-up (vitrine_application_add_display). */
static gboolean
vitrine_application_present_held_cb (gpointer user_data)
{
  VitrineApplication *self = user_data;

  self->present_hold_id = 0;
  for (guint i = 0; i < self->display_windows->len; i++)
    {
      GtkWindow *window = g_ptr_array_index (self->display_windows, i);

      if (!gtk_widget_get_visible (GTK_WIDGET (window)))
        gtk_window_present (window);
    }
  /* The other workers start after the windows' first frame. */
  self->workers_next_role = 0;
  self->workers_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, vitrine_application_start_workers_cb,
                                           self, NULL);
  return G_SOURCE_REMOVE;
}

static void
vitrine_application_worker_state_cb (VitrineApplication *self,
                                     guint               role,
                                     guint               state,
                                     VitrineSupervisor  *supervisor)
{
  g_autoptr(GString) notice = g_string_new (NULL);

  /* Its handshake answered (or the worker is not coming): the windows held for it are
   * shown once this dispatch has sent the requests that waited for it. */
  if (self->present_hold_id != 0 && role == VITRINE_WORKER_ROLE_IMAGE &&
      state != VITRINE_WORKER_STATE_STARTING)
    {
      g_source_remove (self->present_hold_id);
      self->present_hold_id = g_idle_add_full (G_PRIORITY_DEFAULT, vitrine_application_present_held_cb,
                                               self, NULL);
    }

  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      if (vitrine_supervisor_get_state (supervisor, i) != VITRINE_WORKER_STATE_FAILED)
        continue;
      if (notice->len > 0)
        g_string_append_c (notice, '\n');
      /* Translators: %s is a worker role: image, feed, audio or transition */
      g_string_append_printf (notice, _("The %s worker stopped after repeated failures"),
                              vitrine_worker_role_to_string (i));
    }

  g_free (self->worker_notice);
  self->worker_notice = notice->len > 0 ? g_strdup (notice->str) : NULL;
  vitrine_application_update_notices (self);
}

static void
vitrine_application_settings_changed_cb (VitrineApplication *self,
                                         const char         *key,
                                         GSettings          *settings)
{
  self->settings_revision++;
  g_debug ("settings revision %" G_GUINT64_FORMAT " (%s)", self->settings_revision, key);
}

static void
vitrine_application_display_settings_changed_cb (VitrineApplication *self,
                                                 const char         *key,
                                                 GSettings          *settings)
{
  if (g_str_equal (key, "keep-awake"))
    vitrine_application_update_inhibit (self);
  else if (g_str_equal (key, "monitor-mode") || g_str_equal (key, "monitor-index"))
    {
      g_autoptr(GError) error = NULL;

      if (self->display_windows->len > 0 && !_vitrine_application_sync_displays (self, &error))
        g_warning ("Cannot place display windows: %s", error->message);
    }
}

static GdkMonitor *
vitrine_application_window_monitor (GtkWindow *window)
{
  return vitrine_display_window_get_monitor (VITRINE_DISPLAY_WINDOW (window));
}

static gboolean
vitrine_application_has_window_on (VitrineApplication *self,
                                   GdkMonitor         *monitor)
{
  for (guint i = 0; i < self->display_windows->len; i++)
    if (vitrine_application_window_monitor (g_ptr_array_index (self->display_windows, i)) == monitor)
      return TRUE;

  return FALSE;
}

/*
 * Benchmark hook (VITRINE_STALL_PROBE=SECONDS: record after that many seconds, past
 * startup's GL setup): a 1 ms timer at high priority. Two figures per
 * tick: how much later than due it ran (wall clock: the main loop was busy, or the thread
 * was not scheduled on a loaded machine), and how much CPU time the main thread used since
 * the last tick (work done without returning to the loop: a stall of our own making).
 */
static gboolean
stall_probe_cb (gpointer user_data)
{
  VitrineApplication *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = vitrine_thread_cpu_ns ();

  if (self->stall_last_us != 0 && now >= self->stall_from_us)
    {
      double late = MAX (0.0, (now - self->stall_last_us) / 1000.0 - 1.0);
      double busy = (cpu - self->stall_last_cpu_ns) / 1e6;

      vitrine_latency_histogram_add (self->stalls, late);
      vitrine_latency_histogram_add (self->stalls_cpu, busy);
      if (busy > self->stall_cpu_max)
        {
          self->stall_cpu_max = busy;
          self->stall_cpu_max_at_ms = (now - self->started_at_us) / 1000;
        }
    }
  self->stall_last_us = now;
  self->stall_last_cpu_ns = cpu;
  return G_SOURCE_CONTINUE;
}

static void
vitrine_application_start_stall_probe (VitrineApplication *self)
{
  /* Histograms, not the samples: a soak runs the probe for hours. */
  self->stalls = g_new0 (VitrineLatencyHistogram, 1);
  self->stalls_cpu = g_new0 (VitrineLatencyHistogram, 1);
  self->stall_from_us = g_get_monotonic_time () +
                        (gint64) (g_ascii_strtod (g_getenv ("VITRINE_STALL_PROBE"), NULL) * G_USEC_PER_SEC);
  self->stall_probe_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_probe_cb, self, NULL);
}

/* The slideshow comes with the first display window and lives as long as the app. */
static void
vitrine_application_ensure_slideshow (VitrineApplication *self)
{
  if (self->slideshow != NULL)
    return;
  self->slideshow = vitrine_slideshow_new (self->supervisor, self->settings,
                                           (const char * const *) self->run.folders,
                                           self->run.interval);
  vitrine_slideshow_set_paused (self->slideshow, self->paused);
  self->feeds = vitrine_feeds_new (self->supervisor, self->settings);
  vitrine_slideshow_set_feeds (self->slideshow, self->feeds);
  vitrine_feeds_start (self->feeds);
  g_signal_connect_object (self->slideshow, "notify::notice", G_CALLBACK (vitrine_application_update_notices),
                           self, G_CONNECT_SWAPPED);
  vitrine_slideshow_start (self->slideshow);
  self->visualizer = vitrine_visualizer_new (self->supervisor, self->settings);
  vitrine_slideshow_set_visualizer (self->slideshow, self->visualizer);
  vitrine_visualizer_start (self->visualizer);
  _vitrine_application_caches_connect (self);
}

/* The renderer --renderer asks for, or else the setting. */
VitrineRenderer
_vitrine_application_requested_renderer (VitrineApplication *self)
{
  return self->run.renderer_forced ? self->run.renderer
                                   : (VitrineRenderer) g_settings_get_enum (self->display_settings, "renderer");
}

/* "Preview on the display" needs a display to preview on. */
static void
vitrine_application_update_preview (VitrineApplication *self)
{
  GAction *preview = g_action_map_lookup_action (G_ACTION_MAP (self), "preview-transition");

  if (preview != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (preview), self->display_windows->len > 0);
}

/* The display's overlay layer (docs/ARCHITECTURE.md §8), with the visualizer card in it. */
static void
vitrine_application_add_overlays (VitrineApplication   *self,
                                  VitrineDisplayWindow *window,
                                  GdkMonitor           *monitor)
{
  GSettings *widgets = vitrine_application_get_settings (self, "widgets");
  GtkWidget *layer;

  if (self->overlay_style == NULL)
    self->overlay_style = vitrine_overlay_style_new (self->settings);
  if (self->now_playing == NULL)
    self->now_playing = vitrine_now_playing_new (vitrine_visualizer_get_mpris (self->visualizer),
                                                 self->supervisor, self->settings);
  /* The layer learns its monitor's number again whenever the monitors change. */
  layer = vitrine_overlay_layer_new (self->settings, self->overlay_style,
                                     vitrine_display_window_get_compositor (window),
                                     gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (window))),
                                     monitor, self->run.screensaver);
  vitrine_overlay_layer_set_visualizer (VITRINE_OVERLAY_LAYER (layer), self->visualizer,
                                        vitrine_visualizer_view_new (self->visualizer));
  vitrine_overlay_layer_add_card (VITRINE_OVERLAY_LAYER (layer),
                                  VITRINE_OVERLAY_CARD (vitrine_media_card_new (self->now_playing)));
  /* Hidden until the feeds hand them data (vitrine-overlay-feeds.c). */
  vitrine_overlay_layer_add_card (VITRINE_OVERLAY_LAYER (layer),
                                  VITRINE_OVERLAY_CARD (vitrine_weather_card_new (self->overlay_style, widgets)));
  vitrine_overlay_layer_add_card (VITRINE_OVERLAY_LAYER (layer),
                                  VITRINE_OVERLAY_CARD (vitrine_headlines_card_new (self->overlay_style, widgets)));
  vitrine_overlay_layer_follow_feeds (VITRINE_OVERLAY_LAYER (layer), self->feeds, widgets);
  g_object_set_data (G_OBJECT (window), VITRINE_APPLICATION_LAYER_KEY, layer);
  vitrine_display_window_add_overlay (window, layer);
}

static void
vitrine_application_add_display (VitrineApplication *self,
                                 GdkMonitor         *monitor)
{
  GtkWindow *window;

  /* The session's renderer group starts where asked when the first display opens. The
   * slideshow (which names the folders the image worker may read) and then the workers
   * start before its window, and the first windows are shown only once the image worker
   * has answered its handshake (at most PRESENT_WAIT_MS): until then the main loop is
   * free to answer it, and the first prescale request (the last photo, on a restart, at
   * the window's size hint) goes out with it, so that the worker decodes, or reads its
   * disk cache, while GTK makes the window and its GL context (docs/PERFORMANCE.md, "The
   * disk cache"). The display is what needs workers; a settings window on its own does
   * not, and roles switched off in the settings stay off. */
  if (self->slideshow == NULL)
    {
      vitrine_renderer_session_start (self->renderer_session, _vitrine_application_requested_renderer (self));
      vitrine_application_ensure_slideshow (self);
      vitrine_supervisor_start_first (self->supervisor, VITRINE_WORKER_ROLE_IMAGE);
      if (vitrine_supervisor_get_state (self->supervisor, VITRINE_WORKER_ROLE_IMAGE) == VITRINE_WORKER_STATE_STARTING)
        self->present_hold_id = g_timeout_add (PRESENT_WAIT_MS, vitrine_application_present_held_cb, self);
      else
        vitrine_supervisor_start (self->supervisor);
    }

  window = GTK_WINDOW (vitrine_display_window_new (self, monitor, !self->run.windowed,
                                                   self->run.screensaver));
  g_ptr_array_add (self->display_windows, window);
  vitrine_application_update_preview (self);
  vitrine_application_ensure_slideshow (self);
  /* A window that opens later (a monitor plugged in) says what the others say. */
  vitrine_application_update_notices (self);
  vitrine_slideshow_add_display (self->slideshow,
                                 vitrine_display_window_get_compositor (VITRINE_DISPLAY_WINDOW (window)));
  vitrine_application_add_overlays (self, VITRINE_DISPLAY_WINDOW (window), monitor);
  if (self->present_hold_id == 0)
    gtk_window_present (window);
}

/*
 * Makes the set of display windows match the policy: one fullscreen window per chosen
 * monitor, or a single normal window. Idempotent, so it also serves monitor hot-plug and
 * a change of the monitor settings.
 */
gboolean
_vitrine_application_sync_displays (VitrineApplication  *self,
                                    GError             **error)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  guint n_monitors = g_list_model_get_n_items (monitors);
  g_autoptr(GArray) chosen = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_object_unref);

  chosen = vitrine_display_policy_choose_monitors (n_monitors,
                                                   g_settings_get_enum (self->display_settings,
                                                                        "monitor-mode"),
                                                   g_settings_get_int (self->display_settings,
                                                                       "monitor-index"),
                                                   self->run.monitor,
                                                   self->run.windowed,
                                                   error);
  if (chosen == NULL)
    return FALSE;

  for (guint i = 0; i < chosen->len; i++)
    g_ptr_array_add (wanted, g_list_model_get_item (monitors, g_array_index (chosen, guint, i)));

  /* Close windows whose monitor is gone or no longer chosen. */
  for (guint i = self->display_windows->len; i > 0; i--)
    {
      GtkWindow *window = g_ptr_array_index (self->display_windows, i - 1);
      GdkMonitor *monitor = vitrine_application_window_monitor (window);

      if (monitor != NULL && !g_ptr_array_find (wanted, monitor, NULL))
        gtk_window_destroy (window);
    }

  for (guint i = 0; i < wanted->len; i++)
    if (!vitrine_application_has_window_on (self, g_ptr_array_index (wanted, i)))
      vitrine_application_add_display (self, g_ptr_array_index (wanted, i));

  /* No monitor reported (some compositors before their first configure): one window. */
  if (wanted->len == 0 && self->display_windows->len == 0)
    vitrine_application_add_display (self, NULL);

  vitrine_application_update_inhibit (self);

  return TRUE;
}

static void
vitrine_application_monitors_changed_cb (VitrineApplication *self,
                                         guint               position,
                                         guint               removed,
                                         guint               added,
                                         GListModel         *monitors)
{
  g_autoptr(GError) error = NULL;

  if (self->display_windows->len == 0)
    return;

  if (!_vitrine_application_sync_displays (self, &error))
    g_warning ("Monitors changed, cannot place display windows: %s", error->message);
}

void
vitrine_application_show_displays (VitrineApplication *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (VITRINE_IS_APPLICATION (self));

  if (self->display_windows->len > 0)
    {
      for (guint i = 0; i < self->display_windows->len; i++)
        gtk_window_present (g_ptr_array_index (self->display_windows, i));
      return;
    }

  if (!_vitrine_application_sync_displays (self, &error))
    g_warning ("Cannot place display windows: %s", error->message);
}

void
vitrine_application_show_settings (VitrineApplication *self)
{
  vitrine_application_show_settings_page (self, NULL);
}

/* The settings window, on @page (its name: "sources", "display", …) when not %NULL;
 * on Sources while the first-run hint is shown. */
void
vitrine_application_show_settings_page (VitrineApplication *self,
                                        const char         *page)
{
  g_return_if_fail (VITRINE_IS_APPLICATION (self));

  if (page == NULL && _vitrine_application_hint_active (self))
    page = "sources";
  if (self->settings_window == NULL)
    {
      self->settings_window = GTK_WINDOW (vitrine_settings_window_new (self));
      g_object_add_weak_pointer (G_OBJECT (self->settings_window),
                                 (gpointer *) &self->settings_window);
    }
  if (page != NULL)
    vitrine_settings_window_show_page (VITRINE_SETTINGS_WINDOW (self->settings_window), page);

  gtk_window_present (self->settings_window);
}

/* The slideshow (a VitrineSlideshow), or %NULL before the first display window. */
VitrineSlideshow *
vitrine_application_get_slideshow (VitrineApplication *self)
{
  g_return_val_if_fail (VITRINE_IS_APPLICATION (self), NULL);

  return self->slideshow;
}

/* The feeds (a VitrineFeeds), or %NULL before the first display window. */
VitrineFeeds *
vitrine_application_get_feeds (VitrineApplication *self)
{
  g_return_val_if_fail (VITRINE_IS_APPLICATION (self), NULL);

  return self->feeds;
}

static void
vitrine_application_window_removed (GtkApplication *application,
                                    GtkWindow      *window)
{
  VitrineApplication *self = VITRINE_APPLICATION (application);

  if (g_ptr_array_remove (self->display_windows, window) && self->slideshow != NULL)
    vitrine_slideshow_remove_display (self->slideshow,
                                      vitrine_display_window_get_compositor (VITRINE_DISPLAY_WINDOW (window)));
  vitrine_application_update_inhibit (self);
  vitrine_application_update_preview (self);

  GTK_APPLICATION_CLASS (vitrine_application_parent_class)->window_removed (application, window);
}

static void
vitrine_application_activate (GApplication *application)
{
  vitrine_application_show_displays (VITRINE_APPLICATION (application));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
next_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  VitrineApplication *self = user_data;

  self->n_next++;
  if (self->slideshow != NULL)
    vitrine_slideshow_next (self->slideshow);
}

static void
previous_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  VitrineApplication *self = user_data;

  self->n_previous++;
  if (self->slideshow != NULL)
    vitrine_slideshow_previous (self->slideshow);
}

static void
pause_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  VitrineApplication *self = user_data;

  self->paused = !self->paused;
  g_simple_action_set_state (action, g_variant_new_boolean (self->paused));
  if (self->slideshow != NULL)
    vitrine_slideshow_set_paused (self->slideshow, self->paused);
}

/* Key C: the next transition type, and no more random picks. */
static void
cycle_transition_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  GSettings *transitions = vitrine_application_get_settings (VITRINE_APPLICATION (user_data), "transitions");
  VitrineTransitionType type = g_settings_get_enum (transitions, "type");

  g_settings_set_boolean (transitions, "random", FALSE);
  g_settings_set_enum (transitions, "type", vitrine_transition_next_type (type));
}

static void
settings_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  vitrine_application_show_settings (VITRINE_APPLICATION (user_data));
}

/* The settings' "Preview on the display": the next photo now, with transition @nick, once. */
static void
preview_transition_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  VitrineApplication *self = VITRINE_APPLICATION (user_data);
  VitrineTransitionType type;

  if (!vitrine_transition_from_name (g_variant_get_string (parameter, NULL), &type) || self->slideshow == NULL)
    return;
  for (guint i = 0; i < self->display_windows->len; i++)
    vitrine_compositor_set_next_type (vitrine_display_window_get_compositor (self->display_windows->pdata[i]), type);
  self->n_next++;
  vitrine_slideshow_next (self->slideshow);
}

/* A click on the display: the first-run hint has been seen. */
static void
dismiss_hint_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  VitrineApplication *self = VITRINE_APPLICATION (user_data);

  if (g_settings_get_boolean (self->settings, "first-run-hint"))
    g_settings_set_boolean (self->settings, "first-run-hint", FALSE);
}

/* The settings window on one page ("sources", "display", …). */
static void
settings_page_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  vitrine_application_show_settings_page (VITRINE_APPLICATION (user_data), g_variant_get_string (parameter, NULL));
}

static void
fullscreen_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  VitrineApplication *self = user_data;

  /* From the menu entry's "Start fullscreen": a windowed display becomes fullscreen. */
  if (self->run.windowed)
    {
      self->run.windowed = FALSE;
      while (self->display_windows->len > 0)
        gtk_window_destroy (g_ptr_array_index (self->display_windows, 0));
    }
  vitrine_application_show_displays (self);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "next", next_action },
  { "previous", previous_action },
  { "pause", pause_action, NULL, "false" },
  { "cycle-transition", cycle_transition_action },
  { "settings", settings_action },
  { "settings-page", settings_page_action, "s" },
  { "dismiss-hint", dismiss_hint_action },
  { "preview-transition", preview_transition_action, "s" },
  { "fullscreen", fullscreen_action },
};

static void
vitrine_application_startup (GApplication *application)
{
  VitrineApplication *self = VITRINE_APPLICATION (application);
  g_autoptr(GtkCssProvider) css = NULL;
  const char *worker_path;
  GListModel *monitors;

  G_APPLICATION_CLASS (vitrine_application_parent_class)->startup (application);

  /* GtkApplication does not load a style sheet by itself (AdwApplication would). */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, APP_PATH "style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  vitrine_application_update_preview (self);

  self->settings = g_settings_new (APP_ID);
  /* Settings an older version stored, as it meant them (the dimming's switch). */
  vitrine_settings_file_migrate (self->settings);
  self->watched_settings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (settings_children); i++)
    {
      GSettings *child = g_settings_get_child (self->settings, settings_children[i]);

      g_signal_connect_object (child, "changed",
                               G_CALLBACK (vitrine_application_settings_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->watched_settings, child);
    }
  self->display_settings = g_object_ref (vitrine_application_get_settings (self, "display"));
  g_signal_connect_object (self->display_settings, "changed",
                           G_CALLBACK (vitrine_application_display_settings_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* The first-run hint follows its key and the folders. */
  g_signal_connect_object (self->settings, "changed::first-run-hint",
                           G_CALLBACK (vitrine_application_update_notices), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vitrine_application_get_settings (self, "sources"), "changed::folders",
                           G_CALLBACK (vitrine_application_update_notices), self, G_CONNECT_SWAPPED);

  monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_signal_connect_object (monitors, "items-changed",
                           G_CALLBACK (vitrine_application_monitors_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* VITRINE_WORKER_PATH lets a build tree run its own worker (meson devenv, tests). */
  worker_path = g_getenv ("VITRINE_WORKER_PATH");
  self->supervisor = vitrine_supervisor_new (worker_path != NULL ? worker_path
                                                                 : LIBEXECDIR "/vitrine-worker",
                                             vitrine_application_get_settings (self, "workers"));
  g_signal_connect_object (self->supervisor, "state-changed",
                           G_CALLBACK (vitrine_application_worker_state_cb),
                           self, G_CONNECT_SWAPPED);
  _vitrine_application_caches_init (self);
  /* The audio worker reads the user's tracks for their summaries (docs/caches.md). */
  {
    g_auto(GStrv) music = vitrine_cache_source_audio_dup_readable ();

    vitrine_supervisor_set_read_only (self->supervisor, VITRINE_WORKER_ROLE_AUDIO, (const char * const *) music);
  }

  if (g_getenv ("VITRINE_STALL_PROBE") != NULL)
    vitrine_application_start_stall_probe (self);
  _vitrine_application_memory_start (self);

  /* Test hook: VITRINE_TEST_WORKER_FAULT_<ROLE> injects a fault into that role's workers
   * (see vitrine-worker-faults.h), so tests can crash or stall a worker of the real app. */
  for (guint i = 0; i < VITRINE_WORKER_N_ROLES; i++)
    {
      g_autofree char *role = g_ascii_strup (vitrine_worker_role_to_string (i), -1);
      g_autofree char *name = g_strconcat ("VITRINE_TEST_WORKER_FAULT_", role, NULL);

      if (g_getenv (name) != NULL)
        vitrine_supervisor_set_fault (self->supervisor, i, g_getenv (name));
    }
}

static void
vitrine_application_shutdown (GApplication *application)
{
  VitrineApplication *self = VITRINE_APPLICATION (application);

  if (self->inhibit_cookie != 0)
    {
      gtk_application_uninhibit (GTK_APPLICATION (self), self->inhibit_cookie);
      self->inhibit_cookie = 0;
    }
  g_clear_handle_id (&self->present_hold_id, g_source_remove);
  g_clear_handle_id (&self->workers_idle_id, g_source_remove);
  /* The slideshow's and visualizer's requests end before the workers do. */
  g_clear_object (&self->slideshow);
  g_clear_object (&self->feeds);
  g_clear_object (&self->visualizer);
  g_clear_object (&self->overlay_style);
  g_clear_object (&self->now_playing);
  /* Its jobs end with the workers; the history it still holds is written as it goes. */
  g_clear_object (&self->caches);
  g_clear_object (&self->images_cache);
  if (self->supervisor != NULL)
    vitrine_supervisor_shutdown (self->supervisor);

  G_APPLICATION_CLASS (vitrine_application_parent_class)->shutdown (application);
}

static int
vitrine_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  return _vitrine_application_handle_local (VITRINE_APPLICATION (application), options);
}

static int
vitrine_application_command_line (GApplication            *application,
                                  GApplicationCommandLine *command_line)
{
  return _vitrine_application_command_line (VITRINE_APPLICATION (application), command_line);
}

static void
vitrine_application_finalize (GObject *object)
{
  VitrineApplication *self = VITRINE_APPLICATION (object);

  g_clear_object (&self->slideshow);
  g_clear_object (&self->feeds);
  g_clear_object (&self->visualizer);
  g_clear_object (&self->overlay_style);
  g_clear_object (&self->now_playing);
  g_clear_object (&self->caches);
  g_clear_object (&self->images_cache);
  g_clear_object (&self->supervisor);
  g_clear_object (&self->renderer_session);
  g_clear_handle_id (&self->stall_probe_id, g_source_remove);
  _vitrine_application_memory_stop (self);
  g_clear_pointer (&self->stalls, g_free);
  g_clear_pointer (&self->stalls_cpu, g_free);
  g_clear_pointer (&self->worker_notice, g_free);
  g_clear_object (&self->display_settings);
  g_clear_pointer (&self->watched_settings, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->display_windows, g_ptr_array_unref);
  g_clear_pointer (&self->run.folders, g_strfreev);

  G_OBJECT_CLASS (vitrine_application_parent_class)->finalize (object);
}

static void
vitrine_application_class_init (VitrineApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = vitrine_application_finalize;

  app_class->startup = vitrine_application_startup;
  app_class->shutdown = vitrine_application_shutdown;
  app_class->activate = vitrine_application_activate;
  app_class->handle_local_options = vitrine_application_handle_local_options;
  app_class->command_line = vitrine_application_command_line;

  gtk_app_class->window_removed = vitrine_application_window_removed;
}

static void
vitrine_application_init (VitrineApplication *self)
{
  self->display_windows = g_ptr_array_new ();
  /* Here rather than at startup: the settings window may ask for it before any display
   * opens, and the group starts where asked when the first one does. */
  self->renderer_session = vitrine_renderer_session_new (VITRINE_RENDERER_AUTO);
  self->run.monitor = -1;
  self->started_at_us = g_get_monotonic_time ();

  _vitrine_application_add_options (self);
}
