/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "vastus-catalog.h"
#include "vastus-demo.h"
#include "vastus-validate.h"
#include "vastus-value.h"

static const char *todays[] = { "2026-11-21", "2024-02-29", "2031-01-01" };

static GPtrArray *
build (const char *today_text,
       GDate      *today)
{
  g_autoptr(GError) error = NULL;

  vastus_date_parse (today_text, today, &error);
  g_assert_no_error (error);
  return vastus_demo_build (today);
}

static VastusDemoPatient *
find_condition (GPtrArray       *patients,
                VastusCondition  condition)
{
  for (guint i = 0; i < patients->len; i++)
    {
      VastusDemoPatient *p = g_ptr_array_index (patients, i);
      VastusDemoEpisode *e = g_ptr_array_index (p->episodes, 0);

      if (e->episode->condition == condition)
        return p;
    }
  g_assert_not_reached ();
  return NULL;
}

/* The combined value (catalog rule) of @code on @side, NAN if not measured. */
static double
combined (const VastusVisit *visit,
          const char        *code,
          VastusSide         side,
          gboolean          *baseline)
{
  const VastusMeasure *measure = vastus_catalog_lookup (code);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  g_assert_nonnull (measure);
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

      if (m->side == side && g_str_equal (m->measure, code))
        {
          g_array_append_val (values, m->value);
          if (baseline != NULL)
            *baseline = m->baseline;
        }
    }
  return vastus_measure_combine (measure, (double *) values->data, values->len);
}

static void
test_demo_patients (void)
{
  GDate today;
  g_autoptr(GPtrArray) patients = build (todays[0], &today);
  g_autoptr(GHashTable) mrns = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (patients->len, ==, 3);
  for (guint i = 0; i < patients->len; i++)
    {
      VastusDemoPatient *p = g_ptr_array_index (patients, i);

      g_assert_true (p->patient->demo);
      g_assert_cmpint (p->patient->id, ==, 0);
      g_assert_true (g_hash_table_add (mrns, p->patient->mrn));
      g_assert_cmpuint (p->episodes->len, ==, 1);
    }
  g_assert_nonnull (find_condition (patients, VASTUS_CONDITION_ACLR));
  g_assert_nonnull (find_condition (patients, VASTUS_CONDITION_PFP));
  g_assert_nonnull (find_condition (patients, VASTUS_CONDITION_TKA));
}

static void
test_demo_valid (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (todays); t++)
    {
      GDate today;
      g_autoptr(GPtrArray) patients = build (todays[t], &today);

      for (guint i = 0; i < patients->len; i++)
        {
          VastusDemoPatient *p = g_ptr_array_index (patients, i);
          g_autoptr(GPtrArray) pp = vastus_patient_check (p->patient, &today);
          g_autoptr(GError) error = NULL;

          /* Demo patients must not even need a confirmation. */
          vastus_problems_to_error (pp, FALSE, &error);
          g_assert_no_error (error);

          for (guint j = 0; j < p->episodes->len; j++)
            {
              VastusDemoEpisode *e = g_ptr_array_index (p->episodes, j);
              g_autoptr(GPtrArray) ep = vastus_episode_check (e->episode, p->patient, &today);
              const VastusVisit *previous = NULL;

              vastus_problems_to_error (ep, FALSE, &error);
              g_assert_no_error (error);
              g_assert_cmpuint (e->visits->len, >=, 7);

              for (guint k = 0; k < e->visits->len; k++)
                {
                  const VastusVisit *visit = g_ptr_array_index (e->visits, k);
                  g_autoptr(GPtrArray) vp = vastus_visit_check (visit, p->patient, e->episode,
                                                                previous, &today);

                  if (!vastus_problems_to_error (vp, TRUE, &error))
                    g_test_message ("%s, visit %u: %s", p->patient->mrn, k, error->message);
                  g_assert_no_error (error);
                  g_assert_true (g_date_valid (&visit->date));
                  g_assert_cmpint (g_date_compare (&visit->date, &today), <=, 0);
                  if (previous != NULL)
                    g_assert_cmpint (g_date_compare (&previous->date, &visit->date), <, 0);
                  g_assert_false (isnan (visit->body_mass_kg));
                  g_assert_false (isnan (visit->height_cm));
                  g_assert_cmpuint (visit->measurements->len, >, 0);
                  previous = visit;
                }
            }
        }
    }
}

