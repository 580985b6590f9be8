/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-verdict"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-catalog.h"
#include "vastus-units.h"
#include "vastus-value.h"
#include "vastus-verdict.h"

/* Decimals beyond the unit's own that a value may need to explain its verdict; past that the
 * value is within VASTUS_THRESHOLD_TOLERANCE of the threshold anyway. */
#define MAX_EXTRA_DECIMALS 9

static const char *
comparator_symbol (VastusComparator comparator)
{
  switch (comparator)
    {
    case VASTUS_COMPARATOR_GT: return ">";
    case VASTUS_COMPARATOR_GE: return "≥";
    case VASTUS_COMPARATOR_LT: return "<";
    case VASTUS_COMPARATOR_LE: return "≤";
    case VASTUS_N_COMPARATORS:
    default: return "?";
    }
}

static double
round_to (double value,
          int    decimals)
{
  double scale = pow (10, decimals);

  return round (value * scale) / scale;
}

/* The fewest decimals from @base on at which @value, rounded, still tells @status. */
static int
verdict_decimals (const VastusCriterion *criterion,
                  double                 value,
                  double                 threshold,
                  int                    base,
                  VastusStatus           status)
{
  if (status != VASTUS_STATUS_MET && status != VASTUS_STATUS_NOT_MET)
    return base;
  for (int d = base; d < base + MAX_EXTRA_DECIMALS; d++)
    if (vastus_comparator_test (criterion->comparator, round_to (value, d), threshold) ==
        (status == VASTUS_STATUS_MET))
      return d;
  return base + MAX_EXTRA_DECIMALS;
}

/* The fewest decimals from @base on that show @value as it is (a threshold of 62.5 %). */
static int
exact_decimals (double value,
                int    base)
{
  for (int d = base; d < base + 6; d++)
    if (fabs (round_to (value, d) - value) <= VASTUS_THRESHOLD_TOLERANCE * MAX (1.0, fabs (value)))
      return d;
  return base + 6;
}

/* A value criterion on a catalog measure is shown as that measure shows it. */
static const VastusMeasure *
value_measure (const VastusCriterion *criterion,
               const char            *measure_code)
{
  if (criterion->metric != VASTUS_METRIC_VALUE)
    return NULL;
  if (measure_code == NULL && criterion->measures != NULL)
    measure_code = criterion->measures[0];
  return vastus_catalog_lookup (measure_code);
}

static int
unit_decimals (const char *unit,
               double      value)
{
  if (g_str_equal (unit, "%") || g_str_equal (unit, "%BW") || g_str_equal (unit, "weeks"))
    return 1;
  if (g_str_equal (unit, "Nm/kg"))
    return 2;
  if (g_str_equal (unit, "points") || g_str_equal (unit, "count"))
    return fabs (value - round (value)) > 1e-9 ? 1 : 0;
  if (g_str_equal (unit, "deg") || g_str_equal (unit, "grade") || g_str_equal (unit, "bool"))
    return 0;
  return 2;
}

static char *
format_in_unit (const char *unit,
                double      value,
                int         decimals)
{
  char number[VASTUS_DISPLAY_NUMBER_SIZE];

  vastus_display_number (value, decimals, number);
  if (g_str_equal (unit, "%") || g_str_equal (unit, "%BW"))
    return g_strdup_printf ("%s %s", number, unit);
  if (g_str_equal (unit, "deg"))
    return g_strdup_printf ("%s°", number);
  if (g_str_equal (unit, "weeks"))
    /* Translators: a time since surgery, e.g. "13.0 weeks" (the number has its decimal mark) */
    return g_strdup_printf (_("%s weeks"), number);
  if (g_str_equal (unit, "bool") && (value == 0 || value == 1))
    return g_strdup (value != 0 ? _("yes") : _("no"));
  if (*unit == '\0' || g_str_equal (unit, "grade") || g_str_equal (unit, "points") ||
      g_str_equal (unit, "count") || g_str_equal (unit, "bool"))
    return g_strdup (number);
  return g_strdup_printf ("%s %s", number, unit);
}

