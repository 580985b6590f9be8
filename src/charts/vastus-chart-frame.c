/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vastus-chart-frame-private.h"

/* Laid-out text, kept between renders: a chart widget is redrawn on every move of the pointer,
 * and shaping its labels cost more than drawing the rest. One cache per thread (Pango objects
 * are not thread-safe), on one PangoContext that pango_cairo_update_context () brings in line
 * with each cairo_t; a layout whose context changed lays itself out again when used. */
#define TEXT_CACHE_MAX 512

typedef struct
{
  PangoContext         *context;
  GHashTable           *layouts;   /* "family|size|weight|max width|text" → PangoLayout */
  cairo_font_options_t *options;   /* what the context was last updated for */
  cairo_matrix_t        matrix;
} TextCache;

static void
text_cache_free (gpointer data)
{
  TextCache *cache = data;

  g_clear_pointer (&cache->options, cairo_font_options_destroy);
  g_hash_table_unref (cache->layouts);
  g_object_unref (cache->context);
  g_free (cache);
}

static GPrivate text_cache_key = G_PRIVATE_INIT (text_cache_free);

static TextCache *
text_cache_get (void)
{
  TextCache *cache = g_private_get (&text_cache_key);

  if (cache == NULL)
    {
      cache = g_new0 (TextCache, 1);
      cache->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      cache->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_private_set (&text_cache_key, cache);
    }
  return cache;
}

/* pango_cairo_update_context () marks the context changed on every call, and with it every
 * layout: call it only when @cr's font options or scale differ from the last time. */
