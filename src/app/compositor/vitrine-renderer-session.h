/* vitrine-renderer-session.h: the session's renderer group (docs/ARCHITECTURE.md §7), one
 * for the whole application and shared by every display's compositor: where it started
 * (the renderer asked for), where it is now, and why. It only moves down, A to B to C;
 * compositors and the Diagnostics page follow its notify signals.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "vitrine-enums.h"

G_BEGIN_DECLS

#define VITRINE_TYPE_RENDERER_SESSION (vitrine_renderer_session_get_type ())

G_DECLARE_FINAL_TYPE (VitrineRendererSession, vitrine_renderer_session, VITRINE, RENDERER_SESSION, GObject)

VitrineRendererSession *vitrine_renderer_session_new         (VitrineRenderer         requested);
void                    vitrine_renderer_session_start       (VitrineRendererSession *self,
                                                              VitrineRenderer         requested);
gboolean                vitrine_renderer_session_demote      (VitrineRendererSession *self,
                                                              VitrineRendererGroup    to,
                                                              const char             *reason);
VitrineRendererGroup    vitrine_renderer_session_get_group   (VitrineRendererSession *self);
const char             *vitrine_renderer_session_get_reason  (VitrineRendererSession *self);
gboolean                vitrine_renderer_session_get_demoted (VitrineRendererSession *self);

const char             *vitrine_renderer_group_to_string     (VitrineRendererGroup    group);

G_END_DECLS
