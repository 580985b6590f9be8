/* chart-fixtures.h: prepared chart data for tests, golden images and the benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "vastus-chart-data.h"

/* An ACL reconstruction on 5 January 2026, a pre-operative visit and nine irregular visits. */
#define FIXTURE_SURGERY_YEAR 2026
static const int fixture_days[] = { -21, 13, 27, 45, 62, 84, 113, 141, 170, 212 };
#define FIXTURE_N G_N_ELEMENTS (fixture_days)

static inline guint32
fixture_surgery (void)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, 5, G_DATE_JANUARY, FIXTURE_SURGERY_YEAR);
  return g_date_get_julian (&d);
}

static inline void
fixture_timeline (VastusChartTimeline *time,
                  const int           *days,
                  guint                n,
                  gboolean             with_index)
{
  guint32 surgery = fixture_surgery ();

  for (guint i = 0; i < n; i++)
    {
      time->dates[i] = surgery + days[i];
      time->visit_ids[i] = 100 + i;
    }
  if (with_index)
    {
      time->index_date = surgery;
      g_free (time->index_label);
      time->index_label = g_strdup ("Surgery");
    }
}

static inline VastusSymmetryChartData *
fixture_symmetry (gboolean with_index)
{
  static const double quad[] = { 84, 41, 52, 60, 67, 74, 82, 88, 91.5, 96 };
  static const double hop[] = { NAN, NAN, NAN, NAN, NAN, NAN, 78, 86, 93, 97 };
  static const double epic[] = { NAN, 35, 44, 51, 57, 63, 70, 76, 80, 86 };
  VastusSymmetryChartData *data = vastus_symmetry_chart_data_new (FIXTURE_N);
  VastusChartSeries *s;

  fixture_timeline (&data->time, fixture_days, FIXTURE_N, with_index);
  data->title = g_strdup ("Limb symmetry");
  data->y_label = g_strdup ("LSI (%)");

  s = vastus_chart_series_new ("Quadriceps LSI", FIXTURE_N, VASTUS_CHART_MARKER_CIRCLE,
                               VASTUS_CHART_LINE_SOLID);
  for (guint i = 0; i < FIXTURE_N; i++)
    {
      s->values[i] = quad[i];
      s->status[i] = quad[i] >= 90 ? VASTUS_CHART_STATUS_MET : VASTUS_CHART_STATUS_NOT_MET;
    }
  vastus_symmetry_chart_data_add_series (data, s);

  s = vastus_chart_series_new ("Single hop LSI", FIXTURE_N, VASTUS_CHART_MARKER_SQUARE,
                               VASTUS_CHART_LINE_DASHED);
  for (guint i = 0; i < FIXTURE_N; i++)
    {
      s->values[i] = hop[i];
      s->status[i] = hop[i] >= 90 ? VASTUS_CHART_STATUS_MET : VASTUS_CHART_STATUS_NOT_MET;
    }
  vastus_symmetry_chart_data_add_series (data, s);

  s = vastus_chart_series_new ("Quadriceps EPIC", FIXTURE_N, VASTUS_CHART_MARKER_TRIANGLE,
                               VASTUS_CHART_LINE_DOTTED);
  for (guint i = 0; i < FIXTURE_N; i++)
    {
      s->values[i] = epic[i];
      s->status[i] = epic[i] >= 90 ? VASTUS_CHART_STATUS_MET : VASTUS_CHART_STATUS_NOT_MET;
    }
  vastus_symmetry_chart_data_add_series (data, s);

  vastus_symmetry_chart_data_add_threshold (data, 90, "RTS \342\211\245 90 %");
  return data;
}

static inline VastusProgressChartData *
fixture_progress (void)
{
  static const double inv[] = { 402, 190, 228, 262, NAN, 318, 352, 381, 405, 431 };
  static const double uninv[] = { 478, 452, 441, 446, 455, 430, 431, 436, 441, 449 };
  VastusProgressChartData *data =
    vastus_progress_chart_data_new (FIXTURE_N, "Involved (L)", "Uninvolved (R)", "N");

  fixture_timeline (&data->time, fixture_days, FIXTURE_N, TRUE);
  data->title = g_strdup ("Quadriceps force (HHD)");
  for (guint i = 0; i < FIXTURE_N; i++)
    {
      data->involved->values[i] = inv[i];
      data->uninvolved->values[i] = uninv[i];
    }
  data->baseline_involved = 402;
  data->baseline_uninvolved = 478;
  data->baseline_label = g_strdup ("pre-op");
  return data;
}

static inline VastusGirthChartData *
fixture_girth (void)
{
  static const double diff[] = { 0.8, 2.6, 3.1, 2.9, 2.4, 2.0, 1.6, 1.1, 0.9, 0.5 };
  static const int eff[] = { 1, 3, 3, 2, 2, 1, -1, 1, 0, 0 };
  VastusGirthChartData *data = vastus_girth_chart_data_new (FIXTURE_N);

  fixture_timeline (&data->time, fixture_days, FIXTURE_N, TRUE);
  data->title = g_strdup ("Girth and swelling");
  g_free (data->girth->label);
  data->girth->label = g_strdup ("Thigh girth 15 cm");
  for (guint i = 0; i < FIXTURE_N; i++)
    {
      data->girth->values[i] = diff[i];
      data->effusion[i] = eff[i];
    }
  return data;
}

