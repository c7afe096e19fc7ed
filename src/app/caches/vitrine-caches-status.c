/* vitrine-caches-status.c: the banner's sentences and `caches` in --status.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-caches-private.h"
#include "vitrine-status.h"

static char *
banner_line (const char *cache,
             guint       pending,
             const char *label)
{
  /* Translators: %u is a count, %s a profile's name for sentences, such as "the current
   * display profile" or "the 'Detailed spectrum' profile" */
  if (g_strcmp0 (cache, "images") == 0)
    return g_strdup_printf (ngettext ("%u cached image needs regeneration to match %s",
                                      "%u cached images need regeneration to match %s", pending),
                            pending, label);
  if (g_strcmp0 (cache, "feeds") == 0)
    return g_strdup_printf (ngettext ("%u cached feed item needs regeneration to match %s",
                                      "%u cached feed items need regeneration to match %s", pending),
                            pending, label);
  if (g_strcmp0 (cache, "audio") == 0)
    return g_strdup_printf (ngettext ("%u descriptor requires regeneration to match %s",
                                      "%u descriptors require regeneration to match %s", pending),
                            pending, label);
  return g_strdup_printf (ngettext ("%u cache entry needs regeneration to match %s",
                                    "%u cache entries need regeneration to match %s", pending),
                          pending, label);
}

/* One line per cache and profile with something pending, in the groups' order. */
GStrv
vitrine_caches_dup_banner_lines (VitrineCaches *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (VITRINE_IS_CACHES (self), NULL);

  for (guint i = 0; i < self->groups->len; i++)
    {
      const VitrineCacheGroup *group = self->groups->pdata[i];
      guint pending = vitrine_cache_diff_pending (group->diff);
      const char *label = group->profile_label != NULL ? group->profile_label : _("the current profile");
      char *key;
      gpointer kept, count;

      if (pending == 0)
        continue;
      key = g_strdup_printf ("%s\n%s", group->cache, label);
      /* The table borrows its keys from @keys, which keeps their order. */
      if (g_hash_table_lookup_extended (counts, key, &kept, &count))
        {
          g_hash_table_insert (counts, kept, GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + pending));
          g_free (key);
          continue;
        }
      g_ptr_array_add (keys, key);
      g_hash_table_insert (counts, key, GUINT_TO_POINTER (pending));
    }
  if (keys->len == 0)
    return NULL;
  for (guint k = 0; k < keys->len; k++)
    {
      g_auto(GStrv) parts = g_strsplit (keys->pdata[k], "\n", 2);
      guint pending = GPOINTER_TO_UINT (g_hash_table_lookup (counts, keys->pdata[k]));

      g_autofree char *line = banner_line (parts[0], pending, parts[1]);

      g_strv_builder_add (builder, line);
    }
  return g_strv_builder_end (builder);
}

typedef struct
{
  guint   groups;
  guint   entries;
  guint64 bytes;
  guint   current;
  guint   missing;
  guint   stale;
  guint   extraneous;
  guint   queued;
  guint   running;
  guint   failed;
} CacheCounts;

static void
count_cache (VitrineCaches *self,
             const char    *cache,
             CacheCounts   *counts)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      const VitrineCacheGroup *group = self->groups->pdata[i];

      if (g_strcmp0 (group->cache, cache) != 0)
        continue;
      counts->groups++;
      counts->entries += group->records->len;
      for (guint r = 0; r < group->records->len; r++)
        counts->bytes += ((const VitrineCacheRecord *) group->records->pdata[r])->bytes;
      counts->current += g_strv_length (group->diff->current);
      counts->missing += g_strv_length (group->diff->missing);
      counts->stale += g_strv_length (group->diff->stale);
      counts->extraneous += g_strv_length (group->diff->extraneous);
    }
  for (guint i = 0; i < self->jobs->len; i++)
    {
      const VitrineRegenJob *job = self->jobs->pdata[i];

      if (g_strcmp0 (job->cache, cache) != 0)
        continue;
      counts->queued += job->state == VITRINE_REGEN_QUEUED;
      counts->running += job->state == VITRINE_REGEN_RUNNING;
      counts->failed += job->state == VITRINE_REGEN_FAILED;
    }
}

static void
add_jobs (JsonBuilder *builder,
          guint        queued,
          guint        running,
          guint        failed)
{
  vitrine_status_begin_object (builder, "jobs");
  vitrine_status_int (builder, "queued", queued);
  vitrine_status_int (builder, "running", running);
  vitrine_status_int (builder, "failed", failed);
  vitrine_status_end_object (builder);
}

static void
add_source (VitrineCaches       *self,
            VitrineCachesSource *source,
            JsonBuilder         *builder)
{
  CacheCounts counts = { 0 };

  count_cache (self, source->name, &counts);
  vitrine_status_begin_object (builder, source->name);
  vitrine_status_int (builder, "groups", counts.groups);
  vitrine_status_int (builder, "entries", counts.entries);
  vitrine_status_int (builder, "bytes", (gint64) counts.bytes);
  vitrine_status_int (builder, "current", counts.current);
  vitrine_status_int (builder, "missing", counts.missing);
  vitrine_status_int (builder, "stale", counts.stale);
  vitrine_status_int (builder, "extraneous", counts.extraneous);
  add_jobs (builder, counts.queued, counts.running, counts.failed);
  vitrine_status_boolean (builder, "paused", vitrine_regen_queue_is_paused (self->queue, source->name));
  vitrine_status_boolean (builder, "listed", source->records != NULL);
  vitrine_status_boolean (builder, "list_failed", source->list_failed);
  vitrine_status_end_object (builder);
}

void
vitrine_caches_add_status (VitrineCaches *self,
                           JsonBuilder   *builder)
{
  g_autoptr(GPtrArray) history = NULL;
  guint queued, running, failed;

  g_return_if_fail (VITRINE_IS_CACHES (self));

  history = _vitrine_caches_history_entries (self);
  vitrine_regen_queue_count (self->queue, &queued, &running, &failed);
  vitrine_status_begin_object (builder, "caches");
  vitrine_status_begin_object (builder, "sources");
  for (guint i = 0; i < self->sources->len; i++)
    add_source (self, self->sources->pdata[i], builder);
  vitrine_status_end_object (builder);
  add_jobs (builder, queued, running, failed);
  vitrine_status_int (builder, "pending", vitrine_caches_count_pending (self, NULL));
  vitrine_status_int (builder, "intents", vitrine_intent_bus_get_intents (self->bus)->len);
  vitrine_status_int (builder, "history_entries", MIN (history->len, VITRINE_CACHE_HISTORY_KEEP));
  vitrine_status_string (builder, "history_path", self->history_path);
  vitrine_status_string (builder, "hold", vitrine_regen_queue_get_hold (self->queue));
  vitrine_status_boolean (builder, "listed", self->listed_once);
  vitrine_status_end_object (builder);
}
