/* vitrine-worker-poison.c
 *
 * Two files per role in $XDG_STATE_HOME/vitrine/INSTANCE/: ROLE-worker.current, the inputs
 * in flight, and ROLE-worker.poison, the strikes. Both start with a line naming their
 * format; each input is written with g_strescape(), so a newline or a tab in a path is
 * just another byte. A file in any other format, or a line that does not parse, is
 * ignored: the list starts clean rather than guess.
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

#define STRIKES_HEADER "vitrine-poison 2"
#define CURRENT_HEADER "vitrine-current 2"
/* Inputs are paths; anything longer is never noted, so a page always holds one. */
#define MAX_INPUT_BYTES 4096

typedef struct
{
  guint  strikes;
  gint64 last_us;
} Strikes;

struct _VitrinePoisonList
{
  GMutex      lock;         /* begin/end run on worker threads */
  char       *current_path;
  char       *strikes_path;
  GHashTable *strikes;      /* input → Strikes */
  GPtrArray  *in_flight;
  gboolean    closed;       /* after a clean exit: no more notes */
  gboolean    warned;
};

/* The input of an escaped line, or NULL when it is not one (a dangling escape, not UTF-8). */
static char *
unescape (const char *escaped)
{
  gsize len = strlen (escaped), backslashes = 0;
  g_autofree char *input = NULL;

  while (backslashes < len && escaped[len - 1 - backslashes] == '\\')
    backslashes++;
  if (len == 0 || backslashes % 2 != 0)
    return NULL;
  input = g_strcompress (escaped);
  if (input[0] == '\0' || !g_utf8_validate (input, -1, NULL) || strlen (input) > MAX_INPUT_BYTES)
    return NULL;
  return g_steal_pointer (&input);
}

/* The lines after the format line of @path, or NULL when it is missing or of another format. */
static char **
read_lines (const char *path,
            const char *header)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  if (lines[0] == NULL || !g_str_equal (lines[0], header))
    {
      g_message ("Ignoring %s: not in the format %s", path, header);
      return NULL;
    }
  return g_steal_pointer (&lines);
}

static void
load_strikes (VitrinePoisonList *list)
{
  g_auto(GStrv) lines = read_lines (list->strikes_path, STRIKES_HEADER);

  for (guint i = 1; lines != NULL && lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);
      guint64 strikes;
      gint64 last_us;
      char *input;
      Strikes *entry;

      if (g_strv_length (fields) != 3 ||
          !g_ascii_string_to_unsigned (fields[0], 10, 1, 100, &strikes, NULL) ||
          !g_ascii_string_to_signed (fields[1], 10, 0, G_MAXINT64, &last_us, NULL) ||
          (input = unescape (fields[2])) == NULL)
        continue;
      entry = g_new (Strikes, 1);
      entry->strikes = (guint) strikes;
      entry->last_us = last_us;
      g_hash_table_insert (list->strikes, input, entry);
    }
}

static void
save_strikes (VitrinePoisonList *list)
{
  g_autoptr(GString) contents = g_string_new (STRIKES_HEADER "\n");
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, list->strikes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *escaped = g_strescape (key, NULL);
      const Strikes *entry = value;

      g_string_append_printf (contents, "%u\t%" G_GINT64_FORMAT "\t%s\n",
                              entry->strikes, entry->last_us, escaped);
    }

  if (!g_file_set_contents (list->strikes_path, contents->str, contents->len, &error) && !list->warned)
    {
      g_warning ("Cannot save the poison list: %s", error->message);
      list->warned = TRUE;
    }
}

/* Rewritten atomically on every change, so a crash leaves a whole note behind. */
static void
save_in_flight (VitrinePoisonList *list)
{
  g_autoptr(GString) contents = g_string_new (CURRENT_HEADER "\n");

  if (list->closed)
    return;
  if (list->in_flight->len == 0)
    {
      g_unlink (list->current_path);
      return;
    }
  for (guint i = 0; i < list->in_flight->len; i++)
    {
      g_autofree char *escaped = g_strescape (g_ptr_array_index (list->in_flight, i), NULL);

      g_string_append_printf (contents, "%s\n", escaped);
    }
  g_file_set_contents (list->current_path, contents->str, contents->len, NULL);
}

