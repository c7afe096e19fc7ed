/* vitrine-worker-poison.h: the poison list (docs/ARCHITECTURE.md §3). A worker notes the inputs
 * it is working on in a small file; the next process of the role, told by its supervisor
 * that its predecessor died of something the supervisor did not do, holds those inputs to
 * account, so one bad photo cannot crash-loop a worker. Each supervisor instance kind
 * (the display, `--render-transition`) has its own files. Worker-side only: the display
 * never reads these files. The rules are in vitrine-poison-policy.h.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vitrine-poison-policy.h"

G_BEGIN_DECLS

typedef struct _VitrinePoisonList VitrinePoisonList;

VitrinePoisonList *vitrine_poison_list_open        (const char         *state_dir,
                                                    const char         *instance,
                                                    const char         *role,
                                                    VitrinePredecessor  predecessor,
                                                    GError            **error);
void               vitrine_poison_list_free        (VitrinePoisonList  *list);
void               vitrine_poison_list_close_clean (VitrinePoisonList  *list);
gboolean           vitrine_poison_list_is_quarantined (VitrinePoisonList *list,
                                                    const char         *input);
char             **vitrine_poison_list_dup_quarantined (VitrinePoisonList *list);
void               vitrine_poison_list_begin       (VitrinePoisonList  *list,
                                                    const char         *input);
void               vitrine_poison_list_end         (VitrinePoisonList  *list,
                                                    const char         *input,
                                                    gboolean            succeeded);
guint              vitrine_poison_list_forget      (VitrinePoisonList  *list,
                                                    const char * const *inputs);
void               vitrine_poison_list_add_page    (VitrinePoisonList  *list,
                                                    GVariantBuilder    *builder,
                                                    guint               offset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrinePoisonList, vitrine_poison_list_free)

G_END_DECLS
