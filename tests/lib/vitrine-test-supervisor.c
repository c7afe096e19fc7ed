/* vitrine-test-supervisor.c: one supervisor request as the process tests see it (see
 * the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-supervisor.h"
#include "vitrine-test-supervisor.h"

void
vt_call_clear (VtCall *call)
{
  g_clear_pointer (&call->reply, g_variant_unref);
  g_clear_object (&call->fds);
  g_clear_error (&call->error);
  call->done = FALSE;
}

void
vt_call_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  VtCall *call = user_data;

  call->reply = vitrine_supervisor_request_finish (VITRINE_SUPERVISOR (object), result,
                                                   &call->fds, &call->error);
  call->done = TRUE;
}
