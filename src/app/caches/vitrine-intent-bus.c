/* vitrine-intent-bus.c: elements' intents, memoized per element, to the cache manager.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-intent-bus.h"

struct _VitrineIntentBus
{
  GObject                 parent_instance;

  VitrineCacheIntentMemo *memo;
  GHashTable             *latest;    /* element id → VitrineCacheIntent */
  GPtrArray              *intents;   /* the values of @latest, sorted by element; NULL: stale */
};

G_DEFINE_BOXED_TYPE (VitrineCacheIntent, vitrine_cache_intent,
                     vitrine_cache_intent_copy, vitrine_cache_intent_free)

G_DEFINE_FINAL_TYPE (VitrineIntentBus, vitrine_intent_bus, G_TYPE_OBJECT)

enum { INTENT, WITHDRAWN, N_SIGNALS };

static guint signals[N_SIGNALS];

static void
vitrine_intent_bus_finalize (GObject *object)
{
  VitrineIntentBus *self = VITRINE_INTENT_BUS (object);

  g_clear_pointer (&self->memo, vitrine_cache_intent_memo_free);
  g_clear_pointer (&self->latest, g_hash_table_unref);
  g_clear_pointer (&self->intents, g_ptr_array_unref);
  G_OBJECT_CLASS (vitrine_intent_bus_parent_class)->finalize (object);
}

static void
vitrine_intent_bus_class_init (VitrineIntentBusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vitrine_intent_bus_finalize;

  /**
   * VitrineIntentBus::intent:
   * @bus: the #VitrineIntentBus
   * @intent: the element's new #VitrineCacheIntent (borrowed)
   *
   * An element's needs changed (or it stated them for the first time). Not emitted for
   * an intent equal to the element's last one in track, profile and descriptors.
   */
  signals[INTENT] = g_signal_new ("intent", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                  VITRINE_TYPE_CACHE_INTENT | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * VitrineIntentBus::withdrawn:
   * @bus: the #VitrineIntentBus
   * @element_id: the element that is gone
   *
   * An element that had an intent is gone; its intent no longer counts.
   */
  signals[WITHDRAWN] = g_signal_new ("withdrawn", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                     G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
vitrine_intent_bus_init (VitrineIntentBus *self)
{
  self->memo = vitrine_cache_intent_memo_new ();
  self->latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) vitrine_cache_intent_free);
}

VitrineIntentBus *
vitrine_intent_bus_new (void)
{
  return g_object_new (VITRINE_TYPE_INTENT_BUS, NULL);
}

gboolean
vitrine_intent_bus_emit (VitrineIntentBus         *self,
                         const VitrineCacheIntent *intent)
{
  VitrineCacheIntent *copy;

  g_return_val_if_fail (VITRINE_IS_INTENT_BUS (self), FALSE);
  g_return_val_if_fail (intent != NULL && intent->element_id != NULL, FALSE);

  if (!vitrine_cache_intent_memo_changed (self->memo, intent))
    return FALSE;
  copy = vitrine_cache_intent_copy (intent);
  g_hash_table_replace (self->latest, g_strdup (intent->element_id), copy);
  g_clear_pointer (&self->intents, g_ptr_array_unref);
  g_signal_emit (self, signals[INTENT], 0, copy);
  return TRUE;
}

void
vitrine_intent_bus_withdraw (VitrineIntentBus *self,
                             const char       *element_id)
{
  g_autofree char *id = NULL;

  g_return_if_fail (VITRINE_IS_INTENT_BUS (self));
  g_return_if_fail (element_id != NULL);

  /* The memo goes too: the element coming back states its needs again. */
  vitrine_cache_intent_memo_forget (self->memo, element_id);
  if (!g_hash_table_contains (self->latest, element_id))
    return;
  id = g_strdup (element_id);
  g_hash_table_remove (self->latest, id);
  g_clear_pointer (&self->intents, g_ptr_array_unref);
  g_signal_emit (self, signals[WITHDRAWN], 0, id);
}

static int
compare_intents (gconstpointer a,
                 gconstpointer b)
{
  const VitrineCacheIntent *x = *(const VitrineCacheIntent * const *) a;
  const VitrineCacheIntent *y = *(const VitrineCacheIntent * const *) b;

  return g_strcmp0 (x->element_id, y->element_id);
}

GPtrArray *
vitrine_intent_bus_get_intents (VitrineIntentBus *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (VITRINE_IS_INTENT_BUS (self), NULL);

  if (self->intents == NULL)
    {
      self->intents = g_ptr_array_new ();
      g_hash_table_iter_init (&iter, self->latest);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (self->intents, value);
      g_ptr_array_sort (self->intents, compare_intents);
    }
  return self->intents;
}
