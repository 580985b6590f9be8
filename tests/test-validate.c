/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "vastus-history.h"
#include "vastus-model-error.h"
#include "vastus-validate.h"
#include "vastus-value.h"

static GDate today;

static void
set_date (GDate *d, const char *text)
{
  g_assert_true (vastus_date_parse (text, d, NULL));
}

static VastusPatient *
make_patient (void)
{
  VastusPatient *p = vastus_patient_new ();

  p->mrn = g_strdup ("MRN-1");
  p->name = g_strdup ("Ada Example");
  set_date (&p->birth_date, "1990-05-01");
  return p;
}

static VastusEpisode *
make_episode (void)
{
  VastusEpisode *e = vastus_episode_new ();

  e->condition = VASTUS_CONDITION_ACLR;
  e->involved_side = VASTUS_SIDE_LEFT;
  set_date (&e->surgery_date, "2024-01-10");
  return e;
}

static VastusVisit *
make_visit (const char *date)
{
  VastusVisit *v = vastus_visit_new ();

  set_date (&v->date, date);
  return v;
}

/* Counts problems: hard and soft. */
static void
count (GPtrArray *problems, guint *hard, guint *soft)
{
  *hard = *soft = 0;
  for (guint i = 0; i < problems->len; i++)
    {
      VastusProblem *p = g_ptr_array_index (problems, i);
      if (p->soft)
        (*soft)++;
      else
        (*hard)++;
    }
}

static GPtrArray *
check_one (const char *code, VastusSide side, double value, const char *unit)
{
  g_autoptr(VastusPatient) p = make_patient ();
  g_autoptr(VastusEpisode) e = make_episode ();
  g_autoptr(VastusVisit) v = make_visit ("2024-03-01");

  vastus_visit_add_measurement (v, vastus_measurement_new (code, side, 1, value, unit));
  return vastus_visit_check (v, p, e, NULL, &today);
}

static void
expect (const char *code, double value, guint want_hard, guint want_soft)
{
  const VastusMeasure *m = vastus_catalog_lookup (code);
  g_autoptr(GPtrArray) problems =
    check_one (code, m->two_sided ? VASTUS_SIDE_LEFT : VASTUS_SIDE_NONE, value, m->unit);
  guint hard, soft;

  count (problems, &hard, &soft);
  if (hard != want_hard || soft != want_soft)
    g_error ("%s = %.17g: %u hard, %u soft problems; expected %u, %u", code, value, hard, soft,
             want_hard, want_soft);
}

/* Every measure's hard and soft limits, at and beyond each bound. */
static void
test_every_limit (void)
{
  for (guint i = 0; i < vastus_catalog_get_n_measures (); i++)
    {
      const VastusMeasure *m = vastus_catalog_get_nth (i);
      double step = m->integer ? 1 : 0.001;

      /* At the hard minimum: rejected only when the minimum is exclusive. */
      expect (m->code, m->hard_min, m->hard_min_exclusive ? 1 : 0,
              !m->hard_min_exclusive && m->hard_min < m->soft_min ? 1 : 0);
      expect (m->code, m->hard_min - step, 1, 0);
      expect (m->code, m->hard_max, 0, m->hard_max > m->soft_max ? 1 : 0);
      expect (m->code, m->hard_max + step, 1, 0);
      /* Inside the soft range: nothing. */
      expect (m->code, m->soft_min + (m->hard_min_exclusive && m->soft_min == m->hard_min ? step : 0), 0, 0);
      expect (m->code, m->soft_max, 0, 0);
      /* Just outside the soft range, inside the hard range: a warning. */
      if (m->soft_max < m->hard_max)
        expect (m->code, m->soft_max + step, 0, 1);
      if (m->soft_min > m->hard_min)
        expect (m->code, m->soft_min - step, 0, 1);
    }
}

