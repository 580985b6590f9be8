/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database's surroundings going wrong:
 *   B7  a second process on the same database while the first holds a write transaction
 *   B8  the disk full (a small tmpfs in a private mount namespace; and a file size limit)
 *   B9  a read-only database in a read-only folder, opened by an unprivileged user
 *   B10 migration from schema version 1: the pre-migration backup is kept, survives rotation,
 *       and a kill -9 mid-migration leaves version 1 or the complete upgrade
 * The tests that need an unprivileged user or a mount do it in a forked child: as root, B9's
 * child becomes nobody and B8 mounts in a namespace of its own; as another user, B9 runs as that
 * user and B8 mounts in a user namespace, or is skipped (with its reason) where there is none
 * (fault_child_drop_root and fault_child_mount_tmpfs, shared with the other fault tests).
 */
#include "config.h"

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fault-util.h"
#include "storage-test-util.h"

/* B7 */

static void
test_two_processes (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = storage_test_new_location (dir, "vastus.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(VastusVisit) mine = NULL;
  g_autofree char *hash_after = NULL;
  gint64 episode_id = 0;
  int go[2];
  pid_t pid;
  char byte = 0;

  {
    g_autoptr(VastusDatabase) setup = fault_populate (path, 1, 3, &episode_id);
  }
  /* Fork before this process opens anything: SQLite connections do not cross fork (). */
  g_assert_cmpint (pipe (go), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(VastusDatabase) second = NULL;
      g_autoptr(VastusVisit) theirs = NULL;
      gint64 start;
      double waited;

      close (go[1]);
      CHILD_CHECK (read (go[0], &byte, 1) == 1, "no go");
      start = g_get_monotonic_time ();
      second = vastus_database_open (path, &error);
      if (second == NULL)
        {
          /* Refusing to open at all is a clear answer too, if it says BUSY. */
          g_printerr ("# second process: open refused after %.2f s: %s\n",
                      (g_get_monotonic_time () - start) / 1e6, error->message);
          CHILD_CHECK (g_error_matches (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_BUSY),
                       "open failed, but not with BUSY");
          _exit (0);
        }
      theirs = fault_make_visit (episode_id, 999);
      start = g_get_monotonic_time ();
      CHILD_CHECK (!vastus_database_insert_visit (second, theirs, &error),
                   "the second writer got through while the first held the lock");
      waited = (g_get_monotonic_time () - start) / 1e6;
      g_printerr ("# second process: BUSY after %.2f s: %s\n", waited, error->message);
      CHILD_CHECK (g_error_matches (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_BUSY),
                   "not BUSY: %s", error->message);
      /* Within the busy timeout (5 s), not forever. */
      CHILD_CHECK (waited < 10, "waited %.1f s", waited);
      _exit (0);
    }
  close (go[0]);

  db = vastus_database_open (path, &error);
  g_assert_no_error (error);
  vastus_database_begin (db, &error);
  g_assert_no_error (error);
  mine = fault_make_visit (episode_id, 100);
  vastus_database_insert_visit (db, mine, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (go[1], "g", 1), ==, 1);
  close (go[1]);
  fault_assert_child_ok (pid);
  vastus_database_commit (db, &error);
  g_assert_no_error (error);

  /* Exactly this process's four visits; the other process wrote nothing. */
  {
    g_autoptr(GPtrArray) visits = vastus_database_list_visits (db, episode_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (visits->len, ==, 4);
    for (guint i = 0; i < visits->len; i++)
      g_assert_cmpstr (((VastusVisit *) visits->pdata[i])->notes, !=, "visit 999");
  }
  g_clear_object (&db);
  /* The file intact and readable (a server's database is its own). */
  if (!storage_test_on_server ())
    {
      fault_assert_intact (path);
      hash_after = fault_content_hash (path);
      g_assert_nonnull (hash_after);
    }
  fault_rm_rf (dir);
}

/* B8 */

/* Fills the file system under @dir: writes a file until the write fails. */
static void
fill_up (const char *dir,
         const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  static char block[4096];
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

  CHILD_CHECK (fd >= 0, "cannot create %s", path);
  while (write (fd, block, sizeof block) > 0)
    ;
  close (fd);
}

/* The scenario, in a child whose writes hit the limit: insert until the disk is full; the
 * failure is NO_SPACE; every acknowledged visit is there; the database is intact; after space
 * is freed (@free_space) the same connection saves again; a backup into the full disk fails
 * and keeps the old backups. */
static void
disk_full_scenario (const char *dir,
                    void      (*make_full) (const char *dir),
                    void      (*make_fuller) (const char *dir),
                    void      (*free_space) (const char *dir))
{
  g_autofree char *path = g_build_filename (dir, "data", "vastus.db", NULL);
  g_autofree char *folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) acked = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) before_list = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *old_backup = NULL;
  g_autofree char *old_backup_hash = NULL;
  VastusDatabase *db;
  gint64 episode_id = 0;
  guint i;

  db = fault_populate (path, 1, 2, &episode_id);
  folder = vastus_backup_get_folder (path);
  old_backup = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
  CHILD_CHECK (old_backup != NULL, "first backup: %s", error->message);
  old_backup_hash = fault_file_sha256 (old_backup);
  make_full (dir);

  for (i = 0; i < 200000; i++)
    {
      /* After the two fault_populate () made (a patient has one visit a day). */
      g_autoptr(VastusVisit) visit = fault_make_visit (episode_id, 2 + i);

      if (!vastus_database_insert_visit (db, visit, &error))
        break;
      g_array_append_val (acked, visit->id);
    }
  g_printerr ("# disk full after %u visits: %s\n", acked->len, error ? error->message : "never");
  CHILD_CHECK (error != NULL, "the disk never filled");
  CHILD_CHECK (acked->len > 0, "the disk was full before the first visit");
  CHILD_CHECK (g_error_matches (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_NO_SPACE),
               "not NO_SPACE: %s (code %d)", error->message, error->code);
  g_clear_error (&error);

  /* Committed rows intact, through the same connection (the application keeps it open). */
  for (i = 0; i < acked->len; i++)
    {
      g_autoptr(VastusVisit) visit = vastus_database_get_visit (db, g_array_index (acked, gint64, i),
                                                                &error);
      CHILD_CHECK (visit != NULL, "acknowledged visit lost: %s", error ? error->message : "?");
    }
  CHILD_CHECK (vastus_database_check_full (db, &problems, &error), "check: %s", error->message);
  CHILD_CHECK (problems->len == 0, "integrity: %s", (const char *) problems->pdata[0]);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* A backup into the full disk fails and keeps the old one. */
  if (make_fuller != NULL)
    make_fuller (dir);
  {
    g_autofree char *made = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
    g_autofree char *hash = fault_file_sha256 (old_backup);

    CHILD_CHECK (made == NULL, "a backup into a full disk succeeded");
    g_printerr ("# backup into the full disk: %s\n", error->message);
    CHILD_CHECK (g_error_matches (error, VASTUS_BACKUP_ERROR, VASTUS_BACKUP_ERROR_NO_SPACE),
                 "backup error not NO_SPACE: %s (code %d)", error->message, error->code);
    g_clear_error (&error);
    CHILD_CHECK (g_strcmp0 (hash, old_backup_hash) == 0, "the old backup changed");
    CHILD_CHECK (fault_count_files (folder, "vastus-") == 1, "backups changed");
    CHILD_CHECK (fault_count_files (folder, ".vastus-backup-") == 0, "temporary file left");
  }

  /* Space again: the same connection saves, and a backup works. */
  free_space (dir);
  {
    g_autoptr(VastusVisit) visit = fault_make_visit (episode_id, 424242);
    g_autofree char *made = NULL;

    CHILD_CHECK (vastus_database_insert_visit (db, visit, &error), "retry: %s", error->message);
    made = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
    CHILD_CHECK (made != NULL, "backup after freeing space: %s", error->message);
  }
  g_object_unref (db);

  /* And after a restart. */
  db = vastus_database_open (path, &error);
  CHILD_CHECK (db != NULL, "reopen: %s", error->message);
  {
    g_autoptr(GPtrArray) visits = vastus_database_list_visits (db, episode_id, &error);

    CHILD_CHECK (visits != NULL && visits->len == 2 + acked->len + 1, "visits after reopen: %u",
                 visits != NULL ? visits->len : 0);
  }
  g_object_unref (db);
  fault_assert_intact (path);
}

