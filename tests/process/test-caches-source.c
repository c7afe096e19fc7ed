/* test-caches-source.c: the in-memory cache source of the cache manager's tests.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-caches-source.h"

typedef struct
{
  char                 *track_ref;
  char                 *profile_id;
  GStrv                 descriptors;
  VitrineCacheProgress  progress;
  gpointer              progress_data;
} Regeneration;

static void
regeneration_free (Regeneration *regeneration)
{
  g_free (regeneration->track_ref);
  g_free (regeneration->profile_id);
  g_strfreev (regeneration->descriptors);
  g_free (regeneration);
}

static void test_source_iface_init (VitrineCacheSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSource, test_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (VITRINE_TYPE_CACHE_SOURCE, test_source_iface_init))

static void
test_source_finalize (GObject *object)
{
  TestSource *self = TEST_SOURCE (object);

  g_assert_null (self->held);
  g_free (self->name);
  g_free (self->fail_next);
  g_hash_table_unref (self->revisions);
  g_ptr_array_unref (self->records);
  G_OBJECT_CLASS (test_source_parent_class)->finalize (object);
}

static void
test_source_class_init (TestSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_source_finalize;
}

static void
test_source_init (TestSource *self)
{
  self->revisions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_cache_record_free);
}

TestSource *
test_source_new (const char          *name,
                 VitrineWorkerRoleId  role)
{
  TestSource *self = g_object_new (TEST_TYPE_SOURCE, NULL);

  self->name = g_strdup (name);
  self->role = role;
  return self;
}

static guint
find_record (TestSource *self,
             const char *track_ref,
             const char *profile_id,
             const char *descriptor)
{
  for (guint i = 0; i < self->records->len; i++)
    {
      const VitrineCacheRecord *record = self->records->pdata[i];

      if (g_str_equal (record->track_ref, track_ref) && g_str_equal (record->profile_id, profile_id)
          && g_str_equal (record->descriptor, descriptor))
        return i;
    }
  return G_MAXUINT;
}

void
test_source_record (TestSource *self,
                    const char *track_ref,
                    const char *profile_id,
                    const char *descriptor,
                    const char *revision)
{
  guint index = find_record (self, track_ref, profile_id, descriptor);

  if (index != G_MAXUINT)
    g_ptr_array_remove_index (self->records, index);
  g_ptr_array_add (self->records, vitrine_cache_record_new (track_ref, profile_id, descriptor, revision,
                                                            g_get_real_time () / G_USEC_PER_SEC, 1000));
}

const VitrineCacheRecord *
test_source_lookup (TestSource *self,
                    const char *track_ref,
                    const char *profile_id,
                    const char *descriptor)
{
  guint index = find_record (self, track_ref, profile_id, descriptor);

  return index != G_MAXUINT ? self->records->pdata[index] : NULL;
}

static const char *
get_name (VitrineCacheSource *source)
{
  return TEST_SOURCE (source)->name;
}

static VitrineWorkerRoleId
get_role (VitrineCacheSource *source)
{
  return TEST_SOURCE (source)->role;
}

static char *
dup_revision (VitrineCacheSource *source,
              const char         *profile_id)
{
  return g_strdup (g_hash_table_lookup (TEST_SOURCE (source)->revisions, profile_id));
}

static char *
dup_profile_label (VitrineCacheSource *source,
                   const char         *profile_id)
{
  return g_strdup_printf ("the '%s' profile", profile_id);
}

static void
list_async (VitrineCacheSource  *source,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  TestSource *self = TEST_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_cache_record_free);

  self->lists++;
  for (guint i = 0; i < self->records->len; i++)
    {
      const VitrineCacheRecord *r = self->records->pdata[i];

      g_ptr_array_add (copy, vitrine_cache_record_new (r->track_ref, r->profile_id, r->descriptor,
                                                       r->revision, r->analysed_unix, r->bytes));
    }
  /* GTask answers from an idle callback: asynchronous as a worker's answer is. */
  g_task_return_pointer (task, copy, (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
list_finish (VitrineCacheSource  *source,
             GAsyncResult        *result,
             GError             **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Makes the entries with the wanted revision, or fails as asked. */
static void
complete (TestSource *self,
          GTask      *task)
{
  Regeneration *regeneration = g_task_get_task_data (task);
  const char *revision = g_hash_table_lookup (self->revisions, regeneration->profile_id);
  guint total = g_strv_length (regeneration->descriptors);

  if (self->fail_next != NULL)
    {
      g_autofree char *message = g_steal_pointer (&self->fail_next);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", message);
      return;
    }
  for (guint i = 0; i < total; i++)
    {
      test_source_record (self, regeneration->track_ref, regeneration->profile_id,
                          regeneration->descriptors[i], revision);
      regeneration->progress (i + 1, total, regeneration->progress_data);
    }
  g_task_return_boolean (task, TRUE);
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
  TestSource *self = TEST_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  Regeneration *regeneration = g_new0 (Regeneration, 1);

  regeneration->track_ref = g_strdup (track_ref);
  regeneration->profile_id = g_strdup (profile_id);
  regeneration->descriptors = g_strdupv ((GStrv) descriptors);
  regeneration->progress = progress;
  regeneration->progress_data = progress_data;
  g_task_set_task_data (task, regeneration, (GDestroyNotify) regeneration_free);
  self->regenerations++;
  if (self->hold)
    {
      g_assert_null (self->held);
      progress (0, g_strv_length (regeneration->descriptors), progress_data);
      self->held = g_steal_pointer (&task);
      return;
    }
  complete (self, task);
}

gboolean
test_source_release (TestSource *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->held);

  if (task == NULL)
    return FALSE;
  complete (self, task);
  return TRUE;
}

static gboolean
boolean_finish (VitrineCacheSource  *source,
                GAsyncResult        *result,
                GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
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
  TestSource *self = TEST_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);

  self->dismissals++;
  for (guint i = 0; descriptors[i] != NULL; i++)
    {
      guint index = find_record (self, track_ref, profile_id, descriptors[i]);

      if (index != G_MAXUINT)
        g_ptr_array_remove_index (self->records, index);
    }
  g_task_return_boolean (task, TRUE);
}

static void
test_source_iface_init (VitrineCacheSourceInterface *iface)
{
  iface->get_name = get_name;
  iface->get_role = get_role;
  iface->dup_revision = dup_revision;
  iface->dup_profile_label = dup_profile_label;
  iface->list_async = list_async;
  iface->list_finish = list_finish;
  iface->regenerate_async = regenerate_async;
  iface->regenerate_finish = boolean_finish;
  iface->dismiss_async = dismiss_async;
  iface->dismiss_finish = boolean_finish;
}
