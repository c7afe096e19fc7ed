/* vitrine-audio-worker.c: the audio role. It captures what the computer plays through
 * PipeWire, computes the visualizer's bars (docs/spectrum-bars.md) for every
 * captured block on the latest analysis frame of samples, and publishes raw, smoothed and
 * ghost-peak bars into the audio ring, a memfd the display maps read-only. Request kind
 * "audio" switches capture on or off and sets the analysis; its reply carries the ring.
 * The track summaries' kinds ("summary-list", "summary-regenerate", "summary-status",
 * "summary-forget")
 * are in vitrine-audio-summaries.c.
 * Without PipeWire it reports "no-capture" and tries again every 5 s.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "vitrine-audio-cache.h"
#include "vitrine-audio-capture.h"
#include "vitrine-audio-ring.h"
#include "vitrine-audio-summaries.h"
#include "vitrine-audio-worker.h"
#include "vitrine-memfd.h"
#include "vitrine-spectrum.h"
#include "vitrine-wav.h"

#define RETRY_S 5

struct _VitrineAudioWorker
{
  VitrineWorker        parent_instance;

  /* Shared between request threads, the capture thread and the retry timer. */
  GMutex               lock;
  VitrineAudioCapture *capture;
  gboolean             active;
  guint                retry_id;
  VitrineMemfdWriter  *ring_memfd;
  VitrineAudioRing    *ring;
  VitrineAudioCache   *cache;         /* the hop features consumers asked for */
  gboolean             bars_wanted;
  VitrineAudioSummaries *summaries;   /* the track summaries as a cache */

  /* The analysis, reset as a whole with each new generation. */
  VitrineSpectrumSettings settings;
  VitrineSpectrum      spectrum;
  gboolean             spectrum_ready;
  guint                frame_size;
  double               ghost_decay;
  guint64              generation;
  guint64              frames;
  float               *history;       /* the latest frame_size frames, interleaved */
  guint                history_channels;
  guint                history_filled;
  float                peaks[VITRINE_AUDIO_MAX_BARS];
  double               last_t;
  double               last_sound;
};

G_DEFINE_FINAL_TYPE (VitrineAudioWorker, vitrine_audio_worker, VITRINE_TYPE_WORKER)

static void
append_bars (GString     *out,
             const float *bars,
             guint        n)
{
  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "\t%.6f", bars[i]);
}

/*
 * The offline mode of docs/spectrum-bars.md §5: frames of @frame samples starting
 * every @hop samples that fit in the file, each a line of its timestamp, raw bars and
 * smoothed bars. The bars come from the same functions as live capture; only the source
 * differs.
 */
