/* bench-feeds.c: the feed path's figures (build-aux/dev bench feeds).
 *
 *   bench-feeds parse [ROUNDS]   a generated 2 MB Media RSS of 1,000 items through
 *                                vitrine_feed_parse, against `xmllint --noout` (libxml2's
 *                                parse alone, the floor; whole process each, the same way)
 *                                and Python's feedparser (in process, like ours), all in
 *                                the same run, interleaved
 *
 *   bench-feeds --write-feed FILE   writes that feed, for profiling or serving
 *
 * Subcommands are a table (below): a new figure is one function and one row. Every input
 * is generated here, deterministically. Percentiles are nearest-rank.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vitrine-feed-parse.h"
#include "vitrine-latency.h"

#define PARSE_ITEMS 1000
/* Debian's interpreter, where python3-feedparser installs (not a pyenv or venv one). */
#define PYTHON "/usr/bin/python3"

static char *workdir;
static const char *self_path;

/* --- helpers ------------------------------------------------------------------------ */

static double
run_timed (const char * const *argv,
           char              **out)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", argv[0], error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
p50_of (GArray *samples)
{
  VitrineLatencySummary s;

  vitrine_latency_summarize_array ((double *) (void *) samples->data, samples->len, &s);
  return s.p50;
}

static void
print_row (const char *name,
           GArray     *samples)
{
  VitrineLatencySummary s;

  vitrine_latency_summarize_array ((double *) (void *) samples->data, samples->len, &s);
  printf ("%-44s p50 %9.2f ms   p95 %9.2f ms   max %9.2f ms   (n=%u)\n",
          name, s.p50, s.p95, s.max, samples->len);
}

static double
parse_once_ms (const guint8 *data,
               gsize         length,
               guint        *n_items)
{
  g_autoptr(GError) error = NULL;
  VitrineFeedParseOptions options = { .url = "https://photos.example.org/feed.xml", .max_items = PARSE_ITEMS };
  gint64 start = g_get_monotonic_time ();
  VitrineFeedDocument *document = vitrine_feed_parse (data, length, &options, &error);
  double ms;

  if (document == NULL)
    g_error ("the generated feed did not parse: %s", error->message);
  *n_items = document->items->len;
  vitrine_feed_document_free (document);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  return ms;
}

/* --- parse -------------------------------------------------------------------------- */

/* A photo site's Media RSS: each item with a media:group of three sizes, a thumbnail,
 * credits, categories and an HTML description, about 2 KB an item. */
static void
write_media_rss (const char *path,
                 guint       n_items)
{
  static const char *places[] = { "harbour", "ridge", "lake", "dune", "glacier", "forest", "delta" };
  static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_string_append (xml,
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                   "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"\n"
                   "     xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                   "     xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n"
                   "  <title>Bench Photo Desk</title>\n  <link>https://photos.example.org/</link>\n"
                   "  <atom:link href=\"https://photos.example.org/feed.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n"
                   "  <description>One thousand photographs for a benchmark</description>\n  <ttl>60</ttl>\n");
  for (guint i = 0; i < n_items; i++)
    {
      const char *place = places[i % G_N_ELEMENTS (places)];

      g_string_append_printf (xml,
        "  <item>\n"
        "    <title>Photo %04u: the %s at first light, seen from the north &amp; west</title>\n"
        "    <link>https://photos.example.org/2026/%02u/%s-%04u</link>\n"
        "    <guid isPermaLink=\"false\">urn:photo:%s:%04u</guid>\n"
        "    <pubDate>Tue, %02u %s 2026 %02u:%02u:00 +0100</pubDate>\n"
        "    <dc:creator>Photographer %u</dc:creator>\n"
        "    <category>landscape</category><category>%s</category><category>morning</category>\n"
        "    <description>&lt;p&gt;A long exposure of the %s before sunrise, photo %u of the series. "
        "The light comes in low from the east and the water is still; a few boats are moored along "
        "the far side and the hills behind them are still blue.&lt;/p&gt;&lt;p&gt;Camera settings: "
        "f/8, 30 s, ISO 100, 24 mm. Printed on request in three sizes; the full resolution file is "
        "available to subscribers. Shot on location at dawn, edited for colour only, no composites, "
        "no sky replacement, no generative fill.&lt;/p&gt;&lt;p&gt;&lt;a href=\"https://photos.example.org/2026/%s-%04u\"&gt;"
        "See the whole series&lt;/a&gt;&lt;/p&gt;</description>\n"
        "    <media:group>\n"
        "      <media:content url=\"https://cdn.example.org/%s/%04u-1280.jpg\" medium=\"image\" type=\"image/jpeg\" width=\"1280\" height=\"853\" fileSize=\"412345\"/>\n"
        "      <media:content url=\"https://cdn.example.org/%s/%04u-3840.jpg\" medium=\"image\" type=\"image/jpeg\" width=\"3840\" height=\"2560\" fileSize=\"3412345\"/>\n"
        "      <media:content url=\"https://cdn.example.org/%s/%04u-1920.jpg\" medium=\"image\" type=\"image/jpeg\" width=\"1920\" height=\"1280\" fileSize=\"1012345\"/>\n"
        "      <media:thumbnail url=\"https://cdn.example.org/%s/%04u-thumb.jpg\" width=\"320\" height=\"213\"/>\n"
        "      <media:title>The %s at first light</media:title>\n"
        "      <media:description>Long exposure before sunrise; the light comes in low over still water, "
        "boats moored along the far side, blue hills behind them, no composites.</media:description>\n"
        "      <media:credit role=\"photographer\">Photographer %u</media:credit>\n"
        "      <media:copyright>CC BY 4.0</media:copyright>\n"
        "    </media:group>\n"
        "  </item>\n",
        i, place, 1 + i % 12, place, i, place, i,
        1 + i % 28, months[i % 12], i % 24, i % 60,
        i % 37, place, place, i, place, i,
        place, i, place, i, place, i, place, i, place, i % 37);
    }
  g_string_append (xml, "</channel>\n</rss>\n");
  if (!g_file_set_contents (path, xml->str, (gssize) xml->len, &error))
    g_error ("%s", error->message);
}

