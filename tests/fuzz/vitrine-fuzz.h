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
#include <stdlib.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Prints the message, then aborts on a warning or worse. GLib's own fatal path ends in
 * G_BREAKPOINT (SIGTRAP), which libFuzzer does not catch, so the input would be lost. */
static inline void
vitrine_fuzz_log_handler (const char     *domain,
                          GLogLevelFlags  level,
                          const char     *message,
                          gpointer        user_data)
{
  g_log_default_handler (domain, level, message, user_data);
  if (level & (G_LOG_FLAG_FATAL | G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
}

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
      g_log_set_default_handler (vitrine_fuzz_log_handler, NULL);
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
