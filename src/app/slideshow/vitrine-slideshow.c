/* vitrine-slideshow.c: sources, selection, cache and timing of the images (see the header).
 *
 * Sources: the folders given on the command line, else those in settings; with none, the
 * XDG Pictures folder, and when that has no images, the built-in demo set. The image worker
 * scans in batches; the first image is asked for as soon as the first batch arrives. When a
 * scan is done, its folders are watched and the changes polled.
 *
 * Every display wants one path at a time. Its pixels come from the cache or from a prescale
 * request for the display's size in device pixels; a file that fails is skipped at once
 * (with its reason kept for --status) and the display asks for the next one, while its
 * current image stays on screen. After each change the next images are prefetched.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vitrine-display-policy.h"
#include "vitrine-image-cache.h"
#include "vitrine-selection.h"
#include "vitrine-slideshow.h"

#define CHANGES_POLL_S 2
#define SCAN_RETRY_MS 1000
#define MAX_PENDING 3
#define MAX_SKIPPED 200

typedef enum
{
  SOURCE_FOLDERS,
  SOURCE_PICTURES,
  SOURCE_DEMO,
} SourceKind;

static const char *const source_names[] = { "folders", "pictures", "demo" };

typedef struct
{
  VitrineSlideshow  *self;
  VitrineCompositor *compositor;
  VitrineSelection  *selection;   /* its own, when each display shows its own images */
  char              *wanted;      /* the path this display should show */
  char              *shown_key;   /* the cache key handed to the compositor */
  gint64             start_at;    /* the next transition starts no earlier (monotonic µs) */
  gulong             resize_id;
  gulong             current_id;
} Display;

typedef struct
{
  char *path;
  char *reason;
} Skipped;

struct _VitrineSlideshow
{
  GObject             parent_instance;

  VitrineSupervisor  *supervisor;
  GSettings          *sources;
  GSettings          *display_settings;
  GSettings          *transitions;
  GSettings          *workers;
  char              **folders_override;
  guint               interval_override;
  GCancellable       *cancellable;

  SourceKind          source;
  char              **roots;
  guint64             scan_id;
  gboolean            scan_done;
  gboolean            scan_in_flight;
  guint               scan_serial;       /* bumped when the sources change */
  guint               in_flight_serial;  /* of the scan request on its way */
  gboolean            changes_in_flight;
  guint               scan_batches;
  GPtrArray          *problems;
  guint               changes_id;
  guint               retry_id;

  VitrineSelection   *selection;    /* shared by all displays, when they show the same */
  GPtrArray          *displays;     /* Display */
  VitrineImageCache  *cache;
  GHashTable         *pending;      /* cache key → path of a prescale in flight */
  GPtrArray          *skipped;      /* Skipped */
  GHashTable         *skipped_set;

  gboolean            paused;
  guint               timer_id;
  char               *notice;       /* what the displays should say: no photos, no source */

  /* How many files were known, and whether the scan was done, at the first request. */
  gboolean            first_requested;
  guint               first_request_files;
  gboolean            first_request_scan_done;
};

G_DEFINE_FINAL_TYPE (VitrineSlideshow, vitrine_slideshow, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NOTICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_notice (VitrineSlideshow *self,
            char             *notice)
{
  g_autofree char *owned = notice;

  if (g_strcmp0 (self->notice, notice) == 0)
    return;
  g_free (self->notice);
  self->notice = g_steal_pointer (&owned);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTICE]);
}

/*
 * When the sources are scanned and hold no photo, the displays say so (rather than
 * showing the logo without a word); the latest problem the scan met says why.
 */
static void
update_notice (VitrineSlideshow *self)
{
  g_autoptr(GString) roots = NULL;
  g_autoptr(GString) notice = NULL;

  if (!self->scan_done || vitrine_selection_get_size (self->selection) > 0 || self->roots == NULL)
    {
      set_notice (self, NULL);
      return;
    }
  roots = g_string_new (NULL);
  for (guint i = 0; self->roots[i] != NULL; i++)
    {
      g_autofree char *name = g_filename_display_name (self->roots[i]);

      g_string_append_printf (roots, "%s%s", i > 0 ? ", " : "", name);
    }
  notice = g_string_new (NULL);
  /* Translators: %s is one folder or several, separated by commas */
  g_string_printf (notice, _("No photos found in %s"), roots->str);
  if (self->problems->len > 0)
    g_string_append_printf (notice, "\n%s", (const char *) self->problems->pdata[self->problems->len - 1]);
  set_notice (self, g_string_free (g_steal_pointer (&notice), FALSE));
}

