/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report's questionnaires: each score's first and latest value, the change, and whether it
 * reaches the minimal important change; the chart of the first questionnaire with scores.
 */
#define G_LOG_DOMAIN "vastus-report"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-chart-builder.h"
#include "vastus-instrument.h"
#include "vastus-questionnaire.h"
#include "vastus-report-data-private.h"

void
_vastus_report_prom_row_free (VastusReportPromRow *row)
{
  g_free (row->label);
  g_free (row->first);
  g_free (row->latest);
  g_free (row->change);
  g_free (row->mic);
  g_free (row);
}

static double
default_mic (const char *measure,
             gpointer    user_data)
{
  const VastusScale *scale = vastus_instrument_scale_for_measure (measure, NULL);

  return scale != NULL ? scale->mic : NAN;
}

/* "KOOS Pain" for a scale of a several-scale instrument, else the measure's short label. */
static char *
score_label (const VastusMeasure *measure)
{
  const VastusInstrument *instrument = NULL;
  const VastusScale *scale = vastus_instrument_scale_for_measure (measure->code, &instrument);

  if (scale != NULL && instrument->scales->len > 1)
    return g_strdup_printf ("%s %s", instrument->name, vastus_scale_get_label (scale));
  return g_strdup (vastus_measure_get_short_label (measure));
}

static void
add_row (VastusReportData    *data,
         const VastusHistory *history,
         const VastusMeasure *measure,
         char                *(*format_date) (const GDate *, gpointer),
         gpointer             date_data,
         VastusPromMicFunc    mic_for,
         gpointer             mic_data)
{
  guint n = vastus_history_get_n_visits (history);
  int first = -1, latest = -1;
  double first_value = NAN, latest_value = NAN, mic;
  VastusReportPromRow *row;
  g_autofree char *first_date = NULL, *latest_date = NULL;
  char shown[VASTUS_DISPLAY_NUMBER_SIZE];

  for (guint i = 0; i < n; i++)
    {
      double v = vastus_visit_combined_measure (vastus_history_get_visit (history, i), measure,
                                                VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL);

      if (isnan (v))
        continue;
      if (first < 0)
        first = i, first_value = v;
      latest = i, latest_value = v;
    }
  if (first < 0)
    return;

  mic = mic_for (measure->code, mic_data);
  row = g_new0 (VastusReportPromRow, 1);
  row->label = score_label (measure);
  /* Translators: a score and when it was given, "44.0 (2026-02-02)" or "44.0 (week 4)". */
  first_date = format_date (&vastus_history_get_visit (history, first)->date, date_data);
  latest_date = format_date (&vastus_history_get_visit (history, latest)->date, date_data);
  row->first = g_strdup_printf (_("%s (%s)"), vastus_display_number (first_value, 1, shown), first_date);
  row->latest = g_strdup_printf (_("%s (%s)"), vastus_display_number (latest_value, 1, shown), latest_date);
  if (latest > first)
    {
      double change = latest_value - first_value;

      row->change_class = vastus_change_judge (change, mic, measure->better);
      vastus_display_number (change, 1, shown);
      row->change = change > 0 ? g_strdup_printf ("+%s", shown) : g_strdup (shown);
    }
  else
    row->change = g_strdup ("—");
  if (isnan (mic))
    /* Translators: the questionnaire table's minimal important change column when the score has
     * none */
    row->mic = g_strdup (_("none set"));
  else if (row->change_class == VASTUS_CHANGE_UNKNOWN)
    row->mic = vastus_display_number_dup (mic, 1);
  else
    {
      /* Translators: whether a change reached the minimal important change, and in which
       * direction */
      const char *verdict = row->change_class == VASTUS_CHANGE_IMPROVED ? _("reached, better")
                            /* Translators: whether a score's change reached the minimal
                             * important change, and in which direction: it did, and the score
                             * got worse */
                            : row->change_class == VASTUS_CHANGE_WORSENED ? _("reached, worse")
                            /* Translators: whether a score's change reached the minimal
                             * important change */
                            : _("not reached");

      /* Translators: "16.7: reached, better". */
      row->mic = g_strdup_printf (_("%s: %s"), vastus_display_number (mic, 1, shown), verdict);
    }
  g_ptr_array_add (data->questionnaires, row);
}

void
_vastus_report_add_questionnaires (VastusReportData          *data,
                                   const VastusHistory       *history,
                                   char                      *(*format_date) (const GDate *, gpointer),
                                   gpointer                   date_data,
                                   const VastusReportOptions *options)
{
  VastusPromMicFunc mic_for = options->mic_for != NULL ? options->mic_for : default_mic;
  gpointer mic_data = options->mic_for != NULL ? options->mic_data : NULL;

  data->questionnaires = g_ptr_array_new_with_free_func ((GDestroyNotify) _vastus_report_prom_row_free);
  /* Scores from answers in the instruments' order, then the scores typed only. */
  for (guint i = 0; i < vastus_instruments_get_n (); i++)
    {
      const VastusInstrument *instrument = vastus_instruments_get_nth (i);

      for (guint k = 0; k < instrument->scales->len; k++)
        add_row (data, history,
                 vastus_catalog_lookup (((VastusScale *) g_ptr_array_index (instrument->scales, k))->measure),
                 format_date, date_data, mic_for, mic_data);
    }
  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    {
      const VastusMeasure *m = vastus_catalog_get_nth (i);

      if (m->category == VASTUS_CATEGORY_QUESTIONNAIRE && vastus_instrument_scale_for_measure (m->code, NULL) == NULL)
        add_row (data, history, m, format_date, date_data, mic_for, mic_data);
    }
  data->prom = vastus_chart_build_prom (history, NULL, mic_for, mic_data);
}
