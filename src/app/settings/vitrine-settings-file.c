/* vitrine-settings-file.c: settings export, import and reset (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>

#include "vitrine-overlay-stack.h"
#include "vitrine-settings-file.h"
#include "vitrine-version.h"

/* Files larger than this are refused unread: a settings file is a few kilobytes. */
#define MAX_FILE_SIZE (1 << 20)

/* A settings object and its group name in the file. */
typedef struct
{
  GSettings *settings;
  char      *group;
} Area;

static void
area_free (gpointer data)
{
  Area *area = data;

  g_object_unref (area->settings);
  g_free (area->group);
  g_free (area);
}

static void
add_area (GPtrArray  *areas,
          GSettings  *settings,
          const char *group)
{
  Area *area = g_new (Area, 1);

  area->settings = g_object_ref (settings);
  area->group = g_strdup (group);
  g_ptr_array_add (areas, area);
}

/* A clock's identifier as the clocks key allows: lower-case letters, digits and “-”. */
static gboolean
clock_id_valid (const char *id)
{
  if (*id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *c = id; *c != '\0'; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
      return FALSE;
  return TRUE;
}

static GSettings *
clock_settings (GSettings  *root,
                const char *id)
{
  g_autofree char *schema_id = NULL;
  g_autofree char *root_path = NULL;
  g_autofree char *clock_id = NULL;
  g_autofree char *path = NULL;

  g_object_get (root, "schema-id", &schema_id, "path", &root_path, NULL);
  clock_id = g_strconcat (schema_id, ".Clock", NULL);
  path = g_strdup_printf ("%swidgets/clocks/%s/", root_path, id);
  return g_settings_new_with_path (clock_id, path);
}

/* Every area: the root, its children (and theirs), and the clocks in @clocks. */
static GPtrArray *
list_areas (GSettings          *root,
            const char * const *clocks)
{
  GPtrArray *areas = g_ptr_array_new_with_free_func (area_free);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) own = NULL;
  g_auto(GStrv) children = NULL;
  g_autofree char *schema_id = NULL;

  /* Objects of our own: delay-apply mode, once set, stays on the object. */
  g_object_get (root, "schema-id", &schema_id, NULL);
  own = g_settings_new (schema_id);
  root = own;
  add_area (areas, own, "/");
  g_object_get (root, "settings-schema", &schema, NULL);
  children = g_settings_schema_list_children (schema);
  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autoptr(GSettings) child = g_settings_get_child (root, children[i]);

      add_area (areas, child, children[i]);
    }
  for (guint i = 0; clocks != NULL && clocks[i] != NULL; i++)
    {
      g_autofree char *group = NULL;
      g_autoptr(GSettings) clock = NULL;

      if (!clock_id_valid (clocks[i]))
        continue;
      group = g_strdup_printf ("widgets/clocks/%s", clocks[i]);
      clock = clock_settings (root, clocks[i]);
      add_area (areas, clock, group);
    }
  return areas;
}

static char **
current_clocks (GSettings *root)
{
  g_autoptr(GSettings) widgets = g_settings_get_child (root, "widgets");

  return g_settings_get_strv (widgets, "clocks");
}

/* Whether @key of @settings has a value of its own other than the default. */
static gboolean
differs (GSettings  *settings,
         const char *key)
{
  g_autoptr(GVariant) user = g_settings_get_user_value (settings, key);
  g_autoptr(GVariant) fallback = g_settings_get_default_value (settings, key);

  return user != NULL && !g_variant_equal (user, fallback);
}

/*
 * Whether the dimming of @display is on: its switch, or for settings from before it (an
 * amount stored, the switch never set) on, as vitrine_settings_file_migrate() makes it.
 */
static gboolean
dim_switch (GSettings *display)
{
  g_autoptr(GVariant) enabled = g_settings_get_user_value (display, "dim-enabled");
  g_autoptr(GVariant) dim = NULL;
  gboolean on = FALSE;
  double amount;

  if (enabled != NULL)
    return g_variant_get_boolean (enabled);
  dim = g_settings_get_user_value (display, "dim");
  if (dim != NULL)
    vitrine_dim_from_legacy (g_variant_get_double (dim), &on, &amount);
  return on;
}

