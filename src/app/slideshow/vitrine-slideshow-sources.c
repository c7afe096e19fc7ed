/* vitrine-slideshow-sources.c: where the slideshow's images come from.
 *
 * Sources: the folders given on the command line, else those in settings; with none, the
 * XDG Pictures folder, and when that has no images, the built-in demo set. The image worker
 * scans in batches; the first image is asked for as soon as the first batch arrives. When a
 * scan is done, its folders are watched and the changes polled. The UI process reads no
 * folder itself.
 *
 * Files the worker refuses are skipped for the rest of the run, with their reason kept for
 * --status; when the sources hold no photo, the displays say so.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-slideshow-private.h"

#define CHANGES_POLL_S 2
#define SCAN_RETRY_MS 1000

static const char *const source_names[] = { "folders", "pictures", "demo" };

static void scan_more (VitrineSlideshow *self);

const char *
_vitrine_slideshow_source_name (VitrineSlideshow *self)
{
  return source_names[self->source];
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

  _vitrine_slideshow_emit_sources_changed (self);
  if (!self->scan_done || vitrine_selection_get_size (self->selection) > 0 || self->roots == NULL ||
      self->feed_paths->len > 0)
    {
      _vitrine_slideshow_set_notice (self, NULL);
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
  _vitrine_slideshow_set_notice (self, g_string_free (g_steal_pointer (&notice), FALSE));
}

char *
_vitrine_slideshow_expand_home (const char *folder)
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
choose_roots (VitrineSlideshow       *self,
              VitrineSlideshowSource  source)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) folders = NULL;

  g_clear_pointer (&self->roots, g_strfreev);
  self->source = source;

  switch (source)
    {
    case VITRINE_SLIDESHOW_SOURCE_FOLDERS:
      folders = self->folders_override != NULL ? g_strdupv (self->folders_override)
                                               : g_settings_get_strv (self->sources, "folders");
      for (guint i = 0; folders[i] != NULL; i++)
        {
          g_autofree char *folder = _vitrine_slideshow_expand_home (folders[i]);

          g_strv_builder_add (builder, folder);
        }
      break;
    case VITRINE_SLIDESHOW_SOURCE_PICTURES:
      if (!g_settings_get_boolean (self->sources, "use-pictures-folder") ||
          g_get_user_special_dir (G_USER_DIRECTORY_PICTURES) == NULL)
        return FALSE;
      g_strv_builder_add (builder, g_get_user_special_dir (G_USER_DIRECTORY_PICTURES));
      break;
    case VITRINE_SLIDESHOW_SOURCE_DEMO:
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

/*
 * Every folder the sources may have scanned: the configured ones, else the Pictures folder
 * and the demo set. The image worker's sandbox lets it read these and no others, so they
 * are named before it is asked about any (docs/ARCHITECTURE.md §1).
 */
static void
allow_sources (VitrineSlideshow *self,
               gboolean          configured)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) readable = NULL;

  if (configured)
    {
      g_auto(GStrv) folders = self->folders_override != NULL ? g_strdupv (self->folders_override)
                                                             : g_settings_get_strv (self->sources, "folders");

      for (guint i = 0; folders[i] != NULL; i++)
        {
          g_autofree char *folder = _vitrine_slideshow_expand_home (folders[i]);

          g_strv_builder_add (builder, folder);
        }
    }
  else
    {
      if (g_settings_get_boolean (self->sources, "use-pictures-folder") &&
          g_get_user_special_dir (G_USER_DIRECTORY_PICTURES) != NULL)
        g_strv_builder_add (builder, g_get_user_special_dir (G_USER_DIRECTORY_PICTURES));
      if (g_settings_get_boolean (self->sources, "use-demo-set"))
        {
          g_autofree char *dir = demo_dir ();

          g_strv_builder_add (builder, dir);
        }
    }
  readable = g_strv_builder_end (builder);
  vitrine_supervisor_set_read_only (self->supervisor, VITRINE_WORKER_ROLE_IMAGE,
                                    (const char * const *) readable);
}

static void
problem (VitrineSlideshow *self,
         const char       *text)
{
  if (self->problems->len < VITRINE_SLIDESHOW_MAX_SKIPPED)
    g_ptr_array_add (self->problems, g_strdup (text));
  g_message ("images: %s", text);
}

