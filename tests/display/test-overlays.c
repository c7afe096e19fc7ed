/* test-overlays.c: the overlay cards of the real application under Xvfb, in one run: two
 * clocks in two zones at a fixed "now" (VITRINE_TEST_NOW); the photo dimmed by the set
 * amount under the cards; a clock for another monitor left out; the pixel shift moving the cards and not the photo; now playing
 * from a real MPRIS player (mpv with mpv-mpris): title and album art (decoded by the image
 * worker) on screen, a Ctrl + click on play/pause in interaction mode changing the button,
 * a track change updating the card, a seek moving its position. Screens are compared by region, at the bounds
 * --status gives for each card.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "vitrine-test-app.h"
#include "vitrine-test-util.h"

#define NOW "2026-12-01T14:05:09Z"
#define GREY 128
#define DIM 0.5

typedef struct { int x, y, width, height; } Box;

typedef struct
{
  char        *dirs;
  GSubprocess *bus;
  GSubprocess *app;
  GSubprocess *player;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->dirs = vt_isolate_dirs ();
  fixture->bus = vt_bus_up ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->player != NULL)
    {
      g_subprocess_force_exit (fixture->player);
      vt_wait_for_exit (fixture->player, 3000);
      g_clear_object (&fixture->player);
    }
  vt_app_stop (&fixture->app);
  vt_bus_down (fixture->bus);
  g_clear_object (&fixture->bus);
  vt_remove_tree (fixture->dirs);
  g_clear_pointer (&fixture->dirs, g_free);
}

static void
write_png (const char *path,
           int         width,
           int         height,
           guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, "png", NULL, NULL));
}

/* The settings of this run: two clocks, dimming, the quickest pixel shift. The dimming is
 * stored as versions before `dim-enabled` stored it (`dim` alone, 0 = off): the startup
 * migration turns the switch on, or check_dim() finds the photo undimmed. */
static GSubprocess *
start_app (Fixture    *fixture,
           const char *photos)
{
  g_autofree char *saved_backend = g_strdup (g_getenv ("GSETTINGS_BACKEND"));
  g_autofree char *dir = g_build_filename (g_getenv ("XDG_CONFIG_HOME"), "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *folder = g_strconcat ("--folder=", photos, NULL);
  GSubprocess *app;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (keyfile,
    "[io/github/vitrine/Vitrine/display]\ndim=0.5\n"
    "[io/github/vitrine/Vitrine/widgets]\nclocks=['paris', 'tokyo', 'elsewhere']\npixel-shift-interval=10\n"
    "pixel-shift-distance=24\n"
    "[io/github/vitrine/Vitrine/widgets/clocks/paris]\ntimezone='Europe/Paris'\nlabel='Paris'\n"
    "show-zone=true\nanchor='top-left'\nmonitor=0\n"
    "[io/github/vitrine/Vitrine/widgets/clocks/elsewhere]\nlabel='Elsewhere'\nmonitor=1\nanchor='center'\n"
    "[io/github/vitrine/Vitrine/widgets/clocks/tokyo]\ntimezone='Asia/Tokyo'\nlabel='Tokyo'\n"
    "show-zone=true\nshow-seconds=true\nstyle='analog'\nanchor='top-right'\n", -1, NULL));
  g_setenv ("GSETTINGS_BACKEND", "keyfile", TRUE);
  g_setenv ("VITRINE_TEST_NOW", NOW, TRUE);
  app = vt_app_start (folder, "--interval=600", NULL);
  g_unsetenv ("VITRINE_TEST_NOW");
  g_setenv ("GSETTINGS_BACKEND", saved_backend != NULL ? saved_backend : "memory", TRUE);
  return app;
}

static JsonObject *
layer (JsonObject *status)
{
  JsonArray *overlays = json_object_get_array_member (status, "overlays");

  return json_array_get_length (overlays) > 0 ? json_array_get_object_element (overlays, 0) : NULL;
}

/* The card of @kind whose text starts with @prefix (NULL: any), or NULL. */
static JsonObject *
card (JsonObject *status,
      const char *kind,
      const char *prefix)
{
  JsonObject *display = layer (status);
  JsonArray *cards = display != NULL ? json_object_get_array_member (display, "cards") : NULL;

  for (guint i = 0; cards != NULL && i < json_array_get_length (cards); i++)
    {
      JsonObject *c = json_array_get_object_element (cards, i);
      JsonNode *text = json_object_get_member (c, "text");

      if (g_str_equal (json_object_get_string_member (c, "kind"), kind) &&
          (prefix == NULL || (!json_node_is_null (text) && g_str_has_prefix (json_node_get_string (text), prefix))))
        return c;
    }
  return NULL;
}

