/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vastus-chart-frame-private.h"

/* The charts' text: laid-out labels kept between renders, fonts and colours, the empty chart. */

/* Laid-out text, kept between renders: shaping labels costs more than drawing the rest. A
 * cache belongs to one PangoContext: the charts' own, one per thread (Pango objects are not
 * thread-safe), which pango_cairo_update_context () brings in line with each cairo_t; or a
 * widget's (VastusChartStyle.context), which GTK keeps in line with the desktop's font
 * settings. A layout whose context changed lays itself out again when used. */
#define TEXT_CACHE_MAX 512
#define TEXT_CACHE_KEY "vastus-chart-text-cache"

typedef struct _VastusChartTextCache
{
  PangoContext         *context;   /* owned only for the charts' own */
  gboolean              own;
  GHashTable           *layouts;   /* "family|size|weight|mode|width|text" → PangoLayout */
  cairo_font_options_t *options;   /* what an own context was last updated for */
  cairo_matrix_t        matrix;
} TextCache;

static void
text_cache_free (gpointer data)
{
  TextCache *cache = data;

  g_clear_pointer (&cache->options, cairo_font_options_destroy);
  g_hash_table_unref (cache->layouts);
  if (cache->own)
    g_object_unref (cache->context);
  g_free (cache);
}

static GPrivate text_cache_key = G_PRIVATE_INIT (text_cache_free);

static TextCache *
text_cache_new (PangoContext *context,
                gboolean      own)
{
  TextCache *cache = g_new0 (TextCache, 1);

  cache->context = context;
  cache->own = own;
  cache->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  return cache;
}

static TextCache *
text_cache_get (PangoContext *context)
{
  TextCache *cache;

  if (context != NULL)
    {
      cache = g_object_get_data (G_OBJECT (context), TEXT_CACHE_KEY);
      if (cache == NULL)
        {
          cache = text_cache_new (context, FALSE);
          g_object_set_data_full (G_OBJECT (context), TEXT_CACHE_KEY, cache, text_cache_free);
        }
      return cache;
    }
  cache = g_private_get (&text_cache_key);
  if (cache == NULL)
    {
      cache = text_cache_new (pango_font_map_create_context (pango_cairo_font_map_get_default ()),
                              TRUE);
      g_private_set (&text_cache_key, cache);
    }
  return cache;
}

void
vastus_chart_style_release_context (PangoContext *context)
{
  g_return_if_fail (PANGO_IS_CONTEXT (context));

  g_object_set_data (G_OBJECT (context), TEXT_CACHE_KEY, NULL);
}

/* pango_cairo_update_context () marks the context changed on every call, and with it every
 * layout: call it only when @cr's font options or scale differ from the last time. */
static void
text_cache_update (TextCache *cache,
                   cairo_t   *cr)
{
  cairo_font_options_t *options;
  cairo_font_options_t *set;
  cairo_matrix_t m;

  if (!cache->own)
    return;
  options = cairo_font_options_create ();
  set = cairo_font_options_create ();
  cairo_surface_get_font_options (cairo_get_target (cr), options);
  cairo_get_font_options (cr, set);
  cairo_font_options_merge (options, set);
  cairo_font_options_destroy (set);
  cairo_get_matrix (cr, &m);
  if (cache->options != NULL && cairo_font_options_equal (options, cache->options)
      && m.xx == cache->matrix.xx && m.yx == cache->matrix.yx
      && m.xy == cache->matrix.xy && m.yy == cache->matrix.yy)
    {
      cairo_font_options_destroy (options);
      return;
    }
  g_clear_pointer (&cache->options, cairo_font_options_destroy);
  cache->options = options;
  cache->matrix = m;
  pango_cairo_update_context (cr, cache->context);
}

/* A layout of @text in the current font: at most @width wide when > 0, ellipsized or (@wrap)
 * wrapped. */
