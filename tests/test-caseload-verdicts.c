/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The caseload read in one pass gives every patient the verdict the patient's own page gives:
 * on a generated clinic (several episodes, archived patients, stale results, a missing side,
 * several trials of a measure, baselines, deleted visits and measurements, visits after the
 * as-of date, two visits on one day, out of order), each caseload row and each history of the
 * bulk loader is compared with the evaluation of the history read for that patient alone
 * (vastus_evaluate, the one evaluation).
 * Runs on both engines (storage-test-util.h).
 */
#include "config.h"

#include <math.h>

#include "storage-test-util.h"
#include "vastus-caseload-store.h"
#include "vastus-criteria-store.h"
#include "vastus-display.h"
#include "vastus-i18n.h"
#include "vastus-value.h"

#define N_PATIENTS 48

typedef struct
{
  VastusDatabase *db;
  GRand          *rand;
  GHashTable     *days;   /* the days the current patient has a visit on (one a day) */
} Fixture;

static void
day (GDate *out,
     int    days_after_2025_01_01)
{
  g_date_clear (out, 1);
  g_date_set_dmy (out, 1, G_DATE_JANUARY, 2025);
  if (days_after_2025_01_01 >= 0)
    g_date_add_days (out, (guint) days_after_2025_01_01);
  else
    g_date_subtract_days (out, (guint) -days_after_2025_01_01);
}

/* Of a measured value (not a grade or score), one to three trials of @measure on @side (the
 * catalog combines them: the mean or the best), the later ones a little off the first; saved in
 * an order of trials that is not always theirs. */
static void
add (Fixture     *f,
     VastusVisit *visit,
     const char  *measure,
     VastusSide   side,
     double       value,
     const char  *unit,
     gboolean     baseline)
{
  gboolean scored = g_str_equal (unit, "grade") || g_str_equal (unit, "points");
  int n_trials = scored ? 1 : g_rand_int_range (f->rand, 1, 4);
  gboolean reversed = g_rand_int_range (f->rand, 0, 3) == 0;

  for (int t = 0; t < n_trials; t++)
    {
      int trial = reversed ? n_trials - t : t + 1;
      double off = trial == 1 ? 0 : g_rand_double_range (f->rand, -0.1, 0.1) * value;
      VastusMeasurement *m = vastus_measurement_new (measure, side, trial, value + off, unit);

      m->baseline = baseline;
      vastus_visit_add_measurement (visit, m);
    }
}

/* A visit of the ACL battery (aclr-return-to-sport's measures), with the pain and effusion that
 * raise safety flags; each side of a two-sided measure missing now and then. Its id, or 0 when
 * the patient has a visit on that day already (one a day). */