static gboolean
box_of (JsonObject *c,
        const char *member,
        Box        *box)
{
  JsonNode *node = json_object_get_member (c, member);
  JsonObject *b;

  if (node == NULL || json_node_is_null (node))
    return FALSE;
  b = json_node_get_object (node);
  *box = (Box) { json_object_get_int_member (b, "x"), json_object_get_int_member (b, "y"),
                 json_object_get_int_member (b, "width"), json_object_get_int_member (b, "height") };
  return box->width > 0 && box->height > 0;
}

typedef gboolean (*Check) (JsonObject *status, gconstpointer data);

static JsonObject *
wait_for (Check         check,
          gconstpointer data,
          const char   *what)
{
  for (guint attempt = 0; attempt < 200; attempt++)
    {
      JsonObject *status = vt_app_status ();

      if (layer (status) != NULL && check (status, data))
        return status;
      json_object_unref (status);
      vt_sleep (100);
    }
  g_error ("never saw %s", what);
}

static const guint8 *
pixel (GdkPixbuf *shot,
       int        x,
       int        y)
{
  return gdk_pixbuf_read_pixels (shot) + y * gdk_pixbuf_get_rowstride (shot) + x * gdk_pixbuf_get_n_channels (shot);
}

/* Pixels in @box brighter than 200 in every channel: text and hands on a dark card. */
static guint
bright_pixels (GdkPixbuf *shot,
               Box        box)
{
  guint n = 0;

  for (int y = box.y; y < box.y + box.height; y++)
    for (int x = box.x; x < box.x + box.width; x++)
      {
        const guint8 *p = pixel (shot, x, y);

        n += p[0] > 200 && p[1] > 200 && p[2] > 200;
      }
  return n;
}

/* The mean absolute difference of two regions of the same size, per channel. */
static double
region_difference (GdkPixbuf *a,
                   Box        box_a,
                   GdkPixbuf *b,
                   Box        box_b)
{
  double sum = 0;

  g_assert_cmpint (box_a.width, ==, box_b.width);
  g_assert_cmpint (box_a.height, ==, box_b.height);
  for (int y = 0; y < box_a.height; y++)
    for (int x = 0; x < box_a.width; x++)
      {
        const guint8 *p = pixel (a, box_a.x + x, box_a.y + y), *q = pixel (b, box_b.x + x, box_b.y + y);

        for (int c = 0; c < 3; c++)
          sum += ABS ((int) p[c] - (int) q[c]);
      }
  return sum / (3.0 * box_a.width * box_a.height);
}

static gboolean
clocks_shown (JsonObject   *status,
              gconstpointer data)
{
  JsonObject *paris = card (status, "clock", "Paris"), *tokyo = card (status, "clock", "Tokyo");
  JsonNode *slideshow = json_object_get_member (status, "slideshow");
  JsonArray *displays;
  JsonObject *compositor;

  if (slideshow == NULL || json_node_is_null (slideshow))
    return FALSE;
  displays = json_object_get_array_member (json_node_get_object (slideshow), "displays");
  if (json_array_get_length (displays) == 0 ||
      !json_object_has_member (json_array_get_object_element (displays, 0), "compositor"))
    return FALSE;
  compositor = json_object_get_object_member (json_array_get_object_element (displays, 0), "compositor");
  /* The first photo has faded in from black, too. */
  return !json_object_get_boolean_member (compositor, "busy") &&
         json_object_get_int_member (compositor, "transitions") >= 1 &&
         json_object_get_boolean_member (layer (status), "shown") && paris != NULL && tokyo != NULL &&
         json_object_get_double_member (paris, "opacity") >= 1 && json_object_get_double_member (tokyo, "opacity") >= 1;
}

