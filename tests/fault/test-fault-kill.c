/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * B1: kill -9 during writes. A child saves visits through the real storage API in a loop and
 * writes each visit's id to a pipe only after vastus_database_insert_visit returned TRUE. The
 * parent SIGKILLs it after a random 2–40 ms, reopens the database and checks that every
 * acknowledged visit is there, and that integrity_check and foreign_key_check are clean.
 *
 * B2: kill -9 during whole operations (a backup, a restore, a CSV import): afterwards the
 * database holds exactly the state before or the state after (content hash of all tables).
 *
 * $VASTUS_FAULT_SCALE scales the number of kills (the sanitizer pass uses fewer).
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fault-util.h"
#include "storage-test-util.h"
#include "vastus-csv-import.h"

#define B1_KILLS      1000
#define B2_KILLS      60
#define RESET_EVERY   100

/* The child: saves visits until killed. Never returns. */
G_GNUC_NORETURN static void
writer_child (const char *path,
              gint64      episode_id,
              int         ack_fd,
              guint       first)
{
  g_autoptr(GError) error = NULL;
  VastusDatabase *db = vastus_database_open (path, &error);

  if (db == NULL)
    {
      g_printerr ("# writer: open failed: %s\n", error->message);
      _exit (3);
    }
  for (guint i = first; ; i++)
    {
      g_autoptr(VastusVisit) visit = fault_make_visit (episode_id, i);

      if (!vastus_database_insert_visit (db, visit, &error))
        {
          g_printerr ("# writer: insert failed: %s\n", error->message);
          _exit (4);
        }
      /* Acknowledged: the call has returned. */
      if (write (ack_fd, &visit->id, sizeof visit->id) != sizeof visit->id)
        _exit (5);
    }
}

/* How long a writer takes from fork to its first acknowledged visit on this machine now (open,
 * then one commit with its fsync): some 20 ms alone, over 150 ms when other builds share the two
 * cores. The kills spread over 2–40 ms or three times that, so that most land mid-write, and a slow
 * machine makes fewer of them, so that the test keeps its time. */
static int
time_to_first_ack_ms (const char *path,
                      gint64      episode_id)
{
  gint64 start = g_get_monotonic_time (), id;
  int fds[2];
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      writer_child (path, episode_id, fds[1], 900000);
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], &id, sizeof id), ==, sizeof id);
  kill (pid, SIGKILL);
  fault_wait (pid);
  close (fds[0]);
  return (int) ((g_get_monotonic_time () - start) / 1000);
}

