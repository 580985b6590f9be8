/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The second battery (data-safety.md §5.1): files that try to fool restore, check and open.
 *   B16 hostile restore sources: each one refused before the live file is touched
 *   B17 schema drift, in the live file and in backups: check, open and restore name it
 *   B18 the audit chain: a changed, removed or moved entry is named by check (entry and time);
 *       a schema version that the rest of the file disagrees with is damage, not "newer"
 *   B19 empty and mistyped files: damage, or "no database at …", nothing created
 *   B20 a full disk, and a read-only folder, before any -shm exists: reading and exporting
 *       work, writing says why it cannot
 *   and kill -9 during `backup -o FILE`: no copy of patient data is left beside FILE.
 * The edits are made the way another SQLite tool would make them, with Vastus's own SQL
 * functions registered so that the triggers still run (and the audit chain stays whole unless
 * the test breaks it). Seeds are printed; --seed reproduces a run.
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

#include "fault-util.h"
#include "vastus-sqlite-private.h"

#define run_cli(...) fault_run_cli (VASTUS_CLI_PATH, __VA_ARGS__)

/* Helpers */

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” is not in “%s”", needle, haystack != NULL ? haystack : "(null)");
}

/* What another SQLite tool would do to a file: @sql on a connection of its own, with Vastus's
 * SQL functions (so that triggers run as they would in Vastus). */
static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (_vastus_database_register_functions (db, NULL), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A live database with a few patients, a KOOS quality-of-life score among them, and a verified
 * backup of it at @backup. */
static void
make_live (const char *path,
           const char *backup)
{
  g_autoptr(GError) error = NULL;
  gint64 episode_id = 0;
  VastusDatabase *db = fault_populate (path, 4, 3, &episode_id);
  g_autoptr(VastusVisit) visit = fault_make_visit (episode_id, 77);

  vastus_visit_add_measurement (visit, vastus_measurement_new ("koos_qol", VASTUS_SIDE_NONE, 1,
                                                               62.5, "points"));
  vastus_database_insert_visit (db, visit, &error);
  g_assert_no_error (error);
  if (backup != NULL)
    {
      g_autofree char *made = vastus_backup_create (db, backup, VASTUS_BACKUP_KIND_REGULAR, NULL,
                                                    &error);

      g_assert_no_error (error);
    }
  g_object_unref (db);
}

/* Flips one bit of "koos_qol" in the measurement row and in its entry of the index
 * measurement_one_per_trial, so that the file stays consistent (not in the audit trail's JSON,
 * where it follows a quote): the catalog has no "kogs_qol". */
static void
flip_measure_code (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  guint flipped = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = 1; i + 8 <= length; i++)
    if (memcmp (contents + i, "koos_qol", 8) == 0 && contents[i - 1] != '"')
      {
        contents[i + 2] ^= 0x08;   /* 'o' (0x6f) → 'g' (0x67) */
        flipped++;
      }
  g_assert_cmpuint (flipped, ==, 2);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

/* B16 */

typedef struct
{
  const char *label;
  void      (*make) (const char *good, const char *path);
  const char *named;      /* in the refusal's message */
} Hostile;

static void
make_text (const char *good, const char *path)
{
  g_assert_true (g_file_set_contents (path, "mrn,name\nA1,Nobody\n", -1, NULL));
}

static void
make_truncated (const char *good, const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096);
  g_assert_true (g_file_set_contents (path, contents, 3 * 4096, NULL));
}

static void
make_other_program (const char *good, const char *path)
{
  sqlite3 *db = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE contacts (name TEXT, phone TEXT); "
                                     "INSERT INTO contacts VALUES ('A', '1')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
make_foreign_id (const char *good, const char *path)
{
  fault_copy_file (good, path);
  raw_exec (path, "PRAGMA application_id = 1234");
}

static void
make_newer (const char *good, const char *path)
{
  int newer = vastus_database_get_latest_schema_version () + 1;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d; UPDATE schema_info SET "
                                          "version = %d; CREATE TABLE later (id INTEGER)",
                                          newer, newer);

  fault_copy_file (good, path);
  raw_exec (path, sql);
}

