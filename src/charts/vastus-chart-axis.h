/* vastus-chart-axis.h: the time axis (weeks since the index date, or dates) and nice value ticks
 *
 * Visits are irregular, so the x axis is real time in Julian days. Ticks sit at nice steps (days,
 * 1, 2, 4, 8, 12, 26, 52 … weeks from the index date, or days, weeks, months and years of the
 * calendar) and the smallest step whose labels do not overlap at the given width is chosen; the
 * labels are measured by the caller (Pango in the renderers, a fixed width in tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "vastus-chart-data.h"

G_BEGIN_DECLS

typedef enum
{
  VASTUS_CHART_TIME_DAYS,
  VASTUS_CHART_TIME_WEEKS,
  VASTUS_CHART_TIME_MONTHS,
  VASTUS_CHART_TIME_YEARS,
} VastusChartTimeUnit;

typedef struct
{
  VastusChartTimeUnit unit;
  guint               count;
} VastusChartTimeStep;

/* Width of @text in pixels. */
typedef double (*VastusChartMeasureFunc) (const char *text,
                                          gpointer    user_data);

/* The x range (Julian days) for a timeline: the visits and the index date, padded; at least
 * two weeks wide so that a single visit sits in the middle of a sensible range. FALSE (and
 * 0..1) when there are no visits. */
gboolean vastus_chart_time_range  (const VastusChartTimeline *timeline,
                                   double                    *x_min,
                                   double                    *x_max);

/* Chooses ticks for [x_min, x_max] drawn over [x0, x0 + width]. A label is centred on its tick
 * and must lie within [bound_lo, bound_hi]; ticks whose label would not are left out. Adjacent
 * labels are at least @min_gap apart and adjacent ticks at least @min_spacing (so that a wide
 * chart is not striped with a tick per day). Returns the number of ticks written (≤ @max_ticks). */
guint    vastus_chart_time_ticks  (double                  x_min,
                                   double                  x_max,
                                   guint32                 index_date,
                                   double                  x0,
                                   double                  width,
                                   double                  bound_lo,
                                   double                  bound_hi,
                                   double                  min_gap,
                                   double                  min_spacing,
                                   VastusChartMeasureFunc  measure,
                                   gpointer                user_data,
                                   VastusChartTick        *ticks,
                                   guint                   max_ticks,
                                   VastusChartTimeStep    *step_out);

/* A tick label for @julian in the unit of @step: "wk 12", "day 3" (relative to @index_date),
 * or "3 Mar", "Mar 2026", "2026". */
void     vastus_chart_time_label  (guint32              julian,
                                   guint32              index_date,
                                   VastusChartTimeUnit  unit,
                                   char                 buf[VASTUS_CHART_TICK_LABEL_SIZE]);

/* For tooltips and descriptions: "2026-03-04 (wk 12.3)" or "2026-03-04". Free with g_free. */
char    *vastus_chart_time_describe (guint32 julian,
                                     guint32 index_date);

/* Extends [lo, hi] to multiples of a nice step (1, 2, 2.5 or 5 × 10^k) with at most @max_ticks
 * ticks (≥ 2). Returns the step. */
double   vastus_chart_nice_range  (double  lo,
                                   double  hi,
                                   guint   max_ticks,
                                   double *out_lo,
                                   double *out_hi);

/* Value ticks every @step from @lo to @hi, labelled with as many decimals as @step needs. */
guint    vastus_chart_value_ticks (double           lo,
                                   double           hi,
                                   double           step,
                                   VastusChartTick *ticks,
                                   guint            max_ticks);

G_END_DECLS
