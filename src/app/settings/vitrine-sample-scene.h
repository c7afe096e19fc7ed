/* vitrine-sample-scene.h: the sample photos of the settings' previews, drawn with cairo (the
 * UI process decodes nothing): a day scene (sky, sun, hills) and a night scene (dusk sky,
 * moon, dark hills), so that a transition between them reads at a glance.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VITRINE_SAMPLE_SCENE_DAY,
  VITRINE_SAMPLE_SCENE_NIGHT,
} VitrineSampleScene;

void    vitrine_sample_scene_draw   (cairo_t            *cr,
                                     double              width,
                                     double              height,
                                     VitrineSampleScene  scene);
guint8 *vitrine_sample_scene_rgba   (VitrineSampleScene  scene,
                                     guint               width,
                                     guint               height);

G_END_DECLS