static void ensure (Display *display);
static guint interval (VitrineSlideshow *self);
static void scan_more (VitrineSlideshow *self);

static void
skipped_free (gpointer data)
{
  Skipped *skipped = data;

  g_free (skipped->path);
  g_free (skipped->reason);
  g_free (skipped);
}

static void
display_free (gpointer data)
{
  Display *display = data;

  g_clear_signal_handler (&display->resize_id, display->compositor);
  g_clear_signal_handler (&display->current_id, display->compositor);
  g_clear_object (&display->compositor);
  g_clear_pointer (&display->selection, vitrine_selection_free);
  g_free (display->wanted);
  g_free (display->shown_key);
  g_free (display);
}

static gboolean
same_image (VitrineSlideshow *self)
{
  return g_settings_get_boolean (self->display_settings, "same-image");
}

static VitrineSelection *
selection_of (Display *display)
{
  return display->selection != NULL ? display->selection : display->self->selection;
}

static void
each_selection (VitrineSlideshow *self,
                void (*func) (VitrineSelection *, const char *),
                const char *path)
{
  func (self->selection, path);
  for (guint i = 0; i < self->displays->len; i++)
    {
      Display *display = self->displays->pdata[i];

      if (display->selection != NULL)
        func (display->selection, path);
    }
}

static void
selection_add (VitrineSelection *selection,
               const char       *path)
{
  vitrine_selection_add (selection, path);
}

static void
selection_remove (VitrineSelection *selection,
                  const char       *path)
{
  vitrine_selection_remove (selection, path);
}

static VitrineSelection *
new_selection (VitrineSlideshow *self)
{
  VitrineSelection *selection = vitrine_selection_new (g_random_int ());

  vitrine_selection_set_shuffle (selection, g_settings_get_boolean (self->sources, "shuffle"));
  return selection;
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

/* --- sources ---------------------------------------------------------------------- */

static char *
expand_home (const char *folder)
{
  if (g_str_equal (folder, "~"))
    return g_strdup (g_get_home_dir ());
  if (g_str_has_prefix (folder, "~/"))
    return g_build_filename (g_get_home_dir (), folder + 2, NULL);
  return g_strdup (folder);
}

static char *
demo_dir (void)
{
  const char *dir = g_getenv ("VITRINE_DEMO_DIR");

  return dir != NULL && *dir != '\0' ? g_strdup (dir) : g_build_filename (PKGDATADIR, "demo", NULL);
}

/* The roots for @source; FALSE when that source is switched off or does not exist. */
static gboolean
choose_roots (VitrineSlideshow *self,
              SourceKind        source)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) folders = NULL;

  g_clear_pointer (&self->roots, g_strfreev);
  self->source = source;

  switch (source)
    {
    case SOURCE_FOLDERS:
      folders = self->folders_override != NULL ? g_strdupv (self->folders_override)
                                               : g_settings_get_strv (self->sources, "folders");
      for (guint i = 0; folders[i] != NULL; i++)
        {
          g_autofree char *folder = expand_home (folders[i]);

          g_strv_builder_add (builder, folder);
        }
      break;
    case SOURCE_PICTURES:
      if (!g_settings_get_boolean (self->sources, "use-pictures-folder") ||
          g_get_user_special_dir (G_USER_DIRECTORY_PICTURES) == NULL)
        return FALSE;
      g_strv_builder_add (builder, g_get_user_special_dir (G_USER_DIRECTORY_PICTURES));
      break;
    case SOURCE_DEMO:
    default:
      if (!g_settings_get_boolean (self->sources, "use-demo-set"))
        return FALSE;
      {
        g_autofree char *dir = demo_dir ();

        g_strv_builder_add (builder, dir);
      }
      break;
    }

  self->roots = g_strv_builder_end (builder);
  return self->roots[0] != NULL;
}

