/* vitrine-slideshow-display.c: what each display shows, the cache and prefetching.
 *
 * With the same image everywhere, one selection is shared by all displays; otherwise each
 * display has its own, started from every known file. Every display wants one path at a
 * time. Its pixels come from the cache or from a prescale request for the display's size in
 * device pixels; a file the worker refuses is skipped at once (with its reason kept for
 * --status) and the display asks for the next one, a failure that is not the file's is
 * tried again later, and the current image stays on screen in every case. After
 * each change the next images are prefetched. Displays that move on together start their
 * transitions one after the other.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vitrine-display-policy.h"
#include "vitrine-slideshow-private.h"

/* Prescale requests in flight at once, so that prefetching never crowds the worker's queue
 * ahead of an image a display waits for. */
#define MAX_PENDING 3

typedef struct
{
  VitrineSlideshow *self;
  char             *path;
  char             *key;
} Request;

static void ensure (VitrineSlideshowDisplay *display);

/* --- selections ------------------------------------------------------------------- */

static gboolean
same_image (VitrineSlideshow *self)
{
  return g_settings_get_boolean (self->display_settings, "same-image");
}

static VitrineSelection *
selection_of (VitrineSlideshowDisplay *display)
{
  return display->selection != NULL ? display->selection : display->self->selection;
}

VitrineSelection *
_vitrine_slideshow_new_selection (VitrineSlideshow *self)
{
  VitrineSelection *selection = vitrine_selection_new (g_random_int ());

  vitrine_selection_set_shuffle (selection, g_settings_get_boolean (self->sources, "shuffle"));
  return selection;
}

/* A display of its own images starts from every file the shared selection knows. */
static VitrineSelection *
new_display_selection (VitrineSlideshow *self)
{
  VitrineSelection *selection = _vitrine_slideshow_new_selection (self);

  vitrine_selection_add_all (selection, self->selection);
  return selection;
}

/* The photos under each root, for the settings window (roots may nest: a photo counts
 * for each root it is under). */
static void
count_path (VitrineSlideshow *self,
            const char       *path,
            int               delta)
{
  for (guint i = 0; self->roots != NULL && self->roots[i] != NULL; i++)
    {
      const char *root = self->roots[i];
      gsize length = strlen (root);
      guint count;

      if (strncmp (path, root, length) != 0 || (path[length] != '/' && root[length - 1] != '/'))
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (self->folder_counts, root));
      if (delta < 0 && count == 0)
        continue;
      g_hash_table_replace (self->folder_counts, g_strdup (root), GUINT_TO_POINTER (count + delta));
    }
}

/* The shared selection knows every file, whether or not the displays use it. */
void
_vitrine_slideshow_add_path (VitrineSlideshow *self,
                             const char       *path)
{
  if (vitrine_selection_add (self->selection, path))
    count_path (self, path, 1);
  for (guint i = 0; i < self->displays->len; i++)
    {
      VitrineSlideshowDisplay *display = self->displays->pdata[i];

      if (display->selection != NULL)
        vitrine_selection_add (display->selection, path);
    }
}

void
_vitrine_slideshow_remove_path (VitrineSlideshow *self,
                                const char       *path)
{
  if (vitrine_selection_remove (self->selection, path) > 0)
    count_path (self, path, -1);
  for (guint i = 0; i < self->displays->len; i++)
    {
      VitrineSlideshowDisplay *display = self->displays->pdata[i];

      if (display->selection != NULL)
        vitrine_selection_remove (display->selection, path);
    }
}

void
_vitrine_slideshow_set_shuffle (VitrineSlideshow *self,
                                gboolean          shuffle)
{
  vitrine_selection_set_shuffle (self->selection, shuffle);
  for (guint i = 0; i < self->displays->len; i++)
    {
      VitrineSlideshowDisplay *display = self->displays->pdata[i];

      if (display->selection != NULL)
        vitrine_selection_set_shuffle (display->selection, shuffle);
    }
}

/* Other sources: every selection starts empty. What is on screen stays until the new
 * sources have images. */