static void
make_extra_trigger (const char *good, const char *path)
{
  fault_copy_file (good, path);
  raw_exec (path, "CREATE TRIGGER measurement_purge AFTER INSERT ON measurement BEGIN "
                  "DELETE FROM measurement WHERE id <> new.id; END");
}

static void
make_audit_dropped (const char *good, const char *path)
{
  fault_copy_file (good, path);
  raw_exec (path, "DROP TRIGGER measurement_audit_insert; DROP TRIGGER measurement_audit_update; "
                  "DROP TRIGGER measurement_audit_delete");
}

static void
make_extra_table (const char *good, const char *path)
{
  fault_copy_file (good, path);
  raw_exec (path, "CREATE TABLE exfiltrate (mrn TEXT, name TEXT)");
}

static void
make_bit_flipped (const char *good, const char *path)
{
  fault_copy_file (good, path);
  flip_measure_code (path);
}

/* A row breaking a CHECK constraint: a value of 5e9 (the schema allows below 1e9). A read-only
 * connection does not see it: SQLite drops CHECK constraints for read-only files. */
static void
make_check_violation (const char *good, const char *path)
{
  fault_copy_file (good, path);
  raw_exec (path, "PRAGMA ignore_check_constraints = 1; "
                  "UPDATE measurement SET value = 5e9 WHERE id = (SELECT min (id) FROM measurement)");
}

static void
make_dev_zero (const char *good, const char *path)
{
  g_unlink (path);
  g_assert_cmpint (symlink ("/dev/zero", path), ==, 0);
}

static void
make_empty (const char *good, const char *path)
{
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
}

static void
make_one_byte (const char *good, const char *path)
{
  g_assert_true (g_file_set_contents (path, "S", 1, NULL));
}

static const Hostile hostile[] = {
  { "a text file", make_text, NULL },
  { "a truncated backup", make_truncated, NULL },
  { "another program's database", make_other_program, "another program" },
  { "a foreign application id", make_foreign_id, "another program" },
  { "a newer schema", make_newer, "newer" },
  { "an extra trigger", make_extra_trigger, "measurement_purge" },
  { "audit triggers dropped", make_audit_dropped, "measurement_audit_" },
  { "an extra table", make_extra_table, "exfiltrate" },
  { "a flipped bit (kogs_qol)", make_bit_flipped, "kogs_qol" },
  { "a row breaking a CHECK constraint", make_check_violation, "CHECK constraint failed" },
  { "a symlink to /dev/zero", make_dev_zero, NULL },
  { "an empty file", make_empty, "empty" },
  { "a 1-byte file", make_one_byte, "too short" },
};

static void
test_hostile_restore (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *live = g_build_filename (dir, "live", "vastus.db", NULL);
  g_autofree char *live_dir = g_path_get_dirname (live);
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autofree char *candidate = g_build_filename (dir, "candidate.db", NULL);
  g_autofree char *content = NULL;

  make_live (live, good);
  content = fault_content_hash (live);
  /* The good backup itself restores: the refusals below are about the edits. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *folder = vastus_backup_get_folder (live);

    vastus_backup_restore (live, good, NULL, NULL, &error);
    g_assert_no_error (error);
    fault_rm_rf (folder);
  }

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *before = fault_file_sha256 (live);
      g_autofree char *listing_before = fault_listing (live_dir);
      g_autofree char *after = NULL;
      g_autofree char *listing_after = NULL;
      g_autofree char *err = NULL;
      g_autofree char *hash = NULL;

      g_test_message ("restore from %s", hostile[i].label);
      hostile[i].make (good, candidate);
      if (vastus_backup_restore (live, candidate, NULL, NULL, &error))
        g_error ("%s was restored", hostile[i].label);
      g_test_message ("  refused: %s", error->message);
      if (hostile[i].named != NULL)
        assert_contains (error->message, hostile[i].named);

      /* The command says so too, in one line, without touching the file. */
      g_assert_cmpint (run_cli (live, NULL, &err, "restore", candidate, NULL), ==, 1);
      g_assert_true (g_str_has_suffix (err, "\n"));
      g_assert_null (strchr (err, '\n') + 1 == err + strlen (err) ? NULL : err);

      /* Byte for byte as it was, nothing beside it (no pre-restore backup, no copy), and it
       * reads as before. */
      after = fault_file_sha256 (live);
      listing_after = fault_listing (live_dir);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpstr (listing_after, ==, listing_before);
      hash = fault_content_hash (live);
      g_assert_cmpstr (hash, ==, content);
      g_unlink (candidate);
    }
  fault_assert_intact (live);
  fault_rm_rf (dir);
}