static void
problem (VitrineSlideshow *self,
         const char       *text)
{
  if (self->problems->len < MAX_SKIPPED)
    g_ptr_array_add (self->problems, g_strdup (text));
  g_message ("images: %s", text);
}

/* Starts over from the first source that applies. */
static void
restart_sources (VitrineSlideshow *self)
{
  gboolean configured = self->folders_override != NULL;

  if (!configured)
    {
      g_auto(GStrv) folders = g_settings_get_strv (self->sources, "folders");

      configured = folders[0] != NULL;
    }

  self->scan_serial++;
  self->scan_id = 0;
  self->scan_done = FALSE;
  g_clear_handle_id (&self->changes_id, g_source_remove);
  if (configured)
    choose_roots (self, SOURCE_FOLDERS);
  else if (!choose_roots (self, SOURCE_PICTURES) && !choose_roots (self, SOURCE_DEMO))
    {
      problem (self, "no folders configured, and both the Pictures folder and the demo set are off");
      set_notice (self, g_strdup (_("No photos to show: add a folder in the settings, or turn on the Pictures "
                                    "folder or the demo set")));
      return;
    }
  update_notice (self);
  scan_more (self);
}

static gboolean
retry_cb (gpointer user_data)
{
  VitrineSlideshow *self = user_data;

  self->retry_id = 0;
  scan_more (self);
  for (guint i = 0; i < self->displays->len; i++)
    ensure (self->displays->pdata[i]);
  return G_SOURCE_REMOVE;
}

static void
retry_later (VitrineSlideshow *self)
{
  if (self->retry_id == 0)
    self->retry_id = g_timeout_add (SCAN_RETRY_MS, retry_cb, self);
}

static void advance (VitrineSlideshow *self, gboolean forward);

/* Displays that show nothing yet get their first image as soon as there is one. */
static void
start_idle_displays (VitrineSlideshow *self)
{
  for (guint i = 0; i < self->displays->len; i++)
    {
      Display *display = self->displays->pdata[i];

      if (display->wanted == NULL)
        {
          advance (self, TRUE);
          return;
        }
    }
}

static void
add_files (VitrineSlideshow   *self,
           const char * const *files)
{
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    if (!g_hash_table_contains (self->skipped_set, files[i]))
      each_selection (self, selection_add, files[i]);
}

static void
add_problems (VitrineSlideshow *self,
              GVariant         *reply)
{
  g_autofree const char **problems = NULL;

  if (g_variant_lookup (reply, "problems", "^a&s", &problems))
    for (guint i = 0; problems[i] != NULL; i++)
      problem (self, problems[i]);
}

static void
scan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VitrineSlideshow) self = user_data;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **files = NULL;
  gboolean done = FALSE;

  reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, &fds, &error);
  self->scan_in_flight = FALSE;
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (self->in_flight_serial != self->scan_serial)
    {
      /* A batch of the sources before a settings change: the new scan starts now. */
      scan_more (self);
      return;
    }
  if (reply == NULL)
    {
      /* The worker restarted, was busy or is off: the scan starts over in a moment. */
      g_debug ("scan: %s", error->message);
      self->scan_id = 0;
      retry_later (self);
      return;
    }

  g_variant_lookup (reply, "scan", "t", &self->scan_id);
  g_variant_lookup (reply, "done", "b", &done);
  g_variant_lookup (reply, "files", "^a&s", &files);
  add_problems (self, reply);
  self->scan_batches++;
  add_files (self, files);
  start_idle_displays (self);

  if (!done)
    {
      scan_more (self);
      return;
    }

  self->scan_done = TRUE;
  if (vitrine_selection_get_size (self->selection) == 0 && self->source == SOURCE_PICTURES &&
      choose_roots (self, SOURCE_DEMO))
    {
      /* The Pictures folder has no images: the demo set it is. */
      self->scan_id = 0;
      self->scan_done = FALSE;
      scan_more (self);
    }
  update_notice (self);
}

