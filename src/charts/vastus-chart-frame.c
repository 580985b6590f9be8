/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vastus-chart-frame-private.h"

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

void
_vastus_chart_set_line (cairo_t         *cr,
                        VastusChartLine  line,
                        double           width)
{
  double dash[4];

  cairo_set_line_width (cr, width);
  switch (line)
    {
    case VASTUS_CHART_LINE_DASHED:
      dash[0] = 3 * width + 2;
      dash[1] = 2 * width + 1;
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case VASTUS_CHART_LINE_DOTTED:
      /* Square dots: round caps draw the same at these sizes at a fraction of the cost (a
       * dotted line across the plot is a hundred caps to tessellate). */
      dash[0] = width;
      dash[1] = width + 1;
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case VASTUS_CHART_LINE_DASH_DOT:
      dash[0] = 3 * width + 2;
      dash[1] = width + 1.5;
      dash[2] = width;
      dash[3] = width + 1.5;
      cairo_set_dash (cr, dash, 4, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case VASTUS_CHART_LINE_SOLID:
    default:
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    }
}

void
_vastus_chart_marker_path (cairo_t           *cr,
                           VastusChartMarker  marker,
                           double             x,
                           double             y,
                           double             r)
{
  cairo_new_sub_path (cr);
  switch (marker)
    {
    case VASTUS_CHART_MARKER_SQUARE:
      cairo_rectangle (cr, x - 0.88 * r, y - 0.88 * r, 1.76 * r, 1.76 * r);
      break;
    case VASTUS_CHART_MARKER_DIAMOND:
      cairo_move_to (cr, x, y - 1.25 * r);
      cairo_line_to (cr, x + 1.25 * r, y);
      cairo_line_to (cr, x, y + 1.25 * r);
      cairo_line_to (cr, x - 1.25 * r, y);
      cairo_close_path (cr);
      break;
    case VASTUS_CHART_MARKER_TRIANGLE:
      cairo_move_to (cr, x, y - 1.3 * r);
      cairo_line_to (cr, x + 1.15 * r, y + 0.8 * r);
      cairo_line_to (cr, x - 1.15 * r, y + 0.8 * r);
      cairo_close_path (cr);
      break;
    case VASTUS_CHART_MARKER_CIRCLE:
    default:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_close_path (cr);
      break;
    }
}

void
_vastus_chart_marker (VastusChartCtx         *ctx,
                      VastusChartMarker       marker,
                      double                  x,
                      double                  y,
                      double                  r,
                      gboolean                hollow,
                      const VastusChartColor *color)
{
  cairo_t *cr = ctx->cr;
  double ring, inner;

  /* Fills only (strokes cost more): a hollow marker is the shape with a smaller one in the
   * background colour inside, so that a line through it does not show. */
  cairo_new_path (cr);
  _vastus_chart_marker_path (cr, marker, x, y, r);
  _vastus_chart_set_color (cr, color);
  cairo_fill (cr);
  if (!hollow)
    return;
  ring = MAX (1.5, r * 0.4);
  inner = r - ring * (marker == VASTUS_CHART_MARKER_TRIANGLE ? 1.7
                      : marker == VASTUS_CHART_MARKER_DIAMOND ? 1.25 : 1.0);
  if (inner <= 0.3)
    return;
  _vastus_chart_marker_path (cr, marker, x, y, inner);
  _vastus_chart_set_color (cr, &ctx->style->background);
  cairo_fill (cr);
}

double
_vastus_chart_marker_radius (VastusChartCtx *ctx)
{
  return round (ctx->font_px * (ctx->style->high_contrast ? 0.38 : 0.32) * 2) / 2;
}

/* A thick segment from (x0, y0) to (x1, y1) as a filled quadrilateral, @w wide, its ends
 * extended by half the width (like a square cap). */
static void
thick_segment (cairo_t *cr,
               double   x0,
               double   y0,
               double   x1,
               double   y1,
               double   w)
{
  double len = hypot (x1 - x0, y1 - y0);
  double ux = (x1 - x0) / len * w / 2, uy = (y1 - y0) / len * w / 2;

  cairo_move_to (cr, x0 - ux - uy, y0 - uy + ux);
  cairo_line_to (cr, x1 + ux - uy, y1 + uy + ux);
  cairo_line_to (cr, x1 + ux + uy, y1 + uy - ux);
  cairo_line_to (cr, x0 - ux + uy, y0 - uy - ux);
  cairo_close_path (cr);
}

/* Filled outlines, not strokes: a chart of criteria has hundreds of symbols, and filling is
 * several times cheaper than stroking with round caps. */
void
_vastus_chart_status_path (cairo_t           *cr,
                           VastusChartStatus  status,
                           double             x,
                           double             y,
                           double             r)
{
  double w;

  switch (status)
    {
    case VASTUS_CHART_STATUS_MET:
      w = MAX (1.5, r * 0.38);
      thick_segment (cr, x - 0.85 * r, y + 0.05 * r, x - 0.25 * r, y + 0.7 * r, w);
      thick_segment (cr, x - 0.25 * r, y + 0.7 * r, x + 0.9 * r, y - 0.75 * r, w);
      break;
    case VASTUS_CHART_STATUS_NOT_MET:
      w = MAX (1.5, r * 0.34);
      thick_segment (cr, x - 0.7 * r, y - 0.7 * r, x + 0.7 * r, y + 0.7 * r, w);
      thick_segment (cr, x + 0.7 * r, y - 0.7 * r, x - 0.7 * r, y + 0.7 * r, w);
      break;
    case VASTUS_CHART_STATUS_NOT_TESTED:
      /* A ring: the outer circle clockwise, the inner one the other way round. */
      w = MAX (1.0, r * 0.18);
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 0.6 * r + w / 2, 0, 2 * G_PI);
      cairo_close_path (cr);
      cairo_new_sub_path (cr);
      cairo_arc_negative (cr, x, y, MAX (0, 0.6 * r - w / 2), 2 * G_PI, 0);
      cairo_close_path (cr);
      break;
    case VASTUS_CHART_STATUS_NONE:
    default:
      break;
    }
}

