/* vitrine-transitions-page.h: the Transitions page: random or one, duration, easing and
 * direction; the random pool as a grid of the twelve, each with its check and a looping
 * preview (a still sequence drawn by the compositor's own programs); "Preview on the
 * Display" runs the selected one once; the Advanced group of the other transition keys.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vitrine-enums.h"
#include "vitrine-supervisor.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_TRANSITIONS_PAGE (vitrine_transitions_page_get_type ())

G_DECLARE_FINAL_TYPE (VitrineTransitionsPage, vitrine_transitions_page, VITRINE, TRANSITIONS_PAGE, AdwPreferencesPage)

GtkWidget *vitrine_transitions_page_new           (GSettings              *transitions,
                                                   VitrineSupervisor      *supervisor);
GtkWidget *vitrine_transitions_page_get_tile      (VitrineTransitionsPage *self,
                                                   VitrineTransitionType   type);
void       vitrine_transitions_page_start_previews (VitrineTransitionsPage *self);
guint      vitrine_transitions_page_get_n_previews (VitrineTransitionsPage *self);
gboolean   vitrine_transitions_page_get_previews_done (VitrineTransitionsPage *self);

G_END_DECLS