static void
scan_more (VitrineSlideshow *self)
{
  g_autoptr(GVariant) request = NULL;

  if (self->scan_in_flight || self->scan_done || self->roots == NULL)
    return;

  if (self->scan_id == 0)
    request = g_variant_ref_sink (g_variant_new_parsed ("{'kind': <'scan'>, 'roots': <%^as>, 'recursive': <%b>}",
                                                        self->roots,
                                                        g_settings_get_boolean (self->sources, "recursive")));
  else
    request = g_variant_ref_sink (g_variant_new_parsed ("{'kind': <'scan'>, 'scan': <%t>}", self->scan_id));

  self->scan_in_flight = TRUE;
  self->in_flight_serial = self->scan_serial;
  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_IMAGE, request,
                                    self->cancellable, scan_done_cb, g_object_ref (self));
}

static void
changes_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VitrineSlideshow) self = user_data;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **added = NULL;
  g_autofree const char **removed = NULL;

  reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, &fds, &error);
  self->changes_in_flight = FALSE;
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (reply == NULL)
    {
      if (error->domain != VITRINE_SUPERVISOR_ERROR)
        {
          /* The worker forgot the scan (it restarted): scan again; known files stay. */
          g_debug ("changes: %s; scanning again", error->message);
          self->scan_id = 0;
          self->scan_done = FALSE;
          scan_more (self);
        }
      return;
    }

  g_variant_lookup (reply, "added", "^a&s", &added);
  g_variant_lookup (reply, "removed", "^a&s", &removed);
  add_problems (self, reply);
  for (guint i = 0; removed != NULL && removed[i] != NULL; i++)
    each_selection (self, selection_remove, removed[i]);
  add_files (self, added);
  start_idle_displays (self);
  update_notice (self);
}

static gboolean
poll_changes_cb (gpointer user_data)
{
  VitrineSlideshow *self = user_data;
  g_autoptr(GVariant) request = NULL;

  if (!self->scan_done || self->scan_id == 0 || self->changes_in_flight)
    return G_SOURCE_CONTINUE;

  request = g_variant_ref_sink (g_variant_new_parsed ("{'kind': <'changes'>, 'scan': <%t>}", self->scan_id));
  self->changes_in_flight = TRUE;
  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_IMAGE, request,
                                    self->cancellable, changes_done_cb, g_object_ref (self));
  return G_SOURCE_CONTINUE;
}

/* --- images ----------------------------------------------------------------------- */

typedef struct
{
  VitrineSlideshow *self;
  char             *path;
  char             *key;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->self);
  g_free (request->path);
  g_free (request->key);
  g_free (request);
}

/*
 * The size images are prepared at for @display: its size in device pixels, and with Ken
 * Burns on, the margin its zoom needs so that nothing is ever upscaled.
 */
static void
target_size (Display *display,
             guint   *width,
             guint   *height)
{
  GSettings *settings = display->self->display_settings;

  vitrine_compositor_get_device_size (display->compositor, width, height);
  if (g_settings_get_boolean (settings, "ken-burns"))
    {
      double zoom = CLAMP (g_settings_get_double (settings, "ken-burns-zoom"), 1.0, 1.5);

      *width = MIN ((guint) lround (*width * zoom), 16384);
      *height = MIN ((guint) lround (*height * zoom), 16384);
    }
}

