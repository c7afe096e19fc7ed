/* bench-soak.c: the display under sustained abuse (build-aux/dev bench soak [MINUTES]).
 *
 *   bench-soak [MINUTES [SEED]]   60 minutes and seed 1 unless given
 *
 * Runs the real display (under the X screen and session bus it is given: build-aux/dev
 * starts Xvfb at 1920×1080 and a private D-Bus session) at a 2 s interval on a folder
 * written here: good photos of several sizes and formats, broken files (a truncated JPEG,
 * zero bytes, noise named .jpg, a PNG whose header claims 40000 × 40000 pixels) and
 * 6000×4000 ones. Good photos are hard-linked under more names than the image cache
 * holds at 1080p, so the image worker keeps decoding for the whole run.
 *
 * While it runs, every 4 to 12 s (a GRand with the seed) one worker is picked at random
 * and either killed (SIGKILL), stopped and continued 0.5 to 2 s later (below the hung
 * detection), or stopped and left for the supervisor's hung detection to kill. No role is
 * hit more than three times within 300 s, below the supervisor's give-up limit (5
 * restarts within 300 s), so the soak measures recovery, not the give-up path. A worker
 * is first stopped and its in-flight note read: when it is working on an input, a kill
 * becomes a hang, because a death nobody here explains strikes the inputs in flight (two
 * strikes, quarantine, when one is alone: docs/ARCHITECTURE.md §3) and would blame a good
 * photo for our signal; the supervisor's own kill of a hung worker strikes nothing.
 *
 * Feeds come from a flaky loopback server (bench-soak-feeds.c): five image feeds, three
 * headline feeds and the weather, answered well about half the time and otherwise slowly,
 * with resets, truncated bodies, noise, oversized bodies, 500 and 429; their images
 * truncated, reset, noise or 404 now and then. The display must keep its last good feed.
 *
 * Every 5 s it records, for the display and the current process of each role: open fds,
 * memfds among them and VmRSS, plus restarts, quarantines, the image on screen, the frame
 * interval and the stall probe from `vitrine --status`. At the end it fits a line to each
 * series after the warm-up (the first minute, or until the image cache first evicts,
 * whichever is later; per role within each process's life, after its own first minute)
 * and prints start, end, max,
 * slope per hour and a verdict; the display's memory is judged by its parts (`memory` in
 * --status): its private part (anonymous memory and mapped files) must not grow, and its
 * shared part (the images' memfds) must stay within the image cache's budget plus the
 * images the compositors hold. It exits 1 when a resource grows, the display dies or
 * stops changing photos, a good photo is quarantined or skipped, a feed loses its items
 * or mirrored images, a headlines or weather card once shown goes away, a role gives up, hung
 * detection misses a stopped worker, or a worker outlives the display's quit.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench-photo.h"
#include "bench-soak-feeds.h"
#include "vitrine-latency.h"

/* --- thresholds (docs/PERFORMANCE.md, "Soak", says why these) ------------------------ */

#define SAMPLE_S              5     /* seconds between samples */
#define WARMUP_S              60    /* at least this long before the fit */
#define INTERVAL_S            2     /* the slide interval */
#define FD_SLOPE_PER_H        2.0   /* fds or memfds per hour ... */
#define FD_SUSTAINED          2     /* ... when the level really rose this much */
#define FD_GROWTH             5     /* or the level rose this much, whatever the slope */
#define DISPLAY_RSS_MB_PER_H  20.0  /* the display's private memory (anonymous and files) */
#define DISPLAY_RSS_GROWTH_MB 16.0  /* with a rise of at least two cached images' worth */
#define SHMEM_SLACK_MB        24.0  /* shared memory beyond the images: X's shm, the audio ring */
#define WORKER_RSS_MB_PER_H   64.0
#define WORKER_RSS_GROWTH_MB  32.0
#define STILL_LIMIT_S         20    /* the image must change at least every 10 intervals */
#define HIT_LIMIT             3     /* chaos per role within HIT_WINDOW_S */
#define HIT_WINDOW_S          300
#define HUNG_LIMIT_S          6.0   /* hung detection: 3 to 3.5 s, plus sampling slack */

static const char *roles[] = { "display", "image", "feed", "audio", "transition" };
#define N_SERIES G_N_ELEMENTS (roles)

static char *workdir;
static char *statedir;

/* --- the photo folder ---------------------------------------------------------------- */

static guint32
crc32_of (const guint8 *data,
          gsize         length)
{
  guint32 crc = 0xffffffffu;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (guint bit = 0; bit < 8; bit++)
        crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
  return ~crc;
}

static void
put_be32 (GByteArray *bytes,
          guint32     value)
{
  guint8 b[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (bytes, b, 4);
}

/* A PNG whose header claims 40000 × 40000 pixels (valid CRC; within libpng's own limit of a
 * million a side, so the worker's pixel cap must refuse it), then a little garbage. */
static void
write_huge_header_png (const char *path,
                       GRand      *rand)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GByteArray) chunk = g_byte_array_new ();
  guint8 tail[] = { 8, 6, 0, 0, 0 };   /* 8 bits, RGBA, deflate, adaptive, no interlace */
  g_autoptr(GError) error = NULL;

  g_byte_array_append (bytes, signature, sizeof signature);
  g_byte_array_append (chunk, (const guint8 *) "IHDR", 4);
  put_be32 (chunk, 40000);
  put_be32 (chunk, 40000);
  g_byte_array_append (chunk, tail, sizeof tail);
  put_be32 (bytes, chunk->len - 4);
  g_byte_array_append (bytes, chunk->data, chunk->len);
  put_be32 (bytes, crc32_of (chunk->data, chunk->len));
  for (guint i = 0; i < 4096; i++)
    {
      guint8 b = g_rand_int_range (rand, 0, 256);

      g_byte_array_append (bytes, &b, 1);
    }
  if (!g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error))
    g_error ("%s", error->message);
}

