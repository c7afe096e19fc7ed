/* vitrine-worker-options.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-pixel-header.h"
#include "vitrine-worker-options.h"

/* --size WxH, each side from 1 to VITRINE_PIXEL_MAX_SIDE. */
static gboolean
parse_size (const char  *size,
            guint       *width,
            guint       *height)
{
  g_auto(GStrv) parts = g_strsplit (size, "x", 3);
  guint64 w, h;

  return g_strv_length (parts) == 2 &&
         g_ascii_string_to_unsigned (parts[0], 10, 1, VITRINE_PIXEL_MAX_SIDE, &w, NULL) &&
         g_ascii_string_to_unsigned (parts[1], 10, 1, VITRINE_PIXEL_MAX_SIDE, &h, NULL) &&
         (*width = (guint) w, *height = (guint) h, TRUE);
}

/* The image role's offline options: --size is required with --prescale and only then. */
static gboolean
parse_prescale (VitrineWorkerOptions  *options,
                const char            *prescale,
                const char            *size,
                const char            *mode,
                const char            *output,
                GError               **error)
{
  static const char *const modes[] = { "fill", "fit", "shrink" };

  if (prescale == NULL)
    {
      if (size != NULL || mode != NULL || output != NULL)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                               "--size, --mode and --output go with --prescale");
          return FALSE;
        }
      return TRUE;
    }
  if (options->role != VITRINE_WORKER_ROLE_IMAGE)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--prescale needs --role=image");
      return FALSE;
    }
  if (size == NULL || !parse_size (size, &options->width, &options->height))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--size=%s is not WIDTHxHEIGHT with sides from 1 to %d",
                   size != NULL ? size : "", VITRINE_PIXEL_MAX_SIDE);
      return FALSE;
    }
  options->mode = VITRINE_SCALE_MODE_FILL;
  if (mode != NULL)
    {
      guint i;

      for (i = 0; i < G_N_ELEMENTS (modes) && !g_str_equal (mode, modes[i]); i++);
      if (i == G_N_ELEMENTS (modes))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--mode=%s is unknown: use fill, fit or shrink", mode);
          return FALSE;
        }
      options->mode = (VitrineScaleMode) i;
    }
  return TRUE;
}

/*
 * "--role=R [--socket-fd=N]": the role is required. The socket fd defaults to 3, where the
 * supervisor puts the worker's end of the socketpair; 0 to 2 are stdio and never a valid
 * choice.
 */
static gboolean
parse_role (VitrineWorkerOptions  *options,
            const char            *role,
            int                    socket_fd,
            GError               **error)
{
  if (role == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--role is required (image, feed, audio or transition)");
      return FALSE;
    }
  if (!vitrine_worker_role_from_string (role, &options->role))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "unknown role “%s”: expected image, feed, audio or transition", role);
      return FALSE;
    }
  if (socket_fd < 3)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--socket-fd=%d is not usable: 0 to 2 are standard streams", socket_fd);
      return FALSE;
    }
  options->socket_fd = socket_fd;
  return TRUE;
}

/*
 * "--instance=display|render" (display) and "--predecessor=none|caused|unexplained|killed"
 * (none), which the supervisor passes for the poison list (docs/ARCHITECTURE.md §3).
 */
static gboolean
parse_poison_context (VitrineWorkerOptions  *options,
                      const char            *instance,
                      const char            *predecessor,
                      GError               **error)
{
  if (instance != NULL && !g_str_equal (instance, "display") && !g_str_equal (instance, "render"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "unknown instance “%s”: expected display or render", instance);
      return FALSE;
    }
  options->predecessor = VITRINE_PREDECESSOR_NONE;
  if (predecessor != NULL && !vitrine_predecessor_from_string (predecessor, &options->predecessor))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "unknown predecessor “%s”: expected none, caused, unexplained or killed",
                   predecessor);
      return FALSE;
    }
  g_free (options->instance);
  options->instance = g_strdup (instance != NULL ? instance : "display");
  return TRUE;
}

/*
 * The audio role's offline options (docs/spectrum-bars.md §5). The ranges are checked even
 * without --analyze, so a bad value is never silently ignored.
 */
