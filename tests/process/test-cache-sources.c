/* test-cache-sources.c: the feed mirror and the audio track summaries as cache sources
 * (docs/caches.md), with real workers through the supervisor. Feeds: a loopback
 * SoupServer; the source lists what the mirror holds, expands an intent to its
 * descriptors, mirrors a missing image with progress and dismisses a file. Audio: WAV
 * files made here in a Music folder the audio role may read; summary-list with an old
 * revision listed as it is (stale), summary-regenerate (on the worker's own thread,
 * asked about with summary-status) writing the current revision and leaving the other
 * tracks' files byte-identical, a file outside the folder and a file
 * that is no WAV refused with their errors, summary-forget, and the offline export of
 * the same file identical before and after a regeneration. The visualizer's intents with
 * a player the test puts on the session bus, and the playing track regenerated from the
 * URL it gives.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vitrine-cache-revisions.h"
#include "vitrine-cache-source-audio.h"
#include "vitrine-cache-source-feeds.h"
#include "vitrine-supervisor.h"
#include "vitrine-test-beats.h"
#include "vitrine-test-http.h"
#include "vitrine-test-util.h"
#include "vitrine-wav.h"

static VtHttp *http;

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
  guint         progress_done, progress_total, progress_calls;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  Wait *wait = data;

  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer data)
{
  Wait *wait = data;

  wait->progress_done = done;
  wait->progress_total = total;
  wait->progress_calls++;
}

static void
count_changed (gpointer  instance,
               guint    *count)
{
  (*count)++;
}

static void
wait_for (Wait *wait)
{
  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
}

static GPtrArray *
list (VitrineCacheSource *source)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { 0 };
  GPtrArray *records;

  vitrine_cache_source_list_async (source, NULL, wait_cb, &wait);
  wait_for (&wait);
  records = vitrine_cache_source_list_finish (source, wait.result, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
  return records;
}

static gboolean
regenerate (VitrineCacheSource *source,
            const char         *track_ref,
            const char         *profile_id,
            const char * const *descriptors,
            Wait               *wait,
            GError            **error)
{
  gboolean ok;

  vitrine_cache_source_regenerate_async (source, track_ref, profile_id, descriptors, progress_cb, wait, NULL,
                                         wait_cb, wait);
  wait_for (wait);
  ok = vitrine_cache_source_regenerate_finish (source, wait->result, error);
  g_clear_object (&wait->result);
  return ok;
}

static gboolean
dismiss (VitrineCacheSource *source,
         const char         *track_ref,
         const char         *profile_id,
         const char * const *descriptors,
         GError            **error)
{
  Wait wait = { 0 };
  gboolean ok;

  vitrine_cache_source_dismiss_async (source, track_ref, profile_id, descriptors, NULL, wait_cb, &wait);
  wait_for (&wait);
  ok = vitrine_cache_source_dismiss_finish (source, wait.result, error);
  g_object_unref (wait.result);
  return ok;
}

static const VitrineCacheRecord *
find (GPtrArray  *records,
      const char *track_ref,
      const char *descriptor)
{
  for (guint i = 0; i < records->len; i++)
    {
      const VitrineCacheRecord *record = records->pdata[i];

      if (g_str_equal (record->track_ref, track_ref) && g_str_equal (record->descriptor, descriptor))
        return record;
    }
  return NULL;
}

static VitrineSupervisor *
start_supervisor (GSettings         *settings,
                  VitrineWorkerRoleId role)
{
  VitrineSupervisor *supervisor;

  g_settings_set_boolean (settings, "image-enabled", FALSE);
  g_settings_set_boolean (settings, "transition-enabled", FALSE);
  g_settings_set_boolean (settings, "feed-enabled", role == VITRINE_WORKER_ROLE_FEED);
  g_settings_set_boolean (settings, "audio-enabled", role == VITRINE_WORKER_ROLE_AUDIO);
  supervisor = vitrine_supervisor_new (g_getenv ("VITRINE_WORKER_PATH"), settings);
  return supervisor;
}

static void
reset_settings (GSettings *settings)
{
  const char *keys[] = { "image-enabled", "transition-enabled", "feed-enabled", "audio-enabled" };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static GVariant *
request (VitrineSupervisor  *supervisor,
         VitrineWorkerRoleId role,
         GVariant           *variant,
         GError            **error)
{
  g_autoptr(GVariant) owned = g_variant_ref_sink (variant);

  return vitrine_supervisor_request_sync (supervisor, role, owned, NULL, error);
}

/* --- feeds ------------------------------------------------------------------------- */

