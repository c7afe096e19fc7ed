/* vitrine-image-worker.c: the image role. It prescales image files for the display
 * (request kind "prescale", through the disk cache when asked), lists and dismisses the
 * disk cache's entries ("cache-list", "cache-dismiss"), scans and watches folders ("scan",
 * "changes", "scan-end") and answers the probes every worker knows through the base
 * class. The offline --prescale mode runs the same code.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>
#include <unistd.h>

#include "vitrine-disk-cache-format.h"
#include "vitrine-folder-scan.h"
#include "vitrine-image-disk-cache.h"
#include "vitrine-image-worker.h"
#include "vitrine-pixel-header.h"

/* Scans the display has going; each is used by one request at a time. */
#define MAX_SCANS 8
#define MAX_PROBLEMS_PER_REPLY 16

typedef struct
{
  VitrineFolderScan *scan;
  gboolean           busy;
} ScanEntry;

struct _VitrineImageWorker
{
  VitrineWorker  parent_instance;

  GMutex         lock;
  GHashTable    *scans;      /* guint64 id → ScanEntry */
  guint64        last_scan_id;
  VitrineImageDiskCache *disk;  /* at first use */
};

G_DEFINE_FINAL_TYPE (VitrineImageWorker, vitrine_image_worker, VITRINE_TYPE_WORKER)

/* The prescaled pixels back to straight alpha, saved as PNG. */
static gboolean
save_png (const VitrinePrescaled       *prescaled,
          const VitrinePrescaleParams  *params,
          const char                   *output,
          GError                      **error)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8,
                                                params->target_width, params->target_height);
  gsize size = (gsize) prescaled->stride * params->target_height;
  g_autoptr(GBytes) bytes = NULL;
  const guint8 *data;
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);

  /* Sealed, so read back through the same checked mapping the display uses. */
  bytes = vitrine_memfd_map_sealed (vitrine_memfd_writer_get_fd (prescaled->pixels),
                                    VITRINE_MEMFD_REQUIRED_SEALS, size, size, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, NULL);

  for (guint y = 0; y < params->target_height; y++)
    for (guint x = 0; x < params->target_width; x++)
      {
        const guint8 *in = data + (gsize) y * prescaled->stride + (gsize) x * 4;
        guint8 *out = pixels + (gsize) y * rowstride + (gsize) x * 4;
        guint a = in[3];

        for (guint c = 0; c < 3; c++)
          out[c] = a == 0 ? 0 : MIN (255u, (in[c] * 255u + a / 2) / a);
        out[3] = a;
      }
  return gdk_pixbuf_save (pixbuf, output, "png", error, NULL);
}

/*
 * The offline mode: prescale @path as the live worker would and describe the result as one
 * JSON object in @json; with @output, also save the pixels as PNG there.
 */
