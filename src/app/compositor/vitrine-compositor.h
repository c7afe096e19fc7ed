/* vitrine-compositor.h: the GL surface of a display window (docs/ARCHITECTURE.md §7). It draws the
 * current image and the transition to the next, driven by the widget's frame clock, and
 * uploads new images a few rows per frame so that no frame waits on a whole texture.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "vitrine-enums.h"
#include "vitrine-renderer-session.h"
#include "vitrine-supervisor.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_COMPOSITOR (vitrine_compositor_get_type ())

G_DECLARE_FINAL_TYPE (VitrineCompositor, vitrine_compositor, VITRINE, COMPOSITOR, GtkGLArea)

/* Upload time a frame may spend, in microseconds (4 ms would still fit a 60 Hz frame; less
 * keeps the main loop's stalls short, and an image then takes a few frames more to go up). */
#define VITRINE_COMPOSITOR_UPLOAD_BUDGET_US 1500

GtkWidget  *vitrine_compositor_new          (void);
void        vitrine_compositor_set_renderer_session (VitrineCompositor      *self,
                                                     VitrineRendererSession *session);
VitrineRendererSession *
            vitrine_compositor_get_renderer_session (VitrineCompositor      *self);
void        vitrine_compositor_show         (VitrineCompositor  *self,
                                             const char         *id,
                                             GBytes             *pixels,
                                             guint               width,
                                             guint               height,
                                             guint               stride,
                                             double              duration,
                                             double              motion_seconds,
                                             gint64              start_at);
const char *vitrine_compositor_get_current  (VitrineCompositor  *self);
gboolean    vitrine_compositor_get_has_image (VitrineCompositor *self);
gboolean    vitrine_compositor_get_busy     (VitrineCompositor  *self);
void        vitrine_compositor_get_device_size (VitrineCompositor *self,
                                             guint              *width,
                                             guint              *height);
void        vitrine_compositor_set_size_hint (VitrineCompositor *self,
                                              guint              width,
                                              guint              height);
guint       vitrine_compositor_get_max_texture_size (VitrineCompositor *self);
void        vitrine_compositor_set_supervisor (VitrineCompositor *self,
                                               VitrineSupervisor *supervisor);
void        vitrine_compositor_set_next_type (VitrineCompositor    *self,
                                             VitrineTransitionType  type);
int         vitrine_compositor_variant      (GSettings             *settings,
                                             VitrineTransitionType  type);
GVariant   *vitrine_compositor_payload_request (GSettings           *settings,
                                             VitrineTransitionType  type,
                                             guint                  width,
                                             guint                  height,
                                             double                 seed,
                                             VitrineDirection       direction,
                                             int                    variant);
void        vitrine_compositor_add_status   (VitrineCompositor  *self,
                                             JsonBuilder        *builder);

G_END_DECLS
