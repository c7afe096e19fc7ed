/* vitrine-poison-policy.h: the rules of the poison list (docs/ARCHITECTURE.md §3): how a
 * worker's death is explained, how many strikes it gives what was in flight, how long the
 * list may grow and how it is cut into pages for the protocol. Pure: the worker's
 * vitrine-worker-poison.c does the files, the supervisor says what ended a process.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Strikes that quarantine an input. */
#define VITRINE_POISON_STRIKES_TO_QUARANTINE 2

/*
 * The most inputs the list keeps (newest strike first). A few hundred photos that each
 * crashed a decoder mean a broken decoder, not broken photos; and at a typical path of
 * about 120 bytes, 256 of them fit one Hello under the image role's 64 KiB cap. Longer
 * paths are paged (VITRINE_POISON_PAGE_BYTES).
 */
#define VITRINE_POISON_MAX_ENTRIES 256

/* The serialized bytes of inputs one message carries: half the smallest role cap (64 KiB),
 * so Hello's other members and the header always fit beside them. */
#define VITRINE_POISON_PAGE_BYTES (32 * 1024)

/*
 * An input that is gone is forgotten once its latest strike is this old: a folder on a
 * drive that is briefly away (unmounted, a network share) keeps its quarantine, and a
 * photo deleted or moved for good stops taking room.
 */
#define VITRINE_POISON_MISSING_GRACE_US (24 * G_TIME_SPAN_HOUR)

/*
 * How the previous process of a role ended, as its supervisor saw it, passed to the next
 * one as `--predecessor=`. Only an unexplained death is evidence against its inputs.
 */
typedef enum
{
  VITRINE_PREDECESSOR_NONE,         /* none under this supervisor: a note is from another life */
  VITRINE_PREDECESSOR_CAUSED,       /* the supervisor ended it (hung, deadline, rejects,
                                     * disabled, shutdown), or it exited with status 0 */
  VITRINE_PREDECESSOR_UNEXPLAINED,  /* a crash, or a signal the supervisor did not send */
  VITRINE_PREDECESSOR_KILLED,       /* a SIGKILL the supervisor did not send: the OOM killer,
                                     * most likely, which oom_score_adj points at workers */
} VitrinePredecessor;

typedef struct
{
  const char *input;
  guint       strikes;
  gint64      last_us;    /* wall-clock time of the latest strike */
} VitrinePoisonEntry;

const char *vitrine_predecessor_to_string       (VitrinePredecessor        predecessor);
gboolean    vitrine_predecessor_from_string     (const char               *string,
                                                 VitrinePredecessor       *predecessor);
VitrinePredecessor vitrine_predecessor_from_exit (gboolean                 supervisor_ended_it,
                                                 gboolean                 signaled,
                                                 int                      status_or_signal);
guint       vitrine_poison_policy_strikes       (VitrinePredecessor        predecessor,
                                                 guint                     n_in_flight);
gboolean    vitrine_poison_policy_forget_missing (gint64                  last_us,
                                                 gint64                    now_us);
guint       vitrine_poison_policy_bound         (VitrinePoisonEntry       *entries,
                                                 guint                     n_entries,
                                                 guint                     max_entries);
guint       vitrine_poison_policy_page          (const char * const       *inputs,
                                                 guint                     n_inputs,
                                                 guint                     offset,
                                                 gsize                     budget);

G_END_DECLS
