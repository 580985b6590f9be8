/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The verdict (issue 23) and a threshold met when the numbers say so (issue 24): every metric at,
 * just above and just below its threshold under every comparator; the patients of issue 23 (13
 * weeks with an effusion, pain and an unfixed hand-held dynamometer; a hop at 9 weeks; a stale
 * quadriceps result; the same patient ready at 43 weeks); the digits that explain a verdict; a
 * change that needs two values. Every expected value is worked out by hand in the comments.
 */
#include <math.h>
#include <string.h>

#include "clinical-fixture.h"
#include "vastus-units.h"
#include "vastus-verdict.h"

/* Surgery 2026-01-05: 9 weeks = 2026-03-09, 12 weeks = 2026-03-30, 13 weeks = 2026-04-06,
 * 26 weeks = 2026-07-06, 39 weeks = 2026-10-05, 43 weeks = 2026-11-02. */
#define SURGERY "2026-01-05"

/* A value typed in @unit, stored as the editor and import store it. */
static double
typed (const char *text,
       const char *unit)
{
  double stored = NAN;

  g_assert_true (vastus_unit_number_to_stored (unit, text, &stored));
  return stored;
}

static gboolean
has_hold (const VastusEvaluation *ev,
          const char             *code)
{
  for (guint i = 0; i < ev->holds->len; i++)
    {
      const VastusSafetyFlag *hold = g_ptr_array_index (ev->holds, i);

      g_assert_nonnull (hold->reason);
      g_assert_nonnull (hold->brief);
      g_assert_nonnull (hold->source);
      if (g_str_equal (hold->code, code))
        return TRUE;
    }
  return FALSE;
}

static VastusEvaluation *
evaluate (const VastusHistory     *h,
          const VastusCriteriaSet *set,
          const char              *as_of,
          double                   max_age_weeks)
{
  VastusClinicRules rules = VASTUS_CLINIC_RULES_DEFAULT;
  GDate date = fx_date (as_of);

  rules.max_age_weeks = max_age_weeks;
  return vastus_evaluate (h, set, &date, &rules);
}

/* Every metric kind, its value exactly at the threshold in decimal arithmetic (often not in
 * binary), one measurement step above and one below. */

typedef enum { BELOW, AT, ABOVE } Position;

typedef struct
{
  const char   *name;
  VastusMetric  metric;
  const char   *measure;
  double        threshold;
  const char   *unit;
  void        (*fill) (VastusHistory *h, Position position);
  double        expected[3];   /* the value below, at, above */
} MetricCase;

/* LSI: quadriceps HHD typed in lbf, involved left. 54 / 60 = 90 % exactly, but the stored
 * newtons (240.203967224067 and 266.89329691563) divide to 89.99999999999999; 53.99 / 60 =
 * 89.98333…, 54.01 / 60 = 90.01666… */
static void
fill_lsi (VastusHistory *h,
          Position       position)
{
  static const char *involved[] = { "53.99", "54", "54.01" };
  VastusVisit *v = fx_visit (h, "2026-10-05");

  fx_trial (v, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, typed (involved[position], "lbf"))->fixation = g_strdup ("belt");
  fx_trial (v, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, typed ("60", "lbf"))->fixation = g_strdup ("belt");
}

/* EPIC: single hop now 133.2 cm against the uninvolved side's baseline 148 cm: 90 %
 * (89.99999999999999 in binary); 133.1 → 89.932…, 133.3 → 90.067… */
static void
fill_epic (VastusHistory *h,
           Position       position)
{
  static const double now[] = { 133.1, 133.2, 133.3 };

  fx_trial (fx_visit (h, "2025-12-01"), "single_hop", VASTUS_SIDE_RIGHT, 1, 148)->baseline = TRUE;
  fx_pair (fx_visit (h, "2026-10-05"), "single_hop", now[position], 150);
}

/* Value: single hop, mean of two trials: (150.1 + 150.2) / 2 = 150.15 (150.14999999999998 in
 * binary); (150.1 + 150.18) / 2 = 150.14, (150.1 + 150.22) / 2 = 150.16 */
