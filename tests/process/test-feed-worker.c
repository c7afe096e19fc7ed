/* test-feed-worker.c: the feed role as a process, against a loopback SoupServer: the
 * offline --fetch with its mirror (the largest image of a group, an HTML "image" and a 60 MB
 * image skipped with their reasons, a headline), the hostile feeds (XXE naming a local file,
 * billion laughs, a gzip bomb, 50 MB, a redirect loop, 429, 500) each one line of error,
 * --weather from the network and then from its cache with its age, and the live role's
 * request kinds through the real supervisor and sandbox, with a save folder, and http(s)
 * album art downloaded by the feed role and decoded by the image role; the mirror as a
 * cache (every folder listed with its URLs, mirror-forget refusing what is not its own).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <utime.h>

#include "vitrine-pixel-header.h"
#include "vitrine-supervisor.h"
#include "vitrine-test-http.h"
#include "vitrine-test-supervisor.h"
#include "vitrine-test-util.h"

static VtHttp *http;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* vitrine-worker --role=feed ARGS…, with its cache in @cache. */
static void
run_worker (Run        *run,
            const char *cache,
            const char *first,
            ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("VITRINE_WORKER_PATH"));
  g_ptr_array_add (argv, (gpointer) "--role=feed");
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
}

static void
put_png (const char *path,
         guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 320, 240);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gchar *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  bytes = g_bytes_new_take (buffer, size);
  vt_http_put (http, path, "image/png", bytes);
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static gboolean
has_partial (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_str_has_suffix (name, ".partial") || (g_file_test (path, G_FILE_TEST_IS_DIR) && has_partial (path)))
        return TRUE;
    }
  return FALSE;
}

static void
test_fetch_mirror (void)
{
  g_autofree char *cache = g_dir_make_tmp ("vitrine-cache-XXXXXX", NULL);
  g_autofree char *mirror = g_build_filename (cache, "mirror", NULL);
  g_autofree char *url = vt_http_url (http, "/loopback.xml");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *root, *feed, *item;
  JsonArray *items;
  const char *path;
  g_autofree char *head = NULL;

  run_worker (&run, cache, "--fetch", url, "--mirror", mirror, NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (parser, run.out);
  feed = json_object_get_object_member (root, "feed");
  g_assert_cmpstr (json_object_get_string_member (feed, "title"), ==, "Loopback Gallery");
  g_assert_cmpstr (json_object_get_string_member (feed, "kind"), ==, "rss");
  g_assert_cmpint (json_object_get_int_member (feed, "ttl_s"), ==, 45 * 60);
  items = json_object_get_array_member (root, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 5);

  /* The largest of the group, mirrored as a PNG; the small one never asked for. */
  item = json_array_get_object_element (items, 0);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (item, "image_url"), "/img/red.png"));
  g_assert_cmpstr (json_object_get_string_member (item, "published"), ==, "2026-12-01T09:00:00Z");
  g_assert_cmpint (json_object_get_int_member (item, "priority"), ==, 50);
  path = json_object_get_string_member (item, "mirror_path");
  g_assert_nonnull (path);
  g_assert_true (g_str_has_prefix (path, mirror));
  g_assert_true (g_str_has_suffix (path, ".png"));
  g_assert_true (g_file_get_contents (path, &head, NULL, NULL));
  g_assert_cmpmem (head, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpuint (vt_http_hits (http, "/img/red-small.png"), ==, 0);
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (items, 1), "mirror_path"));

  /* The HTML page and the 60 MB image are skipped with their reasons; nothing half-done stays. */
  item = json_array_get_object_element (items, 2);
  g_assert_true (json_object_get_null_member (item, "mirror_path"));
  g_assert_nonnull (strstr (json_object_get_string_member (item, "skipped"), "not an image"));
  item = json_array_get_object_element (items, 3);
  g_assert_true (json_object_get_null_member (item, "mirror_path"));
  g_assert_nonnull (strstr (json_object_get_string_member (item, "skipped"), "passes"));
  g_assert_false (has_partial (mirror));

  /* A headline: no image. */
  item = json_array_get_object_element (items, 4);
  g_assert_true (json_object_get_null_member (item, "image_url"));
  g_assert_cmpstr (json_object_get_string_member (item, "title"), ==, "Only a headline");
  vt_remove_tree (cache);
}

