/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Evaluating histories against criteria sets. Every expected value is derived by hand from
 * the formulas of clinical-reference.md §2 and the rules in vastus-evaluation.h; the
 * arithmetic is in the comments.
 */
#include <math.h>
#include <string.h>

#include "clinical-fixture.h"
#include "vastus-demo.h"
#include "vastus-evaluation.h"
#include "vastus-symmetry.h"

#define EPS 1e-9

static const VastusCriterionResult *
result_at (const VastusEvaluation *ev,
           guint                   i)
{
  g_assert_cmpuint (i, <, ev->results->len);
  return g_ptr_array_index (ev->results, i);
}

static gboolean
has_warning (const VastusEvaluation *ev,
             const char             *code)
{
  for (guint i = 0; i < ev->warnings->len; i++)
    {
      const VastusEvalWarning *w = g_ptr_array_index (ev->warnings, i);

      if (g_str_equal (w->code, code))
        {
          g_assert_nonnull (w->message);
          return TRUE;
        }
    }
  return FALSE;
}

/* The tests below encode the first versions' results: no stale window (as --max-age 0), and
 * the built-in sets at version 1 (as --set-version 1). */
static VastusEvaluation *
evaluate_on (const VastusHistory     *h,
             const VastusCriteriaSet *set,
             const char              *as_of)
{
  VastusClinicRules rules = VASTUS_CLINIC_RULES_DEFAULT;
  GDate date = fx_date (as_of);

  rules.max_age_weeks = 0;
  return vastus_evaluate (h, set, &date, &rules);
}

static VastusCriteriaSet *
builtin_v1 (const char *id)
{
  return vastus_criteria_builtin_lookup_version (id, 1);
}

/* LSI just below, exactly at and just above the threshold, under each comparator, for a
 * higher-is-better and a lower-is-better (timed) measure. */
static void
test_boundaries (void)
{
  /* quadriceps_mvic (left involved): 179/200 = 89.5, 180/200 = 90, 181/200 = 90.5
   * timed_hop_6m: uninvolved 1.8 / involved: 1.8/2.0 = 90; 1.8/2.02 = 89.108…; 1.8/1.98 = 90.909… */
  static const struct { double inv, uninv; const char *code; double lsi; int rel; } values[] = {
    { 179, 200, "quadriceps_mvic", 89.5, -1 },
    { 180, 200, "quadriceps_mvic", 90, 0 },
    { 181, 200, "quadriceps_mvic", 90.5, 1 },
    { 2.02, 1.8, "timed_hop_6m", 180.0 / 2.02, -1 },
    { 2.0, 1.8, "timed_hop_6m", 90, 0 },
    { 1.98, 1.8, "timed_hop_6m", 180.0 / 1.98, 1 },
  };
  /* expected met for rel −1, 0, +1 */
  static const struct { VastusComparator op; gboolean met[3]; } ops[] = {
    { VASTUS_COMPARATOR_GT, { FALSE, FALSE, TRUE } },
    { VASTUS_COMPARATOR_GE, { FALSE, TRUE, TRUE } },
    { VASTUS_COMPARATOR_LT, { TRUE, FALSE, FALSE } },
    { VASTUS_COMPARATOR_LE, { TRUE, TRUE, FALSE } },
  };

  for (guint v = 0; v < G_N_ELEMENTS (values); v++)
    for (guint o = 0; o < G_N_ELEMENTS (ops); o++)
      {
        g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, "2026-01-05");
        g_autoptr(VastusCriteriaSet) set = fx_one_criterion (VASTUS_METRIC_LSI, values[v].code,
                                                              ops[o].op, 90, "%");
        g_autoptr(VastusEvaluation) ev = NULL;
        const VastusCriterionResult *r;
        gboolean met = ops[o].met[values[v].rel + 1];

        fx_pair (fx_visit (h, "2026-06-01"), values[v].code, values[v].inv, values[v].uninv);
        ev = evaluate_on (h, set, "2026-06-10");
        r = result_at (ev, 0);
        g_test_message ("%s %g vs %g under %s", values[v].code, values[v].inv, values[v].uninv,
                        vastus_comparator_to_string (ops[o].op));
        g_assert_cmpfloat_with_epsilon (r->value, values[v].lsi, EPS);
        if (values[v].rel == 0)
          g_assert_cmpfloat (r->value, ==, 90);     /* exact, not 89.99999… */
        g_assert_cmpint (r->status, ==, met ? VASTUS_STATUS_MET : VASTUS_STATUS_NOT_MET);
        g_assert_cmpstr (r->measure, ==, values[v].code);
        fx_assert_date (&r->visit_date, "2026-06-01");
        fx_assert_date (&r->first_met, met ? "2026-06-01" : NULL);
        g_assert_cmpuint (ev->met, ==, met ? 1 : 0);
        g_assert_cmpuint (ev->not_met, ==, met ? 0 : 1);
        g_assert_cmpint (ev->all_met, ==, met);
      }
}

