/* vitrine-image-prescale.c: decode, orient, scale, crop or letterbox, premultiply.
 *
 * GdkPixbuf does the decoding with the loader named by the file's signature. A JPEG is
 * asked for its scaled size while its header is read, so libjpeg decodes at a reduced DCT
 * scale; other formats decode in full and are scaled here. The pixel-count cap is checked
 * from the header, before any pixel memory exists.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <string.h>

#include "vitrine-image-geometry.h"
#include "vitrine-image-prescale.h"
#include "vitrine-image-probe.h"

#define READ_CHUNK (64 * 1024)

G_DEFINE_QUARK (vitrine-image-error-quark, vitrine_image_error)

typedef struct
{
  const VitrinePrescaleParams *params;
  gboolean                     hint_size;
  gboolean                     transposes;
  gboolean                     too_large;
  guint                        raw_width;
  guint                        raw_height;
  guint                        rows_done;    /* how far area-updated has reached */
  gboolean                     jpeg_ended;   /* an end-of-image marker in the final chunk */
} Load;

void
vitrine_prescale_params_init (VitrinePrescaleParams *params,
                              guint                  width,
                              guint                  height,
                              VitrineScaleMode       mode)
{
  *params = (VitrinePrescaleParams) {
    .target_width = width,
    .target_height = height,
    .mode = mode,
    .max_pixels = VITRINE_IMAGE_DEFAULT_MAX_PIXELS,
  };
}

void
vitrine_prescaled_clear (VitrinePrescaled *prescaled)
{
  g_clear_pointer (&prescaled->pixels, vitrine_memfd_writer_free);
}

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  Load            *load)
{
  const VitrinePrescaleParams *params = load->params;
  VitrineImagePlacement placement;

  load->raw_width = MAX (width, 0);
  load->raw_height = MAX (height, 0);
  if (width <= 0 || height <= 0 || (guint64) width * (guint64) height > params->max_pixels)
    {
      /* A size of 0 × 0 makes the loader stop before it allocates anything. */
      load->too_large = width > 0 && height > 0;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }
  if (!load->hint_size)
    return;

  if (load->transposes)
    vitrine_image_place (height, width, params->target_width, params->target_height,
                         params->mode, &placement);
  else
    vitrine_image_place (width, height, params->target_width, params->target_height,
                         params->mode, &placement);
  if (placement.scale < 1.0)
    {
      if (load->transposes)
        gdk_pixbuf_loader_set_size (loader, placement.scaled_height, placement.scaled_width);
      else
        gdk_pixbuf_loader_set_size (loader, placement.scaled_width, placement.scaled_height);
    }
}

static void
area_updated_cb (GdkPixbufLoader *loader,
                 int              x,
                 int              y,
                 int              width,
                 int              height,
                 Load            *load)
{
  load->rows_done = MAX (load->rows_done, (guint) MAX (0, y + height));
}

/*
 * Loaders hand back whatever they decoded when the data ends early, so truncation is
 * checked here: a JPEG must end with its end-of-image marker (it cannot occur inside the
 * entropy-coded data), and formats decoded row by row must have reached the last row.
 */
