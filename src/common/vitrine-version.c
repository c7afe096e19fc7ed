/* vitrine-version.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-build-ident.h"
#include "vitrine-version.h"

const char *
vitrine_version (void)
{
  return PACKAGE_VERSION;
}

const char *
vitrine_build_identifier (void)
{
  return VITRINE_BUILD_IDENTIFIER;
}

/* The line both executables print for --version. */
char *
vitrine_version_string (const char *program)
{
  return g_strdup_printf ("%s %s (build %s)", program, vitrine_version (),
                          vitrine_build_identifier ());
}
