/* vitrine-worker-options.h: the command line of vitrine-worker, which the supervisor
 * builds and the worker parses.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-enums.h"
#include "vitrine-message.h"
#include "vitrine-poison-policy.h"

G_BEGIN_DECLS

typedef struct
{
  VitrineWorkerRoleId role;
  int                 socket_fd;
  char               *instance;     /* the supervisor's instance kind: display or render */
  VitrinePredecessor  predecessor;  /* how the role's previous process ended */
  char               *analyze;    /* audio: a WAV file to analyse offline instead of serving */
  char               *beats;      /* audio: a WAV file to track beats in offline */
  char               *export_path; /* audio: a WAV file to export features of as CSV */
  char               *grid;        /* audio --export: beats or seconds */
  char               *interp;      /* audio --export: linear, spline or hold */
  char               *descriptors; /* audio --export: rms,onset,beat */
  guint               subdivision; /* audio --export: rows per beat */
  guint               bars;
  guint               hop;
  guint               frame;
  char               *prescale;   /* image: a file to prescale offline instead of serving */
  guint               width;
  guint               height;
  VitrineScaleMode    mode;
  gboolean            sharpen;
  char               *output;     /* image: where --prescale writes a PNG, if anywhere */
  char              **read_only;  /* folders the sandbox lets the role read (--read-only) */
  char               *fetch;      /* feed: a feed to fetch and print offline instead of serving */
  char               *json_path;  /* feed: --fetch's JSON path */
  char               *mirror;     /* feed: where --fetch mirrors the images, if anywhere */
  char               *weather;    /* feed: a place to print the weather of offline */
  char               *save_folder; /* --writable: the feed role's save folder for fetched images */
} VitrineWorkerOptions;

gboolean    vitrine_worker_options_parse    (VitrineWorkerOptions  *options,
                                             int                   *argc,
                                             char                ***argv,
                                             GError               **error);

void        vitrine_worker_options_clear    (VitrineWorkerOptions  *options);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VitrineWorkerOptions, vitrine_worker_options_clear)

G_END_DECLS
