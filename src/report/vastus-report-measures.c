/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report's key measures: a row per measure with the latest value of each leg, the LSI and
 * EPIC, the change since the previous and the first measurement; and the headline quadriceps LSI.
 */
#define G_LOG_DOMAIN "vastus-report"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-catalog.h"
#include "vastus-display.h"
#include "vastus-report-data-private.h"
#include "vastus-symmetry.h"
#include "vastus-units.h"
#include "vastus-value.h"

void
_vastus_report_measure_row_free (VastusReportMeasureRow *row)
{
  g_free (row->label);
  g_free (row->involved);
  g_free (row->uninvolved);
  g_free (row->lsi);
  g_free (row->epic);
  g_free (row->change_previous);
  g_free (row->change_first);
  g_free (row->when);
  g_free (row);
}

/* Values */

static const char *
display_unit (const VastusMeasure *measure,
              gboolean             imperial)
{
  return imperial ? vastus_measure_imperial_unit (measure) : NULL;
}

static char *
format_value (const VastusMeasure *measure,
              double               stored,
              gboolean             imperial)
{
  if (!isfinite (stored))
    return g_strdup ("—");
  return vastus_measure_format_value (measure, stored, display_unit (measure, imperial));
}

static char *
format_change (const VastusMeasure *measure,
               double               from,
               double               to,
               gboolean             imperial)
{
  double change = to - from;
  g_autofree char *magnitude = NULL;

  if (!isfinite (change))
    return g_strdup ("—");
  if (measure->kind == VASTUS_VALUE_BOOL)
    return g_strdup ("—");
  if (measure->kind == VASTUS_VALUE_GRADE)
    {
      long steps = lround (change);

      if (steps == 0)
        return g_strdup ("±0");
      /* Translators: a change of effusion grade, in grade steps, e.g. "−1 grade" */
      return g_strdup_printf (ngettext ("%s%ld grade", "%s%ld grades", labs (steps)),
                              steps > 0 ? "+" : "−", labs (steps));
    }
  magnitude = vastus_measure_format_value (measure, fabs (change), display_unit (measure, imperial));
  /* A change that rounds to zero ("0", "0.0 cm", "0,00 s") shows no sign. */
  {
    gboolean zero = TRUE;

    for (const char *p = magnitude; *p != '\0' && *p != ' ' && zero; p++)
      if (g_ascii_isdigit (*p) && *p != '0')
        zero = FALSE;
    if (zero)
      return g_strdup_printf ("±%s", magnitude);
  }
  return g_strdup_printf ("%s%s", change > 0 ? "+" : "−", magnitude);
}

static char *
format_percent (double value)
{
  char shown[VASTUS_DISPLAY_NUMBER_SIZE];

  return isfinite (value) ? g_strdup_printf ("%s %%", vastus_display_number (value, 1, shown)) : g_strdup ("—");
}

/* Key measures */

gboolean
_vastus_report_visit_has (const VastusVisit *visit,
                          const char        *code)
{
  for (guint i = 0; i < visit->measurements->len; i++)
    if (g_str_equal (((VastusMeasurement *) g_ptr_array_index (visit->measurements, i))->measure, code))
      return TRUE;
  return FALSE;
}

static VastusReportMeasureRow *
build_measure_row (const VastusHistory         *history,
                   const VastusMeasure         *measure,
                   guint                        n_visits,
                   const VastusReportDateStyle *dates,
                   gboolean                     imperial,
                   gboolean                     both_involved)
{
  VastusReportMeasureRow *row;
  VastusSymmetry latest = { 0 };
  double first = NAN, previous = NAN, now = NAN;
  int latest_index = -1;

  for (guint v = 0; v < n_visits; v++)
    {
      const VastusVisit *visit = vastus_history_get_visit (history, v);
      VastusSymmetry s;
      double value;

      if (!_vastus_report_visit_has (visit, measure->code))
        continue;
      vastus_symmetry_compute (history, v, measure->code, &s);
      if (!measure->two_sided)
        value = s.value;
      else if (both_involved)
        value = s.left;
      else
        value = s.involved;
      if (!isfinite (s.left) && !isfinite (s.right) && !isfinite (s.value))
        continue;
      latest = s;
      latest_index = (int) v;
      if (isfinite (value))
        {
          if (!isfinite (first))
            first = value;
          previous = now;
          now = value;
        }
    }
  if (latest_index < 0)
    return NULL;

  row = g_new0 (VastusReportMeasureRow, 1);
  row->code = measure->code;
  row->label = g_strdup (vastus_measure_get_label (measure));
  row->two_sided = measure->two_sided;
  if (!measure->two_sided)
    row->involved = format_value (measure, latest.value, imperial);
  else if (both_involved)
    {
      row->involved = format_value (measure, latest.left, imperial);
      row->uninvolved = format_value (measure, latest.right, imperial);
    }
  else
    {
      row->involved = format_value (measure, latest.involved, imperial);
      row->uninvolved = format_value (measure, latest.uninvolved, imperial);
    }
  row->lsi = format_percent (latest.lsi);
  row->epic = format_percent (latest.epic);
  row->lsi_below_90 = isfinite (latest.lsi) && latest.lsi < 90.0;
  row->change_previous = format_change (measure, previous, now, imperial);
  row->change_first = format_change (measure, first, now, imperial);
  row->when = _vastus_report_format_date (dates, &vastus_history_get_visit (history, latest_index)->date);
  return row;
}

