/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <math.h>

#include "vastus-catalog.h"
#include "vastus-units.h"
#include "vastus-validate.h"

/* product.md's catalog: code, stored unit, two-sided, better, combine. */
static const struct
{
  const char   *code;
  const char   *unit;
  gboolean      two_sided;
  VastusBetter  better;
  VastusCombine combine;
} contract[] = {
  { "quadriceps_hhd", "N", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "quadriceps_mvic", "Nm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "quadriceps_isokinetic_60", "Nm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "quadriceps_isokinetic_180", "Nm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "quadriceps_isokinetic_300", "Nm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "hamstrings_hhd", "N", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "hamstrings_isokinetic_60", "Nm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "hamstrings_isokinetic_180", "Nm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "hamstrings_isokinetic_300", "Nm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "hip_abduction_hhd", "N", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "hip_external_rotation_hhd", "N", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "hamstrings_nordic", "N", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "hip_adduction_frame", "N", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "hip_abduction_frame", "N", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "thigh_girth_5", "cm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MEAN },
  { "thigh_girth_10", "cm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MEAN },
  { "thigh_girth_15", "cm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MEAN },
  { "thigh_girth_20", "cm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MEAN },
  { "knee_girth_joint_line", "cm", TRUE, VASTUS_BETTER_LOWER, VASTUS_COMBINE_MEAN },
  { "knee_girth_midpatella", "cm", TRUE, VASTUS_BETTER_LOWER, VASTUS_COMBINE_MEAN },
  { "effusion_stroke", "grade", TRUE, VASTUS_BETTER_LOWER, VASTUS_COMBINE_LAST },
  { "knee_flexion", "deg", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "knee_extension", "deg", TRUE, VASTUS_BETTER_LOWER, VASTUS_COMBINE_MIN },
  { "extension_lag", "deg", TRUE, VASTUS_BETTER_LOWER, VASTUS_COMBINE_LAST },
  { "pain_nrs", "points", FALSE, VASTUS_BETTER_LOWER, VASTUS_COMBINE_LAST },
  { "single_hop", "cm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MEAN },
  { "triple_hop", "cm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MEAN },
  { "crossover_hop", "cm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MEAN },
  { "timed_hop_6m", "s", TRUE, VASTUS_BETTER_LOWER, VASTUS_COMBINE_MEAN },
  { "side_hop_30s", "count", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "y_balance_anterior", "cm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "y_balance_posteromedial", "cm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "y_balance_posterolateral", "cm", TRUE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_MAX },
  { "step_down_valgus", "bool", TRUE, VASTUS_BETTER_LOWER, VASTUS_COMBINE_LAST },
  { "single_leg_squat_valgus", "bool", TRUE, VASTUS_BETTER_LOWER, VASTUS_COMBINE_LAST },
  { "less_score", "count", FALSE, VASTUS_BETTER_LOWER, VASTUS_COMBINE_MEAN },
  { "chair_stand_30s", "count", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "tug", "s", FALSE, VASTUS_BETTER_LOWER, VASTUS_COMBINE_LAST },
  { "stair_climb", "s", FALSE, VASTUS_BETTER_LOWER, VASTUS_COMBINE_LAST },
  { "kos_adls", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "global_rating", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "ikdc", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "kujala", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "acl_rsi", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "lysholm", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "koos_pain", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "koos_symptoms", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "koos_adl", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "koos_sport", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "koos_qol", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "tegner", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  /* Questionnaire scores (product.md "Contract additions"): scored from answers … */
  { "tegner_before_injury", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "koos12_pain", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "koos12_function", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "koos12_qol", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "koos12_summary", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "koos_jr", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "lefs", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "acl_rsi_short", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  /* … and typed only (clinical-reference §1.11: their licences). */
  { "oxford_knee", "points", FALSE, VASTUS_BETTER_HIGHER, VASTUS_COMBINE_LAST },
  { "womac", "points", FALSE, VASTUS_BETTER_LOWER, VASTUS_COMBINE_LAST },
};

/* The range of each questionnaire score: its instrument's (LEFS 0–80, Tegner 0–10, Oxford 0–48,
 * WOMAC Likert 0–96, the rest 0–100). */
static void
test_score_limits (void)
{
  static const struct { const char *code; double max; } limits[] = {
    { "lefs", 80 }, { "tegner", 10 }, { "tegner_before_injury", 10 }, { "oxford_knee", 48 },
    { "womac", 96 }, { "koos_jr", 100 }, { "koos12_summary", 100 }, { "acl_rsi_short", 100 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      const VastusMeasure *m = vastus_catalog_lookup (limits[i].code);

      g_assert_cmpint (m->category, ==, VASTUS_CATEGORY_QUESTIONNAIRE);
      g_assert_cmpfloat (m->hard_min, ==, 0);
      g_assert_cmpfloat (m->hard_max, ==, limits[i].max);
    }
}

static void
test_contract (void)
{
  g_assert_cmpuint (vastus_catalog_get_n_measures (), ==, G_N_ELEMENTS (contract));
  for (guint i = 0; i < G_N_ELEMENTS (contract); i++)
    {
      const VastusMeasure *m = vastus_catalog_lookup (contract[i].code);

      g_test_message ("%s", contract[i].code);
      g_assert_nonnull (m);
      g_assert_cmpstr (m->unit, ==, contract[i].unit);
      g_assert_cmpint (m->two_sided, ==, contract[i].two_sided);
      g_assert_cmpint (m->better, ==, contract[i].better);
      g_assert_cmpint (m->combine, ==, contract[i].combine);
      /* The stored unit is always accepted, and listed first. */
      g_assert_cmpstr (m->input_units[0], ==, m->unit);
      g_assert_true (m->hard_min <= m->soft_min && m->soft_min <= m->soft_max &&
                     m->soft_max <= m->hard_max);
      g_assert_nonnull (vastus_measure_get_label (m));
      g_assert_nonnull (vastus_measure_get_short_label (m));
    }
  g_assert_null (vastus_catalog_lookup ("quadriceps"));
  g_assert_null (vastus_catalog_lookup (NULL));
}

/* The hard problems (limits) and soft ones (warnings) one value raises. */
static void
check_value (const char *code,
             double      value,
             gboolean    hard,
             gboolean    soft)
{
  const VastusMeasure *m = vastus_catalog_lookup (code);
  g_autoptr(VastusMeasurement) measurement = vastus_measurement_new (code, m->two_sided ? VASTUS_SIDE_LEFT : VASTUS_SIDE_NONE,
                                                                     1, value, m->unit);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);
  gboolean got_hard = FALSE, got_soft = FALSE;

  vastus_measurement_check (measurement, 0, problems);
  for (guint i = 0; i < problems->len; i++)
    {
      const VastusProblem *p = g_ptr_array_index (problems, i);

      got_hard |= !p->soft;
      got_soft |= p->soft;
    }
  g_test_message ("%s %g", code, value);
  g_assert_cmpint (got_hard, ==, hard);
  g_assert_cmpint (got_soft, ==, soft);
}

/* Limits that the review of issue 23 corrected. */
static void
test_limits (void)
{
  /* knee flexion: below 0° is extension and beyond 170° is not a knee: 0…170 (soft up to 155) */
  check_value ("knee_flexion", -1, TRUE, FALSE);
  check_value ("knee_flexion", 0, FALSE, FALSE);
  check_value ("knee_flexion", 155, FALSE, FALSE);
  check_value ("knee_flexion", 170, FALSE, TRUE);
  check_value ("knee_flexion", 171, TRUE, FALSE);
  /* knee extension in flexion degrees: −30 (hyperextension) … 90 */
  check_value ("knee_extension", -31, TRUE, FALSE);
  check_value ("knee_extension", -30, FALSE, TRUE);
  check_value ("knee_extension", 90, FALSE, TRUE);
  check_value ("knee_extension", 91, TRUE, FALSE);
  check_value ("knee_extension", 5, FALSE, FALSE);
  /* belted HHD knee extension 867 ± 132 N: mean + 1 SD = 999 N and mean + 3 SD = 1263 N pass
   * without a warning; above 1300 N warns, above 1500 N is refused */
  check_value ("quadriceps_hhd", 999, FALSE, FALSE);
  check_value ("quadriceps_hhd", 1263, FALSE, FALSE);
  check_value ("quadriceps_hhd", 1300, FALSE, FALSE);
  check_value ("quadriceps_hhd", 1301, FALSE, TRUE);
  check_value ("quadriceps_hhd", 1501, TRUE, FALSE);
  /* LESS: 0 … 19 errors, the mean of jumps may be fractional */
  check_value ("less_score", 4.33, FALSE, FALSE);
  check_value ("less_score", 19, FALSE, FALSE);
  check_value ("less_score", 19.5, TRUE, FALSE);
  check_value ("less_score", -1, TRUE, FALSE);

  /* the hand-held dynamometer measures, and only they */
  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    {
      const VastusMeasure *m = vastus_catalog_get_nth (i);

      g_assert_cmpint (m->hand_held, ==, g_str_has_suffix (m->code, "_hhd"));
    }
}

static void
test_codes_unique (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    {
      const VastusMeasure *m = vastus_catalog_get_nth (i);

      g_assert_false (g_hash_table_contains (seen, m->code));
      g_hash_table_add (seen, (gpointer) m->code);
    }
}

static void
test_input_units (void)
{
  const VastusMeasure *hhd = vastus_catalog_lookup ("quadriceps_hhd");
  const VastusMeasure *girth = vastus_catalog_lookup ("thigh_girth_15");

  g_assert_true (vastus_measure_accepts_unit (hhd, "N"));
  g_assert_true (vastus_measure_accepts_unit (hhd, "lbf"));
  g_assert_true (vastus_measure_accepts_unit (hhd, "kgf"));
  g_assert_true (vastus_measure_accepts_unit (hhd, "kg"));
  g_assert_false (vastus_measure_accepts_unit (hhd, "Nm"));
  g_assert_false (vastus_measure_accepts_unit (hhd, NULL));
  g_assert_true (vastus_measure_accepts_unit (girth, "mm"));
  g_assert_true (vastus_measure_accepts_unit (girth, "in"));
  g_assert_false (vastus_measure_accepts_unit (girth, "N"));
  /* Every accepted unit converts to the measure's stored unit. */
  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    {
      const VastusMeasure *m = vastus_catalog_get_nth (i);

      for (guint u = 0; m->input_units[u] != NULL; u++)
        {
          const VastusUnit *unit = vastus_unit_lookup (m->input_units[u]);

          g_assert_nonnull (unit);
          g_assert_cmpstr (unit->stored, ==, m->unit);
        }
    }
}

static void
test_conversions (void)
{
  double v;

  /* Exact definitions: 1 lbf = 4.4482216152605 N, 1 kgf = 9.80665 N, 1 in = 2.54 cm; the typed
   * decimal times the factor exactly, rounded once: 100 × 4.4482216152605 = 444.82216152605
   * (doubles multiplied give 444.82216152604997), 30 × 9.80665 = 294.1995. */
  g_assert_true (vastus_unit_number_to_stored ("lbf", "100", &v));
  g_assert_cmpfloat (v, ==, 444.82216152605);
  g_assert_cmpfloat (100 * VASTUS_N_PER_LBF, !=, 444.82216152605);
  g_assert_true (vastus_unit_number_to_stored ("kgf", "30", &v));
  g_assert_cmpfloat (v, ==, 294.1995);
  g_assert_true (vastus_unit_number_to_stored ("kg", "30", &v));
  g_assert_cmpfloat (v, ==, 294.1995);
  g_assert_true (vastus_unit_number_to_stored ("in", "20", &v));
  g_assert_cmpfloat (v, ==, 50.8);
  g_assert_true (vastus_unit_number_to_stored ("mm", "375", &v));
  g_assert_cmpfloat (v, ==, 37.5);
  g_assert_true (vastus_unit_number_to_stored ("N", "312.5", &v));
  g_assert_cmpfloat (v, ==, 312.5);
  /* typed text: either decimal mark, spaces; 3 lbf = 13.3446648457815 N exactly (doubles
   * multiplied: 13.344664845781498) */
  g_assert_true (vastus_unit_entry_to_stored ("lbf", " 3,0 ", &v, NULL));
  g_assert_cmpfloat (v, ==, 13.3446648457815);
  g_assert_false (vastus_unit_entry_to_stored ("lbf", "1.234,5", &v, NULL));
  g_assert_false (vastus_unit_number_to_stored ("lbf", "3,0", &v));
  g_assert_true (vastus_unit_from_stored ("lbf", 444.82216152605, &v));
  g_assert_cmpfloat_with_epsilon (v, 100, 1e-9);
  g_assert_false (vastus_unit_number_to_stored ("furlong", "1", &v));
  g_assert_null (vastus_unit_lookup ("n"));

  /* As entered: the fewest digits that convert back exactly. 444.82216152605 N in lbf is 100
   * (444.82216152605 ÷ 4.4482216152605 in doubles is 99.99999999999999); 250.069575 N in kg is
   * 25.5; 301.25 N is 301.25, not the 301.3 of a display; 37.5 cm in mm is 375. */
  {
    char text[32];

    g_assert_true (vastus_unit_entered_text ("lbf", 444.82216152605, text));
    g_assert_cmpstr (text, ==, "100");
    g_assert_true (vastus_unit_entered_text ("kg", 250.069575, text));
    g_assert_cmpstr (text, ==, "25.5");
    g_assert_true (vastus_unit_entered_text ("N", 301.25, text));
    g_assert_cmpstr (text, ==, "301.25");
    g_assert_true (vastus_unit_entered_text ("mm", 37.5, text));
    g_assert_cmpstr (text, ==, "375");
    g_assert_false (vastus_unit_entered_text ("furlong", 1, text));
  }
}

static void
test_combine (void)
{
  const double trials[] = { 310, 342.5, 298 };
  const VastusMeasure *max = vastus_catalog_lookup ("quadriceps_hhd");
  const VastusMeasure *mean = vastus_catalog_lookup ("single_hop");
  const VastusMeasure *min = vastus_catalog_lookup ("knee_extension");
  const VastusMeasure *last = vastus_catalog_lookup ("pain_nrs");

  g_assert_cmpfloat (vastus_measure_combine (max, trials, 3), ==, 342.5);
  g_assert_cmpfloat_with_epsilon (vastus_measure_combine (mean, trials, 3), 950.5 / 3, 1e-12);
  g_assert_cmpfloat (vastus_measure_combine (min, trials, 3), ==, 298);
  g_assert_cmpfloat (vastus_measure_combine (last, trials, 3), ==, 298);
  g_assert_true (isnan (vastus_measure_combine (max, trials, 0)));
}

static void
test_format (void)
{
  const VastusMeasure *girth = vastus_catalog_lookup ("thigh_girth_15");
  const VastusMeasure *effusion = vastus_catalog_lookup ("effusion_stroke");
  const VastusMeasure *valgus = vastus_catalog_lookup ("step_down_valgus");
  const VastusMeasure *flexion = vastus_catalog_lookup ("knee_flexion");
  const VastusMeasure *hhd = vastus_catalog_lookup ("quadriceps_hhd");
  g_autofree char *a = vastus_measure_format_value (girth, 37.5, NULL);
  g_autofree char *b = vastus_measure_format_value (effusion, 1, NULL);
  g_autofree char *c = vastus_measure_format_value (valgus, 1, NULL);
  g_autofree char *d = vastus_measure_format_value (flexion, 132, NULL);
  g_autofree char *e = vastus_measure_format_value (hhd, 444.82216152605, "lbf");
  g_autofree char *f = vastus_measure_format_value (girth, NAN, NULL);

  g_assert_cmpstr (a, ==, "37.5 cm");
  g_assert_cmpstr (b, ==, "trace");
  g_assert_cmpstr (c, ==, "yes");
  g_assert_cmpstr (d, ==, "132°");
  g_assert_cmpstr (e, ==, "100.0 lbf");
  g_assert_cmpstr (f, ==, "—");
}

/* What an imperial clinic reads: forces in lbf, lengths in in, everything else as stored. */
static void
test_imperial_unit (void)
{
  static const struct { const char *code; const char *unit; } cases[] = {
    { "quadriceps_hhd", "lbf" }, { "thigh_girth_15", "in" }, { "knee_girth_joint_line", "in" },
    { "single_hop", "in" }, { "quadriceps_mvic", NULL }, { "knee_flexion", NULL },
    { "effusion_stroke", NULL }, { "kos_adls", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const VastusMeasure *measure = vastus_catalog_lookup (cases[i].code);

      g_test_message ("%s", cases[i].code);
      g_assert_nonnull (measure);
      g_assert_cmpstr (vastus_measure_imperial_unit (measure), ==, cases[i].unit);
    }
}

/* How a value stands against its measure's limits, in the stored unit. */
static void
test_check_value (void)
{
  const VastusMeasure *flexion = vastus_catalog_lookup ("knee_flexion");   /* 0 to 170°, usual to 155° */
  const VastusMeasure *girth = vastus_catalog_lookup ("thigh_girth_5");    /* more than 0, to 150 cm; usual 25 to 90 */
  const VastusMeasure *valgus = vastus_catalog_lookup ("step_down_valgus"); /* 0 or 1 */

  g_assert_cmpint (vastus_measure_check_value (flexion, 0), ==, VASTUS_VALUE_USUAL);
  g_assert_cmpint (vastus_measure_check_value (flexion, 155), ==, VASTUS_VALUE_USUAL);
  g_assert_cmpint (vastus_measure_check_value (flexion, 160), ==, VASTUS_VALUE_UNUSUAL);
  g_assert_cmpint (vastus_measure_check_value (flexion, 170), ==, VASTUS_VALUE_UNUSUAL);
  g_assert_cmpint (vastus_measure_check_value (flexion, 170.5), ==, VASTUS_VALUE_IMPOSSIBLE);
  g_assert_cmpint (vastus_measure_check_value (flexion, -1), ==, VASTUS_VALUE_IMPOSSIBLE);
  /* An exclusive lower limit: 0 cm is impossible, 0.5 cm possible but unusual. */
  g_assert_cmpint (vastus_measure_check_value (girth, 0), ==, VASTUS_VALUE_IMPOSSIBLE);
  g_assert_cmpint (vastus_measure_check_value (girth, 0.5), ==, VASTUS_VALUE_UNUSUAL);
  g_assert_cmpint (vastus_measure_check_value (girth, 150.5), ==, VASTUS_VALUE_IMPOSSIBLE);
  /* A whole number: 0.5 is impossible. */
  g_assert_cmpint (vastus_measure_check_value (valgus, 1), ==, VASTUS_VALUE_USUAL);
  g_assert_cmpint (vastus_measure_check_value (valgus, 0.5), ==, VASTUS_VALUE_IMPOSSIBLE);
}

/* Every measure's interned code is the one address g_intern_string gives its text, whether the
 * text was interned before (a measurement read first) or not; a measure outside the catalog
 * gets its text's too. */
static void
test_interned_codes (void)
{
  /* Interned before anything asks the catalog: the address stays this one. */
  const char *first = g_intern_string ("quadriceps_mvic");
  VastusMeasure outside;

  g_assert_true (vastus_measure_get_interned_code (vastus_catalog_lookup ("quadriceps_mvic")) == first);
  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    {
      const VastusMeasure *m = vastus_catalog_get_nth (i);

      g_assert_true (vastus_measure_get_interned_code (m) == g_intern_string (m->code));
    }
  outside = *vastus_catalog_lookup ("pain_nrs");
  outside.code = "not_in_the_catalog";
  g_assert_true (vastus_measure_get_interned_code (&outside) == g_intern_string ("not_in_the_catalog"));
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/model/catalog/contract", test_contract);
  g_test_add_func ("/model/catalog/interned-codes", test_interned_codes);
  g_test_add_func ("/model/catalog/score-limits", test_score_limits);
  g_test_add_func ("/model/catalog/codes-unique", test_codes_unique);
  g_test_add_func ("/model/catalog/limits", test_limits);
  g_test_add_func ("/model/catalog/input-units", test_input_units);
  g_test_add_func ("/model/catalog/conversions", test_conversions);
  g_test_add_func ("/model/catalog/combine", test_combine);
  g_test_add_func ("/model/catalog/format", test_format);
  g_test_add_func ("/model/catalog/imperial-unit", test_imperial_unit);
  g_test_add_func ("/model/catalog/check-value", test_check_value);
  return g_test_run ();
}
