/* corpus-gen.c: writes the fuzz targets' seed corpora, corpus/NAME/, from the
 * project's own serializers where there is one (pixel and message headers, the audio
 * ring, WAV), by hand where there is none (image signatures, JPEG markers and EXIF, the
 * poison list's files), and from the feed and weather fixtures of tests/data/feeds,
 * each good input beside a few that are just wrong. Deterministic: run it again and the
 * files come out the same.
 *
 *   _build/tests/fuzz/corpus-gen tests/fuzz/corpus
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "vitrine-audio-ring.h"
#include "vitrine-disk-cache-format.h"
#include "vitrine-feature-ring.h"
#include "vitrine-message.h"
#include "vitrine-pixel-header.h"
#include "vitrine-poison-policy.h"
#include "vitrine-wav.h"

static const char *top;

static void
put (const char    *target,
     const char    *name,
     gconstpointer  data,
     gsize          size)
{
  g_autofree char *dir = g_build_filename (top, target, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0755) < 0 ||
      !g_file_set_contents (path, data, (gssize) size, &error))
    g_error ("cannot write %s: %s", path, error != NULL ? error->message : g_strerror (errno));
}

static void
put_variant (const char *target,
             const char *name,
             GVariant   *variant)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (variant);

  put (target, name, g_variant_get_data (owned), g_variant_get_size (owned));
}

/* --- pixel-header --- */

static GVariant *
pixel_header (guint32     width,
              guint32     height,
              guint32     stride,
              const char *format)
{
  VitrinePixelHeader header = {
    .width = width, .height = height, .stride = stride, .format = (char *) format,
    .producer_pid = 4242, .generation = 3, .timestamp_us = 123456789,
    .cache_key = (char *) "/photos/a.jpg|scaled:1920x1080|p5",
  };

  return vitrine_pixel_header_to_variant (&header);
}

static void
pixel_header_corpus (void)
{
  const char *rgba = VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED;
  GVariantBuilder builder;

  put_variant ("pixel-header", "good", pixel_header (1920, 1080, 1920 * 4, rgba));
  put_variant ("pixel-header", "padded-stride", pixel_header (17, 3, 17 * 4 + 4096, rgba));
  put_variant ("pixel-header", "largest", pixel_header (16384, 16384, 16384 * 4, rgba));
  put_variant ("pixel-header", "one-pixel", pixel_header (1, 1, 4, rgba));
  put_variant ("pixel-header", "zero-width", pixel_header (0, 1080, 0, rgba));
  put_variant ("pixel-header", "stride-overflow", pixel_header (16384, 16384, G_MAXUINT32 - 3, rgba));
  put_variant ("pixel-header", "other-format", pixel_header (64, 64, 256, "bgra8"));

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "width", g_variant_new_int32 (640));
  g_variant_builder_add (&builder, "{sv}", "height", g_variant_new_uint32 (480));
  put_variant ("pixel-header", "wrong-types", g_variant_builder_end (&builder));
  put ("pixel-header", "empty", "", 0);
}

/* --- message --- */

static GVariant *
message_header (guint32     version,
                guint64     seq_no,
                const char *worker_type,
                gint64      ts_res)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "version", g_variant_new_uint32 (version));
  g_variant_builder_add (&builder, "{sv}", "seq_no", g_variant_new_uint64 (seq_no));
  g_variant_builder_add (&builder, "{sv}", "correlation_id",
                         g_variant_new_take_string (g_strdup_printf ("%s-%" G_GUINT64_FORMAT,
                                                                     worker_type, seq_no)));
  g_variant_builder_add (&builder, "{sv}", "ts_req", g_variant_new_int64 (1000000));
  if (ts_res != 0)
    g_variant_builder_add (&builder, "{sv}", "ts_res", g_variant_new_int64 (ts_res));
  g_variant_builder_add (&builder, "{sv}", "worker_type", g_variant_new_string (worker_type));
  g_variant_builder_add (&builder, "{sv}", "payload_size", g_variant_new_uint32 (96));
  g_variant_builder_add (&builder, "{sv}", "generation", g_variant_new_uint64 (2));
  return g_variant_builder_end (&builder);
}

