/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report's charts: symmetry, strength, girth and questionnaires, drawn as vectors in the PDF
 * from the same builders and renderers as the screen, with the visits up to the report date.
 */
#define G_LOG_DOMAIN "vastus-report"

#include "config.h"

#include <math.h>

#include "vastus-catalog.h"
#include "vastus-chart-builder.h"
#include "vastus-report-data-private.h"
#include "vastus-units.h"

static const char *
progress_measure (const VastusHistory *history)
{
  const char *fallback = NULL;

  for (guint m = 0; m < vastus_catalog_get_n_measures (); m++)
    {
      const VastusMeasure *measure = vastus_catalog_get_nth (m);

      if (measure->category != VASTUS_CATEGORY_STRENGTH || !measure->two_sided)
        continue;
      for (guint i = 0; i < vastus_history_get_n_visits (history); i++)
        if (_vastus_report_visit_has (vastus_history_get_visit (history, i), measure->code))
          {
            if (g_str_has_prefix (measure->code, "quadriceps"))
              return measure->code;
            if (fallback == NULL)
              fallback = measure->code;
            break;
          }
    }
  return fallback;
}

/* The strength chart in the clinic's units, as the table. */
static void
convert_progress (VastusProgressChartData *progress,
                  const char              *unit)
{
  VastusChartSeries *series[] = { progress->involved, progress->uninvolved };

  if (unit == NULL || g_strcmp0 (progress->unit, unit) == 0)
    return;
  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    for (guint i = 0; series[s] != NULL && i < series[s]->n_values; i++)
      if (isfinite (series[s]->values[i]))
        vastus_unit_from_stored (unit, series[s]->values[i], &series[s]->values[i]);
  if (isfinite (progress->baseline_involved))
    vastus_unit_from_stored (unit, progress->baseline_involved, &progress->baseline_involved);
  if (isfinite (progress->baseline_uninvolved))
    vastus_unit_from_stored (unit, progress->baseline_uninvolved, &progress->baseline_uninvolved);
  g_free (progress->unit);
  progress->unit = g_strdup (vastus_unit_symbol (unit)[0] != '\0' ? vastus_unit_symbol (unit) : unit);
}

void
_vastus_report_add_charts (VastusReportData            *data,
                           const VastusHistory         *history,
                           guint                        n_visits,
                           const VastusCriteriaSet     *set,
                           const GDate                 *index,
                           const VastusReportDateStyle *dates,
                           const VastusReportOptions   *options)
{
  const VastusPatient *patient = history->patient;
  const VastusEpisode *episode = history->episode;
  guint n_all = vastus_history_get_n_visits (history);
  g_autoptr(VastusHistory) upto = NULL;
  const VastusHistory *charted = history;
  const char *code;

  /* Only visits up to the report date. */
  if (n_visits < n_all)
    {
      upto = vastus_history_new (vastus_patient_copy (patient), vastus_episode_copy (episode));
      for (guint v = 0; v < n_visits; v++)
        vastus_history_add_visit (upto, vastus_visit_copy (vastus_history_get_visit (history, v)));
      charted = upto;
    }
  if (n_visits > 0)
    {
      VastusSymmetryChartData *symmetry = vastus_chart_build_symmetry (charted, NULL, set);
      gboolean any = FALSE;

      for (guint i = 0; symmetry != NULL && i < symmetry->series->len; i++)
        any |= vastus_chart_series_has_values (g_ptr_array_index (symmetry->series, i));
      if (any)
        data->symmetry = symmetry;
      else if (symmetry != NULL)
        vastus_symmetry_chart_data_unref (symmetry);

      code = progress_measure (charted);
      if (code != NULL)
        {
          data->progress = vastus_chart_build_progress (charted, code);
          if (data->progress != NULL
              && !vastus_chart_series_has_values (data->progress->involved)
              && !vastus_chart_series_has_values (data->progress->uninvolved))
            g_clear_pointer (&data->progress, vastus_progress_chart_data_unref);
          if (data->progress != NULL)
            {
              const VastusMeasure *measure = vastus_catalog_lookup (code);

              /* In the clinic's units, as the table. */
              convert_progress (data->progress,
                                options->imperial ? vastus_measure_imperial_unit (measure) : NULL);
            }
        }

      _vastus_report_add_questionnaires (data, charted, _vastus_report_format_date_cb,
                                         (gpointer) dates, options);
      data->girth = vastus_chart_build_girth (charted, NULL);
      if (data->girth != NULL && !vastus_girth_chart_data_has_values (data->girth))
        g_clear_pointer (&data->girth, vastus_girth_chart_data_unref);
      if (data->girth != NULL)
        data->girth->inches = options->imperial;

      /* Without a surgery or injury date the axes would show dates: count from the first visit. */
      if (options->deidentify && vastus_episode_get_index_date (episode) == NULL && index != NULL)
        {
          if (data->symmetry != NULL)
            vastus_chart_timeline_set_index (&data->symmetry->time, index, data->index_label,
                                             data->weeks_label);
          if (data->progress != NULL)
            vastus_chart_timeline_set_index (&data->progress->time, index, data->index_label,
                                             data->weeks_label);
          if (data->girth != NULL)
            vastus_chart_timeline_set_index (&data->girth->time, index, data->index_label,
                                             data->weeks_label);
          if (data->prom != NULL)
            vastus_chart_timeline_set_index (&data->prom->time, index, data->index_label,
                                             data->weeks_label);
        }
    }
}
