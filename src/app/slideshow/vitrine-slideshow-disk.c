/* vitrine-slideshow-disk.c: the slideshow and the image worker's disk cache
 * (docs/ARCHITECTURE.md §10). With `workers/disk-cache` on, prescale requests ask the
 * worker to read and write the cache (within `disk-cache-size`), the photo each display
 * shows is remembered in the root key `last-photos`, and at the next start each display
 * asks for its last photo first, before the folder scan has found anything, when it is
 * still under a configured source. The slideshow also says what it needs from the image
 * cache as intents (one per display and source root) for the cache manager.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-cache-intent.h"
#include "vitrine-slideshow-private.h"
#include "vitrine-status.h"

#define LAST_PHOTOS_KEY "last-photos"
/* Displays whose last photo is kept; more are rare, and the key stays small. */
#define MAX_REMEMBERED 16

gboolean
_vitrine_slideshow_disk_on (VitrineSlideshow *self)
{
  return g_settings_get_boolean (self->workers, "disk-cache");
}

/* The Ken Burns zoom the images are prepared for, 1.0 when Ken Burns is off. */
double
_vitrine_slideshow_zoom (VitrineSlideshow *self)
{
  if (!g_settings_get_boolean (self->display_settings, "ken-burns"))
    return 1.0;
  return CLAMP (g_settings_get_double (self->display_settings, "ken-burns-zoom"), 1.0, 1.5);
}

/* The disk cache's fields of a prescale request, when the cache is on. */
void
_vitrine_slideshow_disk_fields (VitrineSlideshow *self,
                                GVariantDict     *request)
{
  if (!_vitrine_slideshow_disk_on (self))
    return;
  g_variant_dict_insert (request, "disk", "b", TRUE);
  g_variant_dict_insert (request, "disk-budget", "t",
                         (guint64) g_settings_get_uint (self->workers, "disk-cache-size") << 20);
  g_variant_dict_insert (request, "zoom", "d", _vitrine_slideshow_zoom (self));
}

/* Counts what the disk cache did for a prescale reply. */
void
_vitrine_slideshow_disk_reply (VitrineSlideshow *self,
                               GVariant         *reply)
{
  const char *outcome = NULL;

  if (!g_variant_lookup (reply, "disk", "&s", &outcome))
    return;
  if (g_str_equal (outcome, "hit"))
    self->disk_hits++;
  else if (g_str_equal (outcome, "stored"))
    self->disk_stored++;
  else if (g_str_equal (outcome, "failed"))
    self->disk_failed++;
}

static int
display_index (VitrineSlideshowDisplay *display)
{
  GPtrArray *displays = display->self->displays;

  for (guint i = 0; i < displays->len; i++)
    if (displays->pdata[i] == display)
      return (int) i;
  return -1;
}

/* @display shows @path now: remembered for the next start, with the disk cache on. */
void
_vitrine_slideshow_remember (VitrineSlideshowDisplay *display,
                             const char              *path)
{
  VitrineSlideshow *self = display->self;
  g_auto(GStrv) last = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  int index = display_index (display);
  guint length;

  if (path == NULL || index < 0 || index >= MAX_REMEMBERED || !_vitrine_slideshow_disk_on (self))
    return;
  last = g_settings_get_strv (self->root, LAST_PHOTOS_KEY);
  length = g_strv_length (last);
  if ((guint) index < length && g_str_equal (last[index], path))
    return;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < MAX ((guint) index + 1, length) && i < MAX_REMEMBERED; i++)
    g_strv_builder_add (builder, (int) i == index ? path : i < length ? last[i] : "");
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->root, LAST_PHOTOS_KEY, (const char * const *) updated);
}

static gboolean
under_a_root (VitrineSlideshow *self,
              const char       *path)
{
  for (guint i = 0; self->roots != NULL && self->roots[i] != NULL; i++)
    {
      const char *root = self->roots[i];
      gsize length = strlen (root);

      if (length > 0 && strncmp (path, root, length) == 0 && (path[length] == '/' || root[length - 1] == '/'))
        return TRUE;
    }
  return FALSE;
}

/*
 * A display that joins before the scan has found anything asks for the photo it showed
 * last, when the disk cache is on and that photo is under a source now. TRUE when it did.
 * The file is not looked at here (the display process reads no photo): a photo that is
 * gone fails like any other and the display moves on.
 */
