/* vitrine-audio-capture.c: the PipeWire capture stream (see the header).
 *
 * The stream asks for the sink's monitor (stream.capture.sink) and is passive (it never
 * keeps a sink running by itself). It has no target, so the session manager links it to
 * the default sink and moves it when the default changes. Without RT_PROCESS, buffers are
 * handled on the thread loop's own thread, not PipeWire's real-time one; the stream asks
 * for CAPTURE_BUFFERS buffers so that a late thread finds every cycle's block still
 * queued. Each block gets its place on the graph's clock and the monotonic time it is
 * heard from the stream's time report, not from when this thread got to it.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <gio/gio.h>

/* SPA's inline headers do not build with our warning set. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wswitch-default"
#pragma GCC diagnostic ignored "-Wswitch-enum"
#pragma GCC diagnostic ignored "-Wcast-align"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wdeclaration-after-statement"
#pragma GCC diagnostic ignored "-Wpedantic"
#include <pipewire/pipewire.h>
#include <spa/param/audio/format-utils.h>
#pragma GCC diagnostic pop

#include "vitrine-audio-capture.h"

#define CAPTURE_RATE     48000
#define CAPTURE_CHANNELS 2
/* Buffers the stream may hold while this thread is late: each is a graph cycle (21 ms at
 * 1024 frames), so about a third of a second of lateness loses nothing. */
#define CAPTURE_BUFFERS  16

struct _VitrineAudioCapture
{
  VitrineAudioBlockFunc  func;
  gpointer               user_data;

  struct pw_thread_loop *loop;
  struct pw_stream      *stream;
  struct spa_hook        stream_listener;
  guint                  channels;
  guint                  rate;

  GMutex                 lock;
  VitrineCaptureState    state;
  char                  *error;
};

const char *
vitrine_capture_state_to_string (VitrineCaptureState state)
{
  static const char *const names[] = { "off", "no-capture", "waiting", "capturing" };

  return state < G_N_ELEMENTS (names) ? names[state] : "unknown";
}

static void
set_state (VitrineAudioCapture *self,
           VitrineCaptureState  state,
           const char          *error)
{
  g_mutex_lock (&self->lock);
  self->state = state;
  g_free (self->error);
  self->error = g_strdup (error);
  g_mutex_unlock (&self->lock);
}

static void
on_state_changed (void                 *data,
                  enum pw_stream_state  old,
                  enum pw_stream_state  state,
                  const char           *error)
{
  VitrineAudioCapture *self = data;

  switch (state)
    {
    case PW_STREAM_STATE_STREAMING:
      set_state (self, VITRINE_CAPTURE_CAPTURING, NULL);
      break;
    case PW_STREAM_STATE_ERROR:
      set_state (self, VITRINE_CAPTURE_NO_CAPTURE, error != NULL ? error : "stream error");
      break;
    case PW_STREAM_STATE_UNCONNECTED:
      set_state (self, VITRINE_CAPTURE_NO_CAPTURE, "disconnected from PipeWire");
      break;
    case PW_STREAM_STATE_CONNECTING:
    case PW_STREAM_STATE_PAUSED:
    default:
      set_state (self, VITRINE_CAPTURE_WAITING, NULL);
      break;
    }
}

static void
on_param_changed (void                 *data,
                  uint32_t              id,
                  const struct spa_pod *param)
{
  VitrineAudioCapture *self = data;
  struct spa_audio_info_raw info = { 0 };

  if (param == NULL || id != SPA_PARAM_Format)
    return;
  if (spa_format_audio_raw_parse (param, &info) < 0 || info.channels == 0)
    return;
  self->channels = info.channels;
  self->rate = info.rate;
  {
    guint8 pod_buffer[256];
    struct spa_pod_builder builder = SPA_POD_BUILDER_INIT (pod_buffer, sizeof pod_buffer);
    const struct spa_pod *params[1];

    params[0] = spa_pod_builder_add_object (&builder, SPA_TYPE_OBJECT_ParamBuffers, SPA_PARAM_Buffers,
                                            SPA_PARAM_BUFFERS_buffers,
                                            SPA_POD_CHOICE_RANGE_Int (CAPTURE_BUFFERS, 2, 64));
    pw_stream_update_params (self->stream, params, 1);
  }
}