gboolean
vitrine_image_worker_prescale_file (const char                  *path,
                                    const VitrinePrescaleParams *params,
                                    const char                  *output,
                                    GString                     *json,
                                    GError                     **error)
{
  g_auto(VitrinePrescaled) prescaled = { 0 };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  if (!vitrine_image_prescale (path, params, &prescaled, NULL, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  if (output != NULL && !save_png (&prescaled, params, output, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source_width");
  json_builder_add_int_value (builder, prescaled.source_width);
  json_builder_set_member_name (builder, "source_height");
  json_builder_add_int_value (builder, prescaled.source_height);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, params->target_width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, params->target_height);
  json_builder_set_member_name (builder, "stride");
  json_builder_add_int_value (builder, prescaled.stride);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, prescaled.format);
  json_builder_set_member_name (builder, "orientation");
  json_builder_add_int_value (builder, prescaled.orientation);
  json_builder_set_member_name (builder, "sharpened");
  json_builder_add_boolean_value (builder, prescaled.sharpened);
  json_builder_set_member_name (builder, "decode_ms");
  json_builder_add_double_value (builder, prescaled.decode_ms);
  json_builder_set_member_name (builder, "scale_ms");
  json_builder_add_double_value (builder, prescaled.scale_ms);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_string_append (json, text);
  g_string_append_c (json, '\n');
  return TRUE;
}

/* The largest cache-list reply, well under the image role's 64 KiB message cap. */
#define CACHE_LIST_MAX_BYTES (40 * 1024)
#define CACHE_LIST_MAX_ENTRIES 256

/* The disk cache, opened at first use. */
static VitrineImageDiskCache *
disk_cache (VitrineImageWorker *self)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (self->disk == NULL)
    {
      g_autofree char *dir = vitrine_image_disk_cache_default_dir ();

      self->disk = vitrine_image_disk_cache_new (dir);
    }
  return self->disk;
}

/* The revision of the profile a request names (its mode, sharpen and zoom) with this
 * process's decoder. */
static char *
request_revision (GVariant *request)
{
  guint32 mode = VITRINE_SCALE_MODE_FILL;
  gboolean sharpen = FALSE;
  double zoom = 1.0;

  g_variant_lookup (request, "mode", "u", &mode);
  g_variant_lookup (request, "sharpen", "b", &sharpen);
  g_variant_lookup (request, "zoom", "d", &zoom);
  return vitrine_image_profile_revision (MIN (mode, VITRINE_SCALE_MODE_SHRINK), sharpen, zoom,
                                         gdk_pixbuf_version);
}

typedef struct
{
  gboolean  use;           /* 'disk' */
  gboolean  store_only;    /* 'store-only': decode, store, no pixels in the reply */
  guint64   budget;        /* 'disk-budget' */
  char     *key;
  char     *revision;
  const char *outcome;     /* hit, stored, off, failed */
} DiskUse;

static void
disk_use_clear (DiskUse *use)
{
  g_free (use->key);
  g_free (use->revision);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DiskUse, disk_use_clear)

/* Prescales @path for @params through the disk cache as @use says: a hit when it may read
 * it, else a decode, stored when it may write it. */
static gboolean
prescale_cached (VitrineImageWorker          *self,
                 const char                  *path,
                 const VitrinePrescaleParams *params,
                 DiskUse                     *use,
                 VitrinePrescaled            *prescaled,
                 GCancellable                *cancellable,
                 GError                     **error)
{
  g_autoptr(GError) store_error = NULL;
  VitrineDiskSource source = { 0 };
  gboolean stat_ok;

  use->outcome = "off";
  if (!use->use && !use->store_only)
    return vitrine_image_prescale (path, params, prescaled, cancellable, error);

  stat_ok = vitrine_disk_source_stat (path, &source);
  if (stat_ok && !use->store_only &&
      vitrine_image_disk_cache_lookup (disk_cache (self), use->key, use->revision, &source,
                                       params->target_width, params->target_height, prescaled))
    {
      use->outcome = "hit";
      return TRUE;
    }
  if (!vitrine_image_prescale (path, params, prescaled, cancellable, error))
    return FALSE;
  use->outcome = "failed";
  if (stat_ok && vitrine_image_disk_cache_store (disk_cache (self), use->key, use->revision, &source,
                                                 prescaled, params->target_width, params->target_height,
                                                 use->budget, &store_error))
    use->outcome = "stored";
  else if (store_error != NULL)
    g_debug ("disk cache: %s: %s", path, store_error->message);
  return TRUE;
}

/*
 * "prescale": {input: path, width, height, mode, sharpen, max-pixels, cache-key, and for
 * the disk cache disk b, disk-budget t (bytes), zoom d, store-only b} → the pixels in a
 * sealed memfd with their header, the source's figures, disk s (hit, stored, off, failed)
 * and revision s; store-only (regeneration) always decodes, writes the entry and replies
 * without pixels or fd. Failures carry the reason the display shows in its diagnostics.
 */
static GVariant *
prescale (VitrineImageWorker  *self,
          GVariant            *request,
          GUnixFDList         *fds,
          GCancellable        *cancellable,
          GError             **error)
{
  g_auto(VitrinePrescaled) prescaled = { 0 };
  g_auto(DiskUse) use = { 0 };
  VitrinePixelHeader header = { 0 };
  VitrinePrescaleParams params;
  const char *path = NULL, *cache_key = "";
  guint32 width = 0, height = 0, mode = VITRINE_SCALE_MODE_FILL;
  int fd, index;

  if (!g_variant_lookup (request, "input", "&s", &path) ||
      !g_variant_lookup (request, "width", "u", &width) ||
      !g_variant_lookup (request, "height", "u", &height) ||
      width == 0 || height == 0 || width > VITRINE_PIXEL_MAX_SIDE || height > VITRINE_PIXEL_MAX_SIDE ||
      (g_variant_lookup (request, "mode", "u", &mode) && mode > VITRINE_SCALE_MODE_SHRINK))
    {
      g_set_error_literal (error, VITRINE_WORKER_ERROR, VITRINE_WORKER_ERROR_BAD_REQUEST,
                           "prescale needs input, width and height from 1 to 16384, and a known mode");
      return NULL;
    }
  vitrine_prescale_params_init (&params, width, height, mode);
  g_variant_lookup (request, "sharpen", "b", &params.sharpen);
  g_variant_lookup (request, "max-pixels", "t", &params.max_pixels);
  g_variant_lookup (request, "cache-key", "&s", &cache_key);
  g_variant_lookup (request, "disk", "b", &use.use);
  g_variant_lookup (request, "store-only", "b", &use.store_only);
  use.budget = G_MAXUINT64;
  g_variant_lookup (request, "disk-budget", "t", &use.budget);
  use.key = vitrine_disk_cache_key (path, width, height);
  use.revision = request_revision (request);

  if (!prescale_cached (self, path, &params, &use, &prescaled, cancellable, error))
    return NULL;
  if (use.store_only)
    return g_variant_new_parsed ("{'disk': <%s>, 'revision': <%s>, 'source-width': <%u>, "
                                 "'source-height': <%u>, 'decode-ms': <%d>}",
                                 use.outcome, use.revision, (guint32) prescaled.source_width,
                                 (guint32) prescaled.source_height, prescaled.decode_ms);

  header.width = width;
  header.height = height;
  header.stride = prescaled.stride;
  header.format = (char *) VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED;
  header.producer_pid = getpid ();
  header.timestamp_us = g_get_monotonic_time ();
  header.cache_key = (char *) cache_key;

  fd = vitrine_memfd_writer_steal_fd (prescaled.pixels);
  index = g_unix_fd_list_append (fds, fd, error);
  close (fd);
  if (index < 0)
    return NULL;

  return g_variant_new_parsed ("{'pixels': %v, 'fd': <%i>, 'source-width': <%u>, "
                               "'source-height': <%u>, 'decode-ms': <%d>, 'scale-ms': <%d>, "
                               "'disk': <%s>, 'revision': <%s>}",
                               vitrine_pixel_header_to_variant (&header), index,
                               (guint32) prescaled.source_width, (guint32) prescaled.source_height,
                               prescaled.decode_ms, prescaled.scale_ms, use.outcome, use.revision);
}

/*
 * "cache-list": {root s ("" all), mode u, sharpen b, zoom d, offset u, limit u (at most
 * 256)} → {revision s (the one those settings want now), total u, bytes t, entries aa{sv}
 * (key, path, width, height, revision, bytes t, created x, used x (Unix seconds),
 * source-ok b)}, sorted by key, a page within 40 KiB. "cache-dismiss": {keys as} →
 * {removed u}.
 */
static GVariant *
cache_request (VitrineImageWorker  *self,
               const char          *kind,
               GVariant            *request)
{
  g_autofree const char **keys = NULL;
  g_autofree char *revision = NULL;
  g_autoptr(GVariant) page = NULL;
  GVariantDict dict;
  const char *root = "";
  guint32 offset = 0, limit = CACHE_LIST_MAX_ENTRIES;

  if (g_str_equal (kind, "cache-dismiss"))
    {
      if (!g_variant_lookup (request, "keys", "^a&s", &keys))
        keys = NULL;
      return g_variant_new_parsed ("{'removed': <%u>}",
                                   (guint32) vitrine_image_disk_cache_dismiss (disk_cache (self), keys));
    }

  g_variant_lookup (request, "root", "&s", &root);
  g_variant_lookup (request, "offset", "u", &offset);
  g_variant_lookup (request, "limit", "u", &limit);
  revision = request_revision (request);
  page = g_variant_ref_sink (vitrine_image_disk_cache_list (disk_cache (self), root, offset,
                                                            CLAMP (limit, 1, CACHE_LIST_MAX_ENTRIES),
                                                            CACHE_LIST_MAX_BYTES));
  g_variant_dict_init (&dict, page);
  g_variant_dict_insert (&dict, "revision", "s", revision);
  return g_variant_dict_end (&dict);
}

static void
scan_entry_free (gpointer data)
{
  ScanEntry *entry = data;

  vitrine_folder_scan_free (entry->scan);
  g_free (entry);
}

/* Batches stay far below the image role's 64 KiB message cap, and come back quickly. */
static const VitrineScanBudget scan_budget = {
  .max_files = 512,
  .max_bytes = 40 * 1024,
  .budget_us = 50 * 1000,
};

/* Marks the scan @id busy and returns it; NULL with an error when there is none or it is
 * in use by another request. */
static VitrineFolderScan *
claim_scan (VitrineImageWorker  *self,
            guint64              id,
            GError             **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  ScanEntry *entry = g_hash_table_lookup (self->scans, &id);

  if (entry == NULL || entry->busy)
    {
      g_set_error (error, VITRINE_WORKER_ERROR, VITRINE_WORKER_ERROR_BAD_REQUEST,
                   entry == NULL ? "no scan %" G_GUINT64_FORMAT " (ended, or the worker restarted)"
                                 : "scan %" G_GUINT64_FORMAT " is busy with another request", id);
      return NULL;
    }
  entry->busy = TRUE;
  return entry->scan;
}

static void
release_scan (VitrineImageWorker *self,
              guint64             id)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  ScanEntry *entry = g_hash_table_lookup (self->scans, &id);

  if (entry != NULL)
    entry->busy = FALSE;
}

