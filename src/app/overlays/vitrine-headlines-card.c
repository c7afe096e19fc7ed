/* vitrine-headlines-card.c: the headlines card (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vitrine-headlines-card.h"
#include "vitrine-status.h"

/* More than this many are never kept (the count key's own maximum). */
#define MAX_ITEMS 20

typedef struct
{
  char   *title;
  char   *source;
  gint64  published;
} Item;

struct _VitrineHeadlinesCard
{
  VitrineOverlayCard  parent_instance;

  GSettings          *settings;     /* widgets */
  GArray             *items;        /* Item, newest first */
  char               *error;
  guint               page;

  GtkLabel           *caption;
  GtkLabel           *titles[VITRINE_HEADLINES_PAGE];
  GtkLabel           *details[VITRINE_HEADLINES_PAGE];
};

G_DEFINE_FINAL_TYPE (VitrineHeadlinesCard, vitrine_headlines_card, VITRINE_TYPE_OVERLAY_CARD)

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->title);
  g_free (item->source);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static char *
age_text (gint64     published,
          GDateTime *now)
{
  gint64 minutes;

  if (published <= 0)
    return NULL;
  minutes = MAX (g_date_time_to_unix (now) - published / G_USEC_PER_SEC, 0) / 60;
  if (minutes < 1)
    return g_strdup (_("just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago", minutes), (int) minutes);
  if (minutes < 48 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", minutes / 60),
                            (int) (minutes / 60));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", minutes / (24 * 60)),
                          (int) (minutes / (24 * 60)));
}

static void
update (VitrineHeadlinesCard *self,
        GDateTime            *now)
{
  guint count = MIN (self->items->len, g_settings_get_uint (self->settings, "headlines-count"));
  guint pages = (count + VITRINE_HEADLINES_PAGE - 1) / VITRINE_HEADLINES_PAGE;
  GString *text = g_string_new (NULL);

  vitrine_overlay_card_set_anchor (VITRINE_OVERLAY_CARD (self), g_settings_get_enum (self->settings, "headlines-anchor"));
  vitrine_overlay_card_set_monitor (VITRINE_OVERLAY_CARD (self), g_settings_get_int (self->settings, "headlines-monitor"));
  if (!g_settings_get_boolean (self->settings, "headlines-enabled") || count == 0 || self->error != NULL)
    {
      vitrine_overlay_card_set_wanted (VITRINE_OVERLAY_CARD (self), FALSE);
      vitrine_overlay_card_set_text (VITRINE_OVERLAY_CARD (self), NULL);
      g_string_free (text, TRUE);
      return;
    }

  self->page %= MAX (pages, 1);
  {
    g_autofree char *caption = pages > 1 ? g_strdup_printf (_("Headlines · %u of %u"), self->page + 1, pages)
                                         : g_strdup (_("Headlines"));

    set_label (self->caption, caption);
  }
  for (guint row = 0; row < VITRINE_HEADLINES_PAGE; row++)
    {
      guint index = self->page * VITRINE_HEADLINES_PAGE + row;
      Item *item = index < count ? &g_array_index (self->items, Item, index) : NULL;
      g_autofree char *age = item != NULL ? age_text (item->published, now) : NULL;
      g_autofree char *detail = NULL;

      if (item != NULL)
        detail = age != NULL && *item->source != '\0' ? g_strdup_printf ("%s · %s", item->source, age)
                                                      : g_strdup (age != NULL ? age : item->source);
      set_label (self->titles[row], item != NULL ? item->title : NULL);
      set_label (self->details[row], detail);
      if (item != NULL)
        g_string_append_printf (text, "%s%s (%s)", row > 0 ? " | " : "", item->title, detail != NULL ? detail : "");
    }
  vitrine_overlay_card_set_text (VITRINE_OVERLAY_CARD (self), text->str);
  vitrine_overlay_card_set_wanted (VITRINE_OVERLAY_CARD (self), TRUE);
  g_string_free (text, TRUE);
}

/*
 * The newest items first (the card keeps the newest headlines-count, at most 20), or an
 * @error that hides the card (--status has it). Titles longer than the card are
 * ellipsized; control characters in them are shown as spaces.
 */
