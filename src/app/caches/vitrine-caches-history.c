/* vitrine-caches-history.c: the regeneration history in $XDG_STATE_HOME. Each write reads
 * the file, appends, keeps the newest 1,000 and replaces it atomically (a temporary file
 * renamed over it, after an fsync), in a thread. Writes are serialized: entries that
 * arrive during one wait for the next, so none is lost and the file is never half written.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vitrine-caches-private.h"

typedef struct
{
  char      *path;
  GPtrArray *entries;   /* of VitrineHistoryEntry, to append; may be empty (a read) */
} HistoryOp;

typedef struct
{
  GPtrArray *parsed;    /* what the file holds now */
  GError    *error;     /* the write failed; nothing was appended */
} HistoryResult;

static void
history_op_free (HistoryOp *op)
{
  g_free (op->path);
  g_ptr_array_unref (op->entries);
  g_free (op);
}

static void
history_result_free (HistoryResult *result)
{
  g_ptr_array_unref (result->parsed);
  g_clear_error (&result->error);
  g_free (result);
}

static gboolean
write_history (const char  *path,
               const char  *text,
               GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

static void
history_op_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  HistoryOp *op = task_data;
  HistoryResult *result = g_new0 (HistoryResult, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (op->path, &contents, &length, &error))
    {
      /* A file that cannot be read is not overwritten: its history would be lost. */
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          result->parsed = g_ptr_array_new ();
          result->error = g_steal_pointer (&error);
          g_task_return_pointer (task, result, (GDestroyNotify) history_result_free);
          return;
        }
      g_clear_error (&error);
    }
  if (op->entries->len > 0)
    {
      g_autofree char *text = vitrine_history_append (contents, length, op->entries,
                                                      VITRINE_CACHE_HISTORY_KEEP);

      if (write_history (op->path, text, &result->error))
        {
          result->parsed = vitrine_history_parse (text, strlen (text));
          g_task_return_pointer (task, result, (GDestroyNotify) history_result_free);
          return;
        }
    }
  result->parsed = vitrine_history_parse (contents, length);
  g_task_return_pointer (task, result, (GDestroyNotify) history_result_free);
}

static void start_history_op (VitrineCaches *self);

static void
history_op_cb (GObject      *object,
               GAsyncResult *task,
               gpointer      user_data)
{
  VitrineCaches *self = VITRINE_CACHES (object);
  HistoryOp *op = g_task_get_task_data (G_TASK (task));
  HistoryResult *result = g_task_propagate_pointer (G_TASK (task), NULL);
  gboolean write_failed = result->error != NULL && op->entries->len > 0;

  self->history_busy = FALSE;
  g_clear_pointer (&self->history_writing, g_ptr_array_unref);
  if (write_failed)
    {
      g_warning ("Cannot write the cache history %s: %s", op->path, result->error->message);
      /* Kept for the next write, ahead of what came since. */
      g_ptr_array_extend_and_steal (op->entries, g_steal_pointer (&self->history_pending));
      self->history_pending = g_steal_pointer (&op->entries);
      op->entries = g_ptr_array_new ();
    }
  else if (result->error != NULL)
    g_warning ("Cannot read the cache history %s: %s", op->path, result->error->message);
  g_clear_pointer (&self->history_file, g_ptr_array_unref);
  self->history_file = g_steal_pointer (&result->parsed);
  result->parsed = g_ptr_array_new ();
  history_result_free (result);
  g_clear_pointer (&self->history_view, g_ptr_array_unref);
  _vitrine_caches_queue_changed (self);
  /* After a failure, the next entry tries again; no loop of failing writes. */
  if (self->history_pending->len > 0 && !write_failed)
    start_history_op (self);
}

static void
start_history_op (VitrineCaches *self)
{
  g_autoptr(GTask) task = NULL;
  HistoryOp *op;

  if (self->history_busy)
    return;
  op = g_new0 (HistoryOp, 1);
  op->path = g_strdup (self->history_path);
  op->entries = g_steal_pointer (&self->history_pending);
  self->history_pending = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_history_entry_free);
  self->history_writing = g_ptr_array_ref (op->entries);
  self->history_busy = TRUE;

  /* No cancellable: a write that started finishes, and the entries it holds are kept. */
  task = g_task_new (self, NULL, history_op_cb, NULL);
  g_task_set_source_tag (task, start_history_op);
  g_task_set_task_data (task, op, (GDestroyNotify) history_op_free);
  g_task_run_in_thread (task, history_op_thread);
}

