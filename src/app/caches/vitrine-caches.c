/* vitrine-caches.c: the cache manager's sources, their listings and the groups diffed
 * against the intents. A listing is asynchronous and coalesced: asked for while one runs,
 * it runs once more after it. An intent needs no listing, only the groups rebuilt.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-caches-private.h"

G_DEFINE_FINAL_TYPE (VitrineCaches, vitrine_caches, G_TYPE_OBJECT)

enum { CHANGED, JOB_CHANGED, N_SIGNALS };

static guint signals[N_SIGNALS];

static void
caches_source_free (VitrineCachesSource *source)
{
  g_signal_handlers_disconnect_by_data (source->source, source);
  g_clear_object (&source->source);
  g_free (source->name);
  g_clear_pointer (&source->records, g_ptr_array_unref);
  g_clear_pointer (&source->listed, g_ptr_array_unref);
  g_free (source);
}

static void
caches_group_free (VitrineCachesGroup *group)
{
  g_free (group->group.cache);
  g_free (group->group.track_ref);
  g_free (group->group.profile_id);
  g_free (group->group.profile_label);
  vitrine_cache_diff_free (group->group.diff);
  g_ptr_array_unref (group->group.records);
  g_hash_table_unref (group->wants);
  g_clear_pointer (&group->owner, g_ptr_array_unref);
  g_free (group->revision);
  g_free (group);
}

static void
vitrine_caches_dispose (GObject *object)
{
  VitrineCaches *self = VITRINE_CACHES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->list_idle_id, g_source_remove);
  g_clear_handle_id (&self->rebuild_idle_id, g_source_remove);
  g_clear_handle_id (&self->changed_idle_id, g_source_remove);
  if (self->supervisor != NULL)
    g_signal_handlers_disconnect_by_data (self->supervisor, self);
  if (self->bus != NULL)
    g_signal_handlers_disconnect_by_data (self->bus, self);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->retired_groups, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_object (&self->supervisor);
  g_clear_object (&self->bus);
  G_OBJECT_CLASS (vitrine_caches_parent_class)->dispose (object);
}

static void
vitrine_caches_finalize (GObject *object)
{
  VitrineCaches *self = VITRINE_CACHES (object);

  _vitrine_caches_queue_finalize (self);
  _vitrine_caches_history_finalize (self);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (vitrine_caches_parent_class)->finalize (object);
}

static void
vitrine_caches_class_init (VitrineCachesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vitrine_caches_dispose;
  object_class->finalize = vitrine_caches_finalize;

  /**
   * VitrineCaches::changed:
   * @caches: the #VitrineCaches
   *
   * Groups, diffs, jobs, the history or a pause or hold changed. Coalesced: emitted from
   * an idle callback once for any number of changes.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * VitrineCaches::job-changed:
   * @caches: the #VitrineCaches
   * @job_id: the job that was queued, joined, made progress, started or finished
   *
   * Emitted at once, for progress bars; the job may already be pruned (look it up).
   */
  signals[JOB_CHANGED] = g_signal_new ("job-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
vitrine_caches_init (VitrineCaches *self)
{
  self->cancellable = g_cancellable_new ();
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) caches_source_free);
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) caches_group_free);
  self->retired_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->bus = vitrine_intent_bus_new ();
  _vitrine_caches_queue_init (self);
}

static gboolean
changed_idle_cb (gpointer user_data)
{
  VitrineCaches *self = user_data;

  self->changed_idle_id = 0;
  g_signal_emit (self, signals[CHANGED], 0);
  g_ptr_array_set_size (self->retired_groups, 0);
  return G_SOURCE_REMOVE;
}

void
_vitrine_caches_queue_changed (VitrineCaches *self)
{
  if (self->changed_idle_id == 0)
    self->changed_idle_id = g_idle_add (changed_idle_cb, self);
}

void
_vitrine_caches_jobs_changed (VitrineCaches *self,
                              guint          job_id)
{
  g_clear_pointer (&self->jobs, g_ptr_array_unref);
  self->jobs = vitrine_regen_queue_jobs (self->queue);
  if (job_id != 0)
    g_signal_emit (self, signals[JOB_CHANGED], 0, job_id);
  _vitrine_caches_queue_changed (self);
}

VitrineCachesSource *
_vitrine_caches_find_source (VitrineCaches *self,
                             const char    *name)
{
  for (guint i = 0; i < self->sources->len; i++)
    {
      VitrineCachesSource *source = self->sources->pdata[i];

      if (g_strcmp0 (source->name, name) == 0)
        return source;
    }
  return NULL;
}

/* Groups -------------------------------------------------------------------------------- */

