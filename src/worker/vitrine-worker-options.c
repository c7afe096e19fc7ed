/* vitrine-worker-options.c
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-worker-options.h"

/*
 * Parses "--role=R [--socket-fd=N]". The socket fd defaults to 3, where the supervisor
 * puts the worker's end of the socketpair; 0 to 2 are stdio and never a valid choice.
 */
gboolean
vitrine_worker_options_parse (VitrineWorkerOptions  *options,
                              int                   *argc,
                              char                ***argv,
                              GError               **error)
{
  g_autofree char *role = NULL;
  g_autofree char *analyze = NULL;
  int socket_fd = 3, bars = 15, hop = 1024, frame = 2048;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      "Work this process does: image, feed, audio or transition", "ROLE" },
    { "socket-fd", 0, 0, G_OPTION_ARG_INT, &socket_fd,
      "File descriptor of the connection to the display process", "FD" },
    { "analyze", 0, 0, G_OPTION_ARG_FILENAME, &analyze,
      "Audio: print the bars of a 16-bit PCM WAV file instead of serving", "FILE.wav" },
    { "bars", 0, 0, G_OPTION_ARG_INT, &bars, "Audio: bar count, 1 to 64 (15)", "N" },
    { "hop", 0, 0, G_OPTION_ARG_INT, &hop, "Audio: samples between frames (1024)", "H" },
    { "frame", 0, 0, G_OPTION_ARG_INT, &frame,
      "Audio: analysis frame, an even number from 64 to 2048 (2048)", "F" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_return_val_if_fail (options != NULL, FALSE);

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Supervised helper process of Vitrine.");
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

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

  if (analyze != NULL && options->role != VITRINE_WORKER_ROLE_AUDIO)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--analyze needs --role=audio");
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
  options->analyze = g_steal_pointer (&analyze);
  options->bars = (guint) bars;
  options->hop = (guint) hop;
  options->frame = (guint) frame;

  return TRUE;
}

void
vitrine_worker_options_clear (VitrineWorkerOptions *options)
{
  g_clear_pointer (&options->analyze, g_free);
}