static void
fill_value (VastusHistory *h,
            Position       position)
{
  static const double second[] = { 150.18, 150.2, 150.22 };
  VastusVisit *v = fx_visit (h, "2026-10-05");

  fx_trial (v, "single_hop", VASTUS_SIDE_LEFT, 1, 150.1);
  fx_trial (v, "single_hop", VASTUS_SIDE_LEFT, 2, second[position]);
}

/* Difference, two sides: flexion deficit uninvolved − involved = 140.3 − 130.2 = 10.1
 * (10.100000000000023 in binary); 140.3 − 130.3 = 10.0, 140.3 − 130.1 = 10.2 */
static void
fill_difference (VastusHistory *h,
                 Position       position)
{
  static const double involved[] = { 130.3, 130.2, 130.1 };

  fx_pair (fx_visit (h, "2026-10-05"), "knee_flexion", involved[position], 140.3);
}

/* Difference, one side (change since the first value): Kujala 60.1 → 68.2 = 8.1
 * (8.100000000000001 in binary); → 68.1 = 8.0, → 68.3 = 8.2 */
static void
fill_change (VastusHistory *h,
             Position       position)
{
  static const double now[] = { 68.1, 68.2, 68.3 };

  fx_trial (fx_visit (h, "2026-06-01"), "kujala", VASTUS_SIDE_NONE, 1, 60.1);
  fx_trial (fx_visit (h, "2026-10-05"), "kujala", VASTUS_SIDE_NONE, 1, now[position]);
}

/* Weeks: as of 83, 84 and 85 days after surgery (the evaluation's date is set by the test):
 * 83 / 7 = 11.857…, 84 / 7 = 12, 85 / 7 = 12.142… */
static void
fill_weeks (VastusHistory *h,
            Position       position)
{
}

/* Normalised: isokinetic 60°/s involved 210.3 Nm / 70.1 kg = 3.0 Nm/kg (3.0000000000000004
 * in binary); 210.2 / 70.1 = 2.99857…, 210.4 / 70.1 = 3.00142… */
static void
fill_normalized (VastusHistory *h,
                 Position       position)
{
  static const double torque[] = { 210.2, 210.3, 210.4 };
  VastusVisit *v = fx_visit (h, "2026-10-05");

  v->body_mass_kg = 70.1;
  fx_pair (v, "quadriceps_isokinetic_60", torque[position], 250);
}

/* %BW: hip abduction 343.23275 N / (70 kg × 9.80665) × 100 = 50 % (50.000000000000014 in
 * binary); ± 0.1 N: 343.13275 → 49.98543…, 343.33275 → 50.01456… */
static void
fill_percent_bw (VastusHistory *h,
                 Position       position)
{
  static const double force[] = { 343.13275, 343.23275, 343.33275 };
  VastusVisit *v = fx_visit (h, "2026-10-05");

  v->body_mass_kg = 70;
  fx_pair (v, "hip_abduction_hhd", force[position], 400);
}

/* % height: single hop 133.2 cm / 148 cm × 100 = 90 (89.99999999999999 in binary); 133.1 →
 * 89.932…, 133.3 → 90.067… */
static void
fill_height (VastusHistory *h,
             Position       position)
{
  static const double hop[] = { 133.1, 133.2, 133.3 };
  VastusVisit *v = fx_visit (h, "2026-10-05");

  v->height_cm = 148;
  fx_pair (v, "single_hop", hop[position], 150);
}

/* Ratio: H:Q at 300°/s, involved 44.22 / 80.4 × 100 = 55 (54.99999999999999 in binary, below
 * the threshold); 44.21 / 80.4 = 54.9875…, 44.23 / 80.4 = 55.0124… */
static void
fill_ratio (VastusHistory *h,
            Position       position)
{
  static const double hamstrings[] = { 44.21, 44.22, 44.23 };
  VastusVisit *v = fx_visit (h, "2026-10-05");

  fx_pair (v, "hamstrings_isokinetic_300", hamstrings[position], 50);
  fx_pair (v, "quadriceps_isokinetic_300", 80.4, 90);
}

