/* vitrine-overlay-style.h: the one look every overlay card shares (docs/ARCHITECTURE.md §8),
 * from the widgets and accessibility settings: the frame (background colour and opacity,
 * corner radius, border, drop shadow) as plain values the cards draw with GSK nodes, and
 * the text (font, colour, text shadow, sizes) as a CSS provider on the display. One per
 * process, shared by every display's layer.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The drop shadow: blur 18 px, offset 4,4, frame opacity 0.77, text shadow 0.33; the
 * intense variant multiplies the blur by 2, the opacities by 1.8 and the offset by 1.5. */
#define VITRINE_CARD_SHADOW_BLUR 18.0
#define VITRINE_CARD_SHADOW_OFFSET 4.0
#define VITRINE_CARD_SHADOW_FRAME_ALPHA 0.77
#define VITRINE_CARD_SHADOW_TEXT_ALPHA 0.33

typedef struct
{
  GdkRGBA background;   /* with the card opacity in its alpha */
  GdkRGBA border;
  GdkRGBA text;
  float   border_width;
  float   radius;
  float   shadow_blur;  /* 0: no shadow */
  float   shadow_dx;
  float   shadow_dy;
  float   shadow_alpha;
  float   text_shadow_alpha;
  double  text_scale;
  double  fade_duration; /* seconds per stage; 0 with reduce-motion */
} VitrineCardStyle;

#define VITRINE_TYPE_OVERLAY_STYLE (vitrine_overlay_style_get_type ())

G_DECLARE_FINAL_TYPE (VitrineOverlayStyle, vitrine_overlay_style, VITRINE, OVERLAY_STYLE, GObject)

VitrineOverlayStyle    *vitrine_overlay_style_new (GSettings           *settings);
const VitrineCardStyle *vitrine_overlay_style_get (VitrineOverlayStyle *self);

G_END_DECLS
