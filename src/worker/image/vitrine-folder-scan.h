/* vitrine-folder-scan.h: finding the images under a set of folders, in batches, and then
 * watching those folders for added and removed files (docs/ARCHITECTURE.md §5). Runs in the image
 * worker: a tree of any size or shape costs the display nothing.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _VitrineFolderScan VitrineFolderScan;

/* Limits of one batch: the reply must stay well under the image role's message cap. */
typedef struct
{
  guint  max_files;
  gsize  max_bytes;
  gint64 budget_us;
} VitrineScanBudget;

VitrineFolderScan *vitrine_folder_scan_new          (const char * const  *roots,
                                                     gboolean             recursive);
void               vitrine_folder_scan_free         (VitrineFolderScan   *scan);
gboolean           vitrine_folder_scan_next         (VitrineFolderScan   *scan,
                                                     const VitrineScanBudget *budget,
                                                     GPtrArray           *files,
                                                     GCancellable        *cancellable);
GPtrArray         *vitrine_folder_scan_take_problems (VitrineFolderScan  *scan);
gboolean           vitrine_folder_scan_met_transient (VitrineFolderScan  *scan);
guint              vitrine_folder_scan_get_n_dirs   (VitrineFolderScan   *scan);
void               vitrine_folder_scan_watch        (VitrineFolderScan   *scan);
gboolean           vitrine_folder_scan_take_changes (VitrineFolderScan   *scan,
                                                     const VitrineScanBudget *budget,
                                                     GPtrArray           *added,
                                                     GPtrArray           *removed);
gboolean           vitrine_folder_scan_is_image_name (const char         *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineFolderScan, vitrine_folder_scan_free)

G_END_DECLS