/* A JSON listing with --json-path: relative URLs resolved against the feed's, priorities
 * by domain (bing.com 95, the loopback host 50). */
static void
test_json_path (void)
{
  g_autofree char *cache = g_dir_make_tmp ("vitrine-cache-XXXXXX", NULL);
  g_autofree char *url = vt_http_url (http, "/listing.json");
  g_autofree char *resolved = vt_http_url (http, "/th?id=OHR.HarbourFog_EN-GB1234567890_UHD.jpg&rf=LaDigue_UHD.jpg"
                                                 "&pid=hp&w=3840&h=2160");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *root, *first, *second;
  JsonArray *items;

  run_worker (&run, cache, "--fetch", url, "--json-path", "images[*].url", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "feed"), "kind"), ==, "json");
  items = json_object_get_array_member (root, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  first = json_array_get_object_element (items, 0);
  second = json_array_get_object_element (items, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "image_url"), ==, resolved);
  g_assert_cmpint (json_object_get_int_member (first, "priority"), ==, 50);
  g_assert_cmpstr (json_object_get_string_member (first, "published"), ==, "2026-12-01T00:00:00Z");
  g_assert_cmpint (json_object_get_int_member (second, "priority"), ==, 95);
  /* Without --mirror there is no mirror_path at all. */
  g_assert_false (json_object_has_member (first, "mirror_path"));
  vt_remove_tree (cache);
}

