/* vitrine-display-window.c: one window per monitor that shows the display.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-application.h"
#include "vitrine-display-policy.h"
#include "vitrine-compositor.h"
#include "vitrine-display-window.h"
#include "vitrine-logo.h"

struct _VitrineDisplayWindow
{
  GtkWindow   parent_instance;

  GdkMonitor *monitor;
  GSettings  *display_settings;
  VitrineRendererSession *renderer_session;
  gboolean    fullscreen;
  gboolean    screensaver;

  /* Pointer state: where it was first seen (screensaver exit) and last seen (cursor). */
  gboolean    have_origin;
  double      origin_x;
  double      origin_y;
  double      last_x;
  double      last_y;
  guint       cursor_timeout_id;
  gboolean    cursor_hidden;

  GtkOverlay        *overlay;
  VitrineCompositor *compositor;
  GtkWidget         *placeholder;
  GtkLabel          *notice;
};

G_DEFINE_FINAL_TYPE (VitrineDisplayWindow, vitrine_display_window, GTK_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_MONITOR,
  PROP_DISPLAY_SETTINGS,
  PROP_RENDERER_SESSION,
  PROP_FULLSCREEN,
  PROP_SCREENSAVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
vitrine_display_window_new (VitrineApplication *application,
                            GdkMonitor         *monitor,
                            gboolean            fullscreen,
                            gboolean            screensaver)
{
  g_return_val_if_fail (VITRINE_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (monitor == NULL || GDK_IS_MONITOR (monitor), NULL);

  return g_object_new (VITRINE_TYPE_DISPLAY_WINDOW,
                       "application", application,
                       "display-settings", vitrine_application_get_settings (application, "display"),
                       "renderer-session", vitrine_application_get_renderer_session (application),
                       "monitor", monitor,
                       "fullscreen", fullscreen,
                       "screensaver", screensaver,
                       NULL);
}

GdkMonitor *
vitrine_display_window_get_monitor (VitrineDisplayWindow *self)
{
  g_return_val_if_fail (VITRINE_IS_DISPLAY_WINDOW (self), NULL);

  return self->monitor;
}

gboolean
vitrine_display_window_get_screensaver (VitrineDisplayWindow *self)
{
  g_return_val_if_fail (VITRINE_IS_DISPLAY_WINDOW (self), FALSE);

  return self->screensaver;
}

gboolean
vitrine_display_window_get_cursor_hidden (VitrineDisplayWindow *self)
{
  g_return_val_if_fail (VITRINE_IS_DISPLAY_WINDOW (self), FALSE);

  return self->cursor_hidden;
}

const char *
vitrine_display_window_get_notice (VitrineDisplayWindow *self)
{
  g_return_val_if_fail (VITRINE_IS_DISPLAY_WINDOW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->notice)) ? gtk_label_get_label (self->notice) : NULL;
}

/* The GL surface the slideshow draws on. */
VitrineCompositor *
vitrine_display_window_get_compositor (VitrineDisplayWindow *self)
{
  g_return_val_if_fail (VITRINE_IS_DISPLAY_WINDOW (self), NULL);

  return self->compositor;
}

/* Adds @widget over the picture, under the notice (the visualizer card, widgets). */
void
vitrine_display_window_add_overlay (VitrineDisplayWindow *self,
                                    GtkWidget            *widget)
{
  g_return_if_fail (VITRINE_IS_DISPLAY_WINDOW (self));

  gtk_overlay_add_overlay (self->overlay, widget);
  /* The notice stays on top. */
  g_object_ref (self->notice);
  gtk_overlay_remove_overlay (self->overlay, GTK_WIDGET (self->notice));
  gtk_overlay_add_overlay (self->overlay, GTK_WIDGET (self->notice));
  g_object_unref (self->notice);
}

/* The first image is fading in: the logo and name make way for it. */
static void
has_image_cb (VitrineDisplayWindow *self,
              GParamSpec           *pspec,
              VitrineCompositor    *compositor)
{
  gtk_widget_set_visible (self->placeholder, !vitrine_compositor_get_has_image (compositor));
}

/* A small, quiet line in a corner: something the display cannot do right now. */
void
vitrine_display_window_set_notice (VitrineDisplayWindow *self,
                                   const char           *notice)
{
  g_return_if_fail (VITRINE_IS_DISPLAY_WINDOW (self));

  gtk_label_set_label (self->notice, notice != NULL ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice), notice != NULL);
}