static gint64
add_visit (Fixture *f,
           gint64   episode_id,
           int      when,
           gboolean first)
{
  g_autoptr(VastusVisit) v = vastus_visit_new ();
  g_autoptr(GError) error = NULL;
  GRand *r = f->rand;

  if (!g_hash_table_add (f->days, GINT_TO_POINTER (when)))
    return 0;
  v->episode_id = episode_id;
  day (&v->date, when);
  if (g_rand_int_range (r, 0, 3) > 0)
    v->body_mass_kg = g_rand_int_range (r, 55, 95);
  if (g_rand_int_range (r, 0, 4) == 0)
    v->height_cm = g_rand_int_range (r, 155, 195);
  for (int s = 0; s < 2; s++)
    {
      VastusSide side = s == 0 ? VASTUS_SIDE_LEFT : VASTUS_SIDE_RIGHT;

      if (g_rand_int_range (r, 0, 6) > 0)
        add (f, v, "quadriceps_mvic", side, g_rand_int_range (r, 120, 260), "Nm", first);
      if (g_rand_int_range (r, 0, 5) > 0)
        add (f, v, "single_hop", side, g_rand_int_range (r, 90, 190), "cm", first);
      if (g_rand_int_range (r, 0, 3) == 0)
        add (f, v, "timed_hop_6m", side, g_rand_double_range (r, 1.6, 2.6), "s", first);
      if (g_rand_int_range (r, 0, 4) == 0)
        add (f, v, "effusion_stroke", side, g_rand_int_range (r, VASTUS_GRADE_ZERO,
                                                               VASTUS_GRADE_3PLUS + 1), "grade", FALSE);
    }
  if (g_rand_int_range (r, 0, 3) > 0)
    add (f, v, "kos_adls", VASTUS_SIDE_NONE, g_rand_int_range (r, 60, 100), "points", FALSE);
  if (g_rand_int_range (r, 0, 3) == 0)
    add (f, v, "pain_nrs", VASTUS_SIDE_NONE, g_rand_int_range (r, 0, 8), "points", FALSE);
  g_assert_true (vastus_database_insert_visit (f->db, v, &error));
  g_assert_no_error (error);
  /* Now and then a measurement deleted afterwards: the loaders leave it out. */
  if (v->measurements->len > 0 && g_rand_int_range (r, 0, 8) == 0)
    {
      const VastusMeasurement *m = g_ptr_array_index (v->measurements, 0);

      g_assert_true (vastus_database_delete_measurement (f->db, m->id, &error));
      g_assert_no_error (error);
    }
  return v->id;
}

static const VastusCondition conditions[] = {
  VASTUS_CONDITION_ACLR, VASTUS_CONDITION_ACLR, VASTUS_CONDITION_ACLR, VASTUS_CONDITION_PFP,
  VASTUS_CONDITION_TKA, VASTUS_CONDITION_MENISCUS, VASTUS_CONDITION_OTHER,
};

static const VastusSide sides[] = {
  VASTUS_SIDE_LEFT, VASTUS_SIDE_RIGHT, VASTUS_SIDE_RIGHT, VASTUS_SIDE_BOTH,
};

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GRand *r;

  f->db = storage_test_open ();
  vastus_database_set_actor (f->db, "tester");
  f->rand = r = g_rand_new_with_seed (15);
  f->days = g_hash_table_new (NULL, NULL);
  for (int p = 0; p < N_PATIENTS; p++)
    {
      g_autoptr(VastusPatient) patient = vastus_patient_new ();
      int n_episodes = g_rand_int_range (r, 0, 4);

      g_hash_table_remove_all (f->days);
      patient->mrn = g_strdup_printf ("CV-%03d", (p * 37) % N_PATIENTS);
      patient->family_name = g_strdup_printf ("Family %d", p);
      patient->given_name = g_strdup ("Kim");
      patient->sex = g_rand_int_range (r, 0, 5) == 0 ? VASTUS_SEX_UNKNOWN
                     : g_rand_boolean (r) ? VASTUS_SEX_FEMALE : VASTUS_SEX_MALE;
      g_assert_true (vastus_database_insert_patient (f->db, patient, &error));
      g_assert_no_error (error);

      for (int e = 0; e < n_episodes; e++)
        {
          g_autoptr(VastusEpisode) episode = vastus_episode_new ();
          int start = -300 + e * 200 + g_rand_int_range (r, 0, 150);
          int n_visits = g_rand_int_range (r, 0, 9);
          int when = start + 10;
          g_autoptr(GArray) later = g_array_new (FALSE, FALSE, sizeof (int));

          episode->patient_id = patient->id;
          episode->condition = conditions[g_rand_int_range (r, 0, G_N_ELEMENTS (conditions))];
          episode->involved_side = sides[g_rand_int_range (r, 0, G_N_ELEMENTS (sides))];
          if (g_rand_int_range (r, 0, 5) > 0)
            day (&episode->surgery_date, start);
          else if (g_rand_boolean (r))
            day (&episode->injury_date, start);
          g_assert_true (vastus_database_insert_episode (f->db, episode, &error));
          g_assert_no_error (error);

          for (int v = 0; v < n_visits; v++)
            {
              gint64 id;

              /* Gaps of up to five months: results go stale in a four-week window. */
              when += g_rand_int_range (r, 7, 150);
              /* Some visits are entered later than visits after them (ids out of date order);
               * a deleted visit's day has another visit now and then. */
              if (v > 0 && g_rand_int_range (r, 0, 5) == 0)
                {
                  g_array_append_val (later, when);
                  continue;
                }
              id = add_visit (f, episode->id, when, v == 0);
              if (id != 0 && g_rand_int_range (r, 0, 8) == 0)
                {
                  g_assert_true (vastus_database_delete_visit (f->db, id, 0, &error));
                  g_assert_no_error (error);
                  if (g_rand_boolean (r))
                    {
                      g_hash_table_remove (f->days, GINT_TO_POINTER (when));
                      add_visit (f, episode->id, when, FALSE);
                    }
                }
            }
          for (guint i = 0; i < later->len; i++)
            add_visit (f, episode->id, g_array_index (later, int, i), FALSE);
        }
      if (g_rand_int_range (r, 0, 6) == 0)
        {
          g_assert_true (vastus_database_set_patient_archived (f->db, patient->id, 0, TRUE, &error));
          g_assert_no_error (error);
        }
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->db);
  g_rand_free (f->rand);
  g_hash_table_unref (f->days);
}

