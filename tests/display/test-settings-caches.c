/* test-settings-caches.c: the settings' cache banner and Caches page over a real
 * VitrineCaches. A small source in the test stands in for a worker's cache (the real
 * sources are the image, feed and audio workers'; their integration is tested with them):
 * stale entries put the exact sentence in the banner, Regenerate All runs the jobs and the
 * banner goes by itself; the page lists the group with each entry's status; Dismiss asks,
 * then removes; a failed job shows its error and Retry, which succeeds; a running job's
 * progress shows in its rows and the banner; a group whose
 * profile is gone asks for another before it regenerates.
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "vitrine-cache-banner.h"
#include "vitrine-caches-page.h"
#include "vitrine-caches.h"
#include "vitrine-test-util.h"

#define ROOT "/home/ann/Pictures"
#define A ROOT "/a.jpg|scaled:1920x1080"
#define B ROOT "/b.jpg|scaled:1920x1080"
#define C ROOT "/c.jpg|scaled:1920x1080"
#define OLD ROOT "/old.jpg|scaled:1920x1080"

/* The in-test cache: records in memory, made "again" by setting their revision. */
#define VT_TYPE_SOURCE (vt_source_get_type ())
G_DECLARE_FINAL_TYPE (VtSource, vt_source, VT, SOURCE, GObject)

struct _VtSource
{
  GObject    parent_instance;
  GPtrArray *records;      /* of VitrineCacheRecord */
  char      *revision;     /* wanted now */
  char      *fail_with;    /* the next regeneration fails so */
  gboolean   hold;         /* regenerations wait in @held for the test */
  GTask     *held;
  VitrineCacheProgress held_progress;
  gpointer   held_progress_data;
};

static void vt_source_iface_init (VitrineCacheSourceInterface *iface);

G_DEFINE_TYPE_WITH_CODE (VtSource, vt_source, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (VITRINE_TYPE_CACHE_SOURCE, vt_source_iface_init))

static const char *
source_get_name (VitrineCacheSource *source)
{
  return "images";
}

static VitrineWorkerRoleId
source_get_role (VitrineCacheSource *source)
{
  return VITRINE_WORKER_ROLE_IMAGE;
}

static char *
source_dup_revision (VitrineCacheSource *source,
                     const char         *profile_id)
{
  return g_str_equal (profile_id, "display") ? g_strdup (VT_SOURCE (source)->revision) : NULL;
}

static char *
source_dup_profile_label (VitrineCacheSource *source,
                          const char         *profile_id)
{
  return g_strdup ("the current display profile");
}

static void
source_list_async (VitrineCacheSource  *source,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  VtSource *self = VT_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_cache_record_free);

  for (guint i = 0; i < self->records->len; i++)
    {
      const VitrineCacheRecord *r = self->records->pdata[i];

      g_ptr_array_add (copy, vitrine_cache_record_new (r->track_ref, r->profile_id, r->descriptor, r->revision,
                                                       r->analysed_unix, r->bytes));
    }
  g_task_return_pointer (task, copy, (GDestroyNotify) g_ptr_array_unref);
}

static GPtrArray *
source_list_finish (VitrineCacheSource  *source,
                    GAsyncResult        *result,
                    GError             **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static VitrineCacheRecord *
find_record (VtSource   *self,
             const char *descriptor)
{
  for (guint i = 0; i < self->records->len; i++)
    if (g_str_equal (((VitrineCacheRecord *) self->records->pdata[i])->descriptor, descriptor))
      return self->records->pdata[i];
  return NULL;
}

static void
source_regenerate_async (VitrineCacheSource   *source,
                         const char           *track_ref,
                         const char           *profile_id,
                         const char * const   *descriptors,
                         VitrineCacheProgress  progress,
                         gpointer              progress_data,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  VtSource *self = VT_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);
  guint n = g_strv_length ((char **) descriptors);

  if (self->hold)
    {
      self->held = g_steal_pointer (&task);
      self->held_progress = progress;
      self->held_progress_data = progress_data;
      return;
    }
  if (self->fail_with != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", self->fail_with);
      g_clear_pointer (&self->fail_with, g_free);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      VitrineCacheRecord *record = find_record (self, descriptors[i]);

      if (record == NULL)
        g_ptr_array_add (self->records, vitrine_cache_record_new (track_ref, profile_id, descriptors[i],
                                                                  self->revision, 1764590400, 1000));
      else
        {
          g_free (record->revision);
          record->revision = g_strdup (self->revision);
          record->analysed_unix = 1764590400;
        }
      if (progress != NULL)
        progress (i + 1, n, progress_data);
    }
  g_task_return_boolean (task, TRUE);
}

