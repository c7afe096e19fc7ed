/* vitrine-compositor.c: GL drawing of images and the transitions between them (see the
 * header).
 *
 * Two textures: "front" is on screen, "back" receives the next image. An image handed to
 * show() waits until any running transition ends; then its transition is chosen (and its
 * payload asked for, if it needs one) and its rows go up in strips within a per-frame time
 * budget. When the last strip is up and the payload is there, the transition starts at
 * that frame's time and ends exactly on the new image, which then becomes the front. Only
 * the newest waiting image is kept. Until the first image is up nothing is drawn but
 * black, and the first image fades in from black. The programs are vitrine-programs.c's.
 *
 * The renderer group is the session's, shared by every display (docs/ARCHITECTURE.md §7): A all
 * programs, B only Crossfade, Slide and Wipe, C no GL at all, the same three drawn with
 * GSK nodes in snapshot(). A failed program, a GL error or a lost context moves every
 * display down at once, with one log line; a running transition then ends on the new
 * image. --renderer (or the renderer setting) picks where the session starts.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <epoxy/gl.h>
#include <math.h>

#include "vitrine-compositor.h"
#include "vitrine-latency.h"
#include "vitrine-programs.h"
#include "vitrine-supervisor.h"
#include "vitrine-transition.h"

#define STRIP_ROWS 16

/* Strips a diagonal wipe is cut into when drawn without GL. */
#define WIPE_STRIPS 96

typedef enum
{
  GROUP_A,
  GROUP_B,
  GROUP_C,
} Group;

/* The session's renderer group, shared by every display. */
static struct
{
  Group    group;
  gboolean requested;     /* the group was asked for, not fallen to */
  char    *reason;        /* why the session is not in group A */
  GSList  *compositors;   /* every display's, moved down together */
} session;

typedef struct
{
  char   *id;
  GBytes *pixels;
  guint   width;
  guint   height;
  guint   stride;
  double  duration;
  gint64  start_at;      /* its transition starts no earlier (monotonic µs; 0: when ready) */

  /* Ken Burns: over motion_seconds from shown_at, the visible part of the texture goes
   * from scale[0] at centre[0] to scale[1] at centre[1] (fractions of the texture). */
  double  motion_seconds;
  gint64  shown_at;
  double  scale[2];
  double  centre[2][2];

  GdkTexture *texture;   /* for drawing without GL, made when first needed */
} Image;

struct _VitrineCompositor
{
  GtkGLArea  parent_instance;

  VitrinePrograms programs;

  /* The running transition, chosen from the settings as it starts. */
  GSettings *settings;
  GRand     *rand;
  int        last_type;
  VitrineDirection last_direction;
  VitrineTransitionType type;
  VitrineEasing easing;
  VitrineDirection direction;
  int        variant;              /* the type's own parameter (Diffuse: its shape) */
  float      seed;
  gboolean   software;             /* group C: snapshot() draws, no GL */
  GLuint     textures[2];          /* [front, back] after each swap */
  guint      texture_size[2][2];
  gboolean   has_front;

  Image     *waiting;              /* handed in, not yet uploading */
  Image     *uploading;            /* rows going up into the back texture */
  guint      next_row;
  Image     *front;                /* on screen (the target of a running transition) */
  Image     *previous;             /* the one before it, kept for its motion while fading */

  gboolean   transitioning;
  gint64     transition_start;
  double     transition_duration;
  gboolean   fade_from_black;

  guint      tick_id;
  guint      watchdog_id;
  guint      watchdog_finishes;

  /* Payloads of the transitions that need one, from the transition worker. */
  VitrineSupervisor *supervisor;
  GCancellable *payload_cancellable;
  GLuint     payload_texture;
  guint      payload_size[2];
  gboolean   payload_pending;
  guint      payload_failures;
  char      *gl_error;
  char      *renderer;

  /* Figures for --status. */
  guint64    frames;
  guint64    transitions;
  gint64     upload_us_max;        /* the most one frame spent uploading */
  gint64     upload_us_total;
  VitrineLatency frame_intervals;  /* ms between frames while animating */
  gint64     last_tick;
};

G_DEFINE_FINAL_TYPE (VitrineCompositor, vitrine_compositor, GTK_TYPE_GL_AREA)

