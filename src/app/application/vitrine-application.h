/* vitrine-application.h
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vitrine-renderer-session.h"
#include "vitrine-feeds.h"
#include "vitrine-slideshow.h"
#include "vitrine-supervisor.h"
#include "vitrine-visualizer.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_APPLICATION (vitrine_application_get_type ())

G_DECLARE_FINAL_TYPE (VitrineApplication, vitrine_application, VITRINE, APPLICATION, GtkApplication)

VitrineApplication *vitrine_application_new               (void);
GSettings          *vitrine_application_get_settings      (VitrineApplication *self,
                                                           const char         *child);
guint64             vitrine_application_get_settings_revision (VitrineApplication *self);
VitrineSupervisor  *vitrine_application_get_supervisor    (VitrineApplication *self);
VitrineRendererSession *
                    vitrine_application_get_renderer_session (VitrineApplication *self);
VitrineVisualizer  *vitrine_application_get_visualizer    (VitrineApplication *self);
void                vitrine_application_show_displays     (VitrineApplication *self);
void                vitrine_application_show_settings     (VitrineApplication *self);
void                vitrine_application_show_settings_page (VitrineApplication *self,
                                                           const char         *page);
VitrineSlideshow   *vitrine_application_get_slideshow     (VitrineApplication *self);
VitrineFeeds       *vitrine_application_get_feeds         (VitrineApplication *self);
char               *vitrine_application_dup_status_json   (VitrineApplication *self);

G_END_DECLS
