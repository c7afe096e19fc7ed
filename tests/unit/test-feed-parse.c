/* test-feed-parse.c: RSS, Atom, Media RSS and JSON listings from the fixtures in
 * tests/data/feeds, parsed to exact values; hostile documents refused with the right
 * error; dates, TTLs and URLs one rule at a time.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vitrine-feed-parse.h"

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "feeds", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static VitrineFeedDocument *
parse_fixture (const char  *name,
               const char  *url,
               const char  *json_path,
               GError     **error)
{
  g_autoptr(GBytes) bytes = fixture (name);
  VitrineFeedParseOptions options = { .url = url, .json_path = json_path };
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return vitrine_feed_parse (data, length, &options, error);
}

static VitrineFeedItem *
item (VitrineFeedDocument *document,
      guint                index)
{
  g_assert_cmpuint (index, <, document->items->len);
  return document->items->pdata[index];
}

static void
assert_item (VitrineFeedItem *it,
             const char      *title,
             const char      *link,
             const char      *image_url,
             int              width,
             int              height,
             gint64           published,
             const char      *guid)
{
  g_assert_cmpstr (it->title, ==, title);
  g_assert_cmpstr (it->link, ==, link);
  g_assert_cmpstr (it->image_url, ==, image_url);
  g_assert_cmpint (it->image_width, ==, width);
  g_assert_cmpint (it->image_height, ==, height);
  g_assert_cmpint (it->published_unix, ==, published);
  g_assert_cmpstr (it->guid, ==, guid);
}

static void
test_rss (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineFeedDocument) doc = parse_fixture ("rss.xml", "https://photos.example.org/feed.xml", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (doc->kind, ==, VITRINE_FEED_KIND_RSS);
  g_assert_cmpstr (doc->title, ==, "Harbour Photo Desk");
  g_assert_cmpstr (doc->link, ==, "https://photos.example.org/");
  g_assert_cmpint (doc->ttl_s, ==, 45 * 60);
  /* Seven items, one with nothing to show dropped. */
  g_assert_cmpuint (doc->items->len, ==, 6);
  /* An image enclosure; "&amp;amp;" in a title is an escaped "&". */
  assert_item (item (doc, 0), "Fog over the & pier", "https://photos.example.org/2026/12/fog",
               "https://cdn.example.org/fog.jpg", 0, 0, 1796106600, "harbour-0001");
  /* An audio enclosure is no image: a headline. 18:00 EST is 23:00 UTC. */
  assert_item (item (doc, 1), "Council meets on Thursday", "https://news.example.org/council",
               NULL, 0, 0, 1796079600, NULL);
  /* Relative link and <img> in escaped HTML, resolved against the feed; dc:date. */
  assert_item (item (doc, 2), "Gulls", "https://photos.example.org/2026/11/gulls",
               "https://photos.example.org/img/gulls.png", 2048, 1365, 1795954530, NULL);
  /* A permalink guid is the link; the javascript: <img> is passed over for the next
   * one, protocol-relative; a two-digit year and no seconds. */
  assert_item (item (doc, 3), "Night ferry", "https://photos.example.org/2026/11/ferry",
               "https://cdn.example.org/ferry.webp", 0, 0, 1795907100,
               "https://photos.example.org/2026/11/ferry");
  /* javascript: link and file: enclosure dropped; the title keeps it as a headline. */
  assert_item (item (doc, 4), "Nothing to see", NULL, NULL, 0, 0, G_MININT64, NULL);
  /* No title; a full weekday name and the "Z" zone. */
  assert_item (item (doc, 5), NULL, "https://photos.example.org/2026/11/untitled", NULL, 0, 0,
               1795770000, NULL);
}

