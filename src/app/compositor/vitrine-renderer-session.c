/* vitrine-renderer-session.c: the session's renderer group (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-enum-types.h"
#include "vitrine-renderer-session.h"

struct _VitrineRendererSession
{
  GObject               parent_instance;

  VitrineRendererGroup  group;
  char                 *reason;    /* why the session is not in group A; NULL in A */
  gboolean              demoted;   /* it fell there, rather than was asked to start there */
};

G_DEFINE_FINAL_TYPE (VitrineRendererSession, vitrine_renderer_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_GROUP,
  PROP_REASON,
  PROP_DEMOTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A session starting where @requested says (see vitrine_renderer_session_start()). */
VitrineRendererSession *
vitrine_renderer_session_new (VitrineRenderer requested)
{
  VitrineRendererSession *self = g_object_new (VITRINE_TYPE_RENDERER_SESSION, NULL);

  vitrine_renderer_session_start (self, requested);
  return self;
}

/*
 * The three properties change together: a handler of any one of them sees the others
 * already changed, since the notifications are held until all are set.
 */
static void
set_state (VitrineRendererSession *self,
           VitrineRendererGroup    group,
           const char             *reason,
           gboolean                demoted)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->group != group)
    {
      self->group = group;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP]);
    }
  if (g_strcmp0 (self->reason, reason) != 0)
    {
      g_free (self->reason);
      self->reason = g_strdup (reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
    }
  if (self->demoted != demoted)
    {
      self->demoted = demoted;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEMOTED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/*
 * Where the session starts: AUTO in group A, GL in group B, SOFTWARE in group C. Meant for
 * before the first display opens (nothing has failed yet), so it is the one way up.
 */
void
vitrine_renderer_session_start (VitrineRendererSession *self,
                                VitrineRenderer         requested)
{
  g_autofree char *reason = NULL;
  VitrineRendererGroup group = VITRINE_RENDERER_GROUP_A;

  g_return_if_fail (VITRINE_IS_RENDERER_SESSION (self));

  if (requested == VITRINE_RENDERER_SOFTWARE)
    group = VITRINE_RENDERER_GROUP_C;
  else if (requested == VITRINE_RENDERER_GL)
    group = VITRINE_RENDERER_GROUP_B;
  if (group != VITRINE_RENDERER_GROUP_A)
    reason = g_strdup_printf ("renderer “%s” requested",
                              requested == VITRINE_RENDERER_SOFTWARE ? "software" : "gl");
  set_state (self, group, reason, FALSE);
}

/*
 * Moves the session down to @to because of @reason (what failed), with one log line;
 * never up, and not again to where it already is. TRUE when it moved.
 */
gboolean
vitrine_renderer_session_demote (VitrineRendererSession *self,
                                 VitrineRendererGroup    to,
                                 const char             *reason)
{
  g_return_val_if_fail (VITRINE_IS_RENDERER_SESSION (self), FALSE);
  g_return_val_if_fail (to <= VITRINE_RENDERER_GROUP_C, FALSE);
  g_return_val_if_fail (reason != NULL, FALSE);

  if (to <= self->group)
    return FALSE;
  g_warning ("Renderer: %s from now on (%s)",
             to == VITRINE_RENDERER_GROUP_B ? "only Crossfade, Slide and Wipe" : "software drawing without GL",
             reason);
  set_state (self, to, reason, TRUE);
  return TRUE;
}

VitrineRendererGroup
vitrine_renderer_session_get_group (VitrineRendererSession *self)
{
  g_return_val_if_fail (VITRINE_IS_RENDERER_SESSION (self), VITRINE_RENDERER_GROUP_A);

  return self->group;
}

/* Why the session is not in group A (asked for, or what failed); NULL in group A. */
const char *
vitrine_renderer_session_get_reason (VitrineRendererSession *self)
{
  g_return_val_if_fail (VITRINE_IS_RENDERER_SESSION (self), NULL);

  return self->reason;
}

/* Whether the session fell from where it started (a failure, not a request). */
gboolean
vitrine_renderer_session_get_demoted (VitrineRendererSession *self)
{
  g_return_val_if_fail (VITRINE_IS_RENDERER_SESSION (self), FALSE);

  return self->demoted;
}

/* The group's letter, "A", "B" or "C", as `--status` prints it. */
const char *
vitrine_renderer_group_to_string (VitrineRendererGroup group)
{
  static const char * const letters[] = { "A", "B", "C" };

  g_return_val_if_fail (group <= VITRINE_RENDERER_GROUP_C, NULL);

  return letters[group];
}

static void
vitrine_renderer_session_finalize (GObject *object)
{
  VitrineRendererSession *self = VITRINE_RENDERER_SESSION (object);

  g_free (self->reason);

  G_OBJECT_CLASS (vitrine_renderer_session_parent_class)->finalize (object);
}

static void
vitrine_renderer_session_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  VitrineRendererSession *self = VITRINE_RENDERER_SESSION (object);

  switch (prop_id)
    {
    case PROP_GROUP:
      g_value_set_enum (value, self->group);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_DEMOTED:
      g_value_set_boolean (value, self->demoted);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vitrine_renderer_session_class_init (VitrineRendererSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vitrine_renderer_session_finalize;
  object_class->get_property = vitrine_renderer_session_get_property;

  /**
   * VitrineRendererSession:group:
   *
   * The group every display draws in now.
   */
  properties[PROP_GROUP] =
    g_param_spec_enum ("group", NULL, NULL,
                       VITRINE_TYPE_RENDERER_GROUP, VITRINE_RENDERER_GROUP_A,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * VitrineRendererSession:reason:
   *
   * Why the session is not in group A: the renderer asked for, or what failed. NULL in
   * group A.
   */
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * VitrineRendererSession:demoted:
   *
   * Whether the session fell to its group (a failure) rather than started there.
   */
  properties[PROP_DEMOTED] =
    g_param_spec_boolean ("demoted", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vitrine_renderer_session_init (VitrineRendererSession *self)
{
  self->group = VITRINE_RENDERER_GROUP_A;
}