/* first_met is the start of the current unbroken run of met visits. */
static void
test_first_met (void)
{
  g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_RIGHT, VASTUS_SEX_MALE, "2026-01-05");
  g_autoptr(VastusCriteriaSet) set = fx_one_criterion (VASTUS_METRIC_LSI, "single_hop",
                                                        VASTUS_COMPARATOR_GE, 90, "%");
  static const struct { const char *as_of; VastusStatus status; double value; const char *visit, *first; } cases[] = {
    { "2026-03-31", VASTUS_STATUS_NOT_TESTED, NAN, NULL, NULL },        /* before any visit */
    { "2026-04-01", VASTUS_STATUS_MET, 92, "2026-04-01", "2026-04-01" },
    { "2026-05-01", VASTUS_STATUS_NOT_MET, 85, "2026-05-01", NULL },    /* fails */
    { "2026-06-01", VASTUS_STATUS_MET, 95, "2026-06-01", "2026-06-01" },/* passes again: new run */
    { "2026-06-20", VASTUS_STATUS_MET, 95, "2026-06-01", "2026-06-01" },/* no data: run goes on */
    { "2026-07-01", VASTUS_STATUS_MET, 91, "2026-07-01", "2026-06-01" },
    { "2026-08-01", VASTUS_STATUS_MET, 90, "2026-08-01", "2026-06-01" },/* exactly at ≥ */
  };

  /* involved right: LSI = right × 100 / left with left 200 */
  fx_pair (fx_visit (h, "2026-04-01"), "single_hop", 200, 184);   /* 92 */
  fx_pair (fx_visit (h, "2026-05-01"), "single_hop", 200, 170);   /* 85 */
  fx_pair (fx_visit (h, "2026-06-01"), "single_hop", 200, 190);   /* 95 */
  fx_trial (fx_visit (h, "2026-06-15"), "pain_nrs", VASTUS_SIDE_NONE, 1, 1);  /* no hop data */
  fx_pair (fx_visit (h, "2026-07-01"), "single_hop", 200, 182);   /* 91 */
  fx_pair (fx_visit (h, "2026-08-01"), "single_hop", 200, 180);   /* 90 */

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusEvaluation) ev = evaluate_on (h, set, cases[i].as_of);
      const VastusCriterionResult *r = result_at (ev, 0);

      g_test_message ("as of %s", cases[i].as_of);
      g_assert_cmpint (r->status, ==, cases[i].status);
      if (isnan (cases[i].value))
        {
          g_assert_true (isnan (r->value));
          g_assert_nonnull (r->reason);
          g_assert_cmpuint (ev->not_tested, ==, 1);
          g_assert_false (ev->all_met);
        }
      else
        g_assert_cmpfloat_with_epsilon (r->value, cases[i].value, EPS);
      fx_assert_date (&r->visit_date, cases[i].visit);
      fx_assert_date (&r->first_met, cases[i].first);
    }
}

/* Within a visit the first listed measure with data wins; the most recent visit wins. */
static void
test_measure_preference (void)
{
  g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, "2026-01-05");
  g_autoptr(VastusCriteriaSet) set = fx_one_criterion (VASTUS_METRIC_LSI,
                                                        "quadriceps_mvic quadriceps_isokinetic_60 quadriceps_hhd",
                                                        VASTUS_COMPARATOR_GE, 80, "%");
  VastusVisit *v1 = fx_visit (h, "2026-04-01");
  VastusVisit *v2 = fx_visit (h, "2026-05-01");
  g_autoptr(VastusEvaluation) ev1 = NULL;
  g_autoptr(VastusEvaluation) ev2 = NULL;

  fx_pair (v1, "quadriceps_hhd", 300, 400);            /* 75 */
  fx_pair (v1, "quadriceps_mvic", 170, 200);           /* 85: preferred */
  fx_pair (v2, "quadriceps_hhd", 320, 400);            /* 80: only hhd at the newer visit */
  fx_pair (v2, "quadriceps_isokinetic_60", 100, NAN);  /* one side only: no LSI, skipped */

  ev1 = evaluate_on (h, set, "2026-04-15");
  g_assert_cmpstr (result_at (ev1, 0)->measure, ==, "quadriceps_mvic");
  g_assert_cmpfloat (result_at (ev1, 0)->value, ==, 85);

  ev2 = evaluate_on (h, set, "2026-05-15");
  g_assert_cmpstr (result_at (ev2, 0)->measure, ==, "quadriceps_hhd");
  g_assert_cmpfloat (result_at (ev2, 0)->value, ==, 80);
  g_assert_cmpint (result_at (ev2, 0)->status, ==, VASTUS_STATUS_MET);
  fx_assert_date (&result_at (ev2, 0)->first_met, "2026-04-01");
}