static guint
buffer_frames (VitrineAudioCapture *self,
               struct pw_buffer    *buffer)
{
  struct spa_data *d = &buffer->buffer->datas[0];
  guint32 offset, size;

  if (d->data == NULL || d->chunk == NULL || self->channels == 0)
    return 0;
  offset = MIN (d->chunk->offset, d->maxsize);
  size = MIN (d->chunk->size, d->maxsize - offset);
  return size / (sizeof (float) * self->channels);
}

/*
 * Every block the stream holds, oldest first. The time report is of the newest graph
 * cycle, whose block is the last one dequeued: its first sample is at the report's ticks,
 * heard at the report's time less the delay the stream reports from the device (0 for a
 * null sink's monitor; see pw_time); the older blocks come before it, one after another.
 * With more blocks waiting than it takes, the report is of a later cycle than the last
 * one taken: those blocks get no graph time (the cache falls back to their arrival).
 */
static void
on_process (void *data)
{
  VitrineAudioCapture *self = data;
  struct pw_buffer *buffers[CAPTURE_BUFFERS];
  struct pw_time time;
  guint n = 0;
  double arrived = g_get_monotonic_time () / (double) G_USEC_PER_SEC;
  gint64 position = -1, newest = -1;
  double heard = 0;

  do
    {
      struct pw_buffer *buffer;

      while (n < CAPTURE_BUFFERS && (buffer = pw_stream_dequeue_buffer (self->stream)) != NULL)
        buffers[n++] = buffer;
      memset (&time, 0, sizeof time);
      if (pw_stream_get_time_n (self->stream, &time, sizeof time) < 0)
        memset (&time, 0, sizeof time);
    }
  while (n < CAPTURE_BUFFERS && time.avail_buffers > 0);
  if (n == 0)
    return;

  if (time.now > 0 && time.rate.num > 0 && time.rate.denom > 0 && self->rate > 0 && time.avail_buffers == 0)
    {
      double seconds = (double) time.rate.num / time.rate.denom;

      newest = position = (gint64) llround ((double) time.ticks * seconds * self->rate);
      heard = time.now / 1e9 - (double) time.delay * seconds;
      for (guint i = 0; i + 1 < n; i++)
        position -= buffer_frames (self, buffers[i]);
    }
  for (guint i = 0; i < n; i++)
    {
      struct spa_data *d = &buffers[i]->buffer->datas[0];
      guint frames = buffer_frames (self, buffers[i]);
      VitrineCaptureTime block = {
        .position = position, .heard_s = 0, .arrived_s = arrived,
      };

      if (position >= 0)
        block.heard_s = heard + (double) (position - newest) / self->rate;
      if (frames > 0)
        self->func ((const float *) (const void *) ((const guint8 *) d->data + MIN (d->chunk->offset, d->maxsize)),
                    frames, self->channels, self->rate, &block, self->user_data);
      if (position >= 0)
        position += frames;
    }
  for (guint i = 0; i < n; i++)
    pw_stream_queue_buffer (self->stream, buffers[i]);
}

static const struct pw_stream_events stream_events = {
  PW_VERSION_STREAM_EVENTS,
  .state_changed = on_state_changed,
  .param_changed = on_param_changed,
  .process = on_process,
};

static void
teardown (VitrineAudioCapture *self)
{
  if (self->loop != NULL)
    pw_thread_loop_stop (self->loop);
  if (self->stream != NULL)
    {
      pw_stream_destroy (self->stream);
      self->stream = NULL;
    }
  if (self->loop != NULL)
    {
      pw_thread_loop_destroy (self->loop);
      self->loop = NULL;
    }
}

VitrineAudioCapture *
vitrine_audio_capture_new (VitrineAudioBlockFunc func,
                           gpointer              user_data)
{
  VitrineAudioCapture *self = g_new0 (VitrineAudioCapture, 1);
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      pw_init (NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }
  self->func = func;
  self->user_data = user_data;
  g_mutex_init (&self->lock);
  return self;
}

