/* vitrine-overlay-layer.c: a display's overlay layer: cards, layout, drawing (see the header).
 *
 * The layer fills the window over the compositor. Its own node is a dimming rectangle over
 * the photo and, translated by the pixel shift, its cards' nodes, which GTK keeps until a
 * card changes: a pixel shift or a dimming change rebuilds only this small container, and
 * a transition below rebuilds nothing here. The layer never queues a draw of the
 * compositor.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <time.h>

#include "vitrine-clock-card.h"
#include "vitrine-display-policy.h"
#include "vitrine-enums.h"
#include "vitrine-enum-types.h"
#include "vitrine-overlay-layer-private.h"
#include "vitrine-overlay-stack.h"
#include "vitrine-status.h"
#include "vitrine-visualizer-view.h"

/* More than three clocks are ignored (the schema says so). */
#define MAX_CLOCKS 3

G_DEFINE_FINAL_TYPE (VitrineOverlayLayer, vitrine_overlay_layer, GTK_TYPE_WIDGET)

void
vitrine_overlay_layer_get_shift (VitrineOverlayLayer *self,
                                 int                 *dx,
                                 int                 *dy)
{
  g_return_if_fail (VITRINE_IS_OVERLAY_LAYER (self));

  *dx = self->shift_dx;
  *dy = self->shift_dy;
}

double
vitrine_overlay_layer_get_dim (VitrineOverlayLayer *self)
{
  g_return_val_if_fail (VITRINE_IS_OVERLAY_LAYER (self), 0);

  return self->dim;
}

gboolean
vitrine_overlay_layer_get_interactive (VitrineOverlayLayer *self)
{
  g_return_val_if_fail (VITRINE_IS_OVERLAY_LAYER (self), FALSE);

  return self->interactive;
}

/* Whether @card belongs on this display now: its content wants it, and its monitor is
 * every monitor or this one's number now. */
gboolean
_vitrine_overlay_layer_card_shows (VitrineOverlayLayer *self,
                                   VitrineOverlayCard  *card)
{
  return self->shown && vitrine_overlay_card_get_wanted (card) &&
         vitrine_display_policy_card_shows (vitrine_overlay_card_get_monitor (card), self->monitor);
}

static void
card_changed_cb (VitrineOverlayLayer *self)
{
  _vitrine_overlay_layer_fade (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* This display's monitor number, learnt again whenever the monitors change: a monitor
 * plugged in or out before this one renumbers it, and a card set to one monitor must move
 * to the display that has that number now. TRUE when it changed. */
static gboolean
learn_monitor_number (VitrineOverlayLayer *self)
{
  guint n = self->monitors != NULL ? g_list_model_get_n_items (self->monitors) : 0;
  g_autofree gconstpointer *items = g_new0 (gconstpointer, MAX (n, 1));
  int number;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->monitors, i);

      /* Compared by identity only; the list keeps the object alive meanwhile. */
      items[i] = item;
    }
  number = vitrine_display_policy_monitor_number (items, n, self->monitor_object);
  if (number == self->monitor)
    return FALSE;
  g_debug ("overlays: this display's monitor is number %d now (was %d)", number, self->monitor);
  self->monitor = number;
  return TRUE;
}

static void
monitors_changed_cb (VitrineOverlayLayer *self)
{
  if (learn_monitor_number (self))
    card_changed_cb (self);
}

