/* vitrine-display-policy.h: which monitors get a display window, which of them shows a
 * card set to one monitor, and when input ends a screensaver run. Pure functions, no GTK, so they are tested with made-up monitor lists.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-enums.h"

G_BEGIN_DECLS

#define VITRINE_DISPLAY_POLICY_ERROR (vitrine_display_policy_error_quark ())

typedef enum
{
  VITRINE_DISPLAY_POLICY_ERROR_NO_SUCH_MONITOR,
} VitrineDisplayPolicyError;

/* Pointer travel, in logical pixels, that ends a screensaver run. */
#define VITRINE_SCREENSAVER_MOTION_THRESHOLD 10.0

/* How far apart, in milliseconds, displays that switch together start their transitions. */
#define VITRINE_DISPLAY_STAGGER_MS 100

GQuark    vitrine_display_policy_error_quark           (void);
GArray   *vitrine_display_policy_choose_monitors        (guint               n_monitors,
                                                         VitrineMonitorMode  mode,
                                                         int                 settings_index,
                                                         int                 forced_index,
                                                         gboolean            windowed,
                                                         GError            **error);
gboolean  vitrine_display_policy_motion_exits           (double              origin_x,
                                                         double              origin_y,
                                                         double              x,
                                                         double              y);
guint     vitrine_display_policy_start_delay_ms        (guint               display_index,
                                                         gboolean            same_image);
int       vitrine_display_policy_monitor_number         (const gconstpointer *monitors,
                                                         guint               n_monitors,
                                                         gconstpointer       monitor);
gboolean  vitrine_display_policy_card_shows             (int                 card_monitor,
                                                         int                 display_number);

G_END_DECLS
