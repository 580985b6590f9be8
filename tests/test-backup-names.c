/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each database's backups are its own: databases side by side share the backups/ folder, but a
 * backup is named after its database, and the daily backup, the rotation and the list of one
 * never see another's. Expected names are worked by hand from the stem and the fake clock.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fault/fault-util.h"
#include "vastus-backup.h"

static GDateTime *
utc (int y, int mo, int d, int h, int mi, int s)
{
  return g_date_time_new_utc (y, mo, d, h, mi, s);
}

/* The file names of @db_path's backups, as vastus_backup_list gives them (newest first),
 * each followed by ";". */
static char *
listed (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = vastus_backup_list (db_path, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      VastusBackupInfo *info = list->pdata[i];
      g_autofree char *name = g_path_get_basename (info->path);

      g_string_append_printf (out, "%s;", name);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_stems_and_names (void)
{
  g_autoptr(GDateTime) t = utc (2026, 11, 21, 20, 15, 7);
  struct { const char *path; const char *stem; } stems[] = {
    { "/srv/vastus.db", "vastus" },
    { "/home/a/Documents/clinic.db", "clinic" },
    { "clinic-b.db", "clinic-b" },
    { "/srv/records", "records" },            /* no ".db": the whole name */
    { "/srv/old.sqlite", "old.sqlite" },
    { "/srv/.db", ".db" },                    /* nothing before ".db": the whole name */
    { "/srv/a.db.db", "a.db" },
  };
  struct { const char *stem; const char *name; gboolean ok; VastusBackupKind kind; } cases[] = {
    { "clinic", "clinic-2026-11-21T20-15-07Z.db", TRUE, VASTUS_BACKUP_KIND_REGULAR },
    { "clinic", "clinic-2026-11-21T20-15-07Z-damaged-2.db", TRUE, VASTUS_BACKUP_KIND_DAMAGED },
    { "clinic", "clinic-b-2026-11-21T20-15-07Z.db", FALSE, 0 },   /* clinic-b.db's */
    { "clinic", "vastus-2026-11-21T20-15-07Z.db", FALSE, 0 },     /* vastus.db's */
    { "clinic", "clinicx-2026-11-21T20-15-07Z.db", FALSE, 0 },
    { "clinic", "2026-11-21T20-15-07Z.db", FALSE, 0 },
    { "clinic-b", "clinic-b-2026-11-21T20-15-07Z-pre-restore.db", TRUE,
      VASTUS_BACKUP_KIND_PRE_RESTORE },
    { "clinic-b", "clinic-2026-11-21T20-15-07Z.db", FALSE, 0 },
    { "vastus", "clinic-2026-11-21T20-15-07Z.db", FALSE, 0 },
    { "records", "records-2026-11-21T20-15-07Z-pre-migration.db", TRUE,
      VASTUS_BACKUP_KIND_PRE_MIGRATION },
  };
  g_autofree char *clinic = vastus_backup_make_name ("clinic", t, VASTUS_BACKUP_KIND_REGULAR);
  g_autofree char *records = vastus_backup_make_name ("records", t, VASTUS_BACKUP_KIND_DAMAGED);

  for (guint i = 0; i < G_N_ELEMENTS (stems); i++)
    {
      g_autofree char *stem = vastus_backup_get_stem (stems[i].path);

      g_assert_cmpstr (stem, ==, stems[i].stem);
    }
  g_assert_cmpstr (clinic, ==, "clinic-2026-11-21T20-15-07Z.db");
  g_assert_cmpstr (records, ==, "records-2026-11-21T20-15-07Z-damaged.db");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) when = NULL;
      VastusBackupKind kind = -1;

      g_test_message ("%s: %s", cases[i].stem, cases[i].name);
      g_assert_cmpint (vastus_backup_parse_name (cases[i].stem, cases[i].name, &when, &kind), ==,
                       cases[i].ok);
      if (cases[i].ok)
        {
          g_assert_cmpint (kind, ==, cases[i].kind);
          g_assert_true (g_date_time_equal (when, t));
        }
    }
}