/* A new scan's id; the oldest idle scan makes room when there are too many. */
static guint64
add_scan (VitrineImageWorker *self,
          VitrineFolderScan  *scan)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  ScanEntry *entry = g_new0 (ScanEntry, 1);
  guint64 *key = g_new (guint64, 1);

  if (g_hash_table_size (self->scans) >= MAX_SCANS)
    {
      GHashTableIter iter;
      guint64 *oldest = NULL;
      gpointer k, v;

      g_hash_table_iter_init (&iter, self->scans);
      while (g_hash_table_iter_next (&iter, &k, &v))
        if (!((ScanEntry *) v)->busy && (oldest == NULL || *(guint64 *) k < *oldest))
          oldest = k;
      if (oldest != NULL)
        g_hash_table_remove (self->scans, oldest);
    }

  entry->scan = scan;
  *key = ++self->last_scan_id;
  entry->busy = TRUE;
  g_hash_table_insert (self->scans, key, entry);
  return *key;
}

static GVariant *
strv_variant (GPtrArray *array,
              guint      max)
{
  return g_variant_new_strv ((const char * const *) array->pdata, MIN (array->len, max));
}

/*
 * "scan": {roots: as, recursive: b} starts a scan, {scan: t} continues one. Each reply is
 * a batch {scan, files, done, problems}; when done, the scan's folders are watched and
 * "changes" {scan} reports {added, removed, more, problems}, one page within the same
 * budget as a batch (more: another page is waiting). "scan-end" {scan} forgets it.
 */