void
_vastus_chart_status_color (VastusChartCtx    *ctx,
                            VastusChartStatus  status)
{
  _vastus_chart_set_color (ctx->cr, status == VASTUS_CHART_STATUS_MET ? &ctx->style->met
                                    : status == VASTUS_CHART_STATUS_NOT_MET ? &ctx->style->not_met
                                    : &ctx->style->not_tested);
}

void
_vastus_chart_status_symbol (VastusChartCtx    *ctx,
                             VastusChartStatus  status,
                             double             x,
                             double             y,
                             double             r)
{
  if (status == VASTUS_CHART_STATUS_NONE)
    return;
  cairo_new_path (ctx->cr);
  _vastus_chart_status_path (ctx->cr, status, x, y, r);
  _vastus_chart_status_color (ctx, status);
  cairo_fill (ctx->cr);
}

static double
legend_swatch_width (VastusChartCtx              *ctx,
                     const VastusChartLegendItem *item)
{
  if (item->status != VASTUS_CHART_STATUS_NONE)
    return ctx->font_px;
  return item->no_line ? 2.6 * _vastus_chart_marker_radius (ctx) + 2 : ctx->font_px * 1.8;
}

static void
legend_swatch (VastusChartCtx              *ctx,
               const VastusChartLegendItem *item,
               double                       x,
               double                       y,
               double                       w)
{
  cairo_t *cr = ctx->cr;
  double r = _vastus_chart_marker_radius (ctx);

  if (item->status != VASTUS_CHART_STATUS_NONE)
    {
      _vastus_chart_status_symbol (ctx, item->status, x + w / 2, y, ctx->font_px * 0.45);
      return;
    }
  if (item->area)
    {
      VastusChartColor c = item->color != NULL ? *item->color : ctx->style->met_area;

      c.alpha = MIN (1, c.alpha * 2.5);
      _vastus_chart_set_color (cr, &c);
      cairo_rectangle (cr, x, y - ctx->line_h * 0.3, w, ctx->line_h * 0.6);
      cairo_fill (cr);
      return;
    }
  if (!item->no_line)
    {
      _vastus_chart_set_color (cr, item->color);
      _vastus_chart_set_line (cr, item->line, ctx->style->line_width);
      cairo_move_to (cr, x, round (y) + 0.0);
      cairo_line_to (cr, x + w, round (y));
      cairo_stroke (cr);
      _vastus_chart_set_line (cr, VASTUS_CHART_LINE_SOLID, 1);
    }
  if (!item->no_marker)
    _vastus_chart_marker (ctx, item->marker, x + w / 2, y, r, item->hollow, item->color);
}

