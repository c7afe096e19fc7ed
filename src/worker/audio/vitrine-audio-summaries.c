/* vitrine-audio-summaries.c
 *
 * Request kinds (docs/ARCHITECTURE.md §2, the audio role):
 *   "summary-list" {offset u, limit u}
 *     → {revision s, total u, entries aa{sv} (track s, url s, descriptors as, revision s,
 *        analysed x, bytes t)}: the summaries in the order of their file names; a file
 *        that is corrupt or of a newer schema is not an entry. Without members of their
 *        own, a summary's descriptors are what it holds and its revision "" (stale).
 *   "summary-regenerate" {track s, url s (file://)} → {started b, total t, revision s}: the
 *     file checked here (inside a readable folder, a WAV file), then analysed offline as
 *     --beats does on the regeneration thread, one track at a time, and the summary
 *     written with the current revision; the same track asked again joins its job.
 *   "summary-status" {track s} → {state s (queued, running, done, failed, none), done t,
 *     total t (frames), error s, revision s, bytes t}: a finished job is told once.
 *   "summary-forget" {tracks as} → {removed u}
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine-audio-export.h"
#include "vitrine-audio-summaries.h"
#include "vitrine-cache-revisions.h"
#include "vitrine-track-summary.h"
#include "vitrine-wav.h"

#define MAX_TRACK 4096

typedef enum { JOB_QUEUED, JOB_RUNNING, JOB_DONE, JOB_FAILED } JobState;

typedef struct
{
  VitrineAudioSummaries *owner;
  char                  *track;
  char                  *url;
  char                  *path;
  JobState               state;
  guint64                done;
  guint64                total;
  guint64                bytes;
  char                  *error;
} Job;

struct _VitrineAudioSummaries
{
  char         *cache_dir;
  char        **readable;
  GMutex        lock;
  GHashTable   *jobs;        /* track → Job */
  GThreadPool  *pool;        /* one thread: one regeneration at a time */
  gint          cancelled;   /* atomic: the worker is going away */
};

static void
job_free (Job *job)
{
  g_free (job->track);
  g_free (job->url);
  g_free (job->path);
  g_free (job->error);
  g_free (job);
}

static const char *
job_state_to_string (JobState state)
{
  static const char *const names[] = { "queued", "running", "done", "failed" };

  return names[state];
}

