/* vitrine-transitions-page.c: the transitions and their pool with previews (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-settings-editors.h"
#include "vitrine-settings-rows.h"
#include "vitrine-transition.h"
#include "vitrine-transition-stills.h"
#include "vitrine-transitions-page.h"

/* A frame every 120 ms: the eight stills in about a second, then a pause on the last. */
#define FRAME_MS 120
#define HOLD_FRAMES 6

struct _VitrineTransitionsPage
{
  AdwPreferencesPage       parent_instance;

  GtkFlowBox              *grid;
  AdwPreferencesGroup     *pool_group;

  GSettings               *settings;
  VitrineTransitionStills *stills;
  GtkWidget               *tiles[VITRINE_TRANSITION_TYPE_COUNT];     /* GtkFlowBoxChild */
  GtkWidget               *checks[VITRINE_TRANSITION_TYPE_COUNT];
  GtkWidget               *pictures[VITRINE_TRANSITION_TYPE_COUNT];
  guint                    tick;
  guint                    animate_id;
  gboolean                 syncing;
  gboolean                 stills_done;
  GActionGroup            *application;   /* not a reference: the window holds it */
};

G_DEFINE_FINAL_TYPE (VitrineTransitionsPage, vitrine_transitions_page, ADW_TYPE_PREFERENCES_PAGE)

static const VitrineSettingsBinding bindings[] = {
  { "random", "random" },
  { "type", "type" },
  { "duration", "duration" },
  { "easing", "easing" },
  { "direction", "direction" },
};

static const char * const by_hand[] = { "pool", NULL };

/* The checks from the pool key. */
static void
sync_pool (VitrineTransitionsPage *self)
{
  guint pool = g_settings_get_flags (self->settings, "pool");

  self->syncing = TRUE;
  for (guint type = 0; type < VITRINE_TRANSITION_TYPE_COUNT; type++)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (self->checks[type]),
                                 (pool & VITRINE_TRANSITION_SET_FROM_TYPE (type)) != 0);
  self->syncing = FALSE;
}

static void
check_toggled_cb (GtkCheckButton         *check,
                  VitrineTransitionsPage *self)
{
  guint type = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (check), "type"));
  guint pool = g_settings_get_flags (self->settings, "pool");

  if (self->syncing)
    return;
  if (gtk_check_button_get_active (check))
    pool |= VITRINE_TRANSITION_SET_FROM_TYPE (type);
  else
    pool &= ~VITRINE_TRANSITION_SET_FROM_TYPE (type);
  g_settings_set_flags (self->settings, "pool", pool);
}

/* Every preview one frame on, all in step; the last frame holds a moment. */
static gboolean
animate_cb (gpointer user_data)
{
  VitrineTransitionsPage *self = user_data;
  guint index = MIN (self->tick % (VITRINE_TRANSITION_STILLS_FRAMES + HOLD_FRAMES), VITRINE_TRANSITION_STILLS_FRAMES - 1);

  self->tick++;
  for (guint type = 0; type < VITRINE_TRANSITION_TYPE_COUNT; type++)
    {
      GdkTexture *frame = vitrine_transition_stills_get_frame (self->stills, type, index);

      if (frame != NULL)
        gtk_picture_set_paintable (GTK_PICTURE (self->pictures[type]), GDK_PAINTABLE (frame));
    }
  return G_SOURCE_CONTINUE;
}