typedef struct
{
  guint met, not_met, stale, no_data, holds, several_episodes, archived, later_trials, due;
} Seen;

/* Both invalid, or the same day. */
static void
assert_same_date (const GDate *a,
                  const GDate *b)
{
  g_assert_cmpint (g_date_valid (a), ==, g_date_valid (b));
  if (g_date_valid (a))
    g_assert_cmpint (g_date_compare (a, b), ==, 0);
}

/* The evaluation of @bulk equals that of @alone, criterion by criterion and hold by hold. */
static void
assert_same_evaluation (const VastusEvaluation *bulk,
                        const VastusEvaluation *alone,
                        Seen                   *seen)
{
  g_assert_cmpuint (bulk->results->len, ==, alone->results->len);
  for (guint i = 0; i < alone->results->len; i++)
    {
      const VastusCriterionResult *a = g_ptr_array_index (bulk->results, i);
      const VastusCriterionResult *b = g_ptr_array_index (alone->results, i);

      g_assert_cmpint (a->status, ==, b->status);
      g_assert_cmpstr (a->reason_code, ==, b->reason_code);
      g_assert_cmpstr (a->measure, ==, b->measure);
      g_assert_true (vastus_same_number (a->value, b->value));
      assert_same_date (&a->visit_date, &b->visit_date);
      assert_same_date (&a->first_met, &b->first_met);
      seen->met += b->status == VASTUS_STATUS_MET;
      seen->not_met += b->status == VASTUS_STATUS_NOT_MET;
      seen->stale += g_strcmp0 (b->reason_code, "stale") == 0;
      seen->no_data += g_strcmp0 (b->reason_code, "no_data") == 0;
    }
  g_assert_cmpuint (bulk->met, ==, alone->met);
  g_assert_cmpint (bulk->ready, ==, alone->ready);
  g_assert_cmpuint (bulk->holds->len, ==, alone->holds->len);
  for (guint i = 0; i < alone->holds->len; i++)
    {
      const VastusSafetyFlag *a = g_ptr_array_index (bulk->holds, i);
      const VastusSafetyFlag *b = g_ptr_array_index (alone->holds, i);

      g_assert_cmpstr (a->code, ==, b->code);
      g_assert_cmpstr (a->brief, ==, b->brief);
    }
  seen->holds += alone->holds->len;
}