gboolean
vitrine_audio_worker_analyze_file (const char  *path,
                                   guint        bars,
                                   guint        hop,
                                   guint        frame,
                                   GString     *out,
                                   GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autofree float *block = NULL;
  VitrineSpectrumSettings settings;
  VitrineSpectrum spectrum;
  float raw[VITRINE_SPECTRUM_MAX_BARS], smoothed[VITRINE_SPECTRUM_MAX_BARS];
  VitrineWav wav;

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return FALSE;
  if (!vitrine_wav_parse ((const guint8 *) g_mapped_file_get_contents (file),
                          g_mapped_file_get_length (file), &wav, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }

  vitrine_spectrum_settings_init (&settings);
  settings.bands = bars;
  vitrine_spectrum_init (&spectrum, &settings);
  block = g_new (float, (gsize) frame * wav.channels);

  for (gsize start = 0; start + frame <= wav.n_frames; start += hop)
    {
      double t = (double) (start + frame) / wav.sample_rate;

      vitrine_wav_read_float (&wav, start, frame, block);
      vitrine_spectrum_compute (&spectrum, block, frame, wav.channels, t, raw);
      vitrine_spectrum_smooth (&spectrum, raw, t, smoothed);

      g_string_append_printf (out, "%.6f", t);
      append_bars (out, raw, bars);
      append_bars (out, smoothed, bars);
      g_string_append_c (out, '\n');
    }

  vitrine_spectrum_clear (&spectrum);
  return TRUE;
}

/* Capture thread: one block in, one published frame out. Called with nothing locked. */
static void
block_cb (const float              *samples,
          guint                     n_frames,
          guint                     channels,
          guint                     rate,
          const VitrineCaptureTime *time,
          gpointer                  user_data)
{
  VitrineAudioWorker *self = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  VitrineAudioFrame frame = { 0 };
  guint keep, bands;
  double t = g_get_monotonic_time () / (double) G_USEC_PER_SEC;

  if (!self->active || !self->spectrum_ready || self->ring == NULL)
    return;
  vitrine_audio_cache_block (self->cache, samples, n_frames, channels, rate, time);
  if (!self->bars_wanted)
    return;

  /* A ring of recent samples: the latest frame_size frames, oldest first. */
  if (self->history_channels != channels)
    {
      g_free (self->history);
      self->history = g_new0 (float, (gsize) self->frame_size * channels);
      self->history_channels = channels;
      self->history_filled = 0;
    }
  if (n_frames >= self->frame_size)
    {
      memcpy (self->history, samples + (gsize) (n_frames - self->frame_size) * channels,
              sizeof (float) * self->frame_size * channels);
      self->history_filled = self->frame_size;
    }
  else
    {
      keep = MIN (self->history_filled, self->frame_size - n_frames);
      memmove (self->history, self->history + (gsize) (self->history_filled - keep) * channels,
               sizeof (float) * keep * channels);
      memcpy (self->history + (gsize) keep * channels, samples, sizeof (float) * n_frames * channels);
      self->history_filled = keep + n_frames;
    }

  bands = self->settings.bands;
  frame.silent = !vitrine_spectrum_compute (&self->spectrum, self->history, self->history_filled,
                                            channels, t, frame.raw);
  vitrine_spectrum_smooth (&self->spectrum, frame.raw, t, frame.smoothed);
  vitrine_spectrum_ghost (self->peaks, frame.smoothed, bands,
                          self->last_t > 0 ? t - self->last_t : 0, self->ghost_decay);
  memcpy (frame.peaks, self->peaks, sizeof (float) * bands);
  self->last_t = t;
  if (!frame.silent)
    self->last_sound = t;
  frame.last_sound = self->last_sound;

  frame.generation = self->generation;
  frame.frame = ++self->frames;
  frame.timestamp = t;
  frame.bar_count = bands;
  vitrine_audio_ring_publish (self->ring, &frame);
}

/* Main loop: capture again while it is wanted and there is none. */
static gboolean
retry_cb (gpointer user_data)
{
  VitrineAudioWorker *self = user_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  if (!self->active)
    {
      self->retry_id = 0;
      return G_SOURCE_REMOVE;
    }
  if (vitrine_audio_capture_get_state (self->capture, NULL) == VITRINE_CAPTURE_NO_CAPTURE)
    {
      g_autoptr(GError) error = NULL;

      /* The lock is not needed by start(), and block_cb cannot run before it returns. */
      g_clear_pointer (&locker, g_mutex_locker_free);
      if (!vitrine_audio_capture_start (self->capture, &error))
        g_debug ("audio: still no capture: %s", error->message);
    }
  return G_SOURCE_CONTINUE;
}

/* Called with the lock held: a fresh analysis under a new generation. */
static void
configure (VitrineAudioWorker *self,
           GVariant           *request)
{
  VitrineSpectrumSettings settings;
  guint32 bars = 15, frame = 2048;
  guint64 generation = self->generation + 1;

  vitrine_spectrum_settings_init (&settings);
  g_variant_lookup (request, "bars", "u", &bars);
  g_variant_lookup (request, "frame", "u", &frame);
  g_variant_lookup (request, "recommended", "b", &settings.recommended);
  g_variant_lookup (request, "sensitivity", "d", &settings.sensitivity);
  g_variant_lookup (request, "dynamic-floor", "b", &settings.dynamic_floor);
  g_variant_lookup (request, "manual-floor", "d", &settings.manual_floor);
  g_variant_lookup (request, "energy-boost", "d", &settings.energy_boost);
  g_variant_lookup (request, "tau", "d", &settings.tau);
  g_variant_lookup (request, "generation", "t", &generation);
  self->ghost_decay = 0.4;
  g_variant_lookup (request, "ghost-decay", "d", &self->ghost_decay);

  settings.bands = CLAMP (bars, 1, VITRINE_AUDIO_MAX_BARS);
  settings.sensitivity = CLAMP (settings.sensitivity, 0.25, 2.5);
  settings.manual_floor = CLAMP (settings.manual_floor, 0.12, 4.0);
  settings.energy_boost = CLAMP (settings.energy_boost, 0.5, 1.8);
  settings.tau = MAX (settings.tau, 0.05);
  frame = frame == 256 || frame == 512 || frame == 1024 ? frame : 2048;

  if (self->spectrum_ready)
    vitrine_spectrum_clear (&self->spectrum);
  self->settings = settings;
  vitrine_spectrum_init (&self->spectrum, &self->settings);
  self->spectrum_ready = TRUE;
  self->frame_size = frame;
  g_clear_pointer (&self->history, g_free);
  self->history_channels = 0;
  self->history_filled = 0;
  memset (self->peaks, 0, sizeof self->peaks);
  self->last_t = 0;
  self->last_sound = 0;
  self->generation = generation;
}

static gboolean
ensure_ring (VitrineAudioWorker  *self,
             GError             **error)
{
  if (self->ring != NULL)
    return TRUE;

  /* Sealed against resizing only: this process keeps writing into it. */
  self->ring_memfd = vitrine_memfd_writer_new ("vitrine-audio-ring", sizeof (VitrineAudioRing), error);
  if (self->ring_memfd == NULL ||
      !vitrine_memfd_writer_seal (self->ring_memfd, F_SEAL_SHRINK | F_SEAL_GROW, error))
    {
      g_clear_pointer (&self->ring_memfd, vitrine_memfd_writer_free);
      return FALSE;
    }
  self->ring = (VitrineAudioRing *) (void *) vitrine_memfd_writer_data (self->ring_memfd);
  vitrine_audio_ring_init (self->ring);
  return TRUE;
}

/*
 * The consumers' side of "audio" (docs/ARCHITECTURE.md §6): descriptors (as: ids such as
 * "rms", "onset", "beat", "spectrum.bars15"; without the key, the bars alone, as before),
 * history (u: seconds), track (s: the player's track id or URL), url (s: its xesam:url,
 * for the track's summary) and bpm (d: its xesam:audioBPM, 0 for none). Called with the lock held.
 */
static gboolean
configure_features (VitrineAudioWorker  *self,
                    GVariant            *request,
                    GError             **error)
{
  g_autofree const char **descriptors = NULL;
  g_autofree char *list = NULL;
  const char *track = NULL, *url = NULL;
  guint32 history = 300;
  double bpm = 0;
  VitrineFeatureMask mask = 0;
  guint bars = 0;

  if (g_variant_lookup (request, "track", "&s", &track))
    {
      g_variant_lookup (request, "bpm", "d", &bpm);
      vitrine_audio_cache_set_track (self->cache, track, bpm);
      if (g_variant_lookup (request, "url", "&s", &url))
        vitrine_audio_cache_set_track_url (self->cache, url);
    }
  if (!g_variant_lookup (request, "descriptors", "^a&s", &descriptors))
    return TRUE;
  g_variant_lookup (request, "history", "u", &history);
  list = g_strjoinv (",", (char **) descriptors);
  if (*list != '\0' && !vitrine_feature_mask_parse (list, &mask, &bars, error))
    return FALSE;
  self->bars_wanted = (mask & VITRINE_FEATURE_BIT (VITRINE_FEATURE_BARS)) != 0;
  /* The bars' history is analysed as the card's bars are. */
  vitrine_audio_cache_set_bar_settings (self->cache, &self->settings);
  return vitrine_audio_cache_configure (self->cache, mask, bars, history, error);
}

/*
 * "audio": {active: b, and the analysis settings (bars, frame, recommended, sensitivity,
 * dynamic-floor, manual-floor, energy-boost, tau, ghost-decay, generation), and the
 * features (descriptors, history, track, bpm)} → {ring: fd index, features: fd index (-1
 * without), state, error, frames, feature-frames, generation}. Inactive stops capturing
 * altogether.
 */
static GVariant *
audio_request (VitrineAudioWorker  *self,
               GVariant            *request,
               GUnixFDList         *fds,
               GError             **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->lock);
  g_autofree char *capture_error = NULL;
  gboolean active = FALSE, start = FALSE;
  guint32 bars;
  VitrineCaptureState state;
  int index, features = -1;

  if (!ensure_ring (self, error))
    return NULL;

  g_variant_lookup (request, "active", "b", &active);
  if (g_variant_lookup (request, "bars", "u", &bars) || !self->spectrum_ready)
    configure (self, request);
  if (!configure_features (self, request, error))
    return NULL;

  start = active && !self->active;
  self->active = active;
  if (!active)
    {
      /* Listening stops: what was heard of the track is worth keeping. */
      vitrine_audio_cache_flush (self->cache);
      g_clear_pointer (&locker, g_mutex_locker_free);
      vitrine_audio_capture_stop (self->capture);
      locker = g_mutex_locker_new (&self->lock);
      g_clear_handle_id (&self->retry_id, g_source_remove);
    }
  else if (start)
    {
      g_autoptr(GError) start_error = NULL;

      g_clear_pointer (&locker, g_mutex_locker_free);
      if (!vitrine_audio_capture_start (self->capture, &start_error))
        g_debug ("audio: no capture: %s", start_error->message);
      locker = g_mutex_locker_new (&self->lock);
      if (self->retry_id == 0)
        self->retry_id = g_timeout_add_seconds (RETRY_S, retry_cb, self);
    }

  state = vitrine_audio_capture_get_state (self->capture, &capture_error);
  index = g_unix_fd_list_append (fds, vitrine_memfd_writer_get_fd (self->ring_memfd), error);
  if (index < 0)
    return NULL;
  if (vitrine_audio_cache_get_fd (self->cache) >= 0)
    {
      features = g_unix_fd_list_append (fds, vitrine_audio_cache_get_fd (self->cache), error);
      if (features < 0)
        return NULL;
    }

  return g_variant_new_parsed ("{'ring': <%i>, 'features': <%i>, 'state': <%s>, 'error': <%s>, "
                               "'frames': <%t>, 'feature-frames': <%t>, 'generation': <%t>, "
                               "'summary': <%s>}",
                               index, features, vitrine_capture_state_to_string (state),
                               capture_error != NULL ? capture_error : "",
                               self->frames, vitrine_audio_cache_get_frames (self->cache),
                               self->generation, vitrine_audio_cache_get_summary_result (self->cache));
}