/* The reproducer: a backup with a trigger that deletes measurements restored with exit 0, and
 * a later import "succeeded", leaving 1 of 843 measurements. Now the restore is refused, and
 * the same trigger put into the live file stops the import before it writes anything. */
static void
test_purge_trigger_import (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *live = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "visits.csv", NULL);
  g_autoptr(GString) rows = g_string_new ("mrn,name,birth_date,sex,condition,involved_side,"
                                          "surgery_date,visit_date,measure,side,value,unit\n");
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_live (live, NULL);
  for (int v = 1; v <= 5; v++)
    g_string_append_printf (rows, "P-1,Imported Person,1990-01-01,female,aclr,left,2024-01-10,"
                            "2024-02-%02d,knee_flexion,left,%d,deg\n", v, 100 + v);
  g_assert_true (g_file_set_contents (csv, rows->str, -1, NULL));
  make_extra_trigger (live, live);
  before = fault_file_sha256 (live);
  g_assert_cmpint (run_cli (live, NULL, &err, "import", csv, NULL), ==, 1);
  assert_contains (err, "measurement_purge");
  after = fault_file_sha256 (live);
  g_assert_cmpstr (after, ==, before);
  fault_rm_rf (dir);
}

/* B17 */

typedef struct
{
  const char *label;
  const char *sql;
  const char *named;
} Drift;

static const Drift drifts[] = {
  { "an extra trigger", "CREATE TRIGGER measurement_purge AFTER INSERT ON measurement BEGIN "
    "DELETE FROM measurement WHERE id <> new.id; END", "measurement_purge" },
  { "an audit trigger dropped", "DROP TRIGGER visit_audit_update", "visit_audit_update" },
  { "an extra index", "CREATE INDEX measurement_by_value ON measurement (value)",
    "measurement_by_value" },
  { "an index dropped", "DROP INDEX visit_by_episode", "visit_by_episode" },
  { "an extra table", "CREATE TABLE exfiltrate (mrn TEXT)", "exfiltrate" },
  { "an extra column", "ALTER TABLE patient ADD COLUMN ssn TEXT", "ssn" },
  { "an extra view", "CREATE VIEW everyone AS SELECT * FROM patient", "everyone" },
  { "a guard trigger weakened", "DROP TRIGGER audit_log_no_update; CREATE TRIGGER "
    "audit_log_no_update BEFORE UPDATE ON audit_log WHEN 0 BEGIN SELECT RAISE (ABORT, 'no'); END",
    "audit_log_no_update" },
};

static void
test_schema_drift (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autofree char *drifted = g_build_filename (dir, "drifted", "vastus.db", NULL);
  g_autofree char *live = g_build_filename (dir, "live", "vastus.db", NULL);
  g_autofree char *drifted_dir = g_path_get_dirname (drifted);

  make_live (live, good);
  g_assert_cmpint (g_mkdir (drifted_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (drifts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusDatabase) db = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("%s", drifts[i].label);
      fault_copy_file (good, drifted);
      raw_exec (drifted, drifts[i].sql);
      before = fault_file_sha256 (drifted);

      /* Opening refuses, naming it, and writes nothing. */
      db = vastus_database_open (drifted, &error);
      g_assert_null (db);
      g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED);
      assert_contains (error->message, drifts[i].named);
      g_clear_error (&error);
      after = fault_file_sha256 (drifted);
      g_assert_cmpstr (after, ==, before);

      /* check lists it. */
      g_assert_cmpint (run_cli (drifted, &out, &err, "check", NULL), ==, 1);
      assert_contains (out, drifts[i].named);

      /* As a backup: verification and restore refuse it, naming it. */
      vastus_backup_verify (drifted, FALSE, NULL, &error);
      g_assert_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_DAMAGED);
      assert_contains (error->message, drifts[i].named);
      g_clear_error (&error);
      g_assert_false (vastus_backup_restore (live, drifted, NULL, NULL, &error));
      assert_contains (error->message, drifts[i].named);
    }
  fault_rm_rf (dir);
}