static void
stills_ready_cb (VitrineTransitionsPage  *self,
                 guint                    type,
                 VitrineTransitionStills *stills)
{
  const char *error = vitrine_transition_stills_get_error (stills);

  if (type < VITRINE_TRANSITION_TYPE_COUNT)
    {
      GdkTexture *middle = vitrine_transition_stills_get_frame (stills, type, VITRINE_TRANSITION_STILLS_FRAMES / 2);

      if (middle != NULL)
        gtk_picture_set_paintable (GTK_PICTURE (self->pictures[type]), GDK_PAINTABLE (middle));
    }
  else if (error != NULL)
    adw_preferences_group_set_description (self->pool_group, error);
  else
    for (guint t = 0; t < VITRINE_TRANSITION_TYPE_COUNT; t++)
      if (vitrine_transition_stills_get_frame (stills, t, 0) == NULL)
        /* Translators: a transition whose preview needs the transition worker */
        gtk_widget_set_tooltip_text (self->pictures[t], _("Its preview needs the display running"));
  self->stills_done = type == VITRINE_TRANSITION_TYPE_COUNT;
}

/* Whether every preview that can be drawn is, for tests. */
gboolean
vitrine_transitions_page_get_previews_done (VitrineTransitionsPage *self)
{
  g_return_val_if_fail (VITRINE_IS_TRANSITIONS_PAGE (self), FALSE);

  return self->stills_done;
}

/* The previews are drawn the first time the page is shown (or when a test asks). */
void
vitrine_transitions_page_start_previews (VitrineTransitionsPage *self)
{
  g_return_if_fail (VITRINE_IS_TRANSITIONS_PAGE (self));

  vitrine_transition_stills_start (self->stills, gtk_widget_get_display (GTK_WIDGET (self)));
}

/* How many transitions have their previews, for tests. */
guint
vitrine_transitions_page_get_n_previews (VitrineTransitionsPage *self)
{
  guint n = 0;

  g_return_val_if_fail (VITRINE_IS_TRANSITIONS_PAGE (self), 0);

  for (guint type = 0; type < VITRINE_TRANSITION_TYPE_COUNT; type++)
    n += vitrine_transition_stills_get_frame (self->stills, type, VITRINE_TRANSITION_STILLS_FRAMES - 1) != NULL;
  return n;
}

GtkWidget *
vitrine_transitions_page_get_tile (VitrineTransitionsPage *self,
                                   VitrineTransitionType   type)
{
  g_return_val_if_fail (VITRINE_IS_TRANSITIONS_PAGE (self), NULL);
  g_return_val_if_fail (type < VITRINE_TRANSITION_TYPE_COUNT, NULL);

  return self->tiles[type];
}

/* The button follows the application's action: off while no display is open. */
static void
preview_enabled_cb (VitrineTransitionsPage *self,
                    const char             *name,
                    gboolean                enabled,
                    GActionGroup           *application)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transitions.preview", enabled);
}

static void
follow_application (VitrineTransitionsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *application = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  if (application == NULL || self->application == G_ACTION_GROUP (application))
    return;
  self->application = G_ACTION_GROUP (application);
  g_signal_connect_object (application, "action-enabled-changed::preview-transition",
                           G_CALLBACK (preview_enabled_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transitions.preview",
                                 g_action_group_get_action_enabled (self->application, "preview-transition"));
}

static void
vitrine_transitions_page_map (GtkWidget *widget)
{
  VitrineTransitionsPage *self = VITRINE_TRANSITIONS_PAGE (widget);

  GTK_WIDGET_CLASS (vitrine_transitions_page_parent_class)->map (widget);
  follow_application (self);
  vitrine_transitions_page_start_previews (self);
  if (self->animate_id == 0)
    self->animate_id = g_timeout_add (FRAME_MS, animate_cb, self);
}

static void
vitrine_transitions_page_unmap (GtkWidget *widget)
{
  VitrineTransitionsPage *self = VITRINE_TRANSITIONS_PAGE (widget);

  g_clear_handle_id (&self->animate_id, g_source_remove);
  GTK_WIDGET_CLASS (vitrine_transitions_page_parent_class)->unmap (widget);
}

static GtkWidget *
make_tile (VitrineTransitionsPage *self,
           VitrineTransitionType   type)
{
  const char *nick = vitrine_transition_name (type);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *check = gtk_check_button_new_with_label (vitrine_settings_choice_label (nick));
  GtkWidget *tile = gtk_flow_box_child_new ();

  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_set_size_request (picture, 120, 68);
  gtk_frame_set_child (GTK_FRAME (frame), picture);
  gtk_widget_set_halign (frame, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  /* Translators: the preview picture of a transition */
                                  _("Preview"), -1);
  g_object_set_data (G_OBJECT (check), "type", GUINT_TO_POINTER (type));
  gtk_widget_set_name (check, nick);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), check);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 4);
  gtk_widget_set_margin_end (box, 4);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (tile), box);
  gtk_widget_set_name (tile, nick);
  g_object_set_data (G_OBJECT (tile), "type", GUINT_TO_POINTER (type));
  self->tiles[type] = tile;
  self->checks[type] = check;
  self->pictures[type] = picture;
  return tile;
}