static void
test_hard_message_names_field_value_limit (void)
{
  g_autoptr(GPtrArray) problems = check_one ("thigh_girth_15", VASTUS_SIDE_LEFT, 160, "cm");
  g_autoptr(GError) error = NULL;
  VastusProblem *p;

  g_assert_cmpuint (problems->len, ==, 1);
  p = g_ptr_array_index (problems, 0);
  g_assert_false (p->soft);
  g_assert_cmpstr (p->field, ==, "thigh_girth_15/left/1");
  g_assert_cmpint (p->index, ==, 0);
  /* The value named as every message names one: short label, side (trial 1 unsaid). */
  g_assert_cmpstr (p->message, ==, "Thigh girth 15 cm, left: 160 cm is above the largest possible value, 150 cm.");
  g_assert_false (vastus_problems_to_error (problems, TRUE, &error));
  g_assert_error (error, VASTUS_VALIDATION_ERROR, VASTUS_VALIDATION_ERROR_HARD_LIMIT);
}

static void
test_message_in_entered_unit (void)
{
  /* 400 lbf = 1779.3 N, above 1500 N; the message speaks lbf: 1500 N = 337.21 lbf, said to
   * three significant digits, 337 lbf. */
  g_autoptr(GPtrArray) problems =
    check_one ("quadriceps_hhd", VASTUS_SIDE_RIGHT, 400 * 4.4482216152605, "lbf");
  g_autoptr(GPtrArray) unusual = NULL;
  g_autoptr(GPtrArray) girth = NULL;
  g_autoptr(GPtrArray) close = NULL;
  VastusProblem *p;

  g_assert_cmpuint (problems->len, ==, 1);
  p = g_ptr_array_index (problems, 0);
  g_assert_cmpstr (p->message, ==, "Quadriceps HHD, right: 400 lbf is above the largest possible value, 337 lbf.");
  /* The soft limits, 20 N and 1300 N: 4.4962 lbf, shown as lbf is (one decimal), 4.5 lbf, and
   * 292.25 lbf, three digits, 292 lbf. 300 lbf is over. */
  unusual = check_one ("quadriceps_hhd", VASTUS_SIDE_LEFT, 300 * 4.4482216152605, "lbf");
  g_assert_cmpuint (unusual->len, ==, 1);
  g_assert_cmpstr (((VastusProblem *) unusual->pdata[0])->message, ==,
                   "Quadriceps HHD, left: 300 lbf is unusual (expected 4.5 lbf to 292 lbf). Check it, then confirm.");
  /* Girth in inches: the hard limit 150 cm is 59.0551 in, 59.1 in. */
  girth = check_one ("thigh_girth_10", VASTUS_SIDE_LEFT, 62 * 2.54, "in");
  g_assert_cmpuint (girth->len, ==, 1);
  g_assert_nonnull (strstr (((VastusProblem *) girth->pdata[0])->message, "62 in is above the largest possible value, 59.1 in"));
  /* A limit that, rounded, reads as the value says more digits: 1300 N is 132.5631 kgf, three
   * digits 133 kgf, and 133 kgf (1304.28 N) is over it; 20 N is 2.0394 kgf, 2.0 kgf. */
  close = check_one ("quadriceps_hhd", VASTUS_SIDE_LEFT, 133 * 9.80665, "kgf");
  g_assert_cmpuint (close->len, ==, 1);
  g_assert_cmpstr (((VastusProblem *) close->pdata[0])->message, ==,
                   "Quadriceps HHD, left: 133 kgf is unusual (expected 2.0 kgf to 132.563 kgf). Check it, then confirm.");
}

static void
test_soft_can_be_confirmed (void)
{
  g_autoptr(GPtrArray) problems = check_one ("knee_flexion", VASTUS_SIDE_LEFT, 160, "deg");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (((VastusProblem *) g_ptr_array_index (problems, 0))->soft);
  g_assert_false (vastus_problems_to_error (problems, FALSE, &error));
  g_assert_error (error, VASTUS_VALIDATION_ERROR, VASTUS_VALIDATION_ERROR_SOFT_LIMIT);
  g_assert_true (vastus_problems_to_error (problems, TRUE, NULL));
}

