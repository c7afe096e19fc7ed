/* vitrine-slideshow.h: the image path of the display process (docs/ARCHITECTURE.md §5): where the
 * images come from (folder scans in the image worker), which one each display shows next,
 * the cache of prescaled images with prefetching, and the interval timer. It asks workers
 * for everything and decodes nothing itself.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "vitrine-compositor.h"
#include "vitrine-supervisor.h"
#include "vitrine-visualizer.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_SLIDESHOW (vitrine_slideshow_get_type ())

G_DECLARE_FINAL_TYPE (VitrineSlideshow, vitrine_slideshow, VITRINE, SLIDESHOW, GObject)

VitrineSlideshow *vitrine_slideshow_new            (VitrineSupervisor  *supervisor,
                                                    GSettings          *settings,
                                                    const char * const *folders,
                                                    guint               interval);
void              vitrine_slideshow_start          (VitrineSlideshow   *self);
void              vitrine_slideshow_add_display    (VitrineSlideshow   *self,
                                                    VitrineCompositor  *compositor);
void              vitrine_slideshow_remove_display (VitrineSlideshow   *self,
                                                    VitrineCompositor  *compositor);
void              vitrine_slideshow_next           (VitrineSlideshow   *self);
void              vitrine_slideshow_previous       (VitrineSlideshow   *self);
void              vitrine_slideshow_set_paused     (VitrineSlideshow   *self,
                                                    gboolean            paused);
const char       *vitrine_slideshow_get_notice     (VitrineSlideshow   *self);
void              vitrine_slideshow_set_visualizer (VitrineSlideshow   *self,
                                                    VitrineVisualizer  *visualizer);
void              vitrine_slideshow_add_status     (VitrineSlideshow   *self,
                                                    JsonBuilder        *builder);

G_END_DECLS