void
vitrine_overlay_layer_add_card (VitrineOverlayLayer *self,
                                VitrineOverlayCard  *card)
{
  g_return_if_fail (VITRINE_IS_OVERLAY_LAYER (self));
  g_return_if_fail (VITRINE_IS_OVERLAY_CARD (card));

  g_ptr_array_add (self->cards, card);
  gtk_widget_set_parent (GTK_WIDGET (card), GTK_WIDGET (self));
  gtk_widget_set_child_visible (GTK_WIDGET (card), FALSE);
  vitrine_overlay_card_set_style (card, self->style);
  g_signal_connect_object (card, "notify::wanted", G_CALLBACK (card_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (card, "notify::anchor", G_CALLBACK (card_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (card, "notify::monitor", G_CALLBACK (card_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (card, "notify::text", G_CALLBACK (_vitrine_overlay_layer_check_clock), self,
                           G_CONNECT_SWAPPED);
  _vitrine_overlay_layer_update_interactive (self);
  card_changed_cb (self);
}

static void
remove_card (VitrineOverlayLayer *self,
             VitrineOverlayCard  *card)
{
  g_signal_handlers_disconnect_by_data (card, self);
  g_ptr_array_remove (self->clocks, card);
  g_ptr_array_remove (self->cards, card);
  gtk_widget_unparent (GTK_WIDGET (card));
}

static gboolean
valid_clock_id (const char *id)
{
  if (*id == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *c = id; *c != '\0'; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
      return FALSE;
  return TRUE;
}

/* The clock cards follow widgets/clocks and clock-enabled: at most three, in their order,
 * before the other cards (so they stack first at a shared anchor). */
static void
sync_clocks (VitrineOverlayLayer *self)
{
  g_auto(GStrv) ids = g_settings_get_strv (self->widgets, "clocks");
  gboolean enabled = g_settings_get_boolean (self->widgets, "clock-enabled");
  guint n = 0;

  while (self->clocks->len > 0)
    remove_card (self, g_ptr_array_index (self->clocks, 0));
  for (guint i = 0; enabled && ids[i] != NULL && n < MAX_CLOCKS; i++)
    {
      GtkWidget *card;

      if (!valid_clock_id (ids[i]))
        {
          g_message ("overlays: clock id “%s” is not lower-case letters, digits and “-”; ignored", ids[i]);
          continue;
        }
      card = vitrine_clock_card_new (self->style, ids[i]);
      g_ptr_array_insert (self->clocks, (int) n, card);
      vitrine_overlay_layer_add_card (self, VITRINE_OVERLAY_CARD (card));
      /* Clocks first: move it from the end to its place. */
      g_ptr_array_remove (self->cards, card);
      g_ptr_array_insert (self->cards, (int) n, card);
      n++;
    }
  _vitrine_overlay_layer_restart_clock (self);
}

static void
widgets_changed_cb (VitrineOverlayLayer *self,
                    const char          *key)
{
  if (g_str_equal (key, "clocks") || g_str_equal (key, "clock-enabled"))
    sync_clocks (self);
  else if (g_str_has_prefix (key, "pixel-shift"))
    _vitrine_overlay_layer_restart_shift (self);
  else if (g_str_equal (key, "interactive"))
    _vitrine_overlay_layer_update_interactive (self);
  else if (g_str_equal (key, "margin") || g_str_equal (key, "spacing"))
    gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
visualizer_style_cb (VitrineOverlayLayer *self)
{
  const VitrineCardStyle *style = vitrine_overlay_style_get (self->style);

  vitrine_visualizer_view_set_frame (VITRINE_VISUALIZER_VIEW (self->visualizer_view), &style->background,
                                     &style->border, style->border_width, style->radius);
}

static void
visualizer_changed_cb (VitrineOverlayLayer *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* The visualizer card becomes one of the layer's children: it moves with the layer's pixel
 * shift (once), and hangs on the now playing card while that shows. */
void
vitrine_overlay_layer_set_visualizer (VitrineOverlayLayer *self,
                                      VitrineVisualizer   *visualizer,
                                      GtkWidget           *view)
{
  g_return_if_fail (VITRINE_IS_OVERLAY_LAYER (self));
  g_return_if_fail (self->visualizer_view == NULL);

  self->visualizer = g_object_ref (visualizer);
  self->visualizer_view = view;
  /* The layer's margin and spacing place it, not its own. */
  gtk_widget_set_margin_start (view, 0);
  gtk_widget_set_margin_end (view, 0);
  gtk_widget_set_margin_top (view, 0);
  gtk_widget_set_margin_bottom (view, 0);
  gtk_widget_set_parent (view, GTK_WIDGET (self));
  g_signal_connect_object (visualizer, "changed", G_CALLBACK (visualizer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->style, "changed", G_CALLBACK (visualizer_style_cb), self, G_CONNECT_SWAPPED);
  visualizer_style_cb (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* The first card of @kind ("now-playing", "weather", "headlines"), or NULL: how the
 * application hands the feeds' data to each display's cards. */
VitrineOverlayCard *
vitrine_overlay_layer_find_card (VitrineOverlayLayer *self,
                                 const char          *kind)
{
  g_return_val_if_fail (VITRINE_IS_OVERLAY_LAYER (self), NULL);

  for (guint i = 0; i < self->cards->len; i++)
    {
      VitrineOverlayCard *card = g_ptr_array_index (self->cards, i);

      if (g_strcmp0 (vitrine_overlay_card_get_kind (card), kind) == 0)
        return card;
    }
  return NULL;
}

static VitrineOverlayCard *
now_playing_card (VitrineOverlayLayer *self)
{
  return vitrine_overlay_layer_find_card (self, "now-playing");
}

static void
measure_item (GtkWidget        *widget,
              VitrineStackItem *item)
{
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &item->width, NULL, NULL);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, item->width, NULL, &item->height, NULL, NULL);
}

static void
vitrine_overlay_layer_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  VitrineOverlayLayer *self = VITRINE_OVERLAY_LAYER (widget);
  guint n = self->cards->len + (self->visualizer_view != NULL);
  g_autofree VitrineStackItem *items = g_new0 (VitrineStackItem, MAX (n, 1));
  g_autofree VitrineStackPlace *places = g_new0 (VitrineStackPlace, MAX (n, 1));
  VitrineOverlayCard *media = now_playing_card (self);
  int media_index = -1;

  for (guint i = 0; i < self->cards->len; i++)
    {
      VitrineOverlayCard *card = g_ptr_array_index (self->cards, i);

      items[i].visible = gtk_widget_get_child_visible (GTK_WIDGET (card));
      items[i].anchor = vitrine_overlay_card_get_anchor (card);
      items[i].parent = -1;
      if (items[i].visible)
        measure_item (GTK_WIDGET (card), &items[i]);
      if (card == media && items[i].visible)
        media_index = (int) i;
    }
  if (self->visualizer_view != NULL)
    {
      VitrineStackItem *item = &items[n - 1];
      GSettings *settings = vitrine_visualizer_get_settings (self->visualizer);

      item->visible = vitrine_visualizer_get_enabled (self->visualizer);
      item->anchor = g_settings_get_enum (settings, "anchor");
      /* Hanging on the media card, the bars stay in their own place until both show. */
      self->visualizer_hangs = media_index >= 0;
      item->parent = media_index;
      measure_item (self->visualizer_view, item);
      if (!vitrine_visualizer_get_playing (self->visualizer) &&
          vitrine_visualizer_view_get_opacity (VITRINE_VISUALIZER_VIEW (self->visualizer_view)) <= 0)
        item->visible = FALSE;
    }

  vitrine_overlay_stack_place (items, n, width, height, (int) g_settings_get_uint (self->widgets, "margin"),
                               (int) g_settings_get_uint (self->widgets, "spacing"), places);

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *child = i < self->cards->len ? g_ptr_array_index (self->cards, i) : self->visualizer_view;
      VitrineStackPlace *p = &places[i];

      if (!gtk_widget_get_child_visible (child) && child != self->visualizer_view)
        continue;
      if (p->width <= 0)
        {
          /* Out of the layout (a resting visualizer): keep its size, out of sight. */
          gtk_widget_size_allocate (child, &(GtkAllocation) { -10000, -10000, MAX (items[i].width, 1),
                                                              MAX (items[i].height, 1) }, -1);
          continue;
        }
      gtk_widget_size_allocate (child, &(GtkAllocation) { p->x, p->y, p->width, p->height }, -1);
    }
}

static void
vitrine_overlay_layer_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  /* The window decides; the layer fills it and never asks for more. */
  *minimum = *natural = 0;
}

static void
draw_halo (VitrineOverlayLayer *self,
           GtkSnapshot         *snapshot)
{
  const float r = 46;
  GskColorStop stops[] = {
    { 0.0f, { 1, 1, 1, 0.34f } },
    { 0.55f, { 1, 1, 1, 0.12f } },
    { 1.0f, { 1, 1, 1, 0 } },
  };
  graphene_point_t centre = GRAPHENE_POINT_INIT ((float) self->pointer_x, (float) self->pointer_y);

  GskRoundedRect ring;
  const float ring_r = 18;
  const GdkRGBA white = { 1, 1, 1, 0.8f };

  gtk_snapshot_append_radial_gradient (snapshot,
                                       &GRAPHENE_RECT_INIT (centre.x - r, centre.y - r, 2 * r, 2 * r),
                                       &centre, r, r, 0, 1, stops, G_N_ELEMENTS (stops));
  /* A thin ring says "this is the pointer, and it can click". */
  gsk_rounded_rect_init_from_rect (&ring, &GRAPHENE_RECT_INIT (centre.x - ring_r, centre.y - ring_r,
                                                               2 * ring_r, 2 * ring_r), ring_r);
  gtk_snapshot_append_border (snapshot, &ring, (float[4]) { 1.5f, 1.5f, 1.5f, 1.5f },
                              (GdkRGBA[4]) { white, white, white, white });
}

/* A card drawn once into a texture: the node it was made from and where it goes. */
typedef struct
{
  GskRenderNode   *node;
  GdkTexture      *texture;
  graphene_rect_t  bounds;
  graphene_rect_t  placed;    /* the card's node's bounds where it was drawn */
  int              scale;
} CardTexture;

#define CARD_TEXTURE_KEY "vitrine-card-texture"

static void
card_texture_free (gpointer data)
{
  CardTexture *cache = data;

  g_clear_pointer (&cache->node, gsk_render_node_unref);
  g_clear_object (&cache->texture);
  g_free (cache);
}

/*
 * A card as one texture, redrawn only when the card's own node changes (GTK keeps a
 * widget's node until the widget changes, so the pointer says so). Every frame of a
 * transition then costs one textured quad per card instead of the card's text, borders,
 * shadows and dial: on llvmpipe that was the difference between +16 % and +4 % a frame.
 */
static void
snapshot_card (VitrineOverlayLayer *self,
               VitrineOverlayCard  *card,
               GtkSnapshot         *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  CardTexture *cache = g_object_get_data (G_OBJECT (card), CARD_TEXTURE_KEY);
  g_autoptr(GtkSnapshot) sub = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderNode *inner;
  graphene_rect_t placed;
  int scale = gtk_widget_get_scale_factor (widget);

  if (!gtk_widget_get_child_visible (GTK_WIDGET (card)))
    return;
  sub = gtk_snapshot_new ();
  gtk_widget_snapshot_child (widget, GTK_WIDGET (card), sub);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&sub));
  if (node == NULL)
    return;
  /* Fading (an opacity node, new every frame) or no renderer: drawn as it is. */
  if (renderer == NULL || gtk_widget_get_opacity (GTK_WIDGET (card)) < 1)
    {
      gtk_snapshot_append_node (snapshot, node);
      return;
    }
  inner = gsk_render_node_get_node_type (node) == GSK_TRANSFORM_NODE ? gsk_transform_node_get_child (node) : node;
  if (cache == NULL)
    {
      cache = g_new0 (CardTexture, 1);
      g_object_set_data_full (G_OBJECT (card), CARD_TEXTURE_KEY, cache, card_texture_free);
    }
  gsk_render_node_get_bounds (node, &placed);
  /* The same content moved (the stack changed) is drawn again where it is now; and a
   * window on a monitor of another scale needs sharper or smaller pixels. */
  if (cache->node != inner || cache->texture == NULL || cache->scale != scale ||
      !graphene_rect_equal (&placed, &cache->placed))
    {
      g_autoptr(GskRenderNode) scaled = NULL;
      graphene_rect_t bounds = placed, device;

      /* Whole pixels, so the texture lands on the pixel grid as the card would. */
      bounds.origin.x = floorf (bounds.origin.x);
      bounds.origin.y = floorf (bounds.origin.y);
      bounds.size.width = ceilf (bounds.size.width) + 1;
      bounds.size.height = ceilf (bounds.size.height) + 1;
      /* (A scale of 1 is no transform at all, and gsk_transform_scale() says NULL.) */
      scaled = scale == 1 ? gsk_render_node_ref (node)
                          : gsk_transform_node_new (node, gsk_transform_scale (NULL, scale, scale));
      graphene_rect_init (&device, bounds.origin.x * scale, bounds.origin.y * scale,
                          bounds.size.width * scale, bounds.size.height * scale);
      g_clear_object (&cache->texture);
      g_clear_pointer (&cache->node, gsk_render_node_unref);
      cache->texture = gsk_renderer_render_texture (renderer, scaled, &device);
      cache->node = gsk_render_node_ref (inner);
      cache->bounds = bounds;
      cache->placed = placed;
      cache->scale = scale;
    }
  gtk_snapshot_append_texture (snapshot, cache->texture, &cache->bounds);
}

static void
vitrine_overlay_layer_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  VitrineOverlayLayer *self = VITRINE_OVERLAY_LAYER (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  /* Between the photo and the cards. */
  if (self->dim > 0)
    gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, (float) self->dim },
                               &GRAPHENE_RECT_INIT (0, 0, width, height));

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->shift_dx, self->shift_dy));
  for (guint i = 0; i < self->cards->len; i++)
    snapshot_card (self, g_ptr_array_index (self->cards, i), snapshot);
  /* The bars change every frame while they move: drawn as they are. */
  if (self->visualizer_view != NULL)
    gtk_widget_snapshot_child (widget, self->visualizer_view, snapshot);
  gtk_snapshot_restore (snapshot);

  if (self->interactive && self->pointer_inside)
    draw_halo (self, snapshot);
}

/* One element of "overlays": this display's cards, as they are now. */
void
vitrine_overlay_layer_add_status (VitrineOverlayLayer *self,
                                  JsonBuilder         *builder)
{
  g_return_if_fail (VITRINE_IS_OVERLAY_LAYER (self));

  json_builder_begin_object (builder);
  vitrine_status_int (builder, "monitor", self->monitor);
  vitrine_status_boolean (builder, "shown", self->shown);
  vitrine_status_double (builder, "dim", self->dim);
  vitrine_status_boolean (builder, "interactive", self->interactive);
  vitrine_status_begin_object (builder, "pixel_shift");
  vitrine_status_int (builder, "step", self->shift_step);
  vitrine_status_int (builder, "dx", self->shift_dx);
  vitrine_status_int (builder, "dy", self->shift_dy);
  vitrine_status_end_object (builder);
  vitrine_status_begin_object (builder, "frames");
  vitrine_status_int (builder, "painted", (gint64) self->painted);
  vitrine_status_percentiles (builder, "transition_paint_ms", self->transition_paint_ms);
  vitrine_status_percentiles (builder, "transition_paint_cpu_ms", self->transition_paint_cpu_ms);
  vitrine_status_end_object (builder);
  vitrine_status_begin_array (builder, "cards");
  for (guint i = 0; i < self->cards->len; i++)
    vitrine_overlay_card_add_status (g_ptr_array_index (self->cards, i), builder, self->shift_dx, self->shift_dy);
  if (self->visualizer_view != NULL)
    {
      GtkWidget *view = self->visualizer_view;
      GSettings *settings = vitrine_visualizer_get_settings (self->visualizer);
      double opacity = vitrine_visualizer_view_get_opacity (VITRINE_VISUALIZER_VIEW (view));

      json_builder_begin_object (builder);
      vitrine_status_string (builder, "kind", "visualizer");
      vitrine_status_enum (builder, "anchor", VITRINE_TYPE_ANCHOR, g_settings_get_enum (settings, "anchor"));
      vitrine_status_int (builder, "monitor", -1);
      vitrine_status_boolean (builder, "visible", opacity > 0);
      vitrine_status_double (builder, "opacity", opacity);
      vitrine_status_string (builder, "text", NULL);
      vitrine_status_boolean (builder, "hangs_on_now_playing", self->visualizer_hangs);
      vitrine_overlay_add_bounds (builder, "bounds", view, self->shift_dx, self->shift_dy);
      json_builder_end_object (builder);
    }
  vitrine_status_end_array (builder);
  json_builder_end_object (builder);
}

#define MAX_PAINT_SAMPLES 4096

/* The process's CPU time (every thread: llvmpipe rasterizes on threads of its own), which
 * other processes' load changes far less than the wall clock. */
static gint64
process_cpu_ns (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * 1000000000 + now.tv_nsec;
}

static void
before_paint_cb (VitrineOverlayLayer *self)
{
  self->paint_start_us = g_get_monotonic_time ();
  self->paint_start_cpu_ns = process_cpu_ns ();
}

static void
add_sample (GArray *samples,
            double  ms)
{
  if (samples->len >= MAX_PAINT_SAMPLES)
    g_array_remove_index (samples, 0);
  g_array_append_val (samples, ms);
}

static void
after_paint_cb (VitrineOverlayLayer *self)
{
  self->painted++;
  if (self->compositor == NULL || !vitrine_compositor_get_busy (self->compositor))
    return;
  add_sample (self->transition_paint_ms, (g_get_monotonic_time () - self->paint_start_us) / 1000.0);
  add_sample (self->transition_paint_cpu_ms, (process_cpu_ns () - self->paint_start_cpu_ns) / 1e6);
}

static void
vitrine_overlay_layer_realize (GtkWidget *widget)
{
  VitrineOverlayLayer *self = VITRINE_OVERLAY_LAYER (widget);

  GTK_WIDGET_CLASS (vitrine_overlay_layer_parent_class)->realize (widget);
  self->frame_clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  g_signal_connect_object (self->frame_clock, "before-paint", G_CALLBACK (before_paint_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->frame_clock, "after-paint", G_CALLBACK (after_paint_cb), self, G_CONNECT_SWAPPED);
}

static void
vitrine_overlay_layer_unrealize (GtkWidget *widget)
{
  VitrineOverlayLayer *self = VITRINE_OVERLAY_LAYER (widget);

  /* The textures belong to the window's renderer, which goes with it. */
  for (guint i = 0; i < self->cards->len; i++)
    g_object_set_data (g_ptr_array_index (self->cards, i), CARD_TEXTURE_KEY, NULL);
  /* By function: GTK's own tick handlers on the clock carry this widget as data too. */
  if (self->frame_clock != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->frame_clock, before_paint_cb, self);
      g_signal_handlers_disconnect_by_func (self->frame_clock, after_paint_cb, self);
    }
  g_clear_object (&self->frame_clock);
  GTK_WIDGET_CLASS (vitrine_overlay_layer_parent_class)->unrealize (widget);
}

static void
vitrine_overlay_layer_root (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vitrine_overlay_layer_parent_class)->root (widget);
  _vitrine_overlay_layer_input_root (VITRINE_OVERLAY_LAYER (widget));
}