/* Effusion compared as ordered grades. */
static void
test_effusion_grades (void)
{
  static const struct { VastusGrade grade; VastusStatus trace_or_less, none; } cases[] = {
    { VASTUS_GRADE_ZERO, VASTUS_STATUS_MET, VASTUS_STATUS_MET },
    { VASTUS_GRADE_TRACE, VASTUS_STATUS_MET, VASTUS_STATUS_NOT_MET },
    { VASTUS_GRADE_1PLUS, VASTUS_STATUS_NOT_MET, VASTUS_STATUS_NOT_MET },
    { VASTUS_GRADE_3PLUS, VASTUS_STATUS_NOT_MET, VASTUS_STATUS_NOT_MET },
  };
  g_autoptr(VastusCriteriaSet) late = builtin_v1 ("aclr-late-phase");
  g_autoptr(VastusCriteriaSet) run = builtin_v1 ("aclr-return-to-running");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, "2026-01-05");
      g_autoptr(VastusEvaluation) a = NULL;
      g_autoptr(VastusEvaluation) b = NULL;

      /* the uninvolved knee's 3+ does not count for the involved knee's criterion */
      fx_pair (fx_visit (h, "2026-04-01"), "effusion_stroke", cases[i].grade, VASTUS_GRADE_3PLUS);
      a = evaluate_on (h, late, "2026-04-01");
      b = evaluate_on (h, run, "2026-04-01");
      g_assert_cmpint (fx_result (a, "effusion-trace")->status, ==, cases[i].trace_or_less);
      g_assert_cmpfloat (fx_result (a, "effusion-trace")->value, ==, cases[i].grade);
      g_assert_cmpint (fx_result (b, "effusion-none")->status, ==, cases[i].none);
    }
}

static void
test_weeks (void)
{
  static const struct { const char *as_of; VastusComparator op; double weeks; VastusStatus status; const char *first; } cases[] = {
    /* 2026-01-05 + 84 days = 2026-03-30: exactly 12 weeks */
    { "2026-03-29", VASTUS_COMPARATOR_GE, 83.0 / 7, VASTUS_STATUS_NOT_MET, NULL },
    { "2026-03-30", VASTUS_COMPARATOR_GE, 12, VASTUS_STATUS_MET, "2026-03-30" },
    { "2026-03-30", VASTUS_COMPARATOR_GT, 12, VASTUS_STATUS_NOT_MET, NULL },
    { "2026-03-31", VASTUS_COMPARATOR_GT, 85.0 / 7, VASTUS_STATUS_MET, "2026-03-31" },
    { "2026-07-06", VASTUS_COMPARATOR_GE, 26, VASTUS_STATUS_MET, "2026-03-30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_MALE, "2026-01-05");
      g_autoptr(VastusCriteriaSet) set = fx_one_criterion (VASTUS_METRIC_WEEKS, NULL, cases[i].op, 12, "weeks");
      g_autoptr(VastusEvaluation) ev = evaluate_on (h, set, cases[i].as_of);
      const VastusCriterionResult *r = result_at (ev, 0);

      g_test_message ("as of %s", cases[i].as_of);
      g_assert_cmpfloat_with_epsilon (r->value, cases[i].weeks, EPS);
      g_assert_cmpfloat_with_epsilon (ev->weeks_since_surgery, cases[i].weeks, EPS);
      g_assert_cmpint (r->status, ==, cases[i].status);
      g_assert_null (r->measure);
      fx_assert_date (&r->visit_date, NULL);
      fx_assert_date (&r->first_met, cases[i].first);
    }

  /* injury date when there is no surgery; neither: not tested */
  {
    g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_MALE, NULL);
    g_autoptr(VastusCriteriaSet) set = fx_one_criterion (VASTUS_METRIC_WEEKS, NULL, VASTUS_COMPARATOR_GE, 12, "weeks");
    g_autoptr(VastusEvaluation) none = evaluate_on (h, set, "2026-07-06");
    g_autoptr(VastusEvaluation) injury = NULL;

    g_assert_cmpint (result_at (none, 0)->status, ==, VASTUS_STATUS_NOT_TESTED);
    g_assert_true (isnan (none->weeks_since_surgery));
    h->episode->injury_date = fx_date ("2026-06-29");
    injury = evaluate_on (h, set, "2026-07-06");
    g_assert_cmpfloat (result_at (injury, 0)->value, ==, 1);
    g_assert_cmpint (result_at (injury, 0)->status, ==, VASTUS_STATUS_NOT_MET);
  }
}

