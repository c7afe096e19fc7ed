/* vitrine-diagnostics-page.h: the settings window's Diagnostics page: the session's
 * renderer group and why it is there; each worker's state, restarts and sandbox; plots of
 * the last minute (frame interval, worker latency, queues, restarts); the inputs workers
 * have quarantined, each with Forget; "Copy Report" (the --status JSON); the Advanced group
 * of the workers' settings. The renderer and worker rows follow their objects' signals (the
 * session's notify, the supervisor's ::state-changed) and never poll; only the plots
 * sample, once a second while the page is shown.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vitrine-renderer-session.h"
#include "vitrine-supervisor.h"
#include "vitrine-visualizer.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_DIAGNOSTICS_PAGE (vitrine_diagnostics_page_get_type ())

G_DECLARE_FINAL_TYPE (VitrineDiagnosticsPage, vitrine_diagnostics_page, VITRINE, DIAGNOSTICS_PAGE, AdwPreferencesPage)

/* The --status JSON of the running display, newly allocated. */
typedef char *(*VitrineStatusFunc) (gpointer user_data);

GtkWidget  *vitrine_diagnostics_page_new             (VitrineSupervisor      *supervisor,
                                                      VitrineRendererSession *session,
                                                      GSettings              *workers);
void        vitrine_diagnostics_page_set_status_func (VitrineDiagnosticsPage *self,
                                                      VitrineStatusFunc       func,
                                                      gpointer                user_data);
void        vitrine_diagnostics_page_set_visualizer  (VitrineDiagnosticsPage *self,
                                                      VitrineVisualizer      *visualizer);
void        vitrine_diagnostics_page_refresh         (VitrineDiagnosticsPage *self);
void        vitrine_diagnostics_page_sample          (VitrineDiagnosticsPage *self);
const char *vitrine_diagnostics_page_get_renderer    (VitrineDiagnosticsPage *self);
const char *vitrine_diagnostics_page_get_tempo       (VitrineDiagnosticsPage *self);
const char *vitrine_diagnostics_page_get_tempo_map   (VitrineDiagnosticsPage *self);
GtkWidget  *vitrine_diagnostics_page_get_plot        (VitrineDiagnosticsPage *self,
                                                      const char             *name);

G_END_DECLS