static gboolean
check_complete (const Load  *load,
                const char  *format,
                GdkPixbuf   *pixbuf,
                GError     **error)
{
  guint height = gdk_pixbuf_get_height (pixbuf);

  if (g_strcmp0 (format, "image/jpeg") == 0 && !load->jpeg_ended)
    {
      g_set_error_literal (error, VITRINE_IMAGE_ERROR, VITRINE_IMAGE_ERROR_CORRUPT,
                           "corrupt or truncated image (the JPEG data ends early)");
      return FALSE;
    }
  if ((g_strcmp0 (format, "image/png") == 0 || g_strcmp0 (format, "image/bmp") == 0) &&
      load->rows_done < height)
    {
      g_set_error (error, VITRINE_IMAGE_ERROR, VITRINE_IMAGE_ERROR_CORRUPT,
                   "corrupt or truncated image (only %u of %u rows decoded)",
                   load->rows_done, height);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_too_large (const Load  *load,
               GError     **error)
{
  g_set_error (error, VITRINE_IMAGE_ERROR, VITRINE_IMAGE_ERROR_TOO_LARGE,
               "too large: %u × %u is %.0f megapixels, over the limit of %.0f",
               load->raw_width, load->raw_height,
               (double) load->raw_width * load->raw_height / 1e6,
               (double) load->params->max_pixels / 1e6);
  return FALSE;
}

/* A loader for the MIME type the signature named, or, without one, GdkPixbuf's guess. */
static GdkPixbufLoader *
loader_for_format (const char  *format,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GdkPixbufLoader *loader;

  /* Formats without a signature we know (icons, SVG, …): GdkPixbuf guesses. */
  if (format == NULL)
    return gdk_pixbuf_loader_new ();

  loader = gdk_pixbuf_loader_new_with_mime_type (format, &local_error);
  if (loader == NULL)
    g_set_error (error, VITRINE_IMAGE_ERROR, VITRINE_IMAGE_ERROR_UNKNOWN_FORMAT,
                 "no image loader for %s is installed", format);
  return loader;
}

/*
 * Writes the file to @loader: the @n_probe bytes already read into @probe (taken over and
 * freed after the first write, so only one buffer is alive), then chunk after chunk. Stops
 * at the end, at a loader error (in @loader_error) or once the header is too large. FALSE
 * only when reading fails (in @error).
 */
static gboolean
feed_loader (GdkPixbufLoader  *loader,
             GInputStream     *stream,
             guint8           *probe,
             gsize             n_probe,
             Load             *load,
             GCancellable     *cancellable,
             GError          **loader_error,
             GError          **error)
{
  g_autofree guint8 *buffer = probe;
  gsize n_read = n_probe;
  guint8 last_byte = 0;
  gboolean first = TRUE;
  gssize got;

  while (n_read > 0)
    {
      /* The marker may straddle two chunks. */
      load->jpeg_ended = memmem (buffer, n_read, "\xff\xd9", 2) != NULL ||
                         (last_byte == 0xff && buffer[0] == 0xd9);
      last_byte = buffer[n_read - 1];
      if (!gdk_pixbuf_loader_write (loader, buffer, n_read, loader_error) || load->too_large)
        break;
      if (first)
        {
          first = FALSE;
          g_clear_pointer (&buffer, g_free);
          buffer = g_malloc (READ_CHUNK);
        }
      got = g_input_stream_read (stream, buffer, READ_CHUNK, cancellable, error);
      if (got < 0)
        return FALSE;
      n_read = got;
    }
  return TRUE;
}

/*
 * Failures that say nothing about the file: the process or the machine ran out of
 * descriptors or memory, or is busy. They keep their own domain, so that the display asks
 * for the file again later instead of skipping it; VITRINE_IMAGE_ERROR alone blames the
 * file (docs/ARCHITECTURE.md §5).
 */
static gboolean
is_machine_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_OPEN_FILES) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_INSUFFICIENT_MEMORY);
}

/* A loader's own error as ours: an unknown type, or else a corrupt image; one that is the
 * machine's, as it is. */
static void
set_loader_error (const GError  *loader_error,
                  GError       **error)
{
  int code = g_error_matches (loader_error, GDK_PIXBUF_ERROR, GDK_PIXBUF_ERROR_UNKNOWN_TYPE)
               ? VITRINE_IMAGE_ERROR_UNKNOWN_FORMAT : VITRINE_IMAGE_ERROR_CORRUPT;

  if (is_machine_error (loader_error))
    {
      g_propagate_error (error, g_error_copy (loader_error));
      return;
    }
  g_set_error (error, VITRINE_IMAGE_ERROR, code,
               code == VITRINE_IMAGE_ERROR_UNKNOWN_FORMAT ? "not an image Vitrine can read (%s)"
                                                          : "corrupt or truncated image (%s)",
               loader_error->message);
}

/* The closed loader's image, if it has 8-bit RGB(A) pixels and they are complete. */
static GdkPixbuf *
loaded_pixbuf (GdkPixbufLoader  *loader,
               const Load       *load,
               const char       *format,
               GError          **error)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);

  if (pixbuf == NULL || gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 ||
      (gdk_pixbuf_get_n_channels (pixbuf) != 3 && gdk_pixbuf_get_n_channels (pixbuf) != 4))
    {
      g_set_error_literal (error, VITRINE_IMAGE_ERROR, VITRINE_IMAGE_ERROR_CORRUPT,
                           "corrupt or truncated image (no pixels decoded)");
      return NULL;
    }
  if (!check_complete (load, format, pixbuf, error))
    return NULL;
  return g_object_ref (pixbuf);
}

