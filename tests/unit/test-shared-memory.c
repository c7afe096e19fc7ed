/* test-shared-memory.c: sealed memfds, pixel headers from a hostile producer, and the audio
 * ring under a real concurrent writer.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sys/mman.h>
#include <string.h>
#include <unistd.h>

#include "vitrine-audio-ring.h"
#include "vitrine-memfd.h"
#include "vitrine-pixel-header.h"

static int
sealed_memfd (gsize  size,
              guint8 fill,
              int    seals)
{
  g_autoptr(VitrineMemfdWriter) writer = NULL;
  g_autoptr(GError) error = NULL;

  writer = vitrine_memfd_writer_new ("test", size, &error);
  g_assert_no_error (error);
  memset (vitrine_memfd_writer_data (writer), fill, size);
  if (seals != 0)
    g_assert_true (vitrine_memfd_writer_seal (writer, seals, &error));
  g_assert_no_error (error);

  return vitrine_memfd_writer_steal_fd (writer);
}

static void
test_pixels_roundtrip (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  int fd = sealed_memfd (4096 * 3, 0x5a, VITRINE_MEMFD_REQUIRED_SEALS);
  const guint8 *data;
  gsize size;

  bytes = vitrine_memfd_map_sealed (fd, VITRINE_MEMFD_REQUIRED_SEALS, 4096 * 3, 1 << 20, &error);
  g_assert_no_error (error);
  close (fd);   /* the mapping outlives the fd */

  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, ==, 4096 * 3);
  for (gsize i = 0; i < size; i += 97)
    g_assert_cmpuint (data[i], ==, 0x5a);
}

static void
test_seals_hold (void)
{
  int fd = sealed_memfd (8192, 1, VITRINE_MEMFD_REQUIRED_SEALS);
  guint8 byte = 2;

  /* What the producer can no longer do, so the consumer can never fault on it. */
  g_assert_cmpint (write (fd, &byte, 1), ==, -1);
  g_assert_cmpint (errno, ==, EPERM);
  g_assert_cmpint (ftruncate (fd, 100), ==, -1);
  g_assert_cmpint (ftruncate (fd, 1 << 20), ==, -1);
  g_assert_true (mmap (NULL, 8192, PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED);
  close (fd);
}

static void
test_hostile_fds (void)
{
  g_autoptr(GError) unsealed_error = NULL;
  g_autoptr(GError) file_error = NULL;
  g_autoptr(GError) short_error = NULL;
  g_autoptr(GError) large_error = NULL;
  g_autoptr(GError) partial_error = NULL;
  g_autofree char *path = NULL;
  int unsealed = sealed_memfd (4096, 0, 0);
  int partial = sealed_memfd (4096, 0, F_SEAL_SHRINK | F_SEAL_GROW);
  int small = sealed_memfd (4096, 0, VITRINE_MEMFD_REQUIRED_SEALS);
  int file = g_file_open_tmp ("vitrine-XXXXXX", &path, NULL);

  g_assert_null (vitrine_memfd_map_sealed (unsealed, VITRINE_MEMFD_REQUIRED_SEALS, 0, G_MAXSIZE,
                                           &unsealed_error));
  g_assert_error (unsealed_error, VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_NOT_SEALED);

  /* Writable still: the producer could change pixels under the reader. */
  g_assert_null (vitrine_memfd_map_sealed (partial, VITRINE_MEMFD_REQUIRED_SEALS, 0, G_MAXSIZE,
                                           &partial_error));
  g_assert_error (partial_error, VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_NOT_SEALED);

  /* A plain file cannot be sealed: it could be truncated under a mapping (SIGBUS). */
  g_assert_cmpint (file, >=, 0);
  g_assert_null (vitrine_memfd_map_sealed (file, VITRINE_MEMFD_REQUIRED_SEALS, 0, G_MAXSIZE,
                                           &file_error));
  g_assert_error (file_error, VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_NOT_SEALED);

  g_assert_null (vitrine_memfd_map_sealed (small, VITRINE_MEMFD_REQUIRED_SEALS, 4097, G_MAXSIZE,
                                           &short_error));
  g_assert_error (short_error, VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_TOO_SMALL);
  g_assert_null (vitrine_memfd_map_sealed (small, VITRINE_MEMFD_REQUIRED_SEALS, 0, 4095,
                                           &large_error));
  g_assert_error (large_error, VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_TOO_LARGE);

  close (unsealed);
  close (partial);
  close (small);
  close (file);
  g_unlink (path);
}

/*
 * A memfd of huge pages seals like any other, but its pages are taken only when touched:
 * with the pool empty, reading a mapping of it raises SIGBUS. The consumer refuses it
 * before it maps anything (it must never be read here: the pool may well be empty).
 */
static void
test_hugetlb_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *meminfo = NULL;
  const char *line;
  gsize size = 2 << 20;   /* the default huge page on x86-64; others say so in meminfo */
  int fd;

  if (g_file_get_contents ("/proc/meminfo", &meminfo, NULL, NULL) &&
      (line = strstr (meminfo, "Hugepagesize:")) != NULL)
    size = (gsize) g_ascii_strtoull (line + strlen ("Hugepagesize:"), NULL, 10) * 1024;
  fd = memfd_create ("vitrine-huge", MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB);

  if (fd < 0 || ftruncate (fd, (off_t) size) < 0 ||
      fcntl (fd, F_ADD_SEALS, VITRINE_MEMFD_REQUIRED_SEALS | F_SEAL_SEAL) < 0)
    {
      g_test_skip_printf ("no sealed hugetlb memfd here: %s", g_strerror (errno));
      if (fd >= 0)
        close (fd);
      return;
    }

  /* One huge page: 512 × 1024 RGBA fills a 2 MiB one exactly, so every size check passes. */
  bytes = vitrine_memfd_map_sealed (fd, VITRINE_MEMFD_REQUIRED_SEALS, size, size + 2048, &error);
  g_assert_null (bytes);
  g_assert_error (error, VITRINE_MEMFD_ERROR, VITRINE_MEMFD_ERROR_NOT_SHMEM);
  close (fd);
}