static void
test_same_verdicts (Fixture       *f,
                    gconstpointer  data)
{
  const VastusClinicRules *rules = data;
  VastusPatientQuery everyone = { NULL, FALSE, VASTUS_PATIENT_SORT_MRN, 0, 0 };
  VastusPatientQuery archived = { NULL, TRUE, VASTUS_PATIENT_SORT_MRN, 0, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) patients = vastus_database_list_patients (f->db, &everyone, &error);
  g_autoptr(GPtrArray) gone = vastus_database_list_patients (f->db, &archived, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) bulk = NULL;
  g_autoptr(GHashTable) sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) vastus_criteria_set_free);
  g_autoptr(VastusCriteriaSet) none = vastus_criteria_set_new ();
  Seen seen = { 0 };
  GDate as_of;
  guint n = 0;

  g_assert_no_error (error);
  /* 2025-12-01: the generated visits run from late 2024 into 2026. */
  day (&as_of, 334);
  rows = vastus_database_list_caseload (f->db, &as_of, rules, 4, NULL, &error);
  g_assert_no_error (error);
  bulk = vastus_database_load_current_histories (f->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, bulk->len);

  for (guint i = 0; i < patients->len; i++)
    {
      const VastusPatientSummary *s = g_ptr_array_index (patients, i);
      g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (f->db, s->patient->id, &error);
      g_autoptr(VastusHistory) alone = NULL;
      g_autoptr(VastusEvaluation) ev = NULL;
      g_autoptr(VastusEvaluation) ev_bulk = NULL;
      const VastusEpisode *episode;
      const VastusCaseloadRow *row;
      const VastusHistory *history;
      const VastusCriteriaSet *set;
      const char *id;
      guint n_visits;

      g_assert_no_error (error);
      if (episodes->len == 0)
        continue;
      seen.several_episodes += episodes->len > 1;
      /* The most recent episode, against its condition's built-in set. */
      episode = g_ptr_array_index (episodes, 0);
      id = vastus_criteria_default_for (episode->condition);
      set = none;
      if (id != NULL)
        {
          set = g_hash_table_lookup (sets, id);
          if (set == NULL)
            {
              VastusCriteriaSet *read = vastus_database_get_criteria_set (f->db, id, 0, &error);

              g_assert_no_error (error);
              g_hash_table_insert (sets, g_strdup (id), read);
              set = read;
            }
        }
      alone = vastus_database_load_episode_history (f->db, s->patient, episode, &error);
      g_assert_no_error (error);
      ev = vastus_evaluate (alone, set, &as_of, rules);

      g_assert_cmpuint (n, <, rows->len);
      row = g_ptr_array_index (rows, n);
      history = g_ptr_array_index (bulk, n);
      n++;

      /* The bulk loader read the same history. */
      g_assert_cmpint (history->patient->id, ==, s->patient->id);
      g_assert_cmpint (history->episode->id, ==, episode->id);
      g_assert_cmpuint (history->visits->len, ==, alone->visits->len);
      for (guint v = 0; v < alone->visits->len; v++)
        {
          const VastusVisit *a = g_ptr_array_index (history->visits, v);
          const VastusVisit *b = g_ptr_array_index (alone->visits, v);

          g_assert_cmpint (a->id, ==, b->id);
          g_assert_cmpuint (a->measurements->len, ==, b->measurements->len);
          for (guint m = 0; m < b->measurements->len; m++)
            {
              const VastusMeasurement *ma = g_ptr_array_index (a->measurements, m);
              const VastusMeasurement *mb = g_ptr_array_index (b->measurements, m);

              g_assert_cmpint (ma->id, ==, mb->id);
              g_assert_cmpstr (ma->measure, ==, mb->measure);
              g_assert_cmpint (ma->side, ==, mb->side);
              g_assert_cmpint (ma->trial, ==, mb->trial);
              g_assert_true (vastus_same_number (ma->value, mb->value));
              g_assert_cmpstr (ma->unit, ==, mb->unit);
              g_assert_cmpint (ma->baseline, ==, mb->baseline);
              seen.later_trials += mb->trial > 1;
            }
        }
      ev_bulk = vastus_evaluate (history, set, &as_of, rules);
      assert_same_evaluation (ev_bulk, ev, &seen);

      /* The caseload row says what that evaluation says. */
      g_assert_cmpint (row->patient_id, ==, s->patient->id);
      g_assert_cmpint (row->episode_id, ==, episode->id);
      g_assert_cmpuint (row->n_criteria, ==, ev->results->len);
      g_assert_cmpuint (row->met, ==, ev->met);
      g_assert_true (vastus_same_number (row->weeks_since, ev->weeks_since_surgery));
      g_assert_cmpuint (g_strv_length (row->flags), ==, ev->holds->len);
      for (guint h = 0; h < ev->holds->len; h++)
        g_assert_cmpstr (row->flags[h], ==, ((VastusSafetyFlag *) g_ptr_array_index (ev->holds, h))->code);
      n_visits = vastus_history_count_until (alone, &as_of);
      if (n_visits == 0)
        g_assert_false (g_date_valid (&row->last_visit));
      else
        g_assert_cmpint (g_date_compare (&row->last_visit,
                                         &vastus_history_get_visit (alone, n_visits - 1)->date), ==, 0);
      /* Due for a re-test (every 4 weeks, as asked above): no visit yet, or 28 days or more
       * since the last one up to the as-of date. */
      g_assert_cmpint (row->due, ==,
                       n_visits == 0 ||
                       g_date_days_between (&vastus_history_get_visit (alone, n_visits - 1)->date,
                                            &as_of) >= 28);
      seen.due += row->due;
    }
  g_assert_cmpuint (n, ==, rows->len);

  /* The clinic was as varied as meant: archived patients left out, patients with several
   * episodes, met and unmet criteria, results not tested for lack of data, safety holds, and
   * with a window (the default's four weeks) stale results. */
  for (guint i = 0; i < gone->len; i++)
    for (guint r = 0; r < rows->len; r++)
      g_assert_cmpint (((VastusCaseloadRow *) g_ptr_array_index (rows, r))->patient_id, !=,
                       ((VastusPatientSummary *) g_ptr_array_index (gone, i))->patient->id);
  g_test_message ("%u rows, %u archived, %u with several episodes; criteria: %u met, %u not met, "
                  "%u stale, %u without data; %u holds; %u second or third trials", rows->len,
                  gone->len, seen.several_episodes, seen.met, seen.not_met, seen.stale, seen.no_data,
                  seen.holds, seen.later_trials);
  g_assert_cmpuint (gone->len, >, 0);
  g_assert_cmpuint (seen.several_episodes, >, 0);
  g_assert_cmpuint (seen.met, >, 0);
  g_assert_cmpuint (seen.not_met, >, 0);
  g_assert_cmpuint (seen.no_data, >, 0);
  g_assert_cmpuint (seen.holds, >, 0);
  g_assert_cmpuint (seen.later_trials, >, 0);
  g_assert_cmpuint (seen.due, >, 0);
  g_assert_cmpuint (seen.due, <, rows->len);
  if (rules == NULL || rules->max_age_weeks > 0)
    g_assert_cmpuint (seen.stale, >, 0);
  else
    g_assert_cmpuint (seen.stale, ==, 0);
}

