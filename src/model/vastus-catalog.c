/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-catalog"

#include "config.h"

#include "vastus-i18n.h"
#include <math.h>

#include "vastus-display.h"
#include "vastus-catalog.h"
#include "vastus-units.h"
#include "vastus-value.h"

/* Limits: data-safety.md §4.1 (proposed hard and soft ranges), clinical-reference.md §1. */

#define FORCE_UNITS      { "N", "lbf", "kgf", "kg", NULL }
#define TORQUE_UNITS     { "Nm", NULL }
#define LENGTH_UNITS     { "cm", "mm", "in", NULL }

/* Hand-held dynamometers. Belted knee extension in healthy adults is 867 ± 132 N: a soft limit
 * of 1000 N (mean + 1 SD) warned at about one healthy test in six; 1300 N is above mean + 3 SD. */
#define HHD(code_, label_, short_)                                              \
  { .code = code_, .label = label_, .short_label = short_,                      \
    .category = VASTUS_CATEGORY_STRENGTH, .kind = VASTUS_VALUE_NUMBER,          \
    .unit = "N", .input_units = FORCE_UNITS, .two_sided = TRUE,                 \
    .better = VASTUS_BETTER_HIGHER, .combine = VASTUS_COMBINE_MAX,              \
    .hard_min = 0, .hard_max = 1500, .soft_min = 20, .soft_max = 1300,          \
    .soft_side_difference = 0.5, .side_difference_relative = TRUE,              \
    .maximal = TRUE, .hand_held = TRUE }

/* Force on a fixed device (a Nordic-exercise board, a hip frame): the device, not the tester,
 * holds the limb, so no fixation needs recording. Nordic eccentric knee-flexor force is a few
 * hundred newtons per leg (clinical-reference §1); 1000 N is above what is reported. */
#define FRAME(code_, label_, short_)                                            \
  { .code = code_, .label = label_, .short_label = short_,                      \
    .category = VASTUS_CATEGORY_STRENGTH, .kind = VASTUS_VALUE_NUMBER,          \
    .unit = "N", .input_units = FORCE_UNITS, .two_sided = TRUE,                 \
    .better = VASTUS_BETTER_HIGHER, .combine = VASTUS_COMBINE_MAX,              \
    .hard_min = 0, .hard_max = 2000, .soft_min = 20, .soft_max = 1000,          \
    .soft_side_difference = 0.5, .side_difference_relative = TRUE,              \
    .maximal = TRUE }

#define TORQUE(code_, label_, short_, velocity_)                                \
  { .code = code_, .label = label_, .short_label = short_,                      \
    .category = VASTUS_CATEGORY_STRENGTH, .kind = VASTUS_VALUE_NUMBER,          \
    .unit = "Nm", .input_units = TORQUE_UNITS, .two_sided = TRUE,               \
    .better = VASTUS_BETTER_HIGHER, .combine = VASTUS_COMBINE_MAX,              \
    .hard_min = 0, .hard_max = 500, .soft_min = 5, .soft_max = 400,             \
    .soft_side_difference = 0.5, .side_difference_relative = TRUE,              \
    .maximal = TRUE, .velocity_deg_s = velocity_ }

#define GIRTH(code_, label_, short_, better_, soft_min_, soft_max_)             \
  { .code = code_, .label = label_, .short_label = short_,                      \
    .category = VASTUS_CATEGORY_GIRTH, .kind = VASTUS_VALUE_NUMBER,             \
    .unit = "cm", .input_units = LENGTH_UNITS, .two_sided = TRUE,               \
    .better = better_, .combine = VASTUS_COMBINE_MEAN,                          \
    .hard_min = 0, .hard_min_exclusive = TRUE, .hard_max = 150,                 \
    .soft_min = soft_min_, .soft_max = soft_max_,                               \
    .soft_side_difference = 5, .soft_change = 3 }

#define HOP(code_, label_, short_, hard_max_, soft_max_)                        \
  { .code = code_, .label = label_, .short_label = short_,                      \
    .category = VASTUS_CATEGORY_FUNCTION, .kind = VASTUS_VALUE_NUMBER,          \
    .unit = "cm", .input_units = LENGTH_UNITS, .two_sided = TRUE,               \
    .better = VASTUS_BETTER_HIGHER, .combine = VASTUS_COMBINE_MEAN,             \
    .hard_min = 0, .hard_max = hard_max_, .soft_min = 0, .soft_max = soft_max_, \
    .maximal = TRUE, .hop_distance = TRUE }

