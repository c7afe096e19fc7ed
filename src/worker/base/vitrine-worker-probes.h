/* vitrine-worker-probes.h: the probe kinds every role answers: a test pattern of the
 * requested size in a sealed memfd (`pixels`), and the same pattern inline as bytes
 * (`pixels-inline`, the peer of the handoff benchmark).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <gio/gunixfdlist.h>

G_BEGIN_DECLS

GVariant *vitrine_worker_probe_pixels        (GVariant     *request,
                                              GUnixFDList  *fds,
                                              GError      **error);
GVariant *vitrine_worker_probe_inline_pixels (GVariant     *request,
                                              GError      **error);

G_END_DECLS
