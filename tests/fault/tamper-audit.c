/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The second battery (test-fault-tamper.c), B18: a changed, removed or moved entry of the audit
 * chain is named by check (entry and time); a schema version that the rest of the file disagrees
 * with is damage, not "newer".
 */
#include "config.h"

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tamper.h"
#include "vastus-sqlite-private.h"

/* B18 */

static gint64
audit_count (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_no_error (error);
  entries = vastus_database_list_audit (db, NULL, 0, &error);
  g_assert_no_error (error);
  return entries->len;
}

static char *
audit_time (const char *path,
            gint64      id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *at = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT at FROM audit_log WHERE id = ?1", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return at;
}

/* @sql between the guard triggers dropped and re-created exactly as they were: the schema is
 * then what it must be, and only the chain can tell. */
static void
edit_audit (const char *path,
            const char *sql)
{
  g_autofree char *full =
    g_strdup_printf ("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; %s; "
                     "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log\n"
                     "BEGIN\n  SELECT RAISE (ABORT, 'the audit log cannot be changed');\nEND; "
                     "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n"
                     "BEGIN\n  SELECT RAISE (ABORT, 'the audit log cannot be changed');\nEND",
                     sql);

  tamper_raw_exec (path, full);
}

static void
assert_check_names (const char *path,
                    const char *first,
                    gint64      entry)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *at = audit_time (path, entry);
  g_autofree char *out = NULL;

  /* Opening does not follow the chain (it would cost seconds at a clinic's size): the file
   * opens, and check names the break. */
  vastus_database_check_full_path (path, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, >=, 1);
  g_test_message ("  %s", (const char *) problems->pdata[0]);
  tamper_assert_contains (problems->pdata[0], first);
  if (at != NULL)
    tamper_assert_contains (problems->pdata[0], at);
  g_assert_cmpint (run_cli (path, &out, NULL, "check", NULL), ==, 1);
  tamper_assert_contains (out, first);
}

static void
test_audit_chain (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("audit chain");
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  gint64 n, k;

  tamper_make_live (good, NULL);
  fault_assert_intact (good);
  n = audit_count (good);
  g_assert_cmpint (n, >, 10);
  k = g_rand_int_range (rand, 2, (gint32) n - 1);   /* not the first, not the last */

  /* Changed. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE audit_log SET actor = 'someone else' "
                                            "WHERE id = %" G_GINT64_FORMAT, k);
    g_autofree char *named = g_strdup_printf ("broken at entry %" G_GINT64_FORMAT " ", k);

    fault_copy_file (good, path);
    edit_audit (path, sql);
    assert_check_names (path, named, k);
  }
  /* Removed from the middle: the gap and the next entry. */
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM audit_log WHERE id = %" G_GINT64_FORMAT, k);
    g_autofree char *named = g_strdup_printf ("entries %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
                                              " are missing (removed) before entry %"
                                              G_GINT64_FORMAT, k, k, k + 1);

    fault_copy_file (good, path);
    edit_audit (path, sql);
    assert_check_names (path, named, k + 1);
  }
  /* Removed at the end: the head still names it. */
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM audit_log WHERE id = %" G_GINT64_FORMAT, n);
    g_autofree char *named = g_strdup_printf ("entries %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
                                              " were removed", n, n);

    fault_copy_file (good, path);
    edit_audit (path, sql);
    assert_check_names (path, named, n - 1);
  }
  /* Moved: two neighbours swap what they say. */
  {
    g_autofree char *sql =
      g_strdup_printf ("CREATE TEMP TABLE a AS SELECT * FROM audit_log WHERE id IN (%" G_GINT64_FORMAT
                       ", %" G_GINT64_FORMAT "); "
                       "UPDATE audit_log SET (at, actor, table_name, row_id, operation, old_json, "
                       "new_json, app_version, hash) = (SELECT at, actor, table_name, row_id, "
                       "operation, old_json, new_json, app_version, hash FROM temp.a WHERE "
                       "temp.a.id = %" G_GINT64_FORMAT " + %" G_GINT64_FORMAT " - audit_log.id) "
                       "WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                       k, k + 1, k, k + 1, k, k + 1);
    g_autofree char *named = g_strdup_printf ("broken at entry %" G_GINT64_FORMAT " ", k);

    fault_copy_file (good, path);
    edit_audit (path, sql);
    assert_check_names (path, named, k);
  }
  /* Written around the trail: a row without its seal. */
  {
    g_autofree char *named = g_strdup_printf ("entry %" G_GINT64_FORMAT " ", n + 1);

    fault_copy_file (good, path);
    tamper_raw_exec (path, "DROP TRIGGER audit_log_sealed; INSERT INTO audit_log (actor, table_name, "
                    "row_id, operation, new_json, app_version) VALUES ('x', 'patient', 1, "
                    "'update', '{}', '0'); CREATE TRIGGER audit_log_sealed BEFORE INSERT ON "
                    "audit_log WHEN new.hash IS NULL\nBEGIN\n  SELECT RAISE (ABORT, 'audit rows "
                    "are written through audit_append');\nEND");
    assert_check_names (path, named, n + 1);
  }
  fault_rm_rf (dir);
}

/* Audit rows written before the chain existed get theirs from the migration: a version-1 file
 * upgrades to a clean check, and an old entry changed afterwards is named. */
static void
test_audit_chain_migrated (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autoptr(GError) error = NULL;
  gint64 n;

  fault_copy_file (VASTUS_V1_FIXTURE_DB, path);
  {
    g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);

    g_assert_no_error (error);
  }
  fault_assert_intact (path);
  n = audit_count (path);
  g_assert_cmpint (n, >, 3);
  edit_audit (path, "UPDATE audit_log SET new_json = replace (new_json, '\"', '''') WHERE id = 3");
  assert_check_names (path, "broken at entry 3 ", 3);
  fault_rm_rf (dir);
}

/* A schema version the rest of the file disagrees with is damage, not "newer". */
static void
test_flipped_version (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  int latest = vastus_database_get_latest_schema_version ();
  /* One bit up (64 more: far beyond this version) and a version below. */
  int flips[] = { latest ^ 64, latest - 1 };

  tamper_make_live (good, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (flips); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusDatabase) db = NULL;
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", flips[i]);
      g_autofree char *err = NULL;
      g_autofree char *out = NULL;

      fault_copy_file (good, path);
      tamper_raw_exec (path, sql);
      db = vastus_database_open (path, &error);
      g_assert_null (db);
      g_test_message ("version %d: %s", flips[i], error->message);
      g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED);
      g_assert_null (strstr (error->message, "newer"));
      g_clear_error (&error);
      g_assert_cmpint (run_cli (path, &out, &err, "check", NULL), ==, 1);
      tamper_assert_contains (err, "damaged");
      vastus_backup_verify (path, FALSE, NULL, &error);
      g_assert_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_DAMAGED);
    }
  fault_rm_rf (dir);
}

void
tamper_add_audit_tests (void)
{
  g_test_add_func ("/fault/tamper/audit-chain", test_audit_chain);
  g_test_add_func ("/fault/tamper/audit-chain-migrated", test_audit_chain_migrated);
  g_test_add_func ("/fault/tamper/flipped-version", test_flipped_version);
}
