/* vitrine-transition.h: what every transition shares (docs/ARCHITECTURE.md §7): names, easing
 * curves, and picking the next type and direction (random never repeats the previous).
 * Pure; randomness comes from the caller's GRand.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-enums.h"

G_BEGIN_DECLS

const char           *vitrine_transition_name            (VitrineTransitionType  type);
gboolean              vitrine_transition_from_name       (const char            *name,
                                                          VitrineTransitionType *type);
VitrineTransitionType vitrine_transition_next_type       (VitrineTransitionType  type);
double                vitrine_easing_apply               (VitrineEasing          easing,
                                                          double                 t);
VitrineTransitionType vitrine_transition_pick            (VitrineTransitionSet   pool,
                                                          int                    previous,
                                                          GRand                 *rand);
VitrineDirection      vitrine_transition_pick_direction  (VitrineDirection       setting,
                                                          VitrineDirection       previous,
                                                          gboolean               diagonals,
                                                          GRand                 *rand);

gboolean              vitrine_transition_needs_payload   (VitrineTransitionType  type);
void                  vitrine_transition_diffuse_order   (guint                  columns,
                                                          guint                  rows,
                                                          guint32                seed,
                                                          guint8                *rgba);

void                  vitrine_transition_puzzle_schedule (guint                  columns,
                                                          guint                  rows,
                                                          VitrineDirection       direction,
                                                          guint32                seed,
                                                          guint8                *rgba);

void                  vitrine_transition_crumble_shards  (guint                  columns,
                                                          guint                  rows,
                                                          VitrineCrumbleOrder    order,
                                                          guint32                seed,
                                                          guint8                *rgba);

void                  vitrine_transition_particle_schedule (guint                columns,
                                                            guint                rows,
                                                            VitrineParticleMode  mode,
                                                            VitrineDirection     direction,
                                                            guint32              seed,
                                                            guint8              *rgba);

G_END_DECLS
