/* vitrine-feed-jobs.h: the feed role's request kinds, the same code for the live role and
 * the offline command line (issue 11 items 1, 3, 6). Each takes the request's a{sv} and
 * returns the reply's; a fetch that fails is a reply too ("ok" false, with the error, the
 * HTTP status and how long the host wants to be left alone), so the display can keep its
 * per-feed backoff. The per-host spacing is kept here, in front of every request.
 * Blocking: worker threads only.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vitrine-feed-fetcher.h"
#include "vitrine-feed-politeness.h"

G_BEGIN_DECLS

/* The largest part of a reply the items may take: the role's message cap is 4 MiB. */
#define VITRINE_FEED_REPLY_BUDGET (3 * 1024 * 1024)

typedef struct _VitrineFeedJobs VitrineFeedJobs;

VitrineFeedJobs *vitrine_feed_jobs_new          (const char       *cache_dir,
                                                 const char       *mirror_root,
                                                 const char       *save_folder);
void             vitrine_feed_jobs_free         (VitrineFeedJobs  *jobs);
VitrineFeedFetcher *vitrine_feed_jobs_get_fetcher (VitrineFeedJobs *jobs);
const char      *vitrine_feed_jobs_get_cache_dir (VitrineFeedJobs *jobs);
gboolean         vitrine_feed_jobs_polite_begin (VitrineFeedJobs  *jobs,
                                                 const char       *url,
                                                 GCancellable     *cancellable,
                                                 double           *held_s);
void             vitrine_feed_jobs_polite_end   (VitrineFeedJobs  *jobs,
                                                 const char       *url,
                                                 const VitrineFetchResult *result,
                                                 gboolean          ok,
                                                 double           *retry_after_s);
GVariant        *vitrine_feed_jobs_failure      (const char       *message,
                                                 guint             status,
                                                 VitrineFetchOutcome outcome,
                                                 double           retry_after_s);
GVariant        *vitrine_feed_jobs_feed         (VitrineFeedJobs  *jobs,
                                                 GVariant         *request,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
GVariant        *vitrine_feed_jobs_mirror       (VitrineFeedJobs  *jobs,
                                                 GVariant         *request,
                                                 GCancellable     *cancellable,
                                                 GError          **error);
GVariant        *vitrine_feed_jobs_mirror_list  (VitrineFeedJobs  *jobs,
                                                 GVariant         *request,
                                                 GError          **error);
GVariant        *vitrine_feed_jobs_mirror_forget (VitrineFeedJobs *jobs,
                                                 GVariant         *request,
                                                 GError          **error);
GVariant        *vitrine_feed_jobs_art          (VitrineFeedJobs  *jobs,
                                                 GVariant         *request,
                                                 GCancellable     *cancellable,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineFeedJobs, vitrine_feed_jobs_free)

G_END_DECLS
