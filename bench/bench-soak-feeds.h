/* bench-soak-feeds.h: the soak's flaky feed server (see bench-soak-feeds.c).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SOAK_IMAGE_FEEDS    5
#define SOAK_HEADLINE_FEEDS 3

typedef struct _SoakFeeds SoakFeeds;

SoakFeeds *soak_feeds_start  (guint32     seed);
/* A URL on the server for @path ("/feed/0.xml"). */
char      *soak_feeds_url    (SoakFeeds  *feeds,
                              const char *path);
/* Writes the key file that points the display's feeds, headlines and weather at it. */
void       soak_feeds_write_settings (SoakFeeds  *feeds,
                                      const char *config_home);
/* One --status sample: a feed that had items or mirrored images keeps them, a headlines
 * or weather card once shown stays shown (two samples in a row hidden count). Failures
 * are added to @failures once each. */
void       soak_feeds_check  (SoakFeeds  *feeds,
                              JsonObject *status,
                              double      t,
                              GPtrArray  *failures);
/* Prints what was served and seen; adds a failure when a card was never shown in a run
 * of at least @minutes_required minutes. */
void       soak_feeds_report (SoakFeeds  *feeds,
                              double      minutes,
                              GPtrArray  *failures);
void       soak_feeds_stop   (SoakFeeds  *feeds);

G_END_DECLS
