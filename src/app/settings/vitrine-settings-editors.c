/* vitrine-settings-editors.c: an editor for every settings key, chosen by its type and
 * range (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-settings-editors.h"

/* "block-puzzle-flip" → "Block puzzle flip" */
char *
vitrine_settings_nick_to_label (const char *nick)
{
  char *label = g_strdelimit (g_strdup (nick), "-_", ' ');

  label[0] = g_ascii_toupper (label[0]);
  return label;
}

/* Enum keys: GtkDropDown "selected" ↔ the position of the nick among the choices. */
static gboolean
enum_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *nicks = g_variant_get_strv (user_data, NULL);
  const char *current = g_variant_get_string (variant, NULL);
  g_autofree const char **owned = (const char **) nicks;

  for (guint i = 0; nicks[i] != NULL; i++)
    {
      if (g_str_equal (nicks[i], current))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
enum_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  gsize n_nicks;
  g_autofree const char **nicks = g_variant_get_strv (user_data, &n_nicks);
  guint selected = g_value_get_uint (value);

  if (selected >= n_nicks)
    return NULL;

  return g_variant_new_string (nicks[selected]);
}

/* String-list keys edited as text: "a; b; c" ↔ ['a', 'b', 'c']. */
static gboolean
strv_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_autofree const char **items = g_variant_get_strv (variant, NULL);

  g_value_take_string (value, g_strjoinv ("; ", (char **) items));
  return TRUE;
}

static GVariant *
strv_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char *text = g_value_get_string (value);
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ";", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *item = g_strstrip (parts[i]);

      if (*item != '\0')
        g_strv_builder_add (builder, item);
    }
  items = g_strv_builder_end (builder);

  return g_variant_new_strv ((const char * const *) items, -1);
}

/* Friendly labels for the choices that people see most; other nicks are spelled out. */
static const struct {
  const char *nick;
  const char *label;
} choice_labels[] = {
  { "auto", N_("Automatic") },
  { "gl", N_("GL") },
  { "software", N_("Software") },
  { "all", N_("All monitors") },
  { "single", N_("One monitor") },
  { "fill", N_("Fill") },
  { "fit", N_("Fit") },
  { "shrink", N_("Shrink only") },
  { "random", N_("Random") },
  { "left", N_("Left") },
  { "right", N_("Right") },
  { "up", N_("Up") },
  { "down", N_("Down") },
  { "top-left", N_("Top left") },
  { "top", N_("Top") },
  { "top-right", N_("Top right") },
  { "center", N_("Centre") },
  { "diagonal-down-right", N_("Diagonal, down right") },
  { "diagonal-down-left", N_("Diagonal, down left") },
  { "bottom-left", N_("Bottom left") },
  { "bottom", N_("Bottom") },
  { "bottom-right", N_("Bottom right") },
  { "playing", N_("While a player plays") },
  { "audio", N_("While there is sound") },
  { "always", N_("Always") },
  { "locale", N_("Locale default") },
  { "metric", N_("Metric") },
  { "imperial", N_("Imperial") },
  { "digital", N_("Digital") },
  { "analog", N_("Analog") },
  { "linear", N_("Linear") },
  { "crossfade", N_("Crossfade") },
  { "slide", N_("Slide") },
  { "wipe", N_("Wipe") },
  { "diffuse", N_("Diffuse") },
  { "block-puzzle-flip", N_("Block Puzzle Flip") },
  { "blinds", N_("Blinds") },
  { "peel", N_("Peel") },
  { "block-spin", N_("3D Block Spin") },
  { "ripple", N_("Ripple") },
  { "warp-dissolve", N_("Warp Dissolve") },
  { "crumble", N_("Crumble") },
  { "particle", N_("Particle") },
};

/* The label shown for an enum choice: a translated one, else the nick spelled out
 * (the result lives as long as the program for either). */
