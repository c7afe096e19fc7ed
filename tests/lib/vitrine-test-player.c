/* vitrine-test-player.c: a playback stream with known timing (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

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

#include "vitrine-test-player.h"

typedef struct
{
  gsize  sample;        /* the buffer's first sample */
  double monotonic_s;   /* when it reaches the sink */
} Mark;

struct _VtPlayer
{
  struct pw_thread_loop *loop;
  struct pw_stream      *stream;
  struct spa_hook        listener;
  const float           *samples;
  gsize                  n_samples;
  guint                  rate;

  GMutex                 lock;
  gsize                  written;
  GArray                *marks;  /* of Mark */
  guint                  discontinuities;
  gboolean               started;
  gint64                 first_ticks;
  gsize                  skipped;
};

static void
on_process (void *data)
{
  VtPlayer *self = data;
  struct pw_buffer *buffer = pw_stream_dequeue_buffer (self->stream);
  struct spa_data *d;
  struct pw_time time = { 0 };
  guint n, stride = 2 * sizeof (float);
  float *out;
  Mark mark;

  if (buffer == NULL)
    return;
  d = &buffer->buffer->datas[0];
  out = d->data;
  if (out == NULL)
    return;
  n = d->maxsize / stride;
  if (buffer->requested > 0)
    n = MIN (n, (guint) buffer->requested);
  pw_stream_get_time_n (self->stream, &time, sizeof time);

  g_mutex_lock (&self->lock);
  /* The pattern runs on the graph's clock, as a source with its own clock would: after a
   * cycle this process missed (the sink played silence), it goes on from where the graph
   * is, not from where it stopped. */
  if (time.now != 0 && time.rate.denom > 0)
    {
      gint64 ticks = (gint64) llround ((double) time.ticks * time.rate.num / time.rate.denom * self->rate);

      if (!self->started)
        {
          self->first_ticks = ticks;
          self->started = TRUE;
        }
      if (ticks - self->first_ticks > (gint64) self->written)
        {
          self->skipped += (gsize) (ticks - self->first_ticks) - self->written;
          self->written = (gsize) (ticks - self->first_ticks);
        }
    }
  for (guint i = 0; i < n; i++)
    {
      gsize at = self->written + i;
      float v = at < self->n_samples ? self->samples[at] : 0.0f;

      out[2 * i] = out[2 * i + 1] = v;
    }
  /* The report's time, the delay to the device (in the graph's rate), what is queued in
   * the stream (in frames: the size of each buffer) and in its resampler, and the cycle
   * this buffer waits: a playback stream's buffer filled in one graph cycle is consumed
   * by the sink in the next (PipeWire 0.3.65; its report's delay leaves that cycle out,
   * and the sink's monitor shows the buffer's first sample one cycle, n frames, after
   * the report). */
  mark.sample = self->written;
  mark.monotonic_s = time.now / 1e9 +
                     (time.rate.denom > 0 ? (double) time.delay * time.rate.num / time.rate.denom : 0) +
                     (double) (time.queued + time.buffered + n) / self->rate;
  if (time.now == 0)
    self->discontinuities++;
  else
    g_array_append_val (self->marks, mark);
  self->written += n;
  g_mutex_unlock (&self->lock);

  d->chunk->offset = 0;
  d->chunk->stride = (int32_t) stride;
  d->chunk->size = n * stride;
  buffer->size = n;
  pw_stream_queue_buffer (self->stream, buffer);
}

static const struct pw_stream_events stream_events = {
  PW_VERSION_STREAM_EVENTS,
  .process = on_process,
};

/* Plays @samples (mono, at @rate) into the node named @target, then silence. */
VtPlayer *
vt_player_new (const char  *target,
               const float *samples,
               gsize        n_samples,
               guint        rate)
{
  VtPlayer *self = g_new0 (VtPlayer, 1);
  guint8 pod_buffer[1024];
  struct spa_pod_builder builder = SPA_POD_BUILDER_INIT (pod_buffer, sizeof pod_buffer);
  const struct spa_pod *params[1];
  struct spa_audio_info_raw info = { .format = SPA_AUDIO_FORMAT_F32, .rate = rate, .channels = 2 };
  struct pw_properties *props;

  pw_init (NULL, NULL);
  self->samples = samples;
  self->n_samples = n_samples;
  self->rate = rate;
  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  g_mutex_init (&self->lock);
  self->loop = pw_thread_loop_new ("vt-player", NULL);
  g_assert_nonnull (self->loop);
  props = pw_properties_new (PW_KEY_MEDIA_TYPE, "Audio", PW_KEY_MEDIA_CATEGORY, "Playback",
                             PW_KEY_MEDIA_ROLE, "Music", PW_KEY_TARGET_OBJECT, target,
                             PW_KEY_NODE_LATENCY, "1024/48000", PW_KEY_APP_NAME, "vitrine-test", NULL);
  self->stream = pw_stream_new_simple (pw_thread_loop_get_loop (self->loop), "vitrine-test-player", props,
                                       &stream_events, self);
  g_assert_nonnull (self->stream);
  info.position[0] = SPA_AUDIO_CHANNEL_FL;
  info.position[1] = SPA_AUDIO_CHANNEL_FR;
  params[0] = spa_format_audio_raw_build (&builder, SPA_PARAM_EnumFormat, &info);
  g_assert_cmpint (pw_stream_connect (self->stream, PW_DIRECTION_OUTPUT, PW_ID_ANY,
                                      PW_STREAM_FLAG_AUTOCONNECT | PW_STREAM_FLAG_MAP_BUFFERS |
                                      PW_STREAM_FLAG_RT_PROCESS, params, 1), >=, 0);
  g_assert_cmpint (pw_thread_loop_start (self->loop), >=, 0);
  return self;
}

void
vt_player_free (VtPlayer *self)
{
  if (self == NULL)
    return;
  pw_thread_loop_stop (self->loop);
  pw_stream_destroy (self->stream);
  pw_thread_loop_destroy (self->loop);
  g_array_unref (self->marks);
  g_mutex_clear (&self->lock);
  g_free (self);
}

/* When @sample reached the sink (monotonic seconds); FALSE before it was written. */
gboolean
vt_player_sample_time (VtPlayer *self,
                       gsize     sample,
                       double   *monotonic_s)
{
  gboolean found = FALSE;

  g_mutex_lock (&self->lock);
  for (guint i = self->marks->len; i-- > 0 && !found;)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      if (mark->sample <= sample && sample < self->written)
        {
          *monotonic_s = mark->monotonic_s + (double) (sample - mark->sample) / self->rate;
          found = TRUE;
        }
    }
  g_mutex_unlock (&self->lock);
  return found;
}

/* Buffers written without a time report. */
guint
vt_player_discontinuities (VtPlayer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->discontinuities;
  g_mutex_unlock (&self->lock);
  return n;
}

/* Samples of the pattern skipped over after cycles this process missed. */
gsize
vt_player_skipped (VtPlayer *self)
{
  gsize n;

  g_mutex_lock (&self->lock);
  n = self->skipped;
  g_mutex_unlock (&self->lock);
  return n;
}
