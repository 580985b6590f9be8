/* vastus-criteria-chart.h: draws a VastusCriteriaChartData on any cairo_t (image, PDF, SVG, a widget)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "vastus-chart-data.h"
#include "vastus-chart-style.h"

G_BEGIN_DECLS

void vastus_criteria_chart_render      (const VastusCriteriaChartData *data,
                                    const VastusChartStyle  *style,
                                    cairo_t                 *cr,
                                    double                   width,
                                    double                   height);
/* As above, and reports where things went in @layout (its hits array is filled if set). */
void vastus_criteria_chart_render_full (const VastusCriteriaChartData *data,
                                    const VastusChartStyle  *style,
                                    cairo_t                 *cr,
                                    double                   width,
                                    double                   height,
                                    VastusChartLayout       *layout);

G_END_DECLS