static void
vitrine_overlay_layer_unroot (GtkWidget *widget)
{
  _vitrine_overlay_layer_input_unroot (VITRINE_OVERLAY_LAYER (widget));
  GTK_WIDGET_CLASS (vitrine_overlay_layer_parent_class)->unroot (widget);
}

static void
has_image_cb (VitrineOverlayLayer *self)
{
  if (self->shown || !vitrine_compositor_get_has_image (self->compositor))
    return;
  /* The first photo is fading in: every card with it, together. */
  self->shown = TRUE;
  _vitrine_overlay_layer_fade (self);
}

static void
vitrine_overlay_layer_dispose (GObject *object)
{
  VitrineOverlayLayer *self = VITRINE_OVERLAY_LAYER (object);

  _vitrine_overlay_layer_timers_stop (self);
  _vitrine_overlay_layer_input_dispose (self);
  while (self->cards->len > 0)
    remove_card (self, g_ptr_array_index (self->cards, 0));
  g_clear_pointer (&self->visualizer_view, gtk_widget_unparent);
  if (self->visualizer != NULL)
    g_signal_handlers_disconnect_by_data (self->visualizer, self);
  g_clear_object (&self->visualizer);
  if (self->compositor != NULL)
    g_signal_handlers_disconnect_by_data (self->compositor, self);
  g_clear_weak_pointer (&self->compositor);
  if (self->monitors != NULL)
    g_signal_handlers_disconnect_by_data (self->monitors, self);
  g_clear_object (&self->monitors);
  g_clear_object (&self->monitor_object);
  g_clear_object (&self->widgets);
  g_clear_object (&self->display);
  g_clear_object (&self->style);

  G_OBJECT_CLASS (vitrine_overlay_layer_parent_class)->dispose (object);
}

