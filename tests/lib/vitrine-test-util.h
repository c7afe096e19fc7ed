/* vitrine-test-util.h: running the real vitrine binary from tests.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  int   status;     /* exit status, or -1 when it did not exit in time */
  char *out;
  char *err;
} VtResult;

void         vt_result_clear        (VtResult   *result);
void         vt_run                 (VtResult   *result,
                                     const char *first_arg,
                                     ...) G_GNUC_NULL_TERMINATED;
GSubprocess *vt_spawn_valist        (const char *first_arg,
                                     va_list     args);
char        *vt_isolate_dirs        (void);
void         vt_remove_tree         (const char *path);
GSubprocess *vt_bus_up              (void);
void         vt_bus_down            (GSubprocess *daemon);
gboolean     vt_wait_for_name       (const char *name,
                                     guint       timeout_ms);
gboolean     vt_wait_for_name_gone  (const char *name,
                                     guint       timeout_ms);
gboolean     vt_wait_for_exit       (GSubprocess *process,
                                     guint        timeout_ms);
void         vt_sleep               (guint       ms);
gboolean     vt_have_display        (void);
gboolean     vt_xdotool             (const char *first_arg,
                                     ...) G_GNUC_NULL_TERMINATED;

/* A private PipeWire graph for audio tests. */
typedef struct
{
  GSubprocess *pipewire;
  GSubprocess *wireplumber;
} VtPipeWire;

const char  *vt_pipewire_missing    (void);
gboolean     vt_have_pipewire       (void);
void         vt_pipewire_up         (VtPipeWire *pw);
void         vt_pipewire_down       (VtPipeWire *pw);
gboolean     vt_run_quietly         (const char * const *argv);
char        *vt_write_tone          (const char *dir,
                                     double      hz,
                                     double      seconds);
GSubprocess *vt_spawn_quietly       (const char *first,
                                     ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VtResult, vt_result_clear)

G_END_DECLS
