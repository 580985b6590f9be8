/* test-conn.c: the connection interface itself (src/storage/vastus-conn.h) on the SQLite engine:
 * placeholder rewriting, errors mapped to VASTUS_STORE_ERROR_*, savepoints nested in a write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "vastus-database-private.h"
#include "vastus-sqlite-conn.h"

/* Placeholders */

static void
test_rewrite_placeholders (void)
{
  /* Each expected text worked out by hand: ?NNN keeps its number; a bare ? is one more than the
   * largest number before it (SQLite's rule); quoted text and comments are copied as they are. */
  static const struct { const char *sql, *expected; } cases[] = {
    { "SELECT ?1, ?2", "SELECT $1, $2" },
    { "VALUES (?, ?, ?)", "VALUES ($1, $2, $3)" },
    { "WHERE a = ?3 AND b = ? AND c = ?1", "WHERE a = $3 AND b = $4 AND c = $1" },
    { "WHERE id = ?12", "WHERE id = $12" },
    { "SELECT '?', \"a?b\", ?", "SELECT '?', \"a?b\", $1" },
    { "SELECT 'it''s ?' || ?1", "SELECT 'it''s ?' || $1" },
    { "SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2" },
    { "SELECT /* ?1 ? */ ?", "SELECT /* ?1 ? */ $1" },
    { "SELECT 1 -- trailing ?", "SELECT 1 -- trailing ?" },
    { "SELECT 'unterminated ?", "SELECT 'unterminated ?" },
    { "SELECT a-b, a/b, ?", "SELECT a-b, a/b, $1" },
    { "", "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = _vastus_conn_rewrite_placeholders (cases[i].sql);

      g_test_message ("%s", cases[i].sql);
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

/* Errors */

static VastusConn *
open_conn (const char *path,
           int         flags)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, flags, NULL), ==, SQLITE_OK);
  sqlite3_extended_result_codes (db, 1);
  return _vastus_sqlite_conn_new (db, TRUE);
}

static void
exec_ok (VastusConn *conn,
         const char *script)
{
  int rc = _vastus_conn_exec (conn, script);

  if (rc != VASTUS_DONE)
    g_error ("%s: %s", script, _vastus_conn_error_message (conn, rc));
}

/* The code _vastus_conn_error_code gives for @script's failure, and the GError agrees. */
static int
failure_code (VastusConn *conn,
              const char *script)
{
  g_autoptr(GError) error = NULL;
  int rc = _vastus_conn_exec (conn, script);
  int code;

  g_assert_cmpint (rc, !=, VASTUS_DONE);
  code = _vastus_conn_error_code (conn, rc);
  _vastus_conn_set_error (conn, &error, rc, "Saving");
  g_assert_error (error, VASTUS_STORE_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "Saving: "));
  return code;
}