void
_vitrine_slideshow_reset_selections (VitrineSlideshow *self)
{
  g_clear_pointer (&self->selection, vitrine_selection_free);
  self->selection = _vitrine_slideshow_new_selection (self);
  g_hash_table_remove_all (self->folder_counts);
  for (guint i = 0; i < self->displays->len; i++)
    {
      VitrineSlideshowDisplay *display = self->displays->pdata[i];

      g_clear_pointer (&display->wanted, g_free);
      if (display->selection != NULL)
        {
          vitrine_selection_free (display->selection);
          display->selection = _vitrine_slideshow_new_selection (self);
        }
    }
}

void
_vitrine_slideshow_same_image_changed (VitrineSlideshow *self)
{
  for (guint i = 0; i < self->displays->len; i++)
    {
      VitrineSlideshowDisplay *display = self->displays->pdata[i];

      g_clear_pointer (&display->selection, vitrine_selection_free);
      if (!same_image (self))
        display->selection = new_display_selection (self);
    }
}

/* --- images ----------------------------------------------------------------------- */

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_free (request->path);
  g_free (request->key);
  g_free (request);
}

static char *
cache_key (VitrineSlideshow *self,
           const char       *path,
           guint             width,
           guint             height)
{
  return vitrine_image_cache_key (path, width, height,
                                  g_settings_get_enum (self->display_settings, "scale-mode"),
                                  g_settings_get_boolean (self->display_settings, "sharpen"));
}

/*
 * The size images are prepared at for @display: its size in device pixels, and with Ken
 * Burns on, the margin its zoom needs so that nothing is ever upscaled.
 */
void
_vitrine_slideshow_target_size (VitrineSlideshowDisplay *display,
                                guint                   *width,
                                guint                   *height)
{
  GSettings *settings = display->self->display_settings;

  vitrine_compositor_get_device_size (display->compositor, width, height);
  if (g_settings_get_boolean (settings, "ken-burns"))
    {
      double zoom = _vitrine_slideshow_zoom (display->self);

      *width = MIN ((guint) lround (*width * zoom), 16384);
      *height = MIN ((guint) lround (*height * zoom), 16384);
    }
  /* Never larger than the display's GPU takes as one texture: smaller, it is stretched. */
  vitrine_pixel_fit_within (width, height, vitrine_compositor_get_max_texture_size (display->compositor));
}

/* The cache key of what @display wants at its current size, or NULL while it wants
 * nothing or has no size yet. */
static char *
wanted_key (VitrineSlideshowDisplay *display,
            guint                   *width,
            guint                   *height)
{
  _vitrine_slideshow_target_size (display, width, height);
  if (display->wanted == NULL || *width == 0 || *height == 0)
    return NULL;
  return cache_key (display->self, display->wanted, *width, *height);
}

static void
show (VitrineSlideshowDisplay  *display,
      const char               *key,
      const VitrineCachedImage *image)
{
  VitrineSlideshow *self = display->self;

  if (g_strcmp0 (display->shown_key, key) == 0)
    return;
  g_free (display->shown_key);
  display->shown_key = g_strdup (key);
  _vitrine_slideshow_remember (display, display->wanted);
  vitrine_compositor_show (display->compositor, display->wanted, image->pixels, image->width,
                           image->height, image->stride,
                           _vitrine_slideshow_transition_duration (self),
                           g_settings_get_boolean (self->display_settings, "ken-burns")
                             ? _vitrine_slideshow_interval (self) : 0,
                           display->start_at);
}

