/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-girth-chart"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-chart-frame-private.h"
#include "vastus-girth-chart.h"

#define N_GRADES 5

/* Two panels over one time axis: the thigh and knee girth differences above, effusion grade
 * (ordered categories, a stepped line) below. */

static const char *
grade_label (int grade)
{
  static const char *labels[N_GRADES] = { "0", NULL, "1+", "2+", "3+" };

  /* Translators: the effusion grade between 0 and 1+ of the stroke test */
  return grade == 1 ? C_("effusion", "trace") : labels[grade];
}

void
vastus_girth_chart_render_full (const VastusGirthChartData *data,
                                const VastusChartStyle     *style,
                                cairo_t                    *cr,
                                double                      width,
                                double                      height,
                                VastusChartLayout          *layout)
{
  VastusChartCtx ctx;
  VastusChartLayout *l;
  VastusChartLegendItem items[3];
  g_autoptr(VastusChartSeries) thigh = NULL;
  g_autoptr(VastusChartSeries) knee = NULL;
  const VastusChartSeries *lengths[2];
  const VastusChartColor *colors[2] = { &style->series[0], &style->series[1] };
  const VastusChartColor *eff_color = &style->series[2];
  const guint hit_index[2] = { VASTUS_GIRTH_SERIES_THIGH, VASTUS_GIRTH_SERIES_KNEE };
  /* Translators: the girth chart's series when they have no name: the difference between the
   * sides' thigh girth, and knee girth */
  const char *fallback[2] = { _("Thigh girth difference"), _("Knee girth difference") };
  double lo = 0, hi = 0, top, bottom, widest, span, panel_gap, grade_w = 0, label_x, r;
  gboolean any_length = FALSE, pen_down;
  g_autofree char *caption = NULL;
  g_autofree double *dx = NULL;
  VastusChartRect plot, plot2;
  guint grade_every, n_items = 0;

  g_return_if_fail (data != NULL && style != NULL && cr != NULL);

  _vastus_chart_begin (&ctx, style, cr, width, height, layout);
  l = ctx.out;

  if (data->time.n_visits == 0 || !vastus_girth_chart_data_has_values (data))
    {
      _vastus_chart_empty (&ctx, data->title,
                           data->time.n_visits == 0 ? _("No visits recorded yet")
                                                    : _("No girth or effusion measured yet"));
      _vastus_chart_end (&ctx);
      return;
    }

  /* Both differences share one axis in the display unit; 0 ("no difference") is always in it. */
  lengths[0] = thigh = vastus_girth_chart_data_display_series (data, data->girth);
  lengths[1] = knee = vastus_girth_chart_data_display_series (data, data->knee);
  for (guint s = 0; s < G_N_ELEMENTS (lengths); s++)
    {
      if (!vastus_chart_series_has_values (lengths[s]))
        continue;
      for (guint i = 0; i < data->time.n_visits; i++)
        if (isfinite (lengths[s]->values[i]))
          {
            lo = MIN (lo, lengths[s]->values[i]);
            hi = MAX (hi, lengths[s]->values[i]);
          }
      items[n_items++] = (VastusChartLegendItem) {
        .label = lengths[s]->label != NULL ? lengths[s]->label : fallback[s],
        .marker = lengths[s]->marker, .line = lengths[s]->line, .color = colors[s],
      };
      any_length = TRUE;
    }
  items[n_items++] = (VastusChartLegendItem) {
    .label = _("Effusion (stroke test)"),
    .marker = VASTUS_CHART_MARKER_TRIANGLE, .line = VASTUS_CHART_LINE_SOLID, .color = eff_color,
  };
  top = _vastus_chart_header (&ctx, data->title, items, n_items, ctx.pad);
  /* Translators: the girth chart's axis, %s is cm or in; atrophy and swelling are both above 0 */
  caption = g_strdup_printf (_("Difference (%s), above 0 = involved side worse"),
                             vastus_girth_chart_data_unit (data));
  _vastus_chart_text (&ctx, caption, ctx.pad, top, 0, 0, width - 2 * ctx.pad, &style->dim);
  top += ctx.line_h * 1.5;
  bottom = height - ctx.pad - ctx.line_h - ctx.pad * 0.5;
  panel_gap = ctx.line_h * 1.6;

  /* The effusion panel takes 40 % (it has only five levels). */
  plot.height = MAX (1, round ((bottom - top - panel_gap) * 0.58));
  plot2.height = MAX (1, round (bottom - top - panel_gap - plot.height));

  span = hi - lo;
  if (span <= 0)
    span = 1;
  /* Headroom above; below zero only when a value is below it: atrophy and swelling are
   * rarely negative, and the panel keeps its height for them (markers at 0 are not cut: the
   * plot's clip has a margin). */
  if (lo < 0)
    lo -= span * 0.08;
  hi += span * 0.08;
  widest = _vastus_chart_value_ticks (&ctx, lo, hi, plot.height);
  for (int g = 0; g < N_GRADES; g++)
    grade_w = MAX (grade_w, _vastus_chart_text_width (&ctx, grade_label (g)));
  widest = MAX (widest, grade_w);

  plot.x = plot2.x = round (ctx.pad + widest + ctx.pad * 0.6);
  plot.y = round (top);
  plot2.y = round (top + plot.height + panel_gap);
  plot.width = plot2.width = MAX (1, round (width - ctx.pad - _vastus_chart_marker_radius (&ctx)
                                            - plot.x));
  l->plot = plot;
  l->plot2 = plot2;
  vastus_chart_time_range (&data->time, &l->x_min, &l->x_max);
  _vastus_chart_time_ticks (&ctx, &data->time, &plot2);

  /* Upper panel: girth differences. */
  _vastus_chart_value_grid (&ctx, &plot);
  _vastus_chart_time_grid (&ctx, plot.y, plot.y + plot.height);
  _vastus_chart_hline (&ctx, 0, VASTUS_CHART_LINE_SOLID, 1, &style->reference, NULL);
  _vastus_chart_index_line (&ctx, &data->time, plot.y, plot.y + plot.height);
  _vastus_chart_value_labels (&ctx, &plot);
  if (any_length)
    {
      /* Atrophy and swelling both near 0: side by side. */
      dx = _vastus_chart_dodge (&ctx, &data->time, lengths, G_N_ELEMENTS (lengths));
      cairo_save (cr);
      _vastus_chart_clip_plot (&ctx);
      for (guint s = 0; s < G_N_ELEMENTS (lengths); s++)
        if (vastus_chart_series_has_values (lengths[s]))
          _vastus_chart_series (&ctx, &data->time, lengths[s], colors[s], hit_index[s],
                                dx + (gsize) s * data->time.n_visits);
      cairo_restore (cr);
      _vastus_chart_index_label (&ctx, &data->time, plot.y, plot.y + plot.height);
    }
  else
    /* Translators: the girth chart's upper panel when there is no girth to show */
    _vastus_chart_text (&ctx, _("Girth not measured"), plot.x + plot.width / 2,
                        plot.y + plot.height / 2, 0.5, 0.5, plot.width, &style->dim);

  /* Lower panel: effusion, a categorical axis 0 < trace < 1+ < 2+ < 3+. */
  /* Translators: the title of the girth chart's lower panel: the effusion grade of the stroke
   * test */
  _vastus_chart_text (&ctx, _("Effusion grade"), ctx.pad, plot2.y - ctx.pad * 0.5, 0, 1,
                      width - 2 * ctx.pad, &style->dim);
  grade_every = plot2.height / (N_GRADES - 1) >= ctx.line_h ? 1 : plot2.height / 2 >= ctx.line_h ? 2 : 4;
  cairo_new_path (cr);
  for (int g = 0; g < N_GRADES; g++)
    {
      double y = round (plot2.y + plot2.height - g * plot2.height / (N_GRADES - 1)) + 0.5;

      cairo_move_to (cr, plot2.x, y);
      cairo_line_to (cr, plot2.x + plot2.width, y);
    }
  _vastus_chart_set_color (cr, &style->grid);
  _vastus_chart_set_line (cr, VASTUS_CHART_LINE_SOLID, 1);
  cairo_stroke (cr);
  label_x = plot2.x - ctx.pad * 0.6;
  for (int g = 0; g < N_GRADES; g += grade_every)
    _vastus_chart_text (&ctx, grade_label (g), label_x,
                        plot2.y + plot2.height - g * plot2.height / (N_GRADES - 1), 1, 0.5, 0,
                        &style->dim);
  _vastus_chart_time_grid (&ctx, plot2.y, plot2.y + plot2.height);
  _vastus_chart_index_line (&ctx, &data->time, plot2.y, plot2.y + plot2.height);

  _vastus_chart_set_color (cr, &style->axis);
  _vastus_chart_set_line (cr, VASTUS_CHART_LINE_SOLID, 1);
  cairo_move_to (cr, plot2.x, plot2.y + plot2.height + 0.5);
  cairo_line_to (cr, plot2.x + plot2.width, plot2.y + plot2.height + 0.5);
  cairo_stroke (cr);
  _vastus_chart_time_labels (&ctx, plot2.y + plot2.height + ctx.pad * 0.4);

  /* A grade holds until the next examination: steps after each visit. */
  r = _vastus_chart_marker_radius (&ctx);
  cairo_save (cr);
  cairo_rectangle (cr, plot2.x - 2 * r, plot2.y - 2 * r, plot2.width + 4 * r, plot2.height + 4 * r);
  cairo_clip (cr);
  pen_down = FALSE;
  cairo_new_path (cr);
  for (guint i = 0; i < data->time.n_visits; i++)
    {
      int g = data->effusion[i];
      double x = _vastus_chart_map_x (l, data->time.dates[i]);
      double y = plot2.y + plot2.height - g * plot2.height / (N_GRADES - 1);

      if (g < 0 || g >= N_GRADES)
        {
          pen_down = FALSE;
          continue;
        }
      if (i > 0 && data->time.index_date != 0 && data->time.dates[i - 1] < data->time.index_date
          && data->time.dates[i] >= data->time.index_date)
        pen_down = FALSE;
      if (pen_down)
        {
          double prev_y;

          cairo_get_current_point (cr, NULL, &prev_y);
          cairo_line_to (cr, x, prev_y);
          cairo_line_to (cr, x, y);
        }
      else
        cairo_move_to (cr, x, y);
      pen_down = TRUE;
    }
  _vastus_chart_set_color (cr, eff_color);
  _vastus_chart_set_line (cr, VASTUS_CHART_LINE_SOLID, style->line_width);
  cairo_stroke (cr);

  cairo_new_path (cr);
  for (guint i = 0; i < data->time.n_visits; i++)
    {
      int g = data->effusion[i];
      double x, y;

      if (g < 0 || g >= N_GRADES)
        continue;
      x = _vastus_chart_map_x (l, data->time.dates[i]);
      y = plot2.y + plot2.height - g * plot2.height / (N_GRADES - 1);
      _vastus_chart_marker_path (cr, VASTUS_CHART_MARKER_TRIANGLE, x, y, r);
      if (l->hits != NULL)
        {
          VastusChartHit hit = { x, y, i, VASTUS_GIRTH_SERIES_EFFUSION, g };
          g_array_append_val (l->hits, hit);
        }
    }
  cairo_fill (cr);
  cairo_restore (cr);

  _vastus_chart_end (&ctx);
}

void
vastus_girth_chart_render (const VastusGirthChartData *data,
                           const VastusChartStyle     *style,
                           cairo_t                    *cr,
                           double                      width,
                           double                      height)
{
  vastus_girth_chart_render_full (data, style, cr, width, height, NULL);
}