static void
test_threshold_table (void)
{
  static const MetricCase metrics[] = {
    { "lsi", VASTUS_METRIC_LSI, "quadriceps_hhd", 90, "%", fill_lsi,
      { 5399.0 / 60, 90, 5401.0 / 60 } },
    { "epic", VASTUS_METRIC_EPIC, "single_hop", 90, "%", fill_epic,
      { 13310.0 / 148, 90, 13330.0 / 148 } },
    { "value", VASTUS_METRIC_VALUE, "single_hop", 150.15, "cm", fill_value,
      { 150.14, 150.15, 150.16 } },
    { "difference", VASTUS_METRIC_DIFFERENCE, "knee_flexion", 10.1, "deg", fill_difference,
      { 10.0, 10.1, 10.2 } },
    { "change", VASTUS_METRIC_DIFFERENCE, "kujala", 8.1, "points", fill_change,
      { 8.0, 8.1, 8.2 } },
    { "weeks", VASTUS_METRIC_WEEKS, NULL, 12, "weeks", fill_weeks,
      { 83.0 / 7, 12, 85.0 / 7 } },
    { "normalized", VASTUS_METRIC_NORMALIZED, "quadriceps_isokinetic_60", 3.0, "Nm/kg", fill_normalized,
      { 210.2 / 70.1, 3.0, 210.4 / 70.1 } },
    { "percent-bw", VASTUS_METRIC_NORMALIZED, "hip_abduction_hhd", 50, "%BW", fill_percent_bw,
      { 34313.275 / (70 * 9.80665), 50, 34333.275 / (70 * 9.80665) } },
    { "percent-height", VASTUS_METRIC_PERCENT_HEIGHT, "single_hop", 90, "%", fill_height,
      { 13310.0 / 148, 90, 13330.0 / 148 } },
    { "ratio", VASTUS_METRIC_RATIO, "hamstrings_isokinetic_300", 55, "%", fill_ratio,
      { 4421.0 / 80.4, 55, 4423.0 / 80.4 } },
  };
  /* met below, at, above the threshold */
  static const struct { VastusComparator op; gboolean met[3]; } ops[] = {
    { VASTUS_COMPARATOR_GT, { FALSE, FALSE, TRUE } },
    { VASTUS_COMPARATOR_GE, { FALSE, TRUE, TRUE } },
    { VASTUS_COMPARATOR_LT, { TRUE, FALSE, FALSE } },
    { VASTUS_COMPARATOR_LE, { TRUE, TRUE, FALSE } },
  };
  static const char *as_of[] = { "2026-03-29", "2026-03-30", "2026-03-31" };  /* weeks: 83, 84, 85 days */
  guint inexact = 0;

  for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
    for (Position p = BELOW; p <= ABOVE; p++)
      for (guint o = 0; o < G_N_ELEMENTS (ops); o++)
        {
          g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, SURGERY);
          g_autoptr(VastusCriteriaSet) set = fx_one_criterion (metrics[m].metric, metrics[m].measure,
                                                            ops[o].op, metrics[m].threshold,
                                                            metrics[m].unit);
          g_autoptr(VastusEvaluation) ev = NULL;
          const VastusCriterionResult *r;
          gboolean met = ops[o].met[p];

          metrics[m].fill (h, p);
          ev = evaluate (h, set, metrics[m].metric == VASTUS_METRIC_WEEKS ? as_of[p] : "2026-10-05", 0);
          r = g_ptr_array_index (ev->results, 0);
          g_test_message ("%s, position %d, %s: %.17g", metrics[m].name, p,
                          vastus_comparator_to_string (ops[o].op), r->value);
          g_assert_cmpfloat_with_epsilon (r->value, metrics[m].expected[p], 1e-9);
          g_assert_cmpint (r->status, ==, met ? VASTUS_STATUS_MET : VASTUS_STATUS_NOT_MET);
          if (p == AT && o == 0 && r->value != metrics[m].threshold)
            inexact++;
        }
  /* the binary results really miss the decimal threshold for all but the weeks (84 / 7 = 12):
   * 89.99999999999999, 89.99999999999999, 150.14999999999998, 10.100000000000023,
   * 8.100000000000001, 3.0000000000000004, 50.00000000000001, 89.99999999999999,
   * 54.99999999999999 */
  g_assert_cmpuint (inexact, ==, 9);
}