static void prescale_done_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
request_prescale (VitrineSlideshow *self,
                  const char       *path,
                  guint             width,
                  guint             height,
                  const char       *key)
{
  g_autoptr(GVariant) fields = NULL;
  g_autoptr(GVariant) variant = NULL;
  GVariantDict dict;
  Request *request;

  if (g_hash_table_contains (self->pending, key))
    return;

  if (!self->first_requested)
    {
      self->first_requested = TRUE;
      self->first_request_us = g_get_monotonic_time ();
      self->first_request_files = vitrine_selection_get_size (self->selection);
      self->first_request_scan_done = self->scan_done;
    }

  /* g_variant_dict_init() only reads its initial value: a floating one would leak. */
  fields = g_variant_ref_sink (g_variant_new_parsed (
    "{'kind': <'prescale'>, 'input': <%s>, 'width': <%u>, 'height': <%u>, 'mode': <%u>, "
    "'sharpen': <%b>, 'max-pixels': <%t>, 'cache-key': <%s>}",
    path, (guint32) width, (guint32) height,
    (guint32) g_settings_get_enum (self->display_settings, "scale-mode"),
    g_settings_get_boolean (self->display_settings, "sharpen"),
    (guint64) g_settings_get_uint (self->workers, "image-max-megapixels") * 1000000,
    key));
  g_variant_dict_init (&dict, fields);
  _vitrine_slideshow_disk_fields (self, &dict);
  variant = g_variant_ref_sink (g_variant_dict_end (&dict));

  request = g_new0 (Request, 1);
  request->self = g_object_ref (self);
  request->path = g_strdup (path);
  request->key = g_strdup (key);
  g_hash_table_insert (self->pending, g_strdup (key), g_strdup (path));
  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_IMAGE, variant,
                                    self->cancellable, prescale_done_cb, request);
}

/* Asks for the next images of @display that are neither cached nor on their way. */
static void
prefetch (VitrineSlideshowDisplay *display)
{
  VitrineSlideshow *self = display->self;
  guint count = g_settings_get_uint (self->workers, "prefetch-count");
  guint width, height;

  _vitrine_slideshow_target_size (display, &width, &height);
  if (width == 0 || height == 0)
    return;

  for (guint i = 0; i < count && g_hash_table_size (self->pending) < MAX_PENDING; i++)
    {
      const char *path = vitrine_selection_peek (selection_of (display), i);
      g_autofree char *key = NULL;

      if (path == NULL)
        return;
      key = cache_key (self, path, width, height);
      if (!vitrine_image_cache_contains (self->cache, key))
        request_prescale (self, path, width, height, key);
    }
}

/* Puts the wanted image of @display on screen, from the cache or by asking for it. */
static void
ensure (VitrineSlideshowDisplay *display)
{
  VitrineSlideshow *self = display->self;
  const VitrineCachedImage *image;
  g_autofree char *key = NULL;
  guint width, height;

  key = wanted_key (display, &width, &height);
  if (key == NULL)
    return;

  image = vitrine_image_cache_lookup (self->cache, key);
  if (image != NULL)
    {
      show (display, key, image);
      prefetch (display);
    }
  else
    request_prescale (self, display->wanted, width, height, key);
}

void
_vitrine_slideshow_ensure_all (VitrineSlideshow *self)
{
  for (guint i = 0; i < self->displays->len; i++)
    ensure (self->displays->pdata[i]);
}

static void
want (VitrineSlideshowDisplay *display,
      const char              *path)
{
  g_free (display->wanted);
  display->wanted = g_strdup (path);
  ensure (display);
}

static void
advance_display (VitrineSlideshowDisplay *display,
                 gboolean                 forward)
{
  VitrineSelection *selection = selection_of (display);
  const char *path = forward ? _vitrine_slideshow_next_path (display->self, selection)
                             : vitrine_selection_previous (selection);

  if (path != NULL)
    want (display, path);
}

/*
 * Every display moves on; with the same image everywhere, they move together. Otherwise
 * their transitions start one after the other, VITRINE_DISPLAY_STAGGER_MS apart.
 */
void
_vitrine_slideshow_advance (VitrineSlideshow *self,
                            gboolean          forward)
{
  const char *path = NULL;
  gint64 now = g_get_monotonic_time ();

  if (self->displays->len == 0)
    return;

  if (same_image (self))
    {
      path = forward ? _vitrine_slideshow_next_path (self, self->selection)
                     : vitrine_selection_previous (self->selection);
      if (path == NULL)
        return;
    }

  for (guint i = 0; i < self->displays->len; i++)
    {
      VitrineSlideshowDisplay *display = self->displays->pdata[i];

      display->start_at = MAX (now, self->beat_start_at) +
                          vitrine_display_policy_start_delay_ms (i, same_image (self)) * (gint64) 1000;
      if (path != NULL)
        want (display, path);
      else
        advance_display (display, forward);
    }
}

