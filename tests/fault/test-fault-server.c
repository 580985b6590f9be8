/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Faults of a clinic server (suite 'storage-pg', on the throwaway server of
 * build-aux/pg-test-server run, which this test kills and starts again):
 *
 * - kill -9 of a vastus-cli import in the middle: the database holds every visit of the file
 *   or none of them (never some patients of it);
 * - SIGKILL of the server (postmaster and every backend) while a client saves visits: the
 *   client gets a VASTUS_STORE_ERROR_OPEN error and ends cleanly; after the server is started
 *   again, every visit it was told was saved is there, and no visit lacks a measurement;
 * - a connection left idle over a server restart: the next call connects again by itself
 *   (vastus-pg-conn.c) and works, prepared statements and session settings included; while the
 *   server is down, a call fails with a message naming its socket; a connection lost inside a
 *   transaction fails until its rollback, and nothing of that transaction is saved.
 *
 * $VASTUS_FAULT_SCALE scales the number of kills (the sanitizer pass uses fewer).
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fault-util.h"
#include "storage-test-util.h"

#define CLIENT_KILLS 6
#define SERVER_KILLS 3

/* What the import file holds (worked out from the loops that write it): 12 patients, each
 * with 4 visits of 2 measurements (a second or two of round trips on a busy machine). */
#define FILE_PATIENTS     12
#define FILE_VISITS       (12 * 4)
#define FILE_MEASUREMENTS (12 * 4 * 2)

/* Waits until no other session is connected to @db's database (a killed client's backend
 * ends its transaction when it finds the socket closed; until then a COMMIT it received could
 * still land). */
static void
wait_for_other_sessions (VastusDatabase *db)
{
  for (int i = 0; i < 3000; i++)
    {
      if (storage_test_query_int (db, "SELECT count(*) FROM pg_stat_activity "
                                      "WHERE datname = current_database () "
                                      "AND pid <> pg_backend_pid ()") == 0)
        return;
      fault_sleep_us (10000);
    }
  g_error ("a session of a killed client was still there after 30 s");
}

/* The number of rows of "SELECT count(*) FROM @from". */
static gint64
count_from (VastusDatabase *db,
            const char     *from)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", from);

  return storage_test_query_int (db, sql);
}

/* kill -9 of vastus-cli import */

static char *
write_import_file (const char *dir)
{
  g_autoptr(GString) csv = g_string_new ("mrn,name,birth_date,sex,condition,involved_side,"
                                         "surgery_date,visit_date,measure,side,value,unit\n");
  char *path = g_build_filename (dir, "import.csv", NULL);

  for (int p = 0; p < FILE_PATIENTS; p++)
    for (int v = 0; v < 4; v++)
      for (int s = 0; s < 2; s++)
        g_string_append_printf (csv, "IMP%04d,Imported Patient %d,1980-01-%02d,female,aclr,left,"
                                "2024-01-10,2024-%02d-15,knee_flexion,%s,%d,deg\n",
                                p, p, 1 + p % 28, 2 + v, s ? "right" : "left", 90 + v * 5 + s);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  return path;
}

