/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The second battery (test-fault-tamper.c), B16 and B17: hostile restore sources, each refused
 * before the live file is touched; schema drift in the live file and in backups, named by check,
 * open and restore.
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
  tamper_raw_exec (path, "PRAGMA application_id = 1234");
}

static void
make_newer (const char *good, const char *path)
{
  int newer = vastus_database_get_latest_schema_version () + 1;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d; UPDATE schema_info SET "
                                          "version = %d; CREATE TABLE later (id INTEGER)",
                                          newer, newer);

  fault_copy_file (good, path);
  tamper_raw_exec (path, sql);
}

static void
make_extra_trigger (const char *good, const char *path)
{
  fault_copy_file (good, path);
  tamper_raw_exec (path, "CREATE TRIGGER measurement_purge AFTER INSERT ON measurement BEGIN "
                  "DELETE FROM measurement WHERE id <> new.id; END");
}

static void
make_audit_dropped (const char *good, const char *path)
{
  fault_copy_file (good, path);
  tamper_raw_exec (path, "DROP TRIGGER measurement_audit_insert; DROP TRIGGER measurement_audit_update; "
                  "DROP TRIGGER measurement_audit_delete");
}

static void
make_extra_table (const char *good, const char *path)
{
  fault_copy_file (good, path);
  tamper_raw_exec (path, "CREATE TABLE exfiltrate (mrn TEXT, name TEXT)");
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
  tamper_raw_exec (path, "PRAGMA ignore_check_constraints = 1; "
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

  tamper_make_live (live, good);
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
        tamper_assert_contains (error->message, hostile[i].named);

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

  tamper_make_live (live, NULL);
  for (int v = 1; v <= 5; v++)
    g_string_append_printf (rows, "P-1,Imported Person,1990-01-01,female,aclr,left,2024-01-10,"
                            "2024-02-%02d,knee_flexion,left,%d,deg\n", v, 100 + v);
  g_assert_true (g_file_set_contents (csv, rows->str, -1, NULL));
  make_extra_trigger (live, live);
  before = fault_file_sha256 (live);
  g_assert_cmpint (run_cli (live, NULL, &err, "import", csv, NULL), ==, 1);
  tamper_assert_contains (err, "measurement_purge");
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

  tamper_make_live (live, good);
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
      tamper_raw_exec (drifted, drifts[i].sql);
      before = fault_file_sha256 (drifted);

      /* Opening refuses, naming it, and writes nothing. */
      db = vastus_database_open (drifted, &error);
      g_assert_null (db);
      g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED);
      tamper_assert_contains (error->message, drifts[i].named);
      g_clear_error (&error);
      after = fault_file_sha256 (drifted);
      g_assert_cmpstr (after, ==, before);

      /* check lists it. */
      g_assert_cmpint (run_cli (drifted, &out, &err, "check", NULL), ==, 1);
      tamper_assert_contains (out, drifts[i].named);

      /* As a backup: verification and restore refuse it, naming it. */
      vastus_backup_verify (drifted, FALSE, NULL, &error);
      g_assert_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_DAMAGED);
      tamper_assert_contains (error->message, drifts[i].named);
      g_clear_error (&error);
      g_assert_false (vastus_backup_restore (live, drifted, NULL, NULL, &error));
      tamper_assert_contains (error->message, drifts[i].named);
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

  tamper_make_live (good, NULL);
  {
    g_autofree char *out = NULL;

    g_assert_cmpint (run_cli (good, &out, NULL, "check", NULL), ==, 0);
    tamper_assert_contains (out, "no problems found");
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
      tamper_assert_contains (both, cases[i].named);
      g_assert_null (strstr (both, "Could not check"));
      g_unlink (path);
    }
  fault_rm_rf (dir);
}

void
tamper_add_restore_tests (void)
{
  g_test_add_func ("/fault/tamper/hostile-restore", test_hostile_restore);
  g_test_add_func ("/fault/tamper/purge-trigger-import", test_purge_trigger_import);
  g_test_add_func ("/fault/tamper/schema-drift", test_schema_drift);
  g_test_add_func ("/fault/tamper/check-finds", test_check_finds);
}