static GVariant *
scan (VitrineImageWorker  *self,
      const char          *kind,
      GVariant            *request,
      GCancellable        *cancellable,
      GError             **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree const char **roots = NULL;
  VitrineFolderScan *folder_scan;
  gboolean recursive = TRUE, done = FALSE, more = FALSE;
  guint64 id = 0;
  GVariant *reply;

  g_variant_lookup (request, "scan", "t", &id);
  if (g_str_equal (kind, "scan-end"))
    {
      g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
      ScanEntry *entry = g_hash_table_lookup (self->scans, &id);

      if (entry != NULL && !entry->busy)
        g_hash_table_remove (self->scans, &id);
      return g_variant_new_parsed ("@a{sv} {}");
    }

  if (id == 0 && g_str_equal (kind, "scan"))
    {
      if (!g_variant_lookup (request, "roots", "^a&s", &roots))
        {
          g_set_error_literal (error, VITRINE_WORKER_ERROR, VITRINE_WORKER_ERROR_BAD_REQUEST,
                               "scan needs roots or a scan id");
          return NULL;
        }
      g_variant_lookup (request, "recursive", "b", &recursive);
      folder_scan = vitrine_folder_scan_new (roots, recursive);
      id = add_scan (self, folder_scan);
    }
  else if ((folder_scan = claim_scan (self, id, error)) == NULL)
    return NULL;

  if (g_str_equal (kind, "scan"))
    {
      done = vitrine_folder_scan_next (folder_scan, &scan_budget, files, cancellable);
      if (done)
        vitrine_folder_scan_watch (folder_scan);
    }
  else
    more = vitrine_folder_scan_take_changes (folder_scan, &scan_budget, files, removed);
  problems = vitrine_folder_scan_take_problems (folder_scan);
  release_scan (self, id);

  if (g_str_equal (kind, "scan"))
    reply = g_variant_new_parsed ("{'scan': <%t>, 'files': <%@as>, 'done': <%b>, 'problems': <%@as>, "
                                  "'retry': <%b>}",
                                  id, strv_variant (files, G_MAXUINT), done,
                                  strv_variant (problems, MAX_PROBLEMS_PER_REPLY),
                                  done && vitrine_folder_scan_met_transient (folder_scan));
  else
    reply = g_variant_new_parsed ("{'scan': <%t>, 'added': <%@as>, 'removed': <%@as>, 'more': <%b>, "
                                  "'problems': <%@as>}",
                                  id, strv_variant (files, G_MAXUINT), strv_variant (removed, G_MAXUINT),
                                  more, strv_variant (problems, MAX_PROBLEMS_PER_REPLY));
  return reply;
}

