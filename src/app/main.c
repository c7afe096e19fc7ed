/* main.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "vitrine-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VitrineApplication) app = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  setlocale (LC_ALL, "");
  /* VITRINE_LOCALEDIR lets a build tree use its own translations (meson devenv sets it). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VITRINE_LOCALEDIR") != NULL
                                   ? g_getenv ("VITRINE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Vitrine"));

  /* GSettings aborts on a missing schema; say what is wrong instead. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("vitrine: the settings schema %s is not installed; "
                    "install Vitrine with “meson install” or run it with “meson devenv”\n"),
                  APP_ID);
      return EXIT_FAILURE;
    }

  app = vitrine_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