void
_vitrine_caches_history_init (VitrineCaches *self)
{
  self->history_file = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_history_entry_free);
  self->history_pending = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_history_entry_free);
  /* The first op only reads. */
  start_history_op (self);
}

void
_vitrine_caches_history_finalize (VitrineCaches *self)
{
  g_autoptr(GError) error = NULL;

  /* The task holds a reference: nothing is in flight by now. Entries still waiting are
   * written here, once, so that quitting loses none. */
  if (self->history_pending != NULL && self->history_pending->len > 0)
    {
      g_autofree char *contents = NULL;
      g_autofree char *text = NULL;
      gsize length = 0;

      if (g_file_get_contents (self->history_path, &contents, &length, &error)
          || g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_clear_error (&error);
          text = vitrine_history_append (contents, length, self->history_pending, VITRINE_CACHE_HISTORY_KEEP);
          if (!write_history (self->history_path, text, &error))
            g_warning ("Cannot write the cache history %s: %s", self->history_path, error->message);
        }
    }
  g_clear_pointer (&self->history_file, g_ptr_array_unref);
  g_clear_pointer (&self->history_writing, g_ptr_array_unref);
  g_clear_pointer (&self->history_pending, g_ptr_array_unref);
  g_clear_pointer (&self->history_view, g_ptr_array_unref);
  g_clear_pointer (&self->history_path, g_free);
}

/* Takes @entry. */
void
_vitrine_caches_history_append (VitrineCaches       *self,
                                VitrineHistoryEntry *entry)
{
  g_ptr_array_add (self->history_pending, entry);
  g_clear_pointer (&self->history_view, g_ptr_array_unref);
  _vitrine_caches_queue_changed (self);
  start_history_op (self);
}

GPtrArray *
_vitrine_caches_history_entries (VitrineCaches *self)
{
  GPtrArray *all = g_ptr_array_new ();
  GPtrArray *parts[] = { self->history_file, self->history_writing, self->history_pending };

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    for (guint i = 0; parts[p] != NULL && i < parts[p]->len; i++)
      g_ptr_array_add (all, parts[p]->pdata[i]);
  return all;
}

GPtrArray *
vitrine_caches_get_history (VitrineCaches *self)
{
  g_return_val_if_fail (VITRINE_IS_CACHES (self), NULL);

  if (self->history_view == NULL)
    {
      g_autoptr(GPtrArray) all = _vitrine_caches_history_entries (self);
      guint first = all->len > VITRINE_CACHE_HISTORY_KEEP ? all->len - VITRINE_CACHE_HISTORY_KEEP : 0;

      self->history_view = g_ptr_array_new ();
      for (guint i = all->len; i > first; i--)
        g_ptr_array_add (self->history_view, all->pdata[i - 1]);
    }
  return self->history_view;
}

/* Export ---------------------------------------------------------------------------------- */

typedef struct
{
  char *path;
  char *text;
} ExportOp;

static void
export_op_free (ExportOp *op)
{
  g_free (op->path);
  g_free (op->text);
  g_free (op);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportOp *op = task_data;
  g_autoptr(GError) error = NULL;

  if (g_file_set_contents_full (op->path, op->text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  VitrineCaches *self = g_task_get_source_object (outer);
  GError *error = NULL;

  g_assert (self->exports > 0);
  if (--self->exports == 0)
    {
      vitrine_regen_queue_hold (self->queue, NULL);
      _vitrine_caches_queue_changed (self);
      _vitrine_caches_schedule (self);
    }
  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

void
vitrine_caches_export_history_async (VitrineCaches       *self,
                                     const char          *path,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autofree char *summary = NULL;
  GTask *outer;
  ExportOp *op;

  g_return_if_fail (VITRINE_IS_CACHES (self));
  g_return_if_fail (path != NULL);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, vitrine_caches_export_history_async);
  /* The manifest is what the history holds now; regenerations asked for meanwhile wait. */
  entries = _vitrine_caches_history_entries (self);
  op = g_new0 (ExportOp, 1);
  op->path = g_strdup (path);
  op->text = g_strconcat (summary = vitrine_history_summary_json (entries), "\n", NULL);
  if (self->exports++ == 0)
    {
      vitrine_regen_queue_hold (self->queue, _("Queued after export"));
      _vitrine_caches_queue_changed (self);
    }
  inner = g_task_new (self, cancellable, export_done_cb, outer);
  g_task_set_source_tag (inner, export_thread);
  g_task_set_task_data (inner, op, (GDestroyNotify) export_op_free);
  g_task_run_in_thread (inner, export_thread);
}

gboolean
vitrine_caches_export_history_finish (VitrineCaches  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
