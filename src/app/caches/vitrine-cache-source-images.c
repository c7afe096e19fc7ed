/* vitrine-cache-source-images.c: the disk cache of prescaled images as a cache source.
 * Everything goes through the supervisor to the image worker; nothing here touches a
 * file (the display process reads none of the cache).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "vitrine-cache-source-images.h"

#define LIST_PAGE 256

struct _VitrineCacheSourceImages
{
  GObject            parent_instance;

  VitrineSupervisor *supervisor;
  GSettings         *display;
  GSettings         *workers;
  GSettings         *sources;
  char             **roots;
  char              *revision;   /* the worker's, for the display settings of the last list */
  GHashTable        *gone;       /* keys whose source is not as recorded (last list) */
};

static void vitrine_cache_source_images_iface_init (VitrineCacheSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VitrineCacheSourceImages, vitrine_cache_source_images, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (VITRINE_TYPE_CACHE_SOURCE,
                                                      vitrine_cache_source_images_iface_init))

gboolean
vitrine_cache_source_images_parse_key (const char  *descriptor,
                                       char       **path,
                                       guint       *width,
                                       guint       *height)
{
  const char *bar = descriptor != NULL ? g_strrstr (descriptor, "|scaled:") : NULL;
  guint w = 0, h = 0;
  char end = 0;

  if (bar == NULL || bar == descriptor ||
      sscanf (bar + strlen ("|scaled:"), "%ux%u%c", &w, &h, &end) != 2 || w == 0 || h == 0 ||
      w > 16384 || h > 16384)
    return FALSE;
  if (path != NULL)
    *path = g_strndup (descriptor, bar - descriptor);
  *width = w;
  *height = h;
  return TRUE;
}

/* The Ken Burns zoom the display prepares images for, 1.0 when Ken Burns is off. */
static double
zoom (VitrineCacheSourceImages *self)
{
  if (!g_settings_get_boolean (self->display, "ken-burns"))
    return 1.0;
  return CLAMP (g_settings_get_double (self->display, "ken-burns-zoom"), 1.0, 1.5);
}

static gboolean
under (const char *path,
       const char *root)
{
  gsize length = strlen (root);

  return length > 0 && strncmp (path, root, length) == 0 && (path[length] == '/' || root[length - 1] == '/');
}

/* The group of @path: the longest root it is under, else its folder. */
static char *
track_ref_of (VitrineCacheSourceImages *self,
              const char               *path)
{
  const char *best = NULL;

  for (guint i = 0; self->roots != NULL && self->roots[i] != NULL; i++)
    if (under (path, self->roots[i]) && (best == NULL || strlen (self->roots[i]) > strlen (best)))
      best = self->roots[i];
  return best != NULL ? g_strdup (best) : g_path_get_dirname (path);
}

/* --- the interface ---------------------------------------------------------------- */

static const char *
get_name (VitrineCacheSource *source)
{
  return "images";
}

static VitrineWorkerRoleId
get_role (VitrineCacheSource *source)
{
  return VITRINE_WORKER_ROLE_IMAGE;
}

static char *
dup_revision (VitrineCacheSource *source,
              const char         *profile_id)
{
  VitrineCacheSourceImages *self = VITRINE_CACHE_SOURCE_IMAGES (source);

  if (g_strcmp0 (profile_id, VITRINE_CACHE_SOURCE_IMAGES_PROFILE) != 0)
    return NULL;
  /* Before the first list the worker has not said; nothing is current yet. */
  return g_strdup (self->revision != NULL ? self->revision : "");
}

static char *
dup_profile_label (VitrineCacheSource *source,
                   const char         *profile_id)
{
  if (g_strcmp0 (profile_id, VITRINE_CACHE_SOURCE_IMAGES_PROFILE) != 0)
    return NULL;
  return g_strdup (_("the current display profile"));
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Every "PATH|scaled:WxH" of the intent's sizes for each photo of its root with a record
 * whose source is as recorded (one that is gone or changed is left extraneous). */
static GStrv
expand (VitrineCacheSource       *source,
        const VitrineCacheIntent *intent,
        GPtrArray                *records)
{
  VitrineCacheSourceImages *self = VITRINE_CACHE_SOURCE_IMAGES (source);
  g_autoptr(GHashTable) paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char **sorted = NULL;
  GHashTableIter iter;
  gpointer path;
  guint n = 0;

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const VitrineCacheRecord *record = records->pdata[i];
      char *record_path = NULL;
      guint w, h;

      if (g_strcmp0 (record->track_ref, intent->track_ref) != 0 ||
          g_hash_table_contains (self->gone, record->descriptor) ||
          !vitrine_cache_source_images_parse_key (record->descriptor, &record_path, &w, &h))
        continue;
      g_hash_table_add (paths, record_path);
    }

  g_hash_table_iter_init (&iter, paths);
  while (g_hash_table_iter_next (&iter, &path, NULL))
    for (guint d = 0; intent->descriptors != NULL && intent->descriptors[d] != NULL; d++)
      if (g_str_has_prefix (intent->descriptors[d], "scaled:"))
        g_hash_table_add (wanted, g_strdup_printf ("%s|%s", (const char *) path, intent->descriptors[d]));

  sorted = (char **) g_hash_table_get_keys_as_array (wanted, &n);
  qsort (sorted, n, sizeof (char *), compare_strings);
  return g_strdupv (sorted);
}