/* Starts vastus-cli --db @uri import @file; its pid. */
static GPid
start_import (const char *uri,
              const char *file)
{
  const char *argv[] = { VASTUS_CLI_PATH, "--db", uri, "import", file, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* The file's patients, visits and measurements in @uri: all of them (TRUE), none (FALSE);
 * anything between fails the test. The five patients there before are untouched. */
static gboolean
import_is_complete (const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (uri, &error);
  gint64 patients, visits, measurements;

  g_assert_no_error (error);
  wait_for_other_sessions (db);
  patients = count_from (db, "patient WHERE mrn LIKE 'IMP%'");
  visits = count_from (db, "visit v JOIN episode e ON e.id = v.episode_id "
                              "JOIN patient p ON p.id = e.patient_id WHERE p.mrn LIKE 'IMP%'");
  measurements = count_from (db, "measurement m JOIN visit v ON v.id = m.visit_id "
                                    "JOIN episode e ON e.id = v.episode_id "
                                    "JOIN patient p ON p.id = e.patient_id "
                                    "WHERE p.mrn LIKE 'IMP%'");
  g_assert_cmpint (count_from (db, "patient WHERE mrn NOT LIKE 'IMP%'"), ==, 5);
  g_assert_cmpint (count_from (db, "visit"), ==, visits + 5 * 2);
  if (patients == 0)
    {
      g_assert_cmpint (visits, ==, 0);
      g_assert_cmpint (measurements, ==, 0);
      return FALSE;
    }
  g_assert_cmpint (patients, ==, FILE_PATIENTS);
  g_assert_cmpint (visits, ==, FILE_VISITS);
  g_assert_cmpint (measurements, ==, FILE_MEASUREMENTS);
  return TRUE;
}

/* A new database on the server with five patients of two visits each; its URI. */
static char *
populated_database (void)
{
  char *uri = storage_test_new_location (NULL, NULL);

  g_object_unref (fault_populate (uri, 5, 2, NULL));
  return uri;
}

static void
test_kill_client_during_import (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("kill -9 of vastus-cli during an import on a server");
  g_autofree char *dir = fault_make_tmpdir ();
  g_autofree char *file = write_import_file (dir);
  guint n = fault_scaled (CLIENT_KILLS), n_killed = 0, n_none = 0, n_all = 0;
  gint64 start, duration;

  /* Once without a kill: how long it takes, and what "all" is. */
  {
    g_autofree char *uri = populated_database ();
    GPid pid;
    int status;

    start = g_get_monotonic_time ();
    pid = start_import (uri, file);
    status = fault_wait (pid);
    duration = g_get_monotonic_time () - start;
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    g_assert_true (import_is_complete (uri));
    g_test_message ("an import on the server takes %.1f ms", duration / 1000.0);
  }

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *uri = populated_database ();
      gint64 deadline;
      GPid pid;
      int status = 0;
      pid_t done;

      pid = start_import (uri, file);
      deadline = g_get_monotonic_time () + g_rand_int_range (rand, 0, MAX (2, duration * 0.9));
      while ((done = waitpid (pid, &status, WNOHANG)) == 0 && g_get_monotonic_time () < deadline)
        fault_sleep_us (200);
      if (done == 0)
        {
          kill (pid, SIGKILL);
          status = fault_wait (pid);
          n_killed += WIFSIGNALED (status);
        }
      else
        g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      if (import_is_complete (uri))
        n_all++;
      else
        n_none++;
    }
  g_printerr ("# kill -9 of an import on the server: %u runs, %u killed; %u none, %u all\n",
              n, n_killed, n_none, n_all);
  g_assert_cmpuint (n_killed, >, 0);
  fault_rm_rf (dir);
}

/* SIGKILL of the server during saves */

/* The client: saves a visit after another, writing "ok ID" after each save returned TRUE, and
 * "error DOMAIN CODE" and the message when one failed, then ends. Never returns. */
G_GNUC_NORETURN static void
saving_client (const char *uri,
               gint64      episode_id,
               guint       first,
               int         fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = vastus_database_open (uri, &error);

  if (db == NULL)
    _exit (3);
  for (guint i = first; i < first + 100000; i++)
    {
      g_autoptr(VastusVisit) visit = fault_make_visit (episode_id, i);
      g_autofree char *line = NULL;

      if (vastus_database_insert_visit (db, visit, &error))
        line = g_strdup_printf ("ok %" G_GINT64_FORMAT "\n", visit->id);
      else
        line = g_strdup_printf ("error %s %d %s\n", g_quark_to_string (error->domain),
                                error->code, g_strdelimit (error->message, "\n", ' '));
      if (write (fd, line, strlen (line)) != (ssize_t) strlen (line))
        _exit (4);
      if (error != NULL)
        _exit (0);
    }
  _exit (5);
}

static void
test_kill_server_during_save (void)
{
  g_autoptr(GRand) rand = fault_rand_new ("SIGKILL of the server during saves");
  g_autofree char *uri = storage_test_new_location (NULL, NULL);
  g_autoptr(GArray) acked = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = fault_scaled (SERVER_KILLS);
  gint64 episode_id = 0;
  g_autofree char *prefix = g_strdup_printf ("error %s ", g_quark_to_string (VASTUS_STORE_ERROR));

  g_object_unref (fault_populate (uri, 1, 0, &episode_id));

  for (guint k = 0; k < n; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VastusDatabase) db = NULL;
      g_autofree char *last = NULL;
      guint acks = 0;
      char line[1024];
      int fds[2];
      FILE *in;
      pid_t pid;
      int status;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          saving_client (uri, episode_id, k * 100000, fds[1]);
        }
      close (fds[1]);
      in = fdopen (fds[0], "r");
      g_assert_nonnull (in);
      /* Saves are under way: a few acknowledged, then the server dies at a random moment. */
      while (acks < 5 && fgets (line, sizeof line, in) != NULL)
        {
          gint64 id;

          g_assert_true (g_str_has_prefix (line, "ok "));
          id = g_ascii_strtoll (line + 3, NULL, 10);
          g_array_append_val (acked, id);
          acks++;
        }
      g_assert_cmpuint (acks, ==, 5);
      fault_sleep_us (g_rand_int_range (rand, 0, 20000));
      fault_pg_test_server ("kill");
      while (fgets (line, sizeof line, in) != NULL)
        {
          g_free (last);
          last = g_strdup (line);
          if (g_str_has_prefix (line, "ok "))
            {
              gint64 id = g_ascii_strtoll (line + 3, NULL, 10);

              g_array_append_val (acked, id);
            }
        }
      fclose (in);
      status = fault_wait (pid);
      /* The client ended by itself, cleanly, on the store's error for a lost server. */
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      g_assert_nonnull (last);
      g_test_message ("the client's last word: %s", last);
      g_assert_true (g_str_has_prefix (last, prefix));
      g_assert_cmpint (g_ascii_strtoll (last + strlen (prefix), NULL, 10), ==, VASTUS_STORE_ERROR_OPEN);
      g_assert_nonnull (strstr (last, "the database server cannot be reached"));

      fault_pg_test_server ("restart");
      db = vastus_database_open (uri, &error);
      g_assert_no_error (error);
      /* Every acknowledged visit is there, each whole (fault_make_visit: two measurements). */
      for (guint i = 0; i < acked->len; i++)
        {
          g_autoptr(VastusVisit) visit = vastus_database_get_visit (db, g_array_index (acked, gint64, i),
                                                                    &error);

          g_assert_no_error (error);
          g_assert_cmpuint (visit->measurements->len, ==, 2);
        }
      /* And no half visit: none without its two measurements. */
      g_assert_cmpint (storage_test_query_int (db, "SELECT count(*) FROM visit v WHERE "
                                                   "(SELECT count(*) FROM measurement m "
                                                   "WHERE m.visit_id = v.id) <> 2"), ==, 0);
      g_printerr ("# SIGKILL of the server %u: %u visits acknowledged so far, all whole\n",
                  k + 1, acked->len);
    }
}

