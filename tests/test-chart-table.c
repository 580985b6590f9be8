/* test-chart-table.c: prepared chart data shown as a table, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "ui-safety-util.h"
#include "vastus-chart-table.h"

/* Surgery on 5 January 2026; visits 21 days before, 42 and 98 days after. */
static void
set_timeline (VastusChartTimeline *time)
{
  static const int days[] = { -21, 42, 98 };
  GDate surgery, date;

  g_date_clear (&surgery, 1);
  g_date_set_dmy (&surgery, 5, G_DATE_JANUARY, 2026);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      date = surgery;
      if (days[i] < 0)
        g_date_subtract_days (&date, -days[i]);
      else
        g_date_add_days (&date, days[i]);
      vastus_chart_timeline_set_visit (time, i, &date, 10 + i);
    }
  vastus_chart_timeline_set_index (time, &surgery, "Surgery", "Weeks since surgery");
}

static VastusChartSeries *
make_series (const char              *label,
             const double            *values,
             const VastusChartStatus *status)
{
  VastusChartSeries *s = vastus_chart_series_new (label, 3, VASTUS_CHART_MARKER_CIRCLE,
                                                  VASTUS_CHART_LINE_SOLID);

  for (guint i = 0; i < 3; i++)
    {
      s->values[i] = values[i];
      s->status[i] = status[i];
    }
  return s;
}

static VastusSymmetryChartData *
make_symmetry (void)
{
  static const double quad[] = { 84, NAN, 91.46 };
  static const VastusChartStatus quad_status[] = {
    VASTUS_CHART_STATUS_NOT_MET, VASTUS_CHART_STATUS_NOT_TESTED, VASTUS_CHART_STATUS_MET };
  static const double hop[] = { NAN, 78.04, 96.26 };
  static const VastusChartStatus hop_status[] = {
    VASTUS_CHART_STATUS_NOT_TESTED, VASTUS_CHART_STATUS_NOT_MET, VASTUS_CHART_STATUS_MET };
  static const double epic[] = { 50, 63.33, 80 };
  static const VastusChartStatus none[] = {
    VASTUS_CHART_STATUS_NONE, VASTUS_CHART_STATUS_NONE, VASTUS_CHART_STATUS_NONE };
  VastusSymmetryChartData *data = vastus_symmetry_chart_data_new (3);

  set_timeline (&data->time);
  data->title = g_strdup ("Limb symmetry");
  data->y_label = g_strdup ("LSI (%)");
  vastus_symmetry_chart_data_add_series (data, make_series ("Quadriceps LSI", quad, quad_status));
  vastus_symmetry_chart_data_add_series (data, make_series ("Single hop LSI", hop, hop_status));
  vastus_symmetry_chart_data_add_series (data, make_series ("Quadriceps EPIC", epic, none));
  vastus_symmetry_chart_data_add_threshold (data, 90, "RTS ≥ 90 %");
  return data;
}

static void
test_symmetry_rows (void)
{
  /* Derived by hand: dates from the surgery date, weeks = days / 7, values to one decimal. */
  static const char *expected[3][5] = {
    { "2025-12-15", "-3.0", "84.0 % ✗ not met", "not measured", "50.0 %" },
    { "2026-02-16", "6.0", "not measured", "78.0 % ✗ not met", "63.3 %" },
    { "2026-04-13", "14.0", "91.5 % ✓ met", "96.3 % ✓ met", "80.0 %" },
  };
  static const char *titles[] = {
    "Date", "Weeks since surgery", "Quadriceps LSI", "Single hop LSI", "Quadriceps EPIC" };
  g_autoptr(VastusSymmetryChartData) data = make_symmetry ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *table = vastus_chart_table_new ();

  g_object_ref (table);
  vastus_chart_table_set_data (VASTUS_CHART_TABLE (table), VASTUS_CHART_KIND_SYMMETRY, data);
  g_assert_cmpuint (vastus_chart_table_get_n_rows (VASTUS_CHART_TABLE (table)), ==, 3);
  g_assert_cmpuint (vastus_chart_table_get_n_columns (VASTUS_CHART_TABLE (table)), ==, 5);
  for (guint c = 0; c < 5; c++)
    g_assert_cmpstr (vastus_chart_table_get_column_title (VASTUS_CHART_TABLE (table), c), ==,
                     titles[c]);
  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 5; c++)
      g_assert_cmpstr (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), r, c), ==,
                       expected[r][c]);

  /* What is on screen is the same text. */
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 300);
  gtk_window_set_child (GTK_WINDOW (window), table);
  ui_show (GTK_WINDOW (window), table);
  g_assert_cmpuint (g_list_model_get_n_items (
                      G_LIST_MODEL (gtk_column_view_get_model (
                        vastus_chart_table_get_column_view (VASTUS_CHART_TABLE (table))))), ==, 3);
  g_assert_true (ui_find_label (table, "91.5 % ✓ met"));
  g_assert_true (ui_find_label (table, "78.0 % ✗ not met"));
  g_assert_true (ui_find_label (table, "2025-12-15"));
  ui_screenshot (window, "chart-table-symmetry");

  /* Cleared. */
  vastus_chart_table_set_data (VASTUS_CHART_TABLE (table), VASTUS_CHART_KIND_SYMMETRY, NULL);
  g_assert_cmpuint (vastus_chart_table_get_n_rows (VASTUS_CHART_TABLE (table)), ==, 0);
  g_assert_cmpuint (vastus_chart_table_get_n_columns (VASTUS_CHART_TABLE (table)), ==, 0);
  ui_iterate ();

  gtk_window_destroy (GTK_WINDOW (window));
  ui_iterate ();
  g_assert_finalize_object (table);
}

