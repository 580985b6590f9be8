/* Two versions of one record side by side (vastus-record-compare.h): what an editor shows when
 * someone else saved the record while it was open. Expected texts are worked from the rules:
 * force in N with no decimals, girth in cm with one, grades by name, the findings as the form
 * names them, the trial named only where a side has more than one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "vastus-record-compare.h"

static VastusMeasurement *
value (const char *code,
       VastusSide  side,
       int         trial,
       double      stored,
       const char *unit)
{
  return vastus_measurement_new (code, side, trial, stored, unit);
}

/* Their version: 1 December 2026, A. Berg, 72.5 kg; quadriceps by HHD 312 N left, 250 and
 * 255 N right (two trials); thigh girth 10 cm 48.5 cm left. */
static VastusVisit *
their_visit (void)
{
  VastusVisit *visit = vastus_visit_new ();

  g_date_set_dmy (&visit->date, 1, G_DATE_DECEMBER, 2026);
  visit->clinician = g_strdup ("A. Berg");
  visit->body_mass_kg = 72.5;
  vastus_visit_add_measurement (visit, value ("quadriceps_hhd", VASTUS_SIDE_LEFT, 1, 312, "N"));
  vastus_visit_add_measurement (visit, value ("quadriceps_hhd", VASTUS_SIDE_RIGHT, 1, 250, "N"));
  vastus_visit_add_measurement (visit, value ("quadriceps_hhd", VASTUS_SIDE_RIGHT, 2, 255, "N"));
  vastus_visit_add_measurement (visit, value ("thigh_girth_10", VASTUS_SIDE_LEFT, 1, 48.5, "cm"));
  return visit;
}

static void
test_same (void)
{
  g_autoptr(VastusVisit) theirs = their_visit ();
  g_autoptr(VastusVisit) mine = vastus_visit_copy (theirs);
  g_autoptr(GPtrArray) differences = NULL;

  /* An empty note and none are the same to the form. */
  mine->notes = g_strdup ("");
  differences = vastus_visit_compare (theirs, mine);
  g_assert_cmpuint (differences->len, ==, 0);
}

static void
assert_difference (GPtrArray  *differences,
                   guint       i,
                   const char *what,
                   const char *theirs,
                   const char *mine)
{
  const VastusDifference *d;

  g_assert_cmpuint (i, <, differences->len);
  d = g_ptr_array_index (differences, i);
  g_assert_cmpstr (d->what, ==, what);
  g_assert_cmpstr (d->theirs, ==, theirs);
  g_assert_cmpstr (d->mine, ==, mine);
}

static void
test_differences (void)
{
  g_autoptr(VastusVisit) theirs = their_visit ();
  g_autoptr(VastusVisit) mine = vastus_visit_copy (theirs);
  g_autoptr(GPtrArray) differences = NULL;
  VastusMeasurement *m;

  /* Typed here: another clinician, no body mass, signs of DVT, 298 N left, the right's second
   * trial at a knee angle of 60° with a belt, no girth, effusion 1+ on the left. */
  g_free (mine->clinician);
  mine->clinician = g_strdup ("B. Chen");
  mine->body_mass_kg = NAN;
  mine->findings = VASTUS_FINDING_DVT_SIGNS;
  ((VastusMeasurement *) g_ptr_array_index (mine->measurements, 0))->value = 298;
  m = g_ptr_array_index (mine->measurements, 2);
  m->knee_angle_deg = 60;
  m->fixation = g_strdup ("belt");
  g_ptr_array_remove_index (mine->measurements, 3);
  vastus_visit_add_measurement (mine, value ("effusion_stroke", VASTUS_SIDE_LEFT, 1, 2, NULL));

  differences = vastus_visit_compare (theirs, mine);
  /* The visit's fields, the findings, then the values in catalog order (quadriceps, thigh
   * girth, effusion), left before right. */
  assert_difference (differences, 0, "Clinician", "A. Berg", "B. Chen");
  assert_difference (differences, 1, "Body mass", "72.5 kg", "—");
  assert_difference (differences, 2, "Signs of deep vein thrombosis", "No", "Yes");
  /* One trial on the left: no trial named. */
  assert_difference (differences, 3, "Quadriceps isometric force (hand-held dynamometer), Left",
                     "312 N", "298 N");
  assert_difference (differences, 4,
                     "Quadriceps isometric force (hand-held dynamometer), Right, trial 2",
                     "255 N", "255 N · knee 60° · Belt");
  assert_difference (differences, 5, "Thigh girth 10 cm above the patella, Left", "48.5 cm", "—");
  /* Grade 2 of the stroke test is 1+. */
  assert_difference (differences, 6, "Effusion (stroke test), Left", "—", "1+");
  g_assert_cmpuint (differences->len, ==, 7);
}

