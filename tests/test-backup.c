/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * B5: backups and restore, with a fake clock. The retention rule is a pure function and is
 * tested on its own; the rest works on real files in a scratch folder.
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fault/fault-util.h"
#include "vastus-backup.h"
#include "vastus-backup-private.h"
#include "vastus-progress.h"

#define run_cli(...) fault_run_cli (VASTUS_CLI_PATH, __VA_ARGS__)

static GDateTime *
utc (int y, int mo, int d, int h, int mi, int s)
{
  return g_date_time_new_utc (y, mo, d, h, mi, s);
}

static void
test_names (void)
{
  g_autoptr(GDateTime) t = utc (2026, 11, 21, 20, 15, 7);
  g_autoptr(GDateTime) parsed = NULL;
  VastusBackupKind kind = -1;
  struct { const char *name; gboolean ok; VastusBackupKind kind; } cases[] = {
    { "vastus-2026-11-21T20-15-07Z.db", TRUE, VASTUS_BACKUP_KIND_REGULAR },
    { "vastus-2026-11-21T20-15-07Z-pre-migration.db", TRUE, VASTUS_BACKUP_KIND_PRE_MIGRATION },
    { "vastus-2026-11-21T20-15-07Z-pre-restore-3.db", TRUE, VASTUS_BACKUP_KIND_PRE_RESTORE },
    { "vastus-2026-11-21T20-15-07Z-damaged.db", TRUE, VASTUS_BACKUP_KIND_DAMAGED },
    { "vastus-2026-11-21T20-15-07Z-2.db", TRUE, VASTUS_BACKUP_KIND_REGULAR },
    { "vastus-2026-13-21T20-15-07Z.db", FALSE, 0 },
    { "vastus-2026-11-21T20-15-07Z.db-journal", FALSE, 0 },
    { "vastus.db", FALSE, 0 },
    { ".vastus-backup-abc123", FALSE, 0 },
    { "notes.txt", FALSE, 0 },
  };
  g_autofree char *name = vastus_backup_make_name ("vastus", t, VASTUS_BACKUP_KIND_REGULAR);
  g_autofree char *pre = vastus_backup_make_name ("vastus", t, VASTUS_BACKUP_KIND_PRE_MIGRATION);

  g_assert_cmpstr (name, ==, "vastus-2026-11-21T20-15-07Z.db");
  g_assert_cmpstr (pre, ==, "vastus-2026-11-21T20-15-07Z-pre-migration.db");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) when = NULL;

      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (vastus_backup_parse_name ("vastus", cases[i].name, &when, &kind), ==, cases[i].ok);
      if (cases[i].ok)
        {
          g_assert_cmpint (kind, ==, cases[i].kind);
          g_assert_true (g_date_time_equal (when, t));
        }
    }
  g_assert_true (vastus_backup_parse_name ("vastus", name, &parsed, NULL));
  g_assert_true (g_date_time_equal (parsed, t));
}

