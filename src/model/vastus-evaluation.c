/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-evaluation"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-evaluation.h"
#include "vastus-symmetry.h"
#include "vastus-value.h"

#define LSI_SWAPPED_ABOVE 130.0

#define SRC_HHD "Strength measurement validity: Kim 2014, https://pmc.ncbi.nlm.nih.gov/articles/PMC3953369; clinical-reference.md §4"

/* Why a criterion could not be judged: a stable code and a translated sentence. */
typedef struct
{
  const char *code;
  const char *text;
} Why;

static void
why_set (Why        *why,
         const char *code,
         const char *text)
{
  why->code = code;
  why->text = text;
}

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
  if (!self->set_borrowed)
    g_clear_pointer (&self->set, vastus_criteria_set_free);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  g_clear_pointer (&self->holds, g_ptr_array_unref);
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
             Why                   *why)
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
          why_set (why, "no_body_mass", _("No body mass is recorded at this visit."));
          return NAN;
        }
      if (g_strcmp0 (criterion->unit, "%BW") == 0)
        return vastus_force_percent_bw (vastus_visit_combined_measure (visit, measure, side,
                                                                       VASTUS_TRIALS_ALL),
                                        visit->body_mass_kg);
      if (g_str_equal (measure->unit, "Nm"))
        value = vastus_visit_combined_measure (visit, measure, side, VASTUS_TRIALS_ALL);
      else
        {
          value = vastus_visit_combined_torque (visit, code, side);
          if (isnan (value) &&
              !isnan (vastus_visit_combined_measure (visit, measure, side, VASTUS_TRIALS_ALL)))
            why_set (why, "no_lever_arm", _("No lever arm is recorded: torque cannot be computed from force."));
        }
      return vastus_torque_per_mass (value, visit->body_mass_kg);

    case VASTUS_METRIC_PERCENT_HEIGHT:
      value = vastus_history_height_cm (history, visit_index);
      if (isnan (value))
        {
          why_set (why, "no_height", _("No height is recorded."));
          return NAN;
        }
      return vastus_percent_height (vastus_visit_combined_measure (visit, measure, side,
                                                                   VASTUS_TRIALS_ALL), value);

    case VASTUS_METRIC_RATIO:
      return vastus_hq_ratio (vastus_visit_combined_measure (visit, measure, side, VASTUS_TRIALS_ALL),
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

/* Change of a one-sided measure since its baseline: the latest baseline-marked value at an
 * earlier visit, else the episode's first recorded value. A change needs two values: with none
 * before this visit there is nothing to compare with. */
static double
change_since_baseline (const VastusHistory *history,
                       guint                visit_index,
                       const VastusMeasure *measure,
                       Why                 *why)
{
  const VastusVisit *visit = g_ptr_array_index (history->visits, visit_index);
  double now = vastus_visit_combined_measure (visit, measure, VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL);
  double baseline = NAN;

  if (isnan (now))
    return NAN;
  for (guint i = visit_index; isnan (baseline) && i > 0; i--)
    baseline = vastus_visit_combined_measure (g_ptr_array_index (history->visits, i - 1), measure,
                                              VASTUS_SIDE_NONE, VASTUS_TRIALS_BASELINE);
  for (guint i = 0; isnan (baseline) && i < visit_index; i++)
    baseline = vastus_visit_combined_measure (g_ptr_array_index (history->visits, i), measure,
                                              VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL);
  if (isnan (baseline))
    why_set (why, "single_value",
             _("Only one value is recorded: a change needs an earlier value to compare with."));
  return now - baseline;
}

static double
measure_value_at (const VastusHistory   *history,
                  guint                  visit_index,
                  const VastusCriterion *criterion,
                  const VastusMeasure   *measure,
                  Why                   *why)
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
        return change_since_baseline (history, visit_index, measure, why);
      vastus_symmetry_compute (history, visit_index, measure->code, &sym);
      if (criterion->metric == VASTUS_METRIC_LSI)
        {
          if (isnan (sym.lsi) && inv == VASTUS_SIDE_NONE)
            why_set (why, "both_knees_involved", sym.lsi_reason);
          return sym.lsi;
        }
      if (criterion->metric == VASTUS_METRIC_EPIC)
        {
          if (isnan (sym.epic) && (inv == VASTUS_SIDE_NONE || !isnan (sym.involved)))
            why_set (why, inv == VASTUS_SIDE_NONE ? "both_knees_involved" : "no_baseline",
                     sym.epic_reason);
          return sym.epic;
        }
      if (isnan (sym.difference) && inv == VASTUS_SIDE_NONE)
        why_set (why, "both_knees_involved", sym.lsi_reason);
      return sym.difference;

    case VASTUS_METRIC_VALUE:
    case VASTUS_METRIC_NORMALIZED:
    case VASTUS_METRIC_PERCENT_HEIGHT:
    case VASTUS_METRIC_RATIO:
      if (!measure->two_sided)
        return side_metric (history, visit_index, criterion, measure, VASTUS_SIDE_NONE, why);
      if (inv == VASTUS_SIDE_NONE)
        return least_favourable (criterion->comparator,
                                 side_metric (history, visit_index, criterion, measure,
                                              VASTUS_SIDE_LEFT, why),
                                 side_metric (history, visit_index, criterion, measure,
                                              VASTUS_SIDE_RIGHT, why));
      side = criterion->side == VASTUS_CRITERION_SIDE_UNINVOLVED
        ? vastus_history_uninvolved_side (history) : inv;
      return side_metric (history, visit_index, criterion, measure, side, why);

    case VASTUS_METRIC_WEEKS:
    default:
      return NAN;
    }
}

