/* vitrine-application-memory.c: the display process's memory over days: where its
 * resident size is (`memory` in --status) and free heap given back to the system.
 *
 * glibc returns freed memory to the kernel only from the top of an arena; what frees in
 * the middle stays resident as the arena fragments (replies, feed items, GSK's frame
 * data and llvmpipe's come and go all day). Once a minute, at the first second no display
 * is in a transition, a thread hands those free pages back (malloc_trim), so that the resident
 * size follows what is in use. The main thread never trims: trimming holds an arena's
 * lock for a few milliseconds.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "vitrine-application-private.h"
#include "vitrine-display-window.h"
#include "vitrine-status.h"

#define TRIM_INTERVAL_S 60

#ifdef __GLIBC__
static void
trim_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_task_return_boolean (task, malloc_trim (0) != 0);
}

static void
trim_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VitrineApplication *self = VITRINE_APPLICATION (object);

  self->trimming = FALSE;
  self->trims++;
  if (g_task_propagate_boolean (G_TASK (result), NULL))
    self->trims_released++;
}

static gboolean
displays_busy (VitrineApplication *self)
{
  for (guint i = 0; i < self->display_windows->len; i++)
    if (vitrine_compositor_get_busy (vitrine_display_window_get_compositor (g_ptr_array_index (self->display_windows, i))))
      return TRUE;
  return FALSE;
}

/* Checked every second: a trim once the interval has passed and no display is busy, so
 * that a short slide interval, where displays are busy most of the time, still gets one. */
static gboolean
trim_cb (gpointer user_data)
{
  VitrineApplication *self = user_data;
  g_autoptr(GTask) task = NULL;
  gint64 now = g_get_monotonic_time ();

  if (self->trimming || now < self->trim_due_us || displays_busy (self))
    return G_SOURCE_CONTINUE;
  self->trimming = TRUE;
  self->trim_due_us = now + (gint64) self->trim_interval_s * G_USEC_PER_SEC;
  task = g_task_new (self, NULL, trim_done_cb, NULL);
  g_task_set_source_tag (task, trim_cb);
  g_task_run_in_thread (task, trim_thread);
  return G_SOURCE_CONTINUE;
}
#endif

/* Test hook: VITRINE_TRIM_INTERVAL_S=N trims every N seconds instead. */
void
_vitrine_application_memory_start (VitrineApplication *self)
{
#ifdef __GLIBC__
  const char *interval = g_getenv ("VITRINE_TRIM_INTERVAL_S");
  guint seconds = interval != NULL ? (guint) CLAMP (g_ascii_strtoull (interval, NULL, 10), 1, 3600) : TRIM_INTERVAL_S;

  if (self->trim_id != 0)
    return;
  self->trim_interval_s = seconds;
  self->trim_due_us = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  self->trim_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, 1, trim_cb, self, NULL);
#endif
}

void
_vitrine_application_memory_stop (VitrineApplication *self)
{
  g_clear_handle_id (&self->trim_id, g_source_remove);
}

/* One "Name:  123 kB" line of /proc/self/status, in bytes; -1 when it is missing. */
static gint64
proc_status_bytes (const char *contents,
                   const char *name)
{
  const char *line = contents != NULL ? strstr (contents, name) : NULL;

  return line != NULL ? g_ascii_strtoll (line + strlen (name), NULL, 10) * 1024 : -1;
}

/* "memory": the resident size as the kernel splits it (anonymous memory, mapped files,
 * shared memory: the images' memfds), glibc's heap (in use, free inside its arenas, in
 * its own mappings) and the trims so far. What a growth is made of; the soak reads it. */
void
_vitrine_application_memory_add_status (VitrineApplication *self,
                                        JsonBuilder        *builder)
{
  g_autofree char *contents = NULL;

  g_file_get_contents ("/proc/self/status", &contents, NULL, NULL);
  vitrine_status_begin_object (builder, "memory");
  vitrine_status_int (builder, "rss_bytes", proc_status_bytes (contents, "VmRSS:"));
  vitrine_status_int (builder, "rss_anon_bytes", proc_status_bytes (contents, "RssAnon:"));
  vitrine_status_int (builder, "rss_file_bytes", proc_status_bytes (contents, "RssFile:"));
  vitrine_status_int (builder, "rss_shmem_bytes", proc_status_bytes (contents, "RssShmem:"));
#if defined (__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
  {
    struct mallinfo2 info = mallinfo2 ();

    /* No arena at all: malloc is not glibc's (a sanitizer's allocator answers zeros). */
    if (info.arena > 0)
      {
        vitrine_status_int (builder, "heap_in_use_bytes", info.uordblks + info.hblkhd);
        vitrine_status_int (builder, "heap_free_bytes", info.fordblks);
        vitrine_status_int (builder, "heap_mapped_bytes", info.hblkhd);
        vitrine_status_int (builder, "heap_arenas_bytes", info.arena);
      }
  }
#endif
  vitrine_status_int (builder, "trims", self->trims);
  vitrine_status_int (builder, "trims_released", self->trims_released);
  vitrine_status_end_object (builder);
}
