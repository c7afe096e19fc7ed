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
#include "vitrine-feeds.h"
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
void              vitrine_slideshow_set_feeds      (VitrineSlideshow   *self,
                                                    VitrineFeeds       *feeds);
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
/* What the displays need from the image cache (of VitrineCacheIntent); the signal
 * "intents-changed" says when it may differ. */
GPtrArray        *vitrine_slideshow_dup_intents    (VitrineSlideshow   *self);

/* A configured folder as the slideshow sees it, for the settings window. */
typedef enum
{
  VITRINE_SLIDESHOW_FOLDER_UNUSED,     /* not among the sources now (another source is used) */
  VITRINE_SLIDESHOW_FOLDER_SCANNING,   /* the first scan of the sources is under way */
  VITRINE_SLIDESHOW_FOLDER_SCANNED,    /* scanned; new files are picked up as they come */
} VitrineSlideshowFolderState;

VitrineSlideshowFolderState
                  vitrine_slideshow_get_folder_state (VitrineSlideshow *self,
                                                      const char       *folder,
                                                      guint            *n_photos);

G_END_DECLS