static void
test_normalized_and_ratios (void)
{
  g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, "2026-01-05");
  VastusVisit *v1 = fx_visit (h, "2026-06-01");
  VastusVisit *v2 = fx_visit (h, "2026-06-08");
  g_autoptr(VastusCriteriaSet) nm_gt = fx_one_criterion (VASTUS_METRIC_NORMALIZED, "quadriceps_isokinetic_60", VASTUS_COMPARATOR_GT, 3.0, "Nm/kg");
  g_autoptr(VastusCriteriaSet) nm_ge = fx_one_criterion (VASTUS_METRIC_NORMALIZED, "quadriceps_isokinetic_60", VASTUS_COMPARATOR_GE, 3.0, "Nm/kg");
  g_autoptr(VastusCriteriaSet) hhd_nm = fx_one_criterion (VASTUS_METRIC_NORMALIZED, "quadriceps_hhd", VASTUS_COMPARATOR_GE, 2.0, "Nm/kg");
  g_autoptr(VastusCriteriaSet) hip_bw = fx_one_criterion (VASTUS_METRIC_NORMALIZED, "hip_abduction_hhd", VASTUS_COMPARATOR_GE, 50, "%BW");
  g_autoptr(VastusCriteriaSet) height = fx_one_criterion (VASTUS_METRIC_PERCENT_HEIGHT, "single_hop", VASTUS_COMPARATOR_GE, 90, "%");
  g_autoptr(VastusCriteriaSet) hq = fx_one_criterion (VASTUS_METRIC_RATIO, "hamstrings_isokinetic_300", VASTUS_COMPARATOR_GT, 55, "%");
  g_autoptr(VastusCriteriaSet) gok = builtin_v1 ("aclr-gokeler");
  VastusMeasurement *m;
  g_autoptr(VastusEvaluation) ev = NULL;

  v1->body_mass_kg = 70;
  v1->height_cm = 170;
  fx_pair (v1, "quadriceps_isokinetic_60", 210, 250);      /* 210 / 70 = 3.0 Nm/kg */
  /* HHD 400 N × 0.35 m = 140 Nm; 140 / 70 = 2.0 Nm/kg; a trial without lever arm is left out */
  m = fx_trial (v1, "quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 400);
  m->lever_arm_m = 0.35;
  fx_trial (v1, "quadriceps_hhd", VASTUS_SIDE_LEFT, 2, 500);
  /* 343.23275 N / (70 × 9.80665) × 100 = 50 %BW */
  fx_pair (v1, "hip_abduction_hhd", 343.23275, 400);
  fx_pair (v1, "hamstrings_isokinetic_300", 55, 60);
  fx_pair (v1, "quadriceps_isokinetic_300", 100, 100);    /* H:Q 55 × 100 / 100 = 55 */
  /* v2 has no height and no body mass: height from v1 (170); 153 / 170 × 100 = 90 */
  fx_pair (v2, "single_hop", 153, 170);
  fx_pair (v2, "quadriceps_isokinetic_60", 240, 250);      /* no body mass here: not used */

  ev = evaluate_on (h, nm_gt, "2026-06-30");
  g_assert_cmpfloat_with_epsilon (result_at (ev, 0)->value, 3.0, EPS);
  fx_assert_date (&result_at (ev, 0)->visit_date, "2026-06-01");
  g_assert_cmpint (result_at (ev, 0)->status, ==, VASTUS_STATUS_NOT_MET);
  g_clear_pointer (&ev, vastus_evaluation_free);

  ev = evaluate_on (h, nm_ge, "2026-06-30");
  g_assert_cmpint (result_at (ev, 0)->status, ==, VASTUS_STATUS_MET);
  g_clear_pointer (&ev, vastus_evaluation_free);

  ev = evaluate_on (h, hhd_nm, "2026-06-30");
  g_assert_cmpfloat_with_epsilon (result_at (ev, 0)->value, 2.0, EPS);
  g_assert_cmpint (result_at (ev, 0)->status, ==, VASTUS_STATUS_MET);
  g_clear_pointer (&ev, vastus_evaluation_free);

  ev = evaluate_on (h, hip_bw, "2026-06-30");
  g_assert_cmpfloat_with_epsilon (result_at (ev, 0)->value, 50, EPS);
  g_clear_pointer (&ev, vastus_evaluation_free);

  ev = evaluate_on (h, height, "2026-06-30");
  g_assert_cmpfloat_with_epsilon (result_at (ev, 0)->value, 90, EPS);
  g_assert_cmpint (result_at (ev, 0)->status, ==, VASTUS_STATUS_MET);
  fx_assert_date (&result_at (ev, 0)->visit_date, "2026-06-08");
  g_clear_pointer (&ev, vastus_evaluation_free);

  ev = evaluate_on (h, hq, "2026-06-30");
  g_assert_cmpfloat_with_epsilon (result_at (ev, 0)->value, 55, EPS);
  g_assert_cmpint (result_at (ev, 0)->status, ==, VASTUS_STATUS_NOT_MET);   /* 55 is not > 55 */
  g_clear_pointer (&ev, vastus_evaluation_free);

  /* Gokeler for a woman: the men's H:Q criterion is left out; 13 − 1 = 12 listed */
  ev = evaluate_on (h, gok, "2026-06-30");
  g_assert_cmpuint (ev->results->len, ==, 12);
  g_assert_nonnull (fx_result (ev, "hq-300-female"));
  g_assert_null (fx_result (ev, "hq-300-male"));
  g_assert_cmpuint (ev->met + ev->not_met + ev->not_tested, ==, 12);
  g_clear_pointer (&ev, vastus_evaluation_free);

  /* a man: the women's left out, 62.5 applies: 55 not met */
  h->patient->sex = VASTUS_SEX_MALE;
  ev = evaluate_on (h, gok, "2026-06-30");
  g_assert_null (fx_result (ev, "hq-300-female"));
  g_assert_cmpint (fx_result (ev, "hq-300-male")->status, ==, VASTUS_STATUS_NOT_MET);
  g_clear_pointer (&ev, vastus_evaluation_free);

  /* unknown sex: both listed, not tested */
  h->patient->sex = VASTUS_SEX_UNKNOWN;
  ev = evaluate_on (h, gok, "2026-06-30");
  g_assert_cmpuint (ev->results->len, ==, 13);
  g_assert_cmpint (fx_result (ev, "hq-300-female")->status, ==, VASTUS_STATUS_NOT_TESTED);
  g_assert_cmpint (fx_result (ev, "hq-300-male")->status, ==, VASTUS_STATUS_NOT_TESTED);
  g_assert_nonnull (fx_result (ev, "hq-300-male")->reason);
}