#define YBAL(code_, label_, short_)                                             \
  { .code = code_, .label = label_, .short_label = short_,                      \
    .category = VASTUS_CATEGORY_FUNCTION, .kind = VASTUS_VALUE_NUMBER,          \
    .unit = "cm", .input_units = LENGTH_UNITS, .two_sided = TRUE,               \
    .better = VASTUS_BETTER_HIGHER, .combine = VASTUS_COMBINE_MAX,              \
    .hard_min = 0, .hard_max = 200, .soft_min = 10, .soft_max = 150 }

#define VALGUS(code_, label_, short_)                                           \
  { .code = code_, .label = label_, .short_label = short_,                      \
    .category = VASTUS_CATEGORY_FUNCTION, .kind = VASTUS_VALUE_BOOL,            \
    .unit = "bool", .input_units = { "bool", NULL }, .two_sided = TRUE,         \
    .better = VASTUS_BETTER_LOWER, .combine = VASTUS_COMBINE_LAST,              \
    .integer = TRUE, .hard_min = 0, .hard_max = 1, .soft_min = 0, .soft_max = 1 }

#define TIMED(code_, label_, short_, hard_max_, soft_min_, soft_max_)           \
  { .code = code_, .label = label_, .short_label = short_,                      \
    .category = VASTUS_CATEGORY_FUNCTION, .kind = VASTUS_VALUE_NUMBER,          \
    .unit = "s", .input_units = { "s", NULL }, .two_sided = FALSE,              \
    .better = VASTUS_BETTER_LOWER, .combine = VASTUS_COMBINE_LAST,              \
    .hard_min = 0, .hard_min_exclusive = TRUE, .hard_max = hard_max_,           \
    .soft_min = soft_min_, .soft_max = soft_max_ }

#define SCORE(code_, label_, short_, max_)                                      \
  { .code = code_, .label = label_, .short_label = short_,                      \
    .category = VASTUS_CATEGORY_QUESTIONNAIRE, .kind = VASTUS_VALUE_NUMBER,     \
    .unit = "points", .input_units = { "points", NULL }, .two_sided = FALSE,    \
    .better = VASTUS_BETTER_HIGHER, .combine = VASTUS_COMBINE_LAST,             \
    .hard_min = 0, .hard_max = max_, .soft_min = 0, .soft_max = max_ }