/* Two zones at one fixed moment: the text exactly, and something drawn in each card. */
static void
check_clocks (JsonObject *status,
              GdkPixbuf  *shot)
{
  JsonObject *paris = card (status, "clock", "Paris"), *tokyo = card (status, "clock", "Tokyo");
  Box box;

  g_assert_cmpstr (json_object_get_string_member (paris, "text"), ==, "Paris · 15:05 CET · Tuesday 1 December");
  g_assert_cmpstr (json_object_get_string_member (tokyo, "text"), ==, "Tokyo · 23:05:09 JST · Tuesday 1 December");
  g_assert_cmpstr (json_object_get_string_member (paris, "anchor"), ==, "top-left");
  g_assert_cmpstr (json_object_get_string_member (tokyo, "anchor"), ==, "top-right");
  g_assert_true (json_object_get_boolean_member (paris, "visible"));
  /* A clock for another monitor is not on this display (Xvfb has one), and takes no room. */
  {
    JsonObject *elsewhere = card (status, "clock", "Elsewhere");

    g_assert_nonnull (elsewhere);
    g_assert_cmpint (json_object_get_int_member (elsewhere, "monitor"), ==, 1);
    g_assert_false (json_object_get_boolean_member (elsewhere, "visible"));
    g_assert_true (json_node_is_null (json_object_get_member (elsewhere, "bounds")));
    g_assert_cmpint (json_object_get_int_member (layer (status), "monitor"), ==, 0);
  }

  g_assert_true (box_of (paris, "bounds", &box));
  g_test_message ("paris card at %d,%d %dx%d: %u bright pixels", box.x, box.y, box.width, box.height,
                  bright_pixels (shot, box));
  g_assert_cmpuint (bright_pixels (shot, box), >, 400);
  g_assert_true (box_of (tokyo, "bounds", &box));
  g_assert_cmpint (box.x + box.width, >, gdk_pixbuf_get_width (shot) / 2);
  g_assert_cmpuint (bright_pixels (shot, box), >, 400);
}

/* The photo, where no card is, darkened by exactly the dim amount. */
static void
check_dim (JsonObject *status,
           GdkPixbuf  *shot)
{
  int x = gdk_pixbuf_get_width (shot) / 2, y = gdk_pixbuf_get_height (shot) / 2;
  const guint8 *p = pixel (shot, x, y);

  g_assert_cmpfloat (json_object_get_double_member (layer (status), "dim"), ==, DIM);
  g_test_message ("the photo at %d,%d: %u %u %u", x, y, p[0], p[1], p[2]);
  for (int c = 0; c < 3; c++)
    g_assert_cmpint (ABS ((int) p[c] - (int) (GREY * (1 - DIM))), <=, 3);
}

static gint64
shift_step (JsonObject *status)
{
  return json_object_get_int_member (json_object_get_object_member (layer (status), "pixel_shift"), "step");
}

static gboolean
shifted_past (JsonObject   *status,
              gconstpointer data)
{
  return shift_step (status) > GPOINTER_TO_INT (data);
}

/* A screenshot with the status around it, both of one pixel-shift step. */
static GdkPixbuf *
steady_shot (JsonObject **status)
{
  for (;;)
    {
      g_autoptr(JsonObject) before = vt_app_status ();
      GdkPixbuf *shot = vt_screenshot ();

      *status = vt_app_status ();
      if (shift_step (before) == shift_step (*status))
        return shot;
      g_object_unref (shot);
      json_object_unref (*status);
    }
}

/* The pixel shift moves the card (the same pixels, at the shifted place) and not the photo. */
static void
check_pixel_shift (JsonObject *before,
                   GdkPixbuf  *shot_before)
{
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(GdkPixbuf) shot_after = NULL;
  JsonObject *shift;
  Box a, b;
  double moved, photo;
  int cx = gdk_pixbuf_get_width (shot_before) / 2, cy = gdk_pixbuf_get_height (shot_before) / 2;

  json_object_unref (wait_for (shifted_past, GINT_TO_POINTER ((int) shift_step (before)), "a pixel shift"));
  shot_after = steady_shot (&after);
  shift = json_object_get_object_member (layer (after), "pixel_shift");
  g_assert_true (box_of (card (before, "clock", "Paris"), "bounds", &a));
  g_assert_true (box_of (card (after, "clock", "Paris"), "bounds", &b));
  g_test_message ("pixel shift step %" G_GINT64_FORMAT ": %" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                  "; the card from %d,%d to %d,%d", shift_step (after), json_object_get_int_member (shift, "dx"),
                  json_object_get_int_member (shift, "dy"), a.x, a.y, b.x, b.y);
  g_assert_true (a.x != b.x || a.y != b.y);
  g_assert_cmpint (ABS (b.x - a.x), <=, 48);
  g_assert_cmpint (ABS (b.y - a.y), <=, 48);

  moved = region_difference (shot_before, a, shot_after, b);
  g_test_message ("the card's pixels at the new place differ by %.2f on average; at the old place by %.2f",
                  moved, region_difference (shot_before, a, shot_after, a));
  g_assert_cmpfloat (moved, <, 2.0);
  g_assert_cmpfloat (region_difference (shot_before, a, shot_after, a), >, moved + 5);
  photo = region_difference (shot_before, (Box) { cx - 20, cy - 20, 40, 40 }, shot_after, (Box) { cx - 20, cy - 20, 40, 40 });
  g_assert_cmpfloat (photo, <, 1.0);
}

