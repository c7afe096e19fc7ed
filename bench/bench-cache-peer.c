/* bench-cache-peer.c: the floor of `build-aux/dev bench cache`: a bare GTK 4 program that
 * shows a photo it does not have to decode, as if its cache had it already.
 *
 *   bench-cache-peer PIXELS WIDTH HEIGHT
 *
 * It maps PIXELS (WIDTH × HEIGHT RGBA8 rows, what a disk cache entry holds), opens a
 * fullscreen window with one GtkPicture of them, prints the frame clock's time (monotonic
 * µs) of the first frame that draws the picture and quits. Launch to that time is what any
 * GTK program spends here before its first photo: the process, GTK, the X connection,
 * Mesa and the window, with nothing else to do.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>

static const char *pixels_path;
static int width, height;

static gboolean
first_frame (GtkWidget     *picture,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  GApplication *app = user_data;

  printf ("%" G_GINT64_FORMAT "\n", gdk_frame_clock_get_frame_time (clock));
  fflush (stdout);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
activate (GtkApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (pixels_path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkWidget *window, *picture;

  if (file == NULL)
    g_error ("%s", error->message);
  bytes = g_mapped_file_get_bytes (file);
  if (g_bytes_get_size (bytes) != (gsize) width * height * 4)
    g_error ("%s does not hold %d × %d RGBA pixels", pixels_path, width, height);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, (gsize) width * 4);

  window = gtk_application_window_new (app);
  picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_window_set_child (GTK_WINDOW (window), picture);
  gtk_widget_add_tick_callback (picture, first_frame, app, NULL);
  gtk_window_fullscreen (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

  if (argc != 4)
    {
      fprintf (stderr, "usage: %s PIXELS WIDTH HEIGHT\n", argv[0]);
      return 2;
    }
  pixels_path = argv[1];
  width = atoi (argv[2]);
  height = atoi (argv[3]);
  if (width <= 0 || height <= 0)
    return 2;
  app = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