static void
test_progress_baseline (void)
{
  g_autoptr(VastusProgressChartData) data =
    vastus_progress_chart_data_new (3, "Involved (L)", "Uninvolved (R)", "N");
  GtkWidget *table = g_object_ref_sink (vastus_chart_table_new ());
  static const double inv[] = { 210, 250.55, NAN };
  static const double uninv[] = { 400, 401, 399.94 };

  set_timeline (&data->time);
  data->title = g_strdup ("Quadriceps strength");
  for (guint i = 0; i < 3; i++)
    {
      data->involved->values[i] = inv[i];
      data->uninvolved->values[i] = uninv[i];
    }
  data->baseline_involved = 380;
  data->baseline_uninvolved = 395;
  data->baseline_label = g_strdup ("pre-injury");

  vastus_chart_table_set_data (VASTUS_CHART_TABLE (table), VASTUS_CHART_KIND_PROGRESS, data);
  g_assert_cmpuint (vastus_chart_table_get_n_rows (VASTUS_CHART_TABLE (table)), ==, 4);
  g_assert_cmpuint (vastus_chart_table_get_n_columns (VASTUS_CHART_TABLE (table)), ==, 4);
  g_assert_cmpstr (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), 0, 0), ==, "pre-injury");
  g_assert_cmpstr (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), 0, 2), ==, "380.0 N");
  g_assert_cmpstr (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), 2, 2), ==, "250.6 N");
  g_assert_cmpstr (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), 3, 2), ==, "not measured");
  g_assert_cmpstr (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), 3, 3), ==, "399.9 N");
  g_assert_finalize_object (table);
}

static void
test_criteria_and_girth (void)
{
  g_autoptr(VastusCriteriaChartData) criteria = vastus_criteria_chart_data_new (3);
  g_autoptr(VastusGirthChartData) girth = vastus_girth_chart_data_new (3);
  GtkWidget *table = g_object_ref_sink (vastus_chart_table_new ());
  VastusCriteriaChartRow *row;

  set_timeline (&criteria->time);
  row = vastus_criteria_chart_data_add_row (criteria, "Quadriceps LSI ≥ 90 %");
  row->status[1] = VASTUS_CHART_STATUS_NOT_MET;
  row->status[2] = VASTUS_CHART_STATUS_MET;
  vastus_chart_table_set_data (VASTUS_CHART_TABLE (table), VASTUS_CHART_KIND_CRITERIA, criteria);
  g_assert_cmpuint (vastus_chart_table_get_n_rows (VASTUS_CHART_TABLE (table)), ==, 3);
  g_assert_cmpstr (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), 0, 2), ==, "not tested");
  g_assert_cmpstr (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), 1, 2), ==, "✗ not met");
  g_assert_cmpstr (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), 2, 2), ==, "✓ met");

  set_timeline (&girth->time);
  girth->girth->values[0] = 0.25;
  girth->girth->values[1] = 2.04;
  girth->girth->values[2] = NAN;
  girth->effusion[0] = -1;
  girth->effusion[1] = 2;
  girth->effusion[2] = 1;
  vastus_chart_table_set_data (VASTUS_CHART_TABLE (table), VASTUS_CHART_KIND_GIRTH, girth);
  g_assert_cmpuint (vastus_chart_table_get_n_columns (VASTUS_CHART_TABLE (table)), ==, 4);
  g_assert_cmpstr (vastus_chart_table_get_column_title (VASTUS_CHART_TABLE (table), 3), ==,
                   "Effusion");
  g_assert_cmpstr (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), 1, 2), ==, "2.0 cm");
  g_assert_cmpstr (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), 0, 3), ==, "not measured");
  g_assert_cmpstr (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), 1, 3), ==, "1+");
  g_assert_cmpstr (vastus_chart_table_get_cell (VASTUS_CHART_TABLE (table), 2, 3), ==, "trace");
  g_assert_finalize_object (table);
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/ui-safety/chart-table/symmetry-rows", test_symmetry_rows);
  g_test_add_func ("/ui-safety/chart-table/progress-baseline", test_progress_baseline);
  g_test_add_func ("/ui-safety/chart-table/criteria-and-girth", test_criteria_and_girth);
  return g_test_run ();
}
