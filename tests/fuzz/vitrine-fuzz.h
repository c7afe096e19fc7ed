/* vitrine-fuzz.h: what every fuzz target shares. Each fuzz-NAME.c defines the libFuzzer
 * entry point; the replay test (test-fuzz-replay.c) compiles the same files with the
 * entry point renamed, so the corpora and regressions run in every build.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/*
 * Once per process: a critical or a warning is a bug in what is being fuzzed (a
 * g_return_if_fail() that fired, a check that logs instead of failing), so it aborts
 * like a crash does.
 */
static inline void
vitrine_fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_once_init_leave (&done, 1);
    }
}

/* The input as a GVariant of @type, read as untrusted bytes the way GLib reads anything
 * it did not serialize itself. */
static inline GVariant *
vitrine_fuzz_variant (const uint8_t      *data,
                      size_t              size,
                      const GVariantType *type)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  return g_variant_ref_sink (g_variant_new_from_bytes (type, bytes, FALSE));
}

G_END_DECLS
