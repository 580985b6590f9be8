/* vastus-girth-chart.h: draws a VastusGirthChartData on any cairo_t (image, PDF, SVG, a widget)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "vastus-chart-data.h"
#include "vastus-chart-style.h"

G_BEGIN_DECLS

/* The series index of a girth chart's hits (VastusChartHit.series). */
typedef enum
{
  VASTUS_GIRTH_SERIES_THIGH,
  VASTUS_GIRTH_SERIES_EFFUSION,
  VASTUS_GIRTH_SERIES_KNEE,
} VastusGirthSeries;

void vastus_girth_chart_render      (const VastusGirthChartData *data,
                                    const VastusChartStyle  *style,
                                    cairo_t                 *cr,
                                    double                   width,
                                    double                   height);
/* As above, and reports where things went in @layout (its hits array is filled if set). */
void vastus_girth_chart_render_full (const VastusGirthChartData *data,
                                    const VastusChartStyle  *style,
                                    cairo_t                 *cr,
                                    double                   width,
                                    double                   height,
                                    VastusChartLayout       *layout);

G_END_DECLS
