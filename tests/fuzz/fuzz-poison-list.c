/* fuzz-poison-list.c: the poison list's files (docs/ARCHITECTURE.md §3) from arbitrary
 * bytes. The first byte says how the predecessor ended (its two low bits) and whether the
 * files get their format lines (bit 2 clear) or are taken as they are; the rest is the
 * strikes file, a zero byte, and the in-flight note. Opening the list must not crash on
 * any of it; what it then quarantines must be inputs it would itself have noted, in
 * pages that fit, and reading back what it saved must give the same quarantine.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine-fuzz.h"
#include "vitrine-worker-poison.h"

#define INSTANCE "fuzz"
#define ROLE     "image"

static char *state_dir;
static char *strikes_path;
static char *current_path;

/* The list says why it ignores a file on every run; only warnings and worse matter. */
static void
quiet (const char     *domain,
       GLogLevelFlags  level,
       const char     *message,
       gpointer        data)
{
}

/* At exit: the files of the last input and the folders, so no run leaves them behind. */
static void
cleanup (void)
{
  g_autofree char *dir = g_build_filename (state_dir, INSTANCE, NULL);

  g_unlink (strikes_path);
  g_unlink (current_path);
  g_rmdir (dir);
  g_rmdir (state_dir);
}

static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (state_dir != NULL)
    return;
  state_dir = g_dir_make_tmp ("vitrine-fuzz-poison-XXXXXX", &error);
  g_assert_no_error (error);
  dir = g_build_filename (state_dir, INSTANCE, NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  strikes_path = g_build_filename (dir, ROLE "-worker.poison", NULL);
  current_path = g_build_filename (dir, ROLE "-worker.current", NULL);
  atexit (cleanup);
  g_log_set_handler ("Vitrine-Worker", G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG,
                     quiet, NULL);
}

static void
write_file (const char *path,
            const char *header,
            const char *contents,
            gsize       length)
{
  g_autoptr(GString) text = g_string_new (header);
  g_autoptr(GError) error = NULL;

  g_string_append_len (text, contents, length);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
}

static char **
quarantined (VitrinePredecessor predecessor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrinePoisonList) list = vitrine_poison_list_open (state_dir, INSTANCE, ROLE,
                                                                 predecessor, &error);
  g_auto(GStrv) inputs = NULL;
  GVariantBuilder builder;
  g_autoptr(GVariant) page = NULL, strv = NULL;
  guint32 total = 0, next = 0;

  g_assert_no_error (error);
  inputs = vitrine_poison_list_dup_quarantined (list);
  g_assert_cmpuint (g_strv_length (inputs), <=, VITRINE_POISON_MAX_ENTRIES);
  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_assert_true (inputs[i][0] != '\0');
      g_assert_cmpuint (strlen (inputs[i]), <=, 4096);
      g_assert_true (g_utf8_validate (inputs[i], -1, NULL));
      g_assert_true (vitrine_poison_list_is_quarantined (list, inputs[i]));
    }

  /* The first page, as Hello carries it: within its budget unless it is one input. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  vitrine_poison_list_add_page (list, &builder, 0);
  page = g_variant_ref_sink (g_variant_builder_end (&builder));
  g_assert_true (g_variant_lookup (page, "quarantined_total", "u", &total));
  g_assert_true (g_variant_lookup (page, "quarantined_next", "u", &next));
  strv = g_variant_lookup_value (page, "quarantined", G_VARIANT_TYPE_STRING_ARRAY);
  g_assert_nonnull (strv);
  g_assert_cmpuint (total, ==, g_strv_length (inputs));
  g_assert_cmpuint (next, ==, g_variant_n_children (strv));
  g_assert_true (next <= total && (total == 0 || next > 0));
  if (next > 1)
    g_assert_cmpuint (g_variant_get_size (strv), <=, VITRINE_POISON_PAGE_BYTES);

  return g_steal_pointer (&inputs);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  VitrinePredecessor predecessor;
  gboolean raw;
  const char *rest, *split;
  gsize rest_size;
  g_auto(GStrv) first = NULL, again = NULL;

  vitrine_fuzz_init ();
  setup ();
  if (size == 0)
    return 0;

  predecessor = (VitrinePredecessor) MIN (data[0] & 3, VITRINE_PREDECESSOR_UNEXPLAINED);
  raw = (data[0] & 4) != 0;
  rest = (const char *) data + 1;
  rest_size = size - 1;
  split = memchr (rest, '\0', rest_size);

  write_file (strikes_path, raw ? "" : "vitrine-poison 2\n", rest,
              split != NULL ? (gsize) (split - rest) : rest_size);
  g_unlink (current_path);
  if (split != NULL)
    write_file (current_path, raw ? "" : "vitrine-current 2\n", split + 1,
                rest_size - (gsize) (split + 1 - rest));

  first = quarantined (predecessor);
  /* The note is settled once: the list saved what it decided, and reads it back. */
  g_assert_false (g_file_test (current_path, G_FILE_TEST_EXISTS));
  again = quarantined (VITRINE_PREDECESSOR_NONE);
  g_assert_cmpstrv (first, again);

  g_unlink (strikes_path);
  return 0;
}