/* Displays that show nothing yet get their first image as soon as there is one. */
void
_vitrine_slideshow_start_idle_displays (VitrineSlideshow *self)
{
  for (guint i = 0; i < self->displays->len; i++)
    {
      VitrineSlideshowDisplay *display = self->displays->pdata[i];

      if (display->wanted == NULL)
        {
          _vitrine_slideshow_advance (self, TRUE);
          return;
        }
    }
}

/* Displays waiting for @path move on to their next image; their current one stays. */
static void
move_on_from (VitrineSlideshow *self,
              const char       *path)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->displays->len; i++)
    any |= g_strcmp0 (((VitrineSlideshowDisplay *) self->displays->pdata[i])->wanted, path) == 0;
  if (!any)
    return;

  if (same_image (self))
    _vitrine_slideshow_advance (self, TRUE);
  else
    for (guint i = 0; i < self->displays->len; i++)
      {
        VitrineSlideshowDisplay *display = self->displays->pdata[i];

        if (g_strcmp0 (display->wanted, path) == 0)
          advance_display (display, TRUE);
      }
  /* Nothing to move on to yet (a last photo resumed before the scan found any): the
   * display takes the first photo the scan finds. */
  for (guint i = 0; i < self->displays->len; i++)
    {
      VitrineSlideshowDisplay *display = self->displays->pdata[i];

      if (g_strcmp0 (display->wanted, path) == 0)
        g_clear_pointer (&display->wanted, g_free);
    }
}

/*
 * No pixels for @path: whose fault it was decides whether it is ever asked for again. Only
 * the worker's own refusal of the file, or its quarantine, skips it for the run; what the
 * machine, the worker or the pipe did wrong never loses a file (docs/ARCHITECTURE.md §5).
 */
static void
prescale_failed (VitrineSlideshow *self,
                 const char       *path,
                 const GError     *error)
{
  if (vitrine_message_error_blames_input (error))
    {
      /* The file's own fault (the worker's reason), or quarantined: never again. */
      _vitrine_slideshow_skip (self, path, error->message);
      move_on_from (self, path);
    }
  else if (g_error_matches (error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_TIMED_OUT))
    {
      /* A decode past the deadline: the worker was killed for it, and a kill of ours
       * strikes nothing in its poison list. Asked again, the file would cost a restart
       * each time and soon the whole role; so not again this run (listed with the
       * reason), and the next run tries it afresh. */
      g_autofree char *reason = NULL;

      /* Translators: why a photo is skipped; %s is the supervisor's own words, e.g.
       * "hung: request 7 past its 10000 ms deadline" */
      reason = g_strdup_printf (_("took longer than the image deadline (%s)"), error->message);

      _vitrine_slideshow_skip (self, path, reason);
      move_on_from (self, path);
    }
  else if (g_error_matches (error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_WORKER_DIED) ||
           g_error_matches (error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_REJECTED))
    {
      /* The worker died, hung or lied while on it: move on; its poison list decides
       * whether the file is to blame. */
      g_message ("images: %s: %s", path, error->message);
      move_on_from (self, path);
    }
  else
    {
      /* Not the file's fault (a dropped or stale request, a worker that is not there or
       * out of descriptors or memory): the same image is asked for again shortly. */
      g_message ("images: %s: %s; trying again", path, error->message);
      _vitrine_slideshow_retry_later (self);
    }
}

/* New pixels in the cache: the displays that want them show them, and every display
 * prefetches on. */
static void
prescale_arrived (VitrineSlideshow         *self,
                  const char               *arrived_key,
                  const VitrineCachedImage *image)
{
  for (guint i = 0; i < self->displays->len; i++)
    {
      VitrineSlideshowDisplay *display = self->displays->pdata[i];
      g_autofree char *key = NULL;
      guint width, height;

      _vitrine_slideshow_target_size (display, &width, &height);
      if (display->wanted == NULL || width == 0)
        continue;
      key = cache_key (self, display->wanted, width, height);
      if (g_str_equal (key, arrived_key))
        show (display, key, image);
      prefetch (display);
    }
}