/* Feeds the file to a loader chosen by its first bytes; returns the decoded image. */
static GdkPixbuf *
decode (GFile                       *file,
        const VitrinePrescaleParams *params,
        VitrinePrescaled            *out,
        Load                        *load,
        GCancellable                *cancellable,
        GError                     **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree guint8 *buffer = g_malloc (VITRINE_IMAGE_PROBE_BYTES);
  gsize n_read = 0;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, VITRINE_IMAGE_PROBE_BYTES,
                                &n_read, cancellable, error))
    return NULL;
  if (n_read == 0)
    {
      g_set_error_literal (error, VITRINE_IMAGE_ERROR, VITRINE_IMAGE_ERROR_EMPTY, "empty file");
      return NULL;
    }

  out->format = vitrine_image_probe_format (buffer, n_read);
  loader = loader_for_format (out->format, error);
  if (loader == NULL)
    return NULL;

  load->params = params;
  load->hint_size = g_strcmp0 (out->format, "image/jpeg") == 0;
  out->orientation = load->hint_size ? vitrine_image_probe_jpeg_orientation (buffer, n_read) : 1;
  load->transposes = vitrine_image_orientation_transposes (out->orientation);
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), load);
  g_signal_connect (loader, "area-updated", G_CALLBACK (area_updated_cb), load);

  if (!feed_loader (loader, G_INPUT_STREAM (stream), g_steal_pointer (&buffer), n_read, load,
                    cancellable, &local_error, error))
    {
      gdk_pixbuf_loader_close (loader, NULL);
      return NULL;
    }

  if (local_error == NULL && !load->too_large)
    gdk_pixbuf_loader_close (loader, &local_error);
  else
    gdk_pixbuf_loader_close (loader, NULL);

  if (load->too_large)
    return set_too_large (load, error), NULL;
  if (local_error != NULL)
    {
      set_loader_error (local_error, error);
      return NULL;
    }
  return loaded_pixbuf (loader, load, out->format, error);
}

/* Only regular files: a FIFO or device would block or never end. */
static gboolean
check_regular_file (GFile         *file,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_SYMBOLIC_LINK)
    {
      g_set_error_literal (error, VITRINE_IMAGE_ERROR, VITRINE_IMAGE_ERROR_UNREADABLE,
                           "cannot read: the symbolic link points to nothing");
      return FALSE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error_literal (error, VITRINE_IMAGE_ERROR, VITRINE_IMAGE_ERROR_UNREADABLE,
                           "not a regular file");
      return FALSE;
    }
  return TRUE;
}

/*
 * The source's size as displayed, after orientation. A hinted load is already scaled, so it
 * counts from the header; without a header size, from the decoded image.
 */
static void
set_source_size (VitrinePrescaled *out,
                 const Load       *load,
                 GdkPixbuf        *oriented)
{
  out->source_width = load->raw_width;
  out->source_height = load->raw_height;
  if (vitrine_image_orientation_transposes (out->orientation))
    {
      out->source_width = load->raw_height;
      out->source_height = load->raw_width;
    }
  if (out->source_width == 0 || out->source_height == 0)
    {
      out->source_width = gdk_pixbuf_get_width (oriented);
      out->source_height = gdk_pixbuf_get_height (oriented);
    }
}

/* The part of the target the placed image covers: x0 ≤ x < x1, y0 ≤ y < y1. */
typedef struct
{
  int x0, y0, x1, y1;
} Visible;

/*
 * The visible part of @oriented at its placed size: a view when the decoder already
 * produced that size (a DCT-scaled JPEG), otherwise scaled bilinearly.
 */
static GdkPixbuf *
scale_visible (GdkPixbuf                   *oriented,
               const VitrineImagePlacement *placement,
               const Visible               *v,
               GError                     **error)
{
  GdkPixbuf *visible;

  if ((guint) gdk_pixbuf_get_width (oriented) == placement->scaled_width &&
      (guint) gdk_pixbuf_get_height (oriented) == placement->scaled_height)
    return gdk_pixbuf_new_subpixbuf (oriented, v->x0 - placement->offset_x,
                                     v->y0 - placement->offset_y, v->x1 - v->x0, v->y1 - v->y0);

  visible = gdk_pixbuf_new (GDK_COLORSPACE_RGB, gdk_pixbuf_get_has_alpha (oriented), 8,
                            v->x1 - v->x0, v->y1 - v->y0);
  if (visible == NULL)
    {
      g_set_error_literal (error, VITRINE_IMAGE_ERROR, VITRINE_IMAGE_ERROR_TOO_LARGE,
                           "too large: out of memory while scaling");
      return NULL;
    }
  gdk_pixbuf_scale (oriented, visible, 0, 0, v->x1 - v->x0, v->y1 - v->y0,
                    placement->offset_x - v->x0, placement->offset_y - v->y0,
                    (double) placement->scaled_width / gdk_pixbuf_get_width (oriented),
                    (double) placement->scaled_height / gdk_pixbuf_get_height (oriented),
                    GDK_INTERP_BILINEAR);
  return visible;
}

