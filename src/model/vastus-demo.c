/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "vastus-demo"

#include "config.h"

#include <math.h>

#include "vastus-demo.h"
#include "vastus-value.h"

/* Values follow clinical-reference.md: §1.1 quadriceps strength and LSI after ACLR, §1.3 hip
 * strength in PFP, §1.5 effusion grades, §1.6 ROM after TKA (Ebert 2014), §1.8 hop tests,
 * §1.9 TUG and chair stand, §1.10 questionnaires, §3.1–3.2 and §3.10–3.11 milestones. */

#define NA NAN

typedef struct
{
  VastusVisit *visit;
  GRand       *rand;
  gboolean     baseline;
} Builder;

void
vastus_demo_episode_free (VastusDemoEpisode *episode)
{
  if (episode == NULL)
    return;
  g_clear_pointer (&episode->episode, vastus_episode_free);
  g_clear_pointer (&episode->visits, g_ptr_array_unref);
  g_free (episode);
}

void
vastus_demo_patient_free (VastusDemoPatient *patient)
{
  if (patient == NULL)
    return;
  g_clear_pointer (&patient->patient, vastus_patient_free);
  g_clear_pointer (&patient->episodes, g_ptr_array_unref);
  g_free (patient);
}

static void
date_add_days (GDate       *out,
               const GDate *base,
               int          days)
{
  *out = *base;
  if (days >= 0)
    g_date_add_days (out, (guint) days);
  else
    g_date_subtract_days (out, (guint) -days);
}

static double
round_to (double value,
          double step)
{
  return round (value / step) * step;
}

static VastusMeasurement *
add_one (Builder    *b,
         const char *code,
         VastusSide  side,
         int         trial,
         double      value,
         const char *unit)
{
  VastusMeasurement *m = vastus_measurement_new (code, side, trial, value, unit);

  m->baseline = b->baseline;
  vastus_visit_add_measurement (b->visit, m);
  return m;
}

static void
add_value (Builder    *b,
           const char *code,
           VastusSide  side,
           double      value,
           const char *unit)
{
  if (!isnan (value))
    add_one (b, code, side, 1, value, unit);
}

/* Strength: @n trials whose best (the catalog combines them with max) is @best; the others
 * fall 2–8 % short, in an order the seeded generator picks. */
static void
add_strength (Builder    *b,
              const char *code,
              VastusSide  side,
              double      best,
              const char *unit,
              double      step,
              guint       n,
              double      knee_angle_deg,
              double      lever_arm_m)
{
  guint best_trial;

  if (isnan (best))
    return;
  best = round_to (best, step);
  best_trial = (guint) g_rand_int_range (b->rand, 0, (gint32) n);
  for (guint i = 0; i < n; i++)
    {
      double value = best;
      VastusMeasurement *m;

      if (i != best_trial)
        value = round_to (best * (1.0 - g_rand_double_range (b->rand, 0.02, 0.08)), step);
      m = add_one (b, code, side, (int) i + 1, value, unit);
      m->knee_angle_deg = knee_angle_deg;
      if (!isnan (lever_arm_m))
        {
          m->lever_arm_m = lever_arm_m;
          m->fixation = g_strdup ("belt");
        }
    }
}

/* Distances, times and girths: two trials around @mean (the catalog combines them with mean). */
static void
add_pair (Builder    *b,
          const char *code,
          VastusSide  side,
          double      mean,
          const char *unit,
          double      step,
          double      spread)
{
  double first;

  if (isnan (mean))
    return;
  first = round_to (mean * (1.0 + g_rand_double_range (b->rand, -spread, spread)), step);
  add_one (b, code, side, 1, first, unit);
  add_one (b, code, side, 2, round_to (2 * mean - first, step), unit);
}

static VastusVisit *
new_visit (const GDate *date,
           const char  *clinician,
           double       body_mass_kg,
           double       height_cm)
{
  VastusVisit *visit = vastus_visit_new ();

  visit->date = *date;
  visit->clinician = g_strdup (clinician);
  visit->body_mass_kg = body_mass_kg;
  visit->height_cm = height_cm;
  return visit;
}