/* Patients who sort after the generated ones (CV-000 to CV-047), so in the last part of the list
 * whatever the number of threads: a right ACL reconstruction on 2025-06-01, the surgeon allowing
 * no maximal testing before 2026-01-15, and one visit on 2025-11-20 with pain 6.5/10. As of
 * 2025-12-01 each holds for pain (6.5 ≥ the default limit of 5) and for the surgeon's
 * restriction (2025-12-01 is before 2026-01-15). */
#define N_LATE 6

static void
add_late_patients (Fixture *f)
{
  for (int p = 0; p < N_LATE; p++)
    {
      g_autoptr(VastusPatient) patient = vastus_patient_new ();
      g_autoptr(VastusEpisode) episode = vastus_episode_new ();
      g_autoptr(VastusVisit) visit = vastus_visit_new ();
      g_autoptr(GError) error = NULL;

      patient->mrn = g_strdup_printf ("CV-9%02d", p);
      patient->family_name = g_strdup ("Late");
      patient->given_name = g_strdup ("Lee");
      g_assert_true (vastus_database_insert_patient (f->db, patient, &error));
      g_assert_no_error (error);
      episode->patient_id = patient->id;
      episode->condition = VASTUS_CONDITION_ACLR;
      episode->involved_side = VASTUS_SIDE_RIGHT;
      g_date_set_dmy (&episode->surgery_date, 1, G_DATE_JUNE, 2025);
      g_date_set_dmy (&episode->no_max_test_before, 15, G_DATE_JANUARY, 2026);
      g_assert_true (vastus_database_insert_episode (f->db, episode, &error));
      g_assert_no_error (error);
      visit->episode_id = episode->id;
      g_date_set_dmy (&visit->date, 20, G_DATE_NOVEMBER, 2025);
      vastus_visit_add_measurement (visit, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, 1,
                                                                   6.5, "points"));
      g_assert_true (vastus_database_insert_visit (f->db, visit, &error));
      g_assert_no_error (error);
    }
}