/* (request, reply, fds): what vitrine_message_check_handover() is asked about. */
static GVariant *
exchange (const char *kind,
          guint32     width,
          guint32     height,
          const char *index_key,
          gint32      index,
          guint32     pixels_width,
          guint32     pixels_height,
          guint32     n_fds)
{
  GVariantBuilder request, reply;
  gboolean payload = g_strcmp0 (kind, "payload") == 0;

  g_variant_builder_init (&request, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&request, "{sv}", "kind", g_variant_new_string (kind));
  g_variant_builder_add (&request, "{sv}", "input", g_variant_new_string ("/photos/a.jpg"));
  if (width != 0)
    {
      g_variant_builder_add (&request, "{sv}", payload ? "columns" : "width", g_variant_new_uint32 (width));
      g_variant_builder_add (&request, "{sv}", payload ? "rows" : "height", g_variant_new_uint32 (height));
    }
  g_variant_builder_init (&reply, G_VARIANT_TYPE_VARDICT);
  if (index_key != NULL)
    g_variant_builder_add (&reply, "{sv}", index_key, g_variant_new_int32 (index));
  if (pixels_width != 0)
    g_variant_builder_add (&reply, "{sv}", "pixels",
                           pixel_header (pixels_width, pixels_height, pixels_width * 4,
                                         VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED));
  return g_variant_new ("(a{sv}a{sv}u)", &request, &reply, n_fds);
}

static void
message_corpus (void)
{
  put_variant ("message", "request", message_header (1, 7, "image", 0));
  put_variant ("message", "reply", message_header (1, 7, "image", 2000000));
  put_variant ("message", "reply-transition", message_header (1, G_MAXUINT64, "transition", 1));
  put_variant ("message", "version-2", message_header (2, 7, "audio", 0));
  put_variant ("message", "handover-prescale",
               exchange ("prescale", 640, 480, "fd", 0, 640, 480, 1));
  put_variant ("message", "handover-payload", exchange ("payload", 16, 9, "fd", 0, 16, 9, 1));
  put_variant ("message", "handover-audio", exchange ("audio", 0, 0, "ring", 0, 0, 0, 1));
  put_variant ("message", "handover-echo-with-fd", exchange ("echo", 0, 0, NULL, 0, 0, 0, 1));
  put_variant ("message", "handover-index-past", exchange ("pixels", 8, 8, "fd", 5, 8, 8, 1));
  put_variant ("message", "handover-resized", exchange ("prescale", 640, 480, "fd", 0, 641, 480, 1));
}

/* --- audio-ring --- */

/* The ring as bytes, without its trailing zeros: the target lays its input over zeros. */
static void
put_ring (const char             *name,
          const VitrineAudioRing *ring)
{
  const guint8 *bytes = (const guint8 *) ring;
  gsize size = sizeof *ring;

  while (size > 0 && bytes[size - 1] == 0)
    size--;
  put ("audio-ring", name, bytes, size);
}

static void
audio_frame (VitrineAudioFrame *frame,
             guint64            counter,
             guint32            bars)
{
  *frame = (VitrineAudioFrame) {
    .generation = 1, .frame = counter, .timestamp = 10.0 + counter / 100.0,
    .last_sound = 10.0, .bar_count = bars,
  };
  for (guint i = 0; i < MIN (bars, VITRINE_AUDIO_MAX_BARS); i++)
    {
      frame->raw[i] = (float) i / bars;
      frame->smoothed[i] = (float) i / bars / 2;
      frame->peaks[i] = 1.0f - (float) i / bars;
    }
}

static void
audio_ring_corpus (void)
{
  g_autofree VitrineAudioRing *ring = g_new0 (VitrineAudioRing, 1);
  VitrineAudioFrame frame;

  vitrine_audio_ring_init (ring);
  put_ring ("empty", ring);

  audio_frame (&frame, 1, 8);
  vitrine_audio_ring_publish (ring, &frame);
  put_ring ("one-frame", ring);

  for (guint i = 2; i <= 4; i++)
    {
      audio_frame (&frame, i, 16);
      vitrine_audio_ring_publish (ring, &frame);
    }
  put_ring ("wrapped", ring);

  /* The writer in the middle of the newest slot. */
  ring->slots[ring->latest].sequence++;
  put_ring ("mid-write", ring);

  /* A writer that lies: more bars than there are, values out of range, times not finite. */
  vitrine_audio_ring_init (ring);
  audio_frame (&frame, 9, 4);
  frame.raw[0] = NAN;
  frame.smoothed[1] = INFINITY;
  frame.peaks[2] = -3.0f;
  frame.timestamp = NAN;
  frame.last_sound = INFINITY;
  vitrine_audio_ring_publish (ring, &frame);
  ring->slots[0].frame.bar_count = 1000;
  put_ring ("hostile", ring);

  ring->latest = 7;
  put_ring ("latest-past-slots", ring);
  ring->magic = 0x32524156u;
  put_ring ("other-magic", ring);
}