static char *
pair_key (const char *track_ref,
          const char *profile_id)
{
  /* Lengths first, so no two pairs share a key. */
  return g_strdup_printf ("%zu:%s%s", strlen (track_ref), track_ref, profile_id);
}

static VitrineCachesGroup *
group_for (GHashTable          *groups,
           VitrineCachesSource *source,
           const char          *track_ref,
           const char          *profile_id)
{
  g_autofree char *key = pair_key (track_ref, profile_id);
  VitrineCachesGroup *group = g_hash_table_lookup (groups, key);

  if (group != NULL)
    return group;
  group = g_new0 (VitrineCachesGroup, 1);
  group->group.cache = g_strdup (source->name);
  group->group.track_ref = g_strdup (track_ref);
  group->group.profile_id = g_strdup (profile_id);
  /* Borrowed records, kept alive by a reference to their listing. */
  group->group.records = g_ptr_array_new ();
  if (source->records != NULL)
    group->owner = g_ptr_array_ref (source->records);
  group->wants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  g_hash_table_insert (groups, g_steal_pointer (&key), group);
  return group;
}

/* The union of every element's expanded entries, each element's kept as a watcher list. */
static GStrv
group_requested (VitrineCachesGroup *group)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, group->wants);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (GStrv wanted = value; *wanted != NULL; wanted++)
      if (g_hash_table_add (seen, *wanted))
        g_strv_builder_add (builder, *wanted);
  return g_strv_builder_end (builder);
}

/* In a thread: what the group's elements ask for against its records. */
static void
group_diff (VitrineCachesGroup *group)
{
  g_autofree VitrineCacheEntryMeta *entries = g_new0 (VitrineCacheEntryMeta, MAX (group->group.records->len, 1));
  g_auto(GStrv) requested = group_requested (group);

  for (guint i = 0; i < group->group.records->len; i++)
    {
      const VitrineCacheRecord *record = group->group.records->pdata[i];

      entries[i].descriptor = record->descriptor;
      entries[i].revision = record->revision;
    }
  group->group.diff = vitrine_cache_diff_compute ((const char * const *) requested, entries,
                                                  group->group.records->len, group->revision);
}

/* On the main thread: what only the source can say. */
static void
group_describe (VitrineCachesGroup  *group,
                VitrineCachesSource *source)
{
  group->revision = vitrine_cache_source_dup_revision (source->source, group->group.profile_id);
  group->group.profile_exists = group->revision != NULL;
  group->group.profile_label = vitrine_cache_source_dup_profile_label (source->source,
                                                                       group->group.profile_id);
}

/* The groups of one source: its records by {track_ref, profile}, then its intents. */
static void
build_source_groups (VitrineCaches       *self,
                     VitrineCachesSource *source,
                     GPtrArray           *out)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *intents = vitrine_intent_bus_get_intents (self->bus);
  VitrineCachesGroup *last = NULL;
  GHashTableIter iter;
  gpointer value;


  for (guint i = 0; source->records != NULL && i < source->records->len; i++)
    {
      VitrineCacheRecord *record = source->records->pdata[i];

      if (record->track_ref == NULL || record->profile_id == NULL || record->descriptor == NULL)
        continue;
      /* A listing comes group by group: no key to build for most records. */
      if (last == NULL || g_strcmp0 (last->group.track_ref, record->track_ref) != 0
          || g_strcmp0 (last->group.profile_id, record->profile_id) != 0)
        last = group_for (groups, source, record->track_ref, record->profile_id);
      g_ptr_array_add (last->group.records, record);
    }
  for (guint i = 0; i < intents->len; i++)
    {
      const VitrineCacheIntent *intent = intents->pdata[i];
      VitrineCachesGroup *group;
      GStrv wanted;

      if (g_strcmp0 (intent->cache, source->name) != 0 || intent->track_ref == NULL
          || intent->profile_id == NULL)
        continue;
      group = group_for (groups, source, intent->track_ref, intent->profile_id);
      wanted = vitrine_cache_source_expand (source->source, intent, group->group.records);
      g_hash_table_replace (group->wants, g_strdup (intent->element_id),
                            wanted != NULL ? wanted : g_new0 (char *, 1));
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      group_describe (value, source);
      g_ptr_array_add (out, value);
    }
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const VitrineCacheGroup *x = *(const VitrineCacheGroup * const *) a;
  const VitrineCacheGroup *y = *(const VitrineCacheGroup * const *) b;
  int order = g_strcmp0 (x->cache, y->cache);

  if (order == 0)
    order = g_strcmp0 (x->track_ref, y->track_ref);
  if (order == 0)
    order = g_strcmp0 (x->profile_id, y->profile_id);
  return order;
}

typedef struct
{
  GPtrArray *groups;       /* of VitrineCachesGroup */
  guint      generation;
} Rebuild;

