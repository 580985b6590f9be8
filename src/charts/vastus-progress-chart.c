/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-progress-chart"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-chart-frame-private.h"
#include "vastus-progress-chart.h"

static void
extend (const VastusChartSeries *series,
        double                  *lo,
        double                  *hi,
        gboolean                *any)
{
  for (guint i = 0; i < series->n_values; i++)
    if (isfinite (series->values[i]))
      {
        *lo = *any ? MIN (*lo, series->values[i]) : series->values[i];
        *hi = *any ? MAX (*hi, series->values[i]) : series->values[i];
        *any = TRUE;
      }
}

void
vastus_progress_chart_render_full (const VastusProgressChartData *data,
                                   const VastusChartStyle        *style,
                                   cairo_t                       *cr,
                                   double                         width,
                                   double                         height,
                                   VastusChartLayout             *layout)
{
  VastusChartCtx ctx;
  VastusChartLayout *l;
  VastusChartLegendItem items[3];
  guint n_items = 0;
  double lo = 0, hi = 0, top, bottom, widest, span;
  gboolean any = FALSE, baseline;
  const VastusChartColor *inv_color = &style->series[0], *uninv_color = &style->series[1];
  const VastusChartSeries *both[] = { data->involved, data->uninvolved };
  VastusChartRect plot;
  g_autofree double *dx = NULL;

  g_return_if_fail (data != NULL && style != NULL && cr != NULL);

  _vastus_chart_begin (&ctx, style, cr, width, height, layout);
  l = ctx.out;

  extend (data->involved, &lo, &hi, &any);
  extend (data->uninvolved, &lo, &hi, &any);
  if (data->time.n_visits == 0 || !any)
    {
      _vastus_chart_empty (&ctx, data->title,
                           data->time.n_visits == 0 ? _("No visits recorded yet")
                                                    /* Translators: the progress chart when the
                                                     * measure has no value yet, though there are
                                                     * visits */
                                                    : _("Not measured yet"));
      _vastus_chart_end (&ctx);
      return;
    }
  baseline = isfinite (data->baseline_involved) || isfinite (data->baseline_uninvolved);
  if (isfinite (data->baseline_involved))
    lo = MIN (lo, data->baseline_involved), hi = MAX (hi, data->baseline_involved);
  if (isfinite (data->baseline_uninvolved))
    lo = MIN (lo, data->baseline_uninvolved), hi = MAX (hi, data->baseline_uninvolved);

  items[n_items++] = (VastusChartLegendItem) {
    /* Translators: the progress chart's legend: the involved knee's values */
    .label = data->involved->label ? data->involved->label : _("Involved"),
    .marker = data->involved->marker, .line = data->involved->line, .color = inv_color,
  };
  items[n_items++] = (VastusChartLegendItem) {
    /* Translators: the progress chart's legend: the uninvolved knee's values */
    .label = data->uninvolved->label ? data->uninvolved->label : _("Uninvolved"),
    .marker = data->uninvolved->marker, .line = data->uninvolved->line, .color = uninv_color,
  };
  if (baseline)
    items[n_items++] = (VastusChartLegendItem) {
      .label = data->baseline_label ? data->baseline_label : _("pre-op"),
      .line = VASTUS_CHART_LINE_DOTTED, .color = &style->foreground, .no_marker = TRUE,
    };

  top = _vastus_chart_header (&ctx, data->title, items, n_items, ctx.pad);
  if (data->unit != NULL)
    {
      _vastus_chart_text (&ctx, data->unit, ctx.pad, top, 0, 0, width - 2 * ctx.pad, &style->dim);
      top += ctx.line_h;
    }
  top += ctx.line_h * 0.5;
  bottom = height - ctx.pad - ctx.line_h - ctx.pad * 0.5;

  span = hi - lo;
  if (span <= 0)
    span = MAX (fabs (hi) * 0.2, 1);
  lo -= span * 0.06;
  hi += span * 0.06;
  widest = _vastus_chart_value_ticks (&ctx, lo, hi, MAX (1, bottom - top));

  plot.x = round (ctx.pad + widest + ctx.pad * 0.6);
  plot.y = round (top);
  plot.width = MAX (1, round (width - ctx.pad - _vastus_chart_marker_radius (&ctx) - plot.x));
  plot.height = MAX (1, round (bottom - top));
  l->plot = plot;
  vastus_chart_time_range (&data->time, &l->x_min, &l->x_max);
  _vastus_chart_time_ticks (&ctx, &data->time, &plot);

  _vastus_chart_value_grid (&ctx, &plot);
  _vastus_chart_time_grid (&ctx, plot.y, plot.y + plot.height);
  if (isfinite (data->baseline_involved))
    _vastus_chart_hline (&ctx, data->baseline_involved, VASTUS_CHART_LINE_DOTTED, style->line_width,
                         inv_color, NULL);
  if (isfinite (data->baseline_uninvolved))
    _vastus_chart_hline (&ctx, data->baseline_uninvolved, VASTUS_CHART_LINE_DOTTED,
                         style->line_width, uninv_color, NULL);
  _vastus_chart_index_line (&ctx, &data->time, plot.y, plot.y + plot.height);

  _vastus_chart_set_color (cr, &style->axis);
  _vastus_chart_set_line (cr, VASTUS_CHART_LINE_SOLID, 1);
  cairo_move_to (cr, plot.x, plot.y + plot.height + 0.5);
  cairo_line_to (cr, plot.x + plot.width, plot.y + plot.height + 0.5);
  cairo_stroke (cr);

  _vastus_chart_value_labels (&ctx, &plot);
  _vastus_chart_time_labels (&ctx, plot.y + plot.height + ctx.pad * 0.4);

  /* Legs of equal strength at a visit: side by side. */
  dx = _vastus_chart_dodge (&ctx, &data->time, both, 2);
  cairo_save (cr);
  _vastus_chart_clip_plot (&ctx);
  _vastus_chart_series (&ctx, &data->time, data->uninvolved, uninv_color, 1, dx + data->time.n_visits);
  _vastus_chart_series (&ctx, &data->time, data->involved, inv_color, 0, dx);
  cairo_restore (cr);
  _vastus_chart_index_label (&ctx, &data->time, plot.y, plot.y + plot.height);

  _vastus_chart_end (&ctx);
}

void
vastus_progress_chart_render (const VastusProgressChartData *data,
                              const VastusChartStyle        *style,
                              cairo_t                       *cr,
                              double                         width,
                              double                         height)
{
  vastus_progress_chart_render_full (data, style, cr, width, height, NULL);
}