/* --- feature-ring --- */

static void
feature_ring_corpus (void)
{
  const guint32 capacity = 16, bars_capacity = 8, channels = 5;
  gsize size = vitrine_feature_ring_size_with_bars (capacity, bars_capacity, channels);
  g_autofree VitrineFeatureRing *ring = g_malloc0 (size);
  VitrineFeatureState state = { .mask = 15, .track = 1, .bpm = 120, .confidence = 0.9 };
  VitrineFeatureBarsSlot *slot;

  vitrine_feature_ring_init (ring, capacity, 512.0 / 48000, 48000);
  put ("feature-ring", "empty", ring, vitrine_feature_ring_size (capacity));
  vitrine_feature_ring_init_bars (ring, bars_capacity, channels, 1024.0 / 48000);
  put ("feature-ring", "empty-bars", ring, size);
  g_strlcpy (state.track_id, "/org/mpris/MediaPlayer2/Track/1", sizeof state.track_id);
  vitrine_feature_ring_set_state (ring, &state);
  for (guint64 i = 0; i < 20; i++)
    {
      VitrineFeatureRingFrame frame = {
        .index = i, .time = i * 512.0 / 48000, .values = { 0.1f, 2.0f, i % 4 == 0 ? 1.0f : 0.0f },
        .flags = i % 4 == 0 ? VITRINE_FEATURE_FRAME_BEAT : 0, .track = 1, .beat_time = i * 512.0 / 48000,
        .beat_confidence = 0.9f, .bpm = 120,
      };
      float bars[5] = { 0.1f * i, 0.2f, 0.3f, 0.4f, 0.5f };

      vitrine_feature_ring_publish (ring, &frame);
      if (i % 2 == 0)
        vitrine_feature_ring_publish_bars (ring, i / 2, (i / 2 + 1) * 1024.0 / 48000, 1, bars);
      if (i == 5)
        put ("feature-ring", "some-frames", ring, size);
    }
  put ("feature-ring", "wrapped", ring, size);

  /* A lying writer: values and times not finite, a slot mid-write, a short file. */
  ring->slots[3].frame.values[1] = NAN;
  ring->slots[4].frame.time = INFINITY;
  ring->slots[5].sequence++;
  slot = (VitrineFeatureBarsSlot *) (void *) ((guint8 *) ring + ring->bars_offset + 2 * ring->bars_slot_size);
  slot->values[4] = NAN;
  slot->time = -INFINITY;
  ring->state.bpm = -5;
  ring->state.confidence = NAN;
  ring->state.track_id[VITRINE_FEATURE_TRACK_ID - 1] = 'x';
  ring->written = G_MAXUINT64;
  ring->bars_written = G_MAXUINT64 - 3;
  put ("feature-ring", "hostile", ring, size);
  put ("feature-ring", "short", ring, size - 1);

  /* Bars that do not fit: more channels than the slots hold, an offset into the hop
   * slots, a capacity past the end. */
  ring->bars_written = 10;
  ring->bars_channels = 9;
  put ("feature-ring", "bars-channels", ring, size);
  ring->bars_channels = channels;
  ring->bars_offset -= 8;
  put ("feature-ring", "bars-offset", ring, size);
  ring->bars_offset += 8;
  ring->bars_capacity = bars_capacity + 1;
  put ("feature-ring", "bars-capacity", ring, size);
}

/* --- image-probe --- */

static void
put_bytes (GByteArray *array,
           const char *name)
{
  put ("image-probe", name, array->data, array->len);
  g_byte_array_set_size (array, 0);
}

#define APPEND(array, ...) \
  G_STMT_START { \
    static const guint8 bytes_[] = { __VA_ARGS__ }; \
    g_byte_array_append ((array), bytes_, sizeof bytes_); \
  } G_STMT_END