/* The note a predecessor left: strikes for what it was working on, if its death is
 * unexplained; otherwise it is only thrown away. */
static gboolean
settle_predecessor (VitrinePoisonList  *list,
                    VitrinePredecessor  predecessor)
{
  g_auto(GStrv) lines = read_lines (list->current_path, CURRENT_HEADER);
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  gint64 now = g_get_real_time ();
  guint strikes;

  g_unlink (list->current_path);
  for (guint i = 1; lines != NULL && lines[i] != NULL; i++)
    {
      char *input = unescape (lines[i]);

      if (input != NULL)
        g_ptr_array_add (inputs, input);
    }

  strikes = vitrine_poison_policy_strikes (predecessor, inputs->len);
  if (inputs->len > 0 && strikes == 0)
    g_debug ("The %s predecessor's %u inputs in flight are not to blame",
             vitrine_predecessor_to_string (predecessor), inputs->len);
  for (guint i = 0; strikes > 0 && i < inputs->len; i++)
    {
      const char *input = g_ptr_array_index (inputs, i);
      Strikes *entry = g_hash_table_lookup (list->strikes, input);

      if (entry == NULL)
        {
          entry = g_new0 (Strikes, 1);
          g_hash_table_insert (list->strikes, g_strdup (input), entry);
        }
      entry->strikes = MIN (entry->strikes + strikes, 100);
      entry->last_us = now;
      if (entry->strikes >= VITRINE_POISON_STRIKES_TO_QUARANTINE)
        {
          /* Escaped: a newline in a path must not forge a second log line. */
          g_autofree char *escaped = g_strescape (input, NULL);

          g_message ("Quarantined %s: a worker died while working on it", escaped);
        }
    }
  return strikes > 0;
}

/* Inputs gone for longer than the policy's grace go; of the rest, the newest
 * VITRINE_POISON_MAX_ENTRIES stay. */
static gboolean
prune (VitrinePoisonList *list)
{
  guint n = g_hash_table_size (list->strikes), kept = 0, keep;
  g_autofree VitrinePoisonEntry *entries = g_new (VitrinePoisonEntry, MAX (n, 1));
  gint64 now = g_get_real_time ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, list->strikes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (vitrine_poison_policy_forget_missing (((Strikes *) value)->last_us, now) &&
          g_path_is_absolute (key) && !g_file_test (key, G_FILE_TEST_EXISTS))
        continue;
      entries[kept].input = key;
      entries[kept].strikes = ((Strikes *) value)->strikes;
      entries[kept].last_us = ((Strikes *) value)->last_us;
      kept++;
    }
  keep = vitrine_poison_policy_bound (entries, kept, VITRINE_POISON_MAX_ENTRIES);
  if (keep == n)
    return FALSE;

  {
    g_autoptr(GHashTable) survivors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

    for (guint i = 0; i < keep; i++)
      {
        gpointer input, entry;

        g_hash_table_steal_extended (list->strikes, entries[i].input, &input, &entry);
        g_hash_table_insert (survivors, input, entry);
      }
    g_hash_table_unref (list->strikes);
    list->strikes = g_steal_pointer (&survivors);
  }
  return TRUE;
}

VitrinePoisonList *
vitrine_poison_list_open (const char          *state_dir,
                          const char          *instance,
                          const char          *role,
                          VitrinePredecessor   predecessor,
                          GError             **error)
{
  g_autoptr(VitrinePoisonList) list = g_new0 (VitrinePoisonList, 1);
  g_autofree char *dir = g_build_filename (state_dir, instance, NULL);
  g_autofree char *current_name = g_strdup_printf ("%s-worker.current", role);
  g_autofree char *strikes_name = g_strdup_printf ("%s-worker.poison", role);
  gboolean changed;

  g_mutex_init (&list->lock);
  list->strikes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  list->in_flight = g_ptr_array_new_with_free_func (g_free);

  /* A read-only home (a kiosk) is not a reason to stop: the worker runs without a list. */
  if (g_mkdir_with_parents (dir, 0700) < 0 || g_access (dir, W_OK) < 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "cannot write to %s: %s", dir, g_strerror (saved));
      return NULL;
    }
  list->current_path = g_build_filename (dir, current_name, NULL);
  list->strikes_path = g_build_filename (dir, strikes_name, NULL);

  load_strikes (list);
  changed = settle_predecessor (list, predecessor);
  changed |= prune (list);
  if (changed)
    save_strikes (list);

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

