/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A visit's measurements are queued (vastus-conn.h: _vastus_step_queued): on a server they are
 * sent with the transaction's BEGIN, SAVEPOINT and RELEASE without waiting, and their answers
 * read together. A failure in the middle of them must still name its measurement, leave nothing
 * of the visit (nor its audit rows), and leave an enclosing transaction able to go on; the ids
 * that come back must be each measurement's own. Runs on both engines (storage-test-util.h).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "storage-test-util.h"
#include "vastus-backup.h"
#include "vastus-value.h"

#define N_MEASUREMENTS 10

/* Ten measurements, quadriceps left and right over five trials, values 300 … 309 (the i-th,
 * from 0, is trial 1 + i / 2, left for even i, value 300 + i); when @repeat > 0, the
 * @repeat-th (from 1) is a second value for the 3rd one's measure, side and trial. */
static VastusVisit *
make_visit (gint64      episode_id,
            const char *date,
            guint       repeat)
{
  VastusVisit *visit = vastus_visit_new ();
  g_autoptr(GError) error = NULL;

  visit->episode_id = episode_id;
  vastus_date_parse (date, &visit->date, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_MEASUREMENTS; i++)
    {
      guint as = repeat > 0 && i == repeat - 1 ? 2 : i;

      vastus_visit_add_measurement (visit,
                                    vastus_measurement_new ("quadriceps_hhd",
                                                            as % 2 ? VASTUS_SIDE_RIGHT
                                                                   : VASTUS_SIDE_LEFT,
                                                            1 + (int) as / 2, 300 + i, "N"));
    }
  return visit;
}

static gint64
count (VastusDatabase *db,
       const char     *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s", table);

  return storage_test_query_int (db, sql);
}

static void
assert_nothing_claimed (VastusVisit *visit)
{
  g_assert_cmpint (visit->id, ==, 0);
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);

      g_assert_cmpint (m->id, ==, 0);
      g_assert_cmpint (m->visit_id, ==, 0);
    }
}

/* Every measurement's id is its own row: the value stored there is the one it was saved with
 * (300 + its place), and the ids go up in the order saved. */
static void
assert_ids_are_their_rows (VastusDatabase *db,
                           VastusVisit    *visit)
{
  gint64 previous = 0;

  g_assert_cmpint (visit->id, >, 0);
  for (guint i = 0; i < visit->measurements->len; i++)
    {
      VastusMeasurement *m = g_ptr_array_index (visit->measurements, i);
      g_autofree char *sql = g_strdup_printf ("SELECT CAST (value AS INTEGER) * 1000 + visit_id "
                                              "FROM measurement WHERE id = %" G_GINT64_FORMAT,
                                              m->id);

      g_assert_cmpint (m->id, >, previous);
      g_assert_cmpint (m->visit_id, ==, visit->id);
      g_assert_cmpint (storage_test_query_int (db, sql), ==, (300 + i) * 1000 + visit->id);
      previous = m->id;
    }
}