static gboolean
source_bool_finish (VitrineCacheSource  *source,
                    GAsyncResult        *result,
                    GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
source_dismiss_async (VitrineCacheSource  *source,
                      const char          *track_ref,
                      const char          *profile_id,
                      const char * const  *descriptors,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  VtSource *self = VT_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, user_data);

  for (guint i = 0; descriptors[i] != NULL; i++)
    {
      VitrineCacheRecord *record = find_record (self, descriptors[i]);

      if (record != NULL)
        g_ptr_array_remove (self->records, record);
    }
  g_task_return_boolean (task, TRUE);
}

static void
vt_source_iface_init (VitrineCacheSourceInterface *iface)
{
  iface->get_name = source_get_name;
  iface->get_role = source_get_role;
  iface->dup_revision = source_dup_revision;
  iface->dup_profile_label = source_dup_profile_label;
  iface->list_async = source_list_async;
  iface->list_finish = source_list_finish;
  iface->regenerate_async = source_regenerate_async;
  iface->regenerate_finish = source_bool_finish;
  iface->dismiss_async = source_dismiss_async;
  iface->dismiss_finish = source_bool_finish;
}

static void
vt_source_finalize (GObject *object)
{
  VtSource *self = VT_SOURCE (object);

  g_ptr_array_unref (self->records);
  g_free (self->revision);
  g_free (self->fail_with);
  G_OBJECT_CLASS (vt_source_parent_class)->finalize (object);
}

static void
vt_source_class_init (VtSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vt_source_finalize;
}

static void
vt_source_init (VtSource *self)
{
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) vitrine_cache_record_free);
  self->revision = g_strdup ("r2");
  /* a and b were made before the scale mode changed; old.jpg left its folder. */
  g_ptr_array_add (self->records, vitrine_cache_record_new (ROOT, "display", A, "r1", 1764500000, 1000));
  g_ptr_array_add (self->records, vitrine_cache_record_new (ROOT, "display", B, "r1", 1764500000, 1000));
  g_ptr_array_add (self->records, vitrine_cache_record_new (ROOT, "display", C, "r2", 1764500000, 1000));
  g_ptr_array_add (self->records, vitrine_cache_record_new (ROOT, "display", OLD, "r2", 1764400000, 1000));
}

/* Runs the main loop until @done says so; a 20 s guard only so that a bug fails, not hangs. */
typedef gboolean (*Predicate) (gpointer data);

static void
wait_until (Predicate  done,
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      if (!g_main_context_pending (NULL))
        g_usleep (1000);
    }
}

typedef struct
{
  VitrineCaches      *caches;
  VtSource           *source;
  GtkWidget          *window;
  VitrineCachesPage  *page;
  VitrineCacheBanner *banner;
  char               *dirs;
} Fixture;

static gboolean
banner_shown (gpointer data)
{
  return vitrine_cache_banner_get_shown (data);
}

static gboolean
banner_hidden (gpointer data)
{
  return !vitrine_cache_banner_get_shown (data);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *descriptors[] = { A, B, C, NULL };
  g_autoptr(VitrineCacheIntent) intent = vitrine_cache_intent_new ("display-0", "images", ROOT, "display",
                                                                   descriptors, g_get_real_time ());
  g_autoptr(GSettings) root = g_settings_new (APP_ID);
  g_autofree char *history = NULL;

  fixture->dirs = vt_isolate_dirs ();
  history = g_build_filename (fixture->dirs, "cache-history.jsonl", NULL);
  g_settings_reset (root, "caches-sort");
  g_settings_reset (root, "caches-filter");
  fixture->caches = vitrine_caches_new (NULL, history);
  fixture->source = g_object_new (VT_TYPE_SOURCE, NULL);
  vitrine_caches_add_source (fixture->caches, VITRINE_CACHE_SOURCE (fixture->source));
  vitrine_intent_bus_emit (vitrine_caches_get_bus (fixture->caches), intent);

  /* The settings window's parts as it puts them together: the banner under the header
   * bar of a preferences window, the Caches page among its pages. */
  fixture->window = adw_preferences_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 900, 680);
  gtk_window_set_title (GTK_WINDOW (fixture->window), "Vitrine Settings");
  fixture->page = VITRINE_CACHES_PAGE (vitrine_caches_page_new (root));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (fixture->window), ADW_PREFERENCES_PAGE (fixture->page));
  fixture->banner = VITRINE_CACHE_BANNER (vitrine_cache_banner_new ());
  g_assert_true (vitrine_cache_banner_attach (fixture->banner, ADW_PREFERENCES_WINDOW (fixture->window)));
  vitrine_caches_page_set_banner (fixture->page, fixture->banner);
  vitrine_caches_page_set_caches (fixture->page, fixture->caches);
  gtk_window_present (GTK_WINDOW (fixture->window));
  vitrine_caches_refresh (fixture->caches);
  wait_until (banner_shown, fixture->banner);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->caches);
  g_clear_object (&fixture->source);
  vt_remove_tree (fixture->dirs);
  g_clear_pointer (&fixture->dirs, g_free);
}