double
_vastus_chart_header (VastusChartCtx              *ctx,
                      const char                  *title,
                      const VastusChartLegendItem *items,
                      guint                        n_items,
                      double                       top)
{
  double avail = ctx->width - 2 * ctx->pad;
  double right = ctx->pad + avail;
  double x, y, row_h, gap = ctx->font_px * 0.4, spacing = ctx->font_px * 1.2;
  gboolean any = FALSE;

  /* Nothing is cut off: a title or a label too long for the width wraps. */
  if (title != NULL && *title != '\0')
    {
      _vastus_chart_set_font (ctx, round (ctx->font_px * 1.08), TRUE);
      top += _vastus_chart_text_wrapped (ctx, title, ctx->pad, top, avail, &ctx->style->foreground);
      top += ctx->pad * 0.5;
      _vastus_chart_set_font (ctx, ctx->font_px, FALSE);
    }

  if (n_items == 0)
    return top;

  ctx->out->legend.x = ctx->pad;
  ctx->out->legend.y = top;
  x = ctx->pad;
  y = top;
  row_h = ctx->line_h;
  for (guint i = 0; i < n_items; i++)
    {
      const VastusChartLegendItem *item = &items[i];
      double sw = legend_swatch_width (ctx, item);
      double tw = _vastus_chart_text_width (ctx, item->label);
      double iw = sw + gap + tw, h = ctx->line_h;

      if (any && x + iw > right)
        {
          x = ctx->pad;
          y += row_h;
          row_h = ctx->line_h;
        }
      legend_swatch (ctx, item, x, y + ctx->line_h / 2, sw);
      if (x + iw <= right)
        _vastus_chart_text (ctx, item->label, x + sw + gap, y, 0, 0, 0, &ctx->style->foreground);
      else
        {
          /* Alone on its row and still too wide. */
          h = _vastus_chart_text_wrapped (ctx, item->label, x + sw + gap, y,
                                          right - (x + sw + gap), &ctx->style->foreground);
          iw = avail;
        }
      row_h = MAX (row_h, h);
      x += iw + spacing;
      any = TRUE;
    }
  y += row_h;
  ctx->out->legend.width = avail;
  ctx->out->legend.height = y - top;
  return y + ctx->pad * 0.5;
}

static double
measure_cb (const char *text,
            gpointer    user_data)
{
  return _vastus_chart_text_width (user_data, text);
}

void
_vastus_chart_time_ticks (VastusChartCtx            *ctx,
                          const VastusChartTimeline *timeline,
                          const VastusChartRect     *plot)
{
  VastusChartLayout *l = ctx->out;

  l->n_x_ticks = vastus_chart_time_ticks (l->x_min, l->x_max, timeline->index_date,
                                          plot->x, plot->width,
                                          ctx->pad * 0.5, ctx->width - ctx->pad * 0.5,
                                          ctx->font_px * 0.9, ctx->font_px * 5,
                                          measure_cb, ctx,
                                          l->x_ticks, VASTUS_CHART_MAX_TICKS, NULL);
}

void
_vastus_chart_time_grid (VastusChartCtx *ctx,
                         double          top,
                         double          bottom)
{
  cairo_t *cr = ctx->cr;

  cairo_new_path (cr);
  for (guint i = 0; i < ctx->out->n_x_ticks; i++)
    {
      double x = round (ctx->out->x_ticks[i].pos) + 0.5;

      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, bottom);
    }
  _vastus_chart_set_color (cr, &ctx->style->grid);
  _vastus_chart_set_line (cr, VASTUS_CHART_LINE_SOLID, 1);
  cairo_stroke (cr);
}

