/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The second battery (test-fault-tamper.c), B19, B20 and kill -9 during `backup -o FILE`: empty
 * and mistyped files are damage or "no database at …", nothing created; on a full disk and in a
 * read-only folder reading and exporting work and writing says why it cannot; no copy of patient
 * data is left beside FILE.
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
      tamper_assert_contains (err, sizes[i] == 0 ? "empty" : "too short");
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
      tamper_assert_contains (err, "There is no database at");
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
    tamper_assert_contains (out, "tka-milestones (v1, built-in)");
    tamper_assert_contains (err, "there is no database at");
    after = fault_listing (dir);
    g_assert_cmpstr (after, ==, empty_listing);
  }

  /* import, demo and a clinic's first criteria set make it, and say so. */
  {
    g_autofree char *err = NULL;
    g_autofree char *sets_path = g_build_filename (dir, "sets", "vastus.db", NULL);

    g_assert_cmpint (run_cli (sets_path, NULL, &err, "criteria", "copy", "tka-milestones",
                              "clinic-tka", NULL), ==, 0);
    tamper_assert_contains (err, "Created a new database at");
  }
  {
    g_autofree char *err = NULL;
    g_autofree char *demo_path = g_build_filename (dir, "new", "demo.db", NULL);

    g_assert_cmpint (run_cli (demo_path, NULL, &err, "demo", NULL), ==, 0);
    tamper_assert_contains (err, "Created a new database at");
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
    tamper_assert_contains (err, "Created a new database at");
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

void
tamper_add_files_tests (void)
{
  g_test_add_func ("/fault/tamper/empty-database", test_empty_database);
  g_test_add_func ("/fault/tamper/mistyped-path", test_mistyped_path);
  g_test_add_func ("/fault/tamper/full-disk-reading", test_full_disk_reading);
  g_test_add_func ("/fault/tamper/read-only-folder", test_read_only_folder);
  g_test_add_func ("/fault/tamper/kill-during-backup-output", test_kill_during_backup_output);
}
