/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected values are worked out by hand from clinical-reference.md §2 (formulas 1, 2, 5, 6, 7,
 * 8, 9) and product.md "Limb symmetry"; the arithmetic is in the comments.
 */
#include <math.h>

#include "clinical-fixture.h"
#include "vastus-symmetry.h"
#include "vastus-units.h"

#define EPS 1e-9

static void
assert_num (double value,
            double expected)
{
  if (isnan (expected))
    g_assert_true (isnan (value));
  else
    g_assert_cmpfloat_with_epsilon (value, expected, EPS);
}

/* The pure LSI/EPIC formula, both directions of "better". */
static void
test_lsi_formula (void)
{
  static const struct { const char *code; double inv, uninv, lsi; } cases[] = {
    /* higher is better: involved / uninvolved × 100 */
    { "quadriceps_mvic", 150, 200, 75 },           /* 15000 / 200 */
    { "quadriceps_mvic", 200, 160, 125 },          /* above 100: never clamped */
    { "quadriceps_mvic", 180, 180, 100 },
    { "quadriceps_mvic", 180, 200, 90 },           /* exactly 90 */
    { "single_hop", 0, 100, 0 },                   /* a zero involved value is a valid 0 % */
    { "single_hop", 100, 0, NAN },                 /* divisor 0 */
    { "single_hop", NAN, 100, NAN },
    /* lower is better (timed): uninvolved / involved × 100 */
    { "timed_hop_6m", 2.5, 2.0, 80 },              /* 200 / 2.5; involved/uninvolved would be 125 */
    { "timed_hop_6m", 2.0, 1.8, 90 },              /* 180 / 2.0 */
    { "timed_hop_6m", 1.6, 2.0, 125 },
    { "knee_girth_joint_line", 40, 38, 95 },       /* 3800 / 40 */
    { "knee_flexion", 126, 140, 90 },              /* 12600 / 140 */
    /* no ratio: zero is normal, or grades, or yes/no */
    { "knee_extension", 5, 0, NAN },
    { "extension_lag", 5, 1, NAN },
    { "effusion_stroke", 2, 0, NAN },
    { "single_leg_squat_valgus", 1, 0, NAN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const VastusMeasure *m = vastus_catalog_lookup (cases[i].code);

      g_test_message ("%s %g / %g", cases[i].code, cases[i].inv, cases[i].uninv);
      g_assert_nonnull (m);
      assert_num (vastus_lsi (m, cases[i].inv, cases[i].uninv), cases[i].lsi);
      /* EPIC is the same formula with the baseline in place of the uninvolved side. */
      assert_num (vastus_epic (m, cases[i].inv, cases[i].uninv), cases[i].lsi);
    }
}

static void
test_difference_formula (void)
{
  static const struct { const char *code; double inv, uninv, diff; } cases[] = {
    { "thigh_girth_15", 48.5, 51, 2.5 },           /* atrophy: uninvolved − involved */
    { "thigh_girth_15", 52, 51, -1 },
    { "knee_girth_joint_line", 40.5, 38, 2.5 },    /* swelling: involved − uninvolved */
    { "knee_girth_midpatella", 37, 38, -1 },
    { "knee_extension", 5, -3, 8 },                /* lacks 5° vs 3° hyperextension */
    { "knee_extension", -3, -3, 0 },
    { "knee_flexion", 125, 140, 15 },              /* flexion deficit */
    { "extension_lag", 5, 0, 5 },
    { "effusion_stroke", VASTUS_GRADE_1PLUS, VASTUS_GRADE_ZERO, 2 },   /* grade steps */
    { "effusion_stroke", VASTUS_GRADE_TRACE, VASTUS_GRADE_TRACE, 0 },
    { "effusion_stroke", VASTUS_GRADE_ZERO, VASTUS_GRADE_3PLUS, -4 },
    { "single_leg_squat_valgus", 1, 0, NAN },
    { "pain_nrs", 3, 1, NAN },                     /* not per side */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const VastusMeasure *m = vastus_catalog_lookup (cases[i].code);

      g_test_message ("%s %g vs %g", cases[i].code, cases[i].inv, cases[i].uninv);
      assert_num (vastus_side_difference (m, cases[i].inv, cases[i].uninv), cases[i].diff);
    }
}

static void
test_normalisation_formulas (void)
{
  /* H:Q = 60 / 120 × 100 */
  assert_num (vastus_hq_ratio (60, 120), 50);
  assert_num (vastus_hq_ratio (55, 100), 55);
  assert_num (vastus_hq_ratio (60, 0), NAN);
  /* Nm/kg = 210 / 70 */
  assert_num (vastus_torque_per_mass (210, 70), 3.0);
  assert_num (vastus_torque_per_mass (210, NAN), NAN);
  /* %BW = 343.23275 / (70 × 9.80665) × 100 = 343.23275 / 686.4655 × 100 = 50 */
  assert_num (vastus_force_percent_bw (343.23275, 70), 50);
  /* 1 kgf on 1 kg is 100 % */
  assert_num (vastus_force_percent_bw (VASTUS_N_PER_KGF, 1), 100);
  /* % height = 153 / 170 × 100 = 90 */
  assert_num (vastus_percent_height (153, 170), 90);
  assert_num (vastus_percent_height (153, 0), NAN);
  g_assert_cmpstr (vastus_hq_partner ("hamstrings_isokinetic_300"), ==, "quadriceps_isokinetic_300");
  g_assert_cmpstr (vastus_hq_partner ("hamstrings_hhd"), ==, "quadriceps_hhd");
  g_assert_null (vastus_hq_partner ("quadriceps_hhd"));
}

/* Trials are combined per the catalog before the index. */
static void
test_trials_combined (void)
{
  g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_FEMALE, "2026-01-05");
  VastusVisit *v = fx_visit (h, "2026-05-04");
  VastusSymmetry s;

  /* max: involved 100, 130, 120 → 130; uninvolved 150, 160 → 160; LSI 13000 / 160 = 81.25 */
  fx_trial (v, "quadriceps_mvic", VASTUS_SIDE_LEFT, 1, 100);
  fx_trial (v, "quadriceps_mvic", VASTUS_SIDE_LEFT, 2, 130);
  fx_trial (v, "quadriceps_mvic", VASTUS_SIDE_LEFT, 3, 120);
  fx_trial (v, "quadriceps_mvic", VASTUS_SIDE_RIGHT, 1, 150);
  fx_trial (v, "quadriceps_mvic", VASTUS_SIDE_RIGHT, 2, 160);
  /* mean: involved (150 + 160) / 2 = 155; uninvolved (200 + 200) / 2 = 200; LSI 77.5 */
  fx_trial (v, "single_hop", VASTUS_SIDE_LEFT, 1, 150);
  fx_trial (v, "single_hop", VASTUS_SIDE_LEFT, 2, 160);
  fx_trial (v, "single_hop", VASTUS_SIDE_RIGHT, 1, 200);
  fx_trial (v, "single_hop", VASTUS_SIDE_RIGHT, 2, 200);
  /* last = highest trial number, whatever the order entered: trial 2 (trace) */
  fx_trial (v, "effusion_stroke", VASTUS_SIDE_LEFT, 2, VASTUS_GRADE_TRACE);
  fx_trial (v, "effusion_stroke", VASTUS_SIDE_LEFT, 1, VASTUS_GRADE_2PLUS);
  fx_trial (v, "effusion_stroke", VASTUS_SIDE_RIGHT, 1, VASTUS_GRADE_ZERO);
  /* min for extension: 3, −2, 0 → −2; uninvolved 0 → difference −2 − 0 = −2 */
  fx_trial (v, "knee_extension", VASTUS_SIDE_LEFT, 1, 3);
  fx_trial (v, "knee_extension", VASTUS_SIDE_LEFT, 2, -2);
  fx_trial (v, "knee_extension", VASTUS_SIDE_LEFT, 3, 0);
  fx_trial (v, "knee_extension", VASTUS_SIDE_RIGHT, 1, 0);
  /* timed hop mean: involved (2.1 + 1.9) / 2 = 2.0, uninvolved (1.7 + 1.9) / 2 = 1.8 → 90 */
  fx_trial (v, "timed_hop_6m", VASTUS_SIDE_LEFT, 1, 2.1);
  fx_trial (v, "timed_hop_6m", VASTUS_SIDE_LEFT, 2, 1.9);
  fx_trial (v, "timed_hop_6m", VASTUS_SIDE_RIGHT, 1, 1.7);
  fx_trial (v, "timed_hop_6m", VASTUS_SIDE_RIGHT, 2, 1.9);

  g_assert_true (vastus_symmetry_compute (h, 0, "quadriceps_mvic", &s));
  assert_num (s.left, 130);
  assert_num (s.right, 160);
  assert_num (s.involved, 130);
  assert_num (s.uninvolved, 160);
  assert_num (s.lsi, 81.25);
  g_assert_null (s.lsi_reason);

  vastus_symmetry_compute (h, 0, "single_hop", &s);
  assert_num (s.involved, 155);
  assert_num (s.lsi, 77.5);

  vastus_symmetry_compute (h, 0, "effusion_stroke", &s);
  assert_num (s.involved, VASTUS_GRADE_TRACE);
  assert_num (s.difference, 1);
  g_assert_true (isnan (s.lsi));
  g_assert_nonnull (s.lsi_reason);

  vastus_symmetry_compute (h, 0, "knee_extension", &s);
  assert_num (s.involved, -2);
  assert_num (s.difference, -2);
  g_assert_true (isnan (s.lsi));

  vastus_symmetry_compute (h, 0, "timed_hop_6m", &s);
  assert_num (s.involved, 2.0);
  assert_num (s.uninvolved, 1.8);
  assert_num (s.lsi, 90);

  /* Each combine rule directly. */
  {
    static const struct { const char *code; double v[3]; double expected; } cases[] = {
      { "quadriceps_hhd", { 300, 320, 310 }, 320 },        /* max */
      { "knee_extension", { 4, 2, 3 }, 2 },                /* min */
      { "triple_hop", { 400, 420, 410 }, 410 },            /* mean 1230 / 3 */
      { "pain_nrs", { 4, 2, 3 }, 3 },                      /* last */
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        const VastusMeasure *m = vastus_catalog_lookup (cases[i].code);
        VastusVisit *w = vastus_visit_new ();
        VastusSide side = m->two_sided ? VASTUS_SIDE_LEFT : VASTUS_SIDE_NONE;

        /* entered out of order: trial 3, 1, 2 */
        fx_trial (w, cases[i].code, side, 3, cases[i].v[2]);
        fx_trial (w, cases[i].code, side, 1, cases[i].v[0]);
        fx_trial (w, cases[i].code, side, 2, cases[i].v[1]);
        assert_num (vastus_visit_combined (w, cases[i].code, side, VASTUS_TRIALS_ALL), cases[i].expected);
        assert_num (vastus_visit_combined (w, cases[i].code, VASTUS_SIDE_RIGHT, VASTUS_TRIALS_ALL), NAN);
        vastus_visit_free (w);
      }
  }
}