void
_vastus_chart_time_labels (VastusChartCtx *ctx,
                           double          y)
{
  for (guint i = 0; i < ctx->out->n_x_ticks; i++)
    _vastus_chart_text (ctx, ctx->out->x_ticks[i].label, ctx->out->x_ticks[i].pos, y, 0.5, 0, 0,
                        &ctx->style->dim);
}

void
_vastus_chart_index_line (VastusChartCtx            *ctx,
                          const VastusChartTimeline *timeline,
                          double                     top,
                          double                     bottom)
{
  cairo_t *cr = ctx->cr;
  const VastusChartLayout *l = ctx->out;
  double x;

  if (timeline->index_date == 0 || timeline->index_date < l->x_min || timeline->index_date > l->x_max)
    return;

  x = round (_vastus_chart_map_x (l, timeline->index_date)) + 0.5;
  _vastus_chart_set_color (cr, &ctx->style->index_line);
  _vastus_chart_set_line (cr, VASTUS_CHART_LINE_SOLID, ctx->style->high_contrast ? 2 : 1.5);
  cairo_move_to (cr, x, top);
  cairo_line_to (cr, x, bottom);
  cairo_stroke (cr);
}

/* A label's background patch, so that it reads over grid lines and shading. */
static void
label_patch (VastusChartCtx        *ctx,
             const VastusChartRect *r)
{
  VastusChartColor bg = ctx->style->background;

  if (!ctx->style->fill_background)
    return;
  bg.alpha = 0.85;
  _vastus_chart_set_color (ctx->cr, &bg);
  cairo_rectangle (ctx->cr, r->x - 1, r->y, r->width + 2, r->height);
  cairo_fill (ctx->cr);
}

void
_vastus_chart_index_label (VastusChartCtx            *ctx,
                           const VastusChartTimeline *timeline,
                           double                     top,
                           double                     bottom)
{
  const VastusChartLayout *l = ctx->out;
  VastusChartRect candidates[4];
  double x, w, h;
  guint n = 0, best;

  if (timeline->index_date == 0 || timeline->index_date < l->x_min || timeline->index_date > l->x_max
      || timeline->index_label == NULL || bottom - top < 8 * ctx->line_h)
    return;

  x = round (_vastus_chart_map_x (l, timeline->index_date)) + 0.5;
  _vastus_chart_set_font (ctx, MAX (8, ctx->font_px - 2), FALSE);
  w = _vastus_chart_text_width (ctx, timeline->index_label);
  h = ctx->line_h;
  /* Beside the line at the top, right then left, then at the bottom; inside the plot. */
  if (x + 3 + w <= l->plot.x + l->plot.width)
    {
      candidates[n++] = (VastusChartRect) { x + 3, top + 1, w, h };
      candidates[n++] = (VastusChartRect) { x + 3, bottom - 1 - h, w, h };
    }
  if (x - 3 - w >= l->plot.x)
    {
      candidates[n++] = (VastusChartRect) { x - 3 - w, top + 1, w, h };
      candidates[n++] = (VastusChartRect) { x - 3 - w, bottom - 1 - h, w, h };
    }
  if (n > 0)
    {
      best = _vastus_chart_place_label (ctx, candidates, n);
      label_patch (ctx, &candidates[best]);
      _vastus_chart_text (ctx, timeline->index_label, candidates[best].x, candidates[best].y, 0, 0,
                          0, &ctx->style->index_line);
    }
  _vastus_chart_set_font (ctx, ctx->font_px, FALSE);
}

double
_vastus_chart_value_ticks (VastusChartCtx *ctx,
                           double          lo,
                           double          hi,
                           double          height)
{
  VastusChartLayout *l = ctx->out;
  guint max_ticks = (guint) MAX (2, floor (height / (ctx->line_h * 1.6)) + 1);
  double step, widest = 0;

  max_ticks = MIN (max_ticks, 11);
  step = vastus_chart_nice_range (lo, hi, max_ticks, &l->y_min, &l->y_max);
  l->n_y_ticks = vastus_chart_value_ticks (l->y_min, l->y_max, step, l->y_ticks,
                                           VASTUS_CHART_MAX_TICKS);
  for (guint i = 0; i < l->n_y_ticks; i++)
    widest = MAX (widest, _vastus_chart_text_width (ctx, l->y_ticks[i].label));
  return widest;
}

