/* vitrine-test-player.h: a PipeWire playback stream in the test process, for tests that
 * must know when each sample is heard: it plays mono samples (as stereo) into a sink of
 * the private graph and keeps, for each buffer, the monotonic time at which its first
 * sample reaches the sink (pw_stream_get_time_n(): the report's time, the delay to the
 * device, and what is queued and buffered before it). The samples follow the graph's
 * clock: after a cycle the test process missed (the sink played silence), the pattern goes
 * on from where the graph is, as music from a player with its own clock would, so it is
 * never stretched; the record says when each sample really played either way.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _VtPlayer VtPlayer;

VtPlayer *vt_player_new            (const char   *target,
                                    const float  *samples,
                                    gsize         n_samples,
                                    guint         rate);
void      vt_player_free           (VtPlayer     *player);
gboolean  vt_player_sample_time    (VtPlayer     *player,
                                    gsize         sample,
                                    double       *monotonic_s);
guint     vt_player_discontinuities (VtPlayer    *player);
gsize     vt_player_skipped        (VtPlayer     *player);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VtPlayer, vt_player_free)

G_END_DECLS
