/* bench-soak-feeds.c: a loopback HTTP server (libsoup's SoupServer on 127.0.0.1, on a
 * thread of its own) that serves the soak's image feeds, headline feeds, feed images and
 * weather badly at random, seeded like the rest of the soak. Each answer is, by chance:
 *
 *   feeds and weather: good (an RSS 2.0 feed with a 5 minute TTL whose items point at new
 *   images on every good answer, or the weather fixtures), slow (2 to 25 s, past the
 *   fetcher's 10 s read timeout about half the time), a reset connection, a truncated
 *   body, noise, an oversized body (5 MiB, over the 4 MiB feed cap), 500, or 429 with
 *   Retry-After;
 *   images: good (a 1280 × 720 JPEG, one per image number), truncated, a reset, noise, 404.
 *
 * The soak's verdicts then ask that the display kept its last good feed: a headline or
 * weather card once shown stays shown, an image feed once mirrored keeps images offered.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "bench-soak-feeds.h"

#define IMAGES 64

typedef enum
{
  GOOD, SLOW, RESET, TRUNCATED, NOISE, OVERSIZE, ERROR_500, RATE_429, NOT_FOUND, N_MODES
} Mode;

static const char *mode_names[N_MODES] = {
  "good", "slow", "reset", "truncated", "noise", "oversize", "500", "429", "404"
};

/* Chances in percent; feeds and weather, then images. */
static const guint feed_chances[N_MODES] = { 55, 8, 7, 7, 7, 5, 6, 5, 0 };
static const guint image_chances[N_MODES] = { 80, 0, 5, 7, 4, 0, 0, 0, 4 };

struct _SoakFeeds
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *base;
  GRand        *rand;           /* the server thread's only */
  GBytes       *images[IMAGES];
  guint         generation[SOAK_IMAGE_FEEDS + SOAK_HEADLINE_FEEDS];
  guint         counts[2][N_MODES];  /* [feeds or images][mode] */
  /* What the display kept, from --status (the soak's thread only). */
  GHashTable   *had_items;       /* feed URL → max items seen */
  GHashTable   *had_mirrored;    /* feed URL → max mirrored seen */
  GHashTable   *lost;            /* what already failed, once each */
  double        card_first[2];   /* headlines, weather: first shown, -1 never */
  guint         card_hidden[2];  /* samples in a row hidden since */
  GMutex        lock;
  GCond         started;
};

typedef struct
{
  SoupServerMessage *message;
  GBytes            *body;
  char              *type;
  GSource           *source;
} Delayed;

static Mode
pick (SoakFeeds   *feeds,
      const guint *chances)
{
  guint roll = (guint) g_rand_int_range (feeds->rand, 0, 100), sum = 0;

  for (Mode m = 0; m < N_MODES; m++)
    if (roll < (sum += chances[m]))
      return m;
  return GOOD;
}

static GBytes *
image_bytes (SoakFeeds *feeds,
             guint      n)
{
  if (feeds->images[n] == NULL)
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1280, 720);
      guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);
      int stride = gdk_pixbuf_get_rowstride (pixbuf);
      gchar *buffer = NULL;
      gsize size = 0;

      for (int y = 0; y < 720; y++)
        for (int x = 0; x < 1280; x++)
          {
            guint8 *p = pixels + y * stride + x * 3;

            p[0] = (guint8) (x / 5 + n * 37);
            p[1] = (guint8) (y / 3 + n * 11);
            p[2] = (guint8) ((x + y) / 8 + n * 71);
          }
      if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", NULL, "quality", "85", NULL))
        g_error ("could not encode a feed image");
      feeds->images[n] = g_bytes_new_take (buffer, size);
    }
  return g_bytes_ref (feeds->images[n]);
}