static void
rebuild_free (Rebuild *rebuild)
{
  g_clear_pointer (&rebuild->groups, g_ptr_array_unref);
  g_free (rebuild);
}

/*
 * The diffs in a thread: a photo library's tens of thousands of entries would hold the
 * main loop for tens of milliseconds. The thread reads only what it was handed: the
 * groups, their records (kept alive by each group's reference to its listing) and the
 * intents' expanded entries; nothing of it changes until the groups are installed.
 */
static void
rebuild_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Rebuild *rebuild = task_data;

  for (guint i = 0; i < rebuild->groups->len; i++)
    group_diff (rebuild->groups->pdata[i]);
  g_ptr_array_sort (rebuild->groups, compare_groups);
  g_task_return_boolean (task, TRUE);
}

static void
rebuild_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  VitrineCaches *self = VITRINE_CACHES (object);
  Rebuild *rebuild = g_task_get_task_data (G_TASK (result));

  g_assert (self->rebuilding > 0);
  self->rebuilding--;
  /* A newer rebuild is under way: these groups are already out of date. */
  if (rebuild->generation != self->rebuild_generation || self->groups == NULL)
    return;
  /* Valid until "changed", as the header says: freed after it is emitted. */
  g_ptr_array_add (self->retired_groups, self->groups);
  self->groups = g_steal_pointer (&rebuild->groups);
  _vitrine_caches_queue_changed (self);
}

static void
rebuild_groups (VitrineCaches *self)
{
  g_autoptr(GTask) task = NULL;
  Rebuild *rebuild = g_new0 (Rebuild, 1);

  rebuild->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) caches_group_free);
  rebuild->generation = ++self->rebuild_generation;
  for (guint i = 0; i < self->sources->len; i++)
    build_source_groups (self, self->sources->pdata[i], rebuild->groups);
  self->rebuilding++;
  task = g_task_new (self, NULL, rebuild_done_cb, NULL);
  g_task_set_source_tag (task, rebuild_groups);
  g_task_set_task_data (task, rebuild, (GDestroyNotify) rebuild_free);
  g_task_run_in_thread (task, rebuild_thread);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  VitrineCaches *self = user_data;

  self->rebuild_idle_id = 0;
  /* A listing under way rebuilds when it ends. */
  if (self->listing == 0)
    rebuild_groups (self);
  return G_SOURCE_REMOVE;
}

static void
request_rebuild (VitrineCaches *self)
{
  if (self->rebuild_idle_id == 0)
    self->rebuild_idle_id = g_idle_add (rebuild_idle_cb, self);
}

/* Listing ------------------------------------------------------------------------------- */

static gboolean list_idle_cb (gpointer user_data);

static void
listing_done (VitrineCaches *self)
{
  for (guint i = 0; i < self->sources->len; i++)
    {
      VitrineCachesSource *source = self->sources->pdata[i];

      /* A source that could not answer keeps what it last listed. */
      if (source->listed == NULL)
        continue;
      g_clear_pointer (&source->records, g_ptr_array_unref);
      source->records = g_steal_pointer (&source->listed);
    }
  /* Each group holds its own listing: the old groups stay whole until replaced. */
  self->listed_once = TRUE;
  rebuild_groups (self);
  if (self->list_wanted && self->list_idle_id == 0)
    self->list_idle_id = g_idle_add (list_idle_cb, self);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(VitrineCaches) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = vitrine_cache_source_list_finish (VITRINE_CACHE_SOURCE (object),
                                                                   result, &error);
  VitrineCachesSource *source;

  /* Disposed: the sources are gone (a source may answer after a cancel all the same). */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  source = _vitrine_caches_find_source (self, vitrine_cache_source_get_name (VITRINE_CACHE_SOURCE (object)));
  g_assert (source != NULL);
  source->list_failed = records == NULL;
  if (records == NULL)
    g_debug ("The %s cache could not be listed: %s", source->name,
             error != NULL ? error->message : "no answer");
  else
    {
      g_ptr_array_set_free_func (records, (GDestroyNotify) vitrine_cache_record_free);
      g_clear_pointer (&source->listed, g_ptr_array_unref);
      source->listed = g_steal_pointer (&records);
    }
  g_assert (self->listing > 0);
  if (--self->listing == 0)
    listing_done (self);
}

static gboolean
list_idle_cb (gpointer user_data)
{
  VitrineCaches *self = user_data;

  self->list_idle_id = 0;
  if (self->listing > 0)
    return G_SOURCE_REMOVE;   /* it lists again when this one ends */
  self->list_wanted = FALSE;
  if (self->sources->len == 0)
    {
      listing_done (self);
      return G_SOURCE_REMOVE;
    }
  self->listing = self->sources->len;
  for (guint i = 0; i < self->sources->len; i++)
    {
      VitrineCachesSource *source = self->sources->pdata[i];

      vitrine_cache_source_list_async (source->source, self->cancellable, list_cb, g_object_ref (self));
    }
  return G_SOURCE_REMOVE;
}