/* EPIC uses the most recent baseline of the uninvolved side on or before the visit. */
static void
test_epic (void)
{
  g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_MALE, "2026-01-05");
  VastusVisit *pre1 = fx_visit (h, "2025-11-10");
  VastusVisit *pre2 = fx_visit (h, "2025-12-15");
  VastusVisit *now = fx_visit (h, "2026-07-06");
  VastusVisit *later = fx_visit (h, "2026-09-07");
  VastusSymmetry s;

  fx_trial (pre1, "quadriceps_mvic", VASTUS_SIDE_RIGHT, 1, 240)->baseline = TRUE;
  fx_trial (pre2, "quadriceps_mvic", VASTUS_SIDE_RIGHT, 1, 250)->baseline = TRUE;
  fx_trial (pre2, "quadriceps_mvic", VASTUS_SIDE_LEFT, 1, 150)->baseline = TRUE;
  fx_trial (pre2, "timed_hop_6m", VASTUS_SIDE_RIGHT, 1, 1.8)->baseline = TRUE;
  fx_pair (now, "quadriceps_mvic", 200, 210);
  fx_pair (now, "timed_hop_6m", 2.0, 1.9);
  fx_pair (now, "single_hop", 150, 160);
  /* a later baseline is not used for an earlier visit */
  fx_trial (later, "quadriceps_mvic", VASTUS_SIDE_RIGHT, 1, 300)->baseline = TRUE;
  fx_pair (later, "quadriceps_mvic", 240, NAN);

  vastus_symmetry_compute (h, 2, "quadriceps_mvic", &s);
  assert_num (s.lsi, 20000.0 / 210);                /* 95.238… */
  assert_num (s.baseline, 250);                      /* pre2, the most recent, not pre1's 240 */
  fx_assert_date (&s.baseline_date, "2025-12-15");
  assert_num (s.epic, 80);                           /* 200 × 100 / 250 */
  g_assert_null (s.epic_reason);

  /* inverted for lower is better: 1.8 × 100 / 2.0 = 90 */
  vastus_symmetry_compute (h, 2, "timed_hop_6m", &s);
  assert_num (s.epic, 90);
  assert_num (s.lsi, 95);                            /* 1.9 × 100 / 2.0 */

  /* no baseline: NAN with a reason, never 0 */
  vastus_symmetry_compute (h, 2, "single_hop", &s);
  assert_num (s.lsi, 93.75);                         /* 15000 / 160 */
  g_assert_true (isnan (s.epic));
  g_assert_nonnull (s.epic_reason);

  /* at the later visit: its own baseline 300 (a baseline trial is also that visit's value);
   * involved 240 → EPIC 24000 / 300 = 80 and LSI 80 */
  vastus_symmetry_compute (h, 3, "quadriceps_mvic", &s);
  assert_num (s.baseline, 300);
  assert_num (s.epic, 80);
  assert_num (s.lsi, 80);
  g_assert_null (s.lsi_reason);

  /* at the baseline visit, EPIC = involved 150 / baseline 250 */
  vastus_symmetry_compute (h, 1, "quadriceps_mvic", &s);
  assert_num (s.epic, 60);
  assert_num (s.lsi, 60);
}

