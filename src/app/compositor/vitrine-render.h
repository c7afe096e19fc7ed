/* vitrine-render.h: one transition frame rendered offscreen to a PNG (`vitrine
 * --render-transition`), with the images prescaled by the image worker and drawn by the
 * compositor's own programs. For golden tests and for looking at a transition closely.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-enums.h"

G_BEGIN_DECLS

typedef struct
{
  VitrineTransitionType  type;
  double                 progress;     /* the contract's progress (linear: no easing) */
  const char            *from;
  const char            *to;
  guint                  width;
  guint                  height;
  double                 seed;
  VitrineDirection       direction;
  int                    variant;      /* the type's own parameter (Diffuse: 1 membrane) */
  const char            *output;
} VitrineRenderRequest;

gboolean vitrine_render_transition (const VitrineRenderRequest  *request,
                                    GError                     **error);

G_END_DECLS