/* Each hostile feed: status 1, one line saying why, nothing of a local file. */
static void
test_hostile (void)
{
  g_autofree char *cache = g_dir_make_tmp ("vitrine-cache-XXXXXX", NULL);
  const struct { const char *path; const char *says; } cases[] = {
    { "/xxe.xml", NULL }, { "/billion-laughs.xml", NULL }, { "/gzip-bomb", "passes" },
    { "/big", "passes" }, { "/loop", "redirects" }, { "/429", "429" }, { "/500", "500" },
    { "/to-file", "not an http" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = vt_http_url (http, cases[i].path);
      g_auto(Run) run = { 0 };

      run_worker (&run, cache, "--fetch", url, NULL);
      g_test_message ("%s: %s", cases[i].path, run.err);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_true (g_str_has_prefix (run.err, "vitrine-worker: "));
      g_assert_true (g_str_has_suffix (run.err, "\n"));
      g_assert_null (strchr (run.err, '\n') + 1 < run.err + strlen (run.err) ? strchr (run.err, '\n') + 1 : NULL);
      g_assert_null (strstr (run.err, "root:"));
      if (cases[i].says != NULL)
        g_assert_nonnull (strstr (run.err, cases[i].says));
    }
  vt_remove_tree (cache);
}

static void
test_weather (void)
{
  g_autofree char *cache = g_dir_make_tmp ("vitrine-cache-XXXXXX", NULL);
  g_autofree char *forecast = vt_http_url (http, "/forecast");
  g_autofree char *geocoding = vt_http_url (http, "/search");
  g_autofree char *kept = g_build_filename (cache, "vitrine", "weather.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) offline_parser = json_parser_new ();
  g_auto(Run) online = { 0 };
  g_auto(Run) offline = { 0 };
  g_auto(Run) elsewhere = { 0 };
  g_auto(Run) labelled = { 0 };
  g_autoptr(JsonParser) labelled_parser = json_parser_new ();
  JsonObject *root;

  g_setenv ("VITRINE_OPEN_METEO_URL", forecast, TRUE);
  g_setenv ("VITRINE_GEOCODING_URL", geocoding, TRUE);
  run_worker (&online, cache, "--weather", "Berlin", NULL);
  g_assert_cmpint (online.status, ==, 0);
  root = parse_object (parser, online.out);
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "Berlin");
  g_assert_cmpstr (json_object_get_string_member (root, "country"), ==, "Germany");
  g_assert_false (json_object_get_boolean_member (root, "from_cache"));
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "weather"), "temperature"));
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (vt_http_hits (http, "/search"), ==, 1);

  /* Offline: the last good answer for the same place, with its age. */
  g_setenv ("VITRINE_OPEN_METEO_URL", "http://127.0.0.1:1/forecast", TRUE);
  g_setenv ("VITRINE_GEOCODING_URL", "http://127.0.0.1:1/search", TRUE);
  run_worker (&offline, cache, "--weather", "Berlin", NULL);
  g_assert_cmpint (offline.status, ==, 0);
  root = parse_object (offline_parser, offline.out);
  g_assert_true (json_object_get_boolean_member (root, "from_cache"));
  g_assert_cmpint (json_object_get_int_member (root, "age_s"), >=, 0);
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "Berlin");
  g_assert_nonnull (strstr (json_object_get_string_member (root, "error"), "127.0.0.1"));

  /* Another place offline has nothing to fall back on. */
  run_worker (&elsewhere, cache, "--weather", "Lyon", NULL);
  g_assert_cmpint (elsewhere.status, ==, 1);

  /* A chosen suggestion carries its coordinates: the forecast only, no geocoding. */
  g_setenv ("VITRINE_OPEN_METEO_URL", forecast, TRUE);
  g_setenv ("VITRINE_GEOCODING_URL", geocoding, TRUE);
  run_worker (&labelled, cache, "--weather", "Berlin, Land Berlin, Germany (52.5244, 13.4105)", NULL);
  g_assert_cmpint (labelled.status, ==, 0);
  root = parse_object (labelled_parser, labelled.out);
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "Berlin, Land Berlin, Germany");
  g_assert_cmpfloat (json_object_get_double_member (root, "latitude"), ==, 52.5244);
  g_assert_false (json_object_get_boolean_member (root, "from_cache"));
  g_assert_cmpuint (vt_http_hits (http, "/search"), ==, 1);
  g_unsetenv ("VITRINE_OPEN_METEO_URL");
  g_unsetenv ("VITRINE_GEOCODING_URL");
  vt_remove_tree (cache);
}