/* A good feed: its items move on by one image on every good answer. */
static GBytes *
feed_bytes (SoakFeeds *feeds,
            guint      feed,
            gboolean   images)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\">\n"
                               "<channel><ttl>5</ttl>");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint generation = feeds->generation[feed]++;

  g_string_append_printf (xml, "<title>Soak feed %u</title><link>%s/</link>\n", feed, feeds->base);
  for (guint i = 0; i < 8; i++)
    {
      guint n = (feed * 16 + generation + i) % IMAGES;
      g_autoptr(GDateTime) when = g_date_time_add_minutes (now, -(int) (i * 7));
      g_autofree char *date = g_date_time_format (when, "%a, %d %b %Y %H:%M:%S +0000");

      g_string_append_printf (xml, "<item><title>Soak headline %u of feed %u</title>"
                              "<link>%s/item/%u/%u</link><guid>%u-%u</guid><pubDate>%s</pubDate>",
                              generation + i, feed, feeds->base, feed, generation + i, feed,
                              generation + i, date);
      if (images)
        g_string_append_printf (xml, "<media:content url=\"%s/img/%u.jpg\" medium=\"image\" "
                                "width=\"1280\" height=\"720\"/>", feeds->base, n);
      g_string_append (xml, "</item>\n");
    }
  g_string_append (xml, "</channel></rss>\n");
  return g_string_free_to_bytes (xml);
}

static GBytes *
noise (SoakFeeds *feeds,
       gsize      size)
{
  guint8 *data = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) g_rand_int (feeds->rand);
  return g_bytes_new_take (data, size);
}

static GBytes *
oversize (void)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>big</title><!-- ");

  while (xml->len < 5 * 1024 * 1024)
    g_string_append (xml, "padding padding padding padding padding padding padding padding\n");
  g_string_append (xml, " --></channel></rss>");
  return g_string_free_to_bytes (xml);
}

static void
respond (SoupServerMessage *message,
         const char        *type,
         GBytes            *body)
{
  soup_server_message_set_status (message, 200, NULL);
  soup_server_message_set_response (message, type, SOUP_MEMORY_COPY, g_bytes_get_data (body, NULL),
                                    g_bytes_get_size (body));
}

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_bytes_unref (delayed->body);
  g_free (delayed->type);
  g_free (delayed);
}

static gboolean
delayed_cb (gpointer data)
{
  Delayed *delayed = data;

  if (delayed->message != NULL)
    {
      g_signal_handlers_disconnect_by_data (delayed->message, delayed);
      respond (delayed->message, delayed->type, delayed->body);
      soup_server_message_unpause (delayed->message);
      delayed->message = NULL;
    }
  return G_SOURCE_REMOVE;
}

/* The client gave up first: the message is going away, the answer is dropped. */
static void
delayed_gone_cb (SoupServerMessage *message,
                 gpointer           data)
{
  Delayed *delayed = data;

  delayed->message = NULL;
}

static void
slow (SoupServerMessage *message,
      const char        *type,
      GBytes            *body,
      guint              ms)
{
  Delayed *delayed = g_new0 (Delayed, 1);

  delayed->message = message;
  delayed->type = g_strdup (type);
  delayed->body = g_bytes_ref (body);
  delayed->source = g_timeout_source_new (ms);
  g_source_set_callback (delayed->source, delayed_cb, delayed, delayed_free);
  g_source_attach (delayed->source, g_main_context_get_thread_default ());
  g_signal_connect (message, "finished", G_CALLBACK (delayed_gone_cb), delayed);
  g_signal_connect (message, "disconnected", G_CALLBACK (delayed_gone_cb), delayed);
  g_source_unref (delayed->source);
  soup_server_message_pause (message);
}

