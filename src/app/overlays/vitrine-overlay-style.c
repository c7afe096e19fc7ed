/* vitrine-overlay-style.c: the cards' shared look (see the header).
 *
 * Copyright 2026 Vitrine developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vitrine-enums.h"
#include "vitrine-overlay-style.h"

struct _VitrineOverlayStyle
{
  GObject           parent_instance;

  GSettings        *widgets;
  GSettings        *accessibility;
  GtkCssProvider   *provider;
  VitrineCardStyle  style;
};

G_DEFINE_FINAL_TYPE (VitrineOverlayStyle, vitrine_overlay_style, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const VitrineCardStyle *
vitrine_overlay_style_get (VitrineOverlayStyle *self)
{
  g_return_val_if_fail (VITRINE_IS_OVERLAY_STYLE (self), NULL);

  return &self->style;
}

static void
parse_color (GSettings  *settings,
             const char *key,
             const char *fallback,
             GdkRGBA    *color)
{
  g_autofree char *text = g_settings_get_string (settings, key);

  if (!gdk_rgba_parse (color, text))
    gdk_rgba_parse (color, fallback);
}

static void
load_frame (VitrineOverlayStyle *self)
{
  VitrineCardStyle *s = &self->style;
  VitrineCardShadow shadow = g_settings_get_enum (self->widgets, "card-shadow");
  gboolean contrast = g_settings_get_boolean (self->accessibility, "high-contrast");
  double opacity = g_settings_get_double (self->widgets, "card-opacity");

  parse_color (self->widgets, "card-color", "#10141a", &s->background);
  parse_color (self->widgets, "card-border-color", "rgba(255,255,255,0.12)", &s->border);
  parse_color (self->widgets, "text-color", "#ffffff", &s->text);
  /* Reduce transparency: the photo barely shows through, so the text always reads. */
  if (g_settings_get_boolean (self->accessibility, "reduce-transparency"))
    opacity = MAX (opacity, 0.92);
  s->background.alpha *= (float) opacity;
  s->border_width = g_settings_get_uint (self->widgets, "card-border-width");
  s->radius = g_settings_get_uint (self->widgets, "card-radius");
  if (contrast)
    {
      s->background = (GdkRGBA) { 0, 0, 0, 1 };
      s->border = (GdkRGBA) { 1, 1, 1, 1 };
      s->text = (GdkRGBA) { 1, 1, 1, 1 };
      s->border_width = MAX (s->border_width, 2);
    }

  s->shadow_blur = s->shadow_dx = s->shadow_dy = s->shadow_alpha = s->text_shadow_alpha = 0;
  if (shadow != VITRINE_CARD_SHADOW_NONE)
    {
      gboolean intense = shadow == VITRINE_CARD_SHADOW_INTENSE;

      s->shadow_blur = VITRINE_CARD_SHADOW_BLUR * (intense ? 2.0 : 1.0);
      s->shadow_dx = s->shadow_dy = VITRINE_CARD_SHADOW_OFFSET * (intense ? 1.5 : 1.0);
      s->shadow_alpha = MIN (VITRINE_CARD_SHADOW_FRAME_ALPHA * (intense ? 1.8 : 1.0), 1.0);
      s->text_shadow_alpha = MIN (VITRINE_CARD_SHADOW_TEXT_ALPHA * (intense ? 1.8 : 1.0), 1.0);
    }
  s->text_scale = g_settings_get_double (self->accessibility, "text-scale");
  s->fade_duration = g_settings_get_boolean (self->accessibility, "reduce-motion")
                       ? 0 : g_settings_get_double (self->widgets, "fade-duration");
}

