/* vastus-chart-table.h: a prepared chart shown as a table
 *
 * The alternative to VastusChartView for exact reading and for screen readers: one row per
 * visit (its date and, with an index date, the weeks since it), one column per series with the
 * value, its unit and, where a criterion applies, "met" or "not met" in words. A progress
 * chart's pre-operative reference comes first, as its own row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "vastus-chart-data.h"

G_BEGIN_DECLS

#define VASTUS_TYPE_CHART_TABLE (vastus_chart_table_get_type ())
G_DECLARE_FINAL_TYPE (VastusChartTable, vastus_chart_table, VASTUS, CHART_TABLE, GtkWidget)

GtkWidget   *vastus_chart_table_new              (void);
/* @data is a Vastus*ChartData of @kind (NULL clears), read at once: the table keeps no
 * reference to it. */
void         vastus_chart_table_set_data         (VastusChartTable *self,
                                                  VastusChartKind   kind,
                                                  gconstpointer     data);
guint        vastus_chart_table_get_n_rows       (VastusChartTable *self);
guint        vastus_chart_table_get_n_columns    (VastusChartTable *self);
const char  *vastus_chart_table_get_column_title (VastusChartTable *self,
                                                  guint             column);
/* The text of a cell, as shown. */
const char  *vastus_chart_table_get_cell         (VastusChartTable *self,
                                                  guint             row,
                                                  guint             column);
GtkColumnView *vastus_chart_table_get_column_view (VastusChartTable *self);

G_END_DECLS