enum {
  PROP_0,
  PROP_CURRENT,
  PROP_HAS_IMAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
image_free (Image *image)
{
  if (image == NULL)
    return;
  g_free (image->id);
  g_bytes_unref (image->pixels);
  g_clear_object (&image->texture);
  g_free (image);
}

GtkWidget *
vitrine_compositor_new (void)
{
  return g_object_new (VITRINE_TYPE_COMPOSITOR, NULL);
}

static gboolean
moving (const Image *image)
{
  return image != NULL && image->motion_seconds > 0 && image->scale[0] > 0;
}

static gboolean
gl_ready (VitrineCompositor *self)
{
  return !self->software && vitrine_programs_ready (&self->programs);
}

/* Whether images can go on screen: GL is ready, or the display draws without it. */
static gboolean
can_draw (VitrineCompositor *self)
{
  return self->software || gl_ready (self);
}

/* The transitions this display can draw now. */
static VitrineTransitionSet
available (VitrineCompositor *self)
{
  return self->software ? VITRINE_PROGRAMS_SIMPLE_SET : vitrine_programs_available (&self->programs);
}

static gboolean upload_step (VitrineCompositor *self);
static void start_transition (VitrineCompositor *self);
static void choose_transition (VitrineCompositor *self);

/*
 * Each frame, before painting: the next strips of a waiting image go up (so the upload is
 * part of the frame's update, not of its drawing), then the frame is drawn.
 */
static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->last_tick != 0)
    vitrine_latency_add (&self->frame_intervals, (now - self->last_tick) / 1000.0);
  self->last_tick = now;

  if (self->software)
    {
      /* Without GL there is nothing to upload: the image goes on screen at once. */
      if (self->waiting != NULL && !self->transitioning && now >= self->waiting->start_at)
        {
          self->uploading = g_steal_pointer (&self->waiting);
          choose_transition (self);
          start_transition (self);
        }
    }
  else if (gl_ready (self))
    {
      /* A waiting image starts uploading once the screen is still. */
      if (self->uploading == NULL && self->waiting != NULL && !self->transitioning)
        {
          self->uploading = g_steal_pointer (&self->waiting);
          self->next_row = 0;
          choose_transition (self);
        }
      /* The switch waits for a payload still on its way; the current image stays. */
      if (self->uploading != NULL && (self->next_row < self->uploading->height || !self->payload_pending))
        {
          gtk_gl_area_make_current (GTK_GL_AREA (self));
          if (upload_step (self) && !self->payload_pending && now >= self->uploading->start_at)
            start_transition (self);
        }
    }

  gtk_gl_area_queue_render (GTK_GL_AREA (self));
  if (self->waiting == NULL && self->uploading == NULL && !self->transitioning && !moving (self->front))
    {
      self->tick_id = 0;
      self->last_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
ensure_ticking (VitrineCompositor *self)
{
  if (self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  gtk_gl_area_queue_render (GTK_GL_AREA (self));
}

/*
 * Puts @pixels (premultiplied RGBA, @width × @height at @stride) on screen next, with a
 * transition of @duration seconds; with @motion_seconds, it pans and zooms (Ken Burns) over
 * that time, the texture being larger than the screen by the zoom's margin. Its
 * transition starts no earlier than @start_at (monotonic µs; 0: as soon as it is up), so
 * that displays switching together can be staggered. Replaces any image still waiting
 * for its turn.
 */
void
vitrine_compositor_show (VitrineCompositor *self,
                         const char        *id,
                         GBytes            *pixels,
                         guint              width,
                         guint              height,
                         guint              stride,
                         double             duration,
                         double             motion_seconds,
                         gint64             start_at)
{
  Image *image;

  g_return_if_fail (VITRINE_IS_COMPOSITOR (self));
  g_return_if_fail (g_bytes_get_size (pixels) >= (gsize) stride * height && stride >= width * 4);

  image = g_new0 (Image, 1);
  image->id = g_strdup (id);
  image->pixels = g_bytes_ref (pixels);
  image->width = width;
  image->height = height;
  image->stride = stride;
  image->duration = duration;
  image->motion_seconds = motion_seconds;
  image->start_at = start_at;

  g_clear_pointer (&self->waiting, image_free);
  self->waiting = image;
  ensure_ticking (self);
}

const char *
vitrine_compositor_get_current (VitrineCompositor *self)
{
  g_return_val_if_fail (VITRINE_IS_COMPOSITOR (self), NULL);

  return self->front != NULL ? self->front->id : NULL;
}

gboolean
vitrine_compositor_get_has_image (VitrineCompositor *self)
{
  g_return_val_if_fail (VITRINE_IS_COMPOSITOR (self), FALSE);

  return self->front != NULL;
}

/* Whether an image is waiting, uploading or fading in. */
gboolean
vitrine_compositor_get_busy (VitrineCompositor *self)
{
  g_return_val_if_fail (VITRINE_IS_COMPOSITOR (self), FALSE);

  return self->waiting != NULL || self->uploading != NULL || self->transitioning;
}

/* The size images are made for: the widget's size in device pixels (HiDPI aware). */
void
vitrine_compositor_get_device_size (VitrineCompositor *self,
                                    guint             *width,
                                    guint             *height)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  *width = (guint) MAX (0, gtk_widget_get_width (GTK_WIDGET (self)) * scale);
  *height = (guint) MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) * scale);
}