static void
reset (SoupServerMessage *message)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (message);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
serve (SoakFeeds         *feeds,
       SoupServerMessage *message,
       Mode               mode,
       const char        *type,
       GBytes            *good)
{
  g_autoptr(GBytes) body = NULL;

  switch (mode)
    {
    case GOOD:
      respond (message, type, good);
      break;
    case SLOW:
      slow (message, type, good, (guint) g_rand_int_range (feeds->rand, 2000, 25000));
      break;
    case RESET:
      reset (message);
      break;
    case TRUNCATED:
      body = g_bytes_new_from_bytes (good, 0, g_bytes_get_size (good) * g_rand_int_range (feeds->rand, 20, 90) / 100);
      respond (message, type, body);
      break;
    case NOISE:
      body = noise (feeds, (gsize) g_rand_int_range (feeds->rand, 16, 64 * 1024));
      respond (message, type, body);
      break;
    case OVERSIZE:
      body = oversize ();
      respond (message, type, body);
      break;
    case ERROR_500:
      soup_server_message_set_status (message, 500, NULL);
      break;
    case RATE_429:
      soup_message_headers_replace (soup_server_message_get_response_headers (message), "Retry-After", "30");
      soup_server_message_set_status (message, 429, "Too Many Requests");
      break;
    case NOT_FOUND:
    case N_MODES:
    default:
      soup_server_message_set_status (message, 404, NULL);
      break;
    }
}

static GBytes *
weather_bytes (const char *name)
{
  g_autofree char *path = g_build_filename (SOAK_FIXTURES, name, NULL);
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);

  if (file == NULL)
    g_error ("no weather fixture %s", path);
  return g_mapped_file_get_bytes (file);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *message,
        const char        *path,
        GHashTable        *query,
        gpointer           data)
{
  SoakFeeds *feeds = data;
  g_autoptr(GBytes) good = NULL;
  const char *type = "application/rss+xml";
  guint n = 0, kind = 0;
  Mode mode;

  if (sscanf (path, "/img/%u.jpg", &n) == 1 && n < IMAGES)
    {
      good = image_bytes (feeds, n);
      type = "image/jpeg";
      kind = 1;
    }
  else if (sscanf (path, "/feed/%u.xml", &n) == 1 && n < SOAK_IMAGE_FEEDS)
    good = feed_bytes (feeds, n, TRUE);
  else if (sscanf (path, "/news/%u.xml", &n) == 1 && n < SOAK_HEADLINE_FEEDS)
    good = feed_bytes (feeds, SOAK_IMAGE_FEEDS + n, FALSE);
  else if (g_str_equal (path, "/forecast") || g_str_equal (path, "/search"))
    {
      good = weather_bytes (g_str_equal (path, "/forecast") ? "weather-forecast.json" : "weather-geocoding.json");
      type = "application/json";
    }
  else
    {
      soup_server_message_set_status (message, 404, NULL);
      return;
    }
  mode = pick (feeds, kind == 0 ? feed_chances : image_chances);
  g_mutex_lock (&feeds->lock);
  feeds->counts[kind][mode]++;
  g_mutex_unlock (&feeds->lock);
  serve (feeds, message, mode, type, good);
}