/*
 * What the file says for @key, or NULL: its value when it differs from the default. The
 * dimming's switch also goes with its amount, even when off: a file with `dim` and no
 * `dim-enabled` is one from before the switch (upgrade_file()).
 */
static GVariant *
exported_value (Area       *area,
                const char *key)
{
  gboolean display = g_str_equal (area->group, "display");

  if (display && g_str_equal (key, "dim-enabled") && (differs (area->settings, key) || differs (area->settings, "dim")))
    return g_variant_ref_sink (g_variant_new_boolean (dim_switch (area->settings)));
  if (differs (area->settings, key))
    return g_settings_get_user_value (area->settings, key);
  return NULL;
}

/* The file's text: a comment saying what wrote it, then every non-default key. */
char *
vitrine_settings_file_export (GSettings *root)
{
  g_auto(GStrv) clocks = NULL;
  g_autoptr(GPtrArray) areas = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *version = vitrine_version_string ("vitrine");

  g_return_val_if_fail (G_IS_SETTINGS (root), NULL);

  clocks = current_clocks (root);
  areas = list_areas (root, (const char * const *) clocks);
  /* Translators: the first lines of an exported settings file; %s is e.g. "vitrine 0.1.0" */
  g_string_append_printf (text, _("# Vitrine settings that differ from the defaults, written by %s.\n"
                                  "# Import with “vitrine --import-settings=FILE”.\n"), version);
  for (guint i = 0; i < areas->len; i++)
    {
      Area *area = areas->pdata[i];
      g_autoptr(GSettingsSchema) schema = NULL;
      g_auto(GStrv) keys = NULL;
      gboolean header = FALSE;

      g_object_get (area->settings, "settings-schema", &schema, NULL);
      keys = g_settings_schema_list_keys (schema);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autoptr(GVariant) user = exported_value (area, keys[k]);
          g_autofree char *value = NULL;

          if (user == NULL)
            continue;
          if (!header)
            g_string_append_printf (text, "\n[%s]\n", area->group);
          header = TRUE;
          /* Typed as dconf prints it ("uint32 30"), so `dconf load` stores the right type. */
          value = g_variant_print (user, TRUE);
          g_string_append_printf (text, "%s=%s\n", keys[k], value);
        }
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
vitrine_settings_file_export_path (GSettings   *root,
                                   const char  *path,
                                   GError     **error)
{
  g_autofree char *text = vitrine_settings_file_export (root);

  return g_file_set_contents (path, text, -1, error);
}

/* The area of @group: a known one, or a clock named in the file or the settings. */
static Area *
find_area (GPtrArray  *areas,
           GSettings  *root,
           const char *group)
{
  for (guint i = 0; i < areas->len; i++)
    if (g_str_equal (((Area *) areas->pdata[i])->group, group))
      return areas->pdata[i];
  if (g_str_has_prefix (group, "widgets/clocks/") && clock_id_valid (group + strlen ("widgets/clocks/")))
    {
      g_autoptr(GSettings) clock = clock_settings (root, group + strlen ("widgets/clocks/"));

      add_area (areas, clock, group);
      return areas->pdata[areas->len - 1];
    }
  return NULL;
}

/* @text of @key checked against the key's type and range; the value, or NULL. */
static GVariant *
parse_value (Area        *area,
             const char  *key,
             const char  *text,
             GError     **error)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *group = g_str_equal (area->group, "/") ? "" : area->group;
  const char *slash = *group != '\0' ? "/" : "";

  g_object_get (area->settings, "settings-schema", &schema, NULL);
  if (!g_settings_schema_has_key (schema, key))
    {
      /* Translators: %s%s%s is a settings key such as display/interval */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s%s%s: no such setting"), group, slash, key);
      return NULL;
    }
  schema_key = g_settings_schema_get_key (schema, key);
  value = g_variant_parse (g_settings_schema_key_get_value_type (schema_key), text, NULL, NULL, &parse_error);
  if (value == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: a settings key (%s%s%s, e.g. display/interval) and why its value is bad */
                   _("%s%s%s: not a value of this setting’s type: %s"), group, slash, key, parse_error->message);
      return NULL;
    }
  if (!g_settings_schema_key_range_check (schema_key, value))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: a settings key (%s%s%s, e.g. display/interval) and the value it refused */
                   _("%s%s%s: %s is out of range"), group, slash, key, text);
      return NULL;
    }
  return g_steal_pointer (&value);
}

