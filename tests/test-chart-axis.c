/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "vastus-chart-axis.h"

/* Labels measured as 7 px per character: the algorithm's choices can be worked out by hand. */
static double
measure_7px (const char *text,
             gpointer    user_data)
{
  return 7.0 * g_utf8_strlen (text, -1);
}

static guint32
julian (int day, int month, int year)
{
  GDate d;

  g_date_clear (&d, 1);
  g_date_set_dmy (&d, day, month, year);
  return g_date_get_julian (&d);
}

static void
test_nice_range (void)
{
  static const struct { double lo, hi; guint max; double step, out_lo, out_hi; } cases[] = {
    { 0, 100, 6, 20, 0, 100 },
    { 41, 97, 8, 10, 40, 100 },      /* raw step 8 → 10 */
    { 0.3, 3.1, 5, 1, 0, 4 },        /* raw 0.7 → 1 */
    { 32.4, 102.6, 9, 10, 30, 110 }, /* the symmetry fixture */
    { 95, 163, 8, 20, 80, 180 },     /* LSI far above 100 %: 10 would need 9 ticks */
    { -0.3, 3.4, 6, 1, -1, 4 },
    { 5, 5, 3, 1, 4, 6 },            /* a single value: ±1 */
    { 0, 1, 11, 0.1, 0, 1 },
    { 0, 1, 2, 1, 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double lo, hi, step = vastus_chart_nice_range (cases[i].lo, cases[i].hi, cases[i].max, &lo, &hi);

      g_test_message ("case %u: [%g, %g] max %u", i, cases[i].lo, cases[i].hi, cases[i].max);
      g_assert_cmpfloat_with_epsilon (step, cases[i].step, 1e-9);
      g_assert_cmpfloat_with_epsilon (lo, cases[i].out_lo, 1e-9);
      g_assert_cmpfloat_with_epsilon (hi, cases[i].out_hi, 1e-9);
      g_assert_cmpfloat ((hi - lo) / step + 1, <=, cases[i].max + 1e-9);
    }
}

static void
test_value_ticks (void)
{
  VastusChartTick ticks[VASTUS_CHART_MAX_TICKS];
  guint n;

  n = vastus_chart_value_ticks (40, 100, 10, ticks, VASTUS_CHART_MAX_TICKS);
  g_assert_cmpuint (n, ==, 7);
  g_assert_cmpstr (ticks[0].label, ==, "40");
  g_assert_cmpstr (ticks[6].label, ==, "100");
  g_assert_cmpfloat (ticks[3].value, ==, 70);

  n = vastus_chart_value_ticks (-1, 1, 0.5, ticks, VASTUS_CHART_MAX_TICKS);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (ticks[0].label, ==, "\342\210\222" "1.0");
  g_assert_cmpstr (ticks[2].label, ==, "0.0");
  g_assert_cmpstr (ticks[4].label, ==, "1.0");

  n = vastus_chart_value_ticks (0, 1, 0.25, ticks, VASTUS_CHART_MAX_TICKS);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpstr (ticks[1].label, ==, "0.25");

  g_assert_cmpuint (vastus_chart_value_ticks (0, 1000, 1, ticks, 10), ==, 10);
  g_assert_cmpuint (vastus_chart_value_ticks (0, 1, 0, ticks, 10), ==, 0);
}

static void
test_time_range (void)
{
  guint32 dates[3] = { julian (1, 3, 2026), julian (15, 3, 2026), julian (20, 6, 2026) };
  VastusChartTimeline time = { 0, dates, NULL, 0, NULL };
  double lo, hi;

  g_assert_false (vastus_chart_time_range (&time, &lo, &hi));

  /* One visit: a two-week range centred on it. */
  time.n_visits = 1;
  g_assert_true (vastus_chart_time_range (&time, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (lo, dates[0] - 7 - 14 * 0.04, 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, dates[0] + 7 + 14 * 0.04, 1e-9);

  /* The index date is part of the range even when it precedes every visit. */
  time.n_visits = 3;
  time.index_date = julian (1, 2, 2026);
  g_assert_true (vastus_chart_time_range (&time, &lo, &hi));
  g_assert_cmpfloat_with_epsilon (lo, time.index_date - (dates[2] - time.index_date) * 0.04, 1e-9);
  g_assert_cmpfloat_with_epsilon (hi, dates[2] + (dates[2] - time.index_date) * 0.04, 1e-9);
}

static void
test_time_label (void)
{
  char buf[VASTUS_CHART_TICK_LABEL_SIZE];
  guint32 surgery = julian (5, 1, 2026);
  g_autofree char *described = NULL;

  vastus_chart_time_label (surgery + 84, surgery, VASTUS_CHART_TIME_WEEKS, buf);
  g_assert_cmpstr (buf, ==, "wk 12");
  vastus_chart_time_label (surgery - 28, surgery, VASTUS_CHART_TIME_WEEKS, buf);
  g_assert_cmpstr (buf, ==, "wk \342\210\222" "4");
  vastus_chart_time_label (surgery + 3, surgery, VASTUS_CHART_TIME_DAYS, buf);
  g_assert_cmpstr (buf, ==, "day 3");
  vastus_chart_time_label (surgery, 0, VASTUS_CHART_TIME_DAYS, buf);
  g_assert_cmpstr (buf, ==, "5 Jan");
  vastus_chart_time_label (surgery, 0, VASTUS_CHART_TIME_MONTHS, buf);
  g_assert_cmpstr (buf, ==, "Jan 2026");
  vastus_chart_time_label (surgery, 0, VASTUS_CHART_TIME_YEARS, buf);
  g_assert_cmpstr (buf, ==, "2026");

  described = vastus_chart_time_describe (surgery + 86, surgery);
  g_assert_cmpstr (described, ==, "2026-04-01 (wk 12.3)");
}

/* The symmetry fixture: visits from 21 days before to 212 days after surgery. */
static void
weeks_case (double               width,
            VastusChartTimeStep  expect_step,
            const char          *expect_first,
            const char          *expect_last,
            guint                expect_n)
{
  guint32 surgery = julian (5, 1, 2026);
  double x_min = surgery - 21 - 233 * 0.04, x_max = surgery + 212 + 233 * 0.04;
  VastusChartTick ticks[VASTUS_CHART_MAX_TICKS];
  VastusChartTimeStep step;
  guint n;

  n = vastus_chart_time_ticks (x_min, x_max, surgery, 0, width, -1000, 10000, 10, 0,
                               measure_7px, NULL, ticks, VASTUS_CHART_MAX_TICKS, &step);
  g_test_message ("width %g: %u ticks, step %d×%u", width, n, step.unit, step.count);
  g_assert_cmpint (step.unit, ==, expect_step.unit);
  g_assert_cmpuint (step.count, ==, expect_step.count);
  g_assert_cmpuint (n, ==, expect_n);
  g_assert_cmpstr (ticks[0].label, ==, expect_first);
  g_assert_cmpstr (ticks[n - 1].label, ==, expect_last);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat_with_epsilon (ticks[i].pos, (ticks[i].value - x_min) / (x_max - x_min) * width,
                                      1e-9);
      /* Ticks sit on whole steps from the surgery date. */
      g_assert_cmpint (((gint64) ticks[i].value - surgery) % (7 * expect_step.count), ==, 0);
    }
}

static void
test_time_ticks_weeks (void)
{
  /* 700 px over 251.64 days = 2.78 px/day; "wk 12" is 35 px, + 10 gap = 45 px needed:
   * 1 week = 19.5 px, 2 = 38.9 px do not fit; 4 weeks = 77.9 px does. */
  weeks_case (700, (VastusChartTimeStep) { VASTUS_CHART_TIME_WEEKS, 4 },
              "wk \342\210\222" "4", "wk 28", 9);
  /* 150 px: 0.596 px/day; 4 weeks = 16.7, 8 = 33.4 px too little, 12 weeks = 50 px. */
  weeks_case (150, (VastusChartTimeStep) { VASTUS_CHART_TIME_WEEKS, 12 }, "wk 0", "wk 24", 3);
  /* 2000 px: 7.95 px/day; 1 week = 55.6 px ≥ 45. */
  weeks_case (2000, (VastusChartTimeStep) { VASTUS_CHART_TIME_WEEKS, 1 },
              "wk \342\210\222" "4", "wk 31", 36);
}

static void
test_time_ticks_min_spacing (void)
{
  guint32 surgery = julian (5, 1, 2026);
  double x_min = surgery - 21 - 233 * 0.04, x_max = surgery + 212 + 233 * 0.04;
  VastusChartTick ticks[VASTUS_CHART_MAX_TICKS];
  VastusChartTimeStep step;

  /* At 2000 px the labels fit weekly (55.6 px apart), but ticks must be ≥ 65 px apart. */
  vastus_chart_time_ticks (x_min, x_max, surgery, 0, 2000, -1000, 10000, 10, 65,
                           measure_7px, NULL, ticks, VASTUS_CHART_MAX_TICKS, &step);
  g_assert_cmpint (step.unit, ==, VASTUS_CHART_TIME_WEEKS);
  g_assert_cmpuint (step.count, ==, 2);
}

static void
test_time_ticks_calendar (void)
{
  guint32 first = julian (10, 1, 2025), last = julian (20, 12, 2026);
  double span = last - first, x_min = first - span * 0.04, x_max = last + span * 0.04;
  VastusChartTick ticks[VASTUS_CHART_MAX_TICKS];
  VastusChartTimeStep step;
  guint n;

  /* 800 px over 765.6 days = 1.045 px/day; "Jan 2026" is 56 px + 10: one month (31 px) and two
   * (January + February = 59 days = 61.7 px) are too close; three months (≥ 90 days) fit. */
  n = vastus_chart_time_ticks (x_min, x_max, 0, 0, 800, -1000, 10000, 10, 0,
                               measure_7px, NULL, ticks, VASTUS_CHART_MAX_TICKS, &step);
  g_assert_cmpint (step.unit, ==, VASTUS_CHART_TIME_MONTHS);
  g_assert_cmpuint (step.count, ==, 3);
  g_assert_cmpuint (n, ==, 9);
  g_assert_cmpstr (ticks[0].label, ==, "Jan 2025");
  g_assert_cmpstr (ticks[1].label, ==, "Apr 2025");
  g_assert_cmpstr (ticks[8].label, ==, "Jan 2027");
  g_assert_cmpfloat (ticks[0].value, ==, julian (1, 1, 2025));

  /* Ten days at 800 px: 52.9 px per day, "10 Jan" needs 42 + 10: daily ticks. */
  first = julian (5, 1, 2026);
  n = vastus_chart_time_ticks (first - 2.56, first + 12.56, 0, 0, 800, -1000, 10000, 10, 0,
                               measure_7px, NULL, ticks, VASTUS_CHART_MAX_TICKS, &step);
  g_assert_cmpint (step.unit, ==, VASTUS_CHART_TIME_DAYS);
  g_assert_cmpuint (step.count, ==, 1);
  g_assert_cmpuint (n, ==, 15);
  g_assert_cmpstr (ticks[0].label, ==, "3 Jan");

  /* Weekly ticks fall on Mondays (5 January 2026 was a Monday). */
  n = vastus_chart_time_ticks (first - 30, first + 60, 0, 0, 800, -1000, 10000, 10, 0,
                               measure_7px, NULL, ticks, VASTUS_CHART_MAX_TICKS, &step);
  g_assert_cmpint (step.unit, ==, VASTUS_CHART_TIME_WEEKS);
  for (guint i = 0; i < n; i++)
    {
      GDate d;

      g_date_clear (&d, 1);
      g_date_set_julian (&d, (guint32) ticks[i].value);
      g_assert_cmpint (g_date_get_weekday (&d), ==, G_DATE_MONDAY);
    }

  /* Twenty years: whole years. */
  n = vastus_chart_time_ticks (julian (1, 6, 2000), julian (1, 6, 2020), 0, 0, 800, -1000, 10000,
                               10, 0, measure_7px, NULL, ticks, VASTUS_CHART_MAX_TICKS, &step);
  g_assert_cmpint (step.unit, ==, VASTUS_CHART_TIME_YEARS);
  g_assert_cmpstr (ticks[0].label, ==, step.count == 1 ? "2001" : "2002");
}

/* Over days to decades and 60 to 3000 px: labels never overlap or leave their bounds, the
 * count stays within what the width can hold, and there is always at least one tick. */
static void
test_time_ticks_no_overlap (void)
{
  static const double spans[] = { 3, 10, 30, 90, 200, 400, 1000, 3000, 7300 };
  static const double widths[] = { 60, 100, 150, 200, 400, 800, 1200, 2000, 3000 };
  guint32 start = julian (17, 8, 2024);

  for (int with_index = 0; with_index < 2; with_index++)
    for (guint s = 0; s < G_N_ELEMENTS (spans); s++)
      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          VastusChartTick ticks[VASTUS_CHART_MAX_TICKS];
          double x_min = start, x_max = start + spans[s], width = widths[w];
          guint n = vastus_chart_time_ticks (x_min, x_max, with_index ? start + 3 : 0,
                                             0, width, -20, width + 20, 8, 0,
                                             measure_7px, NULL, ticks, VASTUS_CHART_MAX_TICKS, NULL);

          g_test_message ("span %g width %g index %d: %u ticks", spans[s], width, with_index, n);
          g_assert_cmpuint (n, >=, 1);
          g_assert_cmpuint (n, <=, (guint) (width + 40) / (7 * 4 + 8) + 1);
          for (guint i = 0; i < n; i++)
            {
              double half = measure_7px (ticks[i].label, NULL) / 2;

              g_assert_cmpfloat (ticks[i].pos - half, >=, -20);
              g_assert_cmpfloat (ticks[i].pos + half, <=, width + 20);
              g_assert_cmpfloat (ticks[i].value, >=, x_min);
              g_assert_cmpfloat (ticks[i].value, <=, x_max);
              if (i > 0)
                {
                  double prev_half = measure_7px (ticks[i - 1].label, NULL) / 2;

                  g_assert_cmpfloat (ticks[i].pos - ticks[i - 1].pos, >=, prev_half + half + 8);
                }
            }
        }
}

int
main (int argc, char *argv[])
{
  /* Month names in tick labels come from the C locale here. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/charts/axis/nice-range", test_nice_range);
  g_test_add_func ("/charts/axis/value-ticks", test_value_ticks);
  g_test_add_func ("/charts/axis/time-range", test_time_range);
  g_test_add_func ("/charts/axis/time-label", test_time_label);
  g_test_add_func ("/charts/axis/time-ticks/weeks", test_time_ticks_weeks);
  g_test_add_func ("/charts/axis/time-ticks/min-spacing", test_time_ticks_min_spacing);
  g_test_add_func ("/charts/axis/time-ticks/calendar", test_time_ticks_calendar);
  g_test_add_func ("/charts/axis/time-ticks/no-overlap", test_time_ticks_no_overlap);
  return g_test_run ();
}