static gpointer
server_thread (gpointer data)
{
  SoakFeeds *feeds = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;

  g_main_context_push_thread_default (feeds->context);
  feeds->server = soup_server_new ("server-header", "soak", NULL);
  soup_server_add_handler (feeds->server, NULL, handle, feeds, NULL);
  if (!soup_server_listen_local (feeds->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("the flaky feed server could not listen: %s", error->message);
  uris = soup_server_get_uris (feeds->server);
  g_mutex_lock (&feeds->lock);
  feeds->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_cond_signal (&feeds->started);
  g_mutex_unlock (&feeds->lock);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  g_main_loop_run (feeds->loop);

  soup_server_disconnect (feeds->server);
  g_clear_object (&feeds->server);
  g_main_context_pop_thread_default (feeds->context);
  return NULL;
}

SoakFeeds *
soak_feeds_start (guint32 seed)
{
  SoakFeeds *feeds = g_new0 (SoakFeeds, 1);

  feeds->rand = g_rand_new_with_seed (seed ^ 0x5eedfeed);
  feeds->had_items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  feeds->had_mirrored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  feeds->lost = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  feeds->card_first[0] = feeds->card_first[1] = -1;
  feeds->context = g_main_context_new ();
  feeds->loop = g_main_loop_new (feeds->context, FALSE);
  g_mutex_init (&feeds->lock);
  g_cond_init (&feeds->started);
  g_mutex_lock (&feeds->lock);
  feeds->thread = g_thread_new ("soak-feeds", server_thread, feeds);
  while (feeds->base == NULL)
    g_cond_wait (&feeds->started, &feeds->lock);
  g_mutex_unlock (&feeds->lock);
  return feeds;
}

char *
soak_feeds_url (SoakFeeds  *feeds,
                const char *path)
{
  return g_strconcat (feeds->base, path, NULL);
}

/* GVariant text of a list of feed URLs. */
static char *
url_list (SoakFeeds  *feeds,
          const char *folder,
          guint       count)
{
  GString *list = g_string_new ("[");

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *path = g_strdup_printf ("/%s/%u.xml", folder, i);
      g_autofree char *url = soak_feeds_url (feeds, path);

      g_string_append_printf (list, "%s'%s'", i > 0 ? ", " : "", url);
    }
  g_string_append (list, "]");
  return g_string_free (list, FALSE);
}

void
soak_feeds_write_settings (SoakFeeds  *feeds,
                           const char *config_home)
{
  g_autofree char *dir = g_build_filename (config_home, "glib-2.0", "settings", NULL);
  g_autofree char *path = g_build_filename (dir, "keyfile", NULL);
  g_autofree char *images = url_list (feeds, "feed", SOAK_IMAGE_FEEDS);
  g_autofree char *news = url_list (feeds, "news", SOAK_HEADLINE_FEEDS);
  g_autofree char *text = g_strdup_printf ("[io/github/vitrine/Vitrine/sources]\n"
                                           "feeds=%s\n"
                                           "use-pictures-folder=false\n"
                                           "use-demo-set=false\n"
                                           "feed-ratio=0.3\n"
                                           "[io/github/vitrine/Vitrine/widgets]\n"
                                           "headlines-enabled=true\n"
                                           "headlines-feeds=%s\n"
                                           "headlines-refresh=300\n"
                                           "weather-enabled=true\n"
                                           "weather-location='Berlin'\n", images, news);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_file_set_contents (path, text, -1, &error))
    g_error ("could not write the soak's settings in %s", dir);
}

static void
fail_once (SoakFeeds  *feeds,
           GPtrArray  *failures,
           const char *key,
           char       *message)
{
  if (g_hash_table_contains (feeds->lost, key))
    {
      g_free (message);
      return;
    }
  g_hash_table_add (feeds->lost, g_strdup (key));
  g_ptr_array_add (failures, message);
}

/* @member of a feed never drops to 0 once it was above. */
static void
check_kept (SoakFeeds  *feeds,
            GHashTable *seen,
            JsonObject *feed,
            const char *member,
            double      t,
            GPtrArray  *failures)
{
  const char *url = json_object_get_string_member (feed, "url");
  gint64 now = json_object_get_int_member (feed, member);
  gint64 before = GPOINTER_TO_SIZE (g_hash_table_lookup (seen, url));
  g_autofree char *key = g_strconcat (member, " ", url, NULL);

  if (now > before)
    g_hash_table_replace (seen, g_strdup (url), GSIZE_TO_POINTER ((gsize) now));
  else if (now == 0 && before > 0)
    fail_once (feeds, failures, key,
               g_strdup_printf ("%s lost its %s (had %" G_GINT64_FORMAT ") at %.0f s: %s", url, member, before, t,
                                json_object_get_string_member_with_default (feed, "last_error", "no error")));
}

static void
check_card (SoakFeeds  *feeds,
            guint       which,
            gboolean    shown,
            double      t,
            GPtrArray  *failures)
{
  static const char *names[] = { "headlines", "weather" };

  if (shown)
    {
      if (feeds->card_first[which] < 0)
        feeds->card_first[which] = t;
      feeds->card_hidden[which] = 0;
      return;
    }
  if (feeds->card_first[which] >= 0 && ++feeds->card_hidden[which] == 2)
    fail_once (feeds, failures, names[which],
               g_strdup_printf ("the %s card went away at %.0f s after a bad answer", names[which], t));
}

