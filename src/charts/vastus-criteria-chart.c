/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-criteria-chart"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-chart-frame-private.h"
#include "vastus-criteria-chart.h"
#include "vastus-display.h"

#define SYMBOLS_PER_FILL 32

/* Rows are criteria, columns the visits at their real dates, and a right-hand column with the
 * date each criterion was first met. */

static void
first_met_label (const VastusCriteriaChartRow *row,
                 guint32                       index_date,
                 char                          buf[VASTUS_CHART_TICK_LABEL_SIZE])
{
  if (row->first_met == 0)
    g_strlcpy (buf, "\342\200\224", VASTUS_CHART_TICK_LABEL_SIZE);  /* — */
  else if (index_date != 0)
    vastus_chart_time_label (row->first_met, index_date, VASTUS_CHART_TIME_WEEKS, buf);
  else
    {
      GDate date;
      char shown[VASTUS_DISPLAY_DATE_SIZE];

      g_date_clear (&date, 1);
      g_date_set_julian (&date, row->first_met);
      /* The date a criterion was first met. */
      g_strlcpy (buf, vastus_display_date_month (&date, VASTUS_DISPLAY_DAY_MONTH_YEAR, shown),
                 VASTUS_CHART_TICK_LABEL_SIZE);
    }
}

void
vastus_criteria_chart_render_full (const VastusCriteriaChartData *data,
                                   const VastusChartStyle        *style,
                                   cairo_t                       *cr,
                                   double                         width,
                                   double                         height,
                                   VastusChartLayout             *layout)
{
  VastusChartCtx ctx;
  VastusChartLayout *l;
  VastusChartLegendItem items[3];
  double top, bottom, label_w = 0, first_w, row_h, r, min_dx = G_MAXDOUBLE, font_px;
  /* Translators: the criteria chart's column header: the date each criterion was first met */
  const char *first_header = _("First met");
  guint n_rows;
  VastusChartRect plot;
  VastusChartColor band;

  g_return_if_fail (data != NULL && style != NULL && cr != NULL);

  _vastus_chart_begin (&ctx, style, cr, width, height, layout);
  l = ctx.out;
  n_rows = data->rows->len;

  if (data->time.n_visits == 0 || n_rows == 0)
    {
      _vastus_chart_empty (&ctx, data->title,
                           data->time.n_visits == 0 ? _("No visits recorded yet")
                                                    : _("No criteria set chosen"));
      _vastus_chart_end (&ctx);
      return;
    }

  /* Translators: the criteria chart's legend: a criterion that is met */
  items[0] = (VastusChartLegendItem) { .label = _("Met"), .status = VASTUS_CHART_STATUS_MET };
  /* Translators: the criteria chart's legend: a criterion that is not met */
  items[1] = (VastusChartLegendItem) { .label = _("Not met"), .status = VASTUS_CHART_STATUS_NOT_MET };
  /* Translators: the criteria chart's legend: a criterion without a result */
  items[2] = (VastusChartLegendItem) { .label = _("Not tested"),
                                       .status = VASTUS_CHART_STATUS_NOT_TESTED };
  top = _vastus_chart_header (&ctx, data->title, items, 3, ctx.pad);
  top += ctx.line_h;      /* the "First met" column header */
  bottom = height - ctx.pad - ctx.line_h - ctx.pad * 0.5;

  /* Rows share the height; text shrinks when there are many. */
  row_h = MAX (1, MIN (ctx.line_h * 1.7, (bottom - top) / n_rows));
  font_px = ctx.font_px;
  if (row_h < ctx.line_h * 1.1)
    font_px = MAX (5, floor (ctx.font_px * row_h / (ctx.line_h * 1.1)));
  _vastus_chart_set_font (&ctx, font_px, FALSE);

  first_w = _vastus_chart_text_width (&ctx, first_header);
  for (guint i = 0; i < n_rows; i++)
    {
      const VastusCriteriaChartRow *row = g_ptr_array_index (data->rows, i);
      char buf[VASTUS_CHART_TICK_LABEL_SIZE];

      label_w = MAX (label_w, _vastus_chart_text_width (&ctx, row->label));
      first_met_label (row, data->time.index_date, buf);
      first_w = MAX (first_w, _vastus_chart_text_width (&ctx, buf));
    }
  label_w = MIN (label_w, round (width * 0.36));
  first_w = MIN (first_w, round (width * 0.2));

  plot.x = round (ctx.pad + label_w + ctx.pad);
  plot.y = round (top);
  plot.width = MAX (1, round (width - ctx.pad - first_w - ctx.pad - plot.x));
  plot.height = round (row_h * n_rows);
  l->plot = plot;
  l->y_min = 0;
  l->y_max = n_rows;
  vastus_chart_time_range (&data->time, &l->x_min, &l->x_max);

  for (guint i = 1; i < data->time.n_visits; i++)
    if (data->time.dates[i] != data->time.dates[i - 1])
      min_dx = MIN (min_dx, _vastus_chart_map_x (l, data->time.dates[i])
                            - _vastus_chart_map_x (l, data->time.dates[i - 1]));
  r = MIN (row_h * 0.32, ctx.font_px * 0.5);
  r = MAX (1.5, MIN (r, min_dx * 0.42));

  /* Banded rows, faint even where grid lines are strong (high contrast). */
  band = style->grid;
  band.alpha = MIN (band.alpha, 0.09);
  _vastus_chart_set_color (cr, &band);
  for (guint i = 1; i < n_rows; i += 2)
    cairo_rectangle (cr, ctx.pad * 0.5, round (plot.y + i * row_h), width - ctx.pad, round (row_h));
  cairo_fill (cr);

  _vastus_chart_set_font (&ctx, ctx.font_px, FALSE);
  _vastus_chart_time_ticks (&ctx, &data->time, &plot);
  _vastus_chart_time_grid (&ctx, plot.y, plot.y + plot.height);
  _vastus_chart_index_line (&ctx, &data->time, plot.y, plot.y + plot.height);
  _vastus_chart_text (&ctx, first_header, width - ctx.pad, plot.y - 2, 1, 1, first_w,
                      &style->dim);
  if (data->time.index_date != 0 && data->time.index_label != NULL
      && data->time.index_date >= l->x_min && data->time.index_date <= l->x_max)
    {
      double x = _vastus_chart_map_x (l, data->time.index_date);

      _vastus_chart_set_font (&ctx, MAX (8, ctx.font_px - 2), FALSE);
      _vastus_chart_text (&ctx, data->time.index_label, x, plot.y - 2, 0.5, 1, 0,
                          &style->index_line);
      _vastus_chart_set_font (&ctx, ctx.font_px, FALSE);
    }
  _vastus_chart_time_labels (&ctx, plot.y + plot.height + ctx.pad * 0.4);

  _vastus_chart_set_font (&ctx, font_px, FALSE);
  for (guint i = 0; i < n_rows; i++)
    {
      const VastusCriteriaChartRow *row = g_ptr_array_index (data->rows, i);
      double cy = plot.y + (i + 0.5) * row_h;
      char buf[VASTUS_CHART_TICK_LABEL_SIZE];

      _vastus_chart_text (&ctx, row->label, ctx.pad, cy, 0, 0.5, label_w, &style->foreground);
      first_met_label (row, data->time.index_date, buf);
      _vastus_chart_text (&ctx, buf, width - ctx.pad, cy, 1, 0.5, first_w,
                          row->first_met != 0 ? &style->met : &style->dim);

      for (guint v = 0; v < data->time.n_visits && l->hits != NULL; v++)
        {
          VastusChartHit hit = { _vastus_chart_map_x (l, data->time.dates[v]), cy, v, i,
                                 row->status[v] };

          g_array_append_val (l->hits, hit);
        }
    }

  /* The symbols: one fill per row and status, cheaper than one per symbol; paths of a few
   * dozen shapes, as cairo's tessellator slows down with many in one path. */
  for (guint i = 0; i < n_rows; i++)
    {
      const VastusCriteriaChartRow *row = g_ptr_array_index (data->rows, i);
      double cy = plot.y + (i + 0.5) * row_h;

      for (VastusChartStatus status = VASTUS_CHART_STATUS_MET;
           status <= VASTUS_CHART_STATUS_NOT_TESTED; status++)
        {
          guint in_path = 0;

          cairo_new_path (cr);
          for (guint v = 0; v < data->time.n_visits; v++)
            {
              if (row->status[v] != status)
                continue;
              _vastus_chart_status_path (cr, status, _vastus_chart_map_x (l, data->time.dates[v]),
                                         cy, r);
              if (++in_path == SYMBOLS_PER_FILL)
                {
                  _vastus_chart_status_color (&ctx, status);
                  cairo_fill (cr);
                  in_path = 0;
                }
            }
          if (in_path > 0)
            {
              _vastus_chart_status_color (&ctx, status);
              cairo_fill (cr);
            }
        }
    }

  _vastus_chart_end (&ctx);
}

void
vastus_criteria_chart_render (const VastusCriteriaChartData *data,
                              const VastusChartStyle        *style,
                              cairo_t                       *cr,
                              double                        width,
                              double                        height)
{
  vastus_criteria_chart_render_full (data, style, cr, width, height, NULL);
}