/* check finds what opening refuses, and what only a writable copy shows. */
static void
test_check_finds (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  struct { const char *label; void (*make) (const char *, const char *); int status;
           const char *named; } cases[] = {
    { "another program's database", make_other_program, 1, "another program" },
    { "a foreign application id", make_foreign_id, 1, "another program" },
    { "a newer schema", make_newer, 1, "newer" },
    { "a flipped bit (kogs_qol)", make_bit_flipped, 1, "“kogs_qol” is not a measure" },
    { "a row breaking a CHECK constraint", make_check_violation, 1, "CHECK constraint failed in measurement" },
    { "a value outside its hard limits", make_check_violation, 1, "above the largest possible value" },
    { "an empty file", make_empty, 1, "empty" },
  };

  make_live (good, NULL);
  {
    g_autofree char *out = NULL;

    g_assert_cmpint (run_cli (good, &out, NULL, "check", NULL), ==, 0);
    assert_contains (out, "no problems found");
  }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *both = NULL;

      g_test_message ("check: %s", cases[i].label);
      cases[i].make (good, path);
      g_assert_cmpint (run_cli (path, &out, &err, "check", NULL), ==, cases[i].status);
      both = g_strconcat (out, err, NULL);
      assert_contains (both, cases[i].named);
      g_assert_null (strstr (both, "Could not check"));
      g_unlink (path);
    }
  fault_rm_rf (dir);
}

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

  raw_exec (path, full);
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
  assert_contains (problems->pdata[0], first);
  if (at != NULL)
    assert_contains (problems->pdata[0], at);
  g_assert_cmpint (run_cli (path, &out, NULL, "check", NULL), ==, 1);
  assert_contains (out, first);
}

static void
test_audit_chain (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("audit chain");
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.db", NULL);
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  gint64 n, k;

  make_live (good, NULL);
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
    raw_exec (path, "DROP TRIGGER audit_log_sealed; INSERT INTO audit_log (actor, table_name, "
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

  make_live (good, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (flips); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusDatabase) db = NULL;
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", flips[i]);
      g_autofree char *err = NULL;
      g_autofree char *out = NULL;

      fault_copy_file (good, path);
      raw_exec (path, sql);
      db = vastus_database_open (path, &error);
      g_assert_null (db);
      g_test_message ("version %d: %s", flips[i], error->message);
      g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED);
      g_assert_null (strstr (error->message, "newer"));
      g_clear_error (&error);
      g_assert_cmpint (run_cli (path, &out, &err, "check", NULL), ==, 1);
      assert_contains (err, "damaged");
      vastus_backup_verify (path, FALSE, NULL, &error);
      g_assert_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_DAMAGED);
    }
  fault_rm_rf (dir);
}

/* B19 */

