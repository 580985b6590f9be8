/* vastus-prom-chart.h: questionnaire scores over the weeks of an episode, with the band of the
 * minimal important change (MIC) around each score's first value; drawn on any cairo_t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "vastus-chart-data.h"
#include "vastus-chart-style.h"

G_BEGIN_DECLS

/* One score's band: first value ± MIC, from the visit of the first value on. */
typedef struct
{
  guint  visit;      /* the timeline index of the first value */
  double first;
  double mic;        /* NAN: no band */
} VastusPromBand;

typedef struct
{
  VastusChartTimeline  time;
  char                *title;    /* "KOOS" */
  double               y_min;    /* the scores' range: 0–100, LEFS 0–80 … */
  double               y_max;
  GPtrArray           *series;   /* of VastusChartSeries*, owned: one per score */
  GArray              *bands;    /* of VastusPromBand, one per series */
  gint                 ref_count;
} VastusPromChartData;

VastusPromChartData *vastus_prom_chart_data_new   (guint                n_visits);
VastusPromChartData *vastus_prom_chart_data_ref   (VastusPromChartData *data);
void                 vastus_prom_chart_data_unref (VastusPromChartData *data);
/* Takes ownership of @series; @mic NAN for none. The band starts at the first value. */
void                 vastus_prom_chart_data_add_series (VastusPromChartData *data,
                                                        VastusChartSeries   *series,
                                                        double               mic);

void vastus_prom_chart_render      (const VastusPromChartData *data,
                                    const VastusChartStyle    *style,
                                    cairo_t                   *cr,
                                    double                     width,
                                    double                     height);
/* As above, and reports where things went in @layout (its hits array is filled if set). */
void vastus_prom_chart_render_full (const VastusPromChartData *data,
                                    const VastusChartStyle    *style,
                                    cairo_t                   *cr,
                                    double                     width,
                                    double                     height,
                                    VastusChartLayout         *layout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VastusPromChartData, vastus_prom_chart_data_unref)

G_END_DECLS