static void
show (Display                  *display,
      const char               *key,
      const VitrineCachedImage *image)
{
  if (g_strcmp0 (display->shown_key, key) == 0)
    return;
  g_free (display->shown_key);
  display->shown_key = g_strdup (key);
  vitrine_compositor_show (display->compositor, display->wanted, image->pixels, image->width,
                           image->height, image->stride,
                           g_settings_get_double (display->self->transitions, "duration"),
                           g_settings_get_boolean (display->self->display_settings, "ken-burns")
                             ? interval (display->self) : 0,
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
  g_autoptr(GVariant) variant = NULL;
  Request *request;

  if (g_hash_table_contains (self->pending, key))
    return;

  if (!self->first_requested)
    {
      self->first_requested = TRUE;
      self->first_request_files = vitrine_selection_get_size (self->selection);
      self->first_request_scan_done = self->scan_done;
    }

  variant = g_variant_ref_sink (g_variant_new_parsed (
    "{'kind': <'prescale'>, 'input': <%s>, 'width': <%u>, 'height': <%u>, 'mode': <%u>, "
    "'sharpen': <%b>, 'max-pixels': <%t>, 'cache-key': <%s>}",
    path, (guint32) width, (guint32) height,
    (guint32) g_settings_get_enum (self->display_settings, "scale-mode"),
    g_settings_get_boolean (self->display_settings, "sharpen"),
    (guint64) g_settings_get_uint (self->workers, "image-max-megapixels") * 1000000,
    key));

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
prefetch (Display *display)
{
  VitrineSlideshow *self = display->self;
  guint count = g_settings_get_uint (self->workers, "prefetch-count");
  guint width, height;

  target_size (display, &width, &height);
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
ensure (Display *display)
{
  VitrineSlideshow *self = display->self;
  const VitrineCachedImage *image;
  g_autofree char *key = NULL;
  guint width, height;

  target_size (display, &width, &height);
  if (display->wanted == NULL || width == 0 || height == 0)
    return;

  key = cache_key (self, display->wanted, width, height);
  image = vitrine_image_cache_lookup (self->cache, key);
  if (image != NULL)
    {
      show (display, key, image);
      prefetch (display);
    }
  else
    request_prescale (self, display->wanted, width, height, key);
}

static void
advance_display (Display  *display,
                 gboolean  forward)
{
  VitrineSelection *selection = selection_of (display);
  const char *path = forward ? vitrine_selection_next (selection) : vitrine_selection_previous (selection);

  if (path == NULL)
    return;
  g_free (display->wanted);
  display->wanted = g_strdup (path);
  ensure (display);
}

/*
 * Every display moves on; with the same image everywhere, they move together. Otherwise
 * their transitions start one after the other, VITRINE_DISPLAY_STAGGER_MS apart.
 */
static void
advance (VitrineSlideshow *self,
         gboolean          forward)
{
  const char *path = NULL;
  gint64 now = g_get_monotonic_time ();

  if (self->displays->len == 0)
    return;

  if (same_image (self))
    {
      path = forward ? vitrine_selection_next (self->selection) : vitrine_selection_previous (self->selection);
      if (path == NULL)
        return;
    }

  for (guint i = 0; i < self->displays->len; i++)
    {
      Display *display = self->displays->pdata[i];

      display->start_at = now + vitrine_display_policy_start_delay_ms (i, same_image (self)) * (gint64) 1000;
      if (path != NULL)
        {
          g_free (display->wanted);
          display->wanted = g_strdup (path);
          ensure (display);
        }
      else
        advance_display (display, forward);
    }
}

static void
skip (VitrineSlideshow *self,
      const char       *path,
      const char       *reason)
{
  Skipped *skipped;

  g_message ("images: skipped %s: %s", path, reason);
  if (!g_hash_table_add (self->skipped_set, g_strdup (path)))
    return;
  each_selection (self, selection_remove, path);
  if (self->skipped->len >= MAX_SKIPPED)
    g_ptr_array_remove_index (self->skipped, 0);
  skipped = g_new0 (Skipped, 1);
  skipped->path = g_strdup (path);
  skipped->reason = g_strdup (reason);
  g_ptr_array_add (self->skipped, skipped);
}

/* Displays waiting for @path move on to their next image; their current one stays. */
static void
move_on_from (VitrineSlideshow *self,
              const char       *path)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->displays->len; i++)
    any |= g_strcmp0 (((Display *) self->displays->pdata[i])->wanted, path) == 0;
  if (!any)
    return;

  if (same_image (self))
    advance (self, TRUE);
  else
    for (guint i = 0; i < self->displays->len; i++)
      {
        Display *display = self->displays->pdata[i];

        if (g_strcmp0 (display->wanted, path) == 0)
          advance_display (display, TRUE);
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

  if (reply != NULL)
    pixels = vitrine_supervisor_map_pixels (self->supervisor, VITRINE_WORKER_ROLE_IMAGE, reply, fds,
                                            &header, &error);
  if (pixels == NULL)
    {
      if (error->domain != VITRINE_SUPERVISOR_ERROR)
        {
          /* The file's own fault (the worker's reason), or quarantined: never again. */
          skip (self, request->path, error->message);
          move_on_from (self, request->path);
        }
      else if (g_error_matches (error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_DROPPED) ||
               g_error_matches (error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_UNAVAILABLE) ||
               g_error_matches (error, VITRINE_SUPERVISOR_ERROR, VITRINE_SUPERVISOR_ERROR_STALE))
        {
          /* Not the file's fault: the same image is asked for again shortly. */
          retry_later (self);
        }
      else
        {
          /* The worker died, hung or lied while on it: move on; its poison list decides
           * whether the file is to blame. */
          g_message ("images: %s: %s", request->path, error->message);
          move_on_from (self, request->path);
        }
      goto out;
    }

  vitrine_image_cache_insert (self->cache, request->key, pixels, header.width, header.height,
                              header.stride);
  for (guint i = 0; i < self->displays->len; i++)
    {
      Display *display = self->displays->pdata[i];
      g_autofree char *key = NULL;
      guint width, height;

      target_size (display, &width, &height);
      if (display->wanted == NULL || width == 0)
        continue;
      key = cache_key (self, display->wanted, width, height);
      if (g_str_equal (key, request->key))
        show (display, key, &(VitrineCachedImage) { pixels, header.width, header.height, header.stride });
      prefetch (display);
    }

out:
  request_free (request);
}

/* --- timing and displays ---------------------------------------------------------- */

static guint
interval (VitrineSlideshow *self)
{
  return self->interval_override > 0 ? self->interval_override
                                     : g_settings_get_uint (self->display_settings, "interval");
}

static gboolean
timer_cb (gpointer user_data)
{
  VitrineSlideshow *self = user_data;

  if (!self->paused)
    advance (self, TRUE);
  return G_SOURCE_CONTINUE;
}

static void
restart_timer (VitrineSlideshow *self)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add_seconds (interval (self), timer_cb, self);
}

static void
resize_cb (GtkGLArea *area,
           int        width,
           int        height,
           Display   *display)
{
  ensure (display);
}

static void
current_cb (VitrineCompositor *compositor,
            GParamSpec        *pspec,
            Display           *display)
{
  prefetch (display);
}

void
vitrine_slideshow_add_display (VitrineSlideshow  *self,
                               VitrineCompositor *compositor)
{
  Display *display;

  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  display = g_new0 (Display, 1);
  display->self = self;
  display->compositor = g_object_ref (compositor);
  vitrine_compositor_set_supervisor (compositor, self->supervisor);
  if (!same_image (self))
    {
      /* The shared selection knows every file: this display starts from all of them. */
      display->selection = new_selection (self);
      vitrine_selection_add_all (display->selection, self->selection);
    }
  display->resize_id = g_signal_connect (compositor, "resize", G_CALLBACK (resize_cb), display);
  display->current_id = g_signal_connect (compositor, "notify::current", G_CALLBACK (current_cb), display);
  g_ptr_array_add (self->displays, display);

  if (vitrine_selection_get_size (self->selection) > 0)
    {
      if (same_image (self) && vitrine_selection_get_current (self->selection) != NULL)
        {
          display->wanted = g_strdup (vitrine_selection_get_current (self->selection));
          ensure (display);
        }
      else
        advance_display (display, TRUE);
    }
}

void
vitrine_slideshow_remove_display (VitrineSlideshow  *self,
                                  VitrineCompositor *compositor)
{
  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  for (guint i = 0; i < self->displays->len; i++)
    if (((Display *) self->displays->pdata[i])->compositor == compositor)
      {
        g_ptr_array_remove_index (self->displays, i);
        return;
      }
}

void
vitrine_slideshow_next (VitrineSlideshow *self)
{
  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  advance (self, TRUE);
  restart_timer (self);
}

void
vitrine_slideshow_previous (VitrineSlideshow *self)
{
  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  advance (self, FALSE);
  restart_timer (self);
}

void
vitrine_slideshow_set_paused (VitrineSlideshow *self,
                              gboolean          paused)
{
  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  self->paused = paused;
  if (!paused)
    restart_timer (self);
}

void
vitrine_slideshow_start (VitrineSlideshow *self)
{
  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  if (self->roots != NULL || self->problems->len > 0)
    return;
  restart_sources (self);
  restart_timer (self);
  self->changes_id = g_timeout_add_seconds (CHANGES_POLL_S, poll_changes_cb, self);
}

/* --- settings --------------------------------------------------------------------- */

static void
sources_changed_cb (GSettings        *settings,
                    const char       *key,
                    VitrineSlideshow *self)
{
  if (g_str_equal (key, "shuffle"))
    {
      vitrine_selection_set_shuffle (self->selection, g_settings_get_boolean (settings, key));
      for (guint i = 0; i < self->displays->len; i++)
        {
          Display *display = self->displays->pdata[i];

          if (display->selection != NULL)
            vitrine_selection_set_shuffle (display->selection, g_settings_get_boolean (settings, key));
        }
      return;
    }
  if (g_str_equal (key, "history-size"))
    return;

  /* Other folders: what is on screen stays until the new ones have images. */
  g_clear_pointer (&self->selection, vitrine_selection_free);
  self->selection = new_selection (self);
  for (guint i = 0; i < self->displays->len; i++)
    {
      Display *display = self->displays->pdata[i];

      g_clear_pointer (&display->wanted, g_free);
      if (display->selection != NULL)
        {
          vitrine_selection_free (display->selection);
          display->selection = new_selection (self);
        }
    }
  g_ptr_array_set_size (self->problems, 0);
  if (self->scan_id != 0)
    {
      g_autoptr(GVariant) end = g_variant_ref_sink (g_variant_new_parsed ("{'kind': <'scan-end'>, 'scan': <%t>}",
                                                                          self->scan_id));

      vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_IMAGE, end, NULL, NULL, NULL);
    }
  restart_sources (self);
  self->changes_id = g_timeout_add_seconds (CHANGES_POLL_S, poll_changes_cb, self);
}

