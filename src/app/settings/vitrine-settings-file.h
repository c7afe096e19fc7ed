/* vitrine-settings-file.h: every setting that differs from its default, as a file, and
 * back. The file is what `dconf dump /io/github/vitrine/Vitrine/` prints: a key file with
 * a group per settings path below the root ("[/]" for the root itself, "[display]",
 * "[widgets/clocks/main]") and each key's value in GVariant text form, so `dconf load`
 * reads it too. Importing merges: keys the file lacks keep their values. It checks the
 * whole file first (every group, key, type and range) and applies nothing unless all of
 * it is good, then applies it at once. A file from an older version is read as that
 * version meant it (the dimming's `dim` 0 = off, upgrade_file()); migrate() does the same
 * for stored settings at startup. Needs GIO only, so `vitrine --export-settings` and
 * `--import-settings` run without a display.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *vitrine_settings_file_export      (GSettings   *root);
gboolean  vitrine_settings_file_export_path (GSettings   *root,
                                             const char  *path,
                                             GError     **error);
gboolean  vitrine_settings_file_import      (GSettings   *root,
                                             const char  *text,
                                             gsize        length,
                                             GError     **error);
gboolean  vitrine_settings_file_import_path (GSettings   *root,
                                             const char  *path,
                                             GError     **error);
void      vitrine_settings_file_reset       (GSettings   *root);
void      vitrine_settings_file_migrate     (GSettings   *root);
gboolean  vitrine_settings_file_can_store   (GError     **error);

G_END_DECLS
