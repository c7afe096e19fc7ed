/* vitrine-place-suggest.h: geocoding suggestions under the weather's place row (issue 15
 * item 5). When the person stops typing for 400 ms, the text goes to the feed worker as a
 * "geocode" request through the supervisor; up to five matches show in a popover below
 * the row, and choosing one writes its label with coordinates ("Berlin, Land Berlin,
 * Germany (52.5244, 13.4105)") to the row, which is bound to the key, so the weather then
 * needs no geocoding of its own. Text that already is coordinates asks nothing, nor does
 * a change of the key made elsewhere while the row is not being edited.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vitrine-supervisor.h"

G_BEGIN_DECLS

#define VITRINE_PLACE_SUGGEST_DELAY_MS 400

#define VITRINE_TYPE_PLACE_SUGGEST (vitrine_place_suggest_get_type ())

G_DECLARE_FINAL_TYPE (VitrinePlaceSuggest, vitrine_place_suggest, VITRINE, PLACE_SUGGEST, GObject)

VitrinePlaceSuggest *vitrine_place_suggest_attach         (AdwEntryRow         *row);
VitrinePlaceSuggest *vitrine_place_suggest_get            (AdwEntryRow         *row);
void                 vitrine_place_suggest_set_supervisor (VitrinePlaceSuggest *self,
                                                           VitrineSupervisor   *supervisor);
void                 vitrine_place_suggest_show           (VitrinePlaceSuggest *self,
                                                           GVariant            *places);
GtkListBox          *vitrine_place_suggest_get_list       (VitrinePlaceSuggest *self);
guint                vitrine_place_suggest_get_n_asked    (VitrinePlaceSuggest *self);

G_END_DECLS
