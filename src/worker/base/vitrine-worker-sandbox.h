/* vitrine-worker-sandbox.h: what a worker gives up before it reads any input
 * (docs/ARCHITECTURE.md §1).
 *
 * Layers, each detected at run time and applied where the kernel has it: a trimmed
 * environment, no new privileges, address-space and core limits, the OOM killer's first
 * choice, Landlock (the files and folders the role may read or write, TCP only for the
 * feed role, no abstract sockets or signals outside the sandbox) and a seccomp deny-list.
 * What was applied is reported in the worker's Hello reply.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-message.h"

G_BEGIN_DECLS

/* Address-space limits; none under a sanitizer, whose shadow memory needs terabytes. */
#define VITRINE_SANDBOX_IMAGE_AS (G_GUINT64_CONSTANT (2) << 30)
#define VITRINE_SANDBOX_OTHER_AS (G_GUINT64_CONSTANT (512) << 20)

typedef struct
{
  gboolean no_new_privs;
  gboolean seccomp;
  int      landlock_abi;     /* the kernel's Landlock ABI, 0: none */
  gboolean landlock;         /* a Landlock ruleset is in force */
  gboolean landlock_tcp;     /* TCP bind and connect denied by Landlock (ABI 4) */
  gboolean landlock_scoped;  /* abstract sockets and signals scoped (ABI 6) */
  guint64  rlimit_as;        /* bytes, 0: not limited */
  gboolean rlimit_core;      /* no core files */
  int      oom_score_adj;
  guint    env_dropped;      /* variables this process dropped itself */
  char    *probe;            /* test only: what a TCP socket() did after the sandbox */
} VitrineSandbox;

typedef struct
{
  const char * const *read_only;   /* also readable: photo folders, an input file */
  const char         *writable;    /* also writable: a folder (--output's), or NULL */
} VitrineSandboxPaths;

void      vitrine_sandbox_apply      (VitrineSandbox            *sandbox,
                                      VitrineWorkerRoleId        role,
                                      const VitrineSandboxPaths *paths);
GVariant *vitrine_sandbox_to_variant (const VitrineSandbox      *sandbox);
void      vitrine_sandbox_clear      (VitrineSandbox            *sandbox);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VitrineSandbox, vitrine_sandbox_clear)

G_END_DECLS
