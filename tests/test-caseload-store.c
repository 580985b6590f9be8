/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The treating therapist of an episode (stored, read back, audited) and the caseload rows, worked
 * by hand on a small fixture: who is listed, weeks since surgery or injury, the last visit, the
 * safety flags, and the re-test boundary at exactly N weeks.
 */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "vastus-caseload-store.h"
#include "vastus-criteria-store.h"
#include "vastus-value.h"

typedef struct
{
  char           *dir;
  VastusDatabase *db;
  gint64          anna, ben, carl, dora, emil;
} Fixture;

static void
date_of (GDate      *out,
         const char *text)
{
  g_assert_true (vastus_date_parse (text, out, NULL));
}

static gint64
add_patient (Fixture    *f,
             const char *mrn,
             const char *family,
             const char *given,
             gboolean    archived)
{
  g_autoptr(VastusPatient) p = vastus_patient_new ();
  g_autoptr(GError) error = NULL;

  p->mrn = g_strdup (mrn);
  p->family_name = g_strdup (family);
  p->given_name = g_strdup (given);
  p->sex = VASTUS_SEX_FEMALE;
  g_assert_true (vastus_database_insert_patient (f->db, p, &error));
  g_assert_no_error (error);
  if (archived)
    {
      g_assert_true (vastus_database_set_patient_archived (f->db, p->id, 0, TRUE, &error));
      g_assert_no_error (error);
    }
  return p->id;
}

static gint64
add_episode (Fixture         *f,
             gint64           patient_id,
             VastusCondition  condition,
             VastusSide       side,
             const char      *surgery,
             const char      *injury,
             const char      *therapist)
{
  g_autoptr(VastusEpisode) e = vastus_episode_new ();
  g_autoptr(GError) error = NULL;

  e->patient_id = patient_id;
  e->condition = condition;
  e->involved_side = side;
  if (surgery != NULL)
    date_of (&e->surgery_date, surgery);
  if (injury != NULL)
    date_of (&e->injury_date, injury);
  e->treating_therapist = g_strdup (therapist);
  g_assert_true (vastus_database_insert_episode (f->db, e, &error));
  g_assert_no_error (error);
  return e->id;
}

static void
add_visit (Fixture    *f,
           gint64      episode_id,
           const char *date,
           double      pain)
{
  g_autoptr(VastusVisit) v = vastus_visit_new ();
  g_autoptr(GError) error = NULL;

  v->episode_id = episode_id;
  date_of (&v->date, date);
  if (!isnan (pain))
    vastus_visit_add_measurement (v, vastus_measurement_new ("pain_nrs", VASTUS_SIDE_NONE, 1, pain,
                                                             "points"));
  g_assert_true (vastus_database_insert_visit (f->db, v, &error));
  g_assert_no_error (error);
}