static void
test_missing_and_both (void)
{
  g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_RIGHT, VASTUS_SEX_MALE, NULL);
  g_autoptr(VastusHistory) both = fx_history (VASTUS_SIDE_BOTH, VASTUS_SEX_FEMALE, NULL);
  VastusVisit *v = fx_visit (h, "2026-03-02");
  VastusVisit *w = fx_visit (both, "2026-03-02");
  VastusSymmetry s;

  fx_pair (v, "quadriceps_hhd", 300, NAN);      /* right is involved and missing */
  fx_pair (v, "single_hop", NAN, 120);          /* left is uninvolved and missing */
  fx_trial (v, "pain_nrs", VASTUS_SIDE_NONE, 1, 3);

  vastus_symmetry_compute (h, 0, "quadriceps_hhd", &s);
  assert_num (s.left, 300);
  assert_num (s.uninvolved, 300);
  g_assert_true (isnan (s.involved));
  g_assert_true (isnan (s.lsi));
  g_assert_nonnull (s.lsi_reason);
  g_assert_true (isnan (s.epic));
  g_assert_nonnull (s.epic_reason);

  vastus_symmetry_compute (h, 0, "single_hop", &s);
  assert_num (s.involved, 120);
  g_assert_true (isnan (s.lsi));
  g_assert_nonnull (s.lsi_reason);

  vastus_symmetry_compute (h, 0, "pain_nrs", &s);
  assert_num (s.value, 3);
  g_assert_true (isnan (s.lsi));

  g_assert_false (vastus_symmetry_compute (h, 0, "no_such_measure", &s));

  fx_pair (w, "quadriceps_hhd", 300, 320);
  vastus_symmetry_compute (both, 0, "quadriceps_hhd", &s);
  assert_num (s.left, 300);
  assert_num (s.right, 320);
  g_assert_true (isnan (s.lsi));
  g_assert_true (isnan (s.epic));
  g_assert_true (isnan (s.involved));
  g_assert_nonnull (s.lsi_reason);
  g_assert_nonnull (s.epic_reason);
}

