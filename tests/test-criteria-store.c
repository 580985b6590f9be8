/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Criteria sets in the database: the seeded built-in sets equal the model's data exactly;
 * copies, versions, refusals; evaluation records.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>

#include "clinical-fixture.h"
#include "vastus-criteria-store.h"
#include "vastus-sqlite-private.h"
#include "storage-test-util.h"

typedef struct
{
  char           *dir;
  char           *path;
  VastusDatabase *db;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (storage_test_on_server ())
    {
      f->db = storage_test_open ();
      f->path = g_strdup (storage_test_last_uri ());
      vastus_database_set_actor (f->db, "tester");
      return;
    }
  f->dir = g_dir_make_tmp ("vastus-criteria-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->db = vastus_database_open (f->path, &error);
  g_assert_no_error (error);
  vastus_database_set_actor (f->db, "tester");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->db);
  g_clear_pointer (&f->path, g_free);
  if (f->dir == NULL)
    return;
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static void
assert_set_equal (const VastusCriteriaSet *model,
                  const VastusCriteriaSet *stored)
{
  g_test_message ("%s version %d", model->id, model->version);
  g_assert_nonnull (stored->created);
  /* field by field first, for a readable failure */
  g_assert_cmpint (stored->version, ==, model->version);
  g_assert_cmpstr (stored->title, ==, model->title);
  g_assert_cmpstr (stored->source, ==, model->source);
  g_assert_cmpstr (stored->notes, ==, model->notes);
  g_assert_true (stored->builtin);
  g_assert_cmpuint (stored->criteria->len, ==, model->criteria->len);
  for (guint j = 0; j < model->criteria->len; j++)
    {
      const VastusCriterion *a = g_ptr_array_index (model->criteria, j);
      const VastusCriterion *b = g_ptr_array_index (stored->criteria, j);

      g_assert_cmpstr (b->id, ==, a->id);
      g_assert_cmpstr (b->label, ==, a->label);
      g_assert_cmpfloat (b->threshold, ==, a->threshold);
      g_assert_cmpint (b->comparator, ==, a->comparator);
      g_assert_cmpint (b->metric, ==, a->metric);
      g_assert_cmpint (b->sex, ==, a->sex);
      g_assert_cmpstr (b->source, ==, a->source);
      g_assert_true (vastus_criterion_equal (a, b));
    }
  g_assert_true (vastus_criteria_set_equal (model, stored));
}

/* The migrations' seeded rows equal vastus_criteria_builtin_*() field by field, every version of
 * every set; the list holds the latest versions. */
static void
test_seeded_equal_model (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = vastus_database_list_criteria_sets (f->db, &error);
  guint n_versions = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (sets->len, ==, vastus_criteria_builtin_get_n ());
  for (guint i = 0; i < vastus_criteria_builtin_get_n (); i++)
    {
      g_autoptr(VastusCriteriaSet) latest = vastus_criteria_builtin_get_nth (i);
      g_autoptr(GPtrArray) stored_versions = vastus_database_list_criteria_set_versions (f->db, latest->id, &error);
      gboolean listed = FALSE;

      g_assert_no_error (error);
      g_assert_cmpuint (stored_versions->len, ==, latest->version);
      for (int v = 1; v <= latest->version; v++)
        {
          g_autoptr(VastusCriteriaSet) model = vastus_criteria_builtin_lookup_version (latest->id, v);
          g_autoptr(VastusCriteriaSet) stored = vastus_database_get_criteria_set (f->db, latest->id, v, &error);

          g_assert_no_error (error);
          assert_set_equal (model, stored);
          assert_set_equal (model, g_ptr_array_index (stored_versions, v - 1));
          n_versions++;
        }
      for (guint k = 0; k < sets->len; k++)
        if (vastus_criteria_set_equal (latest, g_ptr_array_index (sets, k)))
          listed = TRUE;
      g_assert_true (listed);
    }
  /* six sets; late-phase, return-to-sport and Gokeler have a version 2 */
  g_assert_cmpuint (n_versions, ==, 9);
  g_assert_null (vastus_criteria_builtin_lookup_version ("aclr-return-to-sport", 3));
}

static void
test_get_missing (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCriteriaSet) none = vastus_database_get_criteria_set (f->db, "no-such-set", 0, &error);
  g_autoptr(VastusCriteriaSet) v2 = NULL;

  g_assert_null (none);
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  v2 = vastus_database_get_criteria_set (f->db, "aclr-gokeler", 3, &error);
  g_assert_null (v2);
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
}

