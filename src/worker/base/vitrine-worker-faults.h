/* vitrine-worker-faults.h: fault injection for tests, from VITRINE_WORKER_FAULT.
 *
 * The variable holds comma-separated faults, each KIND[:ARG][@N|=INPUT]: on the Nth
 * Process request (from 1), on the request whose input is INPUT, or on every request.
 * Kinds: crash, hang (the main loop stops, so heartbeats stop too), slow:MS, garbage
 * (random bytes on the socket), oversize, unsealed, short (memfds that lie), lie (a reply
 * header of the wrong type), stale (a reply for an older generation), error-cancelled and
 * error-closed (an error reply whose GIO code is "cancelled" or "closed", which the display
 * must not take for its own cancellation or a closed connection), emfile (the work runs
 * with no file descriptor left to open, as when the process or the system is out of them),
 * resize (pixels of another size than asked: one column more, or less at the largest side,
 * well sealed and consistent), extra-fds (one file descriptor more than the reply names),
 * fd-index (the reply's "fd" and "ring" name an index past its file descriptor list).
 * hello-cancelled and hello-closed answer Hello with those errors instead; they apply to
 * every handshake and never to a Process request.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VITRINE_FAULT_NONE,
  VITRINE_FAULT_CRASH,
  VITRINE_FAULT_HANG,
  VITRINE_FAULT_SLOW,
  VITRINE_FAULT_GARBAGE,
  VITRINE_FAULT_OVERSIZE,
  VITRINE_FAULT_UNSEALED,
  VITRINE_FAULT_SHORT,
  VITRINE_FAULT_LIE,
  VITRINE_FAULT_STALE,
  VITRINE_FAULT_ERROR_CANCELLED,
  VITRINE_FAULT_ERROR_CLOSED,
  VITRINE_FAULT_EMFILE,
  VITRINE_FAULT_HELLO_CANCELLED,
  VITRINE_FAULT_HELLO_CLOSED,
  VITRINE_FAULT_RESIZE,
  VITRINE_FAULT_EXTRA_FDS,
  VITRINE_FAULT_FD_INDEX,
} VitrineFaultKind;

typedef struct
{
  VitrineFaultKind kind;
  guint            arg;        /* slow: milliseconds */
  guint            nth;        /* 0: any request */
  char            *input;      /* NULL: any input */
} VitrineFault;

GPtrArray        *vitrine_faults_parse (const char  *spec,
                                        GError     **error);
const VitrineFault *vitrine_faults_match (GPtrArray  *faults,
                                          guint       request_number,
                                          const char *input);
const VitrineFault *vitrine_faults_match_hello (GPtrArray *faults);

G_END_DECLS
