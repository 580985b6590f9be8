/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-symmetry-chart"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-chart-frame-private.h"
#include "vastus-symmetry-chart.h"

#define MAX_LEGEND 8

static gboolean
has_status (const VastusSymmetryChartData *data,
            VastusChartStatus              status)
{
  for (guint s = 0; s < data->series->len; s++)
    {
      const VastusChartSeries *series = g_ptr_array_index (data->series, s);

      for (guint i = 0; i < series->n_values; i++)
        if (isfinite (series->values[i]) && series->status[i] == status)
          return TRUE;
    }
  return FALSE;
}

void
vastus_symmetry_chart_render_full (const VastusSymmetryChartData *data,
                                   const VastusChartStyle        *style,
                                   cairo_t                       *cr,
                                   double                         width,
                                   double                         height,
                                   VastusChartLayout             *layout)
{
  VastusChartCtx ctx;
  VastusChartLayout *l;
  VastusChartLegendItem items[MAX_LEGEND];
  guint n_items = 0;
  double lo = 100, hi = 100, top, bottom, widest, span;
  gboolean any = FALSE;
  VastusChartRect plot;
  g_autofree double *dx = NULL;

  g_return_if_fail (data != NULL && style != NULL && cr != NULL);

  _vastus_chart_begin (&ctx, style, cr, width, height, layout);
  l = ctx.out;

  for (guint s = 0; s < data->series->len; s++)
    {
      const VastusChartSeries *series = g_ptr_array_index (data->series, s);

      for (guint i = 0; i < series->n_values; i++)
        if (isfinite (series->values[i]))
          {
            lo = MIN (lo, series->values[i]);
            hi = MAX (hi, series->values[i]);
            any = TRUE;
          }
    }

  if (data->time.n_visits == 0 || !any)
    {
      _vastus_chart_empty (&ctx, data->title,
                           data->time.n_visits == 0
                           ? _("No visits recorded yet")
                           : _("No limb symmetry yet: measure both legs at a visit"));
      _vastus_chart_end (&ctx);
      return;
    }

  for (guint t = 0; t < data->thresholds->len; t++)
    {
      double v = g_array_index (data->thresholds, VastusChartThreshold, t).value;

      lo = MIN (lo, v);
      hi = MAX (hi, v);
    }

  for (guint s = 0; s < data->series->len && n_items < MAX_LEGEND - 3; s++)
    {
      const VastusChartSeries *series = g_ptr_array_index (data->series, s);

      items[n_items++] = (VastusChartLegendItem) {
        .label = series->label != NULL ? series->label : "",
        .marker = series->marker,
        .line = series->line,
        .color = &style->series[s % VASTUS_CHART_N_SERIES_COLORS],
      };
    }
  if (has_status (data, VASTUS_CHART_STATUS_MET))
    items[n_items++] = (VastusChartLegendItem) {
      /* Translators: the symmetry chart's legend: a point where the criterion is met */
      .label = _("Criterion met"), .marker = VASTUS_CHART_MARKER_CIRCLE,
      .color = &style->foreground, .no_line = TRUE,
    };
  if (has_status (data, VASTUS_CHART_STATUS_NOT_MET))
    items[n_items++] = (VastusChartLegendItem) {
      .label = _("Not met"), .marker = VASTUS_CHART_MARKER_CIRCLE,
      .color = &style->foreground, .no_line = TRUE, .hollow = TRUE,
    };
  if (data->thresholds->len > 0)
    items[n_items++] = (VastusChartLegendItem) {
      /* Translators: the symmetry chart's legend: the shaded area above a criterion's threshold */
      .label = _("Meets threshold"), .area = TRUE, .color = &style->met_area,
    };

  top = _vastus_chart_header (&ctx, data->title, items, n_items, ctx.pad);
  if (data->y_label != NULL)
    {
      _vastus_chart_text (&ctx, data->y_label, ctx.pad, top, 0, 0, width - 2 * ctx.pad,
                          &style->dim);
      top += ctx.line_h;
    }
  top += ctx.line_h * 0.5;
  bottom = height - ctx.pad - ctx.line_h - ctx.pad * 0.5;

  /* Headroom so that markers at the extremes are not cut by the frame. */
  span = hi - lo;
  lo -= MAX (span * 0.04, 1);
  hi += MAX (span * 0.04, 1);
  widest = _vastus_chart_value_ticks (&ctx, lo, hi, MAX (1, bottom - top));

  plot.x = round (ctx.pad + widest + ctx.pad * 0.6);
  plot.y = round (top);
  plot.width = MAX (1, round (width - ctx.pad - _vastus_chart_marker_radius (&ctx) - plot.x));
  plot.height = MAX (1, round (bottom - top));
  l->plot = plot;
  vastus_chart_time_range (&data->time, &l->x_min, &l->x_max);
  _vastus_chart_time_ticks (&ctx, &data->time, &plot);

  /* The region that meets each threshold, lightly shaded; several thresholds stack. */
  for (guint t = 0; t < data->thresholds->len; t++)
    {
      double v = g_array_index (data->thresholds, VastusChartThreshold, t).value;
      double y = round (_vastus_chart_map_y (l, v));

      _vastus_chart_set_color (cr, &style->met_area);
      cairo_rectangle (cr, plot.x, plot.y, plot.width, y - plot.y);
      cairo_fill (cr);
    }

  _vastus_chart_value_grid (&ctx, &plot);
  _vastus_chart_time_grid (&ctx, plot.y, plot.y + plot.height);
  _vastus_chart_hline (&ctx, 100, VASTUS_CHART_LINE_SOLID, 1, &style->reference, NULL);
  for (guint t = 0; t < data->thresholds->len; t++)
    {
      const VastusChartThreshold *th = &g_array_index (data->thresholds, VastusChartThreshold, t);

      _vastus_chart_hline (&ctx, th->value, VASTUS_CHART_LINE_DASHED,
                           style->high_contrast ? 2 : 1.5, &style->threshold, NULL);
    }
  _vastus_chart_index_line (&ctx, &data->time, plot.y, plot.y + plot.height);

  /* The x axis. */
  _vastus_chart_set_color (cr, &style->axis);
  cairo_move_to (cr, plot.x, plot.y + plot.height + 0.5);
  cairo_line_to (cr, plot.x + plot.width, plot.y + plot.height + 0.5);
  cairo_stroke (cr);

  _vastus_chart_value_labels (&ctx, &plot);
  _vastus_chart_time_labels (&ctx, plot.y + plot.height + ctx.pad * 0.4);

  /* Series that coincide at a visit (single and crossover hop LSI often do) go side by side. */
  dx = _vastus_chart_dodge (&ctx, &data->time, (const VastusChartSeries * const *) data->series->pdata,
                            data->series->len);
  cairo_save (cr);
  _vastus_chart_clip_plot (&ctx);
  for (guint s = 0; s < data->series->len; s++)
    _vastus_chart_series (&ctx, &data->time, g_ptr_array_index (data->series, s),
                          &style->series[s % VASTUS_CHART_N_SERIES_COLORS], s,
                          dx + (gsize) s * data->time.n_visits);
  cairo_restore (cr);
  _vastus_chart_index_label (&ctx, &data->time, plot.y, plot.y + plot.height);
  for (guint t = 0; t < data->thresholds->len; t++)
    {
      const VastusChartThreshold *th = &g_array_index (data->thresholds, VastusChartThreshold, t);

      _vastus_chart_line_label (&ctx, th->value, th->label, &style->threshold);
    }

  _vastus_chart_end (&ctx);
}

void
vastus_symmetry_chart_render (const VastusSymmetryChartData *data,
                              const VastusChartStyle        *style,
                              cairo_t                       *cr,
                              double                         width,
                              double                         height)
{
  vastus_symmetry_chart_render_full (data, style, cr, width, height, NULL);
}
