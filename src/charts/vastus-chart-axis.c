/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-chart-axis"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>
#include <string.h>

#include "vastus-display.h"
#include "vastus-chart-axis.h"

#define MIN_SPAN_DAYS 14.0
#define PAD_FRACTION  0.04

static const VastusChartTimeStep relative_steps[] = {
  { VASTUS_CHART_TIME_DAYS, 1 },
  { VASTUS_CHART_TIME_DAYS, 2 },
  { VASTUS_CHART_TIME_WEEKS, 1 },
  { VASTUS_CHART_TIME_WEEKS, 2 },
  { VASTUS_CHART_TIME_WEEKS, 4 },
  { VASTUS_CHART_TIME_WEEKS, 8 },
  { VASTUS_CHART_TIME_WEEKS, 12 },
  { VASTUS_CHART_TIME_WEEKS, 26 },
  { VASTUS_CHART_TIME_WEEKS, 52 },
  { VASTUS_CHART_TIME_WEEKS, 104 },
  { VASTUS_CHART_TIME_WEEKS, 260 },
  { VASTUS_CHART_TIME_WEEKS, 520 },
};

static const VastusChartTimeStep calendar_steps[] = {
  { VASTUS_CHART_TIME_DAYS, 1 },
  { VASTUS_CHART_TIME_DAYS, 2 },
  { VASTUS_CHART_TIME_WEEKS, 1 },
  { VASTUS_CHART_TIME_WEEKS, 2 },
  { VASTUS_CHART_TIME_MONTHS, 1 },
  { VASTUS_CHART_TIME_MONTHS, 2 },
  { VASTUS_CHART_TIME_MONTHS, 3 },
  { VASTUS_CHART_TIME_MONTHS, 6 },
  { VASTUS_CHART_TIME_YEARS, 1 },
  { VASTUS_CHART_TIME_YEARS, 2 },
  { VASTUS_CHART_TIME_YEARS, 5 },
  { VASTUS_CHART_TIME_YEARS, 10 },
  { VASTUS_CHART_TIME_YEARS, 20 },
  { VASTUS_CHART_TIME_YEARS, 50 },
};

gboolean
vastus_chart_time_range (const VastusChartTimeline *timeline,
                         double                    *x_min,
                         double                    *x_max)
{
  double lo, hi, span, pad;

  if (timeline->n_visits == 0)
    {
      *x_min = 0;
      *x_max = 1;
      return FALSE;
    }

  lo = timeline->dates[0];
  hi = timeline->dates[timeline->n_visits - 1];
  for (guint i = 0; i < timeline->n_visits; i++)
    {
      lo = MIN (lo, timeline->dates[i]);
      hi = MAX (hi, timeline->dates[i]);
    }
  if (timeline->index_date != 0)
    {
      lo = MIN (lo, timeline->index_date);
      hi = MAX (hi, timeline->index_date);
    }

  span = hi - lo;
  if (span < MIN_SPAN_DAYS)
    {
      double mid = (lo + hi) / 2;

      lo = mid - MIN_SPAN_DAYS / 2;
      hi = mid + MIN_SPAN_DAYS / 2;
      span = MIN_SPAN_DAYS;
    }
  pad = span * PAD_FRACTION;
  *x_min = lo - pad;
  *x_max = hi + pad;
  return TRUE;
}

static const char *
minus_sign (int value)
{
  /* U+2212 MINUS SIGN reads better than a hyphen in axis labels. */
  return value < 0 ? "\342\210\222" : "";
}

