/* vitrine-cache-source-audio.c: the track summaries' source (see the header). Listing
 * pages summary-list; each summary is a record per descriptor it holds, the file's bytes
 * on the first. The URLs of the last listing are kept for regenerating. A regeneration
 * runs on the worker's own thread (a long track takes longer than the role's deadline):
 * summary-regenerate starts it, summary-status is asked every 200 ms for its progress.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-cache-revisions.h"
#include "vitrine-cache-source-audio.h"

#define PAGE 200

struct _VitrineCacheSourceAudio
{
  GObject            parent_instance;

  VitrineSupervisor *supervisor;
  VitrineVisualizer *visualizer;
  GHashTable        *urls;       /* track → xesam:url, from the last listing */
};

static void vitrine_cache_source_audio_iface_init (VitrineCacheSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VitrineCacheSourceAudio, vitrine_cache_source_audio, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (VITRINE_TYPE_CACHE_SOURCE,
                                                      vitrine_cache_source_audio_iface_init))

static const char *
get_name (VitrineCacheSource *source)
{
  return "audio";
}

static VitrineWorkerRoleId
get_role (VitrineCacheSource *source)
{
  return VITRINE_WORKER_ROLE_AUDIO;
}

static char *
dup_revision (VitrineCacheSource *source,
              const char         *profile_id)
{
  return vitrine_cache_audio_revision (profile_id);
}

static char *
dup_profile_label (VitrineCacheSource *source,
                   const char         *profile_id)
{
  if (g_strcmp0 (profile_id, VITRINE_CACHE_BEATS_PROFILE) == 0)
    return g_strdup (_("the 'Beat analysis' profile"));
  return g_strdup_printf (_("the '%s' profile"), profile_id);
}

/* The intent's descriptors and whatever the track's summary holds besides. */
static GStrv
expand (VitrineCacheSource       *source,
        const VitrineCacheIntent *intent,
        GPtrArray                *records)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_addv (builder, (const char **) intent->descriptors);
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const VitrineCacheRecord *record = records->pdata[i];

      if (g_strcmp0 (record->track_ref, intent->track_ref) == 0 &&
          g_strcmp0 (record->profile_id, intent->profile_id) == 0 &&
          !g_strv_contains ((const char * const *) intent->descriptors, record->descriptor))
        g_strv_builder_add (builder, record->descriptor);
    }
  return g_strv_builder_end (builder);
}

static void
send (VitrineCacheSourceAudio *self,
      GVariant                *request,
      GCancellable            *cancellable,
      GAsyncReadyCallback      callback,
      gpointer                 data)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (request);

  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_AUDIO, owned, cancellable, callback, data);
}

/* --- list -------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray  *records;
  GHashTable *urls;
  guint32     offset;
} ListState;

static void
list_state_free (ListState *state)
{
  g_ptr_array_unref (state->records);
  g_hash_table_unref (state->urls);
  g_free (state);
}

static void list_page (GTask *task);

static void
add_entry (ListState *state,
           GVariant  *entry)
{
  const char *track = "", *url = "", *revision = "";
  g_autofree const char **descriptors = NULL;
  gint64 analysed = 0;
  guint64 bytes = 0;

  g_variant_lookup (entry, "track", "&s", &track);
  g_variant_lookup (entry, "url", "&s", &url);
  g_variant_lookup (entry, "revision", "&s", &revision);
  g_variant_lookup (entry, "analysed", "x", &analysed);
  g_variant_lookup (entry, "bytes", "t", &bytes);
  if (*track == '\0' || !g_variant_lookup (entry, "descriptors", "^a&s", &descriptors))
    return;
  if (*url != '\0')
    g_hash_table_replace (state->urls, g_strdup (track), g_strdup (url));
  for (guint i = 0; descriptors[i] != NULL; i++)
    g_ptr_array_add (state->records, vitrine_cache_record_new (track, VITRINE_CACHE_BEATS_PROFILE, descriptors[i],
                                                               revision, analysed, i == 0 ? bytes : 0));
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  VitrineCacheSourceAudio *self = g_task_get_source_object (task);
  ListState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, NULL, &error);
  g_autoptr(GVariant) entries = NULL;
  guint32 total = 0, asked = state->offset;

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  entries = g_variant_lookup_value (reply, "entries", G_VARIANT_TYPE ("aa{sv}"));
  g_variant_lookup (reply, "total", "u", &total);
  for (gsize i = 0; entries != NULL && i < g_variant_n_children (entries); i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (entries, i);

      add_entry (state, entry);
    }
  /* A page is a stretch of PAGE files, some perhaps not entries (corrupt). */
  state->offset = asked + PAGE;
  if (state->offset < total)
    {
      list_page (g_steal_pointer (&task));
      return;
    }
  g_clear_pointer (&self->urls, g_hash_table_unref);
  self->urls = g_hash_table_ref (state->urls);
  g_task_return_pointer (task, g_ptr_array_ref (state->records), (GDestroyNotify) g_ptr_array_unref);
}