static GVariant *
request (VitrineSupervisor *supervisor,
         GVariant          *variant)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (variant);
  g_autoptr(GError) error = NULL;
  GVariant *reply = vitrine_supervisor_request_sync (supervisor, VITRINE_WORKER_ROLE_FEED, owned, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

/* The live role in its sandbox: a feed, two downloads (one refused), the mirror's list. */
static void
test_supervised (void)
{
  g_autofree char *cache = g_dir_make_tmp ("vitrine-cache-XXXXXX", NULL);
  g_autofree char *url = vt_http_url (http, "/loopback.xml");
  g_autofree char *red = vt_http_url (http, "/img/red.png");
  g_autofree char *html = vt_http_url (http, "/html-image");
  g_autofree char *saved = g_build_filename (cache, "saved", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  g_autoptr(GVariant) feed = NULL, mirrored = NULL, refused = NULL, listed = NULL, items = NULL, files = NULL;
  g_autoptr(GVariant) places = NULL;
  g_autofree char *many = vt_http_url (http, "/search-many");
  const char *place_name = NULL, *admin1 = NULL, *country = NULL, *label = NULL;
  double lat = 0, lon = 0;
  const char *feeds[] = { url, NULL };
  const char *path = NULL, *listed_path = NULL, *feed_url = NULL;
  gboolean ok = TRUE;
  guint64 mtime, size;

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_STATE_HOME", cache, TRUE);
  g_settings_set_boolean (settings, "feed-enabled", TRUE);
  g_settings_set_boolean (settings, "image-enabled", FALSE);
  g_settings_set_boolean (settings, "audio-enabled", FALSE);
  g_settings_set_boolean (settings, "transition-enabled", FALSE);
  g_setenv ("VITRINE_GEOCODING_URL", many, TRUE);  /* the worker's environment is its start's */
  supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), settings);
  vitrine_supervisor_set_writable (supervisor, VITRINE_WORKER_ROLE_FEED, saved);
  vitrine_supervisor_start (supervisor);

  feed = request (supervisor, g_variant_new_parsed ("{'kind': <'feed'>, 'input': <%s>, 'url': <%s>}", url, url));
  g_assert_true (g_variant_lookup (feed, "ok", "b", &ok) && ok);
  items = g_variant_lookup_value (feed, "items", G_VARIANT_TYPE ("aa{sv}"));
  g_assert_cmpuint (g_variant_n_children (items), ==, 5);

  mirrored = request (supervisor, g_variant_new_parsed ("{'kind': <'mirror'>, 'feed': <%s>, 'url': <%s>, "
                                                        "'feeds': <%^as>}", url, red, feeds));
  g_assert_true (g_variant_lookup (mirrored, "ok", "b", &ok) && ok);
  g_assert_true (g_variant_lookup (mirrored, "path", "&s", &path));
  g_assert_true (g_str_has_prefix (path, cache));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  /* The save folder keeps a copy, which only its --writable lets the sandbox write. */
  {
    g_autofree char *name = g_path_get_basename (path);
    g_autofree char *copy = g_build_filename (saved, name, NULL);

    g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  }

  refused = request (supervisor, g_variant_new_parsed ("{'kind': <'mirror'>, 'feed': <%s>, 'url': <%s>}", url, html));
  g_assert_true (g_variant_lookup (refused, "ok", "b", &ok) && !ok);

  listed = request (supervisor, g_variant_new_parsed ("{'kind': <'mirror-list'>, 'feeds': <%^as>}", feeds));
  files = g_variant_lookup_value (listed, "files", G_VARIANT_TYPE ("a(sstt)"));
  g_assert_cmpuint (g_variant_n_children (files), ==, 1);
  g_variant_get_child (files, 0, "(&s&stt)", &feed_url, &listed_path, &mtime, &size);
  g_assert_cmpstr (feed_url, ==, url);
  g_assert_cmpstr (listed_path, ==, path);
  g_assert_cmpuint (size, >, 0);
  {
    g_autofree char *http_cache = g_build_filename (cache, "vitrine", "http", NULL);

    g_assert_true (g_file_test (http_cache, G_FILE_TEST_IS_DIR));
  }

  /* Suggestions for the settings' place row: five of the seven, the broken one left out,
   * each with the label to keep; an empty place is refused. */
  g_clear_pointer (&listed, g_variant_unref);
  listed = request (supervisor, g_variant_new_parsed ("{'kind': <'geocode'>, 'input': <'Berlin'>, 'place': <'Berlin'>}"));
  g_assert_true (g_variant_lookup (listed, "ok", "b", &ok) && ok);
  places = g_variant_lookup_value (listed, "places", G_VARIANT_TYPE ("a(sssdds)"));
  g_assert_nonnull (places);
  g_assert_cmpuint (g_variant_n_children (places), ==, 5);
  g_variant_get_child (places, 1, "(&s&s&sdd&s)", &place_name, &admin1, &country, &lat, &lon, &label);
  g_assert_cmpstr (place_name, ==, "Berlin");
  g_assert_cmpstr (admin1, ==, "Maryland");
  g_assert_cmpstr (country, ==, "United States");
  g_assert_cmpfloat_with_epsilon (lon, -75.21769, 1e-9);
  g_assert_cmpstr (label, ==, "Berlin, Maryland, United States (38.3226, -75.2177)");
  g_assert_cmpuint (vt_http_hits (http, "/search-many"), ==, 1);
  g_clear_pointer (&listed, g_variant_unref);
  listed = request (supervisor, g_variant_new_parsed ("{'kind': <'geocode'>, 'input': <' '>, 'place': <' '>}"));
  g_assert_true (g_variant_lookup (listed, "ok", "b", &ok) && !ok);
  g_unsetenv ("VITRINE_GEOCODING_URL");

  vitrine_supervisor_shutdown (supervisor);
  g_settings_reset (settings, "feed-enabled");
  g_settings_reset (settings, "image-enabled");
  g_settings_reset (settings, "audio-enabled");
  g_settings_reset (settings, "transition-enabled");
  g_unsetenv ("XDG_CACHE_HOME");
  vt_remove_tree (cache);
}

