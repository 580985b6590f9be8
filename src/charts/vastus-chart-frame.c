/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vastus-chart-frame-private.h"

/* The chart's frame: header and legend, time and value axes, series, reference lines and
 * labels placed clear of each other. */

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