/* Keeps the times the rule keeps, as "YYYY-MM-DD HH", newest first. */
static char *
kept (GPtrArray *times,
      GDateTime *now)
{
  g_autofree gboolean *keep = vastus_backup_retention ((GDateTime *const *) times->pdata,
                                                       times->len, now);
  g_autoptr(GString) out = g_string_new (NULL);

  for (int i = times->len - 1; i >= 0; i--)
    if (keep[i])
      {
        g_autofree char *s = g_date_time_format (times->pdata[i], "%Y-%m-%d %H");

        g_string_append_printf (out, "%s%s", out->len ? "," : "", s);
      }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_retention_daily_for_a_year (void)
{
  /* One backup a day at 09:00 for 400 days, evaluated on the last day at 12:00. */
  g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GDateTime) start = utc (2025, 1, 1, 9, 0, 0);
  g_autoptr(GDateTime) now = NULL;
  g_autofree gboolean *keep = NULL;
  g_autofree char *result = NULL;
  guint n_kept = 0;

  for (int d = 0; d < 400; d++)
    g_ptr_array_add (times, g_date_time_add_days (start, d));
  now = g_date_time_add_hours (times->pdata[399], 3);   /* Wednesday 2026-02-04 12:00 */
  keep = vastus_backup_retention ((GDateTime *const *) times->pdata, times->len, now);
  for (guint i = 0; i < times->len; i++)
    n_kept += keep[i];
  result = kept (times, now);
  g_test_message ("kept: %s", result);
  /* 7 days (Jan 29 – Feb 4); the newest of 4 ISO weeks (weeks 6 and 5 are among the days,
   * plus Sunday Jan 25 and Sunday Jan 18); the newest of 12 months (February and January among
   * the days, then Dec 31 2025 back to Mar 31 2025). */
  g_assert_cmpstr (result, ==,
                   "2026-02-04 09,2026-02-03 09,2026-02-02 09,2026-02-01 09,2026-01-31 09,"
                   "2026-01-30 09,2026-01-29 09,2026-01-25 09,2026-01-18 09,"
                   "2025-12-31 09,2025-11-30 09,2025-10-31 09,2025-09-30 09,2025-08-31 09,"
                   "2025-07-31 09,2025-06-30 09,2025-05-31 09,2025-04-30 09,2025-03-31 09");
  g_assert_cmpuint (n_kept, ==, 19);
  g_assert_true (keep[399]);   /* the newest, always */
  g_assert_false (keep[0]);
}

static void
test_retention_cases (void)
{
  g_autoptr(GDateTime) now = utc (2026, 11, 21, 12, 0, 0);

  /* Several backups within the last day: all kept. An older one of the same day: not. */
  {
    g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
    g_autofree char *result = NULL;

    for (int h = 0; h < 5; h++)
      g_ptr_array_add (times, utc (2026, 11, 21, 1 + h, 0, 0));
    g_ptr_array_add (times, utc (2026, 11, 20, 13, 0, 0));   /* 23 h ago */
    g_ptr_array_add (times, utc (2026, 11, 20, 11, 0, 0));   /* 25 h ago, same day as above */
    result = kept (times, now);
    /* (listed last added first) 11:00 on the 20th is neither within 24 h nor its day's newest. */
    g_assert_cmpstr (result, ==, "2026-11-20 13,2026-11-21 05,2026-11-21 04,2026-11-21 03,"
                                 "2026-11-21 02,2026-11-21 01");
  }
  /* A gap of months (the clinic was closed): the 7 most recent days that have a backup are
   * kept, however old. */
  {
    g_autoptr(GPtrArray) times = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
    g_autofree gboolean *keep = NULL;

    for (int d = 1; d <= 9; d++)
      g_ptr_array_add (times, utc (2026, 3, d, 9, 0, 0));
    keep = vastus_backup_retention ((GDateTime *const *) times->pdata, times->len, now);
    for (int d = 1; d <= 9; d++)
      g_test_message ("March %d: %d", d, keep[d - 1]);
    /* Mar 3..9 as days; Mar 1 (a Sunday) is the newest of its ISO week 9 → kept as a week. */
    g_assert_true (keep[8] && keep[2] && keep[0]);
    g_assert_false (keep[1]);
  }
  /* Dated in the future (a wrong clock): kept. Empty input: fine. */
  {
    g_autoptr(GDateTime) future = utc (2027, 1, 1, 0, 0, 0);
    GDateTime *times[] = { future };
    g_autofree gboolean *keep = vastus_backup_retention (times, 1, now);
    g_autofree gboolean *none = vastus_backup_retention (NULL, 0, now);

    g_assert_true (keep[0]);
    g_assert_nonnull (none);
  }
}

/* Days are the clinic's: in a clinic at UTC+10, backups at 23:30 and at 00:30 local time are
 * on two days, though both fall on one UTC day (13:30 and 14:30 UTC). Each is its day's
 * newest, so both stay; bucketed by UTC day, the earlier one went. */
