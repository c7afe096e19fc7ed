/* test-fuzz-replay.c: every fuzz target's corpus and regressions, replayed through the
 * same entry points in an ordinary build (any compiler, no libFuzzer), so that an input
 * that once crashed a parser keeps being tried. One case per target; each file of
 * corpus/NAME/ and regressions/NAME/ is one input.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Each target's LLVMFuzzerTestOneInput, renamed by its build (tests/fuzz/meson.build). */
#define FUZZ_TARGETS(X) \
  X (pixel_header, "pixel-header") \
  X (message, "message") \
  X (audio_ring, "audio-ring") \
  X (image_probe, "image-probe") \
  X (wav, "wav") \
  X (poison_list, "poison-list") \
  X (feed, "feed") \
  X (weather, "weather") \
  X (feature_ring, "feature-ring") \
  X (track_summary, "track-summary") \
  X (cache_history, "cache-history")

#define DECLARE(symbol, name) int vitrine_fuzz_##symbol (const uint8_t *data, size_t size);
FUZZ_TARGETS (DECLARE)
#undef DECLARE

typedef struct
{
  const char *name;
  int (*run) (const uint8_t *data, size_t size);
} Target;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Feeds every file of @folder to @target; returns how many there were. A missing folder
 * (no regressions yet) has none. */
static guint
replay_folder (const Target *target,
               const char   *folder)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, folder, target->name, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  /* In a fixed order, so a failure names the same file every time. */
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      g_autofree uint8_t *exact = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      g_file_get_contents (file, &contents, &length, &error);
      g_assert_no_error (error);
      g_test_message ("%s", file);
      /* In a block of exactly its size, as libFuzzer hands it over (the contents carry
       * a terminating zero that would hide a one-byte overread from AddressSanitizer). */
      exact = g_memdup2 (contents, length);
      g_assert_cmpint (target->run (exact, length), ==, 0);
    }
  return names->len;
}

static void
test_replay (gconstpointer data)
{
  const Target *target = data;

  /* Every target starts from a corpus; regressions come when a fuzzer finds one. */
  g_assert_cmpuint (replay_folder (target, "corpus"), >, 0);
  replay_folder (target, "regressions");
}

#define ENTRY(symbol, name) { name, vitrine_fuzz_##symbol },
static const Target targets[] = { FUZZ_TARGETS (ENTRY) };
#undef ENTRY

/* A corpus or regressions folder without a target here would never be replayed. */
static void
test_every_folder (void)
{
  const char *folders[] = { "corpus", "regressions" };

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, folders[i], NULL);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          gboolean known = FALSE;

          for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
            known |= g_str_equal (name, targets[t].name);
          if (!known)
            g_error ("%s/%s has no fuzz target in test-fuzz-replay.c", folders[i], name);
        }
    }
}

int
main (int   argc,
      char *argv[])
{

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autofree char *path = g_strdup_printf ("/FuzzReplay/%s", targets[i].name);

      g_test_add_data_func (path, &targets[i], test_replay);
    }

  g_test_add_func ("/FuzzReplay/every-folder", test_every_folder);

  return g_test_run ();
}