static void
tmpfs_make_full (const char *dir)
{
  g_autofree char *reserve = g_build_filename (dir, "reserve", NULL);

  /* Full, except for the reserve: a few hundred visits' worth of room. */
  fill_up (dir, "ballast-1");
  g_unlink (reserve);
}

static void
tmpfs_free_space (const char *dir)
{
  g_autofree char *ballast = g_build_filename (dir, "ballast-1", NULL);

  g_unlink (ballast);
}

static void
disk_full_tmpfs_child (gpointer data)
{
  const char *mnt = data;
  g_autofree char *reserve = g_build_filename (mnt, "reserve", NULL);
  g_autofree char *zeros = g_malloc0 (1024 * 1024);

  fault_child_mount_tmpfs (mnt, "size=3m,mode=0700");
  /* Leave room for the database itself before filling the rest. */
  CHILD_CHECK (g_file_set_contents (reserve, zeros, 1024 * 1024, NULL), "reserve");
  disk_full_scenario (mnt, tmpfs_make_full, NULL, tmpfs_free_space);
}

static void
test_disk_full_tmpfs (void)
{
  g_autofree char *mnt = fault_make_tmpdir ();

  fault_run_child (disk_full_tmpfs_child, mnt);
  g_rmdir (mnt);
}

static rlim_t fsize_limit;