void
_vastus_chart_value_grid (VastusChartCtx        *ctx,
                          const VastusChartRect *plot)
{
  cairo_t *cr = ctx->cr;
  VastusChartLayout *l = ctx->out;

  cairo_new_path (cr);
  for (guint i = 0; i < l->n_y_ticks; i++)
    {
      double y = plot->y + plot->height
                 - (l->y_ticks[i].value - l->y_min) / (l->y_max - l->y_min) * plot->height;

      l->y_ticks[i].pos = y;
      cairo_move_to (cr, plot->x, round (y) + 0.5);
      cairo_line_to (cr, plot->x + plot->width, round (y) + 0.5);
    }
  _vastus_chart_set_color (cr, &ctx->style->grid);
  _vastus_chart_set_line (cr, VASTUS_CHART_LINE_SOLID, 1);
  cairo_stroke (cr);
}

void
_vastus_chart_value_labels (VastusChartCtx        *ctx,
                            const VastusChartRect *plot)
{
  VastusChartLayout *l = ctx->out;

  for (guint i = 0; i < l->n_y_ticks; i++)
    _vastus_chart_text (ctx, l->y_ticks[i].label, plot->x - ctx->pad * 0.6, l->y_ticks[i].pos,
                        1, 0.5, 0, &ctx->style->dim);
}

void
_vastus_chart_clip_plot (VastusChartCtx *ctx)
{
  const VastusChartRect *p = &ctx->out->plot;
  double m = _vastus_chart_marker_radius (ctx) * 1.5 + 2;

  cairo_rectangle (ctx->cr, p->x - m, p->y - m, p->width + 2 * m, p->height + 2 * m);
  cairo_clip (ctx->cr);
}

/* (series, y) pairs: by y, or by series. */
static int
cmp_marker_y (gconstpointer a,
              gconstpointer b)
{
  const double *p = a, *q = b;

  return p[1] < q[1] ? -1 : p[1] > q[1] ? 1 : (p[0] > q[0]) - (p[0] < q[0]);
}

static int
cmp_marker_series (gconstpointer a,
                   gconstpointer b)
{
  const double *p = a, *q = b;

  return (p[0] > q[0]) - (p[0] < q[0]);
}

double *
_vastus_chart_dodge (VastusChartCtx                  *ctx,
                     const VastusChartTimeline       *timeline,
                     const VastusChartSeries * const *series,
                     guint                            n_series)
{
  const VastusChartLayout *l = ctx->out;
  guint n = timeline->n_visits;
  double *dx = g_new0 (double, (gsize) n_series * n);
  double r = _vastus_chart_marker_radius (ctx), near = 1.6 * r;
  g_autofree double *at = g_new (double, 2 * n_series);   /* (series, y) pairs */

  for (guint i = 0; i < n; i++)
    {
      double x = _vastus_chart_map_x (l, timeline->dates[i]);
      double room = G_MAXDOUBLE;
      guint m = 0, start;

      /* Half the distance to the neighbouring visits on screen, less a marker. */
      if (i > 0)
        room = MIN (room, (x - _vastus_chart_map_x (l, timeline->dates[i - 1])) / 2 - r);
      if (i + 1 < n)
        room = MIN (room, (_vastus_chart_map_x (l, timeline->dates[i + 1]) - x) / 2 - r);
      for (guint s = 0; s < n_series; s++)
        if (series[s] != NULL && i < series[s]->n_values && isfinite (series[s]->values[i]))
          {
            at[2 * m] = s;
            at[2 * m + 1] = _vastus_chart_map_y (l, series[s]->values[i]);
            m++;
          }
      qsort (at, m, 2 * sizeof (double), cmp_marker_y);
      /* Runs of markers each closer than a marker to the next one go side by side. */
      for (start = 0; start < m;)
        {
          guint end = start + 1, k;
          double step;

          while (end < m && at[2 * end + 1] - at[2 * (end - 1) + 1] < near)
            end++;
          k = end - start;
          step = MIN (2.2 * r, k > 1 ? 2 * room / (k - 1) : 0);
          if (k > 1 && step >= r)
            {
              /* Left to right in series order. */
              qsort (at + 2 * start, k, 2 * sizeof (double), cmp_marker_series);
              for (guint j = 0; j < k; j++)
                dx[(guint) at[2 * (start + j)] * n + i] = (j - (k - 1) / 2.0) * step;
            }
          start = end;
        }
    }
  return dx;
}

