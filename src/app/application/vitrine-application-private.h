/* vitrine-application-private.h: the instance struct, shared by the files that split the
 * application by concern (command line, status).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vitrine-application.h"
#include "vitrine-cache-source-images.h"
#include "vitrine-caches.h"
#include "vitrine-enums.h"
#include "vitrine-now-playing.h"
#include "vitrine-overlay-style.h"
#include "vitrine-renderer-session.h"
#include "vitrine-feeds.h"
#include "vitrine-latency.h"
#include "vitrine-slideshow.h"
#include "vitrine-supervisor.h"
#include "vitrine-visualizer.h"

G_BEGIN_DECLS

/* What this run was asked for on the command line; none of it is stored in settings. */
typedef struct
{
  gboolean          windowed;
  gboolean          screensaver;
  int               monitor;          /* -1: from settings */
  guint             interval;         /* 0: from settings */
  char            **folders;          /* NULL: from settings */
  VitrineRenderer   renderer;
  gboolean          renderer_forced;
} VitrineRunOptions;

struct _VitrineApplication
{
  GtkApplication     parent_instance;

  GSettings         *settings;
  GSettings         *display_settings;
  VitrineSupervisor *supervisor;
  VitrineRendererSession *renderer_session;   /* every display's group, for the whole run */
  VitrineSlideshow  *slideshow;
  VitrineFeeds      *feeds;        /* image feeds, headlines, weather: the feed worker's data */
  VitrineVisualizer *visualizer;
  VitrineOverlayStyle *overlay_style;  /* the cards' look, shared by every display */
  VitrineNowPlaying *now_playing;      /* what every now playing card shows */
  VitrineCaches     *caches;           /* NULL with VITRINE_CACHES=off */
  VitrineCacheSourceImages *images_cache;  /* one of its sources, given the slideshow's roots */
  char              *worker_notice;   /* NULL while every enabled role works */
  GPtrArray         *watched_settings;
  guint64            settings_revision;

  VitrineRunOptions  run;

  GPtrArray         *display_windows;
  guint              present_hold_id;     /* the first windows wait for the image worker:
                                           * its timeout, then the idle that shows them */
  guint              workers_idle_id;     /* the other workers start after their first frame */
  guint              workers_next_role;
  GtkWindow         *settings_window;
  guint              inhibit_cookie;
  gint64             started_at_us;

  VitrineLatencyHistogram *stalls;     /* ms late: the stall probe's ticks, when it runs */
  VitrineLatencyHistogram *stalls_cpu; /* ms of main-thread CPU time between two ticks */
  gint64             stall_last_us;
  gint64             stall_from_us;     /* ticks before this are not recorded */
  gint64             stall_last_cpu_ns;
  double             stall_cpu_max;     /* the longest, and when it ended (uptime, ms) */
  gint64             stall_cpu_max_at_ms;
  guint              stall_probe_id;

  guint              trim_id;           /* vitrine-application-memory.c */
  guint              trim_interval_s;
  gint64             trim_due_us;
  gboolean           trimming;
  guint              trims;
  guint              trims_released;

  gboolean           paused;
  guint              n_next;
  guint              n_previous;
};

void      _vitrine_application_add_options       (VitrineApplication       *self);
int       _vitrine_application_handle_local      (VitrineApplication       *self,
                                                  GVariantDict             *options);
int       _vitrine_application_command_line      (VitrineApplication       *self,
                                                  GApplicationCommandLine  *command_line);
VitrineRenderer _vitrine_application_requested_renderer (VitrineApplication *self);
gboolean  _vitrine_application_hint_active       (VitrineApplication       *self);
/* Each display window's overlay layer, kept as object data on the window. */
#define VITRINE_APPLICATION_LAYER_KEY "vitrine-overlay-layer"

gboolean  _vitrine_application_sync_displays     (VitrineApplication       *self,
                                                  GError                  **error);

/* vitrine-application-memory.c */
void      _vitrine_application_memory_start      (VitrineApplication       *self);
void      _vitrine_application_memory_stop       (VitrineApplication       *self);
void      _vitrine_application_memory_add_status (VitrineApplication       *self,
                                                  JsonBuilder              *builder);

/* vitrine-application-caches.c */
VitrineCaches *vitrine_application_get_caches    (VitrineApplication       *self);
void      _vitrine_application_caches_init       (VitrineApplication       *self);
void      _vitrine_application_caches_connect    (VitrineApplication       *self);
gboolean  _vitrine_application_caches_validate   (GVariantDict             *options,
                                                  GError                  **error);
gboolean  _vitrine_application_caches_command    (VitrineApplication       *self,
                                                  GApplicationCommandLine  *command_line,
                                                  const char               *command,
                                                  int                      *status);

G_END_DECLS
