/* bench-frames-peer.c: the peer of `build-aux/dev bench frames`: a bare GTK 4 program,
 * one GtkGLArea in a fullscreen window driven by a tick callback, drawing Vitrine's own
 * programs (quad.vert, common.glsl + the transition's .frag, through vitrine-programs.c,
 * the same uniforms) from two RGBA8 textures of the display's size. It is what a frame
 * costs the GTK stack and the shaders alone.
 *
 *   bench-frames-peer SCENE WARMUP SECONDS
 *
 * SCENE is a transition's name (it runs over and over, 2 s each), "ken-burns" (one image
 * panning and zooming, textures 1.15 times the screen as the display prepares them) or
 * "still" (one image drawn once; the frame clock then idles) or "label" (the still image
 * under a GtkLabel in a GtkOverlay whose text changes every frame: what a window redraw
 * costs when only an overlay changes and the GL area is not rendered again; the frames
 * counted are the label's). After WARMUP seconds it
 * measures for SECONDS and prints one line: frames drawn, CPU time of the whole process
 * over that window (/proc/self/stat, every thread), and the frame intervals (between
 * tick callbacks) p50/p95/p99/max, then quits.
 *
 * With BENCH_FRAMES_STALL_PROBE set it also runs the display's stall probe (a 1 ms timer at
 * high priority, the main thread's CPU time between its ticks: VITRINE_STALL_PROBE) over the
 * window and appends its p50/p95/p99/max to the line; with BENCH_FRAMES_UPLOAD_MS=N it
 * uploads the incoming image again, whole, in one glTexSubImage2D every N ms, as a program
 * that does not spread its uploads would while its photos change.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "vitrine-cpu-time.h"
#include "vitrine-ken-burns.h"
#include "vitrine-latency.h"
#include "vitrine-programs.h"
#include "vitrine-transition.h"

#define TRANSITION_SECONDS 2.0
#define KEN_BURNS_ZOOM     1.15
#define GRID_CELL          32    /* diffuse-block-size and particle-size by default */

typedef struct
{
  GtkWidget       *area;
  VitrinePrograms  programs;
  VitrineTransitionType type;
  gboolean         ken_burns;
  gboolean         still;
  GtkWidget       *label;        /* "label" only */
  GLuint           textures[2];
  GLuint           payload;
  guint            payload_size[2];
  VitrineKenBurns  motion;
  gint64           start;        /* the first tick's frame time */
  gint64           measure_from; /* G_MAXINT64 until the window opens */
  gint64           last_tick;
  double           cpu_from;
  guint            frames;       /* drawn in the window */
  GArray          *intervals;    /* ms between ticks in the window */
  GArray          *stalls;       /* BENCH_FRAMES_STALL_PROBE: ms of main-thread CPU per tick */
  gint64           stall_cpu_ns;
  guint8          *upload;       /* BENCH_FRAMES_UPLOAD_MS: the incoming image's pixels */
  guint            upload_size[2];
  gint64           upload_every_us, uploaded_at;
  gboolean         done;
} Peer;

/* CPU time of this process (all threads) in ms, as the benchmark reads every process. */
static double
process_cpu_ms (void)
{
  g_autofree char *stat = NULL;
  unsigned long long utime = 0, stime = 0;
  const char *p;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) || (p = strrchr (stat, ')')) == NULL ||
      sscanf (p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
    g_error ("cannot read /proc/self/stat");
  return (utime + stime) * 1000.0 / sysconf (_SC_CLK_TCK);
}

/* The display's stall probe, the same timer and figure. */
static gboolean
stall_probe_cb (gpointer user_data)
{
  Peer *peer = user_data;
  gint64 cpu = vitrine_thread_cpu_ns ();

  if (peer->done)
    return G_SOURCE_REMOVE;
  if (peer->measure_from != G_MAXINT64 && peer->stall_cpu_ns != 0)
    {
      double busy = (cpu - peer->stall_cpu_ns) / 1e6;

      g_array_append_val (peer->stalls, busy);
    }
  peer->stall_cpu_ns = cpu;
  return G_SOURCE_CONTINUE;
}