/* The rows of the clinic's current histories, against each condition's built-in set, made by
 * @n_threads threads (vastus_caseload_rows_new). */
static GPtrArray *
rows_by_threads (Fixture     *f,
                 const GDate *as_of,
                 guint        n_threads)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) histories = vastus_database_load_current_histories (f->db, FALSE, &error);
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify) vastus_criteria_set_free);

  g_assert_no_error (error);
  for (guint i = 0; i < histories->len; i++)
    {
      const VastusHistory *history = g_ptr_array_index (histories, i);
      const char *id = vastus_criteria_default_for (history->episode->condition);
      VastusCriteriaSet *set = NULL;

      if (id != NULL)
        {
          set = vastus_database_get_criteria_set (f->db, id, 0, &error);
          g_assert_no_error (error);
        }
      g_ptr_array_add (sets, set);
    }
  return vastus_caseload_rows_new (histories, (const VastusCriteriaSet * const *) sets->pdata,
                                   as_of, NULL, 4, n_threads);
}

static void
assert_same_rows (GPtrArray *a,
                  GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const VastusCaseloadRow *x = g_ptr_array_index (a, i);
      const VastusCaseloadRow *y = g_ptr_array_index (b, i);

      g_assert_cmpint (x->patient_id, ==, y->patient_id);
      g_assert_cmpint (x->episode_id, ==, y->episode_id);
      g_assert_cmpstr (x->mrn, ==, y->mrn);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->treating_therapist, ==, y->treating_therapist);
      g_assert_cmpint (x->condition, ==, y->condition);
      g_assert_cmpint (x->involved_side, ==, y->involved_side);
      g_assert_true (vastus_same_number (x->weeks_since, y->weeks_since));
      assert_same_date (&x->last_visit, &y->last_visit);
      g_assert_cmpstr (x->criteria_set, ==, y->criteria_set);
      g_assert_cmpuint (x->n_criteria, ==, y->n_criteria);
      g_assert_cmpuint (x->met, ==, y->met);
      g_assert_true (g_strv_equal ((const char * const *) x->flags, (const char * const *) y->flags));
      g_assert_true (g_strv_equal ((const char * const *) x->flag_briefs,
                                   (const char * const *) y->flag_briefs));
      g_assert_cmpint (x->due, ==, y->due);
    }
}

/* The brief of flag @code in @row, or NULL. */
static const char *
brief_of (const VastusCaseloadRow *row,
          const char              *code)
{
  for (guint i = 0; row->flags[i] != NULL; i++)
    if (g_str_equal (row->flags[i], code))
      return row->flag_briefs[i];
  return NULL;
}