/* The value shown beside a verdict explains it: never "90.0 %" beside "not met". */
static void
test_display_digits (void)
{
  static const struct
  {
    const char      *involved;   /* lbf, against 60 */
    VastusComparator op;
    VastusStatus     status;
    const char      *value;
  } cases[] = {
    /* 54 / 60 = 90 % (binary 89.99999999999999): at ≥ 90, shown as the threshold is */
    { "54", VASTUS_COMPARATOR_GE, VASTUS_STATUS_MET, "90.0 %" },
    { "54", VASTUS_COMPARATOR_GT, VASTUS_STATUS_NOT_MET, "90.0 %" },   /* 90.0 is not > 90.0 */
    /* 53.99 / 60 = 89.98333…: "90.0 %" would contradict "not met": two decimals */
    { "53.99", VASTUS_COMPARATOR_GE, VASTUS_STATUS_NOT_MET, "89.98 %" },
    { "53.99", VASTUS_COMPARATOR_LT, VASTUS_STATUS_MET, "89.98 %" },
    /* 54.01 / 60 = 90.01666…: "90.0 %" would contradict "met" under >: 90.02 */
    { "54.01", VASTUS_COMPARATOR_GT, VASTUS_STATUS_MET, "90.02 %" },
    { "54.01", VASTUS_COMPARATOR_LE, VASTUS_STATUS_NOT_MET, "90.02 %" },
    /* 54.6 / 60 = 91 %: one decimal tells it */
    { "54.6", VASTUS_COMPARATOR_GE, VASTUS_STATUS_MET, "91.0 %" },
    /* 53.9994 / 60 = 89.999 %: "90.0", "90.00" at 1 and 2 decimals; 89.999 at 3 */
    { "53.9994", VASTUS_COMPARATOR_GE, VASTUS_STATUS_NOT_MET, "89.999 %" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, SURGERY);
      g_autoptr(VastusCriteriaSet) set = fx_one_criterion (VASTUS_METRIC_LSI, "quadriceps_mvic",
                                                        cases[i].op, 90, "%");
      g_autoptr(VastusEvaluation) ev = NULL;
      g_autofree char *value = NULL;
      g_autofree char *requirement = NULL;
      const VastusCriterionResult *r;
      VastusVisit *v = fx_visit (h, "2026-10-05");

      fx_trial (v, "quadriceps_mvic", VASTUS_SIDE_LEFT, 1, typed (cases[i].involved, "lbf"));
      fx_trial (v, "quadriceps_mvic", VASTUS_SIDE_RIGHT, 1, typed ("60", "lbf"));
      ev = evaluate (h, set, "2026-10-05", 0);
      r = g_ptr_array_index (ev->results, 0);
      value = vastus_criterion_result_value (r, ev, FALSE, NULL, NULL);
      requirement = vastus_criterion_format_requirement (r->criterion, r->measure, FALSE);
      g_test_message ("%s lbf / 60 lbf under %s", cases[i].involved, vastus_comparator_to_string (cases[i].op));
      g_assert_cmpint (r->status, ==, cases[i].status);
      g_assert_cmpstr (value, ==, cases[i].value);
      g_assert_cmpstr (requirement + strlen (requirement) - strlen ("90.0 %"), ==, "90.0 %");
    }

  /* thresholds are shown as they are; a yes/no criterion asks for "no" */
  {
    g_autoptr(VastusCriteriaSet) hq = fx_one_criterion (VASTUS_METRIC_RATIO, "hamstrings_isokinetic_300",
                                                     VASTUS_COMPARATOR_GT, 62.5, "%");
    g_autoptr(VastusCriteriaSet) nm = fx_one_criterion (VASTUS_METRIC_NORMALIZED, "quadriceps_isokinetic_60",
                                                     VASTUS_COMPARATOR_GT, 3.0, "Nm/kg");
    g_autoptr(VastusCriteriaSet) valgus = fx_one_criterion (VASTUS_METRIC_VALUE, "step_down_valgus",
                                                         VASTUS_COMPARATOR_LE, 0, "bool");
    g_autoptr(VastusCriteriaSet) effusion = fx_one_criterion (VASTUS_METRIC_VALUE, "effusion_stroke",
                                                           VASTUS_COMPARATOR_LE, VASTUS_GRADE_TRACE, "grade");
    g_autoptr(VastusCriteriaSet) weeks = fx_one_criterion (VASTUS_METRIC_WEEKS, NULL,
                                                        VASTUS_COMPARATOR_GE, 39, "weeks");
    g_autofree char *a = vastus_criterion_format_requirement (g_ptr_array_index (hq->criteria, 0), NULL, FALSE);
    g_autofree char *b = vastus_criterion_format_requirement (g_ptr_array_index (nm->criteria, 0), NULL, FALSE);
    g_autofree char *c = vastus_criterion_format_requirement (g_ptr_array_index (valgus->criteria, 0), NULL, FALSE);
    g_autofree char *d = vastus_criterion_format_requirement (g_ptr_array_index (effusion->criteria, 0), NULL, FALSE);
    g_autofree char *e = vastus_criterion_format_requirement (g_ptr_array_index (weeks->criteria, 0), NULL, FALSE);

    g_assert_cmpstr (a, ==, "> 62.5 %");
    g_assert_cmpstr (b, ==, "> 3.00 Nm/kg");
    g_assert_cmpstr (c, ==, "no");
    g_assert_cmpstr (d, ==, "≤ trace");
    g_assert_cmpstr (e, ==, "≥ 39.0 weeks");
  }
}