static const VastusMeasure catalog[] = {
  /* Strength */
  HHD ("quadriceps_hhd", N_("Quadriceps isometric force (hand-held dynamometer)"),
       /* Translators: the quadriceps force measured with a hand-held dynamometer (HHD), as a
        * short label; keep HHD or use the abbreviation your literature uses */
       N_("Quadriceps HHD")),
  TORQUE ("quadriceps_mvic", N_("Quadriceps isometric peak torque (fixed dynamometer)"),
          /* Translators: the quadriceps maximal voluntary isometric contraction (MVIC) on a
           * fixed dynamometer, as a short label; keep MVIC or use the abbreviation your
           * literature uses */
          N_("Quadriceps MVIC"), 0),
  TORQUE ("quadriceps_isokinetic_60", N_("Quadriceps isokinetic peak torque at 60°/s"),
          /* Translators: a measure's short label in tables and chart legends: the quadriceps'
           * isokinetic peak torque at a test velocity of 60 degrees per second; keep °/s */
          N_("Quadriceps 60°/s"), 60),
  TORQUE ("quadriceps_isokinetic_180", N_("Quadriceps isokinetic peak torque at 180°/s"),
          /* Translators: short label: the quadriceps' isokinetic peak torque at 180 degrees per
           * second; keep °/s */
          N_("Quadriceps 180°/s"), 180),
  TORQUE ("quadriceps_isokinetic_300", N_("Quadriceps isokinetic peak torque at 300°/s"),
          /* Translators: short label: the quadriceps' isokinetic peak torque at 300 degrees per
           * second; keep °/s */
          N_("Quadriceps 300°/s"), 300),
  HHD ("hamstrings_hhd", N_("Hamstrings isometric force (hand-held dynamometer)"),
       /* Translators: the hamstrings force measured with a hand-held dynamometer (HHD), as a
        * short label; keep HHD or use the abbreviation your literature uses */
       N_("Hamstrings HHD")),
  TORQUE ("hamstrings_isokinetic_60", N_("Hamstrings isokinetic peak torque at 60°/s"),
          /* Translators: short label: the hamstrings' isokinetic peak torque at 60 degrees per
           * second; keep °/s */
          N_("Hamstrings 60°/s"), 60),
  TORQUE ("hamstrings_isokinetic_180", N_("Hamstrings isokinetic peak torque at 180°/s"),
          /* Translators: short label: the hamstrings' isokinetic peak torque at 180 degrees per
           * second; keep °/s */
          N_("Hamstrings 180°/s"), 180),
  TORQUE ("hamstrings_isokinetic_300", N_("Hamstrings isokinetic peak torque at 300°/s"),
          /* Translators: short label: the hamstrings' isokinetic peak torque at 300 degrees per
           * second; keep °/s */
          N_("Hamstrings 300°/s"), 300),
  HHD ("hip_abduction_hhd", N_("Hip abduction isometric force (hand-held dynamometer)"),
       /* Translators: a measure's short label in tables and chart legends: the hip abductors'
        * isometric force measured with a hand-held dynamometer */
       N_("Hip abduction")),
  HHD ("hip_external_rotation_hhd", N_("Hip external rotation isometric force (hand-held dynamometer)"), N_("Hip external rotation")),
  FRAME ("hamstrings_nordic", N_("Eccentric knee-flexor force in the Nordic exercise"),
         /* Translators: short label: the eccentric knee-flexor force measured in the Nordic
          * hamstring exercise */
         N_("Nordic hamstrings")),
  FRAME ("hip_adduction_frame", N_("Hip adduction isometric force (fixed frame)"), N_("Hip adduction (frame)")),
  FRAME ("hip_abduction_frame", N_("Hip abduction isometric force (fixed frame)"), N_("Hip abduction (frame)")),

  /* Girth and swelling */
  GIRTH ("thigh_girth_5", N_("Thigh girth 5 cm above the patella"), N_("Thigh girth 5 cm"), VASTUS_BETTER_HIGHER, 25, 90),
  GIRTH ("thigh_girth_10", N_("Thigh girth 10 cm above the patella"), N_("Thigh girth 10 cm"), VASTUS_BETTER_HIGHER, 25, 90),
  GIRTH ("thigh_girth_15", N_("Thigh girth 15 cm above the patella"), N_("Thigh girth 15 cm"), VASTUS_BETTER_HIGHER, 25, 90),
  GIRTH ("thigh_girth_20", N_("Thigh girth 20 cm above the patella"), N_("Thigh girth 20 cm"), VASTUS_BETTER_HIGHER, 25, 90),
  GIRTH ("knee_girth_joint_line", N_("Knee girth at the joint line"), N_("Knee girth, joint line"), VASTUS_BETTER_LOWER, 25, 70),
  GIRTH ("knee_girth_midpatella", N_("Knee girth at mid-patella"), N_("Knee girth, mid-patella"), VASTUS_BETTER_LOWER, 25, 70),
  { .code = "effusion_stroke", .label = N_("Effusion (stroke test)"), .short_label = N_("Effusion"),
    .category = VASTUS_CATEGORY_GIRTH, .kind = VASTUS_VALUE_GRADE,
    .unit = "grade", .input_units = { "grade", NULL }, .two_sided = TRUE,
    .better = VASTUS_BETTER_LOWER, .combine = VASTUS_COMBINE_LAST, .integer = TRUE,
    .hard_min = VASTUS_GRADE_ZERO, .hard_max = VASTUS_GRADE_3PLUS,
    .soft_min = VASTUS_GRADE_ZERO, .soft_max = VASTUS_GRADE_3PLUS },

  /* Range of motion and pain. Extension is in flexion degrees: 0 full, 5 lacks 5°, −5 hyperextends.
   * Healthy knees flex to 150–155°, so flexion warns only beyond that, not at the 140° of norm
   * tables (which would flag most uninvolved knees). Hard limits: a knee cannot flex below 0°
   * (that is extension) or beyond 170°; an extension value beyond 90° (a knee that cannot
   * straighten past a right angle) or beyond 30° of hyperextension is a typing error. */
  /* Translators: a measure's name: how far the knee bends, in degrees (range of motion) */
  { .code = "knee_flexion", .label = N_("Knee flexion"),
    /* Translators: the short label of knee flexion (how far the knee bends, in degrees) in
     * tables and charts; the noun */
    .short_label = N_("Flexion"),
    .category = VASTUS_CATEGORY_MOTION, .kind = VASTUS_VALUE_NUMBER,
    .unit = "deg", .input_units = { "deg", NULL }, .two_sided = TRUE,
    .better = VASTUS_BETTER_HIGHER, .combine = VASTUS_COMBINE_MAX,
    .hard_min = 0, .hard_max = 170, .soft_min = 0, .soft_max = 155, .soft_change = 30 },
  /* Translators: a measure's name: how far the knee straightens, in degrees (0 is straight) */
  { .code = "knee_extension", .label = N_("Knee extension"),
    /* Translators: the short label of knee extension (how far the knee straightens, in degrees)
     * in tables and charts; the noun */
    .short_label = N_("Extension"),
    .category = VASTUS_CATEGORY_MOTION, .kind = VASTUS_VALUE_NUMBER,
    .unit = "deg", .input_units = { "deg", NULL }, .two_sided = TRUE,
    .better = VASTUS_BETTER_LOWER, .combine = VASTUS_COMBINE_MIN,
    .hard_min = -30, .hard_max = 90, .soft_min = -15, .soft_max = 30, .soft_change = 15,
    /* Translators: knee extension's sign convention, beside its values */
    .convention = N_("0° is straight; 5 lacks 5° of extension; −5 hyperextends 5°.") },
  { .code = "extension_lag", .label = N_("Extension lag (active vs passive)"),
    /* Translators: short label: how many degrees the knee falls short of its passive extension
     * when straightened actively */
    .short_label = N_("Extension lag"),
    .category = VASTUS_CATEGORY_MOTION, .kind = VASTUS_VALUE_NUMBER,
    .unit = "deg", .input_units = { "deg", NULL }, .two_sided = TRUE,
    .better = VASTUS_BETTER_LOWER, .combine = VASTUS_COMBINE_LAST,
    .hard_min = 0, .hard_max = 90, .soft_min = 0, .soft_max = 30,
    /* Translators: extension lag's convention, beside its values */
    .convention = N_("Degrees short of the passive extension when straightened actively; 0 is none.") },
  { .code = "pain_nrs", .label = N_("Pain (numeric rating 0–10)"), .short_label = N_("Pain"),
    .category = VASTUS_CATEGORY_MOTION, .kind = VASTUS_VALUE_NUMBER,
    .unit = "points", .input_units = { "points", NULL }, .two_sided = FALSE,
    .better = VASTUS_BETTER_LOWER, .combine = VASTUS_COMBINE_LAST,
    .hard_min = 0, .hard_max = 10, .soft_min = 0, .soft_max = 10 },

  /* Functional tests */
  HOP ("single_hop", N_("Single hop for distance"),
       /* Translators: a measure's short label in tables and chart legends: the single hop for
        * distance, on one leg */
       N_("Single hop"), 400, 300),
  HOP ("triple_hop", N_("Triple hop for distance"),
       /* Translators: short label: the triple hop for distance, on one leg */
       N_("Triple hop"), 1200, 900),
  HOP ("crossover_hop", N_("Crossover hop for distance"),
       /* Translators: short label: the crossover hop for distance, on one leg across a line */
       N_("Crossover hop"), 1200, 900),
  { .code = "timed_hop_6m", .label = N_("6 m timed hop"), .short_label = N_("6 m timed hop"),
    .category = VASTUS_CATEGORY_FUNCTION, .kind = VASTUS_VALUE_NUMBER,
    .unit = "s", .input_units = { "s", NULL }, .two_sided = TRUE,
    .better = VASTUS_BETTER_LOWER, .combine = VASTUS_COMBINE_MEAN,
    .hard_min = 0, .hard_min_exclusive = TRUE, .hard_max = 60, .soft_min = 1, .soft_max = 10,
    .maximal = TRUE },
  { .code = "side_hop_30s", .label = N_("Side hops in 30 s"),
    /* Translators: short label: how many side hops across two lines the patient makes in 30
     * seconds */
    .short_label = N_("Side hop"),
    .category = VASTUS_CATEGORY_FUNCTION, .kind = VASTUS_VALUE_NUMBER,
    .unit = "count", .input_units = { "count", NULL }, .two_sided = TRUE,
    .better = VASTUS_BETTER_HIGHER, .combine = VASTUS_COMBINE_MAX, .integer = TRUE,
    .hard_min = 0, .hard_max = 200, .soft_min = 0, .soft_max = 120, .maximal = TRUE },
  YBAL ("y_balance_anterior", N_("Y-balance anterior reach"),
        /* Translators: short label: the reach forward in the Y-balance test; keep the test's
         * name as your literature does */
        N_("Y-balance anterior")),
  YBAL ("y_balance_posteromedial", N_("Y-balance posteromedial reach"),
        /* Translators: short label: the reach backward and inward in the Y-balance test */
        N_("Y-balance posteromedial")),
  YBAL ("y_balance_posterolateral", N_("Y-balance posterolateral reach"),
        /* Translators: short label: the reach backward and outward in the Y-balance test */
        N_("Y-balance posterolateral")),
  VALGUS ("step_down_valgus", N_("Dynamic knee valgus on step-down"),
          /* Translators: short label: dynamic knee valgus seen on the step-down test */
          N_("Step-down valgus")),
  VALGUS ("single_leg_squat_valgus", N_("Dynamic knee valgus on single-leg squat"), N_("Single-leg squat valgus")),
  /* Landing Error Scoring System (Padua 2009): 17 items scored as at most 19 errors, lower is
   * better (clinical-reference §1.9); the reference method is the mean of 3 jumps (Hanzlíková
   * 2020), so a score need not be a whole number. */
  { .code = "less_score", .label = N_("Landing Error Scoring System (LESS)"),
    /* Translators: the Landing Error Scoring System's abbreviation; keep the abbreviation your
     * literature uses */
    .short_label = N_("LESS"),
    .category = VASTUS_CATEGORY_FUNCTION, .kind = VASTUS_VALUE_NUMBER,
    .unit = "count", .input_units = { "count", NULL }, .two_sided = FALSE,
    .better = VASTUS_BETTER_LOWER, .combine = VASTUS_COMBINE_MEAN,
    .hard_min = 0, .hard_max = 19, .soft_min = 0, .soft_max = 19 },
  { .code = "chair_stand_30s", .label = N_("30 s chair stand"),
    /* Translators: short label: how many times the patient stands up from a chair in 30 seconds */
    .short_label = N_("Chair stand"),
    .category = VASTUS_CATEGORY_FUNCTION, .kind = VASTUS_VALUE_NUMBER,
    .unit = "count", .input_units = { "count", NULL }, .two_sided = FALSE,
    .better = VASTUS_BETTER_HIGHER, .combine = VASTUS_COMBINE_LAST, .integer = TRUE,
    .hard_min = 0, .hard_max = 100, .soft_min = 0, .soft_max = 40 },
  TIMED ("tug", N_("Timed up and go"),
         /* Translators: the timed up and go test's abbreviation; keep the abbreviation your
          * literature uses */
         N_("TUG"), 600, 3, 60),
  /* Translators: a measure: the time to climb a flight of stairs, in seconds; used as its name
   * and its short label */
  TIMED ("stair_climb", N_("Stair climb"), N_("Stair climb"), 600, 2, 120),

  /* Questionnaires */
  SCORE ("kos_adls", N_("KOS activities of daily living"),
         /* Translators: the Knee Outcome Survey Activities of Daily Living Scale's abbreviation;
          * keep it as published */
         N_("KOS-ADLS"), 100),
  SCORE ("global_rating", N_("Global rating of knee function"),
         /* Translators: short label: the patient's global rating of knee function, 0 to 100 */
         N_("Global rating"), 100),
  SCORE ("ikdc", N_("IKDC subjective knee form"),
         /* Translators: the International Knee Documentation Committee form's abbreviation; keep
          * it as published */
         N_("IKDC"), 100),
  SCORE ("kujala", N_("Kujala anterior knee pain scale"),
         /* Translators: short label: the score of the Kujala anterior knee pain scale; a name,
          * keep it as published */
         N_("Kujala"), 100),
  SCORE ("acl_rsi", N_("ACL return to sport after injury"),
         /* Translators: the ACL Return to Sport after Injury scale's abbreviation; keep it as
          * published */
         N_("ACL-RSI"), 100),
  SCORE ("lysholm", N_("Lysholm knee score"),
         /* Translators: short label: the score of the Lysholm knee scale; a name, keep it as
          * published */
         N_("Lysholm"), 100),
  /* Translators: a KOOS scale's score, used as its name and its short label; keep KOOS */
  SCORE ("koos_pain", N_("KOOS pain"), N_("KOOS pain"), 100),
  /* Translators: a KOOS scale's score, used as its name and its short label; keep KOOS */
  SCORE ("koos_symptoms", N_("KOOS symptoms"), N_("KOOS symptoms"), 100),
  SCORE ("koos_adl", N_("KOOS daily living"),
         /* Translators: short for the KOOS scale Activities of Daily Living (ADL); keep KOOS,
          * and ADL as your literature writes it */
         N_("KOOS ADL"), 100),
  SCORE ("koos_sport", N_("KOOS sport and recreation"),
         /* Translators: short label of the KOOS scale “sport and recreation”; keep KOOS */
         N_("KOOS sport"), 100),
  SCORE ("koos_qol", N_("KOOS quality of life"),
         /* Translators: short for the KOOS scale Quality of Life (QOL); keep KOOS, and QOL as
          * your literature writes it */
         N_("KOOS QOL"), 100),
  SCORE ("tegner", N_("Tegner activity level"),
         /* Translators: short label: the Tegner activity level today, 0 to 10; a name, keep it
          * as published */
         N_("Tegner"), 10),
  /* Scored from answers (vastus-instrument.h) … */
  SCORE ("tegner_before_injury", N_("Tegner activity level before the injury"), N_("Tegner before injury"), 10),
  /* Translators: a KOOS-12 scale's score, used as its name and its short label; keep KOOS-12 */
  SCORE ("koos12_pain", N_("KOOS-12 pain"), N_("KOOS-12 pain"), 100),
  /* Translators: a KOOS-12 scale's score, used as its name and its short label; keep KOOS-12 */
  SCORE ("koos12_function", N_("KOOS-12 function"), N_("KOOS-12 function"), 100),
  SCORE ("koos12_qol", N_("KOOS-12 quality of life"),
         /* Translators: short for the KOOS-12 scale Quality of Life (QOL); keep KOOS-12, and QOL
          * as your literature writes it */
         N_("KOOS-12 QOL"), 100),
  /* Translators: the KOOS-12 summary score, used as its name and its short label; keep KOOS-12 */
  SCORE ("koos12_summary", N_("KOOS-12 summary"), N_("KOOS-12 summary"), 100),
  SCORE ("koos_jr", N_("KOOS JR (joint replacement)"),
         /* Translators: KOOS JR: the KOOS for joint replacement, its published name; keep it as
          * published */
         N_("KOOS JR"), 100),
  SCORE ("lefs", N_("Lower extremity functional scale"),
         /* Translators: the Lower Extremity Functional Scale's abbreviation; keep it as
          * published */
         N_("LEFS"), 80),
  SCORE ("acl_rsi_short", N_("ACL return to sport after injury, short form"),
         /* Translators: the short ACL-RSI, with its 6 items; keep it as published */
         N_("ACL-RSI (6)"), 100),
  /* … and typed only: their licences keep their items out of Vastus (clinical-reference §1.11).
   * Oxford: 12 items 0–4, 48 best; WOMAC (Likert 3.x): 24 items 0–4, 96 worst. */
  SCORE ("oxford_knee", N_("Oxford knee score"),
         /* Translators: short label: the Oxford knee score, 0 to 48; a name, keep it as
          * published */
         N_("Oxford"), 48),
  { .code = "womac", .label = N_("WOMAC total (Likert, 0–96)"),
    /* Translators: the Western Ontario and McMaster Universities Osteoarthritis Index's
     * abbreviation; keep it as published */
    .short_label = N_("WOMAC"),
    .category = VASTUS_CATEGORY_QUESTIONNAIRE, .kind = VASTUS_VALUE_NUMBER,
    .unit = "points", .input_units = { "points", NULL }, .two_sided = FALSE,
    .better = VASTUS_BETTER_LOWER, .combine = VASTUS_COMBINE_LAST,
    .hard_min = 0, .hard_max = 96, .soft_min = 0, .soft_max = 96 },
};

