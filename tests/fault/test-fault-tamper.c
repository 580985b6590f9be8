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
 * The parts: tamper-restore.c (B16, B17), tamper-audit.c (B18), tamper-files.c (B19, B20 and
 * kill -9 during backup -o); this file has the helpers they share and runs them in that order.
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

/* Helpers the parts share (tamper.h) */

void
tamper_assert_contains (const char *haystack,
                        const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” is not in “%s”", needle, haystack != NULL ? haystack : "(null)");
}

void
tamper_raw_exec (const char *path,
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

void
tamper_make_live (const char *path,
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  tamper_add_restore_tests ();
  tamper_add_audit_tests ();
  tamper_add_files_tests ();
  return g_test_run ();
}
