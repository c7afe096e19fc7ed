/* vitrine-application-caches.c: the application's cache manager, its wiring to the
 * elements and the sources, and the --regenerate and --export-history commands.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-application-private.h"
#include "vitrine-cache-source-audio.h"
#include "vitrine-cache-source-feeds.h"

static const char * const cache_names[] = { "all", "images", "feeds", "audio" };

/* VITRINE_CACHES=off (read once, here) runs without intents and history: the start-up
 * benchmark's peer (build-aux/dev bench caches). */
void
_vitrine_application_caches_init (VitrineApplication *self)
{
  g_autofree char *history = NULL;

  if (g_strcmp0 (g_getenv ("VITRINE_CACHES"), "off") == 0)
    return;
  history = g_build_filename (g_get_user_state_dir (), "vitrine", "cache-history.jsonl", NULL);
  self->caches = vitrine_caches_new (self->supervisor, history);
}

typedef GPtrArray *(*DupIntents) (gpointer element);

/* What one element object (the slideshow, the feeds, the visualizer) last put on the
 * bus: the element ids, so those it no longer names are withdrawn. */
typedef struct
{
  VitrineApplication *self;
  DupIntents          dup;
  GHashTable         *emitted;   /* element ids */
} Emitter;

static void
emitter_free (gpointer data)
{
  Emitter *emitter = data;

  g_hash_table_unref (emitter->emitted);
  g_free (emitter);
}

static void
emit_intents (gpointer  element,
              Emitter  *emitter)
{
  VitrineIntentBus *bus;
  g_autoptr(GPtrArray) intents = NULL;
  g_autoptr(GHashTable) now = NULL;
  GHashTableIter iter;
  gpointer id;

  /* The application shuts down: the manager went first. */
  if (emitter->self->caches == NULL)
    return;
  bus = vitrine_caches_get_bus (emitter->self->caches);
  intents = emitter->dup (element);
  now = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < intents->len; i++)
    {
      const VitrineCacheIntent *intent = intents->pdata[i];

      g_hash_table_add (now, g_strdup (intent->element_id));
      vitrine_intent_bus_emit (bus, intent);
    }
  g_hash_table_iter_init (&iter, emitter->emitted);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (now, id))
      vitrine_intent_bus_withdraw (bus, id);
  g_hash_table_unref (emitter->emitted);
  emitter->emitted = g_steal_pointer (&now);
}

static void
follow (VitrineApplication *self,
        gpointer            element,
        DupIntents          dup)
{
  Emitter *emitter = g_new0 (Emitter, 1);

  emitter->self = self;
  emitter->dup = dup;
  emitter->emitted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_signal_connect_data (element, "intents-changed", G_CALLBACK (emit_intents), emitter,
                         (GClosureNotify) (void (*) (void)) emitter_free, 0);
  emit_intents (element, emitter);
}

/* The image source groups its records by the slideshow's roots, the intents' track_refs. */
static void
images_roots_cb (VitrineApplication *self)
{
  g_autoptr(GPtrArray) intents = vitrine_slideshow_dup_intents (self->slideshow);
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();

  if (self->images_cache == NULL)
    return;
  for (guint i = 0; i < intents->len; i++)
    {
      const VitrineCacheIntent *intent = intents->pdata[i];

      if (!g_ptr_array_find_with_equal_func (roots, intent->track_ref, g_str_equal, NULL))
        g_ptr_array_add (roots, intent->track_ref);
    }
  g_ptr_array_add (roots, NULL);
  vitrine_cache_source_images_set_roots (self->images_cache, (const char * const *) roots->pdata);
}

/* Called once the slideshow, the feeds and the visualizer exist: the three caches as
 * sources, and every element's intents on the bus now and whenever they change. */
void
_vitrine_application_caches_connect (VitrineApplication *self)
{
  g_autoptr(VitrineCacheSourceFeeds) feeds = NULL;
  g_autoptr(VitrineCacheSourceAudio) audio = NULL;

  if (self->caches == NULL)
    return;
  self->images_cache = vitrine_cache_source_images_new (self->supervisor, self->settings);
  feeds = vitrine_cache_source_feeds_new (self->supervisor, self->feeds);
  audio = vitrine_cache_source_audio_new (self->supervisor, self->visualizer);
  vitrine_caches_add_source (self->caches, VITRINE_CACHE_SOURCE (self->images_cache));
  vitrine_caches_add_source (self->caches, VITRINE_CACHE_SOURCE (feeds));
  vitrine_caches_add_source (self->caches, VITRINE_CACHE_SOURCE (audio));

  g_signal_connect_object (self->slideshow, "intents-changed", G_CALLBACK (images_roots_cb), self,
                           G_CONNECT_SWAPPED);
  images_roots_cb (self);
  follow (self, self->slideshow, (DupIntents) vitrine_slideshow_dup_intents);
  follow (self, self->feeds, (DupIntents) vitrine_feeds_dup_intents);
  follow (self, self->visualizer, (DupIntents) vitrine_visualizer_dup_intents);
}

