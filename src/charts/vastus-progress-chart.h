/* vastus-progress-chart.h: draws a VastusProgressChartData on any cairo_t (image, PDF, SVG, a widget)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "vastus-chart-data.h"
#include "vastus-chart-style.h"

G_BEGIN_DECLS

void vastus_progress_chart_render      (const VastusProgressChartData *data,
                                    const VastusChartStyle  *style,
                                    cairo_t                 *cr,
                                    double                   width,
                                    double                   height);
/* As above, and reports where things went in @layout (its hits array is filled if set). */
void vastus_progress_chart_render_full (const VastusProgressChartData *data,
                                    const VastusChartStyle  *style,
                                    cairo_t                 *cr,
                                    double                   width,
                                    double                   height,
                                    VastusChartLayout       *layout);

G_END_DECLS
