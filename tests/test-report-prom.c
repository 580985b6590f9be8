/* The report's questionnaires: first and latest score, change, the minimal important change
 * reached or not, in ISO dates or (de-identified) weeks; the questionnaire chart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "vastus-report-data.h"

static void
add_visit (VastusHistory *history,
           int            day,
           const char    *measure,
           double         value)
{
  VastusVisit *visit = vastus_visit_new ();

  g_date_set_dmy (&visit->date, day, G_DATE_MARCH, 2026);
  vastus_visit_add_measurement (visit, vastus_measurement_new (measure, VASTUS_SIDE_NONE, 1, value, "points"));
  vastus_history_add_visit (history, visit);
}

static double
mic_12 (const char *measure,
        gpointer    user_data)
{
  return g_str_equal (measure, "kos_adls") ? 12 : NAN;
}

static const VastusReportPromRow *
row_named (const VastusReportData *data,
           const char             *label)
{
  for (guint i = 0; i < data->questionnaires->len; i++)
    if (g_str_equal (((VastusReportPromRow *) g_ptr_array_index (data->questionnaires, i))->label, label))
      return g_ptr_array_index (data->questionnaires, i);
  g_assert_not_reached ();
}

static VastusHistory *
history_new (void)
{
  VastusPatient *patient = vastus_patient_new ();
  VastusEpisode *episode = vastus_episode_new ();
  VastusHistory *history;

  patient->mrn = g_strdup ("R-1");
  patient->name = g_strdup ("Report Patient");
  episode->condition = VASTUS_CONDITION_PFP;
  episode->involved_side = VASTUS_SIDE_LEFT;
  g_date_set_dmy (&episode->injury_date, 2, G_DATE_MARCH, 2026);
  history = vastus_history_new (patient, episode);
  /* KOS-ADLS 60 → 72: +12, exactly the clinic's MIC of 12 (reached). IKDC 50 → 55, no MIC.
   * Global rating typed once. */
  add_visit (history, 2, "kos_adls", 60);
  add_visit (history, 9, "ikdc", 50);
  add_visit (history, 23, "kos_adls", 72);
  add_visit (history, 23, "ikdc", 55);
  add_visit (history, 23, "global_rating", 70);
  return history;
}

static void
test_rows (void)
{
  g_autoptr(VastusHistory) history = history_new ();
  GDate report_date;
  VastusReportOptions options = { .mic_for = mic_12, .report_date = &report_date };
  VastusReportData *data;
  const VastusReportPromRow *row;

  g_date_set_dmy (&report_date, 30, G_DATE_MARCH, 2026);
  data = vastus_report_data_new (history, NULL, NULL, &options);
  g_assert_cmpuint (data->questionnaires->len, ==, 3);
  /* In the instruments' order (IKDC before KOS-ADLS), typed-only scores last. */
  g_assert_cmpstr (((VastusReportPromRow *) g_ptr_array_index (data->questionnaires, 0))->label, ==, "IKDC");
  g_assert_cmpstr (((VastusReportPromRow *) g_ptr_array_index (data->questionnaires, 2))->label, ==, "Global rating");

  row = row_named (data, "KOS-ADLS");
  g_assert_cmpstr (row->first, ==, "60.0 (2026-03-02)");
  g_assert_cmpstr (row->latest, ==, "72.0 (2026-03-23)");
  g_assert_cmpstr (row->change, ==, "+12.0");
  g_assert_cmpint (row->change_class, ==, VASTUS_CHANGE_IMPROVED);
  g_assert_cmpstr (row->mic, ==, "12.0: reached, better");

  row = row_named (data, "IKDC");
  g_assert_cmpstr (row->change, ==, "+5.0");
  g_assert_cmpstr (row->mic, ==, "none set");
  row = row_named (data, "Global rating");
  g_assert_cmpstr (row->change, ==, "—");

  /* The chart: IKDC, the first questionnaire with scores in the built-in order. */
  g_assert_nonnull (data->prom);
  g_assert_cmpstr (data->prom->title, ==, "IKDC");
  vastus_report_data_free (data);
}

static void
test_deidentified (void)
{
  g_autoptr(VastusHistory) history = history_new ();
  GDate report_date;
  VastusReportOptions options = { .mic_for = mic_12, .report_date = &report_date, .deidentify = TRUE };
  VastusReportData *data;

  g_date_set_dmy (&report_date, 30, G_DATE_MARCH, 2026);
  data = vastus_report_data_new (history, NULL, "S-0001", &options);
  /* Three weeks after the injury of 2 March. */
  g_assert_cmpstr (row_named (data, "KOS-ADLS")->latest, ==, "72.0 (week 3)");
  vastus_report_data_free (data);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/questionnaires/rows", test_rows);
  g_test_add_func ("/report/questionnaires/deidentified", test_deidentified);
  return g_test_run ();
}