static void
test_feeds (void)
{
  g_autofree char *cache = g_dir_make_tmp ("vitrine-cache-XXXXXX", NULL);
  g_autofree char *feed = vt_http_url (http, "/feed.xml");
  g_autofree char *red = vt_http_url (http, "/img/red.png");
  g_autofree char *blue = vt_http_url (http, "/img/blue.png");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  g_autoptr(VitrineCacheSourceFeeds) feeds = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(VitrineCacheIntent) intent = NULL;
  g_autoptr(GVariant) mirrored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) expanded = NULL;
  g_autofree char *revision = NULL, *label = NULL;
  VitrineCacheSource *source;
  const VitrineCacheRecord *record;
  const char *wanted[] = { blue, red, NULL };
  const char *missing[] = { blue, NULL };
  const char *dismissed[] = { red, NULL };
  const char *path = NULL;
  Wait wait = { 0 };

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_STATE_HOME", cache, TRUE);
  supervisor = start_supervisor (settings, VITRINE_WORKER_ROLE_FEED);
  vitrine_supervisor_start (supervisor);
  feeds = vitrine_cache_source_feeds_new (supervisor, NULL);
  source = VITRINE_CACHE_SOURCE (feeds);
  g_assert_cmpstr (vitrine_cache_source_get_name (source), ==, "feeds");
  g_assert_cmpint (vitrine_cache_source_get_role (source), ==, VITRINE_WORKER_ROLE_FEED);
  revision = vitrine_cache_source_dup_revision (source, "mirror");
  g_assert_cmpstr (revision, ==, VITRINE_CACHE_MIRROR_REVISION);
  g_assert_null (vitrine_cache_source_dup_revision (source, "gone"));
  label = vitrine_cache_source_dup_profile_label (source, "mirror");
  g_assert_cmpstr (label, ==, "the feed mirror");

  mirrored = request (supervisor, VITRINE_WORKER_ROLE_FEED,
                      g_variant_new_parsed ("{'kind': <'mirror'>, 'feed': <%s>, 'url': <%s>}", feed, red), &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (mirrored, "path", "&s", &path));

  records = list (source);
  g_assert_cmpuint (records->len, ==, 1);
  record = find (records, feed, red);
  g_assert_nonnull (record);
  g_assert_cmpstr (record->profile_id, ==, "mirror");
  g_assert_cmpstr (record->revision, ==, revision);
  g_assert_cmpuint (record->bytes, >, 0);
  g_assert_cmpint (record->analysed_unix, >, 0);

  /* The feeds' intent asks for its URLs as they are. */
  intent = vitrine_cache_intent_new ("feeds", "feeds", feed, "mirror", wanted, g_get_real_time ());
  expanded = vitrine_cache_source_expand (source, intent, records);
  g_assert_cmpuint (g_strv_length (expanded), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) expanded, blue));
  g_assert_true (g_strv_contains ((const char * const *) expanded, red));

  /* The missing one is downloaded, with progress. */
  g_assert_true (regenerate (source, feed, "mirror", missing, &wait, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vt_http_hits (http, "/img/blue.png"), ==, 1);
  g_assert_cmpuint (wait.progress_calls, ==, 1);
  g_assert_cmpuint (wait.progress_done, ==, 1);
  g_assert_cmpuint (wait.progress_total, ==, 1);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = list (source);
  g_assert_cmpuint (records->len, ==, 2);
  g_assert_nonnull (find (records, feed, blue));

  /* Dismissed: its file goes, the other stays. */
  g_assert_true (dismiss (source, feed, "mirror", dismissed, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_pointer (&records, g_ptr_array_unref);
  records = list (source);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_nonnull (find (records, feed, blue));

  vitrine_supervisor_shutdown (supervisor);
  reset_settings (settings);
  g_unsetenv ("XDG_CACHE_HOME");
  vt_remove_tree (cache);
}

/* --- audio ------------------------------------------------------------------------- */

static void
write_drums (const char *path)
{
  VtBeatsSignal signal = { 0 };
  g_autofree gint16 *pcm = NULL;
  g_autoptr(GBytes) bytes = NULL;
  VtBeatsSpec spec;

  vt_beats_spec_init (&spec);
  spec.seconds = 12;
  vt_beats_generate (&spec, &signal);
  pcm = g_new (gint16, signal.n_samples);
  for (gsize i = 0; i < signal.n_samples; i++)
    pcm[i] = (gint16) CLAMP (signal.samples[i] * 32767.0f, -32768.0f, 32767.0f);
  bytes = vitrine_wav_encode (pcm, signal.n_samples, 1, spec.sample_rate);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL));
  vt_beats_signal_clear (&signal);
}

