/* vitrine-worker-poison.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vitrine-worker-poison.h"

/* An input alone in flight when its process died gets both strikes at once; one of several
 * in flight gets one, so an innocent neighbour of a bad file is not quarantined. */
#define STRIKES_TO_QUARANTINE 2

struct _VitrinePoisonList
{
  GMutex      lock;         /* begin/end run on worker threads */
  char       *current_path;
  char       *strikes_path;
  GHashTable *strikes;      /* input → GUINT_TO_POINTER (strikes) */
  GPtrArray  *in_flight;
};

static void
load_strikes (VitrinePoisonList *list)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (list->strikes_path, &contents, NULL, NULL))
    return;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strchr (lines[i], '\t');
      guint64 strikes;

      if (tab == NULL)
        continue;
      *tab = '\0';
      if (g_ascii_string_to_unsigned (lines[i], 10, 1, 100, &strikes, NULL))
        g_hash_table_insert (list->strikes, g_strdup (tab + 1), GUINT_TO_POINTER ((guint) strikes));
    }
}

static void
save_strikes (VitrinePoisonList *list)
{
  g_autoptr(GString) contents = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, list->strikes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_string_append_printf (contents, "%u\t%s\n", GPOINTER_TO_UINT (value), (const char *) key);

  if (!g_file_set_contents (list->strikes_path, contents->str, contents->len, NULL))
    g_warning ("Cannot save the poison list to %s", list->strikes_path);
}

/* Rewritten atomically on every change, so a crash leaves a whole list behind. */
static void
save_in_flight (VitrinePoisonList *list)
{
  g_autoptr(GString) contents = g_string_new (NULL);

  if (list->in_flight->len == 0)
    {
      g_unlink (list->current_path);
      return;
    }
  for (guint i = 0; i < list->in_flight->len; i++)
    g_string_append_printf (contents, "%s\n", (const char *) g_ptr_array_index (list->in_flight, i));
  g_file_set_contents (list->current_path, contents->str, contents->len, NULL);
}

/* A note left by a process that died: strike what it was working on. */
static void
settle_predecessor (VitrinePoisonList *list)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) inputs = NULL;
  guint n = 0;

  if (!g_file_get_contents (list->current_path, &contents, NULL, NULL))
    return;

  inputs = g_strsplit (contents, "\n", -1);
  for (guint i = 0; inputs[i] != NULL; i++)
    n += inputs[i][0] != '\0';

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      guint strikes;

      if (inputs[i][0] == '\0')
        continue;
      strikes = GPOINTER_TO_UINT (g_hash_table_lookup (list->strikes, inputs[i]));
      strikes += n == 1 ? STRIKES_TO_QUARANTINE : 1;
      g_hash_table_insert (list->strikes, g_strdup (inputs[i]), GUINT_TO_POINTER (strikes));
      if (strikes >= STRIKES_TO_QUARANTINE)
        g_message ("Quarantined %s: a worker died while working on it", inputs[i]);
    }

  save_strikes (list);
  g_unlink (list->current_path);
}

VitrinePoisonList *
vitrine_poison_list_open (const char  *state_dir,
                          const char  *role,
                          GError     **error)
{
  g_autoptr(VitrinePoisonList) list = g_new0 (VitrinePoisonList, 1);
  g_autofree char *current_name = g_strdup_printf ("%s-worker.current", role);
  g_autofree char *strikes_name = g_strdup_printf ("%s-worker.poison", role);

  g_mutex_init (&list->lock);
  list->strikes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  list->in_flight = g_ptr_array_new_with_free_func (g_free);

  if (g_mkdir_with_parents (state_dir, 0700) < 0)
    {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "cannot create %s: %s", state_dir, g_strerror (errno));
      return NULL;
    }
  list->current_path = g_build_filename (state_dir, current_name, NULL);
  list->strikes_path = g_build_filename (state_dir, strikes_name, NULL);

  load_strikes (list);
  settle_predecessor (list);

  return g_steal_pointer (&list);
}

void
vitrine_poison_list_free (VitrinePoisonList *list)
{
  if (list == NULL)
    return;

  g_clear_pointer (&list->strikes, g_hash_table_unref);
  g_clear_pointer (&list->in_flight, g_ptr_array_unref);
  g_free (list->current_path);
  g_free (list->strikes_path);
  g_mutex_clear (&list->lock);
  g_free (list);
}

gboolean
vitrine_poison_list_is_quarantined (VitrinePoisonList *list,
                                    const char        *input)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&list->lock);

  return GPOINTER_TO_UINT (g_hash_table_lookup (list->strikes, input)) >= STRIKES_TO_QUARANTINE;
}

char **
vitrine_poison_list_dup_quarantined (VitrinePoisonList *list)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&list->lock);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, list->strikes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) >= STRIKES_TO_QUARANTINE)
      g_strv_builder_add (builder, key);

  return g_strv_builder_end (builder);
}

void
vitrine_poison_list_begin (VitrinePoisonList *list,
                           const char        *input)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&list->lock);

  g_ptr_array_add (list->in_flight, g_strdup (input));
  save_in_flight (list);
}

void
vitrine_poison_list_end (VitrinePoisonList *list,
                         const char        *input)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&list->lock);

  for (guint i = 0; i < list->in_flight->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (list->in_flight, i), input))
        {
          g_ptr_array_remove_index (list->in_flight, i);
          break;
        }
    }
  save_in_flight (list);
}
