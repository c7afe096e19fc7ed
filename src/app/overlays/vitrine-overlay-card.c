/* vitrine-overlay-card.c: the shared card frame and its state (see the header).
 *
 * The frame is a drop shadow (outset shadow node; GTK caches its blur), a rounded
 * background and a border, drawn before the child. Nothing here ticks: a card's nodes are
 * rebuilt only when its content, its style or its fade changes.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-enums.h"
#include "vitrine-enum-types.h"
#include "vitrine-overlay-card.h"
#include "vitrine-status.h"

typedef struct
{
  VitrineOverlayStyle *style;
  GtkWidget           *child;
  char                *text;
  gint64               updated;   /* real time of the last text change, µs */
  guint                anchor;
  int                  monitor;
  gboolean             wanted;
  double               opacity;
  double               shadow;
} VitrineOverlayCardPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (VitrineOverlayCard, vitrine_overlay_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_ANCHOR,
  PROP_MONITOR,
  PROP_WANTED,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/*
 * "Now" for every clock: the wall clock, or the moment VITRINE_TEST_NOW names (ISO 8601 with
 * a zone, e.g. 2026-12-01T14:05:09Z), which stands still, so that tests see fixed text.
 */
GDateTime *
vitrine_overlay_now (void)
{
  const char *fixed = g_getenv ("VITRINE_TEST_NOW");

  if (fixed != NULL && *fixed != '\0')
    {
      GDateTime *now = g_date_time_new_from_iso8601 (fixed, NULL);

      if (now != NULL)
        return now;
      g_warning ("VITRINE_TEST_NOW=%s is not an ISO 8601 time with a zone; using the real time", fixed);
    }
  return g_date_time_new_now_utc ();
}

const char *
vitrine_overlay_card_get_kind (VitrineOverlayCard *self)
{
  g_return_val_if_fail (VITRINE_IS_OVERLAY_CARD (self), NULL);

  return gtk_widget_get_name (GTK_WIDGET (self));
}

guint
vitrine_overlay_card_get_anchor (VitrineOverlayCard *self)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  g_return_val_if_fail (VITRINE_IS_OVERLAY_CARD (self), 0);

  return priv->anchor;
}

void
vitrine_overlay_card_set_anchor (VitrineOverlayCard *self,
                                 guint               anchor)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  g_return_if_fail (VITRINE_IS_OVERLAY_CARD (self));

  anchor = MIN (anchor, VITRINE_ANCHOR_BOTTOM_RIGHT);
  if (priv->anchor == anchor)
    return;
  priv->anchor = anchor;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANCHOR]);
}

int
vitrine_overlay_card_get_monitor (VitrineOverlayCard *self)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  g_return_val_if_fail (VITRINE_IS_OVERLAY_CARD (self), -1);

  return priv->monitor;
}

void
vitrine_overlay_card_set_monitor (VitrineOverlayCard *self,
                                  int                 monitor)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  g_return_if_fail (VITRINE_IS_OVERLAY_CARD (self));

  if (priv->monitor == monitor)
    return;
  priv->monitor = monitor;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONITOR]);
}

gboolean
vitrine_overlay_card_get_wanted (VitrineOverlayCard *self)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  g_return_val_if_fail (VITRINE_IS_OVERLAY_CARD (self), FALSE);

  return priv->wanted;
}

/* Whether the content has something to show (a player, a clock that is enabled). */
void
vitrine_overlay_card_set_wanted (VitrineOverlayCard *self,
                                 gboolean            wanted)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  g_return_if_fail (VITRINE_IS_OVERLAY_CARD (self));

  if (priv->wanted == !!wanted)
    return;
  priv->wanted = !!wanted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WANTED]);
}

const char *
vitrine_overlay_card_get_text (VitrineOverlayCard *self)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  g_return_val_if_fail (VITRINE_IS_OVERLAY_CARD (self), NULL);

  return priv->text;
}

/* The exact text the card shows, on one line, for --status; the time of a change is kept. */
void
vitrine_overlay_card_set_text (VitrineOverlayCard *self,
                               const char         *text)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  g_return_if_fail (VITRINE_IS_OVERLAY_CARD (self));

  if (g_strcmp0 (priv->text, text) == 0)
    return;
  g_free (priv->text);
  priv->text = g_strdup (text);
  priv->updated = g_get_real_time ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