static void
test_demo_aclr_baseline (void)
{
  GDate today;
  g_autoptr(GPtrArray) patients = build (todays[0], &today);
  VastusDemoPatient *p = find_condition (patients, VASTUS_CONDITION_ACLR);
  VastusDemoEpisode *e = g_ptr_array_index (p->episodes, 0);
  guint n_baseline_visits = 0;

  g_assert_true (g_date_valid (&e->episode->surgery_date));
  g_assert_cmpint (e->episode->involved_side, ==, VASTUS_SIDE_LEFT);
  for (guint k = 0; k < e->visits->len; k++)
    {
      const VastusVisit *visit = g_ptr_array_index (e->visits, k);
      gboolean before = g_date_compare (&visit->date, &e->episode->surgery_date) < 0;

      for (guint i = 0; i < visit->measurements->len; i++)
        {
          const VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

          /* Baselines are pre-operative, and only pre-operative measurements are baselines. */
          g_assert_cmpint (m->baseline, ==, before);
        }
      if (before)
        {
          gboolean left_baseline = FALSE, right_baseline = FALSE;

          n_baseline_visits++;
          g_assert_false (isnan (combined (visit, "quadriceps_mvic", VASTUS_SIDE_LEFT, &left_baseline)));
          g_assert_false (isnan (combined (visit, "quadriceps_mvic", VASTUS_SIDE_RIGHT, &right_baseline)));
          g_assert_true (left_baseline && right_baseline);
          g_assert_false (isnan (combined (visit, "thigh_girth_15", VASTUS_SIDE_LEFT, NULL)));
          /* No hop tests before surgery. */
          g_assert_true (isnan (combined (visit, "single_hop", VASTUS_SIDE_LEFT, NULL)));
        }
    }
  g_assert_cmpuint (n_baseline_visits, ==, 1);
  g_assert_true (g_date_compare (&((VastusVisit *) g_ptr_array_index (e->visits, 0))->date,
                                 &e->episode->surgery_date) < 0);
}

/* Quadriceps LSI (MVIC, max of trials, involved ÷ uninvolved) rises after surgery and ends ≥ 85 %;
 * hop LSIs start at about 4 months and rise too. */
static void
test_demo_aclr_progress (void)
{
  GDate today;
  g_autoptr(GPtrArray) patients = build (todays[0], &today);
  VastusDemoPatient *p = find_condition (patients, VASTUS_CONDITION_ACLR);
  VastusDemoEpisode *e = g_ptr_array_index (p->episodes, 0);
  double first_lsi = NAN, last_lsi = NAN, previous_lsi = 0;
  double first_hop = NAN, last_hop = NAN;
  double first_hop_weeks = NAN;
  double last_weeks = 0;

  for (guint k = 0; k < e->visits->len; k++)
    {
      const VastusVisit *visit = g_ptr_array_index (e->visits, k);
      double weeks = vastus_date_weeks_between (&e->episode->surgery_date, &visit->date);
      double inv = combined (visit, "quadriceps_mvic", VASTUS_SIDE_LEFT, NULL);
      double uninv = combined (visit, "quadriceps_mvic", VASTUS_SIDE_RIGHT, NULL);
      double hop_inv = combined (visit, "single_hop", VASTUS_SIDE_LEFT, NULL);
      double hop_uninv = combined (visit, "single_hop", VASTUS_SIDE_RIGHT, NULL);

      if (weeks <= 0)
        continue;
      last_weeks = weeks;
      if (!isnan (inv) && !isnan (uninv))
        {
          double lsi = inv / uninv * 100;

          if (isnan (first_lsi))
            first_lsi = lsi;
          last_lsi = lsi;
          g_assert_cmpfloat (lsi, >=, previous_lsi);
          previous_lsi = lsi;
        }
      if (!isnan (hop_inv) && !isnan (hop_uninv))
        {
          if (isnan (first_hop))
            first_hop = hop_inv / hop_uninv * 100, first_hop_weeks = weeks;
          last_hop = hop_inv / hop_uninv * 100;
        }
    }
  g_assert_cmpfloat (first_lsi, <, 65);
  g_assert_cmpfloat (last_lsi, >, first_lsi);
  g_assert_cmpfloat (last_lsi, >=, 85);
  g_assert_cmpfloat (last_lsi, <=, 100);
  g_assert_cmpfloat (first_hop_weeks, >=, 15);
  g_assert_cmpfloat (first_hop, <, 80);
  g_assert_cmpfloat (last_hop, >=, 88);
  g_assert_cmpfloat (last_weeks, >=, 34);   /* followed for about nine months */
}

