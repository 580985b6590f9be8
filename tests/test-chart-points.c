/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A prepared chart in words: the chart view's accessible name, the point a keyboard user is
 * on, and the tooltip listing every series at a visit. Dates worked out by hand from the
 * fixture's surgery on 5 January 2026 (January has 26 days left after the 5th).
 */
#include "config.h"

#include <locale.h>

#include "vastus-chart-points.h"
#include "vastus-girth-chart.h"

#include "chart-fixtures.h"

static void
test_symmetry (void)
{
  g_autoptr(VastusSymmetryChartData) data = fixture_symmetry (TRUE);
  VastusChartSeries *quad = g_ptr_array_index (data->series, 0);
  guint ids[8];
  g_autofree char *name = NULL, *met = NULL, *not_met = NULL, *missing = NULL;
  g_autofree char *visit = NULL, *markup = NULL;

  quad->criterion = g_strdup ("RTS \342\211\245 90 %");
  name = vastus_chart_points_name (VASTUS_CHART_KIND_SYMMETRY, data);
  g_assert_cmpstr (name, ==, "Limb symmetry over time, 10 visits");
  g_assert_cmpuint (vastus_chart_points_series (VASTUS_CHART_KIND_SYMMETRY, data, ids, 8), ==, 3);
  g_assert_cmpuint (ids[0], ==, 0);
  g_assert_cmpuint (ids[2], ==, 2);

  /* Day 170: 24 June, 170 / 7 = 24.3 weeks; 91.5 % meets the 90 % line. */
  met = vastus_chart_points_describe (VASTUS_CHART_KIND_SYMMETRY, data, 0, 8);
  g_assert_cmpstr (met, ==, "Quadriceps LSI: 91.5 %, meets RTS \342\211\245 90 %; "
                            "2026-06-24 (wk 24.3). Visit 9 of 10.");
  /* Day 13: 18 January, 1.9 weeks; 41 % does not. */
  not_met = vastus_chart_points_describe (VASTUS_CHART_KIND_SYMMETRY, data, 0, 1);
  g_assert_cmpstr (not_met, ==, "Quadriceps LSI: 41.0 %, does not meet RTS \342\211\245 90 %; "
                                "2026-01-18 (wk 1.9). Visit 2 of 10.");
  /* Day −21: 15 December 2025, the single hop not yet tested. */
  missing = vastus_chart_points_describe (VASTUS_CHART_KIND_SYMMETRY, data, 1, 0);
  g_assert_cmpstr (missing, ==, "Single hop LSI: not measured; 2025-12-15 (wk -3.0). Visit 1 of 10.");

  /* The tooltip: every series at the visit. */
  visit = vastus_chart_points_describe_visit (VASTUS_CHART_KIND_SYMMETRY, data, 8, -1, FALSE);
  g_assert_cmpstr (visit, ==, "2026-06-24 (wk 24.3)\n"
                              "Quadriceps LSI: 91.5 %, meets RTS \342\211\245 90 %\n"
                              "Single hop LSI: 93.0 %\n"
                              "Quadriceps EPIC: 80.0 %");
  markup = vastus_chart_points_describe_visit (VASTUS_CHART_KIND_SYMMETRY, data, 8, 1, TRUE);
  g_assert_cmpstr (markup, ==, "<b>2026-06-24 (wk 24.3)</b>\n"
                               "Quadriceps LSI: 91.5 %, meets RTS \342\211\245 90 %\n"
                               "<b>Single hop LSI: 93.0 %</b>\n"
                               "Quadriceps EPIC: 80.0 %");
}

static void
test_progress (void)
{
  g_autoptr(VastusProgressChartData) data = fixture_progress ();
  g_autofree char *involved = NULL, *uninvolved = NULL;

  /* Day 62: 8 March, 8.9 weeks; the involved leg was not measured that day. */
  involved = vastus_chart_points_describe (VASTUS_CHART_KIND_PROGRESS, data, 0, 4);
  g_assert_cmpstr (involved, ==, "Involved (L): not measured; 2026-03-08 (wk 8.9). Visit 5 of 10.");
  uninvolved = vastus_chart_points_describe (VASTUS_CHART_KIND_PROGRESS, data, 1, 4);
  g_assert_cmpstr (uninvolved, ==, "Uninvolved (R): 455.0 N, pre-op 478.0 N; 2026-03-08 (wk 8.9). "
                                   "Visit 5 of 10.");
}

