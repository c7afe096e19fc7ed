/* vitrine-diagnostics-page.h: the settings window's Diagnostics page: the session's
 * renderer group and why it is there, and each worker's state and restarts; both follow
 * their objects' signals (the session's notify, the supervisor's ::state-changed), so the
 * page never polls.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vitrine-renderer-session.h"
#include "vitrine-supervisor.h"
#include "vitrine-visualizer.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_DIAGNOSTICS_PAGE (vitrine_diagnostics_page_get_type ())

G_DECLARE_FINAL_TYPE (VitrineDiagnosticsPage, vitrine_diagnostics_page, VITRINE, DIAGNOSTICS_PAGE, GtkWidget)

GtkWidget  *vitrine_diagnostics_page_new          (VitrineSupervisor      *supervisor,
                                                   VitrineRendererSession *session);
void        vitrine_diagnostics_page_set_visualizer (VitrineDiagnosticsPage *self,
                                                     VitrineVisualizer      *visualizer);
void        vitrine_diagnostics_page_refresh      (VitrineDiagnosticsPage *self);
const char *vitrine_diagnostics_page_get_tempo    (VitrineDiagnosticsPage *self);
const char *vitrine_diagnostics_page_get_renderer (VitrineDiagnosticsPage *self);

G_END_DECLS
