/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-prom-chart"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-chart-frame-private.h"
#include "vastus-prom-chart.h"

VastusPromChartData *
vastus_prom_chart_data_new (guint n_visits)
{
  VastusPromChartData *data = g_new0 (VastusPromChartData, 1);

  data->ref_count = 1;
  data->time.n_visits = n_visits;
  data->time.dates = g_new0 (guint32, n_visits);
  data->time.visit_ids = g_new0 (gint64, n_visits);
  data->series = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_chart_series_free);
  data->bands = g_array_new (FALSE, TRUE, sizeof (VastusPromBand));
  return data;
}

VastusPromChartData *
vastus_prom_chart_data_ref (VastusPromChartData *data)
{
  g_atomic_int_inc (&data->ref_count);
  return data;
}

void
vastus_prom_chart_data_unref (VastusPromChartData *data)
{
  if (data == NULL || !g_atomic_int_dec_and_test (&data->ref_count))
    return;
  g_free (data->time.dates);
  g_free (data->time.visit_ids);
  g_free (data->time.index_label);
  g_free (data->time.weeks_title);
  g_free (data->title);
  g_ptr_array_unref (data->series);
  g_array_unref (data->bands);
  g_free (data);
}

void
vastus_prom_chart_data_add_series (VastusPromChartData *data,
                                   VastusChartSeries   *series,
                                   double               mic)
{
  VastusPromBand band = { .first = NAN, .mic = mic };

  g_return_if_fail (series->n_values == data->time.n_visits);

  for (guint i = 0; i < series->n_values; i++)
    if (isfinite (series->values[i]))
      {
        band.visit = i;
        band.first = series->values[i];
        break;
      }
  g_ptr_array_add (data->series, series);
  g_array_append_val (data->bands, band);
}

/* The band of the minimal important change: from the first score on, first ± MIC. */
static void
draw_band (VastusChartCtx            *ctx,
           const VastusChartTimeline *time,
           const VastusPromBand      *band,
           const VastusChartColor    *color)
{
  const VastusChartLayout *l = ctx->out;
  double x, top, bottom;

  if (!isfinite (band->first) || !isfinite (band->mic))
    return;
  x = _vastus_chart_map_x (l, time->dates[band->visit]);
  top = _vastus_chart_map_y (l, MIN (l->y_max, band->first + band->mic));
  bottom = _vastus_chart_map_y (l, MAX (l->y_min, band->first - band->mic));
  cairo_set_source_rgba (ctx->cr, color->red, color->green, color->blue, 0.14);
  cairo_rectangle (ctx->cr, x, top, l->plot.x + l->plot.width - x, bottom - top);
  cairo_fill (ctx->cr);
  cairo_set_source_rgba (ctx->cr, color->red, color->green, color->blue, 0.55);
  _vastus_chart_set_line (ctx->cr, VASTUS_CHART_LINE_DASHED, 1);
  cairo_move_to (ctx->cr, x, round (_vastus_chart_map_y (l, band->first)) + 0.5);
  cairo_line_to (ctx->cr, l->plot.x + l->plot.width, round (_vastus_chart_map_y (l, band->first)) + 0.5);
  cairo_stroke (ctx->cr);
}

/* One panel: its value axis, grid, band and series in @plot. */
static void
draw_panel (VastusChartCtx            *ctx,
            const VastusPromChartData *data,
            const VastusChartRect     *plot,
            guint                      first,
            guint                      last,
            const char                *label,
            gboolean                   time_labels)
{
  const VastusChartStyle *style = ctx->style;
  VastusChartLayout *l = ctx->out;
  cairo_t *cr = ctx->cr;

  l->plot = *plot;
  _vastus_chart_value_ticks (ctx, data->y_min, data->y_max, plot->height);
  _vastus_chart_time_ticks (ctx, &data->time, plot);
  _vastus_chart_value_grid (ctx, plot);
  _vastus_chart_time_grid (ctx, plot->y, plot->y + plot->height);
  cairo_save (cr);
  _vastus_chart_clip_plot (ctx);
  for (guint i = first; i < last; i++)
    draw_band (ctx, &data->time, &g_array_index (data->bands, VastusPromBand, i),
               &style->series[i % VASTUS_CHART_N_SERIES_COLORS]);
  cairo_restore (cr);
  _vastus_chart_index_line (ctx, &data->time, plot->y, plot->y + plot->height);

  _vastus_chart_set_color (cr, &style->axis);
  _vastus_chart_set_line (cr, VASTUS_CHART_LINE_SOLID, 1);
  cairo_move_to (cr, plot->x, plot->y + plot->height + 0.5);
  cairo_line_to (cr, plot->x + plot->width, plot->y + plot->height + 0.5);
  cairo_stroke (cr);
  _vastus_chart_value_labels (ctx, plot);
  if (time_labels)
    _vastus_chart_time_labels (ctx, plot->y + plot->height + ctx->pad * 0.4);

  cairo_save (cr);
  _vastus_chart_clip_plot (ctx);
  for (guint i = last; i-- > first;)
    _vastus_chart_series (ctx, &data->time, g_ptr_array_index (data->series, i),
                          &style->series[i % VASTUS_CHART_N_SERIES_COLORS], i, NULL);
  cairo_restore (cr);
  if (first == 0)
    _vastus_chart_index_label (ctx, &data->time, plot->y, plot->y + plot->height);
  if (label != NULL)
    _vastus_chart_text (ctx, label, plot->x + ctx->pad * 0.5, plot->y + 2, 0, 0,
                        plot->width - ctx->pad, &style->series[first % VASTUS_CHART_N_SERIES_COLORS]);
}

