/* vitrine-test-supervisor.h: one supervisor request as the process tests see it.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gio/gunixfdlist.h>

G_BEGIN_DECLS

/* The outcome of vitrine_supervisor_request_async() with vt_call_cb() as its callback and
 * the VtCall as its user data: done, then the reply and its fds, or the error. */
typedef struct
{
  gboolean     done;
  GVariant    *reply;
  GUnixFDList *fds;
  GError      *error;
} VtCall;

void vt_call_clear (VtCall       *call);
void vt_call_cb    (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VtCall, vt_call_clear)

G_END_DECLS