static void
test_media_rss (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineFeedDocument) doc = parse_fixture ("media-rss.xml", "https://images.example.com/feed.rss", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (doc->kind, ==, VITRINE_FEED_KIND_RSS);
  g_assert_cmpstr (doc->title, ==, "Mountain Gallery");
  /* sy:updatePeriod hourly, sy:updateFrequency 2. */
  g_assert_cmpint (doc->ttl_s, ==, 1800);
  g_assert_cmpuint (doc->items->len, ==, 4);
  /* The largest image of the group (not the video, not the content outside it). */
  assert_item (item (doc, 0), "Ridge at dawn", "https://images.example.com/ridge",
               "https://images.example.com/ridge-3840.jpg", 3840, 2560, 1795961400, NULL);
  /* Outside a group, the largest media:content wins over the thumbnail; relative URLs
   * resolve against the channel's xml:base. */
  assert_item (item (doc, 1), "Lake", "https://images.example.com/gallery/lake.html",
               "https://images.example.com/gallery/lake-2560.jpg", 2560, 1440, G_MININT64, NULL);
  /* A video media:content is skipped for the image enclosure. */
  assert_item (item (doc, 2), "Glacier timelapse", NULL,
               "https://images.example.com/glacier-still.jpg", 0, 0, G_MININT64, NULL);
  /* The thumbnail is the last resort before HTML. */
  assert_item (item (doc, 3), "Only a thumbnail", NULL,
               "https://images.example.com/gallery/thumbs/pass.jpg", 0, 0, G_MININT64, NULL);
}

static void
test_atom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineFeedDocument) doc = parse_fixture ("atom.xml", "https://blog.example.net/atom.xml", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (doc->kind, ==, VITRINE_FEED_KIND_ATOM);
  /* type="html": markup dropped, entities decoded. */
  g_assert_cmpstr (doc->title, ==, "Sky & Sea");
  g_assert_cmpstr (doc->link, ==, "https://blog.example.net/");
  g_assert_cmpint (doc->ttl_s, ==, -1);
  g_assert_cmpuint (doc->items->len, ==, 3);
  /* rel="enclosure"; published (+01:00) beats updated. */
  assert_item (item (doc, 0), "Aurora, 01:00", "https://blog.example.net/posts/aurora",
               "https://blog.example.net/media/aurora.jpg", 0, 0, 1795996800,
               "tag:blog.example.net,2026:aurora");
  /* An entry's own xml:base; an <img> in XHTML content; updated with a fraction. */
  assert_item (item (doc, 1), "Tide table", "https://other.example.net/x/tides",
               "https://other.example.net/x/img/tide.png", 0, 0, 1795959000,
               "tag:blog.example.net,2026:tides");
  /* An audio enclosure is skipped; the <IMG> in an escaped summary is the image. */
  assert_item (item (doc, 2), "Podcast 12", "https://blog.example.net/podcast/12",
               "https://blog.example.net/podcast/12.jpg", 0, 0, 1795867200,
               "tag:blog.example.net,2026:podcast-12");
}