static const char *
subtitle (Fixture    *fixture,
          const char *descriptor)
{
  GtkWidget *row = vitrine_caches_page_get_row (fixture->page, "images", ROOT, "display", descriptor);

  return row != NULL ? adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) : NULL;
}

/* The row's own button (Regenerate, Dismiss or Retry): its last suffix. */
static GtkButton *
row_button (Fixture    *fixture,
            const char *descriptor)
{
  GtkWidget *row = vitrine_caches_page_get_row (fixture->page, "images", ROOT, "display", descriptor);
  GtkWidget *found = NULL;
  GPtrArray *stack = g_ptr_array_new ();

  g_assert_nonnull (row);
  g_ptr_array_add (stack, row);
  while (stack->len > 0)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (GTK_IS_BUTTON (widget) && gtk_widget_get_visible (widget))
        found = widget;
      for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (stack, c);
    }
  g_ptr_array_unref (stack);
  g_assert_nonnull (found);
  return GTK_BUTTON (found);
}

/* The dialog named @name among the toplevels, or NULL. */
static GtkWidget *
find_dialog (const char *name)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_strcmp0 (gtk_widget_get_name (window), name) == 0 && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
old_gone (gpointer data)
{
  Fixture *fixture = data;

  return subtitle (fixture, OLD) == NULL;
}

static gboolean
a_failed (gpointer data)
{
  const char *line = subtitle (data, A);

  return line != NULL && g_str_has_prefix (line, "Failed");
}

static gboolean
a_current (gpointer data)
{
  const char *line = subtitle (data, A);

  return line != NULL && g_str_has_prefix (line, "Current");
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The banner says it in words; the page lists the group with each entry's status; the
 * root's caches-sort and caches-filter have their editors here (not on About). */
static void
test_banner_and_page (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *group;

  g_assert_cmpstr (vitrine_cache_banner_get_text (fixture->banner), ==,
                   "2 cached images need regeneration to match the current display profile");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->banner)));
  g_assert_true (g_str_has_prefix (subtitle (fixture, A), "Stale · made "));
  g_assert_true (g_str_has_prefix (subtitle (fixture, B), "Stale · made "));
  g_assert_true (g_str_has_prefix (subtitle (fixture, C), "Current · made "));
  g_assert_true (g_str_has_prefix (subtitle (fixture, OLD), "Extraneous · made "));
  g_assert_cmpstr (gtk_button_get_label (row_button (fixture, A)), ==, "Regenerate");
  g_assert_cmpstr (gtk_button_get_label (row_button (fixture, OLD)), ==, "Dismiss");
  group = gtk_widget_get_ancestor (vitrine_caches_page_get_row (fixture->page, "images", ROOT, "display", A),
                                   ADW_TYPE_PREFERENCES_GROUP);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, "Pictures");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                     vitrine_caches_page_get_row (fixture->page, "images", ROOT, "display", A))), ==,
                   "a.jpg · 1920×1080");

  /* Learn More's document, with the section the banner is about first. */
  {
    g_autofree char *uri = vitrine_cache_banner_dup_docs_uri ();
    g_autofree char *path = g_filename_from_uri (uri, NULL, NULL);
    g_autofree char *text = NULL;

    g_assert_nonnull (path);
    g_assert_true (g_str_has_suffix (path, "/caches.md"));
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_true (g_str_has_prefix (strstr (text, "\n## "), "\n## Cache regeneration\n"));
  }

  g_assert_true (ADW_IS_COMBO_ROW (find_named (GTK_WIDGET (fixture->page), "caches-sort")));
  g_assert_true (ADW_IS_COMBO_ROW (find_named (GTK_WIDGET (fixture->page), "caches-filter")));

  /* The filter is a key: "pending" leaves the stale entries alone. */
  {
    g_autoptr(GSettings) root = g_settings_new (APP_ID);

    g_settings_set_enum (root, "caches-filter", VITRINE_CACHES_FILTER_PENDING);
    g_assert_nonnull (subtitle (fixture, A));
    g_assert_null (subtitle (fixture, C));
    g_assert_null (subtitle (fixture, OLD));
    g_settings_reset (root, "caches-filter");
    g_assert_nonnull (subtitle (fixture, OLD));
  }
}