static VastusDemoPatient *
new_patient (const char  *mrn,
             const char  *name,
             VastusSex    sex,
             const GDate *today,
             int          age_years,
             int          birthday_offset_days)
{
  VastusDemoPatient *p = g_new0 (VastusDemoPatient, 1);

  p->patient = vastus_patient_new ();
  p->patient->mrn = g_strdup (mrn);
  p->patient->name = g_strdup (name);
  p->patient->sex = sex;
  p->patient->demo = TRUE;
  p->patient->notes = g_strdup ("Demo patient: fictional, for trying Vastus out.");
  date_add_days (&p->patient->birth_date, today, -birthday_offset_days);
  g_date_subtract_years (&p->patient->birth_date, (guint) age_years);
  p->episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_demo_episode_free);
  return p;
}

static VastusDemoEpisode *
add_episode (VastusDemoPatient *p,
             VastusEpisode     *episode)
{
  VastusDemoEpisode *e = g_new0 (VastusDemoEpisode, 1);

  e->episode = episode;
  e->visits = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_visit_free);
  g_ptr_array_add (p->episodes, e);
  return e;
}

/* (a) ACL reconstruction, left knee, bone–patellar tendon–bone autograft, ~9 months ago. */

typedef struct
{
  int    day;          /* since surgery; negative: before */
  int    effusion;     /* involved knee grade, 0..4 */
  double extension;    /* involved, deg (0 full; the other knee is at 0) */
  double flexion;      /* involved, deg (the other knee is at 140) */
  double lag;          /* extension lag, involved */
  double pain;
  double mvic_lsi;     /* quadriceps MVIC LSI %, NA: not tested */
  double hhd_lsi;      /* quadriceps HHD LSI % */
  double hop_lsi;      /* hop LSI %, NA: not tested */
  double thigh15;      /* involved thigh girth 15 cm, cm (the other: 55.0) */
  double knee_line;    /* involved knee girth at the joint line, cm (the other: 38.0) */
  double kos_adls;
  double global;
  double mass;
  int    squat_valgus; /* involved single-leg squat valgus: -1 not tested, 0 no, 1 yes */
} AclRow;

static const AclRow acl_rows[] = {
  /* day eff ext  flex lag pain  mvic  hhd  hop  thigh knee  kos  grs  mass  valgus */
  { -12, 1,  0,   134,  0, 2,   84.0, 86.0, NA,  53.6, 38.6, 80, 65, 79.0, -1 },
  {   7, 3,  8,    85, 10, 5,     NA,   NA, NA,  52.4, 41.2, 44, 30, 78.6, -1 },
  {  14, 3,  5,   100,  6, 4,     NA, 52.0, NA,  51.8, 40.5, 55, 38, 78.2, -1 },
  {  21, 2,  3,   110,  3, 3,     NA, 56.0, NA,  51.3, 39.9, 62, 45, 77.9, -1 },
  {  28, 2,  2,   118,  0, 3,   55.0, 59.0, NA,  51.0, 39.5, 68, 50, 77.8, -1 },
  {  42, 1,  1,   125,  0, 2,   60.0, 63.0, NA,  50.8, 39.0, 75, 58, 77.9, -1 },
  {  56, 1,  0,   130,  0, 2,   65.0, 67.0, NA,  51.0, 38.7, 80, 64, 78.1, -1 },
  {  70, 1,  0,   132,  0, 1,   69.0, 71.0, NA,  51.4, 38.5, 84, 70, 78.4,  1 },
  {  84, 0,  0,   135,  0, 1,   73.0, 75.0, NA,  51.9, 38.3, 87, 74, 78.6,  1 },
  { 112, 0,  0,   137,  0, 1,   77.0, 79.0, 75.0, 52.5, 38.2, 90, 78, 78.9,  0 },
  { 140, 0,  0,   138,  0, 0,   81.0, 83.0, 80.0, 53.1, 38.1, 92, 82, 79.1,  0 },
  { 168, 0,  0,   138,  0, 1,   84.0, 86.0, 84.0, 53.6, 38.1, 94, 85, 79.3,  0 },
  { 210, 0,  0,   139,  0, 0,   88.0, 89.0, 88.0, 54.1, 38.0, 95, 88, 79.4,  0 },
  { 252, 0,  0,   139,  0, 0,   92.0, 93.0, 92.0, 54.5, 38.0, 97, 92, 79.6,  0 },
};