/* The "Quadriceps LSI" tile shows the test the criteria are judged by: the measure the set's
 * quadriceps LSI criterion used, else the first quadriceps measure with an LSI (catalog order);
 * and it says which test that is. */
void
_vastus_report_choose_headline (VastusReportData *data,
                                GPtrArray        *results)
{
  const VastusReportMeasureRow *chosen = NULL;

  for (guint i = 0; results != NULL && i < results->len && chosen == NULL; i++)
    {
      const VastusCriterionResult *r = g_ptr_array_index (results, i);

      if (r->criterion->metric != VASTUS_METRIC_LSI || r->status == VASTUS_STATUS_NOT_TESTED
          || r->measure == NULL || !g_str_has_prefix (r->measure, "quadriceps"))
        continue;
      for (guint m = 0; m < data->measures->len && chosen == NULL; m++)
        {
          const VastusReportMeasureRow *row = g_ptr_array_index (data->measures, m);

          if (g_strcmp0 (row->code, r->measure) == 0 && g_strcmp0 (row->lsi, "—") != 0)
            chosen = row;
        }
    }
  for (guint m = 0; m < data->measures->len && chosen == NULL; m++)
    {
      const VastusReportMeasureRow *row = g_ptr_array_index (data->measures, m);

      if (g_str_has_prefix (row->code, "quadriceps") && g_strcmp0 (row->lsi, "—") != 0)
        chosen = row;
    }
  if (chosen == NULL)
    return;
  /* Translators: the report's headline figure: the quadriceps limb symmetry index */
  data->headline_lsi_label = g_strdup (_("Quadriceps LSI"));
  data->headline_lsi = g_strdup (chosen->lsi);
  /* Translators: under the LSI on the report's first page: the test and when it was done,
   * "Quadriceps isometric peak torque (fixed dynamometer), 2026-11-17" */
  data->headline_lsi_test = g_strdup_printf (_("%s, %s"), chosen->label, chosen->when);
}

void
_vastus_report_add_measures (VastusReportData            *data,
                             const VastusHistory         *history,
                             guint                        n_visits,
                             const VastusReportDateStyle *dates,
                             gboolean                     imperial)
{
  gboolean both = history->episode->involved_side == VASTUS_SIDE_BOTH;

  if (both)
    {
      data->column_a = g_strdup (_("Left"));
      data->column_b = g_strdup (_("Right"));
    }
  else
    {
      VastusSide involved = vastus_history_involved_side (history);

      /* Translators: the report's column header for the involved knee; %s is L or R, its side */
      data->column_a = g_strdup_printf (_("Involved (%s)"), involved == VASTUS_SIDE_LEFT
                                        /* Translators: short for left, in "Involved (L)" */
                                        ? _("L")
                                        /* Translators: short for right, in "Involved (R)" */
                                        : _("R"));
      /* Translators: the report's column header for the uninvolved knee; %s is L or R, its side */
      data->column_b = g_strdup_printf (_("Uninvolved (%s)"), involved == VASTUS_SIDE_LEFT ? _("R") : _("L"));
    }
  for (guint m = 0; m < vastus_catalog_get_n_measures (); m++)
    {
      const VastusMeasure *measure = vastus_catalog_get_nth (m);
      VastusReportMeasureRow *row = build_measure_row (history, measure, n_visits, dates, imperial,
                                                       both);

      if (row == NULL)
        continue;
      g_ptr_array_add (data->measures, row);
    }
}
