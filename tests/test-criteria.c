/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Criteria sets as data: comparators at the boundary (clinical-reference.md §0.6), the built-in
 * sets against clinical-reference.md §3, validation.
 */
#include <math.h>
#include <string.h>

#include "vastus-catalog.h"
#include "vastus-criteria.h"
#include "vastus-value.h"

static void
test_comparators (void)
{
  /* value just below, exactly at and just above a threshold of 90, under each comparator */
  static const struct { const char *op; gboolean below, at, above; } cases[] = {
    { ">",  FALSE, FALSE, TRUE },
    { ">=", FALSE, TRUE,  TRUE },
    { "<",  TRUE,  FALSE, FALSE },
    { "<=", TRUE,  TRUE,  FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VastusComparator c;

      g_assert_true (vastus_comparator_from_string (cases[i].op, &c));
      g_assert_cmpstr (vastus_comparator_to_string (c), ==, cases[i].op);
      g_assert_cmpint (vastus_comparator_test (c, 89.999, 90), ==, cases[i].below);
      g_assert_cmpint (vastus_comparator_test (c, 90, 90), ==, cases[i].at);
      g_assert_cmpint (vastus_comparator_test (c, 90.001, 90), ==, cases[i].above);
      /* unrounded: 89.96 would display as 90.0 but is below */
      g_assert_cmpint (vastus_comparator_test (c, 89.96, 90), ==, cases[i].below);
      g_assert_false (vastus_comparator_test (c, NAN, 90));
    }
  {
    VastusComparator c;
    g_assert_false (vastus_comparator_from_string ("=>", &c));
    g_assert_false (vastus_comparator_from_string ("≥", &c));
    g_assert_false (vastus_comparator_from_string (NULL, &c));
  }
}

static void
test_metric_strings (void)
{
  static const char *names[] = {
    "lsi", "epic", "value", "difference", "weeks", "normalized", "percent_height", "ratio",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      VastusMetric m;

      g_assert_true (vastus_metric_from_string (names[i], &m));
      g_assert_cmpint (m, ==, i);
      g_assert_cmpstr (vastus_metric_to_string (m), ==, names[i]);
    }
  {
    VastusMetric m;
    VastusCriterionSide side;

    g_assert_false (vastus_metric_from_string ("LSI", &m));
    g_assert_true (vastus_criterion_side_from_string ("uninvolved", &side));
    g_assert_cmpint (side, ==, VASTUS_CRITERION_SIDE_UNINVOLVED);
    g_assert_false (vastus_criterion_side_from_string ("left", &side));
  }
}

static const VastusCriterion *
find_criterion (const VastusCriteriaSet *set,
                const char              *id)
{
  for (guint i = 0; i < set->criteria->len; i++)
    {
      const VastusCriterion *c = g_ptr_array_index (set->criteria, i);

      if (g_str_equal (c->id, id))
        return c;
    }
  g_error ("no criterion %s in %s", id, set->id);
  return NULL;
}

static void
assert_criterion (const VastusCriteriaSet *set,
                  const char              *id,
                  const char              *metric,
                  const char              *first_measure,
                  const char              *comparator,
                  double                   threshold,
                  VastusSex                sex)
{
  const VastusCriterion *c = find_criterion (set, id);

  g_test_message ("%s / %s", set->id, id);
  g_assert_cmpstr (vastus_metric_to_string (c->metric), ==, metric);
  if (first_measure == NULL)
    g_assert_true (c->measures == NULL || c->measures[0] == NULL);
  else
    g_assert_cmpstr (c->measures[0], ==, first_measure);
  g_assert_cmpstr (vastus_comparator_to_string (c->comparator), ==, comparator);
  g_assert_cmpfloat (c->threshold, ==, threshold);
  g_assert_cmpint (c->sex, ==, sex);
  g_assert_cmpint (c->side, ==, VASTUS_CRITERION_SIDE_INVOLVED);
  g_assert_nonnull (c->label);
  g_assert_nonnull (c->unit);
  g_assert_nonnull (c->source);
}

static void
test_builtin_sets (void)
{
  static const char *ids[] = {
    "aclr-late-phase", "aclr-return-to-running", "aclr-return-to-sport", "aclr-gokeler",
    "pfp-return-to-activity", "tka-milestones",
  };
  /* the latest version of each: 2 for three of them */
  static const int versions[] = { 2, 1, 2, 2, 1, 1 };
  /* version 1 stays as it was (evaluations name it) */
  g_autoptr(VastusCriteriaSet) late = vastus_criteria_builtin_lookup_version ("aclr-late-phase", 1);
  g_autoptr(VastusCriteriaSet) run = vastus_criteria_builtin_lookup ("aclr-return-to-running");
  g_autoptr(VastusCriteriaSet) rts = vastus_criteria_builtin_lookup_version ("aclr-return-to-sport", 1);
  g_autoptr(VastusCriteriaSet) gok = vastus_criteria_builtin_lookup_version ("aclr-gokeler", 1);
  g_autoptr(VastusCriteriaSet) late2 = vastus_criteria_builtin_lookup ("aclr-late-phase");
  g_autoptr(VastusCriteriaSet) rts2 = vastus_criteria_builtin_lookup ("aclr-return-to-sport");
  g_autoptr(VastusCriteriaSet) gok2 = vastus_criteria_builtin_lookup ("aclr-gokeler");
  g_autoptr(VastusCriteriaSet) pfp = vastus_criteria_builtin_lookup ("pfp-return-to-activity");
  g_autoptr(VastusCriteriaSet) tka = vastus_criteria_builtin_lookup ("tka-milestones");

  g_assert_cmpuint (vastus_criteria_builtin_get_n (), ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(VastusCriteriaSet) set = vastus_criteria_builtin_get_nth (i);
      g_autoptr(VastusCriteriaSet) again = vastus_criteria_builtin_lookup (ids[i]);
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (set->id, ==, ids[i]);
      g_assert_cmpint (set->version, ==, versions[i]);
      g_assert_true (set->builtin);
      g_assert_null (set->based_on);
      g_assert_nonnull (set->title);
      g_assert_nonnull (strstr (set->source, "§3"));
      g_assert_nonnull (set->notes);
      g_assert_cmpuint (g_strv_length (set->conditions), >=, 1);
      g_assert_cmpuint (set->criteria->len, >=, 2);
      g_assert_true (vastus_criteria_set_validate (set, &error));
      g_assert_no_error (error);
      g_assert_true (vastus_criteria_set_equal (set, again));
    }
  g_assert_null (vastus_criteria_builtin_lookup ("no-such-set"));

  /* §3.2 late phase: quadriceps > 80 %, effusion ≤ trace, extension symmetric, flexion within 10°,
   * no lag */
  g_assert_cmpuint (late->criteria->len, ==, 5);
  assert_criterion (late, "quadriceps-index", "lsi", "quadriceps_mvic", ">", 80, VASTUS_SEX_UNKNOWN);
  assert_criterion (late, "effusion-trace", "value", "effusion_stroke", "<=", VASTUS_GRADE_TRACE, VASTUS_SEX_UNKNOWN);
  assert_criterion (late, "extension-symmetric", "difference", "knee_extension", "<=", 0, VASTUS_SEX_UNKNOWN);
  assert_criterion (late, "flexion-within-10", "difference", "knee_flexion", "<=", 10, VASTUS_SEX_UNKNOWN);
  assert_criterion (late, "no-extension-lag", "value", "extension_lag", "<=", 0, VASTUS_SEX_UNKNOWN);
  g_assert_true (vastus_criteria_set_is_for (late, VASTUS_CONDITION_ACLR));
  g_assert_false (vastus_criteria_set_is_for (late, VASTUS_CONDITION_TKA));

  /* §3.5 running: 12 weeks, pain < 2, ROM, no effusion, quad and hamstring LSI > 70, hop > 70,
   * no valgus */
  g_assert_cmpuint (run->criteria->len, ==, 9);
  assert_criterion (run, "weeks", "weeks", NULL, ">=", 12, VASTUS_SEX_UNKNOWN);
  assert_criterion (run, "pain", "value", "pain_nrs", "<", 2, VASTUS_SEX_UNKNOWN);
  assert_criterion (run, "flexion-lsi", "lsi", "knee_flexion", ">", 95, VASTUS_SEX_UNKNOWN);
  assert_criterion (run, "extension-full", "difference", "knee_extension", "<=", 0, VASTUS_SEX_UNKNOWN);
  assert_criterion (run, "effusion-none", "value", "effusion_stroke", "<=", VASTUS_GRADE_ZERO, VASTUS_SEX_UNKNOWN);
  assert_criterion (run, "quadriceps-lsi", "lsi", "quadriceps_mvic", ">", 70, VASTUS_SEX_UNKNOWN);
  assert_criterion (run, "hamstrings-lsi", "lsi", "hamstrings_hhd", ">", 70, VASTUS_SEX_UNKNOWN);
  assert_criterion (run, "hop-lsi", "lsi", "single_hop", ">", 70, VASTUS_SEX_UNKNOWN);
  assert_criterion (run, "no-valgus", "value", "single_leg_squat_valgus", "<=", 0, VASTUS_SEX_UNKNOWN);

  /* §3.1 Delaware-Oslo: all ≥ 90, timed hop by LSI, ≥ 12 weeks */
  g_assert_cmpuint (rts->criteria->len, ==, 8);
  assert_criterion (rts, "quadriceps-lsi", "lsi", "quadriceps_mvic", ">=", 90, VASTUS_SEX_UNKNOWN);
  g_assert_cmpstr (find_criterion (rts, "quadriceps-lsi")->measures[1], ==, "quadriceps_isokinetic_60");
  g_assert_cmpstr (find_criterion (rts, "quadriceps-lsi")->measures[2], ==, "quadriceps_hhd");
  assert_criterion (rts, "single-hop-lsi", "lsi", "single_hop", ">=", 90, VASTUS_SEX_UNKNOWN);
  assert_criterion (rts, "crossover-hop-lsi", "lsi", "crossover_hop", ">=", 90, VASTUS_SEX_UNKNOWN);
  assert_criterion (rts, "triple-hop-lsi", "lsi", "triple_hop", ">=", 90, VASTUS_SEX_UNKNOWN);
  assert_criterion (rts, "timed-hop-lsi", "lsi", "timed_hop_6m", ">=", 90, VASTUS_SEX_UNKNOWN);
  assert_criterion (rts, "kos-adls", "value", "kos_adls", ">=", 90, VASTUS_SEX_UNKNOWN);
  assert_criterion (rts, "global-rating", "value", "global_rating", ">=", 90, VASTUS_SEX_UNKNOWN);
  assert_criterion (rts, "weeks", "weeks", NULL, ">=", 12, VASTUS_SEX_UNKNOWN);
  g_assert_nonnull (strstr (rts->source, "≥ 90"));
  g_assert_true (vastus_criteria_set_is_for (rts, VASTUS_CONDITION_ACL_NONOPERATIVE));

  /* §3.6 Gokeler: LSI > 90 at 60/180/300 and 3 hops, > 3.0 Nm/kg, H/Q 55 (women) 62.5 (men),
   * ACL-RSI > 56 */
  g_assert_cmpuint (gok->criteria->len, ==, 13);
  assert_criterion (gok, "quadriceps-lsi-300", "lsi", "quadriceps_isokinetic_300", ">", 90, VASTUS_SEX_UNKNOWN);
  assert_criterion (gok, "hamstrings-lsi-180", "lsi", "hamstrings_isokinetic_180", ">", 90, VASTUS_SEX_UNKNOWN);
  assert_criterion (gok, "quadriceps-60-per-kg", "normalized", "quadriceps_isokinetic_60", ">", 3.0, VASTUS_SEX_UNKNOWN);
  g_assert_cmpstr (find_criterion (gok, "quadriceps-60-per-kg")->unit, ==, "Nm/kg");
  assert_criterion (gok, "hq-300-female", "ratio", "hamstrings_isokinetic_300", ">", 55, VASTUS_SEX_FEMALE);
  assert_criterion (gok, "hq-300-male", "ratio", "hamstrings_isokinetic_300", ">", 62.5, VASTUS_SEX_MALE);
  assert_criterion (gok, "side-hop-lsi", "lsi", "side_hop_30s", ">", 90, VASTUS_SEX_UNKNOWN);
  assert_criterion (gok, "acl-rsi", "value", "acl_rsi", ">", 56, VASTUS_SEX_UNKNOWN);
  g_assert_nonnull (strstr (gok->notes, "LESS"));
  g_assert_nonnull (strstr (gok->notes, "IKDC"));

  /* Version 2 (issue 23). Late phase: full range as the gate asks, flexion LSI > 95 % instead
   * of "within 10°"; the rest as in version 1. */
  g_assert_cmpint (late2->version, ==, 2);
  g_assert_cmpuint (late2->criteria->len, ==, 5);
  assert_criterion (late2, "flexion-lsi", "lsi", "knee_flexion", ">", 95, VASTUS_SEX_UNKNOWN);
  assert_criterion (late2, "extension-symmetric", "difference", "knee_extension", "<=", 0, VASTUS_SEX_UNKNOWN);
  g_assert_true (vastus_criteria_set_validate (late2, NULL));
  for (guint i = 0; i < late2->criteria->len; i++)
    g_assert_cmpstr (((VastusCriterion *) g_ptr_array_index (late2->criteria, i))->id, !=, "flexion-within-10");
  g_assert_nonnull (strstr (late2->notes, "pre-operative goal"));

  /* Return to sport §3.1: the 8 of version 1, the 12 weeks labelled as the minimum to begin a
   * progression, ≥ 39 weeks (9 months), effusion ≤ trace, flexion LSI > 95 %, extension
   * difference ≤ 0°: 12 criteria */
  g_assert_cmpint (rts2->version, ==, 2);
  g_assert_cmpuint (rts2->criteria->len, ==, 12);
  for (guint i = 0; i < rts->criteria->len; i++)
    {
      const VastusCriterion *a = g_ptr_array_index (rts->criteria, i);
      const VastusCriterion *b = find_criterion (rts2, a->id);

      g_assert_cmpint (a->metric, ==, b->metric);
      g_assert_cmpint (a->comparator, ==, b->comparator);
      g_assert_cmpfloat (a->threshold, ==, b->threshold);
    }
  g_assert_nonnull (strstr (find_criterion (rts2, "weeks")->label, "to begin a return-to-sport progression"));
  assert_criterion (rts2, "weeks-9-months", "weeks", NULL, ">=", 39, VASTUS_SEX_UNKNOWN);
  g_assert_nonnull (strstr (find_criterion (rts2, "weeks-9-months")->source, "Grindem 2016"));
  assert_criterion (rts2, "effusion-trace", "value", "effusion_stroke", "<=", VASTUS_GRADE_TRACE, VASTUS_SEX_UNKNOWN);
  assert_criterion (rts2, "flexion-lsi", "lsi", "knee_flexion", ">", 95, VASTUS_SEX_UNKNOWN);
  assert_criterion (rts2, "extension-symmetric", "difference", "knee_extension", "<=", 0, VASTUS_SEX_UNKNOWN);

  /* Gokeler: LESS < 5 added, marked partial (no IKDC norm) in its title and notes */
  g_assert_cmpint (gok2->version, ==, 2);
  g_assert_cmpuint (gok2->criteria->len, ==, 14);
  assert_criterion (gok2, "less", "value", "less_score", "<", 5, VASTUS_SEX_UNKNOWN);
  g_assert_nonnull (strstr (gok2->title, "partial"));
  g_assert_nonnull (strstr (gok2->notes, "IKDC"));
  g_assert_nonnull (strstr (gok2->notes, "not the whole battery"));

  g_assert_null (vastus_criteria_builtin_lookup_version ("aclr-return-to-running", 2));
  g_assert_null (vastus_criteria_builtin_lookup_version ("no-such-set", 1));

  /* §3.11 PFP suggested default */
  assert_criterion (pfp, "pain", "value", "pain_nrs", "<=", 2, VASTUS_SEX_UNKNOWN);
  assert_criterion (pfp, "kujala-change", "difference", "kujala", ">=", 8, VASTUS_SEX_UNKNOWN);
  assert_criterion (pfp, "hip-abduction-lsi", "lsi", "hip_abduction_hhd", ">=", 90, VASTUS_SEX_UNKNOWN);
  assert_criterion (pfp, "hip-external-rotation-lsi", "lsi", "hip_external_rotation_hhd", ">=", 90, VASTUS_SEX_UNKNOWN);
  assert_criterion (pfp, "quadriceps-lsi", "lsi", "quadriceps_hhd", ">=", 90, VASTUS_SEX_UNKNOWN);
  assert_criterion (pfp, "step-down-no-valgus", "value", "step_down_valgus", "<=", 0, VASTUS_SEX_UNKNOWN);

  /* §3.10 TKA: flexion ≥ 100° by week 7, ≈ ≥ 80° at 1–2 weeks */
  assert_criterion (tka, "flexion-100", "value", "knee_flexion", ">=", 100, VASTUS_SEX_UNKNOWN);
  assert_criterion (tka, "flexion-80", "value", "knee_flexion", ">=", 80, VASTUS_SEX_UNKNOWN);
}

static void
test_defaults (void)
{
  g_assert_cmpstr (vastus_criteria_default_for (VASTUS_CONDITION_ACLR), ==, "aclr-return-to-sport");
  g_assert_cmpstr (vastus_criteria_default_for (VASTUS_CONDITION_ACL_NONOPERATIVE), ==, "aclr-return-to-sport");
  g_assert_cmpstr (vastus_criteria_default_for (VASTUS_CONDITION_PFP), ==, "pfp-return-to-activity");
  g_assert_cmpstr (vastus_criteria_default_for (VASTUS_CONDITION_TKA), ==, "tka-milestones");
  g_assert_null (vastus_criteria_default_for (VASTUS_CONDITION_MENISCUS));
}

static void
test_sex_condition (void)
{
  g_autoptr(VastusCriteriaSet) gok = vastus_criteria_builtin_lookup ("aclr-gokeler");
  const VastusCriterion *f = find_criterion (gok, "hq-300-female");
  const VastusCriterion *any = find_criterion (gok, "acl-rsi");

  g_assert_true (vastus_criterion_applies_to (f, VASTUS_SEX_FEMALE));
  g_assert_false (vastus_criterion_applies_to (f, VASTUS_SEX_MALE));
  g_assert_true (vastus_criterion_applies_to (f, VASTUS_SEX_UNKNOWN));
  g_assert_true (vastus_criterion_applies_to (any, VASTUS_SEX_MALE));
}

static void
test_copy_equal (void)
{
  g_autoptr(VastusCriteriaSet) a = vastus_criteria_builtin_lookup ("aclr-return-to-sport");
  g_autoptr(VastusCriteriaSet) b = vastus_criteria_set_copy (a);
  VastusCriterion *c;

  g_assert_true (vastus_criteria_set_equal (a, b));
  c = g_ptr_array_index (b->criteria, 0);
  c->threshold = 90.0001;
  g_assert_false (vastus_criteria_set_equal (a, b));
  c->threshold = 90;
  g_assert_true (vastus_criteria_set_equal (a, b));
  c->comparator = VASTUS_COMPARATOR_GT;
  g_assert_false (vastus_criteria_set_equal (a, b));
  c->comparator = VASTUS_COMPARATOR_GE;
  g_free (c->measures[1]);
  c->measures[1] = g_strdup ("quadriceps_hhd");
  g_assert_false (vastus_criteria_set_equal (a, b));
}

typedef void (*Breaker) (VastusCriteriaSet *set, VastusCriterion *c);

static void break_lsi_on_extension (VastusCriteriaSet *s, VastusCriterion *c)
{ g_free (c->measures[0]); c->measures[0] = g_strdup ("knee_extension"); }
static void break_unknown_measure (VastusCriteriaSet *s, VastusCriterion *c)
{ g_free (c->measures[0]); c->measures[0] = g_strdup ("quadriceps_magic"); }
static void break_duplicate_id (VastusCriteriaSet *s, VastusCriterion *c)
{ VastusCriterion *d = g_ptr_array_index (s->criteria, 1); g_free (d->id); d->id = g_strdup (c->id); }
static void break_threshold (VastusCriteriaSet *s, VastusCriterion *c)
{ c->threshold = NAN; }
static void break_weeks_measure (VastusCriteriaSet *s, VastusCriterion *c)
{ c->metric = VASTUS_METRIC_WEEKS; }
static void break_no_measure (VastusCriteriaSet *s, VastusCriterion *c)
{ g_strfreev (c->measures); c->measures = g_new0 (char *, 1); }
static void break_normalized_unit (VastusCriteriaSet *s, VastusCriterion *c)
{ c->metric = VASTUS_METRIC_NORMALIZED; g_free (c->unit); c->unit = g_strdup ("%"); }
static void break_ratio (VastusCriteriaSet *s, VastusCriterion *c)
{ c->metric = VASTUS_METRIC_RATIO; }
static void break_set_id (VastusCriteriaSet *s, VastusCriterion *c)
{ g_free (s->id); s->id = g_strdup ("has space"); }
static void break_version (VastusCriteriaSet *s, VastusCriterion *c)
{ s->version = 0; }
static void break_condition (VastusCriteriaSet *s, VastusCriterion *c)
{ g_free (s->conditions[0]); s->conditions[0] = g_strdup ("elbow"); }

static void
test_validate (void)
{
  static const Breaker breakers[] = {
    break_lsi_on_extension, break_unknown_measure, break_duplicate_id, break_threshold,
    break_weeks_measure, break_no_measure, break_normalized_unit, break_ratio, break_set_id,
    break_version, break_condition,
  };

  for (guint i = 0; i < G_N_ELEMENTS (breakers); i++)
    {
      g_autoptr(VastusCriteriaSet) set = vastus_criteria_builtin_lookup ("aclr-return-to-sport");
      g_autoptr(GError) error = NULL;

      g_test_message ("breaker %u", i);
      breakers[i] (set, g_ptr_array_index (set->criteria, 0));
      g_assert_false (vastus_criteria_set_validate (set, &error));
      g_assert_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_INVALID);
    }
}

