/* vitrine-zone-button.h: a time zone chosen from a searchable list: a button saying the
 * zone ("Europe/Paris", or "Local time" for the empty value), opening a popover with a
 * search entry over the IANA zones of the system's tzdata (zone1970.tab, read
 * asynchronously the first time). Bound both ways to a string key.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VITRINE_TYPE_ZONE_BUTTON (vitrine_zone_button_get_type ())

G_DECLARE_FINAL_TYPE (VitrineZoneButton, vitrine_zone_button, VITRINE, ZONE_BUTTON, GtkWidget)

GtkWidget  *vitrine_zone_button_new         (void);
void        vitrine_zone_button_bind        (VitrineZoneButton *self,
                                             GSettings         *settings,
                                             const char        *key);
void        vitrine_zone_button_load        (VitrineZoneButton *self,
                                             const char        *path);
GListModel *vitrine_zone_button_get_matches (VitrineZoneButton *self);
void        vitrine_zone_button_set_search  (VitrineZoneButton *self,
                                             const char        *text);
void        vitrine_zone_button_choose      (VitrineZoneButton *self,
                                             guint              position);
char      **vitrine_zone_button_parse_tab   (const char        *text);

G_END_DECLS