static void
display_changed_cb (GSettings        *settings,
                    const char       *key,
                    VitrineSlideshow *self)
{
  if (g_str_equal (key, "interval"))
    restart_timer (self);
  else if (g_str_equal (key, "scale-mode") || g_str_equal (key, "sharpen") ||
           g_str_equal (key, "ken-burns") || g_str_equal (key, "ken-burns-zoom"))
    for (guint i = 0; i < self->displays->len; i++)
      ensure (self->displays->pdata[i]);
  else if (g_str_equal (key, "same-image"))
    for (guint i = 0; i < self->displays->len; i++)
      {
        Display *display = self->displays->pdata[i];

        g_clear_pointer (&display->selection, vitrine_selection_free);
        if (!same_image (self))
          {
            display->selection = new_selection (self);
            vitrine_selection_add_all (display->selection, self->selection);
          }
      }
}

static void
workers_changed_cb (GSettings        *settings,
                    const char       *key,
                    VitrineSlideshow *self)
{
  if (g_str_equal (key, "image-cache-size"))
    vitrine_image_cache_set_budget (self->cache, (gsize) g_settings_get_uint (settings, key) << 20);
}

/* --- status ----------------------------------------------------------------------- */

static void
add_strv (JsonBuilder *builder,
          const char  *name,
          GPtrArray   *array)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; array != NULL && i < array->len; i++)
    json_builder_add_string_value (builder, array->pdata[i]);
  json_builder_end_array (builder);
}

