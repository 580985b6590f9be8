/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart-data"

#include "config.h"

#include <math.h>
#include <string.h>

#include "vastus-chart-data.h"
#include "vastus-units.h"

static void
timeline_init (VastusChartTimeline *timeline,
               guint                n_visits)
{
  timeline->n_visits = n_visits;
  timeline->dates = g_new0 (guint32, n_visits);
  timeline->visit_ids = g_new0 (gint64, n_visits);
}

static void
timeline_clear (VastusChartTimeline *timeline)
{
  g_clear_pointer (&timeline->dates, g_free);
  g_clear_pointer (&timeline->visit_ids, g_free);
  g_clear_pointer (&timeline->index_label, g_free);
  g_clear_pointer (&timeline->weeks_title, g_free);
}

void
vastus_chart_timeline_set_visit (VastusChartTimeline *timeline,
                                 guint                index,
                                 const GDate         *date,
                                 gint64               visit_id)
{
  g_return_if_fail (timeline != NULL);
  g_return_if_fail (index < timeline->n_visits);
  g_return_if_fail (date != NULL && g_date_valid (date));

  timeline->dates[index] = g_date_get_julian (date);
  timeline->visit_ids[index] = visit_id;
}

void
vastus_chart_timeline_set_index (VastusChartTimeline *timeline,
                                 const GDate         *date,
                                 const char          *label,
                                 const char          *weeks_title)
{
  g_return_if_fail (timeline != NULL);

  timeline->index_date = (date != NULL && g_date_valid (date)) ? g_date_get_julian (date) : 0;
  g_free (timeline->index_label);
  timeline->index_label = g_strdup (label);
  g_free (timeline->weeks_title);
  timeline->weeks_title = g_strdup (weeks_title);
}

void
vastus_chart_series_style (guint              index,
                           VastusChartMarker *marker,
                           VastusChartLine   *line)
{
  static const VastusChartMarker markers[] = {
    VASTUS_CHART_MARKER_CIRCLE, VASTUS_CHART_MARKER_SQUARE, VASTUS_CHART_MARKER_TRIANGLE,
    VASTUS_CHART_MARKER_DIAMOND,
  };
  static const VastusChartLine lines[] = {
    VASTUS_CHART_LINE_SOLID, VASTUS_CHART_LINE_DASHED, VASTUS_CHART_LINE_DOTTED,
    VASTUS_CHART_LINE_DASH_DOT,
  };

  if (marker != NULL)
    *marker = markers[index % G_N_ELEMENTS (markers)];
  if (line != NULL)
    *line = lines[index % G_N_ELEMENTS (lines)];
}

VastusChartSeries *
vastus_chart_series_new (const char        *label,
                         guint              n_values,
                         VastusChartMarker  marker,
                         VastusChartLine    line)
{
  VastusChartSeries *series = g_new0 (VastusChartSeries, 1);

  series->label = g_strdup (label);
  series->marker = marker;
  series->line = line;
  series->n_values = n_values;
  series->values = g_new (double, n_values);
  series->status = g_new0 (VastusChartStatus, n_values);
  for (guint i = 0; i < n_values; i++)
    series->values[i] = NAN;
  return series;
}

void
vastus_chart_series_free (VastusChartSeries *series)
{
  if (series == NULL)
    return;
  g_free (series->label);
  g_free (series->criterion);
  g_free (series->values);
  g_free (series->status);
  g_free (series);
}

gboolean
vastus_chart_series_has_values (const VastusChartSeries *series)
{
  for (guint i = 0; series != NULL && i < series->n_values; i++)
    if (isfinite (series->values[i]))
      return TRUE;
  return FALSE;
}

/* Symmetry */

static void
symmetry_clear (gpointer p)
{
  VastusSymmetryChartData *data = p;

  timeline_clear (&data->time);
  g_free (data->title);
  g_free (data->y_label);
  g_ptr_array_unref (data->series);
  for (guint i = 0; i < data->thresholds->len; i++)
    g_free (g_array_index (data->thresholds, VastusChartThreshold, i).label);
  g_array_unref (data->thresholds);
}

VastusSymmetryChartData *
vastus_symmetry_chart_data_new (guint n_visits)
{
  VastusSymmetryChartData *data = g_rc_box_new0 (VastusSymmetryChartData);

  timeline_init (&data->time, n_visits);
  data->series = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_chart_series_free);
  data->thresholds = g_array_new (FALSE, FALSE, sizeof (VastusChartThreshold));
  return data;
}

VastusSymmetryChartData *
vastus_symmetry_chart_data_ref (VastusSymmetryChartData *data)
{
  return g_rc_box_acquire (data);
}

void
vastus_symmetry_chart_data_unref (VastusSymmetryChartData *data)
{
  g_rc_box_release_full (data, symmetry_clear);
}

void
vastus_symmetry_chart_data_add_series (VastusSymmetryChartData *data,
                                       VastusChartSeries       *series)
{
  g_return_if_fail (data != NULL);
  g_return_if_fail (series != NULL && series->n_values == data->time.n_visits);

  g_ptr_array_add (data->series, series);
}

void
vastus_symmetry_chart_data_add_threshold (VastusSymmetryChartData *data,
                                          double                   value,
                                          const char              *label)
{
  VastusChartThreshold threshold = { value, g_strdup (label) };

  g_return_if_fail (data != NULL);
  g_array_append_val (data->thresholds, threshold);
}

/* Progress */