static PangoLayout *
cached_layout (VastusChartCtx *ctx,
               const char     *text,
               double          width,
               gboolean        wrap)
{
  TextCache *cache = ctx->cache;
  int limit = width > 0 ? (int) (width * PANGO_SCALE) : -1;
  g_autofree char *key = g_strdup_printf ("%s|%d|%d|%c|%d|%s",
                                          pango_font_description_get_family (ctx->font),
                                          pango_font_description_get_size (ctx->font),
                                          (int) pango_font_description_get_weight (ctx->font),
                                          wrap ? 'w' : 'e', limit, text);
  PangoLayout *layout = g_hash_table_lookup (cache->layouts, key);

  if (layout != NULL)
    return layout;
  if (g_hash_table_size (cache->layouts) >= TEXT_CACHE_MAX)
    g_hash_table_remove_all (cache->layouts);
  layout = pango_layout_new (cache->context);
  pango_layout_set_font_description (layout, ctx->font);
  pango_layout_set_text (layout, text, -1);
  if (limit > 0)
    {
      pango_layout_set_width (layout, limit);
      if (wrap)
        pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      else
        pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  g_hash_table_insert (cache->layouts, g_steal_pointer (&key), layout);
  return layout;
}

void
_vastus_chart_begin (VastusChartCtx         *ctx,
                     const VastusChartStyle *style,
                     cairo_t                *cr,
                     double                  width,
                     double                  height,
                     VastusChartLayout      *layout)
{
  double scale, min_px;
  GArray *hits;

  memset (ctx, 0, sizeof *ctx);
  ctx->cr = cr;
  ctx->style = style;
  ctx->width = width;
  ctx->height = height;
  ctx->out = layout != NULL ? layout : &ctx->scratch;
  ctx->marks = g_array_new (FALSE, FALSE, sizeof (VastusChartRect));
  ctx->segments = g_array_new (FALSE, FALSE, sizeof (VastusChartSegment));

  hits = ctx->out->hits;
  memset (ctx->out, 0, sizeof *ctx->out);
  ctx->out->hits = hits;
  if (hits != NULL)
    g_array_set_size (hits, 0);

  /* Small charts get smaller text, down to a still readable 8 px; Large Text keeps at least
   * 70 % of its size. */
  scale = MIN (1.0, MIN (width / 480.0, height / 300.0));
  min_px = MIN (style->font_px, MAX (8.0, round (style->font_px * 0.7)));
  ctx->font_px = CLAMP (round (style->font_px * scale), min_px, style->font_px);
  ctx->out->font_px = ctx->font_px;
  ctx->pad = round (ctx->font_px * 0.6);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  if (style->fill_background)
    {
      _vastus_chart_set_color (cr, &style->background);
      cairo_paint (cr);
    }

  ctx->cache = text_cache_get (style->context);
  text_cache_update (ctx->cache, cr);
  ctx->layout = pango_layout_new (ctx->cache->context);
  ctx->font = pango_font_description_new ();
  pango_font_description_set_family (ctx->font, style->font_family);
  _vastus_chart_set_font (ctx, ctx->font_px, FALSE);
}

void
_vastus_chart_end (VastusChartCtx *ctx)
{
  g_clear_object (&ctx->layout);
  g_clear_pointer (&ctx->font, pango_font_description_free);
  g_clear_pointer (&ctx->marks, g_array_unref);
  g_clear_pointer (&ctx->segments, g_array_unref);
  cairo_restore (ctx->cr);
}

void
_vastus_chart_set_color (cairo_t                *cr,
                         const VastusChartColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

void
_vastus_chart_set_font (VastusChartCtx *ctx,
                        double          px,
                        gboolean        bold)
{
  int h;

  pango_font_description_set_absolute_size (ctx->font, px * PANGO_SCALE);
  pango_font_description_set_weight (ctx->font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (ctx->layout, ctx->font);
  pango_layout_get_pixel_size (cached_layout (ctx, "Ag", 0, FALSE), NULL, &h);
  ctx->line_h = h;
}

double
_vastus_chart_text_width (VastusChartCtx *ctx,
                          const char     *text)
{
  int w;

  pango_layout_get_pixel_size (cached_layout (ctx, text, 0, FALSE), &w, NULL);
  return w;
}

double
_vastus_chart_text (VastusChartCtx         *ctx,
                    const char             *text,
                    double                  x,
                    double                  y,
                    double                  xalign,
                    double                  yalign,
                    double                  max_width,
                    const VastusChartColor *color)
{
  PangoLayout *layout;
  int w, h;

  if (text == NULL || *text == '\0')
    return 0;
  layout = cached_layout (ctx, text, max_width, FALSE);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (max_width > 0)
    w = MIN (w, (int) max_width);
  _vastus_chart_set_color (ctx->cr, color);
  cairo_move_to (ctx->cr, round (x - xalign * w), round (y - yalign * h));
  pango_cairo_show_layout (ctx->cr, layout);
  return w;
}

double
_vastus_chart_text_wrapped (VastusChartCtx         *ctx,
                            const char             *text,
                            double                  x,
                            double                  y,
                            double                  width,
                            const VastusChartColor *color)
{
  PangoLayout *layout;
  int h;

  if (text == NULL || *text == '\0')
    return 0;
  layout = cached_layout (ctx, text, MAX (1, width), TRUE);
  pango_layout_get_pixel_size (layout, NULL, &h);
  _vastus_chart_set_color (ctx->cr, color);
  cairo_move_to (ctx->cr, round (x), round (y));
  pango_cairo_show_layout (ctx->cr, layout);
  return h;
}

void
_vastus_chart_empty (VastusChartCtx *ctx,
                     const char     *title,
                     const char     *message)
{
  double top = ctx->pad;
  int h;

  ctx->out->empty = TRUE;
  if (title != NULL)
    {
      _vastus_chart_set_font (ctx, ctx->font_px * 1.1, TRUE);
      _vastus_chart_text (ctx, title, ctx->pad, top, 0, 0, ctx->width - 2 * ctx->pad,
                          &ctx->style->foreground);
      top += ctx->line_h;
      _vastus_chart_set_font (ctx, ctx->font_px, FALSE);
    }

  pango_layout_set_text (ctx->layout, message, -1);
  pango_layout_set_width (ctx->layout, (int) (MAX (1, ctx->width - 2 * ctx->pad) * PANGO_SCALE));
  pango_layout_set_wrap (ctx->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (ctx->layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (ctx->layout, NULL, &h);
  _vastus_chart_set_color (ctx->cr, &ctx->style->dim);
  cairo_move_to (ctx->cr, ctx->pad, round (MAX (top, (ctx->height - h) / 2)));
  pango_cairo_show_layout (ctx->cr, ctx->layout);
  pango_layout_set_width (ctx->layout, -1);
  pango_layout_set_alignment (ctx->layout, PANGO_ALIGN_LEFT);
}