/* --export and what goes with it: the grid, the interpolation, the descriptors. */
static gboolean
parse_export (VitrineWorkerOptions  *options,
              char                 **export_path,
              char                 **grid,
              char                 **interp,
              char                 **descriptors,
              int                    subdivision,
              GError               **error)
{
  if (*export_path == NULL)
    return TRUE;
  if (options->role != VITRINE_WORKER_ROLE_AUDIO)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--export needs --role=audio");
      return FALSE;
    }
  if (*grid != NULL && !g_str_equal (*grid, "beats") && !g_str_equal (*grid, "seconds"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--grid=%s is not beats or seconds", *grid);
      return FALSE;
    }
  if (*interp != NULL && !g_str_equal (*interp, "linear") && !g_str_equal (*interp, "spline") &&
      !g_str_equal (*interp, "hold"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--interp=%s is not linear, spline or hold", *interp);
      return FALSE;
    }
  if (subdivision < 1 || subdivision > 64)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--subdivision=%d is out of range: use 1 to 64", subdivision);
      return FALSE;
    }
  options->export_path = g_steal_pointer (export_path);
  options->grid = *grid != NULL ? g_steal_pointer (grid) : g_strdup ("beats");
  options->interp = *interp != NULL ? g_steal_pointer (interp) : g_strdup ("linear");
  options->descriptors = *descriptors != NULL ? g_steal_pointer (descriptors) : g_strdup ("rms,onset,beat");
  options->subdivision = (guint) subdivision;
  return TRUE;
}

static gboolean
check_analyze (const VitrineWorkerOptions  *options,
               const char                  *analyze,
               const char                  *beats,
               int                          bars,
               int                          hop,
               int                          frame,
               GError                     **error)
{
  if (analyze != NULL && options->role != VITRINE_WORKER_ROLE_AUDIO)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--analyze needs --role=audio");
      return FALSE;
    }
  if (beats != NULL && options->role != VITRINE_WORKER_ROLE_AUDIO)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--beats needs --role=audio");
      return FALSE;
    }
  if (beats != NULL && analyze != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--beats and --analyze are separate runs: give one");
      return FALSE;
    }
  if (bars < 1 || bars > 64)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--bars=%d is out of range: use 1 to 64", bars);
      return FALSE;
    }
  if (frame < 64 || frame > 2048 || frame % 2 != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--frame=%d is not an even number from 64 to 2048", frame);
      return FALSE;
    }
  if (hop < 1)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--hop=%d is not a positive number of samples", hop);
      return FALSE;
    }
  return TRUE;
}

/* The feed role's options: offline --fetch (with --json-path and --mirror) or --weather,
 * and the live role's --writable (its save folder). */
static gboolean
check_feed (const VitrineWorkerOptions  *options,
            const char                  *fetch,
            const char                  *weather,
            const char                  *json_path,
            const char                  *mirror,
            const char                  *save_folder,
            GError                     **error)
{
  if ((fetch != NULL || weather != NULL || save_folder != NULL) && options->role != VITRINE_WORKER_ROLE_FEED)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--fetch, --weather and --writable need --role=feed");
      return FALSE;
    }
  if (fetch != NULL && weather != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--fetch and --weather are separate runs");
      return FALSE;
    }
  if ((json_path != NULL || mirror != NULL) && fetch == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--json-path and --mirror go with --fetch");
      return FALSE;
    }
  return TRUE;
}