/* Runs the selected transition (else the one of the type row) once on the display. */
static void
preview_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VitrineTransitionsPage *self = VITRINE_TRANSITIONS_PAGE (widget);
  g_autoptr(GList) selected = gtk_flow_box_get_selected_children (self->grid);
  guint type = selected != NULL ? GPOINTER_TO_UINT (g_object_get_data (selected->data, "type"))
                                : (guint) g_settings_get_enum (self->settings, "type");

  gtk_widget_activate_action (widget, "app.preview-transition", "s", vitrine_transition_name (type));
}

/* @supervisor (nullable) computes the previews' payloads, as for the display. */
GtkWidget *
vitrine_transitions_page_new (GSettings         *transitions,
                              VitrineSupervisor *supervisor)
{
  VitrineTransitionsPage *self;

  g_return_val_if_fail (G_IS_SETTINGS (transitions), NULL);

  self = g_object_new (VITRINE_TYPE_TRANSITIONS_PAGE, NULL);
  self->settings = g_object_ref (transitions);
  vitrine_settings_bind_template (GTK_WIDGET (self), VITRINE_TYPE_TRANSITIONS_PAGE, transitions,
                                  bindings, G_N_ELEMENTS (bindings));
  for (guint type = 0; type < VITRINE_TRANSITION_TYPE_COUNT; type++)
    gtk_flow_box_append (self->grid, make_tile (self, type));
  gtk_widget_set_name (GTK_WIDGET (self->grid), "pool");
  sync_pool (self);
  g_signal_connect_object (transitions, "changed::pool", G_CALLBACK (sync_pool), self, G_CONNECT_SWAPPED);
  vitrine_settings_page_add_advanced (ADW_PREFERENCES_PAGE (self), transitions, bindings, G_N_ELEMENTS (bindings),
                                      by_hand);
  self->stills = vitrine_transition_stills_new (supervisor, transitions);
  g_signal_connect_object (self->stills, "ready", G_CALLBACK (stills_ready_cb), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

static void
vitrine_transitions_page_dispose (GObject *object)
{
  VitrineTransitionsPage *self = VITRINE_TRANSITIONS_PAGE (object);

  g_clear_handle_id (&self->animate_id, g_source_remove);
  g_clear_object (&self->stills);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITRINE_TYPE_TRANSITIONS_PAGE);

  G_OBJECT_CLASS (vitrine_transitions_page_parent_class)->dispose (object);
}

static void
vitrine_transitions_page_class_init (VitrineTransitionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_transitions_page_dispose;
  widget_class->map = vitrine_transitions_page_map;
  widget_class->unmap = vitrine_transitions_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/vitrine-transitions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitrineTransitionsPage, grid);
  gtk_widget_class_bind_template_child (widget_class, VitrineTransitionsPage, pool_group);
  for (gsize i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_widget_class_bind_template_child_full (widget_class, bindings[i].id, FALSE, 0);
  gtk_widget_class_install_action (widget_class, "transitions.preview", NULL, preview_action);
}

static void
vitrine_transitions_page_init (VitrineTransitionsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