/* The whole check (on a server too): schema, rules, and the audit chain unbroken. */
static void
assert_checks (VastusDatabase *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_true (vastus_database_check_full (db, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (const char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_fails_midway (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusVisit) refused = NULL;
  g_autoptr(VastusVisit) saved = NULL;
  gint64 episode_id = 0, visits, measurements, audit;

  storage_test_add_visit (db, "Q-1", NULL, &episode_id);
  visits = count (db, "visit");
  measurements = count (db, "measurement");
  audit = count (db, "audit_log");

  /* The 7th repeats the 3rd (quadriceps, left, trial 2): refused there, after six went. */
  refused = make_visit (episode_id, "2026-03-09", 7);
  g_assert_false (vastus_database_insert_visit (db, refused, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Measurement 7 (quadriceps_hhd): "));
  g_assert_nonnull (strstr (error->message, "already"));
  g_clear_error (&error);
  assert_nothing_claimed (refused);
  /* Nothing of it: no visit, none of the six measurements before, no audit row. */
  g_assert_cmpint (count (db, "visit"), ==, visits);
  g_assert_cmpint (count (db, "measurement"), ==, measurements);
  g_assert_cmpint (count (db, "audit_log"), ==, audit);

  /* The connection goes on: the visit without the repeat is saved whole, each id its own. */
  saved = make_visit (episode_id, "2026-03-09", 0);
  g_assert_true (vastus_database_insert_visit (db, saved, &error));
  g_assert_no_error (error);
  assert_ids_are_their_rows (db, saved);
  g_assert_cmpint (count (db, "visit"), ==, visits + 1);
  g_assert_cmpint (count (db, "measurement"), ==, measurements + N_MEASUREMENTS);
  /* One audit row for the visit and one for each measurement. */
  g_assert_cmpint (count (db, "audit_log"), ==, audit + 1 + N_MEASUREMENTS);
  assert_checks (db);
}

/* In an outer transaction each visit is a savepoint: the failed one goes, the ones around it
 * stay, and the commit keeps them with an audit trail that checks. */
static void
test_in_transaction (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusVisit) before = NULL;
  g_autoptr(VastusVisit) refused = NULL;
  g_autoptr(VastusVisit) after = NULL;
  gint64 episode_id = 0, visits, measurements, audit;

  storage_test_add_visit (db, "Q-2", NULL, &episode_id);
  visits = count (db, "visit");
  measurements = count (db, "measurement");
  audit = count (db, "audit_log");

  g_assert_true (vastus_database_begin (db, &error));
  g_assert_no_error (error);
  before = make_visit (episode_id, "2026-03-09", 0);
  g_assert_true (vastus_database_insert_visit (db, before, &error));
  g_assert_no_error (error);
  /* The 2nd value is missing (NaN binds NULL, which NOT NULL refuses). */
  refused = make_visit (episode_id, "2026-03-16", 0);
  ((VastusMeasurement *) g_ptr_array_index (refused->measurements, 1))->value = NAN;
  g_assert_false (vastus_database_insert_visit (db, refused, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_true (g_str_has_prefix (error->message, "Measurement 2 (quadriceps_hhd): "));
  g_clear_error (&error);
  assert_nothing_claimed (refused);
  after = make_visit (episode_id, "2026-03-23", 0);
  g_assert_true (vastus_database_insert_visit (db, after, &error));
  g_assert_no_error (error);
  g_assert_true (vastus_database_commit (db, &error));
  g_assert_no_error (error);

  assert_ids_are_their_rows (db, before);
  assert_ids_are_their_rows (db, after);
  g_assert_cmpint (count (db, "visit"), ==, visits + 2);
  g_assert_cmpint (count (db, "measurement"), ==, measurements + 2 * N_MEASUREMENTS);
  g_assert_cmpint (count (db, "audit_log"), ==, audit + 2 * (1 + N_MEASUREMENTS));
  g_assert_cmpint (storage_test_query_int (db, "SELECT count (*) FROM visit "
                                               "WHERE date = '2026-03-16'"), ==, 0);
  assert_checks (db);
}

/* A failure of the outer transaction's own (a visit of a day taken already) inside it, then
 * a rollback: nothing of the transaction stays, and the next write works. */
static void
test_rollback_after_failure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusVisit) first = NULL;
  g_autoptr(VastusVisit) same_day = NULL;
  g_autoptr(VastusVisit) later = NULL;
  gint64 episode_id = 0, visits, measurements;

  storage_test_add_visit (db, "Q-3", NULL, &episode_id);
  visits = count (db, "visit");
  measurements = count (db, "measurement");

  g_assert_true (vastus_database_begin (db, &error));
  first = make_visit (episode_id, "2026-04-06", 0);
  g_assert_true (vastus_database_insert_visit (db, first, &error));
  g_assert_no_error (error);
  same_day = make_visit (episode_id, "2026-04-06", 0);
  g_assert_false (vastus_database_insert_visit (db, same_day, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_VISIT_EXISTS);
  g_assert_cmpint (vastus_store_error_get_visit_id (error), ==, first->id);
  g_clear_error (&error);
  vastus_database_rollback (db);
  g_assert_cmpint (count (db, "visit"), ==, visits);
  g_assert_cmpint (count (db, "measurement"), ==, measurements);

  later = make_visit (episode_id, "2026-04-06", 0);
  g_assert_true (vastus_database_insert_visit (db, later, &error));
  g_assert_no_error (error);
  assert_ids_are_their_rows (db, later);
  assert_checks (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/queued-writes/fails-midway", test_fails_midway);
  g_test_add_func ("/queued-writes/in-transaction", test_in_transaction);
  g_test_add_func ("/queued-writes/rollback-after-failure", test_rollback_after_failure);
  return g_test_run ();
}
