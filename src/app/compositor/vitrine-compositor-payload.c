/* vitrine-compositor-payload.c: the transition chosen for the next image as it starts
 * going up, and the payload of a type that needs one (Diffuse's block order, Block Puzzle
 * Flip's schedule, Crumble's pieces, Particle's balls), asked of the transition worker
 * then; the switch waits for the reply. The request is built here for the compositor and
 * --render-transition alike.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vitrine-compositor-private.h"
#include "vitrine-transition.h"

/* No payload after all: logged and counted, and a type that needs none is drawn instead. */
static void
payload_failed (VitrineCompositor *self,
                const char        *reason)
{
  VitrineTransitionSet without = VITRINE_TRANSITION_SET_NONE;

  self->payload_failures++;
  for (guint i = 0; i < VITRINE_TRANSITION_TYPE_COUNT; i++)
    if (!vitrine_transition_needs_payload (i))
      without |= VITRINE_TRANSITION_SET_FROM_TYPE (i);
  g_warning ("No payload for %s (%s); this change uses another transition",
             vitrine_transition_name (self->type), reason);
  self->type = vitrine_transition_pick (_vitrine_compositor_available (self) & without,
                                        self->type, self->rand);
  self->payload_pending = FALSE;
}

static void
payload_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  VitrineCompositor *self = user_data;
  g_auto(VitrinePixelHeader) header = { 0 };
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GBytes) texels = NULL;
  g_autoptr(GError) error = NULL;

  /* Whether the display cancelled it is asked of the request's cancellable, never of the
   * error's code: a worker may answer "cancelled" itself, and that is its failure. The
   * compositor may be gone once its cancellable is cancelled. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, &fds, &error);
  if (reply != NULL)
    texels = vitrine_supervisor_map_pixels (self->supervisor, VITRINE_WORKER_ROLE_TRANSITION, reply, fds,
                                            &header, &error);
  /* A texture beyond the context's limit would be a GL error, and demote the session. */
  if (texels != NULL && !vitrine_pixel_fits_texture (header.width, header.height, self->max_texture_size, &error))
    g_clear_pointer (&texels, g_bytes_unref);
  if (texels == NULL || !gtk_widget_get_realized (GTK_WIDGET (self)))
    payload_failed (self, error != NULL ? error->message : "the display went away");
  else
    {
      gtk_gl_area_make_current (GTK_GL_AREA (self));
      if (self->payload_texture != 0)
        glDeleteTextures (1, &self->payload_texture);
      self->payload_texture = vitrine_programs_payload_texture (g_bytes_get_data (texels, NULL), header.width,
                                                                header.height, header.stride);
      self->payload_size[0] = header.width;
      self->payload_size[1] = header.height;
      self->payload_pending = FALSE;
    }
  _vitrine_compositor_ensure_ticking (self);
}

/* The type's own parameter from the settings: Diffuse's shape, Particle's mode. */
int
vitrine_compositor_variant (GSettings             *settings,
                            VitrineTransitionType  type)
{
  if (type == VITRINE_TRANSITION_TYPE_DIFFUSE)
    return (int) g_settings_get_enum (settings, "diffuse-shape");
  if (type == VITRINE_TRANSITION_TYPE_PARTICLE)
    return (int) g_settings_get_enum (settings, "particle-mode");
  return 0;
}

/*
 * The transition worker's "payload" request for @type at @width × @height device pixels:
 * the grid is blocks of diffuse-block-size for Diffuse, balls of particle-size for
 * Particle, the puzzle's rows and columns for Block Puzzle Flip, about crumble-pieces
 * shards for Crumble; "order" is Crumble's fall order or Particle's mode (@variant).
 */