static gboolean
playing_title (JsonObject   *status,
               gconstpointer data)
{
  JsonObject *c = card (status, "now-playing", data);

  return c != NULL && strstr (json_object_get_string_member (c, "text"), "[pause]") != NULL &&
         json_object_get_boolean_member (c, "art") && json_object_get_double_member (c, "opacity") >= 1;
}

static gboolean
paused (JsonObject   *status,
        gconstpointer data)
{
  JsonObject *c = card (status, "now-playing", NULL);

  return c != NULL && strstr (json_object_get_string_member (c, "text"), "[play]") != NULL;
}

/* The card's elapsed time ("0:21 / 0:30") is at least @data seconds and less than 5 more. */
static gboolean
position_from (JsonObject   *status,
               gconstpointer data)
{
  JsonObject *c = card (status, "now-playing", "second-song.wav");
  const char *text = c != NULL ? json_object_get_string_member (c, "text") : NULL;
  const char *slash = text != NULL ? strstr (text, " / ") : NULL;
  const char *start = slash;
  int minutes, seconds, from = GPOINTER_TO_INT (data);

  if (slash == NULL)
    return FALSE;
  while (start > text && start[-1] != ' ')
    start--;
  if (sscanf (start, "%d:%d", &minutes, &seconds) != 2)
    return FALSE;
  return minutes * 60 + seconds >= from && minutes * 60 + seconds < from + 5;
}

/* Orange pixels of the cover where the card shows its art. */
static double
art_share (GdkPixbuf *shot,
           Box        box)
{
  guint n = 0;

  for (int y = box.y; y < box.y + box.height; y++)
    for (int x = box.x; x < box.x + box.width; x++)
      {
        const guint8 *p = pixel (shot, x, y);

        n += p[0] > 220 && p[1] > 110 && p[1] < 170 && p[2] < 50;
      }
  return (double) n / (box.width * box.height);
}