void
soak_feeds_check (SoakFeeds  *feeds,
                  JsonObject *status,
                  double      t,
                  GPtrArray  *failures)
{
  JsonArray *list = json_object_get_array_member (status, "feeds");
  JsonArray *overlays = json_object_get_array_member (status, "overlays");
  gboolean shown[2] = { FALSE, FALSE };

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *feed = json_array_get_object_element (list, i);

      check_kept (feeds, feeds->had_items, feed, "items", t, failures);
      if (g_str_equal (json_object_get_string_member (feed, "kind"), "images"))
        check_kept (feeds, feeds->had_mirrored, feed, "mirrored", t, failures);
    }
  if (overlays == NULL || json_array_get_length (overlays) == 0)
    return;
  list = json_object_get_array_member (json_array_get_object_element (overlays, 0), "cards");
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *card = json_array_get_object_element (list, i);
      const char *kind = json_object_get_string_member (card, "kind");
      gboolean visible = json_object_get_boolean_member (card, "visible") &&
                         json_object_get_string_member_with_default (card, "text", NULL) != NULL;

      if (g_str_equal (kind, "headlines"))
        shown[0] = shown[0] || visible;
      else if (g_str_equal (kind, "weather"))
        shown[1] = shown[1] || visible;
    }
  check_card (feeds, 0, shown[0], t, failures);
  check_card (feeds, 1, shown[1], t, failures);
}

void
soak_feeds_report (SoakFeeds *feeds,
                   double     minutes,
                   GPtrArray *failures)
{
  static const char *names[] = { "headlines", "weather" };
  GHashTableIter iter;
  gpointer url, count;

  g_mutex_lock (&feeds->lock);
  for (guint kind = 0; kind < 2; kind++)
    {
      guint total = 0;

      for (Mode m = 0; m < N_MODES; m++)
        total += feeds->counts[kind][m];
      printf ("flaky server, %s: %u answers:", kind == 0 ? "feeds and weather" : "images", total);
      for (Mode m = 0; m < N_MODES; m++)
        if (feeds->counts[kind][m] > 0)
          printf (" %s %u", mode_names[m], feeds->counts[kind][m]);
      printf ("\n");
    }
  g_mutex_unlock (&feeds->lock);
  g_hash_table_iter_init (&iter, feeds->had_items);
  while (g_hash_table_iter_next (&iter, &url, &count))
    printf ("  %-40s at most %u items, %u mirrored\n", (const char *) url, GPOINTER_TO_UINT (count),
            GPOINTER_TO_UINT (g_hash_table_lookup (feeds->had_mirrored, url)));
  for (guint which = 0; which < 2; which++)
    {
      if (feeds->card_first[which] >= 0)
        printf ("%s card first shown at %.0f s\n", names[which], feeds->card_first[which]);
      else
        {
          printf ("%s card never shown\n", names[which]);
          if (minutes >= 10)
            g_ptr_array_add (failures, g_strdup_printf ("the %s card was never shown", names[which]));
        }
    }
}

void
soak_feeds_stop (SoakFeeds *feeds)
{
  if (feeds == NULL)
    return;
  g_main_loop_quit (feeds->loop);
  g_thread_join (feeds->thread);
  g_main_loop_unref (feeds->loop);
  g_main_context_unref (feeds->context);
  for (guint i = 0; i < IMAGES; i++)
    g_clear_pointer (&feeds->images[i], g_bytes_unref);
  g_rand_free (feeds->rand);
  g_hash_table_unref (feeds->had_items);
  g_hash_table_unref (feeds->had_mirrored);
  g_hash_table_unref (feeds->lost);
  g_free (feeds->base);
  g_mutex_clear (&feeds->lock);
  g_cond_clear (&feeds->started);
  g_free (feeds);
}