/*
 * Moves the session down to group @to (never up), once, with one log line, and every
 * display with it.
 */
static void apply_group (VitrineCompositor *self);

static void
session_demote (Group       to,
                const char *reason)
{
  if (to <= session.group)
    return;
  session.group = to;
  session.requested = FALSE;
  g_free (session.reason);
  session.reason = g_strdup (reason);
  g_warning ("Renderer: %s from now on (%s)",
             to == GROUP_B ? "only Crossfade, Slide and Wipe" : "software drawing without GL", reason);
  for (GSList *l = session.compositors; l != NULL; l = l->next)
    apply_group (l->data);
}

/*
 * Where the session starts, before the first display opens: AUTO in group A, GL in group
 * B, SOFTWARE in group C.
 */
void
vitrine_compositor_set_session_renderer (VitrineRenderer renderer)
{
  session.group = renderer == VITRINE_RENDERER_SOFTWARE ? GROUP_C : renderer == VITRINE_RENDERER_GL ? GROUP_B : GROUP_A;
  session.requested = session.group != GROUP_A;
  g_clear_pointer (&session.reason, g_free);
  if (session.requested)
    session.reason = g_strdup_printf ("renderer “%s” requested",
                                      renderer == VITRINE_RENDERER_SOFTWARE ? "software" : "gl");
}

/* The session's group: "A", "B" or "C". */
const char *
vitrine_compositor_get_session_group (void)
{
  static const char *names[] = { "A", "B", "C" };

  return names[session.group];
}

/* Why the session is not in group A (requested or fallen), NULL in group A. */
const char *
vitrine_compositor_get_session_reason (void)
{
  return session.reason;
}

/* Whether the session fell from where it started (a failure, not a request). */
gboolean
vitrine_compositor_get_session_demoted (void)
{
  return session.group != GROUP_A && !session.requested;
}

/* The GL objects go; the images stay, to go up again or to be drawn without GL. */
static void
release_gl (VitrineCompositor *self)
{
  if (gtk_widget_get_realized (GTK_WIDGET (self)) && gtk_gl_area_get_context (GTK_GL_AREA (self)) != NULL)
    {
      gtk_gl_area_make_current (GTK_GL_AREA (self));
      vitrine_programs_clear (&self->programs);
      if (self->payload_texture != 0)
        glDeleteTextures (1, &self->payload_texture);
      if (self->textures[0] != 0)
        glDeleteTextures (2, self->textures);
    }
  self->textures[0] = self->textures[1] = 0;
  self->payload_texture = 0;
  self->payload_size[0] = self->payload_size[1] = 0;
  /* An upload in progress starts over. */
  if (self->uploading != NULL && self->waiting == NULL)
    self->waiting = g_steal_pointer (&self->uploading);
  g_clear_pointer (&self->uploading, image_free);
}

/*
 * This display follows the session's group. A running transition the group cannot draw
 * ends on the new image; an image on its way is chosen a transition again.
 */
static void
apply_group (VitrineCompositor *self)
{
  if (session.group >= GROUP_B && !self->software && gl_ready (self))
    {
      gtk_gl_area_make_current (GTK_GL_AREA (self));
      vitrine_programs_demote (&self->programs, session.reason);
    }
  if (session.group == GROUP_C && !self->software)
    {
      release_gl (self);
      self->software = TRUE;
      g_free (self->renderer);
      self->renderer = g_strdup ("software (GSK)");
    }
  if (self->uploading != NULL && !(available (self) & VITRINE_TRANSITION_SET_FROM_TYPE (self->type)))
    {
      if (self->waiting == NULL)
        self->waiting = g_steal_pointer (&self->uploading);
      g_clear_pointer (&self->uploading, image_free);
      self->payload_pending = FALSE;
    }
  if (self->transitioning && !(available (self) & VITRINE_TRANSITION_SET_FROM_TYPE (self->type)))
    {
      self->transitioning = FALSE;
      self->transitions++;
      g_clear_handle_id (&self->watchdog_id, g_source_remove);
    }
  if (self->front != NULL || self->waiting != NULL)
    ensure_ticking (self);
}

/* In group C no GL context is made at all. */
static GdkGLContext *
vitrine_compositor_create_context (GtkGLArea *area)
{
  if (session.group == GROUP_C)
    {
      g_autoptr(GError) error = g_error_new_literal (GDK_GL_ERROR, GDK_GL_ERROR_NOT_AVAILABLE,
                                                     "software rendering: no GL");

      gtk_gl_area_set_error (area, error);
      return NULL;
    }
  return GTK_GL_AREA_CLASS (vitrine_compositor_parent_class)->create_context (area);
}