void
_vitrine_caches_request_list (VitrineCaches *self)
{
  self->list_wanted = TRUE;
  if (self->list_idle_id == 0 && self->listing == 0)
    self->list_idle_id = g_idle_add (list_idle_cb, self);
}

/* Signals from outside ------------------------------------------------------------------ */

static void
intents_changed_cb (VitrineCaches *self)
{
  request_rebuild (self);
}

static void
source_changed_cb (VitrineCacheSource *cache_source,
                   gpointer            user_data)
{
  VitrineCachesSource *source = user_data;

  _vitrine_caches_request_list (source->self);
}

static void
worker_state_changed_cb (VitrineCaches      *self,
                         guint               role,
                         VitrineWorkerState  state)
{
  gboolean any = FALSE;

  for (guint i = 0; i < self->sources->len; i++)
    {
      VitrineCachesSource *source = self->sources->pdata[i];

      if (source->role != role)
        continue;
      _vitrine_caches_update_paused (self, source);
      any = TRUE;
    }
  /* A worker back up answers for its cache again. */
  if (any && state == VITRINE_WORKER_STATE_RUNNING)
    _vitrine_caches_request_list (self);
}

/* API ------------------------------------------------------------------------------------ */

VitrineCaches *
vitrine_caches_new (VitrineSupervisor *supervisor,
                    const char        *history_path)
{
  VitrineCaches *self;

  g_return_val_if_fail (supervisor == NULL || VITRINE_IS_SUPERVISOR (supervisor), NULL);
  g_return_val_if_fail (history_path != NULL, NULL);

  self = g_object_new (VITRINE_TYPE_CACHES, NULL);
  self->history_path = g_strdup (history_path);
  if (supervisor != NULL)
    {
      self->supervisor = g_object_ref (supervisor);
      g_signal_connect_object (supervisor, "state-changed", G_CALLBACK (worker_state_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->bus, "intent", G_CALLBACK (intents_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bus, "withdrawn", G_CALLBACK (intents_changed_cb), self,
                           G_CONNECT_SWAPPED);
  _vitrine_caches_history_init (self);
  /* With no source yet, this says the (empty) listing is done. */
  _vitrine_caches_request_list (self);
  return self;
}

void
vitrine_caches_add_source (VitrineCaches      *self,
                           VitrineCacheSource *cache_source)
{
  VitrineCachesSource *source;

  g_return_if_fail (VITRINE_IS_CACHES (self));
  g_return_if_fail (VITRINE_IS_CACHE_SOURCE (cache_source));
  g_return_if_fail (_vitrine_caches_find_source (self, vitrine_cache_source_get_name (cache_source)) == NULL);

  source = g_new0 (VitrineCachesSource, 1);
  source->self = self;
  source->source = g_object_ref (cache_source);
  source->name = g_strdup (vitrine_cache_source_get_name (cache_source));
  source->role = vitrine_cache_source_get_role (cache_source);
  g_ptr_array_add (self->sources, source);
  g_signal_connect (cache_source, "changed", G_CALLBACK (source_changed_cb), source);
  _vitrine_caches_update_paused (self, source);
  _vitrine_caches_request_list (self);
}

gboolean
vitrine_caches_has_source (VitrineCaches *self,
                           const char    *name)
{
  g_return_val_if_fail (VITRINE_IS_CACHES (self), FALSE);
  return _vitrine_caches_find_source (self, name) != NULL;
}

VitrineIntentBus *
vitrine_caches_get_bus (VitrineCaches *self)
{
  g_return_val_if_fail (VITRINE_IS_CACHES (self), NULL);
  return self->bus;
}

void
vitrine_caches_refresh (VitrineCaches *self)
{
  g_return_if_fail (VITRINE_IS_CACHES (self));
  _vitrine_caches_request_list (self);
}

GPtrArray *
vitrine_caches_get_groups (VitrineCaches *self)
{
  g_return_val_if_fail (VITRINE_IS_CACHES (self), NULL);
  return self->groups;
}

guint
vitrine_caches_count_pending (VitrineCaches *self,
                              const char    *cache)
{
  guint pending = 0;

  g_return_val_if_fail (VITRINE_IS_CACHES (self), 0);
  for (guint i = 0; i < self->groups->len; i++)
    {
      const VitrineCacheGroup *group = self->groups->pdata[i];

      if (cache == NULL || g_strcmp0 (group->cache, cache) == 0)
        pending += vitrine_cache_diff_pending (group->diff);
    }
  return pending;
}