static void
test_error_mapping (void)
{
  g_autofree char *folder = g_dir_make_tmp ("vastus-conn-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "t.db", NULL);
  g_autoptr(VastusConn) conn = open_conn (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  g_autoptr(VastusConn) other = NULL;
  g_autoptr(VastusConn) reader = NULL;
  g_autoptr(VastusStmt) stmt = NULL;
  int rc = VASTUS_DONE;

  exec_ok (conn, "CREATE TABLE patient (id INTEGER PRIMARY KEY, mrn TEXT UNIQUE, b BLOB);"
                 "INSERT INTO patient (mrn) VALUES ('A-1');"
                 "CREATE TABLE visit (d TEXT);"
                 "CREATE TRIGGER one_a_day BEFORE INSERT ON visit WHEN NEW.d = 'x' BEGIN "
                 "SELECT RAISE (ABORT, '" VASTUS_VISIT_EXISTS_MESSAGE "'); END;");

  /* A second equal MRN: a constraint, and the unique one of patient.mrn (not of visit.d). */
  stmt = _vastus_conn_prepare (conn, "INSERT INTO patient (mrn) VALUES (?1)", &rc);
  g_assert_nonnull (stmt);
  _vastus_bind_text (stmt, 1, "A-1");
  rc = _vastus_step (stmt);
  g_assert_cmpint (_vastus_conn_error_code (conn, rc), ==, VASTUS_STORE_ERROR_CONSTRAINT);
  g_assert_true (_vastus_conn_is_unique_violation (conn, rc, "patient", "mrn"));
  g_assert_false (_vastus_conn_is_unique_violation (conn, rc, "visit", "d"));
  g_clear_pointer (&stmt, _vastus_stmt_release);
  g_assert_cmpint (failure_code (conn, "INSERT INTO patient (mrn) VALUES ('A-1')"), ==,
                   VASTUS_STORE_ERROR_CONSTRAINT);

  /* The schema's own refusal of a second visit on a day. */
  g_assert_cmpint (failure_code (conn, "INSERT INTO visit VALUES ('x')"), ==,
                   VASTUS_STORE_ERROR_VISIT_EXISTS);

  /* Busy: another connection holds the write lock (no waiting). */
  other = open_conn (path, SQLITE_OPEN_READWRITE);
  sqlite3_busy_timeout (_vastus_sqlite_conn_get_handle (other), 0);
  g_assert_cmpint (_vastus_conn_transaction (conn, VASTUS_TX_BEGIN_WRITE), ==, VASTUS_DONE);
  g_assert_cmpint (failure_code (other, "BEGIN IMMEDIATE"), ==, VASTUS_STORE_ERROR_BUSY);
  g_assert_cmpint (_vastus_conn_transaction (conn, VASTUS_TX_ROLLBACK), ==, VASTUS_DONE);

  /* Read-only: a connection opened for reading refuses a write. */
  reader = open_conn (path, SQLITE_OPEN_READONLY);
  g_assert_cmpint (failure_code (reader, "INSERT INTO patient (mrn) VALUES ('B-2')"), ==,
                   VASTUS_STORE_ERROR_READ_ONLY);

  /* Full: the file may not grow past its pages now; 64 KiB more cannot fit. */
  exec_ok (conn, "PRAGMA max_page_count = 3");
  g_assert_cmpint (failure_code (conn, "INSERT INTO patient (b) VALUES (zeroblob (65536))"), ==,
                   VASTUS_STORE_ERROR_NO_SPACE);

  /* A query that is wrong: a failure, not one of the above. */
  g_assert_cmpint (failure_code (conn, "SELECT nothing FROM patient"), ==,
                   VASTUS_STORE_ERROR_FAILED);

  g_clear_pointer (&reader, _vastus_conn_free);
  g_clear_pointer (&other, _vastus_conn_free);
  g_clear_pointer (&conn, _vastus_conn_free);
  g_unlink (path);
  g_rmdir (folder);
}

/* Savepoints */

static const char *insert_sql = "INSERT INTO t (x) VALUES (?1)";
static const char *list_sql = "SELECT group_concat (x, ',') FROM (SELECT x FROM t ORDER BY x)";

static void
insert (VastusConn *conn,
        gint64      x)
{
  int rc = VASTUS_DONE;
  g_autoptr(VastusStmt) stmt = _vastus_conn_prepare (conn, insert_sql, &rc);

  g_assert_nonnull (stmt);
  _vastus_bind_int64 (stmt, 1, x);
  g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_DONE);
  g_assert_cmpint (_vastus_conn_changes (conn), ==, 1);
  g_assert_cmpint (_vastus_conn_last_insert_id (conn), ==, x);
}

static char *
rows (VastusConn *conn)
{
  int rc = VASTUS_DONE;
  g_autoptr(VastusStmt) stmt = _vastus_conn_prepare (conn, list_sql, &rc);

  g_assert_nonnull (stmt);
  g_assert_cmpint (_vastus_step (stmt), ==, VASTUS_ROW);
  return _vastus_column_text (stmt, 0);
}

static void
tx (VastusConn *conn,
    VastusTxOp  op)
{
  int rc = _vastus_conn_transaction (conn, op);

  if (rc != VASTUS_DONE)
    g_error ("transaction %d: %s", op, _vastus_conn_error_message (conn, rc));
}

static void
test_savepoints (void)
{
  g_autoptr(VastusConn) conn = open_conn (":memory:", SQLITE_OPEN_READWRITE);
  g_autofree char *committed = NULL;
  g_autofree char *rolled_back = NULL;

  exec_ok (conn, "CREATE TABLE t (x INTEGER PRIMARY KEY)");
  g_assert_false (_vastus_conn_in_transaction (conn));

  /* 1 in the transaction, 2 in a savepoint, 3 in one nested in it: undoing the inner one
   * and releasing both keeps 1 and 2. */
  tx (conn, VASTUS_TX_BEGIN_WRITE);
  g_assert_true (_vastus_conn_in_transaction (conn));
  insert (conn, 1);
  tx (conn, VASTUS_TX_SAVEPOINT);
  insert (conn, 2);
  tx (conn, VASTUS_TX_SAVEPOINT);
  insert (conn, 3);
  tx (conn, VASTUS_TX_ROLLBACK_TO);
  tx (conn, VASTUS_TX_RELEASE);
  tx (conn, VASTUS_TX_RELEASE);
  g_assert_true (_vastus_conn_in_transaction (conn));
  tx (conn, VASTUS_TX_COMMIT);
  g_assert_false (_vastus_conn_in_transaction (conn));
  committed = rows (conn);
  g_assert_cmpstr (committed, ==, "1,2");

  /* Undoing the outer savepoint undoes the one inside it too (5 and 6); rolling the
   * transaction back then undoes 4: 1 and 2 are left. */
  tx (conn, VASTUS_TX_BEGIN_WRITE);
  insert (conn, 4);
  tx (conn, VASTUS_TX_SAVEPOINT);
  insert (conn, 5);
  tx (conn, VASTUS_TX_SAVEPOINT);
  insert (conn, 6);
  tx (conn, VASTUS_TX_RELEASE);
  tx (conn, VASTUS_TX_ROLLBACK_TO);
  tx (conn, VASTUS_TX_RELEASE);
  {
    g_autofree char *inside = rows (conn);

    g_assert_cmpstr (inside, ==, "1,2,4");
  }
  tx (conn, VASTUS_TX_ROLLBACK);
  rolled_back = rows (conn);
  g_assert_cmpstr (rolled_back, ==, "1,2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conn/placeholders", test_rewrite_placeholders);
  g_test_add_func ("/conn/errors", test_error_mapping);
  g_test_add_func ("/conn/savepoints", test_savepoints);

  return g_test_run ();
}