void
vastus_prom_chart_render_full (const VastusPromChartData *data,
                               const VastusChartStyle    *style,
                               cairo_t                   *cr,
                               double                     width,
                               double                     height,
                               VastusChartLayout         *layout)
{
  VastusChartLegendItem items[2];
  VastusChartColor band_color;
  VastusChartCtx ctx;
  VastusChartLayout *l;
  VastusChartRect plot;
  guint n_items = 0, n_panels;
  gboolean any_band = FALSE;
  double top, bottom, widest, gap, panel_h;

  g_return_if_fail (data != NULL && style != NULL && cr != NULL);

  _vastus_chart_begin (&ctx, style, cr, width, height, layout);
  l = ctx.out;
  if (data->time.n_visits == 0 || data->series->len == 0)
    {
      _vastus_chart_empty (&ctx, data->title,
                           data->time.n_visits == 0 ? _("No visits recorded yet")
                                                    : _("No questionnaire scores yet"));
      _vastus_chart_end (&ctx);
      return;
    }

  /* One score: one plot with its legend. Several (the KOOS subscales): one panel each, on the
   * same time axis, so that each band stays readable. */
  n_panels = data->series->len;
  for (guint i = 0; i < data->series->len; i++)
    any_band |= isfinite (g_array_index (data->bands, VastusPromBand, i).mic);
  if (n_panels == 1)
    {
      const VastusChartSeries *s = g_ptr_array_index (data->series, 0);

      items[n_items++] = (VastusChartLegendItem) {
        .label = s->label, .marker = s->marker, .line = s->line, .color = &style->series[0],
      };
    }
  band_color = style->series[0];
  band_color.alpha = 0.14;
  if (any_band)
    items[n_items++] = (VastusChartLegendItem) {
      /* Translators: legend of the shaded band of a questionnaire chart. */
      .label = _("first score ± minimal important change"), .area = TRUE, .color = &band_color,
    };

  top = _vastus_chart_header (&ctx, data->title, items, n_items, ctx.pad);
  _vastus_chart_text (&ctx, _("points"), ctx.pad, top, 0, 0, width - 2 * ctx.pad, &style->dim);
  top += ctx.line_h * 1.5;
  bottom = height - ctx.pad - ctx.line_h - ctx.pad * 0.5;
  gap = n_panels > 1 ? ctx.line_h * 1.1 : 0;
  panel_h = MAX (1, (bottom - top - gap * (n_panels - 1)) / n_panels);
  widest = _vastus_chart_value_ticks (&ctx, data->y_min, data->y_max, panel_h);

  plot.x = round (ctx.pad + widest + ctx.pad * 0.6);
  plot.width = MAX (1, round (width - ctx.pad - _vastus_chart_marker_radius (&ctx) - plot.x));
  plot.height = MAX (1, round (panel_h));
  vastus_chart_time_range (&data->time, &l->x_min, &l->x_max);
  l->y_min = data->y_min;
  l->y_max = data->y_max;
  for (guint p = 0; p < n_panels; p++)
    {
      plot.y = round (top + p * (panel_h + gap));
      draw_panel (&ctx, data, &plot, n_panels == 1 ? 0 : p, n_panels == 1 ? data->series->len : p + 1,
                  n_panels > 1 ? ((VastusChartSeries *) g_ptr_array_index (data->series, p))->label : NULL,
                  p + 1 == n_panels);
    }
  /* The layout reports the whole stack as the plot. */
  l->plot.y = round (top);
  l->plot.height = round (plot.y + plot.height - top);
  _vastus_chart_end (&ctx);
}

void
vastus_prom_chart_render (const VastusPromChartData *data,
                          const VastusChartStyle    *style,
                          cairo_t                   *cr,
                          double                     width,
                          double                     height)
{
  vastus_prom_chart_render_full (data, style, cr, width, height, NULL);
}
