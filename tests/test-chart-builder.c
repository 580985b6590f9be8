/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chart data built from an episode's history: values, met/not met, baselines, first-met dates.
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "vastus-chart-builder.h"
#include "vastus-criteria-chart.h"
#include "vastus-symmetry-chart.h"

#include "clinical-fixture.h"

/* ACL reconstruction of the left knee on 5 January 2026; a pre-operative visit (its trials
 * marked baseline) and two after. Quadriceps HHD left/right: 400/480, 200/450, 420/450 N. */
static VastusHistory *
make_history (void)
{
  VastusHistory *history = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, "2026-01-05");
  VastusVisit *v;

  v = fx_visit (history, "2025-12-15");
  fx_trial (v, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 400)->baseline = TRUE;
  fx_trial (v, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 480)->baseline = TRUE;
  fx_pair (v, "thigh_girth_15", 50, 50.5);
  fx_trial (v, "effusion_stroke", VASTUS_SIDE_LEFT, 1, 1);

  v = fx_visit (history, "2026-02-01");
  fx_pair (v, "quadriceps_hhd", 200, 450);
  fx_pair (v, "thigh_girth_15", 48, 51);
  fx_trial (v, "effusion_stroke", VASTUS_SIDE_LEFT, 1, 3);

  v = fx_visit (history, "2026-04-01");
  fx_pair (v, "quadriceps_hhd", 420, 450);
  fx_pair (v, "single_hop", 140, NAN);       /* one side only: no LSI */
  return history;
}

static VastusCriteriaSet *
make_set (void)
{
  VastusCriteriaSet *set = vastus_criteria_set_new ();
  VastusCriterion *c = vastus_criterion_new ();
  const char *measures[] = { "quadriceps_hhd", NULL };

  set->id = g_strdup ("test");
  set->title = g_strdup ("Test set");
  c->id = g_strdup ("quadriceps-lsi");
  c->label = g_strdup ("Quadriceps LSI \342\211\245 90 %");
  c->metric = VASTUS_METRIC_LSI;
  g_strfreev (c->measures);
  c->measures = g_strdupv ((char **) measures);
  c->comparator = VASTUS_COMPARATOR_GE;
  c->threshold = 90;
  c->unit = g_strdup ("%");
  g_ptr_array_add (set->criteria, c);
  return set;
}

static guint32
julian (const char *text)
{
  GDate d = fx_date (text);

  return g_date_get_julian (&d);
}