static void
test_kill_during_writes (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("kill -9 during writes");
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = NULL;
  guint n_kills = fault_scaled (B1_KILLS);
  gint64 episode_id = 0;
  guint64 total_acked = 0;
  guint64 max_visits = 0;
  gint64 start = g_get_monotonic_time ();
  guint n_before_ack_kills = 0;
  int max_delay_ms = 40;

  for (guint k = 0; k < n_kills; k++)
    {
      g_autoptr(GArray) acked = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusDatabase) db = NULL;
      int fds[2];
      int delay_ms;
      pid_t pid;
      gint64 id;
      gssize got;

      /* A fresh database now and then keeps the checks quick. */
      if (k % RESET_EVERY == 0)
        {
          g_autoptr(VastusDatabase) fresh = NULL;

          if (path != NULL && !storage_test_on_server ())
            {
              g_autofree char *wal = g_strconcat (path, "-wal", NULL);
              g_autofree char *shm = g_strconcat (path, "-shm", NULL);

              g_unlink (path);
              g_unlink (wal);
              g_unlink (shm);
            }
          g_free (path);
          path = storage_test_new_location (dir, "vastus.db");
          fresh = fault_populate (path, 1, 0, &episode_id);
          g_clear_object (&fresh);
          if (k == 0)
            {
              int first = time_to_first_ack_ms (path, episode_id);

              max_delay_ms = MAX (40, 3 * first);
              n_kills = MAX (fault_scaled (B1_KILLS / 10), n_kills * 40 / max_delay_ms);
              /* A server keeps what it acknowledged whoever dies: a tenth of the kills shows it
               * (each writer connects and the checks go over the socket). */
              if (storage_test_on_server ())
                n_kills = fault_scaled (B1_KILLS / 20);
              g_test_message ("the first acknowledgement takes %d ms: %u kills after 2–%d ms",
                              first, n_kills, max_delay_ms);
            }
        }

      delay_ms = g_rand_int_range (rand, 2, max_delay_ms + 1);
      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          writer_child (path, episode_id, fds[1], k * 1000);
        }
      close (fds[1]);
      fault_sleep_us (delay_ms * 1000);
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      {
        int status = fault_wait (pid);

        if (!(WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL))
          g_error ("kill %u: the writer ended by itself (status %d) before the kill", k, status);
      }
      /* Everything written before the kill is in the pipe. */
      while ((got = read (fds[0], &id, sizeof id)) == sizeof id)
        g_array_append_val (acked, id);
      g_assert_cmpint (got, ==, 0);
      close (fds[0]);
      if (acked->len == 0)
        n_before_ack_kills++;

      db = vastus_database_open (path, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < acked->len; i++)
        {
          g_autoptr(VastusVisit) visit = vastus_database_get_visit (db, g_array_index (acked, gint64, i),
                                                                    &error);
          if (visit == NULL)
            g_error ("kill %u (after %d ms): acknowledged visit %" G_GINT64_FORMAT " is lost: %s",
                     k, delay_ms, g_array_index (acked, gint64, i),
                     error != NULL ? error->message : "not found");
          g_assert_cmpuint (visit->measurements->len, ==, 2);
        }
      {
        g_autoptr(GPtrArray) visits = vastus_database_list_visits (db, episode_id, &error);
        g_autoptr(GPtrArray) problems = NULL;

        g_assert_no_error (error);
        max_visits = MAX (max_visits, visits->len);
        /* A visit is all or nothing: every stored one has both measurements. */
        for (guint i = 0; i < visits->len; i++)
          g_assert_cmpuint (((VastusVisit *) visits->pdata[i])->measurements->len, ==, 2);
        /* SQLite's integrity and foreign key checks (a server's are its own). */
        if (!storage_test_on_server ())
          {
            vastus_database_check_full (db, &problems, &error);
            g_assert_no_error (error);
            if (problems->len > 0)
              g_error ("kill %u: %s", k, (const char *) problems->pdata[0]);
          }
      }
      total_acked += acked->len;
    }
  g_test_message ("%u kills in %.1f s: %" G_GUINT64_FORMAT " acknowledged visits, all present; "
                  "%u kills before the first acknowledgement; up to %" G_GUINT64_FORMAT
                  " visits per database",
                  n_kills, (g_get_monotonic_time () - start) / 1e6, total_acked,
                  n_before_ack_kills, max_visits);
  g_printerr ("# B1: %u kills in %.1f s, %" G_GUINT64_FORMAT " acknowledged visits checked, "
              "0 lost, 0 integrity problems\n",
              n_kills, (g_get_monotonic_time () - start) / 1e6, total_acked);
  /* The harness must really have killed writers mid-stream. */
  g_assert_cmpuint (total_acked, >, 0);
  fault_rm_rf (dir);
}

/* B2 */

typedef void (*Operation) (const char *path,
                           const char *data);

/* Runs @op in a child, killed after a random delay in [0, @max_us); returns TRUE if the kill
 * came before the operation ended. */
static gboolean
kill_during (Operation   op,
             const char *path,
             const char *data,
             gint64      delay_us)
{
  gint64 deadline = g_get_monotonic_time () + delay_us;
  pid_t pid = fork ();
  int status = 0;
  pid_t done = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      op (path, data);
      _exit (0);
    }
  /* Kill at the deadline, unless it finished before. */
  while ((done = waitpid (pid, &status, WNOHANG)) == 0)
    {
      gint64 left = deadline - g_get_monotonic_time ();

      if (left <= 0)
        break;
      fault_sleep_us (MIN (left, 200));
    }
  if (done == 0)
    {
      kill (pid, SIGKILL);
      status = fault_wait (pid);
    }
  if (WIFEXITED (status))
    {
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      return FALSE;
    }
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  return TRUE;
}

static void
op_restore (const char *path,
            const char *file)
{
  g_autoptr(GError) error = NULL;

  if (!vastus_backup_restore (path, file, NULL, NULL, &error))
    {
      g_printerr ("# restore failed: %s\n", error->message);
      _exit (3);
    }
}

static void
op_backup (const char *path,
           const char *unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);
  g_autofree char *created = NULL;

  if (db == NULL)
    _exit (3);
  created = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
  if (created == NULL)
    {
      g_printerr ("# backup failed: %s\n", error->message);
      _exit (4);
    }
}

static void
op_import (const char *path,
           const char *csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);
  g_autoptr(VastusCsvImport) import = NULL;
  VastusCsvImportCounts counts = { 0 };

  if (db == NULL)
    _exit (3);
  import = vastus_csv_import_new (db);
  if (!vastus_csv_import_add_data (import, "fault.csv", csv, strlen (csv), &error)
      || !vastus_csv_import_commit (import, &counts, &error))
    {
      g_printerr ("# import failed: %s\n", error->message);
      _exit (4);
    }
}