static VastusDemoPatient *
build_aclr (const GDate *today)
{
  VastusDemoPatient *p = new_patient ("DEMO-001", "Jonas Lindqvist", VASTUS_SEX_MALE,
                                      today, 24, 131);
  VastusEpisode *episode = vastus_episode_new ();
  VastusDemoEpisode *e;
  g_autoptr(GRand) rand = g_rand_new_with_seed (1001);
  const VastusSide inv = VASTUS_SIDE_LEFT, uninv = VASTUS_SIDE_RIGHT;
  const double height = 182.0;
  GDate surgery;

  date_add_days (&surgery, today, -270);
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = inv;
  episode->surgery_date = surgery;
  date_add_days (&episode->injury_date, &surgery, -44);
  episode->surgeon = g_strdup ("Dr. Ana Ferreira");
  episode->treating_therapist = g_strdup ("M. Okafor, PT");
  episode->procedure = g_strdup ("ACL reconstruction, bone–patellar tendon–bone autograft; "
                                 "partial medial meniscectomy");
  episode->restrictions = g_strdup ("Brace locked in extension for walking, 2 weeks. "
                                    "No hop testing before 16 weeks.");
  date_add_days (&episode->no_max_test_before, &surgery, 28);
  e = add_episode (p, episode);

  for (guint i = 0; i < G_N_ELEMENTS (acl_rows); i++)
    {
      const AclRow *r = &acl_rows[i];
      double weeks = MAX (r->day, 0) / 7.0;
      /* The other leg gains a little strength from training too. */
      double mvic_other = 252.0 + 0.6 * weeks;
      double hhd_other = 468.0 + 1.1 * weeks;
      GDate date;
      Builder b;

      date_add_days (&date, &surgery, r->day);
      b.visit = new_visit (&date, "M. Okafor, PT", r->mass, height);
      b.rand = rand;
      b.baseline = r->day < 0;
      if (r->day < 0)
        b.visit->notes = g_strdup ("Pre-operative assessment: baseline for both legs.");
      else if (r->day == 7)
        b.visit->notes = g_strdup ("First post-operative visit; brace locked in extension.");

      add_value (&b, "effusion_stroke", inv, r->effusion, "grade");
      add_value (&b, "effusion_stroke", uninv, VASTUS_GRADE_ZERO, "grade");
      add_value (&b, "knee_extension", inv, r->extension, "deg");
      add_value (&b, "knee_extension", uninv, 0, "deg");
      add_value (&b, "knee_flexion", inv, r->flexion, "deg");
      add_value (&b, "knee_flexion", uninv, 140, "deg");
      add_value (&b, "extension_lag", inv, r->lag, "deg");
      add_value (&b, "pain_nrs", VASTUS_SIDE_NONE, r->pain, "points");

      add_strength (&b, "quadriceps_mvic", uninv, mvic_other, "Nm", 0.1, 3, 60, NA);
      add_strength (&b, "quadriceps_mvic", inv, mvic_other * r->mvic_lsi / 100, "Nm", 0.1, 3, 60, NA);
      add_strength (&b, "quadriceps_hhd", uninv, hhd_other, "N", 1, 3, 60, 0.38);
      add_strength (&b, "quadriceps_hhd", inv, hhd_other * r->hhd_lsi / 100, "N", 1, 3, 60, 0.38);

      add_pair (&b, "thigh_girth_15", uninv, 55.0, "cm", 0.1, 0.003);
      add_pair (&b, "thigh_girth_15", inv, r->thigh15, "cm", 0.1, 0.003);
      add_pair (&b, "knee_girth_joint_line", uninv, 38.0, "cm", 0.1, 0.003);
      add_pair (&b, "knee_girth_joint_line", inv, r->knee_line, "cm", 0.1, 0.003);

      if (!isnan (r->hop_lsi))
        {
          static const struct { const char *code; double other; } hops[] = {
            { "single_hop", 178 }, { "triple_hop", 565 }, { "crossover_hop", 505 },
          };
          double lsi = r->hop_lsi / 100;

          for (guint h = 0; h < G_N_ELEMENTS (hops); h++)
            {
              add_pair (&b, hops[h].code, uninv, hops[h].other + 0.4 * (weeks - 16), "cm", 1, 0.015);
              add_pair (&b, hops[h].code, inv, (hops[h].other + 0.4 * (weeks - 16)) * lsi,
                        "cm", 1, 0.02);
            }
          /* Timed: LSI = uninvolved time ÷ involved time. */
          add_pair (&b, "timed_hop_6m", uninv, 1.86, "s", 0.01, 0.01);
          add_pair (&b, "timed_hop_6m", inv, 1.86 / lsi, "s", 0.01, 0.015);
        }
      if (r->squat_valgus >= 0)
        {
          add_value (&b, "single_leg_squat_valgus", inv, r->squat_valgus, "bool");
          add_value (&b, "single_leg_squat_valgus", uninv, 0, "bool");
        }

      add_value (&b, "kos_adls", VASTUS_SIDE_NONE, r->kos_adls, "points");
      add_value (&b, "global_rating", VASTUS_SIDE_NONE, r->global, "points");
      if (r->day < 0 || r->day == 84 || r->day == 168 || r->day == 252)
        add_value (&b, "ikdc", VASTUS_SIDE_NONE,
                   r->day < 0 ? 62 : r->day == 84 ? 68 : r->day == 168 ? 80 : 89, "points");
      if (r->day >= 168)
        add_value (&b, "acl_rsi", VASTUS_SIDE_NONE, r->day == 168 ? 58 : r->day == 210 ? 66 : 74,
                   "points");
      g_ptr_array_add (e->visits, b.visit);
    }
  return p;
}