static void
test_side_unit_trial (void)
{
  g_autoptr(GPtrArray) a = check_one ("quadriceps_hhd", VASTUS_SIDE_NONE, 300, "N");
  g_autoptr(GPtrArray) b = check_one ("pain_nrs", VASTUS_SIDE_LEFT, 3, "points");
  g_autoptr(GPtrArray) c = check_one ("quadriceps_hhd", VASTUS_SIDE_LEFT, 300, "Nm");
  g_autoptr(GPtrArray) d = check_one ("no_such_measure", VASTUS_SIDE_LEFT, 1, "N");
  g_autoptr(GPtrArray) e = check_one ("side_hop_30s", VASTUS_SIDE_LEFT, 20.5, "count");
  g_autoptr(GPtrArray) f = check_one ("single_hop", VASTUS_SIDE_LEFT, NAN, "cm");

  g_assert_cmpint (((VastusProblem *) a->pdata[0])->code, ==, VASTUS_VALIDATION_ERROR_SIDE);
  g_assert_cmpint (((VastusProblem *) b->pdata[0])->code, ==, VASTUS_VALIDATION_ERROR_SIDE);
  g_assert_cmpint (((VastusProblem *) c->pdata[0])->code, ==, VASTUS_VALIDATION_ERROR_UNIT);
  g_assert_nonnull (strstr (((VastusProblem *) c->pdata[0])->message, "N, lbf, kgf, kg"));
  g_assert_cmpint (((VastusProblem *) d->pdata[0])->code, ==, VASTUS_VALIDATION_ERROR_UNKNOWN_MEASURE);
  g_assert_cmpint (((VastusProblem *) e->pdata[0])->code, ==, VASTUS_VALIDATION_ERROR_HARD_LIMIT);
  g_assert_nonnull (strstr (((VastusProblem *) e->pdata[0])->message, "whole number"));
  g_assert_cmpint (((VastusProblem *) f->pdata[0])->code, ==, VASTUS_VALIDATION_ERROR_REQUIRED);
}

static void
test_test_conditions (void)
{
  g_autoptr(VastusPatient) p = make_patient ();
  g_autoptr(VastusEpisode) e = make_episode ();
  g_autoptr(VastusVisit) v = make_visit ("2024-03-01");
  VastusMeasurement *m = vastus_measurement_new ("quadriceps_mvic", VASTUS_SIDE_LEFT, 1, 150, "Nm");
  g_autoptr(GPtrArray) problems = NULL;

  m->knee_angle_deg = 200;
  m->velocity_deg_s = 0;
  m->lever_arm_m = 0.35;
  vastus_visit_add_measurement (v, m);
  problems = vastus_visit_check (v, p, e, NULL, &today);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (((VastusProblem *) problems->pdata[0])->message, "knee angle 200°"));
  g_assert_nonnull (strstr (((VastusProblem *) problems->pdata[1])->message, "velocity"));
}

/* A velocity that contradicts the measure is refused, whatever the import or the editor. */
static void
test_velocity_contradicts (void)
{
  static const struct
  {
    const char *measure;
    double      value;
    const char *unit;
    double      velocity;
    gboolean    refused;
    const char *says;       /* part of the message */
  } cases[] = {
    /* the case: 90 °/s on the 60 °/s measure */
    { "quadriceps_isokinetic_60", 150, "Nm", 90, TRUE, "velocity 90°/s contradicts the measure, which is tested at 60°/s" },
    { "hamstrings_isokinetic_300", 60, "Nm", 180, TRUE, "tested at 300°/s" },
    /* the measure's own velocity, or none recorded */
    { "quadriceps_isokinetic_60", 150, "Nm", 60, FALSE, NULL },
    { "quadriceps_isokinetic_180", 110, "Nm", NAN, FALSE, NULL },
    /* isometric and functional tests have no velocity */
    { "quadriceps_mvic", 150, "Nm", 60, TRUE, "a velocity (60°/s) contradicts the measure, which is not tested at a velocity" },
    { "quadriceps_hhd", 300, "N", 30, TRUE, "not tested at a velocity" },
    { "single_hop", 120, "cm", 60, TRUE, "not tested at a velocity" },
    /* out of range: said once, as out of range */
    { "quadriceps_isokinetic_60", 150, "Nm", 700, TRUE, "outside 0°/s to 600°/s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(VastusMeasurement) m = vastus_measurement_new (cases[i].measure, VASTUS_SIDE_LEFT, 1,
                                                               cases[i].value, cases[i].unit);
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_problem_free);

      g_test_message ("%s at %g", cases[i].measure, cases[i].velocity);
      m->velocity_deg_s = cases[i].velocity;
      vastus_measurement_check (m, 0, problems);
      g_assert_cmpuint (problems->len, ==, cases[i].refused ? 1 : 0);
      if (!cases[i].refused)
        continue;
      g_assert_false (((VastusProblem *) problems->pdata[0])->soft);
      g_assert_cmpint (((VastusProblem *) problems->pdata[0])->code, ==,
                       isnan (cases[i].velocity) || cases[i].velocity > 600
                       ? VASTUS_VALIDATION_ERROR_HARD_LIMIT : VASTUS_VALIDATION_ERROR_CONDITION);
      g_assert_nonnull (strstr (((VastusProblem *) problems->pdata[0])->message, cases[i].says));
    }
}

