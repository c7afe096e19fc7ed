/* vitrine-cache-history.h: the regeneration history's format (docs/caches.md): JSON
 * lines, the newest VITRINE_CACHE_HISTORY_KEEP kept; lines that do not parse are dropped,
 * never fatal. The file itself is written by the display process, atomically.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITRINE_CACHE_HISTORY_KEEP 1000

typedef enum
{
  VITRINE_HISTORY_AUTO_REGENERATE,
  VITRINE_HISTORY_MANUAL_REGENERATE,
  VITRINE_HISTORY_DISMISSED,
} VitrineHistoryAction;

typedef struct
{
  char                 *id;             /* a UUID */
  char                 *timestamp;      /* ISO 8601 UTC */
  char                 *element_id;
  VitrineHistoryAction  action;
  GStrv                 descriptor_ids;
  gboolean              success;
  gint64                duration_ms;
} VitrineHistoryEntry;

VitrineHistoryEntry *vitrine_history_entry_new       (const char           *element_id,
                                                      VitrineHistoryAction  action,
                                                      const char * const   *descriptor_ids,
                                                      gboolean              success,
                                                      gint64                duration_ms,
                                                      gint64                now_unix_us);
void                 vitrine_history_entry_free      (VitrineHistoryEntry  *entry);
/* One line, without its newline. */
char                *vitrine_history_entry_to_json   (const VitrineHistoryEntry *entry);
VitrineHistoryEntry *vitrine_history_entry_from_json (const char           *line,
                                                      GError              **error);
/* The entries of a file's contents, oldest first (of VitrineHistoryEntry). */
GPtrArray           *vitrine_history_parse           (const char           *contents,
                                                      gsize                 length);
/* @contents with @entries appended, the newest @keep lines kept. */
char                *vitrine_history_append          (const char           *contents,
                                                      gsize                 length,
                                                      GPtrArray            *entries,
                                                      guint                 keep);
/* The --export-history manifest: counts by action and status, the time span, the
 * descriptors regenerated, the last failures. */
char                *vitrine_history_summary_json    (GPtrArray            *entries);
const char          *vitrine_history_action_to_string (VitrineHistoryAction action);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineHistoryEntry, vitrine_history_entry_free)

G_END_DECLS