static void
test_demo_tka_progress (void)
{
  GDate today;
  g_autoptr(GPtrArray) patients = build (todays[0], &today);
  VastusDemoPatient *p = find_condition (patients, VASTUS_CONDITION_TKA);
  VastusDemoEpisode *e = g_ptr_array_index (p->episodes, 0);
  const VastusVisit *first = NULL, *last = g_ptr_array_index (e->visits, e->visits->len - 1);

  for (guint k = 0; k < e->visits->len && first == NULL; k++)
    {
      const VastusVisit *visit = g_ptr_array_index (e->visits, k);

      if (g_date_compare (&visit->date, &e->episode->surgery_date) > 0)
        first = visit;
    }
  g_assert_nonnull (first);
  g_assert_cmpint (e->episode->involved_side, ==, VASTUS_SIDE_RIGHT);
  g_assert_cmpfloat (combined (first, "knee_flexion", VASTUS_SIDE_RIGHT, NULL), ==, 80);
  g_assert_cmpfloat (combined (last, "knee_flexion", VASTUS_SIDE_RIGHT, NULL), ==, 115);
  g_assert_cmpfloat (combined (first, "knee_extension", VASTUS_SIDE_RIGHT, NULL), ==, 10);
  g_assert_cmpfloat (combined (last, "knee_extension", VASTUS_SIDE_RIGHT, NULL), ==, 2);
  g_assert_cmpfloat (combined (last, "tug", VASTUS_SIDE_NONE, NULL), <,
                     combined (first, "tug", VASTUS_SIDE_NONE, NULL));
  g_assert_cmpfloat (combined (last, "chair_stand_30s", VASTUS_SIDE_NONE, NULL), >,
                     combined (first, "chair_stand_30s", VASTUS_SIDE_NONE, NULL));
  g_assert_cmpfloat (combined (last, "knee_girth_midpatella", VASTUS_SIDE_RIGHT, NULL), <,
                     combined (first, "knee_girth_midpatella", VASTUS_SIDE_RIGHT, NULL));
  g_assert_cmpfloat (vastus_date_weeks_between (&e->episode->surgery_date, &last->date), ==, 12);
}

static void
test_demo_pfp_progress (void)
{
  GDate today;
  g_autoptr(GPtrArray) patients = build (todays[0], &today);
  VastusDemoPatient *p = find_condition (patients, VASTUS_CONDITION_PFP);
  VastusDemoEpisode *e = g_ptr_array_index (p->episodes, 0);
  const VastusVisit *first = g_ptr_array_index (e->visits, 0);
  const VastusVisit *last = g_ptr_array_index (e->visits, e->visits->len - 1);
  int days = g_date_days_between (&first->date, &last->date);

  g_assert_false (g_date_valid (&e->episode->surgery_date));
  g_assert_cmpint (days, >=, 80);
  g_assert_cmpint (days, <=, 100);
  g_assert_cmpfloat (combined (first, "step_down_valgus", VASTUS_SIDE_RIGHT, NULL), ==, 1);
  g_assert_cmpfloat (combined (last, "step_down_valgus", VASTUS_SIDE_RIGHT, NULL), ==, 0);
  g_assert_cmpfloat (combined (last, "kujala", VASTUS_SIDE_NONE, NULL) -
                     combined (first, "kujala", VASTUS_SIDE_NONE, NULL), >=, 8);
  g_assert_cmpfloat (combined (first, "pain_nrs", VASTUS_SIDE_NONE, NULL) -
                     combined (last, "pain_nrs", VASTUS_SIDE_NONE, NULL), >=, 2);
  for (guint s = 0; s < 2; s++)
    {
      const char *code = s == 0 ? "hip_abduction_hhd" : "hip_external_rotation_hhd";
      double lsi_first = combined (first, code, VASTUS_SIDE_RIGHT, NULL) /
                         combined (first, code, VASTUS_SIDE_LEFT, NULL);
      double lsi_last = combined (last, code, VASTUS_SIDE_RIGHT, NULL) /
                        combined (last, code, VASTUS_SIDE_LEFT, NULL);

      g_assert_cmpfloat (lsi_first, <, 0.8);
      g_assert_cmpfloat (lsi_last, >, 0.9);
    }
}

