/* vitrine-selection.c: shuffle cycles, history and look-ahead (see the header).
 *
 * The history is a list of paths with a cursor. Stepping forward from an older entry
 * replays the history; stepping forward from the newest entry takes the next upcoming
 * pick. Upcoming picks are drawn from the cycle's remaining files ahead of time when
 * something peeks at them, so prefetching sees exactly what will be shown.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-selection.h"

struct _VitrineSelection
{
  GRand      *rand;
  gboolean    shuffle;
  GHashTable *files;      /* path → owned path: the set */
  GPtrArray  *order;      /* paths (borrowed from files) in discovery order */
  GPtrArray  *remaining;  /* paths not yet picked in this cycle */
  GPtrArray  *upcoming;   /* picked, not yet shown (owned copies) */
  GPtrArray  *history;    /* shown (owned copies); last is the newest */
  guint       cursor;     /* index of the current entry in history */
};

VitrineSelection *
vitrine_selection_new (guint32 seed)
{
  VitrineSelection *self = g_new0 (VitrineSelection, 1);

  self->rand = g_rand_new_with_seed (seed);
  self->shuffle = TRUE;
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->order = g_ptr_array_new ();
  self->remaining = g_ptr_array_new ();
  self->upcoming = g_ptr_array_new_with_free_func (g_free);
  self->history = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
vitrine_selection_free (VitrineSelection *self)
{
  if (self == NULL)
    return;

  g_rand_free (self->rand);
  g_ptr_array_unref (self->order);
  g_ptr_array_unref (self->remaining);
  g_ptr_array_unref (self->upcoming);
  g_ptr_array_unref (self->history);
  g_hash_table_unref (self->files);
  g_free (self);
}

/* Takes effect from the next cycle; the look-ahead is drawn again. */
void
vitrine_selection_set_shuffle (VitrineSelection *self,
                               gboolean          shuffle)
{
  if (self->shuffle == !!shuffle)
    return;
  self->shuffle = !!shuffle;
  g_ptr_array_set_size (self->upcoming, 0);
}

/* A new file joins the current cycle; returns FALSE when it was known already. */
gboolean
vitrine_selection_add (VitrineSelection *self,
                       const char       *path)
{
  char *copy;

  if (g_hash_table_contains (self->files, path))
    return FALSE;
  copy = g_strdup (path);
  g_hash_table_insert (self->files, copy, copy);
  g_ptr_array_add (self->order, copy);
  g_ptr_array_add (self->remaining, copy);
  return TRUE;
}

/* Every file of @from, in its discovery order. */
void
vitrine_selection_add_all (VitrineSelection *self,
                           VitrineSelection *from)
{
  for (guint i = 0; i < from->order->len; i++)
    vitrine_selection_add (self, from->order->pdata[i]);
}

static gboolean
under (const char *path,
       const char *prefix,
       gsize       prefix_len)
{
  return strncmp (path, prefix, prefix_len) == 0 &&
         (path[prefix_len] == '\0' || path[prefix_len] == G_DIR_SEPARATOR);
}

/* Drops the entries of @array that are @path or lie under it. */
static void
remove_under (GPtrArray  *array,
              const char *path,
              gsize       len,
              gboolean    keep_order)
{
  for (guint i = array->len; i-- > 0;)
    if (under (array->pdata[i], path, len))
      {
        if (keep_order)
          g_ptr_array_remove_index (array, i);
        else
          g_ptr_array_remove_index_fast (array, i);
      }
}

/*
 * Forgets @path, or every file under it when it is a folder; returns how many files went.
 * The history keeps its entries (stepping through it skips them), so the cursor stays put.
 */
guint
vitrine_selection_remove (VitrineSelection *self,
                          const char       *path)
{
  gsize len = strlen (path);
  guint before = g_hash_table_size (self->files);
  GHashTableIter iter;
  gpointer key;

  while (len > 1 && path[len - 1] == G_DIR_SEPARATOR)
    len--;

  remove_under (self->order, path, len, TRUE);
  remove_under (self->remaining, path, len, FALSE);
  remove_under (self->upcoming, path, len, TRUE);

  g_hash_table_iter_init (&iter, self->files);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (under (key, path, len))
      g_hash_table_iter_remove (&iter);

  return before - g_hash_table_size (self->files);
}

guint
vitrine_selection_get_size (VitrineSelection *self)
{
  return g_hash_table_size (self->files);
}

gboolean
vitrine_selection_contains (VitrineSelection *self,
                            const char       *path)
{
  return g_hash_table_contains (self->files, path);
}

const char *
vitrine_selection_get_current (VitrineSelection *self)
{
  return self->history->len > 0 ? self->history->pdata[self->cursor] : NULL;
}

/*
 * Draws the next pick of the cycle. A new cycle starts with every file again, and never
 * with the file shown last, so no image repeats back to back.
 */
static char *
draw (VitrineSelection *self)
{
  const char *last;
  guint index;

  if (self->order->len == 0)
    return NULL;

  last = self->upcoming->len > 0 ? g_ptr_array_index (self->upcoming, self->upcoming->len - 1)
                                 : vitrine_selection_get_current (self);
  if (self->remaining->len == 0)
    {
      for (guint i = 0; i < self->order->len; i++)
        g_ptr_array_add (self->remaining, self->order->pdata[i]);
    }

  for (;;)
    {
      index = self->shuffle ? (guint) g_rand_int_range (self->rand, 0, (gint32) self->remaining->len) : 0;
      if (self->remaining->len == 1 || g_strcmp0 (self->remaining->pdata[index], last) != 0)
        break;
      if (!self->shuffle)
        {
          /* In order: the repeat waits for the next cycle. */
          g_ptr_array_remove_index (self->remaining, 0);
          continue;
        }
    }

  {
    char *path = g_strdup (self->remaining->pdata[index]);

    if (self->shuffle)
      g_ptr_array_remove_index_fast (self->remaining, index);
    else
      g_ptr_array_remove_index (self->remaining, index);
    return path;
  }
}

/* The file @ahead steps after the current one (0 is the next), drawing picks as needed. */
const char *
vitrine_selection_peek (VitrineSelection *self,
                        guint             ahead)
{
  guint replay = 0;

  /* Forward through the history first, skipping files that were removed. */
  for (guint i = self->cursor + 1; i < self->history->len; i++)
    if (g_hash_table_contains (self->files, self->history->pdata[i]))
      {
        if (replay == ahead)
          return self->history->pdata[i];
        replay++;
      }

  ahead -= replay;
  while (self->upcoming->len <= ahead)
    {
      char *path = draw (self);

      if (path == NULL)
        return NULL;
      g_ptr_array_add (self->upcoming, path);
    }
  return self->upcoming->pdata[ahead];
}

/* Makes the next file current and returns it; NULL when there are no files. */
const char *
vitrine_selection_next (VitrineSelection *self)
{
  for (guint i = self->cursor + 1; i < self->history->len; i++)
    if (g_hash_table_contains (self->files, self->history->pdata[i]))
      {
        self->cursor = i;
        return self->history->pdata[i];
      }

  if (vitrine_selection_peek (self, 0) == NULL)
    return NULL;

  g_ptr_array_add (self->history, g_ptr_array_steal_index (self->upcoming, 0));
  if (self->history->len > VITRINE_SELECTION_HISTORY)
    g_ptr_array_remove_index (self->history, 0);
  self->cursor = self->history->len - 1;
  return self->history->pdata[self->cursor];
}

/* Steps back to the file shown before the current one; NULL when there is none. */
const char *
vitrine_selection_previous (VitrineSelection *self)
{
  for (guint i = self->cursor; i-- > 0;)
    if (g_hash_table_contains (self->files, self->history->pdata[i]))
      {
        self->cursor = i;
        return self->history->pdata[i];
      }
  return NULL;
}