static void
test_json_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineFeedDocument) doc = NULL;

  doc = parse_fixture ("listing.json", "https://www.bing.com/HPImageArchive.aspx?format=js&n=4",
                       "images[*].url", &error);
  g_assert_no_error (error);
  g_assert_cmpint (doc->kind, ==, VITRINE_FEED_KIND_JSON);
  g_assert_null (doc->title);
  g_assert_cmpint (doc->ttl_s, ==, -1);
  /* The data: URL entry has nothing left and goes; the javascript: one keeps its title. */
  g_assert_cmpuint (doc->items->len, ==, 3);
  assert_item (item (doc, 0), "Fog in the harbour", "https://www.bing.com/search?q=harbour+fog",
               "https://www.bing.com/th?id=OHR.HarbourFog_EN-GB1234567890_UHD.jpg&rf=LaDigue_UHD.jpg&pid=hp&w=3840&h=2160",
               3840, 2160, 1796083200, NULL);
  assert_item (item (doc, 1), "A lighthouse at night", NULL,
               "https://www.bing.com/th?id=OHR.Lighthouse_UHD.jpg", 0, 0, 1795996800, NULL);
  assert_item (item (doc, 2), "A hostile entry", NULL, NULL, 0, 0, 1795910400, NULL);

  /* A base overrides the feed's URL; "images.url" reads like "images[*].url". */
  {
    g_autoptr(GBytes) bytes = fixture ("listing.json");
    VitrineFeedParseOptions options = {
      .url = "https://mirror.example.org/bing.json", .base_url = "https://cdn.example.org/",
      .json_path = "$.images.url", .max_items = 1,
    };
    g_autoptr(VitrineFeedDocument) based = vitrine_feed_parse (g_bytes_get_data (bytes, NULL),
                                                               g_bytes_get_size (bytes), &options, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (based->items->len, ==, 1);
    g_assert_cmpstr (item (based, 0)->image_url, ==,
                     "https://cdn.example.org/th?id=OHR.HarbourFog_EN-GB1234567890_UHD.jpg&rf=LaDigue_UHD.jpg&pid=hp&w=3840&h=2160");
  }

  /* Objects selected by the path are items; a path that matches nothing leaves none. */
  {
    g_autoptr(VitrineFeedDocument) objects = parse_fixture ("listing.json", "https://www.bing.com/", "images[1]", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (objects->items->len, ==, 1);
    g_assert_cmpstr (item (objects, 0)->image_url, ==, "https://www.bing.com/th?id=OHR.Lighthouse_UHD.jpg");
    g_assert_null (parse_fixture ("listing.json", "https://www.bing.com/", "photos[*].src", &error));
    g_assert_error (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_EMPTY);
    g_clear_error (&error);
    g_assert_null (parse_fixture ("listing.json", "https://www.bing.com/", "images[x", &error));
    g_assert_error (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_UNSUPPORTED);
  }
}

static void
test_reddit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineFeedDocument) doc = parse_fixture ("reddit.json", "https://www.reddit.com/r/EarthPorn/top.json?t=day", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (doc->kind, ==, VITRINE_FEED_KIND_JSON);
  /* Six posts; the one marked over_18 is left out. */
  g_assert_cmpuint (doc->items->len, ==, 5);
  /* A big preview (5472 px): the linked file is the image, the preview gives its size. */
  assert_item (item (doc, 0), "Fjord at first light [5472x3648] & mist",
               "https://www.reddit.com/r/EarthPorn/comments/big1/slug/",
               "https://i.redd.it/big1.jpg", 5472, 3648, 1796108404, "t3_big1");
  /* Widths known and the widest under 2560: no image, a headline. */
  assert_item (item (doc, 1), "Small preview only [1080x720]",
               "https://www.reddit.com/r/EarthPorn/comments/small/slug/",
               NULL, 0, 0, 1796108405, "t3_small");
  /* A link post: the preview's source, its "&amp;" unescaped. */
  assert_item (item (doc, 2), "Preview from an article [4000x3000]",
               "https://www.reddit.com/r/EarthPorn/comments/link/slug/",
               "https://preview.redd.it/link.jpg?width=4000&format=pjpg&s=abc", 4000, 2666,
               1796108404, "t3_link");
  /* No preview, so no widths to hold against it. */
  assert_item (item (doc, 3), "No preview at all",
               "https://www.reddit.com/r/EarthPorn/comments/nopreview/slug/",
               "https://i.redd.it/nopreview.png", 0, 0, 1796108409, "t3_nopreview");
  assert_item (item (doc, 4), "A video post",
               "https://www.reddit.com/r/EarthPorn/comments/video/slug/",
               NULL, 0, 0, 1796108405, "t3_video");
}

static void
test_json_feed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineFeedDocument) doc = parse_fixture ("jsonfeed.json", "https://notes.example.org/feed.json", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (doc->title, ==, "Field Notes");
  g_assert_cmpstr (doc->link, ==, "https://notes.example.org/");
  g_assert_cmpuint (doc->items->len, ==, 2);
  assert_item (item (doc, 0), "Frost", "https://notes.example.org/2",
               "https://notes.example.org/images/frost.jpg", 0, 0, 1796025600, "2");
  assert_item (item (doc, 1), "Moss", "https://notes.example.org/1",
               "https://notes.example.org/images/moss.jpg", 3000, 2000, 1795939200, "1");
}

