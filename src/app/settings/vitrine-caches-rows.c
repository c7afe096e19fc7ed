/* vitrine-caches-rows.c: the Caches page's groups and rows (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-cache-names.h"
#include "vitrine-caches-rows.h"

/* What an entry row shows, kept on the row. */
typedef struct
{
  char               *cache;
  char               *track_ref;
  char               *profile_id;
  char               *descriptor;
  VitrineCacheStatus  status;
  gint64              analysed_unix;
  GtkWidget          *progress;
  GtkWidget          *button;
  GtkWidget          *warning;
} EntryRow;

static void
entry_row_free (gpointer data)
{
  EntryRow *entry = data;

  g_free (entry->cache);
  g_free (entry->track_ref);
  g_free (entry->profile_id);
  g_free (entry->descriptor);
  g_free (entry);
}

char *
vitrine_caches_group_key (const char *cache,
                          const char *track_ref,
                          const char *profile_id)
{
  return g_strjoin ("\x1f", cache, track_ref, profile_id, NULL);
}

char *
vitrine_caches_entry_key (const char *cache,
                          const char *track_ref,
                          const char *profile_id,
                          const char *descriptor)
{
  return g_strjoin ("\x1f", cache, track_ref, profile_id, descriptor, NULL);
}

const char *
vitrine_caches_group_label (const VitrineCacheGroup *group)
{
  return group->profile_label != NULL ? group->profile_label : _("the current profile");
}

char *
vitrine_caches_format_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = NULL;

  if (unix_seconds <= 0)
    return g_strdup (_("never"));
  time = g_date_time_new_from_unix_local (unix_seconds);
  if (time == NULL)
    return g_strdup (_("never"));
  /* Translators: when a cache entry was made, g_date_time_format(), e.g. "1 Dec 2026, 12:03" */
  return g_date_time_format (time, _("%-d %b %Y, %H:%M"));
}

static const char *
status_label (VitrineCacheStatus status)
{
  switch (status)
    {
    case VITRINE_CACHE_STATUS_MISSING:
      return _("Missing");
    case VITRINE_CACHE_STATUS_STALE:
      return _("Stale");
    case VITRINE_CACHE_STATUS_EXTRANEOUS:
      return _("Extraneous");
    case VITRINE_CACHE_STATUS_CURRENT:
    default:
      return _("Current");
    }
}