typedef struct
{
  GSettings *settings;
  char      *key;
  GVariant  *value;
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_object_unref (change->settings);
  g_free (change->key);
  g_variant_unref (change->value);
  g_free (change);
}

/*
 * A file from before `dim-enabled`, where `dim` 0 meant off, as it is now: its [display]
 * `dim` (0–0.9 then) becomes the switch and, when on, the amount (vitrine_dim_from_legacy).
 * A value that does not parse is left for check_file() to refuse.
 */
static void
upgrade_file (GKeyFile *file)
{
  g_autofree char *text = g_key_file_get_value (file, "display", "dim", NULL);
  g_autoptr(GVariant) value = NULL;
  g_autofree char *amount = NULL;
  gboolean enabled;
  double dim;

  if (text == NULL || g_key_file_has_key (file, "display", "dim-enabled", NULL))
    return;
  value = g_variant_parse (G_VARIANT_TYPE_DOUBLE, text, NULL, NULL, NULL);
  if (value == NULL || g_variant_get_double (value) < 0.0 || g_variant_get_double (value) > VITRINE_DIM_MAX)
    return;
  vitrine_dim_from_legacy (g_variant_get_double (value), &enabled, &dim);
  g_key_file_set_value (file, "display", "dim-enabled", enabled ? "true" : "false");
  if (!enabled)
    {
      g_key_file_remove_key (file, "display", "dim", NULL);
      return;
    }
  g_clear_pointer (&value, g_variant_unref);
  value = g_variant_ref_sink (g_variant_new_double (dim));
  amount = g_variant_print (value, FALSE);
  g_key_file_set_value (file, "display", "dim", amount);
}

/* Every key of @file checked; the changes they make, or NULL with the first refusal. */
static GPtrArray *
check_file (GSettings  *root,
            GKeyFile   *file,
            GError    **error)
{
  g_auto(GStrv) clocks = current_clocks (root);
  g_autoptr(GPtrArray) areas = list_areas (root, (const char * const *) clocks);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (change_free);
  g_auto(GStrv) groups = g_key_file_get_groups (file, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      Area *area = find_area (areas, root, groups[i]);
      g_auto(GStrv) keys = NULL;

      if (area == NULL)
        {
          /* Translators: %s is a group of a settings file, such as [display] */
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("[%s]: no such settings group"), groups[i]);
          return NULL;
        }
      keys = g_key_file_get_keys (file, groups[i], NULL, NULL);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autofree char *text = g_key_file_get_value (file, groups[i], keys[k], NULL);
          GVariant *value = parse_value (area, keys[k], text, error);
          Change *change;

          if (value == NULL)
            return NULL;
          change = g_new (Change, 1);
          change->settings = g_object_ref (area->settings);
          change->key = g_strdup (keys[k]);
          change->value = g_variant_ref_sink (value);
          g_ptr_array_add (changes, change);
        }
    }
  return g_steal_pointer (&changes);
}

/*
 * Merges the settings of @text into the current ones; keys it does not name keep their
 * values. The whole file is checked first: a bad group, key, type or range refuses it
 * with a message naming the key, and nothing changes.
 */
