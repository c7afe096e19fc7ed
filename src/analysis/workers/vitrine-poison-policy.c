/* vitrine-poison-policy.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine-poison-policy.h"

static const char * const predecessor_names[] = {
  [VITRINE_PREDECESSOR_NONE] = "none",
  [VITRINE_PREDECESSOR_CAUSED] = "caused",
  [VITRINE_PREDECESSOR_UNEXPLAINED] = "unexplained",
  [VITRINE_PREDECESSOR_KILLED] = "killed",
};

const char *
vitrine_predecessor_to_string (VitrinePredecessor predecessor)
{
  g_return_val_if_fail (predecessor <= VITRINE_PREDECESSOR_KILLED, "none");

  return predecessor_names[predecessor];
}

gboolean
vitrine_predecessor_from_string (const char         *string,
                                 VitrinePredecessor *predecessor)
{
  for (guint i = 0; i < G_N_ELEMENTS (predecessor_names); i++)
    {
      if (g_strcmp0 (string, predecessor_names[i]) == 0)
        {
          *predecessor = (VitrinePredecessor) i;
          return TRUE;
        }
    }
  return FALSE;
}

/*
 * A process the supervisor ended (any kill it made, or its shutdown) or one that exited
 * with status 0 (it cleared its note itself) says nothing about its inputs; anything else
 * (a crash, abort(), a signal from elsewhere, a failing exit) does.
 */
VitrinePredecessor
vitrine_predecessor_from_exit (gboolean supervisor_ended_it,
                               gboolean signaled,
                               int      status_or_signal)
{
  if (supervisor_ended_it || (!signaled && status_or_signal == 0))
    return VITRINE_PREDECESSOR_CAUSED;
  /* Decoders crash with SIGSEGV, SIGBUS or SIGABRT; a SIGKILL comes from outside. */
  if (signaled && status_or_signal == SIGKILL)
    return VITRINE_PREDECESSOR_KILLED;
  return VITRINE_PREDECESSOR_UNEXPLAINED;
}

/*
 * Strikes for each input on the note of a predecessor: none unless its death is
 * unexplained; then an input alone in flight gets both at once (it is surely the culprit),
 * one of several gets one, so an innocent neighbour of a bad file is not quarantined.
 */
guint
vitrine_poison_policy_strikes (VitrinePredecessor predecessor,
                               guint              n_in_flight)
{
  if (n_in_flight == 0)
    return 0;
  /* Killed from outside (out of memory): a big photo may be to blame, or the rest of the
   * machine; one strike, so it takes a second such death to quarantine it. */
  if (predecessor == VITRINE_PREDECESSOR_KILLED)
    return 1;
  if (predecessor != VITRINE_PREDECESSOR_UNEXPLAINED)
    return 0;
  return n_in_flight == 1 ? VITRINE_POISON_STRIKES_TO_QUARANTINE : 1;
}

/* Whether an input that no longer exists, struck last at @last_us, is forgotten at @now_us. */
gboolean
vitrine_poison_policy_forget_missing (gint64 last_us,
                                      gint64 now_us)
{
  return now_us - last_us >= VITRINE_POISON_MISSING_GRACE_US;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const VitrinePoisonEntry *x = a, *y = b;

  if (x->last_us != y->last_us)
    return x->last_us > y->last_us ? -1 : 1;
  return strcmp (x->input, y->input);
}

/* Sorts @entries newest strike first (ties by input, so the order is stable) and returns
 * how many of them to keep: at most @max_entries. */
guint
vitrine_poison_policy_bound (VitrinePoisonEntry *entries,
                             guint               n_entries,
                             guint               max_entries)
{
  if (n_entries > 1)
    qsort (entries, n_entries, sizeof *entries, compare_newest_first);
  return MIN (n_entries, max_entries);
}

/*
 * How many of the @n_inputs @inputs, from @offset, go in one page of @budget serialized bytes: each
 * string's bytes, its nul and up to 4 bytes of GVariant framing. At least one when any is
 * left, so paging always ends; the worker never notes an input longer than a path.
 */
guint
vitrine_poison_policy_page (const char * const *inputs,
                            guint               n_inputs,
                            guint               offset,
                            gsize               budget)
{
  gsize used = 0;
  guint n = 0;

  for (guint i = offset; i < n_inputs; i++)
    {
      gsize size = strlen (inputs[i]) + 1 + 4;

      if (n > 0 && used + size > budget)
        break;
      used += size;
      n++;
    }
  return n;
}