/* A force entered in lbf or kgf is stored in N: the LSI is the same as from N. */
static void
test_units_feed_indices (void)
{
  g_autoptr(VastusHistory) h = fx_history (VASTUS_SIDE_LEFT, VASTUS_SEX_MALE, NULL);
  VastusVisit *lbf = fx_visit (h, "2026-03-02");
  VastusVisit *newton = fx_visit (h, "2026-03-09");
  VastusVisit *kgf = fx_visit (h, "2026-03-16");
  VastusSymmetry s;
  double inv, uninv;

  /* 40 lbf vs 50 lbf: 40 / 50 = 80 % whatever the unit */
  g_assert_true (vastus_unit_number_to_stored ("lbf", "40", &inv));
  g_assert_true (vastus_unit_number_to_stored ("lbf", "50", &uninv));
  assert_num (inv, 40 * 4.4482216152605);
  fx_pair (lbf, "quadriceps_hhd", inv, uninv);
  /* the same forces typed in N: 177.92886461042 and 222.411080763025 */
  fx_pair (newton, "quadriceps_hhd", 177.92886461042, 222.411080763025);
  g_assert_true (vastus_unit_number_to_stored ("kgf", "20", &inv));
  g_assert_true (vastus_unit_number_to_stored ("kgf", "25", &uninv));
  fx_pair (kgf, "quadriceps_hhd", inv, uninv);

  for (guint i = 0; i < 3; i++)
    {
      vastus_symmetry_compute (h, i, "quadriceps_hhd", &s);
      assert_num (s.lsi, 80);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clinical/symmetry/lsi-formula", test_lsi_formula);
  g_test_add_func ("/clinical/symmetry/difference-formula", test_difference_formula);
  g_test_add_func ("/clinical/symmetry/normalisation", test_normalisation_formulas);
  g_test_add_func ("/clinical/symmetry/trials-combined", test_trials_combined);
  g_test_add_func ("/clinical/symmetry/epic", test_epic);
  g_test_add_func ("/clinical/symmetry/missing-and-both", test_missing_and_both);
  g_test_add_func ("/clinical/symmetry/units", test_units_feed_indices);
  return g_test_run ();
}
