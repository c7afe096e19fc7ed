/* vitrine-version.h
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *vitrine_version         (void);
const char *vitrine_build_identifier (void);
char       *vitrine_version_string  (const char *program);

G_END_DECLS