/* Whether the trials of @code at @visit were tested at the criterion's velocity: a velocity
 * condition counts only results recorded at it (or recorded without one, on a measure of that
 * velocity: validation keeps the two together). */
static gboolean
velocity_matches (const VastusVisit     *visit,
                  const char            *code,
                  const VastusCriterion *criterion)
{
  if (isnan (criterion->velocity_deg_s))
    return TRUE;
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

      if (g_str_equal (m->measure, code) && !isnan (m->velocity_deg_s) &&
          m->velocity_deg_s != criterion->velocity_deg_s)
        return FALSE;
    }
  return TRUE;
}

/* The catalog's entries of a criterion's measures (NULL for a code the catalog does not know),
 * looked up once for all the visits the criterion is judged at rather than at each visit. */
typedef struct
{
  const VastusMeasure **items;
  guint                 n;
  const VastusMeasure  *stack[8];
} Measures;

static void
measures_init (Measures              *out,
               const VastusCriterion *criterion)
{
  out->n = criterion->measures != NULL ? g_strv_length (criterion->measures) : 0;
  out->items = out->n <= G_N_ELEMENTS (out->stack) ? out->stack
                                                   : g_new (const VastusMeasure *, out->n);
  for (guint i = 0; i < out->n; i++)
    out->items[i] = vastus_history_lookup_measure (criterion->measures[i]);
}

static void
measures_clear (Measures *measures)
{
  if (measures->items != measures->stack)
    g_free (measures->items);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Measures, measures_clear)

static double
value_at (const VastusHistory   *history,
          guint                  visit_index,
          const VastusCriterion *criterion,
          const Measures        *measures,
          const char           **measure_used,
          Why                   *why)
{
  why_set (why, NULL, NULL);
  if (measure_used != NULL)
    *measure_used = NULL;

  if (criterion->metric == VASTUS_METRIC_WEEKS)
    {
      const VastusVisit *visit = g_ptr_array_index (history->visits, visit_index);
      const GDate *index_date = vastus_episode_get_index_date (history->episode);

      if (index_date == NULL)
        {
          why_set (why, "no_index_date", _("Neither a surgery nor an injury date is recorded."));
          return NAN;
        }
      return vastus_date_weeks_between (index_date, &visit->date);
    }

  for (guint i = 0; i < measures->n; i++)
    {
      const VastusMeasure *measure = measures->items[i];
      double value;

      if (measure == NULL)
        continue;
      if (!velocity_matches (g_ptr_array_index (history->visits, visit_index), measure->code, criterion))
        {
          why_set (why, "other_velocity", _("Tested at another velocity than the criterion’s."));
          continue;
        }
      value = measure_value_at (history, visit_index, criterion, measure, why);
      if (!isnan (value))
        {
          if (measure_used != NULL)
            *measure_used = criterion->measures[i];
          why_set (why, NULL, NULL);
          return value;
        }
    }
  return NAN;
}