/* @value (or, with @status NOT_TESTED and @exact, a threshold shown as it is). */
static char *
format_number (const VastusCriterion *criterion,
               const char            *measure_code,
               double                 value,
               VastusStatus           status,
               gboolean               exact,
               gboolean               imperial)
{
  const VastusMeasure *measure = value_measure (criterion, measure_code);
  const char *unit = criterion->unit != NULL ? criterion->unit : "";
  const char *display_unit = NULL;
  int decimals;

  if (!isfinite (value))
    return g_strdup ("—");
  if (measure != NULL)
    {
      double shown = value, threshold = criterion->threshold;

      if (measure->kind != VASTUS_VALUE_NUMBER)
        return vastus_measure_format_value (measure, value, NULL);
      if (imperial)
        display_unit = vastus_measure_imperial_unit (measure);
      if (display_unit == NULL)
        display_unit = measure->unit;
      vastus_unit_from_stored (display_unit, value, &shown);
      vastus_unit_from_stored (display_unit, criterion->threshold, &threshold);
      decimals = vastus_measure_get_decimals (measure, display_unit, shown);
      decimals = exact ? exact_decimals (shown, decimals)
                       : verdict_decimals (criterion, shown, threshold, decimals, status);
      return vastus_measure_format_value_decimals (measure, value, display_unit, decimals);
    }
  decimals = unit_decimals (unit, value);
  decimals = exact ? exact_decimals (value, decimals)
                   : verdict_decimals (criterion, value, criterion->threshold, decimals, status);
  return format_in_unit (unit, value, decimals);
}

char *
vastus_criterion_format_value (const VastusCriterion *criterion,
                               const char            *measure_code,
                               double                 value,
                               VastusStatus           status,
                               gboolean               imperial)
{
  g_return_val_if_fail (criterion != NULL, NULL);
  return format_number (criterion, measure_code, value, status, FALSE, imperial);
}

char *
vastus_criterion_format_requirement (const VastusCriterion *criterion,
                                     const char            *measure_code,
                                     gboolean               imperial)
{
  g_autofree char *threshold = NULL;
  const VastusMeasure *measure;

  g_return_val_if_fail (criterion != NULL, NULL);

  measure = value_measure (criterion, measure_code);
  if (g_strcmp0 (criterion->unit, "bool") == 0 ||
      (measure != NULL && measure->kind == VASTUS_VALUE_BOOL))
    {
      gboolean wants_yes = vastus_comparator_test (criterion->comparator, 1, criterion->threshold);
      gboolean wants_no = vastus_comparator_test (criterion->comparator, 0, criterion->threshold);

      if (wants_yes != wants_no)
        return g_strdup (wants_yes ? _("yes") : _("no"));
    }
  threshold = format_number (criterion, measure_code, criterion->threshold, VASTUS_STATUS_NOT_TESTED,
                             TRUE, imperial);
  if (!isnan (criterion->velocity_deg_s))
    {
      char velocity[VASTUS_DISPLAY_NUMBER_SIZE];

      /* Translators: a requirement at a test velocity, e.g. "≥ 90.0 % at 60°/s" */
      return g_strdup_printf (_("%s %s at %s°/s"), comparator_symbol (criterion->comparator), threshold,
                              vastus_display_number_exact (criterion->velocity_deg_s, velocity));
    }
  return g_strdup_printf ("%s %s", comparator_symbol (criterion->comparator), threshold);
}

char *
vastus_criterion_result_label (const VastusCriterionResult *result,
                               const char                  *label)
{
  g_return_val_if_fail (result != NULL, NULL);

  if (label == NULL)
    label = result->criterion->label;
  if (!result->hand_held)
    return g_strdup (label);
  /* Translators: a strength criterion judged from a hand-held dynamometer */
  return g_strdup_printf (_("%s — by hand-held dynamometer"), label);
}

static char *
display_date (const GDate *date,
              gpointer     user_data)
{
  return vastus_display_date_dup (date);
}