static void
rlimit_make_full (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "data", "vastus.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "data", "backups", NULL);
  struct rlimit lim;
  GStatBuf st;

  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf wal_st = { 0 };

  CHILD_CHECK (g_stat (path, &st) == 0, "stat");
  g_stat (wal, &wal_st);
  /* Files may grow a little beyond the larger of the database and its WAL; a backup of the
   * database (as large as it) cannot be written once it outgrows the limit either. */
  fsize_limit = MAX (st.st_size, wal_st.st_size) + 256 * 1024;
  lim.rlim_cur = fsize_limit;
  lim.rlim_max = RLIM_INFINITY;
  CHILD_CHECK (setrlimit (RLIMIT_FSIZE, &lim) == 0, "setrlimit");
  (void) folder;
}

/* Not even room for a copy of the database. */
static void
rlimit_no_room (const char *dir)
{
  struct rlimit lim = { 8192, RLIM_INFINITY };

  CHILD_CHECK (setrlimit (RLIMIT_FSIZE, &lim) == 0, "setrlimit");
}

static void
rlimit_free_space (const char *dir)
{
  struct rlimit lim = { RLIM_INFINITY, RLIM_INFINITY };

  CHILD_CHECK (setrlimit (RLIMIT_FSIZE, &lim) == 0, "setrlimit");
}

static void
test_disk_full_rlimit (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      /* write () past the limit fails with EFBIG instead of killing the process. */
      signal (SIGXFSZ, SIG_IGN);
      disk_full_scenario (dir, rlimit_make_full, rlimit_no_room, rlimit_free_space);
      _exit (0);
    }
  fault_assert_child_ok (pid);
  fault_rm_rf (dir);
}

/* B9 */

typedef struct
{
  const char *ro;
  const char *path;
} ReadOnly;

static void
read_only_child (gpointer data)
{
  const ReadOnly *r = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;

  fault_child_drop_root ();
  /* Make sure the setup really is read-only. */
  CHILD_CHECK (access (r->path, W_OK) != 0 && access (r->ro, W_OK) != 0, "writable for this user");
  CHILD_CHECK (access (r->path, R_OK) == 0, "not even readable");

  /* The normal open reads it, read-only (no -shm can be made in the folder), and refuses
   * every write, saying why. So does the explicit read-only open. */
  db = vastus_database_open_read_only (r->path, &error);
  CHILD_CHECK (db != NULL, "read-only open failed: %s", error ? error->message : "?");
  g_clear_object (&db);
  db = vastus_database_open (r->path, &error);
  CHILD_CHECK (db != NULL, "open failed: %s", error ? error->message : "?");
  CHILD_CHECK (vastus_database_is_read_only (db), "opened for writing");
  {
    g_autoptr(VastusPatient) patient = vastus_patient_new ();
    guint n = vastus_database_count_patients (db, NULL, &error);

    CHILD_CHECK (error == NULL && n > 0, "no patients read: %s", error ? error->message : "");
    patient->mrn = g_strdup ("RO-1");
    patient->name = g_strdup ("Read Only");
    CHILD_CHECK (!vastus_database_insert_patient (db, patient, &error), "a write succeeded");
    CHILD_CHECK (g_error_matches (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_READ_ONLY),
                 "write refused, but not READ_ONLY: %s", error->message);
    g_printerr ("# write refused: %s\n", error->message);
    CHILD_CHECK (strstr (error->message, "SQLite error") == NULL, "a raw SQLite error");
  }
}