static void
test_change_since_baseline (void)
{
  g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, NULL);
  g_autoptr(VastusCriteriaSet) set = builtin_v1 ("pfp-return-to-activity");
  g_autoptr(VastusEvaluation) ev1 = NULL;
  g_autoptr(VastusEvaluation) ev2 = NULL;

  fx_trial (fx_visit (h, "2026-02-02"), "kujala", VASTUS_SIDE_NONE, 1, 60);    /* first value */
  fx_trial (fx_visit (h, "2026-03-02"), "kujala", VASTUS_SIDE_NONE, 1, 67);    /* +7 */
  ev1 = evaluate_on (h, set, "2026-03-02");
  g_assert_cmpfloat (fx_result (ev1, "kujala-change")->value, ==, 7);
  g_assert_cmpint (fx_result (ev1, "kujala-change")->status, ==, VASTUS_STATUS_NOT_MET);

  /* a baseline-marked value takes precedence over the first value: 67 − 59 = 8 */
  fx_trial (g_ptr_array_index (h->visits, 0), "kujala", VASTUS_SIDE_NONE, 2, 59)->baseline = TRUE;
  ev2 = evaluate_on (h, set, "2026-03-02");
  g_assert_cmpfloat (fx_result (ev2, "kujala-change")->value, ==, 8);
  g_assert_cmpint (fx_result (ev2, "kujala-change")->status, ==, VASTUS_STATUS_MET);
}

/* Both knees involved: no LSI (reason + warning); absolute criteria read both legs. */
static void
test_both_sides (void)
{
  g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_BOTH, VASTUS_SEX_FEMALE, NULL);
  g_autoptr(VastusCriteriaSet) set = builtin_v1 ("pfp-return-to-activity");
  g_autoptr(VastusEvaluation) ev = NULL;
  VastusVisit *v = fx_visit (h, "2026-03-02");
  const VastusCriterionResult *r;

  fx_pair (v, "hip_abduction_hhd", 200, 220);
  fx_pair (v, "step_down_valgus", 0, 1);                 /* valgus on the right */
  fx_pair (v, "single_leg_squat_valgus", 0, 0);
  fx_trial (v, "pain_nrs", VASTUS_SIDE_NONE, 1, 2);

  ev = evaluate_on (h, set, "2026-03-02");
  r = fx_result (ev, "hip-abduction-lsi");
  g_assert_cmpint (r->status, ==, VASTUS_STATUS_NOT_TESTED);
  g_assert_nonnull (r->reason);
  g_assert_true (isnan (r->value));
  g_assert_true (has_warning (ev, "no-lsi-both-sides"));
  g_assert_cmpint (fx_result (ev, "pain")->status, ==, VASTUS_STATUS_MET);         /* 2 ≤ 2 */
  g_assert_cmpint (fx_result (ev, "step-down-no-valgus")->status, ==, VASTUS_STATUS_NOT_MET);
  g_assert_cmpfloat (fx_result (ev, "step-down-no-valgus")->value, ==, 1);
  g_assert_cmpint (fx_result (ev, "single-leg-squat-no-valgus")->status, ==, VASTUS_STATUS_MET);
  /* pain, squat met; step-down not met; kujala and 3 LSIs not tested */
  g_assert_cmpuint (ev->met, ==, 2);
  g_assert_cmpuint (ev->not_met, ==, 1);
  g_assert_cmpuint (ev->not_tested, ==, 4);
  g_assert_false (ev->all_met);
}