/* The row's button: Regenerate, Dismiss (an extraneous entry) or Retry (a failed job). */
static void
set_button (EntryRow   *entry,
            const char *label,
            const char *action,
            GVariant   *target)
{
  gtk_button_set_label (GTK_BUTTON (entry->button), label);
  /* The target first: an action whose target type does not match is refused. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (entry->button), NULL);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (entry->button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (entry->button), action);
  gtk_widget_set_visible (entry->button, action != NULL);
}

/* What the job holding the entry says: NULL when it holds none (or succeeded). */
static char *
job_line (VitrineCaches         *caches,
          EntryRow              *entry,
          const VitrineRegenJob *job)
{
  const char *hold = vitrine_caches_get_hold_reason (caches);

  switch (job->state)
    {
    case VITRINE_REGEN_QUEUED:
      if (hold != NULL)
        return g_strdup (hold);
      if (vitrine_caches_is_paused (caches, entry->cache))
        return g_strdup (_("Regeneration paused"));
      return g_strdup (_("Queued"));
    case VITRINE_REGEN_RUNNING:
      if (job->total > 0)
        /* Translators: progress of a regeneration, e.g. "Regenerating 3 of 12" */
        return g_strdup_printf (_("Regenerating %u of %u"), job->done, job->total);
      return g_strdup (_("Regenerating…"));
    case VITRINE_REGEN_FAILED:
      /* Translators: %s says why, from the worker */
      return g_strdup_printf (_("Failed: %s"), job->error != NULL ? job->error : _("unknown error"));
    case VITRINE_REGEN_SUCCEEDED:
    default:
      return NULL;
    }
}

void
vitrine_caches_entry_row_update (GtkWidget     *row,
                                 VitrineCaches *caches)
{
  EntryRow *entry = g_object_get_data (G_OBJECT (row), "vitrine-cache-entry");
  const VitrineRegenJob *job = NULL;
  g_autofree char *line = NULL;
  gboolean running, failed;

  g_return_if_fail (entry != NULL);

  if (caches != NULL)
    job = vitrine_caches_find_job (caches, entry->cache, entry->track_ref, entry->profile_id, entry->descriptor);
  if (job != NULL)
    line = job_line (caches, entry, job);
  running = line != NULL && job->state == VITRINE_REGEN_RUNNING;
  failed = line != NULL && job->state == VITRINE_REGEN_FAILED;
  if (line == NULL)
    {
      g_autofree char *when = vitrine_caches_format_time (entry->analysed_unix);

      if (entry->analysed_unix <= 0)
        /* Translators: a cache entry's status, e.g. "Missing · never made" */
        line = g_strdup_printf (_("%s · never made"), status_label (entry->status));
      else
        /* Translators: a cache entry's status and when it was last made, e.g. "Stale · made 1 Dec 2026, 12:03" */
        line = g_strdup_printf (_("%s · made %s"), status_label (entry->status), when);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line);
  gtk_widget_set_visible (entry->progress, running);
  if (running && job->total > 0)
    gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (entry->progress), (double) job->done / job->total);
  else if (running)
    gtk_progress_bar_pulse (GTK_PROGRESS_BAR (entry->progress));
  gtk_widget_set_visible (entry->warning, failed);
  if (failed)
    set_button (entry, _("Retry"), "caches.retry", g_variant_new_uint32 (job->id));
  else if (line != NULL && job != NULL && job->state != VITRINE_REGEN_SUCCEEDED)
    set_button (entry, _("Regenerate"), NULL, NULL);
  else if (entry->status == VITRINE_CACHE_STATUS_EXTRANEOUS)
    set_button (entry, _("Dismiss"), "caches.dismiss-entry",
                g_variant_new ("(ssss)", entry->cache, entry->track_ref, entry->profile_id, entry->descriptor));
  else
    set_button (entry, _("Regenerate"), "caches.regenerate-entry",
                g_variant_new ("(ssss)", entry->cache, entry->track_ref, entry->profile_id, entry->descriptor));
}

static GtkWidget *
entry_row_new (const VitrineCacheGroup     *group,
               const VitrineCacheEntryView *view,
               VitrineCaches               *caches)
{
  GtkWidget *row = adw_action_row_new ();
  EntryRow *entry = g_new0 (EntryRow, 1);

  entry->cache = g_strdup (group->cache);
  entry->track_ref = g_strdup (group->track_ref);
  entry->profile_id = g_strdup (group->profile_id);
  entry->descriptor = g_strdup (view->descriptor);
  entry->status = view->status;
  entry->analysed_unix = view->analysed_unix;
  g_object_set_data_full (G_OBJECT (row), "vitrine-cache-entry", entry, entry_row_free);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), view->label);
  gtk_widget_set_tooltip_text (row, view->descriptor);
  gtk_widget_set_name (row, view->descriptor);
  gtk_widget_add_css_class (row, "vitrine-cache-entry");

  entry->warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (entry->warning, "error");
  gtk_widget_set_valign (entry->warning, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry->warning);
  entry->progress = gtk_progress_bar_new ();
  gtk_widget_set_valign (entry->progress, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (entry->progress, 96, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry->progress);
  entry->button = gtk_button_new ();
  gtk_widget_set_valign (entry->button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry->button);
  vitrine_caches_entry_row_update (row, caches);
  return row;
}

static VitrineCachesSort compare_sort;

static int
compare_views (gconstpointer a,
               gconstpointer b)
{
  return vitrine_cache_entry_compare (a, b, compare_sort);
}

/* The group's entries (requested or cached) that the filter keeps, in the view's order;
 * their labels and sort keys are owned by @labels. */
