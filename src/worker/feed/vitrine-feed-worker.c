/* vitrine-feed-worker.c: the feed role, the one process that touches the network. Its
 * request kinds ("feed", "mirror", "mirror-list", "mirror-forget", "art", "weather", "geocode") are in
 * vitrine-feed-jobs.c and vitrine-feed-weather.c, shared with the offline command line;
 * the probes every worker knows come from the base class.
 *
 * The SoupSession is made here, on the main thread, before any request; requests then
 * send from worker threads, which libsoup allows since 3.2.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-feed-jobs.h"
#include "vitrine-feed-parse.h"
#include "vitrine-feed-weather.h"
#include "vitrine-feed-worker.h"

struct _VitrineFeedWorker
{
  VitrineWorker    parent_instance;

  VitrineFeedJobs *jobs;
};

G_DEFINE_FINAL_TYPE (VitrineFeedWorker, vitrine_feed_worker, VITRINE_TYPE_WORKER)

static GVariant *
vitrine_feed_worker_process (VitrineWorker  *worker,
                             const char     *kind,
                             GVariant       *request,
                             GUnixFDList    *fds,
                             GCancellable   *cancellable,
                             GError        **error)
{
  VitrineFeedWorker *self = VITRINE_FEED_WORKER (worker);

  if (g_str_equal (kind, "feed"))
    return vitrine_feed_jobs_feed (self->jobs, request, cancellable, error);
  if (g_str_equal (kind, "mirror"))
    return vitrine_feed_jobs_mirror (self->jobs, request, cancellable, error);
  if (g_str_equal (kind, "mirror-list"))
    return vitrine_feed_jobs_mirror_list (self->jobs, request, error);
  if (g_str_equal (kind, "mirror-forget"))
    return vitrine_feed_jobs_mirror_forget (self->jobs, request, error);
  if (g_str_equal (kind, "art"))
    return vitrine_feed_jobs_art (self->jobs, request, cancellable, error);
  if (g_str_equal (kind, "weather"))
    return vitrine_feed_weather_job (self->jobs, request, cancellable, error);
  if (g_str_equal (kind, "geocode"))
    return vitrine_feed_geocode_job (self->jobs, request, cancellable, error);

  return VITRINE_WORKER_CLASS (vitrine_feed_worker_parent_class)->process (worker, kind, request,
                                                                          fds, cancellable, error);
}

/* Where a copy of every fetched image goes (the "feed-save-folder" key), or NULL. */
void
vitrine_feed_worker_set_save_folder (VitrineFeedWorker *self,
                                     const char        *folder)
{
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "vitrine", NULL);
  g_autofree char *mirror = g_build_filename (cache, "feeds", NULL);

  g_return_if_fail (VITRINE_IS_FEED_WORKER (self));

  vitrine_feed_jobs_free (self->jobs);
  self->jobs = vitrine_feed_jobs_new (cache, mirror, folder);
}

static void
vitrine_feed_worker_finalize (GObject *object)
{
  VitrineFeedWorker *self = VITRINE_FEED_WORKER (object);

  g_clear_pointer (&self->jobs, vitrine_feed_jobs_free);

  G_OBJECT_CLASS (vitrine_feed_worker_parent_class)->finalize (object);
}

static void
vitrine_feed_worker_class_init (VitrineFeedWorkerClass *klass)
{
  VitrineWorkerClass *worker_class = VITRINE_WORKER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = vitrine_feed_worker_finalize;
  worker_class->role = VITRINE_WORKER_ROLE_FEED;
  worker_class->process = vitrine_feed_worker_process;
}

static void
vitrine_feed_worker_init (VitrineFeedWorker *self)
{
  /* libxml2 initialises itself once, from the main thread, before threads parse. */
  vitrine_feed_parse_init ();
  vitrine_feed_worker_set_save_folder (self, NULL);
}
