/* vitrine-compositor-texture.c: what goes up into the compositor's textures: the
 * context's GL_MAX_TEXTURE_SIZE, checked before every upload, and the upload itself, in
 * strips within a per-frame budget, or whole onto a black screen (docs/ARCHITECTURE.md §7).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-compositor-private.h"
#include "vitrine-pixel-header.h"

#define STRIP_ROWS 16

/*
 * The context's GL_MAX_TEXTURE_SIZE, with the context current. The test hook
 * VITRINE_GL_FAULT=max-texture:N pretends it is N, as on a small GPU.
 */
void
_vitrine_compositor_read_texture_limit (VitrineCompositor *self)
{
  const char *fault = g_getenv ("VITRINE_GL_FAULT");
  GLint max = 0;
  guint64 pretend;

  glGetIntegerv (GL_MAX_TEXTURE_SIZE, &max);
  self->max_texture_size = MAX (max, 0);
  if (fault != NULL && g_str_has_prefix (fault, "max-texture:") &&
      g_ascii_string_to_unsigned (fault + strlen ("max-texture:"), 10, 1, G_MAXINT, &pretend, NULL))
    self->max_texture_size = (guint) pretend;
}

/* The largest side this display can take an image at: its texture limit with GL, the
 * pixel header's without. */
guint
vitrine_compositor_get_max_texture_size (VitrineCompositor *self)
{
  g_return_val_if_fail (VITRINE_IS_COMPOSITOR (self), VITRINE_PIXEL_MAX_SIDE);

  if (self->software || self->max_texture_size == 0)
    return VITRINE_PIXEL_MAX_SIDE;
  return MIN (self->max_texture_size, VITRINE_PIXEL_MAX_SIDE);
}

/*
 * Whether @image can go up into a texture. One that cannot is dropped, logged and
 * counted, and the current image stays: uploading it would raise a GL error, and a GL
 * error demotes the whole session.
 */
gboolean
_vitrine_compositor_image_fits (VitrineCompositor      *self,
                                VitrineCompositorImage *image)
{
  g_autoptr(GError) error = NULL;

  if (vitrine_pixel_fits_texture (image->width, image->height, self->max_texture_size, &error))
    return TRUE;
  self->oversize_images++;
  g_warning ("Not showing %s: %s", image->id != NULL ? image->id : "an image", error->message);
  if (image == self->waiting)
    self->waiting = NULL;
  _vitrine_compositor_image_free (image);
  return FALSE;
}

/* Strip after strip, from @start on, while the next one, as long as the last, still fits
 * the frame's budget. */
static void
upload_strips (VitrineCompositor      *self,
               VitrineCompositorImage *image,
               const guint8           *data,
               gint64                  start)
{
  gint64 strip = 0;

  do
    {
      guint rows = MIN (STRIP_ROWS, image->height - self->next_row);
      gint64 strip_start = g_get_monotonic_time ();

      glTexSubImage2D (GL_TEXTURE_2D, 0, 0, self->next_row, image->width, rows, GL_RGBA,
                       GL_UNSIGNED_BYTE, data + (gsize) self->next_row * image->stride);
      self->next_row += rows;
      strip = g_get_monotonic_time () - strip_start;
    }
  while (self->next_row < image->height &&
         g_get_monotonic_time () - start + strip <= VITRINE_COMPOSITOR_UPLOAD_BUDGET_US);
}

/*
 * Uploads the back texture's next rows; TRUE when complete. In strips within the frame's
 * budget while an image is on screen (a transition or Ken Burns may run, or the next
 * start); onto a black screen (the first image) nothing moves that a long frame would
 * make stutter, and the image goes up whole, in one go.
 */
gboolean
_vitrine_compositor_upload_step (VitrineCompositor *self)
{
  VitrineCompositorImage *image = self->uploading;
  const guint8 *data = g_bytes_get_data (image->pixels, NULL);
  gint64 start = g_get_monotonic_time (), spent;

  if (self->next_row >= image->height)
    return TRUE;

  glBindTexture (GL_TEXTURE_2D, self->textures[1]);
  if (self->next_row == 0 &&
      (self->texture_size[1][0] != image->width || self->texture_size[1][1] != image->height))
    {
      glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, image->width, image->height, 0, GL_RGBA,
                    GL_UNSIGNED_BYTE, NULL);
      self->texture_size[1][0] = image->width;
      self->texture_size[1][1] = image->height;
    }
  glPixelStorei (GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei (GL_UNPACK_ROW_LENGTH, image->stride / 4);
  if (!self->has_front)
    {
      glTexSubImage2D (GL_TEXTURE_2D, 0, 0, self->next_row, image->width, image->height - self->next_row,
                       GL_RGBA, GL_UNSIGNED_BYTE, data + (gsize) self->next_row * image->stride);
      self->next_row = image->height;
    }
  else
    upload_strips (self, image, data, start);
  glPixelStorei (GL_UNPACK_ROW_LENGTH, 0);

  spent = g_get_monotonic_time () - start;
  /* The most a frame spent on strips, what the budget bounds; the whole first image
   * counts in the total alone. */
  if (self->has_front)
    self->upload_us_max = MAX (self->upload_us_max, spent);
  self->upload_us_total += spent;
  return self->next_row >= image->height;
}