static void
list_page (GTask *task)
{
  ListState *state = g_task_get_task_data (task);

  send (g_task_get_source_object (task),
        g_variant_new_parsed ("{'kind': <'summary-list'>, 'offset': <%u>, 'limit': <%u>}",
                              state->offset, (guint32) PAGE),
        g_task_get_cancellable (task), list_done_cb, task);
}

static void
list_async (VitrineCacheSource  *source,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (source, cancellable, callback, user_data);
  ListState *state = g_new0 (ListState, 1);

  state->records = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_cache_record_free);
  state->urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_task_set_source_tag (task, list_async);
  g_task_set_task_data (task, state, (GDestroyNotify) list_state_free);
  list_page (task);
}

static GPtrArray *
list_finish (VitrineCacheSource  *source,
             GAsyncResult        *result,
             GError             **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- regenerate and dismiss -------------------------------------------------------- */

/* How often a running regeneration is asked about. */
#define POLL_MS 200
/* Its progress in these steps. */
#define STEPS 1000

typedef struct
{
  char                 *track;
  VitrineCacheProgress  progress;
  gpointer              progress_data;
  guint                 poll_id;
} Regen;

static void
regen_free (Regen *regen)
{
  g_clear_handle_id (&regen->poll_id, g_source_remove);
  g_free (regen->track);
  g_free (regen);
}

static gboolean poll_cb (gpointer data);

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  Regen *regen = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, NULL, &error);
  const char *state = "none", *message = "";
  guint64 done = 0, total = 0;

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_variant_lookup (reply, "state", "&s", &state);
  g_variant_lookup (reply, "error", "&s", &message);
  g_variant_lookup (reply, "done", "t", &done);
  g_variant_lookup (reply, "total", "t", &total);
  if (regen->progress != NULL && total > 0)
    regen->progress ((guint) (MIN (done, total) * STEPS / total), STEPS, regen->progress_data);
  if (g_str_equal (state, "done"))
    {
      vitrine_cache_source_changed (g_task_get_source_object (task));
      g_task_return_boolean (task, TRUE);
    }
  else if (g_str_equal (state, "failed"))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", message);
  else if (g_str_equal (state, "none"))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             _("The audio worker restarted before the summary was written"));
  else
    regen->poll_id = g_timeout_add (POLL_MS, poll_cb, g_steal_pointer (&task));
}

static gboolean
poll_cb (gpointer data)
{
  GTask *task = data;
  Regen *regen = g_task_get_task_data (task);
  const char *track = regen->track;

  regen->poll_id = 0;
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  send (g_task_get_source_object (task), g_variant_new_parsed ("{'kind': <'summary-status'>, 'track': <%s>}", track),
        NULL, status_cb, task);
  return G_SOURCE_REMOVE;
}

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  Regen *regen = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, NULL, &error);

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  regen->poll_id = g_timeout_add (POLL_MS, poll_cb, g_steal_pointer (&task));
}

static const char *
track_url (VitrineCacheSourceAudio *self,
           const char              *track_ref,
           char                   **owned)
{
  const char *url = self->urls != NULL ? g_hash_table_lookup (self->urls, track_ref) : NULL;

  if (url == NULL && self->visualizer != NULL)
    url = *owned = vitrine_visualizer_dup_track_url (self->visualizer, track_ref);
  return url;
}