VitrineCaches *
vitrine_application_get_caches (VitrineApplication *self)
{
  g_return_val_if_fail (VITRINE_IS_APPLICATION (self), NULL);
  return self->caches;
}

/* In the launching process: a bad value is an error before any instance is asked. */
gboolean
_vitrine_application_caches_validate (GVariantDict  *options,
                                      GError       **error)
{
  const char *cache = NULL;
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "regenerate", "&s", &cache)
      && !g_strv_contains (cache_names, cache))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--regenerate=%s is unknown: use all, images, feeds or audio"), cache);
      return FALSE;
    }
  if (g_variant_dict_lookup (options, "export-history", "^ay", &path))
    {
      /* The running instance may have another working directory. */
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *dir = g_path_get_dirname (absolute);

      if (path[0] == '\0' || g_file_test (absolute, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--export-history=%s is not a file name"), display);
          return FALSE;
        }
      if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *display = g_filename_display_name (dir);

          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--export-history: there is no folder %s"), display);
          return FALSE;
        }
      g_variant_dict_insert_value (options, "export-history", g_variant_new_bytestring (absolute));
    }
  return TRUE;
}

static int
regenerate (VitrineApplication      *self,
            GApplicationCommandLine *command_line,
            GVariantDict            *options)
{
  const char *name = NULL;
  const char *cache;
  guint jobs;

  g_variant_dict_lookup (options, "regenerate", "&s", &name);
  cache = g_strcmp0 (name, "all") == 0 ? NULL : name;
  if (cache != NULL && !vitrine_caches_has_source (self->caches, cache))
    {
      /* Translators: the first %s is the option's value, the second a cache's name */
      g_application_command_line_printerr (command_line, _("vitrine: --regenerate=%s: there is no %s cache\n"),
                                           name, name);
      return EXIT_FAILURE;
    }
  jobs = vitrine_caches_regenerate (self->caches, cache, NULL, NULL, NULL, VITRINE_REGEN_REASON_MISSING,
                                    VITRINE_CACHES_ELEMENT_COMMAND_LINE);
  if (jobs == 0)
    g_application_command_line_print (command_line, _("Nothing to regenerate: every cached entry is current\n"));
  else
    g_application_command_line_print (command_line,
                                      ngettext ("%u regeneration job queued\n",
                                                "%u regeneration jobs queued\n", jobs), jobs);
  return EXIT_SUCCESS;
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GApplicationCommandLine) command_line = user_data;
  g_autoptr(GError) error = NULL;

  /* The launching process waits for @command_line to go; its exit status is set first. */
  if (!vitrine_caches_export_history_finish (VITRINE_CACHES (object), result, &error))
    {
      g_application_command_line_printerr (command_line, "vitrine: --export-history: %s\n", error->message);
      g_application_command_line_set_exit_status (command_line, EXIT_FAILURE);
    }
}

/* The remote commands of the cache manager; FALSE when @command is not one of them. */
gboolean
_vitrine_application_caches_command (VitrineApplication      *self,
                                     GApplicationCommandLine *command_line,
                                     const char              *command,
                                     int                     *status)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *path = NULL;

  if (!g_str_equal (command, "regenerate") && !g_str_equal (command, "export-history"))
    return FALSE;
  if (self->caches == NULL)
    {
      g_application_command_line_printerr (command_line,
                                           _("vitrine: --%s: the caches are switched off (VITRINE_CACHES=off)\n"),
                                           command);
      *status = EXIT_FAILURE;
      return TRUE;
    }
  if (g_str_equal (command, "regenerate"))
    {
      *status = regenerate (self, command_line, options);
      return TRUE;
    }
  g_variant_dict_lookup (options, "export-history", "^ay", &path);
  vitrine_caches_export_history_async (self->caches, path, NULL, export_done_cb, g_object_ref (command_line));
  *status = EXIT_SUCCESS;
  return TRUE;
}
