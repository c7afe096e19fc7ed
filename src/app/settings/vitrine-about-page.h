/* vitrine-about-page.h: the About page: version and build, "Export settings…" (every
 * setting that differs from its default, to a file), "Import settings…" (merged; a bad
 * file is refused whole, with a message naming the key) and "Reset to defaults" after a
 * confirmation.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VITRINE_TYPE_ABOUT_PAGE (vitrine_about_page_get_type ())

G_DECLARE_FINAL_TYPE (VitrineAboutPage, vitrine_about_page, VITRINE, ABOUT_PAGE, AdwPreferencesPage)

GtkWidget  *vitrine_about_page_new         (GSettings        *root);
gboolean    vitrine_about_page_import_path (VitrineAboutPage *self,
                                            const char       *path);
const char *vitrine_about_page_get_message (VitrineAboutPage *self);

G_END_DECLS