void
vastus_chart_time_label (guint32              julian,
                         guint32              index_date,
                         VastusChartTimeUnit  unit,
                         char                 buf[VASTUS_CHART_TICK_LABEL_SIZE])
{
  GDate date;
  char shown[VASTUS_DISPLAY_DATE_SIZE];

  if (index_date != 0 && (unit == VASTUS_CHART_TIME_DAYS || unit == VASTUS_CHART_TIME_WEEKS))
    {
      gint64 days = (gint64) julian - (gint64) index_date;

      if (unit == VASTUS_CHART_TIME_DAYS)
        {
          /* Translators: days since surgery or injury on a chart axis; %s is a minus sign or
           * empty, %d the number */
          g_snprintf (buf, VASTUS_CHART_TICK_LABEL_SIZE, _("day %s%d"),
                      minus_sign ((int) days), (int) ABS (days));
        }
      else
        {
          int weeks = (int) (days / 7);

          /* Translators: weeks since surgery or injury on a chart axis ("wk 12") */
          g_snprintf (buf, VASTUS_CHART_TICK_LABEL_SIZE, _("wk %s%d"),
                      minus_sign (weeks), ABS (weeks));
        }
      return;
    }

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  switch (unit)
    {
    case VASTUS_CHART_TIME_DAYS:
    case VASTUS_CHART_TIME_WEEKS:
      g_strlcpy (buf, vastus_display_date_month (&date, VASTUS_DISPLAY_DAY_MONTH, shown),
                 VASTUS_CHART_TICK_LABEL_SIZE);
      break;
    case VASTUS_CHART_TIME_MONTHS:
      g_strlcpy (buf, vastus_display_date_month (&date, VASTUS_DISPLAY_MONTH_YEAR, shown),
                 VASTUS_CHART_TICK_LABEL_SIZE);
      break;
    case VASTUS_CHART_TIME_YEARS:
    default:
      g_date_strftime (buf, VASTUS_CHART_TICK_LABEL_SIZE, "%Y", &date);
      break;
    }
}

char *
vastus_chart_time_describe (guint32 julian,
                            guint32 index_date)
{
  GDate date;
  char shown[VASTUS_DISPLAY_DATE_SIZE], weeks[VASTUS_DISPLAY_NUMBER_SIZE];

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  vastus_display_date (&date, shown);
  if (index_date == 0)
    return g_strdup (shown);

  /* Translators: a visit date and the weeks since surgery or injury, "2026-03-04 (wk 12.3)";
   * both in the locale's form */
  return g_strdup_printf (_("%s (wk %s)"), shown,
                          vastus_display_number (((double) julian - index_date) / 7.0, 1, weeks));
}

static guint32
step_days_estimate (const VastusChartTimeStep *step)
{
  switch (step->unit)
    {
    case VASTUS_CHART_TIME_DAYS: return step->count;
    case VASTUS_CHART_TIME_WEEKS: return 7 * step->count;
    case VASTUS_CHART_TIME_MONTHS: return 28 * step->count;
    case VASTUS_CHART_TIME_YEARS:
    default: return 365 * step->count;
    }
}

/* The first tick at or after @from for a calendar (no index date) step. */
static guint32
calendar_first (guint32                    from,
                const VastusChartTimeStep *step)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, from);
  switch (step->unit)
    {
    case VASTUS_CHART_TIME_DAYS:
      return from + (step->count - from % step->count) % step->count;
    case VASTUS_CHART_TIME_WEEKS:
      {
        /* Mondays; Julian day 1 (1 January of year 1) was a Monday. */
        guint32 period = 7 * step->count;
        return from + (period - (from - 1) % period) % period;
      }
    case VASTUS_CHART_TIME_MONTHS:
      {
        int month0;

        if (g_date_get_day (&date) != 1)
          {
            g_date_set_day (&date, 1);
            g_date_add_months (&date, 1);
          }
        month0 = g_date_get_month (&date) - 1;
        if (month0 % step->count != 0)
          g_date_add_months (&date, step->count - month0 % step->count);
        return g_date_get_julian (&date);
      }
    case VASTUS_CHART_TIME_YEARS:
    default:
      {
        int year = g_date_get_year (&date);

        if (g_date_get_day (&date) != 1 || g_date_get_month (&date) != G_DATE_JANUARY)
          year++;
        if (year % step->count != 0)
          year += step->count - year % step->count;
        if (!g_date_valid_dmy (1, G_DATE_JANUARY, year))
          return G_MAXUINT32;
        g_date_set_dmy (&date, 1, G_DATE_JANUARY, year);
        return g_date_get_julian (&date);
      }
    }
}

static guint32
calendar_next (guint32                    julian,
               const VastusChartTimeStep *step)
{
  GDate date;

  switch (step->unit)
    {
    case VASTUS_CHART_TIME_DAYS:
      return julian + step->count;
    case VASTUS_CHART_TIME_WEEKS:
      return julian + 7 * step->count;
    case VASTUS_CHART_TIME_MONTHS:
      g_date_clear (&date, 1);
      g_date_set_julian (&date, julian);
      g_date_add_months (&date, step->count);
      return g_date_get_julian (&date);
    case VASTUS_CHART_TIME_YEARS:
    default:
      g_date_clear (&date, 1);
      g_date_set_julian (&date, julian);
      g_date_add_years (&date, step->count);
      return g_date_get_julian (&date);
    }
}

