/* vitrine-audio-summaries.c
 *
 * Request kinds (docs/ARCHITECTURE.md §2, the audio role):
 *   "summary-list" {offset u, limit u}
 *     → {revision s, total u, entries aa{sv} (track s, url s, descriptors as, revision s,
 *        analysed x, bytes t)}: the summaries in the order of their file names; a file
 *        that is corrupt or of a newer schema is not an entry. Without members of their
 *        own, a summary's descriptors are what it holds and its revision "" (stale).
 *   "summary-regenerate" {track s, url s (file://)} → {revision s, bytes t}: the track's
 *     WAV file analysed offline as --beats does, the summary written with the current
 *     revision.
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

#define MAX_TRACK 4096

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
vitrine_audio_summaries_list (const char  *cache_dir,
                              GVariant    *request,
                              GError     **error)
{
  g_autofree char *dir = tracks_dir (cache_dir);
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

GVariant *
vitrine_audio_summaries_regenerate (const char          *cache_dir,
                                    const char * const  *readable,
                                    GVariant            *request,
                                    GError             **error)
{
  const char *track = lookup_string (request, "track"), *url = lookup_string (request, "url");
  g_autofree char *path = url != NULL ? g_filename_from_uri (url, NULL, NULL) : NULL;
  g_autofree char *revision = vitrine_cache_audio_revision (VITRINE_CACHE_BEATS_PROFILE);
  g_autofree char *summary_path = NULL;
  g_autoptr(VitrineAudioCache) cache = NULL;
  g_autoptr(GError) local = NULL;
  GStatBuf st;

  if (track == NULL || url == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "summary-regenerate needs a track and its URL");
      return NULL;
    }
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "the track's file is not a local file (%s)", url);
      return NULL;
    }
  if (!inside (path, readable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           "the track's file is outside the folders Vitrine may read");
      return NULL;
    }
  cache = vitrine_audio_cache_new_for_file (path, track, &local);
  if (cache == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "the track's file is not a WAV file Vitrine can analyse (%s)", local->message);
      return NULL;
    }
  vitrine_audio_cache_set_cache_dir (cache, cache_dir);
  vitrine_audio_cache_set_track_url (cache, url);
  if (!vitrine_audio_cache_save_summary (cache, 0, &local))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the summary was not written: %s",
                   local != NULL ? local->message : "the file is of a newer schema, or the track is empty");
      return NULL;
    }
  summary_path = vitrine_track_summary_path (cache_dir, track);
  if (g_stat (summary_path, &st) < 0)
    st.st_size = 0;
  return g_variant_new_parsed ("{'revision': <%s>, 'bytes': <%t>}", revision, (guint64) st.st_size);
}

GVariant *
vitrine_audio_summaries_forget (const char  *cache_dir,
                                GVariant    *request,
                                GError     **error)
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
      g_autofree char *path = vitrine_track_summary_path (cache_dir, tracks[i]);

      if (g_unlink (path) == 0)
        removed++;
      else if (errno != ENOENT)
        g_debug ("audio: %s: %s", path, g_strerror (errno));
    }
  return g_variant_new_parsed ("{'removed': <%u>}", removed);
}