/* Their patient: MRN A-17, Berg, Anna, born 3 March 1990, female. Typed here: Bergström, no
 * given names, born 1991, a note. */
static void
test_patient (void)
{
  g_autoptr(VastusPatient) theirs = vastus_patient_new ();
  g_autoptr(VastusPatient) mine = NULL;
  g_autoptr(GPtrArray) differences = NULL;

  theirs->mrn = g_strdup ("A-17");
  theirs->family_name = g_strdup ("Berg");
  theirs->given_name = g_strdup ("Anna");
  g_date_set_dmy (&theirs->birth_date, 3, G_DATE_MARCH, 1990);
  theirs->sex = VASTUS_SEX_FEMALE;
  mine = vastus_patient_copy (theirs);
  differences = vastus_patient_compare (theirs, mine);
  g_assert_cmpuint (differences->len, ==, 0);
  g_clear_pointer (&differences, g_ptr_array_unref);

  g_free (mine->family_name);
  mine->family_name = g_strdup ("Bergström");
  g_clear_pointer (&mine->given_name, g_free);
  g_date_set_year (&mine->birth_date, 1991);
  mine->notes = g_strdup ("Left-handed");
  differences = vastus_patient_compare (theirs, mine);
  /* The form's order; dates in the C locale's form, ISO. */
  assert_difference (differences, 0, "Family Name", "Berg", "Bergström");
  assert_difference (differences, 1, "Given Names", "Anna", "—");
  assert_difference (differences, 2, "Birth Date", "1990-03-03", "1991-03-03");
  assert_difference (differences, 3, "Notes", "—", "Left-handed");
  g_assert_cmpuint (differences->len, ==, 4);
}

/* Their episode: ACL reconstruction of the left knee, operated on 10 May 2026 by Dr Ruiz, no
 * maximal testing before 1 November 2026, treated by A. Berg. Typed here: both knees, injured
 * on 2 April 2026, no surgeon, a restriction, treated by B. Chen. */
static void
test_episode (void)
{
  g_autoptr(VastusEpisode) theirs = vastus_episode_new ();
  g_autoptr(VastusEpisode) mine = NULL;
  g_autoptr(GPtrArray) differences = NULL;

  theirs->condition = VASTUS_CONDITION_ACLR;
  theirs->involved_side = VASTUS_SIDE_LEFT;
  g_date_set_dmy (&theirs->surgery_date, 10, G_DATE_MAY, 2026);
  theirs->surgeon = g_strdup ("Dr Ruiz");
  g_date_set_dmy (&theirs->no_max_test_before, 1, G_DATE_NOVEMBER, 2026);
  theirs->treating_therapist = g_strdup ("A. Berg");
  mine = vastus_episode_copy (theirs);
  differences = vastus_episode_compare (theirs, mine);
  g_assert_cmpuint (differences->len, ==, 0);
  g_clear_pointer (&differences, g_ptr_array_unref);

  mine->involved_side = VASTUS_SIDE_BOTH;
  g_date_set_dmy (&mine->injury_date, 2, G_DATE_APRIL, 2026);
  g_clear_pointer (&mine->surgeon, g_free);
  mine->restrictions = g_strdup ("No running");
  g_free (mine->treating_therapist);
  mine->treating_therapist = g_strdup ("B. Chen");
  differences = vastus_episode_compare (theirs, mine);
  /* The form's order: side, the dates, surgery, restrictions, therapist; dates in ISO (C). */
  assert_difference (differences, 0, "Involved Side", "Left", "Both");
  assert_difference (differences, 1, "Injury Date", "—", "2026-04-02");
  assert_difference (differences, 2, "Surgeon", "Dr Ruiz", "—");
  assert_difference (differences, 3, "Surgeon’s Restrictions", "—", "No running");
  assert_difference (differences, 4, "Treating Therapist", "A. Berg", "B. Chen");
  g_assert_cmpuint (differences->len, ==, 5);
  g_clear_pointer (&differences, g_ptr_array_unref);

  /* Another condition and the side not chosen; the surgery date gone. */
  g_clear_pointer (&mine, vastus_episode_free);
  mine = vastus_episode_copy (theirs);
  mine->condition = VASTUS_CONDITION_TKA;
  mine->involved_side = VASTUS_SIDE_NONE;
  g_date_clear (&mine->surgery_date, 1);
  differences = vastus_episode_compare (theirs, mine);
  assert_difference (differences, 0, "Condition", "ACL reconstruction", "Total knee arthroplasty");
  assert_difference (differences, 1, "Involved Side", "Left", "—");
  assert_difference (differences, 2, "Surgery Date", "2026-05-10", "—");
  g_assert_cmpuint (differences->len, ==, 3);
}