static void
test_read_only (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *ro = g_build_filename (dir, "ro", NULL);
  g_autofree char *path = g_build_filename (ro, "vastus.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *before_listing = NULL;
  ReadOnly r = { ro, path };

  g_assert_cmpint (g_mkdir (ro, 0700), ==, 0);
  {
    g_autoptr(VastusDatabase) db = fault_populate (path, 3, 2, NULL);
  }
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (ro, 0555), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  before = fault_file_sha256 (path);
  before_listing = fault_listing (ro);

  if (fault_run_child (read_only_child, &r))
    {
      /* Zero writes: the same bytes, no new files (no -wal, no -shm, no journal). */
      g_autofree char *after = fault_file_sha256 (path);
      g_autofree char *after_listing = fault_listing (ro);

      g_assert_cmpstr (after, ==, before);
      g_assert_cmpstr (after_listing, ==, before_listing);
    }
  fault_rm_rf (dir);
}

/* B10 */

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *folder = vastus_backup_get_folder (path);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  fault_rm_rf (folder);
}

static void
test_migration_backup_kept (void)
{
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *v1_hash = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(VastusBackupInfo) v1_info = NULL;
  VastusBackupInfo *pre = NULL;
  g_autoptr(GDateTime) start = NULL;

  g_assert_cmpint (vastus_database_get_latest_schema_version (), >, 1);
  fault_copy_file (VASTUS_V1_FIXTURE_DB, path);
  v1_hash = fault_content_hash (path);
  vastus_backup_verify (path, TRUE, &v1_info, &error);
  g_assert_no_error (error);
  g_assert_cmpint (v1_info->schema_version, ==, 1);

  db = vastus_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vastus_database_get_schema_version (db), ==,
                   vastus_database_get_latest_schema_version ());

  list = vastus_backup_list (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    if (((VastusBackupInfo *) list->pdata[i])->kind == VASTUS_BACKUP_KIND_PRE_MIGRATION)
      pre = list->pdata[i];
  g_assert_nonnull (pre);
  {
    g_autofree char *pre_hash = fault_content_hash (pre->path);

    /* The backup is the version-1 file exactly, verified, with its records. */
    g_assert_cmpstr (pre_hash, ==, v1_hash);
    g_assert_cmpint (pre->schema_version, ==, 1);
    g_assert_cmpint (pre->n_patients, ==, v1_info->n_patients);
    g_assert_cmpint (pre->n_visits, ==, v1_info->n_visits);
    vastus_backup_verify (pre->path, TRUE, NULL, &error);
    g_assert_no_error (error);
  }

  /* Two months of daily backups later, the pre-migration backup is still there. */
  start = g_date_time_new_now_utc ();
  for (int d = 1; d <= 60; d++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (start, d);
      g_autofree char *created = NULL;

      vastus_backup_automatic (vastus_database_get_path (db), now, &created, &error);
      g_assert_no_error (error);
      g_assert_nonnull (created);
    }
  g_assert_true (g_file_test (pre->path, G_FILE_TEST_IS_REGULAR));

  /* Restoring it gives version 1 back; opening upgrades it again. */
  g_clear_object (&db);
  {
    g_autofree char *restored_hash = NULL;

    vastus_backup_restore (path, pre->path, NULL, NULL, &error);
    g_assert_no_error (error);
    restored_hash = fault_content_hash (path);
    g_assert_cmpstr (restored_hash, ==, v1_hash);
    db = vastus_database_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (vastus_database_get_schema_version (db), ==,
                     vastus_database_get_latest_schema_version ());
  }
  g_clear_object (&db);
  fault_assert_intact (path);
  fault_rm_rf (dir);
}

