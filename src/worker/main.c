/* main.c: vitrine-worker, started by the display's supervisor with --role and the
 * connection on fd 3.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "vitrine-audio-export.h"
#include "vitrine-audio-worker.h"
#include "vitrine-feed-cli.h"
#include "vitrine-feed-worker.h"
#include "vitrine-image-worker.h"
#include "vitrine-worker-options.h"
#include "vitrine-worker-sandbox.h"
#include "vitrine-worker.h"

/*
 * Gives up what the run does not need (docs/ARCHITECTURE.md §1), before anything reads
 * input or starts a thread: a serving worker may read the folders the supervisor named, an
 * offline run its one input file and write next to its output.
 */
static void
apply_sandbox (VitrineSandbox             *sandbox,
               const VitrineWorkerOptions *options)
{
  g_autofree char *output_dir = options->output != NULL ? g_path_get_dirname (options->output) : NULL;
  const char *input[] = { options->analyze != NULL ? options->analyze :
                          options->beats != NULL ? options->beats :
                          options->export_path != NULL ? options->export_path : options->prescale, NULL };
  VitrineSandboxPaths paths = { (const char * const *) options->read_only, output_dir };

  if (input[0] != NULL)
    paths.read_only = input;
  /* The feed role writes its mirror (--mirror's, offline) and the save folder. */
  if (options->mirror != NULL)
    {
      g_mkdir_with_parents (options->mirror, 0700);
      paths.writable = options->mirror;
    }
  else if (options->save_folder != NULL)
    {
      g_mkdir_with_parents (options->save_folder, 0700);
      paths.writable = options->save_folder;
    }
  vitrine_sandbox_apply (sandbox, options->role, &paths);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(VitrineWorkerOptions) options = { 0 };
  g_auto(VitrineSandbox) applied = { 0 };
  g_autoptr(VitrineWorker) worker = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");

  if (!vitrine_worker_options_parse (&options, &argc, &argv, &error))
    {
      g_printerr ("vitrine-worker: %s\n", error->message);
      return 2;
    }

  apply_sandbox (&applied, &options);

  if (options.analyze != NULL)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      if (!vitrine_audio_worker_analyze_file (options.analyze, options.bars, options.hop,
                                              options.frame, out, &error))
        {
          g_printerr ("vitrine-worker: %s\n", error->message);
          return EXIT_FAILURE;
        }
      fwrite (out->str, 1, out->len, stdout);
      return EXIT_SUCCESS;
    }

  if (options.beats != NULL)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      if (!vitrine_audio_worker_beats_file (options.beats, out, &error))
        {
          g_printerr ("vitrine-worker: %s\n", error->message);
          return EXIT_FAILURE;
        }
      fwrite (out->str, 1, out->len, stdout);
      return EXIT_SUCCESS;
    }

  if (options.export_path != NULL)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      VitrineExportOptions export_options;

      vitrine_export_options_init (&export_options);
      vitrine_export_grid_from_string (options.grid, &export_options.grid);
      vitrine_interp_from_string (options.interp, &export_options.interp);
      export_options.subdivision = options.subdivision;
      if (!vitrine_audio_worker_export_file (options.export_path, options.descriptors, &export_options, out,
                                             &error))
        {
          g_printerr ("vitrine-worker: %s\n", error->message);
          return EXIT_FAILURE;
        }
      fwrite (out->str, 1, out->len, stdout);
      return EXIT_SUCCESS;
    }

  if (options.prescale != NULL)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      VitrinePrescaleParams params;

      vitrine_prescale_params_init (&params, options.width, options.height, options.mode);
      params.sharpen = options.sharpen;
      if (!vitrine_image_worker_prescale_file (options.prescale, &params, options.output, out,
                                               &error))
        {
          g_printerr ("vitrine-worker: %s\n", error->message);
          return EXIT_FAILURE;
        }
      fwrite (out->str, 1, out->len, stdout);
      return EXIT_SUCCESS;
    }

  if (options.fetch != NULL || options.weather != NULL)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      gboolean ok = options.fetch != NULL
                      ? vitrine_feed_cli_fetch (options.fetch, options.json_path, options.mirror, out, &error)
                      : vitrine_feed_cli_weather (options.weather, out, &error);

      if (!ok)
        {
          /* One line, whatever a server or a parser put in the message. */
          g_strdelimit (error->message, "\r\n", ' ');
          g_printerr ("vitrine-worker: %s\n", error->message);
          return EXIT_FAILURE;
        }
      fwrite (out->str, 1, out->len, stdout);
      return EXIT_SUCCESS;
    }

  worker = vitrine_worker_new_for_role (options.role);
  if (options.role == VITRINE_WORKER_ROLE_FEED)
    vitrine_feed_worker_set_save_folder (VITRINE_FEED_WORKER (worker), options.save_folder);
  if (options.role == VITRINE_WORKER_ROLE_AUDIO)
    vitrine_audio_worker_set_readable (VITRINE_AUDIO_WORKER (worker), (const char * const *) options.read_only);
  vitrine_worker_set_poison_context (worker, options.instance, options.predecessor);
  vitrine_worker_set_sandbox (worker, vitrine_sandbox_to_variant (&applied));
  status = vitrine_worker_run (worker, options.socket_fd, &error);
  if (error != NULL)
    g_printerr ("vitrine-worker (%s): %s\n", vitrine_worker_role_to_string (options.role),
                error->message);

  return status;
}
