/* test-overlay-layer.c: a display's overlay layer in-process, over a real compositor in a
 * window under Xvfb: a card set to one monitor follows the monitors as they change (the
 * layer learns its monitor's number again on the list's items-changed), and the dimming
 * follows its switch and amount.
 *
 * Xvfb has one screen and GDK sees no monitors come and go there, so the list is a
 * GListStore standing in for gdk_display_get_monitors(): the layer compares its items by
 * identity, as it does GDK's.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "vitrine-compositor.h"
#include "vitrine-overlay-layer.h"
#include "vitrine-overlay-style.h"
#include "vitrine-renderer-session.h"
#include "vitrine-settings-file.h"
#include "vitrine-test-util.h"

typedef struct
{
  GSettings              *root;
  GSettings              *widgets;
  GSettings              *display;
  VitrineRendererSession *session;
  VitrineOverlayStyle    *style;
  GListStore             *monitors;
  GObject                *mine;       /* the monitor this display is on */
  GtkWidget              *window;
  GtkWidget              *compositor;
  GtkWidget              *layer;
} Fixture;

static GSettings *
clock_settings (const char *id)
{
  g_autofree char *path = g_strdup_printf ("/io/github/vitrine/Vitrine/widgets/clocks/%s/", id);

  return g_settings_new_with_path (APP_ID ".Clock", path);
}

static gboolean
wait_until (gboolean (*done) (Fixture *fixture),
            Fixture   *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!done (fixture) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (2000), TRUE);
  return done (fixture);
}

static gboolean
has_image (Fixture *fixture)
{
  return vitrine_compositor_get_has_image (VITRINE_COMPOSITOR (fixture->compositor));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *clocks[] = { "everywhere", "second", NULL };
  g_autoptr(GSettings) everywhere = clock_settings ("everywhere");
  g_autoptr(GSettings) second = clock_settings ("second");
  g_autoptr(GBytes) pixels = NULL;
  g_autofree guint8 *grey = g_malloc (64 * 64 * 4);
  GtkWidget *overlay = gtk_overlay_new ();

  fixture->root = g_settings_new (APP_ID);
  vitrine_settings_file_reset (fixture->root);
  fixture->widgets = g_settings_get_child (fixture->root, "widgets");
  fixture->display = g_settings_get_child (fixture->root, "display");
  g_settings_set_double (fixture->widgets, "fade-duration", 0.0);
  g_settings_set_boolean (fixture->widgets, "pixel-shift", FALSE);
  g_settings_set_strv (fixture->widgets, "clocks", clocks);
  g_settings_set_string (everywhere, "label", "Everywhere");
  g_settings_set_int (everywhere, "monitor", -1);
  g_settings_set_string (second, "label", "Second");
  g_settings_set_int (second, "monitor", 1);
  g_settings_set_string (second, "anchor", "bottom-left");

  fixture->session = vitrine_renderer_session_new (VITRINE_RENDERER_SOFTWARE);
  vitrine_renderer_session_start (fixture->session, VITRINE_RENDERER_SOFTWARE);
  fixture->compositor = vitrine_compositor_new ();
  vitrine_compositor_set_renderer_session (VITRINE_COMPOSITOR (fixture->compositor), fixture->session);
  fixture->style = vitrine_overlay_style_new (fixture->root);
  fixture->monitors = g_list_store_new (G_TYPE_OBJECT);
  fixture->mine = g_object_new (G_TYPE_OBJECT, NULL);
  g_list_store_append (fixture->monitors, fixture->mine);
  fixture->layer = vitrine_overlay_layer_new (fixture->root, fixture->style,
                                              VITRINE_COMPOSITOR (fixture->compositor),
                                              G_LIST_MODEL (fixture->monitors), fixture->mine, FALSE);

  fixture->window = gtk_window_new ();
  gtk_overlay_set_child (GTK_OVERLAY (overlay), fixture->compositor);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), fixture->layer);
  gtk_window_set_child (GTK_WINDOW (fixture->window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 640, 400);
  gtk_window_present (GTK_WINDOW (fixture->window));

  memset (grey, 0x80, 64 * 64 * 4);
  pixels = g_bytes_new (grey, 64 * 64 * 4);
  vitrine_compositor_show (VITRINE_COMPOSITOR (fixture->compositor), "grey", pixels, 64, 64, 64 * 4, 0, 0, 0);
  g_assert_true (wait_until (has_image, fixture));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  vitrine_settings_file_reset (fixture->root);
  g_clear_object (&fixture->mine);
  g_clear_object (&fixture->monitors);
  g_clear_object (&fixture->style);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->display);
  g_clear_object (&fixture->widgets);
  g_clear_object (&fixture->root);
}

