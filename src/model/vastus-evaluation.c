/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-evaluation"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "vastus-evaluation.h"
#include "vastus-symmetry.h"
#include "vastus-value.h"

#define LSI_SWAPPED_ABOVE 130.0

const char *
vastus_status_to_string (VastusStatus status)
{
  switch (status)
    {
    case VASTUS_STATUS_MET: return "met";
    case VASTUS_STATUS_NOT_MET: return "not_met";
    case VASTUS_STATUS_NOT_TESTED:
    default: return "not_tested";
    }
}

static void
result_free (VastusCriterionResult *result)
{
  vastus_criterion_free (result->criterion);
  g_free (result);
}

static void
warning_free (VastusEvalWarning *warning)
{
  g_free (warning->code);
  g_free (warning->message);
  g_free (warning->measure);
  g_free (warning);
}

void
vastus_evaluation_free (VastusEvaluation *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->set, vastus_criteria_set_free);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self);
}

/* The value of a per-side absolute metric for one leg. */
static double
side_metric (const VastusHistory   *history,
             guint                  visit_index,
             const VastusCriterion *criterion,
             const VastusMeasure   *measure,
             VastusSide             side,
             const char           **reason)
{
  const VastusVisit *visit = g_ptr_array_index (history->visits, visit_index);
  const char *code = measure->code;
  double value;

  switch (criterion->metric)
    {
    case VASTUS_METRIC_VALUE:
      value = vastus_visit_combined_measure (visit, measure, side, VASTUS_TRIALS_ALL);
      if (measure->kind != VASTUS_VALUE_NUMBER && !isnan (value))
        value = (double) lround (value);   /* grades and yes/no are ordered integers */
      return value;

    case VASTUS_METRIC_NORMALIZED:
      if (isnan (visit->body_mass_kg))
        {
          *reason = _("No body mass is recorded at this visit.");
          return NAN;
        }
      if (g_strcmp0 (criterion->unit, "%BW") == 0)
        return vastus_force_percent_bw (vastus_visit_combined (visit, code, side, VASTUS_TRIALS_ALL),
                                        visit->body_mass_kg);
      if (g_str_equal (measure->unit, "Nm"))
        value = vastus_visit_combined (visit, code, side, VASTUS_TRIALS_ALL);
      else
        {
          value = vastus_visit_combined_torque (visit, code, side);
          if (isnan (value) && !isnan (vastus_visit_combined (visit, code, side, VASTUS_TRIALS_ALL)))
            *reason = _("No lever arm is recorded: torque cannot be computed from force.");
        }
      return vastus_torque_per_mass (value, visit->body_mass_kg);

    case VASTUS_METRIC_PERCENT_HEIGHT:
      value = vastus_history_height_cm (history, visit_index);
      if (isnan (value))
        {
          *reason = _("No height is recorded.");
          return NAN;
        }
      return vastus_percent_height (vastus_visit_combined (visit, code, side, VASTUS_TRIALS_ALL), value);

    case VASTUS_METRIC_RATIO:
      return vastus_hq_ratio (vastus_visit_combined (visit, code, side, VASTUS_TRIALS_ALL),
                              vastus_visit_combined (visit, vastus_hq_partner (code), side,
                                                     VASTUS_TRIALS_ALL));
    default:
      g_return_val_if_reached (NAN);
    }
}

/* The value least favourable to the comparator: the lower one for > and >=. */
static double
least_favourable (VastusComparator comparator,
                  double           a,
                  double           b)
{
  if (isnan (a))
    return b;
  if (isnan (b))
    return a;
  if (comparator == VASTUS_COMPARATOR_GT || comparator == VASTUS_COMPARATOR_GE)
    return MIN (a, b);
  return MAX (a, b);
}

/* Change of a one-sided measure since its baseline: the baseline-marked value, else the
 * episode's first recorded value. */
static double
change_since_baseline (const VastusHistory *history,
                       guint                visit_index,
                       const char          *code,
                       const char         **reason)
{
  const VastusVisit *visit = g_ptr_array_index (history->visits, visit_index);
  double now = vastus_visit_combined (visit, code, VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL);
  double baseline;

  if (isnan (now))
    return NAN;
  baseline = vastus_history_baseline (history, code, VASTUS_SIDE_NONE, &visit->date, NULL);
  for (guint i = 0; isnan (baseline) && i <= visit_index; i++)
    baseline = vastus_visit_combined (g_ptr_array_index (history->visits, i), code,
                                      VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL);
  return now - baseline;
}

