/* vitrine-tempo-export.c: docs/tempo-map.md §9. The beat grid goes through
 * vitrine_tempo_view_new(), the code the Diagnostics plot uses, so the export shows what
 * the display shows; numbers are formatted without the locale, so two runs (or two
 * machines) give the same bytes.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vitrine-tempo-export.h"

/* Row positions within this fraction of a row of the span's ends still count. */
#define ROW_SLACK 1e-9

static const char *const grid_names[] = {
  [VITRINE_EXPORT_GRID_BEATS] = "beats",
  [VITRINE_EXPORT_GRID_SECONDS] = "seconds",
};

const char *
vitrine_export_grid_to_string (VitrineExportGrid grid)
{
  if ((guint) grid >= G_N_ELEMENTS (grid_names))
    return NULL;
  return grid_names[grid];
}

gboolean
vitrine_export_grid_from_string (const char        *name,
                                 VitrineExportGrid *grid)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (grid_names); i++)
    if (g_strcmp0 (name, grid_names[i]) == 0)
      {
        *grid = (VitrineExportGrid) i;
        return TRUE;
      }
  return FALSE;
}

void
vitrine_export_options_init (VitrineExportOptions *options)
{
  *options = (VitrineExportOptions) {
    .grid = VITRINE_EXPORT_GRID_BEATS,
    .interp = VITRINE_INTERP_LINEAR,
    .subdivision = 1,
  };
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID,
                       message);
  return FALSE;
}

static gboolean
check_input (const VitrineTempoMap         *map,
             const VitrineExportDescriptor *descriptors,
             gsize                          n,
             const VitrineExportOptions    *options,
             GError                       **error)
{
  if (map == NULL || vitrine_tempo_map_get_n_segments (map) == 0)
    return invalid (error, "the export needs a tempo map with at least one segment");
  if (n == 0)
    return invalid (error, "the export needs at least one descriptor");
  if (vitrine_export_grid_to_string (options->grid) == NULL ||
      vitrine_interp_to_string (options->interp) == NULL || options->subdivision > 64 ||
      !isfinite (options->step_s) || options->step_s < 0.0)
    return invalid (error, "the export's grid, interpolation, subdivision (1 to 64) or "
                           "step is not valid");

  for (gsize i = 0; i < n; i++)
    {
      const char *name = descriptors[i].name;

      if (name == NULL || *name == '\0' || strpbrk (name, ",\"\r\n") != NULL ||
          !g_utf8_validate (name, -1, NULL))
        {
          g_set_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID,
                       "descriptor %" G_GSIZE_FORMAT " has no usable name (a CSV column "
                       "name without commas, quotes or line breaks)", i);
          return FALSE;
        }
      for (guint c = 0; descriptors[i].channel_names != NULL && c < descriptors[i].series.channels; c++)
        {
          const char *column = descriptors[i].channel_names[c];

          if (column == NULL || *column == '\0' || strpbrk (column, ",\"\r\n") != NULL ||
              !g_utf8_validate (column, -1, NULL))
            {
              g_set_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_INVALID,
                           "descriptor “%s” has no usable name for channel %u", name, c);
              return FALSE;
            }
        }
      if (!vitrine_series_check (&descriptors[i].series, error))
        {
          g_prefix_error (error, "descriptor “%s”: ", name);
          return FALSE;
        }
    }
  return TRUE;
}

/* The span every descriptor's frames cover together; FALSE when none has a frame. */
static gboolean
span (const VitrineExportDescriptor *descriptors,
      gsize                          n,
      double                        *start,
      double                        *end)
{
  *start = INFINITY;
  *end = -INFINITY;
  for (gsize i = 0; i < n; i++)
    {
      const VitrineSeries *s = &descriptors[i].series;

      if (s->n_frames == 0)
        continue;
      *start = MIN (*start, s->start_s);
      *end = MAX (*end, s->start_s + (double) (s->n_frames - 1) * s->hop_s);
    }
  return *start <= *end;
}

static gboolean
count_rows (double   first,
            double   last,
            double   step,
            gsize   *n_rows,
            GError **error)
{
  double rows = floor ((last - first) / step + ROW_SLACK) + 1.0;

  if (!(rows >= 0.0))
    rows = 0.0;
  if (rows > VITRINE_TEMPO_VIEW_MAX_ROWS)
    {
      g_set_error (error, VITRINE_TEMPO_VIEW_ERROR, VITRINE_TEMPO_VIEW_ERROR_TOO_LARGE,
                   "the export would have %.0f rows, more than %u", rows,
                   VITRINE_TEMPO_VIEW_MAX_ROWS);
      return FALSE;
    }
  *n_rows = (gsize) rows;
  return TRUE;
}

static void
append_number (GString *csv,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (csv, ',');
  /* NaN (no frame there) and ±∞ (beyond a pause at the map's edge) are empty cells. */
  /* + 0.0 turns −0 into 0, so a cell never reads "-0". */
  if (isfinite (value))
    g_string_append (csv, g_ascii_formatd (buffer, sizeof buffer, "%.9g", value + 0.0));
}