static const char *category_codes[] = {
  "strength", "girth", "motion", "function", "questionnaire",
};

static const char *category_labels[] = {
  /* Translators: a group of measures (a heading in the visit form, the report and the catalog):
   * strength tests */
  N_("Strength"),
  N_("Girth and swelling"),
  N_("Range of motion and pain"),
  /* Translators: a group of measures (a heading): hop, balance and timed tests */
  N_("Functional tests"),
  /* Translators: a group of measures (a heading): the scores of patient questionnaires */
  N_("Questionnaires"),
};

guint
vastus_catalog_get_n_measures (void)
{
  return G_N_ELEMENTS (catalog);
}

const VastusMeasure *
vastus_catalog_get_nth (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (catalog), NULL);
  return &catalog[index];
}

const char *
vastus_measure_get_interned_code (const VastusMeasure *measure)
{
  static const char **interned = NULL;
  guintptr offset;

  g_return_val_if_fail (measure != NULL, NULL);

  if (g_once_init_enter (&interned))
    {
      const char **codes = g_new (const char *, G_N_ELEMENTS (catalog));

      for (gsize i = 0; i < G_N_ELEMENTS (catalog); i++)
        codes[i] = g_intern_static_string (catalog[i].code);
      g_once_init_leave (&interned, codes);
    }
  /* A catalog entry's place, found from its address; any other measure is interned here. */
  offset = (guintptr) measure - (guintptr) catalog;
  if ((guintptr) measure >= (guintptr) catalog && offset < sizeof catalog
      && offset % sizeof catalog[0] == 0)
    return interned[offset / sizeof catalog[0]];
  return g_intern_string (measure->code);
}

