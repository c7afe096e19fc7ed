/* vitrine-application-cli.c: options, their validation, and commands to a running instance.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-application-private.h"
#include "vitrine-transition.h"
#include "vitrine-render.h"
#include "vitrine-settings-file.h"
#include "vitrine-enum-types.h"
#include "vitrine-version.h"

/* Exit status for a bad option value, as for an unknown option in most tools. */
#define EXIT_BAD_OPTION 2

static const GOptionEntry main_entries[] = {
  { "fullscreen", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Fill every chosen monitor (the default)"), NULL },
  { "window", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the display in a normal window"), NULL },
  { "screensaver", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Exit on any key, click or pointer motion"), NULL },
  { "settings", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the settings window"), NULL },
  { "monitor", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Show the display only on monitor N (0 is the first)"), N_("N") },
  { "folder", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    N_("Show photos from PATH for this run only (repeatable)"), N_("PATH") },
  { "interval", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Seconds between photos for this run only"), N_("SECONDS") },
  { "renderer", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Force a renderer: auto, gl or software"), N_("NAME") },
  { "next", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Running instance: show the next photo"), NULL },
  { "previous", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Running instance: show the previous photo"), NULL },
  { "quit", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Running instance: quit"), NULL },
  { "status", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Running instance: print its state as JSON"), NULL },
  { "regenerate", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Running instance: regenerate the missing and stale entries of a cache: all, images, feeds or audio"),
    N_("CACHE") },
  { "export-history", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Running instance: write a summary of the cache regeneration history to FILE"), N_("FILE") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and build and exit"), NULL },
  { "list-transitions", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the names of the transitions and exit"), NULL },
  { "export-settings", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write every setting that differs from its default to FILE (“-” for standard output) and exit"),
    N_("FILE") },
  { "import-settings", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Merge the settings in FILE into the current ones and exit; a bad file changes nothing"),
    N_("FILE") },
  /* Offscreen rendering of one transition frame, for tests and close looks (untranslated,
   * not in --help). */
  { "render-transition", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL,
    "Render one frame of transition NAME to a PNG", "NAME" },
  { "progress", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_DOUBLE, NULL, "Progress, 0 to 1 (0)", "P" },
  { "from", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL, "The old image", "FILE" },
  { "to", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL, "The new image", "FILE" },
  { "size", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, "Frame size", "WxH" },
  { "seed", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_DOUBLE, NULL, "Seed, 0 to 1 (0)", "S" },
  { "direction", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, "Direction (left)", "DIR" },
  { "output", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, NULL, "Where the PNG goes", "FILE" },
  { "variant", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, NULL, "The type's own parameter (Diffuse: 1 membrane)", "N" },
  { NULL }
};

static const char * const remote_commands[] = {
  "next", "previous", "quit", "status", "regenerate", "export-history",
};

void
_vitrine_application_add_options (VitrineApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Ambient photo display with transitions, "
                                              "overlays and a live audio visualizer."));
  g_application_set_option_context_description (G_APPLICATION (self),
                                                 _("Keys on the display: Z previous, X next, "
                                                   "Space pause, S settings, Esc or Q exit."));
}

static gboolean
parse_renderer (const char      *nick,
                VitrineRenderer *renderer)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (VITRINE_TYPE_RENDERER);
  GEnumValue *value = g_enum_get_value_by_nick (klass, nick);

  if (value == NULL)
    return FALSE;

  *renderer = value->value;
  return TRUE;
}

/* The --interval range is the settings key's range, so the two cannot disagree. */
static gboolean
check_interval (int      interval,
                GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  g_autofree char *kind = NULL;
  guint32 min_value = 0, max_value = 0;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID ".Display", TRUE);
  if (schema == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("the settings schema %s is not installed"), APP_ID);
      return FALSE;
    }

  key = g_settings_schema_get_key (schema, "interval");
  range = g_settings_schema_key_get_range (key);
  g_variant_get (range, "(sv)", &kind, &limits);
  g_variant_get (limits, "(uu)", &min_value, &max_value);

  if (interval < 0 || !g_settings_schema_key_range_check (key, g_variant_new_uint32 (interval)))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--interval=%d is out of range: use %u to %u seconds"),
                   interval, min_value, max_value);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_options (GVariantDict  *options,
                  GError       **error)
{
  const char *renderer = NULL;
  g_autofree const char **folders = NULL;
  int monitor, interval;
  VitrineRenderer unused;

  if (g_variant_dict_contains (options, "fullscreen") &&
      g_variant_dict_contains (options, "window"))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--fullscreen and --window cannot be used together"));
      return FALSE;
    }

  if (g_variant_dict_lookup (options, "monitor", "i", &monitor) && monitor < 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--monitor=%d is not a monitor: monitors are numbered from 0"), monitor);
      return FALSE;
    }

  if (g_variant_dict_lookup (options, "interval", "i", &interval) &&
      !check_interval (interval, error))
    return FALSE;

  if (g_variant_dict_lookup (options, "renderer", "&s", &renderer) &&
      !parse_renderer (renderer, &unused))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--renderer=%s is unknown: use auto, gl or software"), renderer);
      return FALSE;
    }

  if (!_vitrine_application_caches_validate (options, error))
    return FALSE;

  /* A typo in a path is worth telling at once, before any window opens. */
  if (g_variant_dict_lookup (options, "folder", "^a&ay", &folders))
    {
      for (guint i = 0; folders[i] != NULL; i++)
        {
          if (!g_file_test (folders[i], G_FILE_TEST_IS_DIR))
            {
              g_autofree char *display = g_filename_display_name (folders[i]);

              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--folder=%s is not a folder"), display);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/* --render-transition and its companions: checked like every option, then rendered here,
 * in the launching process, without becoming an instance. */
static int
render_transition (GVariantDict *options)
{
  g_autoptr(GEnumClass) directions = g_type_class_ref (VITRINE_TYPE_DIRECTION);
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL, *to = NULL, *output = NULL;
  g_auto(GStrv) size = NULL;
  const char *name = NULL, *size_text = NULL, *direction = "left";
  /* GApplication leaves zero values out of the dictionary: absent means 0. */
  VitrineRenderRequest request = { .progress = 0, .direction = VITRINE_DIRECTION_LEFT };
  GEnumValue *value;
  guint64 w = 0, h = 0;

  g_variant_dict_lookup (options, "render-transition", "&s", &name);
  g_variant_dict_lookup (options, "progress", "d", &request.progress);
  g_variant_dict_lookup (options, "seed", "d", &request.seed);
  g_variant_dict_lookup (options, "from", "^ay", &from);
  g_variant_dict_lookup (options, "to", "^ay", &to);
  g_variant_dict_lookup (options, "output", "^ay", &output);
  g_variant_dict_lookup (options, "size", "&s", &size_text);
  g_variant_dict_lookup (options, "direction", "&s", &direction);
  g_variant_dict_lookup (options, "variant", "i", &request.variant);
  size = g_strsplit (size_text != NULL ? size_text : "", "x", 3);
  value = g_enum_get_value_by_nick (directions, direction);

  if (!vitrine_transition_from_name (name, &request.type))
    g_printerr ("vitrine: unknown transition “%s” (see --list-transitions)\n", name);
  else if (request.progress < 0 || request.progress > 1 || request.seed < 0 || request.seed > 1)
    g_printerr ("vitrine: --progress and --seed go from 0 to 1\n");
  else if (from == NULL || to == NULL || output == NULL)
    g_printerr ("vitrine: --render-transition needs --from, --to and --output\n");
  else if (g_strv_length (size) != 2 ||
           !g_ascii_string_to_unsigned (size[0], 10, 1, 16384, &w, NULL) ||
           !g_ascii_string_to_unsigned (size[1], 10, 1, 16384, &h, NULL))
    g_printerr ("vitrine: --size is not WIDTHxHEIGHT with sides from 1 to 16384\n");
  else if (value == NULL || value->value == VITRINE_DIRECTION_RANDOM)
    g_printerr ("vitrine: unknown --direction “%s”\n", direction);
  else
    {
      request.from = from;
      request.to = to;
      request.output = output;
      request.width = (guint) w;
      request.height = (guint) h;
      request.direction = value->value;
      if (vitrine_render_transition (&request, &error))
        return EXIT_SUCCESS;
      g_printerr ("vitrine: %s\n", error->message);
      return EXIT_FAILURE;
    }
  return EXIT_BAD_OPTION;
}

/* GSettings aborts on a missing schema; say what is wrong instead. */
static gboolean
schema_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    return TRUE;

  g_printerr (_("vitrine: the settings schema %s is not installed; "
                "install Vitrine with “meson install” or run it with “meson devenv”\n"),
              APP_ID);
  return FALSE;
}

/* --export-settings and --import-settings: in this process, with no display and no
 * instance; only dconf's writes need the session bus, and that is checked first. */
static int
settings_file (GVariantDict *options)
{
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "export-settings", "^ay", &path))
    {
      if (g_str_equal (path, "-"))
        {
          g_autofree char *text = vitrine_settings_file_export (root);

          g_print ("%s", text);
          return EXIT_SUCCESS;
        }
      if (vitrine_settings_file_export_path (root, path, &error))
        return EXIT_SUCCESS;
      g_printerr ("vitrine: --export-settings: %s\n", error->message);
      return EXIT_FAILURE;
    }

  g_variant_dict_lookup (options, "import-settings", "^ay", &path);
  if (vitrine_settings_file_can_store (&error) &&
      vitrine_settings_file_import_path (root, path, &error))
    return EXIT_SUCCESS;
  /* Translators: %s says why, naming the setting ("display/interval: 1 is out of range") */
  g_printerr (_("vitrine: --import-settings: nothing was imported: %s\n"), error->message);
  return EXIT_FAILURE;
}

/*
 * Runs in the launching process once GOption has parsed the command line. --help (and
 * GOption's other --help-… options) never get here: GOption prints and exits while parsing.
 * --version needs no settings either; everything else does, so the schema is checked next.
 */
int
_vitrine_application_handle_local (VitrineApplication *self,
                                   GVariantDict       *options)
{
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_autofree char *version = vitrine_version_string ("vitrine");

      g_print ("%s\n", version);
      return EXIT_SUCCESS;
    }

  if (!schema_installed ())
    return EXIT_FAILURE;

  if (g_variant_dict_contains (options, "list-transitions"))
    {
      for (guint i = 0; i < VITRINE_TRANSITION_TYPE_COUNT; i++)
        g_print ("%s\n", vitrine_transition_name (i));
      return EXIT_SUCCESS;
    }
  if (g_variant_dict_contains (options, "render-transition"))
    return render_transition (options);
  if (g_variant_dict_contains (options, "export-settings") &&
      g_variant_dict_contains (options, "import-settings"))
    {
      g_printerr ("vitrine: %s\n", _("--export-settings and --import-settings cannot be used together"));
      return EXIT_BAD_OPTION;
    }
  if (g_variant_dict_contains (options, "export-settings") ||
      g_variant_dict_contains (options, "import-settings"))
    return settings_file (options);

  if (!validate_options (options, &error))
    {
      g_printerr ("vitrine: %s\n", error->message);
      return EXIT_BAD_OPTION;
    }

  /* Relative folders must mean the same in the primary instance, whose working
   * directory may differ. */
  if (g_variant_dict_contains (options, "folder"))
    {
      g_autofree const char **folders = NULL;
      g_autoptr(GPtrArray) absolute = g_ptr_array_new_with_free_func (g_free);

      g_variant_dict_lookup (options, "folder", "^a&ay", &folders);
      for (guint i = 0; folders[i] != NULL; i++)
        g_ptr_array_add (absolute, g_canonicalize_filename (folders[i], NULL));
      g_ptr_array_add (absolute, NULL);
      g_variant_dict_insert_value (options, "folder",
                                   g_variant_new_bytestring_array ((const char * const *) absolute->pdata, -1));
    }

  return -1;
}

/*
 * --interval and --folder also retarget a display that is already running; how the display
 * is shown (window, screensaver, monitor, renderer) is fixed when its windows open.
 */
static void
apply_run_options (VitrineApplication *self,
                   GVariantDict       *options)
{
  const char *renderer = NULL;
  g_autofree const char **folders = NULL;
  int value;

  if (g_variant_dict_lookup (options, "interval", "i", &value))
    self->run.interval = (guint) value;
  if (g_variant_dict_lookup (options, "folder", "^a&ay", &folders))
    {
      g_strfreev (self->run.folders);
      self->run.folders = g_strdupv ((char **) folders);
    }

  if (self->display_windows->len > 0)
    return;

  if (g_variant_dict_contains (options, "window"))
    self->run.windowed = TRUE;
  else if (g_variant_dict_contains (options, "fullscreen"))
    self->run.windowed = FALSE;
  self->run.screensaver = g_variant_dict_contains (options, "screensaver");
  if (g_variant_dict_lookup (options, "monitor", "i", &value))
    self->run.monitor = value;
  if (g_variant_dict_lookup (options, "renderer", "&s", &renderer) &&
      parse_renderer (renderer, &self->run.renderer))
    self->run.renderer_forced = TRUE;
}

static int
run_remote_command (VitrineApplication      *self,
                    GApplicationCommandLine *command_line,
                    const char              *command)
{
  int status = EXIT_SUCCESS;

  if (_vitrine_application_caches_command (self, command_line, command, &status))
    return status;
  if (g_str_equal (command, "status"))
    {
      g_autofree char *json = vitrine_application_dup_status_json (self);

      g_application_command_line_print (command_line, "%s\n", json);
    }
  else
    g_action_group_activate_action (G_ACTION_GROUP (self), command, NULL);

  return EXIT_SUCCESS;
}

int
_vitrine_application_command_line (VitrineApplication      *self,
                                   GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GError) error = NULL;
  gboolean handled_remote = FALSE;
  int status = EXIT_SUCCESS;

  for (guint i = 0; i < G_N_ELEMENTS (remote_commands); i++)
    {
      if (!g_variant_dict_contains (options, remote_commands[i]))
        continue;

      /* This process became the primary instance itself: nothing was running. */
      if (!g_application_command_line_get_is_remote (command_line))
        {
          g_application_command_line_printerr (command_line,
                                               _("vitrine: --%s: Vitrine is not running\n"),
                                               remote_commands[i]);
          return EXIT_FAILURE;
        }

      /* The first failure decides the exit status. */
      if (status == EXIT_SUCCESS)
        status = run_remote_command (self, command_line, remote_commands[i]);
      else
        run_remote_command (self, command_line, remote_commands[i]);
      handled_remote = TRUE;
    }
  if (handled_remote)
    return status;

  apply_run_options (self, options);

  if (g_variant_dict_contains (options, "settings"))
    {
      vitrine_application_show_settings (self);
      return EXIT_SUCCESS;
    }

  if (self->display_windows->len > 0)
    {
      vitrine_application_show_displays (self);
      return EXIT_SUCCESS;
    }

  if (!_vitrine_application_sync_displays (self, &error))
    {
      g_application_command_line_printerr (command_line, "vitrine: --monitor: %s\n",
                                           error->message);
      return EXIT_BAD_OPTION;
    }

  return EXIT_SUCCESS;
}