/* Measures how long @op takes when nobody interrupts it (µs). */
static gint64
time_operation (Operation   op,
                const char *path,
                const char *data)
{
  gint64 start = g_get_monotonic_time ();

  g_assert_false (kill_during (op, path, data, 60 * G_USEC_PER_SEC));
  return g_get_monotonic_time () - start;
}

static void
reset_files (const char *from,
             const char *to)
{
  g_autofree char *contents = NULL;
  g_autofree char *wal = g_strconcat (to, "-wal", NULL);
  g_autofree char *shm = g_strconcat (to, "-shm", NULL);
  gsize length;

  g_unlink (wal);
  g_unlink (shm);
  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents_full (to, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                           NULL));
}

static void
test_kill_during_restore (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("kill -9 during restore");
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *before_copy = g_build_filename (dir, "before.db", NULL);
  g_autofree char *backup = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  g_autoptr(GError) error = NULL;
  guint n = fault_scaled (B2_KILLS), n_before = 0, n_after = 0, n_killed = 0;
  gint64 duration;

  /* "after": a backup with 30 patients; "before": the live database with 60 others. */
  {
    g_autofree char *src = g_build_filename (dir, "src.db", NULL);
    g_autoptr(VastusDatabase) a = fault_populate (src, 30, 6, NULL);
    g_autofree char *made = vastus_backup_create (a, backup, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);

    g_assert_no_error (error);
    g_clear_object (&a);
  }
  {
    g_autoptr(VastusDatabase) b = fault_populate (path, 60, 5, NULL);

    g_clear_object (&b);
    reset_files (path, before_copy);
  }
  hash_before = fault_content_hash (path);
  hash_after = fault_content_hash (backup);
  g_assert_cmpstr (hash_before, !=, hash_after);
  duration = time_operation (op_restore, path, backup);
  g_test_message ("a restore takes %.1f ms", duration / 1000.0);

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *hash = NULL;
      g_autoptr(VastusDatabase) db = NULL;

      reset_files (before_copy, path);
      n_killed += kill_during (op_restore, path, backup,
                               g_rand_int_range (rand, 0, MAX (2, duration * 1.2)));
      /* The next start of the application: it opens. */
      db = vastus_database_open (path, &error);
      g_assert_no_error (error);
      g_clear_object (&db);
      hash = fault_content_hash (path);
      if (g_str_equal (hash, hash_before))
        n_before++;
      else if (g_str_equal (hash, hash_after))
        n_after++;
      else
        g_error ("kill %u during restore: the database is neither the before nor the after state", k);
      fault_assert_intact (path);
    }
  g_test_message ("restore: %u runs, %u killed; %u before, %u after", n, n_killed, n_before, n_after);
  g_printerr ("# B2 restore: %u runs, %u killed mid-way; %u before-state, %u after-state\n",
              n, n_killed, n_before, n_after);
  g_assert_cmpuint (n_killed, >, 0);
  fault_rm_rf (dir);
}

static void
test_kill_during_backup (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("kill -9 during backup");
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *folder = vastus_backup_get_folder (path);
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;
  guint n = fault_scaled (B2_KILLS), n_killed = 0;
  gint64 duration;

  {
    g_autoptr(VastusDatabase) db = fault_populate (path, 60, 6, NULL);

    g_clear_object (&db);
  }
  hash = fault_content_hash (path);
  duration = time_operation (op_backup, path, NULL);
  g_test_message ("a backup takes %.1f ms", duration / 1000.0);
  for (guint k = 0; k < n; k++)
    {
      g_autofree char *now_hash = NULL;
      g_autoptr(GPtrArray) list = NULL;

      n_killed += kill_during (op_backup, path, NULL,
                               g_rand_int_range (rand, 0, MAX (2, duration * 1.2)));
      /* The database is untouched, and every file under a backup name is a good backup. */
      now_hash = fault_content_hash (path);
      g_assert_cmpstr (now_hash, ==, hash);
      list = vastus_backup_list (path, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < list->len; i++)
        {
          VastusBackupInfo *info = list->pdata[i];
          g_autofree char *backup_hash = NULL;

          vastus_backup_verify (info->path, FALSE, NULL, &error);
          if (error != NULL)
            g_error ("kill %u during backup left a bad backup %s: %s", k, info->path, error->message);
          backup_hash = fault_content_hash (info->path);
          g_assert_cmpstr (backup_hash, ==, hash);
        }
    }
  /* Leftover temporary files do not stop the next backup. */
  {
    g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);
    g_autofree char *created = NULL;

    g_assert_no_error (error);
    created = vastus_backup_create (db, NULL, VASTUS_BACKUP_KIND_REGULAR, NULL, &error);
    g_assert_no_error (error);
  }
  g_test_message ("backup: %u runs, %u killed, %d temporary files left",
                  n, n_killed, fault_count_files (folder, ".vastus-backup-"));
  g_printerr ("# B2 backup: %u runs, %u killed mid-way, database unchanged, all backups verify\n",
              n, n_killed);
  g_assert_cmpuint (n_killed, >, 0);
  fault_rm_rf (dir);
}

