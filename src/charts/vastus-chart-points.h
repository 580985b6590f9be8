/* vastus-chart-points.h: a prepared chart's points one by one, and in words
 *
 * What the chart view needs beyond drawing: the series in reading order (top to bottom of the
 * legend; a girth chart's thigh, knee, then effusion), each one's value at each visit in the
 * unit the chart shows, and sentences for a screen reader and the tooltip: the chart's name,
 * a summary of its trend, one point, and every series at one visit.
 *
 * Series are named by the number the renderers give their hits (VastusChartHit.series): the
 * index of a symmetry series or criteria row, 0 involved / 1 uninvolved, VastusGirthSeries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "vastus-chart-data.h"

G_BEGIN_DECLS

typedef struct
{
  double            value;     /* in the chart's unit; effusion: the grade; criteria: status */
  VastusChartStatus status;
} VastusChartPoint;

const VastusChartTimeline *vastus_chart_points_timeline     (VastusChartKind kind,
                                                             gconstpointer   data);
/* The series that have a point, in reading order: @ids (may be NULL) gets up to @max of them.
 * Returns how many there are. */
guint        vastus_chart_points_series        (VastusChartKind  kind,
                                                gconstpointer    data,
                                                guint           *ids,
                                                guint            max);
const char  *vastus_chart_points_series_label  (VastusChartKind  kind,
                                                gconstpointer    data,
                                                guint            series);
/* FALSE when @series has no value (a criteria row: always a status) at @visit. */
gboolean     vastus_chart_points_get           (VastusChartKind  kind,
                                                gconstpointer    data,
                                                guint            series,
                                                guint            visit,
                                                VastusChartPoint *point);
/* "92.4 %", "431.0 N", "1+", "met". */
char        *vastus_chart_points_format        (VastusChartKind         kind,
                                                gconstpointer           data,
                                                guint                   series,
                                                const VastusChartPoint *point);
/* "Limb symmetry over time, 14 visits": the chart's accessible name. */
char        *vastus_chart_points_name          (VastusChartKind  kind,
                                                gconstpointer    data);
/* The trend of every series in a few sentences. */
char        *vastus_chart_points_summary       (VastusChartKind  kind,
                                                gconstpointer    data);
/* One point: series, value, date, and the criterion it was tested against, then where it is:
 * "Quadriceps LSI: 91.5 %, 2026-06-24 (wk 24.3), meets LSI ≥ 90 %. Visit 9 of 10." */
char        *vastus_chart_points_describe      (VastusChartKind  kind,
                                                gconstpointer    data,
                                                guint            series,
                                                guint            visit);
/* Every series at @visit, the date first, one line each; @markup: Pango markup with @bold
 * (a series, or −1) in bold. */
char        *vastus_chart_points_describe_visit (VastusChartKind  kind,
                                                 gconstpointer    data,
                                                 guint            visit,
                                                 int              bold,
                                                 gboolean         markup);

G_END_DECLS