/* Dismiss asks first; Cancel keeps the entry, Dismiss removes it from the cache. */
static void
test_dismiss_asks (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *dialog;

  g_signal_emit_by_name (row_button (fixture, OLD), "clicked");
  dialog = find_dialog ("dismiss-dialog");
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Dismiss “old.jpg · 1920×1080”?");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_nonnull (subtitle (fixture, OLD));
  g_assert_cmpuint (fixture->source->records->len, ==, 4);

  g_signal_emit_by_name (row_button (fixture, OLD), "clicked");
  dialog = find_dialog ("dismiss-dialog");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "dismiss");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (old_gone, fixture);
  g_assert_cmpuint (fixture->source->records->len, ==, 3);
  g_assert_null (find_record (fixture->source, OLD));
}

static gboolean
exported (gpointer data)
{
  return vitrine_caches_page_get_message (data) != NULL;
}

/* The window drawn offscreen into @path, to look at (VITRINE_TEST_SHOT). */
static void
save_shot (GtkWidget  *window,
           const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

  /* Laid out and drawn (the banner's slide over) before the picture is taken. */
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (window), gtk_widget_get_height (window));
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* A failed job shows its error and Retry; the retry succeeds; then Regenerate All makes
 * the rest and the banner goes by itself. */
static void
test_retry_then_regenerate_all (Fixture       *fixture,
                                gconstpointer  data)
{
  GPtrArray *history;

  fixture->source->fail_with = g_strdup ("the image worker crashed");
  g_signal_emit_by_name (row_button (fixture, A), "clicked");
  wait_until (a_failed, fixture);
  g_assert_cmpstr (subtitle (fixture, A), ==, "Failed: the image worker crashed");
  g_assert_cmpstr (gtk_button_get_label (row_button (fixture, A)), ==, "Retry");
  g_assert_true (vitrine_cache_banner_get_shown (fixture->banner));
  if (g_getenv ("VITRINE_TEST_SHOT") != NULL)
    save_shot (fixture->window, g_getenv ("VITRINE_TEST_SHOT"));

  g_signal_emit_by_name (row_button (fixture, A), "clicked");
  wait_until (a_current, fixture);
  g_assert_cmpstr (find_record (fixture->source, A)->revision, ==, "r2");
  g_assert_cmpstr (find_record (fixture->source, B)->revision, ==, "r1");
  g_assert_cmpstr (vitrine_cache_banner_get_text (fixture->banner), ==,
                   "1 cached image needs regeneration to match the current display profile");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->banner), "banner.regenerate-all", NULL));
  wait_until (banner_hidden, fixture->banner);
  g_assert_cmpstr (find_record (fixture->source, B)->revision, ==, "r2");
  g_assert_true (g_str_has_prefix (subtitle (fixture, B), "Current · made "));

  /* Newest first: the failure, the retry, Regenerate All; each from the settings. */
  history = vitrine_caches_get_history (fixture->caches);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_false (((VitrineHistoryEntry *) history->pdata[2])->success);
  g_assert_true (((VitrineHistoryEntry *) history->pdata[0])->success);
  g_assert_cmpstr (((VitrineHistoryEntry *) history->pdata[0])->element_id, ==, "settings");

  /* Export History writes the summary and says so under the history. */
  {
    g_autofree char *path = g_build_filename (fixture->dirs, "summary.json", NULL);
    g_autofree char *text = NULL;

    vitrine_caches_page_export_history (fixture->page, path);
    wait_until (exported, fixture->page);
    g_assert_cmpstr (vitrine_caches_page_get_message (fixture->page), ==, "History exported");
    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    g_assert_nonnull (strstr (text, "manual_regenerate"));
  }
}

static gboolean
source_holds (gpointer data)
{
  return VT_SOURCE (data)->held != NULL;
}

static gboolean
b_reports_half (gpointer data)
{
  const char *line = subtitle (data, B);

  return line != NULL && g_str_equal (line, "Regenerating 1 of 2");
}

