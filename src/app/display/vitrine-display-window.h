/* vitrine-display-window.h
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vitrine-application.h"
#include "vitrine-compositor.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_DISPLAY_WINDOW (vitrine_display_window_get_type ())

G_DECLARE_FINAL_TYPE (VitrineDisplayWindow, vitrine_display_window, VITRINE, DISPLAY_WINDOW, GtkWindow)

GtkWidget  *vitrine_display_window_new               (VitrineApplication   *application,
                                                      GdkMonitor           *monitor,
                                                      gboolean              fullscreen,
                                                      gboolean              screensaver);
GdkMonitor *vitrine_display_window_get_monitor       (VitrineDisplayWindow *self);
gboolean    vitrine_display_window_get_screensaver   (VitrineDisplayWindow *self);
gboolean    vitrine_display_window_get_cursor_hidden (VitrineDisplayWindow *self);
const char *vitrine_display_window_get_notice        (VitrineDisplayWindow *self);
void        vitrine_display_window_set_notice        (VitrineDisplayWindow *self,
                                                      const char           *notice);
VitrineCompositor *vitrine_display_window_get_compositor (VitrineDisplayWindow *self);
void        vitrine_display_window_add_overlay       (VitrineDisplayWindow *self,
                                                      GtkWidget            *widget);

G_END_DECLS
