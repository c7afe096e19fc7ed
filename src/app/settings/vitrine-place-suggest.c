/* vitrine-place-suggest.c: geocoding suggestions under the weather's place row (see the
 * header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-place-suggest.h"
#include "vitrine-weather-parse.h"

#define DATA_KEY "vitrine-place-suggest"

struct _VitrinePlaceSuggest
{
  GObject            parent_instance;

  AdwEntryRow       *row;          /* not owned: the row owns this object */
  VitrineSupervisor *supervisor;
  GtkPopover        *popover;
  GtkListBox        *list;
  GCancellable      *cancellable;
  guint              timeout_id;
  guint              n_asked;
  gboolean           writing;      /* the text is a chosen suggestion being written */
};

G_DEFINE_FINAL_TYPE (VitrinePlaceSuggest, vitrine_place_suggest, G_TYPE_OBJECT)

static void
cancel_pending (VitrinePlaceSuggest *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

static void
answered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(VitrinePlaceSuggest) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (source), result, NULL, &error);
  g_autoptr(GVariant) places = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->row == NULL)
    return;
  if (reply != NULL)
    places = g_variant_lookup_value (reply, "places", G_VARIANT_TYPE ("a(sssdds)"));
  if (places == NULL)
    {
      /* Offline or refused: the row still takes the text as typed. */
      g_debug ("place suggestions: %s", error != NULL ? error->message : "no places in the reply");
      gtk_popover_popdown (self->popover);
      return;
    }
  vitrine_place_suggest_show (self, places);
}

static gboolean
ask_cb (gpointer data)
{
  VitrinePlaceSuggest *self = data;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->row))));
  g_autoptr(GVariant) request = NULL;

  self->timeout_id = 0;
  if (self->supervisor == NULL || *text == '\0')
    return G_SOURCE_REMOVE;
  self->cancellable = g_cancellable_new ();
  self->n_asked++;
  request = g_variant_ref_sink (g_variant_new_parsed ("{'kind': <'geocode'>, 'input': <%s>, 'place': <%s>}",
                                                      text, text));
  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_FEED, request, self->cancellable,
                                    answered_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* The text changed because the person is editing the row, not because the key changed
 * elsewhere (an import, another process) while the row sits in a window. */
static gboolean
being_edited (VitrinePlaceSuggest *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->row));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return root == NULL || (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->row)));
}

static void
changed_cb (VitrinePlaceSuggest *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->row))));
  g_autofree char *label = NULL;
  double lat, lon;

  cancel_pending (self);
  if (self->writing || *text == '\0' || !being_edited (self) || vitrine_weather_parse_coordinates (text, &lat, &lon) ||
      vitrine_weather_parse_labelled (text, &label, &lat, &lon))
    {
      gtk_popover_popdown (self->popover);
      return;
    }
  self->timeout_id = g_timeout_add (VITRINE_PLACE_SUGGEST_DELAY_MS, ask_cb, self);
}

static void
row_activated_cb (VitrinePlaceSuggest *self,
                  GtkListBoxRow       *row)
{
  const char *label = g_object_get_data (G_OBJECT (row), "place");

  if (label == NULL)
    return;
  cancel_pending (self);
  self->writing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->row), label);
  self->writing = FALSE;
  gtk_popover_popdown (self->popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->row));
  gtk_editable_set_position (GTK_EDITABLE (self->row), -1);
}

static GtkWidget *
suggestion_row (const char *name,
                const char *admin1,
                const char *country,
                const char *label)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *where = NULL;
  GtkWidget *row = adw_action_row_new ();

  if (*admin1 != '\0' && g_strcmp0 (admin1, name) != 0)
    g_ptr_array_add (parts, (gpointer) admin1);
  if (*country != '\0')
    g_ptr_array_add (parts, (gpointer) country);
  g_ptr_array_add (parts, NULL);
  where = g_strjoinv (", ", (char **) parts->pdata);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, label);
  g_object_set_data_full (G_OBJECT (row), "place", g_strdup (label), g_free);
  return row;
}

/* Shows @places (a(sssdds): name, admin1, country, latitude, longitude, label) under the
 * row, or that nothing matched. */