/* Issue 24: "Kujala improved by ≥ 8" with one Kujala value is not tested, not "not met, 0". */
static void
test_change_needs_two_values (void)
{
  g_autoptr(VastusCriteriaSet) set = fx_one_criterion (VASTUS_METRIC_DIFFERENCE, "kujala",
                                                    VASTUS_COMPARATOR_GE, 8, "points");
  g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, NULL);
  g_autoptr(VastusEvaluation) one = NULL;
  g_autoptr(VastusEvaluation) marked = NULL;
  g_autoptr(VastusEvaluation) two = NULL;
  const VastusCriterionResult *r;
  VastusVisit *first = fx_visit (h, "2026-02-02");

  fx_trial (first, "kujala", VASTUS_SIDE_NONE, 1, 60);
  one = evaluate (h, set, "2026-02-02", 0);
  r = g_ptr_array_index (one->results, 0);
  g_assert_cmpint (r->status, ==, VASTUS_STATUS_NOT_TESTED);
  g_assert_cmpstr (r->reason_code, ==, "single_value");
  g_assert_nonnull (r->reason);
  g_assert_true (isnan (r->value));
  g_assert_cmpuint (one->not_tested, ==, 1);

  /* a baseline-marked trial at the same visit is the same value, not an earlier one */
  fx_trial (first, "kujala", VASTUS_SIDE_NONE, 2, 60)->baseline = TRUE;
  marked = evaluate (h, set, "2026-02-02", 0);
  g_assert_cmpstr (((VastusCriterionResult *) g_ptr_array_index (marked->results, 0))->reason_code, ==,
                   "single_value");

  /* a second visit: 69 − 60 = 9 ≥ 8 */
  fx_trial (fx_visit (h, "2026-03-02"), "kujala", VASTUS_SIDE_NONE, 1, 69);
  two = evaluate (h, set, "2026-03-02", 0);
  r = g_ptr_array_index (two->results, 0);
  g_assert_cmpint (r->status, ==, VASTUS_STATUS_MET);
  g_assert_cmpfloat (r->value, ==, 9);
}

/* The patient of issue 23 at 13 weeks (2026-04-06): a full battery that version 1 of the
 * return-to-sport set called "all criteria met", with the quadriceps from an unfixed hand-held
 * dynamometer (300 N on both legs: 100 %), a 2+ effusion and pain 5/10. */