static char *
tracks_dir (const char *cache_dir)
{
  return g_build_filename (cache_dir, "vitrine", "tracks", NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The summary files' names (64 hex characters and ".json"), sorted. */
static GPtrArray *
summary_names (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (strlen (name) == 64 + 5 && g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* What a summary without a "descriptors" member holds. */
static GStrv
held_descriptors (const VitrineTrackSummary *summary)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (summary->descriptors != NULL)
    return g_strdupv (summary->descriptors);
  g_strv_builder_add (builder, "loudness");
  if (summary->onset_density >= 0)
    g_strv_builder_add (builder, "onset_density");
  if (summary->tempo_map->len > 0)
    g_strv_builder_add (builder, "tempo_map");
  return g_strv_builder_end (builder);
}

static gboolean
add_entry (GVariantBuilder *entries,
           const char      *path)
{
  g_auto(VitrineTrackSummary) summary = { 0 };
  g_auto(GStrv) descriptors = NULL;
  VitrineTrackSummaryResult result;
  GStatBuf st;

  vitrine_track_summary_init (&summary);
  result = vitrine_track_summary_load (path, &summary, NULL);
  if ((result != VITRINE_TRACK_SUMMARY_LOADED && result != VITRINE_TRACK_SUMMARY_MIGRATED) ||
      g_stat (path, &st) < 0 || !g_utf8_validate (summary.track_id, -1, NULL) ||
      (summary.url != NULL && !g_utf8_validate (summary.url, -1, NULL)) ||
      (summary.revision != NULL && !g_utf8_validate (summary.revision, -1, NULL)))
    return FALSE;
  descriptors = held_descriptors (&summary);
  for (guint i = 0; descriptors[i] != NULL; i++)
    if (!g_utf8_validate (descriptors[i], -1, NULL))
      return FALSE;
  g_variant_builder_add_parsed (entries, "{'track': <%s>, 'url': <%s>, 'descriptors': <%^as>, "
                                "'revision': <%s>, 'analysed': <%x>, 'bytes': <%t>}",
                                summary.track_id, summary.url != NULL ? summary.url : "", descriptors,
                                summary.revision != NULL ? summary.revision : "",
                                summary.analysed_unix > 0 ? summary.analysed_unix : (gint64) st.st_mtime,
                                (guint64) st.st_size);
  return TRUE;
}

GVariant *
vitrine_audio_summaries_list (VitrineAudioSummaries  *self,
                              GVariant               *request,
                              GError                **error)
{
  g_autofree char *dir = tracks_dir (self->cache_dir);
  g_autoptr(GPtrArray) names = summary_names (dir);
  g_autofree char *revision = vitrine_cache_audio_revision (VITRINE_CACHE_BEATS_PROFILE);
  GVariantBuilder entries;
  guint32 offset = 0, limit = VITRINE_SUMMARY_LIST_MAX;

  g_variant_lookup (request, "offset", "u", &offset);
  g_variant_lookup (request, "limit", "u", &limit);
  limit = CLAMP (limit, 1, VITRINE_SUMMARY_LIST_MAX);
  g_variant_builder_init (&entries, G_VARIANT_TYPE ("aa{sv}"));
  /* Files that are not entries still count: a page is a stretch of file names. */
  for (guint i = offset; i < names->len && i - offset < limit; i++)
    {
      g_autofree char *path = g_build_filename (dir, names->pdata[i], NULL);

      add_entry (&entries, path);
    }
  return g_variant_new_parsed ("{'revision': <%s>, 'total': <%u>, 'entries': <%@aa{sv}>}",
                               revision, names->len, g_variant_builder_end (&entries));
}

/* @path's real path is inside one of @readable's. */
static gboolean
inside (const char         *path,
        const char * const *readable)
{
  g_autofree char *real = realpath (path, NULL);

  for (guint i = 0; real != NULL && readable != NULL && readable[i] != NULL; i++)
    {
      g_autofree char *folder = realpath (readable[i], NULL);
      gsize n = folder != NULL ? strlen (folder) : 0;

      if (folder != NULL && strncmp (real, folder, n) == 0 && (real[n] == '/' || real[n] == '\0' ||
                                                               g_str_equal (folder, "/")))
        return TRUE;
    }
  return FALSE;
}

static const char *
lookup_string (GVariant   *request,
               const char *key)
{
  const char *value = NULL;

  g_variant_lookup (request, key, "&s", &value);
  return value != NULL && *value != '\0' && strlen (value) <= MAX_TRACK ? value : NULL;
}

static gboolean
job_progress (guint64  done,
              guint64  total,
              gpointer data)
{
  Job *job = data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&job->owner->lock);

  job->done = done;
  job->total = total;
  return !g_atomic_int_get (&job->owner->cancelled);
}

/* The regeneration thread: the file through the feature cache, the summary written. */
static void
run_job (gpointer data,
         gpointer pool_data)
{
  VitrineAudioSummaries *self = pool_data;
  Job *job = data;
  g_autoptr(VitrineAudioCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary_path = vitrine_track_summary_path (self->cache_dir, job->track);
  GStatBuf st;

  g_mutex_lock (&self->lock);
  job->state = JOB_RUNNING;
  g_mutex_unlock (&self->lock);
  cache = vitrine_audio_cache_new_for_file (job->path, job->track, 0, job_progress, job, &error);
  if (cache != NULL)
    {
      vitrine_audio_cache_set_cache_dir (cache, self->cache_dir);
      vitrine_audio_cache_set_track_url (cache, job->url);
      if (!vitrine_audio_cache_save_summary (cache, 0, &error) && error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED,
                             "the summary file is of a newer schema, or the track is empty");
    }
  g_mutex_lock (&self->lock);
  job->state = error == NULL ? JOB_DONE : JOB_FAILED;
  if (error != NULL)
    job->error = g_strdup_printf ("the summary was not written: %s", error->message);
  job->bytes = g_stat (summary_path, &st) == 0 ? (guint64) st.st_size : 0;
  g_mutex_unlock (&self->lock);
}

/* The checks that can fail at once, with the errors the display shows; NULL with @error. */
static char *
checked_path (VitrineAudioSummaries  *self,
              const char             *url,
              guint64                *n_frames,
              GError                **error)
{
  g_autofree char *path = g_filename_from_uri (url, NULL, NULL);
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GError) local = NULL;
  VitrineWav wav;

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "the track's file is not a local file (%s)", url);
      return NULL;
    }
  if (!inside (path, (const char * const *) self->readable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           "the track's file is outside the folders Vitrine may read");
      return NULL;
    }
  file = g_mapped_file_new (path, FALSE, &local);
  if (file == NULL ||
      !vitrine_wav_parse ((const guint8 *) g_mapped_file_get_contents (file), g_mapped_file_get_length (file),
                          &wav, &local))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "the track's file is not a WAV file Vitrine can analyse (%s: %s)", path, local->message);
      return NULL;
    }
  if ((double) wav.n_frames / wav.sample_rate > VITRINE_AUDIO_EXPORT_MAX_S)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "the track is longer than the %u s Vitrine analyses",
                   VITRINE_AUDIO_EXPORT_MAX_S);
      return NULL;
    }
  *n_frames = wav.n_frames;
  return g_steal_pointer (&path);
}