static GVariant *
vitrine_image_worker_process (VitrineWorker  *worker,
                              const char     *kind,
                              GVariant       *request,
                              GUnixFDList    *fds,
                              GCancellable   *cancellable,
                              GError        **error)
{
  if (g_str_equal (kind, "prescale"))
    return prescale (VITRINE_IMAGE_WORKER (worker), request, fds, cancellable, error);
  if (g_str_equal (kind, "cache-list") || g_str_equal (kind, "cache-dismiss"))
    return cache_request (VITRINE_IMAGE_WORKER (worker), kind, request);
  if (g_str_equal (kind, "scan") || g_str_equal (kind, "changes") || g_str_equal (kind, "scan-end"))
    return scan (VITRINE_IMAGE_WORKER (worker), kind, request, cancellable, error);

  return VITRINE_WORKER_CLASS (vitrine_image_worker_parent_class)->process (worker, kind, request,
                                                                           fds, cancellable, error);
}

static void
vitrine_image_worker_finalize (GObject *object)
{
  VitrineImageWorker *self = VITRINE_IMAGE_WORKER (object);

  g_hash_table_unref (self->scans);
  g_clear_pointer (&self->disk, vitrine_image_disk_cache_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (vitrine_image_worker_parent_class)->finalize (object);
}

static void
vitrine_image_worker_class_init (VitrineImageWorkerClass *klass)
{
  VitrineWorkerClass *worker_class = VITRINE_WORKER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = vitrine_image_worker_finalize;

  worker_class->role = VITRINE_WORKER_ROLE_IMAGE;
  worker_class->process = vitrine_image_worker_process;
}

static void
vitrine_image_worker_init (VitrineImageWorker *self)
{
  g_mutex_init (&self->lock);
  self->scans = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, scan_entry_free);
}