static guint8 *
pattern_pixels (guint    width,
                guint    height,
                gboolean rings)
{
  guint8 *pixels = g_malloc ((gsize) width * height * 4);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint8 *p = pixels + ((gsize) y * width + x) * 4;

        p[0] = rings ? 40 : (guint8) (x * 255 / width);
        p[1] = rings ? (guint8) (((guint64) x * x + (guint64) y * y) / 97) : (guint8) (((x + y) / 32) % 2 ? 200 : 60);
        p[2] = (guint8) (y * 255 / height);
        p[3] = 255;
      }
  return pixels;
}

static GLuint
pattern_texture (guint    width,
                 guint    height,
                 gboolean rings)
{
  g_autofree guint8 *pixels = pattern_pixels (width, height, rings);
  GLuint texture = vitrine_programs_payload_texture (pixels, width, height, width * 4);

  /* Sampled as the compositor samples its images. */
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri (GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  return texture;
}

/* The type's payload on the grid the default settings give at this size. */
static void
make_payload (Peer *peer,
              guint width,
              guint height)
{
  guint columns = (width + GRID_CELL - 1) / GRID_CELL, rows = (height + GRID_CELL - 1) / GRID_CELL;
  g_autofree guint8 *texels = NULL;

  if (!vitrine_transition_needs_payload (peer->type))
    return;
  if (peer->type == VITRINE_TRANSITION_TYPE_BLOCK_PUZZLE_FLIP || peer->type == VITRINE_TRANSITION_TYPE_CRUMBLE)
    {
      columns = 10;
      rows = 6;
    }
  texels = g_malloc0 ((gsize) columns * rows * 4);
  if (peer->type == VITRINE_TRANSITION_TYPE_DIFFUSE)
    vitrine_transition_diffuse_order (columns, rows, 1, texels);
  else if (peer->type == VITRINE_TRANSITION_TYPE_BLOCK_PUZZLE_FLIP)
    vitrine_transition_puzzle_schedule (columns, rows, VITRINE_DIRECTION_LEFT, 1, texels);
  else if (peer->type == VITRINE_TRANSITION_TYPE_CRUMBLE)
    vitrine_transition_crumble_shards (columns, rows, VITRINE_CRUMBLE_ORDER_RANDOM, 1, texels);
  else if (peer->type == VITRINE_TRANSITION_TYPE_PARTICLE)
    vitrine_transition_particle_schedule (columns, rows, VITRINE_PARTICLE_MODE_DIRECTIONAL,
                                          VITRINE_DIRECTION_LEFT, 1, texels);
  peer->payload = vitrine_programs_payload_texture (texels, columns, rows, columns * 4);
  peer->payload_size[0] = columns;
  peer->payload_size[1] = rows;
}

static void
realize_cb (GtkGLArea *area,
            Peer      *peer)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  guint width = gtk_widget_get_width (GTK_WIDGET (area)) * scale;
  guint height = gtk_widget_get_height (GTK_WIDGET (area)) * scale;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  g_autoptr(GError) error = NULL;

  gtk_gl_area_make_current (area);
  if (gtk_gl_area_get_error (area) != NULL)
    g_error ("no GL: %s", gtk_gl_area_get_error (area)->message);
  if (!vitrine_programs_build (&peer->programs, gdk_gl_context_get_use_es (gtk_gl_area_get_context (area)), &error))
    g_error ("%s", error->message);
  /* Not allocated yet at realize: the monitor's size, which the window covers. */
  if (width == 0 || height == 0)
    {
      GdkMonitor *monitor = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      width = geometry.width * scale;
      height = geometry.height * scale;
      g_object_unref (monitor);
    }
  if (g_getenv ("BENCH_FRAMES_VERBOSE") != NULL)
    fprintf (stderr, "peer: %ux%u, %s\n", width, height, (const char *) glGetString (GL_RENDERER));
  if (peer->ken_burns)
    {
      vitrine_ken_burns_plan (&peer->motion, 600, KEN_BURNS_ZOOM, rand);
      width = (guint) (width * KEN_BURNS_ZOOM + 0.5);
      height = (guint) (height * KEN_BURNS_ZOOM + 0.5);
    }
  peer->textures[0] = pattern_texture (width, height, FALSE);
  peer->textures[1] = pattern_texture (width, height, TRUE);
  if (peer->upload_every_us > 0)
    {
      peer->upload = pattern_pixels (width, height, TRUE);
      peer->upload_size[0] = width;
      peer->upload_size[1] = height;
    }
  make_payload (peer, width, height);
}