static double
measure_value_at (const VastusHistory   *history,
                  guint                  visit_index,
                  const VastusCriterion *criterion,
                  const VastusMeasure   *measure,
                  const char           **reason)
{
  VastusSymmetry sym;
  VastusSide inv = vastus_history_involved_side (history);
  VastusSide side;

  switch (criterion->metric)
    {
    case VASTUS_METRIC_LSI:
      /* The common case, without the baseline look-up of a full symmetry. */
      if (inv != VASTUS_SIDE_NONE && vastus_symmetry_kind (measure) == VASTUS_SYMMETRY_RATIO)
        {
          const VastusVisit *visit = g_ptr_array_index (history->visits, visit_index);
          double involved = vastus_visit_combined_measure (visit, measure, inv, VASTUS_TRIALS_ALL);

          if (isnan (involved))
            return NAN;
          return vastus_lsi (measure, involved,
                             vastus_visit_combined_measure (visit, measure,
                                                            vastus_history_uninvolved_side (history),
                                                            VASTUS_TRIALS_ALL));
        }
      G_GNUC_FALLTHROUGH;
    case VASTUS_METRIC_EPIC:
    case VASTUS_METRIC_DIFFERENCE:
      if (criterion->metric == VASTUS_METRIC_DIFFERENCE && !measure->two_sided)
        return change_since_baseline (history, visit_index, measure->code, reason);
      vastus_symmetry_compute (history, visit_index, measure->code, &sym);
      if (criterion->metric == VASTUS_METRIC_LSI)
        {
          if (isnan (sym.lsi) && inv == VASTUS_SIDE_NONE)
            *reason = sym.lsi_reason;
          return sym.lsi;
        }
      if (criterion->metric == VASTUS_METRIC_EPIC)
        {
          if (isnan (sym.epic) && (inv == VASTUS_SIDE_NONE || !isnan (sym.involved)))
            *reason = sym.epic_reason;
          return sym.epic;
        }
      if (isnan (sym.difference) && inv == VASTUS_SIDE_NONE)
        *reason = sym.lsi_reason;
      return sym.difference;

    case VASTUS_METRIC_VALUE:
    case VASTUS_METRIC_NORMALIZED:
    case VASTUS_METRIC_PERCENT_HEIGHT:
    case VASTUS_METRIC_RATIO:
      if (!measure->two_sided)
        return side_metric (history, visit_index, criterion, measure, VASTUS_SIDE_NONE, reason);
      if (inv == VASTUS_SIDE_NONE)
        return least_favourable (criterion->comparator,
                                 side_metric (history, visit_index, criterion, measure,
                                              VASTUS_SIDE_LEFT, reason),
                                 side_metric (history, visit_index, criterion, measure,
                                              VASTUS_SIDE_RIGHT, reason));
      side = criterion->side == VASTUS_CRITERION_SIDE_UNINVOLVED
        ? vastus_history_uninvolved_side (history) : inv;
      return side_metric (history, visit_index, criterion, measure, side, reason);

    case VASTUS_METRIC_WEEKS:
    default:
      return NAN;
    }
}

double
vastus_criterion_value_at (const VastusHistory   *history,
                           guint                  visit_index,
                           const VastusCriterion *criterion,
                           const char           **measure_used,
                           const char           **reason)
{
  const char *dummy_reason = NULL;

  if (reason == NULL)
    reason = &dummy_reason;
  *reason = NULL;
  if (measure_used != NULL)
    *measure_used = NULL;
  g_return_val_if_fail (visit_index < history->visits->len, NAN);

  if (criterion->metric == VASTUS_METRIC_WEEKS)
    {
      const VastusVisit *visit = g_ptr_array_index (history->visits, visit_index);
      const GDate *index_date = vastus_episode_get_index_date (history->episode);

      if (index_date == NULL)
        {
          *reason = _("Neither a surgery nor an injury date is recorded.");
          return NAN;
        }
      return vastus_date_weeks_between (index_date, &visit->date);
    }

  for (guint i = 0; criterion->measures != NULL && criterion->measures[i] != NULL; i++)
    {
      const VastusMeasure *measure = vastus_history_lookup_measure (criterion->measures[i]);
      double value;

      if (measure == NULL)
        continue;
      value = measure_value_at (history, visit_index, criterion, measure, reason);
      if (!isnan (value))
        {
          if (measure_used != NULL)
            *measure_used = criterion->measures[i];
          *reason = NULL;
          return value;
        }
    }
  return NAN;
}

static void
add_warning (VastusEvaluation *self,
             const char       *code,
             const char       *measure,
             char             *message)
{
  VastusEvalWarning *warning = g_new0 (VastusEvalWarning, 1);

  warning->code = g_strdup (code);
  warning->measure = g_strdup (measure);
  warning->message = message;
  g_ptr_array_add (self->warnings, warning);
}

