/* vitrine-clock-list.h: the Clocks group: a row per clock of the widgets' clocks key (at
 * most three), each opening to its time zone (a searchable list), style (digital or
 * analog), hours, seconds, date, label and place, bound to that clock's own settings
 * (the relocatable Clock schema at widgets/clocks/ID/); Add and Remove edit the list.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VITRINE_CLOCK_LIST_MAX 3

#define VITRINE_TYPE_CLOCK_LIST (vitrine_clock_list_get_type ())

G_DECLARE_FINAL_TYPE (VitrineClockList, vitrine_clock_list, VITRINE, CLOCK_LIST, AdwPreferencesGroup)

void       vitrine_clock_list_bind      (VitrineClockList *self,
                                         GSettings        *widgets,
                                         const char       *key);
char      *vitrine_clock_list_add       (VitrineClockList *self);
void       vitrine_clock_list_remove    (VitrineClockList *self,
                                         const char       *id);
GtkWidget *vitrine_clock_list_get_row   (VitrineClockList *self,
                                         const char       *id);
GSettings *vitrine_clock_list_get_clock (VitrineClockList *self,
                                         const char       *id);

G_END_DECLS