/* Every patient and visit of the complete import, each visit with both measurements. */
static gboolean
is_import_complete (const char *path,
                    guint       n_patients,
                    guint       n_visits)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (path, &error);
  VastusPatientQuery query = { 0 };
  g_autoptr(GPtrArray) patients = NULL;
  guint visits = 0;

  g_assert_no_error (error);
  patients = vastus_database_list_patients (db, &query, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < patients->len; i++)
    {
      VastusPatientSummary *summary = patients->pdata[i];
      g_autoptr(GPtrArray) episodes = vastus_database_list_episodes (db, summary->patient->id, &error);

      g_assert_no_error (error);
      for (guint e = 0; e < episodes->len; e++)
        {
          g_autoptr(GPtrArray) list = vastus_database_list_visits (db, ((VastusEpisode *) episodes->pdata[e])->id,
                                                                   &error);

          g_assert_no_error (error);
          for (guint v = 0; v < list->len; v++)
            if (((VastusVisit *) list->pdata[v])->measurements->len != 2)
              return FALSE;
          visits += list->len;
        }
    }
  return patients->len == n_patients && visits == n_visits;
}

static void
test_kill_during_import (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("kill -9 during import");
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "vastus.db", NULL);
  g_autofree char *before_copy = g_build_filename (dir, "before.db", NULL);
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  g_autoptr(GString) csv = g_string_new ("mrn,name,birth_date,sex,condition,involved_side,"
                                         "surgery_date,visit_date,measure,side,value,unit\n");
  g_autoptr(GError) error = NULL;
  guint n = fault_scaled (B2_KILLS), n_before = 0, n_after = 0, n_killed = 0;
  gint64 duration;

  for (int p = 0; p < 150; p++)
    for (int v = 0; v < 4; v++)
      for (int s = 0; s < 2; s++)
        g_string_append_printf (csv, "IMP%04d,Imported Patient %d,1980-01-%02d,female,aclr,left,"
                                "2024-01-10,2024-%02d-15,knee_flexion,%s,%d,deg\n",
                                p, p, 1 + p % 28, 2 + v, s ? "right" : "left", 90 + v * 5 + s);
  {
    g_autoptr(VastusDatabase) db = fault_populate (path, 5, 2, NULL);

    g_clear_object (&db);
    reset_files (path, before_copy);
  }
  hash_before = fault_content_hash (path);
  duration = time_operation (op_import, path, csv->str);
  hash_after = fault_content_hash (path);
  g_assert_cmpstr (hash_before, !=, hash_after);
  /* The audit rows carry the time, so two complete imports differ in their hash: the after
   * state is recognised by its records instead. */
  g_assert_true (is_import_complete (path, 5 + 150, 5 * 2 + 150 * 4));
  g_test_message ("an import of %u bytes takes %.1f ms", (guint) csv->len, duration / 1000.0);

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *hash = NULL;
      g_autoptr(VastusDatabase) db = NULL;

      reset_files (before_copy, path);
      n_killed += kill_during (op_import, path, csv->str,
                               g_rand_int_range (rand, 0, MAX (2, duration * 1.2)));
      db = vastus_database_open (path, &error);
      g_assert_no_error (error);
      g_clear_object (&db);
      hash = fault_content_hash (path);
      if (g_str_equal (hash, hash_before))
        n_before++;
      else if (is_import_complete (path, 5 + 150, 5 * 2 + 150 * 4))
        n_after++;
      else
        g_error ("kill %u during import: the database is neither the before nor the after state", k);
      fault_assert_intact (path);
    }
  g_test_message ("import: %u runs, %u killed; %u before, %u after", n, n_killed, n_before, n_after);
  g_printerr ("# B2 import: %u runs, %u killed mid-way; %u before-state, %u after-state\n",
              n, n_killed, n_before, n_after);
  g_assert_cmpuint (n_killed, >, 0);
  fault_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fault/kill/writes", test_kill_during_writes);
  /* The rest copy SQLite's files (restore, backup) or compare their content hashes; the kill
   * of a client mid-import on a server is test-fault-server.c's. */
  if (storage_test_on_server ())
    return g_test_run ();
  g_test_add_func ("/fault/kill/restore", test_kill_during_restore);
  g_test_add_func ("/fault/kill/backup", test_kill_during_backup);
  g_test_add_func ("/fault/kill/import", test_kill_during_import);
  return g_test_run ();
}