static void
test_retention_local_day (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (10 * 3600);
  g_autoptr(GDateTime) now = g_date_time_new (zone, 2026, 11, 21, 12, 0, 0);
  g_autoptr(GDateTime) late = g_date_time_new (zone, 2026, 11, 17, 23, 30, 0);
  g_autoptr(GDateTime) early = g_date_time_new (zone, 2026, 11, 18, 0, 30, 0);
  g_autoptr(GDateTime) late_utc = g_date_time_to_utc (late);
  g_autoptr(GDateTime) early_utc = g_date_time_to_utc (early);
  GDateTime *times[] = { late_utc, early_utc };
  g_autofree gboolean *keep = NULL;

  g_assert_cmpint (g_date_time_get_day_of_month (late_utc), ==,
                   g_date_time_get_day_of_month (early_utc));
  keep = vastus_backup_retention (times, G_N_ELEMENTS (times), now);
  g_assert_true (keep[1]);
  g_assert_true (keep[0]);
}

static void
assert_private (const char *path,
                guint       mode)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("%s: %o", path, st.st_mode & 0777);
  g_assert_cmpuint (st.st_mode & 0777, ==, mode);
}

static void
test_create_verify_list (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "data", "vastus.db", NULL);
  g_autofree char *out = g_build_filename (dir, "exported.db", NULL);
  g_autoptr(VastusDatabase) db = fault_populate (db_path, 3, 4, NULL);
  g_autoptr(GDateTime) now = utc (2026, 11, 21, 20, 15, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusBackupInfo) info = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *folder = vastus_backup_get_folder (db_path);
  g_autofree char *path = NULL;
  g_autofree char *path2 = NULL;
  g_autofree char *explicit = NULL;
  g_autofree char *hash_db = NULL;
  g_autofree char *hash_backup = NULL;

  path = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, now, &error);
  g_assert_no_error (error);
  {
    g_autofree char *expected = g_build_filename (folder, "vastus-2026-11-21T20-15-00Z.db", NULL);
    g_autofree char *data_dir = g_path_get_dirname (db_path);

    g_assert_cmpstr (path, ==, expected);
    assert_private (folder, 0700);
    assert_private (path, 0600);
    assert_private (db_path, 0600);
    assert_private (data_dir, 0700);
  }

  /* The same second again: a second file, not an overwrite. */
  path2 = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path2, !=, path);
  g_assert_true (g_str_has_suffix (path2, "-1.db"));

  vastus_backup_verify (path, TRUE, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->schema_version, ==, vastus_database_get_latest_schema_version ());
  g_assert_cmpint (info->n_patients, ==, 3);
  g_assert_cmpint (info->n_visits, ==, 12);
  g_assert_cmpint (info->size, >, 0);
  hash_db = fault_content_hash (db_path);
  hash_backup = fault_content_hash (path);
  g_assert_cmpstr (hash_db, ==, hash_backup);
  /* No journal or WAL beside a backup, no temporary files left. */
  g_assert_cmpint (fault_count_files (folder, NULL), ==, 2);

  /* -o FILE: private too, and the database itself is refused as a target. */
  explicit = vastus_backup_create (db, out, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (explicit, ==, out);
  assert_private (out, 0600);
  g_assert_null (vastus_backup_create (db, db_path, VASTUS_BACKUP_KIND_REGULAR, NULL, &error));
  g_assert_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_INVALID);
  g_clear_error (&error);

  /* Not in the middle of a transaction: the copy would hold unsaved changes. */
  vastus_database_begin (db, &error);
  g_assert_no_error (error);
  g_assert_null (vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, NULL, &error));
  g_assert_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_BUSY);
  g_clear_error (&error);
  vastus_database_rollback (db);

  list = vastus_backup_list (db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    {
      VastusBackupInfo *item = list->pdata[i];

      g_assert_cmpint (item->n_patients, ==, 3);
      g_assert_cmpint (item->n_visits, ==, 12);
      g_assert_cmpint (item->kind, ==, VASTUS_BACKUP_KIND_REGULAR);
    }

  g_clear_object (&db);
  fault_rm_rf (dir);
}

