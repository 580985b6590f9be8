/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Leases on visits being edited (vastus-lease-store.h, 017-visit-leases.sql): on a server one
 * workstation's lease is seen by another connection with the holder's login, name and time,
 * and ends when released, when its connection closes, and when the server ends its session.
 * On SQLite (one user) every call succeeds and there are never leases. Runs on both engines
 * (storage-test-util.h).
 */
#include "config.h"

#include <string.h>

#include "storage-test-util.h"
#include "vastus-change-listener.h"
#include "vastus-lease-store.h"

typedef struct
{
  gint64 patient_id;
  gint64 visit_id;
  gint64 other_visit_id;   /* another patient's */
} Fixture;

static void
fixture_fill (Fixture        *fixture,
              VastusDatabase *db)
{
  gint64 other_patient;

  fixture->visit_id = storage_test_add_visit (db, "L-1", &fixture->patient_id, NULL);
  fixture->other_visit_id = storage_test_add_visit (db, "L-2", &other_patient, NULL);
}

static GPtrArray *
list (VastusDatabase *db,
      gint64          patient_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *leases = vastus_database_list_visit_leases (db, patient_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (leases);
  return leases;
}

static void
take (VastusDatabase *db,
      gint64          visit_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_database_take_visit_lease (db, visit_id, &error));
  g_assert_no_error (error);
}

static void
release (VastusDatabase *db,
         gint64          visit_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vastus_database_release_visit_lease (db, visit_id, &error));
  g_assert_no_error (error);
}

/* Anna's lease, as another login's connection reads it: her login, her name (server add-user
 * --name), her session, the time she took it; nothing on another patient's visits. */
static void
test_seen_by_another_login (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusDatabase) anna = NULL;
  g_autoptr(GPtrArray) leases = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  const VastusVisitLease *lease;
  Fixture f;

  fixture_fill (&f, db);
  anna = storage_test_open_as (storage_test_last_uri (), "anna.berg", "Anna Berg");
  /* The server's clock and this one's are the same machine's; a second either side for the
   * milliseconds the server rounds. */
  now = g_date_time_new_now_utc ();
  before = g_date_time_add_seconds (now, -1);
  take (anna, f.visit_id);
  g_clear_pointer (&now, g_date_time_unref);
  now = g_date_time_new_now_utc ();
  after = g_date_time_add_seconds (now, 1);
  leases = list (db, f.patient_id);
  g_assert_cmpuint (leases->len, ==, 1);
  lease = leases->pdata[0];
  g_assert_cmpint (lease->visit_id, ==, f.visit_id);
  g_assert_cmpstr (lease->holder, ==, "anna.berg");
  g_assert_cmpstr (lease->holder_name, ==, "Anna Berg");
  g_assert_cmpint (lease->session, ==, vastus_database_get_session (anna));
  g_assert_cmpint (lease->session, !=, vastus_database_get_session (db));
  g_assert_nonnull (lease->since);
  g_assert_cmpint (g_date_time_compare (before, lease->since), <=, 0);
  g_assert_cmpint (g_date_time_compare (lease->since, after), <=, 0);
  other = list (db, f.patient_id + 1);
  g_assert_cmpuint (other->len, ==, 0);
  /* Taken twice by one connection: still one lease, and one release ends it. */
  take (anna, f.visit_id);
  g_clear_pointer (&leases, g_ptr_array_unref);
  leases = list (db, f.patient_id);
  g_assert_cmpuint (leases->len, ==, 1);
  release (anna, f.visit_id);
  g_clear_pointer (&leases, g_ptr_array_unref);
  leases = list (db, f.patient_id);
  g_assert_cmpuint (leases->len, ==, 0);
  g_assert_cmpint (storage_test_query_int (db, "SELECT count(*) FROM visit_lease"), ==, 0);
}

/* Two workstations with one visit open: both leases, the oldest first; the visit is never
 * refused to the second. */
static void
test_two_holders (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusDatabase) anna = NULL;
  g_autoptr(GPtrArray) leases = NULL;
  Fixture f;

  fixture_fill (&f, db);
  anna = storage_test_open_as (storage_test_last_uri (), "anna.berg", "Anna Berg");
  take (anna, f.visit_id);
  g_usleep (5 * 1000);
  take (db, f.visit_id);
  leases = list (db, f.patient_id);
  g_assert_cmpuint (leases->len, ==, 2);
  g_assert_cmpstr (((VastusVisitLease *) leases->pdata[0])->holder, ==, "anna.berg");
  g_assert_cmpstr (((VastusVisitLease *) leases->pdata[1])->holder, ==, storage_test_actor (NULL));
}