static GArray *
group_entries (const VitrineCacheGroup *group,
               const VitrineCachesView *view,
               GPtrArray               *labels)
{
  g_autoptr(GHashTable) made = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (VitrineCacheEntryView));
  GStrv lists[] = { group->diff->requested, group->diff->extraneous };

  for (guint i = 0; group->records != NULL && i < group->records->len; i++)
    {
      const VitrineCacheRecord *record = group->records->pdata[i];

      g_hash_table_insert (made, record->descriptor, (gpointer) record);
    }
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      {
        const VitrineCacheRecord *record = g_hash_table_lookup (made, lists[l][i]);
        VitrineCacheEntryView entry = { lists[l][i], NULL, NULL, vitrine_cache_diff_status (group->diff, lists[l][i]),
                                        record != NULL ? record->analysed_unix : 0 };

        if (!vitrine_cache_filter_accepts (view->filter, entry.status))
          continue;
        entry.label = vitrine_cache_short_descriptor (lists[l][i]);
        entry.sort_key = vitrine_cache_sort_key (entry.label);
        g_ptr_array_add (labels, (char *) entry.label);
        g_ptr_array_add (labels, (char *) entry.sort_key);
        g_array_append_val (entries, entry);
      }
  compare_sort = view->sort;
  g_array_sort (entries, compare_views);
  return entries;
}

/* @text with its first letter upper case: the profile labels are made for mid-sentence. */
static char *
capitalize (const char *text)
{
  gunichar first = g_utf8_get_char_validated (text, -1);
  char start[8] = { 0 };

  if (first == (gunichar) -1 || first == (gunichar) -2 || first == 0)
    return g_strdup (text);
  g_unichar_to_utf8 (g_unichar_totitle (first), start);
  return g_strconcat (start, g_utf8_next_char (text), NULL);
}

/* "For the current display profile · 3 stale · 10 current", and why it waits. */
static char *
group_description (const VitrineCacheGroup *group,
                   VitrineCaches           *caches)
{
  const VitrineCacheDiff *diff = group->diff;
  g_autoptr(GString) text = g_string_new (NULL);
  GStrv lists[] = { diff->missing, diff->stale, diff->extraneous, diff->current };

  if (!group->profile_exists)
    {
      g_autofree char *label = capitalize (vitrine_caches_group_label (group));

      /* Translators: %s is the profile's name, e.g. "The 'Detailed spectrum' profile" */
      g_string_append_printf (text, _("%s no longer exists: choose another to regenerate"), label);
    }
  else
    /* Translators: %s is the profile's name, e.g. "the current display profile" */
    g_string_append_printf (text, _("For %s"), vitrine_caches_group_label (group));
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      guint n = lists[i] != NULL ? g_strv_length (lists[i]) : 0;

      if (n == 0)
        continue;
      g_string_append (text, " · ");
      switch (i)
        {
        case 0:
          /* Translators: how many entries of a cache group are missing */
          g_string_append_printf (text, _("%u missing"), n);
          break;
        case 1:
          g_string_append_printf (text, _("%u stale"), n);
          break;
        case 2:
          g_string_append_printf (text, _("%u extraneous"), n);
          break;
        default:
          g_string_append_printf (text, _("%u current"), n);
          break;
        }
    }
  if (caches != NULL && vitrine_caches_is_paused (caches, group->cache) && vitrine_cache_diff_pending (diff) > 0)
    g_string_append_printf (text, " · %s", _("Regeneration paused"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
header_button (const char *name,
               const char *label,
               const char *action,
               GVariant   *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static GtkWidget *
group_header (const VitrineCacheGroup *group)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gboolean has_entries = group->diff->requested != NULL && group->diff->requested[0] != NULL;

  if (vitrine_cache_diff_pending (group->diff) > 0 || (!group->profile_exists && has_entries))
    gtk_box_append (GTK_BOX (box), header_button ("regenerate-group", _("_Regenerate"), "caches.regenerate-group",
                                                  g_variant_new ("(sss)", group->cache, group->track_ref,
                                                                 group->profile_id)));
  if (group->diff->extraneous != NULL && group->diff->extraneous[0] != NULL)
    gtk_box_append (GTK_BOX (box), header_button ("dismiss-group", _("_Dismiss All"), "caches.dismiss-group",
                                                  g_variant_new ("(sss)", group->cache, group->track_ref,
                                                                 group->profile_id)));
  return box;
}

GtkWidget *
vitrine_caches_group_new (const VitrineCacheGroup *group,
                          const VitrineCachesView *view,
                          GHashTable              *rows)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) entries = group_entries (group, view, labels);
  g_autofree char *title = vitrine_cache_short_track_ref (group->track_ref);
  g_autofree char *description = NULL;
  g_autofree char *title_markup = NULL;
  g_autofree char *description_markup = NULL;
  g_autofree char *key = vitrine_caches_group_key (group->cache, group->track_ref, group->profile_id);
  GtkWidget *widget;
  guint shown;

  if (entries->len == 0)
    return NULL;
  widget = adw_preferences_group_new ();
  gtk_widget_set_name (widget, key);
  description = group_description (group, view->caches);
  /* A group's title and description are markup; a folder's name may hold a '&'. */
  title_markup = g_markup_escape_text (title, -1);
  description_markup = g_markup_escape_text (description, -1);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (widget), title_markup);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (widget), description_markup);
  gtk_widget_set_tooltip_text (widget, group->track_ref);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (widget), group_header (group));

  shown = view->show_all ? entries->len : MIN (entries->len, VITRINE_CACHES_ROWS_SHOWN);
  for (guint i = 0; i < shown; i++)
    {
      const VitrineCacheEntryView *entry = &g_array_index (entries, VitrineCacheEntryView, i);
      GtkWidget *row = entry_row_new (group, entry, view->caches);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (widget), row);
      g_hash_table_insert (rows, vitrine_caches_entry_key (group->cache, group->track_ref, group->profile_id,
                                                           entry->descriptor), row);
    }
  if (shown < entries->len)
    {
      GtkWidget *more = adw_action_row_new ();
      g_autofree char *text = g_strdup_printf (_("Show All %u"), entries->len);

      gtk_widget_set_name (more, "show-all");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (more), text);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (more), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (more), "caches.show-all");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (more), g_variant_new_string (key));
      adw_action_row_add_suffix (ADW_ACTION_ROW (more), gtk_image_new_from_icon_name ("go-down-symbolic"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (widget), more);
    }
  return widget;
}