void
_vastus_chart_series (VastusChartCtx            *ctx,
                      const VastusChartTimeline *timeline,
                      const VastusChartSeries   *series,
                      const VastusChartColor    *color,
                      guint                      series_index,
                      const double              *dx)
{
  cairo_t *cr = ctx->cr;
  const VastusChartLayout *l = ctx->out;
  double r = _vastus_chart_marker_radius (ctx);
  gboolean pen_down = FALSE;
  guint n = MIN (series->n_values, timeline->n_visits);
  guint n_finite = 0;
  double px = 0, py = 0;

  for (guint i = 0; i < n; i++)
    n_finite += isfinite (series->values[i]);
  /* Crowded markers shrink rather than merge into a band. */
  if (n_finite > 1)
    r = MAX (1.5, MIN (r, 0.45 * l->plot.width / n_finite));

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      double v = series->values[i], x, y;

      /* Pre- and post-operative values are not joined: surgery is a break, not a trend. */
      if (!isfinite (v)
          || (i > 0 && timeline->index_date != 0
              && timeline->dates[i - 1] < timeline->index_date
              && timeline->dates[i] >= timeline->index_date))
        pen_down = FALSE;
      if (!isfinite (v))
        continue;
      x = _vastus_chart_map_x (l, timeline->dates[i]) + (dx != NULL ? dx[i] : 0);
      y = _vastus_chart_map_y (l, v);
      if (pen_down)
        {
          VastusChartSegment seg = { px, py, x, y };

          cairo_line_to (cr, x, y);
          g_array_append_val (ctx->segments, seg);
        }
      else
        cairo_move_to (cr, x, y);
      px = x, py = y;
      pen_down = TRUE;
    }
  _vastus_chart_set_color (cr, color);
  _vastus_chart_set_line (cr, series->line, ctx->style->line_width);
  cairo_stroke (cr);

  /* One small fill per marker: cheaper than one path of many overlapping shapes, which
   * cairo's tessellator handles in far more than linear time. */
  for (guint i = 0; i < n; i++)
    {
      double v = series->values[i];
      double x, y;
      VastusChartRect mark;

      if (!isfinite (v))
        continue;
      x = _vastus_chart_map_x (l, timeline->dates[i]) + (dx != NULL ? dx[i] : 0);
      y = _vastus_chart_map_y (l, v);
      _vastus_chart_marker (ctx, series->marker, x, y, r,
                            series->status[i] == VASTUS_CHART_STATUS_NOT_MET, color);
      mark = (VastusChartRect) { x - 1.3 * r, y - 1.3 * r, 2.6 * r, 2.6 * r };
      g_array_append_val (ctx->marks, mark);
      if (l->hits != NULL)
        {
          VastusChartHit hit = { x, y, i, series_index, v };
          g_array_append_val (l->hits, hit);
        }
    }
}

void
_vastus_chart_hline (VastusChartCtx         *ctx,
                     double                  value,
                     VastusChartLine         line,
                     double                  line_width,
                     const VastusChartColor *color,
                     const char             *label)
{
  cairo_t *cr = ctx->cr;
  const VastusChartRect *p = &ctx->out->plot;
  double y = _vastus_chart_map_y (ctx->out, value);
  double ys = fmod (line_width, 2) > 0.5 ? round (y - 0.5) + 0.5 : round (y);

  if (value < ctx->out->y_min || value > ctx->out->y_max)
    return;
  _vastus_chart_set_color (cr, color);
  _vastus_chart_set_line (cr, line, line_width);
  cairo_move_to (cr, p->x, ys);
  cairo_line_to (cr, p->x + p->width, ys);
  cairo_stroke (cr);
  _vastus_chart_set_line (cr, VASTUS_CHART_LINE_SOLID, 1);

  if (label != NULL)
    _vastus_chart_line_label (ctx, value, label, color);
}

