/* vitrine-settings-window.h
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vitrine-application.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_SETTINGS_WINDOW (vitrine_settings_window_get_type ())

G_DECLARE_FINAL_TYPE (VitrineSettingsWindow, vitrine_settings_window, VITRINE, SETTINGS_WINDOW, GtkWindow)

GtkWidget *vitrine_settings_window_new (VitrineApplication *application);

G_END_DECLS