/* clinic.db and other.db side by side: each gets its own daily backup on the same day. */
static void
test_daily_per_database (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *clinic = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *folder = vastus_backup_get_folder (clinic);
  g_autoptr(VastusDatabase) db1 = fault_populate (clinic, 1, 1, NULL);
  g_autoptr(VastusDatabase) db2 = fault_populate (other, 2, 1, NULL);
  g_autoptr(GDateTime) nine = utc (2026, 3, 2, 9, 0, 0);
  g_autoptr(GDateTime) ten = utc (2026, 3, 2, 10, 0, 0);
  g_autoptr(GDateTime) eleven = utc (2026, 3, 2, 11, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *created1 = NULL;
  g_autofree char *created2 = NULL;
  g_autofree char *none1 = NULL;
  g_autofree char *none2 = NULL;
  g_autofree char *expected1 = g_build_filename (folder, "clinic-2026-03-02T09-00-00Z.db", NULL);
  g_autofree char *expected2 = g_build_filename (folder, "other-2026-03-02T10-00-00Z.db", NULL);

  g_assert_true (vastus_backup_automatic (clinic, nine, &created1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (created1, ==, expected1);
  /* An hour later other.db is due all the same: clinic.db's backup is not its. */
  g_assert_true (vastus_backup_automatic (other, ten, &created2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (created2, ==, expected2);
  /* And each has had today's now. */
  g_assert_true (vastus_backup_automatic (clinic, eleven, &none1, &error));
  g_assert_no_error (error);
  g_assert_null (none1);
  g_assert_true (vastus_backup_automatic (other, eleven, &none2, &error));
  g_assert_no_error (error);
  g_assert_null (none2);
  /* The backup of other.db holds other.db: two patients, not clinic.db's one. */
  {
    g_autoptr(VastusBackupInfo) info = NULL;

    g_assert_true (vastus_backup_verify (created2, FALSE, &info, &error));
    g_assert_no_error (error);
    g_assert_cmpint (info->n_patients, ==, 2);
  }

  g_clear_object (&db1);
  g_clear_object (&db2);
  fault_rm_rf (dir);
}

/* The rotation of one database never deletes another's backups, however old. */
static void
test_rotation_keeps_others (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *clinic = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *folder = vastus_backup_get_folder (clinic);
  g_autoptr(VastusDatabase) db1 = fault_populate (clinic, 1, 1, NULL);
  g_autoptr(VastusDatabase) db2 = fault_populate (other, 1, 1, NULL);
  g_autoptr(GDateTime) start = utc (2026, 1, 5, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *others_before = NULL;
  g_autofree char *others_after = NULL;
  int n_clinic;

  /* other.db: ten daily backups in January, Jan 5–14; its own rotation keeps the last 7 days
   * of them (Jan 8–14; the newest of each week and month are among those). */
  for (int d = 0; d < 10; d++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (start, d);
      g_autofree char *path = vastus_backup_create (db2, NULL, VASTUS_BACKUP_KIND_REGULAR, now,
                                                    &error);

      g_assert_no_error (error);
    }
  others_before = listed (other);
  g_test_message ("other.db's: %s", others_before);
  g_assert_cmpuint (fault_count_files (folder, "other-"), >, 0);

  /* clinic.db: forty daily backups, May 5 – June 13. Counting other.db's January backups as
   * its own, its rotation would delete all but Jan 14 (January's newest). */
  for (int d = 0; d < 40; d++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (start, 120 + d);
      g_autofree char *created = NULL;

      g_assert_true (vastus_backup_automatic (clinic, now, &created, &error));
      g_assert_no_error (error);
      g_assert_nonnull (created);
    }
  others_after = listed (other);
  g_assert_cmpstr (others_after, ==, others_before);
  /* clinic.db's own were rotated: 7 days, at most 3 more weeks and 1 more month are kept of 40. */
  n_clinic = fault_count_files (folder, "clinic-");
  g_assert_cmpint (n_clinic, >=, 7);
  g_assert_cmpint (n_clinic, <=, 7 + 3 + 1);

  g_clear_object (&db1);
  g_clear_object (&db2);
  fault_rm_rf (dir);
}

/* The list of each database shows its own backups only, even when one's name begins with the
 * other's ("clinic" and "clinic-b"). */
static void
test_list_own_only (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *clinic = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *clinic_b = g_build_filename (dir, "clinic-b.db", NULL);
  g_autofree char *vastus = g_build_filename (dir, "vastus.db", NULL);
  g_autoptr(VastusDatabase) db1 = fault_populate (clinic, 1, 1, NULL);
  g_autoptr(VastusDatabase) db2 = fault_populate (clinic_b, 1, 1, NULL);
  g_autoptr(VastusDatabase) db3 = fault_populate (vastus, 1, 1, NULL);
  g_autoptr(GDateTime) t1 = utc (2026, 3, 2, 9, 0, 0);
  g_autoptr(GDateTime) t2 = utc (2026, 3, 2, 9, 30, 0);
  g_autoptr(GDateTime) t3 = utc (2026, 3, 2, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;
  g_autofree char *p3 = NULL;
  g_autofree char *p4 = NULL;
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;
  g_autofree char *l3 = NULL;

  p1 = vastus_backup_create (db1, NULL, VASTUS_BACKUP_KIND_REGULAR, t1, &error);
  g_assert_no_error (error);
  p2 = vastus_backup_create (db2, NULL, VASTUS_BACKUP_KIND_REGULAR, t2, &error);
  g_assert_no_error (error);
  p3 = vastus_backup_create (db2, NULL, VASTUS_BACKUP_KIND_PRE_MIGRATION, t3, &error);
  g_assert_no_error (error);
  p4 = vastus_backup_create (db3, NULL, VASTUS_BACKUP_KIND_REGULAR, t3, &error);
  g_assert_no_error (error);

  l1 = listed (clinic);
  l2 = listed (clinic_b);
  l3 = listed (vastus);
  g_assert_cmpstr (l1, ==, "clinic-2026-03-02T09-00-00Z.db;");
  g_assert_cmpstr (l2, ==, "clinic-b-2026-03-02T10-00-00Z-pre-migration.db;"
                           "clinic-b-2026-03-02T09-30-00Z.db;");
  g_assert_cmpstr (l3, ==, "vastus-2026-03-02T10-00-00Z.db;");

  g_clear_object (&db1);
  g_clear_object (&db2);
  g_clear_object (&db3);
  fault_rm_rf (dir);
}

/* Backups from before they were named after their database are all "vastus-…". A database of
 * another name with no vastus.db beside it still lists them (and its rotation never deletes
 * them); once a vastus.db is there, they are its. */
static void
test_legacy_names (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *clinic = g_build_filename (dir, "clinic.db", NULL);
  g_autofree char *vastus = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *folder = vastus_backup_get_folder (clinic);
  g_autofree char *legacy = g_build_filename (folder, "vastus-2026-01-05T09-00-00Z.db", NULL);
  g_autofree char *legacy_older = g_build_filename (folder, "vastus-2026-01-04T09-00-00Z.db", NULL);
  g_autoptr(VastusDatabase) db = fault_populate (clinic, 1, 1, NULL);
  g_autoptr(GDateTime) old = utc (2026, 1, 5, 9, 0, 0);
  g_autoptr(GDateTime) older = utc (2026, 1, 4, 9, 0, 0);
  g_autoptr(GDateTime) start = utc (2026, 6, 1, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  g_autofree char *made_older = NULL;
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;
  g_autofree char *l3 = NULL;

  /* Two backups of clinic.db as an older Vastus named them, a day apart. */
  made_older = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, older, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (made_older, legacy_older), ==, 0);
  made = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, old, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_rename (made, legacy), ==, 0);
  l1 = listed (clinic);
  g_assert_cmpstr (l1, ==, "vastus-2026-01-05T09-00-00Z.db;vastus-2026-01-04T09-00-00Z.db;");

  /* Forty days of clinic.db's own daily backups (June 1 – July 10): both old ones stay. Were
   * they rotated with clinic.db's own, Jan 4 would go (only January's newest, Jan 5, is kept). */
  for (int d = 0; d < 40; d++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (start, d);
      g_autofree char *created = NULL;

      g_assert_true (vastus_backup_automatic (clinic, now, &created, &error));
      g_assert_no_error (error);
      g_assert_nonnull (created);
    }
  g_assert_true (g_file_test (legacy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (legacy_older, G_FILE_TEST_EXISTS));
  l2 = listed (clinic);
  g_assert_true (g_str_has_suffix (l2, ";vastus-2026-01-05T09-00-00Z.db;"
                                       "vastus-2026-01-04T09-00-00Z.db;"));

  /* A vastus.db beside it: the old names are that database's, no longer clinic.db's. */
  {
    g_autoptr(VastusDatabase) db2 = fault_populate (vastus, 1, 1, NULL);
    g_autofree char *l4 = NULL;

    l3 = listed (clinic);
    g_assert_null (strstr (l3, "vastus-"));
    l4 = listed (vastus);
    g_assert_cmpstr (l4, ==, "vastus-2026-01-05T09-00-00Z.db;vastus-2026-01-04T09-00-00Z.db;");
  }

  g_clear_object (&db);
  fault_rm_rf (dir);
}

/* One database reached by other paths (a symbolic link to the file, one to its folder, a ".."
 * through a folder beside it) has one set of backups: the folder and stem of its real location,
 * the daily backup taken once a day whichever path opened it, and the same list by every path. */
static void
test_linked_paths (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  /* The scratch folder as the system names it (where TMPDIR is itself a link). */
  g_autofree char *top = realpath (dir, NULL);
  g_autofree char *real_dir = g_build_filename (top, "records", NULL);
  g_autofree char *real = g_build_filename (real_dir, "clinic.db", NULL);
  g_autofree char *expected_folder = g_build_filename (real_dir, "backups", NULL);
  g_autofree char *linked_file = g_build_filename (top, "today.db", NULL);
  g_autofree char *linked_dir = g_build_filename (top, "shortcut", NULL);
  g_autofree char *through_link = g_build_filename (linked_dir, "clinic.db", NULL);
  g_autofree char *sub = g_build_filename (real_dir, "sub", NULL);
  g_autofree char *dotted = g_build_filename (real_dir, "sub", "..", "clinic.db", NULL);
  g_autoptr(GDateTime) nine = utc (2026, 3, 2, 9, 0, 0);
  g_autoptr(GDateTime) ten = utc (2026, 3, 2, 10, 0, 0);
  g_autoptr(GDateTime) eleven = utc (2026, 3, 2, 11, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  g_autofree char *created = NULL;
  const char *paths[] = { real, linked_file, through_link, dotted };

  g_assert_cmpint (g_mkdir (real_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  db = fault_populate (real, 1, 1, NULL);
  g_assert_cmpint (symlink (real, linked_file), ==, 0);
  g_assert_cmpint (symlink (real_dir, linked_dir), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *folder = vastus_backup_get_folder (paths[i]);
      g_autofree char *stem = vastus_backup_get_stem (paths[i]);

      g_test_message ("%s", paths[i]);
      g_assert_cmpstr (folder, ==, expected_folder);
      g_assert_cmpstr (stem, ==, "clinic");
    }

  /* Today's backup by the real path: by the others it is already there. */
  g_assert_true (vastus_backup_automatic (real, nine, &created, &error));
  g_assert_no_error (error);
  g_assert_nonnull (created);
  for (guint i = 1; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *none = NULL;
      g_autofree char *list = NULL;

      g_assert_true (vastus_backup_automatic (paths[i], i == 1 ? ten : eleven, &none, &error));
      g_assert_no_error (error);
      g_assert_null (none);
      list = listed (paths[i]);
      g_assert_cmpstr (list, ==, "clinic-2026-03-02T09-00-00Z.db;");
    }

  g_clear_object (&db);
  fault_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backup/names/stems", test_stems_and_names);
  g_test_add_func ("/backup/names/daily-per-database", test_daily_per_database);
  g_test_add_func ("/backup/names/rotation-keeps-others", test_rotation_keeps_others);
  g_test_add_func ("/backup/names/list-own-only", test_list_own_only);
  g_test_add_func ("/backup/names/legacy", test_legacy_names);
  g_test_add_func ("/backup/names/linked-paths", test_linked_paths);
  return g_test_run ();
}