/* A clinic adds criteria of any metric, with conditions; what does not make sense is refused
 * with a message naming the set, the criterion and the reason, and the set stays as it was. */
static void
test_add_remove (void)
{
  static const struct
  {
    const char       *id;
    VastusMetric      metric;
    const char       *measures;     /* space-separated; NULL for none */
    VastusSex         sex;
    double            velocity;
    const char       *unit;         /* NULL: vastus_criterion_default_unit */
    const char       *refused;      /* part of the message; NULL: added */
  } cases[] = {
    { "hop-height-women", VASTUS_METRIC_PERCENT_HEIGHT, "single_hop", VASTUS_SEX_FEMALE, NAN, NULL, NULL },
    { "quad-60", VASTUS_METRIC_LSI, "quadriceps_isokinetic_60", VASTUS_SEX_UNKNOWN, 60, NULL, NULL },
    { "quad-nm", VASTUS_METRIC_NORMALIZED, "quadriceps_mvic quadriceps_hhd", VASTUS_SEX_MALE, NAN, NULL, NULL },
    { "weeks-26", VASTUS_METRIC_WEEKS, NULL, VASTUS_SEX_UNKNOWN, NAN, NULL, NULL },
    { "hq-180", VASTUS_METRIC_RATIO, "hamstrings_isokinetic_180", VASTUS_SEX_UNKNOWN, 180, NULL, NULL },
    /* refused */
    { "quad-90", VASTUS_METRIC_LSI, "quadriceps_isokinetic_60", VASTUS_SEX_UNKNOWN, 90, NULL,
      "the velocity 90°/s contradicts quadriceps_isokinetic_60, which is tested at 60°/s" },
    { "mvic-60", VASTUS_METRIC_LSI, "quadriceps_mvic", VASTUS_SEX_UNKNOWN, 60, NULL,
      "contradicts quadriceps_mvic, which is not tested at a velocity" },
    { "fast", VASTUS_METRIC_LSI, "quadriceps_isokinetic_300", VASTUS_SEX_UNKNOWN, 700, NULL, "outside 0°/s to 600°/s" },
    { "weeks-v", VASTUS_METRIC_WEEKS, NULL, VASTUS_SEX_UNKNOWN, 60, NULL, "a time criterion has no velocity" },
    { "girth-height", VASTUS_METRIC_PERCENT_HEIGHT, "thigh_girth_10", VASTUS_SEX_UNKNOWN, NAN, NULL,
      "only a hop distance can be a percentage of height" },
    { "reach-height", VASTUS_METRIC_PERCENT_HEIGHT, "y_balance_anterior", VASTUS_SEX_UNKNOWN, NAN, NULL,
      "only a hop distance can be a percentage of height" },
    { "other", VASTUS_METRIC_VALUE, "pain_nrs", VASTUS_SEX_OTHER, NAN, NULL, "to everyone, to women or to men" },
    { "magic", VASTUS_METRIC_VALUE, "quadriceps_magic", VASTUS_SEX_UNKNOWN, NAN, NULL,
      "“quadriceps_magic” is not a measure of the catalog" },
    { "quadriceps-lsi", VASTUS_METRIC_LSI, "single_hop", VASTUS_SEX_UNKNOWN, NAN, NULL, "two criteria have the same id" },
  };
  g_autoptr(VastusCriteriaSet) set = vastus_criteria_builtin_lookup ("aclr-return-to-sport");
  guint n = set->criteria->len;
  g_autoptr(GError) error = NULL;

  set->builtin = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      VastusCriterion *c = vastus_criterion_new ();
      const char *first = cases[i].measures;
      g_auto(GStrv) measures = first != NULL ? g_strsplit (first, " ", -1) : g_new0 (char *, 1);

      g_test_message ("%s", cases[i].id);
      c->id = g_strdup (cases[i].id);
      c->label = g_strdup (cases[i].id);
      c->metric = cases[i].metric;
      g_strfreev (c->measures);
      c->measures = g_strdupv (measures);
      c->comparator = VASTUS_COMPARATOR_GE;
      c->threshold = 90;
      c->sex = cases[i].sex;
      c->velocity_deg_s = cases[i].velocity;
      c->unit = g_strdup (vastus_criterion_default_unit (c->metric, measures[0] != NULL
                                                         ? vastus_catalog_lookup (measures[0]) : NULL));
      if (cases[i].refused == NULL)
        {
          g_assert_true (vastus_criteria_set_add_criterion (set, c, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (set->criteria->len, ==, ++n);
          g_assert_true (g_ptr_array_index (set->criteria, n - 1) == c);
          continue;
        }
      g_assert_false (vastus_criteria_set_add_criterion (set, c, &error));
      g_assert_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "Criteria set “aclr-return-to-sport”"));
      g_assert_nonnull (strstr (error->message, cases[i].refused));
      g_clear_error (&error);
      g_assert_cmpuint (set->criteria->len, ==, n);
    }
  /* The units each metric is shown in. */
  g_assert_cmpstr (((VastusCriterion *) set->criteria->pdata[n - 5])->unit, ==, "%");
  g_assert_cmpstr (((VastusCriterion *) set->criteria->pdata[n - 3])->unit, ==, "Nm/kg");
  g_assert_cmpstr (((VastusCriterion *) set->criteria->pdata[n - 2])->unit, ==, "weeks");

  /* Removing: a criterion that is there, one that is not, and never the last one. */
  g_assert_true (vastus_criteria_set_remove_criterion (set, "weeks", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (set->criteria->len, ==, n - 1);
  g_assert_false (vastus_criteria_set_remove_criterion (set, "weeks", &error));
  g_assert_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  while (set->criteria->len > 1)
    g_assert_true (vastus_criteria_set_remove_criterion (set, ((VastusCriterion *) set->criteria->pdata[0])->id,
                                                         NULL));
  g_assert_false (vastus_criteria_set_remove_criterion (set, "hq-180", &error));
  g_assert_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_INVALID);
  g_assert_cmpuint (set->criteria->len, ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clinical/criteria/comparators", test_comparators);
  g_test_add_func ("/clinical/criteria/metric-strings", test_metric_strings);
  g_test_add_func ("/clinical/criteria/builtin-sets", test_builtin_sets);
  g_test_add_func ("/clinical/criteria/defaults", test_defaults);
  g_test_add_func ("/clinical/criteria/sex-condition", test_sex_condition);
  g_test_add_func ("/clinical/criteria/copy-equal", test_copy_equal);
  g_test_add_func ("/clinical/criteria/validate", test_validate);
  g_test_add_func ("/clinical/criteria/add-remove", test_add_remove);
  return g_test_run ();
}