/* A connection over a server restart */

static void
assert_lost (const GError *error)
{
  g_assert_error (error, VASTUS_STORE_ERROR, VASTUS_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "the database server cannot be reached"));
}

static guint
count_patients (VastusDatabase *db,
                GError        **error)
{
  VastusPatientQuery query = { 0 };
  g_autoptr(GPtrArray) patients = vastus_database_list_patients (db, &query, error);

  return patients != NULL ? patients->len : G_MAXUINT;
}

static void
test_stale_connection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VastusDatabase) db = storage_test_open ();
  g_autoptr(VastusDatabase) reader = NULL;
  g_autoptr(VastusPatient) inside = vastus_patient_new ();
  g_autoptr(VastusVisit) visit = NULL;
  gint64 episode_id = 0;
  const char *dir = g_getenv ("VASTUS_TEST_PG_DIR");
  int code = 0;

  g_clear_object (&db);
  db = fault_populate (storage_test_last_uri (), 2, 1, &episode_id);
  reader = vastus_database_open_read_only (storage_test_last_uri (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_patients (db, &error), ==, 2);
  g_assert_cmpuint (count_patients (reader, &error), ==, 2);

  /* Idle over a restart: the next calls work, on a new connection; its statements (listing,
   * saving a visit, prepared before) are prepared again. */
  fault_pg_test_server ("restart");
  g_assert_cmpuint (count_patients (db, &error), ==, 2);
  g_assert_no_error (error);
  visit = fault_make_visit (episode_id, 7);
  g_assert_true (vastus_database_insert_visit (db, visit, &error));
  g_assert_no_error (error);
  /* The reader's new connection reads only, as its first did. */
  g_assert_cmpuint (count_patients (reader, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_false (storage_test_exec (reader, "UPDATE patient SET notes = 'read only?'", &code));
  g_assert_cmpint (code, ==, VASTUS_STORE_ERROR_READ_ONLY);

  /* The server down: the call fails, naming the server's socket (in its folder). */
  fault_pg_test_server ("kill");
  g_assert_cmpuint (count_patients (db, &error), ==, G_MAXUINT);
  assert_lost (error);
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);
  /* And back: the next call connects. */
  fault_pg_test_server ("restart");
  g_assert_cmpuint (count_patients (db, &error), ==, 2);
  g_assert_no_error (error);

  /* Lost inside a transaction: what follows fails until the rollback; nothing of it is
   * saved; then the connection is made again. */
  g_assert_true (vastus_database_begin (db, &error));
  inside->mrn = g_strdup ("INSIDE-1");
  inside->name = g_strdup ("Inside Transaction");
  g_date_set_dmy (&inside->birth_date, 1, 2, 1990);
  g_assert_true (vastus_database_insert_patient (db, inside, &error));
  g_assert_no_error (error);
  fault_pg_test_server ("restart");
  g_clear_pointer (&inside->mrn, g_free);
  inside->mrn = g_strdup ("INSIDE-2");
  g_assert_false (vastus_database_insert_patient (db, inside, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == VASTUS_STORE_ERROR);
  g_clear_error (&error);
  g_assert_false (vastus_database_commit (db, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  vastus_database_rollback (db);
  g_assert_cmpuint (count_patients (db, &error), ==, 2);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!storage_test_on_server ())
    g_error ("test-fault-server runs on a server (build-aux/pg-test-server run, with "
             "VASTUS_TEST_ENGINE=postgresql)");
  g_test_add_func ("/fault/server/kill-client-during-import", test_kill_client_during_import);
  g_test_add_func ("/fault/server/kill-server-during-save", test_kill_server_during_save);
  g_test_add_func ("/fault/server/stale-connection", test_stale_connection);
  return g_test_run ();
}
