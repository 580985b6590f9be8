/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a clinic's database on a PostgreSQL server by its URI (suite storage-pg, under
 * build-aux/pg-test-server run): server init, the databases refused and what each message says,
 * the login as the actor, reading only, a password never repeated, a session the server ended.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>
#include <unistd.h>

#include "storage-test-util.h"
#include "vastus-backup.h"
#include "vastus-database.h"

/* A new database on the test server, empty; its URI. */
static char *
new_database (const char *name)
{
  const char *server = g_getenv ("VASTUS_TEST_PG");
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s", name);
  PGconn *pg = PQconnectdb (server);
  PGresult *result = PQexec (pg, sql);
  const char *query = strchr (server, '?');

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  PQfinish (pg);
  /* VASTUS_TEST_PG is postgresql:///postgres?host=…: the same server, another database. */
  return g_strdup_printf ("postgresql:///%s%s", name, query);
}

static void
run (const char *uri,
     const char *sql)
{
  PGconn *pg = PQconnectdb (uri);
  PGresult *result = PQexec (pg, sql);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  PQfinish (pg);
}

static void
test_empty_refused (void)
{
  g_autofree char *uri = new_database ("empty_one");
  g_autoptr(GError) error = NULL;

  g_assert_null (vastus_database_open (uri, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "is empty"));
  g_assert_nonnull (strstr (error->message, "server init"));
  g_clear_error (&error);
  /* Reading only is refused the same way. */
  g_assert_null (vastus_database_open_read_only (uri, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
}

static void
test_foreign_refused (void)
{
  g_autofree char *uri = new_database ("foreign_one");
  g_autoptr(GError) error = NULL;

  run (uri, "CREATE TABLE invoices (id int)");
  g_assert_null (vastus_database_open (uri, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_VASTUS);
  g_clear_error (&error);
  /* server init leaves it as it is, saying what it found. */
  g_assert_false (vastus_database_server_init (uri, NULL, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_VASTUS);
  g_assert_nonnull (strstr (error->message, "invoices"));
}

static void
test_init_and_versions (void)
{
  g_autofree char *uri = new_database ("versions_one");
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  g_autofree char *newer = NULL;
  int latest = vastus_database_get_latest_schema_version ();
  int before = -1;

  g_assert_true (vastus_database_server_init (uri, &before, &error));
  g_assert_no_error (error);
  g_assert_cmpint (before, ==, 0);
  /* Again: the schema is there, nothing to apply. */
  g_assert_true (vastus_database_server_init (uri, &before, &error));
  g_assert_no_error (error);
  g_assert_cmpint (before, ==, latest);
  db = vastus_database_open (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vastus_database_get_schema_version (db), ==, latest);
  g_clear_object (&db);

  /* A newer Vastus's database: refused, naming both versions. */
  newer = g_strdup_printf ("UPDATE schema_info SET version = %d", latest + 1);
  run (uri, newer);
  g_assert_null (vastus_database_open (uri, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NEWER);
  g_clear_error (&error);
  g_assert_false (vastus_database_server_init (uri, NULL, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NEWER);
  g_clear_error (&error);

  /* An older one needs server init first. */
  run (uri, "UPDATE schema_info SET version = 12");
  g_assert_null (vastus_database_open (uri, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_SCHEMA);
  g_assert_nonnull (strstr (error->message, "server init"));
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vastus-no-server-XXXXXX", NULL);
  g_autofree char *uri = g_strdup_printf ("postgresql:///vastus?host=%s&connect_timeout=2", dir);

  g_assert_null (vastus_database_open (uri, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "Could not connect to the database server"));
  g_rmdir (dir);
}

static void
test_password_not_shown (void)
{
  g_autofree char *plain = new_database ("password_one");
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  /* The test server trusts local logins: the password is ignored, but must not be repeated. */
  g_assert_true (g_str_has_prefix (plain, "postgresql:///"));
  uri = g_strconcat ("postgresql://postgres:s3cret-word@", plain + strlen ("postgresql://"), NULL);
  g_assert_null (vastus_database_open (uri, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NOT_FOUND);
  g_assert_null (strstr (error->message, "s3cret-word"));
  g_assert_nonnull (strstr (error->message, "postgresql://postgres@"));
}

/* The server records its login: a typed name changes neither the trail nor what is shown. */
static void
test_actor_is_login (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();

  g_assert_cmpstr (vastus_database_get_actor (db), ==, "postgres");
  vastus_database_set_actor (db, "someone-typed");
  g_assert_cmpstr (vastus_database_get_actor (db), ==, "postgres");
}

static void
test_read_only (void)
{
  g_autoptr(VastusDatabase) writer = storage_test_open ();
  g_autoptr(VastusDatabase) reader = NULL;
  g_autoptr(VastusPatient) p = vastus_patient_new ();
  g_autoptr(VastusPatient) found = NULL;
  g_autoptr(GError) error = NULL;

  reader = vastus_database_open_read_only (storage_test_last_uri (), &error);
  g_assert_no_error (error);
  g_assert_true (vastus_database_is_read_only (reader));
  p->mrn = g_strdup ("RO-1");
  p->name = g_strdup ("Read Only");
  g_assert_false (vastus_database_insert_patient (reader, p, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_true (vastus_database_insert_patient (writer, p, &error));
  g_assert_no_error (error);
  /* The reader sees what the writer committed. */
  found = vastus_database_find_patient (reader, "RO-1", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, p->id);
}

/* A session the server ended while it was idle (a restart, an administrator): the next call
 * connects again and does its work (test-fault-server.c: a server that is down, a session lost
 * inside a transaction). */
static void
test_session_ended (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusPatient) p = vastus_patient_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  const char *uri = storage_test_last_uri ();
  const char *start = strstr (uri, ":///") + 4;
  g_autofree char *name = g_strndup (start, strcspn (start, "?"));
  gboolean ok;

  sql = g_strdup_printf ("SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                         "WHERE datname = '%s' AND pid <> pg_backend_pid ()", name);
  {
    PGconn *pg = PQconnectdb (g_getenv ("VASTUS_TEST_PG"));
    PGresult *result = PQexec (pg, sql);

    g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
    g_assert_cmpint (PQntuples (result), ==, 1);
    PQclear (result);
    /* Ended: its backend gone (pg_terminate_backend only signals it). */
    g_free (sql);
    sql = g_strdup_printf ("SELECT count(*) FROM pg_stat_activity WHERE datname = '%s'", name);
    for (int i = 0; i < 1000; i++)
      {
        gboolean gone;

        result = PQexec (pg, sql);
        g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
        gone = g_str_equal (PQgetvalue (result, 0, 0), "0");
        PQclear (result);
        if (gone)
          break;
        g_usleep (10000);
      }
    PQfinish (pg);
  }
  p->mrn = g_strdup ("GONE-1");
  p->name = g_strdup ("Session Ended");
  ok = vastus_database_insert_patient (db, p, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpint (storage_test_query_int (db, "SELECT count(*) FROM patient WHERE mrn = 'GONE-1'"),
                   ==, 1);
}

/* SQLite's quick check says it needs a file; a backup of a server's database is a Vastus file
 * (vastus-copy.c), which opens as one and holds the server's patient. */
static void
test_file_only (void)
{
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vastus-pg-backup-XXXXXX", NULL);
  g_autofree char *dest = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *made = NULL;

  g_assert_false (vastus_database_check (db, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "A check of a database on a server"));
  g_clear_error (&error);
  {
    g_autoptr(VastusPatient) p = vastus_patient_new ();

    p->mrn = g_strdup ("BACKUP-1");
    p->name = g_strdup ("Kept Safe");
    g_assert_true (vastus_database_insert_patient (db, p, &error));
    g_assert_no_error (error);
  }
  made = vastus_backup_create (db, dest, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (made, ==, dest);
  {
    g_autoptr(VastusDatabase) file = vastus_database_open_full (dest, VASTUS_DATABASE_OPEN_EXISTING,
                                                                NULL, &error);
    g_autoptr(VastusPatient) found = NULL;

    g_assert_no_error (error);
    found = vastus_database_find_patient (file, "BACKUP-1", &error);
    g_assert_no_error (error);
    g_assert_nonnull (found);
    g_assert_cmpstr (found->name, ==, "Kept Safe");
  }
  g_unlink (dest);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Only under build-aux/pg-test-server run, with VASTUS_TEST_ENGINE=postgresql (meson.build). */
  g_assert_true (storage_test_on_server ());
  g_assert_nonnull (g_getenv ("VASTUS_TEST_PG"));

  g_test_add_func ("/pg-open/empty-refused", test_empty_refused);
  g_test_add_func ("/pg-open/foreign-refused", test_foreign_refused);
  g_test_add_func ("/pg-open/init-and-versions", test_init_and_versions);
  g_test_add_func ("/pg-open/unreachable", test_unreachable);
  g_test_add_func ("/pg-open/password-not-shown", test_password_not_shown);
  g_test_add_func ("/pg-open/actor-is-login", test_actor_is_login);
  g_test_add_func ("/pg-open/read-only", test_read_only);
  g_test_add_func ("/pg-open/session-ended", test_session_ended);
  g_test_add_func ("/pg-open/file-only", test_file_only);

  return g_test_run ();
}