/* The folders the sandbox lets it read (the user's music): summary-regenerate reads
 * tracks there and nowhere else. */
void
vitrine_audio_worker_set_readable (VitrineAudioWorker *self,
                                   const char * const *folders)
{
  g_return_if_fail (VITRINE_IS_AUDIO_WORKER (self));

  vitrine_audio_summaries_set_readable (self->summaries, folders);
}

static GVariant *
vitrine_audio_worker_process (VitrineWorker  *worker,
                              const char     *kind,
                              GVariant       *request,
                              GUnixFDList    *fds,
                              GCancellable   *cancellable,
                              GError        **error)
{
  VitrineAudioWorker *self = VITRINE_AUDIO_WORKER (worker);

  if (g_str_equal (kind, "audio"))
    return audio_request (self, request, fds, error);
  if (g_str_equal (kind, "summary-list"))
    return vitrine_audio_summaries_list (self->summaries, request, error);
  if (g_str_equal (kind, "summary-regenerate"))
    return vitrine_audio_summaries_regenerate (self->summaries, request, error);
  if (g_str_equal (kind, "summary-status"))
    return vitrine_audio_summaries_status (self->summaries, request, error);
  if (g_str_equal (kind, "summary-forget"))
    return vitrine_audio_summaries_forget (self->summaries, request, error);

  return VITRINE_WORKER_CLASS (vitrine_audio_worker_parent_class)->process (worker, kind, request,
                                                                           fds, cancellable, error);
}

