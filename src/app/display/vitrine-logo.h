/* vitrine-logo.h
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VITRINE_TYPE_LOGO (vitrine_logo_get_type ())

G_DECLARE_FINAL_TYPE (VitrineLogo, vitrine_logo, VITRINE, LOGO, GtkWidget)

GtkWidget *vitrine_logo_new (void);

G_END_DECLS