static void
test_builtin_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCriteriaSet) set = vastus_database_get_criteria_set (f->db, "aclr-return-to-sport", 0, &error);
  g_autoptr(VastusCriteriaSet) after = NULL;
  VastusCriterion *c = g_ptr_array_index (set->criteria, 0);

  c->threshold = 80;
  g_assert_false (vastus_database_save_criteria_set (f->db, set, &error));
  g_assert_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_BUILTIN);
  g_assert_cmpint (set->version, ==, 2);
  g_clear_error (&error);

  /* a clinic set pretending to be built-in by clearing the flag is refused too */
  set->builtin = FALSE;
  g_assert_false (vastus_database_save_criteria_set (f->db, set, &error));
  g_assert_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_BUILTIN);
  g_clear_error (&error);

  after = vastus_database_get_criteria_set (f->db, "aclr-return-to-sport", 0, &error);
  g_assert_cmpint (after->version, ==, 2);
  g_assert_cmpfloat (((VastusCriterion *) g_ptr_array_index (after->criteria, 0))->threshold, ==, 90);

  /* and the database itself refuses to change a row (its triggers: CONSTRAINT) */
  {
    int code = 0;

    g_assert_false (storage_test_exec (f->db, "UPDATE criterion SET threshold = 1", &code));
    g_assert_cmpint (code, ==, VASTUS_STORE_ERROR_CONSTRAINT);
    g_assert_false (storage_test_exec (f->db, "DELETE FROM criteria_set WHERE id = 'aclr-gokeler'", &code));
    g_assert_cmpint (code, ==, VASTUS_STORE_ERROR_CONSTRAINT);
  }
}