static void
append_header (GString                       *csv,
               const VitrineExportDescriptor *descriptors,
               gsize                          n)
{
  g_string_append (csv, "beat,time_s,bar,beat_in_bar");
  for (gsize i = 0; i < n; i++)
    {
      if (descriptors[i].series.channels == 1 && descriptors[i].channel_names == NULL)
        g_string_append_printf (csv, ",%s", descriptors[i].name);
      else if (descriptors[i].channel_names != NULL)
        for (guint c = 0; c < descriptors[i].series.channels; c++)
          g_string_append_printf (csv, ",%s", descriptors[i].channel_names[c]);
      else
        for (guint c = 0; c < descriptors[i].series.channels; c++)
          g_string_append_printf (csv, ",%s[%u]", descriptors[i].name, c);
    }
  g_string_append_c (csv, '\n');
}

/* One row: @values[i] holds descriptor i's channels for this row. */
static void
append_row (GString                       *csv,
            const VitrineTempoMap         *map,
            double                         beat,
            double                         time_s,
            const VitrineExportDescriptor *descriptors,
            gsize                          n,
            const double *const           *values)
{
  double bar = floor (vitrine_tempo_map_bar_at_beat (map, beat));
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (beat))
    g_string_append (csv, g_ascii_formatd (buffer, sizeof buffer, "%.9g", beat + 0.0));
  append_number (csv, time_s);
  append_number (csv, bar);
  append_number (csv, beat - vitrine_tempo_map_beat_at_bar (map, bar));
  for (gsize i = 0; i < n; i++)
    for (guint c = 0; c < descriptors[i].series.channels; c++)
      append_number (csv, values[i][c]);
  g_string_append_c (csv, '\n');
}

static gboolean
export_beats (GString                       *csv,
              const VitrineTempoMap         *map,
              const VitrineExportDescriptor *descriptors,
              gsize                          n,
              const VitrineExportOptions    *options,
              double                         start,
              double                         end,
              GError                       **error)
{
  guint sub = MAX (options->subdivision, 1);
  double first = ceil (vitrine_tempo_map_beat_at_time (map, start) * sub - ROW_SLACK) / sub;
  double last = vitrine_tempo_map_beat_at_time (map, end);
  VitrineTempoViewSpec spec = { .first_beat = first, .subdivision = sub,
                                .interp = options->interp };
  g_autoptr(GPtrArray) views =
    g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_tempo_view_free);
  g_autofree const double **values = g_new0 (const double *, n);

  if (!count_rows (first, last, 1.0 / sub, &spec.n_rows, error))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      VitrineTempoView *view = vitrine_tempo_view_new (map, &descriptors[i].series, &spec,
                                                       error);
      if (view == NULL)
        return FALSE;
      g_ptr_array_add (views, view);
    }

  for (gsize k = 0; k < spec.n_rows; k++)
    {
      const VitrineTempoView *view0 = g_ptr_array_index (views, 0);

      for (gsize i = 0; i < n; i++)
        {
          const VitrineTempoView *view = g_ptr_array_index (views, i);
          values[i] = view->values + k * view->channels;
        }
      append_row (csv, map, view0->beats[k], view0->times_s[k], descriptors, n, values);
    }
  return TRUE;
}

static gboolean
export_seconds (GString                       *csv,
                const VitrineTempoMap         *map,
                const VitrineExportDescriptor *descriptors,
                gsize                          n,
                const VitrineExportOptions    *options,
                double                         start,
                double                         end,
                GError                       **error)
{
  double step = options->step_s > 0.0 ? options->step_s : descriptors[0].series.hop_s;
  g_autofree double **values = g_new0 (double *, n);
  VitrineTempoCursor cursor = VITRINE_TEMPO_CURSOR_INIT;
  gsize n_rows;

  if (!count_rows (start, end, step, &n_rows, error))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    values[i] = g_new (double, descriptors[i].series.channels);

  for (gsize k = 0; k < n_rows; k++)
    {
      /* start + k·step, never a running sum (§5). */
      double t = start + (double) k * step;
      double beat = vitrine_tempo_map_beat_at_time_cursor (map, t, &cursor);

      for (gsize i = 0; i < n; i++)
        vitrine_series_sample_frame (&descriptors[i].series, t, options->interp, values[i]);
      append_row (csv, map, beat, t, descriptors, n, (const double *const *) values);
    }
  for (gsize i = 0; i < n; i++)
    g_free (values[i]);
  return TRUE;
}

char *
vitrine_tempo_export_csv (const VitrineTempoMap         *map,
                          const VitrineExportDescriptor *descriptors,
                          gsize                          n_descriptors,
                          const VitrineExportOptions    *options,
                          GError                       **error)
{
  g_autoptr(GString) csv = NULL;
  double start, end;
  gboolean ok;

  if (!check_input (map, descriptors, n_descriptors, options, error))
    return NULL;

  csv = g_string_new (NULL);
  append_header (csv, descriptors, n_descriptors);
  if (!span (descriptors, n_descriptors, &start, &end))
    return g_string_free (g_steal_pointer (&csv), FALSE);

  if (options->grid == VITRINE_EXPORT_GRID_BEATS)
    ok = export_beats (csv, map, descriptors, n_descriptors, options, start, end, error);
  else
    ok = export_seconds (csv, map, descriptors, n_descriptors, options, start, end, error);
  if (!ok)
    return NULL;
  return g_string_free (g_steal_pointer (&csv), FALSE);
}
