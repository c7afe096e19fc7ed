/* vitrine-anchor-picker.h: where a card sits, chosen on a 3 × 3 picker: a button saying
 * the place ("Top right"), opening a popover of nine buttons laid out like the screen.
 * Bound both ways to an anchor key (VitrineAnchor).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VITRINE_TYPE_ANCHOR_PICKER (vitrine_anchor_picker_get_type ())

G_DECLARE_FINAL_TYPE (VitrineAnchorPicker, vitrine_anchor_picker, VITRINE, ANCHOR_PICKER, GtkWidget)

GtkWidget *vitrine_anchor_picker_new        (void);
void       vitrine_anchor_picker_bind       (VitrineAnchorPicker *self,
                                             GSettings           *settings,
                                             const char          *key);
GtkWidget *vitrine_anchor_picker_get_button (VitrineAnchorPicker *self,
                                             guint                anchor);

G_END_DECLS