/* The text part: one rule set, rewritten on every change (a few hundred bytes). */
static char *
build_css (VitrineOverlayStyle *self)
{
  const VitrineCardStyle *s = &self->style;
  g_autofree char *font = g_settings_get_string (self->widgets, "card-font");
  g_autofree char *color = gdk_rgba_to_string (&s->text);
  g_autofree char *family = NULL;
  GString *css = g_string_new (NULL);
  double k = s->text_scale;
  char shadow[96] = "none";

  if (*font != '\0')
    {
      g_autoptr(GString) quoted = g_string_new (font);

      /* A family name in CSS quotes; a quote or backslash in it would end the rule. */
      g_string_replace (quoted, "\\", "", 0);
      g_string_replace (quoted, "\"", "", 0);
      g_string_replace (quoted, "\n", "", 0);
      family = g_strdup_printf ("font-family: \"%s\";", quoted->str);
    }
  /* Without blur: a blurred text shadow is an offscreen pass per label on every frame GTK
   * draws (every frame of a transition), which doubled the cards' cost on llvmpipe; a
   * sharp 1 px shadow at the same opacity reads as well. */
  if (s->text_shadow_alpha > 0)
    g_snprintf (shadow, sizeof shadow, "%.1fpx %.1fpx rgba(0,0,0,%.3f)",
                s->shadow_dx / 4.0, s->shadow_dy / 4.0, s->text_shadow_alpha);

  g_string_append_printf (css,
    ".vitrine-card { color: %s; %s text-shadow: %s; -gtk-icon-shadow: %s; font-size: %.1fpx; }\n",
    color, family != NULL ? family : "", shadow, shadow, 16 * k);
  g_string_append_printf (css,
    ".vitrine-card .time { font-size: %.1fpx; font-weight: 300; font-feature-settings: \"tnum\"; }\n"
    ".vitrine-card .time-small { font-size: %.1fpx; font-weight: 400; font-feature-settings: \"tnum\"; }\n"
    ".vitrine-card .zone { font-size: %.1fpx; font-weight: 600; opacity: 0.7; }\n"
    ".vitrine-card .caption { font-size: %.1fpx; font-weight: 700; letter-spacing: 1px; opacity: 0.75; }\n"
    ".vitrine-card .date { font-size: %.1fpx; opacity: 0.85; }\n"
    ".vitrine-card .title { font-size: %.1fpx; font-weight: 700; }\n"
    ".vitrine-card .subtitle { font-size: %.1fpx; opacity: 0.85; }\n"
    ".vitrine-card .headline { font-size: %.1fpx; font-weight: 600; }\n"
    ".vitrine-card .detail { font-size: %.1fpx; opacity: 0.65; font-feature-settings: \"tnum\"; }\n",
    64 * k, 30 * k, 18 * k, 13 * k, 17 * k, 20 * k, 16 * k, 16 * k, 13 * k);
  g_string_append_printf (css,
    ".vitrine-card button { background: none; border: none; box-shadow: none; color: inherit;"
    " min-width: %.0fpx; min-height: %.0fpx; padding: 4px; border-radius: 999px; }\n"
    ".vitrine-card button:hover { background: alpha(%s, 0.16); }\n"
    ".vitrine-card button:active { background: alpha(%s, 0.28); }\n"
    ".vitrine-card progressbar trough { min-height: 4px; min-width: 0; margin: 0; border-radius: 2px; background: alpha(%s, 0.22); border: none; box-shadow: none; }\n"
    ".vitrine-card progressbar progress { min-height: 4px; min-width: 0; margin: 0; border-radius: 2px; background: %s; border: none; box-shadow: none; }\n"
    ".vitrine-card .art { border-radius: %.0fpx; }\n",
    34 * k, 34 * k, color, color, color, color, MAX (s->radius - 4, 2));
  return g_string_free (css, FALSE);
}

static void
reload (VitrineOverlayStyle *self)
{
  g_autofree char *css = NULL;

  load_frame (self);
  css = build_css (self);
  gtk_css_provider_load_from_data (self->provider, css, -1);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
settings_changed_cb (VitrineOverlayStyle *self,
                     const char          *key,
                     GSettings           *settings)
{
  static const char *const keys[] = { "card-color", "card-opacity", "card-radius", "card-border-color",
                                      "card-border-width", "card-font", "text-color", "card-shadow",
                                      "fade-duration", "high-contrast", "reduce-transparency",
                                      "text-scale", "reduce-motion", NULL };

  if (g_strv_contains (keys, key))
    reload (self);
}

static void
vitrine_overlay_style_dispose (GObject *object)
{
  VitrineOverlayStyle *self = VITRINE_OVERLAY_STYLE (object);
  GdkDisplay *display = gdk_display_get_default ();

  if (self->provider != NULL && display != NULL)
    gtk_style_context_remove_provider_for_display (display, GTK_STYLE_PROVIDER (self->provider));
  g_clear_object (&self->provider);
  g_clear_object (&self->widgets);
  g_clear_object (&self->accessibility);

  G_OBJECT_CLASS (vitrine_overlay_style_parent_class)->dispose (object);
}

static void
vitrine_overlay_style_class_init (VitrineOverlayStyleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vitrine_overlay_style_dispose;

  /**
   * VitrineOverlayStyle::changed:
   *
   * The look changed: cards redraw their frames (the CSS part applies on its own).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vitrine_overlay_style_init (VitrineOverlayStyle *self)
{
}

/* @settings is the application's root settings. */
VitrineOverlayStyle *
vitrine_overlay_style_new (GSettings *settings)
{
  VitrineOverlayStyle *self = g_object_new (VITRINE_TYPE_OVERLAY_STYLE, NULL);
  GdkDisplay *display = gdk_display_get_default ();

  self->widgets = g_settings_get_child (settings, "widgets");
  self->accessibility = g_settings_get_child (settings, "accessibility");
  self->provider = gtk_css_provider_new ();
  if (display != NULL)
    gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (self->provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  g_signal_connect_object (self->widgets, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->accessibility, "changed", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  return self;
}
