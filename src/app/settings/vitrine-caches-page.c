/* vitrine-caches-page.c: the Caches page and the banner it keeps (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-cache-names.h"
#include "vitrine-caches-page.h"
#include "vitrine-caches-rows.h"
#include "vitrine-settings-editors.h"

struct _VitrineCachesPage
{
  AdwPreferencesPage    parent_instance;

  AdwPreferencesGroup  *overview;
  AdwComboRow          *caches_sort;
  AdwComboRow          *caches_filter;
  AdwActionRow         *state_row;
  AdwActionRow         *empty_row;
  AdwPreferencesGroup  *history_group;
  GtkLabel             *message;

  GSettings            *root;
  VitrineCaches        *caches;
  VitrineCacheBanner   *banner;       /* weak: the window's */
  GPtrArray            *groups;       /* the groups' widgets on the page */
  GHashTable           *rows;         /* entry key → its row */
  GPtrArray            *history_rows;
  GHashTable           *expanded;     /* group keys shown whole */
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  gboolean              dirty;        /* changed while not shown: rebuilt when mapped */
};

G_DEFINE_FINAL_TYPE (VitrineCachesPage, vitrine_caches_page, ADW_TYPE_PREFERENCES_PAGE)

static void
say (VitrineCachesPage *self,
     const char        *text,
     gboolean           failed)
{
  if (self->message == NULL)   /* an export that ended after the page went */
    return;
  gtk_label_set_label (self->message, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
}

/* The line that says why queued work waits, NULL when nothing waits: an export holding
 * the queue, or a paused cache with something pending. */
static char *
dup_waiting (VitrineCachesPage *self)
{
  GPtrArray *groups;

  if (self->caches == NULL)
    return NULL;
  if (vitrine_caches_get_hold_reason (self->caches) != NULL)
    return g_strdup (vitrine_caches_get_hold_reason (self->caches));
  groups = vitrine_caches_get_groups (self->caches);
  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      const VitrineCacheGroup *group = groups->pdata[i];

      if (vitrine_cache_diff_pending (group->diff) > 0 && vitrine_caches_is_paused (self->caches, group->cache))
        return g_strdup (_("Regeneration paused"));
    }
  return NULL;
}

/* The banner: the manager's lines while anything is pending, what waits, the progress of
 * the queued and running jobs. */
static void
update_banner (VitrineCachesPage *self)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *state = NULL;
  GPtrArray *jobs;
  guint done = 0, total = 0, active = 0;

  if (self->banner == NULL)
    return;
  if (self->caches == NULL || vitrine_caches_count_pending (self->caches, NULL) == 0)
    {
      vitrine_cache_banner_update (self->banner, NULL, NULL, -1);
      return;
    }
  lines = vitrine_caches_dup_banner_lines (self->caches);
  state = dup_waiting (self);
  jobs = vitrine_caches_get_jobs (self->caches);
  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    {
      const VitrineRegenJob *job = jobs->pdata[i];

      if (job->state != VITRINE_REGEN_QUEUED && job->state != VITRINE_REGEN_RUNNING)
        continue;
      active++;
      done += job->state == VITRINE_REGEN_RUNNING ? job->done : 0;
      total += job->state == VITRINE_REGEN_RUNNING && job->total > 0 ? job->total : job->descriptors->len;
    }
  if (state == NULL && active > 0)
    /* Translators: the banner while regeneration runs, entries done of all queued */
    state = g_strdup_printf (_("Regenerating %u of %u"), done, total);
  vitrine_cache_banner_update (self->banner, (const char * const *) lines, state,
                               active > 0 && total > 0 ? (double) done / total : -1);
}

static void
update_history (VitrineCachesPage *self)
{
  GPtrArray *history = self->caches != NULL ? vitrine_caches_get_history (self->caches) : NULL;
  guint n = history != NULL ? history->len : 0;
  g_autofree char *description = NULL;

  for (guint i = 0; i < self->history_rows->len; i++)
    adw_preferences_group_remove (self->history_group, self->history_rows->pdata[i]);
  g_ptr_array_set_size (self->history_rows, 0);
  for (guint i = 0; i < MIN (n, VITRINE_CACHES_PAGE_HISTORY_SHOWN); i++)
    {
      GtkWidget *row = vitrine_caches_history_row_new (history->pdata[i]);

      g_ptr_array_add (self->history_rows, row);
      adw_preferences_group_add (self->history_group, row);
    }
  if (n == 0)
    description = g_strdup (_("Nothing regenerated or dismissed yet"));
  else if (n > VITRINE_CACHES_PAGE_HISTORY_SHOWN)
    /* Translators: the history's description when only the newest are listed */
    description = g_strdup_printf (_("The newest %u of %u entries"), VITRINE_CACHES_PAGE_HISTORY_SHOWN, n);
  else
    description = g_strdup_printf (ngettext ("%u entry", "%u entries", n), n);
  adw_preferences_group_set_description (self->history_group, description);
  gtk_widget_set_sensitive (GTK_WIDGET (self->history_group), TRUE);
}