/* Items are read and dropped from the tree as they end; text, comments and CDATA around
 * them, and channel elements after them, must come through intact. */
static void
test_streaming (void)
{
  static const char rss[] =
    "<rss><channel>lead text<item><title>a</title></item>more text<!-- c --><item><title>b</title>"
    "</item><![CDATA[x]]><item><title>c</title></item>tail and more tail text, long enough to need"
    " a bigger buffer than the text before it<title>Late &amp; last</title><ttl>5</ttl></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineFeedDocument) doc = vitrine_feed_parse ((const guint8 *) rss, strlen (rss), NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (doc->title, ==, "Late & last");
  g_assert_cmpint (doc->ttl_s, ==, 300);
  g_assert_cmpuint (doc->items->len, ==, 3);
  g_assert_cmpstr (item (doc, 0)->title, ==, "a");
  g_assert_cmpstr (item (doc, 1)->title, ==, "b");
  g_assert_cmpstr (item (doc, 2)->title, ==, "c");
}

/* Titles as feeds write them: inline markup in CDATA or escaped once, HTML's named
 * entities; what only looks like markup stays. */
static void
test_titles (void)
{
  static const struct { const char *title; const char *expected; } rss_titles[] = {
    { "<![CDATA[Markets & <i>more</i>]]>", "Markets & more" },
    { "It&amp;rsquo;s caf&amp;eacute; time&amp;hellip;", "It\u2019s caf\u00e9 time\u2026" },
    { "<![CDATA[It&#8217;s &ldquo;here&rdquo; &mdash; at 5&deg;]]>", "It\u2019s \u201chere\u201d \u2014 at 5\u00b0" },
    { "<![CDATA[a < b and c > d]]>", "a < b and c > d" },
    { "<![CDATA[x<y and z>w]]>", "x<y and z>w" },
    { "<![CDATA[Line one<br/>line two]]>", "Line one line two" },
    { "<![CDATA[<b>New</b>s &unknown; &amp x &#0; &#x110000;]]>", "News &unknown; &amp x &#0; &#x110000;" },
    { "Tom&amp;nbsp;&amp;amp;&amp;nbsp;Jerry", "Tom & Jerry" },
    { "<![CDATA[<a href=\"https://x.example/\">Link</a> text <STRONG>loud</STRONG>]]>", "Link text loud" },
    { "<![CDATA[<i>unclosed <b]]>", "unclosed <b" },
  };
  static const char atom[] =
    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title type=\"html\">&lt;em&gt;Caf&amp;eacute;"
    "&lt;/em&gt; opens&amp;nbsp;</title><id>1</id></entry>"
    "<entry><title type=\"text\">&lt;em&gt; is a tag</title><id>2</id></entry></feed>";
  g_autoptr(GString) rss = g_string_new ("<rss><channel>");
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineFeedDocument) doc = NULL;
  g_autoptr(VitrineFeedDocument) atom_doc = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (rss_titles); i++)
    g_string_append_printf (rss, "<item><title>%s</title></item>", rss_titles[i].title);
  g_string_append (rss, "</channel></rss>");
  doc = vitrine_feed_parse ((const guint8 *) rss->str, rss->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (doc->items->len, ==, G_N_ELEMENTS (rss_titles));
  for (gsize i = 0; i < G_N_ELEMENTS (rss_titles); i++)
    g_assert_cmpstr (item (doc, (guint) i)->title, ==, rss_titles[i].expected);

  atom_doc = vitrine_feed_parse ((const guint8 *) atom, strlen (atom), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (item (atom_doc, 0)->title, ==, "Caf\u00e9 opens");
  g_assert_cmpstr (item (atom_doc, 1)->title, ==, "<em> is a tag");
}

/* RSS 1.0 (RDF): items beside the channel, elements in RSS 1.0's namespace. */
static void
test_rdf (void)
{
  static const char rdf[] =
    "<?xml version=\"1.0\"?>\n"
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"\n"
    "         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
    "  <channel rdf:about=\"https://rdf.example.org/\"><title>RDF Desk</title><link>https://rdf.example.org/</link>\n"
    "    <items><rdf:Seq><rdf:li resource=\"https://rdf.example.org/1\"/></rdf:Seq></items></channel>\n"
    "  <item rdf:about=\"https://rdf.example.org/1\"><title>One</title><link>/1</link>\n"
    "    <dc:date>2026-11-30T00:00:00Z</dc:date></item>\n"
    "</rdf:RDF>\n";
  VitrineFeedParseOptions options = { .url = "https://rdf.example.org/index.rdf" };
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineFeedDocument) doc = vitrine_feed_parse ((const guint8 *) rdf, strlen (rdf), &options, &error);

  g_assert_no_error (error);
  g_assert_cmpint (doc->kind, ==, VITRINE_FEED_KIND_RSS);
  g_assert_cmpstr (doc->title, ==, "RDF Desk");
  g_assert_cmpstr (doc->link, ==, "https://rdf.example.org/");
  g_assert_cmpuint (doc->items->len, ==, 1);
  assert_item (item (doc, 0), "One", "https://rdf.example.org/1", NULL, 0, 0, 1795996800, NULL);
}