/* --- listing ---------------------------------------------------------------------- */

typedef struct
{
  GPtrArray  *records;   /* of VitrineCacheRecord */
  GHashTable *gone;
  char       *revision;
  guint       offset;
} ListState;

static void
list_state_free (ListState *state)
{
  g_ptr_array_unref (state->records);
  g_hash_table_unref (state->gone);
  g_free (state->revision);
  g_free (state);
}

/* The profile the display prepares images with, as a request's members. */
static void
add_profile (VitrineCacheSourceImages *self,
             GVariantDict             *dict)
{
  g_variant_dict_insert (dict, "mode", "u", (guint32) g_settings_get_enum (self->display, "scale-mode"));
  g_variant_dict_insert (dict, "sharpen", "b", g_settings_get_boolean (self->display, "sharpen"));
  g_variant_dict_insert (dict, "zoom", "d", zoom (self));
}

static void list_page_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
list_page (GTask *task)
{
  VitrineCacheSourceImages *self = g_task_get_source_object (task);
  ListState *state = g_task_get_task_data (task);
  g_autoptr(GVariant) request = NULL;
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "kind", "s", "cache-list");
  g_variant_dict_insert (&dict, "root", "s", "");
  add_profile (self, &dict);
  g_variant_dict_insert (&dict, "offset", "u", (guint32) state->offset);
  g_variant_dict_insert (&dict, "limit", "u", (guint32) LIST_PAGE);
  request = g_variant_ref_sink (g_variant_dict_end (&dict));
  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_IMAGE, request,
                                    g_task_get_cancellable (task), list_page_cb, task);
}

/* One entry of a page as a record (the worker's word for it is checked, not trusted). */
static void
add_record (VitrineCacheSourceImages *self,
            ListState                *state,
            GVariant                 *entry)
{
  const char *key = NULL, *path = NULL, *revision = NULL;
  g_autofree char *track_ref = NULL;
  g_autofree char *key_path = NULL;
  gboolean source_ok = TRUE;
  guint64 bytes = 0;
  gint64 created = 0;
  guint w, h;

  if (!g_variant_lookup (entry, "key", "&s", &key) || !g_variant_lookup (entry, "path", "&s", &path) ||
      !g_variant_lookup (entry, "revision", "&s", &revision) ||
      !vitrine_cache_source_images_parse_key (key, &key_path, &w, &h) || !g_str_equal (key_path, path))
    return;
  g_variant_lookup (entry, "bytes", "t", &bytes);
  g_variant_lookup (entry, "created", "x", &created);
  g_variant_lookup (entry, "source-ok", "b", &source_ok);
  if (!source_ok)
    g_hash_table_add (state->gone, g_strdup (key));
  track_ref = track_ref_of (self, path);
  g_ptr_array_add (state->records, vitrine_cache_record_new (track_ref, VITRINE_CACHE_SOURCE_IMAGES_PROFILE, key,
                                                            revision, created, bytes));
}

static void
list_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  VitrineCacheSourceImages *self = g_task_get_source_object (task);
  ListState *state = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *revision = NULL;
  guint32 total = 0;
  gsize n;

  reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, NULL, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  entries = g_variant_lookup_value (reply, "entries", G_VARIANT_TYPE ("aa{sv}"));
  if (entries == NULL || !g_variant_lookup (reply, "revision", "&s", &revision) ||
      !g_variant_lookup (reply, "total", "u", &total))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               "the image worker's cache list is malformed");
      return;
    }
  g_free (state->revision);
  state->revision = g_strdup (revision);
  n = g_variant_n_children (entries);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (entries, i);

      add_record (self, state, entry);
    }
  state->offset += n;
  if (n > 0 && state->offset < total)
    {
      list_page (g_steal_pointer (&task));
      return;
    }

  g_free (self->revision);
  self->revision = g_steal_pointer (&state->revision);
  g_hash_table_unref (self->gone);
  self->gone = g_hash_table_ref (state->gone);
  g_task_return_pointer (task, g_ptr_array_ref (state->records), (GDestroyNotify) g_ptr_array_unref);
}