/* Every group again, in the order and with the filter of the keys; the history stays last. */
static void
rebuild (VitrineCachesPage *self)
{
  GPtrArray *groups = self->caches != NULL ? vitrine_caches_get_groups (self->caches) : NULL;
  VitrineCachesView view = {
    self->caches, g_settings_get_enum (self->root, "caches-sort"), g_settings_get_enum (self->root, "caches-filter"),
    FALSE,
  };
  g_autofree char *waiting = dup_waiting (self);

  self->dirty = FALSE;
  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), self->groups->pdata[i]);
  g_ptr_array_set_size (self->groups, 0);
  g_hash_table_remove_all (self->rows);
  g_object_ref (self->history_group);
  adw_preferences_page_remove (ADW_PREFERENCES_PAGE (self), self->history_group);

  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      const VitrineCacheGroup *group = groups->pdata[i];
      g_autofree char *key = vitrine_caches_group_key (group->cache, group->track_ref, group->profile_id);
      GtkWidget *widget;

      view.show_all = g_hash_table_contains (self->expanded, key);
      widget = vitrine_caches_group_new (group, &view, self->rows);
      if (widget == NULL)
        continue;
      g_ptr_array_add (self->groups, widget);
      adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (widget));
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->history_group);
  g_object_unref (self->history_group);

  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), self->groups->len == 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row),
                                 groups != NULL && groups->len > 0 ? _("Nothing matches the filter")
                                                                   : _("Nothing is cached yet"));
  gtk_widget_set_visible (GTK_WIDGET (self->state_row), waiting != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row), waiting != NULL ? waiting : "");
  adw_action_row_set_subtitle (self->state_row, _("Queued work starts by itself when it can"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "caches.regenerate-all",
                                 self->caches != NULL && vitrine_caches_count_pending (self->caches, NULL) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "caches.export-history", self->caches != NULL);
  update_history (self);
  update_banner (self);
}

/* The banner follows at once; the rows (a group of thousands takes tens of milliseconds
 * to order) only while the page is shown, else when it is next mapped. */
static void
changed_cb (VitrineCachesPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
  else
    {
      self->dirty = TRUE;
      update_banner (self);
    }
}

static void
vitrine_caches_page_map (GtkWidget *widget)
{
  VitrineCachesPage *self = VITRINE_CACHES_PAGE (widget);

  GTK_WIDGET_CLASS (vitrine_caches_page_parent_class)->map (widget);
  if (self->dirty)
    rebuild (self);
}

/* A job's progress reaches its rows alone; the page is rebuilt on "changed". */
static void
job_changed_cb (VitrineCachesPage *self,
                guint              job_id)
{
  GPtrArray *jobs = vitrine_caches_get_jobs (self->caches);

  for (guint i = 0; jobs != NULL && i < jobs->len; i++)
    {
      const VitrineRegenJob *job = jobs->pdata[i];

      if (job->id != job_id)
        continue;
      for (guint d = 0; d < job->descriptors->len; d++)
        {
          g_autofree char *key = vitrine_caches_entry_key (job->cache, job->track_ref, job->profile_id,
                                                           job->descriptors->pdata[d]);
          GtkWidget *row = g_hash_table_lookup (self->rows, key);

          if (row != NULL)
            vitrine_caches_entry_row_update (row, self->caches);
        }
    }
  update_banner (self);
}

