/* vitrine-test-app.h: talking to a running vitrine from tests: its --status, its
 * windows, and what the screen shows.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean    vt_app_skip_without_display (void);
GSubprocess *vt_app_start                (const char *first_arg,
                                          ...) G_GNUC_NULL_TERMINATED;
void        vt_app_stop                  (GSubprocess **app);
JsonObject *vt_app_status                (void);
JsonObject *vt_app_first_display         (JsonObject *status);
JsonObject *vt_app_wait_until_mapped     (void);
GdkPixbuf  *vt_load_png                  (const char *path);
GdkPixbuf  *vt_screenshot                (void);

G_END_DECLS