/* The rows made by one thread, by three (the caller's and two more, each a third of the list) and
 * by the caseload itself are the same rows in the same order, in English and in German: the
 * other threads write in the caller's language and conventions. The late patients, in the last
 * third (a thread of its own), say so in words worked by hand. */
static void
test_threads (Fixture       *f,
              gconstpointer  data)
{
  const char *language = data;
  g_autoptr(GPtrArray) one = NULL;
  g_autoptr(GPtrArray) three = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  GDate as_of;
  guint late = 0;

  add_late_patients (f);
  /* 2025-12-01, as above. */
  day (&as_of, 334);
  if (language != NULL)
    {
      g_assert_true (vastus_i18n_push_language (language, &error));
      g_assert_no_error (error);
      g_assert_true (vastus_display_push_language (language));
    }
  one = rows_by_threads (f, &as_of, 1);
  three = rows_by_threads (f, &as_of, 3);
  listed = vastus_database_list_caseload (f->db, &as_of, NULL, 4, NULL, &error);
  g_assert_no_error (error);
  if (language != NULL)
    {
      vastus_display_pop ();
      vastus_i18n_pop_language ();
    }
  g_assert_cmpuint (one->len, >=, 3 * N_LATE);
  assert_same_rows (one, three);
  assert_same_rows (one, listed);

  for (guint i = 2 * three->len / 3; i < three->len; i++)
    {
      const VastusCaseloadRow *row = g_ptr_array_index (three, i);

      if (!g_str_has_prefix (row->mrn, "CV-9"))
        continue;
      late++;
      if (language == NULL)
        {
          g_assert_cmpstr (brief_of (row, "pain"), ==, "pain 6.5/10");
          g_assert_cmpstr (brief_of (row, "surgeon-restriction"), ==,
                           "surgeon’s restriction until 2026-01-15");
        }
      else
        {
          /* po/de.po: "Schmerz %s/10", "Einschränkung des Operateurs bis %s"; German writes
           * 6,5 and 15.01.2026. */
          g_assert_cmpstr (brief_of (row, "pain"), ==, "Schmerz 6,5/10");
          g_assert_cmpstr (brief_of (row, "surgeon-restriction"), ==,
                           "Einschränkung des Operateurs bis 15.01.2026");
        }
    }
  g_assert_cmpuint (late, ==, N_LATE);
}

/* A criteria set that cannot be read (its criteria's table gone) fails the whole list with the
 * database's error, and no rows. */
static void
test_set_unreadable (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GDate as_of;

  day (&as_of, 334);
  g_assert_true (storage_test_exec (f->db, "ALTER TABLE criterion RENAME TO criterion_gone", NULL));
  rows = vastus_database_list_caseload (f->db, &as_of, NULL, 4, NULL, &error);
  g_assert_null (rows);
  g_assert_nonnull (error);
  g_assert_true (error->domain == VASTUS_STORE_ERROR);
  g_assert_cmpint (error->code, !=, VASTUS_STORE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  /* Pain limit 5, no maximal test before 12 weeks, results of any age. */
  static const VastusClinicRules any_age = { 5, 12, 0 };

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/storage/caseload-verdicts/default-rules", Fixture, NULL, fixture_setup,
              test_same_verdicts, fixture_teardown);
  g_test_add ("/storage/caseload-verdicts/any-age", Fixture, &any_age, fixture_setup,
              test_same_verdicts, fixture_teardown);
  g_test_add ("/storage/caseload-verdicts/threads", Fixture, NULL, fixture_setup, test_threads,
              fixture_teardown);
  g_test_add ("/storage/caseload-verdicts/threads-german", Fixture, "de", fixture_setup,
              test_threads, fixture_teardown);
  g_test_add ("/storage/caseload-verdicts/set-unreadable", Fixture, NULL, fixture_setup,
              test_set_unreadable, fixture_teardown);
  return g_test_run ();
}