static gboolean
has_feeds (VitrineSlideshow *self)
{
  g_auto(GStrv) feeds = g_settings_get_strv (self->sources, "feeds");

  return feeds[0] != NULL;
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
  allow_sources (self, configured);
  if (configured)
    choose_roots (self, VITRINE_SLIDESHOW_SOURCE_FOLDERS);
  else if (!choose_roots (self, VITRINE_SLIDESHOW_SOURCE_PICTURES) &&
           !choose_roots (self, VITRINE_SLIDESHOW_SOURCE_DEMO))
    {
      problem (self, "no folders configured, and both the Pictures folder and the demo set are off");
      /* Feeds alone are a source: their images come from VitrineFeeds. */
      if (self->feed_paths->len > 0 || has_feeds (self))
        return;
      _vitrine_slideshow_set_notice (self, g_strdup (_("No photos to show: add a folder in the settings, "
                                                       "or turn on the Pictures folder or the demo set")));
      _vitrine_slideshow_emit_sources_changed (self);
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
  _vitrine_slideshow_ensure_all (self);
  return G_SOURCE_REMOVE;
}

/* The scan and the displays' images are asked for again in a moment: the worker was not
 * there, not the files at fault. */
void
_vitrine_slideshow_retry_later (VitrineSlideshow *self)
{
  if (self->retry_id == 0)
    self->retry_id = g_timeout_add (SCAN_RETRY_MS, retry_cb, self);
}

static void
add_files (VitrineSlideshow   *self,
           const char * const *files)
{
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    if (!g_hash_table_contains (self->skipped_set, files[i]))
      _vitrine_slideshow_add_path (self, files[i]);
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

/* The last batch of a scan: when the Pictures folder had no images, the demo set it is. */
static void
scan_finished (VitrineSlideshow *self)
{
  self->scan_done = TRUE;
  if (vitrine_selection_get_size (self->selection) == 0 && self->source == VITRINE_SLIDESHOW_SOURCE_PICTURES &&
      choose_roots (self, VITRINE_SLIDESHOW_SOURCE_DEMO))
    {
      self->scan_id = 0;
      self->scan_done = FALSE;
      scan_more (self);
    }
  update_notice (self);
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
  gboolean done = FALSE, retry = FALSE;

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
      _vitrine_slideshow_retry_later (self);
      return;
    }

  if (self->first_batch_us == 0)
    self->first_batch_us = g_get_monotonic_time ();
  g_variant_lookup (reply, "scan", "t", &self->scan_id);
  g_variant_lookup (reply, "done", "b", &done);
  g_variant_lookup (reply, "retry", "b", &retry);
  g_variant_lookup (reply, "files", "^a&s", &files);
  add_problems (self, reply);
  self->scan_batches++;
  add_files (self, files);
  _vitrine_slideshow_start_idle_displays (self);

  if (done && retry)
    {
      /* A folder could not be read for a reason of the moment (the worker was out of
       * descriptors), not its own: the scan starts over in a moment. */
      self->scan_id = 0;
      _vitrine_slideshow_emit_sources_changed (self);
      _vitrine_slideshow_retry_later (self);
    }
  else if (done)
    scan_finished (self);
  else
    {
      _vitrine_slideshow_emit_sources_changed (self);
      scan_more (self);
    }
}

static void
scan_more (VitrineSlideshow *self)
{
  g_autoptr(GVariant) request = NULL;

  if (self->scan_in_flight || self->scan_done || self->roots == NULL || self->scan_hold_id != 0)
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

static void request_changes (VitrineSlideshow *self);

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
  gboolean more = FALSE;

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
  g_variant_lookup (reply, "more", "b", &more);
  add_problems (self, reply);
  for (guint i = 0; removed != NULL && removed[i] != NULL; i++)
    _vitrine_slideshow_remove_path (self, removed[i]);
  add_files (self, added);
  _vitrine_slideshow_start_idle_displays (self);
  update_notice (self);
  /* Changes come in pages like scan batches: the next one is asked for at once. */
  if (more)
    request_changes (self);
}

static void
request_changes (VitrineSlideshow *self)
{
  g_autoptr(GVariant) request = NULL;

  if (!self->scan_done || self->scan_id == 0 || self->changes_in_flight)
    return;

  request = g_variant_ref_sink (g_variant_new_parsed ("{'kind': <'changes'>, 'scan': <%t>}", self->scan_id));
  self->changes_in_flight = TRUE;
  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_IMAGE, request,
                                    self->cancellable, changes_done_cb, g_object_ref (self));
}

static gboolean
poll_changes_cb (gpointer user_data)
{
  request_changes (user_data);
  return G_SOURCE_CONTINUE;
}

/* The first scan of the run, then the changes polled. */
void
_vitrine_slideshow_sources_start (VitrineSlideshow *self)
{
  restart_sources (self);
  self->changes_id = g_timeout_add_seconds (CHANGES_POLL_S, poll_changes_cb, self);
}

/* The scan's next batch, when one may go (after a hold, say). */
void
_vitrine_slideshow_scan_more (VitrineSlideshow *self)
{
  scan_more (self);
}

/* Other folders: the worker forgets the old scan, and the new sources are scanned. */
void
_vitrine_slideshow_sources_changed (VitrineSlideshow *self)
{
  g_ptr_array_set_size (self->problems, 0);
  g_clear_handle_id (&self->scan_hold_id, g_source_remove);
  if (self->scan_id != 0)
    {
      g_autoptr(GVariant) end = g_variant_ref_sink (g_variant_new_parsed ("{'kind': <'scan-end'>, 'scan': <%t>}",
                                                                          self->scan_id));

      vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_IMAGE, end, NULL, NULL, NULL);
    }
  _vitrine_slideshow_sources_start (self);
}

void
_vitrine_slideshow_skipped_free (gpointer data)
{
  VitrineSlideshowSkipped *skipped = data;

  g_free (skipped->path);
  g_free (skipped->reason);
  g_free (skipped);
}

/* @path is never asked for again in this run; the newest skips are kept with their reason. */
void
_vitrine_slideshow_skip (VitrineSlideshow *self,
                         const char       *path,
                         const char       *reason)
{
  VitrineSlideshowSkipped *skipped;

  g_message ("images: skipped %s: %s", path, reason);
  if (!g_hash_table_add (self->skipped_set, g_strdup (path)))
    return;
  _vitrine_slideshow_remove_path (self, path);
  if (self->skipped->len >= VITRINE_SLIDESHOW_MAX_SKIPPED)
    g_ptr_array_remove_index (self->skipped, 0);
  skipped = g_new0 (VitrineSlideshowSkipped, 1);
  skipped->path = g_strdup (path);
  skipped->reason = g_strdup (reason);
  g_ptr_array_add (self->skipped, skipped);
}