static VastusCriterion *
criterion (const char       *id,
           const char       *label,
           VastusComparator  comparator,
           double            threshold,
           const char       *unit)
{
  VastusCriterion *c = vastus_criterion_new ();

  c->id = g_strdup (id);
  c->label = g_strdup (label);
  c->comparator = comparator;
  c->threshold = threshold;
  c->unit = g_strdup (unit);
  return c;
}

/* Their set "Our RTS": quadriceps LSI ≥ 90 %, hop LSI ≥ 90 %, 36 weeks or more since surgery.
 * Typed here: the title "Our RTS 2027", quadriceps > 92.5 %, the weeks criterion removed, a
 * Y-balance criterion added (≥ 94 %). */
static void
test_criteria_set (void)
{
  g_autoptr(VastusCriteriaSet) theirs = vastus_criteria_set_new ();
  g_autoptr(VastusCriteriaSet) mine = NULL;
  g_autoptr(GPtrArray) differences = NULL;
  VastusCriterion *quadriceps;

  theirs->id = g_strdup ("our-rts");
  theirs->version = 3;
  theirs->title = g_strdup ("Our RTS");
  g_ptr_array_add (theirs->criteria, criterion ("quadriceps-lsi", "Quadriceps LSI",
                                                VASTUS_COMPARATOR_GE, 90, "%"));
  g_ptr_array_add (theirs->criteria, criterion ("hop-lsi", "Hop LSI", VASTUS_COMPARATOR_GE, 90,
                                                "%"));
  g_ptr_array_add (theirs->criteria, criterion ("weeks", "Time since surgery",
                                                VASTUS_COMPARATOR_GE, 36, "weeks"));
  mine = vastus_criteria_set_copy (theirs);
  differences = vastus_criteria_set_compare (theirs, mine);
  g_assert_cmpuint (differences->len, ==, 0);
  g_clear_pointer (&differences, g_ptr_array_unref);

  g_free (mine->title);
  mine->title = g_strdup ("Our RTS 2027");
  quadriceps = g_ptr_array_index (mine->criteria, 0);
  quadriceps->comparator = VASTUS_COMPARATOR_GT;
  quadriceps->threshold = 92.5;
  g_ptr_array_remove_index (mine->criteria, 2);
  g_ptr_array_add (mine->criteria, criterion ("y-balance", "Y-balance anterior LSI",
                                              VASTUS_COMPARATOR_GE, 94, "%"));
  differences = vastus_criteria_set_compare (theirs, mine);
  /* The title, their criteria in their order (the hop unchanged), then the one added here. */
  assert_difference (differences, 0, "Title", "Our RTS", "Our RTS 2027");
  assert_difference (differences, 1, "Quadriceps LSI (the two versions’ thresholds differ)",
                     "≥ 90 %", "> 92.5 %");
  assert_difference (differences, 2, "Time since surgery", "≥ 36 weeks", "—");
  assert_difference (differences, 3, "Y-balance anterior LSI", "—", "≥ 94 %");
  g_assert_cmpuint (differences->len, ==, 4);
  g_clear_pointer (&differences, g_ptr_array_unref);

  /* A label naming its threshold, changed with it here: each version's requirement under its
   * own label, never one label's 90 % over both. */
  g_free (quadriceps->label);
  quadriceps->label = g_strdup ("Quadriceps LSI above 92.5 %");
  g_free (((VastusCriterion *) g_ptr_array_index (theirs->criteria, 0))->label);
  ((VastusCriterion *) g_ptr_array_index (theirs->criteria, 0))->label =
    g_strdup ("Quadriceps LSI at least 90 %");
  differences = vastus_criteria_set_compare (theirs, mine);
  assert_difference (differences, 1, "Quadriceps LSI at least 90 % / Quadriceps LSI above 92.5 %",
                     "Quadriceps LSI at least 90 %: ≥ 90 %", "Quadriceps LSI above 92.5 %: > 92.5 %");
  g_assert_cmpuint (differences->len, ==, 4);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/record-compare/same", test_same);
  g_test_add_func ("/record-compare/differences", test_differences);
  g_test_add_func ("/record-compare/patient", test_patient);
  g_test_add_func ("/record-compare/episode", test_episode);
  g_test_add_func ("/record-compare/criteria-set", test_criteria_set);
  return g_test_run ();
}
