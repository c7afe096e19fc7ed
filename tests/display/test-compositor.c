/* test-compositor.c: the compositor in-process, in a real window under Xvfb.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "vitrine-compositor.h"
#include "vitrine-renderer-session.h"
#include "vitrine-test-util.h"

typedef struct
{
  guint device_changes;
  guint width;
  guint height;
  guint gl_resizes;
} SizeSeen;

static void
device_size_changed_cb (VitrineCompositor *compositor,
                        guint              width,
                        guint              height,
                        SizeSeen          *seen)
{
  seen->device_changes++;
  seen->width = width;
  seen->height = height;
}

static void
gl_resize_cb (GtkGLArea *area,
              int        width,
              int        height,
              SizeSeen  *seen)
{
  seen->gl_resizes++;
}

/*
 * Without a GL context (group C) GtkGLArea never emits ::resize, so the slideshow, which
 * asks for images at the display's size, must hear of the size from the compositor itself:
 * once the window is laid out, with the size in device pixels, and again when it changes.
 */
static void
test_device_size_without_gl (void)
{
  g_autoptr(VitrineRendererSession) session = vitrine_renderer_session_new (VITRINE_RENDERER_SOFTWARE);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *compositor = vitrine_compositor_new ();
  SizeSeen seen = { 0 };
  gint64 deadline;
  int scale;

  vitrine_renderer_session_start (session, VITRINE_RENDERER_SOFTWARE);
  vitrine_compositor_set_renderer_session (VITRINE_COMPOSITOR (compositor), session);
  g_signal_connect (compositor, "device-size-changed", G_CALLBACK (device_size_changed_cb), &seen);
  g_signal_connect (compositor, "resize", G_CALLBACK (gl_resize_cb), &seen);
  gtk_window_set_child (GTK_WINDOW (window), compositor);
  gtk_window_set_default_size (GTK_WINDOW (window), 320, 200);
  gtk_window_present (GTK_WINDOW (window));

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (seen.device_changes == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (seen.device_changes, ==, 1);
  scale = gtk_widget_get_scale_factor (compositor);
  g_assert_cmpuint (seen.width, ==, (guint) (gtk_widget_get_width (compositor) * scale));
  g_assert_cmpuint (seen.height, ==, (guint) (gtk_widget_get_height (compositor) * scale));
  g_assert_cmpuint (seen.width, >, 0);

  /* A few more frames: the same size is not announced again, and GtkGLArea stays silent
   * (the reason the compositor announces it). */
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 4;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (seen.device_changes, ==, 1);
  g_assert_cmpuint (seen.gl_resizes, ==, 0);

  gtk_window_set_default_size (GTK_WINDOW (window), 480, 300);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (seen.device_changes == 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (seen.device_changes, ==, 2);
  g_assert_cmpuint (seen.width, ==, (guint) (gtk_widget_get_width (compositor) * scale));
  g_assert_cmpuint (seen.height, ==, (guint) (gtk_widget_get_height (compositor) * scale));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The compositor in a real window: what it tells the slideshow");

  if (!vt_have_display ())
    {
      g_print ("1..0 # SKIP needs a display server (run under xvfb-run)\n");
      return 0;
    }
  gtk_init ();

  g_test_add_func ("/Compositor/device-size-without-gl", test_device_size_without_gl);

  return g_test_run ();
}