static void
list_async (VitrineCacheSource  *source,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (source, cancellable, callback, user_data);
  ListState *state = g_new0 (ListState, 1);

  g_task_set_source_tag (task, list_async);
  state->records = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_cache_record_free);
  state->gone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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

/* --- regeneration and dismissal --------------------------------------------------- */

typedef struct
{
  GStrv                 descriptors;
  guint                 next;
  guint                 failed;
  char                 *first_error;
  VitrineCacheProgress  progress;
  gpointer              progress_data;
} RegenState;

static void
regen_state_free (RegenState *state)
{
  g_strfreev (state->descriptors);
  g_free (state->first_error);
  g_free (state);
}

static void regen_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
regen_failed (RegenState *state,
              const char *descriptor,
              const char *reason)
{
  state->failed++;
  if (state->first_error == NULL)
    state->first_error = g_strdup_printf ("%s: %s", descriptor, reason);
}

/* The next descriptor's store-only prescale, or the end. */
static void
regen_next (GTask *task)
{
  VitrineCacheSourceImages *self = g_task_get_source_object (task);
  RegenState *state = g_task_get_task_data (task);
  guint total = g_strv_length (state->descriptors);
  g_autoptr(GVariant) request = NULL;
  g_autofree char *path = NULL;
  GVariantDict dict;
  guint width, height;

  while (state->next < total &&
         !vitrine_cache_source_images_parse_key (state->descriptors[state->next], &path, &width, &height))
    regen_failed (state, state->descriptors[state->next++], "not an image cache entry");
  if (state->next >= total)
    {
      vitrine_cache_source_changed (VITRINE_CACHE_SOURCE (self));
      if (state->failed > 0)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%u of %u not regenerated (%s)",
                                 state->failed, total, state->first_error);
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "kind", "s", "prescale");
  g_variant_dict_insert (&dict, "input", "s", path);
  g_variant_dict_insert (&dict, "width", "u", (guint32) width);
  g_variant_dict_insert (&dict, "height", "u", (guint32) height);
  add_profile (self, &dict);
  g_variant_dict_insert (&dict, "max-pixels", "t",
                         (guint64) g_settings_get_uint (self->workers, "image-max-megapixels") * 1000000);
  g_variant_dict_insert (&dict, "store-only", "b", TRUE);
  g_variant_dict_insert (&dict, "disk-budget", "t", (guint64) g_settings_get_uint (self->workers, "disk-cache-size") << 20);
  request = g_variant_ref_sink (g_variant_dict_end (&dict));
  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_IMAGE, request,
                                    g_task_get_cancellable (task), regen_cb, task);
}

static void
regen_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  RegenState *state = g_task_get_task_data (task);
  const char *descriptor = state->descriptors[state->next++];
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *outcome = NULL;

  reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, NULL, &error);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  if (reply == NULL)
    regen_failed (state, descriptor, error->message);
  else if (!g_variant_lookup (reply, "disk", "&s", &outcome) || !g_str_equal (outcome, "stored"))
    regen_failed (state, descriptor, "the image worker could not write it to the disk cache");
  if (state->progress != NULL)
    state->progress (state->next, g_strv_length (state->descriptors), state->progress_data);
  regen_next (task);
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
  GTask *task = g_task_new (source, cancellable, callback, user_data);
  RegenState *state = g_new0 (RegenState, 1);

  g_task_set_source_tag (task, regenerate_async);
  state->descriptors = g_strdupv ((char **) descriptors);
  if (state->descriptors == NULL)
    state->descriptors = g_new0 (char *, 1);
  state->progress = progress;
  state->progress_data = progress_data;
  g_task_set_task_data (task, state, (GDestroyNotify) regen_state_free);
  if (g_strcmp0 (profile_id, VITRINE_CACHE_SOURCE_IMAGES_PROFILE) != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "the image cache has no profile “%s”",
                               profile_id != NULL ? profile_id : "");
      g_object_unref (task);
      return;
    }
  regen_next (task);
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
  VitrineCacheSourceImages *self = VITRINE_CACHE_SOURCE_IMAGES (source);
  GTask *task = g_task_new (source, cancellable, callback, user_data);
  const char * const none[] = { NULL };
  g_autoptr(GVariant) request = NULL;

  g_task_set_source_tag (task, dismiss_async);
  request = g_variant_ref_sink (g_variant_new_parsed ("{'kind': <'cache-dismiss'>, 'keys': <%^as>}",
                                                      descriptors != NULL ? descriptors : none));
  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_IMAGE, request, cancellable,
                                    vitrine_cache_source_request_done_cb, task);
}