vitrine_overlay_card_set_child (VitrineOverlayCard *self,
                                GtkWidget          *child)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  g_return_if_fail (VITRINE_IS_OVERLAY_CARD (self));

  g_clear_pointer (&priv->child, gtk_widget_unparent);
  priv->child = child;
  if (child != NULL)
    gtk_widget_set_parent (child, GTK_WIDGET (self));
}

static void
style_changed_cb (VitrineOverlayCard  *self,
                  VitrineOverlayStyle *style)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
vitrine_overlay_card_set_style (VitrineOverlayCard  *self,
                                VitrineOverlayStyle *style)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  g_return_if_fail (VITRINE_IS_OVERLAY_CARD (self));

  if (priv->style == style)
    return;
  if (priv->style != NULL)
    g_signal_handlers_disconnect_by_data (priv->style, self);
  g_set_object (&priv->style, style);
  if (style != NULL)
    g_signal_connect_object (style, "changed", G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The layer's fade: the card's opacity, then its shadow's share (the two stages). */
void
vitrine_overlay_card_set_fade (VitrineOverlayCard *self,
                               double              opacity,
                               double              shadow)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  g_return_if_fail (VITRINE_IS_OVERLAY_CARD (self));

  opacity = CLAMP (opacity, 0, 1);
  shadow = CLAMP (shadow, 0, 1);
  if (priv->opacity != opacity)
    {
      priv->opacity = opacity;
      gtk_widget_set_opacity (GTK_WIDGET (self), opacity);
    }
  if (priv->shadow != shadow)
    {
      priv->shadow = shadow;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

double
vitrine_overlay_card_get_opacity (VitrineOverlayCard *self)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  return priv->opacity;
}

double
vitrine_overlay_card_get_shadow (VitrineOverlayCard *self)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  return priv->shadow;
}

void
vitrine_overlay_card_tick (VitrineOverlayCard *self,
                           GDateTime          *now)
{
  g_return_if_fail (VITRINE_IS_OVERLAY_CARD (self));

  if (VITRINE_OVERLAY_CARD_GET_CLASS (self)->tick != NULL)
    VITRINE_OVERLAY_CARD_GET_CLASS (self)->tick (self, now);
}

gboolean
vitrine_overlay_card_wants_seconds (VitrineOverlayCard *self)
{
  g_return_val_if_fail (VITRINE_IS_OVERLAY_CARD (self), FALSE);

  return VITRINE_OVERLAY_CARD_GET_CLASS (self)->wants_seconds != NULL &&
         VITRINE_OVERLAY_CARD_GET_CLASS (self)->wants_seconds (self);
}

/* Where @widget is in its window, moved by the layer's pixel shift (@dx, @dy), as
 * {x, y, width, height}; null while it is not laid out. Tests compare screen regions by it. */
void
vitrine_overlay_add_bounds (JsonBuilder *builder,
                            const char  *name,
                            GtkWidget   *widget,
                            int          dx,
                            int          dy)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  if (root == NULL || !gtk_widget_get_child_visible (widget) || !gtk_widget_compute_bounds (widget, root, &bounds))
    {
      vitrine_status_null (builder, name);
      return;
    }
  vitrine_status_begin_object (builder, name);
  vitrine_status_int (builder, "x", (gint64) bounds.origin.x + dx);
  vitrine_status_int (builder, "y", (gint64) bounds.origin.y + dy);
  vitrine_status_int (builder, "width", (gint64) bounds.size.width);
  vitrine_status_int (builder, "height", (gint64) bounds.size.height);
  vitrine_status_end_object (builder);
}

/* One element of a display's "cards" array; @dx, @dy: the layer's pixel shift. */
void
vitrine_overlay_card_add_status (VitrineOverlayCard *self,
                                 JsonBuilder        *builder,
                                 int                 dx,
                                 int                 dy)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);
  g_autoptr(GDateTime) updated = NULL;
  g_autofree char *iso = NULL;

  g_return_if_fail (VITRINE_IS_OVERLAY_CARD (self));

  if (priv->updated > 0)
    {
      updated = g_date_time_new_from_unix_utc (priv->updated / G_USEC_PER_SEC);
      iso = updated != NULL ? g_date_time_format_iso8601 (updated) : NULL;
    }
  json_builder_begin_object (builder);
  vitrine_status_string (builder, "kind", vitrine_overlay_card_get_kind (self));
  vitrine_status_enum (builder, "anchor", VITRINE_TYPE_ANCHOR, (int) priv->anchor);
  vitrine_status_int (builder, "monitor", priv->monitor);
  vitrine_status_boolean (builder, "visible", gtk_widget_get_child_visible (GTK_WIDGET (self)) &&
                                              gtk_widget_get_mapped (GTK_WIDGET (self)));
  vitrine_status_double (builder, "opacity", priv->opacity);
  vitrine_status_string (builder, "text", priv->text);
  vitrine_status_string (builder, "updated", iso);
  vitrine_overlay_add_bounds (builder, "bounds", GTK_WIDGET (self), dx, dy);
  if (VITRINE_OVERLAY_CARD_GET_CLASS (self)->add_status != NULL)
    VITRINE_OVERLAY_CARD_GET_CLASS (self)->add_status (self, builder, dx, dy);
  json_builder_end_object (builder);
}