static void
test_rotation_with_fake_clock (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "vastus.db", NULL);
  g_autoptr(VastusDatabase) db = fault_populate (db_path, 1, 1, NULL);
  g_autofree char *folder = vastus_backup_get_folder (db_path);
  g_autoptr(GDateTime) start = utc (2026, 1, 1, 8, 30, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *pre = NULL;
  g_autofree char *first = NULL;
  int n = 0;

  /* A pre-migration backup on day 0 must outlive daily rotation of regular backups. */
  {
    g_autoptr(GDateTime) before = g_date_time_add_days (start, -2);

    pre = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_PRE_MIGRATION, before, &error);
    g_assert_no_error (error);
  }
  for (int d = 0; d < 120; d++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (start, d);
      g_autofree char *created = NULL;
      g_autoptr(GDateTime) later = g_date_time_add_hours (now, 3);
      g_autofree char *none = NULL;

      vastus_backup_automatic (vastus_database_get_path (db), now, &created, &error);
      g_assert_no_error (error);
      g_assert_nonnull (created);
      if (d == 30)   /* January 31st: the newest of January */
        first = g_strdup (created);
      /* Three hours later nothing is due. */
      vastus_backup_automatic (vastus_database_get_path (db), later, &none, &error);
      g_assert_no_error (error);
      g_assert_null (none);
    }
  n = fault_count_files (folder, "vastus-");
  g_test_message ("%d backups kept after 120 days", n);
  /* 7 daily + up to 3 more weekly + up to 3 more monthly, plus the pre-migration one. */
  g_assert_cmpint (n, >=, 7 + 1);
  g_assert_cmpint (n, <=, 7 + 4 + 12 + 1);
  g_assert_true (g_file_test (pre, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (first, G_FILE_TEST_EXISTS));

  g_clear_object (&db);
  fault_rm_rf (dir);
}

static void
test_failed_backup_keeps_old (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "vastus.db", NULL);
  g_autoptr(VastusDatabase) db = fault_populate (db_path, 2, 2, NULL);
  g_autofree char *folder = vastus_backup_get_folder (db_path);
  g_autoptr(GDateTime) start = utc (2026, 1, 1, 8, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *old_hash = NULL;
  g_autofree char *blocker = NULL;
  g_autofree char *path = NULL;
  int before;

  for (int d = 0; d < 10; d++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (start, d);
      g_autofree char *p = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, now, &error);

      g_assert_no_error (error);
    }
  before = fault_count_files (folder, "vastus-");
  g_assert_cmpint (before, >, 0);

  /* Break the database file under the open connection's feet: the copy must fail to verify,
   * and on a day that would rotate others out, nothing goes. A second connection reading the
   * file sees the damage; the backup reads through the open connection. */
  {
    g_autoptr(GDateTime) now = g_date_time_add_days (start, 60);
    g_autofree char *other = g_build_filename (dir, "other.db", NULL);
    g_autoptr(VastusDatabase) other_db = NULL;

    /* A foreign database (wrong application id) as the source: refused before any copy. */
    other_db = vastus_database_open (other, &error);
    g_assert_no_error (error);
    g_clear_object (&other_db);
    {
      g_autofree char *contents = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (other, &contents, &len, NULL));
      contents[68] ^= 0x5a;   /* application_id */
      g_assert_true (g_file_set_contents (other, contents, len, NULL));
    }
    path = vastus_backup_create_from_path (other, NULL, VASTUS_BACKUP_CREATE_DEFAULT,
                                           VASTUS_BACKUP_KIND_REGULAR, now, &error);
    g_assert_null (path);
    g_assert_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_NOT_VASTUS);
    g_clear_error (&error);

    /* A backup folder that cannot take a file (a file where the folder should be). */
    blocker = g_build_filename (dir, "blocked", NULL);
    g_assert_cmpint (g_mkdir (blocker, 0700), ==, 0);
    {
      g_autofree char *db2 = g_build_filename (blocker, "vastus.db", NULL);
      g_autofree char *folder2 = vastus_backup_get_folder (db2);
      g_autoptr(VastusDatabase) d2 = fault_populate (db2, 1, 1, NULL);

      g_assert_true (g_file_set_contents (folder2, "not a folder", -1, NULL));
      path = vastus_backup_create (d2, NULL, VASTUS_BACKUP_KIND_REGULAR, now, &error);
      g_assert_null (path);
      g_assert_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_FAILED);
      g_clear_error (&error);
    }
  }
  g_assert_cmpint (fault_count_files (folder, "vastus-"), ==, before);
  g_assert_cmpint (fault_count_files (folder, ".vastus-backup-"), ==, 0);
  (void) old_hash;

  g_clear_object (&db);
  fault_rm_rf (dir);
}