static void
vitrine_display_window_exit (VitrineDisplayWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.quit", NULL);
}

static void
vitrine_display_window_set_cursor_hidden (VitrineDisplayWindow *self,
                                          gboolean              hidden)
{
  if (self->cursor_hidden == hidden)
    return;

  self->cursor_hidden = hidden;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hidden ? "none" : NULL);
}

static gboolean
vitrine_display_window_hide_cursor_cb (gpointer user_data)
{
  VitrineDisplayWindow *self = user_data;

  self->cursor_timeout_id = 0;
  vitrine_display_window_set_cursor_hidden (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
vitrine_display_window_restart_cursor_timeout (VitrineDisplayWindow *self)
{
  guint delay_s = g_settings_get_uint (self->display_settings, "cursor-hide-delay");

  /* Millisecond timer: g_timeout_add_seconds() rounds to whole-second ticks and can fire
   * a good part of a second early. */
  g_clear_handle_id (&self->cursor_timeout_id, g_source_remove);
  self->cursor_timeout_id = g_timeout_add (delay_s * 1000, vitrine_display_window_hide_cursor_cb,
                                           self);
}

static void
motion_cb (VitrineDisplayWindow     *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  gboolean moved = !self->have_origin || x != self->last_x || y != self->last_y;

  if (!self->have_origin)
    {
      self->have_origin = TRUE;
      self->origin_x = x;
      self->origin_y = y;
    }
  self->last_x = x;
  self->last_y = y;

  if (self->screensaver)
    {
      if (vitrine_display_policy_motion_exits (self->origin_x, self->origin_y, x, y))
        vitrine_display_window_exit (self);
      return;
    }

  /* Windowing systems repeat the last position on enter and re-stacking; only real
   * movement brings the pointer back. */
  if (moved)
    {
      vitrine_display_window_set_cursor_hidden (self, FALSE);
      vitrine_display_window_restart_cursor_timeout (self);
    }
}

static void
pressed_cb (VitrineDisplayWindow *self,
            int                   n_press,
            double                x,
            double                y,
            GtkGestureClick      *gesture)
{
  if (self->screensaver)
    {
      vitrine_display_window_exit (self);
      return;
    }

  /* Ambient mode: a click never exits, but says the first-run hint was seen; a
   * double-click with the primary button is "next". */
  if (n_press == 1)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.dismiss-hint", NULL);
  if (n_press == 2 &&
      gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_PRIMARY)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.next", NULL);
}

static gboolean
key_pressed_cb (VitrineDisplayWindow  *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  const char *action = NULL;

  if (self->screensaver)
    {
      vitrine_display_window_exit (self);
      return GDK_EVENT_STOP;
    }

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (gdk_keyval_to_lower (keyval))
    {
    case GDK_KEY_Escape:
    case GDK_KEY_q:
      action = "app.quit";
      break;
    case GDK_KEY_z:
      action = "app.previous";
      break;
    case GDK_KEY_x:
      action = "app.next";
      break;
    case GDK_KEY_space:
      action = "app.pause";
      break;
    case GDK_KEY_s:
      action = "app.settings";
      break;
    case GDK_KEY_c:
      action = "app.cycle-transition";
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
  return GDK_EVENT_STOP;
}

static void
vitrine_display_window_constructed (GObject *object)
{
  VitrineDisplayWindow *self = VITRINE_DISPLAY_WINDOW (object);

  G_OBJECT_CLASS (vitrine_display_window_parent_class)->constructed (object);

  /* The compositor follows the session's group from before it is realized. */
  if (self->renderer_session != NULL)
    vitrine_compositor_set_renderer_session (self->compositor, self->renderer_session);

  if (self->fullscreen && self->monitor != NULL)
    {
      GdkRectangle geometry;
      int scale;

      /* Kiosks often run X with no window manager, which ignores the fullscreen request:
       * asking for the monitor's size covers the screen there too. */
      gdk_monitor_get_geometry (self->monitor, &geometry);
      gtk_window_set_default_size (GTK_WINDOW (self), geometry.width, geometry.height);
      gtk_window_fullscreen_on_monitor (GTK_WINDOW (self), self->monitor);
      /* The size its photos are made for, known before the window is shown. */
      scale = gdk_monitor_get_scale_factor (self->monitor);
      vitrine_compositor_set_size_hint (self->compositor, (guint) (geometry.width * scale),
                                        (guint) (geometry.height * scale));
    }
  else if (self->fullscreen)
    gtk_window_fullscreen (GTK_WINDOW (self));

  /* A screensaver ends on the first real input, so its pointer is hidden from the start. */
  if (self->screensaver)
    vitrine_display_window_set_cursor_hidden (self, TRUE);
  else
    vitrine_display_window_restart_cursor_timeout (self);
}

static void
vitrine_display_window_dispose (GObject *object)
{
  VitrineDisplayWindow *self = VITRINE_DISPLAY_WINDOW (object);

  g_clear_handle_id (&self->cursor_timeout_id, g_source_remove);
  /* Through the window first: GtkWindow's own dispose would unparent its child again. */
  gtk_window_set_child (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITRINE_TYPE_DISPLAY_WINDOW);
  g_clear_object (&self->display_settings);
  g_clear_object (&self->renderer_session);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (vitrine_display_window_parent_class)->dispose (object);
}

static void
vitrine_display_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  VitrineDisplayWindow *self = VITRINE_DISPLAY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_DISPLAY_SETTINGS:
      g_value_set_object (value, self->display_settings);
      break;
    case PROP_RENDERER_SESSION:
      g_value_set_object (value, self->renderer_session);
      break;
    case PROP_FULLSCREEN:
      g_value_set_boolean (value, self->fullscreen);
      break;
    case PROP_SCREENSAVER:
      g_value_set_boolean (value, self->screensaver);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vitrine_display_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  VitrineDisplayWindow *self = VITRINE_DISPLAY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    case PROP_DISPLAY_SETTINGS:
      self->display_settings = g_value_dup_object (value);
      break;
    case PROP_RENDERER_SESSION:
      self->renderer_session = g_value_dup_object (value);
      break;
    case PROP_FULLSCREEN:
      self->fullscreen = g_value_get_boolean (value);
      break;
    case PROP_SCREENSAVER:
      self->screensaver = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vitrine_display_window_class_init (VitrineDisplayWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vitrine_display_window_constructed;
  object_class->dispose = vitrine_display_window_dispose;
  object_class->get_property = vitrine_display_window_get_property;
  object_class->set_property = vitrine_display_window_set_property;

  properties[PROP_MONITOR] =
    g_param_spec_object ("monitor", NULL, NULL,
                         GDK_TYPE_MONITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_SETTINGS] =
    g_param_spec_object ("display-settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The application's: every display's compositor follows the same group. */
  properties[PROP_RENDERER_SESSION] =
    g_param_spec_object ("renderer-session", NULL, NULL,
                         VITRINE_TYPE_RENDERER_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FULLSCREEN] =
    g_param_spec_boolean ("fullscreen", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCREENSAVER] =
    g_param_spec_boolean ("screensaver", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VITRINE_TYPE_LOGO);
  g_type_ensure (VITRINE_TYPE_COMPOSITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_PATH "ui/vitrine-display-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VitrineDisplayWindow, notice);
  gtk_widget_class_bind_template_child (widget_class, VitrineDisplayWindow, compositor);
  gtk_widget_class_bind_template_child (widget_class, VitrineDisplayWindow, placeholder);
  gtk_widget_class_bind_template_child (widget_class, VitrineDisplayWindow, overlay);
  gtk_widget_class_bind_template_callback (widget_class, has_image_cb);
  gtk_widget_class_bind_template_callback (widget_class, motion_cb);
  gtk_widget_class_bind_template_callback (widget_class, pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_pressed_cb);
}

static void
vitrine_display_window_init (VitrineDisplayWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