static void
fill_13_weeks (VastusHistory *h,
               const char    *fixation)
{
  VastusVisit *v = fx_visit (h, "2026-04-06");

  /* involved left */
  fx_trial (v, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 300)->fixation = g_strdup (fixation);
  fx_trial (v, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 300)->fixation = g_strdup (fixation);
  fx_pair (v, "single_hop", 150, 160);          /* 93.75 */
  fx_pair (v, "crossover_hop", 450, 480);       /* 93.75 */
  fx_pair (v, "triple_hop", 470, 500);          /* 94 */
  fx_pair (v, "timed_hop_6m", 1.9, 1.8);        /* uninvolved 1.8 / involved 1.9 = 94.736… */
  fx_trial (v, "kos_adls", VASTUS_SIDE_NONE, 1, 92);
  fx_trial (v, "global_rating", VASTUS_SIDE_NONE, 1, 92);
  fx_pair (v, "effusion_stroke", VASTUS_GRADE_2PLUS, VASTUS_GRADE_ZERO);
  fx_trial (v, "pain_nrs", VASTUS_SIDE_NONE, 1, 5);
  fx_pair (v, "knee_flexion", 140, 145);        /* 140 / 145 = 96.55 > 95 */
  fx_pair (v, "knee_extension", 0, 0);          /* difference 0 ≤ 0 */
}