static void
assert_visits_equal (const VastusVisit *a,
                     const VastusVisit *b)
{
  g_assert_cmpint (g_date_compare (&a->date, &b->date), ==, 0);
  g_assert_cmpstr (a->clinician, ==, b->clinician);
  g_assert_cmpstr (a->notes, ==, b->notes);
  g_assert_cmpfloat (a->body_mass_kg, ==, b->body_mass_kg);
  g_assert_cmpfloat (a->height_cm, ==, b->height_cm);
  g_assert_cmpuint (a->measurements->len, ==, b->measurements->len);
  for (guint i = 0; i < a->measurements->len; i++)
    {
      const VastusMeasurement *ma = g_ptr_array_index (a->measurements, i);
      const VastusMeasurement *mb = g_ptr_array_index (b->measurements, i);

      g_assert_cmpstr (ma->measure, ==, mb->measure);
      g_assert_cmpint (ma->side, ==, mb->side);
      g_assert_cmpint (ma->trial, ==, mb->trial);
      g_assert_cmpfloat (ma->value, ==, mb->value);
      g_assert_cmpstr (ma->unit, ==, mb->unit);
      g_assert_cmpint (ma->baseline, ==, mb->baseline);
      g_assert_cmpstr (ma->fixation, ==, mb->fixation);
      g_assert_true (ma->knee_angle_deg == mb->knee_angle_deg ||
                     (isnan (ma->knee_angle_deg) && isnan (mb->knee_angle_deg)));
    }
}

static void
test_demo_deterministic (void)
{
  GDate today;
  g_autoptr(GPtrArray) one = build (todays[0], &today);
  g_autoptr(GPtrArray) two = build (todays[0], &today);
  guint n_trials_differing = 0;

  g_assert_cmpuint (one->len, ==, two->len);
  for (guint i = 0; i < one->len; i++)
    {
      VastusDemoPatient *a = g_ptr_array_index (one, i), *b = g_ptr_array_index (two, i);

      g_assert_cmpstr (a->patient->mrn, ==, b->patient->mrn);
      g_assert_cmpstr (a->patient->name, ==, b->patient->name);
      g_assert_cmpint (g_date_compare (&a->patient->birth_date, &b->patient->birth_date), ==, 0);
      g_assert_cmpuint (a->episodes->len, ==, b->episodes->len);
      for (guint j = 0; j < a->episodes->len; j++)
        {
          VastusDemoEpisode *ea = g_ptr_array_index (a->episodes, j);
          VastusDemoEpisode *eb = g_ptr_array_index (b->episodes, j);

          g_assert_cmpuint (ea->visits->len, ==, eb->visits->len);
          for (guint k = 0; k < ea->visits->len; k++)
            {
              const VastusVisit *va = g_ptr_array_index (ea->visits, k);

              assert_visits_equal (va, g_ptr_array_index (eb->visits, k));
              /* Trials scatter: not every trial of a strength test is the same. */
              for (guint m = 1; m < va->measurements->len; m++)
                {
                  const VastusMeasurement *x = g_ptr_array_index (va->measurements, m - 1);
                  const VastusMeasurement *y = g_ptr_array_index (va->measurements, m);

                  if (g_str_equal (x->measure, y->measure) && x->side == y->side &&
                      x->value != y->value)
                    n_trials_differing++;
                }
            }
        }
    }
  g_assert_cmpuint (n_trials_differing, >, 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo/patients", test_demo_patients);
  g_test_add_func ("/demo/valid", test_demo_valid);
  g_test_add_func ("/demo/aclr-baseline", test_demo_aclr_baseline);
  g_test_add_func ("/demo/aclr-progress", test_demo_aclr_progress);
  g_test_add_func ("/demo/tka-progress", test_demo_tka_progress);
  g_test_add_func ("/demo/pfp-progress", test_demo_pfp_progress);
  g_test_add_func ("/demo/deterministic", test_demo_deterministic);
  return g_test_run ();
}