static void
test_restore (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "vastus.db", NULL);
  g_autoptr(VastusDatabase) db = fault_populate (db_path, 2, 3, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *safety = NULL;
  g_autofree char *hash_backup = NULL;
  g_autofree char *hash_changed = NULL;
  g_autofree char *hash_restored = NULL;
  g_autofree char *hash_safety = NULL;
  g_autofree char *garbage = g_build_filename (dir, "garbage.db", NULL);
  g_autofree char *before_garbage = NULL;
  g_autoptr(VastusPatient) extra = vastus_patient_new ();
  g_autoptr(VastusPatient) found = NULL;

  backup = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
  g_assert_no_error (error);
  hash_backup = fault_content_hash (backup);

  extra->mrn = g_strdup ("AFTER-BACKUP");
  extra->name = g_strdup ("Added After The Backup");
  vastus_database_insert_patient (db, extra, &error);
  g_assert_no_error (error);
  hash_changed = fault_content_hash (db_path);
  g_assert_cmpstr (hash_changed, !=, hash_backup);

  /* Restore while the connection stays open: it sees the restored data. */
  vastus_backup_restore (db_path, backup, NULL, &safety, &error);
  g_assert_no_error (error);
  g_assert_nonnull (safety);
  assert_private (safety, 0600);
  hash_restored = fault_content_hash (db_path);
  hash_safety = fault_content_hash (safety);
  g_assert_cmpstr (hash_restored, ==, hash_backup);
  g_assert_cmpstr (hash_safety, ==, hash_changed);
  found = vastus_database_find_patient (db, "AFTER-BACKUP", &error);
  g_assert_no_error (error);
  g_assert_null (found);
  fault_assert_intact (db_path);

  /* A file that is not a database is refused, and nothing changes. */
  g_assert_true (g_file_set_contents (garbage, "SQLite format 3\0 but not really", 32, NULL));
  g_clear_object (&db);   /* closing checkpoints the WAL: the bytes settle */
  before_garbage = fault_file_sha256 (db_path);
  g_assert_false (vastus_backup_restore (db_path, garbage, NULL, NULL, &error));
  g_assert_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_DAMAGED);
  g_clear_error (&error);
  g_assert_false (vastus_backup_restore (db_path, db_path, NULL, NULL, &error));
  g_assert_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *after = fault_file_sha256 (db_path);

    g_assert_cmpstr (after, ==, before_garbage);
  }

  /* Restoring over a damaged database: the damaged file is set aside byte for byte. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *damaged_hash = NULL;
    g_autoptr(GPtrArray) list = NULL;
    gsize len;
    gboolean found_damaged = FALSE;

    g_assert_true (g_file_get_contents (db_path, &contents, &len, NULL));
    memset (contents, 0x42, 100);
    g_assert_true (g_file_set_contents (db_path, contents, len, NULL));
    damaged_hash = fault_file_sha256 (db_path);
    g_clear_pointer (&safety, g_free);
    vastus_backup_restore (db_path, backup, NULL, &safety, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_suffix (safety, "-damaged.db"));
    {
      g_autofree char *aside = fault_file_sha256 (safety);
      g_autofree char *now_hash = fault_content_hash (db_path);

      g_assert_cmpstr (aside, ==, damaged_hash);
      g_assert_cmpstr (now_hash, ==, hash_backup);
    }
    fault_assert_intact (db_path);
    db = vastus_database_open (db_path, &error);
    g_assert_no_error (error);
    list = vastus_backup_list (db_path, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < list->len; i++)
      found_damaged |= ((VastusBackupInfo *) list->pdata[i])->kind == VASTUS_BACKUP_KIND_DAMAGED;
    g_assert_true (found_damaged);
  }

  g_clear_object (&db);
  fault_rm_rf (dir);
}

/* Stops a long call at every step from @at of the way on (vastus-progress.h); @stopped is the
 * last step it stopped at. */