/* (b) Patellofemoral pain, right knee, gradual onset; a hip and knee programme over three months. */

typedef struct
{
  int    day;          /* before today */
  double pain;         /* worst with stairs / squatting */
  double abd_lsi;      /* hip abduction, right ÷ left, % */
  double er_lsi;       /* hip external rotation */
  double quad_lsi;
  double kujala;
  int    step_valgus;  /* right step-down valgus */
} PfpRow;

static const PfpRow pfp_rows[] = {
  { 90, 6, 74.0, 66.0, 86.0, 62, 1 },
  { 76, 5, 77.0, 70.0, 88.0, 66, 1 },
  { 62, 4, 81.0, 75.0, 90.0, 71, 1 },
  { 48, 3, 85.0, 80.0, 92.0, 76, 1 },
  { 34, 3, 89.0, 85.0, 94.0, 80, 0 },
  { 20, 2, 92.0, 89.0, 96.0, 84, 0 },
  {  6, 1, 95.0, 93.0, 97.0, 88, 0 },
};

static VastusDemoPatient *
build_pfp (const GDate *today)
{
  VastusDemoPatient *p = new_patient ("DEMO-002", "Sofia Marin", VASTUS_SEX_FEMALE,
                                      today, 22, 64);
  VastusEpisode *episode = vastus_episode_new ();
  VastusDemoEpisode *e;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2002);
  const VastusSide inv = VASTUS_SIDE_RIGHT, uninv = VASTUS_SIDE_LEFT;

  episode->condition = VASTUS_CONDITION_PFP;
  episode->involved_side = inv;
  episode->restrictions = g_strdup ("Keep running volume below pain 3/10 during and after.");
  episode->treating_therapist = g_strdup ("L. Haddad, PT");
  e = add_episode (p, episode);

  for (guint i = 0; i < G_N_ELEMENTS (pfp_rows); i++)
    {
      const PfpRow *r = &pfp_rows[i];
      double weeks = (pfp_rows[0].day - r->day) / 7.0;
      /* Both hips get stronger with the programme, the weaker one faster. */
      double abd_other = 168.0 + 1.5 * weeks;
      double er_other = 104.0 + 1.2 * weeks;
      double quad_other = 352.0 + 1.0 * weeks;
      GDate date;
      Builder b;

      date_add_days (&date, today, -r->day);
      b.visit = new_visit (&date, "L. Haddad, PT", 61.5 - 0.05 * weeks, 168.0);
      b.rand = rand;
      b.baseline = FALSE;

      add_value (&b, "pain_nrs", VASTUS_SIDE_NONE, r->pain, "points");
      add_strength (&b, "hip_abduction_hhd", uninv, abd_other, "N", 1, 2, NA, NA);
      add_strength (&b, "hip_abduction_hhd", inv, abd_other * r->abd_lsi / 100, "N", 1, 2, NA, NA);
      add_strength (&b, "hip_external_rotation_hhd", uninv, er_other, "N", 1, 2, NA, NA);
      add_strength (&b, "hip_external_rotation_hhd", inv, er_other * r->er_lsi / 100, "N", 1, 2,
                    NA, NA);
      add_strength (&b, "quadriceps_hhd", uninv, quad_other, "N", 1, 3, 60, 0.35);
      add_strength (&b, "quadriceps_hhd", inv, quad_other * r->quad_lsi / 100, "N", 1, 3, 60, 0.35);
      add_value (&b, "step_down_valgus", inv, r->step_valgus, "bool");
      add_value (&b, "step_down_valgus", uninv, 0, "bool");
      add_value (&b, "knee_flexion", inv, 138 - 4 * (r->pain >= 4), "deg");
      add_value (&b, "knee_flexion", uninv, 138, "deg");
      add_value (&b, "kujala", VASTUS_SIDE_NONE, r->kujala, "points");
      g_ptr_array_add (e->visits, b.visit);
    }
  return p;
}