static void
check_now_playing (Fixture    *fixture,
                   const char *music)
{
  g_autofree char *first = g_build_filename (music, "first-song.wav", NULL);
  g_autofree char *second = g_build_filename (music, "second-song.wav", NULL);
  g_autofree char *mpv = g_find_program_in_path ("mpv");
  g_autoptr(JsonObject) playing = NULL;
  g_autoptr(JsonObject) was_paused = NULL;
  g_autoptr(JsonObject) next = NULL;
  g_autoptr(GdkPixbuf) shot_playing = NULL;
  g_autoptr(GdkPixbuf) shot_paused = NULL;
  g_autoptr(GdkPixbuf) shot_next = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  const char *play[] = { "playerctl", "--player=mpv", "play", NULL };
  const char *skip[] = { "playerctl", "--player=mpv", "next", NULL };
  const char *seek[] = { "playerctl", "--player=mpv", "position", "20", NULL };
  Box art, button, button_after, whole, whole_after;
  double share;

  g_assert_nonnull (mpv);
  fixture->player = vt_spawn_quietly (mpv, "--no-video", "--really-quiet", "--ao=null", "--loop-playlist=inf",
                                      first, second, NULL);

  /* Playing: the title, and the cover (orange) where the art goes. */
  playing = wait_for (playing_title, "first-song.wav", "now playing with its art");
  shot_playing = vt_screenshot ();
  g_assert_true (box_of (card (playing, "now-playing", NULL), "art_bounds", &art));
  share = art_share (shot_playing, art);
  g_test_message ("now playing: “%s”; the art is %.0f%% cover", json_object_get_string_member (card (playing, "now-playing", NULL), "text"),
                  share * 100);
  g_assert_cmpfloat (share, >, 0.8);
  g_assert_cmpstr (json_object_get_string_member (card (playing, "now-playing", NULL), "player"), ==, "mpv");

  /* Ctrl + click on play/pause (interaction mode): paused, and the button shows "play". */
  g_assert_true (box_of (card (playing, "now-playing", NULL), "play_pause_bounds", &button));
  x = g_strdup_printf ("%d", button.x + button.width / 2);
  y = g_strdup_printf ("%d", button.y + button.height / 2);
  g_assert_true (vt_xdotool ("mousemove", "10", "300", NULL));
  g_assert_true (vt_xdotool ("keydown", "ctrl", NULL));
  /* The pointer moves with Ctrl down (key events need the keyboard focus, which a window
   * without a window manager may not have; motion carries the modifiers either way). */
  g_assert_true (vt_xdotool ("mousemove", x, y, NULL));
  vt_sleep (300);
  g_assert_true (vt_xdotool ("click", "1", NULL));
  g_assert_true (vt_xdotool ("keyup", "ctrl", NULL));
  was_paused = wait_for (paused, NULL, "the player paused by a Ctrl + click");
  vt_sleep (300);
  shot_paused = vt_screenshot ();
  g_assert_true (box_of (card (was_paused, "now-playing", NULL), "play_pause_bounds", &button_after));
  g_test_message ("the play/pause button changed by %.2f", region_difference (shot_playing, button, shot_paused, button_after));
  g_assert_cmpfloat (region_difference (shot_playing, button, shot_paused, button_after), >, 3.0);

  /* A track change updates the card. */
  g_assert_true (vt_run_quietly (play));
  json_object_unref (wait_for (playing_title, "first-song.wav", "playing again"));
  g_assert_true (vt_run_quietly (skip));
  next = wait_for (playing_title, "second-song.wav", "the next track");
  vt_sleep (300);
  shot_next = vt_screenshot ();
  g_assert_true (box_of (card (playing, "now-playing", NULL), "bounds", &whole));
  g_assert_true (box_of (card (next, "now-playing", NULL), "bounds", &whole_after));
  if (whole.width == whole_after.width && whole.height == whole_after.height)
    g_assert_cmpfloat (region_difference (shot_playing, whole, shot_next, whole_after), >, 0.5);

  /* A seek: the player signals Seeked, and the card's position starts again from there. */
  g_assert_true (vt_run_quietly (seek));
  json_object_unref (wait_for (position_from, GINT_TO_POINTER (20), "the position after a seek"));
}

static void
test_overlays (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *photos = g_build_filename (fixture->dirs, "photos", NULL);
  /* Hidden: the slideshow skips it, and the image worker may read it (it is under a source). */
  g_autofree char *music = g_build_filename (photos, ".music", NULL);
  g_autofree char *grey = g_build_filename (photos, "grey.png", NULL);
  g_autofree char *cover = g_build_filename (music, "cover.png", NULL);
  g_autofree char *tone = NULL;
  g_autofree char *first = g_build_filename (music, "first-song.wav", NULL);
  g_autofree char *second = g_build_filename (music, "second-song.wav", NULL);
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(GdkPixbuf) shot = NULL;

  if (vt_app_skip_without_display ())
    return;

  g_assert_cmpint (g_mkdir_with_parents (music, 0700), ==, 0);
  write_png (grey, 64, 36, ((guint32) GREY << 24) | ((guint32) GREY << 16) | ((guint32) GREY << 8) | 0xff);
  write_png (cover, 300, 300, 0xff8c00ff);
  tone = vt_write_tone (music, 440, 30.0);
  g_assert_cmpint (g_rename (tone, first), ==, 0);
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (first, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (second, contents, (gssize) length, NULL));
  }

  fixture->app = start_app (fixture, photos);
  json_object_unref (vt_app_wait_until_mapped ());
  json_object_unref (wait_for (clocks_shown, NULL, "both clocks faded in"));

  shot = steady_shot (&status);
  check_clocks (status, shot);
  check_dim (status, shot);
  check_now_playing (fixture, music);
  check_pixel_shift (status, shot);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/Overlays/clocks-dim-now-playing-pixel-shift", Fixture, NULL, fixture_setup, test_overlays,
              fixture_teardown);

  return g_test_run ();
}