static void
test_warnings (void)
{
  g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_MALE, "2026-01-05");
  g_autoptr(VastusCriteriaSet) rts = builtin_v1 ("aclr-return-to-sport");
  VastusVisit *pre = fx_visit (h, "2025-12-15");
  VastusVisit *v1 = fx_visit (h, "2026-05-04");
  VastusVisit *v2 = fx_visit (h, "2026-07-06");
  g_autoptr(VastusEvaluation) ev = NULL;
  VastusMeasurement *m;

  /* baseline uninvolved 250; now 200 vs 210: LSI 95.24 ≥ 90 met, EPIC 80 < 90 */
  fx_trial (pre, "quadriceps_mvic", VASTUS_SIDE_RIGHT, 1, 250)->baseline = TRUE;
  m = fx_trial (v1, "quadriceps_mvic", VASTUS_SIDE_LEFT, 1, 150);
  m->knee_angle_deg = 60;
  m = fx_trial (v2, "quadriceps_mvic", VASTUS_SIDE_LEFT, 1, 200);
  m->knee_angle_deg = 90;                                   /* angle changed since v1 */
  fx_trial (v2, "quadriceps_mvic", VASTUS_SIDE_RIGHT, 1, 210);
  /* single hop 270 vs 200: 135 % > 130: sides probably swapped */
  fx_pair (v2, "single_hop", 270, 200);
  /* triple hop: same conditions, no warning */
  fx_pair (v2, "triple_hop", 500, 520);

  ev = evaluate_on (h, rts, "2026-07-06");
  g_assert_cmpfloat_with_epsilon (fx_result (ev, "quadriceps-lsi")->value, 20000.0 / 210, EPS);
  g_assert_cmpint (fx_result (ev, "quadriceps-lsi")->status, ==, VASTUS_STATUS_MET);
  fx_assert_date (&fx_result (ev, "quadriceps-lsi")->first_met, "2026-07-06");
  g_assert_cmpfloat (fx_result (ev, "single-hop-lsi")->value, ==, 135);
  g_assert_true (has_warning (ev, "lsi-overestimates"));
  g_assert_true (has_warning (ev, "lsi-above-130"));
  g_assert_true (has_warning (ev, "conditions-changed"));
  g_assert_false (has_warning (ev, "no-lsi-both-sides"));
  g_assert_cmpuint (ev->warnings->len, ==, 3);
  /* met: quadriceps, single hop (135 ≥ 90), triple hop (96.15), weeks (26);
   * not tested: crossover, timed hop, KOS-ADLS, global rating */
  g_assert_cmpuint (ev->met, ==, 4);
  g_assert_cmpuint (ev->not_met, ==, 0);
  g_assert_cmpuint (ev->not_tested, ==, 4);
  g_assert_false (ev->all_met);
}

static void
test_all_met (void)
{
  g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_RIGHT, VASTUS_SEX_FEMALE, "2026-01-05");
  g_autoptr(VastusCriteriaSet) rts = builtin_v1 ("aclr-return-to-sport");
  VastusVisit *v = fx_visit (h, "2026-10-05");
  g_autoptr(VastusEvaluation) ev = NULL;
  g_autoptr(VastusEvaluation) early = NULL;

  /* involved right */
  fx_pair (v, "quadriceps_mvic", 200, 180);       /* 90 */
  fx_pair (v, "single_hop", 150, 140);            /* 93.3 */
  fx_pair (v, "crossover_hop", 400, 380);         /* 95 */
  fx_pair (v, "triple_hop", 450, 405);            /* 90 */
  fx_pair (v, "timed_hop_6m", 1.8, 2.0);          /* 1.8 / 2.0 = 90 */
  fx_trial (v, "kos_adls", VASTUS_SIDE_NONE, 1, 90);
  fx_trial (v, "global_rating", VASTUS_SIDE_NONE, 1, 95);

  ev = evaluate_on (h, rts, "2026-10-05");
  g_assert_cmpuint (ev->met, ==, 8);
  g_assert_true (ev->all_met);
  g_assert_cmpuint (ev->warnings->len, ==, 0);

  /* at 8 weeks nothing measured yet: all not tested except weeks (not met) */
  early = evaluate_on (h, rts, "2026-03-02");
  g_assert_cmpuint (early->met, ==, 0);
  g_assert_cmpuint (early->not_met, ==, 1);
  g_assert_cmpuint (early->not_tested, ==, 7);
  g_assert_false (early->all_met);
}

/* Every built-in set on the demo patients: the results are consistent with the rules. */
static void
test_demo_patients (void)
{
  GDate today = fx_date ("2026-11-21");
  g_autoptr(GPtrArray) demo = vastus_demo_build (&today);
  guint n_evaluated = 0;

  g_assert_cmpuint (demo->len, >=, 3);
  for (guint p = 0; p < demo->len; p++)
    {
      VastusDemoPatient *dp = g_ptr_array_index (demo, p);

      for (guint e = 0; e < dp->episodes->len; e++)
        {
          VastusDemoEpisode *de = g_ptr_array_index (dp->episodes, e);
          g_autoptr(VastusHistory) h = vastus_history_new (vastus_patient_copy (dp->patient),
                                                           vastus_episode_copy (de->episode));

          for (guint v = 0; v < de->visits->len; v++)
            vastus_history_add_visit (h, vastus_visit_copy (g_ptr_array_index (de->visits, v)));

          for (guint s = 0; s < vastus_criteria_builtin_get_n (); s++)
            {
              g_autoptr(VastusCriteriaSet) set = vastus_criteria_builtin_get_nth (s);
              g_autoptr(VastusEvaluation) ev = vastus_evaluate (h, set, &today, NULL);

              n_evaluated++;
              g_assert_cmpuint (ev->met + ev->not_met + ev->not_tested, ==, ev->results->len);
              g_assert_cmpint (ev->all_met, ==, ev->met == ev->results->len && ev->results->len > 0);
              for (guint i = 0; i < ev->results->len; i++)
                {
                  const VastusCriterionResult *r = g_ptr_array_index (ev->results, i);

                  g_assert_true (vastus_criterion_applies_to (r->criterion, h->patient->sex));
                  if (r->status == VASTUS_STATUS_NOT_TESTED)
                    {
                      g_assert_true (isnan (r->value));
                      g_assert_nonnull (r->reason);
                      g_assert_nonnull (r->reason_code);
                      continue;
                    }
                  g_assert_null (r->reason_code);
                  g_assert_false (isnan (r->value));
                  g_assert_cmpint (r->status == VASTUS_STATUS_MET, ==,
                                   vastus_comparator_test (r->criterion->comparator, r->value,
                                                           r->criterion->threshold));
                  if (r->criterion->metric != VASTUS_METRIC_WEEKS)
                    g_assert_cmpint (g_date_compare (&r->visit_date, &today), <=, 0);
                  if (r->status == VASTUS_STATUS_MET && r->criterion->metric != VASTUS_METRIC_WEEKS)
                    g_assert_cmpint (g_date_compare (&r->first_met, &r->visit_date), <=, 0);
                  if (r->status == VASTUS_STATUS_NOT_MET)
                    g_assert_false (g_date_valid (&r->first_met));
                  /* an LSI is the same as the symmetry of its visit */
                  if (r->criterion->metric == VASTUS_METRIC_LSI)
                    {
                      VastusSymmetry sym;
                      guint idx = 0;

                      while (g_date_compare (&((VastusVisit *) g_ptr_array_index (h->visits, idx))->date, &r->visit_date) != 0)
                        idx++;
                      vastus_symmetry_compute (h, idx, r->measure, &sym);
                      g_assert_cmpfloat (sym.lsi, ==, r->value);
                    }
                }
            }
        }
    }
  g_assert_cmpuint (n_evaluated, >=, 18);
}