static void
test_copy_and_versions (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCriteriaSet) copy = NULL;
  g_autoptr(VastusCriteriaSet) again = NULL;
  g_autoptr(VastusCriteriaSet) v1 = NULL;
  g_autoptr(VastusCriteriaSet) latest = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  VastusCriterion *c;

  /* version 1 of the built-in set, to keep judging as before: 8 criteria */
  copy = vastus_database_copy_criteria_set_version (f->db, "aclr-return-to-sport", 1, "clinic-rts",
                                                    "Our RTS", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (copy->id, ==, "clinic-rts");
  g_assert_cmpint (copy->version, ==, 1);
  g_assert_false (copy->builtin);
  g_assert_cmpstr (copy->based_on, ==, "aclr-return-to-sport@1");
  g_assert_cmpstr (copy->title, ==, "Our RTS");
  g_assert_cmpuint (copy->criteria->len, ==, 8);

  /* the latest: version 2, 12 criteria; a version that does not exist is refused */
  again = vastus_database_copy_criteria_set (f->db, "aclr-return-to-sport", "clinic-rts-2", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->based_on, ==, "aclr-return-to-sport@2");
  g_assert_cmpuint (again->criteria->len, ==, 12);
  g_clear_pointer (&again, vastus_criteria_set_free);
  again = vastus_database_copy_criteria_set_version (f->db, "aclr-return-to-sport", 3, "clinic-rts-3",
                                                     NULL, &error);
  g_assert_null (again);
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* taken ids: the copy's and a built-in one */
  again = vastus_database_copy_criteria_set (f->db, "aclr-gokeler", "clinic-rts", NULL, &error);
  g_assert_null (again);
  g_assert_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_EXISTS);
  g_clear_error (&error);
  again = vastus_database_copy_criteria_set (f->db, "clinic-rts", "aclr-gokeler", NULL, &error);
  g_assert_null (again);
  g_assert_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_EXISTS);
  g_clear_error (&error);

  /* edit: > 90 instead of ≥ 90 → version 2, version 1 kept */
  c = g_ptr_array_index (copy->criteria, 0);
  c->comparator = VASTUS_COMPARATOR_GT;
  g_assert_true (vastus_database_save_criteria_set (f->db, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (copy->version, ==, 2);

  v1 = vastus_database_get_criteria_set (f->db, "clinic-rts", 1, &error);
  latest = vastus_database_get_criteria_set (f->db, "clinic-rts", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((VastusCriterion *) g_ptr_array_index (v1->criteria, 0))->comparator, ==, VASTUS_COMPARATOR_GE);
  g_assert_cmpint (latest->version, ==, 2);
  g_assert_cmpint (((VastusCriterion *) g_ptr_array_index (latest->criteria, 0))->comparator, ==, VASTUS_COMPARATOR_GT);
  g_assert_true (vastus_criteria_set_equal (latest, copy));

  /* an invalid edit saves nothing */
  c->threshold = NAN;
  g_assert_false (vastus_database_save_criteria_set (f->db, copy, &error));
  g_assert_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (copy->version, ==, 2);

  sets = vastus_database_list_criteria_sets (f->db, &error);
  g_assert_cmpuint (sets->len, ==, vastus_criteria_builtin_get_n () + 2);
  g_assert_cmpstr (((VastusCriteriaSet *) g_ptr_array_index (sets, sets->len - 2))->id, ==, "clinic-rts");
  g_assert_cmpint (((VastusCriteriaSet *) g_ptr_array_index (sets, sets->len - 2))->version, ==, 2);
  versions = vastus_database_list_criteria_set_versions (f->db, "clinic-rts", &error);
  g_assert_cmpuint (versions->len, ==, 2);
}

/* Two saves of one set at once: another connection saves as this one starts its write. The
 * latest version is read under the write lock: this one, read at version 1, is refused as a
 * conflict naming the other's clinician, and saves as version 3 once it has read version 2. */
typedef struct
{
  VastusDatabase *other;
  gboolean        done;
} Race;

static int
race_cb (unsigned int  type,
         void         *data,
         void         *stmt,
         void         *sql)
{
  Race *race = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCriteriaSet) theirs = NULL;

  if (race->done || !g_str_equal (sqlite3_sql (stmt), "BEGIN IMMEDIATE"))
    return 0;
  race->done = TRUE;
  theirs = vastus_database_get_criteria_set (race->other, "clinic-rts", 0, &error);
  g_assert_no_error (error);
  g_free (theirs->title);
  theirs->title = g_strdup ("Theirs");
  g_assert_true (vastus_database_save_criteria_set (race->other, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (theirs->version, ==, 2);
  return 0;
}

static void
test_save_race (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCriteriaSet) mine = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  Race race = { NULL, FALSE };

  mine = vastus_database_copy_criteria_set (f->db, "aclr-return-to-sport", "clinic-rts", NULL, &error);
  g_assert_no_error (error);
  race.other = vastus_database_open (f->path, &error);
  g_assert_no_error (error);
  vastus_database_set_actor (race.other, "Other Clinician");
  sqlite3_trace_v2 (_vastus_database_get_handle (f->db), SQLITE_TRACE_STMT, race_cb, &race);

  g_free (mine->title);
  mine->title = g_strdup ("Mine");
  g_assert_false (vastus_database_save_criteria_set (f->db, mine, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, "Other Clinician changed this criteria set at "));
  g_clear_error (&error);
  g_assert_true (race.done);
  g_assert_cmpint (mine->version, ==, 1);
  sqlite3_trace_v2 (_vastus_database_get_handle (f->db), 0, NULL, NULL);
  g_clear_pointer (&mine, vastus_criteria_set_free);
  mine = vastus_database_get_criteria_set (f->db, "clinic-rts", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mine->version, ==, 2);
  g_free (mine->title);
  mine->title = g_strdup ("Mine");
  g_assert_true (vastus_database_save_criteria_set (f->db, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mine->version, ==, 3);

  versions = vastus_database_list_criteria_set_versions (f->db, "clinic-rts", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 3);
  g_assert_cmpstr (((VastusCriteriaSet *) versions->pdata[1])->title, ==, "Theirs");
  g_assert_cmpstr (((VastusCriteriaSet *) versions->pdata[2])->title, ==, "Mine");
  g_clear_object (&race.other);
}

/* Two copies to one new id at once: another connection copies as this one starts its write.
 * The id is checked under the write lock, so this one is told the set exists (it was checked
 * before, and the insert failed on the primary key with SQLite's words). */
static int
copy_race_cb (unsigned int  type,
              void         *data,
              void         *stmt,
              void         *sql)
{
  Race *race = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCriteriaSet) theirs = NULL;

  if (race->done || !g_str_equal (sqlite3_sql (stmt), "BEGIN IMMEDIATE"))
    return 0;
  race->done = TRUE;
  theirs = vastus_database_copy_criteria_set (race->other, "aclr-return-to-sport", "clinic-rts",
                                              "Theirs", &error);
  g_assert_no_error (error);
  g_assert_nonnull (theirs);
  return 0;
}

static void
test_copy_race (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusCriteriaSet) mine = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  Race race = { NULL, FALSE };

  race.other = vastus_database_open (f->path, &error);
  g_assert_no_error (error);
  sqlite3_trace_v2 (_vastus_database_get_handle (f->db), SQLITE_TRACE_STMT, copy_race_cb, &race);
  mine = vastus_database_copy_criteria_set (f->db, "aclr-return-to-sport", "clinic-rts", "Mine",
                                            &error);
  sqlite3_trace_v2 (_vastus_database_get_handle (f->db), 0, NULL, NULL);
  g_assert_true (race.done);
  g_assert_null (mine);
  g_assert_error (error, VASTUS_CRITERIA_ERROR, VASTUS_CRITERIA_ERROR_EXISTS);
  g_assert_cmpstr (error->message, ==, "A criteria set “clinic-rts” exists already");
  g_clear_error (&error);

  versions = vastus_database_list_criteria_set_versions (f->db, "clinic-rts", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_cmpstr (((VastusCriteriaSet *) versions->pdata[0])->title, ==, "Theirs");
  g_clear_object (&race.other);
}

static void
test_history_and_evaluation (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(VastusCriteriaSet) set = NULL;
  g_autoptr(VastusEvaluation) ev = NULL;
  const char *dates[] = { "2026-05-04", "2026-03-02" };   /* stored out of order */
  GDate as_of = fx_date ("2026-06-01");

  patient->mrn = g_strdup ("CS-1");
  patient->name = g_strdup ("Store Test");
  patient->sex = VASTUS_SEX_FEMALE;
  g_assert_true (vastus_database_insert_patient (f->db, patient, &error));
  g_assert_no_error (error);
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  episode->surgery_date = fx_date ("2026-01-05");
  g_assert_true (vastus_database_insert_episode (f->db, episode, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(VastusVisit) visit = vastus_visit_new ();

      visit->episode_id = episode->id;
      visit->date = fx_date (dates[i]);
      vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_mvic", VASTUS_SIDE_LEFT, 1, 150 + 30 * (1 - i), "Nm"));
      vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_mvic", VASTUS_SIDE_RIGHT, 1, 200, "Nm"));
      g_assert_true (vastus_database_insert_visit (f->db, visit, &error));
      g_assert_no_error (error);
    }

  history = vastus_database_load_history (f->db, episode->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (history->patient->mrn, ==, "CS-1");
  g_assert_cmpuint (history->visits->len, ==, 2);
  fx_assert_date (&((VastusVisit *) g_ptr_array_index (history->visits, 0))->date, "2026-03-02");

  set = vastus_database_get_criteria_set (f->db, "aclr-return-to-sport", 1, &error);
  ev = vastus_evaluate (history, set, &as_of, NULL);
  /* 2026-05-04: 180 × 100 / 200 = 90 ≥ 90; 28 days before 2026-06-01: within the 4 weeks */
  g_assert_cmpfloat (((VastusCriterionResult *) g_ptr_array_index (ev->results, 0))->value, ==, 90);
  g_assert_cmpuint (vastus_database_count_evaluations (f->db, episode->id, &error), ==, 0);
  g_assert_true (vastus_database_insert_evaluation (f->db, episode->id, ev, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vastus_database_count_evaluations (f->db, episode->id, &error), ==, 1);
  /* the record names the set version and the window, and the verdict (hops missing: not ready) */
  {
    g_autofree char *set_id = storage_test_query_text (f->db, "SELECT set_id FROM evaluation");

    g_assert_cmpstr (set_id, ==, "aclr-return-to-sport");
    g_assert_cmpint (storage_test_query_int (f->db, "SELECT set_version FROM evaluation"), ==, 1);
    g_assert_cmpint (storage_test_query_int (f->db, "SELECT max_age_weeks FROM evaluation"), ==, 4);
    g_assert_cmpint (storage_test_query_int (f->db, "SELECT ready FROM evaluation"), ==, 0);
  }

  /* the bulk loader gives the same history; a deleted visit is left out */
  {
    g_autoptr(GPtrArray) all = vastus_database_load_current_histories (f->db, FALSE, &error);
    g_autoptr(GPtrArray) after = NULL;
    const VastusHistory *bulk;

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 1);
    bulk = g_ptr_array_index (all, 0);
    g_assert_cmpstr (bulk->patient->mrn, ==, "CS-1");
    g_assert_cmpint (bulk->episode->id, ==, episode->id);
    g_assert_cmpuint (bulk->visits->len, ==, 2);
    for (guint i = 0; i < 2; i++)
      {
        const VastusVisit *a = g_ptr_array_index (history->visits, i);
        const VastusVisit *b = g_ptr_array_index (bulk->visits, i);

        g_assert_cmpint (g_date_compare (&a->date, &b->date), ==, 0);
        g_assert_cmpuint (b->measurements->len, ==, 2);
        g_assert_cmpfloat (vastus_visit_combined (a, "quadriceps_mvic", VASTUS_SIDE_LEFT, VASTUS_TRIALS_ALL), ==,
                           vastus_visit_combined (b, "quadriceps_mvic", VASTUS_SIDE_LEFT, VASTUS_TRIALS_ALL));
      }
    g_assert_true (vastus_database_delete_visit (f->db, ((VastusVisit *) g_ptr_array_index (bulk->visits, 0))->id, 0, &error));
    g_assert_no_error (error);
    after = vastus_database_load_current_histories (f->db, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (((VastusHistory *) g_ptr_array_index (after, 0))->visits->len, ==, 1);
  }
}

/* One set of row readers (vastus-visit-store.c): the bulk loader reads every field of every
 * visit and measurement as the visit store does, and as they were written. */
static void
assert_measurement (const VastusMeasurement *m,
                    const VastusMeasurement *want)
{
  g_assert_cmpint (m->id, ==, want->id);
  g_assert_cmpint (m->visit_id, ==, want->visit_id);
  g_assert_cmpstr (m->measure, ==, want->measure);
  g_assert_cmpint (m->side, ==, want->side);
  g_assert_cmpint (m->trial, ==, want->trial);
  g_assert_cmpfloat (m->value, ==, want->value);
  g_assert_cmpstr (m->unit, ==, want->unit);
  g_assert_true (m->knee_angle_deg == want->knee_angle_deg
                 || (isnan (m->knee_angle_deg) && isnan (want->knee_angle_deg)));
  g_assert_true (m->velocity_deg_s == want->velocity_deg_s
                 || (isnan (m->velocity_deg_s) && isnan (want->velocity_deg_s)));
  g_assert_true (m->lever_arm_m == want->lever_arm_m
                 || (isnan (m->lever_arm_m) && isnan (want->lever_arm_m)));
  g_assert_cmpstr (m->fixation, ==, want->fixation);
  g_assert_cmpint (m->baseline, ==, want->baseline);
}

static void
assert_visit (const VastusVisit *v,
              const VastusVisit *want)
{
  g_assert_cmpint (v->id, ==, want->id);
  g_assert_cmpint (v->episode_id, ==, want->episode_id);
  g_assert_cmpint (g_date_compare (&v->date, &want->date), ==, 0);
  g_assert_cmpstr (v->clinician, ==, want->clinician);
  g_assert_true (vastus_same_number (v->body_mass_kg, want->body_mass_kg));
  g_assert_true (vastus_same_number (v->height_cm, want->height_cm));
  g_assert_cmpstr (v->notes, ==, want->notes);
  g_assert_cmpuint (v->findings, ==, want->findings);
  g_assert_cmpuint (v->measurements->len, ==, want->measurements->len);
  for (guint i = 0; i < v->measurements->len; i++)
    assert_measurement (v->measurements->pdata[i], want->measurements->pdata[i]);
}

static void
test_bulk_reads_every_field (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusVisit) visit = vastus_visit_new ();
  g_autoptr(VastusHistory) history = NULL;
  g_autoptr(GPtrArray) all = NULL;
  VastusMeasurement *m;

  patient->mrn = g_strdup ("RF-1");
  patient->name = g_strdup ("Every Field");
  g_assert_true (vastus_database_insert_patient (f->db, patient, &error));
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_RIGHT;
  g_assert_true (vastus_database_insert_episode (f->db, episode, &error));
  visit->episode_id = episode->id;
  visit->date = fx_date ("2026-04-07");
  visit->clinician = g_strdup ("Dr Field");
  visit->body_mass_kg = 71.25;
  visit->height_cm = 178.5;
  visit->notes = g_strdup ("all there");
  visit->findings = 5;
  m = vastus_measurement_new ("quadriceps_hhd", VASTUS_SIDE_RIGHT, 2, 301.5, "lbf");
  m->knee_angle_deg = 60;
  m->lever_arm_m = 0.32;
  m->fixation = g_strdup ("belt");
  m->baseline = TRUE;
  vastus_visit_add_measurement (visit, m);
  m = vastus_measurement_new ("quadriceps_isokinetic_60", VASTUS_SIDE_LEFT, 1, 180.25, "Nm");
  m->velocity_deg_s = 60;
  vastus_visit_add_measurement (visit, m);
  g_assert_true (vastus_database_insert_visit (f->db, visit, &error));
  g_assert_no_error (error);

  history = vastus_database_load_history (f->db, episode->id, &error);
  g_assert_no_error (error);
  all = vastus_database_load_current_histories (f->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->visits->len, ==, 1);
  g_assert_cmpuint (all->len, ==, 1);
  /* As written, by both readers. */
  assert_visit (history->visits->pdata[0], visit);
  assert_visit (((VastusHistory *) all->pdata[0])->visits->pdata[0], visit);
}

/* A patient with an episode and one visit on @date holding one trial of quadriceps_mvic on the
 * left; its ids in @visit_id. */
static VastusPatient *
add_patient_with_visit (VastusDatabase *db,
                        const char     *mrn,
                        const char     *date,
                        double          left,
                        gint64         *visit_id)
{
  g_autoptr(GError) error = NULL;
  VastusPatient *patient = vastus_patient_new ();
  g_autoptr(VastusEpisode) episode = vastus_episode_new ();
  g_autoptr(VastusVisit) visit = vastus_visit_new ();

  patient->mrn = g_strdup (mrn);
  patient->name = g_strdup (mrn);
  g_assert_true (vastus_database_insert_patient (db, patient, &error));
  g_assert_no_error (error);
  episode->patient_id = patient->id;
  episode->condition = VASTUS_CONDITION_ACLR;
  episode->involved_side = VASTUS_SIDE_LEFT;
  g_assert_true (vastus_database_insert_episode (db, episode, &error));
  g_assert_no_error (error);
  visit->episode_id = episode->id;
  visit->date = fx_date (date);
  vastus_visit_add_measurement (visit, vastus_measurement_new ("quadriceps_mvic", VASTUS_SIDE_LEFT,
                                                               1, left, "N"));
  g_assert_true (vastus_database_insert_visit (db, visit, &error));
  g_assert_no_error (error);
  *visit_id = visit->id;
  return patient;
}

/* A trial of quadriceps_mvic saved into the stored visit @visit_id. */
static void
add_trial (VastusDatabase *db,
           gint64          visit_id,
           VastusSide      side,
           int             trial,
           double          value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusMeasurement) m = vastus_measurement_new ("quadriceps_mvic", side, trial, value, "N");

  g_assert_true (vastus_database_insert_measurement (db, visit_id, m, &error));
  g_assert_no_error (error);
}

/* @h is patient @mrn's history with the one visit @visit_id, whose measurements have @values in
 * that order. */
static void
assert_one_visit (const VastusHistory *h,
                  const char          *mrn,
                  gint64               visit_id,
                  const double        *values,
                  guint                n_values)
{
  const VastusVisit *v;

  g_assert_cmpstr (h->patient->mrn, ==, mrn);
  g_assert_cmpuint (h->visits->len, ==, 1);
  v = h->visits->pdata[0];
  g_assert_cmpint (v->id, ==, visit_id);
  g_assert_cmpuint (v->measurements->len, ==, n_values);
  for (guint i = 0; i < n_values; i++)
    g_assert_cmpfloat (((VastusMeasurement *) v->measurements->pdata[i])->value, ==, values[i]);
}

/* The bulk loader finds each measurement's visit whatever order they were saved in: trials added
 * to an earlier visit after later visits were saved, with an archived patient's (not listed) in
 * between. The expected values are the ones saved, worked by hand. */
static void
test_bulk_measurements_out_of_order (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) a = NULL, archived = NULL, b = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 visit_a, visit_archived, visit_b;
  const VastusVisit *v;

  a = add_patient_with_visit (f->db, "OO-1", "2026-03-02", 100, &visit_a);
  archived = add_patient_with_visit (f->db, "OO-2", "2026-03-03", 200, &visit_archived);
  b = add_patient_with_visit (f->db, "OO-3", "2026-03-04", 300, &visit_b);
  g_assert_true (vastus_database_set_patient_archived (f->db, archived->id, 0, TRUE, &error));
  g_assert_no_error (error);
  /* Saved last, each into a visit saved before: the first one's, then the archived one's, then
   * the first one's again. */
  add_trial (f->db, visit_a, VASTUS_SIDE_LEFT, 2, 110);
  add_trial (f->db, visit_archived, VASTUS_SIDE_LEFT, 2, 210);
  add_trial (f->db, visit_a, VASTUS_SIDE_RIGHT, 1, 120);

  all = vastus_database_load_current_histories (f->db, FALSE, &error);
  g_assert_no_error (error);
  /* The active patients by MRN: OO-1 with its three trials in the order saved (100, 110 on the
   * left, then 120 on the right), OO-3 with its one; OO-2 is archived. */
  g_assert_cmpuint (all->len, ==, 2);
  assert_one_visit (all->pdata[0], "OO-1", visit_a, (const double[]) { 100, 110, 120 }, 3);
  v = ((VastusHistory *) all->pdata[0])->visits->pdata[0];
  g_assert_cmpint (((VastusMeasurement *) v->measurements->pdata[2])->side, ==, VASTUS_SIDE_RIGHT);
  assert_one_visit (all->pdata[1], "OO-3", visit_b, (const double[]) { 300 }, 1);
}

/* Rows the tables keep out of the order of their ids (on PostgreSQL, a changed row is kept anew
 * after the others, and the bulk loader reads the tables as they lie): the histories are the
 * ones read patient by patient, visits by date, each visit's measurements by id. */
static void
test_bulk_rows_kept_out_of_order (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(VastusVisit) first = NULL;
  g_autoptr(VastusHistory) alone = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 first_id, second_id;
  const VastusHistory *bulk;
  VastusMeasurement *changed;

  patient = add_patient_with_visit (f->db, "KO-1", "2026-03-02", 100, &first_id);
  add_trial (f->db, first_id, VASTUS_SIDE_RIGHT, 1, 200);
  add_trial (f->db, first_id, VASTUS_SIDE_LEFT, 2, 110);
  {
    g_autoptr(VastusPatient) other = add_patient_with_visit (f->db, "KO-2", "2026-03-03", 300,
                                                             &second_id);
  }
  first = vastus_database_get_visit (f->db, first_id, &error);
  g_assert_no_error (error);
  {
    g_autoptr(VastusVisit) later = vastus_visit_new ();

    later->episode_id = first->episode_id;
    later->date = fx_date ("2026-03-16");
    vastus_visit_add_measurement (later, vastus_measurement_new ("quadriceps_mvic",
                                                                 VASTUS_SIDE_LEFT, 1, 150, "N"));
    g_assert_true (vastus_database_insert_visit (f->db, later, &error));
    g_assert_no_error (error);
  }
  /* Changed after everything else was saved: the first trial (100 → 105 N), then the first
   * visit itself (its notes). */
  g_assert_cmpuint (first->measurements->len, ==, 3);
  changed = first->measurements->pdata[0];
  g_assert_cmpfloat (changed->value, ==, 100);
  changed->value = 105;
  g_assert_true (vastus_database_update_measurement (f->db, changed, &error));
  g_assert_no_error (error);
  g_clear_pointer (&first, vastus_visit_free);
  first = vastus_database_get_visit (f->db, first_id, &error);
  g_assert_no_error (error);
  g_free (first->notes);
  first->notes = g_strdup ("changed last");
  g_assert_true (vastus_database_update_visit (f->db, first, &error));
  g_assert_no_error (error);

  alone = vastus_database_load_patient_history (f->db, "KO-1", 0, NULL, &error);
  g_assert_no_error (error);
  all = vastus_database_load_current_histories (f->db, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  bulk = all->pdata[0];
  g_assert_cmpstr (bulk->patient->mrn, ==, "KO-1");
  /* By date: 2 March (105 and 110 N on the left, 200 N on the right, by id: as saved), then
   * 16 March (150 N); as read alone. */
  g_assert_cmpuint (bulk->visits->len, ==, 2);
  g_assert_cmpuint (alone->visits->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    assert_visit (bulk->visits->pdata[i], alone->visits->pdata[i]);
  {
    const VastusVisit *v = bulk->visits->pdata[0];
    const double want[] = { 105, 200, 110 };

    g_assert_cmpint (v->id, ==, first_id);
    g_assert_cmpstr (v->notes, ==, "changed last");
    g_assert_cmpuint (v->measurements->len, ==, 3);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpfloat (((VastusMeasurement *) v->measurements->pdata[i])->value, ==, want[i]);
    for (guint i = 1; i < 3; i++)
      g_assert_cmpint (((VastusMeasurement *) v->measurements->pdata[i - 1])->id, <,
                       ((VastusMeasurement *) v->measurements->pdata[i])->id);
  }
  assert_one_visit (all->pdata[1], "KO-2", second_id, (const double[]) { 300 }, 1);
}

/* Another connection adds a trial to the visit as the bulk loader begins reading the
 * measurements (SQLite's statement hook): the loader reads from the snapshot its first query
 * began, so the list is the clinic as it was then, never half of the change; the next list has
 * it whole. */
typedef struct
{
  VastusDatabase *other;
  gint64          visit_id;
  gboolean        done;
} Meanwhile;

static int
meanwhile_cb (unsigned int  type,
              void         *data,
              void         *stmt,
              void         *sql)
{
  Meanwhile *meanwhile = data;

  if (meanwhile->done || strstr (sqlite3_sql (stmt), "FROM measurement m WHERE") == NULL)
    return 0;
  meanwhile->done = TRUE;
  add_trial (meanwhile->other, meanwhile->visit_id, VASTUS_SIDE_LEFT, 2, 110);
  return 0;
}

static void
test_bulk_one_snapshot (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusPatient) patient = NULL;
  g_autoptr(GPtrArray) during = NULL;
  g_autoptr(GPtrArray) after = NULL;
  Meanwhile meanwhile = { NULL, 0, FALSE };

  patient = add_patient_with_visit (f->db, "SN-1", "2026-03-02", 100, &meanwhile.visit_id);
  meanwhile.other = vastus_database_open (f->path, &error);
  g_assert_no_error (error);
  sqlite3_trace_v2 (_vastus_database_get_handle (f->db), SQLITE_TRACE_STMT, meanwhile_cb, &meanwhile);
  during = vastus_database_load_current_histories (f->db, FALSE, &error);
  sqlite3_trace_v2 (_vastus_database_get_handle (f->db), 0, NULL, NULL);
  g_assert_no_error (error);
  g_assert_true (meanwhile.done);
  /* As it was when the list began: the one trial of 100 N. */
  g_assert_cmpuint (during->len, ==, 1);
  assert_one_visit (during->pdata[0], "SN-1", meanwhile.visit_id, (const double[]) { 100 }, 1);
  after = vastus_database_load_current_histories (f->db, FALSE, &error);
  g_assert_no_error (error);
  assert_one_visit (after->pdata[0], "SN-1", meanwhile.visit_id, (const double[]) { 100, 110 }, 2);
  g_clear_object (&meanwhile.other);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/clinical/criteria-store/seeded-equal-model", Fixture, NULL, fixture_setup, test_seeded_equal_model, fixture_teardown);
  g_test_add ("/clinical/criteria-store/get-missing", Fixture, NULL, fixture_setup, test_get_missing, fixture_teardown);
  g_test_add ("/clinical/criteria-store/builtin-refused", Fixture, NULL, fixture_setup, test_builtin_refused, fixture_teardown);
  g_test_add ("/clinical/criteria-store/copy-and-versions", Fixture, NULL, fixture_setup, test_copy_and_versions, fixture_teardown);
  /* The races are staged from SQLite's statement hook, as the first connection begins. */
  if (!storage_test_on_server ())
    {
      g_test_add ("/clinical/criteria-store/save-race", Fixture, NULL, fixture_setup, test_save_race, fixture_teardown);
      g_test_add ("/clinical/criteria-store/copy-race", Fixture, NULL, fixture_setup, test_copy_race, fixture_teardown);
      g_test_add ("/clinical/criteria-store/bulk-one-snapshot", Fixture, NULL, fixture_setup, test_bulk_one_snapshot, fixture_teardown);
    }
  g_test_add ("/clinical/criteria-store/history-and-evaluation", Fixture, NULL, fixture_setup, test_history_and_evaluation, fixture_teardown);
  g_test_add ("/clinical/criteria-store/bulk-reads-every-field", Fixture, NULL, fixture_setup, test_bulk_reads_every_field, fixture_teardown);
  g_test_add ("/clinical/criteria-store/bulk-measurements-out-of-order", Fixture, NULL, fixture_setup, test_bulk_measurements_out_of_order, fixture_teardown);
  g_test_add ("/clinical/criteria-store/bulk-rows-kept-out-of-order", Fixture, NULL, fixture_setup, test_bulk_rows_kept_out_of_order, fixture_teardown);
  return g_test_run ();
}