typedef struct
{
  double at;
  double stopped;
} StopAt;

static gboolean
stop_at_cb (guint64  done,
            guint64  total,
            gpointer user_data)
{
  StopAt *stop = user_data;
  double fraction = total > 0 ? (double) done / total : 0;

  if (fraction < stop->at)
    return TRUE;
  stop->stopped = fraction;
  return FALSE;
}

/* Restores @backup over @db_path, cancelled from @at of the way on: it fails as cancelled, and
 * the database and its backups folder are as they were, byte for byte and name for name. */
static void
assert_restore_cancelled_at (const char *db_path,
                             const char *backup,
                             double      at)
{
  g_autofree char *folder = vastus_backup_get_folder (db_path);
  g_autofree char *bytes_before = fault_file_sha256 (db_path);
  g_autofree char *files_before = fault_listing (folder);
  g_autofree char *bytes_after = NULL;
  g_autofree char *files_after = NULL;
  g_autofree char *safety = NULL;
  g_autoptr(GError) error = NULL;
  StopAt stop = { at, -1 };
  gboolean restored;

  vastus_progress_push (stop_at_cb, &stop);
  restored = vastus_backup_restore (db_path, backup, NULL, &safety, &error);
  vastus_progress_pop ();
  g_test_message ("asked to stop from %.2f, stopped at %.4f", at, stop.stopped);
  g_assert_false (restored);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (safety);
  g_assert_cmpfloat (stop.stopped, >=, at);
  bytes_after = fault_file_sha256 (db_path);
  files_after = fault_listing (folder);
  g_assert_cmpstr (bytes_after, ==, bytes_before);
  g_assert_cmpstr (files_after, ==, files_before);
}

/* A restore cancelled after the database as it is was kept (vastus-backup-restore.c: 0.4 to 0.7
 * of the way keeps it, the copy over it is 0.7 to 1) leaves no backup behind: nobody asked for
 * one, and the database is unchanged. Cancelled right after the copy was kept (0.69: the first
 * step it is asked at from there is at 0.7), and during the copy over the database (0.75: the
 * backup is about 3 MB, more than one copy step of 1 MiB, so the copy is asked after its first
 * step, at 0.7 + 0.3 × 256 / its pages), and over a damaged database, whose copy set aside
 * raw (and its -wal) goes the same way. */
static void
test_restore_cancelled (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "vastus.db", NULL);
  g_autoptr(VastusDatabase) db = fault_populate (db_path, 2, 3, NULL);
  g_autoptr(VastusPatient) large = vastus_patient_new ();
  g_autoptr(VastusPatient) later = vastus_patient_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  GString *notes = g_string_new (NULL);

  /* 1.5 MB of notes: stored in the patient's row and again in its audit entry. */
  for (guint i = 0; i < 30000; i++)
    g_string_append (notes, "Quadriceps lag noted, cryotherapy after each session.\n");
  large->mrn = g_strdup ("LARGE-NOTES");
  large->name = g_strdup ("Long Notes");
  g_date_set_dmy (&large->birth_date, 4, 5, 1980);
  large->notes = g_string_free (notes, FALSE);
  vastus_database_insert_patient (db, large, &error);
  g_assert_no_error (error);
  backup = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
  g_assert_no_error (error);
  later->mrn = g_strdup ("AFTER-BACKUP");
  later->name = g_strdup ("Added After The Backup");
  g_date_set_dmy (&later->birth_date, 4, 5, 1981);
  vastus_database_insert_patient (db, later, &error);
  g_assert_no_error (error);
  g_clear_object (&db);   /* closing checkpoints the WAL: the bytes settle */

  assert_restore_cancelled_at (db_path, backup, 0.69);
  assert_restore_cancelled_at (db_path, backup, 0.75);

  /* A damaged database, with a -wal beside it. */
  {
    g_autofree char *contents = NULL;
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    gsize len;

    g_assert_true (g_file_get_contents (db_path, &contents, &len, NULL));
    memset (contents, 0x42, 100);
    g_assert_true (g_file_set_contents (db_path, contents, len, NULL));
    g_assert_true (g_file_set_contents (wal, "not a journal", -1, NULL));
    assert_restore_cancelled_at (db_path, backup, 0.69);
  }

  fault_rm_rf (dir);
}