/*
 * Connects to PipeWire and starts capturing. FALSE (state "no-capture") when there is no
 * PipeWire to talk to; a missing sink is not an error, the stream waits for one.
 */
gboolean
vitrine_audio_capture_start (VitrineAudioCapture  *self,
                             GError              **error)
{
  struct pw_properties *props;
  guint8 pod_buffer[1024];
  struct spa_pod_builder builder = SPA_POD_BUILDER_INIT (pod_buffer, sizeof pod_buffer);
  const struct spa_pod *params[1];
  struct spa_audio_info_raw info = {
    .format = SPA_AUDIO_FORMAT_F32,
    .rate = CAPTURE_RATE,
    .channels = CAPTURE_CHANNELS,
  };
  int res;

  teardown (self);

  self->loop = pw_thread_loop_new ("vitrine-capture", NULL);
  if (self->loop == NULL)
    {
      set_state (self, VITRINE_CAPTURE_NO_CAPTURE, "cannot create a PipeWire loop");
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot create a PipeWire loop");
      return FALSE;
    }

  props = pw_properties_new (PW_KEY_MEDIA_TYPE, "Audio",
                             PW_KEY_MEDIA_CATEGORY, "Capture",
                             PW_KEY_MEDIA_ROLE, "Music",
                             PW_KEY_STREAM_CAPTURE_SINK, "true",
                             PW_KEY_NODE_PASSIVE, "true",
                             PW_KEY_NODE_NAME, "vitrine-visualizer",
                             /* About 47 blocks a second: bars as fresh as the display. */
                             PW_KEY_NODE_LATENCY, "1024/48000",
                             PW_KEY_APP_NAME, "Vitrine",
                             NULL);
  self->stream = pw_stream_new_simple (pw_thread_loop_get_loop (self->loop), "Vitrine visualizer",
                                       props, &stream_events, self);
  if (self->stream == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("no PipeWire: %s", g_strerror (errno));

      teardown (self);
      set_state (self, VITRINE_CAPTURE_NO_CAPTURE, reason);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, reason);
      return FALSE;
    }

  params[0] = spa_format_audio_raw_build (&builder, SPA_PARAM_EnumFormat, &info);
  self->channels = CAPTURE_CHANNELS;
  self->rate = CAPTURE_RATE;
  set_state (self, VITRINE_CAPTURE_WAITING, NULL);
  res = pw_stream_connect (self->stream, PW_DIRECTION_INPUT, PW_ID_ANY,
                           PW_STREAM_FLAG_AUTOCONNECT | PW_STREAM_FLAG_MAP_BUFFERS,
                           params, 1);
  if (res < 0)
    {
      g_autofree char *reason = g_strdup_printf ("cannot connect the capture stream: %s",
                                                 g_strerror (-res));

      teardown (self);
      set_state (self, VITRINE_CAPTURE_NO_CAPTURE, reason);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, reason);
      return FALSE;
    }

  if (pw_thread_loop_start (self->loop) < 0)
    {
      teardown (self);
      set_state (self, VITRINE_CAPTURE_NO_CAPTURE, "cannot start the PipeWire thread");
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot start the PipeWire thread");
      return FALSE;
    }
  return TRUE;
}

void
vitrine_audio_capture_stop (VitrineAudioCapture *self)
{
  teardown (self);
  set_state (self, VITRINE_CAPTURE_OFF, NULL);
}

void
vitrine_audio_capture_free (VitrineAudioCapture *self)
{
  if (self == NULL)
    return;
  vitrine_audio_capture_stop (self);
  g_mutex_clear (&self->lock);
  g_free (self->error);
  g_free (self);
}

/* The state, and in @error (free it) why there is no capture. Any thread. */
VitrineCaptureState
vitrine_audio_capture_get_state (VitrineAudioCapture  *self,
                                 char                **error)
{
  VitrineCaptureState state;

  g_mutex_lock (&self->lock);
  state = self->state;
  if (error != NULL)
    *error = g_strdup (self->error);
  g_mutex_unlock (&self->lock);
  return state;
}