typedef struct
{
  const char *name;
  const char *type;
  guint       width;
  guint       height;
} Source;

/* Sizes a photo collection has: a screen's, a camera's, small scans, portraits, PNG. */
static const Source sources[] = {
  { "good-1920x1080", "jpg", 1920, 1080 },
  { "good-3000x2000", "jpg", 3000, 2000 },
  { "good-1024x768", "png", 1024, 768 },
  { "good-1200x1600", "jpg", 1200, 1600 },
  { "good-640x480", "png", 640, 480 },
  { "good-4000x3000", "jpg", 4000, 3000 },
  { "huge-6000x4000-a", "jpg", 6000, 4000 },
  { "huge-6000x4000-b", "jpg", 6000, 4000 },
  { "huge-6000x4000-c", "png", 6000, 4000 },
};
#define LINKS_PER_SOURCE 5   /* 45 good paths: the 256 MB cache holds 31 at 1080p */

static char *
photo_folder (GRand *rand)
{
  char *folder = g_build_filename (workdir, "photos", NULL);
  g_autofree char *originals = g_build_filename (workdir, "originals", NULL);
  g_autofree char *first_jpeg = NULL;

  g_mkdir_with_parents (folder, 0700);
  g_mkdir_with_parents (originals, 0700);
  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    {
      g_autofree char *name = g_strdup_printf ("%s.%s", sources[s].name, sources[s].type);
      g_autofree char *source = g_build_filename (originals, name, NULL);

      bench_photo_write (source, sources[s].type, sources[s].width, sources[s].height, s + 2);
      if (first_jpeg == NULL && g_str_equal (sources[s].type, "jpg"))
        first_jpeg = g_strdup (source);
      for (guint i = 0; i < LINKS_PER_SOURCE; i++)
        {
          g_autofree char *link_path = g_strdup_printf ("%s/%s-%u.%s", folder, sources[s].name, i,
                                                        sources[s].type);

          if (link (source, link_path) != 0)
            g_error ("link %s: %s", link_path, g_strerror (errno));
        }
    }

  {
    g_autofree char *jpeg = NULL, *path = NULL;
    g_autoptr(GError) error = NULL;
    char noise[65536];
    gsize length;

    g_file_get_contents (first_jpeg, &jpeg, &length, &error);
    g_assert_no_error (error);
    path = g_build_filename (folder, "broken-truncated.jpg", NULL);
    g_file_set_contents (path, jpeg, length / 2, &error);
    g_assert_no_error (error);
    g_free (path);
    path = g_build_filename (folder, "broken-empty.jpg", NULL);
    g_file_set_contents (path, "", 0, &error);
    g_assert_no_error (error);
    g_free (path);
    for (guint i = 0; i < sizeof noise; i++)
      noise[i] = (char) g_rand_int_range (rand, 0, 256);
    path = g_build_filename (folder, "broken-noise.jpg", NULL);
    g_file_set_contents (path, noise, sizeof noise, &error);
    g_assert_no_error (error);
    g_free (path);
    path = g_build_filename (folder, "broken-huge-header.png", NULL);
    write_huge_header_png (path, rand);
  }
  return folder;
}

static gboolean
is_good (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return !g_str_has_prefix (base, "broken-");
}

/* --- the display ----------------------------------------------------------------------- */

static double
now_s (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* The display's --status, parsed; NULL when it does not answer. */
static JsonObject *
status_object (JsonParser *parser)
{
  const char *argv[] = { VITRINE_APP_PATH, "--status", NULL };
  g_autofree char *out = NULL;
  int wait_status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                     NULL, &wait_status, NULL) ||
      !g_spawn_check_wait_status (wait_status, NULL) ||
      !json_parser_load_from_data (parser, out, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_node_get_object (json_parser_get_root (parser));
}

static GSubprocess *
app_start (const char *folder,
           SoakFeeds  *feeds)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autofree char *folder_arg = g_strconcat ("--folder=", folder, NULL);
  g_autofree char *interval_arg = g_strdup_printf ("--interval=%d", INTERVAL_S);
  g_autofree char *probe = g_strdup_printf ("%d", WARMUP_S);
  g_autofree char *forecast = soak_feeds_url (feeds, "/forecast");
  g_autofree char *geocoding = soak_feeds_url (feeds, "/search");
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *app;

  /* The stall probe records from the end of the warm-up. */
  g_subprocess_launcher_setenv (launcher, "VITRINE_STALL_PROBE", probe, TRUE);
  /* The feeds, headlines and weather of the flaky server, in a private key file. */
  soak_feeds_write_settings (feeds, g_getenv ("XDG_CONFIG_HOME"));
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "VITRINE_OPEN_METEO_URL", forecast, TRUE);
  g_subprocess_launcher_setenv (launcher, "VITRINE_GEOCODING_URL", geocoding, TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, VITRINE_APP_PATH, folder_arg, interval_arg, NULL);
  if (app == NULL)
    g_error ("%s", error->message);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL)
    g_error ("%s", error->message);
  /* --status before the name is owned would start a second primary. */
  for (guint i = 0; i < 150; i++)
    {
      g_autoptr(GVariant) owner = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                               "org.freedesktop.DBus", "NameHasOwner",
                                                               g_variant_new ("(s)", APP_ID), G_VARIANT_TYPE ("(b)"),
                                                               G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      gboolean has = FALSE;

      if (owner != NULL)
        g_variant_get (owner, "(b)", &has);
      if (has)
        return app;
      g_usleep (100 * 1000);
    }
  g_error ("vitrine did not start");
}

static gboolean
process_alive (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char *paren;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (paren = strrchr (stat, ')')) == NULL)
    return FALSE;
  return paren[1] == ' ' && paren[2] != 'Z' && paren[2] != 'X';
}

