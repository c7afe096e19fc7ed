/* vitrine-clock-face.h: an analog clock's dial, drawn in code (cairo into a GSK node): the
 * face with its shadow, minute and hour marks, optional numerals, the hands and an optional
 * seconds hand. It is redrawn only when the hands move.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vitrine-overlay-style.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_CLOCK_FACE (vitrine_clock_face_get_type ())

G_DECLARE_FINAL_TYPE (VitrineClockFace, vitrine_clock_face, VITRINE, CLOCK_FACE, GtkWidget)

GtkWidget *vitrine_clock_face_new       (void);
void       vitrine_clock_face_set_hands (VitrineClockFace *self,
                                         double            hour_angle,
                                         double            minute_angle,
                                         double            second_angle,
                                         gboolean          seconds);
void       vitrine_clock_face_set_look  (VitrineClockFace       *self,
                                         gboolean                numerals,
                                         const VitrineCardStyle *style);

G_END_DECLS