static void
vitrine_compositor_realize (GtkWidget *widget)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (widget);
  g_autoptr(GError) error = NULL;
  GdkGLContext *context;

  GTK_WIDGET_CLASS (vitrine_compositor_parent_class)->realize (widget);

  if (session.group == GROUP_C)
    {
      apply_group (self);
      return;
    }

  gtk_gl_area_make_current (GTK_GL_AREA (self));
  if (gtk_gl_area_get_error (GTK_GL_AREA (self)) != NULL)
    {
      self->gl_error = g_strdup (gtk_gl_area_get_error (GTK_GL_AREA (self))->message);
      session_demote (GROUP_C, self->gl_error);
      return;
    }

  context = gtk_gl_area_get_context (GTK_GL_AREA (self));
  g_free (self->renderer);
  self->renderer = g_strdup ((const char *) glGetString (GL_RENDERER));

  if (session.group == GROUP_B)
    vitrine_programs_demote (&self->programs, session.reason);
  if (!vitrine_programs_build (&self->programs, gdk_gl_context_get_use_es (context), &error))
    {
      self->gl_error = g_strdup (error->message);
      session_demote (GROUP_C, self->gl_error);
      return;
    }
  if (self->programs.demotion != NULL)
    session_demote (GROUP_B, self->programs.demotion);

  glGenTextures (2, self->textures);
  for (guint i = 0; i < 2; i++)
    {
      glBindTexture (GL_TEXTURE_2D, self->textures[i]);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
      glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
      self->texture_size[i][0] = self->texture_size[i][1] = 0;
    }
  self->has_front = FALSE;

  /* A new context has none of the old textures: show the current image again. */
  if (self->front != NULL && self->waiting == NULL && self->uploading == NULL)
    {
      self->waiting = g_steal_pointer (&self->front);
      self->waiting->duration = 0;
      ensure_ticking (self);
    }
}

static void
vitrine_compositor_unrealize (GtkWidget *widget)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (widget);

  if (!self->software)
    release_gl (self);
  self->transitioning = FALSE;

  GTK_WIDGET_CLASS (vitrine_compositor_parent_class)->unrealize (widget);
}

/* Uploads strips of the back texture until the budget is spent; TRUE when complete. */
static gboolean
upload_step (VitrineCompositor *self)
{
  Image *image = self->uploading;
  const guint8 *data = g_bytes_get_data (image->pixels, NULL);
  gint64 start = g_get_monotonic_time (), spent, strip = 0;

  if (self->next_row >= image->height)
    return TRUE;

  glBindTexture (GL_TEXTURE_2D, self->textures[1]);
  if (self->next_row == 0 &&
      (self->texture_size[1][0] != image->width || self->texture_size[1][1] != image->height))
    {
      glTexImage2D (GL_TEXTURE_2D, 0, GL_RGBA8, image->width, image->height, 0, GL_RGBA,
                    GL_UNSIGNED_BYTE, NULL);
      self->texture_size[1][0] = image->width;
      self->texture_size[1][1] = image->height;
    }
  glPixelStorei (GL_UNPACK_ALIGNMENT, 4);
  glPixelStorei (GL_UNPACK_ROW_LENGTH, image->stride / 4);
  /* Strip after strip while the next one, as long as the last, still fits the budget. */
  do
    {
      guint rows = MIN (STRIP_ROWS, image->height - self->next_row);
      gint64 strip_start = g_get_monotonic_time ();

      glTexSubImage2D (GL_TEXTURE_2D, 0, 0, self->next_row, image->width, rows, GL_RGBA,
                       GL_UNSIGNED_BYTE, data + (gsize) self->next_row * image->stride);
      self->next_row += rows;
      strip = g_get_monotonic_time () - strip_start;
    }
  while (self->next_row < image->height &&
         g_get_monotonic_time () - start + strip <= VITRINE_COMPOSITOR_UPLOAD_BUDGET_US);
  glPixelStorei (GL_UNPACK_ROW_LENGTH, 0);

  spent = g_get_monotonic_time () - start;
  self->upload_us_max = MAX (self->upload_us_max, spent);
  self->upload_us_total += spent;
  return self->next_row >= image->height;
}

static gint64
frame_time (VitrineCompositor *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  return clock != NULL ? gdk_frame_clock_get_frame_time (clock) : g_get_monotonic_time ();
}

/*
 * From the settings: the type (random from the pool, never the previous one), easing,
 * direction (random never repeats either), seed and duration (a per-type override wins).
 * The first image always fades in. A type without a program here is drawn as Crossfade,
 * and --status says so.
 */
static void request_payload (VitrineCompositor *self);

