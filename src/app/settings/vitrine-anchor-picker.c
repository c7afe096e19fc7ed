/* vitrine-anchor-picker.c: the 3 × 3 place picker (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-anchor-picker.h"
#include "vitrine-enum-types.h"
#include "vitrine-settings-editors.h"
#include "vitrine-status.h"

#define N_PLACES 9

struct _VitrineAnchorPicker
{
  GtkWidget   parent_instance;

  GtkWidget  *menu_button;
  GtkWidget  *places[N_PLACES];   /* GtkToggleButton, by VitrineAnchor (row by row) */
  GSettings  *settings;
  char       *key;
  gboolean    syncing;
};

G_DEFINE_FINAL_TYPE (VitrineAnchorPicker, vitrine_anchor_picker, GTK_TYPE_WIDGET)

static void
sync_from_key (VitrineAnchorPicker *self)
{
  int anchor = g_settings_get_enum (self->settings, self->key);

  self->syncing = TRUE;
  for (int i = 0; i < N_PLACES; i++)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->places[i]), i == anchor);
  self->syncing = FALSE;
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->menu_button),
                             vitrine_settings_choice_label (vitrine_status_enum_nick (VITRINE_TYPE_ANCHOR, anchor)));
}

static void
place_toggled_cb (GtkToggleButton     *button,
                  VitrineAnchorPicker *self)
{
  if (self->syncing || self->settings == NULL || !gtk_toggle_button_get_active (button))
    return;
  g_settings_set_enum (self->settings, self->key, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "anchor")));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->menu_button));
}

/* Edits @key (an anchor) of @settings from now on; once. */
void
vitrine_anchor_picker_bind (VitrineAnchorPicker *self,
                            GSettings           *settings,
                            const char          *key)
{
  g_autofree char *signal = g_strdup_printf ("changed::%s", key);

  g_return_if_fail (VITRINE_IS_ANCHOR_PICKER (self));
  g_return_if_fail (self->settings == NULL);

  self->settings = g_object_ref (settings);
  self->key = g_strdup (key);
  g_signal_connect_object (settings, signal, G_CALLBACK (sync_from_key), self, G_CONNECT_SWAPPED);
  sync_from_key (self);
}

/* The place button of @anchor, for tests. */
GtkWidget *
vitrine_anchor_picker_get_button (VitrineAnchorPicker *self,
                                  guint                anchor)
{
  g_return_val_if_fail (VITRINE_IS_ANCHOR_PICKER (self), NULL);
  g_return_val_if_fail (anchor < N_PLACES, NULL);

  return self->places[anchor];
}

GtkWidget *
vitrine_anchor_picker_new (void)
{
  return g_object_new (VITRINE_TYPE_ANCHOR_PICKER, NULL);
}

static void
vitrine_anchor_picker_dispose (GObject *object)
{
  VitrineAnchorPicker *self = VITRINE_ANCHOR_PICKER (object);

  g_clear_pointer (&self->menu_button, gtk_widget_unparent);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->key, g_free);

  G_OBJECT_CLASS (vitrine_anchor_picker_parent_class)->dispose (object);
}

static void
vitrine_anchor_picker_class_init (VitrineAnchorPickerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = vitrine_anchor_picker_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vitrine_anchor_picker_init (VitrineAnchorPicker *self)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *popover = gtk_popover_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 4);
  for (int i = 0; i < N_PLACES; i++)
    {
      GtkWidget *place = gtk_toggle_button_new ();
      const char *label = vitrine_settings_choice_label (vitrine_status_enum_nick (VITRINE_TYPE_ANCHOR, i));

      /* A small screen-shaped button per place; its name is the place, for tooltips and
       * screen readers. */
      gtk_widget_set_size_request (place, 44, 28);
      gtk_widget_set_tooltip_text (place, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (place), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_name (place, vitrine_status_enum_nick (VITRINE_TYPE_ANCHOR, i));
      g_object_set_data (G_OBJECT (place), "anchor", GINT_TO_POINTER (i));
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (place), GTK_TOGGLE_BUTTON (self->places[0]));
      g_signal_connect (place, "toggled", G_CALLBACK (place_toggled_cb), self);
      self->places[i] = place;
      gtk_grid_attach (GTK_GRID (grid), place, i % 3, i / 3, 1, 1);
    }
  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->menu_button), popover);
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}