/* The layer's --status object. */
static JsonObject *
status (Fixture *fixture)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  vitrine_overlay_layer_add_status (VITRINE_OVERLAY_LAYER (fixture->layer), builder);
  node = json_builder_get_root (builder);
  return json_object_ref (json_node_get_object (node));
}

/* Whether the clock labelled @label is on screen, per --status. */
static gboolean
clock_visible (Fixture    *fixture,
               const char *label)
{
  g_autoptr(JsonObject) layer = status (fixture);
  JsonArray *cards = json_object_get_array_member (layer, "cards");

  for (guint i = 0; i < json_array_get_length (cards); i++)
    {
      JsonObject *card = json_array_get_object_element (cards, i);
      const char *text = json_object_get_string_member_with_default (card, "text", NULL);

      if (g_str_equal (json_object_get_string_member (card, "kind"), "clock") && text != NULL &&
          strstr (text, label) != NULL)
        return json_object_get_boolean_member (card, "visible");
    }
  g_error ("no clock labelled %s", label);
}

static int
layer_monitor (Fixture *fixture)
{
  g_autoptr(JsonObject) layer = status (fixture);

  return (int) json_object_get_int_member (layer, "monitor");
}

static gboolean
second_shown (Fixture *fixture)
{
  return clock_visible (fixture, "Second");
}

static gboolean
second_hidden (Fixture *fixture)
{
  return !clock_visible (fixture, "Second");
}

/*
 * The display on the first monitor shows the card for every display, not the one set to
 * monitor 1. A monitor plugged in before it makes its monitor the second: the card comes
 * (with no window opened or closed); unplugged again, it goes; the monitor itself gone,
 * only the card for every display stays.
 */
static void
test_card_follows_monitors (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GObject) plugged = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) after = g_object_new (G_TYPE_OBJECT, NULL);

  g_assert_cmpint (layer_monitor (fixture), ==, 0);
  g_assert_true (wait_until (second_hidden, fixture));
  g_assert_true (clock_visible (fixture, "Everywhere"));

  g_list_store_insert (fixture->monitors, 0, plugged);
  g_assert_cmpint (layer_monitor (fixture), ==, 1);
  g_assert_true (wait_until (second_shown, fixture));
  g_assert_true (clock_visible (fixture, "Everywhere"));

  /* Another after it changes nothing. */
  g_list_store_append (fixture->monitors, after);
  g_assert_cmpint (layer_monitor (fixture), ==, 1);
  g_assert_true (clock_visible (fixture, "Second"));

  g_list_store_remove (fixture->monitors, 0);
  g_assert_cmpint (layer_monitor (fixture), ==, 0);
  g_assert_true (wait_until (second_hidden, fixture));

  g_list_store_remove_all (fixture->monitors);
  g_assert_cmpint (layer_monitor (fixture), ==, -1);
  g_assert_true (clock_visible (fixture, "Everywhere"));
  g_assert_false (clock_visible (fixture, "Second"));
}

static gboolean
dim_is (Fixture *fixture,
        double   amount)
{
  return vitrine_overlay_layer_get_dim (VITRINE_OVERLAY_LAYER (fixture->layer)) == amount;
}

/* Off by default whatever the amount; on at the default 30 %, then at the amount set. */
static void
test_dim_switch (Fixture       *fixture,
                 gconstpointer  data)
{
  g_assert_true (dim_is (fixture, 0.0));
  g_settings_set_double (fixture->display, "dim", 0.5);
  g_assert_true (dim_is (fixture, 0.0));
  g_settings_reset (fixture->display, "dim");
  g_settings_set_boolean (fixture->display, "dim-enabled", TRUE);
  g_assert_true (dim_is (fixture, 0.3));
  g_settings_set_double (fixture->display, "dim", 0.7);
  g_assert_true (dim_is (fixture, 0.7));
  g_settings_set_boolean (fixture->display, "dim-enabled", FALSE);
  g_assert_true (dim_is (fixture, 0.0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The overlay layer in-process: cards follow the monitors, dimming its switch");

  if (!vt_have_display ())
    {
      g_print ("1..0 # SKIP needs a display server (run under xvfb-run)\n");
      return 0;
    }
  gtk_init ();

  g_test_add ("/OverlayLayer/card-follows-monitors", Fixture, NULL, fixture_setup, test_card_follows_monitors,
              fixture_teardown);
  g_test_add ("/OverlayLayer/dim-switch", Fixture, NULL, fixture_setup, test_dim_switch, fixture_teardown);

  return g_test_run ();
}
