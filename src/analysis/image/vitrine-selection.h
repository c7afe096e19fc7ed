/* vitrine-selection.h: which image comes next (docs/ARCHITECTURE.md §5). Shuffle without repeats
 * within a cycle (or discovery order), a history to step back and forward through, files
 * that arrive or vanish while it runs, and a look-ahead for prefetching. Pure: the random
 * source is seeded by the caller, so tests replay it exactly.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How far back the history reaches. */
#define VITRINE_SELECTION_HISTORY 200

typedef struct _VitrineSelection VitrineSelection;

VitrineSelection *vitrine_selection_new          (guint32            seed);
void              vitrine_selection_free         (VitrineSelection  *self);
void              vitrine_selection_set_shuffle  (VitrineSelection  *self,
                                                  gboolean           shuffle);
gboolean          vitrine_selection_add          (VitrineSelection  *self,
                                                  const char        *path);
guint             vitrine_selection_remove       (VitrineSelection  *self,
                                                  const char        *path);
void              vitrine_selection_add_all      (VitrineSelection  *self,
                                                  VitrineSelection  *from);
guint             vitrine_selection_get_size     (VitrineSelection  *self);
gboolean          vitrine_selection_contains     (VitrineSelection  *self,
                                                  const char        *path);
const char       *vitrine_selection_get_current  (VitrineSelection  *self);
const char       *vitrine_selection_next         (VitrineSelection  *self);
const char       *vitrine_selection_previous     (VitrineSelection  *self);
const char       *vitrine_selection_peek         (VitrineSelection  *self,
                                                  guint              ahead);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineSelection, vitrine_selection_free)

G_END_DECLS