/* SOI, APP1 "Exif" with a TIFF structure whose first IFD holds the orientation. */
static void
jpeg_with_exif (GByteArray *jpeg,
                gboolean    little,
                guint       orientation)
{
  APPEND (jpeg, 0xff, 0xd8);
  APPEND (jpeg, 0xff, 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0);
  APPEND (jpeg, 0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0);
  if (little)
    {
      APPEND (jpeg, 'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00);
      APPEND (jpeg, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00);
      g_byte_array_append (jpeg, (const guint8[]) { orientation, 0, 0, 0 }, 4);
    }
  else
    {
      APPEND (jpeg, 'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01);
      APPEND (jpeg, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01);
      g_byte_array_append (jpeg, (const guint8[]) { 0, orientation, 0, 0 }, 4);
    }
  APPEND (jpeg, 0x00, 0x00, 0x00, 0x00);
  APPEND (jpeg, 0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0xff, 0xd9);
}

static void
image_probe_corpus (void)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();

  jpeg_with_exif (data, TRUE, 6);
  put_bytes (data, "jpeg-exif-ii-6");
  jpeg_with_exif (data, FALSE, 8);
  put_bytes (data, "jpeg-exif-mm-8");
  jpeg_with_exif (data, TRUE, 9);
  put_bytes (data, "jpeg-exif-out-of-range");

  /* Fill bytes before a marker, then an APP1 that claims more than there is. */
  APPEND (data, 0xff, 0xd8, 0xff, 0xff, 0xff, 0xe1, 0xff, 0xf0, 'E', 'x', 'i', 'f', 0, 0,
          'I', 'I', 0x2a, 0x00, 0xf0, 0xff, 0xff, 0xff);
  put_bytes (data, "jpeg-exif-truncated");

  APPEND (data, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R');
  put_bytes (data, "png");
  APPEND (data, 'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0);
  put_bytes (data, "gif");
  APPEND (data, 'R', 'I', 'F', 'F', 0x1a, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L');
  put_bytes (data, "webp");
  APPEND (data, 'M', 'M', 0, 0x2a, 0, 0, 0, 8);
  put_bytes (data, "tiff");
  APPEND (data, 'B', 'M', 0x3a, 0, 0, 0);
  put_bytes (data, "bmp");
  APPEND (data, 0, 0, 0, 0x1c, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f', 0, 0, 0, 0);
  put_bytes (data, "avif");
  APPEND (data, 0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0);
  put_bytes (data, "heic");
}

/* --- wav --- */

static void
wav_corpus (void)
{
  static const gint16 mono[16] = { 0, 12000, 23000, 32767, 23000, 12000, 0, -12000,
                                   -23000, -32768, -23000, -12000, 0, 1, -1, 0 };
  g_autoptr(GBytes) wav = vitrine_wav_encode (mono, 16, 1, 8000);
  g_autoptr(GBytes) stereo = vitrine_wav_encode (mono, 8, 2, 44100);
  g_autoptr(GByteArray) data = g_byte_array_new ();
  gsize size;
  const guint8 *bytes = g_bytes_get_data (wav, &size);

  put ("wav", "mono-8k", bytes, size);
  put ("wav", "stereo-44k", g_bytes_get_data (stereo, NULL), g_bytes_get_size (stereo));
  /* The data chunk claims more than the file holds. */
  put ("wav", "truncated", bytes, size - 10);

  /* A LIST chunk of odd length (one byte of padding) before fmt; then
   * WAVE_FORMAT_EXTENSIBLE carrying PCM. */
  APPEND (data, 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E');
  APPEND (data, 'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0);
  APPEND (data, 'f', 'm', 't', ' ', 40, 0, 0, 0, 0xfe, 0xff, 2, 0, 0x80, 0xbb, 0, 0,
          0, 0xee, 2, 0, 4, 0, 16, 0, 22, 0, 16, 0, 3, 0, 0, 0,
          1, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71);
  APPEND (data, 'd', 'a', 't', 'a', 8, 0, 0, 0, 1, 0, 2, 0, 3, 0, 4, 0);
  put ("wav", "extensible-list", data->data, data->len);
  g_byte_array_set_size (data, 0);

  /* 8-bit PCM, and a data chunk before any fmt. */
  APPEND (data, 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E',
          'f', 'm', 't', ' ', 16, 0, 0, 0, 1, 0, 1, 0, 0x40, 0x1f, 0, 0,
          0x40, 0x1f, 0, 0, 1, 0, 8, 0, 'd', 'a', 't', 'a', 2, 0, 0, 0, 0x80, 0x80);
  put ("wav", "pcm-8bit", data->data, data->len);
  g_byte_array_set_size (data, 0);
  APPEND (data, 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E',
          'd', 'a', 't', 'a', 2, 0, 0, 0, 0, 0);
  put ("wav", "data-first", data->data, data->len);
}

/* --- poison-list --- */

/* The target's input: how the predecessor ended (and bit 2: no format lines), the
 * strikes file, a zero byte, the in-flight note. */
static void
put_poison (const char *name,
            guint8      mode,
            const char *strikes,
            const char *current)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();

  g_byte_array_append (data, &mode, 1);
  g_byte_array_append (data, (const guint8 *) strikes, strlen (strikes));
  if (current != NULL)
    g_byte_array_append (data, (const guint8 *) "", 1);
  if (current != NULL)
    g_byte_array_append (data, (const guint8 *) current, strlen (current));
  put ("poison-list", name, data->data, data->len);
}

static void
poison_list_corpus (void)
{
  g_autofree char *long_path = g_strnfill (4200, 'p');
  g_autofree char *long_line = g_strdup_printf ("2\t1700000000000000\t/%s\n", long_path);

  put_poison ("strikes", VITRINE_PREDECESSOR_NONE,
              "2\t1700000000000000\t/photos/a.jpg\n"
              "1\t9000000000000000\tphotos/b.jpg\n"
              "3\t9000000000000001\tphotos/new\\nline\\tand tab.jpg\n", NULL);
  put_poison ("unexplained", VITRINE_PREDECESSOR_UNEXPLAINED,
              "1\t9000000000000000\tphotos/a.jpg\n",
              "photos/a.jpg\nphotos/b.jpg\n");
  put_poison ("caused", VITRINE_PREDECESSOR_CAUSED,
              "1\t9000000000000000\tphotos/a.jpg\n", "photos/a.jpg\n");
  put_poison ("other-format", 4 | VITRINE_PREDECESSOR_UNEXPLAINED,
              "vitrine-poison 1\n/photos/a.jpg 2\n", "vitrine-current 1\n/photos/a.jpg\n");
  put_poison ("bad-lines", VITRINE_PREDECESSOR_UNEXPLAINED,
              "0\t1\tzero-strikes\n101\t1\ttoo-many\n2\t-5\tnegative-time\n"
              "2\t1\tdangling\\\n2\t1\t\\377\\376\n2\t1\n2\t1\t\n",
              "dangling\\\n\\377\n\n");
  put_poison ("long-input", VITRINE_PREDECESSOR_NONE, long_line, "");
}

/* --- feed, weather: the unit tests' fixtures, hostile ones included --- */

static void
fixtures_corpus (void)
{
  static const char rdf[] =
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">"
    "<channel><title>T</title></channel><item><title>a</title><link>/a</link></item></rdf:RDF>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (FEED_FIXTURES, 0, &error);
  const char *name;

  if (dir == NULL)
    g_error ("cannot read %s: %s", FEED_FIXTURES, error->message);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (FEED_FIXTURES, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        g_error ("cannot read %s: %s", path, error->message);
      put (g_str_has_prefix (name, "weather-") ? "weather" : "feed", name, contents, length);
    }
  put ("feed", "rdf", rdf, strlen (rdf));
  put ("weather", "coordinates", "52.52,13.405", strlen ("52.52,13.405"));
  put ("weather", "place", "São Paulo", strlen ("São Paulo"));
  put ("weather", "labelled", "Berlin, Land Berlin, Germany (52.5244, 13.4105)",
       strlen ("Berlin, Land Berlin, Germany (52.5244, 13.4105)"));
}

/* --- disk-cache --- */

/* An entry of @width × @height with its pixels, and some that lie. */
static void
disk_cache_corpus (void)
{
  VitrineDiskCacheEntry entry = {
    .key = (char *) "/photos/a.jpg|scaled:16x9", .revision = (char *) "0123456789ab",
    .source_size = 1234, .source_mtime_ns = 1764590000000000000, .width = 16, .height = 9,
    .stride = 64, .source_width = 4000, .source_height = 2250, .created_unix_us = 1, .used_unix_us = 2,
  };
  g_autoptr(GByteArray) file = vitrine_disk_cache_encode (&entry);
  gsize header = file->len;

  g_byte_array_set_size (file, header + entry.pixels_size);
  memset (file->data + header, 0x80, entry.pixels_size);
  put ("disk-cache", "entry", file->data, file->len);
  put ("disk-cache", "header-only", file->data, header);
  put ("disk-cache", "cut", file->data, file->len - 1);
  file->data[8] = 2;
  put ("disk-cache", "other-version", file->data, file->len);
  file->data[8] = 1;
  file->data[G_STRUCT_OFFSET (VitrineDiskCacheFixed, width)] = 17;
  put ("disk-cache", "wrong-width", file->data, file->len);
}

int
main (int   argc,
      char *argv[])
{
  if (argc != 2)
    {
      g_printerr ("usage: %s CORPUS-FOLDER\n", argv[0]);
      return 2;
    }
  top = argv[1];

  pixel_header_corpus ();
  message_corpus ();
  audio_ring_corpus ();
  image_probe_corpus ();
  disk_cache_corpus ();
  wav_corpus ();
  poison_list_corpus ();
  fixtures_corpus ();
  feature_ring_corpus ();
  return 0;
}