const char *
vitrine_settings_choice_label (const char *nick)
{
  static GHashTable *spelled = NULL;
  char *label;

  for (guint i = 0; i < G_N_ELEMENTS (choice_labels); i++)
    if (g_str_equal (nick, choice_labels[i].nick))
      return _(choice_labels[i].label);
  if (spelled == NULL)
    spelled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  label = g_hash_table_lookup (spelled, nick);
  if (label == NULL)
    {
      label = vitrine_settings_nick_to_label (nick);
      g_hash_table_insert (spelled, g_strdup (nick), label);
    }
  return label;
}

static GVariant *
enum_choices (GSettings  *settings,
              const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  GVariant *choices = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", NULL, &choices);
  return choices;
}

/* The labels of an enum key's choices, in the schema's order. */
GListModel *
vitrine_settings_enum_labels (GSettings  *settings,
                              const char *key)
{
  g_autoptr(GVariant) choices = enum_choices (settings, key);
  g_autofree const char **nicks = g_variant_get_strv (choices, NULL);
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    gtk_string_list_append (labels, vitrine_settings_choice_label (nicks[i]));
  return G_LIST_MODEL (labels);
}

/* @property (a guint "selected" of a drop-down or combo row) ↔ the position of the key's
 * nick among its choices. */
void
vitrine_settings_bind_enum (GSettings  *settings,
                            const char *key,
                            gpointer    object,
                            const char *property)
{
  g_settings_bind_with_mapping (settings, key, object, property, G_SETTINGS_BIND_DEFAULT,
                                enum_get_mapping, enum_set_mapping,
                                enum_choices (settings, key), (GDestroyNotify) g_variant_unref);
}

static GtkWidget *
make_enum_editor (GSettings  *settings,
                  const char *key)
{
  GtkWidget *dropdown = gtk_drop_down_new (vitrine_settings_enum_labels (settings, key), NULL);

  vitrine_settings_bind_enum (settings, key, dropdown, "selected");
  return dropdown;
}

typedef struct
{
  GSettings *settings;
  char      *key;
  GPtrArray *checks;
  GtkWidget *button;
  gboolean   syncing;
} FlagsEditor;

static void
flags_editor_free (gpointer data)
{
  FlagsEditor *editor = data;

  g_clear_object (&editor->settings);
  g_clear_pointer (&editor->key, g_free);
  g_clear_pointer (&editor->checks, g_ptr_array_unref);
  g_free (editor);
}

static void
flags_editor_sync (FlagsEditor *editor)
{
  g_auto(GStrv) set = g_settings_get_strv (editor->settings, editor->key);
  g_autofree char *label = NULL;

  /* Setting the checks fires "toggled"; that must not write the key back. */
  editor->syncing = TRUE;
  for (guint i = 0; i < editor->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (editor->checks, i);
      const char *nick = g_object_get_data (G_OBJECT (check), "nick");

      gtk_check_button_set_active (check, g_strv_contains ((const char * const *) set, nick));
    }
  editor->syncing = FALSE;

  /* Translators: how many choices of a multiple choice setting are on, e.g. "3 of 12" */
  label = g_strdup_printf (_("%u of %u"), g_strv_length (set), editor->checks->len);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (editor->button), label);
}

static void
flags_editor_changed_cb (GSettings  *settings,
                         const char *key,
                         GtkWidget  *button)
{
  flags_editor_sync (g_object_get_data (G_OBJECT (button), "vitrine-flags-editor"));
}

static void
flags_editor_toggled_cb (GtkCheckButton *check,
                         FlagsEditor    *editor)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) set = NULL;

  if (editor->syncing)
    return;

  for (guint i = 0; i < editor->checks->len; i++)
    {
      GtkCheckButton *item = g_ptr_array_index (editor->checks, i);

      if (gtk_check_button_get_active (item))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (item), "nick"));
    }
  set = g_strv_builder_end (builder);

  g_settings_set_strv (editor->settings, editor->key, (const char * const *) set);
}