static void
test_empty_database (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *folder = vastus_backup_get_folder (path);
  const gsize sizes[] = { 0, 1 };

  /* A database with a backup beside it, then cut to nothing. */
  {
    g_autoptr(GError) error = NULL;
    VastusDatabase *db = fault_populate (path, 3, 2, NULL);
    g_autofree char *made = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);

    g_assert_no_error (error);
    g_object_unref (db);
  }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusDatabase) db = NULL;
      g_autoptr(GPtrArray) backups = NULL;
      g_autofree char *listing_before = NULL;
      g_autofree char *listing_after = NULL;
      g_autofree char *err = NULL;
      g_autofree char *out = NULL;
      GStatBuf st;

      g_assert_true (g_file_set_contents (path, "S", sizes[i], NULL));
      listing_before = fault_listing (dir);
      db = vastus_database_open (path, &error);
      g_assert_null (db);
      g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED);
      g_clear_error (&error);
      g_assert_cmpint (run_cli (path, &out, &err, "patients", NULL), ==, 1);
      assert_contains (err, sizes[i] == 0 ? "empty" : "too short");
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_size, ==, (goffset) sizes[i]);
      listing_after = fault_listing (dir);
      g_assert_cmpstr (listing_after, ==, listing_before);

      /* The newest good backup is there to offer (the recovery page offers it). */
      backups = vastus_backup_list (path, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (backups->len, ==, 1);
      vastus_backup_verify (((VastusBackupInfo *) backups->pdata[0])->path, TRUE, NULL, &error);
      g_assert_no_error (error);
    }
  fault_rm_rf (dir);
}

static void
test_mistyped_path (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *missing_dir = g_build_filename (dir, "no", "such", NULL);
  g_autofree char *path = g_build_filename (missing_dir, "vastus.db", NULL);
  g_autofree char *png = g_build_filename (dir, "chart.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "out.csv", NULL);
  const char *const commands[][10] = {
    { "patients", NULL },
    { "export", "-o", csv, NULL },
    { "summary", "--patient", "F00001", NULL },
    { "evaluate", "--patient", "F00001", NULL },
    { "chart", "--patient", "F00001", "--kind", "symmetry", "-o", png, NULL },
    { "report", "--patient", "F00001", "-o", pdf, NULL },
    { "check", NULL },
    { "backup", NULL },
    { "backup", "--list", NULL },
    { "criteria", "versions", "tka-milestones", NULL },
  };
  g_autofree char *empty_listing = fault_listing (dir);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      const char *const *c = commands[i];
      int status = run_cli (path, NULL, &err, c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], NULL);

      g_test_message ("%s: %d %s", c[0], status, err);
      g_assert_cmpint (status, ==, 1);
      assert_contains (err, "There is no database at");
      after = fault_listing (dir);
      g_assert_cmpstr (after, ==, empty_listing);
    }

  /* The criteria sets are listed without a database, from the program (the built-in ones every
   * database has), and nothing is made. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autofree char *after = NULL;

    g_assert_cmpint (run_cli (path, &out, &err, "criteria", NULL), ==, 0);
    assert_contains (out, "tka-milestones (v1, built-in)");
    assert_contains (err, "there is no database at");
    after = fault_listing (dir);
    g_assert_cmpstr (after, ==, empty_listing);
  }

  /* import, demo and a clinic's first criteria set make it, and say so. */
  {
    g_autofree char *err = NULL;
    g_autofree char *sets_path = g_build_filename (dir, "sets", "vastus.db", NULL);

    g_assert_cmpint (run_cli (sets_path, NULL, &err, "criteria", "copy", "tka-milestones",
                              "clinic-tka", NULL), ==, 0);
    assert_contains (err, "Created a new database at");
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *demo_path = g_build_filename (dir, "new", "demo.db", NULL);

    g_assert_cmpint (run_cli (demo_path, NULL, &err, "demo", NULL), ==, 0);
    assert_contains (err, "Created a new database at");
    g_assert_true (g_file_test (demo_path, G_FILE_TEST_IS_REGULAR));
    g_clear_pointer (&err, g_free);
    /* The second time there is nothing to say. */
    g_assert_cmpint (run_cli (demo_path, NULL, &err, "demo", "--remove", NULL), ==, 0);
    g_assert_null (strstr (err, "Created"));
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *csv_in = g_build_filename (dir, "in.csv", NULL);
    g_autofree char *import_path = g_build_filename (dir, "imported", "vastus.db", NULL);

    g_assert_true (g_file_set_contents (csv_in, "mrn,name,birth_date,sex,condition,involved_side,"
                                        "surgery_date,visit_date,measure,side,value,unit\n"
                                        "I-1,New Person,1990-01-01,male,aclr,left,2024-01-10,"
                                        "2024-02-01,knee_flexion,left,100,deg\n", -1, NULL));
    g_assert_cmpint (run_cli (import_path, NULL, &err, "import", csv_in, NULL), ==, 0);
    assert_contains (err, "Created a new database at");
    fault_assert_intact (import_path);
  }
  fault_rm_rf (dir);
}