void
vitrine_headlines_card_set_items (VitrineHeadlinesCard      *self,
                                  const VitrineCardHeadline *items,
                                  guint                      n_items,
                                  const char                *error)
{
  g_autoptr(GDateTime) now = vitrine_overlay_now ();

  g_return_if_fail (VITRINE_IS_HEADLINES_CARD (self));
  g_return_if_fail (n_items == 0 || items != NULL);

  g_array_set_size (self->items, 0);
  for (guint i = 0; i < MIN (n_items, MAX_ITEMS); i++)
    {
      Item item = { NULL, NULL, items[i].published };

      if (items[i].title == NULL || !g_utf8_validate (items[i].title, -1, NULL))
        continue;
      item.title = g_strdup (items[i].title);
      g_strdelimit (item.title, "\t\n\r\v\f", ' ');
      item.source = g_strdup (items[i].source != NULL && g_utf8_validate (items[i].source, -1, NULL)
                                ? items[i].source : "");
      g_array_append_val (self->items, item);
    }
  g_free (self->error);
  self->error = g_strdup (error);
  self->page = 0;
  update (self, now);
}

/* Each minute: the ages move on, and the next page shows. */
static void
vitrine_headlines_card_tick (VitrineOverlayCard *card,
                             GDateTime          *now)
{
  VitrineHeadlinesCard *self = VITRINE_HEADLINES_CARD (card);

  if (g_date_time_get_second (now) == 0)
    self->page++;
  update (self, now);
}

static void
vitrine_headlines_card_add_status (VitrineOverlayCard *card,
                                   JsonBuilder        *builder,
                                   int                 dx,
                                   int                 dy)
{
  VitrineHeadlinesCard *self = VITRINE_HEADLINES_CARD (card);

  vitrine_status_string (builder, "error", self->error);
  vitrine_status_int (builder, "items", self->items->len);
  vitrine_status_int (builder, "page", self->page);
}

static void
settings_changed_cb (VitrineHeadlinesCard *self,
                     const char           *key)
{
  if (g_str_has_prefix (key, "headlines-"))
    {
      g_autoptr(GDateTime) now = vitrine_overlay_now ();

      update (self, now);
    }
}

static GtkLabel *
text_label (const char *css_class,
            int         width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  gtk_label_set_max_width_chars (GTK_LABEL (label), width_chars);
  gtk_widget_set_visible (label, FALSE);
  return GTK_LABEL (label);
}

static void
build (VitrineHeadlinesCard *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_margin_start (box, 22);
  gtk_widget_set_margin_end (box, 22);
  gtk_widget_set_margin_top (box, 14);
  gtk_widget_set_margin_bottom (box, 14);
  self->caption = text_label ("caption", 0);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->caption), 4);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->caption));
  for (guint row = 0; row < VITRINE_HEADLINES_PAGE; row++)
    {
      self->titles[row] = text_label ("headline", 38);
      self->details[row] = text_label ("detail", 38);
      gtk_widget_set_margin_top (GTK_WIDGET (self->titles[row]), row > 0 ? 8 : 0);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->titles[row]));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->details[row]));
    }
  vitrine_overlay_card_set_child (VITRINE_OVERLAY_CARD (self), box);
}

static void
vitrine_headlines_card_dispose (GObject *object)
{
  VitrineHeadlinesCard *self = VITRINE_HEADLINES_CARD (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vitrine_headlines_card_parent_class)->dispose (object);
}

static void
vitrine_headlines_card_finalize (GObject *object)
{
  VitrineHeadlinesCard *self = VITRINE_HEADLINES_CARD (object);

  g_array_unref (self->items);
  g_free (self->error);

  G_OBJECT_CLASS (vitrine_headlines_card_parent_class)->finalize (object);
}

static void
vitrine_headlines_card_class_init (VitrineHeadlinesCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VitrineOverlayCardClass *card_class = VITRINE_OVERLAY_CARD_CLASS (klass);

  object_class->dispose = vitrine_headlines_card_dispose;
  object_class->finalize = vitrine_headlines_card_finalize;
  card_class->tick = vitrine_headlines_card_tick;
  card_class->add_status = vitrine_headlines_card_add_status;
}

static void
vitrine_headlines_card_init (VitrineHeadlinesCard *self)
{
  gtk_widget_set_name (GTK_WIDGET (self), "headlines");
  gtk_widget_add_css_class (GTK_WIDGET (self), "vitrine-headlines");
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, item_clear);
  build (self);
}

/* @settings: the widgets settings. */
GtkWidget *
vitrine_headlines_card_new (VitrineOverlayStyle *style,
                            GSettings           *settings)
{
  VitrineHeadlinesCard *self = g_object_new (VITRINE_TYPE_HEADLINES_CARD, NULL);
  g_autoptr(GDateTime) now = vitrine_overlay_now ();

  self->settings = g_object_ref (settings);
  vitrine_overlay_card_set_style (VITRINE_OVERLAY_CARD (self), style);
  g_signal_connect_object (settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  update (self, now);
  return GTK_WIDGET (self);
}