static void
vitrine_audio_worker_finalize (GObject *object)
{
  VitrineAudioWorker *self = VITRINE_AUDIO_WORKER (object);

  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_pointer (&self->capture, vitrine_audio_capture_free);
  g_clear_pointer (&self->cache, vitrine_audio_cache_free);
  if (self->spectrum_ready)
    vitrine_spectrum_clear (&self->spectrum);
  g_clear_pointer (&self->ring_memfd, vitrine_memfd_writer_free);
  g_free (self->history);
  g_clear_pointer (&self->summaries, vitrine_audio_summaries_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (vitrine_audio_worker_parent_class)->finalize (object);
}

static void
vitrine_audio_worker_class_init (VitrineAudioWorkerClass *klass)
{
  VitrineWorkerClass *worker_class = VITRINE_WORKER_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = vitrine_audio_worker_finalize;
  worker_class->role = VITRINE_WORKER_ROLE_AUDIO;
  worker_class->process = vitrine_audio_worker_process;
}

static void
vitrine_audio_worker_init (VitrineAudioWorker *self)
{
  g_mutex_init (&self->lock);
  self->capture = vitrine_audio_capture_new (block_cb, self);
  self->cache = vitrine_audio_cache_new ();
  self->summaries = vitrine_audio_summaries_new (g_get_user_cache_dir ());
  self->bars_wanted = TRUE;
}