/* Torque from a hand-held dynamometer: force × that trial's lever arm (clinical-reference §2.7),
 * normalised to the visit's body mass, used by a "normalized" criterion when the fixed
 * dynamometer (listed first) was not used. The involved side is the left; body mass 80 kg. */
static void
test_hhd_torque (void)
{
  typedef struct { double force, lever_arm_m; } Trial;
  static const struct
  {
    const char *what;
    double      isokinetic;     /* the fixed dynamometer's torque at 60°/s, Nm; NAN: not used */
    Trial       trials[2];      /* hand-held dynamometer, N; force NAN: no such trial */
    double      body_mass;
    const char *unit;           /* "Nm/kg" or "%BW" */
    double      expected;       /* NAN: not tested */
    const char *measure;        /* the measure used */
    const char *reason;         /* why not tested */
  } cases[] = {
    /* the fixed dynamometer first: 240 / 80 = 3.0 */
    { "isokinetic first", 240, { { 500, 0.40 }, { NAN, NAN } }, 80, "Nm/kg", 3.0, "quadriceps_isokinetic_60", NULL },
    /* no fixed dynamometer: 500 N × 0.40 m = 200 Nm; 200 / 80 = 2.5 */
    { "hand-held", NAN, { { 500, 0.40 }, { NAN, NAN } }, 80, "Nm/kg", 2.5, "quadriceps_hhd", NULL },
    /* 100 lbf = 444.82216152605 N; × 0.35 m = 155.6877565341175 Nm; / 80 = 1.94609695667646875 */
    { "lbf", NAN, { { 444.82216152605, 0.35 }, { NAN, NAN } }, 80, "Nm/kg", 1.94609695667646875, "quadriceps_hhd", NULL },
    /* a trial without a lever arm is left out: 450 × 0.40 = 180 Nm; / 80 = 2.25 */
    { "one lever arm", NAN, { { 450, 0.40 }, { 500, NAN } }, 80, "Nm/kg", 2.25, "quadriceps_hhd", NULL },
    /* the best torque, not the best force: 450 × 0.40 = 180, 480 × 0.38 = 182.4; / 80 = 2.28 */
    { "max of torques", NAN, { { 450, 0.40 }, { 480, 0.38 } }, 80, "Nm/kg", 2.28, "quadriceps_hhd", NULL },
    /* no lever arm at all: torque cannot be computed */
    { "no lever arm", NAN, { { 500, NAN }, { NAN, NAN } }, 80, "Nm/kg", NAN, NULL, "no_lever_arm" },
    /* no body mass at the visit */
    { "no body mass", NAN, { { 500, 0.40 }, { NAN, NAN } }, NAN, "Nm/kg", NAN, NULL, "no_body_mass" },
    /* %BW needs no lever arm: 392.266 N / (80 × 9.80665) × 100 = 392.266 / 784.532 × 100 = 50 */
    { "%BW", NAN, { { 392.266, NAN }, { NAN, NAN } }, 80, "%BW", 50, "quadriceps_hhd", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, "2026-01-05");
      VastusVisit *v = fx_visit (h, "2026-06-01");
      g_autoptr(VastusCriteriaSet) set = NULL;
      g_autoptr(VastusEvaluation) ev = NULL;
      const VastusCriterionResult *r;

      g_test_message ("%s", cases[i].what);
      v->body_mass_kg = cases[i].body_mass;
      if (!isnan (cases[i].isokinetic))
        fx_pair (v, "quadriceps_isokinetic_60", cases[i].isokinetic, 250);
      for (guint t = 0; t < G_N_ELEMENTS (cases[i].trials); t++)
        if (!isnan (cases[i].trials[t].force))
          fx_trial (v, "quadriceps_hhd", VASTUS_SIDE_LEFT, (int) t + 1,
                    cases[i].trials[t].force)->lever_arm_m = cases[i].trials[t].lever_arm_m;
      set = fx_one_criterion (VASTUS_METRIC_NORMALIZED,
                              g_str_equal (cases[i].unit, "%BW") ? "quadriceps_hhd"
                                                                 : "quadriceps_isokinetic_60 quadriceps_hhd",
                              VASTUS_COMPARATOR_GE, 2.0, cases[i].unit);
      ev = evaluate_on (h, set, "2026-06-08");
      r = result_at (ev, 0);
      if (isnan (cases[i].expected))
        {
          g_assert_cmpint (r->status, ==, VASTUS_STATUS_NOT_TESTED);
          g_assert_cmpstr (r->reason_code, ==, cases[i].reason);
          continue;
        }
      g_assert_cmpfloat_with_epsilon (r->value, cases[i].expected, EPS);
      g_assert_cmpstr (r->measure, ==, cases[i].measure);
      g_assert_cmpint (r->status, ==, cases[i].expected >= 2.0 ? VASTUS_STATUS_MET : VASTUS_STATUS_NOT_MET);
    }
}

