/* vitrine-audio-capture.h: what the computer plays, from PipeWire (docs/ARCHITECTURE.md §6): a
 * passive capture stream of the default sink's monitor (never a microphone), 48 kHz float,
 * delivered block by block on PipeWire's own thread.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VITRINE_CAPTURE_OFF,           /* not started */
  VITRINE_CAPTURE_NO_CAPTURE,    /* no PipeWire, or the stream failed */
  VITRINE_CAPTURE_WAITING,       /* connected, no sink to capture or nothing flowing yet */
  VITRINE_CAPTURE_CAPTURING,
} VitrineCaptureState;

typedef struct _VitrineAudioCapture VitrineAudioCapture;

/* When a block was heard, from the graph's own clock (pw_stream_get_time_n()). */
typedef struct
{
  gint64 position;   /* the graph clock's frame of the block's first sample, at the block's
                      * rate: consecutive blocks follow on, a lost one leaves a gap; -1 unknown */
  double heard_s;    /* monotonic seconds at which its first sample is heard: the graph
                      * cycle's time less the capture delay PipeWire reports; 0 unknown */
  double arrived_s;  /* monotonic seconds when it reached this process */
} VitrineCaptureTime;

/* Called on the capture thread with @n_frames interleaved frames of @channels floats. */
typedef void (*VitrineAudioBlockFunc) (const float              *samples,
                                       guint                     n_frames,
                                       guint                     channels,
                                       guint                     rate,
                                       const VitrineCaptureTime *time,
                                       gpointer                  user_data);

VitrineAudioCapture *vitrine_audio_capture_new       (VitrineAudioBlockFunc  func,
                                                      gpointer               user_data);
gboolean             vitrine_audio_capture_start     (VitrineAudioCapture   *self,
                                                      GError               **error);
void                 vitrine_audio_capture_stop      (VitrineAudioCapture   *self);
void                 vitrine_audio_capture_free      (VitrineAudioCapture   *self);
VitrineCaptureState  vitrine_audio_capture_get_state (VitrineAudioCapture   *self,
                                                      char                 **error);
const char          *vitrine_capture_state_to_string (VitrineCaptureState   state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitrineAudioCapture, vitrine_audio_capture_free)

G_END_DECLS
