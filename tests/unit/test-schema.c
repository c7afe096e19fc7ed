/* test-schema.c: the settings schema, read from the directory the build compiled it in.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "vitrine-enum-types.h"

/* Every settings enum and flags type of vitrine-enums.h (not those of its "Not settings"
 * part); a schema enum must be one of them. */
static GType
enum_type_at (guint i)
{
  GType types[] = {
    VITRINE_TYPE_MONITOR_MODE, VITRINE_TYPE_RENDERER, VITRINE_TYPE_SCALE_MODE,
    VITRINE_TYPE_TRANSITION_TYPE, VITRINE_TYPE_TRANSITION_SET, VITRINE_TYPE_EASING,
    VITRINE_TYPE_DIRECTION, VITRINE_TYPE_DIFFUSE_SHAPE, VITRINE_TYPE_CRUMBLE_ORDER,
    VITRINE_TYPE_PARTICLE_MODE, VITRINE_TYPE_ANCHOR, VITRINE_TYPE_CLOCK_FORMAT,
    VITRINE_TYPE_CLOCK_STYLE, VITRINE_TYPE_WEATHER_UNITS, VITRINE_TYPE_ANALYSIS_FRAME,
    VITRINE_TYPE_VISUALIZER_SHOW_WHEN, VITRINE_TYPE_CARD_SHADOW, VITRINE_TYPE_CACHES_SORT,
    VITRINE_TYPE_CACHES_FILTER,
  };

  return i < G_N_ELEMENTS (types) ? types[i] : G_TYPE_INVALID;
}

/* The nicks of a GEnum or GFlags type in value order, as the schema lists them. */
static GStrv
type_nicks (GType type)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);

  if (G_IS_ENUM_CLASS (klass))
    {
      GEnumClass *enum_class = G_ENUM_CLASS (klass);

      for (guint i = 0; i < enum_class->n_values; i++)
        g_strv_builder_add (builder, enum_class->values[i].value_nick);
    }
  else
    {
      GFlagsClass *flags_class = G_FLAGS_CLASS (klass);

      for (guint i = 0; i < flags_class->n_values; i++)
        g_strv_builder_add (builder, flags_class->values[i].value_nick);
    }

  return g_strv_builder_end (builder);
}

static GSettingsSchemaSource *
build_schema_source (void)
{
  const char *dir = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autoptr(GError) error = NULL;
  GSettingsSchemaSource *source;

  g_assert_nonnull (dir);
  /* Only the build's schemas, not whatever an installed Vitrine left behind. */
  source = g_settings_schema_source_new_from_directory (dir, NULL, TRUE, &error);
  g_assert_no_error (error);

  return source;
}

static GPtrArray *
vitrine_schemas (GSettingsSchemaSource *source)
{
  g_auto(GStrv) plain = NULL;
  g_auto(GStrv) relocatable = NULL;
  GPtrArray *schemas = g_ptr_array_new_with_free_func ((GDestroyNotify) g_settings_schema_unref);

  g_settings_schema_source_list_schemas (source, FALSE, &plain, &relocatable);
  for (guint i = 0; plain[i] != NULL; i++)
    g_ptr_array_add (schemas, g_settings_schema_source_lookup (source, plain[i], FALSE));
  for (guint i = 0; relocatable[i] != NULL; i++)
    g_ptr_array_add (schemas, g_settings_schema_source_lookup (source, relocatable[i], FALSE));

  return schemas;
}

static void
test_layout (void)
{
  g_autoptr(GSettingsSchemaSource) source = build_schema_source ();
  g_autoptr(GSettingsSchema) root = g_settings_schema_source_lookup (source, APP_ID, FALSE);
  g_autoptr(GSettingsSchema) clock = g_settings_schema_source_lookup (source, APP_ID ".Clock", FALSE);
  g_auto(GStrv) children = NULL;
  const char *expected[] = {
    "sources", "display", "transitions", "widgets", "visualizer", "accessibility", "workers",
  };

  g_assert_nonnull (root);
  g_assert_cmpstr (g_settings_schema_get_path (root), ==, APP_PATH);
  children = g_settings_schema_list_children (root);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_strv_contains ((const char * const *) children, expected[i]));

  /* Clocks are repeated, so their schema has no fixed path. */
  g_assert_nonnull (clock);
  g_assert_null (g_settings_schema_get_path (clock));
}

static void
test_keys_documented_and_bounded (void)
{
  g_autoptr(GSettingsSchemaSource) source = build_schema_source ();
  g_autoptr(GPtrArray) schemas = vitrine_schemas (source);
  guint n_keys = 0;

  g_assert_cmpuint (schemas->len, >=, 9);

  for (guint s = 0; s < schemas->len; s++)
    {
      GSettingsSchema *schema = g_ptr_array_index (schemas, s);
      g_auto(GStrv) keys = g_settings_schema_list_keys (schema);

      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[k]);
          g_autoptr(GVariant) value = g_settings_schema_key_get_default_value (key);
          g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
          const GVariantType *type = g_settings_schema_key_get_value_type (key);
          const char *kind = NULL;
          g_autoptr(GVariant) detail = NULL;
          g_autofree char *where = g_strdup_printf ("%s:%s", g_settings_schema_get_id (schema),
                                                    keys[k]);

          n_keys++;

          if (g_settings_schema_key_get_summary (key) == NULL ||
              g_settings_schema_key_get_description (key) == NULL)
            g_error ("%s has no summary or no description", where);

          if (!g_settings_schema_key_range_check (key, value))
            g_error ("%s: its default lies outside its range", where);

          /* Numbers need bounds: a user can type any number into a settings field. */
          g_variant_get (range, "(&sv)", &kind, &detail);
          if (g_str_equal (kind, "type") &&
              (g_variant_type_equal (type, G_VARIANT_TYPE_INT32) ||
               g_variant_type_equal (type, G_VARIANT_TYPE_UINT32) ||
               g_variant_type_equal (type, G_VARIANT_TYPE_INT64) ||
               g_variant_type_equal (type, G_VARIANT_TYPE_UINT64) ||
               g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE)))
            g_error ("%s is a number without a <range>", where);

          if (g_str_equal (kind, "range"))
            {
              g_autoptr(GVariant) low = g_variant_get_child_value (detail, 0);
              g_autoptr(GVariant) high = g_variant_get_child_value (detail, 1);

              g_assert_true (g_settings_schema_key_range_check (key, low));
              g_assert_true (g_settings_schema_key_range_check (key, high));
              g_assert_cmpint (g_variant_compare (low, high), <, 0);
            }
        }
    }

  g_assert_cmpuint (n_keys, >=, 100);
}