const VastusMeasure *
vastus_catalog_lookup (const char *code)
{
  if (code == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (catalog); i++)
    if (g_str_equal (catalog[i].code, code))
      return &catalog[i];
  return NULL;
}

const char *
vastus_measure_get_label (const VastusMeasure *measure)
{
  return _(measure->label);
}

const char *
vastus_measure_get_short_label (const VastusMeasure *measure)
{
  return _(measure->short_label);
}

const char *
vastus_measure_get_convention (const VastusMeasure *measure)
{
  return measure->convention != NULL ? _(measure->convention) : NULL;
}

char *
vastus_measure_convention_note (const VastusMeasure *measure)
{
  if (measure->convention == NULL)
    return NULL;
  /* Translators: how a measure's values read, under a table of them: "Knee extension: 0° is
   * straight; 5 lacks 5° of extension; −5 hyperextends 5°." */
  return g_strdup_printf (_("%s: %s"), vastus_measure_get_label (measure),
                          vastus_measure_get_convention (measure));
}

gboolean
vastus_measure_accepts_unit (const VastusMeasure *measure,
                             const char          *unit)
{
  for (guint i = 0; unit != NULL && measure->input_units[i] != NULL; i++)
    if (g_str_equal (measure->input_units[i], unit))
      return TRUE;
  return FALSE;
}