typedef struct
{
  double pos;
  double half;      /* half the label width */
  double value;
  char   label[VASTUS_CHART_TICK_LABEL_SIZE];
} Candidate;

/* Generates the candidate ticks of one step; FALSE if there would be more than @max. */
static gboolean
generate (double                     x_min,
          double                     x_max,
          guint32                    index_date,
          const VastusChartTimeStep *step,
          double                     x0,
          double                     width,
          VastusChartMeasureFunc     measure,
          gpointer                   user_data,
          GArray                    *out,
          guint                      max)
{
  double first_day = ceil (x_min), last_day = floor (x_max);
  guint32 julian;

  g_array_set_size (out, 0);
  if (last_day < 1 || first_day > last_day)
    return TRUE;
  first_day = MAX (first_day, 1);
  if ((last_day - first_day) / step_days_estimate (step) > max + 1)
    return FALSE;

  if (index_date != 0)
    {
      gint64 period = step_days_estimate (step);
      gint64 k = (gint64) ceil ((first_day - (double) index_date) / period);

      julian = (guint32) ((gint64) index_date + k * period);
    }
  else
    julian = calendar_first ((guint32) first_day, step);

  for (; julian != G_MAXUINT32 && julian <= last_day;
       julian = index_date != 0 ? julian + step_days_estimate (step) : calendar_next (julian, step))
    {
      Candidate c;

      if (out->len >= max)
        return FALSE;
      c.value = julian;
      c.pos = x0 + (julian - x_min) / (x_max - x_min) * width;
      vastus_chart_time_label (julian, index_date, step->unit, c.label);
      c.half = measure (c.label, user_data) / 2;
      g_array_append_val (out, c);
    }
  return TRUE;
}

static gboolean
fits (GArray *cands,
      double  min_gap,
      double  min_spacing)
{
  for (guint i = 1; i < cands->len; i++)
    {
      const Candidate *a = &g_array_index (cands, Candidate, i - 1);
      const Candidate *b = &g_array_index (cands, Candidate, i);

      if (b->pos - a->pos < a->half + b->half + min_gap || b->pos - a->pos < min_spacing)
        return FALSE;
    }
  return TRUE;
}

static void
drop_out_of_bounds (GArray *cands,
                    double  bound_lo,
                    double  bound_hi)
{
  for (guint i = cands->len; i-- > 0;)
    {
      const Candidate *c = &g_array_index (cands, Candidate, i);

      if (c->pos - c->half < bound_lo || c->pos + c->half > bound_hi)
        g_array_remove_index (cands, i);
    }
}

/* Keeps a label only when it does not overlap the last one kept. */
static void
thin (GArray *cands,
      double  min_gap)
{
  guint kept = 0;

  for (guint i = 0; i < cands->len; i++)
    {
      Candidate *c = &g_array_index (cands, Candidate, i);

      if (kept > 0)
        {
          const Candidate *last = &g_array_index (cands, Candidate, kept - 1);

          if (c->pos - last->pos < last->half + c->half + min_gap)
            continue;
        }
      g_array_index (cands, Candidate, kept++) = *c;
    }
  g_array_set_size (cands, kept);
}