static char *
export_csv (const char *wav)
{
  const char *argv[] = { g_getenv ("VITRINE_WORKER_PATH"), "--role=audio", "--export", wav, "--grid=beats",
                         "--interp=linear", "--descriptors=rms,onset,beat", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                               &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpuint (strlen (out), >, 0);
  return out;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Where the audio worker keeps @track's summary: a hash of its id. */
static char *
summary_file (const char *tracks,
              const char *track)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, track, -1);
  g_autofree char *name = g_strconcat (digest, ".json", NULL);

  return g_build_filename (tracks, name, NULL);
}

/* summary-status asked until the job is no longer queued or running: its last state. */
static const char *
wait_summary (VitrineSupervisor *supervisor,
              const char        *track)
{
  for (guint i = 0; i < 600; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) reply = request (supervisor, VITRINE_WORKER_ROLE_AUDIO,
                                           g_variant_new_parsed ("{'kind': <'summary-status'>, 'track': <%s>}", track),
                                           &error);
      const char *state = NULL;

      g_assert_no_error (error);
      g_assert_true (g_variant_lookup (reply, "state", "&s", &state));
      if (!g_str_equal (state, "queued") && !g_str_equal (state, "running"))
        return g_intern_string (state);
      g_usleep (50 * 1000);
    }
  g_assert_not_reached ();
}

static void
regenerate_refused (VitrineSupervisor *supervisor,
                    const char        *url,
                    const char        *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = request (supervisor, VITRINE_WORKER_ROLE_AUDIO,
                                       g_variant_new_parsed ("{'kind': <'summary-regenerate'>, 'track': <'refused'>, "
                                                             "'url': <%s>}", url), &error);

  g_assert_null (reply);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, message));
}