VastusValueStanding
vastus_measure_check_value (const VastusMeasure *measure,
                            double               stored)
{
  if ((measure->hard_min_exclusive ? stored <= measure->hard_min : stored < measure->hard_min) ||
      stored > measure->hard_max || (measure->integer && stored != floor (stored)))
    return VASTUS_VALUE_IMPOSSIBLE;
  if (stored < measure->soft_min || stored > measure->soft_max)
    return VASTUS_VALUE_UNUSUAL;
  return VASTUS_VALUE_USUAL;
}

gboolean
vastus_measure_takes_trials (const VastusMeasure *measure)
{
  return measure->kind == VASTUS_VALUE_NUMBER && measure->combine != VASTUS_COMBINE_LAST;
}

const char *
vastus_measure_imperial_unit (const VastusMeasure *measure)
{
  if (measure->kind != VASTUS_VALUE_NUMBER)
    return NULL;
  if (g_str_equal (measure->unit, "N") && vastus_measure_accepts_unit (measure, "lbf"))
    return "lbf";
  if (g_str_equal (measure->unit, "cm") && vastus_measure_accepts_unit (measure, "in"))
    return "in";
  return NULL;
}

const char *
vastus_category_to_string (VastusCategory category)
{
  g_return_val_if_fail (category < VASTUS_N_CATEGORIES, NULL);
  return category_codes[category];
}