GtkWidget *
vitrine_caches_page_new (GSettings *root)
{
  VitrineCachesPage *self;

  g_return_val_if_fail (G_IS_SETTINGS (root), NULL);

  self = g_object_new (VITRINE_TYPE_CACHES_PAGE, NULL);
  self->root = g_object_ref (root);
  gtk_widget_set_name (GTK_WIDGET (self->caches_sort), "caches-sort");
  gtk_widget_set_name (GTK_WIDGET (self->caches_filter), "caches-filter");
  vitrine_settings_bind_enum (root, "caches-sort", self->caches_sort, "selected");
  vitrine_settings_bind_enum (root, "caches-filter", self->caches_filter, "selected");
  g_signal_connect_object (root, "changed::caches-sort", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (root, "changed::caches-filter", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  rebuild (self);
  return GTK_WIDGET (self);
}

void
vitrine_caches_page_set_caches (VitrineCachesPage *self,
                                VitrineCaches     *caches)
{
  g_return_if_fail (VITRINE_IS_CACHES_PAGE (self));
  g_return_if_fail (caches == NULL || VITRINE_IS_CACHES (caches));

  if (self->caches == caches)
    return;
  if (self->caches != NULL)
    g_signal_handlers_disconnect_by_data (self->caches, self);
  g_set_object (&self->caches, caches);
  if (caches != NULL)
    {
      g_signal_connect_object (caches, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (caches, "job-changed", G_CALLBACK (job_changed_cb), self, G_CONNECT_SWAPPED);
    }
  rebuild (self);
}

VitrineCaches *
vitrine_caches_page_get_caches (VitrineCachesPage *self)
{
  g_return_val_if_fail (VITRINE_IS_CACHES_PAGE (self), NULL);

  return self->caches;
}

static void
regenerate_all_cb (VitrineCachesPage *self)
{
  if (self->caches != NULL)
    vitrine_caches_regenerate (self->caches, NULL, NULL, NULL, NULL, VITRINE_REGEN_REASON_MANUAL, "settings");
}

void
vitrine_caches_page_set_banner (VitrineCachesPage  *self,
                                VitrineCacheBanner *banner)
{
  g_return_if_fail (VITRINE_IS_CACHES_PAGE (self));
  g_return_if_fail (VITRINE_IS_CACHE_BANNER (banner));

  g_set_weak_pointer (&self->banner, banner);
  g_signal_connect_object (banner, "regenerate-all", G_CALLBACK (regenerate_all_cb), self, G_CONNECT_SWAPPED);
  update_banner (self);
}

GtkWidget *
vitrine_caches_page_get_row (VitrineCachesPage *self,
                             const char        *cache,
                             const char        *track_ref,
                             const char        *profile_id,
                             const char        *descriptor)
{
  g_autofree char *key = vitrine_caches_entry_key (cache, track_ref, profile_id, descriptor);

  g_return_val_if_fail (VITRINE_IS_CACHES_PAGE (self), NULL);

  return g_hash_table_lookup (self->rows, key);
}

const char *
vitrine_caches_page_get_message (VitrineCachesPage *self)
{
  g_return_val_if_fail (VITRINE_IS_CACHES_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message)) ? gtk_label_get_label (self->message) : NULL;
}

static const VitrineCacheGroup *
find_group (VitrineCachesPage *self,
            const char        *cache,
            const char        *track_ref,
            const char        *profile_id)
{
  GPtrArray *groups = self->caches != NULL ? vitrine_caches_get_groups (self->caches) : NULL;

  for (guint i = 0; groups != NULL && i < groups->len; i++)
    {
      const VitrineCacheGroup *group = groups->pdata[i];

      if (g_str_equal (group->cache, cache) && g_str_equal (group->track_ref, track_ref) &&
          g_str_equal (group->profile_id, profile_id))
        return group;
    }
  return NULL;
}

/* What a dialog acts on, kept on the dialog. */
typedef struct
{
  char  *cache;
  char  *track_ref;
  char  *profile_id;
  GStrv  descriptors;   /* NULL: the whole group */
  GStrv  profiles;      /* the replacement dialog's choices */
} Target;

static void
target_free (gpointer data)
{
  Target *target = data;

  g_free (target->cache);
  g_free (target->track_ref);
  g_free (target->profile_id);
  g_strfreev (target->descriptors);
  g_strfreev (target->profiles);
  g_free (target);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Target, target_free)

static Target *
target_new (GVariant *parameter)
{
  Target *target = g_new0 (Target, 1);
  const char *descriptor = NULL;

  if (g_variant_is_of_type (parameter, G_VARIANT_TYPE ("(ssss)")))
    g_variant_get (parameter, "(sss&s)", &target->cache, &target->track_ref, &target->profile_id, &descriptor);
  else
    g_variant_get (parameter, "(sss)", &target->cache, &target->track_ref, &target->profile_id);
  if (descriptor != NULL)
    target->descriptors = g_strdupv ((char *[]) { (char *) descriptor, NULL });
  return target;
}

static GtkWidget *
message_dialog_new (VitrineCachesPage *self,
                    const char        *name,
                    const char        *heading,
                    const char        *body,
                    Target            *target)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  gtk_widget_set_name (dialog, name);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "vitrine-target", target, target_free);
  return dialog;
}