static void
text_cache_update (TextCache *cache,
                   cairo_t   *cr)
{
  cairo_font_options_t *options = cairo_font_options_create ();
  cairo_font_options_t *set = cairo_font_options_create ();
  cairo_matrix_t m;

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

/* A layout of @text in the current font, ellipsized at @max_width when > 0. */
static PangoLayout *
cached_layout (VastusChartCtx *ctx,
               const char     *text,
               double          max_width)
{
  TextCache *cache = text_cache_get ();
  int limit = max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1;
  g_autofree char *key = g_strdup_printf ("%s|%d|%d|%d|%s", ctx->style->font_family,
                                          pango_font_description_get_size (ctx->font),
                                          (int) pango_font_description_get_weight (ctx->font),
                                          limit, text);
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
  TextCache *cache;
  double scale;
  GArray *hits;

  memset (ctx, 0, sizeof *ctx);
  ctx->cr = cr;
  ctx->style = style;
  ctx->width = width;
  ctx->height = height;
  ctx->out = layout != NULL ? layout : &ctx->scratch;

  hits = ctx->out->hits;
  memset (ctx->out, 0, sizeof *ctx->out);
  ctx->out->hits = hits;
  if (hits != NULL)
    g_array_set_size (hits, 0);

  /* Small charts get smaller text, down to a still readable 8 px. */
  scale = MIN (1.0, MIN (width / 480.0, height / 300.0));
  ctx->font_px = CLAMP (round (style->font_px * scale), MIN (8.0, style->font_px), style->font_px);
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

  cache = text_cache_get ();
  text_cache_update (cache, cr);
  ctx->layout = pango_layout_new (cache->context);
  ctx->font = pango_font_description_new ();
  pango_font_description_set_family (ctx->font, style->font_family);
  _vastus_chart_set_font (ctx, ctx->font_px, FALSE);
}

void
_vastus_chart_end (VastusChartCtx *ctx)
{
  g_clear_object (&ctx->layout);
  g_clear_pointer (&ctx->font, pango_font_description_free);
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
  pango_layout_get_pixel_size (cached_layout (ctx, "Ag", 0), NULL, &h);
  ctx->line_h = h;
}

double
_vastus_chart_text_width (VastusChartCtx *ctx,
                          const char     *text)
{
  int w;

  pango_layout_get_pixel_size (cached_layout (ctx, text, 0), &w, NULL);
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
  layout = cached_layout (ctx, text, max_width);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (max_width > 0)
    w = MIN (w, (int) max_width);
  _vastus_chart_set_color (ctx->cr, color);
  cairo_move_to (ctx->cr, round (x - xalign * w), round (y - yalign * h));
  pango_cairo_show_layout (ctx->cr, layout);
  return w;
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
  double dash[2];

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
  return round (ctx->font_px * 0.32 * 2) / 2;
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
      VastusChartColor c = ctx->style->met_area;

      c.alpha = MIN (1, c.alpha * 2.5);
      _vastus_chart_set_color (cr, &c);
      cairo_rectangle (cr, x, y - ctx->line_h * 0.3, w, ctx->line_h * 0.6);
      cairo_fill (cr);
      return;
    }
  if (!item->no_line)
    {
      _vastus_chart_set_color (cr, item->color);
      _vastus_chart_set_line (cr, item->line, 2);
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
  double x, y, gap = ctx->font_px * 0.4, spacing = ctx->font_px * 1.2;
  gboolean any = FALSE;

  if (title != NULL && *title != '\0')
    {
      _vastus_chart_set_font (ctx, round (ctx->font_px * 1.08), TRUE);
      _vastus_chart_text (ctx, title, ctx->pad, top, 0, 0, avail, &ctx->style->foreground);
      top += ctx->line_h + ctx->pad * 0.5;
      _vastus_chart_set_font (ctx, ctx->font_px, FALSE);
    }

  if (n_items == 0)
    return top;

  ctx->out->legend.x = ctx->pad;
  ctx->out->legend.y = top;
  x = ctx->pad;
  y = top;
  for (guint i = 0; i < n_items; i++)
    {
      const VastusChartLegendItem *item = &items[i];
      double sw = legend_swatch_width (ctx, item);
      double tw = _vastus_chart_text_width (ctx, item->label);
      double iw = sw + gap + tw;

      if (any && x + iw > ctx->pad + avail)
        {
          x = ctx->pad;
          y += ctx->line_h;
        }
      legend_swatch (ctx, item, x, y + ctx->line_h / 2, sw);
      _vastus_chart_text (ctx, item->label, x + sw + gap, y, 0, 0,
                          MAX (1, ctx->pad + avail - (x + sw + gap)), &ctx->style->foreground);
      x += iw + spacing;
      any = TRUE;
    }
  y += ctx->line_h;
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
                          double                     bottom,
                          gboolean                   label_it)
{
  cairo_t *cr = ctx->cr;
  const VastusChartLayout *l = ctx->out;
  double x, w;

  if (timeline->index_date == 0 || timeline->index_date < l->x_min || timeline->index_date > l->x_max)
    return;

  x = round (_vastus_chart_map_x (l, timeline->index_date)) + 0.5;
  _vastus_chart_set_color (cr, &ctx->style->index_line);
  _vastus_chart_set_line (cr, VASTUS_CHART_LINE_SOLID, 1.5);
  cairo_move_to (cr, x, top);
  cairo_line_to (cr, x, bottom);
  cairo_stroke (cr);

  if (!label_it || timeline->index_label == NULL || bottom - top < 8 * ctx->line_h)
    return;
  _vastus_chart_set_font (ctx, MAX (8, ctx->font_px - 2), FALSE);
  w = _vastus_chart_text_width (ctx, timeline->index_label);
  if (x + 3 + w <= l->plot.x + l->plot.width)
    _vastus_chart_text (ctx, timeline->index_label, x + 3, top + 1, 0, 0, 0, &ctx->style->index_line);
  else
    _vastus_chart_text (ctx, timeline->index_label, x - 3, top + 1, 1, 0, x - 3 - ctx->pad,
                        &ctx->style->index_line);
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

void
_vastus_chart_series (VastusChartCtx            *ctx,
                      const VastusChartTimeline *timeline,
                      const VastusChartSeries   *series,
                      const VastusChartColor    *color,
                      guint                      series_index)
{
  cairo_t *cr = ctx->cr;
  const VastusChartLayout *l = ctx->out;
  double r = _vastus_chart_marker_radius (ctx);
  gboolean pen_down = FALSE;
  guint n = MIN (series->n_values, timeline->n_visits);
  guint n_finite = 0;

  for (guint i = 0; i < n; i++)
    n_finite += isfinite (series->values[i]);
  /* Crowded markers shrink rather than merge into a band. */
  if (n_finite > 1)
    r = MAX (1.5, MIN (r, 0.45 * l->plot.width / n_finite));

  cairo_new_path (cr);
  for (guint i = 0; i < n; i++)
    {
      double v = series->values[i];

      /* Pre- and post-operative values are not joined: surgery is a break, not a trend. */
      if (!isfinite (v)
          || (i > 0 && timeline->index_date != 0
              && timeline->dates[i - 1] < timeline->index_date
              && timeline->dates[i] >= timeline->index_date))
        pen_down = FALSE;
      if (!isfinite (v))
        continue;
      if (pen_down)
        cairo_line_to (cr, _vastus_chart_map_x (l, timeline->dates[i]), _vastus_chart_map_y (l, v));
      else
        cairo_move_to (cr, _vastus_chart_map_x (l, timeline->dates[i]), _vastus_chart_map_y (l, v));
      pen_down = TRUE;
    }
  _vastus_chart_set_color (cr, color);
  _vastus_chart_set_line (cr, series->line, 2);
  cairo_stroke (cr);

  /* One small fill per marker: cheaper than one path of many overlapping shapes, which
   * cairo's tessellator handles in far more than linear time. */
  for (guint i = 0; i < n; i++)
    {
      double v = series->values[i];
      double x, y;

      if (!isfinite (v))
        continue;
      x = _vastus_chart_map_x (l, timeline->dates[i]);
      y = _vastus_chart_map_y (l, v);
      _vastus_chart_marker (ctx, series->marker, x, y, r,
                            series->status[i] == VASTUS_CHART_STATUS_NOT_MET, color);
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

void
_vastus_chart_line_label (VastusChartCtx         *ctx,
                          double                  value,
                          const char             *label,
                          const VastusChartColor *color)
{
  const VastusChartRect *p = &ctx->out->plot;
  double y = round (_vastus_chart_map_y (ctx->out, value)) - 2, w;

  if (label == NULL || value < ctx->out->y_min || value > ctx->out->y_max)
    return;
  _vastus_chart_set_font (ctx, MAX (8, ctx->font_px - 2), FALSE);
  w = MIN (_vastus_chart_text_width (ctx, label), p->width - 4);
  if (ctx->style->fill_background)
    {
      VastusChartColor bg = ctx->style->background;

      bg.alpha = 0.85;
      _vastus_chart_set_color (ctx->cr, &bg);
      cairo_rectangle (ctx->cr, p->x + p->width - 4 - w, y - ctx->line_h + 1, w + 4, ctx->line_h - 1);
      cairo_fill (ctx->cr);
    }
  _vastus_chart_text (ctx, label, p->x + p->width - 2, y, 1, 1, p->width - 4, color);
  _vastus_chart_set_font (ctx, ctx->font_px, FALSE);
}