guint
vastus_chart_time_ticks (double                  x_min,
                         double                  x_max,
                         guint32                 index_date,
                         double                  x0,
                         double                  width,
                         double                  bound_lo,
                         double                  bound_hi,
                         double                  min_gap,
                         double                  min_spacing,
                         VastusChartMeasureFunc  measure,
                         gpointer                user_data,
                         VastusChartTick        *ticks,
                         guint                   max_ticks,
                         VastusChartTimeStep    *step_out)
{
  const VastusChartTimeStep *steps = index_date != 0 ? relative_steps : calendar_steps;
  guint n_steps = index_date != 0 ? G_N_ELEMENTS (relative_steps) : G_N_ELEMENTS (calendar_steps);
  g_autoptr(GArray) cands = g_array_new (FALSE, FALSE, sizeof (Candidate));
  const VastusChartTimeStep *chosen = NULL;
  guint n = 0;

  g_return_val_if_fail (measure != NULL, 0);
  max_ticks = MIN (max_ticks, VASTUS_CHART_MAX_TICKS);
  if (!(x_max > x_min) || width <= 0 || max_ticks == 0)
    return 0;

  for (guint s = 0; s < n_steps; s++)
    {
      /* Steps whose ticks are closer than @min_spacing are skipped without measuring labels
       * (step_days_estimate is the shortest step: 28-day months, 365-day years). */
      if (step_days_estimate (&steps[s]) * width / (x_max - x_min) < min_spacing)
        continue;
      if (!generate (x_min, x_max, index_date, &steps[s], x0, width, measure, user_data,
                     cands, max_ticks))
        continue;
      drop_out_of_bounds (cands, bound_lo, bound_hi);
      if (cands->len > 0 && fits (cands, min_gap, min_spacing))
        {
          chosen = &steps[s];
          break;
        }
    }

  if (chosen == NULL)
    {
      /* Nothing fits cleanly (a very narrow chart): thin the coarsest step that has ticks. */
      for (guint s = n_steps; s-- > 0;)
        {
          if (!generate (x_min, x_max, index_date, &steps[s], x0, width, measure, user_data,
                         cands, max_ticks))
            continue;
          drop_out_of_bounds (cands, bound_lo, bound_hi);
          if (cands->len == 0)
            continue;
          thin (cands, min_gap);
          chosen = &steps[s];
          break;
        }
    }

  if (chosen == NULL)
    return 0;

  for (guint i = 0; i < cands->len && n < max_ticks; i++, n++)
    {
      const Candidate *c = &g_array_index (cands, Candidate, i);

      ticks[n].value = c->value;
      ticks[n].pos = c->pos;
      memcpy (ticks[n].label, c->label, sizeof c->label);
    }
  if (step_out != NULL)
    *step_out = *chosen;
  return n;
}

double
vastus_chart_nice_range (double  lo,
                         double  hi,
                         guint   max_ticks,
                         double *out_lo,
                         double *out_hi)
{
  static const double nice[] = { 1, 2, 2.5, 5, 10 };
  double raw, magnitude;

  max_ticks = MAX (max_ticks, 2);
  if (!isfinite (lo) || !isfinite (hi))
    lo = 0, hi = 1;
  if (hi < lo)
    {
      double t = lo;
      lo = hi;
      hi = t;
    }
  if (hi - lo < 1e-9)
    {
      double d = MAX (fabs (lo) * 0.1, 1.0);
      lo -= d;
      hi += d;
    }

  raw = (hi - lo) / (max_ticks - 1);
  magnitude = pow (10, floor (log10 (raw)));
  for (int round = 0; round < 4; round++, magnitude *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (nice); i++)
      {
        double step = nice[i] * magnitude;
        double a, b;

        if (step < raw * (1 - 1e-9))
          continue;
        a = floor (lo / step + 1e-9) * step;
        b = ceil (hi / step - 1e-9) * step;
        if ((b - a) / step + 1 <= max_ticks + 1e-9)
          {
            *out_lo = a;
            *out_hi = b;
            return step;
          }
      }

  *out_lo = lo;
  *out_hi = hi;
  return hi - lo;
}

guint
vastus_chart_value_ticks (double           lo,
                          double           hi,
                          double           step,
                          VastusChartTick *ticks,
                          guint            max_ticks)
{
  int decimals = 0;
  guint n = 0;

  if (!(step > 0))
    return 0;
  while (decimals < 3 && fabs (step * pow (10, decimals) - round (step * pow (10, decimals))) > 1e-6)
    decimals++;

  max_ticks = MIN (max_ticks, VASTUS_CHART_MAX_TICKS);
  for (double k = ceil (lo / step - 1e-9); k * step <= hi + step * 1e-9 && n < max_ticks; k++)
    {
      double v = k * step;

      if (fabs (v) < step * 1e-9)
        v = 0;
      ticks[n].value = v;
      ticks[n].pos = 0;
      char shown[VASTUS_DISPLAY_NUMBER_SIZE];

      vastus_display_number (fabs (v), decimals, shown);
      /* A minus sign (U+2212), not a hyphen. */
      g_snprintf (ticks[n].label, sizeof ticks[n].label, "%s%s", v < 0 ? "\342\210\222" : "", shown);
      n++;
    }
  return n;
}
