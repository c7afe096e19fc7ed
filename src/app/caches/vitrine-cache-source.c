/* vitrine-cache-source.c: the interface's dispatch and its records.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-cache-source.h"
#include "vitrine-supervisor.h"

G_DEFINE_INTERFACE (VitrineCacheSource, vitrine_cache_source, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };

static guint signals[N_SIGNALS];

static void
vitrine_cache_source_default_init (VitrineCacheSourceInterface *iface)
{
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

VitrineCacheRecord *
vitrine_cache_record_new (const char *track_ref,
                          const char *profile_id,
                          const char *descriptor,
                          const char *revision,
                          gint64      analysed_unix,
                          guint64     bytes)
{
  VitrineCacheRecord *record = g_new0 (VitrineCacheRecord, 1);

  record->track_ref = g_strdup (track_ref);
  record->profile_id = g_strdup (profile_id);
  record->descriptor = g_strdup (descriptor);
  record->revision = g_strdup (revision);
  record->analysed_unix = analysed_unix;
  record->bytes = bytes;
  return record;
}

void
vitrine_cache_record_free (VitrineCacheRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->track_ref);
  g_free (record->profile_id);
  g_free (record->descriptor);
  g_free (record->revision);
  g_free (record);
}

const char *
vitrine_cache_source_get_name (VitrineCacheSource *self)
{
  g_return_val_if_fail (VITRINE_IS_CACHE_SOURCE (self), NULL);
  return VITRINE_CACHE_SOURCE_GET_IFACE (self)->get_name (self);
}

VitrineWorkerRoleId
vitrine_cache_source_get_role (VitrineCacheSource *self)
{
  g_return_val_if_fail (VITRINE_IS_CACHE_SOURCE (self), 0);
  return VITRINE_CACHE_SOURCE_GET_IFACE (self)->get_role (self);
}

char *
vitrine_cache_source_dup_revision (VitrineCacheSource *self,
                                   const char         *profile_id)
{
  g_return_val_if_fail (VITRINE_IS_CACHE_SOURCE (self), NULL);
  return VITRINE_CACHE_SOURCE_GET_IFACE (self)->dup_revision (self, profile_id);
}

char *
vitrine_cache_source_dup_profile_label (VitrineCacheSource *self,
                                        const char         *profile_id)
{
  g_return_val_if_fail (VITRINE_IS_CACHE_SOURCE (self), NULL);
  return VITRINE_CACHE_SOURCE_GET_IFACE (self)->dup_profile_label (self, profile_id);
}

GStrv
vitrine_cache_source_expand (VitrineCacheSource       *self,
                             const VitrineCacheIntent *intent,
                             GPtrArray                *records)
{
  VitrineCacheSourceInterface *iface;

  g_return_val_if_fail (VITRINE_IS_CACHE_SOURCE (self), NULL);
  iface = VITRINE_CACHE_SOURCE_GET_IFACE (self);
  if (iface->expand == NULL)
    return g_strdupv (intent->descriptors);
  return iface->expand (self, intent, records);
}

void
vitrine_cache_source_list_async (VitrineCacheSource  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (VITRINE_IS_CACHE_SOURCE (self));
  VITRINE_CACHE_SOURCE_GET_IFACE (self)->list_async (self, cancellable, callback, user_data);
}

GPtrArray *
vitrine_cache_source_list_finish (VitrineCacheSource  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (VITRINE_IS_CACHE_SOURCE (self), NULL);
  return VITRINE_CACHE_SOURCE_GET_IFACE (self)->list_finish (self, result, error);
}

void
vitrine_cache_source_regenerate_async (VitrineCacheSource   *self,
                                       const char           *track_ref,
                                       const char           *profile_id,
                                       const char * const   *descriptors,
                                       VitrineCacheProgress  progress,
                                       gpointer              progress_data,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data)
{
  g_return_if_fail (VITRINE_IS_CACHE_SOURCE (self));
  VITRINE_CACHE_SOURCE_GET_IFACE (self)->regenerate_async (self, track_ref, profile_id,
                                                          descriptors, progress, progress_data,
                                                          cancellable, callback, user_data);
}

gboolean
vitrine_cache_source_regenerate_finish (VitrineCacheSource  *self,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  VitrineCacheSourceInterface *iface;

  g_return_val_if_fail (VITRINE_IS_CACHE_SOURCE (self), FALSE);
  iface = VITRINE_CACHE_SOURCE_GET_IFACE (self);
  if (iface->regenerate_finish == NULL)
    return g_task_propagate_boolean (G_TASK (result), error);
  return iface->regenerate_finish (self, result, error);
}

void
vitrine_cache_source_dismiss_async (VitrineCacheSource  *self,
                                    const char          *track_ref,
                                    const char          *profile_id,
                                    const char * const  *descriptors,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (VITRINE_IS_CACHE_SOURCE (self));
  VITRINE_CACHE_SOURCE_GET_IFACE (self)->dismiss_async (self, track_ref, profile_id, descriptors,
                                                       cancellable, callback, user_data);
}

gboolean
vitrine_cache_source_dismiss_finish (VitrineCacheSource  *self,
                                     GAsyncResult        *result,
                                     GError             **error)
{
  VitrineCacheSourceInterface *iface;

  g_return_val_if_fail (VITRINE_IS_CACHE_SOURCE (self), FALSE);
  iface = VITRINE_CACHE_SOURCE_GET_IFACE (self);
  if (iface->dismiss_finish == NULL)
    return g_task_propagate_boolean (G_TASK (result), error);
  return iface->dismiss_finish (self, result, error);
}

/* A source's request to its worker is done: the cache changed ("changed"), and the GTask
 * passed as @data (its source object the cache source) returns TRUE, or the error. */
void
vitrine_cache_source_request_done_cb (GObject      *object,
                                      GAsyncResult *result,
                                      gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, NULL,
                                                                 &error);

  if (reply == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  vitrine_cache_source_changed (g_task_get_source_object (task));
  g_task_return_boolean (task, TRUE);
}

void
vitrine_cache_source_changed (VitrineCacheSource *self)
{
  g_return_if_fail (VITRINE_IS_CACHE_SOURCE (self));
  g_signal_emit (self, signals[CHANGED], 0);
}