static void
test_audio (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrine-audio-XXXXXX", NULL);
  g_autofree char *music = g_build_filename (dir, "music", NULL);
  g_autofree char *outside_dir = g_build_filename (dir, "elsewhere", NULL);
  g_autofree char *wav = g_build_filename (music, "drums.wav", NULL);
  g_autofree char *outside = g_build_filename (outside_dir, "drums.wav", NULL);
  g_autofree char *text = g_build_filename (music, "notes.wav", NULL);
  g_autofree char *wav_uri = g_filename_to_uri (wav, NULL, NULL);
  g_autofree char *outside_uri = g_filename_to_uri (outside, NULL, NULL);
  g_autofree char *text_uri = g_filename_to_uri (text, NULL, NULL);
  g_autofree char *tracks = g_build_filename (dir, "vitrine", "tracks", NULL);
  g_autofree char *old_path = NULL, *old_before = NULL, *old_after = NULL, *csv_before = NULL, *csv_after = NULL;
  g_autofree char *revision = NULL, *label = NULL, *drums_path = NULL, *first = NULL, *second = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID ".Workers");
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  g_autoptr(VitrineCacheSourceAudio) audio = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GVariant) made = NULL;
  g_autoptr(GError) error = NULL;
  VitrineCacheSource *source;
  const VitrineCacheRecord *record;
  const char *music_dirs[] = { music, NULL };
  const char *tempo[] = { "tempo_map", NULL };
  const char *track = "/org/mpris/MediaPlayer2/Track/drums";
  guint64 total = 0;
  Wait wait = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (music, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (outside_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (tracks, 0700), ==, 0);
  write_drums (wav);
  write_drums (outside);
  g_assert_true (g_file_set_contents (text, "not a WAV file, only text\n", -1, NULL));
  /* A summary made by an earlier analysis profile. */
  old_path = summary_file (tracks, "old-track");
  g_assert_true (g_file_set_contents (old_path,
                                      "{\"schema\": 2, \"track_id\": \"old-track\", \"duration_s\": 20, "
                                      "\"loudness_dbfs\": -20, \"onset_density\": 2, \"bpm\": 120, \"tempo_map\": [], "
                                      "\"revision\": \"0ldrevision0\", \"descriptors\": [\"loudness\", "
                                      "\"onset_density\"], \"analysed_unix\": 1700000000}", -1, NULL));
  old_before = read_file (old_path);

  g_setenv ("XDG_CACHE_HOME", dir, TRUE);
  g_setenv ("XDG_STATE_HOME", dir, TRUE);
  supervisor = start_supervisor (settings, VITRINE_WORKER_ROLE_AUDIO);
  vitrine_supervisor_set_read_only (supervisor, VITRINE_WORKER_ROLE_AUDIO, music_dirs);
  vitrine_supervisor_start (supervisor);
  audio = vitrine_cache_source_audio_new (supervisor, NULL);
  source = VITRINE_CACHE_SOURCE (audio);
  g_assert_cmpstr (vitrine_cache_source_get_name (source), ==, "audio");
  revision = vitrine_cache_source_dup_revision (source, "beats");
  g_assert_nonnull (revision);
  g_assert_null (vitrine_cache_source_dup_revision (source, "detailed"));
  label = vitrine_cache_source_dup_profile_label (source, "beats");
  g_assert_cmpstr (label, ==, "the 'Beat analysis' profile");

  /* The old summary is listed with its own revision: stale against the current one. */
  records = list (source);
  g_assert_cmpuint (records->len, ==, 2);
  record = find (records, "old-track", "loudness");
  g_assert_nonnull (record);
  g_assert_cmpstr (record->revision, ==, "0ldrevision0");
  g_assert_cmpstr (record->revision, !=, revision);
  g_assert_cmpint (record->analysed_unix, ==, 1700000000);

  /* Refused with clear errors: outside the Music folder, not a WAV file. */
  regenerate_refused (supervisor, outside_uri, "the track's file is outside the folders Vitrine may read");
  regenerate_refused (supervisor, text_uri, "the track's file is not a WAV file Vitrine can analyse");

  csv_before = export_csv (wav);
  made = request (supervisor, VITRINE_WORKER_ROLE_AUDIO,
                  g_variant_new_parsed ("{'kind': <'summary-regenerate'>, 'track': <%s>, 'url': <%s>}", track, wav_uri),
                  &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (made, "total", "t", &total));
  g_assert_cmpuint (total, ==, 12 * 48000);
  /* It runs on the worker's own thread: asked about until done, which is told once. */
  g_assert_cmpstr (wait_summary (supervisor, track), ==, "done");
  g_assert_cmpstr (wait_summary (supervisor, track), ==, "none");
  drums_path = summary_file (tracks, track);
  first = read_file (drums_path);
  /* The tracker found the drums' tempo: the map has a segment. */
  g_assert_nonnull (strstr (first, "\"kind\":\"constant\""));
  g_clear_pointer (&records, g_ptr_array_unref);
  records = list (source);
  g_assert_cmpuint (records->len, ==, 5);
  record = find (records, track, "tempo_map");
  g_assert_nonnull (record);
  g_assert_cmpstr (record->revision, ==, revision);
  g_assert_nonnull (find (records, track, "onset_density"));

  /* Through the source (its URL from the listing), with progress: the same summary
   * again but its time, the other track's file byte for byte as it was, and the
   * export unchanged. */
  g_assert_true (regenerate (source, track, "beats", tempo, &wait, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (wait.progress_calls, >=, 2);
  g_assert_cmpuint (wait.progress_total, ==, 1000);
  g_assert_cmpuint (wait.progress_done, ==, 1000);
  second = read_file (drums_path);
  g_assert_nonnull (strstr (second, revision));
  g_assert_nonnull (strstr (second, wav_uri));
  {
    g_autofree char *a = g_strndup (first, strstr (first, "\"analysed_unix\"") - first);
    g_autofree char *b = g_strndup (second, strstr (second, "\"analysed_unix\"") - second);

    g_assert_cmpstr (a, ==, b);
  }
  old_after = read_file (old_path);
  g_assert_cmpstr (old_after, ==, old_before);
  csv_after = export_csv (wav);
  g_assert_cmpstr (csv_after, ==, csv_before);

  /* Forgotten. */
  g_assert_true (dismiss (source, "old-track", "beats", (const char *[]) { "loudness", NULL }, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (old_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (drums_path, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&records, g_ptr_array_unref);
  records = list (source);
  g_assert_null (find (records, "old-track", "loudness"));
  g_assert_cmpuint (records->len, ==, 3);

  vitrine_supervisor_shutdown (supervisor);
  reset_settings (settings);
  g_unsetenv ("XDG_CACHE_HOME");
  vt_remove_tree (dir);
}

/* --- the visualizer's intents ---------------------------------------------------------- */

static char *player_url;

static const char player_xml[] =
  "<node><interface name='org.mpris.MediaPlayer2.Player'>"
  "<property name='PlaybackStatus' type='s' access='read'/>"
  "<property name='Metadata' type='a{sv}' access='read'/>"
  "<property name='Position' type='x' access='read'/>"
  "<property name='Rate' type='d' access='read'/>"
  "</interface></node>";

static GVariant *
player_get (GDBusConnection *bus,
            const char      *sender,
            const char      *path,
            const char      *interface,
            const char      *property,
            GError         **error,
            gpointer         data)
{
  if (g_str_equal (property, "PlaybackStatus"))
    return g_variant_new_string ("Playing");
  if (g_str_equal (property, "Position"))
    return g_variant_new_int64 (0);
  if (g_str_equal (property, "Rate"))
    return g_variant_new_double (1.0);
  return g_variant_new_parsed ("{'xesam:title': <'Drums'>, 'xesam:url': <%s>, "
                               "'mpris:trackid': <objectpath '/track/drums'>}", player_url);
}

static const VitrineCacheIntent *
intent_of (GPtrArray  *intents,
           const char *element)
{
  for (guint i = 0; i < intents->len; i++)
    if (g_str_equal (((VitrineCacheIntent *) intents->pdata[i])->element_id, element))
      return intents->pdata[i];
  return NULL;
}

/* The card's intent while a track plays, the beat sync's once declared, each counted by
 * intents-changed; the audio source regenerates the playing track's summary from the
 * URL the player gives. */
static void
test_visualizer (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vitrine-audio-XXXXXX", NULL);
  g_autofree char *music = g_build_filename (dir, "music", NULL);
  g_autofree char *wav = g_build_filename (music, "drums.wav", NULL);
  g_autofree char *tracks = g_build_filename (dir, "vitrine", "tracks", NULL);
  g_autofree char *summary_path = NULL, *contents = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GDBusNodeInfo) node = g_dbus_node_info_new_for_xml (player_xml, NULL);
  GDBusInterfaceVTable vtable = { .get_property = player_get };
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autoptr(GSettings) workers = g_settings_get_child (root, "workers");
  g_autoptr(VitrineSupervisor) supervisor = NULL;
  g_autoptr(VitrineVisualizer) visualizer = NULL;
  g_autoptr(VitrineCacheSourceAudio) audio = NULL;
  g_autoptr(GPtrArray) intents = NULL;
  g_autoptr(GError) error = NULL;
  const VitrineCacheIntent *card, *sync;
  const char *music_dirs[] = { music, NULL };
  const char *tempo[] = { "tempo_map", NULL };
  guint changed = 0, object_id, name_id;
  Wait wait = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (music, 0700), ==, 0);
  write_drums (wav);
  player_url = g_filename_to_uri (wav, NULL, NULL);
  g_setenv ("XDG_CACHE_HOME", dir, TRUE);
  g_setenv ("XDG_STATE_HOME", dir, TRUE);
  object_id = g_dbus_connection_register_object (bus, "/org/mpris/MediaPlayer2", node->interfaces[0], &vtable,
                                                 NULL, NULL, NULL);
  name_id = g_bus_own_name_on_connection (bus, "org.mpris.MediaPlayer2.vitrinecache", G_BUS_NAME_OWNER_FLAGS_NONE,
                                          NULL, NULL, NULL, NULL);
  g_assert_true (vt_wait_for_name ("org.mpris.MediaPlayer2.vitrinecache", 5000));

  supervisor = start_supervisor (workers, VITRINE_WORKER_ROLE_AUDIO);
  vitrine_supervisor_set_read_only (supervisor, VITRINE_WORKER_ROLE_AUDIO, music_dirs);
  vitrine_supervisor_start (supervisor);
  visualizer = vitrine_visualizer_new (supervisor, root);
  g_signal_connect (visualizer, "intents-changed", G_CALLBACK (count_changed), &changed);
  vitrine_visualizer_start (visualizer);
  /* Once the player is seen (before, the card may be shown with no track: no intent). */
  for (gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC; g_get_monotonic_time () < end;)
    {
      g_clear_pointer (&intents, g_ptr_array_unref);
      intents = vitrine_visualizer_dup_intents (visualizer);
      if (intent_of (intents, "visualizer") != NULL)
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  card = intent_of (intents, "visualizer");
  g_assert_nonnull (card);
  g_assert_cmpuint (changed, >, 0);
  changed = 0;
  g_assert_cmpstr (card->cache, ==, "audio");
  g_assert_cmpstr (card->track_ref, ==, "/track/drums");
  g_assert_cmpstr (card->profile_id, ==, "beats");
  g_assert_true (g_strv_contains ((const char * const *) card->descriptors, "loudness"));
  g_assert_null (intent_of (intents, "beat-sync"));

  vitrine_visualizer_declare (visualizer, "display/beat-sync", "beat");
  g_assert_cmpuint (changed, ==, 1);
  g_clear_pointer (&intents, g_ptr_array_unref);
  intents = vitrine_visualizer_dup_intents (visualizer);
  sync = intent_of (intents, "beat-sync");
  g_assert_nonnull (sync);
  g_assert_true (g_strv_equal ((const char * const *) sync->descriptors, tempo));
  /* The same again changes nothing. */
  vitrine_visualizer_declare (visualizer, "display/beat-sync", "beat");
  g_assert_cmpuint (changed, ==, 1);

  /* Nothing listed yet: the URL comes from the player. */
  audio = vitrine_cache_source_audio_new (supervisor, visualizer);
  regenerate (VITRINE_CACHE_SOURCE (audio), "/track/drums", "beats", tempo, &wait, &error);
  g_assert_no_error (error);
  summary_path = summary_file (tracks, "/track/drums");
  contents = read_file (summary_path);
  g_assert_nonnull (strstr (contents, player_url));

  g_object_run_dispose (G_OBJECT (visualizer));
  vitrine_supervisor_shutdown (supervisor);
  g_bus_unown_name (name_id);
  g_dbus_connection_unregister_object (bus, object_id);
  reset_settings (workers);
  g_clear_pointer (&player_url, g_free);
  g_unsetenv ("XDG_CACHE_HOME");
  vt_remove_tree (dir);
}

static void
put_png (const char *path,
         guint32     rgba)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gchar *buffer = NULL;
  gsize size = 0;

  gdk_pixbuf_fill (pixbuf, rgba);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL));
  bytes = g_bytes_new_take (buffer, size);
  vt_http_put (http, path, "image/png", bytes);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The feed mirror and the track summaries as cache sources, with real workers");

  http = vt_http_start ();
  put_png ("/img/red.png", 0xff0000ff);
  put_png ("/img/blue.png", 0x0000ffff);
  g_test_add_func ("/CacheSources/feeds", test_feeds);
  g_test_add_func ("/CacheSources/audio", test_audio);
  g_test_add_func ("/CacheSources/visualizer", test_visualizer);
  status = g_test_run ();
  vt_http_stop (http);
  return status;
}