static void
test_duplicate_trial (void)
{
  g_autoptr(VastusPatient) p = make_patient ();
  g_autoptr(VastusEpisode) e = make_episode ();
  g_autoptr(VastusVisit) v = make_visit ("2024-03-01");
  g_autoptr(GPtrArray) problems = NULL;
  guint hard, soft;

  vastus_visit_add_measurement (v, vastus_measurement_new ("single_hop", VASTUS_SIDE_LEFT, 1, 120, "cm"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("single_hop", VASTUS_SIDE_LEFT, 2, 125, "cm"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("single_hop", VASTUS_SIDE_LEFT, 1, 121, "cm"));
  problems = vastus_visit_check (v, p, e, NULL, &today);
  count (problems, &hard, &soft);
  g_assert_cmpuint (hard, ==, 1);
  g_assert_cmpint (((VastusProblem *) problems->pdata[0])->index, ==, 2);
}

static void
test_side_difference_and_change (void)
{
  g_autoptr(VastusPatient) p = make_patient ();
  g_autoptr(VastusEpisode) e = make_episode ();
  g_autoptr(VastusVisit) before = make_visit ("2024-02-01");
  g_autoptr(VastusVisit) v = make_visit ("2024-03-01");
  g_autoptr(GPtrArray) problems = NULL;
  guint hard, soft;

  /* HHD: 140 N vs 300 N differ by 160 N > 50 % of 300 N = 150 N. */
  vastus_visit_add_measurement (v, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 140, "N"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 300, "N"));
  /* Girth: mean of trials 47 and 48 = 47.5 cm, 3.5 cm more than 44 cm last visit (> 3 cm). */
  vastus_visit_add_measurement (v, vastus_measurement_new ("thigh_girth_15", VASTUS_SIDE_LEFT, 1, 47, "cm"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("thigh_girth_15", VASTUS_SIDE_LEFT, 2, 48, "cm"));
  vastus_visit_add_measurement (before, vastus_measurement_new ("thigh_girth_15", VASTUS_SIDE_LEFT, 1, 44, "cm"));
  problems = vastus_visit_check (v, p, e, before, &today);
  count (problems, &hard, &soft);
  g_assert_cmpuint (hard, ==, 0);
  g_assert_cmpuint (soft, ==, 2);
  g_assert_cmpstr (((VastusProblem *) problems->pdata[0])->field, ==, "quadriceps_hhd");
  g_assert_cmpstr (((VastusProblem *) problems->pdata[1])->field, ==, "thigh_girth_15");

  /* 150 N vs 300 N: exactly 50 %, not more: no warning; 2.9 cm change: none. */
  g_ptr_array_set_size (v->measurements, 0);
  vastus_visit_add_measurement (v, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 150, "N"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 300, "N"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("thigh_girth_15", VASTUS_SIDE_LEFT, 1, 46.9, "cm"));
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = vastus_visit_check (v, p, e, before, &today);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* One message per bad value: a value its own check refuses or questions gives no side difference
 * and no change since the last visit besides; the other side's change still counts. */
static void
test_one_message_per_bad_value (void)
{
  g_autoptr(VastusPatient) p = make_patient ();
  g_autoptr(VastusEpisode) e = make_episode ();
  g_autoptr(VastusVisit) before = make_visit ("2024-02-01");
  g_autoptr(VastusVisit) v = make_visit ("2024-03-01");
  g_autoptr(GPtrArray) problems = NULL;
  const VastusProblem *only;

  /* Last visit: flexion 90° both sides. Now left 210° (impossible: 0 to 170°), right 130°:
   * without the rule, the left would also differ from the right and have changed by 120°.
   * The right changed by 40°, more than the 30° flexion may change between visits. */
  vastus_visit_add_measurement (before, vastus_measurement_new ("knee_flexion", VASTUS_SIDE_LEFT, 1, 90, "deg"));
  vastus_visit_add_measurement (before, vastus_measurement_new ("knee_flexion", VASTUS_SIDE_RIGHT, 1, 90, "deg"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("knee_flexion", VASTUS_SIDE_LEFT, 1, 210, "deg"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("knee_flexion", VASTUS_SIDE_RIGHT, 1, 130, "deg"));
  problems = vastus_visit_check (v, p, e, before, &today);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", ((VastusProblem *) problems->pdata[i])->message);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpstr (((VastusProblem *) problems->pdata[0])->message, ==,
                   "Flexion, left: 210° is above the largest possible value, 170°.");
  g_assert_cmpstr (((VastusProblem *) problems->pdata[1])->message, ==,
                   "Flexion, right: changed from 90° to 130° since the last visit, more than 30°. "
                   "Check it, then confirm.");

  /* An unusual value (HHD over 1300 N, typed 1400) is one warning: the 1000 N it differs from
   * the other side by says nothing more. */
  g_ptr_array_set_size (v->measurements, 0);
  vastus_visit_add_measurement (v, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 1400, "N"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 400, "N"));
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = vastus_visit_check (v, p, e, NULL, &today);
  g_assert_cmpuint (problems->len, ==, 1);
  only = problems->pdata[0];
  g_assert_true (only->soft);
  g_assert_cmpstr (only->field, ==, "quadriceps_hhd/left/1");
}

/* Figures derived from a visit (its safety flags) rest on possible values alone: pain 15 of 10
 * and flexion 400° (0° to 170° possible) are dropped, the possible ones kept as they were,
 * unusual ones too (flexion 160°, above 155° but possible), and a grade at its limit. */
static void
test_drop_impossible (void)
{
  g_autoptr(VastusVisit) v = make_visit ("2024-03-01");
  const VastusMeasurement *m;

  vastus_visit_add_measurement (v, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, 1, 15, "points"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("knee_flexion", VASTUS_SIDE_LEFT, 1, 400, "deg"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("knee_flexion", VASTUS_SIDE_RIGHT, 1, 160, "deg"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, 2, 10, "points"));
  vastus_visit_drop_impossible (v);
  g_assert_cmpuint (v->measurements->len, ==, 2);
  m = v->measurements->pdata[0];
  g_assert_cmpstr (m->measure, ==, "knee_flexion");
  g_assert_cmpint (m->side, ==, VASTUS_SIDE_RIGHT);
  g_assert_cmpfloat (m->value, ==, 160);
  m = v->measurements->pdata[1];
  g_assert_cmpstr (m->measure, ==, "pain_nrs");
  g_assert_cmpfloat (m->value, ==, 10);
}

static void
test_patient_rules (void)
{
  g_autoptr(VastusPatient) p = make_patient ();
  g_autoptr(GPtrArray) ok = vastus_patient_check (p, &today);
  g_autoptr(GPtrArray) a = NULL, b = NULL, c = NULL, d = NULL;
  guint hard, soft;

  g_assert_cmpuint (ok->len, ==, 0);
  g_free (p->mrn);
  p->mrn = g_strdup ("  ");
  g_clear_pointer (&p->name, g_free);
  a = vastus_patient_check (p, &today);
  g_assert_cmpuint (a->len, ==, 2);
  g_assert_cmpstr (((VastusProblem *) a->pdata[0])->field, ==, "mrn");
  g_assert_cmpstr (((VastusProblem *) a->pdata[1])->field, ==, "family_name");
  /* a family name alone is a name; blanks and commas are none */
  {
    static const struct { const char *family, *name; guint problems; } names[] = {
      { "Berg", NULL, 0 },
      { NULL, "Berg, Jonas", 0 },
      { NULL, "Cher", 0 },
      { "  ", NULL, 1 },
      { NULL, " , ", 1 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr(VastusPatient) n = make_patient ();
        g_autoptr(GPtrArray) problems = NULL;

        g_free (n->name);
        n->name = g_strdup (names[i].name);
        n->family_name = g_strdup (names[i].family);
        problems = vastus_patient_check (n, &today);
        g_assert_cmpuint (problems->len, ==, names[i].problems);
      }
  }

  g_clear_pointer (&p, vastus_patient_free);
  p = make_patient ();
  set_date (&p->birth_date, "2024-06-02");           /* after today */
  b = vastus_patient_check (p, &today);
  count (b, &hard, &soft);
  g_assert_cmpuint (hard, ==, 1);
  set_date (&p->birth_date, "1903-01-01");           /* 121 years */
  c = vastus_patient_check (p, &today);
  count (c, &hard, &soft);
  g_assert_cmpuint (hard, ==, 1);
  set_date (&p->birth_date, "1920-01-01");           /* 104 years: unusual */
  d = vastus_patient_check (p, &today);
  count (d, &hard, &soft);
  g_assert_cmpuint (hard, ==, 0);
  g_assert_cmpuint (soft, ==, 1);
}

static void
test_episode_and_visit_dates (void)
{
  g_autoptr(VastusPatient) p = make_patient ();
  g_autoptr(VastusEpisode) e = make_episode ();
  g_autoptr(VastusVisit) future = make_visit ("2024-06-02");
  g_autoptr(VastusVisit) unborn = make_visit ("1990-04-30");
  g_autoptr(VastusVisit) on_today = make_visit ("2024-06-01");
  g_autoptr(GPtrArray) a = NULL, b = NULL, c = NULL, d = NULL, f = NULL, g = NULL;

  set_date (&e->surgery_date, "1989-01-01");
  a = vastus_episode_check (e, p, &today);
  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpstr (((VastusProblem *) a->pdata[0])->field, ==, "surgery_date");
  g_assert_cmpint (((VastusProblem *) a->pdata[0])->code, ==, VASTUS_VALIDATION_ERROR_DATE);

  set_date (&e->surgery_date, "2025-06-01");   /* planned, exactly one year ahead: allowed */
  b = vastus_episode_check (e, p, &today);
  g_assert_cmpuint (b->len, ==, 0);
  set_date (&e->surgery_date, "2025-06-02");
  c = vastus_episode_check (e, p, &today);
  g_assert_cmpuint (c->len, ==, 1);

  set_date (&e->surgery_date, "2024-01-10");
  set_date (&e->injury_date, "2024-02-01");    /* surgery before injury: a warning */
  d = vastus_episode_check (e, p, &today);
  g_assert_cmpuint (d->len, ==, 1);
  g_assert_true (((VastusProblem *) d->pdata[0])->soft);

  f = vastus_visit_check (future, p, e, NULL, &today);
  g_assert_cmpuint (f->len, ==, 1);
  g_assert_cmpstr (((VastusProblem *) f->pdata[0])->field, ==, "visit_date");
  g = vastus_visit_check (unborn, p, e, NULL, &today);
  g_assert_cmpuint (g->len, ==, 1);
  g_clear_pointer (&g, g_ptr_array_unref);
  g = vastus_visit_check (on_today, p, e, NULL, &today);
  g_assert_cmpuint (g->len, ==, 0);
}

static void
test_body_mass_height (void)
{
  g_autoptr(VastusPatient) p = make_patient ();
  g_autoptr(VastusEpisode) e = make_episode ();
  g_autoptr(VastusVisit) v = make_visit ("2024-03-01");
  g_autoptr(GPtrArray) a = NULL, b = NULL, c = NULL;
  guint hard, soft;

  v->body_mass_kg = 0;
  v->height_cm = 260;
  a = vastus_visit_check (v, p, e, NULL, &today);
  count (a, &hard, &soft);
  g_assert_cmpuint (hard, ==, 2);
  v->body_mass_kg = 250;
  v->height_cm = 90;
  b = vastus_visit_check (v, p, e, NULL, &today);
  count (b, &hard, &soft);
  g_assert_cmpuint (hard, ==, 0);
  g_assert_cmpuint (soft, ==, 2);
  v->body_mass_kg = 72.5;
  v->height_cm = 171;
  c = vastus_visit_check (v, p, e, NULL, &today);
  g_assert_cmpuint (c->len, ==, 0);
}

/* The one trial rule: 1 to VASTUS_MAX_TRIALS (100), the schema's CHECK. */
static void
test_trial_limit (void)
{
  g_autoptr(VastusPatient) p = make_patient ();
  g_autoptr(VastusEpisode) e = make_episode ();
  g_autoptr(VastusVisit) v = make_visit ("2024-03-01");
  g_autoptr(GPtrArray) problems = NULL;
  guint hard, soft;

  g_assert_cmpint (VASTUS_MAX_TRIALS, ==, 100);
  vastus_visit_add_measurement (v, vastus_measurement_new ("single_hop", VASTUS_SIDE_LEFT, 100, 120, "cm"));
  problems = vastus_visit_check (v, p, e, NULL, &today);
  g_assert_cmpuint (problems->len, ==, 0);

  g_clear_pointer (&problems, g_ptr_array_unref);
  vastus_visit_add_measurement (v, vastus_measurement_new ("single_hop", VASTUS_SIDE_LEFT, 101, 120, "cm"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("single_hop", VASTUS_SIDE_LEFT, 0, 120, "cm"));
  problems = vastus_visit_check (v, p, e, NULL, &today);
  count (problems, &hard, &soft);
  g_assert_cmpuint (hard, ==, 2);
  g_assert_cmpint (((VastusProblem *) problems->pdata[0])->index, ==, 1);
  g_assert_nonnull (strstr (((VastusProblem *) problems->pdata[0])->message, "trial 101"));
  g_assert_nonnull (strstr (((VastusProblem *) problems->pdata[0])->message, "1 to 100"));
  g_assert_cmpint (((VastusProblem *) problems->pdata[1])->index, ==, 2);
}

/* Every trial counts, however many (history used to keep the first 64 and drop the rest). */
static void
test_trials_combined (void)
{
  g_autoptr(VastusPatient) p = make_patient ();
  g_autoptr(VastusEpisode) e = make_episode ();
  g_autoptr(VastusVisit) v = make_visit ("2024-03-01");
  g_autoptr(GPtrArray) problems = NULL;

  /* Pain: 65 trials, 9/10 in trials 1–64 and 1/10 in trial 65. The catalog keeps the last
   * (highest trial number): 1. Stored in reverse, so that order in storage does not matter. */
  for (int t = 65; t >= 1; t--)
    vastus_visit_add_measurement (v, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, t,
                                                             t == 65 ? 1 : 9, "points"));
  g_assert_cmpfloat (vastus_visit_combined (v, "pain_nrs", VASTUS_SIDE_NONE, VASTUS_TRIALS_ALL), ==, 1);

  /* Quadriceps: 70 trials of 100 N on the left, the 70th 300 N; max = 300 N. The right side
   * is 300 N: no side difference, as the validator (the same combination) sees it too. */
  for (int t = 1; t <= 70; t++)
    vastus_visit_add_measurement (v, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_LEFT, t,
                                                             t == 70 ? 300 : 100, "N"));
  vastus_visit_add_measurement (v, vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 300, "N"));
  g_assert_cmpfloat (vastus_visit_combined (v, "quadriceps_hhd", VASTUS_SIDE_LEFT, VASTUS_TRIALS_ALL), ==, 300);
  g_assert_true (vastus_visit_first_trial (v, "pain_nrs", VASTUS_SIDE_NONE)->trial == 1);
  problems = vastus_visit_check (v, p, e, NULL, &today);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", ((VastusProblem *) problems->pdata[i])->message);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* Control characters in names and text, and MRNs that would not match themselves. */
static void
test_text_hygiene (void)
{
  static const struct { const char *mrn; const char *name; const char *notes; const char *field; const char *says; } patients[] = {
    { "MRN-1", "Ada\x1b]0;pwned\x07", NULL, "name", "U+001B (escape) at character 4" },
    { "MRN-1", "Ada\tExample", NULL, "name", "U+0009" },
    { "MRN-1", "Ada\xc2\x9b" "2J", NULL, "name", "U+009B" },
    { "MRN-1", "Ada\x7f", NULL, "name", "U+007F" },
    { "MRN-1", "Ada", "line one\x07", "notes", "U+0007" },
    { " MRN-1", "Ada", NULL, "mrn", "begins with a space" },
    { "MRN-1 ", "Ada", NULL, "mrn", "ends with a space" },
    { "MRN-1\xc2\xa0", "Ada", NULL, "mrn", "ends with a space" },
    { "MRN\n1", "Ada", NULL, "mrn", "U+000A (a line break)" },
    { "M1234567890123456789012345678901234567890123456789012345678901234", "Ada", NULL, "mrn",
      "65 characters long; the limit is 64" },
  };
  g_autoptr(VastusPatient) p = make_patient ();
  g_autoptr(VastusEpisode) e = make_episode ();
  g_autoptr(VastusVisit) v = make_visit ("2024-03-01");
  g_autoptr(GPtrArray) fine = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (patients); i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      const VastusProblem *problem;

      g_free (p->mrn);
      g_free (p->name);
      g_free (p->notes);
      p->mrn = g_strdup (patients[i].mrn);
      p->name = g_strdup (patients[i].name);
      p->notes = g_strdup (patients[i].notes);
      problems = vastus_patient_check (p, &today);
      g_assert_cmpuint (problems->len, ==, 1);
      problem = problems->pdata[0];
      g_test_message ("%s", problem->message);
      g_assert_false (problem->soft);
      g_assert_cmpint (problem->code, ==, VASTUS_VALIDATION_ERROR_TEXT);
      g_assert_cmpstr (problem->field, ==, patients[i].field);
      g_assert_nonnull (strstr (problem->message, patients[i].says));
    }

  /* 64 characters (ü is one) and multi-line notes are fine. */
  g_free (p->mrn);
  g_free (p->name);
  g_free (p->notes);
  p->mrn = g_strdup ("ü123456789012345678901234567890123456789012345678901234567890123");
  p->name = g_strdup ("Ünal Müller-O'Brien");
  p->notes = g_strdup ("first line\r\nsecond\tline");
  fine = vastus_patient_check (p, &today);
  g_assert_cmpuint (fine->len, ==, 0);

  /* Episode and visit text. */
  e->surgeon = g_strdup ("Dr\x1b[2J");
  e->restrictions = g_strdup ("no running\nno jumping");
  {
    g_autoptr(GPtrArray) problems = vastus_episode_check (e, p, &today);

    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_cmpstr (((VastusProblem *) problems->pdata[0])->field, ==, "surgeon");
  }
  v->clinician = g_strdup ("Dr\nSmith");
  v->notes = g_strdup ("fine\nnotes");
  {
    g_autoptr(GPtrArray) problems = vastus_visit_check (v, p, e, NULL, &today);

    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_cmpstr (((VastusProblem *) problems->pdata[0])->field, ==, "clinician");
  }
}

/* A value far beyond the limit is named as it is, never as "inf". */
static void
test_huge_value (void)
{
  g_autoptr(GPtrArray) problems = check_one ("quadriceps_hhd", VASTUS_SIDE_LEFT, 1e308, "N");
  const char *message = ((VastusProblem *) problems->pdata[0])->message;

  g_test_message ("%s", message);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_null (strstr (message, "inf"));
  g_assert_nonnull (strstr (message, "1e+308 N"));
  g_assert_nonnull (strstr (message, "1500 N"));
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  set_date (&today, "2024-06-01");
  g_test_add_func ("/model/validate/every-limit", test_every_limit);
  g_test_add_func ("/model/validate/trial-limit", test_trial_limit);
  g_test_add_func ("/model/validate/trials-combined", test_trials_combined);
  g_test_add_func ("/model/validate/text-hygiene", test_text_hygiene);
  g_test_add_func ("/model/validate/huge-value", test_huge_value);
  g_test_add_func ("/model/validate/hard-message", test_hard_message_names_field_value_limit);
  g_test_add_func ("/model/validate/entered-unit", test_message_in_entered_unit);
  g_test_add_func ("/model/validate/soft-confirm", test_soft_can_be_confirmed);
  g_test_add_func ("/model/validate/side-unit-trial", test_side_unit_trial);
  g_test_add_func ("/model/validate/test-conditions", test_test_conditions);
  g_test_add_func ("/model/validate/velocity-contradicts", test_velocity_contradicts);
  g_test_add_func ("/model/validate/duplicate-trial", test_duplicate_trial);
  g_test_add_func ("/model/validate/side-difference-change", test_side_difference_and_change);
  g_test_add_func ("/model/validate/one-message-per-bad-value", test_one_message_per_bad_value);
  g_test_add_func ("/model/validate/drop-impossible", test_drop_impossible);
  g_test_add_func ("/model/validate/patient", test_patient_rules);
  g_test_add_func ("/model/validate/dates", test_episode_and_visit_dates);
  g_test_add_func ("/model/validate/body-mass-height", test_body_mass_height);
  return g_test_run ();
}