/* (c) Total knee arthroplasty, right knee, ~13 weeks ago; followed for twelve weeks. */

typedef struct
{
  int    day;          /* since surgery; negative: before */
  int    effusion;
  double extension;    /* involved (the other knee: 2) */
  double flexion;      /* involved (the other knee: 124) */
  double pain;
  double quad;         /* involved quadriceps HHD, N (the other: ~300 N); NA not tested */
  double knee_mid;     /* involved knee girth at mid-patella (the other: 41.0) */
  double tug;
  double chair;
  double stairs;
} TkaRow;

static const TkaRow tka_rows[] = {
  { -14, 1, 8,  108, 6, 244, 43.1, 11.4,  9, 14.2 },
  {   7, 3, 10,  80, 6,  NA, 45.9, 17.8,  5,   NA },
  {  14, 2, 8,   88, 5,  NA, 45.2, 15.1,  6, 22.5 },
  {  21, 2, 6,   95, 4, 153, 44.5, 13.0,  7, 19.0 },
  {  28, 2, 5,  100, 4, 162, 43.9, 11.6,  8, 16.4 },
  {  42, 1, 4,  106, 3, 184, 43.3, 10.2, 10, 14.0 },
  {  56, 1, 3,  110, 3, 203, 42.8,  9.3, 11, 12.3 },
  {  70, 1, 2,  113, 2, 219, 42.4,  8.7, 12, 11.2 },
  {  84, 1, 2,  115, 2, 232, 42.0,  8.2, 13, 10.4 },
};