void
vitrine_slideshow_add_status (VitrineSlideshow *self,
                              JsonBuilder      *builder)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer path;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &path))
    g_ptr_array_add (pending, path);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "paused");
  json_builder_add_boolean_value (builder, self->paused);
  json_builder_set_member_name (builder, "interval");
  json_builder_add_int_value (builder, interval (self));
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, source_names[self->source]);
  json_builder_set_member_name (builder, "roots");
  json_builder_begin_array (builder);
  for (guint i = 0; self->roots != NULL && self->roots[i] != NULL; i++)
    json_builder_add_string_value (builder, self->roots[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_add_int_value (builder, vitrine_selection_get_size (self->selection));

  json_builder_set_member_name (builder, "scan");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "done");
  json_builder_add_boolean_value (builder, self->scan_done);
  json_builder_set_member_name (builder, "batches");
  json_builder_add_int_value (builder, self->scan_batches);
  add_strv (builder, "problems", self->problems);
  json_builder_set_member_name (builder, "first_request_files");
  json_builder_add_int_value (builder, self->first_request_files);
  json_builder_set_member_name (builder, "first_request_scan_done");
  json_builder_add_boolean_value (builder, self->first_request_scan_done);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "displays");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->displays->len; i++)
    {
      Display *display = self->displays->pdata[i];
      guint width, height;

      vitrine_compositor_get_device_size (display->compositor, &width, &height);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "current");
      json_builder_add_string_value (builder, vitrine_compositor_get_current (display->compositor));
      json_builder_set_member_name (builder, "wanted");
      json_builder_add_string_value (builder, display->wanted);
      json_builder_set_member_name (builder, "width");
      json_builder_add_int_value (builder, width);
      json_builder_set_member_name (builder, "height");
      json_builder_add_int_value (builder, height);
      json_builder_set_member_name (builder, "compositor");
      vitrine_compositor_add_status (display->compositor, builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "cache");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "entries");
  json_builder_add_int_value (builder, vitrine_image_cache_get_n_entries (self->cache));
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, vitrine_image_cache_get_bytes (self->cache));
  json_builder_set_member_name (builder, "budget");
  json_builder_add_int_value (builder, vitrine_image_cache_get_budget (self->cache));
  json_builder_set_member_name (builder, "evictions");
  json_builder_add_int_value (builder, vitrine_image_cache_get_evictions (self->cache));
  json_builder_end_object (builder);

  add_strv (builder, "pending", pending);

  json_builder_set_member_name (builder, "skipped");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->skipped->len; i++)
    {
      Skipped *skipped = self->skipped->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, skipped->path);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, skipped->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