/* NASA APOD's API with count=N: a top-level array of objects, "[*]" selects them. */
static void
test_json_objects (void)
{
  static const char apod[] =
    "[{\"date\":\"2026-11-30\",\"title\":\"Comet over the dunes\",\"media_type\":\"image\","
    "\"url\":\"https://apod.nasa.gov/apod/image/2611/comet_1024.jpg\","
    "\"hdurl\":\"https://apod.nasa.gov/apod/image/2611/comet.jpg\"},"
    "{\"date\":\"2026-11-29\",\"title\":\"A video\",\"media_type\":\"video\","
    "\"url\":\"https://www.youtube.com/embed/x\"},"
    "{\"id\":7,\"image\":{\"url\":\"/big.png\",\"width\":4000,\"height\":3000}},"
    "42, null, \"javascript:void(0)\"]";
  VitrineFeedParseOptions options = { .url = "https://api.nasa.gov/planetary/apod?count=3", .json_path = "[*]" };
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineFeedDocument) doc = vitrine_feed_parse ((const guint8 *) apod, strlen (apod), &options, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (doc->items->len, ==, 3);
  /* hdurl before url; a video keeps its title and loses its image; an image object. */
  assert_item (item (doc, 0), "Comet over the dunes", NULL,
               "https://apod.nasa.gov/apod/image/2611/comet.jpg", 0, 0, 1795996800, NULL);
  assert_item (item (doc, 1), "A video", NULL, NULL, 0, 0, 1795910400, NULL);
  assert_item (item (doc, 2), NULL, NULL, "https://api.nasa.gov/big.png", 4000, 3000, G_MININT64, "7");
}

static void
assert_refused (const char *name,
                GQuark      domain,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineFeedDocument) doc = parse_fixture (name, "https://example.org/feed", NULL, &error);

  g_assert_null (doc);
  g_assert_error (error, domain, code);
  g_test_message ("%s: %s", name, error->message);
}