static const char feedparser_script[] =
  "import sys, time, feedparser\n"
  "data = open(sys.argv[1], 'rb').read()\n"
  "for _ in range(int(sys.argv[2])):\n"
  "    t = time.perf_counter()\n"
  "    d = feedparser.parse(data)\n"
  "    ms = (time.perf_counter() - t) * 1000\n"
  "    assert len(d.entries) == 1000, len(d.entries)\n"
  "    print('%.3f' % ms)\n";

static GArray *
feedparser_ms (const char *path,
               guint       rounds)
{
  g_autofree char *n = g_strdup_printf ("%u", rounds);
  g_autofree char *out = NULL;
  const char *argv[] = { PYTHON, "-c", feedparser_script, path, n, NULL };
  g_auto(GStrv) lines = NULL;
  GArray *samples = g_array_new (FALSE, FALSE, sizeof (double));

  run_timed (argv, &out);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      {
        double ms = g_ascii_strtod (lines[i], NULL);

        g_array_append_val (samples, ms);
      }
  return samples;
}

static int
bench_parse (guint rounds)
{
  g_autofree char *path = g_build_filename (workdir, "media-rss-1000.xml", NULL);
  const char *ours[] = { self_path, "--parse-once", path, NULL };
  const char *xmllint[] = { "xmllint", "--noout", path, NULL };
  g_autoptr(GArray) ours_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) inner_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) xmllint_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) feedparser = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  guint n_items = 0;

  write_media_rss (path, PARSE_ITEMS);
  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  /* Warm the page cache and every program's libraries. */
  for (guint i = 0; i < 3; i++)
    {
      parse_once_ms ((const guint8 *) contents, length, &n_items);
      run_timed (ours, NULL);
      run_timed (xmllint, NULL);
    }
  g_assert (n_items == PARSE_ITEMS);

  /* Interleaved, so all see the same machine. */
  for (guint i = 0; i < rounds; i++)
    {
      double t = run_timed (ours, NULL);

      g_array_append_val (ours_ms, t);
      t = run_timed (xmllint, NULL);
      g_array_append_val (xmllint_ms, t);
      t = parse_once_ms ((const guint8 *) contents, length, &n_items);
      g_array_append_val (inner_ms, t);
    }
  feedparser = feedparser_ms (path, MAX (rounds / 4, 5));

  printf ("Media RSS, %u items, %.2f MB (%" G_GSIZE_FORMAT " bytes), %u rounds\n",
          PARSE_ITEMS, length / 1e6, length, rounds);
  print_row ("vitrine_feed_parse (process: read + parse)", ours_ms);
  print_row ("xmllint --noout (process, libxml2's floor)", xmllint_ms);
  print_row ("vitrine_feed_parse (in process)", inner_ms);
  print_row ("feedparser.parse (in process, Python)", feedparser);
  printf ("\nvitrine / xmllint    (p50, whole process):  %.2f   (goal <= 1.5)\n",
          p50_of (ours_ms) / p50_of (xmllint_ms));
  printf ("vitrine / feedparser (p50, in process):     %.3f  (goal <= 0.2)\n",
          p50_of (inner_ms) / p50_of (feedparser));
  return 0;
}

/* The child of `parse`: one file read and parsed, as a process of its own. */
static int
parse_file_once (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  guint n_items;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  parse_once_ms ((const guint8 *) contents, length, &n_items);
  return n_items == PARSE_ITEMS ? 0 : 1;
}

/* --- main --------------------------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *usage;
  int (*run) (int argc, char **argv);
} Command;

static int
run_parse (int    argc,
           char **argv)
{
  return bench_parse (argc > 2 ? (guint) atoi (argv[2]) : 40);
}

static const Command commands[] = {
  { "parse", "parse [ROUNDS]", run_parse },
};

int
main (int   argc,
      char *argv[])
{
  const char *what = argc > 1 ? argv[1] : "";
  int status = -1;

  self_path = argv[0];
  if (g_str_equal (what, "--parse-once") && argc == 3)
    return parse_file_once (argv[2]);
  /* The benchmark's feed on its own, for profiling or serving. */
  if (g_str_equal (what, "--write-feed") && argc == 3)
    {
      write_media_rss (argv[2], PARSE_ITEMS);
      return 0;
    }

  workdir = g_dir_make_tmp ("vitrine-bench-feeds-XXXXXX", NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (what, commands[i].name))
      status = commands[i].run (argc, argv);
  if (status < 0)
    {
      fprintf (stderr, "usage:");
      for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
        fprintf (stderr, "%s bench-feeds %s", i > 0 ? " |" : "", commands[i].usage);
      fprintf (stderr, "\n");
      status = 2;
    }

  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", workdir);

    if (system (rm) != 0)
      fprintf (stderr, "could not remove %s\n", workdir);
  }
  g_free (workdir);
  return status;
}