/* --- object ----------------------------------------------------------------------- */

static void
vitrine_slideshow_dispose (GObject *object)
{
  VitrineSlideshow *self = VITRINE_SLIDESHOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->changes_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->sources != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sources, self);
      g_signal_handlers_disconnect_by_data (self->display_settings, self);
      g_signal_handlers_disconnect_by_data (self->workers, self);
    }
  g_clear_pointer (&self->displays, g_ptr_array_unref);
  g_clear_object (&self->supervisor);

  G_OBJECT_CLASS (vitrine_slideshow_parent_class)->dispose (object);
}

static void
vitrine_slideshow_finalize (GObject *object)
{
  VitrineSlideshow *self = VITRINE_SLIDESHOW (object);

  g_clear_object (&self->sources);
  g_clear_object (&self->display_settings);
  g_clear_object (&self->transitions);
  g_clear_object (&self->workers);
  g_clear_object (&self->cancellable);
  g_strfreev (self->folders_override);
  g_strfreev (self->roots);
  g_free (self->notice);
  g_ptr_array_unref (self->problems);
  vitrine_selection_free (self->selection);
  vitrine_image_cache_free (self->cache);
  g_hash_table_unref (self->pending);
  g_ptr_array_unref (self->skipped);
  g_hash_table_unref (self->skipped_set);

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
  self->displays = g_ptr_array_new_with_free_func (display_free);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->skipped = g_ptr_array_new_with_free_func (skipped_free);
  self->skipped_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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
  self->sources = g_settings_get_child (settings, "sources");
  self->display_settings = g_settings_get_child (settings, "display");
  self->transitions = g_settings_get_child (settings, "transitions");
  self->workers = g_settings_get_child (settings, "workers");
  self->folders_override = folders != NULL && folders[0] != NULL ? g_strdupv ((char **) folders) : NULL;
  self->interval_override = interval_override;
  self->selection = new_selection (self);
  self->cache = vitrine_image_cache_new ((gsize) g_settings_get_uint (self->workers, "image-cache-size") << 20);

  g_signal_connect (self->sources, "changed", G_CALLBACK (sources_changed_cb), self);
  g_signal_connect (self->display_settings, "changed", G_CALLBACK (display_changed_cb), self);
  g_signal_connect (self->workers, "changed", G_CALLBACK (workers_changed_cb), self);
  return self;
}