static void
dismiss_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     VitrineCachesPage *self)
{
  Target *target = g_object_get_data (G_OBJECT (dialog), "vitrine-target");
  const VitrineCacheGroup *group;

  if (!g_str_equal (response, "dismiss") || self->caches == NULL)
    return;
  group = find_group (self, target->cache, target->track_ref, target->profile_id);
  if (target->descriptors != NULL)
    vitrine_caches_dismiss (self->caches, target->cache, target->track_ref, target->profile_id,
                            (const char * const *) target->descriptors);
  else if (group != NULL && group->diff->extraneous != NULL && group->diff->extraneous[0] != NULL)
    vitrine_caches_dismiss (self->caches, target->cache, target->track_ref, target->profile_id,
                            (const char * const *) group->diff->extraneous);
}

/* Dismissing deletes: it asks first, naming the entry or counting them. */
static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VitrineCachesPage *self = VITRINE_CACHES_PAGE (widget);
  Target *target = target_new (parameter);
  const VitrineCacheGroup *group = find_group (self, target->cache, target->track_ref, target->profile_id);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (target->descriptors != NULL)
    {
      g_autofree char *name = vitrine_cache_short_descriptor (target->descriptors[0]);

      /* Translators: %s is a cache entry's name, e.g. "beach.jpg · 1920×1080" */
      heading = g_strdup_printf (_("Dismiss “%s”?"), name);
    }
  else
    {
      guint n = group != NULL && group->diff->extraneous != NULL ? g_strv_length (group->diff->extraneous) : 0;

      heading = g_strdup_printf (ngettext ("Dismiss %u Extraneous Entry?", "Dismiss %u Extraneous Entries?", n), n);
    }
  dialog = message_dialog_new (self, "dismiss-dialog", heading,
                               _("Nothing asks for it any more. Its cached copy is deleted, and made again "
                                 "only if something asks for it."), target);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "dismiss", _("_Dismiss"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "dismiss", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dismiss_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
replacement_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         VitrineCachesPage *self)
{
  Target *target = g_object_get_data (G_OBJECT (dialog), "vitrine-target");
  GtkDropDown *choice = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  guint selected = gtk_drop_down_get_selected (choice);
  const VitrineCacheGroup *group;

  if (!g_str_equal (response, "regenerate") || self->caches == NULL ||
      selected >= g_strv_length (target->profiles))
    return;
  group = find_group (self, target->cache, target->track_ref, target->profile_id);
  if (group != NULL)
    vitrine_caches_regenerate_with (self->caches, group, target->profiles[selected]);
}

/* A group whose profile is gone: the other profiles of its cache in use now, to pick one. */
static void
ask_replacement (VitrineCachesPage       *self,
                 const VitrineCacheGroup *group,
                 Target                  *target)
{
  GPtrArray *groups = vitrine_caches_get_groups (self->caches);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  for (guint i = 0; i < groups->len; i++)
    {
      const VitrineCacheGroup *other = groups->pdata[i];

      if (!other->profile_exists || !g_str_equal (other->cache, group->cache) ||
          !g_hash_table_add (seen, other->profile_id))
        continue;
      g_strv_builder_add (ids, other->profile_id);
      gtk_string_list_append (labels, vitrine_caches_group_label (other));
    }
  target->profiles = g_strv_builder_end (ids);
  /* Translators: %s is a profile's name, e.g. "the 'Detailed spectrum' profile" */
  body = g_strdup_printf (target->profiles[0] != NULL ? _("%s no longer exists. Regenerate these entries for:")
                                                      : _("%s no longer exists, and no other profile of this "
                                                          "cache is in use; its entries can only be dismissed."),
                          vitrine_caches_group_label (group));
  dialog = message_dialog_new (self, "replacement-dialog", _("Choose a Profile"), body, target);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  gtk_widget_set_visible (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)),
                          target->profiles[0] != NULL);
  if (target->profiles[0] != NULL)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "regenerate", _("_Regenerate"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "regenerate",
                                                  ADW_RESPONSE_SUGGESTED);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (replacement_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* An entry or a group; a group whose profile is gone asks for another first. */
static void
regenerate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VitrineCachesPage *self = VITRINE_CACHES_PAGE (widget);
  g_autoptr(Target) target = target_new (parameter);
  const VitrineCacheGroup *group = find_group (self, target->cache, target->track_ref, target->profile_id);

  if (group == NULL)
    return;
  if (!group->profile_exists)
    {
      ask_replacement (self, group, g_steal_pointer (&target));
      return;
    }
  vitrine_caches_regenerate (self->caches, target->cache, target->track_ref, target->profile_id,
                             (const char * const *) target->descriptors, VITRINE_REGEN_REASON_MANUAL, "settings");
}