static void
regenerate_async (VitrineCacheSource   *source,
                  const char           *track_ref,
                  const char           *profile_id,
                  const char * const   *descriptors,
                  VitrineCacheProgress  progress,
                  gpointer              progress_data,
                  GCancellable         *cancellable,
                  GAsyncReadyCallback   callback,
                  gpointer              user_data)
{
  VitrineCacheSourceAudio *self = VITRINE_CACHE_SOURCE_AUDIO (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  g_autofree char *owned = NULL;
  const char *url = track_url (self, track_ref, &owned);
  Regen *regen = g_new0 (Regen, 1);

  g_task_set_source_tag (task, regenerate_async);
  regen->track = g_strdup (track_ref);
  regen->progress = progress;
  regen->progress_data = progress_data;
  g_task_set_task_data (task, regen, (GDestroyNotify) regen_free);
  if (g_strcmp0 (profile_id, VITRINE_CACHE_BEATS_PROFILE) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("The profile “%s” no longer exists"),
                               profile_id);
      return;
    }
  if (url == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _("The player did not say where the track's file is"));
      return;
    }
  if (progress != NULL)
    progress (0, STEPS, progress_data);
  send (self, g_variant_new_parsed ("{'kind': <'summary-regenerate'>, 'input': <%s>, 'track': <%s>, 'url': <%s>}",
                                    url, track_ref, url),
        cancellable, started_cb, g_steal_pointer (&task));
}

static void
dismiss_async (VitrineCacheSource  *source,
               const char          *track_ref,
               const char          *profile_id,
               const char * const  *descriptors,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (source, cancellable, callback, user_data);
  const char *tracks[] = { track_ref, NULL };

  g_task_set_source_tag (task, dismiss_async);
  send (VITRINE_CACHE_SOURCE_AUDIO (source),
        g_variant_new_parsed ("{'kind': <'summary-forget'>, 'tracks': <%^as>}", tracks),
        cancellable, vitrine_cache_source_request_done_cb, task);
}

static void
vitrine_cache_source_audio_iface_init (VitrineCacheSourceInterface *iface)
{
  iface->get_name = get_name;
  iface->get_role = get_role;
  iface->dup_revision = dup_revision;
  iface->dup_profile_label = dup_profile_label;
  iface->expand = expand;
  iface->list_async = list_async;
  iface->list_finish = list_finish;
  iface->regenerate_async = regenerate_async;
  iface->dismiss_async = dismiss_async;
}

static void
intents_changed_cb (VitrineVisualizer       *visualizer,
                    VitrineCacheSourceAudio *self)
{
  vitrine_cache_source_changed (VITRINE_CACHE_SOURCE (self));
}

static void
vitrine_cache_source_audio_dispose (GObject *object)
{
  VitrineCacheSourceAudio *self = VITRINE_CACHE_SOURCE_AUDIO (object);

  if (self->visualizer != NULL)
    g_signal_handlers_disconnect_by_data (self->visualizer, self);
  g_clear_object (&self->visualizer);
  g_clear_object (&self->supervisor);
  g_clear_pointer (&self->urls, g_hash_table_unref);

  G_OBJECT_CLASS (vitrine_cache_source_audio_parent_class)->dispose (object);
}

static void
vitrine_cache_source_audio_class_init (VitrineCacheSourceAudioClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vitrine_cache_source_audio_dispose;
}

static void
vitrine_cache_source_audio_init (VitrineCacheSourceAudio *self)
{
}

VitrineCacheSourceAudio *
vitrine_cache_source_audio_new (VitrineSupervisor *supervisor,
                                VitrineVisualizer *visualizer)
{
  VitrineCacheSourceAudio *self = g_object_new (VITRINE_TYPE_CACHE_SOURCE_AUDIO, NULL);

  g_return_val_if_fail (VITRINE_IS_SUPERVISOR (supervisor), NULL);

  self->supervisor = g_object_ref (supervisor);
  if (visualizer != NULL)
    {
      self->visualizer = g_object_ref (visualizer);
      g_signal_connect (visualizer, "intents-changed", G_CALLBACK (intents_changed_cb), self);
    }
  return self;
}

GStrv
vitrine_cache_source_audio_dup_readable (void)
{
  const char *music = g_get_user_special_dir (G_USER_DIRECTORY_MUSIC);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GFile) folder = music != NULL ? g_file_new_for_path (music) : NULL;
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());

  /* xdg-user-dirs names the home itself for a folder the user switched off: not that. */
  if (folder != NULL && !g_file_equal (folder, home) && g_file_test (music, G_FILE_TEST_IS_DIR))
    g_strv_builder_add (builder, music);
  return g_strv_builder_end (builder);
}