static void
vitrine_overlay_card_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  VitrineOverlayCard *self = VITRINE_OVERLAY_CARD (widget);
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);
  const VitrineCardStyle *s = priv->style != NULL ? vitrine_overlay_style_get (priv->style) : NULL;
  float width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GskRoundedRect frame;

  if (s != NULL)
    {
      gsk_rounded_rect_init_from_rect (&frame, &GRAPHENE_RECT_INIT (0, 0, width, height), s->radius);
      if (s->shadow_blur > 0 && priv->shadow > 0)
        gtk_snapshot_append_outset_shadow (snapshot, &frame,
                                           &(GdkRGBA) { 0, 0, 0, (float) (s->shadow_alpha * priv->shadow) },
                                           s->shadow_dx, s->shadow_dy, 0, s->shadow_blur);
      gtk_snapshot_push_rounded_clip (snapshot, &frame);
      gtk_snapshot_append_color (snapshot, &s->background, &GRAPHENE_RECT_INIT (0, 0, width, height));
      gtk_snapshot_pop (snapshot);
      if (s->border_width > 0)
        {
          float w = s->border_width;

          gtk_snapshot_append_border (snapshot, &frame, (float[4]) { w, w, w, w },
                                      (GdkRGBA[4]) { s->border, s->border, s->border, s->border });
        }
    }
  GTK_WIDGET_CLASS (vitrine_overlay_card_parent_class)->snapshot (widget, snapshot);
}

static void
vitrine_overlay_card_dispose (GObject *object)
{
  VitrineOverlayCard *self = VITRINE_OVERLAY_CARD (object);
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  g_clear_pointer (&priv->child, gtk_widget_unparent);
  if (priv->style != NULL)
    g_signal_handlers_disconnect_by_data (priv->style, self);
  g_clear_object (&priv->style);

  G_OBJECT_CLASS (vitrine_overlay_card_parent_class)->dispose (object);
}

static void
vitrine_overlay_card_finalize (GObject *object)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (VITRINE_OVERLAY_CARD (object));

  g_free (priv->text);

  G_OBJECT_CLASS (vitrine_overlay_card_parent_class)->finalize (object);
}

static void
vitrine_overlay_card_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VitrineOverlayCard *self = VITRINE_OVERLAY_CARD (object);
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, vitrine_overlay_card_get_kind (self));
      break;
    case PROP_ANCHOR:
      g_value_set_uint (value, priv->anchor);
      break;
    case PROP_MONITOR:
      g_value_set_int (value, priv->monitor);
      break;
    case PROP_WANTED:
      g_value_set_boolean (value, priv->wanted);
      break;
    case PROP_TEXT:
      g_value_set_string (value, priv->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vitrine_overlay_card_class_init (VitrineOverlayCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_overlay_card_dispose;
  object_class->finalize = vitrine_overlay_card_finalize;
  object_class->get_property = vitrine_overlay_card_get_property;
  widget_class->snapshot = vitrine_overlay_card_snapshot;

  /* The kind is the widget's name ("clock", "now-playing"), set by the subclass. */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANCHOR] =
    g_param_spec_uint ("anchor", NULL, NULL, 0, VITRINE_ANCHOR_BOTTOM_RIGHT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MONITOR] =
    g_param_spec_int ("monitor", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WANTED] =
    g_param_spec_boolean ("wanted", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "card");
}

static void
vitrine_overlay_card_init (VitrineOverlayCard *self)
{
  VitrineOverlayCardPrivate *priv = vitrine_overlay_card_get_instance_private (self);

  priv->monitor = -1;
  gtk_widget_add_css_class (GTK_WIDGET (self), "vitrine-card");
  gtk_widget_set_opacity (GTK_WIDGET (self), 0);
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}
