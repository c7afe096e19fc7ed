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

  setlocale (LC_ALL, "");
  /* VITRINE_LOCALEDIR lets a build tree use its own translations (meson devenv sets it). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VITRINE_LOCALEDIR") != NULL
                                   ? g_getenv ("VITRINE_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Vitrine"));

  /* The settings schema is checked once the options are parsed (see
   * vitrine-application-cli.c): --help and --version work without it. */
  app = vitrine_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