static GtkWidget *
make_flags_editor (GSettings  *settings,
                   const char *key,
                   GVariant   *choices)
{
  g_autofree const char **nicks = g_variant_get_strv (choices, NULL);
  FlagsEditor *editor = g_new0 (FlagsEditor, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *popover = gtk_popover_new ();
  g_autofree char *signal = g_strdup_printf ("changed::%s", key);

  editor->settings = g_object_ref (settings);
  editor->key = g_strdup (key);
  editor->checks = g_ptr_array_new ();
  editor->button = gtk_menu_button_new ();

  for (guint i = 0; nicks[i] != NULL; i++)
    {
      g_autofree char *label = vitrine_settings_nick_to_label (nicks[i]);
      GtkWidget *check = gtk_check_button_new_with_label (label);

      g_object_set_data_full (G_OBJECT (check), "nick", g_strdup (nicks[i]), g_free);
      g_ptr_array_add (editor->checks, check);
      gtk_box_append (GTK_BOX (box), check);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (editor->button), popover);

  g_object_set_data_full (G_OBJECT (editor->button), "vitrine-flags-editor", editor,
                          flags_editor_free);
  flags_editor_sync (editor);
  for (guint i = 0; i < editor->checks->len; i++)
    g_signal_connect (g_ptr_array_index (editor->checks, i), "toggled",
                      G_CALLBACK (flags_editor_toggled_cb), editor);
  /* Disconnected when the button goes; the editor data dies with the button too. */
  g_signal_connect_object (settings, signal, G_CALLBACK (flags_editor_changed_cb),
                           editor->button, 0);

  return editor->button;
}

/*
 * Dictionaries of numbers keyed by the choices of another key of the same schema
 * (a{sd}, e.g. a duration per transition): a check and a spin button per choice; a choice
 * with its check off is not in the dictionary.
 */
static const struct {
  const char *key;
  const char *choices_key;   /* an enum key whose nicks name the entries */
  const char *default_key;   /* a double key: new entries start at its value, within its range */
} keyed_dicts[] = {
  { "durations", "type", "duration" },
};

typedef struct
{
  GSettings *settings;
  guint      dict;          /* in keyed_dicts */
  GPtrArray *checks;        /* GtkCheckButton, "nick" data */
  GPtrArray *spins;         /* GtkSpinButton, the same order */
  GtkWidget *button;
  gboolean   syncing;
} DictEditor;

static void
dict_editor_free (gpointer data)
{
  DictEditor *editor = data;

  g_clear_object (&editor->settings);
  g_clear_pointer (&editor->checks, g_ptr_array_unref);
  g_clear_pointer (&editor->spins, g_ptr_array_unref);
  g_free (editor);
}

static void
dict_editor_sync (DictEditor *editor)
{
  g_autoptr(GVariant) dict = g_settings_get_value (editor->settings, keyed_dicts[editor->dict].key);
  double fallback = g_settings_get_double (editor->settings, keyed_dicts[editor->dict].default_key);
  g_autofree char *label = NULL;
  guint set = 0;

  /* Setting the widgets fires their signals; those must not write the key back. */
  editor->syncing = TRUE;
  for (guint i = 0; i < editor->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (editor->checks, i);
      GtkSpinButton *spin = g_ptr_array_index (editor->spins, i);
      double value;
      gboolean present = g_variant_lookup (dict, g_object_get_data (G_OBJECT (check), "nick"), "d", &value);

      gtk_check_button_set_active (check, present);
      gtk_spin_button_set_value (spin, present ? value : fallback);
      gtk_widget_set_sensitive (GTK_WIDGET (spin), present);
      set += present;
    }
  editor->syncing = FALSE;

  /* Translators: how many entries of a setting have their own value, e.g. "3 of 12" */
  label = g_strdup_printf (_("%u of %u"), set, editor->checks->len);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (editor->button), label);
}

static void
dict_editor_changed_cb (GSettings  *settings,
                        const char *key,
                        GtkWidget  *button)
{
  dict_editor_sync (g_object_get_data (G_OBJECT (button), "vitrine-dict-editor"));
}

/*
 * The dictionary from the widgets: the checked choices with their values. Entries that
 * name no choice (set by hand, say) are kept as they are.
 */