/* B20 */

static gboolean
no_sqlite_error (const char *text)
{
  return strstr (text, "SQLite error") == NULL && strstr (text, "readonly database") == NULL
         && strstr (text, "disk I/O error") == NULL;
}

/* The commands that only read work on @path; those that write say why they cannot (@reason),
 * without a raw SQLite error. (On a full disk, SQLite's first attempt leaves an empty -shm: it
 * cannot know before it tries; in a read-only folder none can be made.) */
static void
reads_work_writes_explained (const char *path,
                             const char *outside,
                             const char *reason,
                             gboolean    shm_possible)
{
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *export = g_build_filename (outside, "export.csv", NULL);
  g_autofree char *csv = g_build_filename (outside, "in.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *exported = NULL;
  int status;

  status = run_cli (path, &out, &err, "patients", NULL);
  CHILD_CHECK (status == 0 && strstr (out, "F00001") != NULL, "patients: %d %s", status, err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (path, &out, &err, "export", "-o", export, NULL);
  CHILD_CHECK (status == 0, "export: %d %s", status, err);
  CHILD_CHECK (g_file_get_contents (export, &exported, NULL, NULL) && strstr (exported, "F00001"),
               "the export is not there");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = run_cli (path, &out, &err, "check", NULL);
  CHILD_CHECK (status == 0 && strstr (out, "no problems found") != NULL, "check: %d %s %s",
               status, out, err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  CHILD_CHECK (g_file_set_contents (csv, "mrn,name,birth_date,sex,condition,involved_side,"
                                    "surgery_date,visit_date,measure,side,value,unit\n"
                                    "W-1,Written Person,1990-01-01,male,aclr,left,2024-01-10,"
                                    "2024-02-01,knee_flexion,left,100,deg\n", -1, NULL), "csv");
  status = run_cli (path, &out, &err, "import", csv, NULL);
  g_printerr ("# import refused: %s", err);
  CHILD_CHECK (status == 1, "import: %d", status);
  CHILD_CHECK (strstr (err, reason) != NULL, "import does not say “%s”: %s", reason, err);
  CHILD_CHECK (no_sqlite_error (err), "a raw SQLite error: %s", err);
  CHILD_CHECK (shm_possible || !g_file_test (shm, G_FILE_TEST_EXISTS), "a -shm was made");
}

typedef struct
{
  const char *mnt;
  const char *outside;
} FullDisk;

static void
full_disk_reading_child (gpointer data)
{
  const FullDisk *f = data;
  g_autofree char *path = g_build_filename (f->mnt, "vastus.db", NULL);
  g_autofree char *ballast = g_build_filename (f->mnt, "ballast", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  static char block[4096];
  int fd;

  /* A tmpfs of the child's own, which vanishes with it. */
  fault_child_mount_tmpfs (f->mnt, "size=2m,mode=0755");
  g_object_unref (fault_populate (path, 3, 2, NULL));
  CHILD_CHECK (!g_file_test (shm, G_FILE_TEST_EXISTS), "a -shm after closing");
  fd = g_open (ballast, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  CHILD_CHECK (fd >= 0, "ballast");
  while (write (fd, block, sizeof block) > 0)
    ;
  close (fd);

  /* The storage layer: opens it for reading, saying why. */
  db = vastus_database_open (path, &error);
  CHILD_CHECK (db != NULL, "open on a full disk: %s", error->message);
  CHILD_CHECK (vastus_database_is_read_only (db), "not read-only");
  CHILD_CHECK (strstr (vastus_database_get_read_only_reason (db), "full") != NULL, "reason");
  g_clear_object (&db);

  reads_work_writes_explained (path, f->outside, "full", TRUE);
}

static void
test_full_disk_reading (void)
{
  g_autofree char *outside = fault_make_tmpdir ();
  g_autofree char *mnt = fault_make_tmpdir ();
  FullDisk f = { mnt, outside };

  fault_run_child (full_disk_reading_child, &f);
  g_rmdir (mnt);
  fault_rm_rf (outside);
}

typedef struct
{
  const char *ro;
  const char *path;
  const char *outside;
  const char *journal_db;
} ReadOnlyFolder;

static void
read_only_folder_child (gpointer data)
{
  const ReadOnlyFolder *r = data;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  /* Root ignores modes (data-safety.md §1.10): as nobody, or as the user running the test. */
  fault_child_drop_root ();
  CHILD_CHECK (access (r->path, W_OK) != 0 && access (r->ro, W_OK) != 0, "writable for this user");
  reads_work_writes_explained (r->path, r->outside, "reading only", FALSE);

  /* The -wal holds changes that cannot be read without writing: a clear refusal. */
  status = run_cli (r->journal_db, &out, &err, "patients", NULL);
  g_printerr ("# a read-only journal: %s", err);
  CHILD_CHECK (status == 1 && strstr (err, "still holds changes") != NULL, "journal: %s", err);
  CHILD_CHECK (no_sqlite_error (err), "a raw SQLite error: %s", err);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *outside = g_build_filename (dir, "out", NULL);
  g_autofree char *ro = g_build_filename (dir, "ro", NULL);
  g_autofree char *path = g_build_filename (ro, "vastus.db", NULL);
  g_autofree char *journal = g_build_filename (dir, "journal", NULL);
  g_autofree char *journal_db = g_build_filename (journal, "vastus.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *listing_before = NULL;
  ReadOnlyFolder r = { ro, path, outside, journal_db };

  g_assert_cmpint (g_mkdir (ro, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (outside, 0777), ==, 0);
  g_assert_cmpint (g_chmod (outside, 0777), ==, 0);
  g_object_unref (fault_populate (path, 3, 2, NULL));
  /* A second one whose -wal still holds changes: copied while a connection had them. */
  g_assert_cmpint (g_mkdir (journal, 0700), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *journal_wal = g_strconcat (journal_db, "-wal", NULL);
    VastusDatabase *db = vastus_database_open (path, &error);
    g_autoptr(VastusVisit) visit = fault_make_visit (1, 5);

    g_assert_no_error (error);
    vastus_database_insert_visit (db, visit, &error);
    g_assert_no_error (error);
    fault_copy_file (path, journal_db);
    fault_copy_file (wal, journal_wal);
    g_object_unref (db);
    g_assert_cmpint (g_chmod (journal_db, 0444), ==, 0);
    g_assert_cmpint (g_chmod (journal_wal, 0444), ==, 0);
    g_assert_cmpint (g_chmod (journal, 0555), ==, 0);
  }
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (ro, 0555), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  before = fault_file_sha256 (path);
  listing_before = fault_listing (ro);

  if (fault_run_child (read_only_folder_child, &r))
    {
      g_autofree char *after = fault_file_sha256 (path);
      g_autofree char *listing_after = fault_listing (ro);

      g_assert_cmpstr (after, ==, before);
      g_assert_cmpstr (listing_after, ==, listing_before);
    }
  g_chmod (journal, 0700);
  fault_rm_rf (dir);
}

/* kill -9 during `backup -o FILE` */

/* Starts `backup -o @dest` and kills it after @delay µs (unless it ended first); TRUE when it
 * was killed. */
static gboolean
kill_backup_after (const char *db,
                   const char *dest,
                   gboolean    force,
                   gint64      delay)
{
  const char *argv[] = { VASTUS_CLI_PATH, "--db", db, "backup", "-o", dest,
                         force ? "--force" : NULL, NULL };
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + delay;
  GPid pid;
  int status = 0;
  pid_t done;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  while ((done = waitpid (pid, &status, WNOHANG)) == 0 && g_get_monotonic_time () < deadline)
    fault_sleep_us (200);
  if (done == 0)
    {
      kill (pid, SIGKILL);
      status = fault_wait (pid);
    }
  g_spawn_close_pid (pid);
  return WIFSIGNALED (status);
}

static void
test_kill_during_backup_output (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("kill -9 during backup -o FILE");
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *out_dir = g_build_filename (dir, "usb", NULL);
  g_autofree char *dest = g_build_filename (out_dir, "clinic-backup.db", NULL);
  g_autofree char *hash = NULL;
  guint n = fault_scaled (60), n_killed = 0, n_force_killed = 0;
  gint64 duration;

  g_object_unref (fault_populate (path, 40, 6, NULL));
  hash = fault_content_hash (path);
  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  {
    gint64 start = g_get_monotonic_time ();

    g_assert_cmpint (run_cli (path, NULL, NULL, "backup", "-o", dest, NULL), ==, 0);
    duration = g_get_monotonic_time () - start;
    g_unlink (dest);
  }
  g_test_message ("backup -o takes %.1f ms", duration / 1000.0);

  for (guint k = 0; k < n; k++)
    {
      gboolean force = k % 2 == 1;
      g_autofree char *names = NULL;

      /* Without --force into a new FILE; with --force over the FILE a finished run left. */
      if (!force)
        g_unlink (dest);
      if (kill_backup_after (path, dest, force, g_rand_int_range (rand, 0, MAX (2, duration * 1.2))))
        {
          if (force)
            n_force_killed++;
          else
            n_killed++;
        }
      /* FILE is missing or a complete backup; nothing else is there, unless a run with --force
       * died in the instant between naming its copy and renaming it over FILE. */
      names = fault_listing (out_dir);
      if (!force)
        g_assert_true (g_str_equal (names, "") || g_str_equal (names, "clinic-backup.db;"));
      if (g_file_test (dest, G_FILE_TEST_EXISTS))
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *backup_hash = NULL;

          vastus_backup_verify (dest, FALSE, NULL, &error);
          g_assert_no_error (error);
          backup_hash = fault_content_hash (dest);
          g_assert_cmpstr (backup_hash, ==, hash);
        }
    }
  /* The next run removes any copy a killed run left. */
  g_assert_cmpint (run_cli (path, NULL, NULL, "backup", "-o", dest, "--force", NULL), ==, 0);
  {
    g_autofree char *names = fault_listing (out_dir);

    g_assert_cmpstr (names, ==, "clinic-backup.db;");
  }
  g_test_message ("backup -o: %u runs, %u killed without --force, %u with", n, n_killed,
                  n_force_killed);
  g_printerr ("# backup -o FILE: %u runs, %u killed mid-way; no copy left beside FILE\n", n,
              n_killed + n_force_killed);
  g_assert_cmpuint (n_killed + n_force_killed, >, 0);
  fault_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fault/tamper/hostile-restore", test_hostile_restore);
  g_test_add_func ("/fault/tamper/purge-trigger-import", test_purge_trigger_import);
  g_test_add_func ("/fault/tamper/schema-drift", test_schema_drift);
  g_test_add_func ("/fault/tamper/check-finds", test_check_finds);
  g_test_add_func ("/fault/tamper/audit-chain", test_audit_chain);
  g_test_add_func ("/fault/tamper/audit-chain-migrated", test_audit_chain_migrated);
  g_test_add_func ("/fault/tamper/flipped-version", test_flipped_version);
  g_test_add_func ("/fault/tamper/empty-database", test_empty_database);
  g_test_add_func ("/fault/tamper/mistyped-path", test_mistyped_path);
  g_test_add_func ("/fault/tamper/full-disk-reading", test_full_disk_reading);
  g_test_add_func ("/fault/tamper/read-only-folder", test_read_only_folder);
  g_test_add_func ("/fault/tamper/kill-during-backup-output", test_kill_during_backup_output);
  return g_test_run ();
}
