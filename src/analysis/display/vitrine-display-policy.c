/* vitrine-display-policy.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-display-policy.h"

G_DEFINE_QUARK (vitrine-display-policy-error-quark, vitrine_display_policy_error)

/*
 * Returns the indices (guint) of the monitors that get a display window, in ascending
 * order, or NULL with @error set.
 *
 * @forced_index (>= 0) comes from --monitor and is an error when that monitor does not
 * exist: the user asked for something specific. @settings_index is only a preference: a
 * stored index whose monitor has been unplugged falls back to the first monitor rather
 * than leaving every screen dark. A windowed run gets exactly one window. With no monitor
 * reported at all, the result is empty and the caller shows one window wherever the
 * windowing system puts it.
 */
GArray *
vitrine_display_policy_choose_monitors (guint               n_monitors,
                                        VitrineMonitorMode  mode,
                                        int                 settings_index,
                                        int                 forced_index,
                                        gboolean            windowed,
                                        GError            **error)
{
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (guint));
  guint index;

  if (forced_index >= 0)
    {
      if ((guint) forced_index >= n_monitors)
        {
          if (n_monitors == 0)
            g_set_error (error, VITRINE_DISPLAY_POLICY_ERROR,
                         VITRINE_DISPLAY_POLICY_ERROR_NO_SUCH_MONITOR,
                         "monitor %d does not exist: no monitor is connected", forced_index);
          else
            g_set_error (error, VITRINE_DISPLAY_POLICY_ERROR,
                         VITRINE_DISPLAY_POLICY_ERROR_NO_SUCH_MONITOR,
                         "monitor %d does not exist: valid monitors are 0 to %u",
                         forced_index, n_monitors - 1);
          return NULL;
        }
      index = (guint) forced_index;
      g_array_append_val (chosen, index);
      return g_steal_pointer (&chosen);
    }

  if (n_monitors == 0)
    return g_steal_pointer (&chosen);

  if (windowed || mode == VITRINE_MONITOR_MODE_SINGLE)
    {
      index = 0;
      if (mode == VITRINE_MONITOR_MODE_SINGLE && settings_index >= 0 &&
          (guint) settings_index < n_monitors)
        index = (guint) settings_index;
      g_array_append_val (chosen, index);
      return g_steal_pointer (&chosen);
    }

  for (index = 0; index < n_monitors; index++)
    g_array_append_val (chosen, index);

  return g_steal_pointer (&chosen);
}

/*
 * A screensaver run ends when the pointer has travelled more than the threshold from
 * where it was first seen; jitter of a few pixels (a desk bump) does not end it.
 */
gboolean
vitrine_display_policy_motion_exits (double origin_x,
                                     double origin_y,
                                     double x,
                                     double y)
{
  return hypot (x - origin_x, y - origin_y) > VITRINE_SCREENSAVER_MOTION_THRESHOLD;
}

/*
 * When displays switch together, display @display_index starts its transition this many
 * milliseconds after the first, so the changes ripple across the monitors; with the same
 * image everywhere (@same_image) they start together.
 */
guint
vitrine_display_policy_start_delay_ms (guint    display_index,
                                       gboolean same_image)
{
  return same_image ? 0 : MIN (display_index, 16) * VITRINE_DISPLAY_STAGGER_MS;
}

/*
 * The number (0 for the first) that @monitor has now among @monitors, the display's
 * monitors in their current order, compared by identity; -1 when it is not among them
 * (it was unplugged: its window is about to close). A window of its own (--window,
 * @monitor NULL) counts as being on the first monitor. The number changes when a monitor
 * before it comes or goes, so a display learns it again on every change of the list.
 */
int
vitrine_display_policy_monitor_number (const gconstpointer *monitors,
                                       guint                n_monitors,
                                       gconstpointer        monitor)
{
  if (monitor == NULL)
    return 0;
  for (guint i = 0; i < n_monitors; i++)
    if (monitors[i] == monitor)
      return (int) i;
  return -1;
}

/*
 * Whether a card set to @card_monitor (a monitor's number, as the settings window lists
 * them; -1 for every display) shows on the display whose monitor has @display_number now
 * (vitrine_display_policy_monitor_number()). A number no monitor has shows nowhere.
 */
gboolean
vitrine_display_policy_card_shows (int card_monitor,
                                   int display_number)
{
  if (card_monitor < 0)
    return TRUE;
  return display_number >= 0 && card_monitor == display_number;
}