static void
prescale_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Request *request = user_data;
  VitrineSlideshow *self = request->self;
  g_auto(VitrinePixelHeader) header = { 0 };
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GBytes) pixels = NULL;

  reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, &fds, &error);
  g_hash_table_remove (self->pending, request->key);
  if (g_cancellable_is_cancelled (self->cancellable))
    goto out;

  if (reply == NULL)
    {
      prescale_failed (self, request->path, error);
      goto out;
    }
  _vitrine_slideshow_disk_reply (self, reply);
  pixels = vitrine_supervisor_map_pixels (self->supervisor, VITRINE_WORKER_ROLE_IMAGE, reply, fds,
                                          &header, &error);
  if (pixels == NULL)
    {
      /* Pixels that failed the display's checks are the worker's lie, not the file's
       * fault (counted as a reject by the supervisor): asked for again shortly. */
      g_message ("images: %s: %s; trying again", request->path, error->message);
      _vitrine_slideshow_retry_later (self);
      goto out;
    }

  if (self->first_arrival_us == 0)
    self->first_arrival_us = g_get_monotonic_time ();
  vitrine_image_cache_insert (self->cache, request->key, pixels, header.width, header.height,
                              header.stride);
  prescale_arrived (self, request->key,
                    &(VitrineCachedImage) { pixels, header.width, header.height, header.stride });

out:
  /* The scan held for a resumed photo goes on once the first reply is in. */
  _vitrine_slideshow_release_scan (self);
  request_free (request);
}

/* --- displays --------------------------------------------------------------------- */

void
_vitrine_slideshow_display_free (gpointer data)
{
  VitrineSlideshowDisplay *display = data;

  g_clear_signal_handler (&display->resize_id, display->compositor);
  g_clear_signal_handler (&display->current_id, display->compositor);
  g_clear_object (&display->compositor);
  g_clear_pointer (&display->selection, vitrine_selection_free);
  g_free (display->wanted);
  g_free (display->shown_key);
  g_free (display);
}

/* Not GtkGLArea::resize, which a display without a GL context never gets. */
static void
device_size_changed_cb (VitrineCompositor       *compositor,
                        guint                    width,
                        guint                    height,
                        VitrineSlideshowDisplay *display)
{
  ensure (display);
  _vitrine_slideshow_emit_intents_changed (display->self);
}

static void
current_cb (VitrineCompositor       *compositor,
            GParamSpec              *pspec,
            VitrineSlideshowDisplay *display)
{
  prefetch (display);
}

void
vitrine_slideshow_add_display (VitrineSlideshow  *self,
                               VitrineCompositor *compositor)
{
  VitrineSlideshowDisplay *display;

  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  display = g_new0 (VitrineSlideshowDisplay, 1);
  display->self = self;
  display->compositor = g_object_ref (compositor);
  vitrine_compositor_set_supervisor (compositor, self->supervisor);
  if (!same_image (self))
    display->selection = new_display_selection (self);
  display->resize_id = g_signal_connect (compositor, "device-size-changed",
                                         G_CALLBACK (device_size_changed_cb), display);
  display->current_id = g_signal_connect (compositor, "notify::current", G_CALLBACK (current_cb), display);
  g_ptr_array_add (self->displays, display);

  if (vitrine_selection_get_size (self->selection) > 0)
    {
      /* With the same image everywhere, a new display joins the others on theirs. */
      if (same_image (self) && vitrine_selection_get_current (self->selection) != NULL)
        want (display, vitrine_selection_get_current (self->selection));
      else
        advance_display (display, TRUE);
    }
  else if (!_vitrine_slideshow_resume (display))
    _vitrine_slideshow_release_scan (self);
  _vitrine_slideshow_emit_intents_changed (self);
}

void
vitrine_slideshow_remove_display (VitrineSlideshow  *self,
                                  VitrineCompositor *compositor)
{
  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  for (guint i = 0; i < self->displays->len; i++)
    if (((VitrineSlideshowDisplay *) self->displays->pdata[i])->compositor == compositor)
      {
        g_ptr_array_remove_index (self->displays, i);
        _vitrine_slideshow_emit_intents_changed (self);
        return;
      }
}