static gboolean
render_cb (GtkGLArea    *area,
           GdkGLContext *context,
           Peer         *peer)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (area));
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (area));
  double seconds = peer->start != 0 ? (now - peer->start) / (double) G_USEC_PER_SEC : 0;
  VitrineFrame frame = {
    .type = peer->type, .from_texture = peer->textures[0], .to_texture = peer->textures[1],
    .payload_texture = peer->payload, .payload_width = peer->payload_size[0],
    .payload_height = peer->payload_size[1], .has_from = TRUE, .seed = 0.3f,
    .direction = VITRINE_DIRECTION_LEFT,
    .width = gtk_widget_get_width (GTK_WIDGET (area)) * scale,
    .height = gtk_widget_get_height (GTK_WIDGET (area)) * scale,
  };

  if (now >= peer->measure_from && peer->label == NULL)
    peer->frames++;
  if (peer->start == now && g_getenv ("BENCH_FRAMES_VERBOSE") != NULL)
    fprintf (stderr, "peer: drawing %dx%d\n", frame.width, frame.height);
  if (peer->upload != NULL && now - peer->uploaded_at >= peer->upload_every_us)
    {
      glBindTexture (GL_TEXTURE_2D, peer->textures[1]);
      glTexSubImage2D (GL_TEXTURE_2D, 0, 0, 0, peer->upload_size[0], peer->upload_size[1], GL_RGBA,
                       GL_UNSIGNED_BYTE, peer->upload);
      peer->uploaded_at = now;
    }
  glClearColor (0, 0, 0, 1);
  glClear (GL_COLOR_BUFFER_BIT);
  if (peer->ken_burns || peer->still)
    {
      frame.type = VITRINE_TRANSITION_TYPE_CROSSFADE;
      frame.progress = 1.0;
      vitrine_ken_burns_window (peer->ken_burns ? &peer->motion : NULL, now - peer->start, frame.to_window);
    }
  else
    frame.progress = vitrine_easing_apply (VITRINE_EASING_SINE_IN_OUT,
                                           fmod (seconds, TRANSITION_SECONDS) / TRANSITION_SECONDS);
  vitrine_programs_draw (&peer->programs, &frame);
  return TRUE;
}

static void
finish (Peer *peer)
{
  VitrineLatencySummary s = { 0 };
  double cpu = process_cpu_ms () - peer->cpu_from;

  if (peer->intervals->len > 0)
    vitrine_latency_summarize_array ((double *) (void *) peer->intervals->data, peer->intervals->len, &s);
  printf ("frames=%u cpu_ms=%.1f p50=%.3f p95=%.3f p99=%.3f max=%.3f", peer->frames, cpu, s.p50, s.p95,
          s.p99, s.max);
  if (peer->stalls != NULL && peer->stalls->len > 0)
    {
      vitrine_latency_summarize_array ((double *) (void *) peer->stalls->data, peer->stalls->len, &s);
      printf (" stall_ticks=%u stall_p50=%.3f stall_p95=%.3f stall_p99=%.3f stall_max=%.3f", peer->stalls->len,
              s.p50, s.p95, s.p99, s.max);
    }
  printf ("\n");
  fflush (stdout);
  peer->done = TRUE;
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  Peer *peer = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (peer->start == 0)
    peer->start = now;
  if (now >= peer->measure_from && peer->last_tick != 0)
    {
      double interval = (now - peer->last_tick) / 1000.0;

      g_array_append_val (peer->intervals, interval);
    }
  peer->last_tick = now;
  gtk_gl_area_queue_render (GTK_GL_AREA (widget));
  /* A still image is drawn once; the frame clock then has nothing to do. */
  return peer->still ? G_SOURCE_REMOVE : G_SOURCE_CONTINUE;
}

/* "label": only the overlay changes, every frame. */
static gboolean
label_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  Peer *peer = user_data;
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, now / 1000);

  if (now >= peer->measure_from)
    {
      peer->frames++;
      if (peer->last_tick != 0)
        {
          double interval = (now - peer->last_tick) / 1000.0;

          g_array_append_val (peer->intervals, interval);
        }
    }
  peer->last_tick = now;
  gtk_label_set_label (GTK_LABEL (widget), text);
  return G_SOURCE_CONTINUE;
}