GVariant *
vitrine_audio_summaries_regenerate (VitrineAudioSummaries  *self,
                                    GVariant               *request,
                                    GError                **error)
{
  const char *track = lookup_string (request, "track"), *url = lookup_string (request, "url");
  g_autofree char *revision = vitrine_cache_audio_revision (VITRINE_CACHE_BEATS_PROFILE);
  g_autofree char *path = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  guint64 n_frames = 0;
  Job *job;

  if (track == NULL || url == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "summary-regenerate needs a track and its URL");
      return NULL;
    }
  path = checked_path (self, url, &n_frames, error);
  if (path == NULL)
    return NULL;
  locker = g_mutex_locker_new (&self->lock);
  job = g_hash_table_lookup (self->jobs, track);
  if (job != NULL && job->state <= JOB_RUNNING)
    return g_variant_new_parsed ("{'started': <true>, 'total': <%t>, 'revision': <%s>}", job->total, revision);
  if (job == NULL && g_hash_table_size (self->jobs) >= VITRINE_SUMMARY_JOBS_MAX)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY, "%u regenerations are under way or unclaimed",
                   VITRINE_SUMMARY_JOBS_MAX);
      return NULL;
    }
  job = g_new0 (Job, 1);
  job->owner = self;
  job->track = g_strdup (track);
  job->url = g_strdup (url);
  job->path = g_steal_pointer (&path);
  job->total = n_frames;
  g_hash_table_replace (self->jobs, job->track, job);
  g_thread_pool_push (self->pool, job, NULL);
  return g_variant_new_parsed ("{'started': <true>, 'total': <%t>, 'revision': <%s>}", n_frames, revision);
}

GVariant *
vitrine_audio_summaries_status (VitrineAudioSummaries  *self,
                                GVariant               *request,
                                GError                **error)
{
  const char *track = lookup_string (request, "track");
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *revision = vitrine_cache_audio_revision (VITRINE_CACHE_BEATS_PROFILE);
  Job *job = track != NULL ? g_hash_table_lookup (self->jobs, track) : NULL;
  GVariant *reply;

  if (job == NULL)
    return g_variant_new_parsed ("{'state': <'none'>, 'done': <@t 0>, 'total': <@t 0>, 'error': <''>, "
                                 "'revision': <%s>, 'bytes': <@t 0>}", revision);
  reply = g_variant_new_parsed ("{'state': <%s>, 'done': <%t>, 'total': <%t>, 'error': <%s>, 'revision': <%s>, "
                                "'bytes': <%t>}", job_state_to_string (job->state), job->done, job->total,
                                job->error != NULL ? job->error : "", revision, job->bytes);
  /* Told once: a finished job is forgotten. */
  if (job->state >= JOB_DONE)
    g_hash_table_remove (self->jobs, track);
  return reply;
}

GVariant *
vitrine_audio_summaries_forget (VitrineAudioSummaries  *self,
                                GVariant               *request,
                                GError                **error)
{
  g_autofree const char **tracks = NULL;
  guint32 removed = 0;

  if (!g_variant_lookup (request, "tracks", "^a&s", &tracks))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "summary-forget needs tracks");
      return NULL;
    }
  /* A track id only ever names a file by its hash: nothing outside the folder is reached. */
  for (guint i = 0; tracks[i] != NULL; i++)
    {
      g_autofree char *path = vitrine_track_summary_path (self->cache_dir, tracks[i]);

      if (g_unlink (path) == 0)
        removed++;
      else if (errno != ENOENT)
        g_debug ("audio: %s: %s", path, g_strerror (errno));
    }
  return g_variant_new_parsed ("{'removed': <%u>}", removed);
}

VitrineAudioSummaries *
vitrine_audio_summaries_new (const char *cache_dir)
{
  VitrineAudioSummaries *self = g_new0 (VitrineAudioSummaries, 1);

  self->cache_dir = g_strdup (cache_dir);
  g_mutex_init (&self->lock);
  self->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) job_free);
  self->pool = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
  return self;
}

/* Cancels a running regeneration and waits for it; queued ones never start. */
void
vitrine_audio_summaries_free (VitrineAudioSummaries *self)
{
  if (self == NULL)
    return;
  g_atomic_int_set (&self->cancelled, 1);
  g_thread_pool_free (self->pool, TRUE, TRUE);
  g_hash_table_unref (self->jobs);
  g_mutex_clear (&self->lock);
  g_strfreev (self->readable);
  g_free (self->cache_dir);
  g_free (self);
}

/* The folders the sandbox lets the role read; set before any request. */
void
vitrine_audio_summaries_set_readable (VitrineAudioSummaries *self,
                                      const char * const    *folders)
{
  g_strfreev (self->readable);
  self->readable = g_strdupv ((char **) folders);
}