static void
choose_transition (VitrineCompositor *self)
{
  g_autoptr(GVariant) durations = g_settings_get_value (self->settings, "durations");
  VitrineTransitionSet can = available (self);
  double duration;

  if (!self->has_front)
    self->type = VITRINE_TRANSITION_TYPE_CROSSFADE;
  else if (g_settings_get_boolean (self->settings, "random"))
    self->type = vitrine_transition_pick (g_settings_get_flags (self->settings, "pool") & can,
                                          self->last_type, self->rand);
  else
    self->type = g_settings_get_enum (self->settings, "type");
  if (!(can & VITRINE_TRANSITION_SET_FROM_TYPE (self->type)))
    self->type = VITRINE_TRANSITION_TYPE_CROSSFADE;
  self->last_type = self->type;

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
  self->type = vitrine_transition_pick (available (self) & without,
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

  reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result, &fds, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reply != NULL)
    texels = vitrine_supervisor_map_pixels (self->supervisor, VITRINE_WORKER_ROLE_TRANSITION, reply, fds,
                                            &header, &error);
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
  ensure_ticking (self);
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

/* The transition worker that computes payloads; without one, payload types are skipped. */
void
vitrine_compositor_set_supervisor (VitrineCompositor *self,
                                   VitrineSupervisor *supervisor)
{
  g_return_if_fail (VITRINE_IS_COMPOSITOR (self));

  g_set_object (&self->supervisor, supervisor);
}


/* A random pan and zoom for @image: in or out, between two random places. */
static void
plan_motion (VitrineCompositor *self,
             Image             *image)
{
  guint device_width, device_height;
  double zoom;

  vitrine_compositor_get_device_size (self, &device_width, &device_height);
  zoom = device_width > 0 ? (double) image->width / device_width : 1.0;
  if (image->motion_seconds <= 0 || zoom < 1.01)
    {
      image->scale[0] = 0;
      return;
    }
  image->scale[0] = g_rand_boolean (self->rand) ? 1.0 : 1.0 / zoom;
  image->scale[1] = image->scale[0] == 1.0 ? 1.0 / zoom : 1.0;
  for (guint k = 0; k < 2; k++)
    for (guint axis = 0; axis < 2; axis++)
      image->centre[k][axis] = g_rand_double_range (self->rand, image->scale[k] / 2, 1 - image->scale[k] / 2 + 1e-9);
  image->shown_at = frame_time (self);
}

/* The part of @image's texture on screen at @now (x, y, width, height). */
static void
image_window (const Image *image,
              gint64       now,
              float        window[4])
{
  double e, scale, x, y;

  if (!moving (image))
    {
      window[0] = window[1] = 0;
      window[2] = window[3] = 1;
      return;
    }
  e = CLAMP ((now - image->shown_at) / (image->motion_seconds * G_USEC_PER_SEC), 0.0, 1.0);
  e = vitrine_easing_apply (VITRINE_EASING_SINE_IN_OUT, e);
  scale = image->scale[0] + (image->scale[1] - image->scale[0]) * e;
  x = image->centre[0][0] + (image->centre[1][0] - image->centre[0][0]) * e;
  y = image->centre[0][1] + (image->centre[1][1] - image->centre[0][1]) * e;
  window[0] = (float) CLAMP (x - scale / 2, 0.0, 1.0 - scale);
  window[1] = (float) CLAMP (y - scale / 2, 0.0, 1.0 - scale);
  window[2] = window[3] = (float) scale;
}

/*
 * A transition still running 2 s past its duration (the frame clock stopped, say) is
 * finished on the new image, and logged.
 */
static gboolean
watchdog_cb (gpointer user_data)
{
  VitrineCompositor *self = user_data;

  self->watchdog_id = 0;
  if (self->transitioning)
    {
      g_message ("A %s transition ran 2 s past its %.1f s; finished on the new image",
                 vitrine_transition_name (self->type), self->transition_duration);
      self->transitioning = FALSE;
      self->transitions++;
      self->watchdog_finishes++;
      gtk_gl_area_queue_render (GTK_GL_AREA (self));
    }
  return G_SOURCE_REMOVE;
}

/* The back texture is complete: it becomes the front, and the transition starts now. */
static void
start_transition (VitrineCompositor *self)
{
  GLuint texture = self->textures[0];
  guint w = self->texture_size[0][0], h = self->texture_size[0][1];

  self->textures[0] = self->textures[1];
  self->textures[1] = texture;
  self->texture_size[0][0] = self->texture_size[1][0];
  self->texture_size[0][1] = self->texture_size[1][1];
  self->texture_size[1][0] = w;
  self->texture_size[1][1] = h;

  self->fade_from_black = !self->has_front;
  self->has_front = TRUE;
  image_free (self->previous);
  self->previous = g_steal_pointer (&self->front);
  self->front = g_steal_pointer (&self->uploading);
  plan_motion (self, self->front);
  self->transition_start = frame_time (self);
  self->transitioning = self->transition_duration > 0;
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  if (self->transitioning)
    self->watchdog_id = g_timeout_add ((guint) ((self->transition_duration + 2.0) * 1000), watchdog_cb, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  if (self->fade_from_black)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_IMAGE]);
}

