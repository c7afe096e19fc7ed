/* vitrine-transition-stills.h: the settings' transition previews: for each transition a
 * short still sequence (VITRINE_TRANSITION_STILLS_FRAMES frames from the day sample to the night
 * one) drawn offscreen by the compositor's own programs, on the easing and direction of
 * the settings, with the payloads the transition worker computes (as the display asks for
 * them). Drawn on the main loop a transition at a time; ::ready says a transition's frames
 * are there. Without GL, or without a payload, a transition simply has no frames.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vitrine-enums.h"
#include "vitrine-supervisor.h"

G_BEGIN_DECLS

#define VITRINE_TRANSITION_STILLS_FRAMES 8
#define VITRINE_TRANSITION_STILLS_WIDTH 160
#define VITRINE_TRANSITION_STILLS_HEIGHT 90

#define VITRINE_TYPE_TRANSITION_STILLS (vitrine_transition_stills_get_type ())

G_DECLARE_FINAL_TYPE (VitrineTransitionStills, vitrine_transition_stills, VITRINE, TRANSITION_STILLS, GObject)

VitrineTransitionStills *vitrine_transition_stills_new        (VitrineSupervisor       *supervisor,
                                                              GSettings               *transitions);
void                     vitrine_transition_stills_start      (VitrineTransitionStills *self,
                                                              GdkDisplay              *display);
GdkTexture              *vitrine_transition_stills_get_frame  (VitrineTransitionStills *self,
                                                              VitrineTransitionType    type,
                                                              guint                    index);
const char              *vitrine_transition_stills_get_error  (VitrineTransitionStills *self);

G_END_DECLS
