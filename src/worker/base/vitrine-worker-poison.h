/* vitrine-worker-poison.h: the poison list (docs/ARCHITECTURE.md §3). A worker notes the inputs
 * it is working on in a small file; the next process of the role finds the note of a
 * predecessor that died and holds those inputs to account, so one bad photo cannot
 * crash-loop a worker. Worker-side only: the display never reads these files.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VitrinePoisonList VitrinePoisonList;

VitrinePoisonList *vitrine_poison_list_open        (const char         *state_dir,
                                                    const char         *role,
                                                    GError            **error);
void               vitrine_poison_list_free        (VitrinePoisonList  *list);
gboolean           vitrine_poison_list_is_quarantined (VitrinePoisonList *list,
                                                    const char         *input);
char             **vitrine_poison_list_dup_quarantined (VitrinePoisonList *list);
void               vitrine_poison_list_begin       (VitrinePoisonList  *list,
                                                    const char         *input);
void               vitrine_poison_list_end         (VitrinePoisonList  *list,
                                                    const char         *input);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrinePoisonList, vitrine_poison_list_free)

G_END_DECLS