/* The texture limit: the context's GL_MAX_TEXTURE_SIZE, never beyond a header's sides. */
static void
test_fits_texture (void)
{
  struct { guint32 w, h; gint64 max; gboolean fits; } cases[] = {
    { 1920, 1080, 16384, TRUE },
    { 16384, 16384, 16384, TRUE },
    { 4096, 2160, 4096, TRUE },
    { 4097, 2160, 4096, FALSE },
    { 2160, 4097, 4096, FALSE },
    { 16385, 1, 0, FALSE },        /* not known: a header's limit */
    { 16385, 1, 32768, FALSE },    /* a larger GPU does not widen it */
    { 0, 1, 16384, FALSE },
  };
  guint w = 3840, h = 2160;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (vitrine_pixel_fits_texture (cases[i].w, cases[i].h, cases[i].max, &error), ==,
                       cases[i].fits);
      if (!cases[i].fits)
        g_assert_error (error, VITRINE_PIXEL_ERROR, VITRINE_PIXEL_ERROR_DIMENSIONS);
    }

  /* A request is scaled into the limit keeping its aspect. */
  vitrine_pixel_fit_within (&w, &h, 2048);
  g_assert_cmpuint (w, ==, 2048);
  g_assert_cmpuint (h, ==, 1152);
  vitrine_pixel_fit_within (&w, &h, 0);
  g_assert_cmpuint (w, ==, 2048);
  w = 100000, h = 1;
  vitrine_pixel_fit_within (&w, &h, 4096);
  g_assert_cmpuint (w, ==, 4096);
  g_assert_cmpuint (h, ==, 1);
}

static GVariant *
header_variant (guint32     width,
                guint32     height,
                guint32     stride,
                const char *format)
{
  VitrinePixelHeader header = {
    .width = width, .height = height, .stride = stride, .format = (char *) format,
    .producer_pid = 42, .generation = 7, .timestamp_us = 123456, .cache_key = (char *) "/a.jpg|scaled:2x2",
  };

  return g_variant_ref_sink (vitrine_pixel_header_to_variant (&header));
}