/* Closing the holder's connection ends its lease, with no release. */
static void
test_ends_with_connection (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(GPtrArray) leases = NULL;
  VastusDatabase *anna;
  Fixture f;

  fixture_fill (&f, db);
  anna = storage_test_open_as (storage_test_last_uri (), "anna.berg", "Anna Berg");
  take (anna, f.visit_id);
  g_assert_finalize_object (anna);
  /* The server ends the session after the client left: wait for it (5 s at most). */
  for (guint i = 0; i < 500; i++)
    {
      g_clear_pointer (&leases, g_ptr_array_unref);
      leases = list (db, f.patient_id);
      if (leases->len == 0)
        break;
      g_usleep (10 * 1000);
    }
  g_assert_cmpuint (leases->len, ==, 0);
}

/* A holder whose session the server ends (a workstation switched off, a cable pulled: here
 * pg_terminate_backend) holds no lease: its row stays, and is not live; the next lease on the
 * visit deletes it. */
static void
test_ends_when_session_ends (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusDatabase) anna = NULL;
  g_autoptr(VastusDatabase) ben = NULL;
  g_autoptr(GPtrArray) leases = NULL;
  g_autofree char *terminate = NULL;
  Fixture f;

  fixture_fill (&f, db);
  anna = storage_test_open_as (storage_test_last_uri (), "anna.berg", "Anna Berg");
  take (anna, f.visit_id);
  terminate = g_strdup_printf ("SELECT count(*) FROM pg_terminate_backend (%d, 5000) AS t "
                               "WHERE t", vastus_database_get_session (anna));
  g_assert_cmpint (storage_test_query_int (db, terminate), ==, 1);
  leases = list (db, f.patient_id);
  g_assert_cmpuint (leases->len, ==, 0);
  g_assert_cmpint (storage_test_query_int (db, "SELECT count(*) FROM visit_lease"), ==, 1);
  ben = storage_test_open_as (storage_test_last_uri (), "ben.olsen", "Ben Olsen");
  take (ben, f.visit_id);
  g_clear_pointer (&leases, g_ptr_array_unref);
  leases = list (db, f.patient_id);
  g_assert_cmpuint (leases->len, ==, 1);
  g_assert_cmpstr (((VastusVisitLease *) leases->pdata[0])->holder_name, ==, "Ben Olsen");
  g_assert_cmpint (storage_test_query_int (db, "SELECT count(*) FROM visit_lease"), ==, 1);
}

/* A visit that does not exist gets no lease (and no lock is left behind). */
static void
test_no_such_visit (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(GError) error = NULL;
  Fixture f;

  fixture_fill (&f, db);
  g_assert_false (vastus_database_take_visit_lease (db, f.other_visit_id + 100, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_cmpint (storage_test_query_int (db, "SELECT count(*) FROM pg_locks "
                                               "WHERE locktype = 'advisory' "
                                               "AND pid = pg_backend_pid ()"), ==, 0);
}

/* SQLite: one user. Taking and releasing succeed and write nothing (the file has no table for
 * leases), and there are never leases to show. */
static void
test_sqlite_no_leases (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(GPtrArray) leases = NULL;
  Fixture f;

  fixture_fill (&f, db);
  take (db, f.visit_id);
  leases = list (db, f.patient_id);
  g_assert_cmpuint (leases->len, ==, 0);
  g_assert_false (storage_test_exec (db, "SELECT count(*) FROM visit_lease", NULL));
  release (db, f.visit_id);
  /* Not even a visit that does not exist is refused: there is nothing to take. */
  take (db, f.other_visit_id + 100);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (storage_test_on_server ())
    {
      g_test_add_func ("/lease-store/seen-by-another-login", test_seen_by_another_login);
      g_test_add_func ("/lease-store/two-holders", test_two_holders);
      g_test_add_func ("/lease-store/ends-with-connection", test_ends_with_connection);
      g_test_add_func ("/lease-store/ends-when-session-ends", test_ends_when_session_ends);
      g_test_add_func ("/lease-store/no-such-visit", test_no_such_visit);
    }
  else
    g_test_add_func ("/lease-store/sqlite-no-leases", test_sqlite_no_leases);
  return g_test_run ();
}
