/* vastus-chart-view.h: a widget that draws one prepared chart (src/charts)
 *
 * Hovering shows the nearest point's exact value and date in a tooltip and a crosshair;
 * clicking a point emits "visit-activated" with the visit's id. The accessible description
 * summarises the trend in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vastus-chart-data.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_CHART_VIEW (vastus_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (VastusChartView, vastus_chart_view, VASTUS, CHART_VIEW, GtkWidget)

GtkWidget       *vastus_chart_view_new          (void);
/* Takes a new reference to @data, a Vastus*ChartData of @kind (NULL clears). */
void             vastus_chart_view_set_data     (VastusChartView *self,
                                                 VastusChartKind  kind,
                                                 gpointer         data);
VastusChartKind  vastus_chart_view_get_kind     (VastusChartView *self);
/* The text of the accessible description (for tests); NULL without data. */
const char      *vastus_chart_view_get_summary  (VastusChartView *self);
/* The visit nearest to (x, y) in widget coordinates within a few pixels of a drawn point, or
 * -1. Valid after the chart has been drawn. */
int              vastus_chart_view_pick_visit   (VastusChartView *self,
                                                 double           x,
                                                 double           y);

G_END_DECLS