/* A fresh battery at 43 weeks (2026-11-02), no effusion, no pain, with the quadriceps by @how. */
static void
fill_43_weeks (VastusHistory *h,
               const char    *how)
{
  VastusVisit *v = fx_visit (h, "2026-11-02");

  if (g_str_equal (how, "mvic"))
    fx_pair (v, "quadriceps_mvic", 190, 200);   /* 95 */
  else if (!g_str_equal (how, "none"))
    {
      /* 560 / 600 = 93.33… */
      fx_trial (v, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 560)->fixation = g_strdup (how);
      fx_trial (v, "quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 600)->fixation = g_strdup (how);
    }
  fx_pair (v, "single_hop", 155, 160);          /* 96.875 */
  fx_pair (v, "crossover_hop", 470, 480);       /* 97.916… */
  fx_pair (v, "triple_hop", 490, 500);          /* 98 */
  fx_pair (v, "timed_hop_6m", 1.85, 1.8);       /* 97.297… */
  fx_trial (v, "kos_adls", VASTUS_SIDE_NONE, 1, 96);
  fx_trial (v, "global_rating", VASTUS_SIDE_NONE, 1, 95);
  fx_pair (v, "effusion_stroke", VASTUS_GRADE_ZERO, VASTUS_GRADE_ZERO);
  fx_trial (v, "pain_nrs", VASTUS_SIDE_NONE, 1, 0);
  fx_pair (v, "knee_flexion", 142, 145);        /* 97.93 */
  fx_pair (v, "knee_extension", 0, 0);
}

static void
test_issue_patients (void)
{
  g_autoptr(VastusCriteriaSet) v1 = vastus_criteria_builtin_lookup_version ("aclr-return-to-sport", 1);
  g_autoptr(VastusCriteriaSet) v2 = vastus_criteria_builtin_lookup ("aclr-return-to-sport");

  g_assert_cmpint (v2->version, ==, 2);

  /* 13 weeks, default rules (4-week window, pain limit 5). */
  {
    g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, SURGERY);
    g_autoptr(VastusEvaluation) old = NULL;
    g_autoptr(VastusEvaluation) ev = NULL;
    g_autofree char *verdict = NULL;
    g_autofree char *label = NULL;
    g_autofree char *value = NULL;

    fill_13_weeks (h, NULL);
    /* version 1 without a window, as before: all 8 met, yet not ready */
    old = evaluate (h, v1, "2026-04-06", 0);
    g_assert_cmpuint (old->met, ==, 8);
    g_assert_true (old->all_met);
    g_assert_false (old->ready);

    ev = evaluate (h, v2, "2026-04-06", 4);
    /* 91 days = 13.0 weeks: 12 weeks met, 39 weeks not; effusion 2+ > trace not met; the
     * other 10 met (quadriceps 100 %, hops 93.75, 93.75, 94, 94.7, KOS-ADLS 92, GRS 92,
     * flexion 96.6 %, extension 0°) */
    g_assert_cmpint (fx_result (ev, "weeks")->status, ==, VASTUS_STATUS_MET);
    g_assert_cmpint (fx_result (ev, "weeks-9-months")->status, ==, VASTUS_STATUS_NOT_MET);
    g_assert_cmpfloat (fx_result (ev, "weeks-9-months")->value, ==, 13);
    g_assert_cmpint (fx_result (ev, "effusion-trace")->status, ==, VASTUS_STATUS_NOT_MET);
    g_assert_cmpint (fx_result (ev, "flexion-lsi")->status, ==, VASTUS_STATUS_MET);
    g_assert_cmpint (fx_result (ev, "extension-symmetric")->status, ==, VASTUS_STATUS_MET);
    g_assert_cmpint (fx_result (ev, "quadriceps-lsi")->status, ==, VASTUS_STATUS_MET);
    g_assert_cmpuint (ev->met, ==, 10);
    g_assert_cmpuint (ev->not_met, ==, 2);
    g_assert_false (ev->all_met);
    g_assert_false (ev->ready);
    /* holds: effusion 2+, pain 5 at the limit 5, the unfixed hand-held dynamometer */
    g_assert_true (has_hold (ev, "effusion"));
    g_assert_true (has_hold (ev, "pain"));
    g_assert_true (has_hold (ev, "hhd-unfixed"));
    g_assert_cmpuint (ev->holds->len, ==, 3);
    verdict = vastus_evaluation_verdict (ev);
    g_assert_cmpstr (verdict, ==, "10 of 12 criteria met · not cleared: effusion 2+ (hold), "
                                  "pain 5/10 (hold), Quadriceps HHD without a recorded belt or frame (hold), "
                                  "13 weeks of the 39 the source advises, 1 more not met");
    /* the quadriceps says how it was measured */
    label = vastus_criterion_result_label (fx_result (ev, "quadriceps-lsi"), NULL);
    value = vastus_criterion_result_value (fx_result (ev, "quadriceps-lsi"), ev, FALSE, NULL, NULL);
    g_assert_cmpstr (label, ==, "Quadriceps strength index at least 90 % — by hand-held dynamometer");
    g_assert_cmpstr (value, ==, "100.0 % by hand-held dynamometer, fixation not recorded");
  }

  /* A hop at 9 weeks: flagged at that visit, and holds a verdict on that day. */
  {
    g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, SURGERY);
    g_autoptr(VastusEvaluation) ev = NULL;

    fx_pair (fx_visit (h, "2026-03-09"), "single_hop", 100, 140);
    ev = evaluate (h, v2, "2026-03-09", 4);
    g_assert_true (has_hold (ev, "early-maximal-test"));
    g_assert_false (ev->ready);
  }

  /* 43 weeks, a fresh battery but the quadriceps last measured at 26 weeks: 119 days = 17
   * weeks before, older than 4 weeks: not tested (stale), not all met */
  {
    g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, SURGERY);
    g_autoptr(VastusEvaluation) ev = NULL;
    g_autoptr(VastusEvaluation) any_age = NULL;
    g_autofree char *value = NULL;
    const VastusCriterionResult *r;

    fx_pair (fx_visit (h, "2026-07-06"), "quadriceps_mvic", 190, 200);
    fill_43_weeks (h, "none");
    ev = evaluate (h, v2, "2026-11-02", 4);
    r = fx_result (ev, "quadriceps-lsi");
    g_assert_cmpint (r->status, ==, VASTUS_STATUS_NOT_TESTED);
    g_assert_cmpstr (r->reason_code, ==, "stale");
    fx_assert_date (&r->last_measured, "2026-07-06");
    fx_assert_date (&r->visit_date, NULL);
    g_assert_true (isnan (r->value));
    value = vastus_criterion_result_value (r, ev, FALSE, NULL, NULL);
    g_assert_cmpstr (value, ==, "last measured 2026-07-06 — older than 4 weeks");
    g_assert_cmpuint (ev->met, ==, 11);
    g_assert_cmpuint (ev->not_tested, ==, 1);
    g_assert_false (ev->all_met);
    g_assert_false (ev->ready);
    g_assert_cmpuint (ev->holds->len, ==, 0);
    /* without a window (--max-age 0) the old result counts: 95 % */
    any_age = evaluate (h, v2, "2026-11-02", 0);
    g_assert_cmpfloat (fx_result (any_age, "quadriceps-lsi")->value, ==, 95);
    g_assert_true (any_age->ready);
    /* 28 days old is within 4 weeks, 29 days is not */
    g_clear_pointer (&ev, vastus_evaluation_free);
    ev = evaluate (h, v2, "2026-08-03", 4);
    g_assert_cmpint (fx_result (ev, "quadriceps-lsi")->status, ==, VASTUS_STATUS_MET);
    g_clear_pointer (&ev, vastus_evaluation_free);
    ev = evaluate (h, v2, "2026-08-04", 4);
    g_assert_cmpstr (fx_result (ev, "quadriceps-lsi")->reason_code, ==, "stale");
  }

  /* 43 weeks, fresh: by MVIC and by belt- or frame-fixed HHD ready with nothing holding; by
   * hand it holds */
  {
    static const struct { const char *how; gboolean ready; } cases[] = {
      { "mvic", TRUE }, { "belt", TRUE }, { "frame", TRUE }, { "manual", FALSE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, SURGERY);
        g_autoptr(VastusEvaluation) ev = NULL;
        g_autofree char *verdict = NULL;

        fill_43_weeks (h, cases[i].how);
        ev = evaluate (h, v2, "2026-11-02", 4);
        g_test_message ("quadriceps by %s", cases[i].how);
        /* 301 days = 43 weeks ≥ 39 */
        g_assert_cmpuint (ev->met, ==, 12);
        g_assert_true (ev->all_met);
        g_assert_cmpint (ev->ready, ==, cases[i].ready);
        g_assert_cmpuint (ev->holds->len, ==, cases[i].ready ? 0 : 1);
        verdict = vastus_evaluation_verdict (ev);
        if (cases[i].ready)
          g_assert_cmpstr (verdict, ==, "12 of 12 criteria met · nothing holds");
        else
          g_assert_cmpstr (verdict, ==, "12 of 12 criteria met · not cleared: "
                                        "Quadriceps HHD held by hand (hold)");
      }
  }

  /* the surgeon's restriction counts on the as-of date, not on the last visit's: KOS-ADLS at a
   * visit on 2026-11-02 (no maximal test), the surgeon allows maximal testing from 2026-11-04 */
  {
    g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, SURGERY);
    g_autoptr(VastusCriteriaSet) kos = fx_one_criterion (VASTUS_METRIC_VALUE, "kos_adls",
                                                      VASTUS_COMPARATOR_GE, 90, "points");
    g_autoptr(VastusEvaluation) before = NULL;
    g_autoptr(VastusEvaluation) after = NULL;

    fx_trial (fx_visit (h, "2026-11-02"), "kos_adls", VASTUS_SIDE_NONE, 1, 96);
    h->episode->no_max_test_before = fx_date ("2026-11-04");
    before = evaluate (h, kos, "2026-11-03", 4);
    g_assert_true (before->all_met);
    g_assert_true (has_hold (before, "surgeon-restriction"));
    g_assert_false (before->ready);
    after = evaluate (h, kos, "2026-11-04", 4);
    g_assert_cmpuint (after->holds->len, ==, 0);
    g_assert_true (after->ready);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clinical/verdict/threshold-table", test_threshold_table);
  g_test_add_func ("/clinical/verdict/display-digits", test_display_digits);
  g_test_add_func ("/clinical/verdict/change-needs-two-values", test_change_needs_two_values);
  g_test_add_func ("/clinical/verdict/issue-patients", test_issue_patients);
  return g_test_run ();
}
