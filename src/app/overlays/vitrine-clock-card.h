/* vitrine-clock-card.h: one clock on a display (docs/ARCHITECTURE.md §8), from its settings
 * at /io/github/vitrine/Vitrine/widgets/clocks/ID/ (the relocatable Clock schema): digital or
 * analog, 12 or 24 hours, seconds, local time or an IANA zone with its abbreviation, a
 * label. The layer's one timer ticks it; the text comes from vitrine-clock-text.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-overlay-card.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_CLOCK_CARD (vitrine_clock_card_get_type ())

G_DECLARE_FINAL_TYPE (VitrineClockCard, vitrine_clock_card, VITRINE, CLOCK_CARD, VitrineOverlayCard)

GtkWidget  *vitrine_clock_card_new    (VitrineOverlayStyle *style,
                                       const char          *id);
const char *vitrine_clock_card_get_id (VitrineClockCard    *self);

G_END_DECLS