static void
vitrine_overlay_layer_finalize (GObject *object)
{
  VitrineOverlayLayer *self = VITRINE_OVERLAY_LAYER (object);

  g_ptr_array_unref (self->cards);
  g_ptr_array_unref (self->clocks);
  g_array_unref (self->transition_paint_ms);
  g_array_unref (self->transition_paint_cpu_ms);

  G_OBJECT_CLASS (vitrine_overlay_layer_parent_class)->finalize (object);
}

static void
vitrine_overlay_layer_class_init (VitrineOverlayLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_overlay_layer_dispose;
  object_class->finalize = vitrine_overlay_layer_finalize;
  widget_class->measure = vitrine_overlay_layer_measure;
  widget_class->size_allocate = vitrine_overlay_layer_size_allocate;
  widget_class->snapshot = vitrine_overlay_layer_snapshot;
  widget_class->root = vitrine_overlay_layer_root;
  widget_class->realize = vitrine_overlay_layer_realize;
  widget_class->unrealize = vitrine_overlay_layer_unrealize;
  widget_class->unroot = vitrine_overlay_layer_unroot;
  gtk_widget_class_set_css_name (widget_class, "overlays");
}

static void
vitrine_overlay_layer_init (VitrineOverlayLayer *self)
{
  self->cards = g_ptr_array_new ();
  self->clocks = g_ptr_array_new ();
  self->transition_paint_ms = g_array_new (FALSE, FALSE, sizeof (double));
  self->transition_paint_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

/*
 * @settings: the application's root settings; @monitors: the display's monitors (what
 * gdk_display_get_monitors() returns; any list model of objects); @monitor: this window's
 * monitor among them, or NULL for a window of its own, which counts as the first.
 */
GtkWidget *
vitrine_overlay_layer_new (GSettings           *settings,
                           VitrineOverlayStyle *style,
                           VitrineCompositor   *compositor,
                           GListModel          *monitors,
                           gpointer             monitor,
                           gboolean             screensaver)
{
  VitrineOverlayLayer *self;

  g_return_val_if_fail (monitors == NULL || G_IS_LIST_MODEL (monitors), NULL);
  g_return_val_if_fail (monitor == NULL || G_IS_OBJECT (monitor), NULL);

  self = g_object_new (VITRINE_TYPE_OVERLAY_LAYER, NULL);
  self->widgets = g_settings_get_child (settings, "widgets");
  self->display = g_settings_get_child (settings, "display");
  self->style = g_object_ref (style);
  g_set_object (&self->monitors, monitors);
  g_set_object (&self->monitor_object, monitor);
  learn_monitor_number (self);
  if (monitors != NULL)
    g_signal_connect_object (monitors, "items-changed", G_CALLBACK (monitors_changed_cb), self, G_CONNECT_SWAPPED);
  self->screensaver = screensaver;
  g_set_weak_pointer (&self->compositor, compositor);
  g_signal_connect_object (compositor, "notify::has-image", G_CALLBACK (has_image_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->widgets, "changed", G_CALLBACK (widgets_changed_cb), self, G_CONNECT_SWAPPED);

  _vitrine_overlay_layer_input_init (self);
  _vitrine_overlay_layer_timers_init (self);
  sync_clocks (self);
  has_image_cb (self);
  return GTK_WIDGET (self);
}