static void
regenerate_all_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  regenerate_all_cb (VITRINE_CACHES_PAGE (widget));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  VitrineCachesPage *self = VITRINE_CACHES_PAGE (widget);

  if (self->caches != NULL)
    vitrine_caches_retry (self->caches, g_variant_get_uint32 (parameter));
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VitrineCachesPage *self = VITRINE_CACHES_PAGE (widget);

  g_hash_table_add (self->expanded, g_variant_dup_string (parameter, NULL));
  rebuild (self);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VitrineCachesPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (vitrine_caches_export_history_finish (VITRINE_CACHES (source), result, &error))
    say (self, _("History exported"), FALSE);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Translators: %s says why the file could not be written */
      g_autofree char *text = g_strdup_printf (_("Could not export: %s"), error->message);

      say (self, text, TRUE);
    }
}

void
vitrine_caches_page_export_history (VitrineCachesPage *self,
                                    const char        *path)
{
  g_return_if_fail (VITRINE_IS_CACHES_PAGE (self));
  g_return_if_fail (path != NULL);

  if (self->caches == NULL)
    return;
  say (self, NULL, FALSE);
  vitrine_caches_export_history_async (self->caches, path, self->cancellable, export_done_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog   *dialog,
                     int                response,
                     VitrineCachesPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file != NULL ? g_file_get_path (file) : NULL;
  g_clear_object (&self->chooser);
  if (path != NULL)
    vitrine_caches_page_export_history (self, path);
}

static void
export_history_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  VitrineCachesPage *self = VITRINE_CACHES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Export History"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "vitrine-cache-history.json");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
vitrine_caches_page_dispose (GObject *object)
{
  VitrineCachesPage *self = VITRINE_CACHES_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->caches != NULL)
    g_signal_handlers_disconnect_by_data (self->caches, self);
  g_clear_object (&self->caches);
  g_clear_weak_pointer (&self->banner);
  g_clear_object (&self->root);
  gtk_widget_dispose_template (GTK_WIDGET (object), VITRINE_TYPE_CACHES_PAGE);

  G_OBJECT_CLASS (vitrine_caches_page_parent_class)->dispose (object);
}

static void
vitrine_caches_page_finalize (GObject *object)
{
  VitrineCachesPage *self = VITRINE_CACHES_PAGE (object);

  g_ptr_array_unref (self->groups);
  g_ptr_array_unref (self->history_rows);
  g_hash_table_unref (self->rows);
  g_hash_table_unref (self->expanded);
  g_object_unref (self->cancellable);

  G_OBJECT_CLASS (vitrine_caches_page_parent_class)->finalize (object);
}

static void
vitrine_caches_page_class_init (VitrineCachesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vitrine_caches_page_dispose;
  object_class->finalize = vitrine_caches_page_finalize;
  widget_class->map = vitrine_caches_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, APP_PATH "ui/vitrine-caches-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitrineCachesPage, overview);
  gtk_widget_class_bind_template_child (widget_class, VitrineCachesPage, caches_sort);
  gtk_widget_class_bind_template_child (widget_class, VitrineCachesPage, caches_filter);
  gtk_widget_class_bind_template_child (widget_class, VitrineCachesPage, state_row);
  gtk_widget_class_bind_template_child (widget_class, VitrineCachesPage, empty_row);
  gtk_widget_class_bind_template_child (widget_class, VitrineCachesPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, VitrineCachesPage, message);
  gtk_widget_class_install_action (widget_class, "caches.regenerate-all", NULL, regenerate_all_action);
  gtk_widget_class_install_action (widget_class, "caches.regenerate-entry", "(ssss)", regenerate_action);
  gtk_widget_class_install_action (widget_class, "caches.regenerate-group", "(sss)", regenerate_action);
  gtk_widget_class_install_action (widget_class, "caches.dismiss-entry", "(ssss)", dismiss_action);
  gtk_widget_class_install_action (widget_class, "caches.dismiss-group", "(sss)", dismiss_action);
  gtk_widget_class_install_action (widget_class, "caches.retry", "u", retry_action);
  gtk_widget_class_install_action (widget_class, "caches.show-all", "s", show_all_action);
  gtk_widget_class_install_action (widget_class, "caches.export-history", NULL, export_history_action);
}

static void
vitrine_caches_page_init (VitrineCachesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}