static void
test_header_roundtrip (void)
{
  g_autoptr(GVariant) variant = header_variant (1920, 1080, 7680, VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED);
  g_auto(VitrinePixelHeader) header = { 0 };
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  g_assert_true (vitrine_pixel_header_from_variant (&header, variant, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (header.width, ==, 1920);
  g_assert_cmpuint (header.height, ==, 1080);
  g_assert_cmpint (header.producer_pid, ==, 42);
  g_assert_cmpuint (header.generation, ==, 7);
  g_assert_cmpstr (header.cache_key, ==, "/a.jpg|scaled:2x2");
  g_assert_true (vitrine_pixel_header_byte_size (&header, &size, &error));
  g_assert_cmpuint (size, ==, (gsize) 7680 * 1080);
}

static void
test_header_hostile (void)
{
  const struct {
    guint32 width, height, stride;
    const char *format;
    int code;
  } cases[] = {
    { 0, 10, 0, VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED, VITRINE_PIXEL_ERROR_DIMENSIONS },
    { 10, 0, 40, VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED, VITRINE_PIXEL_ERROR_DIMENSIONS },
    { 16385, 10, 16385 * 4, VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED, VITRINE_PIXEL_ERROR_DIMENSIONS },
    { 100000, 100000, 400000, VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED, VITRINE_PIXEL_ERROR_DIMENSIONS },
    { G_MAXUINT32, 2, G_MAXUINT32, VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED, VITRINE_PIXEL_ERROR_DIMENSIONS },
    { 10, 10, 39, VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED, VITRINE_PIXEL_ERROR_DIMENSIONS },
    { 10, 10, 42, VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED, VITRINE_PIXEL_ERROR_DIMENSIONS },
    { 10, 10, 40 + 8192, VITRINE_PIXEL_FORMAT_RGBA8_PREMULTIPLIED, VITRINE_PIXEL_ERROR_DIMENSIONS },
    { 10, 10, 40, "bgra16", VITRINE_PIXEL_ERROR_UNSUPPORTED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GVariant) variant = header_variant (cases[i].width, cases[i].height, cases[i].stride,
                                                    cases[i].format);
      g_auto(VitrinePixelHeader) header = { 0 };
      g_autoptr(GError) error = NULL;
      gsize size = 0;

      g_assert_true (vitrine_pixel_header_from_variant (&header, variant, NULL));
      g_assert_false (vitrine_pixel_header_byte_size (&header, &size, &error));
      g_assert_error (error, VITRINE_PIXEL_ERROR, cases[i].code);
    }
}

static void
test_header_malformed (void)
{
  const char *texts[] = {
    "{'width': <'1920'>, 'height': <uint32 1>, 'stride': <uint32 8>}",
    "{'width': <uint32 2>, 'height': <uint32 1>}",
    "[1, 2, 3]",
    "{'width': <uint32 2>, 'height': <uint32 1>, 'stride': <uint32 8>, 'format': <'rgba8-premultiplied'>,"
    " 'producer_pid': <uint32 5>, 'generation': <uint64 1>, 'timestamp_us': <int64 0>, 'cache_key': <''>}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GVariant) variant = g_variant_parse (NULL, texts[i], NULL, NULL, NULL);
      g_auto(VitrinePixelHeader) header = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (variant);
      g_assert_false (vitrine_pixel_header_from_variant (&header, variant, &error));
      g_assert_error (error, VITRINE_PIXEL_ERROR, VITRINE_PIXEL_ERROR_MALFORMED);
    }
}

static void
fill_frame (VitrineAudioFrame *frame,
            guint64            number,
            guint32            bars)
{
  float level = (float) (number % 1000) / 1000.0f;

  memset (frame, 0, sizeof *frame);
  frame->generation = 3;
  frame->frame = number;
  frame->timestamp = (double) number;
  frame->bar_count = bars;
  for (guint i = 0; i < VITRINE_AUDIO_MAX_BARS; i++)
    frame->raw[i] = frame->smoothed[i] = frame->peaks[i] = level;
}

static void
test_ring_basics (void)
{
  g_autofree VitrineAudioRing *ring = g_new0 (VitrineAudioRing, 1);
  VitrineAudioFrame frame, read;
  g_autoptr(GError) error = NULL;

  vitrine_audio_ring_init (ring);
  g_assert_true (vitrine_audio_ring_check (ring, sizeof *ring, &error));
  g_assert_false (vitrine_audio_ring_read_latest (ring, &read));

  for (guint n = 1; n <= 5; n++)
    {
      fill_frame (&frame, n, 15);
      vitrine_audio_ring_publish (ring, &frame);
      g_assert_true (vitrine_audio_ring_read_latest (ring, &read));
      g_assert_cmpuint (read.frame, ==, n);
      g_assert_cmpuint (read.bar_count, ==, 15);
      g_assert_cmpfloat (read.raw[14], ==, frame.raw[14]);
    }

  /* A lying writer: too many bars, values outside 0..1, NaN. */
  fill_frame (&frame, 6, 500);
  frame.raw[0] = NAN;
  frame.smoothed[1] = 7.5f;
  frame.peaks[2] = -3;
  vitrine_audio_ring_publish (ring, &frame);
  g_assert_true (vitrine_audio_ring_read_latest (ring, &read));
  g_assert_cmpuint (read.bar_count, ==, VITRINE_AUDIO_MAX_BARS);
  g_assert_cmpfloat (read.raw[0], ==, 0);
  g_assert_cmpfloat (read.smoothed[1], ==, 1);
  g_assert_cmpfloat (read.peaks[2], ==, 0);
}

static void
test_ring_check (void)
{
  g_autofree VitrineAudioRing *ring = g_new0 (VitrineAudioRing, 1);
  g_autoptr(GError) short_error = NULL;
  g_autoptr(GError) magic_error = NULL;

  vitrine_audio_ring_init (ring);
  g_assert_false (vitrine_audio_ring_check (ring, sizeof *ring - 1, &short_error));
  g_assert_error (short_error, VITRINE_AUDIO_RING_ERROR, 0);
  ring->magic = 0xdeadbeef;
  g_assert_false (vitrine_audio_ring_check (ring, sizeof *ring, &magic_error));
  g_assert_nonnull (strstr (magic_error->message, "magic 0xdeadbeef"));
}

#define CONCURRENT_FRAMES 200000

typedef struct
{
  VitrineAudioRing *ring;
  gint              done;
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *data = user_data;
  VitrineAudioFrame frame;

  for (guint64 n = 1; n <= CONCURRENT_FRAMES; n++)
    {
      fill_frame (&frame, n, VITRINE_AUDIO_MAX_BARS);
      vitrine_audio_ring_publish (data->ring, &frame);
    }
  g_atomic_int_set (&data->done, 1);

  return NULL;
}

/* One writer thread and one reader thread on two mappings of one memfd, as the audio
 * worker and the display have: every frame read is whole, and frames never go back. */
static void
test_ring_concurrent (void)
{
  g_autoptr(VitrineMemfdWriter) writer = NULL;
  g_autoptr(GBytes) reader_mapping = NULL;
  g_autoptr(GError) error = NULL;
  const VitrineAudioRing *reader_ring;
  WriterData data = { 0 };
  GThread *thread;
  guint64 last = 0, reads = 0, misses = 0;

  writer = vitrine_memfd_writer_new ("vitrine-audio-ring", sizeof (VitrineAudioRing), &error);
  g_assert_no_error (error);
  data.ring = (VitrineAudioRing *) vitrine_memfd_writer_data (writer);
  vitrine_audio_ring_init (data.ring);
  g_assert_true (vitrine_memfd_writer_seal (writer, F_SEAL_SHRINK | F_SEAL_GROW, &error));

  reader_mapping = vitrine_memfd_map_sealed (vitrine_memfd_writer_get_fd (writer),
                                             F_SEAL_SHRINK | F_SEAL_GROW,
                                             sizeof (VitrineAudioRing), sizeof (VitrineAudioRing),
                                             &error);
  g_assert_no_error (error);
  reader_ring = g_bytes_get_data (reader_mapping, NULL);
  g_assert_true ((gconstpointer) reader_ring != (gconstpointer) data.ring);

  thread = g_thread_new ("ring-writer", writer_thread, &data);
  while (!g_atomic_int_get (&data.done))
    {
      VitrineAudioFrame frame;
      float expected;

      if (!vitrine_audio_ring_read_latest (reader_ring, &frame))
        {
          misses++;
          continue;
        }
      reads++;
      expected = (float) (frame.frame % 1000) / 1000.0f;
      g_assert_cmpuint (frame.frame, >=, last);
      g_assert_cmpfloat (frame.timestamp, ==, (double) frame.frame);
      for (guint i = 0; i < VITRINE_AUDIO_MAX_BARS; i++)
        if (frame.raw[i] != expected || frame.smoothed[i] != expected || frame.peaks[i] != expected)
          g_error ("torn frame %" G_GUINT64_FORMAT " at bar %u", frame.frame, i);
      last = frame.frame;
    }
  g_thread_join (thread);

  g_test_message ("%" G_GUINT64_FORMAT " whole reads, %" G_GUINT64_FORMAT " misses, last frame %"
                  G_GUINT64_FORMAT, reads, misses, last);
  g_assert_cmpuint (reads, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("Sealed memfds, pixel header validation and the audio ring");

  g_test_add_func ("/SharedMemory/pixels-roundtrip", test_pixels_roundtrip);
  g_test_add_func ("/SharedMemory/seals-hold", test_seals_hold);
  g_test_add_func ("/SharedMemory/hostile-fds", test_hostile_fds);
  g_test_add_func ("/SharedMemory/hugetlb-refused", test_hugetlb_refused);
  g_test_add_func ("/SharedMemory/fits-texture", test_fits_texture);
  g_test_add_func ("/SharedMemory/header-roundtrip", test_header_roundtrip);
  g_test_add_func ("/SharedMemory/header-hostile", test_header_hostile);
  g_test_add_func ("/SharedMemory/header-malformed", test_header_malformed);
  g_test_add_func ("/SharedMemory/ring-basics", test_ring_basics);
  g_test_add_func ("/SharedMemory/ring-check", test_ring_check);
  g_test_add_func ("/SharedMemory/ring-concurrent", test_ring_concurrent);

  return g_test_run ();
}
