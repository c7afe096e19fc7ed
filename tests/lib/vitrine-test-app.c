/* vitrine-test-app.c: talking to a running vitrine from tests (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "vitrine-test-app.h"
#include "vitrine-test-util.h"

gboolean
vt_app_skip_without_display (void)
{
  if (!vt_have_display ())
    {
      g_test_skip ("needs a display server (run under xvfb-run)");
      return TRUE;
    }
  return FALSE;
}

JsonObject *
vt_app_status (void)
{
  g_auto(VtResult) result = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  vt_run (&result, "--status", NULL);
  g_assert_cmpint (result.status, ==, 0);
  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

JsonObject *
vt_app_first_display (JsonObject *status)
{
  JsonArray *displays = json_object_get_array_member (status, "displays");

  g_assert_cmpuint (json_array_get_length (displays), >=, 1);
  return json_array_get_object_element (displays, 0);
}

/* Polls --status until every display window is mapped: the window is then on screen. */
JsonObject *
vt_app_wait_until_mapped (void)
{
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(JsonObject) status = vt_app_status ();
      JsonArray *displays = json_object_get_array_member (status, "displays");
      gboolean all_mapped = json_array_get_length (displays) > 0;

      /* Mapped and allocated: the first frame has been laid out. */
      for (guint i = 0; i < json_array_get_length (displays); i++)
        {
          JsonObject *display = json_array_get_object_element (displays, i);

          all_mapped &= json_object_get_boolean_member (display, "mapped") &&
                        json_object_get_int_member (display, "width") > 0;
        }
      if (all_mapped)
        return g_steal_pointer (&status);
      vt_sleep (100);
    }

  g_assert_not_reached ();
}

/* By type: the isolated XDG dirs hide the MIME database that format sniffing needs. */
GdkPixbuf *
vt_load_png (const char *path)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  loader = gdk_pixbuf_loader_new_with_type ("png", &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_write (loader, (const guchar *) data, length, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);

  return g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
}


/* The whole virtual screen, as ImageMagick's import sees it. */
GdkPixbuf *
vt_screenshot (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "vitrine-test-shot-XXXXXX.png", NULL);
  const char *argv[] = { "import", "-window", "root", path, NULL };
  g_autoptr(GError) error = NULL;
  GdkPixbuf *shot;
  int fd, wait_status;

  fd = g_mkstemp (path);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  shot = vt_load_png (path);
  g_unlink (path);
  return shot;
}

/* Starts vitrine with the arguments and waits until it owns its bus name. */
GSubprocess *
vt_app_start (const char *first_arg,
              ...)
{
  GSubprocess *app;
  va_list args;

  va_start (args, first_arg);
  app = vt_spawn_valist (first_arg, args);
  va_end (args);
  g_assert_true (vt_wait_for_name (APP_ID, 15000));
  return app;
}

/* Asks a vitrine started by a test to quit, gives it 5 s, and forgets it. */
void
vt_app_stop (GSubprocess **app)
{
  if (*app == NULL)
    return;
  if (g_subprocess_get_identifier (*app) != NULL)
    {
      g_auto(VtResult) result = { 0 };

      vt_run (&result, "--quit", NULL);
      if (!vt_wait_for_exit (*app, 5000))
        g_test_message ("vitrine did not quit in time and was killed");
    }
  g_clear_object (app);
}