gboolean
vitrine_worker_options_parse (VitrineWorkerOptions  *options,
                              int                   *argc,
                              char                ***argv,
                              GError               **error)
{
  g_autofree char *role = NULL;
  g_autofree char *analyze = NULL;
  g_autofree char *beats = NULL;
  g_autofree char *export_path = NULL, *grid = NULL, *interp = NULL, *descriptors = NULL;
  int subdivision = 1;
  g_autofree char *prescale = NULL;
  g_autofree char *size = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *output = NULL;
  g_autofree char *instance = NULL;
  g_autofree char *predecessor = NULL;
  g_auto(GStrv) read_only = NULL;
  g_autofree char *fetch = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *mirror = NULL;
  g_autofree char *weather = NULL;
  g_autofree char *save_folder = NULL;
  gboolean sharpen = FALSE;
  int socket_fd = 3, bars = 15, hop = 1024, frame = 2048;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      "Work this process does: image, feed, audio or transition", "ROLE" },
    { "socket-fd", 0, 0, G_OPTION_ARG_INT, &socket_fd,
      "File descriptor of the connection to the display process", "FD" },
    { "instance", 0, 0, G_OPTION_ARG_STRING, &instance,
      "Supervisor instance kind, each with its own poison list: display or render (display)", "KIND" },
    { "predecessor", 0, 0, G_OPTION_ARG_STRING, &predecessor,
      "How the role's previous process ended: none, caused, unexplained or killed (none)",
      "HOW" },
    { "analyze", 0, 0, G_OPTION_ARG_FILENAME, &analyze,
      "Audio: print the bars of a 16-bit PCM WAV file instead of serving", "FILE.wav" },
    { "beats", 0, 0, G_OPTION_ARG_FILENAME, &beats,
      "Audio: print the beats, downbeats and tempo map of a 16-bit PCM WAV file as JSON",
      "FILE.wav" },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &export_path,
      "Audio: print a CSV table of a 16-bit PCM WAV file's features on a beat or seconds grid",
      "FILE.wav" },
    { "grid", 0, 0, G_OPTION_ARG_STRING, &grid, "Audio --export: beats or seconds (beats)", "GRID" },
    { "interp", 0, 0, G_OPTION_ARG_STRING, &interp,
      "Audio --export: linear, spline (Catmull-Rom) or hold (linear)", "KIND" },
    { "descriptors", 0, 0, G_OPTION_ARG_STRING, &descriptors,
      "Audio --export: the columns, from rms, onset, beat and spectrum.barsN (rms,onset,beat)", "LIST" },
    { "subdivision", 0, 0, G_OPTION_ARG_INT, &subdivision,
      "Audio --export: rows per beat on the beats grid, 1 to 64 (1)", "N" },
    { "bars", 0, 0, G_OPTION_ARG_INT, &bars, "Audio: bar count, 1 to 64 (15)", "N" },
    { "hop", 0, 0, G_OPTION_ARG_INT, &hop, "Audio: samples between frames (1024)", "H" },
    { "frame", 0, 0, G_OPTION_ARG_INT, &frame,
      "Audio: analysis frame, an even number from 64 to 2048 (2048)", "F" },
    { "prescale", 0, 0, G_OPTION_ARG_FILENAME, &prescale,
      "Image: prescale an image file and print its figures as JSON instead of serving", "FILE" },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, "Image: target size in pixels", "WxH" },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode, "Image: fill, fit or shrink (fill)", "MODE" },
    { "sharpen", 0, 0, G_OPTION_ARG_NONE, &sharpen,
      "Image: sharpen after strong downscaling", NULL },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output,
      "Image: also write the prescaled image as PNG", "OUT.png" },
    { "read-only", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &read_only,
      "A folder the sandbox lets this process read (repeatable)", "PATH" },
    { "fetch", 0, 0, G_OPTION_ARG_STRING, &fetch,
      "Feed: fetch and parse a feed and print its items as JSON instead of serving", "URL" },
    { "json-path", 0, 0, G_OPTION_ARG_STRING, &json_path,
      "Feed: where a JSON listing keeps its image URLs, e.g. images[*].url", "PATH" },
    { "mirror", 0, 0, G_OPTION_ARG_FILENAME, &mirror,
      "Feed: also download the items' images into this folder", "DIR" },
    { "weather", 0, 0, G_OPTION_ARG_STRING, &weather,
      "Feed: fetch the weather for a place or LAT,LON and print it as JSON", "PLACE" },
    { "writable", 0, 0, G_OPTION_ARG_FILENAME, &save_folder,
      "A folder the sandbox lets this process write: the feed role's save folder", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_return_val_if_fail (options != NULL, FALSE);

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Supervised helper process of Vitrine.");
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (!parse_role (options, role, socket_fd, error) ||
      !parse_poison_context (options, instance, predecessor, error) ||
      !check_analyze (options, analyze, beats, bars, hop, frame, error) ||
      !parse_export (options, &export_path, &grid, &interp, &descriptors, subdivision, error) ||
      !parse_prescale (options, prescale, size, mode, output, error) ||
      !check_feed (options, fetch, weather, json_path, mirror, save_folder, error))
    return FALSE;

  options->analyze = g_steal_pointer (&analyze);
  options->beats = g_steal_pointer (&beats);
  options->prescale = g_steal_pointer (&prescale);
  options->output = g_steal_pointer (&output);
  options->read_only = g_steal_pointer (&read_only);
  options->fetch = g_steal_pointer (&fetch);
  options->json_path = g_steal_pointer (&json_path);
  options->mirror = g_steal_pointer (&mirror);
  options->weather = g_steal_pointer (&weather);
  options->save_folder = g_steal_pointer (&save_folder);
  options->sharpen = sharpen;
  options->bars = (guint) bars;
  options->hop = (guint) hop;
  options->frame = (guint) frame;

  return TRUE;
}

void
vitrine_worker_options_clear (VitrineWorkerOptions *options)
{
  g_clear_pointer (&options->analyze, g_free);
  g_clear_pointer (&options->beats, g_free);
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->grid, g_free);
  g_clear_pointer (&options->interp, g_free);
  g_clear_pointer (&options->descriptors, g_free);
  g_clear_pointer (&options->instance, g_free);
  g_clear_pointer (&options->prescale, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->read_only, g_strfreev);
  g_clear_pointer (&options->fetch, g_free);
  g_clear_pointer (&options->json_path, g_free);
  g_clear_pointer (&options->mirror, g_free);
  g_clear_pointer (&options->weather, g_free);
  g_clear_pointer (&options->save_folder, g_free);
}