char *
vastus_criterion_result_value (const VastusCriterionResult *result,
                               const VastusEvaluation      *evaluation,
                               gboolean                     imperial,
                               VastusDateText               date_text,
                               gpointer                     user_data)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail (result != NULL && evaluation != NULL, NULL);

  if (date_text == NULL)
    date_text = display_date;
  if (result->status == VASTUS_STATUS_NOT_TESTED)
    {
      if (g_strcmp0 (result->reason_code, "stale") == 0 && g_date_valid (&result->last_measured))
        {
          g_autofree char *date = date_text (&result->last_measured, user_data);
          double weeks = evaluation->rules.max_age_weeks;
          char weeks_text[VASTUS_DISPLAY_NUMBER_SIZE];

          return g_strdup_printf (ngettext (
                                               /* Translators: a result too old to count, e.g.
                                                * "last measured 12 Jun 2025 — older than 4
                                                * weeks" */
                                               "last measured %s — older than %s week",
                                               "last measured %s — older than %s weeks",
                                               weeks == 1 ? 1 : 2),
                                  date, vastus_display_number_exact (weeks, weeks_text));
        }
      return g_strdup (result->reason != NULL ? result->reason : "—");
    }

  number = vastus_criterion_format_value (result->criterion, result->measure, result->value,
                                          result->status, imperial);
  if (!result->hand_held)
    return g_steal_pointer (&number);
  if (g_strcmp0 (result->fixation, "belt") == 0)
    /* Translators: %s is a strength value with its unit (“402 N”), then how the hand-held
     * dynamometer was fixed */
    return g_strdup_printf (_("%s by hand-held dynamometer, belt-fixed"), number);
  if (g_strcmp0 (result->fixation, "frame") == 0)
    /* Translators: %s is a strength value with its unit (“402 N”) */
    return g_strdup_printf (_("%s by hand-held dynamometer, frame-fixed"), number);
  if (g_strcmp0 (result->fixation, "manual") == 0)
    /* Translators: %s is a strength value with its unit (“402 N”) */
    return g_strdup_printf (_("%s by hand-held dynamometer, held by hand"), number);
  /* Translators: %s is a strength value with its unit (“402 N”) */
  return g_strdup_printf (_("%s by hand-held dynamometer, fixation not recorded"), number);
}

char *
vastus_evaluation_verdict (const VastusEvaluation *evaluation)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *count = NULL;
  g_autofree char *list = NULL;
  const VastusCriterionResult *time = NULL;
  guint total, not_met;

  g_return_val_if_fail (evaluation != NULL, NULL);

  total = evaluation->results->len;
  /* Translators: the start of a verdict, "8 of 12 criteria met" */
  count = g_strdup_printf (ngettext ("%u of %u criterion met",
                                        "%u of %u criteria met", total),
                           evaluation->met, total);
  if (evaluation->ready)
    /* Translators: a verdict with every criterion met and no safety flag or other hold */
    return g_strdup_printf (_("%s · nothing holds"), count);

  for (guint i = 0; i < evaluation->holds->len; i++)
    {
      const VastusSafetyFlag *hold = g_ptr_array_index (evaluation->holds, i);

      /* Translators: a reason a patient is not cleared, e.g. "effusion 2+ (hold)" */
      g_ptr_array_add (reasons, g_strdup_printf (_("%s (hold)"), hold->brief));
    }
  /* The time the source advises: the longest time criterion not reached. */
  not_met = evaluation->not_met;
  for (guint i = 0; i < total; i++)
    {
      const VastusCriterionResult *r = g_ptr_array_index (evaluation->results, i);

      if (r->criterion->metric != VASTUS_METRIC_WEEKS || r->status != VASTUS_STATUS_NOT_MET)
        continue;
      not_met--;
      if (time == NULL || r->criterion->threshold > time->criterion->threshold)
        time = r;
    }
  if (time != NULL)
    {
      char weeks[VASTUS_DISPLAY_NUMBER_SIZE], advised[VASTUS_DISPLAY_NUMBER_SIZE];

      /* Translators: e.g. "13 weeks of the 39 the source advises" (weeks since surgery) */
      g_ptr_array_add (reasons, g_strdup_printf (_("%s weeks of the %s the source advises"),
                                                 vastus_display_number (floor (time->value), 0, weeks),
                                                 vastus_display_number_exact (time->criterion->threshold,
                                                                              advised)));
    }
  if (not_met > 0 && time != NULL)
    /* Translators: part of a verdict, criteria other than the time since surgery */
    g_ptr_array_add (reasons, g_strdup_printf (ngettext ("%u more not met",
                                                            "%u more not met", not_met),
                                               not_met));
  else if (not_met > 0)
    /* Translators: part of a verdict: a number of criteria not met */
    g_ptr_array_add (reasons, g_strdup_printf (ngettext ("%u not met", "%u not met", not_met),
                                               not_met));
  if (evaluation->not_tested > 0)
    /* Translators: part of a verdict: a number of criteria not tested */
    g_ptr_array_add (reasons, g_strdup_printf (ngettext ("%u not tested", "%u not tested",
                                                         evaluation->not_tested),
                                               evaluation->not_tested));
  if (total == 0)
    g_ptr_array_add (reasons, g_strdup (_("the set has no criterion for this patient")));
  g_ptr_array_add (reasons, NULL);
  list = g_strjoinv (", ", (char **) reasons->pdata);
  /* Translators: a verdict, "8 of 12 criteria met · not cleared: effusion 2+ (hold), …" */
  return g_strdup_printf (_("%s · not cleared: %s"), count, list);
}