static gboolean
has_warning (VastusEvaluation *self,
             const char       *code,
             const char       *measure)
{
  /* One warning of a kind per measure: several criteria may read the same one. */
  for (guint i = 0; i < self->warnings->len; i++)
    {
      VastusEvalWarning *w = g_ptr_array_index (self->warnings, i);

      if (g_str_equal (w->code, code) && g_strcmp0 (w->measure, measure) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
conditions_differ (const VastusMeasurement *a,
                   const VastusMeasurement *b)
{
  if (a == NULL || b == NULL)
    return FALSE;
  if (!isnan (a->knee_angle_deg) && !isnan (b->knee_angle_deg) && a->knee_angle_deg != b->knee_angle_deg)
    return TRUE;
  if (!isnan (a->velocity_deg_s) && !isnan (b->velocity_deg_s) && a->velocity_deg_s != b->velocity_deg_s)
    return TRUE;
  if (a->fixation != NULL && b->fixation != NULL && g_strcmp0 (a->fixation, b->fixation) != 0)
    return TRUE;
  return FALSE;
}

static void
check_conditions (VastusEvaluation    *self,
                  const VastusHistory *history,
                  guint                visit_index,
                  const char          *code)
{
  const VastusVisit *visit = g_ptr_array_index (history->visits, visit_index);
  static const VastusSide sides[] = { VASTUS_SIDE_LEFT, VASTUS_SIDE_RIGHT, VASTUS_SIDE_NONE };

  if (has_warning (self, "conditions-changed", code))
    return;
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      const VastusMeasurement *now = vastus_visit_first_trial (visit, code, sides[s]);

      if (now == NULL)
        continue;
      for (guint i = visit_index; i > 0; i--)
        {
          const VastusVisit *prev = g_ptr_array_index (history->visits, i - 1);
          const VastusMeasurement *before = vastus_visit_first_trial (prev, code, sides[s]);
          char date[VASTUS_DATE_BUF_SIZE];

          if (before == NULL)
            continue;
          if (conditions_differ (now, before))
            {
              add_warning (self, "conditions-changed", code,
                           g_strdup_printf (_("The test conditions of %s (knee angle, velocity or fixation) differ from the visit of %s: the values may not be comparable."),
                                            vastus_measure_get_short_label (vastus_history_lookup_measure (code)),
                                            vastus_date_format (&prev->date, date)));
              return;
            }
          break;
        }
    }
}

static void
check_lsi_warnings (VastusEvaluation      *self,
                    const VastusHistory   *history,
                    guint                  visit_index,
                    VastusCriterionResult *result)
{
  const VastusCriterion *c = result->criterion;
  const VastusMeasure *measure = vastus_history_lookup_measure (result->measure);
  VastusSymmetry sym;

  if (measure == NULL)
    return;
  if (result->value > LSI_SWAPPED_ABOVE && !has_warning (self, "lsi-above-130", result->measure))
    add_warning (self, "lsi-above-130", result->measure,
                 g_strdup_printf (_("The symmetry index of %s is %.1f %%, above 130 %%: check that the sides were not swapped."),
                                  vastus_measure_get_short_label (measure), result->value));
  if (result->status != VASTUS_STATUS_MET)
    return;
  vastus_symmetry_compute (history, visit_index, result->measure, &sym);
  if (!isnan (sym.epic) && !vastus_comparator_test (c->comparator, sym.epic, c->threshold) &&
      !has_warning (self, "lsi-overestimates", result->measure))
    add_warning (self, "lsi-overestimates", result->measure,
                 g_strdup_printf (_("%s: the symmetry index (%.1f %%) meets the threshold but the pre-injury capacity index (%.1f %%) does not: the uninvolved side has lost strength or function."),
                                  vastus_measure_get_short_label (measure), result->value, sym.epic));
}

/* The first date the time criterion holds, counted in whole days from the index date. */
static void
weeks_first_met (const VastusCriterion *c,
                 const GDate           *index_date,
                 GDate                 *out)
{
  double days;

  switch (c->comparator)
    {
    case VASTUS_COMPARATOR_GE: days = ceil (c->threshold * 7.0); break;
    case VASTUS_COMPARATOR_GT: days = floor (c->threshold * 7.0) + 1; break;
    default: days = 0; break;   /* "fewer than" holds from the start */
    }
  *out = *index_date;
  if (days > 0)
    g_date_add_days (out, (guint) days);
  else if (days < 0)
    g_date_subtract_days (out, (guint) -days);
}

static void
evaluate_weeks (const VastusHistory   *history,
                const GDate           *as_of,
                VastusCriterionResult *result)
{
  const GDate *index_date = vastus_episode_get_index_date (history->episode);
  const VastusCriterion *c = result->criterion;

  if (index_date == NULL)
    {
      result->reason = _("Neither a surgery nor an injury date is recorded.");
      return;
    }
  result->value = vastus_date_weeks_between (index_date, as_of);
  if (vastus_comparator_test (c->comparator, result->value, c->threshold))
    {
      result->status = VASTUS_STATUS_MET;
      weeks_first_met (c, index_date, &result->first_met);
    }
  else
    result->status = VASTUS_STATUS_NOT_MET;
}

static void
evaluate_criterion (VastusEvaluation      *self,
                    const VastusHistory   *history,
                    guint                  n_visits,
                    VastusCriterionResult *result)
{
  const VastusCriterion *c = result->criterion;
  const char *reason = NULL;
  guint used = G_MAXUINT;

  for (guint i = n_visits; i > 0; i--)
    {
      const char *measure = NULL;
      const char *why = NULL;
      double value = vastus_criterion_value_at (history, i - 1, c, &measure, &why);

      if (i == n_visits || reason == NULL)
        reason = why;
      if (!isnan (value))
        {
          const VastusVisit *visit = g_ptr_array_index (history->visits, i - 1);

          used = i - 1;
          result->value = value;
          result->measure = measure;
          result->visit_date = visit->date;
          result->status = vastus_comparator_test (c->comparator, value, c->threshold)
            ? VASTUS_STATUS_MET : VASTUS_STATUS_NOT_MET;
          break;
        }
    }

  if (used == G_MAXUINT)
    {
      result->reason = reason != NULL ? reason : _("Not measured on or before this date.");
      return;
    }

  if (result->status == VASTUS_STATUS_MET)
    {
      result->first_met = result->visit_date;
      for (guint i = used; i > 0; i--)
        {
          const VastusVisit *visit = g_ptr_array_index (history->visits, i - 1);
          double value = vastus_criterion_value_at (history, i - 1, c, NULL, NULL);

          if (isnan (value))
            continue;
          if (!vastus_comparator_test (c->comparator, value, c->threshold))
            break;
          result->first_met = visit->date;
        }
    }

  if (c->metric == VASTUS_METRIC_LSI)
    check_lsi_warnings (self, history, used, result);
  check_conditions (self, history, used, result->measure);
}

VastusEvaluation *
vastus_evaluate (const VastusHistory     *history,
                 const VastusCriteriaSet *set,
                 const GDate             *as_of)
{
  VastusEvaluation *self;
  const GDate *index_date;
  guint n_visits;
  gboolean symmetry_criteria = FALSE;
  VastusSex sex;

  g_return_val_if_fail (history != NULL && set != NULL && as_of != NULL, NULL);
  g_return_val_if_fail (g_date_valid (as_of), NULL);

  self = g_new0 (VastusEvaluation, 1);
  self->set = vastus_criteria_set_copy (set);
  self->as_of = *as_of;
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) result_free);
  self->warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) warning_free);
  index_date = vastus_episode_get_index_date (history->episode);
  self->weeks_since_surgery = index_date != NULL ? vastus_date_weeks_between (index_date, as_of) : NAN;
  n_visits = vastus_history_count_until (history, as_of);
  sex = history->patient->sex;

  for (guint i = 0; i < set->criteria->len; i++)
    {
      const VastusCriterion *c = g_ptr_array_index (set->criteria, i);
      VastusCriterionResult *result;

      if (!vastus_criterion_applies_to (c, sex))
        continue;
      result = g_new0 (VastusCriterionResult, 1);
      result->criterion = vastus_criterion_copy (c);
      result->measure = result->criterion->measures != NULL ? result->criterion->measures[0] : NULL;
      result->value = NAN;
      result->status = VASTUS_STATUS_NOT_TESTED;
      g_date_clear (&result->visit_date, 1);
      g_date_clear (&result->first_met, 1);
      g_ptr_array_add (self->results, result);

      if (c->metric == VASTUS_METRIC_LSI || c->metric == VASTUS_METRIC_EPIC)
        symmetry_criteria = TRUE;

      if ((c->sex == VASTUS_SEX_FEMALE || c->sex == VASTUS_SEX_MALE) &&
          sex != VASTUS_SEX_FEMALE && sex != VASTUS_SEX_MALE)
        result->reason = _("The threshold depends on sex, which is not recorded as female or male.");
      else if (c->metric == VASTUS_METRIC_WEEKS)
        evaluate_weeks (history, as_of, result);
      else
        evaluate_criterion (self, history, n_visits, result);

      switch (result->status)
        {
        case VASTUS_STATUS_MET: self->met++; break;
        case VASTUS_STATUS_NOT_MET: self->not_met++; break;
        case VASTUS_STATUS_NOT_TESTED:
        default: self->not_tested++; break;
        }
    }

  self->all_met = self->results->len > 0 && self->met == self->results->len;
  if (symmetry_criteria && history->episode->involved_side == VASTUS_SIDE_BOTH)
    add_warning (self, "no-lsi-both-sides", NULL,
                 g_strdup (_("Both knees are involved: symmetry (LSI) and pre-injury capacity (EPIC) criteria cannot be evaluated.")));
  return self;
}