/* Open fds and the memfds among them; FALSE when the process is gone. */
static gboolean
count_fds (int    pid,
           guint *fds,
           guint *memfds)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/fd", pid);
  DIR *dir = opendir (path);
  struct dirent *entry;

  *fds = *memfds = 0;
  if (dir == NULL)
    return FALSE;
  while ((entry = readdir (dir)) != NULL)
    {
      char link_path[64], target[256];
      ssize_t n;

      if (entry->d_name[0] == '.')
        continue;
      (*fds)++;
      g_snprintf (link_path, sizeof link_path, "/proc/%d/fd/%s", pid, entry->d_name);
      n = readlink (link_path, target, sizeof target - 1);
      if (n > 0 && (target[n] = '\0', g_str_has_prefix (target, "/memfd:")))
        (*memfds)++;
    }
  closedir (dir);
  return TRUE;
}

static double
rss_mb (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents (path, &contents, NULL, NULL) || (line = strstr (contents, "VmRSS:")) == NULL)
    return -1;
  return g_ascii_strtod (line + 6, NULL) / 1024.0;
}

static JsonObject *
worker_object (JsonObject *status,
               const char *role)
{
  JsonArray *workers = json_object_get_array_member (status, "workers");

  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *worker = json_array_get_object_element (workers, i);

      if (g_str_equal (json_object_get_string_member (worker, "role"), role))
        return worker;
    }
  return NULL;
}

static int
worker_pid (JsonObject *status,
            const char *role)
{
  JsonObject *worker = worker_object (status, role);

  if (worker == NULL || !g_str_equal (json_object_get_string_member (worker, "state"), "running") ||
      JSON_NODE_HOLDS_NULL (json_object_get_member (worker, "pid")))
    return 0;
  return json_object_get_int_member (worker, "pid");
}

static JsonObject *
first_display (JsonObject *status)
{
  JsonObject *slideshow = json_object_get_object_member (status, "slideshow");
  JsonArray *displays = json_object_get_array_member (slideshow, "displays");

  return json_array_get_length (displays) > 0 ? json_array_get_object_element (displays, 0) : NULL;
}

/* --- samples and their fit ------------------------------------------------------------- */

/* The display's memory split, from "memory" and the image cache in --status, in MB. RSS is
 * judged by its parts: the private part (anonymous memory and mapped files) must not
 * grow; the shared part (shmem: the images' memfds, mapped by the cache and by the
 * compositors) must stay within the cache's budget plus the images the compositors hold
 * (the cache may have let them go), and what varies inside that bound is not a leak. */
enum { PART_ANON, PART_SHMEM, PART_FILE, PART_HEAP, PART_FREE, PART_MAPPED, PART_CACHE, PART_PRIVATE,
       PART_HELD, PART_BUDGET };
static const struct { const char *name, *object, *member; } parts[] = {
  [PART_ANON] = { "anon", "memory", "rss_anon_bytes" },
  [PART_SHMEM] = { "shmem", "memory", "rss_shmem_bytes" },
  [PART_FILE] = { "file", "memory", "rss_file_bytes" },
  [PART_HEAP] = { "heap", "memory", "heap_in_use_bytes" },
  [PART_FREE] = { "free", "memory", "heap_free_bytes" },
  [PART_MAPPED] = { "mapped", "memory", "heap_mapped_bytes" },
  [PART_CACHE] = { "cache", "slideshow", "cache" },
  [PART_PRIVATE] = { "private", NULL, NULL },   /* anon + file */
  [PART_HELD] = { "held", NULL, NULL },         /* every compositor's held_bytes */
  [PART_BUDGET] = { "budget", NULL, NULL },     /* the image cache's */
};
#define N_PARTS G_N_ELEMENTS (parts)

typedef struct
{
  double t;
  int    pid;
  double fds;
  double memfds;
  double rss_mb;
  double part_mb[N_PARTS];
} Sample;

typedef enum { FDS, MEMFDS, RSS, N_KINDS, PART0 = N_KINDS } Kind;
static const char *kind_names[] = { "fds", "memfds", "rss" };

static double
sample_value (const Sample *s,
              Kind          kind)
{
  if (kind >= PART0)
    return s->part_mb[kind - PART0];
  return kind == FDS ? s->fds : kind == MEMFDS ? s->memfds : s->rss_mb;
}