/* The window is measured by the wall clock too, so that a still scene (no ticks) ends. */
static gboolean
measure_start_cb (gpointer user_data)
{
  Peer *peer = user_data;

  peer->measure_from = g_get_monotonic_time ();
  peer->last_tick = 0;
  peer->cpu_from = process_cpu_ms ();
  return G_SOURCE_REMOVE;
}

static gboolean
measure_end_cb (gpointer user_data)
{
  finish (user_data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  Peer peer = { 0 };
  GtkWidget *window;
  double warmup, seconds;

  if (argc != 4)
    {
      fprintf (stderr, "usage: bench-frames-peer TRANSITION|ken-burns|still|label WARMUP SECONDS\n");
      return 2;
    }
  peer.ken_burns = g_str_equal (argv[1], "ken-burns");
  peer.still = g_str_equal (argv[1], "still") || g_str_equal (argv[1], "label");
  if (!peer.ken_burns && !peer.still && !vitrine_transition_from_name (argv[1], &peer.type))
    {
      fprintf (stderr, "bench-frames-peer: no transition \"%s\"\n", argv[1]);
      return 2;
    }
  warmup = g_ascii_strtod (argv[2], NULL);
  seconds = g_ascii_strtod (argv[3], NULL);
  peer.intervals = g_array_new (FALSE, FALSE, sizeof (double));
  peer.measure_from = G_MAXINT64;
  if (g_getenv ("BENCH_FRAMES_UPLOAD_MS") != NULL)
    peer.upload_every_us = g_ascii_strtoll (g_getenv ("BENCH_FRAMES_UPLOAD_MS"), NULL, 10) * 1000;

  gtk_init ();
  window = gtk_window_new ();
  peer.area = gtk_gl_area_new ();
  gtk_gl_area_set_has_depth_buffer (GTK_GL_AREA (peer.area), FALSE);
  g_signal_connect (peer.area, "realize", G_CALLBACK (realize_cb), &peer);
  g_signal_connect (peer.area, "render", G_CALLBACK (render_cb), &peer);
  gtk_widget_add_tick_callback (peer.area, tick_cb, &peer, NULL);
  if (g_str_equal (argv[1], "label"))
    {
      GtkWidget *overlay = gtk_overlay_new ();

      peer.label = gtk_label_new ("");
      gtk_widget_set_halign (peer.label, GTK_ALIGN_END);
      gtk_widget_set_valign (peer.label, GTK_ALIGN_END);
      gtk_overlay_set_child (GTK_OVERLAY (overlay), peer.area);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), peer.label);
      gtk_widget_add_tick_callback (peer.label, label_tick_cb, &peer, NULL);
      gtk_window_set_child (GTK_WINDOW (window), overlay);
    }
  else
    gtk_window_set_child (GTK_WINDOW (window), peer.area);
  /* Xvfb has no window manager to honour the fullscreen request: asking for the
   * monitor's size covers the screen there too, as the display window does. */
  {
    GdkMonitor *monitor = g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
    GdkRectangle geometry;

    gdk_monitor_get_geometry (monitor, &geometry);
    if (g_getenv ("BENCH_FRAMES_NATURAL_SIZE") == NULL)
      gtk_window_set_default_size (GTK_WINDOW (window), geometry.width, geometry.height);
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (window), monitor);
    g_object_unref (monitor);
  }
  gtk_window_present (GTK_WINDOW (window));

  if (g_getenv ("BENCH_FRAMES_STALL_PROBE") != NULL)
    {
      peer.stalls = g_array_new (FALSE, FALSE, sizeof (double));
      g_timeout_add_full (G_PRIORITY_HIGH, 1, stall_probe_cb, &peer, NULL);
    }
  g_timeout_add ((guint) (warmup * 1000), measure_start_cb, &peer);
  g_timeout_add ((guint) ((warmup + seconds) * 1000), measure_end_cb, &peer);
  while (!peer.done)
    g_main_context_iteration (NULL, TRUE);
  g_array_unref (peer.intervals);
  g_clear_pointer (&peer.stalls, g_array_unref);
  g_free (peer.upload);
  return 0;
}