/* Entries of a mirror-list {all}, by path. */
static GVariant *
list_all (VitrineSupervisor *supervisor)
{
  g_autoptr(GVariant) listed = request (supervisor, g_variant_new_parsed ("{'kind': <'mirror-list'>, 'all': <true>}"));
  guint32 total = 0;
  GVariant *entries = g_variant_lookup_value (listed, "entries", G_VARIANT_TYPE ("aa{sv}"));

  g_assert_true (g_variant_lookup (listed, "total", "u", &total));
  g_assert_cmpuint (total, ==, g_variant_n_children (entries));
  return entries;
}

static GVariant *
entry_of (GVariant   *entries,
          const char *path)
{
  for (gsize i = 0; i < g_variant_n_children (entries); i++)
    {
      GVariant *entry = g_variant_get_child_value (entries, i);
      const char *p = NULL;

      if (g_variant_lookup (entry, "path", "&s", &p) && g_str_equal (p, path))
        return entry;
      g_variant_unref (entry);
    }
  return NULL;
}

/* The mirror as a cache: every feed folder listed with its feed's and its files' URLs (an
 * old folder without an index listed without them), and mirror-forget removing only the
 * named mirrored files, refusing anything else whole. */
static void
test_mirror_cache (void)
{
  g_autofree char *cache = g_dir_make_tmp ("vitrine-cache-XXXXXX", NULL);
  g_autofree char *feed_a = vt_http_url (http, "/loopback.xml");
  g_autofree char *feed_b = vt_http_url (http, "/listing.json");
  g_autofree char *red = vt_http_url (http, "/img/red.png");
  g_autofree char *blue = vt_http_url (http, "/img/blue.png");
  g_autofree char *old_dir = g_build_filename (cache, "vitrine", "feeds", "0123456789abcdef", NULL);
  g_autofree char *old_file = g_build_filename (old_dir, "0123456789abcdef01234567.png", NULL);
  g_autofree char *outside = g_build_filename (cache, "outside.png", NULL);
  g_autofree char *sneaky = NULL, *climbing = NULL, *folder_a = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  g_autoptr(GVariant) a = NULL, b = NULL, entries = NULL, entry = NULL, forgot = NULL;
  const char *path_a = NULL, *path_b = NULL, *text = NULL;
  guint32 removed = 0;

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_settings_set_boolean (settings, "image-enabled", FALSE);
  g_settings_set_boolean (settings, "audio-enabled", FALSE);
  g_settings_set_boolean (settings, "transition-enabled", FALSE);
  supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), settings);
  vitrine_supervisor_start (supervisor);
  a = request (supervisor, g_variant_new_parsed ("{'kind': <'mirror'>, 'feed': <%s>, 'url': <%s>}", feed_a, red));
  b = request (supervisor, g_variant_new_parsed ("{'kind': <'mirror'>, 'feed': <%s>, 'url': <%s>}", feed_b, blue));
  g_assert_true (g_variant_lookup (a, "path", "&s", &path_a));
  g_assert_true (g_variant_lookup (b, "path", "&s", &path_b));
  /* A folder from before the index, of a feed no longer configured. */
  g_assert_cmpint (g_mkdir_with_parents (old_dir, 0700), ==, 0);
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path_a, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (old_file, contents, (gssize) length, NULL));
    g_assert_true (g_file_set_contents (outside, contents, (gssize) length, NULL));
  }

  entries = list_all (supervisor);
  g_assert_cmpuint (g_variant_n_children (entries), ==, 3);
  entry = entry_of (entries, path_a);
  g_assert_nonnull (entry);
  g_assert_true (g_variant_lookup (entry, "feed", "&s", &text));
  g_assert_cmpstr (text, ==, feed_a);
  g_assert_true (g_variant_lookup (entry, "url", "&s", &text));
  g_assert_cmpstr (text, ==, red);
  g_assert_true (g_variant_lookup (entry, "revision", "&s", &text));
  g_assert_cmpstr (text, ==, "mirror-1");
  g_clear_pointer (&entry, g_variant_unref);
  entry = entry_of (entries, path_b);
  g_assert_true (g_variant_lookup (entry, "url", "&s", &text));
  g_assert_cmpstr (text, ==, blue);
  g_clear_pointer (&entry, g_variant_unref);
  entry = entry_of (entries, old_file);
  g_assert_nonnull (entry);
  g_assert_true (g_variant_lookup (entry, "feed", "&s", &text));
  g_assert_cmpstr (text, ==, "");
  g_assert_true (g_variant_lookup (entry, "folder", "&s", &text));
  g_assert_cmpstr (text, ==, "0123456789abcdef");
  g_clear_pointer (&entry, g_variant_unref);

  /* Outside the mirror, through "..", the index itself: refused, nothing removed. */
  climbing = g_build_filename (old_dir, "..", "..", "outside.png", NULL);
  folder_a = g_path_get_dirname (path_a);
  sneaky = g_build_filename (folder_a, "index.ini", NULL);
  {
    const char *const refused[][3] = { { path_b, outside, NULL }, { climbing, NULL }, { sneaky, NULL },
                                       { "relative/0123456789abcdef01234567.png", NULL } };

    for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(GVariant) owned = g_variant_ref_sink (
          g_variant_new_parsed ("{'kind': <'mirror-forget'>, 'paths': <%^as>}", refused[i]));
        g_autoptr(GError) error = NULL;
        g_autoptr(GVariant) reply = vitrine_supervisor_request_sync (supervisor, VITRINE_WORKER_ROLE_FEED, owned,
                                                                     NULL, &error);

        g_assert_null (reply);
        g_assert_nonnull (strstr (error->message, "is not a file of the feed mirror"));
      }
  }
  g_assert_true (g_file_test (path_b, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (outside, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (sneaky, G_FILE_TEST_IS_REGULAR));

  {
    const char *paths[] = { path_a, old_file, NULL };

    forgot = request (supervisor, g_variant_new_parsed ("{'kind': <'mirror-forget'>, 'paths': <%^as>}", paths));
  }
  g_assert_true (g_variant_lookup (forgot, "removed", "u", &removed));
  g_assert_cmpuint (removed, ==, 2);
  g_assert_false (g_file_test (path_a, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_file, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (path_b, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&entries, g_variant_unref);
  entries = list_all (supervisor);
  g_assert_cmpuint (g_variant_n_children (entries), ==, 1);

  vitrine_supervisor_shutdown (supervisor);
  g_settings_reset (settings, "image-enabled");
  g_settings_reset (settings, "audio-enabled");
  g_settings_reset (settings, "transition-enabled");
  g_unsetenv ("XDG_CACHE_HOME");
  vt_remove_tree (cache);
}

/* Writes @count art files of 24 hex characters, their times from @mtime up. */
static void
put_old_art (const char *dir,
             guint       count,
             gint64      mtime)
{
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("%024x.png", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      struct utimbuf times = { .actime = mtime + i, .modtime = mtime + i };

      g_assert_true (g_file_set_contents (path, "old", 3, NULL));
      g_assert_cmpint (g_utime (path, &times), ==, 0);
    }
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  guint count = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    count++;
  return count;
}

/* http(s) album art (issue 12 item 4): the feed role downloads it into feeds/art/, keeping
 * the newest 50, and the image role, in its own sandbox, decodes that path; a 404 and an
 * HTML body are refused with their reason and leave nothing behind. */
static void
test_art (void)
{
  g_autofree char *cache = g_dir_make_tmp ("vitrine-cache-XXXXXX", NULL);
  g_autofree char *art_dir = g_build_filename (cache, "vitrine", "feeds", "art", NULL);
  g_autofree char *blue = vt_http_url (http, "/img/blue.png");
  g_autofree char *missing = vt_http_url (http, "/no-such-art.png");
  g_autofree char *html = vt_http_url (http, "/html-image");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  g_autoptr(GVariant) art = NULL, again = NULL, gone = NULL, page = NULL, scaled = NULL;
  g_autoptr(GUnixFDList) fds = NULL;
  g_autoptr(GBytes) pixels = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(VitrinePixelHeader) header = { 0 };
  const char *path = NULL, *again_path = NULL, *reason = NULL;
  gboolean ok = FALSE, reused = TRUE;
  guint status = 0;
  const guint8 *pixel;

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_STATE_HOME", cache, TRUE);
  put_old_art (art_dir, 55, 1000000000);
  g_settings_set_boolean (settings, "audio-enabled", FALSE);
  g_settings_set_boolean (settings, "transition-enabled", FALSE);
  supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), settings);
  vitrine_supervisor_start (supervisor);

  art = request (supervisor, g_variant_new_parsed ("{'kind': <'art'>, 'input': <%s>, 'url': <%s>}", blue, blue));
  g_assert_true (g_variant_lookup (art, "ok", "b", &ok) && ok);
  g_assert_true (g_variant_lookup (art, "reused", "b", &reused) && !reused);
  g_assert_true (g_variant_lookup (art, "path", "&s", &path));
  g_assert_true (g_str_has_prefix (path, art_dir));
  g_assert_true (g_str_has_suffix (path, ".png"));
  /* 55 old files and the new one: the six oldest went. */
  g_assert_cmpuint (count_files (art_dir), ==, 50);
  {
    g_autofree char *oldest = g_build_filename (art_dir, "000000000000000000000005.png", NULL);
    g_autofree char *kept = g_build_filename (art_dir, "000000000000000000000006.png", NULL);

    g_assert_false (g_file_test (oldest, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  }

  /* The same URL again is the same file, without a request. */
  again = request (supervisor, g_variant_new_parsed ("{'kind': <'art'>, 'input': <%s>, 'url': <%s>}", blue, blue));
  g_assert_true (g_variant_lookup (again, "reused", "b", &reused) && reused);
  g_assert_true (g_variant_lookup (again, "path", "&s", &again_path));
  g_assert_cmpstr (again_path, ==, path);

  /* The image role reads feeds/ in its sandbox: the art is decoded from that path. */
  scaled = vitrine_supervisor_request_sync (supervisor, VITRINE_WORKER_ROLE_IMAGE,
                                            g_variant_new_parsed ("{'kind': <'prescale'>, 'input': <%s>, "
                                                                  "'width': <%u>, 'height': <%u>, 'mode': <%u>}",
                                                                  path, 192, 192, 0),
                                            &fds, &error);
  g_assert_no_error (error);
  pixels = vitrine_supervisor_map_pixels (supervisor, VITRINE_WORKER_ROLE_IMAGE, scaled, fds, &header, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (header.width, >, 0);
  pixel = g_bytes_get_data (pixels, NULL);
  g_assert_cmpuint (pixel[0], ==, 0);
  g_assert_cmpuint (pixel[2], ==, 255);
  g_assert_cmpuint (pixel[3], ==, 255);

  gone = request (supervisor, g_variant_new_parsed ("{'kind': <'art'>, 'input': <%s>, 'url': <%s>}",
                                                    missing, missing));
  g_assert_true (g_variant_lookup (gone, "ok", "b", &ok) && !ok);
  g_assert_true (g_variant_lookup (gone, "status", "u", &status));
  g_assert_cmpuint (status, ==, 404);
  g_assert_true (g_variant_lookup (gone, "error", "&s", &reason));
  g_assert_nonnull (strstr (reason, "404"));

  page = request (supervisor, g_variant_new_parsed ("{'kind': <'art'>, 'input': <%s>, 'url': <%s>}", html, html));
  g_assert_true (g_variant_lookup (page, "ok", "b", &ok) && !ok);
  g_assert_true (g_variant_lookup (page, "error", "&s", &reason));
  g_assert_nonnull (strstr (reason, "not an image"));
  g_assert_cmpuint (count_files (art_dir), ==, 50);
  g_assert_false (has_partial (art_dir));

  vitrine_supervisor_shutdown (supervisor);
  g_settings_reset (settings, "audio-enabled");
  g_settings_reset (settings, "transition-enabled");
  g_unsetenv ("XDG_CACHE_HOME");
  vt_remove_tree (cache);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *fixture = NULL, *xxe = NULL, *laughs = NULL, *forecast = NULL, *geocoding = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *many = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The feed role offline and supervised, against a loopback server with hostile answers");

  http = vt_http_start ();
  fixture = g_test_build_filename (G_TEST_DIST, "feeds", "loopback.xml", NULL);
  xxe = g_test_build_filename (G_TEST_DIST, "..", "data", "feeds", "xxe.xml", NULL);
  laughs = g_test_build_filename (G_TEST_DIST, "..", "data", "feeds", "billion-laughs.xml", NULL);
  forecast = g_test_build_filename (G_TEST_DIST, "..", "data", "feeds", "weather-forecast.json", NULL);
  geocoding = g_test_build_filename (G_TEST_DIST, "..", "data", "feeds", "weather-geocoding.json", NULL);
  many = g_test_build_filename (G_TEST_DIST, "..", "data", "feeds", "weather-geocoding-many.json", NULL);
  vt_http_put_template (http, "/loopback.xml", "application/rss+xml", fixture);
  listing = g_test_build_filename (G_TEST_DIST, "..", "data", "feeds", "listing.json", NULL);
  vt_http_put_file (http, "/listing.json", "application/json", listing);
  vt_http_put_file (http, "/xxe.xml", "application/rss+xml", xxe);
  vt_http_put_file (http, "/billion-laughs.xml", "application/rss+xml", laughs);
  vt_http_put_file (http, "/forecast", "application/json", forecast);
  vt_http_put_file (http, "/search", "application/json", geocoding);
  vt_http_put_file (http, "/search-many", "application/json", many);
  put_png ("/img/red.png", 0xff0000ff);
  put_png ("/img/red-small.png", 0xff0000ff);
  put_png ("/img/blue.png", 0x0000ffff);

  g_test_add_func ("/FeedWorker/fetch-mirror", test_fetch_mirror);
  g_test_add_func ("/FeedWorker/json-path", test_json_path);
  g_test_add_func ("/FeedWorker/hostile", test_hostile);
  g_test_add_func ("/FeedWorker/weather", test_weather);
  g_test_add_func ("/FeedWorker/supervised", test_supervised);
  g_test_add_func ("/FeedWorker/art", test_art);
  g_test_add_func ("/FeedWorker/mirror-cache", test_mirror_cache);
  status = g_test_run ();
  vt_http_stop (http);
  return status;
}