static void
progress_clear (gpointer p)
{
  VastusProgressChartData *data = p;

  timeline_clear (&data->time);
  g_free (data->title);
  g_free (data->unit);
  g_free (data->baseline_label);
  vastus_chart_series_free (data->involved);
  vastus_chart_series_free (data->uninvolved);
}

VastusProgressChartData *
vastus_progress_chart_data_new (guint       n_visits,
                                const char *involved_label,
                                const char *uninvolved_label,
                                const char *unit)
{
  VastusProgressChartData *data = g_rc_box_new0 (VastusProgressChartData);

  timeline_init (&data->time, n_visits);
  data->unit = g_strdup (unit);
  data->involved = vastus_chart_series_new (involved_label, n_visits,
                                            VASTUS_CHART_MARKER_CIRCLE, VASTUS_CHART_LINE_SOLID);
  data->uninvolved = vastus_chart_series_new (uninvolved_label, n_visits,
                                              VASTUS_CHART_MARKER_SQUARE, VASTUS_CHART_LINE_DASHED);
  data->baseline_involved = NAN;
  data->baseline_uninvolved = NAN;
  return data;
}

VastusProgressChartData *
vastus_progress_chart_data_ref (VastusProgressChartData *data)
{
  return g_rc_box_acquire (data);
}

void
vastus_progress_chart_data_unref (VastusProgressChartData *data)
{
  g_rc_box_release_full (data, progress_clear);
}

/* Girth */

static void
girth_clear (gpointer p)
{
  VastusGirthChartData *data = p;

  timeline_clear (&data->time);
  g_free (data->title);
  vastus_chart_series_free (data->girth);
  vastus_chart_series_free (data->knee);
  g_free (data->effusion);
}

VastusGirthChartData *
vastus_girth_chart_data_new (guint n_visits)
{
  VastusGirthChartData *data = g_rc_box_new0 (VastusGirthChartData);

  timeline_init (&data->time, n_visits);
  data->girth = vastus_chart_series_new (NULL, n_visits,
                                         VASTUS_CHART_MARKER_CIRCLE, VASTUS_CHART_LINE_SOLID);
  data->knee = vastus_chart_series_new (NULL, n_visits,
                                        VASTUS_CHART_MARKER_SQUARE, VASTUS_CHART_LINE_DASHED);
  data->effusion = g_new (int, n_visits);
  for (guint i = 0; i < n_visits; i++)
    data->effusion[i] = -1;
  return data;
}

VastusGirthChartData *
vastus_girth_chart_data_ref (VastusGirthChartData *data)
{
  return g_rc_box_acquire (data);
}

void
vastus_girth_chart_data_unref (VastusGirthChartData *data)
{
  g_rc_box_release_full (data, girth_clear);
}

gboolean
vastus_girth_chart_data_has_values (const VastusGirthChartData *data)
{
  g_return_val_if_fail (data != NULL, FALSE);

  for (guint i = 0; i < data->time.n_visits; i++)
    if (data->effusion[i] >= 0)
      return TRUE;
  return vastus_chart_series_has_values (data->girth)
         || vastus_chart_series_has_values (data->knee);
}

const char *
vastus_girth_chart_data_unit (const VastusGirthChartData *data)
{
  return data->inches ? "in" : "cm";
}

VastusChartSeries *
vastus_girth_chart_data_display_series (const VastusGirthChartData *data,
                                        const VastusChartSeries    *series)
{
  VastusChartSeries *copy = vastus_chart_series_new (series->label, series->n_values,
                                                     series->marker, series->line);

  /* Converted here and nowhere else, so that the axis, the tooltips and the table agree. */
  for (guint i = 0; i < series->n_values; i++)
    copy->values[i] = data->inches ? series->values[i] / VASTUS_CM_PER_IN : series->values[i];
  memcpy (copy->status, series->status, series->n_values * sizeof *series->status);
  copy->criterion = g_strdup (series->criterion);
  return copy;
}

/* Criteria */

static void
criteria_row_free (VastusCriteriaChartRow *row)
{
  g_free (row->label);
  g_free (row->status);
  g_free (row);
}

static void
criteria_clear (gpointer p)
{
  VastusCriteriaChartData *data = p;

  timeline_clear (&data->time);
  g_free (data->title);
  g_ptr_array_unref (data->rows);
}

VastusCriteriaChartData *
vastus_criteria_chart_data_new (guint n_visits)
{
  VastusCriteriaChartData *data = g_rc_box_new0 (VastusCriteriaChartData);

  timeline_init (&data->time, n_visits);
  data->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) criteria_row_free);
  return data;
}

VastusCriteriaChartData *
vastus_criteria_chart_data_ref (VastusCriteriaChartData *data)
{
  return g_rc_box_acquire (data);
}

void
vastus_criteria_chart_data_unref (VastusCriteriaChartData *data)
{
  g_rc_box_release_full (data, criteria_clear);
}

VastusCriteriaChartRow *
vastus_criteria_chart_data_add_row (VastusCriteriaChartData *data,
                                    const char              *label)
{
  VastusCriteriaChartRow *row;

  g_return_val_if_fail (data != NULL, NULL);

  row = g_new0 (VastusCriteriaChartRow, 1);
  row->label = g_strdup (label);
  row->status = g_new (VastusChartStatus, data->time.n_visits);
  for (guint i = 0; i < data->time.n_visits; i++)
    row->status[i] = VASTUS_CHART_STATUS_NOT_TESTED;
  g_ptr_array_add (data->rows, row);
  return row;
}
