/* vastus-chart-view.h: a widget that draws one prepared chart (src/charts)
 *
 * It follows the desktop: the widget's font (and so Large Text), the style's colours, dark and
 * high contrast. The chart is drawn once per size and style and kept; hovering and the
 * keyboard only draw on top of it.
 *
 * Pointer: hovering shows every series at the nearest visit in a tooltip and a crosshair;
 * clicking a point emits "visit-activated" with the visit's id.
 * Keyboard: the chart takes focus; Left and Right move between the visits of a series, Up and
 * Down between series, Home and End to its first and last visit, Enter (or Space) opens the
 * visit. Each point moved to is described in words (series, value, date, criterion) in the
 * accessible description, where a screen reader reads it; the accessible name says what the
 * chart is ("Limb symmetry over time, 14 visits"). The Table view beside it stays the full
 * alternative.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vastus-chart-data.h"
#include "vastus-chart-style.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_CHART_VIEW (vastus_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (VastusChartView, vastus_chart_view, VASTUS, CHART_VIEW, GtkWidget)

GtkWidget       *vastus_chart_view_new          (void);
/* Takes a new reference to @data, a Vastus*ChartData of @kind (NULL clears). */
void             vastus_chart_view_set_data     (VastusChartView *self,
                                                 VastusChartKind  kind,
                                                 gpointer         data);
VastusChartKind  vastus_chart_view_get_kind     (VastusChartView *self);
/* The trend in words (the accessible description while no point is chosen); NULL without
 * data. */
const char      *vastus_chart_view_get_summary  (VastusChartView *self);
/* The visit nearest to (x, y) in widget coordinates within a few pixels of a drawn point, or
 * -1. Valid after the chart has been drawn. */
int              vastus_chart_view_pick_visit   (VastusChartView *self,
                                                 double           x,
                                                 double           y);
/* The point chosen with the keyboard: its series (as in VastusChartHit.series) and visit, or
 * FALSE when there is none. */
gboolean         vastus_chart_view_get_cursor   (VastusChartView *self,
                                                 guint           *series,
                                                 guint           *visit);
/* For tests: where the last chart drawn put things, its style, and how many times the chart
 * itself (not the hover on top of it) was drawn. */
const VastusChartLayout *vastus_chart_view_get_layout    (VastusChartView *self);
const VastusChartStyle  *vastus_chart_view_get_style     (VastusChartView *self);
guint                    vastus_chart_view_get_n_renders (VastusChartView *self);

G_END_DECLS
