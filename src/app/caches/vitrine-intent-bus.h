/* vitrine-intent-bus.h: the in-process intent bus (docs/caches.md). Elements emit their
 * intents; the memo drops an element's unchanged intent; the signal "intent"
 * (VitrineCacheIntent, boxed) reaches the cache manager.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "vitrine-cache-intent.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_CACHE_INTENT (vitrine_cache_intent_get_type ())
GType vitrine_cache_intent_get_type (void) G_GNUC_CONST;

#define VITRINE_TYPE_INTENT_BUS (vitrine_intent_bus_get_type ())

G_DECLARE_FINAL_TYPE (VitrineIntentBus, vitrine_intent_bus, VITRINE, INTENT_BUS, GObject)

VitrineIntentBus *vitrine_intent_bus_new      (void);
/* TRUE when emitted, FALSE when the element's intent is unchanged. */
gboolean          vitrine_intent_bus_emit     (VitrineIntentBus         *self,
                                               const VitrineCacheIntent *intent);
/* An element gone (a display unplugged): its intent no longer counts. */
void              vitrine_intent_bus_withdraw (VitrineIntentBus         *self,
                                               const char               *element_id);
/* The latest intent of every element (of VitrineCacheIntent, owned by the bus). */
GPtrArray        *vitrine_intent_bus_get_intents (VitrineIntentBus      *self);

/* Signals: "intent" (VitrineCacheIntent), "withdrawn" (char *element_id). */

G_END_DECLS
