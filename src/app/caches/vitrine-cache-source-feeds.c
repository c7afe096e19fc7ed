/* vitrine-cache-source-feeds.c: the feed mirror's source (see the header).
 *
 * A mirrored file is current when the signature probe still lets it in (revision
 * "mirror-1"), stale when it no longer does ("unreadable"). The paths of the last listing
 * are kept so that a dismissal names files, never URLs, to the worker.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-cache-revisions.h"
#include "vitrine-cache-source-feeds.h"

#define PAGE 500

struct _VitrineCacheSourceFeeds
{
  GObject            parent_instance;

  VitrineSupervisor *supervisor;
  VitrineFeeds      *feeds;
  GHashTable        *paths;   /* "track_ref\nDESCRIPTOR" → path, from the last listing */
};

static void vitrine_cache_source_feeds_iface_init (VitrineCacheSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VitrineCacheSourceFeeds, vitrine_cache_source_feeds, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (VITRINE_TYPE_CACHE_SOURCE,
                                                      vitrine_cache_source_feeds_iface_init))

static char *
path_key (const char *track_ref,
          const char *descriptor)
{
  return g_strconcat (track_ref, "\n", descriptor, NULL);
}

static const char *
get_name (VitrineCacheSource *source)
{
  return "feeds";
}

static VitrineWorkerRoleId
get_role (VitrineCacheSource *source)
{
  return VITRINE_WORKER_ROLE_FEED;
}

static char *
dup_revision (VitrineCacheSource *source,
              const char         *profile_id)
{
  return g_strcmp0 (profile_id, VITRINE_CACHE_MIRROR_PROFILE) == 0 ? g_strdup (VITRINE_CACHE_MIRROR_REVISION) : NULL;
}

static char *
dup_profile_label (VitrineCacheSource *source,
                   const char         *profile_id)
{
  if (g_strcmp0 (profile_id, VITRINE_CACHE_MIRROR_PROFILE) == 0)
    return g_strdup (_("the feed mirror"));
  return g_strdup_printf (_("the '%s' profile"), profile_id);
}

static void
send (VitrineCacheSourceFeeds *self,
      GVariant                *request,
      GCancellable            *cancellable,
      GAsyncReadyCallback      callback,
      gpointer                 data)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (request);

  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_FEED, owned, cancellable, callback, data);
}

/* --- list -------------------------------------------------------------------------- */

typedef struct
{
  GPtrArray  *records;
  GHashTable *paths;
  guint32     offset;
} ListState;

static void
list_state_free (ListState *state)
{
  g_ptr_array_unref (state->records);
  g_hash_table_unref (state->paths);
  g_free (state);
}

static void list_page (GTask *task);

static void
add_entry (ListState *state,
           GVariant  *entry)
{
  const char *folder = "", *feed = "", *url = "", *path = "", *revision = "";
  gint64 mtime = 0;
  guint64 bytes = 0;
  g_autofree char *track_ref = NULL, *descriptor = NULL;

  g_variant_lookup (entry, "folder", "&s", &folder);
  g_variant_lookup (entry, "feed", "&s", &feed);
  g_variant_lookup (entry, "url", "&s", &url);
  g_variant_lookup (entry, "path", "&s", &path);
  g_variant_lookup (entry, "revision", "&s", &revision);
  g_variant_lookup (entry, "mtime", "x", &mtime);
  g_variant_lookup (entry, "bytes", "t", &bytes);
  if (*path == '\0')
    return;
  track_ref = *feed != '\0' ? g_strdup (feed) : g_strdup_printf ("unknown feed (%s)", folder);
  if (*url != '\0')
    descriptor = g_strdup (url);
  else
    {
      g_autofree char *name = g_path_get_basename (path);

      descriptor = g_strdup_printf ("file %s", name);
    }
  g_hash_table_replace (state->paths, path_key (track_ref, descriptor), g_strdup (path));
  g_ptr_array_add (state->records, vitrine_cache_record_new (track_ref, VITRINE_CACHE_MIRROR_PROFILE, descriptor,
                                                             revision, mtime, bytes));
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  VitrineCacheSourceFeeds *self = g_task_get_source_object (task);
  ListState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, NULL, &error);
  g_autoptr(GVariant) entries = NULL;
  guint32 total = 0;
  gsize n;

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  entries = g_variant_lookup_value (reply, "entries", G_VARIANT_TYPE ("aa{sv}"));
  g_variant_lookup (reply, "total", "u", &total);
  n = entries != NULL ? g_variant_n_children (entries) : 0;
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (entries, i);

      add_entry (state, entry);
    }
  state->offset += (guint32) n;
  /* An empty page ends it too: a worker that says more than it gives is not waited for. */
  if (n > 0 && state->offset < total)
    {
      list_page (g_steal_pointer (&task));
      return;
    }
  g_clear_pointer (&self->paths, g_hash_table_unref);
  self->paths = g_hash_table_ref (state->paths);
  g_task_return_pointer (task, g_ptr_array_ref (state->records), (GDestroyNotify) g_ptr_array_unref);
}