/* The schema's enums are generated from vitrine-enums.h; check the link holds. */
static void
test_enums_match_code (void)
{
  g_autoptr(GSettingsSchemaSource) source = build_schema_source ();
  g_autoptr(GPtrArray) schemas = vitrine_schemas (source);
  guint n_checked = 0;

  for (guint s = 0; s < schemas->len; s++)
    {
      GSettingsSchema *schema = g_ptr_array_index (schemas, s);
      g_auto(GStrv) keys = g_settings_schema_list_keys (schema);

      for (guint k = 0; keys[k] != NULL; k++)
        {
          g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, keys[k]);
          g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
          g_autoptr(GVariant) detail = NULL;
          g_autofree const char **choices = NULL;
          const char *kind = NULL;
          gboolean matched = FALSE;

          g_variant_get (range, "(&sv)", &kind, &detail);
          if (!g_str_equal (kind, "enum") && !g_str_equal (kind, "flags"))
            continue;

          choices = g_variant_get_strv (detail, NULL);
          for (guint t = 0; enum_type_at (t) != G_TYPE_INVALID && !matched; t++)
            {
              g_auto(GStrv) nicks = type_nicks (enum_type_at (t));

              matched = g_strv_equal ((const char * const *) nicks, choices) &&
                        (g_str_equal (kind, "flags") == G_TYPE_IS_FLAGS (enum_type_at (t)));
            }
          if (!matched)
            g_error ("%s:%s has choices that match no type of vitrine-enums.h",
                     g_settings_schema_get_id (schema), keys[k]);
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, >=, 10);
}

/*
 * The other direction: every enum the schema defines is used by a key. The types of
 * vitrine-enums.h that are not settings (worker states) are cut out before the schema's
 * enums are made; one that slipped through would be listed here without a key.
 */
static void
test_enums_all_used (void)
{
  const char *dir = g_getenv ("GSETTINGS_SCHEMA_DIR");
  g_autofree char *enums_path = g_build_filename (dir, APP_ID ".enums.xml", NULL);
  g_autofree char *schema_path = g_build_filename (dir, APP_ID ".gschema.xml", NULL);
  g_autofree char *enums = NULL;
  g_autofree char *schema = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("<(enum|flags) id=\"([^\"]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  guint n_enums = 0;

  g_file_get_contents (enums_path, &enums, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (schema_path, &schema, NULL, &error);
  g_assert_no_error (error);

  for (g_regex_match (regex, enums, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *kind = g_match_info_fetch (match, 1);
      g_autofree char *id = g_match_info_fetch (match, 2);
      g_autofree char *use = g_strdup_printf ("%s=\"%s\"", kind, id);

      if (strstr (schema, use) == NULL)
        g_error ("the schema's %s %s is used by no key", kind, id);
      n_enums++;
    }

  g_assert_cmpuint (n_enums, >=, 10);
}

/* Keys the code reads by name: renaming one in the schema alone must fail here. */
static void
test_keys_the_code_uses (void)
{
  g_autoptr(GSettingsSchemaSource) source = build_schema_source ();
  g_autoptr(GSettingsSchema) display = g_settings_schema_source_lookup (source, APP_ID ".Display", FALSE);
  g_autoptr(GSettingsSchemaKey) interval = NULL;
  g_autoptr(GVariant) value = NULL;
  const char *display_keys[] = {
    "interval", "keep-awake", "monitor-mode", "monitor-index", "cursor-hide-delay", "renderer",
  };

  g_assert_nonnull (display);
  for (guint i = 0; i < G_N_ELEMENTS (display_keys); i++)
    g_assert_true (g_settings_schema_has_key (display, display_keys[i]));

  interval = g_settings_schema_get_key (display, "interval");
  g_assert_true (g_variant_type_equal (g_settings_schema_key_get_value_type (interval),
                                       G_VARIANT_TYPE_UINT32));
  value = g_settings_schema_key_get_default_value (interval);
  g_assert_cmpuint (g_variant_get_uint32 (value), ==, 30);
  g_assert_false (g_settings_schema_key_range_check (interval, g_variant_new_uint32 (1)));
  g_assert_true (g_settings_schema_key_range_check (interval, g_variant_new_uint32 (2)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Every settings key is documented, bounded, and its default in range");

  g_test_add_func ("/Schema/layout", test_layout);
  g_test_add_func ("/Schema/keys-documented-and-bounded", test_keys_documented_and_bounded);
  g_test_add_func ("/Schema/enums-match-code", test_enums_match_code);
  g_test_add_func ("/Schema/enums-all-used", test_enums_all_used);
  g_test_add_func ("/Schema/keys-the-code-uses", test_keys_the_code_uses);

  return g_test_run ();
}