static VastusDemoPatient *
build_tka (const GDate *today)
{
  VastusDemoPatient *p = new_patient ("DEMO-003", "Margaret Oduya", VASTUS_SEX_FEMALE,
                                      today, 68, 200);
  VastusEpisode *episode = vastus_episode_new ();
  VastusDemoEpisode *e;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3003);
  const VastusSide inv = VASTUS_SIDE_RIGHT, uninv = VASTUS_SIDE_LEFT;
  GDate surgery;

  date_add_days (&surgery, today, -90);
  episode->condition = VASTUS_CONDITION_TKA;
  episode->involved_side = inv;
  episode->surgery_date = surgery;
  episode->surgeon = g_strdup ("Dr. Tomas Weber");
  episode->treating_therapist = g_strdup ("M. Okafor, PT");
  episode->procedure = g_strdup ("Cemented posterior-stabilised total knee arthroplasty");
  episode->restrictions = g_strdup ("Weight bearing as tolerated. No kneeling for 6 weeks.");
  e = add_episode (p, episode);

  for (guint i = 0; i < G_N_ELEMENTS (tka_rows); i++)
    {
      const TkaRow *r = &tka_rows[i];
      double weeks = MAX (r->day, 0) / 7.0;
      GDate date;
      Builder b;

      date_add_days (&date, &surgery, r->day);
      b.visit = new_visit (&date, "M. Okafor, PT", 84.0 - 0.15 * weeks, 164.0);
      b.rand = rand;
      b.baseline = r->day < 0;
      if (r->day < 0)
        b.visit->notes = g_strdup ("Pre-operative assessment.");

      add_value (&b, "effusion_stroke", inv, r->effusion, "grade");
      add_value (&b, "effusion_stroke", uninv, VASTUS_GRADE_TRACE, "grade");
      add_value (&b, "knee_extension", inv, r->extension, "deg");
      add_value (&b, "knee_extension", uninv, 2, "deg");
      add_value (&b, "knee_flexion", inv, r->flexion, "deg");
      add_value (&b, "knee_flexion", uninv, 124, "deg");
      add_value (&b, "pain_nrs", VASTUS_SIDE_NONE, r->pain, "points");
      add_strength (&b, "quadriceps_hhd", uninv, isnan (r->quad) ? NA : 298.0 + 0.8 * weeks,
                    "N", 1, 3, 60, 0.33);
      add_strength (&b, "quadriceps_hhd", inv, r->quad, "N", 1, 3, 60, 0.33);
      add_pair (&b, "knee_girth_midpatella", uninv, 41.0, "cm", 0.1, 0.003);
      add_pair (&b, "knee_girth_midpatella", inv, r->knee_mid, "cm", 0.1, 0.003);
      add_value (&b, "tug", VASTUS_SIDE_NONE, r->tug, "s");
      add_value (&b, "chair_stand_30s", VASTUS_SIDE_NONE, r->chair, "count");
      add_value (&b, "stair_climb", VASTUS_SIDE_NONE, r->stairs, "s");
      if (r->day < 0 || r->day == 42 || r->day == 84)
        {
          int k = r->day < 0 ? 0 : r->day == 42 ? 1 : 2;
          static const double koos[3][5] = {
            /* pain symptoms adl sport qol */
            { 44, 50, 55, 15, 25 },
            { 67, 61, 72, 25, 44 },
            { 83, 78, 86, 40, 60 },
          };

          add_value (&b, "koos_pain", VASTUS_SIDE_NONE, koos[k][0], "points");
          add_value (&b, "koos_symptoms", VASTUS_SIDE_NONE, koos[k][1], "points");
          add_value (&b, "koos_adl", VASTUS_SIDE_NONE, koos[k][2], "points");
          add_value (&b, "koos_sport", VASTUS_SIDE_NONE, koos[k][3], "points");
          add_value (&b, "koos_qol", VASTUS_SIDE_NONE, koos[k][4], "points");
        }
      g_ptr_array_add (e->visits, b.visit);
    }
  return p;
}

GPtrArray *
vastus_demo_build (const GDate *today)
{
  GPtrArray *patients;

  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  patients = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_demo_patient_free);
  g_ptr_array_add (patients, build_aclr (today));
  g_ptr_array_add (patients, build_pfp (today));
  g_ptr_array_add (patients, build_tka (today));
  return patients;
}