/* --- object ----------------------------------------------------------------------- */

/* A display key that enters the revision: the wanted revision changes. */
static void
display_changed_cb (GSettings                *settings,
                    const char               *key,
                    VitrineCacheSourceImages *self)
{
  if (g_str_equal (key, "scale-mode") || g_str_equal (key, "sharpen") ||
      g_str_equal (key, "ken-burns") || g_str_equal (key, "ken-burns-zoom"))
    vitrine_cache_source_changed (VITRINE_CACHE_SOURCE (self));
}

static void
folders_changed_cb (GSettings                *settings,
                    const char               *key,
                    VitrineCacheSourceImages *self)
{
  g_auto(GStrv) folders = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) roots = NULL;

  if (!g_str_equal (key, "folders"))
    return;
  folders = g_settings_get_strv (settings, "folders");
  for (guint i = 0; folders[i] != NULL; i++)
    {
      if (g_str_has_prefix (folders[i], "~/"))
        {
          g_autofree char *expanded = g_build_filename (g_get_home_dir (), folders[i] + 2, NULL);

          g_strv_builder_add (builder, expanded);
        }
      else
        g_strv_builder_add (builder, folders[i]);
    }
  roots = g_strv_builder_end (builder);
  vitrine_cache_source_images_set_roots (self, (const char * const *) roots);
}

void
vitrine_cache_source_images_set_roots (VitrineCacheSourceImages *self,
                                       const char * const       *roots)
{
  g_return_if_fail (VITRINE_IS_CACHE_SOURCE_IMAGES (self));

  if (self->roots != NULL && roots != NULL && g_strv_equal ((const char * const *) self->roots, roots))
    return;
  g_strfreev (self->roots);
  self->roots = g_strdupv ((char **) roots);
  vitrine_cache_source_changed (VITRINE_CACHE_SOURCE (self));
}

static void
vitrine_cache_source_images_iface_init (VitrineCacheSourceInterface *iface)
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
vitrine_cache_source_images_dispose (GObject *object)
{
  VitrineCacheSourceImages *self = VITRINE_CACHE_SOURCE_IMAGES (object);

  if (self->display != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->display, self);
      g_signal_handlers_disconnect_by_data (self->sources, self);
    }
  g_clear_object (&self->display);
  g_clear_object (&self->workers);
  g_clear_object (&self->sources);
  g_clear_object (&self->supervisor);

  G_OBJECT_CLASS (vitrine_cache_source_images_parent_class)->dispose (object);
}

static void
vitrine_cache_source_images_finalize (GObject *object)
{
  VitrineCacheSourceImages *self = VITRINE_CACHE_SOURCE_IMAGES (object);

  g_strfreev (self->roots);
  g_free (self->revision);
  g_hash_table_unref (self->gone);

  G_OBJECT_CLASS (vitrine_cache_source_images_parent_class)->finalize (object);
}

static void
vitrine_cache_source_images_class_init (VitrineCacheSourceImagesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vitrine_cache_source_images_dispose;
  object_class->finalize = vitrine_cache_source_images_finalize;
}

static void
vitrine_cache_source_images_init (VitrineCacheSourceImages *self)
{
  self->gone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

VitrineCacheSourceImages *
vitrine_cache_source_images_new (VitrineSupervisor *supervisor,
                                 GSettings         *settings)
{
  VitrineCacheSourceImages *self;

  g_return_val_if_fail (VITRINE_IS_SUPERVISOR (supervisor), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (VITRINE_TYPE_CACHE_SOURCE_IMAGES, NULL);
  self->supervisor = g_object_ref (supervisor);
  self->display = g_settings_get_child (settings, "display");
  self->workers = g_settings_get_child (settings, "workers");
  self->sources = g_settings_get_child (settings, "sources");
  folders_changed_cb (self->sources, "folders", self);
  g_signal_connect (self->display, "changed", G_CALLBACK (display_changed_cb), self);
  g_signal_connect (self->sources, "changed", G_CALLBACK (folders_changed_cb), self);
  return self;
}