static void
test_check (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *text = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(VastusDatabase) db = fault_populate (db_path, 2, 2, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  vastus_database_check_full (db, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_object (&db);

  g_assert_true (g_file_set_contents (text, "patients: none\n", -1, NULL));
  g_assert_false (vastus_database_check_full_path (text, &problems, &error));
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED);
  g_clear_error (&error);

  /* Zeroed pages in the middle: reported as problems or as damage, never as clean. */
  {
    g_autofree char *big_path = g_build_filename (dir, "big.db", NULL);
    g_autoptr(VastusDatabase) big = fault_populate (big_path, 40, 10, NULL);
    g_autofree char *contents = NULL;
    gsize len;
    gboolean ok;

    g_clear_object (&big);
    g_assert_true (g_file_get_contents (big_path, &contents, &len, NULL));
    g_assert_cmpuint (len, >, 8 * 4096);
    memset (contents + 3 * 4096, 0, 3 * 4096);
    g_assert_true (g_file_set_contents (big_path, contents, len, NULL));
    ok = vastus_database_check_full_path (big_path, &problems, &error);
    if (ok)
      g_assert_cmpuint (problems->len, >, 0);
    else
      g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_DAMAGED);
  }
  fault_rm_rf (dir);
}

/* backup -o FILE: never over what is not ours */
static void
test_output_refuses (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *text = g_build_filename (dir, "letter.txt", NULL);
  g_autofree char *link = g_build_filename (dir, "looks-like-a-backup.db", NULL);
  g_autoptr(VastusDatabase) db = fault_populate (db_path, 2, 2, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *made = NULL;
  g_autofree char *db_before = fault_content_hash (db_path);
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_assert_true (g_file_set_contents (text, "Dear colleague,\n", -1, NULL));
  made = vastus_backup_create (db, text, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
  g_assert_null (made);
  g_assert_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (text, &letter, NULL, NULL));
  g_assert_cmpstr (letter, ==, "Dear colleague,\n");

  /* Asked to: replaced, in one step, by a verified backup. */
  made = vastus_backup_create_full (db, text, VASTUS_BACKUP_CREATE_REPLACE,
                                    VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
  g_assert_no_error (error);
  vastus_backup_verify (made, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&made, g_free);

  /* Never the database or its files, not even when asked: by name, and by a symlink to it. */
  g_assert_cmpint (symlink (db_path, link), ==, 0);
  for (guint i = 0; i <= G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *target = i < G_N_ELEMENTS (suffixes)
                                ? g_strconcat (db_path, suffixes[i], NULL) : g_strdup (link);
      g_autofree char *target_before = fault_file_sha256 (target);

      g_test_message ("backup -o %s", target);
      made = vastus_backup_create_full (db, target, VASTUS_BACKUP_CREATE_REPLACE,
                                        VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
      g_assert_null (made);
      g_assert_error (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_INVALID);
      g_clear_error (&error);
      {
        g_autofree char *target_after = fault_file_sha256 (target);

        g_assert_cmpstr (target_after, ==, target_before);
      }
    }
  g_clear_object (&db);
  {
    g_autofree char *db_after = fault_content_hash (db_path);

    g_assert_cmpstr (db_after, ==, db_before);
  }
  fault_assert_intact (db_path);
  fault_rm_rf (dir);
}

/* A folder whose sync fails after the backup was renamed into it: the backup is there and
 * complete, so it is reported (the caller would otherwise lose track of it, or take another);
 * but older backups are not rotated away on the strength of a name that might not survive a
 * power cut. */
static int
fsync_folders_fail (int fd)
{
  struct stat st;

  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    {
      errno = EIO;
      return -1;
    }
  return fsync (fd);
}

static void
test_folder_sync_fails (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *folder = vastus_backup_get_folder (db_path);
  g_autoptr(VastusDatabase) db = fault_populate (db_path, 2, 2, NULL);
  g_autoptr(GDateTime) start = utc (2026, 1, 1, 9, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_add_days (start, 40);
  g_autoptr(GDateTime) next = g_date_time_add_days (start, 41);
  g_autoptr(GError) error = NULL;
  g_autofree char *made = NULL;
  int before;

  /* Every other day for a month: more than the rule keeps 40 days on. */
  for (int d = 0; d < 30; d += 2)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (start, d);
      g_autofree char *p = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, now, &error);

      g_assert_no_error (error);
    }
  before = fault_count_files (folder, "vastus-");

  _vastus_backup_fsync = fsync_folders_fail;
  made = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, later, &error);
  _vastus_backup_fsync = fsync;
  g_assert_no_error (error);
  g_assert_nonnull (made);
  vastus_backup_verify (made, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fault_count_files (folder, "vastus-"), ==, before + 1);

  /* With the folder synced, the next one rotates as usual. */
  g_clear_pointer (&made, g_free);
  made = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, next, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fault_count_files (folder, "vastus-"), <, before + 2);
  fault_rm_rf (dir);
}