static void
dict_editor_store (DictEditor *editor)
{
  g_autoptr(GVariantBuilder) builder = g_variant_builder_new (G_VARIANT_TYPE ("a{sd}"));
  g_autoptr(GVariant) old = NULL;
  GVariantIter iter;
  const char *name;
  double value;

  if (editor->syncing)
    return;
  old = g_settings_get_value (editor->settings, keyed_dicts[editor->dict].key);
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&sd}", &name, &value))
    {
      gboolean known = FALSE;

      for (guint i = 0; i < editor->checks->len && !known; i++)
        known = g_str_equal (name, g_object_get_data (G_OBJECT (g_ptr_array_index (editor->checks, i)), "nick"));
      if (!known)
        g_variant_builder_add (builder, "{sd}", name, value);
    }
  for (guint i = 0; i < editor->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (editor->checks, i);

      if (gtk_check_button_get_active (check))
        g_variant_builder_add (builder, "{sd}", (const char *) g_object_get_data (G_OBJECT (check), "nick"),
                               gtk_spin_button_get_value (g_ptr_array_index (editor->spins, i)));
    }
  g_settings_set_value (editor->settings, keyed_dicts[editor->dict].key, g_variant_builder_end (builder));
}

static GtkWidget *
make_dict_editor (GSettings *settings,
                  guint      dict)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) choices_key = NULL;
  g_autoptr(GSettingsSchemaKey) default_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) choices = NULL;
  g_autoptr(GVariant) default_range = NULL;
  g_autoptr(GVariant) limits = NULL;
  double min_value, max_value;
  g_autofree const char **nicks = NULL;
  g_autofree char *signal = g_strdup_printf ("changed::%s", keyed_dicts[dict].key);
  DictEditor *editor = g_new0 (DictEditor, 1);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *popover = gtk_popover_new ();

  g_object_get (settings, "settings-schema", &schema, NULL);
  choices_key = g_settings_schema_get_key (schema, keyed_dicts[dict].choices_key);
  range = g_settings_schema_key_get_range (choices_key);
  g_variant_get (range, "(&sv)", NULL, &choices);
  nicks = g_variant_get_strv (choices, NULL);
  default_key = g_settings_schema_get_key (schema, keyed_dicts[dict].default_key);
  default_range = g_settings_schema_key_get_range (default_key);
  g_variant_get (default_range, "(&sv)", NULL, &limits);
  g_variant_get (limits, "(dd)", &min_value, &max_value);

  editor->settings = g_object_ref (settings);
  editor->dict = dict;
  editor->checks = g_ptr_array_new ();
  editor->spins = g_ptr_array_new ();
  editor->button = gtk_menu_button_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  for (guint i = 0; nicks[i] != NULL; i++)
    {
      g_autofree char *label = vitrine_settings_nick_to_label (nicks[i]);
      GtkWidget *check = gtk_check_button_new_with_label (label);
      GtkWidget *spin = gtk_spin_button_new_with_range (min_value, max_value, 0.1);

      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
      gtk_widget_set_name (check, nicks[i]);
      g_object_set_data_full (G_OBJECT (check), "nick", g_strdup (nicks[i]), g_free);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY, check, NULL, -1);
      g_ptr_array_add (editor->checks, check);
      g_ptr_array_add (editor->spins, spin);
      gtk_grid_attach (GTK_GRID (grid), check, 0, (int) i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), spin, 1, (int) i, 1, 1);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (editor->button), popover);

  g_object_set_data_full (G_OBJECT (editor->button), "vitrine-dict-editor", editor, dict_editor_free);
  dict_editor_sync (editor);
  for (guint i = 0; i < editor->checks->len; i++)
    {
      g_signal_connect_swapped (g_ptr_array_index (editor->checks, i), "toggled",
                                G_CALLBACK (dict_editor_store), editor);
      g_signal_connect_swapped (g_ptr_array_index (editor->spins, i), "value-changed",
                                G_CALLBACK (dict_editor_store), editor);
    }
  /* Disconnected when the button goes; the editor data dies with the button too. */
  g_signal_connect_object (settings, signal, G_CALLBACK (dict_editor_changed_cb), editor->button, 0);

  return editor->button;
}