GVariant *
vitrine_compositor_payload_request (GSettings             *settings,
                                    VitrineTransitionType  type,
                                    guint                  width,
                                    guint                  height,
                                    double                 seed,
                                    VitrineDirection       direction,
                                    int                    variant)
{
  guint columns, rows, order = MAX (variant, 0);
  guint block = MAX (4, g_settings_get_uint (settings, type == VITRINE_TRANSITION_TYPE_PARTICLE ? "particle-size"
                                                                                                 : "diffuse-block-size"));

  if (type == VITRINE_TRANSITION_TYPE_BLOCK_PUZZLE_FLIP)
    {
      columns = CLAMP (g_settings_get_uint (settings, "puzzle-columns"), 2, 25);
      rows = CLAMP (g_settings_get_uint (settings, "puzzle-rows"), 2, 25);
    }
  else if (type == VITRINE_TRANSITION_TYPE_CRUMBLE)
    {
      /* About crumble-pieces shards, in cells about as wide as they are high. */
      double pieces = CLAMP (g_settings_get_uint (settings, "crumble-pieces"), 8, 400);
      double aspect = (double) MAX (width, 1) / MAX (height, 1);

      columns = (guint) CLAMP (lround (sqrt (pieces * aspect)), 2, 40);
      rows = (guint) CLAMP (lround (pieces / columns), 2, 40);
      order = g_settings_get_enum (settings, "crumble-order");
    }
  else
    do
      {
        columns = MAX ((width + block - 1) / block, 1);
        rows = MAX ((height + block - 1) / block, 1);
        block *= 2;
      }
    while ((guint64) columns * rows > 65536);

  return g_variant_ref_sink (g_variant_new_parsed (
    "{'kind': <'payload'>, 'type': <%s>, 'columns': <%u>, 'rows': <%u>, 'seed': <%u>, 'direction': <%u>, "
    "'order': <%u>}",
    vitrine_transition_name (type), (guint32) columns, (guint32) rows, (guint32) (seed * G_MAXUINT32),
    (guint32) direction, (guint32) order));
}

/* Asks for the chosen transition's payload, for the image going up; until the reply the
 * switch waits. */
static void
request_payload (VitrineCompositor *self)
{
  g_autoptr(GVariant) request = NULL;

  if (self->supervisor == NULL)
    {
      payload_failed (self, "no transition worker");
      return;
    }

  request = vitrine_compositor_payload_request (self->settings, self->type, self->uploading->width,
                                                self->uploading->height, self->seed, self->direction,
                                                self->variant);
  self->payload_pending = TRUE;
  vitrine_supervisor_request_async (self->supervisor, VITRINE_WORKER_ROLE_TRANSITION, request,
                                    self->payload_cancellable, payload_done_cb, self);
}

/* The next change (not the first image, which always fades in) uses @type, once, whatever
 * the settings say: the settings window's "Preview on the display". */
void
vitrine_compositor_set_next_type (VitrineCompositor     *self,
                                  VitrineTransitionType  type)
{
  g_return_if_fail (VITRINE_IS_COMPOSITOR (self));
  g_return_if_fail (type < VITRINE_TRANSITION_TYPE_COUNT);

  self->next_type = (int) type;
}

/*
 * The transition to the image going up, from the settings: the type (random from the
 * pool, never the previous one), easing, direction (random never repeats either), seed
 * and duration (a per-type override wins). The first image always fades in. A type
 * without a program here is drawn as Crossfade, and --status says so.
 */
void
_vitrine_compositor_choose_transition (VitrineCompositor *self)
{
  g_autoptr(GVariant) durations = g_settings_get_value (self->settings, "durations");
  VitrineTransitionSet can = _vitrine_compositor_available (self);
  double duration;

  if (!self->has_front)
    self->type = VITRINE_TRANSITION_TYPE_CROSSFADE;
  else if (self->next_type >= 0)
    self->type = self->next_type;
  else if (g_settings_get_boolean (self->settings, "random"))
    self->type = vitrine_transition_pick (g_settings_get_flags (self->settings, "pool") & can,
                                          self->last_type, self->rand);
  else
    self->type = g_settings_get_enum (self->settings, "type");
  if (!(can & VITRINE_TRANSITION_SET_FROM_TYPE (self->type)))
    self->type = VITRINE_TRANSITION_TYPE_CROSSFADE;
  self->last_type = self->type;
  if (self->has_front)
    self->next_type = -1;

  self->easing = g_settings_get_enum (self->settings, "easing");
  self->direction = vitrine_transition_pick_direction (g_settings_get_enum (self->settings, "direction"),
                                                       self->last_direction,
                                                       self->type == VITRINE_TRANSITION_TYPE_WIPE, self->rand);
  self->last_direction = self->direction;
  self->variant = vitrine_compositor_variant (self->settings, self->type);
  self->seed = (float) g_rand_double (self->rand);

  self->transition_duration = self->uploading->duration;
  if (self->uploading->duration > 0 &&
      g_variant_lookup (durations, vitrine_transition_name (self->type), "d", &duration))
    self->transition_duration = CLAMP (duration, 0.2, 10.0);

  if (vitrine_transition_needs_payload (self->type))
    request_payload (self);
}

/* The transition worker that computes payloads; without one, payload types are skipped. */
void
vitrine_compositor_set_supervisor (VitrineCompositor *self,
                                   VitrineSupervisor *supervisor)
{
  g_return_if_fail (VITRINE_IS_COMPOSITOR (self));

  g_set_object (&self->supervisor, supervisor);
}