gboolean
_vitrine_slideshow_resume (VitrineSlideshowDisplay *display)
{
  VitrineSlideshow *self = display->self;
  g_auto(GStrv) last = NULL;
  int index = display_index (display);

  if (index < 0 || display->wanted != NULL || !_vitrine_slideshow_disk_on (self))
    return FALSE;
  last = g_settings_get_strv (self->root, LAST_PHOTOS_KEY);
  if ((guint) index >= g_strv_length (last) || last[index][0] != '/' || !under_a_root (self, last[index]))
    return FALSE;
  g_free (self->resumed);
  self->resumed = g_strdup (last[index]);
  display->wanted = g_strdup (last[index]);
  _vitrine_slideshow_ensure_all (self);
  return TRUE;
}

/* The longest the scan waits for a resumed photo: a display that never gets a size. */
#define SCAN_HOLD_MS 2000

static gboolean
scan_hold_cb (gpointer user_data)
{
  VitrineSlideshow *self = user_data;

  self->scan_hold_id = 0;
  _vitrine_slideshow_scan_more (self);
  return G_SOURCE_REMOVE;
}

/*
 * At the start, with the disk cache on and a last photo remembered: the folder scan's
 * first batch waits until that photo's prescale is answered (or a display joined without
 * resuming, or SCAN_HOLD_MS passed). Sent together, the two shared the worker and the
 * machine, and the remembered photo, a disk cache hit of about 11 ms, came back only
 * with the first batch, 100 ms later (docs/PERFORMANCE.md, "The disk cache").
 */
void
_vitrine_slideshow_hold_scan (VitrineSlideshow *self)
{
  g_auto(GStrv) last = NULL;
  gboolean any = FALSE;

  if (self->scan_hold_id != 0 || !_vitrine_slideshow_disk_on (self))
    return;
  last = g_settings_get_strv (self->root, LAST_PHOTOS_KEY);
  for (guint i = 0; last[i] != NULL; i++)
    any |= last[i][0] == '/';
  if (any)
    self->scan_hold_id = g_timeout_add (SCAN_HOLD_MS, scan_hold_cb, self);
}

/* The resumed photo is answered, or none will be asked for: the scan goes on. */
void
_vitrine_slideshow_release_scan (VitrineSlideshow *self)
{
  if (self->scan_hold_id == 0)
    return;
  g_clear_handle_id (&self->scan_hold_id, g_source_remove);
  _vitrine_slideshow_scan_more (self);
}

void
_vitrine_slideshow_add_disk_status (VitrineSlideshow *self,
                                    JsonBuilder      *builder)
{
  vitrine_status_begin_object (builder, "disk_cache");
  vitrine_status_boolean (builder, "enabled", _vitrine_slideshow_disk_on (self));
  vitrine_status_int (builder, "hits", self->disk_hits);
  vitrine_status_int (builder, "stored", self->disk_stored);
  vitrine_status_int (builder, "failed", self->disk_failed);
  vitrine_status_string (builder, "resumed", self->resumed);
  vitrine_status_end_object (builder);
}

/* --- intents ----------------------------------------------------------------------- */

/**
 * vitrine_slideshow_dup_intents:
 *
 * What the displays need from the image cache now: for each display with a size and each
 * source root, an intent of element "display-N:ROOT" (one element per root), cache
 * "images", track_ref the root, profile "display" and the descriptor "scaled:WxH" of the
 * display's target size.
 *
 * Returns: (transfer full): a GPtrArray of VitrineCacheIntent
 */
GPtrArray *
vitrine_slideshow_dup_intents (VitrineSlideshow *self)
{
  GPtrArray *intents = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_cache_intent_free);
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (VITRINE_IS_SLIDESHOW (self), intents);

  for (guint i = 0; i < self->displays->len; i++)
    {
      g_autofree char *descriptor = NULL;
      guint width = 0, height = 0;

      _vitrine_slideshow_target_size (self->displays->pdata[i], &width, &height);
      if (width == 0 || height == 0)
        continue;
      descriptor = g_strdup_printf ("scaled:%ux%u", width, height);
      for (guint r = 0; self->roots != NULL && self->roots[r] != NULL; r++)
        {
          const char *descriptors[] = { descriptor, NULL };
          /* One intent per element on the bus: a display with two roots is two elements. */
          g_autofree char *element = g_strdup_printf ("display-%u:%s", i, self->roots[r]);

          g_ptr_array_add (intents, vitrine_cache_intent_new (element, "images", self->roots[r], "display",
                                                              descriptors, now));
        }
    }
  return intents;
}