/*
 * How far the running transition is at this frame, 1 when none runs. Reaching 1 ends it,
 * exactly on the new image.
 */
static double
transition_progress (VitrineCompositor *self)
{
  double progress;

  if (!self->transitioning)
    return 1.0;
  progress = (frame_time (self) - self->transition_start) / (self->transition_duration * G_USEC_PER_SEC);
  if (progress >= 1.0)
    {
      self->transitioning = FALSE;
      self->transitions++;
      g_clear_handle_id (&self->watchdog_id, g_source_remove);
      return 1.0;
    }
  return MAX (progress, 0.0);
}

/*
 * Test hook: VITRINE_GL_FAULT=context-lost or gl-error strikes once, in the first frame
 * of the second transition (so that an image is on screen), as a lost context or a real
 * GL error.
 */
static const char *gl_fault;   /* VITRINE_GL_FAULT, read once in class_init */

static GLenum
injected_fault (VitrineCompositor *self)
{
  static gboolean struck;

  if (gl_fault == NULL || struck || !self->transitioning || self->transitions < 1)
    return GL_NO_ERROR;
  struck = TRUE;
  if (g_str_equal (gl_fault, "context-lost"))
    return GL_CONTEXT_LOST;
  if (g_str_equal (gl_fault, "gl-error"))
    glEnable (0);   /* GL_INVALID_ENUM, through the driver */
  return GL_NO_ERROR;
}

static gboolean
vitrine_compositor_render (GtkGLArea    *area,
                           GdkGLContext *context)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (area);
  VitrineFrame frame = { 0 };
  guint width, height;
  GLenum error;

  /* Errors left from before this frame do not count against a transition, but a lost
   * context does (GL keeps a few errors at most). */
  for (guint i = 0; i < 8 && (error = glGetError ()) != GL_NO_ERROR; i++)
    if (error == GL_CONTEXT_LOST)
      {
        session_demote (GROUP_C, "the GL context was lost");
        return TRUE;
      }

  self->frames++;
  glClearColor (0, 0, 0, 1);
  glClear (GL_COLOR_BUFFER_BIT);
  if (!gl_ready (self) || !self->has_front)
    return TRUE;

  frame.type = self->type;
  frame.from_texture = self->textures[1];
  frame.to_texture = self->textures[0];
  frame.payload_texture = self->payload_texture;
  frame.payload_width = self->payload_size[0];
  frame.payload_height = self->payload_size[1];
  frame.has_from = !self->fade_from_black;
  frame.progress = vitrine_easing_apply (self->easing, transition_progress (self));
  vitrine_compositor_get_device_size (self, &width, &height);
  frame.width = (int) width;
  frame.height = (int) height;
  frame.seed = self->seed;
  frame.direction = self->direction;
  frame.variant = self->variant;
  image_window (self->previous, frame_time (self), frame.from_window);
  image_window (self->front, frame_time (self), frame.to_window);
  vitrine_programs_draw (&self->programs, &frame);

  error = injected_fault (self);
  if (error == GL_NO_ERROR)
    error = glGetError ();
  if (error == GL_CONTEXT_LOST)
    session_demote (GROUP_C, "the GL context was lost");
  else if (error != GL_NO_ERROR)
    {
      g_autofree char *reason = g_strdup_printf ("GL error 0x%04x while drawing %s", error,
                                                 vitrine_transition_name (self->type));

      session_demote (session.group + 1, reason);
    }
  return TRUE;
}

/* @image drawn without GL over @width × @height, moved by (@dx, @dy), its window (Ken
 * Burns) filling the bounds. */
static void
append_image (VitrineCompositor *self,
              GtkSnapshot       *snapshot,
              Image             *image,
              float              width,
              float              height,
              float              dx,
              float              dy)
{
  float window[4];

  if (image == NULL)
    {
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0, 0, 0, 1 },
                                 &GRAPHENE_RECT_INIT (dx, dy, width, height));
      return;
    }
  if (image->texture == NULL)
    image->texture = gdk_memory_texture_new ((int) image->width, (int) image->height,
                                             GDK_MEMORY_R8G8B8A8_PREMULTIPLIED, image->pixels, image->stride);
  image_window (image, frame_time (self), window);
  gtk_snapshot_append_texture (snapshot, image->texture,
                               &GRAPHENE_RECT_INIT (dx - window[0] / window[2] * width,
                                                    dy - window[1] / window[3] * height,
                                                    width / window[2], height / window[3]));
}

/*
 * The new image where a wipe at @progress has passed: the part of the bounds where
 * common.glsl's sweep_position() is below @progress, cut in vertical strips when the
 * edge is diagonal.
 */