static void
list_page (GTask *task)
{
  ListState *state = g_task_get_task_data (task);

  send (g_task_get_source_object (task),
        g_variant_new_parsed ("{'kind': <'mirror-list'>, 'all': <true>, 'offset': <%u>, 'limit': <%u>}",
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
  state->paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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

/* --- regenerate -------------------------------------------------------------------- */

typedef struct
{
  char                 *feed;
  GStrv                 urls;
  guint                 done;
  guint                 failed;
  char                 *first_error;
  VitrineCacheProgress  progress;
  gpointer              progress_data;
} RegenState;

static void
regen_state_free (RegenState *state)
{
  g_free (state->feed);
  g_strfreev (state->urls);
  g_free (state->first_error);
  g_free (state);
}

static void regen_next (GTask *task);

static void
regen_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GTask) task = data;
  RegenState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, NULL, &error);
  gboolean ok = FALSE;
  const char *message = NULL;

  if (reply == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (reply != NULL && (!g_variant_lookup (reply, "ok", "b", &ok) || !ok))
    g_variant_lookup (reply, "error", "&s", &message);
  if (!ok)
    {
      state->failed++;
      if (state->first_error == NULL)
        state->first_error = g_strdup_printf ("%s: %s", state->urls[state->done],
                                              error != NULL ? error->message : message != NULL ? message : "failed");
    }
  state->done++;
  if (state->progress != NULL)
    state->progress (state->done, g_strv_length (state->urls), state->progress_data);
  regen_next (g_steal_pointer (&task));
}

static void
regen_next (GTask *task)
{
  RegenState *state = g_task_get_task_data (task);
  const char *url = state->urls[state->done];

  if (url == NULL)
    {
      if (state->failed > 0)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                                 g_dngettext (GETTEXT_PACKAGE, "%u image could not be mirrored (%s)",
                                              "%u images could not be mirrored (%s)", state->failed),
                                 state->failed, state->first_error);
      else
        {
          vitrine_cache_source_changed (g_task_get_source_object (task));
          g_task_return_boolean (task, TRUE);
        }
      return;
    }
  send (g_task_get_source_object (task),
        g_variant_new_parsed ("{'kind': <'mirror'>, 'input': <%s>, 'feed': <%s>, 'url': <%s>}",
                              url, state->feed, url),
        g_task_get_cancellable (task), regen_done_cb, task);
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
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  RegenState *state;

  g_task_set_source_tag (task, regenerate_async);
  if (g_strcmp0 (profile_id, VITRINE_CACHE_MIRROR_PROFILE) != 0 || g_str_has_prefix (track_ref, "unknown feed ("))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("Only the images of a configured feed can be mirrored again"));
      return;
    }
  state = g_new0 (RegenState, 1);
  state->feed = g_strdup (track_ref);
  state->urls = g_strdupv ((char **) descriptors);
  if (state->urls == NULL)
    state->urls = g_new0 (char *, 1);
  state->progress = progress;
  state->progress_data = progress_data;
  g_task_set_task_data (task, state, (GDestroyNotify) regen_state_free);
  regen_next (g_steal_pointer (&task));
}

/* --- dismiss ----------------------------------------------------------------------- */

static void
dismiss_async (VitrineCacheSource  *source,
               const char          *track_ref,
               const char          *profile_id,
               const char * const  *descriptors,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  VitrineCacheSourceFeeds *self = VITRINE_CACHE_SOURCE_FEEDS (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  g_task_set_source_tag (task, dismiss_async);
  for (guint i = 0; descriptors != NULL && descriptors[i] != NULL && self->paths != NULL; i++)
    {
      g_autofree char *key = path_key (track_ref, descriptors[i]);
      const char *path = g_hash_table_lookup (self->paths, key);

      if (path != NULL)
        g_ptr_array_add (paths, (gpointer) path);
    }
  if (paths->len == 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("The feed mirror does not hold these images"));
      return;
    }
  g_ptr_array_add (paths, NULL);
  send (self, g_variant_new_parsed ("{'kind': <'mirror-forget'>, 'paths': <%^as>}", (const char * const *) paths->pdata),
        cancellable, vitrine_cache_source_request_done_cb, g_steal_pointer (&task));
}

static void
vitrine_cache_source_feeds_iface_init (VitrineCacheSourceInterface *iface)
{
  iface->get_name = get_name;
  iface->get_role = get_role;
  iface->dup_revision = dup_revision;
  iface->dup_profile_label = dup_profile_label;
  iface->list_async = list_async;
  iface->list_finish = list_finish;
  iface->regenerate_async = regenerate_async;
  iface->dismiss_async = dismiss_async;
}

static void
feeds_changed_cb (VitrineFeeds            *feeds,
                  VitrineCacheSourceFeeds *self)
{
  vitrine_cache_source_changed (VITRINE_CACHE_SOURCE (self));
}

static void
vitrine_cache_source_feeds_dispose (GObject *object)
{
  VitrineCacheSourceFeeds *self = VITRINE_CACHE_SOURCE_FEEDS (object);

  if (self->feeds != NULL)
    g_signal_handlers_disconnect_by_data (self->feeds, self);
  g_clear_object (&self->feeds);
  g_clear_object (&self->supervisor);
  g_clear_pointer (&self->paths, g_hash_table_unref);

  G_OBJECT_CLASS (vitrine_cache_source_feeds_parent_class)->dispose (object);
}

static void
vitrine_cache_source_feeds_class_init (VitrineCacheSourceFeedsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = vitrine_cache_source_feeds_dispose;
}

static void
vitrine_cache_source_feeds_init (VitrineCacheSourceFeeds *self)
{
}

VitrineCacheSourceFeeds *
vitrine_cache_source_feeds_new (VitrineSupervisor *supervisor,
                                VitrineFeeds      *feeds)
{
  VitrineCacheSourceFeeds *self = g_object_new (VITRINE_TYPE_CACHE_SOURCE_FEEDS, NULL);

  g_return_val_if_fail (VITRINE_IS_SUPERVISOR (supervisor), NULL);

  self->supervisor = g_object_ref (supervisor);
  if (feeds != NULL)
    {
      self->feeds = g_object_ref (feeds);
      g_signal_connect (feeds, "feeds-changed", G_CALLBACK (feeds_changed_cb), self);
    }
  return self;
}