gboolean
vitrine_settings_file_import (GSettings   *root,
                              const char  *text,
                              gsize        length,
                              GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GPtrArray) delayed = g_ptr_array_new ();

  g_return_val_if_fail (G_IS_SETTINGS (root), FALSE);

  if (!g_utf8_validate (text, length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("not a settings file: not UTF-8 text"));
      return FALSE;
    }
  if (!g_key_file_load_from_data (file, text, length, G_KEY_FILE_NONE, &parse_error))
    {
      /* Translators: %s says what is wrong with the file's syntax */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("not a settings file: %s"), parse_error->message);
      return FALSE;
    }
  upgrade_file (file);
  changes = check_file (root, file, error);
  if (changes == NULL)
    return FALSE;

  /* All at once: each settings object holds its writes until every one is set. */
  for (guint i = 0; i < changes->len; i++)
    {
      Change *change = changes->pdata[i];

      if (!g_ptr_array_find (delayed, change->settings, NULL))
        {
          g_settings_delay (change->settings);
          g_ptr_array_add (delayed, change->settings);
        }
      g_settings_set_value (change->settings, change->key, change->value);
    }
  for (guint i = 0; i < delayed->len; i++)
    g_settings_apply (delayed->pdata[i]);
  g_settings_sync ();
  return TRUE;
}

gboolean
vitrine_settings_file_import_path (GSettings   *root,
                                   const char  *path,
                                   GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR || g_file_info_get_size (info) > MAX_FILE_SIZE)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("not a settings file: not a regular file of at most 1 MiB"));
      return FALSE;
    }
  if (!g_file_load_contents (file, NULL, &text, &length, NULL, error))
    return FALSE;
  return vitrine_settings_file_import (root, text, length, error);
}

/* Every key of every area (and of every listed clock) back to its default, at once. */
void
vitrine_settings_file_reset (GSettings *root)
{
  g_auto(GStrv) clocks = current_clocks (root);
  g_autoptr(GPtrArray) areas = list_areas (root, (const char * const *) clocks);

  g_return_if_fail (G_IS_SETTINGS (root));

  for (guint i = 0; i < areas->len; i++)
    {
      Area *area = areas->pdata[i];
      g_autoptr(GSettingsSchema) schema = NULL;
      g_auto(GStrv) keys = NULL;

      g_object_get (area->settings, "settings-schema", &schema, NULL);
      keys = g_settings_schema_list_keys (schema);
      g_settings_delay (area->settings);
      for (guint k = 0; keys[k] != NULL; k++)
        g_settings_reset (area->settings, keys[k]);
    }
  for (guint i = 0; i < areas->len; i++)
    g_settings_apply (((Area *) areas->pdata[i])->settings);
  g_settings_sync ();
}

/*
 * Brings settings stored by an older version up to date, once, at startup. Before
 * `display/dim-enabled`, `display/dim` 0 meant off: a stored 0 is now outside the key's
 * range, so GSettings reads it as unset, which is off, the switch's default. A stored
 * amount (0.1–0.9) with the switch never set turns the switch on; from then on the switch
 * has a value of its own and this does nothing. (A stored amount under 0.1, which the old
 * range allowed, is hidden the same way and reads as off; imported from a file, it turns
 * dimming on at 10 %.)
 */
void
vitrine_settings_file_migrate (GSettings *root)
{
  g_autoptr(GSettings) display = NULL;
  g_autoptr(GVariant) enabled = NULL;
  g_autoptr(GVariant) dim = NULL;

  g_return_if_fail (G_IS_SETTINGS (root));

  display = g_settings_get_child (root, "display");
  enabled = g_settings_get_user_value (display, "dim-enabled");
  dim = g_settings_get_user_value (display, "dim");
  if (enabled == NULL && dim != NULL)
    g_settings_set_boolean (display, "dim-enabled", dim_switch (display));
}

/*
 * Whether writes would be kept: dconf stores them through its service on the session
 * bus, so without one they would be lost with only a warning. Other backends (keyfile,
 * memory) need nothing.
 */
gboolean
vitrine_settings_file_can_store (GError **error)
{
  GSettingsBackend *backend = g_settings_backend_get_default ();
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) bus_error = NULL;
  gboolean dconf = g_str_equal (G_OBJECT_TYPE_NAME (backend), "DConfSettingsBackend");

  g_object_unref (backend);
  if (!dconf)
    return TRUE;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &bus_error);
  if (bus != NULL)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
               /* Translators: %s says why the session bus cannot be reached */
               _("dconf stores settings through the session bus, which is not there (%s); "
                 "run this in a session or under “dbus-run-session”"), bus_error->message);
  return FALSE;
}