/* Anna: right ACL reconstruction 2025-12-01 (R. Osei), an older meniscus episode, visits
 * 2026-01-05 and 2026-02-02. Ben: patellofemoral pain since 2026-02-01 (M. Lind), one visit on
 * 2026-02-03 with pain 7. Carl: archived, with an episode. Dora: no episode. Emil: knee
 * arthroplasty on both sides, no dates, no visit, nobody named. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gint64 old, aclr, pfp;

  f->dir = g_dir_make_tmp ("vastus-caseload-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->db = vastus_database_open (path, &error);
  g_assert_no_error (error);
  vastus_database_set_actor (f->db, "tester");

  f->anna = add_patient (f, "CL-001", "Berg", "Anna", FALSE);
  old = add_episode (f, f->anna, VASTUS_CONDITION_MENISCUS, VASTUS_SIDE_LEFT, NULL, "2023-05-01",
                     "Old Therapist");
  aclr = add_episode (f, f->anna, VASTUS_CONDITION_ACLR, VASTUS_SIDE_RIGHT, "2025-12-01", NULL,
                      "R. Osei");
  add_visit (f, old, "2023-05-10", NAN);
  add_visit (f, aclr, "2026-01-05", NAN);
  add_visit (f, aclr, "2026-02-02", NAN);
  f->ben = add_patient (f, "CL-002", "Lund", "Ben", FALSE);
  pfp = add_episode (f, f->ben, VASTUS_CONDITION_PFP, VASTUS_SIDE_LEFT, NULL, "2026-02-01",
                     "M. Lind");
  add_visit (f, pfp, "2026-02-03", 7);
  f->carl = add_patient (f, "CL-003", "Archer", "Carl", TRUE);
  add_episode (f, f->carl, VASTUS_CONDITION_ACLR, VASTUS_SIDE_LEFT, "2025-11-01", NULL, "R. Osei");
  f->dora = add_patient (f, "CL-004", "Dahl", "Dora", FALSE);
  f->emil = add_patient (f, "CL-005", "Ek", "Emil", FALSE);
  add_episode (f, f->emil, VASTUS_CONDITION_TKA, VASTUS_SIDE_BOTH, NULL, NULL, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->db);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static GPtrArray *
caseload_on (Fixture    *f,
             const char *as_of,
             guint       retest_weeks)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *rows;
  GDate date;

  date_of (&date, as_of);
  rows = vastus_database_list_caseload (f->db, &date, NULL, retest_weeks, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  char buf[VASTUS_DATE_BUF_SIZE];

  if (expected == NULL)
    g_assert_false (g_date_valid (date));
  else
    g_assert_cmpstr (vastus_date_format (date, buf), ==, expected);
}

static void
test_therapist_stored (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (f->db, f->ben, &error);
  g_autoptr(VastusEpisode) e = NULL;
  g_autoptr(GPtrArray) audit = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (episodes->len, ==, 1);
  e = vastus_episode_copy (episodes->pdata[0]);
  g_assert_cmpstr (e->treating_therapist, ==, "M. Lind");

  /* Changed, then cleared: each read back as written. */
  g_free (e->treating_therapist);
  e->treating_therapist = g_strdup ("R. Osei");
  g_assert_true (vastus_database_update_episode (f->db, e, &error));
  g_assert_no_error (error);
  {
    g_autoptr(VastusEpisode) back = vastus_database_get_episode (f->db, e->id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (back->treating_therapist, ==, "R. Osei");
  }
  g_clear_pointer (&e->treating_therapist, g_free);
  g_assert_true (vastus_database_update_episode (f->db, e, &error));
  g_assert_no_error (error);
  {
    g_autoptr(VastusEpisode) back = vastus_database_get_episode (f->db, e->id, &error);

    g_assert_no_error (error);
    g_assert_null (back->treating_therapist);
  }

  /* The schema refuses a name of spaces alone, whoever writes. */
  e->treating_therapist = g_strdup ("   ");
  g_assert_false (vastus_database_update_episode (f->db, e, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
}

static void
test_audit_carries_therapist (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = vastus_database_list_audit (f->db, "episode", 0, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      VastusAuditEntry *entry = g_ptr_array_index (audit, i);

      if (g_strcmp0 (entry->operation, "insert") == 0 && entry->new_json != NULL
          && strstr (entry->new_json, "\"treating_therapist\":\"M. Lind\"") != NULL)
        found = TRUE;
    }
  g_assert_true (found);
}

/* Worked by hand, as of Monday 2026-03-02 with a re-test after 4 weeks:
 *  - listed: Anna, Ben, Emil by MRN (Carl is archived, Dora has no episode);
 *  - Anna's current episode is the ACL reconstruction (the newer one): 2025-12-01 → 2026-03-02
 *    is 31 + 31 + 28 + 1 = 91 days, 13 weeks; last visit 2026-02-02, 28 days before: exactly 4
 *    weeks, so due; R. Osei; aclr-return-to-sport; no flag;
 *  - Ben: injury 2026-02-01 → 29 days, 29/7 = 4.142857… weeks; last visit 2026-02-03, 27 days
 *    before: not due; pain 7 at his latest visit is at or above the default limit 5: "pain";
 *  - Emil: no date (weeks unknown), no visit (due), nobody named, tka-milestones. */
static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = caseload_on (f, "2026-03-02", 4);
  const VastusCaseloadRow *anna, *ben, *emil;

  g_assert_cmpuint (rows->len, ==, 3);
  anna = rows->pdata[0];
  ben = rows->pdata[1];
  emil = rows->pdata[2];

  g_assert_cmpint (anna->patient_id, ==, f->anna);
  g_assert_cmpstr (anna->mrn, ==, "CL-001");
  g_assert_cmpstr (anna->name, ==, "Anna Berg");
  g_assert_cmpint (anna->condition, ==, VASTUS_CONDITION_ACLR);
  g_assert_cmpint (anna->involved_side, ==, VASTUS_SIDE_RIGHT);
  g_assert_cmpstr (anna->treating_therapist, ==, "R. Osei");
  g_assert_cmpfloat_with_epsilon (anna->weeks_since, 13.0, 1e-9);
  assert_date (&anna->last_visit, "2026-02-02");
  g_assert_true (anna->due);
  g_assert_cmpstr (anna->criteria_set, ==, "aclr-return-to-sport");
  g_assert_cmpuint (g_strv_length (anna->flags), ==, 0);

  g_assert_cmpint (ben->patient_id, ==, f->ben);
  g_assert_cmpstr (ben->treating_therapist, ==, "M. Lind");
  g_assert_cmpfloat_with_epsilon (ben->weeks_since, 29.0 / 7.0, 1e-9);
  assert_date (&ben->last_visit, "2026-02-03");
  g_assert_false (ben->due);
  g_assert_cmpstr (ben->criteria_set, ==, "pfp-return-to-activity");
  g_assert_cmpuint (g_strv_length (ben->flags), ==, 1);
  g_assert_cmpstr (ben->flags[0], ==, "pain");
  g_assert_cmpuint (g_strv_length (ben->flag_briefs), ==, 1);

  g_assert_cmpint (emil->patient_id, ==, f->emil);
  g_assert_null (emil->treating_therapist);
  g_assert_true (isnan (emil->weeks_since));
  assert_date (&emil->last_visit, NULL);
  g_assert_true (emil->due);
  g_assert_cmpstr (emil->criteria_set, ==, "tka-milestones");
}

/* The criteria counts are the evaluation's own (vastus_evaluate on the same episode and set),
 * never judged again here. */
static void
test_criteria_from_evaluation (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = caseload_on (f, "2026-03-02", 4);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) histories = vastus_database_load_current_histories (f->db, FALSE, &error);
  GDate as_of;

  g_assert_no_error (error);
  g_assert_cmpuint (histories->len, ==, rows->len);
  date_of (&as_of, "2026-03-02");
  for (guint i = 0; i < rows->len; i++)
    {
      const VastusCaseloadRow *row = rows->pdata[i];
      g_autoptr(VastusCriteriaSet) set = vastus_database_get_criteria_set (f->db, row->criteria_set,
                                                                           0, &error);
      g_autoptr(VastusEvaluation) ev = NULL;

      g_assert_no_error (error);
      ev = vastus_evaluate (histories->pdata[i], set, &as_of, NULL);
      g_assert_cmpuint (row->n_criteria, ==, ev->results->len);
      g_assert_cmpuint (row->met, ==, ev->met);
      g_assert_cmpuint (row->n_criteria, >, 0);
    }
}