static const char *
action_label (VitrineHistoryAction action)
{
  switch (action)
    {
    case VITRINE_HISTORY_AUTO_REGENERATE:
      return _("Regenerated automatically");
    case VITRINE_HISTORY_DISMISSED:
      return _("Dismissed");
    case VITRINE_HISTORY_MANUAL_REGENERATE:
    default:
      return _("Regenerated");
    }
}

GtkWidget *
vitrine_caches_history_row_new (const VitrineHistoryEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  guint n = entry->descriptor_ids != NULL ? g_strv_length (entry->descriptor_ids) : 0;
  g_autofree char *first = n > 0 ? vitrine_cache_short_descriptor (entry->descriptor_ids[0]) : NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (entry->timestamp, NULL);

  if (n > 1)
    /* Translators: a history entry: what was done, the first entry's name, how many more */
    title = g_strdup_printf (ngettext ("%s: %s and %u more", "%s: %s and %u more", n - 1),
                             action_label (entry->action), first, n - 1);
  else if (n == 1)
    title = g_strdup_printf ("%s: %s", action_label (entry->action), first);
  else
    title = g_strdup (action_label (entry->action));
  when = vitrine_caches_format_time (time != NULL ? g_date_time_to_unix (time) : 0);
  /* Translators: a history entry's outcome, duration in seconds, time and who asked, e.g.
   * "Succeeded · 1.2 s · 1 Dec 2026, 12:03 · display-0" */
  subtitle = g_strdup_printf (_("%s · %.1f s · %s · %s"), entry->success ? _("Succeeded") : _("Failed"),
                              entry->duration_ms / 1000.0, when, entry->element_id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (row, "vitrine-history-entry");
  if (!entry->success)
    {
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (warning, "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning);
    }
  return row;
}
