/* vitrine-tempo-export.h: the CSV table of `vitrine-worker --role=audio --export`
 * (docs/tempo-map.md §9): named descriptor series on a beat or a seconds grid, through
 * the same tempo views the live code uses. Pure formatting: text in, no file.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-tempo-map.h"
#include "vitrine-tempo-view.h"

G_BEGIN_DECLS

typedef enum
{
  VITRINE_EXPORT_GRID_BEATS,     /* rows at beats (and subdivisions) */
  VITRINE_EXPORT_GRID_SECONDS,   /* rows at a fixed step in seconds */
} VitrineExportGrid;

typedef struct
{
  const char    *name;           /* descriptor id: "rms", "onset", "spectrum.bars15", … */
  VitrineSeries  series;
  /* With several channels, each one's column name (series.channels of them), or NULL
   * for "name[c]". */
  const char *const *channel_names;
} VitrineExportDescriptor;

typedef struct
{
  VitrineExportGrid grid;
  VitrineInterp     interp;
  guint             subdivision; /* beats grid: rows per beat, 1 to 64 (0 means 1) */
  double            step_s;      /* seconds grid: row spacing (0: the first series' hop) */
} VitrineExportOptions;

const char *vitrine_export_grid_to_string   (VitrineExportGrid              grid);
gboolean    vitrine_export_grid_from_string (const char                    *name,
                                             VitrineExportGrid             *grid);
void        vitrine_export_options_init     (VitrineExportOptions          *options);

/* The whole table, header row first; NULL with a VITRINE_TEMPO_VIEW_ERROR when a name,
 * a series or an option is bad or the table would exceed VITRINE_TEMPO_VIEW_MAX_ROWS. */
char       *vitrine_tempo_export_csv        (const VitrineTempoMap         *map,
                                             const VitrineExportDescriptor *descriptors,
                                             gsize                          n_descriptors,
                                             const VitrineExportOptions    *options,
                                             GError                       **error);

G_END_DECLS