/* The fraction of the visible progress bar under @widget, -1 without one. */
static double
progress_shown (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget))
    return -1;
  if (GTK_IS_PROGRESS_BAR (widget))
    return gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      double fraction = progress_shown (child);

      if (fraction >= 0)
        return fraction;
    }
  return -1;
}

/* A running job's progress reaches its rows and the banner; when it ends they go back. */
static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *row;

  fixture->source->hold = TRUE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->banner), "banner.regenerate-all", NULL));
  wait_until (source_holds, fixture->source);
  fixture->source->held_progress (1, 2, fixture->source->held_progress_data);
  wait_until (b_reports_half, fixture);
  g_assert_cmpstr (subtitle (fixture, A), ==, "Regenerating 1 of 2");
  row = vitrine_caches_page_get_row (fixture->page, "images", ROOT, "display", A);
  g_assert_cmpfloat (progress_shown (row), ==, 0.5);
  g_assert_cmpfloat (progress_shown (vitrine_caches_page_get_row (fixture->page, "images", ROOT, "display", C)), <, 0);
  g_assert_cmpstr (vitrine_cache_banner_get_state (fixture->banner), ==, "Regenerating 1 of 2");

  /* Released, the entries are made and the banner goes. */
  fixture->source->hold = FALSE;
  for (guint i = 0; i < fixture->source->records->len; i++)
    {
      VitrineCacheRecord *record = fixture->source->records->pdata[i];

      g_free (record->revision);
      record->revision = g_strdup ("r2");
    }
  g_task_return_boolean (g_steal_pointer (&fixture->source->held), TRUE);
  wait_until (banner_hidden, fixture->banner);
  g_assert_true (g_str_has_prefix (subtitle (fixture, A), "Current · made "));
}

static gboolean
d_made (gpointer data)
{
  VitrineCacheRecord *record = find_record (data, ROOT "/d.jpg|scaled:800x600");

  return record != NULL && g_str_equal (record->profile_id, "display");
}

static gboolean
gone_listed (gpointer data)
{
  Fixture *fixture = data;

  return vitrine_caches_page_get_row (fixture->page, "images", ROOT, "gone", ROOT "/d.jpg|scaled:800x600") != NULL;
}

/* A group whose profile no longer exists asks which profile to regenerate for, offering
 * the cache's profiles in use, and regenerates for the one chosen. */
static void
test_replacement_profile (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *descriptors[] = { ROOT "/d.jpg|scaled:800x600", NULL };
  g_autoptr(VitrineCacheIntent) intent = vitrine_cache_intent_new ("display-1", "images", ROOT, "gone",
                                                                   descriptors, g_get_real_time ());
  GtkWidget *dialog;
  GListModel *choices;

  vitrine_intent_bus_emit (vitrine_caches_get_bus (fixture->caches), intent);
  vitrine_caches_refresh (fixture->caches);
  wait_until (gone_listed, fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "caches.regenerate-group", "(sss)",
                                             "images", ROOT, "gone"));
  dialog = find_dialog ("replacement-dialog");
  g_assert_nonnull (dialog);
  choices = gtk_drop_down_get_model (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog))));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==, "the current display profile");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "regenerate");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (d_made, fixture->source);
  g_assert_cmpstr (find_record (fixture->source, ROOT "/d.jpg|scaled:800x600")->revision, ==, "r2");
}

int
main (int   argc,
      char *argv[])
{
  /* Not G_TEST_OPTION_ISOLATE_DIRS: the window's icons come from the system's data dirs;
   * each case isolates the user dirs (vt_isolate_dirs()). */
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The cache banner and the Caches page follow the cache manager");

  if (!vt_have_display ())
    {
      g_print ("1..0 # SKIP needs a display server (run under xvfb-run)\n");
      return 0;
    }
  gtk_init ();
  adw_init ();

  g_test_add ("/SettingsCaches/banner-and-page", Fixture, NULL, fixture_setup, test_banner_and_page,
              fixture_teardown);
  g_test_add ("/SettingsCaches/dismiss-asks", Fixture, NULL, fixture_setup, test_dismiss_asks, fixture_teardown);
  g_test_add ("/SettingsCaches/retry-then-regenerate-all", Fixture, NULL, fixture_setup,
              test_retry_then_regenerate_all, fixture_teardown);
  g_test_add ("/SettingsCaches/progress", Fixture, NULL, fixture_setup, test_progress, fixture_teardown);
  g_test_add ("/SettingsCaches/replacement-profile", Fixture, NULL, fixture_setup, test_replacement_profile,
              fixture_teardown);

  return g_test_run ();
}