static gboolean
rects_overlap (const VastusChartRect *a,
               const VastusChartRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
         && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Whether the segment crosses the rectangle (Liang–Barsky clipping). */
static gboolean
segment_crosses (const VastusChartSegment *s,
                 const VastusChartRect    *r)
{
  double t0 = 0, t1 = 1, dx = s->x1 - s->x0, dy = s->y1 - s->y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { s->x0 - r->x, r->x + r->width - s->x0, s->y0 - r->y, r->y + r->height - s->y0 };

  for (guint i = 0; i < 4; i++)
    {
      if (p[i] == 0)
        {
          if (q[i] < 0)
            return FALSE;
          continue;
        }
      if (p[i] < 0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
      if (t0 > t1)
        return FALSE;
    }
  return TRUE;
}

guint
_vastus_chart_place_label (VastusChartCtx        *ctx,
                           const VastusChartRect *candidates,
                           guint                  n)
{
  VastusChartLayout *l = ctx->out;
  guint best = 0, best_score = G_MAXUINT;

  g_return_val_if_fail (n > 0, 0);

  for (guint c = 0; c < n && best_score > 0; c++)
    {
      const VastusChartRect *r = &candidates[c];
      guint score = 0;

      /* Another label hides text; a marker hides a value; a line only passes behind. */
      for (guint i = 0; i < l->n_labels; i++)
        score += rects_overlap (r, &l->labels[i]) ? 100 : 0;
      for (guint i = 0; i < ctx->marks->len; i++)
        score += rects_overlap (r, &g_array_index (ctx->marks, VastusChartRect, i)) ? 10 : 0;
      for (guint i = 0; i < ctx->segments->len; i++)
        score += segment_crosses (&g_array_index (ctx->segments, VastusChartSegment, i), r) ? 3 : 0;
      if (score < best_score)
        best = c, best_score = score;
    }
  if (l->n_labels < VASTUS_CHART_MAX_LABELS)
    l->labels[l->n_labels++] = candidates[best];
  return best;
}

void
_vastus_chart_line_label (VastusChartCtx         *ctx,
                          double                  value,
                          const char             *label,
                          const VastusChartColor *color)
{
  const VastusChartRect *p = &ctx->out->plot;
  double y = round (_vastus_chart_map_y (ctx->out, value)), w, h, above, below;
  VastusChartRect candidates[18];
  guint n = 0, best;
  static const double along[] = { 1, 0, 0.5, 0.75, 0.25, 0.875, 0.125, 0.625, 0.375 };

  if (label == NULL || value < ctx->out->y_min || value > ctx->out->y_max)
    return;
  _vastus_chart_set_font (ctx, MAX (8, ctx->font_px - 2), FALSE);
  w = MIN (_vastus_chart_text_width (ctx, label), p->width - 4);
  h = ctx->line_h;
  above = y - 2 - h;
  below = y + 3;
  /* Above, then below the line, at its right end first (where the latest visits are
   * compared with it), then its left end, then along it. */
  for (guint i = 0; i < G_N_ELEMENTS (along); i++)
    {
      double x = p->x + 2 + along[i] * (p->width - 4 - w);

      if (above >= p->y)
        candidates[n++] = (VastusChartRect) { x, above, w, h };
      if (below + h <= p->y + p->height)
        candidates[n++] = (VastusChartRect) { x, below, w, h };
    }
  if (n == 0)
    candidates[n++] = (VastusChartRect) { p->x + p->width - 2 - w, above, w, h };
  best = _vastus_chart_place_label (ctx, candidates, n);
  label_patch (ctx, &candidates[best]);
  _vastus_chart_text (ctx, label, candidates[best].x, candidates[best].y, 0, 0, p->width - 4,
                      color);
  _vastus_chart_set_font (ctx, ctx->font_px, FALSE);
}