/* A clean exit (Shutdown, the display gone, SIGTERM): what is still in flight is not to
 * blame, so the note goes, and work that ends later writes no new one. */
void
vitrine_poison_list_close_clean (VitrinePoisonList *list)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&list->lock);

  list->closed = TRUE;
  g_unlink (list->current_path);
}

gboolean
vitrine_poison_list_is_quarantined (VitrinePoisonList *list,
                                    const char        *input)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&list->lock);
  const Strikes *entry = g_hash_table_lookup (list->strikes, input);

  return entry != NULL && entry->strikes >= VITRINE_POISON_STRIKES_TO_QUARANTINE;
}

/* The quarantined inputs, newest first. */
char **
vitrine_poison_list_dup_quarantined (VitrinePoisonList *list)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&list->lock);
  g_autofree VitrinePoisonEntry *entries = g_new (VitrinePoisonEntry, g_hash_table_size (list->strikes) + 1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, list->strikes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const Strikes *entry = value;

      if (entry->strikes < VITRINE_POISON_STRIKES_TO_QUARANTINE)
        continue;
      entries[n].input = key;
      entries[n].strikes = entry->strikes;
      entries[n].last_us = entry->last_us;
      n++;
    }
  n = vitrine_poison_policy_bound (entries, n, n);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (builder, entries[i].input);

  return g_strv_builder_end (builder);
}

void
vitrine_poison_list_begin (VitrinePoisonList *list,
                           const char        *input)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&list->lock);

  if (strlen (input) > MAX_INPUT_BYTES)
    return;
  g_ptr_array_add (list->in_flight, g_strdup (input));
  save_in_flight (list);
}

/* @input is done; a success clears its strikes: it did not crash a worker this time. */
void
vitrine_poison_list_end (VitrinePoisonList *list,
                         const char        *input,
                         gboolean           succeeded)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&list->lock);

  for (guint i = 0; i < list->in_flight->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (list->in_flight, i), input))
        {
          g_ptr_array_remove_index (list->in_flight, i);
          save_in_flight (list);
          break;
        }
    }
  if (succeeded && g_hash_table_remove (list->strikes, input))
    save_strikes (list);
}

/* Forgets @inputs (all when NULL), quarantined or struck; returns how many it knew. */
guint
vitrine_poison_list_forget (VitrinePoisonList  *list,
                            const char * const *inputs)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&list->lock);
  guint n = 0;

  if (inputs == NULL)
    {
      n = g_hash_table_size (list->strikes);
      g_hash_table_remove_all (list->strikes);
    }
  for (guint i = 0; inputs != NULL && inputs[i] != NULL; i++)
    n += g_hash_table_remove (list->strikes, inputs[i]);
  if (n > 0)
    save_strikes (list);
  return n;
}

/*
 * One page of the quarantine into @builder (an a{sv}): `quarantined` (as, newest first,
 * from @offset), `quarantined_total` (u) and `quarantined_next` (u: the offset of the next
 * page, or the total when this is the last). A NULL @list is an empty one.
 */
void
vitrine_poison_list_add_page (VitrinePoisonList *list,
                              GVariantBuilder   *builder,
                              guint              offset)
{
  g_auto(GStrv) all = list != NULL ? vitrine_poison_list_dup_quarantined (list) : g_new0 (char *, 1);
  guint total = g_strv_length (all);
  guint n = vitrine_poison_policy_page ((const char * const *) all, total, MIN (offset, total),
                                        VITRINE_POISON_PAGE_BYTES);

  offset = MIN (offset, total);
  g_variant_builder_add (builder, "{sv}", "quarantined",
                         g_variant_new_strv ((const char * const *) all + offset, n));
  g_variant_builder_add (builder, "{sv}", "quarantined_total", g_variant_new_uint32 (total));
  g_variant_builder_add (builder, "{sv}", "quarantined_next", g_variant_new_uint32 (offset + n));
}