static gint64
member_bytes (JsonObject *object,
              const char *name)
{
  return object != NULL && json_object_has_member (object, name)
         ? json_object_get_int_member_with_default (object, name, -1) : -1;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static double
mb_or_nan (gint64 bytes)
{
  return bytes >= 0 ? bytes / 1048576.0 : NAN;
}

static void
read_parts (JsonObject *status,
            Sample     *s)
{
  JsonObject *memory = member_object (status, "memory");
  JsonObject *slideshow = member_object (status, "slideshow");
  JsonObject *cache = member_object (slideshow, "cache");
  JsonNode *displays = slideshow != NULL ? json_object_get_member (slideshow, "displays") : NULL;
  gint64 held = 0;

  for (guint i = 0; i < PART_CACHE; i++)
    s->part_mb[i] = mb_or_nan (member_bytes (memory, parts[i].member));
  s->part_mb[PART_CACHE] = mb_or_nan (member_bytes (cache, "bytes"));
  s->part_mb[PART_BUDGET] = mb_or_nan (member_bytes (cache, "budget"));
  s->part_mb[PART_PRIVATE] = s->part_mb[PART_ANON] + s->part_mb[PART_FILE];
  for (guint i = 0; displays != NULL && JSON_NODE_HOLDS_ARRAY (displays) &&
                    i < json_array_get_length (json_node_get_array (displays)); i++)
    {
      JsonObject *display = json_array_get_object_element (json_node_get_array (displays), i);

      held += MAX (member_bytes (member_object (display, "compositor"), "held_bytes"), 0);
    }
  s->part_mb[PART_HELD] = held / 1048576.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median_of (double *values,
           guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* The level of a few neighbouring samples: for fds their median; for memory their floor,
 * since a decode or an upload in progress lifts one sample and a leak lifts them all. */
static double
level_of (double *values,
          guint   n,
          Kind    kind)
{
  double low = values[0];

  if (kind < RSS)
    return median_of (values, n);
  for (guint i = 1; i < n; i++)
    low = MIN (low, values[i]);
  return low;
}

typedef struct
{
  guint  n;
  double start, end, max;
  double slope_per_h;   /* pooled within each process's life */
  double rise;          /* the largest rise of the level within one process's life */
  guint  lives;
} Fit;

/* Least squares with one intercept per process (pid) and one slope for all: a leak shows
 * within each life, a restart resets it. The level at the start and at the end of a life
 * is that of up to five samples there (level_of()), so one transient moves neither. */
static void
fit_series (GArray *series,
            Kind    kind,
            double  from_t,
            Fit    *fit)
{
  double sxy = 0, sxx = 0;
  guint i = 0;

  memset (fit, 0, sizeof *fit);
  fit->max = -G_MAXDOUBLE;
  fit->rise = -G_MAXDOUBLE;
  while (i < series->len)
    {
      const Sample *samples = &g_array_index (series, Sample, 0);
      guint first = i, last, n;
      double mx = 0, my = 0, head[5], tail[5], born = samples[i].t;
      guint nh, nt;

      /* Each life has a warm-up of its own: a fresh worker grows to its working size with
       * its first decodes, once. */
      while (i < series->len && samples[i].pid == samples[first].pid)
        i++;
      last = i;
      while (first < last && (samples[first].t < from_t || samples[first].t < born + WARMUP_S))
        first++;
      n = last - first;
      if (n == 0)
        continue;
      for (guint j = first; j < last; j++)
        {
          mx += samples[j].t;
          my += sample_value (&samples[j], kind);
          fit->max = MAX (fit->max, sample_value (&samples[j], kind));
        }
      mx /= n;
      my /= n;
      for (guint j = first; j < last; j++)
        {
          sxy += (samples[j].t - mx) * (sample_value (&samples[j], kind) - my);
          sxx += (samples[j].t - mx) * (samples[j].t - mx);
        }
      nh = MIN (n, 5);
      nt = MIN (n, 5);
      for (guint j = 0; j < nh; j++)
        head[j] = sample_value (&samples[first + j], kind);
      for (guint j = 0; j < nt; j++)
        tail[j] = sample_value (&samples[last - nt + j], kind);
      if (fit->lives == 0)
        fit->start = level_of (head, nh, kind);
      fit->end = level_of (tail, nt, kind);
      /* A life shorter than a minute says nothing about a rise. */
      if (n >= 12)
        fit->rise = MAX (fit->rise, fit->end - level_of (head, nh, kind));
      fit->n += n;
      fit->lives++;
    }
  fit->slope_per_h = sxx > 0 ? sxy / sxx * 3600 : 0;
  if (fit->rise == -G_MAXDOUBLE)
    fit->rise = 0;
}

/* TRUE when the series grew. */
static gboolean
judge (const char *role,
       Kind        kind,
       const Fit  *fit)
{
  gboolean display = g_str_equal (role, "display");
  gboolean grew;
  char verdict[96];

  if (fit->n < 3)
    {
      printf ("%-10s %-6s  too few samples after the warm-up (%u)\n", role, kind_names[kind], fit->n);
      return FALSE;
    }
  if (kind == RSS)
    {
      double slope = display ? DISPLAY_RSS_MB_PER_H : WORKER_RSS_MB_PER_H;
      double growth = display ? DISPLAY_RSS_GROWTH_MB : WORKER_RSS_GROWTH_MB;

      grew = fit->slope_per_h > slope && fit->rise > growth;
      g_snprintf (verdict, sizeof verdict, "%s (limit %.0f MB/h with a rise > %.0f MB)",
                  grew ? "GROWS" : "flat", slope, growth);
      printf ("%-10s %-6s  start %8.1f MB  end %8.1f MB  max %8.1f MB  slope %+8.2f MB/h  rise %+7.1f MB  %s\n",
              role, kind_names[kind], fit->start, fit->end, fit->max, fit->slope_per_h, fit->rise, verdict);
    }
  else
    {
      grew = fit->rise > FD_GROWTH || (fit->slope_per_h > FD_SLOPE_PER_H && fit->rise >= FD_SUSTAINED);
      g_snprintf (verdict, sizeof verdict, "%s (limit %.0f/h with a rise >= %d, or a rise > %d)",
                  grew ? "GROWS" : "flat", FD_SLOPE_PER_H, FD_SUSTAINED, FD_GROWTH);
      printf ("%-10s %-6s  start %8.1f     end %8.1f     max %8.1f     slope %+8.2f /h    rise %+7.1f     %s\n",
              role, kind_names[kind], fit->start, fit->end, fit->max, fit->slope_per_h, fit->rise, verdict);
    }
  return grew;
}

/*
 * The display's memory by its parts (see parts[]): private memory grows or not by the RSS
 * limits; shared memory never exceeds the image cache's budget, the compositors' images
 * and SHMEM_SLACK_MB; the rest is printed to explain a change.
 */
static void
judge_display_memory (GArray     *series,
                      double      from_t,
                      GPtrArray  *failures)
{
  double worst = -G_MAXDOUBLE, worst_t = 0;
  Fit fit;

  printf ("the display's memory by kind (anon + file + shmem = rss; private = anon + file; heap is malloc's\n"
          "in use, free is inside its arenas, mapped its own mappings; cache the image cache; held the\n"
          "compositors' images; budget the cache's)\n");
  for (guint i = 0; i < N_PARTS; i++)
    {
      fit_series (series, PART0 + i, from_t, &fit);
      if (fit.n < 3 || isnan (fit.start))
        continue;
      printf ("display    %-7s start %8.1f MB  end %8.1f MB  max %8.1f MB  slope %+8.2f MB/h  rise %+7.1f MB",
              parts[i].name, fit.start, fit.end, fit.max, fit.slope_per_h, fit.rise);
      if (i == PART_PRIVATE)
        {
          gboolean grew = fit.slope_per_h > DISPLAY_RSS_MB_PER_H && fit.rise > DISPLAY_RSS_GROWTH_MB;

          printf ("  %s (limit %.0f MB/h with a rise > %.0f MB)", grew ? "GROWS" : "flat", DISPLAY_RSS_MB_PER_H,
                  DISPLAY_RSS_GROWTH_MB);
          if (grew)
            g_ptr_array_add (failures, g_strdup_printf ("display private memory grows: %+.2f MB per hour, rise %+.1f",
                                                        fit.slope_per_h, fit.rise));
        }
      printf ("\n");
    }

  for (guint j = 0; j < series->len; j++)
    {
      const Sample *s = &g_array_index (series, Sample, j);
      double excess = s->part_mb[PART_SHMEM] - (s->part_mb[PART_BUDGET] + s->part_mb[PART_HELD]);

      if (s->t >= from_t && !isnan (excess) && excess > worst)
        {
          worst = excess;
          worst_t = s->t;
        }
    }
  if (worst == -G_MAXDOUBLE)
    return;
  printf ("display    shmem beyond the cache's budget and the compositors' images: at most %+.1f MB (at %.0f s)  "
          "%s (limit %+.0f MB)\n", worst, worst_t, worst > SHMEM_SLACK_MB ? "OVER" : "within", SHMEM_SLACK_MB);
  if (worst > SHMEM_SLACK_MB)
    g_ptr_array_add (failures, g_strdup_printf ("display shared memory %.1f MB beyond the images it may hold", worst));
}

/* --- chaos ---------------------------------------------------------------------------- */

typedef enum { CHAOS_KILL, CHAOS_PAUSE, CHAOS_HANG, N_CHAOS } ChaosKind;
static const char *chaos_names[] = { "kill", "stop+cont", "hang" };

typedef struct
{
  int     pid;          /* stopped by us and not yet continued or gone, else 0 */
  double  cont_at;      /* when to continue a pause */
  double  stopped_at;
  gboolean hang;        /* left for the supervisor */
  GArray *hits;         /* times (s) we killed or hung it */
} RoleChaos;

typedef struct
{
  guint  counts[N_CHAOS];
  guint  kills_made_hangs;   /* a kill found inputs in flight */
  guint  hangs_detected;
  guint  hangs_missed;
  GArray *hang_detect_s;
} ChaosTotals;

static guint
recent_hits (RoleChaos *chaos,
             double     t)
{
  guint n = 0;

  for (guint i = 0; i < chaos->hits->len; i++)
    if (g_array_index (chaos->hits, double, i) > t - HIT_WINDOW_S)
      n++;
  return n;
}

/* The inputs a stopped worker has in flight, from its note (absent when none). */
static gboolean
has_inputs_in_flight (const char *role)
{
  g_autofree char *name = g_strdup_printf ("%s-worker.current", role);
  g_autofree char *path = g_build_filename (statedir, "vitrine", "display", name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
chaos_strike (RoleChaos   *chaos,
              const char  *role,
              int          pid,
              double       t,
              GRand       *rand,
              ChaosTotals *totals)
{
  ChaosKind kind = g_rand_int_range (rand, 0, 4);   /* kill twice as often as the others */

  kind = kind == 3 ? CHAOS_KILL : kind;
  if (kill (pid, SIGSTOP) != 0)
    return;
  /* Stopped, the worker's note cannot change under us. */
  if (kind == CHAOS_KILL && has_inputs_in_flight (role))
    {
      kind = CHAOS_HANG;
      totals->kills_made_hangs++;
    }
  totals->counts[kind]++;
  printf ("  %7.1f s  %-10s pid %-7d %s\n", t, role, pid, chaos_names[kind]);
  switch (kind)
    {
    case CHAOS_KILL:
      kill (pid, SIGKILL);
      g_array_append_val (chaos->hits, t);
      break;
    case CHAOS_PAUSE:
      chaos->pid = pid;
      chaos->stopped_at = t;
      chaos->cont_at = t + g_rand_double_range (rand, 0.5, 2.0);
      chaos->hang = FALSE;
      break;
    case CHAOS_HANG:
    case N_CHAOS:
    default:
      chaos->pid = pid;
      chaos->stopped_at = t;
      chaos->cont_at = t + HUNG_LIMIT_S;
      chaos->hang = TRUE;
      g_array_append_val (chaos->hits, t);
      break;
    }
  fflush (stdout);
}

/* Continues pauses that are due; sees hung workers killed, or continues them when the
 * supervisor missed them (a failure). */
static void
chaos_tend (RoleChaos   *chaos,
            const char  *role,
            double       t,
            ChaosTotals *totals)
{
  if (chaos->pid == 0)
    return;
  if (chaos->hang && !process_alive (chaos->pid))
    {
      double detect = t - chaos->stopped_at;

      g_array_append_val (totals->hang_detect_s, detect);
      totals->hangs_detected++;
      chaos->pid = 0;
      return;
    }
  if (t < chaos->cont_at)
    return;
  if (chaos->hang)
    {
      printf ("  %7.1f s  %-10s pid %-7d stopped %.1f s and not killed as hung\n", t, role,
              chaos->pid, t - chaos->stopped_at);
      totals->hangs_missed++;
    }
  kill (chaos->pid, SIGCONT);
  chaos->pid = 0;
}

/* --- the run ---------------------------------------------------------------------------- */

static void
print_percentiles (const char *name,
                   GArray     *values,
                   const char *unit)
{
  VitrineLatencySummary s;

  if (values->len == 0)
    {
      printf ("%-38s no samples\n", name);
      return;
    }
  vitrine_latency_summarize_array ((double *) (void *) values->data, values->len, &s);
  printf ("%-38s p50 %9.3f %s   p95 %9.3f %s   p99 %9.3f %s   max %9.3f %s   (n=%u)\n", name,
          s.p50, unit, s.p95, unit, s.p99, unit, s.max, unit, values->len);
}

static void
print_summary (const char *name,
               JsonObject *summary,
               const char *unit)
{
  if (summary == NULL)
    {
      printf ("%-38s none\n", name);
      return;
    }
  printf ("%-38s p50 %9.3f %s   p95 %9.3f %s   p99 %9.3f %s   max %9.3f %s\n", name,
          json_object_get_double_member (summary, "p50"), unit,
          json_object_get_double_member (summary, "p95"), unit,
          json_object_get_double_member (summary, "p99"), unit,
          json_object_get_double_member (summary, "max"), unit);
}

static int
soak (double  minutes,
      guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *folder = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(JsonParser) last_parser = NULL;
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) frame_p99 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_max = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GHashTable) seen_pids = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) broken_skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) feed_skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GArray *series[N_SERIES];
  RoleChaos chaos[N_SERIES] = { 0 };
  ChaosTotals totals = { 0 };
  JsonObject *last_status = NULL;
  g_autofree char *current = NULL;
  gint64 restarts[N_SERIES] = { 0 }, quarantined[N_SERIES] = { 0 };
  gint64 transitions = -1, first_eviction_t = -1;
  double end_t = minutes * 60, next_sample = 0, next_chaos, last_change = 0, longest_still = 0;
  double warm_t;
  int app_pid;
  gboolean display_died = FALSE;
  guint images_shown = 0;
  SoakFeeds *feeds;
  gint64 start;

  for (guint r = 0; r < N_SERIES; r++)
    {
      series[r] = g_array_new (FALSE, FALSE, sizeof (Sample));
      chaos[r].hits = g_array_new (FALSE, FALSE, sizeof (double));
    }
  totals.hang_detect_s = g_array_new (FALSE, FALSE, sizeof (double));

  printf ("soak: %.0f min, seed %u, interval %d s, sample every %d s\n", minutes, seed, INTERVAL_S, SAMPLE_S);
  folder = photo_folder (rand);
  printf ("folder: %u good photos (%u sources, %u names each: 1920x1080 to 6000x4000, JPEG and PNG), 4 broken\n",
          (guint) (G_N_ELEMENTS (sources) * LINKS_PER_SOURCE), (guint) G_N_ELEMENTS (sources), LINKS_PER_SOURCE);
  feeds = soak_feeds_start (seed);
  printf ("feeds: %d image feeds, %d headline feeds and the weather from a flaky loopback server\n",
          SOAK_IMAGE_FEEDS, SOAK_HEADLINE_FEEDS);

  app = app_start (folder, feeds);
  app_pid = atoi (g_subprocess_get_identifier (app));
  start = g_get_monotonic_time ();
  next_chaos = 10 + g_rand_double_range (rand, 4, 12);
  printf ("chaos (after 10 s; at most %d per role within %d s):\n", HIT_LIMIT, HIT_WINDOW_S);
  fflush (stdout);

  while (now_s (start) < end_t)
    {
      double t = now_s (start);

      for (guint r = 1; r < N_SERIES; r++)
        chaos_tend (&chaos[r], roles[r], t, &totals);

      if (!process_alive (app_pid))
        {
          display_died = TRUE;
          break;
        }

      if (t >= next_sample)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *status = status_object (parser);
          JsonObject *display, *compositor, *cache;
          JsonArray *skipped;

          next_sample += SAMPLE_S;
          if (status == NULL)
            {
              if (!process_alive (app_pid))
                {
                  display_died = TRUE;
                  break;
                }
              continue;
            }
          t = now_s (start);
          for (guint r = 0; r < N_SERIES; r++)
            {
              int pid = r == 0 ? app_pid : worker_pid (status, roles[r]);
              Sample s = { t, pid, 0, 0, 0, { 0 } };
              guint fds, memfds;

              if (pid <= 0 || pid == chaos[r].pid || !count_fds (pid, &fds, &memfds))
                continue;
              s.fds = fds;
              s.memfds = memfds;
              s.rss_mb = rss_mb (pid);
              if (s.rss_mb < 0)
                continue;
              if (r == 0)
                read_parts (status, &s);
              g_array_append_val (series[r], s);
              g_hash_table_add (seen_pids, GINT_TO_POINTER (pid));
            }
          for (guint r = 1; r < N_SERIES; r++)
            {
              JsonObject *worker = worker_object (status, roles[r]);
              JsonArray *list;

              if (worker == NULL)
                continue;
              restarts[r] = json_object_get_int_member (worker, "restarts");
              quarantined[r] = json_object_get_int_member (worker, "quarantined_total");
              if (g_str_equal (json_object_get_string_member (worker, "state"), "failed"))
                {
                  g_ptr_array_add (failures, g_strdup_printf ("the %s role gave up (%s)", roles[r],
                                                              json_object_get_string_member (worker, "last_restart_reason")));
                  end_t = t;
                }
              list = json_object_get_array_member (worker, "quarantined");
              for (guint i = 0; i < json_array_get_length (list); i++)
                {
                  const char *path = json_array_get_string_element (list, i);

                  if (r == 1 && is_good (path))
                    {
                      g_ptr_array_add (failures, g_strdup_printf ("a good photo was quarantined: %s", path));
                      end_t = t;
                    }
                }
            }
          skipped = json_object_get_array_member (json_object_get_object_member (status, "slideshow"), "skipped");
          for (guint i = 0; i < json_array_get_length (skipped); i++)
            {
              JsonObject *entry = json_array_get_object_element (skipped, i);
              const char *path = json_object_get_string_member (entry, "path");

              /* The flaky server's truncated images are mirrored as they came. */
              if (strstr (path, "/vitrine/feeds/") != NULL)
                {
                  if (!g_hash_table_contains (feed_skipped, path))
                    g_hash_table_insert (feed_skipped, g_strdup (path),
                                         g_strdup (json_object_get_string_member (entry, "reason")));
                  continue;
                }
              if (is_good (path))
                {
                  g_ptr_array_add (failures, g_strdup_printf ("a good photo was skipped: %s (%s)", path,
                                                              json_object_get_string_member (entry, "reason")));
                  end_t = t;
                }
              else if (!g_hash_table_contains (broken_skipped, path))
                g_hash_table_insert (broken_skipped, g_strdup (path),
                                     g_strdup (json_object_get_string_member (entry, "reason")));
            }
          cache = json_object_get_object_member (json_object_get_object_member (status, "slideshow"), "cache");
          soak_feeds_check (feeds, status, t, failures);
          if (first_eviction_t < 0 && json_object_get_int_member (cache, "evictions") > 0)
            first_eviction_t = (gint64) t;

          display = first_display (status);
          compositor = display != NULL ? json_object_get_object_member (display, "compositor") : NULL;
          if (display != NULL && compositor != NULL)
            {
              const char *shown = JSON_NODE_HOLDS_NULL (json_object_get_member (display, "current")) ? NULL
                                  : json_object_get_string_member (display, "current");
              gint64 drawn = json_object_get_int_member (compositor, "transitions");
              JsonObject *frames = json_object_get_object_member (compositor, "frame_interval_ms");

              if (g_strcmp0 (shown, current) != 0 || drawn != transitions)
                {
                  if (transitions >= 0)
                    images_shown += drawn - transitions;
                  g_free (current);
                  current = g_strdup (shown);
                  transitions = drawn;
                  last_change = t;
                }
              if (t >= WARMUP_S && frames != NULL)
                {
                  double p99 = json_object_get_double_member (frames, "p99");
                  double max = json_object_get_double_member (frames, "max");

                  g_array_append_val (frame_p99, p99);
                  g_array_append_val (frame_max, max);
                }
            }
          if (t > 15)
            longest_still = MAX (longest_still, t - last_change);
          g_clear_object (&last_parser);
          last_parser = g_steal_pointer (&parser);
          last_status = status;
          if ((guint) t / 60 != (guint) (t - SAMPLE_S) / 60)
            {
              const Sample *d = series[0]->len ? &g_array_index (series[0], Sample, series[0]->len - 1) : NULL;

              printf ("  %7.1f s  display fds %.0f memfds %.0f rss %.1f MB; restarts image %" G_GINT64_FORMAT
                      " feed %" G_GINT64_FORMAT " audio %" G_GINT64_FORMAT " transition %" G_GINT64_FORMAT
                      "; %u images shown\n", t, d ? d->fds : 0, d ? d->memfds : 0, d ? d->rss_mb : 0,
                      restarts[1], restarts[2], restarts[3], restarts[4], images_shown);
              fflush (stdout);
            }
        }

      if (t >= next_chaos)
        {
          g_autoptr(GPtrArray) eligible = g_ptr_array_new ();
          g_autoptr(JsonParser) parser = json_parser_new ();
          JsonObject *status = status_object (parser);

          next_chaos = t + g_rand_double_range (rand, 4, 12);
          for (guint r = 1; status != NULL && r < N_SERIES; r++)
            if (chaos[r].pid == 0 && worker_pid (status, roles[r]) > 0 && recent_hits (&chaos[r], t) < HIT_LIMIT)
              g_ptr_array_add (eligible, GUINT_TO_POINTER (r));
          if (eligible->len > 0)
            {
              guint r = GPOINTER_TO_UINT (eligible->pdata[g_rand_int_range (rand, 0, eligible->len)]);

              chaos_strike (&chaos[r], roles[r], worker_pid (status, roles[r]), t, rand, &totals);
            }
        }
      g_usleep (100 * 1000);
    }

  for (guint r = 1; r < N_SERIES; r++)
    if (chaos[r].pid != 0)
      kill (chaos[r].pid, SIGCONT);

  /* --- verdicts --- */
  warm_t = MAX (WARMUP_S, first_eviction_t);
  if (first_eviction_t >= 0)
    printf ("\nran %.1f min; warm-up %.0f s (the first minute, or until the cache first evicted: %" G_GINT64_FORMAT " s)\n",
            now_s (start) / 60, warm_t, first_eviction_t);
  else
    printf ("\nran %.1f min; warm-up %.0f s (the cache never evicted)\n", now_s (start) / 60, warm_t);
  printf ("chaos: %u kills, %u stop+cont, %u hangs (%u of them kills while inputs were in flight); "
          "hung detection killed %u, missed %u\n",
          totals.counts[CHAOS_KILL], totals.counts[CHAOS_PAUSE], totals.counts[CHAOS_HANG],
          totals.kills_made_hangs, totals.hangs_detected, totals.hangs_missed);
  print_percentiles ("hung worker killed after (stop to reap)", totals.hang_detect_s, "s ");
  printf ("restarts: image %" G_GINT64_FORMAT ", feed %" G_GINT64_FORMAT ", audio %" G_GINT64_FORMAT
          ", transition %" G_GINT64_FORMAT "; quarantined: image %" G_GINT64_FORMAT ", feed %" G_GINT64_FORMAT
          ", audio %" G_GINT64_FORMAT ", transition %" G_GINT64_FORMAT "\n",
          restarts[1], restarts[2], restarts[3], restarts[4],
          quarantined[1], quarantined[2], quarantined[3], quarantined[4]);
  printf ("images shown: %u (%.1f per minute); longest without a new image: %.0f s (limit %d s)\n",
          images_shown, images_shown / MAX (now_s (start) / 60, 1e-9), longest_still, STILL_LIMIT_S);
  {
    GHashTableIter iter;
    gpointer path, reason;

    soak_feeds_report (feeds, minutes, failures);
    printf ("feed images skipped (the server's truncated answers, mirrored as they came): %u\n",
            g_hash_table_size (feed_skipped));
    g_hash_table_iter_init (&iter, feed_skipped);
    while (g_hash_table_iter_next (&iter, &path, &reason))
      printf ("  %s\n", (const char *) reason);
    printf ("broken files skipped: %u of 4\n", g_hash_table_size (broken_skipped));
    g_hash_table_iter_init (&iter, broken_skipped);
    while (g_hash_table_iter_next (&iter, &path, &reason))
      {
        g_autofree char *base = g_path_get_basename (path);

        printf ("  %-24s %s\n", base, (const char *) reason);
      }
  }

  printf ("\nresources after the warm-up (per role: the current process, fitted within each life)\n");
  for (guint r = 0; r < N_SERIES; r++)
    for (Kind k = 0; k < N_KINDS; k++)
      {
        Fit fit;

        fit_series (series[r], k, warm_t, &fit);
        if (r == 0 && k == RSS)
          {
            printf ("%-10s %-6s  start %8.1f MB  end %8.1f MB  max %8.1f MB  slope %+8.2f MB/h  rise %+7.1f MB  "
                    "judged by its parts below\n", roles[r], kind_names[k], fit.start, fit.end, fit.max,
                    fit.slope_per_h, fit.rise);
            continue;
          }
        if (judge (roles[r], k, &fit))
          g_ptr_array_add (failures, g_strdup_printf ("%s %s grow: %+.2f per hour, rise %+.1f",
                                                      roles[r], kind_names[k], fit.slope_per_h, fit.rise));
        if (k == N_KINDS - 1 && r > 0)
          printf ("%-10s        %u samples over %u processes\n", roles[r], fit.n, fit.lives);
      }
  judge_display_memory (series[0], warm_t, failures);

  printf ("\n");
  print_percentiles ("frame interval p99 per 5 s sample", frame_p99, "ms");
  print_percentiles ("frame interval max per 5 s sample", frame_max, "ms");
  if (last_status != NULL)
    {
      JsonObject *display = first_display (last_status);
      JsonNode *stalls = json_object_get_member (last_status, "main_loop_stalls_ms");

      if (display != NULL)
        print_summary ("frame interval (last 512 frames)",
                       json_object_get_object_member (json_object_get_object_member (display, "compositor"),
                                                      "frame_interval_ms"), "ms");
      if (stalls != NULL && JSON_NODE_HOLDS_OBJECT (stalls))
        {
          JsonObject *o = json_node_get_object (stalls);

          printf ("stall probe: %lld ticks of a 1 ms timer from %d s on\n",
                  (long long) json_object_get_int_member (json_object_get_object_member (o, "cpu"), "samples"),
                  WARMUP_S);
          print_summary ("main thread busy between ticks (CPU)", json_object_get_object_member (o, "cpu"), "ms");
          print_summary ("tick lateness (wall clock)", json_object_get_object_member (o, "late"), "ms");
          printf ("the longest busy stretch ended %.1f s after the display started\n",
                  json_object_get_int_member_with_default (o, "cpu_max_at_uptime_ms", 0) / 1000.0);
        }
    }

  if (display_died)
    g_ptr_array_add (failures, g_strdup_printf ("the display died after %.1f s", now_s (start)));
  if (longest_still > STILL_LIMIT_S)
    g_ptr_array_add (failures, g_strdup_printf ("the display showed one image for %.0f s", longest_still));
  if (totals.hangs_missed > 0)
    g_ptr_array_add (failures, g_strdup_printf ("hung detection missed %u stopped workers", totals.hangs_missed));

  if (!display_died)
    {
      const char *argv[] = { VITRINE_APP_PATH, "--quit", NULL };
      GHashTableIter iter;
      gpointer pid;
      gboolean exited = FALSE;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, NULL, NULL);
      for (guint i = 0; i < 100 && !(exited = !process_alive (app_pid)); i++)
        g_usleep (100 * 1000);
      if (!exited)
        {
          g_ptr_array_add (failures, g_strdup ("the display did not quit within 10 s"));
          g_subprocess_force_exit (app);
        }
      g_subprocess_wait (app, NULL, NULL);
      g_hash_table_iter_init (&iter, seen_pids);
      while (g_hash_table_iter_next (&iter, &pid, NULL))
        if (GPOINTER_TO_INT (pid) != app_pid && process_alive (GPOINTER_TO_INT (pid)))
          g_ptr_array_add (failures, g_strdup_printf ("worker %d outlived the display", GPOINTER_TO_INT (pid)));
    }

  soak_feeds_stop (feeds);
  printf ("\n");
  for (guint i = 0; i < failures->len; i++)
    printf ("FAIL: %s\n", (const char *) failures->pdata[i]);
  printf ("soak: %s\n", failures->len == 0 ? "PASS" : "FAIL");

  for (guint r = 0; r < N_SERIES; r++)
    {
      g_array_unref (series[r]);
      g_array_unref (chaos[r].hits);
    }
  g_array_unref (totals.hang_detect_s);
  return failures->len == 0 ? 0 : 1;
}

int
main (int   argc,
      char *argv[])
{
  double minutes = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 60;
  guint32 seed = argc > 2 ? (guint32) g_ascii_strtoull (argv[2], NULL, 10) : 1;
  int status;

  if (minutes <= 0)
    {
      fprintf (stderr, "usage: bench-soak [MINUTES [SEED]]\n");
      return 2;
    }
  setvbuf (stdout, NULL, _IOLBF, 0);
  workdir = g_dir_make_tmp ("vitrine-soak-XXXXXX", NULL);
  /* Private state, so a poison list or note from another run never counts here. */
  statedir = g_build_filename (workdir, "state", NULL);
  g_setenv ("XDG_STATE_HOME", statedir, TRUE);
  {
    g_autofree char *cache = g_build_filename (workdir, "cache", NULL);
    g_autofree char *config = g_build_filename (workdir, "config", NULL);

    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  }

  status = soak (minutes, seed);

  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", workdir);

    if (system (rm) != 0)
      fprintf (stderr, "could not remove %s\n", workdir);
  }
  g_free (statedir);
  g_free (workdir);
  return status;
}