static void
test_cli (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *out_file = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autoptr(VastusDatabase) db = fault_populate (db_path, 2, 1, NULL);
  g_autofree char *hash = fault_content_hash (db_path);
  g_autofree char *o = NULL, *e = NULL;

  g_clear_object (&db);

#define CLI(expect, ...) G_STMT_START { \
    g_clear_pointer (&o, g_free); g_clear_pointer (&e, g_free); \
    g_assert_cmpint (run_cli (db_path, &o, &e, __VA_ARGS__, NULL), ==, expect); \
  } G_STMT_END

  CLI (0, "backup");
  g_assert_nonnull (strstr (o, "2 patients"));
  CLI (0, "backup", "-o", out_file);
  g_assert_true (g_file_test (out_file, G_FILE_TEST_IS_REGULAR));
  assert_private (out_file, 0600);
  /* Not over an existing file unless --force; never over the database, even then. */
  CLI (1, "backup", "-o", out_file);
  g_assert_nonnull (strstr (e, "--force"));
  CLI (0, "backup", "-o", out_file, "--force");
  CLI (1, "backup", "-o", db_path, "--force");
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);

    CLI (1, "backup", "-o", wal, "--force");
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
  CLI (2, "backup", "--force");
  CLI (0, "backup", "--list");
  g_assert_nonnull (strstr (o, "date\tkind\tsize"));
  CLI (2, "backup", "extra");
  CLI (0, "check");
  CLI (2, "check", "extra");
  CLI (2, "restore");
  CLI (1, "restore", missing);
  g_assert_cmpstr (strchr (e, '\n'), ==, e + strlen (e) - 1);   /* one line */
  CLI (0, "restore", out_file);
  {
    g_autofree char *after = fault_content_hash (db_path);

    g_assert_cmpstr (after, ==, hash);
  }
  /* A damaged database: check says so with status 1. */
  {
    g_autofree char *contents = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (db_path, &contents, &len, NULL));
    memset (contents, 'x', 64);
    g_assert_true (g_file_set_contents (db_path, contents, len, NULL));
  }
  CLI (1, "check");
  CLI (1, "backup");
  CLI (0, "restore", out_file);
  CLI (0, "check");
#undef CLI
  fault_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/backup/names", test_names);
  g_test_add_func ("/backup/retention/daily-for-a-year", test_retention_daily_for_a_year);
  g_test_add_func ("/backup/retention/cases", test_retention_cases);
  g_test_add_func ("/backup/retention/local-day", test_retention_local_day);
  g_test_add_func ("/backup/output-refuses", test_output_refuses);
  g_test_add_func ("/backup/folder-sync-fails", test_folder_sync_fails);
  g_test_add_func ("/backup/create-verify-list", test_create_verify_list);
  g_test_add_func ("/backup/rotation-fake-clock", test_rotation_with_fake_clock);
  g_test_add_func ("/backup/failed-backup-keeps-old", test_failed_backup_keeps_old);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/restore-cancelled", test_restore_cancelled);
  g_test_add_func ("/backup/check", test_check);
  g_test_add_func ("/backup/cli", test_cli);
  return g_test_run ();
}
