/* vitrine-feed-cli.h: the feed role's offline runs (issue 11 item 6), through the same
 * request kinds as the live role: `--fetch URL [--json-path PATH] [--mirror DIR]` and
 * `--weather PLACE|LAT,LON`, each printing JSON.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean vitrine_feed_cli_fetch   (const char  *url,
                                   const char  *json_path,
                                   const char  *mirror,
                                   GString     *out,
                                   GError     **error);
gboolean vitrine_feed_cli_weather (const char  *place,
                                   GString     *out,
                                   GError     **error);

G_END_DECLS