/* The boundary: Anna's last visit 2026-02-02 is due on 2026-03-02 (28 days, exactly 4 weeks)
 * and not on 2026-03-01 (27 days); with a re-test after 5 weeks not on 2026-03-02 either. */
static void
test_due_boundary (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) on_day = caseload_on (f, "2026-03-02", 4);
  g_autoptr(GPtrArray) day_before = caseload_on (f, "2026-03-01", 4);
  g_autoptr(GPtrArray) five = caseload_on (f, "2026-03-02", 5);
  GDate last, as_of;

  g_assert_true (((VastusCaseloadRow *) on_day->pdata[0])->due);
  g_assert_false (((VastusCaseloadRow *) day_before->pdata[0])->due);
  g_assert_false (((VastusCaseloadRow *) five->pdata[0])->due);

  date_of (&last, "2026-02-02");
  date_of (&as_of, "2026-03-02");
  g_assert_true (vastus_caseload_is_due (&last, &as_of, 4));
  g_assert_false (vastus_caseload_is_due (&last, &as_of, 5));
  g_date_clear (&last, 1);
  g_assert_true (vastus_caseload_is_due (&last, &as_of, 52));
}

/* A clinic's default set for a condition is the set in force for an episode that names none. */
static void
test_clinic_default_set (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GHashTable) defaults = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GDate as_of;

  g_hash_table_insert (defaults, "aclr", "aclr-late-phase");
  date_of (&as_of, "2026-03-02");
  rows = vastus_database_list_caseload (f->db, &as_of, NULL, 4, defaults, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((VastusCaseloadRow *) rows->pdata[0])->criteria_set, ==, "aclr-late-phase");
  g_assert_cmpstr (((VastusCaseloadRow *) rows->pdata[1])->criteria_set, ==, "pfp-return-to-activity");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/storage/caseload/therapist-stored", Fixture, NULL, fixture_setup,
              test_therapist_stored, fixture_teardown);
  g_test_add ("/storage/caseload/audit-carries-therapist", Fixture, NULL, fixture_setup,
              test_audit_carries_therapist, fixture_teardown);
  g_test_add ("/storage/caseload/rows", Fixture, NULL, fixture_setup, test_rows, fixture_teardown);
  g_test_add ("/storage/caseload/criteria-from-evaluation", Fixture, NULL, fixture_setup,
              test_criteria_from_evaluation, fixture_teardown);
  g_test_add ("/storage/caseload/due-boundary", Fixture, NULL, fixture_setup, test_due_boundary,
              fixture_teardown);
  g_test_add ("/storage/caseload/clinic-default-set", Fixture, NULL, fixture_setup,
              test_clinic_default_set, fixture_teardown);
  return g_test_run ();
}