static void
test_hostile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitrineFeedDocument) doc = NULL;
  static const char parameter_xxe[] =
    "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>"
    "<rss><channel><item><title>x</title></item></channel></rss>";

  /* XXE: refused before anything is read, so the file's content appears nowhere. */
  assert_refused ("xxe.xml", VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_HOSTILE);
  assert_refused ("billion-laughs.xml", VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_HOSTILE);
  g_assert_null (vitrine_feed_parse ((const guint8 *) parameter_xxe, strlen (parameter_xxe), NULL, &error));
  g_assert_error (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_HOSTILE);
  g_assert_null (strstr (error->message, "root:"));
  g_clear_error (&error);

  assert_refused ("malformed.xml", VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_MALFORMED);
  assert_refused ("not-a-feed.html", VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_UNSUPPORTED);
  assert_refused ("deep.json", VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_TOO_LARGE);
  /* JSON without a path that is neither Reddit nor JSON Feed. */
  assert_refused ("listing.json", VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_UNSUPPORTED);

  /* An external DTD (RSS 0.91's) is never fetched; the feed still parses. */
  doc = parse_fixture ("external-dtd.xml", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (doc->items->len, ==, 1);
  assert_item (item (doc, 0), "First", "http://old.example.com/1", NULL, 0, 0, G_MININT64, NULL);
}

static void
test_limits (void)
{
  static const char no_items[] = "<rss><channel><title>t</title></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new ("<rss><channel>");
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(VitrineFeedDocument) doc = NULL;

  g_assert_null (vitrine_feed_parse ((const guint8 *) "", 0, NULL, &error));
  g_assert_error (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_EMPTY);
  g_clear_error (&error);

  /* A feed without items is empty, not a success with nothing in it. */
  g_assert_null (vitrine_feed_parse ((const guint8 *) no_items, strlen (no_items), NULL, &error));
  g_assert_error (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_EMPTY);
  g_clear_error (&error);

  /* max_items caps the document. */
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (big, "<item><title>%u</title></item>", i);
  g_string_append (big, "</channel></rss>");
  {
    VitrineFeedParseOptions options = { .max_items = 7 };

    doc = vitrine_feed_parse ((const guint8 *) big->str, big->len, &options, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (doc->items->len, ==, 7);
    g_assert_cmpstr (item (doc, 6)->title, ==, "6");
  }

  /* Over the byte cap: refused without parsing. */
  g_string_set_size (big, VITRINE_FEED_MAX_BYTES + 1);
  g_assert_null (vitrine_feed_parse ((const guint8 *) big->str, big->len, NULL, &error));
  g_assert_error (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* XML nested past libxml2's depth limit is malformed, not a stack overflow. */
  g_string_append (deep, "<rss><channel><item>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<a>");
  g_assert_null (vitrine_feed_parse ((const guint8 *) deep->str, deep->len, NULL, &error));
  g_assert_error (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_MALFORMED);
  g_clear_error (&error);

  /* JSON deep enough to exhaust json-glib's recursion never reaches it. */
  g_string_truncate (deep, 0);
  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "{\"a\":");
  g_assert_null (vitrine_feed_parse ((const guint8 *) deep->str, deep->len, NULL, &error));
  g_assert_error (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_TOO_LARGE);
}

static void
test_dates (void)
{
  static const struct { const char *text; gint64 unix_time; } good[] = {
    { "Tue, 01 Dec 2026 07:30:00 +0100", 1796106600 },
    { "01 Dec 2026 06:30:00 GMT", 1796106600 },
    { "Tue, 1 Dec 2026 06:30 UT", 1796106600 },
    { "Tue, 01 Dec 26 01:30:00 EST", 1796106600 },
    { "Mon, 30 Nov 2026 23:30:00 PDT", 1796106600 },
    { "Tue, 01 Dec 2026 00:30:00 CST", 1796106600 },
    { "Tue, 01 Dec 2026 06:30:00 A", 1796106600 },  /* military: read as -0000 */
    { "Tue, 01 December 2026 06:30:00 +0000 (UTC)", 1796106600 },
    { "2026-12-01T06:30:00Z", 1796106600 },
    { "2026-12-01T07:30:00+01:00", 1796106600 },
    { "2026-12-01t06:30:00.999z", 1796106600 },
    { "2026-12-01 01:30:00-05:00", 1796106600 },
    { "2026-12-01", 1796083200 },
    { "1970-01-01T00:00:00Z", 0 },
    { "2024-02-29T12:00:00Z", 1709208000 },
    { "1999-12-31T23:59:60Z", 946684799 },
  };
  static const char * const bad[] = {
    "", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30", "2025-02-29T00:00:00Z",
    "Tue, 32 Dec 2026 06:30:00 GMT", "Tue, 01 Foo 2026 06:30:00 GMT", "2026-12-01T24:00:00Z",
    "2026-12-01T06:30:00+25:00", "01 Dec 2026 06:30:00 XYZ", "2026-12-01T06:30:00Z trailing",
    "Tue, 01 Dec 202 06:30:00 GMT",
  };
  gint64 when;

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      when = -12345;
      g_test_message ("%s", good[i].text);
      g_assert_true (vitrine_feed_parse_date (good[i].text, &when));
      g_assert_cmpint (when, ==, good[i].unix_time);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      when = -12345;
      g_test_message ("%s", bad[i]);
      g_assert_false (vitrine_feed_parse_date (bad[i], &when));
      g_assert_cmpint (when, ==, -12345);
    }
  g_assert_false (vitrine_feed_parse_date (NULL, &when));
}