const char *
vastus_category_label (VastusCategory category)
{
  g_return_val_if_fail (category < VASTUS_N_CATEGORIES, NULL);
  return _(category_labels[category]);
}

const char *
vastus_combine_to_string (VastusCombine combine)
{
  static const char *names[] = { "max", "min", "mean", "last" };

  return names[combine];
}

const char *
vastus_better_to_string (VastusBetter better)
{
  return better == VASTUS_BETTER_HIGHER ? "higher" : "lower";
}

double
vastus_measure_combine (const VastusMeasure *measure,
                        const double        *values,
                        guint                n)
{
  double result;

  if (n == 0)
    return NAN;
  result = values[0];
  for (guint i = 1; i < n; i++)
    switch (measure->combine)
      {
      case VASTUS_COMBINE_MAX: result = MAX (result, values[i]); break;
      case VASTUS_COMBINE_MIN: result = MIN (result, values[i]); break;
      case VASTUS_COMBINE_MEAN: result += values[i]; break;
      case VASTUS_COMBINE_LAST: result = values[i]; break;
      default: g_assert_not_reached ();
      }
  if (measure->combine == VASTUS_COMBINE_MEAN)
    result /= n;
  return result;
}

int
vastus_measure_get_decimals (const VastusMeasure *measure,
                             const char          *unit,
                             double               value)
{
  if (unit == NULL)
    unit = measure->unit;
  if (g_str_equal (unit, "s"))
    return 2;
  if (g_str_equal (unit, "points") && fabs (value - round (value)) > 1e-9)
    return 1;
  if (measure->integer || g_str_equal (unit, "N") || g_str_equal (unit, "deg") ||
      g_str_equal (unit, "mm") || g_str_equal (unit, "points"))
    return 0;
  return 1;
}

