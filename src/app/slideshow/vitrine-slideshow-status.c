/* vitrine-slideshow-status.c: the slideshow's part of `vitrine --status`: timing, sources
 * and scans, what each display shows, the cache, the prescales in flight and the skipped
 * files with their reasons.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-slideshow-private.h"
#include "vitrine-status.h"

/* An array of the strings in @array (a GPtrArray is not NULL-terminated). */
static void
add_strings (JsonBuilder *builder,
             const char  *name,
             GPtrArray   *array)
{
  vitrine_status_begin_array (builder, name);
  for (guint i = 0; i < array->len; i++)
    vitrine_status_string (builder, NULL, array->pdata[i]);
  vitrine_status_end_array (builder);
}

static void
add_scan (VitrineSlideshow *self,
          JsonBuilder      *builder)
{
  vitrine_status_begin_object (builder, "scan");
  vitrine_status_boolean (builder, "done", self->scan_done);
  vitrine_status_int (builder, "batches", self->scan_batches);
  add_strings (builder, "problems", self->problems);
  vitrine_status_int (builder, "first_request_files", self->first_request_files);
  vitrine_status_boolean (builder, "first_request_scan_done", self->first_request_scan_done);
  /* When the first prescale was asked for (monotonic µs), 0 before. */
  vitrine_status_int (builder, "first_request_us", self->first_request_us);
  vitrine_status_int (builder, "first_arrival_us", self->first_arrival_us);
  /* When the scan's first batch came in, 0 before: after the first arrival when a
   * remembered photo was resumed (the scan waits for it, vitrine-slideshow-disk.c). */
  vitrine_status_int (builder, "first_batch_us", self->first_batch_us);
  vitrine_status_end_object (builder);
}

static void
add_displays (VitrineSlideshow *self,
              JsonBuilder      *builder)
{
  vitrine_status_begin_array (builder, "displays");
  for (guint i = 0; i < self->displays->len; i++)
    {
      VitrineSlideshowDisplay *display = self->displays->pdata[i];
      guint width, height;

      vitrine_compositor_get_device_size (display->compositor, &width, &height);
      vitrine_status_begin_object (builder, NULL);
      vitrine_status_string (builder, "current", vitrine_compositor_get_current (display->compositor));
      vitrine_status_string (builder, "wanted", display->wanted);
      vitrine_status_int (builder, "width", width);
      vitrine_status_int (builder, "height", height);
      vitrine_compositor_add_status (display->compositor, builder);
      vitrine_status_end_object (builder);
    }
  vitrine_status_end_array (builder);
}

static void
add_cache (VitrineSlideshow *self,
           JsonBuilder      *builder)
{
  vitrine_status_begin_object (builder, "cache");
  vitrine_status_int (builder, "entries", vitrine_image_cache_get_n_entries (self->cache));
  vitrine_status_int (builder, "bytes", vitrine_image_cache_get_bytes (self->cache));
  vitrine_status_int (builder, "budget", vitrine_image_cache_get_budget (self->cache));
  vitrine_status_int (builder, "evictions", vitrine_image_cache_get_evictions (self->cache));
  vitrine_status_end_object (builder);
  _vitrine_slideshow_add_disk_status (self, builder);
}

/* The paths of the prescales in flight. */
static void
add_pending (VitrineSlideshow *self,
             JsonBuilder      *builder)
{
  GHashTableIter iter;
  gpointer path;

  vitrine_status_begin_array (builder, "pending");
  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, NULL, &path))
    vitrine_status_string (builder, NULL, path);
  vitrine_status_end_array (builder);
}

static void
add_skipped (VitrineSlideshow *self,
             JsonBuilder      *builder)
{
  vitrine_status_begin_array (builder, "skipped");
  for (guint i = 0; i < self->skipped->len; i++)
    {
      VitrineSlideshowSkipped *skipped = self->skipped->pdata[i];

      vitrine_status_begin_object (builder, NULL);
      vitrine_status_string (builder, "path", skipped->path);
      vitrine_status_string (builder, "reason", skipped->reason);
      vitrine_status_end_object (builder);
    }
  vitrine_status_end_array (builder);
}

/* Beat sync: whether it is on, how many changes fell on a downbeat, the latest (monotonic s). */
static void
add_beat_sync (VitrineSlideshow *self,
               JsonBuilder      *builder)
{
  vitrine_status_begin_object (builder, "beat_sync");
  vitrine_status_boolean (builder, "on", _vitrine_slideshow_beat_sync_on (self));
  vitrine_status_int (builder, "changes", self->beat_changes);
  vitrine_status_double (builder, "last_change", self->last_beat_change);
  vitrine_status_double (builder, "transition", _vitrine_slideshow_transition_duration (self));
  vitrine_status_end_object (builder);
}

/* Adds the member "slideshow" to the object @builder is in. */
void
vitrine_slideshow_add_status (VitrineSlideshow *self,
                              JsonBuilder      *builder)
{
  g_return_if_fail (VITRINE_IS_SLIDESHOW (self));

  vitrine_status_begin_object (builder, "slideshow");
  vitrine_status_boolean (builder, "paused", self->paused);
  vitrine_status_int (builder, "interval", _vitrine_slideshow_interval (self));
  vitrine_status_string (builder, "source", _vitrine_slideshow_source_name (self));
  vitrine_status_strv (builder, "roots", (const char * const *) self->roots);
  vitrine_status_int (builder, "files", vitrine_selection_get_size (self->selection));
  add_scan (self, builder);
  add_beat_sync (self, builder);
  add_displays (self, builder);
  add_cache (self, builder);
  add_pending (self, builder);
  add_skipped (self, builder);
  vitrine_status_end_object (builder);
}