static inline VastusCriteriaChartData *
fixture_criteria (gboolean long_labels)
{
  static const char *labels[] = {
    "Quadriceps LSI \342\211\245 90 %", "Single hop LSI \342\211\245 90 %",
    "Triple hop LSI \342\211\245 90 %", "KOS-ADLS \342\211\245 90",
    "Global rating \342\211\245 90",
  };
  static const char *long_label =
    "Crossover hop for distance, limb symmetry index at least 90 % of the uninvolved side";
  /* m = met, x = not met, o = not tested; one column per visit. */
  static const char *cells[] = {
    "xxxxxxxxmm", "ooooooxxmm", "ooooooxxmm", "oxxxxmmmmm", "ooxxxxxxmm",
  };
  VastusCriteriaChartData *data = vastus_criteria_chart_data_new (FIXTURE_N);

  fixture_timeline (&data->time, fixture_days, FIXTURE_N, TRUE);
  data->title = g_strdup ("Delaware-Oslo return to sport");
  for (guint r = 0; r < G_N_ELEMENTS (labels); r++)
    {
      VastusCriteriaChartRow *row =
        vastus_criteria_chart_data_add_row (data, long_labels && r == 2 ? long_label : labels[r]);

      for (guint v = 0; v < FIXTURE_N; v++)
        {
          char c = cells[r][v];

          row->status[v] = c == 'm' ? VASTUS_CHART_STATUS_MET
                         : c == 'x' ? VASTUS_CHART_STATUS_NOT_MET
                         : VASTUS_CHART_STATUS_NOT_TESTED;
          if (c == 'm' && row->first_met == 0)
            row->first_met = data->time.dates[v];
        }
    }
  return data;
}

/* Synthetic data of any size for the benchmark: a visit every 3 days from surgery. */
static inline void
synthetic_timeline (VastusChartTimeline *time,
                    guint                n)
{
  guint32 surgery = fixture_surgery ();

  for (guint i = 0; i < n; i++)
    {
      time->dates[i] = surgery + 7 + 3 * i;
      time->visit_ids[i] = i + 1;
    }
  time->index_date = surgery;
  time->index_label = g_strdup ("Surgery");
}

static inline double
synthetic_lsi (guint i,
               guint n,
               guint k)
{
  return 50 + 48.0 * i / MAX (1, n - 1) + 4 * sin (i * 0.7 + k);
}

static inline VastusSymmetryChartData *
synthetic_symmetry (guint n)
{
  VastusSymmetryChartData *data = vastus_symmetry_chart_data_new (n);

  synthetic_timeline (&data->time, n);
  data->title = g_strdup ("Limb symmetry");
  data->y_label = g_strdup ("LSI (%)");
  for (guint k = 0; k < 2; k++)
    {
      VastusChartMarker marker;
      VastusChartLine line;
      VastusChartSeries *s;

      vastus_chart_series_style (k, &marker, &line);
      s = vastus_chart_series_new (k == 0 ? "Quadriceps LSI" : "Quadriceps EPIC", n, marker, line);
      for (guint i = 0; i < n; i++)
        {
          s->values[i] = synthetic_lsi (i, n, k) - 8 * k;
          s->status[i] = s->values[i] >= 90 ? VASTUS_CHART_STATUS_MET : VASTUS_CHART_STATUS_NOT_MET;
        }
      vastus_symmetry_chart_data_add_series (data, s);
    }
  vastus_symmetry_chart_data_add_threshold (data, 90, "\342\211\245 90 %");
  return data;
}

static inline VastusProgressChartData *
synthetic_progress (guint n)
{
  VastusProgressChartData *data =
    vastus_progress_chart_data_new (n, "Involved (L)", "Uninvolved (R)", "N");

  synthetic_timeline (&data->time, n);
  data->title = g_strdup ("Quadriceps force");
  for (guint i = 0; i < n; i++)
    {
      data->involved->values[i] = 4.5 * synthetic_lsi (i, n, 0);
      data->uninvolved->values[i] = 450 + 10 * sin (i * 0.3);
    }
  data->baseline_uninvolved = 470;
  data->baseline_involved = 400;
  return data;
}

static inline VastusGirthChartData *
synthetic_girth (guint n)
{
  VastusGirthChartData *data = vastus_girth_chart_data_new (n);

  synthetic_timeline (&data->time, n);
  data->title = g_strdup ("Girth and swelling");
  for (guint i = 0; i < n; i++)
    {
      data->girth->values[i] = 3.0 - 2.5 * i / MAX (1, n - 1) + 0.3 * sin (i);
      data->effusion[i] = (int) (4 * (n - i) / (n + 1));
    }
  return data;
}

static inline VastusCriteriaChartData *
synthetic_criteria (guint n)
{
  VastusCriteriaChartData *data = vastus_criteria_chart_data_new (n);

  synthetic_timeline (&data->time, n);
  data->title = g_strdup ("Criteria");
  for (guint r = 0; r < 6; r++)
    {
      g_autofree char *label = g_strdup_printf ("Criterion %u", r + 1);
      VastusCriteriaChartRow *row = vastus_criteria_chart_data_add_row (data, label);

      for (guint v = 0; v < n; v++)
        {
          row->status[v] = (v + r) % 5 == 0 ? VASTUS_CHART_STATUS_NOT_TESTED
                         : v * 6 > n * (r + 1) ? VASTUS_CHART_STATUS_MET
                         : VASTUS_CHART_STATUS_NOT_MET;
          if (row->status[v] == VASTUS_CHART_STATUS_MET && row->first_met == 0)
            row->first_met = data->time.dates[v];
        }
    }
  return data;
}