static void
test_kill_during_migration (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("kill -9 during migration");
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *v1_hash = NULL;
  g_autoptr(VastusBackupInfo) v1_info = NULL;
  g_autoptr(GError) error = NULL;
  guint n = fault_scaled (60), n_v1 = 0, n_latest = 0, n_between = 0, n_killed = 0;
  gint64 duration;

  fault_copy_file (VASTUS_V1_FIXTURE_DB, path);
  v1_hash = fault_content_hash (path);
  vastus_backup_verify (path, TRUE, &v1_info, &error);
  g_assert_no_error (error);
  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);

    g_assert_no_error (error);
    duration = g_get_monotonic_time () - start;
  }
  g_test_message ("opening with an upgrade (backup + migration) takes %.1f ms", duration / 1000.0);

  for (guint k = 0; k < n; k++)
    {
      g_autoptr(VastusBackupInfo) info = NULL;
      g_autoptr(GPtrArray) list = NULL;
      gint64 delay = g_rand_int_range (rand, 0, MAX (2, duration * 1.2));
      gint64 deadline;
      int status = 0;
      pid_t pid, done;

      remove_db (path);
      fault_copy_file (VASTUS_V1_FIXTURE_DB, path);
      deadline = g_get_monotonic_time () + delay;
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          g_autoptr(VastusDatabase) db = vastus_database_open (path, NULL);

          _exit (db != NULL ? 0 : 3);
        }
      while ((done = waitpid (pid, &status, WNOHANG)) == 0 && g_get_monotonic_time () < deadline)
        fault_sleep_us (200);
      if (done == 0)
        {
          kill (pid, SIGKILL);
          status = fault_wait (pid);
        }
      if (WIFSIGNALED (status))
        n_killed++;
      else
        g_assert_cmpint (WEXITSTATUS (status), ==, 0);

      /* Read-only look first: version 1 exactly, or a complete later version. Each migration
       * step is its own transaction, so a kill between two steps leaves a complete
       * intermediate version, which the next start upgrades further. */
      vastus_backup_verify (path, TRUE, &info, &error);
      g_assert_no_error (error);
      if (info->schema_version == 1)
        {
          g_autofree char *hash = fault_content_hash (path);

          g_assert_cmpstr (hash, ==, v1_hash);
          n_v1++;
        }
      else
        {
          g_assert_cmpint (info->schema_version, >, 1);
          g_assert_cmpint (info->schema_version, <=, vastus_database_get_latest_schema_version ());
          g_assert_cmpint (info->n_patients, ==, v1_info->n_patients);
          g_assert_cmpint (info->n_visits, ==, v1_info->n_visits);
          if (info->schema_version == vastus_database_get_latest_schema_version ())
            n_latest++;
          else
            n_between++;
        }
      /* Every backup under a backup name is good. */
      list = vastus_backup_list (path, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < list->len; i++)
        {
          vastus_backup_verify (((VastusBackupInfo *) list->pdata[i])->path, FALSE, NULL, &error);
          g_assert_no_error (error);
        }
      /* The next start upgrades. */
      {
        g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);

        g_assert_no_error (error);
      }
      fault_assert_intact (path);
    }
  g_test_message ("migration: %u runs, %u killed; %u left at version 1, %u at a version in "
                  "between, %u fully upgraded", n, n_killed, n_v1, n_between, n_latest);
  g_assert_cmpuint (n_killed, >, 0);
  fault_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fault/env/two-processes", test_two_processes);
  /* The rest are about SQLite's file: its disk, its folder's permissions, its migrations. */
  if (storage_test_on_server ())
    return g_test_run ();
  g_test_add_func ("/fault/env/disk-full-tmpfs", test_disk_full_tmpfs);
  g_test_add_func ("/fault/env/disk-full-rlimit", test_disk_full_rlimit);
  g_test_add_func ("/fault/env/read-only", test_read_only);
  g_test_add_func ("/fault/env/migration-backup-kept", test_migration_backup_kept);
  g_test_add_func ("/fault/env/kill-during-migration", test_kill_during_migration);
  return g_test_run ();
}