static void
append_wiped (VitrineCompositor *self,
              GtkSnapshot       *snapshot,
              float              width,
              float              height,
              double             progress)
{
  double dx = -1, dy = 0, lo, hi, a, b, c;
  guint strips;

  if (self->direction == VITRINE_DIRECTION_RIGHT)
    dx = 1;
  else if (self->direction == VITRINE_DIRECTION_UP || self->direction == VITRINE_DIRECTION_DOWN)
    dx = 0, dy = self->direction == VITRINE_DIRECTION_UP ? -1 : 1;
  else if (self->direction == VITRINE_DIRECTION_DIAGONAL_DOWN_RIGHT)
    dx = G_SQRT2 / 2, dy = G_SQRT2 / 2;
  else if (self->direction == VITRINE_DIRECTION_DIAGONAL_DOWN_LEFT)
    dx = -G_SQRT2 / 2, dy = G_SQRT2 / 2;
  /* sweep(u, v) = a u + b v + c, from 0 where it starts to 1 where it ends. */
  lo = MIN (0, dx) + MIN (0, dy);
  hi = MAX (0, dx) + MAX (0, dy);
  a = dx / (hi - lo), b = dy / (hi - lo), c = -lo / (hi - lo);

  strips = dx != 0 && dy != 0 ? WIPE_STRIPS : 1;
  for (guint i = 0; i < strips; i++)
    {
      double u0 = (double) i / strips, u1 = (double) (i + 1) / strips, v0 = 0, v1 = 1;

      if (b == 0)
        {
          /* a u + c < progress */
          double edge = (progress - c) / a;

          if (a > 0)
            u1 = CLAMP (edge, 0, 1);
          else
            u0 = CLAMP (edge, 0, 1);
        }
      else
        {
          double edge = (progress - c - a * (u0 + u1) / 2) / b;

          if (b > 0)
            v1 = CLAMP (edge, 0, 1);
          else
            v0 = CLAMP (edge, 0, 1);
        }
      if (u1 <= u0 || v1 <= v0)
        continue;
      gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (u0 * width, v0 * height, (u1 - u0) * width,
                                                             (v1 - v0) * height));
      append_image (self, snapshot, self->front, width, height, 0, 0);
      gtk_snapshot_pop (snapshot);
    }
}

/* Group C: Crossfade, Slide and Wipe with GSK nodes; in A and B, GtkGLArea's own. */
static void
vitrine_compositor_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (widget);
  float width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  Image *from;
  double progress;

  if (!self->software)
    {
      GTK_WIDGET_CLASS (vitrine_compositor_parent_class)->snapshot (widget, snapshot);
      return;
    }

  self->frames++;
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  append_image (self, snapshot, NULL, width, height, 0, 0);
  if (!self->has_front)
    {
      gtk_snapshot_pop (snapshot);
      return;
    }

  from = self->fade_from_black ? NULL : self->previous;
  progress = vitrine_easing_apply (self->easing, transition_progress (self));
  if (progress >= 1.0)
    append_image (self, snapshot, self->front, width, height, 0, 0);
  else if (self->type == VITRINE_TRANSITION_TYPE_SLIDE)
    {
      float dx = 0, dy = 0;

      if (self->direction == VITRINE_DIRECTION_RIGHT || self->direction == VITRINE_DIRECTION_LEFT)
        dx = self->direction == VITRINE_DIRECTION_RIGHT ? width : -width;
      else
        dy = self->direction == VITRINE_DIRECTION_DOWN ? height : -height;
      append_image (self, snapshot, from, width, height, dx * progress, dy * progress);
      append_image (self, snapshot, self->front, width, height, dx * (progress - 1), dy * (progress - 1));
    }
  else if (self->type == VITRINE_TRANSITION_TYPE_WIPE)
    {
      append_image (self, snapshot, from, width, height, 0, 0);
      append_wiped (self, snapshot, width, height, progress);
    }
  else
    {
      gtk_snapshot_push_cross_fade (snapshot, progress);
      append_image (self, snapshot, from, width, height, 0, 0);
      gtk_snapshot_pop (snapshot);
      append_image (self, snapshot, self->front, width, height, 0, 0);
      gtk_snapshot_pop (snapshot);
    }
  gtk_snapshot_pop (snapshot);
}