/* The target in a new memfd, not yet sealed: @visible premultiplied, opaque black around it. */
static VitrineMemfdWriter *
compose (GdkPixbuf      *visible,
         const Visible  *v,
         guint           tw,
         guint           th,
         guint           stride,
         GError        **error)
{
  VitrineMemfdWriter *writer;
  guint8 *data;

  writer = vitrine_memfd_writer_new ("vitrine-image", (gsize) stride * th, error);
  if (writer == NULL)
    return NULL;
  data = vitrine_memfd_writer_data (writer);

  for (guint y = 0; y < th; y++)
    for (guint x = 0; x < tw; x++)
      memcpy (data + (gsize) y * stride + (gsize) x * 4, "\0\0\0\xff", 4);
  for (int y = v->y0; y < v->y1; y++)
    vitrine_image_premultiply_row (gdk_pixbuf_read_pixels (visible) +
                                     (gsize) (y - v->y0) * gdk_pixbuf_get_rowstride (visible),
                                   gdk_pixbuf_get_n_channels (visible),
                                   data + (gsize) y * stride + (gsize) v->x0 * 4, v->x1 - v->x0);
  return writer;
}

gboolean
vitrine_image_prescale (const char                  *path,
                        const VitrinePrescaleParams *params,
                        VitrinePrescaled            *out,
                        GCancellable                *cancellable,
                        GError                     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GdkPixbuf) decoded = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GdkPixbuf) visible = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VitrineMemfdWriter) writer = NULL;
  guint tw = params->target_width, th = params->target_height;
  VitrineImagePlacement placement;
  Load load = { 0 };
  Visible v;
  const char *orientation;
  gint64 start = g_get_monotonic_time (), decoded_at;

  g_return_val_if_fail (tw > 0 && th > 0, FALSE);
  memset (out, 0, sizeof *out);

  if (check_regular_file (file, cancellable, &local_error))
    decoded = decode (file, params, out, &load, cancellable, &local_error);
  if (decoded == NULL)
    {
      if (is_machine_error (local_error))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "cannot read: ");
          return FALSE;
        }
      if (local_error->domain != VITRINE_IMAGE_ERROR)
        {
          g_set_error (error, VITRINE_IMAGE_ERROR, VITRINE_IMAGE_ERROR_UNREADABLE,
                       "cannot read: %s", local_error->message);
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  decoded_at = g_get_monotonic_time ();

  orientation = gdk_pixbuf_get_option (decoded, "orientation");
  out->orientation = orientation != NULL ? CLAMP (atoi (orientation), 1, 8) : 1;
  oriented = gdk_pixbuf_apply_embedded_orientation (decoded);
  set_source_size (out, &load, oriented);

  vitrine_image_place (out->source_width, out->source_height, tw, th, params->mode, &placement);
  v.x0 = MAX (0, placement.offset_x);
  v.y0 = MAX (0, placement.offset_y);
  v.x1 = MIN ((int) tw, placement.offset_x + (int) placement.scaled_width);
  v.y1 = MIN ((int) th, placement.offset_y + (int) placement.scaled_height);
  visible = scale_visible (oriented, &placement, &v, error);
  if (visible == NULL)
    return FALSE;

  out->stride = tw * 4;
  writer = compose (visible, &v, tw, th, out->stride, error);
  if (writer == NULL)
    return FALSE;

  out->sharpened = params->sharpen && placement.scale < VITRINE_IMAGE_SHARPEN_BELOW_SCALE;
  if (out->sharpened)
    vitrine_image_sharpen (vitrine_memfd_writer_data (writer), tw, th, out->stride,
                           v.x0, v.y0, v.x1 - v.x0, v.y1 - v.y0);

  if (!vitrine_memfd_writer_seal (writer, VITRINE_MEMFD_REQUIRED_SEALS, error))
    return FALSE;

  out->pixels = g_steal_pointer (&writer);
  out->decode_ms = (decoded_at - start) / 1000.0;
  out->scale_ms = (g_get_monotonic_time () - decoded_at) / 1000.0;
  return TRUE;
}