double
vastus_criterion_value_at (const VastusHistory   *history,
                           guint                  visit_index,
                           const VastusCriterion *criterion,
                           const char           **measure_used,
                           const char           **reason)
{
  g_auto(Measures) measures = { 0 };
  Why why;
  double value;

  g_return_val_if_fail (visit_index < history->visits->len, NAN);
  measures_init (&measures, criterion);
  value = value_at (history, visit_index, criterion, &measures, measure_used, &why);
  if (reason != NULL)
    *reason = why.text;
  return value;
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
          char date[VASTUS_DISPLAY_DATE_SIZE];

          if (before == NULL)
            continue;
          if (conditions_differ (now, before))
            {
              add_warning (self, "conditions-changed", code,
                           /* Translators: the first %s is a measure's short name, the second the
                            * date of the earlier visit */
                           g_strdup_printf (_("The test conditions of %s (knee angle, velocity or fixation) differ from the visit of %s: the values may not be comparable."),
                                            vastus_measure_get_short_label (vastus_history_lookup_measure (code)),
                                            vastus_display_date (&prev->date, date)));
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
  char lsi[VASTUS_DISPLAY_NUMBER_SIZE], epic[VASTUS_DISPLAY_NUMBER_SIZE];

  if (measure == NULL)
    return;
  /* The numbers are written out only for a warning that is given. */
  if (result->value > LSI_SWAPPED_ABOVE && !has_warning (self, "lsi-above-130", result->measure))
    add_warning (self, "lsi-above-130", result->measure,
                 /* Translators: the second %s is a percentage with its decimal mark */
                 g_strdup_printf (_("The symmetry index of %s is %s %%, above 130 %%: check that the sides were not swapped."),
                                  vastus_measure_get_short_label (measure),
                                  vastus_display_number (result->value, 1, lsi)));
  if (result->status != VASTUS_STATUS_MET)
    return;
  vastus_symmetry_compute (history, visit_index, result->measure, &sym);
  if (!isnan (sym.epic) && !vastus_comparator_test (c->comparator, sym.epic, c->threshold) &&
      !has_warning (self, "lsi-overestimates", result->measure))
    add_warning (self, "lsi-overestimates", result->measure,
                 /* Translators: a measure, then two percentages with their decimal marks */
                 g_strdup_printf (_("%s: the symmetry index (%s %%) meets the threshold but the pre-injury capacity index (%s %%) does not: the uninvolved side has lost strength or function."),
                                  vastus_measure_get_short_label (measure),
                                  vastus_display_number (result->value, 1, lsi),
                                  vastus_display_number (sym.epic, 1, epic)));
}

static void
not_tested (VastusCriterionResult *result,
            const char            *code,
            const char            *text)
{
  result->status = VASTUS_STATUS_NOT_TESTED;
  result->reason_code = code;
  result->reason = text;
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
      not_tested (result, "no_index_date", _("Neither a surgery nor an injury date is recorded."));
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

/* For a result read from a hand-held dynamometer: "belt" or "frame" when every trial of the
 * measure at that visit was fixed so, else the first other fixation ("manual", or NULL when not
 * recorded). */
static const char *
hand_held_fixation (const VastusVisit *visit,
                    const char        *code)
{
  static const char * const fixed[] = { "belt", "frame", NULL };
  const char *first = NULL;

  for (guint i = 0; i < visit->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

      if (!g_str_equal (m->measure, code))
        continue;
      if (m->fixation == NULL || !g_strv_contains (fixed, m->fixation))
        return m->fixation != NULL && g_str_equal (m->fixation, "manual") ? "manual" : NULL;
      if (first == NULL)
        first = g_str_equal (m->fixation, "belt") ? fixed[0] : fixed[1];
    }
  return first;
}

static void
evaluate_criterion (VastusEvaluation      *self,
                    const VastusHistory   *history,
                    guint                  n_visits,
                    VastusCriterionResult *result)
{
  const VastusCriterion *c = result->criterion;
  g_auto(Measures) measures = { 0 };
  const VastusMeasure *measure;
  const VastusVisit *visit;
  Why why = { NULL, NULL };
  guint used = G_MAXUINT;

  measures_init (&measures, c);
  for (guint i = n_visits; i > 0; i--)
    {
      const char *code = NULL;
      Why here;
      double value = value_at (history, i - 1, c, &measures, &code, &here);

      if (why.code == NULL)
        why = here;
      if (!isnan (value))
        {
          used = i - 1;
          result->value = value;
          result->measure = code;
          break;
        }
    }

  if (used == G_MAXUINT)
    {
      if (why.code != NULL)
        not_tested (result, why.code, why.text);
      else
        not_tested (result, "no_data", _("Not measured on or before this date."));
      return;
    }

  visit = g_ptr_array_index (history->visits, used);
  measure = vastus_history_lookup_measure (result->measure);
  if (self->rules.max_age_weeks > 0 &&
      g_date_days_between (&visit->date, &self->as_of) > self->rules.max_age_weeks * 7)
    {
      /* Too old to count: a battery is judged on results from the same few weeks. */
      result->value = NAN;
      result->last_measured = visit->date;
      not_tested (result, "stale", _("The last result is older than the clinic’s window."));
      return;
    }

  result->visit_date = visit->date;
  result->status = vastus_comparator_test (c->comparator, result->value, c->threshold)
    ? VASTUS_STATUS_MET : VASTUS_STATUS_NOT_MET;
  if (measure != NULL && measure->hand_held)
    {
      result->hand_held = TRUE;
      result->fixation = hand_held_fixation (visit, result->measure);
    }

  if (result->status == VASTUS_STATUS_MET)
    {
      result->first_met = result->visit_date;
      for (guint i = used; i > 0; i--)
        {
          const VastusVisit *earlier = g_ptr_array_index (history->visits, i - 1);
          Why ignored;
          double value = value_at (history, i - 1, c, &measures, NULL, &ignored);

          if (isnan (value))
            continue;
          if (!vastus_comparator_test (c->comparator, value, c->threshold))
            break;
          result->first_met = earlier->date;
        }
    }

  if (c->metric == VASTUS_METRIC_LSI)
    check_lsi_warnings (self, history, used, result);
  check_conditions (self, history, used, result->measure);
}

static gboolean
has_hold (const VastusEvaluation *self,
          const char             *code,
          const char             *brief)
{
  for (guint i = 0; i < self->holds->len; i++)
    {
      const VastusSafetyFlag *hold = g_ptr_array_index (self->holds, i);

      if (g_str_equal (hold->code, code) && g_strcmp0 (hold->brief, brief) == 0)
        return TRUE;
    }
  return FALSE;
}

/* What holds on the as-of date: the latest visit's flags, the surgeon's restriction in force on
 * the as-of date (not on the visit's), and a met criterion from an unfixed hand-held
 * dynamometer (one hold per measure). */
static void
collect_holds (VastusEvaluation    *self,
               const VastusHistory *history,
               guint                n_visits)
{
  VastusSafetyFlag *restriction;

  if (n_visits > 0)
    {
      g_autoptr(GPtrArray) flags = vastus_safety_check_rules (history, n_visits - 1, &self->rules, FALSE);

      for (guint i = 0; i < flags->len; i++)
        if (!g_str_equal (((VastusSafetyFlag *) g_ptr_array_index (flags, i))->code, "surgeon-restriction"))
          g_ptr_array_add (self->holds, g_steal_pointer (&g_ptr_array_index (flags, i)));
    }
  restriction = vastus_safety_surgeon_restriction (history->episode, &self->as_of);
  if (restriction != NULL)
    g_ptr_array_add (self->holds, restriction);

  for (guint i = 0; i < self->results->len; i++)
    {
      const VastusCriterionResult *r = g_ptr_array_index (self->results, i);
      const VastusMeasure *measure;
      VastusSafetyFlag *hold;
      g_autofree char *brief = NULL;

      if (r->status != VASTUS_STATUS_MET || !r->hand_held ||
          g_strcmp0 (r->fixation, "belt") == 0 || g_strcmp0 (r->fixation, "frame") == 0)
        continue;
      measure = vastus_history_lookup_measure (r->measure);
      brief = g_strdup_printf (r->fixation != NULL
                               /* Translators: part of a one-line verdict, %s is a measure
                                * such as "Quadriceps HHD" */
                               ? _("%s held by hand")
                               /* Translators: part of a one-line verdict, %s is a measure
                                * such as "Quadriceps HHD" */
                               : _("%s without a recorded belt or frame"),
                               vastus_measure_get_short_label (measure));
      if (has_hold (self, "hhd-unfixed", brief))
        continue;
      hold = g_new0 (VastusSafetyFlag, 1);
      hold->code = "hhd-unfixed";
      hold->source = SRC_HHD;
      hold->brief = g_steal_pointer (&brief);
      hold->reason = g_strdup_printf (r->fixation != NULL
                                      /* Translators: %s is the measure's name (“Quadriceps
                                       * isometric force (hand-held dynamometer)”); the index is
                                       * the limb symmetry index (LSI) */
                                      ? _("%s: the dynamometer was held by hand, so it measured the tester’s strength as much as the patient’s and pushes the index towards 100 %%. Repeat the test with a belt or frame.")
                                      /* Translators: %s is the measure's name; the index is the
                                       * limb symmetry index (LSI) */
                                      : _("%s: no belt or frame is recorded; a dynamometer held by hand measures the tester’s strength as much as the patient’s and pushes the index towards 100 %%. Repeat the test with a belt or frame, or record how it was fixed."),
                                      vastus_measure_get_label (measure));
      g_ptr_array_add (self->holds, hold);
    }
}

/* @owned_set: @set, or the evaluation's own copy of it. */
static VastusEvaluation *
evaluate (const VastusHistory     *history,
          const VastusCriteriaSet *set,
          VastusCriteriaSet       *owned_set,
          const GDate             *as_of,
          const VastusClinicRules *rules)
{
  VastusClinicRules defaults = VASTUS_CLINIC_RULES_DEFAULT;
  VastusEvaluation *self;
  const GDate *index_date;
  guint n_visits;
  gboolean symmetry_criteria = FALSE;
  VastusSex sex;

  self = g_new0 (VastusEvaluation, 1);
  self->set = owned_set;
  self->set_borrowed = owned_set == (VastusCriteriaSet *) set;
  self->rules = rules != NULL ? *rules : defaults;
  self->as_of = *as_of;
  self->results = g_ptr_array_new_with_free_func ((GDestroyNotify) result_free);
  self->holds = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_safety_flag_free);
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
      /* The copy in the evaluation's set, rather than a second copy of its own. */
      result->criterion = g_ptr_array_index (self->set->criteria, i);
      result->measure = result->criterion->measures != NULL ? result->criterion->measures[0] : NULL;
      result->value = NAN;
      result->status = VASTUS_STATUS_NOT_TESTED;
      g_date_clear (&result->visit_date, 1);
      g_date_clear (&result->first_met, 1);
      g_date_clear (&result->last_measured, 1);
      g_ptr_array_add (self->results, result);

      if (c->metric == VASTUS_METRIC_LSI || c->metric == VASTUS_METRIC_EPIC)
        symmetry_criteria = TRUE;

      if ((c->sex == VASTUS_SEX_FEMALE || c->sex == VASTUS_SEX_MALE) &&
          sex != VASTUS_SEX_FEMALE && sex != VASTUS_SEX_MALE)
        not_tested (result, "sex_not_recorded",
                    _("The threshold depends on sex, which is not recorded as female or male."));
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
  collect_holds (self, history, n_visits);
  self->ready = self->all_met && self->holds->len == 0;
  if (symmetry_criteria && history->episode->involved_side == VASTUS_SIDE_BOTH)
    add_warning (self, "no-lsi-both-sides", NULL,
                 g_strdup (_("Both knees are involved: symmetry (LSI) and pre-injury capacity (EPIC) criteria cannot be evaluated.")));
  return self;
}

VastusEvaluation *
vastus_evaluate (const VastusHistory     *history,
                 const VastusCriteriaSet *set,
                 const GDate             *as_of,
                 const VastusClinicRules *rules)
{
  g_return_val_if_fail (history != NULL && set != NULL && as_of != NULL, NULL);
  g_return_val_if_fail (g_date_valid (as_of), NULL);

  return evaluate (history, set, vastus_criteria_set_copy (set), as_of, rules);
}

VastusEvaluation *
vastus_evaluate_borrowing (const VastusHistory     *history,
                           const VastusCriteriaSet *set,
                           const GDate             *as_of,
                           const VastusClinicRules *rules)
{
  g_return_val_if_fail (history != NULL && set != NULL && as_of != NULL, NULL);
  g_return_val_if_fail (g_date_valid (as_of), NULL);

  /* Read only: the evaluation's results point into @set's criteria, as into a copy. */
  return evaluate (history, set, (VastusCriteriaSet *) set, as_of, rules);
}