static void
test_symmetry (void)
{
  g_autoptr(VastusHistory) history = make_history ();
  g_autoptr(VastusCriteriaSet) set = make_set ();
  g_autoptr(VastusSymmetryChartData) data = vastus_chart_build_symmetry (history, NULL, set);
  const VastusChartSeries *lsi, *epic;

  g_assert_cmpuint (data->time.n_visits, ==, 3);
  g_assert_cmpuint (data->time.index_date, ==, julian ("2026-01-05"));
  g_assert_cmpuint (data->time.dates[2], ==, julian ("2026-04-01"));
  g_assert_cmpuint (data->series->len, ==, 2);

  lsi = g_ptr_array_index (data->series, 0);
  g_assert_cmpfloat_with_epsilon (lsi->values[0], 400.0 / 480 * 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (lsi->values[1], 200.0 / 450 * 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (lsi->values[2], 420.0 / 450 * 100, 1e-9);
  g_assert_cmpint (lsi->status[0], ==, VASTUS_CHART_STATUS_NOT_MET);
  g_assert_cmpint (lsi->status[1], ==, VASTUS_CHART_STATUS_NOT_MET);
  g_assert_cmpint (lsi->status[2], ==, VASTUS_CHART_STATUS_MET);
  g_assert_cmpint (lsi->marker, ==, VASTUS_CHART_MARKER_CIRCLE);
  g_assert_cmpint (lsi->line, ==, VASTUS_CHART_LINE_SOLID);

  /* EPIC: involved now ÷ the uninvolved pre-operative 480 N; the second series: squares,
   * dashed. */
  epic = g_ptr_array_index (data->series, 1);
  g_assert_cmpint (epic->marker, ==, VASTUS_CHART_MARKER_SQUARE);
  g_assert_cmpint (epic->line, ==, VASTUS_CHART_LINE_DASHED);
  g_assert_cmpfloat_with_epsilon (epic->values[2], 420.0 / 480 * 100, 1e-9);
  g_assert_cmpint (epic->status[2], ==, VASTUS_CHART_STATUS_NOT_MET);   /* 87.5 < 90 */

  g_assert_cmpuint (data->thresholds->len, ==, 1);
  g_assert_cmpfloat (g_array_index (data->thresholds, VastusChartThreshold, 0).value, ==, 90);
}

static void
test_progress (void)
{
  g_autoptr(VastusHistory) history = make_history ();
  g_autoptr(VastusProgressChartData) data = vastus_chart_build_progress (history, "quadriceps_hhd");

  g_assert_nonnull (data);
  g_assert_cmpstr (data->involved->label, ==, "Involved (L)");
  g_assert_cmpstr (data->uninvolved->label, ==, "Uninvolved (R)");
  g_assert_cmpstr (data->unit, ==, "N");
  g_assert_cmpfloat (data->involved->values[1], ==, 200);
  g_assert_cmpfloat (data->uninvolved->values[2], ==, 450);
  g_assert_cmpfloat (data->baseline_involved, ==, 400);
  g_assert_cmpfloat (data->baseline_uninvolved, ==, 480);

  g_assert_null (vastus_chart_build_progress (history, "pain_nrs"));   /* not two-sided */
  g_assert_null (vastus_chart_build_progress (history, "no_such_measure"));
}

static void
test_girth (void)
{
  g_autoptr(VastusHistory) history = make_history ();
  g_autoptr(VastusGirthChartData) data = vastus_chart_build_girth (history, NULL);

  /* Atrophy = uninvolved − involved. */
  g_assert_cmpfloat_with_epsilon (data->girth->values[0], 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (data->girth->values[1], 3.0, 1e-9);
  g_assert_true (isnan (data->girth->values[2]));
  g_assert_cmpint (data->effusion[0], ==, 1);
  g_assert_cmpint (data->effusion[1], ==, 3);
  g_assert_cmpint (data->effusion[2], ==, -1);
}

static void
test_criteria (void)
{
  g_autoptr(VastusHistory) history = make_history ();
  g_autoptr(VastusCriteriaSet) set = make_set ();
  g_autoptr(VastusCriteriaChartData) data = vastus_chart_build_criteria (history, set);
  const VastusCriteriaChartRow *row;

  g_assert_cmpstr (data->title, ==, "Test set");
  g_assert_cmpuint (data->rows->len, ==, 1);
  row = g_ptr_array_index (data->rows, 0);
  g_assert_cmpint (row->status[0], ==, VASTUS_CHART_STATUS_NOT_MET);
  g_assert_cmpint (row->status[1], ==, VASTUS_CHART_STATUS_NOT_MET);
  g_assert_cmpint (row->status[2], ==, VASTUS_CHART_STATUS_MET);
  g_assert_cmpuint (row->first_met, ==, julian ("2026-04-01"));
}

/* A history without visits builds empty data that renders the empty state. */
static void
test_empty_history (void)
{
  g_autoptr(VastusHistory) history = fx_history (VASTUS_SIDE_RIGHT, VASTUS_SEX_MALE, NULL);
  g_autoptr(VastusCriteriaSet) set = make_set ();
  g_autoptr(VastusSymmetryChartData) sym = vastus_chart_build_symmetry (history, NULL, set);
  g_autoptr(VastusCriteriaChartData) crit = vastus_chart_build_criteria (history, set);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 200);
  cairo_t *cr = cairo_create (surface);
  VastusChartStyle style;
  VastusChartLayout layout = { 0 };

  vastus_chart_style_init_light (&style);
  g_assert_cmpuint (sym->time.n_visits, ==, 0);
  g_assert_cmpuint (sym->time.index_date, ==, 0);
  vastus_symmetry_chart_render_full (sym, &style, cr, 300, 200, &layout);
  g_assert_true (layout.empty);
  vastus_criteria_chart_render_full (crit, &style, cr, 300, 200, &layout);
  g_assert_true (layout.empty);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Four series (three LSI and the first one's EPIC) that run close together: each has its own
 * marker and dash pattern, so that none hides under another in black and white. */
static void
test_symmetry_distinct (void)
{
  g_autoptr(VastusHistory) history = make_history ();
  const char *codes[] = { "quadriceps_hhd", "single_hop", "crossover_hop", NULL };
  g_autoptr(VastusSymmetryChartData) data = NULL;
  VastusVisit *v = g_ptr_array_index (history->visits, 2);

  /* The same LSI for both hops at the last visit: 140 / 155 = 90.3 %. */
  fx_trial (v, "single_hop", VASTUS_SIDE_RIGHT, 1, 155);
  fx_pair (v, "crossover_hop", 140, 155);
  data = vastus_chart_build_symmetry (history, codes, NULL);
  g_assert_cmpuint (data->series->len, ==, 4);
  g_assert_cmpfloat_with_epsilon (((VastusChartSeries *) g_ptr_array_index (data->series, 2))->values[2],
                                  140.0 / 155 * 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (((VastusChartSeries *) g_ptr_array_index (data->series, 3))->values[2],
                                  140.0 / 155 * 100, 1e-9);
  for (guint a = 0; a < data->series->len; a++)
    for (guint b = a + 1; b < data->series->len; b++)
      {
        const VastusChartSeries *sa = g_ptr_array_index (data->series, a);
        const VastusChartSeries *sb = g_ptr_array_index (data->series, b);

        g_assert_cmpint (sa->marker, !=, sb->marker);
        g_assert_cmpint (sa->line, !=, sb->line);
      }
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/builder/symmetry", test_symmetry);
  g_test_add_func ("/charts/builder/symmetry-distinct", test_symmetry_distinct);
  g_test_add_func ("/charts/builder/progress", test_progress);
  g_test_add_func ("/charts/builder/girth", test_girth);
  g_test_add_func ("/charts/builder/criteria", test_criteria);
  g_test_add_func ("/charts/builder/empty-history", test_empty_history);
  return g_test_run ();
}