char *
vastus_measure_format_value_decimals (const VastusMeasure *measure,
                                      double               stored,
                                      const char          *unit,
                                      int                  decimals)
{
  double value;
  const char *symbol;
  char buf[VASTUS_DISPLAY_NUMBER_SIZE];

  if (isnan (stored))
    return g_strdup ("—");
  /* A value that is not a grade or yes/no (being validated) shows as the number it is. */
  if (measure->kind == VASTUS_VALUE_GRADE &&
      stored == floor (stored) && stored >= VASTUS_GRADE_ZERO && stored <= VASTUS_GRADE_3PLUS)
    return g_strdup (vastus_grade_display ((VastusGrade) stored));
  if (measure->kind == VASTUS_VALUE_BOOL && (stored == 0 || stored == 1))
    /* Translators: a yes-or-no finding as a value (effusion present: yes) */
    return g_strdup (stored != 0 ? _("yes") : /* Translators: a yes-or-no finding as a value */ _("no"));
  if (measure->kind != VASTUS_VALUE_NUMBER)
    {
      char shown[VASTUS_DISPLAY_NUMBER_SIZE];
      return g_strdup (vastus_display_number_exact (stored, shown));
    }

  if (unit == NULL)
    unit = measure->unit;
  if (!vastus_unit_from_stored (unit, stored, &value))
    value = stored, unit = measure->unit;
  if (decimals < 0)
    decimals = vastus_measure_get_decimals (measure, unit, value);
  symbol = vastus_unit_symbol (unit);
  /* Display follows the user's locale (or the language pushed for a report). */
  vastus_display_number (value, decimals, buf);
  if (*symbol == '\0')
    return g_strdup (buf);
  if (g_str_equal (unit, "deg"))
    return g_strdup_printf ("%s%s", buf, symbol);
  return g_strdup_printf ("%s %s", buf, symbol);
}

char *
vastus_measure_format_value (const VastusMeasure *measure,
                             double               stored,
                             const char          *unit)
{
  return vastus_measure_format_value_decimals (measure, stored, unit, -1);
}
