/* test-caches-source.h: a small cache source for the cache manager's tests. It stands in
 * for the real sources (images, feeds, audio), keeping its records in memory; a test can
 * hold its regenerations until it releases them, or make the next one fail.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-cache-source.h"

G_BEGIN_DECLS

#define TEST_TYPE_SOURCE (test_source_get_type ())

G_DECLARE_FINAL_TYPE (TestSource, test_source, TEST, SOURCE, GObject)

struct _TestSource
{
  GObject              parent_instance;

  char                *name;
  VitrineWorkerRoleId  role;
  GHashTable          *revisions;     /* profile → revision; absent: the profile is gone */
  GPtrArray           *records;       /* of VitrineCacheRecord */
  guint                lists;
  guint                regenerations;
  guint                dismissals;
  gboolean             hold;          /* keep regenerations until test_source_release() */
  GTask               *held;
  char                *fail_next;     /* the next regeneration fails with this */
};

TestSource *test_source_new     (const char          *name,
                                 VitrineWorkerRoleId  role);
void        test_source_record  (TestSource          *self,
                                 const char          *track_ref,
                                 const char          *profile_id,
                                 const char          *descriptor,
                                 const char          *revision);
const VitrineCacheRecord *
            test_source_lookup  (TestSource          *self,
                                 const char          *track_ref,
                                 const char          *profile_id,
                                 const char          *descriptor);
/* Completes the held regeneration; FALSE when none is held. */
gboolean    test_source_release (TestSource          *self);

G_END_DECLS