/* A spin button's range, step and digits from the key's type and range. */
void
vitrine_settings_spin_set_range (GtkSpinButton *spin,
                                 GSettings     *settings,
                                 const char    *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  g_autoptr(GVariant) low = NULL;
  g_autoptr(GVariant) high = NULL;
  const GVariantType *type;
  const char *kind = NULL;
  double min_value = 0, max_value = G_MAXINT32, step = 1;
  guint digits = 0;

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  type = g_settings_schema_key_get_value_type (schema_key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &kind, &limits);
  if (g_str_equal (kind, "range"))
    {
      low = g_variant_get_child_value (limits, 0);
      high = g_variant_get_child_value (limits, 1);
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    {
      if (low != NULL)
        {
          min_value = g_variant_get_double (low);
          max_value = g_variant_get_double (high);
        }
      else
        max_value = G_MAXDOUBLE;
      step = max_value - min_value <= 5.0 ? 0.01 : 0.1;
      digits = step < 0.1 ? 2 : 1;
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32) && low != NULL)
    {
      min_value = g_variant_get_int32 (low);
      max_value = g_variant_get_int32 (high);
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT32) && low != NULL)
    {
      min_value = g_variant_get_uint32 (low);
      max_value = g_variant_get_uint32 (high);
    }

  gtk_spin_button_set_range (spin, min_value, max_value);
  gtk_spin_button_set_increments (spin, step, step * 10);
  gtk_spin_button_set_digits (spin, digits);
}

static GtkWidget *
make_number_editor (GSettings  *settings,
                    const char *key)
{
  GtkWidget *spin = gtk_spin_button_new (NULL, 1, 0);

  vitrine_settings_spin_set_range (GTK_SPIN_BUTTON (spin), settings, key);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_settings_bind (settings, key, spin, "value", G_SETTINGS_BIND_DEFAULT);
  return spin;
}

GtkWidget *
vitrine_settings_editor_new (GSettings          *settings,
                             GSettingsSchemaKey *key)
{
  const char *name = g_settings_schema_key_get_name (key);
  const GVariantType *type = g_settings_schema_key_get_value_type (key);
  g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
  g_autoptr(GVariant) detail = NULL;
  const char *kind = NULL;
  GtkWidget *editor = NULL;
  int dict = -1;

  g_variant_get (range, "(&sv)", &kind, &detail);
  for (guint i = 0; i < G_N_ELEMENTS (keyed_dicts); i++)
    if (g_str_equal (name, keyed_dicts[i].key) && g_variant_type_equal (type, G_VARIANT_TYPE ("a{sd}")))
      dict = (int) i;

  if (dict >= 0)
    editor = make_dict_editor (settings, (guint) dict);
  else if (g_str_equal (kind, "enum"))
    editor = make_enum_editor (settings, name);
  else if (g_str_equal (kind, "flags"))
    editor = make_flags_editor (settings, name, detail);
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    {
      editor = gtk_switch_new ();
      g_settings_bind (settings, name, editor, "active", G_SETTINGS_BIND_DEFAULT);
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE) ||
           g_variant_type_equal (type, G_VARIANT_TYPE_INT32) ||
           g_variant_type_equal (type, G_VARIANT_TYPE_UINT32))
    editor = make_number_editor (settings, name);
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    {
      editor = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (editor), 24);
      g_settings_bind (settings, name, editor, "text", G_SETTINGS_BIND_DEFAULT);
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING_ARRAY))
    {
      editor = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (editor), 24);
      gtk_entry_set_placeholder_text (GTK_ENTRY (editor), _("Separate entries with “;”"));
      g_settings_bind_with_mapping (settings, name, editor, "text", G_SETTINGS_BIND_DEFAULT,
                                    strv_get_mapping, strv_set_mapping, NULL, NULL);
    }

  if (editor != NULL)
    {
      gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
      gtk_widget_set_name (editor, name);
    }

  return editor;
}

