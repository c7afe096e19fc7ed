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

/*
 * Called once the slideshow, the feeds and the visualizer exist.
 *
 * LEAD: the sources and the elements' intents are wired here as the other parts land:
 *   vitrine_caches_add_source (self->caches, <the image cache source>);   (images)
 *   vitrine_caches_add_source (self->caches, <the feed mirror source>);   (feeds)
 *   vitrine_caches_add_source (self->caches, <the audio summary source>); (audio)
 * and for each element (a display's slideshow, the visualizer card, the beat-synced
 * slideshow, the feed list): emit its *_dup_intents() on vitrine_caches_get_bus() now and
 * on its "intents-changed", and vitrine_intent_bus_withdraw() when it goes away.
 */
void
_vitrine_application_caches_connect (VitrineApplication *self)
{
  if (self->caches == NULL)
    return;
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