void
vitrine_compositor_add_status (VitrineCompositor *self,
                               JsonBuilder       *builder)
{
  VitrineLatencySummary frames;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "renderer");
  json_builder_add_string_value (builder, self->renderer);
  json_builder_set_member_name (builder, "gl_error");
  json_builder_add_string_value (builder, self->gl_error);
  json_builder_set_member_name (builder, "current");
  json_builder_add_string_value (builder, vitrine_compositor_get_current (self));
  json_builder_set_member_name (builder, "transition");
  json_builder_add_string_value (builder, vitrine_transition_name (self->type));
  json_builder_set_member_name (builder, "renderer_group");
  json_builder_add_string_value (builder, !can_draw (self) ? "none" : self->software ? "C" : self->programs.demotion != NULL ? "B" : "A");
  json_builder_set_member_name (builder, "image_width");
  json_builder_add_int_value (builder, self->front != NULL ? self->front->width : 0);
  json_builder_set_member_name (builder, "image_height");
  json_builder_add_int_value (builder, self->front != NULL ? self->front->height : 0);
  json_builder_set_member_name (builder, "ken_burns");
  if (moving (self->front))
    {
      float window[4];

      image_window (self->front, g_get_monotonic_time (), window);
      json_builder_begin_array (builder);
      for (guint i = 0; i < 4; i++)
        json_builder_add_double_value (builder, window[i]);
      json_builder_end_array (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "payload_failures");
  json_builder_add_int_value (builder, self->payload_failures);
  json_builder_set_member_name (builder, "watchdog_finishes");
  json_builder_add_int_value (builder, self->watchdog_finishes);
  json_builder_set_member_name (builder, "busy");
  json_builder_add_boolean_value (builder, vitrine_compositor_get_busy (self));
  json_builder_set_member_name (builder, "frames");
  json_builder_add_int_value (builder, (gint64) self->frames);
  json_builder_set_member_name (builder, "transitions");
  json_builder_add_int_value (builder, (gint64) self->transitions);
  json_builder_set_member_name (builder, "upload_ms_max_per_frame");
  json_builder_add_double_value (builder, self->upload_us_max / 1000.0);
  json_builder_set_member_name (builder, "upload_ms_total");
  json_builder_add_double_value (builder, self->upload_us_total / 1000.0);
  vitrine_latency_summarize (&self->frame_intervals, &frames);
  json_builder_set_member_name (builder, "frame_interval_ms");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "p50");
  json_builder_add_double_value (builder, frames.p50);
  json_builder_set_member_name (builder, "p95");
  json_builder_add_double_value (builder, frames.p95);
  json_builder_set_member_name (builder, "p99");
  json_builder_add_double_value (builder, frames.p99);
  json_builder_set_member_name (builder, "max");
  json_builder_add_double_value (builder, frames.max);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
vitrine_compositor_dispose (GObject *object)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (object);

  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  g_cancellable_cancel (self->payload_cancellable);
  g_clear_object (&self->supervisor);
  g_clear_pointer (&self->waiting, image_free);
  g_clear_pointer (&self->uploading, image_free);
  g_clear_pointer (&self->front, image_free);
  g_clear_pointer (&self->previous, image_free);

  G_OBJECT_CLASS (vitrine_compositor_parent_class)->dispose (object);
}

static void
vitrine_compositor_finalize (GObject *object)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (object);

  session.compositors = g_slist_remove (session.compositors, self);
  g_free (self->gl_error);
  g_free (self->renderer);
  g_free (self->programs.demotion);
  g_clear_object (&self->settings);
  g_clear_object (&self->payload_cancellable);
  g_rand_free (self->rand);

  G_OBJECT_CLASS (vitrine_compositor_parent_class)->finalize (object);
}

static void
vitrine_compositor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VitrineCompositor *self = VITRINE_COMPOSITOR (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_string (value, vitrine_compositor_get_current (self));
      break;
    case PROP_HAS_IMAGE:
      g_value_set_boolean (value, vitrine_compositor_get_has_image (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vitrine_compositor_class_init (VitrineCompositorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_compositor_dispose;
  object_class->finalize = vitrine_compositor_finalize;
  object_class->get_property = vitrine_compositor_get_property;
  widget_class->realize = vitrine_compositor_realize;
  widget_class->unrealize = vitrine_compositor_unrealize;
  widget_class->snapshot = vitrine_compositor_snapshot;
  GTK_GL_AREA_CLASS (klass)->render = vitrine_compositor_render;
  GTK_GL_AREA_CLASS (klass)->create_context = vitrine_compositor_create_context;
  gl_fault = g_getenv ("VITRINE_GL_FAULT");

  /**
   * VitrineCompositor:current:
   *
   * The id of the image on screen (or fading in), NULL before the first.
   */
  properties[PROP_CURRENT] =
    g_param_spec_string ("current", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * VitrineCompositor:has-image:
   *
   * Whether an image has reached the screen.
   */
  properties[PROP_HAS_IMAGE] =
    g_param_spec_boolean ("has-image", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vitrine_compositor_init (VitrineCompositor *self)
{
  vitrine_latency_init (&self->frame_intervals);
  self->settings = g_settings_new (APP_ID ".Transitions");
  self->payload_cancellable = g_cancellable_new ();
  self->rand = g_rand_new ();
  self->last_type = -1;
  self->last_direction = VITRINE_DIRECTION_RANDOM;
  session.compositors = g_slist_prepend (session.compositors, self);
  gtk_gl_area_set_has_depth_buffer (GTK_GL_AREA (self), FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}