static void
test_ttl (void)
{
  static const struct { const char *channel; gint64 ttl; } cases[] = {
    { "<ttl>60</ttl>", 3600 },
    { "<ttl> 5 </ttl><sy:updatePeriod>daily</sy:updatePeriod>", 300 },  /* <ttl> wins */
    { "<sy:updatePeriod>daily</sy:updatePeriod>", 86400 },
    { "<sy:updatePeriod>weekly</sy:updatePeriod><sy:updateFrequency>7</sy:updateFrequency>", 86400 },
    { "<sy:updatePeriod>sometimes</sy:updatePeriod>", -1 },
    { "<ttl>-5</ttl>", -1 },
    { "<ttl>soon</ttl>", -1 },
    { "", -1 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *xml = g_strdup_printf ("<rss xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\">"
                                              "<channel>%s<item><title>x</title></item></channel></rss>",
                                              cases[i].channel);
      g_autoptr(VitrineFeedDocument) doc = vitrine_feed_parse ((const guint8 *) xml, strlen (xml), NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (doc->ttl_s, ==, cases[i].ttl);
    }

  g_assert_cmpint (vitrine_feed_ttl_from_cache_control ("public, max-age=600"), ==, 600);
  g_assert_cmpint (vitrine_feed_ttl_from_cache_control ("max-age = \"120\", s-maxage=9"), ==, 120);
  g_assert_cmpint (vitrine_feed_ttl_from_cache_control ("s-maxage=900"), ==, -1);
  g_assert_cmpint (vitrine_feed_ttl_from_cache_control ("no-cache"), ==, -1);
  g_assert_cmpint (vitrine_feed_ttl_from_cache_control ("max-age=abc"), ==, -1);
  g_assert_cmpint (vitrine_feed_ttl_from_cache_control ("max-age=0"), ==, 0);
  g_assert_cmpint (vitrine_feed_ttl_from_cache_control ("max-age=99999999999999"), ==, G_MAXINT32);
  g_assert_cmpint (vitrine_feed_ttl_from_cache_control (NULL), ==, -1);
}

static void
test_urls (void)
{
  static const struct { const char *base; const char *reference; const char *expected; } cases[] = {
    { "https://a.example/feed/rss.xml", "img/x.jpg", "https://a.example/feed/img/x.jpg" },
    { "https://a.example/feed/rss.xml", "/x.jpg", "https://a.example/x.jpg" },
    { "https://a.example/feed/rss.xml", "//cdn.example/x.jpg", "https://cdn.example/x.jpg" },
    { "https://a.example/feed/rss.xml", "../x.jpg?a=1#f", "https://a.example/x.jpg?a=1#f" },
    { NULL, "  http://b.example/x.jpg\n", "http://b.example/x.jpg" },
    { NULL, "HTTPS://B.example/x.jpg", "https://B.example/x.jpg" },
    { NULL, "img/x.jpg", NULL },
    { "https://a.example/", "javascript:alert(1)", NULL },
    { "https://a.example/", "file:///etc/passwd", NULL },
    { "https://a.example/", "data:image/png;base64,AAAA", NULL },
    { "https://a.example/", "ftp://a.example/x.jpg", NULL },
    { "https://a.example/", "http:///x.jpg", NULL },
    { "file:///home/user/", "x.jpg", NULL },
    { "http:", ".//a", NULL },  /* a base without a host is no base */
    { NULL, "https://images.examp;e.com/x.jpg", NULL },
    { "https://a;b/", "x.jpg", NULL },
    { "https://a.example/", "//images.examp;e.com/x.jpg", NULL },
    { "https://a.example/", "", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = vitrine_feed_resolve_url (cases[i].base, cases[i].reference);

      g_test_message ("%s + %s", cases[i].base, cases[i].reference);
      g_assert_cmpstr (url, ==, cases[i].expected);
    }
}

static gpointer
parse_repeatedly (gpointer data)
{
  GBytes *bytes = data;
  VitrineFeedParseOptions options = { .url = "https://images.example.com/feed.rss" };

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VitrineFeedDocument) doc = vitrine_feed_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                                               &options, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (item (doc, 0)->image_url, ==, "https://images.example.com/ridge-3840.jpg");
      g_assert_cmpstr (item (doc, 1)->image_url, ==, "https://images.example.com/gallery/lake-2560.jpg");
    }
  return NULL;
}

/* Four threads at once, as a worker's GTask threads would. */
static void
test_threads (void)
{
  g_autoptr(GBytes) bytes = fixture ("media-rss.xml");
  GThread *threads[4];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("parse", parse_repeatedly, bytes);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* Bytes a feed declares in another encoding and gets wrong: an error, and nothing of them
 * on stderr (libxml2's encoding layer would print them there). */
static void
test_quiet (void)
{
  static const char bad_encoding[] =
    "<?xml version=\"1.0\" encoding=\"EUC-JP\"?><rss><channel><item><title>\xff\xff\x01 a\x80</title>"
    "</item></channel></rss>";

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (vitrine_feed_parse ((const guint8 *) bad_encoding, sizeof bad_encoding - 1, NULL, &error));
      g_assert_error (error, VITRINE_FEED_ERROR, VITRINE_FEED_ERROR_MALFORMED);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The feed parser over the project's fixtures and hostile documents");
  vitrine_feed_parse_init ();

  g_test_add_func ("/Feed/Parse/rss", test_rss);
  g_test_add_func ("/Feed/Parse/media-rss", test_media_rss);
  g_test_add_func ("/Feed/Parse/atom", test_atom);
  g_test_add_func ("/Feed/Parse/json-path", test_json_path);
  g_test_add_func ("/Feed/Parse/reddit", test_reddit);
  g_test_add_func ("/Feed/Parse/json-feed", test_json_feed);
  g_test_add_func ("/Feed/Parse/titles", test_titles);
  g_test_add_func ("/Feed/Parse/rdf", test_rdf);
  g_test_add_func ("/Feed/Parse/streaming", test_streaming);
  g_test_add_func ("/Feed/Parse/json-objects", test_json_objects);
  g_test_add_func ("/Feed/Parse/hostile", test_hostile);
  g_test_add_func ("/Feed/Parse/limits", test_limits);
  g_test_add_func ("/Feed/Parse/dates", test_dates);
  g_test_add_func ("/Feed/Parse/ttl", test_ttl);
  g_test_add_func ("/Feed/Parse/urls", test_urls);
  g_test_add_func ("/Feed/Parse/quiet", test_quiet);
  g_test_add_func ("/Feed/Parse/threads", test_threads);
  return g_test_run ();
}