void
vitrine_place_suggest_show (VitrinePlaceSuggest *self,
                            GVariant            *places)
{
  const char *name, *admin1, *country, *label;
  GVariantIter iter;
  double lat, lon;

  g_return_if_fail (VITRINE_IS_PLACE_SUGGEST (self));
  g_return_if_fail (g_variant_is_of_type (places, G_VARIANT_TYPE ("a(sssdds)")));

  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL;)
    gtk_list_box_remove (self->list, child);
  g_variant_iter_init (&iter, places);
  while (g_variant_iter_next (&iter, "(&s&s&sdd&s)", &name, &admin1, &country, &lat, &lon, &label))
    gtk_list_box_append (self->list, suggestion_row (name, admin1, country, label));
  if (g_variant_n_children (places) == 0)
    {
      GtkWidget *none = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (none), _("No place of that name"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (none), FALSE);
      gtk_list_box_append (self->list, none);
    }
  if (gtk_widget_get_root (GTK_WIDGET (self->row)) != NULL)
    {
      /* As wide as the row, so names and regions read on one line each. */
      gtk_widget_set_size_request (gtk_popover_get_child (self->popover),
                                   MAX (gtk_widget_get_width (GTK_WIDGET (self->row)) - 24, 240), -1);
      gtk_popover_popup (self->popover);
    }
}

/* Up and Down move through the matches while the typing stays in the row; Enter chooses
 * the one marked, Escape closes the list. */
static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                VitrinePlaceSuggest   *self)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list);
  int index = selected != NULL ? gtk_list_box_row_get_index (selected) : -1;
  GtkListBoxRow *next = NULL;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Escape:
      gtk_popover_popdown (self->popover);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      next = gtk_list_box_get_row_at_index (self->list, index + 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      next = index > 0 ? gtk_list_box_get_row_at_index (self->list, index - 1) : NULL;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (selected == NULL)
        return FALSE;
      row_activated_cb (self, selected);
      return TRUE;
    default:
      return FALSE;
    }
  if (next != NULL && gtk_list_box_row_get_activatable (next))
    gtk_list_box_select_row (self->list, next);
  return TRUE;
}

/* The row goes: nothing may come back to it. */
static void
row_destroy_cb (VitrinePlaceSuggest *self)
{
  cancel_pending (self);
  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;
  self->list = NULL;
  self->row = NULL;
}

static void
vitrine_place_suggest_finalize (GObject *object)
{
  VitrinePlaceSuggest *self = VITRINE_PLACE_SUGGEST (object);

  cancel_pending (self);
  g_clear_object (&self->supervisor);

  G_OBJECT_CLASS (vitrine_place_suggest_parent_class)->finalize (object);
}

static void
vitrine_place_suggest_class_init (VitrinePlaceSuggestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vitrine_place_suggest_finalize;
}

static void
vitrine_place_suggest_init (VitrinePlaceSuggest *self)
{
}

/* Suggestions for @row, owned by the row; they ask nothing until a supervisor is set. */
VitrinePlaceSuggest *
vitrine_place_suggest_attach (AdwEntryRow *row)
{
  VitrinePlaceSuggest *self;
  GtkEventController *keys;
  GtkWidget *scrolled;

  g_return_val_if_fail (ADW_IS_ENTRY_ROW (row), NULL);

  self = g_object_new (VITRINE_TYPE_PLACE_SUGGEST, NULL);
  self->row = row;
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Places matching the text"), -1);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, scrolled);
  gtk_popover_set_autohide (self->popover, FALSE);
  gtk_popover_set_has_arrow (self->popover, FALSE);
  gtk_popover_set_position (self->popover, GTK_POS_BOTTOM);
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (row));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (row), keys);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (row, "destroy", G_CALLBACK (row_destroy_cb), self);
  g_object_set_data_full (G_OBJECT (row), DATA_KEY, self, g_object_unref);
  return self;
}

/* The suggestions attached to @row, or NULL. */
VitrinePlaceSuggest *
vitrine_place_suggest_get (AdwEntryRow *row)
{
  return g_object_get_data (G_OBJECT (row), DATA_KEY);
}

void
vitrine_place_suggest_set_supervisor (VitrinePlaceSuggest *self,
                                      VitrineSupervisor   *supervisor)
{
  g_return_if_fail (VITRINE_IS_PLACE_SUGGEST (self));

  g_set_object (&self->supervisor, supervisor);
}

/* The suggestion list, for tests. */
GtkListBox *
vitrine_place_suggest_get_list (VitrinePlaceSuggest *self)
{
  g_return_val_if_fail (VITRINE_IS_PLACE_SUGGEST (self), NULL);

  return self->list;
}

/* How many requests went to the worker, for tests. */
guint
vitrine_place_suggest_get_n_asked (VitrinePlaceSuggest *self)
{
  g_return_val_if_fail (VITRINE_IS_PLACE_SUGGEST (self), 0);

  return self->n_asked;
}
