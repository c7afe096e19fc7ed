/* vitrine-overlay-layer-input.c: interaction mode. While Ctrl is held (or always, with
 * widgets/interactive, for touch screens) the cards take clicks (the playback buttons) and
 * a soft halo follows the pointer; Ctrl + right-click opens a menu (Next photo, Pause,
 * Settings, Quit). Otherwise the cards let every event through to the window, whose input
 * policy stays as it is: a screensaver still ends on any input, Ctrl included, so
 * interaction mode never starts there.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-overlay-layer-private.h"

void
_vitrine_overlay_layer_update_interactive (VitrineOverlayLayer *self)
{
  gboolean interactive = !self->screensaver &&
                         (self->control_held || g_settings_get_boolean (self->widgets, "interactive"));

  for (guint i = 0; i < self->cards->len; i++)
    gtk_widget_set_can_target (g_ptr_array_index (self->cards, i), interactive);
  if (self->interactive == interactive)
    return;
  self->interactive = interactive;
  if (self->pointer_inside)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
is_control (guint keyval)
{
  return keyval == GDK_KEY_Control_L || keyval == GDK_KEY_Control_R;
}

static gboolean
key_pressed_cb (VitrineOverlayLayer   *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  if (is_control (keyval))
    {
      self->control_held = TRUE;
      _vitrine_overlay_layer_update_interactive (self);
    }
  return GDK_EVENT_PROPAGATE;
}

static void
key_released_cb (VitrineOverlayLayer   *self,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 GtkEventControllerKey *controller)
{
  if (is_control (keyval))
    {
      self->control_held = FALSE;
      _vitrine_overlay_layer_update_interactive (self);
    }
}

/* The window lost the keyboard with Ctrl down: it is not held any more. */
static void
focus_out_cb (VitrineOverlayLayer *self)
{
  self->control_held = FALSE;
  _vitrine_overlay_layer_update_interactive (self);
}

static void
motion_cb (VitrineOverlayLayer      *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean control = (state & GDK_CONTROL_MASK) != 0;

  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  /* The modifier state of pointer events corrects a Ctrl release the keyboard missed. */
  if (control != self->control_held)
    {
      self->control_held = control;
      _vitrine_overlay_layer_update_interactive (self);
    }
  if (self->interactive)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave_cb (VitrineOverlayLayer *self)
{
  self->pointer_inside = FALSE;
  if (self->interactive)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GMenuModel *
menu_model (void)
{
  GMenu *menu = g_menu_new ();

  g_menu_append (menu, _("Next photo"), "app.next");
  g_menu_append (menu, _("Pause"), "app.pause");
  g_menu_append (menu, _("Settings"), "app.settings");
  g_menu_append (menu, _("Quit"), "app.quit");
  return G_MENU_MODEL (menu);
}

static void
secondary_pressed_cb (VitrineOverlayLayer *self,
                      int                  n_press,
                      double               x,
                      double               y,
                      GtkGestureClick     *gesture)
{
  if (!self->interactive)
    return;
  if (self->menu == NULL)
    {
      g_autoptr(GMenuModel) model = menu_model ();

      self->menu = gtk_popover_menu_new_from_model (model);
      gtk_widget_set_parent (self->menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->menu), FALSE);
      gtk_widget_set_halign (self->menu, GTK_ALIGN_START);
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->menu));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

void
_vitrine_overlay_layer_input_init (VitrineOverlayLayer *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *secondary = gtk_gesture_click_new ();

  g_signal_connect_object (motion, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (motion, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (secondary, "pressed", G_CALLBACK (secondary_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (secondary));
}

/*
 * Keys go to the window, not to this layer: while rooted, a key controller on the window
 * (capture phase, before the window's own keys) watches Ctrl. It never stops an event.
 */
void
_vitrine_overlay_layer_input_root (VitrineOverlayLayer *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (root == NULL || self->key_controller != NULL)
    return;
  self->key_controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->key_controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (self->key_controller, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->key_controller, "key-released", G_CALLBACK (key_released_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (root, "notify::is-active", G_CALLBACK (focus_out_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (root), g_object_ref (self->key_controller));
}

void
_vitrine_overlay_layer_input_unroot (VitrineOverlayLayer *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));

  if (self->key_controller == NULL)
    return;
  if (root != NULL)
    {
      g_signal_handlers_disconnect_by_data (root, self);
      gtk_widget_remove_controller (root, self->key_controller);
    }
  g_clear_object (&self->key_controller);
}

void
_vitrine_overlay_layer_input_dispose (VitrineOverlayLayer *self)
{
  g_clear_pointer (&self->menu, gtk_widget_unparent);
}