/* A velocity condition counts only results tested at that velocity: a trial recorded at another
 * (a database from before such trials were refused) does not count, and says so. */
static void
test_velocity_condition (void)
{
  g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, "2026-01-05");
  VastusVisit *v1 = fx_visit (h, "2026-06-01");
  VastusVisit *v2 = fx_visit (h, "2026-06-08");
  g_autoptr(VastusCriteriaSet) set = fx_one_criterion (VASTUS_METRIC_LSI, "quadriceps_isokinetic_60",
                                                       VASTUS_COMPARATOR_GE, 90, "%");
  VastusCriterion *c = g_ptr_array_index (set->criteria, 0);
  g_autoptr(VastusEvaluation) ev = NULL;

  c->velocity_deg_s = 60;
  g_assert_true (vastus_criteria_set_validate (set, NULL));
  /* 2026-06-01: 190 / 200 = 95 %, recorded at 60°/s (the right) and without a velocity */
  fx_pair (v1, "quadriceps_isokinetic_60", 190, 200);
  ((VastusMeasurement *) v1->measurements->pdata[1])->velocity_deg_s = 60;
  /* 2026-06-08: 150 / 200 = 75 %, but the left was recorded at 90°/s */
  fx_pair (v2, "quadriceps_isokinetic_60", 150, 200);
  ((VastusMeasurement *) v2->measurements->pdata[0])->velocity_deg_s = 90;

  ev = evaluate_on (h, set, "2026-06-08");
  g_assert_cmpint (result_at (ev, 0)->status, ==, VASTUS_STATUS_MET);
  g_assert_cmpfloat_with_epsilon (result_at (ev, 0)->value, 95, EPS);
  fx_assert_date (&result_at (ev, 0)->visit_date, "2026-06-01");
  g_clear_pointer (&ev, vastus_evaluation_free);

  /* Without the condition the latest visit counts: 75 %. */
  c->velocity_deg_s = NAN;
  ev = evaluate_on (h, set, "2026-06-08");
  g_assert_cmpfloat_with_epsilon (result_at (ev, 0)->value, 75, EPS);
  g_clear_pointer (&ev, vastus_evaluation_free);

  /* Only the 90°/s visit: not tested, and why. */
  c->velocity_deg_s = 60;
  g_ptr_array_remove_index (h->visits, 0);
  ev = evaluate_on (h, set, "2026-06-08");
  g_assert_cmpint (result_at (ev, 0)->status, ==, VASTUS_STATUS_NOT_TESTED);
  g_assert_cmpstr (result_at (ev, 0)->reason_code, ==, "other_velocity");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clinical/evaluation/boundaries", test_boundaries);
  g_test_add_func ("/clinical/evaluation/first-met", test_first_met);
  g_test_add_func ("/clinical/evaluation/measure-preference", test_measure_preference);
  g_test_add_func ("/clinical/evaluation/effusion-grades", test_effusion_grades);
  g_test_add_func ("/clinical/evaluation/weeks", test_weeks);
  g_test_add_func ("/clinical/evaluation/normalized-and-ratios", test_normalized_and_ratios);
  g_test_add_func ("/clinical/evaluation/change-since-baseline", test_change_since_baseline);
  g_test_add_func ("/clinical/evaluation/both-sides", test_both_sides);
  g_test_add_func ("/clinical/evaluation/warnings", test_warnings);
  g_test_add_func ("/clinical/evaluation/all-met", test_all_met);
  g_test_add_func ("/clinical/evaluation/demo-patients", test_demo_patients);
  g_test_add_func ("/clinical/evaluation/hhd-torque", test_hhd_torque);
  g_test_add_func ("/clinical/evaluation/velocity-condition", test_velocity_condition);
  return g_test_run ();
}