static void
test_girth (void)
{
  g_autoptr(VastusGirthChartData) data = fixture_girth ();
  VastusChartPoint point;
  guint ids[4];
  g_autofree char *thigh = NULL, *effusion = NULL, *name = NULL;

  /* Thigh and effusion measured, the knee not: read top to bottom. */
  g_assert_cmpuint (vastus_chart_points_series (VASTUS_CHART_KIND_GIRTH, data, ids, 4), ==, 2);
  g_assert_cmpuint (ids[0], ==, VASTUS_GIRTH_SERIES_THIGH);
  g_assert_cmpuint (ids[1], ==, VASTUS_GIRTH_SERIES_EFFUSION);

  /* 2.6 cm in inches: 2.6 / 2.54 = 1.02. */
  data->inches = TRUE;
  g_assert_true (vastus_chart_points_get (VASTUS_CHART_KIND_GIRTH, data, VASTUS_GIRTH_SERIES_THIGH, 1,
                                          &point));
  g_assert_cmpfloat_with_epsilon (point.value, 2.6 / 2.54, 1e-9);
  thigh = vastus_chart_points_describe (VASTUS_CHART_KIND_GIRTH, data, VASTUS_GIRTH_SERIES_THIGH, 1);
  g_assert_cmpstr (thigh, ==, "Thigh girth 15 cm: 1.0 in; 2026-01-18 (wk 1.9). Visit 2 of 10.");
  /* Grade 3 of 0, trace, 1+, 2+, 3+ is 2+. */
  effusion = vastus_chart_points_describe (VASTUS_CHART_KIND_GIRTH, data, VASTUS_GIRTH_SERIES_EFFUSION,
                                           1);
  g_assert_cmpstr (effusion, ==, "Effusion: 2+; 2026-01-18 (wk 1.9). Visit 2 of 10.");
  /* Visit 6 has no grade. */
  g_assert_false (vastus_chart_points_get (VASTUS_CHART_KIND_GIRTH, data, VASTUS_GIRTH_SERIES_EFFUSION,
                                           6, &point));
  name = vastus_chart_points_name (VASTUS_CHART_KIND_GIRTH, data);
  g_assert_cmpstr (name, ==, "Girth and swelling over time, 10 visits");
}

static void
test_criteria (void)
{
  g_autoptr(VastusCriteriaChartData) data = fixture_criteria (FALSE);
  VastusCriteriaChartRow *row;
  g_autofree char *met = NULL, *markup = NULL;

  met = vastus_chart_points_describe (VASTUS_CHART_KIND_CRITERIA, data, 0, 8);
  g_assert_cmpstr (met, ==, "Quadriceps LSI \342\211\245 90 %: met; 2026-06-24 (wk 24.3). Visit 9 of 10.");

  /* A clinic's own label with markup characters is escaped in the tooltip. */
  row = g_ptr_array_index (data->rows, 4);
  g_free (row->label);
  row->label = g_strdup ("Pain < 2 & no swelling");
  markup = vastus_chart_points_describe_visit (VASTUS_CHART_KIND_CRITERIA, data, 0, 0, TRUE);
  g_assert_nonnull (strstr (markup, "\nPain &lt; 2 &amp; no swelling: not tested"));
  g_assert_nonnull (strstr (markup, "<b>Quadriceps LSI \342\211\245 90 %: not met</b>"));
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/points/symmetry", test_symmetry);
  g_test_add_func ("/charts/points/progress", test_progress);
  g_test_add_func ("/charts/points/girth", test_girth);
  g_test_add_func ("/charts/points/criteria", test_criteria);
  return g_test_run ();
}
